//! Thai line breaks from a dictionary: Typst breaks Thai with ICU4X's LSTM model, which now and
//! then breaks inside a word (ข้อ|มูล, องค์|การ). We segment each Thai run with a word list
//! (see [`super::words`]) and tell Typst exactly where it may break: U+200B ZERO WIDTH SPACE
//! at a word boundary, U+2060 WORD JOINER between the grapheme clusters of a word (never
//! inside a cluster, so a consonant keeps its vowels and tone marks). Both draw nothing; the
//! PDF text layer drops them again. (ICU4X's own Thai dictionary segmenter was tried first:
//! it splits ผลการประเมิน as ผลกา|รป|ระ|เมิน, worse than the model.)
//!
//! On top of the dictionary, typesetting rules of official Thai text:
//! - ๆ and ฯ stay with the word before them;
//! - a short connective word (และ, ของ, ที่ …) does not end a line: it goes with the next word;
//! - an abbreviation (อบต., ต.ค.) is not broken;
//! - no break before a closing quote or after an opening one;
//! - a number stays with the unit or month after it (๙๙.๘๒ คะแนน, ๘ ตุลาคม), and พ.ศ. with
//!   its year, by a no-break space.
//!
//! Where a line may not break, the joins also say how bad a break there would be, for the
//! rare run wider than its column (a unit name in a narrow cell): one U+2060 between two
//! clusters of a syllable, two between syllables ([`SYLLABLE_SEAM`]), three between the
//! words a run is made of ([`WORD_SEAM`]: a connective and its word, the parts of a
//! compound). A layout that must break such a run breaks it at word seams first, then at
//! syllable seams, and between clusters only inside a syllable wider than the column.

use unicode_segmentation::UnicodeSegmentation;

use super::dates::month_names;
use super::words::{compound_parts, syllable_boundaries, word_boundaries};

/// Allows a line break; draws nothing.
pub const BREAK: char = '\u{200B}';
/// Forbids a line break; draws nothing.
pub const JOIN: char = '\u{2060}';
const NO_BREAK_SPACE: char = '\u{00A0}';
/// Between two syllables of a word: no break, unless the word is wider than its column.
pub const SYLLABLE_SEAM: &str = "\u{2060}\u{2060}";
/// Between two words that stay together: no break, unless they are wider than the column.
pub const WORD_SEAM: &str = "\u{2060}\u{2060}\u{2060}";

/// A word longer than this (in clusters) is split into the shorter words it is made of, so
/// that องค์การบริหารส่วนตำบล can still break in a narrow cell rather than run out of it.
const LONGEST_WORD: usize = 10;

/// Words that should not end a line: they belong with what follows.
const CONNECTIVES: &[&str] = &[
    "และ",
    "หรือ",
    "ที่",
    "ซึ่ง",
    "ของ",
    "ใน",
    "กับ",
    "แก่",
    "แต่",
    "เพื่อ",
    "โดย",
    "จาก",
    "ให้",
    "ต่อ",
    "ตาม",
    "ถึง",
    "เมื่อ",
    "ได้แก่",
    "เช่น",
    "คือ",
];

/// Words a number stays with.
const UNITS: &[&str] = &[
    "คะแนน",
    "ครั้ง",
    "คน",
    "ราย",
    "บาท",
    "แห่ง",
    "เรื่อง",
    "วัน",
    "เดือน",
    "ปี",
    "ชั่วโมง",
    "นาที",
    "กิโลเมตร",
    "เมตร",
    "หลัง",
    "ฉบับ",
    "โครงการ",
    "กิจกรรม",
    "%",
];

/// `text` as a reader should get it: the break marks dropped, no-break spaces as spaces (what
/// the PDF's text layer and the tests read).
pub fn without_break_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(*c, BREAK | JOIN))
        .map(|c| if c == '\u{A0}' { ' ' } else { c })
        .collect()
}

/// Whether `c` is a Thai letter, vowel or mark (not a Thai digit or symbol).
pub fn is_thai_letter(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}')
}

