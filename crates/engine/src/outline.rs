//! Outline: the heading tree of the report.
// (to be written)
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::page::Page;

pub struct Outline {
    pub headings: Vec<Heading>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Heading {
    pub level: u8,
    pub title: String,
    /// Character span of the section this heading opens.
    pub start: usize,
    pub end: usize,
    /// Byte range in `doc.text()` of the heading's own text.
    #[serde(skip)]
    pub title_bytes: Range<usize>,
    /// Byte range in `doc.text()` of the section (heading included).
    #[serde(skip)]
    pub section_bytes: Range<usize>,
}

impl Outline {
    /// The headings whose sections contain `byte`, outermost first.
    pub fn path_at(&self, byte: usize) -> Vec<&Heading> {
        self.headings.iter().filter(|h| h.section_bytes.contains(&byte)).collect()
    }
}

pub fn outline(doc: &Document, page: &Page) -> Outline {
    let _ = (doc, page);
    Outline { headings: Vec::new() }
}
