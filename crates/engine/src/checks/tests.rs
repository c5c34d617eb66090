//! Each rule on small constructed reports: one that must trigger it and one,
//! as close as possible, that must not.

use crate::{analyze, Finding, Input, Severity, RULES};

/// A complete, correct report for 2023 by 青山县人民政府; each test changes
/// one piece of it.
struct Draft {
    title: &'static str,
    measures: &'static str,
    leaders: &'static str,
    shortcomings_heading: &'static str,
    shortcomings: &'static str,
    plan_heading: &'static str,
    plan: &'static str,
    signature: &'static str,
    published: &'static str,
}

const GOOD: Draft = Draft {
    title: "青山县2023年法治政府建设年度报告",
    measures: "2023年,全县办理行政复议案件58件,其中维持30件,驳回20件,撤销8件。\
               全年调解矛盾纠纷200件,调解成功190件,调解成功率95%。\
               组织法治培训12场,培训干部1500人次,新增法律顾问30名。",
    leaders:
        "县委书记、县长认真履行推进法治建设第一责任人职责,主持召开常务会议4次专题研究法治政府建设。",
    shortcomings_heading: "三、存在的不足和原因",
    shortcomings: "一是行政执法规范化水平有待提高;二是基层法治力量薄弱。\
                   产生这些问题的原因主要是学习不够深入,人员配备不足。",
    plan_heading: "四、2024年工作安排",
    plan: "2024年,我们要进一步加强行政执法监督,要坚持依法决策,要持续推进普法工作。",
    signature: "青山县人民政府\n2024年2月20日",
    published: "发布日期:2024-02-28",
};

impl Draft {
    fn text(&self) -> String {
        format!(
            "{published}\n{title}\n一、主要举措和成效\n{measures}\n\
             二、党政主要负责人履行推进法治建设第一责任人职责情况\n{leaders}\n\
             {shortcomings_heading}\n{shortcomings}\n{plan_heading}\n{plan}\n{signature}\n",
            published = self.published,
            title = self.title,
            measures = self.measures,
            leaders = self.leaders,
            shortcomings_heading = self.shortcomings_heading,
            shortcomings = self.shortcomings,
            plan_heading = self.plan_heading,
            plan = self.plan,
            signature = self.signature,
        )
    }
}

fn findings(text: &str) -> Vec<Finding> {
    analyze(&Input {
        text,
        page_meta: &[],
    })
    .findings
}

/// The findings of `rule` in the report `draft` writes.
fn check(draft: &Draft, rule: &str) -> Vec<Finding> {
    findings(&draft.text())
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

#[test]
fn a_good_report_has_no_finding() {
    let found = findings(&GOOD.text());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn missing_item() {
    let without_plan = Draft {
        plan_heading: "",
        plan: "",
        ..GOOD
    };
    let found = check(&without_plan, "structure.missing_item");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("下一年度"));
    assert_eq!(found[0].severity, Severity::Error);
}

#[test]
fn missing_causes() {
    let draft = Draft {
        shortcomings_heading: "三、存在的不足",
        shortcomings: "一是行政执法规范化水平有待提高;二是基层法治力量薄弱。",
        ..GOOD
    };
    assert_eq!(check(&draft, "structure.missing_causes").len(), 1);
    assert!(check(&GOOD, "structure.missing_causes").is_empty());
}

#[test]
fn signed_by_department() {
    let draft = Draft {
        signature: "青山县司法局\n2024年2月20日",
        ..GOOD
    };
    let found = check(&draft, "structure.signed_by_department");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].evidence[0].text, "青山县司法局");
    // A department's own report signed by itself is as it should be.
    let own = Draft {
        title: "青山县司法局2023年法治政府建设年度报告",
        leaders:
            "局党组书记、局长认真履行推进法治建设第一责任人职责,我局召开局党组会议4次研究法治工作。",
        signature: "青山县司法局\n2024年2月20日",
        ..GOOD
    };
    assert!(check(&own, "structure.signed_by_department").is_empty());
}

#[test]
fn placeholder() {
    let draft = Draft {
        measures: "2023年,XX县办理行政复议案件××件。【此处补充典型案例】",
        ..GOOD
    };
    let found: Vec<String> = check(&draft, "structure.placeholder")
        .into_iter()
        .map(|f| f.evidence[0].text.clone())
        .collect();
    assert_eq!(found, ["XX", "××", "【此处补充典型案例】"]);
}

