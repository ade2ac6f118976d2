//! Every command-line argument, in one place.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use ita_report_engine::typeset::PdfStandard;

/// The version and the commit it was built from (build.rs; "unknown" outside a checkout).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ITA_REPORT_COMMIT"),
    ")"
);

/// Turns a JSON dataset of integrity-and-transparency (ITA) measures into the official Thai
/// report as PDF.
#[derive(Debug, Parser)]
#[command(name = "ita-report", version = VERSION, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// The language of messages for people: en (default) or th; without it, a Thai locale
    /// (LANG=th_TH.UTF-8) means th. `--format json` carries both.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<crate::lang::Lang>,
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
    /// One row per measure across many reports (CSV or .xlsx), from the datasets they carry.
    Collect(CollectArgs),
    /// Read a report typed in Word, a spreadsheet or a portal's text export into a dataset.
    Import(ImportArgs),
    /// Write a starting dataset with one example measure per list style.
    Init(InitArgs),
    /// Start the web editor with live preview and the HTTP render API for portals.
    Serve(ServeArgs),
    /// Internal: renders for `serve` in a process of its own (requests on standard input).
    #[command(hide = true)]
    RenderWorker,
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
    /// The datasets (JSON), or folders of them; `-` reads one from standard input.
    #[arg(value_name = "DATASET.json", required = true)]
    pub datasets: Vec<PathBuf>,

    /// Where to write the PDF of a single dataset; default: the dataset's name with `.pdf`.
    /// `-` writes standard output.
    #[arg(short, long, value_name = "OUT.pdf", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,

    /// Where to write the PDFs of many datasets (NAME.json → DIR/NAME.pdf); default: beside
    /// each dataset.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// How many reports to render at once (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Render with this Typst layout instead of the official one; it reads the same
    /// `json("/data.json")` and may use files in its own folder.
    #[arg(long, value_name = "FILE.typ")]
    pub layout: Option<PathBuf>,

    #[command(flatten)]
    pub style: OutputArgs,
}

