//! The registers (台账) a unit keeps: one sheet each, their columns, the
//! kind of value every column holds and the closed vocabularies.
//!
//! This is the workbook's contract. The template is written from it, cells
//! are read against it, and the checks and indicators name its columns. A
//! header is never renamed without a migration note in the 说明 sheet: units
//! fill these workbooks for a whole year.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Day,
    /// A whole number ≥ 0.
    Count,
    /// Yuan, ≥ 0, at most two decimals (fen).
    Money,
    /// One of a closed list, offered as a drop-down.
    Choice(&'static [&'static str]),
}

#[derive(Debug, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    pub kind: Kind,
    /// A row without it cannot be counted.
    pub required: bool,
    /// Shown as the header's input message and in 说明.
    pub note: &'static str,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Register {
    /// The sheet's name, also how messages name the register.
    pub sheet: &'static str,
    /// What one row is, for 说明.
    pub row: &'static str,
    pub columns: &'static [Column],
}

impl Register {
    /// The index of a column by its header. The headers are this module's
    /// constants, so an unknown one is a bug in the caller.
    pub fn column(&self, header: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c.header == header)
            .unwrap_or_else(|| panic!("{} has no column {header}", self.sheet))
    }
}

pub const YES_NO: &[&str] = &["是", "否"];
pub const RECONSIDERATION_OUTCOMES: &[&str] = &[
    "驳回",
    "维持",
    "撤销",
    "变更",
    "确认违法",
    "确认无效",
    "责令履行",
    "调解",
    "和解",
    "终止",
];
pub const LITIGATION_OUTCOMES: &[&str] = &["胜诉", "败诉", "撤诉", "驳回起诉", "其他"];
pub const HEAD_APPEARANCE: &[&str] = &["正职", "副职", "否"];
pub const CLEANUP_CONCLUSIONS: &[&str] = &["继续有效", "修改", "废止", "失效"];
pub const REVIEW_OBJECTS: &[&str] = &["议题", "合同", "文件", "其他"];
pub const PROBLEM_SOURCES: &[&str] = &["督察", "评查", "审计", "巡察", "考核", "其他"];
pub const RECTIFICATION_STATES: &[&str] = &["已整改", "整改中", "未整改"];
pub const STUDY_TYPES: &[&str] = &[
    "常委会研究法治",
    "常务会研究法治",
    "中心组学法",
    "现场述法",
    "书面述法",
    "法治培训",
    "任前考法",
];

const fn col(header: &'static str, kind: Kind, required: bool, note: &'static str) -> Column {
    Column {
        header,
        kind,
        required,
        note,
    }
}

use Kind::{Choice, Count, Day, Money, Text};

pub const RECONSIDERATION: Register = Register {
    sheet: "行政复议",
    row: "一件行政复议申请",
    columns: &[
        col("案号", Text, true, "本机关的复议案号，不得重复"),
        col("收到日期", Day, true, "收到申请之日"),
        col(
            "是否受理",
            Choice(YES_NO),
            true,
            "决定受理填“是”，不予受理填“否”",
        ),
        col("受理日期", Day, false, "受理的填写"),
        col(
            "申请事项类型",
            Choice(&[
                "行政处罚",
                "行政强制",
                "行政许可",
                "行政确认",
                "行政征收征用",
                "政府信息公开",
                "不履行法定职责",
                "其他",
            ]),
            false,
            "",
        ),
        col("被申请人", Text, false, ""),
        col("结案日期", Day, false, "作出复议决定或终止之日，未结案不填"),
        col(
            "结果",
            Choice(RECONSIDERATION_OUTCOMES),
            false,
            "结案的填写",
        ),
    ],
};

pub const LITIGATION: Register = Register {
    sheet: "行政应诉",
    row: "一件行政诉讼案件",
    columns: &[
        col("案号", Text, true, "法院案号，不得重复"),
        col("被告机关", Text, false, ""),
        col("审级", Choice(&["一审", "二审", "再审"]), false, ""),
        col("立案日期", Day, true, ""),
        col("开庭日期", Day, false, "书面审理或未开庭的填“不适用”"),
        col("负责人出庭", Choice(HEAD_APPEARANCE), false, "开庭的填写"),
        col("结果", Choice(LITIGATION_OUTCOMES), false, "审结的填写"),
    ],
};

pub const NORMATIVE_DOCUMENTS: Register = Register {
    sheet: "规范性文件",
    row: "一件行政规范性文件（本年制发的，或本年清理的）",
    columns: &[
        col("名称", Text, true, ""),
        col("文号", Text, false, "不得重复"),
        col("制定机关", Text, false, ""),
        col("合法性审核日期", Day, false, ""),
        col("公布日期", Day, false, "本年制发的填写"),
        col("报送备案日期", Day, false, "无须备案的填“不适用”"),
        col(
            "备案结果",
            Choice(&["准予备案", "责令纠正", "审查中"]),
            false,
            "",
        ),
        col(
            "清理结论",
            Choice(CLEANUP_CONCLUSIONS),
            false,
            "本年清理的填写",
        ),
    ],
};

