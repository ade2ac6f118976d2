//! `ita-report extract`: the dataset attached to a rendered report, back as a file.

use std::io::Write;

use crate::output::write_atomic;

use super::{Failure, check_output_folder, io_words, is_stdio};
use crate::args::ExtractArgs;

pub fn run(args: &ExtractArgs) -> Result<(), Failure> {
    let dataset = super::read_report(&args.report)?.dataset_bytes;
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
