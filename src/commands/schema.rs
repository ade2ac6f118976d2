//! `ita-report schema`: prints the JSON Schema of dataset v1.

use ita_report_engine::dataset::schema::dataset_schema_text;

use super::Failure;

pub fn run() -> Result<(), Failure> {
    print!("{}", dataset_schema_text());
    Ok(())
}
