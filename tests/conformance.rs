//! PDF/A and PDF/UA checked from the file's structure, not from what its metadata claims.
//!
//! No full validator can be had from the registries these machines reach: veraPDF (the
//! reference PDF/A and PDF/UA validator) is Java, distributed from verapdf.org and Maven, and is
//! in none of Debian, PyPI, npm or crates.io. For PDF/UA, PyPI has `pdfua` (pinned in
//! tests/readers/requirements.txt; pikepdf/QPDF, no JVM), which checks 16 of the 106
//! machine-checkable PDF/UA-1 rules: it runs on the accessible render below. The rest are
//! checks of our own, each named for the rule it checks, read with lopdf (not the writer,
//! krilla) and poppler's `pdffonts`; each has a mutation (the same file with one thing
//! removed or added) that must fail it.

use std::process::Command;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::common::*;

fn render_sample(standard: Option<&str>) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sample.pdf");
    let extra: Vec<&str> = standard.map_or(vec![], |s| vec!["--pdf-standard", s]);
    render_ok(&repo("samples/sawang-2567.json"), &pdf, &extra);
    std::fs::read(pdf).unwrap()
}

fn load(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("lopdf reads the PDF")
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("lopdf writes the PDF");
    out
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok().and_then(|o| dict(doc, o)),
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let object = d.get(key).ok()?;
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

fn name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, d, key).and_then(|o| o.as_name().ok())
}

fn catalog(doc: &Document) -> &Dictionary {
    doc.catalog().expect("a catalog")
}

// ---- the checks ----

/// PDF/A-1/2/3 6.3.4–6.3.5 and 6.3.8 (6.2.11.4, 6.2.11.7 in part 2/3): every font's program is
/// embedded, and every font has a ToUnicode map (what text copies and reads aloud as).
fn fonts_are_embedded_with_to_unicode(doc: &Document) -> Result<usize, String> {
    let mut fonts = 0;
    for (id, object) in &doc.objects {
        let Some(font) = dict(doc, object) else {
            continue;
        };
        if name(doc, font, b"Type") != Some(b"Font") {
            continue;
        }
        let subtype = name(doc, font, b"Subtype").unwrap_or(b"");
        if subtype == b"CIDFontType0" || subtype == b"CIDFontType2" {
            continue; // checked through the Type0 font that uses it
        }
        fonts += 1;
        let label = format!(
            "font {} {} ({})",
            id.0,
            id.1,
            String::from_utf8_lossy(name(doc, font, b"BaseFont").unwrap_or(b"?"))
        );
        if get(doc, font, b"ToUnicode").is_none() {
            return Err(format!("{label} has no ToUnicode map"));
        }
        if subtype == b"Type3" {
            continue; // glyphs drawn in the file itself
        }
        let described = if subtype == b"Type0" {
            get(doc, font, b"DescendantFonts")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| dict(doc, o))
        } else {
            Some(font)
        };
        let descriptor = described
            .and_then(|f| get(doc, f, b"FontDescriptor"))
            .and_then(|o| dict(doc, o))
            .ok_or(format!("{label} has no font descriptor"))?;
        if ![b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| get(doc, descriptor, k).is_some())
        {
            return Err(format!("{label} is not embedded (no FontFile)"));
        }
    }
    if fonts == 0 {
        return Err("no fonts found".into());
    }
    Ok(fonts)
}

/// A PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (as Latin-1 here).
fn text_string(object: &Object) -> Option<String> {
    let bytes = object.as_str().ok()?;
    Some(match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    })
}

/// D:YYYYMMDDHHmmSS with an offset, or an XMP date, as "YYYY-MM-DDTHH:mm:SS±hh:mm" (Z as +00:00).
fn normal_date(date: &str) -> String {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let zone_at = date
        .char_indices()
        .skip(10)
        .find(|(_, c)| matches!(c, 'Z' | '+' | '-'))
        .map(|(i, _)| i);
    let zone = match zone_at {
        Some(i) if date[i..].starts_with('Z') => "+00:00".to_owned(),
        Some(i) => {
            let z: String = date[i + 1..].chars().filter(char::is_ascii_digit).collect();
            format!(
                "{}{}:{}",
                &date[i..i + 1],
                &z[..2.min(z.len())],
                z.get(2..4).unwrap_or("00")
            )
        }
        None => String::new(),
    };
    let d = |from: usize, to: usize| digits.get(from..to).unwrap_or("00").to_owned();
    format!(
        "{}-{}-{}T{}:{}:{}{zone}",
        d(0, 4),
        d(4, 6),
        d(6, 8),
        d(8, 10),
        d(10, 12),
        d(12, 14)
    )
}

