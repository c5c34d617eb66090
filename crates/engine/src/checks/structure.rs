//! `structure.*`: the required items, the signer, and text left over from a
//! template.
//!
//! Whether an item is present is `parts`' decision (folded items count);
//! this module only turns an absence into a finding. The signer rule reads
//! the signature's unit name with `meta::place` and never guesses a signer
//! the page does not show.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::{Finding, Report};
use crate::meta::split_unit;
use crate::Level;

/// The four items every report must carry (`report-rules.md`), as the rules name them.
const REQUIRED_ITEMS: &[(&str, &str)] = &[
    ("measures", "上一年度推进法治政府建设的主要举措和成效"),
    (
        "first_responsible",
        "上一年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
    ),
    ("shortcomings", "上一年度推进法治政府建设存在的不足和原因"),
    ("next_year_plan", "下一年度推进法治政府建设的主要安排"),
];

/// Words a drafter leaves for text still to come. Each is unambiguous on its
/// own; "有待完善" and the like are ordinary report language and not listed.
/// "某某" is handled apart (`ANONYMOUS`).
const PLACEHOLDER_WORDS: &[&str] = &[
    "待补充",
    "待填写",
    "待填报",
    "请填写",
    "此处填写",
    "此处插入",
    "此处补充",
    "此处添加",
    "模板文字",
    "参考模板",
    "(模板)",
    "【】",
];
/// "某某" stands for a name: a placeholder before the suffix of a place or
/// an organ ("某某县", "某某局"), but the anonymised party of a published
/// case elsewhere ("曹某某不服…").
const ANONYMOUS: &str = "某某";
const PLACE_OR_ORGAN_SUFFIXES: &[char] = &[
    '省', '市', '县', '区', '镇', '乡', '街', '局', '委', '办', '厅',
];
/// Characters that make "待补充" a statement about the work ("制度尚待补充").
const PENDING_OPENERS: &[char] = &['有', '尚', '还', '仍', '亟'];
/// Characters a template repeats for a missing name or figure ("XX县", "20××年").
const PLACEHOLDER_MARKS: &[char] = &['X', 'x', '×', '╳', '○', '□'];
/// Words inside 【…】 that make the brackets a note to the drafter.
const DRAFTING_NOTE_WORDS: &[&str] = &["待", "填写", "补充", "此处", "示例", "模板", "注:"];
/// The longest 【…】 read as a drafting note, in characters.
const MAX_NOTE_CHARS: usize = 40;

pub(super) fn check(report: &Report, findings: &mut Vec<Finding>) {
    missing_items(report, findings);
    missing_causes(report, findings);
    signed_by_department(report, findings);
    placeholders(report, findings);
}

fn missing_items(report: &Report, findings: &mut Vec<Finding>) {
    let items = report.parts.items();
    for (name, title) in REQUIRED_ITEMS {
        let found = items.iter().any(|(n, part)| n == name && part.is_some());
        if !found {
            findings.push(report.finding(
                "structure.missing_item",
                report.opening(),
                format!(
                    "报告缺少必报内容“{title}”。《法治政府建设与责任落实督察工作规定》要求年度报告载明此项,\
                     请增加相应部分(可单列标题,也可在相关部分集中写明)。"
                ),
            ));
        }
    }
}

fn missing_causes(report: &Report, findings: &mut Vec<Finding>) {
    let (Some(shortcomings), None) = (&report.parts.shortcomings, &report.parts.causes) else {
        return;
    };
    findings.push(
        report.finding(
            "structure.missing_causes",
            shortcomings.bytes.clone(),
            "“存在的不足”部分只列出问题,没有分析产生问题的原因。年度报告须写明不足及其原因,\
         请逐项说明原因(如“产生这些问题的原因主要是……”)。"
                .to_owned(),
        ),
    );
}

/// A government's report signed only by one of its departments (a 司法局
/// publishing for the county): worth showing, not an error.
fn signed_by_department(report: &Report, findings: &mut Vec<Finding>) {
    let Some(signer) = report.anchors.signer.clone() else {
        return;
    };
    let government_report = report
        .meta
        .level
        .is_some_and(|level| level != Level::Department);
    let name = report.doc.display_slice(signer.clone()).trim();
    let unit = split_unit(name);
    if !government_report || !unit.is_department() || unit.organ.is_empty() {
        return;
    }
    let subject = report.meta.jurisdiction.as_deref().unwrap_or("本级");
    findings.push(report.finding(
        "structure.signed_by_department",
        signer,
        format!(
            "这是{subject}的法治政府建设年度报告,但落款只有“{name}”。报告主体是本级政府的,\
             应以政府(或党委、政府联合)名义署名;如确由部门代为发布,请在文中说明。"
        ),
    ));
}

