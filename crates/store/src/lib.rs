//! The workbench's database: every imported report with its original file,
//! its text, its analysis, and the facts and findings as rows to query.
//!
//! This is the only crate that knows SQL. It speaks SQLite (bundled, WAL:
//! readers never wait for the writer) through a small set of operations the
//! server needs; the SQL stays portable (no SQLite-only syntax outside
//! `connection`) so a PostgreSQL backend can sit behind the same interface.
//! The schema is versioned by the migrations in `migrations/`, applied in
//! order at open. It does not analyse, search or render: it stores what the
//! engine said and gives it back.

mod connection;
mod rows;

use std::path::Path;

use fazhi_engine::{Analysis, Severity};
use fazhi_review::Card;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use connection::Pool;
pub use rows::{CompareRow, IndexRow, ReportFilter, ReportRow, RequiredItems, StoredReport};

/// Why the database could not do what was asked; the message is for people.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("数据库错误: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("分析结果无法保存: {0}")]
    Json(#[from] serde_json::Error),
    #[error("数据库 {path} 的版本 ({found}) 比本程序支持的 ({supported}) 新, 请升级 fazhi")]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
}

/// A report ready to store: the file as received and what the engine made of it.
pub struct NewReport<'a> {
    pub file_name: &'a str,
    pub original: &'a [u8],
    pub format: &'a str,
    pub encoding: &'a str,
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub card: &'a Card,
}

/// What became of an import: the report's id, and whether it is new (a file
/// imported before keeps its first id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Imported {
    pub id: i64,
    pub created: bool,
}

pub struct Store {
    pool: Pool,
}

impl Store {
    /// Opens the database at `path`, creating it and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Ok(Store {
            pool: Pool::open(path)?,
        })
    }

    /// Stores a report with its facts and findings in one transaction. The
    /// same file (same bytes) stored again changes nothing.
    pub fn import(&self, report: &NewReport) -> Result<Imported, StoreError> {
        let sha256 = hex(&Sha256::digest(report.original));
        self.pool.write(|tx| {
            let existing: Option<i64> = tx
                .query_row("SELECT id FROM reports WHERE sha256 = ?1", [&sha256], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(id) = existing {
                return Ok(Imported { id, created: false });
            }
            let id = insert_report(tx, report, &sha256)?;
            insert_facts(tx, id, report.analysis)?;
            insert_findings(tx, id, report.analysis)?;
            Ok(Imported { id, created: true })
        })
    }

    /// The reports that pass `filter`, newest year first, then by score.
    pub fn reports(&self, filter: &ReportFilter) -> Result<Vec<ReportRow>, StoreError> {
        let (clause, values) = filter.to_sql();
        let sql = format!(
            "SELECT {} FROM reports r WHERE {clause} \
             ORDER BY r.report_year DESC NULLS LAST, r.score DESC, r.id",
            ReportRow::COLUMNS
        );
        self.pool.read(|c| {
            let mut statement = c.prepare_cached(&sql)?;
            let rows =
                statement.query_map(rusqlite::params_from_iter(values.iter()), ReportRow::read)?;
            rows.collect::<Result<Vec<_>, _>>()
                .map_err(StoreError::from)
        })
    }

    /// One report with its text and analysis.
    pub fn report(&self, id: i64) -> Result<Option<StoredReport>, StoreError> {
        let sql = format!(
            "SELECT {}, r.format, r.encoding, c.text, c.analysis, c.card \
             FROM reports r JOIN contents c ON c.report_id = r.id WHERE r.id = ?1",
            ReportRow::COLUMNS
        );
        self.pool.read(|c| {
            c.prepare_cached(&sql)?
                .query_row([id], StoredReport::read)
                .optional()
                .map_err(StoreError::from)
        })
    }

    /// The file as it was uploaded: its name and bytes.
    pub fn original(&self, id: i64) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        self.pool.read(|c| {
            c.prepare_cached(
                "SELECT r.file_name, o.bytes FROM originals o JOIN reports r ON r.id = o.report_id \
                 WHERE o.report_id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(StoreError::from)
        })
    }

    /// The figures of `indicator` in the reports that pass `filter`, by
    /// jurisdiction and year; plan targets excluded.
    pub fn compare(
        &self,
        indicator: &str,
        filter: &ReportFilter,
    ) -> Result<Vec<CompareRow>, StoreError> {
        let (clause, mut values) = filter.to_sql();
        values.push(rusqlite::types::Value::Text(indicator.to_owned()));
        let sql = format!(
            "SELECT {} FROM facts f JOIN reports r ON r.id = f.report_id \
             WHERE {clause} AND f.indicator = ?{} AND f.plan = 0 \
             ORDER BY r.jurisdiction, r.report_year, f.seq",
            CompareRow::COLUMNS,
            values.len()
        );
        self.pool.read(|c| {
            let mut statement = c.prepare_cached(&sql)?;
            let rows =
                statement.query_map(rusqlite::params_from_iter(values.iter()), CompareRow::read)?;
            rows.collect::<Result<Vec<_>, _>>()
                .map_err(StoreError::from)
        })
    }

    /// The indicators stated in at least one report, with how many reports state each.
    pub fn indicators(&self) -> Result<Vec<(String, usize)>, StoreError> {
        self.pool.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT indicator, COUNT(DISTINCT report_id) FROM facts \
                 WHERE indicator IS NOT NULL AND plan = 0 GROUP BY indicator ORDER BY indicator",
            )?;
            let rows =
                statement.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?;
            rows.collect::<Result<Vec<_>, _>>()
                .map_err(StoreError::from)
        })
    }

    /// Up to `limit` reports as the search index needs them, those with an
    /// id above `after`, by id: the index catches up with the database page
    /// by page (and is rebuilt from here when it is missing).
    pub fn indexed_after(&self, after: i64, limit: usize) -> Result<Vec<IndexRow>, StoreError> {
        self.pool.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT r.id, r.title, r.file_name, c.text, r.jurisdiction, r.level, r.report_year \
                 FROM reports r JOIN contents c ON c.report_id = r.id \
                 WHERE r.id > ?1 ORDER BY r.id LIMIT ?2",
            )?;
            let rows = statement.query_map(params![after, limit as i64], IndexRow::read)?;
            let mut rows = rows.collect::<Result<Vec<_>, _>>()?;
            let mut indicators = c.prepare_cached(
                "SELECT DISTINCT indicator FROM facts \
                 WHERE report_id = ?1 AND indicator IS NOT NULL ORDER BY indicator",
            )?;
            for row in &mut rows {
                let ids = indicators.query_map([row.id], |r| r.get(0))?;
                row.indicators = ids.collect::<Result<_, _>>()?;
            }
            Ok(rows)
        })
    }

    /// The years covered by at least one report, newest first.
    pub fn years(&self) -> Result<Vec<i32>, StoreError> {
        self.pool.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT DISTINCT report_year FROM reports WHERE report_year IS NOT NULL \
                 ORDER BY report_year DESC",
            )?;
            let rows = statement.query_map([], |r| r.get(0))?;
            rows.collect::<Result<Vec<_>, _>>()
                .map_err(StoreError::from)
        })
    }

    /// The highest report id: it changes whenever a report is added.
    pub fn last_id(&self) -> Result<i64, StoreError> {
        self.pool.read(|c| {
            Ok(c.query_row("SELECT COALESCE(MAX(id), 0) FROM reports", [], |r| r.get(0))?)
        })
    }

    /// How many reports the database holds.
    pub fn count(&self) -> Result<usize, StoreError> {
        self.pool.read(|c| {
            let n: i64 = c.query_row("SELECT COUNT(*) FROM reports", [], |r| r.get(0))?;
            Ok(n as usize)
        })
    }
}

