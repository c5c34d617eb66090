//! Parts: the five required content items of `report-rules.md`.
//!
//! An item is found under a heading that names it ("二、存在的主要问题"), or in
//! a sentence that carries it when the report folds it into another section
//! ("…依然存在不足和问题,如…" at the head of the plan section; "产生这些问题的
//! 原因主要是…" inside the shortcomings). Measures without a heading of their
//! own are the topical sections that come before the other items. The keyword
//! lists below are the whole of the vocabulary; they name the items as the
//! rules and the reports word them, never a sentence of one report.
//!
//! This module does not build the outline (`outline`) and does not judge an
//! item's quality (that is for the checks).

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Serialize;

use crate::document::Document;
use crate::outline::{Heading, Outline};
use crate::page::scan::{chars, contains_any, prefix_bytes, sentences, years, Words};
use crate::page::Page;

#[derive(Clone, Debug, Default)]
pub struct Parts {
    pub measures: Option<Part>,
    pub first_responsible: Option<Part>,
    pub shortcomings: Option<Part>,
    pub causes: Option<Part>,
    pub next_year_plan: Option<Part>,
    pub other: Option<Part>,
}

/// Where a required item was found.
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    /// Character span of the heading's section, or of the sentence that carries the item.
    pub start: usize,
    pub end: usize,
    /// Whether the item has a heading of its own (else it was found in a sentence).
    pub heading: bool,
    #[serde(skip)]
    pub bytes: Range<usize>,
}

/// The output contract gives each item as found or not; `locations` adds
/// where each found item is (its section or sentence, as character offsets).
impl Serialize for Parts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Parts", 7)?;
        for (name, part) in self.items() {
            st.serialize_field(name, &part.is_some())?;
        }
        st.serialize_field("locations", &Locations(self))?;
        st.end()
    }
}

impl Parts {
    /// The items by their names in the output contract.
    pub fn items(&self) -> [(&'static str, &Option<Part>); 6] {
        [
            ("measures", &self.measures),
            ("first_responsible", &self.first_responsible),
            ("shortcomings", &self.shortcomings),
            ("causes", &self.causes),
            ("next_year_plan", &self.next_year_plan),
            ("other", &self.other),
        ]
    }
}

struct Locations<'a>(&'a Parts);

impl Serialize for Locations<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let found: Vec<_> = self
            .0
            .items()
            .into_iter()
            .filter_map(|(n, p)| p.as_ref().map(|p| (n, p)))
            .collect();
        let mut map = s.serialize_map(Some(found.len()))?;
        for (name, part) in found {
            map.serialize_entry(name, part)?;
        }
        map.end()
    }
}

/// Heading words of the year's measures and results ("一、主要举措和成效",
/// "一、2023年工作情况", "一、工作开展情况").
const MEASURES_WORDS: &[&str] = &[
    "举措",
    "成效",
    "做法",
    "工作情况",
    "主要工作",
    "进展",
    "成绩",
    "亮点",
    "开展情况",
    "完成情况",
    "主要措施",
    "工作措施",
];
/// Heading words of the principal leaders' duty (item 3).
const FIRST_RESPONSIBLE_HEADING_WORDS: &[&str] = &[
    "第一责任人",
    "主要负责人",
    "主要负责同志",
    "主要领导",
    "述法",
];
/// Sentence words of the principal leaders' duty, folded into the measures.
const FIRST_RESPONSIBLE_SENTENCE_WORDS: &[&str] = &["第一责任人", "述法"];
/// Heading words of the shortcomings. "问题" alone is not enough: topical
/// headings speak of problems solved ("着力解决群众急难愁盼问题").
const SHORTCOMINGS_WORDS: &[&str] = &[
    "不足",
    "短板",
    "差距",
    "薄弱",
    "存在的问题",
    "存在问题",
    "主要问题",
    "困难和问题",
    "问题和困难",
    "突出问题",
];
/// Heading and sentence word of the causes.
const CAUSES_WORDS: &[&str] = &["原因"];
/// Words that place a heading in the next year.
const PLAN_TIME_WORDS: &[&str] = &[
    "下一步",
    "下步",
    "下一年度",
    "下一年",
    "下年度",
    "明年",
    "来年",
    "今后",
];
/// Nouns of a plan; with a year after the covered one they make a plan heading
/// ("三、2024年工作规划").
const PLAN_NOUNS: &[&str] = &[
    "计划", "安排", "打算", "思路", "重点", "举措", "规划", "措施", "目标", "方向", "展望", "设想",
    "工作",
];
/// Plan nouns that no report of the past year uses in a heading.
const PLAN_STRONG_NOUNS: &[&str] = &["计划", "安排", "打算", "规划", "思路", "展望", "设想"];
/// Phrases that are plans by themselves.
const PLAN_PHRASES: &[&str] = &[
    "工作打算",
    "工作思路",
    "工作计划",
    "工作安排",
    "工作展望",
    "努力方向",
    "工作设想",
];
/// Heading words of item 5, "other matters to report".
const OTHER_WORDS: &[&str] = &["其他需要报告", "其他事项", "其他情况", "需要报告的其他"];

