//! The search index through its public interface, on the project's sample
//! reports (`corpus/`) and on small reports made for one question each.

use std::collections::BTreeSet;
use std::path::PathBuf;

use fazhi_search::{IndexedReport, Query, SearchError, SearchIndex};

/// A sample report and what the caller's database would know of it.
struct Sample {
    file: &'static str,
    id: i64,
    title: &'static str,
    jurisdiction: &'static str,
    level: &'static str,
    year: i32,
    indicators: &'static [&'static str],
}

const SAMPLES: [Sample; 5] = [
    Sample {
        file: "000_441107c01ae2d665.txt",
        id: 10,
        title: "株洲市芦淞区2023年法治政府建设年度报告",
        jurisdiction: "株洲市芦淞区",
        level: "county",
        year: 2023,
        indicators: &["reconsideration.applications", "reconsideration.accepted"],
    },
    Sample {
        file: "001_297f17fcf4cf510c.txt",
        id: 11,
        title: "临淄区2023年法治政府建设年度报告",
        jurisdiction: "淄博市临淄区",
        level: "county",
        year: 2023,
        indicators: &["reconsideration.accepted"],
    },
    Sample {
        file: "002_a2921691a043be3c.txt",
        id: 12,
        title: "咸宁市2023年法治政府建设年度报告",
        jurisdiction: "咸宁市",
        level: "city",
        year: 2023,
        indicators: &[],
    },
    Sample {
        file: "003_48f0b0224c6d3822.txt",
        id: 13,
        title: "金湖街办2023年度法治政府建设年度报告",
        jurisdiction: "大冶市金湖街道",
        level: "township",
        year: 2023,
        indicators: &["leadership.study_sessions"],
    },
    Sample {
        file: "004_814159cbb8bf712d.txt",
        id: 14,
        title: "富蕴县法治政府建设工作报告",
        jurisdiction: "富蕴县",
        level: "county",
        year: 2024,
        indicators: &["reconsideration.applications"],
    },
];

/// A sample with its text and indicator ids, owned, as a database row would be.
struct Loaded {
    sample: &'static Sample,
    text: String,
    indicators: Vec<String>,
}

impl Loaded {
    fn report(&self) -> IndexedReport<'_> {
        IndexedReport {
            id: self.sample.id,
            title: self.sample.title,
            text: &self.text,
            jurisdiction: Some(self.sample.jurisdiction),
            level: Some(self.sample.level),
            year: Some(self.sample.year),
            indicators: &self.indicators,
        }
    }
}

fn load() -> Vec<Loaded> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    SAMPLES
        .iter()
        .map(|sample| Loaded {
            sample,
            text: std::fs::read_to_string(corpus.join(sample.file)).expect("a corpus text"),
            indicators: sample.indicators.iter().map(|s| s.to_string()).collect(),
        })
        .collect()
}

fn corpus_index(loaded: &[Loaded]) -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    let reports: Vec<IndexedReport> = loaded.iter().map(Loaded::report).collect();
    index.replace(&reports).unwrap();
    index
}

/// A report with only an id and a text.
fn plain(id: i64, text: &str) -> IndexedReport<'_> {
    IndexedReport {
        id,
        title: "",
        text,
        jurisdiction: None,
        level: None,
        year: None,
        indicators: &[],
    }
}

fn ids(index: &SearchIndex, query: &Query) -> BTreeSet<i64> {
    let hits = index.search(query).unwrap();
    assert_eq!(hits.total, hits.hits.len(), "one page holds them all");
    hits.hits.iter().map(|hit| hit.id).collect()
}

fn set(ids: &[i64]) -> BTreeSet<i64> {
    ids.iter().copied().collect()
}

