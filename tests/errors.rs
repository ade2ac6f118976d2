//! Bad input never breaks anything: each class of mistake gives its exit status, a message that
//! names the place, and leaves an existing output untouched with no stray file beside it.

use std::fs;
use std::path::Path;

use crate::common::*;
use serde_json::{Value, json};

const PREVIOUS: &[u8] = b"%PDF- last week's good report";

fn valid() -> Value {
    json!({
        "organization": {"name": "องค์การบริหารส่วนตำบลสว่าง"},
        "fiscal_year": 2567,
        "measures": [{"measure": "ก", "method": "", "responsible": "", "period": "ตลอดปี", "result": "", "outcome": ""}]
    })
}

/// Renders `bytes` over an existing output and returns stderr, asserting the exit code, that
/// each fragment is in the message, and that the folder is as it was.
fn render_fails(bytes: &[u8], code: i32, fragments: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let dataset = dir.path().join("dataset.json");
    let out = dir.path().join("report.pdf");
    fs::write(&dataset, bytes).unwrap();
    fs::write(&out, PREVIOUS).unwrap();
    let output = run(
        &[
            "render",
            dataset.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    let message = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(code),
        "wrong status; stderr:\n{message}"
    );
    for fragment in fragments {
        assert!(
            message.contains(fragment),
            "{fragment:?} not in:\n{message}"
        );
    }
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(
        fs::read(&out).unwrap(),
        PREVIOUS,
        "the existing output was touched"
    );
    assert_untouched_folder(dir.path(), &["dataset.json", "report.pdf"]);
    message
}

fn assert_untouched_folder(dir: &Path, expected: &[&str]) {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, expected, "stray files");
}

fn with(mut value: Value, pointer: &str, new: Value) -> Vec<u8> {
    *value.pointer_mut(pointer).unwrap() = new;
    serde_json::to_vec_pretty(&value).unwrap()
}

#[test]
fn malformed_json_trailing_comma() {
    render_fails(
        b"{\n  \"fiscal_year\": 2567,\n}\n",
        1,
        &[
            "dataset.json:3:1:",
            "trailing comma",
            "hint: remove the comma",
        ],
    );
}

#[test]
fn malformed_json_unclosed_string() {
    render_fails(
        "{\n  \"organization\": {\"name\": \"อบต.\n".as_bytes(),
        1,
        &["dataset.json:2:", "not valid JSON", "not closed"],
    );
    render_fails(
        b"{\"organization\": {\"name\": \"x",
        1,
        &["dataset.json:1:", "EOF while parsing a string"],
    );
}

#[test]
fn empty_file() {
    render_fails(b"", 1, &["dataset.json:1:1:", "the file is empty"]);
    render_fails(b"  \n\n", 1, &["the file is empty"]);
}

#[test]
fn top_level_not_an_object() {
    render_fails(
        b"[1, 2]",
        1,
        &["dataset.json:1:1:", "must hold one JSON object"],
    );
    render_fails(b"\"text\"", 1, &["must hold one JSON object", "the text"]);
}

#[test]
fn wrong_types() {
    let message = render_fails(
        &with(valid(), "/fiscal_year", json!("2567")),
        1,
        &["fiscal_year:", "must be a number", "without quotes: 2567"],
    );
    assert!(
        message.contains("dataset.json:5:18:"),
        "line of fiscal_year: {message}"
    );
    render_fails(
        &with(valid(), "/measures/0/responsible", json!(12)),
        1,
        &["measures[0].responsible:", "the number 12"],
    );
    render_fails(
        &with(valid(), "/measures", json!({"a": 1})),
        1,
        &["measures:", "square brackets"],
    );
    render_fails(
        &with(valid(), "/organization", json!("อบต.สว่าง")),
        1,
        &["organization:", "must be an object"],
    );
}

#[test]
fn missing_required_keys() {
    let mut v = valid();
    v.as_object_mut().unwrap().remove("measures");
    v["measures_"] = json!([]);
    render_fails(
        &serde_json::to_vec_pretty(&v).unwrap(),
        1,
        &[
            "the key \"measures\" is missing",
            "did you mean \"measures\"",
        ],
    );
    let mut v = valid();
    v["measures"][0].as_object_mut().unwrap().remove("outcome");
    render_fails(
        &serde_json::to_vec_pretty(&v).unwrap(),
        1,
        &["measures[0]: the key \"outcome\" is missing"],
    );
    render_fails(
        &with(valid(), "/measures", json!([])),
        1,
        &["measures:", "no measures"],
    );
}

