//! Page images: PDFs rasterized in grey by poppler, PNG in and out, and the
//! difference of two pages as the largest patch of pixels that changed (a tone mark, a sara am,
//! a line), not as a share of the page. Standalone (no other test helper), so that
//! `examples/update_visual_references.rs` writes the references with the same code.
#![allow(dead_code)]

use std::fs;
use std::process::Command;

/// A page in 8-bit grey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

/// The pages of a PDF at `dpi`, in grey, as poppler's `pdftoppm -gray` draws them.
pub fn rasterize(pdf: &[u8], dpi: u32) -> Vec<Gray> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.pdf");
    fs::write(&file, pdf).unwrap();
    let prefix = dir.path().join("page");
    run(
        "pdftoppm",
        &["-gray", "-r", &dpi.to_string()],
        &file,
        &prefix,
        "apt-get install poppler-utils",
    );
    pages(dir.path(), "pgm")
        .iter()
        .map(|b| decode_pgm(b))
        .collect()
}

fn run(
    tool: &str,
    args: &[&str],
    input: &std::path::Path,
    prefix: &std::path::Path,
    install: &str,
) {
    let output = Command::new(tool)
        .args(args)
        .arg(input)
        .arg(prefix)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed ({install}): {e}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The files of `dir` ending in `.ext`, by name (poppler pads page numbers to one width).
fn pages(dir: &std::path::Path, ext: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths.iter().map(|p| fs::read(p).unwrap()).collect()
}

/// A binary PGM (P5, 8-bit) as poppler writes it.
fn decode_pgm(bytes: &[u8]) -> Gray {
    // Header: "P5", width, height, maxval, each after white space; then one byte of white space.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).unwrap().to_owned());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes binary PGM");
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[at + 1..at + 1 + width * height].to_vec();
    Gray {
        width,
        height,
        pixels,
    }
}

/// A PNG in grey (colour is averaged; alpha, if any, dropped).
pub fn decode_png(bytes: &[u8]) -> Gray {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("page size")];
    let info = reader.next_frame(&mut buffer).expect("one frame");
    let channels = info.color_type.samples();
    let pixels = buffer[..info.buffer_size()]
        .chunks(channels)
        .map(|p| match channels {
            1 | 2 => p[0],
            _ => ((u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3) as u8,
        })
        .collect();
    Gray {
        width: info.width as usize,
        height: info.height as usize,
        pixels,
    }
}

/// The page as a small PNG: 16 grey levels (4 bits a pixel), best compression. Rounding to 16
/// levels moves a pixel by at most 8 of 255, well inside the comparison's tolerance.
pub fn encode_png(page: &Gray) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, page.width as u32, page.height as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Four);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().unwrap();
        let row_bytes = page.width.div_ceil(2);
        let mut data = vec![0u8; row_bytes * page.height];
        for y in 0..page.height {
            for x in 0..page.width {
                let level = (u16::from(page.pixels[y * page.width + x]) + 8) / 17;
                data[y * row_bytes + x / 2] |= (level as u8) << if x % 2 == 0 { 4 } else { 0 };
            }
        }
        writer.write_image_data(&data).unwrap();
    }
    out
}

/// How two pages differ: pixels that changed (see `difference`), and the largest patch of them
/// (touching, diagonals included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Difference {
    /// Pixels that changed.
    pub pixels: usize,
    /// Pixels in the largest patch, and its top-left corner (x, y).
    pub largest: usize,
    pub at: (usize, usize),
}

/// Whether the pixel at `i` of `a` has no pixel within one pixel of it in `b` whose grey is
/// within `level`: an edge that one rasterizer rounds a pixel further than another does not
/// count, a mark that is there in one and not in the other does.
fn unmatched(a: &Gray, b: &Gray, i: usize, level: u8) -> bool {
    let (w, h) = (a.width, a.height);
    let (x, y) = (i % w, i / w);
    let grey = a.pixels[i];
    for ny in y.saturating_sub(1)..=(y + 1).min(h - 1) {
        for nx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
            if grey.abs_diff(b.pixels[ny * w + nx]) <= level {
                return false;
            }
        }
    }
    true
}

/// The difference of `a` and `b`: a pixel changed when, in either page, nothing within one
/// pixel of it has its grey within `level` in the other. Pages of different sizes differ
/// everywhere.
pub fn difference(a: &Gray, b: &Gray, level: u8) -> Difference {
    if (a.width, a.height) != (b.width, b.height) {
        let all = a.width.max(b.width) * a.height.max(b.height);
        return Difference {
            pixels: all,
            largest: all,
            at: (0, 0),
        };
    }
    let (w, h) = (a.width, a.height);
    let mut differs: Vec<bool> = (0..a.pixels.len())
        .map(|i| {
            a.pixels[i].abs_diff(b.pixels[i]) > level
                && (unmatched(a, b, i, level) || unmatched(b, a, i, level))
        })
        .collect();
    let mut result = Difference {
        pixels: differs.iter().filter(|d| **d).count(),
        ..Difference::default()
    };
    let mut stack = Vec::new();
    for start in 0..differs.len() {
        if !differs[start] {
            continue;
        }
        differs[start] = false;
        stack.push(start);
        let (mut size, mut corner) = (0, (w, h));
        while let Some(i) = stack.pop() {
            size += 1;
            let (x, y) = (i % w, i / w);
            corner = (corner.0.min(x), corner.1.min(y));
            for ny in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                    let n = ny * w + nx;
                    if differs[n] {
                        differs[n] = false;
                        stack.push(n);
                    }
                }
            }
        }
        if size > result.largest {
            result.largest = size;
            result.at = corner;
        }
    }
    result
}
