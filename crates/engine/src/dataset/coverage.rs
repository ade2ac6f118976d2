//! Finds characters the report's font cannot draw, with the JSON path of the text they are
//! in: an emoji or a private-use glyph from an old Thai font would otherwise print as an empty
//! box, or make the PDF/A export fail with no hint of where the character is.

use serde_json::Value;

use super::path::JsonPath;
use super::problem::Problem;
use crate::thai::digits::th;

/// Problems for every string in `value` holding a character that `covers` says cannot be
/// drawn. Characters the normaliser removes or that draw nothing (controls, zero-width
/// marks) are not checked. One problem per string, naming its first such character.
pub fn uncovered(value: &Value, covers: &dyn Fn(char) -> bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    walk(value, &JsonPath::root(), covers, &mut problems);
    problems
}

fn walk(value: &Value, path: &JsonPath, covers: &dyn Fn(char) -> bool, out: &mut Vec<Problem>) {
    match value {
        Value::String(text) => {
            if let Some(c) = text.chars().find(|&c| !invisible(c) && !covers(c)) {
                out.push(problem(path, text, c));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &path.index(i), covers, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                if key != "$schema" {
                    walk(item, &path.key(key), covers, out);
                }
            }
        }
        _ => {}
    }
}

fn problem(path: &JsonPath, text: &str, c: char) -> Problem {
    let code = c as u32;
    let position = text.chars().position(|x| x == c).unwrap_or(0) + 1;
    let (hint, hint_th) = if (0xE000..=0xF8FF).contains(&code) {
        (
            "this is a private-use character, as old Thai fonts used for shifted tone marks and vowels: retype the word with a standard Thai keyboard",
            "เป็นอักขระพิเศษของฟอนต์ไทยรุ่นเก่า (ใช้แทนสระหรือวรรณยุกต์): พิมพ์คำนั้นใหม่ด้วยแป้นพิมพ์ไทยมาตรฐาน",
        )
    } else if c.is_alphabetic() {
        (
            "the report's font (Sarabun) draws Thai and Latin letters only: write this word in Thai or Latin letters",
            "ฟอนต์ของรายงาน (Sarabun) พิมพ์ได้เฉพาะอักษรไทยและอังกฤษ: เขียนคำนี้เป็นอักษรไทยหรืออังกฤษ",
        )
    } else {
        (
            "remove the character or replace it with a plain one (emoji and symbols cannot be printed in the report)",
            "ลบอักขระนี้ หรือใช้ตัวธรรมดาแทน (อีโมจิและสัญลักษณ์พิเศษพิมพ์ในรายงานไม่ได้)",
        )
    };
    Problem::new(
        path.clone(),
        format!("the character {c} (U+{code:04X}, character {position} of this text) cannot be printed with the report's font"),
        format!(
            "อักขระ {c} (U+{code:04X} ตัวที่ {} ของข้อความนี้) พิมพ์ด้วยฟอนต์ของรายงานไม่ได้",
            th(position)
        ),
    )
    .with_hint(hint, hint_th)
}

/// Characters that draw nothing or are removed before typesetting.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn latin_only(c: char) -> bool {
        c.is_ascii()
    }

    #[test]
    fn finds_the_path_and_the_character() {
        let value = json!({"measures": [{"result": ["ok", "fine 😀 smile"]}], "$schema": "ü"});
        let problems = uncovered(&value, &latin_only);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path.to_string(), "measures[0].result[1]");
        assert!(problems[0].message.contains("U+1F600"));
        assert!(problems[0].message.contains("character 6"));
    }

    #[test]
    fn private_use_gets_its_own_hint() {
        let problems = uncovered(&json!("\u{F70A}"), &latin_only);
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("old Thai fonts")
        );
    }

    #[test]
    fn invisible_characters_are_not_checked() {
        assert!(uncovered(&json!("a\u{200B}b\u{FEFF}\n\t"), &latin_only).is_empty());
    }
}
