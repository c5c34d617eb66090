//! Page fields: the `label: value` metadata a government page shows around a
//! report ("发布日期:2024-03-04", "来源:区法制办", "索 引 号: …").
//!
//! This module finds labels and cuts values; it does not decide which lines
//! of the page are metadata lines (that is `Page::read`), nor what the values
//! mean for the report (that is `meta`).
//!
//! Pages put several labels on one line with nothing between a value and the
//! next label ("更新时间:2024-02-28浏览次数:来源:区法制办作者:区卫健局"), pad labels
//! with spaces ("发 布 机 构 :"), leave values empty, or put the value on the
//! next line. So a value runs from its label's colon to the next known label,
//! and every label a page may show is listed, even those whose value is not kept.

use std::ops::Range;
use std::sync::LazyLock;

use super::chrome::is_chrome_token;
use super::dates::{clock_time_prefix, date_prefix, Date};
use super::scan::{first_bit, spaces};

/// What a label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// The page's own posting date.
    Published,
    /// The date the document was written or issued (成文日期), not the posting.
    Written,
    Source,
    Publisher,
    IndexNo,
    Title,
    Author,
    /// A label whose value is not kept; known so that values end where it begins.
    Other,
}

/// A label, the field it names, and whether it needs a colon after it
/// ("发表于" does not).
type LabelDef = (&'static str, Field, bool);

/// The labels of page metadata. Matching ignores spaces inside a label, and
/// tries the longest label first, so "发布时间" wins over "时间".
const LABELS: &[LabelDef] = &[
    ("发布日期", Field::Published, true),
    ("发表日期", Field::Published, true),
    ("发布时间", Field::Published, true),
    ("发表时间", Field::Published, true),
    ("更新时间", Field::Published, true),
    ("更新日期", Field::Published, true),
    ("日期", Field::Published, true),
    ("时间", Field::Published, true),
    ("发表于", Field::Published, false),
    ("发布于", Field::Published, false),
    ("成文日期", Field::Written, true),
    ("发文日期", Field::Written, true),
    ("印发日期", Field::Written, true),
    ("文章来源", Field::Source, true),
    ("信息来源", Field::Source, true),
    ("稿件来源", Field::Source, true),
    ("来源", Field::Source, true),
    ("发布机构", Field::Publisher, true),
    ("发布单位", Field::Publisher, true),
    ("发文机关", Field::Publisher, true),
    ("发文机构", Field::Publisher, true),
    ("发文单位", Field::Publisher, true),
    ("索引号", Field::IndexNo, true),
    ("文章标题", Field::Title, true),
    ("标题", Field::Title, true),
    ("名称", Field::Title, true),
    ("作者", Field::Author, true),
    ("浏览次数", Field::Other, true),
    ("访问次数", Field::Other, true),
    ("阅读次数", Field::Other, true),
    ("点击次数", Field::Other, true),
    ("点击数", Field::Other, true),
    ("点击量", Field::Other, true),
    ("浏览量", Field::Other, true),
    ("文号", Field::Other, true),
    ("发文字号", Field::Other, true),
    ("文件编号", Field::Other, true),
    ("主题分类", Field::Other, true),
    ("主题词", Field::Other, true),
    ("主题", Field::Other, true),
    ("体裁分类", Field::Other, true),
    ("组配分类", Field::Other, true),
    ("文件分类", Field::Other, true),
    ("所属机构", Field::Other, true),
    ("有效性", Field::Other, true),
    ("公文时效", Field::Other, true),
    ("公开方式", Field::Other, true),
    ("公开时限", Field::Other, true),
    ("公开范围", Field::Other, true),
    ("字号", Field::Other, true),
    ("字体", Field::Other, true),
    ("分享到", Field::Other, true),
    ("分享", Field::Other, true),
    ("责任编辑", Field::Other, true),
    ("编辑", Field::Other, true),
    ("标签", Field::Other, true),
];

/// Characters trimmed from both ends of a value: table bars, bullets, brackets.
const VALUE_TRIM: &[char] = &[' ', '\t', '|', '•', '·', '【', '】', '[', ']'];

/// One label and its value on a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pair {
    pub field: Field,
    /// Byte range of the label (with its colon) in the text.
    pub label: Range<usize>,
    /// Byte range of the value in the text; empty when the page left it blank.
    pub value: Range<usize>,
}

