//! What the database gives back, row by row, and the filters it takes.
//!
//! Each row type knows its columns (`COLUMNS`, in the order `read` expects
//! them), so a query and its reader cannot drift apart.

use rusqlite::types::Value;
use rusqlite::Row;
use serde::Serialize;

/// One report in a list: who, which year, the required items, timeliness,
/// findings by severity and the score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportRow {
    pub id: i64,
    pub file_name: String,
    pub title: Option<String>,
    pub jurisdiction: Option<String>,
    pub level: Option<String>,
    pub report_year: Option<i32>,
    pub signed_date: Option<String>,
    pub published_date: Option<String>,
    pub issuer: Option<String>,
    pub items: RequiredItems,
    pub score: u32,
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
    pub imported_at: String,
}

/// Which of the required content items the report has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RequiredItems {
    pub measures: bool,
    pub first_responsible: bool,
    pub shortcomings: bool,
    pub causes: bool,
    pub next_year_plan: bool,
}

impl ReportRow {
    pub(crate) const COLUMNS: &'static str = "r.id, r.file_name, r.title, r.jurisdiction, \
        r.level, r.report_year, r.signed_date, r.published_date, r.issuer, r.measures, \
        r.first_responsible, r.shortcomings, r.causes, r.next_year_plan, r.score, r.errors, \
        r.warnings, r.infos, r.imported_at";

    pub(crate) fn read(r: &Row) -> rusqlite::Result<ReportRow> {
        Ok(ReportRow {
            id: r.get(0)?,
            file_name: r.get(1)?,
            title: r.get(2)?,
            jurisdiction: r.get(3)?,
            level: r.get(4)?,
            report_year: r.get(5)?,
            signed_date: r.get(6)?,
            published_date: r.get(7)?,
            issuer: r.get(8)?,
            items: RequiredItems {
                measures: r.get(9)?,
                first_responsible: r.get(10)?,
                shortcomings: r.get(11)?,
                causes: r.get(12)?,
                next_year_plan: r.get(13)?,
            },
            score: r.get(14)?,
            errors: r.get(15)?,
            warnings: r.get(16)?,
            infos: r.get(17)?,
            imported_at: r.get(18)?,
        })
    }

    /// Whether the report was published before 1 April of the year after
    /// the year it covers; `None` when either date is unknown.
    pub fn on_time(&self) -> Option<bool> {
        let (year, published) = (self.report_year?, self.published_date.as_deref()?);
        Some(published < format!("{}-04-01", year + 1).as_str())
    }
}

/// One report whole: its row, how it was read, its text, and the analysis
/// and card as `analyze --format jsonl` writes them (JSON).
#[derive(Clone, Debug)]
pub struct StoredReport {
    pub row: ReportRow,
    pub format: String,
    pub encoding: String,
    pub text: String,
    pub analysis: String,
    pub card: String,
}

impl StoredReport {
    pub(crate) fn read(r: &Row) -> rusqlite::Result<StoredReport> {
        let base = ReportRow::COLUMNS.split(',').count();
        Ok(StoredReport {
            row: ReportRow::read(r)?,
            format: r.get(base)?,
            encoding: r.get(base + 1)?,
            text: r.get(base + 2)?,
            analysis: r.get(base + 3)?,
            card: r.get(base + 4)?,
        })
    }
}

/// One figure of an indicator, with its report and evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareRow {
    pub report_id: i64,
    pub jurisdiction: Option<String>,
    pub level: Option<String>,
    pub report_year: Option<i32>,
    pub score: u32,
    pub indicator: String,
    /// The exact value as text (a decimal: money is never a float).
    pub value: String,
    pub unit: String,
    pub qualifier: String,
    pub start: usize,
    pub end: usize,
    pub evidence: String,
}

impl CompareRow {
    pub(crate) const COLUMNS: &'static str = "r.id, r.jurisdiction, r.level, r.report_year, \
        r.score, f.indicator, f.value, f.unit, f.qualifier, f.start_char, f.end_char, f.evidence";

    pub(crate) fn read(r: &Row) -> rusqlite::Result<CompareRow> {
        Ok(CompareRow {
            report_id: r.get(0)?,
            jurisdiction: r.get(1)?,
            level: r.get(2)?,
            report_year: r.get(3)?,
            score: r.get(4)?,
            indicator: r.get(5)?,
            value: r.get(6)?,
            unit: r.get(7)?,
            qualifier: r.get(8)?,
            start: r.get::<_, i64>(9)? as usize,
            end: r.get::<_, i64>(10)? as usize,
            evidence: r.get(11)?,
        })
    }
}

/// A report as the search index takes it.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexRow {
    pub id: i64,
    pub title: Option<String>,
    pub file_name: String,
    pub text: String,
    pub jurisdiction: Option<String>,
    pub level: Option<String>,
    pub report_year: Option<i32>,
    pub indicators: Vec<String>,
}

impl IndexRow {
    /// The row without its indicators (`Store::indexed_after` adds them).
    pub(crate) fn read(r: &Row) -> rusqlite::Result<IndexRow> {
        Ok(IndexRow {
            id: r.get(0)?,
            title: r.get(1)?,
            file_name: r.get(2)?,
            text: r.get(3)?,
            jurisdiction: r.get(4)?,
            level: r.get(5)?,
            report_year: r.get(6)?,
            indicators: Vec::new(),
        })
    }
}

/// Which reports a list or a comparison covers; every field set narrows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub year: Option<i32>,
    pub level: Option<String>,
    /// A place the jurisdiction contains ("株洲市" takes 株洲市芦淞区).
    pub region: Option<String>,
    /// Only these reports.
    pub ids: Option<Vec<i64>>,
}

impl ReportFilter {
    /// The `WHERE` condition on `reports r` and its parameters, numbered from 1.
    pub(crate) fn to_sql(&self) -> (String, Vec<Value>) {
        let mut conditions = vec!["1 = 1".to_owned()];
        let mut values = Vec::new();
        let mut push = |condition: &str, value: Value| {
            values.push(value);
            conditions.push(condition.replace('?', &format!("?{}", values.len())));
        };
        if let Some(year) = self.year {
            push("r.report_year = ?", Value::Integer(year.into()));
        }
        if let Some(level) = &self.level {
            push("r.level = ?", Value::Text(level.clone()));
        }
        if let Some(region) = &self.region {
            let pattern = format!("%{}%", escape_like(region));
            push("r.jurisdiction LIKE ? ESCAPE '\\'", Value::Text(pattern));
        }
        if let Some(ids) = &self.ids {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            conditions.push(format!("r.id IN ({})", list.join(", ")));
        }
        (conditions.join(" AND "), values)
    }
}

/// `s` with LIKE's wildcards taken literally.
fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
