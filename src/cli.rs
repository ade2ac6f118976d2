//! Every command-line argument, in one place.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use typst_pdf::PdfStandard;

/// Turns a JSON dataset of integrity-and-transparency (ITA) measures into the official Thai
/// report as PDF.
#[derive(Debug, Parser)]
#[command(name = "ita-report", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render a dataset into the official PDF report.
    Render(RenderArgs),
    /// Check datasets without rendering: prints `ok` or every problem, per file.
    Check(CheckArgs),
    /// Print the JSON Schema of dataset v1 (for editors and portals).
    Schema,
    /// Read the dataset attached to a rendered report back out.
    Extract(ExtractArgs),
    /// Show what a rendered report holds: organisation, fiscal year, measures, standard, pages.
    Info(InfoArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The datasets to check; `-` reads standard input.
    #[arg(value_name = "DATASET.json", required = true)]
    pub datasets: Vec<PathBuf>,

    /// How to print the result.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Lines for people: `FILE:LINE:COLUMN: PATH: message`.
    Text,
    /// One JSON document with every file's problems, for portals.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The dataset (JSON); `-` reads standard input.
    #[arg(value_name = "DATASET.json")]
    pub dataset: PathBuf,

    /// Where to write the PDF; default: the dataset's name with `.pdf`. `-` writes standard output.
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: Option<PathBuf>,

    /// Render with this Typst layout instead of the official one; it reads the same
    /// `json("/data.json")` and may use files in its own folder.
    #[arg(long, value_name = "FILE.typ")]
    pub layout: Option<PathBuf>,

    /// How date periods are written.
    #[arg(long, value_enum, default_value_t = DateStyleArg::Short)]
    pub date_style: DateStyleArg,

    /// PDF standards to meet, comma-separated or repeated: a-3b (default), a-3a, a-3u,
    /// a-2b, a-2a, a-2u, a-1b, a-1a, a-4, a-4f, a-4e, ua-1, 1.4, 1.5, 1.6, 1.7, 2.0.
    #[arg(long = "pdf-standard", value_name = "STANDARD", value_delimiter = ',', value_parser = parse_standard)]
    pub pdf_standards: Vec<PdfStandard>,

    /// Do not attach the dataset to the PDF.
    #[arg(long)]
    pub no_attach: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// A report rendered by ita-report.
    #[arg(value_name = "REPORT.pdf")]
    pub report: PathBuf,

    /// Where to write the dataset; default: standard output.
    #[arg(short, long, value_name = "DATASET.json")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct InfoArgs {
    /// Reports rendered by ita-report.
    #[arg(value_name = "REPORT.pdf", required = true)]
    pub reports: Vec<PathBuf>,

    /// How to print the result.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// A PDF standard by the name typst-pdf gives it.
fn parse_standard(name: &str) -> Result<PdfStandard, String> {
    serde_json::from_value(serde_json::Value::String(name.trim().to_lowercase()))
        .map_err(|_| format!("unknown PDF standard {name:?}: use a-3b, a-3a, a-2b, ua-1, 1.7, …"))
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DateStyleArg {
    /// ๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗
    Short,
    /// ๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗
    Full,
}
