//! The index itself: its schema, keeping it in step with the caller's
//! reports, and answering a `Query` with hits and snippets.
//!
//! One writer lives as long as the `SearchIndex` (tantivy allows one per
//! index, and locks the directory for it), behind a mutex so that changes
//! come one at a time; each change is committed and the reader reloaded
//! before it returns, so the next search sees it. Searches share the reader
//! and take no lock. Does not parse queries (`query`) nor cut text
//! (`tokenizer`), nor choose passages (`snippet`).

use std::fs;
use std::path::Path;
use std::sync::Mutex;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, STRING,
};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument,
    TantivyError, Term,
};

use crate::query::{Marked, Query, Terms};
use crate::snippet::{snippets, Snippet};
use crate::tokenizer::{CharTokenizer, WordTokenizer, CHARS, WORDS};
use crate::SearchError;

/// The indexing memory of the writer, shared by its threads. Tantivy
/// allocates it as it fills, and writes a segment when it is full.
const WRITER_MEMORY: usize = 64 << 20;

/// A report as the index keeps it. The caller's database is the truth; this
/// is what searching needs of it.
#[derive(Clone, Copy, Debug)]
pub struct IndexedReport<'a> {
    /// The caller's id for the report; indexing a report again replaces it.
    pub id: i64,
    pub title: &'a str,
    /// The text that snippets quote and whose offsets they give.
    pub text: &'a str,
    pub jurisdiction: Option<&'a str>,
    /// The level as the engine names it: "county", "city"…
    pub level: Option<&'a str>,
    pub year: Option<i32>,
    /// The indicator ids of the report's facts (repeats do no harm).
    pub indicators: &'a [String],
}

/// One page of hits, best first, and how many reports match in all.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hits {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// A matching report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub id: i64,
    /// BM25, higher is better; the same for every hit of a search without words.
    pub score: f32,
    pub title: String,
    /// Up to three places of the text that show the searched words.
    pub snippets: Vec<Snippet>,
}

/// The search index over the reports. Share it behind an `Arc`.
pub struct SearchIndex {
    fields: Fields,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
}

/// The fields of the schema.
pub(crate) struct Fields {
    id: Field,
    pub(crate) title: Field,
    pub(crate) text: Field,
    /// Indexed a character a token, for `Query::region`.
    pub(crate) jurisdiction: Field,
    pub(crate) level: Field,
    pub(crate) year: Field,
    pub(crate) indicators: Field,
}

