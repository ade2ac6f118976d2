//! The engine in the browser. The WebAssembly build in web/dist/ (made by scripts/build-web)
//! gives the same PDF bytes and the same problems as the command line, run under node as a
//! page would run it; and the static web app works in headless Chromium from a plain file
//! server, with every request to the API failing.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngSeed, TestRunner};
use serde_json::{Value, json};

use crate::common::*;

/// The built static app; the tests need it (README: run scripts/build-web before the tests).
fn dist() -> PathBuf {
    let dist = repo("web/dist");
    assert!(
        dist.join("engine/ita_report_web_bg.wasm").is_file(),
        "web/dist/ is not built: run scripts/build-web first (README, \"Run the tests\")"
    );
    dist
}

/// Runs tests/browser/`script` with node, asserting success; what it printed.
pub(crate) fn node(script: &str, args: &[&str]) -> String {
    let output = Command::new("node")
        .arg(repo("tests/browser").join(script))
        .args(args)
        .output()
        .expect("node runs (apt-get install nodejs)");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "node {script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The command-line flags that ask for the same as the engine's `options` object.
fn cli_flags(options: &Value) -> Vec<String> {
    let mut flags = Vec::new();
    for (key, value) in options.as_object().into_iter().flatten() {
        match (key.as_str(), value) {
            ("justify", Value::Bool(false)) => flags.push("--no-justify".into()),
            ("attach", Value::Bool(false)) => flags.push("--no-attach".into()),
            (_, Value::String(s)) => {
                flags.push(format!("--{}", key.replace('_', "-")));
                flags.push(s.clone());
            }
            (_, Value::Number(n)) => {
                flags.push(format!("--{}", key.replace('_', "-")));
                flags.push(n.to_string());
            }
            other => panic!("no flag for {other:?}"),
        }
    }
    flags
}

/// `count` datasets from the property test's generator, the same on every run.
fn generated<S: Strategy>(strategy: S, count: usize) -> Vec<S::Value> {
    let config = Config {
        rng_seed: RngSeed::Fixed(1414),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).expect("a dataset").current())
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn the_wasm_engine_renders_the_same_bytes_and_finds_the_same_problems_as_the_cli() {
    let dist = dist();
    let dir = tempfile::tempdir().unwrap();
    let mut datasets: Vec<PathBuf> = vec![
        repo("samples/sawang-2567.json"),
        repo("samples/short-example.json"),
    ];
    for (i, dataset) in generated(crate::property::valid_dataset(), 3)
        .into_iter()
        .enumerate()
    {
        datasets.push(write(
            dir.path(),
            &format!("generated-{i}.json"),
            dataset.to_string().as_bytes(),
        ));
    }
    let option_sets = [
        json!({}),
        json!({"date_style": "full", "digits": "thai", "pdf_standard": "a-3a,ua-1", "font_size": 15}),
        json!({"justify": false, "line_breaks": "typst", "attach": false, "digits": "arabic"}),
    ];
    let mut broken: Vec<PathBuf> = generated(crate::property::broken_dataset(), 6)
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| write(dir.path(), &format!("broken-{i}.json"), &bytes))
        .collect();
    broken.push(repo("tests/fixtures/import/expected-docx.json"));

    let mut jobs = Vec::new();
    let mut renders = Vec::new();
    for (d, dataset) in datasets.iter().enumerate() {
        // Every dataset with the defaults; the samples with every option set.
        let sets = if d < 2 {
            &option_sets[..]
        } else {
            &option_sets[..1]
        };
        for (o, options) in sets.iter().enumerate() {
            let pdf = dir.path().join(format!("wasm-{d}-{o}.pdf"));
            jobs.push(json!({"dataset": dataset, "options": options, "pdf": pdf}));
            renders.push((dataset.clone(), options.clone(), pdf));
        }
    }
    // A deliberate panic in the middle: the engine must answer the calls after it as before.
    jobs.insert(
        jobs.len() / 2,
        json!({"panic": dir.path().join("panic.json")}),
    );
    let checks: Vec<(PathBuf, PathBuf)> = broken
        .iter()
        .chain(&datasets)
        .enumerate()
        .map(|(i, dataset)| (dataset.clone(), dir.path().join(format!("check-{i}.json"))))
        .collect();
    for (dataset, out) in &checks {
        jobs.push(json!({"dataset": dataset, "check": out}));
    }
    let jobs_file = write(dir.path(), "jobs.json", json!(jobs).to_string().as_bytes());
    node(
        "engine-node.mjs",
        &[dist.to_str().unwrap(), jobs_file.to_str().unwrap()],
    );

    let panic: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("panic.json")).unwrap()).unwrap();
    assert_eq!(
        panic["threw"], true,
        "the deliberate panic was not thrown: {panic}"
    );

    for (i, (dataset, options, wasm_pdf)) in renders.iter().enumerate() {
        let wasm = std::fs::read(wasm_pdf).unwrap();
        assert!(
            wasm.starts_with(b"%PDF-"),
            "{}: the engine gave no PDF with {options}: {}",
            dataset.display(),
            String::from_utf8_lossy(&wasm)
        );
        let cli_pdf = dir.path().join(format!("cli-{i}.pdf"));
        let flags = cli_flags(options);
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        render_ok(dataset, &cli_pdf, &flags);
        let cli = std::fs::read(&cli_pdf).unwrap();
        assert!(
            wasm == cli,
            "{} with {options}: the WebAssembly engine's PDF ({} bytes) differs from the CLI's ({} bytes)",
            dataset.display(),
            wasm.len(),
            cli.len()
        );
    }

    for (dataset, out) in &checks {
        let wasm: Value = serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap();
        let cli = run(
            &["check", "--format", "json", dataset.to_str().unwrap()],
            None,
        );
        let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
        let cli = &cli[0];
        assert_eq!(
            (&wasm["ok"], &wasm["problems"], &wasm["truncated"]),
            (&cli["ok"], &cli["problems"], &cli["truncated"]),
            "{}: check differs",
            dataset.display()
        );
    }
    // The broken datasets really are broken, so the comparison above compared problems.
    let with_problems = checks
        .iter()
        .filter(|(_, out)| {
            let v: Value = serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap();
            v["ok"] == false && !v["problems"].as_array().unwrap().is_empty()
        })
        .count();
    assert!(
        with_problems >= 6,
        "only {with_problems} datasets had problems"
    );
}