fn placeholders(report: &Report, findings: &mut Vec<Finding>) {
    let text = report.doc.text();
    for line in &report.page.lines {
        let line_text = &text[line.range()];
        if !CUES.is_match(line_text) {
            continue;
        }
        for bytes in placeholders_in(line_text) {
            let at = line.start + bytes.start..line.start + bytes.end;
            let shown = report.doc.display_slice(at.clone()).to_owned();
            let context = report.clause_around(at.clone());
            findings.push(report.finding(
                "structure.placeholder",
                at,
                format!(
                    "“{context}”中留有占位符或模板文字“{shown}”,正式公开前应替换为实际内容或删除。"
                ),
            ));
        }
    }
}

/// What a line with a placeholder must contain: a placeholder word, two
/// marks in a row, or a bracket. Almost no line does, so one search rules
/// out the rest of the work.
static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let marks = PLACEHOLDER_MARKS
        .iter()
        .map(|&m| [m, m].iter().collect::<String>());
    let cues: Vec<String> = PLACEHOLDER_WORDS
        .iter()
        .map(|w| (*w).to_owned())
        .chain(marks)
        .chain([ANONYMOUS.to_owned(), "【".to_owned()])
        .collect();
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(cues)
        .expect("placeholder cues build")
});

/// Byte ranges of the placeholders in one line.
fn placeholders_in(line: &str) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = mark_runs(line);
    found.extend(drafting_notes(line));
    for word in PLACEHOLDER_WORDS {
        for (at, _) in line.match_indices(word) {
            if !line[..at].ends_with(PENDING_OPENERS) {
                found.push(at..at + word.len());
            }
        }
    }
    for (at, _) in line.match_indices(ANONYMOUS) {
        let end = at + ANONYMOUS.len();
        if line[end..].starts_with(PLACE_OR_ORGAN_SUFFIXES) {
            found.push(at..end);
        }
    }
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    found.dedup_by(|later, earlier| later.start < earlier.end);
    found
}

/// Runs of two or more placeholder marks ("XX", "××") that are not part of a
/// Latin word ("XXL", "Linux").
fn mark_runs(line: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut chars = line.char_indices().peekable();
    let mut before: Option<char> = None;
    while let Some((start, c)) = chars.next() {
        if !PLACEHOLDER_MARKS.contains(&c) {
            before = Some(c);
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut count = 1;
        while let Some(&(i, d)) = chars.peek() {
            if d != c {
                break;
            }
            end = i + d.len_utf8();
            count += 1;
            chars.next();
        }
        let after = line[end..].chars().next();
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        let in_word = c.is_ascii() && (letter(before) || letter(after));
        if count >= 2 && !in_word {
            runs.push(start..end);
        }
        before = Some(c);
    }
    runs
}

/// 【…】 holding a note to the drafter ("【此处补充典型案例】").
fn drafting_notes(line: &str) -> Vec<Range<usize>> {
    let mut notes = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find('【').map(|i| from + i) {
        let Some(close) = line[open..].find('】').map(|i| open + i + '】'.len_utf8()) else {
            break;
        };
        let inside = &line[open + '【'.len_utf8()..close - '】'.len_utf8()];
        let short = inside.chars().count() <= MAX_NOTE_CHARS;
        if short && DRAFTING_NOTE_WORDS.iter().any(|w| inside.contains(w)) {
            notes.push(open..close);
        }
        from = close;
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::placeholders_in;

    fn check(line: &str, expected: &[&str]) {
        let found: Vec<&str> = placeholders_in(line)
            .into_iter()
            .map(|r| &line[r])
            .collect();
        assert_eq!(found, expected, "{line}");
    }

    #[test]
    fn placeholders() {
        check("XX县2023年法治政府建设年度报告", &["XX"]);
        check("全年办理复议案件××件", &["××"]);
        check("20XX年,XX镇", &["XX", "XX"]);
        check("某某县司法局", &["某某"]);
        check("【此处补充典型案例】", &["【此处补充典型案例】"]);
        check("相关数据待补充。", &["待补充"]);
    }

    #[test]
    fn ordinary_text_is_not_a_placeholder() {
        check("制度建设有待完善,XXL码,制度尚待补充", &[]);
        check("【法治动态】我区召开会议", &[]);
        check("使用Linux系统,第X条", &[]);
        check("×1000", &[]);
        check("其中曹某某不服政府信息公开申请答复一案", &[]);
    }
}
