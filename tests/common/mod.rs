//! Helpers shared by the integration tests: run the real binary, read PDFs with real readers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The program, speaking English whatever this machine's locale (a Thai locale makes it
/// speak Thai: tests/errors.rs sets one on purpose).
pub fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ita-report"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
}

pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs ita-report with `args`, optionally feeding `stdin`.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = bin();
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(bytes) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(bytes).expect("stdin takes the dataset");
    }
    child.wait_with_output().expect("the binary finishes")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `command INPUT -o OUT EXTRA…`, asserting success; what the tool said on stderr.
pub fn run_ok(command: &str, input: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        command,
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = run(&args, None);
    assert!(
        output.status.success(),
        "{command} failed: {}",
        stderr(&output)
    );
    stderr(&output)
}

/// Renders `dataset` to `out`, asserting success; what the tool said on stderr.
pub fn render_ok(dataset: &Path, out: &Path, extra: &[&str]) -> String {
    run_ok("render", dataset, out, extra)
}

/// Output of a reader tool, asserting it ran.
pub fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for the tests (apt-get install poppler-utils qpdf): {e}")
    });
    assert!(
        output.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("readers print UTF-8")
}

/// The text of a PDF in content-stream order (`pdftotext -raw`).
pub fn pdftotext_raw(pdf: &Path) -> String {
    tool(
        "pdftotext",
        &["-raw", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    )
}

/// Text without any white space, for comparing across line breaks.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Arabic to Thai digits, written independently of the crate under test.
pub fn thai_digits(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x0E50 + c.to_digit(10).unwrap()).unwrap())
        .collect()
}

/// The text a RICH value should show, as a list of pieces in reading order.
pub fn rich_pieces(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| rich_pieces(v, out)),
        Value::Object(map) => {
            let style = map
                .get("style")
                .and_then(Value::as_str)
                .unwrap_or("numbered");
            for (i, item) in map["list"].as_array().unwrap().iter().enumerate() {
                match style {
                    "numbered" => out.push(format!("{}.", thai_digits(i + 1))),
                    "dash" => out.push("-".into()),
                    "bullet" => out.push("•".into()),
                    _ => {}
                }
                rich_pieces(item, out);
            }
        }
        other => panic!("not rich text: {other}"),
    }
}

/// Every table cell of a dataset as the text it should show, row by row, in column order.
/// `period` is given for date ranges, as the test expects it written.
pub fn expected_cells(dataset: &Value, period_text: impl Fn(&Value) -> String) -> Vec<String> {
    let mut cells = Vec::new();
    for (i, m) in dataset["measures"].as_array().unwrap().iter().enumerate() {
        for key in [
            "measure",
            "method",
            "responsible",
            "period",
            "result",
            "outcome",
        ] {
            let mut pieces = Vec::new();
            if key == "measure" {
                pieces.push(format!("{}.", thai_digits(i + 1)));
            }
            if key == "period" && m[key].get("start").is_some() {
                pieces.push(period_text(&m[key]));
            } else {
                rich_pieces(&m[key], &mut pieces);
            }
            cells.push(squash(&pieces.concat()));
        }
    }
    cells
}

pub mod raster;
pub mod readers;
pub mod table;

pub use table::check_cells_in_place;
pub mod thai_breaks;
