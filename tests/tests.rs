//! The integration tests, one binary (as ripgrep does): each module runs the real
//! `ita-report` program or the engine and reads what it makes with real readers (poppler,
//! qpdf, PDFium, pdf.js, headless Chromium).

mod common;

mod batch;
mod conformance;
mod dist;
mod documents;
mod editor;
mod errors;
mod hostile;
mod hostile_cli;
mod import;
mod pdf;
mod property;
mod render;
mod serve;
mod table_text;
mod text_layer;
mod typography;
mod visual;
mod web;
mod windows;
