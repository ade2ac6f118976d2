//! Writes a finished file atomically: a temporary file in the same folder, synced, then
//! renamed over the target. A failed run leaves no partial file and never touches an
//! existing one.

use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    // A new file gets the usual permissions (tempfile creates 0600), as a plain write would.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(path) {
            Ok(existing) => existing.permissions().mode(),
            Err(_) => 0o644,
        };
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    // On failure the temporary file is removed when `temp` drops.
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.pdf");
        std::fs::write(&target, b"old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no/such/folder/report.pdf");
        assert!(write_atomic(&target, b"x").is_err());
        assert!(!target.exists());
    }
}
