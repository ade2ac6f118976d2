//! `ita-report serve`: the real binary on a free loopback port, driven over HTTP (and, for the
//! editor, by headless Chromium through tests/browser/editor.mjs).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn sample() -> Vec<u8> {
    std::fs::read(repo("samples/sawang-2567.json")).expect("the sample is there")
}

/// A running `ita-report serve`, stopped when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) base: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    pub(crate) fn start(args: &[&str]) -> Server {
        Server::start_with(args, &[])
    }

    /// Started with `env` added to its environment (e.g. ITA_REPORT_HOLD_SLOTS: while the
    /// file it names exists, work in a render slot waits, after writing `<file>.held`).
    pub(crate) fn start_with(args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Server {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let log = dir.path().join("serve.log");
        let mut command = Command::new(env!("CARGO_BIN_EXE_ita-report"));
        let mut child = command
            .args(["serve", "--port", "0"])
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("a log file"))
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its address");
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        Server {
            child,
            base,
            log,
            _dir: dir,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub(crate) fn addr(&self) -> String {
        self.base.trim_start_matches("http://").to_owned()
    }

    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

struct Answer {
    status: u16,
    content_type: String,
    retry_after: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = result.expect("the server answers");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type").unwrap_or_default();
    let retry_after = header("retry-after");
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .expect("the body is read");
    Answer {
        status,
        content_type,
        retry_after,
        body,
    }
}

fn get(url: &str) -> Answer {
    answer(agent().get(url).call())
}

fn post(url: &str, body: &[u8]) -> Answer {
    answer(
        agent()
            .post(url)
            .header("Content-Type", "application/json")
            .send(body),
    )
}

fn post_typed(url: &str, content_type: &str, body: &[u8]) -> Answer {
    answer(
        agent()
            .post(url)
            .header("Content-Type", content_type)
            .send(body),
    )
}

#[test]
fn files_are_imported_and_read_back_as_the_cli_does() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let docx = repo("tests/fixtures/import/report.docx");
    let bytes = std::fs::read(&docx).expect("the fixture");

    // A Word file, by its name: the dataset `ita-report import` writes.
    let url = server
        .url("/api/import?file_name=%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99.docx");
    let imported = post_typed(&url, "application/octet-stream", &bytes);
    assert_eq!(
        imported.status,
        200,
        "{}",
        String::from_utf8_lossy(&imported.body)
    );
    let cli_json = dir.path().join("cli.json");
    let out = Command::new(env!("CARGO_BIN_EXE_ita-report"))
        .args([
            "import",
            docx.to_str().unwrap(),
            "-o",
            cli_json.to_str().unwrap(),
        ])
        .output()
        .expect("the binary runs");
    assert!(out.status.success());
    let cli = std::fs::read_to_string(&cli_json).expect("imported");
    assert_eq!(imported.json()["dataset"].as_str(), Some(cli.as_str()));
    // Not a format we read, or sent as a form could send it: refused with the reason.
    let unknown = post_typed(
        &server.url("/api/import?file_name=report.doc"),
        "application/octet-stream",
        &bytes,
    );
    assert_eq!(unknown.status, 422);
    assert!(unknown.json()["error"].as_str().unwrap().contains(".docx"));
    assert_eq!(post_typed(&url, "text/plain", &bytes).status, 415);

    // A workbook with the measure table but no organisation above it: the reason, in Thai
    // too, and the editor imports again with the name the clerk gives.
    let merged = std::fs::read(repo("tests/fixtures/import/merged.xlsx")).unwrap();
    let no_org = post_typed(
        &server.url("/api/import?file_name=merged.xlsx"),
        "application/octet-stream",
        &merged,
    );
    assert_eq!(no_org.status, 422);
    let answer = no_org.json();
    assert_eq!(answer["reason"], "no-organization", "{answer}");
    assert!(
        answer["error_th"]
            .as_str()
            .unwrap()
            .contains("ไม่พบชื่อหน่วยงาน")
    );
    assert!(
        answer["warnings_th"][0]
            .as_str()
            .unwrap()
            .contains("แผ่นงาน \"ITA\", แถว ๓"),
        "{answer}"
    );
    let with_org = post_typed(
        &server.url("/api/import?file_name=merged.xlsx&org=%E0%B8%AD%E0%B8%9A%E0%B8%95.%E0%B8%97%E0%B8%94%E0%B8%AA%E0%B8%AD%E0%B8%9A&year=2567"),
        "application/octet-stream",
        &merged,
    );
    assert_eq!(
        with_org.status,
        200,
        "{}",
        String::from_utf8_lossy(&with_org.body)
    );
    let dataset: Value =
        serde_json::from_str(with_org.json()["dataset"].as_str().unwrap()).unwrap();
    assert_eq!(dataset["organization"]["name"], "อบต.ทดสอบ");
    assert_eq!(
        with_org.json()["warnings_th"].as_array().unwrap().len(),
        with_org.json()["warnings"].as_array().unwrap().len()
    );

    // A report made by ita-report: the dataset it carries; anything else: 422.
    let pdf = post(&server.url("/api/render"), &sample()).body;
    let extracted = post_typed(&server.url("/api/extract"), "application/pdf", &pdf);
    assert_eq!(extracted.status, 200);
    assert_eq!(
        extracted.json()["organization"],
        serde_json::from_slice::<Value>(&sample()).unwrap()["organization"]
    );
    let not_a_pdf = post_typed(&server.url("/api/extract"), "application/pdf", &bytes);
    assert_eq!(not_a_pdf.status, 422);
    assert!(
        not_a_pdf.json()["error_th"]
            .as_str()
            .is_some_and(|m| m.contains("ไม่ใช่ไฟล์ PDF")),
        "{}",
        not_a_pdf.json()
    );
}

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).expect("the PDF is written");
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A dataset with problems of several kinds, and what `ita-report check --format json` says.
fn invalid_dataset() -> (Vec<u8>, Value) {
    let text = "{\n  \"organization\": {\"name\": \"อบต.ทดสอบ\", \"provnce\": \"x\"},\n  \"fiscal_year\": 1,\n  \"measures\": []\n}\n";
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, text).expect("written");
    let out = Command::new(env!("CARGO_BIN_EXE_ita-report"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .expect("check runs");
    let reports: Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    (text.as_bytes().to_vec(), reports[0]["problems"].clone())
}

#[test]
fn health_schema_render_check_and_preview() {
    let server = Server::start(&[]);

    let health = get(&server.url("/healthz"));
    assert_eq!((health.status, health.body.as_slice()), (200, &b"ok\n"[..]));

    let schema = get(&server.url("/api/schema"));
    assert_eq!(schema.status, 200);
    assert_eq!(
        schema.json(),
        ita_report_engine::dataset::schema::dataset_schema(),
        "the same schema as `ita-report schema`"
    );

    let pdf = post(&server.url("/api/render"), &sample());
    assert_eq!(pdf.status, 200, "{}", String::from_utf8_lossy(&pdf.body));
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF-"));
    let text = squeeze(&pdf_text(&pdf.body));
    assert!(text.contains("องค์การบริหารส่วนตำบลสว่าง"), "{text}");
    assert!(text.contains("๒๕๖๗"), "Thai digits by default");

    let plain = post(
        &server.url("/api/render?pdf_standard=1.7&digits=arabic"),
        &sample(),
    );
    assert_eq!(plain.status, 200);
    let text = squeeze(&pdf_text(&plain.body));
    assert!(text.contains("2567") && !text.contains("๒๕๖๗"), "{text}");
    assert!(
        !String::from_utf8_lossy(&plain.body).contains("pdfaid:part"),
        "pdf_standard=1.7 is plain PDF, not PDF/A"
    );

    let bad_query = post(&server.url("/api/render?digits=roman"), &sample());
    assert_eq!(bad_query.status, 400);
    assert!(
        bad_query.json()["error"]
            .as_str()
            .unwrap_or("")
            .contains("digits")
    );
    let bad_standard = post(&server.url("/api/render?pdf_standard=a-9z"), &sample());
    assert_eq!(bad_standard.status, 400);

    let ok = post(&server.url("/api/check"), &sample());
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["ok"], Value::Bool(true));

    let (invalid, cli_problems) = invalid_dataset();
    assert!(
        cli_problems.as_array().is_some_and(|p| p.len() >= 3),
        "{cli_problems}"
    );
    let checked = post(&server.url("/api/check"), &invalid);
    assert_eq!(checked.status, 200);
    assert_eq!(checked.json()["ok"], Value::Bool(false));
    assert_eq!(
        checked.json()["problems"],
        cli_problems,
        "as `check --format json`"
    );

    let refused = post(&server.url("/api/render"), &invalid);
    assert_eq!(refused.status, 422);
    assert_eq!(refused.content_type, "application/json");
    let body = refused.json();
    assert_eq!(body["problems"], cli_problems, "as `check --format json`");
    assert!(body["error"].as_str().unwrap_or("").contains("problem"));
    let fiscal = body["problems"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["path"] == "fiscal_year"))
        .expect("the fiscal year's problem");
    assert_eq!(
        (fiscal["line"].as_u64(), fiscal["column"].as_u64()),
        (Some(3), Some(18))
    );

    let not_json = post(&server.url("/api/render"), b"{\"organization\": ");
    assert_eq!(not_json.status, 422);

    let preview = post(&server.url("/api/preview"), &sample());
    assert_eq!(preview.status, 200);
    let pages = preview.json()["pages"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!pages.is_empty());
    assert!(
        pages
            .iter()
            .all(|p| p.as_str().is_some_and(|s| s.starts_with("<svg")))
    );
    // Where each measure's row starts, for the editor to follow: page and height on it.
    let places = preview.json()["measures"].as_array().cloned().unwrap();
    assert_eq!(places.len(), 4);
    let pages_of: Vec<u64> = places.iter().map(|p| p["page"].as_u64().unwrap()).collect();
    assert_eq!(pages_of, [1, 3, 5, 6]);
    assert!(
        places
            .iter()
            .all(|p| (0.0..=1.0).contains(&p["top"].as_f64().unwrap()))
    );

    // A typed date, read by the engine.
    let date = post(&server.url("/api/date"), "\"1/10/2567\"".as_bytes());
    assert_eq!(date.status, 200);
    assert_eq!(
        date.json(),
        json!({"iso": "2024-10-01", "text": "๑ ต.ค. ๒๕๖๗", "problem": null})
    );
    let typo = post(&server.url("/api/date"), "\"1 ต.ค.\"".as_bytes());
    assert!(
        typo.json()["problem"]["message_th"]
            .as_str()
            .is_some_and(|m| m.contains("ปี"))
    );

    let missing = get(&server.url("/api/nothing"));
    assert_eq!(missing.status, 404);
    assert!(missing.json()["error"].is_string());

    // No request reaches the file system: without a dataset file there is nothing to save.
    let save = post(&server.url("/api/save"), &sample());
    assert_eq!(save.status, 404);

    let log = server.log();
    assert!(
        log.contains("POST /api/render 422"),
        "one line per request: {log}"
    );
    assert!(log.contains("GET /healthz 200"), "{log}");
}

