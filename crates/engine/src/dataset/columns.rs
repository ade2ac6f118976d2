//! The table's columns: which ones each document has, their headings, and their widths from
//! their content, like a word processor's autofit. Each column starts from a share that
//! blends the official design with how much text it holds, then every column is made wide
//! enough for its widest run that may not break (a unit name such as งานประชาสัมพันธ์) and
//! its heading, taking the room from the columns that can give it. When even that does not
//! fit the page, the widths follow what each column needs, and the layout breaks the runs
//! still too wide (see `thai::segment`).

use serde::Serialize;

use super::normalise::{Document, LayoutBlock, LayoutMeasure};
use crate::fonts::advance_em;

/// The width of the official layout's table: A4 landscape (841.89 pt) less the margins of
/// 3 cm and 2 cm, in points.
pub const TABLE_WIDTH_PT: f64 = 841.89 - 85.04 - 56.69;
/// Padding on each side of a cell's text, in points.
pub const CELL_INSET_PT: f64 = 5.0;
/// The table's text size for a body size (13 pt for 16 pt).
pub fn table_size(body_size: Option<f64>) -> f64 {
    body_size.unwrap_or(16.0) * 13.0 / 16.0
}
/// A column never asks for more than this share of the table for its widest run (a long
/// code then breaks inside the cell).
const MOST_NEEDED: f64 = 0.4;
/// Nor gets less than this many ems of text.
const LEAST_EMS: f64 = 3.0;
/// Bold headings are about this much wider than the regular face the advances come from.
const BOLD: f64 = 1.1;
/// How much of a column's starting share comes from the official design (the rest from
/// its share of the text).
const DESIGN_WEIGHT: f64 = 0.5;
/// A column's starting share stays within these multiples of its share in the design.
const SHARE_RANGE: (f64, f64) = (0.7, 1.4);
/// Starting shares move in steps of this much of the table (about 3.5 pt), so that typing a
/// few letters does not move every column rule of the table: the editor's preview then
/// redraws only the page being typed on, and the table holds still under the clerk's eyes.
const SHARE_STEP: f64 = 0.005;

/// One column of the table as the layout draws it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayoutColumn {
    /// The measure's field it shows: "measure", "method", "responsible", "period",
    /// "result" or "outcome".
    pub key: &'static str,
    /// The heading, as words that do not break inside.
    pub label: &'static [&'static str],
    /// Its share of the table's width (the shares add up to 1).
    pub fraction: f64,
}

