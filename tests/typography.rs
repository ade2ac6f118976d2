//! Thai typography read back from real PDFs: where lines break (pdftotext -bbox-layout), and
//! the share of line ends that fall inside a dictionary word, with the tool's dictionary
//! breaks and with Typst's own model.

use std::fs;
use std::path::Path;

use crate::common::*;
use ita_report_engine::thai::segment::breakable_boundaries;
use serde_json::Value;

/// The lines of a PDF, each as its words' text without white space. poppler sometimes puts a
/// zero-width mark placed past its consonant into a line of its own at the same height: lines
/// of one block at the same height are merged again, their words in left-to-right order.
fn lines(pdf: &Path) -> Vec<String> {
    let xml = tool(
        "pdftotext",
        &["-bbox-layout", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    );
    let mut out = Vec::new();
    for block in xml.split("<block").skip(1) {
        let block = block.split("</block>").next().unwrap_or("");
        // (yMin, [(xMin, text)])
        let mut merged: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
        for line in block.split("<line").skip(1) {
            let line = line.split("</line>").next().unwrap_or("");
            let y = attribute(line, "yMin");
            let words: Vec<(f64, String)> = line
                .split("<word")
                .skip(1)
                .filter_map(|w| {
                    let (head, rest) = w.split_once('>')?;
                    Some((
                        attribute(head, "xMin"),
                        unescape(rest.split("</word>").next().unwrap_or("")),
                    ))
                })
                .collect();
            match merged.iter_mut().find(|(other, _)| (other - y).abs() < 1.0) {
                Some((_, existing)) => existing.extend(words),
                None => merged.push((y, words)),
            }
        }
        for (_, mut words) in merged {
            words.sort_by(|a, b| a.0.total_cmp(&b.0));
            let text: String = words.into_iter().map(|(_, w)| w).collect();
            if !text.is_empty() {
                out.push(text);
            }
        }
    }
    out
}

fn attribute(element: &str, name: &str) -> f64 {
    element
        .split(&format!("{name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// Thai above and below marks, which readers may place out of order.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn is_thai_letter(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}')
}

/// A source string without white space, and the positions in it where a line may end
/// without splitting a word: next to anything that is not a Thai letter, and at dictionary
/// word boundaries inside Thai runs (a long compound such as องค์การบริหารส่วนตำบล may part
/// between the words it is made of).
struct Source {
    text: Vec<char>,
    allowed: Vec<bool>,
}

impl Source {
    fn new(original: &str) -> Source {
        let chars: Vec<char> = original.chars().collect();
        // Allowed break positions in the original, by char index.
        let mut allowed: Vec<bool> = (0..=chars.len())
            .map(|i| {
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i).copied();
                !before.is_some_and(is_thai_letter) || !after.is_some_and(is_thai_letter)
            })
            .collect();
        let mut i = 0;
        while i < chars.len() {
            if !is_thai_letter(chars[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && is_thai_letter(chars[i]) {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            for b in breakable_boundaries(&run) {
                allowed[start + run[..b].chars().count()] = true;
            }
        }
        // Map to the text without white space.
        let mut text = Vec::new();
        let mut squashed_allowed = vec![allowed[0]];
        for (i, c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                let last = squashed_allowed.len() - 1;
                squashed_allowed[last] = true;
                continue;
            }
            text.push(*c);
            squashed_allowed.push(allowed[i + 1]);
        }
        Source {
            text,
            allowed: squashed_allowed,
        }
    }

    /// Where `line` ends in this source, comparing without marks (see [`lines`]).
    fn end_of(&self, line: &[char]) -> Option<usize> {
        let skeleton: Vec<char> = line.iter().copied().filter(|c| !is_mark(*c)).collect();
        let (first, rest) = skeleton.split_first()?;
        'start: for i in 0..self.text.len() {
            if self.text[i] != *first {
                continue;
            }
            let mut j = i + 1;
            for c in rest {
                while j < self.text.len() && is_mark(self.text[j]) {
                    j += 1;
                }
                if j >= self.text.len() || self.text[j] != *c {
                    continue 'start;
                }
                j += 1;
            }
            // The line's own marks after its last letter belong to it.
            while j < self.text.len() && is_mark(self.text[j]) {
                j += 1;
            }
            return Some(j);
        }
        None
    }
}

#[derive(Debug, Default)]
struct Breaks {
    inside_thai_runs: usize,
    inside_words: usize,
    bad_starts: Vec<String>,
    bad_ends: Vec<String>,
    examples: Vec<String>,
}

fn measure(pdf: &Path, sources: &[Source]) -> Breaks {
    let mut breaks = Breaks::default();
    for line in lines(pdf) {
        let chars: Vec<char> = line.chars().collect();
        if chars.len() < 4 {
            continue;
        }
        let first = chars[0];
        if matches!(first, 'ะ' | 'ั' | 'า' | 'ำ' | 'ิ'..='ฺ' | 'ๅ' | '็'..='๎') {
            breaks.bad_starts.push(line.clone());
        }
        if matches!(chars[chars.len() - 1], 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ') {
            breaks.bad_ends.push(line.clone());
        }
        let Some((source, end)) = sources
            .iter()
            .find_map(|s| s.end_of(&chars).map(|end| (s, end)))
        else {
            continue;
        };
        if end >= source.text.len()
            || !is_thai_letter(source.text[end - 1])
            || !is_thai_letter(source.text[end])
        {
            continue;
        }
        breaks.inside_thai_runs += 1;
        if !source.allowed[end] {
            breaks.inside_words += 1;
            if breaks.examples.len() < 8 {
                let tail: String = source.text[end.saturating_sub(8)..end].iter().collect();
                let head: String = source.text[end..(end + 8).min(source.text.len())]
                    .iter()
                    .collect();
                breaks.examples.push(format!("{tail}|{head}"));
            }
        }
    }
    breaks
}

fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| *k != "style")
            .for_each(|(_, v)| strings(v, out)),
        _ => {}
    }
}

