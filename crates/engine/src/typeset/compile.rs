//! Compiles a report world into laid-out pages, turning Typst's diagnostics into messages
//! that name the layout file, line and column.

use std::fmt;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst_layout::PagedDocument;

use super::world::ReportWorld;
use crate::dataset::locate::Position;

/// A Typst error or warning, located in the layout (or another file it read).
#[derive(Debug, Clone, PartialEq)]
pub struct TypstMessage {
    pub is_error: bool,
    /// The file, as the user knows it (`layouts/official.typ`, `my/layout.typ`).
    pub file: Option<String>,
    pub position: Option<Position>,
    pub message: String,
    pub hints: Vec<String>,
}

impl TypstMessage {
    /// An error that belongs to no file.
    pub fn error(message: impl Into<String>) -> TypstMessage {
        TypstMessage {
            is_error: true,
            file: None,
            position: None,
            message: message.into(),
            hints: vec![],
        }
    }

    /// A remark that belongs to no file.
    pub fn note(message: impl Into<String>) -> TypstMessage {
        TypstMessage {
            is_error: false,
            ..TypstMessage::error(message)
        }
    }
}

impl fmt::Display for TypstMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.position) {
            (Some(file), Some(pos)) => write!(f, "{file}:{pos}: ")?,
            (Some(file), None) => write!(f, "{file}: ")?,
            _ => {}
        }
        let kind = if self.is_error { "error" } else { "warning" };
        write!(f, "{kind}: {}", self.message)?;
        for hint in &self.hints {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A laid-out report and the warnings its layout produced.
pub struct Compiled {
    pub document: PagedDocument,
    pub warnings: Vec<TypstMessage>,
}

/// The most pages a report may have before it is turned into a PDF. The dataset's budgets
/// (`dataset::budget`) keep the official layout under 300 pages; a custom layout that
/// makes more (a loop of page breaks) is stopped here rather than exported.
pub const MAX_PAGES: usize = 500;

/// Lays out the report; on failure, every error (and warning) with its place.
pub fn compile(world: &ReportWorld) -> Result<Compiled, Vec<TypstMessage>> {
    let result = typst::compile::<PagedDocument>(world);
    let warnings = messages(world, &result.warnings);
    match result.output {
        Ok(document) if document.pages().len() > MAX_PAGES => {
            let mut all = vec![TypstMessage::error(format!(
                "the layout made {} pages; a report may have at most {MAX_PAGES}",
                document.pages().len()
            ))];
            all.extend(warnings);
            Err(all)
        }
        Ok(document) => Ok(Compiled { document, warnings }),
        Err(errors) => {
            let mut all = messages(world, &errors);
            all.extend(warnings);
            Err(all)
        }
    }
}

/// Locates Typst diagnostics in the files of `world`.
pub fn messages(world: &ReportWorld, diagnostics: &[SourceDiagnostic]) -> Vec<TypstMessage> {
    diagnostics
        .iter()
        .map(|diag| {
            let id = diag.span.id();
            let position = id.and_then(|id| {
                let range = world.range(diag.span)?;
                let text = world.text_of(id)?;
                Some(Position::of_byte(&text, range.start))
            });
            TypstMessage {
                is_error: diag.severity == Severity::Error,
                file: id.map(|id| world.layout().describe_file(id)),
                position,
                message: diag.message.to_string(),
                hints: diag.hints.iter().map(|h| h.v.to_string()).collect(),
            }
        })
        .collect()
}
