//! The fallback extractor: poppler's `pdftotext` command, when installed.
//!
//! pdftotext needs a file it can seek in, so the bytes are written to a
//! uniquely named file in the temporary directory, removed afterwards. It is
//! trusted to terminate: poppler is far more robust than pdf-extract.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

/// The text of each page, as `pdftotext -layout -enc UTF-8` sees it; `None`
/// if the command is not installed or fails.
pub(super) fn extract(bytes: &[u8]) -> Option<Vec<String>> {
    // Probe first, so a missing command costs no temporary file.
    Command::new("pdftotext")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    let file = TemporaryFile::with_contents(bytes).ok()?;
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file.path)
        .arg("-")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    // pdftotext ends every page with a form feed.
    Some(
        text.split_terminator('\u{000C}')
            .map(str::to_owned)
            .collect(),
    )
}

/// A file in the temporary directory that is removed when dropped.
struct TemporaryFile {
    path: PathBuf,
}

impl TemporaryFile {
    fn with_contents(bytes: &[u8]) -> io::Result<Self> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "fazhi-text-{}-{}.pdf",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        let mut file: File = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        let temporary = TemporaryFile { path };
        file.write_all(bytes)?;
        Ok(temporary)
    }
}

impl Drop for TemporaryFile {
    fn drop(&mut self) {
        // Nothing useful to do if it is already gone.
        let _ = fs::remove_file(&self.path);
    }
}
