//! Tables: consecutive cell lines become a table with header rows, column
//! labels (spanning headers resolved), typed cells and a row hierarchy
//! (group rows I, II … with items 1, 2 …; TOTAL / JUMLAH rows).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::extract::{CellMode, Document, Grid, GridSource, Line};
use crate::facts::figures::{Figure, FigureKind, Hint, parse_figure};

use super::LineRef;
use super::roles::{
    ColumnRole, Role, TableKind, apply_caption, apply_caption_year, apply_last_year, column_role,
    pair_percent_realisasi, refine_from_cells, table_kind,
};
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
    /// An item row of cells holding only text, no figures read (for tests).
    #[cfg(test)]
    pub fn of_texts(texts: &[&str]) -> Row {
        Row {
            cells: texts
                .iter()
                .map(|t| Cell {
                    text: t.to_string(),
                    figure: None,
                })
                .collect(),
            page: 1,
            line: 1,
            kind: RowKind::Item,
            group: None,
        }
    }

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
    /// What each column holds (same order as `columns`).
    pub roles: Vec<ColumnRole>,
    /// What the table is for, from its columns' roles and caption.
    pub kind: TableKind,
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
    /// "Tabel 3.1" when the caption gives a number.
    pub fn caption_number(&self) -> Option<String> {
        self.caption
            .as_ref()
            .and_then(|c| c.number.as_ref().map(|n| format!("Tabel {n}")))
    }

    /// The caption's title, when it has one.
    pub fn caption_title(&self) -> Option<String> {
        self.caption
            .as_ref()
            .map(|c| c.title.clone())
            .filter(|t| !t.is_empty())
    }

    /// Columns whose label matches `pattern`.
    pub fn columns_matching(&self, pattern: &Regex) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, label)| pattern.is_match(label))
            .map(|(i, _)| i)
            .collect()
    }

    /// The nearest column left of `col` with `role` and not in rupiah: the
    /// target and realisasi a capaian column is computed from.
    pub fn nearest_left(&self, col: usize, role: Role) -> Option<usize> {
        (0..col)
            .rev()
            .find(|&i| self.roles[i].role == role && !self.roles[i].money)
    }

    pub fn data_rows(&self) -> impl Iterator<Item = (usize, &Row)> {
        self.rows.iter().enumerate()
    }

    pub fn number_of_columns(&self) -> usize {
        self.columns.len()
    }
}

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*tabel\s+((?:\d+|[ivx]+)(?:\s?[.\-]\s?\d{1,2})*)\b\.?\s*(.*)$")
        .expect("valid regex")
});
/// "2.1 Tabel Rencana Strategis": a caption numbered as a section, its
/// number before the word.
static CAPTION_NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*(\d{1,2}(?:\.\d{1,2})+)\.?\s+tabel\b\.?\s*(.*)$")
        .expect("valid regex")
});

/// A caption line's number and title: "Tabel 3.1 Capaian …" or "2.1 Tabel …".
fn caption_parts(text: &str) -> Option<(String, String)> {
    let c = CAPTION
        .captures(text)
        .or_else(|| CAPTION_NUMBER_FIRST.captures(text))?;
    Some((c[1].to_string(), c[2].to_string()))
}
static COLUMN_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^\(?\d{1,2}\)?$").expect("valid regex"));
/// "(2)", "3)": a column's or an item's number, never a figure.
static COLUMN_LABEL_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^\(\d{1,2}\)?$|^\d{1,2}\)$").expect("valid regex"));
static SMALL_WHOLE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^\s*\d{1,2}\s*$").expect("valid regex"));
static YEARISH: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^(th\.?\s*)?(19|20)\d\d(\s*\*+)?(\s*\(n[+-]?\d?\))?$")
        .expect("valid regex")
});
/// "2016 – 2021": a period of years, not a figure.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\(?(19|20)\d\d\s*[-–—/]\s*(19|20)\d\d\)?$").expect("valid regex")
});
/// "13-18": a period of two-digit years.
static SHORT_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\(?\d\d\s*[-–—/]\s*\d\d\)?$").expect("valid regex")
});
static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*(total|jumlah|grand total)\b").expect("valid regex")
});
/// A label led by its item number: "1.1 Meningkatnya …", "2. Program …".
static NUMBERED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\d{1,2}(\.\d{1,2}){0,3}\.?\s+\p{L}").expect("valid regex")
});
/// A label opening with an item marker: "1.", "a)", "-", "•", "II.", or
/// naming a numbered misi, tujuan or sasaran ("MISI III :").
static MARKED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"^(?:[-–•·▪*]\s|\(?[a-zA-Z0-9]{1,3}[.)]\s|[IVX]{1,4}\.?\s|(?i:misi|tujuan|sasaran)\s+(?:[IVX]{1,4}|\d{1,2})\b)",
    )
    .expect("valid regex")
});
static ITEM_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^(\d{1,3}|[a-z])[.)]?$").expect("valid regex"));

fn is_cell_line(line: &Line) -> bool {
    matches!(line.cells, CellMode::Delimited | CellMode::Aligned)
}

/// Builds the report's tables from the grids its reader found: a grid and the
/// grids continuing it on the following pages make one table.
pub fn find_tables(doc: &Document, lines: &[LineRef<'_>]) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // Out of time: stop here; the file is reported as not fully audited.
        if crate::limits::out_of_time() {
            break;
        }
        let Some(at) = lines[i].line.table else {
            i += 1;
            continue;
        };
        let start = i;
        let page_index = |page: u32| doc.pages.iter().position(|p| p.number == page);
        let grid_of =
            |page: u32, table: usize| page_index(page).and_then(|p| doc.pages[p].tables.get(table));
        // The chain: this grid, then the grid of each following page that
        // continues it (a footer, a page number or a wrapped cell's last lines
        // may stand between the parts).
        let mut chain: Vec<(u32, &Grid)> = grid_of(lines[i].page, at.table)
            .map(|g| (lines[i].page, g))
            .into_iter()
            .collect();
        let mut current = (lines[i].page, at.table);
        let mut end = i;
        while end < lines.len() {
            let l = &lines[end];
            match l.line.table {
                Some(t) if (l.page, t.table) == current => end += 1,
                Some(t)
                    if l.page == current.0 + 1
                        && grid_of(l.page, t.table).is_some_and(|g| g.continues) =>
                {
                    current = (l.page, t.table);
                    if let Some(grid) = grid_of(l.page, t.table) {
                        chain.push((l.page, grid));
                    }
                    end += 1;
                }
                Some(_) => break,
                // Lines between the parts of a continued table (or after its end).
                None if l.page <= current.0 + 1 => {
                    let next_part = lines[end..]
                        .iter()
                        .take_while(|n| n.page <= current.0 + 1)
                        .find_map(|n| n.line.table.map(|t| (n.page, t.table)));
                    let continues = next_part.is_some_and(|(page, t)| {
                        (page, t) == current
                            || (page == current.0 + 1
                                && grid_of(page, t).is_some_and(|g| g.continues))
                    });
                    if !continues {
                        break;
                    }
                    end += 1;
                }
                None => break,
            }
        }
        // Trailing lines are not the table's.
        while end > start + 1 && lines[end - 1].line.table.is_none() {
            end -= 1;
        }
        // Every row is padded to the widest one: a single line of thousands of
        // cells would make each row of its table that wide. The padding is
        // counted against the file's memory budget like decoded content.
        let width = chain.iter().map(|(_, g)| g.cols).max().unwrap_or(0);
        let rows: usize = chain.iter().map(|(_, g)| g.rows).sum();
        let cells: usize = chain.iter().map(|(_, g)| g.cells.len()).sum();
        let padding = width
            .saturating_mul(rows)
            .saturating_sub(cells)
            .saturating_mul(std::mem::size_of::<Cell>());
        if crate::limits::charge(padding as u64).is_err() {
            break;
        }
        if width >= 2 {
            // A form's fields are not the table its caption names.
            let fields = lines[start..end]
                .iter()
                .all(|l| l.line.is_blank() || l.line.is_form_field());
            let caption = (!fields).then(|| find_caption(lines, start)).flatten();
            let band = caption
                .is_none()
                .then(|| title_band(lines, start))
                .flatten();
            let mut table = build_table(&chain, caption, lines[start].chapter, start, end);
            // An uncaptioned table under a title band ("RENCANA KINERJA
            // TAHUNAN / KANTOR … / TAHUN 2024"): the band's one year is its
            // targets' and realisasi's, as a caption's would be.
            if let Some(band) = band {
                apply_caption_year(&mut table.roles, &band);
            }
            if let Some(scale) = find_scale(lines, start) {
                apply_scale(&mut table, scale);
            }
            if !table.rows.is_empty() || !table.header_rows.is_empty() {
                tables.push(table);
            }
        }
        i = end.max(start + 1);
    }
    tables
}

/// A grid row's texts and boldness, one per column; positions covered by a
/// cell merged from the left or from above are empty.
fn grid_row_cells(grid: &Grid, row: usize) -> Vec<(String, bool)> {
    let mut out = vec![(String::new(), false); grid.cols];
    for c in grid.cells_starting_in(row) {
        if let Some(slot) = out.get_mut(c.cols.start) {
            *slot = (c.text.clone(), c.bold);
        }
    }
    // Trailing empty positions of a narrower row (as tab rows print them) are not cells.
    let filled = grid
        .cells_starting_in(row)
        .map(|c| c.cols.end)
        .max()
        .unwrap_or(0);
    out.truncate(filled.max(1));
    out
}

static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\(\s*dalam\s+(ribuan|jutaan|juta|miliar|milyar)(?:\s+rupiah)?\s*\)",
    )
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

/// Words a title band's line has at most: a longer line is running text.
const BAND_WORDS: usize = 8;

