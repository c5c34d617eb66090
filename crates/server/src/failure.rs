//! What a request that fails gets back: a page in Chinese for a browser, a
//! `{"error": "…"}` object for the API, with the status that says why.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::import::ImportError;
use crate::pages;

/// A failure, whoever asked.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn not_found(what: &str) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, format!("{what}不存在"))
    }
}

impl From<fazhi_store::StoreError> for Failure {
    fn from(e: fazhi_store::StoreError) -> Failure {
        eprintln!("数据库错误: {e}");
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Failure {
        Failure::new(e.status(), e.to_string())
    }
}

impl From<tokio::task::JoinError> for Failure {
    fn from(e: tokio::task::JoinError) -> Failure {
        eprintln!("后台任务失败: {e}");
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "服务器内部错误")
    }
}

/// A failure shown as a page.
pub(crate) struct PageError(pub Failure);

impl<E: Into<Failure>> From<E> for PageError {
    fn from(e: E) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        (self.0.status, pages::failure(&self.0)).into_response()
    }
}

/// A failure answered in JSON.
pub(crate) struct ApiError(pub Failure);

impl<E: Into<Failure>> From<E> for ApiError {
    fn from(e: E) -> ApiError {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.0.message });
        (self.0.status, Json(body)).into_response()
    }
}
