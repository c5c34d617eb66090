//! Composing the draft: the five required parts in order, sections by area,
//! every figure from the ledger's indicators, and a visible placeholder for
//! every piece of narrative a ledger cannot give.
//!
//! The sentences are written so that the engine reads each figure back
//! under the indicator it came from (the round-trip test holds them to
//! it): a figure stands right after the words the catalog keys on, breakdowns
//! follow 其中, and a year-over-year change is a clause of its own (同比…),
//! which the engine does not take for a count.

use fazhi_engine::Decimal;
use fazhi_ledger::schema::{LITIGATION, NORMATIVE_DOCUMENTS, RECONSIDERATION};
use fazhi_ledger::{Absence, Basis, Figure, Indicators};

use crate::model::{Block, Draft, HeadingLevel, Inline, Signature};
use crate::previous::Previous;

/// What a draft is made from.
pub struct Request<'a> {
    /// "示例县", "株洲市芦淞区", "示例县司法局".
    pub unit: &'a str,
    pub year: i32,
    /// The signing date, as (year, month, day).
    pub date: (i32, u32, u32),
    pub indicators: &'a Indicators,
    pub basis: &'a Basis,
    pub previous: Option<&'a Previous>,
}

pub fn compose(request: &Request) -> Draft {
    let mut d = Composer {
        request,
        blocks: Vec::new(),
    };
    d.opening();
    d.measures();
    d.first_responsible();
    d.shortcomings();
    d.plan();
    d.other();
    let (y, m, day) = request.date;
    Draft {
        title: format!("{}{}年度法治政府建设年度报告", request.unit, request.year),
        blocks: d.blocks,
        signature: Signature {
            unit: signer(request.unit),
            date: format!("{y}年{m}月{day}日"),
        },
    }
}

/// A government signs as 人民政府; a department in its own name.
fn signer(unit: &str) -> String {
    const PLACES: &[char] = &['省', '市', '县', '区', '旗', '州', '镇', '乡', '盟'];
    if unit.ends_with(PLACES) && !unit.ends_with("街道") {
        format!("{unit}人民政府")
    } else {
        unit.to_owned()
    }
}

/// Indicators whose year-over-year change the draft states.
const WITH_CHANGE: &[&str] = &[
    "rules.normative_docs_issued",
    "enforcement.licenses",
    "enforcement.penalties",
    "mediation.cases",
    "reconsideration.applications",
    "litigation.cases",
    "publicity.events",
];

struct Composer<'a> {
    request: &'a Request<'a>,
    blocks: Vec<Block>,
}

/// A paragraph being built from text and figures.
#[derive(Default)]
struct Para(Vec<Inline>);

impl Para {
    fn text(mut self, text: impl Into<String>) -> Para {
        let text = text.into();
        if text.is_empty() {
            return self;
        }
        match self.0.last_mut() {
            Some(Inline::Text(last)) => last.push_str(&text),
            _ => self.0.push(Inline::Text(text)),
        }
        self
    }

    fn placeholder(mut self, what: &str) -> Para {
        self.0.push(Inline::Placeholder(what.to_owned()));
        self
    }
}

