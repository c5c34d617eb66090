//! 导入: upload one or many report files (file picker, or dropped on the
//! page). Each file is imported on its own: one that cannot be read is
//! reported with its reason and changes nothing; the others go in.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::multipart::Field;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use maud::{html, Markup};

use super::{layout, Section};
use crate::failure::{Failure, PageError};
use crate::import::ImportOutcome;
use crate::Workbench;

/// The file types the picker offers (what `fazhi-text` reads).
pub(crate) const ACCEPTED: &str = ".txt,.htm,.html,.shtml,.xhtml,.docx,.pdf";

pub(crate) async fn page() -> Markup {
    layout("导入", Section::Import, form())
}

fn form() -> Markup {
    html! {
        h1 { "导入报告" }
        form.upload method="post" action="/import" enctype="multipart/form-data" {
            div.dropzone #dropzone {
                label for="files" { "选择报告文件(可多选),或把文件拖到这里" }
                input #files type="file" name="file" multiple accept=(ACCEPTED) required;
                p.hint { "支持 HTML 网页、DOCX、PDF(需有文字层)和纯文本, 编码自动识别; 单个文件不超过 50 MB。" }
            }
            button type="submit" { "导入" }
        }
        p { "整个文件夹可以用命令行导入: " code { "fazhi import 文件夹" } }
    }
}

/// One file of an upload and what became of it.
pub(crate) struct Uploaded {
    pub file: String,
    pub outcome: Result<ImportOutcome, Failure>,
}

pub(crate) async fn upload(
    State(workbench): State<Arc<Workbench>>,
    multipart: Multipart,
) -> Result<(StatusCode, Markup), PageError> {
    let uploaded = import_all(workbench, multipart).await?;
    let status = if uploaded.iter().any(|u| u.outcome.is_ok()) {
        StatusCode::OK
    } else {
        uploaded
            .first()
            .and_then(|u| u.outcome.as_ref().err())
            .map_or(StatusCode::BAD_REQUEST, |f| f.status)
    };
    Ok((
        status,
        layout("导入结果", Section::Import, results(&uploaded)),
    ))
}

/// Imports every file field of a multipart upload, each on a blocking
/// thread (reading and analysing are CPU work).
pub(crate) async fn import_all(
    workbench: Arc<Workbench>,
    mut multipart: Multipart,
) -> Result<Vec<Uploaded>, Failure> {
    let mut uploaded = Vec::new();
    while let Some(field) = next_field(&mut multipart).await? {
        let Some(file) = field.file_name().map(str::to_owned) else {
            continue;
        };
        let bytes = field_bytes(field).await?;
        if file.is_empty() && bytes.is_empty() {
            continue; // the picker left empty
        }
        let wb = Arc::clone(&workbench);
        let name = file.clone();
        let outcome = tokio::task::spawn_blocking(move || wb.import(&name, &bytes))
            .await?
            .map_err(Failure::from);
        uploaded.push(Uploaded { file, outcome });
    }
    if uploaded.is_empty() {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            "没有选择要导入的文件",
        ));
    }
    Ok(uploaded)
}

/// The next part of a multipart upload.
pub(crate) async fn next_field(multipart: &mut Multipart) -> Result<Option<Field<'_>>, Failure> {
    multipart
        .next_field()
        .await
        .map_err(|e| Failure::new(StatusCode::BAD_REQUEST, format!("上传内容无法读取: {e}")))
}

/// A part's bytes: a request over the router's body limit fails here.
pub(crate) async fn field_bytes(field: Field<'_>) -> Result<Bytes, Failure> {
    field.bytes().await.map_err(|e| {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("上传内容无法读取(可能过大): {e}"),
        )
    })
}

fn results(uploaded: &[Uploaded]) -> Markup {
    let imported = uploaded.iter().filter(|u| u.outcome.is_ok()).count();
    html! {
        h1 { "导入结果" }
        p role="status" { "共 " (uploaded.len()) " 个文件, 成功 " (imported) " 个。" }
        table.results {
            thead { tr { th scope="col" { "文件" } th scope="col" { "结果" } } }
            tbody {
                @for u in uploaded {
                    tr {
                        th scope="row" { (u.file) }
                        td {
                            @match &u.outcome {
                                Ok(o) if o.created => { span.ok { "已导入" } " " a href={ "/reports/" (o.id) } { (o.title.as_deref().unwrap_or("查看")) } },
                                Ok(o) => { span.unknown { "已存在(未重复导入)" } " " a href={ "/reports/" (o.id) } { "查看" } },
                                Err(f) => { span.missing { "失败" } ": " (f.message) },
                            }
                        }
                    }
                }
            }
        }
        p { a href="/import" { "继续导入" } " · " a href="/" { "返回总览" } }
    }
}
