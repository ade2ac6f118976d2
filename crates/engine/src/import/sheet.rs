//! Spreadsheets: Excel `.xlsx`, LibreOffice `.ods` (through calamine) and `.csv`; one row per
//! measure under a header row, the title block in the rows above it.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::assemble::column_letter;
use super::source::{Cell, Line, Piece, Place, Row, Said, Source, Warnings};
use super::text::decode;
use crate::thai::dates::Date;

/// Columns read from a sheet: a measure table has six, a title block one or two; a filled
/// cell further right is reported and left out.
pub const MAX_COLUMNS: u32 = 64;
/// Filled cells read from one sheet or CSV file: a measure table of 30 measures has a few
/// hundred. More means the file is not a report (or was generated in a loop).
pub const MAX_FILLED_CELLS: usize = 100_000;

/// The largest CSV file read, as for a dataset: a report's table is a few hundred kilobytes.
pub const MAX_CSV_BYTES: usize = crate::dataset::MAX_DATASET_BYTES;

/// The filled cells of a sheet, kept sparse: a sheet's declared size (a lone cell at
/// XFD1048576 declares 17 billion cells) costs nothing, only the cells present count.
#[derive(Default)]
struct Grid {
    rows: BTreeMap<u32, Vec<(u32, String)>>,
    filled: usize,
    /// The first filled cell right of [`MAX_COLUMNS`], as (row, column), zero-based.
    beyond: Option<(u32, u32)>,
}

impl Grid {
    fn put(&mut self, row: u32, column: u32, text: String) -> Result<(), SheetError> {
        if text.is_empty() {
            return Ok(());
        }
        if column >= MAX_COLUMNS {
            self.beyond.get_or_insert((row, column));
            return Ok(());
        }
        self.filled += 1;
        if self.filled > MAX_FILLED_CELLS {
            return Err(SheetError(Said::new(
                format!(
                    "the sheet has more than {MAX_FILLED_CELLS} filled cells, far more than a report's measure table; \
                     copy the table into a new file and import that"
                ),
                "แผ่นงานนี้มีข้อมูลมากเกินกว่าจะเป็นตารางมาตรการ: คัดลอกเฉพาะตารางมาตรการไปไว้ในไฟล์ใหม่แล้วเปิดไฟล์นั้น",
            )));
        }
        self.rows.entry(row).or_default().push((column, text));
        Ok(())
    }

    /// The rows holding a filled cell, each as wide as its last filled cell; `place` names a
    /// cell from its zero-based row and column.
    fn into_rows(
        self,
        place: impl Fn(u32, u32) -> String,
        warnings: &mut Warnings,
    ) -> Vec<(u32, Vec<String>)> {
        if let Some((row, column)) = self.beyond {
            warnings.add(
                &Place::new(place(row, column)),
                format!(
                    "cells right of column {} are not imported (a measure table has six columns)",
                    column_letter(MAX_COLUMNS as usize - 1)
                ),
                format!(
                    "ช่องที่อยู่ทางขวาของคอลัมน์ {} ไม่ได้นำเข้า (ตารางมาตรการมีหกคอลัมน์)",
                    column_letter(MAX_COLUMNS as usize - 1)
                ),
            );
        }
        self.rows
            .into_iter()
            .map(|(row, cells)| {
                let width = cells
                    .iter()
                    .map(|(c, _)| *c as usize + 1)
                    .max()
                    .unwrap_or(0);
                let mut texts = vec![String::new(); width];
                for (column, text) in cells {
                    texts[column as usize] = text;
                }
                (row, texts)
            })
            .collect()
    }
}

/// The filled cells of the sheet `name`: read cell by cell where the format allows it
/// (xlsx, xlsb), else from calamine's range (ods caps its repeats; xls has 65,536 × 256).
fn read_grid<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    name: &str,
) -> Result<Result<Grid, SheetError>, String> {
    let mut grid = Grid::default();
    macro_rules! cells {
        ($reader:expr) => {{
            let mut reader = $reader.map_err(|e| e.to_string())?;
            loop {
                match reader.next_cell() {
                    Ok(Some(cell)) => {
                        let (row, column) = cell.get_position();
                        let text = cell_text(&Data::from(cell.get_value().clone()));
                        if let Err(e) = grid.put(row, column, text) {
                            return Ok(Err(e));
                        }
                    }
                    Ok(None) => break,
                    Err(e) => return Err(e.to_string()),
                }
            }
        }};
    }
    match book {
        Sheets::Xlsx(book) => cells!(book.worksheet_cells_reader(name)),
        Sheets::Xlsb(book) => cells!(book.worksheet_cells_reader(name)),
        book => {
            let range = book.worksheet_range(name).map_err(|e| e.to_string())?;
            for (row, column, data) in range.used_cells() {
                let (row0, col0) = range.start().unwrap_or((0, 0));
                let (row, column) = (row0 as usize + row, col0 as usize + column);
                let (Ok(row), Ok(column)) = (u32::try_from(row), u32::try_from(column)) else {
                    continue;
                };
                if let Err(e) = grid.put(row, column, cell_text(data)) {
                    return Ok(Err(e));
                }
            }
        }
    }
    Ok(Ok(grid))
}

