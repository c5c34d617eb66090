//! The handlers, called through the router without binding a port.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use fazhi_engine::Input;
use fazhi_review::CardConfig;
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::*;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fazhi-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn corpus_file(prefix: &str) -> (String, Vec<u8>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let path = std::fs::read_dir(dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .expect("corpus file");
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    (name, std::fs::read(&path).expect("read"))
}

/// A workbench with the corpus reports `prefixes` imported, and its router.
fn workbench(name: &str, prefixes: &[&str]) -> (Arc<Workbench>, Router) {
    let wb = Workbench::open(&scratch(name), CardConfig::default()).expect("open");
    for prefix in prefixes {
        let (file, bytes) = corpus_file(prefix);
        wb.import(&file, &bytes).expect("import");
    }
    let wb = Arc::new(wb);
    (Arc::clone(&wb), router(wb))
}

async fn get(app: &Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, headers, body.to_vec())
}

async fn page(app: &Router, uri: &str) -> (StatusCode, String) {
    let (status, _, body) = get(app, uri).await;
    (status, String::from_utf8(body).expect("utf-8"))
}

/// A multipart body with one `file` field per (name, bytes).
fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "fazhi-test-boundary";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post(app: &Router, uri: &str, files: &[(&str, &[u8])]) -> (StatusCode, String) {
    let (content_type, body) = multipart(files);
    let response = app
        .clone()
        .oneshot(
            Request::post(uri)
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(body))
                .expect("request"),
        )
        .await
        .expect("response");
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, String::from_utf8(body.to_vec()).expect("utf-8"))
}

#[tokio::test]
async fn an_empty_workbench_says_what_to_do() {
    let (_, app) = workbench("empty", &[]);
    let (status, html) = page(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("还没有报告"));
    assert!(html.contains("lang=\"zh-CN\""));
}

#[tokio::test]
async fn the_overview_shows_every_report_with_links_to_evidence() {
    let (_, app) = workbench("overview", &["000", "003", "004"]);
    let (status, html) = page(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("株洲市芦淞区"));
    assert!(html.contains("大冶市金湖街道"));
    // 003 lacks the causes; the cell links to the report's items.
    assert!(html.contains("缺失"));
    assert!(html.contains("#items"));
    assert!(html.contains("#card"));
    let (_, filtered) = page(&app, "/?year=2024&level=&region=").await;
    assert!(filtered.contains("富蕴县") && !filtered.contains("株洲市芦淞区"));
}

