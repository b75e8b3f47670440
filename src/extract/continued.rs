//! Tables running over page breaks: the table that ends a page and the one
//! that opens the next are one table when the second repeats the first's
//! header rows or has the same columns. The second is marked as continuing
//! (`structure` joins them into one table), and the header rows it repeats
//! leave its grid, so they are never read as rows; they stay on the page as
//! lines of no table (a viewer shows them, and line numbers stay the file's).
//!
//! A table still ends its page when a few short lines follow it (a footer or
//! page number the reader kept, the last lines of a wrapped cell, a note), and
//! still opens the next one after a few (a running header); never across a
//! caption of another table.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::grid::{Grid, GridSource, TableRow};
use super::{Document, Line, Page};

/// Most non-blank lines that may stand between a table and the page edge.
const EDGE_LINES: usize = 3;
/// Longer lines are prose, not a footer or the end of a wrapped cell.
const EDGE_LINE_CHARS: usize = 90;
/// Header rows of a table a following page may repeat.
const MAX_HEADER_ROWS: usize = 4;
/// Column boundaries of two parts of one ruled table differ by less (points).
const SAME_COLUMN: f32 = 4.0;

/// A caption of another table or figure; "Lanjutan Tabel 3.1" is not one.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:tabel|table|gambar|grafik|diagram|figure|lampiran)\s+[0-9ivx]")
        .expect("valid regex")
});

/// The table met first walking from a page edge inward over `lines`, when
/// only a few short lines that are no caption stand before it (running lines
/// aside).
fn table_at_edge<'a>(
    lines: impl Iterator<Item = &'a Line>,
    running: &HashSet<String>,
) -> Option<usize> {
    let mut others = 0;
    for l in lines {
        if l.is_blank() || (l.table.is_none() && running.contains(&edge_key(&l.text))) {
            continue;
        }
        if let Some(t) = l.table {
            return Some(t.table);
        }
        let text = l.text.trim();
        let continued = text.to_lowercase().contains("lanjut");
        if (CAPTION.is_match(text) && !continued) || text.chars().count() > EDGE_LINE_CHARS {
            return None;
        }
        others += 1;
        if others > EDGE_LINES {
            return None;
        }
    }
    None
}

