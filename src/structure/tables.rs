//! Tables: consecutive cell lines become a table with header rows, column
//! labels (spanning headers resolved), typed cells and a row hierarchy
//! (group rows I, II … with items 1, 2 …; TOTAL / JUMLAH rows).

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::extract::{CellMode, Line, Span};
use crate::facts::figures::{Figure, FigureKind, Hint, parse_figure};

use super::LineRef;
use super::sections::{Chapter, parse_roman};

/// One cell with the figure it holds, if any.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub figure: Option<Figure>,
}

/// The role of a data row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A group heading (I, II …) whose values, if any, summarise its items.
    Group,
    /// An ordinary row.
    Item,
    /// TOTAL / JUMLAH.
    Total,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub page: u32,
    pub line: u32,
    pub kind: RowKind,
    /// Index (in `Table::rows`) of the group row this row belongs to.
    pub group: Option<usize>,
}

impl Row {
    pub fn cell(&self, column: usize) -> Option<&Cell> {
        self.cells.get(column)
    }

    pub fn figure(&self, column: usize) -> Option<&Figure> {
        self.cells.get(column).and_then(|c| c.figure.as_ref())
    }

    /// The row's label: the first cell with letters.
    pub fn label(&self) -> &str {
        self.cells
            .iter()
            .map(|c| c.text.as_str())
            .find(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            .unwrap_or("")
    }
}

/// "Tabel 3.1 Pengukuran Realisasi Kinerja Tahun 2020".
#[derive(Debug, Clone)]
pub struct Caption {
    pub number: Option<String>,
    pub title: String,
    pub page: u32,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub caption: Option<Caption>,
    /// Column labels, header rows joined top to bottom ("REALISASI Th. 2020 (n)").
    pub columns: Vec<String>,
    /// The header rows as printed, with their locations.
    pub header_rows: Vec<Row>,
    pub rows: Vec<Row>,
    pub page: u32,
    pub first_line: u32,
    pub chapter: Chapter,
    /// Index of the first line (in the report's line list) and one past the last.
    pub start: usize,
    pub end: usize,
}

impl Table {
    /// Columns whose label matches `pattern`.
    pub fn columns_matching(&self, pattern: &Regex) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, label)| pattern.is_match(label))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn data_rows(&self) -> impl Iterator<Item = (usize, &Row)> {
        self.rows.iter().enumerate()
    }

    pub fn number_of_columns(&self) -> usize {
        self.columns.len()
    }
}

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*tabel\s+(\d+(?:[.\-]\d+)*)\.?\s*(.*)$").expect("valid regex")
});
static COLUMN_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?\d{1,2}\)?$").expect("valid regex"));
static YEARISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(th\.?\s*)?(19|20)\d\d(\s*\(n[+-]?\d?\))?$").expect("valid regex")
});
static TOTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(total|jumlah|grand total)\b").expect("valid regex"));
static ITEM_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}|[a-z])[.)]?$").expect("valid regex"));

fn is_cell_line(line: &Line) -> bool {
    matches!(line.cells, CellMode::Delimited | CellMode::Aligned)
}

