//! Text exports: the tab-separated files web portals produce (`.txt`, `.tsv`), whose cells may
//! hold HTML (`<p>`, `<ul>`, `<li>`, `<br>`); also the decoding of text files (UTF-8, UTF-16,
//! Thai Windows-874).

use crate::dataset::model::ListStyle;

use super::source::{Cell, Explicit, Join, Line, Para, Piece, Place, Row, Source, Warnings};

/// The text of a file: UTF-8 (with or without byte-order mark), UTF-16 with a byte-order mark
/// (Excel's "Unicode text"), or else Thai Windows-874 / TIS-620, with a warning.
pub fn decode(bytes: &[u8], warnings: &mut Warnings) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], be: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if be {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, true);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            warnings.add(
                &Place::default(),
                "the file is not UTF-8: it is read as Thai Windows-874 (TIS-620); check the Thai text in the result",
                "ไฟล์ไม่ได้บันทึกเป็น UTF-8 จึงอ่านแบบภาษาไทยรุ่นเก่า (Windows-874) ตรวจข้อความภาษาไทยที่ได้",
            );
            bytes.iter().map(|&b| windows_874(b)).collect()
        }
    }
}

/// One byte of Windows-874 (TIS-620 with a few punctuation marks in 0x80–0x9F).
fn windows_874(b: u8) -> char {
    match b {
        0x00..=0x7F => char::from(b),
        0x80 => '€',
        0x85 => '…',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0xA0 => '\u{00A0}',
        0xA1..=0xDA | 0xDF..=0xFB => {
            char::from_u32(0x0E00 + u32::from(b) - 0xA0).unwrap_or('\u{FFFD}')
        }
        _ => '\u{FFFD}',
    }
}

/// Splits tab-separated text into records, each with the line it starts on. A field that
/// starts with `"` may hold tabs, line breaks and `""` up to its closing quote.
fn records(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut fields = vec![String::new()];
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                // Quoted only if the quote closes right before a tab or the end of a line.
                let mut field = String::new();
                let mut closed = false;
                let mut lookahead = chars.clone();
                let mut extra_lines = 0;
                while let Some(q) = lookahead.next() {
                    match q {
                        '"' if lookahead.peek() == Some(&'"') => {
                            lookahead.next();
                            field.push('"');
                        }
                        '"' => {
                            closed = matches!(lookahead.peek(), None | Some('\t' | '\n' | '\r'));
                            break;
                        }
                        '\n' => {
                            extra_lines += 1;
                            field.push('\n');
                        }
                        q => field.push(q),
                    }
                }
                if closed {
                    chars = lookahead;
                    line += extra_lines;
                    if let Some(last) = fields.last_mut() {
                        last.push_str(&field);
                    }
                } else if let Some(last) = fields.last_mut() {
                    last.push('"');
                }
                at_field_start = false;
            }
            '\t' => {
                fields.push(String::new());
                at_field_start = true;
            }
            '\r' => {}
            '\n' => {
                out.push((
                    start_line,
                    std::mem::replace(&mut fields, vec![String::new()]),
                ));
                line += 1;
                start_line = line;
                at_field_start = true;
            }
            c => {
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
                at_field_start = false;
            }
        }
    }
    if fields.len() > 1 || fields.iter().any(|f| !f.is_empty()) {
        out.push((start_line, fields));
    }
    out
}

/// Reads a tab-separated export.
pub fn read_tsv(bytes: &[u8], warnings: &mut Warnings) -> Source {
    let text = decode(bytes, warnings);
    let mut source = Source::default();
    for (line, fields) in records(&text) {
        if fields.len() < 2 {
            let text = fields.concat();
            let place = Place::new(format!("line {line}"));
            let lines = cell_lines(&text, &place, warnings);
            source.pieces.push(Piece::Para(Para { place, lines }));
            continue;
        }
        let cells = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let place = Place::new(format!("line {line}, cell {}", i + 1));
                Cell {
                    lines: cell_lines(f, &place, warnings),
                    place,
                }
            })
            .collect();
        source.pieces.push(Piece::Row(Row {
            place: Place::new(format!("line {line}")),
            table: 0,
            cells,
        }));
    }
    source
}

