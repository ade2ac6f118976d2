//! Import: reads the reports offices already have (Word, spreadsheets, text exports) into a
//! dataset, recovering lists, periods and the title block, and reporting with its place
//! everything it could not understand.
//!
//! - `cell`: the one cell-text parser (text as typed ↔ rich text), also the editor's.
//! - `source`: what every reader hands over (paragraphs and rows with their places).
//! - `text`: tab-separated exports with HTML cells; text decoding.
//! - `docx`: Word and LibreOffice `.docx`, read from the OOXML directly.
//! - `sheet`: `.xlsx`, `.ods` and `.csv`.
//! - `header`: finding the header row and which column holds what.
//! - `title`: title, organisation and fiscal year from the paragraphs above the table.
//! - `structure`: list and measure-number recovery shared by all formats.
//! - `period`: date ranges from Thai period texts.
//! - `words`: joining Thai words broken by a space (`--join-broken-words`).
//! - `assemble`: from a read source to a dataset.

pub mod assemble;
pub mod cell;
pub mod docx;
pub mod header;
pub mod period;
pub mod sheet;
pub mod source;
pub mod structure;
pub mod text;
pub mod title;
pub mod words;

use std::fmt;

use crate::dataset::Dataset;

pub use source::{Said, Warning};

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
    Ods,
    Csv,
    /// Tab-separated text (`.txt`, `.tsv`), cells possibly holding HTML.
    Tsv,
}

impl Format {
    /// The format a file name's extension names (`รายงาน.DOCX` → Docx).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let (_, ext) = name.rsplit_once('.')?;
        let ext = ext.to_ascii_lowercase();
        Some(match ext.as_str() {
            "docx" | "docm" => Format::Docx,
            "xlsx" | "xlsm" | "xls" | "xlsb" => Format::Xlsx,
            "ods" => Format::Ods,
            "csv" => Format::Csv,
            "txt" | "tsv" | "tab" => Format::Tsv,
            _ => return None,
        })
    }
}

/// What the user tells the import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The organisation's full name, when the file does not hold it (or to replace it).
    pub org: Option<String>,
    /// The fiscal year (Buddhist Era), when the file does not hold it (or to replace it).
    pub year: Option<i32>,
    /// Join Thai words that a space broke, where the dictionary knows the whole word.
    pub join_broken_words: bool,
    /// For workbooks: the sheet to read; default the first with a measure table.
    pub sheet: Option<String>,
}

/// Why an import failed: the file is not a report that can be understood (exit 1).
#[derive(Debug)]
pub enum ImportError {
    /// The file cannot be read as its format says.
    Unreadable(Said),
    /// No row names the report's columns.
    NoTable,
    /// A header, but no measure under it.
    NoMeasures,
    /// No organisation above the table (and none given).
    NoOrganization,
    /// No fiscal year above the table or in the periods (and none given).
    NoFiscalYear,
}

impl ImportError {
    /// What went wrong, in a word a program can act on: the editor asks for the
    /// organisation or the year and imports again.
    pub fn reason(&self) -> &'static str {
        match self {
            ImportError::Unreadable(_) => "unreadable",
            ImportError::NoTable => "no-table",
            ImportError::NoMeasures => "no-measures",
            ImportError::NoOrganization => "no-organization",
            ImportError::NoFiscalYear => "no-fiscal-year",
        }
    }

    /// The same in Thai, saying what to do.
    pub fn thai(&self) -> String {
        match self {
            ImportError::Unreadable(said) => said.th.clone(),
            ImportError::NoTable => format!(
                "ไม่พบตารางมาตรการในไฟล์นี้: ต้องมีแถวหัวตารางที่มีชื่อคอลัมน์ {} (อย่างน้อยสี่ชื่อ)",
                header::Column::ALL.map(header::Column::thai).join(", ")
            ),
            ImportError::NoMeasures => "พบหัวตารางมาตรการ แต่ไม่มีมาตรการอยู่ใต้หัวตาราง".into(),
            ImportError::NoOrganization => {
                "ไม่พบชื่อหน่วยงานเหนือตาราง: ใส่ชื่อหน่วยงาน (เช่น องค์การบริหารส่วนตำบลนาดี)".into()
            }
            ImportError::NoFiscalYear => "ไม่พบปีงบประมาณเหนือตาราง: ใส่ปีงบประมาณ (เช่น ๒๕๖๗)".into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Unreadable(said) => f.write_str(&said.en),
            ImportError::NoTable => write!(
                f,
                "no measure table was found: no row has the column names {} (at least four of them)",
                header::Column::ALL.map(header::Column::thai).join(", ")
            ),
            ImportError::NoMeasures => {
                f.write_str("the measure table has a header but no measures under it")
            }
            ImportError::NoOrganization => f.write_str(
                "the organisation's name was not found above the table: give it with --org \"องค์การบริหารส่วนตำบล…\"",
            ),
            ImportError::NoFiscalYear => f.write_str(
                "the fiscal year was not found above the table: give it with --year 2567",
            ),
        }
    }
}

/// A dataset read from a file, and what could not be understood on the way.
#[derive(Debug)]
pub struct Imported {
    pub dataset: Dataset,
    pub warnings: Vec<Warning>,
    /// How many spaces inside Thai words were removed (`join_broken_words`).
    pub joined_words: usize,
}

/// A failed import: why, and what was noticed before it failed.
#[derive(Debug)]
pub struct Failed {
    pub error: ImportError,
    pub warnings: Vec<Warning>,
}

