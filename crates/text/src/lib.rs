//! Reading: turns the bytes of a published report into clean text.
//!
//! The reports (法治政府建设年度报告) are published as web pages, plain-text
//! copies of them, DOCX and PDF files, in UTF-8, GBK or UTF-16. This crate
//! owns getting from those bytes to [`Source::text`]: one line per paragraph,
//! no markup, whitespace collapsed, plus the metadata a page carries outside
//! its text and a [`SourceMap`] back to the decoded source. It refuses, with
//! a [`ReadError`] whose message is in Chinese, files it cannot read.
//!
//! It does not judge what the text says, nor which lines are site chrome
//! (breadcrumbs, "打印", footers): the analysis engine decides that from the
//! lines, because the same chrome also appears in plain-text copies of pages.
//! Only elements that are never content (navigation, scripts…) are dropped.

mod builder;
mod decode;
mod docx;
mod error;
mod html;
mod pdf;
mod plain;
mod sniff;
mod source_map;

use std::fs::File;
use std::io::Read;
use std::path::Path;

pub use error::{DocxProblem, PdfProblem, ReadError};
pub use source_map::SourceMap;

use builder::TextBuilder;
use sniff::Container;

/// How much a reader is willing to take in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, checked before reading.
    pub max_file_bytes: u64,
    /// Most bytes unpacked from a DOCX, over all the parts read.
    pub max_unpacked_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_unpacked_bytes: 200 * 1024 * 1024,
        }
    }
}

/// The kind of document a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Html,
    Docx,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A document as read: its clean text and what is known about where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The text a person reads, one line per paragraph or block, separated by
    /// `'\n'`: no markup, entities decoded, whitespace runs collapsed, no more
    /// than one empty line in a row.
    pub text: String,
    pub format: Format,
    /// The encoding the file was read as, e.g. "UTF-8", "GBK", "UTF-16LE";
    /// "UTF-8" for DOCX and PDF.
    pub encoding: &'static str,
    /// Metadata outside the visible text: an HTML page's `<title>` as
    /// `("title", …)` and its `<meta name content>` pairs; a DOCX file's core
    /// properties (title, creator, created); a PDF's Title, Author, CreationDate.
    pub page_meta: Vec<(String, String)>,
    /// Char offsets in `text` → byte offsets in the decoded source.
    pub map: SourceMap,
    /// Observations that did not stop the reading, in Chinese.
    pub notes: Vec<String>,
}

/// Reads the file at `path`, refusing it by its size before reading a byte.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Source, ReadError> {
    let file = File::open(path)?;
    check_size(file.metadata()?.len(), limits)?;
    let mut bytes = Vec::new();
    // The file may grow between the check and the read.
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    read_bytes(&bytes, &name, limits)
}

/// Reads a file's bytes; `name` is used only for its extension, which breaks
/// ties when the content does not tell the format.
pub fn read_bytes(bytes: &[u8], name: &str, limits: &Limits) -> Result<Source, ReadError> {
    check_size(bytes.len() as u64, limits)?;
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let claimed = sniff::format_from_name(name);
    let mut source = match sniff::container(bytes, claimed)? {
        Container::Docx => docx::read(bytes, limits)?.into_source(Format::Docx, "UTF-8"),
        Container::Pdf => pdf::read(bytes)?.into_source(Format::Pdf, "UTF-8"),
        Container::Textual => read_textual(bytes, claimed)?,
    };
    if let Some(claimed) = claimed.filter(|&claimed| claimed != source.format) {
        source.notes.push(format!(
            "扩展名表明是 {}, 但内容按 {} 读取",
            claimed.as_str(),
            source.format.as_str()
        ));
    }
    Ok(source)
}

fn check_size(size: u64, limits: &Limits) -> Result<(), ReadError> {
    if size > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    Ok(())
}

/// Plain text or HTML: both need decoding first.
fn read_textual(bytes: &[u8], claimed: Option<Format>) -> Result<Source, ReadError> {
    let claims_html = claimed == Some(Format::Html);
    let decoded = decode::decode(bytes, claims_html || sniff::bytes_look_like_html(bytes))?;
    if decoded.text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let format = if sniff::looks_like_html(&decoded.text)
        || claims_html && sniff::has_markup(&decoded.text)
    {
        Format::Html
    } else {
        Format::Text
    };
    let extracted = if format == Format::Html {
        html::read(&decoded.text)
    } else {
        plain::read(&decoded.text)
    };
    if extracted.text.is_empty() {
        return Err(ReadError::NoText(format));
    }
    let mut source = extracted.into_source(format, decoded.encoding);
    source.notes.splice(0..0, decoded.notes);
    Ok(source)
}

/// What a format reader got out of a document, before it becomes a [`Source`].
#[derive(Debug, Default)]
struct Extracted {
    text: String,
    map: SourceMap,
    page_meta: Vec<(String, String)>,
    notes: Vec<String>,
}

impl Extracted {
    fn from_builder(builder: TextBuilder) -> Self {
        let (text, map) = builder.finish();
        Extracted {
            text,
            map,
            ..Extracted::default()
        }
    }

    fn into_source(self, format: Format, encoding: &'static str) -> Source {
        Source {
            text: self.text,
            format,
            encoding,
            page_meta: self.page_meta,
            map: self.map,
            notes: self.notes,
        }
    }
}
