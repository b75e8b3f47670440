//! The table model every reader fills. A table is a grid of cells, each
//! covering a range of grid rows and columns (a merged header cell covers
//! several), with its text lines top to bottom (a wrapped label has several,
//! a cell of stacked values too) and its box on the page. Readers know the
//! grid best — ruling lines, `<td colspan>`, tabs, aligned columns — so they
//! build it; `structure` reads it and never re-infers cells from flattened text.
//!
//! Each grid row is also one [`Line`](super::Line) of its page (cells joined by
//! tabs), so that line numbers, excerpts and text searches see table rows like
//! any other line; [`Line::table`](super::Line::table) points back at the grid.

use std::ops::Range;

use serde::Serialize;

use super::Span;

/// How a table's grid was found; says how far its cell extents can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GridSource {
    /// A PDF's drawn rules and cell rectangles: cell extents are exact.
    Ruled,
    /// Markup that delimits cells (HTML `<td>`, Markdown pipes, tabs): exact.
    Markup,
    /// Text aligned in columns without rules (PDF text, `pdftotext -layout`):
    /// columns come from shared positions, rows from the gaps between lines.
    Aligned,
}

/// One visual line of text inside a cell.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CellLine {
    pub text: String,
    /// Baseline of the line (page space, y down: points for PDFs, line index
    /// for text exports).
    pub y: f32,
}

/// A cell's box: left, top, right, bottom in page space (y down). Points for
/// PDFs, character columns and line indexes for text exports.
pub type CellBox = [f32; 4];

/// One cell as the source draws or marks it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct GridCell {
    /// Grid rows it covers (a cell merged downwards covers several).
    pub rows: Range<usize>,
    /// Grid columns it covers (a merged header cell covers several).
    pub cols: Range<usize>,
    /// The cell as an auditor reads it: its lines joined (a word or figure
    /// broken over two lines rejoined).
    pub text: String,
    /// Its lines top to bottom; several values stacked in one cell stay apart here.
    pub lines: Vec<CellLine>,
    pub bold: bool,
    /// Where it is on the page, when the reader knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<CellBox>,
    /// Font size of its text in points (0 when unknown).
    #[serde(skip)]
    pub font_size: f32,
}

