//! The clerk's editor in headless Chromium: tests/browser/clerk.mjs walks the static app
//! (web/dist/, WebAssembly engine) as a clerk would, and tests/browser/stale-save.mjs has two
//! tabs save one file through `ita-report serve FILE.json`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::common::*;
use crate::web::node;

#[test]
fn a_clerk_walks_the_static_editor() {
    let dist = repo("web/dist");
    assert!(
        dist.join("engine/ita_report_web_bg.wasm").is_file(),
        "web/dist/ is not built: run scripts/build-web first"
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("downloaded.pdf");
    let shots = std::env::var("EDITOR_SHOTS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().to_path_buf());
    std::fs::create_dir_all(&shots).unwrap();
    let docx = repo("tests/fixtures/import/report.docx");
    let out = node(
        "clerk.mjs",
        &[
            dist.to_str().unwrap(),
            docx.to_str().unwrap(),
            pdf.to_str().unwrap(),
            shots.to_str().unwrap(),
        ],
    );
    let seen: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    eprintln!("clerk: {seen}");
    assert_eq!(seen["download_name"], "ITA-อบต.นาดี-2568.pdf");
    // What the clerk typed is printed as typed (the old editor printed "๑. ๘๒ คะแนน").
    let text = squash(&pdftotext_raw(&pdf));
    for typed in [
        "๙๙.๘๒คะแนน",
        "1.5ล้านบาท",
        "องค์การบริหารส่วนตำบลนาดี",
        "มาตรการเผยแพร่ข้อมูล",
    ] {
        assert!(text.contains(typed), "{typed} not in the PDF: {text}");
    }
    assert!(!text.contains("๑.๘๒คะแนน"), "{text}");
}

struct Serve(Child, String);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(file: &std::path::Path) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ita-report"))
        .args(["serve", "--port", "0"])
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line.trim().trim_start_matches("listening on ").to_owned();
    Serve(child, base)
}

#[test]
fn a_stale_save_from_another_tab_is_refused_and_asked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    std::fs::copy(repo("samples/short-example.json"), &file).unwrap();
    let server = serve(&file);
    let out = node("stale-save.mjs", &[&server.1]);
    eprintln!("stale save: {out}");
    let saved: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(saved["organization"]["name"], "เทศบาลตำบลแท็บแรก");
    assert_eq!(saved["organization"]["province"], "จังหวัดจากแท็บแรก");
}

#[test]
fn save_answers_409_when_the_file_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    std::fs::copy(repo("samples/short-example.json"), &file).unwrap();
    let server = serve(&file);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let text = agent
        .get(format!("{}/api/dataset", server.1))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let opened: Value = serde_json::from_str(&text).unwrap();
    let version = opened["version"].as_str().unwrap().to_owned();
    let body = serde_json::to_vec(&opened["dataset"]).unwrap();
    let save = |tag: &str| {
        agent
            .post(format!("{}/api/save", server.1))
            .header("Content-Type", "application/json")
            .header("If-Match", tag)
            .send(&body[..])
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(save(&format!("\"{version}\"")), 200);
    std::fs::write(&file, b"{\"changed\": \"elsewhere\"}").unwrap();
    assert_eq!(save(&format!("\"{version}\"")), 409);
    let still = std::fs::read_to_string(&file).unwrap();
    assert!(
        still.contains("elsewhere"),
        "a refused save leaves the file alone"
    );
    assert_eq!(save("*"), 200);
}
