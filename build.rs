//! Tells the program which commit it was built from, for `ita-report --version`.
//!
//! `ITA_REPORT_COMMIT` (set by whoever builds from a tarball or in a container without `.git`)
//! wins; otherwise `git rev-parse` in the checkout; otherwise "unknown". Only the commit goes
//! in (no time, no path, no dirty flag that depends on file times), so the same commit
//! gives the same bytes.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-env-changed=ITA_REPORT_COMMIT");
    let commit = match std::env::var("ITA_REPORT_COMMIT") {
        Ok(commit) if !commit.trim().is_empty() => commit.trim().to_owned(),
        _ => git_commit().unwrap_or_else(|| "unknown".to_owned()),
    };
    println!("cargo::rustc-env=ITA_REPORT_COMMIT={commit}");
}

/// The checked-out commit (12 hex digits), and reruns when HEAD or the branch moves.
fn git_commit() -> Option<String> {
    // A tarball unpacked inside some other repository must not take that repository's commit.
    let top = std::fs::canonicalize(git(&["rev-parse", "--show-toplevel"])?).ok()?;
    let here = std::fs::canonicalize(std::env::var_os("CARGO_MANIFEST_DIR")?).ok()?;
    if top != here {
        return None;
    }
    let git_dir = PathBuf::from(git(&["rev-parse", "--git-dir"])?);
    let common_dir = PathBuf::from(git(&["rev-parse", "--git-common-dir"])?);
    watch(&git_dir.join("HEAD"));
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watch(&common_dir.join(branch));
        watch(&common_dir.join("packed-refs"));
    }
    git(&["rev-parse", "--short=12", "HEAD"])
}

fn watch(path: &Path) {
    if path.exists() {
        println!("cargo::rerun-if-changed={}", path.display());
    }
}

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
}
