//! Period recovery: "๑ ต.ค.๖๖ – ๓๐ ก.ย.๖๗", "1 ต.ค. 2566 - 30 ก.ย. 2567", "1/10/2566 - 30/9/2567"
//! become a date range; anything else stays text.

use crate::dataset::model::DateRange;
use crate::thai::dates::{BE_OFFSET, Date, month_from_thai};
use crate::thai::digits::to_arabic_digits;

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
    /// say why.
    Doubtful(String),
}

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
    let doubtful = |why: &str| PeriodText::Doubtful(why.to_owned());
    // "๑- ๑๓ พฤษภาคม ๒๕๖๗": days of one month.
    if let [Token::Num(d1, _), Token::To, rest @ ..] = t.as_slice()
        && let Some((end, used)) = written(rest)
        && used == rest.len()
    {
        let Some(year) = end.year else {
            return doubtful("the year is missing");
        };
        let start = Written { day: *d1, ..end };
        return match (date(start, year), date(end, year)) {
            (Some(s), Some(e)) if s <= e => PeriodText::Dates(DateRange { start: s, end: e }),
            (Some(_), Some(_)) => doubtful("the period ends before it starts"),
            _ => doubtful("one of the days does not exist"),
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
                return doubtful("the year is missing");
            };
            date(first, year).map(|d| (d, d))
        }
        Some(end) => {
            let Some(end_year) = end.year.or(first.year) else {
                return doubtful("the year is missing");
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
        Some(_) => doubtful("the period ends before it starts"),
        None => doubtful("one of the days does not exist"),
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
            PeriodText::Doubtful(_)
        ));
        assert!(matches!(
            parse_period("๑ ต.ค.๖๗ – ๓๐ ก.ย.๖๖"),
            PeriodText::Doubtful(_)
        ));
    }
}
