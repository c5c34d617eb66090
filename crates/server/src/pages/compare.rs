//! 对比: one or several indicators across the reports that pass the
//! filters — a table and a bar chart per indicator, each figure linking to
//! its sentence in its report — and the reports ranked by their card.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use fazhi_engine::Catalog;
use fazhi_store::{CompareRow, ReportFilter, ReportRow};
use maud::{html, Markup, PreEscaped};

use super::{layout, level_label, Filters, Section};
use crate::chart;
use crate::failure::PageError;
use crate::Workbench;

/// What a comparison asks for: indicators and reports (both keys may
/// repeat; no report means every report that passes the filters) and filters.
pub(crate) struct CompareQuery {
    pub indicators: Vec<String>,
    pub reports: Vec<i64>,
    pub filters: Filters,
}

impl CompareQuery {
    pub(crate) fn parse(query: Option<&str>) -> CompareQuery {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
        let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        CompareQuery {
            indicators: pairs
                .iter()
                .filter(|(k, v)| k == "indicator" && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_owned())
                .collect(),
            reports: pairs
                .iter()
                .filter(|(k, _)| k == "report")
                .filter_map(|(_, v)| v.trim().parse().ok())
                .collect(),
            filters: Filters {
                year: value("year"),
                level: value("level"),
                region: value("region"),
            },
        }
    }

    /// The query string again, for export links.
    /// The reports compared, as the store filters them.
    pub(crate) fn filter(&self) -> ReportFilter {
        ReportFilter {
            ids: (!self.reports.is_empty()).then(|| self.reports.clone()),
            ..self.filters.to_store()
        }
    }

    pub(crate) fn query(&self) -> String {
        let mut parts: Vec<String> = self
            .indicators
            .iter()
            .map(|i| format!("indicator={}", super::encode(i)))
            .chain(self.reports.iter().map(|r| format!("report={r}")))
            .collect();
        let filters = self.filters.query();
        if !filters.is_empty() {
            parts.push(filters);
        }
        parts.join("&")
    }
}

pub(crate) async fn page(
    State(workbench): State<Arc<Workbench>>,
    RawQuery(query): RawQuery,
) -> Result<Markup, PageError> {
    let query = CompareQuery::parse(query.as_deref());
    let filter = query.filter();
    let choices = workbench.choices()?;
    let mut tables = Vec::new();
    for indicator in &query.indicators {
        tables.push((
            indicator.clone(),
            workbench.store.compare(indicator, &filter)?,
        ));
    }
    let ranked = workbench.store.reports(&filter)?;
    Ok(layout(
        "对比",
        Section::Compare,
        html! {
            h1 { "对比" }
            (form(&query, &choices.indicators, &choices.years))
            @if !query.indicators.is_empty() {
                p.exports {
                    "导出: "
                    a href={ "/export/compare.csv?" (query.query()) } { "CSV" }
                    " · "
                    a href={ "/export/compare.xlsx?" (query.query()) } { "XLSX" }
                    " · "
                    a href={ "/api/compare?" (query.query()) } { "JSON" }
                }
            }
            @for (indicator, rows) in &tables {
                (indicator_section(indicator, rows))
            }
            (ranking(&ranked))
        },
    ))
}

fn form(query: &CompareQuery, present: &[(String, usize)], years: &[i32]) -> Markup {
    let catalog = Catalog::builtin();
    html! {
        form.filters method="get" action="/compare" {
            div.field {
                label for="indicator" { "指标(可多选)" }
                select #indicator name="indicator" multiple size="6" {
                    @for (id, reports) in present {
                        option value=(id) selected[query.indicators.contains(id)] {
                            (catalog.get(id).map_or(id.as_str(), |i| i.name.as_str()))
                            " (" (reports) " 份报告)"
                        }
                    }
                }
            }
            (query.filters.fields(years))
            @for id in &query.reports {
                input type="hidden" name="report" value=(id);
            }
            button type="submit" { "对比" }
        }
        @if !query.reports.is_empty() {
            p { "只对比所选的 " (query.reports.len()) " 份报告。 " a href="/compare" { "改为全部报告" } }
        }
    }
}

fn indicator_section(indicator: &str, rows: &[CompareRow]) -> Markup {
    let name = Catalog::builtin()
        .get(indicator)
        .map_or(indicator.to_owned(), |i| i.name.clone());
    let bars: Vec<chart::Bar> = rows
        .iter()
        .filter_map(|r| {
            Some(chart::Bar {
                label: format!(
                    "{} {}",
                    r.jurisdiction.as_deref().unwrap_or("未知单位"),
                    r.report_year.map_or(String::new(), |y| y.to_string())
                ),
                value: r.value.parse().ok()?,
                shown: format!("{}{}", r.value, r.unit),
                href: format!("/reports/{}#c{}", r.report_id, r.start),
            })
        })
        .collect();
    html! {
        section.indicator aria-labelledby={ "h-" (indicator) } {
            h2 id={ "h-" (indicator) } { (name) " " code { (indicator) } }
            @if rows.is_empty() {
                p { "所选报告中没有这项数据。" }
            } @else {
                figure {
                    (PreEscaped(chart::bars(&name, &bars)))
                    figcaption { (name) ": 各报告所报数值(点击条形查看原文)" }
                }
                div.scroll {
                    table.compare {
                        thead {
                            tr {
                                th scope="col" { "单位" }
                                th scope="col" { "层级" }
                                th scope="col" { "年度" }
                                th scope="col" { "数值" }
                                th scope="col" { "原文" }
                            }
                        }
                        tbody {
                            @for r in rows {
                                tr {
                                    th scope="row" { a href={ "/reports/" (r.report_id) } { (r.jurisdiction.as_deref().unwrap_or("未知")) } }
                                    td { (level_label(r.level.as_deref())) }
                                    td { (r.report_year.map_or("未知".to_owned(), |y| y.to_string())) }
                                    td.number { a href={ "/reports/" (r.report_id) "#c" (r.start) } { (r.value) " " (r.unit) } }
                                    td { (r.evidence) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn ranking(rows: &[ReportRow]) -> Markup {
    let mut ranked: Vec<&ReportRow> = rows.iter().collect();
    ranked.sort_by(|a, b| b.score.cmp(&a.score).then(a.errors.cmp(&b.errors)));
    html! {
        section.ranking aria-labelledby="ranking-heading" {
            h2 #ranking-heading { "报告质量排名(按评分)" }
            @if ranked.is_empty() {
                p { "没有符合条件的报告。" }
            } @else {
                table {
                    thead { tr { th scope="col" { "名次" } th scope="col" { "单位" } th scope="col" { "年度" } th scope="col" { "评分" } } }
                    tbody {
                        @for (i, r) in ranked.iter().enumerate() {
                            tr {
                                td { (i + 1) }
                                th scope="row" { a href={ "/reports/" (r.id) } { (r.jurisdiction.as_deref().unwrap_or(&r.file_name)) } }
                                td { (r.report_year.map_or("未知".to_owned(), |y| y.to_string())) }
                                td.score { a href={ "/reports/" (r.id) "#card" } { (r.score) } }
                            }
                        }
                    }
                }
            }
        }
    }
}
