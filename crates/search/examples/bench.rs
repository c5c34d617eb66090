//! Indexing time and search latency on the sample reports, each indexed
//! 200 times under distinct ids (1000 reports), in an index on disk:
//!
//!     cargo run --release -p fazhi-search --example bench
//!
//! A measurement to read, not a test: nothing here fails on a slow machine.

use std::time::{Duration, Instant};

use fazhi_search::{IndexedReport, Query, SearchIndex};

const COPIES: usize = 200;
const SEARCHES: usize = 100;

fn main() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&corpus)
        .expect("the corpus folder")
        .map(|entry| entry.expect("a corpus entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("a corpus text"))
        .collect();
    let levels = ["county", "county", "city", "township", "county"];
    let places = [
        "株洲市芦淞区",
        "淄博市临淄区",
        "咸宁市",
        "大冶市金湖街道",
        "富蕴县",
    ];
    let indicators = vec!["reconsideration.accepted".to_owned()];
    let reports: Vec<IndexedReport> = (0..COPIES * texts.len())
        .map(|i| {
            let sample = i % texts.len();
            IndexedReport {
                id: i as i64,
                title: "法治政府建设年度报告",
                text: &texts[sample],
                jurisdiction: Some(places[sample]),
                level: Some(levels[sample]),
                year: Some(2020 + (i % 5) as i32),
                indicators: if i % 3 == 0 { &indicators } else { &[] },
            }
        })
        .collect();
    let bytes: usize = reports.iter().map(|r| r.text.len()).sum();

    let dir = std::env::temp_dir().join(format!("fazhi-search-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let started = Instant::now();
    let index = SearchIndex::open(&dir).expect("an index in a temporary folder");
    let opened = started.elapsed();
    let started = Instant::now();
    index.replace(&reports).expect("indexing");
    let indexed = started.elapsed();
    println!(
        "opened in {opened:.1?}; indexed {} reports ({:.1} MB) in {indexed:.2?}: {:.0} reports/s, {:.1} MB/s",
        reports.len(),
        bytes as f64 / 1e6,
        reports.len() as f64 / indexed.as_secs_f64(),
        bytes as f64 / 1e6 / indexed.as_secs_f64(),
    );

    let queries = [
        Query::new("行政复议"),
        Query::new("法治政府建设"),
        Query::new(r#""复议案件""#),
        Query::new("合法性审查 行政执法"),
        Query::new("枫桥经验"),
        Query {
            region: Some("株洲"),
            ..Query::new("听证")
        },
        Query {
            year: Some(2023),
            level: Some("county"),
            ..Query::new("行政诉讼")
        },
        Query {
            indicator: Some("reconsideration.accepted"),
            ..Query::new("")
        },
        Query::new("依法行政 考核"),
        Query::new("“公平竞争审查”"),
    ];
    let mut times: Vec<Duration> = Vec::with_capacity(SEARCHES);
    let mut total_hits = 0;
    for query in queries.iter().cycle().take(SEARCHES) {
        let started = Instant::now();
        let hits = index.search(query).expect("a search");
        times.push(started.elapsed());
        total_hits += hits.total;
    }
    times.sort();
    let at = |quantile: f64| times[((times.len() - 1) as f64 * quantile).round() as usize];
    println!(
        "{SEARCHES} searches (20 hits a page, with snippets; {total_hits} matches in all): p50 {:.2?}, p99 {:.2?}, max {:.2?}",
        at(0.50),
        at(0.99),
        times[times.len() - 1],
    );
    drop(index);
    std::fs::remove_dir_all(&dir).expect("removing the temporary index");
}
