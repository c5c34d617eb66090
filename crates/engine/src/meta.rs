//! Meta: what the report is — title, jurisdiction, level, year covered, dates, issuer.
//!
//! Each value is read from the evidence the page and the report carry: the
//! signature at the end of the body (unit line + date line), the title line,
//! the opening sentence ("2023年,临淄区…"), the page's metadata lines
//! (`PageFields`), the plan section's heading, and the report's own words
//! about itself (我县, 全市, 我局) and its own documents (《兴国县…实施方案》).
//! Where the evidence is silent the value is None; nothing is guessed from
//! outside knowledge (no gazetteer: "临淄区" stays "临淄区"). This module does
//! not find the body or the headings (`page`, `outline`), nor the required
//! items (`parts`).

mod place;

use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::outline::Outline;
use crate::page::dates::{date_prefix, whole_date, Date};
use crate::page::scan::{chars, visible, years};
use crate::page::Page;
pub(crate) use place::is_unit_name;
pub(crate) use place::split_unit;
use place::{expand_abbreviations, leading_place, leading_unit, Unit};

#[derive(Clone, Debug, Default, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub jurisdiction: Option<String>,
    pub level: Option<Level>,
    pub report_year: Option<i32>,
    /// `YYYY-MM-DD`
    pub signed_date: Option<String>,
    pub published_date: Option<String>,
    pub issuer: Option<String>,
    /// Whether the page publishes the body twice (the second copy is not analysed).
    pub duplicated_body: bool,
    /// What the web page says about the document around its text.
    pub page: PageInfo,
}

/// The metadata a web page carries in its chrome (来源, 发布机构, 索引号, 成文日期),
/// as displayed; each absent field is `null`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PageInfo {
    pub source: Option<String>,
    pub publisher: Option<String>,
    pub index_no: Option<String>,
    /// `YYYY-MM-DD`: the document's own date (成文日期/发文日期), not the posting date.
    pub written_date: Option<String>,
}

