//! Word `.docx` (and what LibreOffice saves as `.docx`), read from the OOXML directly: the body's
//! paragraphs with their list numbering, and its tables cell by cell (merged cells expanded).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::dataset::model::ListStyle;

use super::source::{Cell, Explicit, Join, Line, Para, Piece, Place, Row, Said, Source, Warnings};

/// Why a Word file could not be read at all.
#[derive(Debug)]
pub struct DocxError(pub Said);

/// The largest XML part read; a report's document.xml is a few megabytes at most.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(DocxError(Said::new(
                format!("{name} cannot be read: {e}"),
                "ไฟล์ Word นี้เสีย อ่านบางส่วนไม่ได้: ลองเปิดใน Word แล้วบันทึกใหม่เป็น .docx",
            )));
        }
    };
    let mut text = String::new();
    file.take(MAX_PART_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| {
            DocxError(Said::new(
                format!("{name} cannot be read: {e}"),
                "ไฟล์ Word นี้เสีย อ่านบางส่วนไม่ได้: ลองเปิดใน Word แล้วบันทึกใหม่เป็น .docx",
            ))
        })?;
    Ok(Some(text))
}

/// A `w:val`-style attribute by its local name ("val", "char", "type").
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        let name = key.rsplit(':').next().unwrap_or(key);
        (name == local)
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// How each numbering level is marked: (numFmt, lvlText).
#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId
    nums: HashMap<String, String>,
    /// (abstractNumId, ilvl) → (numFmt, lvlText)
    levels: HashMap<(String, usize), (String, String)>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<usize> = None;
        let mut num_id: Option<String> = None;
        let mut fmt = String::new();
        let mut text = String::new();
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                    "lvl" => {
                        level = attr(&e, "ilvl").and_then(|v| v.parse().ok());
                        fmt.clear();
                        text.clear();
                    }
                    "numFmt" if level.is_some() => fmt = attr(&e, "val").unwrap_or_default(),
                    "lvlText" if level.is_some() => text = attr(&e, "val").unwrap_or_default(),
                    "num" => num_id = attr(&e, "numId"),
                    "abstractNumId" => {
                        if let (Some(id), Some(a)) = (num_id.clone(), attr(&e, "val")) {
                            n.nums.insert(id, a);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(a), Some(l)) = (abstract_id.clone(), level.take()) {
                            n.levels.insert((a, l), (fmt.clone(), text.clone()));
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }

    /// The list style of a numbering level, and whether it counts with letters or roman
    /// numerals (which the report writes as ๑. ๒.).
    fn style(&self, num_id: &str, level: usize) -> (ListStyle, bool) {
        let Some((fmt, text)) = self
            .nums
            .get(num_id)
            .and_then(|a| self.levels.get(&(a.clone(), level)))
        else {
            return (ListStyle::Numbered, false);
        };
        match fmt.as_str() {
            "bullet" => {
                let mark = text.trim();
                if mark.starts_with(['-', '–', '—', '−']) {
                    (ListStyle::Dash, false)
                } else {
                    (ListStyle::Bullet, false)
                }
            }
            "none" => (ListStyle::Plain, false),
            ""
            | "decimal"
            | "decimalZero"
            | "thaiNumbers"
            | "thaiCounting"
            | "decimalEnclosedParen"
            | "decimalEnclosedCircle"
            | "decimalFullWidth" => (ListStyle::Numbered, false),
            _ => (ListStyle::Numbered, true),
        }
    }
}

/// Paragraph styles that carry numbering (Word's "List Bullet", "List Number").
fn style_numbering(xml: &str) -> HashMap<String, (String, usize)> {
    let mut out = HashMap::new();
    let mut based_on: HashMap<String, String> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut style: Option<String> = None;
    let mut num_id: Option<String> = None;
    let mut level = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => {
                    style = attr(&e, "styleId");
                    num_id = None;
                    level = 0;
                }
                "basedOn" => {
                    if let (Some(s), Some(b)) = (style.clone(), attr(&e, "val")) {
                        based_on.insert(s, b);
                    }
                }
                "numId" => num_id = attr(&e, "val"),
                "ilvl" => level = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let (Some(s), Some(n)) = (style.take(), num_id.take()) {
                    out.insert(s, (n, level));
                }
            }
            _ => {}
        }
    }
    // Styles based on a numbered style are numbered too.
    let ids: Vec<String> = based_on.keys().cloned().collect();
    for id in ids {
        let mut at = id.clone();
        for _ in 0..8 {
            if let Some(n) = out.get(&at).cloned() {
                out.entry(id.clone()).or_insert(n);
                break;
            }
            match based_on.get(&at) {
                Some(b) => at = b.clone(),
                None => break,
            }
        }
    }
    out
}

