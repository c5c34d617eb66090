//! Writing clean text.
//!
//! Owns the rules every format shares: whitespace runs collapse to one space
//! (or one tab where the document put a column break), lines carry no leading
//! or trailing whitespace, invisible and control characters disappear, and
//! each written char remembers its origin for the [`SourceMap`]. It does not
//! decide where lines end; the format readers do, by calling
//! [`TextBuilder::end_line`].

use crate::source_map::SourceMap;

/// Clean text under construction, with the source map of its chars.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    text: String,
    map: SourceMap,
    gap: Option<Gap>,
}

/// Whitespace seen since the last written char, not yet written: it is only
/// written if something visible follows on the same line.
#[derive(Debug, Clone, Copy)]
struct Gap {
    tab: bool,
    /// The whitespace crossed a line break of the source.
    line_break: bool,
    origin: Option<usize>,
}

/// A position to come back to with [`TextBuilder::retain_lines_since`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    byte: usize,
    chars: usize,
}

impl Mark {
    /// Byte offset in the text of the line that starts at this mark.
    pub(crate) fn byte(self) -> usize {
        self.byte
    }
}

impl TextBuilder {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// A builder for text of about `bytes` bytes: spares the regrowth of its
    /// buffer, which is much of the cost of copying a plain text through.
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        TextBuilder {
            text: String::with_capacity(bytes),
            ..TextBuilder::default()
        }
    }

    /// Appends one char of document text that came from `origin`.
    pub(crate) fn push(&mut self, c: char, origin: Option<usize>) {
        if c.is_whitespace() {
            let gap = self.gap.get_or_insert(Gap {
                tab: false,
                line_break: false,
                origin,
            });
            gap.line_break |= matches!(c, '\n' | '\r');
            return;
        }
        if is_invisible(c) {
            return;
        }
        self.write_gap_before(c);
        self.write(c, origin);
    }

    /// Appends text whose chars sit verbatim in the source from byte `origin`.
    pub(crate) fn push_verbatim(&mut self, text: &str, origin: usize) {
        // Same as pushing char by char, but the stretches between whitespace
        // and invisible chars, most of any text, are copied whole.
        let mut at = 0;
        while at < text.len() {
            let clean = at + clean_len(&text[at..]);
            self.push_clean(&text[at..clean], origin + at);
            at = clean;
            if let Some(c) = text[at..].chars().next() {
                self.push(c, Some(origin + at));
                at += c.len_utf8();
            }
        }
    }

    /// Appends chars that `push` would write as they are (see [`clean_len`]),
    /// copied verbatim from the source from byte `origin`.
    fn push_clean(&mut self, text: &str, origin: usize) {
        let Some(first) = text.chars().next() else {
            return;
        };
        debug_assert_eq!(clean_len(text), text.len());
        self.write_gap_before(first);
        self.text.push_str(text);
        self.map.push_verbatim(text, origin);
    }

    /// Appends text that has no place in any source string.
    pub(crate) fn push_unmapped(&mut self, text: &str) {
        for c in text.chars() {
            self.push(c, None);
        }
    }

    /// A column break (table cell, DOCX tab): a tab if text follows on this line.
    pub(crate) fn tab(&mut self) {
        if self.at_line_start() {
            return;
        }
        let gap = self.gap.get_or_insert(Gap {
            tab: true,
            line_break: false,
            origin: None,
        });
        gap.tab = true;
    }

    /// Ends the current line, unless it is empty: clean text has no empty
    /// lines except those [`blank_line`](Self::blank_line) asks for.
    pub(crate) fn end_line(&mut self) {
        self.gap = None;
        if !self.at_line_start() {
            self.write('\n', None);
        }
    }

    /// Ends the current line and leaves one empty line after it, never more.
    pub(crate) fn blank_line(&mut self) {
        self.end_line();
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.write('\n', None);
        }
    }

    /// Ends the current line and remembers where the next one starts.
    pub(crate) fn mark(&mut self) -> Mark {
        self.end_line();
        Mark {
            byte: self.text.len(),
            chars: self.map.len(),
        }
    }

    /// Drops the lines written since `mark`, except those `keep` accepts; it
    /// is given each line without its line break, and the line's start byte.
    pub(crate) fn retain_lines_since(&mut self, mark: Mark, keep: impl Fn(&str, usize) -> bool) {
        self.end_line();
        if mark.byte > self.text.len() || mark.chars > self.map.len() {
            return;
        }
        let lines = self.text.split_off(mark.byte);
        let origins = self.map.split_off(mark.chars);
        let mut line_start = mark.byte;
        let mut first_char = 0;
        for line in lines.split_inclusive('\n') {
            let chars = line.chars().count();
            if keep(line.trim_end_matches('\n'), line_start) {
                let line_origins = origins.get(first_char..).unwrap_or(&[]);
                for (c, &origin) in line.chars().zip(line_origins) {
                    self.write(c, origin);
                }
            }
            line_start += line.len();
            first_char += chars;
        }
    }

    /// The finished text, without trailing line breaks, and its map.
    pub(crate) fn finish(mut self) -> (String, SourceMap) {
        let trailing = self.text.len() - self.text.trim_end_matches('\n').len();
        self.text.truncate(self.text.len() - trailing);
        self.map.truncate(self.map.len() - trailing);
        (self.text, self.map)
    }

    fn at_line_start(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    fn write_gap_before(&mut self, next: char) {
        let Some(gap) = self.gap.take() else {
            return;
        };
        if self.at_line_start() {
            return;
        }
        if gap.tab {
            self.write('\t', gap.origin);
            return;
        }
        // A source line break between two CJK chars is layout, not a word
        // space (CSS Text 3 segment break rules): "法治\n政府" reads "法治政府".
        let joins_cjk =
            gap.line_break && self.text.chars().next_back().is_some_and(is_wide) && is_wide(next);
        if !joins_cjk {
            self.write(' ', gap.origin);
        }
    }

    fn write(&mut self, c: char, origin: Option<usize>) {
        self.text.push(c);
        self.map.push(origin, c.len_utf8());
    }
}

