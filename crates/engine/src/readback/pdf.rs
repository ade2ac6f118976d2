//! Reads back what a rendered report carries: the attached dataset, the standard it claims
//! (from its XMP metadata) and its page count. Uses lopdf, so any PDF can be inspected, not
//! only ours.

use std::fmt;

use std::collections::HashSet;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream};

/// The name under which reports carry their dataset.
pub const ATTACHMENT_NAME: &str = "dataset.json";

/// Largest stream we inflate (attachment, XMP metadata, object streams while loading): a
/// dataset is at most 8 MB, our XMP a few kilobytes. A stream that inflates further (a
/// "zip bomb") is refused instead of taking gigabytes.
pub const MAX_STREAM_BYTES: usize = 16 * 1024 * 1024;

/// Why a PDF could not be inspected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InspectError {
    /// Not a PDF file, or a damaged one.
    NotPdf(String),
    /// A PDF, but without our `dataset.json` attachment.
    NoDataset,
    /// The attachment is there but cannot be read.
    BadAttachment(String),
    /// The PDF is encrypted (password-protected or with restrictions).
    Encrypted,
}

impl fmt::Display for InspectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InspectError::NotPdf(why) => write!(f, "this is not a readable PDF file ({why})"),
            InspectError::NoDataset => write!(
                f,
                "this PDF carries no attached {ATTACHMENT_NAME}: it was not made by ita-report, or was made with --no-attach \
                 or a PDF/A-2 standard, or was changed by another program since"
            ),
            InspectError::BadAttachment(why) => {
                write!(f, "the attached {ATTACHMENT_NAME} cannot be read ({why})")
            }
            InspectError::Encrypted => write!(
                f,
                "this PDF is encrypted (protected by a password or restrictions), so its contents cannot be read; \
                 reports made by ita-report are never encrypted: use the original file, or save an unprotected copy \
                 (e.g. `qpdf --decrypt protected.pdf copy.pdf`)"
            ),
        }
    }
}

impl InspectError {
    /// What went wrong, in Thai for the clerk.
    pub fn thai(&self) -> String {
        match self {
            InspectError::NotPdf(_) => {
                "ไฟล์นี้ไม่ใช่ไฟล์ PDF ที่อ่านได้ หรือไฟล์เสียหาย ตรวจว่าเลือกไฟล์ถูก".into()
            }
            InspectError::NoDataset => "ไฟล์ PDF นี้ไม่มีข้อมูลรายงานแนบอยู่: ไม่ได้สร้างด้วยโปรแกรมนี้ \
                 หรือสร้างแบบไม่แนบข้อมูล หรือถูกโปรแกรมอื่นแก้ไขภายหลัง ให้เปิดไฟล์ข้อมูล Word หรือ Excel ของรายงานแทน"
                .into(),
            InspectError::BadAttachment(_) => {
                "ข้อมูลรายงานที่แนบอยู่ในไฟล์ PDF นี้เสียหาย อ่านไม่ได้ ให้ใช้ไฟล์ต้นฉบับแทน".into()
            }
            InspectError::Encrypted => "ไฟล์ PDF นี้ถูกล็อกด้วยรหัสผ่านหรือข้อจำกัด จึงอ่านข้างในไม่ได้ \
                 รายงานที่โปรแกรมนี้สร้างไม่เคยล็อก ให้ใช้ไฟล์ต้นฉบับ หรือบันทึกสำเนาที่ไม่ล็อก"
                .into(),
        }
    }
}

impl std::error::Error for InspectError {}

/// A parsed PDF.
pub struct Report {
    document: Document,
}

impl Report {
    pub fn parse(bytes: &[u8]) -> Result<Report, InspectError> {
        if !bytes.starts_with(b"%PDF-") {
            return Err(InspectError::NotPdf("it does not start with %PDF-".into()));
        }
        let options = LoadOptions {
            max_decompressed_size: Some(MAX_STREAM_BYTES),
            ..LoadOptions::default()
        };
        match Document::load_mem_with_options(bytes, options) {
            Ok(document) if document.trailer.has(b"Encrypt") || document.is_encrypted() => {
                Err(InspectError::Encrypted)
            }
            Ok(document) => Ok(Report { document }),
            Err(_) if declares_encryption(bytes) => Err(InspectError::Encrypted),
            Err(e) => Err(InspectError::NotPdf(e.to_string())),
        }
    }

    pub fn page_count(&self) -> usize {
        self.document.get_pages().len()
    }

    /// The bytes of the attached `dataset.json`.
    pub fn attached_dataset(&self) -> Result<Vec<u8>, InspectError> {
        let doc = &self.document;
        let catalog = doc
            .catalog()
            .map_err(|e| InspectError::NotPdf(e.to_string()))?;
        let tree = catalog
            .get_deref(b"Names", doc)
            .and_then(Object::as_dict)
            .and_then(|names| names.get_deref(b"EmbeddedFiles", doc))
            .and_then(Object::as_dict)
            .map_err(|_| InspectError::NoDataset)?;
        let spec = find_in_name_tree(doc, tree).ok_or(InspectError::NoDataset)?;
        let stream = spec
            .get_deref(b"EF", doc)
            .and_then(Object::as_dict)
            .and_then(|ef| {
                ef.get_deref(b"F", doc)
                    .or_else(|_| ef.get_deref(b"UF", doc))
            })
            .and_then(Object::as_stream)
            .map_err(|e| InspectError::BadAttachment(e.to_string()))?;
        inflated(stream).map_err(InspectError::BadAttachment)
    }

