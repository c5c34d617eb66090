//! 报告: one report — what it is, its required items, its report card and
//! findings, and its text with every figure highlighted (hover shows the
//! indicator, value and qualifier), the outline as a side panel. Every
//! place the page refers to is an anchor `#c<offset>` in the text.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use fazhi_engine::Catalog;
use fazhi_store::StoredReport;
use maud::{html, Markup};
use serde::Deserialize;

use super::{layout, level_label, severity_label, Section};
use crate::failure::{Failure, PageError};
use crate::Workbench;

/// What the page reads of the stored analysis (the rest of it is in the API).
#[derive(Deserialize)]
struct Analysis {
    outline: Vec<Heading>,
    facts: Vec<Fact>,
    findings: Vec<Finding>,
    parts: Parts,
}

#[derive(Deserialize)]
struct Heading {
    level: u8,
    title: String,
    start: usize,
}

#[derive(Deserialize)]
struct Fact {
    indicator: Option<String>,
    value: serde_json::Number,
    unit: String,
    qualifier: String,
    subject: String,
    start: usize,
    end: usize,
    plan: bool,
}

#[derive(Deserialize)]
struct Finding {
    rule: String,
    severity: String,
    message: String,
    start: usize,
}

#[derive(Deserialize)]
struct Parts {
    locations: std::collections::BTreeMap<String, Location>,
}

#[derive(Deserialize)]
struct Location {
    start: usize,
}

#[derive(Deserialize)]
struct Card {
    score: u32,
    deductions: Vec<Deduction>,
}

#[derive(Deserialize)]
struct Deduction {
    rule: String,
    name: String,
    findings: usize,
    points: u32,
}

/// The required items, by their names in the output contract.
const ITEMS: &[(&str, &str)] = &[
    ("measures", "上一年度推进法治政府建设的主要举措和成效"),
    ("first_responsible", "党政主要负责人履行第一责任人职责情况"),
    ("shortcomings", "存在的不足"),
    ("causes", "不足的原因"),
    ("next_year_plan", "下一年度主要安排"),
];

/// A place in the text to show, from a link elsewhere (a search hit).
#[derive(Deserialize)]
pub(crate) struct At {
    at: Option<String>,
}

