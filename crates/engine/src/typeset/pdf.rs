//! Writes laid-out pages as PDF with typst-pdf, reproducibly: a fixed identifier and the
//! document date taken from the data, never the clock.

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::compile::TypstMessage;
use super::world::ReportWorld;
use crate::thai::dates::Date;

/// What shapes the PDF file beyond its pages.
#[derive(Debug, Clone)]
pub struct PdfSettings {
    /// Stable identifier of the document (its hash becomes the PDF's /ID).
    pub ident: String,
    /// The document date (creation and modification date in the metadata).
    pub date: Date,
    /// PDF standards to conform to; empty means plain PDF.
    pub standards: Vec<PdfStandard>,
}

/// The `/Creator` written into every report.
pub const CREATOR: &str = concat!("ita-report ", env!("CARGO_PKG_VERSION"));

/// A PDF standard by the name typst-pdf gives it (`a-3b`, `ua-1`, `1.7`, …), case-insensitive;
/// what `--pdf-standard` and the server's `pdf_standard` accept.
pub fn parse_standard(name: &str) -> Option<PdfStandard> {
    serde_json::from_value(serde_json::Value::String(name.trim().to_lowercase())).ok()
}

/// Typst's date for a calendar date.
pub fn typst_date(date: Date) -> Option<Datetime> {
    Datetime::from_ymd(date.year, date.month, date.day)
}

/// The PDF bytes of a laid-out report.
pub fn write_pdf(
    world: &ReportWorld,
    document: &PagedDocument,
    settings: &PdfSettings,
) -> Result<Vec<u8>, Vec<TypstMessage>> {
    let standards = PdfStandards::new(&settings.standards).map_err(|error| {
        vec![TypstMessage {
            is_error: true,
            file: None,
            position: None,
            message: format!(
                "these PDF standards cannot be combined: {}",
                error.message()
            ),
            hints: error.hints().iter().map(|h| h.to_string()).collect(),
        }]
    })?;
    let timestamp = Datetime::from_ymd_hms(
        settings.date.year,
        settings.date.month,
        settings.date.day,
        0,
        0,
        0,
    )
    .map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        creator: Smart::Custom(Some(CREATOR.to_owned())),
        timestamp,
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| super::compile::messages(world, &errors))
}
