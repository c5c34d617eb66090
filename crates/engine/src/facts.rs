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

use std::ops::Range;

use fazhi_numerals::{Decimal, Qualifier, Quantity, Script};
use serde::ser::Serializer;
use serde::Serialize;

use crate::catalog::{Catalog, Indicator, Key};
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
}

/// JSON has no decimal type: integers are written exactly, fractions through
/// f64 at this last step only (money is in yuan and integral in practice).
fn serialize_decimal<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    match value.to_i64() {
        Some(i) => s.serialize_i64(i),
        None => s.serialize_f64(value.to_f64()),
    }
}

fn serialize_qualifier<S: Serializer>(q: &Qualifier, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(q.as_str())
}

/// Units that measure time spans ("近三年", "近6个月"): context, never a figure.
const PERIOD_UNITS: &[&str] = &["年", "个月", "月", "周", "小时"];

/// Marks that close a figure's own phrase.
const CLAUSE_BREAKS: &[char] = &[',', ';', ':', '(', ')', '\n', '。', '!', '?', '；', '，'];

/// Marks that end a sentence.
const SENTENCE_BREAKS: &[char] = &['。', '!', '?', '\n'];

/// Words in a figure's own phrase that make it something other than a count
/// of the thing named: an average, a thing avoided, a thing not yet done.
const NOT_A_COUNT: &[&str] = &["平均", "人均", "户均", "避免", "防止", "尚未", "未能", "没有", "同比", "增长", "下降", "减少了"];

/// Words that introduce the parts of the figure before them.
const BREAKDOWN_WORDS: &[&str] = &["其中", "包括", "含"];

/// Words that coordinate two verbs over one object ("发现并整改问题").
const VERB_COORDINATORS: &[char] = &['并'];

/// What a coordinated member is replaced with while its mates are judged.
const BLANK: char = '□';

/// Words that join the items of a list of rates ("受理率和办结率").
const LIST_JOINERS: &[&str] = &["、", "和", "与", "以及"];

pub fn facts(doc: &Document, page: &Page, outline: &Outline, parts: &Parts, catalog: &Catalog) -> Vec<Fact> {
    let text = doc.text();
    let plan = parts.next_year_plan.as_ref().filter(|p| p.heading).map(|p| p.bytes.clone());
    let mut facts = Vec::new();
    for line in &page.lines {
        // The first fact of the previous sentence in this paragraph: the whole
        // that a sentence opening with 其中 breaks down.
        let mut previous_whole = None;
        for sentence in sentences(text, line.range()) {
            let before = &text[line.start..sentence.start];
            let first = facts.len();
            read_sentence(doc, outline, catalog, (before, sentence), previous_whole, plan.as_ref(), &mut facts);
            if facts.len() > first {
                previous_whole = Some(first);
            }
        }
    }
    facts
}

fn sentences(text: &str, line: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = line.start;
    let slice = &text[line.clone()];
    let mut ends: Vec<usize> =
        slice.char_indices().filter(|(_, c)| SENTENCE_BREAKS.contains(c)).map(|(i, c)| line.start + i + c.len_utf8()).collect();
    if ends.last() != Some(&line.end) {
        ends.push(line.end);
    }
    ends.into_iter().filter_map(move |end| {
        let range = start..end;
        start = end;
        (range.end > range.start).then_some(range)
    })
}

/// A sentence as characters, with the positions of its figures.
struct Sentence<'a> {
    chars: Vec<char>,
    /// Byte offset in `doc.text()` of each char, plus the end.
    bytes: Vec<usize>,
    /// The paragraph before the sentence: topics carry over within a paragraph.
    before: &'a str,
    headings: Vec<&'a str>,
}

impl Sentence<'_> {
    fn char_at_byte(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }
}