#[test]
fn published_late() {
    let draft = Draft {
        published: "发布日期:2024-04-01",
        ..GOOD
    };
    let found = check(&draft, "dates.published_late");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].evidence[0].text, "2024-04-01");
    let in_time = Draft {
        published: "发布日期:2024-03-31",
        ..GOOD
    };
    assert!(check(&in_time, "dates.published_late").is_empty());
}

#[test]
fn publication_unknown() {
    let draft = Draft {
        published: "",
        ..GOOD
    };
    assert_eq!(check(&draft, "dates.publication_unknown").len(), 1);
}

#[test]
fn before_year_end() {
    let draft = Draft {
        signature: "青山县人民政府\n2023年12月20日",
        published: "发布日期:2023-12-25",
        ..GOOD
    };
    assert_eq!(check(&draft, "dates.before_year_end").len(), 2);
}

#[test]
fn plan_for_the_wrong_year() {
    let draft = Draft {
        plan_heading: "四、2023年工作安排",
        ..GOOD
    };
    let found = check(&draft, "dates.year_mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].evidence[0].text, "2023");
    // The right year, and a plan heading in words, are fine.
    assert!(check(&GOOD, "dates.year_mismatch").is_empty());
    let in_words = Draft {
        plan_heading: "四、下一年度工作安排",
        ..GOOD
    };
    assert!(check(&in_words, "dates.year_mismatch").is_empty());
}

#[test]
fn body_reports_another_year() {
    let draft = Draft {
        measures: "2022年,全县办理行政复议案件58件。2022年组织法治培训12场。\
                   2022年新增法律顾问30名。2021年度述法工作全面完成。",
        ..GOOD
    };
    let found = check(&draft, "dates.year_mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("3次写到2022年"));
    // One mention of last year's 述法 is normal.
    let draft = Draft {
        measures: "2023年,全县召开2022年度述法会议1次,办理行政复议案件58件。",
        ..GOOD
    };
    assert!(check(&draft, "dates.year_mismatch").is_empty());
}

#[test]
fn title_year_against_the_signature() {
    let draft = Draft {
        signature: "青山县人民政府\n2025年2月20日",
        published: "发布日期:2025-02-28",
        ..GOOD
    };
    let found = check(&draft, "dates.year_mismatch");
    assert!(
        found
            .iter()
            .any(|f| f.message.contains("落款日期却在2025年")),
        "{found:#?}"
    );
}

#[test]
fn relative_time() {
    let draft = Draft {
        measures: "今年以来,全县办理行政复议案件58件。截至目前,新增法律顾问30名。",
        ..GOOD
    };
    let words: Vec<String> = check(&draft, "dates.relative_time")
        .into_iter()
        .map(|f| f.evidence[0].text.clone())
        .collect();
    assert_eq!(words, ["今年以来", "截至目前"]);
    // "今年" in the plan is the year the plan is for.
    let plan = Draft {
        plan: "今年,我们将进一步加强行政执法监督。",
        ..GOOD
    };
    assert!(check(&plan, "dates.relative_time").is_empty());
}

#[test]
fn breakdown_sum_from_the_catalog() {
    let draft = Draft {
        measures: "2023年,全县审结行政复议案件58件,其中维持30件,驳回20件,撤销5件。",
        ..GOOD
    };
    let found = check(&draft, "arith.breakdown_sum");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains("30 + 20 + 5 = 55件"),
        "{}",
        found[0].message
    );
}

#[test]
fn breakdown_sum_from_the_text() {
    let draft = Draft {
        measures:
            "2023年,法律顾问参与各类涉法事务445件,审查政策性文件54件,合同229件,其他事项118件。",
        ..GOOD
    };
    let found = check(&draft, "arith.breakdown_sum");
    assert_eq!(found.len(), 1, "{found:#?}");
    let data = serde_json::to_value(&found[0].data).unwrap();
    assert_eq!(data["expression"], "54 + 229 + 118");
    assert_eq!(data["difference"], 44);
}

#[test]
fn lists_that_need_not_add_up() {
    for measures in [
        // A list after 其中 may name some parts only.
        "2023年,全县共有执法人员1200人,其中持证人员1100人,法制审核人员50人。",
        // Stages of one procedure are not parts.
        "2023年,全县共收到行政复议申请120件,其中受理101件,审结92件。",
        // Not a total: the first item of a list.
        "2023年,新增律师10名,公证员5名,其他法律服务人员3名。",
        // A correct breakdown.
        "2023年,法律顾问参与各类涉法事务401件,审查政策性文件54件,合同229件,其他事项118件。",
    ] {
        let draft = Draft { measures, ..GOOD };
        let found = check(&draft, "arith.breakdown_sum");
        assert!(found.is_empty(), "{measures}: {found:#?}");
    }
}

#[test]
fn part_exceeds_whole() {
    let draft = Draft {
        measures: "2023年,全县受理行政复议案件50件,审结58件。",
        ..GOOD
    };
    assert_eq!(check(&draft, "arith.part_exceeds_whole").len(), 1);
    let carried_over = Draft {
        measures: "2023年,全县受理行政复议案件50件,审结58件(含上年结转10件)。",
        ..GOOD
    };
    assert!(check(&carried_over, "arith.part_exceeds_whole").is_empty());
}

#[test]
fn rate_mismatch_by_severity() {
    for (measures, severity) in [
        (
            "全年调解矛盾纠纷774件,调处成功749件、调处成功率为96.7%。",
            Severity::Info,
        ),
        (
            "全年调解矛盾纠纷774件,调处成功749件、调处成功率为96.9%。",
            Severity::Warning,
        ),
        (
            "全年调解矛盾纠纷774件,调处成功749件、调处成功率为99%。",
            Severity::Error,
        ),
    ] {
        let draft = Draft { measures, ..GOOD };
        let found = check(&draft, "arith.rate_mismatch");
        assert_eq!(found.len(), 1, "{measures}: {found:#?}");
        assert_eq!(found[0].severity, severity, "{measures}");
    }
    for measures in [
        // Rounds correctly.
        "全年调解矛盾纠纷774件,调处成功749件、调处成功率为96.8%。",
        "全年调解矛盾纠纷774件,调处成功749件、调处成功率为97%。",
        // A rate of another matter after a semicolon.
        "全年调解矛盾纠纷774件,调处成功749件;重点纠纷全部化解,化解率100%。",
    ] {
        let draft = Draft { measures, ..GOOD };
        let found = check(&draft, "arith.rate_mismatch");
        assert!(found.is_empty(), "{measures}: {found:#?}");
    }
}

#[test]
fn rate_out_of_range() {
    let draft = Draft {
        measures: "2023年,行政规范性文件备案率达120%。",
        ..GOOD
    };
    assert_eq!(check(&draft, "arith.rate_out_of_range").len(), 1);
}

#[test]
fn duplicated_body() {
    let text = GOOD.text();
    let body_start = text.find("一、主要举措").unwrap();
    let twice = format!("{text}{}", &text[body_start..]);
    let found: Vec<Finding> = findings(&twice)
        .into_iter()
        .filter(|f| f.rule == "text.duplicated_body")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Error);
}

