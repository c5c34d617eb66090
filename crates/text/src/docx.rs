//! DOCX → clean text and core properties.
//!
//! Owns unpacking within [`Limits::max_unpacked_bytes`] — checked against
//! each part's declared size and again against the bytes actually inflated,
//! since the declaration can lie — and turning `word/document.xml` into
//! lines: a paragraph per line, a table row per line with its cells separated
//! by tabs. Deleted text of tracked changes, field codes and the fallback
//! copies of text boxes are skipped. Headers, footers, footnotes and comments
//! are not read. Origins in the [`SourceMap`](crate::SourceMap) point into
//! `word/document.xml`.

use std::io::{Cursor, Read, Seek};

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;
use zip::result::ZipError;
use zip::ZipArchive;

use crate::builder::TextBuilder;
use crate::error::{DocxProblem, ReadError};
use crate::{Extracted, Format, Limits};

const DOCUMENT_PART: &str = "word/document.xml";
const CORE_PROPERTIES_PART: &str = "docProps/core.xml";

/// Elements whose content is not document text: deleted text and the old
/// place of moved text in tracked changes, field codes, the legacy copy of a
/// text box (`mc:Fallback` repeats `mc:Choice`), and paragraph properties
/// (whose tab stops are `w:tab` elements too).
const SKIPPED_ELEMENTS: [&[u8]; 5] = [b"delText", b"moveFrom", b"instrText", b"Fallback", b"pPr"];

/// Core properties worth reporting, by local name.
const CORE_PROPERTIES: [&str; 3] = ["title", "creator", "created"];

/// Reads a DOCX file.
pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, ReadError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(docx_error)?;
    let mut budget = limits.max_unpacked_bytes;
    let document = read_part(&mut archive, DOCUMENT_PART, &mut budget)?
        .ok_or(ReadError::Docx(DocxProblem::MissingDocument))?;
    let mut extracted = Extracted::from_builder(body_text(&document)?);
    if extracted.text.is_empty() {
        return Err(ReadError::NoText(Format::Docx));
    }
    // The properties are a bonus: damage there does not spoil the document.
    match read_part(&mut archive, CORE_PROPERTIES_PART, &mut budget) {
        Ok(Some(core)) => extracted.page_meta = core_properties(&core),
        Ok(None) => {}
        Err(ReadError::ZipBomb) => return Err(ReadError::ZipBomb),
        Err(_) => extracted
            .notes
            .push("文档属性(docProps/core.xml)已损坏, 已忽略".to_owned()),
    }
    Ok(extracted)
}

/// The text of one part, `None` if the archive has no such part. Unpacking
/// stops one byte past the budget, whatever the part claims its size is.
fn read_part<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, ReadError> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(docx_error(error)),
    };
    if entry.size() > *budget {
        return Err(ReadError::ZipBomb);
    }
    let mut data = Vec::new();
    entry
        .take(budget.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|_| ReadError::Docx(DocxProblem::CorruptZip))?;
    let unpacked = data.len() as u64;
    if unpacked > *budget {
        return Err(ReadError::ZipBomb);
    }
    *budget -= unpacked;
    Ok(Some(match String::from_utf8(data) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }))
}

fn docx_error(error: ZipError) -> ReadError {
    let problem = match error {
        ZipError::UnsupportedArchive(_) | ZipError::InvalidPassword => DocxProblem::UnsupportedZip,
        _ => DocxProblem::CorruptZip,
    };
    ReadError::Docx(problem)
}

/// The text of `word/document.xml`.
fn body_text(xml: &str) -> Result<TextBuilder, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut body = Body::default();
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader
            .read_event()
            .map_err(|_| ReadError::Docx(DocxProblem::InvalidXml))?;
        match event {
            Event::Start(tag) => body.open(tag.local_name().as_ref()),
            Event::Empty(tag) => {
                let name = tag.local_name();
                body.open(name.as_ref());
                body.close(name.as_ref());
            }
            Event::End(tag) => body.close(tag.local_name().as_ref()),
            Event::Text(text) if body.takes_text() => {
                let text = text
                    .decode()
                    .map_err(|_| ReadError::Docx(DocxProblem::InvalidXml))?;
                body.builder.push_verbatim(&text, start);
            }
            Event::GeneralRef(reference) if body.takes_text() => {
                if let Some(c) = resolve_reference(&reference) {
                    body.builder.push(c, Some(start));
                }
            }
            Event::Eof => return Ok(body.builder),
            _ => {}
        }
    }
}

