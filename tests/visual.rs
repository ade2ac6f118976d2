//! Page images: the text-layer repair moves no pixel, and the sample's pages match the
//! committed references (tests/visual/, grey, 200 dpi, where a tone mark is a patch of dozens of
//! pixels) up to the noise measured between two renders.
//! A page fails when any patch of changed pixels (touching, diagonals included) reaches
//! `PATCH` pixels, wherever it is: one tone mark, one sara am or one line is enough (tested
//! below on edited datasets).
//!
//! The references change only by the explicit command
//! `cargo run --release --example update_visual_references` (never inside `cargo test`); look
//! at the pages it writes before committing them.

use std::fs;

use crate::common::raster::{Difference, Gray, decode_png, difference, encode_png, rasterize};
use crate::common::*;
use ita_report_engine::dataset::load;
use ita_report_engine::typeset::{Layout, RenderOptions, render};
use serde_json::Value;

/// The resolution of the references: 13 pt text, a tone mark a patch of 40 pixels or more.
const DPI: u32 = 200;
/// A pixel counts as changed when its grey moves by more than this (of 255) and nothing within
/// one pixel of it in the other page has its grey (so that an edge rounded one pixel further by
/// another build of poppler does not count). The references are stored in 16 greys (±8).
const LEVEL: u8 = 40;
/// A page fails when a patch of changed pixels has this many pixels. The noise measured
/// (`noise_between_two_renders`): two renders give the same bytes, two pdftoppm runs the same
/// pixels, and the honest render against the 16-grey references no changed pixel: 0. The
/// smallest defect below, one mai ek, is a patch of 37 pixels at 200 dpi (21 at 150 dpi, hence
/// 200); a sara am's circle ~500, a line ~250 and more.
const PATCH: usize = 20;

fn render_bytes(dataset: &[u8], options: &RenderOptions) -> Vec<u8> {
    let dataset = load(dataset).unwrap();
    render(&dataset, Layout::official(), options).unwrap().pdf
}

fn sample() -> Vec<u8> {
    fs::read(repo("samples/sawang-2567.json")).unwrap()
}

#[test]
fn text_layer_repair_moves_no_pixel() {
    for dataset in [
        "samples/sawang-2567.json",
        "samples/short-example.json",
        "tests/data/long-thai.json",
    ] {
        let bytes = fs::read(repo(dataset)).unwrap();
        let repaired = render_bytes(&bytes, &RenderOptions::default());
        let raw = render_bytes(
            &bytes,
            &RenderOptions {
                repair_text_layer: false,
                ..RenderOptions::default()
            },
        );
        assert_ne!(
            repaired, raw,
            "the repair changes the text layer of {dataset}"
        );
        // At 100 dpi no glyph origin falls on a rounding knife edge: at 72 dpi one ป of the sample
        // starts exactly on poppler's quarter-pixel boundary and rounds to either side depending on
        // how krilla chained its position (67 pixels, one glyph); the outlines are in the same place.
        let (a, b) = (rasterize(&repaired, 100), rasterize(&raw, 100));
        assert_eq!(a.len(), b.len());
        for (i, (a, b)) in a.iter().zip(&b).enumerate() {
            assert!(
                a == b,
                "{dataset} page {} differs with and without the repair",
                i + 1
            );
        }
    }
}

/// The committed reference pages, in page order.
fn references() -> Vec<Gray> {
    let folder = repo("tests/visual");
    let mut names: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("sawang-2567-") && n.ends_with(".png"))
        .collect();
    names.sort_by_key(|n| {
        n.trim_start_matches("sawang-2567-")
            .trim_end_matches(".png")
            .parse::<usize>()
            .unwrap()
    });
    names
        .iter()
        .map(|n| decode_png(&fs::read(folder.join(n)).unwrap()))
        .collect()
}

/// The first page that differs from its reference by a patch of `PATCH` pixels or more, with
/// the difference; `None` when every page matches.
fn first_drift(pages: &[Gray], references: &[Gray]) -> Option<(usize, Difference)> {
    if pages.len() != references.len() {
        return Some((0, Difference::default()));
    }
    pages
        .iter()
        .zip(references)
        .map(|(p, r)| difference(p, r, LEVEL))
        .enumerate()
        .find(|(_, d)| d.largest >= PATCH)
        .map(|(i, d)| (i + 1, d))
}