/// Adverbs of persistence that turn a mention of problems into an admission
/// ("仍存在", "依然存在", "也存在", "还存在", "尚存在").
const PERSISTENCE_ADVERBS: &[&str] = &["仍", "依然", "也", "还", "尚", "仍然", "依旧"];
/// What exists in an admission of shortcomings.
const SHORTCOMING_NOUNS: &[&str] = &["不足", "问题", "短板", "差距", "薄弱", "困难"];
/// Words before "存在" that make it a reference to problems, not an admission
/// ("针对存在的问题", "整改发现的问题").
const REFERENCE_WORDS: &[&str] = &[
    "针对", "对照", "围绕", "聚焦", "解决", "整改", "查找", "梳理", "发现", "排查",
];
/// How far (in characters) the problem noun may follow "存在".
const ADMISSION_CHARS: usize = 12;
/// Openings of a plan sentence when the plan has no heading ("下一步,我市将…").
const PLAN_SENTENCE_OPENINGS: &[&str] = &["下一步", "下一年度", "下一年", "明年", "今后"];
/// Measures found without any heading need at least this many characters.
const MIN_MEASURES_CHARS: usize = 300;

// The sentence lists, indexed for matching in one pass.
static SHORTCOMING_NOUN: LazyLock<Words> = LazyLock::new(|| Words::new(SHORTCOMING_NOUNS));
static REFERENCE: LazyLock<Words> = LazyLock::new(|| Words::new(REFERENCE_WORDS));
static PLAN_SENTENCE_OPENING: LazyLock<Words> =
    LazyLock::new(|| Words::new(PLAN_SENTENCE_OPENINGS));

/// The word lists a heading title is read against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TitleList {
    Measures,
    FirstResponsible,
    Shortcomings,
    Causes,
    PlanTime,
    PlanPhrase,
    PlanNoun,
    PlanStrongNoun,
    Other,
}

impl TitleList {
    /// Every list, in the order of declaration: list `l` is bit `l as u32`.
    const ALL: [TitleList; 9] = [
        TitleList::Measures,
        TitleList::FirstResponsible,
        TitleList::Shortcomings,
        TitleList::Causes,
        TitleList::PlanTime,
        TitleList::PlanPhrase,
        TitleList::PlanNoun,
        TitleList::PlanStrongNoun,
        TitleList::Other,
    ];

