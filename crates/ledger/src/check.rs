//! Row-level checks: what a ledger's rows say that cannot be right (a case
//! closed before it was accepted, a number used twice) and what breaches a
//! legal deadline. Cell-level problems (a date that is not a date) are the
//! reader's; both end in the same list of `Problem`s.
//!
//! Every rule has an id listed in docs/ledger.md and a test with a row that
//! passes and one that fails.

use std::collections::HashMap;

use crate::config::Config;
use crate::day::Day;
use crate::ledger::{Ledger, Row, Sheet, Value};
use crate::problem::{Problem, Severity};
use crate::schema::{
    Kind, LITIGATION, MAJOR_DECISIONS, MEDIATION, NORMATIVE_DOCUMENTS, RECONSIDERATION,
    RECTIFICATION,
};

/// Checks every row of `ledger` as a record of `year`.
pub fn check(ledger: &Ledger, year: i32, config: &Config) -> Vec<Problem> {
    let mut problems = Vec::new();
    for sheet in &ledger.sheets {
        let mut rows = Rows {
            sheet,
            problems: &mut problems,
        };
        rows.required();
        rows.outside_year(year);
        match sheet.register.sheet {
            s if s == RECONSIDERATION.sheet => reconsideration(&mut rows, year, config),
            s if s == LITIGATION.sheet => litigation(&mut rows),
            s if s == NORMATIVE_DOCUMENTS.sheet => normative_documents(&mut rows, year, config),
            s if s == MAJOR_DECISIONS.sheet => major_decisions(&mut rows, config),
            s if s == MEDIATION.sheet => mediation(&mut rows),
            s if s == RECTIFICATION.sheet => rectification(&mut rows, year),
            _ => {}
        }
    }
    problems
}

/// One sheet's rows and the list its problems go to.
struct Rows<'a> {
    sheet: &'a Sheet,
    problems: &'a mut Vec<Problem>,
}

impl Rows<'_> {
    fn report(
        &mut self,
        row: &Row,
        rule: &'static str,
        severity: Severity,
        column: &'static str,
        message: String,
    ) {
        debug_assert!(self
            .sheet
            .register
            .columns
            .iter()
            .any(|c| c.header == column));
        self.problems.push(Problem {
            rule,
            severity,
            sheet: self.sheet.register.sheet.to_owned(),
            row: Some(row.line),
            column: Some(column),
            message,
        });
    }

    fn required(&mut self) {
        let sheet = self.sheet;
        for row in &sheet.rows {
            for (column, value) in sheet.register.columns.iter().zip(&row.values) {
                if column.required && *value == Value::Blank {
                    let hint = match column.kind {
                        Kind::Count | Kind::Money => "确实没有的填0，不适用的填“不适用”",
                        _ => "不适用的填“不适用”",
                    };
                    self.report(
                        row,
                        "row.required_blank",
                        Severity::Error,
                        column.header,
                        format!("“{}”是必填项，不能留空（{hint}）。", column.header),
                    );
                }
            }
        }
    }

    /// A row whose dates all fall in another year is not counted.
    fn outside_year(&mut self, year: i32) {
        let sheet = self.sheet;
        for row in &sheet.rows {
            let dated: Vec<(&'static str, Day)> = sheet
                .register
                .columns
                .iter()
                .zip(&row.values)
                .filter_map(|(column, value)| match value {
                    Value::Day(day) => Some((column.header, *day)),
                    _ => None,
                })
                .collect();
            // A document cleaned up this year counts whenever it was issued.
            let cleanup = sheet.register.sheet == NORMATIVE_DOCUMENTS.sheet
                && sheet.choice(row, "清理结论").is_some();
            let Some(&(first, _)) = dated.first() else {
                continue;
            };
            if !cleanup && dated.iter().all(|(_, day)| day.year != year) {
                self.report(
                    row,
                    "year.outside",
                    Severity::Info,
                    first,
                    format!("本行的日期都不在{year}年内，不计入{year}年度的指标。"),
                );
            }
        }
    }

    /// `later` must not be before `earlier` when both are filled.
    fn order(&mut self, rule: &'static str, earlier: &'static str, later: &'static str) {
        let sheet = self.sheet;
        for row in &sheet.rows {
            if let (Some(a), Some(b)) = (sheet.day(row, earlier), sheet.day(row, later)) {
                if b < a {
                    self.report(
                        row,
                        rule,
                        Severity::Error,
                        later,
                        format!("{later}（{b}）早于{earlier}（{a}），请核对。"),
                    );
                }
            }
        }
    }

    /// A number (案号, 文号) used by two rows.
    fn unique(&mut self, column: &'static str) {
        let sheet = self.sheet;
        let mut seen: HashMap<String, u32> = HashMap::new();
        for row in &sheet.rows {
            let Some(number) = sheet.text(row, column) else {
                continue;
            };
            let key: String = number.chars().filter(|c| !c.is_whitespace()).collect();
            match seen.get(&key) {
                Some(first) => {
                    let message =
                        format!("{column}“{number}”与第{first}行重复，同一{column}只能登记一次。");
                    self.report(
                        row,
                        "row.duplicate_number",
                        Severity::Error,
                        column,
                        message,
                    );
                }
                None => {
                    seen.insert(key, row.line);
                }
            }
        }
    }
}

