//! Ledger rules, each with a row that must pass and one that must fail, on
//! sheets built from plain text cells (no spreadsheet needed), and the
//! formulas of the indicators on small hand-counted ledgers.

use crate::read::{parse_sheet, Cell};
use crate::schema::*;
use crate::{check, indicators, Config, Ledger, Problem};

const YEAR: i32 = 2025;

/// A sheet of `register` from rows of text cells, as a ledger, with the
/// problems of reading and checking it.
fn ledger_of(register: &'static Register, rows: &[&[&str]]) -> (Ledger, Vec<Problem>) {
    let header: Vec<Cell> = register
        .columns
        .iter()
        .map(|c| Cell::Text(c.header.to_owned()))
        .collect();
    let mut grid = vec![header];
    grid.extend(
        rows.iter()
            .map(|r| r.iter().map(|t| Cell::Text((*t).to_owned())).collect()),
    );
    let mut problems = Vec::new();
    let mut ledger = Ledger::empty();
    *ledger.sheet_mut(register) = parse_sheet(register, &grid, &mut problems);
    problems.extend(check(&ledger, YEAR, &Config::default()));
    (ledger, problems)
}

fn rules(register: &'static Register, rows: &[&[&str]]) -> Vec<&'static str> {
    let found: Vec<&'static str> = ledger_of(register, rows).1.iter().map(|p| p.rule).collect();
    for rule in &found {
        assert!(crate::RULES.contains(rule), "{rule} is not listed in RULES");
    }
    found
}

/// `rule` fires on `fails` and not on `passes`.
fn check_rule(register: &'static Register, rule: &str, passes: &[&str], fails: &[&str]) {
    let passed = rules(register, &[passes]);
    assert!(
        !passed.contains(&rule),
        "{rule} fired on the passing row {passes:?}: {passed:?}"
    );
    let failed = rules(register, &[fails]);
    assert!(
        failed.contains(&rule),
        "{rule} did not fire on {fails:?}: {failed:?}"
    );
}

// 行政复议: 案号, 收到日期, 是否受理, 受理日期, 申请事项类型, 被申请人, 结案日期, 结果
const CASE: &[&str] = &[
    "复1",
    "2025-03-01",
    "是",
    "2025-03-03",
    "行政处罚",
    "县市场监管局",
    "2025-04-20",
    "维持",
];

/// Changes to a row: (column index, new cell).
type Changes = &'static [(usize, &'static str)];

fn changed(base: &[&'static str], changes: &[(usize, &'static str)]) -> Vec<&'static str> {
    let mut row = base.to_vec();
    for &(at, value) in changes {
        row[at] = value;
    }
    row
}

