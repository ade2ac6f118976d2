//! Turns a parsed JSON value into the typed [`Dataset`], checking every rule of schema v1 and
//! collecting each problem with its JSON path instead of stopping at the first.

use serde_json::{Map, Value};

use super::characters::printable;
use super::model::{
    Block, Dataset, DateRange, FISCAL_YEAR_RANGE, List, ListStyle, Measure, Organization, Period,
    Rich, Signatory,
};
use super::path::{JsonPath, field_name_th};
use super::problem::{MAX_PROBLEMS, Problem};
use crate::thai::dates::{BE_OFFSET, Date, DateError};
use crate::thai::digits::th;

/// How deep lists may nest inside one another.
pub const MAX_LIST_DEPTH: usize = 8;

/// The keys each kind of object may have; the schema test checks them against the model.
pub mod keys {
    pub const DATASET: &[&str] = &[
        "$schema",
        "organization",
        "fiscal_year",
        "title",
        "assessment_year",
        "ita_item",
        "round",
        "introduction",
        "measures",
        "signatories",
        "report_date",
    ];
    pub const ORGANIZATION: &[&str] = &["name", "short_name", "district", "province"];
    pub const MEASURE: &[&str] = &[
        "measure",
        "method",
        "responsible",
        "period",
        "result",
        "outcome",
    ];
    pub const SIGNATORY: &[&str] = &["role", "name", "position"];
    pub const LIST: &[&str] = &["list", "style"];
    pub const DATE_RANGE: &[&str] = &["start", "end"];
}

use keys::{
    DATASET as DATASET_KEYS, DATE_RANGE as DATE_RANGE_KEYS, LIST as LIST_KEYS,
    MEASURE as MEASURE_KEYS, ORGANIZATION as ORGANIZATION_KEYS, SIGNATORY as SIGNATORY_KEYS,
};

/// The outcome of decoding: the dataset when nothing is wrong, and the problems found.
pub fn decode(value: &Value) -> Result<Dataset, (Vec<Problem>, bool)> {
    let mut decoder = Decoder::default();
    let dataset = decoder.dataset(value);
    match dataset {
        Some(dataset) if decoder.problems.is_empty() => Ok(dataset),
        _ => Err((decoder.problems, decoder.truncated)),
    }
}

/// One rich-text value (a cell), checked like a cell of a dataset.
pub fn decode_rich(value: &Value) -> Result<Rich, Vec<Problem>> {
    let mut decoder = Decoder::default();
    match decoder.rich(value, &JsonPath::root(), 0) {
        Some(rich) if decoder.problems.is_empty() => Ok(rich),
        _ => Err(decoder.problems),
    }
}

#[derive(Default)]
struct Decoder {
    problems: Vec<Problem>,
    truncated: bool,
}

