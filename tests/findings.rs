//! The real defects of the sample corpus, each found by the rule that should
//! find it, and no error beyond them.

use fazhi_engine::{Analysis, Finding, Input, Severity};
use fazhi_text::Limits;

fn analysis(name: &str) -> Analysis {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let path = std::fs::read_dir(dir)
        .expect("corpus/ is readable")
        .map(|e| e.expect("corpus entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(name))
        })
        .unwrap_or_else(|| panic!("corpus/{name}* exists"));
    let source = fazhi_text::read_path(&path, &Limits::default()).expect("readable");
    fazhi_engine::analyze(&Input {
        text: &source.text,
        page_meta: &source.page_meta,
    })
}

/// The findings of `rule` in report `name`.
fn found(name: &str, rule: &str) -> Vec<Finding> {
    analysis(name)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

#[test]
fn duplicated_body_of_001() {
    let found = found("001", "text.duplicated_body");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
}

#[test]
fn legal_affairs_of_001_do_not_add_up() {
    let found = found("001", "arith.breakdown_sum");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    let data = serde_json::to_value(&found[0].data).unwrap();
    assert_eq!(data["expression"], "54 + 229 + 118");
    assert_eq!(data["stated"], 445);
    assert_eq!(data["computed"], 401);
    assert_eq!(data["difference"], 44);
}

#[test]
fn truncated_rate_of_000() {
    let found = found("000", "arith.rate_mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Info);
    assert!(found[0].message.contains("749 / 774"));
}

#[test]
fn report_of_004_signed_by_the_justice_bureau() {
    let found = found("004", "structure.signed_by_department");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Info);
    assert_eq!(found[0].evidence[0].text, "富蕴县司法局");
}

#[test]
fn this_year_in_004_signed_the_next() {
    let found = found("004", "dates.relative_time");
    assert!(found.iter().all(|f| f.severity == Severity::Info));
    assert!(found
        .iter()
        .any(|f| f.evidence[0].text == "今年以来" && f.start == 0));
}

#[test]
fn causes_missing_in_002_003_004() {
    for name in ["002", "003", "004"] {
        let found = found(name, "structure.missing_causes");
        assert_eq!(found.len(), 1, "{name}");
        assert_eq!(found[0].severity, Severity::Warning);
    }
    for name in ["000", "001"] {
        assert!(found(name, "structure.missing_causes").is_empty(), "{name}");
    }
}

#[test]
fn passage_of_003_repeated_in_another_section() {
    let found = found("003", "text.repeated_passage");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].evidence[0]
        .text
        .starts_with("建立完善行政机关内部重大决策合法性审查机制"));
    assert_eq!(found[0].evidence[0].text, found[0].evidence[1].text);
}

#[test]
fn low_data_density_of_003() {
    assert_eq!(found("003", "text.low_density").len(), 1);
    for name in ["000", "001", "002", "004"] {
        assert!(found(name, "text.low_density").is_empty(), "{name}");
    }
}

/// Every error on the sample corpus is a real one: the duplicated body of 001.
#[test]
fn no_other_error_on_the_corpus() {
    let mut errors = Vec::new();
    for name in ["000", "001", "002", "003", "004"] {
        for f in analysis(name).findings {
            if f.severity == Severity::Error {
                errors.push(format!("{name} {}", f.rule));
            }
        }
    }
    assert_eq!(errors, ["001 text.duplicated_body"]);
}
