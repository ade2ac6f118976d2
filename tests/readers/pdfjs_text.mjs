#!/usr/bin/env node
// Prints the text of a PDF as pdf.js (Firefox's PDF viewer) gives it, UTF-8, to stdout.
//
// Usage: node tests/readers/pdfjs_text.mjs FILE.pdf
//
// The text is what Firefox puts on the clipboard for "select all, copy": pdf.js's own
// PDFViewer.getAllText (web/pdf_viewer.mjs): every page's getTextContent() items joined with
// nothing between them, a newline where an item has hasEOL, NUL characters removed, pages
// joined with a newline. A partial selection copies the same strings (the text layer's spans,
// with <br> at hasEOL) through normalizeUnicode, which is what getTextContent() applies by
// default here. pdf.js ignores /ActualText, as Firefox does. One difference: each page ends
// with a form feed (as in pdftotext's output) instead of pages being joined by a newline, so
// that the scorer knows where pages end.
import { readFile } from "node:fs/promises";
import { getDocument, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";

const path = process.argv[2];
if (!path || process.argv.length > 3) {
  process.stderr.write("usage: node pdfjs_text.mjs FILE.pdf\n");
  process.exit(2);
}

try {
  const data = new Uint8Array(await readFile(path));
  const pdf = await getDocument({
    data,
    verbosity: VerbosityLevel.ERRORS,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const { items } = await page.getTextContent();
    const buffer = [];
    for (const item of items) {
      if (item.str) buffer.push(item.str);
      if (item.hasEOL) buffer.push("\n");
    }
    pages.push(buffer.join("").replaceAll("\x00", ""));
    page.cleanup();
  }
  await pdf.destroy();
  process.stdout.write(pages.map((page) => page + "\f").join(""));
} catch (error) {
  process.stderr.write(`pdfjs_text: ${path}: ${error?.message ?? error}\n`);
  process.exit(1);
}
