#!/usr/bin/env python3
"""Gives the bundled Sarabun faces the glyphs a PDF text layer needs for Thai, drawing the same.

Usage, from the repository root (fontTools 4.68.0 edits the faces; uharfbuzz 0.57.0, HarfBuzz,
finds the stacked marks and verifies):

    pip install fonttools==4.68.0 uharfbuzz==0.57.0
    python3 fonts/tools/add-sara-am-glyph.py            # writes fonts/Sarabun-*.ttf
    python3 fonts/tools/add-sara-am-glyph.py --check    # are the committed faces its output?
    python3 fonts/tools/add-sara-am-glyph.py --verify   # do they draw what the originals draw?

It reads the unmodified faces in fonts/original/ (Sarabun 1.000 as packaged on PyPI by
fontpkg-sarabun 1.0, checked by SHA-256 below) and writes fonts/Sarabun-*.ttf, the faces the
binary embeds. The output depends only on the input and fontTools' version.

Why. A PDF maps each glyph to one text for the whole document (krilla writes one ToUnicode
entry per glyph; pdf.js reads nothing else), and PDFium orders the separate text objects of a
line by where they start. See src/typeset/text_layer.rs and fonts/README.md.

1. Sara am. Every shaper (HarfBuzz, rustybuzz as Typst uses it) decomposes ำ into NIKHAHIT +
   SARA AA before the font's lookups run, and moves the nikhahit before a tone mark, which
   Sarabun ligates with it. "ดำ" is drawn [ด, nikhahit, aa] (three glyphs for two characters,
   one of them left without text) and "ค่ำ" [ค, nikhahit+mai ek, aa], whose aa is the glyph
   of a plain า. This adds:
   - `uni0E32.am`, a copy of the aa glyph, for the aa of a sara am after a tone mark: "ค่ำ" is
     drawn [ค, nikhahit+mai ek, aa.am], three glyphs for three characters;
   - `uni0E33.am.*`, sara am as one glyph: a composite of the aa and of the nikhahit placed
     where Sarabun's mark positioning puts it relative to the aa after the base before it. That
     place depends on the base's anchor, so there is one glyph per offset (`uni0E33.am.m10`:
     nikhahit 10 units left of the aa's origin; `.narrow.` with the nikhahit Sarabun uses after
     ป ฝ ฟ; `u`: raised); "ดำ" is drawn [ด, sara am].
2. Tone marks above an upper vowel. Sarabun places a tone mark or thanthakhat above an
   upper vowel (กิ่, ตั้ง, ธิ์, ปื่) by mark-to-mark positioning, mostly a little lower or higher
   than the vowel: Typst then puts it in a text item of its own, the PDF in a text object of
   its own, and PDFium, which sorts a line's text objects by where they start, reads it after
   the next syllable whenever it starts at or past the start of the next glyph ("ธิ๊ ธิ๋" ->
   "ธิ ธิ ๊ ๋", "โพธิทอง ... ์"); poppler starts a new word at a mark drawn far left of the
   end of the word (the tone of ปื่ ฝื่ ฟื่). This adds `VOWEL_TONE` ligatures (e.g.
   `uni0E34_uni0E48.small`) for every pair of upper vowel and tone glyphs Sarabun draws
   stacked: a composite of the vowel and of the tone where the mark-to-mark positioning puts
   it, placed and attached to like the vowel.

All of it drawn exactly as before: the same outlines at the same places, the same advances, no
kerning or positioning change, so the layout and its line breaks stay. (Rasterizers round
the origin of each glyph they draw to their pixel grid, so a composite's parts can land a
fraction of a pixel away from where the separate glyphs landed: see fonts/README.md.) `--verify` shapes
every Thai consonant with every vowel, tone and sara am combination (and any --text) with
HarfBuzz in the original and the modified faces and compares the outlines drawn and the
advance; it also lists the clusters left with more glyphs than characters.

How: the new lookups are appended at the END of the GSUB lookup list and added to the Thai
script's 'ccmp' feature, so they run after all of Sarabun's own lookups of that stage:
- a chaining context per sara am offset (the base glyph directly before, then nikhahit + aa),
  each applying a ligature nikhahit + aa -> `uni0E33.am.*`;
- a chaining context (nikhahit+tone ligature directly before) substituting aa -> `uni0E32.am`;
- a ligature upper vowel + tone mark -> `VOWEL_TONE`.
The aa glyph has no GDEF class and is not in GPOS in these faces (checked), so `uni0E32.am` and
`uni0E33.am.*` have none either and kern and attach exactly like it. A `VOWEL_TONE` ligature is
a mark with the vowel's GDEF mark attachment class and the vowel's GPOS mark records, and the
tone's mark-to-mark base records (moved by the tone's offset) for a mark after it. Names
(family Sarabun) are kept; the version string records the change. Sarabun declares no Reserved
Font Name, and the OFL allows modified versions under the same license (fonts/OFL.txt).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import itertools
import sys
from collections import Counter, defaultdict
from pathlib import Path

from fontTools.misc.xmlWriter import XMLWriter
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables as ot
from fontTools.ttLib.tables._g_l_y_f import (
    ARGS_ARE_XY_VALUES,
    USE_MY_METRICS,
    Glyph,
    GlyphComponent,
)

FONTS = Path(__file__).resolve().parent.parent
ORIGINAL = FONTS / "original"

# The unmodified faces: Sarabun 1.000 from fontpkg-sarabun 1.0 (PyPI).
FACES = {
    "Sarabun-Regular.ttf": "226d4f368fbc0457990ddef2692679badfd2c1a4e89e5ac4d43c10ba7743b2f1",
    "Sarabun-Bold.ttf": "d38308ca27d067b9a1b79006337c1f9a66c29aa016d96a9d88d3801da7fa83b9",
    "Sarabun-Italic.ttf": "595a968e97a8b8179a6bde2d74d4f91b11475dcfb6cf270037d76d8ed71160ea",
    "Sarabun-BoldItalic.ttf": "5ef1b930f9a3afed5ec83374b5617cad3a89d91a8fc5e372dc028c2aa2950f8d",
}

AA = "uni0E32"
AA_AM = "uni0E32.am"
# The nikhahit glyphs a sara am decomposes to (the narrow one after ป ฝ ฟ).
NIKHAHITS = ["uni0E4D", "uni0E4D.narrow"]
# Sarabun's ligatures of nikhahit with a tone mark (ccmp), the nikhahit of "ค่ำ".
TONE_NIKHAHITS = [f"uni0E4D0E4{t}{v}" for t in "89AB" for v in ("", ".narrow")]
CONSONANTS = range(0x0E01, 0x0E2F)
# Mai han-akat, sara i, ii, ue, uee; mai ek, tho, tri, chattawa, thanthakhat.
UPPER_VOWELS = [0x0E31, 0x0E34, 0x0E35, 0x0E36, 0x0E37]
TONES = [0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C]
VERSION_NOTE = "; ita-report: Thai text-layer glyphs (fonts/tools/add-sara-am-glyph.py)"
MARK_CLASS = 3
IGNORE_MARKS = 0x0008
USE_MARK_FILTERING_SET = 0x0010


def fail(message: str) -> None:
    sys.exit(f"add-sara-am-glyph: {message}")


# ---- reading the font ----


def subtables(lookup):
    """A lookup's subtables, through extension subtables."""
    for st in lookup.SubTable:
        yield st.ExtSubTable if lookup.LookupType in (7, 9) else st


