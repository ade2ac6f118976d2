//! One file per subcommand; each reads its arguments and calls the library.

pub mod check;
pub mod collect;
pub mod extract;
pub mod import;
pub mod info;
pub mod init;
pub mod render;
pub mod schema;
pub mod serve;

use std::fmt;
use std::path::{Path, PathBuf};

use ita_report_engine::dataset::{InvalidDataset, MAX_DATASET_BYTES};
use ita_report_engine::readback::{ReadReport, ReadbackError, read_report as read_report_bytes};
use ita_report_engine::thai::digits::th;
use ita_report_engine::typeset::RenderError;

use crate::output::{Output, Refusal};

/// Why a command failed, which decides the exit status.
#[derive(Debug)]
pub enum Failure {
    /// The dataset is invalid (exit 1).
    Dataset { file: String, error: InvalidDataset },
    /// Reading, writing or rendering failed (exit 3).
    Io(String),
    /// The layout failed to compile or the PDF could not be made (exit 3).
    Render { file: String, error: RenderError },
    /// An input file is not what the command needs, e.g. a PDF without a dataset (exit 1).
    Input(String),
    /// The command line asks for something that cannot be done, e.g. `-o` names the input
    /// (exit 2).
    Usage(String),
    /// Already reported on the way (by `check`); only the exit status is left.
    Reported(u8),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Dataset { .. } | Failure::Input(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Io(_) | Failure::Render { .. } => 3,
            Failure::Reported(code) => *code,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Dataset { file, error } => {
                let thai = crate::lang::thai();
                let n = error.problems.len();
                if thai {
                    writeln!(f, "{file}: ข้อมูลรายงานมีปัญหา {} ข้อ:", th(n))?;
                } else {
                    let s = if n == 1 { "" } else { "s" };
                    writeln!(f, "{file}: the dataset has {n} problem{s}:")?;
                }
                for problem in &error.problems {
                    let sep = if problem.position.is_some() {
                        ":"
                    } else {
                        ": "
                    };
                    writeln!(f, "{file}{sep}{}", problem.said(thai))?;
                }
                if error.truncated {
                    if thai {
                        writeln!(f, "(แสดงเฉพาะ {} ปัญหาแรก)", th(n))?;
                    } else {
                        writeln!(f, "(only the first {n} problems are listed)")?;
                    }
                }
                Ok(())
            }
            Failure::Io(message) | Failure::Input(message) | Failure::Usage(message) => {
                writeln!(f, "{message}")
            }
            Failure::Reported(_) => Ok(()),
            Failure::Render { file, error } => {
                if crate::lang::thai() {
                    writeln!(f, "{file}: สร้างรายงานไม่สำเร็จ:")?;
                } else {
                    writeln!(f, "{file}: the report could not be rendered:")?;
                }
                writeln!(f, "{error}")
            }
        }
    }
}

/// Reads a dataset file (or standard input for `-`), refusing files too big to be one.
pub fn read_dataset(path: &Path) -> Result<Vec<u8>, Failure> {
    read_at_most(path, MAX_DATASET_BYTES as u64 + 1, "the dataset")
}

/// The largest PDF report read back (`extract`, `info`).
const MAX_REPORT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a file that should be a report (or standard input for `-`).
pub fn read_limited(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    let bytes = read_at_most(path, MAX_REPORT_BYTES + 1, what)?;
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(Failure::Input(format!(
            "{}: {what} is larger than 256 MB",
            display_name(path)
        )));
    }
    Ok(bytes)
}

/// Reads a report file and the dataset attached to it, checked like any dataset.
pub fn read_report(path: &Path) -> Result<ReadReport, Failure> {
    let file = display_name(path);
    let bytes = read_limited(path, "the report")?;
    read_report_bytes(&bytes).map_err(|e| match e {
        ReadbackError::Pdf(e) if crate::lang::thai() => {
            Failure::Input(format!("{file}: {}", e.thai()))
        }
        ReadbackError::Pdf(e) => Failure::Input(format!("{file}: {e}")),
        ReadbackError::Dataset(error) => Failure::Dataset {
            file: format!("{file} (attached dataset.json)"),
            error,
        },
    })
}

/// Reads at most `limit` bytes of a file or of standard input.
fn read_at_most(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let result = if is_stdio(path) {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| {
        if crate::lang::thai() {
            return Failure::Io(format!(
                "{}: อ่านไฟล์ไม่ได้: {}",
                display_name(path),
                io_words(&e)
            ));
        }
        Failure::Io(format!(
            "{}: cannot read {what}: {}",
            display_name(path),
            io_words(&e)
        ))
    })?;
    Ok(bytes)
}

/// `-` stands for standard input or output.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