#[test]
fn repeated_passage() {
    let draft = Draft {
        measures: "(一)规范决策。建立完善行政机关内部重大决策合法性审查机制。全县办理案件58件。\n\
                   (二)规范文件。建立完善行政机关内部重大决策合法性审查机制。新增法律顾问30名。",
        ..GOOD
    };
    let found = check(&draft, "text.repeated_passage");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].evidence.len(), 2);
    assert!(check(&GOOD, "text.repeated_passage").is_empty());
}

#[test]
fn prescriptive() {
    let draft = Draft {
        measures: "各部门要进一步提高认识。应当严格执行决策程序。必须坚持党的领导。\
                   要切实加强执法监督。务必压实工作责任。全年办理案件58件。",
        ..GOOD
    };
    let found = check(&draft, "text.prescriptive");
    assert_eq!(found.len(), 1, "{found:#?}");
    // The plan may prescribe: GOOD's plan is all "要…".
    assert!(check(&GOOD, "text.prescriptive").is_empty());
}

#[test]
fn low_density_and_areas_without_figures() {
    let slogans =
        "坚持以习近平法治思想为指导,深入推进依法行政,持续加强法治政府建设,不断提升治理能力。";
    let measures: &'static str = Box::leak(
        format!(
            "(一)加强党的领导。{}\n(二)推进依法行政。{}",
            slogans.repeat(20),
            slogans.repeat(20)
        )
        .into_boxed_str(),
    );
    let draft = Draft { measures, ..GOOD };
    assert_eq!(check(&draft, "text.low_density").len(), 1);
    assert_eq!(check(&draft, "text.area_without_figures").len(), 2);
    assert!(check(&GOOD, "text.low_density").is_empty());
}

#[test]
fn every_rule_is_documented() {
    let doc = include_str!("../../../../docs/rules.md");
    for rule in RULES {
        let heading = format!("### `{}`", rule.id);
        assert!(doc.contains(&heading), "docs/rules.md lacks {heading}");
    }
    let documented = doc.lines().filter(|l| l.starts_with("### `")).count();
    assert_eq!(
        documented,
        RULES.len(),
        "docs/rules.md documents a rule that does not exist"
    );
}
