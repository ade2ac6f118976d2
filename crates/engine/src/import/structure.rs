//! Structure recovery shared by every format: typed "๑.… ๒.…" and "1.… 2.…" items become
//! numbered lists, items starting with "-" dash lists, "•" bullet lists; lists the source marks
//! itself (HTML, Word numbering) keep their nesting; a leading measure number is dropped.

use crate::dataset::model::{Block, List, ListStyle, Rich};
use crate::thai::digits::thai_digit_value;

use super::source::{Explicit, Join, Line};

/// Characters that mark a bullet item when they start a line.
const BULLETS: &[char] = &[
    '•', '●', '○', '◦', '▪', '■', '□', '◆', '◇', '❖', '➢', '➤', '►', '▶', '*', '·',
    // Word's Symbol and Wingdings bullets when copied as text.
    '\u{F0B7}', '\u{F0A7}', '\u{F0D8}', '\u{F076}', '\u{F0FC}',
];

/// Characters that mark a dash item when they start a line.
const DASHES: &[char] = &['-', '–', '—', '−'];

/// Text with its white space tidied: tabs and no-break spaces become spaces, runs of spaces
/// one space, invisible characters (zero-width space, byte-order mark, soft hyphen) go.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        match c {
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}' => {}
            c if c.is_whitespace() || c == '\u{00A0}' => space = true,
            c if c.is_control() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out
}

/// The value of a run of Thai or Arabic digits.
fn digit_value(c: char) -> Option<u32> {
    c.to_digit(10)
        .filter(|_| c.is_ascii_digit())
        .or_else(|| thai_digit_value(c).map(u32::from))
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// A list number at `at` in `text`: "๑.", "1)", "(1)"; returns its value and the byte length
/// of the marker with the spaces after it. A decimal ("๙๙.๘๒") or a long number is not one.
fn number_marker(text: &str, at: usize) -> Option<(u32, usize)> {
    let rest = &text[at..];
    let (open, body) = match rest.strip_prefix('(') {
        Some(b) => (1, b),
        None => (0, rest),
    };
    let digits: String = body.chars().take_while(|c| is_digit(*c)).collect();
    if digits.is_empty() || digits.chars().count() > 2 {
        return None;
    }
    let value = digits
        .chars()
        .try_fold(0u32, |v, c| Some(v * 10 + digit_value(c)?))?;
    if value == 0 {
        return None;
    }
    let after = &body[digits.len()..];
    let closer = after.chars().next()?;
    let ok = if open == 1 {
        closer == ')'
    } else {
        closer == '.' || closer == ')'
    };
    if !ok {
        return None;
    }
    let tail = &after[closer.len_utf8()..];
    if tail.chars().next().is_some_and(|c| is_digit(c) || c == '.') {
        return None;
    }
    let spaces = tail.len() - tail.trim_start().len();
    Some((value, open + digits.len() + closer.len_utf8() + spaces))
}

/// A dash or bullet marker at the start of `text`: its style and byte length with spaces.
fn leading_symbol(text: &str) -> Option<(ListStyle, usize)> {
    let c = text.chars().next()?;
    let style = if DASHES.contains(&c) {
        ListStyle::Dash
    } else if BULLETS.contains(&c) {
        ListStyle::Bullet
    } else {
        return None;
    };
    let tail = &text[c.len_utf8()..];
    // "-5", "--", "**" are not list marks.
    if tail
        .chars()
        .next()
        .is_some_and(|n| is_digit(n) || n == c || (style == ListStyle::Dash && DASHES.contains(&n)))
    {
        return None;
    }
    let spaces = tail.len() - tail.trim_start().len();
    Some((style, c.len_utf8() + spaces))
}

/// Drops a typed list mark at the start of an item the source marks as a list item, and says
/// which style it meant.
fn strip_item_mark(text: &str) -> (Option<ListStyle>, &str) {
    if let Some((style, len)) = leading_symbol(text) {
        return (Some(style), &text[len..]);
    }
    if let Some((_, len)) = number_marker(text, 0) {
        return (Some(ListStyle::Numbered), &text[len..]);
    }
    (None, text)
}

/// A leading measure number ("๑.มาตรการ…", "1. มาตรการ…"): the text without it, and its value.
pub fn strip_measure_number(text: &str) -> (Option<u32>, &str) {
    let trimmed = text.trim_start();
    match number_marker(trimmed, 0) {
        Some((value, len)) => (Some(value), &trimmed[len..]),
        None => (None, trimmed),
    }
}

/// A mark found in a line of plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Number(u32),
    Symbol(ListStyle),
}

