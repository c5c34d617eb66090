//! Drafting the annual report from a unit's ledgers.
//!
//! `model` is the draft; `docx` (公文 layout) and `markdown` write it out.

mod docx;
mod markdown;
mod model;

pub use docx::to_docx;
pub use markdown::to_markdown;
pub use model::{Block, Draft, HeadingLevel, Inline, Signature};
