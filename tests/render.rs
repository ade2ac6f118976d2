//! End-to-end: render datasets with the real binary and read the PDFs back with real readers.

use std::fs;
use std::path::Path;

use crate::common::*;
use serde_json::{Value, json};

fn sample(name: &str) -> Value {
    serde_json::from_slice(&fs::read(repo(&format!("samples/{name}"))).unwrap()).unwrap()
}

fn period_2567(_: &Value) -> String {
    "๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗".into()
}

fn period_2568(_: &Value) -> String {
    "๑ ต.ค. ๖๗ – ๓๐ ก.ย. ๖๘".into()
}

fn render_to(dir: &Path, dataset: &Path, name: &str) -> std::path::PathBuf {
    let out = dir.join(name);
    render_ok(dataset, &out, &[]);
    out
}

#[test]
fn sample_text_comes_back_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_to(dir.path(), &repo("samples/sawang-2567.json"), "sawang.pdf");
    let raw = pdftotext_raw(&pdf);
    let data = sample("sawang-2567.json");

    let squashed = squash(&raw);
    for expected in [
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "องค์การบริหารส่วนตำบลสว่างประจำปีงบประมาณพ.ศ.๒๕๖๗",
        "องค์การบริหารส่วนตำบลสว่างอำเภอโพธิ์ทองจังหวัดร้อยเอ็ด",
        "ขององค์การบริหารส่วนตำบลสว่างประจำปีงบประมาณพ.ศ.๒๕๖๗",
        "มาตรการ/กิจกรรม",
        "วิธีการดำเนินการ",
        "ผลลัพธ์หรือความสำเร็จ",
    ] {
        assert!(squashed.contains(expected), "missing {expected}");
    }
    assert!(squashed.contains(&squash(data["introduction"].as_str().unwrap())));
    check_cells_in_place(&pdf, &expected_cells(&data, period_2567)).unwrap();
    // Page numbers in Thai from page 2.
    assert!(raw.contains("- ๒ -"), "no page number ๒");
    assert!(!raw.contains("- ๑ -"), "the cover has no page number");
}

#[test]
fn no_cluster_is_doubled() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_to(dir.path(), &repo("samples/sawang-2567.json"), "sawang.pdf");
    let raw = squash(&pdftotext_raw(&pdf));
    let source = squash(&fs::read_to_string(repo("samples/sawang-2567.json")).unwrap());
    // Words of the sample with stacked marks or ำ: the defect wrote เพิ่ม as เพิ่พิ่ม.
    for word in [
        "เพิ่ม",
        "ที่",
        "โพธิ์ทอง",
        "ชี้แจง",
        "ตั้ง",
        "สำนัก",
        "ดำเนินการ",
        "ร้องเรียน",
    ] {
        assert!(
            source.contains(word),
            "{word} is not in the sample: pick another word"
        );
        assert!(
            raw.contains(word),
            "{word} is in the sample but not in the PDF text"
        );
    }
    for bad in ["พิ่พิ่", "ธิ์ธิ์", "ที่ที่่", "ชี้ชี้"]
    {
        assert!(!raw.contains(bad), "doubled cluster {bad}");
    }
}

#[test]
fn second_sample_with_signatures_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_to(dir.path(), &repo("samples/short-example.json"), "short.pdf");
    let raw = pdftotext_raw(&pdf);
    let data = sample("short-example.json");
    check_cells_in_place(&pdf, &expected_cells(&data, period_2568)).unwrap();
    let squashed = squash(&raw);
    for s in data["signatories"].as_array().unwrap() {
        assert!(squashed.contains(&squash(&format!("({})", s["name"].as_str().unwrap()))));
        assert!(squashed.contains(&squash(s["position"].as_str().unwrap())));
        assert!(squashed.contains(&squash(s["role"].as_str().unwrap())));
    }
    assert!(squashed.contains("ลงชื่อ"));
    assert!(
        squashed.contains("๒๐ตุลาคม๒๕๖๘"),
        "report date in full Thai form"
    );
}

#[test]
fn fonts_are_embedded_sarabun_only() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_to(dir.path(), &repo("samples/short-example.json"), "short.pdf");
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed");
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        assert!(name.contains("+Sarabun-"), "unexpected font {row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        // emb sub uni
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "not embedded/unicode: {row}"
        );
    }
}

#[test]
fn pdf_is_well_formed_a4_landscape_with_title() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_to(dir.path(), &repo("samples/sawang-2567.json"), "sawang.pdf");
    let path = pdf.to_str().unwrap();
    let check = std::process::Command::new("qpdf")
        .args(["--check", path])
        .output()
        .expect("qpdf is installed");
    assert!(
        check.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&check.stdout)
    );
    let info = tool("pdfinfo", &[path]);
    assert!(
        info.contains("Page size:       841.89 x 595.276 pts (A4)"),
        "{info}"
    );
    assert!(info.contains("Title:           รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส องค์การบริหารส่วนตำบลสว่าง ประจำปีงบประมาณ พ.ศ.๒๕๖๗"), "{info}");
    assert!(
        info.contains("Author:          องค์การบริหารส่วนตำบลสว่าง"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:    Mon Sep 30 00:00:00 2024 UTC"),
        "{info}"
    );
}

