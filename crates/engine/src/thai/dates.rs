//! Calendar dates and how Thai official documents write them (Buddhist Era, Thai months).

use std::fmt;

use super::digits::thai_number;

/// Years between the Christian Era and the Buddhist Era (พ.ศ. = ค.ศ. + 543).
pub const BE_OFFSET: i32 = 543;

/// Thai month names, full and abbreviated, January first: the one table of them.
const MONTHS: [(&str, &str); 12] = [
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
];

/// The month number (1 = January) of a Thai month name, full ("ตุลาคม") or abbreviated
/// ("ต.ค."), also without its dots or with spaces inside ("ต.ค", "ตค.", "ต. ค.").
pub fn month_from_thai(name: &str) -> Option<u8> {
    let bare = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '.' && !c.is_whitespace())
            .collect()
    };
    let name = bare(name);
    if name.is_empty() {
        return None;
    }
    MONTHS
        .iter()
        .position(|(full, short)| name == *full || name == bare(short))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Every month name, full and abbreviated (มกราคม, ม.ค., …).
pub fn month_names() -> impl Iterator<Item = &'static str> {
    MONTHS.iter().flat_map(|(full, short)| [*full, *short])
}

/// A calendar date in the Gregorian calendar (as in ISO 8601 text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Why a text is not a usable ISO date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form YYYY-MM-DD.
    Format,
    /// The form is right but the day does not exist (2023-13-01, 2023-02-30).
    NoSuchDay,
}

impl Date {
    /// A date if the day exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(DateError::Format);
        }
        let num = |r: std::ops::Range<usize>| text[r].parse::<i32>().map_err(|_| DateError::Format);
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(DateError::NoSuchDay);
        };
        Date::new(year, month, day).ok_or(DateError::NoSuchDay)
    }

    /// How many days `month` of the Christian-Era `year` has.
    pub fn days_in(year: i32, month: u8) -> u8 {
        days_in_month(year, month)
    }

    /// `๑ ต.ค. ๒๕๖๗`: day, abbreviated month, four-digit Buddhist-Era year (the editor's way).
    pub fn thai_medium(self) -> String {
        self.written(
            self.month_names().1,
            thai_number(self.be_year().max(0) as u64),
        )
    }

    /// The full Thai name of this date's month (ตุลาคม).
    pub fn full_month_name(self) -> &'static str {
        self.month_names().0
    }

    /// The Buddhist-Era year of this date.
    pub fn be_year(self) -> i32 {
        self.year + BE_OFFSET
    }

    /// `๑ ต.ค. ๖๖`: day, abbreviated month, two-digit Buddhist-Era year.
    pub fn thai_short(self) -> String {
        let year = self.be_year().rem_euclid(100) as u64;
        self.written(self.month_names().1, two_digits(year))
    }

    /// `๑ ตุลาคม ๒๕๖๖`: day, full month, full Buddhist-Era year.
    pub fn thai_full(self) -> String {
        self.written(
            self.month_names().0,
            thai_number(self.be_year().max(0) as u64),
        )
    }

    /// Day in Thai digits, month, year: how every Thai form of a date is laid out.
    fn written(self, month: &str, year: String) -> String {
        format!("{} {month} {year}", thai_number(u64::from(self.day)))
    }

    fn month_names(self) -> (&'static str, &'static str) {
        MONTHS[usize::from(self.month - 1)]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How a period of dates is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// `๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗`
    #[default]
    Short,
    /// `๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗`
    Full,
}

impl DateStyle {
    /// The style by its name on the command line and in the HTTP API: `short` or `full`.
    pub fn from_name(name: &str) -> Option<DateStyle> {
        match name {
            "short" => Some(DateStyle::Short),
            "full" => Some(DateStyle::Full),
            _ => None,
        }
    }
}

/// A period as the official table writes it; a one-day period is written once.
pub fn format_period(start: Date, end: Date, style: DateStyle) -> String {
    let one = |d: Date| match style {
        DateStyle::Short => d.thai_short(),
        DateStyle::Full => d.thai_full(),
    };
    if start == end {
        one(start)
    } else {
        format!("{} – {}", one(start), one(end))
    }
}

