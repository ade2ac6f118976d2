//! What the browser's functions do, in plain Rust values: the same engine calls as the
//! command line makes, so the same dataset and options give the same bytes.

use serde::{Deserialize, Serialize};

use ita_report_engine::dataset::decode::decode_rich;
use ita_report_engine::dataset::report::{ProblemReport, problem_reports};
use ita_report_engine::dataset::schema::dataset_schema_text;
use ita_report_engine::dataset::{Dataset, InvalidDataset, load};
use ita_report_engine::import::cell::cell_text as cell_text_of;
use ita_report_engine::import::{ImportOptions, NamedImport, NamedImportError, import_named};
use ita_report_engine::readback::read_report;
use ita_report_engine::typeset::choices::RenderChoices;
use ita_report_engine::typeset::places::Place;
use ita_report_engine::typeset::svg::render_svg;
use ita_report_engine::typeset::{Layout, RenderError, RenderOptions, render as render_pdf};

/// Why a call failed: `kind` says which kind of failure, `message` says it in words, and
/// `problems` (an invalid dataset) or `warnings` (an import) give the details.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub kind: &'static str,
    pub message: String,
    /// The same in Thai, where the engine says more than the kind does (an import).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_th: Option<String>,
    /// For an import: `unreadable`, `no-table`, `no-measures`, `no-organization` or
    /// `no-fiscal-year` (the last two: import again with `org` or `year`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ProblemReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings_th: Vec<String>,
}

impl Failure {
    fn new(kind: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            message: message.into(),
            message_th: None,
            reason: None,
            problems: vec![],
            warnings: vec![],
            warnings_th: vec![],
        }
    }

    /// Options that are not known, or not valid.
    pub fn options(message: impl Into<String>) -> Failure {
        Failure::new("options", message)
    }

    fn invalid(error: &InvalidDataset) -> Failure {
        Failure {
            problems: problem_reports(error),
            ..Failure::new(
                "invalid-dataset",
                format!("the dataset has {} problem(s)", error.problems.len()),
            )
        }
    }

    fn render(error: &RenderError) -> Failure {
        Failure::new("render", error.to_string())
    }
}

/// What `check` answers: the shape of `ita-report check --format json` and `POST /api/check`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub ok: bool,
    pub problems: Vec<ProblemReport>,
    pub truncated: bool,
}

/// Choices for an import, by name.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportChoices {
    pub org: Option<String>,
    pub year: Option<i32>,
    pub sheet: Option<String>,
    #[serde(default)]
    pub join_broken_words: bool,
}

fn dataset_of(json: &[u8]) -> Result<Dataset, Failure> {
    load(json).map_err(|e| Failure::invalid(&e))
}

fn options_of(choices: &RenderChoices) -> Result<RenderOptions, Failure> {
    choices
        .apply(&RenderOptions::default())
        .map_err(Failure::options)
}

/// The PDF of a dataset.
pub fn render(json: &[u8], choices: &RenderChoices) -> Result<Vec<u8>, Failure> {
    let options = options_of(choices)?;
    let dataset = dataset_of(json)?;
    render_pdf(&dataset, Layout::official(), &options)
        .map(|rendered| rendered.pdf)
        .map_err(|e| Failure::render(&e))
}

/// Every problem of a dataset.
pub fn check(json: &[u8]) -> CheckResult {
    match load(json) {
        Ok(_) => CheckResult {
            ok: true,
            problems: vec![],
            truncated: false,
        },
        Err(error) => CheckResult {
            ok: false,
            problems: problem_reports(&error),
            truncated: error.truncated,
        },
    }
}

/// The pages of a dataset's report, as SVG.
pub fn preview(json: &[u8], choices: &RenderChoices) -> Result<Vec<String>, Failure> {
    preview_report(json, choices).map(|report| report.pages)
}

/// The report's pages as SVG and where each measure's row starts (`{pages, measures}`).
#[derive(Debug, Clone, Serialize)]
pub struct PreviewReport {
    pub pages: Vec<String>,
    pub measures: Vec<Option<Place>>,
}

/// The pages of a dataset's report, as SVG, with the place of each measure.
pub fn preview_report(json: &[u8], choices: &RenderChoices) -> Result<PreviewReport, Failure> {
    let options = options_of(choices)?;
    let dataset = dataset_of(json)?;
    render_svg(&dataset, Layout::official(), options.normalise)
        .map(|pages| PreviewReport {
            pages: pages.pages,
            measures: pages.measures,
        })
        .map_err(|e| Failure::render(&e))
}

/// A dataset from a file an office already has.
pub fn import_file(
    file_name: &str,
    bytes: Vec<u8>,
    choices: &ImportChoices,
) -> Result<NamedImport, Failure> {
    let options = ImportOptions {
        org: choices.org.clone(),
        year: choices.year,
        join_broken_words: choices.join_broken_words,
        sheet: choices.sheet.clone(),
    };
    import_named(file_name, bytes, &options).map_err(|e| match e {
        NamedImportError::Invalid(error) => Failure::invalid(&error),
        NamedImportError::NotAReport {
            reason,
            message,
            message_th,
            warnings,
            warnings_th,
        } => Failure {
            message_th: Some(message_th),
            reason: Some(reason),
            warnings,
            warnings_th,
            ..Failure::new("import", message)
        },
        other => Failure::new("import", other.to_string()),
    })
}

/// The dataset a report carries, as the report carries it.
pub fn extract(pdf: &[u8]) -> Result<String, Failure> {
    let read = read_report(pdf).map_err(|e| Failure {
        message_th: Some(e.thai()),
        ..Failure::new("not-a-report", e.to_string())
    })?;
    String::from_utf8(read.dataset_bytes)
        .map_err(|_| Failure::new("not-a-report", "the attached dataset is not UTF-8 text"))
}

/// A cell's rich text (its JSON value) as the text a clerk edits.
pub fn cell_text(rich: &serde_json::Value) -> Result<String, Failure> {
    let rich = decode_rich(rich).map_err(|problems| Failure {
        problems: problems.iter().map(ProblemReport::from).collect(),
        ..Failure::new("invalid-dataset", "this is not the rich text of a cell")
    })?;
    Ok(cell_text_of(&rich))
}

/// The JSON Schema of the dataset.
pub fn schema() -> String {
    dataset_schema_text()
}