fn case_with(changes: &[(usize, &'static str)]) -> Vec<&'static str> {
    changed(CASE, changes)
}

/// For each (rule, passing changes, failing changes) to `base`: the rule
/// fires on the failing row and not on the passing one.
fn check_rules(
    register: &'static Register,
    base: &[&'static str],
    cases: &[(&str, Changes, Changes)],
) {
    for (rule, passes, fails) in cases {
        check_rule(
            register,
            rule,
            &changed(base, passes),
            &changed(base, fails),
        );
    }
}

#[test]
fn a_correct_case_has_no_problem() {
    assert_eq!(rules(&RECONSIDERATION, &[CASE]), Vec::<&str>::new());
}

// 部门, 许可, 不予许可, 简易, 一般, 罚没金额, 强制, 检查, 确认, 持证人数
const DEPARTMENT: &[&str] = &[
    "县市场监管局",
    "10",
    "0",
    "5",
    "3",
    "1200.50",
    "不适用",
    "40",
    "2",
    "12",
];

#[test]
fn cell_rules() {
    check_rules(
        &RECONSIDERATION,
        CASE,
        &[
            ("cell.not_a_date", &[], &[(1, "3月1日")]),
            ("cell.not_a_date", &[(1, "2025/3/1")], &[(1, "2025-02-30")]),
            ("cell.not_in_list", &[], &[(7, "部分撤销")]),
            ("row.required_blank", &[], &[(0, "")]),
        ],
    );
    check_rules(
        &ENFORCEMENT,
        DEPARTMENT,
        &[
            ("cell.not_a_number", &[(1, "1,234")], &[(1, "十件")]),
            ("cell.negative", &[(1, "0")], &[(1, "-3")]),
            ("cell.fractional_count", &[(1, "2.0")], &[(1, "2.5")]),
            ("cell.money_precision", &[(5, "12.34")], &[(5, "12.345")]),
        ],
    );
}

#[test]
fn blank_zero_and_not_applicable_stay_distinct() {
    // 部门, 许可, 不予许可, 简易, 一般, 罚没金额, 强制, 检查, 确认, 持证人数
    let (ledger, problems) = ledger_of(
        &ENFORCEMENT,
        &[
            &["甲局", "10", "0", "5", "3", "100", "不适用", "40", "", "12"],
            &["乙局", "0", "0", "1", "1", "0", "不适用", "2", "3", "4"],
        ],
    );
    let figures = indicators(&ledger, YEAR, &Config::default());
    assert_eq!(
        figures.value("enforcement.licenses").map(|v| v.to_string()),
        Some("10".into()),
        "zero adds nothing"
    );
    assert_eq!(
        figures.get("enforcement.coercive_measures"),
        None,
        "不适用 everywhere gives no figure"
    );
    assert_eq!(
        figures.get("enforcement.confirmations"),
        None,
        "a blank is unknown, not zero"
    );
    assert!(problems
        .iter()
        .any(|p| p.rule == "row.required_blank" && p.row == Some(2) && p.column == Some("确认")));
}

#[test]
fn reconsideration_rules() {
    const REFUSED: Changes = &[(2, "否"), (3, ""), (6, ""), (7, "")];
    const OPEN: Changes = &[(6, ""), (7, "")];
    check_rules(
        &RECONSIDERATION,
        CASE,
        &[
            ("order.accepted_before_received", &[], &[(3, "2025-02-27")]),
            ("order.closed_before_accepted", &[], &[(6, "2025-03-02")]),
            ("row.accepted_without_date", &[], &[(3, "")]),
            (
                "row.refused_with_date",
                REFUSED,
                &[(2, "否"), (6, ""), (7, "")],
            ),
            (
                "row.closed_without_acceptance",
                REFUSED,
                &[(2, "否"), (3, "")],
            ),
            ("row.closed_without_outcome", &[], &[(7, "")]),
            ("row.outcome_without_close", &[], &[(6, "")]),
            // 60 days from 3 March is 2 May; 90 days is 1 June.
            (
                "deadline.reconsideration_extended",
                &[(6, "2025-05-02")],
                &[(6, "2025-05-03")],
            ),
            (
                "deadline.reconsideration_overdue",
                &[(6, "2025-06-01")],
                &[(6, "2025-06-02")],
            ),
            // Still open at the year's end, accepted more than 90 days before it.
            (
                "deadline.reconsideration_overdue",
                &[(3, "2025-10-15"), (6, ""), (7, "")],
                OPEN,
            ),
        ],
    );
}

#[test]
fn duplicate_numbers() {
    let second = case_with(&[(1, "2025-05-01"), (3, "2025-05-02"), (6, "2025-06-01")]);
    let mut other = second.clone();
    other[0] = "复2";
    assert!(!rules(&RECONSIDERATION, &[CASE, &other]).contains(&"row.duplicate_number"));
    let found = ledger_of(&RECONSIDERATION, &[CASE, &second]).1;
    let duplicate = found
        .iter()
        .find(|p| p.rule == "row.duplicate_number")
        .expect("a duplicate 案号");
    assert_eq!((duplicate.row, duplicate.column), (Some(3), Some("案号")));
    assert!(duplicate.message.contains("第2行"), "{}", duplicate.message);
}

// 规范性文件: 名称, 文号, 制定机关, 合法性审核日期, 公布日期, 报送备案日期, 备案结果, 清理结论
const DOCUMENT: &[&str] = &[
    "某办法",
    "示政规〔2025〕1号",
    "县政府",
    "2025-03-01",
    "2025-03-10",
    "2025-04-09",
    "准予备案",
    "",
];

#[test]
fn normative_document_rules() {
    assert_eq!(
        rules(&NORMATIVE_DOCUMENTS, &[DOCUMENT]),
        Vec::<&str>::new(),
        "30 days after is in time"
    );
    check_rules(
        &NORMATIVE_DOCUMENTS,
        DOCUMENT,
        &[
            ("deadline.filing_late", &[], &[(5, "2025-04-10")]),
            ("order.filed_before_published", &[], &[(5, "2025-03-09")]),
            ("order.reviewed_after_published", &[], &[(3, "2025-03-11")]),
            ("row.not_filed", &[(5, "不适用")], &[(5, "")]),
        ],
    );
    let second = changed(
        DOCUMENT,
        &[
            (0, "另一办法"),
            (3, "2025-05-01"),
            (4, "2025-05-10"),
            (5, "2025-05-20"),
        ],
    );
    assert!(rules(&NORMATIVE_DOCUMENTS, &[DOCUMENT, &second]).contains(&"row.duplicate_number"));
}

#[test]
fn the_filing_deadline_is_configurable() {
    let late = [
        "某办法",
        "示政规〔2025〕1号",
        "县政府",
        "2025-03-01",
        "2025-03-10",
        "2025-04-20",
        "准予备案",
        "",
    ];
    let (ledger, _) = ledger_of(&NORMATIVE_DOCUMENTS, &[&late]);
    let strict = check(&ledger, YEAR, &Config::default());
    assert!(strict.iter().any(|p| p.rule == "deadline.filing_late"));
    let mut config = Config::default();
    config.deadlines.filing_days = 45;
    assert!(!check(&ledger, YEAR, &config)
        .iter()
        .any(|p| p.rule == "deadline.filing_late"));
}

#[test]
fn major_decision_rules() {
    // 事项, 列入目录, 征求意见开始, 截止, 专家论证, 风险评估, 合法性审查日期, 集体讨论会议, 集体讨论日期, 公布日期
    let decision = &[
        "某方案",
        "是",
        "2025-06-01",
        "2025-06-30",
        "是",
        "是",
        "2025-07-05",
        "常务会议",
        "2025-07-10",
        "2025-07-15",
    ];
    assert_eq!(
        rules(&MAJOR_DECISIONS, &[decision]),
        Vec::<&str>::new(),
        "1 to 30 June is 30 days"
    );
    check_rules(
        &MAJOR_DECISIONS,
        decision,
        &[
            ("deadline.comment_period_short", &[], &[(3, "2025-06-29")]),
            ("order.comment_period_reversed", &[], &[(3, "2025-05-30")]),
            ("row.decision_step_missing", &[(9, ""), (8, "")], &[(8, "")]),
            ("row.decision_step_missing", &[(6, "不适用")], &[(6, "")]),
        ],
    );
}

#[test]
fn litigation_rules() {
    // 案号, 被告机关, 审级, 立案日期, 开庭日期, 负责人出庭, 结果
    let case = &[
        "(2025)示行初1号",
        "县政府",
        "一审",
        "2025-03-01",
        "2025-04-01",
        "正职",
        "胜诉",
    ];
    check_rules(
        &LITIGATION,
        case,
        &[
            ("order.hearing_before_filing", &[], &[(4, "2025-02-01")]),
            (
                "row.appearance_without_hearing",
                &[(4, "不适用"), (5, "否")],
                &[(4, "不适用")],
            ),
        ],
    );
}

#[test]
fn mediation_and_rectification_rules() {
    check_rules(
        &MEDIATION,
        &["1月", "10", "10", "0"],
        &[("row.resolved_exceeds_cases", &[], &[(2, "11")])],
    );
    // 问题, 来源, 发现日期, 整改期限, 状态, 整改日期
    let problem = &[
        "案卷不规范",
        "评查",
        "2025-03-01",
        "2025-04-30",
        "已整改",
        "2025-04-30",
    ];
    check_rules(
        &RECTIFICATION,
        problem,
        &[
            ("order.rectified_before_found", &[], &[(5, "2025-02-28")]),
            ("row.rectified_without_date", &[], &[(5, "")]),
            ("row.date_without_rectified", &[], &[(4, "整改中")]),
            ("deadline.rectification_late", &[], &[(5, "2025-05-01")]),
            // Still open at the year's end: overdue only when the deadline has passed.
            (
                "deadline.rectification_overdue",
                &[(3, "2026-01-31"), (4, "整改中"), (5, "")],
                &[(4, "整改中"), (5, "")],
            ),
        ],
    );
}

#[test]
fn rows_of_another_year_are_not_counted() {
    let old = [
        "复9",
        "2024-03-01",
        "是",
        "2024-03-03",
        "行政处罚",
        "县市场监管局",
        "2024-04-20",
        "维持",
    ];
    check_rule(&RECONSIDERATION, "year.outside", CASE, &old);
    let (ledger, _) = ledger_of(&RECONSIDERATION, &[CASE, &old]);
    let figures = indicators(&ledger, YEAR, &Config::default());
    assert_eq!(
        figures
            .value("reconsideration.applications")
            .map(|v| v.to_string()),
        Some("1".into())
    );
}

#[test]
fn a_register_marked_not_applicable() {
    let (ledger, problems) = ledger_of(&RECONSIDERATION, &[&["不适用"]]);
    assert!(problems.is_empty(), "{problems:?}");
    let figures = indicators(&ledger, YEAR, &Config::default());
    assert_eq!(
        figures.absence(&RECONSIDERATION),
        Some(crate::Absence::NotApplicable)
    );
    let (_, problems) = ledger_of(&RECONSIDERATION, &[&["不适用"], CASE]);
    assert!(problems
        .iter()
        .any(|p| p.rule == "sheet.not_applicable_with_rows"));
}

#[test]
fn reconsideration_figures_and_the_correction_basis() {
    let rows: Vec<Vec<&str>> = vec![
        case_with(&[(0, "1"), (7, "撤销")]),
        case_with(&[(0, "2"), (7, "维持")]),
        case_with(&[(0, "3"), (7, "和解")]),
        case_with(&[(0, "4"), (7, "确认违法")]),
        case_with(&[(0, "5"), (6, ""), (7, "")]),
        case_with(&[(0, "6"), (2, "否"), (3, ""), (6, ""), (7, "")]),
    ];
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let (ledger, _) = ledger_of(&RECONSIDERATION, &rows);
    let figures = indicators(&ledger, YEAR, &Config::default());
    let value = |id: &str| figures.value(id).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!(
        [
            "applications",
            "accepted",
            "closed",
            "corrected",
            "correction_rate",
            "settled",
            "dismissed"
        ]
        .map(|id| value(&format!("reconsideration.{id}"))),
        ["6", "5", "4", "2", "50", "1", ""],
        "a zero part is left out"
    );
    let mut config = Config::default();
    config.basis.correction_rate = crate::CorrectionBasis::Decided;
    let decided = indicators(&ledger, YEAR, &config);
    assert_eq!(
        decided
            .value("reconsideration.correction_rate")
            .map(|v| v.to_string()),
        Some("66.7".into())
    );
}

#[test]
fn the_appearance_rate_follows_its_basis() {
    // 案号, 被告机关, 审级, 立案日期, 开庭日期, 负责人出庭, 结果
    let rows: &[&[&str]] = &[
        &[
            "1",
            "县政府",
            "一审",
            "2025-03-01",
            "2025-04-01",
            "正职",
            "胜诉",
        ],
        &[
            "2",
            "县政府",
            "一审",
            "2025-03-01",
            "2025-04-01",
            "副职",
            "败诉",
        ],
        &[
            "3",
            "县政府",
            "一审",
            "2025-03-01",
            "2025-04-01",
            "否",
            "撤诉",
        ],
        &["4", "县政府", "一审", "2025-03-01", "不适用", "", ""],
    ];
    let (ledger, _) = ledger_of(&LITIGATION, rows);
    let rate = |config: &Config| {
        indicators(&ledger, YEAR, config)
            .value("litigation.head_appearance_rate")
            .map(|v| v.to_string())
    };
    let mut config = Config::default();
    assert_eq!(rate(&config), Some("66.7".into()), "2 of 3 heard");
    config.basis.appearance_counts = crate::AppearanceCounts::Principal;
    assert_eq!(rate(&config), Some("33.3".into()), "1 of 3 heard");
    config.basis.appearance_denominator = crate::AppearanceDenominator::All;
    assert_eq!(rate(&config), Some("25".into()), "1 of 4");
}

#[test]
fn a_workbook_round_trips_through_xlsx() {
    let ledger = crate::sample("示例县", YEAR, 300, 7);
    let bytes = crate::write(&ledger, Some(crate::INVENTED)).unwrap();
    let (read, problems) = crate::read(&bytes).unwrap();
    assert_eq!(read, ledger);
    assert!(
        problems
            .iter()
            .all(|p| p.severity != crate::Severity::Error),
        "{problems:?}"
    );
}

#[test]
fn the_template_reads_as_an_empty_ledger() {
    let bytes = crate::write(&Ledger::empty(), None).unwrap();
    let (read, problems) = crate::read(&bytes).unwrap();
    assert_eq!(read, Ledger::empty());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn not_a_workbook_is_refused_in_chinese() {
    let error = crate::read(b"not a workbook").unwrap_err().to_string();
    assert!(error.starts_with("无法读取台账文件"), "{error}");
}

#[test]
fn sheet_rules() {
    let header: Vec<Cell> = RECONSIDERATION
        .columns
        .iter()
        .map(|c| Cell::Text(c.header.to_owned()))
        .collect();
    let mut problems = Vec::new();
    parse_sheet(
        &RECONSIDERATION,
        std::slice::from_ref(&header),
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:?}");
    parse_sheet(&RECONSIDERATION, &[header[1..].to_vec()], &mut problems);
    let missing = problems
        .iter()
        .find(|p| p.rule == "sheet.missing_column")
        .expect("案号 missing");
    assert_eq!(missing.column, Some("案号"));
    problems.clear();
    parse_sheet(
        &RECONSIDERATION,
        &[vec![Cell::Empty], vec![Cell::Text("复1".into())]],
        &mut problems,
    );
    assert_eq!(
        problems.iter().map(|p| p.rule).collect::<Vec<_>>(),
        ["sheet.no_header"]
    );
}

#[test]
fn a_formula_error_is_a_problem() {
    let header: Vec<Cell> = MEDIATION
        .columns
        .iter()
        .map(|c| Cell::Text(c.header.to_owned()))
        .collect();
    let good = vec![
        Cell::Text("1月".into()),
        Cell::Number(10.0),
        Cell::Number(9.0),
        Cell::Number(0.0),
    ];
    let mut bad = good.clone();
    bad[1] = Cell::Error("#DIV/0!".into());
    let mut problems = Vec::new();
    parse_sheet(&MEDIATION, &[header.clone(), good], &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    parse_sheet(&MEDIATION, &[header, bad], &mut problems);
    assert_eq!(
        problems.iter().map(|p| p.rule).collect::<Vec<_>>(),
        ["cell.formula_error"]
    );
}

/// A workbook written by hand: 说明 with a 年度, and only the 行政复议 sheet.
fn handmade(year: &str) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let guide = workbook.add_worksheet().set_name(GUIDE_SHEET).unwrap();
    guide.write_string(3, 0, YEAR_LABEL).unwrap();
    guide.write_string(3, 1, year).unwrap();
    let sheet = workbook
        .add_worksheet()
        .set_name(RECONSIDERATION.sheet)
        .unwrap();
    for (i, column) in RECONSIDERATION.columns.iter().enumerate() {
        sheet.write_string(0, i as u16, column.header).unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn guide_and_missing_sheets() {
    let (ledger, problems) = crate::read(&handmade("2025年")).unwrap();
    assert_eq!(ledger.year, Some(2025));
    let rules: Vec<&str> = problems.iter().map(|p| p.rule).collect();
    assert!(!rules.contains(&"cell.not_a_year"));
    assert_eq!(
        rules.iter().filter(|r| **r == "sheet.missing").count(),
        REGISTERS.len() - 1,
        "{rules:?}"
    );
    let (ledger, problems) = crate::read(&handmade("二〇二五")).unwrap();
    assert_eq!(ledger.year, None);
    assert!(problems
        .iter()
        .any(|p| p.rule == "cell.not_a_year" && p.row == Some(4)));
}

#[test]
fn every_rule_is_documented() {
    let doc = include_str!("../../../docs/ledger.md");
    for rule in crate::RULES {
        assert!(
            doc.contains(&format!("`{rule}`")),
            "docs/ledger.md does not describe {rule}"
        );
    }
}
