//! Facts: every figure of the body, with its indicator, value and evidence.
//!
//! The numerals crate finds the quantities; this module decides what each one
//! measures. It reads a figure the way a reviewer does: the words just before
//! it (its own phrase, back to the last comma or the previous figure), the
//! words right after it ("8550名党员干部参加网上学法考试"), the clause it sits
//! in (a verb hands on to a list: "审查规范性文件67件、协议53件"), the sentence
//! and the headings above it (the topic: 复议, 调解, 隐患…). The catalog's
//! rules (see `catalog/indicators.toml`) are weighed against those windows and
//! the best one wins; a figure no rule fits is still a fact, with no indicator.
//!
//! Two shapes give one figure several indicators: a list of rates sharing a
//! value ("备案率、及时率、规范率达100%") and two verbs sharing an object
//! ("发现并整改问题34个"). Breakdowns (其中…, a parenthesis after a figure)
//! point at their whole through `parent`, and a part keeps an indicator only
//! when the catalog names it as a part of its whole's indicator.

mod breakdown;
mod frame;
mod rules;
mod tables;
#[cfg(test)]
mod tests;

use std::collections::hash_map::{Entry, HashMap};
use std::ops::Range;

use fazhi_numerals::{Decimal, Qualifier, Quantity, Script};
use serde::ser::Serializer;
use serde::Serialize;

use self::breakdown::{is_part_of, Breakdown};
use self::frame::{Frame, CLAUSE_BREAKS, JOINERS};
use self::rules::classify;

use crate::catalog::{Catalog, Indicator};
use crate::document::{Document, IGNORED};
use crate::outline::Outline;
use crate::page::Page;
use crate::parts::Parts;

#[derive(Clone, Debug, Serialize)]
pub struct Fact {
    pub indicator: Option<String>,
    #[serde(serialize_with = "serialize_decimal")]
    pub value: Decimal,
    pub unit: String,
    #[serde(serialize_with = "serialize_qualifier")]
    pub qualifier: Qualifier,
    /// The phrase the number measures, as written.
    pub subject: String,
    /// Character span of the figure (numeral, unit and qualifiers).
    pub start: usize,
    pub end: usize,
    /// The sentence the figure was read from.
    pub evidence: String,
    /// Index of the fact this one breaks down.
    pub parent: Option<usize>,
    /// A target in the next-year plan, not a result.
    pub plan: bool,
    /// The earlier fact this one states again (a figure repeated from the
    /// title or the lede); the repeat carries no indicator of its own, so a
    /// figure is counted once.
    pub repeats: Option<usize>,
}

/// JSON has no decimal type: integers are written exactly, fractions through
/// f64 at this last step only (money is in yuan and integral in practice).
pub(crate) fn serialize_decimal<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    match value.to_i64() {
        Some(i) => s.serialize_i64(i),
        None => s.serialize_f64(value.to_f64()),
    }
}

fn serialize_qualifier<S: Serializer>(q: &Qualifier, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(q.as_str())
}

/// Units that measure time spans ("近三年", "近6个月", "60周年", "20个工作日内"):
/// context or a deadline, never a figure.
const PERIOD_UNITS: &[&str] = &["年", "个月", "月", "周", "小时", "周年", "个工作日", "分钟"];

/// Marks that end a sentence.
const SENTENCE_BREAKS: &[char] = &['。', '!', '?', '\n'];

pub fn facts(
    doc: &Document,
    page: &Page,
    outline: &Outline,
    parts: &Parts,
    catalog: &Catalog,
) -> Vec<Fact> {
    let plan = parts
        .next_year_plan
        .as_ref()
        .filter(|p| p.heading)
        .map(|p| p.bytes.clone());
    let reader = Reader {
        doc,
        outline,
        catalog,
        plan,
    };
    let mut facts = Vec::new();
    reader.read_body(page, &mut facts);
    reader.read_tables(page, &mut facts);
    mark_repeats(&mut facts);
    facts
}

