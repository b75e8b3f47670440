//! `lkjip-audit.toml`: per-folder settings an inspectorate keeps beside its
//! reports. Looked up in each scanned folder and its parents (the nearest file
//! wins), or given with `--config`. Unknown keys and wrong types are errors
//! with file, line and column, like rule files.
//!
//! ```toml
//! rules = ["aturan-tambahan"]          # extra rule folders, relative to this file
//! disable = ["template-text"]          # rule ids switched off
//! lang = "en"                          # id (default) or en
//! tolerance = "0,5"                    # extra absolute tolerance on comparisons
//! ocr = true                           # read scanned pages with Tesseract (as --ocr)
//!
//! [severity]                           # severity overrides per rule id
//! citation-year = "info"
//!
//! [[default_scale]]                    # ordinal scale for reports that state none
//! label = "Sangat Baik"
//! min = 90
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::file_error::FileError;
use crate::findings::{Lang, Severity};
use crate::rules::checks::ScaleBand;

/// The file name looked for in scanned folders.
pub const FILE_NAME: &str = "lkjip-audit.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Extra rule folders, relative to the config file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Rule ids switched off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Severity per rule id.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Extra absolute tolerance on every comparison, e.g. "0,5" or 0.5.
    #[serde(default)]
    pub tolerance: Option<toml::Value>,
    /// The ordinal scale used when a report states none.
    #[serde(default)]
    pub default_scale: Vec<ScaleBand>,
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Read pages without a text layer with OCR (as `--ocr`).
    #[serde(default)]
    pub ocr: bool,
    /// Where the file was read from (not a key).
    #[serde(skip)]
    pub path: PathBuf,
}

/// An error in the configuration file, with its position.
pub type ConfigError = FileError;

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = FileError::read(path, "configuration")?;
        Config::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let invalid =
            |offset: usize, message: String| FileError::at_offset(path, text, offset, message);
        let mut config: Config = toml::from_str(text).map_err(|e| {
            invalid(
                e.span().map(|s| s.start).unwrap_or(0),
                e.message().to_string(),
            )
        })?;
        config.path = path.to_path_buf();
        if let Some(value) = &config.tolerance
            && parse_tolerance(value).is_none()
        {
            let offset = text.find("tolerance").unwrap_or(0);
            return Err(invalid(
                offset,
                "tolerance must be a non-negative number such as 0.5 or \"0,5\"".to_string(),
            ));
        }
        Ok(config)
    }

    /// The nearest `lkjip-audit.toml` in `start` (a folder, or a file's folder) or its parents.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(start).ok()?;
        let mut dir = if absolute.is_dir() {
            Some(absolute.as_path())
        } else {
            absolute.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// Rule folders, resolved against the config file's folder.
    pub fn rule_dirs(&self) -> Vec<PathBuf> {
        let base = self.path.parent().unwrap_or(Path::new("."));
        self.rules.iter().map(|d| base.join(d)).collect()
    }

    pub fn tolerance(&self) -> Decimal {
        self.tolerance
            .as_ref()
            .and_then(parse_tolerance)
            .unwrap_or_default()
    }
}

/// A tolerance written as a TOML number or as a string in either decimal style.
fn parse_tolerance(value: &toml::Value) -> Option<Decimal> {
    let parsed = match value {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => Decimal::from_str_exact(&f.to_string()).ok(),
        toml::Value::String(s) => Decimal::from_str_exact(&s.trim().replace(',', ".")).ok(),
        _ => None,
    }?;
    (parsed >= Decimal::ZERO).then_some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let text = r#"
rules = ["extra"]
disable = ["template-text"]
lang = "en"
tolerance = "0,5"
[severity]
citation-year = "info"
[[default_scale]]
label = "Baik"
min = 80
"#;
        let c = Config::parse(Path::new("/x/lkjip-audit.toml"), text).expect("valid");
        assert_eq!(c.rule_dirs(), vec![PathBuf::from("/x/extra")]);
        assert_eq!(c.disable, vec!["template-text".to_string()]);
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.tolerance(), Decimal::new(5, 1));
        assert_eq!(c.severity.get("citation-year"), Some(&Severity::Info));
        assert_eq!(c.default_scale.len(), 1);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_line_and_column() {
        let err = Config::parse(Path::new("c.toml"), "lang = \"en\"\n  colour = 1\n")
            .expect_err("unknown key");
        let text = err.to_string();
        assert!(text.starts_with("c.toml:2:3:"), "{text}");
        assert!(text.contains("colour"), "{text}");
        let err = Config::parse(Path::new("c.toml"), "[severity]\nx = \"fatal\"\n")
            .expect_err("bad severity");
        assert!(err.to_string().starts_with("c.toml:2:"), "{err}");
        let err = Config::parse(Path::new("c.toml"), "tolerance = \"banyak\"\n")
            .expect_err("bad tolerance");
        assert!(err.to_string().starts_with("c.toml:1:1:"), "{err}");
    }
}
