//! Spaces a line may not break at. Typst breaks lines by Unicode's line-break rules (UAX #14),
//! and those forbid a break at some spaces: before a closing bracket or quote, `:` `;` `!` `?`
//! `/` and the like, after an opening one ("ฯลฯ#_#} :เกา" is one unbreakable run, so is
//! "( ๑ )"). The rest of the tool takes a plain space for a break (the normaliser's widest
//! run, the layout's long-run check), so such a run could pass for short and run past its
//! table cell. Here such spaces become no-break spaces: the same drawing, no break anywhere,
//! and every part of the pipeline sees the same runs. The text layer gives readers a plain
//! space again (see `typeset::text_layer`).

use std::sync::LazyLock;

use icu_provider_blob::BlobDataProvider;
use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};

/// A space that never breaks.
pub const NO_BREAK_SPACE: char = '\u{00A0}';

/// Whether `c` is white space a line never breaks at (no-break, figure and narrow no-break
/// spaces).
pub fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

/// Typst's segmenter for text tagged Chinese, which is how the layout sets text whose Thai
/// breaks the tool marks (`typeset::language`): the same data (curly quotes as brackets).
static MARKED: LazyLock<Option<LineSegmenter>> = LazyLock::new(|| {
    let provider =
        BlobDataProvider::try_new_from_static_blob(typst_assets::icu::ICU_CJ_SEGMENT).ok()?;
    LineSegmenter::try_new_for_non_complex_scripts_with_buffer_provider(
        &provider,
        LineBreakOptions::default(),
    )
    .ok()
});

/// Typst's segmenter for other text.
static GENERAL: LazyLock<LineSegmenterBorrowed<'static>> =
    LazyLock::new(|| LineSegmenter::new_lstm(LineBreakOptions::default()));

/// `line` (one line, no line feeds) with each run of plain spaces that Typst would not break
/// after turned into no-break spaces; `marked` when the layout sets it with marked Thai
/// breaks (tagged Chinese).
pub fn glue_unbreakable_spaces(line: &str, marked: bool) -> String {
    if !line.contains(is_plain_space) {
        return line.to_owned();
    }
    let breaks: Vec<usize> = match (marked, MARKED.as_ref()) {
        (true, Some(segmenter)) => segmenter.as_borrowed().segment_str(line).collect(),
        _ => GENERAL.segment_str(line).collect(),
    };
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut offset = 0;
    while let Some(start) = rest.find(is_plain_space) {
        let len = rest[start..]
            .find(|c: char| !is_plain_space(c))
            .unwrap_or(rest.len() - start);
        let end = offset + start + len;
        out.push_str(&rest[..start]);
        let spaces = &rest[start..start + len];
        // A break after the spaces (or the line ends there): they stay as they are.
        if end == line.len() || breaks.binary_search(&end).is_ok() {
            out.push_str(spaces);
        } else {
            out.extend(spaces.chars().map(|_| NO_BREAK_SPACE));
        }
        rest = &rest[start + len..];
        offset = end;
    }
    out.push_str(rest);
    out
}

/// White space a line may break after (not the no-break kinds, not a line feed).
fn is_plain_space(c: char) -> bool {
    c.is_whitespace() && !is_no_break_space(c) && c != '\n'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(line: &str, marked: bool) -> String {
        glue_unbreakable_spaces(line, marked).replace(NO_BREAK_SPACE, "~")
    }

    #[test]
    fn spaces_before_closing_punctuation_do_not_break() {
        for marked in [true, false] {
            // The property tests' case: no break before ':' even after a space.
            assert_eq!(shown("ฯลฯ#_#} :เกา<b>ฎ๋แกิ", marked), "ฯลฯ#_#}~:เกา<b>ฎ๋แกิ");
            assert_eq!(shown("ระยะที่ ( ๑ ) ดังนี้", marked), "ระยะที่ (~๑~) ดังนี้");
            assert_eq!(shown("ก !", marked), "ก~!");
        }
        // Typst sets marked text with curly quotes as brackets.
        assert_eq!(shown("ก “ ข ” ค", true), "ก “~ข~” ค");
    }

    #[test]
    fn ordinary_spaces_stay() {
        for marked in [true, false] {
            for line in [
                "องค์การ บริหาร",
                "No Gift Policy",
                "ก - ข",
                "๑๒ ๓๔",
                "ก  ข",
                "ท้าย ",
            ] {
                assert_eq!(glue_unbreakable_spaces(line, marked), line);
            }
        }
    }
}
