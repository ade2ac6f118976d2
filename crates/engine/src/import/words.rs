//! `--join-broken-words`: removes spaces that line wrapping left inside a Thai word
//! ("เป็น ต้น" → "เป็นต้น", "คอร์ รัปชัน" → "คอร์รัปชัน"), and only where ICU4X's Thai
//! dictionary segments the two halves as one word; every other space stays. The dictionary
//! splits finer than a reader does ("ร้อง|ทุกข์", "เจ้า|หน้าที่"), so such breaks are kept.

use std::sync::LazyLock;

use icu_segmenter::WordSegmenter;
use icu_segmenter::WordSegmenterBorrowed;
use icu_segmenter::options::WordBreakInvariantOptions;

static SEGMENTER: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));

/// A Thai letter, vowel or tone mark that can be part of a broken word: ๆ and ฯ never are.
fn is_thai_letter(c: char) -> bool {
    crate::thai::segment::is_thai_letter(c) && !matches!(c, 'ๆ' | 'ฯ')
}

/// Word boundaries of `text` by the dictionary, as byte offsets (0 and the length included).
fn boundaries(text: &str) -> Vec<usize> {
    SEGMENTER.segment_str(text).collect()
}

/// Whether joining `left` and `right` (both Thai runs) puts a dictionary word across the join.
pub fn is_one_word(left: &str, right: &str) -> bool {
    let joined = format!("{left}{right}");
    let cuts = boundaries(&joined);
    if cuts.contains(&left.len()) {
        return false;
    }
    // The word that spans the join must be a word on its own, not a run the dictionary could
    // not split.
    let start = cuts.iter().rev().find(|&&c| c < left.len()).copied();
    let end = cuts.iter().find(|&&c| c > left.len()).copied();
    let (Some(start), Some(end)) = (start, end) else {
        return false;
    };
    let word = &joined[start..end];
    boundaries(word) == [0, word.len()] && word.chars().count() >= 3
}

/// `text` with the spaces inside Thai words removed; returns the text and how many spaces
/// went.
pub fn join_broken_words(text: &str) -> (String, usize) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut joined = 0;
    let mut last = 0;
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c != ' ' || k == 0 || k + 1 >= chars.len() {
            continue;
        }
        if !(is_thai_letter(chars[k - 1].1) && is_thai_letter(chars[k + 1].1)) {
            continue;
        }
        let left_start = chars[..k]
            .iter()
            .rev()
            .take_while(|(_, c)| is_thai_letter(*c))
            .last()
            .map_or(at, |(i, _)| *i);
        let right_end = chars[k + 1..]
            .iter()
            .find(|(_, c)| !is_thai_letter(*c))
            .map_or(text.len(), |(i, _)| *i);
        if is_one_word(&text[left_start..at], &text[at + 1..right_end]) {
            out.push_str(&text[last..at]);
            last = at + 1;
            joined += 1;
        }
    }
    out.push_str(&text[last..]);
    (out, joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_only_words_the_dictionary_knows() {
        assert_eq!(join_broken_words("การทุจริต เป็น ต้น").0, "การทุจริต เป็นต้น");
        assert_eq!(join_broken_words("การ ดำ เนินงาน").0, "การ ดำเนินงาน");
        assert_eq!(
            join_broken_words("ต่อต้านคอร์ รัปชัน ประชา สัมพันธ์"),
            ("ต่อต้านคอร์รัปชัน ประชาสัมพันธ์".into(), 2)
        );
        for kept in [
            "ร่วม วางแผนการดำเนินงาน",
            // The dictionary splits these, so a space between them is kept.
            "ร้องเรียนร้อง ทุกข์",
            "เจ้า หน้าที่",
            "ทุกกอง/ทุก สำนัก",
            "ของ อบต. สว่าง",
            "ในการ ดำเนินงาน",
            "Q&A , E-Service",
        ] {
            assert_eq!(join_broken_words(kept).0, kept);
        }
    }
}
