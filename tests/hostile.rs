//! Hostile input: files built to exhaust memory or time. Each runs the real program in a child
//! process whose address space is capped (`setrlimit(RLIMIT_AS)`, as `prlimit --as` does) and
//! whose peak resident memory is read back (`wait4`'s `ru_maxrss`); a child that passes the cap
//! aborts, one that runs away is killed at a generous deadline, and either fails the test.
//! The hostile files are generated here, small generators rather than committed files.

use std::fs;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::{Value, json};

/// The address space a child may use. A render of the largest real report peaks under
/// 200 MB resident; the cap leaves room for thread stacks and allocator arenas.
const ADDRESS_SPACE: u64 = 2 << 30;
/// Past this a child is taken to have hung (its work is bounded far below).
const DEADLINE: Duration = Duration::from_secs(120);

/// What a capped child did.
struct Run {
    /// The exit code; `None` when a signal ended it (an abort on a failed allocation, or the
    /// deadline's kill).
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// Peak resident memory in megabytes.
    peak_mb: u64,
}

/// Runs `ita-report ARGS` with its address space capped at `limit` bytes.
fn capped(args: &[&str], limit: u64) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (dir.path().join("stdout"), dir.path().join("stderr"));
    let mut command = bin();
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let cap = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &cap) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    // Reaped below with wait4, which also gives its peak memory.
    #[allow(clippy::zombie_processes)]
    let child = command.spawn().expect("the binary runs");
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our child; status and usage are valid for writes.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break;
        }
        assert!(done == 0, "wait4 failed");
        if start.elapsed() > DEADLINE {
            // SAFETY: signalling our own child, then reaping it.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::wait4(pid, &mut status, 0, &mut usage);
            }
            panic!("ita-report {args:?} still ran after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Run {
        code,
        stdout: fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: fs::read_to_string(&err_path).unwrap_or_default(),
        peak_mb: usage.ru_maxrss as u64 / 1024,
    }
}

fn dataset(introduction: Value) -> Value {
    json!({
        "organization": {"name": "องค์การบริหารส่วนตำบลสว่าง"},
        "fiscal_year": 2567,
        "introduction": introduction,
        "measures": [{"measure": "มาตรการ", "method": "วิธี", "responsible": "สำนักปลัด", "period": "ตลอดปี", "result": "ผล", "outcome": "สำเร็จ"}]
    })
}