fn xml_unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of the first `<tag>` in `xmp`, or of its first `<rdf:li>` for a list.
fn xmp_value(xmp: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let start = xmp.find(&open)?;
    let after = &xmp[start + open.len()..];
    let body = &after[after.find('>')? + 1..];
    let body = &body[..body.find(&format!("</{tag}>"))?];
    let body = match body.find("<rdf:li") {
        Some(i) => {
            let li = &body[i..];
            &li[li.find('>')? + 1..li.find("</rdf:li>")?]
        }
        None => body,
    };
    Some(xml_unescape(body.trim()))
}

fn xmp_text(doc: &Document) -> Result<String, String> {
    let stream = get(doc, catalog(doc), b"Metadata")
        .and_then(|o| o.as_stream().ok())
        .ok_or("the catalog has no XMP metadata stream")?;
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8(bytes).map_err(|e| format!("the XMP metadata is not UTF-8: {e}"))
}

/// PDF/A 6.7.3 (part 1) / 6.6.2.3 (parts 2 and 3): every entry of the document information
/// dictionary has its equal in the XMP metadata.
fn xmp_matches_info(doc: &Document) -> Result<usize, String> {
    let xmp = xmp_text(doc)?;
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| dict(doc, o))
        .ok_or("no document information dictionary")?;
    let pairs: [(&[u8], &str); 8] = [
        (b"Title", "dc:title"),
        (b"Author", "dc:creator"),
        (b"Subject", "dc:description"),
        (b"Keywords", "pdf:Keywords"),
        (b"Creator", "xmp:CreatorTool"),
        (b"Producer", "pdf:Producer"),
        (b"CreationDate", "xmp:CreateDate"),
        (b"ModDate", "xmp:ModifyDate"),
    ];
    let mut matched = 0;
    for (key, tag) in pairs {
        let Some(value) = get(doc, info, key).and_then(text_string) else {
            continue;
        };
        let key = String::from_utf8_lossy(key);
        let in_xmp = xmp_value(&xmp, tag).ok_or(format!("Info {key} has no {tag} in the XMP"))?;
        let (a, b) = if tag.ends_with("Date") {
            (normal_date(&value), normal_date(&in_xmp))
        } else {
            (value, in_xmp)
        };
        if a != b {
            return Err(format!("Info {key} is {a:?}, the XMP {tag} is {b:?}"));
        }
        matched += 1;
    }
    Ok(matched)
}

/// PDF/A 6.2.2 (part 1) / 6.2.3 (parts 2 and 3): an output intent GTS_PDFA1 with an ICC
/// profile, so that colours mean the same everywhere.
fn output_intent_is_present(doc: &Document) -> Result<(), String> {
    let intents = get(doc, catalog(doc), b"OutputIntents")
        .and_then(|o| o.as_array().ok())
        .ok_or("the catalog has no OutputIntents")?;
    let intent = intents
        .iter()
        .filter_map(|o| dict(doc, o))
        .find(|d| name(doc, d, b"S") == Some(b"GTS_PDFA1"))
        .ok_or("no output intent of type GTS_PDFA1")?;
    let profile = get(doc, intent, b"DestOutputProfile")
        .and_then(|o| o.as_stream().ok())
        .ok_or("the output intent has no ICC profile (DestOutputProfile)")?;
    let components = profile.dict.get(b"N").and_then(Object::as_i64).unwrap_or(0);
    if ![1, 3, 4].contains(&components) {
        return Err(format!("the ICC profile has {components} components"));
    }
    let icc = profile
        .decompressed_content()
        .unwrap_or_else(|_| profile.content.clone());
    if icc.get(36..40) != Some(b"acsp".as_slice()) {
        return Err("the output intent's profile is not an ICC profile".into());
    }
    Ok(())
}

