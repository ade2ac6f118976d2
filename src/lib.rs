//! ita-report: turns a JSON dataset of integrity-and-transparency measures into the official
//! Thai report as PDF.
//!
//! The pipeline runs one way: [`dataset`] (load, check, normalise) → [`typeset`] (Typst world,
//! compile, PDF) → [`output`] (atomic write). The CLI, the tests and any server call these.

pub mod collect;
pub mod dataset;
pub mod import;
pub mod inspect;
pub mod output;
pub mod serve;
pub mod thai;
pub mod typeset;
