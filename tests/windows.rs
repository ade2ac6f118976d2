//! The Windows program, `dist/ita-report.exe` as `scripts/dist windows` ships it, run under
//! Debian's Wine: the same PDF bytes as the Linux build, the same exit codes, Thai folder and
//! file names with spaces, and a double-click (no arguments) that starts the editor.
//!
//! Wine 8.0 has no bcryptprimitives.dll (Rust's standard library calls its ProcessPrng; Windows
//! 10 and later have it), so each test runs a COPY of the program with a shim DLL beside it
//! (tests/wine/bcryptprimitives.c, built here with mingw); the shipped program has no shim.
//!
//! Without dist/ita-report.exe, Wine or mingw these tests say so and pass, unless
//! ITA_REPORT_REQUIRE_DIST is set (CI sets it after `.ci/run` built the program), where a
//! missing piece fails them.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::common::*;

/// The Windows program (a copy beside the shim) and how to run it under Wine.
struct Wine {
    exe: PathBuf,
    _dir: tempfile::TempDir,
}

/// Why the Windows program cannot be run here, if it cannot.
fn missing_piece() -> Option<String> {
    let exe = repo("dist/ita-report.exe");
    if !exe.is_file() {
        return Some(format!(
            "{} is not built: run `scripts/dist windows`",
            exe.display()
        ));
    }
    if wine_command().is_none() {
        return Some("Wine is not installed: apt-get install wine64".into());
    }
    if Command::new("x86_64-w64-mingw32-gcc")
        .arg("--version")
        .output()
        .is_err()
    {
        return Some("mingw is not installed: apt-get install gcc-mingw-w64-x86-64".into());
    }
    None
}

/// The program under Wine, or None (after saying why) where it cannot run and CI does not
/// require it.
fn wine() -> Option<Wine> {
    if let Some(why) = missing_piece() {
        assert!(
            std::env::var_os("ITA_REPORT_REQUIRE_DIST").is_none(),
            "ITA_REPORT_REQUIRE_DIST is set but {why}"
        );
        eprintln!("skipped: {why}");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("ita-report.exe");
    fs::copy(repo("dist/ita-report.exe"), &exe).unwrap();
    let shim = Command::new("x86_64-w64-mingw32-gcc")
        .args(["-shared", "-O2", "-o"])
        .arg(dir.path().join("bcryptprimitives.dll"))
        .arg(repo("tests/wine/bcryptprimitives.c"))
        .arg("-ladvapi32")
        .output()
        .unwrap();
    assert!(
        shim.status.success(),
        "{}",
        String::from_utf8_lossy(&shim.stderr)
    );
    prefix();
    let wine = Wine { exe, _dir: dir };
    // A program left from an earlier commit would test the wrong thing.
    let version = wine.run(&["--version"], Path::new("."));
    let linux = run(&["--version"], None);
    let (windows, linux) = (text(&version.stdout), text(&linux.stdout));
    assert_eq!(
        windows, linux,
        "dist/ita-report.exe is from another build than this checkout: run `scripts/dist windows`"
    );
    Some(wine)
}

fn wine_command() -> Option<PathBuf> {
    ["/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine"]
        .iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
}

/// One Wine prefix for the whole run, under target/, made once (the first start takes a while).
fn prefix() -> &'static Path {
    static PREFIX: OnceLock<PathBuf> = OnceLock::new();
    PREFIX.get_or_init(|| {
        let prefix = repo("target/wine-prefix");
        fs::create_dir_all(&prefix).unwrap();
        let boot = wine_env(Command::new(wine_command().unwrap()), &prefix)
            .args(["wineboot", "--init"])
            .output()
            .unwrap();
        assert!(boot.status.success(), "wineboot: {}", text(&boot.stderr));
        prefix
    })
}

fn wine_env(mut command: Command, prefix: &Path) -> Command {
    command
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        // No Mono or Gecko installer dialogs, no window at all.
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        // Unix file names are UTF-8: Wine turns them into Windows' UTF-16 names.
        .env("LC_ALL", "C.UTF-8")
        .env("BROWSER", "none");
    command
}

impl Wine {
    fn command(&self, args: &[&str], cwd: &Path) -> Command {
        let mut command = wine_env(Command::new(wine_command().unwrap()), prefix());
        command.arg(&self.exe).args(args).current_dir(cwd);
        command
    }

    fn run(&self, args: &[&str], cwd: &Path) -> Output {
        self.command(args, cwd)
            .stdin(Stdio::null())
            .output()
            .expect("wine runs")
    }
}