/// A label at the start of `s`: its field and the bytes it takes, colon included.
fn label_at(s: &str) -> Option<(Field, usize)> {
    // Most positions open no label: only the labels that start with the
    // position's first character are tried, and a bit mask rules out most
    // characters before any search.
    static FIRSTS: LazyLock<u128> = LazyLock::new(|| {
        let firsts = LABELS
            .iter()
            .filter_map(|(label, _, _)| label.chars().next());
        firsts.fold(0, |bits, c| bits | first_bit(c))
    });
    static BY_FIRST_CHAR: LazyLock<Vec<(char, Vec<&LabelDef>)>> = LazyLock::new(|| {
        let mut index: Vec<(char, Vec<&LabelDef>)> = Vec::new();
        for label in LABELS {
            let Some(first) = label.0.chars().next() else {
                continue;
            };
            match index.iter_mut().find(|(c, _)| *c == first) {
                Some((_, labels)) => labels.push(label),
                None => index.push((first, vec![label])),
            }
        }
        index.sort_by_key(|&(c, _)| c);
        index
    });
    let first = s.chars().next()?;
    if *FIRSTS & first_bit(first) == 0 {
        return None;
    }
    let i = BY_FIRST_CHAR
        .binary_search_by_key(&first, |&(c, _)| c)
        .ok()?;
    let mut best: Option<(Field, usize, usize)> = None; // field, bytes, label chars
    for &&(label, field, needs_colon) in &BY_FIRST_CHAR[i].1 {
        let Some(mut len) = match_spaced(s, label) else {
            continue;
        };
        if needs_colon {
            len += spaces(&s[len..]);
            if !s[len..].starts_with(':') {
                continue;
            }
            len += 1;
        }
        let label_chars = label.chars().count();
        if best.is_none_or(|(_, _, n)| label_chars > n) {
            best = Some((field, len, label_chars));
        }
    }
    best.map(|(field, len, _)| (field, len))
}

/// Matches `label` at the start of `s`, allowing spaces between its characters.
fn match_spaced(s: &str, label: &str) -> Option<usize> {
    let mut at = 0;
    for (k, c) in label.chars().enumerate() {
        if k > 0 {
            at += spaces(&s[at..]);
        }
        if !s[at..].starts_with(c) {
            return None;
        }
        at += c.len_utf8();
    }
    Some(at)
}

/// Whether `line` opens with a label (after bullets), i.e. is a metadata line.
pub(crate) fn starts_with_label(line: &str) -> bool {
    let body = line.trim_start_matches(VALUE_TRIM);
    label_at(body).is_some()
}

