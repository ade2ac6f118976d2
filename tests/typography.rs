//! Thai typography read back from real PDFs: where lines break (pdftotext -bbox-layout), judged
//! by PyThaiNLP (tests/common/thai_breaks.rs), with the tool's dictionary breaks and with
//! Typst's own model; and where table text sits.

use std::fs;
use std::path::Path;

use crate::common::thai_breaks::{Breaks, attribute, judge_pdf, unescape};
use crate::common::*;
use ita_report_engine::dataset::columns::TABLE_WIDTH_PT;
use ita_report_engine::dataset::load;
use ita_report_engine::dataset::normalise::{Document, NormaliseOptions, normalise};
use ita_report_engine::thai::dates::DateStyle;
use serde_json::Value;

/// The datasets the break figures are measured on. (tests/data/thai-corpus.json is left out:
/// its tables of every consonant with every mark are no prose, and poppler splits their
/// stacked marks into lines of their own, so its line ends cannot be found in the source.)
const CORPUS: [&str; 3] = [
    "tests/data/long-thai.json",
    "samples/sawang-2567.json",
    "samples/short-example.json",
];

/// Renders `dataset` with `extra` options and judges its line ends; one report line.
fn judged(dataset: &Value, name: &str, extra: &[&str], dir: &Path) -> (Breaks, String) {
    let json = dir.join("judged.json");
    fs::write(&json, dataset.to_string()).unwrap();
    let pdf = dir.join("judged.pdf");
    render_ok(&json, &pdf, extra);
    let breaks = judge_pdf(&pdf, dataset);
    let line = format!("{name:<28} {:<26} {}", extra.join(" "), breaks.summary());
    (breaks, line)
}

/// What the tests ask of the tool's breaks, in either document.
fn assert_good_breaks(breaks: &Breaks, report: &[String]) {
    assert!(
        breaks.bad_starts.is_empty() && breaks.bad_ends.is_empty(),
        "lines starting with a following vowel or mark, or ending with a leading vowel: {:?} {:?}",
        breaks.bad_starts,
        breaks.bad_ends
    );
    assert_eq!(
        (breaks.inside_clusters, breaks.inside_syllables),
        (0, 0),
        "line ends inside a cluster or a syllable:\n{}",
        report.join("\n")
    );
    assert!(
        breaks.word_share() <= 0.03,
        "line ends inside words:\n{}",
        report.join("\n")
    );
}

#[test]
fn thai_lines_break_between_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    // Report with dictionary breaks, plan with dictionary breaks, report with Typst's model.
    let mut totals = [Breaks::default(), Breaks::default(), Breaks::default()];
    for dataset in CORPUS {
        let value: Value = serde_json::from_slice(&fs::read(repo(dataset)).unwrap()).unwrap();
        for (i, extra) in [
            &[][..],
            &["--document", "plan"],
            &["--line-breaks", "typst"],
        ]
        .into_iter()
        .enumerate()
        {
            let (breaks, line) = judged(&value, dataset, extra, dir.path());
            report.push(line);
            totals[i].add(&breaks);
        }
    }
    for line in &report {
        eprintln!("{line}");
    }
    for (name, total) in ["report", "plan", "report, typst model"]
        .iter()
        .zip(&totals)
    {
        eprintln!("all, {name}: {}", total.summary());
    }
    assert!(
        totals[0].thai >= 100 && totals[1].thai >= 100,
        "too few Thai line ends to measure"
    );
    assert_good_breaks(&totals[0], &report);
    assert_good_breaks(&totals[1], &report);
    assert!(
        totals[0].word_share() < totals[2].word_share() || totals[2].inside_words == 0,
        "{report:#?}"
    );
}

/// Names of an office's units and posts, what the responsible column holds.
const UNIT_NAMES: &[&str] = &[
    "งานประชาสัมพันธ์",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "งานป้องกันและบรรเทาสาธารณภัย",
    "สำนักปลัด",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสวัสดิการสังคม",
    "งานการเจ้าหน้าที่",
    "งานนิติการ",
    "งานวิเคราะห์นโยบายและแผน",
    "งานพัฒนาและจัดเก็บรายได้",
    "งานทะเบียนทรัพย์สินและพัสดุ",
    "งานส่งเสริมการเกษตร",
    "งานกิจการสภา",
    "งานบริหารงานทั่วไป",
    "หน่วยตรวจสอบภายใน",
    "ศูนย์พัฒนาเด็กเล็ก",
    "งานศูนย์ข้อมูลข่าวสาร",
    "งานสาธารณูปโภค",
    "งานแผนที่ภาษีและทะเบียนทรัพย์สิน",
    "งานพัฒนาชุมชน",
    "กองยุทธศาสตร์และงบประมาณ",
    "งานป้องกันและควบคุมโรคติดต่อ",
    "ปลัดองค์การบริหารส่วนตำบล",
    "นักวิชาการเงินและบัญชี",
    "เจ้าพนักงานธุรการ",
    "คณะกรรมการตรวจรับพัสดุ",
];

/// Long official text for the other cells, so that the responsible column cannot take much
/// room from them.
const FILLER: &str = "ดำเนินการเผยแพร่ข้อมูลข่าวสารของหน่วยงานต่อสาธารณะผ่านเว็บไซต์และช่องทางอื่น เพื่อให้ประชาชนสามารถตรวจสอบการดำเนินงานขององค์การบริหารส่วนตำบลอย่างโปร่งใส";

