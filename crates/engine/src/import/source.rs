//! What every reader hands over: the paragraphs and table rows of a source file with their
//! places, before any structure is recovered.

use std::fmt;

use crate::dataset::model::ListStyle;
use crate::thai::digits::to_thai_digits;

/// Where something is in the source file, in words a clerk can follow
/// ("line 14, cell 5", "sheet "ITA", cell C7", "table 1, row 3, cell 2").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place(pub String);

impl Place {
    pub fn new(text: impl Into<String>) -> Place {
        Place(text.into())
    }
}

impl Place {
    /// The place in Thai: the readers write places from a few words ("table 1, row 3, cell
    /// 2", "sheet "ITA", cell C7", "line 14, column 5", "paragraph 4"), each said here in
    /// Thai; sheet names in quotes and cell references stay as written.
    pub fn thai(&self) -> String {
        let mut out = String::new();
        for (i, part) in self.0.split('"').enumerate() {
            if i % 2 == 1 {
                out.push('"');
                out.push_str(part);
                out.push('"');
                continue;
            }
            let words: Vec<String> = part
                .split(' ')
                .map(|word| match word {
                    "table" => "ตาราง".to_owned(),
                    "row" => "แถว".to_owned(),
                    "cell" => "ช่อง".to_owned(),
                    "column" => "คอลัมน์".to_owned(),
                    "line" => "บรรทัด".to_owned(),
                    "paragraph" => "ย่อหน้า".to_owned(),
                    "sheet" => "แผ่นงาน".to_owned(),
                    _ if !word.is_empty()
                        && word
                            .trim_end_matches(',')
                            .chars()
                            .all(|c| c.is_ascii_digit()) =>
                    {
                        to_thai_digits(word)
                    }
                    _ => word.to_owned(),
                })
                .collect();
            out.push_str(&words.join(" "));
        }
        out
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the import says to people, in English and in Thai.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub en: String,
    pub th: String,
}

impl Said {
    pub fn new(en: impl Into<String>, th: impl Into<String>) -> Said {
        Said {
            en: en.into(),
            th: th.into(),
        }
    }
}

/// Something the import could not fully understand, with its place; printed on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub place: Place,
    pub message: String,
    pub message_th: String,
}

impl Warning {
    /// The warning in Thai, its place in Thai words.
    pub fn thai(&self) -> String {
        if self.place.0.is_empty() {
            self.message_th.clone()
        } else {
            format!("{}: {}", self.place.thai(), self.message_th)
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.0.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// Collects warnings in the order they are found.
#[derive(Debug, Default)]
pub struct Warnings(pub Vec<Warning>);

impl Warnings {
    /// A warning, in English and in Thai: none without its Thai words.
    pub fn add(
        &mut self,
        place: &Place,
        message: impl Into<String>,
        message_th: impl Into<String>,
    ) {
        self.0.push(Warning {
            place: place.clone(),
            message: message.into(),
            message_th: message_th.into(),
        });
    }
}

/// How a line joins the one before it in the same cell or paragraph group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// A new paragraph (Word paragraph, HTML `<p>`, a blank line).
    Paragraph,
    /// A line break inside the same paragraph (Alt+Enter in a spreadsheet, `<br>`, Shift+Enter).
    LineBreak,
}

/// A list item the source marks as such (HTML `<li>`, Word numbering), as opposed to
/// "๑." or "-" typed in the text, which structure recovery finds by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explicit {
    /// Which list of the source the item belongs to; items of one list share it.
    pub list: usize,
    /// Nesting level, 0 for the outermost list.
    pub level: usize,
    /// The style the source declares; a "-", "•" or "๑." typed at the start of the item wins.
    pub style: ListStyle,
    /// A further paragraph or line of the same item, not a new item.
    pub continues: bool,
}

/// One line of text of a cell or paragraph group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub join: Join,
    pub item: Option<Explicit>,
}

impl Line {
    pub fn paragraph(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            join: Join::Paragraph,
            item: None,
        }
    }

    /// Lines of a plain text that may hold line breaks ("\n").
    pub fn split_text(text: &str) -> Vec<Line> {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut lines = Vec::new();
        let mut blank_before = false;
        for part in text.split('\n') {
            if part.trim().is_empty() {
                blank_before = !lines.is_empty();
                continue;
            }
            lines.push(Line {
                text: part.to_owned(),
                join: if blank_before || lines.is_empty() {
                    Join::Paragraph
                } else {
                    Join::LineBreak
                },
                item: None,
            });
            blank_before = false;
        }
        lines
    }
}

/// A table cell: its place and its lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub place: Place,
    pub lines: Vec<Line>,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.text.trim().is_empty())
    }

    /// The cell's text on one line, for headers and messages.
    pub fn flat_text(&self) -> String {
        let parts: Vec<&str> = self.lines.iter().map(|l| l.text.trim()).collect();
        parts.join(" ")
    }
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub place: Place,
    /// Which table of the source the row is in (a text export or a sheet has one).
    pub table: usize,
    pub cells: Vec<Cell>,
}

/// A paragraph outside the table (title block, introduction, signatures).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub place: Place,
    pub lines: Vec<Line>,
}

impl Para {
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self.lines.iter().map(|l| l.text.trim()).collect();
        parts.join(" ")
    }
}

/// One thing of the source, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Para(Para),
    Row(Row),
}

/// A whole source file as read, before it is understood as a report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub pieces: Vec<Piece>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_said_in_thai_with_sheet_names_and_cell_references_as_written() {
        let thai = |en: &str| Place::new(en).thai();
        assert_eq!(thai("table 1, row 3, cell 2"), "ตาราง ๑, แถว ๓, ช่อง ๒");
        assert_eq!(thai("sheet \"row 5\", cell C7"), "แผ่นงาน \"row 5\", ช่อง C7");
        assert_eq!(thai("line 14, column 5"), "บรรทัด ๑๔, คอลัมน์ ๕");
        assert_eq!(thai("paragraph 4"), "ย่อหน้า ๔");
        assert_eq!(thai(""), "");
    }
}
