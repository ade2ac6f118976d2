//! Where a command's output goes, decided before any work, so nothing is replaced that must
//! not be:
//! - `-` is standard output;
//! - a new path or a regular file is written atomically: a temporary `.NAME.XXXXXX.partial`
//!   beside it, synced, then renamed over it (a symlink is kept and the file it points at
//!   replaced);
//! - a pipe (FIFO), a terminal or `/dev/stdout` is written into as a stream, never renamed
//!   over (renaming over `/dev/full` as root would replace the device with a file);
//! - a folder or a disk device, and any file the command reads (same device and inode), are
//!   refused.
//!
//! A run stopped by Ctrl-C or SIGTERM removes its partial files ([`remove_partials_on_signal`]);
//! a `kill -9` cannot be caught, so the next write to the same file removes partial files of
//! that name older than [`STALE_AFTER`] (a real write lasts milliseconds).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// How old a partial file must be to count as left over by a killed run.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// The partial files being written now, removed if the process is interrupted.
static PARTIALS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Why an output was refused before any work was done.
#[derive(Debug)]
pub enum Refusal {
    /// The output is one of the files the command reads.
    IsInput(PathBuf),
    /// The output is neither a file nor a stream: what it is instead.
    NotAFile(&'static str),
    /// The output's folder cannot take a file (missing, read-only, …).
    Folder(io::Error),
}

/// An output opened for one write.
pub struct Output {
    sink: Sink,
}

enum Sink {
    Stdout,
    /// A pipe, a terminal, a device: written in place.
    Stream(File),
    /// A regular file (or a new one): a partial file, renamed over `target` when complete.
    Atomic {
        partial: Partial,
        target: PathBuf,
    },
}

impl Output {
    /// Opens `path` for output, refusing it when it is one of `inputs` or cannot be one.
    pub fn open(path: &Path, inputs: &[&Path]) -> Result<Output, Refusal> {
        if path.as_os_str() == "-" {
            return Ok(Output { sink: Sink::Stdout });
        }
        let meta = match fs::metadata(path) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(Refusal::Folder(e)),
        };
        let Some(meta) = meta else {
            return Ok(Output {
                sink: atomic(path.to_path_buf())?,
            });
        };
        if meta.is_dir() {
            return Err(Refusal::NotAFile("it is a folder"));
        }
        if let Some(input) = inputs.iter().find(|input| same_file(path, input)) {
            return Err(Refusal::IsInput(input.to_path_buf()));
        }
        if meta.is_file() && !is_system_path(path) {
            // Through a symlink: replace the file it points at, keep the link.
            let target = fs::canonicalize(path).map_err(Refusal::Folder)?;
            return Ok(Output {
                sink: atomic(target)?,
            });
        }
        if is_block_device(&meta) {
            return Err(Refusal::NotAFile("it is a disk device"));
        }
        // A pipe, a terminal, /dev/stdout, /dev/null: write into it as it is.
        let file = OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(Refusal::Folder)?;
        Ok(Output {
            sink: Sink::Stream(file),
        })
    }

    /// Writes the whole output; a regular file is replaced only once all of it is on disk.
    pub fn write(self, bytes: &[u8]) -> io::Result<()> {
        match self.sink {
            Sink::Stdout => {
                let mut out = io::stdout().lock();
                out.write_all(bytes)?;
                out.flush()
            }
            Sink::Stream(mut file) => {
                file.write_all(bytes)?;
                file.flush()
            }
            Sink::Atomic {
                mut partial,
                target,
            } => partial.finish(bytes, &target),
        }
    }
}

/// Writes `bytes` to the regular file (or new path) `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut partial = Partial::create(path)?;
    partial.finish(bytes, path)
}

fn atomic(target: PathBuf) -> Result<Sink, Refusal> {
    let partial = Partial::create(&target).map_err(Refusal::Folder)?;
    Ok(Sink::Atomic { partial, target })
}

