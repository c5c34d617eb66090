//! Output formats of `fazhi analyze`: a Chinese table for people, JSON, JSON
//! Lines and CSV for machines. The JSON shape is the output contract
//! (`{"file", "meta", "parts", "outline", "facts", "findings", "diagnostics"}`,
//! plus `card`, or `{"file", "error"}` for a file that could not be read).

use std::io::{self, Write};

use fazhi_engine::{Analysis, Catalog, Fact, Level, Qualifier, Severity};
use fazhi_review::Card;
use serde::Serialize;

use crate::analyze::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
}

pub fn write(out: &mut impl Write, format: Format, reports: &[Report]) -> io::Result<()> {
    match format {
        Format::Table => reports.iter().try_for_each(|r| write_table(out, r)),
        Format::Jsonl => reports.iter().try_for_each(|r| {
            serde_json::to_writer(&mut *out, &ReportJson::from(r))?;
            writeln!(out)
        }),
        Format::Json => {
            let all: Vec<ReportJson> = reports.iter().map(ReportJson::from).collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)
        }
        Format::Csv => write_csv(out, reports),
    }
}

#[derive(Serialize)]
struct ReportJson<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    analysis: Option<&'a Analysis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    card: Option<&'a Card>,
}

impl<'a> From<&'a Report> for ReportJson<'a> {
    fn from(r: &'a Report) -> Self {
        match &r.outcome {
            Ok(a) => ReportJson {
                file: &r.file,
                error: None,
                format: Some(a.source.format.as_str()),
                encoding: Some(a.source.encoding),
                analysis: Some(&a.analysis),
                card: Some(&a.card),
            },
            Err(e) => ReportJson {
                file: &r.file,
                error: Some(e),
                format: None,
                encoding: None,
                analysis: None,
                card: None,
            },
        }
    }
}

const CSV_HEADER: &[&str] = &[
    "file",
    "jurisdiction",
    "report_year",
    "indicator",
    "indicator_name",
    "value",
    "unit",
    "qualifier",
    "subject",
    "start",
    "end",
    "parent",
    "plan",
    "evidence",
];

fn write_csv(out: &mut impl Write, reports: &[Report]) -> io::Result<()> {
    writeln!(out, "{}", CSV_HEADER.join(","))?;
    let catalog = Catalog::builtin();
    for report in reports {
        let Ok(a) = &report.outcome else { continue };
        let meta = &a.analysis.meta;
        for fact in &a.analysis.facts {
            let name = fact
                .indicator
                .as_deref()
                .and_then(|id| catalog.get(id))
                .map_or("", |i| i.name.as_str());
            let row = [
                report.file.clone(),
                meta.jurisdiction.clone().unwrap_or_default(),
                meta.report_year.map(|y| y.to_string()).unwrap_or_default(),
                fact.indicator.clone().unwrap_or_default(),
                name.to_owned(),
                fact.value.to_string(),
                fact.unit.clone(),
                fact.qualifier.as_str().to_owned(),
                fact.subject.clone(),
                fact.start.to_string(),
                fact.end.to_string(),
                fact.parent.map(|p| p.to_string()).unwrap_or_default(),
                fact.plan.to_string(),
                fact.evidence.clone(),
            ];
            let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
            writeln!(out, "{}", fields.join(","))?;
        }
    }
    Ok(())
}

pub fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

