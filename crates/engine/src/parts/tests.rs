//! Parts on short texts and on the sample reports: which items are found, and where.

use super::*;
use crate::outline::outline;

fn read(text: &str) -> Parts {
    let doc = Document::new(text);
    let page = Page::read(&doc, &mut Vec::new());
    let outline = outline(&doc, &page);
    let year = crate::meta::report_year(&doc, &page, &outline);
    parts(&doc, &page, &outline, year)
}

/// Renders which items were found, in the order of the rules, as a string of
/// flags: M(easures) F(irst responsible) S(hortcomings) C(auses) P(lan) O(ther),
/// with '-' for an item not found.
fn flags(p: &Parts) -> String {
    [
        (&p.measures, 'M'),
        (&p.first_responsible, 'F'),
        (&p.shortcomings, 'S'),
        (&p.causes, 'C'),
        (&p.next_year_plan, 'P'),
        (&p.other, 'O'),
    ]
    .iter()
    .map(|(part, c)| if part.is_some() { *c } else { '-' })
    .collect()
}

fn check(text: &str, expected: &str) {
    assert_eq!(flags(&read(text)), expected, "\n{text}");
}

const OPENING: &str = "2023年,我区坚持以习近平新时代中国特色社会主义思想为指导,深入推进法治政府建设,现将工作情况报告如下:";
const WORK: &str = "深入推进法治政府建设,认真履行工作职责,加强行政执法监督,积极处理政府涉法事务。";

#[test]
fn seeds_match_the_gold() {
    for (text, expected) in [
        (
            include_str!("../../../../corpus/000_441107c01ae2d665.txt"),
            "MFSCP-",
        ),
        (
            include_str!("../../../../corpus/001_297f17fcf4cf510c.txt"),
            "MFSCP-",
        ),
        (
            include_str!("../../../../corpus/002_a2921691a043be3c.txt"),
            "MFS-P-",
        ),
        (
            include_str!("../../../../corpus/003_48f0b0224c6d3822.txt"),
            "MFS-P-",
        ),
        (
            include_str!("../../../../corpus/004_814159cbb8bf712d.txt"),
            "MFS-P-",
        ),
    ] {
        check(text, expected);
    }
}

#[test]
fn seed_parts_point_at_their_text() {
    let text = include_str!("../../../../corpus/002_a2921691a043be3c.txt");
    let p = read(text);
    let shortcomings = p.shortcomings.unwrap();
    assert!(!shortcomings.heading);
    let said: String = text
        .chars()
        .skip(shortcomings.start)
        .take(shortcomings.end - shortcomings.start)
        .collect();
    assert!(
        said.starts_with("在推进法治政府建设取得新成效的同时,依然存在不足和问题"),
        "{said}"
    );
    let plan = p.next_year_plan.unwrap();
    assert!(plan.heading);
    let said: String = text.chars().skip(plan.start).take(9).collect();
    assert_eq!(said, "二、下一步工作安排");
}

#[test]
fn items_under_their_own_headings() {
    check(
        &format!("{OPENING}\n一、主要举措和成效\n{WORK}\n二、党政主要负责人履行推进法治建设第一责任人职责情况\n{WORK}\n三、存在的不足和原因\n{WORK}\n四、下一步工作打算\n{WORK}\n五、其他需要报告的情况\n{WORK}"),
        "MFSCPO",
    );
}

#[test]
fn causes_need_to_be_named() {
    let base = format!("{OPENING}\n一、主要举措和成效\n党政主要负责人履行推进法治建设第一责任人职责。{WORK}\n二、存在的主要问题\n一是执法队伍力量不足。二是普法形式单一。");
    check(&format!("{base}\n三、下一步工作计划\n{WORK}"), "MFS-P-");
    check(
        &format!("{base}究其原因,主要是学习不够深入。\n三、下一步工作计划\n{WORK}"),
        "MFSCP-",
    );
    check(
        &format!("{base}产生这些问题的原因主要是人员不足。\n三、下一步工作计划\n{WORK}"),
        "MFSCP-",
    );
}

