//! The draft as a 公文 DOCX: page, grid, fonts and page numbers of GB/T 9704-2012,
//! so that the file a unit opens in Word or WPS is already in the layout it will
//! print and file. Owns every length and font name of that layout; the model
//! says only what kind each block is.
//!
//! `docx-rs` writes the package. Two things it cannot say are done around it:
//! the core property `dc:title` (its configuration has no setter) is added to
//! `docProps/core.xml` after building, and the first-line indent, which it can
//! write only in twips (`w:firstLineChars` is read, never written), is the
//! width of two condensed characters.
//!
//! Every run names one Chinese font in all three slots (eastAsia, ascii,
//! hAnsi). GB/T 9704 gives each element one font and no Latin one, and sets
//! even the page number as "4号半角宋体阿拉伯数字": digits take the element's
//! font. One font per run also keeps "2025年" from changing face mid-figure.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
};

use crate::model::{Block, Draft, HeadingLevel, Inline};

/// Millimetres to twips (1/1440 inch, 1 inch = 25.4 mm), to the nearest.
const fn twips(mm: i32) -> i32 {
    (mm * 14_400 + 127) / 254
}

/// A4 portrait: 210 mm × 297 mm = 11906 × 16838 twips.
const PAGE_WIDTH: i32 = twips(210);
const PAGE_HEIGHT: i32 = twips(297);
/// GB/T 9704 5.2.1: top 37 mm (2098), bottom 35 mm (1984), left 28 mm (1587),
/// right 26 mm (1474), leaving a 156 mm × 225 mm text area.
const MARGIN_TOP: i32 = twips(37);
const MARGIN_BOTTOM: i32 = twips(35);
const MARGIN_LEFT: i32 = twips(28);
const MARGIN_RIGHT: i32 = twips(26);

/// GB/T 9704 5.2.3: 22 lines of 28 characters.
const LINES_PER_PAGE: i32 = 22;
const CHARS_PER_LINE: i32 = 28;

