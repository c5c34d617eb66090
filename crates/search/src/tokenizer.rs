//! How text becomes index terms: jieba words for the title and the text,
//! single characters for the jurisdiction.
//!
//! Both first fold the text with the engine's `Document` (full-width forms
//! to half-width, traditional characters to simplified, conversion debris
//! mended; see `SHORT_TEXT` for when traditional text is told), and the same
//! folding applies to queries. It keeps every character in its place, so token offsets are
//! byte offsets into the original text; ASCII is lower-cased. A token with no
//! letter or digit (punctuation, spaces, symbols) is dropped.
//!
//! Words come from jieba's search mode, which also emits the dictionary words
//! inside a long word (行政 and 复议 inside 行政复议), without its HMM: the
//! HMM guesses unknown words from the characters around them, so a name
//! would be cut one way in a query and another in a report, whereas without
//! it an unknown name is single characters on both sides.
//!
//! A token's position counts the kept characters before it, not the tokens:
//! how many words search mode emits inside a long word depends on the word,
//! so in token counts 复议案件 typed alone and the same characters inside
//! 行政复议案件 would be spaced differently. In characters they are not
//! (复议 at p, 案件 at p + 2), so a phrase matches wherever its characters
//! stand together. Positions never go back along the stream.
//!
//! Does not decide what a query means: `query` does.

use std::sync::LazyLock;

use fazhi_engine::Document;
use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name of the word tokenizer in the index. It is part of the schema:
/// changing how text is cut must change the name, so that an index built
/// the old way is refused and rebuilt rather than silently missing words.
pub(crate) const WORDS: &str = "jieba.v1";
/// The name of the character tokenizer (see `WORDS` on changing it).
pub(crate) const CHARS: &str = "chars.v1";

/// The dictionary takes a tenth of a second to load: once per process.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Below this many bytes a text is converted from traditional characters
/// however few it has: a query, a title or a place name is too short for
/// the engine's count of traditional characters, and converting it costs
/// little. A longer text is converted when it reads as traditional, since
/// converting costs as much as cutting it into words.
const SHORT_TEXT: usize = 1000;

/// A text folded for matching, with the way back to the original's offsets.
pub(crate) struct Folded<'a> {
    document: Document<'a>,
    /// The document's normalised text, ASCII lower-cased (same bytes, same offsets).
    text: String,
}

impl<'a> Folded<'a> {
    pub(crate) fn new(original: &'a str) -> Folded<'a> {
        let document = if original.len() < SHORT_TEXT {
            Document::converting_any_traditional(original)
        } else {
            Document::new(original)
        };
        let text = document.text().to_ascii_lowercase();
        Folded { document, text }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The byte offset in the original text of a byte offset of `text`.
    pub(crate) fn original_offset(&self, byte: usize) -> usize {
        self.document.display_offset(byte)
    }

    /// The original text of a byte range of `text`.
    pub(crate) fn original_slice(&self, start: usize, end: usize) -> &'a str {
        self.document.display_slice(start..end)
    }

    /// The character offset of a byte offset of `text`, the same in the original.
    pub(crate) fn char_offset(&self, byte: usize) -> usize {
        self.document.char_offset(byte)
    }
}

/// The words of a text, in search mode, with character positions.
pub(crate) fn words(text: &str) -> Vec<Token> {
    let folded = Folded::new(text);
    let mut dropped_chars = 0;
    let mut tokens = Vec::new();
    for word in JIEBA.cut_for_search(folded.text(), false) {
        if !is_searchable(word.word) {
            // Only whole words of the cut are dropped, never a word inside
            // another, so every later token comes after these characters.
            dropped_chars += word.end - word.start;
            continue;
        }
        tokens.push(Token {
            offset_from: folded.original_offset(word.byte_start),
            offset_to: folded.original_offset(word.byte_end),
            position: word.start - dropped_chars,
            position_length: word.end - word.start,
            text: word.word.to_owned(),
        });
    }
    // Search mode emits the words inside a word before the word itself.
    tokens.sort_by_key(|token| (token.position, token.offset_to));
    tokens
}

/// The characters of a text that are letters or digits, one token each.
pub(crate) fn chars(text: &str) -> Vec<Token> {
    let folded = Folded::new(text);
    folded
        .text()
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .enumerate()
        .map(|(position, (byte, c))| Token {
            offset_from: folded.original_offset(byte),
            offset_to: folded.original_offset(byte + c.len_utf8()),
            position,
            position_length: 1,
            text: c.to_string(),
        })
        .collect()
}

/// Whether a token can be searched for: it has a letter or a digit.
fn is_searchable(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// `words` for tantivy: reports' titles and texts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordTokenizer;

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = Tokens;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens::new(words(text))
    }
}

