//! Hostile input to the command line and the server (issue 16): outputs that must not be
//! replaced, interruptions, formula cells in CSV, cross-site and rebinding requests, idle
//! connections, stops with requests half sent, renders past their time limit.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{bin, repo, stderr};
use crate::serve::Server;

fn short_example(dir: &Path) -> PathBuf {
    let path = dir.join("s.json");
    std::fs::copy(repo("samples/short-example.json"), &path).expect("copied");
    path
}

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Waits until `done` holds, failing after `seconds`.
fn wait_for(seconds: u64, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(seconds),
            "{what}: not within {seconds} s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn partials(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("listed")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".partial"))
        .collect()
}

#[test]
fn output_that_is_the_input_is_refused() {
    let dir = tempfile::tempdir().expect("a folder");
    let dataset = short_example(dir.path());
    let original = std::fs::read(&dataset).expect("read");

    // The same file by its name, and by another name for it.
    for target in ["s.json", "./sub/../s.json"] {
        std::fs::create_dir_all(dir.path().join("sub")).expect("folder");
        let out = run_in(
            dir.path(),
            &["render", "s.json", "-o", target, "--no-attach"],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("this is the file being read"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&dataset).expect("read"), original, "{target}");
    }

    let ok = run_in(dir.path(), &["render", "s.json", "-o", "r.pdf"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let report = std::fs::read(dir.path().join("r.pdf")).expect("the PDF");
    for args in [
        ["extract", "r.pdf", "-o", "r.pdf"],
        ["collect", "r.pdf", "-o", "r.pdf"],
    ] {
        let out = run_in(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("r.pdf: this is the file being read"));
        assert_eq!(
            std::fs::read(dir.path().join("r.pdf")).expect("the PDF"),
            report,
            "{args:?} left the report as it was"
        );
    }
    assert!(partials(dir.path()).is_empty());
}

#[test]
fn a_fifo_is_written_into_not_replaced() {
    let dir = tempfile::tempdir().expect("a folder");
    let dataset = short_example(dir.path());
    let fifo = dir.path().join("pipe.pdf");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read(reader_path).expect("read the pipe"));
    let out = bin()
        .arg("render")
        .arg(&dataset)
        .arg("-o")
        .arg(&fifo)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by a file");
    let bytes = reader.join().expect("the reader");
    assert!(bytes.starts_with(b"%PDF-"), "the PDF went through the pipe");

    // A folder is refused in words, with the usage status.
    let out = run_in(dir.path(), &["render", "s.json", "-o", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("it is a folder"), "{}", stderr(&out));
}

#[test]
fn sigint_and_sigterm_remove_the_partial_file() {
    for signal in ["-INT", "-TERM"] {
        let dir = tempfile::tempdir().expect("a folder");
        let out_pdf = dir.path().join("out.pdf");
        // The output is opened before the dataset is read: with standard input left open,
        // the run waits with its partial file in place, as during a long render.
        let mut child = bin()
            .args(["render", "-", "-o"])
            .arg(&out_pdf)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        wait_for(20, "the partial file appears", || {
            !partials(dir.path()).is_empty()
        });
        let pid = child.id().to_string();
        assert!(
            Command::new("kill")
                .args([signal, &pid])
                .status()
                .expect("kill runs")
                .success()
        );
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("waits") {
                break status;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "still running");
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut message = String::new();
        child
            .stderr
            .take()
            .expect("piped")
            .read_to_string(&mut message)
            .expect("read");
        assert_eq!(status.code(), Some(3), "{signal}: {status:?} {message}");
        assert!(message.contains("interrupted"), "{message}");
        assert!(
            partials(dir.path()).is_empty(),
            "{signal}: {:?}",
            partials(dir.path())
        );
        assert!(!out_pdf.exists());
    }
}

#[test]
fn partial_files_left_by_a_killed_run_are_removed_next_time() {
    let dir = tempfile::tempdir().expect("a folder");
    short_example(dir.path());
    let stale = dir.path().join(".s.pdf.Ab12Cd.partial");
    let fresh = dir.path().join(".s.pdf.Xy34Zw.partial");
    for path in [&stale, &fresh] {
        std::fs::write(path, b"%PDF-half").expect("written");
    }
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(hour_ago))
        .expect("dated");
    let out = run_in(dir.path(), &["render", "s.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stale.exists(), "a partial file an hour old is a leftover");
    assert!(
        fresh.exists(),
        "a fresh one may be another run's, still writing"
    );
}

#[test]
fn collect_csv_writes_formulas_as_text() {
    let dir = tempfile::tempdir().expect("a folder");
    let mut dataset: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo("samples/short-example.json")).expect("read"))
            .expect("JSON");
    let formulas = [
        "=HYPERLINK(\"http://x.example\",\"คลิก\")",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
    ];
    dataset["measures"][0]["measure"] = serde_json::Value::from(formulas[0]);
    dataset["measures"][0]["responsible"] = serde_json::Value::from(formulas[1]);
    dataset["measures"][0]["method"] = serde_json::Value::from(formulas[2]);
    dataset["measures"][0]["result"] = serde_json::Value::from(formulas[3]);
    std::fs::write(
        dir.path().join("f.json"),
        serde_json::to_vec(&dataset).expect("JSON"),
    )
    .expect("written");
    let out = run_in(dir.path(), &["render", "f.json", "-o", "f.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_in(dir.path(), &["collect", "f.pdf", "-o", "table.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read(dir.path().join("table.csv")).expect("the table");
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let row = reader
        .records()
        .next()
        .expect("a row")
        .expect("a CSV record");
    let cells: Vec<&str> = row.iter().collect();
    for formula in formulas {
        assert!(
            cells.contains(&format!("'{formula}").as_str()),
            "{formula} as text: {cells:?}"
        );
        assert!(!cells.contains(&formula), "{formula} as it is: {cells:?}");
    }
}

/// One raw HTTP/1.1 request; the status and body.
fn raw(addr: &str, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    stream.write_all(request.as_bytes()).expect("sent");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn post_request(host: &str, path: &str, headers: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn save_takes_json_from_the_servers_own_page_only() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = short_example(dir.path());
    let original = std::fs::read(&file).expect("read");
    let server = Server::start(&[file.to_str().expect("UTF-8")]);
    let host = server.addr();
    let evil = "{\"organization\": {\"name\": \"ถูกเขียนทับ\"}}";

    // A cross-site form (text/plain needs no permission from the server): refused.
    let (status, body) = raw(
        &host,
        &post_request(&host, "/api/save", "Content-Type: text/plain\r\n", evil),
    );
    assert_eq!(status, 415, "{body}");
    assert!(body.contains("Content-Type: application/json"), "{body}");
    // JSON from another site's page: refused.
    let (status, body) = raw(
        &host,
        &post_request(
            &host,
            "/api/save",
            "Content-Type: application/json\r\nOrigin: http://evil.example\r\n",
            evil,
        ),
    );
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("another web site"), "{body}");
    assert_eq!(std::fs::read(&file).expect("read"), original, "not saved");

    // The editor's own page, and a program without Origin: saved.
    let json = String::from_utf8(original.clone()).expect("UTF-8");
    for origin in [format!("Origin: http://{host}\r\n"), String::new()] {
        let (status, body) = raw(
            &host,
            &post_request(
                &host,
                "/api/save",
                &format!("Content-Type: application/json; charset=utf-8\r\n{origin}"),
                &json,
            ),
        );
        assert_eq!(status, 200, "{origin}: {body}");
    }
}

#[test]
fn host_must_name_the_server() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = short_example(dir.path());
    let file = file.to_str().expect("UTF-8");
    let get = |addr: &str, host: &str| {
        raw(
            addr,
            &format!("GET /api/dataset HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    // DNS rebinding: a page on rebound.example whose name now points at 127.0.0.1.
    let server = Server::start(&[file]);
    let addr = server.addr();
    let port = addr.rsplit(':').next().expect("a port").to_owned();
    let (status, body) = get(&addr, &format!("rebound.example:{port}"));
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("--allow-host"), "{body}");
    assert!(!body.contains("\"dataset\""), "no dataset in the refusal");
    for host in [addr.clone(), format!("localhost:{port}")] {
        let (status, body) = get(&addr, &host);
        assert_eq!(status, 200, "{host}: {body}");
    }
    drop(server);

    let server = Server::start(&[file, "--allow-host", "report.example"]);
    let addr = server.addr();
    let port = addr.rsplit(':').next().expect("a port").to_owned();
    let (status, body) = get(&addr, &format!("report.example:{port}"));
    assert_eq!(status, 200, "{body}");
}

/// The file handles a process holds.
fn open_files(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn idle_connections_are_capped_and_dropped() {
    // The defaults: 256 connections, 10 s to send the headers.
    let server = Server::start(&[]);
    let before = open_files(server.child.id());
    // Connections that never send a byte (a slow-loris client).
    let idle: Vec<TcpStream> = (0..400)
        .map(|_| TcpStream::connect(server.addr()).expect("connects"))
        .collect();
    std::thread::sleep(Duration::from_millis(1000));
    let during = open_files(server.child.id());
    assert!(
        during <= before + 256,
        "{during} files open with 400 idle connections ({before} before)"
    );
    // Their headers never came: each taken connection is closed after the header timeout,
    // and the next ones in turn, so a real request is served.
    let mut first = idle.into_iter().next().expect("one");
    first
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut buf = [0u8; 64];
    let read = first.read(&mut buf);
    assert!(
        matches!(read, Ok(0)) || read.is_err_and(|e| e.kind() != std::io::ErrorKind::WouldBlock),
        "the idle connection was closed by the server"
    );
    let (status, _) = raw(
        &server.addr(),
        &format!(
            "GET /healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.addr()
        ),
    );
    assert_eq!(status, 200);
}

#[test]
fn sigterm_exits_with_a_request_half_sent() {
    let mut server = Server::start(&[]);
    let mut stream = TcpStream::connect(server.addr()).expect("connects");
    write!(
        stream,
        "POST /api/check HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"organ",
        server.addr()
    )
    .expect("half a request");
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs")
            .success()
    );
    let start = Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().expect("waits") {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "still running 20 s after SIGTERM: {}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(stream);
}

/// The processes whose parent is `pid` (the server's render workers).
fn children(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|child| {
            std::fs::read_to_string(format!("/proc/{child}/stat")).is_ok_and(|stat| {
                // pid (comm) state ppid …; comm may hold spaces, so count from the last ')'.
                stat.rsplit_once(')')
                    .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok())
                    == Some(pid)
            })
        })
        .collect()
}

fn render_request(host: &str, body: &[u8]) -> String {
    post_request(
        host,
        "/api/render",
        "Content-Type: application/json\r\n",
        std::str::from_utf8(body).expect("UTF-8"),
    )
}

#[test]
fn a_render_past_its_time_limit_is_stopped_and_frees_its_slot() {
    let dir = tempfile::tempdir().expect("a folder");
    let stall = dir.path().join("stall");
    std::fs::write(&stall, b"").expect("written");
    let server = Server::start_with(
        &[
            "--max-renders",
            "1",
            "--queue-timeout",
            "0",
            "--render-timeout",
            "1",
        ],
        &[("ITA_REPORT_HOLD_SLOTS", stall.as_os_str())],
    );
    let dataset = std::fs::read(repo("samples/short-example.json")).expect("read");
    let host = server.addr();

    // The render is held past its limit: stopped, its worker process gone.
    let (status, body) = raw(&host, &render_request(&host, &dataset));
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("was stopped"), "{body}");
    assert!(
        children(server.child.id()).is_empty(),
        "the worker was killed: {:?}",
        children(server.child.id())
    );
    // The slot is free at once (one render at a time, no waiting).
    std::fs::remove_file(&stall).expect("removed");
    let (status, body) = raw(&host, &render_request(&host, &dataset));
    assert_eq!(status, 200, "{body}");
}