/// A temporary file beside the target, listed in [`PARTIALS`] while it exists.
struct Partial {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Partial {
    fn create(target: &Path) -> io::Result<Partial> {
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("output");
        remove_stale_partials(folder, name);
        // Listed before it exists, so an interruption between the two still removes it.
        let mut list = PARTIALS.lock().unwrap_or_else(|e| e.into_inner());
        let file = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".partial")
            .tempfile_in(folder)?;
        let path = file.path().to_path_buf();
        list.push(path.clone());
        Ok(Partial {
            file: Some(file),
            path,
        })
    }

    fn finish(&mut self, bytes: &[u8], target: &Path) -> io::Result<()> {
        let Some(mut file) = self.file.take() else {
            return Err(io::Error::other("the output was already written"));
        };
        file.write_all(bytes)?;
        file.as_file().sync_all()?;
        // A new file gets the usual permissions (tempfile creates 0600), as a plain write would.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = match fs::metadata(target) {
                Ok(existing) => existing.permissions().mode(),
                Err(_) => 0o644,
            };
            file.as_file()
                .set_permissions(fs::Permissions::from_mode(mode))?;
        }
        // On failure the temporary file is removed when it drops.
        file.persist(target).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        // Dropping the temporary file (if not persisted) removes it.
        self.file = None;
        let mut list = PARTIALS.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|p| p != &self.path);
    }
}

/// Removes `.NAME.XXXXXX.partial` files in `folder` older than [`STALE_AFTER`]: what a run
/// killed with `kill -9` (or a power cut) left of a write to NAME.
fn remove_stale_partials(folder: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(middle) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".partial"))
        else {
            continue;
        };
        if middle.len() != 6 || !middle.bytes().all(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// On Ctrl-C or SIGTERM: removes the partial files being written, says so, and exits with
/// status 3 (nothing was written). Call once, in commands that write files (not `serve`,
/// which stops gracefully instead).
pub fn remove_partials_on_signal() {
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(|| {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(interrupted());
            let list = PARTIALS.lock().unwrap_or_else(|e| e.into_inner());
            for path in list.iter() {
                let _ = fs::remove_file(path);
            }
            eprintln!("interrupted: stopped before the output was complete; nothing was written");
            std::process::exit(3);
        });
    // Without the thread, an interruption still ends the run; only the cleanup is lost.
    drop(spawned);
}

/// Resolves on Ctrl-C or SIGTERM (the one wait for either, also serve's shutdown).
pub(crate) async fn interrupted() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Whether two paths name the same file (same device and inode; standard input by its
/// `/dev/stdin`).
fn same_file(a: &Path, b: &Path) -> bool {
    let b = if b.as_os_str() == "-" {
        if cfg!(unix) {
            Path::new("/dev/stdin")
        } else {
            return false;
        }
    } else {
        b
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// `/dev/…` and `/proc/…` (`/dev/stdout` is a link to the file standard output goes to):
/// written into, never renamed over.
fn is_system_path(path: &Path) -> bool {
    let system = |p: &Path| p.starts_with("/dev") || p.starts_with("/proc");
    cfg!(unix) && (system(path) || fs::canonicalize(path).is_ok_and(|p| system(&p)))
}

#[cfg(unix)]
fn is_block_device(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_block_device()
}

#[cfg(not(unix))]
fn is_block_device(_: &fs::Metadata) -> bool {
    false
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

    #[test]
    fn an_unwritten_output_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.pdf");
        let output = Output::open(&target, &[]).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        drop(output);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let list = PARTIALS.lock().unwrap();
        assert!(!list.iter().any(|p| p.starts_with(dir.path())));
    }

    #[test]
    fn the_input_is_refused_through_another_name() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("s.json");
        std::fs::write(&input, b"{}").unwrap();
        let other = dir.path().join("sub/../s.json");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(matches!(
            Output::open(&other, &[&input]),
            Err(Refusal::IsInput(_))
        ));
        assert_eq!(std::fs::read(&input).unwrap(), b"{}");
    }
}
