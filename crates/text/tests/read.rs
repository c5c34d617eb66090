//! Reading real-shaped documents end to end: every fixture is built here,
//! in the encodings and containers the reports are published in.

use std::io::{Cursor, Write};
use std::path::PathBuf;

use encoding_rs::{GBK, UTF_16BE, UTF_16LE};
use fazhi_text::{
    read_bytes, read_path, DocxProblem, Format, Limits, PdfProblem, ReadError, Source,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const REPORT: &str = "XX区2023年法治政府建设年度报告\n\
    2023年,我区坚持以习近平法治思想为指导,深入推进依法行政,法治政府建设取得新成效。\n\
    一、主要工作\n\
    (一)加强党对法治政府建设的领导。区政府常务会议专题研究法治政府建设工作十二次。";

fn read(bytes: &[u8], name: &str) -> Source {
    match read_bytes(bytes, name, &Limits::default()) {
        Ok(source) => source,
        Err(error) => panic!("{name}: {error}"),
    }
}

fn read_error(bytes: &[u8], name: &str) -> ReadError {
    match read_bytes(bytes, name, &Limits::default()) {
        Ok(source) => panic!("{name} was read: {:?}", source.text),
        Err(error) => error,
    }
}

fn encode(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} cannot encode the sample", encoding.name());
    bytes.into_owned()
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|unit| {
            if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}

fn lines(source: &Source) -> Vec<&str> {
    source.text.lines().collect()
}

// ---------------------------------------------------------------- plain text

#[test]
fn utf8_text() {
    let source = read(
        format!("{REPORT}\r\n\r\n\r\n\r\n  结束  \r\n").as_bytes(),
        "report.txt",
    );
    assert_eq!(source.format, Format::Text);
    assert_eq!(source.encoding, "UTF-8");
    assert_eq!(source.text, format!("{REPORT}\n\n结束"));
    assert!(source.notes.is_empty(), "{:?}", source.notes);
}

#[test]
fn utf8_text_maps_chars_to_source_bytes() {
    let file = format!("  {REPORT}\n");
    let source = read(file.as_bytes(), "report.txt");
    for (index, c) in source.text.chars().enumerate().filter(|(_, c)| *c != '\n') {
        let offset = source.map.source_offset(index).expect("mapped");
        assert!(
            file[offset..].starts_with(c),
            "char {index} {c:?} maps to {offset}"
        );
    }
    assert_eq!(source.map.source_offset(source.text.chars().count()), None);
}

#[test]
fn utf8_with_bom() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(REPORT.as_bytes());
    let source = read(&bytes, "report.txt");
    assert_eq!(source.encoding, "UTF-8");
    assert_eq!(source.text, REPORT);
}

#[test]
fn gbk_text_is_detected() {
    let source = read(&encode(REPORT, GBK), "report.txt");
    assert_eq!(source.encoding, "GBK");
    assert_eq!(source.text, REPORT);
    assert!(
        source
            .notes
            .iter()
            .any(|note| note.contains("编码检测为 GBK")),
        "{:?}",
        source.notes
    );
}

#[test]
fn utf16le_with_bom() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16(REPORT, true));
    let source = read(&bytes, "report.txt");
    assert_eq!(source.encoding, "UTF-16LE");
    assert_eq!(source.text, REPORT);
}

#[test]
fn utf16_without_bom_is_recognised_by_its_nuls() {
    for (little_endian, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let source = read(&utf16(REPORT, little_endian), "report.txt");
        assert_eq!(source.encoding, name);
        assert_eq!(source.text, REPORT);
    }
    assert_eq!(UTF_16LE.name(), "UTF-16LE");
    assert_eq!(UTF_16BE.name(), "UTF-16BE");
}

// ---------------------------------------------------------------------- HTML

