//! Rules: weighing the catalog's indicators against one figure.
//!
//! Each indicator's keys, topic and exclusions (see `catalog/indicators.toml`)
//! are tried on the figure's frame; the best fit wins. Coordinations are
//! judged member by member: a list of rates sharing one value, or two verbs
//! sharing one object, gives one indicator per member.

use std::borrow::Cow;
use std::ops::Range;

use super::frame::{Frame, LIST_JOINERS};
use super::Sentence;
use crate::catalog::{Catalog, Indicator, Key};

/// Words in a figure's own phrase that make it something other than a count
/// of the thing named: an average, a thing avoided, a thing not yet done.
const NOT_A_COUNT: &[&str] = &[
    "平均",
    "人均",
    "户均",
    "避免",
    "防止",
    "尚未",
    "未能",
    "没有",
    "同比",
    "增长",
    "下降",
    "减少了",
    "抽取",
];

/// Words that coordinate two verbs over one object ("发现并整改问题").
const VERB_COORDINATORS: &[char] = &['并'];

/// What a coordinated member is replaced with while its mates are judged.
const BLANK: char = '□';

/// Chars that count as "right at the figure" when weighing keys.
const REACH: usize = 4;

/// The indicators a figure measures: usually one, several for a shared figure, none when no rule fits.
pub(super) fn classify<'c>(
    catalog: &'c Catalog,
    sentence: &Sentence,
    frame: &Frame,
    unit: &str,
) -> Vec<&'c Indicator> {
    let mut found: Vec<&Indicator> = Vec::new();
    for chars in coordinated_variants(sentence, frame) {
        if let Some(ind) = best_fit(catalog, &chars, sentence, frame, unit) {
            if !found.iter().any(|f| f.id == ind.id) {
                found.push(ind);
            }
        }
    }
    found
}

/// The indicator that fits the figure best in one reading of its sentence.
fn best_fit<'c>(
    catalog: &'c Catalog,
    chars: &[char],
    sentence: &Sentence,
    frame: &Frame,
    unit: &str,
) -> Option<&'c Indicator> {
    // Keys first: they rule out nearly every indicator, cheaply.
    let keyed = keyed_indicators(catalog, chars, frame, unit);
    if keyed.is_empty() {
        return None;
    }
    let own = OwnWords::new(chars, frame);
    if NOT_A_COUNT.iter().any(|n| own.mention(n)) {
        return None;
    }
    // Among the keys that hold, the better key wins, then the nearer topic.
    keyed
        .into_iter()
        .filter(|(_, ind)| !ind.not.iter().any(|n| own.mention(n)))
        .filter_map(|(key, ind)| Some(((key.rank(), topic_distance(ind, sentence, frame)?), ind)))
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, ind)| ind)
}

/// The figure's own words, where exclusions are looked for.
struct OwnWords {
    local: String,
    /// List mates after the figure have their own exclusions.
    after: String,
}

impl OwnWords {
    fn new(chars: &[char], frame: &Frame) -> OwnWords {
        OwnWords {
            local: chars[frame.local..frame.number].iter().collect(),
            after: chars[frame.end..frame.after_own].iter().collect(),
        }
    }

    fn mention(&self, phrase: &str) -> bool {
        self.local.contains(phrase) || self.after.contains(phrase)
    }
}

/// Where an indicator's key sits relative to a figure.
#[derive(Clone, Copy)]
struct KeyFit {
    /// 0: the key ends in the figure's own phrase; 1: in the words after it.
    tier: u8,
    /// Chars between the key and the figure.
    distance: usize,
    /// How much text the key names.
    weight: usize,
}

impl KeyFit {
    /// Smaller is better: the key's own phrase before the words after it;
    /// a key right at the figure before one a phrase away, whatever their
    /// lengths; then the longer key (调处成功 over 调处); then the nearer.
    fn rank(&self) -> (u8, usize, std::cmp::Reverse<usize>, usize) {
        (
            self.tier,
            self.distance / REACH,
            std::cmp::Reverse(self.weight),
            self.distance,
        )
    }
}

/// The indicators measuring `unit` with a key in the figure's clause, each
/// with its best key. Only keys whose last part starts with a character of
/// the clause are tried.
fn keyed_indicators<'c>(
    catalog: &'c Catalog,
    chars: &[char],
    frame: &Frame,
    unit: &str,
) -> Vec<(KeyFit, &'c Indicator)> {
    let Some(measuring) = catalog.measuring(unit) else {
        return Vec::new();
    };
    let mut best: Vec<(KeyFit, usize)> = Vec::new();
    let mut tried: Vec<char> = Vec::new();
    for &c in &chars[frame.clause..frame.after] {
        if tried.contains(&c) {
            continue;
        }
        tried.push(c);
        for &(i, k) in catalog.keys_whose_last_part_starts_with(c) {
            if !measuring.contains(i) {
                continue;
            }
            let Some(fit) = key_fit(&catalog.indicators[i].keys[k], chars, frame) else {
                continue;
            };
            match best.iter_mut().find(|(_, j)| *j == i) {
                Some(slot) if fit.rank() < slot.0.rank() => slot.0 = fit,
                Some(_) => {}
                None => best.push((fit, i)),
            }
        }
    }
    best.into_iter()
        .map(|(fit, i)| (fit, &catalog.indicators[i]))
        .collect()
}

