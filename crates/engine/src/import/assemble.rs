//! Turns a read source (paragraphs and rows with places) into a dataset: finds the header
//! rows, maps columns, recovers the title block, lists, periods and signatures, and reports
//! everything it could not place.

use crate::dataset::model::{Dataset, FISCAL_YEAR_RANGE, Measure, Organization, Period, Signatory};
use crate::thai::dates::fiscal_year_bounds;
use crate::thai::digits::{th, thai_number};

use super::header::{Column, Header, HeaderCell};
use super::period::{PeriodText, parse_period};
use super::source::{Cell, Join, Line, Para, Piece, Place, Row, Source, Warnings};
use super::structure::{clean_text, map_text, recover, strip_measure_number};
use super::title::read_title_block;
use super::words::join_broken_words;
use super::{ImportError, ImportOptions};

/// The lines of one measure's six cells, gathered over the rows it spans.
#[derive(Default)]
struct Gathered {
    place: Place,
    cells: [Vec<Line>; 6],
    /// Where each cell's text came from, for messages.
    places: [Option<Place>; 6],
}

/// A short, one-line preview of a text for messages.
fn preview(text: &str) -> String {
    let text = clean_text(text);
    let mut out: String = text.chars().take(50).collect();
    if text.chars().count() > 50 {
        out.push('…');
    }
    format!("\"{out}\"")
}

/// The column's name as a clerk sees it in a sheet: A, B, …, Z, AA, …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

struct Assembler<'w> {
    warnings: &'w mut Warnings,
    preamble: Vec<Para>,
    trailing: Vec<Para>,
    header: Option<(Header, usize)>,
    header_seen: bool,
    measures: Vec<Gathered>,
    /// Below the table, in the signature lines.
    signing: bool,
}