def thai_feature_records(table, tag: str) -> list:
    """The feature records `tag` of the 'thai' script (default and every language)."""
    records = table.FeatureList.FeatureRecord
    found = []
    for script in table.ScriptList.ScriptRecord:
        if script.ScriptTag != "thai":
            continue
        systems = [script.Script.DefaultLangSys] + [r.LangSys for r in script.Script.LangSysRecord]
        for system in systems:
            if system is None:
                continue
            for index in system.FeatureIndex:
                if records[index].FeatureTag == tag and records[index] not in found:
                    found.append(records[index])
    return found


def thai_lookups(table, tag: str) -> list[int]:
    """The lookups of feature `tag` for the thai script, in the order they are applied."""
    found = sorted({i for r in thai_feature_records(table, tag) for i in r.Feature.LookupListIndex})
    if not found:
        fail(f"no '{tag}' feature for the thai script")
    return found


def mentions(table, glyph: str) -> bool:
    """Whether `glyph` occurs anywhere in an OpenType table or subtable."""
    buffer = io.StringIO()
    table.toXML(XMLWriter(buffer), None)
    return f'"{glyph}"' in buffer.getvalue()


def variants(font: TTFont, codepoints) -> set[str]:
    """The glyphs of `codepoints` and those Sarabun's single substitutions make of them."""
    cmap = font.getBestCmap()
    glyphs = {cmap[c] for c in codepoints if c in cmap}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for st in subtables(lookup):
            if isinstance(st, ot.SingleSubst):
                glyphs |= {out for src, out in st.mapping.items() if src in glyphs}
    return glyphs


