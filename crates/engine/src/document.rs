//! The text under analysis, in two aligned forms.
//!
//! A `Document` keeps the text the user reads (`display`) and a normalised copy
//! (`text`) that every matcher works on: full-width ASCII folded to half-width,
//! ideographic and no-break spaces to plain spaces, traditional characters to
//! simplified. The normalisation is strictly character-for-character, so the
//! n-th character of `text` is the n-th character of `display`; that is what
//! lets a span found in `text` point into `display` without a mapping table.
//! Matchers work in byte offsets of `text`; `char_offset` turns them into the
//! character offsets of the output contract.

use std::ops::Range;
use std::sync::OnceLock;

use ferrous_opencc::{config::BuiltinConfig, OpenCC};

pub struct Document<'a> {
    display: &'a str,
    text: String,
    /// Byte offset in `text` of each character, plus `text.len()` at the end.
    char_starts: Vec<u32>,
    /// Byte offset in `display` of each character, plus `display.len()` at
    /// the end; `None` when normalising changed nothing, so `char_starts` serves.
    display_starts: Option<Vec<u32>>,
}

/// A line of `text`, as a byte range without its line break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl<'a> Document<'a> {
    pub fn new(display: &'a str) -> Document<'a> {
        Document::normalised(display, Look::of(display))
    }

    /// Like `new`, but converts traditional characters however few there
    /// are: a search query of a word or two is too short for the count of
    /// traditional characters that tells a traditional report.
    pub fn converting_any_traditional(display: &'a str) -> Document<'a> {
        let look = Look {
            traditional: true,
            ..Look::of(display)
        };
        Document::normalised(display, look)
    }

    fn normalised(display: &'a str, look: Look) -> Document<'a> {
        let folded: String = if look.wide_forms {
            display.chars().map(fold_width).collect()
        } else {
            display.to_owned()
        };
        let simplified = if look.traditional {
            to_simplified(folded)
        } else {
            folded
        };
        let text = mend_conversion_damage(simplified);
        let display_starts = (text != display).then(|| char_starts(display));
        Document {
            display,
            char_starts: char_starts(&text),
            display_starts,
            text,
        }
    }

    /// The normalised text all matching runs on.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The character offset of a byte offset of `text` (a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        match self.char_starts.binary_search(&(byte as u32)) {
            Ok(i) | Err(i) => i,
        }
    }

    /// The byte offset in `text` of a character offset.
    pub fn byte_offset(&self, char: usize) -> usize {
        let i = char.min(self.char_starts.len() - 1);
        self.char_starts[i] as usize
    }

    /// The displayed text of a byte range of `text`.
    pub fn display_slice(&self, bytes: Range<usize>) -> &'a str {
        &self.display[self.display_offset(bytes.start)..self.display_offset(bytes.end)]
    }

    /// The byte offset in the displayed text of a byte offset of `text`.
    pub fn display_offset(&self, byte: usize) -> usize {
        let starts = self.display_starts.as_ref().unwrap_or(&self.char_starts);
        starts[self.char_offset(byte)] as usize
    }

    /// The lines of `text`, without their line breaks.
    pub fn lines(&self) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, b) in self.text.bytes().enumerate() {
            if b == b'\n' {
                lines.push(Line {
                    start,
                    end: trim_cr(&self.text, start, i),
                });
                start = i + 1;
            }
        }
        if start < self.text.len() {
            lines.push(Line {
                start,
                end: self.text.len(),
            });
        }
        lines
    }
}

fn trim_cr(text: &str, start: usize, end: usize) -> usize {
    if end > start && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

fn char_starts(s: &str) -> Vec<u32> {
    // Sized for the worst case (one byte per char): regrowing costs more than the slack.
    let mut starts = Vec::with_capacity(s.len() + 1);
    starts.extend(s.char_indices().map(|(i, _)| i as u32));
    starts.push(s.len() as u32);
    starts
}

/// What normalising a text will have to do, found in one pass: most
/// published text has no wide forms and no traditional characters, and then
/// the copy is all there is to it.
struct Look {
    wide_forms: bool,
    traditional: bool,
}

impl Look {
    fn of(text: &str) -> Look {
        let (mut wide_forms, mut markers) = (false, 0);
        for c in text.chars() {
            wide_forms |= fold_width(c) != c;
            markers += usize::from(is_traditional_marker(c));
        }
        Look {
            wide_forms,
            traditional: markers >= 3,
        }
    }
}

/// Folds full-width ASCII forms and wide spaces to their plain forms.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        _ => c,
    }
}