impl Assembler<'_> {
    fn row(&mut self, row: &Row) {
        if let Some(header) = Header::of_row(&row.cells) {
            self.new_header(header, row);
            return;
        }
        let Some((header, table)) = self.header.clone() else {
            // Rows before the table (a title block laid out in a table) are paragraphs.
            for cell in row.cells.iter().filter(|c| !c.is_empty()) {
                self.preamble.push(Para {
                    place: cell.place.clone(),
                    lines: cell.lines.clone(),
                });
            }
            return;
        };
        if row.cells.iter().all(Cell::is_empty) {
            return;
        }
        // Signature lines typed in the rows below the table of a sheet.
        let filled: Vec<&Cell> = row.cells.iter().filter(|c| !c.is_empty()).collect();
        if self.signing || (filled.len() == 1 && filled[0].flat_text().contains("ลงชื่อ"))
        {
            self.signing = true;
            for cell in filled {
                self.trailing.push(Para {
                    place: cell.place.clone(),
                    lines: cell.lines.clone(),
                });
            }
            return;
        }
        if row.table != table && row.cells.len() != header.cells.len() {
            let text: Vec<String> = row.cells.iter().map(Cell::flat_text).collect();
            self.warnings.add(
                &row.place,
                format!(
                    "this table is not the measure table (it has {} columns, not {}): not imported: {}",
                    row.cells.len(),
                    header.cells.len(),
                    preview(&text.join(" | "))
                ),
                format!(
                    "ตารางนี้ไม่ใช่ตารางมาตรการ (มี {} คอลัมน์ ไม่ใช่ {}) จึงไม่ได้นำเข้า: {}",
                    th(row.cells.len()),
                    th(header.cells.len()),
                    preview(&text.join(" | "))
                ),
            );
            return;
        }
        self.data_row(&header, row);
    }

    fn new_header(&mut self, header: Header, row: &Row) {
        let same = self
            .header
            .as_ref()
            .is_some_and(|(h, _)| h.cells == header.cells);
        if !same {
            if self.header.is_some() {
                let text: Vec<String> = row.cells.iter().map(Cell::flat_text).collect();
                self.warnings.add(
                    &row.place,
                    format!(
                        "read as a new header row, as its cells name the report columns differently: {}",
                        preview(&text.join(" | "))
                    ),
                    format!(
                        "อ่านเป็นแถวหัวตารางใหม่ เพราะชื่อคอลัมน์ต่างจากเดิม: {}",
                        preview(&text.join(" | "))
                    ),
                );
            }
            let missing = header.missing();
            if !missing.is_empty() {
                let names: Vec<&str> = missing.iter().map(|c| c.thai()).collect();
                self.warnings.add(
                    &row.place,
                    format!(
                        "the header has no column {}: left empty in every measure",
                        names.join(", ")
                    ),
                    format!(
                        "หัวตารางไม่มีคอลัมน์ {}: ช่องนี้ว่างไว้ในทุกมาตรการ ให้ใส่เอง",
                        names.join(", ")
                    ),
                );
            }
        }
        self.header = Some((header, row.table));
        self.header_seen = true;
    }

    fn data_row(&mut self, header: &Header, row: &Row) {
        let cell_of = |col: Column| header.position(col).and_then(|i| row.cells.get(i));
        let measure_empty = cell_of(Column::Measure).is_none_or(Cell::is_empty);
        let continues = measure_empty && !self.measures.is_empty();
        if continues {
            self.warnings.add(
                &row.place,
                format!(
                    "the measure cell is empty: the row is read as the continuation of measure {}",
                    thai_number(self.measures.len() as u64)
                ),
                format!(
                    "ช่องมาตรการว่าง: อ่านแถวนี้เป็นส่วนต่อของมาตรการที่ {}",
                    thai_number(self.measures.len() as u64)
                ),
            );
        } else {
            if measure_empty {
                self.warnings.add(
                    &row.place,
                    "the measure cell is empty: the measure is imported without a name",
                    "ช่องมาตรการว่าง: นำเข้ามาตรการนี้โดยยังไม่มีชื่อ ให้ใส่ชื่อมาตรการเอง",
                );
            }
            self.measures.push(Gathered {
                place: row.place.clone(),
                ..Gathered::default()
            });
        }
        let Some(gathered) = self.measures.last_mut() else {
            return;
        };
        for (i, cell) in row.cells.iter().enumerate() {
            let kind = header.cells.get(i).copied().unwrap_or(HeaderCell::Other);
            match kind {
                HeaderCell::Column(col) => {
                    let lines = &mut gathered.cells[col.index()];
                    let mut new = cell.lines.clone();
                    if let Some(first) = new.first_mut() {
                        first.join = Join::Paragraph;
                    }
                    lines.extend(new);
                    if !cell.is_empty() && gathered.places[col.index()].is_none() {
                        gathered.places[col.index()] = Some(cell.place.clone());
                    }
                }
                HeaderCell::Number => {
                    let text = cell.flat_text();
                    let is_number = text
                        .trim()
                        .trim_end_matches(['.', ')'])
                        .chars()
                        .all(|c| c.is_numeric());
                    if !is_number {
                        self.warnings.add(
                            &cell.place,
                            format!(
                                "the number column holds text, not imported: {}",
                                preview(&text)
                            ),
                            format!("คอลัมน์ลำดับที่มีข้อความ จึงไม่ได้นำเข้า: {}", preview(&text)),
                        );
                    }
                }
                HeaderCell::Other | HeaderCell::Empty => {
                    if !cell.is_empty() {
                        self.warnings.add(
                            &cell.place,
                            format!(
                                "this column is not one of the six report columns: not imported: {}",
                                preview(&cell.flat_text())
                            ),
                            format!(
                                "คอลัมน์นี้ไม่ใช่หนึ่งในหกคอลัมน์ของรายงาน จึงไม่ได้นำเข้า: {}",
                                preview(&cell.flat_text())
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// Builds the dataset from a read source; also says how many broken words were joined.
pub fn assemble(
    source: &Source,
    options: &ImportOptions,
    warnings: &mut Warnings,
) -> Result<(Dataset, usize), ImportError> {
    let mut a = Assembler {
        warnings,
        preamble: Vec::new(),
        trailing: Vec::new(),
        header: None,
        header_seen: false,
        measures: Vec::new(),
        signing: false,
    };
    for piece in &source.pieces {
        match piece {
            Piece::Row(row) => a.row(row),
            Piece::Para(p) if p.lines.iter().all(|l| l.text.trim().is_empty()) => {}
            Piece::Para(p) if a.header_seen => {
                a.signing = true;
                a.trailing.push(p.clone());
            }
            Piece::Para(p) => a.preamble.push(p.clone()),
        }
    }
    if !a.header_seen {
        return Err(ImportError::NoTable);
    }
    if a.measures.is_empty() {
        return Err(ImportError::NoMeasures);
    }
    let Assembler {
        warnings,
        preamble,
        trailing,
        measures: gathered,
        ..
    } = a;

    // Title block and introduction.
    let texts: Vec<String> = preamble.iter().map(|p| clean_text(&p.text())).collect();
    let (block, used) = read_title_block(&texts);
    let mut intro_lines = Vec::new();
    let last_title_line = used.iter().max().copied();
    for (i, p) in preamble.iter().enumerate() {
        if used.contains(&i) {
            continue;
        }
        if last_title_line.is_some_and(|last| i < last) {
            warnings.add(
                &p.place,
                format!(
                    "text above the title is not part of the title block: put at the start of the introduction: {}",
                    preview(&p.text())
                ),
                format!(
                    "ข้อความเหนือชื่อรายงานไม่ใช่ส่วนหัวรายงาน: ย้ายไปไว้ต้นบทนำ: {}",
                    preview(&p.text())
                ),
            );
        }
        let mut lines = p.lines.clone();
        if let Some(first) = lines.first_mut() {
            first.join = Join::Paragraph;
            first.text = first.text.trim_start().trim_start_matches('#').to_owned();
        }
        intro_lines.extend(lines);
    }
    let mut introduction = recover(&intro_lines);

    let organization = organization(block.organization, options, warnings)?;
    let mut measures = Vec::with_capacity(gathered.len());
    for (n, g) in gathered.into_iter().enumerate() {
        measures.push(measure(n, g, warnings));
    }
    let fiscal_year = fiscal_year(block.fiscal_year, options, &measures, warnings)?;
    let (signatories, report_date) = trailing_text(&trailing, warnings);

    let mut total = 0;
    if options.join_broken_words {
        let mut join = |t: &str| {
            let (text, n) = join_broken_words(t);
            total += n;
            text
        };
        map_text(&mut introduction, &mut join);
        for m in &mut measures {
            for rich in [
                &mut m.measure,
                &mut m.method,
                &mut m.responsible,
                &mut m.result,
                &mut m.outcome,
            ] {
                map_text(rich, &mut join);
            }
            if let Period::Text(rich) = &mut m.period {
                map_text(rich, &mut join);
            }
        }
    }

    let dataset = Dataset {
        schema: None,
        organization,
        fiscal_year,
        title: block.title,
        assessment_year: block.assessment_year,
        ita_item: block.ita_item,
        round: block.round,
        introduction,
        measures,
        signatories,
        report_date,
    };
    Ok((dataset, total))
}

fn organization(
    found: Option<Organization>,
    options: &ImportOptions,
    warnings: &mut Warnings,
) -> Result<Organization, ImportError> {
    match (&options.org, found) {
        (Some(name), Some(found)) if found.name == *name => Ok(found),
        (Some(name), found) => {
            if let Some(found) = &found {
                warnings.add(
                    &Place::default(),
                    format!(
                        "the file names the organisation \"{}\"; --org \"{name}\" is used instead",
                        found.name
                    ),
                    format!(
                        "ไฟล์ระบุชื่อหน่วยงานว่า \"{}\" แต่ใช้ชื่อ \"{name}\" ที่ให้ไว้แทน",
                        found.name
                    ),
                );
            }
            let derived = read_title_block(std::slice::from_ref(name)).0.organization;
            Ok(Organization {
                name: name.clone(),
                short_name: derived.and_then(|o| o.short_name),
                district: None,
                province: None,
            })
        }
        (None, Some(found)) => Ok(found),
        (None, None) => Err(ImportError::NoOrganization),
    }
}

fn fiscal_year(
    found: Option<i32>,
    options: &ImportOptions,
    measures: &[Measure],
    warnings: &mut Warnings,
) -> Result<i32, ImportError> {
    if let Some(year) = options.year {
        if let Some(found) = found.filter(|f| *f != year) {
            warnings.add(
                &Place::default(),
                format!("the file names the fiscal year {found}; --year {year} is used instead"),
                format!("ไฟล์ระบุปีงบประมาณ {} แต่ใช้ปี {} ที่ให้ไว้แทน", th(found), th(year)),
            );
        }
        return Ok(year);
    }
    if let Some(year) = found {
        return Ok(year);
    }
    // The fiscal year all the periods fall in.
    let mut years = measures.iter().filter_map(|m| match &m.period {
        Period::Dates(r) => FISCAL_YEAR_RANGE
            .clone()
            .find(|y| {
                let (s, e) = fiscal_year_bounds(*y);
                s <= r.start && r.end <= e
            })
            .or(Some(0)),
        Period::Text(_) => None,
    });
    if let Some(first) = years.next()
        && first != 0
        && years.all(|y| y == first)
    {
        warnings.add(
            &Place::default(),
            format!("the fiscal year is not written above the table; {first} is taken from the periods (give --year to choose)"),
            format!(
                "ไม่พบปีงบประมาณเหนือตาราง จึงใช้ปี {} ตามระยะเวลาของมาตรการ ตรวจช่องปีงบประมาณ",
                th(first)
            ),
        );
        return Ok(first);
    }
    Err(ImportError::NoFiscalYear)
}

fn measure(n: usize, mut g: Gathered, warnings: &mut Warnings) -> Measure {
    let place = |g: &Gathered, col: Column| {
        g.places[col.index()]
            .clone()
            .unwrap_or_else(|| g.place.clone())
    };
    // A leading measure number: the tool numbers measures itself.
    let measure_place = place(&g, Column::Measure);
    let lines = &mut g.cells[Column::Measure.index()];
    if let Some(first) = lines.iter_mut().find(|l| !l.text.trim().is_empty()) {
        if first.item.is_some_and(|e| e.level == 0) {
            // Word numbering on the measure cell: the number is the measure's.
            first.item = None;
        } else {
            let (number, rest) = strip_measure_number(&first.text);
            if let Some(number) = number {
                if number as usize != n + 1 {
                    warnings.add(
                        &measure_place,
                        format!(
                            "the measure is numbered {number} but is measure {} in the table; the report numbers measures in table order",
                            n + 1
                        ),
                        format!(
                            "มาตรการนี้มีเลข {} แต่เป็นมาตรการที่ {} ในตาราง: รายงานเรียงเลขมาตรการตามลำดับในตาราง",
                            th(number),
                            th(n + 1)
                        ),
                    );
                }
                first.text = rest.to_owned();
            }
        }
    }
    let rich = |g: &Gathered, col: Column| recover(&g.cells[col.index()]);
    let period = period(
        &g.cells[Column::Period.index()],
        &place(&g, Column::Period),
        warnings,
    );
    Measure {
        measure: rich(&g, Column::Measure),
        method: rich(&g, Column::Method),
        responsible: rich(&g, Column::Responsible),
        period,
        result: rich(&g, Column::Result),
        outcome: rich(&g, Column::Outcome),
    }
}

/// A period cell: dates if its whole text is a date range (whatever its line breaks), else its
/// text with lists recovered.
fn period(lines: &[Line], place: &Place, warnings: &mut Warnings) -> Period {
    let flat: Vec<String> = lines.iter().map(|l| clean_text(&l.text)).collect();
    let flat = flat.join(" ");
    match parse_period(&flat) {
        PeriodText::Dates(range) => Period::Dates(range),
        PeriodText::Text => Period::Text(recover(lines)),
        PeriodText::Doubtful(why, why_th) => {
            warnings.add(
                place,
                format!(
                    "the period {} looks like dates but {why}: kept as text",
                    preview(&flat)
                ),
                format!(
                    "ระยะเวลา {} ดูเหมือนวันที่ แต่{why_th} จึงเก็บไว้เป็นข้อความ",
                    preview(&flat)
                ),
            );
            Period::Text(recover(lines))
        }
    }
}

/// Signatures and the report date below the table; anything else is reported.
fn trailing_text(
    paras: &[Para],
    warnings: &mut Warnings,
) -> (Vec<Signatory>, Option<crate::thai::dates::Date>) {
    let mut signatories: Vec<Signatory> = Vec::new();
    let mut report_date = None;
    let mut open: Option<(Signatory, u8)> = None;
    let lines: Vec<(Place, String)> = paras
        .iter()
        .flat_map(|p| {
            p.lines
                .iter()
                .map(|l| (p.place.clone(), clean_text(&l.text)))
                .collect::<Vec<_>>()
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    for (place, text) in lines {
        let bare =
            text.trim_matches(|c: char| c == '.' || c == '…' || c == '_' || c.is_whitespace());
        if bare.contains("ลงชื่อ") {
            if let Some((s, _)) = open.take() {
                signatories.push(s);
            }
            let role = bare
                .replace("(ลงชื่อ)", "")
                .replace("ลงชื่อ", "")
                .trim_matches(|c: char| c == '.' || c == '…' || c == '_' || c.is_whitespace())
                .to_owned();
            open = Some((
                Signatory {
                    role,
                    name: String::new(),
                    position: String::new(),
                },
                1,
            ));
            continue;
        }
        if let Some((s, step)) = &mut open {
            if *step == 1 && bare.starts_with('(') && bare.ends_with(')') {
                s.name = bare[1..bare.len() - 1].trim().to_owned();
                *step = 2;
                continue;
            }
            if *step == 2 {
                s.position = bare.trim_start_matches("ตำแหน่ง").trim().to_owned();
                *step = 3;
                continue;
            }
        }
        let date_text = bare.trim_start_matches('ณ').trim();
        if report_date.is_none()
            && date_text.starts_with("วันที่")
            && let PeriodText::Dates(r) = parse_period(date_text)
            && r.start == r.end
        {
            report_date = Some(r.start);
            continue;
        }
        warnings.add(
            &place,
            format!(
                "text below the table is not part of the report: not imported: {}",
                preview(&text)
            ),
            format!(
                "ข้อความใต้ตารางไม่ใช่ส่วนของรายงาน จึงไม่ได้นำเข้า: {}",
                preview(&text)
            ),
        );
    }
    if let Some((s, _)) = open {
        signatories.push(s);
    }
    (signatories, report_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
