//! A problem found in a dataset: what is wrong, where, and how to fix it.

use std::fmt;

use super::locate::Position;
use super::path::JsonPath;

/// One thing wrong with a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where in the JSON document; the top level for problems of the file as a whole.
    pub path: JsonPath,
    /// Whether the problem is the key itself (an unknown key), not its value.
    pub at_key: bool,
    /// Line and column in the file, when known.
    pub position: Option<Position>,
    /// What is wrong, in plain words.
    pub message: String,
    /// The same in Thai, for the clerk (the editor, `--lang th`).
    pub message_th: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
    /// The same in Thai.
    pub hint_th: Option<String>,
}

impl Problem {
    /// A problem said in English and in Thai: no problem exists without its Thai words.
    pub fn new(
        path: JsonPath,
        message: impl Into<String>,
        message_th: impl Into<String>,
    ) -> Problem {
        Problem {
            path,
            at_key: false,
            position: None,
            message: message.into(),
            message_th: message_th.into(),
            hint: None,
            hint_th: None,
        }
    }

    /// How to fix it, in English and in Thai.
    pub fn with_hint(mut self, hint: impl Into<String>, hint_th: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self.hint_th = Some(hint_th.into());
        self
    }

    pub fn at_key(mut self) -> Problem {
        self.at_key = true;
        self
    }

    pub fn at(mut self, position: Position) -> Problem {
        self.position = Some(position);
        self
    }
}

impl Problem {
    /// The problem in English (`12:5: measures[3].period.start: …` + `  hint: …`) or in Thai
    /// (`12:5: มาตรการที่ ๔ › ระยะเวลา › ตั้งแต่: …` + `  วิธีแก้: …`, the place as the editor
    /// names it), without the file name.
    pub fn said(&self, thai: bool) -> String {
        let (place, message, hint, hint_word) = if thai {
            (
                self.path.place_th(),
                &self.message_th,
                &self.hint_th,
                "วิธีแก้",
            )
        } else {
            let place = if self.path.is_root() {
                String::new()
            } else {
                self.path.to_string()
            };
            (place, &self.message, &self.hint, "hint")
        };
        let mut out = String::new();
        if let Some(position) = self.position {
            out.push_str(&format!("{position}: "));
        }
        if !place.is_empty() {
            out.push_str(&format!("{place}: "));
        }
        out.push_str(message);
        if let Some(hint) = hint {
            out.push_str(&format!("\n  {hint_word}: {hint}"));
        }
        out
    }

    /// [`Problem::said`] in Thai.
    pub fn thai(&self) -> String {
        self.said(true)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said(false))
    }
}

/// A dataset that cannot be used, with every problem found (up to [`MAX_PROBLEMS`]).
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidDataset {
    pub problems: Vec<Problem>,
    /// Whether more problems were found than are listed.
    pub truncated: bool,
}

/// How many problems of one file are worth listing.
pub const MAX_PROBLEMS: usize = 50;

impl InvalidDataset {
    pub fn single(problem: Problem) -> InvalidDataset {
        InvalidDataset {
            problems: vec![problem],
            truncated: false,
        }
    }
}

impl InvalidDataset {
    /// Every problem, one after another, in English or in Thai (see [`Problem::said`]).
    pub fn said(&self, thai: bool) -> String {
        let mut lines: Vec<String> = self.problems.iter().map(|p| p.said(thai)).collect();
        if self.truncated {
            lines.push(if thai {
                format!(
                    "(แสดงเฉพาะ {} ปัญหาแรก)",
                    crate::thai::digits::th(MAX_PROBLEMS)
                )
            } else {
                format!("(only the first {MAX_PROBLEMS} problems are listed)")
            });
        }
        lines.join("\n")
    }

    /// Every problem in Thai.
    pub fn thai(&self) -> String {
        self.said(true)
    }
}

impl fmt::Display for InvalidDataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said(false))
    }
}