/// Reads a report file's bytes in `format` into a dataset.
pub fn import(bytes: Vec<u8>, format: Format, options: &ImportOptions) -> Result<Imported, Failed> {
    let mut warnings = source::Warnings::default();
    match read_and_assemble(bytes, format, options, &mut warnings) {
        Ok((dataset, joined_words)) => Ok(Imported {
            dataset,
            warnings: warnings.0,
            joined_words,
        }),
        Err(error) => Err(Failed {
            error,
            warnings: warnings.0,
        }),
    }
}

/// An imported dataset as the JSON file it becomes, checked like any dataset before it is
/// written or shown (an import must never hand on what `check` would refuse).
pub fn dataset_json(dataset: &Dataset) -> Result<String, crate::dataset::InvalidDataset> {
    let mut json = serde_json::to_string_pretty(dataset).unwrap_or_default();
    json.push('\n');
    crate::dataset::load(json.as_bytes())?;
    Ok(json)
}

/// A file imported by its name, as the browser and the server show it: the dataset as JSON
/// text and the warnings in words, in English and in Thai.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NamedImport {
    pub dataset: String,
    pub warnings: Vec<String>,
    pub warnings_th: Vec<String>,
}

/// Why a named file could not be imported.
#[derive(Debug)]
pub enum NamedImportError {
    /// The name's extension is no format we read.
    UnknownFormat(String),
    /// Not a report that can be understood; what was noticed on the way.
    NotAReport {
        /// See [`ImportError::reason`].
        reason: &'static str,
        message: String,
        message_th: String,
        warnings: Vec<String>,
        warnings_th: Vec<String>,
    },
    /// The import gave a dataset that does not pass the checks (a bug, or odd content).
    Invalid(crate::dataset::InvalidDataset),
}

impl fmt::Display for NamedImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NamedImportError::UnknownFormat(name) => write!(
                f,
                "{name}: cannot tell the format from the file name: open a .docx, .xlsx, .ods, \
                 .csv or .txt file (a Word .doc or Excel .xls must first be saved as .docx or .xlsx)"
            ),
            NamedImportError::NotAReport { message, .. } => f.write_str(message),
            NamedImportError::Invalid(error) => write!(f, "{error}"),
        }
    }
}

/// Imports a file whose format its name gives (`รายงาน.docx`).
pub fn import_named(
    file_name: &str,
    bytes: Vec<u8>,
    options: &ImportOptions,
) -> Result<NamedImport, NamedImportError> {
    let format = Format::from_file_name(file_name)
        .ok_or_else(|| NamedImportError::UnknownFormat(file_name.to_owned()))?;
    let words = |warnings: &[Warning]| warnings.iter().map(ToString::to_string).collect();
    let thai = |warnings: &[Warning]| warnings.iter().map(Warning::thai).collect();
    let imported =
        import(bytes, format, options).map_err(|failed| NamedImportError::NotAReport {
            reason: failed.error.reason(),
            message: failed.error.to_string(),
            message_th: failed.error.thai(),
            warnings_th: thai(&failed.warnings),
            warnings: words(&failed.warnings),
        })?;
    Ok(NamedImport {
        dataset: dataset_json(&imported.dataset).map_err(NamedImportError::Invalid)?,
        warnings: words(&imported.warnings),
        warnings_th: thai(&imported.warnings),
    })
}

fn read_and_assemble(
    bytes: Vec<u8>,
    format: Format,
    options: &ImportOptions,
    warnings: &mut source::Warnings,
) -> Result<(Dataset, usize), ImportError> {
    let source = match format {
        Format::Tsv => text::read_tsv(&bytes, warnings),
        Format::Csv => {
            sheet::read_csv(&bytes, warnings).map_err(|e| ImportError::Unreadable(e.0))?
        }
        Format::Xlsx | Format::Ods => {
            sheet::read_workbook(bytes, options.sheet.as_deref(), warnings)
                .map_err(|e| ImportError::Unreadable(e.0))?
        }
        Format::Docx => {
            docx::read_docx(&bytes, warnings).map_err(|e| ImportError::Unreadable(e.0))?
        }
    };
    assemble::assemble(&source, options, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator for damaging files.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, below: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) as usize) % below.max(1)
        }
    }

    /// Damaged and cut files must give a dataset or an error, never a panic.
    #[test]
    fn damaged_files_never_panic() {
        let files: [(&[u8], Format); 5] = [
            (
                include_bytes!("../../../../tests/fixtures/import/report.docx"),
                Format::Docx,
            ),
            (
                include_bytes!("../../../../tests/fixtures/import/measures.xlsx"),
                Format::Xlsx,
            ),
            (
                include_bytes!("../../../../tests/fixtures/import/measures.ods"),
                Format::Ods,
            ),
            (
                include_bytes!("../../../../tests/fixtures/import/measures.csv"),
                Format::Csv,
            ),
            (
                include_bytes!("../../../../tests/fixtures/import/report.html"),
                Format::Tsv,
            ),
        ];
        let mut rng = Lcg(7);
        let options = ImportOptions {
            org: Some("องค์การบริหารส่วนตำบลทดสอบ".into()),
            year: Some(2567),
            ..ImportOptions::default()
        };
        for (bytes, format) in files {
            for round in 0..40 {
                let mut damaged = bytes.to_vec();
                if round % 2 == 0 {
                    damaged.truncate(rng.next(bytes.len()));
                } else {
                    for _ in 0..1 + rng.next(8) {
                        let at = rng.next(damaged.len());
                        damaged[at] = rng.next(256) as u8;
                    }
                }
                let _ = import(damaged, format, &options);
            }
        }
    }
}
