//! `text.*`: the substance of the report as text — a body published twice,
//! passages repeated inside it, prescriptions where results should be, and
//! too few figures.
//!
//! Sentences are compared on their normalised text with punctuation and
//! spaces removed, so a repeat with a different comma is still a repeat.
//! Thresholds are constants here, each with the reason for its value; the
//! reviewer's office weighs the findings (the report card), not the engine.

use std::collections::HashMap;
use std::ops::Range;

use super::{Data, Finding, Report};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::page::scan::chars;

/// A repeated sentence shorter than this (without punctuation) is a formula
/// ("坚持依法行政"), not a copied passage.
const MIN_REPEATED_CHARS: usize = 20;
/// Marks that close a sentence of running text.
const SENTENCE_CLOSERS: &[char] = &['。', '!', '?', ';'];
/// Openings of a clause that prescribe rather than report.
const MODAL_OPENINGS: &[&str] = &["应当", "应该", "应", "要", "必须", "务必", "须"];
/// Words that start like a modal but are nouns or other verbs.
const NOT_MODAL: &[&str] = &[
    "要求",
    "要点",
    "要素",
    "要件",
    "要案",
    "要闻",
    "要害",
    "要务",
    "要情",
    "要事",
    "要地",
    "要津",
    "应急",
    "应用",
    "应对",
    "应诉",
    "应收",
    "应付",
    "应届",
    "应征",
    "应邀",
    "应聘",
    "应变",
    "应答",
    "应有",
    "应知",
    "应会",
    "应享",
    "应纳",
    "应税",
    "应检",
    "应保",
    "应办",
    "应用于",
    "须知",
];
/// Modal phrases that prescribe wherever they stand in a clause.
const MODAL_PHRASES: &[&str] = &[
    "应当",
    "必须",
    "务必",
    "要进一步",
    "要切实",
    "要坚持",
    "要加强",
    "要全面",
    "要不断",
    "要持续",
    "要认真",
    "要积极",
    "要始终",
    "要严格",
    "要着力",
    "要把",
    "要以",
];
/// Words that open a clause before its modal ("各部门要…", "一是要…").
const CLAUSE_SUBJECTS: &[&str] = &[
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "各级",
    "各地",
    "各部门",
    "各单位",
    "我们",
];
/// A report prescribes too much when more than this share of its reporting
/// sentences prescribe: a few "要…" are normal, a fifth is a speech, not a report.
const MAX_PRESCRIPTIVE_SHARE: f64 = 0.2;
/// Fewer prescriptive sentences than this are never a finding.
const MIN_PRESCRIPTIVE_SENTENCES: usize = 5;
/// Figures per thousand characters below which a report is short of data.
/// The sample reports with figures have 15–23; one of slogans has under 2.
const MIN_FIGURES_PER_THOUSAND: f64 = 3.0;
/// A report shorter than this (characters) is not judged for density.
const MIN_DENSITY_CHARS: usize = 1500;
/// A measures section shorter than this is not expected to carry a figure.
const MIN_AREA_CHARS: usize = 300;
/// Prescriptive sentences quoted as evidence.
const MAX_EXAMPLES: usize = 5;

pub(super) fn check(report: &Report, findings: &mut Vec<Finding>) {
    duplicated_body(report, findings);
    let sentences = running_sentences(report);
    repeated_passages(report, &sentences, findings);
    prescriptive(report, &sentences, findings);
    density(report, findings);
    areas_without_figures(report, findings);
}

fn duplicated_body(report: &Report, findings: &mut Vec<Finding>) {
    let Some(copy) = report.page.duplicate.clone() else {
        return;
    };
    let first_line = report.doc.text()[copy.clone()]
        .find('\n')
        .map_or(copy.end, |i| copy.start + i);
    let mut finding = report.finding(
        "text.duplicated_body",
        copy.start..first_line,
        format!(
            "同一页面把报告正文发布了两遍(第二遍从第{}字“{}”开始)。请删除重复的一遍,\
             只保留一份完整正文。",
            report.doc.char_offset(copy.start) + 1,
            report.clause_around(copy.start..first_line)
        ),
    );
    finding.end = report.doc.char_offset(copy.end);
    findings.push(finding);
}

/// A sentence of running text (a line without a closing mark is a heading,
/// a title or a table row), with the hash of its letters and digits.
struct Sentence {
    bytes: Range<usize>,
    /// Letters and digits: what a repeat is judged on.
    letters: usize,
    key: u64,
}

fn running_sentences(report: &Report) -> Vec<Sentence> {
    let text = report.doc.text();
    let mut titles: Vec<Range<usize>> = report
        .outline
        .headings
        .iter()
        .map(|h| h.title_bytes.clone())
        .collect();
    titles.sort_by_key(|t| t.start);
    let is_title = |s: &Range<usize>| {
        let i = titles.partition_point(|t| t.start <= s.start);
        i > 0 && s.end <= titles[i - 1].end
    };
    report
        .sentences
        .iter()
        .map(|s| trim_spaces(text, s.clone()))
        .filter(|s| text[s.clone()].ends_with(SENTENCE_CLOSERS) && !is_title(s))
        .map(|bytes| {
            let (letters, key) = fingerprint(&text[bytes.clone()]);
            Sentence {
                bytes,
                letters,
                key,
            }
        })
        .collect()
}

