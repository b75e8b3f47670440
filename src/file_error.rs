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
