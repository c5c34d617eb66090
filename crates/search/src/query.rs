//! What a search means: the words and phrases of the search box and the
//! filters beside it, made into one tantivy query.
//!
//! The language is small so that no input is an error. Text in double
//! quotes ("…" or “…”) is a phrase: it matches only where its characters
//! stand together, in that order (spaces and punctuation between them do not
//! count). Everything else is words, and a hit has all of them (AND), each in
//! its title or its text. A quote left open runs to the end of the text. There
//! are no operators: AND, OR, -, : and parentheses are words or punctuation.
//!
//! A word that jieba cuts into smaller dictionary words (行政复议 → 行政,
//! 复议, 行政复议) requires only the smallest ones, and the longer ones add
//! to the score: a report that writes the word always has its parts, but the
//! characters around it may have made jieba cut it another way. Phrases are
//! matched on the smallest words too, at their character offsets.
//!
//! Filters narrow without scoring: year and level are exact, indicator is
//! one of the report's indicator ids, and region matches when the
//! jurisdiction contains the region's characters together (株洲 and 株洲市
//! both match 株洲市芦淞区). The jurisdiction is indexed character by
//! character for that: jieba cuts place names by its dictionary, so 芦淞 is no
//! word of 芦淞区 and would never match it as a word.

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query as TantivyQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::Token;
use tantivy::Term;

use crate::index::Fields;
use crate::tokenizer::{self, Folded};

/// How many hits a page has when the caller does not say.
const DEFAULT_LIMIT: usize = 20;
/// How much more a word weighs in the title than in the text.
const TITLE_BOOST: f32 = 2.0;

/// A search: the search box, the filters, and the page of hits wanted.
/// A filter given as an empty string is no filter, as an empty form field means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Query<'a> {
    /// Words and "quoted phrases"; empty to list what the filters let through.
    pub text: &'a str,
    pub year: Option<i32>,
    /// A level as the engine names it: "county", "city"…
    pub level: Option<&'a str>,
    /// A place the jurisdiction contains: 株洲 or 株洲市 for 株洲市芦淞区.
    pub region: Option<&'a str>,
    /// An indicator id of the catalog, such as "reconsideration.accepted".
    pub indicator: Option<&'a str>,
    pub limit: usize,
    pub offset: usize,
}

impl<'a> Query<'a> {
    /// A search for `text`, without filters, first page.
    pub fn new(text: &'a str) -> Query<'a> {
        Query {
            text,
            year: None,
            level: None,
            region: None,
            indicator: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }

    /// The tantivy query: the search box's terms and the filters, all required.
    pub(crate) fn tantivy_query(&self, terms: &Terms, fields: &Fields) -> Box<dyn TantivyQuery> {
        let mut clauses = terms.clauses(fields);
        for filter in self.filters(fields) {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        }
    }

    fn filters(&self, fields: &Fields) -> Vec<Box<dyn TantivyQuery>> {
        let mut filters: Vec<Box<dyn TantivyQuery>> = Vec::new();
        if let Some(year) = self.year {
            filters.push(term(Term::from_field_i64(fields.year, year.into())));
        }
        if let Some(level) = given(self.level) {
            filters.push(term(Term::from_field_text(fields.level, level)));
        }
        if let Some(indicator) = given(self.indicator) {
            filters.push(term(Term::from_field_text(fields.indicators, indicator)));
        }
        let region = self.region.map(tokenizer::chars).unwrap_or_default();
        if let Some(region) = sequence(fields.jurisdiction, &region) {
            filters.push(region);
        }
        filters
    }
}

fn given(filter: Option<&str>) -> Option<&str> {
    filter.map(str::trim).filter(|value| !value.is_empty())
}

/// The search box, read: what a hit must contain, and what ranks it higher.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Terms {
    /// Words every hit contains.
    required: Vec<String>,
    /// Longer words made of required ones.
    optional: Vec<String>,
    phrases: Vec<Phrase>,
    marked: Vec<Marked>,
}

/// What snippets mark for one run of words or one phrase: the run as typed
/// (its letters and digits, folded) or, in a report that does not write it
/// so, its words.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Marked {
    pub(crate) whole: String,
    /// Empty for a phrase, which matches only whole.
    pub(crate) words: Vec<String>,
}

/// A phrase's smallest words, at their positions; never empty.
#[derive(Debug, PartialEq, Eq)]
struct Phrase(Vec<Token>);

impl Terms {
    pub(crate) fn parse(text: &str) -> Terms {
        let mut terms = Terms::default();
        for (quoted, part) in split_quotes(text) {
            if quoted {
                terms.add_phrase(part);
            } else {
                part.split_whitespace().for_each(|run| terms.add_words(run));
            }
        }
        terms
    }

    pub(crate) fn marked(&self) -> &[Marked] {
        &self.marked
    }

    fn add_words(&mut self, run: &str) {
        let tokens = tokenizer::words(run);
        for token in &tokens {
            let list = if is_smallest(token, &tokens) {
                &mut self.required
            } else {
                &mut self.optional
            };
            push_new(list, &token.text);
        }
        let words = tokens.into_iter().map(|token| token.text).collect();
        self.mark(run, words);
    }

    fn add_phrase(&mut self, phrase: &str) {
        let tokens = tokenizer::words(phrase);
        let smallest: Vec<Token> = tokens
            .iter()
            .filter(|token| is_smallest(token, &tokens))
            .cloned()
            .collect();
        if !smallest.is_empty() {
            self.phrases.push(Phrase(smallest));
            self.mark(phrase, Vec::new());
        }
    }