#[tokio::test]
async fn a_report_page_highlights_its_figures() {
    let (wb, app) = workbench("report", &["000"]);
    let id = wb.store.reports(&Default::default()).expect("list")[0].id;
    let (status, html) = page(&app, &format!("/reports/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<mark class=\"figure\""),
        "figures are marked"
    );
    assert!(html.contains("调解(调处)矛盾纠纷 件数 (mediation.cases): 774 件"));
    assert!(html.contains("id=\"findings\""));
    assert!(html.contains("arith.rate_mismatch"));
    assert!(html.contains("aria-label=\"提纲\""));
    let (status, html) = page(&app, "/reports/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("这份报告不存在"));
}

#[tokio::test]
async fn report_text_is_never_markup() {
    let (_, app) = workbench("escape", &[]);
    let hostile = "青山县2023年法治政府建设年度报告\n一、主要举措和成效\n\
                   <script>alert(1)</script><img src=x onerror=alert(2)>办理案件58件。\n"
        .as_bytes();
    let (status, body) = post(&app, "/api/reports", &[("hostile.txt", hostile)]).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id: serde_json::Value = serde_json::from_str(&body).expect("json");
    let id = id["imported"][0]["id"].as_i64().expect("id");
    let (_, headers, html) = get(&app, &format!("/reports/{id}")).await;
    let html = String::from_utf8(html).expect("utf-8");
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("ascii");
    assert!(csp.contains("script-src 'self'"));
}

#[tokio::test]
async fn the_api_report_is_the_analyze_line_plus_its_id() {
    let (wb, app) = workbench("api", &["001"]);
    let id = wb.store.reports(&Default::default()).expect("list")[0].id;
    let (status, _, body) = get(&app, &format!("/api/reports/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let got: serde_json::Value = serde_json::from_slice(&body).expect("json");
    let (file, bytes) = corpus_file("001");
    let source =
        fazhi_text::read_bytes(&bytes, &file, &fazhi_text::Limits::default()).expect("read");
    let (analysis, card) = fazhi_review::review(
        &Input {
            text: &source.text,
            page_meta: &source.page_meta,
        },
        &source.notes,
        &CardConfig::default(),
    );
    let mut expected = serde_json::to_value(&analysis).expect("json");
    let object = expected.as_object_mut().expect("object");
    object.insert("id".to_owned(), id.into());
    object.insert("file".to_owned(), file.into());
    object.insert("format".to_owned(), "text".into());
    object.insert("encoding".to_owned(), source.encoding.into());
    object.insert(
        "card".to_owned(),
        serde_json::to_value(&card).expect("json"),
    );
    assert_eq!(got, expected);
}

#[tokio::test]
async fn bad_uploads_are_refused_in_chinese_and_change_nothing() {
    let dir = scratch("bad");
    let mut wb = Workbench::open(&dir, CardConfig::default()).expect("open");
    wb.limits.max_file_bytes = 4096;
    let wb = Arc::new(wb);
    let app = router(Arc::clone(&wb));
    let huge = vec![b'a'; 5000];
    let corrupt_docx = b"PK\x03\x04 this is not really a zip archive".to_vec();
    for (name, bytes, status, words) in [
        (
            "empty.txt",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "文件为空",
        ),
        ("huge.txt", huge, StatusCode::PAYLOAD_TOO_LARGE, "文件过大"),
        (
            "picture.png",
            vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0, 1],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "不",
        ),
        (
            "broken.docx",
            corrupt_docx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "DOCX",
        ),
    ] {
        let (got, body) = post(&app, "/api/reports", &[(name, &bytes)]).await;
        assert_eq!(got, status, "{name}: {body}");
        let error: serde_json::Value = serde_json::from_str(&body).expect("json");
        let message = error["error"].as_str().expect("message");
        assert!(message.contains(words), "{name}: {message}");
    }
    let (got, html) = post(&app, "/import", &[("empty.txt", b"")]).await;
    assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("失败") && html.contains("文件为空"));
    let (got, _) = post(&app, "/api/reports", &[]).await;
    assert_eq!(got, StatusCode::BAD_REQUEST);
    assert_eq!(wb.report_count().expect("count"), 0);
}

#[tokio::test]
async fn the_same_file_twice_is_stored_once() {
    let (wb, app) = workbench("twice", &[]);
    let (file, bytes) = corpus_file("002");
    let (first, _) = post(&app, "/import", &[(&file, &bytes)]).await;
    let (second, html) = post(&app, "/import", &[(&file, &bytes)]).await;
    assert_eq!((first, second), (StatusCode::OK, StatusCode::OK));
    assert!(html.contains("已存在"));
    assert_eq!(wb.report_count().expect("count"), 1);
}

#[tokio::test]
async fn compare_draws_a_chart_and_exports() {
    let (_, app) = workbench("compare", &["000", "001", "002"]);
    let (status, html) = page(&app, "/compare?indicator=mediation.cases&year=").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<svg class=\"chart\""));
    assert!(html.contains("774"));
    assert!(html.contains("报告质量排名"));
    let (status, headers, xlsx) = get(&app, "/export/compare.xlsx?indicator=mediation.cases").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .expect("ascii")
        .contains("spreadsheetml"));
    assert!(xlsx.starts_with(b"PK"));
    let (_, _, csv) = get(&app, "/export/reports.csv").await;
    let csv = String::from_utf8(csv).expect("utf-8");
    assert!(csv.starts_with("\u{feff}编号,单位"));
    assert_eq!(csv.lines().count(), 4);
    let (status, _, body) = get(&app, "/api/compare?indicator=mediation.cases").await;
    assert_eq!(status, StatusCode::OK);
    let rows: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert!(rows
        .as_array()
        .expect("rows")
        .iter()
        .any(|r| r["value"] == "774"));
    let (status, _, _) = get(&app, "/export/reports.pdf").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let (_, app) = workbench("openapi", &[]);
    let (status, _, body) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let spec: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(spec["openapi"], "3.1.0");
    for path in [
        "/api/reports",
        "/api/reports/{id}",
        "/api/compare",
        "/api/search",
    ] {
        assert!(spec["paths"].get(path).is_some(), "{path}");
    }
}