const PAGE: &str = r#"<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title> XX区2023年法治政府建设年度报告 - XX区人民政府 </title>
<meta name="ArticleTitle" content="XX区2023年法治政府建设年度报告">
<meta name="PubDate" content="2024-03-01 10:00">
<meta name="ContentSource" content="区司法局">
<style>p { color: red }</style>
<script>var title = "不该出现的脚本文字";</script>
</head>
<body>
<div class="top-nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>
<nav><ul><li>机构</li><li>政策</li></ul></nav>
<div class="position">当前位置: 首页 &gt; 政务公开 &gt; 法治政府</div>
<div class="article">
  <h1>XX区2023年法治政府建设年度报告</h1>
  <div class="share-bar">分享到: 微信 微博<div>发布日期:2024-03-01</div></div>
  <p>字号 大 中 小 打印</p>
  <p>　　2023年,我区坚持&ldquo;法治&rdquo;引领,
  深入推进依法行政&nbsp;&nbsp;工作。</p>
  <p>R&amp;D 投入 &lt;5%&gt;</p>
  <table>
    <tr><th>指标</th><th>完成</th></tr>
    <tr><td>行政复议</td><td>12 件</td></tr>
  </table>
  <noscript>请启用脚本</noscript>
  <iframe src="x"></iframe>
</div>
<div id="footer">主办单位: XX区人民政府 网站标识码 1234</div>
<footer>版权所有 来源:XX区司法局</footer>
</body>
</html>
"#;

#[test]
fn html_page_to_lines() {
    let source = read(PAGE.as_bytes(), "page.html");
    assert_eq!(source.format, Format::Html);
    assert_eq!(source.encoding, "UTF-8");
    assert_eq!(
        lines(&source),
        [
            "当前位置: 首页 > 政务公开 > 法治政府",
            "XX区2023年法治政府建设年度报告",
            "发布日期:2024-03-01",
            "字号 大 中 小 打印",
            // A source line break between CJK chars vanishes; after a narrow comma it is a space.
            "2023年,我区坚持“法治”引领, 深入推进依法行政 工作。",
            "R&D 投入 <5%>",
            "指标\t完成",
            "行政复议\t12 件",
            "版权所有 来源:XX区司法局",
        ]
    );
}

#[test]
fn html_page_metadata() {
    let source = read(PAGE.as_bytes(), "page.html");
    let meta: Vec<(&str, &str)> = source
        .page_meta
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    assert_eq!(
        meta,
        [
            ("title", "XX区2023年法治政府建设年度报告 - XX区人民政府"),
            ("ArticleTitle", "XX区2023年法治政府建设年度报告"),
            ("PubDate", "2024-03-01 10:00"),
            ("ContentSource", "区司法局"),
        ]
    );
}

#[test]
fn html_text_maps_back_to_its_source() {
    let source = read(PAGE.as_bytes(), "page.html");
    let mut mapped = 0;
    for (index, c) in source.text.chars().enumerate() {
        let Some(offset) = source.map.source_offset(index) else {
            continue;
        };
        mapped += 1;
        let at = &PAGE[offset..];
        let verbatim = at.starts_with(c);
        let loose =
            at.starts_with('&') || (c.is_whitespace() && at.starts_with(char::is_whitespace));
        assert!(
            verbatim || loose,
            "char {index} {c:?} maps to {:?}",
            &at[..at.len().min(12)]
        );
    }
    let visible = source.text.chars().filter(|c| !c.is_whitespace()).count();
    assert!(
        mapped >= visible,
        "{mapped} of {visible} visible chars mapped"
    );
    let h1 = source
        .text
        .chars()
        .position(|c| c == 'X')
        .unwrap_or(usize::MAX);
    let offset = source.map.source_offset(h1).expect("heading mapped");
    assert!(PAGE[..offset].ends_with("<div class=\"position\">当前位置: 首页 &gt; 政务公开 &gt; 法治政府</div>\n<div class=\"article\">\n  <h1>"));
}

#[test]
fn gb2312_declared_but_gbk_bytes() {
    // 镕 is in GBK but not in GB2312.
    let page =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
                <title>报告</title></head><body><p>朱镕基同志强调依法行政。</p></body></html>";
    let source = read(&encode(page, GBK), "page.htm");
    assert_eq!(source.encoding, "GB2312");
    assert_eq!(source.text, "朱镕基同志强调依法行政。");
}

#[test]
fn utf8_page_declared_gb2312_is_read_as_utf8() {
    let page = "<html><head><meta charset=\"gb2312\"></head><body><p>依法行政</p></body></html>";
    let source = read(page.as_bytes(), "page.html");
    assert_eq!(source.encoding, "UTF-8");
    assert_eq!(source.text, "依法行政");
    assert!(
        source.notes.iter().any(|note| note.contains("GB2312")),
        "{:?}",
        source.notes
    );
}

