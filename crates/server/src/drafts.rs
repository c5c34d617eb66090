//! The drafts the 填报 page composed, kept in memory so that downloading
//! them needs no second upload.
//!
//! Only the last `KEPT` drafts are held, the oldest evicted first, and none
//! is written to disk: a draft is a working copy its unit downloads at once,
//! and a restart may forget it. Tokens cannot be guessed, since on a shared
//! intranet server a draft is one unit's unpublished work.

use std::collections::VecDeque;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;

/// How many drafts are held.
pub(crate) const KEPT: usize = 32;

/// One draft, in the formats it is downloaded as.
pub(crate) struct Kept {
    /// The file name without its extension: "示例县2025年度…报告(草稿)".
    pub stem: String,
    pub docx: Bytes,
    pub markdown: Bytes,
}

#[derive(Default)]
pub(crate) struct Drafts {
    /// Keys drawn from the operating system's randomness when the server
    /// starts: tokens are a keyed hash (SipHash) of a counter, so they are
    /// distinct and unpredictable without a random-number dependency.
    keys: RandomState,
    held: Mutex<Held>,
}

#[derive(Default)]
struct Held {
    issued: u64,
    /// Oldest first.
    drafts: VecDeque<(String, Arc<Kept>)>,
}

impl Drafts {
    /// Holds `draft`, evicting the oldest beyond `KEPT`; returns its token.
    pub(crate) fn keep(&self, draft: Kept) -> String {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.issued += 1;
        let n = held.issued;
        let token = format!(
            "{:016x}{:016x}",
            self.keys.hash_one((n, 0u8)),
            self.keys.hash_one((n, 1u8))
        );
        if held.drafts.len() == KEPT {
            held.drafts.pop_front();
        }
        held.drafts.push_back((token.clone(), Arc::new(draft)));
        token
    }

    /// The draft of `token`, if still held.
    pub(crate) fn get(&self, token: &str) -> Option<Arc<Kept>> {
        let held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.drafts
            .iter()
            .find(|(t, _)| t == token)
            .map(|(_, draft)| Arc::clone(draft))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(n: usize) -> Kept {
        Kept {
            stem: n.to_string(),
            docx: Bytes::new(),
            markdown: Bytes::new(),
        }
    }

    #[test]
    fn the_oldest_draft_goes_first() {
        let drafts = Drafts::default();
        let tokens: Vec<String> = (0..=KEPT).map(|n| drafts.keep(draft(n))).collect();
        assert!(drafts.get(&tokens[0]).is_none(), "evicted");
        assert_eq!(drafts.get(&tokens[1]).expect("held").stem, "1");
        assert_eq!(
            drafts.get(&tokens[KEPT]).expect("held").stem,
            KEPT.to_string()
        );
        assert_ne!(tokens[1], tokens[2]);
        assert_eq!(tokens[1].len(), 32);
    }
}
