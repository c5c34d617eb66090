//! Breakdowns: which figures are parts of a figure before them.
//!
//! A figure after 其中/包括/含, inside a parenthesis right after a figure, or
//! picked out of a set ("45件纠错案件中市场监管类38件") is a part of that
//! figure; a sentence that opens with 其中 breaks down the previous sentence.
//! A part keeps an indicator only when the catalog says it is a part of its
//! whole's indicator (`part_of`), so a sector's share of a total is reported
//! without the total's indicator.

use std::ops::Range;

use fazhi_numerals::Quantity;

use super::frame::{Frame, CLAUSE_BREAKS};
use super::Sentence;
use crate::catalog::Indicator;

/// Whether a part may keep its indicator: the catalog names it as a part of
/// its whole's indicator, or the whole has none of its own ("诉讼案件72起,其中…
/// 行政诉讼14起") and the breakdown is not a strict one.
pub(super) fn is_part_of(ind: &Indicator, whole: Option<&str>, strict: bool) -> bool {
    match whole {
        Some(w) => w != ind.id && ind.part_of.iter().any(|p| p == w),
        None => !strict,
    }
}

/// An open breakdown: the figures after 其中 (or inside a parenthesis right
/// after a figure, or after "…案件中") are parts of the figure before it.
pub(super) struct Breakdown {
    pub(super) parent: usize,
    /// Parts are counted in their whole's unit; another unit ends the breakdown.
    unit: Option<String>,
    opened_at: usize,
    /// Closes at this char (the closing parenthesis), or at the sentence end.
    until: Option<usize>,
    /// Carried over from the previous sentence, whose whole may be any of its
    /// figures: its parts keep an indicator only through the catalog's `part_of`.
    pub(super) strict: bool,
}

impl Breakdown {
    pub(super) fn opened_before(
        sentence: &Sentence,
        spans: &[Range<usize>],
        i: usize,
        next_fact: usize,
        quantities: &[Quantity],
    ) -> Option<Breakdown> {
        if i == 0 {
            return None;
        }
        let prev = &spans[i - 1];
        let between = &sentence.chars[prev.end..spans[i].start];
        // The parent is the fact pushed for the previous quantity (its last, if several).
        let parent = next_fact.checked_sub(1)?;
        if quantities[i - 1].unit != quantities[i].unit {
            return None;
        }
        let unit = Some(quantities[i - 1].unit.to_owned());
        if between.first() == Some(&'(') {
            let close = sentence.chars[prev.end..]
                .iter()
                .position(|&c| c == ')')
                .map(|p| prev.end + p);
            return Some(Breakdown {
                parent,
                unit,
                opened_at: prev.end,
                until: close,
                strict: false,
            });
        }
        let text: String = between.iter().collect();
        let trimmed = text.trim_start_matches([',', ' ', '、']);
        let opens = BREAKDOWN_WORDS.iter().any(|w| trimmed.starts_with(w)) || among(between);
        opens.then_some(Breakdown {
            parent,
            unit,
            opened_at: prev.end,
            until: None,
            strict: false,
        })
    }

    /// "…28369份。其中,按日连续处罚案件67件…": a sentence that opens with 其中
    /// breaks down the figure before it, whatever its unit.
    pub(super) fn carried_over(
        sentence: &Sentence,
        previous_whole: Option<usize>,
    ) -> Option<Breakdown> {
        let opens = sentence.text.trim_start().starts_with("其中");
        let parent = previous_whole.filter(|_| opens)?;
        Some(Breakdown {
            parent,
            unit: None,
            opened_at: 0,
            until: None,
            strict: true,
        })
    }

    pub(super) fn continues(&self, sentence: &Sentence, frame: &Frame, unit: &str) -> bool {
        let open = self.until.is_none_or(|close| frame.number < close);
        let same_clause_chain = !sentence.chars[self.opened_at..frame.number].contains(&';');
        open && same_clause_chain && self.unit.as_deref().is_none_or(|u| u == unit)
    }
}

/// "45件纠错案件中市场监管类38件": the words after a figure name its set,
/// and 中 picks a part of it, within one clause.
fn among(between: &[char]) -> bool {
    let Some(k) = between.iter().position(|&c| c == '中') else {
        return false;
    };
    let names_a_set = k > 0 && AMONG_SETS.contains(between[k - 1]);
    names_a_set && !between[..k].iter().any(|c| CLAUSE_BREAKS.contains(c))
}

/// Last characters of the nouns that name a set before 中 ("案件中", "纠纷中"),
/// as opposed to words like 集中 or 其中.
const AMONG_SETS: &str = "件项纷题员人家个起宗份条次户";

/// Words that introduce the parts of the figure before them.
const BREAKDOWN_WORDS: &[&str] = &["其中", "包括", "含"];
