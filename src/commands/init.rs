//! `ita-report init`: writes a starting dataset whose example texts explain what goes where,
//! with one example measure per list style.

use ita_report_engine::dataset::load;
use ita_report_engine::dataset::model::{
    Block, Dataset, DateRange, List, ListStyle, Measure, Organization, Period, Rich, Signatory,
};
use ita_report_engine::import::title::read_title_block;
use ita_report_engine::thai::dates::{BE_OFFSET, Date, fiscal_year_bounds};

use super::{Failure, is_stdio, open_output, write_output};
use crate::args::InitArgs;

/// Where the JSON Schema goes beside the dataset (`ita-report schema > schema/dataset-v1.json`).
const SCHEMA_LINK: &str = "schema/dataset-v1.json";

fn text(s: &str) -> Rich {
    Rich(vec![Block::Paragraph(s.to_owned())])
}

fn list(style: ListStyle, items: &[&str]) -> Block {
    Block::List(List {
        list: items.iter().map(|s| text(s)).collect(),
        style,
    })
}

/// Today's fiscal year (Buddhist Era): it starts on 1 October.
fn current_fiscal_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month) = civil_from_days((secs / 86_400) as i64);
    year + BE_OFFSET + i32::from(month >= 10)
}

/// Year and month of a day counted from 1970-01-01 (H. Hinnant's civil-from-days).
fn civil_from_days(days: i64) -> (i32, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as i32, month as u8)
}

/// The starting dataset.
pub fn starter(org: Option<&str>, fiscal_year: i32) -> Dataset {
    let name = org.unwrap_or("องค์การบริหารส่วนตำบลตัวอย่าง");
    let short_name = read_title_block(&[name.to_owned()])
        .0
        .organization
        .and_then(|o| o.short_name);
    let (start, end) = fiscal_year_bounds(fiscal_year);
    let whole_year = Period::Dates(DateRange { start, end });
    let measure = |n: &str, style: ListStyle, name: &str, period: Period| Measure {
        measure: text(&format!(
            "ชื่อมาตรการ{n} (ไม่ต้องพิมพ์เลขลำดับ โปรแกรมใส่ ๑. ๒. ให้เอง)"
        )),
        method: Rich(vec![list(
            style,
            &[
                &if style == ListStyle::Numbered {
                    "ขั้นตอนแรก: รายการเลข ๑. ๒. (แบบที่ใช้เมื่อไม่ใส่ \"style\")".to_owned()
                } else {
                    format!("ขั้นตอนแรก: รายการแบบ \"style\": \"{name}\"")
                },
                "ขั้นตอนถัดไป: แต่ละรายการเป็นข้อความหนึ่งรายการใน \"list\"",
            ],
        )]),
        responsible: text("สำนักปลัด"),
        period,
        result: Rich(vec![
            Block::Paragraph("ผลการดำเนินการ: ย่อหน้าแรก".into()),
            list(ListStyle::Dash, &["รายการย่อยแบบขีด ใส่ต่อจากย่อหน้าได้"]),
        ]),
        outcome: text("ผลลัพธ์หรือความสำเร็จของมาตรการ"),
    };
    Dataset {
        schema: Some(SCHEMA_LINK.into()),
        organization: Organization {
            name: name.to_owned(),
            short_name,
            district: Some("ชื่ออำเภอ (ไม่ต้องพิมพ์คำว่าอำเภอ)".into()),
            province: Some("ชื่อจังหวัด (ไม่ต้องพิมพ์คำว่าจังหวัด)".into()),
        },
        fiscal_year,
        title: None,
        assessment_year: None,
        ita_item: None,
        round: None,
        introduction: text("ตามที่…(บทนำเหนือตาราง: เขียนเป็นย่อหน้า ใช้ \\n ขึ้นบรรทัดใหม่)"),
        measures: vec![
            measure("ที่หนึ่ง", ListStyle::Numbered, "numbered", whole_year.clone()),
            measure(
                "ที่สอง",
                ListStyle::Dash,
                "dash",
                Period::Text(text("ระยะเวลาเป็นข้อความก็ได้ เช่น ตลอดปีงบประมาณ")),
            ),
            measure("ที่สาม", ListStyle::Bullet, "bullet", whole_year.clone()),
            measure("ที่สี่", ListStyle::Plain, "plain", whole_year),
        ],
        signatories: vec![Signatory {
            role: "ผู้รายงาน".into(),
            name: "ชื่อ นามสกุล".into(),
            position: "ตำแหน่ง".into(),
        }],
        report_date: Date::new(end.year, 10, 20),
    }
}

pub fn run(args: &InitArgs) -> Result<(), Failure> {
    let output = &args.output;
    if !is_stdio(output) && output.exists() && !args.force {
        return Err(Failure::Io(format!(
            "{}: the file already exists and was left as it is (give --force to replace it)",
            output.display()
        )));
    }
    let year = args.year.unwrap_or_else(current_fiscal_year);
    let dataset = starter(args.org.as_deref(), year);
    let mut json = serde_json::to_string_pretty(&dataset)
        .map_err(|e| Failure::Io(format!("the dataset could not be written as JSON: {e}")))?;
    json.push('\n');
    load(json.as_bytes()).map_err(|error| Failure::Dataset {
        file: output.display().to_string(),
        error,
    })?;
    let opened = open_output(output, &[], "dataset")?;
    write_output(opened, output, json.as_bytes(), "dataset")?;
    if !is_stdio(output) {
        eprintln!("{}: starting dataset written", output.display());
    }
    eprintln!(
        "hint: `ita-report schema > {SCHEMA_LINK}` (in the dataset's folder) writes the schema it links to, for editors that check JSON as you type"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1));
        // 2024-10-01 is day 19_997.
        assert_eq!(civil_from_days(19_997), (2024, 10));
        assert_eq!(civil_from_days(19_996), (2024, 9));
    }
}
