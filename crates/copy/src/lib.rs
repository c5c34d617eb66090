//! Copy: finds the passages one report shares with another across a corpus,
//! and weighs each by how rare it is there.
//!
//! This crate owns the comparison of reports with each other: which passages
//! two reports have in common, where they are in each text, how many other
//! reports have them too, and whether the other report is the same unit's
//! earlier year or another unit. It does not read files, decide what a report's
//! body is (the caller passes `body`), judge a passage repeated within one
//! report (another rule does), or convert traditional characters.
//!
//! # The rule
//!
//! 1. **Normalise.** Only letters and digits of the body are compared:
//!    whitespace, punctuation, symbols and list markers (`一、` `(一)` `1.` `①`)
//!    are dropped, full-width ASCII is folded, Latin letters lower-cased, and
//!    the political formulae listed in `formulae.rs` are taken out (on a
//!    corpus too small for the counts of step 3, only that list tells them
//!    from copying). Every kept character remembers its offset, so spans are
//!    exact in the original.
//! 2. **Fingerprint.** Shingles of [`Options::shingle`] (12) normalised
//!    characters are hashed; those whose hash is divisible by
//!    [`Options::keep_one_in`] (8) are kept as fingerprints. Which shingles
//!    are kept depends on the shingle alone, so the counts below are exact
//!    (winnowing, which keeps each window's smallest hash, would count a
//!    shingle only where its neighbours let it win and make common text look
//!    rare). A shared run of 50 characters goes without a fingerprint with
//!    probability 0.6 %, one of 80 with 0.01 %.
//! 3. **Count.** All fingerprints are sorted by hash; the number of reports
//!    holding a hash is its *document frequency* `df`. A hash is *common*
//!    (boilerplate) when `df > T`, with `T = max(`[`Options::common_min_docs`]
//!    ` (10), ⌈`[`Options::common_share`]` (0.2 %) × N⌉)` for `N` reports, or
//!    when it occurs more than `4T` times in all (filler repeated within
//!    reports). So `T` is 10 up to 5 000 reports, 20 at 10 000, 100 at 50 000;
//!    a corpus of `T` reports or fewer has nothing common by count.
//! 4. **Seed.** Every pair of reports sharing a hash that is not common gets a
//!    seed; no pair of reports is ever compared without one, and a hash yields
//!    at most `(4T)²` seeds, so the work grows with the text shared, not with
//!    the square of the corpus.
//! 5. **Align.** Each seed is checked character by character and extended both
//!    ways to the longest run the two normalised texts share; runs of the same
//!    pair that follow each other in both texts with at most
//!    [`Options::max_gap`] (10) differing characters between them (a changed
//!    number, another unit's name) are merged into one passage.
//! 6. **Weigh.** A passage's `rarity` is the mean, over the fingerprints of
//!    the first report lying inside its runs, of `1` when at most the two
//!    reports have the fingerprint, `1 − (df − 2) / (T − 1)` up to `T`, and `0`
//!    for a common one; fingerprints missing beyond half the number its
//!    length leads to expect count as common (text no fingerprint covers may
//!    be common text, and one rare fingerprint must not vouch for it). Passages of at least [`Options::min_chars`] (50)
//!    normalised characters and a rarity of at least [`Options::min_rarity`]
//!    (0.5) are reported: boilerplate is common, so it fails the second.
//!
//! In a [`SharedPassage`], `a` is the earlier report when both years are known
//! and differ (the possible source, `b` the possible copy); otherwise `a` is
//! the one that comes first in the input. Passages are sorted by `a`, `b`,
//! then position in `a`.
//!
//! # Cost
//!
//! Memory is about 2 bytes per normalised character (the texts, kept for
//! alignment) plus 28 bytes per fingerprint (one per eight characters), so
//! 5.5 bytes per character in all. Time is one pass over the texts, one sort
//! of the fingerprints, and alignment proportional to the text shared through
//! uncommon seeds; it runs on one thread. See `fazhi bench-copy` for figures.
//! Offsets are held in `u32`: the corpus may have up to 4 G fingerprints and a
//! text up to 4 G characters.
//!
//! Nothing here panics, reads or writes anything, or keeps state between calls.