impl PageInfo {
    fn of(doc: &Document, page: &Page) -> PageInfo {
        let fields = &page.fields;
        let shown = |r: &Option<Range<usize>>| r.clone().map(|r| doc.display_slice(r).to_owned());
        PageInfo {
            source: shown(&fields.source),
            publisher: shown(&fields.publisher),
            index_no: shown(&fields.index_no),
            written_date: fields.written_date.map(|d| d.to_string()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Province,
    City,
    County,
    Township,
    Department,
}

/// Keys of `Input::page_meta` (HTML `<meta>`, DOCX properties) that carry the
/// posting date or the title, tried when the text itself shows none.
const PAGE_META_DATE_KEYS: &[&str] = &[
    "PubDate",
    "pubdate",
    "publishdate",
    "publish_date",
    "article:published_time",
];
const PAGE_META_TITLE_KEYS: &[&str] = &["ArticleTitle", "title", "og:title"];

/// How the report speaks of itself, and what level that makes it. Only
/// first-person forms count: "市委、市政府" is named in county reports too.
const SELF_REFERENCES: &[(&str, Level)] = &[
    ("我省", Level::Province),
    ("全省", Level::Province),
    ("本省", Level::Province),
    ("我市", Level::City),
    ("全市", Level::City),
    ("本市", Level::City),
    ("我州", Level::City),
    ("全州", Level::City),
    ("我盟", Level::City),
    ("我区", Level::County),
    ("全区", Level::County),
    ("本区", Level::County),
    ("我县", Level::County),
    ("全县", Level::County),
    ("本县", Level::County),
    ("我旗", Level::County),
    ("全旗", Level::County),
    ("我镇", Level::Township),
    ("全镇", Level::Township),
    ("本镇", Level::Township),
    ("我乡", Level::Township),
    ("全乡", Level::Township),
    ("本乡", Level::Township),
    ("我街道", Level::Township),
    ("本街道", Level::Township),
    ("全街道", Level::Township),
    ("我局", Level::Department),
    ("本局", Level::Department),
    ("局党组", Level::Department),
    ("局党委", Level::Department),
    ("我厅", Level::Department),
    ("厅党组", Level::Department),
    ("我委", Level::Department),
    ("委党组", Level::Department),
];
/// Words that show a "全区" report is an autonomous region's (province level).
const AUTONOMOUS_REGION_WORDS: &[&str] = &["自治区人民政府", "自治区党委", "自治区政府"];
/// How an opening sentence starts before naming its subject: a year, or a
/// phrase for the past year ("今年以来,富蕴县…").
const OPENING_TIME_WORDS: &[&str] = &["今年以来", "过去一年", "一年来", "本年度"];
/// Organs of the national government: a name without a place that starts or
/// ends like these is national ("司法部", "原环境保护部").
const NATIONAL_OPENINGS: &[&str] = &["国务院", "国家", "中华人民共和国", "中央", "全国", "原"];
const NATIONAL_ENDINGS: &[&str] = &["部", "署", "总局"];
/// How a title's topic starts after the unit ("临淄区法治政府建设…").
const TITLE_TOPIC_OPENINGS: &[&str] = &["法治", "法制", "依法"];
/// The longest "在…下," phrase skipped before an opening's subject.
const MAX_PREPOSITIONAL_CHARS: usize = 60;
/// The body lines read for the opening statement of the year.
const OPENING_LINES: usize = 3;

/// What the report is, and where each value was read (the evidence of the checks).
pub(crate) fn meta(
    doc: &Document,
    page: &Page,
    outline: &Outline,
    page_meta: &[(String, String)],
) -> (Meta, Anchors) {
    let text = doc.text();
    let signature = signature(text, page);
    let reporter =
        reporter(text, page, signature.as_ref()).or_else(|| self_described_reporter(text, page));
    let meta = Meta {
        title: title(doc, page, page_meta),
        jurisdiction: reporter.as_ref().and_then(|r| r.jurisdiction.clone()),
        level: reporter
            .as_ref()
            .and_then(|r| r.level)
            .or_else(|| self_reference_level(text, page)),
        report_year: report_year(doc, page, outline),
        signed_date: signature.as_ref().map(|s| s.date.to_string()),
        published_date: published_date(page, page_meta).map(|d| d.to_string()),
        issuer: issuer(doc, page, signature.as_ref()),
        duplicated_body: page.duplicate.is_some(),
        page: PageInfo::of(doc, page),
    };
    let anchors = Anchors {
        signature: signature.as_ref().map(|s| s.unit.start..s.end),
        signer: signature.map(|s| s.unit),
        published: page.fields.published_bytes.clone(),
        title: page.title.clone(),
    };
    (meta, anchors)
}

/// Where the values of `Meta` were read, as byte ranges of `doc.text()`: the
/// evidence the checks cite.
#[derive(Clone, Debug, Default)]
pub(crate) struct Anchors {
    /// The signature: the unit line through the date.
    pub signature: Option<Range<usize>>,
    /// The signing unit's name.
    pub signer: Option<Range<usize>>,
    /// The page's posting date.
    pub published: Option<Range<usize>>,
    /// The title line.
    pub title: Option<Range<usize>>,
}

/// The signature under the report: a unit-name line and a date line.
struct Signature {
    unit: Range<usize>,
    date: Date,
    /// Where the date ends.
    end: usize,
}

/// The last unit-name line followed by a line that is only a date (or both on
/// one line: "株洲市芦淞区人民政府 2024年2月23日").
fn signature(text: &str, page: &Page) -> Option<Signature> {
    let lines = &page.lines;
    for i in (0..lines.len()).rev() {
        let s = &text[lines[i].range()];
        if let Some(date) = whole_date(s) {
            let unit = i
                .checked_sub(1)
                .map(|j| lines[j])
                .filter(|l| is_unit_name(&text[l.range()]));
            if let Some(unit) = unit {
                return Some(Signature {
                    unit: unit.range(),
                    date,
                    end: lines[i].end,
                });
            }
        } else if let Some((head, tail)) = s.rsplit_once(' ') {
            if let (Some(date), true) = (whole_date(tail), is_unit_name(head)) {
                let start = lines[i].start;
                return Some(Signature {
                    unit: start..start + head.trim_end().len(),
                    date,
                    end: lines[i].end,
                });
            }
        }
    }
    None
}

/// The report's title: the title line (with the unit line above it), else the
/// page's title field, else the page metadata's title.
fn title(doc: &Document, page: &Page, page_meta: &[(String, String)]) -> Option<String> {
    if let Some(line) = &page.title {
        let title = doc.display_slice(line.clone());
        return Some(match &page.title_unit {
            Some(unit) if !title.starts_with(doc.display_slice(unit.clone())) => {
                format!("{}{}", doc.display_slice(unit.clone()), title)
            }
            _ => title.to_string(),
        });
    }
    if let Some(field) = &page.fields.title {
        return Some(doc.display_slice(field.clone()).to_string());
    }
    page_meta
        .iter()
        .find(|(k, v)| PAGE_META_TITLE_KEYS.contains(&k.as_str()) && v.contains("报告"))
        .map(|(_, v)| v.trim().to_string())
}

/// The title as one normalised string, for reading names and years from it.
fn title_text(text: &str, page: &Page) -> Option<String> {
    let line = page.title.as_ref().or(page.fields.title.as_ref())?;
    let unit = page.title_unit.as_ref().map_or("", |u| &text[u.clone()]);
    Some(format!("{unit}{}", &text[line.clone()]))
}

/// Who reports: the place or department the report is about, and its level.
struct Reporter {
    jurisdiction: Option<String>,
    level: Option<Level>,
}

/// Where a candidate name was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameSource {
    Signature,
    Title,
    Opening,
    PageField,
}

/// Decides who reports. The candidates, in order of authority: the signing
/// unit, the unit named in the title, the subject of the opening sentence, the
/// page's publisher and source, a unit-name line above the body. The first that is a real name (not "区民政局")
/// is taken; a later one that extends its place ("大冶市金湖街道" for "金湖街道")
/// completes it. A department that signs a report about its whole place
/// ("富蕴县司法局" under a report on 全县) is not the reporter: the place is.
fn reporter(text: &str, page: &Page, signature: Option<&Signature>) -> Option<Reporter> {
    let candidates = name_candidates(text, page, signature);
    let (primary_source, primary) = candidates
        .iter()
        .find(|(_, n)| !is_relative(&split_unit(n)))?;
    let unit = split_unit(primary);
    let place = completed_place(unit.place, &candidates);

    if unit.place.is_empty() {
        // A name without a place that is not relative is a national organ.
        return Some(Reporter {
            jurisdiction: Some(unit.organ.to_string()),
            level: Some(Level::National),
        });
    }
    let department = unit.is_department()
        && !reports_on_whole_place(text, page, *primary_source, &unit, &candidates);
    if department {
        return Some(Reporter {
            jurisdiction: Some(format!("{place}{}", unit.organ)),
            level: Some(Level::Department),
        });
    }
    let level = split_unit(&place).place_level();
    Some(Reporter {
        jurisdiction: Some(place),
        level,
    })
}

/// The names a page offers for its reporting unit, in order of authority.
fn name_candidates(
    text: &str,
    page: &Page,
    signature: Option<&Signature>,
) -> Vec<(NameSource, String)> {
    let mut out: Vec<(NameSource, String)> = Vec::new();
    let mut push = |source, name: Option<&str>| {
        if let Some(name) = name.map(last_joint_name).filter(|n| !n.is_empty()) {
            out.push((source, expand_abbreviations(name)));
        }
    };
    push(
        NameSource::Signature,
        signature.map(|s| &text[s.unit.clone()]),
    );
    if let Some(unit) = &page.title_unit {
        push(NameSource::Title, Some(&text[unit.clone()]));
    }
    if let Some(title) = page.title.as_ref().or(page.fields.title.as_ref()) {
        push(NameSource::Title, title_subject(&text[title.clone()]));
    }
    if let Some(first) = page.lines.first() {
        push(NameSource::Title, unit_before_guanyu(&text[first.range()]));
        push(NameSource::Opening, opening_subject(&text[first.range()]));
    }
    for line in page.lines.iter().take(OPENING_LINES) {
        push(NameSource::Opening, reported_unit(&text[line.range()]));
    }
    for field in [&page.fields.publisher, &page.fields.source]
        .into_iter()
        .flatten()
    {
        let value = &text[field.clone()];
        push(
            NameSource::PageField,
            leading_unit(value).filter(|u| u.len() == value.len()),
        );
    }
    for unit in &page.header_units {
        push(NameSource::PageField, Some(&text[unit.clone()]));
    }
    out
}

/// Of a joint name ("中共铁岭市委、铁岭市人民政府", "巴州党委、政府"), the last part
/// that names a place, which is the government's and names the place fully.
fn last_joint_name(name: &str) -> &str {
    let parts: Vec<&str> = name
        .trim()
        .split([' ', '、'])
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .rev()
        .find(|p| !split_unit(p).place.is_empty())
        .or(parts.first())
        .copied()
        .unwrap_or("")
}

fn is_relative(unit: &Unit) -> bool {
    unit.is_relative() || (unit.place.is_empty() && !is_national(unit.organ))
}

fn is_national(organ: &str) -> bool {
    !organ.is_empty()
        && (NATIONAL_OPENINGS.iter().any(|w| organ.starts_with(w))
            || NATIONAL_ENDINGS.iter().any(|w| organ.ends_with(w)))
        && !organ.starts_with(|c: char| "省市区县镇乡我本全各该".contains(c))
}

/// The longest place among the candidates that ends with `place`.
fn completed_place(place: &str, candidates: &[(NameSource, String)]) -> String {
    let mut best = place.to_string();
    if place.is_empty() {
        return best;
    }
    for (_, name) in candidates {
        let other = split_unit(name).place;
        if other.len() > best.len() && other.ends_with(best.as_str()) {
            best = other.to_string();
        }
    }
    best
}

/// Whether a department-named unit actually reports on its whole place: it
/// only signs (the title or opening does not name the department), and the
/// report speaks as the place (全县, 我县) more than as the department (我局).
fn reports_on_whole_place(
    text: &str,
    page: &Page,
    source: NameSource,
    unit: &Unit,
    candidates: &[(NameSource, String)],
) -> bool {
    if source == NameSource::Title || source == NameSource::Opening {
        return false;
    }
    let opening_is_place = candidates.iter().any(|(s, n)| {
        *s == NameSource::Opening
            && split_unit(n).is_government()
            && split_unit(n).place == unit.place
    });
    if opening_is_place {
        return true;
    }
    let counts = self_reference_counts(text, page);
    let place_level = split_unit(unit.place).place_level();
    let as_place = counts
        .iter()
        .filter(|(l, _)| Some(*l) == place_level)
        .map(|(_, n)| n)
        .sum::<usize>();
    let as_department = counts
        .iter()
        .filter(|(l, _)| *l == Level::Department)
        .map(|(_, n)| n)
        .sum::<usize>();
    as_place > as_department
}

/// The unit at the start of a title ("六安市司法局关于2022年…", "临淄区2023年…",
/// "2020年静海区…"): what precedes 关于, the year or the topic.
fn title_subject(title: &str) -> Option<&str> {
    let mut s = title.trim();
    if let Some((0, _)) = years(s).next() {
        s = s[4 + '年'.len_utf8()..].trim_start_matches('度');
    }
    let unit = leading_unit(s)?;
    let rest = s[unit.len()..].trim_start();
    let follows = rest.starts_with("关于")
        || rest.starts_with(|c: char| c.is_ascii_digit())
        || TITLE_TOPIC_OPENINGS.iter().any(|w| rest.starts_with(w));
    follows.then_some(unit)
}

/// The unit right before "关于…年…报告" in a line that runs a page's header
/// and title together ("…www.mishuzj.com湖北省人民政府关于2023年度法治政府建设情况的报告2023年,…").
fn unit_before_guanyu(line: &str) -> Option<&str> {
    let at = line.find("关于")?;
    let after = &line[at..];
    if !(after.contains("报告") && years(after).next().is_some()) {
        return None;
    }
    let head = &line[..at];
    // 关于 inside a document name cites another unit's notice: 根据《湖南省人民政府关于…》.
    if head.matches('《').count() > head.matches('》').count() {
        return None;
    }
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| crate::page::scan::is_han(*c))
        .last()
        .map(|(i, _)| i)?;
    let name = &head[start..];
    leading_unit(name).filter(|u| u.len() == name.len() && !split_unit(u).place.is_empty())
}

/// The subject of the opening sentence ("2023年,四季青街道在区委…" → 四季青街道).
fn opening_subject(line: &str) -> Option<&str> {
    let rest = after_opening_time(line)?;
    leading_unit(rest)
}

/// The unit of "现将铜仁市2024年度法治政府建设情况报告如下".
fn reported_unit(line: &str) -> Option<&str> {
    let at = line.find("现将")?;
    leading_unit(&line[at + "现将".len()..])
}

/// The text after the opening's time phrase ("2023年,", "2024年以来,", "今年以来,").
fn after_opening_time(line: &str) -> Option<&str> {
    let mut rest = match years(line).next() {
        Some((0, _)) => line[4 + '年'.len_utf8()..].trim_start_matches('度'),
        _ => {
            let word = OPENING_TIME_WORDS.iter().find(|w| line.starts_with(*w))?;
            &line[word.len()..]
        }
    };
    rest = rest
        .strip_prefix("以来")
        .unwrap_or(rest)
        .trim_start_matches([',', ' ']);
    // "在市委、市政府的正确领导下,农业农村局认真贯彻…": the subject follows the
    // prepositional phrases.
    while rest.starts_with('在') {
        let Some(end) = rest
            .find("下,")
            .filter(|&e| chars(&rest[..e]) <= MAX_PREPOSITIONAL_CHARS)
        else {
            break;
        };
        rest = rest[end + "下,".len()..].trim_start();
    }
    Some(rest)
}

/// How often the report speaks of itself at each level.
fn self_reference_counts(text: &str, page: &Page) -> Vec<(Level, usize)> {
    let mut counts: Vec<(Level, usize)> = Vec::new();
    let lines: Vec<_> = page
        .lines
        .iter()
        .map(|l| visible(&text[l.range()]))
        .collect();
    for (word, level) in SELF_REFERENCES {
        let n: usize = lines.iter().map(|l| l.matches(word).count()).sum();
        if n == 0 {
            continue;
        }
        match counts.iter_mut().find(|(l, _)| l == level) {
            Some((_, total)) => *total += n,
            None => counts.push((*level, n)),
        }
    }
    counts
}

/// The level a report without a usable name gives itself: the subject of its
/// opening ("区民政局" is a department, "县政府" a county, "全省…" a province),
/// else the level it speaks as most often (a clear majority only).
fn self_reference_level(text: &str, page: &Page) -> Option<Level> {
    let first = page.lines.first().map(|l| &text[l.range()]);
    let level = first
        .and_then(relative_subject_level)
        .or_else(|| first.and_then(opening_self_reference))
        .or_else(|| most_used_self_reference(text, page))?;
    if level == Level::County && speaks_as_autonomous_region(&visible(&text[page.body.clone()])) {
        return Some(Level::Province);
    }
    Some(level)
}

/// The level of an opening that starts with a self-reference ("2024年,我县坚持…").
fn opening_self_reference(line: &str) -> Option<Level> {
    let opening = visible(after_opening_time(line)?);
    SELF_REFERENCES
        .iter()
        .find(|(w, _)| opening.starts_with(w))
        .map(|&(_, level)| level)
}

fn most_used_self_reference(text: &str, page: &Page) -> Option<Level> {
    let counts = self_reference_counts(text, page);
    let (level, n) = counts.iter().copied().max_by_key(|(_, n)| *n)?;
    let tied = counts.iter().filter(|(_, m)| *m == n).count() > 1;
    (!tied).then_some(level)
}

/// "全区" is a district's word and an autonomous region's: it is the region's
/// when the report speaks of 区 and never of 县, and names the region's organs.
fn speaks_as_autonomous_region(body: &str) -> bool {
    let as_district = ["我区", "全区", "本区"].iter().any(|w| body.contains(w));
    let as_county = ["我县", "全县", "本县"].iter().any(|w| body.contains(w));
    as_district && !as_county && AUTONOMOUS_REGION_WORDS.iter().any(|w| body.contains(w))
}

/// The organ of an opening subject that names no place ("区民政局", "农业农村局").
fn relative_subject(line: &str) -> Option<&str> {
    let subject = leading_unit(after_opening_time(line)?)?;
    let unit = split_unit(subject);
    let first_person = unit.organ.starts_with(|c: char| "我本全各该".contains(c));
    (unit.place.is_empty() && !unit.organ.is_empty() && !first_person).then_some(unit.organ)
}

/// The level of a relative subject of the opening: "区民政局" → department,
/// "县政府" → county.
fn relative_subject_level(line: &str) -> Option<Level> {
    let organ = relative_subject(line)?;
    let (place_char, rest) = split_relative(organ);
    if !split_unit(rest).is_government() {
        return Some(Level::Department);
    }
    level_of_suffix(place_char?)
}

/// Splits "区民政局" into its implied place (区) and its organ (民政局).
fn split_relative(organ: &str) -> (Option<char>, &str) {
    match organ.chars().next() {
        Some(c) if level_of_suffix(c).is_some() => (Some(c), &organ[c.len_utf8()..]),
        _ => (None, organ),
    }
}

fn level_of_suffix(c: char) -> Option<Level> {
    Some(match c {
        '省' => Level::Province,
        '市' | '州' => Level::City,
        '区' | '县' | '旗' => Level::County,
        '镇' | '乡' => Level::Township,
        _ => return None,
    })
}

/// The reporter of a report that names itself only relatively ("我县", "区民政局"):
/// the place at the head of its own documents' names, when that place has the
/// level the report speaks as ("我县…制定《兴国县法治政府建设实施方案》" → 兴国县).
/// Governments name their documents after their place; a department report
/// joins that place to the organ its opening names ("农业农村局" + 《海安市…》).
fn self_described_reporter(text: &str, page: &Page) -> Option<Reporter> {
    let level = self_reference_level(text, page)?;
    if level != Level::Department {
        let place = documented_place(text, page, Some(level))?;
        return Some(Reporter {
            jurisdiction: Some(place),
            level: Some(level),
        });
    }
    let organ = page
        .lines
        .first()
        .and_then(|l| relative_subject(&text[l.range()]))?;
    let (place_char, organ) = split_relative(organ);
    let place = documented_place(text, page, place_char.and_then(level_of_suffix))?;
    Some(Reporter {
        jurisdiction: Some(expand_abbreviations(&format!("{place}{organ}"))),
        level: Some(Level::Department),
    })
}

/// The place most often at the head of a document name in the body
/// (《景德镇市贯彻落实…》, 《2016年常州市推进依法行政…》), of the level wanted.
fn documented_place(text: &str, page: &Page, want: Option<Level>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for line in &page.lines {
        let s = &text[line.range()];
        for (at, _) in s.match_indices('《') {
            let mut name = s[at + '《'.len_utf8()..].trim_start_matches('〈');
            if let Some((0, _)) = years(name).next() {
                name = name[4 + '年'.len_utf8()..].trim_start_matches('度');
            }
            let place = leading_place(name);
            let level = split_unit(place).place_level();
            if place.is_empty() || want.is_some_and(|w| level != Some(w)) {
                continue;
            }
            match counts.iter_mut().find(|(p, _)| *p == place) {
                Some((_, n)) => *n += 1,
                None => counts.push((place, 1)),
            }
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .iter()
        .find(|(_, n)| *n == best)
        .map(|(p, _)| p.to_string())
}

/// The year the report covers. The evidence, strongest first:
/// 1. the year in the title ("临淄区2023年法治政府建设年度报告");
/// 2. the opening ("2023年,我区…", "现将2023年度…报告如下");
/// 3. the plan section's year − 1 ("三、2024年工作规划");
/// 4. the signing date: January–April of Y covers Y − 1 (the deadline is 4月1日),
///    October–December covers Y; a date in between says nothing;
/// 5. the posting date: January–April of Y covers Y − 1;
/// 6. the year the body names most often (a clear majority only).
///
/// The body's mentions come last because reports name other years for good
/// reasons (seed 004 covers 2024 and says "召开2023年度述法专题工作会议").
pub(crate) fn report_year(doc: &Document, page: &Page, outline: &Outline) -> Option<i32> {
    let text = doc.text();
    title_text(text, page)
        .and_then(|t| years(&t).next().map(|(_, y)| y))
        .or_else(|| opening_year(text, page))
        .or_else(|| plan_year(text, outline).map(|y| y - 1))
        .or_else(|| signature(text, page).and_then(|s| year_covered_by_signing(s.date)))
        .or_else(|| page.fields.published_date.and_then(year_covered_by_posting))
        .or_else(|| most_named_year(text, page))
}

fn opening_year(text: &str, page: &Page) -> Option<i32> {
    for line in page.lines.iter().take(OPENING_LINES) {
        let s = &text[line.range()];
        if let Some((0, year)) = years(s).next() {
            let after = s[4 + '年'.len_utf8()..].trim_start_matches('度');
            if !after.starts_with(['—', '-', '~', '至']) {
                return Some(year);
            }
        }
        if let Some(at) = s.find("现将") {
            if let Some((_, year)) = years(&s[at..]).next() {
                return Some(year);
            }
        }
    }
    None
}

/// The year named by a plan heading ("四、2024年推进法治政府建设的主要计划安排").
fn plan_year(text: &str, outline: &Outline) -> Option<i32> {
    const MAX_LEVEL: u8 = 2;
    outline
        .headings
        .iter()
        .filter(|h| h.level <= MAX_LEVEL)
        .map(|h| &text[h.title_bytes.clone()])
        .filter(|t| crate::parts::is_plan_title(t, None))
        .find_map(|t| years(t).next().map(|(_, y)| y))
}

/// Reports are signed in the first months after the year they cover (the
/// deadline is 4月1日); one signed at the end of a year covers that year.
fn year_covered_by_signing(date: Date) -> Option<i32> {
    match date.month {
        1..=4 => Some(date.year - 1),
        10..=12 => Some(date.year),
        _ => None,
    }
}

/// A page posted in the first months of a year carries the report on the year
/// before; a later posting may be a late report or an early one.
fn year_covered_by_posting(date: Date) -> Option<i32> {
    (date.month <= 4).then_some(date.year - 1)
}

/// The year the body names most often, when it clearly leads; years inside
/// document names (《…2021—2025年…》) and ranges do not count.
fn most_named_year(text: &str, page: &Page) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for line in &page.lines {
        let s = &text[line.range()];
        for (at, year) in years(s) {
            let quoted = s[..at].matches('《').count() > s[..at].matches('》').count();
            let ranged = s[..at].ends_with(['—', '-', '~'])
                || s[at + 4 + '年'.len_utf8()..].starts_with(['—', '-', '~']);
            if quoted || ranged {
                continue;
            }
            match counts.iter_mut().find(|(y, _)| *y == year) {
                Some((_, n)) => *n += 1,
                None => counts.push((year, 1)),
            }
        }
    }
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    match counts.as_slice() {
        [(year, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|(_, m)| m < n) => Some(*year),
        _ => None,
    }
}

fn published_date(page: &Page, page_meta: &[(String, String)]) -> Option<Date> {
    page.fields.published_date.or_else(|| {
        page_meta
            .iter()
            .filter(|(k, _)| PAGE_META_DATE_KEYS.contains(&k.as_str()))
            .find_map(|(_, v)| date_prefix(v.trim()).map(|(d, _)| d))
    })
}

/// Who issued the report: the signing unit, else the page's publisher, else
/// its source (a value without Han characters, like a site code, is no name).
fn issuer(doc: &Document, page: &Page, signature: Option<&Signature>) -> Option<String> {
    let ranges = [
        signature.map(|s| s.unit.clone()),
        page.fields.publisher.clone(),
        page.fields.source.clone(),
    ];
    ranges
        .into_iter()
        .flatten()
        .map(|r| doc.display_slice(r).trim())
        .find(|name| name.chars().any(crate::page::scan::is_han))
        .map(str::to_string)
}

#[cfg(test)]
mod tests;