#[test]
fn sample_pages_match_the_references() {
    let pages = rasterize(&render_bytes(&sample(), &RenderOptions::default()), DPI);
    let references = references();
    assert_eq!(
        pages.len(),
        references.len(),
        "page count changed; if on purpose, refresh the references (see this file's header)"
    );
    if let Some((page, d)) = first_drift(&pages, &references) {
        let failed = std::env::temp_dir().join(format!("ita-report-visual-{page}.png"));
        fs::write(&failed, encode_png(&pages[page - 1])).unwrap();
        panic!(
            "page {page} drifted: a patch of {} changed pixels at {:?} ({} in all; render saved to \
             {}); if on purpose, refresh the references (see this file's header)",
            d.largest,
            d.at,
            d.pixels,
            failed.display()
        );
    }
}

#[test]
fn noise_between_two_renders() {
    let first = render_bytes(&sample(), &RenderOptions::default());
    let second = render_bytes(&sample(), &RenderOptions::default());
    assert!(first == second, "two renders give the same bytes");
    let (a, b) = (rasterize(&first, DPI), rasterize(&second, DPI));
    assert!(a == b, "two pdftoppm runs give the same pixels");
    // The references are stored in 16 greys: against them the honest render has no change.
    for (i, (page, reference)) in a.iter().zip(&references()).enumerate() {
        let d = difference(page, reference, LEVEL);
        assert_eq!(d.pixels, 0, "page {}: {d:?}", i + 1);
        let plain = difference(page, reference, 8);
        assert_eq!(
            plain.pixels,
            0,
            "16 greys round by 8 at most: page {}",
            i + 1
        );
    }
}

/// The sample with `edit` applied to its text at `pointer` (a JSON pointer to a string).
fn edited(pointer: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut data: Value = serde_json::from_slice(&sample()).unwrap();
    let text = data.pointer_mut(pointer).unwrap();
    let before = text.as_str().unwrap().to_owned();
    let after = edit(&before);
    assert_ne!(before, after, "the edit changes {pointer}");
    *text = Value::from(after);
    serde_json::to_vec(&data).unwrap()
}

/// Asserts that the edited sample fails the comparison; the difference it makes.
fn caught(what: &str, dataset: &[u8]) -> Difference {
    let pages = rasterize(&render_bytes(dataset, &RenderOptions::default()), DPI);
    let (page, d) = first_drift(&pages, &references())
        .unwrap_or_else(|| panic!("{what}: the pages still match the references"));
    eprintln!(
        "{what}: caught on page {page}, a patch of {} pixels at {:?} ({} changed in all)",
        d.largest, d.at, d.pixels
    );
    d
}

#[test]
fn one_missing_tone_mark_fails() {
    // The mai ek of the introduction's first ที่: zero-width, nothing else moves.
    let dataset = edited("/introduction", |t| t.replacen("ที่", "ที", 1));
    let d = caught("one tone mark removed (introduction)", &dataset);
    assert!(
        d.pixels < 200,
        "only the mark changed ({} pixels)",
        d.pixels
    );
    // The mai ek of เผยแพร่ in the first measure's title (the cell's lines may break anew).
    caught(
        "one tone mark removed (a measure's title)",
        &edited("/measures/0/measure", |t| t.replacen("แพร่", "แพร", 1)),
    );
}

#[test]
fn one_missing_sara_am_fails() {
    // ทำให้ written ทาให้ in the last measure's outcome: the circle of one sara am is gone.
    let dataset = edited("/measures/3/outcome", |t| t.replacen("ทำให้", "ทาให้", 1));
    caught("the circle of one sara am removed", &dataset);
}

#[test]
fn one_missing_line_fails() {
    // The last line of the first measure's title, ของหน่วยงาน.
    let dataset = edited("/measures/0/measure", |t| {
        t.strip_suffix("ของหน่วยงาน").unwrap().to_owned()
    });
    caught("the line ของหน่วยงาน removed", &dataset);
}

#[test]
fn references_are_small() {
    let bytes: u64 = fs::read_dir(repo("tests/visual"))
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert!(
        bytes < 1_000_000,
        "the reference pages take {bytes} bytes: keep them small"
    );
}
