//! Repairs the text layer of laid-out pages before PDF writing, so that Thai copies and
//! searches as written in poppler, PDFium (Chrome) and pdf.js (Firefox).
//!
//! Why: typst-pdf 0.15.1 (krilla 0.8.2) gives each glyph the text of its whole *cluster*
//! (a consonant with its vowels and tone marks). For a cluster with stacked marks
//! (พ + ิ + ่), Typst's layout puts the last mark in a separate `TextItem` whose text is the
//! whole cluster again, so readers copy it twice: "เพิ่ม" comes out as "เพิ่พิ่ม" in poppler,
//! PDFium and pdf.js. Inside one item, a cluster of several glyphs maps its text to the first
//! glyph and wraps the run in an `/ActualText` span, which pdf.js ignores. And krilla writes
//! one ToUnicode entry per glyph for the whole document, the text of its first use: a later
//! use with another text only gets an `/ActualText` span, and a glyph without text gets no
//! entry at all (pdf.js then prints its number as a control character). So every glyph must
//! stand for one fixed, non-empty text wherever it is used.
//! Upstream: krilla#411, typst#8767, typst#7610.
//!
//! The bundled fonts do their part (fonts/README.md, fonts/tools/add-sara-am-glyph.py):
//! sara am, which every shaper decomposes into nikhahit + aa, is drawn with glyphs of its own
//! ("ดำ" is ด + one sara am glyph, "ค่ำ" is ค + the tone with the nikhahit + an aa of its
//! own), and a tone mark above an upper vowel is one glyph with the vowel, so that it is no
//! longer a text item (and a PDF text object) of its own, which PDFium would order by
//! position ("ธิ๋" read after the next syllable). A well-formed Thai cluster then never has
//! more glyphs than characters.
//!
//! What this pass does, without moving a single glyph (each keeps its place in the layout; page
//! images stay the same, up to a rasterizer's rounding of glyph origins, since krilla then
//! writes a line as one positioned run instead of one per cluster):
//! - joins the parts of a cluster split across text items (the last cluster of one item
//!   continued by the first of the next, one of them holding only zero-advance marks, as a
//!   mark that the fonts cannot join to its vowel still is);
//! - gives each glyph of a cluster its own characters in logical order: one character per
//!   glyph, the last glyph taking what remains (ligatures: the vowel and tone glyph takes
//!   both). A glyph then maps to the same text wherever it is used, so no `/ActualText` is
//!   needed and every reader extracts the text once. A cluster with more glyphs than
//!   characters (only sequences no font rule covers, such as a mark before sara am) stays
//!   whole as Typst made it, unless it is split, in which case its last glyphs go without
//!   text rather than repeating the cluster;
//! - writes no-break spaces (which keep dates together) as plain spaces, and drops the
//!   invisible break controls U+200B and U+2060 (which ride in the text of the glyph before
//!   them), so that copied text is what a clerk typed.
//!
//! Delete the cluster part when a typst-pdf release fixes the upstream issues (the fonts'
//! glyphs do no harm then).

use std::ops::Range;

use typst::layout::{Em, Frame, FrameItem, Point};
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
    let mut removed = Vec::new();
    for (index, item) in repair_texts(&items) {
        match item {
            Some(item) => items[index].1 = FrameItem::Text(item),
            None => removed.push(index),
        }
        changed = true;
    }
    if changed {
        frame.clear();
        frame.push_multiple(
            items
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !removed.contains(i))
                .map(|(_, item)| item),
        );
    }
}

/// A run of glyphs of one item that share one text range: a cluster, or the part of one
/// that this item holds.
struct Fragment {
    item: usize,
    glyphs: Range<usize>,
    text: Range<usize>,
}

