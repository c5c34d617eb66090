//! 填报: the unit's side of the workbench. The page offers the blank ledger
//! template and the invented example, takes the year's workbook (and last
//! year's report, if given), and shows what `fill` made of them: the
//! ledger's problems, the year's figures, the draft with its self-check and
//! verdict, and links to download the draft.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Multipart, Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fazhi_draft::{Block, Draft, HeadingLevel, Inline, SelfCheck};
use fazhi_engine::Catalog;
use fazhi_ledger::{Absence, Ledger, Loaded, Severity};
use maud::{html, Markup};

use super::import::{field_bytes, next_field, ACCEPTED};
use super::{encode, layout, Section};
use crate::failure::{Failure, PageError};
use crate::fill::{fill, Filled, Form, Upload};
use crate::Workbench;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MARKDOWN: &str = "text/markdown; charset=utf-8";
/// The workbooks the ledger reader opens.
const WORKBOOKS: &str = ".xlsx,.xls,.ods";

pub(crate) async fn page() -> Markup {
    layout("填报", Section::Fill, form(&Form::default(), None))
}

/// The form, filled with what was sent (files cannot be), and why it was
/// refused, if it was.
fn form(sent: &Form, error: Option<&str>) -> Markup {
    let date = match sent.date.trim() {
        "" => fazhi_ledger::Day::in_china_at(std::time::SystemTime::now()).to_string(),
        date => date.to_owned(),
    };
    html! {
        h1 { "填报: 由台账生成年度报告草稿" }
        p {
            "全年在 Excel 台账中逐件登记行政复议、行政诉讼、规范性文件等工作, 年终把台账上传到这里。"
            "系统逐行检查台账、计算本年度指标, 并生成五个必备部分齐全的公文格式报告草稿及其自查结果。"
        }
        p {
            a href="/fill/template.xlsx" { "下载空白台账模板" }
            " · "
            a href="/fill/example.xlsx" { "下载示例台账" }
            "(虚构的“示例县”, 数据均为编造, 可直接上传试用)"
        }
        @if let Some(error) = error {
            p.error role="alert" { (error) }
        }
        form.fill method="post" action="/fill" enctype="multipart/form-data" {
            div.field {
                label for="ledger" { "台账(必选)" }
                input #ledger type="file" name="ledger" accept=(WORKBOOKS) required;
            }
            div.field {
                label for="unit" { "报告单位" }
                input #unit type="text" name="unit" value=(sent.unit) aria-describedby="unit-hint";
                span.hint #unit-hint { "不填则取台账说明页的填报单位" }
            }
            div.field {
                label for="year" { "年度" }
                input #year type="number" name="year" min="2000" max="2100" value=(sent.year) aria-describedby="year-hint";
                span.hint #year-hint { "不填则取台账的年度" }
            }
            div.field {
                label for="previous" { "上一年度报告(可选)" }
                input #previous type="file" name="previous" accept=(ACCEPTED) aria-describedby="previous-hint";
                span.hint #previous-hint { "用于同比变化和“上年度承诺”" }
            }
            div.field {
                label for="date" { "落款日期" }
                input #date type="date" name="date" value=(date);
            }
            button type="submit" { "检查并生成草稿" }
        }
        p.hint {
            "命令行同样可用: " code { "fazhi ledger check 台账.xlsx" } "、"
            code { "fazhi draft --ledger 台账.xlsx --out 草稿.docx" }
        }
    }
}

pub(crate) async fn submit(
    State(workbench): State<Arc<Workbench>>,
    multipart: Multipart,
) -> (StatusCode, Markup) {
    let sent = match read_form(multipart).await {
        Ok(sent) => Arc::new(sent),
        Err(failure) => return refused(&Form::default(), &failure),
    };
    let form = Arc::clone(&sent);
    // Reading, composing, writing and checking the draft are CPU work.
    let filled = tokio::task::spawn_blocking(move || fill(&workbench, &form)).await;
    match filled.map_err(Failure::from).and_then(|filled| filled) {
        Ok(filled) => (
            StatusCode::OK,
            layout("填报结果", Section::Fill, result(&filled)),
        ),
        Err(failure) => refused(&sent, &failure),
    }
}

fn refused(sent: &Form, failure: &Failure) -> (StatusCode, Markup) {
    let page = layout("填报", Section::Fill, form(sent, Some(&failure.message)));
    (failure.status, page)
}