/// Text height 16838 − 2098 − 1984 = 12756 twips; 12756 / 22 = 579.8, rounded
/// down so that 22 lines fit (22 × 579 = 12738 ≤ 12756 < 22 × 580 = 12760).
/// Every paragraph's line spacing is exactly this, so a line is a grid line.
const LINE_PITCH: i32 = (PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / LINES_PER_PAGE;

/// Text width 11906 − 1587 − 1474 = 8845 twips = 442.25 pt, so 28 characters
/// have 315.9 twips each, less than a 三号 character's 16 pt = 320 twips. Every
/// 三号 run is condensed by 5 twips (`w:spacing w:val="-5"`: a twentieth of a
/// point is a twip) to a 315-twip advance: 28 take 8820 twips and a 29th does
/// not fit (9135).
///
/// Word's character grid (`linesAndChars` with a `w:charSpace`) would squeeze
/// the characters the same way by itself, but LibreOffice lays a character
/// wider than that grid's pitch over two cells, about 18 a line. Condensing
/// the runs gives 28 a line in Word, WPS and LibreOffice alike, so the grid
/// here is of lines only.
const CONDENSED: i32 =
    -(SANHAO as i32 * 10 - (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / CHARS_PER_LINE);

/// 三号, 16 pt, in half-points: the body and both heading levels.
const SANHAO: usize = 32;

/// `n` condensed 三号 characters in twips: 2 → 630, 4 → 1260.
const fn chars(n: i32) -> i32 {
    n * (SANHAO as i32 * 10 + CONDENSED)
}

/// Page number: 四号 (14 pt = 280 twips), one line of exactly its size.
const PAGE_NUMBER_LINE: i32 = 280;

/// GB/T 9704 7.5: the page number's top is 7 mm below the text area, i.e.
/// 35 − 7 = 28 mm above the page's bottom edge; `w:footer` measures to the
/// footer's bottom, one page-number line lower: 1587 − 280 = 1307 twips.
const FOOTER_DISTANCE: i32 = twips(28) - PAGE_NUMBER_LINE;

/// A font, a size (in half-points, as `w:sz` counts them) and the spacing
/// added to each character (in twips, as `w:spacing` counts it).
#[derive(Clone, Copy)]
struct Look {
    font: &'static str,
    half_points: usize,
    spacing: i32,
}

/// 二号 方正小标宋简体.
const TITLE: Look = Look {
    font: "方正小标宋简体",
    half_points: 44,
    spacing: 0,
};
/// 三号 仿宋_GB2312: the body, and the document default.
const BODY: Look = Look {
    font: "仿宋_GB2312",
    half_points: SANHAO,
    spacing: CONDENSED,
};
/// "一、…": 三号 黑体, not bold (黑体 is heavy enough; GB/T 9704 7.3.3).
const FIRST_HEADING: Look = Look {
    font: "黑体",
    half_points: SANHAO,
    spacing: CONDENSED,
};
/// "(一)…": 三号 楷体_GB2312.
const SECOND_HEADING: Look = Look {
    font: "楷体_GB2312",
    half_points: SANHAO,
    spacing: CONDENSED,
};
/// "— 1 —": 四号 宋体.
const PAGE_NUMBER: Look = Look {
    font: "宋体",
    half_points: 28,
    spacing: 0,
};

/// Writes the draft as a DOCX file.
pub fn to_docx(draft: &Draft) -> Vec<u8> {
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH as u32, PAGE_HEIGHT as u32)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .footer(FOOTER_DISTANCE),
        )
        // Anything a writer adds in Word without a style is still body text.
        .default_fonts(fonts(BODY))
        .default_size(BODY.half_points)
        .default_line_spacing(exact(LINE_PITCH))
        .footer(page_number(Side::Odd))
        .even_footer(page_number(Side::Even));
    docx.document = docx.document.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE_PITCH as usize),
    );

    docx = docx
        .add_paragraph(line(vec![run(&draft.title, TITLE)]).align(AlignmentType::Center))
        .add_paragraph(empty_line());
    for block in &draft.blocks {
        docx = docx.add_paragraph(block_paragraph(block));
    }
    // GB/T 9704 7.3.5: the signature one empty line under the body, flush
    // right; the date 右空四字 as on a sealed document, the unit above it.
    docx = docx.add_paragraph(empty_line());
    for signed in [&draft.signature.unit, &draft.signature.date] {
        docx = docx.add_paragraph(
            line(vec![run(signed, BODY)])
                .align(AlignmentType::Right)
                .indent(None, None, Some(chars(4)), None),
        );
    }

    let mut package = docx.build();
    package.doc_props.core = with_title(&package.doc_props.core, &draft.title);
    let mut out = Cursor::new(Vec::new());
    package
        .pack(&mut out)
        .expect("a DOCX written to memory has no I/O to fail");
    out.into_inner()
}

fn block_paragraph(block: &Block) -> Paragraph {
    let (inlines, look, outline_level) = match block {
        Block::Heading {
            level: HeadingLevel::First,
            text,
        } => (text, FIRST_HEADING, Some(0)),
        Block::Heading {
            level: HeadingLevel::Second,
            text,
        } => (text, SECOND_HEADING, Some(1)),
        Block::Paragraph(text) => (text, BODY, None),
    };
    let runs = inlines
        .iter()
        .map(|inline| inline_run(inline, look))
        .collect();
    let paragraph = line(runs).align(AlignmentType::Both).indent(
        None,
        Some(SpecialIndentType::FirstLine(chars(2))),
        None,
        None,
    );
    match outline_level {
        // A heading stays with the paragraph under it, and is listed in
        // Word's navigation pane.
        Some(level) => paragraph.keep_next(true).outline_lvl(level),
        None => paragraph,
    }
}

/// A placeholder is highlighted so that the writer cannot miss what is left to fill.
fn inline_run(inline: &Inline, look: Look) -> Run {
    let run = run(&inline.shown(), look);
    match inline {
        Inline::Text(_) => run,
        Inline::Placeholder(_) => run.highlight("yellow"),
    }
}

/// A paragraph of whole grid lines.
fn line(runs: Vec<Run>) -> Paragraph {
    runs.into_iter()
        .fold(Paragraph::new(), Paragraph::add_run)
        .line_spacing(exact(LINE_PITCH))
}

