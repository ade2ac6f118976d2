//! Property test: random datasets, valid and broken, including random Unicode and Typst
//! syntax. The tool never panics; it renders or reports; every string of a valid dataset comes
//! back literally from the PDF. Cases: 16 by default, more with PROPTEST_CASES=N. The cases are
//! the same on every run (a fixed seed, so a failure in CI can be run again here); explore new
//! ones with PROPTEST_RNG_SEED=N, e.g. `PROPTEST_RNG_SEED=$RANDOM PROPTEST_CASES=1000`.

use crate::common::*;
use ita_report_engine::dataset::load;
use ita_report_engine::readback::pdf::Report;
use ita_report_engine::typeset::{Layout, RenderOptions, render};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::{Value, json};

const CONSONANTS: &str = "กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ";
const UPPER: &[&str] = &["", "", "ิ", "ี", "ึ", "ื", "ั", "ุ", "ู", "็"];
const TONES: &[&str] = &["", "", "่", "้", "๊", "๋", "์"];
const AFTER: &[&str] = &["", "", "", "า", "ำ", "ะ"];
const BEFORE: &[&str] = &["", "", "", "เ", "แ", "โ", "ใ", "ไ"];
const WORDS: &[&str] = &[
    "องค์การบริหารส่วนตำบล",
    "ผู้รับผิดชอบ",
    "เพิ่มเติม",
    "น้ำ",
    "ค่ำ",
    "ที่",
    "ฤดู",
    "ๆ",
    "ฯลฯ",
    "๑๒๓",
    "ต.ค.",
    "# $ * _ @ < > [ ] \\ //",
    "#read(\"/etc/passwd\")",
    "#{}",
    "/* x */",
    "`code` ok", /* poppler merges a lone ` ending a cell into the next cell's letter as U+0300 */
    "<b>",
    "https://example.go.th/a?b=1#c",
    "clerk@example.go.th",
    "Q&A",
    "E-Service",
    "100%",
    "“quoted”",
    "(ITA)",
    "=",
    "- dash",
    "+ plus",
    "~",
    "@ref",
    "$x^2$",
];

/// A Thai syllable: leading vowel, consonant, upper vowel, tone, following vowel.
fn syllable() -> impl Strategy<Value = String> {
    (
        0..BEFORE.len(),
        0..CONSONANTS.chars().count(),
        0..UPPER.len(),
        0..TONES.len(),
        0..AFTER.len(),
    )
        .prop_map(|(b, c, u, t, a)| {
            let consonant = CONSONANTS.chars().nth(c).unwrap_or('ก');
            // ำ takes no upper vowel.
            let upper = if AFTER[a] == "ำ" { "" } else { UPPER[u] };
            format!("{}{consonant}{upper}{}{}", BEFORE[b], TONES[t], AFTER[a])
        })
}

/// Text the bundled fonts can draw: Thai syllables, words with markup characters, Latin.
fn drawable_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => syllable(),
        2 => proptest::sample::select(WORDS).prop_map(str::to_owned),
        1 => "[A-Za-z0-9 .,:;!?()/#$*_@<>\\[\\]{}=+-]{1,12}",
    ];
    proptest::collection::vec(piece, 1..12).prop_map(|parts| parts.join(""))
}

/// A block: a paragraph, or a list whose items are rich text.
fn block(depth: u32) -> BoxedStrategy<Value> {
    let paragraph = prop_oneof![4 => drawable_text().prop_map(Value::from), 1 => Just(json!(""))];
    if depth == 0 {
        return paragraph.boxed();
    }
    let styles = proptest::sample::select(vec!["numbered", "dash", "bullet", "plain"]);
    let list = (proptest::collection::vec(rich(depth - 1), 1..4), styles)
        .prop_map(|(items, style)| json!({"list": items, "style": style}));
    prop_oneof![3 => paragraph, 1 => list].boxed()
}

/// Rich text: one block, or an array of blocks (possibly empty).
fn rich(depth: u32) -> BoxedStrategy<Value> {
    prop_oneof![
        2 => block(depth),
        1 => proptest::collection::vec(block(depth), 0..3).prop_map(Value::from),
    ]
    .boxed()
}

