//! The year's figures computed from the ledger, under the catalog's
//! indicator IDs (catalog/indicators.toml, indicators.md of the spec).
//!
//! Each figure carries the formula it came from, in Chinese, so a unit can
//! answer for it. The relations of indicators.md hold by construction: a
//! total is the count of rows whose parts are counted, and a rate is
//! computed from the counts beside it. Breakdown parts that are zero are
//! left out (reports do not list "撤销0件"), totals are given even when
//! zero. A figure is absent when its register does not apply, is empty, or
//! has a blank where the figure needs a value: blank is unknown, never zero.

use fazhi_numerals::Decimal;
use serde::{Serialize, Serializer};

use crate::config::{AppearanceCounts, AppearanceDenominator, Config, CorrectionBasis};
use crate::day::Day;
use crate::ledger::{Ledger, Row, Sheet, Value};
use crate::schema::{
    Register, ENFORCEMENT, LEGALITY_REVIEWS, LITIGATION, MAJOR_DECISIONS, MEDIATION,
    NORMATIVE_DOCUMENTS, PUBLICITY, RECONSIDERATION, RECTIFICATION, STUDY,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub indicator: &'static str,
    #[serde(serialize_with = "serialize_decimal")]
    pub value: Decimal,
    pub unit: &'static str,
    /// How it was computed, for the writer and the reviewer.
    pub formula: String,
}

/// Why a register gave no figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Absence {
    /// Marked 不适用: the unit has no such work.
    NotApplicable,
    /// No rows: not yet filled.
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicators {
    pub year: i32,
    pub figures: Vec<Figure>,
    /// Registers without figures, by sheet name.
    pub absent: Vec<(&'static str, Absence)>,
}

impl Indicators {
    pub fn get(&self, indicator: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.indicator == indicator)
    }

    pub fn value(&self, indicator: &str) -> Option<Decimal> {
        self.get(indicator).map(|f| f.value)
    }

    pub fn absence(&self, register: &Register) -> Option<Absence> {
        self.absent
            .iter()
            .find(|(sheet, _)| *sheet == register.sheet)
            .map(|(_, a)| *a)
    }
}

/// JSON has no decimal: whole numbers exactly, fractions (rates, fen)
/// through f64 at this last step only.
fn serialize_decimal<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    match value.to_i64() {
        Some(i) => s.serialize_i64(i),
        None => s.serialize_f64(value.to_f64()),
    }
}

/// Computes the figures of `year`.
pub fn indicators(ledger: &Ledger, year: i32, config: &Config) -> Indicators {
    let mut out = Indicators {
        year,
        figures: Vec::new(),
        absent: Vec::new(),
    };
    for sheet in &ledger.sheets {
        if sheet.not_applicable {
            out.absent
                .push((sheet.register.sheet, Absence::NotApplicable));
            continue;
        }
        if sheet.rows.is_empty() {
            out.absent.push((sheet.register.sheet, Absence::Empty));
            continue;
        }
        let mut f = Figures {
            sheet,
            year,
            out: &mut out.figures,
        };
        match sheet.register.sheet {
            s if s == RECONSIDERATION.sheet => reconsideration(&mut f, config),
            s if s == LITIGATION.sheet => litigation(&mut f, config),
            s if s == NORMATIVE_DOCUMENTS.sheet => normative_documents(&mut f, config),
            s if s == MAJOR_DECISIONS.sheet => major_decisions(&mut f),
            s if s == LEGALITY_REVIEWS.sheet => legality_reviews(&mut f),
            s if s == ENFORCEMENT.sheet => enforcement(&mut f),
            s if s == MEDIATION.sheet => mediation(&mut f),
            s if s == RECTIFICATION.sheet => rectification(&mut f),
            s if s == STUDY.sheet => study(&mut f),
            s if s == PUBLICITY.sheet => publicity(&mut f),
            _ => {}
        }
    }
    out
}

/// One register's rows and where its figures go.
struct Figures<'a> {
    sheet: &'a Sheet,
    year: i32,
    out: &'a mut Vec<Figure>,
}

