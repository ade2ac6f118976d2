//! Period recovery: "๑ ต.ค.๖๖ – ๓๐ ก.ย.๖๗", "1 ต.ค. 2566 - 30 ก.ย. 2567", "1/10/2566 - 30/9/2567"
//! become a date range; anything else stays text.

use serde::Serialize;

use crate::dataset::model::{DateRange, FISCAL_YEAR_RANGE};
use crate::thai::dates::{BE_OFFSET, Date, month_from_thai};
use crate::thai::digits::{thai_number, to_arabic_digits, to_thai_digits};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A number and how many digits it was written with.
    Num(u32, usize),
    Month(u8),
    /// "-", "–", "ถึง": between the first and the last day.
    To,
    /// "/" between day, month and year.
    Slash,
}

/// What became of a period text.
#[derive(Debug, Clone, PartialEq)]
pub enum PeriodText {
    Dates(DateRange),
    /// Not dates: keep the text.
    Text,
    /// Written like dates but not a real range (31 ก.ย., end before start): keep the text and
    /// say why, in English and in Thai.
    Doubtful(&'static str, &'static str),
}

/// Why a period written like dates is not a range, in English and in Thai.
type Why = (&'static str, &'static str);
const NO_YEAR: Why = ("the year is missing", "ไม่มีปี");
const BACKWARDS: Why = ("the period ends before it starts", "วันสิ้นสุดมาก่อนวันเริ่ม");
const NO_SUCH_DAY: Why = ("one of the days does not exist", "มีวันที่ที่ไม่มีอยู่จริงในปฏิทิน");

/// Words around dates that carry no meaning for the range.
const NOISE: &[&str] = &[
    "ตั้งแต่วันที่",
    "ตั้งแต่",
    "วันที่",
    "พ.ศ.",
    "พ.ศ",
    "พศ.",
    "ค.ศ.",
    "ค.ศ",
    "ระหว่าง",
    "และ",
    ",",
];

const TO: &[&str] = &["จนถึงวันที่", "ถึงวันที่", "จนถึง", "ถึง", "-", "–", "—", "−", "~"];

fn tokens(text: &str) -> Option<Vec<Token>> {
    let text = to_arabic_digits(text);
    let mut rest = text.trim();
    let mut out = Vec::new();
    'outer: while !rest.is_empty() {
        let c = rest.chars().next()?;
        if c.is_whitespace() {
            rest = rest.trim_start();
            continue;
        }
        if c.is_ascii_digit() {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() > 4 {
                return None;
            }
            out.push(Token::Num(digits.parse().ok()?, digits.len()));
            rest = &rest[digits.len()..];
            continue;
        }
        if c == '/' {
            out.push(Token::Slash);
            rest = &rest[1..];
            continue;
        }
        for word in NOISE {
            if let Some(r) = rest.strip_prefix(word) {
                rest = r;
                continue 'outer;
            }
        }
        for word in TO {
            if let Some(r) = rest.strip_prefix(word) {
                out.push(Token::To);
                rest = r;
                continue 'outer;
            }
        }
        // A month: Thai letters and dots, e.g. "ต.ค." or "ตุลาคม".
        let len: usize = rest
            .char_indices()
            .find(|(_, c)| !(('\u{0E01}'..='\u{0E4E}').contains(c) || *c == '.'))
            .map_or(rest.len(), |(i, _)| i);
        if len == 0 {
            return None;
        }
        // Dots may glue a month to the year's "พ.ศ." ("ต.ค.พ.ศ."): try shorter prefixes too.
        let word = &rest[..len];
        let month = (1..=word.len())
            .rev()
            .filter(|&n| word.is_char_boundary(n))
            .find_map(|n| month_from_thai(&word[..n]).map(|m| (m, n)))?;
        out.push(Token::Month(month.0));
        rest = &rest[month.1..];
    }
    Some(out)
}

/// A written year as a Christian-Era year: two digits are the Buddhist Era's last two
/// ("๖๖" → 2566 BE), four digits from 2400 are Buddhist Era, else Christian Era.
fn year_ce(value: u32, digits: usize) -> Option<i32> {
    let value = i32::try_from(value).ok()?;
    match digits {
        2 => Some(2500 + value - BE_OFFSET),
        4 if value >= 2400 => Some(value - BE_OFFSET),
        4 if (1900..=2200).contains(&value) => Some(value),
        _ => None,
    }
}

