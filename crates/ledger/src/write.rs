//! Writing a workbook: the empty template a unit fills during the year, and
//! a filled ledger (the shipped example, generated test ledgers).
//!
//! Every register gets its sheet with the headers in row 1 (frozen), an
//! input message per column, a drop-down for every closed vocabulary, and
//! dates formatted as dates; 说明 comes first and explains it all.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

use crate::ledger::{Ledger, Sheet, Value};
use crate::schema::{
    Kind, Register, GUIDE_SHEET, NOT_APPLICABLE, REGISTERS, UNIT_LABEL, YEAR_LABEL,
};

/// A workbook that could not be written (a cell beyond Excel's limits).
#[derive(Debug, thiserror::Error)]
#[error("无法生成台账工作簿：{0}")]
pub struct WriteError(#[from] XlsxError);

/// The rows the drop-downs and date formats cover: enough for any year.
const LAST_ROW: u32 = 100_000;

/// Writes `ledger` as XLSX. `notice` is a line set at the top of 说明 (the
/// example ledger says there that its unit and data are invented).
pub fn write(ledger: &Ledger, notice: Option<&str>) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    // A fixed creation time keeps the bytes of a workbook a function of its
    // content, so the shipped example does not change on every build.
    let created = ExcelDateTime::from_ymd(2025, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("法治政府建设年度报告台账")
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    write_guide(workbook.add_worksheet(), ledger, notice, &styles)?;
    for sheet in &ledger.sheets {
        write_sheet(workbook.add_worksheet(), sheet, &styles)?;
    }
    Ok(workbook.save_to_buffer()?)
}

struct Styles {
    header: Format,
    required: Format,
    day: Format,
    money: Format,
    title: Format,
    wrapped: Format,
}

impl Styles {
    fn new() -> Styles {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border(rust_xlsxwriter::FormatBorder::Thin);
        Styles {
            required: header.clone().set_font_color(Color::RGB(0x9C0006)),
            header,
            day: Format::new().set_num_format("yyyy-mm-dd"),
            money: Format::new().set_num_format("#,##0.00"),
            title: Format::new().set_bold().set_font_size(14),
            wrapped: Format::new().set_text_wrap(),
        }
    }
}

fn write_guide(
    sheet: &mut Worksheet,
    ledger: &Ledger,
    notice: Option<&str>,
    styles: &Styles,
) -> Result<(), WriteError> {
    sheet.set_name(GUIDE_SHEET)?;
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 90)?;
    sheet.write_string_with_format(0, 0, "法治政府建设年度报告 台账", &styles.title)?;
    if let Some(notice) = notice {
        sheet.write_string_with_format(
            1,
            0,
            notice,
            &styles.title.clone().set_font_color(Color::Red),
        )?;
    }
    sheet.write_string_with_format(2, 0, UNIT_LABEL, &styles.header)?;
    sheet.write_string(2, 1, ledger.unit.as_deref().unwrap_or(""))?;
    sheet.write_string_with_format(3, 0, YEAR_LABEL, &styles.header)?;
    match ledger.year {
        Some(year) => sheet.write_number(3, 1, year)?,
        None => sheet.write_string(3, 1, "")?,
    };
    let mut row = 5;
    for line in GUIDE_LINES {
        sheet.write_string_with_format(row, 1, *line, &styles.wrapped)?;
        row += 1;
    }
    for register in REGISTERS {
        row += 1;
        sheet.write_string_with_format(row, 0, register.sheet, &styles.header)?;
        sheet.write_string(row, 1, format!("每行是{}。", register.row))?;
        for column in register.columns {
            row += 1;
            sheet.write_string(
                row,
                1,
                column_help(column.header, column.required, column.kind, column.note),
            )?;
        }
    }
    Ok(())
}

const GUIDE_LINES: &[&str] = &[
    "每张工作表是一本台账，每行一条记录；第1行是表头，请勿修改列名（可以在右侧增加本单位自用的列）。",
    "日期填写为2025-03-05的形式，或在Excel中设为日期格式。",
    "数字用阿拉伯数字：确实没有的填0，本单位不适用的填“不适用”，尚不清楚的留空（留空的必填项会在检查中列出）。三者含义不同，请勿混用。",
    "整本台账不适用的（如本单位不承担行政复议职责），在该表第2行第1列填“不适用”，其余留空。",
    "带下拉箭头的列请从列表中选择。金额以元为单位，最多两位小数。",
    "检查台账：fazhi ledger check 台账.xlsx；计算指标：fazhi ledger indicators 台账.xlsx；生成报告草稿：fazhi draft --ledger 台账.xlsx --out 草稿.docx",
];