#[test]
fn oversize_bodies_get_413() {
    let server = Server::start(&[]);
    // Announced as too large: refused before the body is read.
    let mut stream = TcpStream::connect(server.addr()).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout set");
    write!(
        stream,
        "POST /api/render HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{",
        9 * 1024 * 1024
    )
    .expect("headers sent");
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).expect("an answer");
    assert_eq!(&head, b"HTTP/1.1 413");

    // Sent without a length (chunked): cut at the limit while reading.
    let mut stream = TcpStream::connect(server.addr()).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout set");
    let mut writer = stream.try_clone().expect("a second handle");
    let sender = std::thread::spawn(move || {
        let chunk = vec![b' '; 256 * 1024];
        let _ = write!(
            writer,
            "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        );
        for _ in 0..40 {
            // The server may stop reading (and close) once over the limit.
            if write!(writer, "{:x}\r\n", chunk.len()).is_err()
                || writer.write_all(&chunk).is_err()
                || writer.write_all(b"\r\n").is_err()
            {
                return;
            }
        }
        let _ = writer.write_all(b"0\r\n\r\n");
    });
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let _ = sender.join();
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(response.contains("\"error\""), "a JSON error: {response}");

    // Just under the limit is read (and is simply not a dataset).
    let mut big = b"[".to_vec();
    big.extend(std::iter::repeat_n(b' ', 7 * 1024 * 1024));
    big.push(b']');
    let answer = post(&server.url("/api/check"), &big);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["ok"], Value::Bool(false));
}

