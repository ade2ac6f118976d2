//! Thai word segmentation by maximal matching against a word list (PyThaiNLP's, CC0, in
//! `dictionaries/`): the split of a run of Thai letters into the fewest dictionary words, with
//! as few letters as possible left over. Stretches no word covers (names, new words) are
//! split by ICU4X's LSTM model, as Typst would. Syllables the same way, against PyThaiNLP's
//! syllable list (CC0): ประ|ชา|สัม|พันธ์.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};
use unicode_segmentation::UnicodeSegmentation;

/// The longest word, in units (see [`units`]), that is looked up.
const MAX_WORD_UNITS: usize = 24;
/// The longest syllable, in units, that is looked up.
const MAX_SYLLABLE_UNITS: usize = 8;

type WordSet = FxHashSet<&'static str>;

fn word_set(lists: &[&'static str], capacity: usize) -> WordSet {
    let mut words = FxHashSet::with_capacity_and_hasher(capacity, Default::default());
    words.extend(
        lists
            .iter()
            .flat_map(|list| list.lines())
            .map(str::trim)
            .filter(|w| !w.is_empty()),
    );
    words
}

/// Loaded once per process.
static DICTIONARY: LazyLock<WordSet> = LazyLock::new(|| {
    word_set(
        &[
            include_str!("../../../../dictionaries/words_th.txt"),
            include_str!("../../../../dictionaries/words_extra.txt"),
        ],
        64 * 1024,
    )
});

static SYLLABLES: LazyLock<WordSet> = LazyLock::new(|| {
    word_set(
        &[include_str!("../../../../dictionaries/syllables_th.txt")],
        16 * 1024,
    )
});

static LSTM: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_lstm(WordBreakInvariantOptions::default()));

/// Whether `word` is in the word list.
pub fn is_word(word: &str) -> bool {
    DICTIONARY.contains(word)
}

/// Byte offsets inside `word` (Thai letters) between its syllables, not counting 0 and the
/// end: the split into the fewest syllables of the syllable list. A stretch no syllable
/// covers (a foreign name) is left whole.
pub fn syllable_boundaries(word: &str) -> Vec<usize> {
    pieces(word, MAX_SYLLABLE_UNITS, &SYLLABLES)
        .into_iter()
        .skip(1)
        .map(|(start, _, _)| start)
        .collect()
}

/// Byte offsets inside `run` (a string of Thai letters) where one word ends and the next
/// begins, not counting 0 and the end. Words longer than `max_units` units are split into
/// shorter dictionary words when they can be.
pub fn word_boundaries(run: &str, max_units: usize) -> Vec<usize> {
    let mut boundaries = Vec::new();
    for (start, end, known) in pieces(run, max_units, &DICTIONARY) {
        if start > 0 {
            boundaries.push(start);
        }
        if !known {
            let stretch = &run[start..end];
            boundaries.extend(
                LSTM.segment_str(stretch)
                    .filter(|&b| b > 0 && b < stretch.len())
                    .map(|b| start + b),
            );
        }
    }
    boundaries
}

/// Where a compound word splits into the fewest shorter dictionary words
/// (การแสดงความคิดเห็น: การแสดง|ความคิดเห็น); `None` unless every part is a word.
pub fn compound_parts(word: &str) -> Option<Vec<usize>> {
    let shorter = units(word).len().saturating_sub(2);
    if shorter == 0 {
        return None;
    }
    let parts = pieces(word, shorter, &DICTIONARY);
    (parts.len() > 1 && parts.iter().all(|&(_, _, known)| known))
        .then(|| parts.iter().skip(1).map(|&(start, _, _)| start).collect())
}

/// The best split of `run` into words of `list` of at most `max_units` units and stretches
/// no word covers: (start, end, is a word), in order.
fn pieces(run: &str, max_units: usize, list: &WordSet) -> Vec<(usize, usize, bool)> {
    let units = units(run);
    let n = units.len() - 1;
    if n == 0 {
        return Vec::new();
    }
    // best[i]: (letters left over, words) for the best split of units[..i]; from[i]: where
    // its last piece starts, and whether that piece is a word.
    let mut best: Vec<(usize, usize)> = vec![(usize::MAX, usize::MAX); n + 1];
    let mut from: Vec<(usize, bool)> = vec![(0, false); n + 1];
    best[0] = (0, 0);
    let longest = max_units.min(MAX_WORD_UNITS);
    for i in 1..=n {
        // Shorter last pieces first, so that of two splits with as many words the one with
        // the longer earlier words wins (องค์การ|บริหาร rather than องค์|การบริหาร).
        for j in (i.saturating_sub(longest)..i).rev() {
            if best[j].0 == usize::MAX {
                continue;
            }
            let piece = &run[units[j]..units[i]];
            let candidate = if list.contains(piece) {
                (best[j].0, best[j].1 + 1, true)
            } else if j + 1 == i {
                (best[j].0 + 1, best[j].1 + 1, false)
            } else {
                continue;
            };
            if (candidate.0, candidate.1) < best[i] {
                best[i] = (candidate.0, candidate.1);
                from[i] = (j, candidate.2);
            }
        }
    }
    // Walk back: dictionary words as they are, leftover units merged into stretches.
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = n;
    while i > 0 {
        let (j, known) = from[i];
        match pieces.last_mut() {
            Some((start, _, false)) if !known => *start = units[j],
            _ => pieces.push((units[j], units[i], known)),
        }
        i = j;
    }
    pieces.reverse();
    pieces
}

