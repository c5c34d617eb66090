//! The store on a real file, with the sample corpus as its reports.

use std::path::PathBuf;

use fazhi_engine::{Analysis, Input};
use fazhi_review::{Card, CardConfig};

use super::*;

/// A fresh database file for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fazhi-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("fazhi.db")
}

/// The corpus files: name, bytes, text, analysis, card.
fn corpus() -> Vec<(String, Vec<u8>, String, Analysis, Card)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let card = CardConfig::default();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            let text = String::from_utf8(bytes.clone()).expect("utf-8");
            let analysis = fazhi_engine::analyze(&Input {
                text: &text,
                page_meta: &[],
            });
            let scored = card.card(&analysis.findings);
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, bytes, text, analysis, scored)
        })
        .collect()
}

fn import_all(store: &Store) -> Vec<Imported> {
    corpus()
        .iter()
        .map(|(name, bytes, text, analysis, card)| {
            store
                .import(&NewReport {
                    file_name: name,
                    original: bytes,
                    format: "text",
                    encoding: "UTF-8",
                    text,
                    analysis,
                    card,
                })
                .expect("import")
        })
        .collect()
}

#[test]
fn imports_once_per_file() {
    let store = Store::open(&scratch("once")).expect("open");
    let first = import_all(&store);
    assert!(first.iter().all(|i| i.created));
    let again = import_all(&store);
    assert!(again.iter().all(|i| !i.created));
    assert_eq!(
        first.iter().map(|i| i.id).collect::<Vec<_>>(),
        again.iter().map(|i| i.id).collect::<Vec<_>>()
    );
    assert_eq!(store.count().expect("count"), 5);
}

#[test]
fn a_report_comes_back_whole() {
    let store = Store::open(&scratch("whole")).expect("open");
    let ids = import_all(&store);
    let corpus = corpus();
    let stored = store.report(ids[1].id).expect("read").expect("found");
    assert_eq!(stored.text, corpus[1].2);
    assert_eq!(stored.row.jurisdiction.as_deref(), Some("临淄区"));
    assert_eq!(stored.row.errors, 1);
    let analysis: serde_json::Value = serde_json::from_str(&stored.analysis).expect("json");
    assert_eq!(analysis, serde_json::to_value(&corpus[1].3).expect("json"));
    let (name, bytes) = store.original(ids[1].id).expect("read").expect("found");
    assert_eq!((name, bytes), (corpus[1].0.clone(), corpus[1].1.clone()));
    assert!(store.report(9999).expect("read").is_none());
}

#[test]
fn filters_narrow_the_list() {
    let store = Store::open(&scratch("filters")).expect("open");
    import_all(&store);
    let count = |filter: ReportFilter| store.reports(&filter).expect("list").len();
    assert_eq!(count(ReportFilter::default()), 5);
    let year = |y| ReportFilter {
        year: Some(y),
        ..ReportFilter::default()
    };
    assert_eq!(count(year(2023)), 4);
    assert_eq!(count(year(2024)), 1);
    let level = ReportFilter {
        level: Some("county".to_owned()),
        ..ReportFilter::default()
    };
    assert_eq!(count(level), 3);
    let region = ReportFilter {
        region: Some("株洲".to_owned()),
        ..ReportFilter::default()
    };
    assert_eq!(count(region), 1);
    let wildcard = ReportFilter {
        region: Some("%".to_owned()),
        ..ReportFilter::default()
    };
    assert_eq!(count(wildcard), 0, "LIKE wildcards are taken literally");
}

#[test]
fn timeliness_needs_both_dates() {
    let store = Store::open(&scratch("timely")).expect("open");
    import_all(&store);
    let rows = store.reports(&ReportFilter::default()).expect("list");
    let on_time: Vec<(Option<String>, Option<bool>)> = rows
        .iter()
        .map(|r| (r.jurisdiction.clone(), r.on_time()))
        .collect();
    assert!(on_time.contains(&(Some("株洲市芦淞区".to_owned()), Some(true))));
    assert!(on_time.contains(&(Some("富蕴县".to_owned()), None)));
}

#[test]
fn compare_gives_each_figure_with_its_evidence() {
    let store = Store::open(&scratch("compare")).expect("open");
    import_all(&store);
    let rows = store
        .compare("mediation.cases", &ReportFilter::default())
        .expect("compare");
    let zhuzhou = rows
        .iter()
        .find(|r| r.jurisdiction.as_deref() == Some("株洲市芦淞区"))
        .expect("000 states mediation.cases");
    assert_eq!(zhuzhou.value, "774");
    assert!(zhuzhou.evidence.contains("774件"));
    let indicators = store.indicators().expect("indicators");
    assert!(indicators
        .iter()
        .any(|(id, n)| id == "mediation.cases" && *n >= 1));
}

#[test]
fn the_index_rows_carry_text_and_indicators() {
    let store = Store::open(&scratch("index")).expect("open");
    import_all(&store);
    let rows = store.indexed_after(0, 100).expect("rows");
    assert_eq!(rows.len(), 5);
    let rest = store.indexed_after(rows[2].id, 100).expect("rows");
    assert_eq!(rest, rows[3..]);
    assert!(rows[0].indicators.contains(&"mediation.cases".to_owned()));
    assert!(!rows[0].file_name.is_empty());
}

#[test]
fn a_failed_import_changes_nothing() {
    let store = Store::open(&scratch("rollback")).expect("open");
    let outcome: Result<(), StoreError> = store.pool.write(|tx| {
        tx.execute(
            "INSERT INTO reports (sha256, file_name, format, encoding, imported_at, \
             measures, first_responsible, shortcomings, causes, next_year_plan, score, errors, \
             warnings, infos) \
             VALUES ('x', 'x', 'text', 'UTF-8', '', 0, 0, 0, 0, 0, 100, 0, 0, 0)",
            [],
        )?;
        Err(StoreError::Sqlite(rusqlite::Error::InvalidQuery))
    });
    assert!(outcome.is_err());
    assert_eq!(store.count().expect("count"), 0);
}

#[test]
fn reopening_keeps_the_reports_and_the_schema() {
    let path = scratch("reopen");
    {
        let store = Store::open(&path).expect("open");
        import_all(&store);
    }
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.count().expect("count"), 5);
}

#[test]
fn a_newer_database_is_refused() {
    let path = scratch("newer");
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        c.pragma_update(None, "user_version", 99).expect("version");
    }
    let error = Store::open(&path).err().expect("refused");
    assert!(error.to_string().contains("请升级"), "{error}");
}
