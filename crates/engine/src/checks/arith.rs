//! `arith.*`: figures that do not agree with each other.
//!
//! Two sources of relations. The catalog's (`[[relation]]` in
//! `catalog/indicators.toml`: a whole and its named parts, a part that cannot
//! exceed its whole, a rate and its numerator and denominator), applied to
//! the facts the engine recognised. And the text's own: a total followed by an
//! exhaustive list of parts whatever they are ("涉法事务445件,审查政策性文件54件,
//! 合同229件,其他事项118件"), and a rate whose name repeats the phrase of a
//! count just before it ("调处成功749件、调处成功率为96.7%").
//!
//! Only figures stated exactly take part (not "100余件", not plan targets,
//! not repeats). All arithmetic is exact (`Decimal`); each finding carries the
//! expression, both sides and the difference.

use std::ops::Range;

use fazhi_numerals::{Decimal, Qualifier};

use super::{Data, Finding, Report};
use crate::catalog::{Catalog, Relation};
use crate::facts::Fact;

/// Counting words: a count in one of these is a whole number.
const COUNT_UNITS: &[&str] = &[
    "件", "起", "宗", "件次", "人", "名", "人次", "位", "次", "场", "场次", "期", "轮", "项", "个",
    "条", "份", "类", "种", "家", "户", "本", "篇", "卷", "批", "所", "处",
];
/// Words that make a figure a total ("共", "各类", "累计").
const TOTAL_WORDS: &[&str] = &["共", "总", "累计", "各类", "合计", "全部", "全年"];
/// Words between a total and its first part that announce the breakdown.
const BREAKDOWN_OPENERS: &[&str] = &["其中", "包括", "分别"];
/// Words opening the last part of an exhaustive list: the rest.
const REMAINDER_WORDS: &[&str] = &["其他", "其余", "其它", "另有"];
/// Words in a sentence that let a later stage exceed an earlier one: cases
/// carried over from the year before are closed this year.
const CARRIED_OVER_WORDS: &[&str] = &["结转", "上年", "往年", "累计", "历年"];
/// The most text between a total and its first part, or between two parts,
/// in characters: a list is read clause by clause.
const MAX_LIST_GAP_CHARS: usize = 24;
/// The longest phrase a rate and its numerator share ("调处成功"), in characters.
const RATE_STEM_CHARS: usize = 4;
/// A rate off by more than this many percentage points is wrong, not loose.
const RATE_ERROR_POINTS: i64 = 1;

pub(super) fn check(report: &Report, findings: &mut Vec<Finding>) {
    let figures = Figures::of(report);
    let catalog = Catalog::builtin();
    out_of_range(&figures, report, findings);
    fractional_counts(&figures, report, findings);
    let mut checked_totals = Vec::new();
    for relation in &catalog.relations {
        match relation {
            Relation::Sum {
                whole,
                parts,
                all_given,
            } => {
                sums(
                    &figures,
                    report,
                    whole,
                    parts,
                    *all_given,
                    &mut checked_totals,
                    findings,
                );
            }
            Relation::AtMost { part, whole } => at_most(&figures, report, part, whole, findings),
            Relation::Rate { .. } => {}
        }
    }
    listed_totals(&figures, report, catalog, &checked_totals, findings);
    rates(&figures, report, catalog, findings);
}

/// A fact that takes part in arithmetic, with where it sits.
struct Figure<'a> {
    /// Index in `Analysis::facts`.
    index: usize,
    fact: &'a Fact,
    bytes: Range<usize>,
    sentence: Range<usize>,
}

struct Figures<'a>(Vec<Figure<'a>>);

impl<'a> Figures<'a> {
    fn of(report: &'a Report) -> Figures<'a> {
        let figures = report
            .facts
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.plan && f.repeats.is_none())
            .map(|(index, fact)| {
                let bytes = report.doc.byte_offset(fact.start)..report.doc.byte_offset(fact.end);
                Figure {
                    index,
                    fact,
                    sentence: report.sentence_around(bytes.clone()),
                    bytes,
                }
            })
            .collect();
        Figures(figures)
    }

    fn exact(&self) -> impl Iterator<Item = &Figure<'a>> {
        self.0
            .iter()
            .filter(|f| f.fact.qualifier == Qualifier::Exact)
    }

    fn with_indicator<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s Figure<'a>> {
        self.exact()
            .filter(move |f| f.fact.indicator.as_deref() == Some(id))
    }
}

fn out_of_range(figures: &Figures, report: &Report, findings: &mut Vec<Finding>) {
    for figure in &figures.0 {
        let fact = figure.fact;
        let is_rate = fact.unit == "%"
            && fact
                .indicator
                .as_deref()
                .is_some_and(|i| i.ends_with("_rate"));
        if !is_rate || (Decimal::from_int(0)..=Decimal::from_int(100)).contains(&fact.value) {
            continue;
        }
        findings.push(report.finding(
            "arith.rate_out_of_range",
            figure.bytes.clone(),
            format!(
                "“{}”中的比率{}%超出0—100%的范围,请核对。",
                report.clause_around(figure.bytes.clone()),
                fact.value
            ),
        ));
    }
}

