//! The workbench end to end in a real browser: `fazhi serve` on a loopback
//! port, Debian's Chromium driven headless through ChromeDriver (WebDriver).
//! A report is imported through the upload form, its page shows a
//! highlighted figure, a search finds it, and an XLSX export downloads.
//!
//! Needs `chromium` and `chromium-driver` (Debian packages; `.ci/run`
//! installs them). Without them the test fails and says so.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "chromedriver";
/// How long any one thing may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(30);
/// The WebDriver key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fazhi-browser-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `fazhi serve` on a free port; returns the process and its base URL.
fn start_workbench(data_dir: &Path) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(data_dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("fazhi serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let running = Running(child);
    let mut lines = BufReader::new(stderr).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("fazhi serve says where it listens")
            .expect("stderr line");
        if let Some(at) = line.find("http://") {
            break line[at..]
                .split_whitespace()
                .next()
                .expect("url")
                .to_owned();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (running, url)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn start_chromedriver() -> (Running, String) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("ChromeDriver is needed (Debian: apt-get install chromium chromium-driver): {e}")
        });
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while ureq::get(&format!("{url}/status")).call().is_err() {
        assert!(started.elapsed() < PATIENCE, "ChromeDriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (Running(child), url)
}

/// A WebDriver session.
struct Browser {
    session: String,
}

impl Browser {
    fn open(driver: &str, profile: &Path, downloads: &Path) -> Browser {
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1366,768",
                        format!("--user-data-dir={}", profile.display()),
                    ],
                    "prefs": {
                        "download.default_directory": downloads.display().to_string(),
                        "download.prompt_for_download": false,
                    },
                },
            }},
        });
        let response = call("POST", &format!("{driver}/session"), Some(capabilities));
        let session = response["sessionId"]
            .as_str()
            .expect("session id")
            .to_owned();
        Browser {
            session: format!("{driver}/session/{session}"),
        }
    }

    fn go(&self, url: &str) {
        call(
            "POST",
            &format!("{}/url", self.session),
            Some(json!({ "url": url })),
        );
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let found = call(
            "POST",
            &format!("{}/elements", self.session),
            Some(json!({ "using": "css selector", "value": css })),
        );
        found
            .as_array()
            .expect("elements")
            .iter()
            .map(|e| e[ELEMENT].as_str().expect("element id").to_owned())
            .collect()
    }

    /// The first element matching `css`, waiting for it to appear.
    fn find(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            if let Some(e) = self.find_all(css).into_iter().next() {
                return e;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "no element {css} in {}",
                self.title()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn property(&self, element: &str, name: &str) -> Value {
        call(
            "GET",
            &format!("{}/element/{element}/property/{name}", self.session),
            None,
        )
    }

    fn click(&self, element: &str) {
        call(
            "POST",
            &format!("{}/element/{element}/click", self.session),
            Some(json!({})),
        );
    }

    fn type_into(&self, element: &str, text: &str) {
        call(
            "POST",
            &format!("{}/element/{element}/value", self.session),
            Some(json!({ "text": text })),
        );
    }

    fn title(&self) -> String {
        call("GET", &format!("{}/title", self.session), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn source(&self) -> String {
        call("GET", &format!("{}/source", self.session), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&self.session).call();
    }
}

/// One WebDriver command; its `value`.
fn call(method: &str, url: &str, body: Option<Value>) -> Value {
    let response = match (method, body) {
        ("POST", Some(body)) => ureq::post(url).send_json(body),
        ("GET", None) => ureq::get(url).call(),
        _ => unreachable!("only the calls above are made"),
    };
    let mut response = response.unwrap_or_else(|e| panic!("WebDriver {method} {url}: {e}"));
    let value: Value = response
        .body_mut()
        .read_json()
        .expect("WebDriver answers JSON");
    value["value"].clone()
}

/// A report no other test imports (its bytes are its own).
const REPORT: &str = "青山县2023年法治政府建设年度报告\n\
    一、主要举措和成效\n\
    2023年,青山县受理行政复议案件58件,审结52件,调解矛盾纠纷310件,调解成功298件。\n\
    二、党政主要负责人履行推进法治建设第一责任人职责情况\n\
    县委书记、县长认真履行第一责任人职责,召开常务会议4次专题研究法治政府建设。\n\
    三、存在的不足和原因\n\
    基层法治力量薄弱,原因主要是人员配备不足。\n\
    四、2024年工作安排\n\
    持续加强行政复议工作。\n\
    青山县人民政府\n2024年2月20日\n";

#[test]
fn import_read_search_and_export_in_chromium() {
    let dir = scratch("e2e");
    let report = dir.join("青山县2023年报告.txt");
    std::fs::write(&report, REPORT).expect("write report");
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).expect("downloads dir");
    let (_server, base) = start_workbench(&dir.join("data"));
    let (_driver, driver) = start_chromedriver();
    let browser = Browser::open(&driver, &dir.join("profile"), &downloads);

    // Import through the upload form.
    browser.go(&format!("{base}/import"));
    let input = browser.find("input#files");
    browser.type_into(&input, &report.display().to_string());
    browser.click(&browser.find("form.upload button[type=submit]"));
    let link = browser.find("table.results a[href^='/reports/']");
    assert!(browser.source().contains("已导入"), "{}", browser.source());
    browser.click(&link);

    // The report page marks its figures; hovering shows indicator and value.
    browser.find("mark.figure");
    let titles: Vec<String> = browser
        .find_all("mark.figure")
        .iter()
        .map(|m| {
            browser
                .property(m, "title")
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("reconsideration.accepted") && t.contains("58")),
        "{titles:?}"
    );

    // Search finds it, with the words highlighted.
    browser.go(&format!("{base}/search?q=行政复议"));
    browser.find("ol.hits mark");
    assert!(browser.source().contains("青山县"), "{}", browser.source());

    // The comparison exports as XLSX.
    browser.go(&format!(
        "{base}/compare?indicator=reconsideration.accepted"
    ));
    browser.click(&browser.find("a[href^='/export/compare.xlsx']"));
    let started = Instant::now();
    let xlsx = loop {
        let done = std::fs::read_dir(&downloads)
            .expect("downloads")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "xlsx"));
        if let Some(path) = done {
            break std::fs::read(path).expect("read download");
        }
        assert!(started.elapsed() < PATIENCE, "the XLSX did not download");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(xlsx.starts_with(b"PK"), "an XLSX is a zip archive");
}

/// The unit's side: the example ledger uploaded on 填报, its verdict, and
/// the 公文 DOCX downloaded and read back.
#[test]
fn fill_a_ledger_and_download_the_draft_in_chromium() {
    let dir = scratch("fill");
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).expect("downloads dir");
    let ledger = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/示例台账.xlsx");
    let (_server, base) = start_workbench(&dir.join("data"));
    let (_driver, driver) = start_chromedriver();
    let browser = Browser::open(&driver, &dir.join("profile"), &downloads);

    browser.go(&format!("{base}/fill"));
    browser.type_into(&browser.find("input#ledger"), &ledger.display().to_string());
    browser.click(&browser.find("form.fill button[type=submit]"));
    let docx_link = browser.find("p.downloads a[href$='.docx']");
    let page = browser.source();
    assert!(page.contains("暂不可报送"), "placeholders remain: {page}");
    assert!(page.contains("reconsideration.applications"), "{page}");
    assert!(page.contains("mark class=\"placeholder\""), "{page}");

    browser.click(&docx_link);
    let started = Instant::now();
    let docx = loop {
        let done = std::fs::read_dir(&downloads)
            .expect("downloads")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "docx"));
        if let Some(path) = done {
            break std::fs::read(path).expect("read download");
        }
        assert!(started.elapsed() < PATIENCE, "the DOCX did not download");
        std::thread::sleep(Duration::from_millis(100));
    };
    let source = fazhi_text::read_bytes(&docx, "草稿.docx", &fazhi_text::Limits::default())
        .expect("the draft reads");
    assert!(
        source
            .text
            .starts_with("示例县2025年度法治政府建设年度报告"),
        "{}",
        &source.text[..200]
    );
    assert!(source.text.contains("示例县人民政府"), "the signature");
}
