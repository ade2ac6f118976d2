//! Repairs the text layer of laid-out pages before PDF writing, so that Thai copies and
//! searches as written.
//!
//! Why: typst-pdf 0.15.1 (krilla 0.8.2) gives each glyph the text of its whole *cluster*
//! (a consonant with its vowels and tone marks). For a cluster with stacked marks
//! (พ + ิ + ่), Typst's layout puts the last mark in a separate `TextItem` whose text is the
//! whole cluster again, so readers copy it twice: "เพิ่ม" comes out as "เพิ่พิ่ม" in poppler,
//! PDFium and pdf.js. Inside one item, a cluster of several glyphs maps its text to the first
//! glyph and wraps the run in an `/ActualText` span, which pdf.js ignores.
//! Upstream: krilla#411, typst#8767, typst#7610.
//!
//! What this pass does, without moving a single glyph (page images stay identical):
//! - finds clusters split across text items (a trailing cluster of one item continued by
//!   zero-advance items holding only that cluster's text) and treats them as one cluster;
//! - gives each glyph of a cluster its own characters in logical order: one character per
//!   glyph, the last glyph taking what remains (ligatures). A glyph then always maps to the
//!   same text, so no `/ActualText` is needed and every reader extracts the text once.
//!   Clusters with more glyphs than characters (sara am ำ drawn as two glyphs) stay whole,
//!   as Typst made them, unless they are split, in which case the continuation glyphs take the
//!   last characters.
//!
//! - writes no-break spaces (which keep dates together) as plain spaces, and drops the
//!   invisible break controls U+200B and U+2060 (which ride in the text of the glyph before
//!   them), so that copied text is what a clerk typed.
//!
//! Delete the cluster part when a typst-pdf release fixes the upstream issues.

use std::ops::Range;

use typst::layout::{Frame, FrameItem, Point};
use typst::text::TextItem;
use typst_layout::PagedDocument;

/// The document with its text layer repaired; its pages look exactly the same.
pub fn repair(document: &PagedDocument) -> PagedDocument {
    use typst::model::Document;
    let pages = document
        .pages()
        .iter()
        .map(|page| {
            let mut page = page.clone();
            repair_frame(&mut page.frame);
            page
        })
        .collect();
    PagedDocument::new(pages, document.info().clone())
}

fn repair_frame(frame: &mut Frame) {
    let mut items: Vec<(Point, FrameItem)> = frame.items().cloned().collect();
    let mut changed = false;
    for (_, item) in items.iter_mut() {
        if let FrameItem::Group(group) = item {
            repair_frame(&mut group.frame);
            changed = true;
        }
    }
    let text_items: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, (_, item))| matches!(item, FrameItem::Text(_)))
        .map(|(i, _)| i)
        .collect();
    let mut k = 0;
    while k < text_items.len() {
        let first = text_items[k];
        let mut continuations = Vec::new();
        while let Some(&next) = text_items.get(k + 1 + continuations.len()) {
            let previous = continuations.last().copied().unwrap_or(first);
            let adjacent = items[previous + 1..next]
                .iter()
                .all(|(_, item)| matches!(item, FrameItem::Tag(_)));
            if adjacent && continues_cluster(&items[first].1, &items[next].1) {
                continuations.push(next);
            } else {
                break;
            }
        }
        if let Some(texts) = redistribute(&items, first, &continuations) {
            for (index, new) in texts {
                items[index].1 = FrameItem::Text(new);
            }
            changed = true;
        }
        k += 1 + continuations.len();
    }
    if changed {
        frame.clear();
        frame.push_multiple(items);
    }
}

