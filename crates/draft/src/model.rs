//! The draft as a sequence of blocks: what the writers (`markdown`, `docx`)
//! render, and nothing about how a block came to be.
//!
//! A draft is deliberately poorer than a word processor's document: a title,
//! headings of two levels, paragraphs, and a signature. 公文 format fixes the
//! look of each (GB/T 9704-2012), so the model carries only the kind of each
//! block, never a font or a size.

/// A report ready to be written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// "示例县2025年度法治政府建设年度报告".
    pub title: String,
    pub blocks: Vec<Block>,
    pub signature: Signature,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// "一、…" (黑体) at level 1, "(一)…" (楷体) at level 2. The text
    /// includes its ordinal.
    Heading {
        level: HeadingLevel,
        text: Vec<Inline>,
    },
    /// A body paragraph (仿宋, first line indented by two characters).
    Paragraph(Vec<Inline>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingLevel {
    First,
    Second,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// Narrative the ledger cannot give, shown to the writer as
    /// "【待填写：…】" and found by the self-check (`structure.placeholder`).
    Placeholder(String),
}

/// The signing unit and date, set flush right under the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// "示例县人民政府".
    pub unit: String,
    /// "2026年2月26日": Arabic numerals, as 公文 dates are written.
    pub date: String,
}

impl Inline {
    /// The text as it appears on the page.
    pub fn shown(&self) -> String {
        match self {
            Inline::Text(text) => text.clone(),
            Inline::Placeholder(what) => format!("【待填写：{what}】"),
        }
    }
}
