//! Loading rule files (TOML). Every mistake in a rule file is reported with
//! the file, line and column, so that an auditor editing rules can fix it.

use crate::file_error::{FileError, line_column};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::findings::{Category, Localized, Severity};

/// One rule as written in a rule file.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    /// The built-in check kind this rule parameterises.
    pub kind: String,
    pub category: Category,
    pub severity: Severity,
    pub message: Localized,
    pub description: Localized,
    /// Kind-specific parameters, checked when the rule set is compiled.
    pub params: toml::Table,
    /// Where the rule was defined, for error messages.
    pub source: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// An error in a rule file, with its position.
pub type RuleError = FileError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<toml::Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    kind: String,
    category: Category,
    severity: Severity,
    message: Localized,
    #[serde(default)]
    description: Option<Localized>,
    #[serde(default)]
    params: toml::Table,
}

/// The rules in force for a run.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

/// The rule files compiled into the binary, so that it works from any folder.
pub const DEFAULT_RULE_FILES: &[(&str, &str)] =
    &include!(concat!(env!("OUT_DIR"), "/default_rules.rs"));

impl RuleSet {
    /// The rules shipped with lkjip-audit.
    pub fn defaults() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        // Their patterns are only parsed now, compiled when a check uses
        // them (a unit test compiles every one).
        crate::rules::checks::parsing_patterns_only(|| {
            for (name, text) in DEFAULT_RULE_FILES {
                set.add_text(Path::new(&format!("rules/{name}")), text)?;
            }
            Ok(set)
        })
    }

    /// Adds every `*.toml` file of a folder, in name order. A rule with the id
    /// of an existing one replaces it.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), RuleError> {
        let entries = std::fs::read_dir(dir).map_err(|source| FileError::Io {
            path: dir.to_path_buf(),
            what: "rule folder",
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("toml"))
            .collect();
        files.sort();
        for file in files {
            self.add_file(&file)?;
        }
        Ok(())
    }

    pub fn add_file(&mut self, path: &Path) -> Result<(), RuleError> {
        let text = FileError::read(path, "rule file")?;
        self.add_text(path, &text)
    }

    /// Parses one rule file's text; `path` is used in messages.
    pub fn add_text(&mut self, path: &Path, text: &str) -> Result<(), RuleError> {
        let file: RuleFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            FileError::at_offset(path, text, offset, e.message().to_string())
        })?;
        for spanned in file.rule {
            let span = spanned.span();
            let raw = spanned.into_inner();
            let (line, column) = line_column(text, span.start);
            if raw.id.trim().is_empty() {
                return Err(FileError::at_offset(
                    path,
                    text,
                    span.start,
                    "rule id is empty",
                ));
            }
            let rule = Rule {
                id: raw.id,
                kind: raw.kind,
                category: raw.category,
                severity: raw.severity,
                message: raw.message,
                description: raw.description.unwrap_or_default(),
                params: raw.params,
                source: path.to_path_buf(),
                line,
                column,
            };
            crate::rules::checks::validate(&rule, text)?;
            if let Some(existing) = self.rules.iter_mut().find(|r| r.id == rule.id) {
                *existing = rule;
            } else {
                self.rules.push(rule);
            }
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Removes rules by id; returns the ids that matched no rule.
    pub fn disable(&mut self, ids: &[String]) -> Vec<String> {
        let unknown = ids
            .iter()
            .filter(|id| self.get(id).is_none())
            .cloned()
            .collect();
        self.rules.retain(|r| !ids.contains(&r.id));
        unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[rule]]
id = "x-test"
kind = "malformed_number"
category = "year"
severity = "warning"
message = { id = "Tahun {stated}", en = "Year {stated}" }
[rule.params]
"#;

    #[test]
    fn loads_a_rule_with_position() {
        let mut set = RuleSet::default();
        set.add_text(Path::new("t.toml"), GOOD).unwrap();
        let rule = set.get("x-test").unwrap();
        assert_eq!(rule.severity, Severity::Warning);
        assert_eq!(rule.category, Category::Year);
        assert_eq!(rule.message.en, "Year {stated}");
        assert_eq!(rule.line, 2);
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let mut set = RuleSet::default();
        let bad = "[[rule]]\nid = \"a\"\nkind = = \"x\"\n";
        let err = set.add_text(Path::new("bad.toml"), bad).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("bad.toml:3:"), "{text}");
    }

    #[test]
    fn unknown_key_and_bad_enum_are_errors() {
        let mut set = RuleSet::default();
        let bad = GOOD.replace("category = \"year\"", "category = \"years\"");
        let err = set
            .add_text(Path::new("c.toml"), &bad)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.toml:5:12:"), "{err}");
        assert!(err.contains("years"), "{err}");
        let bad = GOOD.replace("kind =", "colour = \"red\"\nkind =");
        let err = set
            .add_text(Path::new("d.toml"), &bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn unknown_kind_and_bad_params_point_into_the_file() {
        let mut set = RuleSet::default();
        let bad = GOOD.replace("malformed_number", "no_such_kind");
        let err = set
            .add_text(Path::new("e.toml"), &bad)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("e.toml:2:1:"), "{err}");
        assert!(err.contains("unknown check kind `no_such_kind`"), "{err}");
        let bad = GOOD.replace("[rule.params]\n", "[rule.params]\nlimit = 3\n");
        let err = set
            .add_text(Path::new("f.toml"), &bad)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("f.toml:9:1:"), "{err}");
        assert!(err.contains("limit"), "{err}");
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_pointed_at() {
        let mut set = RuleSet::default();
        // A literal string with a backslash: the message shows it escaped.
        let bad = "[[rule]]\nid = \"x\"\nkind = \"template_text\"\ncategory = \"format\"\nseverity = \"warning\"\nmessage = { id = \"a\", en = \"b\" }\n[[rule.params.templates]]\nwhat = { id = \"a\", en = \"b\" }\npattern = '(?i)\\bfoo('\n";
        let err = set
            .add_text(Path::new("g.toml"), bad)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("g.toml:9:12:"), "{err}");
        assert!(err.contains("invalid pattern"), "{err}");
        // A basic string: its escapes are doubled in the file.
        let basic = bad.replace("'(?i)\\bfoo('", "\"(?i)\\\\bfoo(\"");
        let err = set
            .add_text(Path::new("h.toml"), &basic)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("h.toml:9:12:"), "{err}");
        // Spelled so that the value cannot be found (a line continuation):
        // the `pattern =` line still is.
        let wrapped = bad.replace("'(?i)\\bfoo('", "\"\"\"(?i)\\bfoo\\\n  (\"\"\"");
        let err = set
            .add_text(Path::new("i.toml"), &wrapped)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("i.toml:9:1:"), "{err}");
    }

    #[test]
    fn defaults_load() {
        let set = RuleSet::defaults().unwrap();
        assert!(!set.rules.is_empty());
    }

    /// `defaults` only parses the shipped patterns; each must also compile
    /// (as a user's rule file is, when it loads).
    #[test]
    fn every_shipped_pattern_compiles() {
        for (name, text) in DEFAULT_RULE_FILES {
            let mut set = RuleSet::default();
            if let Err(e) = set.add_text(Path::new(name), text) {
                panic!("{e}");
            }
        }
    }
}
