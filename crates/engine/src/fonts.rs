//! The Sarabun faces bundled in the binary: the only fonts a report is set in.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The font family every layout should name.
pub const FAMILY: &str = "Sarabun";

/// The bundled faces, as committed in `fonts/` (OFL-1.1, see `fonts/OFL.txt`): Sarabun with
/// the glyphs the PDF text layer needs for Thai added by `fonts/tools/add-sara-am-glyph.py`
/// (see `fonts/README.md`; the unmodified faces are in `fonts/original/`).
const FACES: [&[u8]; 4] = [
    include_bytes!("../../../fonts/Sarabun-Regular.ttf"),
    include_bytes!("../../../fonts/Sarabun-Bold.ttf"),
    include_bytes!("../../../fonts/Sarabun-Italic.ttf"),
    include_bytes!("../../../fonts/Sarabun-BoldItalic.ttf"),
];

/// The parsed faces and their book, built once per process and shared by every render.
pub struct FontSet {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

static FONTS: LazyLock<FontSet> = LazyLock::new(|| {
    let fonts: Vec<Font> = FACES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    FontSet {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The bundled fonts, parsed on first use.
pub fn bundled() -> &'static FontSet {
    &FONTS
}

/// Whether the bundled regular face has a glyph for `c`.
pub fn covers(c: char) -> bool {
    bundled()
        .fonts
        .first()
        .is_some_and(|font| font.info().coverage.contains(c as u32))
}

/// The natural width of `text` in the bundled regular face, in ems: the sum of its
/// characters' advances (no kerning; characters the face lacks count nothing).
pub fn advance_em(text: &str) -> f64 {
    let Some(face) = REGULAR.as_ref() else {
        return 0.0;
    };
    let units: u32 = text
        .chars()
        .filter_map(|c| face.glyph_index(c))
        .filter_map(|glyph| face.glyph_hor_advance(glyph))
        .map(u32::from)
        .sum();
    f64::from(units) / f64::from(face.units_per_em())
}

/// The regular face, for advances.
static REGULAR: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(FACES[0], 0).ok());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_in_ems() {
        assert_eq!(advance_em(""), 0.0);
        // Marks above and below take no room of their own.
        assert_eq!(advance_em("กิ่"), advance_em("ก"));
        let word = advance_em("แผนพัฒนาท้องถิ่น");
        // Typst sets it 96.5 pt wide at 13 pt.
        assert!((word * 13.0 - 96.5).abs() < 2.0, "{word}");
        // Break hints draw nothing.
        assert_eq!(advance_em("ก\u{2060}ข\u{200B}ค"), advance_em("กขค"));
    }

    #[test]
    fn four_sarabun_faces() {
        let set = bundled();
        assert_eq!(set.fonts.len(), 4);
        for font in &set.fonts {
            assert_eq!(font.info().family, FAMILY);
        }
    }

    #[test]
    fn thai_and_latin_are_covered() {
        for c in "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮะาำิีึืฺุู฿เแโใไๅๆ็่้๊๋์ํ๎๏๐๑๒๓๔๕๖๗๘๙๚๛AZaz09#$*_@<>[]\\/–“”•".chars() {
            assert!(covers(c), "{c:?} U+{:04X}", c as u32);
        }
        assert!(!covers('😀'));
    }
}
