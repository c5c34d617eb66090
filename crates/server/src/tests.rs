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

/// A part of a multipart form: the field, the file name of a file, the content.
struct Part<'a> {
    field: &'a str,
    file: Option<&'a str>,
    bytes: &'a [u8],
}

/// A multipart body of `parts`.
fn form_data(parts: &[Part]) -> (String, Vec<u8>) {
    let boundary = "fazhi-test-boundary";
    let mut body = Vec::new();
    for part in parts {
        let file = part
            .file
            .map(|name| format!("; filename=\"{name}\""))
            .unwrap_or_default();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"{file}\r\n\
                 Content-Type: application/octet-stream\r\n\r\n",
                part.field
            )
            .as_bytes(),
        );
        body.extend_from_slice(part.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A multipart body with one `file` field per (name, bytes).
fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let parts: Vec<Part> = files
        .iter()
        .map(|(name, bytes)| Part {
            field: "file",
            file: Some(name),
            bytes,
        })
        .collect();
    form_data(&parts)
}

async fn post(app: &Router, uri: &str, files: &[(&str, &[u8])]) -> (StatusCode, String) {
    send(app, uri, multipart(files)).await
}

async fn send(
    app: &Router,
    uri: &str,
    (content_type, body): (String, Vec<u8>),
) -> (StatusCode, String) {
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

/// Posts the 填报 form: a ledger and text fields.
async fn fill(app: &Router, ledger: &[u8], fields: &[(&str, &str)]) -> (StatusCode, String) {
    let mut parts = vec![Part {
        field: "ledger",
        file: Some("台账.xlsx"),
        bytes: ledger,
    }];
    parts.extend(fields.iter().map(|(field, value)| Part {
        field,
        file: None,
        bytes: value.as_bytes(),
    }));
    send(app, "/fill", form_data(&parts)).await
}

/// The invented example workbook, as the page offers it.
async fn example_workbook(app: &Router) -> Vec<u8> {
    let (status, _, bytes) = get(app, "/fill/example.xlsx").await;
    assert_eq!(status, StatusCode::OK);
    bytes
}

#[tokio::test]
async fn the_fill_page_offers_the_form_and_the_workbooks() {
    let (_, app) = workbench("fill-page", &[]);
    let (status, html) = page(&app, "/fill").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<a href=\"/fill\" aria-current=\"page\">填报</a>"));
    assert!(html.contains("action=\"/fill\"") && html.contains("enctype=\"multipart/form-data\""));
    for field in ["ledger", "unit", "year", "previous", "date"] {
        assert!(html.contains(&format!("name=\"{field}\"")), "{field}");
    }
    assert!(html.contains("/fill/template.xlsx") && html.contains("/fill/example.xlsx"));
    for (uri, rows) in [("/fill/template.xlsx", false), ("/fill/example.xlsx", true)] {
        let (status, headers, bytes) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .contains("spreadsheetml"));
        let disposition = headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii");
        assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");
        let (ledger, problems) = fazhi_ledger::read(&bytes).expect("a workbook");
        assert!(
            problems.iter().all(|p| p.rule != "sheet.missing"),
            "{uri}: {problems:?}"
        );
        assert_eq!(ledger.row_count() > 0, rows, "{uri}");
    }
}

#[tokio::test]
async fn the_example_ledger_gives_a_draft_to_download() {
    let (_, app) = workbench("fill-example", &[]);
    let workbook = example_workbook(&app).await;
    let (status, html) = fill(&app, &workbook, &[("date", "2026-02-26")]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("暂不可报送"), "the draft has placeholders");
    assert!(html.contains("<mark class=\"placeholder\">【待填写"));
    assert!(html.contains("<code>reconsideration.applications</code>"));
    assert!(html.contains("<th scope=\"col\">计算方法</th>"));
    assert!(
        html.contains("structure.placeholder"),
        "the self-check's findings"
    );
    assert!(html.contains("2026年2月26日"), "the signing date");
    let title = "示例县2025年度法治政府建设年度报告";
    let start = html.find("/fill/draft/").expect("a download link");
    let end = start + html[start..].find(".docx").expect("the DOCX link");
    let token = &html[start + "/fill/draft/".len()..end];

    let (status, headers, docx) = get(&app, &format!("/fill/draft/{token}.docx")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(docx.starts_with(b"PK"));
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .expect("ascii")
        .contains("wordprocessingml"));
    let disposition = headers[header::CONTENT_DISPOSITION]
        .to_str()
        .expect("ascii");
    let name = format!("{title}(草稿).docx");
    assert!(disposition.ends_with(&format!("filename*=UTF-8''{}", pages::encode(&name))));
    let text = fazhi_text::read_bytes(&docx, "草稿.docx", &fazhi_text::Limits::default())
        .expect("the draft reads")
        .text;
    assert!(text.contains(title));

    let (status, headers, markdown) = get(&app, &format!("/fill/draft/{token}.md")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .expect("ascii")
        .starts_with("text/markdown"));
    assert!(String::from_utf8(markdown)
        .expect("utf-8")
        .starts_with(&format!("# {title}")));
}

