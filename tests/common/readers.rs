//! How well a PDF's text comes back out of the readers people use: poppler (`pdftotext`),
//! PDFium (Chrome) and pdf.js (Firefox), scored against the dataset's own strings.
//!
//! The definitions are those of `tests/readers/score.py` (the same figures on the command
//! line, for any PDF and dataset); keep the two the same. `tests/text_layer.rs` checks that
//! they agree.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Length of the pieces the sources are cut into.
pub const CHUNK: usize = 12;

/// A program that reads the text of a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reader {
    /// poppler's `pdftotext -raw -enc UTF-8`: content-stream order. (Without `-raw`,
    /// pdftotext rebuilds the physical layout: it interleaves the table's cells line by line
    /// and moves Thai marks, "อยู่ใน" → "อยูใ่ น", "วิธีการ" → "วิธก ี าร"; that mode reads
    /// far worse and is not what copy or search in a viewer gives.)
    Poppler,
    /// PDFium as Chrome uses it: `tests/readers/pdfium_text.py` (pypdfium2).
    Pdfium,
    /// pdf.js as Firefox uses it: `tests/readers/pdfjs_text.mjs` (pdfjs-dist).
    Pdfjs,
}

impl Reader {
    pub const ALL: [Reader; 3] = [Reader::Poppler, Reader::Pdfium, Reader::Pdfjs];

    pub fn name(self) -> &'static str {
        match self {
            Reader::Poppler => "poppler",
            Reader::Pdfium => "pdfium",
            Reader::Pdfjs => "pdfjs",
        }
    }
}

/// Where the reader scripts and their installs live.
pub fn readers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readers")
}

/// The text of `pdf` as `reader` gives it: all pages in order, each ended by a form feed.
/// Panics, saying how to install it, if the reader is missing.
pub fn extract(reader: Reader, pdf: &Path) -> String {
    let dir = readers_dir();
    let pdf_arg = pdf.to_str().expect("PDF paths are UTF-8");
    let (mut command, install) = match reader {
        Reader::Poppler => {
            let mut c = Command::new("pdftotext");
            c.args(["-raw", "-enc", "UTF-8", pdf_arg, "-"]);
            (c, "apt-get install poppler-utils")
        }
        Reader::Pdfium => {
            let python = dir.join(".venv/bin/python");
            let install = "python3 -m venv tests/readers/.venv && \
                 tests/readers/.venv/bin/pip install -r tests/readers/requirements.txt";
            assert!(
                python.exists(),
                "the PDFium reader is not installed (no {}): run `{install}` in the repository \
                 (.ci/run does it)",
                python.display()
            );
            let mut c = Command::new(python);
            c.arg(dir.join("pdfium_text.py")).arg(pdf_arg);
            (c, install)
        }
        Reader::Pdfjs => {
            let install = "npm ci --prefix tests/readers";
            assert!(
                dir.join("node_modules/pdfjs-dist").exists(),
                "the pdf.js reader is not installed (no tests/readers/node_modules/pdfjs-dist): \
                 run `{install}` in the repository (.ci/run does it; needs node >= 20.19)"
            );
            let mut c = Command::new("node");
            c.arg(dir.join("pdfjs_text.mjs")).arg(pdf_arg);
            (c, install)
        }
    };
    let output = command.output().unwrap_or_else(|e| {
        panic!(
            "the {} reader did not start ({e}): `{install}` (.ci/run does it)",
            reader.name()
        )
    });
    assert!(
        output.status.success(),
        "the {} reader failed on {}: {}\n(to install: `{install}`)",
        reader.name(),
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap_or_else(|e| panic!("the {} reader printed invalid UTF-8: {e}", reader.name()))
}

// ---- character classes (same as tests/readers/score.py) ----

/// Unicode White_Space (Python's `isspace` differs: score.py spells the same set out).
pub fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

/// A Thai base letter: ก..ฮ (with ฤ and ฦ).
pub fn is_consonant(c: char) -> bool {
    ('\u{0E01}'..='\u{0E2E}').contains(&c)
}

/// What stacks on or follows a base inside one cluster: the above and below vowels, sara am,
/// maitaikhu, the tone marks, thanthakhat, nikhahit, yamakkan.
pub fn is_mark(c: char) -> bool {
    c == '\u{0E31}'
        || ('\u{0E33}'..='\u{0E3A}').contains(&c)
        || ('\u{0E47}'..='\u{0E4E}').contains(&c)
}

pub fn is_tone(c: char) -> bool {
    ('\u{0E48}'..='\u{0E4B}').contains(&c)
}

/// Above and below vowels (and maitaikhu), which come before a tone mark.
pub fn is_vowel_mark(c: char) -> bool {
    c == '\u{0E31}' || ('\u{0E34}'..='\u{0E3A}').contains(&c) || c == '\u{0E47}'
}

/// Marks, sara a, sara aa, sara am, lakkhangyao: never the first letter of a word.
pub fn cannot_start_word(c: char) -> bool {
    is_mark(c) || matches!(c, '\u{0E30}' | '\u{0E32}' | '\u{0E45}')
}

/// Leading vowels เ แ โ ใ ไ: never the last letter of a word.
pub fn cannot_end_word(c: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&c)
}

