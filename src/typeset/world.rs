//! The Typst world a report is compiled in: the bundled fonts, the layout as the main file,
//! and the normalised dataset as the virtual file `/data.json`. Nothing else is reachable but
//! the files beside a custom layout; no system fonts, no packages, no network.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts;

/// The path under which layouts read the dataset: `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The official layout, compiled into the binary.
const OFFICIAL_LAYOUT: &str = include_str!("../../layouts/official.typ");

/// The layout a report is set with.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The Typst source of the main file.
    source: Source,
    /// For a custom layout, its folder: the only place its other files may come from.
    folder: Option<PathBuf>,
    /// The name diagnostics show for the main file.
    display_name: String,
}

impl Layout {
    /// `layouts/official.typ`, as built into the binary.
    pub fn official() -> Layout {
        static OFFICIAL: LazyLock<Layout> = LazyLock::new(|| Layout {
            source: Source::new(file_id("/official.typ"), OFFICIAL_LAYOUT.to_owned()),
            folder: None,
            display_name: "layouts/official.typ".to_owned(),
        });
        OFFICIAL.clone()
    }

    /// A layout file on disk; it may read other files in its own folder.
    pub fn from_file(path: &Path) -> std::io::Result<Layout> {
        let text = std::fs::read_to_string(path)?;
        let id = path
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| format!("/{n}") != DATA_PATH)
            .and_then(|n| try_file_id(&format!("/{n}")))
            .unwrap_or_else(|| file_id("/layout.typ"));
        let folder = path
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .unwrap_or(Path::new("."));
        Ok(Layout {
            source: Source::new(id, text),
            folder: Some(folder.canonicalize()?),
            display_name: path.display().to_string(),
        })
    }

    /// How diagnostics name the file `id`.
    pub fn describe_file(&self, id: FileId) -> String {
        if id == self.source.id() {
            return self.display_name.clone();
        }
        let vpath = id.get().vpath().get_with_slash().to_owned();
        match &self.folder {
            Some(folder) if vpath != DATA_PATH => folder
                .join(vpath.trim_start_matches('/'))
                .display()
                .to_string(),
            _ => vpath,
        }
    }
}

/// Everything Typst needs to compile one report.
pub struct ReportWorld {
    layout: Layout,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl ReportWorld {
    /// A world for `layout` reading `data` as `/data.json`; `today` is what `datetime.today()`
    /// gives, fixed so that output stays reproducible.
    pub fn new(layout: Layout, data: Vec<u8>, today: Option<Datetime>) -> ReportWorld {
        ReportWorld {
            layout,
            data_id: file_id(DATA_PATH),
            data: Bytes::new(data),
            today,
        }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The text of a file, for turning byte offsets into lines and columns.
    pub fn text_of(&self, id: FileId) -> Option<String> {
        if id == self.layout.source.id() {
            return Some(self.layout.source.text().to_owned());
        }
        let bytes = self.file(id).ok()?;
        std::str::from_utf8(&bytes).ok().map(str::to_owned)
    }

    fn read_beside_layout(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        let VirtualRoot::Project = rooted.root() else {
            return Err(FileError::Other(Some(
                "packages are not available: a layout may only use files in its own folder".into(),
            )));
        };
        let Some(folder) = &self.layout.folder else {
            return Err(FileError::NotFound(PathBuf::from(
                rooted.vpath().get_with_slash(),
            )));
        };
        let path = rooted.vpath().realize(folder).map_err(FileError::Realize)?;
        // Links could lead out of the folder: only what really lies inside it is readable.
        let real = path
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &path))?;
        if !real.starts_with(folder) {
            return Err(FileError::AccessDenied);
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&real)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &path))
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts::bundled().book
    }

    fn main(&self) -> FileId {
        self.layout.source.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.layout.source.id() {
            return Ok(self.layout.source.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if id == self.layout.source.id() {
            return Ok(Bytes::from_string(self.layout.source.clone()));
        }
        self.read_beside_layout(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts::bundled().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// The id of a file at `path` in the project root, if the path is a valid Typst path.
fn try_file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The id of one of our own fixed paths.
fn file_id(path: &'static str) -> FileId {
    try_file_id(path).expect("the tool's own virtual paths are valid")
}
