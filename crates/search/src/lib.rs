//! Chinese full-text search over the reports: a tantivy index whose title
//! and text are cut into words by jieba.
//!
//! The index is a cache of the caller's database, never the source of truth:
//! `SearchIndex::is_empty` tells the caller to rebuild it, `replace` and
//! `remove` keep it in step, and an index that an incompatible version left
//! is refused (`SearchError::Incompatible`), to be deleted and rebuilt.
//! This crate owns the schema (`index`), how report and query text become
//! terms (`tokenizer`), the little query language and the filters (`query`)
//! and the passages shown under a hit (`snippet`). It does not know the
//! database, HTTP or how a report is analysed: the caller passes the
//! jurisdiction, level, year and indicator ids it already has.

mod index;
mod query;
mod snippet;
mod tokenizer;

use std::path::PathBuf;

pub use index::{Hit, Hits, IndexedReport, SearchIndex};
pub use query::Query;
pub use snippet::Snippet;

/// Why the index could not be opened, changed or searched; the message is for people.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("无法创建搜索索引目录 {}: {source}", .dir.display())]
    Directory {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "搜索索引目录 {} 中的索引由不兼容的版本建立。索引只是数据库的缓存:删除该目录后重新打开,即可从数据库重建",
        .dir.display()
    )]
    Incompatible { dir: PathBuf },
    #[error("搜索索引已被另一个进程打开写入;同一索引同时只能有一个写入者")]
    Locked,
    #[error("搜索索引出错: {0}")]
    Index(#[from] tantivy::TantivyError),
}

#[cfg(test)]
mod tests {
    /// The texts of the project's sample reports, `corpus/*.txt`.
    pub(crate) fn corpus() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("the corpus folder")
            .map(|entry| entry.expect("a corpus entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|path| std::fs::read_to_string(path).expect("a corpus text"))
            .collect()
    }
}
