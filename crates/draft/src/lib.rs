//! Drafting the annual report from a unit's ledgers.
//!
//! `model` is the draft; `markdown` writes it out.

mod markdown;
mod model;

pub use markdown::to_markdown;
pub use model::{Block, Draft, HeadingLevel, Inline, Signature};