/// The places a word may start or end: grapheme boundaries, except right after a leading
/// vowel (เ แ โ ใ ไ) and right before a following vowel (ะ า ๅ), which belong to their
/// neighbour. Includes 0 and the end.
fn units(run: &str) -> Vec<usize> {
    let mut out = vec![0];
    for (offset, cluster) in run.grapheme_indices(true).skip(1) {
        let before = run[..offset].chars().next_back();
        let after = cluster.chars().next();
        let leading = matches!(before, Some('เ' | 'แ' | 'โ' | 'ใ' | 'ไ'));
        let following = matches!(after, Some('ะ' | 'า' | 'ๅ' | 'ำ'));
        if !leading && !following {
            out.push(offset);
        }
    }
    out.push(run.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for b in word_boundaries(text, MAX_WORD_UNITS) {
            out.push_str(&text[last..b]);
            out.push('|');
            last = b;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn official_text_splits_into_words() {
        assert_eq!(
            split("เปิดเผยผลการดำเนินการและ"),
            "เปิดเผย|ผล|การดำเนินการ|และ".replace("การดำเนินการ", split("การดำเนินการ").as_str())
        );
        assert_eq!(split("ผู้รับผิดชอบ"), "ผู้รับผิดชอบ");
        assert_eq!(split("ข้อมูลต่อสาธารณะ"), "ข้อมูล|ต่อ|สาธารณะ");
        assert!(split("องค์การบริหารส่วนตำบลสว่าง").starts_with("องค์การบริหารส่วนตำบล|"));
        assert!(!split("องค์การบริหารส่วนตำบลสว่าง").contains("ส|ว่าง"));
        assert!(
            split("ผลการประเมิน").starts_with("ผล"),
            "{}",
            split("ผลการประเมิน")
        );
        assert!(!split("ผลการประเมิน").contains("กา|ร"));
    }

    #[test]
    fn long_words_split_when_asked() {
        let long = "องค์การบริหารส่วนตำบล";
        assert_eq!(split(long), long);
        let short: Vec<usize> = word_boundaries(long, 8);
        assert!(!short.is_empty(), "split into shorter words");
        assert!(short.iter().all(|b| long.is_char_boundary(*b)));
    }

    #[test]
    fn words_split_into_syllables() {
        let syllables = |word: &str| -> Vec<String> {
            let mut out = Vec::new();
            let mut last = 0;
            for b in syllable_boundaries(word).into_iter().chain([word.len()]) {
                out.push(word[last..b].to_owned());
                last = b;
            }
            out
        };
        assert_eq!(syllables("ประชาสัมพันธ์"), ["ประ", "ชา", "สัม", "พันธ์"]);
        assert_eq!(syllables("สาธารณภัย"), ["สา", "ธารณ", "ภัย"]);
        assert_eq!(syllables("สิ่งแวดล้อม"), ["สิ่ง", "แวด", "ล้อม"]);
        assert_eq!(syllables("บรรเทา"), ["บรร", "เทา"]);
        assert_eq!(syllables("ก"), ["ก"]);
    }

    #[test]
    fn unknown_names_fall_back_to_the_model() {
        // A made-up word is split somewhere, never inside a cluster.
        let text = "ฐุฬฑ์โฌ่ฆ้";
        for b in word_boundaries(text, MAX_WORD_UNITS) {
            let next = text[b..].chars().next().unwrap();
            assert!(
                !matches!(next, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
            );
        }
    }

    #[test]
    fn leading_and_following_vowels_stay_with_their_consonant() {
        for text in ["เพิ่มเติมและแก้ไข", "ประชาชนมากขึ้น", "กำหนดการ"]
        {
            for b in word_boundaries(text, MAX_WORD_UNITS) {
                assert!(
                    !matches!(
                        text[..b].chars().next_back(),
                        Some('เ' | 'แ' | 'โ' | 'ใ' | 'ไ')
                    ),
                    "{text} at {b}"
                );
                assert!(
                    !matches!(text[b..].chars().next(), Some('ะ' | 'า' | 'ำ' | 'ๅ')),
                    "{text} at {b}"
                );
            }
        }
    }
}