pub(crate) async fn page(
    State(workbench): State<Arc<Workbench>>,
    Path(id): Path<i64>,
    Query(at): Query<At>,
) -> Result<Markup, PageError> {
    let at: Option<usize> = at.at.and_then(|a| a.parse().ok());
    let report = workbench
        .store
        .report(id)?
        .ok_or_else(|| Failure::not_found("这份报告"))?;
    let analysis: Analysis = serde_json::from_str(&report.analysis)
        .map_err(|e| Failure::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let card: Card = serde_json::from_str(&report.card)
        .map_err(|e| Failure::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let row = &report.row;
    let title = display_title(
        row.title.as_deref(),
        row.jurisdiction.as_deref(),
        row.report_year,
        &row.file_name,
    );
    Ok(layout(
        &title,
        Section::None,
        html! {
            h1 { (title) }
            div.report {
                aside.outline aria-label="提纲" {
                    h2 { "提纲" }
                    (outline(&analysis.outline))
                }
                div.details {
                    (meta(&report))
                    (items(&analysis.parts))
                    (card_section(&card))
                    (findings(&analysis.findings))
                    section #text aria-labelledby="text-heading" {
                        h2 #text-heading { "正文" (format!("(数据 {} 条,已标出)", analysis.facts.len())) }
                        article.text { (annotated(&report.text, &analysis, at)) }
                    }
                }
            }
        },
    ))
}

/// The report's title, or what it is when it has none ("株洲市芦淞区 2023
/// 年度法治政府建设报告"), or its file name.
pub(crate) fn display_title(
    title: Option<&str>,
    unit: Option<&str>,
    year: Option<i32>,
    file_name: &str,
) -> String {
    match (title, unit, year) {
        (Some(title), _, _) => title.to_owned(),
        (None, Some(unit), Some(year)) => format!("{unit} {year}年度法治政府建设报告"),
        _ => file_name.to_owned(),
    }
}

/// The file as uploaded.
pub(crate) async fn original(
    State(workbench): State<Arc<Workbench>>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (name, bytes) = workbench
        .store
        .original(id)?
        .ok_or_else(|| Failure::not_found("这份报告"))?;
    let disposition = format!("attachment; filename*=UTF-8''{}", super::encode(&name));
    Ok((
        [
            (CONTENT_TYPE, "application/octet-stream".to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

fn outline(headings: &[Heading]) -> Markup {
    html! {
        @if headings.is_empty() {
            p { "未识别到标题" }
        } @else {
            ol {
                @for h in headings {
                    li class={ "level-" (h.level.min(4)) } {
                        a href={ "#c" (h.start) } { (h.title) }
                    }
                }
            }
        }
    }
}

fn meta(report: &StoredReport) -> Markup {
    let row = &report.row;
    let or_unknown = |v: &Option<String>| v.clone().unwrap_or_else(|| "未知".to_owned());
    let on_time = match row.on_time() {
        Some(true) => "是",
        Some(false) => "否(逾期)",
        None => "未知",
    };
    html! {
        section #meta aria-labelledby="meta-heading" {
            h2 #meta-heading { "基本信息" }
            dl.meta {
                dt { "单位" } dd { (or_unknown(&row.jurisdiction)) }
                dt { "层级" } dd { (level_label(row.level.as_deref())) }
                dt { "报告年度" } dd { (row.report_year.map_or("未知".to_owned(), |y| format!("{y}年"))) }
                dt { "签发日期" } dd { (or_unknown(&row.signed_date)) }
                dt { "发布日期" } dd { (or_unknown(&row.published_date)) }
                dt { "按时公开" } dd { (on_time) }
                dt { "落款/发布单位" } dd { (or_unknown(&row.issuer)) }
                dt { "原始文件" } dd {
                    a href={ "/reports/" (row.id) "/original" } { (row.file_name) }
                    " (" (report.format) ", " (report.encoding) ")"
                }
                dt { "分析结果" } dd { a href={ "/api/reports/" (row.id) } { "JSON" } }
            }
        }
    }
}

fn items(parts: &Parts) -> Markup {
    html! {
        section #items aria-labelledby="items-heading" {
            h2 #items-heading { "必报内容" }
            ul.items {
                @for (name, label) in ITEMS {
                    li {
                        @match parts.locations.get(*name) {
                            Some(at) => { span.ok { "✓" } " " a href={ "#c" (at.start) } { (label) } },
                            None => { span.missing { "缺失" } " " (label) },
                        }
                    }
                }
            }
        }
    }
}

fn card_section(card: &Card) -> Markup {
    html! {
        section #card aria-labelledby="card-heading" {
            h2 #card-heading { "评分: " span.score { (card.score) } " 分" }
            @if card.deductions.is_empty() {
                p { "没有扣分。" }
            } @else {
                table.card {
                    thead { tr { th scope="col" { "规则" } th scope="col" { "问题数" } th scope="col" { "扣分" } } }
                    tbody {
                        @for d in &card.deductions {
                            tr { td { (d.name) " " code { (d.rule) } } td { (d.findings) } td { "−" (d.points) } }
                        }
                    }
                }
            }
        }
    }
}

fn findings(findings: &[Finding]) -> Markup {
    html! {
        section #findings aria-labelledby="findings-heading" {
            h2 #findings-heading { "审核意见(" (findings.len()) " 条)" }
            @if findings.is_empty() {
                p { "未发现问题。" }
            } @else {
                ol.findings {
                    @for f in findings {
                        li class=(f.severity) {
                            span.badge { (severity_label(&f.severity)) }
                            " " (f.message) " "
                            a href={ "#c" (f.start) } { "见原文" }
                            " " code { (f.rule) }
                        }
                    }
                }
            }
        }
    }
}

/// A piece of the text as shown.
enum Piece<'a> {
    Text(&'a str),
    Figure {
        text: &'a str,
        label: String,
        plan: bool,
    },
    /// An anchor at a character offset: `c<offset>`, or `at` for the place
    /// a link asked to show.
    Anchor(usize, bool),
}

/// The text with its figures marked and an anchor at every place the page
/// links to (and at `at`, the place a link from elsewhere asked for).
fn annotated(text: &str, analysis: &Analysis, at_link: Option<usize>) -> Markup {
    let catalog = Catalog::builtin();
    let mut anchors: BTreeSet<(usize, bool)> =
        analysis.outline.iter().map(|h| (h.start, false)).collect();
    anchors.extend(analysis.findings.iter().map(|f| (f.start, false)));
    anchors.extend(analysis.parts.locations.values().map(|l| (l.start, false)));
    anchors.extend(at_link.map(|a| (a, true)));
    let mut figures: Vec<&Fact> = analysis.facts.iter().collect();
    figures.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let starts = char_starts(text);
    let byte = |c: usize| starts[c.min(starts.len() - 1)];
    let mut pieces = Vec::new();
    let mut at = 0;
    let mut anchors = anchors.into_iter().peekable();
    for fact in figures {
        if fact.start < at {
            continue; // another fact of the same figure
        }
        while let Some(&(a, linked)) = anchors.peek().filter(|&&(a, _)| a <= fact.start) {
            pieces.push(Piece::Text(&text[byte(at)..byte(a.max(at))]));
            pieces.push(Piece::Anchor(a, linked));
            at = a.max(at);
            anchors.next();
        }
        pieces.push(Piece::Text(&text[byte(at)..byte(fact.start)]));
        pieces.push(Piece::Figure {
            text: &text[byte(fact.start)..byte(fact.end)],
            label: label(fact, catalog),
            plan: fact.plan,
        });
        at = fact.end;
    }
    for (a, linked) in anchors {
        pieces.push(Piece::Text(&text[byte(at)..byte(a.max(at))]));
        pieces.push(Piece::Anchor(a, linked));
        at = a.max(at);
    }
    pieces.push(Piece::Text(&text[byte(at)..]));
    html! {
        @for piece in &pieces {
            @match piece {
                Piece::Text(s) => (s),
                Piece::Figure { text, label, plan } => {
                    mark.figure.plan[*plan] title=(label) tabindex="0" { (text) }
                },
                Piece::Anchor(_, true) => span.anchor.linked #at {},
                Piece::Anchor(a, false) => span.anchor id={ "c" (a) } {},
            }
        }
    }
}

/// What hovering a figure shows: indicator, value, qualifier.
fn label(fact: &Fact, catalog: &Catalog) -> String {
    let indicator = match fact.indicator.as_deref() {
        Some(id) => match catalog.get(id) {
            Some(i) => format!("{} ({id})", i.name),
            None => id.to_owned(),
        },
        None => format!("未归入指标目录: {}", fact.subject),
    };
    let qualifier = match fact.qualifier.as_str() {
        "at_least" => " (以上/余)",
        "approx" => " (约)",
        "at_most" => " (以内/不足)",
        _ => "",
    };
    let plan = if fact.plan {
        " [下一年度目标]"
    } else {
        ""
    };
    format!("{indicator}: {} {}{qualifier}{plan}", fact.value, fact.unit)
}

/// The byte offset of every character of `text`, and its length at the end.
fn char_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}
