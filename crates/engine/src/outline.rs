//! Outline: the heading tree of the report.
//!
//! Headings are numbered lines of the body ("一、…", "(一)…", "1.…", "(1)…",
//! "第一部分…", "①…") and numbered items written inside paragraphs ("一是…",
//! "第一,…"). Levels follow the order in which the numbering styles first
//! appear, as a word processor numbers them; an inline item sits one level
//! below the heading whose paragraph holds it. Every heading opens a section
//! that runs to the next heading of the same or a higher level, or to the end
//! of the body.
//!
//! Only the body's lines are read (`Page::lines`), so navigation and titles
//! outside it never become headings. What a heading is about is decided
//! elsewhere (`parts`).

mod markers;

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::page::scan::{chars, prefix_bytes, SMALL_CN_NUMBER_CHARS};
use crate::page::Page;
use markers::{inline_marker, line_marker, Marker, Style};

pub struct Outline {
    pub headings: Vec<Heading>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Heading {
    pub level: u8,
    pub title: String,
    /// Character span of the section this heading opens.
    pub start: usize,
    pub end: usize,
    /// Byte range in `doc.text()` of the heading's own text.
    #[serde(skip)]
    pub title_bytes: Range<usize>,
    /// Byte range in `doc.text()` of the section (heading included).
    #[serde(skip)]
    pub section_bytes: Range<usize>,
}

impl Outline {
    /// The headings whose sections contain `byte`, outermost first.
    pub fn path_at(&self, byte: usize) -> Vec<&Heading> {
        self.headings
            .iter()
            .filter(|h| h.section_bytes.contains(&byte))
            .collect()
    }
}

/// Whether a line opens with a heading marker (used to find where a body starts).
pub(crate) fn is_heading_line(line: &str) -> bool {
    line_marker(line).is_some_and(|m| has_title_text(&line[m.len..]))
}

/// A title of at most this many characters is taken whole; a longer first
/// sentence is cut at its first comma (or at this length).
const MAX_TITLE_CHARS: usize = 40;
/// Where a heading's title ends: at the end of its first sentence or clause.
const TITLE_ENDS: &[char] = &['。', ';', '!', '?'];
/// Where a long title is cut.
const TITLE_CUTS: &[char] = &[',', ':'];
/// Bytes trimmed from the ends of a title.
const TITLE_TRIM: &[char] = &[' ', ':', ',', '、', ';'];
/// A numbering may skip at most this many numbers (an item lost in copying);
/// a bigger jump means the "marker" is text.
const MAX_SKIP: u32 = 1;

pub fn outline(doc: &Document, page: &Page) -> Outline {
    let text = doc.text();
    let mut found = line_headings(text, page);
    let inline = inline_headings(text, page, &found);
    found.extend(inline);
    found.sort_by_key(|h| h.start);
    let headings = sections(doc, found, page.body.end);
    Outline { headings }
}

/// A heading found, before its section is known.
struct Found {
    level: u8,
    start: usize,
    title: Range<usize>,
}

/// The heading lines of the body, with levels by first appearance of their style.
fn line_headings(text: &str, page: &Page) -> Vec<Found> {
    let mut levels: Vec<Style> = Vec::new();
    let mut last_number: HashMap<Style, u32> = HashMap::new();
    let mut found = Vec::new();
    for (i, line) in page.lines.iter().enumerate() {
        let s = &text[line.range()];
        let Some(marker) = line_marker(s) else {
            continue;
        };
        if !has_title_text(&s[marker.len..]) || is_table_row(text, page, i) {
            continue;
        }
        if !continues_numbering(last_number.get(&marker.style).copied(), marker.number) {
            continue;
        }
        last_number.insert(marker.style, marker.number);
        let level = level_of(&mut levels, marker.style);
        let title = title_range(s, marker.len);
        found.push(Found {
            level,
            start: line.start,
            title: line.start + title.start..line.start + title.end,
        });
    }
    found
}

/// A numbering goes on when it starts at 1 or follows the last number of its
/// style (numbering often runs on across sections: 1, 2 under (一), 3 under (二)).
/// A stray "三、" with no 一、 before it is text, not a heading.
fn continues_numbering(last: Option<u32>, number: u32) -> bool {
    number == 1 || last.is_some_and(|last| number > last && number <= last + 1 + MAX_SKIP)
}

fn level_of(levels: &mut Vec<Style>, style: Style) -> u8 {
    let i = levels.iter().position(|&s| s == style).unwrap_or_else(|| {
        levels.push(style);
        levels.len() - 1
    });
    (i + 1).min(u8::MAX as usize) as u8
}

/// A title has text: at least two Han characters.
fn has_title_text(s: &str) -> bool {
    s.chars()
        .filter(|&c| crate::page::scan::is_han(c))
        .take(2)
        .count()
        == 2
}

/// A numbered line inside a flattened table is a row or a cell, not a heading:
/// it carries table bars, or it is short and sits among short numeric cells.
fn is_table_row(text: &str, page: &Page, i: usize) -> bool {
    const MAX_CELL_CHARS: usize = 15;
    let line = &text[page.lines[i].range()];
    if line.contains('|') {
        return true;
    }
    let is_cell = |s: &str| chars(s) <= MAX_CELL_CHARS && !s.contains(['。', ',', ';']);
    let is_numeric =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || ".%-".contains(c));
    let prev = i.checked_sub(1).map(|j| &text[page.lines[j].range()]);
    let next = page.lines.get(i + 1).map(|l| &text[l.range()]);
    is_cell(line)
        && prev.is_some_and(is_cell)
        && next.is_some_and(is_cell)
        && (prev.is_some_and(is_numeric) || next.is_some_and(is_numeric))
}

