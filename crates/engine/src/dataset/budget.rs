//! Budgets: bounds on the size of what a dataset asks the layout to set, each far above what
//! a real report reaches and each a located problem when passed, so that no file (typed,
//! imported or hostile) makes a render take gigabytes or minutes.
//!
//! The figures, against the largest real and test reports we have (samples/, tests/data/,
//! tests/fixtures/: at most 8 measures, 1,776 characters and 22 list items in a cell, 145
//! characters without a space, 2 marks on a letter):
//! - marks per letter: 30, Unicode's stream-safe limit (UAX #15) for non-starters; a Thai
//!   letter carries at most 2. It is also the cause of a render growing with the square of the
//!   marks: Typst's justified line breaking keeps, for every glyph, one entry per byte of the
//!   glyph's cluster, and all marks of a letter share its cluster (n marks: 3n² entries).
//! - characters without a space (a "word" no line can break between spaces): 1,000, seven
//!   times the longest real one; ten lines of a table cell.
//! - characters per cell: 10,000, five times the longest real cell (about four pages of a
//!   table column).
//! - paragraphs and list items per cell: 200, nine times the most in a real cell.
//! - measures per report: 200; a real report has 3 to 30.
//! - characters per report: 200,000 and paragraphs and list items per report: 5,000, about
//!   20 times the largest real report; the biggest report they admit (200 measures of about
//!   1,000 characters) is 293 pages, made in under 4 s and 320 MB (benches/hostile.sh).
//!   Nesting is bounded apart: lists by `decode::MAX_LIST_DEPTH`, JSON by the parser (128).

use serde_json::Value;
use unicode_segmentation::UnicodeSegmentation;

use super::decode::keys::MEASURE;
use super::path::JsonPath;
use super::problem::Problem;
use crate::thai::digits::th;

pub const MAX_MARKS_PER_LETTER: usize = 30;
pub const MAX_WORD_CHARS: usize = 1_000;
pub const MAX_CELL_CHARS: usize = 10_000;
pub const MAX_CELL_ENTRIES: usize = 200;
pub const MAX_MEASURES: usize = 200;
pub const MAX_REPORT_CHARS: usize = 200_000;
pub const MAX_REPORT_ENTRIES: usize = 5_000;

/// Every budget `value` (a parsed dataset) passes, as located problems.
pub fn over_budget(value: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    let root = JsonPath::root();
    strings(value, &root, &mut problems);
    let Some(map) = value.as_object() else {
        return problems;
    };
    let mut total = Size::default();
    if let Some(intro) = map.get("introduction") {
        total.add(cell(intro, &root.key("introduction"), &mut problems));
    }
    if let Some(measures) = map.get("measures").and_then(Value::as_array) {
        if measures.len() > MAX_MEASURES {
            problems.push(
                Problem::new(
                    root.key("measures"),
                    format!(
                        "the report has {} measures; at most {MAX_MEASURES} fit a report",
                        measures.len()
                    ),
                    format!(
                        "รายงานมี {} มาตรการ: รายงานหนึ่งฉบับมีได้ไม่เกิน {} มาตรการ",
                        th(measures.len()),
                        th(MAX_MEASURES)
                    ),
                )
                .with_hint(
                    "split the measures over several reports, or check that the file was not generated in a loop",
                    "แบ่งมาตรการเป็นหลายรายงาน หรือตรวจว่าไฟล์ไม่ได้มีมาตรการซ้ำกันโดยไม่ตั้งใจ",
                ),
            );
        }
        for (i, measure) in measures.iter().enumerate() {
            let Some(measure) = measure.as_object() else {
                continue;
            };
            for key in MEASURE {
                if let Some(value) = measure.get(*key) {
                    let path = root.key("measures").index(i).key(key);
                    total.add(cell(value, &path, &mut problems));
                }
            }
        }
    }
    if total.chars > MAX_REPORT_CHARS || total.entries > MAX_REPORT_ENTRIES {
        problems.push(
            Problem::new(
                root,
                format!(
                    "the report holds {} characters in {} paragraphs and list items; a report may hold at most {MAX_REPORT_CHARS} characters and {MAX_REPORT_ENTRIES} paragraphs and list items (some 300 pages)",
                    total.chars, total.entries
                ),
                format!(
                    "รายงานยาว {} ตัวอักษร ใน {} ย่อหน้าและข้อ: รายงานหนึ่งฉบับยาวได้ไม่เกิน {} ตัวอักษร และ {} ย่อหน้าและข้อ (ราว ๓๐๐ หน้า)",
                    th(total.chars),
                    th(total.entries),
                    th(MAX_REPORT_CHARS),
                    th(MAX_REPORT_ENTRIES)
                ),
            )
            .with_hint(
                "shorten the texts or split the report; an ITA report is usually under ten pages",
                "ย่อข้อความให้สั้นลง หรือแบ่งเป็นหลายรายงาน (รายงาน ITA ปกติยาวไม่ถึงสิบหน้า)",
            ),
        );
    }
    problems
}