/// A sentence or paragraph stated twice. Runs of consecutive repeated
/// sentences make one passage; each passage is reported at its second place.
fn repeated_passages(report: &Report, sentences: &[Sentence], findings: &mut Vec<Finding>) {
    let text = report.doc.text();
    let mut first_seen: HashMap<u64, usize> = HashMap::new();
    let mut repeats: Vec<(usize, usize)> = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        if sentence.letters < MIN_REPEATED_CHARS {
            continue;
        }
        match first_seen.get(&sentence.key) {
            Some(&first)
                if same_letters(
                    &text[sentences[first].bytes.clone()],
                    &text[sentence.bytes.clone()],
                ) =>
            {
                repeats.push((first, i));
            }
            Some(_) => {}
            None => {
                first_seen.insert(sentence.key, i);
            }
        }
    }
    for run in runs(&repeats) {
        let (first, second) = (run[0], run[run.len() - 1]);
        let earlier = sentences[first.0].bytes.start..sentences[second.0].bytes.end;
        let later = sentences[first.1].bytes.start..sentences[second.1].bytes.end;
        let place = |at: usize| {
            report
                .section_at(at)
                .map_or_else(|| "前文".to_owned(), |s| format!("“{s}”部分"))
        };
        let mut finding = report.finding(
            "text.repeated_passage",
            later.clone(),
            format!(
                "“{}”在{}和{}重复出现。请删除重复内容,或分别写明两处各自的工作。",
                report.clause_around(later.start..later.start),
                place(earlier.start),
                place(later.start)
            ),
        );
        finding.evidence.push(report.evidence(earlier));
        findings.push(finding);
    }
}

/// Consecutive repeat pairs (both sentences next to the previous pair's) grouped.
fn runs(pairs: &[(usize, usize)]) -> Vec<Vec<(usize, usize)>> {
    let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
    for &pair in pairs {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|&(a, b)| pair == (a + 1, b + 1)) => run.push(pair),
            _ => runs.push(vec![pair]),
        }
    }
    runs
}

/// Prescriptions in the reporting part of the report (the plan is allowed
/// to prescribe, the shortcomings to say what is needed).
fn prescriptive(report: &Report, sentences: &[Sentence], findings: &mut Vec<Finding>) {
    let text = report.doc.text();
    let reporting: Vec<Range<usize>> = sentences
        .iter()
        .map(|s| s.bytes.clone())
        .filter(|s| !report.in_plan(s.start) && !in_part(&report.parts.shortcomings, s.start))
        .collect();
    let prescribing: Vec<&Range<usize>> = reporting
        .iter()
        .filter(|s| prescribes(&text[(*s).clone()]))
        .collect();
    let share = prescribing.len() as f64 / reporting.len().max(1) as f64;
    if prescribing.len() < MIN_PRESCRIPTIVE_SENTENCES || share <= MAX_PRESCRIPTIVE_SHARE {
        return;
    }
    let mut finding = report.finding(
        "text.prescriptive",
        prescribing[0].clone(),
        format!(
            "报告在总结部分有{}句(占{:.0}%)是“应当……”“要……”式的部署性语言,而不是本年度做了什么、\
             效果如何。年度报告应写明已开展的工作和取得的成效,请改写这些句子。",
            prescribing.len(),
            share * 100.0
        ),
    );
    finding.evidence.extend(
        prescribing[1..]
            .iter()
            .take(MAX_EXAMPLES - 1)
            .map(|s| report.evidence((*s).clone())),
    );
    finding.data = Data::Measure {
        value: share,
        threshold: MAX_PRESCRIPTIVE_SHARE,
        count: prescribing.len(),
        total: reporting.len(),
    };
    findings.push(finding);
}

/// Whether a sentence prescribes: a modal phrase anywhere, or a clause
/// opening with a modal.
fn prescribes(sentence: &str) -> bool {
    // Phrases first: at one place the first listed pattern wins, so "应当"
    // is a phrase before "应" is an opening.
    static MODALS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let modals = MODAL_PHRASES.iter().chain(MODAL_OPENINGS);
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostFirst)
            .build(modals)
            .expect("modals build")
    });
    MODALS.find_iter(sentence).any(|m| {
        m.pattern().as_usize() < MODAL_PHRASES.len()
            || opens_clause(&sentence[..m.start()])
                && !NOT_MODAL
                    .iter()
                    .any(|n| sentence[m.start()..].starts_with(n))
    })
}

