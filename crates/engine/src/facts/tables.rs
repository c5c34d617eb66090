//! Tables: statistics tables that reached us flattened into lines.
//!
//! Web pages and statistics releases carry their figures in tables, and a
//! table survives text extraction in two shapes: rows with cells between `|`
//! ("申请数量 | 受理数量 | 许可数量" over "26569 | 26569 | 26462"), or one cell per
//! line (five header lines, then five number lines). This module pairs each
//! number cell with its column header, its row label and the table's caption,
//! and writes the pairing as a short phrase ("行政许可实施数量:许可数量26462宗")
//! that the ordinary rules then read, with every character of the number
//! still pointing at the cell it came from.
//!
//! It does not decide what a cell measures, and it ignores tables whose
//! cells carry no unit (neither in the header, the group header nor the
//! caption): a bare number is not a figure.

use std::ops::Range;

use crate::document::{Document, Line};

/// A table cell's number, written out as a phrase for the rules to read.
pub(super) struct TableFigure {
    /// The phrase: caption, then the cell's own words, then the number and unit.
    pub text: String,
    /// Byte offset in `doc.text()` of each char of `text`, plus the end.
    pub bytes: Vec<usize>,
    /// What the reviewer sees as evidence: caption, row and column, value.
    pub evidence: String,
    /// Char index in `text` where the cell's number starts: only the figure
    /// from there on is the cell's (a caption may hold numbers of its own).
    pub number_at: usize,
    /// A category of a total the table also gives (a row beside a 总计 row,
    /// a column beside a 合计 column in the same unit): a part, not the whole.
    pub is_part: bool,
}

/// Row labels and headers that mark a total.
const TOTAL_WORDS: &[&str] = &["合计", "总计", "小计", "总数", "共计"];

/// Column headers that name no quantity of their own ("数量").
const GENERIC_HEADERS: &[&str] = &["数量", "件数", "数值", "数目"];

/// Units a table may give in parentheses, as in "合计(宗)" or "罚没金额(万元)".
const TABLE_UNITS: &[&str] = &[
    "万元", "亿元", "元", "件", "宗", "起", "人次", "人", "次", "个", "项", "条", "份", "家", "户",
    "%",
];

/// Longest line that can be a header cell or a caption.
const MAX_HEADER_CHARS: usize = 24;
const MAX_CAPTION_CHARS: usize = 60;

pub(super) fn table_figures(doc: &Document, lines: &[Line]) -> Vec<TableFigure> {
    let text = doc.text();
    let rows: Vec<Row> = lines.iter().map(|l| Row::parse(text, l)).collect();
    let mut figures = Vec::new();
    pipe_tables(doc, &rows, &mut figures);
    stacked_tables(doc, &rows, &mut figures);
    figures
}

/// One line, split into cells.
struct Row {
    cells: Vec<Range<usize>>,
    piped: bool,
}

impl Row {
    fn parse(text: &str, line: &Line) -> Row {
        let slice = &text[line.range()];
        if slice.matches('|').count() < 2 {
            return Row {
                cells: trimmed(text, line.range()).into_iter().collect(),
                piped: false,
            };
        }
        let mut cells = Vec::new();
        let mut start = line.start;
        for (i, c) in slice.char_indices() {
            if c == '|' {
                cells.extend(trimmed(text, start..line.start + i));
                start = line.start + i + 1;
            }
        }
        cells.extend(trimmed(text, start..line.end));
        Row { cells, piped: true }
    }

    fn numbers(&self, text: &str) -> usize {
        self.cells
            .iter()
            .filter(|c| is_number(&text[(*c).clone()]))
            .count()
    }

    /// A row of values: numbers in most of its cells.
    fn is_values(&self, text: &str) -> bool {
        let n = self.numbers(text);
        n >= 1 && n * 2 >= self.cells.len()
    }
}

fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    (end > start).then_some(start..end)
}

fn is_number(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && cell.starts_with(|c: char| c.is_ascii_digit())
}

