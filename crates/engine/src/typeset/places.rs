//! Where each measure lands in the laid-out report, so the editor's preview can follow the
//! measure being edited. The layout marks the start of each measure's row with
//! `#metadata(index) <ita-measure>`; a custom layout without the marks simply has no places.

use serde::Serialize;
use typst::foundations::{Label, Selector, Value};
use typst::introspection::Introspector;
use typst::introspection::MetadataElem;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// The label the layout gives each measure's mark.
pub const MEASURE_LABEL: &str = "ita-measure";

/// The start of one measure's row: its page (0 = the first) and how far down that page it
/// is, as a fraction of the page's height (0 = top, 1 = bottom).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Place {
    pub page: usize,
    pub top: f64,
}

/// The place of each measure, in dataset order; `None` for a measure the layout did not mark.
pub fn measure_places(document: &PagedDocument, measures: usize) -> Vec<Option<Place>> {
    let mut places = vec![None; measures];
    let Some(label) = Label::new(PicoStr::intern(MEASURE_LABEL)) else {
        return places;
    };
    let introspector = document.introspector();
    for mark in introspector.query(&Selector::Label(label)).iter() {
        let Some(meta) = mark.to_packed::<MetadataElem>() else {
            continue;
        };
        let Value::Int(index) = meta.value else {
            continue;
        };
        let (Ok(index), Some(location)) = (usize::try_from(index), mark.location()) else {
            continue;
        };
        let Some(position) = introspector.position(location) else {
            continue;
        };
        let page = position.page.get() - 1;
        let Some(height) = document.pages().get(page).map(|p| p.frame.height().to_pt()) else {
            continue;
        };
        if let Some(slot) = places.get_mut(index).filter(|slot| slot.is_none()) {
            let top = if height > 0.0 {
                (position.point.y.to_pt() / height).clamp(0.0, 1.0)
            } else {
                0.0
            };
            *slot = Some(Place { page, top });
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use crate::dataset::load;
    use crate::dataset::normalise::NormaliseOptions;
    use crate::typeset::svg::render_svg;
    use crate::typeset::world::Layout;

    #[test]
    fn every_measure_of_the_sample_has_its_place_in_order() {
        let dataset = load(include_bytes!("../../../../samples/sawang-2567.json")).unwrap();
        let pages = render_svg(&dataset, Layout::official(), NormaliseOptions::default()).unwrap();
        assert_eq!(pages.measures.len(), dataset.measures.len());
        let places: Vec<_> = pages.measures.iter().map(|p| p.unwrap()).collect();
        // The table starts on the page after the cover, under the introduction; later
        // measures come later.
        assert_eq!(places[0].page, 1, "{places:?}");
        assert!(places[0].top > 0.1 && places[0].top < 0.9, "{places:?}");
        for pair in places.windows(2) {
            assert!(
                (pair[1].page, pair[1].top) > (pair[0].page, pair[0].top),
                "{places:?}"
            );
        }
        let last = places.last().unwrap();
        assert!(
            last.page >= 5 && last.page < pages.pages.len(),
            "{places:?}"
        );
    }
}