    fn mark(&mut self, typed: &str, words: Vec<String>) {
        let whole: String = Folded::new(typed)
            .text()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        if !whole.is_empty() {
            self.marked.push(Marked { whole, words });
        }
    }

    fn clauses(&self, fields: &Fields) -> Vec<(Occur, Box<dyn TantivyQuery>)> {
        let each = |occur, words: &[String]| {
            words
                .iter()
                .map(move |word| {
                    (
                        occur,
                        in_title_or_text(fields, |field| word_query(field, word)),
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut clauses = each(Occur::Must, &self.required);
        clauses.extend(each(Occur::Should, &self.optional));
        for phrase in &self.phrases {
            let query = in_title_or_text(fields, |field| {
                sequence(field, &phrase.0).expect("a phrase has a word")
            });
            clauses.push((Occur::Must, query));
        }
        clauses
    }
}

/// Text and whether it was in quotes, in order. `"`, `“` and `”` all open
/// and close, since people type whichever their keyboard gives.
fn split_quotes(text: &str) -> Vec<(bool, &str)> {
    let mut parts = Vec::new();
    let (mut quoted, mut start) = (false, 0);
    for (i, c) in text.char_indices() {
        if matches!(c, '"' | '“' | '”') {
            parts.push((quoted, &text[start..i]));
            quoted = !quoted;
            start = i + c.len_utf8();
        }
    }
    parts.push((quoted, &text[start..]));
    parts
}

/// Whether no other of the tokens lies inside this one.
fn is_smallest(outer: &Token, tokens: &[Token]) -> bool {
    let len = |token: &Token| token.offset_to - token.offset_from;
    !tokens.iter().any(|inner| {
        outer.offset_from <= inner.offset_from
            && inner.offset_to <= outer.offset_to
            && len(inner) < len(outer)
    })
}

fn push_new(list: &mut Vec<String>, text: &str) {
    if !list.iter().any(|known| known == text) {
        list.push(text.to_owned());
    }
}

/// The query on the title, boosted, or on the text.
fn in_title_or_text(
    fields: &Fields,
    query_on: impl Fn(Field) -> Box<dyn TantivyQuery>,
) -> Box<dyn TantivyQuery> {
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(query_on(fields.title), TITLE_BOOST)),
        ),
        (Occur::Should, query_on(fields.text)),
    ]))
}

fn word_query(field: Field, word: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::WithFreqs,
    ))
}

/// The tokens, at their relative positions, as a query on `field`; `None`
/// when there are none.
fn sequence(field: Field, tokens: &[Token]) -> Option<Box<dyn TantivyQuery>> {
    let first = tokens.iter().map(|t| t.position).min()?;
    let terms: Vec<(usize, Term)> = tokens
        .iter()
        .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
        .collect();
    Some(match &terms[..] {
        [(_, only)] => term(only.clone()),
        _ => Box::new(PhraseQuery::new_with_offset(terms)),
    })
}

fn term(term: Term) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_quotes_in_both_scripts() {
        assert_eq!(
            split_quotes(r#"甲 "乙 丙" 丁“戊”"#),
            [
                (false, "甲 "),
                (true, "乙 丙"),
                (false, " 丁"),
                (true, "戊"),
                (false, "")
            ]
        );
        assert_eq!(split_quotes(r#"甲 "乙"#), [(false, "甲 "), (true, "乙")]);
    }

    #[test]
    fn words_require_their_smallest_parts() {
        let terms = Terms::parse("行政复议案件 听证");
        assert_eq!(terms.required, ["行政", "复议", "案件", "听证"]);
        assert_eq!(terms.optional, ["行政复议"]);
        let words = |words: &[&str]| words.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            terms.marked,
            [
                Marked {
                    whole: "行政复议案件".into(),
                    words: words(&["行政", "行政复议", "复议", "案件"])
                },
                Marked {
                    whole: "听证".into(),
                    words: words(&["听证"])
                }
            ]
        );
        assert!(terms.phrases.is_empty());
    }

    #[test]
    fn phrases_keep_character_offsets() {
        for text in [r#""行政复议 案件""#, "“行政复议案件”", r#""行政复议案件"#]
        {
            let terms = Terms::parse(text);
            assert_eq!(terms.phrases.len(), 1, "{text}");
            let words: Vec<(usize, &str)> = terms.phrases[0]
                .0
                .iter()
                .map(|token| (token.position, token.text.as_str()))
                .collect();
            assert_eq!(words, [(0, "行政"), (2, "复议"), (4, "案件")], "{text}");
            let marked = Marked {
                whole: "行政复议案件".into(),
                words: Vec::new(),
            };
            assert_eq!(terms.marked, [marked], "{text}");
            assert!(terms.required.is_empty());
        }
    }

    #[test]
    fn nothing_searchable_is_no_terms() {
        for text in ["", "  ", r#""""#, "，。!", r#"" ""#, "-:()"] {
            assert_eq!(Terms::parse(text), Terms::default(), "{text}");
        }
    }

    #[test]
    fn operators_are_words() {
        let terms = Terms::parse("复议 AND 诉讼 -调解");
        assert_eq!(terms.required, ["复议", "and", "诉讼", "调解"]);
    }
}