#[test]
fn the_wasm_engine_imports_extracts_and_previews() {
    let dist = dist();
    let dir = tempfile::tempdir().unwrap();
    let docx = repo("tests/fixtures/import/report.docx");
    let report = dir.path().join("report.pdf");
    render_ok(&repo("samples/sawang-2567.json"), &report, &[]);
    let jobs = json!([
        {"import": docx, "name": "รายงาน ITA.docx", "out": dir.path().join("imported.json")},
        {"import": docx, "name": "report.doc", "out": dir.path().join("unknown.json")},
        {"import": repo("tests/fixtures/import/merged.xlsx"), "name": "merged.xlsx", "out": dir.path().join("no-org.json")},
        {"extract": report, "out": dir.path().join("extracted.json")},
        {"extract": docx, "out": dir.path().join("not-a-report.json")},
        {"dataset": repo("samples/sawang-2567.json"), "preview": dir.path().join("preview.json")},
        {"readDate": "๑ ต.ค. ๖๗", "out": dir.path().join("date.json")},
        {"readDate": "30 ก.พ. 2567", "out": dir.path().join("date-typo.json")},
        {"dataset": repo("samples/sawang-2567.json"), "options": {"digits": "roman"}, "preview": dir.path().join("bad-options.json")},
    ]);
    let jobs_file = write(dir.path(), "jobs.json", jobs.to_string().as_bytes());
    node(
        "engine-node.mjs",
        &[dist.to_str().unwrap(), jobs_file.to_str().unwrap()],
    );
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();

    // The same dataset as `ita-report import` writes.
    let cli_import = dir.path().join("cli-import.json");
    run_ok("import", &docx, &cli_import, &[]);
    assert_eq!(
        read("imported.json"),
        std::fs::read_to_string(&cli_import).unwrap()
    );

    // No organisation above the table: the reason the editor acts on, and Thai words.
    let no_org: Value = serde_json::from_str(&read("no-org.json")).unwrap();
    assert_eq!(no_org["failure"]["reason"], "no-organization", "{no_org}");
    assert!(
        no_org["failure"]["message_th"]
            .as_str()
            .unwrap()
            .contains("ไม่พบชื่อหน่วยงาน")
    );
    let unknown: Value = serde_json::from_str(&read("unknown.json")).unwrap();
    assert_eq!(unknown["failure"]["kind"], "import", "{unknown}");
    assert!(
        unknown["failure"]["message"]
            .as_str()
            .unwrap()
            .contains(".docx")
    );

    // The dataset the report carries, as `ita-report extract` gives it.
    let cli_extract = dir.path().join("cli-extract.json");
    run_ok("extract", &report, &cli_extract, &[]);
    assert_eq!(
        read("extracted.json"),
        std::fs::read_to_string(&cli_extract).unwrap()
    );
    let not_a_report: Value = serde_json::from_str(&read("not-a-report.json")).unwrap();
    assert_eq!(not_a_report["failure"]["kind"], "not-a-report");

    let preview: Value = serde_json::from_str(&read("preview.json")).unwrap();
    assert_eq!(
        (&preview["pages"], &preview["svg"], &preview["same_pages"]),
        (&json!(8), &json!(true), &json!(true))
    );
    // Where each measure's row starts: the same places as `serve` answers (tests/serve.rs).
    let places = preview["measures"].as_array().unwrap();
    assert_eq!(places.len(), 4, "{preview}");
    let pages_of: Vec<u64> = places.iter().map(|p| p["page"].as_u64().unwrap()).collect();
    assert_eq!(pages_of, [1, 3, 5, 6], "{places:?}");

    // Typed dates through the engine's one reader (the same as import's periods).
    let date: Value = serde_json::from_str(&read("date.json")).unwrap();
    assert_eq!(
        date,
        json!({"iso": "2024-10-01", "text": "๑ ต.ค. ๒๕๖๗", "problem": null})
    );
    let typo: Value = serde_json::from_str(&read("date-typo.json")).unwrap();
    assert_eq!(typo["iso"], "");
    assert_eq!(
        typo["problem"]["message_th"],
        "ไม่มีวันที่ ๓๐: เดือนกุมภาพันธ์ ปี ๒๕๖๗ มี ๒๙ วัน"
    );
    let bad: Value = serde_json::from_str(&read("bad-options.json")).unwrap();
    assert_eq!(bad["failure"]["kind"], "options");
    assert!(
        bad["failure"]["message"]
            .as_str()
            .unwrap()
            .contains("as-written")
    );
}