#[test]
fn empty_required_strings() {
    render_fails(
        &with(valid(), "/organization/name", json!("  ")),
        1,
        &["dataset.json:3:", "organization.name: this text is empty"],
    );
}

#[test]
fn unknown_keys_get_suggestions() {
    let mut v = valid();
    v["introducton"] = json!("x");
    render_fails(
        &serde_json::to_vec_pretty(&v).unwrap(),
        1,
        &["introducton: unknown key", "did you mean \"introduction\"?"],
    );
}

#[test]
fn fiscal_year_out_of_range() {
    render_fails(
        &with(valid(), "/fiscal_year", json!(2024)),
        1,
        &["fiscal_year:", "add 543", "2567"],
    );
    render_fails(
        &with(valid(), "/fiscal_year", json!(9999)),
        1,
        &["fiscal_year:", "between 2400 and 2700"],
    );
    render_fails(
        &with(valid(), "/fiscal_year", json!(2567.5)),
        1,
        &["fiscal_year:", "whole number"],
    );
}

#[test]
fn impossible_dates_and_reversed_periods() {
    let message = render_fails(
        &with(
            valid(),
            "/measures/0/period",
            json!({"start": "2023-13-01", "end": "2024-09-30"}),
        ),
        1,
        &["measures[0].period.start:", "not a real calendar date"],
    );
    assert!(message.contains("dataset.json:12:18:"), "{message}");
    render_fails(
        &with(
            valid(),
            "/measures/0/period",
            json!({"start": "2024-09-30", "end": "2023-10-01"}),
        ),
        1,
        &[
            "measures[0].period.end:",
            "ends (2023-10-01) before it starts (2024-09-30)",
        ],
    );
    render_fails(
        &with(
            valid(),
            "/measures/0/period",
            json!({"start": "1/10/2566", "end": "2024-09-30"}),
        ),
        1,
        &["YYYY-MM-DD"],
    );
    let mut v = valid();
    v["report_date"] = json!("2567-10-20");
    render_fails(
        &serde_json::to_vec_pretty(&v).unwrap(),
        1,
        &["report_date:", "subtract 543"],
    );
}

#[test]
fn unknown_list_style() {
    render_fails(
        &with(
            valid(),
            "/measures/0/method",
            json!({"list": ["a"], "style": "bullets"}),
        ),
        1,
        &[
            "measures[0].method.style:",
            "unknown list style \"bullets\"",
            "did you mean \"bullet\"?",
        ],
    );
}

#[test]
fn not_utf8() {
    // "องค์การ" in TIS-620 / Windows-874.
    let mut bytes = b"{\"organization\": {\"name\": \"".to_vec();
    bytes.extend_from_slice(&[0xCD, 0xA7, 0xA4, 0xEC, 0xA1, 0xD2, 0xC3]);
    bytes.extend_from_slice(b"\"}}");
    render_fails(
        &bytes,
        1,
        &["dataset.json:1:", "not UTF-8", "iconv -f CP874 -t UTF-8"],
    );
}

#[test]
fn absurd_nesting() {
    render_fails(
        "[".repeat(200_000).as_bytes(),
        1,
        &["recursion limit exceeded", "nested far too deeply"],
    );
    let mut rich = json!("x");
    for _ in 0..50 {
        rich = json!({"list": [rich]});
    }
    render_fails(
        &with(valid(), "/measures/0/result", rich),
        1,
        &["nested more than 8 levels"],
    );
}

#[test]
fn file_too_big() {
    let mut v = valid();
    v["introduction"] = json!("ก".repeat(3_000_000));
    render_fails(
        &serde_json::to_vec(&v).unwrap(),
        1,
        &["too big to be a report dataset"],
    );
}

#[test]
fn all_problems_at_once() {
    let mut v = valid();
    v["fiscal_year"] = json!(2024);
    v["introducton"] = json!("x");
    v["organization"]["name"] = json!("");
    v["measures"][0]["period"] = json!({"start": "2023-02-30", "end": "2023-03-01"});
    let message = render_fails(&serde_json::to_vec_pretty(&v).unwrap(), 1, &["4 problems"]);
    for path in [
        "introducton:",
        "organization.name:",
        "fiscal_year:",
        "measures[0].period.start:",
    ] {
        assert!(message.contains(path), "{path} missing in:\n{message}");
    }
}