fn write_table(out: &mut impl Write, report: &Report) -> io::Result<()> {
    writeln!(out, "━━ {} ━━", report.file)?;
    let a = match &report.outcome {
        Ok(a) => a,
        Err(e) => return writeln!(out, "无法读取: {e}\n"),
    };
    let analysis = &a.analysis;
    let m = &analysis.meta;
    let or_unknown = |v: Option<String>| v.unwrap_or_else(|| "未知".to_owned());
    writeln!(out, "标题      {}", or_unknown(m.title.clone()))?;
    writeln!(
        out,
        "地区/单位 {}  层级 {}",
        or_unknown(m.jurisdiction.clone()),
        or_unknown(m.level.map(|l| level_label(l).to_owned()))
    )?;
    writeln!(
        out,
        "报告年度  {}",
        or_unknown(m.report_year.map(|y| y.to_string()))
    )?;
    writeln!(
        out,
        "签发日期  {}  发布日期 {}",
        or_unknown(m.signed_date.clone()),
        or_unknown(m.published_date.clone())
    )?;
    writeln!(out, "发布单位  {}", or_unknown(m.issuer.clone()))?;
    let page = &m.page;
    if page.source.is_some() || page.publisher.is_some() || page.index_no.is_some() {
        writeln!(
            out,
            "页面信息  来源 {}  发布机构 {}  索引号 {}",
            or_unknown(page.source.clone()),
            or_unknown(page.publisher.clone()),
            or_unknown(page.index_no.clone())
        )?;
    }
    let p = &analysis.parts;
    let mark = |found: bool| if found { "✓" } else { "缺失" };
    writeln!(
        out,
        "五项内容  主要举措和成效 {} | 第一责任人履职 {} | 存在的不足 {} | 原因 {} | 下一年度安排 {}",
        mark(p.measures.is_some()),
        mark(p.first_responsible.is_some()),
        mark(p.shortcomings.is_some()),
        mark(p.causes.is_some()),
        mark(p.next_year_plan.is_some()),
    )?;
    writeln!(out, "提纲      {} 个标题", analysis.outline.len())?;
    let named = analysis
        .facts
        .iter()
        .filter(|f| f.indicator.is_some())
        .count();
    writeln!(
        out,
        "数据      {} 条 (其中 {named} 条归入指标目录)",
        analysis.facts.len()
    )?;
    let catalog = Catalog::builtin();
    for fact in &analysis.facts {
        write_fact_row(out, catalog, fact)?;
    }
    for d in &analysis.diagnostics {
        writeln!(out, "提示      {}", d.message)?;
    }
    write_findings(out, analysis, &a.card)?;
    writeln!(out)
}

fn write_findings(out: &mut impl Write, analysis: &Analysis, card: &Card) -> io::Result<()> {
    let count = |s: Severity| analysis.findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        out,
        "审核意见  {} 条 (错误 {}, 警告 {}, 提示 {})",
        analysis.findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )?;
    for finding in &analysis.findings {
        writeln!(
            out,
            "  [{}] {}  第{}字  {}",
            severity_label(finding.severity),
            finding.rule,
            finding.start + 1,
            finding.message
        )?;
    }
    let breakdown: Vec<String> = card
        .deductions
        .iter()
        .filter(|d| d.points > 0)
        .map(|d| format!("{} −{}", d.name, d.points))
        .collect();
    let breakdown = if breakdown.is_empty() {
        String::new()
    } else {
        format!(" ({})", breakdown.join(", "))
    };
    writeln!(out, "评分      {} 分{breakdown}", card.score)
}

pub fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

fn write_fact_row(out: &mut impl Write, catalog: &Catalog, fact: &Fact) -> io::Result<()> {
    let name = fact
        .indicator
        .as_deref()
        .and_then(|id| catalog.get(id))
        .map_or("(未归类)", |i| i.name.as_str());
    let plan = if fact.plan { " [计划]" } else { "" };
    let repeat = fact
        .repeats
        .map(|i| format!(" [同第{}条]", i + 1))
        .unwrap_or_default();
    writeln!(
        out,
        "  {:<12} {} {}{plan}{repeat}  {name}  «{}»",
        fact.value.to_string(),
        fact.unit,
        qualifier_label(fact.qualifier),
        fact.subject
    )?;
    writeln!(
        out,
        "               原文: {}",
        shortened(&fact.evidence, EVIDENCE_CHARS)
    )
}

/// How much of a source sentence the table shows.
const EVIDENCE_CHARS: usize = 90;

pub fn shortened(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn level_label(level: Level) -> &'static str {
    match level {
        Level::National => "国家",
        Level::Province => "省级",
        Level::City => "市级",
        Level::County => "县级",
        Level::Township => "乡镇(街道)",
        Level::Department => "部门",
    }
}

fn qualifier_label(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::AtLeast => "(以上)",
        Qualifier::Approx => "(约)",
        Qualifier::AtMost => "(以下)",
    }
}
