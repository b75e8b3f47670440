//! Rules: files in `rules/` name a built-in check kind and give it parameters,
//! an id, a category, a severity and messages in Indonesian and English.

pub mod checks;
pub mod loader;

pub use loader::{Rule, RuleError, RuleSet};