#[test]
fn input_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.pdf");
    fs::write(&out, PREVIOUS).unwrap();
    let output = run(
        &[
            "render",
            dir.path().join("nope.json").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("nope.json: cannot read the dataset: no such file"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read(&out).unwrap(), PREVIOUS);
}

#[test]
fn output_folder_missing_or_not_writable() {
    let output = run(
        &[
            "render",
            repo("samples/short-example.json").to_str().unwrap(),
            "-o",
            "/no/such/folder/report.pdf",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("the folder /no/such/folder does not exist"),
        "{}",
        stderr(&output)
    );
    // Even root cannot create files in /proc.
    let output = run(
        &[
            "render",
            repo("samples/short-example.json").to_str().unwrap(),
            "-o",
            "/proc/report.pdf",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("/proc/report.pdf: cannot write the PDF"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["render"], None).status.code(), Some(2));
    assert_eq!(
        run(&["render", "a.json", "--date-style", "long"], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
}

fn layout_fails(layout: &str, code: i32, fragments: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.typ");
    fs::write(&file, layout).unwrap();
    let out = dir.path().join("report.pdf");
    fs::write(&out, PREVIOUS).unwrap();
    let output = run(
        &[
            "render",
            repo("samples/short-example.json").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--layout",
            file.to_str().unwrap(),
        ],
        None,
    );
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(code), "{message}");
    for fragment in fragments {
        assert!(
            message.contains(fragment),
            "{fragment:?} not in:\n{message}"
        );
    }
    assert_eq!(fs::read(&out).unwrap(), PREVIOUS);
    assert_untouched_folder(dir.path(), &["broken.typ", "report.pdf"]);
}

#[test]
fn custom_layout_errors_are_located() {
    layout_fails(
        "#let data = json(\"/data.json\")\n\n#data.nothing\n",
        3,
        &[
            "broken.typ:3:",
            "error:",
            "does not contain key \"nothing\"",
        ],
    );
    layout_fails(
        "#set text(font: \"Sarabun\")\n#let x = (1 +\n",
        3,
        &["broken.typ:2:", "error:"],
    );
}

#[test]
fn custom_layout_reads_only_its_folder() {
    layout_fails(
        "#read(\"/../../../../etc/passwd\")\n",
        3,
        &["broken.typ:1:"],
    );
    layout_fails(
        "#import \"@preview/cetz:0.3.0\"\n",
        3,
        &["broken.typ:1:", "packages are not available"],
    );
    layout_fails(
        "#image(\"/nothing-here.png\")\n",
        3,
        &["broken.typ:1:", "not found"],
    );
}

#[test]
fn custom_layout_may_read_beside_itself_and_warnings_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("part.typ"),
        "#let greeting = \"HELLO-FROM-PART\"\n",
    )
    .unwrap();
    let layout = dir.path().join("main.typ");
    fs::write(&layout, "#import \"part.typ\": greeting\n#set text(font: \"Sarabun\")\n#greeting\n#set text(font: \"NoSuchFont\")\nx\n").unwrap();
    let out = dir.path().join("out.pdf");
    let output = run(
        &[
            "render",
            repo("samples/short-example.json").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--layout",
            layout.to_str().unwrap(),
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("main.typ:4:"),
        "warning with its place: {}",
        stderr(&output)
    );
    assert!(squash(&pdftotext_raw(&out)).contains("HELLO-FROM-PART"));
}

#[test]
fn check_reports_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(&bad, with(valid(), "/fiscal_year", json!(2024))).unwrap();
    let good = repo("samples/sawang-2567.json");
    let output = run(&["check", good.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("sawang-2567.json: ok"));

    let output = run(
        &["check", good.to_str().unwrap(), bad.to_str().unwrap()],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("sawang-2567.json: ok") && text.contains("bad.json:5:18: fiscal_year:"),
        "{text}"
    );

    let output = run(
        &[
            "check",
            "--format",
            "json",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "/no/file.json",
        ],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(3),
        "an unreadable file is an I/O failure"
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report[0]["ok"], json!(true));
    assert_eq!(report[1]["ok"], json!(false));
    assert_eq!(report[1]["problems"][0]["path"], json!("fiscal_year"));
    assert_eq!(report[1]["problems"][0]["line"], json!(5));
    assert_eq!(report[1]["problems"][0]["column"], json!(18));
    assert!(
        report[2]["error"]
            .as_str()
            .unwrap()
            .contains("no such file")
    );
}

#[test]
fn schema_is_printed_and_matches_the_committed_file() {
    let output = run(&["schema"], None);
    assert!(output.status.success());
    let schema: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(schema["additionalProperties"], json!(false));
    assert!(
        schema["$defs"]["Measure"]["required"]
            .as_array()
            .unwrap()
            .len()
            == 6
    );
    assert_eq!(
        output.stdout,
        fs::read(repo("schema/dataset-v1.json")).unwrap()
    );
}

/// The problems of a dataset in Thai: with `--lang th`, or a Thai locale; English otherwise,
/// and `--format json` carries both, the place named as the editor names it.
#[test]
fn problems_are_said_in_thai_with_lang_th_or_a_thai_locale() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = dir.path().join("dataset.json");
    let mut bad = valid();
    bad["fiscal_year"] = json!("25682568");
    bad["measures"][0]["period"] = json!({"start": "2024-09-30", "end": "2023-10-01"});
    fs::write(&dataset, serde_json::to_vec_pretty(&bad).unwrap()).unwrap();
    let path = dataset.to_str().unwrap();
    let thai_words = [
        "ข้อมูลรายงานมีปัญหา ๒ ข้อ:",
        "ปีงบประมาณ: ปีงบประมาณต้องเป็นปี พ.ศ. ๔ หลัก แต่พิมพ์ไว้ว่า \"25682568\"",
        "วิธีแก้: ใส่ปี พ.ศ. เป็นตัวเลข ๔ หลัก เช่น ๒๕๖๘",
        "มาตรการที่ ๑ › ระยะเวลา › ถึง: วันสิ้นสุด (๑ ต.ค. ๒๕๖๖) มาก่อนวันเริ่ม (๓๐ ก.ย. ๒๕๖๗)",
    ];
    let english = stdout_of(bin().args(["check", path]));
    assert!(
        english.contains("fiscal_year: the fiscal year must be a number"),
        "{english}"
    );
    assert!(!english.contains("ปีงบประมาณ"), "{english}");
    for thai in [
        stdout_of(bin().args(["check", "--lang", "th", path])),
        stdout_of(bin().args(["--lang", "th", "check", path])),
        stdout_of(bin().args(["check", path]).env("LANG", "th_TH.UTF-8")),
        stdout_of(
            bin()
                .args(["check", path])
                .env("LC_ALL", "th_TH.UTF-8")
                .env("LANG", "C"),
        ),
    ] {
        for words in thai_words {
            assert!(thai.contains(words), "{words:?} not in:\n{thai}");
        }
        assert!(!thai.contains("the fiscal year"), "{thai}");
    }
    // --lang en wins over a Thai locale.
    let forced = stdout_of(
        bin()
            .args(["check", "--lang", "en", path])
            .env("LANG", "th_TH.UTF-8"),
    );
    assert_eq!(forced, english);
    // render says it too, on stderr, with the same exit status.
    let output = bin()
        .args(["render", "--lang", "th", path, "-o"])
        .arg(dir.path().join("out.pdf"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(thai_words[3]),
        "{}",
        stderr(&output)
    );
    // A file that is not there, in Thai.
    let missing = bin()
        .args(["check", "--lang", "th", "ไม่มีไฟล์นี้.json"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(3));
    // (check writes its verdict per file on standard output.)
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&missing.stdout),
        stderr(&missing)
    );
    assert!(said.contains("ไม่พบไฟล์"), "{said}");
    // JSON carries both languages, whatever the language chosen.
    let json_en: Value =
        serde_json::from_str(&stdout_of(bin().args(["check", "--format", "json", path]))).unwrap();
    let json_th: Value = serde_json::from_str(&stdout_of(
        bin().args(["check", "--format", "json", "--lang", "th", path]),
    ))
    .unwrap();
    assert_eq!(json_en, json_th);
    let period = &json_en[0]["problems"][1];
    assert_eq!(period["path"], "measures[0].period.end");
    assert_eq!(period["place_th"], "มาตรการที่ ๑ › ระยะเวลา › ถึง");
    assert_eq!(
        period["message_th"],
        "วันสิ้นสุด (๑ ต.ค. ๒๕๖๖) มาก่อนวันเริ่ม (๓๐ ก.ย. ๒๕๖๗)"
    );
    assert_eq!(period["hint_th"], "สลับวันเริ่มกับวันสิ้นสุด หรือแก้ปี พ.ศ. ให้ถูก");
    assert_eq!(
        period["message"],
        "the period ends (2023-10-01) before it starts (2024-09-30)"
    );
}

fn stdout_of(command: &mut std::process::Command) -> String {
    let output = command.output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}