#[tokio::test]
async fn bad_ledgers_are_refused_in_chinese_with_the_form_again() {
    let dir = scratch("fill-bad");
    let template = fazhi_ledger::write(&fazhi_ledger::Ledger::empty(), None).expect("template");
    let sample = fazhi_ledger::sample("示例县", 2025, 200, 1);
    let workbook = fazhi_ledger::write(&sample, None).expect("example");
    let mut wb = Workbench::open(&dir, CardConfig::default()).expect("open");
    // The blank template passes, the larger example does not.
    wb.limits.max_file_bytes = template.len() as u64;
    let app = router(Arc::new(wb));
    for (ledger, fields, status, words) in [
        (&b""[..], &[][..], StatusCode::UNPROCESSABLE_ENTITY, "为空"),
        (
            &b"garbage, not a workbook"[..],
            &[],
            StatusCode::UNPROCESSABLE_ENTITY,
            "无法读取台账文件",
        ),
        (
            &template[..],
            &[],
            StatusCode::UNPROCESSABLE_ENTITY,
            "无法确定台账的年度",
        ),
        (
            &template[..],
            &[("year", "2025")][..],
            StatusCode::UNPROCESSABLE_ENTITY,
            "请填写报告单位",
        ),
        (
            &template[..],
            &[("year", "二〇二五")][..],
            StatusCode::UNPROCESSABLE_ENTITY,
            "不是年份",
        ),
        (
            &workbook[..],
            &[],
            StatusCode::PAYLOAD_TOO_LARGE,
            "文件过大",
        ),
    ] {
        let (got, html) = fill(&app, ledger, fields).await;
        assert_eq!(got, status, "{words}: {html}");
        assert!(html.contains("role=\"alert\""), "{words}");
        assert!(html.contains(words), "{words}: {html}");
        assert!(html.contains("name=\"ledger\""), "the form again");
    }
    let (got, html) = send(&app, "/fill", form_data(&[])).await;
    assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("请选择台账文件"));
}

#[tokio::test]
async fn last_years_report_is_read_when_given() {
    let (_, app) = workbench("fill-previous", &[]);
    let workbook = example_workbook(&app).await;
    let (file, report) = corpus_file("004");
    for (previous, status, words) in [
        (&report[..], StatusCode::OK, "已参考上一年度报告"),
        (&b""[..], StatusCode::UNPROCESSABLE_ENTITY, "文件为空"),
    ] {
        let parts = [
            Part {
                field: "ledger",
                file: Some("台账.xlsx"),
                bytes: &workbook,
            },
            Part {
                field: "previous",
                file: Some(&file),
                bytes: previous,
            },
        ];
        let (got, html) = send(&app, "/fill", form_data(&parts)).await;
        assert_eq!(got, status, "{words}");
        assert!(
            html.contains(words) && html.contains(&file),
            "{words}: {html}"
        );
    }
}

#[tokio::test]
async fn an_unknown_draft_has_expired() {
    let (_, app) = workbench("fill-expired", &[]);
    for uri in ["/fill/draft/0123456789abcdef.docx", "/fill/draft/nothing"] {
        let (status, html) = page(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(html.contains("草稿已过期,请重新上传台账"));
    }
}

#[tokio::test]
async fn the_unit_typed_is_never_markup() {
    let (_, app) = workbench("fill-escape", &[]);
    let workbook = example_workbook(&app).await;
    let hostile = "<script>alert(1)</script>";
    let (status, html) = fill(&app, &workbook, &[("unit", hostile)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;2025年度法治政府建设年度报告"));
    // Refused, the form keeps what was typed, escaped.
    let (status, html) = fill(&app, b"garbage", &[("unit", hostile)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
}