/// A partial date as written: day, month, and the year if given.
#[derive(Debug, Clone, Copy)]
struct Written {
    day: u32,
    month: u8,
    year: Option<i32>,
}

/// Reads one date at the start of `t`; returns it and the tokens it used.
fn written(t: &[Token]) -> Option<(Written, usize)> {
    match t {
        [Token::Num(d, _), Token::Month(m), Token::Num(y, yd), ..] => {
            let year = year_ce(*y, *yd)?;
            Some((
                Written {
                    day: *d,
                    month: *m,
                    year: Some(year),
                },
                3,
            ))
        }
        [Token::Num(d, _), Token::Month(m), ..] => Some((
            Written {
                day: *d,
                month: *m,
                year: None,
            },
            2,
        )),
        [
            Token::Num(d, _),
            Token::Slash,
            Token::Num(m, _),
            Token::Slash,
            Token::Num(y, yd),
            ..,
        ] => Some((
            Written {
                day: *d,
                month: u8::try_from(*m).ok().filter(|m| (1..=12).contains(m))?,
                year: Some(year_ce(*y, *yd)?),
            },
            5,
        )),
        _ => None,
    }
}

fn date(w: Written, year: i32) -> Option<Date> {
    Date::new(year, w.month, u8::try_from(w.day).ok()?)
}

/// Reads a period cell.
pub fn parse_period(text: &str) -> PeriodText {
    let Some(t) = tokens(text) else {
        return PeriodText::Text;
    };
    if t.is_empty()
        || !t
            .iter()
            .any(|k| matches!(k, Token::Month(_) | Token::Slash))
    {
        return PeriodText::Text;
    }
    let doubtful = |(why, why_th): Why| PeriodText::Doubtful(why, why_th);
    // "๑- ๑๓ พฤษภาคม ๒๕๖๗": days of one month.
    if let [Token::Num(d1, _), Token::To, rest @ ..] = t.as_slice()
        && let Some((end, used)) = written(rest)
        && used == rest.len()
    {
        let Some(year) = end.year else {
            return doubtful(NO_YEAR);
        };
        let start = Written { day: *d1, ..end };
        return match (date(start, year), date(end, year)) {
            (Some(s), Some(e)) if s <= e => PeriodText::Dates(DateRange { start: s, end: e }),
            (Some(_), Some(_)) => doubtful(BACKWARDS),
            _ => doubtful(NO_SUCH_DAY),
        };
    }
    let Some((first, used)) = written(&t) else {
        return PeriodText::Text;
    };
    let rest = &t[used..];
    let (second, rest_len) = match rest {
        [] => (None, 0),
        [Token::To, more @ ..] => match written(more) {
            Some((w, n)) => (Some(w), more.len() - n),
            None => return PeriodText::Text,
        },
        _ => return PeriodText::Text,
    };
    if rest_len != 0 {
        return PeriodText::Text;
    }
    let range = match second {
        None => {
            let Some(year) = first.year else {
                return doubtful(NO_YEAR);
            };
            date(first, year).map(|d| (d, d))
        }
        Some(end) => {
            let Some(end_year) = end.year.or(first.year) else {
                return doubtful(NO_YEAR);
            };
            // "1 ต.ค. – 30 ก.ย. 2567": the start is in the year before when its month is later.
            let start_year = first.year.unwrap_or(if first.month > end.month {
                end_year - 1
            } else {
                end_year
            });
            date(first, start_year).zip(date(end, end_year))
        }
    };
    match range {
        Some((start, end)) if start <= end => PeriodText::Dates(DateRange { start, end }),
        Some(_) => doubtful(BACKWARDS),
        None => doubtful(NO_SUCH_DAY),
    }
}

/// Why a typed date could not be read, in English and in Thai (for the editor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateTypo {
    pub message: String,
    pub message_th: String,
}

impl DateTypo {
    fn new(message: impl Into<String>, message_th: impl Into<String>) -> DateTypo {
        DateTypo {
            message: message.into(),
            message_th: message_th.into(),
        }
    }
}