/// New text items for those of `items` whose text layer changes; `None` for items merged
/// into the one before them.
fn repair_texts(items: &[(Point, FrameItem)]) -> Vec<(usize, Option<TextItem>)> {
    // Clusters as lists of fragments, in order; a cluster split across items has several.
    let mut clusters: Vec<Vec<Fragment>> = Vec::new();
    // Items joined by split clusters, to be merged into one.
    let mut chains: Vec<Vec<usize>> = Vec::new();
    let mut previous: Option<usize> = None;
    for (index, (_, item)) in items.iter().enumerate() {
        let FrameItem::Text(text) = item else {
            if !matches!(item, FrameItem::Tag(_)) {
                previous = None;
            }
            continue;
        };
        if !is_logical_order(text) {
            previous = None;
            continue;
        }
        let mut fragments = fragments(index, text);
        let joins = previous.is_some_and(|p| continues(items, p, index));
        if joins && let (Some(open), false) = (clusters.last_mut(), fragments.is_empty()) {
            open.push(fragments.remove(0));
        }
        match chains.last_mut() {
            Some(chain) if joins => chain.push(index),
            _ => chains.push(vec![index]),
        }
        clusters.extend(fragments.into_iter().map(|f| vec![f]));
        previous = Some(index);
    }

    // Texts per glyph, by item.
    let mut texts: std::collections::BTreeMap<usize, Vec<GlyphText>> =
        std::collections::BTreeMap::new();
    for cluster in &clusters {
        let first = &cluster[0];
        let FrameItem::Text(item) = &items[first.item].1 else {
            continue;
        };
        let glyphs: usize = cluster.iter().map(|f| f.glyphs.len()).sum();
        let pieces = split_cluster(&item.text[first.text.clone()], glyphs, cluster.len() > 1);
        let mut pieces = pieces.into_iter();
        for fragment in cluster {
            texts
                .entry(fragment.item)
                .or_default()
                .extend(pieces.by_ref().take(fragment.glyphs.len()));
        }
    }

    let mut rebuilt: std::collections::BTreeMap<usize, TextItem> = texts
        .into_iter()
        .filter_map(|(index, pieces)| {
            let FrameItem::Text(item) = &items[index].1 else {
                return None;
            };
            let same = pieces.len() == item.glyphs.len()
                && pieces
                    .iter()
                    .zip(&item.glyphs)
                    .all(|(t, g)| t.text() == &item.text[g.range()]);
            (!same && pieces.len() == item.glyphs.len()).then(|| (index, rebuild(item, &pieces)))
        })
        .collect();

    let mut out: Vec<(usize, Option<TextItem>)> = Vec::new();
    for chain in chains.iter().filter(|c| c.len() > 1) {
        let merged = merge(items, chain, &rebuilt);
        for &index in chain {
            rebuilt.remove(&index);
        }
        if let Some(merged) = merged {
            out.push((chain[0], Some(merged)));
            out.extend(chain[1..].iter().map(|&i| (i, None)));
        }
    }
    out.extend(rebuilt.into_iter().map(|(i, item)| (i, Some(item))));
    out
}

/// One text item from the items of a chain (a split cluster and what follows it), each
/// glyph offset so that it is drawn exactly where it was. pdf.js starts a new text run at
/// every item, so a cluster in two items reads as two words there.
fn merge(
    items: &[(Point, FrameItem)],
    chain: &[usize],
    rebuilt: &std::collections::BTreeMap<usize, TextItem>,
) -> Option<TextItem> {
    let text_of = |i: usize| {
        rebuilt.get(&i).cloned().or_else(|| match &items[i].1 {
            FrameItem::Text(t) => Some(t.clone()),
            _ => None,
        })
    };
    let origin = items[chain[0]].0;
    let mut merged = text_of(chain[0])?;
    let size = merged.size;
    let mut advance = merged.width();
    for &index in &chain[1..] {
        let part = text_of(index)?;
        let position = items[index].0;
        let dx = Em::from_abs(position.x - origin.x - advance, size);
        // Frame coordinates grow downwards; glyph offsets upwards.
        let dy = Em::from_abs(origin.y - position.y, size);
        let base = merged.text.len();
        merged.text.push_str(&part.text);
        for mut glyph in part.glyphs.iter().cloned() {
            glyph.range = to_u16(base + usize::from(glyph.range.start))
                ..to_u16(base + usize::from(glyph.range.end));
            glyph.x_offset += dx;
            glyph.y_offset += dy;
            merged.glyphs.push(glyph);
        }
        advance += part.width();
    }
    Some(merged)
}