/// The lines of a cell: HTML if it holds tags, else plain text with line breaks.
pub fn cell_lines(text: &str, place: &Place, warnings: &mut Warnings) -> Vec<Line> {
    if looks_like_html(text) {
        html_lines(text, place, warnings)
    } else {
        Line::split_text(text)
    }
}

fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["<p", "<br", "<ul", "<ol", "<li", "<div", "<span", "</"]
        .iter()
        .any(|t| {
            lower.match_indices(t).any(|(i, m)| {
                let next = lower[i + m.len()..].chars().next();
                m == "</" || matches!(next, Some('>' | ' ' | '/' | '\t' | '\n'))
            })
        })
}

/// HTML character references.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|i| i + 1);
        let Some(end) = end.filter(|&e| rest[e..].starts_with(';')) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let c = match name {
            "nbsp" => Some('\u{00A0}'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            "bull" => Some('•'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Tags whose start and end separate paragraphs.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "pre",
    "center",
    "address",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "dl",
    "dt",
    "dd",
    "hr",
];

/// Tags that only change how text looks; their text is kept.
const INLINE_TAGS: &[&str] = &[
    "span", "b", "strong", "i", "em", "u", "font", "a", "sup", "sub", "small", "big", "mark", "s",
    "strike", "del", "ins", "abbr", "code", "o:p", "label", "cite", "q", "tt", "wbr", "nobr",
];

struct HtmlLines<'w> {
    lines: Vec<Line>,
    buffer: String,
    join: Join,
    /// Open lists: their id and style.
    lists: Vec<(usize, ListStyle)>,
    next_list: usize,
    /// The next line starts a new item of the innermost list.
    new_item: bool,
    place: Place,
    warnings: &'w mut Warnings,
    reported: Vec<String>,
}

impl HtmlLines<'_> {
    fn flush(&mut self, next_join: Join) {
        let text = decode_entities(&self.buffer);
        self.buffer.clear();
        if text.trim().is_empty() {
            if next_join == Join::Paragraph {
                self.join = Join::Paragraph;
            }
            return;
        }
        let item = self.lists.last().map(|&(list, style)| Explicit {
            list,
            level: (self.lists.len() - 1).min(4),
            style,
            continues: !self.new_item,
        });
        self.lines.push(Line {
            text,
            join: self.join,
            item,
        });
        self.new_item = false;
        self.join = next_join;
    }

    fn report_once(&mut self, tag: &str, message: String, message_th: String) {
        if !self.reported.iter().any(|t| t == tag) {
            self.reported.push(tag.to_owned());
            self.warnings.add(&self.place, message, message_th);
        }
    }

    fn tag(&mut self, raw: &str) {
        let closing = raw.starts_with('/');
        let body = raw.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
            .collect::<String>()
            .to_ascii_lowercase();
        let attrs = body[name.len().min(body.len())..].to_ascii_lowercase();
        match name.as_str() {
            "br" => self.flush(Join::LineBreak),
            "ul" | "ol" if !closing => {
                self.flush(Join::Paragraph);
                let squashed: String = attrs.chars().filter(|c| !c.is_whitespace()).collect();
                let style = if name == "ol" {
                    ListStyle::Numbered
                } else if squashed.contains("list-style-type:none")
                    || squashed.contains("list-style:none")
                {
                    ListStyle::Plain
                } else {
                    ListStyle::Bullet
                };
                self.lists.push((self.next_list, style));
                self.next_list += 1;
            }
            "ul" | "ol" => {
                self.flush(Join::Paragraph);
                self.lists.pop();
            }
            "li" => {
                self.flush(Join::Paragraph);
                if !closing {
                    if self.lists.is_empty() {
                        // An <li> outside any list: a bullet list of its own.
                        self.lists.push((self.next_list, ListStyle::Bullet));
                        self.next_list += 1;
                    }
                    self.new_item = true;
                }
            }
            n if BLOCK_TAGS.contains(&n) => {
                if matches!(n, "table" | "td" | "th") && !closing {
                    self.report_once(
                        n,
                        "the cell holds an HTML table: its text is imported as paragraphs".into(),
                        "ช่องนี้มีตาราง HTML: นำเข้าข้อความเป็นย่อหน้า".into(),
                    );
                }
                self.flush(Join::Paragraph);
            }
            "img" => self.report_once(
                "img",
                "the cell holds a picture (<img>), which cannot be imported".into(),
                "ช่องนี้มีรูปภาพ ซึ่งนำเข้าไม่ได้".into(),
            ),
            n if INLINE_TAGS.contains(&n) || n.is_empty() || n.starts_with('!') => {}
            n => self.report_once(
                n,
                format!("the HTML tag <{n}> is not understood: its text is kept as it is"),
                format!("ไม่รู้จักแท็ก HTML <{n}>: เก็บข้อความไว้ตามเดิม"),
            ),
        }
    }
}