fn fractional_counts(figures: &Figures, report: &Report, findings: &mut Vec<Finding>) {
    for figure in &figures.0 {
        let fact = figure.fact;
        let counted = fact.indicator.is_some() && COUNT_UNITS.contains(&fact.unit.as_str());
        if !counted || fact.value.is_integer() {
            continue;
        }
        findings.push(report.finding(
            "arith.fractional_count",
            figure.bytes.clone(),
            format!(
                "“{}”中的计数{}{}不是整数,请核对。",
                report.clause_around(figure.bytes.clone()),
                fact.value,
                fact.unit
            ),
        ));
    }
}

/// A whole against its parts: the parts listed as its breakdown, or (with
/// `all_given`) every part stated in the whole's paragraph.
fn sums(
    figures: &Figures,
    report: &Report,
    whole: &str,
    parts: &[String],
    all_given: bool,
    checked_totals: &mut Vec<usize>,
    findings: &mut Vec<Finding>,
) {
    let is_part = |f: &&Figure| f.fact.indicator.as_ref().is_some_and(|i| parts.contains(i));
    for total in figures.with_indicator(whole) {
        let mut listed: Vec<&Figure> = figures
            .exact()
            .filter(|f| f.fact.parent == Some(total.index))
            .filter(is_part)
            .collect();
        if listed.len() < 2 && all_given {
            let paragraph = report.paragraph_around(total.bytes.clone());
            let in_paragraph: Vec<&Figure> = figures
                .exact()
                .filter(|f| paragraph.contains(&f.bytes.start))
                .filter(is_part)
                .collect();
            let each_once = parts.iter().all(|p| {
                in_paragraph
                    .iter()
                    .filter(|f| f.fact.indicator.as_ref() == Some(p))
                    .count()
                    == 1
            });
            if each_once {
                listed = in_paragraph;
            }
        }
        if listed.len() < 2 {
            continue;
        }
        checked_totals.push(total.index);
        let values: Vec<Decimal> = listed.iter().map(|f| f.fact.value).collect();
        if let Some(finding) = sum_mismatch(report, total, &listed, &values) {
            findings.push(finding);
        }
    }
}

/// The finding for a total that its parts do not add up to, if they do not.
fn sum_mismatch(
    report: &Report,
    total: &Figure,
    parts: &[&Figure],
    values: &[Decimal],
) -> Option<Finding> {
    let sum = values
        .iter()
        .try_fold(Decimal::from_int(0), |a, &v| a.checked_add(v))?;
    if sum == total.fact.value {
        return None;
    }
    let difference = total.fact.value.checked_sub(sum)?;
    let expression = values
        .iter()
        .map(Decimal::to_string)
        .collect::<Vec<_>>()
        .join(" + ");
    let unit = &total.fact.unit;
    let mut finding = report.finding(
        "arith.breakdown_sum",
        total.bytes.start..parts.last().map_or(total.bytes.end, |p| p.bytes.end),
        format!(
            "“{}{}{unit}”与所列分项不符:{expression} = {sum}{unit},相差{}{unit}。\
             请核对总数,或补全、更正分项。",
            phrase(total),
            total.fact.value,
            difference.abs()
        ),
    );
    finding.data = Data::Arithmetic {
        expression,
        stated: total.fact.value,
        computed: sum,
        difference,
    };
    Some(finding)
}

/// A part larger than its whole in the same sentence (closed > accepted).
fn at_most(
    figures: &Figures,
    report: &Report,
    part: &str,
    whole: &str,
    findings: &mut Vec<Finding>,
) {
    for p in figures.with_indicator(part) {
        let carried_over = crate::page::scan::contains_any(
            &report.doc.text()[p.sentence.clone()],
            CARRIED_OVER_WORDS,
        );
        if carried_over {
            continue;
        }
        let Some(w) = figures
            .with_indicator(whole)
            .find(|w| w.sentence == p.sentence && w.fact.unit == p.fact.unit)
        else {
            continue;
        };
        if p.fact.value <= w.fact.value {
            continue;
        }
        let difference = w
            .fact
            .value
            .checked_sub(p.fact.value)
            .unwrap_or(p.fact.value);
        let unit = &p.fact.unit;
        let mut finding = report.finding(
            "arith.part_exceeds_whole",
            w.bytes.start.min(p.bytes.start)..w.bytes.end.max(p.bytes.end),
            format!(
                "“{}{}{unit}”大于“{}{}{unit}”,部分不应大于整体。请核对这两个数字。",
                phrase(p),
                p.fact.value,
                phrase(w),
                w.fact.value
            ),
        );
        finding.data = Data::Arithmetic {
            expression: format!("{} ≤ {}", p.fact.value, w.fact.value),
            stated: p.fact.value,
            computed: w.fact.value,
            difference,
        };
        findings.push(finding);
    }
}

