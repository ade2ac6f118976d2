//! Typesetting: the normalised document goes into a Typst world, is compiled in-process with
//! the bundled fonts, and comes out as PDF bytes.

pub mod compile;
pub mod fonts;
pub mod pdf;
pub mod text_layer;
pub mod world;

use std::fmt;

use crate::dataset::Dataset;
use crate::dataset::normalise::{NormaliseOptions, document_date, normalise};
use compile::{TypstMessage, compile};
use pdf::{PdfSettings, typst_date, write_pdf};
use typst_pdf::PdfStandard;
pub use world::{Layout, ReportWorld};

/// Choices for one render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub normalise: NormaliseOptions,
    pub standards: Vec<PdfStandard>,
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
        messages: vec![TypstMessage {
            is_error: true,
            file: None,
            position: None,
            message: format!("could not prepare the data for the layout: {e}"),
            hints: vec![],
        }],
    })?;
    let date = document_date(dataset);
    let world = ReportWorld::new(layout, data, typst_date(date));
    let compiled = compile(&world).map_err(|messages| RenderError { messages })?;
    let settings = PdfSettings {
        ident: format!(
            "ita-report/{}/{}",
            dataset.organization.name, dataset.fiscal_year
        ),
        date,
        standards: options.standards.clone(),
    };
    let document = text_layer::repair(&compiled.document);
    let pdf =
        write_pdf(&world, &document, &settings).map_err(|messages| RenderError { messages })?;
    Ok(Rendered {
        pdf,
        pages: document.pages().len(),
        warnings: compiled.warnings,
    })
}
