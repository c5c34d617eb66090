//! 检索: full-text search in Chinese over every report, with filters by
//! year, level, region and indicator; hits with their highlighted
//! passages, each a link to the place in the report.

use std::sync::Arc;

use axum::extract::{Query, State};
use fazhi_engine::Catalog;
use fazhi_search::Hits;
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;

use super::{encode, layout, Filters, Section};
use crate::failure::PageError;
use crate::Workbench;

/// Hits per page.
pub(crate) const PAGE: usize = 20;

/// A search as the form (or the API) sends it; every field is text, as a
/// form sends it (an empty field is no filter).
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct SearchQuery {
    q: Option<String>,
    indicator: Option<String>,
    offset: Option<String>,
    year: Option<String>,
    level: Option<String>,
    region: Option<String>,
}

/// A search, read.
#[derive(Clone, Debug)]
pub(crate) struct SearchForm {
    pub q: String,
    pub indicator: Option<String>,
    pub offset: usize,
    pub filters: Filters,
}

impl From<SearchQuery> for SearchForm {
    fn from(q: SearchQuery) -> SearchForm {
        SearchForm {
            q: q.q.unwrap_or_default(),
            indicator: q.indicator.filter(|i| !i.trim().is_empty()),
            offset: q.offset.and_then(|o| o.trim().parse().ok()).unwrap_or(0),
            filters: Filters {
                year: q.year,
                level: q.level,
                region: q.region,
            },
        }
    }
}

impl SearchForm {
    /// Runs the search.
    pub(crate) fn run(
        &self,
        workbench: &Workbench,
        limit: usize,
    ) -> Result<Hits, crate::failure::Failure> {
        let filter = self.filters.to_store();
        let indicator = self.indicator.as_deref();
        workbench.search(&fazhi_search::Query {
            text: self.q.trim(),
            year: filter.year,
            level: filter.level.as_deref(),
            region: filter.region.as_deref(),
            indicator,
            limit,
            offset: self.offset,
        })
    }

    /// The query string of this search at another offset.
    fn at(&self, offset: usize) -> String {
        let mut query = format!("q={}&offset={offset}", encode(&self.q));
        if let Some(i) = &self.indicator {
            query.push_str(&format!("&indicator={}", encode(i)));
        }
        let filters = self.filters.query();
        if !filters.is_empty() {
            query.push('&');
            query.push_str(&filters);
        }
        query
    }
}

pub(crate) async fn page(
    State(workbench): State<Arc<Workbench>>,
    Query(query): Query<SearchQuery>,
) -> Result<Markup, PageError> {
    let form = SearchForm::from(query);
    let searched = !form.q.trim().is_empty();
    let hits = if searched {
        let wb = Arc::clone(&workbench);
        let f = form.clone();
        Some(tokio::task::spawn_blocking(move || f.run(&wb, PAGE)).await??)
    } else {
        None
    };
    let choices = workbench.choices()?;
    Ok(layout(
        "检索",
        Section::Search,
        html! {
            h1 { "检索" }
            form.filters method="get" action="/search" role="search" {
                div.field.wide {
                    label for="q" { "检索词" }
                    input #q name="q" type="search" value=(form.q) placeholder="如: 行政复议 或 \"重大行政决策\"";
                }
                div.field {
                    label for="indicator" { "含有指标" }
                    select #indicator name="indicator" {
                        option value="" { "不限" }
                        @for (id, _) in &choices.indicators {
                            option value=(id) selected[form.indicator.as_deref() == Some(id.as_str())] {
                                (Catalog::builtin().get(id).map_or(id.as_str(), |i| i.name.as_str()))
                            }
                        }
                    }
                }
                (form.filters.fields(&choices.years))
                button type="submit" { "检索" }
            }
            p.hint { "多个词之间用空格分隔, 结果须含全部词; 用引号检索连续的短语。繁体字也能检到。" }
            @if let Some(hits) = &hits {
                (results(&form, hits))
            }
        },
    ))
}

fn results(form: &SearchForm, hits: &Hits) -> Markup {
    html! {
        p role="status" { "共 " (hits.total) " 份报告" }
        ol.hits start=(form.offset + 1) {
            @for hit in &hits.hits {
                li {
                    a.hit href={ "/reports/" (hit.id) } { (hit.title) }
                    @for snippet in &hit.snippets {
                        p.snippet {
                            (PreEscaped(snippet.to_html()))
                            " "
                            a href={ "/reports/" (hit.id) "?at=" (snippet.start) "#at" } { "见原文" }
                        }
                    }
                }
            }
        }
        nav.pages aria-label="翻页" {
            @if form.offset > 0 {
                a href={ "/search?" (form.at(form.offset.saturating_sub(PAGE))) } { "上一页" }
            }
            @if form.offset + hits.hits.len() < hits.total {
                " "
                a href={ "/search?" (form.at(form.offset + PAGE)) } { "下一页" }
            }
        }
    }
}