/// Whether what precedes a word in its sentence leaves it at the opening of
/// a clause (nothing, or only a subject like "各部门", "一是").
fn opens_clause(before: &str) -> bool {
    let clause = before.rsplit([',', ';', ':']).next().unwrap_or(before);
    let mut clause = clause.trim_start();
    while let Some(subject) = CLAUSE_SUBJECTS.iter().find(|s| clause.starts_with(*s)) {
        clause = &clause[subject.len()..];
    }
    clause.is_empty()
}

fn density(report: &Report, findings: &mut Vec<Finding>) {
    let text = report.doc.text();
    let length: usize = report
        .page
        .lines
        .iter()
        // Spaces are all ASCII in the normalised text.
        .map(|l| {
            let line = &text[l.range()];
            chars(line) - line.bytes().filter(u8::is_ascii_whitespace).count()
        })
        .sum();
    if length < MIN_DENSITY_CHARS {
        return;
    }
    let figures = report
        .facts
        .iter()
        .filter(|f| f.repeats.is_none() && !f.plan)
        .count();
    let per_thousand = figures as f64 * 1000.0 / length as f64;
    if per_thousand >= MIN_FIGURES_PER_THOUSAND {
        return;
    }
    let mut finding = report.finding(
        "text.low_density",
        report.opening(),
        format!(
            "全文约{length}字,只有{figures}个数据(每千字{per_thousand:.1}个,低于{MIN_FIGURES_PER_THOUSAND}个)。\
             年度报告应以办理数量、比率、金额等数据反映工作成效,请补充主要工作的数据。"
        ),
    );
    finding.data = Data::Measure {
        value: per_thousand,
        threshold: MIN_FIGURES_PER_THOUSAND,
        count: figures,
        total: length,
    };
    findings.push(finding);
}

/// The sections of the measures part that state no figure at all.
fn areas_without_figures(report: &Report, findings: &mut Vec<Finding>) {
    let Some(measures) = &report.parts.measures else {
        return;
    };
    let inside: Vec<_> = report
        .outline
        .headings
        .iter()
        .filter(|h| {
            measures.bytes.contains(&h.section_bytes.start) && h.section_bytes != measures.bytes
        })
        .collect();
    let Some(level) = inside.iter().map(|h| h.level).min() else {
        return;
    };
    let text = report.doc.text();
    for area in inside.iter().filter(|h| h.level == level) {
        let length = chars(&text[area.section_bytes.clone()]);
        let has_figure = report
            .facts
            .iter()
            .any(|f| (area.start..area.end).contains(&f.start));
        if length < MIN_AREA_CHARS || has_figure {
            continue;
        }
        let title = report
            .doc
            .display_slice(area.title_bytes.clone())
            .trim()
            .to_owned();
        findings.push(report.finding(
            "text.area_without_figures",
            area.title_bytes.clone(),
            format!(
                "“{title}”部分约{length}字,没有任何数据。建议用办理数量、覆盖面、比率等数据说明这方面的成效。"
            ),
        ));
    }
}

fn in_part(part: &Option<crate::parts::Part>, byte: usize) -> bool {
    part.as_ref().is_some_and(|p| p.bytes.contains(&byte))
}

/// A sentence without the spaces around it.
fn trim_spaces(text: &str, s: Range<usize>) -> Range<usize> {
    let inner = &text[s.clone()];
    let start = s.start + (inner.len() - inner.trim_start().len());
    let end = s.start + inner.trim_end().len();
    start..end.max(start)
}

/// The letters and digits of `s`: what a repeat is judged on, so a repeat
/// with another comma is still a repeat.
fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
    // The common cases first, without the Unicode table lookup: Han
    // characters, ASCII, and the CJK and general punctuation blocks.
    s.chars().filter(|&c| match c {
        '\u{4e00}'..='\u{9fff}' => true,
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' => false,
        _ => c.is_alphanumeric(),
    })
}

/// The number of letters and digits of `s` and their hash (FNV-1a).
fn fingerprint(s: &str) -> (usize, u64) {
    letters(s).fold((0, 0xcbf2_9ce4_8422_2325), |(n, h), c| {
        (n + 1, (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3))
    })
}

fn same_letters(a: &str, b: &str) -> bool {
    letters(a).eq(letters(b))
}

#[cfg(test)]
mod tests {
    use super::prescribes;

    #[test]
    fn prescriptions() {
        for s in [
            "各部门要进一步提高认识。",
            "应当严格执行重大行政决策程序。",
            "一是要压实责任,确保落实。",
            "必须坚持党的领导。",
        ] {
            assert!(prescribes(s), "{s}");
        }
    }

    #[test]
    fn reports_are_not_prescriptions() {
        for s in [
            "全年办理行政复议案件58件。",
            "按照上级要求,开展应急演练3次。",
            "我局及时应对突发事件,做好行政应诉工作。",
            "重要文件均经合法性审查。",
        ] {
            assert!(!prescribes(s), "{s}");
        }
    }
}
