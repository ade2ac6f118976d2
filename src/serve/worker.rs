//! Renders run in worker processes: `ita-report render-worker`, the same binary, taking one
//! request at a time on standard input and answering on standard output. Typst has no way to
//! stop a compile from outside, and a thread cannot be stopped either; a process can be killed.
//! So the server's time limit really ends a render: the worker is killed, the operating system
//! takes its memory back, and the slot is free again. A worker that finished in time is kept
//! for the next request (its Typst cache makes an edited report quick to re-render).
//!
//! A message is `u32` (little-endian) length + JSON head, then `u64` length + body.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use ita_report_engine::dataset::normalise::DigitStyle;
use ita_report_engine::thai::dates::DateStyle;
use ita_report_engine::typeset::RenderOptions;
use ita_report_engine::typeset::choices::RenderChoices;

/// The largest head of a message (a few render choices, a few headers).
const MAX_HEAD: u32 = 1 << 20;
/// The largest body of a message (a dataset in, a PDF or the preview's pages out).
const MAX_BODY: u64 = 1 << 30;

/// What a worker makes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkKind {
    /// `POST /api/render`: the PDF.
    Pdf,
    /// `POST /api/preview`: the pages as SVG.
    Preview,
}

#[derive(Serialize, Deserialize)]
struct RequestHead {
    kind: WorkKind,
    /// Every render option by name ([`choices_of`]).
    choices: Value,
}

/// A whole HTTP answer, made in the worker and sent as it is.
#[derive(Debug, Serialize, Deserialize)]
pub struct WorkAnswer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    #[serde(skip)]
    pub body: Vec<u8>,
}

/// The request for a worker: its head and body bytes.
pub fn request(kind: WorkKind, options: &RenderOptions) -> Vec<u8> {
    serde_json::to_vec(&RequestHead {
        kind,
        choices: choices_of(options),
    })
    .unwrap_or_default()
}

/// Render options by name, as [`RenderChoices`] reads them back (every option given).
pub fn choices_of(options: &RenderOptions) -> Value {
    let standards: Vec<String> = options
        .standards
        .iter()
        .filter_map(|s| serde_json::to_value(s).ok())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let digits = DigitStyle::NAMES
        .iter()
        .find(|(_, style)| *style == options.normalise.digits)
        .map_or("as-written", |(name, _)| name);
    json!({
        "pdf_standard": standards.join(","),
        "digits": digits,
        "date_style": match options.normalise.date_style {
            DateStyle::Short => "short",
            DateStyle::Full => "full",
        },
        "font_size": options.normalise.font_size,
        "justify": options.normalise.justify,
        "line_breaks": if options.normalise.dictionary_breaks { "dictionary" } else { "typst" },
        "attach": options.attach,
    })
}

/// The worker process: answers requests until standard input ends.
pub fn run() -> io::Result<()> {
    let mut input = io::stdin().lock();
    let mut output = io::stdout().lock();
    while let Some((head, body)) = read_message(&mut input)? {
        let answer = match serde_json::from_slice::<RequestHead>(&head) {
            Ok(request) => {
                let options = serde_json::from_value::<RenderChoices>(request.choices)
                    .map_err(|e| e.to_string())
                    .and_then(|choices| choices.apply(&RenderOptions::default()));
                match options {
                    Ok(options) => super::api::work(request.kind, &options, &body),
                    Err(why) => super::api::internal_error(&why),
                }
            }
            Err(e) => super::api::internal_error(&e.to_string()),
        };
        // Typst's memo cache: keep what recent renders used, so memory stays flat while an
        // edit of the same report still reuses most of the last compile.
        ita_report_engine::typeset::evict_caches(10);
        let head = serde_json::to_vec(&answer).map_err(io::Error::other)?;
        write_message(&mut output, &head, &answer.body)?;
    }
    Ok(())
}

fn read_message(input: &mut impl Read) -> io::Result<Option<(Vec<u8>, Vec<u8>)>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let head = read_exact(input, u64::from(u32::from_le_bytes(len)), MAX_HEAD.into())?;
    let mut len = [0u8; 8];
    input.read_exact(&mut len)?;
    let body = read_exact(input, u64::from_le_bytes(len), MAX_BODY)?;
    Ok(Some((head, body)))
}

