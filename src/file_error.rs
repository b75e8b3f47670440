//! Errors in the files an auditor writes or keeps beside the reports — rule
//! files, the configuration, baselines — named as `file:line:column: message`
//! so that an editor can jump to the place.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: cannot read {what}: {source}")]
    Io {
        path: PathBuf,
        /// What the file was meant to be ("rule file", "configuration", …).
        what: &'static str,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl FileError {
    /// Reads a whole file, or says which file could not be read and as what
    /// (a regular file only, of bounded size: see [`crate::files::read_settings`]).
    pub fn read(path: &Path, what: &'static str) -> Result<String, FileError> {
        crate::files::read_settings(path).map_err(|source| FileError::Io {
            path: path.to_path_buf(),
            what,
            source,
        })
    }

    /// A problem at a 1-based line and column.
    pub fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        FileError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem at a byte offset of the file's text.
    pub fn at_offset(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        FileError::at(path, line, column, message)
    }
}

/// 1-based line and column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, column)
}

/// Where in `text`, at or after byte `from`, is the value a message quotes
/// (its first `"…"`, written as Rust's `{:?}` writes a string): the offset of
/// the value's first character as the file spells it — verbatim in a TOML
/// literal string (`'\bfoo('`), with `\\` and `\"` in a basic one.
pub fn find_quoted_value(text: &str, from: usize, message: &str) -> Option<usize> {
    let value = debug_quoted(message)?;
    if value.is_empty() {
        return None;
    }
    let basic = value.replace('\\', "\\\\").replace('"', "\\\"");
    let rest = text.get(from..)?;
    [value.as_str(), basic.as_str()]
        .iter()
        .filter_map(|form| rest.find(form))
        .min()
        .map(|at| from + at)
}

/// The first string in `message` quoted as `{:?}` quotes one, unescaped.
fn debug_quoted(message: &str) -> Option<String> {
    let mut chars = message[message.find('"')? + 1..].chars();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                'u' => {
                    let hex: String = chars
                        .by_ref()
                        .skip_while(|c| *c == '{')
                        .take_while(|c| *c != '}')
                        .collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_value_is_found_as_the_file_spells_it() {
        let text = "[[rule]]\npattern = '(?i)\\bfoo('\nother = \"say \\\"x\\\" \\\\d\"\n";
        let message = format!("invalid pattern {:?}: regex parse error", "(?i)\\bfoo(");
        let at = find_quoted_value(text, 0, &message).expect("found");
        assert_eq!(line_column(text, at), (2, 12));
        let message = format!("bad value {:?}", "say \"x\" \\d");
        let at = find_quoted_value(text, 0, &message).expect("found");
        assert_eq!(line_column(text, at), (3, 10));
        assert_eq!(find_quoted_value(text, 0, "no quotes here"), None);
    }
}