/// `text` with Thai break hints (see the module documentation); all visible characters are
/// kept as they are, only spaces after numbers may become no-break spaces.
pub fn add_thai_break_hints(text: &str) -> String {
    let text = glue_numbers(text);
    let mut out = String::with_capacity(text.len() * 5 / 4);
    let mut rest = text.as_str();
    while let Some(start) = rest.find(is_thai_letter) {
        out.push_str(&rest[..start]);
        let run_len = rest[start..]
            .find(|c: char| !is_thai_letter(c))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        let after = &rest[start + run_len..];
        hint_thai_run(run, after.starts_with('.'), &mut out);
        rest = after;
    }
    out.push_str(rest);
    quotes(&out)
}

/// Adds hints inside one run of Thai letters; `abbreviation` when a full stop follows it.
fn hint_thai_run(run: &str, abbreviation: bool, out: &mut String) {
    let clusters: Vec<(usize, &str)> = run.grapheme_indices(true).collect();
    if abbreviation && clusters.len() <= 5 {
        // อบต. ต.ค. พ.ศ.: never broken.
        join_all(&clusters, out);
        return;
    }
    let boundaries = breakable_boundaries(run);
    let words: Vec<&str> = split_at(run, &boundaries);
    let mut offset = 0;
    for (i, word) in words.iter().enumerate() {
        let word_clusters: Vec<(usize, &str)> = word.grapheme_indices(true).collect();
        join_word(word, &word_clusters, out);
        offset += word.len();
        if let Some(next) = words.get(i + 1) {
            // A connective goes with the next word, unless that is a connective too (chains
            // such as และในการ… would make runs too long to break well) or the two together
            // would be longer than a word may be.
            let connective = CONNECTIVES.contains(word)
                && !CONNECTIVES.contains(next)
                && word_clusters.len() + next.graphemes(true).count() <= LONGEST_WORD;
            if connective {
                out.push_str(WORD_SEAM);
            } else if next.starts_with(['ๆ', 'ฯ'])
                || next.starts_with(|c: char| is_following_vowel(c))
            {
                out.push(JOIN);
            } else {
                out.push(BREAK);
            }
        }
    }
    debug_assert_eq!(offset, run.len());
}

/// Where a line may break inside a run of Thai letters: word boundaries, and inside a word
/// longer than [`LONGEST_WORD`] clusters the boundaries of the shorter words it is made of.
pub fn breakable_boundaries(run: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in word_boundaries(run, usize::MAX)
        .into_iter()
        .chain([run.len()])
    {
        split_long_word(run, start, end, &mut out);
        if end < run.len() {
            out.push(end);
        }
        start = end;
    }
    out
}

/// Adds the places where `run[start..end]`, a word, may break: none for a word of at most
/// [`LONGEST_WORD`] clusters, else between the words of a compound, again inside each part
/// that is still long. A long word that is no compound stays whole.
fn split_long_word(run: &str, start: usize, end: usize, out: &mut Vec<usize>) {
    let word = &run[start..end];
    if word.graphemes(true).count() <= LONGEST_WORD {
        return;
    }
    let Some(parts) = compound_parts(word) else {
        return;
    };
    let mut from = start;
    for part_end in parts.into_iter().map(|b| start + b).chain([end]) {
        split_long_word(run, from, part_end, out);
        if part_end < end {
            out.push(part_end);
        }
        from = part_end;
    }
}

/// Vowels and marks that may never start a line.
fn is_following_vowel(c: char) -> bool {
    matches!(c, 'ะ' | 'ั' | 'า' | 'ำ' | 'ิ'..='ฺ' | 'ๅ' | '็'..='๎')
}

/// The clusters of a word joined: [`WORD_SEAM`] between the words of a compound
/// (ประชา|สัมพันธ์), [`SYLLABLE_SEAM`] between syllables, one [`JOIN`] elsewhere.
fn join_word(word: &str, clusters: &[(usize, &str)], out: &mut String) {
    if clusters.len() < 2 {
        return join_all(clusters, out);
    }
    let mut seams = Vec::new();
    compound_seams(word, 0, &mut seams);
    let syllables = syllable_boundaries(word);
    for (i, (offset, cluster)) in clusters.iter().enumerate() {
        if i > 0 {
            out.push_str(if seams.contains(offset) {
                WORD_SEAM
            } else if syllables.contains(offset) {
                SYLLABLE_SEAM
            } else {
                "\u{2060}"
            });
        }
        out.push_str(cluster);
    }
}

