//! Drafting the annual report from a unit's ledgers.
//!
//! `compose` turns the year's indicators (fazhi-ledger) and, when given,
//! last year's report (`previous`, read by the engine) into a `Draft`;
//! `docx` (公文 layout) and `markdown` write it out; `self_check` reads the
//! written draft back through the engine. Everything here is pure: bytes in,
//! bytes out.

mod compose;
mod docx;
mod markdown;
mod model;
mod previous;
mod self_check;

pub use compose::{compose, Request};
pub use docx::to_docx;
pub use markdown::to_markdown;
pub use model::{Block, Draft, HeadingLevel, Inline, Signature};
pub use previous::Previous;
pub use self_check::SelfCheck;
