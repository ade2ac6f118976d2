//! Conversion between Arabic (0-9) and Thai (๐-๙) digits.

/// The Thai digit for a value 0..=9.
const THAI_DIGITS: [char; 10] = ['๐', '๑', '๒', '๓', '๔', '๕', '๖', '๗', '๘', '๙'];

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
    fn round_trip() {
        let s = "๑ ต.ค.๖๖ – ๓๐ ก.ย.๖๗";
        assert_eq!(to_thai_digits(&to_arabic_digits(s)), s);
    }
}
