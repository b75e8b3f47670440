//! Text exports: `.txt` / `.md` from PDF-to-text converters.

use std::path::Path;

use super::{Document, InputKind, Line, Page};

pub fn read_text_export(path: &Path, bytes: &[u8]) -> Document {
    let text = String::from_utf8_lossy(bytes);
    let lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| Line {
            number: i as u32 + 1,
            text: l.to_string(),
            ..Default::default()
        })
        .collect();
    Document {
        path: path.to_path_buf(),
        kind: InputKind::Text,
        pages: vec![Page { number: 1, lines }],
        paged: false,
        notes: Vec::new(),
    }
}