/// The clusters of one item, as runs of glyphs with the same text range.
fn fragments(index: usize, item: &TextItem) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < item.glyphs.len() {
        let text = item.glyphs[start].range();
        let end = start
            + item.glyphs[start..]
                .iter()
                .take_while(|g| g.range() == text)
                .count();
        out.push(Fragment {
            item: index,
            glyphs: start..end,
            text,
        });
        start = end;
    }
    out
}

/// Whether the first cluster of text item `next` is the rest of the last cluster of text item
/// `previous`: only tags between them, same font and size, the same cluster text, and one
/// of the two holding nothing but marks (no advance), as Typst's split leaves them.
fn continues(items: &[(Point, FrameItem)], previous: usize, next: usize) -> bool {
    let (FrameItem::Text(a), FrameItem::Text(b)) = (&items[previous].1, &items[next].1) else {
        return false;
    };
    let only_tags = items[previous + 1..next]
        .iter()
        .all(|(_, item)| matches!(item, FrameItem::Tag(_)));
    let (Some(last), Some(first)) = (a.glyphs.last(), b.glyphs.first()) else {
        return false;
    };
    // Marks have no advance of their own; justification may give them a little tracking.
    let marks_only = |t: &TextItem| t.glyphs.iter().all(|g| g.x_advance.get().abs() < 0.2);
    only_tags
        && a.font == b.font
        && a.size == b.size
        && a.fill == b.fill
        && a.stroke == b.stroke
        && a.lang == b.lang
        && last.range().end == a.text.len()
        && first.range().start == 0
        && a.text[last.range()] == b.text[first.range()]
        && (marks_only(a) || marks_only(b))
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

/// Splits the text of a cluster among the `glyphs` glyphs that draw it; `split` says that
/// those glyphs lie in several text items.
fn split_cluster(text: &str, glyphs: usize, split: bool) -> Vec<GlyphText> {
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
    if glyphs > chars.len() && !split {
        // More glyphs than characters (a sequence the fonts' sara am glyphs do not cover, such
        // as a mark before sara am, drawn with nikhahit + aa): the cluster stays whole, as
        // Typst made it; krilla maps it to its first glyph.
        return vec![GlyphText::Shared(text.to_owned()); glyphs];
    }
    // One character per glyph in logical order, the last glyph taking the rest; a split
    // cluster with more glyphs than characters leaves its last glyphs without text rather than
    // copying the cluster into every item.
    (0..glyphs)
        .map(|i| {
            let piece = match i.cmp(&(glyphs - 1)) {
                std::cmp::Ordering::Less => chars.get(i).map_or("", |c| c).to_owned(),
                _ => chars.get(i..).map(|rest| rest.concat()).unwrap_or_default(),
            };
            GlyphText::Own(piece)
        })
        .collect()
}

/// Text as a reader should get it: no-break spaces as spaces, break controls dropped.
fn readable(text: &str) -> String {
    crate::thai::segment::without_break_marks(text)
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
        assert_eq!(split_cluster("ที่", 3, false), own(&["ท", "ี", "่"]));
        assert_eq!(split_cluster("ธิ์", 3, true), own(&["ธ", "ิ", "์"]));
        // A ligature takes the remaining characters: fi, or a vowel with its raised tone.
        assert_eq!(split_cluster("fi", 1, false), own(&["fi"]));
        assert_eq!(split_cluster("กิ่", 2, false), own(&["ก", "ิ่"]));
        // Sara am as the fonts draw it: ด + sara am; น + tone with nikhahit + aa.
        assert_eq!(split_cluster("ดำ", 2, false), own(&["ด", "ำ"]));
        assert_eq!(split_cluster("น้ำ", 3, false), own(&["น", "้", "ำ"]));
    }

    #[test]
    fn more_glyphs_than_characters() {
        // กิำ drawn as ก + nikhahit + ิ + aa (no font rule for it) stays one shared cluster.
        let shared = GlyphText::Shared("กิำ".into());
        assert_eq!(split_cluster("กิำ", 4, false), vec![shared; 4]);
        // Split across items, every character still comes out once, in order.
        assert_eq!(split_cluster("น์ำ", 4, true), own(&["น", "์", "ำ", ""]));
    }

    #[test]
    fn readers_get_plain_text() {
        assert_eq!(split_cluster("\u{a0}", 1, false), own(&[" "]));
        assert_eq!(split_cluster("ก\u{200B}", 1, false), own(&["ก"]));
        assert_eq!(split_cluster("\u{2060}", 1, false), own(&["\u{2060}"]));
    }

    /// Every text item of the laid-out `text` (set in the bundled Sarabun), in order.
    fn laid_out(text: &str, weight: &str) -> Vec<TextItem> {
        use crate::typeset::compile::compile;
        use crate::typeset::world::{Layout, ReportWorld};

        fn collect(frame: &Frame, out: &mut Vec<TextItem>) {
            for (_, item) in frame.items() {
                match item {
                    FrameItem::Group(group) => collect(&group.frame, out),
                    FrameItem::Text(text) => out.push(text.clone()),
                    _ => {}
                }
            }
        }
        let source = format!(
            "#set page(width: 40cm, height: auto)\n\
             #set text(font: \"Sarabun\", lang: \"th\", weight: \"{weight}\")\n{text}\n"
        );
        let layout = Layout::custom("layout.typ", source, None);
        let world = ReportWorld::new(layout, b"{}".to_vec(), None, None);
        let document = compile(&world).expect("the test layout compiles").document;
        let mut out = Vec::new();
        for page in document.pages() {
            collect(&page.frame, &mut out);
        }
        out
    }

    /// What the repair relies on the bundled fonts for: Thai clusters with sara am and with a
    /// tone above an upper vowel have no more glyphs than characters and are not split into
    /// items of their own marks, in every weight the layout uses.
    #[test]
    fn the_bundled_fonts_draw_thai_clusters_whole() {
        let text = "ดำ ค่ำ น้ำ ป่ำ ฝ้ำ ษำ ฬำ (ำ) จ๋ำ ทำ สำนัก ตำบล เพิ่ม ที่ ตั้ง ปั๊ม ธิ๋ \
                    โพธิ์ ศักดิ์สิทธิ์ นิ้ว ฃึ่ ปื่ ฟื้น";
        for weight in ["regular", "bold"] {
            let items = laid_out(text, weight);
            let mut glyphs = 0;
            for item in &items {
                assert!(
                    item.glyphs.iter().any(|g| g.x_advance.get().abs() >= 0.2),
                    "{weight}: an item of marks only: {:?}",
                    item.text
                );
                for fragment in fragments(0, item) {
                    let chars = item.text[fragment.text.clone()].chars().count();
                    assert!(
                        fragment.glyphs.len() <= chars,
                        "{weight}: {} glyphs for {:?}",
                        fragment.glyphs.len(),
                        &item.text[fragment.text]
                    );
                }
                glyphs += item.glyphs.len();
            }
            // ดำ is two glyphs, ค่ำ three, กิ่ two: fewer glyphs than characters overall.
            let chars = text.chars().count();
            assert!(
                glyphs < chars,
                "{weight}: {glyphs} glyphs for {chars} characters"
            );
        }
    }
}
