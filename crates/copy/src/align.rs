//! Alignment: from shared fingerprints to passages with exact spans.
//!
//! This module owns steps 4–6 of the rule: seeding pairs of reports from
//! fingerprints that are not common, extending each seed to the longest run
//! the two normalised texts share, merging runs into passages, weighing and
//! filtering them, and mapping their ends back to character offsets in the
//! original texts. Reports are taken one at a time as `a`, against every later
//! report `b` it shares a seed with, so each pair is aligned once and only one
//! report's seeds are held at a time.

use std::cmp::Reverse;
use std::ops::Range;

use crate::index::Corpus;
use crate::{Document, Relation, SharedPassage};

/// A fingerprint report `a` shares with a later report `b`.
struct Seed {
    b: u32,
    a_pos: u32,
    b_pos: u32,
}

impl Seed {
    fn diagonal(&self) -> i64 {
        i64::from(self.b_pos) - i64::from(self.a_pos)
    }
}

/// A run of units two normalised texts share exactly.
struct Run {
    a: Range<usize>,
    b: Range<usize>,
}

/// A passage being assembled from runs, in units of the normalised texts.
struct Passage {
    a: Range<usize>,
    b: Range<usize>,
    chars: usize,
    rarity_sum: f64,
    fingerprints: usize,
    /// Shingles lying wholly inside the runs: fingerprints expected, times
    /// `keep_one_in`.
    shingles: usize,
}

impl Passage {
    /// Moves the passage's ends to those of a run added to it.
    fn stretch_to(&mut self, run: &Run) {
        self.a.end = run.a.end;
        self.b.end = self.b.end.max(run.b.end);
    }
}

/// A passage kept, before its ends are mapped to the original texts.
struct Found {
    a: usize,
    b: usize,
    a_units: Range<usize>,
    b_units: Range<usize>,
    chars: usize,
    rarity: f64,
}

impl Corpus<'_, '_> {
    /// Every passage two reports of the corpus share that the rule keeps (the
    /// matching step), sorted by `a`, `b`, then position in `a`.
    pub fn shared_passages(&self) -> Vec<SharedPassage> {
        let mut found = Vec::new();
        let mut seeds = Vec::new();
        let mut runs = Vec::new();
        for a in 0..self.docs.len() {
            self.seed(a, &mut seeds);
            seeds.sort_unstable_by_key(|s| (s.b, s.diagonal(), s.a_pos));
            for pair in seeds.chunk_by(|x, y| x.b == y.b) {
                let b = pair[0].b as usize;
                self.extend(a, b, pair, &mut runs);
                self.merge(a, b, &mut runs, &mut found);
            }
        }
        self.locate(&found)
    }

    /// The seeds of report `a` with every later report.
    fn seed(&self, a: usize, seeds: &mut Vec<Seed>) {
        seeds.clear();
        for id in self.fingerprints_of(a).filter(|&id| self.is_seed(id)) {
            for other in self.same_hash(id) {
                let b = self.doc_of(other);
                if b > a {
                    seeds.push(Seed {
                        b: b as u32,
                        a_pos: self.position(id) as u32,
                        b_pos: self.position(other) as u32,
                    });
                }
            }
        }
    }

    /// The runs grown from one pair's seeds, sorted along diagonals. A seed
    /// inside the run of an earlier seed on its diagonal adds nothing.
    fn extend(&self, a: usize, b: usize, seeds: &[Seed], runs: &mut Vec<Run>) {
        runs.clear();
        let (a_units, b_units) = (self.units_of(a), self.units_of(b));
        let mut covered: Option<(i64, usize)> = None;
        for seed in seeds {
            let diagonal = seed.diagonal();
            let a_pos = seed.a_pos as usize;
            if covered.is_some_and(|(d, end)| d == diagonal && a_pos < end) {
                continue;
            }
            if let Some(run) = grow(a_units, b_units, a_pos, seed.b_pos as usize, self.shingle) {
                covered = Some((diagonal, run.a.end));
                runs.push(run);
            }
        }
    }

