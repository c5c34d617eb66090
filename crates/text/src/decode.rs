//! Bytes of a text or HTML file → a Rust string.
//!
//! Owns the choice of encoding, in this order: a byte order mark; UTF-16
//! recognised by where its NUL bytes fall; for HTML, the `<meta>` charset
//! declaration in the first 4 KB; valid UTF-8; and finally detection with
//! `chardetng`. Declarations on Chinese government sites are often wrong in
//! both directions (GBK pages labelled UTF-8 and UTF-8 pages labelled
//! GB2312), so a declaration that the bytes contradict is overruled, with a
//! note. It also refuses binary data. It does not look at markup beyond the
//! charset declaration; that is the HTML reader's job.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::ReadError;

/// Text decoded from a file, with the encoding it was read as.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// Borrowed from the file's bytes when they were valid UTF-8 already.
    pub(crate) text: Cow<'a, str>,
    /// The label as people know it: "UTF-8", "GBK", "GB2312", "UTF-16LE"…
    pub(crate) encoding: &'static str,
    pub(crate) notes: Vec<String>,
}

/// How far into an HTML file a `<meta>` charset declaration counts.
const META_PRESCAN_BYTES: usize = 4096;
/// How much of a file the encoding detector reads: plenty to tell GBK from
/// Big5, and it keeps detection of a large file from dominating its reading.
const DETECTION_SAMPLE_BYTES: usize = 1024 * 1024;
/// How much of a file the UTF-16 NUL-pattern check looks at.
const UTF16_SNIFF_BYTES: usize = 64 * 1024;
/// Below this share of undecodable bytes a file is taken to be in its declared
/// encoding with a few damaged bytes; above it, the declaration is wrong.
const TOLERATED_DAMAGE_PERCENT: usize = 1;

/// Decodes `bytes`; `honour_meta` when the file is HTML.
pub(crate) fn decode(bytes: &[u8], honour_meta: bool) -> Result<Decoded<'_>, ReadError> {
    let decoded = choose_and_decode(bytes, honour_meta)?;
    judge(&decoded.text)?;
    Ok(decoded)
}

fn choose_and_decode(bytes: &[u8], honour_meta: bool) -> Result<Decoded<'_>, ReadError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_length..];
        return Ok(if encoding == UTF_8 {
            declared_utf8(body, Vec::new())
        } else {
            decode_with(body, encoding, encoding.name(), Vec::new())
        });
    }
    if let Some(encoding) = utf16_by_nul_pattern(bytes) {
        let note = format!(
            "文件没有字节顺序标记, 按 NUL 字节的分布判断为 {}",
            encoding.name()
        );
        return Ok(decode_with(bytes, encoding, encoding.name(), vec![note]));
    }
    if looks_binary(bytes) {
        return Err(ReadError::Binary);
    }
    if honour_meta {
        if let Some((encoding, label)) = meta_charset(bytes) {
            return Ok(declared(bytes, encoding, &label));
        }
    }
    // simdutf8 validates as the standard library does, several times faster.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8.name(),
            notes: Vec::new(),
        }),
        Err(_) => Ok(detected(bytes, Vec::new())),
    }
}

/// Bytes whose HTML declares `encoding` under the name `label`.
fn declared<'a>(bytes: &'a [u8], encoding: &'static Encoding, label: &str) -> Decoded<'a> {
    // Per the HTML standard a UTF-16 declaration in a file without a BOM
    // means UTF-8: the declaration itself was readable as ASCII.
    if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE {
        return declared_utf8(bytes, Vec::new());
    }
    let name = display_name(encoding, label);
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        let note = format!("页面声明编码为 {name}, 但内容是有效的 UTF-8, 已按 UTF-8 解码");
        return declared_utf8(bytes, vec![note]);
    }
    let decoded = decode_with(bytes, encoding, name, Vec::new());
    if replacement_percent(&decoded.text) < TOLERATED_DAMAGE_PERCENT {
        return decoded;
    }
    let note = format!("按页面声明的编码 {name} 解码出错, 已重新检测编码");
    detected(bytes, vec![note])
}

