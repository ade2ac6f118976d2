//! The title block above the table: report title, organisation (name, district, province),
//! fiscal year, the ITA assessment year and item, the reporting round; what is left above the
//! table is the introduction.

use crate::dataset::model::{DEFAULT_TITLE, FISCAL_YEAR_RANGE, Organization};
use crate::thai::digits::to_arabic_digits;

/// Kinds of local organisation, full name first, with their usual short form.
const ORG_KINDS: &[(&str, &str)] = &[
    ("องค์การบริหารส่วนตำบล", "อบต."),
    ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("เทศบาลตำบล", "ทต."),
    ("เทศบาลเมือง", "ทม."),
    ("เทศบาลนคร", "ทน."),
    ("เมืองพัทยา", ""),
    ("กรุงเทพมหานคร", ""),
];

/// Words that end an organisation's name when a line runs on without a space.
const NAME_ENDS: &[&str] = &["ประจำปี", "ปีงบประมาณ", "อำเภอ", "จังหวัด", "ตามมาตรการ"];

/// What the title block says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TitleBlock {
    pub title: Option<String>,
    pub organization: Option<Organization>,
    pub fiscal_year: Option<i32>,
    /// "ITA ประจำปี พ.ศ. ๒๕๖๙", "การประเมิน … ปี ๒๕๖๙".
    pub assessment_year: Option<i32>,
    /// "ข้อ O26", "(O26)".
    pub ita_item: Option<String>,
    /// "รอบ ๖ เดือน".
    pub round: Option<String>,
}

/// The reporting round in `line` ("รอบ ๖ เดือน", "รอบ 12 เดือน"), as written.
pub fn round_in(line: &str) -> Option<String> {
    let at = line.find("รอบ")?;
    let rest = &line[at + "รอบ".len()..];
    let digits = rest.trim_start();
    let number: String = digits.chars().take_while(|c| c.is_numeric()).collect();
    let after = digits[number.len()..].trim_start();
    (!number.is_empty() && after.starts_with("เดือน")).then(|| format!("รอบ {number} เดือน"))
}

/// The ITA item in `line`: O or o and one to three digits standing alone ("O26", "ข้อ o26").
pub fn ita_item_in(line: &str) -> Option<String> {
    let line = to_arabic_digits(line);
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len()).find_map(|i| {
        let before_ok = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        let digits: String = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let after_ok = chars
            .get(i + 1 + digits.len())
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        (matches!(chars[i], 'O' | 'o') && before_ok && after_ok && (1..=3).contains(&digits.len()))
            .then(|| format!("O{digits}"))
    })
}

/// The assessment year in `line`: the first Buddhist-Era year after "ITA" or "การประเมิน",
/// unless a fiscal year comes first ("ITA … ปีงบประมาณ 2568" names the fiscal year).
pub fn assessment_year_in(line: &str) -> Option<i32> {
    let line = to_arabic_digits(line);
    let at = ["ITA", "การประเมิน"]
        .iter()
        .filter_map(|k| line.find(k).map(|i| i + k.len()))
        .min()?;
    let rest = &line[at..];
    let year_at = rest.find(|c: char| c.is_ascii_digit())?;
    if rest[..year_at].contains("ปีงบ") {
        return None;
    }
    let digits: String = rest[year_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let year: i32 = digits.parse().ok()?;
    FISCAL_YEAR_RANGE.contains(&year).then_some(year)
}

/// The organisation named in `line`, if any: full name, short name.
fn org_name(line: &str) -> Option<(String, Option<String>)> {
    let (at, kind, short) = ORG_KINDS
        .iter()
        .filter_map(|(kind, short)| line.find(kind).map(|at| (at, *kind, *short)))
        .min_by_key(|(at, _, _)| *at)?;
    let rest = &line[at..];
    let mut end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    for word in NAME_ENDS {
        if let Some(i) = rest[kind.len()..end].find(word) {
            end = end.min(kind.len() + i);
        }
    }
    let name = rest[..end].trim_end_matches([',', '.', ')']).to_owned();
    let place = &name[kind.len()..];
    if place.is_empty() {
        return None;
    }
    let short = (!short.is_empty()).then(|| format!("{short}{place}"));
    Some((name, short))
}

/// The word after `key` in `line` ("อำเภอโพธิ์ทอง" → "โพธิ์ทอง").
fn word_after(line: &str, key: &str) -> Option<String> {
    let at = line.find(key)? + key.len();
    let word: String = line[at..]
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '(' | ')'))
        .collect();
    let word = NAME_ENDS
        .iter()
        .filter_map(|w| word.find(w))
        .min()
        .map_or(word.as_str(), |i| &word[..i])
        .to_owned();
    (!word.is_empty()).then_some(word)
}