#[test]
fn thai_lines_break_between_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    let mut totals = [(0usize, 0usize); 2];
    for dataset in ["tests/data/long-thai.json", "samples/sawang-2567.json"] {
        let value: Value = serde_json::from_slice(&fs::read(repo(dataset)).unwrap()).unwrap();
        let mut all = Vec::new();
        strings(&value, &mut all);
        let sources: Vec<Source> = all.iter().map(|s| Source::new(s)).collect();
        for (mode, flag) in [(0, "dictionary"), (1, "typst")] {
            let pdf = dir.path().join(format!("{mode}.pdf"));
            render_ok(&repo(dataset), &pdf, &["--line-breaks", flag]);
            let breaks = measure(&pdf, &sources);
            totals[mode].0 += breaks.inside_words;
            totals[mode].1 += breaks.inside_thai_runs;
            report.push(format!(
                "{dataset:<28} {flag:<10} line ends inside Thai text: {:>4}, inside a word: {:>3} ({:.1}%) e.g. {:?}",
                breaks.inside_thai_runs,
                breaks.inside_words,
                100.0 * breaks.inside_words as f64 / breaks.inside_thai_runs.max(1) as f64,
                breaks.examples
            ));
            if mode == 0 {
                assert!(
                    breaks.bad_starts.is_empty(),
                    "lines starting with a following vowel or mark: {:?}",
                    breaks.bad_starts
                );
                assert!(
                    breaks.bad_ends.is_empty(),
                    "lines ending with a leading vowel: {:?}",
                    breaks.bad_ends
                );
            }
        }
    }
    for line in &report {
        eprintln!("{line}");
    }
    let share = |(inside, all): (usize, usize)| inside as f64 / all.max(1) as f64;
    eprintln!(
        "mid-word line ends: dictionary {:.2}%, typst model {:.2}%",
        100.0 * share(totals[0]),
        100.0 * share(totals[1])
    );
    assert!(
        totals[0].1 >= 100,
        "too few Thai line ends to measure: {}",
        totals[0].1
    );
    // What remains are compounds the word list knows whole but a narrow cell had to part.
    assert!(
        share(totals[0]) <= 0.02,
        "dictionary breaks still split words: {report:#?}"
    );
    assert!(
        share(totals[0]) < share(totals[1]) || totals[1].0 == 0,
        "{report:#?}"
    );
}

#[test]
fn a_code_wider_than_its_column_breaks_inside_the_column() {
    let dir = tempfile::tempdir().unwrap();
    // No space, separator or Thai letter to break at; each is wider than its column.
    let codes = ["WWMMWWMMWWMMWWMMWW", "T:6Mi+]G๑๒๓๔๕๖"];
    let dataset = serde_json::json!({
        "organization": {"name": "องค์การบริหารส่วนตำบลสว่าง"},
        "fiscal_year": 2567,
        "measures": [
            {"measure": "ก", "method": "ข", "responsible": codes[0], "period": "ไตรมาสแรก",
             "result": "ค", "outcome": "ง"},
            {"measure": "ก", "method": "ข", "responsible": codes[1], "period": "ไตรมาสสอง",
             "result": "ค", "outcome": "ง"},
        ],
    });
    let json = dir.path().join("codes.json");
    fs::write(&json, dataset.to_string()).unwrap();
    let pdf = dir.path().join("codes.pdf");
    render_ok(&json, &pdf, &[]);
    let words: Vec<(f64, f64, String)> = words_by_page(&pdf)
        .into_iter()
        .map(|(_, left, _, right, text)| (left, right, text))
        .collect();
    for (code, period) in codes.iter().zip(["ไตรมาสแรก", "ไตรมาสสอง"])
    {
        let next_column = words
            .iter()
            .find(|(_, _, w)| w == period)
            .map(|(left, _, _)| *left)
            .expect("the period cell is on the page");
        // The code's pieces, in order, on lines of their own column.
        let mut rest = code.to_string();
        for (_, right, word) in &words {
            if !word.is_empty() && rest.starts_with(word.as_str()) {
                assert!(
                    *right < next_column - 4.0,
                    "{word:?} of {code:?} reaches {right:.1}, the next column starts at {next_column:.1}"
                );
                rest = rest[word.len()..].to_string();
            }
        }
        assert!(rest.is_empty(), "{code:?}: {rest:?} not found on the page");
        assert!(
            !words.iter().any(|(_, _, w)| w == code),
            "{code:?} stayed on one line"
        );
    }
}

