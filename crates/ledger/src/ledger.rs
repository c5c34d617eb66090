//! A ledger as read: for each register, its rows of typed values.
//!
//! Blank, zero and 不适用 are three different answers and stay three
//! different values: a blank count is unknown, a zero is none, 不适用 is a
//! power the unit does not have.

use fazhi_numerals::Decimal;

use crate::day::Day;
use crate::schema::{Register, REGISTERS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Blank,
    NotApplicable,
    Text(String),
    Day(Day),
    Count(u64),
    /// Yuan, exact to the fen.
    Money(Decimal),
    Choice(&'static str),
}

/// One filled row of a register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The spreadsheet's row number (the header is row 1), for messages.
    pub line: u32,
    /// One value per column of the register, in the register's order.
    pub values: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub register: &'static Register,
    /// The whole register marked 不适用 (the unit has no such work).
    pub not_applicable: bool,
    pub rows: Vec<Row>,
}

/// A unit's workbook for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// 说明's 填报单位, when filled.
    pub unit: Option<String>,
    /// 说明's 年度, when filled.
    pub year: Option<i32>,
    /// One per register, in `REGISTERS` order.
    pub sheets: Vec<Sheet>,
}

impl Ledger {
    /// A workbook with every register and no rows: the template.
    pub fn empty() -> Ledger {
        Ledger {
            unit: None,
            year: None,
            sheets: REGISTERS
                .iter()
                .map(|&register| Sheet {
                    register,
                    not_applicable: false,
                    rows: Vec::new(),
                })
                .collect(),
        }
    }

    pub fn sheet(&self, register: &Register) -> &Sheet {
        self.sheets
            .iter()
            .find(|s| s.register.sheet == register.sheet)
            .expect("a ledger has every register")
    }

    pub fn sheet_mut(&mut self, register: &Register) -> &mut Sheet {
        self.sheets
            .iter_mut()
            .find(|s| s.register.sheet == register.sheet)
            .expect("a ledger has every register")
    }

    /// The year the ledger covers: 说明's 年度, else the year most of its
    /// dates fall in.
    pub fn covered_year(&self) -> Option<i32> {
        if self.year.is_some() {
            return self.year;
        }
        let mut years: Vec<i32> = self
            .sheets
            .iter()
            .flat_map(|s| &s.rows)
            .flat_map(|r| &r.values)
            .filter_map(|v| match v {
                Value::Day(d) => Some(d.year),
                _ => None,
            })
            .collect();
        years.sort_unstable();
        let mut best: Option<(i32, usize)> = None;
        for run in years.chunk_by(|a, b| a == b) {
            if best.is_none_or(|(_, n)| run.len() > n) {
                best = Some((run[0], run.len()));
            }
        }
        best.map(|(year, _)| year)
    }

    /// The number of filled rows over all registers.
    pub fn row_count(&self) -> usize {
        self.sheets.iter().map(|s| s.rows.len()).sum()
    }
}

impl Sheet {
    /// The value of `header` in `row`.
    pub fn value<'r>(&self, row: &'r Row, header: &str) -> &'r Value {
        &row.values[self.register.column(header)]
    }

    pub fn day(&self, row: &Row, header: &str) -> Option<Day> {
        match self.value(row, header) {
            Value::Day(d) => Some(*d),
            _ => None,
        }
    }

    pub fn count(&self, row: &Row, header: &str) -> Option<u64> {
        match self.value(row, header) {
            Value::Count(n) => Some(*n),
            _ => None,
        }
    }

    pub fn choice(&self, row: &Row, header: &str) -> Option<&'static str> {
        match self.value(row, header) {
            Value::Choice(c) => Some(c),
            _ => None,
        }
    }

    pub fn text<'r>(&self, row: &'r Row, header: &str) -> Option<&'r str> {
        match self.value(row, header) {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}
