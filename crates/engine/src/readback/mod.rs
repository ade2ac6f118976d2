//! Reading reports back: the dataset a report carries ([`pdf`]), checked like any dataset
//! ([`read_report`]), and the province's review table made from many of them ([`review`]).

pub mod pdf;
pub mod review;

use std::fmt;

use crate::dataset::{Dataset, InvalidDataset, load};
pub use pdf::{InspectError, Report};

/// A report read back: the parsed PDF, the bytes of its attached dataset, and that dataset.
pub struct ReadReport {
    pub report: Report,
    pub dataset_bytes: Vec<u8>,
    pub dataset: Dataset,
}

/// Why a report could not be read back.
#[derive(Debug)]
pub enum ReadbackError {
    /// Not a PDF, no attachment, or an unreadable one.
    Pdf(InspectError),
    /// The attached dataset does not pass the checks.
    Dataset(InvalidDataset),
}

impl fmt::Display for ReadbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadbackError::Pdf(e) => write!(f, "{e}"),
            ReadbackError::Dataset(e) => write!(f, "{e}"),
        }
    }
}

impl ReadbackError {
    /// What went wrong, in Thai for the clerk.
    pub fn thai(&self) -> String {
        match self {
            ReadbackError::Pdf(e) => e.thai(),
            ReadbackError::Dataset(e) => e.thai(),
        }
    }
}

impl std::error::Error for ReadbackError {}

/// Reads a report and its attached dataset, checked like any dataset.
pub fn read_report(bytes: &[u8]) -> Result<ReadReport, ReadbackError> {
    let report = Report::parse(bytes).map_err(ReadbackError::Pdf)?;
    let dataset_bytes = report.attached_dataset().map_err(ReadbackError::Pdf)?;
    let dataset = load(&dataset_bytes).map_err(ReadbackError::Dataset)?;
    Ok(ReadReport {
        report,
        dataset_bytes,
        dataset,
    })
}