#[derive(Debug, Clone, Copy)]
struct Found {
    line: usize,
    at: usize,
    len: usize,
    mark: Mark,
    line_start: bool,
}

/// Every place in a plain line where a list item may start.
fn find_marks(line_no: usize, text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let line_start = at == 0;
        let after_space = prev.is_some_and(char::is_whitespace);
        prev = Some(c);
        if !(line_start || after_space) {
            continue;
        }
        if let Some((value, len)) = number_marker(text, at) {
            found.push(Found {
                line: line_no,
                at,
                len,
                mark: Mark::Number(value),
                line_start,
            });
            continue;
        }
        if line_start {
            if let Some((style, len)) = leading_symbol(text) {
                found.push(Found {
                    line: line_no,
                    at,
                    len,
                    mark: Mark::Symbol(style),
                    line_start,
                });
            }
            continue;
        }
        // Inside a line only "-" glued to a word ("… ได้แก่ -จัดประชุม") starts a dash item:
        // " - " between words is a range or an aside ("ตุลาคม - ธันวาคม").
        let next = text[at + c.len_utf8()..].chars().next();
        let glued = next.is_some_and(|n| n.is_alphabetic() || matches!(n, '“' | '"' | '('));
        if c == '-' && glued {
            found.push(Found {
                line: line_no,
                at,
                len: 1,
                mark: Mark::Symbol(ListStyle::Dash),
                line_start,
            });
        } else if matches!(c, '•' | '●') {
            let tail = &text[at + c.len_utf8()..];
            let spaces = tail.len() - tail.trim_start().len();
            found.push(Found {
                line: line_no,
                at,
                len: c.len_utf8() + spaces,
                mark: Mark::Symbol(ListStyle::Bullet),
                line_start,
            });
        }
    }
    found
}