impl GridCell {
    /// A cell of one row and column holding one line of text.
    pub fn single(row: usize, col: usize, text: impl Into<String>, bold: bool) -> Self {
        let text = text.into();
        GridCell {
            rows: row..row + 1,
            cols: col..col + 1,
            lines: if text.is_empty() {
                Vec::new()
            } else {
                vec![CellLine {
                    text: text.clone(),
                    y: row as f32,
                }]
            },
            text,
            bold,
            bbox: None,
            font_size: 0.0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A table as its reader found it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grid {
    pub source: GridSource,
    /// Number of grid rows and columns.
    pub rows: usize,
    pub cols: usize,
    /// The cells, ordered by (first row, first column); every grid position is
    /// covered by at most one cell (a position no cell covers is empty).
    pub cells: Vec<GridCell>,
    /// Leading rows the source marks as the header (`<th>`/`<thead>`, the row
    /// above a Markdown `|---|`), when it marks them; None when it does not say.
    pub header_rows: Option<usize>,
    /// `Line::number` (on this page) of the line showing each grid row.
    pub row_lines: Vec<u32>,
    /// This table continues the last table of the previous page (its repeated
    /// header, if any, already left out).
    pub continues: bool,
    /// Whether the cells' extents are the source's own (ruled, HTML spans); when
    /// not (tab rows, aligned text), a header cell's extent over empty
    /// neighbours is for `structure` to infer.
    pub spans_known: bool,
    /// Column boundaries when known (cols + 1 values, left to right).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub col_xs: Vec<f32>,
}

impl Grid {
    /// A grid of one cell per position from rows of texts (tabs, pipes): the
    /// widest row sets the number of columns.
    pub fn from_rows(source: GridSource, rows: &[Vec<(String, bool)>]) -> Grid {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, (text, bold)) in row.iter().enumerate() {
                cells.push(GridCell::single(r, c, text.clone(), *bold));
            }
        }
        Grid {
            source,
            rows: rows.len(),
            cols,
            cells,
            header_rows: None,
            row_lines: Vec::new(),
            continues: false,
            spans_known: false,
            col_xs: Vec::new(),
        }
    }

    /// The cell covering (row, col), if any.
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&GridCell> {
        // Cells are ordered by first row: only those starting at or above `row` can cover it.
        let upto = self.cells.partition_point(|c| c.rows.start <= row);
        self.cells[..upto]
            .iter()
            .rev()
            .find(|c| c.rows.contains(&row) && c.cols.contains(&col))
    }

    /// The cells whose first row is `row`, left to right.
    pub fn cells_starting_in(&self, row: usize) -> impl Iterator<Item = &GridCell> {
        let from = self.cells.partition_point(|c| c.rows.start < row);
        self.cells[from..]
            .iter()
            .take_while(move |c| c.rows.start == row)
    }

    /// The texts of a row, one per column; a position covered by a cell
    /// starting elsewhere (merged from the left or from above) is empty.
    pub fn row_texts(&self, row: usize) -> Vec<String> {
        let mut out = vec![String::new(); self.cols];
        for c in self.cells_starting_in(row) {
            if let Some(slot) = out.get_mut(c.cols.start) {
                slot.clone_from(&c.text);
            }
        }
        out
    }

    /// Sorts cells into (first row, first column) order and drops empty
    /// trailing rows' line numbers beyond the grid; readers call it when done.
    pub fn normalise(&mut self) {
        self.cells
            .sort_by_key(|c| (c.rows.start, c.cols.start, c.rows.end, c.cols.end));
        self.row_lines.truncate(self.rows);
    }

    /// Removes grid rows `range` (e.g. a header repeated after a page break):
    /// cells inside it go, cells reaching into it shrink, rows below move up.
    pub fn remove_rows(&mut self, range: Range<usize>) {
        let n = range.len();
        if n == 0 {
            return;
        }
        self.cells.retain_mut(|c| {
            let start = shift(c.rows.start, &range);
            let end = shift(c.rows.end, &range).max(start);
            c.rows = start..end;
            !c.rows.is_empty()
        });
        if range.start < self.row_lines.len() {
            let end = range.end.min(self.row_lines.len());
            self.row_lines.drain(range.start..end);
        }
        self.rows = self.rows.saturating_sub(n);
        self.header_rows = self.header_rows.map(|h| shift(h, &range).min(self.rows));
        self.normalise();
    }

    /// The spans of a row's line: one per cell starting in that row, at the cell's box.
    pub fn row_spans(&self, row: usize) -> Vec<Span> {
        self.cells_starting_in(row)
            .map(|c| Span {
                text: c.text.clone(),
                x: c.bbox
                    .map(|b| b[0])
                    .or_else(|| self.col_xs.get(c.cols.start).copied())
                    .unwrap_or(c.cols.start as f32),
                width: c.bbox.map(|b| b[2] - b[0]).unwrap_or(0.0),
                font_size: c.font_size,
                bold: c.bold,
            })
            .collect()
    }
}

/// Where index `i` lands once rows `removed` are gone.
fn shift(i: usize, removed: &Range<usize>) -> usize {
    if i <= removed.start {
        i
    } else if i >= removed.end {
        i - removed.len()
    } else {
        removed.start
    }
}

/// Where a table row is: the grid (index in its page's `tables`) and the row in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TableRow {
    pub table: usize,
    pub row: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        // NO | TARGET (2 cols)   | REALISASI
        //    | 2019 | 2020       |
        // 1  | 5    | 6          | 7
        let mut g = Grid::from_rows(GridSource::Markup, &[]);
        g.rows = 3;
        g.cols = 4;
        g.cells = vec![
            GridCell {
                rows: 0..2,
                ..GridCell::single(0, 0, "NO", false)
            },
            GridCell {
                cols: 1..3,
                ..GridCell::single(0, 1, "TARGET", false)
            },
            GridCell {
                rows: 0..2,
                ..GridCell::single(0, 3, "REALISASI", false)
            },
            GridCell::single(1, 1, "2019", false),
            GridCell::single(1, 2, "2020", false),
            GridCell::single(2, 0, "1", false),
            GridCell::single(2, 1, "5", false),
            GridCell::single(2, 2, "6", false),
            GridCell::single(2, 3, "7", false),
        ];
        g.row_lines = vec![10, 11, 12];
        g.normalise();
        g
    }

    #[test]
    fn merged_cells_cover_their_positions() {
        let g = grid();
        assert_eq!(g.cell_at(0, 2).map(|c| c.text.as_str()), Some("TARGET"));
        assert_eq!(g.cell_at(1, 0).map(|c| c.text.as_str()), Some("NO"));
        assert_eq!(g.cell_at(1, 3).map(|c| c.text.as_str()), Some("REALISASI"));
        assert_eq!(g.row_texts(0), vec!["NO", "TARGET", "", "REALISASI"]);
        assert_eq!(g.row_texts(1), vec!["", "2019", "2020", ""]);
    }

    #[test]
    fn removing_rows_shrinks_merged_cells() {
        let mut g = grid();
        g.remove_rows(1..2);
        assert_eq!(g.rows, 2);
        assert_eq!(g.row_lines, vec![10, 12]);
        assert_eq!(g.cell_at(0, 0).map(|c| c.rows.clone()), Some(0..1));
        assert_eq!(g.row_texts(1), vec!["1", "5", "6", "7"]);
    }
}
