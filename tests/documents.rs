//! The plan and the report from one dataset (`--document plan|report`), and the title block
//! that follows the ITA assessment year.

use std::fs;
use std::path::Path;

use crate::common::*;
use serde_json::{Value, json};

/// The text of a PDF without white space (poppler, content order).
fn squashed_text(pdf: &Path) -> String {
    pdftotext_raw(pdf)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The sawang sample as a report on the fiscal year 2568 (so for ITA 2569), with a round.
fn dataset_2568() -> Value {
    let mut dataset: Value =
        serde_json::from_slice(&fs::read(repo("samples/sawang-2567.json")).unwrap()).unwrap();
    dataset["fiscal_year"] = json!(2568);
    dataset["round"] = json!("รอบ ๑๒ เดือน");
    dataset
}

fn render_dataset(dir: &Path, dataset: &Value, name: &str, extra: &[&str]) -> String {
    let json = dir.join(format!("{name}.json"));
    fs::write(&json, dataset.to_string()).unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    render_ok(&json, &pdf, extra);
    squashed_text(&pdf)
}

#[test]
fn plan_and_report_from_one_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = dataset_2568();
    let first = &dataset["measures"][0];
    // The start of each cell's first item (a long cell may go on over a page break).
    let start = |cell: &Value| -> String {
        squash(cell["list"][0].as_str().unwrap())
            .chars()
            .take(20)
            .collect()
    };
    let (method, result) = (start(&first["method"]), start(&first["result"]));
    let report = render_dataset(dir.path(), &dataset, "report", &[]);
    let plan = render_dataset(dir.path(), &dataset, "plan", &["--document", "plan"]);
    let explicit = render_dataset(dir.path(), &dataset, "explicit", &["--document", "report"]);
    assert_eq!(report, explicit, "report is the default document");

    // The report: ITA 2569's title, item O26 and the round in the title block; six columns.
    for expected in [
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "การประเมินคุณธรรมและความโปร่งใส(ITA)ประจำปีพ.ศ.๒๕๖๙ข้อO26",
        "(รอบ๑๒เดือน)",
        "ประจำปีงบประมาณพ.ศ.๒๕๖๘",
        "ผลการดำเนินการ",
        "ผลลัพธ์หรือความสำเร็จ",
        &method,
        &result,
    ] {
        assert!(report.contains(expected), "report lacks {expected}");
    }
    // The plan: its own title, the four planning columns, no results.
    for expected in [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ",
        "(รอบ๑๒เดือน)",
        "มาตรการ/กิจกรรม",
        "วิธีการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลาดำเนินการ",
        &method,
    ] {
        assert!(plan.contains(expected), "plan lacks {expected}");
    }
    for absent in [
        &result[..],
        "ผลลัพธ์หรือความสำเร็จ",
        "รายงานผลการดำเนินการ",
        "ข้อO26",
    ] {
        assert!(!plan.contains(absent), "plan shows {absent}");
    }
}

#[test]
fn title_and_item_follow_the_assessment_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut dataset: Value =
        serde_json::from_slice(&fs::read(repo("samples/short-example.json")).unwrap()).unwrap();
    // A report on the fiscal year 2567 goes to ITA 2568: the earlier title, no known item.
    let fiscal = 2567;
    dataset["fiscal_year"] = json!(fiscal);
    let before = render_dataset(dir.path(), &dataset, "before", &[]);
    assert!(before.contains("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"));
    assert!(!before.contains("เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"));
    assert!(
        !before.contains("(ITA)ประจำปีพ.ศ."),
        "no item is known for that year"
    );

    // Saying the assessment is ITA 2569 gives its title and item; the dataset's own item wins.
    dataset["assessment_year"] = json!(2569);
    let ita_2569 = render_dataset(dir.path(), &dataset, "ita2569", &[]);
    assert!(ita_2569.contains("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"));
    assert!(ita_2569.contains("(ITA)ประจำปีพ.ศ.๒๕๖๙ข้อO26"));
    dataset["ita_item"] = json!("O27");
    dataset["title"] = json!("รายงานผลการดำเนินงานของเรา");
    let own = render_dataset(dir.path(), &dataset, "own", &[]);
    assert!(own.contains("ข้อO27") && own.contains("รายงานผลการดำเนินงานของเรา"));

    // An assessment before the year it looks at is refused, with where and why.
    dataset["assessment_year"] = json!(fiscal - 1);
    let json = dir.path().join("bad.json");
    fs::write(&json, serde_json::to_string_pretty(&dataset).unwrap()).unwrap();
    let output = run(&["check", json.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stdout).into_owned() + &stderr(&output);
    assert!(
        message.contains("assessment_year") && message.contains("comes before the fiscal year"),
        "{message}"
    );
}
