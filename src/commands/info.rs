//! `ita-report info`: what a rendered report holds, read from the PDF itself.

use serde::Serialize;

use ita_report_engine::readback::ReadReport;

use super::{Failure, display_name};
use crate::args::{CheckFormat, InfoArgs};

#[derive(Serialize)]
struct ReportInfo {
    file: String,
    organization: String,
    district: Option<String>,
    province: Option<String>,
    fiscal_year: i32,
    measures: usize,
    standards: Vec<String>,
    pages: usize,
}

fn info(path: &std::path::Path) -> Result<ReportInfo, Failure> {
    let ReadReport {
        report, dataset, ..
    } = super::read_report(path)?;
    let file = display_name(path);
    Ok(ReportInfo {
        file,
        organization: dataset.organization.name,
        district: dataset.organization.district,
        province: dataset.organization.province,
        fiscal_year: dataset.fiscal_year,
        measures: dataset.measures.len(),
        standards: report.claimed_standards(),
        pages: report.page_count(),
    })
}

pub fn run(args: &InfoArgs) -> Result<(), Failure> {
    let mut worst = 0u8;
    let mut all = Vec::new();
    for path in &args.reports {
        match info(path) {
            Ok(info) => {
                if args.format == CheckFormat::Text {
                    print_text(&info);
                }
                all.push(info);
            }
            Err(failure) => {
                worst = worst.max(failure.exit_code());
                eprint!("{failure}");
            }
        }
    }
    if args.format == CheckFormat::Json {
        println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
    }
    if worst == 0 {
        Ok(())
    } else {
        Err(Failure::Reported(worst))
    }
}

fn print_text(info: &ReportInfo) {
    let standards = if info.standards.is_empty() {
        "plain PDF".to_owned()
    } else {
        info.standards.join(", ")
    };
    println!("{}", info.file);
    println!("  organisation: {}", info.organization);
    if let Some(district) = &info.district {
        println!("  district:     {district}");
    }
    if let Some(province) = &info.province {
        println!("  province:     {province}");
    }
    println!("  fiscal year:  {}", info.fiscal_year);
    println!("  measures:     {}", info.measures);
    println!("  standard:     {standards}");
    println!("  pages:        {}", info.pages);
}