fn page_labelled_utf8(body: &[u8]) -> Vec<u8> {
    let mut bytes = b"<html><head><meta charset=\"utf-8\"></head><body><p>".to_vec();
    bytes.extend_from_slice(body);
    bytes.extend_from_slice(b"</p></body></html>");
    bytes
}

#[test]
fn a_few_invalid_bytes_in_utf8_are_replaced() {
    let mut body = REPORT.replace('\n', "").into_bytes();
    body.push(0xFF);
    let source = read(&page_labelled_utf8(&body), "page.html");
    assert_eq!(source.encoding, "UTF-8");
    assert!(source.text.ends_with("十二次。\u{FFFD}"), "{}", source.text);
    assert!(
        source
            .notes
            .contains(&"存在无效的 UTF-8 字节, 已替换".to_owned()),
        "{:?}",
        source.notes
    );
}

#[test]
fn gbk_labelled_utf8_is_redetected() {
    let body = encode(&REPORT.replace('\n', ""), GBK);
    let source = read(&page_labelled_utf8(&body), "page.html");
    assert_eq!(source.encoding, "GBK");
    assert_eq!(source.text, REPORT.replace('\n', ""));
    assert!(
        source.notes.iter().any(|note| note.contains("重新检测")),
        "{:?}",
        source.notes
    );
}

#[test]
fn html_is_recognised_by_content_not_extension() {
    let source = read(b"<div><p>a</p><p>b</p></div>", "page.txt");
    assert_eq!(source.format, Format::Html);
    assert_eq!(source.text, "a\nb");
    assert!(!source.notes.is_empty());
}

#[test]
fn page_without_text() {
    let error = read_error(
        b"<html><body><script>render()</script></body></html>",
        "a.html",
    );
    assert!(
        matches!(error, ReadError::NoText(Format::Html)),
        "{error:?}"
    );
    assert!(error.to_string().contains("脚本"));
}

// ---------------------------------------------------------------------- DOCX

const DOCUMENT_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>
<w:p><w:r><w:t>XX区2023年法治政府建设</w:t></w:r><w:r><w:t xml:space="preserve">年度报告</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>一、主要工作</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>完成</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>行政复议</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12 件</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>
<w:p><w:r><w:t>R&amp;D</w:t></w:r></w:p>
<w:sectPr/>
</w:body>
</w:document>"#;

const CORE_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
<dc:title>2023年法治政府建设年度报告</dc:title><dc:creator>区司法局</dc:creator>
<dcterms:created>2024-01-15T08:00:00Z</dcterms:created>
</cp:coreProperties>"#;

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, contents) in parts {
        writer.start_file(*name, options).expect("zip entry");
        writer.write_all(contents).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

fn docx() -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", DOCUMENT_XML.as_bytes()),
        ("docProps/core.xml", CORE_XML.as_bytes()),
    ])
}

#[test]
fn docx_paragraphs_table_and_core_properties() {
    let source = read(&docx(), "report.docx");
    assert_eq!(source.format, Format::Docx);
    assert_eq!(source.encoding, "UTF-8");
    assert_eq!(
        lines(&source),
        [
            "XX区2023年法治政府建设年度报告",
            "一、主要工作",
            "指标\t完成",
            "行政复议\t12 件",
            "R&D"
        ]
    );
    assert!(source
        .page_meta
        .contains(&("title".to_owned(), "2023年法治政府建设年度报告".to_owned())));
    assert!(source
        .page_meta
        .contains(&("creator".to_owned(), "区司法局".to_owned())));
    assert!(source
        .page_meta
        .contains(&("created".to_owned(), "2024-01-15T08:00:00Z".to_owned())));
    let first_report_char = source
        .text
        .chars()
        .position(|c| c == '年')
        .unwrap_or(usize::MAX);
    let offset = source.map.source_offset(first_report_char).expect("mapped");
    assert!(DOCUMENT_XML[offset..].starts_with('年'));
}

#[test]
fn truncated_docx() {
    let bytes = docx();
    let error = read_error(&bytes[..bytes.len() / 2], "report.docx");
    assert!(
        matches!(error, ReadError::Docx(DocxProblem::CorruptZip)),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "不是有效的 DOCX 文件(ZIP 结构损坏)");
}

