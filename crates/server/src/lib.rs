//! The review workbench: the web application most users see of fazhi.
//!
//! A `Workbench` is a data directory (the SQLite database of `fazhi-store`
//! and the search index of `fazhi-search`, a cache of the database) and the
//! office's report card; `router` serves it as server-rendered Chinese pages
//! (总览, 导入, 报告, 检索, 对比, and 填报, where a unit turns its ledger
//! into a checked draft) and a JSON API described by `/api/openapi.json`.
//! This is the only crate that knows HTTP. Everything the browser gets
//! comes from the binary (assets are embedded; no CDN, no external font or
//! script), and everything taken from a report or a ledger is escaped
//! (`maud` escapes by default, and the Content-Security-Policy forbids
//! inline scripts), since their text is untrusted.

mod api;
mod assets;
mod chart;
mod drafts;
mod export;
mod failure;
mod fill;
mod import;
mod pages;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::extract::DefaultBodyLimit;
use axum::http::header::{HeaderValue, CONTENT_SECURITY_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::routing::get;
use axum::Router;
use fazhi_review::CardConfig;
use fazhi_search::{Hits, IndexedReport, SearchIndex};
use fazhi_store::Store;
use fazhi_text::Limits;

pub use import::{ImportError, ImportOutcome};

/// The database file inside a data directory.
const DATABASE_FILE: &str = "fazhi.db";
/// The search index's directory inside a data directory (a cache of the database).
const SEARCH_DIR: &str = "search";
/// The file in the search directory that says up to which report id the
/// index has caught up with the database.
const SYNCED_FILE: &str = "synced";
/// Reports read from the database per step when the index catches up.
const SYNC_BATCH: usize = 100;
/// What pages may load: only this server's own assets; no inline script.
const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// Why the workbench could not start.
#[derive(Debug, thiserror::Error)]
pub enum WorkbenchError {
    #[error("数据目录 {path} 无法使用: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] fazhi_store::StoreError),
    #[error(transparent)]
    Search(#[from] fazhi_search::SearchError),
}

/// The state every request shares.
pub struct Workbench {
    store: Store,
    /// None when only the database is open (`open_database`).
    search: Option<SearchIndex>,
    /// The highest report id the search index holds: reports imported since
    /// (by this server or by `fazhi import` beside it) are indexed before
    /// the next search.
    synced: Mutex<i64>,
    /// The choices of the filter forms, as of the last report added.
    choices: Mutex<Option<(i64, Arc<Choices>)>>,
    card: CardConfig,
    limits: Limits,
    data_dir: PathBuf,
    /// The drafts 填报 composed lately, for download.
    drafts: drafts::Drafts,
}

/// What the filter forms offer: the years covered and the indicators stated
/// (with how many reports state each). They change only when a report is
/// added, and every list page shows them, so they are kept.
pub(crate) struct Choices {
    pub years: Vec<i32>,
    pub indicators: Vec<(String, usize)>,
}

impl Workbench {
    /// Opens (creating if needed) the workbench kept in `data_dir`, its
    /// search index brought up to its database.
    pub fn open(data_dir: &Path, card: CardConfig) -> Result<Workbench, WorkbenchError> {
        let mut workbench = Workbench::open_database(data_dir, card)?;
        let search_dir = data_dir.join(SEARCH_DIR);
        let search = match SearchIndex::open(&search_dir) {
            // The index is a cache: one built by another version is rebuilt.
            Err(fazhi_search::SearchError::Incompatible { .. }) => {
                eprintln!("检索索引由其他版本建立, 将从数据库重建");
                std::fs::remove_dir_all(&search_dir).map_err(|source| WorkbenchError::DataDir {
                    path: search_dir.display().to_string(),
                    source,
                })?;
                SearchIndex::open(&search_dir)?
            }
            opened => opened?,
        };
        // An empty index (new, or deleted to rebuild it) catches up from the start.
        if !search.is_empty() {
            let synced = std::fs::read_to_string(search_dir.join(SYNCED_FILE))
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(0);
            workbench.synced = Mutex::new(synced);
        }
        workbench.search = Some(search);
        workbench.sync_search()?;
        Ok(workbench)
    }

    /// Opens the database only, for filling it in bulk (`fazhi import`): the
    /// search index, which one process at a time may write, is left to the
    /// server, which indexes the new reports before its next search.
    pub fn open_database(data_dir: &Path, card: CardConfig) -> Result<Workbench, WorkbenchError> {
        std::fs::create_dir_all(data_dir).map_err(|source| WorkbenchError::DataDir {
            path: data_dir.display().to_string(),
            source,
        })?;
        Ok(Workbench {
            store: Store::open(&data_dir.join(DATABASE_FILE))?,
            search: None,
            synced: Mutex::new(0),
            choices: Mutex::new(None),
            card,
            limits: Limits::default(),
            data_dir: data_dir.to_owned(),
            drafts: drafts::Drafts::default(),
        })
    }

    /// Brings the search index up to the database: every report with an id
    /// above the last one indexed.
    fn sync_search(&self) -> Result<(), WorkbenchError> {
        let Some(search) = &self.search else {
            return Ok(());
        };
        let mut synced = self.synced.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let rows = self.store.indexed_after(*synced, SYNC_BATCH)?;
            let Some(last) = rows.last().map(|r| r.id) else {
                return Ok(());
            };
            let titles: Vec<String> = rows
                .iter()
                .map(|r| {
                    pages::report::display_title(
                        r.title.as_deref(),
                        r.jurisdiction.as_deref(),
                        r.report_year,
                        &r.file_name,
                    )
                })
                .collect();
            let reports: Vec<IndexedReport> = rows
                .iter()
                .zip(&titles)
                .map(|(r, title)| IndexedReport {
                    id: r.id,
                    title,
                    text: &r.text,
                    jurisdiction: r.jurisdiction.as_deref(),
                    level: r.level.as_deref(),
                    year: r.report_year,
                    indicators: &r.indicators,
                })
                .collect();
            search.replace(&reports)?;
            *synced = last;
            // The marker only saves a rebuild at the next start.
            let _ = std::fs::write(
                self.data_dir.join(SEARCH_DIR).join(SYNCED_FILE),
                last.to_string(),
            );
        }
    }

    /// The filter forms' choices, computed again only after a report was added.
    pub(crate) fn choices(&self) -> Result<Arc<Choices>, fazhi_store::StoreError> {
        let last = self.store.last_id()?;
        let mut kept = self.choices.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((id, choices)) = kept.as_ref() {
            if *id == last {
                return Ok(Arc::clone(choices));
            }
        }
        let choices = Arc::new(Choices {
            years: self.store.years()?,
            indicators: self.store.indicators()?,
        });
        *kept = Some((last, Arc::clone(&choices)));
        Ok(choices)
    }

    /// Searches the reports, the index first brought up to the database.
    pub(crate) fn search(&self, query: &fazhi_search::Query) -> Result<Hits, failure::Failure> {
        let failed =
            |e: String| failure::Failure::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e);
        self.sync_search().map_err(|e| failed(e.to_string()))?;
        match &self.search {
            Some(search) => search.search(query).map_err(|e| failed(e.to_string())),
            None => Err(failed("检索索引没有打开".to_owned())),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The limits every file is read under.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// How many reports the workbench holds.
    pub fn report_count(&self) -> Result<usize, fazhi_store::StoreError> {
        self.store.count()
    }

    /// Reads, analyses and stores one file (see `import`).
    pub fn import(&self, file_name: &str, bytes: &[u8]) -> Result<ImportOutcome, ImportError> {
        import::import(self, file_name, bytes)
    }
}

/// The workbench's routes.
pub fn router(workbench: Arc<Workbench>) -> Router {
    Router::new()
        .route("/", get(pages::overview::page))
        .route("/reports/{id}", get(pages::report::page))
        .route("/reports/{id}/original", get(pages::report::original))
        .route(
            "/import",
            get(pages::import::page).post(pages::import::upload),
        )
        .route("/compare", get(pages::compare::page))
        .route("/fill", get(pages::fill::page).post(pages::fill::submit))
        .route("/fill/template.xlsx", get(pages::fill::template))
        .route("/fill/example.xlsx", get(pages::fill::example))
        .route("/fill/draft/{file}", get(pages::fill::draft))
        .route("/search", get(pages::search::page))
        .route("/export/reports.{format}", get(export::reports))
        .route("/export/compare.{format}", get(export::compare))
        .route("/api/reports", get(api::reports).post(api::upload))
        .route("/api/reports/{id}", get(api::report))
        .route("/api/compare", get(api::compare))
        .route("/api/search", get(api::search))
        .route("/api/openapi.json", get(api::openapi))
        .route("/assets/{*file}", get(assets::asset))
        .layer(DefaultBodyLimit::max(import::MAX_UPLOAD_BYTES))
        .layer(axum::middleware::map_response(secure_headers))
        .with_state(workbench)
}

async fn secure_headers(mut response: axum::response::Response) -> axum::response::Response {
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY_VALUE),
    );
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// Serves the workbench on `addr` until Ctrl-C, on a runtime of its own
/// (callers need not know about async). `bound` is told the address once
/// the port is open.
pub fn serve(
    workbench: Arc<Workbench>,
    addr: SocketAddr,
    bound: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        bound(listener.local_addr()?);
        axum::serve(listener, router(workbench))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}

#[cfg(test)]
mod tests;