/// Sends `n` renders at once; the statuses and Retry-After headers.
fn render_at_once(server: &Server, n: usize) -> Vec<(u16, Option<String>, Value)> {
    let barrier = Arc::new(Barrier::new(n));
    let url = server.url("/api/render");
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let barrier = barrier.clone();
            let url = url.clone();
            std::thread::spawn(move || {
                // A different dataset each, so that no render is quick from Typst's cache.
                let mut dataset: Value = serde_json::from_slice(&sample()).expect("JSON");
                dataset["introduction"] = Value::from(format!("บทนำของคำขอที่ {i}"));
                let body = serde_json::to_vec(&dataset).expect("JSON");
                barrier.wait();
                let a = post(&url, &body);
                let json = if a.status == 200 {
                    Value::Null
                } else {
                    a.json()
                };
                (a.status, a.retry_after, json)
            })
        })
        .collect();
    threads
        .into_iter()
        .map(|t| t.join().expect("a request thread"))
        .collect()
}

/// A slot held on purpose: a file that makes work in a slot wait (see `Server::start_with`).
struct Hold {
    file: PathBuf,
    _dir: tempfile::TempDir,
}

impl Hold {
    fn new() -> Hold {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("hold");
        std::fs::write(&file, b"").expect("the hold file");
        Hold { file, _dir: dir }
    }