pub fn display_name(path: &Path) -> String {
    if is_stdio(path) {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// An I/O error in plain words.
pub fn io_words(error: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if crate::lang::thai() {
        let words = match error.kind() {
            NotFound => "ไม่พบไฟล์หรือโฟลเดอร์นี้ (ตรวจชื่อและที่อยู่ของไฟล์)",
            PermissionDenied => "ไม่มีสิทธิ์ (ตรวจว่าโฟลเดอร์นี้เขียนได้)",
            ReadOnlyFilesystem => "โฟลเดอร์นี้อยู่บนดิสก์ที่เขียนไม่ได้",
            IsADirectory => "เป็นโฟลเดอร์ ไม่ใช่ไฟล์",
            StorageFull => "ดิสก์เต็ม",
            _ => return format!("อ่านหรือเขียนไม่ได้ ({error})"),
        };
        return words.into();
    }
    match error.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied (check that the folder is writable)".into(),
        ReadOnlyFilesystem => "the folder is on a read-only disk".into(),
        IsADirectory => "it is a folder, not a file".into(),
        StorageFull => "the disk is full".into(),
        _ => error.to_string(),
    }
}

/// The default output of `render`: the dataset's path with `.pdf`.
pub fn default_output(dataset: &Path) -> PathBuf {
    dataset.with_extension("pdf")
}

/// Opens where `what` goes (`-o`), before any work: refuses one of the `inputs` (the same file
/// by any name), a folder or a disk, and a folder that cannot take the file.
pub fn open_output(output: &Path, inputs: &[&Path], what: &str) -> Result<Output, Failure> {
    Output::open(output, inputs).map_err(|refusal| match refusal {
        Refusal::IsInput(input) => Failure::Usage(format!(
            "{}: this is the file being read ({}); writing the {what} there would destroy it: \
             choose another name with -o",
            output.display(),
            display_name(&input)
        )),
        Refusal::NotAFile(what_it_is) => Failure::Usage(format!(
            "{}: cannot write the {what} there: {what_it_is}; give a file name with -o",
            output.display()
        )),
        Refusal::Folder(e) if e.kind() == std::io::ErrorKind::NotFound => {
            match check_output_folder(output, what) {
                Err(failure) => failure,
                Ok(()) => Failure::Io(format!(
                    "{}: cannot write the {what}: {}",
                    output.display(),
                    io_words(&e)
                )),
            }
        }
        Refusal::Folder(e) => Failure::Io(format!(
            "{}: cannot write the {what}: {}",
            output.display(),
            io_words(&e)
        )),
    })
}

/// Writes the whole of `bytes` to an opened output.
pub fn write_output(output: Output, path: &Path, bytes: &[u8], what: &str) -> Result<(), Failure> {
    output.write(bytes).map_err(|e| {
        let place = if is_stdio(path) {
            "standard output".to_owned()
        } else {
            path.display().to_string()
        };
        Failure::Io(format!(
            "{place}: cannot write the {what}: {}",
            io_words(&e)
        ))
    })
}

/// Fails early, before any work, when the output's folder cannot take the file.
pub fn check_output_folder(output: &Path, what: &str) -> Result<(), Failure> {
    let folder = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match std::fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Failure::Io(format!(
            "{}: cannot write the {what}: {} is a file, not a folder",
            output.display(),
            folder.display()
        ))),
        Err(_) => Err(Failure::Io(format!(
            "{}: cannot write the {what}: the folder {} does not exist (create it first, or choose another -o)",
            output.display(),
            folder.display()
        ))),
    }
}

/// The render options the arguments ask for.
pub fn render_options(args: &crate::args::OutputArgs) -> ita_report_engine::typeset::RenderOptions {
    use crate::args::{DateStyleArg, DigitsArg};
    use ita_report_engine::dataset::normalise::{DigitStyle, Document, NormaliseOptions};
    use ita_report_engine::thai::dates::DateStyle;
    let defaults = ita_report_engine::typeset::RenderOptions::default();
    ita_report_engine::typeset::RenderOptions {
        normalise: NormaliseOptions {
            date_style: match args.date_style {
                DateStyleArg::Short => DateStyle::Short,
                DateStyleArg::Full => DateStyle::Full,
            },
            digits: match args.digits {
                DigitsArg::AsWritten => DigitStyle::AsWritten,
                DigitsArg::Thai => DigitStyle::Thai,
                DigitsArg::Arabic => DigitStyle::Arabic,
            },
            font_size: args.font_size,
            justify: !args.no_justify,
            dictionary_breaks: args.line_breaks == crate::args::LineBreaksArg::Dictionary,
            document: match args.document {
                crate::args::DocumentArg::Report => Document::Report,
                crate::args::DocumentArg::Plan => Document::Plan,
            },
        },
        standards: if args.pdf_standards.is_empty() {
            defaults.standards
        } else {
            args.pdf_standards.clone()
        },
        attach: !args.no_attach,
        ..defaults
    }
}

/// The files with extension `ext` in `folder`, sorted by name.
pub fn files_in(folder: &Path, ext: &str) -> Result<Vec<PathBuf>, Failure> {
    let entries = std::fs::read_dir(folder).map_err(|e| {
        Failure::Io(format!(
            "{}: cannot read the folder: {}",
            folder.display(),
            io_words(&e)
        ))
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext)))
        .collect();
    found.sort();
    Ok(found)
}
