//! Reading a workbook: cells as the spreadsheet stores them (`Cell`), then
//! typed against the register's columns (`Value`), with a problem for every
//! cell that does not fit.
//!
//! The two steps are apart so the typing rules are tested on plain grids,
//! without building spreadsheets; calamine is only the first step.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use fazhi_numerals::Decimal;

use crate::day::Day;
use crate::ledger::{Ledger, Row, Sheet, Value};
use crate::problem::{Problem, Severity};
use crate::schema::{
    Kind, Register, GUIDE_SHEET, NOT_APPLICABLE, REGISTERS, UNIT_LABEL, YEAR_LABEL,
};

/// A workbook that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The spreadsheet reader's own explanation (English) is kept for a
    /// developer's `Debug`, not shown to users.
    #[error("无法读取台账文件：它不是Excel工作簿（.xlsx），或者文件已损坏。请用 fazhi ledger template 生成的模板填写台账后上传")]
    NotAWorkbook(String),
    #[error("台账文件中没有任何台账工作表（如“行政复议”“规范性文件”）。请使用 fazhi ledger template 生成的模板")]
    NoRegister,
}

/// A cell as the spreadsheet stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// Excel keeps every number as a double; it is turned into an exact
    /// decimal through its shortest text at once (`Cell::decimal`).
    Number(f64),
    /// A date-formatted number: Excel's serial.
    Date(f64),
    Bool(bool),
    /// `#N/A`, `#DIV/0!`…
    Error(String),
}

/// Reads a workbook (XLSX, and also XLS or ODS) into a ledger and the
/// problems of its cells.
pub fn read(bytes: &[u8]) -> Result<(Ledger, Vec<Problem>), ReadError> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ReadError::NotAWorkbook(e.to_string()))?;
    let names = workbook.sheet_names();
    if !REGISTERS.iter().any(|r| names.iter().any(|n| n == r.sheet)) {
        return Err(ReadError::NoRegister);
    }
    let mut grid = |name: &str| -> Option<Vec<Vec<Cell>>> {
        let range = workbook.worksheet_range(name).ok()?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        // Cells are placed at their spreadsheet position, so a sheet whose
        // first rows or columns are empty keeps its row numbers.
        let mut rows = vec![Vec::new(); row0 as usize];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; col0 as usize];
            cells.extend(row.iter().map(cell));
            rows.push(cells);
        }
        Some(rows)
    };
    let mut ledger = Ledger::empty();
    let mut problems = Vec::new();
    if let Some(guide) = grid(GUIDE_SHEET) {
        read_guide(&guide, &mut ledger, &mut problems);
    }
    for register in REGISTERS {
        match grid(register.sheet) {
            Some(rows) => {
                let sheet = parse_sheet(register, &rows, &mut problems);
                *ledger.sheet_mut(register) = sheet;
            }
            None => problems.push(Problem {
                rule: "sheet.missing",
                severity: Severity::Warning,
                sheet: register.sheet.to_owned(),
                row: None,
                column: None,
                message: format!("台账缺少工作表“{}”，按未填写处理。", register.sheet),
            }),
        }
    }
    Ok((ledger, problems))
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => Cell::Date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

impl Cell {
    fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The exact decimal a number cell shows: Rust prints the shortest text
    /// that reads back as the same double, which is what the user typed.
    fn decimal(&self) -> Option<Decimal> {
        match self {
            Cell::Number(f) if f.is_finite() => format!("{f}").parse().ok(),
            Cell::Text(t) => t.trim().replace([',', ','], "").parse().ok(),
            _ => None,
        }
    }

    fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(f) | Cell::Date(f) => format!("{f}"),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// 说明's 填报单位 and 年度 (label in column A, value in column B).
fn read_guide(rows: &[Vec<Cell>], ledger: &mut Ledger, problems: &mut Vec<Problem>) {
    for (i, row) in rows.iter().enumerate() {
        let (Some(label), Some(value)) = (row.first(), row.get(1)) else {
            continue;
        };
        let value = value.shown();
        if value.is_empty() {
            continue;
        }
        match label.shown().as_str() {
            UNIT_LABEL => ledger.unit = Some(value),
            YEAR_LABEL => match value.trim_end_matches('年').parse::<i32>() {
                Ok(year) if (2000..=2100).contains(&year) => ledger.year = Some(year),
                _ => problems.push(Problem {
                    rule: "cell.not_a_year",
                    severity: Severity::Error,
                    sheet: GUIDE_SHEET.to_owned(),
                    row: Some(i as u32 + 1),
                    column: Some(YEAR_LABEL),
                    message: format!("“{value}”不是年份，请填写四位数年份，如2025。"),
                }),
            },
            _ => {}
        }
    }
}

/// Types one sheet's grid (header in the first row) against its register.
pub fn parse_sheet(
    register: &'static Register,
    rows: &[Vec<Cell>],
    problems: &mut Vec<Problem>,
) -> Sheet {
    let mut sheet = Sheet {
        register,
        not_applicable: false,
        rows: Vec::new(),
    };
    let Some((header, body)) = rows.split_first() else {
        return sheet;
    };
    let Some(positions) = column_positions(register, header, problems) else {
        return sheet;
    };
    for (i, cells) in body.iter().enumerate() {
        let line = i as u32 + 2;
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        if sheet.rows.is_empty() && marks_not_applicable(cells) {
            sheet.not_applicable = true;
            continue;
        }
        let values = register
            .columns
            .iter()
            .zip(&positions)
            .map(|(column, &at)| {
                let cell = at.and_then(|at| cells.get(at)).unwrap_or(&Cell::Empty);
                typed(cell, column.kind).unwrap_or_else(|message| {
                    problems.push(Problem {
                        rule: message.rule,
                        severity: Severity::Error,
                        sheet: register.sheet.to_owned(),
                        row: Some(line),
                        column: Some(column.header),
                        message: message.text,
                    });
                    Value::Blank
                })
            })
            .collect();
        sheet.rows.push(Row { line, values });
    }
    if sheet.not_applicable && !sheet.rows.is_empty() {
        problems.push(Problem {
            rule: "sheet.not_applicable_with_rows",
            severity: Severity::Error,
            sheet: register.sheet.to_owned(),
            row: Some(2),
            column: None,
            message: "第一行标注本台账“不适用”，下面却填有数据。请删除“不适用”或删除数据。"
                .to_owned(),
        });
        sheet.not_applicable = false;
    }
    sheet
}

/// Where each column of the register is in the sheet; headers may be in
/// any order, and extra columns are the unit's own.
fn column_positions(
    register: &Register,
    header: &[Cell],
    problems: &mut Vec<Problem>,
) -> Option<Vec<Option<usize>>> {
    let headers: Vec<String> = header.iter().map(Cell::shown).collect();
    if headers.iter().all(String::is_empty) {
        problems.push(Problem {
            rule: "sheet.no_header",
            severity: Severity::Error,
            sheet: register.sheet.to_owned(),
            row: Some(1),
            column: None,
            message: "第1行应为表头（列名），现为空。请使用模板的表头。".to_owned(),
        });
        return None;
    }
    let positions = register
        .columns
        .iter()
        .map(|column| {
            let at = headers.iter().position(|h| h == column.header);
            if at.is_none() {
                problems.push(Problem {
                    rule: "sheet.missing_column",
                    severity: if column.required {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    sheet: register.sheet.to_owned(),
                    row: Some(1),
                    column: Some(column.header),
                    message: format!("缺少“{}”列，该列按未填写处理。", column.header),
                });
            }
            at
        })
        .collect();
    Some(positions)
}

/// A first row that says only 不适用: the register does not apply.
fn marks_not_applicable(cells: &[Cell]) -> bool {
    let filled: Vec<String> = cells
        .iter()
        .filter(|c| !c.is_blank())
        .map(Cell::shown)
        .collect();
    filled == [NOT_APPLICABLE]
}

struct CellProblem {
    rule: &'static str,
    text: String,
}

fn wrong(rule: &'static str, text: String) -> CellProblem {
    CellProblem { rule, text }
}

fn typed(cell: &Cell, kind: Kind) -> Result<Value, CellProblem> {
    if cell.is_blank() {
        return Ok(Value::Blank);
    }
    let shown = cell.shown();
    if shown == NOT_APPLICABLE {
        return Ok(Value::NotApplicable);
    }
    if let Cell::Error(e) = cell {
        return Err(wrong(
            "cell.formula_error",
            format!("单元格是公式错误“{e}”，请改为数值。"),
        ));
    }
    match kind {
        Kind::Text => Ok(Value::Text(shown)),
        Kind::Day => day(cell).map(Value::Day).ok_or_else(|| {
            wrong(
                "cell.not_a_date",
                format!("“{shown}”不是有效日期，请填写如2025-03-05的日期。"),
            )
        }),
        Kind::Count => count(cell, &shown).map(Value::Count),
        Kind::Money => money(cell, &shown).map(Value::Money),
        Kind::Choice(options) => choice(cell, &shown, options).map(Value::Choice),
    }
}

fn day(cell: &Cell) -> Option<Day> {
    match cell {
        Cell::Date(serial) => Day::from_excel_serial(*serial),
        Cell::Text(t) => Day::parse(t),
        _ => None,
    }
}

fn count(cell: &Cell, shown: &str) -> Result<u64, CellProblem> {
    let not_a_number = || {
        wrong(
            "cell.not_a_number",
            format!("“{shown}”不是数字，请填写阿拉伯数字；没有填0，不适用填“不适用”。"),
        )
    };
    let value = cell.decimal().ok_or_else(not_a_number)?;
    if value < Decimal::from_int(0) {
        return Err(wrong(
            "cell.negative",
            format!("“{shown}”是负数，件数、人数不能为负。"),
        ));
    }
    let whole = value.to_i64().ok_or_else(|| {
        wrong(
            "cell.fractional_count",
            format!("“{shown}”带小数，件数、人数应为整数。"),
        )
    })?;
    Ok(whole.unsigned_abs())
}

fn money(cell: &Cell, shown: &str) -> Result<Decimal, CellProblem> {
    let value = cell.decimal().ok_or_else(|| {
        wrong(
            "cell.not_a_number",
            format!("“{shown}”不是金额，请以元为单位填写数字（如12345.67）。"),
        )
    })?;
    if value < Decimal::from_int(0) {
        return Err(wrong(
            "cell.negative",
            format!("“{shown}”是负数，金额不能为负。"),
        ));
    }
    if value.scale() > 2 {
        return Err(wrong(
            "cell.money_precision",
            format!("“{shown}”超过两位小数，金额以元为单位，最多精确到分。"),
        ));
    }
    Ok(value)
}

fn choice(
    cell: &Cell,
    shown: &str,
    options: &'static [&'static str],
) -> Result<&'static str, CellProblem> {
    let wanted = match cell {
        Cell::Bool(true) => "是",
        Cell::Bool(false) => "否",
        _ => shown,
    };
    options
        .iter()
        .copied()
        .find(|o| *o == wanted)
        .ok_or_else(|| {
            wrong(
                "cell.not_in_list",
                format!(
                    "“{shown}”不在可选范围内，请从下拉列表选择：{}。",
                    options.join("、")
                ),
            )
        })
}