    /// Merges one pair's runs into passages and keeps those the rule keeps.
    fn merge(&self, a: usize, b: usize, runs: &mut [Run], found: &mut Vec<Found>) {
        runs.sort_unstable_by_key(|run| (run.a.start, Reverse(run.a.end)));
        let gap = self.options.max_gap;
        let mut open: Option<Passage> = None;
        for run in runs.iter() {
            match &mut open {
                // Contained in the passage on a's side: a repeat in b, or a run
                // already seen from another diagonal.
                Some(passage) if run.a.end <= passage.a.end => {}
                Some(passage)
                    if run.a.start <= passage.a.end.saturating_add(gap)
                        && (passage.b.start..=passage.b.end.saturating_add(gap))
                            .contains(&run.b.start)
                        && run.b.end > passage.b.end =>
                {
                    self.add(a, passage, run);
                }
                _ => {
                    if let Some(done) = open.take() {
                        self.keep(a, b, done, found);
                    }
                    let mut passage = Passage {
                        a: run.a.start..run.a.start,
                        b: run.b.clone(),
                        chars: 0,
                        rarity_sum: 0.0,
                        fingerprints: 0,
                        shingles: 0,
                    };
                    self.add(a, &mut passage, run);
                    open = Some(passage);
                }
            }
        }
        if let Some(done) = open {
            self.keep(a, b, done, found);
        }
    }

    /// Extends a passage by a run that ends after it in both texts: counts the
    /// new characters of `a` and the fingerprints lying wholly inside them.
    fn add(&self, a: usize, passage: &mut Passage, run: &Run) {
        let units = self.units_of(a);
        let new = run.a.start.max(passage.a.end)..run.a.end;
        passage.chars += units[new.clone()]
            .iter()
            .filter(|&&u| !is_low_surrogate(u))
            .count();
        let positions = self.positions_of(a);
        let first = positions.partition_point(|&p| (p as usize) < new.start);
        let Some(last_start) = run.a.end.checked_sub(self.shingle) else {
            return passage.stretch_to(run);
        };
        passage.shingles += (last_start + 1).saturating_sub(new.start);
        let end = positions.partition_point(|&p| (p as usize) <= last_start);
        let base = self.fingerprints_of(a).start;
        for index in first..end.max(first) {
            passage.rarity_sum += self.rarity(base + index as u32);
            passage.fingerprints += 1;
        }
        passage.stretch_to(run);
    }

    fn keep(&self, a: usize, b: usize, passage: Passage, found: &mut Vec<Found>) {
        // Sampling may leave stretches of a passage without a fingerprint, and
        // those could be common text: fingerprints missing beyond half the
        // number expected count as common, so that a passage is never taken
        // for rare on the word of one fingerprint.
        let expected = passage.shingles as f64 / self.options.keep_one_in.max(1) as f64;
        let weighed = (passage.fingerprints as f64).max(expected / 2.0);
        let rarity = if weighed > 0.0 {
            passage.rarity_sum / weighed
        } else {
            0.0
        };
        if passage.chars >= self.options.min_chars && rarity >= self.options.min_rarity {
            found.push(Found {
                a,
                b,
                a_units: passage.a,
                b_units: passage.b,
                chars: passage.chars,
                rarity,
            });
        }
    }

    /// The passages with spans in the original texts, `a` the earlier report
    /// when the years say so, sorted. Each report is normalised once more,
    /// for its offsets, and only if a passage needs it.
    fn locate(&self, found: &[Found]) -> Vec<SharedPassage> {
        let mut ends: Vec<(usize, usize, bool)> = found
            .iter()
            .enumerate()
            .flat_map(|(i, f)| [(f.a, i, false), (f.b, i, true)])
            .collect();
        ends.sort_unstable();
        let mut spans = vec![(0..0, 0..0); found.len()];
        let (mut units, mut offsets) = (Vec::new(), Vec::new());
        for report in ends.chunk_by(|x, y| x.0 == y.0) {
            self.offsets_of(report[0].0, &mut units, &mut offsets);
            for &(_, i, in_b) in report {
                let (units, span) = if in_b {
                    (&found[i].b_units, &mut spans[i].1)
                } else {
                    (&found[i].a_units, &mut spans[i].0)
                };
                *span = char_span(&offsets, units);
            }
        }
        let mut passages: Vec<SharedPassage> = found
            .iter()
            .zip(spans)
            .map(|(f, (a_span, b_span))| self.passage(f, a_span, b_span))
            .collect();
        passages.sort_by_key(|p| (p.a, p.b, p.a_span.start, p.a_span.end));
        passages
    }

