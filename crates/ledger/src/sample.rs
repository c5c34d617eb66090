//! Invented ledgers: the shipped example of the fictional 示例县, the
//! ledgers the round-trip property test drafts from, and the large ones the
//! benchmark times.
//!
//! Rows are drawn from a seeded generator so a seed names a ledger. They are
//! coherent the way a careful unit's would be (dates in order, outcomes on
//! closed cases), and a few breach a deadline, as real ledgers do, so the
//! checks have something to say.

use fazhi_numerals::Decimal;

use crate::day::Day;
use crate::ledger::{Ledger, Row, Value};
use crate::schema::{
    Register, CLEANUP_CONCLUSIONS, ENFORCEMENT, LEGALITY_REVIEWS, LITIGATION, MAJOR_DECISIONS,
    MEDIATION, NORMATIVE_DOCUMENTS, PROBLEM_SOURCES, PUBLICITY, RECONSIDERATION,
    RECONSIDERATION_OUTCOMES, RECTIFICATION, REVIEW_OBJECTS, STUDY, STUDY_TYPES,
};

/// The notice 说明 carries in an invented workbook.
pub const INVENTED: &str =
    "示例数据：本工作簿中的“示例县”为虚构单位，全部数据均为编造，仅用于演示和测试，不代表任何真实地区。";

/// A ledger of `unit` for `year` with about `rows` rows in all, drawn from
/// `seed`.
pub fn sample(unit: &str, year: i32, rows: usize, seed: u64) -> Ledger {
    let mut g = Generator { state: seed, year };
    let mut ledger = Ledger::empty();
    ledger.unit = Some(unit.to_owned());
    ledger.year = Some(year);
    let share = |n: usize| (rows * n / 100).max(1);
    let fill = |ledger: &mut Ledger,
                register: &'static Register,
                n: usize,
                g: &mut Generator,
                make: fn(&mut Generator, usize) -> Vec<Value>| {
        let sheet = ledger.sheet_mut(register);
        sheet.rows = (0..n)
            .map(|i| Row {
                line: i as u32 + 2,
                values: make(g, i),
            })
            .collect();
    };
    // Departments and months are few whatever the size; the rows they do
    // not take go to the legality reviews, the longest register in practice.
    let departments = share(4).min(60);
    let months = share(4).min(40);
    let reviews = share(25) + 2 * share(4) - departments - months;
    fill(
        &mut ledger,
        &RECONSIDERATION,
        share(12),
        &mut g,
        reconsideration,
    );
    fill(&mut ledger, &LITIGATION, share(6), &mut g, litigation);
    fill(
        &mut ledger,
        &NORMATIVE_DOCUMENTS,
        share(8),
        &mut g,
        normative_document,
    );
    fill(
        &mut ledger,
        &MAJOR_DECISIONS,
        share(3),
        &mut g,
        major_decision,
    );
    fill(
        &mut ledger,
        &LEGALITY_REVIEWS,
        reviews,
        &mut g,
        legality_review,
    );
    fill(&mut ledger, &ENFORCEMENT, departments, &mut g, enforcement);
    fill(&mut ledger, &MEDIATION, months, &mut g, mediation);
    fill(
        &mut ledger,
        &RECTIFICATION,
        share(12),
        &mut g,
        rectification,
    );
    fill(&mut ledger, &STUDY, share(10), &mut g, study);
    fill(&mut ledger, &PUBLICITY, share(16), &mut g, publicity);
    ledger
}

/// splitmix64: small, seedable, and good enough for invented rows.
struct Generator {
    state: u64,
    year: i32,
}

impl Generator {
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.between(1, 100) <= percent
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.between(0, from.len() as u64 - 1) as usize]
    }

    /// A day of the year, `from_day` to `to_day` days after 1 January.
    fn day(&mut self, from_day: u64, to_day: u64) -> Day {
        let start = Day::new(self.year, 1, 1).expect("1 January exists");
        start.plus_days(self.between(from_day, to_day) as i64)
    }
}