/// A figure stated twice is one figure: the same indicator, value and unit
/// again, or a rounded mention ("1500余件", "约24%") of an exact figure.
fn mark_repeats(facts: &mut [Fact]) {
    let mut seen: HashMap<(String, Decimal, String), usize> = HashMap::new();
    for (i, fact) in facts.iter_mut().enumerate() {
        let Some(indicator) = fact.indicator.clone().filter(|_| !fact.plan) else {
            continue;
        };
        match seen.entry((indicator, fact.value, fact.unit.clone())) {
            Entry::Occupied(first) => fact.repeats = Some(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    for i in 0..facts.len() {
        if facts[i].repeats.is_none() && facts[i].qualifier != Qualifier::Exact {
            facts[i].repeats =
                (0..facts.len()).find(|&j| j != i && rounds_to(&facts[j], &facts[i]));
        }
    }
    for fact in facts.iter_mut().filter(|f| f.repeats.is_some()) {
        fact.indicator = None;
    }
}

/// Whether `inexact` reads as a rounded mention of the exact fact `exact`.
fn rounds_to(exact: &Fact, inexact: &Fact) -> bool {
    let comparable = exact.indicator.is_some()
        && exact.indicator == inexact.indicator
        && exact.qualifier == Qualifier::Exact
        && !exact.plan
        && exact.unit == inexact.unit;
    if !comparable {
        return false;
    }
    let (a, b) = (exact.value.to_f64(), inexact.value.to_f64());
    let tolerance = if exact.unit == "%" {
        0.5
    } else {
        a.abs() * 0.01
    };
    (a - b).abs() <= tolerance
}

fn sentences(text: &str, line: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = line.start;
    let slice = &text[line.clone()];
    let mut ends: Vec<usize> = slice
        .char_indices()
        .filter(|(_, c)| SENTENCE_BREAKS.contains(c))
        .map(|(i, c)| line.start + i + c.len_utf8())
        .collect();
    if ends.last() != Some(&line.end) {
        ends.push(line.end);
    }
    ends.into_iter().filter_map(move |end| {
        let range = start..end;
        start = end;
        (range.end > range.start).then_some(range)
    })
}

/// A run of text read as one sentence: its characters, where each one sits
/// in the document, and the context its topics may come from.
struct Sentence<'a> {
    /// The characters as a string, for the numerals crate.
    pub(super) text: String,
    chars: Vec<char>,
    /// Byte offset in `doc.text()` of each char, plus one past the last.
    bytes: Vec<usize>,
    /// The paragraph before the sentence: topics carry over within a paragraph.
    before: &'a str,
    headings: Headings<'a>,
    /// What a reviewer is shown as the figure's source.
    evidence: String,
}

impl<'a> Sentence<'a> {
    fn in_document(
        doc: &Document,
        outline: &'a Outline,
        before: &'a str,
        range: Range<usize>,
    ) -> Sentence<'a> {
        let slice = &doc.text()[range.clone()];
        let mut chars = Vec::with_capacity(slice.len());
        let mut bytes = Vec::with_capacity(slice.len() + 1);
        // Characters the normaliser blanked out (conversion debris) are not read.
        for (i, c) in slice.char_indices().filter(|(_, c)| *c != IGNORED) {
            chars.push(c);
            bytes.push(range.start + i);
        }
        bytes.push(range.end);
        let text = if !slice.contains(IGNORED) {
            slice.to_owned()
        } else {
            chars.iter().collect()
        };
        Sentence {
            text,
            chars,
            bytes,
            before,
            headings: Headings {
                outline,
                at: range.start,
            },
            evidence: doc.display_slice(range).trim().to_owned(),
        }
    }

    /// A table cell's phrase, read like a sentence of the body.
    fn in_table(table: tables::TableFigure, outline: &'a Outline) -> Sentence<'a> {
        Sentence {
            chars: table.text.chars().collect(),
            text: table.text,
            headings: Headings {
                outline,
                at: table.bytes[0],
            },
            bytes: table.bytes,
            before: "",
            evidence: table.evidence,
        }
    }

    /// The char spans of the figures in the sentence, from char `from` on.
    fn figures(&self, from: usize) -> (Vec<Quantity>, Vec<Range<usize>>) {
        let mut starts = Vec::with_capacity(self.chars.len());
        starts.extend(self.text.char_indices().map(|(i, _)| i));
        let char_at = |byte: usize| starts.partition_point(|&b| b < byte);
        let quoted = short_quotes(&self.text);
        fazhi_numerals::quantities(&self.text)
            .into_iter()
            .filter(|q| is_figure(q) && !quoted.iter().any(|r| r.contains(&q.start)))
            .map(|q| {
                let span = char_at(q.start)..char_at(q.end);
                (q, span)
            })
            .filter(|(_, span)| span.start >= from)
            .unzip()
    }
}

/// The headings above a sentence, looked up only when a rule needs them.
struct Headings<'a> {
    outline: &'a Outline,
    /// Byte offset in `doc.text()` of the sentence.
    at: usize,
}

impl Headings<'_> {
    fn any(&self, matches: impl Fn(&str) -> bool) -> bool {
        self.outline
            .path_at(self.at)
            .into_iter()
            .any(|h| matches(&h.title))
    }
}