/// Keeps the numbers that form sequences 1, 2, 3, …; a sequence starts at a "1." that begins a
/// line or is followed by a "2.", so a stray "1." inside a sentence stays text.
fn keep_sequences(found: Vec<Found>) -> Vec<(Found, bool)> {
    let numbers: Vec<(usize, u32)> = found
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match f.mark {
            Mark::Number(v) => Some((i, v)),
            Mark::Symbol(_) => None,
        })
        .collect();
    let mut chosen = vec![None; found.len()];
    let mut next = 0u32;
    for (k, &(i, value)) in numbers.iter().enumerate() {
        if next > 1 && value == next {
            chosen[i] = Some(false);
            next += 1;
        } else if value == 1 {
            let two_follows = numbers[k + 1..]
                .iter()
                .take_while(|(_, v)| *v != 1)
                .any(|(_, v)| *v == 2);
            if found[i].line_start || two_follows {
                chosen[i] = Some(true);
                next = 2;
            }
        }
    }
    found
        .into_iter()
        .zip(chosen)
        .filter_map(|(f, c)| match f.mark {
            Mark::Number(_) => c.map(|restart| (f, restart)),
            Mark::Symbol(_) => Some((f, false)),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Plain,
    /// An item typed in the text; `restart` for a "1." that begins a new numbered list.
    Typed {
        style: ListStyle,
        restart: bool,
    },
    /// An item the source marks, with its resolved style.
    Marked(Explicit),
    /// A further line of a marked item.
    MarkedMore(Explicit),
}

#[derive(Debug, Clone)]
struct Segment {
    kind: Kind,
    text: String,
    join: Join,
}

/// Splits lines at the marks they hold.
fn segments(lines: &[Line]) -> Vec<Segment> {
    let texts: Vec<String> = lines.iter().map(|l| clean_text(&l.text)).collect();
    let mut found = Vec::new();
    for (n, (line, text)) in lines.iter().zip(&texts).enumerate() {
        if line.item.is_none() {
            found.extend(find_marks(n, text));
        }
    }
    let marks = keep_sequences(found);
    let mut out = Vec::new();
    for (n, (line, text)) in lines.iter().zip(&texts).enumerate() {
        if let Some(item) = line.item {
            if item.continues {
                out.push(Segment {
                    kind: Kind::MarkedMore(item),
                    text: text.clone(),
                    join: line.join,
                });
            } else {
                let (typed, rest) = strip_item_mark(text);
                out.push(Segment {
                    kind: Kind::Marked(Explicit {
                        style: typed.unwrap_or(item.style),
                        ..item
                    }),
                    text: rest.trim().to_owned(),
                    join: Join::Paragraph,
                });
            }
            continue;
        }
        let here: Vec<&(Found, bool)> = marks.iter().filter(|(f, _)| f.line == n).collect();
        let mut cursor = 0;
        let mut kind = Kind::Plain;
        let mut join = line.join;
        for (f, restart) in here {
            let before = text[cursor..f.at].trim();
            if !before.is_empty() || kind != Kind::Plain {
                out.push(Segment {
                    kind: kind.clone(),
                    text: before.to_owned(),
                    join,
                });
            }
            kind = Kind::Typed {
                style: match f.mark {
                    Mark::Number(_) => ListStyle::Numbered,
                    Mark::Symbol(style) => style,
                },
                restart: *restart,
            };
            join = Join::Paragraph;
            cursor = f.at + f.len;
        }
        let rest = text[cursor..].trim();
        if !rest.is_empty() || kind != Kind::Plain {
            out.push(Segment {
                kind,
                text: rest.to_owned(),
                join,
            });
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Typed,
    Marked { list: usize, level: usize },
}

struct Open {
    style: ListStyle,
    origin: Origin,
    items: Vec<Vec<Block>>,
}

/// Builds the block tree from segments with a stack of open lists.
struct Builder {
    top: Vec<Block>,
    stack: Vec<Open>,
}

impl Builder {
    fn blocks(&mut self) -> &mut Vec<Block> {
        match self.stack.last_mut() {
            Some(open) => {
                if open.items.is_empty() {
                    open.items.push(Vec::new());
                }
                let last = open.items.len() - 1;
                &mut open.items[last]
            }
            None => &mut self.top,
        }
    }

    fn text(&mut self, text: &str, join: Join) {
        if text.is_empty() {
            return;
        }
        let blocks = self.blocks();
        if join == Join::LineBreak
            && let Some(Block::Paragraph(p)) = blocks.last_mut()
        {
            p.push('\n');
            p.push_str(text);
            return;
        }
        blocks.push(Block::Paragraph(text.to_owned()));
    }

    fn pop(&mut self) {
        if let Some(open) = self.stack.pop() {
            let list = Block::List(List {
                list: open.items.into_iter().map(Rich).collect(),
                style: open.style,
            });
            self.blocks().push(list);
        }
    }

    fn open(&mut self, style: ListStyle, origin: Origin, text: &str) {
        self.stack.push(Open {
            style,
            origin,
            items: vec![Vec::new()],
        });
        self.text(text, Join::Paragraph);
    }

    fn item(&mut self, text: &str) {
        if let Some(open) = self.stack.last_mut() {
            open.items.push(Vec::new());
        }
        self.text(text, Join::Paragraph);
    }

    fn top(&self) -> Option<(ListStyle, Origin)> {
        self.stack.last().map(|o| (o.style, o.origin))
    }

    /// Closes the marked lists on top unless the next marked item belongs to one of them
    /// (Word numbering that goes on after an unnumbered paragraph).
    fn close_marked_unless_continued(&mut self, next_marked: Option<usize>) {
        let continued = next_marked.is_some_and(|id| {
            self.stack
                .iter()
                .any(|o| matches!(o.origin, Origin::Marked { list, .. } if list == id))
        });
        if continued {
            return;
        }
        while matches!(self.top(), Some((_, Origin::Marked { .. }))) {
            self.pop();
        }
    }

    fn finish(mut self) -> Rich {
        while !self.stack.is_empty() {
            self.pop();
        }
        Rich(self.top)
    }
}

/// The rich text of a cell or paragraph group, with lists recovered.
pub fn recover(lines: &[Line]) -> Rich {
    let segs = segments(lines);
    let mut b = Builder {
        top: Vec::new(),
        stack: Vec::new(),
    };
    for (i, seg) in segs.iter().enumerate() {
        let next_marked = segs[i + 1..].iter().find_map(|s| match &s.kind {
            Kind::Marked(e) => Some(Some(e.list)),
            Kind::Typed {
                style: ListStyle::Numbered,
                ..
            } => Some(None),
            _ => None,
        });
        let next_marked = next_marked.flatten();
        match &seg.kind {
            Kind::Plain => {
                b.close_marked_unless_continued(next_marked);
                b.text(&seg.text, seg.join);
            }
            Kind::MarkedMore(e) => {
                // Back to the item's own list after a list nested in it.
                while matches!(b.top(), Some((_, Origin::Marked { list, level }))
                    if level > e.level || (level == e.level && list != e.list))
                {
                    b.pop();
                }
                b.text(&seg.text, seg.join);
            }
            Kind::Typed {
                style: ListStyle::Numbered,
                restart,
            } => {
                while let Some((style, origin)) = b.top() {
                    if style == ListStyle::Numbered && origin == Origin::Typed && !restart {
                        break;
                    }
                    b.pop();
                }
                match b.top() {
                    Some(_) => b.item(&seg.text),
                    None => b.open(ListStyle::Numbered, Origin::Typed, &seg.text),
                }
            }
            Kind::Typed { style, .. } => {
                b.close_marked_unless_continued(next_marked);
                loop {
                    match b.top() {
                        None => {
                            b.open(*style, Origin::Typed, &seg.text);
                            break;
                        }
                        Some((s, Origin::Typed)) if s == *style => {
                            b.item(&seg.text);
                            break;
                        }
                        Some((ListStyle::Numbered, _)) | Some((_, Origin::Marked { .. })) => {
                            b.open(*style, Origin::Typed, &seg.text);
                            break;
                        }
                        Some(_) => b.pop(),
                    }
                }
            }
            Kind::Marked(e) => loop {
                match b.top() {
                    None => {
                        b.open(e.style, marked(e), &seg.text);
                        break;
                    }
                    Some((s, Origin::Marked { list, level })) => {
                        if level > e.level || (level == e.level && (list != e.list || s != e.style))
                        {
                            b.pop();
                        } else if level == e.level {
                            b.item(&seg.text);
                            break;
                        } else {
                            b.open(e.style, marked(e), &seg.text);
                            break;
                        }
                    }
                    Some((ListStyle::Numbered, Origin::Typed))
                        if e.style != ListStyle::Numbered =>
                    {
                        b.open(e.style, marked(e), &seg.text);
                        break;
                    }
                    Some(_) => b.pop(),
                }
            },
        }
    }
    b.finish()
}

fn marked(e: &Explicit) -> Origin {
    Origin::Marked {
        list: e.list,
        level: e.level,
    }
}

/// Applies `f` to every paragraph of a rich text.
pub fn map_text(rich: &mut Rich, f: &mut dyn FnMut(&str) -> String) {
    for block in &mut rich.0 {
        match block {
            Block::Paragraph(p) => *p = f(p),
            Block::List(list) => list.list.iter_mut().for_each(|item| map_text(item, f)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn rich(text: &str) -> Value {
        serde_json::to_value(recover(&Line::split_text(text))).unwrap()
    }

    #[test]
    fn inline_numbers_become_a_numbered_list() {
        assert_eq!(
            rich("๑.มอบหมาย ๒.ประสาน กอง ที่รับผิดชอบ ๓.เผยแพร่ (OIT)"),
            json!({"list": ["มอบหมาย", "ประสาน กอง ที่รับผิดชอบ", "เผยแพร่ (OIT)"]})
        );
        assert_eq!(
            rich("1. plan 2. do 3. check"),
            json!({"list": ["plan", "do", "check"]})
        );
    }

    #[test]
    fn numbers_that_are_not_marks_stay_text() {
        for text in [
            "มีคะแนนรวม ๙๙.๘๒ คะแนน",
            "อย่างน้อยเดือนละ ๑ ครั้ง",
            "ประจำปีงบประมาณ พ.ศ.๒๕๖๗ ดังนี้",
            "ครั้งที่ 1. เท่านั้น",
            "ระหว่างวันที่ ๑- ๑๓ พฤษภาคม ๒๕๖๗",
            "เวลา ๘.๓๐ - ๑๖.๓๐ น.",
        ] {
            assert_eq!(rich(text), json!(text), "{text}");
        }
    }

    #[test]
    fn dashes_nest_inside_numbered_items() {
        assert_eq!(
            rich("๑.ประชาชน ได้แก่ -จัดประชุม ระหว่างวันที่ ๑- ๑๓ พ.ค. ๒.เพิ่ม E-Service ๓.อื่น"),
            json!({"list": [
                ["ประชาชน ได้แก่", {"list": ["จัดประชุม ระหว่างวันที่ ๑- ๑๓ พ.ค."], "style": "dash"}],
                "เพิ่ม E-Service",
                "อื่น"
            ]})
        );
        assert_eq!(
            rich("-ประชาชน ได้ -ผลการประเมิน ITA"),
            json!({"list": ["ประชาชน ได้", "ผลการประเมิน ITA"], "style": "dash"})
        );
        assert_eq!(rich("ตุลาคม - ธันวาคม"), json!("ตุลาคม - ธันวาคม"));
    }

    #[test]
    fn lines_and_lead_text() {
        assert_eq!(
            rich("ดำเนินการดังนี้\n1. ประชุม\nเมื่อวันที่ ๙\n2. ประกาศ\n• ข้อ ก\n• ข้อ ข"),
            json!(["ดำเนินการดังนี้", {"list": [
                "ประชุม\nเมื่อวันที่ ๙",
                ["ประกาศ", {"list": ["ข้อ ก", "ข้อ ข"], "style": "bullet"}]
            ]}])
        );
        // A single "1." starting a line is a list of one; inside a sentence it is text.
        assert_eq!(rich("๑.จัดประชุม"), json!({"list": ["จัดประชุม"]}));
    }

    #[test]
    fn marked_lists_keep_levels_and_typed_dashes() {
        let item = |text: &str, list, level, style, continues| Line {
            text: text.into(),
            join: Join::Paragraph,
            item: Some(Explicit {
                list,
                level,
                style,
                continues,
            }),
        };
        let lines = vec![
            Line::paragraph("๑.ประกาศ ได้แก่"),
            item("- มาตรการ ก", 0, 0, ListStyle::Plain, false),
            item("- มาตรการ ข", 0, 0, ListStyle::Plain, false),
            Line::paragraph("๒.จัดกิจกรรม"),
        ];
        assert_eq!(
            serde_json::to_value(recover(&lines)).unwrap(),
            json!({"list": [
                ["ประกาศ ได้แก่", {"list": ["มาตรการ ก", "มาตรการ ข"], "style": "dash"}],
                "จัดกิจกรรม"
            ]})
        );
        // Word numbering that goes on after an unnumbered paragraph stays one list.
        let lines = vec![
            item("ข้อหนึ่ง", 1, 0, ListStyle::Numbered, false),
            item("ข้อย่อย", 1, 1, ListStyle::Bullet, false),
            Line::paragraph("ต่อ"),
            item("ข้อสอง", 1, 0, ListStyle::Numbered, false),
            Line::paragraph("ท้าย"),
        ];
        assert_eq!(
            serde_json::to_value(recover(&lines)).unwrap(),
            json!([{"list": [
                ["ข้อหนึ่ง", {"list": [["ข้อย่อย", "ต่อ"]], "style": "bullet"}],
                "ข้อสอง"
            ]}, "ท้าย"])
        );
    }

    #[test]
    fn measure_numbers_are_dropped() {
        assert_eq!(
            strip_measure_number("๑.มาตรการเผยแพร่"),
            (Some(1), "มาตรการเผยแพร่")
        );
        assert_eq!(strip_measure_number(" 12) มาตรการ"), (Some(12), "มาตรการ"));
        assert_eq!(strip_measure_number("มาตรการ ๑"), (None, "มาตรการ ๑"));
    }

    #[test]
    fn clean_text_tidies_spaces() {
        assert_eq!(clean_text(" ก\u{00A0}\u{00A0}ข\tค\u{200B}ง "), "ก ข คง");
    }
}