/// Converts traditional characters to simplified, one character for one.
///
/// OpenCC converts by phrases, and a phrase can change length; that would break
/// the alignment with the displayed text. So the whole text is converted when
/// that keeps its length, else line by line, else character by character.
fn to_simplified(text: String) -> String {
    let cc = converter();
    let whole = cc.convert(&text);
    if same_length(&whole, &text) {
        return whole;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let converted = cc.convert(line);
        if same_length(&converted, line) {
            out.push_str(&converted);
        } else {
            for c in line.chars() {
                let one = cc.convert(c.encode_utf8(&mut [0; 4]));
                let mut chars = one.chars();
                match (chars.next(), chars.next()) {
                    (Some(s), None) => out.push(s),
                    _ => out.push(c),
                }
            }
        }
    }
    out
}

/// Stands in for characters that carry no text (conversion debris); matchers skip it.
pub const IGNORED: char = '\u{200B}';

/// Repairs what careless conversion leaves in published pages, one character
/// for one: pinyin glosses glued to a character (`結(jié)案`) are blanked to
/// `IGNORED`; `覆议`, a wrong traditional form of 复议, is mended; a middle dot
/// used as a decimal point becomes a point, and a space torn into the
/// fraction (`99·5 9%`) is blanked.
fn mend_conversion_damage(text: String) -> String {
    let glossed = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'(' && w[1].is_ascii_lowercase());
    if !glossed && !text.contains('·') && !text.contains("覆议") {
        return text;
    }
    let mut chars: Vec<char> = text.chars().collect();
    let mut i = 1;
    while i < chars.len() {
        if chars[i] == '(' && is_han(chars[i - 1]) {
            if let Some(len) = pinyin_gloss_len(&chars[i..]) {
                chars[i..i + len].fill(IGNORED);
                i += len;
                continue;
            }
        }
        if chars[i - 1] == '覆' && chars[i] == '议' {
            chars[i - 1] = '复';
        }
        if chars[i] == '·'
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        {
            chars[i] = '.';
            mend_torn_fraction(&mut chars[i + 1..]);
        }
        i += 1;
    }
    chars.into_iter().collect()
}

/// Blanks one space inside the digits of a fraction: "5 9%" after the point.
fn mend_torn_fraction(fraction: &mut [char]) {
    let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
    if fraction.get(digits) == Some(&' ')
        && fraction.get(digits + 1).is_some_and(char::is_ascii_digit)
    {
        fraction[digits] = IGNORED;
    }
}

/// The length of `(pinyin)` at the start of `chars`, parentheses included.
fn pinyin_gloss_len(chars: &[char]) -> Option<usize> {
    let close = chars.iter().take(9).position(|&c| c == ')')?;
    let inner = &chars[1..close];
    let is_pinyin = |c: &char| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(*c);
    (!inner.is_empty() && inner.iter().all(is_pinyin) && inner.iter().any(|c| !c.is_ascii()))
        .then_some(close + 1)
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn same_length(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
}

fn converter() -> &'static OpenCC {
    static CONVERTER: OnceLock<OpenCC> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        OpenCC::from_config(BuiltinConfig::T2s).expect("the built-in t2s dictionary loads")
    })
}