/// Finds the tables among the report's lines.
pub fn find_tables(lines: &[LineRef<'_>]) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // Out of time: stop here; the file is reported as not fully audited.
        if crate::limits::out_of_time() {
            break;
        }
        if !is_cell_line(lines[i].line) || is_toc_row(lines[i].line) {
            i += 1;
            continue;
        }
        let mode = lines[i].line.cells;
        let start = i;
        let mut end = i + 1;
        loop {
            if end < lines.len() && is_cell_line(lines[end].line) && lines[end].line.cells == mode {
                end += 1;
                continue;
            }
            // In layout text a wrapped cell is a lone indented fragment between rows.
            if mode == CellMode::Aligned
                && end + 1 < lines.len()
                && lines[end].line.cells == CellMode::Flow
                && lines[end].line.spans.first().is_some_and(|s| s.x >= 4.0)
                && lines[end + 1].line.cells == CellMode::Aligned
            {
                end += 1;
                continue;
            }
            // One blank line inside a table is common (converters insert them).
            if end + 1 < lines.len()
                && lines[end].line.is_blank()
                && is_cell_line(lines[end + 1].line)
                && lines[end + 1].line.cells == mode
                && !starts_new_header(lines[end + 1].line, lines[start].line)
            {
                end += 2;
                continue;
            }
            break;
        }
        let block: Vec<&LineRef<'_>> = lines[start..end]
            .iter()
            .filter(|l| !l.line.is_blank())
            .collect();
        let grid = match mode {
            CellMode::Aligned => aligned_grid(&block),
            _ => block
                .iter()
                .map(|l| GridRow {
                    cells: l
                        .line
                        .spans
                        .iter()
                        .map(|s| (s.text.clone(), s.bold))
                        .collect(),
                    page: l.page,
                    line: l.line.number,
                })
                .collect(),
        };
        // Every row is padded to the widest one: a single line of thousands of
        // cells would make each row of its table that wide. The padding is
        // counted against the file's memory budget like decoded content.
        let width = grid.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let cells: usize = grid.iter().map(|r| r.cells.len()).sum();
        let padding =
            (width.saturating_mul(grid.len()) - cells).saturating_mul(std::mem::size_of::<Cell>());
        if crate::limits::charge(padding as u64).is_err() {
            break;
        }
        if !grid.is_empty() && width >= 2 {
            let caption = find_caption(lines, start);
            let mut table = build_table(grid, caption, lines[start].chapter, start, end);
            if let Some(scale) = find_scale(lines, start) {
                apply_scale(&mut table, scale);
            }
            tables.push(table);
        }
        i = end;
    }
    tables
}

static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(\s*dalam\s+(ribuan|jutaan|juta|miliar|milyar)(?:\s+rupiah)?\s*\)")
        .expect("valid regex")
});