    /// Sends a render of the sample in the background and returns once it holds its slot.
    fn take_slot(&self, server: &Server) -> std::thread::JoinHandle<u16> {
        let url = server.url("/api/render");
        let request = std::thread::spawn(move || post(&url, &sample()).status);
        let held = self.file.with_extension("held");
        let start = Instant::now();
        while !held.exists() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the held render never got its slot: {}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        request
    }

    fn release(&self) {
        std::fs::remove_file(&self.file).expect("release the slot");
    }
}

#[test]
fn renders_beyond_the_cap_get_503_with_retry_after() {
    // One render at a time, no waiting, and the one slot taken on purpose: every other request
    // that needs a slot is turned away at once with Retry-After.
    let hold = Hold::new();
    let server = Server::start_with(
        &["--max-renders", "1", "--queue-timeout", "0"],
        &[("ITA_REPORT_HOLD_SLOTS", hold.file.as_os_str())],
    );
    let held = hold.take_slot(&server);
    let mut answers = render_at_once(&server, 5);
    for path in ["/api/preview", "/api/check"] {
        let a = post(&server.url(path), &sample());
        answers.push((a.status, a.retry_after.clone(), a.json()));
    }
    for (status, retry_after, body) in &answers {
        assert_eq!(*status, 503, "{answers:?}");
        assert!(
            retry_after
                .as_deref()
                .is_some_and(|s| s.parse::<u64>().is_ok()),
            "{retry_after:?}"
        );
        assert!(
            body["error"].as_str().unwrap_or("").contains("busy"),
            "{body}"
        );
    }
    // The held render ends normally once let go, and the server serves again.
    hold.release();
    assert_eq!(held.join().expect("the held request"), 200);
    assert_eq!(post(&server.url("/api/render"), &sample()).status, 200);
}