fn read_sentence(
    doc: &Document,
    outline: &Outline,
    catalog: &Catalog,
    (before, range): (&str, Range<usize>),
    previous_whole: Option<usize>,
    plan: Option<&Range<usize>>,
    facts: &mut Vec<Fact>,
) {
    let text = doc.text();
    let slice = &text[range.clone()];
    let quoted = short_quotes(slice);
    let quantities: Vec<Quantity> = fazhi_numerals::quantities(slice)
        .into_iter()
        .filter(|q| is_figure(q) && !quoted.iter().any(|r| r.contains(&q.start)))
        .collect();
    if quantities.is_empty() {
        return;
    }
    // Characters the normaliser blanked out (conversion debris) are not read.
    let (chars, mut bytes): (Vec<char>, Vec<usize>) =
        slice.char_indices().filter(|(_, c)| *c != IGNORED).map(|(i, c)| (c, range.start + i)).unzip();
    bytes.push(range.end);
    let sentence = Sentence {
        chars,
        bytes,
        before,
        headings: outline.path_at(range.start).into_iter().map(|h| h.title.as_str()).collect(),
    };
    let spans: Vec<Range<usize>> = quantities
        .iter()
        .map(|q| sentence.char_at_byte(range.start + q.start)..sentence.char_at_byte(range.start + q.end))
        .collect();
    let evidence = doc.display_slice(range.clone()).trim().to_owned();
    let mut breakdown = Breakdown::carried_over(&sentence, previous_whole);
    let mut previous: Option<Vec<&Indicator>> = None;
    for (i, q) in quantities.iter().enumerate() {
        let frame = Frame::new(&sentence, &spans, i);
        breakdown = breakdown.filter(|b| b.continues(&sentence, &frame, &q.unit));
        if breakdown.is_none() {
            breakdown = Breakdown::opened_before(&sentence, &spans, i, facts.len(), &quantities);
        }
        let parent = breakdown.as_ref().map(|b| b.parent);
        let mut indicators = classify(catalog, &sentence, &frame, &q.unit);
        if indicators.is_empty() && continues_list(&sentence, &spans, &quantities, i) {
            // "实地督察了…2个镇、街道和…4个重点执法单位": list mates share the verb.
            let own: String = sentence.chars[frame.local..frame.after].iter().collect();
            indicators = previous.clone().unwrap_or_default();
            indicators.retain(|ind| !ind.not.iter().any(|n| own.contains(n.as_str())));
        }
        previous = Some(indicators.clone());
        let start = range.start + q.start;
        let base = Fact {
            indicator: None,
            value: q.value,
            unit: q.unit.clone(),
            qualifier: q.qualifier,
            subject: frame.subject(&sentence),
            start: doc.char_offset(start),
            end: doc.char_offset(range.start + q.end),
            evidence: evidence.clone(),
            parent,
            plan: plan.is_some_and(|p| p.contains(&start)),
        };
        let parent_indicator = parent.and_then(|p| facts.get(p)).and_then(|f: &Fact| f.indicator.clone());
        let kept: Vec<&Indicator> =
            indicators.into_iter().filter(|ind| parent.is_none() || is_part_of(ind, parent_indicator.as_deref())).collect();
        if kept.is_empty() {
            facts.push(base);
        } else {
            facts.extend(kept.into_iter().map(|ind| Fact { indicator: Some(ind.id.clone()), ..base.clone() }));
        }
    }
}

/// Whether figure `i` is the next item of a list that figure `i - 1` opened:
/// same unit, in the same clause, joined by a list mark.
fn continues_list(sentence: &Sentence, spans: &[Range<usize>], quantities: &[Quantity], i: usize) -> bool {
    if i == 0 || quantities[i - 1].unit != quantities[i].unit {
        return false;
    }
    let between = &sentence.chars[spans[i - 1].end..spans[i].start];
    between.iter().all(|c| !CLAUSE_BREAKS.contains(c)) && between.iter().any(|c| "、和及与".contains(*c))
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
    if PERIOD_UNITS.contains(&q.unit.as_str()) {
        return false;
    }
    // A Chinese 一 before a counting word is an article far more often than a count.
    !(q.script == Script::Chinese && q.value == Decimal::from_int(1))
}

/// Whether a part may keep its indicator: its whole has none of its own
/// ("诉讼案件72起,其中…行政诉讼14起"), or the catalog names it as a part of it.
fn is_part_of(ind: &Indicator, whole: Option<&str>) -> bool {
    whole.is_none_or(|w| w != ind.id && ind.part_of.iter().any(|p| p == w))
}

/// An open breakdown: the figures after 其中 (or inside a parenthesis right
/// after a figure, or after "…案件中") are parts of the figure before it.
struct Breakdown {
    parent: usize,
    /// Parts are counted in their whole's unit; another unit ends the breakdown.
    unit: Option<String>,
    opened_at: usize,
    /// Closes at this char (the closing parenthesis), or at the sentence end.
    until: Option<usize>,
}

impl Breakdown {
    fn opened_before(
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
        let unit = Some(quantities[i - 1].unit.clone());
        if between.first() == Some(&'(') {
            let close = sentence.chars[prev.end..].iter().position(|&c| c == ')').map(|p| prev.end + p);
            return Some(Breakdown { parent, unit, opened_at: prev.end, until: close });
        }
        let text: String = between.iter().collect();
        let trimmed = text.trim_start_matches([',', ' ', '、']);
        let opens = BREAKDOWN_WORDS.iter().any(|w| trimmed.starts_with(w)) || among(between);
        opens.then_some(Breakdown { parent, unit, opened_at: prev.end, until: None })
    }