/// One date as a clerk types it in the editor: "1 ต.ค. 2567", "๑ ต.ค. ๖๗", "1 ตุลาคม 2567",
/// "1/10/2567" (Buddhist-Era years; two digits mean 25xx), or an ISO date ("2024-10-01").
/// The same words as import's period reader; `Ok(None)` for nothing typed.
pub fn parse_typed_date(text: &str) -> Result<Option<Date>, DateTypo> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(date) = Date::parse_iso(&to_arabic_digits(text)) {
        return Ok(Some(date));
    }
    let how = || {
        DateTypo::new(
            "write the day, the Thai month and the Buddhist-Era year, e.g. 1 ต.ค. 2567",
            "เขียนวันที่เป็น วัน เดือน ปี พ.ศ. เช่น ๑ ต.ค. ๒๕๖๗",
        )
    };
    let year_typo = |year: &str| {
        DateTypo::new(
            format!("the year {year} is not a Buddhist-Era year: use four digits, e.g. 2568"),
            format!(
                "ปี พ.ศ. \"{}\" ไม่ถูกต้อง: ใช้ปี พ.ศ. ๔ หลัก เช่น ๒๕๖๘",
                to_thai_digits(year)
            ),
        )
    };
    let Some(t) = tokens(text) else {
        let arabic = to_arabic_digits(text);
        // A slip such as "25682568": a number too long to be a day, month or year.
        if let Some(long) = arabic
            .split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() > 4)
        {
            return Err(year_typo(long));
        }
        // Digits around a word that is no month: say so.
        let has_digit = arabic.chars().any(|c| c.is_ascii_digit());
        let has_letter = text.chars().any(|c| ('\u{0E01}'..='\u{0E2E}').contains(&c));
        return Err(if has_digit && has_letter {
            DateTypo::new(
                "the month is not a Thai month name: write e.g. ต.ค. or ตุลาคม",
                "ไม่รู้จักชื่อเดือน: เขียนเช่น ต.ค. หรือ ตุลาคม",
            )
        } else {
            how()
        });
    };
    let year_of = |t: &[Token]| match t {
        [Token::Num(_, _), Token::Month(_), Token::Num(y, d)]
        | [
            Token::Num(_, _),
            Token::Slash,
            Token::Num(_, _),
            Token::Slash,
            Token::Num(y, d),
        ] => Some((*y, *d)),
        _ => None,
    };
    if let [Token::Num(_, _), Token::Month(_)] = t.as_slice() {
        return Err(DateTypo::new(
            "the year is missing: add the Buddhist-Era year, e.g. 2567",
            "ยังไม่มีปี: ใส่ปี พ.ศ. ด้วย เช่น ๒๕๖๗",
        ));
    }
    let Some((year, digits)) = year_of(&t) else {
        return Err(how());
    };
    let be = match (digits, i32::try_from(year)) {
        (2, Ok(y)) => 2500 + y,
        (4, Ok(y)) if FISCAL_YEAR_RANGE.contains(&y) => y,
        _ => return Err(year_typo(&year.to_string())),
    };
    let (day, month) = match t.as_slice() {
        [Token::Num(d, _), Token::Month(m), ..] => (*d, *m),
        [Token::Num(d, _), Token::Slash, Token::Num(m, _), ..] => {
            let Some(m) = u8::try_from(*m).ok().filter(|m| (1..=12).contains(m)) else {
                return Err(DateTypo::new(
                    "the month must be a number from 1 to 12",
                    "เดือนต้องเป็นเลข ๑ ถึง ๑๒",
                ));
            };
            (*d, m)
        }
        _ => return Err(how()),
    };
    let ce = be - BE_OFFSET;
    u8::try_from(day)
        .ok()
        .and_then(|day| Date::new(ce, month, day))
        .map(Some)
        .ok_or_else(|| {
            let last = Date::days_in(ce, month);
            let month_name = Date::new(ce, month, 1).map_or("", Date::full_month_name);
            DateTypo::new(
                format!("day {day} does not exist: that month has {last} days"),
                format!(
                    "ไม่มีวันที่ {}: เดือน{month_name} ปี {} มี {} วัน",
                    thai_number(u64::from(day)),
                    thai_number(u64::try_from(be).unwrap_or_default()),
                    thai_number(u64::from(last))
                ),
            )
        })
}

/// What the editor learns of a typed date (the answer of the browser engine's `readDate` and
/// of `POST /api/date`): the ISO date and the way the editor shows it ("๑ ต.ค. ๒๕๖๗"), both
/// empty for nothing typed, or why it is no date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypedDateAnswer {
    pub iso: String,
    pub text: String,
    pub problem: Option<DateTypo>,
}