fn reconsideration(rows: &mut Rows, year: i32, config: &Config) {
    rows.unique("案号");
    rows.order("order.accepted_before_received", "收到日期", "受理日期");
    rows.order("order.closed_before_accepted", "受理日期", "结案日期");
    let sheet = rows.sheet;
    let limit = config.deadlines.reconsideration_days;
    let extended = limit + config.deadlines.reconsideration_extension_days;
    let year_end = Day::new(year, 12, 31).expect("31 December exists");
    for row in &sheet.rows {
        let accepted = sheet.choice(row, "是否受理") == Some("是");
        let accepted_on = sheet.day(row, "受理日期");
        let closed_on = sheet.day(row, "结案日期");
        let outcome = sheet.choice(row, "结果");
        if accepted && accepted_on.is_none() {
            rows.report(
                row,
                "row.accepted_without_date",
                Severity::Error,
                "受理日期",
                "“是否受理”为“是”，但没有受理日期。".to_owned(),
            );
        }
        if !accepted && accepted_on.is_some() {
            rows.report(
                row,
                "row.refused_with_date",
                Severity::Warning,
                "是否受理",
                "填有受理日期，但“是否受理”不是“是”。".to_owned(),
            );
        }
        if closed_on.is_some() && !accepted {
            rows.report(
                row,
                "row.closed_without_acceptance",
                Severity::Error,
                "结案日期",
                "案件未受理，却填有结案日期。不予受理的申请不填结案日期。".to_owned(),
            );
        }
        match (closed_on, outcome) {
            (Some(_), None) => rows.report(
                row,
                "row.closed_without_outcome",
                Severity::Error,
                "结果",
                "已填结案日期，但没有填写结果。".to_owned(),
            ),
            (None, Some(o)) => rows.report(
                row,
                "row.outcome_without_close",
                Severity::Error,
                "结案日期",
                format!("结果为“{o}”，但没有结案日期。"),
            ),
            _ => {}
        }
        let Some(accepted_on) = accepted_on else {
            continue;
        };
        let (days, end, open) = match closed_on {
            Some(closed_on) => (accepted_on.days_until(closed_on), closed_on, false),
            None if year_end > accepted_on.plus_days(extended) => {
                (accepted_on.days_until(year_end), year_end, true)
            }
            None => continue,
        };
        let state = if open {
            format!("至{end}仍未结案")
        } else {
            format!("{end}结案")
        };
        if days > extended {
            rows.report(row, "deadline.reconsideration_overdue", Severity::Warning, "结案日期", format!(
                "{accepted_on}受理，{state}，已{days}日，超过行政复议法第六十二条规定的审理期限（{limit}日，经批准延长最多{}日）。",
                config.deadlines.reconsideration_extension_days
            ));
        } else if days > limit {
            rows.report(row, "deadline.reconsideration_extended", Severity::Info, "结案日期", format!(
                "{accepted_on}受理，{state}，用时{days}日，超过{limit}日审理期限，应有经批准延长期限的记录。"
            ));
        }
    }
}

fn litigation(rows: &mut Rows) {
    rows.unique("案号");
    rows.order("order.hearing_before_filing", "立案日期", "开庭日期");
    let sheet = rows.sheet;
    for row in &sheet.rows {
        let appeared = matches!(sheet.choice(row, "负责人出庭"), Some("正职" | "副职"));
        if appeared && sheet.day(row, "开庭日期").is_none() {
            rows.report(
                row,
                "row.appearance_without_hearing",
                Severity::Warning,
                "开庭日期",
                "填写了负责人出庭，但没有开庭日期。".to_owned(),
            );
        }
    }
}

