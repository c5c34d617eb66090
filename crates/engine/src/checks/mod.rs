//! Checks: what a reviewer would write back to the unit about its report.
//!
//! Each check reads what the rest of the engine found (meta, parts, outline,
//! facts, the page) and turns a breach of `report-rules.md` or a likely
//! defect into a `Finding`: a stable rule id, a severity, a Chinese message a
//! reviewer can paste into a feedback letter, the spans it rests on and the
//! figures involved. The rules and their default severities are listed once,
//! in [`RULES`]; `docs/rules.md` explains each one (a test keeps the two in
//! step). The families live in their own modules: `structure` (required
//! items, signer, placeholders), `dates` (deadlines, year coherence),
//! `arith` (figures that do not agree) and `text` (duplicated body, repeated
//! passages, prescriptive text, data density).
//!
//! This module does not compare reports with each other: copied text
//! (`copy.*`) needs the corpus and is found by `fazhi-review`. Nor does it
//! score a report: weights belong to the reviewer's office, not the engine.

mod arith;
mod dates;
mod structure;
mod text;

use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::facts::Fact;
use crate::meta::{Anchors, Meta};
use crate::outline::Outline;
use crate::page::scan::prefix_bytes;
use crate::page::Page;
use crate::parts::Parts;
use crate::Severity;
use fazhi_numerals::Decimal;

/// A rule of the review: its id (a contract, like the indicator IDs), its
/// default severity and its name for people.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub name: &'static str,
}

const fn rule(id: &'static str, severity: Severity, name: &'static str) -> Rule {
    Rule { id, severity, name }
}

/// Every rule fazhi reports, in the order of `docs/rules.md`.
pub const RULES: &[Rule] = &[
    rule("structure.missing_item", Severity::Error, "缺少必报内容"),
    rule(
        "structure.missing_causes",
        Severity::Warning,
        "不足未分析原因",
    ),
    rule(
        "structure.signed_by_department",
        Severity::Info,
        "政府报告由部门署名",
    ),
    rule(
        "structure.placeholder",
        Severity::Error,
        "残留占位符或模板文字",
    ),
    rule("dates.published_late", Severity::Error, "公开时间逾期"),
    rule("dates.publication_unknown", Severity::Info, "公开时间不明"),
    rule(
        "dates.before_year_end",
        Severity::Warning,
        "年度未结束即署名或公开",
    ),
    rule("dates.year_mismatch", Severity::Warning, "年份前后不一致"),
    rule("dates.relative_time", Severity::Info, "相对时间词失去参照"),
    rule(
        "arith.breakdown_sum",
        Severity::Warning,
        "分项之和与总数不符",
    ),
    rule(
        "arith.part_exceeds_whole",
        Severity::Warning,
        "部分大于整体",
    ),
    rule(
        "arith.rate_mismatch",
        Severity::Warning,
        "比率与其分子分母不符",
    ),
    rule("arith.rate_out_of_range", Severity::Error, "比率超出0—100%"),
    rule("arith.fractional_count", Severity::Warning, "计数出现小数"),
    rule("text.duplicated_body", Severity::Error, "正文重复发布"),
    rule("text.repeated_passage", Severity::Warning, "段落或语句重复"),
    rule(
        "text.prescriptive",
        Severity::Warning,
        "部署性语言多于工作情况",
    ),
    rule("text.low_density", Severity::Warning, "数据支撑不足"),
    rule(
        "text.area_without_figures",
        Severity::Info,
        "工作领域无数据",
    ),
    rule(
        "copy.shared_passage",
        Severity::Warning,
        "与其他报告内容雷同",
    ),
];

/// The rule with this id.
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// A problem found in a report.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// For the unit: what is wrong, where, and what to do, in Chinese.
    pub message: String,
    /// Character span the finding is about (empty for the report as a whole).
    pub start: usize,
    pub end: usize,
    /// The passages it rests on, first the one at `start..end`.
    pub evidence: Vec<Evidence>,
    pub data: Data,
}

/// A passage of the report, as displayed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The figures a finding rests on, by kind; `null` when the message and
/// evidence say it all.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(untagged)]
pub enum Data {
    #[default]
    None,
    /// `stated` against `computed` from `expression` (e.g. "54 + 229 + 118").
    Arithmetic {
        expression: String,
        #[serde(serialize_with = "crate::facts::serialize_decimal")]
        stated: Decimal,
        #[serde(serialize_with = "crate::facts::serialize_decimal")]
        computed: Decimal,
        #[serde(serialize_with = "crate::facts::serialize_decimal")]
        difference: Decimal,
    },
    /// A date against the deadline or period it breaks (`YYYY-MM-DD`).
    Deadline { date: String, deadline: String },
    /// The year covered against the year found somewhere else.
    Years {
        covered: i32,
        found: i32,
        source: &'static str,
    },
    /// A measure of the whole text against its threshold.
    Measure {
        value: f64,
        threshold: f64,
        count: usize,
        total: usize,
    },
    /// A passage shared with another report (`other`, as the corpus names
    /// it), at `other_start..other_end` there.
    Copy {
        other: String,
        other_start: usize,
        other_end: usize,
        relation: String,
        chars: usize,
        rarity: f64,
    },
}

/// Everything the checks read about one report.
pub(crate) struct Report<'a> {
    pub doc: &'a Document<'a>,
    pub page: &'a Page,
    pub outline: &'a Outline,
    pub meta: &'a Meta,
    pub anchors: &'a Anchors,
    pub parts: &'a Parts,
    pub facts: &'a [Fact],
    /// The sentences of the body lines, in order, as byte ranges (each with
    /// its closing mark).
    pub sentences: Vec<Range<usize>>,
}