    fn passage(&self, found: &Found, a_span: Range<usize>, b_span: Range<usize>) -> SharedPassage {
        let (a_doc, b_doc) = (&self.docs[found.a], &self.docs[found.b]);
        let later_first = matches!((a_doc.year, b_doc.year), (Some(x), Some(y)) if x > y);
        let ((a, a_span), (b, b_span)) = if later_first {
            ((found.b, b_span), (found.a, a_span))
        } else {
            ((found.a, a_span), (found.b, b_span))
        };
        SharedPassage {
            a,
            a_span,
            b,
            b_span,
            chars: found.chars,
            rarity: found.rarity,
            relation: relation(&self.docs[a], &self.docs[b]),
        }
    }
}

/// The longest run through the shingle at `a_pos` / `b_pos` that both texts
/// share, or `None` when the shingles differ (two hashes collided). A run
/// never cuts a surrogate pair.
fn grow(a: &[u16], b: &[u16], a_pos: usize, b_pos: usize, shingle: usize) -> Option<Run> {
    if a.get(a_pos..a_pos + shingle)? != b.get(b_pos..b_pos + shingle)? {
        return None;
    }
    let back = a[..a_pos]
        .iter()
        .rev()
        .zip(b[..b_pos].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let ahead = a[a_pos + shingle..]
        .iter()
        .zip(&b[b_pos + shingle..])
        .take_while(|(x, y)| x == y)
        .count();
    let mut run = Run {
        a: a_pos - back..a_pos + shingle + ahead,
        b: b_pos - back..b_pos + shingle + ahead,
    };
    // Equal low halves after different high halves are different characters.
    if is_low_surrogate(a[run.a.start]) {
        run.a.start += 1;
        run.b.start += 1;
    }
    // Equal high halves before different low halves, likewise.
    if run.a.end > run.a.start && is_high_surrogate(a[run.a.end - 1]) {
        run.a.end -= 1;
        run.b.end -= 1;
    }
    (run.a.start < run.a.end).then_some(run)
}

fn is_low_surrogate(unit: u16) -> bool {
    (0xDC00..=0xDFFF).contains(&unit)
}

fn is_high_surrogate(unit: u16) -> bool {
    (0xD800..=0xDBFF).contains(&unit)
}

/// The character span in the original text of a non-empty range of units,
/// given each unit's original character offset.
fn char_span(offsets: &[usize], units: &Range<usize>) -> Range<usize> {
    let start = offsets.get(units.start).copied().unwrap_or_default();
    let end = units
        .end
        .checked_sub(1)
        .and_then(|last| offsets.get(last))
        .map_or(start, |&last| last + 1);
    start..end
}

/// What report `a` is to report `b`, `a` being the earlier when both years are known.
fn relation(a: &Document, b: &Document) -> Relation {
    match (unit(a), unit(b), a.year, b.year) {
        (Some(x), Some(y), _, _) if x != y => Relation::OtherUnit,
        (Some(_), Some(_), Some(x), Some(y)) if x == y => Relation::SameUnitSameYear,
        (Some(_), Some(_), Some(_), Some(_)) => Relation::SameUnitEarlierYear,
        _ => Relation::Unknown,
    }
}

/// A report's unit, if it names one.
fn unit<'a>(doc: &Document<'a>) -> Option<&'a str> {
    doc.unit.map(str::trim).filter(|u| !u.is_empty())
}