#[test]
fn a_word_finds_the_reports_that_write_it() {
    let loaded = load();
    let index = corpus_index(&loaded);
    let words = [
        "临淄",
        "富蕴",
        "咸宁",
        "金湖",
        "枫桥经验",
        "向阳湖",
        "行政复议",
        "复议",
        "合法性审查",
        "行政执法",
        "法治政府",
        "听证",
    ];
    for word in words {
        let expected: BTreeSet<i64> = loaded
            .iter()
            .filter(|l| l.text.contains(word) || l.sample.title.contains(word))
            .map(|l| l.sample.id)
            .collect();
        assert!(!expected.is_empty(), "{word} is in the corpus");
        assert_eq!(ids(&index, &Query::new(word)), expected, "{word}");
    }
}

#[test]
fn all_words_must_match() {
    let loaded = load();
    let index = corpus_index(&loaded);
    assert_eq!(ids(&index, &Query::new("行政复议 临淄")), set(&[11]));
    assert_eq!(ids(&index, &Query::new("枫桥经验 临淄")), set(&[]));
}

#[test]
fn a_phrase_matches_its_words_together_only() {
    let index = SearchIndex::in_memory().unwrap();
    index
        .replace(&[
            plain(1, "全年受理行政复议案件145件。"),
            plain(2, "行政复议工作稳步推进,办理各类案件30件。"),
            plain(3, "受理复议案件12件。"),
            plain(4, "案件与行政复议。"),
        ])
        .unwrap();
    let cases: &[(&str, &[i64])] = &[
        (r#""行政复议案件""#, &[1]),
        (r#""行政复议 案件""#, &[1]),
        ("“行政复议案件”", &[1]),
        (r#""复议案件""#, &[1, 3]),
        ("行政复议 案件", &[1, 2, 4]),
        ("行政复议案件", &[1, 2, 4]),
        (r#""案件 行政复议""#, &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(ids(&index, &Query::new(text)), set(expected), "{text}");
    }
}

#[test]
fn a_phrase_in_the_corpus() {
    let loaded = load();
    let index = corpus_index(&loaded);
    let expected: BTreeSet<i64> = loaded
        .iter()
        .filter(|l| l.text.contains("复议案件"))
        .map(|l| l.sample.id)
        .collect();
    assert_eq!(ids(&index, &Query::new(r#""复议案件""#)), expected);
}

#[test]
fn filters_narrow() {
    let loaded = load();
    let index = corpus_index(&loaded);
    let all = set(&[10, 11, 12, 13, 14]);
    let with = |change: &dyn Fn(&mut Query)| {
        let mut query = Query::new("法治政府");
        change(&mut query);
        query
    };
    assert_eq!(ids(&index, &with(&|_| ())), all);
    let cases: Vec<(Query, &[i64])> = vec![
        (with(&|q| q.year = Some(2024)), &[14]),
        (with(&|q| q.year = Some(2023)), &[10, 11, 12, 13]),
        (with(&|q| q.year = Some(2020)), &[]),
        (with(&|q| q.level = Some("county")), &[10, 11, 14]),
        (with(&|q| q.level = Some("township")), &[13]),
        (with(&|q| q.region = Some("株洲")), &[10]),
        (with(&|q| q.region = Some("株洲市")), &[10]),
        (with(&|q| q.region = Some("芦淞区")), &[10]),
        (with(&|q| q.region = Some("株洲市芦淞区")), &[10]),
        (with(&|q| q.region = Some("淄博")), &[11]),
        (with(&|q| q.region = Some("大冶市")), &[13]),
        (with(&|q| q.region = Some("株洲市临淄区")), &[]),
        (with(&|q| q.region = Some("市")), &[10, 11, 12, 13]),
        (
            with(&|q| q.indicator = Some("reconsideration.accepted")),
            &[10, 11],
        ),
        (with(&|q| q.indicator = Some("reconsideration")), &[]),
        (with(&|q| q.level = Some("")), &[10, 11, 12, 13, 14]),
        (with(&|q| q.region = Some(" ")), &[10, 11, 12, 13, 14]),
        (
            with(&|q| {
                q.level = Some("county");
                q.indicator = Some("reconsideration.applications");
                q.year = Some(2023);
            }),
            &[10],
        ),
    ];
    for (query, expected) in cases {
        assert_eq!(ids(&index, &query), set(expected), "{query:?}");
    }
}

#[test]
fn filters_alone_list_reports() {
    let loaded = load();
    let index = corpus_index(&loaded);
    let query = Query {
        level: Some("county"),
        ..Query::new("")
    };
    assert_eq!(ids(&index, &query), set(&[10, 11, 14]));
    assert_eq!(ids(&index, &Query::new("")).len(), SAMPLES.len());
}

#[test]
fn a_traditional_report_answers_a_simplified_query_and_back() {
    let index = SearchIndex::in_memory().unwrap();
    index
        .replace(&[
            plain(1, "縣政府辦理行政復議案件145件,審結137件。"),
            plain(2, "县政府办理行政诉讼案件。"),
        ])
        .unwrap();
    for text in ["行政复议", "行政復議", "行政覆議", r#""復議案件""#] {
        assert_eq!(ids(&index, &Query::new(text)), set(&[1]), "{text}");
    }
    let hits = index.search(&Query::new("审结")).unwrap();
    let snippet = &hits.hits[0].snippets[0];
    assert_eq!(&snippet.text[snippet.highlights[0].clone()], "審結");
}

#[test]
fn snippets_mark_the_query_words() {
    let loaded = load();
    let index = corpus_index(&loaded);
    for text in ["行政复议", "合法性审查", r#""复议案件""#] {
        let word = text.trim_matches('"');
        let hits = index.search(&Query::new(text)).unwrap();
        assert!(!hits.hits.is_empty(), "{text}");
        for hit in &hits.hits {
            let report = &loaded.iter().find(|l| l.sample.id == hit.id).unwrap().text;
            assert!(
                (1..=3).contains(&hit.snippets.len()),
                "{text} in {}",
                hit.id
            );
            for snippet in &hit.snippets {
                let chars = snippet.text.chars().count();
                assert!(
                    (word.chars().count()..=120).contains(&chars),
                    "{}",
                    snippet.text
                );
                let at: String = report.chars().skip(snippet.start).take(chars).collect();
                assert_eq!(at, snippet.text, "start points at the snippet");
                assert!(!snippet.highlights.is_empty());
                for mark in &snippet.highlights {
                    assert_eq!(&snippet.text[mark.clone()], word, "{}", snippet.text);
                }
            }
        }
    }
}

#[test]
fn snippets_are_escaped_html() {
    let index = SearchIndex::in_memory().unwrap();
    let text = "<script>alert('行政复议')</script><b onclick=\"x\">复议</b> & 案件";
    index.replace(&[plain(1, text)]).unwrap();
    let hits = index.search(&Query::new("复议")).unwrap();
    let html = hits.hits[0].snippets[0].to_html();
    assert_eq!(
        html,
        "&lt;script&gt;alert(&#39;行政<mark>复议</mark>&#39;)&lt;/script&gt;\
         &lt;b onclick=&quot;x&quot;&gt;<mark>复议</mark>&lt;/b&gt; &amp; 案件"
    );
}

#[test]
fn replacing_a_report_does_not_duplicate_it() {
    let index = SearchIndex::in_memory().unwrap();
    assert!(index.is_empty());
    index.replace(&[plain(7, "受理行政复议案件。")]).unwrap();
    assert!(!index.is_empty());
    index.replace(&[plain(7, "办理行政诉讼案件。")]).unwrap();
    assert_eq!(ids(&index, &Query::new("案件")), set(&[7]));
    assert_eq!(ids(&index, &Query::new("复议")), set(&[]));
    assert_eq!(ids(&index, &Query::new("诉讼")), set(&[7]));
    // The same id twice in one call: the later one stands.
    index
        .replace(&[plain(8, "听证"), plain(8, "调解")])
        .unwrap();
    assert_eq!(ids(&index, &Query::new("听证")), set(&[]));
    assert_eq!(ids(&index, &Query::new("调解")), set(&[8]));
    index.remove(7).unwrap();
    index.remove(8).unwrap();
    index.remove(9).unwrap();
    assert!(index.is_empty());
}

#[test]
fn pages_and_counts() {
    let loaded = load();
    let index = corpus_index(&loaded);
    let count = Query {
        limit: 0,
        ..Query::new("法治")
    };
    let hits = index.search(&count).unwrap();
    assert_eq!((hits.total, hits.hits.len()), (5, 0));
    let page = |offset| {
        let query = Query {
            limit: 2,
            offset,
            ..Query::new("法治")
        };
        let hits = index.search(&query).unwrap();
        assert_eq!(hits.total, 5);
        hits.hits.iter().map(|hit| hit.id).collect::<Vec<_>>()
    };
    let pages = [page(0), page(2), page(4), page(6), page(usize::MAX)];
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        [2, 2, 1, 0, 0]
    );
    let all: BTreeSet<i64> = pages.iter().flatten().copied().collect();
    assert_eq!(all.len(), 5);
    let everything = Query {
        limit: usize::MAX,
        ..Query::new("法治")
    };
    assert_eq!(index.search(&everything).unwrap().hits.len(), 5);
}

#[test]
fn odd_queries_do_not_fail() {
    let loaded = load();
    let index = corpus_index(&loaded);
    let long = "法治".repeat(2000);
    let odd = [
        "\"",
        "\"\"",
        "“",
        "”行政",
        "((",
        ")",
        "AND",
        "OR NOT",
        "-",
        "*",
        "?",
        "~2",
        "^3",
        "a:b",
        "title:法治",
        "行政复议\"",
        "[1 TO 2]",
        "\\",
        "\u{0}",
        "\u{200B}",
        "𠀀",
        &long,
    ];
    for text in odd {
        assert!(index.search(&Query::new(text)).is_ok(), "{text}");
    }
}

#[test]
fn the_index_survives_reopening() {
    let dir = std::env::temp_dir().join(format!("fazhi-search-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let index = SearchIndex::open(&dir).unwrap();
        assert!(index.is_empty());
        index
            .replace(&[plain(1, "受理行政复议案件。"), plain(2, "行政诉讼。")])
            .unwrap();
        assert!(matches!(SearchIndex::open(&dir), Err(SearchError::Locked)));
    }
    let index = SearchIndex::open(&dir).unwrap();
    assert!(!index.is_empty());
    assert_eq!(ids(&index, &Query::new("复议")), set(&[1]));
    index.remove(1).unwrap();
    drop(index);
    let index = SearchIndex::open(&dir).unwrap();
    assert_eq!(ids(&index, &Query::new("行政")), set(&[2]));
    drop(index);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_index_of_another_schema_is_refused() {
    let dir = std::env::temp_dir().join(format!("fazhi-search-other-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut other = tantivy::schema::Schema::builder();
    other.add_text_field("text", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&dir, other.build()).unwrap();
    let error = SearchIndex::open(&dir).err().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(error, SearchError::Incompatible { .. }), "{error}");
    assert!(error.to_string().contains("删除该目录"), "{error}");
}

#[test]
fn errors_speak_chinese() {
    let file = std::env::temp_dir().join(format!("fazhi-search-file-{}", std::process::id()));
    std::fs::write(&file, "not a folder").unwrap();
    let error = SearchIndex::open(&file.join("index")).err().unwrap();
    std::fs::remove_file(&file).unwrap();
    assert!(
        error.to_string().starts_with("无法创建搜索索引目录"),
        "{error}"
    );
}

#[test]
fn the_index_is_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<SearchIndex>();
}
