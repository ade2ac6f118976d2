//! `ita-report check`: validates datasets without rendering them.

use serde::Serialize;

use ita_report_engine::dataset::load;
use ita_report_engine::dataset::report::{ProblemReport, problem_reports};

use super::{Failure, display_name, read_dataset};
use crate::args::{CheckArgs, CheckFormat};

/// One file's verdict, as `--format json` prints it.
#[derive(Serialize)]
struct FileReport {
    file: String,
    ok: bool,
    /// Set when the file could not be read at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    problems: Vec<ProblemReport>,
    truncated: bool,
}

impl FileReport {
    fn new(file: String, verdict: &Result<(), Failure>) -> FileReport {
        let mut report = FileReport {
            file,
            ok: verdict.is_ok(),
            error: None,
            problems: vec![],
            truncated: false,
        };
        match verdict {
            Ok(()) => {}
            Err(Failure::Dataset { error, .. }) => {
                report.problems = problem_reports(error);
                report.truncated = error.truncated;
            }
            Err(other) => report.error = Some(other.to_string().trim_end().to_owned()),
        }
        report
    }
}

/// Checks one file.
fn check(path: &std::path::Path) -> Result<(), Failure> {
    let bytes = read_dataset(path)?;
    load(&bytes).map(|_| ()).map_err(|error| Failure::Dataset {
        file: display_name(path),
        error,
    })
}

pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    let mut worst = 0u8;
    let mut reports = Vec::with_capacity(args.datasets.len());
    for path in &args.datasets {
        let verdict = check(path);
        if let Err(failure) = &verdict {
            worst = worst.max(failure.exit_code());
        }
        match args.format {
            CheckFormat::Text => match &verdict {
                Ok(()) => println!("{}: ok", display_name(path)),
                Err(failure) => print!("{failure}"),
            },
            CheckFormat::Json => reports.push(FileReport::new(display_name(path), &verdict)),
        }
    }
    if args.format == CheckFormat::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&reports).unwrap_or_default()
        );
    }
    if worst == 0 {
        Ok(())
    } else {
        Err(Failure::Reported(worst))
    }
}