#[derive(Default, Clone, Copy)]
struct Size {
    chars: usize,
    entries: usize,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.chars += other.chars;
        self.entries += other.entries;
    }
}

/// The size of one table cell (or the introduction), with a problem when it is too big.
fn cell(value: &Value, path: &JsonPath, problems: &mut Vec<Problem>) -> Size {
    let size = size_of(value);
    if size.chars > MAX_CELL_CHARS {
        problems.push(
            Problem::new(
                path.clone(),
                format!(
                    "this cell holds {} characters; a cell may hold at most {MAX_CELL_CHARS} (about four pages)",
                    size.chars
                ),
                format!(
                    "ช่องนี้ยาว {} ตัวอักษร: หนึ่งช่องยาวได้ไม่เกิน {} ตัวอักษร (ราวสี่หน้า)",
                    th(size.chars),
                    th(MAX_CELL_CHARS)
                ),
            )
            .with_hint(
                "shorten the text, or attach the details as a separate document and summarise them here",
                "ย่อข้อความให้สั้นลง หรือแนบรายละเอียดเป็นเอกสารแยกแล้วสรุปไว้ในช่องนี้",
            ),
        );
    }
    if size.entries > MAX_CELL_ENTRIES {
        problems.push(
            Problem::new(
                path.clone(),
                format!(
                    "this cell holds {} paragraphs and list items; a cell may hold at most {MAX_CELL_ENTRIES}",
                    size.entries
                ),
                format!(
                    "ช่องนี้มี {} ย่อหน้าและข้อ: หนึ่งช่องมีได้ไม่เกิน {}",
                    th(size.entries),
                    th(MAX_CELL_ENTRIES)
                ),
            )
            .with_hint(
                "group the items, or attach the full list as a separate document",
                "รวมข้อที่คล้ายกันเข้าด้วยกัน หรือแนบรายการเต็มเป็นเอกสารแยก",
            ),
        );
    }
    size
}

/// Characters, and paragraphs plus list items, in a cell's rich text.
fn size_of(value: &Value) -> Size {
    match value {
        Value::String(text) => Size {
            chars: text.chars().count(),
            entries: 0,
        },
        Value::Array(items) => {
            let mut size = Size {
                chars: 0,
                entries: items.len(),
            };
            for item in items {
                size.add(size_of(item));
            }
            size
        }
        Value::Object(map) => {
            let mut size = Size::default();
            for item in map.values() {
                size.add(size_of(item));
            }
            size
        }
        _ => Size::default(),
    }
}

/// The per-text budgets (marks per letter, characters without a space) for every string.
fn strings(value: &Value, path: &JsonPath, problems: &mut Vec<Problem>) {
    match value {
        Value::String(text) => {
            if let Some(problem) = text_problem(text) {
                problems.push(Problem {
                    path: path.clone(),
                    ..problem
                });
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &path.index(i), problems);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                strings(item, &path.key(key), problems);
            }
        }
        _ => {}
    }
}

