//! 填报: from a unit's ledger workbook to its checked draft, the steps
//! `fazhi ledger check`, `fazhi ledger indicators` and `fazhi draft` take on
//! the command line (crates/cli/ledger.rs), for the browser.
//!
//! This module owns the steps and what each bad input is answered with;
//! `pages::fill` reads the form and shows the outcome, and `drafts` holds
//! the written draft for download.

use axum::body::Bytes;
use axum::http::StatusCode;
use fazhi_draft::{compose, to_docx, to_markdown, Draft, Previous, Request, SelfCheck};
use fazhi_ledger::{Config, Day, Loaded};
use fazhi_text::{Limits, ReadError};

use crate::drafts::Kept;
use crate::failure::Failure;
use crate::import::ImportError;
use crate::Workbench;

/// A file of the form.
pub(crate) struct Upload {
    pub name: String,
    pub bytes: Bytes,
}

/// The form as sent: text fields as typed (blank is "not given").
#[derive(Default)]
pub(crate) struct Form {
    pub ledger: Option<Upload>,
    pub previous: Option<Upload>,
    pub unit: String,
    pub year: String,
    pub date: String,
}

/// A ledger read and checked, and the draft composed from it.
pub(crate) struct Filled {
    pub loaded: Loaded,
    pub draft: Draft,
    /// The written DOCX read back through the engine.
    pub check: SelfCheck,
    /// Last year's report, by file name, and what was taken from it.
    pub previous: Option<(String, Previous)>,
    /// Where `drafts` holds the draft's files.
    pub token: String,
}

/// Reads and checks the ledger, composes the draft, writes it, checks it
/// and keeps it for download.
pub(crate) fn fill(workbench: &Workbench, form: &Form) -> Result<Filled, Failure> {
    let bytes = ledger_bytes(form.ledger.as_ref(), &workbench.limits)?;
    let year = year(&form.year)?;
    let date = signing_date(&form.date)?;
    let config = Config::default();
    let loaded = fazhi_ledger::load(bytes, year, &config).map_err(|e| refused(e.to_string()))?;
    let unit = given(&form.unit)
        .map(str::to_owned)
        .or_else(|| loaded.ledger.unit.clone())
        .ok_or_else(|| refused("请填写报告单位(或在台账说明页填写“填报单位”)"))?;
    let previous = match &form.previous {
        Some(upload) => Some((
            upload.name.clone(),
            read_previous(upload, &workbench.limits)?,
        )),
        None => None,
    };
    let draft = compose(&Request {
        unit: &unit,
        year: loaded.year,
        date: (date.year, date.month, date.day),
        indicators: &loaded.indicators,
        basis: &config.basis,
        previous: previous.as_ref().map(|(_, p)| p),
    });
    let docx = to_docx(&draft);
    let check = SelfCheck::of(&docx, "草稿.docx").map_err(|e| {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("草稿自查失败: {e}"),
        )
    })?;
    let token = workbench.drafts.keep(Kept {
        stem: format!("{}(草稿)", draft.title),
        docx: docx.into(),
        markdown: to_markdown(&draft).into(),
    });
    Ok(Filled {
        loaded,
        draft,
        check,
        previous,
        token,
    })
}

/// Bad input: the form is shown again with the message.
fn refused(message: impl Into<String>) -> Failure {
    Failure::new(StatusCode::UNPROCESSABLE_ENTITY, message)
}

/// A text field's value, unless left blank.
fn given(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// The workbook's bytes, held to the limit every uploaded file is read
/// under (a workbook does not go through `fazhi_text`, which checks it for
/// reports).
fn ledger_bytes<'a>(upload: Option<&'a Upload>, limits: &Limits) -> Result<&'a [u8], Failure> {
    let upload = upload.ok_or_else(|| refused("请选择台账文件(Excel 工作簿, .xlsx)"))?;
    let size = upload.bytes.len() as u64;
    if size == 0 {
        return Err(refused(format!("台账文件“{}”为空", upload.name)));
    }
    if size > limits.max_file_bytes {
        let limit = limits.max_file_bytes;
        return Err(ImportError::from(ReadError::TooLarge { size, limit }).into());
    }
    Ok(&upload.bytes)
}

/// The year asked for, if any (else the workbook's).
fn year(text: &str) -> Result<Option<i32>, Failure> {
    let Some(text) = given(text) else {
        return Ok(None);
    };
    match text.parse::<i32>() {
        Ok(year) if (2000..=2100).contains(&year) => Ok(Some(year)),
        _ => Err(refused(format!("年度“{text}”不是年份, 请写成 2025"))),
    }
}

fn signing_date(text: &str) -> Result<Day, Failure> {
    match given(text) {
        Some(text) => Day::parse(text)
            .ok_or_else(|| refused(format!("落款日期“{text}”不是日期, 请写成 2026-02-26"))),
        None => Ok(Day::in_china_at(std::time::SystemTime::now())),
    }
}

/// Last year's report, read and analysed as an imported one is, for its
/// figures and its plan.
fn read_previous(upload: &Upload, limits: &Limits) -> Result<Previous, Failure> {
    Previous::read(&upload.bytes, &upload.name, limits).map_err(|e| {
        let e = ImportError::from(e);
        let message = format!("上一年度报告“{}”无法读取: {e}", upload.name);
        Failure::new(e.status(), message)
    })
}