/// Whether `next` only continues the trailing cluster of `item`: same font and size, glyphs
/// with no advance whose text is exactly that cluster.
fn continues_cluster(item: &FrameItem, next: &FrameItem) -> bool {
    let (FrameItem::Text(a), FrameItem::Text(b)) = (item, next) else {
        return false;
    };
    let Some(cluster) = trailing_cluster(a) else {
        return false;
    };
    a.font == b.font
        && a.size == b.size
        && !b.glyphs.is_empty()
        && b.text.as_str() == &a.text[cluster]
        && b.glyphs
            .iter()
            .all(|g| g.range() == (0..b.text.len()) && g.x_advance.get() == 0.0)
}

/// The text range of the last cluster of an item, when it ends the item's text.
fn trailing_cluster(item: &TextItem) -> Option<Range<usize>> {
    let last = item.glyphs.last()?.range();
    (last.end == item.text.len() && !last.is_empty()).then_some(last)
}

/// New text items for `first` and its continuations, or `None` when nothing changes.
fn redistribute(
    items: &[(Point, FrameItem)],
    first: usize,
    continuations: &[usize],
) -> Option<Vec<(usize, TextItem)>> {
    let FrameItem::Text(item) = &items[first].1 else {
        return None;
    };
    if !is_logical_order(item) {
        return None;
    }
    let carried: usize = continuations
        .iter()
        .filter_map(|&i| match &items[i].1 {
            FrameItem::Text(t) => Some(t.glyphs.len()),
            _ => None,
        })
        .sum();

    // Texts per glyph of `item`, then per glyph of the continuations, in order.
    let mut texts: Vec<GlyphText> = Vec::with_capacity(item.glyphs.len() + carried);
    let mut start = 0;
    while start < item.glyphs.len() {
        let range = item.glyphs[start].range();
        let end = start
            + item.glyphs[start..]
                .iter()
                .take_while(|g| g.range() == range)
                .count();
        let is_last = end == item.glyphs.len();
        let extra = if is_last { carried } else { 0 };
        texts.extend(split_cluster(&item.text[range], end - start, extra));
        start = end;
    }

    let unchanged = carried == 0
        && texts
            .iter()
            .zip(&item.glyphs)
            .all(|(t, g)| t.text() == &item.text[g.range()]);
    if unchanged {
        return None;
    }

    let mut out = Vec::with_capacity(1 + continuations.len());
    let (own, rest) = texts.split_at(item.glyphs.len());
    out.push((first, rebuild(item, own)));
    let mut rest = rest;
    for &index in continuations {
        let FrameItem::Text(cont) = &items[index].1 else {
            continue;
        };
        let (mine, tail) = rest.split_at(cont.glyphs.len().min(rest.len()));
        out.push((index, rebuild(cont, mine)));
        rest = tail;
    }
    Some(out)
}

/// The text one glyph stands for.
#[derive(Debug, Clone, PartialEq)]
enum GlyphText {
    /// Its own characters.
    Own(String),
    /// A cluster shared with its neighbours marked the same (left as Typst made it).
    Shared(String),
}

impl GlyphText {
    fn text(&self) -> &str {
        match self {
            GlyphText::Own(t) | GlyphText::Shared(t) => t,
        }
    }
}

/// Splits the text of a cluster drawn by `glyphs` glyphs in this item and `carried` more in
/// the items that continue it.
fn split_cluster(text: &str, glyphs: usize, carried: usize) -> Vec<GlyphText> {
    let cleaned = readable(text);
    // A glyph keeps at least one character, so a cluster that is nothing but controls stays.
    let text = if cleaned.is_empty() {
        text
    } else {
        cleaned.as_str()
    };
    let chars: Vec<&str> = text
        .char_indices()
        .map(|(i, c)| &text[i..i + c.len_utf8()])
        .collect();
    let total = glyphs + carried;
    if total <= chars.len() {
        // One character per glyph, the last glyph taking the rest.
        return (0..total)
            .map(|i| {
                let piece = if i + 1 == total {
                    chars[i..].concat()
                } else {
                    chars[i].to_owned()
                };
                GlyphText::Own(piece)
            })
            .collect();
    }
    if carried == 0 || carried >= chars.len() {
        // More glyphs than characters and nothing to carry (or nothing left to share):
        // the cluster stays whole.
        return vec![GlyphText::Shared(text.to_owned()); total];
    }
    // The carried glyphs (raised marks) take the last characters; the rest stays shared.
    let head = chars[..chars.len() - carried].concat();
    let mut out = vec![GlyphText::Shared(head); glyphs];
    out.extend(
        chars[chars.len() - carried..]
            .iter()
            .map(|c| GlyphText::Own((*c).to_owned())),
    );
    out
}

