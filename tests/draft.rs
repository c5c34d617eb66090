//! Record → Draft end to end: the shipped example ledger, the draft it
//! gives, and the round trip that holds the drafter to the engine: reading
//! the written DOCX back recovers every figure of the ledger under the same
//! indicator, the five parts, the year and the unit.

use std::path::PathBuf;

use fazhi_draft::{compose, to_docx, Block, Draft, Inline, Previous, Request, SelfCheck};
use fazhi_ledger::{AppearanceCounts, AppearanceDenominator, Config, CorrectionBasis, Indicators};
use proptest::prelude::*;

use crate::cli::{fazhi, scratch_dir};

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/示例台账.xlsx")
}

/// Every ledger figure that the analysis of the draft does not give back
/// under the same indicator with the same value.
fn unrecovered(indicators: &Indicators, check: &SelfCheck) -> Vec<String> {
    indicators
        .figures
        .iter()
        .filter(|figure| {
            !check.analysis.facts.iter().any(|fact| {
                fact.indicator.as_deref() == Some(figure.indicator)
                    && fact.value == figure.value
                    && !fact.plan
            })
        })
        .map(|f| format!("{} = {}", f.indicator, f.value))
        .collect()
}

fn assert_recovers(indicators: &Indicators, check: &SelfCheck, unit: &str, year: i32) {
    let missing = unrecovered(indicators, check);
    assert!(
        missing.is_empty(),
        "not read back from the draft: {missing:?}\n{}",
        check.text
    );
    let analysis = &check.analysis;
    assert_eq!(analysis.meta.report_year, Some(year));
    assert_eq!(analysis.meta.jurisdiction.as_deref(), Some(unit));
    let parts = &analysis.parts;
    for (name, part) in [
        ("measures", &parts.measures),
        ("first_responsible", &parts.first_responsible),
        ("shortcomings", &parts.shortcomings),
        ("causes", &parts.causes),
        ("next_year_plan", &parts.next_year_plan),
        ("other", &parts.other),
    ] {
        assert!(part.is_some(), "the draft lacks {name}");
    }
}

#[test]
fn the_example_ledger_is_the_invented_one_the_command_makes() {
    let bytes = std::fs::read(example()).expect("examples/示例台账.xlsx");
    let (ledger, _) = fazhi_ledger::read(&bytes).expect("the example reads");
    let invented = fazhi_ledger::sample("示例县", 2025, 200, 1);
    // Not assert_eq!: the Debug of two ledgers says less than the sheet.
    for (read, made) in ledger.sheets.iter().zip(&invented.sheets) {
        assert!(
            read == made,
            "sheet {} differs; regenerate with: fazhi ledger example --out examples/示例台账.xlsx",
            made.register.sheet
        );
    }
    assert_eq!((ledger.unit, ledger.year), (invented.unit, invented.year));
}

