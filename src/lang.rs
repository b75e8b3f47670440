//! The two output languages and a text in both. It sits below the whole
//! pipeline, as `location` does: the reader's notes on a file, the rules'
//! messages and the reports all speak both languages.

use serde::{Deserialize, Serialize};

/// A list of localized texts joined with "; " in each language.
pub fn joined(texts: &[Localized]) -> Localized {
    let join = |lang: Lang| {
        texts
            .iter()
            .map(|t| t.get(lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    Localized::new(join(Lang::Id), join(Lang::En))
}

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

/// A text in both output languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub id: String,
    pub en: String,
}

impl Localized {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The same text in both languages (numbers, quotes from the report).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Localized {
            id: text.clone(),
            en: text,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}
