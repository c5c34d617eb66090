//! Page: separates the report's body from the web page around it.
//!
//! Reports are published as web pages, so their text arrives wrapped in site
//! chrome (breadcrumbs, widgets, footers) and metadata lines ("发布日期:…").
//! `Page::read` classifies every line, finds where the body starts (the first
//! line of running text or the first numbered heading) and where it ends (the
//! first footer line), keeps the report's title line shown above the body,
//! collects the page's metadata into `PageFields`, and notices a body that
//! the page publishes twice. It does not interpret the report: headings are
//! `outline`'s, metadata meanings are `meta`'s.

pub(crate) mod chrome;
pub(crate) mod dates;
pub(crate) mod fields;
pub(crate) mod scan;

use std::ops::Range;

use crate::document::{Document, Line};
use crate::meta::is_unit_name;
use crate::{Diagnostic, Severity};

use chrome::{is_chrome, is_footer};
pub use fields::PageFields;
use fields::{has_labels, pairs, starts_with_label, unlabelled_posting_date, Pair};
use scan::chars;

pub struct Page {
    /// Byte range of the body in `doc.text()`: after the header chrome, before
    /// the footer chrome; the first copy when the body is published twice.
    pub body: Range<usize>,
    /// The lines of the body that are report text (chrome lines inside removed).
    pub lines: Vec<Line>,
    /// What the page's metadata lines say.
    pub fields: PageFields,
    /// Byte range of the report's title line above the body, when the page shows one.
    pub title: Option<Range<usize>>,
    /// A unit-name line right above the title ("济源市人民政府" over
    /// "关于2025年度法治政府建设情况的报告"): the title's first half.
    pub title_unit: Option<Range<usize>>,
    /// Byte ranges of the other unit-name lines above the body: the site's
    /// owner, a letterhead ("中华人民共和国司法部", "郑州市城市管理局").
    pub header_units: Vec<Range<usize>>,
    /// Byte range of the second copy when the page publishes the body twice.
    pub duplicate: Option<Range<usize>>,
}

/// What one line of the page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Empty,
    /// A footer line: the body has ended.
    Footer,
    /// A metadata line ("发布日期:…", "2023-03-27 17:05 来源:…").
    Meta,
    /// Site widgets and navigation.
    Chrome,
    /// Running text: long enough and punctuated.
    Prose,
    /// Anything else: headings, titles, unit names, dates, short text.
    Plain,
}

/// Running text has at least this many characters…
const MIN_PROSE_CHARS: usize = 20;
/// …and one of these marks.
const PROSE_MARKS: &[char] = &[',', '。', ';'];
/// A metadata line is short; a longer line that opens with "时间:" is text.
const MAX_META_CHARS: usize = 160;
/// The longest title line, in characters.
const MAX_TITLE_CHARS: usize = 80;
/// Words of which a title line has one of each group: what kind of document it
/// is, and what it is about.
const TITLE_DOC_WORDS: &[&str] = &["报告", "总结"];
const TITLE_TOPIC_WORDS: &[&str] = &["法治", "法制", "依法行政"];

impl Kind {
    fn of(line: &str) -> Kind {
        if line.is_empty() {
            return Kind::Empty;
        }
        if is_footer(line) {
            return Kind::Footer;
        }
        if is_meta(line) {
            return Kind::Meta;
        }
        if is_chrome(line) {
            return Kind::Chrome;
        }
        if chars(line) >= MIN_PROSE_CHARS && line.contains(PROSE_MARKS) {
            return Kind::Prose;
        }
        Kind::Plain
    }

    fn is_text(self) -> bool {
        matches!(self, Kind::Prose | Kind::Plain)
    }
}

fn is_meta(line: &str) -> bool {
    if line.contains('。') || chars(line) > MAX_META_CHARS {
        return false;
    }
    starts_with_label(line) || has_labels(line, 2) || unlabelled_posting_date(line).is_some()
}

