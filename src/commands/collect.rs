//! `ita-report collect`: one row per measure across many rendered reports, from the datasets
//! they carry, as CSV or an Excel workbook for the province's review.

use std::path::PathBuf;

use ita_report_engine::readback::review::{Row, rows, to_csv, to_xlsx};

use super::{Failure, files_in, open_output, write_output};
use crate::args::CollectArgs;

pub fn run(args: &CollectArgs) -> Result<(), Failure> {
    let reports = reports(&args.reports)?;
    let inputs: Vec<&std::path::Path> = reports.iter().map(PathBuf::as_path).collect();
    let output = open_output(&args.output, &inputs, "table")?;
    let mut table: Vec<Row> = Vec::new();
    let mut worst = 0u8;
    for report in &reports {
        match super::read_report(report) {
            Ok(read) => table.extend(rows(&report.display().to_string(), &read.dataset)),
            Err(failure) => {
                worst = worst.max(failure.exit_code());
                eprint!("{failure}");
            }
        }
    }
    let wants_xlsx = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if wants_xlsx {
        to_xlsx(&table)
    } else {
        to_csv(&table)
    }
    .map_err(|e| {
        Failure::Io(format!(
            "{}: cannot build the table: {e}",
            args.output.display()
        ))
    })?;
    write_output(output, &args.output, &bytes, "table")?;
    eprintln!(
        "{}: {} measure(s) from {} report(s){}",
        args.output.display(),
        table.len(),
        reports.len(),
        if worst > 0 {
            " (some reports could not be read: see above)"
        } else {
            ""
        }
    );
    if worst == 0 {
        Ok(())
    } else {
        Err(Failure::Reported(worst))
    }
}

/// The PDF files given, with folders expanded to the PDFs in them (sorted).
fn reports(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let found = files_in(input, "pdf")?;
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    if out.is_empty() {
        return Err(Failure::Input(
            "no PDF reports were given (or the folders hold none)".into(),
        ));
    }
    Ok(out)
}
