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

use super::grid::{Grid, GridCell, GridSource, TableRow};
use super::running::text_key;
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
    crate::pattern::compile(
        r"(?i)^\s*(?:tabel|table|gambar|grafik|diagram|figure|lampiran)\s+[0-9ivx]",
    )
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
        if l.is_blank() || (l.table.is_none() && running.contains(&text_key(&l.text))) {
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
///
/// A cell running on below the row (a header cell with no rule under it, the
/// body's continued cell under it: "SASARAN" over "dan Penerapan IPTEK …")
/// counts only its lines above the next row's top.
fn row_key(grid: &Grid, row: usize) -> Vec<String> {
    let below = row_top(grid, row + 1);
    let mut texts = vec![String::new(); grid.cols];
    for c in grid.cells_starting_in(row) {
        let Some(slot) = texts.get_mut(c.cols.start) else {
            continue;
        };
        *slot = text_above(c, below, row + 1);
    }
    texts
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

/// The top of grid row `row` on the page, from the boxes of the cells that
/// start in it (None when the reader knows no boxes).
fn row_top(grid: &Grid, row: usize) -> Option<f32> {
    grid.cells_starting_in(row)
        .filter_map(|c| c.bbox.map(|b| b[1]))
        .min_by(f32::total_cmp)
}

/// The text of a cell of rows before `rows`: a cell running on past them
/// counts only its lines above `below`, the top of the row after.
fn text_above(c: &GridCell, below: Option<f32>, rows: usize) -> String {
    match below {
        Some(y) if c.rows.end > rows && !c.lines.is_empty() => {
            joined(c.lines.iter().filter(|l| l.y < y).map(|l| l.text.as_str()))
        }
        _ => c.text.clone(),
    }
}

/// A cell's lines as one text: a word broken after a hyphen rejoins (as the
/// PDF reader joins a cell's lines), other lines join with a space.
fn joined<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for l in lines.map(str::trim).filter(|l| !l.is_empty()) {
        if !text.is_empty() && !super::pdf::joins_without_space(&text, l, false) {
            text.push(' ');
        }
        text.push_str(l);
    }
    text
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
        join_set_apart_rows(page);
    }
    // The header rows of the table the last grid looked at belongs to.
    let mut chain_header: Option<(usize, usize, Vec<Vec<String>>)> = None;
    for p in 1..doc.pages.len() {
        let (before, after) = doc.pages.split_at_mut(p);
        let (Some(prev), Some(page)) = (before.last_mut(), after.first_mut()) else {
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
        let mut header: Vec<Vec<String>> = match &chain_header {
            Some((hp, ht, h)) if *hp == p - 1 && *ht == last && prev_grid.continues => h.clone(),
            _ => (0..prev_grid.rows.saturating_sub(1).min(MAX_HEADER_ROWS))
                .map(|r| row_key(prev_grid, r))
                .collect(),
        };
        let mut k = repeated_rows(&header, next_grid);
        if k >= next_grid.rows || next_grid.source != prev_grid.source {
            k = 0;
        }
        // The header alone at the foot of the page, printed again over the
        // body: it becomes a grid of the next page's columns.
        let mut fragment = None;
        if k == 0
            && let Some((n, grid)) = header_fragment(prev, last, next_grid)
        {
            header = (0..n).map(|r| row_key(next_grid, r)).collect();
            k = n;
            fragment = Some(grid);
        }
        // Without a repeated header, the same columns; an unruled "table" of
        // one row at the foot of a page is too little to go by.
        let columns_go_on = same_columns(prev_grid, next_grid)
            && (prev_grid.rows >= 2 || prev_grid.source == GridSource::Ruled);
        if k == 0 && !next_grid.continues && !columns_go_on {
            continue;
        }
        if let (Some(grid), Some(slot)) = (fragment, prev.tables.get_mut(last)) {
            let rows = grid.rows;
            *slot = grid;
            for l in &mut prev.lines {
                if let Some(t) = l.table.as_mut()
                    && t.table == last
                {
                    t.row = t.row.min(rows.saturating_sub(1));
                }
            }
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

/// A word of running text: lower case, letters and digits only.
fn word_key(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A table's header printed alone at the foot of a page (its body on the
/// next page, under the header printed again): grid `last` of `prev`, whose
/// words, each placed by its middle in the columns of `next` (known from its
/// rules), are the words of `next`'s first rows, each in a cell of its
/// column. The reader of the lone header may cut its columns otherwise ("No
/// Bulan" one cell): the fragment is rebuilt in `next`'s columns. Gives how
/// many rows of `next` repeat it, and the rebuilt grid (its rows the
/// header).
fn header_fragment(prev: &Page, last: usize, next: &Grid) -> Option<(usize, Grid)> {
    let grid = prev.tables.get(last)?;
    let xs = &next.col_xs;
    if grid.rows > MAX_HEADER_ROWS || next.cols < 2 || xs.len() != next.cols + 1 {
        return None;
    }
    // The fragment's words, each with the column of its middle.
    let mut words: Vec<(usize, &str)> = Vec::new();
    for l in &prev.lines {
        if l.table.is_none_or(|t| t.table != last) {
            continue;
        }
        for s in &l.spans {
            let chars = s.text.chars().count().max(1) as f32;
            let mut at = 0usize;
            for w in s.text.split(' ') {
                let n = w.chars().count();
                // A word's middle, by its share of the span's characters.
                let middle = s.x + s.width * (at as f32 + n as f32 / 2.0) / chars;
                at += n + 1;
                if word_key(w).is_empty() {
                    continue;
                }
                let col = xs
                    .windows(2)
                    .position(|e| e[0] <= middle && middle < e[1])?;
                words.push((col, w));
            }
        }
    }
    let columns: HashSet<usize> = words.iter().map(|w| w.0).collect();
    if words.len() < 2 || columns.len() < 2 {
        return None;
    }
    let k = (1..next.rows.min(MAX_HEADER_ROWS + 1)).find(|&k| same_words(&words, next, k))?;
    // The header as the next page prints it, with its merged cells; each of
    // the fragment's lines shows the row it was read in, or the last.
    let below = row_top(next, k);
    let mut rebuilt = Grid::from_rows(next.source, &[]);
    rebuilt.rows = k;
    rebuilt.cols = next.cols;
    rebuilt.col_xs = xs.clone();
    rebuilt.spans_known = next.spans_known;
    rebuilt.header_rows = Some(k);
    rebuilt.cells = next
        .cells
        .iter()
        .filter(|c| c.rows.start < k)
        .map(|c| {
            let mut cell = c.clone();
            if let Some(y) = below.filter(|_| c.rows.end > k && !c.lines.is_empty()) {
                cell.lines.retain(|l| l.y < y);
                cell.text = joined(cell.lines.iter().map(|l| l.text.as_str()));
            }
            cell.rows = c.rows.start..c.rows.end.min(k);
            cell.bbox = None;
            cell
        })
        .collect();
    rebuilt.row_lines = (0..k)
        .filter_map(|r| {
            grid.row_lines
                .get(r.min(grid.rows.saturating_sub(1)))
                .copied()
        })
        .collect();
    rebuilt.normalise();
    Some((k, rebuilt))
}

/// Whether the fragment's `words` (column, word) are those of the first `k`
/// rows of `next`, each in a cell covering its column.
fn same_words(words: &[(usize, &str)], next: &Grid, k: usize) -> bool {
    let below = row_top(next, k);
    // Each header cell's columns and words still to be matched.
    let mut cells: Vec<(std::ops::Range<usize>, Vec<String>)> = next
        .cells
        .iter()
        .filter(|c| c.rows.start < k)
        .map(|c| {
            let words = text_above(c, below, k)
                .split_whitespace()
                .map(word_key)
                .filter(|w| !w.is_empty())
                .collect();
            (c.cols.clone(), words)
        })
        .collect();
    for &(col, w) in words {
        let key = word_key(w);
        let found = cells.iter_mut().find_map(|(cols, left)| {
            let at = left.iter().position(|x| *x == key)?;
            cols.contains(&col).then_some((left, at))
        });
        let Some((left, at)) = found else {
            return false;
        };
        left.remove(at);
    }
    cells.iter().all(|(_, left)| left.is_empty())
}

/// Points between a ruled table and a row of it drawn apart under it (a
/// double rule over a total row), at most.
const SET_APART: f32 = 10.0;

/// The top and bottom of a grid on its page, from its cells' boxes.
fn grid_span(g: &Grid) -> Option<(f32, f32)> {
    let boxes = g.cells.iter().filter_map(|c| c.bbox);
    let top = boxes.clone().map(|b| b[1]).min_by(f32::total_cmp)?;
    let bottom = boxes.map(|b| b[3]).max_by(f32::total_cmp)?;
    Some((top, bottom))
}

/// Rows a ruled table draws apart under it, a few points below (a total row
/// under a double rule, "RATA-RATA : 94,12% … 93,11"), read as a grid of
/// their own: when their column edges are all the table's, the same outer
/// edges, and no text stands between, they are the table's last rows.
fn join_set_apart_rows(page: &mut Page) {
    // Each join removes a grid: at most as many rounds as grids.
    for _ in 0..page.tables.len() {
        let Some((upper, lower)) = set_apart_pair(page) else {
            return;
        };
        let (rows, mapped) = {
            let (a, b) = (&page.tables[upper], &page.tables[lower]);
            let index = |x: f32| a.col_xs.iter().position(|e| (e - x).abs() <= SAME_COLUMN);
            let mut mapped = Vec::new();
            for c in &b.cells {
                let (Some(start), Some(end)) = (
                    b.col_xs.get(c.cols.start).and_then(|&x| index(x)),
                    b.col_xs.get(c.cols.end).and_then(|&x| index(x)),
                ) else {
                    return;
                };
                let mut cell = c.clone();
                cell.cols = start..end;
                cell.rows = c.rows.start + a.rows..c.rows.end + a.rows;
                mapped.push(cell);
            }
            (a.rows, mapped)
        };
        let moved = page.tables[lower].row_lines.clone();
        let added = page.tables[lower].rows;
        let a = &mut page.tables[upper];
        a.cells.extend(mapped);
        a.rows += added;
        a.row_lines.extend(moved);
        a.normalise();
        for l in &mut page.lines {
            if let Some(t) = l.table.as_mut()
                && t.table == lower
            {
                *t = TableRow {
                    table: upper,
                    row: t.row + rows,
                };
            }
        }
        if let Some(g) = page.tables.get_mut(lower) {
            g.rows = 0;
        }
        remove_empty_grids(page);
    }
}

/// The first pair of ruled grids of a page (upper, lower) where the lower
/// is rows the upper draws apart under it.
fn set_apart_pair(page: &Page) -> Option<(usize, usize)> {
    let last_line = |t: usize| {
        page.lines
            .iter()
            .rposition(|l| l.table.is_some_and(|r| r.table == t))
    };
    let first_line = |t: usize| {
        page.lines
            .iter()
            .position(|l| l.table.is_some_and(|r| r.table == t))
    };
    let ruled = |g: &Grid| g.source == GridSource::Ruled && g.col_xs.len() >= 2;
    // Each grid's extent, once: the pairs are many on a page of many grids.
    let spans: Vec<Option<(f32, f32)>> = page
        .tables
        .iter()
        .map(|g| grid_span(g).filter(|_| ruled(g)))
        .collect();
    for (u, a) in page.tables.iter().enumerate() {
        let Some((_, bottom)) = spans[u] else {
            continue;
        };
        for (w, b) in page.tables.iter().enumerate() {
            let Some((top, _)) = spans[w].filter(|_| w != u) else {
                continue;
            };
            if !(0.0..=SET_APART).contains(&(top - bottom)) {
                continue;
            }
            let near = |x: f32, y: f32| (x - y).abs() <= SAME_COLUMN;
            let edges = matches!((a.col_xs.first(), b.col_xs.first()), (Some(&x), Some(&y)) if near(x, y))
                && matches!((a.col_xs.last(), b.col_xs.last()), (Some(&x), Some(&y)) if near(x, y))
                && b.col_xs
                    .iter()
                    .all(|&x| a.col_xs.iter().any(|&e| near(x, e)));
            if !edges {
                continue;
            }
            let (Some(end), Some(start)) = (last_line(u), first_line(w)) else {
                continue;
            };
            let between_blank = start > end
                && page.lines[end + 1..start]
                    .iter()
                    .all(|l| l.is_blank() && l.table.is_none());
            if between_blank {
                return Some((u, w));
            }
        }
    }
    None
}

/// Non-blank lines at each end of a page looked at for running lines.
const RUNNING_EDGE: usize = 3;

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
            .map(|(_, l)| text_key(&l.text))
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
        .filter(|(_, l)| l.table.is_some() && running.contains(&text_key(&l.text)))
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
    remove_empty_grids(page);
}

/// Grids left without rows go; the later ones move up.
fn remove_empty_grids(page: &mut Page) {
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
        // it) repeats the header too: its lines above the body's first row go
        // with the header rows; those below (a cell continued from the page
        // before) stay, and its box starts where the body does.
        let top = row_top(g, k);
        for c in g
            .cells
            .iter_mut()
            .filter(|c| c.rows.start < k && c.rows.end > k)
        {
            let Some(y) = top.filter(|_| !c.lines.is_empty()) else {
                c.text.clear();
                c.lines.clear();
                continue;
            };
            c.lines.retain(|l| l.y >= y);
            c.text = joined(c.lines.iter().map(|l| l.text.as_str()));
            if let Some(b) = c.bbox.as_mut() {
                b[1] = b[1].max(y);
            }
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

    /// A line of grid row `row` of grid `table`, its spans at the given x and width.
    fn row_line(number: u32, table: usize, row: usize, spans: &[(&str, f32, f32)]) -> Line {
        Line {
            number,
            text: spans.iter().map(|s| s.0).collect::<Vec<_>>().join("\t"),
            spans: spans
                .iter()
                .map(|&(t, x, w)| crate::extract::Span::new(t, x, w))
                .collect(),
            cells: CellMode::Delimited,
            table: Some(TableRow { table, row }),
            ..Line::default()
        }
    }

    /// A ruled cell: rows, columns, box (left, top, right, bottom), lines (y, text).
    fn cell(
        rows: std::ops::Range<usize>,
        cols: std::ops::Range<usize>,
        bbox: [f32; 4],
        lines: &[(f32, &str)],
    ) -> crate::extract::GridCell {
        crate::extract::GridCell {
            rows,
            cols,
            text: lines.iter().map(|l| l.1).collect::<Vec<_>>().join(" "),
            lines: lines
                .iter()
                .map(|&(y, t)| crate::extract::CellLine {
                    text: t.to_string(),
                    y,
                })
                .collect(),
            bbox: Some(bbox),
            ..Default::default()
        }
    }

    /// A ruled grid of `rows` rows over the column edges `xs`.
    fn ruled(rows: usize, xs: &[f32], cells: Vec<crate::extract::GridCell>) -> Grid {
        let mut g = Grid::from_rows(GridSource::Ruled, &[]);
        g.rows = rows;
        g.cols = xs.len() - 1;
        g.col_xs = xs.to_vec();
        g.spans_known = true;
        g.cells = cells;
        g.row_lines = (1..=rows as u32).collect();
        g.normalise();
        g
    }

    #[test]
    fn a_header_cell_over_a_continued_cell_keeps_the_continued_lines() {
        let first = page(
            1,
            &[],
            &[&["Sasaran", "Target"], &["Meningkatnya hasil", "5"]],
            &[],
        );
        // Page 2: no rule under the header's "Sasaran": its cell runs down
        // over the rest of the sasaran cut at the break.
        let grid = ruled(
            3,
            &[0.0, 100.0, 200.0],
            vec![
                cell(
                    0..3,
                    0..1,
                    [0.0, 0.0, 100.0, 60.0],
                    &[(10.0, "Sasaran"), (30.0, "dan Penerapan"), (50.0, "IPTEK")],
                ),
                cell(0..1, 1..2, [100.0, 0.0, 200.0, 20.0], &[(10.0, "Target")]),
                cell(1..2, 1..2, [100.0, 20.0, 200.0, 40.0], &[(30.0, "6")]),
                cell(2..3, 1..2, [100.0, 40.0, 200.0, 60.0], &[(50.0, "7")]),
            ],
        );
        let second = Page {
            number: 2,
            lines: vec![
                row_line(1, 0, 0, &[("Sasaran", 0.0, 40.0), ("Target", 100.0, 30.0)]),
                row_line(2, 0, 1, &[("dan Penerapan", 0.0, 60.0), ("6", 100.0, 5.0)]),
                row_line(3, 0, 2, &[("IPTEK", 0.0, 30.0), ("7", 100.0, 5.0)]),
            ],
            tables: vec![grid],
        };
        let mut d = doc(vec![first, second]);
        join_over_pages(&mut d);
        let g = &d.pages[1].tables[0];
        assert!(g.continues);
        assert_eq!(g.rows, 2, "the repeated header left, not the rows under it");
        assert_eq!(g.row_texts(0), vec!["dan Penerapan IPTEK", "6"]);
        assert_eq!(d.pages[1].lines[0].table, None);
    }

    #[test]
    fn a_header_alone_at_a_page_foot_takes_the_next_pages_columns() {
        // Page 1 ends with the header only, read in columns of its own ("No
        // Bulan" one cell); page 2 prints it again over the body.
        let fragment = Grid::from_rows(
            GridSource::Aligned,
            &[
                vec![(String::new(), false), ("Indeks".into(), false)],
                vec![
                    ("No Bulan".into(), false),
                    ("diterima".into(), false),
                    ("NTP".into(), false),
                ],
            ],
        );
        let mut fragment = fragment;
        fragment.row_lines = vec![2, 3];
        let first = Page {
            number: 1,
            lines: vec![
                Line {
                    number: 1,
                    text: "Indeks harga yang diterima petani".into(),
                    ..Line::default()
                },
                row_line(2, 0, 0, &[("Indeks", 110.0, 40.0)]),
                row_line(
                    3,
                    0,
                    1,
                    &[
                        ("No Bulan", 10.0, 60.0),
                        ("diterima", 110.0, 40.0),
                        ("NTP", 210.0, 20.0),
                    ],
                ),
                Line {
                    number: 4,
                    text: "42".into(),
                    ..Line::default()
                },
            ],
            tables: vec![fragment],
        };
        let xs = [0.0, 30.0, 100.0, 200.0, 260.0];
        let grid = ruled(
            3,
            &xs,
            vec![
                cell(0..1, 0..1, [0.0, 0.0, 30.0, 30.0], &[(20.0, "No")]),
                cell(0..1, 1..2, [30.0, 0.0, 100.0, 30.0], &[(20.0, "Bulan")]),
                cell(
                    0..1,
                    2..3,
                    [100.0, 0.0, 200.0, 30.0],
                    &[(10.0, "Indeks"), (25.0, "diterima")],
                ),
                cell(0..1, 3..4, [200.0, 0.0, 260.0, 30.0], &[(20.0, "NTP")]),
                cell(1..2, 0..1, [0.0, 30.0, 30.0, 45.0], &[(40.0, "1")]),
                cell(1..2, 1..2, [30.0, 30.0, 100.0, 45.0], &[(40.0, "Januari")]),
                cell(1..2, 2..3, [100.0, 30.0, 200.0, 45.0], &[(40.0, "125,54")]),
                cell(1..2, 3..4, [200.0, 30.0, 260.0, 45.0], &[(40.0, "105,95")]),
                cell(2..3, 0..1, [0.0, 45.0, 30.0, 60.0], &[(55.0, "2")]),
                cell(2..3, 1..2, [30.0, 45.0, 100.0, 60.0], &[(55.0, "Pebruari")]),
                cell(2..3, 2..3, [100.0, 45.0, 200.0, 60.0], &[(55.0, "125,27")]),
                cell(2..3, 3..4, [200.0, 45.0, 260.0, 60.0], &[(55.0, "105,69")]),
            ],
        );
        let second = Page {
            number: 2,
            lines: (0..3)
                .map(|r| row_line(r as u32 + 1, 0, r, &[("x", 0.0, 5.0)]))
                .collect(),
            tables: vec![grid],
        };
        let mut d = doc(vec![first, second]);
        join_over_pages(&mut d);
        let head = &d.pages[0].tables[0];
        assert_eq!(head.rows, 1);
        assert_eq!(head.header_rows, Some(1));
        assert_eq!(
            head.row_texts(0),
            vec!["No", "Bulan", "Indeks diterima", "NTP"]
        );
        assert_eq!(
            d.pages[0].lines[2].table,
            Some(TableRow { table: 0, row: 0 })
        );
        let body = &d.pages[1].tables[0];
        assert!(body.continues);
        assert_eq!(body.rows, 2);
        assert_eq!(body.row_texts(0), vec!["1", "Januari", "125,54", "105,95"]);
    }

    #[test]
    fn a_header_alone_is_no_header_of_a_table_with_other_words() {
        let mut first = page(1, &[], &[&["Uraian", "Jumlah"]], &[]);
        first.lines[0].spans = vec![
            crate::extract::Span::new("Uraian", 5.0, 30.0),
            crate::extract::Span::new("Jumlah", 60.0, 30.0),
        ];
        let mut second = page(2, &[], &[&["No", "Bulan"], &["1", "Januari"]], &[]);
        second.tables[0].col_xs = vec![0.0, 50.0, 100.0];
        let mut d = doc(vec![first, second]);
        join_over_pages(&mut d);
        assert_eq!(d.pages[0].tables[0].row_texts(0), vec!["Uraian", "Jumlah"]);
        assert_eq!(d.pages[1].tables[0].rows, 2);
    }

    #[test]
    fn a_row_drawn_apart_under_a_ruled_table_is_its_last_row() {
        let xs = [0.0, 20.0, 100.0, 150.0];
        let table = ruled(
            2,
            &xs,
            vec![
                cell(0..1, 0..1, [0.0, 0.0, 20.0, 20.0], &[(10.0, "No")]),
                cell(0..1, 1..2, [20.0, 0.0, 100.0, 20.0], &[(10.0, "Indikator")]),
                cell(0..1, 2..3, [100.0, 0.0, 150.0, 20.0], &[(10.0, "Capaian")]),
                cell(1..2, 0..1, [0.0, 20.0, 20.0, 40.0], &[(30.0, "1")]),
                cell(1..2, 1..2, [20.0, 20.0, 100.0, 40.0], &[(30.0, "A")]),
                cell(1..2, 2..3, [100.0, 20.0, 150.0, 40.0], &[(30.0, "90")]),
            ],
        );
        // Under a double rule 6 points down: the average, in the table's columns.
        let mut total = ruled(
            1,
            &[0.0, 100.0, 150.0],
            vec![
                cell(0..1, 0..1, [0.0, 46.0, 100.0, 60.0], &[(55.0, "RATA-RATA")]),
                cell(0..1, 1..2, [100.0, 46.0, 150.0, 60.0], &[(55.0, "90")]),
            ],
        );
        total.row_lines = vec![5];
        let mut p = Page {
            number: 1,
            lines: vec![
                row_line(1, 0, 0, &[("No", 0.0, 10.0)]),
                row_line(2, 0, 1, &[("1", 0.0, 5.0)]),
                Line {
                    number: 3,
                    ..Line::default()
                },
                row_line(4, 1, 0, &[("RATA-RATA", 0.0, 40.0)]),
                Line {
                    number: 5,
                    text: "Sumber: data".into(),
                    ..Line::default()
                },
            ],
            tables: vec![table, total],
        };
        join_set_apart_rows(&mut p);
        assert_eq!(p.tables.len(), 1);
        let g = &p.tables[0];
        assert_eq!(g.rows, 3);
        assert_eq!(g.row_texts(2), vec!["RATA-RATA", "", "90"]);
        assert_eq!(p.lines[3].table, Some(TableRow { table: 0, row: 2 }));
    }

    #[test]
    fn a_table_further_down_or_in_other_columns_stays_apart() {
        let xs = [0.0, 50.0, 150.0];
        let upper = ruled(
            1,
            &xs,
            vec![
                cell(0..1, 0..1, [0.0, 0.0, 50.0, 20.0], &[(10.0, "1")]),
                cell(0..1, 1..2, [50.0, 0.0, 150.0, 20.0], &[(10.0, "A")]),
            ],
        );
        let far = ruled(
            1,
            &xs,
            vec![cell(0..1, 0..2, [0.0, 60.0, 150.0, 80.0], &[(70.0, "B")])],
        );
        let other = ruled(
            1,
            &[0.0, 70.0, 150.0],
            vec![cell(0..1, 0..1, [0.0, 24.0, 70.0, 40.0], &[(30.0, "C")])],
        );
        for lower in [far, other] {
            let mut p = Page {
                number: 1,
                lines: vec![
                    row_line(1, 0, 0, &[("1", 0.0, 5.0)]),
                    row_line(2, 1, 0, &[("B", 0.0, 5.0)]),
                ],
                tables: vec![upper.clone(), lower],
            };
            join_set_apart_rows(&mut p);
            assert_eq!(p.tables.len(), 2);
        }
    }
}