    fn words(self) -> &'static [&'static str] {
        match self {
            TitleList::Measures => MEASURES_WORDS,
            TitleList::FirstResponsible => FIRST_RESPONSIBLE_HEADING_WORDS,
            TitleList::Shortcomings => SHORTCOMINGS_WORDS,
            TitleList::Causes => CAUSES_WORDS,
            TitleList::PlanTime => PLAN_TIME_WORDS,
            TitleList::PlanPhrase => PLAN_PHRASES,
            TitleList::PlanNoun => PLAN_NOUNS,
            TitleList::PlanStrongNoun => PLAN_STRONG_NOUNS,
            TitleList::Other => OTHER_WORDS,
        }
    }
}

/// Which of the title lists have words in a title, found in one pass.
#[derive(Clone, Copy)]
struct TitleWords(u32);

impl TitleWords {
    fn of(title: &str) -> TitleWords {
        static INDEX: LazyLock<Words> =
            LazyLock::new(|| Words::lists(&TitleList::ALL.map(TitleList::words)));
        TitleWords(INDEX.lists_in(title))
    }

    fn has(self, list: TitleList) -> bool {
        self.0 & (1 << list as u32) != 0
    }
}

/// Whether a heading title announces the next year's plan (`year` is the year
/// covered, when known): it speaks of the next year in words, or is a plan
/// phrase, or names the year after the covered one with a plan noun. When the
/// covered year is unknown, any year with an unmistakable plan noun will do
/// ("三、2024年工作规划").
pub(crate) fn is_plan_title(title: &str, year: Option<i32>) -> bool {
    plan_title(title, TitleWords::of(title), year)
}

fn plan_title(title: &str, words: TitleWords, year: Option<i32>) -> bool {
    if words.has(TitleList::PlanTime) || words.has(TitleList::PlanPhrase) {
        return true;
    }
    // A year, not the end of a period ("2021—2025年").
    let mut named = years(title)
        .filter(|&(at, _)| !title[..at].ends_with(['—', '-', '~', '至']))
        .map(|(_, y)| y);
    match year {
        Some(covered) => named.any(|y| y == covered + 1) && words.has(TitleList::PlanNoun),
        None => named.next().is_some() && words.has(TitleList::PlanStrongNoun),
    }
}

