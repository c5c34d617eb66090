//! The corpus index: every report's normalised text and fingerprints, and for
//! each fingerprint how many reports hold it.
//!
//! This module owns steps 1–3 of the rule (normalise, fingerprint, count) and
//! the layout that keeps them small: the texts as one run of UTF-16 units,
//! the fingerprints as flat arrays indexed by a fingerprint id (ids run report
//! by report, positions increasing), and the inverted index as one sorted
//! array of `(hash, id)`, so a hash's postings are contiguous and each
//! report's fingerprints are a range of ids. It does not align anything;
//! `align` does.

use std::ops::Range;

use crate::fingerprint::{sample, MAX_SHINGLE};
use crate::formulae::Formulae;
use crate::normalise::normalise;
use crate::{Document, Options};

/// `held_by` of a common fingerprint, whatever its count.
const COMMON: u32 = u32::MAX;

/// How many times the report threshold a hash may occur in all before it is
/// common: a shingle repeated that often within reports is filler.
const OCCURRENCES_PER_REPORT_ALLOWED: usize = 4;

/// A corpus fingerprinted and counted, ready to be searched for shared
/// passages ([`Corpus::shared_passages`]). Building it is the fingerprinting
/// step; it borrows the documents, whose texts it needs again for spans.
pub struct Corpus<'d, 'a> {
    pub(crate) docs: &'d [Document<'a>],
    formulae: Formulae,
    pub(crate) options: Options,
    /// `options.shingle` made usable.
    pub(crate) shingle: usize,
    /// Reports a fingerprint may be held by and still not be common (`T`).
    pub(crate) common_above: u32,
    /// Every report's normalised body, one after another, as UTF-16 units.
    units: Vec<u16>,
    /// Where each report's units start in `units`, and where the last ends.
    unit_starts: Vec<usize>,
    /// The first fingerprint id of each report, and one past the last id.
    fingerprint_starts: Vec<u32>,
    /// Per fingerprint id: its position in its report's units.
    positions: Vec<u32>,
    /// `(hash, fingerprint id)` of every fingerprint, sorted.
    postings: Vec<(u64, u32)>,
    /// Per fingerprint id: how many reports hold its hash, or [`COMMON`].
    held_by: Vec<u32>,
    /// Per fingerprint id: where its hash's postings start in `postings`.
    posting_start: Vec<u32>,
}

impl<'d, 'a> Corpus<'d, 'a> {
    /// Normalises and fingerprints every report's body and counts the reports
    /// holding each fingerprint.
    pub fn new(docs: &'d [Document<'a>], options: &Options) -> Self {
        let shingle = options.shingle.clamp(1, MAX_SHINGLE);
        let formulae = Formulae::new();
        let (units, unit_starts) = normalise_all(docs, &formulae);
        let mut fingerprints = Fingerprints::with_capacity_for(units.len(), options.keep_one_in);
        for bounds in unit_starts.windows(2) {
            let report = &units[bounds[0]..bounds[1]];
            sample(report, shingle, options.keep_one_in, |position, hash| {
                fingerprints.push(position, hash)
            });
            fingerprints.end_report();
        }
        let Fingerprints {
            starts: fingerprint_starts,
            positions,
            mut postings,
        } = fingerprints;
        postings.sort_unstable();
        let mut corpus = Corpus {
            docs,
            formulae,
            options: *options,
            shingle,
            common_above: common_above(docs.len(), options),
            units,
            unit_starts,
            fingerprint_starts,
            held_by: vec![0; positions.len()],
            posting_start: vec![0; positions.len()],
            positions,
            postings,
        };
        corpus.count();
        corpus
    }

    /// Fills `held_by` and `posting_start` from the sorted postings.
    fn count(&mut self) {
        let allowed = (self.common_above as usize).saturating_mul(OCCURRENCES_PER_REPORT_ALLOWED);
        let mut start = 0;
        for group in self.postings.chunk_by(|x, y| x.0 == y.0) {
            let held = if group.len() > allowed {
                COMMON
            } else {
                self.reports_in(group)
            };
            for &(_, id) in group {
                self.held_by[id as usize] = held;
                self.posting_start[id as usize] = start as u32;
            }
            start += group.len();
        }
    }

    /// The number of distinct reports among postings of one hash (ids sorted).
    fn reports_in(&self, group: &[(u64, u32)]) -> u32 {
        let mut reports = 0;
        let mut last = None;
        for &(_, id) in group {
            let doc = self.doc_of(id);
            if last != Some(doc) {
                reports += 1;
                last = Some(doc);
            }
        }
        reports
    }

    /// The report a fingerprint id belongs to.
    pub(crate) fn doc_of(&self, id: u32) -> usize {
        self.fingerprint_starts
            .partition_point(|&start| start <= id)
            .saturating_sub(1)
    }

    /// A report's normalised body in `units` and each unit's character
    /// offset in the report's text in `offsets` (both cleared first).
    pub(crate) fn offsets_of(&self, doc: usize, units: &mut Vec<u16>, offsets: &mut Vec<usize>) {
        units.clear();
        offsets.clear();
        append_normalised(&self.docs[doc], &self.formulae, units, Some(offsets));
    }

    /// A report's normalised body.
    pub(crate) fn units_of(&self, doc: usize) -> &[u16] {
        &self.units[self.unit_starts[doc]..self.unit_starts[doc + 1]]
    }

    /// A report's fingerprint ids.
    pub(crate) fn fingerprints_of(&self, doc: usize) -> Range<u32> {
        self.fingerprint_starts[doc]..self.fingerprint_starts[doc + 1]
    }

    pub(crate) fn position(&self, id: u32) -> usize {
        self.positions[id as usize] as usize
    }

    /// The positions of a report's fingerprints, increasing.
    pub(crate) fn positions_of(&self, doc: usize) -> &[u32] {
        let ids = self.fingerprints_of(doc);
        &self.positions[ids.start as usize..ids.end as usize]
    }

    /// How many reports hold the fingerprint's hash, or [`COMMON`].
    pub(crate) fn held_by(&self, id: u32) -> u32 {
        self.held_by[id as usize]
    }

    /// The fingerprint ids of every report holding the same hash as `id`
    /// (`id` among them), increasing.
    pub(crate) fn same_hash(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let start = self.posting_start[id as usize] as usize;
        let hash = self.postings[start].0;
        self.postings[start..]
            .iter()
            .take_while(move |p| p.0 == hash)
            .map(|p| p.1)
    }

    /// Whether a fingerprint can seed a passage: another report has it, and
    /// it is not common.
    pub(crate) fn is_seed(&self, id: u32) -> bool {
        (2..=self.common_above).contains(&self.held_by(id))
    }

    /// The weight of one fingerprint in a passage's rarity: 1 when only the
    /// two reports hold it, falling to `1 / (T − 1)` at `T` reports, 0 when
    /// common.
    pub(crate) fn rarity(&self, id: u32) -> f64 {
        let held = self.held_by(id);
        if held > self.common_above {
            0.0
        } else {
            let others = f64::from(held.saturating_sub(2));
            1.0 - others / f64::from(self.common_above - 1)
        }
    }
}