/// The first per-text budget `text` passes (without a path).
fn text_problem(text: &str) -> Option<Problem> {
    let mut position = 1;
    for letter in text.graphemes(true) {
        let marks = letter.chars().count() - 1;
        if marks > MAX_MARKS_PER_LETTER {
            return Some(
                Problem::new(
                    JsonPath::root(),
                    format!(
                        "character {position} of this text carries {marks} marks (vowels or tone marks on one letter); at most {MAX_MARKS_PER_LETTER} are allowed"
                    ),
                    format!(
                        "ตัวอักษรที่ {} ของข้อความนี้มีสระหรือวรรณยุกต์ซ้อนกัน {} ตัว (มีได้ไม่เกิน {})",
                        th(position),
                        th(marks),
                        th(MAX_MARKS_PER_LETTER)
                    ),
                )
                .with_hint(
                    "a Thai letter takes at most one vowel and one tone mark above it: retype the word (a key was probably held down, or the text was damaged in a copy)",
                    "อักษรไทยหนึ่งตัวมีสระบนและวรรณยุกต์ได้อย่างละหนึ่งตัว: พิมพ์คำนั้นใหม่ (อาจกดแป้นค้าง หรือข้อความเสียตอนคัดลอก)",
                ),
            );
        }
        position += letter.chars().count();
    }
    let mut position = 1;
    for word in text.split(char::is_whitespace) {
        let length = word.chars().count();
        if length > MAX_WORD_CHARS {
            return Some(
                Problem::new(
                    JsonPath::root(),
                    format!(
                        "from character {position}, this text runs {length} characters without a space; at most {MAX_WORD_CHARS} are allowed"
                    ),
                    format!(
                        "ตั้งแต่ตัวอักษรที่ {} ข้อความนี้ยาว {} ตัวอักษรโดยไม่มีเว้นวรรคเลย (ไม่เกิน {})",
                        th(position),
                        th(length),
                        th(MAX_WORD_CHARS)
                    ),
                )
                .with_hint(
                    "put a space between sentences, as Thai writing does; a long link can be shortened",
                    "เว้นวรรคระหว่างประโยคตามการเขียนภาษาไทย ลิงก์ที่ยาวมากให้ย่อให้สั้นลง",
                ),
            );
        }
        position += length + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(value: Value) -> Vec<String> {
        over_budget(&value)
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect()
    }

    #[test]
    fn thirty_marks_pass_thirty_one_do_not() {
        let ok = format!("ข{}", "\u{0E48}".repeat(30));
        assert!(messages(json!({"introduction": ok})).is_empty());
        let bad = format!("ก ข{}", "\u{0E48}".repeat(31));
        assert_eq!(
            messages(json!({"introduction": ["x", bad]})),
            [
                "introduction[1]: character 3 of this text carries 31 marks (vowels or tone marks on one letter); at most 30 are allowed"
            ]
        );
        // Marks that are starters in Unicode (mai han-akat, sara i) count too.
        let starters = format!("ก{}", "\u{0E31}\u{0E34}".repeat(16));
        assert_eq!(messages(json!({"title": starters})).len(), 1);
    }

    #[test]
    fn long_words_cells_and_reports() {
        let word = "ก".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(
            messages(json!({"title": format!("ab {word}")})),
            [
                "title: from character 4, this text runs 1001 characters without a space; at most 1000 are allowed"
            ]
        );
        let cell = "กข ".repeat(MAX_CELL_CHARS / 3 + 1);
        let found = messages(json!({"measures": [{"result": ["", cell]}]}));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("measures[0].result: this cell holds 10002 characters"),
            "{found:?}"
        );
        let items: Vec<Value> = (0..=MAX_CELL_ENTRIES).map(|_| json!("x")).collect();
        let found = messages(json!({"measures": [{"method": {"list": items}}]}));
        assert!(
            found[0].starts_with("measures[0].method: this cell holds 201 paragraphs"),
            "{found:?}"
        );
        let measures: Vec<Value> = (0..=MAX_MEASURES)
            .map(|_| json!({"measure": "x"}))
            .collect();
        assert!(
            messages(json!({"measures": measures}))[0]
                .starts_with("measures: the report has 201 measures")
        );
        let full = "ก ".repeat(4_000);
        let measures: Vec<Value> = (0..30)
            .map(|_| json!({"method": full, "result": full}))
            .collect();
        assert!(
            messages(json!({"measures": measures}))[0]
                .starts_with("(top level): the report holds 480000 characters")
        );
    }

    #[test]
    fn real_reports_are_far_inside() {
        for sample in [
            include_str!("../../../../samples/sawang-2567.json"),
            include_str!("../../../../tests/data/thai-corpus.json"),
            include_str!("../../../../tests/data/long-thai.json"),
        ] {
            let value: Value = serde_json::from_str(sample).unwrap();
            assert!(over_budget(&value).is_empty());
        }
    }
}