impl Report<'_> {
    /// A finding of `rule` at `bytes` (of `doc.text()`), with that passage as
    /// its first evidence.
    fn finding(&self, rule: &str, bytes: Range<usize>, message: String) -> Finding {
        let rule = rule_by_id(rule).expect("every rule a check reports is in RULES");
        let evidence = self.evidence(bytes);
        Finding {
            rule: rule.id.to_owned(),
            severity: rule.severity,
            message,
            start: evidence.start,
            end: evidence.end,
            evidence: vec![evidence],
            data: Data::None,
        }
    }

    /// A passage of `doc.text()`, as character offsets and displayed text.
    fn evidence(&self, bytes: Range<usize>) -> Evidence {
        Evidence {
            start: self.doc.char_offset(bytes.start),
            end: self.doc.char_offset(bytes.end),
            text: self.doc.display_slice(bytes).to_owned(),
        }
    }

    /// The start of the report body, for findings about the report as a
    /// whole: its first line, or its first words when that line is long.
    fn opening(&self) -> Range<usize> {
        let Some(first) = self.page.lines.first() else {
            return 0..0;
        };
        let line = &self.doc.text()[first.range()];
        first.start..first.start + prefix_bytes(line, MAX_QUOTED_CHARS)
    }

    /// The clause around `bytes`, as displayed and shortened for a message.
    fn clause_around(&self, bytes: Range<usize>) -> String {
        let around = around(self.doc.text(), bytes, CLAUSE_BREAKS);
        shorten(self.doc.display_slice(around))
    }

    /// The text from `byte` to the end of its sentence, shortened, for a
    /// message about a word at `byte`.
    fn quote_from(&self, byte: usize) -> String {
        let end = around(self.doc.text(), byte..byte, SENTENCE_BREAKS).end;
        let shown = self
            .doc
            .display_slice(byte..end)
            .trim_end_matches(['。', ';', ',']);
        let n = shown.chars().count();
        if n <= MAX_QUOTED_CHARS {
            shown.to_owned()
        } else {
            format!(
                "{}……",
                shown.chars().take(MAX_QUOTED_CHARS).collect::<String>()
            )
        }
    }

    /// The sentence around `bytes`, as a byte range of `doc.text()` (its
    /// closing mark excluded).
    fn sentence_around(&self, bytes: Range<usize>) -> Range<usize> {
        let i = self.sentences.partition_point(|s| s.start <= bytes.start);
        match i.checked_sub(1).map(|i| &self.sentences[i]) {
            Some(s) if bytes.end <= s.end => {
                let text = &self.doc.text()[s.clone()];
                s.start..s.start + text.trim_end_matches(SENTENCE_BREAKS).len()
            }
            _ => around(self.doc.text(), bytes, SENTENCE_BREAKS),
        }
    }

    /// The part of a sentence around `bytes` up to semicolons: one matter.
    fn clause_group_around(&self, bytes: Range<usize>) -> Range<usize> {
        around(self.doc.text(), bytes, &['。', '!', '?', ';', '\n'])
    }

    /// The paragraph (line) around `bytes`, as a byte range of `doc.text()`.
    fn paragraph_around(&self, bytes: Range<usize>) -> Range<usize> {
        around(self.doc.text(), bytes, &['\n'])
    }

    /// The innermost heading above `byte`, shortened, for "where" in a message.
    fn section_at(&self, byte: usize) -> Option<String> {
        let heading = self.outline.path_at(byte).pop()?;
        Some(shorten(self.doc.display_slice(heading.title_bytes.clone())))
    }

    /// Whether `byte` lies in the next year's plan, where "今年" and "要…" are right.
    fn in_plan(&self, byte: usize) -> bool {
        self.parts
            .next_year_plan
            .as_ref()
            .is_some_and(|p| p.heading && p.bytes.contains(&byte))
    }
}

/// The longest quotation of the report in a message, in characters.
const MAX_QUOTED_CHARS: usize = 40;
/// Marks that end a clause, in the normalised text.
const CLAUSE_BREAKS: &[char] = &['。', ';', ',', ':', '!', '?', '\n'];
/// Marks that end a sentence.
const SENTENCE_BREAKS: &[char] = &['。', '!', '?', '\n'];

/// `bytes` widened to the marks before and after it (the marks excluded).
fn around(text: &str, bytes: Range<usize>, breaks: &[char]) -> Range<usize> {
    let start = text[..bytes.start]
        .char_indices()
        .rev()
        .find(|(_, c)| breaks.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[bytes.end..]
        .find(breaks)
        .map_or(text.len(), |i| bytes.end + i);
    start..end
}

/// `s` trimmed, with its middle cut when it is too long to quote.
fn shorten(s: &str) -> String {
    let s = s.trim();
    let n = s.chars().count();
    if n <= MAX_QUOTED_CHARS {
        return s.to_owned();
    }
    let half = MAX_QUOTED_CHARS / 2;
    let head: String = s.chars().take(half).collect();
    let tail: String = s.chars().skip(n - half).collect();
    format!("{head}……{tail}")
}

/// The sentences of the body lines, for `Report::sentences`.
pub(crate) fn body_sentences(doc: &Document, page: &Page) -> Vec<Range<usize>> {
    page.lines
        .iter()
        .flat_map(|line| crate::page::scan::sentences(doc.text(), line.range()))
        .collect()
}

/// Runs every check on one report, findings in text order within each family.
pub(crate) fn check(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    structure::check(report, &mut findings);
    dates::check(report, &mut findings);
    arith::check(report, &mut findings);
    text::check(report, &mut findings);
    findings
}

#[cfg(test)]
mod tests;