# ---- sara am ----


def narrow_bases(font: TTFont) -> set[str]:
    """The bases after which Sarabun draws the narrow nikhahit (ป ฝ ฟ): the backtrack of its
    chaining contexts that substitute uni0E4D -> uni0E4D.narrow."""
    lookups = font["GSUB"].table.LookupList.Lookup
    found: set[str] = set()
    for lookup in lookups:
        for st in subtables(lookup):
            if not isinstance(st, ot.ChainContextSubst) or st.Format != 3:
                continue
            if st.BacktrackGlyphCount != 1 or NIKHAHITS[0] not in st.InputCoverage[0].glyphs:
                continue
            for record in st.SubstLookupRecord:
                if any(
                    isinstance(n, ot.SingleSubst) and n.mapping.get(NIKHAHITS[0]) == NIKHAHITS[1]
                    for n in subtables(lookups[record.LookupListIndex])
                ):
                    found |= set(st.BacktrackCoverage[0].glyphs)
    if not found:
        fail("found no context for the narrow nikhahit")
    return found


def base_attachments(font: TTFont, mark: str) -> dict[str, tuple[int, int]]:
    """Where the Thai 'mark' lookups put `mark` relative to the origin of each base glyph it
    attaches to. As HarfBuzz applies them: the lookups in list order, in each the first
    subtable that covers the mark and has an anchor for the base; a later lookup's attachment
    replaces an earlier one."""
    gpos = font["GPOS"].table
    attach: dict[str, tuple[int, int]] = {}
    for index in thai_lookups(gpos, "mark"):
        lookup = gpos.LookupList.Lookup[index]
        if lookup.LookupFlag & (IGNORE_MARKS | USE_MARK_FILTERING_SET):
            fail(f"GPOS lookup {index}: flags {lookup.LookupFlag} not handled")
        done: set[str] = set()
        for st in subtables(lookup):
            if not isinstance(st, ot.MarkBasePos):
                continue
            marks = st.MarkCoverage.glyphs
            if mark not in marks:
                continue
            record = st.MarkArray.MarkRecord[marks.index(mark)]
            for base, base_record in zip(st.BaseCoverage.glyphs, st.BaseArray.BaseRecord):
                anchor = base_record.BaseAnchor[record.Class]
                if anchor is None or base in done:
                    continue
                if anchor.Format != 1 or record.MarkAnchor.Format != 1:
                    fail(f"anchor format {anchor.Format}/{record.MarkAnchor.Format} on {base}")
                done.add(base)
                attach[base] = (
                    anchor.XCoordinate - record.MarkAnchor.XCoordinate,
                    anchor.YCoordinate - record.MarkAnchor.YCoordinate,
                )
    return attach


def sara_am_offsets(font: TTFont) -> dict[tuple[str, int, int], list[str]]:
    """Where the nikhahit of a sara am is drawn relative to the origin of the aa after it, by
    the base glyph before it: {(nikhahit, dx, dy): [bases]}.

    The bases: the glyphs of Thai consonants (with the narrow nikhahit after those Sarabun
    gives it to, the plain one after the others), and every other glyph that is not a mark and
    has no anchor for the nikhahit (a bracket, a space, a digit: "(ำ)"). Other bases (Latin
    letters) are left alone: their sara am keeps its three glyphs. Unattached, the zero-width
    nikhahit stays at the aa's origin. The aa is not kerned (not in GPOS), so its origin is the
    base's origin plus the base's advance.
    """
    classes = font["GDEF"].table.GlyphClassDef.classDefs
    hmtx = font["hmtx"]
    attach = {n: base_attachments(font, n) for n in NIKHAHITS}
    anchored = set(attach[NIKHAHITS[0]]) | set(attach[NIKHAHITS[1]])
    thai, narrow = variants(font, CONSONANTS), narrow_bases(font)
    groups: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for base in font.getGlyphOrder():
        if classes.get(base) == MARK_CLASS or base == ".notdef":
            continue
        if base in thai:
            nikhahit = NIKHAHITS[1] if base in narrow else NIKHAHITS[0]
        elif base not in anchored:
            nikhahit = NIKHAHITS[0]
        else:
            continue
        x, y = attach[nikhahit].get(base, (hmtx[base][0], 0))
        groups[(nikhahit, x - hmtx[base][0], y)].append(base)
    return groups