impl Page {
    pub fn read(doc: &Document, diagnostics: &mut Vec<Diagnostic>) -> Page {
        let text = doc.text();
        let lines: Vec<Line> = doc.lines().into_iter().map(|l| trim(text, l)).collect();
        let kinds: Vec<Kind> = lines.iter().map(|l| Kind::of(&text[l.range()])).collect();
        let start = body_start(text, &lines, &kinds);
        let end = (start..lines.len())
            .find(|&i| kinds[i] == Kind::Footer)
            .unwrap_or(lines.len());

        let mut body_lines: Vec<Line> = (start..end)
            .filter(|&i| kinds[i].is_text())
            .map(|i| lines[i])
            .collect();
        let fields = read_fields(text, &lines, &kinds, start..end);
        let (title, title_unit) = title_lines(text, &lines[..start], &kinds[..start]);
        let header_units = (0..start)
            .filter(|&i| kinds[i] == Kind::Plain && is_unit_name(&text[lines[i].range()]))
            .map(|i| lines[i].range())
            .filter(|r| Some(r) != title_unit.as_ref())
            .collect();

        let mut duplicate = None;
        if let Some(copy) = second_copy(text, &body_lines) {
            let copy_start = body_lines[copy].start;
            let copy_end = body_lines.last().map_or(copy_start, |l| l.end);
            duplicate = Some(copy_start..copy_end);
            body_lines.truncate(copy);
            diagnostics.push(Diagnostic {
                level: Severity::Warning,
                message: format!(
                    "正文重复发布: 第二份从第 {} 字起",
                    doc.char_offset(copy_start)
                ),
            });
        }
        if body_lines.is_empty() && !text.trim().is_empty() {
            diagnostics.push(Diagnostic {
                level: Severity::Warning,
                message: "未找到报告正文: 页面只有导航、页眉页脚等内容".to_string(),
            });
        }
        let body = match (body_lines.first(), body_lines.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => {
                let at = lines.get(start).map_or(text.len(), |l| l.start);
                at..at
            }
        };
        Page {
            body,
            lines: body_lines,
            fields,
            title,
            title_unit,
            header_units,
            duplicate,
        }
    }
}

/// Characters trimmed from both ends of every line: spaces, and the invisible
/// marks that copied web text carries.
const LINE_TRIM: &[char] = &[' ', '\t', '\u{200B}', '\u{FEFF}'];
/// List bullets trimmed from the start of a line ("  • 发布日期:2022-03-31").
const BULLETS: &[char] = &['•', '·', '●', '■', '◆', '▪'];

fn trim(text: &str, line: Line) -> Line {
    let s = &text[line.range()];
    let mut opened = s.trim_start_matches(LINE_TRIM);
    if let Some(rest) = opened.strip_prefix(BULLETS) {
        let rest = rest.trim_start_matches(LINE_TRIM);
        if !rest.is_empty() {
            opened = rest;
        }
    }
    let start = line.start + (s.len() - opened.len());
    let end = line.start + s.trim_end_matches(LINE_TRIM).len();
    Line {
        start,
        end: end.max(start),
    }
}

/// The index of the first body line: the first line of running text, or the
/// first numbered heading; everything before it is the page's header.
fn body_start(text: &str, lines: &[Line], kinds: &[Kind]) -> usize {
    let opens_body = |i: usize| match kinds[i] {
        Kind::Prose => true,
        Kind::Plain => crate::outline::is_heading_line(&text[lines[i].range()]),
        _ => false,
    };
    (0..lines.len())
        .find(|&i| opens_body(i))
        .or_else(|| (0..lines.len()).find(|&i| kinds[i] == Kind::Plain))
        .unwrap_or(lines.len())
}

/// Reads the metadata of every line outside the body text: header and footer
/// lines, and metadata or chrome lines inside the body.
fn read_fields(text: &str, lines: &[Line], kinds: &[Kind], body: Range<usize>) -> PageFields {
    let mut fields = PageFields::default();
    let mut posting_stamp = None;
    for (i, line) in lines.iter().enumerate() {
        let outside = !body.contains(&i);
        let readable = matches!(kinds[i], Kind::Meta | Kind::Footer | Kind::Chrome)
            || (outside && kinds[i] == Kind::Plain);
        if !readable {
            continue;
        }
        let s = &text[line.range()];
        let mut found = pairs(s, line.start);
        if let Some(last) = found.last_mut() {
            value_on_next_line(text, last, lines.get(i + 1), kinds.get(i + 1));
        }
        for pair in &found {
            fields.record(text, pair);
        }
        if outside && posting_stamp.is_none() {
            posting_stamp = unlabelled_posting_date(s).map(|d| (d, line.range()));
        }
    }
    if let (None, Some((date, bytes))) = (fields.published_date, posting_stamp) {
        fields.published_date = Some(date);
        fields.published_bytes = Some(bytes);
    }
    fields
}

/// Some pages print a label on one line and its value on the next
/// ("名    称 :" / "河东区人民政府2022年法治政府建设情况报告").
fn value_on_next_line(text: &str, pair: &mut Pair, next: Option<&Line>, kind: Option<&Kind>) {
    const MAX_VALUE_CHARS: usize = 60;
    let (Some(next), Some(Kind::Plain)) = (next, kind) else {
        return;
    };
    let value = &text[next.range()];
    if pair.value.is_empty() && chars(value) <= MAX_VALUE_CHARS {
        pair.value = next.range();
    }
}

