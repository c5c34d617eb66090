//! The built-in extractor: `pdf-extract`, fenced in.
//!
//! pdf-extract panics on some fonts and may recurse deeply or loop on broken
//! files. So it runs on a thread of its own with a large stack; each page is
//! extracted inside `catch_unwind`, so a bad page loses only itself; and it
//! is given up on after a timeout (the thread is then left to finish alone).
//!
//! Panic messages from that thread are silenced by a panic hook — process
//! global state — installed once per process. It hands panics on every other
//! thread to the hook that was in place before, so it changes nothing for
//! them. Installing it once, rather than swapping hooks around each call,
//! leaves no window in which other threads' panics go unreported and no race
//! between concurrent calls; the price is that a hook the application sets
//! later replaces it, and pdf-extract's panic messages then reach stderr.
//! With `panic = "abort"` nothing here can catch a panic.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{mpsc, Once};
use std::thread;
use std::time::Duration;

use encoding_rs::{GB18030, UTF_16BE};
use pdf_extract::{output_doc_page, Document, Object, PlainTextOutput};

use crate::error::PdfProblem;

const THREAD_NAME: &str = "fazhi-pdf-extract";
const STACK_BYTES: usize = 64 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(120);
/// Document information entries worth reporting.
const INFO_KEYS: [&str; 3] = ["Title", "Author", "CreationDate"];

/// What pdf-extract got out of a document.
#[derive(Debug)]
pub(super) struct Extraction {
    pub(super) pages: Vec<String>,
    pub(super) failed_pages: usize,
    /// Title, Author and CreationDate from the document information dictionary.
    pub(super) info: Vec<(String, String)>,
}

/// Why pdf-extract got nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Failure {
    Unparsable,
    Encrypted,
    Crashed,
    TimedOut,
}

impl Failure {
    pub(super) fn problem(self) -> PdfProblem {
        match self {
            Failure::Encrypted => PdfProblem::Encrypted,
            Failure::Unparsable => PdfProblem::Unreadable,
            Failure::Crashed | Failure::TimedOut => PdfProblem::ExtractorFailed,
        }
    }
}

/// Runs pdf-extract on `bytes`, fenced in.
pub(super) fn extract(bytes: &[u8]) -> Result<Extraction, Failure> {
    silence_panics_on_extractor_threads();
    let bytes = bytes.to_vec();
    let (sender, receiver) = mpsc::channel();
    thread::Builder::new()
        .name(THREAD_NAME.to_owned())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let outcome =
                panic::catch_unwind(|| extract_document(&bytes)).unwrap_or(Err(Failure::Crashed));
            // After a timeout nobody listens any more; that is fine.
            let _ = sender.send(outcome);
        })
        .map_err(|_| Failure::Crashed)?;
    match receiver.recv_timeout(TIMEOUT) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::TimedOut),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Crashed),
    }
}

fn extract_document(bytes: &[u8]) -> Result<Extraction, Failure> {
    let mut document = Document::load_mem(bytes).map_err(|_| Failure::Unparsable)?;
    if document.is_encrypted() {
        // Many published PDFs only restrict editing: the empty user password opens them.
        document.decrypt("").map_err(|_| Failure::Encrypted)?;
    }
    let mut pages = Vec::new();
    let mut failed_pages = 0;
    for page in document.get_pages().into_keys() {
        let mut text = String::new();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            output_doc_page(&document, &mut PlainTextOutput::new(&mut text), page)
        }));
        match outcome {
            Ok(Ok(())) => pages.push(text),
            Ok(Err(_)) | Err(_) => failed_pages += 1,
        }
    }
    Ok(Extraction {
        pages,
        failed_pages,
        info: information(&document),
    })
}

/// Title, Author and CreationDate, where the document has them.
fn information(document: &Document) -> Vec<(String, String)> {
    let Ok(Object::Dictionary(info)) = document.trailer.get_deref(b"Info", document) else {
        return Vec::new();
    };
    INFO_KEYS
        .into_iter()
        .filter_map(|key| {
            let Ok(Object::String(bytes, _)) = info.get_deref(key.as_bytes(), document) else {
                return None;
            };
            let value = text_string(bytes);
            let value = value.trim_matches(|c: char| c.is_whitespace() || c == '\0');
            (!value.is_empty()).then(|| (key.to_owned(), value.to_owned()))
        })
        .collect()
}

/// A PDF text string: UTF-16BE with a BOM, UTF-8 with one (PDF 2.0), or
/// PDFDocEncoding — which Chinese producers often fill with GBK bytes instead.
fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(b"\xFE\xFF") {
        return UTF_16BE.decode_without_bom_handling(utf16).0.into_owned();
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => text.into_owned(),
        // PDFDocEncoding agrees with Latin-1 on the letters that matter.
        None => bytes.iter().map(|&byte| char::from(byte)).collect(),
    }
}

fn silence_panics_on_extractor_threads() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if thread::current().name() != Some(THREAD_NAME) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_in_the_encodings_producers_use() {
        assert_eq!(text_string(b"\xFE\xFF\x6C\xD5\x6C\xBB"), "法治");
        assert_eq!(text_string("法治".as_bytes()), "法治");
        assert_eq!(text_string(b"\xB7\xA8\xD6\xCE"), "法治");
        assert_eq!(text_string(b"Report"), "Report");
    }

    #[test]
    fn garbage_is_unparsable_not_a_panic() {
        assert_eq!(
            extract(b"%PDF-1.4 garbage").err(),
            Some(Failure::Unparsable)
        );
    }
}