fn column_help(header: &str, required: bool, kind: Kind, note: &str) -> String {
    let kind = match kind {
        Kind::Text => "文字".to_owned(),
        Kind::Day => "日期".to_owned(),
        Kind::Count => "整数".to_owned(),
        Kind::Money => "金额（元）".to_owned(),
        Kind::Choice(options) => format!("选择：{}", options.join("/")),
    };
    let required = if required { "，必填" } else { "" };
    let note = if note.is_empty() {
        String::new()
    } else {
        format!(";{note}")
    };
    format!("{header}({kind}{required}){note}")
}

fn write_sheet(sheet: &mut Worksheet, data: &Sheet, styles: &Styles) -> Result<(), WriteError> {
    let register = data.register;
    sheet.set_name(register.sheet)?;
    sheet.set_freeze_panes(1, 0)?;
    for (col, column) in register.columns.iter().enumerate() {
        let col = col as u16;
        let style = if column.required {
            &styles.required
        } else {
            &styles.header
        };
        sheet.write_string_with_format(0, col, column.header, style)?;
        sheet.set_column_width(col, column_width(column.header, column.kind))?;
        sheet.add_data_validation(1, col, LAST_ROW, col, &validation(register, col)?)?;
        match column.kind {
            Kind::Day => sheet.set_column_format(col, &styles.day)?,
            Kind::Money => sheet.set_column_format(col, &styles.money)?,
            _ => sheet,
        };
    }
    if data.not_applicable {
        sheet.write_string(1, 0, NOT_APPLICABLE)?;
    }
    for (i, row) in data.rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, value) in row.values.iter().enumerate() {
            write_value(sheet, r, col as u16, value, styles)?;
        }
    }
    Ok(())
}

fn column_width(header: &str, kind: Kind) -> f64 {
    let chars = header.chars().count() as f64 * 2.2 + 2.0;
    let least = match kind {
        Kind::Text => 24.0,
        Kind::Day | Kind::Money => 12.0,
        Kind::Count | Kind::Choice(_) => 8.0,
    };
    chars.max(least)
}

/// A drop-down for closed vocabularies (with 不适用), an input message for
/// every column.
fn validation(register: &Register, col: u16) -> Result<DataValidation, WriteError> {
    let column = &register.columns[col as usize];
    let message = if column.note.is_empty() {
        column_help(column.header, column.required, column.kind, "")
    } else {
        column.note.to_owned()
    };
    let rule = match column.kind {
        Kind::Choice(options) => {
            let mut list: Vec<&str> = options.to_vec();
            list.push(NOT_APPLICABLE);
            DataValidation::new()
                .allow_list_strings(&list)?
                .set_error_message(format!("请从下拉列表中选择：{}", list.join("、")))?
        }
        _ => DataValidation::new().allow_any_value(),
    };
    Ok(rule
        .set_input_title(column.header)?
        .set_input_message(message)?)
}

fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    styles: &Styles,
) -> Result<(), WriteError> {
    match value {
        Value::Blank => {}
        Value::NotApplicable => {
            sheet.write_string(row, col, NOT_APPLICABLE)?;
        }
        Value::Text(text) => {
            sheet.write_string(row, col, text)?;
        }
        Value::Choice(choice) => {
            sheet.write_string(row, col, *choice)?;
        }
        Value::Day(day) => {
            let date = ExcelDateTime::from_ymd(day.year as u16, day.month as u8, day.day as u8)?;
            sheet.write_datetime_with_format(row, col, &date, &styles.day)?;
        }
        Value::Count(n) => {
            sheet.write_number(row, col, *n as f64)?;
        }
        // A spreadsheet number is a double; fen amounts below 2^53 fen
        // survive it exactly, and the reader turns it back into a decimal.
        Value::Money(yuan) => {
            sheet.write_number_with_format(row, col, yuan.to_f64(), &styles.money)?;
        }
    }
    Ok(())
}