    /// "…28369份。其中,按日连续处罚案件67件…": a sentence that opens with 其中
    /// breaks down the figure before it, whatever its unit.
    fn carried_over(sentence: &Sentence, previous_whole: Option<usize>) -> Option<Breakdown> {
        let opens = sentence.chars.iter().collect::<String>().trim_start().starts_with("其中");
        let parent = previous_whole.filter(|_| opens)?;
        Some(Breakdown { parent, unit: None, opened_at: 0, until: None })
    }

    fn continues(&self, sentence: &Sentence, frame: &Frame, unit: &str) -> bool {
        let open = self.until.is_none_or(|close| frame.number < close);
        let same_clause_chain = !sentence.chars[self.opened_at..frame.number].contains(&';');
        open && same_clause_chain && self.unit.as_deref().is_none_or(|u| u == unit)
    }
}

/// "45件纠错案件中市场监管类38件": the words after a figure name its set,
/// and 中 picks a part of it, within one clause.
fn among(between: &[char]) -> bool {
    let Some(k) = between.iter().position(|&c| c == '中') else { return false };
    let names_a_set = k > 0 && AMONG_SETS.contains(between[k - 1]);
    names_a_set && !between[..k].iter().any(|c| CLAUSE_BREAKS.contains(c))
}

/// Last characters of the nouns that name a set before 中 ("案件中", "纠纷中"),
/// as opposed to words like 集中 or 其中.
const AMONG_SETS: &str = "件项纷题员人家个起宗份条次户";

/// The windows of one figure, as char positions in its sentence.
struct Frame {
    /// Start of the clause (after the last comma, semicolon or parenthesis).
    clause: usize,
    /// Start of the figure's own phrase (after the clause start or the previous figure).
    local: usize,
    /// Start of the figure (its leading qualifier included).
    number: usize,
    /// End of the figure.
    end: usize,
    /// End of the words after the figure, up to the clause's end.
    after: usize,
    /// End of the words after the figure that are its alone (up to the next figure).
    after_own: usize,
}

impl Frame {
    fn new(sentence: &Sentence, spans: &[Range<usize>], i: usize) -> Frame {
        let chars = &sentence.chars;
        let number = spans[i].start;
        let clause = chars[..number].iter().rposition(|c| CLAUSE_BREAKS.contains(c)).map_or(0, |p| p + 1);
        let glued = i > 0 && spans[i - 1].end == number;
        let local = if glued {
            // "8场242人": the second figure shares the first one's phrase.
            Frame::new(sentence, spans, i - 1).local
        } else {
            let prev_end = (0..i).rev().map(|j| spans[j].end).find(|&e| e > clause && e <= number);
            match prev_end {
                // "5次州党委常委会议、8次州政府常务会议…": the words before 、
                // belong to the previous figure; this one is number-first too.
                Some(e) => chars[e..number].iter().rposition(|&c| c == '、').map_or(e, |p| e + p + 1),
                None => clause,
            }
        };
        let end = spans[i].end;
        let next = spans.get(i + 1).map(|s| s.start);
        let after = after_end(chars, end, next);
        Frame { clause, local, number, end, after, after_own: next.map_or(after, |n| n.min(after)) }
    }

    /// The phrase the figure measures: its own words before it, or for a
    /// number-first figure ("完成22个跨部门联合执法检查") the words after it.
    fn subject(&self, sentence: &Sentence) -> String {
        let trim = |s: &str| s.trim_matches(|c: char| c.is_whitespace() || "、,，和及与".contains(c)).to_owned();
        let local = trim(&sentence.chars[self.local..self.number].iter().collect::<String>());
        let after = trim(&sentence.chars[self.end..self.after_own].iter().collect::<String>());
        if local.chars().count() <= 3 && !after.is_empty() {
            after
        } else {
            local
        }
    }
}

/// The end of the words after a figure that still describe it.
///
/// They stop at a clause break, and at the next figure unless a list of
/// number-first nouns continues ("5个乡镇、2个县直部门…进行现场述法"). A figure
/// followed at once by a list mark or a parenthesis has no words of its own
/// after it; a parenthesis later on is skipped ("35个部门(单位)…书面述法").
fn after_end(chars: &[char], end: usize, next_figure: Option<usize>) -> usize {
    match chars.get(end) {
        None => return end,
        Some(c) if LIST_JOINERS.iter().any(|j| j.starts_with(*c)) || *c == '(' => return end,
        _ => {}
    }
    let mut i = end;
    while i < chars.len() {
        let c = chars[i];
        if c == '(' {
            match chars[i..].iter().position(|&c| c == ')') {
                Some(p) => i += p + 1,
                None => return i,
            }
            continue;
        }
        if CLAUSE_BREAKS.contains(&c) {
            return i;
        }
        if next_figure == Some(i) && chars.get(i.wrapping_sub(1)) != Some(&'、') {
            return i;
        }
        i += 1;
    }
    i
}

