//! Typesetting: the normalised document goes into a Typst world, is compiled in-process with
//! the bundled fonts, and comes out as PDF bytes.

pub mod choices;
pub mod compile;
pub mod language;
pub mod pdf;
pub mod places;
pub mod svg;
pub mod text_layer;
pub mod world;

use std::fmt;

use crate::dataset::Dataset;
use crate::dataset::normalise::{NormaliseOptions, document_date, normalise};
use compile::{TypstMessage, compile};
use pdf::{PdfSettings, typst_date, write_pdf};

pub use world::{Layout, LayoutFileError, LayoutFiles, ReportWorld};

/// Choices for one render.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub normalise: NormaliseOptions,
    /// PDF standards to conform to (default PDF/A-3b); empty means plain PDF.
    pub standards: Vec<PdfStandard>,
    /// Attach the dataset to the PDF as `dataset.json` (default yes).
    pub attach: bool,
    /// Repair the text layer (default yes); off only to compare, as tests do.
    pub repair_text_layer: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            normalise: NormaliseOptions::default(),
            standards: vec![PdfStandard::A_3b],
            attach: true,
            repair_text_layer: true,
        }
    }
}

/// Whether PDF files may carry attachments under these standards (PDF/A-1, PDF/A-2, and
/// PDF/A-4 other than PDF/A-4f may not).
pub fn allows_attachments(standards: &[PdfStandard]) -> bool {
    use PdfStandard::*;
    !standards
        .iter()
        .any(|s| matches!(s, A_1b | A_1a | A_2b | A_2u | A_2a | A_4 | A_4e))
}

/// A rendered report.
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Warnings of the layout (a custom one, usually): worth showing, not fatal.
    pub warnings: Vec<TypstMessage>,
}

/// The layout failed to compile, or the PDF could not be written.
#[derive(Debug, Clone)]
pub struct RenderError {
    pub messages: Vec<TypstMessage>,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, m) in self.messages.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{m}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RenderError {}

/// Renders a checked dataset with `layout` into PDF bytes.
pub fn render(
    dataset: &Dataset,
    layout: Layout,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    let document = normalise(dataset, options.normalise);
    let data = serde_json::to_vec(&document).map_err(|e| RenderError {
        messages: vec![TypstMessage::error(format!(
            "could not prepare the data for the layout: {e}"
        ))],
    })?;
    let date = document_date(dataset);
    let mut warnings = Vec::new();
    let attach = options.attach && allows_attachments(&options.standards);
    if options.attach && !attach {
        warnings.push(TypstMessage::note(
            "this PDF standard does not allow attached files: the dataset is not attached (PDF/A-3 keeps it)",
        ));
    }
    let attachment = attach.then(|| dataset_bytes(dataset));
    let world = ReportWorld::new(layout, data, attachment, typst_date(date));
    let compiled = compile(&world).map_err(|messages| RenderError { messages })?;
    let settings = PdfSettings {
        ident: format!(
            "ita-report/{}/{}",
            dataset.organization.name, dataset.fiscal_year
        ),
        date,
        standards: options.standards.clone(),
    };
    let document = language::restore_thai(compiled.document);
    let document = if options.repair_text_layer {
        text_layer::repair(&document)
    } else {
        document
    };
    let pdf =
        write_pdf(&world, &document, &settings).map_err(|messages| RenderError { messages })?;
    warnings.extend(compiled.warnings);
    Ok(Rendered {
        pdf,
        pages: document.pages().len(),
        warnings,
    })
}

/// The dataset as attached to the PDF: canonical JSON, so that `extract` then `render` gives
/// the same bytes again.
pub fn dataset_bytes(dataset: &Dataset) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(dataset).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

pub use typst_pdf::PdfStandard;

/// Forgets what Typst memoised for renders more than `max_age` renders ago: a long batch or a
/// server keeps its memory flat with this.
pub fn evict_caches(max_age: usize) {
    comemo::evict(max_age);
}