#[test]
fn docx_without_document_part() {
    let error = read_error(&zip_of(&[("word/styles.xml", b"<x/>")]), "report.docx");
    assert!(
        matches!(error, ReadError::Docx(DocxProblem::MissingDocument)),
        "{error:?}"
    );
}

#[test]
fn zip_that_is_not_a_docx() {
    let error = read_error(&zip_of(&[("data.csv", b"a,b")]), "data.zip");
    assert!(matches!(error, ReadError::Unsupported(_)), "{error:?}");
}

const SMALL_UNPACK_LIMIT: Limits = Limits {
    max_file_bytes: 50 * 1024 * 1024,
    max_unpacked_bytes: 1024 * 1024,
};

/// A DOCX whose document part inflates to 5 MB of zeros from a few KB.
fn docx_bomb() -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    writer
        .start_file("word/document.xml", options)
        .expect("zip entry");
    let zeros = vec![0u8; 64 * 1024];
    for _ in 0..80 {
        writer.write_all(&zeros).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

#[test]
fn docx_zip_bomb_by_declared_size() {
    let bomb = docx_bomb();
    assert!(bomb.len() < 64 * 1024, "bomb is {} bytes", bomb.len());
    let error = read_bytes(&bomb, "bomb.docx", &SMALL_UNPACK_LIMIT).expect_err("bomb");
    assert!(matches!(error, ReadError::ZipBomb), "{error:?}");
    assert_eq!(error.to_string(), "解压后内容过大, 疑似压缩炸弹");
}

#[test]
fn docx_zip_bomb_that_lies_about_its_size() {
    let mut bomb = docx_bomb();
    // Claim 1000 bytes in the local header (offset 22) and the central directory entry (offset 24).
    let lie = 1000u32.to_le_bytes();
    for (signature, size_at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let header = bomb
            .windows(4)
            .position(|window| window == signature)
            .expect("header");
        bomb[header + size_at..header + size_at + 4].copy_from_slice(&lie);
    }
    let error = read_bytes(&bomb, "bomb.docx", &SMALL_UNPACK_LIMIT).expect_err("bomb");
    assert!(matches!(error, ReadError::ZipBomb), "{error:?}");
}

// ----------------------------------------------------------------------- PDF

/// A one-page PDF showing `content` in font F1, the first of `fonts`
/// (objects 6, 7…), with an information dictionary.
fn pdf_with(content: &str, fonts: &[&str]) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 6 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Title (Annual Report 2023) /Author (Justice Bureau) >>".to_owned(),
    ];
    objects.extend(fonts.iter().map(|font| font.to_string()));
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A PDF with a Helvetica text layer.
fn pdf() -> Vec<u8> {
    let content = "BT /F1 12 Tf 72 720 Td (Annual Report 2023) Tj \
                   0 -40 Td (The government promoted law-based administration) Tj \
                   0 -20 Td (across all of its departments) Tj ET";
    pdf_with(
        content,
        &["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"],
    )
}

#[test]
fn pdf_text_layer() {
    let source = read(&pdf(), "report.pdf");
    assert_eq!(source.format, Format::Pdf);
    assert_eq!(source.encoding, "UTF-8");
    assert_eq!(
        lines(&source),
        // The title is short: a line of its own. The full line runs on.
        [
            "Annual Report 2023",
            "The government promoted law-based administration across all of its departments"
        ]
    );
    assert!(source
        .page_meta
        .contains(&("Title".to_owned(), "Annual Report 2023".to_owned())));
    assert!(source
        .page_meta
        .contains(&("Author".to_owned(), "Justice Bureau".to_owned())));
    assert!(
        source.notes.iter().any(|note| note.contains("pdf-extract")),
        "{:?}",
        source.notes
    );
    assert_eq!(source.map.source_offset(0), None);
}

#[test]
fn pdf_font_that_makes_pdf_extract_panic() {
    // A predefined CJK CMap (UniGB-UCS2-H: codes are UTF-16BE), which
    // pdf-extract 0.12 does not support and panics on.
    let text = "法治政府建设年度报告依法行政水平持续提升";
    let hex: String = text
        .encode_utf16()
        .map(|unit| format!("{unit:04X}"))
        .collect();
    let content = format!("BT /F1 12 Tf 72 720 Td <{hex}> Tj ET");
    let fonts = [
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H \
         /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 8 0 R >>",
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] \
         /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ];
    // With pdftotext installed the text comes through it; without, a clear error.
    match read_bytes(
        &pdf_with(&content, &fonts),
        "report.pdf",
        &Limits::default(),
    ) {
        Ok(source) => {
            assert_eq!(source.text, text);
            assert!(
                source.notes.iter().any(|note| note.contains("pdftotext")),
                "{:?}",
                source.notes
            );
        }
        Err(error) => {
            assert!(
                matches!(error, ReadError::Pdf(PdfProblem::ExtractorFailed)),
                "{error:?}"
            );
            assert!(error.to_string().contains("pdftotext"), "{error}");
        }
    }
}