/// Rows of `|`-separated cells: each value row under the header row above it.
fn pipe_tables(doc: &Document, rows: &[Row], figures: &mut Vec<TableFigure>) {
    let text = doc.text();
    for (i, row) in rows.iter().enumerate() {
        if !row.piped || !row.is_values(text) {
            continue;
        }
        let Some(h) = (0..i)
            .rev()
            .take(12)
            .find(|&j| rows[j].piped && !rows[j].is_values(text))
        else {
            continue;
        };
        let header = &rows[h];
        let group = h
            .checked_sub(1)
            .filter(|&g| rows[g].piped && rows[g].cells.len() < header.cells.len());
        let caption_at = group.unwrap_or(h);
        let caption = caption_before(text, rows, caption_at);
        let group_text = group.map(|g| cell_text(text, &rows[g].cells[0]));
        let context = Context {
            caption: caption.as_deref(),
            group: group_text,
        };
        if header.cells.len() == row.cells.len() && row.numbers(text) == row.cells.len() {
            let heads: Vec<&str> = header.cells.iter().map(|h| cell_text(text, h)).collect();
            let total_unit = heads
                .iter()
                .find(|h| is_total(h))
                .and_then(|h| context.unit(h));
            for (head, cell) in heads.iter().zip(&row.cells) {
                let is_part =
                    !is_total(head) && total_unit.is_some() && context.unit(head) == total_unit;
                figures.extend(context.figure(doc, None, head, cell, is_part));
            }
        } else {
            // "广东 | 31392 | 河北 | 7040": each number under its header, labelled by the cell on its left.
            for (k, cell) in row.cells.iter().enumerate().skip(1) {
                if !is_number(&text[cell.clone()]) || is_number(&text[row.cells[k - 1].clone()]) {
                    continue;
                }
                let head = header.cells.get(k).map_or("", |h| cell_text(text, h));
                let label = cell_text(text, &row.cells[k - 1]);
                // A named row of a ranking is one unit's share of the whole.
                figures.extend(context.figure(doc, Some(label), head, cell, !is_total(label)));
            }
        }
    }
}

/// One cell per line: a run of header lines followed by as many number lines.
fn stacked_tables(doc: &Document, rows: &[Row], figures: &mut Vec<TableFigure>) {
    let text = doc.text();
    let single = |r: &Row| !r.piped && r.cells.len() == 1;
    let mut i = 0;
    while i < rows.len() {
        let headers_start = i;
        while i < rows.len()
            && single(&rows[i])
            && is_header_line(cell_text(text, &rows[i].cells[0]))
        {
            i += 1;
        }
        let values_start = i;
        while i < rows.len() && single(&rows[i]) && is_number(cell_text(text, &rows[i].cells[0])) {
            i += 1;
        }
        let (headers, values) = (values_start - headers_start, i - values_start);
        if headers >= 2 && values >= 2 && headers >= values {
            // Values pair with the last headers; header lines before them are the group.
            let first_header = values_start - values;
            let group = (first_header > headers_start)
                .then(|| cell_text(text, &rows[first_header - 1].cells[0]));
            let caption = caption_before(text, rows, headers_start);
            let context = Context {
                caption: caption.as_deref().or(group),
                group,
            };
            let heads: Vec<&str> = (0..values)
                .map(|k| cell_text(text, &rows[first_header + k].cells[0]))
                .collect();
            let total_unit = heads
                .iter()
                .find(|h| is_total(h))
                .and_then(|h| context.unit(h));
            for (k, head) in heads.iter().enumerate() {
                let is_part =
                    !is_total(head) && total_unit.is_some() && context.unit(head) == total_unit;
                figures.extend(context.figure(
                    doc,
                    None,
                    head,
                    &rows[values_start + k].cells[0],
                    is_part,
                ));
            }
        }
        if i == headers_start {
            i += 1;
        }
    }
}

fn is_total(words: &str) -> bool {
    TOTAL_WORDS.iter().any(|t| without_parentheses(words) == *t)
}

fn is_header_line(cell: &str) -> bool {
    // A paragraph is far longer than a header in bytes already: skip counting its chars.
    if cell.len() > MAX_HEADER_CHARS * 4 {
        return false;
    }
    let n = cell.chars().count();
    n > 0 && n <= MAX_HEADER_CHARS && !is_number(cell) && !cell.ends_with(['。', ',', ':', ';'])
}

fn cell_text<'t>(text: &'t str, cell: &Range<usize>) -> &'t str {
    &text[cell.clone()]
}

/// The table's caption: the nearest short plain line above it (above the
/// table's own rows, when a header repeats inside the table).
fn caption_before(text: &str, rows: &[Row], at: usize) -> Option<String> {
    let top = (0..at).rev().find(|&j| !rows[j].piped).map_or(0, |j| j + 1);
    (top.saturating_sub(3)..top)
        .rev()
        .map(|j| &rows[j])
        .find_map(|r| {
            let line = r.cells.first().map(|c| cell_text(text, c))?;
            let is_sentence = line.contains(['。', ',', ';']);
            (!r.piped
                && !is_sentence
                && line.chars().count() <= MAX_CAPTION_CHARS
                && !is_number(line))
            .then(|| line.to_owned())
        })
}

/// What a table says about all its cells.
struct Context<'a> {
    caption: Option<&'a str>,
    group: Option<&'a str>,
}