fn insert_report(tx: &Transaction, report: &NewReport, sha256: &str) -> Result<i64, StoreError> {
    let a = report.analysis;
    let m = &a.meta;
    let count = |s: Severity| a.findings.iter().filter(|f| f.severity == s).count() as i64;
    let level = m
        .level
        .map(|l| serde_json::to_value(l).map(|v| v.as_str().map(str::to_owned)));
    let level = level.transpose()?.flatten();
    tx.execute(
        "INSERT INTO reports (sha256, file_name, format, encoding, imported_at, title, \
         jurisdiction, level, report_year, signed_date, published_date, issuer, measures, \
         first_responsible, shortcomings, causes, next_year_plan, score, errors, warnings, infos) \
         VALUES (?1, ?2, ?3, ?4, CURRENT_TIMESTAMP, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, \
         ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
        params![
            sha256,
            report.file_name,
            report.format,
            report.encoding,
            m.title,
            m.jurisdiction,
            level,
            m.report_year,
            m.signed_date,
            m.published_date,
            m.issuer,
            a.parts.measures.is_some(),
            a.parts.first_responsible.is_some(),
            a.parts.shortcomings.is_some(),
            a.parts.causes.is_some(),
            a.parts.next_year_plan.is_some(),
            report.card.score,
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO contents (report_id, text, analysis, card) VALUES (?1, ?2, ?3, ?4)",
        params![
            id,
            report.text,
            serde_json::to_string(a)?,
            serde_json::to_string(report.card)?,
        ],
    )?;
    tx.execute(
        "INSERT INTO originals (report_id, bytes) VALUES (?1, ?2)",
        params![id, report.original],
    )?;
    Ok(id)
}

fn insert_facts(tx: &Transaction, id: i64, analysis: &Analysis) -> Result<(), StoreError> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO facts (report_id, seq, indicator, value, unit, qualifier, subject, \
         start_char, end_char, evidence, plan) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (seq, f) in analysis.facts.iter().enumerate() {
        statement.execute(params![
            id,
            seq as i64,
            f.indicator,
            f.value.to_string(),
            f.unit,
            f.qualifier.as_str(),
            f.subject,
            f.start as i64,
            f.end as i64,
            f.evidence,
            f.plan,
        ])?;
    }
    Ok(())
}

fn insert_findings(tx: &Transaction, id: i64, analysis: &Analysis) -> Result<(), StoreError> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO findings (report_id, seq, rule, severity, message, start_char, end_char) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (seq, f) in analysis.findings.iter().enumerate() {
        let severity = serde_json::to_value(f.severity)?;
        statement.execute(params![
            id,
            seq as i64,
            f.rule,
            severity.as_str().unwrap_or_default(),
            f.message,
            f.start as i64,
            f.end as i64,
        ])?;
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