def sara_am_name(nikhahit: str, dx: int, dy: int) -> str:
    def signed(v: int) -> str:
        return ("m" if v < 0 else "p") + str(abs(v))

    variant = ".narrow" if nikhahit.endswith(".narrow") else ""
    return f"uni0E33.am{variant}.{signed(dx)}" + (f"u{signed(dy)}" if dy else "")


# ---- tone marks above upper vowels ----


def mark_to_mark(font: TTFont, vowel: str, tone: str) -> tuple[int, int] | None:
    """Where the Thai 'mkmk' lookups put `tone` relative to `vowel` right before it, or None if
    they do not attach it there. As HarfBuzz applies them: a lookup with a mark attachment
    type skips the marks of other classes (the tone is then not processed, or the vowel is
    skipped and no mark is found before the tone); in a lookup, the first subtable covering
    both with an anchor applies; a later lookup replaces an earlier attachment."""
    gdef = font["GDEF"].table
    attach_class = gdef.MarkAttachClassDef.classDefs if gdef.MarkAttachClassDef else {}
    gpos = font["GPOS"].table
    found = None
    for index in thai_lookups(gpos, "mkmk"):
        lookup = gpos.LookupList.Lookup[index]
        flag = lookup.LookupFlag
        if flag & USE_MARK_FILTERING_SET:
            fail(f"GPOS lookup {index}: mark filtering sets not handled")
        kind = flag >> 8
        if flag & IGNORE_MARKS or (
            kind and (attach_class.get(tone) != kind or attach_class.get(vowel) != kind)
        ):
            continue
        for st in subtables(lookup):
            if not isinstance(st, ot.MarkMarkPos):
                continue
            if tone not in st.Mark1Coverage.glyphs or vowel not in st.Mark2Coverage.glyphs:
                continue
            record = st.Mark1Array.MarkRecord[st.Mark1Coverage.glyphs.index(tone)]
            base = st.Mark2Array.Mark2Record[st.Mark2Coverage.glyphs.index(vowel)]
            anchor = base.Mark2Anchor[record.Class]
            if anchor is None:
                continue
            if anchor.Format != 1 or record.MarkAnchor.Format != 1:
                fail(f"anchor format on {vowel} {tone}")
            found = (
                anchor.XCoordinate - record.MarkAnchor.XCoordinate,
                anchor.YCoordinate - record.MarkAnchor.YCoordinate,
            )
            break
    return found


def stacked_pairs(data: bytes) -> set[tuple[str, str]]:
    """The (upper vowel glyph, tone glyph) pairs HarfBuzz draws for every Thai consonant with
    every upper vowel and tone mark in this face (Sarabun's own lookups pick the variants)."""
    import uharfbuzz as hb

    font = TTFont(io.BytesIO(data))
    order = font.getGlyphOrder()
    hb_font = hb.Font(hb.Face(hb.Blob(data)))
    vowels, tones = variants(font, UPPER_VOWELS), variants(font, TONES)
    pairs = set()
    for c in map(chr, CONSONANTS):
        for v in map(chr, UPPER_VOWELS):
            for t in map(chr, TONES):
                buf = hb.Buffer()
                buf.add_str(c + v + t)
                buf.guess_segment_properties()
                hb.shape(hb_font, buf, {})
                names = [order[i.codepoint] for i in buf.glyph_infos]
                pairs |= {p for p in itertools.pairwise(names) if p[0] in vowels and p[1] in tones}
    return pairs


def stacked_tones(font: TTFont, pairs) -> dict[tuple[str, str], tuple[int, int]]:
    """Of `pairs` (upper vowel glyph, tone glyph), those whose tone the mark-to-mark positioning
    places on the vowel, with the tone's offset from the vowel."""
    stacked = {}
    for vowel, tone in sorted(pairs):
        offset = mark_to_mark(font, vowel, tone)
        if offset is not None:
            stacked[(vowel, tone)] = offset
    if not stacked:
        fail("no tone mark stacked on an upper vowel found")
    return stacked


