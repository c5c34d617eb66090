//! PDF → clean text and document information.
//!
//! Owns choosing the extractor and judging what it produced: the built-in
//! `pdf-extract` first; if that fails or its text is empty or garbled (CJK
//! fonts without a Unicode map come out as replacement characters,
//! private-use characters or Latin-1 accents), the `pdftotext` command when
//! it is installed. The chosen extractor is named in a note. Turning the
//! extracted page text into paragraphs is [`layout`]'s job. PDF text has no
//! source string, so its [`SourceMap`](crate::SourceMap) maps nothing.

mod builtin;
mod layout;
mod pdftotext;

use crate::builder::TextBuilder;
use crate::error::{PdfProblem, ReadError};
use crate::Extracted;

/// Reads a PDF file.
pub(crate) fn read(bytes: &[u8]) -> Result<Extracted, ReadError> {
    let mut page_meta = Vec::new();
    let mut notes = Vec::new();
    let builtin_problem = match builtin::extract(bytes) {
        Ok(extraction) => {
            if extraction.failed_pages > 0 {
                notes.push(format!(
                    "内置解析器(pdf-extract)有 {} 页无法提取",
                    extraction.failed_pages
                ));
            }
            page_meta = extraction.info;
            match judge(&extraction.pages) {
                Ok(()) => {
                    notes.push("PDF 文字层以内置解析器(pdf-extract)提取".to_owned());
                    return Ok(finish(&extraction.pages, page_meta, notes));
                }
                // Pages that failed say nothing about the text layer.
                Err(_) if extraction.failed_pages > 0 => PdfProblem::ExtractorFailed,
                Err(problem) => problem,
            }
        }
        Err(failure) => failure.problem(),
    };
    // The built-in extractor gave nothing usable: only pdftotext can tell
    // whether the PDF has a text layer after all.
    let pages = pdftotext::extract(bytes).ok_or(ReadError::Pdf(builtin_problem))?;
    judge(&pages).map_err(ReadError::Pdf)?;
    notes.push("PDF 文字层以 pdftotext 提取(内置解析器 pdf-extract 未能提取可读的文字)".to_owned());
    Ok(finish(&pages, page_meta, notes))
}

fn finish(pages: &[String], page_meta: Vec<(String, String)>, notes: Vec<String>) -> Extracted {
    let mut builder = TextBuilder::new();
    for line in layout::paragraphs(pages) {
        builder.push_unmapped(&line);
        builder.end_line();
    }
    Extracted {
        page_meta,
        notes,
        ..Extracted::from_builder(builder)
    }
}

/// Below this many visible chars per page on average, a PDF is taken to be
/// scanned images with a stray page number or stamp.
const MIN_CHARS_PER_PAGE: usize = 16;

/// Whether extracted text is text a person could read.
fn judge(pages: &[String]) -> Result<(), PdfProblem> {
    let (mut visible, mut broken, mut cjk, mut accented) = (0usize, 0usize, 0usize, 0usize);
    for c in pages.iter().flat_map(|page| page.chars()) {
        if c.is_whitespace() {
            continue;
        }
        visible += 1;
        match c {
            '\u{FFFD}' | '\u{E000}'..='\u{F8FF}' => broken += 1,
            _ if c.is_control() => broken += 1,
            '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' => {
                cjk += 1
            }
            '\u{00C0}'..='\u{024F}' => accented += 1,
            _ => {}
        }
    }
    if visible < MIN_CHARS_PER_PAGE * pages.len().max(1) {
        return Err(PdfProblem::NoTextLayer);
    }
    let mostly_broken = broken * 10 > visible;
    let mojibake = cjk * 20 < visible && accented * 3 > visible;
    if mostly_broken || mojibake {
        return Err(PdfProblem::Garbled);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(text: &str) -> Result<(), PdfProblem> {
        judge(&[text.to_owned()])
    }

    #[test]
    fn text_quality() {
        assert_eq!(
            judged("一、主要成效。依法行政水平持续提升, 法治政府建设稳步推进。"),
            Ok(())
        );
        assert_eq!(judged("  1  "), Err(PdfProblem::NoTextLayer));
        assert_eq!(
            judged("\u{E001}\u{E002}\u{E003}依法行政水平持续提升依法行政"),
            Err(PdfProblem::Garbled)
        );
        assert_eq!(
            judged("ÑÐÎÄ¹ÙÍø ÒÀ·¨ÐÐÕþ ÊÐÕþ¸® ½¨Éè"),
            Err(PdfProblem::Garbled)
        );
    }
}