/// Whether `c` is a frequent character that only traditional text uses.
///
/// Conversion is the slowest step of reading, and nearly every report is in
/// simplified characters, so it runs only when a few of these show up.
fn is_traditional_marker(c: char) -> bool {
    const MARKERS: &str = "們個為這國會說對時發與機關進經過實現縣區報應開務處複議訴調權規範書員條類項數據級幹責層黨執該將從於設達認證體劃導場參戰衛歲復審辦結總聯網門東車長區鄉鎮辦產業務當營";
    const FIRST: u32 = 0x4E00;
    const LAST: u32 = 0x9FFF;
    // One bit per CJK unified ideograph: a lookup per character, no search.
    static BITMAP: OnceLock<Vec<u64>> = OnceLock::new();
    let c = c as u32;
    if !(FIRST..=LAST).contains(&c) {
        return false;
    }
    let bitmap = BITMAP.get_or_init(|| {
        let mut bits = vec![0u64; ((LAST - FIRST) / 64 + 1) as usize];
        for c in MARKERS.chars().map(|c| c as u32 - FIRST) {
            bits[(c / 64) as usize] |= 1 << (c % 64);
        }
        bits
    });
    bitmap[((c - FIRST) / 64) as usize] & (1 << ((c - FIRST) % 64)) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(display: &str, expected_text: &str) {
        let doc = Document::new(display);
        assert_eq!(doc.text(), expected_text);
        assert_eq!(doc.text().chars().count(), display.chars().count());
    }

    #[test]
    fn folds_full_width_forms() {
        check("２０２３年，共１２件（含３件）", "2023年,共12件(含3件)");
        check("一、\u{3000}总体情况", "一、 总体情况");
    }

    #[test]
    fn converts_traditional_to_simplified() {
        check(
            "受理行政復議案件145件，審結137件。縣政府辦理",
            "受理行政复议案件145件,审结137件。县政府办理",
        );
    }

    #[test]
    fn mends_conversion_damage() {
        check(
            "縣政府通過調解、和解方式結(jié)案16.79萬件",
            "县政府通过调解、和解方式结\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}案16.79万件",
        );
        check("行政覆議申請,縣政府辦理", "行政复议申请,县政府办理");
        check("公职律师(含法律顾问)", "公职律师(含法律顾问)");
        check("服务(wifi)", "服务(wifi)");
        check("调解成功率 99·5 9% ,", "调解成功率 99.5\u{200B}9% ,");
        check("共 12 件", "共 12 件");
    }

    #[test]
    fn converting_any_traditional_converts_a_single_word() {
        assert_eq!(
            Document::new("行政復議").text(),
            "行政復議",
            "too few to tell"
        );
        assert_eq!(
            Document::converting_any_traditional("行政復議").text(),
            "行政复议"
        );
    }

    #[test]
    fn leaves_simplified_text_alone() {
        check("受理行政复议案件145件", "受理行政复议案件145件");
    }

    #[test]
    fn spans_point_into_the_displayed_text() {
        let doc = Document::new("審結１３７件，其中駁回５３件");
        let start = doc.text().find("137").unwrap();
        assert_eq!(doc.display_slice(start..start + 3), "１３７");
        assert_eq!(doc.display_offset(start), "審結".len());
        assert_eq!(doc.char_offset(start), 2);
        assert_eq!(doc.byte_offset(2), start);
    }

    /// Regression: normalising changed character widths but kept the total
    /// length, and spans were then cut at the wrong bytes of the display text.
    #[test]
    fn display_slice_when_normalising_keeps_the_byte_length() {
        let display = "结(jié)案1·5万件ＡＢＣＤ";
        let doc = Document::new(display);
        assert_eq!(
            doc.text().len(),
            display.len(),
            "the case this test is about"
        );
        let chars: Vec<char> = display.chars().collect();
        for start in 0..=chars.len() {
            for end in start..=chars.len() {
                let bytes = doc.byte_offset(start)..doc.byte_offset(end);
                let expected: String = chars[start..end].iter().collect();
                assert_eq!(doc.display_slice(bytes), expected);
            }
        }
    }

    #[test]
    fn lines_drop_line_breaks() {
        let doc = Document::new("一、甲\r\n二、乙\n");
        let lines: Vec<&str> = doc.lines().iter().map(|l| &doc.text()[l.range()]).collect();
        assert_eq!(lines, ["一、甲", "二、乙"]);
    }
}