pub const MAJOR_DECISIONS: Register = Register {
    sheet: "重大行政决策",
    row: "一项重大行政决策事项",
    columns: &[
        col("事项", Text, true, ""),
        col("列入目录", Choice(YES_NO), true, ""),
        col("征求意见开始日期", Day, false, "不公开征求意见的填“不适用”"),
        col("征求意见截止日期", Day, false, ""),
        col("专家论证", Choice(YES_NO), false, "不需要的填“不适用”"),
        col("风险评估", Choice(YES_NO), false, "不需要的填“不适用”"),
        col("合法性审查日期", Day, false, ""),
        col("集体讨论会议", Text, false, "如：县政府第12次常务会议"),
        col("集体讨论日期", Day, false, ""),
        col("公布日期", Day, false, ""),
    ],
};

pub const LEGALITY_REVIEWS: Register = Register {
    sheet: "合法性审查与法律顾问",
    row: "一次合法性审查或法律顾问审查",
    columns: &[
        col("对象", Choice(REVIEW_OBJECTS), true, ""),
        col("名称", Text, false, ""),
        col("日期", Day, true, ""),
        col("意见条数", Count, false, "提出的法律意见条数"),
    ],
};

pub const ENFORCEMENT: Register = Register {
    sheet: "行政执法统计",
    row: "一个执法部门的全年合计",
    columns: &[
        col("部门", Text, true, ""),
        col(
            "许可",
            Count,
            true,
            "办理行政许可件数；无此职权的填“不适用”",
        ),
        col("不予许可", Count, true, ""),
        col("简易程序处罚", Count, true, ""),
        col("一般程序处罚", Count, true, ""),
        col("罚没金额", Money, true, "单位：元"),
        col("强制", Count, true, "行政强制次数"),
        col("检查", Count, true, "行政检查次数"),
        col("确认", Count, true, "行政确认件数"),
        col("持证人数", Count, true, "持行政执法证件人数"),
    ],
};

pub const MEDIATION: Register = Register {
    sheet: "矛盾纠纷调解",
    row: "一个调解组织或一个月的合计",
    columns: &[
        col("调解组织或月份", Text, true, ""),
        col("受理", Count, true, "受理矛盾纠纷件数"),
        col("调解成功", Count, true, ""),
        col("涉案金额", Money, false, "单位：元"),
    ],
};

pub const RECTIFICATION: Register = Register {
    sheet: "督察与整改",
    row: "一个发现的问题",
    columns: &[
        col("问题", Text, true, ""),
        col("来源", Choice(PROBLEM_SOURCES), true, ""),
        col("发现日期", Day, true, ""),
        col("整改期限", Day, false, ""),
        col("状态", Choice(RECTIFICATION_STATES), true, ""),
        col("整改日期", Day, false, "已整改的填写"),
    ],
};

pub const STUDY: Register = Register {
    sheet: "学法、述法与培训",
    row: "一次会议、学法、述法、培训或考法",
    columns: &[
        col("类型", Choice(STUDY_TYPES), true, ""),
        col("日期", Day, true, ""),
        col("人数", Count, false, "述法、培训、考法的人数"),
        col("内容", Text, false, ""),
    ],
};

pub const PUBLICITY: Register = Register {
    sheet: "普法",
    row: "一项普法活动",
    columns: &[
        col("活动", Text, true, ""),
        col("日期", Day, true, ""),
        col("场次", Count, true, ""),
        col("覆盖人次", Count, false, ""),
    ],
};

/// Every register, in the workbook's order.
pub const REGISTERS: &[&Register] = &[
    &RECONSIDERATION,
    &LITIGATION,
    &NORMATIVE_DOCUMENTS,
    &MAJOR_DECISIONS,
    &LEGALITY_REVIEWS,
    &ENFORCEMENT,
    &MEDIATION,
    &RECTIFICATION,
    &STUDY,
    &PUBLICITY,
];

/// The sheet that explains the workbook and names the unit and year.
pub const GUIDE_SHEET: &str = "说明";
/// Labels in column A of 说明 whose column B the reader takes.
pub const UNIT_LABEL: &str = "填报单位";
pub const YEAR_LABEL: &str = "年度";
/// What a cell says when the column does not apply to the row (or, alone in
/// the first row of a sheet, when the whole register does not apply).
pub const NOT_APPLICABLE: &str = "不适用";