/// A fiscal year in `line`: the first Buddhist-Era year after "ปีงบประมาณ" or "ประจำปี".
pub fn fiscal_year_in(line: &str) -> Option<i32> {
    let line = to_arabic_digits(line);
    let at = ["ปีงบประมาณ", "ประจำปี", "ปีงบ"]
        .iter()
        .filter_map(|k| line.find(k).map(|i| i + k.len()))
        .min()?;
    let digits: String = line[at..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let year: i32 = digits.parse().ok()?;
    FISCAL_YEAR_RANGE.contains(&year).then_some(year)
}

/// Whether a paragraph belongs to the title block rather than the introduction.
fn is_title_line(line: &str, org: Option<&str>) -> bool {
    let squashed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let title: String = DEFAULT_TITLE
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if squashed.starts_with("รายงาน") && squashed.chars().count() < 200 {
        return true;
    }
    if squashed.contains(&title) && squashed.chars().count() < 200 {
        return true;
    }
    // "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "(รอบ ๖ เดือน)", "ITA ๒๕๖๙ ข้อ O26" on a line of its own.
    if squashed.chars().count() < 60
        && (fiscal_year_in(line).is_some()
            || round_in(line).is_some()
            || assessment_year_in(line).is_some()
            || ita_item_in(line).is_some())
    {
        return true;
    }
    // "องค์การบริหารส่วนตำบลสว่าง อำเภอโพธิ์ทอง จังหวัดร้อยเอ็ด", "… ประจำปีงบประมาณ พ.ศ.๒๕๖๗"
    org.is_some_and(|org| {
        let rest = line.trim_start().strip_prefix(org).unwrap_or(line);
        line.trim_start().starts_with(org)
            && squashed.chars().count() < 120
            && (rest.trim().is_empty()
                || rest.contains("อำเภอ")
                || rest.contains("จังหวัด")
                || fiscal_year_in(rest).is_some())
    })
}

/// Reads the title block from the paragraphs above the table; returns it and the indices of
/// the paragraphs it used (the rest is the introduction). The title block ends where the first
/// other paragraph after it starts: a title-like line further down stays in the introduction.
pub fn read_title_block(paragraphs: &[String]) -> (TitleBlock, Vec<usize>) {
    let mut block = TitleBlock::default();
    let mut name: Option<(String, Option<String>)> = None;
    for p in paragraphs {
        if name.is_none() {
            name = org_name(p);
        }
    }
    let org_full = name.as_ref().map(|(n, _)| n.as_str());
    let mut used = Vec::new();
    let mut district = None;
    let mut province = None;
    let mut intro_started = false;
    for (i, p) in paragraphs.iter().enumerate() {
        let p = p.trim().trim_start_matches('#').trim();
        if intro_started || !is_title_line(p, org_full) {
            intro_started |= !used.is_empty();
            continue;
        }
        used.push(i);
        if block.round.is_none() {
            block.round = round_in(p);
        }
        if block.ita_item.is_none() {
            block.ita_item = ita_item_in(p);
        }
        let assessed = assessment_year_in(p);
        if block.assessment_year.is_none() {
            block.assessment_year = assessed;
        }
        if block.fiscal_year.is_none() && assessed.is_none() {
            block.fiscal_year = fiscal_year_in(p);
        }
        if district.is_none() {
            district = word_after(p, "อำเภอ");
        }
        if province.is_none() {
            province = word_after(p, "จังหวัด");
        }
        if block.title.is_none() && p.starts_with("รายงาน") {
            // The layout adds the organisation and the year after the title.
            let mut end = p.len();
            for cut in ["ของ", "ประจำปี", "ปีงบประมาณ", "รอบ", "("]
                .into_iter()
                .chain(org_full)
            {
                if let Some(at) = p.find(cut)
                    && at > 0
                {
                    end = end.min(at);
                }
            }
            let title = p[..end].trim();
            if title != DEFAULT_TITLE && !title.is_empty() {
                block.title = Some(title.to_owned());
            }
        }
    }
    if let Some((name, short_name)) = name {
        block.organization = Some(Organization {
            name,
            short_name,
            district,
            province,
        });
    }
    (block, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_title_block() {
        let paras: Vec<String> = [
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
            "องค์การบริหารส่วนตำบลสว่าง ประจำปีงบประมาณ พ.ศ.๒๕๖๗",
            "องค์การบริหารส่วนตำบลสว่าง อำเภอโพธิ์ทอง จังหวัดร้อยเอ็ด",
            "## รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ขององค์การบริหารส่วนตำบลสว่าง ประจำปีงบประมาณ พ.ศ.๒๕๖๗",
            "ตามที่องค์การบริหารส่วนตำบลสว่างได้มีการวิเคราะห์ผล ประจำปีงบประมาณ พ.ศ.๒๕๖๗ ดังนี้",
        ]
        .map(String::from)
        .to_vec();
        let (block, used) = read_title_block(&paras);
        assert_eq!(used, vec![0, 1, 2, 3]);
        assert_eq!(block.fiscal_year, Some(2567));
        assert_eq!(block.title, None);
        let org = block.organization.unwrap();
        assert_eq!(org.name, "องค์การบริหารส่วนตำบลสว่าง");
        assert_eq!(org.short_name.as_deref(), Some("อบต.สว่าง"));
        assert_eq!(org.district.as_deref(), Some("โพธิ์ทอง"));
        assert_eq!(org.province.as_deref(), Some("ร้อยเอ็ด"));
    }

    #[test]
    fn title_like_lines_in_the_introduction_stay_there() {
        let paras: Vec<String> = [
            "แบบรายงาน ITA",
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
            "องค์การบริหารส่วนตำบลสว่าง ประจำปีงบประมาณ พ.ศ.๒๕๖๗",
            "ตามที่ได้วิเคราะห์ผลการประเมิน ดังนี้",
            "องค์การบริหารส่วนตำบลสว่าง ได้ดำเนินการ",
            "รายงานการประชุม ครั้งที่ ๑",
        ]
        .map(String::from)
        .to_vec();
        let (block, used) = read_title_block(&paras);
        assert_eq!(used, vec![1, 2]);
        assert_eq!(block.fiscal_year, Some(2567));
    }

    #[test]
    fn glued_lines_and_other_kinds() {
        let paras = vec![
            "รายงานผลการดำเนินงานตามมาตรการ ITA เทศบาลตำบลหนองบัวประจำปีงบประมาณ 2568".to_owned(),
        ];
        let (block, _) = read_title_block(&paras);
        assert_eq!(block.fiscal_year, Some(2568));
        assert_eq!(
            block.title.as_deref(),
            Some("รายงานผลการดำเนินงานตามมาตรการ ITA")
        );
        let org = block.organization.unwrap();
        assert_eq!(org.name, "เทศบาลตำบลหนองบัว");
        assert_eq!(org.short_name.as_deref(), Some("ทต.หนองบัว"));
        assert_eq!(fiscal_year_in("ประจำปี ๒๕๖๗"), Some(2567));
        assert_eq!(fiscal_year_in("ปี 2024"), None);
    }

    #[test]
    fn ita_year_item_and_round() {
        let paras = vec![
            "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. ๒๕๖๘ (รอบ ๖ เดือน)".to_owned(),
            "องค์การบริหารส่วนตำบลสว่าง อำเภอโพธิ์ทอง จังหวัดร้อยเอ็ด".to_owned(),
            "การประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปี พ.ศ. ๒๕๖๙ ข้อ O26".to_owned(),
            "ตามที่ …".to_owned(),
        ];
        let (block, used) = read_title_block(&paras);
        assert_eq!(used, [0, 1, 2]);
        assert_eq!(block.fiscal_year, Some(2568));
        assert_eq!(block.assessment_year, Some(2569));
        assert_eq!(block.ita_item.as_deref(), Some("O26"));
        assert_eq!(block.round.as_deref(), Some("รอบ ๖ เดือน"));
        assert_eq!(
            block.title.as_deref(),
            Some("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
        );
        assert_eq!(ita_item_in("ข้อ o43."), Some("O43".into()));
        assert_eq!(ita_item_in("OIT"), None);
        assert_eq!(ita_item_in("O1234"), None);
        assert_eq!(round_in("รอบ 12 เดือน"), Some("รอบ 12 เดือน".into()));
        assert_eq!(round_in("รอบปี"), None);
    }
}
