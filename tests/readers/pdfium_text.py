#!/usr/bin/env python3
"""Prints the text of a PDF as PDFium (Chrome's PDF viewer) gives it, UTF-8, to stdout.

Usage: tests/readers/.venv/bin/python tests/readers/pdfium_text.py FILE.pdf

Every page's whole text range (FPDFText_GetText through pypdfium2's
TextPage.get_text_range), in page order, each page followed by a form feed (as pdftotext
does), so that the scorer knows where pages end. PDFium writes line ends as "\\r\\n"; they
come out as "\\n". PDFium gives a hyphen that ends a line as U+FFFE; it comes out as the
"-" the page shows (Chrome's copy drops it instead, taking it for a soft hyphen: that is the
viewer's choice, not the PDF's text).
"""

import sys

import pypdfium2 as pdfium


def text_of(path: str) -> str:
    pdf = pdfium.PdfDocument(path)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-"))
            textpage.close()
            page.close()
        return "".join(page + "\f" for page in pages)
    finally:
        pdf.close()


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: pdfium_text.py FILE.pdf", file=sys.stderr)
        return 2
    try:
        text = text_of(sys.argv[1])
    except Exception as error:  # noqa: BLE001 - report any reader failure as exit 1
        print(f"pdfium_text: {sys.argv[1]}: {error}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
