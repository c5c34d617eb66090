//! `dates.*`: the publication deadline and the coherence of the years a
//! report names.
//!
//! A report covering year Y is signed and published in Y + 1, before 4月1日
//! (督察工作规定 第二十四条); its title names Y, its plan section Y + 1, and its
//! body reports on Y. Dates compare as `YYYY-MM-DD` strings, which order as
//! the dates do. The year covered is `meta`'s (weighed from all the evidence);
//! this module reports the evidence that disagrees with it.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{Data, Finding, Report};
use crate::page::scan::years;

/// Month and day of the publication deadline in the year after the year covered.
const DEADLINE: &str = "04-01";
/// Words that mean "now" to the writer: in a report signed after the year it
/// covers they point at the wrong year.
const RELATIVE_TIME_WORDS: &[&str] = &[
    "今年以来",
    "今年上半年",
    "今年",
    "截至目前",
    "截止目前",
    "到目前为止",
    "截至当前",
    "截至今日",
    "截止今日",
];
/// The body's mentions of one other year that make it the year reported:
/// at least this many, and more than twice the mentions of the year covered.
const MIN_BODY_MENTIONS: usize = 3;

pub(super) fn check(report: &Report, findings: &mut Vec<Finding>) {
    let Some(year) = report.meta.report_year else {
        return;
    };
    publication(report, year, findings);
    before_year_end(report, year, findings);
    signing_year(report, year, findings);
    title_year(report, year, findings);
    plan_year(report, year, findings);
    body_year(report, year, findings);
    relative_time(report, year, findings);
}

fn publication(report: &Report, year: i32, findings: &mut Vec<Finding>) {
    let deadline = format!("{}-{DEADLINE}", year + 1);
    let Some(published) = report.meta.published_date.as_deref() else {
        findings.push(report.finding(
            "dates.publication_unknown",
            report.opening(),
            format!(
                "未找到公开日期(网页的发布日期或文件属性),无法核实{year}年度报告是否在{deadline}前公开。请核实公开时间。"
            ),
        ));
        return;
    };
    if published >= deadline.as_str() {
        let at = report
            .anchors
            .published
            .clone()
            .unwrap_or_else(|| report.opening());
        let mut finding = report.finding(
            "dates.published_late",
            at,
            format!(
                "{year}年度报告于{published}公开,晚于规定期限。年度报告应于{deadline}前通过报刊、\
                 政府网站等向社会公开(《法治政府建设与责任落实督察工作规定》第二十四条)。"
            ),
        );
        finding.data = Data::Deadline {
            date: published.to_owned(),
            deadline,
        };
        findings.push(finding);
    }
}

/// A report signed or published while the year it covers was still running.
fn before_year_end(report: &Report, year: i32, findings: &mut Vec<Finding>) {
    let year_end = format!("{}-01-01", year + 1);
    let dated = [
        ("署名", &report.meta.signed_date, &report.anchors.signature),
        (
            "公开",
            &report.meta.published_date,
            &report.anchors.published,
        ),
    ];
    for (what, date, at) in dated {
        let Some(date) = date.as_deref().filter(|d| *d < year_end.as_str()) else {
            continue;
        };
        let mut finding = report.finding(
            "dates.before_year_end",
            at.clone().unwrap_or_else(|| report.opening()),
            format!(
                "报告于{date}{what},{year}年度尚未结束,全年情况无从完整反映。年度报告应在次年对全年工作作出总结;\
                 如报告年度有误,请更正。"
            ),
        );
        finding.data = Data::Deadline {
            date: date.to_owned(),
            deadline: year_end.clone(),
        };
        findings.push(finding);
    }
}

/// Signed two or more years after the year covered: the title or the date is wrong.
fn signing_year(report: &Report, year: i32, findings: &mut Vec<Finding>) {
    let signed = report.meta.signed_date.as_deref().and_then(year_of);
    let (Some(signed), Some(at)) = (signed, report.anchors.signature.clone()) else {
        return;
    };
    if signed > year + 1 {
        let message =
            format!("报告反映{year}年度情况,落款日期却在{signed}年。请核对报告年度与落款日期。");
        findings.push(mismatch(report, at, message, year, signed, "signature"));
    }
}

/// The title's year against the year covered. The year covered is read from
/// the title line first, so they differ only when the title came from
/// elsewhere (the page's metadata) and the report itself says another year.
fn title_year(report: &Report, year: i32, findings: &mut Vec<Finding>) {
    let Some(title) = report.meta.title.as_deref() else {
        return;
    };
    let Some(named) = years(title).map(|(_, y)| y).next() else {
        return;
    };
    if named != year {
        let at = report
            .anchors
            .title
            .clone()
            .unwrap_or_else(|| report.opening());
        let message =
            format!("标题写的是{named}年,而报告其他部分反映的是{year}年度。请统一报告年度。");
        findings.push(mismatch(report, at, message, year, named, "title"));
    }
}

