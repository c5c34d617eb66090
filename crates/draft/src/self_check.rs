//! The self-check before a draft goes out: the draft is read back the way
//! any published report is (fazhi-text, then the engine's checks), so what a
//! reviewer would find, the writer sees first. Placeholders still in the
//! text are `structure.placeholder` errors; the draft is 可报送 only when
//! no error remains.

use fazhi_engine::{Analysis, Input, Severity};
use fazhi_text::{read_bytes, Limits, ReadError};

pub struct SelfCheck {
    pub analysis: Analysis,
    /// The text the analysis spans point into.
    pub text: String,
}

impl SelfCheck {
    /// Reads a written draft (DOCX or Markdown bytes; `name` says which).
    pub fn of(bytes: &[u8], name: &str) -> Result<SelfCheck, ReadError> {
        let source = read_bytes(bytes, name, &Limits::default())?;
        let analysis = fazhi_engine::analyze(&Input {
            text: &source.text,
            page_meta: &source.page_meta,
        });
        Ok(SelfCheck {
            analysis,
            text: source.text,
        })
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.analysis
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// 可报送: no error left.
    pub fn ready(&self) -> bool {
        self.errors() == 0
    }

    /// "可报送" or "暂不可报送", for people.
    pub fn verdict(&self) -> &'static str {
        if self.ready() {
            "可报送"
        } else {
            "暂不可报送"
        }
    }
}
