//! Character-level helpers shared by the readers of the page, the outline, the
//! parts and the metadata: Han characters, small Chinese numbers, sentences,
//! word lists.
//!
//! Everything here works on the normalised text (`Document::text`), where
//! full-width forms are already folded, and returns byte offsets that are
//! always char boundaries.

use std::ops::Range;

/// Whether `c` is a Han character (CJK unified ideographs and extensions).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// The value of one Chinese digit, as used digit by digit in years (二〇二四).
/// A Latin `O` stands in for 〇 in many published texts.
pub(crate) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' | 'O' | 'o' | 'О' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_unit_digit(c: char) -> Option<u32> {
    cn_digit(c).filter(|&d| d > 0)
}

/// The most chars a number that [`small_cn_number`] reads takes (二十三).
pub(crate) const SMALL_CN_NUMBER_CHARS: usize = 3;

/// Parses a Chinese number from 1 to 99 (一, 十, 十二, 二十, 二十三) at the start
/// of `s`; returns its value and its length in bytes.
pub(crate) fn small_cn_number(s: &str) -> Option<(u32, usize)> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = chars.next()?;
    let ten = '十';
    let (mut value, mut end) = if first == ten {
        (10, first.len_utf8())
    } else {
        let d = cn_unit_digit(first)?;
        match chars.peek() {
            Some(&(i, c)) if c == ten => {
                chars.next();
                (d * 10, i + c.len_utf8())
            }
            _ => return Some((d, first.len_utf8())),
        }
    };
    if let Some(&(i, c)) = chars.peek() {
        if let Some(d) = cn_unit_digit(c) {
            value += d;
            end = i + c.len_utf8();
        }
    }
    Some((value, end))
}

/// Parses 1 to `max_digits` ASCII digits at the start of `s`; returns the value
/// and the number of bytes (= digits).
pub(crate) fn ascii_number(s: &str, max_digits: usize) -> Option<(u32, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > max_digits {
        return None;
    }
    s[..digits].parse().ok().map(|v| (v, digits))
}

/// Skips ASCII spaces at the start of `s`; returns the number of bytes skipped.
pub(crate) fn spaces(s: &str) -> usize {
    s.bytes().take_while(|&b| b == b' ' || b == b'\t').count()
}

/// Zero-width characters that `Document` may leave inside words where it
/// removed conversion damage ("自治区\u{200B}\u{200B}人民政府").
const INVISIBLE: &[char] = &['\u{200B}', '\u{FEFF}'];

/// `s` without zero-width characters, for matching words across them.
pub(crate) fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(INVISIBLE) {
        s.replace(INVISIBLE, "").into()
    } else {
        s.into()
    }
}

/// Characters that end a sentence (full-width ！？ are folded to ASCII already).
const SENTENCE_ENDS: [char; 3] = ['。', '!', '?'];

/// The sentences of `range` in `text`, as byte ranges: each ends after its
/// closing punctuation, the last one at the end of the range.
pub(crate) fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for end in after_each(&text[range.clone()], &SENTENCE_ENDS) {
        let end = range.start + end;
        out.push(start..end);
        start = end;
    }
    if start < range.end && !text[start..range.end].trim().is_empty() {
        out.push(start..range.end);
    }
    out
}

/// The byte offsets right after each occurrence of one of `marks` in `s`, in
/// order.
pub(crate) fn after_each(s: &str, marks: &[char]) -> Vec<usize> {
    // A search per mark (each as fast as `memchr`) beats one pass that
    // decodes every char.
    let mut ends: Vec<usize> = marks
        .iter()
        .flat_map(|&mark| s.match_indices(mark).map(|(i, m)| i + m.len()))
        .collect();
    ends.sort_unstable();
    ends
}