    /// The standards the file claims in its XMP metadata, e.g. "PDF/A-3b", "PDF/UA-1".
    pub fn claimed_standards(&self) -> Vec<String> {
        let doc = &self.document;
        let Some(xmp) = doc
            .catalog()
            .ok()
            .and_then(|c| c.get_deref(b"Metadata", doc).ok())
            .and_then(|m| m.as_stream().ok())
            .and_then(|s| inflated(s).ok())
        else {
            return Vec::new();
        };
        let xmp = String::from_utf8_lossy(&xmp);
        let mut out = Vec::new();
        if let Some(part) = xmp_value(&xmp, "pdfaid:part") {
            let conformance = xmp_value(&xmp, "pdfaid:conformance")
                .unwrap_or_default()
                .to_lowercase();
            out.push(format!("PDF/A-{part}{conformance}"));
        }
        if let Some(part) = xmp_value(&xmp, "pdfuaid:part") {
            out.push(format!("PDF/UA-{part}"));
        }
        out
    }
}

/// A stream's bytes, inflated up to [`MAX_STREAM_BYTES`].
fn inflated(stream: &Stream) -> Result<Vec<u8>, String> {
    if stream.dict.get(b"Filter").is_err() {
        return Ok(stream.content.clone());
    }
    stream
        .decompressed_content_with_limit(MAX_STREAM_BYTES)
        .map_err(|e| {
            format!(
                "{e}; a stream may inflate to at most {} MB",
                MAX_STREAM_BYTES / 1_048_576
            )
        })
}

/// Whether the file's trailer names an `/Encrypt` dictionary (looked for in the last
/// kilobytes, where trailers are, and in cross-reference stream dictionaries).
fn declares_encryption(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

/// The file specification named `dataset.json` in an `EmbeddedFiles` name tree. Each node
/// is visited once: a tree listing the same kid twice, or a kid that is its own ancestor,
/// costs one visit, not an exponential walk or an endless loop.
fn find_in_name_tree<'a>(doc: &'a Document, root: &'a Dictionary) -> Option<&'a Dictionary> {
    /// Nodes visited at most: a real name tree of attachments has a handful.
    const MAX_NODES: usize = 10_000;
    let mut visited: HashSet<ObjectId> = HashSet::new();
    let mut pending: Vec<&Dictionary> = vec![root];
    let mut nodes = 0;
    while let Some(node) = pending.pop() {
        nodes += 1;
        if nodes > MAX_NODES {
            return None;
        }
        if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
            for pair in names.chunks(2) {
                let [name, spec] = pair else { continue };
                let Ok((_, name)) = doc.dereference(name) else {
                    continue;
                };
                if name.as_str().ok().map(text_string).as_deref() == Some(ATTACHMENT_NAME) {
                    return doc.dereference(spec).ok()?.1.as_dict().ok();
                }
            }
        }
        let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) else {
            continue;
        };
        // In reverse, so that the first kid is looked at first.
        for kid in kids.iter().rev() {
            if let Object::Reference(id) = kid
                && !visited.insert(*id)
            {
                continue;
            }
            if let Ok((_, Object::Dictionary(dict))) = doc.dereference(kid) {
                pending.push(dict);
            }
        }
    }
    None
}

/// A PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// The value of an XMP property, written as an element or as an attribute.
fn xmp_value(xmp: &str, name: &str) -> Option<String> {
    let element = format!("<{name}>");
    if let Some(start) = xmp.find(&element) {
        let rest = &xmp[start + element.len()..];
        return rest.find('<').map(|end| rest[..end].trim().to_owned());
    }
    let attribute = format!("{name}=\"");
    let start = xmp.find(&attribute)? + attribute.len();
    let rest = &xmp[start..];
    rest.find('"').map(|end| rest[..end].trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_values_in_both_forms() {
        let xmp = "<x><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></x>";
        assert_eq!(xmp_value(xmp, "pdfaid:part").as_deref(), Some("3"));
        assert_eq!(
            xmp_value("<r pdfuaid:part=\"1\"/>", "pdfuaid:part").as_deref(),
            Some("1")
        );
        assert_eq!(xmp_value(xmp, "pdfuaid:part"), None);
    }

    #[test]
    fn text_strings() {
        assert_eq!(text_string(b"dataset.json"), "dataset.json");
        assert_eq!(text_string(&[0xFE, 0xFF, 0, b'a', 0x0E, 0x01]), "aก");
    }

    #[test]
    fn not_a_pdf() {
        assert!(matches!(
            Report::parse(b"hello"),
            Err(InspectError::NotPdf(_))
        ));
    }
}