# ---- writing the font ----


def coverage(glyphs, font: TTFont) -> ot.Coverage:
    c = ot.Coverage()
    order = font.getReverseGlyphMap()
    c.glyphs = sorted(set(glyphs), key=order.__getitem__)
    return c


def new_lookup(kind: int, tables: list) -> ot.Lookup:
    new = ot.Lookup()
    new.LookupType = kind
    new.LookupFlag = 0
    new.SubTable = tables
    new.SubTableCount = len(tables)
    return new


def chain(backtrack, inputs: list[list[str]], nested: int, font: TTFont):
    st = ot.ChainContextSubst()
    st.Format = 3
    st.BacktrackCoverage = [coverage(backtrack, font)]
    st.BacktrackGlyphCount = 1
    st.InputCoverage = [coverage(g, font) for g in inputs]
    st.InputGlyphCount = len(inputs)
    st.LookAheadCoverage = []
    st.LookAheadGlyphCount = 0
    record = ot.SubstLookupRecord()
    record.SequenceIndex = 0
    record.LookupListIndex = nested
    st.SubstLookupRecord = [record]
    st.SubstCount = 1
    return st


def ligature_subst(ligatures: dict[tuple[str, str], str]) -> ot.LigatureSubst:
    st = ot.LigatureSubst()
    st.ligatures = {}
    for (first, second), glyph in sorted(ligatures.items()):
        ligature = ot.Ligature()
        ligature.Component = [second]
        ligature.CompCount = 2
        ligature.LigGlyph = glyph
        st.ligatures.setdefault(first, []).append(ligature)
    return st


def composite(font: TTFont, name: str, parts, metrics_from: str) -> None:
    """Adds glyph `name` drawing `parts` [(glyph, dx, dy)], with the advance of `metrics_from`
    (the first part)."""
    glyf, hmtx = font["glyf"], font["hmtx"]
    glyph = Glyph()
    glyph.numberOfContours = -1
    glyph.components = []
    for part, dx, dy in parts:
        c = GlyphComponent()
        c.glyphName, c.x, c.y = part, dx, dy
        c.flags = ARGS_ARE_XY_VALUES | (USE_MY_METRICS if part == metrics_from else 0)
        glyph.components.append(c)
    glyf[name] = glyph
    glyph.recalcBounds(glyf)
    hmtx[name] = (hmtx[metrics_from][0], glyph.xMin)


def moved(anchor, dx: int, dy: int):
    new = ot.Anchor()
    new.Format = 1
    new.XCoordinate = anchor.XCoordinate + dx
    new.YCoordinate = anchor.YCoordinate + dy
    return new


def position_like(font: TTFont, new: str, vowel: str, tone: str, dx: int, dy: int) -> None:
    """GDEF and GPOS for the ligature `new` of `vowel` and `tone` (at dx, dy): attached like
    the vowel, a base for a following mark like the tone. New glyphs come last in the glyph
    order, so appending keeps coverages sorted."""
    gdef = font["GDEF"].table
    gdef.GlyphClassDef.classDefs[new] = MARK_CLASS
    if gdef.MarkAttachClassDef and vowel in gdef.MarkAttachClassDef.classDefs:
        gdef.MarkAttachClassDef.classDefs[new] = gdef.MarkAttachClassDef.classDefs[vowel]
    for index, lookup in enumerate(font["GPOS"].table.LookupList.Lookup):
        for st in subtables(lookup):
            if isinstance(st, ot.MarkBasePos):
                marks = st.MarkCoverage.glyphs
                if vowel in marks and new not in marks:
                    marks.append(new)
                    st.MarkArray.MarkRecord.append(
                        copy.deepcopy(st.MarkArray.MarkRecord[marks.index(vowel)])
                    )
                    st.MarkArray.MarkCount = len(marks)
                if new in st.BaseCoverage.glyphs:
                    fail(f"{new} is a base in GPOS lookup {index}")
            elif isinstance(st, ot.MarkMarkPos):
                marks = st.Mark1Coverage.glyphs
                if vowel in marks and new not in marks:
                    marks.append(new)
                    st.Mark1Array.MarkRecord.append(
                        copy.deepcopy(st.Mark1Array.MarkRecord[marks.index(vowel)])
                    )
                    st.Mark1Array.MarkCount = len(marks)
                bases = st.Mark2Coverage.glyphs
                if tone in bases and new not in bases:
                    record = copy.deepcopy(st.Mark2Array.Mark2Record[bases.index(tone)])
                    record.Mark2Anchor = [
                        None if a is None else moved(a, dx, dy) for a in record.Mark2Anchor
                    ]
                    bases.append(new)
                    st.Mark2Array.Mark2Record.append(record)
                    st.Mark2Array.MarkCount = len(bases)
            elif not (lookup.LookupFlag & IGNORE_MARKS) and (
                mentions(st, vowel) or mentions(st, tone)
            ):
                fail(f"GPOS lookup {index} ({type(st).__name__}) has {vowel} or {tone}")


