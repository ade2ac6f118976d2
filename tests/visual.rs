//! Page images: the text-layer repair moves no pixel, and the sample's pages match the
//! committed references (tests/visual/, pdftoppm -r 50) within a small tolerance.
//! Refresh the references on purpose with: UPDATE_VISUAL_REFERENCES=1 cargo test --release --test visual

use std::fs;
use std::path::Path;

use crate::common::*;
use ita_report_engine::dataset::load;
use ita_report_engine::typeset::{Layout, RenderOptions, render};

/// A page as 8-bit RGB pixels.
struct Page {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

fn decode(png_bytes: &[u8]) -> Page {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("pdftoppm writes PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("page size")];
    let info = reader.next_frame(&mut pixels).expect("one frame");
    pixels.truncate(info.buffer_size());
    Page {
        width: info.width,
        height: info.height,
        pixels,
    }
}

/// The pages of a PDF at `dpi`, as PNG files' bytes.
fn rasterize(pdf: &[u8], dpi: u32) -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.pdf");
    fs::write(&file, pdf).unwrap();
    let prefix = dir.path().join("page");
    tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            &dpi.to_string(),
            file.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut pages: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    pages.iter().map(|p| fs::read(p).unwrap()).collect()
}

fn render_bytes(dataset: &Path, options: &RenderOptions) -> Vec<u8> {
    let dataset = load(&fs::read(dataset).unwrap()).unwrap();
    render(&dataset, Layout::official(), options).unwrap().pdf
}

#[test]
fn text_layer_repair_moves_no_pixel() {
    for dataset in [
        "samples/sawang-2567.json",
        "samples/short-example.json",
        "tests/data/long-thai.json",
    ] {
        let repaired = render_bytes(&repo(dataset), &RenderOptions::default());
        let raw = render_bytes(
            &repo(dataset),
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
            let (a, b) = (decode(a), decode(b));
            assert!(
                a.pixels == b.pixels,
                "{dataset} page {} differs with and without the repair",
                i + 1
            );
        }
    }
}

/// Share of pixels that differ clearly (any channel by more than 48 of 255).
fn difference(a: &Page, b: &Page) -> f64 {
    if (a.width, a.height) != (b.width, b.height) {
        return 1.0;
    }
    let channels = a.pixels.len() / (a.width * a.height) as usize;
    let differing = a
        .pixels
        .chunks(channels)
        .zip(b.pixels.chunks(channels))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 48))
        .count();
    differing as f64 / (a.width * a.height) as f64
}

#[test]
fn sample_pages_match_the_references() {
    let folder = repo("tests/visual");
    let pages = rasterize(
        &render_bytes(&repo("samples/sawang-2567.json"), &RenderOptions::default()),
        50,
    );
    if std::env::var_os("UPDATE_VISUAL_REFERENCES").is_some() {
        fs::create_dir_all(&folder).unwrap();
        for old in fs::read_dir(&folder).unwrap() {
            fs::remove_file(old.unwrap().path()).unwrap();
        }
        for (i, page) in pages.iter().enumerate() {
            fs::write(folder.join(format!("sawang-2567-{}.png", i + 1)), page).unwrap();
        }
        eprintln!(
            "wrote {} reference pages to {}",
            pages.len(),
            folder.display()
        );
        return;
    }
    let references = fs::read_dir(&folder).map(|d| d.count()).unwrap_or(0);
    assert_eq!(
        pages.len(),
        references,
        "page count changed; if on purpose, refresh the references (see this file's header)"
    );
    for (i, page) in pages.iter().enumerate() {
        let name = format!("sawang-2567-{}.png", i + 1);
        let reference =
            fs::read(folder.join(&name)).unwrap_or_else(|_| panic!("missing reference {name}"));
        let share = difference(&decode(page), &decode(&reference));
        if share > 0.002 {
            let failed = std::env::temp_dir().join(format!("ita-report-visual-{name}"));
            fs::write(&failed, page).unwrap();
            panic!(
                "{name} drifted: {:.2}% of pixels differ (render saved to {}); if on purpose, refresh the references",
                share * 100.0,
                failed.display()
            );
        }
    }
}