fn write_json(dir: &Path, name: &str, value: &Value) -> String {
    let path = dir.join(name);
    fs::write(&path, serde_json::to_vec_pretty(value).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

/// `check` refuses the file with `fragment` in a located message, and `render` refuses it
/// too, both within the memory cap.
fn refused(value: &Value, fragment: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = write_json(dir.path(), "hostile.json", value);
    let run = capped(&["check", &file], ADDRESS_SPACE);
    assert_eq!(run.code, Some(1), "check: {}{}", run.stdout, run.stderr);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains(fragment), "{said}");
    assert!(
        said.contains("hostile.json:") && said.contains("hint:"),
        "{said}"
    );
    let out = dir.path().join("out.pdf");
    let run = capped(
        &["render", &file, "-o", out.to_str().unwrap()],
        ADDRESS_SPACE,
    );
    assert_eq!(run.code, Some(1), "render: {}", run.stderr);
    assert!(run.stderr.contains(fragment), "{}", run.stderr);
}

/// `render` makes the PDF within the memory cap; its peak resident memory in megabytes.
fn renders(value: &Value, extra: &[&str]) -> u64 {
    let dir = tempfile::tempdir().unwrap();
    let file = write_json(dir.path(), "edge.json", value);
    let out = dir.path().join("out.pdf");
    let mut args = vec!["render", file.as_str(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = capped(&args, ADDRESS_SPACE);
    assert_eq!(run.code, Some(0), "render: {}", run.stderr);
    run.peak_mb
}

#[test]
fn ten_thousand_tone_marks_on_one_letter_are_refused() {
    // Rendered justified, this took over 8 GB (the memory grew with the square of the marks).
    let marks = format!("ก{}", "\u{0E48}".repeat(10_000));
    refused(&dataset(json!(marks)), "carries 10000 marks");
}

#[test]
fn thirty_marks_on_a_letter_render_within_the_cap() {
    let marks = format!("ก{} ข", "\u{0E48}".repeat(30));
    let peak = renders(&dataset(json!(marks)), &[]);
    assert!(peak < 400, "{peak} MB");
}

#[test]
fn a_one_word_introduction_of_megabytes_is_refused() {
    // 7.8 MB of one word took 66 s and 7.6 GB.
    let word = "ก".repeat(2_600_000);
    refused(&dataset(json!(word)), "characters without a space");
}

#[test]
fn twenty_thousand_list_items_in_a_cell_are_refused() {
    // They took 1.5 GB.
    let items: Vec<Value> = (0..20_000).map(|i| json!(format!("ข้อ {i}"))).collect();
    refused(
        &dataset(json!({"list": items})),
        "20000 paragraphs and list items",
    );
}

#[test]
fn the_largest_admitted_cell_renders_within_the_cap() {
    // Just under every cell budget: 200 items, 9,800 characters, words of 49 letters.
    let word = "ก".repeat(48);
    let items: Vec<Value> = (0..199).map(|_| json!(format!("{word} ข"))).collect();
    let peak = renders(&dataset(json!({"list": items})), &[]);
    assert!(peak < 800, "{peak} MB");
}

#[test]
fn duplicate_keys_controls_overrides_and_terminal_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\n  \"organization\": {\"name\": \"อบต.\\u202Eสว่าง\"},\n  \"fiscal_year\": 2567,\n  \"fiscal_year\": 2566,\n  \"\\u001b[2J\\u001b]0;x\\u0007\": 1,\n  \"measures\": [{\"measure\": \"a\\u0000b\", \"method\": \"\", \"responsible\": \"\", \"period\": \"\", \"result\": \"\", \"outcome\": \"\"}]\n}\n";
    let file = dir.path().join("d.json");
    fs::write(&file, text).unwrap();
    let output = run(&["check", file.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    let said = String::from_utf8_lossy(&output.stdout).into_owned() + &stderr(&output);
    for fragment in [
        "d.json:2:28: organization.name: character 5 of this text is a text-direction control, U+202E",
        "d.json:4:3: fiscal_year: the key \"fiscal_year\" is given twice",
        "unknown key \"\\u{001B}[2J\\u{001B}]0;x\\u{0007}\"",
        "d.json:6:28: measures[0].measure: character 2 of this text is an invisible control character, U+0000 (NUL)",
    ] {
        assert!(said.contains(fragment), "{fragment}\n{said}");
    }
    assert!(
        !said.chars().any(|c| c.is_control() && c != '\n'),
        "raw control characters reached the terminal: {said:?}"
    );
}

/// The rows of the measure table fixture, as text cells.
fn table_rows() -> Vec<Vec<String>> {
    let csv = fs::read_to_string(repo("tests/fixtures/import/measures.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// An `.xlsx` with the measure table and one more cell at `(row, column)`.
fn workbook_with_far_cell(path: &Path, row: u32, column: u16) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, cells) in table_rows().iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    sheet.write_string(row, column, "x").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_spreadsheet_cell_at_the_last_row_and_column_costs_nothing() {
    // A lone cell at XFD1048576 made calamine allocate 549 GB; at ZZ200000, 6 GB.
    for (row, column, name) in [
        (1_048_575, 16_383, "XFD1048576"),
        (199_999, 701, "ZZ200000"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("far.xlsx");
        workbook_with_far_cell(&book, row, column);
        assert!(fs::metadata(&book).unwrap().len() < 20_000);
        let out = dir.path().join("out.json");
        let run = capped(
            &[
                "import",
                book.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
            ADDRESS_SPACE,
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(
            run.stderr.contains(name) && run.stderr.contains("not imported"),
            "{}",
            run.stderr
        );
        assert!(run.peak_mb < 300, "{} MB", run.peak_mb);
    }
}

#[test]
fn a_csv_of_commas_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::new();
    for row in table_rows() {
        csv.push_str(
            &row.iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(","),
        );
        csv.push('\n');
    }
    // Just under the size limit: millions of empty cells on one line.
    csv.push_str(&",".repeat(8_000_000 - csv.len()));
    let file = dir.path().join("commas.csv");
    fs::write(&file, &csv).unwrap();
    let out = dir.path().join("out.json");
    let run = capped(
        &[
            "import",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        ADDRESS_SPACE,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.peak_mb < 500, "{} MB", run.peak_mb);
    // 52 MB of commas passed 6 GB; now the size is refused in words.
    csv.push_str(&",".repeat(44_000_000));
    fs::write(&file, &csv).unwrap();
    let out = dir.path().join("out2.json");
    let run = capped(
        &[
            "import",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        ADDRESS_SPACE,
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("too big to be a report's table"),
        "{}",
        run.stderr
    );
}

/// A PDF file from its objects (numbered from 1), with a correct cross-reference table.
fn pdf_of(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(out, "{offset:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

fn page_objects() -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> /Metadata 5 0 R >>"
            .to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
    ]
}

fn info_of(pdf: &[u8]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.pdf");
    fs::write(&file, pdf).unwrap();
    capped(&["info", file.to_str().unwrap()], ADDRESS_SPACE)
}

#[test]
fn a_name_tree_that_lists_a_kid_twice_does_not_hang() {
    // Each node lists the next twice, 40 deep: 2^40 walks without a visited set.
    let mut objects = page_objects();
    objects.push(b"<< /Kids [6 0 R 6 0 R] >>".to_vec());
    objects.push(b"<< /Type /Metadata /Subtype /XML /Length 0 >>\nstream\n\nendstream".to_vec());
    for i in 0..40 {
        let next = 7 + i;
        objects.push(format!("<< /Kids [{next} 0 R {next} 0 R {} 0 R] >>", 6 + i).into_bytes());
    }
    objects.push(b"<< /Names [(other.json) 3 0 R] >>".to_vec());
    let pdf = pdf_of(&objects, "");
    assert!(pdf.len() < 4_000);
    let run = info_of(&pdf);
    assert!(run.code.is_some(), "{}", run.stderr);
    assert!(
        run.stderr.contains("carries no attached dataset.json"),
        "{}",
        run.stderr
    );
}

/// The number after the last `key` in `text` (e.g. `/Metadata 117 0 R` → 117).
fn number_after(text: &str, key: &str) -> usize {
    let at = text
        .rfind(key)
        .unwrap_or_else(|| panic!("{key} in the PDF"))
        + key.len();
    text[at..]
        .trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a number after {key}"))
}

#[test]
fn an_xmp_stream_that_inflates_without_limit_is_not_inflated() {
    // A real report whose XMP metadata is replaced (an incremental update, as any PDF editor
    // writes) by 2 GB of zeros deflated to 2 MB. `info` inflated all of it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bomb.pdf");
    render_ok(&repo("samples/short-example.json"), &file, &[]);
    let mut pdf = fs::read(&file).unwrap();
    let text = String::from_utf8_lossy(&pdf).into_owned();
    let (metadata, size, root) = (
        number_after(&text, "/Metadata"),
        number_after(&text, "/Size"),
        number_after(&text, "/Root"),
    );
    let previous = number_after(&text, "startxref");
    let mut deflated = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..2048 {
        deflated.write_all(&zeros).unwrap();
    }
    let deflated = deflated.finish().unwrap();
    let offset = pdf.len();
    write!(
        pdf,
        "{metadata} 0 obj\n<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length {} >>\nstream\n",
        deflated.len()
    )
    .unwrap();
    pdf.extend_from_slice(&deflated);
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = pdf.len();
    write!(
        pdf,
        "xref\n0 1\n0000000000 65535 f \n{metadata} 1\n{offset:010} 00000 n \ntrailer\n<< /Size {size} /Root {root} 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n"
    )
    .unwrap();
    fs::write(&file, &pdf).unwrap();
    let run = capped(&["info", file.to_str().unwrap()], ADDRESS_SPACE);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("หนองบัว"), "{}", run.stdout);
    assert!(run.peak_mb < 300, "{} MB", run.peak_mb);
}

#[test]
fn an_encrypted_pdf_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    render_ok(&repo("samples/short-example.json"), &plain, &[]);
    let locked = dir.path().join("locked.pdf");
    tool(
        "qpdf",
        &[
            "--encrypt",
            "secret",
            "owner",
            "256",
            "--",
            plain.to_str().unwrap(),
            locked.to_str().unwrap(),
        ],
    );
    for command in ["info", "extract"] {
        let output = run(&[command, locked.to_str().unwrap()], None);
        assert_ne!(output.status.code(), Some(0));
        assert!(
            stderr(&output).contains("this PDF is encrypted"),
            "{command}: {}",
            stderr(&output)
        );
    }
}

/// Random datasets of up to 30 KB (valid and hostile pieces mixed) render, or are refused,
/// within the memory cap: never aborted, never killed.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => "[กขคงจนมยรลวสหอ][ิีุู]?[่้]?[าะ]?".prop_map(|s| s),
        1 => (1usize..60).prop_map(|n| format!("ก{}", "\u{0E48}".repeat(n))),
        1 => (900usize..1100).prop_map(|n| "ข".repeat(n)),
        1 => "[ -~]{1,40}",
        1 => Just(" ".to_owned()),
        1 => Just("\u{202E}".to_owned()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..12).prop_map(|p| p.concat())
}

fn rich() -> impl Strategy<Value = Value> {
    let leaf = text().prop_map(Value::from);
    leaf.prop_recursive(2, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::vec(inner, 0..6).prop_map(|items| json!({"list": items})),
        ]
    })
}

fn random_dataset() -> impl Strategy<Value = Value> {
    (rich(), proptest::collection::vec((rich(), rich(), text()), 1..6)).prop_map(|(intro, measures)| {
        let measures: Vec<Value> = measures
            .into_iter()
            .map(|(method, result, measure)| json!({"measure": measure, "method": method, "responsible": "", "period": "ตลอดปี", "result": result, "outcome": ""}))
            .collect();
        json!({"organization": {"name": "อบต.สว่าง"}, "fiscal_year": 2567, "introduction": intro, "measures": measures})
    })
}

#[test]
fn random_datasets_render_within_the_memory_cap() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8);
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16);
    let config = ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(value in random_dataset())| {
        let bytes = serde_json::to_vec(&value).unwrap();
        prop_assume!(bytes.len() <= 30 * 1024);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("random.json");
        fs::write(&file, &bytes).unwrap();
        let out = dir.path().join("out.pdf");
        let run = capped(&["render", file.to_str().unwrap(), "-o", out.to_str().unwrap()], ADDRESS_SPACE);
        prop_assert!(matches!(run.code, Some(0 | 1)), "exit {:?}: {}", run.code, run.stderr);
        prop_assert!(run.peak_mb < 1024, "{} MB", run.peak_mb);
    });
}
