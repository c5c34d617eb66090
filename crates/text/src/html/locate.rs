//! Finding text nodes back in the HTML source.
//!
//! html5ever reports no source positions, so each text node is searched for
//! forward from where the previous one was found, skipping markup (tags,
//! comments, and the raw text of scripts, styles and titles) and matching
//! entities and whitespace loosely. This is best effort: text that the parser
//! moved (misnested tables, foster parenting) or changed beyond entities and
//! line endings is not found within the look-ahead window and maps to `None`.

/// How far past the previous match a text node is looked for. Bounds the
/// cost of a node that cannot be found.
const LOOKAHEAD_BYTES: usize = 64 * 1024;

/// Elements whose content is raw text, not markup, for the tokenizer.
const RAW_TEXT_ELEMENTS: [&str; 6] = ["script", "style", "title", "textarea", "xmp", "noscript"];

/// A cursor over the HTML source that only moves forward.
pub(super) struct Locator<'a> {
    source: &'a str,
    cursor: usize,
}

impl<'a> Locator<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        Locator { source, cursor: 0 }
    }

    /// The source byte of each char of `text`, a text node's content.
    pub(super) fn locate(&mut self, text: &str) -> Vec<Option<usize>> {
        let chars = text.chars().count();
        // A node's leading whitespace is collapsed away or maps nowhere useful:
        // the match starts at its first visible char.
        let Some((visible_start, _)) = text.char_indices().find(|(_, c)| !c.is_whitespace()) else {
            return vec![None; chars];
        };
        let mut origins = vec![None; text[..visible_start].chars().count()];
        let leading = origins.len();
        let window_end =
            floor_char_boundary(self.source, self.cursor.saturating_add(LOOKAHEAD_BYTES));
        let mut position = self.cursor;
        while position < window_end {
            position = self.skip_markup(position);
            origins.truncate(leading);
            if let Some(end) = self.match_at(position, &text[visible_start..], &mut origins) {
                self.cursor = end;
                return origins;
            }
            position += self.source[position..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        }
        vec![None; chars]
    }

    /// Whether `text` matches the source at `start`; if so, appends one
    /// origin per char to `origins` and returns the byte after the match.
    fn match_at(
        &self,
        start: usize,
        text: &str,
        origins: &mut Vec<Option<usize>>,
    ) -> Option<usize> {
        let source = self.source;
        let mut at = start;
        for c in text.chars() {
            let found = source.get(at..)?.chars().next()?;
            origins.push(Some(at));
            at += if found == c && c != '&' {
                found.len_utf8()
            } else if c.is_whitespace() && found.is_whitespace() {
                // The parser turns CRLF into LF.
                if source[at..].starts_with("\r\n") && c == '\n' {
                    2
                } else {
                    found.len_utf8()
                }
            } else if found == '&' {
                ampersand_length(&source[at..], c)?
            } else if c == '\u{FFFD}' {
                // The parser's stand-in for a NUL or other invalid char.
                found.len_utf8()
            } else {
                return None;
            };
        }
        Some(at)
    }

    /// Moves past tags, comments and raw-text element contents at `position`.
    fn skip_markup(&self, mut position: usize) -> usize {
        let bytes = self.source.as_bytes();
        while bytes.get(position) == Some(&b'<') {
            let rest = &bytes[position..];
            let next = rest.get(1).copied().unwrap_or(b' ');
            position = if rest.starts_with(b"<!--") {
                find(bytes, position + 4, b"-->").map_or(bytes.len(), |end| end + 3)
            } else if next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?') {
                let end = tag_end(bytes, position);
                match raw_text_element(&rest[1..]) {
                    Some(name) if next != b'/' => find_closing_tag(bytes, end, name),
                    _ => end,
                }
            } else {
                // A literal '<' in text.
                return position;
            };
        }
        position
    }
}

/// The byte after the '>' closing the tag at `start`, quotes respected.
fn tag_end(bytes: &[u8], start: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut previous = b'<';
    for (offset, &byte) in bytes[start..].iter().enumerate() {
        match quote {
            Some(open) if byte == open => quote = None,
            Some(_) => {}
            None if byte == b'>' => return start + offset + 1,
            None if matches!(byte, b'"' | b'\'') && previous == b'=' => quote = Some(byte),
            None => {}
        }
        if !byte.is_ascii_whitespace() {
            previous = byte;
        }
    }
    bytes.len()
}

/// The raw-text element a start tag opens, if any; `tag` starts after '<'.
fn raw_text_element(tag: &[u8]) -> Option<&'static str> {
    RAW_TEXT_ELEMENTS.into_iter().find(|name| {
        tag.len() > name.len()
            && tag[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && !tag[name.len()].is_ascii_alphanumeric()
    })
}

/// The position of `</name` at or after `from`, or the end of the source.
fn find_closing_tag(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(found) = find(bytes, at, b"</") {
        let after = &bytes[found + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return found;
        }
        at = found + 2;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|offset| from + offset)
}

/// How many source bytes an '&' at the start of `source` stands for, given
/// that the parser produced `c` there: a character reference, or a literal '&'.
fn ampersand_length(source: &str, c: char) -> Option<usize> {
    let reference = character_reference_length(source);
    if c != '&' {
        return reference;
    }
    let lowered = source
        .get(..reference.unwrap_or(0))
        .unwrap_or("")
        .to_ascii_lowercase();
    match lowered.as_str() {
        "&amp;" | "&amp" | "&#38;" | "&#x26;" => reference,
        _ => Some(1),
    }
}

/// Length of `&name;`, `&#123;` or `&#x1F;` (semicolon optional, as browsers allow).
fn character_reference_length(source: &str) -> Option<usize> {
    let body = source.strip_prefix('&')?;
    let name_length = body
        .bytes()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    if name_length == 0 {
        return None;
    }
    let semicolon = usize::from(body.as_bytes().get(name_length) == Some(&b';'));
    Some(1 + name_length + semicolon)
}

fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offsets(source: &str, nodes: &[&str]) -> Vec<Vec<Option<usize>>> {
        let mut locator = Locator::new(source);
        nodes.iter().map(|node| locator.locate(node)).collect()
    }

    #[test]
    fn text_is_found_after_markup_and_raw_text() {
        let source = "<title>法治</title><script>var a='法治';</script><p class=\"法治\">法治</p>";
        let found = offsets(source, &["法治"]);
        assert_eq!(found[0][0], source.rfind("法治"));
    }

    #[test]
    fn entities_and_crlf_match_loosely() {
        let source = "<p>A&amp;B&nbsp;C\r\nD &lt;E&gt;</p>";
        let found = offsets(source, &["A&B\u{a0}C\nD <E>"]);
        let expected: Vec<Option<usize>> = [3, 4, 9, 10, 16, 17, 19, 20, 21, 25, 26]
            .into_iter()
            .map(Some)
            .collect();
        assert_eq!(found[0], expected);
    }

    #[test]
    fn text_not_in_the_source_maps_to_none_and_keeps_the_cursor() {
        let source = "<p>甲</p><p>乙</p>";
        let found = offsets(source, &["丙", "乙"]);
        assert_eq!(found[0], [None]);
        assert_eq!(found[1], [source.find('乙')]);
    }
}