/// How well a rule fits a figure; smaller is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Fit {
    /// 0: the key ends in the figure's own phrase; 1: in the words after it.
    tier: u8,
    /// The key's distance from the figure, coarsely: a key right at the
    /// figure beats one a phrase away, whatever their lengths.
    reach: usize,
    /// Then longer keys first: 调处成功 over 调处.
    weight: std::cmp::Reverse<usize>,
    /// Chars between the key and the figure.
    distance: usize,
    /// Chars between the nearest topic word and the figure.
    topic: usize,
}

/// Chars that count as "right at the figure" when weighing keys.
const REACH: usize = 4;

/// The indicators a figure measures: usually one, several for a shared figure, none when no rule fits.
fn classify<'c>(catalog: &'c Catalog, sentence: &Sentence, frame: &Frame, unit: &str) -> Vec<&'c Indicator> {
    let variants = coordinated_variants(sentence, frame);
    let mut found: Vec<&Indicator> = Vec::new();
    for chars in &variants {
        if let Some(ind) = best_rule(catalog, chars, sentence, frame, unit) {
            if !found.iter().any(|f| f.id == ind.id) {
                found.push(ind);
            }
        }
    }
    found
}

fn best_rule<'c>(
    catalog: &'c Catalog,
    chars: &[char],
    sentence: &Sentence,
    frame: &Frame,
    unit: &str,
) -> Option<&'c Indicator> {
    catalog
        .indicators
        .iter()
        .filter(|ind| ind.units.iter().any(|u| *u == unit))
        .filter_map(|ind| fit(ind, chars, sentence, frame).map(|f| (f, ind)))
        .min_by_key(|(f, _)| *f)
        .map(|(_, ind)| ind)
}

fn fit(ind: &Indicator, chars: &[char], sentence: &Sentence, frame: &Frame) -> Option<Fit> {
    let own = |r: Range<usize>| chars[r].iter().collect::<String>();
    let local = own(frame.local..frame.number);
    // List mates after the figure have their own exclusions.
    let after = own(frame.end..frame.after_own);
    let excluded = |n: &str| local.contains(n) || after.contains(n);
    if ind.not.iter().any(|n| excluded(n)) || NOT_A_COUNT.iter().any(|n| excluded(n)) {
        return None;
    }
    let (tier, distance, weight) = ind
        .keys
        .iter()
        .filter_map(|k| key_fit(k, chars, frame))
        .min_by_key(|(t, d, w)| (*t, d / REACH, std::cmp::Reverse(*w), *d))?;
    let topic = topic_distance(ind, sentence, frame)?;
    Some(Fit { tier, reach: distance / REACH, weight: std::cmp::Reverse(weight), distance, topic })
}

/// Where a key ends relative to the figure: (tier, distance, weight).
fn key_fit(key: &Key, chars: &[char], frame: &Frame) -> Option<(u8, usize, usize)> {
    let last = key.parts.last()?;
    let last: Vec<char> = last.chars().collect();
    let window = frame.clause..frame.after;
    let weight = key.weight();
    let names_it = |p: usize| earlier_parts(key, chars, frame, p) && !names_a_category(chars, p + last.len());
    // The nearest occurrence before the figure, else one after it.
    let before = rfind(chars, &last, frame.local..frame.number).filter(|&p| names_it(p));
    if let Some(p) = before {
        let end = p + last.len();
        if is_list_member(chars, end) {
            // "法律咨询、政策咨询、法律服务300人次" counts the union, not this item.
            return None;
        }
        return Some((0, frame.number - end, weight));
    }
    let after = find(chars, &last, frame.end..window.end).filter(|&p| names_it(p));
    after.map(|p| (1, p - frame.end, weight))
}

/// "行政强制类共223件": a key followed by 类 names a category of something else.
fn names_a_category(chars: &[char], key_end: usize) -> bool {
    chars.get(key_end) == Some(&'类')
}

/// Whether the key is one item of a list that goes on (and was not blanked out).
fn is_list_member(chars: &[char], key_end: usize) -> bool {
    chars.get(key_end) == Some(&'、') && chars.get(key_end + 1).is_some_and(|&c| c != BLANK)
}