async fn read_form(mut multipart: Multipart) -> Result<Form, Failure> {
    let mut form = Form::default();
    while let Some(field) = next_field(&mut multipart).await? {
        let name = field.name().unwrap_or_default().to_owned();
        let file = field.file_name().map(str::to_owned);
        let bytes = field_bytes(field).await?;
        match name.as_str() {
            "ledger" => form.ledger = upload(file, bytes),
            "previous" => form.previous = upload(file, bytes),
            "unit" => form.unit = text(&bytes),
            "year" => form.year = text(&bytes),
            "date" => form.date = text(&bytes),
            _ => {}
        }
    }
    Ok(form)
}

/// A file field, unless its picker was left empty.
fn upload(file: Option<String>, bytes: Bytes) -> Option<Upload> {
    file.filter(|name| !name.is_empty() || !bytes.is_empty())
        .map(|name| Upload { name, bytes })
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn result(filled: &Filled) -> Markup {
    html! {
        h1 { (filled.draft.title) "(草稿)" }
        (verdict(filled))
        (problems(&filled.loaded))
        (figures(&filled.loaded))
        (self_check(&filled.check))
        (preview(&filled.draft))
        p { a href="/fill" { "重新上传台账" } }
    }
}

/// 可报送 or not, what it rests on, and the downloads.
fn verdict(filled: &Filled) -> Markup {
    let check = &filled.check;
    let ledger_errors = filled.loaded.count(Severity::Error);
    let download = |extension: &str| format!("/fill/draft/{}.{extension}", filled.token);
    html! {
        section.verdict.ready[check.ready()].blocked[!check.ready()] aria-labelledby="verdict" {
            h2 #verdict { "自查结果: " strong { (check.verdict()) } }
            p {
                "草稿自查: 错误 " (check.errors()) " 个, 警告 "
                (check.count(fazhi_engine::Severity::Warning)) " 个, 提示 "
                (check.count(fazhi_engine::Severity::Info)) " 个"
                @if !check.ready() { "; 补全【待填写】处、改正错误后方可报送" }
                "。"
            }
            @if ledger_errors > 0 {
                p.error { "台账有 " (ledger_errors) " 个错误, 相关指标可能不准确, 请先在台账中改正(见“台账问题”)。" }
            }
            @if let Some((name, previous)) = &filled.previous {
                p {
                    "已参考上一年度报告“" (name) "”: 取得 " (previous.figures.len())
                    " 项数据、" (previous.commitments.len()) " 项上年度承诺。"
                }
            }
            p.downloads {
                a href=(download("docx")) { "下载草稿(Word, 公文格式)" }
                " · "
                a href=(download("md")) { "下载草稿(Markdown)" }
            }
            nav aria-label="本页内容" {
                "本页: "
                a href="#problems" { "台账问题" } " · "
                a href="#figures" { "本年度指标" } " · "
                a href="#self-check" { "自查意见" } " · "
                a href="#preview" { "草稿预览" }
            }
        }
    }
}

fn problems(loaded: &Loaded) -> Markup {
    html! {
        section aria-labelledby="problems" {
            h2 #problems { "台账问题" }
            p {
                (loaded.year) "年度台账, 共 " (loaded.ledger.row_count()) " 行: 错误 "
                (loaded.count(Severity::Error)) " 个, 警告 " (loaded.count(Severity::Warning))
                " 个, 提示 " (loaded.count(Severity::Info)) " 个。"
            }
            @if !loaded.problems.is_empty() {
                div.scroll {
                    table.problems {
                        thead {
                            tr {
                                @for title in ["级别", "工作表", "行", "列", "问题", "规则"] {
                                    th scope="col" { (title) }
                                }
                            }
                        }
                        tbody {
                            @for p in &loaded.problems {
                                tr class=(severity_class(p.severity)) {
                                    td { span.badge { (p.severity.label()) } }
                                    td { (p.sheet) }
                                    td.number { @if let Some(row) = p.row { (row) } }
                                    td { (p.column.unwrap_or("")) }
                                    td { (p.message) }
                                    td { code { (p.rule) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn figures(loaded: &Loaded) -> Markup {
    let catalog = Catalog::builtin();
    let indicators = &loaded.indicators;
    html! {
        section aria-labelledby="figures" {
            h2 #figures { "本年度指标(" (indicators.figures.len()) " 项)" }
            div.scroll {
                table {
                    thead {
                        tr {
                            @for title in ["指标", "数值", "单位", "计算方法"] {
                                th scope="col" { (title) }
                            }
                        }
                    }
                    tbody {
                        @for f in &indicators.figures {
                            tr {
                                th scope="row" {
                                    (catalog.get(f.indicator).map_or(f.indicator, |i| i.name.as_str()))
                                    " " code { (f.indicator) }
                                }
                                td.number { (f.value) }
                                td { (f.unit) }
                                td { (f.formula) }
                            }
                        }
                    }
                }
            }
            @if !indicators.absent.is_empty() {
                h3 { "没有指标的台账" }
                ul {
                    @for (sheet, absence) in &indicators.absent {
                        li { (sheet) ": " (absence_label(*absence)) }
                    }
                }
            }
        }
    }
}

fn absence_label(absence: Absence) -> &'static str {
    match absence {
        Absence::NotApplicable => "不适用(本单位无此项工作)",
        Absence::Empty => "未填写",
    }
}

/// The engine's findings on the written draft.
fn self_check(check: &SelfCheck) -> Markup {
    let findings = &check.analysis.findings;
    html! {
        section aria-labelledby="self-check" {
            h2 #self-check { "自查意见(" (findings.len()) " 条)" }
            @if findings.is_empty() {
                p { "未发现问题。" }
            } @else {
                ol.findings {
                    @for f in findings {
                        @let (class, label) = finding_severity(f.severity);
                        li class=(class) {
                            span.badge { (label) } " " (f.message) " " code { (f.rule) }
                        }
                    }
                }
            }
        }
    }
}

fn finding_severity(severity: fazhi_engine::Severity) -> (&'static str, &'static str) {
    match severity {
        fazhi_engine::Severity::Error => ("error", "错误"),
        fazhi_engine::Severity::Warning => ("warning", "警告"),
        fazhi_engine::Severity::Info => ("info", "提示"),
    }
}

/// The draft as it reads, placeholders marked.
fn preview(draft: &Draft) -> Markup {
    html! {
        section aria-labelledby="preview" {
            h2 #preview { "草稿预览" }
            article.draft {
                h3 { (draft.title) }
                @for block in &draft.blocks {
                    @match block {
                        Block::Heading { level: HeadingLevel::First, text } => h4 { (inlines(text)) },
                        Block::Heading { level: HeadingLevel::Second, text } => h5 { (inlines(text)) },
                        Block::Paragraph(text) => p { (inlines(text)) },
                    }
                }
                p.signature { (draft.signature.unit) br; (draft.signature.date) }
            }
        }
    }
}

fn inlines(inlines: &[Inline]) -> Markup {
    html! {
        @for inline in inlines {
            @match inline {
                Inline::Text(text) => (text),
                Inline::Placeholder(_) => mark.placeholder { (inline.shown()) },
            }
        }
    }
}

pub(crate) async fn template() -> Result<Response, PageError> {
    workbook(&Ledger::empty(), None, "台账模板")
}

pub(crate) async fn example() -> Result<Response, PageError> {
    let ledger = fazhi_ledger::sample("示例县", 2025, 200, 1);
    workbook(&ledger, Some(fazhi_ledger::INVENTED), "示例台账(虚构数据)")
}

fn workbook(ledger: &Ledger, notice: Option<&str>, stem: &str) -> Result<Response, PageError> {
    let bytes = fazhi_ledger::write(ledger, notice).map_err(|e| {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("台账生成失败: {e}"),
        )
    })?;
    Ok(attachment(XLSX, &format!("{stem}.xlsx"), bytes.into()))
}

/// A kept draft, `{token}.docx` or `{token}.md`.
pub(crate) async fn draft(
    State(workbench): State<Arc<Workbench>>,
    Path(file): Path<String>,
) -> Response {
    let found = file.rsplit_once('.').and_then(|(token, extension)| {
        let kept = workbench.drafts.get(token)?;
        let (content_type, bytes) = match extension {
            "docx" => (DOCX, kept.docx.clone()),
            "md" => (MARKDOWN, kept.markdown.clone()),
            _ => return None,
        };
        let name = format!("{}.{extension}", kept.stem);
        Some(attachment(content_type, &name, bytes))
    });
    found.unwrap_or_else(expired)
}

/// Drafts are held in memory, a few at a time: an old link finds none.
fn expired() -> Response {
    let body = html! {
        h1 { "草稿已过期" }
        p.error role="alert" { "草稿已过期,请重新上传台账" }
        p { a href="/fill" { "重新上传台账" } }
    };
    let page = layout("草稿已过期", Section::Fill, body);
    (StatusCode::NOT_FOUND, page).into_response()
}

/// A download named `file_name` (RFC 5987, for the Chinese).
fn attachment(content_type: &'static str, file_name: &str, bytes: Bytes) -> Response {
    let disposition = format!("attachment; filename*=UTF-8''{}", encode(file_name));
    (
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}
