//! Conversion between Arabic (0-9) and Thai (๐-๙) digits.

/// The Thai digit for a value 0..=9.
const THAI_DIGITS: [char; 10] = ['๐', '๑', '๒', '๓', '๔', '๕', '๖', '๗', '๘', '๙'];

/// A number the engine writes into a Thai message, in Thai digits (any integer type; values
/// quoted from a dataset stay as written).
pub fn th(n: impl TryInto<u64>) -> String {
    n.try_into().map_or_else(|_| "-".into(), thai_number)
}

/// Writes a non-negative number with Thai digits: `2567` → `๒๕๖๗`.
pub fn thai_number(n: u64) -> String {
    to_thai_digits(&n.to_string())
}

/// Replaces every Arabic digit in `text` by its Thai digit, leaving all else as written.
pub fn to_thai_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => THAI_DIGITS[d as usize],
            _ => c,
        })
        .collect()
}

/// Replaces every Thai digit in `text` by its Arabic digit, leaving all else as written.
pub fn to_arabic_digits(text: &str) -> String {
    text.chars()
        .map(|c| match thai_digit_value(c) {
            Some(d) => char::from(b'0' + d),
            None => c,
        })
        .collect()
}

/// Arabic digits in prose become Thai digits; digits inside URLs, e-mail addresses and codes
/// with Latin letters (ITA2567, E-Service2, www.x10.go.th) stay as written.
pub fn to_thai_digits_in_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end_matches(char::is_whitespace);
        if is_code_like(word) {
            out.push_str(word);
        } else {
            out.push_str(&to_thai_digits(word));
        }
        out.push_str(&piece[word.len()..]);
    }
    out
}

/// A word that is an address or a code rather than prose: its digits are part of a name.
fn is_code_like(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || lower.contains('@')
        || word.chars().any(|c| c.is_ascii_alphabetic())
}

/// The value of a Thai digit character, if it is one.
pub fn thai_digit_value(c: char) -> Option<u8> {
    THAI_DIGITS.iter().position(|&d| d == c).map(|i| i as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_thai_digits() {
        assert_eq!(thai_number(0), "๐");
        assert_eq!(thai_number(2567), "๒๕๖๗");
        assert_eq!(thai_number(1234567890), "๑๒๓๔๕๖๗๘๙๐");
    }

    #[test]
    fn conversion_leaves_other_text_alone() {
        assert_eq!(to_thai_digits("ปี 2567 (ITA)"), "ปี ๒๕๖๗ (ITA)");
        assert_eq!(to_arabic_digits("๙๙.๘๒ คะแนน"), "99.82 คะแนน");
        // Other scripts' digits are not ours to change.
        assert_eq!(to_thai_digits("٣"), "٣");
    }

    #[test]
    fn prose_digits_but_not_addresses_or_codes() {
        assert_eq!(
            to_thai_digits_in_prose(
                "คะแนน 99.82 ปี2567 https://x.go.th/a1 clerk2@x.go.th ITA2567 E-Service2"
            ),
            "คะแนน ๙๙.๘๒ ปี๒๕๖๗ https://x.go.th/a1 clerk2@x.go.th ITA2567 E-Service2"
        );
        assert_eq!(to_thai_digits_in_prose("1 ต.ค.\n2566"), "๑ ต.ค.\n๒๕๖๖");
        assert_eq!(
            to_thai_digits_in_prose("www.abc123.go.th"),
            "www.abc123.go.th"
        );
    }

    #[test]
    fn round_trip() {
        let s = "๑ ต.ค.๖๖ – ๓๐ ก.ย.๖๗";
        assert_eq!(to_thai_digits(&to_arabic_digits(s)), s);
    }
}
