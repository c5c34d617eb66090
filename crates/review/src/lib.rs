//! The reviewer's view: what a 依法治办 makes of a batch of analysed reports.
//!
//! The engine says what is wrong with one report (`Analysis::findings`);
//! this crate weighs those findings into a report card with the office's own
//! weights (`card`), and writes the 审核意见 a reviewer sends back to the unit
//! (`letter`). Across the batch it turns the passages reports share
//! (`fazhi-copy`) into `copy.shared_passage` findings (`copy`). Like the
//! engine it is pure: configuration arrives as text, and
//! letters leave as text; reading folders and writing files is the CLI's job.

mod card;
mod copy;
mod letter;

pub use card::{Card, CardConfig, CardError, Deduction};
pub use copy::{copy_findings, Submitted};
pub use fazhi_copy::SharedPassage;

use fazhi_engine::{Analysis, Diagnostic, Input, Severity};

/// One report through the engine and the office's card: the analysis (with
/// the reader's `notes` as its first diagnostics and the office's
/// severities) and the report card. What every front end (CLI, workbench)
/// does with a report it has read.
pub fn review(input: &Input, notes: &[String], card: &CardConfig) -> (Analysis, Card) {
    let mut analysis = fazhi_engine::analyze(input);
    let notes = notes.iter().map(|n| Diagnostic {
        level: Severity::Info,
        message: n.clone(),
    });
    analysis.diagnostics.splice(0..0, notes);
    card.apply_severities(&mut analysis.findings);
    let scored = card.card(&analysis.findings);
    (analysis, scored)
}
pub use letter::{letter, Letter};

/// `text` trimmed, cut after `max_chars` characters with "……" when longer:
/// how messages and letters quote a report.
fn quote(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}……", &text[..cut]),
        None => text.to_owned(),
    }
}
