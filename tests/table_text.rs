//! The table-text check (tests/common/table.rs: each cell's text, in order, inside its own
//! box) against the sample's real `pdftotext -raw -bbox` output edited the way a defect would
//! edit the page: every word of the table deleted, every word doubled, every line deleted,
//! every word moved into the neighbouring cell, and the expectation with a word moved to the
//! next cell. Each edit must fail the check; the honest render passes.

use std::fs;

use crate::common::table::{Grid, Word, bbox_words, check_table, grids, place, words};
use crate::common::*;
use serde_json::Value;

struct Sample {
    grids: Vec<Grid>,
    words: Vec<Word>,
    cells: Vec<String>,
}

fn sample() -> Sample {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sawang.pdf");
    render_ok(&repo("samples/sawang-2567.json"), &pdf, &[]);
    let data: Value =
        serde_json::from_slice(&fs::read(repo("samples/sawang-2567.json")).unwrap()).unwrap();
    Sample {
        grids: grids(&pdf),
        words: words(&bbox_words(&pdf)),
        cells: expected_cells(&data, |_| "๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗".into()),
    }
}

impl Sample {
    /// Indices of the words in the table's body, with their page, band and column.
    fn body_words(&self) -> Vec<(usize, usize, usize, usize)> {
        self.words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                let grid = self.grids.iter().find(|g| g.page == w.page)?;
                let (band, column) = place(grid, w).unwrap()?;
                (band > 0).then_some((i, w.page, band, column))
            })
            .collect()
    }

    /// Asserts that every edited word list fails the check; how many were tried.
    fn all_fail(&self, what: &str, edits: impl Iterator<Item = (String, Vec<Word>)>) -> usize {
        let mut tried = 0;
        for (name, edited) in edits {
            assert!(
                check_table(&self.grids, &edited, &self.cells).is_err(),
                "{what}: {name} passes the check"
            );
            tried += 1;
        }
        eprintln!("{what}: {tried} edits, all caught");
        tried
    }
}

#[test]
fn the_honest_render_passes() {
    let s = sample();
    check_table(&s.grids, &s.words, &s.cells).unwrap();
    assert!(
        s.body_words().len() > 400,
        "the sample's table has its words"
    );
}

#[test]
fn every_deleted_or_doubled_word_fails() {
    let s = sample();
    let body = s.body_words();
    let deleted = body.iter().map(|&(i, ..)| {
        let mut w = s.words.clone();
        let gone = w.remove(i);
        (format!("deleting {:?} (page {})", gone.text, gone.page), w)
    });
    assert_eq!(s.all_fail("deleted word", deleted), body.len());
    let doubled = body.iter().map(|&(i, ..)| {
        let mut w = s.words.clone();
        w.insert(i + 1, w[i].clone());
        (format!("doubling {:?} (page {})", w[i].text, w[i].page), w)
    });
    assert_eq!(s.all_fail("doubled word", doubled), body.len());
}

#[test]
fn every_deleted_line_fails() {
    let s = sample();
    // A line: the words of one cell on one baseline, by (page, band, column, baseline).
    type Line = ((usize, usize, usize, i64), Vec<usize>);
    let mut lines: Vec<Line> = Vec::new();
    for (i, page, band, column) in s.body_words() {
        let key = (page, band, column, (s.words[i].y_max * 2.0).round() as i64);
        match lines.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i),
            None => lines.push((key, vec![i])),
        }
    }
    let line_text = |members: &[usize]| -> String {
        members.iter().map(|&i| s.words[i].text.as_str()).collect()
    };
    assert!(
        lines
            .iter()
            .any(|(_, m)| line_text(m).ends_with("ของหน่วยงาน")),
        "the audit's line ending ของหน่วยงาน is among them"
    );
    let edits = lines.iter().map(|(_, members)| {
        let w = s
            .words
            .iter()
            .enumerate()
            .filter(|(i, _)| !members.contains(i))
            .map(|(_, w)| w.clone())
            .collect();
        (format!("deleting the line {:?}", line_text(members)), w)
    });
    assert!(s.all_fail("deleted line", edits) > 100);
}

#[test]
fn a_word_moved_to_the_neighbouring_cell_fails() {
    let s = sample();
    // On the page: each word of the first five columns drawn in the next column instead.
    let moved = s
        .body_words()
        .into_iter()
        .filter(|&(.., c)| c < 5)
        .map(|(i, page, _, c)| {
            let grid = s.grids.iter().find(|g| g.page == page).unwrap();
            let shift = grid.columns[c + 1] - grid.columns[c];
            let mut w = s.words.clone();
            w[i].x_min += shift;
            w[i].x_max += shift;
            (
                format!("moving {:?} (page {page}) one column right", w[i].text),
                w,
            )
        });
    assert!(s.all_fail("word moved on the page", moved) > 300);
    // In the expectation: a cell's last word expected at the start of the next cell instead.
    let mut tried = 0;
    for (n, cell) in s.cells.iter().enumerate() {
        if n % 6 == 5 || cell.is_empty() {
            continue;
        }
        let last = s
            .words
            .iter()
            .map(|w| squash(&w.text))
            .filter(|w| !w.is_empty() && cell.ends_with(w.as_str()) && w.len() < cell.len())
            .max_by_key(|w| w.len())
            .unwrap();
        let mut cells = s.cells.clone();
        cells[n].truncate(cell.len() - last.len());
        cells[n + 1].insert_str(0, &last);
        assert!(
            check_table(&s.grids, &s.words, &cells).is_err(),
            "expecting {last:?} in cell {} instead of {n} passes",
            n + 1
        );
        tried += 1;
    }
    eprintln!("word moved in the expectation: {tried} edits, all caught");
    assert!(tried >= 20);
}