#[test]
fn the_example_drafts_and_reads_back_through_the_command_line() {
    let dir = scratch_dir("draft-example");
    let docx = dir.join("草稿.docx");
    let ledger = example().display().to_string();
    let out = fazhi(&[
        "draft",
        "--ledger",
        &ledger,
        "--date",
        "2026-02-26",
        "--out",
        &docx.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("自查结果: 暂不可报送"),
        "placeholders remain: {stdout}"
    );
    assert!(stdout.contains("structure.placeholder"));

    let indicators = fazhi(&["ledger", "indicators", &ledger, "--format", "json"]);
    let figures: Vec<serde_json::Value> = serde_json::from_slice(&indicators.stdout).unwrap();
    assert!(figures.len() > 40, "{figures:?}");
    let analyzed = fazhi(&["analyze", &docx.display().to_string(), "--format", "json"]);
    let analysis: serde_json::Value = serde_json::from_slice(&analyzed.stdout).unwrap();
    let analysis = analysis.as_array().map_or(&analysis, |a| &a[0]);
    for figure in &figures {
        let found = analysis["facts"].as_array().unwrap().iter().any(|fact| {
            fact["indicator"] == figure["indicator"] && fact["value"] == figure["value"]
        });
        assert!(found, "{figure} is not in the analysis of the draft");
    }
    assert_eq!(analysis["meta"]["report_year"], 2025);
    assert_eq!(analysis["meta"]["jurisdiction"], "示例县");
    assert_eq!(analysis["meta"]["issuer"], "示例县人民政府");
    for part in [
        "measures",
        "first_responsible",
        "shortcomings",
        "causes",
        "next_year_plan",
        "other",
    ] {
        assert_eq!(analysis["parts"][part], true, "{part}");
    }
}

#[test]
fn the_markdown_draft_with_last_years_report() {
    let dir = scratch_dir("draft-markdown");
    let md = dir.join("草稿.md");
    let previous =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/003_48f0b0224c6d3822.txt");
    let out = fazhi(&[
        "draft",
        "--ledger",
        &example().display().to_string(),
        "--previous",
        &previous.display().to_string(),
        "--unit",
        "示例县",
        "--year",
        "2025",
        "--date",
        "2026-02-26",
        "--out",
        &md.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(md).unwrap();
    assert!(
        text.starts_with("# 示例县2025年度法治政府建设年度报告\n"),
        "{text}"
    );
    assert!(text.contains("## 五、其他需要报告的情况"));
    assert!(text.contains("【待填写："));
    // 003's plan: 一是加强办事处全体干部的法治教育培训……
    assert!(
        text.contains("1.上年度承诺：加强办事处全体干部的法治教育培训"),
        "{text}"
    );
}

/// Last year's plan is listed as 上年度承诺, item by item.
#[test]
fn last_years_plan_becomes_this_years_commitments() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let previous = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("000_"))
        .unwrap();
    let text = std::fs::read_to_string(&previous).unwrap();
    let analysis = fazhi_engine::analyze(&fazhi_engine::Input {
        text: &text,
        page_meta: &[],
    });
    let last_year = Previous::from_analysis(&analysis, &text);
    assert!(
        last_year.commitments.len() >= 3,
        "{:?}",
        last_year.commitments
    );
    assert!(!last_year.figures.is_empty());
    let (draft, _) = draft_of(
        &fazhi_ledger::sample("示例县", 2025, 200, 1),
        &Config::default(),
        Some(&last_year),
    );
    let shown = paragraphs(&draft);
    for item in &last_year.commitments {
        let item = item.trim_end_matches(['。', '；', ';']);
        assert!(
            shown
                .iter()
                .any(|p| p.contains("上年度承诺") && p.contains(item)),
            "{item} not listed"
        );
    }
}

/// Once the writer has replaced every placeholder, nothing stands in the
/// way: the self-check says 可报送.
#[test]
fn a_draft_without_placeholders_is_ready() {
    let ledger = fazhi_ledger::sample("示例县", 2025, 200, 1);
    let (mut draft, _) = draft_of(&ledger, &Config::default(), None);
    for block in &mut draft.blocks {
        let inlines = match block {
            Block::Heading { text, .. } => text,
            Block::Paragraph(text) => text,
        };
        for inline in inlines.iter_mut() {
            if let Inline::Placeholder(what) = inline {
                *inline = Inline::Text(format!("本年度围绕{what}开展了相关工作,取得积极成效。"));
            }
        }
    }
    let check = SelfCheck::of(&to_docx(&draft), "草稿.docx").unwrap();
    assert!(check.ready(), "{:?}", check.analysis.findings);
    assert_eq!(check.verdict(), "可报送");
}

fn paragraphs(draft: &Draft) -> Vec<String> {
    draft
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } | Block::Paragraph(text) => {
                text.iter().map(Inline::shown).collect()
            }
        })
        .collect()
}

fn draft_of(
    ledger: &fazhi_ledger::Ledger,
    config: &Config,
    previous: Option<&Previous>,
) -> (Draft, Indicators) {
    let bytes = fazhi_ledger::write(ledger, None).unwrap();
    let loaded = fazhi_ledger::load(&bytes, None, config).unwrap();
    let draft = compose(&Request {
        unit: ledger.unit.as_deref().unwrap(),
        year: loaded.year,
        date: (loaded.year + 1, 2, 26),
        indicators: &loaded.indicators,
        basis: &config.basis,
        previous,
    });
    (draft, loaded.indicators)
}

fn config_with(correction: u8, denominator: bool, principal: bool) -> Config {
    let mut config = Config::default();
    config.basis.correction_rate =
        [CorrectionBasis::Closed, CorrectionBasis::Decided][usize::from(correction % 2)];
    config.basis.appearance_denominator = if denominator {
        AppearanceDenominator::All
    } else {
        AppearanceDenominator::Heard
    };
    config.basis.appearance_counts = if principal {
        AppearanceCounts::Principal
    } else {
        AppearanceCounts::PrincipalOrDeputy
    };
    config
}

