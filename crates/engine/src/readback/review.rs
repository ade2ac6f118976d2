//! The province's review table: one row per measure across many reports, from the datasets
//! the reports carry, written as CSV (UTF-8 with a byte-order mark, so Excel shows Thai) or
//! as an Excel workbook.

use crate::dataset::Dataset;
use crate::dataset::model::Period;
use crate::import::cell::cell_text;
use crate::thai::dates::{DateStyle, format_period};

/// The column headings, in order.
pub const HEADINGS: [&str; 12] = [
    "ไฟล์",
    "หน่วยงาน",
    "อำเภอ",
    "จังหวัด",
    "ปีงบประมาณ",
    "ลำดับ",
    "มาตรการ/กิจกรรม",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลา",
    "ผลการดำเนินการ",
    "ผลลัพธ์หรือความสำเร็จ",
];

/// One measure of one report, as plain text cells.
pub type Row = [String; 12];

/// The rows of one report's dataset; `file` names the report they come from.
pub fn rows(file: &str, dataset: &Dataset) -> Vec<Row> {
    let org = &dataset.organization;
    dataset
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            [
                file.to_owned(),
                org.name.clone(),
                org.district.clone().unwrap_or_default(),
                org.province.clone().unwrap_or_default(),
                dataset.fiscal_year.to_string(),
                (i + 1).to_string(),
                cell_text(&m.measure),
                cell_text(&m.method),
                cell_text(&m.responsible),
                match &m.period {
                    Period::Dates(range) => format_period(range.start, range.end, DateStyle::Short),
                    Period::Text(rich) => cell_text(rich),
                },
                cell_text(&m.result),
                cell_text(&m.outcome),
            ]
        })
        .collect()
}

/// The table as CSV bytes, with a UTF-8 byte-order mark for spreadsheet programs.
pub fn to_csv(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(HEADINGS).map_err(|e| e.to_string())?;
    for row in rows {
        writer.write_record(row).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// The table as an Excel workbook (.xlsx).
pub fn to_xlsx(rows: &[Row]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("ITA").map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for (col, heading) in HEADINGS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *heading, &bold)
            .map_err(|e| e.to_string())?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, col as u16);
            // Year and number as numbers, so the sheet sorts and filters them.
            match (col, cell.parse::<f64>()) {
                (4 | 5, Ok(n)) => sheet.write_number(r, c, n).map(|_| ()),
                _ => sheet
                    .write_string_with_format(r, c, cell, &wrap)
                    .map(|_| ()),
            }
            .map_err(|e| e.to_string())?;
        }
    }
    for (col, width) in [
        18.0, 30.0, 14.0, 14.0, 10.0, 6.0, 40.0, 50.0, 18.0, 22.0, 50.0, 40.0,
    ]
    .iter()
    .enumerate()
    {
        sheet
            .set_column_width(col as u16, *width)
            .map_err(|e| e.to_string())?;
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::model::{Block, List, ListStyle, Rich};

    #[test]
    fn lists_keep_their_markers_and_nesting() {
        let rich = Rich(vec![
            Block::Paragraph("หัวข้อ".into()),
            Block::List(List {
                list: vec![
                    Rich(vec![Block::Paragraph("หนึ่ง".into())]),
                    Rich(vec![
                        Block::Paragraph("สอง".into()),
                        Block::List(List {
                            list: vec![Rich(vec![Block::Paragraph("ย่อย".into())])],
                            style: ListStyle::Dash,
                        }),
                    ]),
                ],
                style: ListStyle::Numbered,
            }),
        ]);
        assert_eq!(cell_text(&rich), "หัวข้อ\n๑. หนึ่ง\n๒. สอง\n  - ย่อย");
    }

    #[test]
    fn csv_has_a_bom_and_quotes_cells() {
        let row: Row = std::array::from_fn(|i| {
            if i == 6 {
                "a, \"b\"\nc".to_owned()
            } else {
                i.to_string()
            }
        });
        let csv = to_csv(&[row]).unwrap();
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(csv).unwrap();
        assert!(text.contains("\"a, \"\"b\"\"\nc\""));
    }
}
