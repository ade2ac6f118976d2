//! Many reports at once: batch rendering with good and bad datasets, and `collect`.

use std::fs;

use crate::common::*;
use serde_json::Value;

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_folder_renders_in_parallel_and_bad_datasets_do_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    fs::create_dir_all(&input).unwrap();
    fs::create_dir_all(&out).unwrap();
    fs::copy(
        repo("samples/sawang-2567.json"),
        input.join("a-sawang.json"),
    )
    .unwrap();
    fs::copy(
        repo("samples/short-example.json"),
        input.join("b-short.json"),
    )
    .unwrap();
    fs::write(input.join("c-bad.json"), "{\n  \"organization\": {\"name\": \"x\"},\n  \"fiscal_year\": 2024,\n  \"measures\": []\n}\n").unwrap();
    fs::write(input.join("d-broken.json"), "{ \"organization\": ").unwrap();
    fs::write(input.join("notes.txt"), "not a dataset").unwrap();

    let output = run(
        &[
            "render",
            input.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--jobs",
            "2",
        ],
        None,
    );
    let message = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failed dataset makes the run fail: {message}"
    );
    assert_eq!(names(&out), ["a-sawang.pdf", "b-short.pdf"], "{message}");
    assert!(
        message.contains("rendered 2, failed 2 (4 report(s)"),
        "{message}"
    );
    assert!(
        message.contains("c-bad.json:3:18: fiscal_year:"),
        "located message: {message}"
    );
    assert!(message.contains("d-broken.json:1:"), "{message}");
    assert!(
        message.contains("ok ") && message.contains("FAILED "),
        "quiet lines when not a terminal: {message}"
    );

    // The same bytes as rendering one at a time.
    let single = dir.path().join("single.pdf");
    render_ok(&input.join("a-sawang.json"), &single, &[]);
    assert_eq!(
        fs::read(&single).unwrap(),
        fs::read(out.join("a-sawang.pdf")).unwrap()
    );
}

#[test]
fn several_files_go_beside_their_datasets_or_into_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    fs::copy(repo("samples/short-example.json"), &a).unwrap();
    fs::copy(repo("samples/short-example.json"), &b).unwrap();
    let output = run(
        &[
            "render",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--jobs",
            "1",
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("a.pdf").exists() && dir.path().join("b.pdf").exists());

    // -o names one PDF only.
    let output = run(
        &[
            "render",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "-o",
            "x.pdf",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("use --out-dir"),
        "{}",
        stderr(&output)
    );

    // An output folder that does not exist.
    let output = run(
        &[
            "render",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--out-dir",
            "/no/such/dir",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(3));
}

#[test]
fn collect_gives_one_row_per_measure() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    fs::create_dir_all(&reports).unwrap();
    render_ok(
        &repo("samples/sawang-2567.json"),
        &reports.join("sawang.pdf"),
        &[],
    );
    render_ok(
        &repo("samples/short-example.json"),
        &reports.join("short.pdf"),
        &[],
    );
    fs::write(reports.join("other.pdf"), b"%PDF-1.7 not ours").unwrap();

    let csv_path = dir.path().join("summary.csv");
    let output = run(
        &[
            "collect",
            reports.to_str().unwrap(),
            "-o",
            csv_path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "one report could not be read: {}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("other.pdf"), "{}", stderr(&output));
    let bytes = fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[1], "หน่วยงาน");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        rows.len(),
        4 + 2,
        "4 measures of the sample and 2 of the short example"
    );

    let sawang: Value =
        serde_json::from_slice(&fs::read(repo("samples/sawang-2567.json")).unwrap()).unwrap();
    let first = rows
        .iter()
        .find(|r| r[0].ends_with("sawang.pdf") && &r[5] == "1")
        .unwrap();
    assert_eq!(&first[1], "องค์การบริหารส่วนตำบลสว่าง");
    assert_eq!(&first[2], "โพธิ์ทอง");
    assert_eq!(&first[3], "ร้อยเอ็ด");
    assert_eq!(&first[4], "2567");
    assert_eq!(
        &first[6],
        sawang["measures"][0]["measure"].as_str().unwrap()
    );
    assert_eq!(&first[8], "สำนักปลัด");
    assert_eq!(&first[9], "๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗");
    assert!(
        first[7].starts_with("๑. มอบหมายผู้รับผิดชอบในการดำเนินการ\n๒. "),
        "{}",
        &first[7]
    );
    // A dash list starts with `-`, which a spreadsheet would run as a formula: as text.
    assert!(
        first[11].starts_with("'- ประชาชนหรือผู้เข้ามาใช้บริการ"),
        "{}",
        &first[11]
    );

    // The same table as a workbook.
    let xlsx = dir.path().join("summary.xlsx");
    let output = run(
        &[
            "collect",
            reports.join("sawang.pdf").to_str().unwrap(),
            "-o",
            xlsx.to_str().unwrap(),
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    use calamine::{Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = workbook.worksheet_range("ITA").unwrap();
    assert_eq!(range.height(), 5, "heading and 4 measures");
    assert_eq!(
        range.get_value((1, 8)).map(|v| v.to_string()),
        Some("สำนักปลัด".into())
    );
}