/// A paragraph being read.
#[derive(Default)]
struct ParaBuild {
    lines: Vec<(String, Join)>,
    num: Option<(String, usize)>,
    style: Option<String>,
}

impl ParaBuild {
    fn push(&mut self, text: &str) {
        match self.lines.last_mut() {
            Some((line, _)) => line.push_str(text),
            None => self.lines.push((text.to_owned(), Join::Paragraph)),
        }
    }

    fn break_line(&mut self, join: Join) {
        if self.lines.is_empty() {
            self.lines.push((String::new(), Join::Paragraph));
        }
        self.lines.push((String::new(), join));
    }
}

#[derive(Default)]
struct CellBuild {
    lines: Vec<Line>,
    span: usize,
    merged_continue: bool,
}

#[derive(Default)]
struct TableBuild {
    index: usize,
    rows: Vec<Vec<(CellBuild, usize)>>,
    row: Option<Vec<(CellBuild, usize)>>,
    cell: Option<CellBuild>,
}

struct Walker<'a> {
    numbering: Numbering,
    styles: HashMap<String, (String, usize)>,
    source: Source,
    paras: Vec<ParaBuild>,
    tables: Vec<TableBuild>,
    /// Tables inside a table cell, read as paragraphs of that cell.
    nested: usize,
    table_count: usize,
    paragraph_count: usize,
    in_text: bool,
    in_run: usize,
    skip: usize,
    warnings: &'a mut Warnings,
    warned_letters: bool,
    warned_nested: bool,
}

