//! The engine for the browser: the functions the editor calls, compiled to WebAssembly with
//! wasm-bindgen (`--target web`). Each takes and gives plain values (strings, bytes, objects);
//! every failure the clerk can cause comes back as a thrown value `{kind, message, problems?,
//! warnings?}`, never as a trap. A bug that panics anyway traps once, and the next call runs
//! on a fresh instance (the panic hook schedules wasm-bindgen's re-initialisation).
//!
//! The pure work lives in [`api`], which the host's tests call directly; this file only
//! converts values at the JavaScript boundary.

pub mod api;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

pub use api::Failure;

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys_console_error(&format!(
            "ita-report engine: internal error (a bug, the next call starts afresh): {info}"
        ));
        wasm_bindgen::handler::schedule_reinit();
    }));
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn web_sys_console_error(message: &str);
}

/// The dataset's JSON text, as a string or as the bytes of a file (a file's bytes are checked
/// as `ita-report check` checks a file: a file that is not UTF-8 is a problem, not garbage).
fn dataset_bytes(value: JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    if value.is_instance_of::<Uint8Array>() {
        return Ok(Uint8Array::from(value).to_vec());
    }
    Err(to_js(Failure::options(
        "the dataset must be JSON text (a string) or a file's bytes (a Uint8Array)",
    )))
}

/// The PDF of a dataset (JSON text or a file's bytes), with the same options as the command line, by name:
/// `{pdf_standard, digits, date_style, font_size, justify, line_breaks, attach}`.
#[wasm_bindgen]
pub fn render(dataset_json: JsValue, options: JsValue) -> Result<Uint8Array, JsValue> {
    let choices = choices_of(options)?;
    let pdf = api::render(&dataset_bytes(dataset_json)?, &choices).map_err(to_js)?;
    Ok(Uint8Array::from(pdf.as_slice()))
}

/// `{ok, problems: [{path, line, column, message, hint}], truncated}`: the same problems as
/// `ita-report check --format json`.
#[wasm_bindgen]
pub fn check(dataset_json: JsValue) -> Result<JsValue, JsValue> {
    to_value(&api::check(&dataset_bytes(dataset_json)?))
}

/// The report's pages as SVG documents, one string a page.
#[wasm_bindgen]
pub fn preview(dataset_json: JsValue, options: JsValue) -> Result<Array, JsValue> {
    let choices = choices_of(options)?;
    let pages = api::preview(&dataset_bytes(dataset_json)?, &choices).map_err(to_js)?;
    Ok(pages.into_iter().map(JsValue::from).collect())
}

/// `{pages, measures}`: the report's pages as SVG documents and, for each measure, where its
/// row starts (`{page, top}`: page index from 0, top as a fraction of the page's height;
/// `null` when the layout does not mark it). The editor's preview follows the measure edited.
#[wasm_bindgen(js_name = previewReport)]
pub fn preview_report(dataset_json: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let choices = choices_of(options)?;
    let report = api::preview_report(&dataset_bytes(dataset_json)?, &choices).map_err(to_js)?;
    to_value(&report)
}

/// A date as a clerk types it ("1 ต.ค. 2567", "๑ ต.ค. ๖๗", "1/10/2567" or ISO):
/// `{iso, text, problem}`, with `text` the way the editor shows it ("๑ ต.ค. ๒๕๖๗") and
/// `problem` `{message, message_th}` when it is no date. The same reader as import's periods.
#[wasm_bindgen(js_name = readDate)]
pub fn read_date(text: &str) -> Result<JsValue, JsValue> {
    to_value(&ita_report_engine::import::period::read_typed_date(text))
}

/// A dataset (JSON text) from a report file an office already has: Word (.docx), a workbook
/// (.xlsx, .ods), .csv or a tab-separated .txt export; the format comes from `file_name`.
#[wasm_bindgen(js_name = importFile)]
pub fn import_file(file_name: &str, bytes: &[u8]) -> Result<String, JsValue> {
    api::import_file(file_name, bytes.to_vec(), &api::ImportChoices::default())
        .map(|imported| imported.dataset)
        .map_err(to_js)
}

/// Like `importFile`, with choices `{org, year, sheet, join_broken_words}`, giving
/// `{dataset, warnings}`: what could not be understood, with its place in the file.
#[wasm_bindgen(js_name = importFileWithWarnings)]
pub fn import_file_with_warnings(
    file_name: &str,
    bytes: &[u8],
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let choices: api::ImportChoices = from_value(options)?;
    let imported = api::import_file(file_name, bytes.to_vec(), &choices).map_err(to_js)?;
    to_value(&imported)
}

/// The dataset (JSON text) a report made by ita-report carries.
#[wasm_bindgen]
pub fn extract(pdf_bytes: &[u8]) -> Result<String, JsValue> {
    api::extract(pdf_bytes).map_err(to_js)
}

/// The rich text (a dataset cell's JSON value) of a cell's text as a clerk types it: one
/// paragraph a line, "๑." / "1." a numbered item, "-" a dash item, "•" a bullet item. The
/// same parser as import: "๙๙.๘๒ คะแนน" and "1.5 ล้านบาท" stay text.
#[wasm_bindgen(js_name = parseCell)]
pub fn parse_cell(text: &str) -> Result<JsValue, JsValue> {
    to_value(&ita_report_engine::import::cell::parse_cell(text))
}

/// A cell's rich text (its JSON value) as the text a clerk edits; `parseCell` reads it back.
#[wasm_bindgen(js_name = cellText)]
pub fn cell_text(rich: JsValue) -> Result<String, JsValue> {
    let value: serde_json::Value = serde_wasm_bindgen::from_value(rich)
        .map_err(|e| to_js(Failure::options(format!("not rich text: {e}"))))?;
    api::cell_text(&value).map_err(to_js)
}

/// The JSON Schema of the dataset.
#[wasm_bindgen]
pub fn schema() -> String {
    api::schema()
}

/// Panics on purpose: the tests use it to see that the engine works again after a bug.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTest)]
pub fn panic_for_test() {
    panic!("a deliberate panic, from the tests");
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

fn choices_of(
    options: JsValue,
) -> Result<ita_report_engine::typeset::choices::RenderChoices, JsValue> {
    from_value(options)
}

/// A value from JavaScript (`undefined` and `null` give the defaults).
fn from_value<T: serde::de::DeserializeOwned + Default>(value: JsValue) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| to_js(Failure::options(e.to_string())))
}

/// A value for JavaScript: maps as plain objects.
fn to_value<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

fn to_js(failure: Failure) -> JsValue {
    to_value(&failure).unwrap_or_else(|e| e)
}