/// A row's filled cells, left to right, each lower-cased with its spaces
/// collapsed, for comparing a header with its repetition (whose grid may
/// split the columns differently).
fn row_key(grid: &Grid, row: usize) -> Vec<String> {
    grid.row_texts(row)
        .iter()
        .map(|t| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// How many leading rows of `next` repeat rows of `header`, in order (a page
/// may repeat only some of them, e.g. just the row numbering the columns).
fn repeated_rows(header: &[Vec<String>], next: &Grid) -> usize {
    let mut from = 0;
    let mut k = 0;
    while k < next.rows && k < MAX_HEADER_ROWS {
        let key = row_key(next, k);
        if key.is_empty() {
            break;
        }
        match header.iter().skip(from).position(|h| *h == key) {
            Some(i) => {
                from += i + 1;
                k += 1;
            }
            None => break,
        }
    }
    k
}

/// Whether two grids have the same columns: the same boundaries when the
/// reader knows them (ruled tables), else the same number.
fn same_columns(a: &Grid, b: &Grid) -> bool {
    if a.source != b.source || a.cols != b.cols || a.cols < 2 {
        return false;
    }
    if a.col_xs.is_empty() || b.col_xs.is_empty() {
        return a.col_xs.is_empty() && b.col_xs.is_empty();
    }
    a.col_xs.len() == b.col_xs.len()
        && a.col_xs
            .iter()
            .zip(&b.col_xs)
            .all(|(x, y)| (x - y).abs() <= SAME_COLUMN)
}

/// Marks the tables continued over page breaks and takes the header rows they
/// repeat out of their grids (the lines stay, as lines of no table).
pub fn join_over_pages(doc: &mut Document) {
    let running = running_keys(&doc.pages);
    for page in &mut doc.pages {
        detach_running(page, &running);
    }
    // The header rows of the table the last grid looked at belongs to.
    let mut chain_header: Option<(usize, usize, Vec<Vec<String>>)> = None;
    for p in 1..doc.pages.len() {
        let (before, after) = doc.pages.split_at_mut(p);
        let (Some(prev), Some(page)) = (before.last(), after.first_mut()) else {
            continue;
        };
        let Some(last) = table_at_edge(prev.lines.iter().rev(), &running) else {
            continue;
        };
        let Some(first) = table_at_edge(page.lines.iter(), &running) else {
            continue;
        };
        let (Some(prev_grid), Some(next_grid)) = (prev.tables.get(last), page.tables.get(first))
        else {
            continue;
        };
        let header: Vec<Vec<String>> = match &chain_header {
            Some((hp, ht, h)) if *hp == p - 1 && *ht == last && prev_grid.continues => h.clone(),
            _ => (0..prev_grid.rows.saturating_sub(1).min(MAX_HEADER_ROWS))
                .map(|r| row_key(prev_grid, r))
                .collect(),
        };
        let mut k = repeated_rows(&header, next_grid);
        if k >= next_grid.rows || next_grid.source != prev_grid.source {
            k = 0;
        }
        // Without a repeated header, the same columns; an unruled "table" of
        // one row at the foot of a page is too little to go by.
        let columns_go_on = same_columns(prev_grid, next_grid)
            && (prev_grid.rows >= 2 || prev_grid.source == GridSource::Ruled);
        if k == 0 && !next_grid.continues && !columns_go_on {
            continue;
        }
        if k > 0 {
            drop_rows(page, first, k);
        }
        if let Some(g) = page.tables.get_mut(first) {
            g.continues = true;
        }
        chain_header = Some((p, first, header));
    }
}

/// Non-blank lines at each end of a page looked at for running lines.
const RUNNING_EDGE: usize = 3;

/// A line as running lines compare: lower case, digits as `#`, no spaces.
fn edge_key(text: &str) -> String {
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

/// The non-blank lines at each end of a page.
fn edge_lines(page: &Page) -> impl Iterator<Item = (usize, &Line)> {
    let filled: Vec<usize> = (0..page.lines.len())
        .filter(|&i| !page.lines[i].is_blank())
        .collect();
    let n = filled.len();
    filled
        .into_iter()
        .enumerate()
        .filter(move |&(k, _)| k < RUNNING_EDGE || k + RUNNING_EDGE >= n)
        .map(|(_, i)| (i, &page.lines[i]))
}

/// Running headers and footers the reader kept (a page number that does not
/// follow the pages): lines at a page's edge that recur, digits aside, on
/// three pages or more and a quarter of them. Never a caption.
fn running_keys(pages: &[Page]) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        // Free lines, and "tables" of one row (a footer split at its page
        // number); never a table's rows, which a header repeats on every page.
        let keys: HashSet<String> = edge_lines(page)
            .filter(|(_, l)| {
                l.table
                    .is_none_or(|t| page.tables.get(t.table).is_some_and(|g| g.rows == 1))
            })
            .filter(|(_, l)| !CAPTION.is_match(&l.text))
            .map(|(_, l)| edge_key(&l.text))
            .filter(|k| !k.is_empty())
            .collect();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= 3 && n * 4 >= pages.len())
        .map(|(k, _)| k)
        .collect()
}

/// Running lines at a page's edge that were read as a table of one row are
/// not a table.
fn detach_running(page: &mut Page, running: &HashSet<String>) {
    if running.is_empty() {
        return;
    }
    let candidates: Vec<usize> = edge_lines(page)
        .filter(|(_, l)| l.table.is_some() && running.contains(&edge_key(&l.text)))
        .map(|(i, _)| i)
        .collect();
    for i in candidates {
        let Some(TableRow { table, row }) = page.lines.get(i).and_then(|l| l.table) else {
            continue;
        };
        let Some(grid) = page.tables.get_mut(table) else {
            continue;
        };
        if grid.rows != 1 {
            continue;
        }
        grid.remove_rows(row..row + 1);
        for l in &mut page.lines {
            match l.table.as_mut() {
                Some(t) if t.table == table && t.row == row => l.table = None,
                Some(t) if t.table == table && t.row > row => t.row -= 1,
                _ => {}
            }
        }
    }
    // Grids left without rows go; the later ones move up.
    let mut t = page.tables.len();
    while t > 0 {
        t -= 1;
        if page.tables.get(t).is_some_and(|g| g.rows == 0) {
            page.tables.remove(t);
            for l in &mut page.lines {
                match l.table {
                    Some(r) if r.table == t => l.table = None,
                    Some(r) if r.table > t => {
                        l.table = Some(TableRow {
                            table: r.table - 1,
                            row: r.row,
                        })
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Drops the first `k` rows of grid `table` of a page; their lines stay as
/// lines of no table.
fn drop_rows(page: &mut Page, table: usize, k: usize) {
    for l in &mut page.lines {
        match l.table.as_mut() {
            Some(t) if t.table == table && t.row < k => l.table = None,
            Some(t) if t.table == table => t.row -= k,
            _ => {}
        }
    }
    if let Some(g) = page.tables.get_mut(table) {
        // A header cell the drawing runs on down into the body (no rule under
        // it where the body's cells are empty) repeats the header too: its
        // text goes with the rows, its box stays.
        for c in g
            .cells
            .iter_mut()
            .filter(|c| c.rows.start < k && c.rows.end > k)
        {
            c.text.clear();
            c.lines.clear();
        }
        g.remove_rows(0..k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{CellMode, InputKind};
    use std::path::PathBuf;

    /// A page of a PDF: `before` lines, a grid of `rows` (texts per column), `after` lines.
    fn page(number: u32, before: &[&str], rows: &[&[&str]], after: &[&str]) -> Page {
        let mut lines = Vec::new();
        let line = |n: usize, text: &str| Line {
            number: n as u32 + 1,
            text: text.to_string(),
            ..Line::default()
        };
        for t in before {
            lines.push(line(lines.len(), t));
        }
        let cells: Vec<Vec<(String, bool)>> = rows
            .iter()
            .map(|r| r.iter().map(|t| (t.to_string(), false)).collect())
            .collect();
        let mut grid = Grid::from_rows(GridSource::Ruled, &cells);
        for (r, row) in rows.iter().enumerate() {
            grid.row_lines.push(lines.len() as u32 + 1);
            lines.push(Line {
                cells: CellMode::Delimited,
                table: Some(TableRow { table: 0, row: r }),
                ..line(lines.len(), &row.join("\t"))
            });
        }
        for t in after {
            lines.push(line(lines.len(), t));
        }
        Page {
            number,
            lines,
            tables: vec![grid],
        }
    }

    fn doc(pages: Vec<Page>) -> Document {
        Document {
            path: PathBuf::from("x.pdf"),
            kind: InputKind::Pdf,
            pages,
            paged: true,
            notes: Vec::new(),
            dropped: Vec::new(),
            ocr_pages: Vec::new(),
            lost: None,
        }
    }

    #[test]
    fn a_repeated_header_after_a_footer_leaves_the_grid_and_the_table_continues() {
        let mut d = doc(vec![
            page(
                1,
                &["Tabel 2.3 Renstra"],
                &[&["Sasaran", "Target"], &["A", "5"]],
                &["Bab II – Perencanaan | 22"],
            ),
            page(
                2,
                &[],
                &[&["Sasaran", "Target"], &["B", "6"], &["C", "7"]],
                &["prose after"],
            ),
        ]);
        join_over_pages(&mut d);
        let g = &d.pages[1].tables[0];
        assert!(g.continues);
        assert_eq!(g.rows, 2);
        assert_eq!(g.row_texts(0), vec!["B", "6"]);
        assert_eq!(g.row_lines, vec![2, 3]);
        // The repeated header stays on the page, as a line of no table.
        assert_eq!(d.pages[1].lines[0].text, "Sasaran\tTarget");
        assert_eq!(d.pages[1].lines[0].table, None);
        assert_eq!(
            d.pages[1].lines[2].table,
            Some(TableRow { table: 0, row: 1 })
        );
    }

    #[test]
    fn same_columns_continue_without_a_header_but_not_past_a_caption() {
        let mut d = doc(vec![
            page(
                1,
                &[],
                &[&["No", "Uraian", "Target"], &["1", "A", "5"]],
                &[],
            ),
            page(2, &[], &[&["2", "B", "6"]], &[]),
            page(3, &["Tabel 3.1 Lain"], &[&["3", "C", "7"]], &[]),
        ]);
        join_over_pages(&mut d);
        assert!(d.pages[1].tables[0].continues);
        assert_eq!(
            d.pages[1].tables[0].rows, 1,
            "nothing repeated, nothing dropped"
        );
        assert!(!d.pages[2].tables[0].continues);
    }

    #[test]
    fn prose_after_a_table_means_it_ended() {
        let long = "Berdasarkan tabel di atas dapat dilihat bahwa capaian kinerja sasaran strategis telah melampaui target.";
        let mut d = doc(vec![
            page(1, &[], &[&["No", "Uraian"], &["1", "A"]], &[long]),
            page(2, &[], &[&["No", "Uraian"], &["2", "B"]], &[]),
        ]);
        join_over_pages(&mut d);
        assert!(!d.pages[1].tables[0].continues);
        assert_eq!(d.pages[1].tables[0].rows, 2);
    }

    #[test]
    fn only_the_column_numbers_repeated() {
        let mut d = doc(vec![
            page(
                1,
                &[],
                &[&["No", "Uraian"], &["(1)", "(2)"], &["1", "A"]],
                &[],
            ),
            page(2, &[], &[&["(1)", "(2)"], &["2", "B"]], &[]),
        ]);
        join_over_pages(&mut d);
        let g = &d.pages[1].tables[0];
        assert!(g.continues);
        assert_eq!(g.row_texts(0), vec!["2", "B"]);
    }

    #[test]
    fn a_header_cell_running_on_into_the_body_loses_its_text_with_the_header() {
        let mut d = doc(vec![
            page(1, &[], &[&["Sasaran", "Kegiatan"], &["S1", "A"]], &[]),
            page(2, &[], &[&["Sasaran", "Kegiatan"], &["", "B"]], &[]),
        ]);
        // On page 2 no rule closes the header's "Sasaran" cell: it runs on
        // over the body's empty sasaran cell.
        let g = &mut d.pages[1].tables[0];
        g.cells
            .retain(|c| !(c.rows.start == 1 && c.cols.start == 0));
        if let Some(c) = g
            .cells
            .iter_mut()
            .find(|c| c.rows.start == 0 && c.cols.start == 0)
        {
            c.rows = 0..2;
        }
        g.cells.sort_by_key(|c| (c.rows.start, c.cols.start));
        join_over_pages(&mut d);
        let g = &d.pages[1].tables[0];
        assert!(g.continues);
        assert_eq!(g.rows, 1);
        assert_eq!(g.row_texts(0), vec!["", "B"]);
    }
}