fn measure() -> impl Strategy<Value = Value> {
    (rich(3), rich(3), rich(1), rich(1), rich(3), rich(3), any::<bool>()).prop_map(|(m, me, r, p, re, o, dates)| {
        let period = if dates { json!({"start": "2023-10-01", "end": "2024-09-30"}) } else { p };
        json!({"measure": m, "method": me, "responsible": r, "period": period, "result": re, "outcome": o})
    })
}

pub(crate) fn valid_dataset() -> impl Strategy<Value = Value> {
    (drawable_text(), 2400..=2700i32, rich(2), proptest::collection::vec(measure(), 1..4)).prop_map(|(name, year, intro, measures)| {
        json!({"organization": {"name": format!("ก{name}")}, "fiscal_year": year, "introduction": intro, "measures": measures})
    })
}

/// A valid dataset with one thing broken, or random Unicode where text goes.
pub(crate) fn broken_dataset() -> impl Strategy<Value = Vec<u8>> {
    (valid_dataset(), 0..8u8, ".{0,40}", any::<Vec<u8>>()).prop_map(
        |(mut v, how, unicode, bytes)| {
            match how {
                0 => v["fiscal_year"] = json!(unicode),
                1 => v["measures"][0]["period"] = json!({"start": unicode, "end": "2024-01-01"}),
                2 => {
                    v.as_object_mut().unwrap().remove("organization");
                }
                3 => v["measures"][0]["method"] = json!({"list": [unicode], "style": "weird"}),
                4 => v[unicode.as_str()] = json!(1),
                5 => v["measures"][0]["result"] = json!(unicode), // valid, but maybe not drawable
                6 => return bytes,
                _ => {
                    let mut text = serde_json::to_vec(&v).unwrap();
                    text.truncate(text.len() / 2);
                    return text;
                }
            }
            serde_json::to_vec(&v).unwrap()
        },
    )
}

fn render_to_text(bytes: &[u8]) -> Option<Result<String, String>> {
    let dataset = load(bytes).ok()?;
    Some(
        render(&dataset, Layout::official(), &RenderOptions::default())
            .map_err(|e| e.to_string())
            .map(|rendered| {
                let file = tempfile::NamedTempFile::new().unwrap();
                std::fs::write(file.path(), &rendered.pdf).unwrap();
                pdftotext_raw(file.path())
            }),
    )
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16)
}

/// PROPTEST_RNG_SEED when given (proptest reads it), else a fixed seed.
fn seed() -> RngSeed {
    match std::env::var_os("PROPTEST_RNG_SEED") {
        Some(_) => ProptestConfig::default().rng_seed,
        None => RngSeed::Fixed(20_261_125),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), rng_seed: seed(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn valid_datasets_render_every_string(data in valid_dataset()) {
        let bytes = serde_json::to_vec_pretty(&data).unwrap();
        let raw = render_to_text(&bytes).expect("a valid dataset loads").expect("a valid dataset renders");
        let mut intro = Vec::new();
        rich_pieces(&data["introduction"], &mut intro);
        let mut expected = vec![squash(data["organization"]["name"].as_str().unwrap()), squash(&intro.concat())];
        expected.extend(expected_cells(&data, |_| "๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗".into()));
        if let Err(e) = check_cells_in_order(&raw, &expected) {
            let _ = std::fs::write(std::env::temp_dir().join("ita-report-property-failure.json"), &bytes);
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn render_extract_render_is_identical(data in valid_dataset()) {
        let bytes = serde_json::to_vec(&data).unwrap();
        let dataset = load(&bytes).expect("a valid dataset loads");
        let first = render(&dataset, Layout::official(), &RenderOptions::default()).expect("renders").pdf;
        let attached = Report::parse(&first).and_then(|r| r.attached_dataset()).expect("the dataset is attached");
        let again = load(&attached).expect("the attached dataset is valid");
        prop_assert_eq!(&again, &dataset);
        let second = render(&again, Layout::official(), &RenderOptions::default()).expect("renders again").pdf;
        prop_assert!(first == second, "render → extract → render changed the bytes");
    }

    #[test]
    fn broken_datasets_are_reported_never_panic(bytes in broken_dataset()) {
        // Loading reports or succeeds; rendering what loads succeeds or reports.
        if let Some(result) = render_to_text(&bytes) {
            let _ = result;
        } else {
            let error = load(&bytes).unwrap_err();
            prop_assert!(!error.problems.is_empty());
        }
    }
}
