#!/usr/bin/env python3
"""How well a rendered report's text comes back out of the PDF readers people use.

Usage:
  tests/readers/score.py DATASET.json REPORT.pdf [--show N] [--dump DIR] [--json]
  tests/readers/score.py DATASET.json --text EXTRACTED.txt [--show N] [--json]
  tests/readers/score.py DATASET.json --sources

For each reader (poppler `pdftotext -raw`, PDFium, pdf.js; also poppler's default layout
mode, for information) prints the share of the dataset's text found again in the extracted
text, the Thai clusters that come out doubled, the characters a clerk must never get, tone
marks out of logical order and whitespace inside words. With --show N, N missing chunks per
reader with what the reader gave there instead. --text scores a text file (pages ended by
form feeds) instead of a PDF; --sources prints the strings that are scored.

The definitions are those of tests/common/readers.rs (`source_texts` and `score`); keep the
two the same. Readers: poppler-utils on the PATH, the PDFium venv at tests/readers/.venv
(python3 -m venv tests/readers/.venv && tests/readers/.venv/bin/pip install -r
tests/readers/requirements.txt) and pdf.js in tests/readers/node_modules
(npm ci --prefix tests/readers). Needs only the Python standard library itself.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHUNK = 12
LIST_STYLES = {"numbered", "dash", "bullet", "plain"}

# ---- character classes (same as tests/common/readers.rs) ----

# Unicode White_Space, as Rust's char::is_whitespace.
WHITESPACE = (
    set(range(0x09, 0x0E))
    | {0x20, 0x85, 0xA0, 0x1680}
    | set(range(0x2000, 0x200B))
    | {0x2028, 0x2029, 0x202F, 0x205F, 0x3000}
)


def is_ws(c: str) -> bool:
    return ord(c) in WHITESPACE


def is_consonant(c: str) -> bool:
    """A Thai base letter: ก..ฮ (with ฤ and ฦ)."""
    return 0x0E01 <= ord(c) <= 0x0E2E


def is_mark(c: str) -> bool:
    """What stacks on or follows a base inside one cluster: the above and below vowels,
    sara am, maitaikhu, the tone marks, thanthakhat, nikhahit, yamakkan."""
    o = ord(c)
    return o == 0x0E31 or 0x0E33 <= o <= 0x0E3A or 0x0E47 <= o <= 0x0E4E


def is_tone(c: str) -> bool:
    return 0x0E48 <= ord(c) <= 0x0E4B


def is_vowel_mark(c: str) -> bool:
    """Above and below vowels (and maitaikhu), which come before a tone mark."""
    o = ord(c)
    return o == 0x0E31 or 0x0E34 <= o <= 0x0E3A or o == 0x0E47


def cannot_start_word(c: str) -> bool:
    """Marks, sara a, sara aa, sara am, lakkhangyao: never the first letter of a word."""
    return is_mark(c) or ord(c) in (0x0E30, 0x0E32, 0x0E45)


def cannot_end_word(c: str) -> bool:
    """Leading vowels เ แ โ ใ ไ: never the last letter of a word."""
    return 0x0E40 <= ord(c) <= 0x0E44


def is_bad(c: str) -> bool:
    """Characters extracted text must not contain: controls but line feed, tab and the form
    feed that ends a page, private-use characters, invisible format characters (U+200B..U+200F,
    U+2060..U+2064, U+FEFF, soft hyphen) and U+FFFD."""
    o = ord(c)
    control = (o < 0x20 and c not in "\n\t\f") or 0x7F <= o <= 0x9F
    private = 0xE000 <= o <= 0xF8FF or 0xF0000 <= o <= 0xFFFFD or 0x100000 <= o <= 0x10FFFD
    invisible = 0x200B <= o <= 0x200F or 0x2060 <= o <= 0x2064 or o in (0xFEFF, 0xAD)
    return control or private or invisible or o == 0xFFFD


def visible(text: str) -> str:
    """Text with its whitespace and bad characters shown: ␣ space, ⏎ line feed, ⇟ form feed
    (page end), other whitespace and `is_bad` characters as ⟨U+0017⟩."""
    names = {" ": "␣", "\n": "⏎", "\f": "⇟"}
    return "".join(
        names.get(c) or (f"⟨U+{ord(c):04X}⟩" if is_ws(c) or is_bad(c) else c) for c in text
    )


def squash(text: str) -> str:
    return "".join(c for c in text if not is_ws(c))


# ---- source texts ----


def source_texts(dataset: dict) -> list[str]:
    """Every string of the dataset that the report shows as written: not `$schema`, not the
    dates (`report_date`, a period's `start`/`end`), not list style names, not empty."""
    out: list[str] = []

    def walk(value, key=None):
        if isinstance(value, str):
            if value.strip():
                out.append(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            is_dates = "start" in value and "end" in value and "list" not in value
            for k, v in value.items():
                if k in ("$schema", "report_date") or is_dates:
                    continue
                if k == "style" and "list" in value and v in LIST_STYLES:
                    continue
                walk(v, k)

    walk(dataset)
    return out


def chunks(text: str) -> list[str]:
    """Non-overlapping 12-character pieces of the text without whitespace; the last may be
    shorter, and a text shorter than 12 is one piece."""
    s = squash(text)
    return [s[i : i + CHUNK] for i in range(0, len(s), CHUNK)]


# ---- Thai clusters ----


def clusters(text: str):
    """(start, cluster) for each Thai base letter with at least one mark after it."""
    i = 0
    n = len(text)
    while i < n:
        if is_consonant(text[i]):
            j = i + 1
            while j < n and is_mark(text[j]):
                j += 1
            if j > i + 1:
                yield i, text[i:j]
            i = j
        else:
            i += 1


def doubled_at(text: str, start: int, cluster: str) -> str | None:
    """The doubled text if the cluster at `start` is the defect: the next cluster is the same
    (เพิ่ม → เพิ่พิ่ม, โพธิ์ทอง → โพธิ์ธิ์ทอง), or the cluster's marks are one run of marks
    written twice (พิ่ิ่)."""
    end = start + len(cluster)
    after = end + 1
    while after < len(text) and is_mark(text[after]):
        after += 1
    if text[end:after] == cluster:
        return cluster + cluster
    marks = cluster[1:]
    half = len(marks) // 2
    if len(marks) % 2 == 0 and marks[:half] == marks[half:]:
        return cluster
    return None


# ---- score ----


@dataclass
class Score:
    chunks_total: int = 0
    chunks_found: int = 0
    straddling: int = 0
    missing: list[str] = field(default_factory=list)
    doubled: int = 0
    doubled_examples: list[str] = field(default_factory=list)
    bad_chars: list[str] = field(default_factory=list)
    misordered: int = 0
    misordered_examples: list[str] = field(default_factory=list)
    split_words: int = 0
    split_examples: list[str] = field(default_factory=list)

    @property
    def found_share(self) -> float:
        return self.chunks_found / self.chunks_total if self.chunks_total else 1.0

    @property
    def found_share_across_pages(self) -> float:
        found = self.chunks_found + self.straddling
        return found / self.chunks_total if self.chunks_total else 1.0

    def as_dict(self) -> dict:
        return {
            "found_share": self.found_share,
            "found_share_across_pages": self.found_share_across_pages,
            "chunks_total": self.chunks_total,
            "chunks_found": self.chunks_found,
            "straddling": self.straddling,
            "doubled": self.doubled,
            "bad_chars": [f"U+{ord(c):04X}" for c in self.bad_chars],
            "misordered": self.misordered,
            "split_words": self.split_words,
            "misordered_examples": self.misordered_examples,
            "split_examples": self.split_examples,
            "missing": self.missing,
            "doubled_examples": self.doubled_examples,
        }


class Page:
    """A page's text without whitespace, and where its words end and start in it (offsets at
    which the text had whitespace, and both ends)."""

    def __init__(self, text: str):
        self.flat = squash(text)
        self.bounds = {0}
        n = 0
        for c in text:
            if is_ws(c):
                self.bounds.add(n)
            else:
                n += 1
        self.bounds.add(n)

    def occurs(self, part: str, at_end: bool) -> bool:
        """Whether `part` occurs ending a word (at_end) or starting one."""
        at = self.flat.find(part)
        while at >= 0:
            if (at + len(part) if at_end else at) in self.bounds:
                return True
            at = self.flat.find(part, at + 1)
        return False


def straddles(chunk: str, pages: list[Page]) -> bool:
    """Whether the chunk is split by a page break: for some cut, its head ends a word on one
    page and its tail starts a word on the next (a table row that goes on over the page, with
    the footer, page number and repeated header between the two parts)."""
    for cut in range(1, len(chunk)):
        head, tail = chunk[:cut], chunk[cut:]
        for this, following in zip(pages, pages[1:]):
            if this.occurs(head, True) and following.occurs(tail, False):
                return True
    return False


def score(sources: list[str], extracted: str) -> Score:
    """Scores `extracted` (a reader's text of a PDF, each page ended by a form feed) against
    the texts the PDF shows.

    - found_share: share of the sources' chunks (see `chunks`) that occur in the extracted
      text without whitespace; found_share_across_pages also counts as found the chunks that
      a page break splits (`straddles`; `straddling` counts them);
    - doubled: places in the extracted text without whitespace where a Thai cluster with at
      least one mark is doubled (`doubled_at`) and that doubled text is nowhere in the sources
      without whitespace;
    - bad_chars: distinct characters `is_bad` finds, and U+0E4D where it comes before U+0E32
      (sara am decomposed into nikhahit + sara aa);
    - misordered: a tone mark directly followed by an above or below vowel;
    - split_words: whitespace runs between a letter that cannot end a word and one that
      cannot start a word (ต าบล, โพธิท ์).
    """
    s = Score()
    flat = squash(extracted)
    pages = [Page(p) for p in extracted.split("\f")]
    for text in sources:
        for chunk in chunks(text):
            s.chunks_total += 1
            if chunk in flat:
                s.chunks_found += 1
            elif straddles(chunk, pages):
                s.straddling += 1
            else:
                s.missing.append(chunk)

    joined_sources = "\n".join(squash(t) for t in sources)
    for start, cluster in clusters(flat):
        doubled = doubled_at(flat, start, cluster)
        if doubled is not None and doubled not in joined_sources:
            s.doubled += 1
            s.doubled_examples.append(doubled)

    bad = {c for c in extracted if is_bad(c)}
    if "\u0e4d\u0e32" in extracted:
        bad.add("\u0e4d")
    s.bad_chars = sorted(bad)

    def around(start: int, end: int) -> str:
        return visible(extracted[max(0, start - 4) : end + 4])

    for k in range(len(extracted) - 1):
        if is_tone(extracted[k]) and is_vowel_mark(extracted[k + 1]):
            s.misordered += 1
            s.misordered_examples.append(around(k, k + 2))
    i = 0
    n = len(extracted)
    while i < n:
        if is_ws(extracted[i]):
            j = i
            while j < n and is_ws(extracted[j]):
                j += 1
            if i > 0 and j < n and (cannot_end_word(extracted[i - 1]) or cannot_start_word(extracted[j])):
                s.split_words += 1
                s.split_examples.append(around(i, j))
            i = j
        else:
            i += 1
    return s


def context(chunk: str, flat: str) -> str:
    """What the extraction has where `chunk` should be (`flat` is the extraction without
    whitespace): from the chunk's longest head found (at least 3 characters) to the nearest
    longest tail found after it; else the text after its longest head or before its longest
    tail; "?" if neither is there. (As tests/common/readers.rs `context`.)"""
    n = len(chunk)

    def at(part: str) -> list[int]:
        out, i = [], flat.find(part)
        while i >= 0:
            out.append(i)
            i = flat.find(part, i + 1)
        return out

    for k in range(n - 1, 2, -1):
        for p in at(chunk[:k]):
            for m in range(n - k, 2, -1):
                for q in at(chunk[n - m :]):
                    if q >= p + k and q + m <= p + n + 6:
                        return flat[p : q + m]
    for k in range(n - 1, 2, -1):
        heads = at(chunk[:k])
        if heads:
            return flat[heads[0] : heads[0] + n + 3]
        tails = at(chunk[n - k :])
        if tails:
            return flat[max(0, tails[0] + k - n - 3) : tails[0] + k]
    return "?"


# ---- readers ----

READERS = ["poppler", "pdfium", "pdfjs", "poppler-layout"]


def extract(reader: str, pdf: Path) -> str:
    if reader == "poppler":
        cmd = ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"]
    elif reader == "poppler-layout":
        cmd = ["pdftotext", "-enc", "UTF-8", str(pdf), "-"]
    elif reader == "pdfium":
        python = HERE / ".venv" / "bin" / "python"
        if not python.exists():
            raise SystemExit(
                "PDFium reader not installed: python3 -m venv tests/readers/.venv && "
                "tests/readers/.venv/bin/pip install -r tests/readers/requirements.txt"
            )
        cmd = [str(python), str(HERE / "pdfium_text.py"), str(pdf)]
    elif reader == "pdfjs":
        if not (HERE / "node_modules" / "pdfjs-dist").exists():
            raise SystemExit("pdf.js reader not installed: npm ci --prefix tests/readers")
        cmd = ["node", str(HERE / "pdfjs_text.mjs"), str(pdf)]
    else:
        raise ValueError(reader)
    done = subprocess.run(cmd, capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"{reader} failed on {pdf}: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode("utf-8")


HEADER = (
    f"{'reader':<15} {'found':>6} {'+pages':>6} {'missing':>7} {'doubled':>7} {'misord':>6} "
    f"{'split':>5}  bad chars"
)


def row(name: str, s: Score) -> str:
    """One line of the figures table (the same columns as tests/text_layer.rs prints)."""
    return (
        f"{name:<15} {s.found_share:6.3f} {s.found_share_across_pages:6.3f} "
        f"{len(s.missing):3}/{s.chunks_total:<4}{s.doubled:6} {s.misordered:6} "
        f"{s.split_words:5}  {show_chars(s.bad_chars)}"
    )


def show_chars(chars: list[str]) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in chars) or "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("pdf", type=Path, nargs="?")
    parser.add_argument("--text", type=Path, help="score this extracted text instead of a PDF")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="N missing chunks per reader")
    parser.add_argument("--dump", type=Path, metavar="DIR", help="write each reader's text to DIR/READER.txt")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--sources", action="store_true", help="print the dataset's source texts as JSON")
    args = parser.parse_args()
    sources = source_texts(json.loads(args.dataset.read_text(encoding="utf-8")))
    if args.sources:
        print(json.dumps(sources, ensure_ascii=False, indent=1))
        return 0
    if (args.pdf is None) == (args.text is None):
        parser.error("give REPORT.pdf or --text FILE")

    if args.text is not None:
        texts = {"text": args.text.read_text(encoding="utf-8")}
    else:
        texts = {r: extract(r, args.pdf) for r in READERS}
    if args.dump:
        os.makedirs(args.dump, exist_ok=True)
        for name, text in texts.items():
            (args.dump / f"{name}.txt").write_text(text, encoding="utf-8")
    scores = {name: score(sources, text) for name, text in texts.items()}

    if args.json:
        print(json.dumps({n: s.as_dict() for n, s in scores.items()}, ensure_ascii=False, indent=1))
        return 0
    print(HEADER)
    for name, s in scores.items():
        print(row(name, s))
    for name, s in scores.items():
        if not args.show:
            continue
        flat = squash(texts[name])
        n = args.show
        print(f"\n{name}:")
        print(f"  doubled     {' '.join(s.doubled_examples[:n]) or '-'}")
        print(f"  misordered  {'  '.join(s.misordered_examples[:n]) or '-'}")
        print(f"  split words {'  '.join(s.split_examples[:n]) or '-'}")
        for chunk in s.missing[:n]:
            print(f"  source    {chunk}\n  extracted {visible(context(chunk, flat))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
