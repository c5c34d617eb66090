//! The report card: a score from 0 to 100 for the quality of one report,
//! computed from its findings with weights the reviewer's office chooses.
//!
//! The weights are a TOML file (the default, `config/card.toml`, is embedded;
//! its comments document the format). A rule id the file names must exist:
//! a misspelt id would silently weigh nothing. Points are whole numbers, so a
//! score and its breakdown always add up exactly.

use std::collections::BTreeMap;

use fazhi_engine::{rule_by_id, Finding, Severity};
use serde::{Deserialize, Serialize};

const DEFAULT_CARD: &str = include_str!("../../../config/card.toml");
/// The score of a report without findings.
const FULL_SCORE: u32 = 100;

/// The weights of one office.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardConfig {
    severity: SeverityPoints,
    limits: Limits,
    #[serde(default)]
    rules: BTreeMap<String, RuleWeight>,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeverityPoints {
    error: u32,
    warning: u32,
    info: u32,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Limits {
    per_rule: u32,
}

#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleWeight {
    points: Option<u32>,
    max: Option<u32>,
    severity: Option<Severity>,
}

/// Why a card file cannot be used; the message is for the reviewer.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    #[error("评分卡格式错误: {0}")]
    Syntax(String),
    #[error("评分卡中的规则“{0}”不存在(规则清单见 docs/rules.md)")]
    UnknownRule(String),
}

/// A report's score and how it was reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card {
    pub score: u32,
    /// Per rule and severity, in the order of the findings.
    pub deductions: Vec<Deduction>,
}

/// What one rule took off the score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deduction {
    pub rule: String,
    pub name: &'static str,
    pub severity: Severity,
    pub findings: usize,
    pub points: u32,
}

impl Default for CardConfig {
    fn default() -> CardConfig {
        CardConfig::parse(DEFAULT_CARD).expect("config/card.toml is valid")
    }
}

impl CardConfig {
    pub fn parse(toml_text: &str) -> Result<CardConfig, CardError> {
        let config: CardConfig =
            toml::from_str(toml_text).map_err(|e| CardError::Syntax(e.to_string()))?;
        if let Some(unknown) = config.rules.keys().find(|id| rule_by_id(id).is_none()) {
            return Err(CardError::UnknownRule(unknown.clone()));
        }
        Ok(config)
    }

    /// Gives each finding the severity this office sets for its rule.
    pub fn apply_severities(&self, findings: &mut [Finding]) {
        for finding in findings {
            if let Some(severity) = self.rules.get(&finding.rule).and_then(|w| w.severity) {
                finding.severity = severity;
            }
        }
    }

    /// The card of a report with these findings.
    pub fn card(&self, findings: &[Finding]) -> Card {
        let mut deductions: Vec<Deduction> = Vec::new();
        for finding in findings {
            let points = self.points(finding);
            match deductions
                .iter_mut()
                .find(|d| d.rule == finding.rule && d.severity == finding.severity)
            {
                Some(d) => {
                    d.findings += 1;
                    d.points += points;
                }
                None => deductions.push(Deduction {
                    rule: finding.rule.clone(),
                    name: rule_by_id(&finding.rule).map_or("", |r| r.name),
                    severity: finding.severity,
                    findings: 1,
                    points,
                }),
            }
        }
        self.cap(&mut deductions);
        let lost: u32 = deductions.iter().map(|d| d.points).sum();
        Card {
            score: FULL_SCORE.saturating_sub(lost),
            deductions,
        }
    }

    fn points(&self, finding: &Finding) -> u32 {
        let weight = self.rules.get(&finding.rule).copied().unwrap_or_default();
        weight.points.unwrap_or(match finding.severity {
            Severity::Error => self.severity.error,
            Severity::Warning => self.severity.warning,
            Severity::Info => self.severity.info,
        })
    }