impl std::error::Error for InvalidDataset {}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::Problem;
    use crate::dataset::decode::tests::minimal;
    use crate::dataset::load;

    /// The minimal dataset with one change at a JSON pointer.
    fn with(pointer: &str, value: Value) -> Vec<u8> {
        let mut dataset = minimal();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        match dataset.pointer_mut(parent).unwrap() {
            Value::Object(map) => {
                map.insert(key.to_owned(), value);
            }
            Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
            _ => panic!("{pointer}"),
        }
        serde_json::to_vec(&dataset).unwrap()
    }

    /// One broken dataset for every rule that makes a problem.
    fn corpus() -> Vec<(&'static str, Vec<u8>)> {
        let deep = (0..10).fold(json!("ข้อ"), |inner, _| json!({"list": [inner]}));
        let many = |n: usize, item: Value| Value::Array(vec![item; n]);
        let measure = minimal()["measures"][0].clone();
        vec![
            ("not an object", b"[]".to_vec()),
            (
                "assessment before fiscal",
                with("/assessment_year", json!(2566)),
            ),
            ("year as text number", with("/fiscal_year", json!("2567"))),
            ("year as words", with("/fiscal_year", json!("สองห้าหกเจ็ด"))),
            ("year as a boolean", with("/fiscal_year", json!(true))),
            ("year with a fraction", with("/fiscal_year", json!(2567.5))),
            ("Christian-era year", with("/fiscal_year", json!(2024))),
            ("year far off", with("/fiscal_year", json!(99999))),
            ("no measures", with("/measures", json!([]))),
            (
                "period backwards",
                with(
                    "/measures/0/period",
                    json!({"start": "2024-09-30", "end": "2023-10-01"}),
                ),
            ),
            ("array in array", with("/measures/0/result", json!([["ก"]]))),
            ("a number for a cell", with("/measures/0/result", json!(5))),
            ("lists too deep", with("/measures/0/result", deep)),
            (
                "list style misspelt",
                with(
                    "/measures/0/result",
                    json!({"list": ["ก"], "style": "dashh"}),
                ),
            ),
            (
                "list style unknown",
                with(
                    "/measures/0/result",
                    json!({"list": ["ก"], "style": "zzzzzzz"}),
                ),
            ),
            ("date not ISO", with("/report_date", json!("1/10/2566"))),
            (
                "date that does not exist",
                with("/report_date", json!("2023-02-30")),
            ),
            (
                "Buddhist-Era date that does not exist",
                with("/report_date", json!("2566-02-30")),
            ),
            (
                "Buddhist-Era date",
                with("/report_date", json!("2566-10-01")),
            ),
            (
                "organisation not an object",
                with("/organization", json!("อบต.สว่าง")),
            ),
            ("unknown key, misspelt", with("/fiscal_yeer", json!(2567))),
            ("unknown key", with("/zzzzzzzz", json!(1))),
            (
                "missing key",
                serde_json::to_vec(
                    &json!({"organization": {"name": "อบต."}, "measures": [measure]}),
                )
                .unwrap(),
            ),
            ("measures not an array", with("/measures", json!({}))),
            ("text expected", with("/organization/name", json!(5))),
            ("empty text", with("/organization/name", json!("  "))),
            (
                "too many measures",
                with("/measures", many(201, measure.clone())),
            ),
            (
                "report too long",
                with(
                    "/measures",
                    many(
                        199,
                        json!({"measure": "ก ".repeat(1_200), "method": "", "responsible": "", "period": "", "result": "", "outcome": ""}),
                    ),
                ),
            ),
            (
                "cell too long",
                with("/measures/0/result", json!("ก ".repeat(6_000))),
            ),
            (
                "cell with too many items",
                with("/measures/0/result", many(201, json!("ก"))),
            ),
            (
                "marks piled on a letter",
                with(
                    "/measures/0/result",
                    json!(format!("ก{}", "\u{0E48}".repeat(31))),
                ),
            ),
            (
                "a word with no space",
                with("/measures/0/result", json!("ก".repeat(1_001))),
            ),
            (
                "control character",
                with("/measures/0/result", json!("ก\u{7}ข")),
            ),
            (
                "direction control",
                with("/measures/0/result", json!("ก\u{202E}ข")),
            ),
            ("emoji", with("/measures/0/result", json!("ดี 😀"))),
            (
                "private-use Thai",
                with("/measures/0/result", json!("ก\u{F70A}")),
            ),
            (
                "letters the font lacks",
                with("/measures/0/result", json!("中文")),
            ),
            ("too big", vec![b' '; crate::dataset::MAX_DATASET_BYTES + 1]),
            ("not UTF-8", b"{\"organization\": \"\xA1\xA2\"}".to_vec()),
            ("empty file", b"  ".to_vec()),
            ("trailing comma", b"{\"fiscal_year\": 2567,}".to_vec()),
            ("unclosed text", b"{\"fiscal_year\": \"25".to_vec()),
            ("file ends early", b"{\"fiscal_year\": 2567".to_vec()),
            ("too deep", "[".repeat(200).into_bytes()),
            ("key without quotes", b"{fiscal_year: 2567}".to_vec()),
            ("value missing", b"{\"fiscal_year\": }".to_vec()),
            (
                "comma missing",
                b"{\"fiscal_year\": 2567 \"title\": \"x\"}".to_vec(),
            ),
            ("line break in text", b"{\"title\": \"a\nb\"}".to_vec()),
            ("something after the end", b"{} x".to_vec()),
            ("bad escape", b"{\"title\": \"a\\qb\"}".to_vec()),
            (
                "duplicate key",
                b"{\"fiscal_year\": 2567, \"fiscal_year\": 2568}".to_vec(),
            ),
        ]
    }

    /// Thai words, with no English left over: quoted values, key names, code points and a few
    /// names (JSON, UTF-8, Notepad…) may stay as they are.
    fn english_in(thai: &str) -> Vec<String> {
        let mut rest = String::new();
        let mut quoted = false;
        for c in thai.chars() {
            if c == '"' {
                quoted = !quoted;
                rest.push(' ');
            } else if !quoted {
                rest.push(c);
            }
        }
        const NAMES: &[&str] = &[
            "JSON", "UTF", "Notepad", "Sarabun", "TIS", "Windows", "null", "true", "false", "ITA",
            "OIT",
        ];
        rest.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 3 && !NAMES.contains(w))
            .filter(|w| !rest.contains(&format!("U+{w}")))
            .map(str::to_owned)
            .collect()
    }

    fn is_thai(text: &str) -> bool {
        text.chars().any(|c| ('\u{0E01}'..='\u{0E2E}').contains(&c))
    }

    #[test]
    fn every_problem_is_said_in_thai_too() {
        let mut checked = 0;
        for (name, bytes) in corpus() {
            let problems: Vec<Problem> = match load(&bytes) {
                Ok(_) => panic!("{name}: no problem found"),
                Err(error) => error.problems,
            };
            for p in problems {
                assert!(is_thai(&p.message_th), "{name}: {:?}", p.message_th);
                assert!(
                    english_in(&p.message_th).is_empty(),
                    "{name}: English in {:?}: {:?}",
                    p.message_th,
                    english_in(&p.message_th)
                );
                if p.hint.is_some() {
                    let hint = p
                        .hint_th
                        .as_deref()
                        .unwrap_or_else(|| panic!("{name}: a hint without Thai: {:?}", p.hint));
                    assert!(
                        is_thai(hint) && english_in(hint).is_empty(),
                        "{name}: hint {hint:?}: {:?}",
                        english_in(hint)
                    );
                }
                assert!(english_in(&p.thai()).is_empty(), "{name}: {}", p.thai());
                checked += 1;
            }
        }
        assert!(checked >= 50, "{checked} problems checked");
    }

    #[test]
    fn a_problem_reads_in_thai_with_the_place_the_editor_names() {
        let bytes = with(
            "/measures/0/period",
            json!({"start": "2024-09-30", "end": "2023-10-01"}),
        );
        let error = load(&bytes).unwrap_err();
        let thai = error.thai();
        assert!(
            thai.ends_with(": มาตรการที่ ๑ › ระยะเวลา › ถึง: วันสิ้นสุด (๑ ต.ค. ๒๕๖๖) มาก่อนวันเริ่ม (๓๐ ก.ย. ๒๕๖๗)\n  วิธีแก้: สลับวันเริ่มกับวันสิ้นสุด หรือแก้ปี พ.ศ. ให้ถูก"),
            "{thai}"
        );
    }
}