/// The title of a heading whose text starts at byte `from` of `s`: its first
/// sentence when short, else the first sentence cut at its first comma.
fn title_range(s: &str, from: usize) -> Range<usize> {
    let rest = &s[from..];
    let mut end = rest.find(TITLE_ENDS).unwrap_or(rest.len());
    if chars(&rest[..end]) > MAX_TITLE_CHARS {
        end = match rest[..end].find(TITLE_CUTS) {
            Some(cut) if chars(&rest[..cut]) >= 4 => cut,
            _ => prefix_bytes(rest, MAX_TITLE_CHARS),
        };
    }
    let title = &rest[..end];
    let trimmed = title.trim_matches(TITLE_TRIM);
    let start = from + (title.len() - title.trim_start_matches(TITLE_TRIM).len());
    start..start + trimmed.len()
}

/// An inline item candidate: where it is, and in which line heading's section.
struct Inline {
    parent: Option<usize>,
    marker: Marker,
    start: usize,
    title: Range<usize>,
}

/// The "一是…二是…" items of the body. An item sits one level below the line
/// heading before it. Items count up from 一 within their parent heading; a
/// lone 一是 (no 二是 after it) is not a list.
fn inline_headings(text: &str, page: &Page, lines: &[Found]) -> Vec<Found> {
    let mut candidates: Vec<Inline> = Vec::new();
    let mut parent = None;
    for line in &page.lines {
        while lines
            .get(parent.map_or(0, |p| p + 1))
            .is_some_and(|h| h.start <= line.start)
        {
            parent = Some(parent.map_or(0, |p| p + 1));
        }
        let s = &text[line.range()];
        let from = line_marker(s).map_or(0, |m| m.len);
        for at in inline_marker_places(s).filter(|&at| at >= from) {
            if let Some(marker) = inline_marker(s, at) {
                let title = title_range(s, at + marker.len);
                candidates.push(Inline {
                    parent,
                    marker,
                    start: line.start + at,
                    title: line.start + title.start..line.start + title.end,
                });
            }
        }
    }
    let mut found = Vec::new();
    for run in counting_runs(&candidates) {
        for c in run {
            let level = c.parent.map_or(1, |p| lines[p].level.saturating_add(1));
            found.push(Found {
                level,
                start: c.start,
                title: c.title.clone(),
            });
        }
    }
    found
}

/// The only places of a line where an inline marker can start, in order: at
/// each 第 ("第一,") and up to three chars before each 是 ("一是", "二十三是").
/// Two quick searches find them, where trying every char would be slow.
fn inline_marker_places(line: &str) -> impl Iterator<Item = usize> {
    let mut places: Vec<usize> = line.match_indices('第').map(|(at, _)| at).collect();
    for (shi, _) in line.match_indices('是') {
        let number_starts = line[..shi].char_indices().rev().take(SMALL_CN_NUMBER_CHARS);
        places.extend(number_starts.map(|(at, _)| at));
    }
    places.sort_unstable();
    places.dedup();
    places.into_iter()
}

/// Runs of inline items that count 1, 2, 3… under one parent with one style;
/// runs of a single item are dropped.
fn counting_runs(candidates: &[Inline]) -> Vec<Vec<&Inline>> {
    let mut runs: Vec<Vec<&Inline>> = Vec::new();
    let mut open: HashMap<(Option<usize>, Style), usize> = HashMap::new();
    for c in candidates {
        let key = (c.parent, c.marker.style);
        if c.marker.number == 1 {
            runs.push(vec![c]);
            open.insert(key, runs.len() - 1);
        } else if let Some(&r) = open.get(&key) {
            let last = runs[r].last().map_or(0, |l| l.marker.number);
            if c.marker.number == last + 1 {
                runs[r].push(c);
            }
        }
    }
    runs.retain(|r| r.len() >= 2);
    runs
}

