//! Exports: every table of the workbench as CSV (UTF-8 with a byte-order
//! mark, so Excel reads the Chinese) or XLSX, with the filters of the page
//! it came from.

use std::sync::Arc;

use axum::extract::{Path, Query, RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fazhi_engine::Catalog;
use rust_xlsxwriter::{Format, Workbook};

use crate::failure::{Failure, PageError};
use crate::pages::compare::CompareQuery;
use crate::pages::{level_label, Filters};
use crate::Workbench;

/// A table to export: a sheet name, a header and rows of cells.
struct Table {
    name: &'static str,
    header: &'static [&'static str],
    rows: Vec<Vec<Cell>>,
}

enum Cell {
    Text(String),
    /// An exact decimal as written; a number in XLSX when it survives the
    /// conversion to a spreadsheet's double unchanged, else text.
    Number(String),
}

pub(crate) async fn reports(
    State(workbench): State<Arc<Workbench>>,
    Path(format): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Response, PageError> {
    let rows = workbench.store.reports(&filters.to_store())?;
    let yes_no = |b: bool| Cell::Text(if b { "有" } else { "缺失" }.to_owned());
    let table = Table {
        name: "总览",
        header: &[
            "编号",
            "单位",
            "层级",
            "报告年度",
            "标题",
            "举措和成效",
            "第一责任人",
            "不足",
            "原因",
            "下一年度安排",
            "发布日期",
            "按时公开",
            "落款/发布单位",
            "错误",
            "警告",
            "提示",
            "评分",
            "文件",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Number(r.id.to_string()),
                    Cell::Text(r.jurisdiction.clone().unwrap_or_default()),
                    Cell::Text(level_label(r.level.as_deref()).to_owned()),
                    Cell::Number(r.report_year.map(|y| y.to_string()).unwrap_or_default()),
                    Cell::Text(r.title.clone().unwrap_or_default()),
                    yes_no(r.items.measures),
                    yes_no(r.items.first_responsible),
                    yes_no(r.items.shortcomings),
                    yes_no(r.items.causes),
                    yes_no(r.items.next_year_plan),
                    Cell::Text(r.published_date.clone().unwrap_or_default()),
                    Cell::Text(
                        match r.on_time() {
                            Some(true) => "是",
                            Some(false) => "否",
                            None => "未知",
                        }
                        .to_owned(),
                    ),
                    Cell::Text(r.issuer.clone().unwrap_or_default()),
                    Cell::Number(r.errors.to_string()),
                    Cell::Number(r.warnings.to_string()),
                    Cell::Number(r.infos.to_string()),
                    Cell::Number(r.score.to_string()),
                    Cell::Text(r.file_name.clone()),
                ]
            })
            .collect(),
    };
    respond(&table, &format, "报告总览")
}

pub(crate) async fn compare(
    State(workbench): State<Arc<Workbench>>,
    Path(format): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let query = CompareQuery::parse(query.as_deref());
    let filter = query.filter();
    let catalog = Catalog::builtin();
    let mut rows = Vec::new();
    for indicator in &query.indicators {
        let name = catalog.get(indicator).map_or("", |i| i.name.as_str());
        for r in workbench.store.compare(indicator, &filter)? {
            rows.push(vec![
                Cell::Text(r.jurisdiction.unwrap_or_default()),
                Cell::Text(level_label(r.level.as_deref()).to_owned()),
                Cell::Number(r.report_year.map(|y| y.to_string()).unwrap_or_default()),
                Cell::Text(indicator.clone()),
                Cell::Text(name.to_owned()),
                Cell::Number(r.value),
                Cell::Text(r.unit),
                Cell::Text(r.qualifier),
                Cell::Text(r.evidence),
                Cell::Text(format!("/reports/{}#c{}", r.report_id, r.start)),
            ]);
        }
    }
    let table = Table {
        name: "对比",
        header: &[
            "单位",
            "层级",
            "报告年度",
            "指标",
            "指标名称",
            "数值",
            "计量单位",
            "限定",
            "原文",
            "出处",
        ],
        rows,
    };
    respond(&table, &format, "指标对比")
}

fn respond(table: &Table, format: &str, file_stem: &str) -> Result<Response, PageError> {
    let (bytes, content_type, extension) = match format {
        "csv" => (csv(table), "text/csv; charset=utf-8", "csv"),
        "xlsx" => (
            xlsx(table)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        other => {
            return Err(Failure::new(
                StatusCode::NOT_FOUND,
                format!("不支持导出为“{other}”格式(可选 csv、xlsx)"),
            )
            .into())
        }
    };
    let disposition = format!(
        "attachment; filename*=UTF-8''{}.{extension}",
        crate::pages::encode(file_stem)
    );
    Ok((
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

fn csv(table: &Table) -> Vec<u8> {
    let mut out = String::from('\u{feff}');
    out.push_str(&table.header.join(","));
    out.push_str("\r\n");
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) | Cell::Number(s) => csv_field(s),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn xlsx(table: &Table) -> Result<Vec<u8>, Failure> {
    let failed = |e: rust_xlsxwriter::XlsxError| {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("XLSX 生成失败: {e}"),
        )
    };
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.name).map_err(failed)?;
    let bold = Format::new().set_bold();
    for (col, title) in table.header.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *title, &bold)
            .map_err(failed)?;
    }
    for (i, row) in table.rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Number(s) => match exact_double(s) {
                    Some(n) => sheet.write_number(r, col, n).map(|_| ()),
                    None => sheet.write_string(r, col, s).map(|_| ()),
                },
                Cell::Text(s) => sheet.write_string(r, col, s).map(|_| ()),
            }
            .map_err(failed)?;
        }
    }
    workbook.save_to_buffer().map_err(failed)
}

/// The decimal `s` as a spreadsheet number, when that number prints back
/// as `s` (no digit lost to binary floating point).
fn exact_double(s: &str) -> Option<f64> {
    let n: f64 = s.parse().ok()?;
    (n.to_string() == s).then_some(n)
}
