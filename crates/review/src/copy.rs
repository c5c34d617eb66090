//! `copy.shared_passage`: the passages a report shares with the other reports
//! of the batch, as findings.
//!
//! Finding the passages is `fazhi-copy`'s job (rarity across the corpus,
//! formulae excluded); this module decides who is told about each one. When
//! the years say which report came first, only the later one gets the
//! finding (it copied, or reused its own earlier text); otherwise both do,
//! since either may have copied the other.

use fazhi_copy::{shared_passages, Document, Options, Relation, SharedPassage};
use fazhi_engine::{rule_by_id, Analysis, Data, Evidence, Finding};

/// The longest quotation of a passage in a message, in characters.
const MAX_QUOTED_CHARS: usize = 40;

/// A report of the batch: its name (the file), its text as analysed, its analysis.
pub struct Submitted<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub analysis: &'a Analysis,
}

/// The passages the reports share, and for each report the findings it gets.
pub fn copy_findings(reports: &[Submitted]) -> (Vec<SharedPassage>, Vec<Vec<Finding>>) {
    let documents: Vec<Document> = reports
        .iter()
        .map(|r| Document {
            text: r.text,
            body: r.analysis.body.start..r.analysis.body.end,
            unit: r.analysis.meta.jurisdiction.as_deref(),
            year: r.analysis.meta.report_year,
        })
        .collect();
    let passages = shared_passages(&documents, &Options::default());
    let mut findings: Vec<Vec<Finding>> = vec![Vec::new(); reports.len()];
    for passage in &passages {
        let (a, b) = (&reports[passage.a], &reports[passage.b]);
        findings[passage.b].push(finding(b, a, passage, Side::B));
        let ordered = matches!(
            (a.analysis.meta.report_year, b.analysis.meta.report_year),
            (Some(ya), Some(yb)) if ya < yb
        );
        if !ordered {
            findings[passage.a].push(finding(a, b, passage, Side::A));
        }
    }
    (passages, findings)
}

#[derive(Clone, Copy)]
enum Side {
    A,
    B,
}

/// The finding `this` report gets about the passage it shares with `other`.
fn finding(this: &Submitted, other: &Submitted, passage: &SharedPassage, side: Side) -> Finding {
    let (here, there) = match side {
        Side::A => (&passage.a_span, &passage.b_span),
        Side::B => (&passage.b_span, &passage.a_span),
    };
    let shown = slice(this.text, here.start, here.end);
    let whose = match passage.relation {
        Relation::SameUnitEarlierYear => {
            let year = other
                .analysis
                .meta
                .report_year
                .map_or(String::new(), |y| format!("{y}年度"));
            format!("本单位{year}的报告({})", other.name)
        }
        Relation::SameUnitSameYear | Relation::Unknown => format!("报告 {}", other.name),
        Relation::OtherUnit => {
            let unit = other
                .analysis
                .meta
                .jurisdiction
                .as_deref()
                .unwrap_or("其他单位");
            format!("{unit}的报告({})", other.name)
        }
    };
    let advice = match passage.relation {
        Relation::SameUnitEarlierYear => {
            "年度报告应反映本年度的工作,请据实改写沿用往年报告的内容。"
        }
        _ => "请核实是否照搬了其他报告,并据实改写。",
    };
    let rule = rule_by_id("copy.shared_passage").expect("copy.shared_passage is a rule");
    Finding {
        rule: rule.id.to_owned(),
        severity: rule.severity,
        message: format!(
            "本报告第{}字起约{}字与{whose}第{}字起的内容相同:“{}”。{advice}",
            here.start + 1,
            passage.chars,
            there.start + 1,
            crate::quote(&shown, MAX_QUOTED_CHARS)
        ),
        start: here.start,
        end: here.end,
        evidence: vec![Evidence {
            start: here.start,
            end: here.end,
            text: shown,
        }],
        data: Data::Copy {
            other: other.name.to_owned(),
            other_start: there.start,
            other_end: there.end,
            relation: passage.relation.as_str().to_owned(),
            chars: passage.chars,
            rarity: passage.rarity,
        },
    }
}

/// Characters `start..end` of `text`.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_engine::Input;

    const COPIED: &str = "全面推行证明事项告知承诺制,梳理公布告知承诺事项清单126项,\
        建立容缺受理和信用修复衔接机制,对申请人承诺不实的依法撤销并纳入信用记录,\
        全年办理告知承诺事项3800余件,群众少跑腿1.2万次。";

    fn report(year: i32, unit: &str, body: &str) -> String {
        format!(
            "{unit}{year}年法治政府建设年度报告\n一、主要举措和成效\n{year}年,{unit}持续优化营商环境。{body}\n\
             二、存在的不足\n基层力量薄弱。\n{unit}人民政府\n{}年2月20日\n",
            year + 1
        )
    }

    fn findings_of(texts: &[(&str, String)]) -> Vec<Vec<Finding>> {
        let analyses: Vec<Analysis> = texts
            .iter()
            .map(|(_, t)| {
                fazhi_engine::analyze(&Input {
                    text: t,
                    page_meta: &[],
                })
            })
            .collect();
        let submitted: Vec<Submitted> = texts
            .iter()
            .zip(&analyses)
            .map(|((name, text), analysis)| Submitted {
                name,
                text,
                analysis,
            })
            .collect();
        copy_findings(&submitted).1
    }

    #[test]
    fn the_later_year_is_told_about_its_reused_text() {
        let found = findings_of(&[
            ("2022.txt", report(2022, "青山县", COPIED)),
            ("2023.txt", report(2023, "青山县", COPIED)),
        ]);
        assert!(found[0].is_empty(), "{:#?}", found[0]);
        assert_eq!(found[1].len(), 1, "{:#?}", found[1]);
        let finding = &found[1][0];
        assert_eq!(finding.rule, "copy.shared_passage");
        assert!(
            finding.message.contains("本单位2022年度的报告(2022.txt)"),
            "{}",
            finding.message
        );
        assert!(finding.evidence[0].text.contains("告知承诺事项清单126项"));
        let data = serde_json::to_value(&finding.data).unwrap();
        assert_eq!(data["relation"], "same_unit_earlier_year");
        assert_eq!(data["other"], "2022.txt");
    }

    #[test]
    fn two_units_of_one_year_are_both_told() {
        let found = findings_of(&[
            ("a.txt", report(2023, "青山县", COPIED)),
            ("b.txt", report(2023, "绿水县", COPIED)),
        ]);
        assert_eq!((found[0].len(), found[1].len()), (1, 1));
        assert!(found[0][0].message.contains("绿水县的报告(b.txt)"));
    }

    #[test]
    fn reports_of_their_own_share_nothing() {
        let found = findings_of(&[
            ("a.txt", report(2023, "青山县", COPIED)),
            (
                "b.txt",
                report(
                    2023,
                    "绿水县",
                    "全年办理行政复议案件58件,调解矛盾纠纷200件。",
                ),
            ),
        ]);
        assert!(found.iter().all(Vec::is_empty), "{found:#?}");
    }
}