/// Bytes declared UTF-8 by a BOM or a `<meta>`: tolerate a little damage,
/// but overrule the declaration when much of the file is not UTF-8.
fn declared_utf8(bytes: &[u8], mut notes: Vec<String>) -> Decoded<'_> {
    let invalid: usize = bytes.utf8_chunks().map(|chunk| chunk.invalid().len()).sum();
    if invalid == 0 || invalid * 100 < bytes.len() * TOLERATED_DAMAGE_PERCENT {
        if invalid > 0 {
            notes.push("存在无效的 UTF-8 字节, 已替换".to_owned());
        }
        return Decoded {
            text: String::from_utf8_lossy(bytes),
            encoding: UTF_8.name(),
            notes,
        };
    }
    notes.push("声明为 UTF-8, 但大量字节不是有效的 UTF-8, 已重新检测编码".to_owned());
    detected(bytes, notes)
}

/// Bytes with no usable declaration: ask chardetng.
fn detected(bytes: &[u8], mut notes: Vec<String>) -> Decoded<'_> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECTION_SAMPLE_BYTES)];
    // A sample cut short may end inside a character: not the end of the stream.
    detector.feed(sample, sample.len() == bytes.len());
    // The reports come from .gov.cn sites: the TLD tips close calls towards GBK.
    let encoding = detector.guess(Some(b"cn"), Utf8Detection::Deny);
    let name = display_name(encoding, encoding.name());
    notes.push(format!("编码检测为 {name}"));
    decode_with(bytes, encoding, name, notes)
}

fn decode_with<'a>(
    bytes: &'a [u8],
    encoding: &'static Encoding,
    name: &'static str,
    notes: Vec<String>,
) -> Decoded<'a> {
    // GB18030 is a superset of GBK and GB2312; pages labelled with the older
    // names routinely contain characters only the newer one has.
    let decoder = if encoding == GBK { GB18030 } else { encoding };
    let (text, _) = decoder.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding: name,
        notes,
    }
}