impl Walker<'_> {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        match name {
            // The Fallback repeats the Choice (text boxes); moved-away text is deleted text.
            "Fallback" | "moveFrom" | "del" if !empty => self.skip = 1,
            "tbl" if !empty => {
                if self.tables.last().is_some_and(|t| t.cell.is_some()) {
                    self.nested += 1;
                    if !self.warned_nested {
                        self.warned_nested = true;
                        let place = self.cell_place();
                        self.warnings.add(
                            &place,
                            "a table inside a table cell: its text is read as paragraphs of the cell",
                            "มีตารางซ้อนอยู่ในช่องตาราง: อ่านข้อความของตารางนั้นเป็นย่อหน้าในช่อง",
                        );
                    }
                } else {
                    self.table_count += 1;
                    self.tables.push(TableBuild {
                        index: self.table_count,
                        ..TableBuild::default()
                    });
                }
            }
            "tr" if self.nested == 0 && !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(Vec::new());
                }
            }
            "tc" if self.nested == 0 && !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(CellBuild {
                        span: 1,
                        ..CellBuild::default()
                    });
                }
            }
            "gridSpan" if self.nested == 0 => {
                let span = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = usize::clamp(span, 1, 64);
                }
            }
            "vMerge" if self.nested == 0 => {
                let restart = attr(e, "val").is_some_and(|v| v == "restart");
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.merged_continue = !restart;
                }
            }
            "p" if !empty => self.paras.push(ParaBuild::default()),
            "pStyle" => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            "numId" => {
                if let Some(p) = self.paras.last_mut() {
                    let id = attr(e, "val").unwrap_or_default();
                    let level = p.num.as_ref().map_or(0, |n| n.1);
                    p.num = Some((id, level));
                }
            }
            "ilvl" => {
                if let Some(p) = self.paras.last_mut() {
                    let level = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let id = p.num.take().map(|n| n.0).unwrap_or_default();
                    p.num = Some((id, level));
                }
            }
            "r" if !empty => self.in_run += 1,
            "t" if !empty && self.in_run > 0 => self.in_text = true,
            "tab" if self.in_run > 0 => self.push_text(" "),
            "noBreakHyphen" if self.in_run > 0 => self.push_text("-"),
            "br" | "cr" if self.in_run > 0 => {
                let page = attr(e, "type").is_some_and(|t| t == "page");
                if let Some(p) = self.paras.last_mut() {
                    p.break_line(if page {
                        Join::Paragraph
                    } else {
                        Join::LineBreak
                    });
                }
            }
            "sym" if self.in_run > 0 => {
                let code = attr(e, "char").and_then(|c| u32::from_str_radix(&c, 16).ok());
                if let Some(c) = code.map(|c| if c < 0x100 { 0xF000 | c } else { c })
                    && let Some(c) = char::from_u32(c)
                {
                    self.push_text(&c.to_string());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "t" => self.in_text = false,
            "r" => self.in_run = self.in_run.saturating_sub(1),
            "p" => self.end_paragraph(),
            "tbl" => {
                if self.nested > 0 {
                    self.nested -= 1;
                } else if let Some(t) = self.tables.pop() {
                    self.emit_table(t);
                }
            }
            "tc" if self.nested == 0 => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(cell) = t.cell.take()
                    && let Some(row) = t.row.as_mut()
                {
                    let span = cell.span;
                    row.push((cell, span));
                }
            }
            "tr" if self.nested == 0 => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(row) = t.row.take()
                {
                    t.rows.push(row);
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.push(text);
        }
    }

    fn cell_place(&self) -> Place {
        match self.tables.last() {
            Some(t) => Place::new(format!(
                "table {}, row {}, cell {}",
                t.index,
                t.rows.len() + 1,
                t.row.as_ref().map_or(0, Vec::len) + 1
            )),
            None => Place::new(format!("paragraph {}", self.paragraph_count + 1)),
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paras.pop() else {
            return;
        };
        let num = p
            .num
            .clone()
            .filter(|(id, _)| !id.is_empty() && id != "0")
            .or_else(|| p.style.as_ref().and_then(|s| self.styles.get(s).cloned()));
        let item = num.map(|(id, level)| {
            let (style, letters) = self.numbering.style(&id, level);
            if letters && !self.warned_letters {
                self.warned_letters = true;
                let place = self.cell_place();
                self.warnings.add(
                    &place,
                    "a list counted with letters or roman numerals: the report numbers it ๑. ๒. ๓.",
                    "รายการที่ใช้ตัวอักษรหรือเลขโรมันนำหน้า: รายงานจะใช้เลข ๑. ๒. ๓. แทน",
                );
            }
            Explicit {
                list: id.parse().unwrap_or(usize::MAX),
                level: level.min(4),
                style,
                continues: false,
            }
        });
        let mut lines = Vec::new();
        for (i, (text, join)) in p.lines.into_iter().enumerate() {
            if text.trim().is_empty() {
                continue;
            }
            let item = item.map(|e| Explicit {
                continues: i > 0 && !lines.is_empty(),
                ..e
            });
            lines.push(Line {
                text,
                join: if lines.is_empty() {
                    Join::Paragraph
                } else {
                    join
                },
                item,
            });
        }
        // Inside a table cell the lines belong to the cell.
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.lines.extend(lines);
            return;
        }
        // A paragraph in a text box inside another paragraph counts as one of its own.
        self.paragraph_count += 1;
        let place = Place::new(format!("paragraph {}", self.paragraph_count));
        if !lines.is_empty() {
            self.source.pieces.push(Piece::Para(Para { place, lines }));
        }
    }

    fn emit_table(&mut self, t: TableBuild) {
        for (r, row) in t.rows.into_iter().enumerate() {
            let mut cells = Vec::new();
            for (cell, span) in row {
                let place = Place::new(format!(
                    "table {}, row {}, cell {}",
                    t.index,
                    r + 1,
                    cells.len() + 1
                ));
                // A vertically merged cell's text is in the first row of the merge only.
                let lines = if cell.merged_continue {
                    Vec::new()
                } else {
                    cell.lines
                };
                cells.push(Cell { place, lines });
                for _ in 1..span {
                    let place = Place::new(format!(
                        "table {}, row {}, cell {}",
                        t.index,
                        r + 1,
                        cells.len() + 1
                    ));
                    cells.push(Cell {
                        place,
                        lines: Vec::new(),
                    });
                }
            }
            self.source.pieces.push(Piece::Row(Row {
                place: Place::new(format!("table {}, row {}", t.index, r + 1)),
                table: t.index,
                cells,
            }));
        }
    }
}