/// Where a key ends relative to the figure, if it occurs in the figure's windows.
fn key_fit(key: &Key, chars: &[char], frame: &Frame) -> Option<KeyFit> {
    let last = key.parts.last()?;
    if !frame.may_contain(last) {
        return None;
    }
    let window = frame.clause..frame.after;
    let names_it = |p: usize| {
        let end = p + last.len();
        earlier_parts(key, chars, frame, p)
            && !names_a_category(chars, end)
            && !modifies_a_meeting(last, &chars[end..])
    };
    // The nearest occurrence before the figure, else one after it.
    let before = rfind(chars, last, frame.local..frame.number).filter(|&p| names_it(p));
    if let Some(p) = before {
        let end = p + last.len();
        if is_list_member(chars, end) || closes_a_list(chars, frame.local..p, end..frame.number) {
            // "法律咨询、政策咨询、法律服务300人次", "警示教育、执法实务培训等活动3场":
            // the figure counts the union, not this item.
            return None;
        }
        return Some(KeyFit {
            tier: 0,
            distance: frame.number - end,
            weight: key.weight,
        });
    }
    if opens_with_preposition(chars, frame.end) {
        // "20余次对信访工作…法治督察…作出批示": after 对 comes the object, and
        // the count is of the verb that ends the phrase.
        let last_key = rfind(chars, last, frame.end..window.end).filter(|&p| names_it(p));
        return last_key.map(|p| KeyFit {
            tier: 1,
            distance: window.end - (p + last.len()),
            weight: key.weight,
        });
    }
    let after = find(chars, last, frame.end..window.end).filter(|&p| names_it(p));
    after.map(|p| KeyFit {
        tier: 1,
        distance: p - frame.end,
        weight: key.weight,
    })
}

/// Prepositions that open an object phrase after a number-first figure.
const PREPOSITIONS: &[&str] = &["对", "就", "围绕", "针对"];

fn opens_with_preposition(chars: &[char], at: usize) -> bool {
    let rest = chars.get(at..).unwrap_or_default();
    PREPOSITIONS.iter().any(|p| {
        let mut rest = rest.iter();
        p.chars().all(|c| rest.next() == Some(&c))
    })
}

/// "行政强制类共223件": a key followed by 类 names a category of something else.
fn names_a_category(chars: &[char], key_end: usize) -> bool {
    chars.get(key_end) == Some(&'类')
}

/// Whether the key is one item of a list that goes on (and was not blanked out).
fn is_list_member(chars: &[char], key_end: usize) -> bool {
    // "依法治州委员会会议、法治督察动员会…4次": the item may end in a meeting noun.
    let rest = &chars[key_end..];
    let noun = MEETING_NOUNS.iter().map(|n| n.chars().count()).find(|&n| {
        rest.len() > n
            && rest[n] == '、'
            && MEETING_NOUNS
                .iter()
                .any(|m| m.chars().eq(rest[..n].iter().copied()))
    });
    let at = key_end + noun.unwrap_or(0);
    chars.get(at) == Some(&'、') && chars.get(at + 1).is_some_and(|&c| c != BLANK)
}

/// Whether the key is the last item of a list of kinds of activity:
/// "警示教育、执法实务培训等活动3场" counts activities of every listed kind.
fn closes_a_list(chars: &[char], before_key: Range<usize>, after_key: Range<usize>) -> bool {
    let listed = chars[before_key].contains(&'、');
    let after: String = chars[after_key].iter().collect();
    let of_kinds = after
        .split_once('等')
        .is_some_and(|(_, rest)| ACTIVITY_NOUNS.iter().any(|n| rest.contains(n)));
    listed && of_kinds
}

/// Nouns that gather the kinds listed before 等 into one count.
const ACTIVITY_NOUNS: &[&str] = &["活动", "行动"];

/// Meeting nouns a key can modify: "法治督察动员会" counts meetings, not inspections.
const MEETING_NOUNS: &[&str] = &[
    "会议",
    "会",
    "大会",
    "动员会",
    "推进会",
    "座谈会",
    "部署会",
    "调度会",
    "工作会",
    "培训会",
];

/// Whether the key (not itself the name of a meeting) is followed by a meeting noun.
fn modifies_a_meeting(key: &[char], rest: &[char]) -> bool {
    let key_is_a_meeting = key.last() == Some(&'会') || key.ends_with(&['会', '议']);
    !key_is_a_meeting
        && MEETING_NOUNS.iter().any(|noun| {
            let mut rest = rest.iter();
            noun.chars().all(|c| rest.next() == Some(&c)) && rest.next().is_none_or(|&c| c != '同')
        })
}

