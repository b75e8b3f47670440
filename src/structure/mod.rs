//! Structure: what an LKjIP is made of — chapters, tables, metadata.

use serde::Serialize;

use crate::extract::Document;

/// The report's own metadata.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metadata {
    /// The office, e.g. "Kecamatan Ledokombo".
    pub office: Option<String>,
    /// The report year n.
    pub year: Option<i32>,
    /// Where and when the report was signed.
    pub place: Option<String>,
    pub signed: Option<String>,
}

/// A document with its structure found.
#[derive(Debug)]
pub struct Report<'d> {
    pub doc: &'d Document,
    pub metadata: Metadata,
}

impl Report<'_> {
    pub fn looks_like_lkjip(&self) -> bool {
        true
    }
}

pub fn analyse(doc: &Document) -> Report<'_> {
    Report {
        doc,
        metadata: Metadata::default(),
    }
}
