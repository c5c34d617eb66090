//! A problem in a ledger: where it is (sheet, row, column) and what is
//! wrong, in Chinese for the staff who fill it.

use serde::Serialize;

/// Every rule a problem can name, as docs/ledger.md lists them.
pub const RULES: &[&str] = &[
    "cell.formula_error",
    "cell.fractional_count",
    "cell.money_precision",
    "cell.negative",
    "cell.not_a_date",
    "cell.not_a_number",
    "cell.not_a_year",
    "cell.not_in_list",
    "deadline.comment_period_short",
    "deadline.filing_late",
    "deadline.reconsideration_extended",
    "deadline.reconsideration_overdue",
    "deadline.rectification_late",
    "deadline.rectification_overdue",
    "order.accepted_before_received",
    "order.closed_before_accepted",
    "order.comment_period_reversed",
    "order.filed_before_published",
    "order.hearing_before_filing",
    "order.rectified_before_found",
    "order.reviewed_after_published",
    "row.accepted_without_date",
    "row.appearance_without_hearing",
    "row.closed_without_acceptance",
    "row.closed_without_outcome",
    "row.date_without_rectified",
    "row.decision_step_missing",
    "row.duplicate_number",
    "row.not_filed",
    "row.outcome_without_close",
    "row.rectified_without_date",
    "row.refused_with_date",
    "row.required_blank",
    "row.resolved_exceeds_cases",
    "sheet.missing",
    "sheet.missing_column",
    "sheet.no_header",
    "sheet.not_applicable_with_rows",
    "year.outside",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The figures cannot be trusted until it is fixed.
    Error,
    /// The data is coherent but shows a breach of a legal deadline or a
    /// likely slip.
    Warning,
    /// Worth knowing (a row outside the year is not counted).
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// A rule id of docs/ledger.md, e.g. `deadline.filing_late`.
    pub rule: &'static str,
    pub severity: Severity,
    pub sheet: String,
    /// The spreadsheet's row number; none for a problem of the whole sheet.
    pub row: Option<u32>,
    pub column: Option<&'static str>,
    pub message: String,
}

impl Problem {
    /// "行政复议 第5行 结案日期", the place as a user finds it in Excel.
    pub fn place(&self) -> String {
        let mut place = self.sheet.clone();
        if let Some(row) = self.row {
            place.push_str(&format!(" 第{row}行"));
        }
        if let Some(column) = self.column {
            place.push_str(&format!(" {column}"));
        }
        place
    }
}