fn empty_line() -> Paragraph {
    line(Vec::new())
}

fn exact(twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(twips)
}

fn run(text: &str, look: Look) -> Run {
    styled(Run::new().add_text(text), look)
}

fn styled(run: Run, look: Look) -> Run {
    let run = run.fonts(fonts(look)).size(look.half_points);
    match look.spacing {
        0 => run,
        spacing => run.character_spacing(spacing),
    }
}

fn fonts(look: Look) -> RunFonts {
    RunFonts::new()
        .east_asia(look.font)
        .ascii(look.font)
        .hi_ansi(look.font)
}

/// Which pages a footer is for.
enum Side {
    Odd,
    Even,
}

/// "— 1 —", GB/T 9704 7.5: odd pages flush right and even pages flush left,
/// each one character (of the number's size) from the margin. Word and
/// LibreOffice both take separate even and odd footers, so no field
/// arithmetic is needed to place the number.
fn page_number(side: Side) -> Footer {
    let field = styled(
        Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false),
        PAGE_NUMBER,
    );
    let paragraph = [run("— ", PAGE_NUMBER), field, run(" —", PAGE_NUMBER)]
        .into_iter()
        .fold(Paragraph::new(), Paragraph::add_run)
        .line_spacing(exact(PAGE_NUMBER_LINE))
        // A footer line on the body's 579-twip grid would sink the number.
        .snap_to_grid(false);
    // Half-points × 10 = twips: 280, one 四号 character.
    let one_char = PAGE_NUMBER.half_points as i32 * 10;
    let paragraph = match side {
        Side::Odd => paragraph
            .align(AlignmentType::Right)
            .indent(None, None, Some(one_char), None),
        Side::Even => paragraph
            .align(AlignmentType::Left)
            .indent(Some(one_char), None, None, None),
    };
    Footer::new().add_paragraph(paragraph)
}