fn read_exact(input: &mut impl Read, len: u64, max: u64) -> io::Result<Vec<u8>> {
    if len > max {
        return Err(io::Error::other("message too large"));
    }
    let mut bytes = vec![0u8; len as usize];
    input.read_exact(&mut bytes)?;
    Ok(bytes)
}

fn write_message(output: &mut impl Write, head: &[u8], body: &[u8]) -> io::Result<()> {
    output.write_all(&(head.len() as u32).to_le_bytes())?;
    output.write_all(head)?;
    output.write_all(&(body.len() as u64).to_le_bytes())?;
    output.write_all(body)?;
    output.flush()
}

/// A running worker process; killed when dropped (unless given back to the pool).
pub struct Worker {
    child: tokio::process::Child,
    stdin: tokio::process::ChildStdin,
    stdout: tokio::io::BufReader<tokio::process::ChildStdout>,
}

impl Worker {
    /// Starts `ita-report render-worker` (this program).
    pub fn spawn() -> io::Result<Worker> {
        let exe = std::env::current_exe()?;
        let mut child = tokio::process::Command::new(exe)
            .arg("render-worker")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(io::Error::other("the worker's pipes are missing"));
        };
        Ok(Worker {
            child,
            stdin,
            stdout: tokio::io::BufReader::new(stdout),
        })
    }

    /// Sends one request and reads the answer.
    pub async fn ask(&mut self, head: &[u8], body: &[u8]) -> io::Result<WorkAnswer> {
        self.stdin
            .write_all(&(head.len() as u32).to_le_bytes())
            .await?;
        self.stdin.write_all(head).await?;
        self.stdin
            .write_all(&(body.len() as u64).to_le_bytes())
            .await?;
        self.stdin.write_all(body).await?;
        self.stdin.flush().await?;
        let len = self.stdout.read_u32_le().await?;
        if len > MAX_HEAD {
            return Err(io::Error::other("message too large"));
        }
        let mut head = vec![0u8; len as usize];
        self.stdout.read_exact(&mut head).await?;
        let len = self.stdout.read_u64_le().await?;
        if len > MAX_BODY {
            return Err(io::Error::other("message too large"));
        }
        let mut body = vec![0u8; len as usize];
        self.stdout.read_exact(&mut body).await?;
        let mut answer: WorkAnswer = serde_json::from_slice(&head).map_err(io::Error::other)?;
        answer.body = body;
        Ok(answer)
    }

    /// Ends the process now and waits until it is gone (its memory returned).
    pub async fn kill(mut self) {
        let _ = self.child.kill().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_carry_every_option() {
        let asked: RenderChoices = serde_json::from_value(json!({
            "pdf_standard": "a-2b,ua-1", "digits": "thai", "date_style": "full",
            "font_size": 15.0, "justify": false, "line_breaks": "typst", "attach": false
        }))
        .unwrap();
        let defaults = RenderOptions::default();
        for options in [asked.apply(&defaults).unwrap(), defaults.clone()] {
            let back: RenderChoices = serde_json::from_value(choices_of(&options)).unwrap();
            let again = back.apply(&RenderOptions::default()).unwrap();
            assert_eq!(format!("{again:?}"), format!("{options:?}"));
        }
        let plain = RenderOptions {
            standards: vec![],
            ..defaults
        };
        let back: RenderChoices = serde_json::from_value(choices_of(&plain)).unwrap();
        assert!(
            back.apply(&RenderOptions::default())
                .unwrap()
                .standards
                .is_empty()
        );
    }

    #[test]
    fn messages_round_trip() {
        let mut bytes = Vec::new();
        write_message(&mut bytes, b"{\"a\":1}", b"body").unwrap();
        let mut reader = bytes.as_slice();
        let (head, body) = read_message(&mut reader).unwrap().unwrap();
        assert_eq!(
            (head.as_slice(), body.as_slice()),
            (&b"{\"a\":1}"[..], &b"body"[..])
        );
        assert!(read_message(&mut reader).unwrap().is_none());
    }
}
