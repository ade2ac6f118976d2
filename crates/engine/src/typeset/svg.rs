//! Pages as SVG, for the live preview of `ita-report serve`: the same world and compile as
//! the PDF, without the PDF writer, the attachment or the text-layer repair.

use typst_svg::SvgOptions;

use super::RenderError;
use super::compile::{TypstMessage, compile};
use super::pdf::typst_date;
use super::places::{Place, measure_places};
use super::world::{Layout, ReportWorld};
use crate::dataset::Dataset;
use crate::dataset::normalise::{NormaliseOptions, document_date, normalise};

/// The pages of a report as SVG documents, one per page.
pub struct SvgPages {
    pub pages: Vec<String>,
    /// Where each measure's row starts (see [`measure_places`]).
    pub measures: Vec<Option<Place>>,
    pub warnings: Vec<TypstMessage>,
}

/// Lays out a checked dataset and draws every page as SVG.
pub fn render_svg(
    dataset: &Dataset,
    layout: Layout,
    options: NormaliseOptions,
) -> Result<SvgPages, RenderError> {
    let document = normalise(dataset, options);
    let data = serde_json::to_vec(&document).map_err(|e| RenderError {
        messages: vec![TypstMessage::error(format!(
            "could not prepare the data for the layout: {e}"
        ))],
    })?;
    let world = ReportWorld::new(layout, data, None, typst_date(document_date(dataset)));
    let compiled = compile(&world).map_err(|messages| RenderError { messages })?;
    let svg_options = SvgOptions::default();
    let pages = compiled
        .document
        .pages()
        .iter()
        .map(|page| typst_svg::svg(page, &svg_options))
        .collect();
    Ok(SvgPages {
        pages,
        measures: measure_places(&compiled.document, dataset.measures.len()),
        warnings: compiled.warnings,
    })
}
