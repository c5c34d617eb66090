//! The words the scanner knows, kept as data in one place: counting words,
//! the qualifiers that bend a figure, and the fixed phrases in which a
//! Chinese numeral names something instead of counting it.

use std::sync::OnceLock;

use crate::quantity::Qualifier;

/// Counting words as written, with the unit each one reports.
///
/// Matching takes the first entry the text starts with, so an entry must
/// come before any shorter entry that is its prefix (人次 before 人); a test
/// checks this. 万元, 亿元 and 千元 need no entries: 万/亿/千 are read as
/// multipliers of the numeral and leave 元.
const UNITS: &[(&str, &str)] = &[
    ("个百分点", "个百分点"),
    ("个工作日", "个工作日"),
    ("件次", "件次"),
    ("人次", "人次"),
    ("场次", "场次"),
    ("家次", "家次"),
    ("户次", "户次"),
    ("批次", "批次"),
    ("堂次", "堂次"),
    ("条次", "条次"),
    ("项次", "项次"),
    ("期次", "期次"),
    ("个月", "个月"),
    ("小时", "小时"),
    ("分钟", "分钟"),
    ("学时", "学时"),
    ("课时", "课时"),
    ("周年", "周年"),
    ("部门", "部门"),
    ("件", "件"),
    ("人", "人"),
    ("次", "次"),
    ("场", "场"),
    ("项", "项"),
    ("条", "条"),
    ("个", "个"),
    ("份", "份"),
    ("篇", "篇"),
    ("本", "本"),
    ("卷", "卷"),
    ("家", "家"),
    ("户", "户"),
    ("名", "名"),
    ("期", "期"),
    ("批", "批"),
    ("天", "天"),
    ("起", "起"),
    ("部", "部"),
    ("类", "类"),
    ("种", "种"),
    ("宗", "宗"),
    ("例", "例"),
    ("堂", "堂"),
    ("笔", "笔"),
    ("位", "位"),
    ("轮", "轮"),
    ("处", "处"),
    ("所", "所"),
    ("座", "座"),
    ("台", "台"),
    ("张", "张"),
    ("支", "支"),
    ("套", "套"),
    ("辆", "辆"),
    ("岁", "岁"),
    ("倍", "倍"),
    ("周", "周"),
    ("年", "年"),
    ("日", "日"),
    ("元", "元"),
    ("%", "%"),
    ("％", "%"),
];

/// The counting word `rest` opens with: its length in bytes and the unit it
/// reports.
pub(crate) fn unit_at(rest: &str) -> Option<(usize, &'static str)> {
    // Rule out most text by its first character before trying each unit.
    static FIRST_CHARS: OnceLock<Vec<char>> = OnceLock::new();
    let firsts = FIRST_CHARS.get_or_init(|| {
        let mut firsts: Vec<char> = UNITS.iter().filter_map(|(w, _)| w.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        firsts
    });
    firsts.binary_search(&rest.chars().next()?).ok()?;
    UNITS
        .iter()
        .find(|(written, _)| rest.starts_with(written))
        .map(|&(written, unit)| (written.len(), unit))
}

/// `家(次)` counts 家次: when `rest` opens with a parenthesised 次 and
/// `unit` has a 次 form, that form and the length of the parenthesis.
pub(crate) fn per_time_unit(unit: &str, rest: &str) -> Option<(usize, &'static str)> {
    let parenthesis = ["(次)", "（次）"]
        .into_iter()
        .find(|p| rest.starts_with(p))?;
    let (_, per_time) = UNITS
        .iter()
        .find(|(_, name)| name.strip_suffix('次') == Some(unit))?;
    Some((parenthesis.len(), per_time))
}

/// Words before a numeral that qualify it, longest first where one ends
/// another (不超过 before 超过, 将近 before 近). 达, 达到 and 为 state a figure
/// and are not here, but after 约 they belong to it (约为, 约达).
const LEADING_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("不超过", Qualifier::AtMost),
    ("不少于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不多于", Qualifier::AtMost),
    ("超过", Qualifier::AtLeast),
    ("多于", Qualifier::AtLeast),
    ("至少", Qualifier::AtLeast),
    ("大约", Qualifier::Approx),
    ("约为", Qualifier::Approx),
    ("约有", Qualifier::Approx),
    ("约达", Qualifier::Approx),
    ("将近", Qualifier::Approx),
    ("接近", Qualifier::Approx),
    ("不到", Qualifier::AtMost),
    ("不足", Qualifier::AtMost),
    ("少于", Qualifier::AtMost),
    ("逾", Qualifier::AtLeast),
    ("约", Qualifier::Approx),
    ("近", Qualifier::Approx),
];

