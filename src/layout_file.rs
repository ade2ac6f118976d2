//! A custom layout on disk (`render --layout FILE.typ`): its source, and the files of its own
//! folder, the only other files it may read. Links that lead out of the folder are refused.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ita_report_engine::typeset::{Layout, LayoutFileError, LayoutFiles};

/// Reads the layout at `path`.
pub fn load(path: &Path) -> std::io::Result<Layout> {
    let source = std::fs::read_to_string(path)?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let files = FolderFiles {
        folder: folder.canonicalize()?,
    };
    Ok(Layout::custom(
        path.display().to_string(),
        source,
        Some(Arc::new(files)),
    ))
}

/// The files of one folder, by `/`-separated paths relative to it.
#[derive(Debug)]
struct FolderFiles {
    /// Canonical, so that what a path really leads to can be compared with it.
    folder: PathBuf,
}

impl FolderFiles {
    fn path_of(&self, path: &str) -> PathBuf {
        let mut full = self.folder.clone();
        for part in path.split('/').filter(|p| !p.is_empty() && *p != ".") {
            full.push(part);
        }
        full
    }
}

impl LayoutFiles for FolderFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, LayoutFileError> {
        let full = self.path_of(path);
        let real = full.canonicalize().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LayoutFileError::NotFound,
            std::io::ErrorKind::PermissionDenied => LayoutFileError::AccessDenied,
            _ => LayoutFileError::Other(e.to_string()),
        })?;
        // `..` or a link could lead out of the folder: only what really lies inside is read.
        if !real.starts_with(&self.folder) {
            return Err(LayoutFileError::AccessDenied);
        }
        if real.is_dir() {
            return Err(LayoutFileError::IsDirectory);
        }
        std::fs::read(&real).map_err(|e| LayoutFileError::Other(e.to_string()))
    }

    fn describe(&self, path: &str) -> String {
        self.path_of(path).display().to_string()
    }
}
