//! Reads a dataset file's bytes into the typed model, locating every problem by line and column.

use super::budget::over_budget;
use super::characters::{forbidden_characters, printable};
use super::coverage::uncovered;
use super::decode::decode;
use super::locate::duplicate_keys;
use super::locate::{Position, locate};
use super::model::Dataset;
use super::path::JsonPath;
use super::problem::{InvalidDataset, MAX_PROBLEMS, Problem};
use crate::thai::digits::th;

/// The largest dataset file accepted; a real report is a few hundred kilobytes at most.
pub const MAX_DATASET_BYTES: usize = 8 * 1024 * 1024;

/// Parses and checks a dataset, including that the bundled fonts can draw every character.
pub fn load(bytes: &[u8]) -> Result<Dataset, InvalidDataset> {
    load_with(bytes, &crate::fonts::covers)
}

/// Parses and checks a dataset; `covers` says which characters the fonts can draw.
pub fn load_with(bytes: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Dataset, InvalidDataset> {
    let text = text_of(bytes).map_err(|p| InvalidDataset::single(*p))?;
    let value = parse_json(text).map_err(|p| InvalidDataset::single(*p))?;
    // Every rule that can be broken is checked, so that one run lists every problem.
    let (dataset, mut problems, mut truncated) = match decode(&value) {
        Ok(dataset) => (Some(dataset), Vec::new(), false),
        Err((problems, truncated)) => (None, problems, truncated),
    };
    problems.extend(duplicates(text));
    problems.extend(forbidden_characters(&value));
    problems.extend(over_budget(&value));
    if dataset.is_some() && problems.is_empty() {
        problems = uncovered(&value, covers);
    }
    if problems.len() > MAX_PROBLEMS {
        problems.truncate(MAX_PROBLEMS);
        truncated = true;
    }
    let decoded = match dataset {
        Some(dataset) if problems.is_empty() => Ok(dataset),
        _ => Err((problems, truncated)),
    };
    decoded.map_err(|(problems, truncated)| {
        let mut problems: Vec<Problem> = problems
            .into_iter()
            .map(|p| match (p.position, locate(text, &p.path, p.at_key)) {
                (None, Some(position)) => p.at(position),
                _ => p,
            })
            .collect();
        // In file order, as a clerk reads the file; problems without a place last.
        problems.sort_by_key(|p| {
            p.position
                .map_or((usize::MAX, usize::MAX), |pos| (pos.line, pos.column))
        });
        InvalidDataset {
            problems,
            truncated,
        }
    })
}

/// A problem for each key given twice in one object, located at its second use.
fn duplicates(text: &str) -> Vec<Problem> {
    duplicate_keys(text, MAX_PROBLEMS)
        .into_iter()
        .map(|duplicate| {
            let name = match duplicate.path.0.last() {
                Some(super::path::Step::Key(key)) => printable(key),
                _ => String::new(),
            };
            Problem::new(
                duplicate.path,
                format!("the key \"{name}\" is given twice in the same object; only one of the two values would be used"),
                format!("หัวข้อ \"{name}\" มีซ้ำสองครั้งในส่วนเดียวกัน: จะใช้ได้เพียงค่าเดียว"),
            )
            .at_key()
            .at(Position::of_byte(text, duplicate.offset))
            .with_hint(
                format!("keep one \"{name}\" and delete the other (or merge their texts)"),
                format!("เก็บ \"{name}\" ไว้หนึ่งที่แล้วลบอีกที่ (หรือรวมข้อความทั้งสองเข้าด้วยกัน)"),
            )
        })
        .collect()
}

/// The file as UTF-8 text, without a byte-order mark.
fn text_of(bytes: &[u8]) -> Result<&str, Box<Problem>> {
    let root = JsonPath::root();
    if bytes.len() > MAX_DATASET_BYTES {
        return Err(Box::new(Problem::new(
            root,
            format!(
                "the file is {:.1} MB, too big to be a report dataset (the limit is {} MB)",
                bytes.len() as f64 / 1_048_576.0,
                MAX_DATASET_BYTES / 1_048_576
            ),
            format!(
                "ไฟล์ใหญ่เกินกว่าจะเป็นข้อมูลรายงาน (ใหญ่ได้ไม่เกิน {} MB)",
                th(MAX_DATASET_BYTES / 1_048_576)
            ),
        )
        .with_hint(
            "check that this is the right file; split a province's reports into one file per organisation",
            "ตรวจว่าเลือกไฟล์ถูก: ข้อมูลของหลายหน่วยงานให้แยกเป็นหนึ่งไฟล์ต่อหนึ่งหน่วยงาน",
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let position = Position::of_byte(std::str::from_utf8(good).unwrap_or(""), good.len());
        let looks_thai_legacy = bytes.iter().filter(|b| (0xA1..=0xFB).contains(*b)).count() > 0;
        let mut hint =
            String::from("save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8)");
        let mut hint_th = String::from("บันทึกไฟล์เป็น UTF-8 (ใน Notepad: บันทึกเป็น → การเข้ารหัส: UTF-8)");
        if looks_thai_legacy {
            hint.push_str(
                "; Thai files saved as TIS-620 or Windows-874 can be converted with \
                 `iconv -f CP874 -t UTF-8 old.json > new.json`",
            );
            hint_th.push_str(": ไฟล์นี้น่าจะบันทึกแบบภาษาไทยรุ่นเก่า (TIS-620 หรือ Windows-874)");
        }
        Box::new(
            Problem::new(
                root.clone(),
                "the file is not UTF-8 text",
                "ไฟล์นี้ไม่ได้บันทึกเป็นข้อความแบบ UTF-8 จึงอ่านภาษาไทยไม่ได้",
            )
            .at(position)
            .with_hint(hint, hint_th),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Box::new(Problem::new(root, "the file is empty", "ไฟล์นี้ว่างเปล่า")
            .at(Position { line: 1, column: 1 })
            .with_hint(
                "a dataset is a JSON object; start from `ita-report init` or a file in samples/",
                "เปิดไฟล์ข้อมูลรายงานที่ดาวน์โหลดจากโปรแกรมนี้ หรือเริ่มรายงานใหม่ในหน้าแรก",
            )));
    }
    Ok(text)
}

/// Parses JSON, turning serde_json's message into a located problem with a hint.
fn parse_json(text: &str) -> Result<serde_json::Value, Box<Problem>> {
    serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let mut position = Position::from_serde(text, e.line(), e.column());
        if full.starts_with("control character") && position.column == 1 && position.line > 1 {
            // serde_json stops after the line break; the clerk's mistake is on the line before.
            let line_start = text.split_inclusive('\n').take(position.line - 2).map(str::len).sum::<usize>();
            let line = text[line_start..].lines().next().unwrap_or("");
            position = Position { line: position.line - 1, column: line.chars().count() + 1 };
        }
        let message = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(head, _)| head)
            .to_owned();
        let (hint, hint_th) = match message.as_str() {
            m if m.starts_with("trailing comma") => ("remove the comma before the closing } or ]", "ลบเครื่องหมายจุลภาค , ที่อยู่หน้า } หรือ ] ออก"),
            m if m.starts_with("EOF while parsing a string") => ("a text is not closed: add the closing double quote \"", "ข้อความไม่มีเครื่องหมายคำพูดปิด: เติม \" ท้ายข้อความ"),
            m if m.starts_with("EOF while parsing") => ("the file ends too early: a closing } or ] is missing", "ไฟล์จบก่อนครบ: ขาดวงเล็บปิด } หรือ ] (ไฟล์อาจบันทึกไม่ครบ)"),
            m if m.starts_with("recursion limit exceeded") => ("the data is nested far too deeply to be a report", "ข้อมูลซ้อนกันลึกเกินกว่าจะเป็นรายงาน"),
            m if m.starts_with("key must be a string") => ("keys are written in double quotes: \"name\": …", "ชื่อหัวข้อต้องอยู่ในเครื่องหมายคำพูด เช่น \"name\": …"),
            m if m.starts_with("expected value") => ("a value is missing or malformed; text goes in double quotes \"…\" (not single quotes)", "ขาดค่าหรือค่าผิดรูปแบบ: ข้อความต้องอยู่ในเครื่องหมายคำพูด \"…\""),
            m if m.starts_with("expected `,` or") => ("a comma is missing between two items, or a bracket is not closed", "ขาดเครื่องหมายจุลภาค , ระหว่างสองรายการ หรือวงเล็บยังไม่ปิด"),
            m if m.starts_with("control character") => ("a text is not closed, or has a line break inside it: close it with \" or write the line break as \\n", "ข้อความไม่มีเครื่องหมายคำพูดปิด หรือมีการขึ้นบรรทัดใหม่อยู่ข้างใน"),
            m if m.starts_with("trailing characters") => ("there is something after the end of the dataset object", "มีข้อความเกินมาหลังจบข้อมูลรายงาน"),
            m if m.starts_with("invalid escape") => ("a backslash in a text must be written \\\\", "เครื่องหมาย \\ ในข้อความต้องเขียนเป็น \\\\"),
            _ => ("check the JSON syntax around this place", "ตรวจรูปแบบข้อมูลตรงตำแหน่งนี้"),
        };
        Box::new(Problem::new(
            JsonPath::root(),
            format!("this is not valid JSON: {message}"),
            "ไฟล์ข้อมูลเสียหรือผิดรูปแบบ จึงอ่านไม่ได้ (ไม่ใช่ JSON ที่ถูกต้อง)",
        )
        .at(position)
        .with_hint(hint, hint_th))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(bytes: &[u8]) -> Problem {
        load(bytes).unwrap_err().problems.remove(0)
    }

    #[test]
    fn syntax_errors_are_located() {
        let p = first(b"{\n  \"a\": 1,\n}");
        assert_eq!(p.position, Some(Position { line: 3, column: 1 }));
        assert!(p.message.contains("trailing comma"), "{}", p.message);
        let p = first("{\n  \"ชื่อ\": \"ไม่ปิด\n".as_bytes());
        assert!(p.hint.unwrap().contains("not closed"));
    }

    #[test]
    fn decoding_problems_get_positions() {
        let text = "{\n  \"organization\": {\"name\": \"x\"},\n  \"fiscal_year\": 2024,\n  \"measures\": []\n}";
        let err = load(text.as_bytes()).unwrap_err();
        let fy = &err.problems[0];
        assert_eq!(fy.path.to_string(), "fiscal_year");
        assert_eq!(
            fy.position,
            Some(Position {
                line: 3,
                column: 18
            })
        );
    }

    #[test]
    fn not_utf8_is_explained() {
        // "ก" in TIS-620 is 0xA1.
        let p = first(b"{\"name\": \"\xA1\"}");
        assert!(p.message.contains("not UTF-8"));
        assert_eq!(
            p.position,
            Some(Position {
                line: 1,
                column: 11
            })
        );
        assert!(p.hint.unwrap().contains("iconv"));
    }

    #[test]
    fn empty_and_huge_files() {
        assert!(first(b"  \n").message.contains("empty"));
        let huge = vec![b' '; MAX_DATASET_BYTES + 1];
        assert!(first(&huge).message.contains("too big"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = "[".repeat(100_000);
        assert!(first(deep.as_bytes()).message.contains("recursion limit"));
    }

    #[test]
    fn duplicate_keys_are_located_problems() {
        let text = "{\n  \"organization\": {\"name\": \"ก\", \"name\": \"ข\"},\n  \"fiscal_year\": 2567,\n  \"measures\": [{\"measure\": \"a\", \"method\": \"\", \"responsible\": \"\", \"period\": \"\", \"result\": \"\", \"outcome\": \"\"}]\n}";
        let err = load(text.as_bytes()).unwrap_err();
        assert_eq!(err.problems.len(), 1, "{err}");
        let p = &err.problems[0];
        assert_eq!(p.path.to_string(), "organization.name");
        assert_eq!(
            p.position,
            Some(Position {
                line: 2,
                column: 33
            })
        );
        assert!(p.message.contains("given twice"), "{}", p.message);
    }

    #[test]
    fn control_characters_and_direction_overrides_are_located() {
        let text = "{\"organization\": {\"name\": \"อบต.\\u202Eสว่าง\"}, \"fiscal_year\": 2567,\n\"measures\": [{\"measure\": \"a\\u0007\", \"method\": \"\", \"responsible\": \"\", \"period\": \"\", \"result\": \"\", \"outcome\": \"\"}]}";
        let err = load(text.as_bytes()).unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("1:27: organization.name: character 5 of this text is a text-direction control, U+202E"), "{shown}");
        assert!(shown.contains("2:26: measures[0].measure: character 2 of this text is an invisible control character, U+0007 (BEL)"), "{shown}");
        assert!(err.problems.iter().all(|p| p.hint.is_some()));
    }

    #[test]
    fn keys_with_terminal_escapes_are_printed_escaped() {
        let text = "{\"\\u001b]0;owned\\u0007\\u001b[2J\": 1, \"organization\": {\"name\": \"x\"}, \"fiscal_year\": 2567, \"measures\": []}";
        let shown = load(text.as_bytes()).unwrap_err().to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(shown.contains("unknown key \"\\u{001B}]0;owned"), "{shown}");
    }

    #[test]
    fn bom_is_accepted() {
        let text = "\u{feff}{\"organization\": {\"name\": \"x\"}, \"fiscal_year\": 2567, \"measures\": [{\"measure\": \"a\", \"method\": \"\", \"responsible\": \"\", \"period\": \"\", \"result\": \"\", \"outcome\": \"\"}]}";
        assert!(load(text.as_bytes()).is_ok());
    }
}