/// The title set over a table that has no "Tabel" caption: the short lines
/// (three at most, no cells) right above it, joined; None when the line
/// above is running text, a cell line, or ends in ':' (a sentence leading
/// into the table).
fn title_band(lines: &[LineRef<'_>], start: usize) -> Option<String> {
    let mut band: Vec<&str> = Vec::new();
    let mut j = start;
    while j > 0 && band.len() < 3 {
        j -= 1;
        let l = &lines[j];
        if l.line.is_blank() {
            continue;
        }
        let text = l.line.text.trim();
        if is_cell_line(l.line)
            || text.ends_with(':')
            || text.split_whitespace().count() > BAND_WORDS
            || lines[start].page != l.page
        {
            break;
        }
        band.push(text);
    }
    band.reverse();
    (!band.is_empty()).then(|| band.join(" "))
}

fn find_caption(lines: &[LineRef<'_>], start: usize) -> Option<Caption> {
    // The caption is one of the few non-blank lines just above the table;
    // its title may continue on the next line.
    let mut seen = 0;
    let mut fields = 0;
    let mut j = start;
    while j > 0 && seen < 4 {
        j -= 1;
        let l = &lines[j];
        if l.line.is_blank() {
            continue;
        }
        if l.line.is_form_field() && fields < 4 {
            fields += 1;
            continue;
        }
        let caption = caption_parts(l.line.text.trim());
        if caption.is_none() && is_cell_line(l.line) {
            return None;
        }
        seen += 1;
        if let Some((number, title)) = caption {
            let mut title = title.trim().to_string();
            if title.is_empty()
                && let Some(next) = lines[j + 1..start].iter().find(|n| !n.line.is_blank())
            {
                title = next.line.text.trim().to_string();
            } else {
                // A long title wraps: the lines right below it (no blank line
                // between, no cells) continue it while it has not ended.
                for next in lines[j + 1..start].iter().take(2) {
                    if next.line.is_blank()
                        || is_cell_line(next.line)
                        || title.ends_with(['.', ':', ')'])
                    {
                        break;
                    }
                    title.push(' ');
                    title.push_str(next.line.text.trim());
                }
            }
            return Some(Caption {
                // "Tabel 2. 1", "Tabel III. 5": the number without its spaces.
                number: Some(number.split_whitespace().collect()),
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
    /// One cell runs across (nearly) the whole table: a title or a group
    /// heading ("Misi 1: …", "1. Sasaran: …"), never a column's header.
    wide: bool,
    /// First row of a grid continuing the table from the previous page.
    opens_part: bool,
    /// Per column, whether a cell merged down from a row above covers it
    /// (known for ruled grids only).
    from_above: Vec<bool>,
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
    chain: &[(u32, &Grid)],
    caption: Option<Caption>,
    chapter: Chapter,
    start: usize,
    end: usize,
) -> Table {
    let mut grid = grid_rows(chain);
    let header_count = header_count(&grid, chain.first().map(|(_, g)| *g));
    join_nested_label_columns(chain, &mut grid, header_count);
    join_currency_columns(&mut grid);
    let width = grid.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    // A band across the whole table above the header ("Misi 1: …") names
    // no column: it is not part of the labels.
    let band = usize::from(header_count >= 2 && grid.first().is_some_and(|r| r.wide));
    let labels = ColumnLabels::read(&grid[band..header_count], width);
    let page = grid.first().map(|r| r.page).unwrap_or(1);
    let first_line = grid.first().map(|r| r.line).unwrap_or(0);
    let header_rows: Vec<Row> = grid[..header_count]
        .iter()
        .map(|r| labels.row(r, false))
        .collect();
    let mut body = grid.split_off(header_count);
    drop_repeated_headers(&mut body, &grid[band..]);
    let mut body = join_split_rows(join_stacked_values(body));
    split_stacked_amounts(&mut body);
    // An empty row (a spacer, a row drawn and left blank) holds no item.
    body.retain(|r| r.cells.iter().any(|(t, _)| !t.trim().is_empty()));
    let mut rows: Vec<Row> = body.iter().map(|r| labels.row(r, true)).collect();
    classify_rows(&mut rows, &body);
    let title = caption.as_ref().map_or("", |c| c.title.as_str());
    let roles = column_roles(&labels, &rows, title);
    let kind = table_kind(&roles, title);
    Table {
        caption,
        columns: labels.columns,
        roles,
        kind,
        header_rows,
        rows,
        page,
        first_line,
        chapter,
        start,
        end,
    }
}

/// The rows of a chain of grids (a table and its continuations on the
/// following pages), top to bottom.
fn grid_rows(chain: &[(u32, &Grid)]) -> Vec<GridRow> {
    chain
        .iter()
        .enumerate()
        .flat_map(|(part, (page, g))| {
            let mut below = merged_below(g);
            (0..g.rows).map(move |r| GridRow {
                cells: grid_row_cells(g, r),
                page: *page,
                line: g.row_lines.get(r).copied().unwrap_or(0),
                wide: is_wide_row(g, r),
                opens_part: part > 0 && r == 0,
                from_above: below.get_mut(r).map(std::mem::take).unwrap_or_default(),
            })
        })
        .collect()
}

/// Columns one header cell spans with no header of their own, where a ruled
/// grid (a spreadsheet's narrow columns) sets a label's nested levels apart:
/// "BELANJA LANGSUNG" and "1. | Belanja Pegawai" at the first, "JUMLAH"
/// further in, all under "URAIAN KEGIATAN". The header names one column:
/// the rows' texts there start (at their item number, if any) at different
/// columns, one text a row, never a figure, each cell in one row. Columns
/// whose every row starts at the first (a program's name across both, its
/// kegiatan numbered in one and named in the other) stay apart.
fn nested_label_columns(g: &Grid, header: usize) -> Vec<Range<usize>> {
    if !g.spans_known || header == 0 || header >= g.rows {
        return Vec::new();
    }
    let mut spans: Vec<Range<usize>> = g
        .cells
        .iter()
        .filter(|c| c.rows.start < header && c.cols.len() >= 2 && !c.is_empty())
        .map(|c| c.cols.clone())
        .collect();
    spans.sort_by_key(|r| (r.start, r.end));
    spans.dedup();
    spans.retain(|span| {
        // No header cell under or over it tells its columns apart.
        let one_header = g.cells.iter().filter(|c| c.rows.start < header).all(|c| {
            c.is_empty()
                || c.cols.end <= span.start
                || c.cols.start >= span.end
                || (c.cols.start <= span.start && c.cols.end >= span.end)
        });
        if !one_header {
            return false;
        }
        let mut starts = Vec::new();
        for r in header..g.rows {
            let (mut texts, mut start) = (0, None);
            for c in g.cells_starting_in(r) {
                if c.is_empty() || !span.contains(&c.cols.start) {
                    continue;
                }
                if c.cols.end > span.end || c.rows.len() > 1 {
                    return false;
                }
                // An item's number starts its row's text: "1. | Belanja
                // Pegawai" is a level, as "1 | Penyusunan …" under a
                // program's name spanning both is a numbered column.
                start = start.or(Some(c.cols.start));
                if is_row_marker(&c.text) {
                    continue;
                }
                if is_figure_like(&c.text) {
                    return false;
                }
                texts += 1;
                if texts > 1 {
                    return false;
                }
            }
            if let (1, Some(start)) = (texts, start) {
                starts.push(start);
            }
        }
        starts.sort_unstable();
        starts.dedup();
        starts.len() >= 2
    });
    // Nested spans: the outer one covers the inner.
    let mut kept: Vec<Range<usize>> = Vec::new();
    for span in spans {
        kept.retain(|k| !(span.start <= k.start && k.end <= span.end));
        if !kept
            .iter()
            .any(|k| k.start <= span.start && span.end <= k.end)
        {
            kept.push(span);
        }
    }
    kept
}

/// Joins the columns of a label's nested levels (`nested_label_columns` of
/// the chain's first grid) into one, in every part of the table drawn with
/// the same columns: each row's texts there in order ("1. Belanja Pegawai").
fn join_nested_label_columns(chain: &[(u32, &Grid)], grid: &mut [GridRow], header: usize) {
    let Some((_, first)) = chain.first() else {
        return;
    };
    let mut spans = nested_label_columns(first, header);
    if spans.is_empty() {
        return;
    }
    // Right to left, so that a join leaves the spans left of it in place.
    spans.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut at = 0;
    for (_, g) in chain {
        let rows = grid.get_mut(at..at + g.rows).unwrap_or_default();
        at += g.rows;
        if g.cols != first.cols {
            continue;
        }
        for row in rows {
            for span in &spans {
                if row.cells.len() <= span.start {
                    continue;
                }
                let end = span.end.min(row.cells.len());
                let parts: Vec<(String, bool)> = row.cells.drain(span.start + 1..end).collect();
                let above: Vec<bool> = row
                    .from_above
                    .drain(
                        (span.start + 1).min(row.from_above.len())..end.min(row.from_above.len()),
                    )
                    .collect();
                if let Some(slot) = row.from_above.get_mut(span.start) {
                    *slot |= above.iter().any(|&b| b);
                }
                let cell = &mut row.cells[span.start];
                for (text, bold) in parts {
                    let text = text.trim();
                    if text.is_empty() {
                        continue;
                    }
                    if !cell.0.trim().is_empty() {
                        cell.0.push(' ');
                    }
                    cell.0.push_str(text);
                    cell.1 |= bold;
                }
            }
        }
    }
}

/// Per row of a grid whose cell extents are the source's own, the columns a
/// cell merged down from a row above covers.
fn merged_below(g: &Grid) -> Vec<Vec<bool>> {
    if !g.spans_known {
        return Vec::new();
    }
    let mut out = vec![vec![false; g.cols]; g.rows];
    for c in g.cells.iter().filter(|c| c.rows.len() > 1) {
        for row in out.iter_mut().take(c.rows.end).skip(c.rows.start + 1) {
            for k in c.cols.clone() {
                if let Some(slot) = row.get_mut(k) {
                    *slot = true;
                }
            }
        }
    }
    out
}

/// An item's number opening a cell: "2.", "(3)", "4)".
static LIST_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^\(?\d{1,2}[.)]$").expect("valid regex"));

/// Values stacked in one cell that the drawing splits by rules ("Keuangan
/// 10%" / "Pelayanan 30%" / "Mutu & Manfaat … 35%" beside one merged
/// sasaran, indicator and number): a row whose every other column is a
/// cell merged down from the row above, and whose one own cell holds a
/// figure under a figure, is the rest of that row's value, not an item.
fn join_stacked_values(mut body: Vec<GridRow>) -> Vec<GridRow> {
    // A value among its words, its item number aside ("2. Pembinaan … 2016"
    // is the next item of a list, not a value).
    let figure = |t: &str| {
        t.split_whitespace()
            .enumerate()
            .filter(|(k, w)| *k > 0 || !LIST_NUMBER.is_match(w))
            .any(|(_, w)| crate::extract::blocks::is_value_text(w))
    };
    let mut i = 1;
    while i < body.len() {
        let row = &body[i];
        let own: Vec<usize> = (0..row.from_above.len())
            .filter(|&c| !row.from_above[c])
            .collect();
        let merged = row.from_above.len() - own.len();
        let stacked = match own.as_slice() {
            [c] => {
                let c = *c;
                fn text(r: &GridRow, c: usize) -> &str {
                    r.cells.get(c).map_or("", |t| t.0.trim())
                }
                let above = &body[i - 1];
                !row.opens_part
                    && merged >= 2
                    && figure(text(row, c))
                    && figure(text(above, c))
                    && !above.from_above.get(c).copied().unwrap_or(true)
            }
            _ => false,
        };
        if !stacked {
            i += 1;
            continue;
        }
        let row = body.remove(i);
        if let (Some(above), Some(c)) = (body.get_mut(i - 1), own.first())
            && let (Some(cell), Some((text, _))) = (above.cells.get_mut(*c), row.cells.get(*c))
        {
            join_wrapped(&mut cell.0, text.trim());
        }
    }
    body
}

/// How many of the rows are the header: as the source (`first`, the chain's
/// first grid) marks it, followed by a row numbering the columns, or as the
/// rows look. A table of a single header-looking row has no header (e.g. a
/// key/value list).
fn header_count(grid: &[GridRow], first: Option<&Grid>) -> usize {
    let count = match first.and_then(|g| g.header_rows) {
        Some(n) => {
            let mut n = n.min(grid.len());
            while grid.get(n).is_some_and(|r| is_numbering_row(&r.cells)) && n + 1 < grid.len() {
                n += 1;
            }
            n
        }
        None => header_rows_of(grid, first),
    };
    if count == grid.len() { 0 } else { count }
}

/// What the header rows say of each column.
struct ColumnLabels {
    /// Each column's header parts, top to bottom.
    headers: Vec<Vec<String>>,
    /// Each column's label: its parts joined.
    columns: Vec<String>,
    /// How a figure under each label reads.
    hints: Vec<Hint>,
    /// Whether each column's header names a measure.
    measures: Vec<bool>,
    /// How many columns the table's rows have.
    width: usize,
}

impl ColumnLabels {
    /// The labels of `width` columns under the header rows `header` (the
    /// band above them left out).
    ///
    /// Positions a merged cell covers are empty in the grid, so the same rule
    /// reads merged header cells and the empty cells some producers put beside
    /// a label meant to cover them: a header cell covers the empty cells to its
    /// right, within the cell above it.
    fn read(header: &[GridRow], width: usize) -> Self {
        let header_texts: Vec<Vec<String>> = header
            .iter()
            .filter(|r| !is_numbering_row(&r.cells))
            .map(|r| r.cells.iter().map(|(t, _)| t.clone()).collect())
            .collect();
        let mut headers = column_headers(&header_texts, width);
        strip_column_numbers(&mut headers);
        split_spanned_years(&mut headers);
        let columns: Vec<String> = headers.iter().map(|parts| parts.join(" ")).collect();
        let hints: Vec<Hint> = columns.iter().map(|l| hint_for(l)).collect();
        let measures: Vec<bool> = headers.iter().map(|parts| names_measure(parts)).collect();
        ColumnLabels {
            headers,
            columns,
            hints,
            measures,
            width,
        }
    }

    /// A grid row as a row of typed cells (`body`: below the header).
    fn row(&self, r: &GridRow, body: bool) -> Row {
        Row {
            cells: (0..self.width)
                .map(|i| {
                    let text = r.cells.get(i).map(|c| c.0.clone()).unwrap_or_default();
                    let measure = body && self.measures.get(i) == Some(&true);
                    typed_cell(text, self.hints[i], measure)
                })
                .collect(),
            page: r.page,
            line: r.line,
            kind: RowKind::Item,
            group: None,
        }
    }
}

/// Whether a column's header parts name a measure (a target, realisation,
/// capaian, budget or other quantity), under which a whole number of one or
/// two digits ("65") is a figure; under "No" or a label it numbers a row or an item.
fn names_measure(parts: &[String]) -> bool {
    !parts.join(" ").trim().is_empty()
        && matches!(
            column_role(parts).role,
            Role::Target | Role::Realisasi | Role::Capaian | Role::Anggaran | Role::Other
        )
}

/// A cell with its figure, when it holds one (read by `hint`, its column's;
/// `measure`: a body cell under a header naming a measure).
fn typed_cell(text: String, hint: Hint, measure: bool) -> Cell {
    let small = measure && SMALL_WHOLE.is_match(&text);
    let figure = if is_value_cell(&text) || small || (!text.is_empty() && hint != Hint::None) {
        parse_figure(&text, hint)
    } else {
        None
    };
    Cell { text, figure }
}

/// Each column's role: from its header, refined by its cells, then by the
/// neighbouring columns and the table's caption `title`.
fn column_roles(labels: &ColumnLabels, rows: &[Row], title: &str) -> Vec<ColumnRole> {
    let mut roles: Vec<ColumnRole> = labels
        .headers
        .iter()
        .enumerate()
        .map(|(c, parts)| {
            let mut role = column_role(parts);
            let cells: Vec<(&str, Option<&Figure>)> = rows
                .iter()
                .filter_map(|r| r.cells.get(c))
                .map(|cell| (cell.text.as_str(), cell.figure.as_ref()))
                .collect();
            refine_from_cells(&mut role, &cells);
            role
        })
        .collect();
    pair_percent_realisasi(&mut roles, &labels.headers);
    numbers_beside_names(&mut roles, &labels.columns, rows);
    apply_caption(&mut roles, title);
    apply_last_year(&mut roles, &labels.columns, title);
    roles
}

/// "Rp", "Rp.", "IDR": a currency mark set in a cell of its own.
/// One header over two label columns ("Dukungan program dan Kegiatan"),
/// the first holding the items' numbers and the second their names, now and
/// then a name in the first (a program's row, its cell spanning both): the
/// first numbers the items when two thirds of its cells or more are ordinals.
fn numbers_beside_names(roles: &mut [ColumnRole], columns: &[String], rows: &[Row]) {
    let is_ordinal = |t: &str| {
        let t = t.trim_end_matches(['.', ')']);
        !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    for c in 0..roles.len().saturating_sub(1) {
        let shared = columns
            .get(c)
            .is_some_and(|l| !l.trim().is_empty() && columns.get(c + 1) == Some(l));
        if !shared || roles[c].role != Role::Label || roles[c + 1].role != Role::Label {
            continue;
        }
        let filled: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.cells.get(c))
            .map(|x| x.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        let ordinals = filled.iter().filter(|t| is_ordinal(t)).count();
        // A table of one or two items numbers them all.
        let numbered = if filled.len() >= 3 {
            ordinals * 3 >= filled.len() * 2
        } else {
            !filled.is_empty() && ordinals == filled.len()
        };
        if numbered {
            roles[c].role = Role::Number;
        }
    }
}

fn is_currency_cell(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "rp" | "rp." | "rp," | "idr"
    )
}

/// A column holding nothing but currency marks, each beside an amount in the
/// column to its right ("Rp | 550.250.000", the mark set apart in a cell of
/// its own, no header over it): the mark belongs to the amount, the header
/// over the amounts names both. The two are one column.
fn join_currency_columns(grid: &mut [GridRow]) {
    let width = grid.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    fn text(r: &GridRow, c: usize) -> &str {
        r.cells.get(c).map_or("", |t| t.0.trim())
    }
    for c in (0..width.saturating_sub(1)).rev() {
        let marks = grid.iter().filter(|r| is_currency_cell(text(r, c))).count();
        let only_marks = grid
            .iter()
            .all(|r| text(r, c).is_empty() || is_currency_cell(text(r, c)));
        let beside_amounts = grid
            .iter()
            .filter(|r| is_currency_cell(text(r, c)))
            .all(|r| is_figure_like(text(r, c + 1)));
        if marks < 2 || !only_marks || !beside_amounts {
            continue;
        }
        for row in grid.iter_mut() {
            if row.cells.len() <= c {
                continue;
            }
            let (mark, bold) = row.cells.remove(c);
            if let Some(next) = row.cells.get_mut(c)
                && !mark.trim().is_empty()
            {
                next.0 = format!("{} {}", mark.trim(), next.0.trim());
                next.1 |= bold;
            }
        }
    }
}

/// Rows a page break cut in two are one: the first row of a page's part of
/// the table continues the last row of the page before when it holds no
/// figure, starts with no item marker, and leaves empty a column that row and
/// nearly every other row fill (the figures, the indicator) — the rest of a
/// wrapped label, not a row of its own.
/// Two amounts in one cell over an empty cell of the same column, both rows
/// holding an amount beside it ("975.767.379,00 6.297.664.332,00" above
/// nothing, beside 1.071.768.000,00 and 6.442.445.400,00): the values of
/// two rows read into the upper one. The second goes down to its row.
fn split_stacked_amounts(body: &mut [GridRow]) {
    static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"^(?:Rp\.?\s*)?\d{1,3}(?:\.\d{3}){2,}(?:,\d{1,2})?(?:,-)?$")
            .expect("valid regex")
    });
    let amount_at =
        |r: &GridRow, k: usize| r.cells.get(k).is_some_and(|t| AMOUNT.is_match(t.0.trim()));
    for i in 0..body.len().saturating_sub(1) {
        if body[i + 1].opens_part {
            continue;
        }
        for c in 0..body[i].cells.len() {
            let text = body[i].cells[c].0.trim().to_string();
            let parts: Vec<&str> = text.split_whitespace().collect();
            if parts.len() != 2 || !parts.iter().all(|p| AMOUNT.is_match(p)) {
                continue;
            }
            let (upper, lower) = (&body[i], &body[i + 1]);
            let empty_below = lower.cells.get(c).is_some_and(|t| t.0.trim().is_empty());
            let beside =
                |k: Option<usize>| k.is_some_and(|k| amount_at(upper, k) && amount_at(lower, k));
            if !empty_below || !(beside(c.checked_sub(1)) || beside(Some(c + 1))) {
                continue;
            }
            let (first, second) = (parts[0].to_string(), parts[1].to_string());
            body[i].cells[c].0 = first;
            body[i + 1].cells[c].0 = second;
        }
    }
}

fn join_split_rows(mut body: Vec<GridRow>) -> Vec<GridRow> {
    let width = body.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let filled = |r: &GridRow, c: usize| r.cells.get(c).is_some_and(|t| !t.0.trim().is_empty());
    let mut i = 1;
    while i < body.len() {
        // Columns the other rows fill, all but one in ten (the row looked at
        // left out: in a short table its own gaps would make none dense; so
        // are the other rows opening a page's part, each maybe a cut row's
        // remainder: a table cut over five pages has five).
        let counted = |k: usize, r: &GridRow| k != i && !r.opens_part;
        let others = body
            .iter()
            .enumerate()
            .filter(|&(k, r)| counted(k, r))
            .count();
        let dense: Vec<usize> = (0..width)
            .filter(|&c| {
                let n = body
                    .iter()
                    .enumerate()
                    .filter(|&(k, r)| counted(k, r) && filled(r, c))
                    .count();
                n > 0 && n * 10 >= others * 9
            })
            .collect();
        let (before, after) = body.split_at_mut(i);
        let (Some(prev), Some(row)) = (before.last_mut(), after.first()) else {
            break;
        };
        let first_text = first_text(&row.cells);
        let remainder = row.opens_part
            && !row.wide
            && !prev.wide
            && !first_text.is_empty()
            && !row.cells.iter().any(|(t, _)| is_value_cell(t))
            && !is_row_marker(first_text.split_whitespace().next().unwrap_or(""))
            && !MARKED_LABEL.is_match(first_text)
            && dense.iter().any(|&c| filled(prev, c) && !filled(row, c));
        if !remainder {
            i += 1;
            continue;
        }
        let row = body.remove(i);
        if let Some(prev) = body.get_mut(i - 1) {
            for (k, (text, _)) in row.cells.into_iter().enumerate() {
                if text.trim().is_empty() {
                    continue;
                }
                if prev.cells.len() <= k {
                    prev.cells.resize(k + 1, (String::new(), false));
                }
                join_wrapped(&mut prev.cells[k].0, text.trim());
            }
        }
    }
    body
}

/// The header printed again inside the table (each block of a table cut
/// into blocks, "Misi 2: …" above its own copy of the header) is no row:
/// rows repeating the header's label rows, in order, leave the body, with
/// the row numbering the columns under them and the band across the table
/// right above them.
fn drop_repeated_headers(body: &mut Vec<GridRow>, header: &[GridRow]) {
    fn key(r: &GridRow) -> Vec<String> {
        let mut cells: Vec<String> = r
            .cells
            .iter()
            .map(|(t, _)| {
                t.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .map(|t| t.to_lowercase())
            .collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        cells
    }
    let labels: Vec<Vec<String>> = header
        .iter()
        .filter(|r| !is_numbering_row(&r.cells))
        .map(key)
        .collect();
    // A header of words in two cells or more, so a row cannot repeat it by chance.
    let Some(top) = labels.first() else {
        return;
    };
    if top.iter().filter(|t| !t.is_empty()).count() < 2
        || top.iter().all(|t| t.chars().all(|c| c.is_ascii_digit()))
    {
        return;
    }
    let mut i = 0;
    while i + labels.len() <= body.len() {
        let repeats = labels
            .iter()
            .zip(&body[i..])
            .all(|(label, row)| *label == key(row));
        if !repeats {
            i += 1;
            continue;
        }
        let mut end = i + labels.len();
        if body.get(end).is_some_and(|r| is_numbering_row(&r.cells)) {
            end += 1;
        }
        let start = if i > 0 && body[i - 1].wide { i - 1 } else { i };
        // The header repeated atop a page's part of the table leaves; the
        // row under it now opens that part (a row cut by the break rejoins).
        let opened = body.drain(start..end).any(|r| r.opens_part);
        if let Some(next) = body.get_mut(start) {
            next.opens_part |= opened;
        }
        i = start;
    }
}

/// Appends a cell's next line to its text: a word broken after a hyphen
/// rejoins, other lines join with a space.
fn join_wrapped(text: &mut String, next: &str) {
    if text.trim().is_empty() {
        *text = next.to_string();
    } else if text.ends_with('-') && !text.ends_with(" -") {
        text.push_str(next);
    } else {
        text.push(' ');
        text.push_str(next);
    }
}

/// More words than a column's label ever has: "Persentase Rekomendasi
/// Kebijakan Daerah yang ditindaklanjuti (%)" is 7.
const HEADER_WORDS: usize = 30;

/// Header rows when the source does not mark them: the leading rows without
/// a figure, up to a row numbering the columns ("1 2 3 …"), before a row that
/// starts with an item number ("1.1 Meningkatnya …") or runs across the table.
/// A ruled grid shows how far its header goes: the rows its header cells span
/// down, and the row under a header cell spanning several columns (their own
/// labels); a body of text alone (targets written out) then stops there.
fn header_rows_of(grid: &[GridRow], first: Option<&Grid>) -> usize {
    let drawn = first
        .filter(|g| g.spans_known && g.source == GridSource::Ruled)
        .map(header_extent);
    let mut header_count = 0;
    // A row numbering the columns closes the header: a row between the
    // labels and it is the labels' last line, even with a figure in it (the
    // "100%" of a "(1-A/B) x 100%" wrapped under its column's label).
    let numbered_at = grid.iter().take(5).position(|r| is_numbering_row(&r.cells));
    for (i, row) in grid.iter().enumerate() {
        let first = row.cells.first().map(|c| c.0.as_str()).unwrap_or("");
        if is_numbering_row(&row.cells) {
            if header_count > 0 {
                header_count += 1;
            }
            break;
        }
        // A figure makes a row data; a header may hold a stray one (the
        // "13-18" of a broken "R (%) 13-18") among more cells of words.
        let rest = || row.cells.iter().skip(1).map(|(t, _)| t.as_str());
        // Under a header row, a row of years heads the columns: a short
        // period among them ("13-18", the span a growth rate covers) is
        // that column's label too, not a value.
        let years = rest()
            .filter(|t| YEARISH.is_match(&t.trim().to_lowercase()))
            .count();
        let label_cell =
            |t: &str| header_count > 0 && years >= 2 && SHORT_PERIOD.is_match(t.trim());
        // A bare "1)" or "(2)" numbers an item or a column: not a figure; a
        // "65" among fewer words is one (the numbering row was caught above).
        let figure_cells = rest()
            .filter(|t| {
                is_figure_like(t)
                    && !label_cell(t)
                    && (!is_row_marker(t) || SMALL_WHOLE.is_match(t))
                    && !COLUMN_LABEL_NUMBER.is_match(t.trim())
            })
            .count();
        let word_cells = rest()
            .filter(|t| t.chars().any(char::is_alphabetic))
            .count();
        let figures = rest().any(|t| is_value_cell(t) && !label_cell(t))
            || (figure_cells > 0 && figure_cells >= word_cells);
        let first_text = first_text(&row.cells);
        // A cell of prose (a paragraph of analysis) is body, never a label.
        let prose = rest().any(|t| t.split_whitespace().count() > HEADER_WORDS);
        let above_numbering = header_count > 0 && numbered_at.is_some_and(|n| n > i);
        if (figures && !above_numbering)
            || prose
            || (header_count > 0 && is_row_marker(first) && !first.is_empty())
            || (header_count > 0 && (row.wide || NUMBERED_LABEL.is_match(first_text)))
        {
            break;
        }
        header_count += 1;
        if header_count >= 4 {
            break;
        }
        // The drawn header ends here: only a row numbering the columns may follow.
        if drawn.is_some_and(|end| header_count >= end) {
            if grid.get(i + 1).is_some_and(|r| is_numbering_row(&r.cells)) {
                header_count += 1;
            }
            break;
        }
    }
    header_count
}

/// How many rows a ruled grid's header takes at least: its first row with
/// text (and any empty ones above), the rows its
/// cells span down, and below a cell spanning several columns the row that
/// labels them one by one.
/// A grid ruling every cell apart (no cell of its first row spans) shows no
/// merged cells: its header then goes on over the rows that leave the first
/// column empty, where a merged cell would stand (a body row names its item
/// there).
fn header_extent(grid: &Grid) -> usize {
    // Empty rows drawn above the header do not count.
    let top = (0..grid.rows)
        .find(|&r| grid.cells_starting_in(r).any(|c| !c.is_empty()))
        .unwrap_or(0);
    if !grid
        .cells_starting_in(top)
        .any(|c| c.rows.len() > 1 || c.cols.len() > 1)
    {
        let mut end = top + 1;
        while end < grid.rows
            && grid.cells_starting_in(end).any(|c| !c.is_empty())
            && !grid
                .cells_starting_in(end)
                .any(|c| c.cols.start == 0 && !c.is_empty())
        {
            end += 1;
        }
        return end;
    }
    let mut end = top + 1;
    for _ in 0..4 {
        let mut next = end;
        for c in grid.cells.iter().filter(|c| c.rows.start < end) {
            next = next.max(c.rows.end);
            let sub_labels = grid
                .cells_starting_in(c.rows.end)
                .filter(|d| d.cols.start >= c.cols.start && d.cols.end <= c.cols.end)
                .count();
            if c.cols.len() > 1 && !c.is_empty() && sub_labels >= 2 {
                next = next.max(c.rows.end + 1);
            }
        }
        if next == end {
            break;
        }
        end = next.min(grid.rows);
    }
    end
}

/// A row numbering the columns: "1 2 3 …", "(1) (2) (2) (4)" — small numbers
/// from 1 or 2 going up over most of the run, never down.
fn is_numbering_row(cells: &[(String, bool)]) -> bool {
    numbering(cells) || ocr_numbering(cells)
}

/// A numbering row OCR misread in places ("Q) | (ʔ2) | (3) | (4) | (5) |
/// (6)"): leaving out the cells it was unsure of and bracketed single
/// characters, three numbers or more each one more than the last, and no
/// more left out than kept.
fn ocr_numbering(cells: &[(String, bool)]) -> bool {
    let texts: Vec<&str> = cells
        .iter()
        .map(|(t, _)| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let misread = |t: &str| {
        t.contains(crate::extract::ocr::UNSURE)
            || (t.chars().count() <= 3
                && (t.ends_with(')') || t.starts_with('('))
                && !t.chars().any(|c| c.is_ascii_digit()))
    };
    let kept: Vec<&str> = texts.iter().copied().filter(|t| !misread(t)).collect();
    if kept.len() == texts.len() || kept.len() < 3 || (texts.len() - kept.len()) > kept.len() {
        return false;
    }
    let numbers: Option<Vec<u32>> = kept
        .iter()
        .map(|t| {
            (COLUMN_NUMBER.is_match(t) && t.starts_with('(') && t.ends_with(')'))
                .then(|| t.trim_matches(['(', ')']).parse::<u32>().ok())
                .flatten()
        })
        .collect();
    numbers.is_some_and(|n| n.windows(2).all(|w| w[1] == w[0] + 1) && n[0] <= texts.len() as u32)
}

fn numbering(cells: &[(String, bool)]) -> bool {
    // Two numbers may share a cell ("(10) (11)" over two columns the body
    // splits but the header does not).
    let numbers: Option<Vec<u32>> = cells
        .iter()
        .flat_map(|(t, _)| t.split_whitespace())
        // A spreadsheet may format one of them as a number: "16,00".
        .map(|t| {
            t.trim_end_matches('0')
                .strip_suffix([',', '.'])
                .unwrap_or(t)
        })
        .map(|t| {
            COLUMN_NUMBER
                .is_match(t)
                .then(|| t.trim_matches(['(', ')']).parse::<u32>().ok())
                .flatten()
        })
        .collect();
    let Some(numbers) = numbers else {
        return false;
    };
    let (Some(&lo), Some(&hi)) = (numbers.first(), numbers.last()) else {
        return false;
    };
    numbers.len() >= 2
        && lo <= 2
        && numbers.windows(2).all(|w| w[1] >= w[0])
        && ((hi - lo + 1) as usize) * 5 >= numbers.len() * 3
}

/// The text of a grid row's first cell that has any.
fn first_text(cells: &[(String, bool)]) -> &str {
    cells
        .iter()
        .map(|(t, _)| t.trim())
        .find(|t| !t.is_empty())
        .unwrap_or("")
}

/// Text stating a quantity: digits and no words — an amount, a percentage, a
/// range ("80 – 100 %"), a bound ("> 100 %", "≤ 1,5%") — but not a year or a
/// period of years.
fn is_figure_like(text: &str) -> bool {
    let t = text.trim();
    let bare = t
        .strip_prefix("Rp.")
        .or_else(|| t.strip_prefix("Rp"))
        .unwrap_or(t);
    t.chars().any(|c| c.is_ascii_digit())
        && !bare.chars().any(char::is_alphabetic)
        && !YEARISH.is_match(&t.to_lowercase())
        && !PERIOD.is_match(t)
}

/// Whether grid row `r` is one cell across (nearly) the whole table: by its
/// extent when the reader knows it, else by being the row's only text, at its start.
fn is_wide_row(grid: &Grid, r: usize) -> bool {
    if grid.cols < 3 {
        return false;
    }
    let cells: Vec<_> = grid
        .cells_starting_in(r)
        .filter(|c| !c.is_empty())
        .collect();
    match cells.as_slice() {
        [only] if grid.spans_known => only.cols.len() * 5 >= grid.cols * 4,
        [only] => {
            only.cols.start <= 1 && grid.row_texts(r).iter().filter(|t| !t.is_empty()).count() == 1
        }
        _ => false,
    }
}

static PROGRAM_ROW: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)^program\s+\S").expect("valid regex"));

/// Group rows are marked with a Roman numeral (or bold text over numbered items);
/// TOTAL / JUMLAH rows close the table.
fn classify_rows(rows: &mut [Row], grid: &[GridRow]) {
    let bold_at = |i: usize| {
        grid.get(i)
            .map(|g| g.cells.iter().take(2).any(|(t, b)| *b && !t.is_empty()))
            .unwrap_or(false)
    };
    // A table set bold throughout (every row with text): bold marks no group.
    let labelled: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].cells.iter().any(|c| !c.text.trim().is_empty()))
        .collect();
    let bold_groups = labelled.len() < 2 || labelled.iter().any(|&i| !bold_at(i));
    // There, a "Program …" row over rows that are not (its kegiatan) is
    // the group a budget table is made of.
    let program_at = |i: usize| {
        rows[i]
            .cells
            .iter()
            .map(|c| c.text.trim())
            .find(|t| !t.is_empty())
            .is_some_and(|t| PROGRAM_ROW.is_match(t))
    };
    let programs: Vec<bool> = (0..rows.len())
        .map(|i| !bold_groups && program_at(i))
        .collect();
    let programs = if programs.iter().filter(|p| **p).count() < labelled.len() {
        programs
    } else {
        vec![false; rows.len()]
    };
    let mut current_group = None;
    for (i, row) in rows.iter_mut().enumerate() {
        let first_nonempty = row.cells.iter().position(|c| !c.text.trim().is_empty());
        let marker = row.cells.first().map(|c| c.text.trim()).unwrap_or("");
        // "5 | Jumlah kasus pelanggaran perda" is an indicator, not a total: a
        // numbered row is a total only when its label is just the total word.
        // The number may stand in a later column, after an empty sasaran
        // cell ("| 2. | Jumlah Ormas yang berperan aktif …").
        let total_at = row
            .cells
            .iter()
            .take(3)
            .position(|c| TOTAL.is_match(&c.text));
        let numbered = total_at.is_some_and(|at| {
            row.cells[..at].iter().any(|c| {
                let t = c.text.trim();
                !t.is_empty() && ITEM_NUMBER.is_match(&t.to_lowercase())
            })
        });
        // "Meningkatnya aksi mitigasi | Jumlah lokasi Program Kampung Iklim":
        // an indicator beside its sasaran; a total's label stands alone.
        let beside_label = total_at.is_some_and(|at| {
            row.cells[..at]
                .iter()
                .any(|c| c.text.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        });
        let is_total = total_at.is_some_and(|at| {
            !(numbered || beside_label) || row.cells[at].text.split_whitespace().count() <= 2
        });
        // Upper-case Roman numerals mark groups; "i." could be a lettered item.
        let bare = marker.trim_end_matches('.');
        let roman = !bare.is_empty()
            && bare.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            && parse_roman(bare).is_some();
        let bold_label = bold_groups && bold_at(i);
        if is_total {
            row.kind = RowKind::Total;
            current_group = None;
        } else if roman
            || programs[i]
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
/// the empty cells to its right, within the span of the cell above it. Gives
/// the header cells above each column, top to bottom (joined, the column's label).
fn column_headers(header: &[Vec<String>], width: usize) -> Vec<Vec<String>> {
    let mut parts: Vec<Vec<String>> = vec![Vec::new(); width];
    // Spans of the previous header row: (start, end) exclusive.
    let mut parent_spans: Vec<(usize, usize)> = vec![(0, width)];
    let filled = |row: Option<&Vec<String>>, i: usize| {
        row.and_then(|r| r.get(i))
            .is_some_and(|t| !t.trim().is_empty())
    };
    for (r, row) in header.iter().enumerate() {
        let below = header.get(r + 1);
        let mut spans = Vec::new();
        let starts: Vec<usize> = (0..width).filter(|&i| filled(Some(row), i)).collect();
        for (k, &s) in starts.iter().enumerate() {
            let parent_end = parent_spans
                .iter()
                .find(|(a, b)| *a <= s && s < *b)
                .map(|(_, b)| *b)
                .unwrap_or(s + 1);
            let next = starts.get(k + 1).copied().unwrap_or(width);
            let mut end = next.min(parent_end).max(s + 1);
            // A label over sub-labels has the first of them under itself
            // ("Tahun 2020" over "Target | Realisasi") or its sub-labels
            // alone on the next row. One with nothing under it on the row
            // that labels the columns on both sides of it is the top line of
            // its own column's tall label ("CAPAIAN", a blank, "KEU (%)",
            // on a row "No. … REALISASI KEU | ⋯ | RAK/RVK | PAK/TVK").
            if !filled(below, s)
                && (0..s).any(|i| filled(below, i))
                && (s + 1..end).any(|i| filled(below, i))
            {
                end = s + 1;
            }
            spans.push((s, end));
            for column in parts.iter_mut().take(end).skip(s) {
                column.push(row[s].trim().to_string());
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
    parts
}

/// Column numbers set in the header cells under their labels ("No. (1)",
/// "Sasaran (2)", …, "Tingkat Efisiensi (6)") rather than in a row of their
/// own: taken off the labels when the columns' trailing "(n)" run 1, 2, 3 …
/// (a cell spanning columns repeats its own) over at least three columns
/// and half of them. A single "(2)" at a label's end is the label's.
fn strip_column_numbers(headers: &mut [Vec<String>]) {
    fn trailing(label: &str) -> (usize, Vec<u32>) {
        let mut numbers = Vec::new();
        let mut cut = label.len();
        for token in label[..cut].split_whitespace().rev() {
            let inner = token.strip_prefix('(').and_then(|t| t.strip_suffix(')'));
            match inner.and_then(|t| (t.len() <= 2).then(|| t.parse::<u32>().ok()).flatten()) {
                Some(n) => {
                    numbers.insert(0, n);
                    cut = label[..cut].trim_end().len() - token.len();
                }
                None => break,
            }
        }
        (label[..cut].trim_end().len(), numbers)
    }
    let found: Vec<Option<(usize, Vec<u32>)>> = headers
        .iter()
        .map(|parts| {
            let (cut, numbers) = trailing(parts.last()?);
            (!numbers.is_empty()).then_some((cut, numbers))
        })
        .collect();
    let mut sequence: Vec<u32> = Vec::new();
    let mut previous: Option<&Vec<u32>> = None;
    for numbers in found.iter().flatten().map(|(_, n)| n) {
        if previous != Some(numbers) {
            sequence.extend(numbers);
        }
        previous = Some(numbers);
    }
    let numbered = found.iter().flatten().count();
    let runs = sequence.first().is_some_and(|&n| n <= 2)
        && sequence.windows(2).all(|w| w[1] == w[0] + 1)
        && sequence.len() >= 3
        && numbered * 2 >= headers.len();
    if !runs {
        return;
    }
    for (parts, found) in headers.iter_mut().zip(found) {
        let (Some((cut, _)), Some(last)) = (found, parts.last_mut()) else {
            continue;
        };
        last.truncate(cut);
        if last.is_empty() {
            parts.pop();
        }
    }
}

/// A header cell spanning k columns whose text ends in k years ("Pencapaian
/// Kinerja Tahun - 2014* 2015** 2016***"): the row of years under the label
/// was read into the spanning cell (the years sit in the same cell box). Each
/// column gets the label and its own year, in order, so that the years are
/// not all read as the last one. Left alone unless the count of years is the
/// count of columns that share the text.
fn split_spanned_years(headers: &mut [Vec<String>]) {
    static YEAR_MARK: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"^(?:19|20)\d\d\**$").expect("valid pattern"));
    let mut start = 0;
    while start < headers.len() {
        let Some(text) = headers[start].last().cloned() else {
            start += 1;
            continue;
        };
        let end = (start..headers.len())
            .find(|&i| headers[i].last() != Some(&text))
            .unwrap_or(headers.len());
        let span = end - start;
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let years = tokens
            .iter()
            .rev()
            .take_while(|t| YEAR_MARK.is_match(t))
            .count();
        if span >= 2 && years == span && tokens.len() > years {
            let label = tokens[..tokens.len() - years]
                .join(" ")
                .trim_end_matches(['-', '–', ' '])
                .to_string();
            let own: Vec<String> = tokens[tokens.len() - years..]
                .iter()
                .map(|t| t.to_string())
                .collect();
            for (parts, year) in headers[start..end].iter_mut().zip(own) {
                if let Some(last) = parts.last_mut() {
                    *last = format!("{label} {year}");
                }
            }
        }
        start = end;
    }
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
        column_headers(&header, width)
            .into_iter()
            .map(|parts| parts.join(" "))
            .collect()
    }

    fn cells(texts: &[&str]) -> Vec<(String, bool)> {
        texts.iter().map(|t| (t.to_string(), false)).collect()
    }

    fn grid_of(rows: &[&[&str]]) -> Grid {
        let texts: Vec<Vec<(String, bool)>> = rows.iter().map(|r| cells(r)).collect();
        Grid::from_rows(GridSource::Aligned, &texts)
    }

    fn figures_of(table: &Table, column: usize) -> Vec<Option<String>> {
        table
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .get(column)
                    .and_then(|c| c.figure.as_ref())
                    .map(|f| f.value.to_string())
            })
            .collect()
    }

    #[test]
    fn numbers_under_one_header_beside_names_number_the_items() {
        let row = |a: &str, b: &str| Row::of_texts(&[a, b]);
        let rows = vec![
            row("Program", "Pembinaan Permukiman"),
            row("1", "Penyusunan Rencana Induk"),
            row("2", "Monitoring dan Evaluasi"),
            row("3", "Pembangunan TPPAS"),
        ];
        let header = "Dukungan program dan Kegiatan".to_string();
        let label = || column_role(std::slice::from_ref(&header));
        let mut roles = vec![label(), label()];
        assert_eq!(roles[0].role, Role::Label);
        numbers_beside_names(&mut roles, &[header.clone(), header.clone()], &rows);
        assert_eq!(roles[0].role, Role::Number);
        assert_eq!(roles[1].role, Role::Label);
        // Under two headers of their own, or with names in most cells, they stay labels.
        let mut roles = vec![label(), label()];
        numbers_beside_names(&mut roles, &["Program".to_string(), header.clone()], &rows);
        assert_eq!(roles[0].role, Role::Label);
        let named: Vec<Row> = rows
            .iter()
            .map(|r| {
                row(
                    if r.cells[0].text == "1" {
                        "1"
                    } else {
                        "Program"
                    },
                    "x",
                )
            })
            .collect();
        let mut roles = vec![label(), label()];
        numbers_beside_names(&mut roles, &[header.clone(), header.clone()], &named);
        assert_eq!(roles[0].role, Role::Label);
        // One item, numbered: "1 | Jumlah Penumpang" under "Indikator Kinerja".
        let one = vec![row("1", "Jumlah Penumpang yang Dilayani")];
        let mut roles = vec![label(), label()];
        numbers_beside_names(&mut roles, &[header.clone(), header.clone()], &one);
        assert_eq!(roles[0].role, Role::Number);
        let one_named = vec![row("Program", "Jumlah Penumpang yang Dilayani")];
        let mut roles = vec![label(), label()];
        numbers_beside_names(&mut roles, &[header.clone(), header], &one_named);
        assert_eq!(roles[0].role, Role::Label);
    }

    #[test]
    fn a_small_whole_number_is_a_figure_only_under_a_measure() {
        assert!(names_measure(&["Target".to_string()]));
        assert!(names_measure(&[
            "Realisasi".to_string(),
            "2021".to_string()
        ]));
        assert!(!names_measure(&["No".to_string()]));
        assert!(!names_measure(&[String::new()]));
        let figure = |text: &str, measure| {
            typed_cell(text.to_string(), Hint::None, measure)
                .figure
                .map(|f| f.value.to_string())
        };
        assert_eq!(figure("65", true), Some("65".to_string()));
        assert_eq!(figure("65", false), None);
        // A larger figure is one anywhere; text never.
        assert_eq!(figure("1.250", false), Some("1250".to_string()));
        assert_eq!(figure("Jumlah desa", true), None);
    }

    #[test]
    fn a_table_of_header_looking_rows_only_has_no_header() {
        let grid = grid_of(&[&["Indikator", "Target"]]);
        let rows = grid_rows(&[(1, &grid)]);
        assert_eq!(header_count(&rows, Some(&grid)), 0);
        let grid = grid_of(&[&["Indikator", "Target"], &["Jumlah desa", "1.250"]]);
        let rows = grid_rows(&[(1, &grid)]);
        assert_eq!(rows.len(), 2);
        assert_eq!(header_count(&rows, Some(&grid)), 1);
        // The rows of a continuation open a part.
        let rows = grid_rows(&[(1, &grid), (2, &grid)]);
        let parts: Vec<bool> = rows.iter().map(|r| r.opens_part).collect();
        assert_eq!(parts, [false, false, true, false]);
    }

    #[test]
    fn small_whole_numbers_under_a_measure_are_figures() {
        // A heading row, then indicators with whole-number targets.
        let grid = grid_of(&[
            &["No", "Indikator", "Target", "Realisasi"],
            &["", "Sasaran 1: Meningkatnya layanan", "", ""],
            &["1", "Jumlah desa", "65", "87"],
            &["2", "Jumlah kelompok", "120", "9"],
        ]);
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.header_rows.len(), 1);
        assert_eq!(
            figures_of(&table, 2),
            [None, Some("65".to_string()), Some("120".to_string())]
        );
        assert_eq!(
            figures_of(&table, 3),
            [None, Some("87".to_string()), Some("9".to_string())]
        );
        // The row numbers stay numbers of rows.
        assert_eq!(figures_of(&table, 0), [None, None, None]);
        // With no number in the first column, a row of small figures is data, not header.
        let grid = grid_of(&[
            &["Indikator", "Target", "Realisasi"],
            &["Jumlah desa", "65", "87"],
            &["Jumlah kelompok", "12", "9"],
        ]);
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.header_rows.len(), 1);
        assert_eq!(
            figures_of(&table, 1),
            [Some("65".to_string()), Some("12".to_string())]
        );
    }

    #[test]
    fn a_title_band_gives_an_uncaptioned_table_its_year() {
        let years = |above: &str| -> Vec<Option<i32>> {
            let text = format!(
                "{above}\n\n| No | Indikator | Target |\n|---|---|---|\n| 1 | Jumlah penumpang | 13.500 |\n| 2 | Jumlah kargo | 14.500 |\n"
            );
            let doc = crate::extract::text::read_text_export(
                std::path::Path::new("t.md"),
                text.as_bytes(),
            );
            let report = crate::structure::analyse(&doc);
            report.tables[0].roles.iter().map(|r| r.year).collect()
        };
        assert_eq!(
            years("RENCANA KINERJA TAHUNAN\nKANTOR UPBU KELAS III\nTAHUN 2024"),
            [None, None, Some(2024)]
        );
        // Running text, or a sentence leading into the table, is no band.
        assert_eq!(
            years(
                "Pada tahun 2023 kantor ini menetapkan target kinerja yang diuraikan dalam tabel."
            ),
            [None, None, None]
        );
        assert_eq!(
            years("Target tahun 2023 sebagai berikut:"),
            [None, None, None]
        );
    }

    #[test]
    fn a_caption_names_the_table_under_its_form_fields() {
        let text = "2.2 Tabel Penetapan Kinerja\n\nSKPD\t: Dinas Kebersihan\nTahun Anggaran\t: 2015\n\nNo\tSasaran Strategis\tIndikator Kinerja\tSatuan\tTarget\n1.\tTerwujudnya RTH\tRTH per wilayah\t%\t0,82\n2.\tPemakaman tertata\tPenataan pemakaman\tHa\t2\n";
        let doc =
            crate::extract::text::read_text_export(std::path::Path::new("t.txt"), text.as_bytes());
        let report = crate::structure::analyse(&doc);
        let captioned: Vec<_> = report
            .tables
            .iter()
            .filter_map(|t| {
                t.caption_number()
                    .map(|n| (n, t.columns[0].clone(), t.kind))
            })
            .collect();
        assert_eq!(
            captioned,
            [(
                "Tabel 2.2".to_string(),
                "No".to_string(),
                TableKind::Renstra
            )]
        );
        // The fields are a table of their own, without the caption.
        assert_eq!(report.tables.len(), 2);
    }

    #[test]
    fn a_column_of_currency_marks_joins_the_amounts() {
        let grid = grid_of(&[
            &["KEGIATAN", "", "ANGGARAN"],
            &["Penunjang Teknis", "Rp", "550.250.000"],
            &["Pengelolaan Keuangan", "Rp", "8.374.566.000"],
            &["Pengelola SDM", "Rp", "30.000.000"],
        ]);
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.columns, ["KEGIATAN", "ANGGARAN"]);
        assert_eq!(table.rows[1].cells[1].text, "Rp 8.374.566.000");
        // A column with a header of its own, or words beside the mark, stays.
        let grid = grid_of(&[
            &["Uraian", "Mata uang", "Jumlah"],
            &["Pagu", "Rp", "550.250.000"],
            &["Realisasi", "Rp", "530.000.000"],
        ]);
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.columns.len(), 3);
        let grid = grid_of(&[
            &["Uraian", "", "Keterangan"],
            &["Pagu", "Rp", "lihat lampiran"],
            &["Realisasi", "Rp", "530.000.000"],
        ]);
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.columns.len(), 3);
    }

    #[test]
    fn caption_numbers_roman_and_spaced() {
        let number = caption_parts;
        assert_eq!(number("Tabel 12. Anggaran").map(|c| c.0), Some("12".into()));
        assert_eq!(
            number("Tabel III.5 Evaluasi").map(|c| c.0),
            Some("III.5".into())
        );
        assert_eq!(
            number("Tabel III. 2 Pengukuran").map(|c| c.0),
            Some("III. 2".into())
        );
        assert_eq!(
            number("Tabel 2. 1 Sasaran Kegiatan"),
            Some(("2. 1".into(), "Sasaran Kegiatan".into()))
        );
        // A section's number before the word.
        assert_eq!(
            number("2.1 Tabel Rencana Strategis"),
            Some(("2.1".into(), "Rencana Strategis".into()))
        );
        assert_eq!(number("3 Tabel berikut"), None);
        // The year opening a title is not part of the number.
        assert_eq!(number("Tabel 3. 2016 data").map(|c| c.0), Some("3".into()));
        assert_eq!(number("Tabel ini menunjukkan"), None);
        assert_eq!(number("Tabel di bawah"), None);
    }

    #[test]
    fn rows_numbering_the_columns() {
        assert!(is_numbering_row(&cells(&["1", "2", "3", "", "4"])));
        assert!(is_numbering_row(&cells(&["(1)", "(2)", "(3)"])));
        // One number formatted by a spreadsheet.
        assert!(is_numbering_row(&cells(&["1", "2", "3", "16,00", "17"])));
        assert!(!is_numbering_row(&cells(&["1", "2,50", "3"])));
        assert!(!is_numbering_row(&cells(&["5", "3", "1"])));
        // Misread by OCR in places: still the numbering.
        assert!(is_numbering_row(&cells(&[
            "Q)", "(ʔ2)", "(3)", "(4)", "(5)", "(6)"
        ])));
        // Not when too much is unreadable, or the numbers skip.
        assert!(!is_numbering_row(&cells(&[
            "Q)", "(ʔ2)", "(ʔ3)", "(4)", "(5)"
        ])));
        assert!(!is_numbering_row(&cells(&["Q)", "(3)", "(5)", "(7)"])));
        assert!(!is_numbering_row(&cells(&["a)", "ʔ12.500", "90,5", "100"])));
    }

    #[test]
    fn years_read_into_a_spanning_header_cell_go_to_their_columns() {
        let split = |labels: &[&str]| {
            let mut headers: Vec<Vec<String>> =
                labels.iter().map(|l| vec![l.to_string()]).collect();
            split_spanned_years(&mut headers);
            headers.iter().map(|p| p.join(" ")).collect::<Vec<_>>()
        };
        let spanned = "Pencapaian Kinerja Tahun - 2014* 2015** 2016***";
        assert_eq!(
            split(&["No", spanned, spanned, spanned, "Kategori 2016"]),
            [
                "No",
                "Pencapaian Kinerja Tahun 2014*",
                "Pencapaian Kinerja Tahun 2015**",
                "Pencapaian Kinerja Tahun 2016***",
                "Kategori 2016"
            ]
        );
        // Two years over three columns, or a label of one column naming a
        // period, stay as they are.
        let two = "Capaian 2015 2016";
        assert_eq!(split(&[two, two, two]), [two, two, two]);
        assert_eq!(
            split(&["Periode 2013 2018", "Target"]),
            ["Periode 2013 2018", "Target"]
        );
    }

    #[test]
    fn column_numbers_under_the_labels_leave_them() {
        let strip = |labels: &[&[&str]]| {
            let mut headers: Vec<Vec<String>> = labels
                .iter()
                .map(|parts| parts.iter().map(|p| p.to_string()).collect())
                .collect();
            strip_column_numbers(&mut headers);
            headers.iter().map(|p| p.join(" ")).collect::<Vec<_>>()
        };
        assert_eq!(
            strip(&[
                &["No. (1)"],
                &["Sasaran (2)"],
                &["Indikator (3)"],
                &["Efisiensi (4)"]
            ]),
            ["No.", "Sasaran", "Indikator", "Efisiensi"]
        );
        // A cell spanning two columns repeats its numbers; one holding two columns' numbers.
        assert_eq!(
            strip(&[
                &["No (1)"],
                &["Kategori (2)"],
                &["Rata-rata (3) (4)"],
                &["Rata-rata (3) (4)"],
                &["Warna", "(5)"]
            ]),
            ["No", "Kategori", "Rata-rata", "Rata-rata", "Warna"]
        );
        // Not a run from 1: the labels' own numbers stay.
        assert_eq!(
            strip(&[&["Target (5)"], &["Realisasi (6)"], &["Capaian (7)"]]),
            ["Target (5)", "Realisasi (6)", "Capaian (7)"]
        );
        // One label's "(2)" is no numbering.
        assert_eq!(
            strip(&[&["No"], &["Indikator (2)"], &["Target"], &["Realisasi"]]),
            ["No", "Indikator (2)", "Target", "Realisasi"]
        );
    }

    fn body_row(texts: &[&str], opens_part: bool) -> GridRow {
        GridRow {
            from_above: Vec::new(),
            cells: cells(texts),
            page: 1,
            line: 1,
            wide: false,
            opens_part,
        }
    }

    #[test]
    fn a_numbering_row_may_hold_two_numbers_in_a_cell() {
        let row = |cells: &[&str]| -> Vec<(String, bool)> {
            cells.iter().map(|c| (c.to_string(), false)).collect()
        };
        assert!(is_numbering_row(&row(&[
            "(1)", "(2)", "(3)", "", "(4) (5)"
        ])));
        assert!(!is_numbering_row(&row(&["(1)", "(2)", "Misi 3"])));
    }

    #[test]
    fn a_numbered_misi_opens_a_row_of_its_own() {
        for label in [
            "MISI III : Meningkatkan Tertib",
            "Misi 2 Meningkatkan",
            "Sasaran 1: Meningkatnya",
        ] {
            assert!(MARKED_LABEL.is_match(label), "{label}");
        }
        for label in ["Misinya tercapai", "Sasaran strategis"] {
            assert!(!MARKED_LABEL.is_match(label), "{label}");
        }
    }

    #[test]
    fn a_row_cut_by_a_page_break_rejoins_in_a_short_table() {
        // Four rows; the last row's label goes on over the page break, its
        // figures stay above. The rest leaves the figure columns empty.
        let body = vec![
            body_row(&["1", "Kebijakan", "Jumlah kebijakan", "17", "19"], false),
            body_row(
                &["2", "Kesesuaian", "Deviasi anggaran", "5,99%", "5,99%"],
                false,
            ),
            body_row(
                &["3", "Kepatuhan OPD", "Prosentase OPD", "90%", "92%"],
                false,
            ),
            body_row(
                &[
                    "4",
                    "Kepatuhan Kab/Kota",
                    "Prosentase Kab/Kota",
                    "85%",
                    "90%",
                ],
                false,
            ),
            body_row(
                &["", "Pelaporan Kinerja", "laporan tepat waktu", "", ""],
                true,
            ),
        ];
        let joined = join_split_rows(body);
        assert_eq!(joined.len(), 4);
        assert_eq!(joined[3].cells[1].0, "Kepatuhan Kab/Kota Pelaporan Kinerja");
        // A row of its own on the next page (figures, or a marker) stays.
        let body = vec![
            body_row(&["1", "Kebijakan", "Jumlah kebijakan", "17", "19"], false),
            body_row(
                &["2", "Kesesuaian", "Deviasi anggaran", "5,99%", "5,99%"],
                false,
            ),
            body_row(
                &["3", "Kepatuhan OPD", "Prosentase OPD", "90%", "92%"],
                true,
            ),
        ];
        assert_eq!(join_split_rows(body).len(), 3);
        let body = vec![
            body_row(&["1", "Kebijakan", "Jumlah kebijakan", "17", "19"], false),
            body_row(
                &["2", "Kesesuaian", "Deviasi anggaran", "5,99%", "5,99%"],
                false,
            ),
            body_row(&["", "", "a. Prosentase OPD", "", ""], true),
        ];
        assert_eq!(join_split_rows(body).len(), 3);
    }

    #[test]
    fn a_header_repeated_inside_the_table_is_no_row() {
        let row = |texts: &[&str], wide: bool| GridRow {
            from_above: Vec::new(),
            cells: cells(texts),
            page: 1,
            line: 1,
            wide,
            opens_part: false,
        };
        let header = vec![
            row(&["Tujuan", "Sasaran", "Tahun 2016", ""], false),
            row(&["", "", "Satuan", "Target"], false),
        ];
        let mut body = vec![
            row(&["Terselenggaranya", "Meningkatnya", "Dok", "1"], false),
            row(&["Misi 2: Mewujudkan", "", "", ""], true),
            row(&["Tujuan", "Sasaran", "Tahun 2016", ""], false),
            row(&["", "", "Satuan", "Target"], false),
            row(&["Mengembangkan", "Meningkatnya", "UPP", "14"], false),
            // A band over rows of its own is a group row: it stays.
            row(&["Misi 3: Meningkatkan", "", "", ""], true),
            row(&["Meningkatkan", "Meningkatnya", "Nilai", "81"], false),
        ];
        drop_repeated_headers(&mut body, &header);
        let firsts: Vec<&str> = body.iter().map(|r| r.cells[0].0.as_str()).collect();
        assert_eq!(
            firsts,
            [
                "Terselenggaranya",
                "Mengembangkan",
                "Misi 3: Meningkatkan",
                "Meningkatkan"
            ]
        );
        // Only part of the header ("Tujuan | Sasaran" alone) is a row.
        let mut body = vec![row(&["Tujuan", "Sasaran", "", ""], false)];
        drop_repeated_headers(&mut body, &header);
        assert_eq!(body.len(), 1);
    }

    #[test]
    fn a_row_cut_under_a_repeated_header_rejoins() {
        // Page 2 repeats the header; under it, the rest of the last label of
        // page 1 ("hari"), then a row of its own.
        let header = vec![body_row(&["No", "Indikator", "Target", "Realisasi"], false)];
        let mut body = vec![
            body_row(&["1", "Persentase pasien", "80,00", "82,00"], false),
            body_row(&["", "Persentase LOS < 30", "80,00", "96,00"], false),
            body_row(&["No", "Indikator", "Target", "Realisasi"], true),
            body_row(&["", "hari", "", ""], false),
            body_row(&["", "BOR", "85,00", "70,89"], false),
        ];
        drop_repeated_headers(&mut body, &header);
        assert!(body[2].opens_part);
        let joined = join_split_rows(body);
        let labels: Vec<&str> = joined.iter().map(|r| r.cells[1].0.as_str()).collect();
        assert_eq!(
            labels,
            ["Persentase pasien", "Persentase LOS < 30 hari", "BOR"]
        );
        // A header repeated inside one page's part opens nothing.
        let mut body = vec![
            body_row(&["", "Persentase LOS < 30", "80,00", "96,00"], false),
            body_row(&["No", "Indikator", "Target", "Realisasi"], false),
            body_row(&["", "hari", "", ""], false),
        ];
        drop_repeated_headers(&mut body, &header);
        assert!(!body[1].opens_part);
        assert_eq!(join_split_rows(body).len(), 2);
        // Cut rows on every page: the remainders leave no column less dense.
        let body = vec![
            body_row(&["1", "Persentase pasien", "80,00", "82,00"], false),
            body_row(&["", "Persentase LOS < 30", "80,00", "96,00"], false),
            body_row(&["", "hari", "", ""], true),
            body_row(&["", "Persentase pasien dari", "100", "100"], false),
            body_row(&["", "keluarga tidak mampu", "", ""], true),
            body_row(&["2", "Tidak adanya Angka Kecelakaan", "100", "100"], false),
            body_row(&["", "Kerja", "", ""], true),
            body_row(&["", "BOR", "85,00", "70,89"], false),
        ];
        let joined = join_split_rows(body);
        let labels: Vec<&str> = joined.iter().map(|r| r.cells[1].0.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Persentase pasien",
                "Persentase LOS < 30 hari",
                "Persentase pasien dari keluarga tidak mampu",
                "Tidak adanya Angka Kecelakaan Kerja",
                "BOR"
            ]
        );
    }

    #[test]
    fn years_marked_for_a_footnote_are_header() {
        // "2014*", "2015**": provisional years under a band naming the unit.
        let grid = grid_of(&[
            &["No.", "Lapangan Usaha", "Dalam Juta (Rp)", "", ""],
            &["", "", "2013", "2014*", "2015**"],
            &[
                "1.",
                "Pertanian",
                "114.042.321,7",
                "121.165.396,1",
                "132.872.442,3",
            ],
        ]);
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.header_rows.len(), 2);
        assert_eq!(table.columns[3], "Dalam Juta (Rp) 2014*");
        // A figure with a footnote mark in a body row is no year.
        assert!(!YEARISH.is_match("114.042*"));
        assert!(!YEARISH.is_match("20143*"));
    }

    #[test]
    fn a_row_of_years_with_a_short_period_under_a_band_is_header() {
        let rows: &[&[&str]] = &[
            &["", "", "Populasi Ternak (ekor)", "", "R (%)"],
            &["No", "Jenis Ternak", "2013", "2014", "13-18"],
            &["1.", "Sapi Perah", "103.832", "109.024", "8,47"],
        ];
        let table = build_table(&[(1, &grid_of(rows))], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.header_rows.len(), 2);
        assert_eq!(table.columns[3], "Populasi Ternak (ekor) 2014");
        assert_eq!(table.columns[4], "R (%) 13-18");
        // As a body row's first value, "13-18" stays a value.
        let rows: &[&[&str]] = &[&["No", "Jenis", "Kode"], &["1.", "Sapi", "13-18"]];
        let table = build_table(&[(1, &grid_of(rows))], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.rows.len(), 1);
    }

    #[test]
    fn a_band_above_the_header_is_no_label() {
        let grid = Grid::from_rows(
            GridSource::Aligned,
            &[
                cells(&["Misi 1: Optimalisasi Penataan Kelembagaan", "", "", ""]),
                cells(&["Tujuan", "Sasaran", "Satuan", "Target"]),
                cells(&["Terselenggaranya", "Meningkatnya", "Dok", "488.810.000"]),
            ],
        );
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.columns, ["Tujuan", "Sasaran", "Satuan", "Target"]);
        assert_eq!(table.rows.len(), 1);
    }

    #[test]
    fn empty_rows_are_no_body_rows() {
        let grid = grid_of(&[
            &["Uraian", "Target", "Realisasi"],
            &["Pendapatan", "16.000.000.000", "17.996.756.484"],
            &["", "", ""],
            &["Jumlah", "16.000.000.000", "17.996.756.484"],
        ]);
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.rows.len(), 2);
    }

    #[test]
    fn a_stray_figure_in_a_header_row_leaves_it_a_header() {
        let row = |texts: &[&str]| GridRow {
            from_above: Vec::new(),
            cells: cells(texts),
            page: 1,
            line: 1,
            wide: false,
            opens_part: false,
        };
        let grid = vec![
            row(&[
                "No",
                "Jenis Ternak",
                "2013",
                "Populasi (ekor) 2014",
                "R 1",
                "(%) 3-18",
            ]),
            row(&["1.", "Sapi Perah", "103.832", "109.024", "", "8,47"]),
        ];
        assert_eq!(header_rows_of(&grid, None), 1);
    }

    #[test]
    fn a_row_of_prose_is_body_not_a_header() {
        let prose = "Dalam upaya meningkatkan kajian dan analisis untuk kebijakan pembangunan \
            Jawa Barat, diarahkan pada prosentase rekomendasi kebijakan daerah yang \
            ditindaklanjuti. Capaian kinerja tahun 2016 sebesar 96,25 persen dengan \
            kategori Sangat Baik melalui program penelitian, studi dan survey";
        let grid = vec![
            body_row(&["Misi Kesatu : Mewujudkan kebijakan pembangunan"], false),
            body_row(&["Sasaran", prose], false),
            body_row(&["Sasaran I", prose], false),
        ];
        assert_eq!(header_rows_of(&grid, None), 1);
        assert_eq!(header_rows_of(&grid[1..], None), 0);
        // A header of short labels is still read whole.
        let labels = vec![
            body_row(&["Sasaran Strategis", "Indikator Kinerja"], false),
            body_row(&["Sasaran I", prose], false),
        ];
        assert_eq!(header_rows_of(&labels, None), 1);
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
    fn a_label_raised_alone_over_its_column_spans_no_other() {
        // "CAPAIAN" stands a line above the row labelling the columns on
        // both sides of it, its own cell blank there and "KEU (%)" below:
        // one column's tall label, not a label over RAK/RVK and A/B.
        let l = labels(
            &[
                &["", "", "", "CAPAIAN", "", ""],
                &["No.", "PAGU", "REALISASI KEU", "", "RAK/RVK", "A/B"],
                &["", "", "", "KEU (%)", "", ""],
            ],
            6,
        );
        assert_eq!(l[3], "CAPAIAN KEU (%)");
        assert_eq!(l[4], "RAK/RVK");
        assert_eq!(l[5], "A/B");
        // Over sub-labels alone on the next row, its own set lower, it spans.
        let l = labels(
            &[
                &["No", "URAIAN", "REALISASI", "", ""],
                &["", "", "", "Pencapaian %", ""],
                &["", "", "KEUANGAN (Rp)", "Keuangan", "Fisik"],
            ],
            5,
        );
        assert_eq!(l[2], "REALISASI KEUANGAN (Rp)");
        assert_eq!(l[3], "REALISASI Pencapaian % Keuangan");
        assert_eq!(l[4], "REALISASI Pencapaian % Fisik");
    }

    #[test]
    fn a_label_row_with_a_figure_above_the_numbering_row_is_header() {
        // "(1-A/B) x" wraps its "100%" onto the header's last line: the
        // row numbering the columns under it shows the header goes on.
        let grid = vec![
            body_row(
                &["No.", "TARGET", "REALISASI", "CAPAIAN", "(1-A/B) x"],
                false,
            ),
            body_row(&["", "", "", "KEU (%)", "100%"], false),
            body_row(&["1", "2", "3", "4", "5"], false),
            body_row(&["1", "11.235", "11.235", "91,12%", "8,88%"], false),
        ];
        assert_eq!(header_rows_of(&grid, None), 3);
        // Without a numbering row the figure ends the header.
        let mut unnumbered = grid;
        unnumbered.remove(2);
        assert_eq!(header_rows_of(&unnumbered, None), 1);
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

    fn classified(rows: &[(&[&str], bool)]) -> Vec<RowKind> {
        let grid: Vec<GridRow> = rows
            .iter()
            .map(|(texts, bold)| GridRow {
                from_above: Vec::new(),
                cells: texts.iter().map(|t| (t.to_string(), *bold)).collect(),
                page: 1,
                line: 1,
                wide: false,
                opens_part: false,
            })
            .collect();
        let mut out: Vec<Row> = rows.iter().map(|(texts, _)| Row::of_texts(texts)).collect();
        classify_rows(&mut out, &grid);
        out.iter().map(|r| r.kind).collect()
    }

    #[test]
    fn bold_rows_are_groups_only_beside_rows_that_are_not() {
        use RowKind::{Group, Item};
        let program: &[&str] = &["Program Promosi Kesehatan", "518.309.200"];
        let kegiatan: &[&str] = &["Peningkatan Penyebarluasan Informasi", "518.309.200"];
        let other: &[&str] = &["Program Pelayanan Kesehatan", "19.954.920.000"];
        // Bold programs over plain kegiatan: the bold rows are the groups.
        assert_eq!(
            classified(&[(program, true), (kegiatan, false), (other, true)]),
            [Group, Item, Group]
        );
        // Everything bold (RS Jiwa's Tabel 11): bold tells nothing; the
        // "Program …" rows are still the groups over their kegiatan.
        assert_eq!(
            classified(&[(program, true), (kegiatan, true), (other, true)]),
            [Group, Item, Group]
        );
        // A bold series of years or revisions: all items, no group.
        let year: &[&str] = &["2023", "7.789.442.000"];
        let revision: &[&str] = &["Revisi I", "14.268.342.000"];
        assert_eq!(
            classified(&[(year, true), (revision, true), (revision, true)]),
            [Item, Item, Item]
        );
    }

    /// A grid whose cells are the drawing's own: (rows, columns, text).
    fn drawn(rows: usize, cols: usize, cells: &[(std::ops::Range<usize>, usize, &str)]) -> Grid {
        let mut g = Grid::from_rows(GridSource::Ruled, &[]);
        g.rows = rows;
        g.cols = cols;
        g.spans_known = true;
        g.header_rows = Some(1);
        g.cells = cells
            .iter()
            .map(|(r, c, t)| crate::extract::GridCell {
                rows: r.clone(),
                ..crate::extract::GridCell::single(r.start, *c, *t, false)
            })
            .collect();
        g.normalise();
        g
    }

    /// A grid whose cells are the drawing's own, some spanning columns:
    /// (rows, columns, text).
    fn drawn_across(
        rows: usize,
        cols: usize,
        cells: &[(Range<usize>, Range<usize>, &str)],
    ) -> Grid {
        let mut g = drawn(rows, cols, &[]);
        g.cells = cells
            .iter()
            .map(|(r, c, t)| crate::extract::GridCell {
                rows: r.clone(),
                cols: c.clone(),
                ..crate::extract::GridCell::single(r.start, c.start, *t, false)
            })
            .collect();
        g.normalise();
        g
    }

    #[test]
    fn a_labels_nested_levels_under_one_header_are_one_column() {
        let grid = drawn_across(
            5,
            5,
            &[
                (0..1, 0..1, "No"),
                (0..1, 1..4, "Uraian Kegiatan"),
                (0..1, 4..5, "Anggaran (Rp)"),
                (1..2, 0..1, "1"),
                (1..2, 1..4, "BELANJA LANGSUNG"),
                (2..3, 1..2, "1."),
                (2..3, 2..4, "Belanja Pegawai"),
                (2..3, 4..5, "2.908.120.000,00"),
                (3..4, 1..2, "2."),
                (3..4, 2..3, "Belanja Modal"),
                (3..4, 4..5, "188.480.994.550,00"),
                (4..5, 3..4, "JUMLAH"),
                (4..5, 4..5, "191.389.114.550,00"),
            ],
        );
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.columns, ["No", "Uraian Kegiatan", "Anggaran (Rp)"]);
        let texts: Vec<&str> = table
            .rows
            .iter()
            .map(|r| r.cells[1].text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "BELANJA LANGSUNG",
                "1. Belanja Pegawai",
                "2. Belanja Modal",
                "JUMLAH"
            ]
        );
        assert_eq!(table.rows[3].kind, RowKind::Total);
    }

    #[test]
    fn a_numbered_column_under_a_name_across_both_stays_a_column() {
        let grid = drawn_across(
            4,
            3,
            &[
                (0..1, 0..2, "Dukungan Program dan Kegiatan"),
                (0..1, 2..3, "Anggaran"),
                (1..2, 0..2, "Program Penataan Ruang"),
                (1..2, 2..3, "3.546.948.000,00"),
                (2..3, 0..1, "1"),
                (2..3, 1..2, "Penyusunan Naskah Akademis"),
                (2..3, 2..3, "456.640.000,00"),
                (3..4, 0..1, "2"),
                (3..4, 1..2, "METR Perencanaan Kawasan"),
                (3..4, 2..3, "927.635.000,00"),
            ],
        );
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(3), 0, 0);
        assert_eq!(table.columns.len(), 3, "{:?}", table.columns);
    }

    #[test]
    fn values_a_rule_splits_beside_merged_cells_are_one_row() {
        let grid = drawn(
            4,
            4,
            &[
                (0..1, 0, "No"),
                (0..1, 1, "Sasaran"),
                (0..1, 2, "Indikator"),
                (0..1, 3, "Target"),
                (1..4, 0, "2"),
                (1..4, 1, "Terwujudnya Pelayanan"),
                (1..4, 2, "Tingkat Sehat"),
                (1..2, 3, "Keuangan 10%"),
                (2..3, 3, "Pelayanan 30%"),
                (3..4, 3, "Mutu 35%"),
            ],
        );
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(2), 0, 0);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(
            table.rows[0].cells[3].text,
            "Keuangan 10% Pelayanan 30% Mutu 35%"
        );
    }

    #[test]
    fn a_list_a_rule_splits_beside_merged_cells_stays_rows() {
        let grid = drawn(
            4,
            3,
            &[
                (0..1, 0, "Sasaran"),
                (0..1, 1, "Capaian"),
                (0..1, 2, "Kegiatan"),
                (1..4, 0, "Meningkatnya kapasitas"),
                (1..4, 1, "150"),
                (1..2, 2, "1. Penataan Organisasi"),
                (2..3, 2, "2. Pembinaan OPD Tahun 2016"),
                (3..4, 2, "3. Evaluasi Jabatan"),
            ],
        );
        let table = build_table(&[(1, &grid)], None, Chapter::Bab(2), 0, 0);
        assert_eq!(table.rows.len(), 3);
    }
}
