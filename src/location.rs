//! Where something is in a report. It sits below the whole pipeline: the
//! structure names the places it found, the rules and reports use them, and
//! none of those layers has to reach another for it.

use serde::{Deserialize, Serialize};

/// A place in a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    /// 1-based page for PDFs (and text exports with form feeds); None otherwise.
    pub page: Option<u32>,
    /// 1-based line: of the file for text exports, of the page for PDFs.
    pub line: u32,
}