/// A plan section announcing a year other than the next one.
fn plan_year(report: &Report, year: i32, findings: &mut Vec<Finding>) {
    let Some(plan) = report.parts.next_year_plan.as_ref().filter(|p| p.heading) else {
        return;
    };
    let Some(heading) = report
        .outline
        .headings
        .iter()
        .find(|h| h.section_bytes.start == plan.bytes.start)
    else {
        return;
    };
    let title = &report.doc.text()[heading.title_bytes.clone()];
    let Some((at, named)) = single_years(title).next() else {
        return;
    };
    if named != year + 1 {
        let bytes = heading.title_bytes.start + at..heading.title_bytes.start + at + 4;
        let message = format!(
            "“{}”安排的是{named}年的工作,报告年度为{year}年,下一年度工作安排应为{}年。",
            report.doc.display_slice(heading.title_bytes.clone()).trim(),
            year + 1
        );
        findings.push(mismatch(report, bytes, message, year, named, "plan"));
    }
}

/// The body reporting on another year than the one covered, as happens when
/// last year's report is reused: that year named clearly more often.
fn body_year(report: &Report, year: i32, findings: &mut Vec<Finding>) {
    let Some(measures) = &report.parts.measures else {
        return;
    };
    let text = report.doc.text();
    let mut mentions: Vec<(i32, Vec<Range<usize>>)> = Vec::new();
    for line in report
        .page
        .lines
        .iter()
        .filter(|l| measures.bytes.contains(&l.start))
    {
        for (at, named) in single_years(&text[line.range()]) {
            let bytes = line.start + at..line.start + at + 4;
            match mentions.iter_mut().find(|(y, _)| *y == named) {
                Some((_, seen)) => seen.push(bytes),
                None => mentions.push((named, vec![bytes])),
            }
        }
    }
    let covered = mentions
        .iter()
        .find(|(y, _)| *y == year)
        .map_or(0, |(_, m)| m.len());
    let Some((named, seen)) = mentions
        .into_iter()
        .filter(|(y, _)| *y != year)
        .max_by_key(|(_, m)| m.len())
    else {
        return;
    };
    if seen.len() < MIN_BODY_MENTIONS || seen.len() <= 2 * covered {
        return;
    }
    let message = format!(
        "报告反映{year}年度情况,但“主要举措和成效”部分{}次写到{named}年(写到{year}年{covered}次)。\
         请核对是否沿用了其他年度的内容。",
        seen.len()
    );
    let mut finding = mismatch(report, seen[0].clone(), message, year, named, "body");
    finding.evidence.extend(
        seen[1..]
            .iter()
            .map(|b| report.evidence(report.sentence_around(b.clone()))),
    );
    findings.push(finding);
}

/// "今年以来" in a report signed the year after: the reader's 今年 is not the writer's.
fn relative_time(report: &Report, year: i32, findings: &mut Vec<Finding>) {
    let written = [&report.meta.signed_date, &report.meta.published_date]
        .into_iter()
        .filter_map(|d| d.as_deref().and_then(year_of))
        .min();
    let Some(written) = written.filter(|w| *w > year) else {
        return;
    };
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(RELATIVE_TIME_WORDS)
            .expect("relative time words build")
    });
    let text = report.doc.text();
    for line in &report.page.lines {
        if report.in_plan(line.start) {
            continue;
        }
        for found in WORDS.find_iter(&text[line.range()]) {
            let word = RELATIVE_TIME_WORDS[found.pattern().as_usize()];
            let bytes = line.start + found.start()..line.start + found.end();
            findings.push(report.finding(
                "dates.relative_time",
                bytes.clone(),
                format!(
                    "报告于{written}年署名或公开,“{}”中的“{word}”读者会理解为{written}年,而不是报告所说的{year}年。\
                     请改为明确的年份或时间段(如“{year}年”“截至{year}年底”)。",
                    report.quote_from(bytes.start)
                ),
            ));
        }
    }
}

/// Years named on their own: not inside a document's name (《…2021年…》) and
/// not the ends of a range (2021—2025年).
fn single_years(s: &str) -> impl Iterator<Item = (usize, i32)> + '_ {
    years(s).filter(move |&(at, _)| {
        let quoted = s[..at].matches('《').count() > s[..at].matches('》').count();
        let after = &s[at + 4 + '年'.len_utf8()..];
        let ranged = s[..at].ends_with(['—', '-', '~', '至', '到'])
            || after.starts_with(['—', '-', '~', '至', '到']);
        !quoted && !ranged
    })
}

fn year_of(date: &str) -> Option<i32> {
    date.get(..4)?.parse().ok()
}

fn mismatch(
    report: &Report,
    at: Range<usize>,
    message: String,
    covered: i32,
    found: i32,
    source: &'static str,
) -> Finding {
    let mut finding = report.finding("dates.year_mismatch", at, message);
    finding.data = Data::Years {
        covered,
        found,
        source,
    };
    finding
}
