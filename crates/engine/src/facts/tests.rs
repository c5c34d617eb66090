//! The recogniser on short texts: one `check` per mechanism, each case a
//! sentence shaped like the reports and the facts it must give.

use crate::{analyze, Input};

/// Analyses `text` and compares its facts, written as
/// "indicator value unit" (indicator `-` when none), with " ^N" for a parent
/// and " plan" for a target.
fn check(text: &str, expected: &[&str]) {
    let analysis = analyze(&Input {
        text,
        page_meta: &[],
    });
    let got: Vec<String> = analysis
        .facts
        .iter()
        .map(|f| {
            let mut s = format!(
                "{} {} {}",
                f.indicator.as_deref().unwrap_or("-"),
                f.value,
                f.unit
            );
            if let Some(p) = f.parent {
                s.push_str(&format!(" ^{p}"));
            }
            if f.plan {
                s.push_str(" plan");
            }
            s
        })
        .collect();
    assert_eq!(got, expected, "in {text}");
}

#[test]
fn a_figure_takes_the_indicator_of_its_own_phrase() {
    check(
        "2023年共收到申请149件,受理各类行政复议案件145件,审结137件。",
        &[
            "reconsideration.applications 149 件",
            "reconsideration.accepted 145 件",
            "reconsideration.closed 137 件",
        ],
    );
    check(
        "全市办理法律援助案件2034件、公证案件31287件、司法鉴定案件8558件。",
        &[
            "legal_services.legal_aid_cases 2034 件",
            "legal_services.notarizations 31287 件",
            "legal_services.forensic_cases 8558 件",
        ],
    );
}

#[test]
fn a_verb_hands_on_to_its_list() {
    check(
        "审查行政规范性文件67件、市政府协议53件。",
        &[
            "rules.normative_docs_reviewed 67 件",
            "decisions.contracts_reviewed 53 件",
        ],
    );
}

#[test]
fn number_first_figures_read_the_words_after_them() {
    check(
        "5个乡镇、2个县直部门主要负责同志进行现场述法。",
        &[
            "leadership.law_reporting_onsite 5 个",
            "leadership.law_reporting_onsite 2 个",
        ],
    );
    check(
        "8550名党员干部参加网上学法考试,及格率达100%。",
        &[
            "publicity.exam_participants 8550 名",
            "publicity.exam_pass_rate 100 %",
        ],
    );
}

#[test]
fn after_a_preposition_the_count_is_of_the_final_verb() {
    check(
        "主要负责同志先后20余次对信访工作、法治督察等工作作出批示。",
        &["leadership.instructions 20 次"],
    );
}

#[test]
fn a_shared_figure_gives_one_fact_per_indicator() {
    check(
        "行政规范性文件备案率、及时率、规范率达100%。",
        // The figure as written first (its nearest rate), then each rate alone.
        &[
            "rules.filing_conformity_rate 100 %",
            "rules.filing_rate 100 %",
            "rules.filing_timely_rate 100 %",
        ],
    );
    check(
        "开展法治督察,发现并整改问题34个。",
        &[
            "oversight.problems_found 34 个",
            "oversight.problems_fixed 34 个",
        ],
    );
    check(
        "组织领导干部任前考法8场242人。",
        &[
            "leadership.pre_appointment_exams 8 场",
            "leadership.pre_appointment_exams 242 人",
        ],
    );
}

#[test]
fn named_parts_of_a_whole_keep_their_indicators() {
    check(
        "受理行政复议案件145件,审结137件,其中驳回53件,维持24件。",
        &[
            "reconsideration.accepted 145 件",
            "reconsideration.closed 137 件",
            "reconsideration.dismissed 53 件 ^1",
            "reconsideration.upheld 24 件 ^1",
        ],
    );
    check(
        "受理行政复议申请28件,办结26件(终止5件,驳回4件)。",
        &[
            "reconsideration.accepted 28 件",
            "reconsideration.closed 26 件",
            "reconsideration.terminated 5 件 ^1",
            "reconsideration.dismissed 4 件 ^1",
        ],
    );
}

#[test]
fn a_sector_share_of_a_total_is_not_the_total() {
    check(
        "主动公开政府信息897条,其中公开政府常务会议信息10条。",
        &["oversight.info_published 897 条", "- 10 条 ^0"],
    );
    check(
        "行政复议方面,45件纠错案件中市场监管类38件。",
        &["reconsideration.corrected 45 件", "- 38 件 ^0"],
    );
    check(
        "以街道乡镇为被申请人的复议案件共339件,占比30%。",
        &["- 339 件", "- 30 %"],
    );
}

#[test]
fn a_sentence_opening_with_qizhong_breaks_down_the_sentence_before() {
    check(
        "全国共查处案件3243件。其中,按日连续处罚案件67件;查封、扣押案件1928件。",
        &[
            "- 3243 件",
            "- 67 件 ^0",
            "enforcement.coercive_measures 1928 件",
        ],
    );
}

#[test]
fn unions_of_listed_kinds_are_not_one_kind() {
    check("开展酒驾醉驾警示教育、执法实务培训等活动3场。", &["- 3 场"]);
    check(
        "为群众提供法律咨询、政策咨询、法律服务达300余人次。",
        &["- 300 人次"],
    );
    check(
        "以调解、和解等方式结案170件,行政复议工作有力推进。",
        &["reconsideration.settled 170 件"],
    );
}

#[test]
fn a_key_that_names_a_meeting_or_a_category_counts_something_else() {
    check(
        "召开依法治州委员会会议、法治督察动员会、法治政府建设推进会4次。",
        &["- 4 次"],
    );
    check("行政复议申请中,行政强制类共223件。", &["- 223 件"]);
}

#[test]
fn what_is_not_a_count() {
    check(
        "案件平均罚款金额6.77万元,尚未报送备案的规范性文件13件。",
        &["- 67700 元", "- 13 件"],
    );
    check("推行“4个1”模式,即“实施1次执法、开展1次宣讲”。", &[]);
    check(
        "在全国推广“枫桥经验”60周年大会上作交流,近三年学法考试通过率100%。",
        &["publicity.exam_pass_rate 100 %"],
    );
}

#[test]
fn a_figure_stated_again_counts_once() {
    check(
        "调解成功率为96.7%。全年调解成功率约97%,调解成功率为96.7%。",
        &["mediation.success_rate 96.7 %", "- 97 %", "- 96.7 %"],
    );
}

#[test]
fn targets_in_the_plan_section_are_marked() {
    check(
        "一、2023年工作情况\n受理行政复议案件145件。\n二、存在的问题\n法治意识不强。\n三、2024年工作计划\n行政机关负责人出庭应诉率达100%。",
        &["reconsideration.accepted 145 件", "litigation.head_appearance_rate 100 % plan"],
    );
}

#[test]
fn short_glosses_in_parentheses_do_not_cut_a_phrase() {
    check(
        "备案审查各县(市)区、市直各部门规范性文件3件。",
        &["rules.normative_docs_reviewed 3 件"],
    );
}