const UNITS: &[&str] = &["示例县", "示例市东城区", "示例省", "示例县司法局", "示例镇"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any ledger, under any 口径, drafts into a DOCX that the engine reads
    /// back whole; with last year's draft as the previous report the
    /// year-over-year clauses must not disturb it either.
    #[test]
    fn generated_ledgers_round_trip(
        seed in any::<u64>(),
        rows in 12usize..600,
        year in 2019i32..2027,
        unit in 0usize..UNITS.len(),
        correction in 0u8..2,
        all_cases in any::<bool>(),
        principal in any::<bool>(),
        with_previous in any::<bool>(),
        emptied in any::<u16>(),
        not_applicable in any::<u16>(),
    ) {
        let unit = UNITS[unit];
        let config = config_with(correction, all_cases, principal);
        let previous = with_previous.then(|| {
            let (draft, _) = draft_of(&fazhi_ledger::sample(unit, year - 1, rows, seed ^ 1), &config, None);
            let check = SelfCheck::of(&to_docx(&draft), "上年.docx").unwrap();
            Previous::from_analysis(&check.analysis, &check.text)
        });
        let mut ledger = fazhi_ledger::sample(unit, year, rows, seed);
        // Some registers left empty, some marked 不适用: a sixteen-bit mask
        // each, one bit per register.
        for (i, sheet) in ledger.sheets.iter_mut().enumerate() {
            if emptied & (1 << i) != 0 {
                sheet.rows.clear();
                sheet.not_applicable = not_applicable & (1 << i) != 0;
            }
        }
        let (draft, indicators) = draft_of(&ledger, &config, previous.as_ref());
        let check = SelfCheck::of(&to_docx(&draft), "草稿.docx").unwrap();
        let missing = unrecovered(&indicators, &check);
        prop_assert!(missing.is_empty(), "not read back: {:?}\n{}", missing, check.text);
        prop_assert_eq!(check.analysis.meta.report_year, Some(year));
        prop_assert_eq!(check.analysis.meta.jurisdiction.as_deref(), Some(unit));
        let rules: Vec<&str> = check.analysis.findings.iter().map(|f| f.rule.as_str()).collect();
        prop_assert!(
            rules.iter().all(|r| ["structure.placeholder", "dates.publication_unknown", "text.area_without_figures", "arith.rate_mismatch"].contains(r)),
            "the draft itself is faulted: {:?}", check.analysis.findings
        );
    }
}

#[test]
fn the_example_round_trips_in_process() {
    let ledger = fazhi_ledger::sample("示例县", 2025, 200, 1);
    let (draft, indicators) = draft_of(&ledger, &Config::default(), None);
    let check = SelfCheck::of(&to_docx(&draft), "草稿.docx").unwrap();
    assert_recovers(&indicators, &check, "示例县", 2025);
}

#[test]
fn ledger_template_check_and_bad_input_on_the_command_line() {
    let dir = scratch_dir("draft-ledger");
    let template = dir.join("台账.xlsx").display().to_string();
    let out = fazhi(&[
        "ledger",
        "template",
        "--out",
        &template,
        "--unit",
        "示例县",
        "--year",
        "2025",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (ledger, problems) = fazhi_ledger::read(&std::fs::read(&template).unwrap()).unwrap();
    assert_eq!(
        (ledger.unit.as_deref(), ledger.year, ledger.row_count()),
        (Some("示例县"), Some(2025), 0)
    );
    assert!(problems.is_empty(), "{problems:?}");

    // A workbook with one broken row: exit 1 and the row's place in Chinese.
    let mut broken = fazhi_ledger::sample("示例县", 2025, 100, 3);
    let sheet = broken.sheet_mut(&fazhi_ledger::schema::MEDIATION);
    sheet.rows[0].values[2] = fazhi_ledger::Value::Count(1_000_000);
    let broken_path = dir.join("有误.xlsx");
    std::fs::write(&broken_path, fazhi_ledger::write(&broken, None).unwrap()).unwrap();
    let out = fazhi(&["ledger", "check", &broken_path.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("[错误] 矛盾纠纷调解 第2行 调解成功: 调解成功1000000件，多于受理的"),
        "{stdout}"
    );
    let out = fazhi(&[
        "ledger",
        "check",
        &example().display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the example has warnings, no errors"
    );
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(problems
        .iter()
        .all(|p| p["severity"] != "error" && p["sheet"].is_string() && p["message"].is_string()));

    let garbage = dir.join("not.xlsx");
    std::fs::write(&garbage, b"not a workbook").unwrap();
    let out = fazhi(&["ledger", "check", &garbage.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取台账文件"));
    let out = fazhi(&[
        "draft",
        "--ledger",
        &example().display().to_string(),
        "--date",
        "2月26日",
        "--out",
        &dir.join("x.docx").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是日期"));
}
