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
    text_key(&line.text())
}

/// What a running line's text is compared by: its letters, lower case, each
/// run of digits one '#'.
pub(in crate::extract) fn text_key(text: &str) -> String {
    let mut k = String::new();
    for c in text.chars() {
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

/// A table or figure caption ("Tabel 3.2"): at the top or bottom of several
/// pages when tables are long, but never a running line.
static CAPTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^\s*(?:tabel|table|gambar|grafik|diagram|figure)\s+[0-9ivx]")
        .expect("valid regex")
});

/// "12", "- 3 -", "Halaman 4", "iii", "Page 2 of 9", "5 / 20": the whole line is a page number.
pub(in crate::extract) fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| {
        matches!(c, '-' | '–' | '—' | '|' | '[' | ']' | '(' | ')') || c.is_whitespace()
    });
    PAGE_NUMBER.is_match(t)
}

/// The numbers in a running line are the same on every page, except at most
/// one that goes up with the page ("Halaman 3", "Halaman 4"), from page to
/// page at least three times in four (a report whose numbering restarts
/// where an appendix begins). A footer that carries the page number on some
/// pages and leaves it to a line of its own on others is checked per form.
/// Captions at the top of two pages ("Tabel 3.2", "Tabel 3.4") are not
/// running lines.
pub(in crate::extract) fn numbers_follow_pages(hits: &[Hit]) -> bool {
    let numbers = |text: &str| -> Vec<i64> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    let all: Vec<(usize, Vec<i64>)> = hits.iter().map(|h| (h.page, numbers(&h.text))).collect();
    let mut counts: Vec<usize> = all.iter().map(|(_, n)| n.len()).collect();
    counts.sort_unstable();
    counts.dedup();
    counts.into_iter().all(|count| {
        let form: Vec<&(usize, Vec<i64>)> = all.iter().filter(|(_, n)| n.len() == count).collect();
        let Some((_, first)) = form.first() else {
            return true;
        };
        let varying: Vec<usize> = (0..count)
            .filter(|&k| form.iter().any(|(_, n)| n.get(k) != first.get(k)))
            .collect();
        match varying.as_slice() {
            [] => true,
            [k] => {
                let steps = form.len() - 1;
                let following = form
                    .windows(2)
                    .filter(|w| {
                        let (pa, a) = w[0];
                        let (pb, b) = w[1];
                        match (a.get(*k), b.get(*k)) {
                            (Some(x), Some(y)) => y - x == *pb as i64 - *pa as i64,
                            _ => false,
                        }
                    })
                    .count();
                following * 4 >= steps * 3
            }
            _ => false,
        }
    })
}

/// A candidate running line: where it stands and what it says.
pub(in crate::extract) struct Hit {
    pub page: usize,
    pub y: f32,
    pub text: String,
}

/// Whether a line is a table's or a figure's caption, never a running line.
pub(in crate::extract) fn is_caption(text: &str) -> bool {
    CAPTION.is_match(text)
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
                && !CAPTION.is_match(&line.text())
            {
                let top = line.y < page.height / 2.0;
                seen.entry((top, key(line))).or_default().push(Hit {
                    page: p,
                    y: line.y,
                    text: line.text(),
                });
            }
        }
    }
    let min_pages = (pages.len() / 2).max(2);
    let mut running: Vec<(usize, f32)> = Vec::new();
    if pages.len() >= 3 {
        for (_, hits) in seen {
            // Same place on the page (within a few points of the most common position).
            let mut ys: Vec<f32> = hits.iter().map(|h| h.y).collect();
            ys.sort_by(f32::total_cmp);
            let Some(&mid) = ys.get(ys.len() / 2) else {
                continue;
            };
            let at_place: Vec<Hit> = hits
                .into_iter()
                .filter(|h| (h.y - mid).abs() <= 4.0)
                .collect();
            let mut distinct: Vec<usize> = at_place.iter().map(|h| h.page).collect();
            distinct.dedup();
            if distinct.len() >= min_pages && numbers_follow_pages(&at_place) {
                running.extend(at_place.into_iter().map(|h| (h.page, h.y)));
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(lines: &[(usize, &str)]) -> Vec<Hit> {
        lines
            .iter()
            .map(|(p, t)| Hit {
                page: *p,
                y: 30.0,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn running_lines_number_with_their_pages() {
        assert!(numbers_follow_pages(&hits(&[
            (0, "LKjIP 2020"),
            (1, "LKjIP 2020")
        ])));
        assert!(numbers_follow_pages(&hits(&[
            (2, "Halaman 3 dari 9"),
            (4, "Halaman 5 dari 9")
        ])));
        assert!(!numbers_follow_pages(&hits(&[
            (1, "Tabel 3.2"),
            (2, "Tabel 3.4")
        ])));
        // The page number on the footer's line on some pages, on a line of
        // its own on others; the numbering restarting once.
        let mut footer: Vec<(usize, String)> = (0..6)
            .map(|p| (p, format!("LAPORAN KINERJA TAHUN 2025 {}", p + 1)))
            .collect();
        footer.extend((6..10).map(|p| (p, "LAPORAN KINERJA TAHUN 2025".to_string())));
        footer.extend((10..16).map(|p| (p, format!("LAPORAN KINERJA TAHUN 2025 {}", p - 9))));
        let footer: Vec<(usize, &str)> = footer.iter().map(|(p, t)| (*p, t.as_str())).collect();
        assert!(numbers_follow_pages(&hits(&footer)));
        // Numbers that follow the pages only now and then are no page numbers.
        assert!(!numbers_follow_pages(&hits(&[
            (1, "Sasaran 3"),
            (2, "Sasaran 4"),
            (3, "Sasaran 2"),
            (4, "Sasaran 7"),
            (5, "Sasaran 1")
        ])));
    }

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
