//! Facts: typed values read from the report, each with a label and a location.

pub mod dates;
pub mod figures;
pub mod format;
pub mod tolerance;
pub mod words;
