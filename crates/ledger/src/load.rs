//! A workbook opened for use: read, its year settled, every problem found
//! (cells and rows) in one sorted list, and the year's figures. The command
//! line and the workbench both start here.

use crate::check::check;
use crate::config::Config;
use crate::indicators::{indicators, Indicators};
use crate::ledger::Ledger;
use crate::problem::{Problem, Severity};
use crate::read::{read, ReadError};

pub struct Loaded {
    pub ledger: Ledger,
    pub year: i32,
    /// Errors first, then by sheet and row.
    pub problems: Vec<Problem>,
    pub indicators: Indicators,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("无法确定台账的年度：请在说明页填写“年度”，或另行指定年度")]
    NoYear,
}

/// Opens a workbook; `year` overrides the one the workbook gives.
pub fn load(bytes: &[u8], year: Option<i32>, config: &Config) -> Result<Loaded, LoadError> {
    let (ledger, mut problems) = read(bytes)?;
    let year = year
        .or_else(|| ledger.covered_year())
        .ok_or(LoadError::NoYear)?;
    problems.extend(check(&ledger, year, config));
    problems.sort_by(|a, b| (a.severity, &a.sheet, a.row).cmp(&(b.severity, &b.sheet, b.row)));
    let indicators = indicators(&ledger, year, config);
    Ok(Loaded {
        ledger,
        year,
        problems,
        indicators,
    })
}

impl Loaded {
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}
