//! The one cell-text parser: a table cell as a clerk types it (one paragraph a line; "๑." or
//! "1." starts a numbered item, "-" a dash item, "•" a bullet item; indented lines belong to
//! the item above) to rich text and back. Import uses it for every document; the editor calls
//! it through the engine, so "๙๙.๘๒ คะแนน" or "1.5 ล้านบาท" stay text everywhere.

use super::source::Line;
use super::structure::recover;
use crate::dataset::model::{Block, ListStyle, Rich};
use crate::thai::digits::thai_number;

/// The rich text of a cell's text.
pub fn parse_cell(text: &str) -> Rich {
    recover(&Line::split_text(text))
}

/// Rich text as the lines a clerk types: paragraphs as they are, list items with their markers, nested items
/// indented.
pub fn cell_text(rich: &Rich) -> String {
    let mut lines = Vec::new();
    write_blocks(rich, 0, &mut lines);
    lines.join("\n")
}

fn write_blocks(rich: &Rich, depth: usize, lines: &mut Vec<String>) {
    let indent = "  ".repeat(depth);
    for block in &rich.0 {
        match block {
            Block::Paragraph(text) => lines.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| format!("{indent}{l}")),
            ),
            Block::List(list) => {
                for (i, item) in list.list.iter().enumerate() {
                    let marker = match list.style {
                        ListStyle::Numbered => format!("{}. ", thai_number(i as u64 + 1)),
                        ListStyle::Dash => "- ".into(),
                        ListStyle::Bullet => "• ".into(),
                        ListStyle::Plain => String::new(),
                    };
                    let mut item_lines = Vec::new();
                    write_blocks(item, depth + 1, &mut item_lines);
                    let child_indent = "  ".repeat(depth + 1);
                    for (j, line) in item_lines.into_iter().enumerate() {
                        let body = line.strip_prefix(&child_indent).unwrap_or(&line).to_owned();
                        if j == 0 {
                            lines.push(format!("{indent}{marker}{body}"));
                        } else {
                            lines.push(format!("{child_indent}{body}"));
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let rich = parse_cell(text);
        assert_eq!(cell_text(&rich), text, "{rich:?}");
        assert_eq!(parse_cell(&cell_text(&rich)), rich);
    }

    #[test]
    fn numbers_in_text_stay_text() {
        for text in ["๙๙.๘๒ คะแนน", "1.5 ล้านบาท", "ร้อยละ 95.5 ของผู้ตอบ"]
        {
            assert_eq!(parse_cell(text), Rich(vec![Block::Paragraph(text.into())]));
        }
    }

    #[test]
    fn lists_and_paragraphs_come_back_as_typed() {
        round_trip("จัดประชุมชี้แจง");
        round_trip("หัวข้อ\n๑. หนึ่ง\n๒. สอง");
        round_trip("- ก\n- ข");
        round_trip("• ก\n• ข");
    }
}