/// "(dalam ribuan)" among the few lines above a table: its amounts are in thousands.
fn find_scale(lines: &[LineRef<'_>], start: usize) -> Option<Decimal> {
    let from = start.saturating_sub(6);
    lines[from..start].iter().rev().find_map(|l| {
        let c = SCALE.captures(&l.line.text)?;
        let unit = c[1].to_lowercase();
        Some(match unit.as_str() {
            "ribuan" => Decimal::from(1_000u32),
            "jutaan" | "juta" => Decimal::from(1_000_000u32),
            _ => Decimal::from(1_000_000_000u64),
        })
    })
}

/// Multiplies the amounts of money columns (labelled Rp or anggaran) by the table's scale.
fn apply_scale(table: &mut Table, scale: Decimal) {
    let money: Vec<usize> = (0..table.columns.len())
        .filter(|&i| hint_for(&table.columns[i]) == Hint::Rupiah)
        .collect();
    for row in &mut table.rows {
        for &i in &money {
            if let Some(f) = row.cells.get_mut(i).and_then(|c| c.figure.as_mut())
                && f.kind != FigureKind::Percent
            {
                f.value *= scale;
                f.scale *= scale;
            }
        }
    }
}

/// A repeated header row ("No. PROGRAM …") after a blank line starts a new table.
fn starts_new_header(candidate: &Line, first: &Line) -> bool {
    candidate.text == first.text
}

/// Daftar Isi rows ("BAB I PENDAHULUAN …\t1") are not tables worth checking.
fn is_toc_row(line: &Line) -> bool {
    line.text.contains(".....")
}

fn find_caption(lines: &[LineRef<'_>], start: usize) -> Option<Caption> {
    // The caption is one of the few non-blank lines just above the table;
    // its title may continue on the next line.
    let mut seen = 0;
    let mut j = start;
    while j > 0 && seen < 4 {
        j -= 1;
        let l = &lines[j];
        if l.line.is_blank() {
            continue;
        }
        if is_cell_line(l.line) {
            return None;
        }
        seen += 1;
        if let Some(c) = CAPTION.captures(l.line.text.trim()) {
            let mut title = c[2].trim().to_string();
            if title.is_empty()
                && let Some(next) = lines[j + 1..start].iter().find(|n| !n.line.is_blank())
            {
                title = next.line.text.trim().to_string();
            }
            return Some(Caption {
                number: Some(c[1].to_string()),
                title,
                page: l.page,
                line: l.line.number,
            });
        }
    }
    None
}

/// A row of cell texts before typing.
struct GridRow {
    cells: Vec<(String, bool)>,
    page: u32,
    line: u32,
}

fn hint_for(label: &str) -> Hint {
    let l = label.to_lowercase();
    if l.contains('%') || l.contains("capaian") || l.contains("persen") || l.contains("kemajuan") {
        Hint::Percent
    } else if l.contains("rp") || l.contains("anggaran") || l.contains("pagu") {
        Hint::Rupiah
    } else {
        Hint::None
    }
}

/// Is this cell a value (not a year, a column number or text)?
fn is_value_cell(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || YEARISH.is_match(&t.to_lowercase()) || COLUMN_NUMBER.is_match(t) {
        return false;
    }
    // "2021 Rp." in a header is a year with a unit, not a value.
    match parse_figure(t, Hint::None) {
        Some(f) => {
            !(f.decimals == 0
                && !t.split_whitespace().next().unwrap_or("").contains('.')
                && f.value >= Decimal::from(1900u32)
                && f.value <= Decimal::from(2100u32)
                && f.kind == FigureKind::Count)
        }
        None => false,
    }
}

fn is_row_marker(text: &str) -> bool {
    let t = text.trim();
    ITEM_NUMBER.is_match(&t.to_lowercase()) || parse_roman(t).is_some()
}

fn build_table(
    grid: Vec<GridRow>,
    caption: Option<Caption>,
    chapter: Chapter,
    start: usize,
    end: usize,
) -> Table {
    let width = grid.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    // Header rows: the leading rows with no values, unless they begin with a row number.
    let mut header_count = 0;
    for row in &grid {
        let first = row.cells.first().map(|c| c.0.as_str()).unwrap_or("");
        let values = row
            .cells
            .iter()
            .skip(1)
            .filter(|(t, _)| is_value_cell(t))
            .count();
        let numbering = row
            .cells
            .iter()
            .filter(|(t, _)| !t.is_empty())
            .all(|(t, _)| COLUMN_NUMBER.is_match(t.trim()));
        if numbering && header_count > 0 {
            header_count += 1;
            continue;
        }
        if values > 0 || (header_count > 0 && is_row_marker(first) && !first.is_empty()) {
            break;
        }
        if header_count > 0 && is_row_marker(first) {
            break;
        }
        header_count += 1;
        if header_count >= 4 {
            break;
        }
    }
    // A table of a single header-looking row has no header (e.g. a key/value list).
    if header_count == grid.len() {
        header_count = 0;
    }
    let header_texts: Vec<Vec<String>> = grid[..header_count]
        .iter()
        .filter(|r| {
            !r.cells
                .iter()
                .filter(|(t, _)| !t.is_empty())
                .all(|(t, _)| COLUMN_NUMBER.is_match(t.trim()))
        })
        .map(|r| r.cells.iter().map(|(t, _)| t.clone()).collect())
        .collect();
    let columns = column_labels(&header_texts, width);
    let hints: Vec<Hint> = columns.iter().map(|l| hint_for(l)).collect();
    let to_row = |r: &GridRow| Row {
        cells: (0..width)
            .map(|i| {
                let text = r.cells.get(i).map(|c| c.0.clone()).unwrap_or_default();
                let figure = if is_value_cell(&text) || (!text.is_empty() && hints[i] != Hint::None)
                {
                    parse_figure(&text, hints[i])
                } else {
                    None
                };
                Cell { text, figure }
            })
            .collect(),
        page: r.page,
        line: r.line,
        kind: RowKind::Item,
        group: None,
    };
    let header_rows: Vec<Row> = grid[..header_count].iter().map(to_row).collect();
    let mut rows: Vec<Row> = grid[header_count..].iter().map(to_row).collect();
    classify_rows(&mut rows, &grid[header_count..]);
    let page = grid.first().map(|r| r.page).unwrap_or(1);
    let first_line = grid.first().map(|r| r.line).unwrap_or(0);
    Table {
        caption,
        columns,
        header_rows,
        rows,
        page,
        first_line,
        chapter,
        start,
        end,
    }
}

/// Group rows are marked with a Roman numeral (or bold text over numbered items);
/// TOTAL / JUMLAH rows close the table.
fn classify_rows(rows: &mut [Row], grid: &[GridRow]) {
    let mut current_group = None;
    for (i, row) in rows.iter_mut().enumerate() {
        let first_nonempty = row.cells.iter().position(|c| !c.text.trim().is_empty());
        let marker = row.cells.first().map(|c| c.text.trim()).unwrap_or("");
        // "5 | Jumlah kasus pelanggaran perda" is an indicator, not a total: a
        // numbered row is a total only when its label is just the total word.
        let numbered = !marker.is_empty() && ITEM_NUMBER.is_match(&marker.to_lowercase());
        let is_total = row
            .cells
            .iter()
            .take(3)
            .find(|c| TOTAL.is_match(&c.text))
            .is_some_and(|c| !numbered || c.text.split_whitespace().count() <= 2);
        // Upper-case Roman numerals mark groups; "i." could be a lettered item.
        let bare = marker.trim_end_matches('.');
        let roman = !bare.is_empty()
            && bare.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            && parse_roman(bare).is_some();
        let bold_label = grid
            .get(i)
            .map(|g| g.cells.iter().take(2).any(|(t, b)| *b && !t.is_empty()))
            .unwrap_or(false);
        if is_total {
            row.kind = RowKind::Total;
            current_group = None;
        } else if roman
            || (bold_label
                && first_nonempty.is_some()
                && !ITEM_NUMBER.is_match(&marker.to_lowercase()))
        {
            row.kind = RowKind::Group;
            current_group = Some(i);
        } else {
            row.kind = RowKind::Item;
            row.group = current_group;
        }
    }
}

/// Column labels from header rows, resolving spanning cells: a header cell covers
/// the empty cells to its right, within the span of the cell above it.
fn column_labels(header: &[Vec<String>], width: usize) -> Vec<String> {
    let mut labels = vec![String::new(); width];
    // Spans of the previous header row: (start, end) exclusive.
    let mut parent_spans: Vec<(usize, usize)> = vec![(0, width)];
    for row in header {
        let mut spans = Vec::new();
        let starts: Vec<usize> = (0..width)
            .filter(|&i| row.get(i).is_some_and(|t| !t.trim().is_empty()))
            .collect();
        for (k, &s) in starts.iter().enumerate() {
            let parent_end = parent_spans
                .iter()
                .find(|(a, b)| *a <= s && s < *b)
                .map(|(_, b)| *b)
                .unwrap_or(s + 1);
            let next = starts.get(k + 1).copied().unwrap_or(width);
            let end = next.min(parent_end).max(s + 1);
            spans.push((s, end));
            for label in labels.iter_mut().take(end).skip(s) {
                if !label.is_empty() {
                    label.push(' ');
                }
                label.push_str(row[s].trim());
            }
        }
        // Columns not covered by this row keep their parent's span for the next row.
        let mut merged = spans.clone();
        for &(a, b) in &parent_spans {
            for c in a..b {
                if !spans.iter().any(|(x, y)| *x <= c && c < *y) {
                    merged.push((c, c + 1));
                }
            }
        }
        parent_spans = merged;
    }
    labels
}

/// Columns of `pdftotext -layout` or PDF lines: the gutters (x ranges no span
/// covers) between columns, then each span goes to the column holding its
/// middle. A line with nothing in the first column or in any value column
/// continues the row above (a cell that wraps).
fn aligned_grid(block: &[&LineRef<'_>]) -> Vec<GridRow> {
    let spans_of = |l: &LineRef<'_>| -> Vec<Span> { l.line.spans.clone() };
    let max_x = block
        .iter()
        .flat_map(|l| l.line.spans.iter().map(|s| s.x + s.width))
        .fold(0.0f32, f32::max);
    let resolution = 1.0f32;
    let cells = ((max_x / resolution).ceil() as usize + 2).min(100_000);
    let mut coverage = vec![0u32; cells];
    for l in block {
        for s in &l.line.spans {
            let a = (s.x / resolution).floor().max(0.0) as usize;
            let b = (((s.x + s.width) / resolution).ceil() as usize).min(cells);
            for c in coverage.iter_mut().take(b).skip(a) {
                *c += 1;
            }
        }
    }
    // Column boundaries: starts of covered runs after a gutter.
    let mut bounds = Vec::new();
    let mut in_gap = true;
    for (i, &c) in coverage.iter().enumerate() {
        if c > 0 && in_gap {
            bounds.push(i as f32 * resolution);
        }
        in_gap = c == 0;
    }
    let column_of = |s: &Span| -> usize {
        let mid = s.x + s.width / 2.0;
        // Bounds ascend: a binary search, as a line may have thousands of them.
        bounds.partition_point(|&b| b <= mid).saturating_sub(1)
    };
    let width = bounds.len().max(1);
    let mut rows: Vec<GridRow> = Vec::new();
    for l in block {
        let mut cells = vec![(String::new(), false); width];
        for s in spans_of(l) {
            let c = column_of(&s).min(width - 1);
            if !cells[c].0.is_empty() {
                cells[c].0.push(' ');
            }
            cells[c].0.push_str(&s.text);
            cells[c].1 |= s.bold;
        }
        let has_marker = !cells[0].0.is_empty();
        let has_value = cells.iter().skip(1).any(|(t, _)| is_value_cell(t));
        let continuation = !has_marker && !has_value && !rows.is_empty();
        if continuation {
            if let Some(prev) = rows.last_mut() {
                for (i, (t, _)) in cells.into_iter().enumerate() {
                    if t.is_empty() {
                        continue;
                    }
                    let target = &mut prev.cells[i].0;
                    if !target.is_empty() {
                        target.push(' ');
                    }
                    target.push_str(&t);
                }
            }
        } else {
            rows.push(GridRow {
                cells,
                page: l.page,
                line: l.line.number,
            });
        }
    }
    rows
}

/// True when a figure is money-like or a plain amount (for sums).
pub fn is_amount(f: &Figure) -> bool {
    matches!(
        f.kind,
        FigureKind::Rupiah | FigureKind::Plain | FigureKind::Count
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(rows: &[&[&str]], width: usize) -> Vec<String> {
        let header: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        column_labels(&header, width)
    }

    #[test]
    fn spanning_header_cells() {
        let l = labels(
            &[
                &["NO.", "SASARAN", "TARGET", "REALISASI", ""],
                &["", "", "", "Th. 2018 (n-1)", "Th. 2020 (n)"],
            ],
            5,
        );
        assert_eq!(l[3], "REALISASI Th. 2018 (n-1)");
        assert_eq!(l[4], "REALISASI Th. 2020 (n)");
        assert_eq!(l[0], "NO.");
    }

    #[test]
    fn years_span_within_their_parent_only() {
        let l = labels(
            &[
                &[
                    "No",
                    "TARGET KINERJA",
                    "",
                    "",
                    "",
                    "Kondisi Akhir",
                    "",
                    "Unit",
                ],
                &["", "2020", "", "2021", "", "", "", ""],
                &["", "Target", "Rp.", "Target", "Rp.", "Target", "Rp.", ""],
            ],
            8,
        );
        assert_eq!(l[2], "TARGET KINERJA 2020 Rp.");
        assert_eq!(l[4], "TARGET KINERJA 2021 Rp.");
        assert_eq!(l[6], "Kondisi Akhir Rp.");
        assert_eq!(l[7], "Unit");
    }
}
