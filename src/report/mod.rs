//! Output: the human listing and machine-readable formats.

pub mod human;
pub mod json;
