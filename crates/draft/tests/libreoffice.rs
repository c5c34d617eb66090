//! The DOCX as a word processor lays it out: LibreOffice converts a report of
//! several pages to PDF, and poppler reads back the page count and each page's
//! "— N —". Needs `libreoffice` (Debian: libreoffice-writer-nogui) and
//! poppler-utils; without them the test fails and says what to install.
//!
//! With FAZHI_UPDATE_DOCS=1 it also renders page 1 to docs/draft-first-page.png.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use fazhi_draft::{compose, Draft, Request};
use fazhi_ledger::Config;

#[test]
fn libreoffice_sets_the_report_on_numbered_pages() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("report.docx");
    std::fs::write(&docx, fazhi_draft::to_docx(&example_draft())).unwrap();

    // A profile of its own, so that parallel runs do not wait on each other's lock.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let started = Instant::now();
    let outdir = dir.path().to_str().unwrap();
    let docx_path = docx.to_str().unwrap();
    run(
        "libreoffice",
        "libreoffice-writer-nogui",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            outdir,
            docx_path,
        ],
    );
    eprintln!(
        "LibreOffice converted the DOCX in {:.1?}",
        started.elapsed()
    );

    let pdf = dir.path().join("report.pdf");
    let pdf_path = pdf.to_str().unwrap();
    let info = run("pdfinfo", "poppler-utils", &[pdf_path]);
    let pages: usize = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .expect("pdfinfo gives a page count")
        .trim()
        .parse()
        .unwrap();
    eprintln!("the example draft takes {pages} pages");
    assert!(
        pages >= 3,
        "the example draft should run over at least 3 pages, not {pages}"
    );

    let first = page_text(pdf_path, 1);
    assert!(
        first.contains("示例县2025年度法治政府建设年度报告"),
        "{first}"
    );
    assert!(first.contains("—1—"), "page 1 has no “— 1 —”: {first}");
    let second = page_text(pdf_path, 2);
    assert!(second.contains("—2—"), "page 2 has no “— 2 —”: {second}");
    let last = page_text(pdf_path, pages);
    assert!(
        last.contains("示例县人民政府2026年2月26日"),
        "no signature: {last}"
    );

    // GB/T 9704: 28 characters a line, 22 lines a page. A line wholly of
    // Chinese characters and punctuation shows the first (digits are
    // narrower). For the second, every line of a page sits on the grid: the
    // tops of two lines are a whole number of pitches apart, 225 mm / 22 =
    // 28.95 pt (579 twips), so 22 lines fill the text area.
    let lines = page_lines(pdf_path, 2);
    let widest = lines
        .iter()
        .filter(|l| l.chars().all(is_full_width))
        .map(|l| l.chars().count())
        .max();
    assert_eq!(widest, Some(28), "{lines:#?}");
    // The page number stands below the text area (297 − 35 = 262 mm = 742.7 pt).
    let tops: Vec<f64> = line_tops(pdf_path, 2)
        .into_iter()
        .filter(|&top| top < 742.0)
        .collect();
    assert!(tops.len() >= 18, "{tops:?}");
    let pitch = 579.0 / 20.0;
    for pair in tops.windows(2) {
        let lines_apart = (pair[1] - pair[0]) / pitch;
        assert!(
            lines_apart > 0.5 && (lines_apart - lines_apart.round()).abs() < 0.05,
            "lines at {pair:?} pt are off the 28.95 pt grid"
        );
    }

    if std::env::var("FAZHI_UPDATE_DOCS").as_deref() == Ok("1") {
        let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/draft-first-page");
        let png = png.to_str().unwrap();
        let args = [
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf_path,
            png,
        ];
        run("pdftoppm", "poppler-utils", &args);
    }
}

/// One page's lines as pdftotext reads them, without spaces and empty lines.
fn page_lines(pdf: &str, page: usize) -> Vec<String> {
    let page = page.to_string();
    let text = run(
        "pdftotext",
        "poppler-utils",
        &["-f", &page, "-l", &page, pdf, "-"],
    );
    text.lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The top of every line of a page, in points from the top of the page.
fn line_tops(pdf: &str, page: usize) -> Vec<f64> {
    let page = page.to_string();
    let xhtml = run(
        "pdftotext",
        "poppler-utils",
        &["-f", &page, "-l", &page, "-bbox-layout", pdf, "-"],
    );
    let mut tops: Vec<f64> = xhtml
        .split("<line ")
        .skip(1)
        .filter_map(|line| {
            let at = line.find("yMin=\"")? + "yMin=\"".len();
            line[at..].split('"').next()?.parse().ok()
        })
        .collect();
    tops.sort_by(f64::total_cmp);
    tops
}

/// A CJK character or full-width punctuation: one cell of a 公文 line.
fn is_full_width(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF5E}' | '\u{2018}'..='\u{201D}' | '\u{2014}')
}

/// One page's text with all white space taken out: pdftotext spaces a centred
/// title or a page number as the layout happens to.
fn page_text(pdf: &str, page: usize) -> String {
    let page = page.to_string();
    let text = run(
        "pdftotext",
        "poppler-utils",
        &["-f", &page, "-l", &page, pdf, "-"],
    );
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Runs a program to success and returns what it printed; a missing program
/// fails the test with the Debian package that brings it.
fn run(program: &str, package: &str, args: &[&str]) -> String {
    let output = match Command::new(program).args(args).output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{program}` is not installed: install the Debian package {package} \
             (apt-get install {package})"
        ),
        Err(error) => panic!("`{program}` could not be started: {error}"),
    };
    assert!(
        output.status.success(),
        "`{program} {}` failed: {}\n{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The draft of the invented example ledger (the fictional 示例县 of
/// examples/示例台账.xlsx), as `fazhi draft` writes it.
fn example_draft() -> Draft {
    let config = Config::default();
    let ledger = fazhi_ledger::sample("示例县", 2025, 200, 1);
    let workbook = fazhi_ledger::write(&ledger, None).unwrap();
    let loaded = fazhi_ledger::load(&workbook, None, &config).unwrap();
    compose(&Request {
        unit: "示例县",
        year: loaded.year,
        date: (2026, 2, 26),
        indicators: &loaded.indicators,
        basis: &config.basis,
        previous: None,
    })
}