/// Every report's normalised body as UTF-16 units, one after another, and
/// where each starts (plus the end of the last).
fn normalise_all(docs: &[Document], formulae: &Formulae) -> (Vec<u16>, Vec<usize>) {
    // An upper bound for most texts; room reserved but never written costs
    // no memory, while growing a vector of this size would copy it.
    let bound = docs
        .iter()
        .map(|doc| {
            doc.body
                .end
                .saturating_sub(doc.body.start)
                .min(doc.text.len())
        })
        .sum();
    let mut units = Vec::with_capacity(bound);
    let mut starts = Vec::with_capacity(docs.len() + 1);
    starts.push(0);
    for doc in docs {
        append_normalised(doc, formulae, &mut units, None);
        starts.push(units.len());
    }
    (units, starts)
}

/// Appends a report's normalised body, formulae taken out, to `units`, and
/// the original character offset of each unit to `offsets` if given (which
/// must then be as long as `units`).
fn append_normalised(
    doc: &Document,
    formulae: &Formulae,
    units: &mut Vec<u16>,
    mut offsets: Option<&mut Vec<usize>>,
) {
    let from = units.len();
    normalise(doc.text, &doc.body, |c, offset| {
        let before = units.len();
        units.extend_from_slice(c.encode_utf16(&mut [0; 2]));
        if let Some(offsets) = offsets.as_deref_mut() {
            offsets.extend(std::iter::repeat_n(offset, units.len() - before));
        }
    });
    formulae.strip(units, from, offsets);
}

/// The fingerprints of the corpus as they are found, report by report.
struct Fingerprints {
    starts: Vec<u32>,
    positions: Vec<u32>,
    postings: Vec<(u64, u32)>,
}

impl Fingerprints {
    /// Room for the fingerprints of `units` characters, one in
    /// `keep_one_in` of them, and a quarter more.
    fn with_capacity_for(units: usize, keep_one_in: usize) -> Self {
        let expected = units / keep_one_in.max(1);
        let capacity = expected + expected / 4;
        Fingerprints {
            starts: vec![0],
            positions: Vec::with_capacity(capacity),
            postings: Vec::with_capacity(capacity),
        }
    }

    fn push(&mut self, position: usize, hash: u64) {
        self.postings.push((hash, self.positions.len() as u32));
        self.positions.push(position as u32);
    }

    fn end_report(&mut self) {
        self.starts.push(self.positions.len() as u32);
    }
}

/// `T`: the most reports a fingerprint may be held by and not be common.
/// Never below 2, so that two reports sharing a passage can always count.
fn common_above(reports: usize, options: &Options) -> u32 {
    let share = (options.common_share * reports as f64).ceil();
    // `as` saturates: a NaN or negative share counts as 0.
    let by_share = share as u64;
    let threshold = by_share.max(options.common_min_docs as u64).max(2);
    u32::try_from(threshold).unwrap_or(COMMON - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_threshold_grows_with_the_corpus() {
        let options = Options::default();
        let at = |n| common_above(n, &options);
        assert_eq!(
            [at(0), at(5), at(5_000), at(10_000), at(50_000)],
            [10, 10, 10, 20, 100]
        );
        let odd = Options {
            common_min_docs: 0,
            common_share: f64::NAN,
            ..options
        };
        assert_eq!(common_above(1_000, &odd), 2);
        let huge = Options {
            common_share: f64::INFINITY,
            ..options
        };
        assert_eq!(common_above(3, &huge), COMMON - 1);
    }
}
