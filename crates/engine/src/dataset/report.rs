//! Problems as portals read them: the JSON shape shared by `ita-report check --format json`
//! and the HTTP API of `ita-report serve`.

use serde::Serialize;

use super::problem::{InvalidDataset, Problem};

/// One problem: JSON path (empty for the file as a whole), line and column, message, hint,
/// and for the clerk the same in Thai with the place named as the editor names it
/// (`place_th`: "มาตรการที่ ๑ › ระยะเวลา › ถึง").
#[derive(Debug, Clone, Serialize)]
pub struct ProblemReport {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    pub place_th: String,
    pub message_th: String,
    pub hint_th: Option<String>,
}

impl From<&Problem> for ProblemReport {
    fn from(p: &Problem) -> Self {
        ProblemReport {
            path: if p.path.is_root() {
                String::new()
            } else {
                p.path.to_string()
            },
            line: p.position.map(|pos| pos.line),
            column: p.position.map(|pos| pos.column),
            message: p.message.clone(),
            hint: p.hint.clone(),
            place_th: p.path.place_th(),
            message_th: p.message_th.clone(),
            hint_th: p.hint_th.clone(),
        }
    }
}

/// Every problem of an invalid dataset, in file order.
pub fn problem_reports(error: &InvalidDataset) -> Vec<ProblemReport> {
    error.problems.iter().map(ProblemReport::from).collect()
}