/// The items a heading title names.
fn heading_items(title: &str, year: Option<i32>) -> Items {
    let words = TitleWords::of(title);
    let plan = plan_title(title, words, year);
    // "党政主要负责人履行推进法治建设工作情况" reports the leaders' duty, not the measures.
    let first_responsible = words.has(TitleList::FirstResponsible);
    Items {
        measures: !plan && !first_responsible && words.has(TitleList::Measures),
        first_responsible,
        shortcomings: words.has(TitleList::Shortcomings),
        causes: words.has(TitleList::Causes),
        plan,
        next_year_in_words: words.has(TitleList::PlanTime),
        other: words.has(TitleList::Other),
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Items {
    measures: bool,
    first_responsible: bool,
    shortcomings: bool,
    causes: bool,
    plan: bool,
    /// The title speaks of the next year in words ("下一步").
    next_year_in_words: bool,
    other: bool,
}

impl Items {
    fn any_but_measures(&self) -> bool {
        self.shortcomings || self.causes || self.plan || self.other
    }
}

/// The five items; `year` is the year the report covers (from `meta`), which
/// tells a plan heading for the next year from one for the year covered.
pub fn parts(doc: &Document, page: &Page, outline: &Outline, year: Option<i32>) -> Parts {
    let mut parts = Parts::default();
    top_level_headings(doc, outline, year, &mut parts);
    if parts.measures.is_none() {
        parts.measures = topical_measures(doc, page, outline, year);
    }
    nested_headings(doc, outline, year, &mut parts);
    let finder = SentenceFinder::new(doc, page);
    if parts.first_responsible.is_none() {
        let outside_plan = |r: &Range<usize>| !inside(&parts.next_year_plan, r.start);
        parts.first_responsible = finder.find(
            |s| contains_any(s, FIRST_RESPONSIBLE_SENTENCE_WORDS),
            outside_plan,
        );
    }
    if parts.shortcomings.is_none() {
        parts.shortcomings = finder.find(is_admission, |_| true);
    }
    if parts.causes.is_none() {
        if let Some(region) = causes_region(page, parts.shortcomings.as_ref()) {
            parts.causes = finder.find(
                |s| contains_any(s, CAUSES_WORDS),
                |r| region.contains(&r.start),
            );
        }
    }
    if parts.next_year_plan.is_none() {
        let outside_measures = |r: &Range<usize>| !inside(&parts.measures, r.start);
        parts.next_year_plan = finder.find(|s| is_plan_sentence(s, year), outside_measures);
    }
    parts
}

/// The level of the outermost headings.
fn top_level(outline: &Outline) -> Option<u8> {
    outline.headings.iter().map(|h| h.level).min()
}

/// Assigns the items that the outermost headings name.
fn top_level_headings(doc: &Document, outline: &Outline, year: Option<i32>, parts: &mut Parts) {
    let top = top_level(outline);
    for h in outline.headings.iter().filter(|h| Some(h.level) == top) {
        let items = heading_items(&doc.text()[h.title_bytes.clone()], year);
        let slots = [
            (&mut parts.measures, items.measures),
            (&mut parts.first_responsible, items.first_responsible),
            (&mut parts.shortcomings, items.shortcomings),
            (&mut parts.causes, items.causes),
            (&mut parts.next_year_plan, items.plan),
            (&mut parts.other, items.other),
        ];
        for (slot, named) in slots {
            if named && slot.is_none() {
                *slot = Some(heading_part(h));
            }
        }
    }
}

/// Assigns items that only inner headings name. The first responsible may sit
/// anywhere but in the plan ("3.党政主要负责人切实履行…" under the measures);
/// the other items only outside the measures, the first responsible and the
/// plan ("(三)补齐短板" under the measures is a measure), and an inner plan
/// heading must speak of the next year in words ("纳入年度工作计划" is a measure).
fn nested_headings(doc: &Document, outline: &Outline, year: Option<i32>, parts: &mut Parts) {
    let top = top_level(outline);
    for h in outline.headings.iter().filter(|h| Some(h.level) != top) {
        let title = &doc.text()[h.title_bytes.clone()];
        let items = heading_items(title, year);
        let at = h.section_bytes.start;
        let in_plan = inside(&parts.next_year_plan, at);
        let free =
            !(inside(&parts.measures, at) || inside(&parts.first_responsible, at) || in_plan);
        let slots = [
            (
                &mut parts.first_responsible,
                items.first_responsible && !in_plan,
            ),
            (&mut parts.shortcomings, items.shortcomings && free),
            (&mut parts.causes, items.causes && free),
            (
                &mut parts.next_year_plan,
                items.plan && free && items.next_year_in_words,
            ),
            (&mut parts.other, items.other && free),
        ];
        for (slot, named) in slots {
            if named && slot.is_none() {
                *slot = Some(heading_part(h));
            }
        }
    }
}

fn heading_part(h: &Heading) -> Part {
    Part {
        start: h.start,
        end: h.end,
        heading: true,
        bytes: h.section_bytes.clone(),
    }
}

fn inside(part: &Option<Part>, byte: usize) -> bool {
    part.as_ref().is_some_and(|p| p.bytes.contains(&byte))
}

/// The measures of a report without a measures heading: its topical top-level
/// sections before the first section of another item (seed 003: 一 to 六
/// before 七 and 八). Without headings, the text before the other items, when
/// there is enough of it.
fn topical_measures(
    doc: &Document,
    page: &Page,
    outline: &Outline,
    year: Option<i32>,
) -> Option<Part> {
    let text = doc.text();
    let top = outline.headings.iter().map(|h| h.level).min();
    let top_headings: Vec<&Heading> = outline
        .headings
        .iter()
        .filter(|h| Some(h.level) == top)
        .collect();
    let mut topical: Vec<&Heading> = Vec::new();
    for h in &top_headings {
        let items = heading_items(&text[h.title_bytes.clone()], year);
        if items.any_but_measures() {
            break;
        }
        if !items.first_responsible {
            topical.push(h);
        }
    }
    if let (Some(first), Some(last)) = (topical.first(), topical.last()) {
        let bytes = first.section_bytes.start..last.section_bytes.end;
        return Some(Part {
            start: first.start,
            end: last.end,
            heading: true,
            bytes,
        });
    }
    if !top_headings.is_empty() {
        return None;
    }
    let end = page
        .lines
        .iter()
        .find(|l| is_admission(&text[l.range()]) || is_plan_sentence(&text[l.range()], year))
        .map_or(page.body.end, |l| l.start);
    let bytes = page.body.start..end.max(page.body.start);
    (chars(&text[bytes.clone()]) >= MIN_MEASURES_CHARS).then(|| Part {
        start: doc.char_offset(bytes.start),
        end: doc.char_offset(bytes.end),
        heading: false,
        bytes,
    })
}

/// Whether a sentence admits shortcomings: a persistence adverb, then 存在/有,
/// then a problem noun close after ("但工作中仍存在一些问题与不足"); not a
/// reference to problems being dealt with ("针对存在的问题,我街道将…").
fn is_admission(sentence: &str) -> bool {
    for verb in ["存在", "有"] {
        for (at, _) in sentence.match_indices(verb) {
            let before = &sentence[..at];
            if !PERSISTENCE_ADVERBS.iter().any(|a| before.ends_with(a))
                || REFERENCE.found_in(before)
            {
                continue;
            }
            let after = &sentence[at + verb.len()..];
            let window = &after[..prefix_bytes(after, ADMISSION_CHARS)];
            if SHORTCOMING_NOUN.found_in(window) {
                return true;
            }
        }
    }
    false
}

/// Whether a sentence opens the next year's plan ("下一步,我市将…").
fn is_plan_sentence(sentence: &str, year: Option<i32>) -> bool {
    let s = sentence.trim_start();
    let opens = PLAN_SENTENCE_OPENING.prefix_of(s).is_some()
        || year.is_some_and(|y| s.starts_with(&format!("{}年", y + 1)));
    opens && s.contains('将')
}

/// Where causes of the shortcomings may be stated: the shortcomings section,
/// or for a shortcoming stated in a sentence, the rest of its paragraph.
fn causes_region(page: &Page, shortcomings: Option<&Part>) -> Option<Range<usize>> {
    let part = shortcomings?;
    if part.heading {
        return Some(part.bytes.clone());
    }
    let line = page
        .lines
        .iter()
        .find(|l| l.range().contains(&part.bytes.start))?;
    Some(part.bytes.start..line.end)
}

/// Finds the first body sentence with a property, in reading order.
struct SentenceFinder<'a> {
    doc: &'a Document<'a>,
    page: &'a Page,
    /// The body's sentences in reading order, split once, on first use.
    sentences: OnceCell<Vec<Range<usize>>>,
}

impl<'a> SentenceFinder<'a> {
    fn new(doc: &'a Document<'a>, page: &'a Page) -> Self {
        SentenceFinder {
            doc,
            page,
            sentences: OnceCell::new(),
        }
    }

    fn find(
        &self,
        wanted: impl Fn(&str) -> bool,
        allowed: impl Fn(&Range<usize>) -> bool,
    ) -> Option<Part> {
        let text = self.doc.text();
        let all = self.sentences.get_or_init(|| {
            let lines = self.page.lines.iter();
            lines.flat_map(|l| sentences(text, l.range())).collect()
        });
        let sentence = all
            .iter()
            .find(|&s| allowed(s) && wanted(&text[s.clone()]))?;
        Some(Part {
            start: self.doc.char_offset(sentence.start),
            end: self.doc.char_offset(sentence.end),
            heading: false,
            bytes: sentence.clone(),
        })
    }
}

#[cfg(test)]
mod tests;