impl Decoder {
    fn report(&mut self, problem: Problem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(problem);
        } else {
            self.truncated = true;
        }
    }

    fn dataset(&mut self, value: &Value) -> Option<Dataset> {
        let root = JsonPath::root();
        let Some(map) = value.as_object() else {
            self.report(
                Problem::new(
                    root,
                    format!("the file must hold one JSON object {{…}}, but it holds {}", describe(value)),
                    format!("ไฟล์นี้ไม่ใช่ข้อมูลรายงาน: ต้องเป็นกลุ่มข้อมูล {{…}} หนึ่งกลุ่ม แต่พบ{}", describe_th(value)),
                )
                .with_hint(
                    "start from `ita-report init` or a file in samples/: the dataset is an object with keys such as \"organization\", \"fiscal_year\" and \"measures\"",
                    "เปิดไฟล์ข้อมูลรายงานที่ดาวน์โหลดจากโปรแกรมนี้ หรือเริ่มรายงานใหม่ในหน้าแรก",
                ),
            );
            return None;
        };
        self.unknown_keys(map, &root, DATASET_KEYS);
        let schema = self.optional(map, &root, "$schema", Self::text);
        let organization = self
            .required(map, &root, "organization")
            .and_then(|v| self.organization(v, &root.key("organization")));
        let fiscal_year = self
            .required(map, &root, "fiscal_year")
            .and_then(|v| self.fiscal_year(v, &root.key("fiscal_year")));
        let title = self.optional(map, &root, "title", Self::non_empty_text);
        let assessment_year = self.optional(map, &root, "assessment_year", Self::fiscal_year);
        let ita_item = self.optional(map, &root, "ita_item", Self::non_empty_text);
        let round = self.optional(map, &root, "round", Self::non_empty_text);
        if let (Some(fiscal), Some(Some(assessed))) = (fiscal_year, assessment_year)
            && assessed < fiscal
        {
            self.report(
                Problem::new(
                    root.key("assessment_year"),
                    format!("the assessment year {assessed} comes before the fiscal year {fiscal} it reports on"),
                    format!("ปีที่ส่งประเมิน {} มาก่อนปีงบประมาณ {} ที่รายงาน", th(assessed), th(fiscal)),
                )
                .with_hint(
                    format!("an ITA assessment looks at an earlier year: {} for the fiscal year {fiscal}, or leave the key out", fiscal + 1),
                    format!("การประเมิน ITA ดูผลของปีที่ผ่านมา: ใส่ {} สำหรับปีงบประมาณ {} หรือเว้นว่างไว้", th(fiscal + 1), th(fiscal)),
                ),
            );
        }
        let introduction = self.optional(map, &root, "introduction", |d, v, p| d.rich(v, p, 0));
        let measures = self
            .required(map, &root, "measures")
            .and_then(|v| self.measures(v, &root.key("measures")));
        let signatories = self.optional(map, &root, "signatories", |d, v, p| {
            d.array(
                v,
                p,
                ("a list of signatories", "รายชื่อผู้ลงนาม"),
                Self::signatory,
            )
        });
        let report_date = self.optional(map, &root, "report_date", Self::date);
        Some(Dataset {
            schema: schema?,
            organization: organization?,
            fiscal_year: fiscal_year?,
            title: title?,
            assessment_year: assessment_year?,
            ita_item: ita_item?,
            round: round?,
            introduction: introduction?.unwrap_or_default(),
            measures: measures?,
            signatories: signatories?.unwrap_or_default(),
            report_date: report_date?,
        })
    }

    fn organization(&mut self, value: &Value, path: &JsonPath) -> Option<Organization> {
        let map = self.object(
            value,
            path,
            ("the organisation", "ข้อมูลหน่วยงาน"),
            ORGANIZATION_KEYS,
        )?;
        let name = self
            .required(map, path, "name")
            .and_then(|v| self.non_empty_text(v, &path.key("name")));
        let short_name = self.optional(map, path, "short_name", Self::non_empty_text);
        let district = self.optional(map, path, "district", Self::non_empty_text);
        let province = self.optional(map, path, "province", Self::non_empty_text);
        Some(Organization {
            name: name?,
            short_name: short_name?,
            district: district?,
            province: province?,
        })
    }

    /// A year of the Buddhist Era: the fiscal year, or the assessment year.
    fn fiscal_year(&mut self, value: &Value, path: &JsonPath) -> Option<i32> {
        let (what, what_th) = if path.to_string().ends_with("assessment_year") {
            ("the assessment year", "ปีที่ส่งประเมิน ITA")
        } else {
            ("the fiscal year", "ปีงบประมาณ")
        };
        let year = match value {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => {
                let hint = match s.trim().parse::<i64>() {
                    Ok(n) => format!("write it as a number without quotes: {n}"),
                    Err(_) => {
                        "write the Buddhist-Era year as a number with Arabic digits, e.g. 2567"
                            .into()
                    }
                };
                self.report(
                    Problem::new(
                        path.clone(),
                        format!("{what} must be a number, but it is text {}", quoted(s)),
                        format!("{what_th}ต้องเป็นปี พ.ศ. ๔ หลัก แต่พิมพ์ไว้ว่า {}", quoted(s)),
                    )
                    .with_hint(hint, "ใส่ปี พ.ศ. เป็นตัวเลข ๔ หลัก เช่น ๒๕๖๘"),
                );
                return None;
            }
            other => {
                self.report(Problem::new(
                    path.clone(),
                    format!(
                        "{what} must be a number such as 2567, but it is {}",
                        describe(other)
                    ),
                    format!("{what_th}ต้องเป็นปี พ.ศ. เช่น ๒๕๖๗ แต่พบ{}", describe_th(other)),
                ));
                return None;
            }
        };
        let Some(year) = year else {
            self.report(
                Problem::new(
                    path.clone(),
                    format!("{what} must be a whole number, but it is {value}"),
                    format!("{what_th}ต้องเป็นจำนวนเต็ม แต่เป็น {value}"),
                )
                .with_hint(
                    "write the Buddhist-Era year, e.g. 2567",
                    "ใส่ปี พ.ศ. เช่น ๒๕๖๗",
                ),
            );
            return None;
        };
        let (low, high) = (*FISCAL_YEAR_RANGE.start(), *FISCAL_YEAR_RANGE.end());
        match i32::try_from(year) {
            Ok(y) if FISCAL_YEAR_RANGE.contains(&y) => Some(y),
            _ => {
                let mut problem = Problem::new(
                    path.clone(),
                    format!("{what} {year} is not a Buddhist-Era year between {low} and {high}"),
                    format!(
                        "{what_th} {} ไม่ใช่ปี พ.ศ. ที่อยู่ระหว่าง {} ถึง {}",
                        th(year),
                        th(low),
                        th(high)
                    ),
                );
                let be = year + i64::from(BE_OFFSET);
                problem = if (i64::from(low)..=i64::from(high)).contains(&be) {
                    problem.with_hint(
                        format!("{year} looks like a Christian-era year: add 543 to get the Buddhist-Era year {be}"),
                        format!("{} น่าจะเป็นปี ค.ศ.: บวก ๕๔๓ เป็นปี พ.ศ. {}", th(year), th(be)),
                    )
                } else {
                    // No English hint here: the Thai reader gets one anyway.
                    Problem {
                        hint_th: Some("ใส่ปี พ.ศ. ๔ หลัก เช่น ๒๕๖๘".into()),
                        ..problem
                    }
                };
                self.report(problem);
                None
            }
        }
    }

    fn measures(&mut self, value: &Value, path: &JsonPath) -> Option<Vec<Measure>> {
        let measures = self.array(
            value,
            path,
            ("a list of measures", "รายการมาตรการ"),
            Self::measure,
        )?;
        if measures.is_empty() {
            self.report(
                Problem::new(
                    path.clone(),
                    "there are no measures: the report needs at least one",
                    "ยังไม่มีมาตรการ: รายงานต้องมีอย่างน้อยหนึ่งมาตรการ",
                )
                .with_hint(
                    "add an object with the keys measure, method, responsible, period, result and outcome",
                    "กด \"+ เพิ่มมาตรการ\" แล้วใส่มาตรการ วิธีการดำเนินการ ผู้รับผิดชอบ ระยะเวลา ผลการดำเนินการ และผลลัพธ์",
                ),
            );
            return None;
        }
        Some(measures)
    }

    fn measure(&mut self, value: &Value, path: &JsonPath) -> Option<Measure> {
        let map = self.object(value, path, ("a measure", "มาตรการ"), MEASURE_KEYS)?;
        let cell = |d: &mut Self, key: &str| {
            d.required(map, path, key)
                .and_then(|v| d.rich(v, &path.key(key), 0))
        };
        let measure = cell(self, "measure");
        let method = cell(self, "method");
        let responsible = cell(self, "responsible");
        let period = self
            .required(map, path, "period")
            .and_then(|v| self.period(v, &path.key("period")));
        let result = cell(self, "result");
        let outcome = cell(self, "outcome");
        Some(Measure {
            measure: measure?,
            method: method?,
            responsible: responsible?,
            period: period?,
            result: result?,
            outcome: outcome?,
        })
    }

    fn period(&mut self, value: &Value, path: &JsonPath) -> Option<Period> {
        let is_range = value
            .as_object()
            .is_some_and(|m| m.contains_key("start") || m.contains_key("end"));
        if !is_range {
            return self.rich(value, path, 0).map(Period::Text);
        }
        let map = self.object(value, path, ("a period", "ระยะเวลา"), DATE_RANGE_KEYS)?;
        let start = self
            .required(map, path, "start")
            .and_then(|v| self.date(v, &path.key("start")));
        let end = self
            .required(map, path, "end")
            .and_then(|v| self.date(v, &path.key("end")));
        let (start, end) = (start?, end?);
        if end < start {
            self.report(
                Problem::new(
                    path.key("end"),
                    format!("the period ends ({end}) before it starts ({start})"),
                    format!(
                        "วันสิ้นสุด ({}) มาก่อนวันเริ่ม ({})",
                        end.thai_medium(),
                        start.thai_medium()
                    ),
                )
                .with_hint(
                    "swap start and end, or correct the year",
                    "สลับวันเริ่มกับวันสิ้นสุด หรือแก้ปี พ.ศ. ให้ถูก",
                ),
            );
            return None;
        }
        Some(Period::Dates(DateRange { start, end }))
    }

    fn signatory(&mut self, value: &Value, path: &JsonPath) -> Option<Signatory> {
        let map = self.object(value, path, ("a signatory", "ผู้ลงนาม"), SIGNATORY_KEYS)?;
        let role = self.optional(map, path, "role", Self::text);
        let name = self.optional(map, path, "name", Self::text);
        let position = self.optional(map, path, "position", Self::text);
        Some(Signatory {
            role: role?.unwrap_or_default(),
            name: name?.unwrap_or_default(),
            position: position?.unwrap_or_default(),
        })
    }

    fn rich(&mut self, value: &Value, path: &JsonPath, depth: usize) -> Option<Rich> {
        match value {
            Value::Array(items) => {
                let mut blocks = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    let item_path = path.index(i);
                    if item.is_array() {
                        self.report(
                            Problem::new(
                                item_path,
                                "an array directly inside an array: each block must be text or a list object",
                                "รายการซ้อนอยู่ในรายการโดยตรง: แต่ละส่วนต้องเป็นข้อความหรือรายการที่มีแบบ",
                            )
                            .with_hint(
                                "to nest items, write {\"list\": [ … ], \"style\": \"dash\"}",
                                "ถ้าต้องการข้อย่อย ให้พิมพ์ขึ้นต้นบรรทัดด้วย \"-\" หรือเลขข้อ แล้วย่อหน้าเข้าไป",
                            ),
                        );
                        ok = false;
                        continue;
                    }
                    match self.block(item, &item_path, depth) {
                        Some(block) => blocks.push(block),
                        None => ok = false,
                    }
                }
                ok.then_some(Rich(blocks))
            }
            other => self.block(other, path, depth).map(|b| Rich(vec![b])),
        }
    }

    fn block(&mut self, value: &Value, path: &JsonPath, depth: usize) -> Option<Block> {
        match value {
            Value::String(text) => Some(Block::Paragraph(text.clone())),
            Value::Object(_) => self.list(value, path, depth).map(Block::List),
            other => {
                self.report(
                    Problem::new(
                        path.clone(),
                        format!(
                            "expected text, a list object or an array of them, but found {}",
                            describe(other)
                        ),
                        format!("ช่องนี้ต้องเป็นข้อความหรือรายการ แต่พบ{}", describe_th(other)),
                    )
                    .with_hint(
                        "write text in quotes, e.g. \"สำนักปลัด\"; an empty cell is \"\"",
                        "พิมพ์เป็นข้อความ เช่น สำนักปลัด หรือเว้นว่างไว้",
                    ),
                );
                None
            }
        }
    }

    fn list(&mut self, value: &Value, path: &JsonPath, depth: usize) -> Option<List> {
        let map = self.object(value, path, ("a list", "รายการ"), LIST_KEYS)?;
        if depth >= MAX_LIST_DEPTH {
            self.report(
                Problem::new(
                    path.clone(),
                    format!("lists are nested more than {MAX_LIST_DEPTH} levels deep"),
                    format!("รายการซ้อนกันเกิน {} ชั้น", th(MAX_LIST_DEPTH)),
                )
                .with_hint(
                    "flatten the inner lists: a report table cannot show that many levels",
                    "รวมข้อย่อยให้เหลือน้อยชั้นลง: ตารางรายงานแสดงข้อย่อยซ้อนหลายชั้นขนาดนี้ไม่ได้",
                ),
            );
            return None;
        }
        let style = self.optional(map, path, "style", Self::list_style);
        let items = self.required(map, path, "list").and_then(|v| {
            self.array(
                v,
                &path.key("list"),
                ("a list of items", "ข้อของรายการ"),
                |d, item, p| d.rich(item, p, depth + 1),
            )
        });
        Some(List {
            list: items?,
            style: style?.unwrap_or_default(),
        })
    }

    fn list_style(&mut self, value: &Value, path: &JsonPath) -> Option<ListStyle> {
        let name = self.text(value, path)?;
        if let Some((_, style)) = ListStyle::ALL.iter().find(|(n, _)| *n == name) {
            return Some(*style);
        }
        let names: Vec<&str> = ListStyle::ALL.iter().map(|(n, _)| *n).collect();
        let mut problem = Problem::new(
            path.clone(),
            format!(
                "unknown list style {}: use one of {}",
                quoted(&name),
                names.join(", ")
            ),
            format!(
                "ไม่รู้จักแบบของรายการ {}: ใช้ได้เฉพาะ {}",
                quoted(&name),
                quoted_list(&names)
            ),
        );
        if let Some(guess) = suggest(&name, &names) {
            problem = problem.with_hint(
                format!("did you mean \"{guess}\"?"),
                format!("หมายถึง \"{guess}\" หรือไม่"),
            );
        }
        self.report(problem);
        None
    }

    fn date(&mut self, value: &Value, path: &JsonPath) -> Option<Date> {
        let text = self.text(value, path)?;
        match Date::parse_iso(text.trim()) {
            Ok(date) => Some(date),
            Err(DateError::Format) => {
                self.report(
                    Problem::new(
                        path.clone(),
                        format!("{} is not a date written YYYY-MM-DD", quoted(&text)),
                        format!("{} ไม่ใช่วันที่ที่อ่านได้", quoted(&text)),
                    )
                    .with_hint(
                        "write the Christian-era date with Arabic digits, e.g. 2023-10-01 for ๑ ต.ค. ๖๖",
                        "ใส่วันที่เป็น วัน เดือน ปี พ.ศ. เช่น ๑ ต.ค. ๒๕๖๖ (ในไฟล์ข้อมูลเขียนแบบ ค.ศ. เช่น 2023-10-01)",
                    ),
                );
                None
            }
            Err(DateError::NoSuchDay) => {
                let problem = Problem::new(
                    path.clone(),
                    format!("{} is not a real calendar date", quoted(&text)),
                    format!("ไม่มีวันที่ {} ในปฏิทิน", quoted(&text)),
                );
                let year: i32 = text.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(0);
                let problem = if year >= 2400 {
                    problem.with_hint(
                        format!("dates are Christian era: subtract 543 from the year ({year} → {})", year - BE_OFFSET),
                        format!("ในไฟล์ข้อมูล วันที่เขียนเป็นปี ค.ศ.: ลบ ๕๔๓ จากปี ({} → {})", th(year), th(year - BE_OFFSET)),
                    )
                } else {
                    problem.with_hint(
                        "check the month (01–12) and the day of the month",
                        "ตรวจเดือน (๑–๑๒) และวันที่ของเดือนนั้น",
                    )
                };
                self.report(problem);
                None
            }
        }
        .and_then(|date: Date| {
            if date.year >= 2400 {
                self.report(
                    Problem::new(
                        path.clone(),
                        format!("{date} has a Buddhist-Era year, but dates are written in the Christian era"),
                        format!("{date} ใช้ปี พ.ศ. แต่ในไฟล์ข้อมูลวันที่ต้องเขียนเป็นปี ค.ศ."),
                    )
                    .with_hint(
                        format!("subtract 543 from the year: {}", date.year - BE_OFFSET),
                        format!("ลบ ๕๔๓ จากปี: {}", date.year - BE_OFFSET),
                    ),
                );
                return None;
            }
            Some(date)
        })
    }

    // ---- generic helpers ----

    /// Checks that `value` is an object and that it has no keys besides `known`.
    fn object<'v>(
        &mut self,
        value: &'v Value,
        path: &JsonPath,
        (what, what_th): (&str, &str),
        known: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(map) = value.as_object() else {
            self.report(Problem::new(
                path.clone(),
                format!(
                    "{what} must be an object {{…}} with the keys {}, but it is {}",
                    known.join(", "),
                    describe(value)
                ),
                format!(
                    "{what_th}ต้องเป็นกลุ่มข้อมูล {{…}} ที่มีหัวข้อ {} แต่พบ{}",
                    quoted_list(known),
                    describe_th(value)
                ),
            ));
            return None;
        };
        self.unknown_keys(map, path, known);
        Some(map)
    }

    fn unknown_keys(&mut self, map: &Map<String, Value>, path: &JsonPath, known: &[&str]) {
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            let problem = Problem::new(
                path.key(key),
                format!("unknown key {}", quoted(key)),
                format!("ไม่รู้จักหัวข้อ {}", quoted(key)),
            )
            .at_key();
            let problem = match suggest(key, known) {
                Some(guess) => problem.with_hint(
                    format!("did you mean \"{guess}\"?"),
                    format!("หมายถึง \"{guess}\" ({}) หรือไม่", field_th(guess)),
                ),
                None => problem.with_hint(
                    format!("the keys allowed here are {}", known.join(", ")),
                    format!("ที่นี่ใช้ได้เฉพาะหัวข้อ {}", quoted_list(known)),
                ),
            };
            self.report(problem);
        }
    }

    fn required<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &JsonPath,
        key: &str,
    ) -> Option<&'v Value> {
        let value = map.get(key);
        if value.is_none() {
            self.report(
                Problem::new(
                    path.clone(),
                    format!("the key \"{key}\" is missing"),
                    format!("ยังไม่มี{} (\"{key}\")", field_th(key)),
                )
                .with_hint(
                    format!("add \"{key}\": … to this object"),
                    format!("ใส่{}", field_th(key)),
                ),
            );
        }
        value
    }

    /// An optional key: `Some(None)` when absent, `None` when present but wrong.
    fn optional<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &JsonPath,
        key: &str,
        decode: impl FnOnce(&mut Self, &Value, &JsonPath) -> Option<T>,
    ) -> Option<Option<T>> {
        match map.get(key) {
            // Portals often send null for "not given".
            None | Some(Value::Null) => Some(None),
            Some(value) => decode(self, value, &path.key(key)).map(Some),
        }
    }

    fn array<T>(
        &mut self,
        value: &Value,
        path: &JsonPath,
        (what, what_th): (&str, &str),
        mut decode: impl FnMut(&mut Self, &Value, &JsonPath) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Some(items) = value.as_array() else {
            self.report(Problem::new(
                path.clone(),
                format!(
                    "expected {what} in square brackets [ … ], but found {}",
                    describe(value)
                ),
                format!("ที่นี่ต้องเป็น{what_th} [ … ] แต่พบ{}", describe_th(value)),
            ));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match decode(self, item, &path.index(i)) {
                Some(v) => out.push(v),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn text(&mut self, value: &Value, path: &JsonPath) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.report(
                    Problem::new(
                        path.clone(),
                        format!("expected text in quotes, but found {}", describe(other)),
                        format!("ที่นี่ต้องเป็นข้อความ แต่พบ{}", describe_th(other)),
                    )
                    .with_hint(
                        "put the value in double quotes \"…\"",
                        "พิมพ์เป็นข้อความ (ในไฟล์ข้อมูล ข้อความอยู่ในเครื่องหมายคำพูด \"…\")",
                    ),
                );
                None
            }
        }
    }

    fn non_empty_text(&mut self, value: &Value, path: &JsonPath) -> Option<String> {
        let text = self.text(value, path)?;
        if text.trim().is_empty() {
            self.report(
                Problem::new(path.clone(), "this text is empty", "ช่องนี้ยังว่างอยู่").with_hint(
                    "fill it in, or remove the key if it is optional",
                    "กรอกข้อมูลในช่องนี้",
                ),
            );
            return None;
        }
        Some(text)
    }
}