/// (key, heading words, share in the official design)
type ColumnSpec = (&'static str, &'static [&'static str], f64);

const REPORT: [ColumnSpec; 6] = [
    ("measure", &["มาตรการ/", "กิจกรรม"], 1.6),
    ("method", &["วิธีการ", "ดำเนินการ"], 2.35),
    ("responsible", &["ผู้รับผิดชอบ"], 1.2),
    ("period", &["ระยะเวลา"], 1.2),
    ("result", &["ผลการ", "ดำเนินการ"], 2.45),
    ("outcome", &["ผลลัพธ์", "หรือ", "ความสำเร็จ"], 1.8),
];

const PLAN: [ColumnSpec; 4] = [
    ("measure", &["มาตรการ/", "กิจกรรม"], 2.4),
    ("method", &["วิธีการ", "ดำเนินการ"], 3.6),
    ("responsible", &["ผู้รับผิดชอบ"], 1.5),
    ("period", &["ระยะเวลา", "ดำเนินการ"], 1.5),
];

/// The columns of `document` with widths fitted to `measures` at this body size.
pub fn columns(
    document: Document,
    measures: &[LayoutMeasure],
    body_size: Option<f64>,
) -> Vec<LayoutColumn> {
    let specs: &[ColumnSpec] = match document {
        Document::Report => &REPORT,
        Document::Plan => &PLAN,
    };
    let size = table_size(body_size);
    let pad = 2.0 * CELL_INSET_PT;
    let mut needs = Vec::with_capacity(specs.len());
    let mut amounts = Vec::with_capacity(specs.len());
    for (key, label, _) in specs {
        let (widest, amount) = measures
            .iter()
            .map(|m| cell_need(key, m))
            .fold((0.0, 0.0), |(w, a), (cw, ca)| (f64::max(w, cw), a + ca));
        let heading = label
            .iter()
            .map(|w| advance_em(w) * BOLD)
            .fold(0.0, f64::max);
        let need = widest.max(heading).max(LEAST_EMS) * size + pad;
        needs.push(need.min(MOST_NEEDED * TABLE_WIDTH_PT));
        amounts.push(amount);
    }
    let design_total: f64 = specs.iter().map(|s| s.2).sum();
    let amount_total: f64 = amounts.iter().sum();
    let shares: Vec<f64> = specs
        .iter()
        .zip(&amounts)
        .map(|(spec, amount)| {
            let design = spec.2 / design_total;
            if amount_total > 0.0 {
                let blended =
                    DESIGN_WEIGHT * design + (1.0 - DESIGN_WEIGHT) * amount / amount_total;
                let blended = (blended / SHARE_STEP).round() * SHARE_STEP;
                blended.clamp(SHARE_RANGE.0 * design, SHARE_RANGE.1 * design)
            } else {
                design
            }
        })
        .collect();
    let widths = fit(&shares, &needs, TABLE_WIDTH_PT);
    specs
        .iter()
        .zip(widths)
        .map(|((key, label, _), width)| LayoutColumn {
            key,
            label,
            // Four decimals: plenty, and the data stays short.
            fraction: (width / TABLE_WIDTH_PT * 10_000.0).round() / 10_000.0,
        })
        .collect()
}

/// Widths that add up to `total`: each column its share, but never less than it needs; the
/// room a column needs comes from those that can give it.
fn fit(shares: &[f64], needs: &[f64], total: f64) -> Vec<f64> {
    let needed: f64 = needs.iter().sum();
    if needed >= total {
        return needs.iter().map(|n| n * total / needed).collect();
    }
    let mut fixed = vec![false; shares.len()];
    let mut widths = vec![0.0; shares.len()];
    loop {
        let room = total
            - needs
                .iter()
                .zip(&fixed)
                .filter(|(_, f)| **f)
                .map(|(n, _)| n)
                .sum::<f64>();
        let free: f64 = shares
            .iter()
            .zip(&fixed)
            .filter(|(_, f)| !**f)
            .map(|(s, _)| s)
            .sum();
        let mut changed = false;
        for i in 0..shares.len() {
            widths[i] = if fixed[i] {
                needs[i]
            } else {
                shares[i] / free * room
            };
        }
        for i in 0..shares.len() {
            if !fixed[i] && widths[i] < needs[i] {
                fixed[i] = true;
                changed = true;
            }
        }
        if !changed {
            return widths;
        }
    }
}

/// What one cell asks of its column, in ems: its widest run that may not break (with the
/// indent of the lists it sits in) and its amount of text (the sum of its lines' widths).
fn cell_need(key: &str, m: &LayoutMeasure) -> (f64, f64) {
    let blocks = match key {
        "measure" => &m.measure,
        "method" => &m.method,
        "responsible" => &m.responsible,
        "period" => &m.period,
        "result" => &m.result,
        _ => &m.outcome,
    };
    let (widest, amount) = blocks_need(blocks);
    if key == "measure" {
        // The number (up to "๑๒.") runs into the first line, as the layout writes it.
        (widest + 1.5, amount + 1.5)
    } else {
        (widest, amount)
    }
}

fn blocks_need(blocks: &[LayoutBlock]) -> (f64, f64) {
    blocks.iter().fold((0.0, 0.0), |(w, a), block| {
        let (bw, ba) = match block {
            LayoutBlock::Paragraph { widths, widest, .. } => (*widest, widths.iter().sum()),
            LayoutBlock::List { style, items } => {
                // As the layout indents: plain lists 0.75 em, others the widest marker and a
                // 0.3 em gutter.
                let indent = if *style == "plain" {
                    0.75
                } else {
                    items
                        .iter()
                        .map(|i| advance_em(&i.marker))
                        .fold(0.0, f64::max)
                        + 0.3
                };
                items.iter().fold((0.0, 0.0), |(w, a), item| {
                    let (iw, ia) = blocks_need(&item.body);
                    (f64::max(w, iw + indent), a + ia + indent)
                })
            }
        };
        (f64::max(w, bw), a + ba)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_a_few_letters_leaves_the_columns_where_they_are() {
        use crate::dataset::load;
        use crate::dataset::model::{Block, Rich};
        use crate::dataset::normalise::{NormaliseOptions, normalise};
        let mut dataset = load(include_bytes!("../../../../samples/sawang-2567.json")).unwrap();
        let before = normalise(&dataset, NormaliseOptions::default()).columns;
        let mut moved = 0;
        for typed in ["ก", "กข", "กขค", " เพิ่มเติม", "ผลการดำเนินการ"]
        {
            let Rich(blocks) = &mut dataset.measures[0].result;
            blocks.push(Block::Paragraph(typed.to_owned()));
            if normalise(&dataset, NormaliseOptions::default()).columns != before {
                moved += 1;
            }
            let Rich(blocks) = &mut dataset.measures[0].result;
            blocks.pop();
        }
        assert_eq!(moved, 0, "the columns moved while typing");
    }

    #[test]
    fn columns_keep_their_shares_when_everything_fits() {
        let widths = fit(&[0.5, 0.3, 0.2], &[10.0, 10.0, 10.0], 100.0);
        assert_eq!(widths, [50.0, 30.0, 20.0]);
    }

    #[test]
    fn a_column_widens_for_what_it_needs_and_the_others_give_room() {
        let widths = fit(&[0.5, 0.3, 0.2], &[10.0, 10.0, 35.0], 100.0);
        assert_eq!(widths[2], 35.0);
        assert!((widths[0] - 40.625).abs() < 1e-9 && (widths[1] - 24.375).abs() < 1e-9);
        // When nothing can give, each column gets its need's share.
        let widths = fit(&[0.5, 0.5], &[150.0, 50.0], 100.0);
        assert_eq!(widths, [75.0, 25.0]);
    }
}