#[tokio::test]
async fn assets_come_from_the_binary() {
    let (_, app) = workbench("assets", &[]);
    let (status, headers, css) = get(&app, "/assets/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .expect("ascii")
        .starts_with("text/css"));
    assert!(!css.is_empty());
    let (status, _, _) = get(&app, "/assets/missing.js").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_finds_reports_with_highlighted_passages() {
    let (_, app) = workbench("search", &["000", "001", "004"]);
    let (status, html) = page(
        &app,
        "/search?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&year=2024",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("共 1 份报告"), "only 004 covers 2024");
    assert!(html.contains("<mark>"));
    assert!(html.contains("?at="), "each passage links to its place");
    let (status, _, body) = get(&app, "/api/search?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE").await;
    assert_eq!(status, StatusCode::OK);
    let hits: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(hits["total"], 3);
    let (status, _, _) = get(&app, "/api/search?q=").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_index_catches_up_and_is_rebuilt_from_the_database() {
    let dir = scratch("rebuild");
    {
        let wb = Workbench::open(&dir, CardConfig::default()).expect("open");
        let (file, bytes) = corpus_file("000");
        wb.import(&file, &bytes).expect("import");
    }
    // Another process adds a report to the database only (as `fazhi import` beside a server).
    {
        let store = fazhi_store::Store::open(&dir.join(DATABASE_FILE)).expect("store");
        let (file, bytes) = corpus_file("002");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        let (analysis, card) = fazhi_review::review(
            &Input {
                text: &text,
                page_meta: &[],
            },
            &[],
            &CardConfig::default(),
        );
        store
            .import(&fazhi_store::NewReport {
                file_name: &file,
                original: &bytes,
                format: "text",
                encoding: "UTF-8",
                text: &text,
                analysis: &analysis,
                card: &card,
            })
            .expect("import");
    }
    let search = |wb: &Workbench, q: &str| {
        wb.search(&fazhi_search::Query::new(q))
            .expect("search")
            .total
    };
    let wb = Workbench::open(&dir, CardConfig::default()).expect("reopen");
    assert_eq!(search(&wb, "咸宁"), 1, "the report added beside is indexed");
    drop(wb);
    std::fs::remove_dir_all(dir.join(SEARCH_DIR)).expect("delete the index");
    let wb = Workbench::open(&dir, CardConfig::default()).expect("rebuild");
    assert_eq!(
        search(&wb, "咸宁") + search(&wb, "芦淞区"),
        2,
        "both are back"
    );
}

#[tokio::test]
async fn a_comparison_can_take_the_reports_picked_on_the_overview() {
    let (wb, app) = workbench("pick", &["000", "001"]);
    let rows = wb.store.reports(&Default::default()).expect("list");
    let zhuzhou = rows
        .iter()
        .find(|r| r.jurisdiction.as_deref() == Some("株洲市芦淞区"))
        .expect("000");
    let (_, overview) = page(&app, "/").await;
    assert!(
        overview.contains("name=\"report\""),
        "each row can be picked"
    );
    let uri = format!("/compare?indicator=mediation.cases&report={}", zhuzhou.id);
    let (status, html) = page(&app, &uri).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("774") && !html.contains("7062"),
        "only the picked report"
    );
    assert!(html.contains("只对比所选的 1 份报告"));
}
