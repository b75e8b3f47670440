//! Running headers, footers and page numbers, for every reader: the same
//! text at the same place on many pages, or a lone page number at an edge.
//! Each reader finds its candidates (the PDF reader by their height on the
//! page, a text export by their line from the page's edge) and leaves out
//! what these tests call running, so a footer does not split a table or a
//! sentence that runs over a page break.

/// What a running line's text is compared by: its letters, lower case, each
/// run of digits one '#'.
pub(super) fn text_key(text: &str) -> String {
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
    crate::pattern::compile(
        r"(?i)^(?:halaman|hal\.?|page)?\s*(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:/|of|dari)\s*\d{1,4})?$",
    )
    .expect("valid regex")
});

/// A table or figure caption ("Tabel 3.2"): at the top or bottom of several
/// pages when tables are long, but never a running line.
static CAPTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*(?:tabel|table|gambar|grafik|diagram|figure)\s+[0-9ivx]")
        .expect("valid regex")
});

/// "12", "- 3 -", "Halaman 4", "iii", "Page 2 of 9", "5 / 20": the whole line is a page number.
pub(super) fn is_page_number(text: &str) -> bool {
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
pub(super) fn numbers_follow_pages(hits: &[Hit]) -> bool {
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

/// The hits of one edge and text (grouped so by the reader) that are running
/// lines: those at the group's usual place (within `near` of its median) on
/// at least half the pages, two at least, whose numbers stay or follow the
/// pages. None in a document of fewer than three pages.
pub(super) fn repeated(
    groups: impl IntoIterator<Item = Vec<Hit>>,
    pages: usize,
    near: f32,
) -> Vec<Hit> {
    let mut running = Vec::new();
    if pages < 3 {
        return running;
    }
    let min_pages = (pages / 2).max(2);
    for hits in groups {
        let mut ys: Vec<f32> = hits.iter().map(|h| h.y).collect();
        ys.sort_by(f32::total_cmp);
        let Some(&mid) = ys.get(ys.len() / 2) else {
            continue;
        };
        let at_place: Vec<Hit> = hits
            .into_iter()
            .filter(|h| (h.y - mid).abs() <= near)
            .collect();
        let mut distinct: Vec<usize> = at_place.iter().map(|h| h.page).collect();
        distinct.dedup();
        if distinct.len() >= min_pages && numbers_follow_pages(&at_place) {
            running.extend(at_place);
        }
    }
    running
}

/// A candidate running line: where it stands and what it says.
pub(super) struct Hit {
    /// The page's index in the document.
    pub page: usize,
    /// Where on its page: points from the top (PDF), or lines from its edge
    /// (text export).
    pub y: f32,
    /// The line's index on its page.
    pub line: usize,
    pub text: String,
}

/// Whether a line is a table's or a figure's caption, never a running line.
pub(super) fn is_caption(text: &str) -> bool {
    CAPTION.is_match(text)
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
                line: 0,
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