/// Where the walk through the document body is.
#[derive(Debug, Default)]
struct Body {
    builder: TextBuilder,
    /// Inside a `w:t`, the only element whose text is document text.
    in_text: bool,
    /// Depth inside [`SKIPPED_ELEMENTS`].
    skipping: usize,
    /// Depth of nested tables.
    tables: usize,
    /// Cells seen so far in each open table row, innermost last.
    rows: Vec<usize>,
}

impl Body {
    fn takes_text(&self) -> bool {
        self.in_text && self.skipping == 0
    }

    fn open(&mut self, name: &[u8]) {
        if SKIPPED_ELEMENTS.contains(&name) {
            self.skipping += 1;
            return;
        }
        if self.skipping > 0 {
            return;
        }
        match name {
            b"t" => self.in_text = true,
            b"tab" => self.builder.tab(),
            b"br" | b"cr" => self.break_line(),
            b"noBreakHyphen" => self.builder.push('-', None),
            b"tbl" => {
                self.builder.end_line();
                self.tables += 1;
            }
            b"tr" => {
                self.builder.end_line();
                self.rows.push(0);
            }
            b"tc" => {
                if let Some(cells) = self.rows.last_mut() {
                    if *cells > 0 {
                        self.builder.tab();
                    }
                    *cells += 1;
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8]) {
        if SKIPPED_ELEMENTS.contains(&name) {
            self.skipping = self.skipping.saturating_sub(1);
            return;
        }
        if self.skipping > 0 {
            return;
        }
        match name {
            b"t" => self.in_text = false,
            b"p" => self.break_line(),
            b"tr" => {
                self.rows.pop();
                self.builder.end_line();
            }
            b"tbl" => {
                self.tables = self.tables.saturating_sub(1);
                self.builder.end_line();
            }
            _ => {}
        }
    }

    /// A paragraph end or line break: inside a table the row stays one line.
    fn break_line(&mut self) {
        if self.tables > 0 {
            self.builder.push(' ', None);
        } else {
            self.builder.end_line();
        }
    }
}

/// The char an XML entity or character reference stands for.
fn resolve_reference(reference: &BytesRef<'_>) -> Option<char> {
    if reference.is_char_ref() {
        return reference.resolve_char_ref().ok().flatten();
    }
    let name = reference.decode().ok()?;
    resolve_predefined_entity(&name)?.chars().next()
}

/// Title, creator and creation date from `docProps/core.xml`, best effort.
fn core_properties(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut properties = Vec::new();
    let mut current: Option<(&str, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) => {
                let name = tag.local_name();
                current = CORE_PROPERTIES
                    .into_iter()
                    .find(|key| key.as_bytes() == name.as_ref())
                    .map(|key| (key, String::new()));
            }
            Ok(Event::Text(text)) => {
                if let (Some((_, value)), Ok(text)) = (current.as_mut(), text.decode()) {
                    value.push_str(&text);
                }
            }
            Ok(Event::GeneralRef(reference)) => {
                if let (Some((_, value)), Some(c)) =
                    (current.as_mut(), resolve_reference(&reference))
                {
                    value.push(c);
                }
            }
            Ok(Event::End(_)) => {
                if let Some((key, value)) = current.take() {
                    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !value.is_empty() {
                        properties.push((key.to_owned(), value));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return properties,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(body: &str) -> String {
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
        );
        body_text(&xml)
            .map(|builder| builder.finish().0)
            .unwrap_or_default()
    }

    #[test]
    fn deleted_text_field_codes_and_tab_stops_are_skipped() {
        let body = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\"/></w:tabs></w:pPr>\
                    <w:r><w:t>依法</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>\
                    <w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:tab/><w:t>行政</w:t></w:r></w:p>";
        assert_eq!(text_of(body), "依法\t行政");
    }

    #[test]
    fn entities_and_breaks() {
        let body = "<w:p><w:r><w:t>A&amp;B&#x4E00;</w:t><w:br/><w:t>C</w:t></w:r></w:p><w:p/>";
        assert_eq!(text_of(body), "A&B一\nC");
    }

    #[test]
    fn core_properties_are_read_by_local_name() {
        let core = "<cp:coreProperties xmlns:cp=\"c\" xmlns:dc=\"d\" xmlns:dcterms=\"t\">\
                    <dc:title>2023年 法治政府</dc:title><dc:creator>司法局</dc:creator>\
                    <dcterms:created>2024-01-02T00:00:00Z</dcterms:created><dc:subject>x</dc:subject>\
                    </cp:coreProperties>";
        let expected = [
            ("title", "2023年 法治政府"),
            ("creator", "司法局"),
            ("created", "2024-01-02T00:00:00Z"),
        ]
        .map(|(key, value)| (key.to_owned(), value.to_owned()));
        assert_eq!(core_properties(core), expected);
    }
}
