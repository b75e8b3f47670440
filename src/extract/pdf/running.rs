//! Running headers, footers and page numbers of a PDF's pages: candidates by
//! their height on the page, judged by `extract::running`.

use std::collections::HashMap;

use super::layout::TextLine;
use crate::extract::CellMode;
use crate::extract::running::{Hit, is_caption, is_page_number, repeated, text_key};

/// Part of the page height, at the top and at the bottom, where running lines live.
const EDGE: f32 = 0.13;

pub struct PageLines {
    pub lines: Vec<TextLine>,
    pub height: f32,
    /// Column starts of an unruled table at the top of the page.
    pub top_columns: Vec<f32>,
    /// Images and no glyphs: a scanned page.
    pub scanned: bool,
}

fn key(line: &TextLine) -> String {
    text_key(&line.text())
}

fn in_edge(line: &TextLine, height: f32) -> bool {
    height > 0.0 && (line.y < height * EDGE || line.y > height * (1.0 - EDGE))
}

/// Removes running lines in place; returns them as (page index, text).
pub fn remove_running(pages: &mut [PageLines]) -> Vec<(usize, String)> {
    // Candidates: the first and last two free-text lines of each page, near an edge.
    let mut seen: HashMap<(bool, String), Vec<Hit>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        let n = page.lines.len();
        for (i, line) in page.lines.iter().enumerate() {
            if (i < 2 || i + 2 >= n)
                && line.table.is_none()
                && in_edge(line, page.height)
                && !is_caption(&line.text())
            {
                let top = line.y < page.height / 2.0;
                seen.entry((top, key(line))).or_default().push(Hit {
                    page: p,
                    y: line.y,
                    line: i,
                    text: line.text(),
                });
            }
        }
    }
    // Same place on the page: within a few points of the group's usual height.
    let running: Vec<(usize, f32)> = repeated(seen.into_values(), pages.len(), 4.0)
        .into_iter()
        .map(|h| (h.page, h.y))
        .collect();
    let mut removed = Vec::new();
    for (p, page) in pages.iter_mut().enumerate() {
        let height = page.height;
        let n = page.lines.len();
        let mut index = 0;
        page.lines.retain(|line| {
            let i = index;
            index += 1;
            if line.table.is_some() {
                return true;
            }
            let repeated = running
                .iter()
                .any(|&(rp, ry)| rp == p && (ry - line.y).abs() < 0.01);
            let lone_number = (i == 0 || i + 1 == n)
                && line.cells != CellMode::Delimited
                && in_edge(line, height)
                && is_page_number(&line.text());
            if repeated || lone_number {
                removed.push((p, line.text()));
                return false;
            }
            true
        });
    }
    removed
}
