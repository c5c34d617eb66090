//! The JSON API, described by `assets/openapi.json` (served at
//! `/api/openapi.json`): the same data as the pages, for other programs.
//! A report is the object `fazhi analyze --format jsonl` writes for its
//! file, plus its `id`.

use std::sync::Arc;

use axum::extract::{Multipart, Path, Query, RawQuery, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use fazhi_store::{CompareRow, ReportRow};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::failure::{ApiError, Failure};
use crate::pages::compare::CompareQuery;
use crate::pages::import::import_all;
use crate::pages::search::{self, SearchForm, SearchQuery};
use crate::pages::Filters;
use crate::Workbench;

/// A report in the list, with whether it was published on time.
#[derive(Serialize)]
pub(crate) struct Listed {
    #[serde(flatten)]
    row: ReportRow,
    on_time: Option<bool>,
}

pub(crate) async fn reports(
    State(workbench): State<Arc<Workbench>>,
    Query(filters): Query<Filters>,
) -> Result<Json<Vec<Listed>>, ApiError> {
    let rows = workbench.store.reports(&filters.to_store())?;
    Ok(Json(
        rows.into_iter()
            .map(|row| Listed {
                on_time: row.on_time(),
                row,
            })
            .collect(),
    ))
}

pub(crate) async fn report(
    State(workbench): State<Arc<Workbench>>,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let stored = workbench
        .store
        .report(id)?
        .ok_or_else(|| Failure::not_found("这份报告"))?;
    let corrupt =
        |e: serde_json::Error| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    let analysis: Map<String, Value> = serde_json::from_str(&stored.analysis).map_err(corrupt)?;
    let card: Value = serde_json::from_str(&stored.card).map_err(corrupt)?;
    let mut object = Map::new();
    object.insert("id".to_owned(), id.into());
    object.insert("file".to_owned(), stored.row.file_name.into());
    object.insert("format".to_owned(), stored.format.into());
    object.insert("encoding".to_owned(), stored.encoding.into());
    object.extend(analysis);
    object.insert("card".to_owned(), card);
    Ok(Json(Value::Object(object)))
}

/// `POST /api/reports`: every `file` field of a multipart body imported.
/// 201 when at least one file went in (failures listed beside); otherwise
/// the status of the first failure with its message.
pub(crate) async fn upload(
    State(workbench): State<Arc<Workbench>>,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let uploaded = import_all(workbench, multipart).await?;
    let mut imported = Vec::new();
    let mut failed = Vec::new();
    for u in uploaded {
        match u.outcome {
            Ok(o) => imported.push(serde_json::to_value(o).unwrap_or_default()),
            Err(f) => failed.push((u.file, f)),
        }
    }
    if imported.is_empty() {
        let (file, failure) = failed.swap_remove(0);
        let body = serde_json::json!({ "error": failure.message, "file": file });
        return Ok((failure.status, Json(body)).into_response());
    }
    let failed: Vec<Value> = failed
        .into_iter()
        .map(|(file, f)| serde_json::json!({ "file": file, "error": f.message }))
        .collect();
    let body = serde_json::json!({ "imported": imported, "failed": failed });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(crate) async fn compare(
    State(workbench): State<Arc<Workbench>>,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<CompareRow>>, ApiError> {
    let query = CompareQuery::parse(query.as_deref());
    if query.indicators.is_empty() {
        return Err(
            Failure::new(StatusCode::BAD_REQUEST, "请给出 indicator 参数(指标编号)").into(),
        );
    }
    let filter = query.filter();
    let mut rows = Vec::new();
    for indicator in &query.indicators {
        rows.extend(workbench.store.compare(indicator, &filter)?);
    }
    Ok(Json(rows))
}

/// `GET /api/search?q=…`: hits with their highlighted passages.
pub(crate) async fn search(
    State(workbench): State<Arc<Workbench>>,
    Query(query): Query<SearchQuery>,
) -> Result<Json<fazhi_search::Hits>, ApiError> {
    let form = SearchForm::from(query);
    if form.q.trim().is_empty() {
        return Err(Failure::new(StatusCode::BAD_REQUEST, "请给出 q 参数(检索词)").into());
    }
    let hits = tokio::task::spawn_blocking(move || form.run(&workbench, search::PAGE)).await??;
    Ok(Json(hits))
}

pub(crate) async fn openapi() -> Response {
    let spec = crate::assets::Assets::get("openapi.json").map(|f| f.data.into_owned());
    match spec {
        Some(bytes) => ([(CONTENT_TYPE, "application/json")], bytes).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
