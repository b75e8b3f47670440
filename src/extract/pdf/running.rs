//! Running headers, footers and page numbers: the same text at the same place
//! on many pages, or a lone number at the top or bottom edge. They are dropped
//! so they do not split a table or a sentence that runs over a page break.

use std::collections::HashMap;

use super::layout::TextLine;
use crate::extract::CellMode;

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
    let mut k = String::new();
    for c in line.text().chars() {
        if c.is_ascii_digit() {
            if !k.ends_with('#') {
                k.push('#');
            }
        } else if !c.is_whitespace() {
            k.extend(c.to_lowercase());
        }
    }
    k
}

static PAGE_NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:halaman|hal\.?|page)?\s*(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:/|of|dari)\s*\d{1,4})?$",
    )
    .expect("valid regex")
});

/// "12", "- 3 -", "Halaman 4", "iii", "Page 2 of 9", "5 / 20": the whole line is a page number.
fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| {
        matches!(c, '-' | '–' | '—' | '|' | '[' | ']' | '(' | ')') || c.is_whitespace()
    });
    PAGE_NUMBER.is_match(t)
}

fn in_edge(line: &TextLine, height: f32) -> bool {
    height > 0.0 && (line.y < height * EDGE || line.y > height * (1.0 - EDGE))
}

/// Removes running lines in place; returns how many lines were dropped.
pub fn remove_running(pages: &mut [PageLines]) -> usize {
    // Candidates: the first and last two free-text lines of each page, near an edge.
    let mut seen: HashMap<(bool, String), Vec<(usize, f32)>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        let n = page.lines.len();
        for (i, line) in page.lines.iter().enumerate() {
            if (i < 2 || i + 2 >= n) && line.table.is_none() && in_edge(line, page.height) {
                let top = line.y < page.height / 2.0;
                seen.entry((top, key(line))).or_default().push((p, line.y));
            }
        }
    }
    let min_pages = (pages.len() / 2).max(2);
    let mut running: Vec<(usize, f32)> = Vec::new();
    if pages.len() >= 3 {
        for (_, hits) in seen {
            // Same place on the page (within a few points of the most common position).
            let mut ys: Vec<f32> = hits.iter().map(|h| h.1).collect();
            ys.sort_by(f32::total_cmp);
            let Some(&mid) = ys.get(ys.len() / 2) else {
                continue;
            };
            let at_place: Vec<(usize, f32)> = hits
                .into_iter()
                .filter(|h| (h.1 - mid).abs() <= 4.0)
                .collect();
            let mut distinct: Vec<usize> = at_place.iter().map(|h| h.0).collect();
            distinct.dedup();
            if distinct.len() >= min_pages {
                running.extend(at_place);
            }
        }
    }
    let mut removed = 0;
    for (p, page) in pages.iter_mut().enumerate() {
        let height = page.height;
        let n = page.lines.len();
        let before = page.lines.len();
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
            !(repeated || lone_number)
        });
        removed += before - page.lines.len();
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in ["12", "- 3 -", "Halaman 4", "iii", "Page 2 of 9", "5 / 20"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "Tabel 3",
            "Rp 12",
            "BAB I",
            "1 Program Peningkatan 100%",
            "2020 - 2021",
        ] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