#[test]
fn output_is_byte_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let a = render_to(dir.path(), &repo("samples/sawang-2567.json"), "a.pdf");
    let b = render_to(dir.path(), &repo("samples/sawang-2567.json"), "b.pdf");
    assert_eq!(fs::read(a).unwrap(), fs::read(b).unwrap());
}

#[test]
fn default_output_name_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = dir.path().join("report.json");
    fs::copy(repo("samples/short-example.json"), &dataset).unwrap();
    let output = run(&["render", dataset.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let by_name = fs::read(dir.path().join("report.pdf")).unwrap();
    assert!(by_name.starts_with(b"%PDF-"));

    // `-` reads standard input; without -o the PDF goes to standard output.
    let bytes = fs::read(&dataset).unwrap();
    let output = run(&["render", "-"], Some(&bytes));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(output.stdout, by_name, "same input, same bytes");
    let out = dir.path().join("from-stdin.pdf");
    let output = run(&["render", "-", "-o", out.to_str().unwrap()], Some(&bytes));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(fs::read(out).unwrap(), by_name);
}

/// A dataset full of markup characters, Latin text, URLs, nested lists, empty cells and cells
/// long enough to span pages: every string must come out literally.
fn adversarial() -> Value {
    let long: Vec<Value> = (1..=60)
        .map(|i| {
            json!(format!(
                "ข้อความยาวบรรทัดที่ {i} เพื่อทดสอบการขึ้นหน้าใหม่ของแถวที่ยาวมาก"
            ))
        })
        .collect();
    json!({
        "organization": {"name": "เทศบาลตำบล #read(\"/etc/passwd\")", "short_name": "ทต.$x$", "district": "*เมือง*", "province": "_ขอนแก่น_"},
        "fiscal_year": 2568,
        "title": "รายงาน #{1+1} [link] <label> @ref",
        "introduction": ["ย่อหน้า \\ backslash // not a comment /* nor this */", "https://www.example.go.th/ita?x=1&y=2#frag", "email: clerk@example.go.th"],
        "measures": [
            {
                "measure": "มาตรการ #set text(red) = heading",
                "method": [{"list": ["หนึ่ง # $ * _ @ < > [ ] \\ //", ["สอง", {"list": ["ย่อย - dash", ["ลึก", {"list": ["ลึกสุด"], "style": "bullet"}]], "style": "dash"}]]}],
                "responsible": "",
                "period": {"start": "2024-12-09", "end": "2024-12-09"},
                "result": [],
                "outcome": {"list": ["plain one", "plain two"], "style": "plain"}
            },
            {
                "measure": "Latin text: The quick brown fox jumps over the lazy dog.",
                "method": long,
                "responsible": "กองคลัง",
                "period": "ตลอดปีงบประมาณ",
                "result": "`raw` ```code``` ~nbsp~ --- -- ... 'quotes' \"double\"",
                "outcome": "#import \"x.typ\": *"
            }
        ],
        "signatories": [{"role": "ผู้รายงาน", "name": "#strong[x]", "position": "<b>หัวหน้า</b>"}],
        "report_date": "2025-10-20"
    })
}

#[test]
fn user_text_is_data_never_markup() {
    let dir = tempfile::tempdir().unwrap();
    let data = adversarial();
    let dataset = dir.path().join("adversarial.json");
    fs::write(&dataset, serde_json::to_vec_pretty(&data).unwrap()).unwrap();
    let pdf = dir.path().join("adversarial.pdf");
    render_ok(&dataset, &pdf, &[]);
    let raw = pdftotext_raw(&pdf);
    let squashed = squash(&raw);
    let mut strings = Vec::new();
    collect_strings(&data, &mut strings);
    for s in strings {
        if s.len() == 10 && s.starts_with("202") {
            continue; // dates are written in Thai
        }
        assert!(squashed.contains(&squash(&s)), "missing literally: {s}");
    }
    check_cells_in_place(&pdf, &expected_cells(&data, |_| "๙ ธ.ค. ๖๗".into())).unwrap();
    let pages: usize = tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap();
    assert!(pages >= 4, "the long cell should span pages, got {pages}");
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s)
            if !s.is_empty() && !["numbered", "dash", "bullet", "plain"].contains(&s.as_str()) =>
        {
            out.push(s.clone())
        }
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[test]
fn custom_layout_reads_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("mine.typ");
    fs::write(
        &layout,
        "#let data = json(\"/data.json\")\n#set text(font: \"Sarabun\")\n#set page(width: 10cm, height: auto)\nCUSTOM #data.organization.name #data.measures.len() #data.fiscal_year\n",
    )
    .unwrap();
    let pdf = dir.path().join("custom.pdf");
    render_ok(
        &repo("samples/sawang-2567.json"),
        &pdf,
        &["--layout", layout.to_str().unwrap()],
    );
    let text = squash(&pdftotext_raw(&pdf));
    assert!(text.contains("CUSTOMองค์การบริหารส่วนตำบลสว่าง4๒๕๖๗"), "{text}");
}

#[test]
fn date_style_full() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("full.pdf");
    render_ok(
        &repo("samples/short-example.json"),
        &pdf,
        &["--date-style", "full"],
    );
    let text = squash(&pdftotext_raw(&pdf));
    assert!(text.contains("๑ตุลาคม๒๕๖๗–๓๐กันยายน๒๕๖๘"), "{text}");
}