/// `docProps/core.xml` with `<dc:title>` added (the elements of
/// `cp:coreProperties` come in any order).
fn with_title(core: &[u8], title: &str) -> Vec<u8> {
    let core = std::str::from_utf8(core).expect("docx-rs writes core.xml as UTF-8");
    let title = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    core.replacen(
        "</cp:coreProperties>",
        &format!("<dc:title>{title}</dc:title></cp:coreProperties>"),
        1,
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use quick_xml::escape::resolve_predefined_entity;
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;

    use super::*;
    use crate::model::Signature;

    fn draft() -> Draft {
        let text = |s: &str| Inline::Text(s.to_owned());
        Draft {
            title: "示例县2025年度法治政府建设年度报告".to_owned(),
            blocks: vec![
                Block::Heading {
                    level: HeadingLevel::First,
                    text: vec![text("一、2025年推进法治政府建设的主要举措和成效")],
                },
                Block::Heading {
                    level: HeadingLevel::Second,
                    text: vec![text("（一）加强党对法治政府建设的领导")],
                },
                Block::Paragraph(vec![
                    text("全年召开县委常委会会议"),
                    Inline::Placeholder("次数".to_owned()),
                    text("次，研究法治建设议题12项。"),
                ]),
            ],
            signature: Signature {
                unit: "示例县人民政府".to_owned(),
                date: "2026年2月26日".to_owned(),
            },
        }
    }

    fn part(docx: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    /// What the tests look at in a `<w:p>`.
    #[derive(Debug, Default)]
    struct Para {
        align: Option<String>,
        runs: Vec<RunSeen>,
    }

    #[derive(Debug, Default)]
    struct RunSeen {
        east_asia: Option<String>,
        ascii: Option<String>,
        half_points: Option<String>,
        half_points_cs: Option<String>,
        highlight: Option<String>,
        text: String,
        instr: String,
    }

    impl Para {
        fn text(&self) -> String {
            self.runs.iter().map(|run| run.text.as_str()).collect()
        }
    }

    fn attr(tag: &BytesStart, name: &str) -> Option<String> {
        let attr = tag.try_get_attribute(name).unwrap()?;
        Some(String::from_utf8(attr.value.into_owned()).unwrap())
    }

    /// The paragraphs of a part, with what each run says about itself.
    fn paragraphs(xml: &str) -> Vec<Para> {
        let mut reader = Reader::from_str(xml);
        let mut paras: Vec<Para> = Vec::new();
        let mut in_text = false;
        let mut in_instr = false;
        loop {
            match reader.read_event().unwrap() {
                Event::Start(tag) | Event::Empty(tag) => {
                    let run = paras.last_mut().and_then(|p| p.runs.last_mut());
                    match (tag.name().as_ref(), run) {
                        (b"w:p", _) => paras.push(Para::default()),
                        (b"w:jc", _) => paras.last_mut().unwrap().align = attr(&tag, "w:val"),
                        (b"w:r", _) => paras.last_mut().unwrap().runs.push(RunSeen::default()),
                        (b"w:rFonts", Some(run)) => {
                            run.east_asia = attr(&tag, "w:eastAsia");
                            run.ascii = attr(&tag, "w:ascii");
                        }
                        (b"w:sz", Some(run)) => run.half_points = attr(&tag, "w:val"),
                        (b"w:szCs", Some(run)) => run.half_points_cs = attr(&tag, "w:val"),
                        (b"w:highlight", Some(run)) => run.highlight = attr(&tag, "w:val"),
                        (b"w:t", _) => in_text = true,
                        (b"w:instrText", _) => in_instr = true,
                        _ => {}
                    }
                }
                Event::End(tag) => match tag.name().as_ref() {
                    b"w:t" => in_text = false,
                    b"w:instrText" => in_instr = false,
                    _ => {}
                },
                Event::Text(text) => {
                    let text = text.decode().unwrap();
                    push_text(&mut paras, &text, in_text, in_instr);
                }
                Event::GeneralRef(entity) => {
                    let name = entity.decode().unwrap();
                    let text = resolve_predefined_entity(&name).unwrap();
                    push_text(&mut paras, text, in_text, in_instr);
                }
                Event::Eof => return paras,
                _ => {}
            }
        }
    }

    fn push_text(paras: &mut [Para], text: &str, in_text: bool, in_instr: bool) {
        let Some(run) = paras.last_mut().and_then(|p| p.runs.last_mut()) else {
            return;
        };
        if in_text {
            run.text.push_str(text);
        } else if in_instr {
            run.instr.push_str(text);
        }
    }

    fn document(draft: &Draft) -> Vec<Para> {
        paragraphs(&part(&to_docx(draft), "word/document.xml"))
    }

    #[test]
    fn the_arithmetic_of_the_page() {
        assert_eq!((PAGE_WIDTH, PAGE_HEIGHT), (11906, 16838));
        assert_eq!(
            (MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT),
            (2098, 1984, 1587, 1474)
        );
        assert_eq!(LINE_PITCH, 579);
        assert_eq!(CONDENSED, -5);
        assert_eq!((chars(2), chars(4)), (630, 1260));
        let width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
        assert!(chars(CHARS_PER_LINE) <= width && chars(CHARS_PER_LINE + 1) > width);
        assert_eq!(FOOTER_DISTANCE, 1307);
    }

    #[test]
    fn page_margins_and_grid_are_those_of_gb_t_9704() {
        let xml = part(&to_docx(&draft()), "word/document.xml");
        assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "{xml}");
        assert!(
            xml.contains(r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<w:docGrid w:type="lines" w:linePitch="579""#),
            "{xml}"
        );
        assert!(xml.contains(r#"<w:spacing w:line="579" w:lineRule="exact""#));
    }

    #[test]
    fn every_run_names_its_east_asian_font_and_size() {
        let docx = to_docx(&draft());
        for name in ["word/document.xml", "word/footer1.xml", "word/footer2.xml"] {
            let paras = paragraphs(&part(&docx, name));
            assert!(paras.iter().any(|p| !p.runs.is_empty()), "{name}: no run");
            for run in paras.iter().flat_map(|p| &p.runs) {
                assert!(run.east_asia.is_some(), "{name}: {run:?}");
                assert_eq!(run.ascii, run.east_asia, "{name}: {run:?}");
                assert!(run.half_points.is_some(), "{name}: {run:?}");
                assert_eq!(run.half_points_cs, run.half_points, "{name}: {run:?}");
            }
        }
    }

    #[test]
    fn title_headings_and_body_take_their_fonts() {
        let paras = document(&draft());
        let first_run = |i: usize| {
            let run = &paras[i].runs[0];
            (run.east_asia.as_deref(), run.half_points.as_deref())
        };
        assert_eq!(first_run(0), (Some("方正小标宋简体"), Some("44")));
        assert_eq!(paras[0].align.as_deref(), Some("center"));
        assert!(paras[1].runs.is_empty(), "one empty line under the title");
        assert_eq!(first_run(2), (Some("黑体"), Some("32")));
        assert_eq!(first_run(3), (Some("楷体_GB2312"), Some("32")));
        assert_eq!(first_run(4), (Some("仿宋_GB2312"), Some("32")));
        assert_eq!(paras[4].align.as_deref(), Some("both"));
    }

    #[test]
    fn only_a_placeholder_is_highlighted() {
        let paras = document(&draft());
        let highlighted: Vec<(&str, &str)> = paras
            .iter()
            .flat_map(|p| &p.runs)
            .filter_map(|run| Some((run.text.as_str(), run.highlight.as_deref()?)))
            .collect();
        assert_eq!(highlighted, [("【待填写：次数】", "yellow")]);
    }

    #[test]
    fn nothing_of_the_draft_is_lost_and_the_signature_is_flush_right() {
        let draft = draft();
        let paras = document(&draft);
        let written: Vec<String> = paras
            .iter()
            .map(Para::text)
            .filter(|text| !text.is_empty())
            .collect();
        let mut expected = vec![draft.title.clone()];
        expected.extend(draft.blocks.iter().map(|block| match block {
            Block::Heading { text, .. } | Block::Paragraph(text) => {
                text.iter().map(Inline::shown).collect()
            }
        }));
        expected.extend([draft.signature.unit.clone(), draft.signature.date.clone()]);
        assert_eq!(written, expected);

        let signature = &paras[paras.len() - 2..];
        assert!(signature
            .iter()
            .all(|p| p.align.as_deref() == Some("right")));
        assert!(
            paras[paras.len() - 3].runs.is_empty(),
            "an empty line above"
        );
    }

    #[test]
    fn footers_number_odd_pages_right_and_even_pages_left() {
        let docx = to_docx(&draft());
        assert!(part(&docx, "word/settings.xml").contains("<w:evenAndOddHeaders"));
        let document = part(&docx, "word/document.xml");
        let mut aligns = Vec::new();
        for name in ["word/footer1.xml", "word/footer2.xml"] {
            let paras = paragraphs(&part(&docx, name));
            assert_eq!(paras.len(), 1, "{name}");
            let para = &paras[0];
            assert_eq!(para.text(), "— 1 —", "{name}");
            assert!(para.runs.iter().any(|run| run.instr.trim() == "PAGE"));
            assert!(para.runs.iter().all(|run| {
                (run.east_asia.as_deref(), run.half_points.as_deref()) == (Some("宋体"), Some("28"))
            }));
            aligns.push(para.align.clone().unwrap());
        }
        aligns.sort();
        assert_eq!(aligns, ["left", "right"]);
        assert!(document.contains(r#"<w:footerReference w:type="default""#));
        assert!(document.contains(r#"<w:footerReference w:type="even""#));
    }

    #[test]
    fn styles_default_to_the_body_font() {
        let styles = part(&to_docx(&draft()), "word/styles.xml");
        let defaults = &styles[styles.find("<w:docDefaults>").unwrap()..];
        assert!(defaults.contains(r#"w:eastAsia="仿宋_GB2312""#), "{styles}");
        assert!(defaults.contains(r#"<w:sz w:val="32""#), "{styles}");
    }

    #[test]
    fn the_title_is_a_document_property() {
        let mut draft = draft();
        draft.title = "示例县<法治>&年度报告".to_owned();
        let core = part(&to_docx(&draft), "docProps/core.xml");
        assert!(
            core.contains("<dc:title>示例县&lt;法治&gt;&amp;年度报告</dc:title>"),
            "{core}"
        );
    }
}