#[test]
fn shortcomings_stated_in_one_sentence() {
    check(
        &format!("{OPENING}\n一、主要做法和成效\n{WORK}\n二、下一步工作安排\n在推进法治政府建设取得新成效的同时,依然存在不足和问题,如执法与群众期待还有差距等。下一步,我市将{WORK}"),
        "M-S-P-",
    );
    // A plan that refers to problems does not admit any.
    check(
        &format!("{OPENING}\n一、主要做法和成效\n{WORK}\n二、下一年度推进法治政府建设的主要做法\n针对2023年度存在的问题和不足,我街道将采取以下措施加以改进。"),
        "M---P-",
    );
}

#[test]
fn measures_without_a_heading_of_their_own() {
    let text = format!("{OPENING}\n一、落实法治建设责任,加强组织领导\n{WORK}\n二、严格规范公正文明执法\n{WORK}\n三、下一步工作计划\n{WORK}");
    check(&text, "M---P-");
    let p = read(&text);
    let measures = p.measures.unwrap();
    let doc = Document::new(&text);
    let said = &doc.text()[measures.bytes.clone()];
    assert!(
        said.starts_with("一、落实法治建设责任") && said.ends_with(WORK) && !said.contains("三、"),
        "{said}"
    );
}

#[test]
fn inner_headings_belong_to_their_section() {
    // "补齐短板" under the measures is a measure, "纳入年度工作计划" is no plan.
    check(
        &format!("{OPENING}\n一、主要举措和成效\n(一)补齐短板弱项\n{WORK}\n(二)将法治建设纳入年度工作计划\n{WORK}\n(三)党政主要负责人履行第一责任人职责\n{WORK}"),
        "MF----",
    );
    // A first-responsible sentence in the plan is a promise, not a report.
    check(
        &format!("{OPENING}\n一、主要举措和成效\n{WORK}\n二、下一步工作计划\n进一步强化党政主要负责人履行法治建设第一责任人职责。"),
        "M---P-",
    );
}

#[test]
fn a_report_without_headings() {
    let long = WORK.repeat(12);
    check(&format!("{OPENING}\n{long}\n党政主要负责人认真履行第一责任人职责。\n但工作中仍存在一些问题和不足。\n下一步,我区将{WORK}"), "MFS-P-");
    check("", "------");
}

#[test]
fn admissions() {
    for (sentence, expected) in [
        ("但工作中仍存在一些问题与不足,主要表现在:", true),
        ("依然存在不足和问题,如执法与群众期待还有差距", true),
        ("但是也存在一些困难和问题:", true),
        ("还存在一些薄弱环节。", true),
        ("发现存在问题34个并全部整改。", false),
        ("针对仍存在的问题,我街道将采取以下措施", false),
        ("存在的问题已全部整改到位。", false),
        ("", false),
    ] {
        assert_eq!(is_admission(sentence), expected, "{sentence}");
    }
}

#[test]
fn plan_titles() {
    for (title, year, expected) in [
        ("下一步工作计划", None, true),
        ("2024年推进法治政府建设的主要计划安排", Some(2023), true),
        ("2024年工作规划", Some(2023), true),
        ("2024年工作重点", Some(2023), true),
        ("2024年工作重点", None, false),
        ("2023年工作情况", Some(2023), false),
        (
            "科学谋划法治政府建设工作编制《实施方案(2021—2025年)》",
            Some(2021),
            false,
        ),
        ("下一年度推进法治政府建设的主要做法", Some(2023), true),
        ("主要举措和成效", Some(2023), false),
    ] {
        assert_eq!(is_plan_title(title, year), expected, "{title}");
    }
}

#[test]
fn title_words_find_each_list_as_contains_any_does() {
    for (i, list) in TitleList::ALL.iter().enumerate() {
        assert_eq!(*list as usize, i, "{list:?}");
    }
    for title in [
        "主要举措和成效",
        "存在的不足和原因",
        "2024年工作计划",
        "下一步工作打算",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "其他需要报告的情况",
        "",
    ] {
        let words = TitleWords::of(title);
        for list in TitleList::ALL {
            assert_eq!(
                words.has(list),
                contains_any(title, list.words()),
                "{title} {list:?}"
            );
        }
    }
}
