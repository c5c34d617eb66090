//! Frames: the windows of text around one figure that the rules read.
//!
//! A figure's own phrase runs back to the last clause break or the previous
//! figure; the words after it run to the clause's end. Both are char
//! positions in the figure's sentence.

use std::ops::Range;

use super::Sentence;

/// Marks that close a figure's own phrase.
pub(super) const CLAUSE_BREAKS: &[char] =
    &[',', ';', ':', '(', ')', '\n', '。', '!', '?', '；', '，'];

/// Words that join the items of a list of rates ("受理率和办结率").
/// Prepositions that put a figure's object after it.
const PREPOSITIONS: &[char] = &['对', '向', '为', '把', '将', '给'];

/// Single characters that join two items of a list.
pub(super) const JOINERS: &[char] = &['、', '和', '及', '与'];

pub(super) const LIST_JOINERS: &[&str] = &["、", "和", "与", "以及"];

/// The windows of one figure, as char positions in its sentence.
pub(super) struct Frame {
    /// Start of the clause (after the last comma, semicolon or parenthesis).
    pub(super) clause: usize,
    /// Start of the figure's own phrase (after the clause start or the previous figure).
    pub(super) local: usize,
    /// Start of the figure (its leading qualifier included).
    pub(super) number: usize,
    /// End of the figure.
    pub(super) end: usize,
    /// End of the words after the figure, up to the clause's end.
    pub(super) after: usize,
    /// End of the words after the figure that are its alone (up to the next figure).
    pub(super) after_own: usize,
    /// Which characters occur in the clause, hashed to 256 bits: most keys
    /// are ruled out by their first character without a search.
    alphabet: [u64; 4],
}

impl Frame {
    pub(super) fn new(sentence: &Sentence, spans: &[Range<usize>], i: usize) -> Frame {
        let chars = &sentence.chars;
        let number = spans[i].start;
        let clause = clause_start(chars, number);
        let glued = i > 0 && spans[i - 1].end == number;
        let local = if glued {
            // "8场242人": the second figure shares the first one's phrase.
            Frame::new(sentence, spans, i - 1).local
        } else {
            let prev_end = (0..i)
                .rev()
                .map(|j| spans[j].end)
                .find(|&e| e > clause && e <= number);
            match prev_end {
                // "5次州党委常委会议、8次州政府常务会议…", "12567名刑释人员和1917名
                // 社矫对象": the words before 、 or a joiner belong to the previous
                // figure; this one is number-first too.
                Some(_) if number > 0 && JOINERS.contains(&chars[number - 1]) => number,
                Some(e) => chars[e..number]
                    .iter()
                    .rposition(|&c| c == '、')
                    .map_or(e, |p| e + p + 1),
                None => clause,
            }
        };
        let end = spans[i].end;
        let next = spans.get(i + 1).map(|s| s.start);
        let after = after_end(chars, end, next);
        Frame {
            clause,
            local,
            number,
            end,
            after,
            after_own: next.map_or(after, |n| n.min(after)),
            alphabet: alphabet(&chars[clause..after]),
        }
    }

    /// Whether `phrase` can occur in the clause at all (a cheap first test).
    pub(super) fn may_contain(&self, phrase: &[char]) -> bool {
        phrase.first().is_some_and(|&c| {
            let bit = c as usize & 0xFF;
            self.alphabet[bit / 64] & (1 << (bit % 64)) != 0
        })
    }

    /// The phrase the figure measures: its own words before it, or for a
    /// number-first figure ("完成22个跨部门联合执法检查") the words after it.
    pub(super) fn subject(&self, sentence: &Sentence) -> String {
        let trim = |s: &str| {
            s.trim_matches(|c: char| {
                c.is_whitespace() || c == ',' || c == '，' || JOINERS.contains(&c)
            })
            .to_owned()
        };
        let local = trim(
            &sentence.chars[self.local..self.number]
                .iter()
                .collect::<String>(),
        );
        let after = trim(
            &sentence.chars[self.end..self.after_own]
                .iter()
                .collect::<String>(),
        );
        // "对312件…进行全面清理": a phrase ending in a preposition names its object after the figure.
        let number_first = local.chars().count() <= 3 || local.ends_with(PREPOSITIONS);
        if number_first && !after.is_empty() {
            after
        } else {
            local
        }
    }
}

/// The end of the words after a figure that still describe it.
///
/// They stop at a clause break, and at the next figure unless a list of
/// number-first nouns continues ("5个乡镇、2个县直部门…进行现场述法"). A figure
/// followed at once by a list mark or a parenthesis has no words of its own
/// after it; a parenthesis later on is skipped ("35个部门(单位)…书面述法").
fn after_end(chars: &[char], end: usize, next_figure: Option<usize>) -> usize {
    match chars.get(end) {
        None => return end,
        Some(c) if LIST_JOINERS.iter().any(|j| j.starts_with(*c)) || *c == '(' => return end,
        _ => {}
    }
    let mut i = end;
    while i < chars.len() {
        let c = chars[i];
        if c == '(' {
            match chars[i..].iter().position(|&c| c == ')') {
                Some(p) => i += p + 1,
                None => return i,
            }
            continue;
        }
        if CLAUSE_BREAKS.contains(&c) {
            return i;
        }
        if next_figure == Some(i) && chars.get(i.wrapping_sub(1)) != Some(&'、') {
            return i;
        }
        i += 1;
    }
    i
}

fn alphabet(chars: &[char]) -> [u64; 4] {
    let mut bits = [0u64; 4];
    for &c in chars {
        let bit = c as usize & 0xFF;
        bits[bit / 64] |= 1 << (bit % 64);
    }
    bits
}

/// Where the clause holding position `at` starts: after the last clause
/// break, looking through short glosses in parentheses ("各县(市)区") that
/// hold no figure.
fn clause_start(chars: &[char], at: usize) -> usize {
    let mut i = at;
    while i > 0 {
        let c = chars[i - 1];
        if c == ')' {
            if let Some(open) = gloss_start(chars, i - 1) {
                i = open;
                continue;
            }
        }
        if CLAUSE_BREAKS.contains(&c) {
            return i;
        }
        i -= 1;
    }
    0
}

/// The opening parenthesis of a short gloss closing at `close`.
fn gloss_start(chars: &[char], close: usize) -> Option<usize> {
    const MAX_GLOSS_CHARS: usize = 6;
    let open = chars[..close].iter().rposition(|&c| c == '(')?;
    let inner = &chars[open + 1..close];
    let is_gloss = inner.len() <= MAX_GLOSS_CHARS
        && !inner
            .iter()
            .any(|c| c.is_ascii_digit() || CLAUSE_BREAKS.contains(c));
    is_gloss.then_some(open)
}
