//! The passages shown under a hit: up to three places of the report where
//! the searched words stand, each about a hundred characters of one
//! paragraph, with the words marked.
//!
//! What is marked is each run of words as typed and each quoted phrase,
//! or, for a run the report does not write as typed, the run's words
//! (`query::Marked`): a search for 行政复议 shows where the report says
//! 行政复议, not every 行政 of 行政执法. They are found as substrings of the
//! folded text (the folding the index uses), not by cutting the report into
//! words again: that marks what the reader typed wherever it is written, and
//! costs a scan per word rather than a segmentation of the report per hit.
//!
//! A place is a stretch of one line where found words lie within a
//! snippet's length of each other; it scores the length of the distinct
//! words it shows, so two words together beat one alone. The best places are
//! shown in the order of the text, widened into their line without
//! overlapping each other.
//!
//! Owns `Snippet` and its HTML; does not decide which reports match.

use std::ops::Range;

use serde::Serialize;

use crate::query::Marked;
use crate::tokenizer::Folded;

const MAX_SNIPPETS: usize = 3;
/// About how many characters a snippet shows, and the most its marked
/// words may span.
const SNIPPET_CHARS: usize = 100;

/// A passage of a report with the searched words marked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage, as the report writes it.
    pub text: String,
    /// Byte ranges of `text` to mark, in order, neither overlapping nor touching.
    pub highlights: Vec<Range<usize>>,
    /// The character offset of `text` in the report's text.
    pub start: usize,
}

impl Snippet {
    /// The passage as HTML: all of it escaped, the highlights in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(self.text.len() + 16 * self.highlights.len());
        let mut done = 0;
        for mark in &self.highlights {
            escape_into(&mut html, &self.text[done..mark.start]);
            html.push_str("<mark>");
            escape_into(&mut html, &self.text[mark.clone()]);
            html.push_str("</mark>");
            done = mark.end;
        }
        escape_into(&mut html, &self.text[done..]);
        html
    }
}

fn escape_into(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
}

/// A marked word found in the folded text.
struct Found {
    bytes: Range<usize>,
    /// Its index in the sought words.
    word: usize,
}

/// Found words close together in a line: what a snippet is built around.
struct Place {
    /// Indices into the found words.
    found: Range<usize>,
    bytes: Range<usize>,
    score: usize,
}

/// The snippets of a report's text for what the query marks.
pub(crate) fn snippets(text: &str, marked: &[Marked]) -> Vec<Snippet> {
    let folded = Folded::new(text);
    let sought = sought(folded.text(), marked);
    let found = find(folded.text(), &sought);
    let mut places = places(folded.text(), &found, &sought);
    places.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.bytes.start.cmp(&b.bytes.start))
    });
    places.truncate(MAX_SNIPPETS);
    places.sort_by_key(|place| place.bytes.start);
    let mut snippets = Vec::with_capacity(places.len());
    let mut floor = 0;
    for (i, place) in places.iter().enumerate() {
        let ceiling = places
            .get(i + 1)
            .map_or(folded.text().len(), |next| next.bytes.start);
        let bytes = widen(folded.text(), place.bytes.clone(), floor..ceiling);
        floor = bytes.end;
        snippets.push(snippet(&folded, bytes, &found[place.found.clone()]));
    }
    snippets
}

/// The words to find: each marked run whole where the text has it, else its words.
fn sought<'m>(text: &str, marked: &'m [Marked]) -> Vec<&'m str> {
    let mut sought: Vec<&str> = Vec::new();
    for marked in marked {
        if text.contains(&marked.whole) {
            sought.push(&marked.whole);
        } else {
            sought.extend(marked.words.iter().map(String::as_str));
        }
    }
    sought.sort_unstable();
    sought.dedup();
    sought
}

/// Every occurrence of every sought word, in the order of the text.
fn find(text: &str, sought: &[&str]) -> Vec<Found> {
    let mut found: Vec<Found> = sought
        .iter()
        .enumerate()
        .flat_map(|(word, sought)| {
            text.match_indices(sought).map(move |(at, _)| Found {
                bytes: at..at + sought.len(),
                word,
            })
        })
        .collect();
    found.sort_by_key(|found| (found.bytes.start, found.bytes.end));
    found
}