#[test]
fn corrupt_pdf() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend(random_bytes(4096, 7));
    let error = read_error(&bytes, "report.pdf");
    assert!(
        matches!(error, ReadError::Pdf(PdfProblem::Unreadable)),
        "{error:?}"
    );
    assert!(error.to_string().starts_with("PDF"), "{error}");
}

// ---------------------------------------------------------------- bad input

fn random_bytes(length: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..length)
        .map(|_| {
            // xorshift64*
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

#[test]
fn empty_file() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF", b" \r\n\t\n"] {
        let error = read_error(bytes, "empty.txt");
        assert!(matches!(error, ReadError::Empty), "{error:?}");
        assert_eq!(error.to_string(), "文件为空");
    }
}

#[test]
fn binary_garbage() {
    for seed in 1..=5 {
        let error = read_error(&random_bytes(8192, seed), "garbage.txt");
        assert!(matches!(error, ReadError::Binary), "seed {seed}: {error:?}");
        assert_eq!(error.to_string(), "文件内容不是文本(二进制数据)");
    }
}

#[test]
fn old_word_document() {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.extend(random_bytes(1024, 3));
    let error = read_error(&bytes, "report.doc");
    assert!(matches!(error, ReadError::Unsupported(_)), "{error:?}");
    assert!(error.to_string().contains("另存为"), "{error}");
}

#[test]
fn oversized_bytes() {
    let limits = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    let error = read_bytes(b"0123456789A", "a.txt", &limits).expect_err("too large");
    assert!(
        matches!(
            error,
            ReadError::TooLarge {
                size: 11,
                limit: 10
            }
        ),
        "{error:?}"
    );
}

struct TemporaryPath(PathBuf);

impl TemporaryPath {
    fn new(name: &str) -> Self {
        TemporaryPath(
            std::env::temp_dir().join(format!("fazhi-text-test-{}-{name}", std::process::id())),
        )
    }
}

impl Drop for TemporaryPath {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn huge_sparse_file_is_refused_without_reading() {
    let path = TemporaryPath::new("sparse.txt");
    let file = std::fs::File::create(&path.0).expect("create");
    file.set_len(100_000_000_000).expect("sparse file");
    let error = read_path(&path.0, &Limits::default()).expect_err("too large");
    assert!(
        matches!(
            error,
            ReadError::TooLarge {
                size: 100_000_000_000,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "文件过大: 95367.4 MB, 上限 50 MB");
}

#[test]
fn read_path_reads_files() {
    let path = TemporaryPath::new("report.docx");
    std::fs::write(&path.0, docx()).expect("write");
    let source = read_path(&path.0, &Limits::default()).expect("read");
    assert_eq!(source.format, Format::Docx);
    let missing = read_path(&path.0.with_extension("missing"), &Limits::default());
    assert!(matches!(missing, Err(ReadError::Io(_))), "{missing:?}");
    let error = missing
        .err()
        .map(|error| error.to_string())
        .unwrap_or_default();
    assert_eq!(error, "无法读取文件: 文件不存在");
    let folder = read_path(&std::env::temp_dir(), &Limits::default());
    assert!(matches!(folder, Err(ReadError::Io(_))), "{folder:?}");
}

#[test]
fn damaged_fixtures_never_panic() {
    let fixtures = [PAGE.as_bytes().to_vec(), docx(), pdf(), encode(REPORT, GBK)];
    for fixture in &fixtures {
        for cut in (1..fixture.len()).step_by(fixture.len() / 23 + 1) {
            let _ = read_bytes(&fixture[..cut], "cut", &Limits::default());
            let mut flipped = fixture.clone();
            flipped[cut] ^= 0x5A;
            let _ = read_bytes(&flipped, "flipped", &Limits::default());
        }
    }
}