/// `day` on a row where it applies, else a blank cell.
fn day_if(applies: bool, day: Day) -> Value {
    if applies {
        Value::Day(day)
    } else {
        Value::Blank
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn reconsideration(g: &mut Generator, i: usize) -> Vec<Value> {
    let received = g.day(0, 330);
    let accepted = g.chance(85);
    let accepted_on = received.plus_days(g.between(1, 5) as i64);
    let closed = accepted && accepted_on.plus_days(95).year == g.year && g.chance(90);
    let days = if g.chance(90) {
        g.between(20, 60)
    } else {
        g.between(61, 100)
    };
    let closed_on = accepted_on.plus_days(days as i64);
    let closed = closed && closed_on.year == g.year;
    let outcome = g.pick(RECONSIDERATION_OUTCOMES);
    let kind = g.pick(&[
        "行政处罚",
        "政府信息公开",
        "行政强制",
        "不履行法定职责",
        "行政确认",
    ]);
    let respondent = g.pick(&[
        "示例县市场监督管理局",
        "示例县自然资源局",
        "示例县公安局",
        "示例县城市管理综合执法局",
        "示例县住房和城乡建设局",
    ]);
    vec![
        text(format!("示县复〔{}〕{}号", g.year, i + 1)),
        Value::Day(received),
        Value::Choice(if accepted { "是" } else { "否" }),
        day_if(accepted, accepted_on),
        Value::Choice(kind),
        text(respondent),
        day_if(closed, closed_on),
        if closed {
            Value::Choice(outcome)
        } else {
            Value::Blank
        },
    ]
}

fn litigation(g: &mut Generator, i: usize) -> Vec<Value> {
    let filed = g.day(0, 300);
    let heard = g.chance(80);
    let appearance = if !heard {
        Value::Blank
    } else {
        Value::Choice(g.pick(&["正职", "副职", "副职", "否"]))
    };
    let closed = g.chance(85);
    let outcome = g.pick(&["胜诉", "胜诉", "胜诉", "败诉", "撤诉", "驳回起诉"]);
    vec![
        text(format!("（{}）示0102行初{}号", g.year, i + 1)),
        text("示例县人民政府"),
        Value::Choice(g.pick(&["一审", "一审", "二审"])),
        Value::Day(filed),
        if heard {
            Value::Day(filed.plus_days(g.between(20, 50) as i64))
        } else {
            Value::NotApplicable
        },
        appearance,
        if closed {
            Value::Choice(outcome)
        } else {
            Value::Blank
        },
    ]
}

fn normative_document(g: &mut Generator, i: usize) -> Vec<Value> {
    let subject = g.pick(&[
        "农村宅基地管理",
        "城区停车管理",
        "养老服务补贴",
        "惠企政策兑现",
        "耕地保护补偿",
        "校外培训监管",
    ]);
    let name = format!("示例县{subject}办法（第{}号）", i + 1);
    if g.chance(30) {
        // An older document that this year's cleanup looked at.
        return vec![
            text(name),
            text(format!("示政发〔{}〕{}号", g.year - 3, i + 1)),
            text("示例县人民政府"),
            Value::Blank,
            Value::Day(Day::new(g.year - 3, 6, 1).expect("a valid day")),
            Value::Blank,
            Value::Blank,
            Value::Choice(g.pick(CLEANUP_CONCLUSIONS)),
        ];
    }
    let reviewed = g.day(0, 320);
    let published = reviewed.plus_days(g.between(5, 20) as i64);
    let filed = published.plus_days(if g.chance(90) {
        g.between(3, 28)
    } else {
        g.between(31, 45)
    } as i64);
    vec![
        text(name),
        text(format!("示政规〔{}〕{}号", g.year, i + 1)),
        text("示例县人民政府"),
        Value::Day(reviewed),
        Value::Day(published),
        if g.chance(95) {
            Value::Day(filed)
        } else {
            Value::NotApplicable
        },
        Value::Choice("准予备案"),
        Value::Blank,
    ]
}

fn major_decision(g: &mut Generator, i: usize) -> Vec<Value> {
    let subject = g.pick(&[
        "老旧小区改造实施方案",
        "城乡供水一体化规划",
        "公共停车收费标准调整",
        "中小学布局调整方案",
        "生活垃圾分类实施方案",
    ]);
    let from = g.day(0, 250);
    let days = if g.chance(85) {
        g.between(30, 40)
    } else {
        g.between(15, 25)
    };
    let to = from.plus_days(days as i64 - 1);
    let reviewed = to.plus_days(g.between(3, 10) as i64);
    let discussed = reviewed.plus_days(g.between(3, 15) as i64);
    vec![
        text(format!("{subject}（事项{}）", i + 1)),
        Value::Choice(if g.chance(90) { "是" } else { "否" }),
        Value::Day(from),
        Value::Day(to),
        Value::Choice("是"),
        Value::Choice(g.pick(&["是", "是", "否"])),
        Value::Day(reviewed),
        text(format!("县政府第{}次常务会议", i + 3)),
        Value::Day(discussed),
        Value::Day(discussed.plus_days(g.between(3, 10) as i64)),
    ]
}

fn legality_review(g: &mut Generator, i: usize) -> Vec<Value> {
    let object = g.pick(REVIEW_OBJECTS);
    vec![
        Value::Choice(object),
        text(format!("{object}审查{}", i + 1)),
        Value::Day(g.day(0, 360)),
        Value::Count(g.between(0, 6)),
    ]
}

fn enforcement(g: &mut Generator, i: usize) -> Vec<Value> {
    let names = [
        "市场监督管理局",
        "自然资源局",
        "生态环境分局",
        "交通运输局",
        "城市管理综合执法局",
        "卫生健康局",
        "应急管理局",
        "农业农村局",
    ];
    let name = format!("示例县{}", names[i % names.len()]);
    let licensing = i % 3 != 2;
    let count = |g: &mut Generator, high: u64| Value::Count(g.between(0, high));
    let fen = g.between(0, 50_000_000);
    vec![
        text(if i < names.len() {
            name
        } else {
            format!("{name}（第{}执法队）", i / names.len() + 1)
        }),
        if licensing {
            count(g, 3000)
        } else {
            Value::NotApplicable
        },
        if licensing {
            count(g, 40)
        } else {
            Value::NotApplicable
        },
        count(g, 400),
        count(g, 200),
        Value::Money(Decimal::new(i128::from(fen), 2)),
        count(g, 60),
        count(g, 1500),
        if licensing {
            count(g, 500)
        } else {
            Value::NotApplicable
        },
        Value::Count(g.between(5, 120)),
    ]
}

fn mediation(g: &mut Generator, i: usize) -> Vec<Value> {
    let cases = g.between(5, 300);
    let resolved = cases - g.between(0, cases / 8);
    vec![
        text(format!("{}月", i % 12 + 1)),
        Value::Count(cases),
        Value::Count(resolved),
        Value::Money(Decimal::from_int(g.between(10_000, 5_000_000) as i64)),
    ]
}

fn rectification(g: &mut Generator, i: usize) -> Vec<Value> {
    let found = g.day(0, 300);
    let due = found.plus_days(g.between(30, 90) as i64);
    let done = g.chance(80);
    let late = g.chance(10);
    let fixed = due.plus_days(if late {
        g.between(1, 20) as i64
    } else {
        -(g.between(0, 25) as i64)
    });
    let done = done && fixed.year == g.year;
    vec![
        text(format!("执法案卷问题{}", i + 1)),
        Value::Choice(g.pick(PROBLEM_SOURCES)),
        Value::Day(found),
        Value::Day(due),
        Value::Choice(if done { "已整改" } else { "整改中" }),
        day_if(done, fixed),
    ]
}

fn study(g: &mut Generator, _: usize) -> Vec<Value> {
    let kind = g.pick(STUDY_TYPES);
    let people = match kind {
        "现场述法" | "书面述法" => Value::Count(g.between(3, 30)),
        "法治培训" => Value::Count(g.between(30, 400)),
        "任前考法" => Value::Count(g.between(2, 25)),
        _ => Value::Blank,
    };
    vec![
        Value::Choice(kind),
        Value::Day(g.day(0, 360)),
        people,
        text("学习贯彻法治政府建设有关规定"),
    ]
}

fn publicity(g: &mut Generator, i: usize) -> Vec<Value> {
    let what = g.pick(&[
        "宪法宣传周",
        "民法典进社区",
        "法律明白人培训",
        "送法下乡",
        "青少年法治教育",
    ]);
    vec![
        text(format!("{what}({})", i + 1)),
        Value::Day(g.day(0, 360)),
        Value::Count(g.between(1, 12)),
        Value::Count(g.between(50, 5000)),
    ]
}