mod align;
mod fingerprint;
mod formulae;
mod index;
mod normalise;

use std::ops::Range;

use serde::Serialize;

pub use index::Corpus;

/// One report as the detector sees it.
#[derive(Clone, Debug)]
pub struct Document<'a> {
    /// The report's text; every offset in this crate is a character offset
    /// (Unicode scalar values) into it.
    pub text: &'a str,
    /// The characters of the report body to compare (without web-page chrome,
    /// a duplicated second copy…); cut at the end of `text`.
    pub body: Range<usize>,
    /// The reporting unit (e.g. "株洲市芦淞区"), to tell the same unit from another.
    pub unit: Option<&'a str>,
    /// The year the report covers.
    pub year: Option<i32>,
}

/// The settings of the rule; [`Options::default`] gives the values the
/// crate documentation states.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The shortest passage reported, in normalised characters. Default 50.
    pub min_chars: usize,
    /// Normalised characters per shingle (1–256). Default 12: long enough that
    /// a shared shingle is rarely chance in Chinese, short enough that a copy
    /// with a changed word every few dozen characters still shares some.
    pub shingle: usize,
    /// Shingles whose hash is divisible by this are kept as fingerprints
    /// (1 keeps all). Default 8: a shared run of 50 characters has a
    /// fingerprint with probability 99.4 %, one of 80 with 99.99 %.
    pub keep_one_in: usize,
    /// A fingerprint held by more reports than this is common, however large
    /// the corpus. Default 10.
    pub common_min_docs: usize,
    /// A fingerprint held by more than this share of the reports is common,
    /// once that is more than `common_min_docs`. Default 0.002.
    pub common_share: f64,
    /// The lowest rarity reported (0–1). Default 0.5: at least half of the
    /// passage's weight must be text few other reports have.
    pub min_rarity: f64,
    /// The most normalised characters that may differ between two runs merged
    /// into one passage, in each text. Default 10.
    pub max_gap: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_chars: 50,
            shingle: 12,
            keep_one_in: 8,
            common_min_docs: 10,
            common_share: 0.002,
            min_rarity: 0.5,
            max_gap: 10,
        }
    }
}

/// A passage two reports share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedPassage {
    /// The first report (the earlier one when the years say so), as an index
    /// into the input, and the passage's character span in its text.
    pub a: usize,
    pub a_span: Range<usize>,
    /// The second report and the passage's span in its text.
    pub b: usize,
    pub b_span: Range<usize>,
    /// Normalised characters the two texts have in common in the passage.
    pub chars: usize,
    /// How rare the passage is in the corpus: 1 when no other report has any
    /// of it, 0 when all of it is common (see the crate documentation).
    pub rarity: f64,
    /// What `a` is to `b`.
    pub relation: Relation,
}

/// What the first report of a passage is to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The same unit's report for an earlier year.
    SameUnitEarlierYear,
    /// The same unit's report for the same year (a resubmission, another copy).
    SameUnitSameYear,
    /// Another unit's report.
    OtherUnit,
    /// Not known: a unit is missing, or the same unit with a year missing.
    Unknown,
}

impl Relation {
    /// The name, as serialised (`same_unit_earlier_year`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::SameUnitEarlierYear => "same_unit_earlier_year",
            Relation::SameUnitSameYear => "same_unit_same_year",
            Relation::OtherUnit => "other_unit",
            Relation::Unknown => "unknown",
        }
    }
}

/// Every passage of at least `options.min_chars` characters that two of
/// `docs` share and that is rare enough in `docs` to count (see the crate
/// documentation for the rule).
pub fn shared_passages(docs: &[Document], options: &Options) -> Vec<SharedPassage> {
    Corpus::new(docs, options).shared_passages()
}
