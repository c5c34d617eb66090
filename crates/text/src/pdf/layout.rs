//! Extracted PDF page text → paragraphs.
//!
//! Owns undoing the page layout: lines broken only because the line was full
//! are joined again, page-number lines ("— 1 —", "- 2 -", "第 3 页") are
//! dropped, and empty lines — which extractors put between lines wherever
//! the spacing is generous — carry no meaning. A line runs on into the next
//! when it does not end a sentence, fills the text width (a short line ends
//! its paragraph, which is how a title or a signature stays a line of its
//! own), and the next line does not start a heading ("一、", "(一)", "1.",
//! "第…"). It does not collapse whitespace inside lines; the text builder does.

use crate::builder::is_wide;

/// A line at least this share of the text width counts as full.
const FULL_LINE_PERCENT: usize = 80;
/// The text width is the width of the line at this percentile, so that a few
/// long lines (URLs, tables) do not set it.
const TEXT_WIDTH_PERCENTILE: usize = 90;

/// The paragraphs of a document, given the extracted text of each page.
pub(super) fn paragraphs(pages: &[String]) -> Vec<String> {
    let lines: Vec<&str> = pages.iter().flat_map(|page| content_lines(page)).collect();
    let text_width = text_width(&lines);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut last_line_width = 0;
    for line in lines {
        let runs_on = |paragraph: &String| {
            !ends_sentence(paragraph)
                && last_line_width * 100 >= text_width * FULL_LINE_PERCENT
                && !starts_heading(line)
        };
        match paragraphs.last_mut() {
            Some(paragraph) if runs_on(paragraph) => join(paragraph, line),
            _ => paragraphs.push(line.to_owned()),
        }
        last_line_width = width(line);
    }
    paragraphs
}

/// The non-empty lines of a page, without page numbers.
fn content_lines(page: &str) -> Vec<&str> {
    let lines: Vec<&str> = page
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .filter(|&(index, line)| {
            // A bare number is a page number only where page numbers go; in
            // the middle of a page it is more likely a table cell.
            let at_edge = index == 0 || index == last;
            !(is_decorated_page_number(line) || at_edge && is_number(line))
        })
        .map(|(_, line)| *line)
        .collect()
}

/// "— 1 —", "- 2 -", "第 3 页", "第3页 共10页", "3/10".
fn is_decorated_page_number(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let core = compact.trim_matches(['-', '—', '–', '－', '―', '·', '•']);
    if core.len() != compact.len() && is_number(core) {
        return true;
    }
    let digits: String = core.chars().filter(|c| !"第页共/".contains(*c)).collect();
    (core.contains('页') || core.contains('/')) && is_number(&digits) && core.chars().count() <= 16
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_digit)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十百零〇两".contains(c)
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['。', '；', ';', '：', ':', '！', '!', '？', '?', '”'])
}

/// "一、", "(一)", "（1）", "1.", "1、", "第一", "附件".
fn starts_heading(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    let is_numeral = |c: char| is_digit(c) || is_chinese_numeral(c);
    match first {
        '第' => rest.starts_with(is_numeral),
        '(' | '（' => {
            let after = rest.trim_start_matches(is_numeral);
            after.len() < rest.len() && after.starts_with([')', '）'])
        }
        _ if is_chinese_numeral(first) => rest
            .trim_start_matches(is_chinese_numeral)
            .starts_with('、'),
        _ if is_digit(first) => rest
            .trim_start_matches(is_digit)
            .starts_with(['.', '．', '、']),
        _ => line.starts_with("附件"),
    }
}

/// Display width: wide (CJK) chars count two.
fn width(line: &str) -> usize {
    line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn text_width(lines: &[&str]) -> usize {
    let mut widths: Vec<usize> = lines.iter().map(|line| width(line)).collect();
    widths.sort_unstable();
    let index = widths.len() * TEXT_WIDTH_PERCENTILE / 100;
    widths
        .get(index.min(widths.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0)
}

/// Joins a line broken by the layout: no space where CJK meets.
fn join(paragraph: &mut String, line: &str) {
    let cjk_seam = paragraph.chars().next_back().is_some_and(is_wide)
        || line.chars().next().is_some_and(is_wide);
    if !cjk_seam {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|text| text.to_string()).collect()
    }

    #[test]
    fn lines_broken_by_the_page_width_are_joined() {
        let first = "XX市2023年法治政府建设情况报告\n\n\
                     2023年，我市深入学习贯彻习近平法治思想，全面推进\n\n\
                     依法行政，法治政府建设取得新成效。现将有关情况报\n\
                     告如下：\n\
                     一、主要工作\n\
                     （一）加强党的领导。市政府常务会议专题研究法治政\n\
                     - 1 -";
        let second = "府建设工作，全年召开会议十二次，研究议题二十余项。\n— 2 —";
        assert_eq!(
            paragraphs(&pages(&[first, second])),
            [
                "XX市2023年法治政府建设情况报告",
                "2023年，我市深入学习贯彻习近平法治思想，全面推进依法行政，法治政府建设取得新成效。现将有关情况报告如下：",
                "一、主要工作",
                "（一）加强党的领导。市政府常务会议专题研究法治政府建设工作，全年召开会议十二次，研究议题二十余项。",
            ]
        );
    }

    #[test]
    fn page_numbers() {
        for line in ["— 1 —", "- 12 -", "第 3 页", "第3页 共10页", "3/10"] {
            assert!(is_decorated_page_number(line), "{line}");
        }
        for line in ["2023年", "12", "第一部分"] {
            assert!(!is_decorated_page_number(line), "{line}");
        }
        assert_eq!(
            content_lines("7\n序号\n12\n合计\n8"),
            ["序号", "12", "合计"]
        );
    }

    #[test]
    fn headings() {
        for line in [
            "一、总体情况",
            "（二）工作",
            "(3)措施",
            "1.制度",
            "２、机制",
            "第三章",
            "附件1",
        ] {
            assert!(starts_heading(line), "{line}");
        }
        for line in ["年度", "2023年，我市", "（备注）"] {
            assert!(!starts_heading(line), "{line}");
        }
    }
}