/// A total followed by an exhaustive list of its parts, whatever the
/// catalog calls them. A list is exhaustive when it ends with the rest
/// (其他/其余) or is announced with 分别; a list after 其中/包括 may name some
/// parts only ("执法人员1200人,其中持证人员1100人"), so it is held to its total
/// only when it exceeds it.
fn listed_totals(
    figures: &Figures,
    report: &Report,
    catalog: &Catalog,
    checked_totals: &[usize],
    findings: &mut Vec<Finding>,
) {
    let text = report.doc.text();
    let all = &figures.0;
    for (i, total) in all.iter().enumerate() {
        if total.fact.qualifier != Qualifier::Exact
            || total.fact.parent.is_some()
            || checked_totals.contains(&total.index)
        {
            continue;
        }
        let parts = list_after(all, i, text);
        if parts.len() < 2
            || parts.iter().any(|p| p.fact.qualifier != Qualifier::Exact)
            || stages(total, &parts, catalog)
        {
            continue;
        }
        let opener = &text[total.bytes.end..parts[0].bytes.start];
        let announced = BREAKDOWN_OPENERS.iter().find(|w| opener.contains(*w));
        let last_phrase = phrase(parts[parts.len() - 1]);
        let closed = REMAINDER_WORDS.iter().any(|w| last_phrase.starts_with(w));
        let is_total = announced.is_some() || TOTAL_WORDS.iter().any(|w| phrase(total).contains(w));
        if !is_total || !(closed || announced.is_some()) {
            continue;
        }
        let values: Vec<Decimal> = parts.iter().map(|f| f.fact.value).collect();
        let Some(sum) = values
            .iter()
            .try_fold(Decimal::from_int(0), |a, &v| a.checked_add(v))
        else {
            continue;
        };
        let exhaustive = closed || announced == Some(&"分别");
        if sum < total.fact.value && !exhaustive {
            continue;
        }
        if let Some(finding) = sum_mismatch(report, total, &parts, &values) {
            findings.push(finding);
        }
    }
}

/// Whether the list is a funnel, not a partition: stages of one procedure
/// that the catalog says cannot exceed each other ("收到申请112万件,其中受理
/// 101万件,审结92万件").
fn stages(total: &Figure, parts: &[&Figure], catalog: &Catalog) -> bool {
    let ids: Vec<&str> = std::iter::once(total)
        .chain(parts.iter().copied())
        .filter_map(|f| f.fact.indicator.as_deref())
        .collect();
    catalog.relations.iter().any(|r| match r {
        Relation::AtMost { part, whole } => {
            ids.contains(&part.as_str()) && ids.contains(&whole.as_str())
        }
        _ => false,
    })
}

/// The figures right after `all[i]` in its sentence that continue a list:
/// the same unit, each within a clause of the one before, none a part of
/// another figure.
fn list_after<'f, 'a>(all: &'f [Figure<'a>], i: usize, text: &str) -> Vec<&'f Figure<'a>> {
    let total = &all[i];
    let mut parts = Vec::new();
    let mut end = total.bytes.end;
    for next in &all[i + 1..] {
        if next.bytes.start < end {
            // Another fact of a figure already read (a shared figure).
            continue;
        }
        let gap = &text[end..next.bytes.start];
        // A parenthesised breakdown ends at its parenthesis.
        let same_list = !gap.contains(')')
            && next.sentence == total.sentence
            && next.fact.unit == total.fact.unit
            && next.fact.parent.is_none_or(|p| p == total.index)
            && gap.chars().count() <= MAX_LIST_GAP_CHARS;
        if !same_list {
            break;
        }
        parts.push(next);
        end = next.bytes.end;
    }
    parts
}

/// Rates against the counts they are computed from: the catalog's rate
/// relations, and a rate named after the count before it.
fn rates(figures: &Figures, report: &Report, catalog: &Catalog, findings: &mut Vec<Finding>) {
    let all = &figures.0;
    for (i, rate) in all.iter().enumerate() {
        if rate.fact.unit != "%" || rate.fact.qualifier != Qualifier::Exact {
            continue;
        }
        // The counts a rate rests on come after the previous rate of its
        // sentence, in the same part of it (a semicolon starts another matter).
        let part = report.clause_group_around(rate.bytes.clone());
        let segment: Vec<&Figure> = all[..i]
            .iter()
            .rev()
            .take_while(|f| part.contains(&f.bytes.start) && f.fact.unit != "%")
            .filter(|f| f.fact.qualifier == Qualifier::Exact)
            .collect();
        let pair = catalog_pair(rate, &segment, catalog).or_else(|| named_pair(rate, &segment));
        if let Some((numerator, denominator)) = pair {
            if let Some(finding) = rate_mismatch(report, rate, numerator, denominator) {
                findings.push(finding);
            }
        }
    }
}

