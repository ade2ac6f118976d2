//! The dataset (schema v1) as Rust types: the one source of truth for its shape.
//!
//! These types are produced by [`super::decode`] (which reports every problem with its place)
//! and described to editors by the JSON Schema derived from them (`ita-report schema`).
//! Serialising a [`Dataset`] gives back a valid dataset in canonical form.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Serialize, Serializer};

use crate::thai::dates::Date;

/// The report title used when a dataset gives none.
pub const DEFAULT_TITLE: &str = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส";
/// The report title from ITA 2569 on (item O26), when a dataset gives none.
pub const TITLE_FROM_ITA_2569: &str = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน";
/// The title of the plan (the measures at the start of the fiscal year).
pub const PLAN_TITLE: &str = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน";

/// Lowest and highest fiscal year (Buddhist Era) a dataset may name.
pub const FISCAL_YEAR_RANGE: std::ops::RangeInclusive<i32> = 2400..=2700;

/// An integrity-and-transparency (ITA) measures report of one organisation for one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ita-report dataset v1")]
pub struct Dataset {
    /// Link to this schema, for editors; ignored by the tool.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The organisation that reports.
    pub organization: Organization,
    /// Fiscal year in the Buddhist Era (พ.ศ.), e.g. 2567.
    #[schemars(range(min = 2400, max = 2700))]
    pub fiscal_year: i32,
    /// Report title; default "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    /// from ITA 2569 on "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน".
    /// The plan has its own title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The ITA assessment year (พ.ศ.) the report is submitted to; default fiscal_year + 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 2400, max = 2700))]
    pub assessment_year: Option<i32>,
    /// The ITA item the report answers, e.g. "O26"; by default the item of the assessment
    /// year where it is known (ITA 2566: O43, ITA 2569: O26).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ita_item: Option<String>,
    /// The reporting round shown in the title block, e.g. "รอบ ๖ เดือน" or "รอบ ๑๒ เดือน".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// The introduction paragraph(s) above the table.
    #[serde(default, skip_serializing_if = "Rich::is_empty")]
    pub introduction: Rich,
    /// The measures, one table row each, in order. The tool numbers them (๑., ๒., …).
    #[schemars(length(min = 1))]
    pub measures: Vec<Measure>,
    /// The people who sign the report, shown in the signature block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<Signatory>,
    /// Date of the report (YYYY-MM-DD, Christian Era as in ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_date: Option<Date>,
}

/// The reporting organisation.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Full name, e.g. "องค์การบริหารส่วนตำบลสว่าง".
    #[schemars(length(min = 1))]
    pub name: String,
    /// Short name, e.g. "อบต.สว่าง".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// District without the word อำเภอ, e.g. "โพธิ์ทอง".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Province without the word จังหวัด, e.g. "ร้อยเอ็ด".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
}

/// One row of the measure table: the six cells of the official form.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// มาตรการ/กิจกรรม, without its number.
    pub measure: Rich,
    /// วิธีการดำเนินการ
    pub method: Rich,
    /// ผู้รับผิดชอบ
    pub responsible: Rich,
    /// ระยะเวลา: text, or a date range.
    pub period: Period,
    /// ผลการดำเนินการ
    pub result: Rich,
    /// ผลลัพธ์หรือความสำเร็จ
    pub outcome: Rich,
}

/// A period cell: free text, or a range of dates the tool writes in Thai.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Period {
    /// From `start` to `end`, both inclusive.
    Dates(DateRange),
    /// The period as text, e.g. "ตลอดปีงบประมาณ".
    Text(Rich),
}

/// An inclusive range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// First day, YYYY-MM-DD.
    pub start: Date,
    /// Last day, YYYY-MM-DD; not before `start`.
    pub end: Date,
}

/// A person who signs the report.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// The role after the signature line, e.g. "ผู้รายงาน".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// Full name, shown in parentheses.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Position, e.g. "ปลัดองค์การบริหารส่วนตำบล".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub position: String,
}

/// Rich text: paragraphs and lists. In a dataset it is a string, one block, or an array of
/// blocks; here it is always the list of its blocks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rich(pub Vec<Block>);

impl Rich {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A paragraph or a list.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Block {
    /// A paragraph; "\n" inside it is a line break.
    Paragraph(String),
    /// A list of items.
    List(List),
}

/// A list; each item is rich text, so lists nest.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// The items.
    pub list: Vec<Rich>,
    /// How items are marked; default "numbered" (๑. ๒. …).
    #[serde(default, skip_serializing_if = "ListStyle::is_default")]
    pub style: ListStyle,
}

/// How the items of a list are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ListStyle {
    /// ๑. ๒. ๓.
    #[default]
    Numbered,
    /// - before each item.
    Dash,
    /// • before each item.
    Bullet,
    /// No mark, only the indent.
    Plain,
}

impl ListStyle {
    pub fn is_default(&self) -> bool {
        *self == ListStyle::default()
    }

    /// Every style with its name in a dataset.
    pub const ALL: [(&'static str, ListStyle); 4] = [
        ("numbered", ListStyle::Numbered),
        ("dash", ListStyle::Dash),
        ("bullet", ListStyle::Bullet),
        ("plain", ListStyle::Plain),
    ];
}

impl Serialize for Rich {
    /// A single block is written alone (a paragraph as a plain string); more as an array.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [block] => block.serialize(serializer),
            blocks => blocks.serialize(serializer),
        }
    }
}

impl JsonSchema for Rich {
    fn schema_name() -> Cow<'static, str> {
        "Rich".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let block = generator.subschema_for::<Block>();
        json_schema!({
            "description": "Rich text: a paragraph (string), a list object, or an array of them.",
            "anyOf": [block, { "type": "array", "items": block }]
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date in ISO 8601 form, YYYY-MM-DD, Christian Era (2023-10-01).",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}
