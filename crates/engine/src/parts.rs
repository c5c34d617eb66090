//! Parts: the five required content items of `report-rules.md`.
// (to be written)
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::outline::Outline;
use crate::page::Page;

#[derive(Clone, Debug, Default)]
pub struct Parts {
    pub measures: Option<Part>,
    pub first_responsible: Option<Part>,
    pub shortcomings: Option<Part>,
    pub causes: Option<Part>,
    pub next_year_plan: Option<Part>,
    pub other: Option<Part>,
}

/// Where a required item was found.
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    /// Character span of the heading's section, or of the sentence that carries the item.
    pub start: usize,
    pub end: usize,
    /// Whether the item has a heading of its own (else it was found in a sentence).
    pub heading: bool,
    #[serde(skip)]
    pub bytes: Range<usize>,
}

impl Serialize for Parts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Parts", 6)?;
        st.serialize_field("measures", &self.measures.is_some())?;
        st.serialize_field("first_responsible", &self.first_responsible.is_some())?;
        st.serialize_field("shortcomings", &self.shortcomings.is_some())?;
        st.serialize_field("causes", &self.causes.is_some())?;
        st.serialize_field("next_year_plan", &self.next_year_plan.is_some())?;
        st.serialize_field("other", &self.other.is_some())?;
        st.end()
    }
}

pub fn parts(doc: &Document, page: &Page, outline: &Outline) -> Parts {
    let _ = (doc, page, outline);
    Parts::default()
}
