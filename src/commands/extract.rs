//! `ita-report extract`: the dataset attached to a rendered report, back as a file.

use std::path::Path;

use super::{Failure, open_output, write_output};
use crate::args::ExtractArgs;

pub fn run(args: &ExtractArgs) -> Result<(), Failure> {
    let path = args.output.as_deref().unwrap_or(Path::new("-"));
    let output = open_output(path, &[&args.report], "dataset")?;
    let dataset = super::read_report(&args.report)?.dataset_bytes;
    write_output(output, path, &dataset, "dataset")
}