def modify(font: TTFont, pairs) -> list[str]:
    """Adds the glyphs and lookups; returns the new glyphs' names. `pairs`: the (upper vowel,
    tone) glyph pairs the face draws."""
    order = list(font.getGlyphOrder())
    for name in [AA, *NIKHAHITS, *TONE_NIKHAHITS]:
        if name not in order:
            fail(f"no glyph {name}")
    if AA_AM in order or any(n.startswith("uni0E33.am") for n in order):
        fail("the glyphs are there already: give the original faces (fonts/original/)")
    gdef = font["GDEF"].table
    if gdef.GlyphClassDef.classDefs.get(AA) is not None:
        fail("the aa glyph has a GDEF class: give the new glyphs the same")
    if mentions(font["GPOS"].table, AA):
        fail("the aa glyph is in GPOS: the new glyphs would need the same kerning/anchors")
    if font["glyf"][AA].isComposite():
        fail("the aa glyph is a composite")
    gsub = font["GSUB"].table
    ccmp = thai_feature_records(gsub, "ccmp")
    if not ccmp:
        fail("no 'ccmp' feature for the thai script")

    # Read everything from the original tables before changing any.
    sara_am = sara_am_offsets(font)
    tones = stacked_tones(font, pairs)

    glyf, hmtx = font["glyf"], font["hmtx"]
    new_glyphs = [AA_AM]
    glyf[AA_AM] = copy.deepcopy(glyf[AA])
    hmtx[AA_AM] = hmtx[AA]
    am_glyphs = {}
    for key in sorted(sara_am):
        nikhahit, dx, dy = key
        am_glyphs[key] = sara_am_name(*key)
        composite(font, am_glyphs[key], [(AA, 0, 0), (nikhahit, dx, dy)], AA)
        new_glyphs.append(am_glyphs[key])
    tone_glyphs = {}
    for (vowel, tone), (dx, dy) in sorted(tones.items()):
        name = f"{vowel}_{tone}"
        tone_glyphs[(vowel, tone)] = name
        composite(font, name, [(vowel, 0, 0), (tone, dx, dy)], vowel)
        new_glyphs.append(name)
    # glyf appends the glyphs it is given to the glyph order; make that explicit.
    font.setGlyphOrder(order + new_glyphs)
    font["maxp"].numGlyphs = len(order) + len(new_glyphs)
    for (vowel, tone), name in sorted(tone_glyphs.items(), key=lambda kv: new_glyphs.index(kv[1])):
        position_like(font, name, vowel, tone, *tones[(vowel, tone)])

    lookups = gsub.LookupList.Lookup
    # Nested lookups: a ligature nikhahit + aa per sara am offset, aa -> aa.am.
    nested = {}
    for key in sorted(sara_am):
        nested[key] = len(lookups)
        lookups.append(new_lookup(4, [ligature_subst({(key[0], AA): am_glyphs[key]})]))
    single = ot.SingleSubst()
    single.mapping = {AA: AA_AM}
    aa_am = len(lookups)
    lookups.append(new_lookup(1, [single]))
    # The lookups the feature runs.
    run = [len(lookups), len(lookups) + 1, len(lookups) + 2]
    lookups.append(
        new_lookup(
            6, [chain(sara_am[key], [[key[0]], [AA]], nested[key], font) for key in sorted(sara_am)]
        )
    )
    lookups.append(new_lookup(6, [chain(TONE_NIKHAHITS, [[AA]], aa_am, font)]))
    lookups.append(new_lookup(4, [ligature_subst(tone_glyphs)]))
    gsub.LookupList.LookupCount = len(lookups)
    for record in ccmp:
        record.Feature.LookupListIndex += run
        record.Feature.LookupCount = len(record.Feature.LookupListIndex)

    for record in font["name"].names:
        if record.nameID == 5:
            record.string = record.toUnicode() + VERSION_NOTE
    return new_glyphs