/// The number of characters of `s`.
pub(crate) fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The byte length of the first `n` characters of `s` (all of it when shorter).
pub(crate) fn prefix_bytes(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// Whether `s` contains any of `words`. For a long list, [`Words`] is faster.
pub(crate) fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// A list of words to look for all at once. At each char of a text only the
/// words that start with that char are tried, and a bit mask rules out most
/// chars without a search: one pass over the text finds any of many words,
/// where [`contains_any`] makes a pass per word. Several lists indexed
/// together tell in one pass which of them occur ([`Words::lists_in`]).
/// Built once per list: `static W: LazyLock<Words> = LazyLock::new(|| Words::new(LIST));`.
pub(crate) struct Words {
    /// The words grouped by first char, sorted by it; each group in the
    /// order given, each word with a bit for every list that has it.
    groups: Vec<(char, Vec<(&'static str, u32)>)>,
    /// Bit `c % 128` is set for the first char `c` of every word.
    firsts: u128,
}

impl Words {
    /// Indexes `words`, none of them empty.
    pub(crate) fn new(words: &[&'static str]) -> Words {
        Words::lists(&[words])
    }

    /// Indexes up to 32 lists of words, none of them empty; list `i` is bit `i`.
    pub(crate) fn lists(lists: &[&[&'static str]]) -> Words {
        let mut groups: Vec<(char, Vec<(&'static str, u32)>)> = Vec::new();
        let mut firsts = 0;
        for (i, list) in lists.iter().enumerate() {
            for &word in *list {
                let Some(first) = word.chars().next() else {
                    continue;
                };
                firsts |= first_bit(first);
                let g = match groups.iter().position(|(c, _)| *c == first) {
                    Some(g) => g,
                    None => {
                        groups.push((first, Vec::new()));
                        groups.len() - 1
                    }
                };
                match groups[g].1.iter_mut().find(|(w, _)| *w == word) {
                    Some((_, bits)) => *bits |= 1 << i,
                    None => groups[g].1.push((word, 1 << i)),
                }
            }
        }
        groups.sort_by_key(|&(c, _)| c);
        Words { groups, firsts }
    }

    /// The words that start with `c`, in the order given, with their lists.
    fn starting_with(&self, c: char) -> &[(&'static str, u32)] {
        if self.firsts & first_bit(c) == 0 {
            return &[];
        }
        match self.groups.binary_search_by_key(&c, |&(first, _)| first) {
            Ok(i) => &self.groups[i].1,
            Err(_) => &[],
        }
    }

    /// The first word, in the order given, that `s` starts with.
    pub(crate) fn prefix_of(&self, s: &str) -> Option<&'static str> {
        let first = s.chars().next()?;
        self.starting_with(first)
            .iter()
            .map(|&(w, _)| w)
            .find(|w| s.starts_with(w))
    }

    /// Whether any of the words occurs in `s`.
    pub(crate) fn found_in(&self, s: &str) -> bool {
        s.char_indices().any(|(i, c)| {
            self.starting_with(c)
                .iter()
                .any(|(w, _)| s[i..].starts_with(w))
        })
    }

    /// The lists that have a word occurring in `s`: bit `i` for list `i`.
    pub(crate) fn lists_in(&self, s: &str) -> u32 {
        let mut found = 0;
        for (i, c) in s.char_indices() {
            for &(w, lists) in self.starting_with(c) {
                if found & lists != lists && s[i..].starts_with(w) {
                    found |= lists;
                }
            }
        }
        found
    }
}

/// A bit for `c` in a 128-bit mask of first chars: `c % 128`. A mask of the
/// first chars of some words rules out most chars of a text at one test.
pub(crate) fn first_bit(c: char) -> u128 {
    1 << (c as u32 % 128)
}

/// Every four-digit year written as `YYYY年` in `s` (within 1949–2100), with its
/// byte offset.
pub(crate) fn years(s: &str) -> impl Iterator<Item = (usize, i32)> + '_ {
    s.match_indices('年').filter_map(move |(i, _)| {
        let head = s.get(i.checked_sub(4)?..i)?;
        if !head.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // A fifth digit before means this is not a year ("12023年").
        if i >= 5 && s.as_bytes()[i - 5].is_ascii_digit() {
            return None;
        }
        let year: i32 = head.parse().ok()?;
        (1949..=2100).contains(&year).then_some((i - 4, year))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_chinese_numbers() {
        for (input, expected) in [
            ("一、", Some((1, 3))),
            ("九是", Some((9, 3))),
            ("十、", Some((10, 3))),
            ("十二)", Some((12, 6))),
            ("二十", Some((20, 6))),
            ("二十三日", Some((23, 9))),
            ("三十一", Some((31, 9))),
            ("〇", None),
            ("是", None),
            ("", None),
        ] {
            assert_eq!(small_cn_number(input), expected, "{input}");
        }
        let longest = small_cn_number("九十九十九").map(|(_, n)| "九十九十九"[..n].chars().count());
        assert_eq!(longest, Some(SMALL_CN_NUMBER_CHARS));
    }

    #[test]
    fn sentences_end_after_their_punctuation() {
        let s = "甲乙。丙丁!戊";
        let got: Vec<&str> = sentences(s, 0..s.len())
            .into_iter()
            .map(|r| &s[r])
            .collect();
        assert_eq!(got, ["甲乙。", "丙丁!", "戊"]);
    }

    #[test]
    fn words_are_found_as_contains_any_finds_them() {
        let list = [
            "版权所有",
            "ICP备",
            "联系我们",
            "上一篇",
            "上级",
            "主办单位:",
        ];
        let words = Words::new(&list);
        for s in [
            "",
            "鲁ICP备05号",
            "上一",
            "首页 上一篇",
            "主办单位",
            "在上级指导下",
        ] {
            assert_eq!(words.found_in(s), contains_any(s, &list), "{s}");
        }
        assert_eq!(words.prefix_of("上级部门"), Some("上级"));
        assert_eq!(words.prefix_of("一上级"), None);
        let lists = Words::lists(&[&["上级", "下级"], &["上级", "同级"], &["平级"]]);
        assert_eq!(lists.lists_in("对上级和同级"), 0b011);
        assert_eq!(lists.lists_in("平级"), 0b100);
    }

    #[test]
    fn years_are_four_digits_before_nian() {
        let got: Vec<i32> = years("2023年,共12023年;1900年;2024年度")
            .map(|(_, y)| y)
            .collect();
        assert_eq!(got, [2023, 2024]);
    }
}