/// Whether the parts before the last one appear in order (or anywhere, for `&` keys) before `last_at`.
fn earlier_parts(key: &Key, chars: &[char], frame: &Frame, last_at: usize) -> bool {
    let clause = frame.clause;
    let earlier = &key.parts[..key.parts.len() - 1];
    if !key.ordered {
        // A conjunction names one body of things: all of it in the figure's own phrase.
        let own = frame.local..frame.after;
        return earlier.iter().all(|p| find(chars, &p.chars().collect::<Vec<_>>(), own.clone()).is_some());
    }
    let mut limit = last_at;
    for part in earlier.iter().rev() {
        let part: Vec<char> = part.chars().collect();
        match rfind(chars, &part, clause..limit) {
            Some(p) => limit = p,
            None => return false,
        }
    }
    true
}

fn topic_distance(ind: &Indicator, sentence: &Sentence, frame: &Frame) -> Option<usize> {
    if ind.topic.is_empty() {
        return Some(0);
    }
    let chars = &sentence.chars;
    let mut best: Option<usize> = None;
    for topic in &ind.topic {
        let topic: Vec<char> = topic.chars().collect();
        let before = rfind(chars, &topic, 0..frame.number).map(|p| frame.number - p);
        let after = find(chars, &topic, frame.end..chars.len()).map(|p| p - frame.end);
        for d in before.into_iter().chain(after) {
            best = Some(best.map_or(d, |b| b.min(d)));
        }
    }
    if ind.topic_in_sentence {
        return best;
    }
    best.or_else(|| {
        let in_paragraph = ind.topic.iter().filter_map(|t| sentence.before.rfind(t.as_str())).max();
        in_paragraph.map(|p| frame.number + sentence.before[p..].chars().count())
    })
    .or_else(|| {
        let in_heading = sentence.headings.iter().any(|h| ind.topic.iter().any(|t| h.contains(t.as_str())));
        in_heading.then_some(10_000)
    })
}

/// The window's chars, once as written and once per member of a coordination
/// with the other members blanked out, so that each member is judged alone.
fn coordinated_variants(sentence: &Sentence, frame: &Frame) -> Vec<Vec<char>> {
    let chars = &sentence.chars;
    let mut variants = vec![chars.clone()];
    let members = rate_list(chars, frame).or_else(|| verb_pair(chars, frame));
    if let Some(members) = members {
        for keep in 0..members.len() {
            let mut v = chars.clone();
            for (j, m) in members.iter().enumerate() {
                if j != keep {
                    v[m.clone()].fill(BLANK);
                }
            }
            variants.push(v);
        }
    }
    variants
}

/// "参学率、报考率、通过率均为100%": the rate items before a shared figure.
fn rate_list(chars: &[char], frame: &Frame) -> Option<Vec<Range<usize>>> {
    let local = frame.local..frame.number;
    let rate_ends: Vec<usize> = (local.clone()).filter(|&i| chars[i] == '率').map(|i| i + 1).collect();
    if rate_ends.len() < 2 {
        return None;
    }
    let mut members = Vec::new();
    let mut start = local.start;
    for &end in &rate_ends {
        // An item starts after the previous joiner.
        let item_start = joiner_end(chars, start..end).unwrap_or(start);
        members.push(item_start..end);
        start = end;
    }
    Some(members)
}

fn joiner_end(chars: &[char], range: Range<usize>) -> Option<usize> {
    LIST_JOINERS
        .iter()
        .filter_map(|j| {
            let j: Vec<char> = j.chars().collect();
            rfind(chars, &j, range.clone()).map(|p| p + j.len())
        })
        .max()
}

/// "发现并整改问题34个": two short verbs joined by 并 over one object.
fn verb_pair(chars: &[char], frame: &Frame) -> Option<Vec<Range<usize>>> {
    let local = frame.local..frame.number;
    let at = (local.clone()).find(|&i| VERB_COORDINATORS.contains(&chars[i]))?;
    let first = at.saturating_sub(2).max(local.start)..at;
    let second = at + 1..(at + 3).min(frame.number);
    (first.len() == 2 && second.len() == 2).then(|| vec![first.start..at + 1, second])
}

fn find(hay: &[char], needle: &[char], range: Range<usize>) -> Option<usize> {
    if needle.is_empty() || range.end > hay.len() || range.len() < needle.len() {
        return None;
    }
    (range.start..=range.end - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

fn rfind(hay: &[char], needle: &[char], range: Range<usize>) -> Option<usize> {
    if needle.is_empty() || range.end > hay.len() || range.len() < needle.len() {
        return None;
    }
    (range.start..=range.end - needle.len()).rev().find(|&i| hay[i..i + needle.len()] == *needle)
}
