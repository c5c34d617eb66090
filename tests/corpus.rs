//! Snapshot tests over the sample corpus: every report's reading, in a compact
//! form a reviewer can check line by line (`cargo insta review` after a change).

use std::fmt::Write;

use fazhi_engine::{Analysis, Input};
use fazhi_text::Limits;

#[test]
fn sample_corpus() {
    insta::glob!("../corpus", "*.*", |path| {
        let source =
            fazhi_text::read_path(path, &Limits::default()).expect("sample reports are readable");
        let analysis = fazhi_engine::analyze(&Input {
            text: &source.text,
            page_meta: &source.page_meta,
        });
        insta::assert_snapshot!(summary(&analysis));
    });
}

/// One line per thing the engine says: metadata, parts, headings, facts, findings.
fn summary(a: &Analysis) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "meta: {}",
        serde_json::to_string(&a.meta).unwrap_or_default()
    );
    let _ = writeln!(
        s,
        "parts: {}",
        serde_json::to_string(&a.parts).unwrap_or_default()
    );
    for d in &a.diagnostics {
        let _ = writeln!(s, "diagnostic: {}", d.message);
    }
    for h in &a.outline {
        let _ = writeln!(
            s,
            "{}{} [{}..{}]",
            "  ".repeat(usize::from(h.level.saturating_sub(1))),
            h.title,
            h.start,
            h.end
        );
    }
    for (i, f) in a.facts.iter().enumerate() {
        let parent = f.parent.map(|p| format!(" parent={p}")).unwrap_or_default();
        let plan = if f.plan { " plan" } else { "" };
        let _ = writeln!(
            s,
            "fact {i}: {} = {} {} {}{parent}{plan} | {}",
            f.indicator.as_deref().unwrap_or("-"),
            f.value,
            f.unit,
            f.qualifier.as_str(),
            f.subject
        );
    }
    for f in &a.findings {
        let _ = writeln!(
            s,
            "finding {} {:?} [{}..{}]: {}",
            f.rule, f.severity, f.start, f.end, f.message
        );
    }
    s
}