/// Words that end in a qualifier's character without being one: 节约
/// (saving) in 节约120万元, 最近 (recent) in 最近3年.
const NOT_QUALIFIERS: &[&str] = &[
    "节约", "预约", "签约", "履约", "违约", "制约", "集约", "最近", "就近", "附近",
];

/// Words after a counting word that qualify the figure.
const TRAILING_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("以上", Qualifier::AtLeast),
    ("左右", Qualifier::Approx),
    ("以内", Qualifier::AtMost),
    ("以下", Qualifier::AtMost),
];

/// The qualifier `before` ends with, and its length in bytes.
pub(crate) fn leading_qualifier(before: &str) -> Option<(usize, Qualifier)> {
    if NOT_QUALIFIERS.iter().any(|word| before.ends_with(word)) {
        return None;
    }
    LEADING_QUALIFIERS
        .iter()
        .find(|(word, _)| before.ends_with(word))
        .map(|&(word, qualifier)| (word.len(), qualifier))
}

/// The qualifier `rest` opens with, and its length in bytes.
pub(crate) fn trailing_qualifier(rest: &str) -> Option<(usize, Qualifier)> {
    TRAILING_QUALIFIERS
        .iter()
        .find(|(word, _)| rest.starts_with(word))
        .map(|&(word, qualifier)| (word.len(), qualifier))
}

/// Phrases that open with a Chinese numeral and a counting word yet name a
/// reform, a slogan or a vague amount: 一件事 is the "one thing" reform, not
/// one item; 一批 is "a number of". Quoted slogans are excluded anyway; these
/// are the ones that often stand unquoted.
const LEXICALISED: &[&str] = &[
    "一件事",
    "一次办",
    "一次性",
    "一批",
    "一部分",
    "一张网",
    "一张图",
    "一张蓝图",
    "一本账",
    "一条龙",
    "两个确立",
    "两个维护",
    "三项制度",
    "四个意识",
    "四个自信",
    "八项规定",
];

/// Whether `rest` opens with a lexicalised numeral phrase.
pub(crate) fn is_lexicalised(rest: &str) -> bool {
    LEXICALISED.iter().any(|phrase| rest.starts_with(phrase))
}

/// Characters that make a word with a following 一: 统一 (unified), 唯一
/// (sole), 同一 (same), 单一, 逐一, 划一, 新一 (a new), 下一 (next), 上一
/// (last). So 统一部署 holds no 一部 and 新一轮 no 一轮.
pub(crate) fn binds_following_yi(c: char) -> bool {
    matches!(
        c,
        '统' | '唯' | '同' | '单' | '逐' | '划' | '新' | '下' | '上'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_words_come_before_their_prefixes() {
        let check = |words: Vec<&str>| {
            for (i, shorter) in words.iter().enumerate() {
                for longer in &words[i + 1..] {
                    assert!(
                        !longer.starts_with(shorter) && !longer.ends_with(shorter),
                        "{longer} is shadowed by {shorter}"
                    );
                }
            }
        };
        check(UNITS.iter().map(|(w, _)| *w).collect());
        check(LEADING_QUALIFIERS.iter().map(|(w, _)| *w).collect());
    }

    #[test]
    fn every_per_time_unit_exists() {
        assert_eq!(per_time_unit("家", "(次)"), Some((5, "家次")));
        assert_eq!(
            per_time_unit("人", "（次）"),
            Some(("（次）".len(), "人次"))
        );
        assert_eq!(per_time_unit("元", "(次)"), None);
    }
}
