//! Page: separates the report's body from the web page around it.
// (to be written)
use std::ops::Range;

use crate::document::{Document, Line};
use crate::Diagnostic;

pub struct Page {
    /// Byte range of the body in `doc.text()`: after the header chrome, before
    /// the footer chrome; the first copy when the body is published twice.
    pub body: Range<usize>,
    /// The lines of the body that are report text (chrome lines inside removed).
    pub lines: Vec<Line>,
}

impl Page {
    pub fn read(doc: &Document, diagnostics: &mut Vec<Diagnostic>) -> Page {
        let _ = diagnostics;
        let lines = doc.lines();
        Page { body: 0..doc.text().len(), lines }
    }
}