impl Context<'_> {
    /// The unit of a column: its header's, else the group header's, else the caption's.
    fn unit(&self, header: &str) -> Option<&'static str> {
        [Some(header), self.group, self.caption]
            .into_iter()
            .flatten()
            .find_map(unit_in)
    }

    /// The phrase for one number cell, or nothing when no unit is known.
    fn figure(
        &self,
        doc: &Document,
        label: Option<&str>,
        header: &str,
        cell: &Range<usize>,
        is_part: bool,
    ) -> Option<TableFigure> {
        let text = doc.text();
        let number = &text[cell.clone()];
        let unit = self.unit(header)?;
        let header_words = without_parentheses(header);
        let label = label.unwrap_or("");
        let subject = self
            .group
            .or(self.caption)
            .map(without_parentheses)
            .unwrap_or_default();
        // A total, or a bare 数量 column, counts what the table is about.
        let counts_the_subject = is_total(&header_words)
            || is_total(label)
            || (label.is_empty() && GENERIC_HEADERS.contains(&header_words.as_str()));
        let own = if counts_the_subject {
            format!("{subject}{label}{header_words}")
        } else {
            format!("{label}{header_words}")
        };
        let caption = self.caption.unwrap_or("");
        let lead = if caption.is_empty() {
            own
        } else {
            format!("{caption},{own}")
        };
        let mut phrase = lead.clone();
        phrase.push_str(number);
        phrase.push_str(unit);
        let mut bytes: Vec<usize> = lead.chars().map(|_| cell.start).collect();
        bytes.extend(number.char_indices().map(|(i, _)| cell.start + i));
        bytes.extend(unit.chars().map(|_| cell.end));
        bytes.push(cell.end);
        let evidence = format!(
            "{} {label}{header}: {}",
            caption,
            doc.display_slice(cell.clone())
        );
        let number_at = lead.chars().count();
        Some(TableFigure {
            text: phrase,
            bytes,
            evidence: evidence.trim().to_owned(),
            number_at,
            is_part,
        })
    }
}

/// The unit a header or caption gives: "(宗)", "(万元)", or 件 for a table of 案件.
fn unit_in(words: &str) -> Option<&'static str> {
    let inner = words.split(['(', ')']).skip(1).step_by(2);
    let stated = inner
        .filter_map(|w| TABLE_UNITS.iter().find(|u| **u == w.trim()))
        .next()
        .copied();
    stated.or_else(|| words.contains("案件").then_some("件"))
}

fn without_parentheses(words: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in words.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.trim();
    let out = out.split_once(':').map_or(
        out,
        |(head, rest)| if head.starts_with('表') { rest } else { out },
    );
    out.trim_end_matches("情况")
        .trim_end_matches("统计表")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let doc = Document::new(input);
        let figures = table_figures(&doc, &doc.lines());
        let got: Vec<String> = figures.iter().map(|f| f.text.clone()).collect();
        assert_eq!(got, expected);
        for f in &figures {
            assert_eq!(f.bytes.len(), f.text.chars().count() + 1);
        }
    }

    #[test]
    fn piped_rows_pair_with_their_headers() {
        check(
            "县行政许可实施情况统计表\n行政许可实施数量(宗) | |||\n申请数量 | 许可数量 | 不予许可数量 |\n26569 | 26462 | 102 |",
            &[
                "县行政许可实施情况统计表,申请数量26569宗",
                "县行政许可实施情况统计表,许可数量26462宗",
                "县行政许可实施情况统计表,不予许可数量102宗",
            ],
        );
    }

    #[test]
    fn totals_take_the_group_header() {
        check(
            "处罚统计表\n行政处罚实施数量(宗) | ||\n警告 | 合计(宗) | 罚没金额(万元) |\n12 | 108156 | 1753.79 |",
            &["处罚统计表,警告12宗", "处罚统计表,行政处罚实施数量合计108156宗", "处罚统计表,罚没金额1753.79万元"],
        );
    }

    #[test]
    fn label_value_pairs_take_the_caption() {
        check(
            "表1:受理行政复议案件情况(按数量降序排列)\n省份 | 数量 | 省份 | 数量 |\n广东 | 31392 | 河北 | 7040 |\n总计 | 183489 | |||",
            &[
                "表1:受理行政复议案件情况(按数量降序排列),广东数量31392件",
                "表1:受理行政复议案件情况(按数量降序排列),河北数量7040件",
                "表1:受理行政复议案件情况(按数量降序排列),受理行政复议案件总计数量183489件",
            ],
        );
    }

    #[test]
    fn one_cell_per_line_tables_pair_from_the_end() {
        check(
            "行政许可实施数量(宗)\n申请数量\n许可数量\n不予许可数量\n2207\n2207\n0",
            &[
                "行政许可实施数量(宗),申请数量2207宗",
                "行政许可实施数量(宗),许可数量2207宗",
                "行政许可实施数量(宗),不予许可数量0宗",
            ],
        );
    }

    #[test]
    fn prose_and_unitless_tables_give_nothing() {
        check("受理行政复议案件145件,审结137件。", &[]);
        check("名称 | 编号 |\n甲 | 12 |", &[]);
        check("一、总体情况\n二、主要做法\n2023", &[]);
    }
}
