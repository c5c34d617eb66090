//! Where each character of the clean text came from.
//!
//! Owns [`SourceMap`]: char offsets in [`Source::text`](crate::Source) →
//! byte offsets in the decoded source (the file's text after decoding and
//! without a BOM for plain text and HTML; `word/document.xml` for DOCX). It
//! does not know how the text was made: the readers record one origin per
//! written char through [`TextBuilder`](crate::builder::TextBuilder), and this
//! module only compresses those origins into runs as they come, and answers
//! look-ups.

/// Maps char offsets in the clean text to byte offsets in the decoded source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// Sorted by `text_char`; the first one starts at char 0.
    segments: Vec<Segment>,
    text_chars: usize,
}

/// A run of text chars copied verbatim from consecutive source chars of one
/// UTF-8 width, so any offset inside it is plain arithmetic. Text that came
/// from nowhere (line breaks, PDF text) forms runs with no source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    text_char: usize,
    source_byte: Option<usize>,
    char_width: usize,
}

impl SourceMap {
    /// Byte offset in the decoded source of the char at `text_char` in the
    /// clean text: exact for plain text and HTML text nodes that were found in
    /// the source, the start of the run for DOCX, `None` for PDF, for line
    /// breaks the reader inserted, and past the end of the text.
    pub fn source_offset(&self, text_char: usize) -> Option<usize> {
        if text_char >= self.text_chars {
            return None;
        }
        let index = self
            .segments
            .partition_point(|segment| segment.text_char <= text_char)
            .checked_sub(1)?;
        let segment = self.segments.get(index)?;
        let source_byte = segment.source_byte?;
        Some(source_byte + (text_char - segment.text_char) * segment.char_width)
    }

    /// The number of chars of the text mapped so far.
    pub(crate) fn len(&self) -> usize {
        self.text_chars
    }

    /// Maps the next char of the text, `width` bytes long in UTF-8, to `origin`.
    pub(crate) fn push(&mut self, origin: Option<usize>, width: usize) {
        self.push_run(origin, width, 1);
    }

    /// Maps the next chars of the text, copied verbatim from the source from
    /// byte `origin`: one run per stretch of chars of one UTF-8 width.
    pub(crate) fn push_verbatim(&mut self, text: &str, origin: usize) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&lead) = bytes.get(at) {
            let (start, width) = (at, utf8_width(lead));
            let mut count = 0;
            while bytes.get(at).is_some_and(|&b| utf8_width(b) == width) {
                at += width;
                count += 1;
            }
            self.push_run(Some(origin + start), width, count);
        }
    }

    /// Maps `count` more chars: the first, `width` bytes wide, to `origin`,
    /// each next one to the source char after it (or, without an origin, to
    /// nowhere). Extends the last run when they continue it.
    fn push_run(&mut self, origin: Option<usize>, width: usize, count: usize) {
        if count == 0 {
            return;
        }
        let continues = self
            .segments
            .last()
            .is_some_and(|last| match (last.source_byte, origin) {
                (None, None) => true,
                (Some(start), Some(byte)) => {
                    let run_length = self.text_chars - last.text_char;
                    last.char_width == width && start + run_length * width == byte
                }
                _ => false,
            });
        if !continues {
            self.segments.push(Segment {
                text_char: self.text_chars,
                source_byte: origin,
                char_width: width,
            });
        }
        self.text_chars += count;
    }

    /// Forgets the chars from `chars` on, as if they had never been mapped.
    pub(crate) fn truncate(&mut self, chars: usize) {
        if chars >= self.text_chars {
            return;
        }
        let kept = self
            .segments
            .partition_point(|segment| segment.text_char < chars);
        self.segments.truncate(kept);
        self.text_chars = chars;
    }

    /// Removes the chars from `chars` on and returns their origins, one per char.
    pub(crate) fn split_off(&mut self, chars: usize) -> Vec<Option<usize>> {
        let mut origins = Vec::with_capacity(self.text_chars.saturating_sub(chars));
        let first = self
            .segments
            .partition_point(|segment| segment.text_char <= chars)
            .saturating_sub(1);
        for (i, segment) in self.segments.iter().enumerate().skip(first) {
            let end = self
                .segments
                .get(i + 1)
                .map_or(self.text_chars, |next| next.text_char);
            for char in segment.text_char.max(chars)..end {
                let offset = (char - segment.text_char) * segment.char_width;
                origins.push(segment.source_byte.map(|byte| byte + offset));
            }
        }
        self.truncate(chars);
        origins
    }
}

/// The byte length of the UTF-8 sequence that `lead` starts.
fn utf8_width(lead: u8) -> usize {
    // The count of leading one bits, branch-free: 0 for ASCII, else the width.
    lead.leading_ones().max(1) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The map of `text` with one origin per char, pushed one by one.
    fn from_origins(text: &str, origins: &[Option<usize>]) -> SourceMap {
        let mut map = SourceMap::default();
        for (c, &origin) in text.chars().zip(origins) {
            map.push(origin, c.len_utf8());
        }
        map
    }

    #[test]
    fn verbatim_runs_map_exactly() {
        // "法治" from bytes 10.., a synthetic line break, "ab" from byte 40.
        let text = "法治\nab";
        let origins = [Some(10), Some(13), None, Some(40), Some(41)];
        let map = from_origins(text, &origins);
        assert_eq!(map.segments.len(), 3);
        let offsets: Vec<_> = (0..6).map(|i| map.source_offset(i)).collect();
        assert_eq!(
            offsets,
            [Some(10), Some(13), None, Some(40), Some(41), None]
        );
    }

    #[test]
    fn a_jump_in_the_source_starts_a_new_run() {
        // An entity: "a&amp;b" → "a&b".
        let map = from_origins("a&b", &[Some(0), Some(1), Some(6)]);
        assert_eq!(map.source_offset(2), Some(6));
    }

    #[test]
    fn empty_text_maps_nothing() {
        let map = from_origins("", &[]);
        assert_eq!(map.source_offset(0), None);
    }

    #[test]
    fn verbatim_text_maps_like_its_chars_one_by_one() {
        let text = "2023年,全市12件。ä😀x";
        let mut map = from_origins("\n", &[None]);
        map.push_verbatim(text, 7);
        let origins: Vec<_> = [None]
            .into_iter()
            .chain(text.char_indices().map(|(i, _)| Some(7 + i)))
            .collect();
        assert_eq!(map, from_origins(&format!("\n{text}"), &origins));
    }

    #[test]
    fn widths_are_read_from_lead_bytes() {
        for c in [
            'a',
            '\u{7F}',
            'ä',
            '\u{7FF}',
            '法',
            '\u{FFFF}',
            '😀',
            char::MAX,
        ] {
            assert_eq!(
                utf8_width(c.to_string().as_bytes()[0]),
                c.len_utf8(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn split_off_returns_the_origins_and_forgets_them() {
        let text = "法治\nab法";
        let origins = [Some(10), Some(13), None, Some(40), Some(41), Some(42)];
        let mut map = from_origins(text, &origins);
        assert_eq!(map.split_off(1), origins[1..]);
        assert_eq!(map, from_origins("法", &origins[..1]));
    }
}