impl SearchIndex {
    /// Opens the index in `dir`, or creates an empty one there.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let directory_error = |source| SearchError::Directory {
            dir: dir.to_owned(),
            source,
        };
        fs::create_dir_all(dir).map_err(directory_error)?;
        let directory = MmapDirectory::open(dir).map_err(TantivyError::from)?;
        let index = builder().open_or_create(directory).map_err(|e| match e {
            // What `open_or_create` says when the index on disk has another schema.
            TantivyError::SchemaError(_) => SearchError::Incompatible {
                dir: dir.to_owned(),
            },
            e => e.into(),
        })?;
        SearchIndex::with(index)
    }

    /// An empty index in memory.
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        SearchIndex::with(builder().create_in_ram()?)
    }

    fn with(index: Index) -> Result<SearchIndex, SearchError> {
        let writer = index.writer(WRITER_MEMORY).map_err(|e| match e {
            TantivyError::LockFailure(..) => SearchError::Locked,
            e => e.into(),
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            fields: Fields::of(&index.schema()),
            reader,
            writer: Mutex::new(writer),
        })
    }

    /// Whether the index has no report: the caller then rebuilds it from its database.
    pub fn is_empty(&self) -> bool {
        self.reader.searcher().num_docs() == 0
    }

    /// Indexes the reports, each replacing the report of the same id if
    /// there is one, and makes them searchable.
    pub fn replace(&self, reports: &[IndexedReport]) -> Result<(), SearchError> {
        self.change(|writer| {
            for report in reports {
                writer.delete_term(self.fields.id_term(report.id));
                writer.add_document(self.fields.document(report))?;
            }
            Ok(())
        })
    }

    /// Takes the report out of the index; an unknown id is no error.
    pub fn remove(&self, id: i64) -> Result<(), SearchError> {
        self.change(|writer| {
            writer.delete_term(self.fields.id_term(id));
            Ok(())
        })
    }

    /// Makes a change, commits it and reloads the reader; or, if anything
    /// fails, drops the change whole.
    fn change(
        &self,
        make: impl FnOnce(&IndexWriter) -> tantivy::Result<()>,
    ) -> Result<(), SearchError> {
        let mut writer = match self.writer.lock() {
            Ok(writer) => writer,
            Err(poisoned) => {
                // A change panicked half way: what it had added must not be
                // committed with this one.
                let mut writer = poisoned.into_inner();
                writer.rollback()?;
                self.writer.clear_poison();
                writer
            }
        };
        if let Err(error) = make(&writer).and_then(|()| writer.commit().map(drop)) {
            // Else what was added before the failure would ride along with
            // the next commit; the first error is the one worth reporting.
            let _ = writer.rollback();
            return Err(error.into());
        }
        self.reader.reload()?;
        Ok(())
    }

    /// The page of hits the query asks for, best first, with their snippets.
    pub fn search(&self, query: &Query) -> Result<Hits, SearchError> {
        let searcher = self.reader.searcher();
        let terms = Terms::parse(query.text);
        let tantivy_query = query.tantivy_query(&terms, &self.fields);
        // No page is longer than the index: tantivy reserves room for
        // offset + limit hits, and a careless page request must not overflow
        // that or exhaust memory.
        let reports = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let (limit, offset) = (query.limit.min(reports), query.offset.min(reports));
        // TopDocs refuses a limit of 0; a caller may want only the count.
        let (total, top) = match limit {
            0 => (searcher.search(&tantivy_query, &Count)?, Vec::new()),
            limit => {
                let top = TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_score();
                searcher.search(&tantivy_query, &(Count, top))?
            }
        };
        let hits = top
            .into_iter()
            .map(|(score, address)| self.hit(&searcher, address, score, terms.marked()))
            .collect::<Result<_, _>>()?;
        Ok(Hits { total, hits })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        marked: &[Marked],
    ) -> Result<Hit, SearchError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|value| value.as_str())
                .unwrap_or_default()
        };
        Ok(Hit {
            id: doc
                .get_first(self.fields.id)
                .and_then(|value| value.as_i64())
                .unwrap_or_default(),
            score,
            title: text(self.fields.title).to_owned(),
            snippets: snippets(text(self.fields.text), marked),
        })
    }
}

/// The index builder with this crate's schema and tokenizers.
fn builder() -> tantivy::IndexBuilder {
    let tokenizers = TokenizerManager::default();
    tokenizers.register(WORDS, WordTokenizer);
    tokenizers.register(CHARS, CharTokenizer);
    Index::builder().schema(schema()).tokenizers(tokenizers)
}

fn schema() -> Schema {
    let analysed = |tokenizer| {
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
    };
    let mut schema = Schema::builder();
    schema.add_i64_field("id", NumericOptions::default().set_indexed().set_stored());
    let words = TextOptions::default()
        .set_indexing_options(analysed(WORDS))
        .set_stored();
    schema.add_text_field("title", words.clone());
    schema.add_text_field("text", words);
    let chars = TextOptions::default().set_indexing_options(analysed(CHARS));
    schema.add_text_field("jurisdiction", chars);
    schema.add_text_field("level", STRING);
    schema.add_i64_field("year", NumericOptions::default().set_indexed());
    schema.add_text_field("indicators", STRING);
    schema.build()
}

impl Fields {
    fn of(schema: &Schema) -> Fields {
        let field = |name| schema.get_field(name).expect("the schema has the field");
        Fields {
            id: field("id"),
            title: field("title"),
            text: field("text"),
            jurisdiction: field("jurisdiction"),
            level: field("level"),
            year: field("year"),
            indicators: field("indicators"),
        }
    }

    fn id_term(&self, id: i64) -> Term {
        Term::from_field_i64(self.id, id)
    }

    fn document(&self, report: &IndexedReport) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_i64(self.id, report.id);
        doc.add_text(self.title, report.title);
        doc.add_text(self.text, report.text);
        if let Some(jurisdiction) = report.jurisdiction {
            doc.add_text(self.jurisdiction, jurisdiction);
        }
        if let Some(level) = report.level {
            doc.add_text(self.level, level);
        }
        if let Some(year) = report.year {
            doc.add_i64(self.year, year.into());
        }
        for indicator in report.indicators {
            doc.add_text(self.indicators, indicator);
        }
        doc
    }
}
