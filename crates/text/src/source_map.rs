//! Where each character of the clean text came from.
//!
//! Owns [`SourceMap`]: char offsets in [`Source::text`](crate::Source) →
//! byte offsets in the decoded source (the file's text after decoding and
//! without a BOM for plain text and HTML; `word/document.xml` for DOCX). It
//! does not know how the text was made: the readers record one origin per
//! written char through [`TextBuilder`](crate::builder::TextBuilder), and this
//! module only compresses those origins and answers look-ups.

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

    /// Compresses one origin per char of `text` into runs.
    pub(crate) fn from_origins(text: &str, origins: &[Option<usize>]) -> Self {
        let mut segments: Vec<Segment> = Vec::new();
        let mut text_chars = 0;
        for (index, (c, &origin)) in text.chars().zip(origins).enumerate() {
            text_chars = index + 1;
            let width = c.len_utf8();
            if let Some(last) = segments.last() {
                let run_length = index - last.text_char;
                let continues = match (last.source_byte, origin) {
                    (None, None) => true,
                    (Some(start), Some(byte)) => {
                        last.char_width == width && start + run_length * width == byte
                    }
                    _ => false,
                };
                if continues {
                    continue;
                }
            }
            segments.push(Segment {
                text_char: index,
                source_byte: origin,
                char_width: width,
            });
        }
        SourceMap {
            segments,
            text_chars,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_runs_map_exactly() {
        // "法治" from bytes 10.., a synthetic line break, "ab" from byte 40.
        let text = "法治\nab";
        let origins = [Some(10), Some(13), None, Some(40), Some(41)];
        let map = SourceMap::from_origins(text, &origins);
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
        let map = SourceMap::from_origins("a&b", &[Some(0), Some(1), Some(6)]);
        assert_eq!(map.source_offset(2), Some(6));
    }

    #[test]
    fn empty_text_maps_nothing() {
        let map = SourceMap::from_origins("", &[]);
        assert_eq!(map.source_offset(0), None);
    }
}
