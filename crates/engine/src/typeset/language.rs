//! Thai whose line breaks are already marked: typeset without ICU4X's model, tagged as Thai.
//!
//! Typst finds line breaks in Thai with ICU4X's LSTM model, which took a quarter of the CPU
//! time of a batch render (perf, 60 reports), although with `--line-breaks dictionary` (the
//! default) the data already marks every place a Thai line may break (U+200B) or not (U+2060),
//! see `thai::segment`. Typst skips the model only for Chinese and Japanese text: it then
//! breaks by the plain Unicode rules, under which Thai letters never break by themselves, so
//! a line breaks exactly at the marked places and at spaces. The layout therefore sets
//! `lang: "zh", region: "TH"` when the data says `options.breaks_marked`: the combination is
//! the marker, "Thai with marked breaks". Typst does nothing else differently for text without
//! Chinese characters or full-width punctuation, and the bundled fonts have neither, so the
//! pages are the same (checked byte for byte against a Thai render in tests/pdf.rs).
//!
//! After layout, [`restore_thai`] gives the marked text its language back, so the PDF's
//! language (document and tags) says Thai, as it would without the marker.

use std::str::FromStr;

use typst::layout::{Frame, FrameItem};
use typst::text::{Lang, Region};
use typst_layout::PagedDocument;

/// The region that, with `lang: "zh"`, marks Thai text whose breaks the data already marks.
pub const MARKER_REGION: &str = "TH";

/// The document with every text item laid out as `zh-TH` tagged as Thai again.
pub fn restore_thai(document: PagedDocument) -> PagedDocument {
    use typst::model::Document;
    let Ok(marker) = Region::from_str(MARKER_REGION) else {
        return document;
    };
    let pages = document
        .pages()
        .iter()
        .map(|page| {
            let mut page = page.clone();
            restore_frame(&mut page.frame, marker);
            page
        })
        .collect();
    PagedDocument::new(pages, document.info().clone())
}

fn restore_frame(frame: &mut Frame, marker: Region) {
    frame.retain(|item| {
        match item {
            FrameItem::Group(group) => restore_frame(&mut group.frame, marker),
            FrameItem::Text(text) if text.lang == Lang::CHINESE && text.region == Some(marker) => {
                text.lang = Lang::THAI;
                text.region = None;
            }
            _ => {}
        }
        true
    });
}
