//! Plain text → clean text.
//!
//! Owns line handling for text files: CRLF and CR line endings, whitespace
//! at line ends, and runs of empty lines (kept to one). It maps each char to
//! its byte in the decoded file. Whatever chrome a saved page carries stays:
//! telling chrome from content is the analysis engine's job.

use crate::builder::TextBuilder;
use crate::Extracted;

/// Reads decoded plain text.
pub(crate) fn read(source: &str) -> Extracted {
    let mut builder = TextBuilder::with_capacity(source.len());
    let mut line_start = 0;
    for line in source.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        // A lone CR is a line break too (classic Mac files).
        let mut piece_start = line_start;
        for piece in content.split('\r') {
            read_line(&mut builder, piece, piece_start);
            piece_start += piece.len() + '\r'.len_utf8();
        }
        line_start += line.len();
    }
    Extracted::from_builder(builder)
}

fn read_line(builder: &mut TextBuilder, line: &str, line_start: usize) {
    if line.trim().is_empty() {
        builder.blank_line();
        return;
    }
    let mut cell_start = line_start;
    for (i, cell) in line.split('\t').enumerate() {
        if i > 0 {
            builder.tab();
        }
        builder.push_verbatim(cell, cell_start);
        cell_start += cell.len() + '\t'.len_utf8();
    }
    builder.end_line();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_blank_runs_and_trailing_space() {
        let source = "标题  \r\n\r\n\r\n\r\n正文\r第二行\t列\n\n";
        let extracted = read(source);
        assert_eq!(extracted.text, "标题\n\n正文\n第二行\t列");
        let second_line = extracted.text.chars().position(|c| c == '正').unwrap_or(0);
        assert_eq!(extracted.map.source_offset(second_line), source.find('正'));
    }
}