/// Characters extracted text must not contain: controls but line feed, tab and the form feed
/// that ends a page, private-use characters, invisible format characters (U+200B..U+200F,
/// U+2060..U+2064, U+FEFF, soft hyphen) and U+FFFD.
pub fn is_bad(c: char) -> bool {
    let o = u32::from(c);
    let control = (o < 0x20 && !matches!(c, '\n' | '\t' | '\u{0C}')) || (0x7F..=0x9F).contains(&o);
    let private = (0xE000..=0xF8FF).contains(&o)
        || (0xF0000..=0xFFFFD).contains(&o)
        || (0x100000..=0x10FFFD).contains(&o);
    let invisible = (0x200B..=0x200F).contains(&o)
        || (0x2060..=0x2064).contains(&o)
        || o == 0xFEFF
        || o == 0xAD;
    control || private || invisible || o == 0xFFFD
}

/// Text without any whitespace.
pub fn squash(text: &str) -> String {
    text.chars().filter(|&c| !is_ws(c)).collect()
}

// ---- source texts ----

const LIST_STYLES: [&str; 4] = ["numbered", "dash", "bullet", "plain"];

/// Every string of the dataset that the report shows as written: not `$schema`, not the dates
/// (`report_date`, a period's `start`/`end`), not list style names, not empty.
pub fn source_texts(dataset: &Value) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) if !s.trim().is_empty() => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            Value::Object(map) => {
                let is_dates = map.contains_key("start")
                    && map.contains_key("end")
                    && !map.contains_key("list");
                for (key, v) in map {
                    if is_dates || key == "$schema" || key == "report_date" {
                        continue;
                    }
                    let style_name = key == "style"
                        && map.contains_key("list")
                        && v.as_str().is_some_and(|s| LIST_STYLES.contains(&s));
                    if !style_name {
                        walk(v, out);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(dataset, &mut out);
    out
}

/// Non-overlapping 12-character pieces of the text without whitespace; the last may be
/// shorter, and a text shorter than 12 is one piece.
pub fn chunks(text: &str) -> Vec<String> {
    let chars: Vec<char> = squash(text).chars().collect();
    chars.chunks(CHUNK).map(|c| c.iter().collect()).collect()
}

// ---- Thai clusters ----

/// (start, end) in `text` of each Thai base letter with at least one mark after it.
pub fn clusters(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if is_consonant(text[i]) {
            let end = marks_end(text, i + 1);
            if end > i + 1 {
                out.push((i, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn marks_end(text: &[char], mut i: usize) -> usize {
    while i < text.len() && is_mark(text[i]) {
        i += 1;
    }
    i
}

/// The doubled text if the cluster `text[start..end]` is the defect: the next cluster is the
/// same (เพิ่ม → เพิ่พิ่ม, โพธิ์ทอง → โพธิ์ธิ์ทอง), or the cluster's marks are one run of
/// marks written twice (พิ่ิ่).
pub fn doubled_at(text: &[char], start: usize, end: usize) -> Option<String> {
    let cluster = &text[start..end];
    let next_end = if end < text.len() {
        marks_end(text, end + 1)
    } else {
        end
    };
    if &text[end..next_end] == cluster {
        return Some(cluster.iter().chain(cluster).collect());
    }
    let marks = &cluster[1..];
    let half = marks.len() / 2;
    if marks.len().is_multiple_of(2) && marks[..half] == marks[half..] {
        return Some(cluster.iter().collect());
    }
    None
}

// ---- score ----

/// How a reader's text of a PDF compares with the texts the PDF shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// Share of the sources' chunks found in the extracted text without whitespace.
    pub found_share: f64,
    /// The same, also counting as found the chunks that a page break splits.
    pub found_share_across_pages: f64,
    pub chunks_total: usize,
    pub chunks_found: usize,
    /// Chunks not found whole but split by a page break (see `straddles`).
    pub straddling: usize,
    /// Chunks found neither whole nor across a page break, in source order.
    pub missing: Vec<String>,
    /// Doubled Thai clusters (see `doubled_at`) whose doubled text is not in the sources.
    pub doubled: usize,
    pub doubled_examples: Vec<String>,
    /// Distinct characters that must not be there (`is_bad`), and U+0E4D if sara am comes out
    /// decomposed (U+0E4D U+0E32).
    pub bad_chars: Vec<char>,
    /// Tone marks directly followed by an above or below vowel.
    pub misordered: usize,
    /// Where they are, with a few characters around (see `visible`).
    pub misordered_examples: Vec<String>,
    /// Whitespace runs inside a word: after a letter that cannot end one or before a letter
    /// that cannot start one (ต าบล, โพธิท ์).
    pub split_words: usize,
    /// Where they are, with a few characters around (see `visible`).
    pub split_examples: Vec<String>,
}

/// A page's text without whitespace, and the char offsets in it where words end and start.
struct Page {
    flat: Vec<char>,
    bounds: HashSet<usize>,
}

impl Page {
    fn new(text: &str) -> Page {
        let mut flat = Vec::new();
        let mut bounds = HashSet::from([0]);
        for c in text.chars() {
            if is_ws(c) {
                bounds.insert(flat.len());
            } else {
                flat.push(c);
            }
        }
        bounds.insert(flat.len());
        Page { flat, bounds }
    }

    /// Whether `part` occurs ending a word (`at_end`) or starting one.
    fn occurs(&self, part: &[char], at_end: bool) -> bool {
        self.flat
            .windows(part.len())
            .enumerate()
            .filter(|(_, w)| *w == part)
            .any(|(at, _)| {
                self.bounds
                    .contains(&if at_end { at + part.len() } else { at })
            })
    }
}

/// Whether the chunk is split by a page break: for some cut, its head ends a word on one page
/// and its tail starts a word on the next (a table row that goes on over the page, with the
/// footer, page number and repeated header between the two parts).
fn straddles(chunk: &str, pages: &[Page]) -> bool {
    let chars: Vec<char> = chunk.chars().collect();
    (1..chars.len()).any(|cut| {
        let (head, tail) = chars.split_at(cut);
        pages
            .windows(2)
            .any(|p| p[0].occurs(head, true) && p[1].occurs(tail, false))
    })
}

/// Scores `extracted` (a reader's text of a PDF, each page ended by a form feed) against
/// `source_texts`, the texts the PDF shows. See the fields of `Score`.
pub fn score(source_texts: &[String], extracted: &str) -> Score {
    let mut s = Score::default();
    let flat = squash(extracted);
    let pages: Vec<Page> = extracted.split('\u{0C}').map(Page::new).collect();
    for text in source_texts {
        for chunk in chunks(text) {
            s.chunks_total += 1;
            if flat.contains(&chunk) {
                s.chunks_found += 1;
            } else if straddles(&chunk, &pages) {
                s.straddling += 1;
            } else {
                s.missing.push(chunk);
            }
        }
    }
    let share = |n: usize| {
        if s.chunks_total == 0 {
            1.0
        } else {
            n as f64 / s.chunks_total as f64
        }
    };
    s.found_share = share(s.chunks_found);
    s.found_share_across_pages = share(s.chunks_found + s.straddling);

    let sources: String = source_texts
        .iter()
        .map(|t| squash(t))
        .collect::<Vec<_>>()
        .join("\n");
    let flat_chars: Vec<char> = flat.chars().collect();
    for (start, end) in clusters(&flat_chars) {
        if let Some(doubled) = doubled_at(&flat_chars, start, end)
            && !sources.contains(&doubled)
        {
            s.doubled += 1;
            s.doubled_examples.push(doubled);
        }
    }

    let mut bad: BTreeSet<char> = extracted.chars().filter(|&c| is_bad(c)).collect();
    if extracted.contains("\u{0E4D}\u{0E32}") {
        bad.insert('\u{0E4D}');
    }
    s.bad_chars = bad.into_iter().collect();

    let chars: Vec<char> = extracted.chars().collect();
    let around = |from: usize, to: usize| {
        let text: String = chars[from.saturating_sub(4)..(to + 4).min(chars.len())]
            .iter()
            .collect();
        visible(&text)
    };
    for k in 0..chars.len().saturating_sub(1) {
        if is_tone(chars[k]) && is_vowel_mark(chars[k + 1]) {
            s.misordered += 1;
            s.misordered_examples.push(around(k, k + 2));
        }
    }
    let mut i = 0;
    while i < chars.len() {
        if is_ws(chars[i]) {
            let mut j = i;
            while j < chars.len() && is_ws(chars[j]) {
                j += 1;
            }
            if i > 0
                && j < chars.len()
                && (cannot_end_word(chars[i - 1]) || cannot_start_word(chars[j]))
            {
                s.split_words += 1;
                s.split_examples.push(around(i, j));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    s
}

/// What the extraction has where `chunk` should be (`flat` is the extraction without
/// whitespace): from the chunk's longest head found (at least 3 characters) to the nearest
/// longest tail found after it; else the text after its longest head or before its longest
/// tail; "?" if neither is there.
pub fn context(chunk: &str, flat: &str) -> String {
    let chunk: Vec<char> = chunk.chars().collect();
    let flat: Vec<char> = flat.chars().collect();
    let n = chunk.len();
    let at = |part: &[char]| -> Vec<usize> {
        flat.windows(part.len())
            .enumerate()
            .filter(|(_, w)| *w == part)
            .map(|(i, _)| i)
            .collect()
    };
    let text = |from: usize, to: usize| flat[from..to.min(flat.len())].iter().collect();
    for k in (3..n).rev() {
        for p in at(&chunk[..k]) {
            for m in (3..=n - k).rev() {
                let limit = p + n + 6;
                if let Some(q) = at(&chunk[n - m..])
                    .into_iter()
                    .find(|&q| q >= p + k && q + m <= limit)
                {
                    return text(p, q + m);
                }
            }
        }
    }
    for k in (3..n).rev() {
        if let Some(&p) = at(&chunk[..k]).first() {
            return text(p, p + n + 3);
        }
        if let Some(&q) = at(&chunk[n - k..]).first() {
            return text((q + k).saturating_sub(n + 3), q + k);
        }
    }
    "?".into()
}

/// Text with its whitespace and bad characters shown: ␣ space, ⏎ line feed, ⇟ form feed
/// (page end), other whitespace and `is_bad` characters as ⟨U+0017⟩.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => "␣".to_owned(),
            '\n' => "⏎".to_owned(),
            '\u{0C}' => "⇟".to_owned(),
            c if is_ws(c) || is_bad(c) => format!("⟨U+{:04X}⟩", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// Characters as `U+0E4D U+0017`, or `-` for none.
pub fn show_chars(chars: &[char]) -> String {
    if chars.is_empty() {
        return "-".into();
    }
    chars
        .iter()
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The header of the figures table (the same columns as score.py prints).
pub fn table_header(first: &str) -> String {
    format!(
        "{first:<28} {:>6} {:>6} {:>7} {:>7} {:>6} {:>5}  bad chars",
        "found", "+pages", "missing", "doubled", "misord", "split"
    )
}

/// One line of the figures table.
pub fn table_row(name: &str, s: &Score) -> String {
    format!(
        "{name:<28} {:6.3} {:6.3} {:>3}/{:<4}{:6} {:6} {:5}  {}",
        s.found_share,
        s.found_share_across_pages,
        s.missing.len(),
        s.chunks_total,
        s.doubled,
        s.misordered,
        s.split_words,
        show_chars(&s.bad_chars)
    )
}