/// The numerator and denominator the catalog names for this rate, the
/// denominator that gives the closest rate when practice allows several.
fn catalog_pair<'f, 'a>(
    rate: &Figure,
    segment: &[&'f Figure<'a>],
    catalog: &Catalog,
) -> Option<(&'f Figure<'a>, &'f Figure<'a>)> {
    let id = rate.fact.indicator.as_deref()?;
    catalog.relations.iter().find_map(|relation| {
        let Relation::Rate {
            rate: r,
            numerator,
            denominators,
        } = relation
        else {
            return None;
        };
        if r != id {
            return None;
        }
        let has = |f: &&Figure, id: &str| f.fact.indicator.as_deref() == Some(id);
        let num = *segment.iter().find(|f| has(f, numerator))?;
        segment
            .iter()
            .filter(|f| denominators.iter().any(|d| has(f, d)) && f.fact.unit == num.fact.unit)
            .min_by_key(|d| {
                percent(num.fact.value, d.fact.value)
                    .and_then(|p| p.checked_sub(rate.fact.value))
                    .map(|gap| gap.abs())
            })
            .map(|den| (num, *den))
    })
}

/// A rate named after the count just before it ("调处成功749件、调处成功率为
/// 96.7%"), over the count of the same unit before that one.
fn named_pair<'f, 'a>(
    rate: &Figure,
    segment: &[&'f Figure<'a>],
) -> Option<(&'f Figure<'a>, &'f Figure<'a>)> {
    let name = phrase(rate).trim_end_matches(['为', '达', '到', '是', '了', '均', ':']);
    let stem = name.strip_suffix('率')?;
    let stem: String = {
        let chars: Vec<char> = stem.chars().collect();
        chars[chars.len().saturating_sub(RATE_STEM_CHARS)..]
            .iter()
            .collect()
    };
    if stem.chars().count() < 2 {
        return None;
    }
    let (at, num) = segment
        .iter()
        .enumerate()
        .find(|(_, f)| phrase(f).trim_end_matches(['的', '了']).ends_with(&stem))?;
    let den = segment[at + 1..]
        .iter()
        .find(|f| f.fact.unit == num.fact.unit)?;
    Some((num, den))
}

/// The phrase a figure measures, as written.
fn phrase<'f>(figure: &Figure<'f>) -> &'f str {
    &figure.fact.subject
}

/// `numerator / denominator × 100`, to six places.
fn percent(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    numerator
        .checked_mul(Decimal::from_int(100))?
        .checked_div(denominator, 6)
}

/// The finding for a stated rate that its counts do not give: info for a
/// truncation, warning for a gap within a point, error beyond.
fn rate_mismatch(
    report: &Report,
    rate: &Figure,
    numerator: &Figure,
    denominator: &Figure,
) -> Option<Finding> {
    let stated = rate.fact.value;
    let digits = stated.scale();
    let exact = percent(numerator.fact.value, denominator.fact.value)?;
    let rounded = numerator
        .fact
        .value
        .checked_mul(Decimal::from_int(100))?
        .checked_div(denominator.fact.value, digits)?;
    if rounded == stated {
        return None;
    }
    let truncation = exact.truncated(digits) == stated;
    let difference = stated.checked_sub(exact)?.truncated(digits + 2);
    let shown = exact.truncated(digits + 2);
    let expression = format!(
        "{} / {} × 100%",
        numerator.fact.value, denominator.fact.value
    );
    let (severity, verdict) = if truncation {
        (
            crate::Severity::Info,
            format!("应四舍五入为{rounded}%,报告截尾写作{stated}%"),
        )
    } else if difference.abs() <= Decimal::from_int(RATE_ERROR_POINTS) {
        (
            crate::Severity::Warning,
            format!("四舍五入应为{rounded}%,与报告的{stated}%不符"),
        )
    } else {
        (
            crate::Severity::Error,
            format!(
                "应为{rounded}%,报告写作{stated}%,相差{}个百分点",
                difference.abs()
            ),
        )
    };
    let span = denominator.bytes.start.min(numerator.bytes.start)..rate.bytes.end;
    let mut finding = report.finding(
        "arith.rate_mismatch",
        span,
        format!(
            "“{}”:{expression} = {shown}%,{verdict}。请按实际数据更正比率或分子、分母。",
            report.clause_around(rate.bytes.clone())
        ),
    );
    finding.severity = severity;
    finding.data = Data::Arithmetic {
        expression,
        stated,
        computed: exact,
        difference,
    };
    Some(finding)
}