/// Where `word` (at `start` of its run), a word of three syllables or more, parts into the
/// words it is made of, again inside each such part (ประชา|สัมพันธ์, but ประชา stays whole:
/// its parts are syllables).
fn compound_seams(word: &str, start: usize, out: &mut Vec<usize>) {
    if syllable_boundaries(word).len() < 2 {
        return;
    }
    let Some(parts) = compound_parts(word) else {
        return;
    };
    let mut from = 0;
    for end in parts.into_iter().chain([word.len()]) {
        compound_seams(&word[from..end], start + from, out);
        if end < word.len() {
            out.push(start + end);
        }
        from = end;
    }
}

fn join_all(clusters: &[(usize, &str)], out: &mut String) {
    for (i, (_, cluster)) in clusters.iter().enumerate() {
        if i > 0 {
            out.push(JOIN);
        }
        out.push_str(cluster);
    }
}

fn split_at<'a>(text: &'a str, boundaries: &[usize]) -> Vec<&'a str> {
    let mut pieces = Vec::with_capacity(boundaries.len() + 1);
    let mut last = 0;
    for &b in boundaries {
        // Only boundaries between clusters count; the segmenter never returns others.
        if text.is_char_boundary(b) && b > last {
            pieces.push(&text[last..b]);
            last = b;
        }
    }
    pieces.push(&text[last..]);
    pieces
}

/// No break after an opening quote or before a closing one.
fn quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        let closing = matches!(c, '”' | '’' | '»');
        if closing && previous.is_some_and(|p| !p.is_whitespace() && p != JOIN) {
            out.push(JOIN);
        }
        out.push(c);
        let opening = matches!(c, '“' | '‘' | '«');
        if opening
            && chars
                .peek()
                .is_some_and(|n| !n.is_whitespace() && *n != JOIN)
        {
            out.push(JOIN);
        }
        previous = Some(c);
    }
    out
}

