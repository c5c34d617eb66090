//! The unit's ledgers (台账): the workbook a unit fills during the year, the
//! problems of its rows, and the year's figures computed from it.
//!
//! `schema` is the workbook's contract (registers, columns, vocabularies);
//! `read` and `write` turn workbooks into `Ledger`s and back; `check` holds
//! rows to the law and to each other; `indicators` computes the figures
//! under the catalog's IDs, with the 口径 of `config`. Nothing here drafts a
//! report (fazhi-draft) or touches files: workbooks come and go as bytes.

mod check;
mod config;
mod day;
mod indicators;
mod ledger;
mod load;
mod problem;
mod read;
mod sample;
pub mod schema;
mod write;

pub use check::check;
pub use config::{
    AppearanceCounts, AppearanceDenominator, Basis, Config, ConfigError, CorrectionBasis, Deadlines,
};
pub use day::Day;
pub use indicators::{indicators, Absence, Figure, Indicators};
pub use ledger::{Ledger, Row, Sheet, Value};
pub use load::{load, LoadError, Loaded};
pub use problem::{Problem, Severity, RULES};
pub use read::{parse_sheet, read, Cell, ReadError};
pub use sample::{sample, INVENTED};
pub use write::{write, WriteError};

#[cfg(test)]
mod tests;