/// Reads a `.docx` file.
pub fn read_docx(bytes: &[u8], warnings: &mut Warnings) -> Result<Source, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        DocxError(Said::new(
            "this is not a .docx file (not a zip package); an old .doc must first be saved as .docx",
            "ไฟล์นี้ไม่ใช่ไฟล์ Word แบบ .docx: ไฟล์ .doc รุ่นเก่าให้เปิดใน Word แล้วบันทึกเป็น .docx ก่อน",
        ))
    })?;
    let document = read_part(&mut zip, "word/document.xml")?.ok_or_else(|| {
        DocxError(Said::new(
            "this package has no word/document.xml: it is not a Word document",
            "ไฟล์นี้ไม่ใช่เอกสาร Word: เปิดไฟล์ Word (.docx) ของรายงาน",
        ))
    })?;
    let numbering = read_part(&mut zip, "word/numbering.xml")?
        .map(|x| Numbering::parse(&x))
        .unwrap_or_default();
    let styles = read_part(&mut zip, "word/styles.xml")?
        .map(|x| style_numbering(&x))
        .unwrap_or_default();
    let mut w = Walker {
        numbering,
        styles,
        source: Source::default(),
        paras: Vec::new(),
        tables: Vec::new(),
        nested: 0,
        table_count: 0,
        paragraph_count: 0,
        in_text: false,
        in_run: 0,
        skip: 0,
        warnings,
        warned_letters: false,
        warned_nested: false,
    };
    let mut reader = Reader::from_str(&document);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => w.start(&e, false),
            Ok(Event::Empty(e)) => w.start(&e, true),
            Ok(Event::End(e)) => w.end(e.local_name().as_ref()),
            Ok(Event::Text(t)) if w.in_text && w.skip == 0 => {
                let text = t.xml10_content();
                w.push_text(&text);
            }
            Ok(Event::CData(t)) if w.in_text && w.skip == 0 => {
                let text = t.xml10_content().into_owned();
                w.push_text(&text);
            }
            Ok(Event::GeneralRef(r)) if w.in_text && w.skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    w.push_text(&c.to_string());
                }
            }
            Ok(_) => {}
            Err(e) => {
                return Err(DocxError(Said::new(
                    format!(
                        "word/document.xml is damaged at byte {}: {e}",
                        reader.buffer_position()
                    ),
                    "ไฟล์ Word นี้เสีย อ่านไม่ได้: ลองเปิดใน Word แล้วบันทึกใหม่เป็น .docx",
                )));
            }
        }
    }
    Ok(w.source)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn docx(document: &str, numbering: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in [
            ("word/document.xml", document),
            ("word/numbering.xml", numbering),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn p(text: &str, num: Option<(u32, u32)>) -> String {
        let num = num.map_or(String::new(), |(id, lvl)| {
            format!("<w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr></w:pPr>")
        });
        format!("<w:p>{num}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn numbering_merged_cells_and_line_breaks() {
        let numbering = format!(
            "<w:numbering {W}>\
             <w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/></w:lvl></w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"thaiLetters\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>\
             </w:numbering>"
        );
        let document = format!(
            "<w:document {W}><w:body>{}<w:tbl><w:tr>\
             <w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}</w:tc><w:tc>{}{}</w:tc>\
             </w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>{}</w:tc>\
             <w:tc><w:p><w:r><w:t>ก</w:t><w:br/><w:t>ข</w:t><w:tab/><w:t>&amp;ค</w:t></w:r><w:del><w:r><w:t>ลบ</w:t></w:r></w:del></w:p></w:tc></w:tr></w:tbl></w:body></w:document>",
            p("หัวเรื่อง", None),
            p("กว้าง", None),
            p("ขีด", Some((1, 0))),
            p("อักษร", Some((2, 0))),
            p("ซ้ำ", None),
        );
        let mut w = Warnings::default();
        let source = read_docx(&docx(&document, &numbering), &mut w).unwrap();
        assert_eq!(source.pieces.len(), 3);
        let Piece::Row(row) = &source.pieces[1] else {
            panic!("a row")
        };
        // The spanned cell takes two columns.
        assert_eq!(row.cells.len(), 3);
        assert_eq!(row.cells[0].flat_text(), "กว้าง");
        assert!(row.cells[1].is_empty());
        let items: Vec<_> = row.cells[2]
            .lines
            .iter()
            .map(|l| l.item.map(|e| e.style))
            .collect();
        assert_eq!(
            items,
            vec![Some(ListStyle::Dash), Some(ListStyle::Numbered)]
        );
        assert_eq!(w.0.len(), 1, "letters reported: {:?}", w.0);
        let Piece::Row(row) = &source.pieces[2] else {
            panic!("a row")
        };
        // A continued vertical merge is empty; a line break stays a line break.
        assert!(row.cells[0].is_empty());
        let lines: Vec<(&str, Join)> = row.cells[1]
            .lines
            .iter()
            .map(|l| (l.text.as_str(), l.join))
            .collect();
        assert_eq!(
            lines,
            vec![("ก", Join::Paragraph), ("ข &ค", Join::LineBreak)]
        );
    }

    #[test]
    fn not_a_docx() {
        let mut w = Warnings::default();
        assert!(read_docx(b"plain text", &mut w).is_err());
        let empty = docx("<x/>", "<x/>");
        assert!(read_docx(&empty, &mut w).unwrap().pieces.is_empty());
    }
}