/// Whether the parts before the last one appear in order (or anywhere, for `&` keys) before `last_at`.
fn earlier_parts(key: &Key, chars: &[char], frame: &Frame, last_at: usize) -> bool {
    let clause = frame.clause;
    let earlier = &key.parts[..key.parts.len() - 1];
    if !key.ordered {
        // A conjunction names one body of things: all of it in the figure's own phrase.
        let own = frame.local..frame.after;
        return earlier
            .iter()
            .all(|p| find(chars, p, own.clone()).is_some());
    }
    let mut limit = last_at;
    for part in earlier.iter().rev() {
        match rfind(chars, part, clause..limit) {
            Some(p) => limit = p,
            None => return false,
        }
    }
    true
}

fn topic_distance(ind: &Indicator, sentence: &Sentence, frame: &Frame) -> Option<usize> {
    if ind.topic.is_empty() {
        return Some(0);
    }
    let chars = &sentence.chars;
    let mut best: Option<usize> = None;
    for topic in &ind.topic_chars {
        let before = rfind(chars, topic, 0..frame.number).map(|p| frame.number - p);
        let after = find(chars, topic, frame.end..chars.len()).map(|p| p - frame.end);
        for d in before.into_iter().chain(after) {
            best = Some(best.map_or(d, |b| b.min(d)));
        }
    }
    if ind.topic_in_sentence {
        return best;
    }
    best.or_else(|| {
        let in_paragraph = ind
            .topic
            .iter()
            .filter_map(|t| sentence.before.rfind(t.as_str()))
            .max();
        in_paragraph.map(|p| frame.number + sentence.before[p..].chars().count())
    })
    .or_else(|| {
        let in_heading = sentence
            .headings
            .any(|h| ind.topic.iter().any(|t| h.contains(t.as_str())));
        in_heading.then_some(10_000)
    })
}

/// The window's chars, once as written and once per member of a coordination
/// with the other members blanked out, so that each member is judged alone.
fn coordinated_variants<'s>(sentence: &'s Sentence, frame: &Frame) -> Vec<Cow<'s, [char]>> {
    let chars = &sentence.chars;
    let mut variants = vec![Cow::Borrowed(&chars[..])];
    let members = rate_list(chars, frame).or_else(|| verb_pair(chars, frame));
    for keep in 0..members.as_ref().map_or(0, Vec::len) {
        let mut v = chars.clone();
        for (j, m) in members.iter().flatten().enumerate() {
            if j != keep {
                v[m.clone()].fill(BLANK);
            }
        }
        variants.push(Cow::Owned(v));
    }
    variants
}

/// "参学率、报考率、通过率均为100%": the rate items before a shared figure.
fn rate_list(chars: &[char], frame: &Frame) -> Option<Vec<Range<usize>>> {
    let local = frame.local..frame.number;
    let rate_ends: Vec<usize> = (local.clone())
        .filter(|&i| chars[i] == '率')
        .map(|i| i + 1)
        .collect();
    if rate_ends.len() < 2 {
        return None;
    }
    let mut members = Vec::new();
    let mut start = local.start;
    for &end in &rate_ends {
        // An item starts after the previous joiner.
        let item_start = joiner_end(chars, start..end).unwrap_or(start);
        members.push(item_start..end);
        start = end;
    }
    Some(members)
}

fn joiner_end(chars: &[char], range: Range<usize>) -> Option<usize> {
    LIST_JOINERS
        .iter()
        .filter_map(|j| {
            let j: Vec<char> = j.chars().collect();
            rfind(chars, &j, range.clone()).map(|p| p + j.len())
        })
        .max()
}

/// "发现并整改问题34个": two short verbs joined by 并 over one object.
fn verb_pair(chars: &[char], frame: &Frame) -> Option<Vec<Range<usize>>> {
    let local = frame.local..frame.number;
    let at = (local.clone()).find(|&i| VERB_COORDINATORS.contains(&chars[i]))?;
    let first = at.saturating_sub(2).max(local.start)..at;
    let second = at + 1..(at + 3).min(frame.number);
    (first.len() == 2 && second.len() == 2).then(|| vec![first.start..at + 1, second])
}

fn find(hay: &[char], needle: &[char], range: Range<usize>) -> Option<usize> {
    positions(hay, needle, range)?.find(|&i| occurs_at(hay, needle, i))
}

fn rfind(hay: &[char], needle: &[char], range: Range<usize>) -> Option<usize> {
    positions(hay, needle, range)?
        .rev()
        .find(|&i| occurs_at(hay, needle, i))
}

/// The positions in `range` where `needle` could start.
fn positions(hay: &[char], needle: &[char], range: Range<usize>) -> Option<Range<usize>> {
    let fits = !needle.is_empty() && range.end <= hay.len() && range.len() >= needle.len();
    fits.then(|| range.start..range.end - needle.len() + 1)
}

/// Whether `needle` occurs at `i`; the first char is tested on its own, as
/// it rules out nearly every position without a slice comparison.
fn occurs_at(hay: &[char], needle: &[char], i: usize) -> bool {
    hay[i] == needle[0] && hay[i + 1..i + needle.len()] == needle[1..]
}
