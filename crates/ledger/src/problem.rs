//! A problem in a ledger: where it is (sheet, row, column) and what is
//! wrong, in Chinese for the staff who fill it.

use serde::Serialize;

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