/// What reading a sentence needs besides the sentence.
struct Reader<'d> {
    doc: &'d Document<'d>,
    outline: &'d Outline,
    catalog: &'d Catalog,
    /// Byte range of the next-year plan section: its figures are targets.
    plan: Option<Range<usize>>,
}

impl Reader<'_> {
    /// Reads the figures of the body's prose, sentence by sentence.
    fn read_body(&self, page: &Page, facts: &mut Vec<Fact>) {
        let text = self.doc.text();
        for line in &page.lines {
            // The first fact of the previous sentence in this paragraph: the whole
            // that a sentence opening with 其中 breaks down.
            let mut previous_whole = None;
            for range in sentences(text, line.range()) {
                if !may_state_a_figure(&text[range.clone()]) {
                    // Most sentences state no figure: no need to build their windows.
                    continue;
                }
                let before = &text[line.start..range.start];
                let sentence = Sentence::in_document(self.doc, self.outline, before, range);
                let first = facts.len();
                self.read(&sentence, previous_whole, 0, facts);
                if facts.len() > first {
                    previous_whole = Some(first);
                }
            }
        }
    }

    /// Reads the figures of the body's flattened tables, cell by cell.
    fn read_tables(&self, page: &Page, facts: &mut Vec<Fact>) {
        for table in tables::table_figures(self.doc, &page.lines) {
            let (number_at, is_part) = (table.number_at, table.is_part);
            let sentence = Sentence::in_table(table, self.outline);
            let first = facts.len();
            self.read(&sentence, None, number_at, facts);
            if is_part {
                facts[first..].iter_mut().for_each(|f| f.indicator = None);
            }
        }
    }

    /// Reads the figures of a sentence (from char `from` on) into facts.
    fn read(
        &self,
        sentence: &Sentence,
        previous_whole: Option<usize>,
        from: usize,
        facts: &mut Vec<Fact>,
    ) {
        let (quantities, spans) = sentence.figures(from);
        let mut breakdown = Breakdown::carried_over(sentence, previous_whole);
        let mut previous: Vec<&Indicator> = Vec::new();
        for (i, q) in quantities.iter().enumerate() {
            let frame = Frame::new(sentence, &spans, i);
            breakdown = breakdown
                .filter(|b| b.continues(sentence, &frame, q.unit))
                .or_else(|| {
                    Breakdown::opened_before(sentence, &spans, i, facts.len(), &quantities)
                });
            let mut indicators = classify(self.catalog, sentence, &frame, q.unit);
            if indicators.is_empty() && continues_list(sentence, &spans, &quantities, i) {
                indicators = inherited(&previous, sentence, &frame);
            }
            if followed_by_share(&sentence.chars, frame.end) {
                // "以街道乡镇为被申请人的案件共339件,占比30%": one category's share of a total.
                indicators.clear();
            }
            previous = indicators.clone();
            let fact = self.fact(
                sentence,
                &frame,
                q,
                &spans[i],
                breakdown.as_ref().map(|b| b.parent),
            );
            let kept = kept_as_parts(indicators, breakdown.as_ref(), facts);
            push(facts, fact, kept);
        }
    }

    /// The fact for one figure, before any indicator is given to it.
    fn fact(
        &self,
        sentence: &Sentence,
        frame: &Frame,
        q: &Quantity,
        span: &Range<usize>,
        parent: Option<usize>,
    ) -> Fact {
        let (start, end) = (sentence.bytes[span.start], sentence.bytes[span.end]);
        Fact {
            indicator: None,
            value: q.value,
            unit: q.unit.to_owned(),
            qualifier: q.qualifier,
            subject: frame.subject(sentence),
            start: self.doc.char_offset(start),
            end: self.doc.char_offset(end),
            evidence: sentence.evidence.clone(),
            parent,
            plan: self.plan.as_ref().is_some_and(|p| p.contains(&start)),
            repeats: None,
        }
    }
}