/// East Asian wide characters: CJK ideographs, kana, CJK and full-width punctuation.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// The byte length of the longest start of `s` that `push` writes as it is:
/// no whitespace, no invisible chars.
fn clean_len(s: &str) -> usize {
    // Bytes tested at once: the compiler turns the test of a whole chunk
    // into a few vector instructions.
    const CHUNK: usize = 16;
    let mut at = 0;
    for chunk in s.as_bytes().chunks(CHUNK) {
        let suspect = chunk
            .iter()
            .fold(false, |found, &byte| found | may_be_blank(byte));
        if suspect {
            // A byte that may open a blank char is never inside another char.
            for (i, &byte) in chunk.iter().enumerate() {
                if may_be_blank(byte) && s[at + i..].chars().next().is_some_and(is_blank) {
                    return at + i;
                }
            }
        }
        at += chunk.len();
    }
    s.len()
}

/// Whether a char that starts with the byte `lead` may be whitespace or
/// invisible: ASCII spaces and controls; C1 controls, U+00A0 and U+00AD
/// (0xC2), U+1680 (0xE1), the spaces, marks and separators of
/// U+2000–U+2060 (0xE2), U+3000 (0xE3), U+FEFF (0xEF).
fn may_be_blank(lead: u8) -> bool {
    // Comparisons joined by `|`, not a `match`: they vectorise.
    (lead <= b' ')
        | (lead == 0x7F)
        | (lead == 0xC2)
        | (lead == 0xE1)
        | (lead == 0xE2)
        | (lead == 0xE3)
        | (lead == 0xEF)
}

/// Whether `push` writes `c` other than as it is.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Chars that take no room on the page: controls, zero-width marks, soft hyphens.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(steps: impl FnOnce(&mut TextBuilder)) -> String {
        let mut builder = TextBuilder::new();
        steps(&mut builder);
        builder.finish().0
    }

    #[test]
    fn whitespace_collapses_and_lines_are_trimmed() {
        let text = build(|b| {
            b.push_unmapped("  a \u{3000}\u{a0} b  ");
            b.end_line();
            b.end_line();
            b.push_unmapped("\tc");
        });
        assert_eq!(text, "a b\nc");
    }

    #[test]
    fn source_line_breaks_between_cjk_vanish() {
        assert_eq!(
            build(|b| b.push_unmapped("法治\n  政府 建设\nplan")),
            "法治政府 建设 plan"
        );
    }

    #[test]
    fn tabs_separate_columns_but_never_start_a_line() {
        let text = build(|b| {
            b.tab();
            b.push_unmapped("a");
            b.tab();
            b.push_unmapped(" b ");
            b.tab();
        });
        assert_eq!(text, "a\tb");
    }

    #[test]
    fn at_most_one_blank_line() {
        let text = build(|b| {
            b.push_unmapped("a");
            b.blank_line();
            b.blank_line();
            b.push_unmapped("b");
        });
        assert_eq!(text, "a\n\nb");
    }

    #[test]
    fn retained_lines_keep_their_origins() {
        let mut builder = TextBuilder::new();
        builder.push_verbatim("keep", 0);
        let mark = builder.mark();
        builder.push_verbatim("drop", 10);
        builder.end_line();
        builder.push_verbatim("来源:本站", 20);
        builder.retain_lines_since(mark, |line, _| line.starts_with("来源"));
        let (text, map) = builder.finish();
        assert_eq!(text, "keep\n来源:本站");
        assert_eq!(map.source_offset(5), Some(20));
        assert_eq!(map.source_offset(6), Some(23));
    }

    #[test]
    fn only_a_few_lead_bytes_start_blank_chars() {
        let missed: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_blank(c))
            .filter(|c| !may_be_blank(c.to_string().as_bytes()[0]))
            .collect();
        assert_eq!(missed, []);
    }

    #[test]
    fn verbatim_text_reads_like_its_chars_one_by_one() {
        let text = "  法治\u{3000}政府 a\u{200B}b\u{a0}\u{85}c ÿ😀\t。 ";
        let mut whole = TextBuilder::new();
        whole.push_verbatim(text, 3);
        let mut by_char = TextBuilder::new();
        for (offset, c) in text.char_indices() {
            by_char.push(c, Some(3 + offset));
        }
        assert_eq!(whole.finish(), by_char.finish());
        assert_eq!(clean_len("法治\u{3000}"), "法治".len());
    }
}