impl<'a> Figures<'a> {
    fn push(
        &mut self,
        indicator: &'static str,
        value: Decimal,
        unit: &'static str,
        formula: String,
    ) {
        self.out.push(Figure {
            indicator,
            value,
            unit,
            formula,
        });
    }

    fn count(&mut self, indicator: &'static str, n: usize, unit: &'static str, formula: String) {
        self.push(indicator, Decimal::from_int(n as i64), unit, formula);
    }

    /// A breakdown part: given only when not zero.
    fn part(&mut self, indicator: &'static str, n: usize, unit: &'static str, formula: String) {
        if n > 0 {
            self.count(indicator, n, unit, formula);
        }
    }

    /// `numerator / denominator × 100`, one decimal, rounded half up;
    /// absent when the denominator is zero.
    fn rate(
        &mut self,
        indicator: &'static str,
        numerator: usize,
        denominator: usize,
        formula: String,
    ) {
        let hundred = Decimal::from_int(numerator as i64 * 100);
        if let Some(rate) = hundred.checked_div(Decimal::from_int(denominator as i64), 1) {
            self.push(indicator, rate, "%", formula);
        }
    }

    /// The rows with a day of `column` in the year.
    fn dated(&self, column: &str) -> Vec<&'a Row> {
        let year = self.year;
        self.sheet
            .rows
            .iter()
            .filter(|r| self.sheet.day(r, column).is_some_and(|d| d.year == year))
            .collect()
    }

    fn with_choice(&self, rows: &[&'a Row], column: &str, choices: &[&str]) -> Vec<&'a Row> {
        rows.iter()
            .copied()
            .filter(|r| {
                self.sheet
                    .choice(r, column)
                    .is_some_and(|c| choices.contains(&c))
            })
            .collect()
    }

    /// The sum of a count column over `rows`: none when every row says
    /// 不适用 or any row is blank (unknown is not zero).
    fn sum(&self, rows: &[&Row], column: &str) -> Option<u64> {
        let mut total = 0u64;
        let mut applicable = false;
        for row in rows {
            match self.sheet.value(row, column) {
                Value::Count(n) => {
                    total = total.checked_add(*n)?;
                    applicable = true;
                }
                Value::NotApplicable => {}
                _ => return None,
            }
        }
        applicable.then_some(total)
    }

    fn sum_money(&self, rows: &[&Row], column: &str) -> Option<Decimal> {
        let mut total = Decimal::from_int(0);
        let mut applicable = false;
        for row in rows {
            match self.sheet.value(row, column) {
                Value::Money(yuan) => {
                    total = total.checked_add(*yuan)?;
                    applicable = true;
                }
                Value::NotApplicable => {}
                _ => return None,
            }
        }
        applicable.then_some(total)
    }

    fn summed(
        &mut self,
        indicator: &'static str,
        rows: &[&Row],
        column: &str,
        unit: &'static str,
        formula: String,
    ) {
        if let Some(n) = self.sum(rows, column) {
            self.push(indicator, Decimal::from_int(n as i64), unit, formula);
        }
    }
}

/// Outcomes that count as 纠错 (行政复议法 §§63–67).
const CORRECTIONS: &[&str] = &["撤销", "变更", "确认违法", "确认无效", "责令履行"];

fn reconsideration(f: &mut Figures, config: &Config) {
    let y = f.year;
    // One cohort, the applications received in the year, so that
    // closed ≤ accepted ≤ applications holds as indicators.md requires; a
    // case carried over from last year was counted in last year's report.
    let received = f.dated("收到日期");
    f.count(
        "reconsideration.applications",
        received.len(),
        "件",
        format!("收到日期在{y}年的申请数"),
    );
    let accepted = f.with_choice(&received, "是否受理", &["是"]);
    f.count(
        "reconsideration.accepted",
        accepted.len(),
        "件",
        "上述申请中决定受理的件数".to_owned(),
    );
    let closed: Vec<&Row> = accepted
        .iter()
        .copied()
        .filter(|r| {
            f.sheet.day(r, "结案日期").is_some_and(|d| d.year == y)
                && f.sheet.choice(r, "结果").is_some()
        })
        .collect();
    f.count(
        "reconsideration.closed",
        closed.len(),
        "件",
        format!("受理的案件中{y}年内结案且填有结果的件数"),
    );
    let outcomes: &[(&'static str, &[&str])] = &[
        ("reconsideration.dismissed", &["驳回"]),
        ("reconsideration.upheld", &["维持"]),
        ("reconsideration.revoked", &["撤销"]),
        ("reconsideration.altered", &["变更"]),
        ("reconsideration.confirmed_illegal", &["确认违法"]),
        ("reconsideration.confirmed_invalid", &["确认无效"]),
        ("reconsideration.ordered_to_perform", &["责令履行"]),
        ("reconsideration.settled", &["调解", "和解"]),
        ("reconsideration.terminated", &["终止"]),
    ];
    for (indicator, results) in outcomes {
        let n = f.with_choice(&closed, "结果", results).len();
        f.part(
            indicator,
            n,
            "件",
            format!("已结案件中结果为{}的件数", results.join("或")),
        );
    }
    if closed.is_empty() {
        return;
    }
    let corrected = f.with_choice(&closed, "结果", CORRECTIONS).len();
    f.count(
        "reconsideration.corrected",
        corrected,
        "件",
        format!("已结案件中结果为{}的件数", CORRECTIONS.join("、")),
    );
    let denominator = match config.basis.correction_rate {
        CorrectionBasis::Closed => closed.len(),
        CorrectionBasis::Decided => {
            closed.len()
                - f.with_choice(&closed, "结果", &["调解", "和解", "终止"])
                    .len()
        }
    };
    f.rate(
        "reconsideration.correction_rate",
        corrected,
        denominator,
        config.basis.correction_rate.describe().to_owned(),
    );
}

fn litigation(f: &mut Figures, config: &Config) {
    let y = f.year;
    let cases = f.dated("立案日期");
    f.count(
        "litigation.cases",
        cases.len(),
        "件",
        format!("立案日期在{y}年的案件数"),
    );
    if cases.is_empty() {
        return;
    }
    let closed: Vec<&Row> = cases
        .iter()
        .copied()
        .filter(|r| f.sheet.choice(r, "结果").is_some())
        .collect();
    f.count(
        "litigation.closed",
        closed.len(),
        "件",
        "上述案件中填有结果的件数".to_owned(),
    );
    if !closed.is_empty() {
        let lost = f.with_choice(&closed, "结果", &["败诉"]).len();
        f.count("litigation.lost", lost, "件", "结果为败诉的件数".to_owned());
    }
    let withdrawn = f.with_choice(&closed, "结果", &["撤诉"]).len();
    f.part(
        "litigation.withdrawn",
        withdrawn,
        "件",
        "结果为撤诉的件数".to_owned(),
    );
    let dismissed = f.with_choice(&closed, "结果", &["驳回起诉"]).len();
    f.part(
        "litigation.dismissed",
        dismissed,
        "件",
        "结果为驳回起诉的件数".to_owned(),
    );
    let base: Vec<&Row> = match config.basis.appearance_denominator {
        AppearanceDenominator::Heard => cases
            .iter()
            .copied()
            .filter(|r| f.sheet.day(r, "开庭日期").is_some())
            .collect(),
        AppearanceDenominator::All => cases.clone(),
    };
    let who: &[&str] = match config.basis.appearance_counts {
        AppearanceCounts::PrincipalOrDeputy => &["正职", "副职"],
        AppearanceCounts::Principal => &["正职"],
    };
    let appeared = f.with_choice(&base, "负责人出庭", who).len();
    f.rate(
        "litigation.head_appearance_rate",
        appeared,
        base.len(),
        config.basis.describe_appearance(),
    );
}

fn normative_documents(f: &mut Figures, config: &Config) {
    let y = f.year;
    let issued = f.dated("公布日期");
    f.count(
        "rules.normative_docs_issued",
        issued.len(),
        "件",
        format!("公布日期在{y}年的文件数"),
    );
    let reviewed = f.dated("合法性审核日期");
    f.count(
        "rules.normative_docs_reviewed",
        reviewed.len(),
        "件",
        format!("合法性审核日期在{y}年的文件数"),
    );
    let filed = f.dated("报送备案日期");
    f.count(
        "rules.normative_docs_filed",
        filed.len(),
        "件",
        format!("报送备案日期在{y}年的文件数"),
    );
    let to_file: Vec<&Row> = issued
        .iter()
        .copied()
        .filter(|r| *f.sheet.value(r, "报送备案日期") != Value::NotApplicable)
        .collect();
    let filed_of_issued: Vec<(Day, Day)> = to_file
        .iter()
        .filter_map(|r| Some((f.sheet.day(r, "公布日期")?, f.sheet.day(r, "报送备案日期")?)))
        .collect();
    let deadline = config.deadlines.filing_days;
    let timely = filed_of_issued
        .iter()
        .filter(|(p, d)| p.days_until(*d) <= deadline)
        .count();
    f.rate(
        "rules.filing_rate",
        filed_of_issued.len(),
        to_file.len(),
        format!("{y}年公布且应备案的文件中已报送备案的比例"),
    );
    f.rate(
        "rules.filing_timely_rate",
        timely,
        to_file.len(),
        format!("{y}年公布且应备案的文件中公布后{deadline}日内报送备案的比例"),
    );
    let cleaned: Vec<&Row> = f
        .sheet
        .rows
        .iter()
        .filter(|r| f.sheet.choice(r, "清理结论").is_some())
        .collect();
    if cleaned.is_empty() {
        return;
    }
    f.count(
        "rules.cleanup_total",
        cleaned.len(),
        "件",
        "填有清理结论的文件数".to_owned(),
    );
    for (indicator, conclusion) in [
        ("rules.cleanup_retained", "继续有效"),
        ("rules.cleanup_amended", "修改"),
        ("rules.cleanup_repealed", "废止"),
        ("rules.cleanup_expired", "失效"),
    ] {
        let n = f.with_choice(&cleaned, "清理结论", &[conclusion]).len();
        f.part(
            indicator,
            n,
            "件",
            format!("清理结论为{conclusion}的文件数"),
        );
    }
}

fn major_decisions(f: &mut Figures) {
    let listed = f
        .sheet
        .rows
        .iter()
        .filter(|r| f.sheet.choice(r, "列入目录") == Some("是"))
        .count();
    f.count(
        "decisions.major_decisions",
        listed,
        "项",
        "列入目录为“是”的事项数".to_owned(),
    );
}

fn legality_reviews(f: &mut Figures) {
    let y = f.year;
    let reviews = f.dated("日期");
    f.count(
        "decisions.legality_reviews",
        reviews.len(),
        "件",
        format!("日期在{y}年的审查件数"),
    );
    let contracts = f.with_choice(&reviews, "对象", &["合同"]).len();
    f.part(
        "decisions.contracts_reviewed",
        contracts,
        "件",
        "其中对象为合同的件数".to_owned(),
    );
    let opinions = f.sum(&reviews, "意见条数");
    if let Some(n) = opinions {
        f.push(
            "decisions.legal_opinions",
            Decimal::from_int(n as i64),
            "条",
            "上述审查的意见条数之和".to_owned(),
        );
    }
}

fn enforcement(f: &mut Figures) {
    let rows: Vec<&Row> = f.sheet.rows.iter().collect();
    let formula = |column: &str| format!("各部门“{column}”之和");
    f.summed("enforcement.licenses", &rows, "许可", "件", formula("许可"));
    f.summed(
        "enforcement.licenses_refused",
        &rows,
        "不予许可",
        "件",
        formula("不予许可"),
    );
    let simple = f.sum(&rows, "简易程序处罚");
    let general = f.sum(&rows, "一般程序处罚");
    if let (Some(s), Some(g)) = (simple, general) {
        f.count(
            "enforcement.penalties",
            (s + g) as usize,
            "件",
            "简易程序与一般程序处罚之和".to_owned(),
        );
    }
    f.summed(
        "enforcement.penalties_simple",
        &rows,
        "简易程序处罚",
        "件",
        formula("简易程序处罚"),
    );
    f.summed(
        "enforcement.penalties_general",
        &rows,
        "一般程序处罚",
        "件",
        formula("一般程序处罚"),
    );
    if let Some(yuan) = f.sum_money(&rows, "罚没金额") {
        f.push("enforcement.fines", yuan, "元", formula("罚没金额"));
    }
    f.summed(
        "enforcement.coercive_measures",
        &rows,
        "强制",
        "次",
        formula("强制"),
    );
    f.summed(
        "enforcement.inspections",
        &rows,
        "检查",
        "次",
        formula("检查"),
    );
    f.summed(
        "enforcement.confirmations",
        &rows,
        "确认",
        "件",
        formula("确认"),
    );
    f.summed(
        "enforcement.officers",
        &rows,
        "持证人数",
        "人",
        formula("持证人数"),
    );
}

fn mediation(f: &mut Figures) {
    let rows: Vec<&Row> = f.sheet.rows.iter().collect();
    let (Some(cases), Some(resolved)) = (f.sum(&rows, "受理"), f.sum(&rows, "调解成功"))
    else {
        return;
    };
    f.count(
        "mediation.cases",
        cases as usize,
        "件",
        "各行“受理”之和".to_owned(),
    );
    f.count(
        "mediation.resolved",
        resolved as usize,
        "件",
        "各行“调解成功”之和".to_owned(),
    );
    f.rate(
        "mediation.success_rate",
        resolved as usize,
        cases as usize,
        "调解成功件数占受理件数的比例".to_owned(),
    );
    if let Some(yuan) = f.sum_money(&rows, "涉案金额") {
        f.push(
            "mediation.amount",
            yuan,
            "元",
            "各行“涉案金额”之和".to_owned(),
        );
    }
}

fn rectification(f: &mut Figures) {
    let y = f.year;
    let found = f.dated("发现日期");
    f.count(
        "oversight.problems_found",
        found.len(),
        "个",
        format!("发现日期在{y}年的问题数"),
    );
    let fixed = f.with_choice(&found, "状态", &["已整改"]).len();
    f.count(
        "oversight.problems_fixed",
        fixed,
        "个",
        "其中状态为已整改的问题数".to_owned(),
    );
}

fn study(f: &mut Figures) {
    let events = f.dated("日期");
    for (indicator, t, unit) in [
        ("leadership.committee_meetings", "常委会研究法治", "次"),
        ("leadership.executive_meetings", "常务会研究法治", "次"),
        ("leadership.study_sessions", "中心组学法", "次"),
        ("leadership.law_trainings", "法治培训", "次"),
    ] {
        let n = f.with_choice(&events, "类型", &[t]).len();
        f.part(indicator, n, unit, format!("类型为{t}的次数"));
    }
    for (indicator, t) in [
        ("leadership.law_reporting_onsite", "现场述法"),
        ("leadership.law_reporting_written", "书面述法"),
        ("leadership.law_trainees", "法治培训"),
        ("leadership.pre_appointment_exams", "任前考法"),
    ] {
        let rows = f.with_choice(&events, "类型", &[t]);
        if !rows.is_empty() {
            f.summed(
                indicator,
                &rows,
                "人数",
                "人",
                format!("类型为{t}的人数之和"),
            );
        }
    }
}

fn publicity(f: &mut Figures) {
    let events = f.dated("日期");
    if events.is_empty() {
        return;
    }
    f.summed(
        "publicity.events",
        &events,
        "场次",
        "场次",
        "各项活动“场次”之和".to_owned(),
    );
    f.summed(
        "publicity.reach",
        &events,
        "覆盖人次",
        "人次",
        "各项活动“覆盖人次”之和".to_owned(),
    );
}