    /// Holds each rule to its maximum, taking the excess off its deductions
    /// from the last one back.
    fn cap(&self, deductions: &mut [Deduction]) {
        let mut rules: Vec<&str> = deductions.iter().map(|d| d.rule.as_str()).collect();
        rules.dedup();
        let rules: Vec<String> = rules.into_iter().map(str::to_owned).collect();
        for rule in rules {
            let max = self
                .rules
                .get(&rule)
                .and_then(|w| w.max)
                .unwrap_or(self.limits.per_rule);
            let total: u32 = deductions
                .iter()
                .filter(|d| d.rule == rule)
                .map(|d| d.points)
                .sum();
            let mut excess = total.saturating_sub(max);
            for d in deductions.iter_mut().rev().filter(|d| d.rule == rule) {
                let cut = excess.min(d.points);
                d.points -= cut;
                excess -= cut;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_engine::Data;

    fn finding(rule: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.to_owned(),
            severity,
            message: String::new(),
            start: 0,
            end: 0,
            evidence: Vec::new(),
            data: Data::None,
        }
    }

    fn check(config: &str, findings: &[(&str, Severity)], expected_score: u32) {
        let config = CardConfig::parse(config).unwrap();
        let findings: Vec<Finding> = findings.iter().map(|&(r, s)| finding(r, s)).collect();
        let card = config.card(&findings);
        assert_eq!(card.score, expected_score, "{card:#?}");
        let lost: u32 = card.deductions.iter().map(|d| d.points).sum();
        assert_eq!(card.score, FULL_SCORE.saturating_sub(lost));
    }

    const CARD: &str = r#"
        [severity]
        error = 10
        warning = 4
        info = 1
        [limits]
        per_rule = 12
        [rules."dates.relative_time"]
        max = 2
        [rules."structure.missing_item"]
        points = 20
        max = 100
    "#;

    #[test]
    fn points_by_severity_and_rule() {
        check(CARD, &[], 100);
        check(CARD, &[("arith.breakdown_sum", Severity::Warning)], 96);
        check(CARD, &[("structure.missing_item", Severity::Error)], 80);
        check(
            CARD,
            &[
                ("arith.rate_mismatch", Severity::Info),
                ("arith.rate_mismatch", Severity::Error),
            ],
            89,
        );
    }

    #[test]
    fn a_rule_takes_off_at_most_its_maximum() {
        let relative = ("dates.relative_time", Severity::Info);
        check(CARD, &[relative; 7], 98);
        let sums = ("arith.breakdown_sum", Severity::Warning);
        check(CARD, &[sums; 5], 88);
        let missing = ("structure.missing_item", Severity::Error);
        check(CARD, &[missing; 6], 0);
    }

    #[test]
    fn severities_of_the_office() {
        let config = CardConfig::parse(
            r#"
            [severity]
            error = 10
            warning = 4
            info = 1
            [limits]
            per_rule = 12
            [rules."structure.signed_by_department"]
            severity = "error"
            "#,
        )
        .unwrap();
        let mut findings = vec![finding("structure.signed_by_department", Severity::Info)];
        config.apply_severities(&mut findings);
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(config.card(&findings).score, 90);
    }

    #[test]
    fn bad_card_files_are_refused_in_chinese() {
        let unknown = CardConfig::parse(
            "[severity]\nerror = 1\nwarning = 1\ninfo = 1\n[limits]\nper_rule = 1\n[rules.\"text.typo\"]\nmax = 1\n",
        );
        assert!(matches!(unknown, Err(CardError::UnknownRule(ref r)) if r == "text.typo"));
        let broken = CardConfig::parse("[severity]\nerror = \"many\"");
        assert!(broken
            .unwrap_err()
            .to_string()
            .starts_with("评分卡格式错误"));
    }

    #[test]
    fn the_default_card_parses() {
        let card = CardConfig::default().card(&[finding("text.duplicated_body", Severity::Error)]);
        assert_eq!(card.score, 90);
    }
}