/// The labels of one line, in order: their fields and byte ranges in the line.
fn labels(line: &str) -> impl Iterator<Item = (Field, Range<usize>)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < line.len() {
            if let Some((field, len)) = label_at(&line[i..]) {
                let label = i..i + len;
                i += len;
                return Some((field, label));
            }
            i += line[i..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

/// Whether `line` shows at least `n` labels.
pub(crate) fn has_labels(line: &str, n: usize) -> bool {
    n == 0 || labels(line).nth(n - 1).is_some()
}

/// The labels and values of one line (`start` is the line's offset in the text).
pub(crate) fn pairs(line: &str, start: usize) -> Vec<Pair> {
    let found: Vec<(Field, Range<usize>)> = labels(line).collect();
    let mut out = Vec::with_capacity(found.len());
    for (k, (field, label)) in found.iter().enumerate() {
        let value_end = found.get(k + 1).map_or(line.len(), |(_, next)| next.start);
        let value = clean_value(line, label.end..value_end);
        out.push(Pair {
            field: *field,
            label: start + label.start..start + label.end,
            value: start + value.start..start + value.end,
        });
    }
    out
}

/// Trims a value and drops chrome words that trail it ("海口市司法局 打印").
fn clean_value(line: &str, range: Range<usize>) -> Range<usize> {
    let raw = &line[range.clone()];
    let trimmed = raw.trim_start_matches(VALUE_TRIM);
    let start = range.start + (raw.len() - trimmed.len());
    let mut value = trimmed.trim_end_matches(VALUE_TRIM);
    while let Some((head, last)) = value.rsplit_once(' ') {
        if !is_chrome_token(last) {
            break;
        }
        value = head.trim_end_matches(VALUE_TRIM);
    }
    let len = if is_chrome_token(value) {
        0
    } else {
        value.len()
    };
    start..start + len
}

/// What the page says about itself, gathered from its metadata lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageFields {
    /// The page's posting date (发布日期, 发布时间, 更新时间, 日期…; never 成文日期).
    pub published_date: Option<Date>,
    /// Byte range in `doc.text()` of the posting date's value.
    pub published_bytes: Option<Range<usize>>,
    /// The document's own date (成文日期, 发文日期).
    pub written_date: Option<Date>,
    /// Byte ranges in `doc.text()` of the text values.
    pub source: Option<Range<usize>>,
    pub publisher: Option<Range<usize>>,
    pub index_no: Option<Range<usize>>,
    pub title: Option<Range<usize>>,
    pub author: Option<Range<usize>>,
}

impl PageFields {
    /// Records one pair; the first non-empty value of a field wins, because the
    /// header comes before the footer and describes the page best.
    pub(crate) fn record(&mut self, text: &str, pair: &Pair) {
        let value = &text[pair.value.clone()];
        if value.is_empty() {
            return;
        }
        let date = || date_prefix(value).map(|(d, _)| d);
        let slot = match pair.field {
            Field::Published => {
                if self.published_date.is_none() {
                    self.published_date = date();
                    self.published_bytes = self.published_date.and(Some(pair.value.clone()));
                }
                return;
            }
            Field::Written => return set_date(&mut self.written_date, date()),
            Field::Source => &mut self.source,
            Field::Publisher => &mut self.publisher,
            Field::IndexNo => &mut self.index_no,
            Field::Title => &mut self.title,
            Field::Author => &mut self.author,
            Field::Other => return,
        };
        if slot.is_none() {
            *slot = Some(pair.value.clone());
        }
    }
}

fn set_date(slot: &mut Option<Date>, date: Option<Date>) {
    if slot.is_none() {
        *slot = date;
    }
}

/// A page's posting stamp written without a label: a date at the start of a
/// metadata line, followed by a time of day ("2022-03-29 17:13:17") or by the
/// source label ("2015-11-20 来源: 上海普陀"). A bare date line is not taken:
/// it may as well be the document's own date.
pub(crate) fn unlabelled_posting_date(line: &str) -> Option<Date> {
    let body = line.trim_start_matches(VALUE_TRIM);
    let (date, len) = date_prefix(body)?;
    let rest = &body[len..];
    if clock_time_prefix(rest).is_some() {
        return Some(date);
    }
    let rest = rest.trim_start();
    matches!(label_at(rest), Some((Field::Source, _))).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the pairs of a line as `label=value` items.
    fn check(line: &str, expected: &[(Field, &str)]) {
        let got: Vec<(Field, &str)> = pairs(line, 0)
            .iter()
            .map(|p| (p.field, &line[p.value.clone()]))
            .collect();
        assert_eq!(got, expected, "{line}");
    }

    #[test]
    fn labels_follow_values_without_separators() {
        use Field::*;
        check(
            "更新时间:2024-02-28浏览次数:来源:区法制办作者:区卫健局 字体[ 大 中 小 ]",
            &[
                (Published, "2024-02-28"),
                (Other, ""),
                (Source, "区法制办"),
                (Author, "区卫健局"),
            ],
        );
        check(
            "时间:2023年02月17日来源:市司法局",
            &[(Published, "2023年02月17日"), (Source, "市司法局")],
        );
    }

    #[test]
    fn labels_with_spaces_and_table_bars() {
        use Field::*;
        check(
            "索 引 号: 000014349/2025-17645 发布日期: 2025-02-28 发布机构: 下陆区司法局",
            &[
                (IndexNo, "000014349/2025-17645"),
                (Published, "2025-02-28"),
                (Publisher, "下陆区司法局"),
            ],
        );
        check(
            "索引号: | 002564301/2025-00062 | 成文日期: | 2025-01-27 |",
            &[(IndexNo, "002564301/2025-00062"), (Written, "2025-01-27")],
        );
        check("发 布 机 构 :", &[(Publisher, "")]);
        check("  • 发布日期:2022-03-31", &[(Published, "2022-03-31")]);
        check(
            "2022-03-29 17:13:17 来源: 海口市司法局 打印",
            &[(Source, "海口市司法局")],
        );
        check(
            "莆仙通 发表于 2013-1-19 18:10:16",
            &[(Published, "2013-1-19 18:10:16")],
        );
    }

    #[test]
    fn longest_label_wins() {
        use Field::*;
        check(
            "发文日期: 2024-03-04 发布机构: 临淄区人民政府办公室",
            &[(Written, "2024-03-04"), (Publisher, "临淄区人民政府办公室")],
        );
        check("成 文 日 期 :", &[(Written, "")]);
    }

    #[test]
    fn posting_stamps_without_labels() {
        let date = |s: &str| unlabelled_posting_date(s).map(|d| d.to_string());
        assert_eq!(
            date("2023-03-27 17:05 来源: 海南省人民政府网 【字体:   打印").as_deref(),
            Some("2023-03-27")
        );
        assert_eq!(
            date("2015-11-20 来源: 上海普陀").as_deref(),
            Some("2015-11-20")
        );
        assert_eq!(date("2018-08-15 10:07:28").as_deref(), Some("2018-08-15"));
        assert_eq!(date("2025-03-19"), None);
        assert_eq!(date("2024年2月23日"), None);
    }
}
