//! The analysis engine: text → outline → facts → checks.
//!
//! The engine reads the clean text of one report (what `fazhi-text` produced)
//! and says what the report is (`Meta`), how it is built (`Outline`, `Parts`)
//! and which figures it states (`Fact`s, each with its indicator, value and
//! evidence span).
//!
//! Invariants: the engine is pure — no file, network or database access, no
//! async, no global mutable state. Analysis never fails: whatever the input,
//! `analyze` returns an `Analysis`, and what it could not make sense of goes
//! into `diagnostics`. Every offset it returns is a character offset (Unicode
//! scalar values) into the text it was given, so a span always points at what
//! the user sees, even though matching runs on a normalised copy.

mod catalog;
mod checks;
mod document;
mod facts;
mod meta;
mod outline;
mod page;
mod parts;

pub use catalog::{Catalog, Indicator, Relation};
pub use checks::{rule_by_id, Data, Evidence, Finding, Rule, RULES};
pub use document::Document;
pub use facts::Fact;
pub use fazhi_numerals::{Decimal, Qualifier};
pub use meta::{Level, Meta, PageInfo};
pub use outline::Heading;
pub use parts::{Part, Parts};

use serde::{Deserialize, Serialize};

/// What the engine is given: the clean text and what the page said about itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct Input<'a> {
    /// The clean text of the report, as the user reads it.
    pub text: &'a str,
    /// Metadata carried outside the text: HTML `<title>`/`<meta>`, DOCX core properties.
    pub page_meta: &'a [(String, String)],
}

/// Everything the engine says about one report.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub meta: Meta,
    /// Character span of the report body: after the page's header, before its
    /// footer, the first copy when the page publishes the body twice.
    pub body: Span,
    pub parts: Parts,
    pub outline: Vec<Heading>,
    pub facts: Vec<Fact>,
    /// What the checks found, family by family (`checks::RULES`).
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A character span of the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How much a finding matters: `error` breaks a rule, `warning` is a likely
/// defect, `info` is worth a look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// Something the engine noticed about the input itself (not a defect of the report).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub level: Severity,
    pub message: String,
}

/// Analyses one report. Never fails.
pub fn analyze(input: &Input) -> Analysis {
    let catalog = Catalog::builtin();
    let doc = Document::new(input.text);
    let mut diagnostics = Vec::new();
    let page = page::Page::read(&doc, &mut diagnostics);
    let outline = outline::outline(&doc, &page);
    let (meta, anchors) = meta::meta(&doc, &page, &outline, input.page_meta);
    let parts = parts::parts(&doc, &page, &outline, meta.report_year);
    let facts = facts::facts(&doc, &page, &outline, &parts, catalog);
    let findings = checks::check(&checks::Report {
        doc: &doc,
        page: &page,
        outline: &outline,
        meta: &meta,
        anchors: &anchors,
        parts: &parts,
        facts: &facts,
        sentences: checks::body_sentences(&doc, &page),
    });
    Analysis {
        meta,
        body: Span {
            start: doc.char_offset(page.body.start),
            end: doc.char_offset(page.body.end),
        },
        parts,
        outline: outline.headings,
        facts,
        findings,
        diagnostics,
    }
}
