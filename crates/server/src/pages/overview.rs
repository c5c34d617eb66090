//! 总览: one row per report — who, which year, the required items, whether
//! it was published on time, who signed it, its findings and its score —
//! every cell a link to the evidence on the report's page.

use std::sync::Arc;

use axum::extract::{Query, State};
use fazhi_store::ReportRow;
use maud::{html, Markup};

use super::{layout, level_label, Filters, Section};
use crate::failure::PageError;
use crate::Workbench;

/// The required items, as the table heads name them.
const ITEMS: &[&str] = &["举措和成效", "第一责任人", "不足", "原因", "下一年度安排"];

pub(crate) async fn page(
    State(workbench): State<Arc<Workbench>>,
    Query(filters): Query<Filters>,
) -> Result<Markup, PageError> {
    let rows = workbench.store.reports(&filters.to_store())?;
    let choices = workbench.choices()?;
    let query = filters.query();
    Ok(layout(
        "总览",
        Section::Overview,
        html! {
            h1 { "总览" }
            form.filters method="get" action="/" {
                (filters.fields(&choices.years))
                button type="submit" { "筛选" }
            }
            p.exports {
                "导出本表: "
                a href={ "/export/reports.csv?" (query) } { "CSV" }
                " · "
                a href={ "/export/reports.xlsx?" (query) } { "XLSX" }
                " · "
                a href="/api/reports" { "JSON" }
            }
            @if rows.is_empty() {
                p { "还没有报告。请先" a href="/import" { "导入" } "报告文件。" }
            } @else {
                (table(&rows))
            }
        },
    ))
}

fn table(rows: &[ReportRow]) -> Markup {
    html! {
        form #pick method="get" action="/compare" {
            button type="submit" { "对比所选报告" }
        }
        div.scroll {
            table.overview {
                caption { "共 " (rows.len()) " 份报告" }
                thead {
                    tr {
                        th scope="col" { span.visually-hidden { "选择" } }
                        th scope="col" { "单位" }
                        th scope="col" { "层级" }
                        th scope="col" { "年度" }
                        @for item in ITEMS { th scope="col" { (item) } }
                        th scope="col" { "按时公开" }
                        th scope="col" { "落款/发布单位" }
                        th scope="col" { "错误" }
                        th scope="col" { "警告" }
                        th scope="col" { "提示" }
                        th scope="col" { "评分" }
                    }
                }
                tbody {
                    @for row in rows { (row_cells(row)) }
                }
            }
        }
    }
}

fn row_cells(row: &ReportRow) -> Markup {
    let at = |anchor: &str| format!("/reports/{}#{anchor}", row.id);
    let items = [
        row.items.measures,
        row.items.first_responsible,
        row.items.shortcomings,
        row.items.causes,
        row.items.next_year_plan,
    ];
    let unit = row
        .jurisdiction
        .clone()
        .or_else(|| row.title.clone())
        .unwrap_or_else(|| row.file_name.clone());
    html! {
        tr {
            td.pick {
                input type="checkbox" name="report" value=(row.id) form="pick"
                    aria-label={ "选择 " (unit) };
            }
            th scope="row" { a href={ "/reports/" (row.id) } { (unit) } }
            td { a href=(at("meta")) { (level_label(row.level.as_deref())) } }
            td { a href=(at("meta")) { (row.report_year.map_or("未知".to_owned(), |y| y.to_string())) } }
            @for found in items {
                td.item {
                    @if found { a.ok href=(at("items")) { "✓" } }
                    @else { a.missing href=(at("items")) { "缺失" } }
                }
            }
            td {
                a href=(at("meta")) {
                    @match row.on_time() {
                        Some(true) => span.ok { "按时" },
                        Some(false) => span.missing { "逾期" },
                        None => span.unknown { "未知" },
                    }
                }
            }
            td { a href=(at("meta")) { (row.issuer.as_deref().unwrap_or("未知")) } }
            td.count { a href=(at("findings")) { (row.errors) } }
            td.count { a href=(at("findings")) { (row.warnings) } }
            td.count { a href=(at("findings")) { (row.infos) } }
            td.score { a href=(at("card")) { (row.score) } }
        }
    }
}
