//! What `scripts/dist` ships besides the Windows program (tests/windows.rs): the Linux binary
//! runs on any Linux (static, no glibc at all) and renders the same bytes as the test build;
//! `--version` names the commit; the checksums list matches the files.
//!
//! Tests of dist/ artefacts say why and pass where they are not built, unless
//! ITA_REPORT_REQUIRE_DIST is set (CI, after `.ci/run` built them).

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::common::*;

/// dist/NAME, or None (after saying why) where it is not built and CI does not require it.
fn artefact(name: &str, part: &str) -> Option<PathBuf> {
    let path = repo(&format!("dist/{name}"));
    if path.is_file() {
        return Some(path);
    }
    let why = format!("{} is not built: run `scripts/dist {part}`", path.display());
    assert!(
        std::env::var_os("ITA_REPORT_REQUIRE_DIST").is_none(),
        "ITA_REPORT_REQUIRE_DIST is set but {why}"
    );
    eprintln!("skipped: {why}");
    None
}

fn git_commit() -> Option<String> {
    let output = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(repo("."))
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

#[test]
fn version_names_the_version_and_the_commit() {
    let output = run(&["--version"], None);
    assert!(output.status.success());
    let said = String::from_utf8_lossy(&output.stdout);
    let commit = git_commit().unwrap_or_else(|| "unknown".into());
    assert_eq!(
        said.trim(),
        format!("ita-report {} (commit {commit})", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn linux_binary_is_static_and_renders_the_same_bytes() {
    let Some(binary) = artefact("ita-report-linux-x86_64", "linux") else {
        return;
    };
    // No interpreter (ld-linux) and no shared library: nothing of the system's glibc is used,
    // so it runs on Debian 11 and on any other x86-64 Linux.
    let headers = tool("objdump", &["-p", binary.to_str().unwrap()]);
    assert!(
        !headers.contains("INTERP"),
        "has a dynamic loader:\n{headers}"
    );
    assert!(
        !headers.contains("NEEDED"),
        "needs shared libraries:\n{headers}"
    );
    let symbols = Command::new("objdump")
        .args(["-T", binary.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&symbols.stdout).contains("GLIBC_"),
        "uses glibc symbols"
    );

    let version = Command::new(&binary).arg("--version").output().unwrap();
    assert_eq!(
        version.stdout,
        run(&["--version"], None).stdout,
        "dist/ita-report-linux-x86_64 is from another build than this checkout: run `scripts/dist linux`"
    );
    let dir = tempfile::tempdir().unwrap();
    for sample in ["samples/sawang-2567.json", "samples/short-example.json"] {
        let ours = dir.path().join("test-build.pdf");
        render_ok(&repo(sample), &ours, &[]);
        let shipped = dir.path().join("shipped.pdf");
        let output = Command::new(&binary)
            .args(["render", repo(sample).to_str().unwrap(), "-o"])
            .arg(&shipped)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            fs::read(&ours).unwrap() == fs::read(&shipped).unwrap(),
            "{sample}: the static binary's PDF differs from the test build's"
        );
    }
}

#[test]
fn windows_program_needs_only_windows_own_dlls() {
    let Some(exe) = artefact("ita-report.exe", "windows") else {
        return;
    };
    let headers = tool("x86_64-w64-mingw32-objdump", &["-p", exe.to_str().unwrap()]);
    let dlls: Vec<String> = headers
        .lines()
        .filter_map(|line| line.trim().strip_prefix("DLL Name: "))
        .map(str::to_lowercase)
        .collect();
    assert!(dlls.contains(&"kernel32.dll".to_owned()), "{dlls:?}");
    for dll in &dlls {
        let system = SYSTEM_DLLS.contains(&dll.as_str()) || dll.starts_with("api-ms-win-");
        assert!(
            system,
            "{dll} is not part of Windows: it would have to ship beside the program"
        );
    }
}

/// DLLs every 64-bit Windows 10 and 11 has.
const SYSTEM_DLLS: &[&str] = &[
    "advapi32.dll",
    "bcrypt.dll",
    "bcryptprimitives.dll",
    "crypt32.dll",
    "gdi32.dll",
    "kernel32.dll",
    "msvcrt.dll",
    "ntdll.dll",
    "ole32.dll",
    "oleaut32.dll",
    "shell32.dll",
    "user32.dll",
    "userenv.dll",
    "ws2_32.dll",
];

#[test]
fn checksums_list_every_artefact() {
    let Some(sums) = artefact("SHA256SUMS", "") else {
        return;
    };
    let listed = fs::read_to_string(&sums).unwrap();
    assert!(!listed.trim().is_empty());
    let output = Command::new("sha256sum")
        .args(["--check", "--strict", "SHA256SUMS"])
        .current_dir(repo("dist"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "dist/SHA256SUMS does not match dist/:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
