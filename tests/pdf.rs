//! Submission-grade PDF: PDF/A-3b with the dataset attached, metadata, standards, extract, info.

use std::fs;
use std::path::Path;

use crate::common::*;
use serde_json::{Value, json};

/// The XMP metadata of a PDF, uncompressed with qpdf.
fn xmp(pdf: &Path) -> String {
    let text = uncompressed(pdf);
    let start = text.find("<x:xmpmeta").expect("XMP metadata");
    let end = text[start..].find("</x:xmpmeta>").unwrap() + start;
    text[start..end].to_owned()
}

#[test]
fn default_is_pdfa_3b_with_the_dataset_attached() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sawang.pdf");
    render_ok(&repo("samples/sawang-2567.json"), &pdf, &[]);
    let path = pdf.to_str().unwrap();

    let meta = xmp(&pdf);
    assert!(meta.contains("<pdfaid:part>3</pdfaid:part>"), "{meta}");
    assert!(
        meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{meta}"
    );
    assert!(meta.contains("<rdf:li>th</rdf:li>"), "language th: {meta}");
    assert!(
        meta.contains("2024-09-30T00:00:00"),
        "creation date from the fiscal year: {meta}"
    );
    assert!(
        meta.contains("ITA") && meta.contains("ร้อยเอ็ด"),
        "keywords: {meta}"
    );

    let info = tool("pdfinfo", &[path]);
    assert!(info.contains("Title:           รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส องค์การบริหารส่วนตำบลสว่าง ประจำปีงบประมาณ พ.ศ.๒๕๖๗"), "{info}");
    assert!(
        info.contains("Author:          องค์การบริหารส่วนตำบลสว่าง"),
        "{info}"
    );
    assert!(
        info.contains("Subject:") && info.contains("Keywords:"),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Page size:       841.89 x 595.276 pts (A4)"),
        "{info}"
    );

    let list = tool("pdfdetach", &["-list", path]);
    assert!(
        list.contains("1 embedded files") && list.contains("1: dataset.json"),
        "{list}"
    );
    let saved = dir.path().join("saved.json");
    tool(
        "pdfdetach",
        &["-save", "1", "-o", saved.to_str().unwrap(), path],
    );
    let attached: Value = serde_json::from_slice(&fs::read(&saved).unwrap()).unwrap();
    let original: Value =
        serde_json::from_slice(&fs::read(repo("samples/sawang-2567.json")).unwrap()).unwrap();
    assert!(
        attached == original,
        "the sample is already canonical: the attachment differs from it"
    );

    let check = std::process::Command::new("qpdf")
        .args(["--check", path])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let fonts = tool("pdffonts", &[path]);
    assert!(
        fonts
            .lines()
            .skip(2)
            .all(|l| l.contains("+Sarabun-") && l.contains(" yes yes yes ")),
        "{fonts}"
    );
}

#[test]
fn render_extract_render_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for sample in ["samples/sawang-2567.json", "samples/short-example.json"] {
        let first = dir.path().join("first.pdf");
        render_ok(&repo(sample), &first, &[]);
        let extracted = dir.path().join("extracted.json");
        let output = run(
            &[
                "extract",
                first.to_str().unwrap(),
                "-o",
                extracted.to_str().unwrap(),
            ],
            None,
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let again = dir.path().join("again.pdf");
        render_ok(&extracted, &again, &[]);
        assert_eq!(
            fs::read(&first).unwrap(),
            fs::read(&again).unwrap(),
            "{sample}"
        );
        // To standard output as well.
        let output = run(&["extract", first.to_str().unwrap()], None);
        assert_eq!(output.stdout, fs::read(&extracted).unwrap());
    }
}

#[test]
fn a_non_canonical_dataset_is_attached_in_canonical_form() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = dir.path().join("loose.json");
    fs::write(
        &dataset,
        serde_json::to_vec(&json!({
            "measures": [{"outcome": [], "result": ["one"], "period": {"end": "2024-09-30", "start": "2023-10-01"},
                          "responsible": null, "method": "", "measure": "ก"}],
            "fiscal_year": 2567, "organization": {"name": "อบต.ทดสอบ"}, "title": null
        }))
        .unwrap(),
    )
    .unwrap();
    let output = run(&["render", dataset.to_str().unwrap(), "-o", "-"], None);
    // `responsible: null` is not rich text: the dataset is refused with its path.
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("measures[0].responsible"),
        "{}",
        stderr(&output)
    );

    let mut value: Value = serde_json::from_slice(&fs::read(&dataset).unwrap()).unwrap();
    value["measures"][0]["responsible"] = json!("สำนักปลัด");
    fs::write(&dataset, serde_json::to_vec(&value).unwrap()).unwrap();
    let pdf = dir.path().join("loose.pdf");
    render_ok(&dataset, &pdf, &[]);
    let output = run(&["extract", pdf.to_str().unwrap()], None);
    let text = String::from_utf8(output.stdout).unwrap();
    let keys: Vec<&str> = ["\"organization\"", "\"fiscal_year\"", "\"measures\""]
        .into_iter()
        .collect();
    let positions: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "canonical key order: {text}"
    );
    assert!(
        !text.contains("title"),
        "null optional keys are dropped: {text}"
    );
    assert!(
        text.contains("\"result\": \"one\""),
        "a lone paragraph is written as text: {text}"
    );
}

