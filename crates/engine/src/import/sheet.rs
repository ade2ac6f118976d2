//! Spreadsheets: Excel `.xlsx`, LibreOffice `.ods` (through calamine) and `.csv`; one row per
//! measure under a header row, the title block in the rows above it.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::assemble::column_letter;
use super::source::{Cell, Line, Piece, Place, Row, Source, Warnings};
use super::text::decode;
use crate::thai::dates::Date;

/// Why a spreadsheet could not be read at all.
#[derive(Debug)]
pub struct SheetError(pub String);

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
        SheetError(format!(
            "this is not a spreadsheet that can be read ({e}); save it again as .xlsx or .ods"
        ))
    })?;
    let names = book.sheet_names();
    if let Some(wanted) = sheet
        && !names.iter().any(|n| n == wanted)
    {
        return Err(SheetError(format!(
            "there is no sheet \"{wanted}\"; the sheets are: {}",
            names.join(", ")
        )));
    }
    let mut chosen = None;
    let mut others = Vec::new();
    for name in &names {
        if sheet.is_some_and(|s| s != name) {
            continue;
        }
        let range = match book.worksheet_range(name) {
            Ok(r) => r,
            Err(e) => {
                warnings.add(
                    &Place::new(format!("sheet \"{name}\"")),
                    format!("the sheet could not be read ({e}): skipped"),
                );
                continue;
            }
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let prefix = format!("sheet \"{name}\", ");
        let mut rows = Vec::new();
        for (r, cells) in range.rows().enumerate() {
            let mut texts: Vec<String> = vec![String::new(); col0 as usize];
            texts.extend(cells.iter().map(cell_text));
            rows.push(row_of(&prefix, row0 as usize + r + 1, texts));
        }
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
        );
    }
    Ok(Source {
        pieces: rows.into_iter().map(Piece::Row).collect(),
    })
}

/// Reads a `.csv` file: comma, semicolon or tab separated, UTF-8 or Thai Windows-874.
pub fn read_csv(bytes: &[u8], warnings: &mut Warnings) -> Result<Source, SheetError> {
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
    let mut source = Source::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            SheetError(format!(
                "line {line}: the CSV cannot be read ({e}); check the quotes around that line"
            ))
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let texts: Vec<String> = record.iter().map(str::to_owned).collect();
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