/// The name to report for `encoding` reached through `label`.
fn display_name(encoding: &'static Encoding, label: &str) -> &'static str {
    if encoding == GBK {
        if label.contains("2312") {
            "GB2312"
        } else {
            "GBK"
        }
    } else if encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// UTF-16 without a BOM: ASCII characters (digits, line breaks) put a NUL in
/// every other byte, while text in any other encoding has no NULs at all.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(UTF16_SNIFF_BYTES) & !1];
    if !sample.contains(&0) {
        return None;
    }
    let units = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // CJK code units have a NUL low byte now and then (U+4E00 is 00 4E in
    // little-endian), so the other parity is allowed a few.
    let dominant = |nuls: usize, other: usize| nuls > 0 && nuls * 100 >= units && other * 4 <= nuls;
    if dominant(odd, even) {
        Some(UTF_16LE)
    } else if dominant(even, odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Control bytes other than the whitespace ones never occur in text in an
/// ASCII-compatible encoding; more than a trace of them means binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    // Text has no such byte at all, which a fold with `|` tells fastest: with
    // no early exit, the compiler turns it into vector instructions.
    let any = bytes
        .iter()
        .fold(false, |found, &byte| found | is_binary_control(byte));
    if !any {
        return false;
    }
    let controls = bytes
        .iter()
        .filter(|&&byte| is_binary_control(byte))
        .count();
    controls * 100 > bytes.len()
}

fn is_binary_control(byte: u8) -> bool {
    let text_control =
        (byte == b'\t') | (byte == b'\n') | (byte == b'\r') | (byte == 0x0C) | (byte == 0x1B);
    ((byte < 0x20) & !text_control) | (byte == 0x7F)
}

/// Refuses a decoding that did not produce text: control characters mean the
/// bytes were binary after all, replacement characters a wrong encoding.
fn judge(text: &str) -> Result<(), ReadError> {
    if !may_be_damaged(text) {
        return Ok(());
    }
    let census = Census::of(text);
    if census.controls * 100 > census.visible {
        return Err(ReadError::Binary);
    }
    const MAX_REPLACEMENT_PERCENT: usize = 10;
    if census.replacement_percent() > MAX_REPLACEMENT_PERCENT {
        return Err(ReadError::Encoding);
    }
    Ok(())
}

/// Whether `text` may hold a control char or U+FFFD, which [`judge`] counts;
/// most text holds neither, and this takes a fraction of the time of counting.
fn may_be_damaged(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Folds with `|` rather than `any`: a loop without early exits is one the
    // compiler turns into vector instructions.
    let ascii_control = bytes.iter().fold(false, |found, &byte| {
        found | ((byte < b' ') & !(b'\t'..=b'\r').contains(&byte)) | (byte == 0x7F)
    });
    // U+0080–U+009F, the C1 controls, are 0xC2 then 0x80–0x9F in UTF-8.
    let c1_control = bytes.contains(&0xC2)
        && bytes.windows(2).fold(false, |found, pair| {
            found | ((pair[0] == 0xC2) & (pair[1] < 0xA0))
        });
    // A string, not the char '\u{FFFD}': the char's search stops at every
    // 0xBD, a common byte inside Chinese characters.
    ascii_control || c1_control || text.contains("\u{FFFD}")
}

fn replacement_percent(text: &str) -> usize {
    Census::of(text).replacement_percent()
}

/// Counts of the visible characters of a decoded text, taken in one pass.
struct Census {
    visible: usize,
    controls: usize,
    replaced: usize,
}

impl Census {
    fn of(text: &str) -> Census {
        let mut census = Census {
            visible: 0,
            controls: 0,
            replaced: 0,
        };
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            census.visible += 1;
            census.controls += usize::from(c.is_control());
            census.replaced += usize::from(c == '\u{FFFD}');
        }
        census.visible = census.visible.max(1);
        census
    }

    fn replacement_percent(&self) -> usize {
        self.replaced * 100 / self.visible
    }
}

/// The charset a `<meta charset>` or `<meta http-equiv content="…charset=…">`
/// declares in the first 4 KB, with the label as written.
fn meta_charset(bytes: &[u8]) -> Option<(&'static Encoding, String)> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let mut rest = head;
    while let Some(start) = find_ignoring_case(rest, b"<meta") {
        let tag = &rest[start..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        if let Some(label) = charset_label(&tag[..end]) {
            if let Some(encoding) = Encoding::for_label_no_replacement(label) {
                return Some((
                    encoding,
                    String::from_utf8_lossy(label).to_ascii_lowercase(),
                ));
            }
        }
        rest = &tag[end..];
    }
    None
}

/// The value after `charset=` in one meta tag.
fn charset_label(tag: &[u8]) -> Option<&[u8]> {
    let after = &tag[find_ignoring_case(tag, b"charset")? + b"charset".len()..];
    let after = trim_ascii_start(after).strip_prefix(b"=")?;
    let after = trim_ascii_start(after);
    let after = after
        .strip_prefix(b"\"")
        .or_else(|| after.strip_prefix(b"'"))
        .unwrap_or(after);
    let length = after
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(after.len());
    (length > 0).then(|| &after[..length])
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_meta_forms_are_understood() {
        let html5 = b"<html><head><META Charset = 'GB2312'>";
        let html4 = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">";
        assert_eq!(
            meta_charset(html5).map(|(_, label)| label),
            Some("gb2312".to_owned())
        );
        assert_eq!(meta_charset(html4).map(|(e, _)| e), Some(GBK));
        assert_eq!(meta_charset(b"<meta name=\"charset\">"), None);
    }

    #[test]
    fn gb2312_is_reported_as_declared() {
        assert_eq!(display_name(GBK, "gb2312"), "GB2312");
        assert_eq!(display_name(GBK, "gbk"), "GBK");
    }

    #[test]
    fn damage_is_never_missed() {
        for text in ["a\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "法\u{FFFD}"] {
            assert!(may_be_damaged(text), "{text:?}");
        }
        assert!(!may_be_damaged("法治\t政府·建设,\u{3000}\r\n"));
    }

    #[test]
    fn ascii_text_is_not_utf16() {
        assert_eq!(utf16_by_nul_pattern(b"plain ascii text\n"), None);
    }
}