/// The report's title line among the header lines, and the unit line above
/// it. The last candidate wins: pages often repeat the title, and the copy
/// nearest the body belongs to the document, earlier ones to the page.
fn title_lines(
    text: &str,
    header: &[Line],
    kinds: &[Kind],
) -> (Option<Range<usize>>, Option<Range<usize>>) {
    let Some(i) = (0..header.len())
        .rev()
        .find(|&i| kinds[i] == Kind::Plain && is_title(&text[header[i].range()]))
    else {
        return (None, None);
    };
    let unit = (0..i)
        .rev()
        .find(|&j| kinds[j] != Kind::Empty)
        .filter(|&j| kinds[j] == Kind::Plain && is_unit_name(&text[header[j].range()]));
    (Some(header[i].range()), unit.map(|j| header[j].range()))
}

fn is_title(line: &str) -> bool {
    chars(line) <= MAX_TITLE_CHARS
        && TITLE_DOC_WORDS.iter().any(|w| line.contains(w))
        && TITLE_TOPIC_WORDS.iter().any(|w| line.contains(w))
        && !line.ends_with(':')
}

/// Where the body starts again when the page publishes it twice: the first
/// substantial line occurs again later, and the lines after it match too.
/// Returns the index (in `lines`) of the second copy's first line.
fn second_copy(text: &str, lines: &[Line]) -> Option<usize> {
    /// A line this long is unlikely to be repeated by chance.
    const MIN_CHARS: usize = 20;
    /// How many following substantial lines must match to confirm a copy.
    const CONFIRM: usize = 3;
    let same = |a: usize, b: usize| text[lines[a].range()] == text[lines[b].range()];
    let substantial: Vec<usize> = (0..lines.len())
        .filter(|&i| chars(&text[lines[i].range()]) >= MIN_CHARS)
        .collect();
    let (&first, rest) = substantial.split_first()?;
    for (k, &candidate) in rest.iter().enumerate() {
        if !same(first, candidate) {
            continue;
        }
        let after_first = &substantial[1..];
        let after_copy = &rest[k + 1..];
        let n = after_copy.len().min(CONFIRM);
        if n > 0 && (0..n).all(|j| same(after_first[j], after_copy[j])) {
            // A short line repeated just before both copies (a subtitle) belongs to the copy.
            let (mut a, mut b) = (first, candidate);
            while a > 0 && b > a + 1 && same(a - 1, b - 1) {
                a -= 1;
                b -= 1;
            }
            return Some(b);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Document<'_>, Page, Vec<Diagnostic>) {
        let doc = Document::new(text);
        let mut diagnostics = Vec::new();
        let page = Page::read(&doc, &mut diagnostics);
        (doc, page, diagnostics)
    }

    fn body_lines(doc: &Document, page: &Page) -> Vec<String> {
        page.lines
            .iter()
            .map(|l| doc.text()[l.range()].to_string())
            .collect()
    }

    const PARAGRAPH: &str =
        "2023年,我区按照法治政府建设的总要求,深入推进法治政府建设,现将工作情况报告如下:";

    #[test]
    fn chrome_around_the_body_is_dropped() {
        let text = format!(
            "当前位置: 首页 > 政务 > 执法公开\n更新时间:2024-02-28浏览次数:来源:区法制办作者:区卫健局 字体[ 大 中 小 ]\n{PARAGRAPH}\n一、2023年工作情况\n  • 打印\n株洲市芦淞区人民政府\n2024年2月23日\n版权所有:株洲市芦淞区人民政府\n联系我们"
        );
        let (doc, page, diagnostics) = read(&text);
        assert_eq!(
            body_lines(&doc, &page),
            [
                PARAGRAPH,
                "一、2023年工作情况",
                "株洲市芦淞区人民政府",
                "2024年2月23日"
            ]
        );
        assert_eq!(
            page.fields.published_date.map(|d| d.to_string()).as_deref(),
            Some("2024-02-28")
        );
        assert_eq!(
            page.fields.source.clone().map(|r| &doc.text()[r]),
            Some("区法制办")
        );
        assert_eq!(
            page.fields.author.clone().map(|r| &doc.text()[r]),
            Some("区卫健局")
        );
        assert!(page.title.is_none());
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn title_and_unit_above_the_body() {
        let text = format!("法治政府建设\n当前位置: 法治政府建设专栏>法治政府工作报告\n来源:司法局 发布日期:2026-01-22\n\n济源市人民政府\n\n关于2025年度法治政府建设情况的报告\n\n{PARAGRAPH}");
        let (doc, page, _) = read(&text);
        assert_eq!(
            page.title.clone().map(|r| &doc.text()[r]),
            Some("关于2025年度法治政府建设情况的报告")
        );
        assert_eq!(
            page.title_unit.clone().map(|r| &doc.text()[r]),
            Some("济源市人民政府")
        );
        assert_eq!(
            page.fields.published_date.map(|d| d.to_string()).as_deref(),
            Some("2026-01-22")
        );
        assert_eq!(body_lines(&doc, &page), [PARAGRAPH]);
    }

    #[test]
    fn written_date_is_not_the_posting_date() {
        let text = format!("索引号: | 002564301/2025-00062 | 成文日期: | 2025-01-27 |\n文件编号: | 发布机构: | 湖州市交通运输局 |\n{PARAGRAPH}");
        let (doc, page, _) = read(&text);
        assert_eq!(page.fields.published_date, None);
        assert_eq!(
            page.fields.written_date.map(|d| d.to_string()).as_deref(),
            Some("2025-01-27")
        );
        assert_eq!(
            page.fields.publisher.clone().map(|r| &doc.text()[r]),
            Some("湖州市交通运输局")
        );
    }

    #[test]
    fn labels_with_values_on_the_next_line() {
        let text = format!("名    称 :\n河东区人民政府2022年法治政府建设情况报告\n成 文 日 期 :\n发 文 日 期 :\n发 布 机 构 :\n天津市河东区人民政府\n{PARAGRAPH}");
        let (doc, page, _) = read(&text);
        assert_eq!(
            page.fields.title.clone().map(|r| &doc.text()[r]),
            Some("河东区人民政府2022年法治政府建设情况报告")
        );
        assert_eq!(
            page.fields.publisher.clone().map(|r| &doc.text()[r]),
            Some("天津市河东区人民政府")
        );
        assert_eq!(page.fields.written_date, None);
    }

    #[test]
    fn bullets_are_trimmed() {
        let text = format!("  • 发布日期:2022-03-31\n  • |\n  • 打印\n• {PARAGRAPH}");
        let (doc, page, _) = read(&text);
        assert_eq!(body_lines(&doc, &page), [PARAGRAPH]);
        assert_eq!(
            page.fields.published_date.map(|d| d.to_string()).as_deref(),
            Some("2022-03-31")
        );
    }

    #[test]
    fn posting_stamp_without_label() {
        let text = format!("中共海南省委 海南省人民政府\n关于2022年法治政府建设情况的报告\n2023-03-27 17:05 来源: 海南省人民政府网 【字体:   打印\n\n{PARAGRAPH}");
        let (doc, page, _) = read(&text);
        assert_eq!(
            page.fields.published_date.map(|d| d.to_string()).as_deref(),
            Some("2023-03-27")
        );
        assert_eq!(
            page.title_unit.clone().map(|r| &doc.text()[r]),
            Some("中共海南省委 海南省人民政府")
        );
    }

    #[test]
    fn a_body_published_twice_keeps_the_first_copy() {
        let lines = [
            "一、主要举措和成效",
            "(一)持续升级政务服务改革,不断优化法治营商环境。一是深入推进改革。",
            "(二)完善依法行政体制机制,全面提升依法治理能力。一是抓好审查。",
            "二、存在的不足和原因",
            "一是法治能力还有差距,法治观念还需要进一步提升。",
        ];
        let once = format!("{PARAGRAPH}\n{}", lines.join("\n"));
        let text = format!("{once}\n{once}");
        let (doc, page, diagnostics) = read(&text);
        assert_eq!(page.lines.len(), 6);
        let second = text.rfind(PARAGRAPH).unwrap();
        assert_eq!(page.duplicate.clone().map(|r| r.start), Some(second));
        assert_eq!(page.body.end, once.len());
        let at = doc.char_offset(second);
        assert_eq!(
            diagnostics,
            [Diagnostic {
                level: Severity::Warning,
                message: format!("正文重复发布: 第二份从第 {at} 字起")
            }]
        );
    }

    #[test]
    fn a_repeated_sentence_is_not_a_second_copy() {
        let text = format!("{PARAGRAPH}\n一、甲方面的工作情况,这是第一段较长的正文内容。\n{PARAGRAPH}\n二、乙方面的工作情况,这是另一段较长的正文内容。");
        let (_, page, diagnostics) = read(&text);
        assert!(page.duplicate.is_none());
        assert_eq!(page.lines.len(), 4);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn empty_and_chrome_only_pages() {
        for text in ["", "\n\n", "打印\n关闭", "当前位置: 首页 > 政务"] {
            let (_, page, diagnostics) = read(text);
            assert!(page.lines.is_empty(), "{text:?}");
            assert!(page.body.is_empty());
            assert_eq!(
                diagnostics.len(),
                usize::from(!text.trim().is_empty()),
                "{text:?}"
            );
        }
    }
}
