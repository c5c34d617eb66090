//! Numbering markers: the "一、", "(一)", "1.", "(1)", "第一部分", "①" that open
//! a heading line, and the "一是", "第一," that open an item inside a paragraph.
//!
//! This module recognises one marker at one position and says nothing about
//! whether a sequence of markers makes sense (that is the outline's job).

use crate::page::scan::{ascii_number, is_han, small_cn_number, spaces};

/// A numbering style. Levels are given to styles in the order they first
/// appear, as a word processor does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    /// 一、
    CnComma,
    /// (一), also 一) when the opening parenthesis was lost
    CnParen,
    /// 1. 1、
    ArabicDot,
    /// (1), also 1)
    ArabicParen,
    /// 第一部分, 第一章, 第一, at a line start
    Ordinal,
    /// ① ②
    Circled,
    /// 一是, 二是 inside a paragraph
    InlineShi,
    /// 第一, 第二, inside a paragraph
    InlineOrdinal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    pub style: Style,
    pub number: u32,
    /// Bytes taken by the marker and the spaces after it.
    pub len: usize,
}

/// Words that follow 第N in an ordinal heading ("第一部分").
const ORDINAL_UNITS: &[&str] = &["部分", "章", "节", "篇"];
/// Punctuation that follows 第N when it enumerates ("第一,").
const ORDINAL_PUNCT: &[char] = &[',', '、', ':'];
/// The highest number a heading marker may carry.
const MAX_NUMBER: u32 = 50;

/// The marker that opens a heading line, if any.
pub(crate) fn line_marker(line: &str) -> Option<Marker> {
    let m = cn_comma(line)
        .or_else(|| paren(line, '(', ')'))
        .or_else(|| arabic_dot(line))
        .or_else(|| ordinal(line))
        .or_else(|| circled(line))?;
    let len = m.len + spaces(&line[m.len..]);
    (m.number >= 1 && m.number <= MAX_NUMBER).then_some(Marker { len, ..m })
}

/// 一、 (not "一、二审": a numeral right after the comma enumerates numbers).
fn cn_comma(s: &str) -> Option<Marker> {
    let (number, n) = small_cn_number(s)?;
    let after = n + spaces(&s[n..]);
    let rest = s[after..].strip_prefix('、')?;
    if rest
        .chars()
        .next()
        .is_some_and(|c| small_cn_number(&c.to_string()).is_some())
    {
        return None;
    }
    Some(Marker {
        style: Style::CnComma,
        number,
        len: after + '、'.len_utf8(),
    })
}

/// (一) and (1); also 一) and 1) whose opening parenthesis was lost.
fn paren(s: &str, open: char, close: char) -> Option<Marker> {
    let opened = s.starts_with(open);
    let at = if opened { open.len_utf8() } else { 0 };
    let inner = &s[at..];
    let (style, number, n) = match small_cn_number(inner) {
        Some((v, n)) => (Style::CnParen, v, n),
        None => {
            let (v, n) = ascii_number(inner, 2)?;
            (Style::ArabicParen, v, n)
        }
    };
    let end = at + n;
    if !s[end..].starts_with(close) {
        return None;
    }
    let mut len = end + close.len_utf8();
    // "(一)、" carries a redundant comma.
    if s[len..].starts_with('、') {
        len += '、'.len_utf8();
    }
    Some(Marker { style, number, len })
}

