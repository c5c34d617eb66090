//! The text as the matcher sees it: only the characters that carry content.
//!
//! This module owns what counts as "the same text": whitespace, punctuation,
//! symbols and list markers (`一、` `(一)` `1.` `(1)` `①`) are dropped,
//! full-width ASCII is folded to half-width and Latin letters to lower case.
//! Each kept character is reported with its character offset in the original
//! text, so a span found in the normalised text maps back exactly.
//!
//! It does not convert traditional to simplified characters (that needs
//! OpenCC's tables; callers who want it pass text the engine normalised) and
//! does not decide what is boilerplate.

use std::ops::Range;

/// Chinese numerals that number list items (`一、`, `(十二)`).
const MARKER_NUMERALS: &str = "一二三四五六七八九十〇零";

/// The most numerals a list marker holds: `(十二)`, `(123)`.
const MARKER_MAX_NUMERALS: usize = 3;

/// Calls `emit(character, offset)` for each character of `text[body]` kept for
/// matching, in order; `offset` is its character offset in `text`. A body
/// range past the end of the text is cut at the end.
pub(crate) fn normalise(text: &str, body: &Range<usize>, mut emit: impl FnMut(char, usize)) {
    let mut chars = text
        .chars()
        .map(fold)
        .enumerate()
        .take(body.end)
        .skip(body.start);
    let mut line_start = true;
    while let Some((offset, c)) = chars.next() {
        if c == '\n' || c == '\r' {
            line_start = true;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let marker = marker_len(c, chars.clone().map(|(_, c)| c), line_start);
        line_start = false;
        if marker > 0 {
            // `nth(n)` consumes n + 1 items: the rest of the marker after `c`.
            if marker > 1 {
                chars.nth(marker - 2);
            }
            continue;
        }
        if is_content(c) {
            emit(c, offset);
        }
    }
}

/// Full-width ASCII to half-width, the ideographic space to a space, Latin
/// letters to lower case: the forms reports mix for the same text.
fn fold(c: char) -> char {
    let half = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    half.to_ascii_lowercase()
}

/// Letters and digits of any script, except the enclosed numerals (① ⑴ ⒈ ❶ ㈠ ㊀)
/// that only number list items.
fn is_content(c: char) -> bool {
    // The common cases first: the Unicode tables behind `is_alphanumeric`
    // were a fifth of the time spent fingerprinting.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    c.is_alphanumeric()
        && !matches!(c,
            '\u{2460}'..='\u{24FF}' | '\u{2776}'..='\u{2793}' | '\u{3220}'..='\u{3243}' | '\u{3280}'..='\u{32B0}')
}

fn is_marker_numeral(c: char) -> bool {
    c.is_ascii_digit() || MARKER_NUMERALS.contains(c)
}

/// The length in characters of the list marker starting with `first`
/// (`rest` follows it), or 0: `(一)` `(1)` anywhere; `一、` `1、` `1.` at the
/// start of a line (`1.5` is a number, not a marker).
fn marker_len(first: char, mut rest: impl Iterator<Item = char>, line_start: bool) -> usize {
    let enclosed = first == '(';
    let numbered_line = line_start && is_marker_numeral(first);
    if !enclosed && !numbered_line {
        return 0;
    }
    let mut numerals = usize::from(!enclosed);
    let mut next = rest.next();
    while next.is_some_and(is_marker_numeral) {
        numerals += 1;
        if numerals > MARKER_MAX_NUMERALS {
            return 0;
        }
        next = rest.next();
    }
    if numerals == 0 {
        return 0;
    }
    let closes = match next {
        Some(')') => enclosed,
        Some('、') => !enclosed,
        Some('.') => !enclosed && !rest.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    if closes {
        numerals + 1 + usize::from(enclosed)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        let mut kept = String::new();
        normalise(text, &(0..usize::MAX), |c, _| kept.push(c));
        assert_eq!(kept, expected, "in {text:?}");
    }

    #[test]
    fn punctuation_space_and_width() {
        check("依法行政，  建设“法治政府”。", "依法行政建设法治政府");
        check("ＡＢＣ１２３％", "abc123");
        check(
            "《中华人民共和国行政复议法》\u{3000}全文",
            "中华人民共和国行政复议法全文",
        );
        check("一是加强领导；二是…", "一是加强领导二是");
        check("面积１．５万㎡", "面积15万");
        check("〇", "〇");
    }

    #[test]
    fn list_markers() {
        check(
            "一、工作情况\n（一）加强领导\n1.深入学习\n(2)推进",
            "工作情况加强领导深入学习推进",
        );
        check("  十二、总结", "总结");
        check("1、制度\n①规章⑵规范", "制度规章规范");
        check("一年来(三)项", "一年来项");
        // Not markers: a decimal, a numeral inside a line, four numerals.
        check("1.5万件", "15万件");
        check("完成一、二级", "完成一二级");
        check("(2023)第1号", "2023第1号");
        check("2023年", "2023年");
    }

    #[test]
    fn offsets_point_into_the_original_and_respect_the_body() {
        let text = "前言。一、正文：甲乙\n尾";
        let mut kept = Vec::new();
        normalise(text, &(3..10), |c, offset| kept.push((c, offset)));
        assert_eq!(kept, [('正', 5), ('文', 6), ('甲', 8), ('乙', 9)]);
        let mut none = Vec::new();
        let reversed = Range { start: 9, end: 3 };
        normalise(text, &reversed, |c, offset| none.push((c, offset)));
        normalise(text, &(50..60), |c, offset| none.push((c, offset)));
        assert!(none.is_empty());
    }
}