#[test]
fn renders_beyond_the_cap_wait_for_a_slot() {
    // One at a time with time to wait: requests queue behind the held render (none can end
    // while it holds the only slot), and every one is served once it is let go.
    let hold = Hold::new();
    let server = Server::start_with(
        &["--max-renders", "1", "--queue-timeout", "60"],
        &[("ITA_REPORT_HOLD_SLOTS", hold.file.as_os_str())],
    );
    let held = hold.take_slot(&server);
    let (sender, receiver) = std::sync::mpsc::channel();
    let url = server.url("/api/render");
    let waiting = std::thread::spawn(move || {
        let answers: Vec<u16> = (0..3)
            .map(|_| {
                let url = url.clone();
                std::thread::spawn(move || post(&url, &sample()).status)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().expect("a request"))
            .collect();
        sender.send(answers).expect("the test waits");
    });
    assert!(
        receiver.recv_timeout(Duration::from_millis(500)).is_err(),
        "a request ended while the only slot was held"
    );
    hold.release();
    assert_eq!(held.join().expect("the held request"), 200);
    let answers = receiver
        .recv_timeout(Duration::from_secs(120))
        .expect("the queued requests end");
    waiting.join().expect("the requests");
    assert_eq!(answers, vec![200; 3]);
}

#[test]
fn sigterm_stops_gracefully() {
    let mut server = Server::start(&[]);
    assert_eq!(get(&server.url("/healthz")).status, 200);
    let pid = server.child.id().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("waits") {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "still running 15 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(server.log().contains("shutting down"), "{}", server.log());
}

#[test]
fn the_editor_opens_and_saves_the_given_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("report.json");
    std::fs::write(&file, sample()).expect("written");
    let server = Server::start(&[file.to_str().expect("a UTF-8 path")]);

    let page = get(&server.url("/"));
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(String::from_utf8_lossy(&page.body).contains("\"app.js\""));
    for asset in ["/app.js", "/engine.js", "/app.css"] {
        assert_eq!(get(&server.url(asset)).status, 200, "{asset}");
    }

    let opened = get(&server.url("/api/dataset")).json();
    assert_eq!(opened["can_save"], Value::Bool(true));
    let mut dataset = opened["dataset"].clone();
    let original: Value = serde_json::from_slice(&sample()).expect("JSON");
    assert_eq!(dataset, original);

    dataset["organization"]["name"] = Value::from("องค์การบริหารส่วนตำบลบันทึก");
    let body = serde_json::to_vec(&dataset).expect("JSON");
    let saved = post(&server.url("/api/save"), &body);
    assert_eq!(
        saved.status,
        200,
        "{}",
        String::from_utf8_lossy(&saved.body)
    );
    assert_eq!(saved.json()["ok"], Value::Bool(true));
    let on_disk: Value =
        serde_json::from_slice(&std::fs::read(&file).expect("the file")).expect("JSON");
    assert_eq!(on_disk, dataset);
    let leftovers = std::fs::read_dir(dir.path()).expect("listed").count();
    assert_eq!(leftovers, 1, "no temporary file is left beside the dataset");

    let not_json = post(&server.url("/api/save"), b"{oops");
    assert_eq!(not_json.status, 422);
    let still: Value =
        serde_json::from_slice(&std::fs::read(&file).expect("the file")).expect("JSON");
    assert_eq!(still, dataset, "a refused save leaves the file alone");
}

/// The editor in real headless Chromium: tests/browser/editor.mjs with playwright-core.
#[test]
fn editor_in_headless_chromium() {
    let browser_dir = repo("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing: Vec<&str> = [
        (
            !browser_dir.join("node_modules/playwright-core").is_dir(),
            "tests/browser/node_modules (run `npm ci --prefix tests/browser`)",
        ),
        (
            !Path::new(&chromium).exists(),
            "Chromium (`apt-get install chromium`, or set CHROMIUM=/path/to/chromium)",
        ),
        (
            Command::new("node").arg("--version").output().is_err(),
            "node (apt-get install nodejs)",
        ),
    ]
    .into_iter()
    .filter_map(|(missing, what)| missing.then_some(what))
    .collect();
    assert!(
        missing.is_empty(),
        "the browser test needs {}; .ci/run installs them",
        missing.join(", ")
    );

    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("edited.json");
    std::fs::write(
        &file,
        std::fs::read(repo("samples/short-example.json")).expect("sample"),
    )
    .expect("written");
    let pdf = dir.path().join("downloaded.pdf");
    let server = Server::start(&[file.to_str().expect("a UTF-8 path")]);
    let out = Command::new("node")
        .arg(browser_dir.join("editor.mjs"))
        .arg(&server.base)
        .arg(&pdf)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{report}");
    assert!(out.status.success(), "the browser test failed:\n{report}");

    let text = squeeze(&pdf_text(
        &std::fs::read(&pdf).expect("the PDF was downloaded"),
    ));
    // The typed words (the line may break after them: the columns fit their content).
    assert!(text.contains("ทดสอบพิมพ์ไทยในตาราง"), "{text}");
    assert!(text.contains("เบราว์เซอร์"), "the added measure: {text}");
    let saved = std::fs::read_to_string(&file).expect("the saved dataset");
    assert!(saved.contains("มาตรการเพิ่มใหม่จากเบราว์เซอร์"), "{saved}");
    assert!(saved.contains("ทดสอบพิมพ์ไทยในตารางกา"));
}