/// Why a spreadsheet could not be read at all.
#[derive(Debug)]
pub struct SheetError(pub Said);

/// The text of a spreadsheet cell as a clerk sees it.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            // Written as the report writes dates, so a date cell reads like a typed one.
            Date::new(i32::from(y), m, d).map_or_else(|| dt.as_f64().to_string(), Date::thai_short)
        }
        Data::DateTimeIso(s) => {
            Date::parse_iso(s.get(..10).unwrap_or(s)).map_or_else(|_| s.clone(), Date::thai_short)
        }
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn row_of(place_prefix: &str, row_no: usize, texts: Vec<String>) -> Row {
    let cells = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Cell {
            place: Place::new(format!("{place_prefix}cell {}{row_no}", column_letter(i))),
            lines: Line::split_text(&text),
        })
        .collect();
    Row {
        place: Place::new(format!("{place_prefix}row {row_no}")),
        table: 0,
        cells,
    }
}

/// Whether a sheet's rows hold a measure table header.
fn has_header(rows: &[Row]) -> bool {
    rows.iter()
        .any(|r| super::header::Header::of_row(&r.cells).is_some())
}

/// Reads an `.xlsx` or `.ods` workbook: the sheet named `sheet`, or the first with a header.
pub fn read_workbook(
    bytes: Vec<u8>,
    sheet: Option<&str>,
    warnings: &mut Warnings,
) -> Result<Source, SheetError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        SheetError(Said::new(
            format!(
                "this is not a spreadsheet that can be read ({e}); save it again as .xlsx or .ods"
            ),
            "อ่านไฟล์ตารางคำนวณนี้ไม่ได้: เปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx หรือ .ods",
        ))
    })?;
    let names = book.sheet_names();
    if let Some(wanted) = sheet
        && !names.iter().any(|n| n == wanted)
    {
        return Err(SheetError(Said::new(
            format!(
                "there is no sheet \"{wanted}\"; the sheets are: {}",
                names.join(", ")
            ),
            format!("ไม่มีแผ่นงาน \"{wanted}\" ในไฟล์นี้: มีเฉพาะ {}", names.join(", ")),
        )));
    }
    let mut chosen = None;
    let mut others = Vec::new();
    for name in &names {
        if sheet.is_some_and(|s| s != name) {
            continue;
        }
        let prefix = format!("sheet \"{name}\", ");
        let grid = match read_grid(&mut book, name) {
            Ok(grid) => grid?,
            Err(e) => {
                warnings.add(
                    &Place::new(format!("sheet \"{name}\"")),
                    format!("the sheet could not be read ({e}): skipped"),
                    "อ่านแผ่นงานนี้ไม่ได้ จึงข้ามไป",
                );
                continue;
            }
        };
        let cell_place = |row: u32, column: u32| {
            format!(
                "{prefix}cell {}{}",
                column_letter(column as usize),
                row as usize + 1
            )
        };
        let rows: Vec<Row> = grid
            .into_rows(cell_place, warnings)
            .into_iter()
            .map(|(row, texts)| row_of(&prefix, row as usize + 1, texts))
            .collect();
        if chosen.is_none() && has_header(&rows) {
            chosen = Some(rows);
        } else if rows.iter().any(|r| r.cells.iter().any(|c| !c.is_empty())) {
            others.push(name.clone());
        }
    }
    let Some(rows) = chosen else {
        return Ok(Source::default());
    };
    for name in others {
        warnings.add(
            &Place::new(format!("sheet \"{name}\"")),
            "this sheet has no measure table header and was not imported (choose another sheet with --sheet)",
            "แผ่นงานนี้ไม่มีหัวตารางมาตรการ จึงไม่ได้นำเข้า",
        );
    }
    Ok(Source {
        pieces: rows.into_iter().map(Piece::Row).collect(),
    })
}

