//! Importing a file: read it, analyse it, score it, store it.
//!
//! Reading comes first, so a file that cannot be read (empty, too large,
//! corrupt, not a report format) is refused with the reader's Chinese message
//! before anything touches the database; storing is one transaction. The
//! same bytes imported twice keep their first id.

use axum::http::StatusCode;
use fazhi_engine::Input;
use fazhi_text::ReadError;

use crate::Workbench;

/// The most bytes one upload request may carry (several files together).
pub(crate) const MAX_UPLOAD_BYTES: usize = 256 * 1024 * 1024;

/// A file the workbench now holds.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ImportOutcome {
    pub file: String,
    pub id: i64,
    /// False when the same file was imported before.
    pub created: bool,
    pub title: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Unreadable(#[from] ReadError),
    #[error(transparent)]
    Store(#[from] fazhi_store::StoreError),
}

impl ImportError {
    /// The HTTP status that says what went wrong.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            ImportError::Unreadable(ReadError::TooLarge { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
            ImportError::Unreadable(ReadError::Unsupported(_) | ReadError::Binary) => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            ImportError::Unreadable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ImportError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

pub(crate) fn import(
    workbench: &Workbench,
    file_name: &str,
    bytes: &[u8],
) -> Result<ImportOutcome, ImportError> {
    let source = fazhi_text::read_bytes(bytes, file_name, &workbench.limits)?;
    let input = Input {
        text: &source.text,
        page_meta: &source.page_meta,
    };
    let (analysis, card) = fazhi_review::review(&input, &source.notes, &workbench.card);
    let imported = workbench.store.import(&fazhi_store::NewReport {
        file_name,
        original: bytes,
        format: source.format.as_str(),
        encoding: source.encoding,
        text: &source.text,
        analysis: &analysis,
        card: &card,
    })?;
    if imported.created {
        // The report is stored; a search index that fails to follow is
        // caught up at the next search.
        if let Err(e) = workbench.sync_search() {
            eprintln!("搜索索引未能更新: {e}");
        }
    }
    Ok(ImportOutcome {
        file: file_name.to_owned(),
        id: imported.id,
        created: imported.created,
        title: analysis.meta.title,
    })
}
