//! `import` and `init` end to end: real files made by office software in, datasets out, checked
//! with `check` and rendered to PDFs whose text is read back with pdftotext.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use serde_json::Value;

/// A copy of ../shared/seed/000_0d95b6e7ecf176b4.txt (the one real report), so that the test
/// does not depend on where the checkout lies.
const SEED: &str = "tests/fixtures/import/seed-000_0d95b6e7ecf176b4.txt";

fn fixture(name: &str) -> PathBuf {
    repo(&format!("tests/fixtures/import/{name}"))
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

/// Imports `file` into `dir`, asserting success; returns the dataset's path and stderr.
fn import_ok(file: &Path, dir: &Path, extra: &[&str]) -> (PathBuf, String) {
    let out = dir.join(format!(
        "{}.json",
        file.file_name().unwrap().to_string_lossy()
    ));
    let said = run_ok("import", file, &out, extra);
    (out, said)
}

fn check_ok(dataset: &Path) {
    let output = run(&["check", dataset.to_str().unwrap()], None);
    assert!(
        output.status.success(),
        "check failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
}

fn without_schema(mut v: Value) -> Value {
    if let Some(map) = v.as_object_mut() {
        map.remove("$schema");
    }
    v
}

/// Thai short form of an ISO date, written independently of the crate.
fn thai_short(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
    ];
    let y: usize = iso[0..4].parse().unwrap();
    let m: usize = iso[5..7].parse().unwrap();
    let d: usize = iso[8..10].parse().unwrap();
    let yy = (y + 543) % 100;
    let yy = if yy < 10 {
        format!("๐{}", thai_digits(yy))
    } else {
        thai_digits(yy)
    };
    format!("{} {} {}", thai_digits(d), MONTHS[m - 1], yy)
}

fn period_text(p: &Value) -> String {
    let (s, e) = (p["start"].as_str().unwrap(), p["end"].as_str().unwrap());
    if s == e {
        thai_short(s)
    } else {
        format!("{} – {}", thai_short(s), thai_short(e))
    }
}

#[test]
fn seed_import_renders_with_the_text_of_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let (dataset, err) = import_ok(&repo(SEED), dir.path(), &[]);
    assert!(err.contains("4 measures imported"), "{err}");
    assert!(!err.contains("warning"), "no warnings expected: {err}");
    check_ok(&dataset);
    // The dataset is the hand-made sample, and so is the rendered text.
    let sample = repo("samples/sawang-2567.json");
    assert_eq!(json(&dataset), without_schema(json(&sample)));
    let a = dir.path().join("imported.pdf");
    let b = dir.path().join("sample.pdf");
    render_ok(&dataset, &a, &[]);
    render_ok(&sample, &b, &[]);
    assert_eq!(pdftotext_raw(&a), pdftotext_raw(&b));
}

#[test]
fn join_broken_words_joins_only_dictionary_words() {
    let dir = tempfile::tempdir().unwrap();
    let (dataset, err) = import_ok(&repo(SEED), dir.path(), &["--join-broken-words"]);
    assert!(err.contains("1 broken word(s) joined"), "{err}");
    let text = fs::read_to_string(&dataset).unwrap();
    assert!(text.contains("การทุจริต เป็นต้น"));
    // Spaces between words stay.
    assert!(text.contains("ร่วม วางแผนการดำเนินงาน"));
    assert!(text.contains("ทุกกอง/ทุก สำนัก"));
}

#[test]
fn word_document_made_by_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let (dataset, err) = import_ok(&fixture("report.docx"), dir.path(), &[]);
    check_ok(&dataset);
    assert_eq!(json(&dataset), json(&fixture("expected-docx.json")));
    // The merged measure cell is reported with its place, not silently merged.
    assert!(
        err.contains("report.docx: table 1, row 6: the measure cell is empty"),
        "{err}"
    );
    // What the clerk sees in the PDF is the imported text, in order.
    let pdf = dir.path().join("docx.pdf");
    render_ok(&dataset, &pdf, &[]);
    let raw = pdftotext_raw(&pdf);
    let data = json(&dataset);
    check_cells_in_place(&pdf, &expected_cells(&data, period_text)).unwrap();
    let squashed = squash(&raw);
    assert!(squashed.contains("เทศบาลตำบลหนองบัวอำเภอเมืองขอนแก่นจังหวัดขอนแก่น"));
    assert!(squashed.contains("(นางสาวสมใจใจดี)"));
    assert!(squashed.contains("๒๐ตุลาคม๒๕๖๘"));
}

