//! `ita-report import`: a report typed in Word, a spreadsheet or a portal's text export in,
//! a checked dataset out.

use std::io::Read;
use std::path::{Path, PathBuf};

use ita_report_engine::import::{Format, ImportOptions, dataset_json, import};

use super::{Failure, display_name, io_words, is_stdio, open_output, write_output};
use crate::args::{ImportArgs, ImportFormat};

/// The largest file read; a year's report with pictures is a few megabytes.
const MAX_SOURCE_BYTES: u64 = 200 * 1024 * 1024;

fn format_of(args: &ImportArgs) -> Result<Format, Failure> {
    if let Some(from) = args.from {
        return Ok(match from {
            ImportFormat::Docx => Format::Docx,
            ImportFormat::Xlsx => Format::Xlsx,
            ImportFormat::Ods => Format::Ods,
            ImportFormat::Csv => Format::Csv,
            ImportFormat::Txt | ImportFormat::Tsv => Format::Tsv,
        });
    }
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    Format::from_file_name(&name).ok_or_else(|| {
        eprintln!(
            "{}: cannot tell the format from the file name: give --from docx, xlsx, ods, csv or txt \
             (a Word .doc or Excel .xls must first be saved as .docx or .xlsx)",
            display_name(&args.file)
        );
        Failure::Reported(2)
    })
}

fn read_source(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let result = if is_stdio(path) {
        std::io::stdin()
            .take(MAX_SOURCE_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes))
    };
    result.map_err(|e| {
        Failure::Io(format!(
            "{}: cannot read the file: {}",
            display_name(path),
            io_words(&e)
        ))
    })?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        eprintln!(
            "{}: the file is over {} MB, too big to be one report",
            display_name(path),
            MAX_SOURCE_BYTES / 1_048_576
        );
        return Err(Failure::Reported(1));
    }
    Ok(bytes)
}

pub fn run(args: &ImportArgs) -> Result<(), Failure> {
    let file = display_name(&args.file);
    let format = format_of(args)?;
    let output: PathBuf = match &args.output {
        Some(path) => path.clone(),
        None if is_stdio(&args.file) => "-".into(),
        None => args.file.with_extension("json"),
    };
    let opened = open_output(&output, &[&args.file], "dataset")?;
    // An existing dataset may hold edits: replaced only with --force (a pipe is written into).
    let existing = !is_stdio(&output) && std::fs::metadata(&output).is_ok_and(|m| m.is_file());
    if existing && !args.force {
        return Err(Failure::Io(format!(
            "{}: the dataset already exists and was left as it is (it may hold your edits): \
             give --force to replace it, or choose another -o",
            output.display()
        )));
    }
    let bytes = read_source(&args.file)?;
    let options = ImportOptions {
        org: args.org.clone(),
        year: args.year,
        join_broken_words: args.join_broken_words,
        sheet: args.sheet.clone(),
    };
    let imported = match import(bytes, format, &options) {
        Ok(imported) => imported,
        Err(failed) => {
            for warning in &failed.warnings {
                eprintln!("{file}: {}", said(warning));
            }
            if crate::lang::thai() {
                eprintln!("{file}: นำเข้าไม่ได้: {}", failed.error.thai());
            } else {
                eprintln!("{file}: not imported: {}", failed.error);
            }
            return Err(Failure::Reported(1));
        }
    };
    for warning in &imported.warnings {
        eprintln!("{file}: {}", said(warning));
    }
    // The same checks as `ita-report check`, before anything is written.
    let json = dataset_json(&imported.dataset).map_err(|error| Failure::Dataset {
        file: format!("{} (imported from {file})", display_name(&output)),
        error,
    })?;
    write_output(opened, &output, json.as_bytes(), "dataset")?;
    let n = imported.dataset.measures.len();
    let w = imported.warnings.len();
    let mut summary = format!(
        "{}: {n} measure{} imported from {file}",
        display_name(&output),
        if n == 1 { "" } else { "s" }
    );
    if args.join_broken_words {
        summary.push_str(&format!(
            "; {} broken word(s) joined",
            imported.joined_words
        ));
    }
    if w > 0 {
        summary.push_str(&format!(
            "; {w} warning{} above: check those places",
            if w == 1 { "" } else { "s" }
        ));
    }
    eprintln!("{summary}");
    Ok(())
}

/// A warning in the language chosen (`--lang`).
fn said(warning: &ita_report_engine::import::Warning) -> String {
    if crate::lang::thai() {
        warning.thai()
    } else {
        warning.to_string()
    }
}
