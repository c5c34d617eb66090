//! The 审核意见: the letter a reviewer sends back to the unit about its report.
//!
//! It lists what to fix, grouped by how much it matters (须改正 for errors,
//! 建议修改 for warnings, 提请注意 for info), each item with the finding's
//! message, the rule it rests on and where in the report it is, then the
//! score and its breakdown. It is plain Chinese text, ready to paste into a
//! reply; the reviewer adds the letterhead and the signature.

use std::fmt::Write;

use fazhi_engine::{rule_by_id, Analysis, Finding, Severity};

use crate::Card;

/// The longest quotation of the report in an item, in characters.
const MAX_QUOTED_CHARS: usize = 30;

/// What a letter is about.
pub struct Letter<'a> {
    /// The report's file, named when the report has no title.
    pub file: &'a str,
    pub analysis: &'a Analysis,
    pub card: &'a Card,
}

const SECTIONS: &[(Severity, &str)] = &[
    (Severity::Error, "须改正的问题"),
    (Severity::Warning, "建议修改的问题"),
    (Severity::Info, "提请注意的事项"),
];

/// The letter's text.
pub fn letter(about: &Letter) -> String {
    let meta = &about.analysis.meta;
    let title = meta.title.clone().unwrap_or_else(|| about.file.to_owned());
    let unit = meta
        .issuer
        .as_deref()
        .or(meta.jurisdiction.as_deref())
        .unwrap_or("报告单位");
    let mut out = String::new();
    let _ = writeln!(out, "关于《{title}》的审核意见\n");
    let _ = writeln!(out, "{unit}:\n");
    let published = meta
        .published_date
        .as_deref()
        .map_or(String::new(), |d| format!("于{d}公开的"));
    let year = meta
        .report_year
        .map_or(String::new(), |y| format!("(报告年度:{y}年)"));
    let findings = &about.analysis.findings;
    if findings.is_empty() {
        let _ = writeln!(
            out,
            "    你单位{published}《{title}》{year}已经审核,未发现需要修改的问题。\n"
        );
    } else {
        let _ = writeln!(
            out,
            "    你单位{published}《{title}》{year}已经审核。审核发现以下问题,请对照修改;\
             修改后请重新公开,并将修改情况反馈我们。\n"
        );
        let mut section = 0;
        for (severity, heading) in SECTIONS {
            let items: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.severity == *severity)
                .collect();
            if items.is_empty() {
                continue;
            }
            section += 1;
            let _ = writeln!(out, "{}、{heading}", chinese_number(section));
            for (i, finding) in items.iter().enumerate() {
                let _ = writeln!(out, "({}){}", chinese_number(i + 1), finding.message);
                let _ = writeln!(out, "    {}", basis(finding));
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "{}", score_line(about.card));
    out
}

/// The rule an item rests on and where it is.
fn basis(finding: &Finding) -> String {
    let rule = rule_by_id(&finding.rule).map_or(finding.rule.as_str(), |r| r.name);
    let place = match finding.evidence.first() {
        Some(e) if !e.text.trim().is_empty() => {
            format!(
                "原文第{}字起:“{}”",
                e.start + 1,
                crate::quote(&e.text, MAX_QUOTED_CHARS)
            )
        }
        _ => "全文".to_owned(),
    };
    format!("依据:{rule}(规则 {})。位置:{place}。", finding.rule)
}

fn score_line(card: &Card) -> String {
    let mut line = format!("报告评分:{}分(满分100分)", card.score);
    let lost: Vec<String> = card
        .deductions
        .iter()
        .filter(|d| d.points > 0)
        .map(|d| format!("{}{}处扣{}分", d.name, d.findings, d.points))
        .collect();
    if !lost.is_empty() {
        let _ = write!(line, "。扣分情况:{}", lost.join(";"));
    }
    line.push('。');
    line
}

/// 1 → 一, 12 → 十二, 21 → 二十一 (up to 99, enough for a letter's items).
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let ones = match n % 10 {
        0 => "",
        d => DIGITS[d],
    };
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{ones}"),
        20..=99 => format!("{}十{ones}", DIGITS[n / 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CardConfig;
    use fazhi_engine::Input;

    #[test]
    fn numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99, 100].map(chinese_number).to_vec();
        assert_eq!(
            got,
            ["一", "九", "十", "十一", "二十", "二十一", "九十九", "100"]
        );
    }

    #[test]
    fn a_letter_lists_what_to_fix_by_severity() {
        let text = "发布日期:2024-04-08\n青山县2023年法治政府建设年度报告\n\
                    一、主要举措和成效\n今年以来,全县受理行政复议案件50件,审结58件。\n\
                    二、存在的不足\n基层法治力量薄弱。\n青山县人民政府\n2024年3月20日\n";
        let analysis = fazhi_engine::analyze(&Input {
            text,
            page_meta: &[],
        });
        let card = CardConfig::default().card(&analysis.findings);
        let letter = letter(&Letter {
            file: "a.txt",
            analysis: &analysis,
            card: &card,
        });
        assert!(letter.starts_with("关于《青山县2023年法治政府建设年度报告》的审核意见"));
        assert!(letter.contains("青山县人民政府:"));
        let errors = letter.find("一、须改正的问题").expect(&letter);
        let warnings = letter.find("二、建议修改的问题").expect(&letter);
        let notes = letter.find("三、提请注意的事项").expect(&letter);
        assert!(errors < warnings && warnings < notes);
        assert!(letter.contains("规则 dates.published_late"));
        assert!(letter.contains("规则 arith.part_exceeds_whole"));
        assert!(letter.contains(&format!("报告评分:{}分", card.score)));
    }

    #[test]
    fn a_clean_report_gets_a_short_letter() {
        let analysis = fazhi_engine::analyze(&Input {
            text: "",
            page_meta: &[],
        });
        let card = CardConfig::default().card(&[]);
        let letter = letter(&Letter {
            file: "空.txt",
            analysis: &Analysis {
                findings: Vec::new(),
                ..analysis
            },
            card: &card,
        });
        assert!(letter.contains("未发现需要修改的问题"));
        assert!(letter.contains("报告评分:100分"));
    }
}
