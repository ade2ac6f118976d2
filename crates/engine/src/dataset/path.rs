//! JSON paths (`measures[3].period.start`): where in a dataset something is.

use std::fmt;

use super::characters::printable;
use crate::thai::digits::thai_number;

/// One step into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path from the top of a JSON document to one value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPath(pub Vec<Step>);

impl JsonPath {
    /// The top level of the document.
    pub fn root() -> JsonPath {
        JsonPath(Vec::new())
    }

    /// This path, one key further.
    pub fn key(&self, key: &str) -> JsonPath {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        JsonPath(steps)
    }

    /// This path, one array index further.
    pub fn index(&self, index: usize) -> JsonPath {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        JsonPath(steps)
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(top level)");
        }
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Step::Key(key) => write!(
                    f,
                    "[{}]",
                    printable(&serde_json::Value::from(key.as_str()).to_string())
                )?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// The name a clerk sees in the editor's form for a dataset key (ปีงบประมาณ for fiscal_year).
pub fn field_name_th(key: &str) -> Option<&'static str> {
    Some(match key {
        "organization" => "หน่วยงาน",
        "name" => "ชื่อ",
        "short_name" => "ชื่อย่อ",
        "district" => "อำเภอ",
        "province" => "จังหวัด",
        "fiscal_year" => "ปีงบประมาณ",
        "assessment_year" => "ปีที่ส่งประเมิน ITA",
        "ita_item" => "ข้อ OIT",
        "round" => "รอบการรายงาน",
        "title" => "ชื่อรายงาน",
        "introduction" => "บทนำ",
        "measures" => "มาตรการ",
        "measure" => "มาตรการ/กิจกรรม",
        "method" => "วิธีการดำเนินการ",
        "responsible" => "ผู้รับผิดชอบ",
        "period" => "ระยะเวลา",
        "start" => "ตั้งแต่",
        "end" => "ถึง",
        "result" => "ผลการดำเนินการ",
        "outcome" => "ผลลัพธ์หรือความสำเร็จ",
        "signatories" => "ผู้ลงนาม",
        "role" => "หน้าที่",
        "position" => "ตำแหน่ง",
        "report_date" => "วันที่รายงาน",
        "list" => "รายการ",
        "style" => "แบบของรายการ",
        _ => return None,
    })
}

impl JsonPath {
    /// The place as the clerk sees it in the editor: `measures[0].period.end` is
    /// "มาตรการที่ ๑ › ระยะเวลา › ถึง"; empty for the file as a whole. List wrappers are
    /// skipped (`list`, `style`), items are "ข้อ ๒".
    pub fn place_th(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut parent: Option<&str> = None;
        for step in &self.0 {
            match step {
                Step::Index(i) => {
                    let n = thai_number(*i as u64 + 1);
                    match parent {
                        Some("measures") => {
                            parts.pop();
                            parts.push(format!("มาตรการที่ {n}"));
                        }
                        Some("signatories") => {
                            parts.pop();
                            parts.push(format!("ผู้ลงนามคนที่ {n}"));
                        }
                        _ => parts.push(format!("ข้อ {n}")),
                    }
                    parent = None;
                }
                Step::Key(key) if key == "list" || key == "$schema" => {}
                Step::Key(key) if key == "organization" => parent = Some("organization"),
                Step::Key(key) => {
                    let word = match (parent, key.as_str()) {
                        (Some("organization"), "name") => "ชื่อหน่วยงาน".to_owned(),
                        (Some("organization"), _) if field_name_th(key).is_none() => {
                            format!("หน่วยงาน › \"{}\"", printable(key))
                        }
                        // A key the dataset does not know is shown as written, in quotes.
                        _ => field_name_th(key)
                            .map_or_else(|| format!("\"{}\"", printable(key)), str::to_owned),
                    };
                    parts.push(word);
                    parent = match key.as_str() {
                        "measures" => Some("measures"),
                        "signatories" => Some("signatories"),
                        _ => Some(""),
                    };
                }
            }
        }
        parts.join(" › ")
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_javascript() {
        let p = JsonPath::root()
            .key("measures")
            .index(3)
            .key("period")
            .key("start");
        assert_eq!(p.to_string(), "measures[3].period.start");
        assert_eq!(JsonPath::root().to_string(), "(top level)");
        assert_eq!(JsonPath::root().key("a b").to_string(), "[\"a b\"]");
        assert_eq!(JsonPath::root().key("$schema").to_string(), "$schema");
    }

    #[test]
    fn places_read_as_the_editor_names_them() {
        let root = JsonPath::root();
        let place = |p: JsonPath| p.place_th();
        assert_eq!(
            place(root.key("measures").index(0).key("period").key("end")),
            "มาตรการที่ ๑ › ระยะเวลา › ถึง"
        );
        assert_eq!(place(root.key("organization").key("name")), "ชื่อหน่วยงาน");
        assert_eq!(place(root.key("organization").key("district")), "อำเภอ");
        assert_eq!(
            place(root.key("signatories").index(1).key("name")),
            "ผู้ลงนามคนที่ ๒ › ชื่อ"
        );
        assert_eq!(
            place(
                root.key("measures")
                    .index(11)
                    .key("method")
                    .index(1)
                    .key("list")
                    .index(2)
            ),
            "มาตรการที่ ๑๒ › วิธีการดำเนินการ › ข้อ ๒ › ข้อ ๓"
        );
        assert_eq!(place(root.key("fiscal_year")), "ปีงบประมาณ");
        assert_eq!(
            place(root.key("organization").key("distrct")),
            "หน่วยงาน › \"distrct\""
        );
        assert_eq!(
            place(root.key("measures").index(0).key("style")),
            "มาตรการที่ ๑ › แบบของรายการ"
        );
        assert_eq!(place(root.key("extra\u{202E}")), "\"extra\\u{202E}\"");
        assert_eq!(place(root.clone()), "");
    }
}