/// A space between a number and a unit or month after it, or between พ.ศ. and a year,
/// becomes a no-break space.
fn glue_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(' ') {
        let (before, after) = (&rest[..i], &rest[i + 1..]);
        out.push_str(before);
        let number_before = before
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c));
        let unit_after = UNITS.iter().any(|u| after.starts_with(u))
            || month_names().any(|m| after.starts_with(m));
        let era_before = before.ends_with("พ.ศ.") || before.ends_with("ค.ศ.");
        let number_after =
            after.starts_with(|c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c));
        if (number_before && unit_after) || (era_before && number_after) {
            out.push(NO_BREAK_SPACE);
        } else {
            out.push(' ');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hints shown: | may break, · joined.
    fn shown(text: &str) -> String {
        add_thai_break_hints(text)
            .replace(BREAK, "|")
            .replace(JOIN, "·")
            .replace(NO_BREAK_SPACE, "_")
    }

    #[test]
    fn dictionary_words_break_between_not_inside() {
        assert_eq!(
            shown("ทุกสองสัปดาห์"),
            "ท·ุ·ก|ส·อ·ง|ส·ั·ป··ด·า·ห·์"
                .replace("ท·ุ", "ทุ")
                .replace("ส·ั", "สั")
                .replace("ห·์", "ห์")
        );
    }

    #[test]
    fn clusters_are_never_split() {
        for word in [
            "เพิ่มเติม",
            "น้ำค่ำ",
            "ผู้รับผิดชอบ",
            "องค์การบริหารส่วนตำบล",
            "ที่สำคัญ",
            "ปู่ฐูญู",
        ] {
            let hinted = add_thai_break_hints(word);
            for (i, c) in hinted.char_indices() {
                if c == BREAK || c == JOIN {
                    let next = hinted[i + c.len_utf8()..].chars().next().unwrap_or(' ');
                    assert!(
                        !matches!(next, '\u{0E31}' | '\u{0E33}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'),
                        "{word}: hint before a mark in {hinted:?}"
                    );
                }
            }
            let visible: String = hinted
                .chars()
                .filter(|c| *c != BREAK && *c != JOIN)
                .collect();
            assert_eq!(visible, word);
        }
    }

    #[test]
    fn government_terms_segment_into_words() {
        let hinted = shown("องค์การบริหารส่วนตำบลผู้รับผิดชอบ");
        // The words may break between them, never inside.
        let words: Vec<String> = hinted.split('|').map(|w| w.replace('·', "")).collect();
        assert!(words.len() >= 2, "{hinted}");
        assert!(words.iter().all(|w| !w.is_empty()));
        assert!(!hinted.contains("อ|ง"), "{hinted}");
    }

    #[test]
    fn repetition_and_abbreviations_stay_together() {
        assert!(!shown("ต่างๆ").contains('|'), "{}", shown("ต่างๆ"));
        assert!(!shown("ฯลฯ").contains('|'));
        assert!(
            !shown("อบต.สว่าง").starts_with("อ·บ|"),
            "{}",
            shown("อบต.สว่าง")
        );
        assert_eq!(shown("อบต."), "อ·บ·ต.");
    }

    #[test]
    fn connectives_go_with_the_next_word() {
        let hinted = shown("ประชาชนและบุคลากร");
        assert!(
            hinted.contains("และ·") || !hinted.contains("และ|"),
            "{hinted}"
        );
    }

    #[test]
    fn long_compounds_break_between_their_words() {
        let words = |text: &str| -> Vec<String> {
            shown(text).split('|').map(|w| w.replace('·', "")).collect()
        };
        // One dictionary entry of 16 clusters: too wide for a narrow cell in one piece.
        assert_eq!(words("การแสดงความคิดเห็น"), ["การแสดง", "ความคิดเห็น"]);
        assert_eq!(
            words("องค์การบริหารส่วนตำบล"),
            ["องค์การ", "บริหาร", "ส่วน", "ตำบล"]
        );
        // A long word that is no compound stays whole.
        assert_eq!(words("อิเล็กทรอนิกส์"), ["อิเล็กทรอนิกส์"]);
        // A connective does not glue itself to a long word.
        assert_eq!(words("ในการแสดงความคิดเห็น"), ["ในการแสดง", "ความคิดเห็น"]);
        assert_eq!(words("และบุคลากร"), ["และบุคลากร"]);
    }

    #[test]
    fn joins_say_where_a_too_wide_run_may_part() {
        // ··· between words, ·· between syllables, · inside a syllable.
        assert_eq!(shown("งานประชาสัมพันธ์"), "ง·า·น|ป·ร·ะ··ช·า···สั·ม··พั·น·ธ์");
        assert_eq!(shown("และสิ่งแวดล้อม"), "แ·ล·ะ|สิ่·ง···แ·ว·ด··ล้·อ·ม");
        assert_eq!(shown("ในการ"), "ใ·น···ก·า·ร");
        // Without the hints, the text is the same.
        assert_eq!(
            add_thai_break_hints("งานประชาสัมพันธ์").replace([BREAK, JOIN], ""),
            "งานประชาสัมพันธ์"
        );
    }

    #[test]
    fn numbers_keep_their_units_and_quotes_their_words() {
        assert_eq!(
            shown("ได้ ๙๙.๘๒ คะแนน"),
            shown("ได้ ๙๙.๘๒").to_owned() + "_" + &shown("คะแนน")
        );
        assert!(shown("วันที่ ๘ ตุลาคม ๒๕๖๖").contains("๘_"));
        assert!(shown("พ.ศ. ๒๕๖๗").contains("._๒"));
        assert!(shown("กิจกรรม “ไม่รับ”").contains("“·"));
        assert!(shown("“ไม่รับ”").contains("·”"));
        // Spaces elsewhere are left alone.
        assert_eq!(shown("ก ข"), "ก ข");
    }

    #[test]
    fn latin_and_digits_are_untouched() {
        assert_eq!(
            add_thai_break_hints("E-Service 2567 https://x.go.th"),
            "E-Service 2567 https://x.go.th"
        );
    }
}