#[test]
fn spreadsheets_and_csv_made_by_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let expected = json(&fixture("expected-sheet.json"));
    for (file, place) in [
        ("measures.xlsx", "sheet \"ITA\", cell H6"),
        ("measures.ods", "sheet \"ITA\", cell H6"),
        ("measures.csv", "line 11, column 8"),
    ] {
        let (dataset, err) = import_ok(&fixture(file), dir.path(), &[]);
        check_ok(&dataset);
        assert_eq!(json(&dataset), expected, "{file}");
        // The extra column is reported with its place.
        assert!(
            err.contains(&format!(
                "{file}: {place}: this column is not one of the six report columns"
            )),
            "{file}: {err}"
        );
    }
    let dataset = dir.path().join("measures.xlsx.json");
    let pdf = dir.path().join("sheet.pdf");
    render_ok(&dataset, &pdf, &[]);
    check_cells_in_place(&pdf, &expected_cells(&expected, period_text)).unwrap();
}

#[test]
fn word_lists_title_table_and_number_column() {
    let dir = tempfile::tempdir().unwrap();
    let (dataset, err) = import_ok(&fixture("layout.docx"), dir.path(), &[]);
    check_ok(&dataset);
    assert_eq!(json(&dataset), json(&fixture("expected-layout.json")));
    assert!(!err.contains("warning"), "no warnings expected: {err}");
}

#[test]
fn merged_measure_cells_and_a_sheet_without_title() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("merged.xlsx");
    let out = dir.path().join("merged.json");
    let output = run(
        &[
            "import",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("give it with --org"), "{err}");
    let (dataset, err) = import_ok(
        &file,
        dir.path(),
        &["--org", "องค์การบริหารส่วนตำบลทดสอบ", "--year", "2567"],
    );
    check_ok(&dataset);
    assert_eq!(json(&dataset), json(&fixture("expected-merged.json")));
    assert!(
        err.contains("sheet \"ITA\", row 3: the measure cell is empty"),
        "{err}"
    );
}

#[test]
fn organisation_and_year_from_options() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bare.csv");
    fs::write(
        &csv,
        "มาตรการ,วิธีการดำเนินการ,ผู้รับผิดชอบ,ระยะเวลา,ผลการดำเนินการ,ผลลัพธ์\n\
         ๑.มาตรการ ก,-ขั้นแรก -ขั้นสอง,สำนักปลัด,ตลอดปี,ทำแล้ว,ดี\n",
    )
    .unwrap();
    // Without them the import stops and says what to give.
    let out = dir.path().join("bare.json");
    let output = run(
        &["import", csv.to_str().unwrap(), "-o", out.to_str().unwrap()],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--org"), "{}", stderr(&output));
    assert!(!out.exists());
    let (dataset, err) = import_ok(
        &csv,
        dir.path(),
        &["--org", "เทศบาลเมืองทดสอบ", "--year", "2568"],
    );
    check_ok(&dataset);
    let data = json(&dataset);
    assert_eq!(data["organization"]["name"], "เทศบาลเมืองทดสอบ");
    assert_eq!(data["organization"]["short_name"], "ทม.ทดสอบ");
    assert_eq!(data["fiscal_year"], 2568);
    assert_eq!(data["measures"][0]["measure"], "มาตรการ ก");
    assert_eq!(
        data["measures"][0]["method"],
        serde_json::json!({"list": ["ขั้นแรก", "ขั้นสอง"], "style": "dash"})
    );
    // The header lacks nothing: "ผลลัพธ์" alone is the outcome column.
    assert!(!err.contains("has no column"), "{err}");
}

