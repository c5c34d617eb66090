//! Why a file could not be read.
//!
//! Owns [`ReadError`] and the per-format problem kinds it carries. Every
//! `Display` here is written for the person who handed us the file, so it is
//! in Chinese and says what to do where there is something to do. Non-fatal
//! observations are not errors: they go to [`Source::notes`](crate::Source).

use crate::Format;

/// A file that could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("无法读取文件: {}", io_reason(.0))]
    Io(#[from] std::io::Error),

    #[error("文件过大: {}, 上限 {}", megabytes(*.size), megabytes(*.limit))]
    TooLarge { size: u64, limit: u64 },

    #[error("文件为空")]
    Empty,

    #[error("文件内容不是文本(二进制数据)")]
    Binary,

    #[error("无法识别的编码")]
    Encoding,

    #[error("不是有效的 DOCX 文件({0})")]
    Docx(DocxProblem),

    #[error("解压后内容过大, 疑似压缩炸弹")]
    ZipBomb,

    #[error("{0}")]
    Pdf(PdfProblem),

    #[error("不支持的文件格式: {0}")]
    Unsupported(&'static str),

    /// The file was read without trouble but holds no visible text.
    #[error("{}", no_text_message(*.0))]
    NoText(Format),
}

/// What is wrong with a file that looked like a DOCX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DocxProblem {
    #[error("ZIP 结构损坏")]
    CorruptZip,
    #[error("使用了不支持的压缩方式或已加密")]
    UnsupportedZip,
    #[error("缺少 word/document.xml")]
    MissingDocument,
    #[error("word/document.xml 不是有效的 XML")]
    InvalidXml,
}

/// Why no text came out of a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PdfProblem {
    #[error("PDF 文件损坏或无法解析")]
    Unreadable,
    #[error("PDF 已加密, 需要密码才能打开")]
    Encrypted,
    /// The built-in extractor broke down on this file's fonts or structure.
    #[error("PDF 的文字层无法解析(安装 poppler-utils 提供的 pdftotext 后可重试)")]
    ExtractorFailed,
    #[error("PDF 没有可提取的文字层(可能是扫描件)")]
    NoTextLayer,
    #[error("PDF 文字层无法解码为可读文字(字体缺少 Unicode 映射)")]
    Garbled,
}

/// The common I/O failures in words the user reads; the system's own
/// message for the rest.
fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_owned(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        std::io::ErrorKind::IsADirectory => "这是一个文件夹".to_owned(),
        _ => error.to_string(),
    }
}

fn no_text_message(format: Format) -> &'static str {
    match format {
        Format::Html => "网页中没有可读的文字(正文可能由脚本动态加载)",
        Format::Docx => "DOCX 文档中没有文字",
        Format::Pdf => "PDF 中没有文字",
        Format::Text => "文件中没有文字",
    }
}

/// Sizes as people read them: binary megabytes, one decimal only when it says something.
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0} MB")
    } else {
        format!("{tenths:.1} MB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_megabytes() {
        let error = ReadError::TooLarge {
            size: 12_900_000,
            limit: 50 * 1024 * 1024,
        };
        assert_eq!(error.to_string(), "文件过大: 12.3 MB, 上限 50 MB");
    }

    #[test]
    fn docx_problems_read_in_full() {
        let error = ReadError::Docx(DocxProblem::CorruptZip);
        assert_eq!(error.to_string(), "不是有效的 DOCX 文件(ZIP 结构损坏)");
    }
}