/// Gives every heading its section: up to the next heading of the same or a
/// higher level, or the end of the body.
fn sections(doc: &Document, found: Vec<Found>, body_end: usize) -> Vec<Heading> {
    let text = doc.text();
    let mut headings = Vec::with_capacity(found.len());
    for (i, h) in found.iter().enumerate() {
        let next = found[i + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(body_end, |n| n.start);
        let end = h.start + text[h.start..next.max(h.start)].trim_end().len();
        headings.push(Heading {
            level: h.level,
            title: doc.display_slice(h.title.clone()).to_string(),
            start: doc.char_offset(h.start),
            end: doc.char_offset(end),
            title_bytes: h.title.clone(),
            section_bytes: h.start..end,
        });
    }
    headings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Diagnostic;

    /// Renders the outline of `text` as "level title" lines.
    fn render(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        let page = Page::read(&doc, &mut diagnostics);
        outline(&doc, &page)
            .headings
            .iter()
            .map(|h| format!("{} {}", h.level, h.title))
            .collect()
    }

    fn check(text: &str, expected: &[&str]) {
        assert_eq!(render(text), expected, "\n{text}");
    }

    const OPENING: &str =
        "2023年,我区按照法治政府建设的总要求,深入推进法治政府建设,现将工作情况报告如下:";

    #[test]
    fn levels_follow_first_appearance() {
        check(
            &format!("{OPENING}\n一、2023年工作情况\n(一)法治政府建设跃上新台阶\n1.深入学习贯彻党的二十大精神,奋力开创新局面。把学习宣传贯彻作为首要政治任务。\n2.以习近平法治思想为引领。深入学习。\n(二)政府职能转变迈出新步伐\n1.进一步深化审批改革。拓展应用场景。\n二、存在的主要问题\n2023年我区工作虽取得了一定的成绩,但仍存在一些问题。"),
            &["1 2023年工作情况", "2 法治政府建设跃上新台阶", "3 深入学习贯彻党的二十大精神,奋力开创新局面", "3 以习近平法治思想为引领", "2 政府职能转变迈出新步伐", "3 进一步深化审批改革", "1 存在的主要问题"],
        );
    }

    #[test]
    fn inline_items_sit_under_their_paragraph() {
        check(
            &format!("{OPENING}\n一、推进法治政府建设的主要举措和成效\n(一)持续升级政务服务改革,不断优化法治营商环境。一是深入推进“放管服”改革。创新落地6种信用审批模式。二是优化营商环境。\n三、存在的不足和原因\n一是法治能力还有差距。个别部门责任落实不到位。\n二是规范执法理念仍需深化。"),
            &["1 推进法治政府建设的主要举措和成效", "2 持续升级政务服务改革,不断优化法治营商环境", "3 深入推进“放管服”改革", "3 优化营商环境", "1 存在的不足和原因", "2 法治能力还有差距", "2 规范执法理念仍需深化"],
        );
    }

    #[test]
    fn what_is_not_a_heading() {
        check(
            &format!("{OPENING}\n(一)主要工作\n2023年,我区共办理案件12件,办结率100%。\n三、这一行没有一、二在前,是正文的一部分内容\n一、二审案件共5件,均已审结。\n其中唯一是本区的,统一是市里的。一是只有一项的说法。\n行政许可实施数量\n申请数量\n1.受理\n2207\n| 1.许可数量 | 2207 |"),
            &["1 主要工作"],
        );
    }

    #[test]
    fn numbering_runs_on_across_sections() {
        check(
            &format!("{OPENING}\n(一)加强组织领导\n1.加强党的领导。内容。\n2.强化考核评价。内容。\n(二)依法全面履行政府职能\n3.深化行政审批制度改革。内容。"),
            &["1 加强组织领导", "2 加强党的领导", "2 强化考核评价", "1 依法全面履行政府职能", "2 深化行政审批制度改革"],
        );
    }

    #[test]
    fn long_first_sentences_are_cut() {
        check(
            &format!("{OPENING}\n一、坚持强化组织领导认真抓实法机构建设,完善我镇法治政府建设工作领导小组,由党委书记主抓法治政府建设工作,镇长具体负责\n二、主要举措与成效:"),
            &["1 坚持强化组织领导认真抓实法机构建设", "1 主要举措与成效"],
        );
    }

    #[test]
    fn sections_nest() {
        let text =
            format!("{OPENING}\n一、甲方面工作\n(一)甲一项工作\n(二)甲二项工作\n二、乙方面工作");
        let doc = Document::new(&text);
        let page = Page::read(&doc, &mut Vec::new());
        let o = outline(&doc, &page);
        let spans: Vec<&str> = o
            .headings
            .iter()
            .map(|h| &doc.text()[h.section_bytes.clone()])
            .collect();
        assert_eq!(
            spans,
            [
                "一、甲方面工作\n(一)甲一项工作\n(二)甲二项工作",
                "(一)甲一项工作",
                "(二)甲二项工作",
                "二、乙方面工作"
            ]
        );
        let inner = doc.text().find("(二)").unwrap() + 3;
        let path: Vec<&str> = o.path_at(inner).iter().map(|h| h.title.as_str()).collect();
        assert_eq!(path, ["甲方面工作", "甲二项工作"]);
        let h = &o.headings[0];
        assert_eq!(h.start, doc.char_offset(h.section_bytes.start));
    }
}