/// What a JSON value is, in words, with a short excerpt.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b} (true/false)"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text {}", quoted(s)),
        Value::Array(items) => format!("an array of {} item(s)", items.len()),
        Value::Object(_) => "an object {…}".into(),
    }
}

/// [`describe`] in Thai.
fn describe_th(value: &Value) -> String {
    match value {
        Value::Null => "ค่าว่าง (null)".into(),
        Value::Bool(b) => format!("ค่าจริง/เท็จ ({b})"),
        Value::Number(n) => format!("ตัวเลข {n}"),
        Value::String(s) => format!("ข้อความ {}", quoted(s)),
        Value::Array(items) => format!("รายการ {} ข้อ", th(items.len())),
        Value::Object(_) => "กลุ่มข้อมูล {…}".into(),
    }
}

/// A key as the clerk knows the field, e.g. "ผลการดำเนินการ" for result.
fn field_th(key: &str) -> String {
    field_name_th(key).map_or_else(|| format!("หัวข้อ \"{key}\""), str::to_owned)
}

/// Names as the file writes them, each in quotes: "numbered", "dash".
fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A string in quotes, shortened to what fits in a message.
fn quoted(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        format!("\"{}\"", printable(text))
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("\"{}…\"", printable(&head))
    }
}

/// The known name closest to a misspelt one, if it is close enough to be a typo.
fn suggest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&name.to_lowercase(), k), *k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    /// The smallest valid dataset (also the base of `problem`'s Thai corpus).
    pub(crate) fn minimal() -> Value {
        json!({
            "organization": {"name": "องค์การบริหารส่วนตำบลสว่าง"},
            "fiscal_year": 2567,
            "measures": [{"measure": "ม", "method": "", "responsible": [], "period": "ตลอดปี", "result": "ร", "outcome": "ผ"}]
        })
    }

    fn problems(value: Value) -> Vec<String> {
        match decode(&value) {
            Ok(_) => vec![],
            Err((problems, _)) => problems
                .iter()
                .map(|p| format!("{}: {}", p.path, p.message))
                .collect(),
        }
    }

    #[test]
    fn minimal_dataset_decodes() {
        let dataset = decode(&minimal()).unwrap();
        assert_eq!(dataset.fiscal_year, 2567);
        assert_eq!(
            dataset.measures[0].method,
            Rich(vec![Block::Paragraph(String::new())])
        );
        assert_eq!(dataset.measures[0].responsible, Rich(vec![]));
    }

    #[test]
    fn rich_shapes() {
        let mut v = minimal();
        v["measures"][0]["method"] = json!(["ก", ["x"]]);
        assert_eq!(
            problems(v.clone()),
            vec![
                "measures[0].method[1]: an array directly inside an array: each block must be text or a list object"
            ]
        );
        v["measures"][0]["method"] = json!(["ก", {"list": ["a", ["b", {"list": ["d"], "style": "dash"}]]}, {"list": ["c"], "style": "plain"}]);
        let d = decode(&v).unwrap();
        let Block::List(list) = &d.measures[0].method.0[1] else {
            panic!()
        };
        assert_eq!(list.style, ListStyle::Numbered);
        assert_eq!(list.list.len(), 2);
    }

    #[test]
    fn collects_every_problem() {
        let v = json!({
            "organization": {"name": " ", "provnce": "x"},
            "fiscal_year": 2024,
            "introducton": "x",
            "measures": [
                {"measure": 1, "method": "", "responsible": "", "period": {"start": "2023-13-01", "end": "2023-01-01"}, "result": "", "outcome": ""},
                {"measure": "", "method": "", "responsible": "", "period": {"start": "2024-01-02", "end": "2024-01-01"}, "result": {"list": [], "style": "dashed"}}
            ]
        });
        let found = problems(v);
        let expected = [
            "introducton: unknown key \"introducton\"",
            "organization.provnce: unknown key \"provnce\"",
            "organization.name: this text is empty",
            "fiscal_year: the fiscal year 2024 is not a Buddhist-Era year between 2400 and 2700",
            "measures[0].measure: expected text, a list object or an array of them, but found the number 1",
            "measures[0].period.start: \"2023-13-01\" is not a real calendar date",
            "measures[1].period.end: the period ends (2024-01-01) before it starts (2024-01-02)",
            "measures[1].result.style: unknown list style \"dashed\": use one of numbered, dash, bullet, plain",
            "measures[1]: the key \"outcome\" is missing",
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn hints_for_common_mistakes() {
        let mut v = minimal();
        v["fiscal_year"] = json!(2024);
        v["introducton"] = json!("x");
        let Err((problems, _)) = decode(&v) else {
            panic!()
        };
        let hints: Vec<_> = problems.iter().filter_map(|p| p.hint.clone()).collect();
        assert!(
            hints
                .iter()
                .any(|h| h.contains("did you mean \"introduction\"")),
            "{hints:?}"
        );
        assert!(
            hints
                .iter()
                .any(|h| h.contains("add 543") && h.contains("2567")),
            "{hints:?}"
        );
    }

    #[test]
    fn buddhist_era_dates_are_refused_with_a_hint() {
        let mut v = minimal();
        v["report_date"] = json!("2567-10-01");
        let Err((problems, _)) = decode(&v) else {
            panic!()
        };
        assert!(problems[0].hint.as_deref().unwrap_or("").contains("2024"));
    }

    #[test]
    fn top_level_must_be_an_object() {
        assert_eq!(
            problems(json!([1, 2])),
            vec![
                "(top level): the file must hold one JSON object {…}, but it holds an array of 2 item(s)"
            ]
        );
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let mut rich = json!("x");
        for _ in 0..=MAX_LIST_DEPTH {
            rich = json!({"list": [rich]});
        }
        let mut v = minimal();
        v["measures"][0]["result"] = rich;
        assert!(problems(v)[0].contains("nested more than"));
    }

    #[test]
    fn problem_count_is_capped() {
        let mut v = minimal();
        v["measures"] = Value::Array((0..200).map(|_| json!(1)).collect());
        let Err((problems, truncated)) = decode(&v) else {
            panic!()
        };
        assert_eq!(problems.len(), MAX_PROBLEMS);
        assert!(truncated);
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(suggest("introducton", DATASET_KEYS), Some("introduction"));
        assert_eq!(suggest("fiscalyear", DATASET_KEYS), Some("fiscal_year"));
        assert_eq!(suggest("zzz", DATASET_KEYS), None);
    }
}