/// The lines of a cell holding HTML.
pub fn html_lines(html: &str, place: &Place, warnings: &mut Warnings) -> Vec<Line> {
    let mut h = HtmlLines {
        lines: Vec::new(),
        buffer: String::new(),
        join: Join::Paragraph,
        lists: Vec::new(),
        next_list: 0,
        new_item: false,
        place: place.clone(),
        warnings,
        reported: Vec::new(),
    };
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        h.buffer.push_str(&rest[..at]);
        rest = &rest[at..];
        let is_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(end) = rest.find('>').filter(|_| is_tag) else {
            h.buffer.push('<');
            rest = &rest[1..];
            continue;
        };
        let raw = &rest[1..end];
        rest = &rest[end + 1..];
        let lower = raw.to_ascii_lowercase();
        if lower.starts_with("script") || lower.starts_with("style") {
            let closer = if lower.starts_with("script") {
                "</script>"
            } else {
                "</style>"
            };
            let skip = rest
                .to_ascii_lowercase()
                .find(closer)
                .map_or(rest.len(), |i| i + closer.len());
            rest = &rest[skip..];
            continue;
        }
        h.tag(raw);
    }
    h.buffer.push_str(rest);
    h.flush(Join::Paragraph);
    h.lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_lists_and_breaks() {
        let mut w = Warnings::default();
        let lines = html_lines(
            "<p>๑.ประกาศ ได้แก่</p> <ul style=\"list-style-type: none\"> <li>- ก</li> <li>- ข<br>ต่อ</li> </ul> <p>๒.อื่น &amp; อีก</p>",
            &Place::default(),
            &mut w,
        );
        type Seen<'a> = (&'a str, Join, Option<(ListStyle, bool)>);
        let texts: Vec<Seen> = lines
            .iter()
            .map(|l| {
                (
                    l.text.trim(),
                    l.join,
                    l.item.map(|e| (e.style, e.continues)),
                )
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                ("๑.ประกาศ ได้แก่", Join::Paragraph, None),
                ("- ก", Join::Paragraph, Some((ListStyle::Plain, false))),
                ("- ข", Join::Paragraph, Some((ListStyle::Plain, false))),
                ("ต่อ", Join::LineBreak, Some((ListStyle::Plain, true))),
                ("๒.อื่น & อีก", Join::Paragraph, None),
            ]
        );
        assert!(w.0.is_empty());
    }

    #[test]
    fn tsv_records_with_quotes() {
        let r = records("a\t\"b\tc\nd\"\te\nf \"g\"\th\n");
        assert_eq!(
            r,
            vec![
                (1, vec!["a".into(), "b\tc\nd".into(), "e".into()]),
                (3, vec!["f \"g\"".into(), "h".into()]),
            ]
        );
    }

    #[test]
    fn legacy_thai_encoding() {
        let mut w = Warnings::default();
        // "กข" in TIS-620.
        assert_eq!(decode(b"\xA1\xA2 ok", &mut w), "กข ok");
        assert_eq!(w.0.len(), 1);
        assert_eq!(decode("ก".as_bytes(), &mut w), "ก");
    }
}