/// Operators that put something on the page.
const PAINTING: [&str; 16] = [
    "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI",
];

/// PDF/UA-1 7.1 (and PDF/A level a): the document is tagged (MarkInfo, StructTreeRoot) and
/// everything each page draws is marked content: an artifact, or tagged content with an MCID
/// (never drawn outside BDC/BMC … EMC).
fn page_content_is_marked(doc: &Document) -> Result<usize, String> {
    let root = catalog(doc);
    let marked = get(doc, root, b"MarkInfo")
        .and_then(|o| dict(doc, o))
        .and_then(|d| d.get(b"Marked").ok())
        .and_then(|o| o.as_bool().ok());
    if marked != Some(true) {
        return Err("the catalog's MarkInfo does not say Marked true".into());
    }
    if get(doc, root, b"StructTreeRoot").is_none() {
        return Err("no structure tree (StructTreeRoot)".into());
    }
    let mut operators = 0;
    for (number, page_id) in doc.get_pages() {
        let content = doc
            .get_and_decode_page_content(page_id)
            .map_err(|e| format!("page {number}: content unreadable: {e}"))?;
        let mut depth = 0usize;
        let mut tagged = false;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|o| dict(doc, o))
                        .is_some_and(|d| d.has(b"MCID"));
                    tagged |= mcid;
                }
                "BMC" => depth += 1,
                "EMC" => {
                    depth = depth
                        .checked_sub(1)
                        .ok_or(format!("page {number}: EMC without BDC/BMC"))?
                }
                painting if PAINTING.contains(&painting) => {
                    operators += 1;
                    if depth == 0 {
                        return Err(format!(
                            "page {number}: `{painting}` draws outside any marked content"
                        ));
                    }
                }
                _ => {}
            }
        }
        if depth != 0 {
            return Err(format!("page {number}: marked content not closed"));
        }
        let page = doc.get_dictionary(page_id).unwrap();
        if tagged && page.get(b"StructParents").is_err() {
            return Err(format!(
                "page {number}: tagged content but no StructParents entry"
            ));
        }
    }
    Ok(operators)
}

/// PDF/A-1 6.4: no transparency: no transparency group, no soft mask, no constant alpha
/// below 1, no blend mode but Normal/Compatible.
fn no_transparency_for_pdfa_1(doc: &Document) -> Result<(), String> {
    for (id, object) in &doc.objects {
        let Some(d) = dict(doc, object) else {
            continue;
        };
        let at = format!("object {} {}", id.0, id.1);
        if let Some(group) = get(doc, d, b"Group").and_then(|o| dict(doc, o))
            && name(doc, group, b"S") == Some(b"Transparency")
        {
            return Err(format!("{at} has a transparency group"));
        }
        match get(doc, d, b"SMask") {
            None => {}
            Some(Object::Name(n)) if n == b"None" => {}
            Some(_) => return Err(format!("{at} has a soft mask")),
        }
        for key in [b"CA".as_slice(), b"ca"] {
            if let Some(alpha) = get(doc, d, key).and_then(|o| o.as_float().ok())
                && alpha < 1.0
            {
                return Err(format!("{at} has alpha {alpha}"));
            }
        }
        if let Some(mode) = name(doc, d, b"BM")
            && mode != b"Normal"
            && mode != b"Compatible"
        {
            return Err(format!(
                "{at} has blend mode {}",
                String::from_utf8_lossy(mode)
            ));
        }
    }
    Ok(())
}

/// poppler's `pdffonts`: every font embedded ("emb" yes) with a ToUnicode map ("uni" yes).
fn pdffonts_rows(pdf: &[u8]) -> Vec<String> {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    tool("pdffonts", &[file.path().to_str().unwrap()])
        .lines()
        .skip(2)
        .map(str::to_owned)
        .collect()
}

fn pdffonts_embedded_with_unicode(pdf: &[u8]) -> Result<(), String> {
    let rows = pdffonts_rows(pdf);
    if rows.is_empty() {
        return Err("pdffonts lists no fonts".into());
    }
    for row in rows {
        // name type encoding emb sub uni object: emb, sub, uni are the 4th to 2nd-last words
        // before the object number and generation.
        let words: Vec<&str> = row.split_whitespace().collect();
        let n = words.len();
        let (emb, uni) = (words[n - 5], words[n - 3]);
        if emb != "yes" || uni != "yes" {
            return Err(format!("pdffonts: {row}"));
        }
    }
    Ok(())
}

