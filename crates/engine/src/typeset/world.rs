//! The Typst world a report is compiled in: the bundled fonts, the layout as the main file,
//! and the normalised dataset as the virtual file `/data.json`. Nothing else is reachable but
//! the files beside a custom layout; no system fonts, no packages, no network.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts;

/// The path under which layouts read the normalised document: `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";
/// The path of the dataset itself, as attached to the PDF.
pub const DATASET_PATH: &str = "/dataset.json";
/// The fixed virtual paths of the main file and of the layouts, so that no user-chosen name
/// ever reaches the Typst source that includes them.
const MAIN_PATH: &str = "/__ita_report_main__.typ";
const OFFICIAL_LAYOUT_PATH: &str = "/official.typ";
const CUSTOM_LAYOUT_PATH: &str = "/__layout__.typ";

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The official layout, compiled into the binary.
const OFFICIAL_LAYOUT: &str = include_str!("../../../../layouts/official.typ");

/// Where the other files of a custom layout come from: on the command line, the layout's own
/// folder; in the browser, nothing. The engine itself never touches a file system.
pub trait LayoutFiles: Send + Sync + std::fmt::Debug {
    /// The bytes of `path`, a `/`-separated path relative to the layout (`/logo.png`).
    fn read(&self, path: &str) -> Result<Vec<u8>, LayoutFileError>;
    /// How messages name `path` (a real file name, on the command line).
    fn describe(&self, path: &str) -> String;
}

/// Why a layout's file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutFileError {
    NotFound,
    AccessDenied,
    IsDirectory,
    Other(String),
}

/// The layout a report is set with.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The Typst source of the main file.
    source: Source,
    /// For a custom layout, where its other files may come from.
    files: Option<Arc<dyn LayoutFiles>>,
    /// The name diagnostics show for the main file.
    display_name: String,
}

impl Layout {
    /// `layouts/official.typ`, as built into the binary.
    pub fn official() -> Layout {
        static OFFICIAL: LazyLock<Layout> = LazyLock::new(|| Layout {
            source: Source::new(file_id(OFFICIAL_LAYOUT_PATH), OFFICIAL_LAYOUT.to_owned()),
            files: None,
            display_name: "layouts/official.typ".to_owned(),
        });
        OFFICIAL.clone()
    }

    /// A custom layout from its Typst source; `display_name` names it in messages, `files`
    /// gives the other files it may read (none when `None`).
    pub fn custom(
        display_name: impl Into<String>,
        source: String,
        files: Option<Arc<dyn LayoutFiles>>,
    ) -> Layout {
        Layout {
            source: Source::new(file_id(CUSTOM_LAYOUT_PATH), source),
            files,
            display_name: display_name.into(),
        }
    }

    /// How diagnostics name the file `id`.
    pub fn describe_file(&self, id: FileId) -> String {
        if id == self.source.id() {
            return self.display_name.clone();
        }
        let vpath = id.get().vpath().get_with_slash().to_owned();
        match &self.files {
            Some(files) if vpath != DATA_PATH => files.describe(&vpath),
            _ => vpath,
        }
    }
}

/// Everything Typst needs to compile one report.
pub struct ReportWorld {
    layout: Layout,
    main: Source,
    data: Bytes,
    dataset: Option<Bytes>,
    today: Option<Datetime>,
}

impl ReportWorld {
    /// A world for `layout` reading `data` as `/data.json`; with `dataset`, the main file also
    /// attaches it to the PDF as `dataset.json`. `today` is what `datetime.today()` gives,
    /// fixed so that output stays reproducible.
    pub fn new(
        layout: Layout,
        data: Vec<u8>,
        dataset: Option<Vec<u8>>,
        today: Option<Datetime>,
    ) -> ReportWorld {
        let main = Source::new(file_id(MAIN_PATH), main_text(&layout, dataset.is_some()));
        ReportWorld {
            layout,
            main,
            data: Bytes::new(data),
            dataset: dataset.map(Bytes::new),
            today,
        }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The text of a file, for turning byte offsets into lines and columns.
    pub fn text_of(&self, id: FileId) -> Option<String> {
        let source = self.source(id).ok()?;
        Some(source.text().to_owned())
    }

    fn read_beside_layout(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        let VirtualRoot::Project = rooted.root() else {
            return Err(FileError::Other(Some(
                "packages are not available: a layout may only use files in its own folder".into(),
            )));
        };
        let path = rooted.vpath().get_with_slash();
        let Some(files) = &self.layout.files else {
            return Err(FileError::NotFound(PathBuf::from(path)));
        };
        files.read(path).map(Bytes::new).map_err(|e| match e {
            LayoutFileError::NotFound => FileError::NotFound(PathBuf::from(path)),
            LayoutFileError::AccessDenied => FileError::AccessDenied,
            LayoutFileError::IsDirectory => FileError::IsDirectory,
            LayoutFileError::Other(why) => FileError::Other(Some(why.into())),
        })
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
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if id == self.layout.source.id() {
            return Ok(self.layout.source.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.get().vpath().get_with_slash();
        if matches!(id.get().root(), VirtualRoot::Project) {
            if path == DATA_PATH {
                return Ok(self.data.clone());
            }
            if let (DATASET_PATH, Some(dataset)) = (path, &self.dataset) {
                return Ok(dataset.clone());
            }
        }
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
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

/// The main file: the layout, then the dataset attached as the report's source. Only fixed
/// text goes into it; the data reach Typst as files.
fn main_text(layout: &Layout, attach: bool) -> String {
    let layout_path = layout.source.id().get().vpath().get_with_slash().to_owned();
    let mut text = format!("#include \"{layout_path}\"\n");
    if attach {
        text.push_str(&format!(
            "#pdf.attach(\"{DATASET_PATH}\", relationship: \"source\", mime-type: \"application/json\", \
             description: \"The report's dataset (ita-report dataset v1): ita-report extract reads it back\")\n"
        ));
    }
    text
}

/// The id of one of our own fixed paths.
fn file_id(path: &'static str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the tool's own virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}
