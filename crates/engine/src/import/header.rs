//! Recognising the header row of the measure table and which column holds what, tolerant of
//! spacing, line breaks inside a header cell and the wording variants offices use.

use super::source::Cell;

/// The six columns of the official table, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Measure,
    Method,
    Responsible,
    Period,
    Result,
    Outcome,
}

impl Column {
    pub const ALL: [Column; 6] = [
        Column::Measure,
        Column::Method,
        Column::Responsible,
        Column::Period,
        Column::Result,
        Column::Outcome,
    ];

    /// The column's name in the official form.
    pub fn thai(self) -> &'static str {
        match self {
            Column::Measure => "มาตรการ/กิจกรรม",
            Column::Method => "วิธีการดำเนินการ",
            Column::Responsible => "ผู้รับผิดชอบ",
            Column::Period => "ระยะเวลา",
            Column::Result => "ผลการดำเนินการ",
            Column::Outcome => "ผลลัพธ์หรือความสำเร็จ",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderCell {
    Column(Column),
    /// "ที่", "ลำดับ": the measure number, which the tool writes itself.
    Number,
    /// Some other heading ("หมายเหตุ"): not part of the report.
    Other,
    Empty,
}

/// A header text without spaces, line breaks and case, for matching.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Classifies one header cell. Order matters: "ผลการดำเนินการ" also holds "การดำเนินการ".
pub fn classify(text: &str) -> HeaderCell {
    let t = squash(text);
    let t = t.trim_matches(|c: char| matches!(c, '*' | ':' | '.'));
    if t.is_empty() {
        return HeaderCell::Empty;
    }
    let any = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if matches!(t, "ที่" | "ลำดับ" | "ลำดับที่" | "no" | "no." | "#")
    {
        return HeaderCell::Number;
    }
    let column = if any(&["ผลลัพธ์", "ความสำเร็จ", "ผลสัมฤทธิ์", "ผลที่ได้รับ", "outcome"])
    {
        Column::Outcome
    } else if any(&["ผลการดำเนิน", "ผลดำเนิน", "ผลการปฏิบัติ", "ผลการจัด", "result"])
    {
        Column::Result
    } else if any(&["รับผิดชอบ", "responsible"]) || t == "หน่วยงาน"
    {
        Column::Responsible
    } else if any(&["ระยะเวลา", "ช่วงเวลา", "ห้วงเวลา", "กำหนดเวลา", "period"])
    {
        Column::Period
    } else if any(&[
        "วิธีการ",
        "วิธีดำเนิน",
        "ขั้นตอน",
        "แนวทางการดำเนิน",
        "รายละเอียด",
        "การดำเนินการ",
        "การดำเนินงาน",
        "method",
    ]) {
        Column::Method
    } else if any(&["มาตรการ", "กิจกรรม", "โครงการ", "measure"])
    {
        Column::Measure
    } else {
        return HeaderCell::Other;
    };
    HeaderCell::Column(column)
}

/// Which source column holds each report column, from a header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// For each cell of the header row, what it names.
    pub cells: Vec<HeaderCell>,
}

impl Header {
    /// The header this row is, if at least four of the six columns are named in it (once each).
    pub fn of_row(cells: &[Cell]) -> Option<Header> {
        let classified: Vec<HeaderCell> = cells.iter().map(|c| classify(&c.flat_text())).collect();
        let mut seen = Vec::new();
        for c in &classified {
            if let HeaderCell::Column(col) = c {
                if seen.contains(col) {
                    return None;
                }
                seen.push(*col);
            }
        }
        // Long cells are data, not headings.
        let short = cells
            .iter()
            .all(|c| squash(&c.flat_text()).chars().count() <= 40);
        (seen.len() >= 4 && short).then_some(Header { cells: classified })
    }

    /// The source column of a report column.
    pub fn position(&self, column: Column) -> Option<usize> {
        self.cells
            .iter()
            .position(|c| *c == HeaderCell::Column(column))
    }

    pub fn missing(&self) -> Vec<Column> {
        Column::ALL
            .into_iter()
            .filter(|c| self.position(*c).is_none())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::Line;

    fn cells(texts: &[&str]) -> Vec<Cell> {
        texts
            .iter()
            .map(|t| Cell {
                place: Default::default(),
                lines: Line::split_text(t),
            })
            .collect()
    }

    #[test]
    fn official_and_variant_headers() {
        let official = [
            "มาตรการ/กิจกรรม",
            "วิธีการดำเนินการ",
            "ผู้รับผิดชอบ",
            "ระยะเวลา",
            "ผลการดำเนินการ",
            "ผลลัพธ์หรือความสำเร็จ",
        ];
        let h = Header::of_row(&cells(&official)).unwrap();
        for (i, c) in Column::ALL.into_iter().enumerate() {
            assert_eq!(h.position(c), Some(i));
        }
        let variants = [
            "ที่",
            "มาตรการ / \nกิจกรรม",
            "วิธี การ\nดำเนินงาน",
            "หน่วยงาน\nที่รับผิดชอบ",
            "ระยะเวลา\nดำเนินการ",
            "ผลการ ดำเนินงาน",
            "ผลลัพธ์/ความสำเร็จ",
            "หมายเหตุ",
        ];
        let h = Header::of_row(&cells(&variants)).unwrap();
        assert_eq!(h.cells[0], HeaderCell::Number);
        assert_eq!(h.position(Column::Measure), Some(1));
        assert_eq!(h.position(Column::Method), Some(2));
        assert_eq!(h.position(Column::Outcome), Some(6));
        assert_eq!(h.cells[7], HeaderCell::Other);
        assert!(h.missing().is_empty());
    }

    #[test]
    fn data_rows_are_not_headers() {
        let row = [
            "๑.มาตรการเผยแพร่ข้อมูล",
            "๑.มอบหมายผู้รับผิดชอบ",
            "สำนักปลัด",
            "๑ ต.ค.๖๖ – ๓๐ ก.ย.๖๗",
            "ผลการดำเนินการ",
            "-",
        ];
        assert_eq!(Header::of_row(&cells(&row)), None);
        assert_eq!(classify("ผลลัพธ์"), HeaderCell::Column(Column::Outcome));
        assert_eq!(
            classify("ผลการดำเนินการ"),
            HeaderCell::Column(Column::Result)
        );
        assert_eq!(classify("การดำเนินการ"), HeaderCell::Column(Column::Method));
        assert_eq!(
            classify("รายละเอียดการดำเนินการ"),
            HeaderCell::Column(Column::Method)
        );
        assert_eq!(
            classify("ระยะเวลาการดำเนินการ"),
            HeaderCell::Column(Column::Period)
        );
        assert_eq!(
            classify("ขั้นตอน/วิธีการดำเนินการ"),
            HeaderCell::Column(Column::Method)
        );
        assert_eq!(classify("หมายเหตุ"), HeaderCell::Other);
    }
}