#[test]
fn tab_separated_text_to_standard_output_with_html_cells() {
    let tsv = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส\n\
        องค์การบริหารส่วนตำบลทดสอบ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘\n\
        มาตรการ/กิจกรรม\tวิธีการดำเนินการ\tผู้รับผิดชอบ\tระยะเวลา\tผลการดำเนินการ\tผลลัพธ์หรือความสำเร็จ\n\
        <p>๑.มาตรการ</p>\t<ol><li>ขั้นแรก</li><li>ขั้นสอง<br>ต่อ</li></ol>\tสำนักปลัด\t๑ ต.ค.๖๗ – ๓๑ ก.ย.๖๘\t<ul><li>• ก</li></ul><img src=x>\tดี\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.txt");
    fs::write(&file, tsv).unwrap();
    let output = run(&["import", file.to_str().unwrap(), "-o", "-"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let data: Value = serde_json::from_slice(&output.stdout).unwrap();
    let m = &data["measures"][0];
    assert_eq!(
        m["method"],
        serde_json::json!({"list": ["ขั้นแรก", "ขั้นสอง\nต่อ"]})
    );
    assert_eq!(
        m["result"],
        serde_json::json!({"list": ["ก"], "style": "bullet"})
    );
    // A period that is not a real range stays text, and both doubts are reported in place.
    assert_eq!(m["period"], "๑ ต.ค.๖๗ – ๓๑ ก.ย.๖๘");
    let err = stderr(&output);
    assert!(
        err.contains("line 4, cell 4: the period") && err.contains("does not exist"),
        "{err}"
    );
    assert!(
        err.contains("line 4, cell 5: the cell holds a picture"),
        "{err}"
    );
}

#[test]
fn failures_have_their_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.json");
    let out = out.to_str().unwrap();
    // Unknown format: usage.
    let odd = dir.path().join("report.pages");
    fs::write(&odd, "x").unwrap();
    let output = run(&["import", odd.to_str().unwrap(), "-o", out], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--from"));
    // An existing dataset is kept unless --force; the source is never the output.
    let csv = fixture("measures.csv");
    fs::write(out, "{}").unwrap();
    let output = run(&["import", csv.to_str().unwrap(), "-o", out], None);
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(out).unwrap(), "{}");
    let output = run(
        &["import", csv.to_str().unwrap(), "-o", out, "--force"],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    fs::remove_file(out).unwrap();
    let copy = dir.path().join("copy.csv");
    fs::copy(&csv, &copy).unwrap();
    let output = run(
        &[
            "import",
            copy.to_str().unwrap(),
            "-o",
            copy.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    // Missing file: I/O.
    let output = run(&["import", "/no/such/file.docx", "-o", out], None);
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains("no such file"));
    // Not a report: no measure table, a damaged .docx, a spreadsheet that is not one.
    let text = dir.path().join("notes.txt");
    fs::write(&text, "บันทึกข้อความ\nไม่มีตาราง\n").unwrap();
    let output = run(&["import", text.to_str().unwrap(), "-o", out], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no measure table"),
        "{}",
        stderr(&output)
    );
    let docx = dir.path().join("broken.docx");
    fs::write(&docx, b"PK\x03\x04 not really").unwrap();
    let output = run(&["import", docx.to_str().unwrap(), "-o", out], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not a .docx"),
        "{}",
        stderr(&output)
    );
    let output = run(
        &[
            "import",
            docx.to_str().unwrap(),
            "--from",
            "xlsx",
            "-o",
            out,
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(!Path::new(out).exists());
}

#[test]
fn init_writes_a_dataset_that_checks_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new.json");
    let args = [
        "init",
        "-o",
        out.to_str().unwrap(),
        "--org",
        "องค์การบริหารส่วนตำบลสว่าง",
        "--year",
        "2568",
    ];
    let output = run(&args, None);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("ita-report schema >"));
    check_ok(&out);
    let data = json(&out);
    assert_eq!(data["$schema"], "schema/dataset-v1.json");
    assert_eq!(data["organization"]["short_name"], "อบต.สว่าง");
    assert_eq!(data["fiscal_year"], 2568);
    let text = fs::read_to_string(&out).unwrap();
    for style in ["\"dash\"", "\"bullet\"", "\"plain\""] {
        assert!(text.contains(style), "no {style} example");
    }
    // An existing file is kept unless --force.
    let output = run(&args, None);
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains("--force"));
    let mut forced = args.to_vec();
    forced.push("--force");
    assert!(run(&forced, None).status.success());
    render_ok(&out, &dir.path().join("new.pdf"), &[]);
}