/// How a report is written: shared by every command that renders.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// How date periods are written.
    #[arg(long, value_enum, default_value_t = DateStyleArg::Short)]
    pub date_style: DateStyleArg,

    /// Digits: as-written keeps the user's text and writes the tool's own numbers in Thai;
    /// thai also converts Arabic digits in prose (not in URLs, e-mail addresses or codes);
    /// arabic writes every digit in Arabic.
    #[arg(long, value_enum, default_value_t = DigitsArg::AsWritten)]
    pub digits: DigitsArg,

    /// Body text size in points (default 16; the table scales with it).
    #[arg(long, value_name = "PT", value_parser = parse_font_size)]
    pub font_size: Option<f64>,

    /// Set the introduction ragged-right instead of with Thai distributed justification.
    #[arg(long)]
    pub no_justify: bool,

    /// Where Thai lines may break: between dictionary words, or where Typst's own model
    /// (ICU4X LSTM) chooses.
    #[arg(long, value_enum, default_value_t = LineBreaksArg::Dictionary)]
    pub line_breaks: LineBreaksArg,

    /// PDF standards to meet, comma-separated or repeated: a-3b (default), a-3a, a-3u,
    /// a-2b, a-2a, a-2u, a-1b, a-1a, a-4, a-4f, a-4e, ua-1, 1.4, 1.5, 1.6, 1.7, 2.0.
    #[arg(long = "pdf-standard", value_name = "STANDARD", value_delimiter = ',', value_parser = parse_standard)]
    pub pdf_standards: Vec<PdfStandard>,

    /// Do not attach the dataset to the PDF.
    #[arg(long)]
    pub no_attach: bool,

    /// Which document: the results report (six columns), or the plan of the measures
    /// (measure, method, responsible, period).
    #[arg(long, value_enum, default_value_t = DocumentArg::Report)]
    pub document: DocumentArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentArg {
    Report,
    Plan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LineBreaksArg {
    Dictionary,
    Typst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigitsArg {
    AsWritten,
    Thai,
    Arabic,
}

fn parse_font_size(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(size) if (8.0..=28.0).contains(&size) => Ok(size),
        _ => Err(format!(
            "{text:?} is not a font size between 8 and 28 points"
        )),
    }
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
pub struct CollectArgs {
    /// Reports rendered by ita-report, or folders of them.
    #[arg(value_name = "REPORT.pdf", required = true)]
    pub reports: Vec<PathBuf>,

    /// The table to write: .csv (UTF-8, opens in Excel) or .xlsx.
    #[arg(short, long, value_name = "SUMMARY.csv")]
    pub output: PathBuf,
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
    ita_report_engine::typeset::pdf::parse_standard(name)
        .ok_or_else(|| format!("unknown PDF standard {name:?}: use a-3b, a-3a, a-2b, ua-1, 1.7, …"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateStyleArg {
    /// ๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗
    Short,
    /// ๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗
    Full,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The report to read: .docx, .xlsx, .ods, .csv, or a tab-separated .txt/.tsv export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Where to write the dataset; default: FILE with `.json`. `-` writes standard output.
    #[arg(short, long, value_name = "DATASET.json")]
    pub output: Option<PathBuf>,

    /// The file's format, when its extension does not say it.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<ImportFormat>,

    /// The organisation's full name, when the file does not hold it (or to replace it).
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,

    /// The fiscal year in the Buddhist Era (e.g. 2567), when the file does not hold it (or to
    /// replace it).
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(2400..=2700))]
    pub year: Option<i32>,

    /// Remove spaces that line wrapping left inside Thai words, where the dictionary knows
    /// the whole word ("การทุจริต เป็น ต้น" → "การทุจริต เป็นต้น").
    #[arg(long)]
    pub join_broken_words: bool,

    /// For .xlsx/.ods: the sheet to read; default: the first with a measure table.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Replace the output dataset if it exists (it may hold edits made after an earlier import).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportFormat {
    Docx,
    Xlsx,
    Ods,
    Csv,
    /// Tab-separated text (also `.tsv`), cells may hold HTML.
    Txt,
    Tsv,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the starting dataset; `-` writes standard output.
    #[arg(short, long, value_name = "DATASET.json")]
    pub output: PathBuf,

    /// The organisation's full name, e.g. "องค์การบริหารส่วนตำบลสว่าง".
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,

    /// The fiscal year in the Buddhist Era; default: the current fiscal year.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(2400..=2700))]
    pub year: Option<i32>,

    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// A dataset for the editor to open; Save writes it back (atomically).
    #[arg(value_name = "DATASET.json")]
    pub dataset: Option<PathBuf>,

    /// The port to listen on; 0 picks a free one (the address is printed on standard output).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,

    /// The address to listen on; 0.0.0.0 for every interface (in a container).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,

    /// Renders at a time; default: the number of cores.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub max_renders: Option<u16>,

    /// Seconds a request waits for a free render slot before 503 with Retry-After.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub queue_timeout: u64,

    /// Seconds one render may take before the request gets 503.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub render_timeout: u64,

    /// The largest request body, in MiB (413 above it).
    #[arg(long, value_name = "MIB", default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=8))]
    pub max_body: u64,

    /// Another name the server may be reached by (the Host header), besides the address it
    /// listens on (and localhost on a loopback address); repeat for several.
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,

    /// Connections open at a time; further ones wait until one closes.
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=65536))]
    pub max_connections: u32,

    /// Seconds a client has to send a request's headers before its connection is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,

    /// Open the editor in the default browser (`$BROWSER` if set) and say in the console how
    /// to stop; what a double-click on ita-report.exe does (with --port 0).
    #[arg(long)]
    pub open: bool,

    /// The defaults of every render (`/api/render` query parameters change them).
    #[command(flatten)]
    pub style: OutputArgs,
}
