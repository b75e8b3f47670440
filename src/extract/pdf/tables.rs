//! Ruled tables: the drawn lines and rectangles of a page make grids; the
//! glyphs inside each cell become that cell's text, and each ruled row one
//! `Delimited` line with a span per cell (empty cells included).

use super::content::{Glyph, Rule};
use super::layout::{TextLine, cell_text, rows, spans};
use crate::extract::{CellLine, CellMode, Grid, GridCell, GridSource, Span};

/// Rules closer than this (points) are one.
const SNAP: f32 = 2.0;
/// Grids read on one page, and rows in one grid.
const MAX_GRIDS: usize = 200;
const MAX_BANDS: usize = 2000;

#[derive(Debug, Clone)]
struct Lattice {
    /// Row boundaries, top to bottom.
    ys: Vec<f32>,
    /// Vertical rules of the grid.
    verticals: Vec<Rule>,
    x0: f32,
    x1: f32,
}

fn merge(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Rule> = Vec::new();
    for r in rules {
        if let Some(last) =
            out.iter_mut().rev().take(8).find(|l| {
                (l.at - r.at).abs() <= SNAP && r.from <= l.to + SNAP && r.to >= l.from - SNAP
            })
        {
            last.from = last.from.min(r.from);
            last.to = last.to.max(r.to);
            continue;
        }
        out.push(r);
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn grids(rules: &[Rule]) -> Vec<Lattice> {
    let hs = merge(rules.iter().filter(|r| r.horizontal).copied().collect());
    let vs = merge(rules.iter().filter(|r| !r.horizontal).copied().collect());
    if hs.len() < 2 || vs.len() < 2 || hs.len() * vs.len() > 4_000_000 {
        return Vec::new();
    }
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if v.at >= h.from - SNAP
                && v.at <= h.to + SNAP
                && h.at >= v.from - SNAP
                && h.at <= v.to + SNAP
            {
                let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = Default::default();
    for i in 0..n {
        let root = find(&mut parent, i);
        let entry = groups.entry(root).or_default();
        if i < hs.len() {
            entry.0.push(hs[i]);
        } else {
            entry.1.push(vs[i - hs.len()]);
        }
    }
    let mut out = Vec::new();
    for (_, (h, v)) in groups {
        if h.len() < 2 || v.len() < 2 {
            continue;
        }
        let mut ys: Vec<f32> = h.iter().map(|r| r.at).collect();
        ys.sort_by(f32::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() <= SNAP);
        let x0 = v.iter().map(|r| r.at).fold(f32::MAX, f32::min);
        let x1 = v.iter().map(|r| r.at).fold(f32::MIN, f32::max);
        if ys.len() < 2 || x1 - x0 < 10.0 {
            continue;
        }
        out.push(Lattice {
            ys,
            verticals: v,
            x0,
            x1,
        });
    }
    out
}

/// Cell boundaries (x) of the band between `top` and `bottom`.
fn separators(grid: &Lattice, top: f32, bottom: f32) -> Vec<f32> {
    let mid = (top + bottom) / 2.0;
    let mut xs: Vec<f32> = grid
        .verticals
        .iter()
        .filter(|r| r.from <= mid && r.to >= mid)
        .map(|r| r.at)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() <= SNAP);
    xs
}

/// A ruled table read from one page: its grid, and one line per grid row.
pub struct RuledTable {
    pub grid: Grid,
    /// The rows as lines (`table` is the table's index, counted over the document).
    pub lines: Vec<TextLine>,
}

/// Takes the glyphs inside ruled tables out of `glyphs` and returns each table
/// found, numbered after the `first_table` tables of earlier pages.
pub fn ruled_tables(
    glyphs: &mut Vec<Glyph>,
    rules: &[Rule],
    first_table: usize,
) -> Vec<RuledTable> {
    let mut out = Vec::new();
    let horizontals: Vec<Rule> = merge(rules.iter().filter(|r| r.horizontal).copied().collect());
    // A page drawing thousands of boxes is a chart or a pattern, not tables to read.
    for grid in grids(rules).into_iter().take(MAX_GRIDS) {
        if grid.ys.len() > MAX_BANDS {
            continue;
        }
        let (top, bottom) = match (grid.ys.first(), grid.ys.last()) {
            (Some(t), Some(b)) => (*t, *b),
            _ => continue,
        };
        // Cells of each band.
        let bands: Vec<(f32, f32, Vec<f32>)> = grid
            .ys
            .windows(2)
            .filter(|w| w[1] - w[0] > SNAP)
            .map(|w| (w[0], w[1], separators(&grid, w[0], w[1])))
            .collect();
        if !bands.iter().any(|b| b.2.len() >= 3) {
            continue; // a box around text, not a table
        }
        let mut cells: Vec<Vec<Vec<Glyph>>> = bands
            .iter()
            .map(|b| vec![Vec::new(); b.2.len().saturating_sub(1)])
            .collect();
        let mut rest = Vec::with_capacity(glyphs.len());
        let mut taken = 0usize;
        for g in glyphs.drain(..) {
            let cx = g.x + g.width / 2.0;
            let cy = g.y - g.size * 0.3;
            let mut placed = false;
            if g.dir == 0
                && cy > top
                && cy < bottom
                && cx > grid.x0
                && cx < grid.x1
                && let Some(bi) = bands.partition_point(|b| b.0 < cy).checked_sub(1)
                && bands.get(bi).is_some_and(|b| cy <= b.1)
                && let Some(ci) = bands.get(bi).and_then(|b| {
                    // Separators are sorted: the cell is the last one starting before cx.
                    let i = b.2.partition_point(|&x| x < cx).checked_sub(1)?;
                    (i + 1 < b.2.len()).then_some(i)
                })
                && let Some(cell) = cells.get_mut(bi).and_then(|r| r.get_mut(ci))
            {
                cell.push(g.clone());
                placed = true;
                taken += 1;
            }
            if !placed {
                rest.push(g);
            }
        }
        *glyphs = rest;
        if taken == 0 {
            continue;
        }
        // An empty band with one cell or two is padding, not a row (an empty
        // row with cells is still a row: a table's header may be empty).
        let kept: Vec<usize> = (0..bands.len())
            .filter(|&b| bands[b].2.len() >= 3 || cells[b].iter().any(|c| !c.is_empty()))
            .collect();
        let index = first_table + out.len();
        let mut lines = Vec::with_capacity(kept.len());
        for (row, &b) in kept.iter().enumerate() {
            let (_, bottom, xs) = &bands[b];
            let baseline = cells[b]
                .iter()
                .flatten()
                .map(|g| g.y)
                .fold(f32::MAX, f32::min);
            let baseline = if baseline == f32::MAX {
                bottom - SNAP
            } else {
                baseline
            };
            let spans: Vec<Span> = cells[b]
                .iter()
                .zip(xs.windows(2))
                .map(|(glyphs, w)| {
                    let (text, size, bold) = cell_text(glyphs.clone(), Some(w[1]));
                    Span {
                        text,
                        x: w[0],
                        width: w[1] - w[0],
                        font_size: size,
                        bold,
                    }
                })
                .collect();
            lines.push(TextLine {
                y: baseline,
                spans,
                cells: CellMode::Delimited,
                table: Some(index),
                row,
                raw: Vec::new(),
            });
        }
        let grid = ruled_grid(&bands, cells, &kept, &horizontals);
        out.push(RuledTable { grid, lines });
    }
    out
}

/// The grid of a ruled table: columns at every separator any band has, a
/// band's cell covering the columns between its own separators, and a cell
/// merged with the one below when no rule separates them.
fn ruled_grid(
    bands: &[(f32, f32, Vec<f32>)],
    mut cells: Vec<Vec<Vec<Glyph>>>,
    kept: &[usize],
    horizontals: &[Rule],
) -> Grid {
    let mut xs: Vec<f32> = kept
        .iter()
        .flat_map(|&b| bands[b].2.iter().copied())
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() <= SNAP);
    let column = |x: f32| {
        xs.iter()
            .position(|&c| (c - x).abs() <= SNAP)
            .unwrap_or_else(|| xs.partition_point(|&c| c < x))
    };
    // Slots: (first kept band, last kept band, left x, right x, glyphs).
    struct Slot {
        first: usize,
        last: usize,
        left: f32,
        right: f32,
        glyphs: Vec<Glyph>,
    }
    let mut slots: Vec<Slot> = Vec::new();
    // The slot each (kept row, left x) is in, to merge downwards.
    let mut open: Vec<(f32, f32, usize)> = Vec::new(); // (left, right, slot) of the row above
    for (row, &b) in kept.iter().enumerate() {
        let (band_top, _, seps) = &bands[b];
        let mut next_open = Vec::new();
        for (k, w) in seps.windows(2).enumerate() {
            let (left, right) = (w[0], w[1]);
            let glyphs = cells
                .get_mut(b)
                .and_then(|r| r.get_mut(k))
                .map(std::mem::take)
                .unwrap_or_default();
            let mid = (left + right) / 2.0;
            let ruled_above = horizontals.iter().any(|h| {
                (h.at - band_top).abs() <= SNAP && h.from <= mid + SNAP && h.to >= mid - SNAP
            });
            let above = open
                .iter()
                .find(|(l, r, _)| (l - left).abs() <= SNAP && (r - right).abs() <= SNAP);
            match above {
                Some(&(_, _, slot)) if !ruled_above && row > 0 => {
                    slots[slot].last = row;
                    slots[slot].glyphs.extend(glyphs);
                    next_open.push((left, right, slot));
                }
                _ => {
                    slots.push(Slot {
                        first: row,
                        last: row,
                        left,
                        right,
                        glyphs,
                    });
                    next_open.push((left, right, slots.len() - 1));
                }
            }
        }
        open = next_open;
    }
    let mut grid = Grid::from_rows(GridSource::Ruled, &[]);
    grid.spans_known = true;
    grid.rows = kept.len();
    grid.cols = xs.len().saturating_sub(1);
    for slot in slots {
        let (first_col, last_col) = (column(slot.left), column(slot.right));
        if last_col <= first_col {
            continue;
        }
        let top = bands[kept[slot.first]].0;
        let bottom = bands[kept[slot.last]].1;
        let lines: Vec<CellLine> = rows(slot.glyphs.clone())
            .into_iter()
            .map(|(y, row)| CellLine {
                text: spans(&row)
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                y,
            })
            .collect();
        let (text, font_size, bold) = cell_text(slot.glyphs, Some(slot.right));
        grid.cells.push(GridCell {
            rows: slot.first..slot.last + 1,
            cols: first_col..last_col,
            text,
            lines,
            bold,
            bbox: Some([slot.left, top, slot.right, bottom]),
            font_size,
        });
    }
    grid.col_xs = xs;
    grid.normalise();
    grid
}
