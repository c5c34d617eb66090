//! Telling formats apart.
//!
//! Owns the decision of which reader gets the bytes: by content first (ZIP,
//! PDF and OLE signatures, HTML markup near the start), the file name's
//! extension only as a tie-breaker. It does not validate the format; the
//! reader that gets the bytes reports what is wrong with them.

use std::path::Path;

use crate::error::ReadError;
use crate::Format;

/// Which reader the bytes go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    Docx,
    Pdf,
    /// Plain text or HTML: decided after decoding, see [`looks_like_html`].
    Textual,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const PDF_MAGIC: &[u8] = b"%PDF-";
/// Readers accept junk before `%PDF-`, so do we, within this many bytes.
const PDF_MAGIC_WINDOW: usize = 1024;
/// How far into a page the markup that marks it as HTML must appear.
const HTML_SNIFF_CHARS: usize = 2048;

/// The format the file name claims, if any.
pub(crate) fn format_from_name(name: &str) -> Option<Format> {
    let extension = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" | "text" => Some(Format::Text),
        "htm" | "html" | "shtml" | "xhtml" => Some(Format::Html),
        "docx" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        _ => None,
    }
}

/// Picks the reader for `bytes`; refuses containers we know but cannot read.
pub(crate) fn container(bytes: &[u8], claimed: Option<Format>) -> Result<Container, ReadError> {
    if bytes.starts_with(OLE_MAGIC) {
        // Word 97–2003 files, and also password-protected DOCX files, which
        // Office wraps in an OLE container.
        return Err(ReadError::Unsupported(
            "旧版 Word 文档(.doc)或加密的 DOCX, 请用 Word 或 WPS 另存为不加密的 DOCX 后再读取",
        ));
    }
    if bytes.starts_with(ZIP_MAGIC) {
        // File names sit uncompressed in the local headers, so this also finds
        // the main part of a DOCX whose central directory is lost.
        let names_document = contains(bytes, b"word/document.xml");
        return if names_document || claimed == Some(Format::Docx) {
            Ok(Container::Docx)
        } else {
            Err(ReadError::Unsupported("ZIP 压缩包(不是 DOCX 文档)"))
        };
    }
    let head = &bytes[..bytes.len().min(PDF_MAGIC_WINDOW)];
    if contains(head, PDF_MAGIC) {
        return Ok(Container::Pdf);
    }
    Ok(Container::Textual)
}

/// Whether decoded text is an HTML page rather than a plain-text copy of one.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    // Every tag opens with '<', and the head is at most four bytes a char.
    let widest_head = &start.as_bytes()[..start.len().min(HTML_SNIFF_CHARS * 4)];
    if !widest_head.contains(&b'<') {
        return false;
    }
    let head = &start[..start
        .char_indices()
        .nth(HTML_SNIFF_CHARS)
        .map_or(start.len(), |(end, _)| end)];
    if starts_with_ignoring_case(head, "<!doctype html") {
        return true;
    }
    const TELLING_TAGS: [&str; 9] = [
        "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<table",
    ];
    head.match_indices('<').any(|(at, _)| {
        TELLING_TAGS
            .iter()
            .any(|tag| starts_with_ignoring_case(&head[at..], tag))
    })
}

/// Whether `s` starts with the ASCII `prefix`, whatever the case of its letters.
fn starts_with_ignoring_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether text holds any tag at all: a file named .html without one is
/// plain text, whatever its name says.
pub(crate) fn has_markup(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| {
        pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || matches!(pair[1], b'/' | b'!'))
    })
}

/// Whether undecoded bytes in an ASCII-compatible encoding start like HTML;
/// decides if a `<meta charset>` should be looked for.
pub(crate) fn bytes_look_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HTML_SNIFF_CHARS * 2)];
    // No tag without a '<', which no decoding makes or unmakes.
    head.contains(&b'<') && looks_like_html(&String::from_utf8_lossy(head))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_is_case_insensitive() {
        assert_eq!(format_from_name("报告.SHTML"), Some(Format::Html));
        assert_eq!(format_from_name("a/b.Docx"), Some(Format::Docx));
        assert_eq!(format_from_name("README"), None);
    }

    #[test]
    fn html_is_recognised_by_markup_not_by_angle_brackets() {
        assert!(looks_like_html("\u{FEFF}\n <!DOCTYPE HTML><html>"));
        assert!(looks_like_html(
            "<!-- cms -->\n<div class=\"main\">正文</div>"
        ));
        assert!(!looks_like_html("一、主要成效\n依法行政 <重要> 工作"));
    }

    #[test]
    fn pdf_magic_may_follow_junk() {
        assert_eq!(container(b"\r\n%PDF-1.4", None).ok(), Some(Container::Pdf));
    }
}