/// `chars` for tantivy: reports' jurisdictions.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CharTokenizer;

impl Tokenizer for CharTokenizer {
    type TokenStream<'a> = Tokens;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens::new(chars(text))
    }
}

/// Tokens made in advance, handed out one by one.
pub(crate) struct Tokens {
    /// The tokens still to come, last first.
    rest: Vec<Token>,
    current: Token,
}

impl Tokens {
    fn new(mut tokens: Vec<Token>) -> Tokens {
        tokens.reverse();
        Tokens {
            rest: tokens,
            current: Token::default(),
        }
    }
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        match self.rest.pop() {
            Some(token) => {
                self.current = token;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    fn check_words(text: &str, expected: &[&str]) {
        assert_eq!(texts(&words(text)), expected, "{text}");
    }

    #[test]
    fn search_mode_emits_the_words_inside_a_word() {
        check_words(
            "受理行政复议案件145件",
            &["受理", "行政", "行政复议", "复议", "案件", "145", "件"],
        );
    }

    #[test]
    fn punctuation_and_spaces_are_dropped() {
        check_words("复议，案件。 (诉讼)", &["复议", "案件", "诉讼"]);
        check_words("“”、;:!?—…《》 \n\t", &[]);
    }

    #[test]
    fn ascii_is_lower_cased_and_full_width_folded() {
        check_words("ＷｉＦｉ与APP", &["wifi", "与", "app"]);
    }

    #[test]
    fn traditional_text_gives_the_simplified_tokens() {
        let pairs = [
            (
                "受理行政復議案件145件,審結137件",
                "受理行政复议案件145件,审结137件",
            ),
            ("縣政府辦理行政覆議申請", "县政府办理行政复议申请"),
            ("株洲市蘆淞區人民政府", "株洲市芦淞区人民政府"),
        ];
        for (traditional, simplified) in pairs {
            assert_eq!(
                texts(&words(traditional)),
                texts(&words(simplified)),
                "{traditional}"
            );
        }
    }

    #[test]
    fn a_short_text_is_converted_however_few_its_traditional_characters() {
        assert_eq!(texts(&words("復議")), ["复议"]);
        let long = format!("{}復議", "法治政府建设".repeat(100));
        assert!(
            words(&long).iter().all(|t| t.text != "复议"),
            "reads as simplified"
        );
    }

    #[test]
    fn positions_count_kept_characters() {
        let tokens = words("行政复议, 案件");
        let at: Vec<(&str, usize)> = tokens
            .iter()
            .map(|t| (t.text.as_str(), t.position))
            .collect();
        assert_eq!(at, [("行政", 0), ("行政复议", 0), ("复议", 2), ("案件", 4)]);
    }

    #[test]
    fn conversion_debris_takes_no_position() {
        let tokens = words("結(jié)案");
        let at: Vec<(&str, usize)> = tokens
            .iter()
            .map(|t| (t.text.as_str(), t.position))
            .collect();
        assert_eq!(at, [("结", 0), ("案", 1)]);
    }

    #[test]
    fn chars_are_one_token_each() {
        let tokens = chars("株洲市 芦淞區");
        assert_eq!(texts(&tokens), ["株", "洲", "市", "芦", "淞", "区"]);
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4, 5]);
    }

    /// Over the real reports: offsets slice back to the token's text (once
    /// folded), and for every term positions never go back, as tantivy's
    /// postings need.
    #[test]
    fn corpus_tokens_point_into_the_text_in_order() {
        for text in crate::tests::corpus() {
            let tokens = words(&text);
            assert!(tokens.len() > 1000);
            let mut last = 0;
            for token in &tokens {
                let original = &text[token.offset_from..token.offset_to];
                let folded = Folded::new(original);
                assert_eq!(folded.text(), token.text, "{original}");
                assert_eq!(original.chars().count(), token.position_length);
                assert!(token.position >= last, "{} goes back", token.text);
                last = token.position;
            }
        }
    }
}