fn normative_documents(rows: &mut Rows, year: i32, config: &Config) {
    rows.unique("文号");
    rows.order("order.filed_before_published", "公布日期", "报送备案日期");
    let sheet = rows.sheet;
    let deadline = config.deadlines.filing_days;
    for row in &sheet.rows {
        let published = sheet.day(row, "公布日期");
        let reviewed = sheet.day(row, "合法性审核日期");
        if let (Some(p), Some(r)) = (published, reviewed) {
            if r > p {
                rows.report(
                    row,
                    "order.reviewed_after_published",
                    Severity::Warning,
                    "合法性审核日期",
                    format!(
                    "合法性审核日期（{r}）晚于公布日期（{p}）。规范性文件应当先经合法性审核再公布。"
                ),
                );
            }
        }
        let Some(published) = published.filter(|p| p.year == year) else {
            continue;
        };
        match sheet.value(row, "报送备案日期") {
            Value::Day(filed) => {
                let days = published.days_until(*filed);
                if days > deadline {
                    rows.report(
                        row,
                        "deadline.filing_late",
                        Severity::Warning,
                        "报送备案日期",
                        format!(
                        "{published}公布，{filed}报送备案，相隔{days}日，超过{deadline}日的备案期限。"
                    ),
                    );
                }
            }
            Value::Blank => rows.report(
                row,
                "row.not_filed",
                Severity::Warning,
                "报送备案日期",
                format!(
                "{published}公布的文件没有报送备案日期。已备案的请补填日期，无须备案的填“不适用”。"
            ),
            ),
            _ => {}
        }
    }
}

fn major_decisions(rows: &mut Rows, config: &Config) {
    rows.order(
        "order.comment_period_reversed",
        "征求意见开始日期",
        "征求意见截止日期",
    );
    let sheet = rows.sheet;
    let least = config.deadlines.comment_period_days;
    for row in &sheet.rows {
        if let (Some(from), Some(to)) = (
            sheet.day(row, "征求意见开始日期"),
            sheet.day(row, "征求意见截止日期"),
        ) {
            // Both ends count: 1 to 30 June is a 30-day period.
            let days = from.days_until(to) + 1;
            if (1..least).contains(&days) {
                rows.report(row, "deadline.comment_period_short", Severity::Warning, "征求意见截止日期", format!(
                    "公开征求意见{from}至{to}，共{days}日，少于{least}日（重大行政决策程序暂行条例第十五条：一般不少于30日）。"
                ));
            }
        }
        if sheet.day(row, "公布日期").is_some() {
            for (column, step) in [
                ("集体讨论日期", "集体讨论决定"),
                ("合法性审查日期", "合法性审查"),
            ] {
                if *sheet.value(row, column) == Value::Blank {
                    rows.report(
                        row,
                        "row.decision_step_missing",
                        Severity::Warning,
                        column,
                        format!("决策已公布，但没有{step}的日期。{step}是重大行政决策的法定程序。"),
                    );
                }
            }
        }
    }
}

fn mediation(rows: &mut Rows) {
    let sheet = rows.sheet;
    for row in &sheet.rows {
        if let (Some(cases), Some(resolved)) =
            (sheet.count(row, "受理"), sheet.count(row, "调解成功"))
        {
            if resolved > cases {
                rows.report(
                    row,
                    "row.resolved_exceeds_cases",
                    Severity::Error,
                    "调解成功",
                    format!("调解成功{resolved}件，多于受理的{cases}件。"),
                );
            }
        }
    }
}

fn rectification(rows: &mut Rows, year: i32) {
    rows.order("order.rectified_before_found", "发现日期", "整改日期");
    let sheet = rows.sheet;
    let year_end = Day::new(year, 12, 31).expect("31 December exists");
    for row in &sheet.rows {
        let done = sheet.choice(row, "状态") == Some("已整改");
        let fixed_on = sheet.day(row, "整改日期");
        let due = sheet.day(row, "整改期限");
        match (done, fixed_on) {
            (true, None) => rows.report(
                row,
                "row.rectified_without_date",
                Severity::Error,
                "整改日期",
                "状态为“已整改”，但没有整改日期。".to_owned(),
            ),
            (false, Some(_)) => rows.report(
                row,
                "row.date_without_rectified",
                Severity::Warning,
                "状态",
                "填有整改日期，但状态不是“已整改”。".to_owned(),
            ),
            _ => {}
        }
        match (due, fixed_on) {
            (Some(due), Some(fixed)) if done && fixed > due => rows.report(
                row,
                "deadline.rectification_late",
                Severity::Warning,
                "整改日期",
                format!(
                    "整改期限{due}，{fixed}才完成整改，逾期{}日。",
                    due.days_until(fixed)
                ),
            ),
            (Some(due), _) if !done && due < year_end => rows.report(
                row,
                "deadline.rectification_overdue",
                Severity::Warning,
                "整改期限",
                format!("整改期限{due}已过，至{year}年底仍未整改完毕。"),
            ),
            _ => {}
        }
    }
}
