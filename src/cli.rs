//! Every command-line argument, in one place.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DateStyleArg {
    /// ๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗
    Short,
    /// ๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗
    Full,
}