/// "实地督察了…2个镇、街道和…4个重点执法单位": list mates share the verb, unless
/// the mate's own words exclude the indicator.
fn inherited<'c>(
    previous: &[&'c Indicator],
    sentence: &Sentence,
    frame: &Frame,
) -> Vec<&'c Indicator> {
    let own: String = sentence.chars[frame.local..frame.after].iter().collect();
    previous
        .iter()
        .copied()
        .filter(|ind| !ind.not.iter().any(|n| own.contains(n.as_str())))
        .collect()
}

/// The indicators a figure keeps: all of them, or as a part of a breakdown
/// only those the catalog names as parts of its whole's indicator.
fn kept_as_parts<'c>(
    indicators: Vec<&'c Indicator>,
    breakdown: Option<&Breakdown>,
    facts: &[Fact],
) -> Vec<&'c Indicator> {
    let Some(breakdown) = breakdown else {
        return indicators;
    };
    let whole = facts
        .get(breakdown.parent)
        .and_then(|f| f.indicator.as_deref());
    indicators
        .into_iter()
        .filter(|ind| is_part_of(ind, whole, breakdown.strict))
        .collect()
}

/// Pushes one fact per indicator, or the fact without one.
fn push(facts: &mut Vec<Fact>, fact: Fact, indicators: Vec<&Indicator>) {
    if indicators.is_empty() {
        facts.push(fact);
        return;
    }
    facts.extend(indicators.into_iter().map(|ind| Fact {
        indicator: Some(ind.id.clone()),
        ..fact.clone()
    }));
}

/// Whether the figure is followed by its share of a total (占比…, 占总数…).
fn followed_by_share(chars: &[char], end: usize) -> bool {
    let rest = chars[end..]
        .iter()
        .skip_while(|c| matches!(c, ',' | ' ' | '，'));
    rest.take(1).any(|&c| c == '占')
}

/// Whether figure `i` is the next item of a list that figure `i - 1` opened:
/// same unit, in the same clause, joined by a list mark.
fn continues_list(
    sentence: &Sentence,
    spans: &[Range<usize>],
    quantities: &[Quantity],
    i: usize,
) -> bool {
    if i == 0 || quantities[i - 1].unit != quantities[i].unit {
        return false;
    }
    let between = &sentence.chars[spans[i - 1].end..spans[i].start];
    between.iter().all(|c| !CLAUSE_BREAKS.contains(c))
        && between.iter().any(|c| JOINERS.contains(c))
}

/// Whether a sentence holds anything a numeral could start with.
fn may_state_a_figure(sentence: &str) -> bool {
    sentence.chars().any(fazhi_numerals::starts_a_numeral)
}

/// Byte ranges of short quotations: slogans and names (“4个1”, “实施1次执法…”), not reporting.
fn short_quotes(sentence: &str) -> Vec<Range<usize>> {
    const MAX_CHARS: usize = 40;
    let mut quotes = Vec::new();
    let mut open = None;
    for (i, c) in sentence.char_indices() {
        match c {
            '“' => open = Some(i),
            '”' => {
                if let Some(start) = open.take() {
                    if sentence[start..i].chars().count() <= MAX_CHARS {
                        quotes.push(start..i);
                    }
                }
            }
            _ => {}
        }
    }
    quotes
}

/// Whether a quantity is a figure worth a fact: not a period, not a word like 一件事.
fn is_figure(q: &Quantity) -> bool {
    if PERIOD_UNITS.contains(&q.unit) {
        return false;
    }
    // A Chinese 一 before a counting word is an article far more often than a count.
    !(q.script == Script::Chinese && q.value == Decimal::from_int(1))
}