/// Reads a `.csv` file: comma, semicolon or tab separated, UTF-8 or Thai Windows-874.
pub fn read_csv(bytes: &[u8], warnings: &mut Warnings) -> Result<Source, SheetError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(SheetError(Said::new(
            format!(
                "the file is {:.1} MB, too big to be a report's table (the limit is {} MB); check that this is the right file",
                bytes.len() as f64 / 1_048_576.0,
                MAX_CSV_BYTES / 1_048_576
            ),
            "ไฟล์ใหญ่เกินกว่าจะเป็นตารางรายงาน: ตรวจว่าเลือกไฟล์ถูก",
        )));
    }
    let text = decode(bytes, warnings);
    let first_lines: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_lines.matches(char::from(*d)).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    let mut record = csv::StringRecord::new();
    let mut index = 0u32;
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e
                .position()
                .map_or(u64::from(index) + 1, csv::Position::line);
            SheetError(Said::new(
                format!(
                    "line {line}: the CSV cannot be read ({e}); check the quotes around that line"
                ),
                format!(
                    "บรรทัด {}: อ่านไฟล์ CSV ไม่ได้ ตรวจเครื่องหมายคำพูดรอบ ๆ บรรทัดนั้น",
                    crate::thai::digits::thai_number(line)
                ),
            ))
        })?;
        if !more {
            break;
        }
        // Rows are numbered by the line they start on (a quoted cell may span lines).
        let line = record
            .position()
            .map_or(u64::from(index) + 1, csv::Position::line);
        let row = u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX);
        for (column, text) in record.iter().enumerate() {
            let column = u32::try_from(column).unwrap_or(u32::MAX);
            grid.put(row, column, text.to_owned())?;
        }
        index = index.saturating_add(1);
    }
    let place = |row: u32, column: u32| {
        format!("line {}, column {}", row as usize + 1, column as usize + 1)
    };
    let mut source = Source::default();
    for (row, texts) in grid.into_rows(place, warnings) {
        let line = row as usize + 1;
        let mut row = row_of("", line, texts);
        row.place = Place::new(format!("line {line}"));
        for (k, cell) in row.cells.iter_mut().enumerate() {
            cell.place = Place::new(format!("line {line}, column {}", k + 1));
        }
        source.pieces.push(Piece::Row(row));
    }
    Ok(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_cells_cost_nothing_and_filled_cells_are_bounded() {
        let mut w = Warnings::default();
        let mut grid = Grid::default();
        grid.put(0, 0, "a".into()).unwrap();
        grid.put(1_048_575, 16_383, "far".into()).unwrap();
        grid.put(199_999, 2, "c".into()).unwrap();
        let rows = grid.into_rows(
            |r, c| format!("{}{}", column_letter(c as usize), r + 1),
            &mut w,
        );
        assert_eq!(
            rows,
            [
                (0, vec!["a".to_owned()]),
                (199_999, vec![String::new(), String::new(), "c".to_owned()])
            ]
        );
        assert_eq!(w.0[0].place.0, "XFD1048576");
        let mut grid = Grid::default();
        let mut result = Ok(());
        for i in 0..=MAX_FILLED_CELLS as u32 {
            result = result.and(grid.put(i, 0, "x".into()));
        }
        assert!(
            result
                .unwrap_err()
                .0
                .en
                .contains("more than 100000 filled cells")
        );
    }

    #[test]
    fn a_line_of_commas_is_cheap() {
        let mut w = Warnings::default();
        let mut csv = "a,b\n".to_owned();
        csv.push_str(&",".repeat(2_000_000));
        csv.push_str("x\n");
        let source = read_csv(csv.as_bytes(), &mut w).unwrap();
        assert_eq!(source.pieces.len(), 1);
        assert!(w.0[0].message.contains("not imported"), "{:?}", w.0);
        assert_eq!(w.0[0].place.0, "line 2, column 2000001");
    }

    #[test]
    fn csv_with_quotes_and_line_breaks() {
        let mut w = Warnings::default();
        let csv = "ชื่อ,,\n\"a, b\",\"line1\nline2\",c\n";
        let source = read_csv(csv.as_bytes(), &mut w).unwrap();
        let Piece::Row(row) = &source.pieces[1] else {
            panic!("a row")
        };
        assert_eq!(row.cells[0].flat_text(), "a, b");
        assert_eq!(row.cells[1].lines.len(), 2);
        assert_eq!(row.cells[2].place.0, "line 2, column 3");
    }
}
