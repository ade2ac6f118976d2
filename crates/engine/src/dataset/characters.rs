//! Characters no report text may hold: control characters (NUL, BEL, ESC, …), which draw
//! nothing and can drive a terminal, and the bidirectional embeddings, overrides and isolates
//! (U+202A–U+202E, U+2066–U+2069), which reorder what follows them (an organisation name
//! printed backwards). Each is a located problem with a hint, never dropped in silence.
//! Line breaks, tabs and Word's manual line break (U+000B) are text and stay allowed.

use serde_json::Value;

use super::path::JsonPath;
use super::problem::Problem;
use crate::thai::digits::th;

/// Whether `c` is a character a report text may not hold.
pub fn is_forbidden(c: char) -> bool {
    is_direction_control(c) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0B}'))
}

/// The bidirectional embeddings, overrides and isolates.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control and direction character written as `\u{…}`, so that a message
/// quoting a dataset never sends a terminal escape or reverses the line it is printed on.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_forbidden(c) || c.is_control() {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One problem for every string in `value` holding a forbidden character (naming the first).
pub fn forbidden_characters(value: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    walk(value, &JsonPath::root(), &mut problems);
    problems
}

fn walk(value: &Value, path: &JsonPath, out: &mut Vec<Problem>) {
    match value {
        Value::String(text) => {
            if let Some((index, c)) = text.chars().enumerate().find(|(_, c)| is_forbidden(*c)) {
                out.push(problem(path, index + 1, c));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &path.index(i), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                walk(item, &path.key(key), out);
            }
        }
        _ => {}
    }
}

fn problem(path: &JsonPath, position: usize, c: char) -> Problem {
    let code = c as u32;
    let (what, what_th, hint, hint_th) = if is_direction_control(c) {
        (
            "a text-direction control",
            "อักขระควบคุมทิศทางข้อความ (มองไม่เห็น)",
            "remove it: it reverses or reorders the text after it, and Thai and Latin text need no direction marks (it usually comes with text copied from a web page or chat)",
            "ลบอักขระนี้ออก: มันกลับหรือสลับลำดับข้อความที่ตามมา ข้อความไทยและอังกฤษไม่ต้องใช้ (มักติดมากับข้อความที่คัดลอกจากเว็บหรือแชต) วิธีง่ายคือลบคำรอบ ๆ ตำแหน่งนั้นแล้วพิมพ์ใหม่",
        )
    } else {
        (
            "an invisible control character",
            "อักขระควบคุมที่มองไม่เห็น",
            "remove it: it prints nothing and usually comes from copying out of another program; write a line break as \\n",
            "ลบอักขระนี้ออก: มันไม่พิมพ์อะไรเลยและมักติดมาจากการคัดลอกจากโปรแกรมอื่น วิธีง่ายคือลบคำรอบ ๆ ตำแหน่งนั้นแล้วพิมพ์ใหม่",
        )
    };
    let name = match code {
        0x00 => " (NUL)",
        0x07 => " (BEL)",
        0x08 => " (backspace)",
        0x0C => " (form feed)",
        0x1B => " (ESC)",
        0x7F => " (DEL)",
        0x202E => " (RIGHT-TO-LEFT OVERRIDE)",
        0x202D => " (LEFT-TO-RIGHT OVERRIDE)",
        _ => "",
    };
    Problem::new(
        path.clone(),
        format!("character {position} of this text is {what}, U+{code:04X}{name}"),
        format!(
            "ตัวอักษรที่ {} ของข้อความนี้เป็น{what_th} (U+{code:04X})",
            th(position)
        ),
    )
    .with_hint(hint, hint_th)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn controls_and_overrides_are_found_with_their_place() {
        let value = json!({"organization": {"name": "อบต.\u{202E}สว่าง"}, "measures": [{"result": ["ok", "a\u{0}b", "\u{1b}[31m"]}]});
        let found: Vec<String> = forbidden_characters(&value)
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect();
        assert_eq!(
            found,
            [
                "organization.name: character 5 of this text is a text-direction control, U+202E (RIGHT-TO-LEFT OVERRIDE)",
                "measures[0].result[1]: character 2 of this text is an invisible control character, U+0000 (NUL)",
                "measures[0].result[2]: character 1 of this text is an invisible control character, U+001B (ESC)",
            ]
        );
    }

    #[test]
    fn line_breaks_and_tabs_are_text() {
        assert!(forbidden_characters(&json!("ก\nข\r\nค\tง\u{0b}จ\u{2028}")).is_empty());
    }

    #[test]
    fn printable_escapes_what_a_terminal_would_obey() {
        assert_eq!(
            printable("a\u{1b}[2Jb\u{202E}c\nd"),
            "a\\u{001B}[2Jb\\u{202E}c\\u{000A}d"
        );
        assert_eq!(printable("องค์การ"), "องค์การ");
    }
}
