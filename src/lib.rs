//! lkjip-audit: finds arithmetic errors, year mismatches and contradicted claims
//! in Indonesian government performance reports (LKjIP).
//!
//! The pipeline reads left to right, and so do the modules:
//! [`discover`] → [`extract`] → [`structure`] → [`facts`] → [`rules`] → [`report`],
//! with [`audit`] running it over many files in parallel.

pub mod audit;
pub mod baseline;
pub mod config;
pub mod coverage;
pub mod discover;
pub mod extract;
pub mod facts;
pub mod fasthash;
pub mod file_error;
pub mod files;
pub mod findings;
pub mod fuzzing;
pub mod lang;
pub mod limits;
pub mod location;
pub mod pattern;
pub mod report;
pub mod rules;
pub mod structure;
