//! `ita-report extract`: the dataset attached to a rendered report, back as a file.

use std::io::Write;

use ita_report::inspect::Report;
use ita_report::output::write_atomic;

use super::{Failure, check_output_folder, display_name, io_words, is_stdio, read_limited};
use crate::cli::ExtractArgs;

pub fn run(args: &ExtractArgs) -> Result<(), Failure> {
    let (_, dataset, _) = read_report(&args.report)?;
    match &args.output {
        Some(path) if !is_stdio(path) => {
            check_output_folder(path)?;
            write_atomic(path, &dataset).map_err(|e| {
                Failure::Io(format!(
                    "{}: cannot write the dataset: {}",
                    path.display(),
                    io_words(&e)
                ))
            })
        }
        _ => {
            let mut out = std::io::stdout().lock();
            out.write_all(&dataset)
                .and_then(|()| out.flush())
                .map_err(|e| {
                    Failure::Io(format!("cannot write to standard output: {}", io_words(&e)))
                })
        }
    }
}

/// Reads a report and its attached dataset, checked like any dataset.
pub fn read_report(
    path: &std::path::Path,
) -> Result<(Report, Vec<u8>, ita_report::dataset::Dataset), Failure> {
    let file = display_name(path);
    let bytes = read_limited(path, "the report")?;
    let report = Report::parse(&bytes).map_err(|e| Failure::Input(format!("{file}: {e}")))?;
    let bytes = report
        .attached_dataset()
        .map_err(|e| Failure::Input(format!("{file}: {e}")))?;
    let dataset = ita_report::dataset::load(&bytes).map_err(|error| Failure::Dataset {
        file: format!("{file} (attached dataset.json)"),
        error,
    })?;
    Ok((report, bytes, dataset))
}
