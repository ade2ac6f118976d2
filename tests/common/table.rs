//! The measure table read back in place: each cell's text, in order, inside its own box.
//!
//! The boxes are the table's own rules, read from the page content (`qpdf --qdf`): the
//! vertical strokes are the column edges, the horizontal strokes the row edges (the first band
//! of each page is the repeated header). The words and their boxes come from poppler
//! (`pdftotext -raw -bbox`). Rows are walked in order over the pages: a row's bands, joined,
//! must show each of its cells exactly (nothing missing, nothing doubled, nothing from the
//! next cell), and a row may go on into the next band only at the foot of a page.

use std::path::Path;

use super::tool;

/// A word as poppler places it: page (from 1) and box in points, y downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub page: usize,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
    pub text: String,
}

/// The rules of the table on one page, in poppler's coordinates (y downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub page: usize,
    /// Column edges, left to right.
    pub columns: Vec<f64>,
    /// Row edges, top to bottom; the first band is the header.
    pub rows: Vec<f64>,
}

/// `pdftotext -raw -bbox` of a PDF: XHTML with a `<word>` per word, in content-stream order
/// (what copying gives). Without `-raw` poppler orders a word's letters by x and a mark drawn
/// where the next letter starts may come after it (ส่วน as สว่น, อยู่ใน as อยูใ่น).
pub fn bbox_words(pdf: &Path) -> String {
    tool(
        "pdftotext",
        &["-raw", "-bbox", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    )
}

/// The words of `pdftotext -bbox` output, in its order.
pub fn words(xml: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for (page, text) in xml.split("<page").skip(1).enumerate() {
        for w in text.split("<word").skip(1) {
            let Some((head, rest)) = w.split_once('>') else {
                continue;
            };
            out.push(Word {
                page: page + 1,
                x_min: attribute(head, "xMin"),
                y_min: attribute(head, "yMin"),
                x_max: attribute(head, "xMax"),
                y_max: attribute(head, "yMax"),
                text: unescape(rest.split("</word>").next().unwrap_or("")),
            });
        }
    }
    out
}

fn attribute(element: &str, name: &str) -> f64 {
    element
        .split(&format!("{name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The table's rules on each page that has them, from the page content as `qpdf --qdf`
/// writes it (uncompressed, one "%% Contents for page N" section a page).
pub fn grids(pdf: &Path) -> Vec<Grid> {
    let dir = tempfile::tempdir().unwrap();
    let qdf = dir.path().join("qdf.pdf");
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            qdf.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&qdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let heights: Vec<f64> = words_page_heights(pdf);
    let mut out = Vec::new();
    for section in text.split("%% Contents for page ").skip(1) {
        let page: usize = section
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .expect("qpdf numbers the content sections");
        let stream = section
            .split_once("stream")
            .map(|(_, s)| s.split("endstream").next().unwrap_or(""))
            .unwrap_or("");
        let height = heights[page - 1];
        let (mut columns, mut rows) = (Vec::new(), Vec::new());
        for ((x0, y0), (x1, y1)) in stroked_segments(stream) {
            if (x0 - x1).abs() < 0.01 && (y0 - y1).abs() > 1.0 {
                columns.push(x0);
            } else if (y0 - y1).abs() < 0.01 && (x0 - x1).abs() > 1.0 {
                rows.push(height - y0);
            }
        }
        let (columns, rows) = (distinct(columns), distinct(rows));
        if columns.len() >= 2 && rows.len() >= 2 {
            out.push(Grid {
                page,
                columns,
                rows,
            });
        }
    }
    out
}

fn words_page_heights(pdf: &Path) -> Vec<f64> {
    let xml = bbox_words(pdf);
    xml.split("<page")
        .skip(1)
        .map(|p| attribute(p, "height"))
        .collect()
}

/// Sorted, with values closer than half a point merged.
fn distinct(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    values.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    values
}

/// The straight segments stroked (`S`) in a content stream, in page coordinates (y upwards),
/// following `q`/`Q`/`cm`. Enough for the rules Typst draws (`m`, `l`, `S`).
fn stroked_segments(stream: &str) -> Vec<((f64, f64), (f64, f64))> {
    type Matrix = [f64; 6];
    let apply =
        |m: &Matrix, x: f64, y: f64| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    let mut spaced = String::with_capacity(stream.len());
    for c in stream.chars() {
        if matches!(c, '/' | '[' | ']' | '<' | '>' | '(' | ')') {
            spaced.push(' ');
        }
        spaced.push(c);
    }
    let mut ctm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut saved = Vec::new();
    let mut operands: Vec<f64> = Vec::new();
    let mut path: Vec<((f64, f64), (f64, f64))> = Vec::new();
    let mut current = (0.0, 0.0);
    let mut out = Vec::new();
    for token in spaced.split_whitespace() {
        if let Ok(n) = token.parse::<f64>() {
            operands.push(n);
            continue;
        }
        match (token, operands.as_slice()) {
            ("q", _) => saved.push(ctm),
            ("Q", _) => ctm = saved.pop().unwrap_or(ctm),
            ("cm", &[a, b, c, d, e, f]) => {
                let m = ctm;
                ctm = [
                    a * m[0] + b * m[2],
                    a * m[1] + b * m[3],
                    c * m[0] + d * m[2],
                    c * m[1] + d * m[3],
                    e * m[0] + f * m[2] + m[4],
                    e * m[1] + f * m[3] + m[5],
                ];
            }
            ("m", &[x, y]) => current = apply(&ctm, x, y),
            ("l", &[x, y]) => {
                let to = apply(&ctm, x, y);
                path.push((current, to));
                current = to;
            }
            ("S", _) => out.append(&mut path),
            ("f" | "F" | "f*" | "n" | "B" | "b" | "B*" | "b*" | "s", _) => path.clear(),
            _ => {}
        }
        operands.clear();
    }
    out
}

/// Checks that the table of `pdf` shows `cells` (six a row, in column order, each without
/// white space) in place. A description of the first difference otherwise.
pub fn check_cells_in_place(pdf: &Path, cells: &[String]) -> Result<(), String> {
    check_table(&grids(pdf), &words(&bbox_words(pdf)), cells)
}

/// One band of a page (a stretch between two row rules) and the text of each column in it.
struct Band {
    page: usize,
    top: f64,
    last_on_page: bool,
    columns: Vec<String>,
}

/// The check of `check_cells_in_place` on read-back rules and words.
pub fn check_table(grids: &[Grid], words: &[Word], cells: &[String]) -> Result<(), String> {
    let columns = grids
        .first()
        .map(|g| g.columns.len() - 1)
        .ok_or("no table rules found in the PDF")?;
    if !cells.len().is_multiple_of(columns) {
        return Err(format!(
            "{} cells do not fill rows of {columns} columns",
            cells.len()
        ));
    }
    let bands = bands(grids, words)?;
    let mut next = 0;
    for (r, row) in cells.chunks(columns).enumerate() {
        let mut shown = vec![String::new(); columns];
        loop {
            let Some(band) = bands.get(next) else {
                let c = (0..columns).find(|&c| shown[c] != row[c]).unwrap_or(0);
                return Err(format!(
                    "row {} column {}: the table ends before the cell does\n  shown:    {}\n  expected: {}",
                    r + 1,
                    c + 1,
                    shown[c],
                    row[c]
                ));
            };
            next += 1;
            for c in 0..columns {
                shown[c].push_str(&band.columns[c]);
                if !row[c].starts_with(&shown[c]) {
                    return Err(format!(
                        "row {} column {} (page {}, band from y={:.1}): the cell shows other text\n  shown:    {}\n  expected: {}",
                        r + 1,
                        c + 1,
                        band.page,
                        band.top,
                        shown[c],
                        row[c]
                    ));
                }
            }
            if shown == row {
                break;
            }
            if !band.last_on_page {
                let c = (0..columns).find(|&c| shown[c] != row[c]).unwrap();
                return Err(format!(
                    "row {} column {} (page {}): the row's box ends without the rest of the cell: {}",
                    r + 1,
                    c + 1,
                    band.page,
                    &row[c][shown[c].len()..]
                ));
            }
        }
    }
    if let Some(extra) = bands.get(next) {
        return Err(format!(
            "after the last row, page {} shows another row: {}",
            extra.page,
            extra.columns.concat()
        ));
    }
    Ok(())
}

/// The body bands of all pages in order, each column's words in reading order (lines top to
/// bottom, words left to right). A word inside the table that crosses a rule is an error.
fn bands(grids: &[Grid], words: &[Word]) -> Result<Vec<Band>, String> {
    let mut out = Vec::new();
    for grid in grids {
        let mut page_bands: Vec<Vec<Vec<&Word>>> =
            vec![vec![Vec::new(); grid.columns.len() - 1]; grid.rows.len() - 1];
        for word in words.iter().filter(|w| w.page == grid.page) {
            let Some((band, column)) = place(grid, word)? else {
                continue;
            };
            page_bands[band][column].push(word);
        }
        let count = page_bands.len();
        // The first band of each page is the repeated header.
        for (i, columns) in page_bands.into_iter().enumerate().skip(1) {
            out.push(Band {
                page: grid.page,
                top: grid.rows[i],
                last_on_page: i + 1 == count,
                columns: columns.into_iter().map(joined).collect(),
            });
        }
    }
    Ok(out)
}

/// The band (0 is the header) and column of the cell a word of the grid's page is in, `None`
/// outside the table; an error if the word crosses the rules of its cell.
pub fn place(grid: &Grid, word: &Word) -> Result<Option<(usize, usize)>, String> {
    let (x, y) = (
        (word.x_min + word.x_max) / 2.0,
        (word.y_min + word.y_max) / 2.0,
    );
    let band = grid.rows.windows(2).position(|r| y >= r[0] && y < r[1]);
    let column = grid.columns.windows(2).position(|c| x >= c[0] && x < c[1]);
    let (Some(band), Some(column)) = (band, column) else {
        return Ok(None);
    };
    let (l, r) = (grid.columns[column], grid.columns[column + 1]);
    let (t, b) = (grid.rows[band], grid.rows[band + 1]);
    if word.x_min < l - 0.5 || word.x_max > r + 0.5 || word.y_min < t - 2.0 || word.y_max > b + 2.0
    {
        return Err(format!(
            "page {}: {:?} crosses the rules of its cell (x {:.1}–{:.1} in {l:.1}–{r:.1}, y {:.1}–{:.1} in {t:.1}–{b:.1})",
            grid.page, word.text, word.x_min, word.x_max, word.y_min, word.y_max
        ));
    }
    Ok(Some((band, column)))
}

/// A cell's words, in the order the page draws them, as one string without white space.
fn joined(words: Vec<&Word>) -> String {
    words
        .iter()
        .flat_map(|w| w.text.chars().filter(|c| !c.is_whitespace()))
        .collect()
}