#[test]
fn the_static_web_app_works_in_chromium_with_no_server_behind_it() {
    let dist = dist();
    let dir = tempfile::tempdir().unwrap();
    let docx = repo("tests/fixtures/import/report.docx");
    let pdf = dir.path().join("downloaded.pdf");
    let out = node(
        "static-app.mjs",
        &[
            dist.to_str().unwrap(),
            docx.to_str().unwrap(),
            pdf.to_str().unwrap(),
        ],
    );
    let seen: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    eprintln!("static web app: {seen}");
    assert_eq!(seen["engine"], "wasm");
    assert_eq!(seen["page_errors"], json!([]), "errors on the page: {seen}");
    assert!(
        !seen["problem"].as_str().unwrap().is_empty(),
        "no problem listed for an empty organisation name"
    );
    // The page tried the server (and fell back): nothing depended on it.
    assert!(seen["api_requests"].as_u64().unwrap() >= 1, "{seen}");

    // The downloaded PDF is the report of the imported Word file, byte for byte what the
    // command line makes of the same file.
    let dataset = dir.path().join("imported.json");
    run_ok("import", &docx, &dataset, &[]);
    let imported: Value = serde_json::from_slice(&std::fs::read(&dataset).unwrap()).unwrap();
    assert_eq!(
        seen["imported_organization"],
        imported["organization"]["name"]
    );
    let cli_pdf = dir.path().join("cli.pdf");
    render_ok(&dataset, &cli_pdf, &[]);
    assert!(
        std::fs::read(&pdf).unwrap() == std::fs::read(&cli_pdf).unwrap(),
        "the PDF downloaded from the page differs from `ita-report render` of the same import"
    );
    let text = pdftotext_raw(&pdf);
    assert!(squash(&text).contains(&squash(imported["organization"]["name"].as_str().unwrap())));
}