/// The Windows name of a Unix path under Wine (drive Z: is the Unix root).
fn windows_path(path: &Path) -> String {
    format!("Z:{}", path.to_str().unwrap().replace('/', "\\"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Renders `dataset` with the Linux build and with the Windows program; both PDFs' bytes.
fn render_both(wine: &Wine, dataset: &Path, out_dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let linux_pdf = out_dir.join("linux.pdf");
    render_ok(dataset, &linux_pdf, &[]);
    let windows_pdf = out_dir.join("windows.pdf");
    let output = wine.run(
        &[
            "render",
            &windows_path(dataset),
            "-o",
            &windows_path(&windows_pdf),
        ],
        out_dir,
    );
    assert!(
        output.status.success(),
        "ita-report.exe render {}: {}",
        dataset.display(),
        text(&output.stderr)
    );
    (fs::read(linux_pdf).unwrap(), fs::read(windows_pdf).unwrap())
}

#[test]
fn windows_program_renders_both_samples_byte_for_byte_like_linux() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    for sample in ["samples/sawang-2567.json", "samples/short-example.json"] {
        let (linux, windows) = render_both(&wine, &repo(sample), dir.path());
        assert!(linux.starts_with(b"%PDF-"), "{sample}: not a PDF");
        assert!(
            linux == windows,
            "{sample}: the Windows PDF ({} bytes) differs from the Linux one ({} bytes)",
            windows.len(),
            linux.len()
        );
    }
}

#[test]
fn windows_program_reads_and_writes_thai_folder_and_file_names_with_spaces() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("รายงาน ITA ปี ๒๕๖๗");
    fs::create_dir(&folder).unwrap();
    let dataset = folder.join("อบต. สว่าง.json");
    fs::copy(repo("samples/short-example.json"), &dataset).unwrap();

    let (linux, windows) = render_both(&wine, &dataset, &folder);
    assert!(linux == windows, "the PDF of a Thai-named dataset differs");

    // Without -o the PDF goes beside the dataset, under its Thai name.
    let output = wine.run(&["render", &windows_path(&dataset)], &folder);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        fs::read(folder.join("อบต. สว่าง.pdf")).unwrap() == linux,
        "the PDF written beside the Thai-named dataset differs"
    );

    let output = wine.run(&["check", &windows_path(&dataset)], &folder);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
}

#[test]
fn windows_program_check_reports_a_bad_dataset_with_exit_code_1() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    let dataset = dir.path().join("bad.json");
    fs::write(
        &dataset,
        r#"{"organization": {"name": "อบต.สว่าง"}, "fiscal_year": "สองห้าหกเจ็ด", "measures": []}"#,
    )
    .unwrap();
    let linux = run(&["check", dataset.to_str().unwrap()], None);
    assert_eq!(linux.status.code(), Some(1));
    let output = wine.run(&["check", &windows_path(&dataset)], dir.path());
    assert_eq!(
        output.status.code(),
        Some(1),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
    // The same problems, only the file's name is written the Windows way.
    let said = |output: &Output| text(&output.stdout) + &text(&output.stderr);
    assert_eq!(
        said(&output).replace(&windows_path(&dataset), "DATASET"),
        said(&linux).replace(dataset.to_str().unwrap(), "DATASET"),
    );
    assert!(said(&output).contains("fiscal_year"), "{}", said(&output));
}

#[test]
fn windows_double_click_starts_the_editor_on_a_free_loopback_port() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut child = wine
        .command(&[], dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("wine runs");
    // Lines as they come, read on a thread so that a program that hangs cannot hang the test.
    let (lines, said_lines) = std::sync::mpsc::channel();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut said = String::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !said.contains("close this window") {
        let left = deadline.saturating_duration_since(Instant::now());
        match said_lines.recv_timeout(left) {
            Ok(line) => said.push_str(&(line + "\n")),
            Err(_) => break,
        }
    }
    let url = said
        .lines()
        .find_map(|line| line.strip_prefix("listening on http://"))
        .map(str::to_owned);
    let health = url.as_deref().map(|addr| get_healthz(addr.trim()));
    let _ = child.kill();
    let _ = child.wait();

    let addr = url.unwrap_or_else(|| panic!("no address printed:\n{said}"));
    assert!(addr.starts_with("127.0.0.1:"), "not on loopback: {addr}");
    assert!(!addr.ends_with(":8080"), "not a free port: {addr}");
    assert_eq!(health.unwrap(), "ok", "GET /healthz");
    for words in ["เปิดในเบราว์เซอร์", "ปิดหน้าต่างนี้", "Ctrl+C", "close this window"]
    {
        assert!(said.contains(words), "{words:?} not in:\n{said}");
    }
    assert!(said.contains(&format!("http://{}/", addr.trim())), "{said}");
}

fn get_healthz(addr: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("the editor's port answers");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .trim()
        .to_owned()
}