#[test]
fn no_attach_and_standards_without_attachments() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("plain.pdf");
    render_ok(&repo("samples/short-example.json"), &pdf, &["--no-attach"]);
    assert!(tool("pdfdetach", &["-list", pdf.to_str().unwrap()]).contains("0 embedded files"));
    let output = run(&["extract", pdf.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("carries no attached dataset.json"),
        "{}",
        stderr(&output)
    );

    let a2 = dir.path().join("a2.pdf");
    let message = render_ok(
        &repo("samples/short-example.json"),
        &a2,
        &["--pdf-standard", "a-2b"],
    );
    assert!(
        message.contains("does not allow attached files"),
        "{message}"
    );
    let meta = xmp(&a2);
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
}

#[test]
fn accessible_archival_combination_passes() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("ua.pdf");
    render_ok(
        &repo("samples/sawang-2567.json"),
        &pdf,
        &["--pdf-standard", "a-3a,ua-1"],
    );
    let meta = xmp(&pdf);
    assert!(
        meta.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "{meta}"
    );
    assert!(meta.contains("pdfuaid:part"), "{meta}");
    let output = run(&["info", pdf.to_str().unwrap()], None);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("PDF/A-3a, PDF/UA-1"), "{text}");
    // Plain PDF 1.7 as well.
    let plain = dir.path().join("plain.pdf");
    render_ok(
        &repo("samples/short-example.json"),
        &plain,
        &["--pdf-standard", "1.7"],
    );
    assert!(tool("pdfinfo", &[plain.to_str().unwrap()]).contains("PDF version:     1.7"));
    // Unknown names are usage errors.
    let output = run(&["render", "x.json", "--pdf-standard", "a-9z"], None);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn info_reads_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sawang.pdf");
    render_ok(&repo("samples/sawang-2567.json"), &pdf, &[]);
    let output = run(&["info", pdf.to_str().unwrap()], None);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for line in [
        "organisation: องค์การบริหารส่วนตำบลสว่าง",
        "fiscal year:  2567",
        "measures:     4",
        "standard:     PDF/A-3b",
        "province:     ร้อยเอ็ด",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    let pages = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let n = pages
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim();
    assert!(text.contains(&format!("pages:        {n}")), "{text}");

    let output = run(&["info", "--format", "json", pdf.to_str().unwrap()], None);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json[0]["fiscal_year"], json!(2567));
    assert_eq!(json[0]["measures"], json!(4));

    let not_pdf = dir.path().join("not.pdf");
    fs::write(&not_pdf, b"hello").unwrap();
    let output = run(&["info", not_pdf.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not a readable PDF"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn characters_the_font_lacks_are_caught_with_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = dir.path().join("emoji.json");
    let mut value: Value =
        serde_json::from_slice(&fs::read(repo("samples/short-example.json")).unwrap()).unwrap();
    value["measures"][1]["result"] = json!(["ดี", "เยี่ยม 😀"]);
    value["introduction"] = json!("ข้อความจากฟอนต์เก่า \u{F70A}");
    fs::write(&dataset, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    let out = dir.path().join("emoji.pdf");
    let output = run(
        &[
            "render",
            dataset.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("measures[1].result[1]") && message.contains("U+1F600"),
        "{message}"
    );
    assert!(
        message.contains("introduction")
            && message.contains("U+F70A")
            && message.contains("old Thai fonts"),
        "{message}"
    );
    assert!(!out.exists());
}

/// A PDF with its streams uncompressed (qpdf), as text.
fn uncompressed(pdf: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    let status = std::process::Command::new("qpdf")
        .args([
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            plain.to_str().unwrap(),
        ])
        .status()
        .expect("qpdf is installed");
    assert!(status.success());
    String::from_utf8_lossy(&fs::read(plain).unwrap()).into_owned()
}

#[test]
fn thai_with_marked_breaks_is_laid_out_as_thai_and_tagged_thai() {
    // The layout sets lang "zh", region "TH" to spare Typst's Thai model when the data marks
    // every break (src/typeset/language.rs). The same layout without that line, all Thai, must
    // give the very same bytes: same breaks, same glyphs, same language tags.
    let dir = tempfile::tempdir().unwrap();
    let official = fs::read_to_string(repo("layouts/official.typ")).unwrap();
    let marker = "#set text(lang: \"zh\", region: \"TH\") if options.at(\"breaks_marked\", default: false)\n";
    assert!(official.contains(marker), "the layout sets the marker");
    let thai_layout = dir.path().join("thai.typ");
    fs::write(&thai_layout, official.replace(marker, "")).unwrap();
    for (sample, extra) in [
        ("samples/sawang-2567.json", vec![]),
        (
            "samples/sawang-2567.json",
            vec!["--pdf-standard", "a-3a,ua-1"],
        ),
        ("samples/short-example.json", vec!["--date-style", "full"]),
    ] {
        let marked = dir.path().join("marked.pdf");
        let thai = dir.path().join("thai.pdf");
        render_ok(&repo(sample), &marked, &extra);
        let mut with_layout = extra.clone();
        with_layout.extend(["--layout", thai_layout.to_str().unwrap()]);
        render_ok(&repo(sample), &thai, &with_layout);
        assert!(
            fs::read(&marked).unwrap() == fs::read(&thai).unwrap(),
            "{sample} {extra:?}: the marked layout changed the PDF"
        );
        let text = uncompressed(&marked);
        assert!(
            !text.contains("zh"),
            "{sample} {extra:?}: a language tag says zh"
        );
        assert!(
            text.contains("/Lang (th)"),
            "{sample} {extra:?}: no document language th"
        );
    }
}
