//! Thai typography read back from real PDFs: where lines break (pdftotext -bbox-layout), judged
//! by PyThaiNLP (tests/common/thai_breaks.rs), with the tool's dictionary breaks and with
//! Typst's own model; and where table text sits.

use std::fs;
use std::path::Path;

use crate::common::thai_breaks::{Breaks, attribute, judge_pdf, unescape};
use crate::common::*;
use serde_json::Value;

/// The datasets the break figures are measured on.
const CORPUS: [&str; 3] = [
    "tests/data/long-thai.json",
    "samples/sawang-2567.json",
    "samples/short-example.json",
];

#[test]
fn thai_lines_break_between_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    let mut totals = [Breaks::default(), Breaks::default()];
    for dataset in CORPUS {
        let value: Value = serde_json::from_slice(&fs::read(repo(dataset)).unwrap()).unwrap();
        for (mode, flag) in [(0, "dictionary"), (1, "typst")] {
            let pdf = dir.path().join(format!("{mode}.pdf"));
            render_ok(&repo(dataset), &pdf, &["--line-breaks", flag]);
            let breaks = judge_pdf(&pdf, &value);
            report.push(format!("{dataset:<28} {flag:<10} {}", breaks.summary()));
            totals[mode].add(&breaks);
        }
    }
    for line in &report {
        eprintln!("{line}");
    }
    eprintln!("all, dictionary: {}", totals[0].summary());
    eprintln!("all, typst model: {}", totals[1].summary());
    let ours = &totals[0];
    assert!(ours.thai >= 100, "too few Thai line ends to measure: {}", ours.thai);
    assert!(
        ours.bad_starts.is_empty() && ours.bad_ends.is_empty(),
        "lines starting with a following vowel or mark, or ending with a leading vowel: {:?} {:?}",
        ours.bad_starts,
        ours.bad_ends
    );
    assert_eq!(
        (ours.inside_clusters, ours.inside_syllables),
        (0, 0),
        "line ends inside a cluster or a syllable:\n{}",
        report.join("\n")
    );
    assert!(
        ours.word_share() <= 0.03,
        "dictionary breaks split words:\n{}",
        report.join("\n")
    );
    assert!(
        ours.word_share() < totals[1].word_share() || totals[1].inside_words == 0,
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