impl Composer<'_> {
    fn figure(&self, id: &str) -> Option<&Figure> {
        self.request.indicators.get(id)
    }

    /// The figure as written: "12件", "96.8%", "164.22万元", with its
    /// change on last year when the previous report gives one.
    fn amount(&self, figure: &Figure) -> String {
        let shown = match figure.unit {
            "元" => yuan(figure.value),
            unit => format!("{}{unit}", figure.value),
        };
        match self.change(figure) {
            Some(change) => format!("{shown}，{change}"),
            None => shown,
        }
    }

    fn change(&self, figure: &Figure) -> Option<String> {
        if !WITH_CHANGE.contains(&figure.indicator) {
            return None;
        }
        let before = self.request.previous?.value(figure.indicator)?;
        let difference = figure.value.checked_sub(before)?;
        let percent = difference
            .checked_mul(Decimal::from_int(100))?
            .checked_div(before, 1)?;
        let zero = Decimal::from_int(0);
        Some(if percent > zero {
            format!("同比增长{percent}%")
        } else if percent < zero {
            format!("同比下降{}%", percent.abs())
        } else {
            "与上年持平".to_owned()
        })
    }

    /// `before` + figure + `after` when the figure exists, else nothing.
    fn clause(&self, id: &str, before: &str, after: &str) -> Option<String> {
        self.figure(id)
            .map(|f| format!("{before}{}{after}", self.amount(f)))
    }

    /// Clauses joined by "，" into one sentence, when any exists.
    fn sentence(clauses: Vec<Option<String>>) -> Option<String> {
        let clauses: Vec<String> = clauses.into_iter().flatten().collect();
        (!clauses.is_empty()).then(|| format!("{}。", clauses.join("，")))
    }

    fn heading(&mut self, level: HeadingLevel, text: String) {
        self.blocks.push(Block::Heading {
            level,
            text: vec![Inline::Text(text)],
        });
    }

    fn para(&mut self, para: Para) {
        if !para.0.is_empty() {
            self.blocks.push(Block::Paragraph(para.0));
        }
    }

    /// A section: its heading, the sentences the ledger gives, and a
    /// placeholder for what it cannot.
    fn section(
        &mut self,
        ordinal: &mut usize,
        title: &str,
        sentences: Vec<Option<String>>,
        missing: &str,
    ) {
        *ordinal += 1;
        self.heading(
            HeadingLevel::Second,
            format!("（{}）{title}", chinese_ordinal(*ordinal)),
        );
        let sentences: String = sentences.into_iter().flatten().collect();
        let para = Para::default().text(sentences).placeholder(missing);
        self.para(para);
    }

    fn opening(&mut self) {
        let r = self.request;
        // The 纲要 in force names the years it covers; outside them the
        // draft names no plan rather than the wrong one.
        let plan = if (2021..=2025).contains(&r.year) {
            "认真落实《法治政府建设实施纲要（2021—2025年）》"
        } else {
            "认真落实党中央、国务院关于法治政府建设的决策部署"
        };
        let para = Para::default()
            .text(format!(
                "{}年，{}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，\
                 {plan}，扎实推进法治政府建设。",
                r.year, r.unit
            ))
            .placeholder("全年法治政府建设总体情况和主要成效概述")
            .text(format!("现将{}年度法治政府建设情况报告如下。", r.year));
        self.para(para);
    }

    fn measures(&mut self) {
        let y = self.request.year;
        self.heading(
            HeadingLevel::First,
            format!("一、{y}年推进法治政府建设的主要举措和成效"),
        );
        let mut n = 0;
        self.section(
            &mut n,
            "依法全面履行政府职能",
            vec![],
            "深化“放管服”改革、优化营商环境、提升政务服务等工作的举措和数据",
        );
        let rules = self.rules();
        self.section(
            &mut n,
            "完善依法行政制度体系",
            rules,
            "规范性文件管理的其他举措",
        );
        let decisions = self.decisions();
        self.section(
            &mut n,
            "推进行政决策科学化、民主化、法治化",
            decisions,
            "重大行政决策程序执行、法律顾问和公职律师工作情况",
        );
        let enforcement = self.enforcement();
        self.section(
            &mut n,
            "严格规范公正文明执法",
            enforcement,
            "行政执法“三项制度”落实、执法监督等情况",
        );
        self.section(
            &mut n,
            "有效应对突发事件",
            vec![],
            "应急管理、安全生产、防灾减灾等依法应对突发事件的情况",
        );
        let disputes = self.disputes();
        self.section(
            &mut n,
            "依法预防化解社会矛盾纠纷",
            disputes,
            "信访工作法治化、公共法律服务等情况",
        );
        let oversight = self.oversight();
        self.section(
            &mut n,
            "强化行政权力制约和监督",
            oversight,
            "政务公开、人大建议和政协提案办理、政务诚信等情况",
        );
        let society = self.society();
        self.section(
            &mut n,
            "推进法治社会建设",
            society,
            "“八五”普法、法治乡村建设、公共法律服务等情况",
        );
        self.section(
            &mut n,
            "推进数字法治政府建设",
            vec![],
            "政务数据共享、电子证照、“互联网+监管”等情况",
        );
        self.commitments(&mut n);
    }

    fn rules(&self) -> Vec<Option<String>> {
        let basis = self.absence_note(&NORMATIVE_DOCUMENTS, "规范性文件");
        vec![
            basis,
            Self::sentence(vec![self.clause(
                "rules.normative_docs_reviewed",
                "全年开展规范性文件合法性审核",
                "",
            )]),
            Self::sentence(vec![
                self.clause("rules.normative_docs_issued", "制发规范性文件", ""),
                self.clause("rules.normative_docs_filed", "报送备案", ""),
                self.clause("rules.filing_rate", "备案率", ""),
                self.clause("rules.filing_timely_rate", "备案及时率", ""),
            ]),
            self.cleanup(),
        ]
    }

    fn cleanup(&self) -> Option<String> {
        let total = self.clause(
            "rules.cleanup_total",
            "开展规范性文件清理，共清理规范性文件",
            "",
        )?;
        let parts = self.parts(&[
            ("rules.cleanup_retained", "继续有效"),
            ("rules.cleanup_amended", "修改"),
            ("rules.cleanup_repealed", "废止"),
            ("rules.cleanup_expired", "宣布失效"),
        ]);
        Some(format!("{total}{parts}。"))
    }

    /// "，其中A1件、B2件" for the parts that exist.
    fn parts(&self, parts: &[(&str, &str)]) -> String {
        let listed: Vec<String> = parts
            .iter()
            .filter_map(|(id, label)| self.clause(id, label, ""))
            .collect();
        if listed.is_empty() {
            String::new()
        } else {
            format!("，其中{}", listed.join("、"))
        }
    }

    fn decisions(&self) -> Vec<Option<String>> {
        vec![
            Self::sentence(vec![self.clause(
                "decisions.major_decisions",
                "编制并公布年度重大行政决策事项目录，列入重大行政决策事项",
                "",
            )]),
            Self::sentence(vec![self.clause(
                "decisions.legality_reviews",
                "全年开展合法性审查",
                "",
            )]),
            Self::sentence(vec![
                self.clause("decisions.contracts_reviewed", "审查合同", ""),
                self.clause("decisions.legal_opinions", "提出法律意见", ""),
            ]),
        ]
    }

    fn enforcement(&self) -> Vec<Option<String>> {
        let penalties = self
            .clause("enforcement.penalties", "作出行政处罚", "")
            .map(|p| {
                let parts = self.parts(&[
                    ("enforcement.penalties_simple", "简易程序"),
                    ("enforcement.penalties_general", "一般程序"),
                ]);
                format!("{p}{parts}")
            });
        vec![
            Self::sentence(vec![self.clause(
                "enforcement.officers",
                "各行政执法部门现有持证执法人员",
                "",
            )]),
            Self::sentence(vec![
                self.clause("enforcement.licenses", "全年办理行政许可", ""),
                self.clause("enforcement.licenses_refused", "不予许可", ""),
            ]),
            Self::sentence(vec![
                penalties,
                self.clause("enforcement.fines", "罚没款", ""),
            ]),
            Self::sentence(vec![
                self.clause("enforcement.coercive_measures", "实施行政强制", ""),
                self.clause("enforcement.inspections", "开展行政检查", ""),
                self.clause("enforcement.confirmations", "办理行政确认", ""),
            ]),
        ]
    }

    fn disputes(&self) -> Vec<Option<String>> {
        vec![
            Self::sentence(vec![
                self.clause("mediation.cases", "全年调解矛盾纠纷", ""),
                self.clause("mediation.resolved", "调解成功", ""),
                self.clause("mediation.success_rate", "调解成功率", ""),
                self.clause("mediation.amount", "涉案金额", ""),
            ]),
            self.absence_note(&RECONSIDERATION, "行政复议"),
            self.reconsideration(),
            self.absence_note(&LITIGATION, "行政应诉"),
            self.litigation(),
        ]
    }

    fn reconsideration(&self) -> Option<String> {
        let received = self.clause("reconsideration.applications", "全年收到行政复议申请", "")?;
        let accepted = self
            .clause("reconsideration.accepted", "受理", "")
            .unwrap_or_default();
        let closed = self
            .clause("reconsideration.closed", "审结", "")
            .unwrap_or_default();
        let outcomes = self.parts(&[
            ("reconsideration.dismissed", "驳回"),
            ("reconsideration.upheld", "维持"),
            ("reconsideration.revoked", "撤销"),
            ("reconsideration.altered", "变更"),
            ("reconsideration.confirmed_illegal", "确认违法"),
            ("reconsideration.confirmed_invalid", "确认无效"),
            ("reconsideration.ordered_to_perform", "责令履行"),
            ("reconsideration.settled", "调解和解"),
            ("reconsideration.terminated", "终止"),
        ]);
        let mut text = format!("{received},{accepted},{closed}{outcomes}");
        if let Some(corrected) = self.clause("reconsideration.corrected", "纠错", "") {
            text.push_str(&format!("；依法{corrected}"));
        }
        if let Some(rate) = self.clause("reconsideration.correction_rate", "纠错率", "") {
            text.push_str(&format!(
                "，{rate}（按{}计算）",
                self.request.basis.correction_rate.describe()
            ));
        }
        Some(format!("{text}。"))
    }

    fn litigation(&self) -> Option<String> {
        let cases = self.clause("litigation.cases", "全年新发生行政诉讼案件", "")?;
        let mut text = cases;
        if let Some(closed) = self.clause("litigation.closed", "审结", "") {
            let parts = self.parts(&[
                ("litigation.lost", "败诉"),
                ("litigation.withdrawn", "撤诉"),
                ("litigation.dismissed", "驳回起诉"),
            ]);
            text.push_str(&format!(",{closed}{parts}"));
        }
        if let Some(rate) = self.clause(
            "litigation.head_appearance_rate",
            "行政机关负责人出庭应诉率",
            "",
        ) {
            text.push_str(&format!(
                "；{rate}（按{}计算）",
                self.request.basis.describe_appearance()
            ));
        }
        Some(format!("{text}。"))
    }

    fn oversight(&self) -> Vec<Option<String>> {
        vec![Self::sentence(vec![
            self.clause(
                "oversight.problems_found",
                "强化法治督察与问题整改，全年通过督察、评查、审计等发现问题",
                "",
            ),
            self.clause("oversight.problems_fixed", "已整改问题", ""),
        ])]
    }

    fn society(&self) -> Vec<Option<String>> {
        vec![Self::sentence(vec![
            self.clause("publicity.events", "全年开展普法宣传活动", ""),
            self.clause("publicity.reach", "覆盖群众", ""),
        ])]
    }

    /// A register marked 不适用 says so; one left empty says nothing (its
    /// section's placeholder asks for the text).
    fn absence_note(
        &self,
        register: &fazhi_ledger::schema::Register,
        what: &str,
    ) -> Option<String> {
        match self.request.indicators.absence(register)? {
            Absence::NotApplicable => Some(format!("本单位不承担{what}职责。")),
            Absence::Empty => None,
        }
    }

    fn commitments(&mut self, n: &mut usize) {
        *n += 1;
        self.heading(
            HeadingLevel::Second,
            format!("（{}）上年度承诺事项落实情况", chinese_ordinal(*n)),
        );
        let items = self
            .request
            .previous
            .map(|p| p.commitments.clone())
            .unwrap_or_default();
        if items.is_empty() {
            self.para(
                Para::default().placeholder("上年度报告“下一年度主要安排”中各项工作的落实情况"),
            );
            return;
        }
        self.para(Para::default().text(format!(
            "上年度报告提出的{}项工作安排（上年度承诺），落实情况如下：",
            items.len()
        )));
        for (i, item) in items.iter().enumerate() {
            let item = item.trim_end_matches(['。', '；', ';']);
            self.para(
                Para::default()
                    .text(format!("{}.上年度承诺：{item}。落实情况：", i + 1))
                    .placeholder("落实情况"),
            );
        }
    }

    fn first_responsible(&mut self) {
        let y = self.request.year;
        self.heading(
            HeadingLevel::First,
            format!("二、{y}年党政主要负责人履行推进法治建设第一责任人职责情况"),
        );
        let sentences: String = [
            Self::sentence(vec![self.clause(
                "leadership.committee_meetings",
                "召开党委常委会会议",
                "，专题研究法治建设工作",
            )]),
            Self::sentence(vec![self.clause(
                "leadership.executive_meetings",
                "召开政府常务会议",
                "，专题研究法治政府建设工作",
            )]),
            Self::sentence(vec![self.clause(
                "leadership.study_sessions",
                "理论学习中心组开展专题学法",
                "",
            )]),
            Self::sentence(vec![
                self.clause(
                    "leadership.law_reporting_onsite",
                    "组织领导干部现场述法",
                    "",
                ),
                self.clause("leadership.law_reporting_written", "书面述法", ""),
            ]),
            Self::sentence(vec![
                self.clause("leadership.law_trainings", "举办领导干部法治专题培训", ""),
                self.clause("leadership.law_trainees", "参训", ""),
            ]),
            Self::sentence(vec![self.clause(
                "leadership.pre_appointment_exams",
                "组织领导干部任前考法",
                "",
            )]),
        ]
        .into_iter()
        .flatten()
        .collect();
        let para = Para::default()
            .text(format!(
                "党政主要负责人切实履行推进法治建设第一责任人职责。{sentences}"
            ))
            .placeholder("主要负责人研究部署、督促检查、带头尊法学法守法用法的具体情况");
        self.para(para);
    }

    fn shortcomings(&mut self) {
        let y = self.request.year;
        self.heading(
            HeadingLevel::First,
            format!("三、{y}年推进法治政府建设存在的不足和原因"),
        );
        self.para(
            Para::default().placeholder(
                "存在的主要不足，可参考台账检查中的逾期备案、逾期整改、超期审理等问题",
            ),
        );
        self.para(
            Para::default()
                .text("产生这些问题的原因主要是：")
                .placeholder("原因分析"),
        );
    }

    fn plan(&mut self) {
        let next = self.request.year + 1;
        self.heading(
            HeadingLevel::First,
            format!("四、{next}年推进法治政府建设的主要安排"),
        );
        self.para(Para::default().placeholder(&format!("{next}年的主要工作安排，逐项写明")));
    }

    fn other(&mut self) {
        self.heading(HeadingLevel::First, "五、其他需要报告的情况".to_owned());
        self.para(Para::default().placeholder("其他需要报告的情况；没有的写“无”"));
    }
}

/// Money as reports write it: 万元 when that is exact to the fen, else yuan.
fn yuan(value: Decimal) -> String {
    match value.checked_div(Decimal::from_int(10_000), 6) {
        Some(wan) if wan.scale() <= 2 && value >= Decimal::from_int(10_000) => format!("{wan}万元"),
        _ => format!("{value}元"),
    }
}

fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => n.to_string(),
    }
}