/// The first and last day of a Thai fiscal year given in Buddhist Era
/// (FY 2567 runs 1 October 2023 to 30 September 2024).
pub fn fiscal_year_bounds(fiscal_year_be: i32) -> (Date, Date) {
    let end_year = fiscal_year_be - BE_OFFSET;
    (
        Date {
            year: end_year - 1,
            month: 10,
            day: 1,
        },
        Date {
            year: end_year,
            month: 9,
            day: 30,
        },
    )
}

fn two_digits(n: u64) -> String {
    let s = thai_number(n);
    if n < 10 { format!("๐{s}") } else { s }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            d("2023-10-01"),
            Date {
                year: 2023,
                month: 10,
                day: 1
            }
        );
        assert_eq!(Date::parse_iso("2023-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse_iso("2023-02-29"), Err(DateError::NoSuchDay));
        assert!(Date::parse_iso("2024-02-29").is_ok());
        assert_eq!(Date::parse_iso("1900-02-29"), Err(DateError::NoSuchDay));
        assert!(Date::parse_iso("2000-02-29").is_ok());
        assert_eq!(Date::parse_iso("2023-1-01"), Err(DateError::Format));
        assert_eq!(Date::parse_iso("01/10/2023"), Err(DateError::Format));
        assert_eq!(Date::parse_iso("2023-10-01T00:00"), Err(DateError::Format));
        assert_eq!(Date::parse_iso("๒๕๖๖-10-01"), Err(DateError::Format));
    }

    #[test]
    fn short_and_full_forms() {
        assert_eq!(d("2023-10-01").thai_short(), "๑ ต.ค. ๖๖");
        assert_eq!(d("2024-09-30").thai_short(), "๓๐ ก.ย. ๖๗");
        assert_eq!(d("2023-10-01").thai_full(), "๑ ตุลาคม ๒๕๖๖");
        assert_eq!(d("2025-10-20").thai_full(), "๒๐ ตุลาคม ๒๕๖๘");
        // BE 2600 ends in 00 and is written ๐๐, not ๐.
        assert_eq!(d("2057-01-05").thai_short(), "๕ ม.ค. ๐๐");
        assert_eq!(d("2058-12-31").thai_short(), "๓๑ ธ.ค. ๐๑");
    }

    #[test]
    fn periods() {
        let (s, e) = (d("2023-10-01"), d("2024-09-30"));
        assert_eq!(
            format_period(s, e, DateStyle::Short),
            "๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗"
        );
        assert_eq!(
            format_period(s, e, DateStyle::Full),
            "๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗"
        );
        let day = d("2024-12-09");
        assert_eq!(format_period(day, day, DateStyle::Short), "๙ ธ.ค. ๖๗");
    }

    #[test]
    fn fiscal_year_runs_october_to_september() {
        assert_eq!(fiscal_year_bounds(2567), (d("2023-10-01"), d("2024-09-30")));
        assert_eq!(fiscal_year_bounds(2568).0.be_year(), 2567);
    }

    #[test]
    fn months_from_thai_names() {
        assert_eq!(month_from_thai("ตุลาคม"), Some(10));
        assert_eq!(month_from_thai("ต.ค."), Some(10));
        assert_eq!(month_from_thai("ต.ค"), Some(10));
        assert_eq!(month_from_thai("ตค."), Some(10));
        assert_eq!(month_from_thai("ก.ย."), Some(9));
        assert_eq!(month_from_thai("มี.ค."), Some(3));
        assert_eq!(month_from_thai("ม.ค."), Some(1));
        assert_eq!(month_from_thai("พ.ย."), Some(11));
        assert_eq!(month_from_thai("พ.ค."), Some(5));
        assert_eq!(month_from_thai("มกรา"), None);
        assert_eq!(month_from_thai("."), None);
        for m in 1..=12u8 {
            let (full, short) = MONTHS[usize::from(m - 1)];
            assert_eq!(month_from_thai(full), Some(m));
            assert_eq!(month_from_thai(short), Some(m));
        }
    }

    #[test]
    fn every_month_has_names() {
        for m in 1..=12u8 {
            let date = Date::new(2024, m, 1).unwrap();
            assert!(date.thai_full().contains(MONTHS[usize::from(m - 1)].0));
        }
    }
}
