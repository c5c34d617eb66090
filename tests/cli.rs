//! The `fazhi` binary end to end: formats, exit codes, bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the `fazhi` binary (shared by the modules of this test binary).
pub(crate) fn fazhi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(args)
        .output()
        .expect("the fazhi binary runs")
}

/// One JSON value per line of `analyze --format jsonl`.
fn json_lines(stdout: Vec<u8>) -> Vec<serde_json::Value> {
    let stdout = String::from_utf8(stdout).expect("utf-8");
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

fn corpus_file(name_prefix: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let entry = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(name_prefix))
        .expect("corpus file");
    entry.path().display().to_string()
}

/// A fresh folder of this test run; `name` must be unique across modules.
pub(crate) fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fazhi-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn jsonl_gives_one_object_per_file_with_the_contract_fields() {
    let out = fazhi(&[
        "analyze",
        "--format",
        "jsonl",
        &corpus_file("000"),
        &corpus_file("002"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(out.stdout);
    assert_eq!(lines.len(), 2);
    for line in &lines {
        for field in [
            "file",
            "meta",
            "parts",
            "outline",
            "facts",
            "findings",
            "diagnostics",
        ] {
            assert!(line.get(field).is_some(), "missing {field}");
        }
        for part in [
            "measures",
            "first_responsible",
            "shortcomings",
            "causes",
            "next_year_plan",
        ] {
            assert!(
                line["parts"][part].is_boolean(),
                "parts.{part} is found or not"
            );
        }
        assert!(
            line["parts"]["locations"]["measures"]["start"].is_u64(),
            "parts.locations says where"
        );
        for field in [
            "title",
            "jurisdiction",
            "level",
            "report_year",
            "signed_date",
            "published_date",
            "issuer",
        ] {
            assert!(line["meta"].get(field).is_some(), "missing meta.{field}");
        }
        let fact = &line["facts"][0];
        for field in [
            "indicator",
            "value",
            "unit",
            "qualifier",
            "subject",
            "start",
            "end",
            "evidence",
            "parent",
            "plan",
        ] {
            assert!(fact.get(field).is_some(), "missing facts[].{field}");
        }
        assert!(line["card"]["score"].is_u64(), "a report card");
    }
}

#[test]
fn findings_follow_the_contract() {
    let out = fazhi(&["analyze", "--format", "jsonl", &corpus_file("001")]);
    let lines = json_lines(out.stdout);
    let findings = lines[0]["findings"].as_array().expect("findings array");
    assert!(!findings.is_empty());
    for finding in findings {
        let mut keys: Vec<&str> = finding
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let mut contract = [
            "rule", "severity", "message", "start", "end", "evidence", "data",
        ];
        contract.sort_unstable();
        assert_eq!(keys, contract);
    }
}

#[test]
fn review_ranks_the_reports_of_a_year() {
    let out = fazhi(&["review", "corpus", "--year", "2023", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("rank,file,title"));
    // Four reports cover 2023 (004 covers 2024); the best first.
    assert_eq!(rows.len(), 5, "{csv}");
    let scores: Vec<u32> = rows[1..]
        .iter()
        .map(|r| r.split(',').nth(7).expect("score").parse().expect("number"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn review_writes_one_letter_per_report() {
    let dir = scratch_dir("letters");
    let out = fazhi(&[
        "review",
        &corpus_file("001"),
        &corpus_file("003"),
        "--letters",
        &dir.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut letters: Vec<String> = std::fs::read_dir(&dir)
        .expect("letters written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    letters.sort();
    assert_eq!(letters.len(), 2);
    assert!(letters[0].starts_with("001_") && letters[0].ends_with(".审核意见.txt"));
    let text = std::fs::read_to_string(dir.join(&letters[0])).expect("letter");
    assert!(text.contains("规则 text.duplicated_body"), "{text}");
}

#[test]
fn a_bad_card_file_is_a_usage_error() {
    let dir = scratch_dir("card");
    let card = dir.join("card.toml");
    std::fs::write(&card, "[severity]\nerror = \"heavy\"\n").expect("write card");
    let out = fazhi(&["review", "corpus", "--card", &card.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("评分卡"), "{stderr}");
}

#[test]
fn a_bad_file_gets_one_line_and_the_run_goes_on() {
    let dir = scratch_dir("bad");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let good = corpus_file("003");
    let out = fazhi(&[
        "analyze",
        "--format",
        "jsonl",
        empty.to_str().unwrap(),
        &good,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt"), "{stderr}");
    let lines = json_lines(out.stdout);
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].is_string());
    assert!(lines[1]["facts"].is_array());
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(fazhi(&["analyze"]).status.code(), Some(2));
    assert_eq!(
        fazhi(&["analyze", "--format", "xml", "x.txt"])
            .status
            .code(),
        Some(2)
    );
    let dir = scratch_dir("nothing");
    assert_eq!(
        fazhi(&["analyze", dir.to_str().unwrap()]).status.code(),
        Some(2)
    );
}

#[test]
fn folders_are_walked() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = fazhi(&["analyze", "--format", "jsonl", corpus.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
}

#[test]
fn csv_has_a_header_and_one_row_per_fact() {
    let out = fazhi(&["analyze", "--format", "csv", &corpus_file("004")]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = stdout.lines();
    assert!(lines
        .next()
        .expect("header")
        .starts_with("file,jurisdiction,report_year,indicator"));
    assert!(stdout.contains("reconsideration.accepted"));
}

#[test]
fn the_table_speaks_chinese() {
    let out = fazhi(&["analyze", &corpus_file("000")]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(stdout.contains("五项内容"), "{stdout}");
    assert!(stdout.contains("受理行政复议案件"), "{stdout}");
}

#[test]
fn the_size_limit_is_a_setting() {
    let dir = scratch_dir("limit");
    let big = dir.join("big.txt");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(3 * 1024 * 1024).expect("sparse file");
    let out = fazhi(&["analyze", "--max-size-mb", "1", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("big.txt"));
}

#[test]
fn review_finds_text_copied_from_another_unit() {
    let dir = scratch_dir("copy");
    let original = std::fs::read_to_string(corpus_file("000")).expect("corpus file");
    // Another district's report of the same year, made from 000's text.
    let copied = original.replace("芦淞区", "荷塘区");
    std::fs::write(dir.join("a.txt"), &original).expect("write");
    std::fs::write(dir.join("b.txt"), &copied).expect("write");
    let out = fazhi(&["review", &dir.display().to_string(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let passages = json["shared_passages"].as_array().expect("passages");
    assert!(!passages.is_empty());
    assert!(passages.iter().all(|p| p["relation"] == "other_unit"));
    for report in json["reports"].as_array().expect("reports") {
        let copies = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["rule"] == "copy.shared_passage")
            .count();
        assert!(copies > 0, "both units are told: {}", report["file"]);
    }
}

#[test]
fn import_fills_the_workbench_once() {
    let dir = scratch_dir("import");
    let data = dir.join("data").display().to_string();
    let first = fazhi(&["import", "corpus", "--data-dir", &data]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let said = String::from_utf8_lossy(&first.stderr);
    assert!(said.contains("导入 5 份, 已存在 0 份, 失败 0 份"), "{said}");
    let again = fazhi(&["import", "corpus", "--data-dir", &data]);
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(said.contains("导入 0 份, 已存在 5 份"), "{said}");
}