/// 1. and 1、 (not 1.5, not 2023.1: a digit right after the dot is a decimal).
fn arabic_dot(s: &str) -> Option<Marker> {
    let (number, n) = ascii_number(s, 2)?;
    let after = n + spaces(&s[n..]);
    let sep = s[after..].chars().next()?;
    if sep != '.' && sep != '、' {
        return None;
    }
    let len = after + sep.len_utf8();
    if s[len..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    Some(Marker {
        style: Style::ArabicDot,
        number,
        len,
    })
}

/// 第一部分, 第一章, 第一, (not 第一责任人, 第一书记).
fn ordinal(s: &str) -> Option<Marker> {
    let rest = s.strip_prefix('第')?;
    let (number, n) = small_cn_number(rest)?;
    let after = &rest[n..];
    let unit = ORDINAL_UNITS
        .iter()
        .find(|u| after.starts_with(*u))
        .map(|u| u.len())
        .or_else(|| {
            after
                .chars()
                .next()
                .filter(|c| ORDINAL_PUNCT.contains(c))
                .map(char::len_utf8)
        })?;
    Some(Marker {
        style: Style::Ordinal,
        number,
        len: '第'.len_utf8() + n + unit,
    })
}

/// ① … ⑳
fn circled(s: &str) -> Option<Marker> {
    let c = s.chars().next()?;
    let number = match c {
        '\u{2460}'..='\u{2473}' => c as u32 - 0x2460 + 1,
        _ => return None,
    };
    Some(Marker {
        style: Style::Circled,
        number,
        len: c.len_utf8(),
    })
}

/// Characters after which a clause starts, so an inline marker may follow.
const CLAUSE_BREAKS: &[char] = &['。', ';', ':', ',', '!', '?'];

/// An inline marker ("一是", "第一,") at byte `at` of `line`, when a clause starts there.
pub(crate) fn inline_marker(line: &str, at: usize) -> Option<Marker> {
    let before = line[..at].trim_end_matches(' ');
    if !before.is_empty() && !before.ends_with(CLAUSE_BREAKS) {
        return None;
    }
    let s = &line[at..];
    if let Some(rest) = s.strip_prefix('第') {
        let (number, n) = small_cn_number(rest)?;
        let punct = rest[n..].chars().next().filter(|&c| c == ',')?;
        return Some(Marker {
            style: Style::InlineOrdinal,
            number,
            len: '第'.len_utf8() + n + punct.len_utf8(),
        });
    }
    let (number, n) = small_cn_number(s)?;
    let rest = s[n..].strip_prefix('是')?;
    // "一是一,二是二" aside, the item has text of its own.
    rest.chars()
        .next()
        .filter(|&c| is_han(c) || c == '“' || c == '"')?;
    Some(Marker {
        style: Style::InlineShi,
        number,
        len: n + '是'.len_utf8(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expected: Option<(Style, u32, &str)>) {
        let got = line_marker(line).map(|m| (m.style, m.number, &line[m.len..]));
        assert_eq!(got, expected, "{line}");
    }

    #[test]
    fn heading_markers() {
        use Style::*;
        check("一、2023年工作情况", Some((CnComma, 1, "2023年工作情况")));
        check("一、 主要举措和成效", Some((CnComma, 1, "主要举措和成效")));
        check("十二、其他", Some((CnComma, 12, "其他")));
        check(
            "(一)法治政府建设跃上新台阶",
            Some((CnParen, 1, "法治政府建设跃上新台阶")),
        );
        check(
            "一)坚持党的全面领导",
            Some((CnParen, 1, "坚持党的全面领导")),
        );
        check("(三)、加强监督", Some((CnParen, 3, "加强监督")));
        check(
            "1.深入学习贯彻党的二十大精神",
            Some((ArabicDot, 1, "深入学习贯彻党的二十大精神")),
        );
        check("2、强化执法", Some((ArabicDot, 2, "强化执法")));
        check(
            "1. 制定完善各项监督管理制度",
            Some((ArabicDot, 1, "制定完善各项监督管理制度")),
        );
        check("(1)严格落实", Some((ArabicParen, 1, "严格落实")));
        check(
            "第一部分 庆元县2024年度行政执法数据表",
            Some((Ordinal, 1, "庆元县2024年度行政执法数据表")),
        );
        check("第二,强化监督", Some((Ordinal, 2, "强化监督")));
        check("②规范执法", Some((Circled, 2, "规范执法")));
    }

    #[test]
    fn not_heading_markers() {
        for line in [
            "2023年,我区按照法治政府建设的总要求",
            "一、二审案件",
            "1.5万名党员干部参加考试",
            "2023.1.5",
            "12345热线运行质量监测榜",
            "第一责任人职责",
            "一是深入推进改革",
            "(2022-2023年)",
            "",
        ] {
            check(line, None);
        }
    }

    #[test]
    fn inline_markers_start_clauses() {
        let line = "取得新成效:一是组织召开会议;二是“印发”文件。统一是原则,唯一是目标";
        let found: Vec<(Style, u32)> = line
            .char_indices()
            .filter_map(|(i, _)| inline_marker(line, i))
            .map(|m| (m.style, m.number))
            .collect();
        assert_eq!(found, [(Style::InlineShi, 1), (Style::InlineShi, 2)]);
        assert_eq!(
            inline_marker("第一,加强学习", 0).map(|m| (m.style, m.number)),
            Some((Style::InlineOrdinal, 1))
        );
        assert_eq!(inline_marker("第一责任人", 0), None);
    }
}
