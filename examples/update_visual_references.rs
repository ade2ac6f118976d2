//! Rewrites the reference pages of tests/visual.rs (tests/visual/sawang-2567-N.png) from the
//! sample as the program renders it now: the only way they change (never inside `cargo test`).
//! Run `cargo run --release --example update_visual_references`, then look at the pages.

#[path = "../tests/common/raster.rs"]
mod raster;

use std::fs;
use std::path::Path;

use ita_report_engine::dataset::load;
use ita_report_engine::typeset::{Layout, RenderOptions, render};

/// As tests/visual.rs compares them.
const DPI: u32 = 200;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = fs::read(root.join("samples/sawang-2567.json")).expect("the sample");
    let dataset = load(&bytes).expect("the sample is valid");
    let pdf = render(&dataset, Layout::official(), &RenderOptions::default())
        .expect("the sample renders")
        .pdf;
    let folder = root.join("tests/visual");
    fs::create_dir_all(&folder).expect("tests/visual");
    for old in fs::read_dir(&folder).expect("tests/visual") {
        let old = old.expect("an entry").path();
        if old.extension().is_some_and(|e| e == "png") {
            fs::remove_file(old).expect("remove an old reference");
        }
    }
    let pages = raster::rasterize(&pdf, DPI);
    let mut total = 0;
    for (i, page) in pages.iter().enumerate() {
        let png = raster::encode_png(page);
        total += png.len();
        fs::write(folder.join(format!("sawang-2567-{}.png", i + 1)), png).expect("write");
    }
    println!(
        "wrote {} reference pages ({} kB) to {}: look at them before committing",
        pages.len(),
        total / 1000,
        folder.display()
    );
}