/// [`parse_typed_date`] as the editor's answer.
pub fn read_typed_date(text: &str) -> TypedDateAnswer {
    match parse_typed_date(text) {
        Ok(date) => TypedDateAnswer {
            iso: date.map(|d| d.to_string()).unwrap_or_default(),
            text: date.map(Date::thai_medium).unwrap_or_default(),
            problem: None,
        },
        Err(problem) => TypedDateAnswer {
            iso: String::new(),
            text: String::new(),
            problem: Some(problem),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> Option<(String, String)> {
        match parse_period(text) {
            PeriodText::Dates(r) => Some((r.start.to_string(), r.end.to_string())),
            _ => None,
        }
    }

    fn fy67() -> Option<(String, String)> {
        Some(("2023-10-01".into(), "2024-09-30".into()))
    }

    fn typed(text: &str) -> Result<Option<String>, String> {
        parse_typed_date(text)
            .map(|d| d.map(|d| d.to_string()))
            .map_err(|e| e.message_th)
    }

    #[test]
    fn typed_dates() {
        let oct1 = Ok(Some("2024-10-01".to_owned()));
        for text in [
            "1 ต.ค. 2567",
            "๑ ต.ค. ๖๗",
            "1 ตุลาคม 2567",
            "1/10/2567",
            " ๑ ต.ค.๒๕๖๗ ",
            "2024-10-01",
            "๑ ตค ๖๗",
        ] {
            assert_eq!(typed(text), oct1, "{text}");
        }
        assert_eq!(typed(""), Ok(None));
        assert_eq!(
            typed("30 ก.พ. 2567").unwrap_err(),
            "ไม่มีวันที่ ๓๐: เดือนกุมภาพันธ์ ปี ๒๕๖๗ มี ๒๙ วัน"
        );
        assert_eq!(
            typed("1 ต.ค."),
            Err("ยังไม่มีปี: ใส่ปี พ.ศ. ด้วย เช่น ๒๕๖๗".to_owned())
        );
        assert!(typed("1 ตุลา 2567").unwrap_err().starts_with("ไม่รู้จักชื่อเดือน"));
        assert!(typed("1 ต.ค. 25682568").unwrap_err().contains("๒๕๖๘๒๕๖๘"));
        assert!(typed("1 ต.ค. 256").unwrap_err().contains("๒๕๖"));
        assert!(typed("1/13/2567").unwrap_err().contains("๑ ถึง ๑๒"));
        assert!(typed("พรุ่งนี้").is_err());
    }

    #[test]
    fn thai_periods() {
        assert_eq!(range("๑ ต.ค.๖๖ – ๓๐ ก.ย.๖๗"), fy67());
        assert_eq!(range("๑ ต.ค.๖๖ - ๓๐ ก.ย.๖๗"), fy67());
        assert_eq!(range("1 ต.ค. 2566 - 30 ก.ย. 2567"), fy67());
        assert_eq!(range("๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗"), fy67());
        assert_eq!(range("วันที่ 1 ต.ค. พ.ศ. 2566 ถึง 30 ก.ย. พ.ศ. 2567"), fy67());
        assert_eq!(range("1 ตค 66 - 30 กย 67"), fy67());
        assert_eq!(range("1 ต.ค. - 30 ก.ย. 2567"), fy67());
        assert_eq!(range("1/10/2566 - 30/9/2567"), fy67());
        assert_eq!(range("1 ต.ค. 2023 - 30 ก.ย. 2024"), fy67());
        assert_eq!(
            range("๑- ๑๓ พฤษภาคม ๒๕๖๗"),
            Some(("2024-05-01".into(), "2024-05-13".into()))
        );
        assert_eq!(
            range("๙ ธ.ค. ๖๗"),
            Some(("2024-12-09".into(), "2024-12-09".into()))
        );
    }

    #[test]
    fn other_text_stays_text() {
        for text in [
            "ตลอดปีงบประมาณ",
            "ปีงบประมาณ ๒๕๖๗",
            "ต.ค. ๖๖ - ก.ย. ๖๗",
            "๑ ต.ค.๖๖ – ๓๐ ก.ย.๖๗ (ทุกไตรมาส)",
            "",
            "2567",
        ] {
            assert_eq!(parse_period(text), PeriodText::Text, "{text}");
        }
        assert!(matches!(
            parse_period("๑ ต.ค.๖๖ – ๓๑ ก.ย.๖๗"),
            PeriodText::Doubtful(..)
        ));
        assert!(matches!(
            parse_period("๑ ต.ค.๖๗ – ๓๐ ก.ย.๖๖"),
            PeriodText::Doubtful(..)
        ));
    }
}