/// `pdfua check` (PyPI, pinned in tests/readers/requirements.txt): exit status 0 when its
/// checks find nothing; its report otherwise.
fn pdfua_check(pdf: &[u8]) -> Result<(), String> {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let python = repo("tests/readers/.venv/bin/python");
    let install = "python3 -m venv tests/readers/.venv && tests/readers/.venv/bin/python -m pip \
                   install -r tests/readers/requirements.txt (.ci/run does it)";
    assert!(python.exists(), "pdfua is not installed: {install}");
    let output = Command::new(&python)
        .args(["-m", "pdfua", "check", file.path().to_str().unwrap()])
        .output()
        .expect("python runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("No module named"),
        "pdfua is not installed ({stderr}): {install}"
    );
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

// ---- mutations ----

fn first_object(doc: &Document, test: impl Fn(&Dictionary) -> bool) -> ObjectId {
    doc.objects
        .iter()
        .find(|(_, o)| dict(doc, o).is_some_and(&test))
        .map(|(id, _)| *id)
        .expect("an object to edit")
}

fn edit_dict(doc: &mut Document, id: ObjectId, edit: impl FnOnce(&mut Dictionary)) {
    match doc.get_object_mut(id).unwrap() {
        Object::Dictionary(d) => edit(d),
        Object::Stream(s) => edit(&mut s.dict),
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn is_type0_font(d: &Dictionary) -> bool {
    d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font")
        && d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0")
}

fn without_to_unicode(pdf: &[u8]) -> Vec<u8> {
    let mut doc = load(pdf);
    let font = first_object(&doc, is_type0_font);
    edit_dict(&mut doc, font, |d| {
        d.remove(b"ToUnicode");
    });
    save(doc)
}

fn without_font_file(pdf: &[u8]) -> Vec<u8> {
    let mut doc = load(pdf);
    let descriptor = first_object(&doc, |d| d.has(b"FontFile2"));
    edit_dict(&mut doc, descriptor, |d| {
        d.remove(b"FontFile2");
    });
    save(doc)
}

fn with_info_title(pdf: &[u8], title: &str) -> Vec<u8> {
    let mut doc = load(pdf);
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let mut utf16 = vec![0xFE, 0xFF];
    utf16.extend(title.encode_utf16().flat_map(u16::to_be_bytes));
    edit_dict(&mut doc, info, |d| {
        d.set("Title", Object::string_literal(utf16));
    });
    save(doc)
}

fn without_output_intents(pdf: &[u8]) -> Vec<u8> {
    let mut doc = load(pdf);
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    edit_dict(&mut doc, root, |d| {
        d.remove(b"OutputIntents");
    });
    save(doc)
}

fn without_struct_tree(pdf: &[u8]) -> Vec<u8> {
    let mut doc = load(pdf);
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    edit_dict(&mut doc, root, |d| {
        d.remove(b"StructTreeRoot");
    });
    save(doc)
}

/// Page 2 with a rectangle drawn after everything else, outside any marked content.
fn with_unmarked_drawing(pdf: &[u8]) -> Vec<u8> {
    let mut doc = load(pdf);
    let page = doc.get_pages()[&2];
    let mut content = doc.get_and_decode_page_content(page).unwrap();
    content.operations.extend([
        Operation::new("re", vec![10.into(), 10.into(), 20.into(), 20.into()]),
        Operation::new("f", vec![]),
    ]);
    let bytes = Content::encode(&content).unwrap();
    let stream = doc.add_object(Stream::new(Dictionary::new(), bytes));
    edit_dict(&mut doc, page, |d| d.set("Contents", stream));
    save(doc)
}

/// Page 1 given a transparency group, as PDF/A-1 forbids.
fn with_transparency_group(pdf: &[u8]) -> Vec<u8> {
    let mut doc = load(pdf);
    let page = doc.get_pages()[&1];
    let mut group = Dictionary::new();
    group.set("Type", Object::Name(b"Group".to_vec()));
    group.set("S", Object::Name(b"Transparency".to_vec()));
    group.set("CS", Object::Name(b"DeviceRGB".to_vec()));
    edit_dict(&mut doc, page, |d| d.set("Group", group));
    save(doc)
}

// ---- tests ----

fn assert_fails<T: std::fmt::Debug>(what: &str, result: Result<T, String>) -> String {
    match result {
        Ok(v) => panic!("{what}: the check passes ({v:?})"),
        Err(e) => {
            eprintln!("{what}: {e}");
            e
        }
    }
}

#[test]
fn fonts_are_embedded_with_to_unicode_maps() {
    let pdf = render_sample(None);
    let fonts = fonts_are_embedded_with_to_unicode(&load(&pdf)).unwrap();
    assert!(fonts >= 2, "regular and bold");
    pdffonts_embedded_with_unicode(&pdf).unwrap();

    let stripped = without_to_unicode(&pdf);
    let e = assert_fails(
        "ToUnicode removed",
        fonts_are_embedded_with_to_unicode(&load(&stripped)),
    );
    assert!(e.contains("ToUnicode"), "{e}");
    assert_fails(
        "ToUnicode removed (pdffonts)",
        pdffonts_embedded_with_unicode(&stripped),
    );
    let unembedded = without_font_file(&pdf);
    let e = assert_fails(
        "font program removed",
        fonts_are_embedded_with_to_unicode(&load(&unembedded)),
    );
    assert!(e.contains("not embedded"), "{e}");
    assert_fails(
        "font program removed (pdffonts)",
        pdffonts_embedded_with_unicode(&unembedded),
    );
}

#[test]
fn xmp_metadata_matches_the_info_dictionary() {
    let pdf = render_sample(None);
    let matched = xmp_matches_info(&load(&pdf)).unwrap();
    assert!(
        matched >= 6,
        "title, author, subject, keywords, dates: {matched}"
    );
    let e = assert_fails(
        "Info title changed",
        xmp_matches_info(&load(&with_info_title(&pdf, "รายงานอื่น"))),
    );
    assert!(e.contains("Title"), "{e}");
}

#[test]
fn an_output_intent_with_an_icc_profile() {
    let pdf = render_sample(None);
    output_intent_is_present(&load(&pdf)).unwrap();
    assert_fails(
        "OutputIntents removed",
        output_intent_is_present(&load(&without_output_intents(&pdf))),
    );
}

#[test]
fn every_page_draws_only_marked_content() {
    for standard in [None, Some("a-3a,ua-1")] {
        let pdf = render_sample(standard);
        let operators = page_content_is_marked(&load(&pdf)).unwrap();
        assert!(operators > 100, "{standard:?}: {operators}");
    }
    let pdf = render_sample(None);
    let e = assert_fails(
        "an unmarked rectangle on page 2",
        page_content_is_marked(&load(&with_unmarked_drawing(&pdf))),
    );
    assert!(e.contains("page 2"), "{e}");
    assert_fails(
        "structure tree removed",
        page_content_is_marked(&load(&without_struct_tree(&pdf))),
    );
}

#[test]
fn pdfa_1_has_no_transparency() {
    let pdf = render_sample(Some("a-1b"));
    let doc = load(&pdf);
    no_transparency_for_pdfa_1(&doc).unwrap();
    fonts_are_embedded_with_to_unicode(&doc).unwrap();
    xmp_matches_info(&doc).unwrap();
    output_intent_is_present(&doc).unwrap();
    assert_fails(
        "a transparency group on page 1",
        no_transparency_for_pdfa_1(&load(&with_transparency_group(&pdf))),
    );
}

#[test]
fn accessible_render_passes_pdfua_checks() {
    let pdf = render_sample(Some("a-3a,ua-1"));
    pdfua_check(&pdf).unwrap_or_else(|report| panic!("pdfua: {report}"));
    // The same file without its structure tree, and the default render (which does not claim
    // PDF/UA: no pdfuaid in its XMP, no DisplayDocTitle), are reported.
    assert_fails(
        "pdfua, structure tree removed",
        pdfua_check(&without_struct_tree(&pdf)),
    );
    assert_fails(
        "pdfua, the PDF/A-3b render",
        pdfua_check(&render_sample(None)),
    );
}
