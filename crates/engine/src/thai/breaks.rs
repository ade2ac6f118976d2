//! Break hints: where a line may break in text that offers no break of its own.
//!
//! Typst breaks Thai between words (ICU4X's LSTM model) and Latin at spaces and hyphens. A long
//! run with neither, such as a URL, an e-mail address or Thai glued to Latin
//! ("ระบบE-Service"), would run past the edge of a narrow table cell and off the page. We insert
//! U+200B ZERO WIDTH SPACE, which allows a break and draws nothing, at the points where a
//! reader expects one; the text layer of the PDF drops it again (see `typeset::text_layer`).
//! A hint never goes inside a grapheme cluster, so a Thai consonant keeps its marks.

use unicode_segmentation::UnicodeSegmentation;

use super::segment::{JOIN, is_thai_letter};

/// The invisible break opportunity (the one of `segment`).
pub use super::segment::BREAK as ZERO_WIDTH_SPACE;

/// A run of Latin characters longer than this gets breaks after URL separators.
const LONG_RUN: usize = 12;
/// A run of Latin characters with no separator gets a break every this many characters.
const FORCED_BREAK: usize = 18;

/// `text` with break hints added; all other characters are left as they are.
pub fn add_break_hints(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for piece in text.split_inclusive(char::is_whitespace) {
        let run = piece.trim_end_matches(char::is_whitespace);
        hint_run(run, &mut out);
        out.push_str(&piece[run.len()..]);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    ThaiLetter,
    LatinLetter,
    Other,
}

fn kind(grapheme: &str) -> Kind {
    match grapheme.chars().next() {
        // The joins inside Thai words (segment::JOIN, one to three in a row) belong to them.
        Some(c) if is_thai_letter(c) || c == JOIN => Kind::ThaiLetter,
        Some(c) if c.is_ascii_alphabetic() => Kind::LatinLetter,
        _ => Kind::Other,
    }
}

fn is_separator(grapheme: &str) -> bool {
    matches!(
        grapheme,
        "/" | "." | "@" | "_" | "-" | "?" | "&" | "=" | "#" | "," | ";" | ":" | "+" | "~"
    )
}

/// Adds hints inside one run of non-space characters.
fn hint_run(run: &str, out: &mut String) {
    let graphemes: Vec<&str> = run.graphemes(true).collect();
    let latin_heavy = graphemes
        .iter()
        .filter(|g| kind(g) != Kind::ThaiLetter)
        .count()
        > LONG_RUN;
    let mut since_break = 0;
    for (i, grapheme) in graphemes.iter().enumerate() {
        out.push_str(grapheme);
        since_break += 1;
        let Some(next) = graphemes.get(i + 1) else {
            break;
        };
        let (here, there) = (kind(grapheme), kind(next));
        let script_change = matches!(
            (here, there),
            (Kind::ThaiLetter, Kind::LatinLetter) | (Kind::LatinLetter, Kind::ThaiLetter)
        );
        let after_separator = latin_heavy
            && is_separator(grapheme)
            && !is_separator(next)
            && here != Kind::ThaiLetter;
        let too_long =
            here != Kind::ThaiLetter && there != Kind::ThaiLetter && since_break >= FORCED_BREAK;
        if script_change || after_separator || too_long {
            out.push(ZERO_WIDTH_SPACE);
            since_break = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        add_break_hints(text).replace(ZERO_WIDTH_SPACE, "|")
    }

    #[test]
    fn urls_and_addresses_break_after_separators() {
        assert_eq!(
            shown("https://www.example.go.th/ita"),
            "https://|www.|example.|go.|th/|ita"
        );
        assert_eq!(shown("clerk@example.go.th"), "clerk@|example.|go.|th");
        // Short codes stay whole.
        assert_eq!(shown("E-Service"), "E-Service");
        assert_eq!(shown("No Gift Policy"), "No Gift Policy");
    }

    #[test]
    fn thai_and_latin_may_part() {
        assert_eq!(shown("ระบบE-Service"), "ระบบ|E-Service");
        assert_eq!(shown("ใช้Lineและ"), "ใช้|Line|และ");
        // Digits and punctuation stay with their word.
        assert_eq!(shown("ปี2567"), "ปี2567");
        assert_eq!(shown("ความโปร่งใส(ITA)"), "ความโปร่งใส(ITA)");
    }

    #[test]
    fn long_runs_are_forced_open_but_thai_is_left_to_the_segmenter() {
        assert_eq!(
            shown(&"a".repeat(40)),
            format!("{0}|{0}|{1}", "a".repeat(18), "a".repeat(4))
        );
        let thai = "องค์การบริหารส่วนตำบลสว่างอำเภอโพธิ์ทอง";
        assert_eq!(shown(thai), thai);
        // Nor the joins segment puts inside Thai words, however many.
        let hinted = crate::thai::segment::add_thai_break_hints(&thai.repeat(3));
        assert_eq!(add_break_hints(&hinted), hinted);
    }

    #[test]
    fn whitespace_and_clusters_are_kept() {
        assert_eq!(add_break_hints("ก\u{a0}ข\nค\tง  จ"), "ก\u{a0}ข\nค\tง  จ");
        // A cluster (consonant + marks) is never split.
        for hinted in [add_break_hints("ที่Aน้ำB"), add_break_hints(&"ปู่x".repeat(20))]
        {
            for (i, c) in hinted.char_indices() {
                if c == ZERO_WIDTH_SPACE {
                    let next = hinted[i + c.len_utf8()..].chars().next();
                    assert!(
                        !matches!(
                            next,
                            Some('\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
                        ),
                        "{hinted:?}"
                    );
                }
            }
        }
    }
}