/// Text as a reader should get it: no-break spaces as spaces, break controls dropped.
fn readable(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{2060}'))
        .map(|c| if c == '\u{A0}' { ' ' } else { c })
        .collect()
}

/// A copy of `item` whose text is the glyphs' texts in order and whose glyph ranges point
/// into it. Glyphs sharing a cluster keep sharing one range.
fn rebuild(item: &TextItem, texts: &[GlyphText]) -> TextItem {
    let mut new = item.clone();
    let mut text = String::new();
    let mut shared: Option<(String, Range<usize>)> = None;
    for (glyph, piece) in new.glyphs.iter_mut().zip(texts) {
        let range = match piece {
            GlyphText::Shared(t) => match &shared {
                Some((last, range)) if last == t => range.clone(),
                _ => {
                    let range = text.len()..text.len() + t.len();
                    text.push_str(t);
                    shared = Some((t.clone(), range.clone()));
                    range
                }
            },
            GlyphText::Own(t) => {
                shared = None;
                let range = text.len()..text.len() + t.len();
                text.push_str(t);
                range
            }
        };
        glyph.range = to_u16(range.start)..to_u16(range.end);
    }
    new.text = text.into();
    new
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Whether the glyphs cover the item's text in order (left-to-right text, no gaps).
fn is_logical_order(item: &TextItem) -> bool {
    let mut expected = 0;
    let mut previous: Option<Range<usize>> = None;
    for glyph in &item.glyphs {
        let range = glyph.range();
        if previous.as_ref() == Some(&range) {
            continue;
        }
        if range.start != expected || range.end < range.start {
            return false;
        }
        expected = range.end;
        previous = Some(range);
    }
    expected == item.text.len() && item.text.len() < usize::from(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(s: &[&str]) -> Vec<GlyphText> {
        s.iter().map(|t| GlyphText::Own((*t).to_owned())).collect()
    }

    #[test]
    fn one_character_per_glyph() {
        assert_eq!(split_cluster("ที่", 3, 0), own(&["ท", "ี", "่"]));
        assert_eq!(split_cluster("ธิ์", 2, 1), own(&["ธ", "ิ", "์"]));
        // A ligature takes the remaining characters.
        assert_eq!(split_cluster("fi", 1, 0), own(&["fi"]));
        assert_eq!(split_cluster("น้ำ", 2, 0), own(&["น", "้ำ"]));
    }

    #[test]
    fn more_glyphs_than_characters() {
        // ดำ drawn as ด + nikhahit + aa stays one shared cluster.
        let shared = GlyphText::Shared("ดำ".into());
        assert_eq!(
            split_cluster("ดำ", 3, 0),
            vec![shared.clone(), shared.clone(), shared]
        );
        // Split, the raised glyph takes the last character.
        let mut expected = vec![GlyphText::Shared("น้".into()); 3];
        expected.push(GlyphText::Own("ำ".into()));
        assert_eq!(split_cluster("น้ำ", 3, 1), expected);
    }

    #[test]
    fn readers_get_plain_text() {
        assert_eq!(split_cluster("\u{a0}", 1, 0), own(&[" "]));
        assert_eq!(split_cluster("ก\u{200B}", 1, 0), own(&["ก"]));
        assert_eq!(split_cluster("\u{2060}", 1, 0), own(&["\u{2060}"]));
    }
}