fn places(text: &str, found: &[Found], sought: &[&str]) -> Vec<Place> {
    let mut places = Vec::new();
    let mut first = 0;
    while first < found.len() {
        let start = found[first].bytes.start;
        let mut end = found[first].bytes.end;
        let mut last = first + 1;
        while let Some(next) = found.get(last) {
            let stretch = &text[start..end.max(next.bytes.end)];
            // A word overlapping the place joins it however long that makes
            // it: places must not overlap.
            let apart = next.bytes.start >= end;
            if apart && (stretch.contains('\n') || char_count(stretch) > SNIPPET_CHARS) {
                break;
            }
            end = end.max(next.bytes.end);
            last += 1;
        }
        let mut words: Vec<usize> = found[first..last].iter().map(|f| f.word).collect();
        words.sort_unstable();
        words.dedup();
        places.push(Place {
            found: first..last,
            bytes: start..end,
            score: words.iter().map(|&w| char_count(sought[w])).sum(),
        });
        first = last;
    }
    places
}

/// Widens `core` to about `SNIPPET_CHARS` characters of its line, within
/// `bounds` (which hold `core`), as much before it as after where the line allows.
fn widen(text: &str, core: Range<usize>, bounds: Range<usize>) -> Range<usize> {
    let line_start = text[..core.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[core.end..]
        .find('\n')
        .map_or(text.len(), |i| core.end + i);
    let floor = line_start.max(bounds.start);
    let ceiling = line_end.min(bounds.end);
    let room = SNIPPET_CHARS.saturating_sub(char_count(&text[core.clone()]));
    let start = back(text, core.start, floor, room / 2);
    let end = forward(
        text,
        core.end,
        ceiling,
        room - char_count(&text[start..core.start]),
    );
    let used = char_count(&text[start..core.start]) + char_count(&text[core.end..end]);
    let start = back(text, start, floor, room - used);
    trim(text, start..end)
}

/// The byte offset `chars` characters before `from`, or `floor` if nearer.
fn back(text: &str, from: usize, floor: usize, chars: usize) -> usize {
    text[floor..from]
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(from, |(i, _)| floor + i)
}

/// The byte offset `chars` characters after `from`, or `ceiling` if nearer.
fn forward(text: &str, from: usize, ceiling: usize, chars: usize) -> usize {
    text[from..ceiling]
        .char_indices()
        .nth(chars)
        .map_or(ceiling, |(i, _)| from + i)
}

fn trim(text: &str, bytes: Range<usize>) -> Range<usize> {
    let stretch = &text[bytes.clone()];
    let start = bytes.start + (stretch.len() - stretch.trim_start().len());
    let end = bytes.end - (stretch.len() - stretch.trim_end().len());
    start..end.max(start)
}

fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// The snippet of the folded `bytes`, in the original text, with the found
/// words marked.
fn snippet(folded: &Folded, bytes: Range<usize>, found: &[Found]) -> Snippet {
    let origin = folded.original_offset(bytes.start);
    let mut highlights: Vec<Range<usize>> = Vec::new();
    for found in found {
        let mark = folded.original_offset(found.bytes.start) - origin
            ..folded.original_offset(found.bytes.end) - origin;
        match highlights.last_mut() {
            Some(last) if mark.start <= last.end => last.end = last.end.max(mark.end),
            _ => highlights.push(mark),
        }
    }
    Snippet {
        text: folded.original_slice(bytes.start, bytes.end).to_owned(),
        highlights,
        start: folded.char_offset(bytes.start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word marked on its own.
    fn marked(words: &[&str]) -> Vec<Marked> {
        words
            .iter()
            .map(|w| Marked {
                whole: w.to_string(),
                words: vec![w.to_string()],
            })
            .collect()
    }

    fn marks(snippet: &Snippet) -> Vec<&str> {
        snippet
            .highlights
            .iter()
            .map(|h| &snippet.text[h.clone()])
            .collect()
    }

    #[test]
    fn html_is_escaped_and_marked() {
        let snippet = Snippet {
            text: r#"<script>alert("x")</script>复议 & 'b'"#.to_owned(),
            highlights: vec![8..13, 27..33],
            start: 0,
        };
        assert_eq!(
            snippet.to_html(),
            "&lt;script&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/script&gt;<mark>复议</mark> &amp; &#39;b&#39;"
        );
    }

    #[test]
    fn marks_overlapping_words_once() {
        let text = "全年受理行政复议案件145件。";
        let found = snippets(text, &marked(&["行政", "复议", "行政复议", "案件"]));
        assert_eq!(found.len(), 1);
        assert_eq!(marks(&found[0]), ["行政复议案件"]);
        assert_eq!(found[0].text, text);
    }

    #[test]
    fn marks_point_into_the_original_text() {
        let text = "第一段。\n審結行政復議案件１４５件，ＡＰＰ辦理。";
        let found = snippets(text, &marked(&["行政复议", "145", "app"]));
        assert_eq!(found.len(), 1);
        assert_eq!(marks(&found[0]), ["行政復議", "１４５", "ＡＰＰ"]);
        assert_eq!(found[0].start, 5);
        assert!(found[0].text.starts_with("審結"));
    }

    #[test]
    fn a_snippet_keeps_to_its_line_and_length() {
        let filler = "各项工作稳步推进".repeat(20);
        let text = format!("{filler}\n{filler}复议{filler}\n{filler}");
        let found = snippets(&text, &marked(&["复议"]));
        assert_eq!(found.len(), 1);
        let snippet = &found[0];
        assert_eq!(snippet.text.chars().count(), SNIPPET_CHARS);
        assert!(!snippet.text.contains('\n'));
        assert_eq!(marks(snippet), ["复议"]);
        let in_text: String = text
            .chars()
            .skip(snippet.start)
            .take(SNIPPET_CHARS)
            .collect();
        assert_eq!(in_text, snippet.text);
    }

    #[test]
    fn the_best_three_places_in_text_order() {
        let lines = [
            "一、开展调解工作。",
            "二、行政复议案件办理。",
            "三、复议工作。",
            "四、行政复议案件审结。",
            "五、调解。",
            "六、行政复议案件听证。",
        ];
        let text = lines.join("\n");
        let found = snippets(&text, &marked(&["行政复议案件", "复议", "调解"]));
        let texts: Vec<&str> = found.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, [lines[1], lines[3], lines[5]]);
    }

    #[test]
    fn a_run_is_marked_whole_where_the_report_writes_it_so() {
        let run = Marked {
            whole: "行政复议".into(),
            words: vec!["行政".into(), "行政复议".into(), "复议".into()],
        };
        let both = snippets("行政执法。\n行政复议。", std::slice::from_ref(&run));
        assert_eq!(both.len(), 1);
        assert_eq!(marks(&both[0]), ["行政复议"]);
        let apart = snippets("行政执法与复议。", &[run]);
        assert_eq!(marks(&apart[0]), ["行政", "复议"]);
    }

    #[test]
    fn overlapping_words_make_one_place() {
        let text = format!("甲{}行政复议案件", "乙".repeat(95));
        let found = snippets(&text, &marked(&["甲", "行政复议", "复议案件"]));
        assert_eq!(found.len(), 1);
        assert_eq!(marks(&found[0]), ["甲", "行政复议案件"]);
    }

    /// Texts and words drawn from characters that fold, break lines or
    /// change width: whatever comes, snippets stay inside the text, marks
    /// stay inside their snippet, in order and apart, and `start` points at
    /// the snippet.
    #[test]
    fn snippets_hold_on_any_text() {
        const ALPHABET: [&str; 12] = [
            "议",
            "復",
            "复",
            "Ａ",
            "a",
            "1",
            "，",
            " ",
            "\n",
            "😀",
            "结(jié)",
            "乙乙乙乙乙",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            // xorshift64: reproducible without a dependency.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2000 {
            let text: String = (0..next(80)).map(|_| ALPHABET[next(12)]).collect();
            let words: Vec<String> = (0..1 + next(3))
                .map(|_| (0..1 + next(3)).map(|_| ALPHABET[next(6)]).collect())
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let mut last_end = 0;
            for snippet in snippets(&text, &marked(&words)) {
                let at: String = text.chars().skip(snippet.start).collect();
                assert!(at.starts_with(&snippet.text), "{text:?} {words:?}");
                assert!(snippet.start >= last_end, "{text:?} {words:?}");
                last_end = snippet.start + snippet.text.chars().count();
                let mut mark_end = None;
                for mark in &snippet.highlights {
                    assert!(snippet
                        .text
                        .get(mark.clone())
                        .is_some_and(|m| !m.is_empty()));
                    assert!(mark_end.is_none_or(|end| end < mark.start));
                    mark_end = Some(mark.end);
                }
            }
        }
    }

    #[test]
    fn no_words_no_snippets() {
        assert!(snippets("行政复议", &[]).is_empty());
        assert!(snippets("行政复议", &marked(&["诉讼"])).is_empty());
    }
}
