//! The ita-report engine: bytes in, bytes and values out. It turns a dataset of
//! integrity-and-transparency measures into the official Thai report as PDF, checks datasets,
//! imports the documents offices already have and reads reports back.
//!
//! No file system, threads, clocks or network: it builds for the host and for
//! `wasm32-unknown-unknown` alike, and the command line, the server and the browser all call
//! it. The pipeline runs one way: [`dataset`] (load, check, normalise) → [`typeset`] (Typst
//! world, compile, PDF); [`import`] makes a dataset from other documents and [`readback`] gets
//! it out of a report again. [`fonts`] and [`thai`] are the leaves every stage uses.

pub mod dataset;
pub mod fonts;
pub mod import;
pub mod readback;
pub mod thai;
pub mod typeset;