/// The words of each page with their boxes: (page, xMin, yMin, xMax, text).
fn words_by_page(pdf: &Path) -> Vec<(usize, f64, f64, f64, String)> {
    let xml = tool(
        "pdftotext",
        &["-bbox", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    );
    let mut out = Vec::new();
    for (page, text) in xml.split("<page").skip(1).enumerate() {
        for w in text.split("<word").skip(1) {
            let Some((head, rest)) = w.split_once('>') else {
                continue;
            };
            out.push((
                page + 1,
                attribute(head, "xMin"),
                attribute(head, "yMin"),
                attribute(head, "xMax"),
                unescape(rest.split("</word>").next().unwrap_or("")),
            ));
        }
    }
    out
}

#[test]
fn table_text_stays_inside_its_column() {
    // The official layout's geometry: A4 landscape, margins 3 cm left and 2 cm right, columns
    // in these proportions, 5 pt cell padding; the footer sits in the 2 cm bottom margin.
    let (page_height, left, right) = (595.28, 85.04, 841.89 - 56.69);
    let fractions = [1.6, 2.35, 1.2, 1.2, 2.45, 1.8];
    let total: f64 = fractions.iter().sum();
    let edges: Vec<f64> = fractions
        .iter()
        .scan(left, |x, f| {
            *x += (right - left) * f / total;
            Some(*x)
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    for sample in ["samples/sawang-2567.json", "samples/short-example.json"] {
        // Without signatures, everything from the table heading down is table text.
        let mut dataset: Value =
            serde_json::from_str(&fs::read_to_string(repo(sample)).unwrap()).unwrap();
        dataset.as_object_mut().unwrap().remove("signatories");
        let json = dir.path().join("dataset.json");
        fs::write(&json, dataset.to_string()).unwrap();
        for extra in [
            &[][..],
            &["--date-style", "full"],
            &["--font-size", "18"],
            &["--line-breaks", "typst"],
        ] {
            let pdf = dir.path().join("out.pdf");
            render_ok(&json, &pdf, extra);
            let words = words_by_page(&pdf);
            let mut checked = 0;
            for (page, x0, y0, x1, text) in &words {
                let Some(heading) = words.iter().find(|w| w.0 == *page && w.4 == "มาตรการ/")
                else {
                    continue;
                };
                if *y0 < heading.2 || *y0 > page_height - 56.0 {
                    continue;
                }
                let edge = edges.iter().find(|e| **e > *x0).copied().unwrap_or(right);
                assert!(
                    *x1 <= edge - 1.0,
                    "{sample} {extra:?} page {page}: {text:?} runs to {x1:.1}, past its column's edge at {edge:.1}"
                );
                checked += 1;
            }
            assert!(
                checked > 50,
                "{sample} {extra:?}: only {checked} words in the table"
            );
        }
    }
}

#[test]
fn short_rows_are_not_split_across_pages() {
    // Rows of four lines: several fall at a page's foot; each must stay on one page.
    let measures: Vec<Value> = (1..=30)
        .map(|i| {
            serde_json::json!({
                "measure": format!("ROW{i}"), "method": "ก", "responsible": "ข",
                "period": "ค", "result": "ง",
                "outcome": ["จัดประชุม", "ชี้แจงบุคลากร", "ทุกเดือน", format!("END{i}")],
            })
        })
        .collect();
    let dataset = serde_json::json!({
        "organization": {"name": "องค์การบริหารส่วนตำบลสว่าง"},
        "fiscal_year": 2567,
        "measures": measures,
    });
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("rows.json");
    fs::write(&json, dataset.to_string()).unwrap();
    let pdf = dir.path().join("rows.pdf");
    render_ok(&json, &pdf, &[]);
    let words = words_by_page(&pdf);
    let page_of = |word: &str| {
        words
            .iter()
            .find(|w| w.4.ends_with(word))
            .map(|w| w.0)
            .unwrap_or_else(|| panic!("{word} not found"))
    };
    assert!(page_of("END30") >= 4, "the rows fill several pages");
    for i in 1..=30 {
        let (first, last) = (page_of(&format!("ROW{i}")), page_of(&format!("END{i}")));
        assert_eq!(
            first, last,
            "row {i} starts on page {first} and ends on page {last}"
        );
    }
}