def build(name: str) -> tuple[bytes, list[str]]:
    source = ORIGINAL / name
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != FACES[name]:
        fail(f"{source} is not the original face (SHA-256 {digest})")
    # Keep the original timestamps: the output depends only on the input.
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    added = modify(font, stacked_pairs(data))
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue(), added


# ---- verification ----


def test_strings(extra: list[str]) -> list[str]:
    lines = ["(ำ)", " ำ", "ทำงาน น้ำค่ำทำจ๋ำ ป่ำ ฝ้ำ ฟ๊ำ ฬำ ฬ่ำ", *extra]
    for c in map(chr, CONSONANTS):
        lines += [c + "ำ", c + "ํ", c + "า", c + "ำา", c + "ุำ", c + "ิำ"]
        lines += [c + t + "ำ" for t in map(chr, TONES)]
        lines += [c + t for t in map(chr, TONES)]
        for v in map(chr, UPPER_VOWELS + [0x0E47]):
            lines += [c + v, c + v + "ํ", c + v + "่่"]
            lines += [c + v + t for t in map(chr, TONES)]
        lines += [c + b + t for b in "ฺุู" for t in map(chr, TONES)]
    return lines


def drawn(path: Path, data: bytes, lines: list[str]):
    """For each line, the outlines HarfBuzz draws (simple glyph, x, y; copies by the name of
    their original), the advance, and the clusters with more glyphs than characters."""
    import uharfbuzz as hb

    font = TTFont(io.BytesIO(data))
    glyf, order = font["glyf"], font.getGlyphOrder()
    copies = {AA_AM: AA}

    def flatten(name, x, y, out):
        glyph = glyf[name]
        if glyph.isComposite():
            for c in glyph.components:
                flatten(c.glyphName, x + c.x, y + c.y, out)
        elif glyph.numberOfContours > 0:
            out.append((copies.get(name, name), x, y))

    hb_font = hb.Font(hb.Face(hb.Blob(data)))
    results = []
    for line in lines:
        buf = hb.Buffer()
        buf.add_str(line)
        buf.guess_segment_properties()
        hb.shape(hb_font, buf, {})
        out, pen, clusters = [], 0, Counter()
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
            flatten(order[info.codepoint], pen + pos.x_offset, pos.y_offset, out)
            pen += pos.x_advance
            clusters[info.cluster] += 1
        starts = sorted(clusters)
        more = [
            line[s:e]
            for s, e in zip(starts, starts[1:] + [len(line)])
            if clusters[s] > len(line[s:e])
        ]
        results.append((sorted(out), pen, more))
    return results


def verify(extra: list[str]) -> None:
    lines = test_strings(extra)
    failed = False
    for name in FACES:
        before = drawn(ORIGINAL / name, (ORIGINAL / name).read_bytes(), lines)
        after = drawn(FONTS / name, (FONTS / name).read_bytes(), lines)
        differ = [line for line, b, a in zip(lines, before, after) if b[:2] != a[:2]]
        more = sorted({m for _, _, ms in after for m in ms})
        print(
            f"{name}: {len(lines)} lines, {len(differ)} drawn differently"
            + (f" ({' '.join(differ[:8])})" if differ else "")
            + f"; clusters with more glyphs than characters: {' '.join(more) or '-'}"
        )
        failed |= bool(differ)
    if failed:
        fail("the modified faces draw differently")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with fonts/, write nothing")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="shape test strings with HarfBuzz in the original and the committed faces",
    )
    parser.add_argument("--text", action="append", default=[], help="with --verify: a UTF-8 file")
    args = parser.parse_args()
    if args.verify:
        extra = []
        for path in args.text:
            extra += [line for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
        verify(extra)
        return
    stale = []
    for name in FACES:
        data, added = build(name)
        target = FONTS / name
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(name)
            continue
        target.write_bytes(data)
        print(f"{target.relative_to(FONTS.parent)}: {len(added)} glyphs added")
    if stale:
        fail(f"not what the script makes: {', '.join(stale)}")


if __name__ == "__main__":
    main()
