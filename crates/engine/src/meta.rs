//! Meta: what the report is — title, jurisdiction, level, year covered, dates, issuer.
// (to be written)
use serde::Serialize;

use crate::document::Document;
use crate::outline::Outline;
use crate::page::Page;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub jurisdiction: Option<String>,
    pub level: Option<Level>,
    pub report_year: Option<i32>,
    /// `YYYY-MM-DD`
    pub signed_date: Option<String>,
    pub published_date: Option<String>,
    pub issuer: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Province,
    City,
    County,
    Township,
    Department,
}

pub fn meta(doc: &Document, page: &Page, outline: &Outline, page_meta: &[(String, String)]) -> Meta {
    let _ = (doc, page, outline, page_meta);
    Meta::default()
}
