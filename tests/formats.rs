//! The whole pipeline on the formats reports are published in: a report from
//! the sample corpus dressed as a GBK web page with site chrome, and in
//! traditional characters, must read as it does in plain text.

use fazhi_engine::{Analysis, Input};
use fazhi_text::Limits;

const REPORT: &str = include_str!("../corpus/000_441107c01ae2d665.txt");

fn analyze(bytes: &[u8], name: &str) -> (String, Analysis) {
    let source = fazhi_text::read_bytes(bytes, name, &Limits::default()).expect("readable");
    let analysis = fazhi_engine::analyze(&Input {
        text: &source.text,
        page_meta: &source.page_meta,
    });
    (source.text, analysis)
}

/// The report's body lines (without the two chrome lines the saved copy starts with).
fn body_lines() -> impl Iterator<Item = &'static str> {
    REPORT.lines().skip(2)
}

fn gbk_page() -> Vec<u8> {
    let paragraphs: String = body_lines().map(|l| format!("<p>{l}</p>\n")).collect();
    let html = format!(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
         <title>芦淞区2023年法治政府建设年度报告</title><script>var x = '受理行政复议案件999件';</script></head>\
         <body><div class=\"nav\">首页 &gt; 政务公开 &gt; 法治政府建设</div>\
         <div class=\"article\"><h1>芦淞区2023年法治政府建设年度报告</h1>\
         <div class=\"info\">发布日期:2024-02-28&nbsp;&nbsp;来源:区司法局 字号:[大 中 小] 打印</div>\
         <div class=\"content\">{paragraphs}</div></div>\
         <div class=\"footer\">版权所有:株洲市芦淞区人民政府 网站标识码4302030001</div></body></html>"
    );
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&html);
    assert!(!unmappable, "the sample report is encodable in GBK");
    bytes.into_owned()
}

fn fact<'a>(a: &'a Analysis, indicator: &str) -> Option<&'a fazhi_engine::Fact> {
    a.facts
        .iter()
        .find(|f| f.indicator.as_deref() == Some(indicator))
}

#[test]
fn a_gbk_web_page_reads_like_the_plain_text() {
    let (text, page) = analyze(&gbk_page(), "report.html");
    let (_, plain) = analyze(REPORT.as_bytes(), "report.txt");
    assert_eq!(page.meta.published_date.as_deref(), Some("2024-02-28"));
    assert_eq!(page.meta.report_year, Some(2023));
    let accepted = fact(&page, "reconsideration.accepted").expect("the figure is found");
    assert_eq!(accepted.value.to_string(), "145");
    // Spans are character offsets into the text as read.
    let figure: String = text
        .chars()
        .skip(accepted.start)
        .take(accepted.end - accepted.start)
        .collect();
    assert_eq!(figure, "145件");
    // Nothing from the script or the chrome becomes a figure.
    assert!(page.facts.iter().all(|f| f.value.to_string() != "999"));
    let named = |a: &Analysis| a.facts.iter().filter(|f| f.indicator.is_some()).count();
    assert_eq!(named(&page), named(&plain));
}

#[test]
fn traditional_characters_read_as_simplified_with_spans_into_the_original() {
    let traditional =
        "二〇二三年，縣政府受理行政復議案件145件，審結137件，其中駁回53件、維持24件。\
                       縣司法局調解矛盾糾紛774件，調處成功749件，調處成功率為96.7%。";
    let (text, a) = analyze(traditional.as_bytes(), "report.txt");
    let closed = fact(&a, "reconsideration.closed").expect("審結 reads as 审结");
    assert_eq!(closed.value.to_string(), "137");
    let figure: String = text
        .chars()
        .skip(closed.start)
        .take(closed.end - closed.start)
        .collect();
    assert_eq!(figure, "137件");
    assert!(
        closed.evidence.contains("審結"),
        "evidence is shown as published: {}",
        closed.evidence
    );
    assert_eq!(
        fact(&a, "reconsideration.dismissed").map(|f| f.value.to_string()),
        Some("53".into())
    );
    assert_eq!(
        fact(&a, "mediation.success_rate").map(|f| f.value.to_string()),
        Some("96.7".into())
    );
}