mod unit_names {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::RngSeed;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 4,
            rng_seed: RngSeed::Fixed(18),
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Unit names, alone, two to a cell or after a post, in the narrow responsible column
        /// at several sizes: never a break inside a cluster or a syllable, in either document.
        #[test]
        fn unit_names_in_narrow_columns_break_between_words(
            picks in proptest::collection::vec(
                (proptest::sample::select(UNIT_NAMES), proptest::sample::select(UNIT_NAMES), 0..3usize),
                12..20,
            ),
            size in proptest::sample::select(&[13.0, 16.0, 20.0, 24.0][..]),
        ) {
            let measures: Vec<Value> = picks
                .iter()
                .map(|(a, b, how)| {
                    let responsible = match how {
                        0 => a.to_string(),
                        1 => format!("{a}\n{b}"),
                        _ => format!("{a}{b}"),
                    };
                    serde_json::json!({
                        "measure": FILLER, "method": FILLER, "responsible": responsible,
                        "period": "ตลอดปีงบประมาณ", "result": FILLER, "outcome": FILLER,
                    })
                })
                .collect();
            let dataset = serde_json::json!({
                "organization": {"name": "องค์การบริหารส่วนตำบลสว่าง"},
                "fiscal_year": 2568,
                "measures": measures,
            });
            let dir = tempfile::tempdir().unwrap();
            let size = format!("{size}");
            for document in ["report", "plan"] {
                let (breaks, line) = judged(
                    &dataset,
                    "unit names",
                    &["--document", document, "--font-size", &size],
                    dir.path(),
                );
                eprintln!("{line}");
                prop_assert!(breaks.thai > 0, "no Thai line ends: {}", line);
                assert_good_breaks(&breaks, std::slice::from_ref(&line));
            }
        }
    }
}

#[test]
fn a_code_wider_than_its_column_breaks_inside_the_column() {
    let dir = tempfile::tempdir().unwrap();
    // No space, separator or Thai letter to break at; each is wider than its column can grow
    // (two fifths of the table).
    let codes = ["WWMMWWMMWWMMWWMMWW".repeat(2), "T:6Mi+]G๑๒๓๔๕๖".repeat(3)];
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
        let mut rest = code.clone();
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
            !words.iter().any(|(_, _, w)| w == code.as_str()),
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

/// The right edges of the table's columns for `dataset` as `options` render it: the official
/// layout's geometry (A4 landscape, margins 3 cm left and 2 cm right), the widths the engine
/// fits to the content.
fn column_edges(dataset: &Value, options: NormaliseOptions) -> Vec<f64> {
    let dataset = load(dataset.to_string().as_bytes()).expect("a valid dataset");
    let left = 85.04;
    normalise(&dataset, options)
        .columns
        .iter()
        .scan(left, |x, c| {
            *x += TABLE_WIDTH_PT * c.fraction;
            Some(*x)
        })
        .collect()
}

/// Words of table text that run past their column's right edge: (page, text, right, edge).
fn overflowing_words(pdf: &Path, edges: &[f64], heading: &str) -> (Vec<String>, usize) {
    let page_height = 595.28;
    let right = *edges.last().unwrap();
    let words = words_by_page(pdf);
    let mut bad = Vec::new();
    let mut checked = 0;
    for (page, x0, y0, x1, text) in &words {
        let Some(top) = words
            .iter()
            .find(|w| w.0 == *page && w.4.starts_with(heading))
        else {
            continue;
        };
        if *y0 < top.2 || *y0 > page_height - 56.0 {
            continue;
        }
        let edge = edges.iter().find(|e| **e > *x0).copied().unwrap_or(right);
        if *x1 > edge - 1.0 {
            bad.push(format!(
                "page {page}: {text:?} runs to {x1:.1}, past its column's edge at {edge:.1}"
            ));
        }
        checked += 1;
    }
    (bad, checked)
}

#[test]
fn table_text_stays_inside_its_column() {
    let dir = tempfile::tempdir().unwrap();
    for sample in ["samples/sawang-2567.json", "samples/short-example.json"] {
        // Without signatures, everything from the table heading down is table text.
        let mut dataset: Value =
            serde_json::from_str(&fs::read_to_string(repo(sample)).unwrap()).unwrap();
        dataset.as_object_mut().unwrap().remove("signatories");
        let json = dir.path().join("dataset.json");
        fs::write(&json, dataset.to_string()).unwrap();
        let full = NormaliseOptions {
            date_style: DateStyle::Full,
            ..Default::default()
        };
        let large = NormaliseOptions {
            font_size: Some(18.0),
            ..Default::default()
        };
        let typst = NormaliseOptions {
            dictionary_breaks: false,
            ..Default::default()
        };
        let plan = NormaliseOptions {
            document: Document::Plan,
            ..Default::default()
        };
        for (extra, options) in [
            (&[][..], NormaliseOptions::default()),
            (&["--date-style", "full"], full),
            (&["--font-size", "18"], large),
            (&["--line-breaks", "typst"], typst),
            (&["--document", "plan"], plan),
        ] {
            let pdf = dir.path().join("out.pdf");
            render_ok(&json, &pdf, extra);
            let edges = column_edges(&dataset, options);
            let (bad, checked) = overflowing_words(&pdf, &edges, "มาตรการ/");
            assert!(bad.is_empty(), "{sample} {extra:?}: {bad:#?}");
            assert!(
                checked > 30,
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
