//! Facts: every figure of the body, with its indicator and evidence.
// (to be written)
use serde::Serialize;

use crate::catalog::Catalog;
use crate::document::Document;
use crate::outline::Outline;
use crate::page::Page;

#[derive(Clone, Debug, Serialize)]
pub struct Fact {
    pub indicator: Option<String>,
}

pub fn facts(doc: &Document, page: &Page, outline: &Outline, catalog: &Catalog) -> Vec<Fact> {
    let _ = (doc, page, outline, catalog);
    Vec::new()
}
