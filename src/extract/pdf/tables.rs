//! Ruled tables: the drawn lines and rectangles of a page make grids; the
//! glyphs inside each cell become that cell's text, and each ruled row one
//! `Delimited` line with a span per cell (empty cells included).

use std::cell::OnceCell;

use super::content::{Glyph, Rule};
use super::layout::{
    TextLine, cell_lines, cell_text, ends_broken_figure, is_currency_mark, joins_without_space,
    rows, spans, text_of_lines, word_runs,
};
use crate::extract::blocks::is_figure_text;
use crate::extract::{CellLine, CellMode, Grid, GridCell, GridSource, Span};

/// Rules closer than this (points) are one.
const SNAP: f32 = 2.0;
/// Word's "cell spacing" draws every cell as a box of its own, a gap of two
/// or three points from its neighbours: two parallel rules this close, and
/// rules ending this close to each other, are one boundary. No row or column
/// this narrow holds text.
const SPACING: f32 = 3.0;
/// Column rules of one table this close, never both in one row, are one
/// edge drawn off in some rows (points).
const MISALIGNED: f32 = 10.0;
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
        if let Some(last) = out.iter_mut().rev().take(8).find(|l| {
            (l.at - r.at).abs() <= SPACING && r.from <= l.to + SPACING && r.to >= l.from - SPACING
        }) {
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
            if v.at >= h.from - SPACING
                && v.at <= h.to + SPACING
                && h.at >= v.from - SPACING
                && h.at <= v.to + SPACING
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
        // A table cut by a page break may have no rule at its open end: its
        // column rules still bound the last (or first) band.
        let v_top = v.iter().map(|r| r.from).fold(f32::MAX, f32::min);
        let v_bottom = v.iter().map(|r| r.to).fold(f32::MIN, f32::max);
        ys.push(v_top);
        ys.push(v_bottom);
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

/// Rows of a table ruled between rows must break at the same x before it is
/// a column boundary.
const MIN_BREAKS: usize = 3;
/// The narrowest cell a row's rule borders (points): shorter pieces are a
/// dashed line.
const MIN_CELL: f32 = 6.0;
/// Rules of one table this far apart with no rule between (points) are two
/// tables, the text between them no row.
const TABLES_APART: f32 = 100.0;

/// Column boundaries of a table ruled between its rows with few column
/// rules or none: Word draws each cell's bottom border as a segment of its
/// own, so where no vertical rule is drawn the rows' rules still break at the
/// column edges, every row at the same x. A break shared by three rules or
/// more, and by most rules running over that x, is a vertical rule from the
/// first of them to the last. Where the table draws column rules for half as
/// many columns as it leaves out or more, a break without one is a border left out on
/// purpose (an "Rp" cell beside its amount), not a column: breaks count only
/// in a sparsely ruled table (no column rule, or one after the "No" column
/// and the rest aligned text). A tick a few points long inside a cell is no
/// column rule: one reaches from a row's rule to another's. A table without a
/// drawn frame gets one at the ends of its rows' rules, so its first and last
/// columns are cells too.
fn implied_columns(rules: &[Rule], words: &[(f32, f32, f32)]) -> Vec<Rule> {
    implied_columns_with(rules, || words)
}

/// `implied_columns`, with the page's words given when first needed (few
/// pages need them, and finding them means laying out the whole page).
fn implied_columns_with<'w>(
    rules: &[Rule],
    words: impl Fn() -> &'w [(f32, f32, f32)],
) -> Vec<Rule> {
    let drawn: Vec<Rule> = rules.iter().filter(|r| !r.horizontal).copied().collect();
    let mut rows: Vec<Rule> = rules.iter().filter(|r| r.horizontal).copied().collect();
    if rows.len() < MIN_BREAKS * 2 || rows.len() > 20_000 {
        return Vec::new();
    }
    rows.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    // One entry per drawn row rule: its y and the x where its segments break.
    let mut breaks: Vec<(f32, f32)> = Vec::new();
    // Every merged row rule, to count the rules running over an x.
    let mut spans: Vec<(f32, f32, f32)> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i + 1;
        let (mut lo, mut hi) = (rows[i].from, rows[i].to);
        // Where the piece of rule ending at `hi` starts.
        let mut piece = rows[i].from;
        while j < rows.len() && (rows[j].at - rows[i].at).abs() <= SNAP {
            let r = rows[j];
            // Segments end to end: a gap of at most SNAP (or a small overlap),
            // each long enough to border a cell (a dashed line is no row of cells).
            if r.from >= hi - SNAP
                && r.from <= hi + SNAP
                && hi - piece >= MIN_CELL
                && r.to - r.from >= MIN_CELL
            {
                breaks.push((rows[i].at, (hi + r.from) / 2.0));
            }
            if r.from >= hi - SNAP {
                piece = r.from;
            }
            lo = lo.min(r.from);
            hi = hi.max(r.to);
            j += 1;
        }
        spans.push((rows[i].at, lo, hi));
        i = j;
    }
    breaks.sort_by(|a, b| a.1.total_cmp(&b.1));
    // A drawn column rule: from one row's rule to another's (or to a few
    // points from them: Word's cell spacing).
    let column_rule = |d: &Rule| {
        let mut reached = spans.iter().filter(|(y, lo, hi)| {
            *y >= d.from - SPACING
                && *y <= d.to + SPACING
                && *lo <= d.at + SPACING
                && *hi >= d.at - SPACING
        });
        reached
            .next()
            .is_some_and(|first| reached.any(|s| s.0 - first.0 > SNAP))
    };
    let column_rules: Vec<Rule> = drawn.iter().filter(|d| column_rule(d)).copied().collect();
    // Breaks at one x, cut where a rule runs over x unbroken and no rule
    // runs over it for a long way (the text between two tables of one page
    // with a column edge at one x; never a tall row of one table).
    let mut runs: Vec<Vec<(f32, f32)>> = Vec::new();
    let mut k = 0;
    while k < breaks.len() {
        let mut end = k + 1;
        while end < breaks.len() && breaks[end].1 - breaks[k].1 <= SNAP {
            end += 1;
        }
        let mut group = breaks[k..end].to_vec();
        k = end;
        group.sort_by(|a, b| a.0.total_cmp(&b.0));
        let x = group.iter().map(|b| b.1).sum::<f32>() / group.len() as f32;
        let over: Vec<f32> = spans
            .iter()
            .filter(|(_, lo, hi)| *lo < x - SNAP && *hi > x + SNAP)
            .map(|s| s.0)
            .collect();
        let mut run: Vec<(f32, f32)> = Vec::new();
        for b in group {
            let apart = run.last().is_some_and(|last| {
                let mut ys: Vec<f32> = over
                    .iter()
                    .copied()
                    .filter(|y| *y > last.0 + SNAP && *y < b.0 - SNAP)
                    .collect();
                ys.push(last.0);
                ys.push(b.0);
                ys.sort_by(f32::total_cmp);
                let unbroken = ys.len() > 2;
                unbroken && ys.windows(2).any(|w| w[1] - w[0] > TABLES_APART)
            });
            if apart {
                runs.push(std::mem::take(&mut run));
            }
            run.push(b);
        }
        runs.push(run);
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    for group in &runs {
        let x = group.iter().map(|b| b.1).sum::<f32>() / group.len() as f32;
        let (top, bottom) = group
            .iter()
            .fold((f32::MAX, f32::MIN), |(t, b), g| (t.min(g.0), b.max(g.0)));
        // A rule that starts or stops at x (a row's rule under the cells
        // right of a cell merged downwards) does not run over it.
        let crossing: Vec<&(f32, f32, f32)> = spans
            .iter()
            .filter(|(y, lo, hi)| {
                *y >= top - SNAP && *y <= bottom + SNAP && *lo < x - SNAP && *hi > x + SNAP
            })
            .collect();
        if group.len() < MIN_BREAKS || group.len() * 2 <= crossing.len() {
            continue;
        }
        // The text's own gutter: words run over x in fewer than half the
        // rows between the rules (a merged cell's total label may).
        let mut ys: Vec<f32> = crossing.iter().map(|s| s.0).collect();
        ys.dedup_by(|a, b| (*a - *b).abs() <= SNAP);
        let rows_between = ys.windows(2).count();
        let run_over = ys
            .windows(2)
            .filter(|w| {
                words()
                    .iter()
                    .any(|&(a, b, y)| y > w[0] && y < w[1] && a < x - 1.0 && b > x + 1.0)
            })
            .count();
        if run_over * 2 >= rows_between.max(1) {
            continue;
        }
        let (lo, hi) = crossing
            .iter()
            .fold((f32::MAX, f32::MIN), |(l, h), s| (l.min(s.1), h.max(s.2)));
        // Over the whole table (every rule of the same width), not only the
        // rows that break here: a header that draws a column rule draws them.
        let (table_top, table_bottom) = spans
            .iter()
            .filter(|s| (s.1 - lo).abs() <= SNAP * 2.0 && (s.2 - hi).abs() <= SNAP * 2.0)
            .fold((top, bottom), |(t, b), s| (t.min(s.0), b.max(s.0)));
        let drawn_at = column_rules
            .iter()
            .any(|d| (d.at - x).abs() <= SNAP * 2.0 && d.from < bottom - SNAP && d.to > top + SNAP);
        candidates.push(Candidate {
            x,
            top,
            bottom,
            lo,
            hi,
            table_top,
            table_bottom,
            drawn_at,
        });
    }
    let mut out = Vec::new();
    // Frames added, by their table's ends.
    let mut framed_tables: Vec<(f32, f32)> = Vec::new();
    for c in candidates.iter().filter(|c| !c.drawn_at) {
        let same_table =
            |o: &&Candidate| (o.lo - c.lo).abs() <= SNAP * 2.0 && (o.hi - c.hi).abs() <= SNAP * 2.0;
        let left_out = candidates
            .iter()
            .filter(same_table)
            .filter(|o| !o.drawn_at)
            .count();
        let mut drawn_xs: Vec<f32> = column_rules
            .iter()
            .filter(|d| {
                d.at > c.lo + SNAP * 2.0
                    && d.at < c.hi - SNAP * 2.0
                    && d.from < c.table_bottom - SNAP
                    && d.to > c.table_top + SNAP
            })
            .map(|d| d.at)
            .collect();
        drawn_xs.sort_by(f32::total_cmp);
        drawn_xs.dedup_by(|a, b| (*a - *b).abs() <= SNAP * 2.0);
        if drawn_xs.len() * 2 >= left_out {
            continue;
        }
        out.push(Rule {
            horizontal: false,
            at: c.x,
            from: c.top,
            to: c.bottom,
        });
        // A frame drawn at both ends, or one added at the ends of its rules.
        // A side drawn along the header only (a header box over rows
        // without column rules) frames the header, not the rows: the side
        // must run along most of the rows breaking at x.
        let framed = |edge: f32| {
            let along: f32 = drawn
                .iter()
                .filter(|d| (d.at - edge).abs() <= SNAP * 2.0)
                .map(|d| (d.to.min(c.bottom) - d.from.max(c.top)).max(0.0))
                .sum();
            along >= (c.bottom - c.top) * 0.9
        };
        let known = framed_tables
            .iter()
            .any(|&(l, h)| (l - c.lo).abs() <= SNAP * 2.0 && (h - c.hi).abs() <= SNAP * 2.0);
        if !known {
            framed_tables.push((c.lo, c.hi));
            for edge in [c.lo, c.hi] {
                if !framed(edge) {
                    out.push(Rule {
                        horizontal: false,
                        at: edge,
                        from: c.table_top,
                        to: c.table_bottom,
                    });
                }
            }
        }
    }
    out
}

/// A column edge the rows' rules imply: where they break, from the first
/// rule breaking there to the last, the ends of the rules running over it
/// and of their table, and whether a column rule is drawn there.
struct Candidate {
    x: f32,
    top: f32,
    bottom: f32,
    lo: f32,
    hi: f32,
    table_top: f32,
    table_bottom: f32,
    drawn_at: bool,
}

/// Cell boundaries (x) of the band between `top` and `bottom`: where vertical
/// rules run (nearly) from its top to its bottom, those within `SNAP` of each
/// other one edge (a column rule drawn row by row, a point off in some rows).
/// A box drawn inside a cell (a formula framed under its text, running over
/// into the next column) stands in part of the band only: its sides are no
/// column edges.
fn separators(grid: &Lattice, top: f32, bottom: f32) -> Vec<f32> {
    let slack = SNAP.max((bottom - top) * 0.25);
    let mut pieces: Vec<&Rule> = grid
        .verticals
        .iter()
        .filter(|r| r.to > top + SNAP && r.from < bottom - SNAP)
        .collect();
    pieces.sort_by(|a, b| a.at.total_cmp(&b.at));
    pieces
        .chunk_by(|a, b| b.at - a.at <= SNAP)
        .filter(|edge| {
            let from = edge.iter().map(|r| r.from).fold(f32::MAX, f32::min);
            let to = edge.iter().map(|r| r.to).fold(f32::MIN, f32::max);
            from <= top + slack && to >= bottom - slack
        })
        .map(|edge| edge[0].at)
        .collect()
}

/// A band's separators without the inner ones only the rows' rules imply
/// that a word of the band runs over: a cell merged across that column (a
/// total's label over the "No" column and the name beside it).
/// Whether `unless_run_over` looks at the page's words for this band: an
/// inner separator only an implied column gives.
fn run_over_asked(seps: &[f32], (top, bottom): (f32, f32), implied: &[Rule]) -> bool {
    let n = seps.len();
    seps.iter().enumerate().any(|(i, &x)| {
        i > 0
            && i + 1 < n
            && implied
                .iter()
                .any(|r| (r.at - x).abs() <= SNAP && r.from < bottom && r.to > top)
    })
}

fn unless_run_over(
    seps: Vec<f32>,
    (top, bottom): (f32, f32),
    implied: &[Rule],
    words: &[(f32, f32, f32)],
) -> Vec<f32> {
    let n = seps.len();
    seps.into_iter()
        .enumerate()
        .filter(|&(i, x)| {
            let inner = i > 0 && i + 1 < n;
            let only_implied = implied
                .iter()
                .any(|r| (r.at - x).abs() <= SNAP && r.from < bottom && r.to > top);
            !(inner
                && only_implied
                && words
                    .iter()
                    .any(|&(a, b, y)| y > top && y < bottom && a < x - 1.0 && b > x + 1.0))
        })
        .map(|(_, x)| x)
        .collect()
}

/// Shared edges of two cell boxes this close (points) line up.
const TILED: f32 = 1.5;
/// More filled boxes than this on a page are a chart or a pattern.
const MAX_FILLS: usize = 3000;
/// The narrowest cell box (points): Word fills a cell's padding as strips
/// about 5 points wide beside the box of its text, which hold no text.
const MIN_BOX: f32 = 8.0;

/// The edges of cells drawn only as filled boxes: Word shades each cell of a
/// table as a box of its own, and a table without borders shows its cells
/// only so. A box is a cell when boxes tile with it: one beside it whose
/// shared side lines up (its top or bottom level with this one's) and, in
/// the same tiling, one above or below whose shared side lines up (its left
/// or right edge with this one's), so the tiling has two columns and two
/// rows. A box inside a larger one is a piece of that box's shading (Word
/// fills around a cell's padding, line by line), no cell, nor is a strip
/// of padding beside the box of a cell's text; stacked pieces
/// alone, a paragraph shaded line by line, or boxes side by side in one row
/// (a banner) tile no table.
pub fn cell_boxes(fills: &[[f32; 4]]) -> Vec<[f32; 4]> {
    if fills.len() > MAX_FILLS {
        return Vec::new();
    }
    let area = |b: &[f32; 4]| (b[2] - b[0]) * (b[3] - b[1]);
    let within = |a: &[f32; 4], b: &[f32; 4]| {
        a[0] >= b[0] - 0.5 && a[1] >= b[1] - 0.5 && a[2] <= b[2] + 0.5 && a[3] <= b[3] + 0.5
    };
    let boxes: Vec<[f32; 4]> = fills
        .iter()
        .enumerate()
        .filter(|(_, a)| a[2] - a[0] >= MIN_BOX && a[3] - a[1] >= MIN_BOX)
        .filter(|&(i, a)| {
            !fills.iter().enumerate().any(|(j, b)| {
                j != i && within(a, b) && (area(b) > area(a) + 1.0 || (within(b, a) && j < i))
            })
        })
        .map(|(_, a)| *a)
        .collect();
    let overlap =
        |a0: f32, a1: f32, b0: f32, b1: f32| a1.min(b1) - a0.max(b0) > 0.5 * (a1 - a0).min(b1 - b0);
    // Side by side: b starts where a ends, level at the top or the bottom.
    let beside = |a: &[f32; 4], b: &[f32; 4]| {
        (b[0] - a[2]).abs() <= TILED
            && overlap(a[1], a[3], b[1], b[3])
            && ((a[1] - b[1]).abs() <= TILED || (a[3] - b[3]).abs() <= TILED)
    };
    // Stacked: b starts where a ends downwards, one side in line.
    let under = |a: &[f32; 4], b: &[f32; 4]| {
        (b[1] - a[3]).abs() <= TILED
            && overlap(a[0], a[2], b[0], b[2])
            && ((a[0] - b[0]).abs() <= TILED || (a[2] - b[2]).abs() <= TILED)
    };
    let n = boxes.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut sides = vec![false; n];
    let mut stacks = vec![false; n];
    for i in 0..n {
        for j in 0..n {
            let (a, b) = (&boxes[i], &boxes[j]);
            let (side, stack) = (beside(a, b), under(a, b));
            if side || stack {
                let (x, y) = (find(&mut parent, i), find(&mut parent, j));
                if x != y {
                    parent[x] = y;
                }
                sides[i] |= side;
                sides[j] |= side;
                stacks[i] |= stack;
                stacks[j] |= stack;
            }
        }
    }
    // Per tiling (by its root): a pair side by side, a pair stacked.
    let mut tiled = vec![(false, false); n];
    for i in 0..n {
        let t = &mut tiled[find(&mut parent, i)];
        t.0 |= sides[i];
        t.1 |= stacks[i];
    }
    let mut out = Vec::new();
    for (i, b) in boxes.iter().enumerate() {
        if (sides[i] || stacks[i]) && tiled[find(&mut parent, i)] == (true, true) {
            out.push(*b);
        }
    }
    out
}

/// The sides of the cell boxes no ruled table of `lattices` already holds:
/// where stroked rules draw the table, its shading says nothing more, but
/// for a row the rules leave out: a shaded cell ending inside a band, well
/// apart from its rules, between two of its column edges, beside a cell
/// merged down past its end, over a cell left white, with body text on
/// either side of its end (two indicators of one sasaran in one band, the
/// first shaded), ends its row there.
fn box_sides(boxes: &[[f32; 4]], lattices: &[Lattice], glyphs: &[Glyph]) -> Vec<Rule> {
    let holder = |b: &[f32; 4]| {
        let (x, y) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
        lattices.iter().find(|l| {
            let (top, bottom) = (l.ys.first().copied(), l.ys.last().copied());
            x > l.x0 && x < l.x1 && top.is_some_and(|t| y > t) && bottom.is_some_and(|b| y < b)
        })
    };
    let mut out = Vec::new();
    for b in boxes {
        let Some(l) = holder(b) else {
            continue;
        };
        let edge = |x: f32, y: f32| {
            l.verticals
                .iter()
                .any(|v| (v.at - x).abs() <= SPACING && v.from < y && v.to > y)
        };
        // Body text (a header's titles and labels are set bold) between x0
        // and x1 with its middle between y0 and y1.
        let text = |y0: f32, y1: f32| {
            let inside = glyphs.iter().filter(|g| {
                let (x, y) = (g.x + g.width / 2.0, g.y - g.size * 0.3);
                g.dir == 0 && !g.is_blank() && x > b[0] && x < b[2] && y > y0 && y < y1
            });
            let (mut any, mut bold) = (false, false);
            for g in inside {
                any = true;
                bold |= g.bold;
            }
            any && !bold
        };
        for side in [b[1], b[3]] {
            let Some(band) = l.ys.windows(2).find(|w| side > w[0] && side < w[1]) else {
                continue;
            };
            // The next row's cell is left white: a box on the far side (a
            // header's title over its labels, "Realisasi" over "Keuangan" and
            // "Fisik", or "Target" over "2016", all shaded) is the header's
            // own rows, which the header readers take apart.
            let beyond = boxes.iter().any(|o| {
                let across = if side == b[3] { o[1] } else { o[3] };
                (across - side).abs() <= TILED && o[2].min(b[2]) - o[0].max(b[0]) > SPACING
            });
            // A row of the table ends beside a cell merged down over it: a
            // box beside this one runs on past its end (a whole row of boxes
            // ending together is a header's rows, or one shaded row).
            let merged_beside = boxes.iter().any(|o| {
                ((o[0] - b[2]).abs() <= TILED || (o[2] - b[0]).abs() <= TILED)
                    && o[1] < side - MIN_CELL
                    && o[3] > side + MIN_CELL
            });
            if !beyond
                && merged_beside
                && side - band[0] > MIN_CELL
                && band[1] - side > MIN_CELL
                && edge(b[0], side)
                && edge(b[2], side)
                && text(band[0], side)
                && text(side, band[1])
            {
                out.push(Rule {
                    horizontal: true,
                    at: side,
                    from: b[0],
                    to: b[2],
                });
            }
        }
    }
    for b in boxes.iter().filter(|b| holder(b).is_none()) {
        for (horizontal, at, from, to) in [
            (true, b[1], b[0], b[2]),
            (true, b[3], b[0], b[2]),
            (false, b[0], b[1], b[3]),
            (false, b[2], b[1], b[3]),
        ] {
            out.push(Rule {
                horizontal,
                at,
                from,
                to,
            });
        }
    }
    out
}

/// A dash drawn, not typed: a short flat bar (a filled box, a line or an
/// image squeezed flat) at the middle height of a line of text, set between
/// two of its letters or figures a space or so apart ("75,00 ▬ 89,99", the
/// range of a scale's step), is that text's "–", never a rule. Longer bars,
/// or bars touching another rule, stay rules.
pub fn drawn_dashes(glyphs: &mut Vec<Glyph>, rules: &mut Vec<Rule>) {
    let short = |r: &Rule| r.horizontal && r.to - r.from < 12.0;
    // A page of hundreds of short bars is a chart or a pattern.
    let count = rules.iter().filter(|r| short(r)).count();
    if count == 0 || count > 200 {
        return;
    }
    let mut dashes: Vec<Glyph> = Vec::new();
    let mut kept: Vec<Rule> = Vec::with_capacity(rules.len());
    let verticals: Vec<Rule> = rules.iter().filter(|o| !o.horizontal).copied().collect();
    for r in rules.drain(..) {
        let touches_a_vertical = || {
            verticals.iter().any(|o| {
                o.at >= r.from - SPACING
                    && o.at <= r.to + SPACING
                    && r.at >= o.from - SPACING
                    && r.at <= o.to + SPACING
            })
        };
        let dash = (short(&r) && !touches_a_vertical())
            .then(|| drawn_dash(glyphs, &r))
            .flatten();
        match dash {
            Some(g) => dashes.push(g),
            None => kept.push(r),
        }
    }
    *rules = kept;
    glyphs.extend(dashes);
}

/// The dash glyph bar `r` stands for, when a letter or figure ends just left
/// of it and another starts just right, on one baseline, the bar at their
/// middle height and no longer than a dash of their size.
fn drawn_dash(glyphs: &[Glyph], r: &Rule) -> Option<Glyph> {
    let inked = |g: &&Glyph| g.dir == 0 && g.text.chars().any(char::is_alphanumeric);
    // The nearest on each side.
    let left = glyphs.iter().filter(inked).filter(|g| {
        let end = g.x + g.width;
        end <= r.from + 0.5
            && end >= r.from - 0.8 * g.size
            && r.at <= g.y - 0.1 * g.size
            && r.at >= g.y - 0.6 * g.size
            && r.to - r.from <= 1.2 * g.size
            && r.to - r.from >= 0.2 * g.size
    });
    let left = left.max_by(|a, b| (a.x + a.width).total_cmp(&(b.x + b.width)))?;
    let right = glyphs.iter().filter(inked).filter(|g| {
        (g.y - left.y).abs() <= 0.2 * left.size
            && (g.size - left.size).abs() <= 0.2 * left.size
            && g.x >= r.to - 0.5
            && g.x <= r.to + 0.8 * left.size
    });
    let right = right.min_by(|a, b| a.x.total_cmp(&b.x))?;
    // A bar over a letter strikes it out.
    let struck = glyphs.iter().filter(inked).any(|g| {
        let middle = g.x + g.width / 2.0;
        (g.y - left.y).abs() <= 0.2 * left.size && middle > r.from && middle < r.to
    });
    if struck {
        return None;
    }
    // Set close to a word between words, it is a hyphen: "pusat-pusat" (a
    // space before it kept, "indikator -indikator"); between figures, or
    // apart on both sides, a dash ("2013 – 2018").
    let close = 0.1 * left.size;
    let glued_left = r.from - (left.x + left.width) <= close;
    let words = [left.text.chars().last(), right.text.chars().next()]
        .iter()
        .all(|c| c.is_some_and(char::is_alphabetic));
    let hyphen = words && (glued_left || right.x - r.to <= close);
    Some(Glyph {
        text: if hyphen { "-" } else { "–" }.into(),
        x: r.from,
        width: r.to - r.from,
        space_before: !(hyphen && glued_left),
        glue: false,
        ..left.clone()
    })
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
    boxes: &[[f32; 4]],
    first_table: usize,
) -> Vec<RuledTable> {
    let mut out = Vec::new();
    let mut rules = rules.to_vec();
    // Cells shown only by their shaded boxes, where no drawn table holds them.
    if !boxes.is_empty() {
        let mut drawn = rules.clone();
        drawn.extend(implied_columns(&rules, &[]));
        let sides = box_sides(boxes, &grids(&drawn), glyphs);
        rules.extend(sides);
    }
    let horizontals: Vec<Rule> = merge(rules.iter().filter(|r| r.horizontal).copied().collect());
    // Words of the page (left, right, middle height), to tell where text
    // runs over an implied column edge: a cell merged across it. Found only
    // when a test needs them, always from the page's glyphs as they are
    // here, before any table takes its own.
    let words = OnceCell::new();
    let with_words = horizontals.len() >= MIN_BREAKS * 2;
    let implied = implied_columns_with(&rules, || page_words(&words, glyphs, with_words));
    rules.extend(implied.iter().copied());
    // A page drawing thousands of boxes is a chart or a pattern, not tables to read.
    let lattices: Vec<(Lattice, Vec<Band>)> = grids(&rules)
        .into_iter()
        .take(MAX_GRIDS)
        .filter(|grid| grid.ys.len() <= MAX_BANDS)
        .map(|grid| {
            // Cells of each band.
            let bands = grid
                .ys
                .windows(2)
                .filter(|w| w[1] - w[0] > SNAP)
                .map(|w| (w[0], w[1], separators(&grid, w[0], w[1])))
                .collect();
            (grid, bands)
        })
        .collect();
    if lattices.iter().any(|(_, bands)| {
        bands
            .iter()
            .any(|(top, bottom, seps)| run_over_asked(seps, (*top, *bottom), &implied))
    }) {
        page_words(&words, glyphs, with_words);
    }
    let words = words.get().map_or(&[][..], Vec::as_slice);
    // The page's glyphs by word, found once when a table is first read;
    // each table then takes its words out.
    let mut placed: Option<Vec<PlacedGlyph>> = None;
    for (grid, bands) in lattices {
        let bands: Vec<Band> = bands
            .into_iter()
            .map(|(top, bottom, seps)| {
                let seps = unless_run_over(seps, (top, bottom), &implied, words);
                (top, bottom, seps)
            })
            .collect();
        for part in tables_of(bands) {
            let index = first_table + out.len();
            if let Some(table) = read_cells(glyphs, &mut placed, &part, &grid, &horizontals, index)
            {
                out.push(table);
            }
        }
    }
    if let Some(placed) = placed {
        *glyphs = placed.into_iter().map(|(_, g)| g).collect();
    }
    out
}

/// A glyph with where its word stands: the word's middle and its first
/// glyph's baseline, raised by a third of its size.
type PlacedGlyph = ((f32, f32), Glyph);

/// The glyphs in reading order, each placed by its word (see `read_cells`).
fn placed_by_word(glyphs: Vec<Glyph>) -> Vec<PlacedGlyph> {
    let mut out = Vec::with_capacity(glyphs.len());
    for (_, row) in rows(glyphs) {
        for run in word_runs(&row) {
            let at = match (run.first(), run.last()) {
                (Some(a), Some(b)) => ((a.x + b.x + b.width) / 2.0, a.y - a.size * 0.3),
                _ => (0.0, 0.0),
            };
            out.extend(run.iter().map(|g| (at, g.clone())));
        }
    }
    out
}

/// The page's words (see `ruled_tables`), found once; none without enough
/// row rules for a column to be implied.
fn page_words<'c>(
    cell: &'c OnceCell<Vec<(f32, f32, f32)>>,
    glyphs: &[Glyph],
    with_words: bool,
) -> &'c [(f32, f32, f32)] {
    cell.get_or_init(|| {
        if !with_words {
            return Vec::new();
        }
        rows(glyphs.iter().filter(|g| g.dir == 0).cloned().collect())
            .iter()
            .flat_map(|(_, row)| {
                word_runs(row)
                    .into_iter()
                    .filter_map(|run| {
                        let (a, b) = (run.first()?, run.last()?);
                        (!a.is_blank()).then_some((a.x, b.x + b.width, a.y - a.size * 0.3))
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    })
    .as_slice()
}

/// A band between two horizontal rules: top, bottom, the x of each vertical
/// rule crossing it (its cells' edges).
type Band = (f32, f32, Vec<f32>);

/// The tables a lattice's bands make: usually one, but a box drawn against a
/// table (a legend under it, a title box over it) whose inner column rules
/// continue none of the table's is a table of its own.
fn tables_of(bands: Vec<Band>) -> Vec<Vec<Band>> {
    let inner = |b: &Band| -> Vec<f32> {
        let n = b.2.len();
        b.2.iter()
            .skip(1)
            .take(n.saturating_sub(2))
            .copied()
            .collect()
    };
    let mut out: Vec<Vec<Band>> = Vec::new();
    // Inner column rules of the table being built.
    let mut columns: Vec<f32> = Vec::new();
    for band in bands {
        let mine = inner(&band);
        let shared = mine
            .iter()
            .any(|x| columns.iter().any(|c| (c - x).abs() <= SNAP));
        match out.last_mut() {
            Some(table) if shared || mine.is_empty() || columns.is_empty() => {
                table.push(band);
            }
            _ => {
                columns.clear();
                out.push(vec![band]);
            }
        }
        columns.extend(mine);
    }
    out
}

/// Reads one ruled table: takes the glyphs inside its bands out of the
/// page's (`placed`, made from `glyphs` when first needed) and builds its
/// grid. None when no glyph is inside, or when it is a box around text rather
/// than a table.
fn read_cells(
    glyphs: &mut Vec<Glyph>,
    placed: &mut Option<Vec<PlacedGlyph>>,
    bands: &[Band],
    grid: &Lattice,
    horizontals: &[Rule],
    index: usize,
) -> Option<RuledTable> {
    let (top, bottom) = (bands.first()?.0, bands.last()?.1);
    if !bands.iter().any(|b| b.2.len() >= 3) {
        return None; // a box around text, not a table
    }
    let mut cells: Vec<Vec<Vec<Glyph>>> = bands
        .iter()
        .map(|b| vec![Vec::new(); b.2.len().saturating_sub(1)])
        .collect();
    // Each glyph placed by its word's middle and first baseline: a word goes
    // whole to one cell, even where a rule runs through it (a chart's axis
    // label centred on its grid line).
    let words = placed.get_or_insert_with(|| placed_by_word(std::mem::take(glyphs)));
    let mut rest = Vec::with_capacity(words.len());
    let mut taken = 0usize;
    for ((cx, cy), g) in std::mem::take(words) {
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
            cell.push(g);
            taken += 1;
            continue;
        }
        rest.push(((cx, cy), g));
    }
    *words = rest;
    if taken == 0 {
        return None;
    }
    // An empty band with one cell or two is padding, not a row (an empty
    // row with cells is still a row: a table's header may be empty).
    let kept: Vec<usize> = (0..bands.len())
        .filter(|&b| bands[b].2.len() >= 3 || cells[b].iter().any(|c| !c.is_empty()))
        .collect();
    let split: Vec<BandRows> = kept
        .iter()
        .map(|&b| split_band(std::mem::take(&mut cells[b]), &bands[b].2))
        .collect();
    let (grid, lines) = ruled_grid(bands, &kept, split, horizontals, index);
    Some(RuledTable { grid, lines })
}

/// The cells of one band between two rules: usually one row, but a band may
/// stack several rows no rule separates (items "a.", "b." or "- Daging",
/// "- Telur" each with its figures in every value column).
struct BandRows {
    /// Rows in the band (at least one).
    rows: usize,
    /// One entry per cell of the band, left to right.
    slots: Vec<Slot>,
}

/// A band's cell: one text over all the band's rows (a label merged over the
/// items beside it), or items, each over a range of the band's rows (a figure
/// in its row; a label over the rows until the next label of its column).
enum Slot {
    Whole(Vec<Glyph>),
    Items(Vec<Item>),
}

/// Part of a band's cell that is a cell of its own: first and last row (in
/// the band) and its glyphs.
struct Item {
    first: usize,
    last: usize,
    glyphs: Vec<Glyph>,
}

static MARKER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(r"^\s*(?:[-–•·▪*](?:\s|$)|\(?[a-zA-Z]\)\s|[a-z][.)]\s|\(?\d{1,2}\)\s|\d{1,2}(?:\.\d{1,2}){0,3}\.?(?:\s|$))")
        .expect("valid regex")
});

/// An item's number on a line of its own, "3.10.5": never a figure (whose
/// groups after the first have three digits).
static SECTION_NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(r"^\d{1,2}(?:\.\d{1,2}){2,3}\.?$").expect("valid regex")
});

/// One step of a scale, "> 100 %", "80 – 100 %", "≤ 50", "60 s.d. 80": a
/// bound or a range of figures, which only a scale's rows print one a line.
static SCALE_STEP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^(?:(?:[<>≤≥]\s*=?)\s*\d[\d.,]*\s*%?|\d[\d.,]*\s*%?\s*(?:[-–—]|s\.?\s*/?\s*d\.?|sampai)\s*[<>≤≥]?\s*\d[\d.,]*\s*%?)$",
    )
    .expect("valid regex")
});

/// An item's number alone on its line, "7.": a marker, never a figure.
static ITEM_NUMBER: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| crate::pattern::compile(r"^\d{1,2}\.$").expect("valid regex"));

/// Splits a band into the rows its cells stack: where two value columns or
/// more each hold two figures or more, every figure's baseline (and every
/// item marker's, in a label column listing items) starts a row; a cell whose
/// lines list such items or figures is shared out to the rows, any other cell
/// (a wrapped label beside them) spans them all.
fn split_band(cells: Vec<Vec<Glyph>>, separators: &[f32]) -> BandRows {
    let whole = |cells: Vec<Vec<Glyph>>| BandRows {
        rows: 1,
        slots: cells.into_iter().map(Slot::Whole).collect(),
    };
    let size = cells
        .iter()
        .flatten()
        .map(|g| g.size)
        .fold(0.0f32, f32::max)
        .max(1.0);
    let tol = 0.5 * size;
    let analysed: Vec<CellLines> = cells
        .iter()
        .enumerate()
        .map(|(k, glyphs)| {
            let right = separators.get(k + 1).copied().unwrap_or(f32::MAX);
            CellLines::of(glyphs, right, size)
        })
        .collect();
    if let Some(y) = numbering_line(&analysed, tol) {
        return numbering_apart(analysed, y, tol);
    }
    let value_columns = analysed.iter().filter(|c| c.values.len() >= 2).count();
    if value_columns == 0 {
        return whole(cells);
    }
    if let Some(plan) = pairing(&analysed, tol) {
        return paired(plan, analysed, cells, tol);
    }
    if value_columns < 2 {
        return whole(cells);
    }
    // A cell is read row by row when it holds figures or item markers, or
    // when each of its lines (two or more) stands beside a figure: names
    // listed one per row in a body no rule divides.
    let all_values: Vec<f32> = analysed
        .iter()
        .flat_map(|c| c.values.iter().copied())
        .collect();
    let beside_values = |c: &CellLines| {
        c.lines.len() >= 2
            && c.lines
                .iter()
                .all(|(y, _)| all_values.iter().any(|v| (v - y).abs() <= tol))
    };
    let row_wise: Vec<bool> = analysed
        .iter()
        .map(|c| !c.values.is_empty() || c.markers.len() >= 2 || beside_values(c))
        .collect();
    let Some(starts) = row_starts(&analysed, &row_wise, tol) else {
        return whole(cells);
    };
    let value_ys: Vec<f32> = analysed
        .iter()
        .flat_map(|c| c.values.iter().copied())
        .collect();
    let at_value_row = |y: f32| value_ys.iter().any(|v| (v - y).abs() <= tol);
    let row_of = |y: f32| starts.iter().rposition(|&s| s <= y + tol).unwrap_or(0);
    let at_start = |y: f32| starts.iter().any(|s| (s - y).abs() <= tol);
    // A cell whose lines (two or more) each open another row of the band
    // lists one entry a row (names, units, "II." headings between items).
    let listing = |c: &CellLines| {
        c.lines.len() >= 2
            && c.lines.iter().all(|(y, _)| at_start(*y))
            && c.lines.windows(2).all(|w| row_of(w[0].0) < row_of(w[1].0))
    };
    let rows = starts.len();
    let slots = analysed
        .into_iter()
        .zip(cells)
        .zip(row_wise)
        .map(|((c, glyphs), row_wise)| {
            let listing = listing(&c);
            if row_wise || listing {
                Slot::Items(c.items(&row_of, &at_value_row, &at_start, listing, rows))
            } else {
                Slot::Whole(glyphs)
            }
        })
        .collect();
    BandRows { rows, slots }
}

/// The baseline of a row numbering the columns inside a band: "(1)", "(2)"
/// … each alone on its line, one baseline, in three cells or more left to
/// right, each one more than the last.
fn numbering_line(analysed: &[CellLines], tol: f32) -> Option<f32> {
    static NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::compile(r"^\((\d{1,2})\)$").expect("valid regex")
    });
    let numbered: Vec<Vec<(f32, u32)>> = analysed
        .iter()
        .map(|c| {
            c.lines
                .iter()
                .filter_map(|(y, row)| {
                    let text: String = spans(row).iter().map(|s| s.text.as_str()).collect();
                    let n = NUMBER
                        .captures(text.trim())?
                        .get(1)?
                        .as_str()
                        .parse()
                        .ok()?;
                    Some((*y, n))
                })
                .collect()
        })
        .collect();
    numbered.iter().flatten().find_map(|&(y, _)| {
        let numbers: Vec<u32> = numbered
            .iter()
            .filter_map(|c| {
                c.iter()
                    .find(|(v, _)| (v - y).abs() <= tol)
                    .map(|(_, n)| *n)
            })
            .collect();
        (numbers.len() >= 3 && numbers.windows(2).all(|w| w[1] == w[0] + 1)).then_some(y)
    })
}

/// A band holding the row that numbers the columns at `y` (shaded, no rule
/// under it): that row is a row of its own, the lines above it (a header's
/// last lines) one row, the lines below it (the first body row) another.
fn numbering_apart(analysed: Vec<CellLines>, y: f32, tol: f32) -> BandRows {
    let above = analysed
        .iter()
        .any(|c| c.lines.iter().any(|(v, _)| *v < y - tol));
    let below = analysed
        .iter()
        .any(|c| c.lines.iter().any(|(v, _)| *v > y + tol));
    let head = usize::from(above);
    let row_of = |v: f32| {
        if v < y - tol {
            0
        } else if v <= y + tol {
            head
        } else {
            head + 1
        }
    };
    let slots = analysed
        .into_iter()
        .map(|c| {
            if c.lines.is_empty() {
                return Slot::Whole(Vec::new());
            }
            let mut items: Vec<Item> = Vec::new();
            for (v, line) in c.lines {
                let row = row_of(v);
                match items.last_mut() {
                    Some(item) if item.first == row => item.glyphs.extend(line),
                    _ => items.push(Item {
                        first: row,
                        last: row,
                        glyphs: line,
                    }),
                }
            }
            Slot::Items(items)
        })
        .collect();
    BandRows {
        rows: head + 1 + usize::from(below),
        slots,
    }
}

/// A line's text: its spans, a space between.
fn line_text(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A bullet or dash set on a baseline of its own a few points off its
/// item's text (another font's "-" in a Word list) joins the nearest line
/// within most of a type size that has no marker of its own, so the item
/// starts there and not on a line of just "-"; the bullet takes that line's
/// baseline.
fn bullets_on_their_lines(mut lines: Vec<(f32, Vec<Glyph>)>, size: f32) -> Vec<(f32, Vec<Glyph>)> {
    let text = |row: &[Glyph]| line_text(&spans(row));
    let bullet = |c: char| matches!(c, '-' | '–' | '•' | '·' | '▪' | '*');
    let bare = |t: &str| {
        let t = t.trim();
        !t.is_empty() && t.chars().all(bullet)
    };
    // A line's text holds each of its glyphs' characters other than white
    // space: one glyph with another character leaves it no bullet alone.
    let may_be_bare = |row: &[Glyph]| {
        row.iter()
            .all(|g| g.text.chars().all(|c| c.is_whitespace() || bullet(c)))
    };
    let mut i = 0;
    while i < lines.len() {
        if !may_be_bare(&lines[i].1) || !bare(&text(&lines[i].1)) {
            i += 1;
            continue;
        }
        let y = lines[i].0;
        let target = (0..lines.len())
            .filter(|&j| j != i)
            .filter(|&j| (lines[j].0 - y).abs() <= 0.8 * size)
            .filter(|&j| {
                let t = text(&lines[j].1);
                !bare(&t) && !MARKER.is_match(&t)
            })
            .min_by(|&a, &b| (lines[a].0 - y).abs().total_cmp(&(lines[b].0 - y).abs()));
        match target {
            Some(j) => {
                let (_, marker) = lines.remove(i);
                let j = if j > i { j - 1 } else { j };
                let at = lines[j].0;
                // Set on the line it belongs to, so the cell reads "- Susu".
                lines[j]
                    .1
                    .extend(marker.into_iter().map(|g| Glyph { y: at, ..g }));
                lines[j].1.sort_by(|a, b| a.x.total_cmp(&b.x));
            }
            None => i += 1,
        }
    }
    lines
}

/// One cell of a band read as lines: each line (its y and glyphs), and the
/// ys of the lines that start a figure or an item marker.
struct CellLines {
    lines: Vec<(f32, Vec<Glyph>)>,
    values: Vec<f32>,
    markers: Vec<f32>,
    /// The kind of each of `markers` (`marker_kind`); none for a marker
    /// alone on its line (a "-" for nil in a value column).
    kinds: Vec<Option<(char, usize)>>,
    /// The ys of the lines that end a figure broken on the line above.
    continued: Vec<f32>,
    /// How many of `values` are a scale's steps ("80 – 100 %").
    steps: usize,
}

/// What an item marker is: a dash or bullet, a letter ("a.", "(b)"), or a
/// number with its depth ("3." 1, "3.10.4" 3). The items of one list share
/// it; a list's sub-items ("-" under "a.") have another.
fn marker_kind(text: &str) -> (char, usize) {
    let t = text.trim_start().trim_start_matches('(');
    match t.chars().next() {
        Some(c) if c.is_ascii_digit() => {
            let head = t.split_whitespace().next().unwrap_or("");
            let head = head.trim_end_matches(['.', ')']);
            ('1', head.split('.').count())
        }
        Some(c) if c.is_alphabetic() => ('a', 1),
        _ => ('-', 1),
    }
}

impl CellLines {
    /// The cell's glyphs as lines; `right` is its right edge, `size` the
    /// band's type size.
    fn of(glyphs: &[Glyph], right: f32, size: f32) -> CellLines {
        let lines = bullets_on_their_lines(rows(glyphs.to_vec()), size);
        let mut values = Vec::new();
        let mut markers = Vec::new();
        let mut kinds = Vec::new();
        let mut continued = Vec::new();
        let mut steps = 0;
        let mut prev: Option<(String, bool)> = None;
        for (y, row) in &lines {
            let text = line_text(&spans(row));
            // A currency mark centred beside a broken amount, on a baseline
            // of its own between the amount's two lines, leaves it broken.
            if is_currency_mark(&text)
                && prev
                    .as_ref()
                    .is_some_and(|(before, full)| *full && ends_broken_figure(before))
            {
                continue;
            }
            // A figure broken at the cell's edge continues; it is not a new value.
            let continues = prev
                .as_ref()
                .is_some_and(|(before, full)| joins_without_space(before, &text, *full));
            if continues {
                continued.push(*y);
            }
            // An item's number alone ("1.", "10.") marks its row: no figure.
            let numbered = ITEM_NUMBER.is_match(text.trim());
            if is_figure_text(&text)
                && !continues
                && !numbered
                && !SECTION_NUMBER.is_match(text.trim())
            {
                values.push(*y);
            } else if SCALE_STEP.is_match(text.trim()) && !continues {
                // A scale's step stands for its row as a figure does.
                values.push(*y);
                steps += 1;
            } else if let Some(m) = MARKER.find(&text) {
                markers.push(*y);
                let bare =
                    text[m.end()..].trim().is_empty() && !SECTION_NUMBER.is_match(text.trim());
                kinds.push((!bare).then(|| marker_kind(&text)));
            }
            let end = row.iter().map(|g| g.x + g.width).fold(f32::MIN, f32::max);
            prev = Some((text, end >= right - size - 3.0));
        }
        CellLines {
            lines,
            values,
            markers,
            kinds,
            continued,
            steps,
        }
    }

    /// Where this label cell's items start, when it lists one item per row
    /// of figures (`figures`, the band's value rows, top to bottom): its
    /// markers of one kind, as many as the rows ("a.", "b." with "-"
    /// sub-lists under them), else, without such markers, its lines
    /// standing at the rows of figures, each after a wider gap than the
    /// cell's wrapped lines (one indicator a row, some wrapped, set apart
    /// by blank lines).
    /// The first of the pair ranks how sure the items are: 0 by markers, 1
    /// by gaps, 2 when every line stands at a row of figures.
    /// With `numbered` (the band numbers its rows of figures), lines at
    /// every row of figures start the items, however closely the cell's
    /// wrapped lines follow them.
    fn item_starts(&self, figures: &[f32], tol: f32, numbered: bool) -> Option<(u8, Vec<f32>)> {
        let n = figures.len();
        let mut kinds: Vec<(char, usize)> = Vec::new();
        for k in self.kinds.iter().flatten() {
            if !kinds.contains(k) {
                kinds.push(*k);
            }
        }
        if let Some(starts) = kinds.iter().find_map(|kind| {
            let ys: Vec<f32> = self
                .markers
                .iter()
                .zip(&self.kinds)
                .filter(|(_, k)| k.as_ref() == Some(kind))
                .map(|(y, _)| *y)
                .collect();
            (ys.len() == n).then_some(ys)
        }) {
            return Some((0, starts));
        }
        if !self.markers.is_empty() {
            return None;
        }
        let ys: Vec<f32> = self.lines.iter().map(|(y, _)| *y).collect();
        let at: Vec<usize> = figures
            .iter()
            .map(|f| ys.iter().position(|y| (y - f).abs() <= tol))
            .collect::<Option<Vec<usize>>>()?;
        if at.len() == ys.len() {
            return Some((2, at.iter().map(|&i| ys[i]).collect()));
        }
        if numbered {
            return Some((1, at.iter().map(|&i| ys[i]).collect()));
        }
        // The cell's own line pitch: the smallest step between its lines.
        let pitch = ys.windows(2).map(|w| w[1] - w[0]).fold(f32::MAX, f32::min);
        let apart = at
            .iter()
            .skip(1)
            .all(|&i| i > 0 && ys[i] - ys[i - 1] > pitch * 1.4 + tol * 0.5);
        apart.then(|| (1, at.iter().map(|&i| ys[i]).collect()))
    }

    /// Whether this cell numbers the band's rows of figures (three or more):
    /// one whole number at each ("1", "2." …), counting up by one (a number
    /// repeated once by mistake aside).
    fn numbers_rows(&self, figures: &[f32], tol: f32) -> bool {
        if figures.len() < 3 || self.lines.len() != figures.len() {
            return false;
        }
        let mut numbers = Vec::with_capacity(figures.len());
        for ((y, row), f) in self.lines.iter().zip(figures) {
            let text: String = spans(row).iter().map(|s| s.text.as_str()).collect();
            let digits = text.trim().trim_end_matches('.');
            if (y - f).abs() > tol || digits.is_empty() || digits.len() > 3 {
                return false;
            }
            match digits.parse::<u32>() {
                Ok(n) => numbers.push(n),
                Err(_) => return false,
            }
        }
        let steps: Vec<u32> = numbers
            .windows(2)
            .map(|w| w[1].wrapping_sub(w[0]))
            .collect();
        steps.iter().all(|&d| d <= 1) && steps.iter().filter(|&&d| d == 0).count() <= 1
    }

    /// Where this cell's items start: at each figure; in a label column at
    /// each item marker, or at each line when every line stands beside
    /// figures (labels without markers, one per row). A label covers the rows
    /// until its column's next item; a figure its own row.
    fn items(
        self,
        row_of: &dyn Fn(f32) -> usize,
        at_value_row: &dyn Fn(f32) -> bool,
        at_start: &dyn Fn(f32) -> bool,
        listing: bool,
        rows: usize,
    ) -> Vec<Item> {
        let one_per_row = listing
            || (self.markers.is_empty() && self.lines.iter().all(|(y, _)| at_value_row(*y)));
        let figures = !self.values.is_empty();
        let mut items: Vec<Item> = Vec::new();
        for (y, line) in self.lines {
            // In a cell of figures a line opening another row is that row's,
            // unless it ends a figure broken on the line above.
            let starts_item = items.is_empty()
                || self.values.contains(&y)
                || self.markers.contains(&y)
                || one_per_row
                || (figures && at_start(y) && !self.continued.contains(&y));
            let first = row_of(y);
            match items.last_mut() {
                // Two items of one cell in one row (a label over the figure
                // the band's rows start at: "Target*" over "2016") are one.
                Some(item) if !starts_item || item.first == first => item.glyphs.extend(line),
                _ => items.push(Item {
                    first,
                    last: first,
                    glyphs: line,
                }),
            }
        }
        let labels = self.values.is_empty();
        let nexts: Vec<usize> = items
            .iter()
            .skip(1)
            .map(|i| i.first)
            .chain(std::iter::once(rows))
            .collect();
        for (item, next) in items.iter_mut().zip(nexts) {
            item.last = if labels {
                next.saturating_sub(1).max(item.first)
            } else {
                item.first
            };
        }
        items
    }
}

/// A band whose label cell lists as many items as its value columns hold
/// rows of figures: the label cell, where its items start, and whether its
/// lines above the first item are a heading row of their own.
struct Pairing {
    label: usize,
    starts: Vec<f32>,
    figures: Vec<f32>,
    heading: bool,
}

/// Item k of a label cell goes with the k-th row of figures beside it, when
/// the cell lists exactly as many items as there are rows of figures, even
/// where they do not share baselines: a wrapped label pushes the next item
/// below its figures, figures stand centred beside their item. Never when a
/// row of figures stands at or below the start of the next item (that item
/// has figures of its own). The label cell whose items are surest wins (by
/// markers, then by gaps), the rightmost of those (the indicator beside its
/// sasaran).
fn pairing(analysed: &[CellLines], tol: f32) -> Option<Pairing> {
    let mut figures: Vec<f32> = analysed
        .iter()
        .filter(|c| c.values.len() >= 2)
        .flat_map(|c| c.values.iter().copied())
        .collect();
    figures.sort_by(f32::total_cmp);
    figures.dedup_by(|a, b| (*a - *b).abs() <= tol);
    if figures.len() < 2 {
        return None;
    }
    // Beside one column of figures, a label whose every line stands at a
    // figure must have its lines set apart (blank lines between): two
    // figures beside a label wrapped once are one row.
    let one_column = analysed.iter().filter(|c| c.values.len() >= 2).count() == 1;
    // A scale's steps ("> 100 %", "80 – 100 %") are one a row: never two
    // figures of one wrapped label.
    let ladder = analysed
        .iter()
        .any(|c| c.values.len() >= 2 && c.steps == c.values.len());
    let numbered = analysed.iter().any(|c| c.numbers_rows(&figures, tol));
    let set_apart = |c: &CellLines| c.lines.windows(2).all(|w| w[1].0 - w[0].0 > 3.8 * tol);
    let (_, label, starts) = analysed
        .iter()
        .enumerate()
        .filter(|(_, c)| c.values.is_empty() && c.lines.len() >= 2)
        .filter_map(|(label, c)| {
            let (rank, starts) = c.item_starts(&figures, tol, numbered)?;
            if rank == 2 && one_column && !ladder && !set_apart(c) {
                return None;
            }
            let interleaved = figures
                .iter()
                .zip(starts.iter().skip(1))
                .all(|(f, next)| *f < next - tol);
            interleaved.then_some((rank, label, starts))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))?;
    let first = *starts.first()?;
    let heading = analysed[label].lines.iter().any(|(y, _)| *y < first - tol);
    Some(Pairing {
        label,
        starts,
        figures,
        heading,
    })
}

/// The band's rows by a `Pairing`: the label cell's item k and each value
/// cell's k-th row of figures in row k (after the heading row, if any); a
/// cell whose every line stands at a row of figures ("Persen" beside each)
/// is shared out the same way; any other cell spans the band.
fn paired(plan: Pairing, analysed: Vec<CellLines>, cells: Vec<Vec<Glyph>>, tol: f32) -> BandRows {
    let head = usize::from(plan.heading);
    let rows = head + plan.figures.len();
    let figure_row = |y: f32| {
        plan.figures
            .iter()
            .position(|f| (f - y).abs() <= tol)
            .map(|i| head + i)
    };
    let slots = analysed
        .into_iter()
        .zip(cells)
        .enumerate()
        .map(|(k, (c, glyphs))| {
            let by_figures =
                c.lines.len() >= 2 && c.lines.iter().all(|(y, _)| figure_row(*y).is_some());
            // A column of item numbers ("1.", "2." …, a heading's "I."
            // above them): each at its row of figures.
            let numbers = c.markers.len() >= 2
                && c.kinds.iter().all(Option::is_none)
                && c.lines
                    .iter()
                    .filter(|(y, _)| figure_row(*y).is_some())
                    .count()
                    >= 2;
            let row_of_line: Box<dyn Fn(f32) -> Option<usize>> = if k == plan.label {
                Box::new(|y: f32| {
                    Some(
                        plan.starts
                            .iter()
                            .rposition(|&s| s <= y + tol)
                            .map_or(0, |i| head + i),
                    )
                })
            } else if !c.values.is_empty() {
                // Its own figures, and any other line standing at a row of
                // figures (a line of another row, never glued to the one
                // above) unless it ends a figure broken on the line above.
                let continued = c.continued.clone();
                Box::new(move |y: f32| {
                    (!continued.iter().any(|v| (v - y).abs() <= tol / 4.0))
                        .then(|| figure_row(y))
                        .flatten()
                })
            } else if by_figures || numbers {
                Box::new(figure_row)
            } else {
                return Slot::Whole(glyphs);
            };
            let mut items: Vec<Item> = Vec::new();
            for (y, line) in c.lines {
                match (row_of_line(y), items.last_mut()) {
                    (Some(row), Some(item)) if item.first == row => item.glyphs.extend(line),
                    (Some(row), _) => items.push(Item {
                        first: row,
                        last: row,
                        glyphs: line,
                    }),
                    (None, Some(item)) => item.glyphs.extend(line),
                    (None, None) => items.push(Item {
                        first: head.min(rows - 1),
                        last: head.min(rows - 1),
                        glyphs: line,
                    }),
                }
            }
            Slot::Items(items)
        })
        .collect();
    BandRows { rows, slots }
}

/// The ys where the band's rows start: each figure or item marker of the
/// row-wise cells, unless fewer than two of them hold values on one baseline
/// in two columns (a wrapped cell, not rows: None). Lines above the first
/// item (a heading over them) are a row of their own; figures set lower than
/// the label they belong to (a long label, its figures at the bottom or
/// centred) join that label's row.
fn row_starts(analysed: &[CellLines], row_wise: &[bool], tol: f32) -> Option<Vec<f32>> {
    let row_wise_cells = || analysed.iter().zip(row_wise).filter(|(_, r)| **r);
    let mut starts: Vec<f32> = row_wise_cells()
        .flat_map(|(c, _)| c.values.iter().chain(&c.markers).copied())
        .collect();
    starts.sort_by(f32::total_cmp);
    starts.dedup_by(|a, b| (*a - *b).abs() <= tol);
    let shared = starts
        .iter()
        .filter(|&&y| {
            analysed
                .iter()
                .filter(|c| c.values.iter().any(|v| (v - y).abs() <= tol))
                .count()
                >= 2
        })
        .count();
    if shared < 2 {
        return None;
    }
    if let Some(top) = row_wise_cells()
        .filter_map(|(c, _)| c.lines.first().map(|l| l.0))
        .min_by(f32::total_cmp)
        && starts.first().is_some_and(|&s| top < s - tol)
    {
        starts.insert(0, top);
    }
    let value_ys: Vec<f32> = analysed
        .iter()
        .flat_map(|c| c.values.iter().copied())
        .collect();
    let at_value_row = |y: f32| value_ys.iter().any(|v| (v - y).abs() <= tol);
    // A row of figures with no label of its own, after a label with no
    // figures, is that label's row.
    let label_ys: Vec<f32> = row_wise_cells()
        .filter(|(c, _)| c.values.is_empty())
        .flat_map(|(c, _)| c.markers.iter().copied())
        .collect();
    let labelled = |y: f32| label_ys.iter().any(|m| (m - y).abs() <= tol);
    let mut merged: Vec<f32> = Vec::with_capacity(starts.len());
    let mut has_values = false;
    for &y in &starts {
        let values_here = at_value_row(y);
        if !merged.is_empty() && !has_values && values_here && !labelled(y) {
            has_values = true;
            continue;
        }
        merged.push(y);
        has_values = values_here;
    }
    Some(merged)
}

/// The grid of a ruled table and a line per grid row: columns at every
/// separator any band has, a band's cell covering the columns between its own
/// separators (and the rows of its band, when the band stacks several), and a
/// cell merged with the one below when no rule separates them. `index`
/// numbers the table over the document.
fn ruled_grid(
    bands: &[Band],
    kept: &[usize],
    split: Vec<BandRows>,
    horizontals: &[Rule],
    index: usize,
) -> (Grid, Vec<TextLine>) {
    let xs = column_edges(bands, kept);
    let mut grid_rows = GridRows::default();
    for (&b, band) in kept.iter().zip(split) {
        grid_rows.add_band(&bands[b], band, horizontals, index);
    }
    let GridRows {
        cells,
        mut lines,
        row0: rows,
        ..
    } = grid_rows;
    let (mut cells, mut rows) = (cells, rows);
    split_titles(&mut cells, &mut lines, &mut rows, &xs);
    at_first_baselines(&cells, &mut lines, rows);
    let mut grid = Grid::from_rows(GridSource::Ruled, &[]);
    grid.spans_known = true;
    grid.rows = rows;
    grid.cols = xs.len().saturating_sub(1);
    grid.cells = cells
        .into_iter()
        .filter_map(|c| c.into_grid_cell(&xs))
        .collect();
    grid.col_xs = xs;
    grid.normalise();
    (grid, lines)
}

/// Every separator any kept band has, left to right, those within `SNAP` one.
fn column_edges(bands: &[Band], kept: &[usize]) -> Vec<f32> {
    let mut xs: Vec<f32> = kept
        .iter()
        .flat_map(|&b| bands[b].2.iter().copied())
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() <= SNAP);
    // One column rule drawn a few points off in some rows (the body's rule
    // at 375.7 under the header's at 368.7): two edges this close that no
    // band has both of are one edge, not a column too narrow for text.
    let has = |b: usize, x: f32| bands[b].2.iter().any(|&e| (e - x).abs() <= SNAP);
    let mut i = 0;
    while i + 1 < xs.len() {
        let (a, b) = (xs[i], xs[i + 1]);
        if b - a <= MISALIGNED && !kept.iter().any(|&k| has(k, a) && has(k, b)) {
            xs.remove(i + 1);
        } else {
            i += 1;
        }
    }
    xs
}

/// The column edge at `x`: the one within `SNAP`, else the nearest within
/// `MISALIGNED` (an edge merged into its neighbour), else where it falls.
fn column_at(xs: &[f32], x: f32) -> usize {
    xs.iter()
        .position(|&c| (c - x).abs() <= SNAP)
        .or_else(|| {
            xs.iter()
                .enumerate()
                .filter(|(_, c)| (*c - x).abs() <= MISALIGNED)
                .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
                .map(|(i, _)| i)
        })
        .unwrap_or_else(|| xs.partition_point(|&c| c < x))
}

/// A cell being built: grid rows, box (points), glyphs.
struct OpenCell {
    first: usize,
    last: usize,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    glyphs: Vec<Glyph>,
}

impl OpenCell {
    /// The finished cell over the columns between its edges (none when its
    /// edges fall in one column).
    fn into_grid_cell(self, xs: &[f32]) -> Option<GridCell> {
        let (first_col, last_col) = (column_at(xs, self.left), column_at(xs, self.right));
        if last_col <= first_col {
            return None;
        }
        // Each line read once, for the cell's lines and for its text.
        let lines = cell_lines(self.glyphs);
        let text_lines: Vec<CellLine> = lines
            .iter()
            .map(|(y, _, row_spans)| CellLine {
                text: line_text(row_spans),
                y: *y,
            })
            .collect();
        let (text, font_size, bold) = text_of_lines(&lines, Some(self.right));
        Some(GridCell {
            rows: self.first..self.last + 1,
            cols: first_col..last_col,
            text,
            lines: text_lines,
            bold,
            bbox: Some([self.left, self.top, self.right, self.bottom]),
            font_size,
        })
    }
}

/// The grid's cells and a line per grid row, band by band from the top.
#[derive(Default)]
struct GridRows {
    cells: Vec<OpenCell>,
    lines: Vec<TextLine>,
    /// Cells of the band above that span to its bottom: (left, right, cell).
    open: Vec<(f32, f32, usize)>,
    /// The grid row the next band starts at.
    row0: usize,
}

impl GridRows {
    fn add_band(&mut self, geometry: &Band, band: BandRows, horizontals: &[Rule], index: usize) {
        let (band_top, band_bottom, seps) = geometry;
        let mut next_open = Vec::new();
        // The spans of each of this band's rows.
        let mut row_spans: Vec<Vec<Span>> = vec![Vec::new(); band.rows];
        for (slot, w) in band.slots.into_iter().zip(seps.windows(2)) {
            let (left, right) = (w[0], w[1]);
            let span = |glyphs: &[Glyph]| {
                let (text, size, bold) = cell_text(glyphs.to_vec(), Some(right));
                Span {
                    text,
                    x: left,
                    width: right - left,
                    font_size: size,
                    bold,
                }
            };
            match slot {
                Slot::Whole(glyphs) => {
                    row_spans[0].push(span(&glyphs));
                    for spans in row_spans.iter_mut().skip(1) {
                        spans.push(span(&[]));
                    }
                    let cell = OpenCell {
                        first: self.row0,
                        last: self.row0 + band.rows - 1,
                        left,
                        right,
                        top: *band_top,
                        bottom: *band_bottom,
                        glyphs,
                    };
                    let at = self.whole(cell, horizontals);
                    next_open.push((left, right, at));
                }
                Slot::Items(items) => {
                    let mut texts: Vec<Option<Span>> = vec![None; band.rows];
                    for item in items {
                        if let Some(t) = texts.get_mut(item.first) {
                            *t = Some(span(&item.glyphs));
                        }
                        let (top, bottom) =
                            glyph_extent(&item.glyphs).unwrap_or((*band_top, *band_bottom));
                        self.cells.push(OpenCell {
                            first: self.row0 + item.first,
                            last: self.row0 + item.last,
                            left,
                            right,
                            top,
                            bottom,
                            glyphs: item.glyphs,
                        });
                    }
                    for (spans, t) in row_spans.iter_mut().zip(texts) {
                        spans.push(t.unwrap_or_else(|| span(&[])));
                    }
                }
            }
        }
        for (i, spans) in row_spans.into_iter().enumerate() {
            self.lines.push(TextLine {
                // Replaced by the row's first baseline below, when it has text.
                y: band_bottom - SNAP,
                spans,
                cells: CellMode::Delimited,
                table: Some(index),
                row: self.row0 + i,
                raw: Vec::new(),
            });
        }
        self.open = next_open;
        self.row0 += band.rows;
    }

    /// A band's whole cell: the continuation of the cell above with the same
    /// edges when no rule separates them (it then grows down), else a new
    /// cell. Returns the index of the cell it went into.
    fn whole(&mut self, cell: OpenCell, horizontals: &[Rule]) -> usize {
        let mid = (cell.left + cell.right) / 2.0;
        let ruled_above = horizontals
            .iter()
            .any(|h| (h.at - cell.top).abs() <= SNAP && h.from <= mid + SNAP && h.to >= mid - SNAP);
        let above = self
            .open
            .iter()
            .find(|(l, r, _)| (l - cell.left).abs() <= SNAP && (r - cell.right).abs() <= SNAP);
        match above {
            Some(&(_, _, at)) if !ruled_above && self.row0 > 0 => {
                let c = &mut self.cells[at];
                c.last = cell.last;
                c.bottom = cell.bottom;
                c.glyphs.extend(cell.glyphs);
                at
            }
            _ => {
                self.cells.push(cell);
                self.cells.len() - 1
            }
        }
    }
}

/// A column's label under a title: the column's edges and the label's glyphs.
type Label = (f32, f32, Vec<Glyph>);

/// The grid rows above a header cell for its title to be split off: a
/// header's top rows, never the body's.
const TITLE_ROWS: usize = 2;

/// Words in two columns under a title are this many times their size apart
/// at least: a column's label each, not the words of one wrapped text.
const LABELS_APART: f32 = 1.5;

/// A header cell no rule divides, though the rules of the rows under it do:
/// a title over labels each within one of those columns ("Realisasi"
/// centred over "Keuangan" and "Fisik" in a shaded header drawn without
/// inner borders). Returns the title's glyphs and, per column its lower
/// lines name, the column's edges and its label's glyphs; none unless every
/// label has a word.
fn title_over_columns(cell: &OpenCell, xs: &[f32]) -> Option<(Vec<Glyph>, Vec<Label>)> {
    if cell.first != cell.last || cell.first > TITLE_ROWS {
        return None;
    }
    let inner: Vec<f32> = xs
        .iter()
        .copied()
        .filter(|&x| x > cell.left + SNAP && x < cell.right - SNAP)
        .collect();
    if inner.is_empty() {
        return None;
    }
    let lines = rows(cell.glyphs.clone());
    // Each word of a line: its glyphs, left, right and size.
    let words = |row: &[Glyph]| -> Vec<(Vec<Glyph>, f32, f32, f32)> {
        word_runs(row)
            .into_iter()
            .filter_map(|run| {
                let (a, b) = (run.first()?, run.last()?);
                (!a.is_blank()).then(|| (run.to_vec(), a.x, b.x + b.width, a.size))
            })
            .collect()
    };
    let crosses = |(_, a, b, _): &(Vec<Glyph>, f32, f32, f32)| {
        inner.iter().any(|&e| *a < e - 1.0 && *b > e + 1.0)
    };
    let column = |(_, a, b, _): &(Vec<Glyph>, f32, f32, f32)| {
        let mid = (a + b) / 2.0;
        inner.partition_point(|&e| e < mid)
    };
    // A line of labels: no word over a column edge, two columns named or
    // more, set well apart.
    let labels = |ws: &[(Vec<Glyph>, f32, f32, f32)]| {
        if ws.is_empty() || ws.iter().any(crosses) {
            return false;
        }
        let mut named: Vec<usize> = ws.iter().map(column).collect();
        named.dedup();
        named.len() >= 2
            && ws
                .windows(2)
                .all(|w| column(&w[0]) == column(&w[1]) || w[1].1 - w[0].2 >= LABELS_APART * w[0].3)
    };
    let mut cut = lines.len();
    while cut > 0 && labels(&words(&lines[cut - 1].1)) {
        cut -= 1;
    }
    // The title runs over a column edge: centred over the columns it names.
    if cut == 0
        || cut == lines.len()
        || !lines[..cut]
            .iter()
            .any(|(_, row)| words(row).iter().any(crosses))
    {
        return None;
    }
    let title: Vec<Glyph> = lines[..cut]
        .iter()
        .flat_map(|(_, row)| row.iter().cloned())
        .collect();
    let edges: Vec<f32> = std::iter::once(cell.left)
        .chain(inner.iter().copied())
        .chain(std::iter::once(cell.right))
        .collect();
    let mut parts: Vec<Label> = edges.windows(2).map(|w| (w[0], w[1], Vec::new())).collect();
    for (_, row) in &lines[cut..] {
        for word in words(row) {
            if let Some(part) = parts.get_mut(column(&word)) {
                part.2.extend(word.0);
            }
        }
    }
    parts.retain(|p| !p.2.is_empty());
    // Labels are words: years under a title ("2014*", "2015**") are read
    // as its spanned years, the numbers of the columns with them.
    if !parts
        .iter()
        .all(|p| p.2.iter().any(|g| g.text.chars().any(char::is_alphabetic)))
    {
        return None;
    }
    Some((title, parts))
}

/// Splits each header title over labels (`title_over_columns`) from them:
/// the title stays in its row, the labels go to a row inserted under it,
/// which the cells beside the title, spanning its row, span too.
fn split_titles(
    cells: &mut Vec<OpenCell>,
    lines: &mut Vec<TextLine>,
    rows: &mut usize,
    xs: &[f32],
) {
    let mut i = 0;
    while i < cells.len() {
        let Some((title, parts)) = title_over_columns(&cells[i], xs) else {
            i += 1;
            continue;
        };
        let row = cells[i].first + 1;
        for (k, c) in cells.iter_mut().enumerate() {
            if k == i {
                continue;
            }
            if c.first >= row {
                c.first += 1;
                c.last += 1;
            } else if c.last + 1 >= row {
                c.last += 1;
            }
        }
        let (left, right, bottom) = (cells[i].left, cells[i].right, cells[i].bottom);
        let top = parts
            .iter()
            .flat_map(|p| &p.2)
            .map(|g| g.y - g.size)
            .fold(bottom, f32::min);
        let title_text = cell_text(title.clone(), Some(right)).0;
        cells[i].glyphs = title;
        cells[i].bottom = top;
        let mut table = None;
        for l in lines.iter_mut() {
            if l.row >= row {
                l.row += 1;
            } else if l.row + 1 == row {
                table = l.table;
                if let Some(span) = l
                    .spans
                    .iter_mut()
                    .find(|s| (s.x - left).abs() <= SNAP && (s.x + s.width - right).abs() <= SNAP)
                {
                    span.text.clone_from(&title_text);
                }
            }
        }
        let spans = parts
            .iter()
            .map(|(a, b, glyphs)| {
                let (text, font_size, bold) = cell_text(glyphs.clone(), Some(*b));
                Span {
                    text,
                    x: *a,
                    width: b - a,
                    font_size,
                    bold,
                }
            })
            .collect();
        let at = lines
            .iter()
            .position(|l| l.row > row)
            .unwrap_or(lines.len());
        lines.insert(
            at,
            TextLine {
                y: bottom - SNAP,
                spans,
                cells: CellMode::Delimited,
                table,
                row,
                raw: Vec::new(),
            },
        );
        for (left, right, glyphs) in parts {
            cells.push(OpenCell {
                first: row,
                last: row,
                left,
                right,
                top,
                bottom,
                glyphs,
            });
        }
        *rows += 1;
        i += 1;
    }
}

/// A row's line stands at its first baseline (an empty row at its band's
/// bottom); a cell over several rows places its glyphs in its first row.
fn at_first_baselines(cells: &[OpenCell], lines: &mut [TextLine], rows: usize) {
    let mut baselines: Vec<f32> = vec![f32::MAX; rows];
    for c in cells {
        for g in &c.glyphs {
            if let Some(b) = baselines.get_mut(c.first) {
                *b = b.min(g.y);
            }
        }
    }
    for l in lines {
        if let Some(&y) = baselines.get(l.row).filter(|y| **y < f32::MAX) {
            l.y = y;
        }
    }
}

/// Top and bottom of glyphs (from their baselines and sizes).
fn glyph_extent(glyphs: &[Glyph]) -> Option<(f32, f32)> {
    let top = glyphs.iter().map(|g| g.y - g.size).fold(f32::MAX, f32::min);
    let bottom = glyphs.iter().map(|g| g.y).fold(f32::MIN, f32::max);
    (top <= bottom).then_some((top, bottom))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::pdf::layout::glyph_run;
    use std::ops::Range;

    fn h(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            horizontal: true,
            at,
            from,
            to,
        }
    }

    /// Rows ruled cell by cell: segments 100–200, 201–300, 301–400 on each row.
    fn cell_by_cell(ys: &[f32]) -> Vec<Rule> {
        ys.iter()
            .flat_map(|&y| [h(y, 100.0, 200.0), h(y, 200.9, 300.0), h(y, 301.0, 400.0)])
            .collect()
    }

    #[test]
    fn rows_ruled_cell_by_cell_imply_their_columns() {
        let mut rules = cell_by_cell(&[700.0, 650.0, 600.0, 550.0]);
        rules.extend([100.0, 400.0].map(|x| Rule {
            horizontal: false,
            at: x,
            from: 550.0,
            to: 700.0,
        }));
        let cols = implied_columns(&rules, &[]);
        let xs: Vec<f32> = cols.iter().map(|r| r.at).collect();
        assert_eq!(cols.len(), 2, "{cols:?}");
        assert!((xs[0] - 200.45).abs() < 0.1 && (xs[1] - 300.5).abs() < 0.1);
        assert!(
            cols.iter()
                .all(|r| !r.horizontal && r.from == 550.0 && r.to == 700.0)
        );
    }

    #[test]
    fn a_short_bar_between_two_figures_is_their_dash() {
        // "75,00" ends at 125, "89,99" starts at 134.5; a 5-point bar at the
        // figures' middle height (baseline 500, size 9) between them.
        let mut glyphs = glyph_run("75,00", 100.0, 500.0, 5.0);
        glyphs.extend(glyph_run("89,99", 134.5, 500.0, 5.0));
        let mut rules = vec![h(497.0, 127.0, 132.0), h(520.0, 90.0, 200.0)];
        drawn_dashes(&mut glyphs, &mut rules);
        assert_eq!(rules.len(), 1, "the long rule stays: {rules:?}");
        // The line the glyphs make, its spans joined by a space.
        let line = |glyphs: Vec<Glyph>| {
            spans(&rows(glyphs).remove(0).1)
                .iter()
                .map(|s| s.text.clone())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(line(glyphs), "75,00 – 89,99");
        // Close on both sides: a hyphen joining two words.
        let mut glyphs = glyph_run("pusat", 100.0, 500.0, 5.0);
        glyphs.extend(glyph_run("pusat", 129.5, 500.0, 5.0));
        let mut rules = vec![h(497.0, 125.3, 129.2)];
        drawn_dashes(&mut glyphs, &mut rules);
        assert_eq!(line(glyphs), "pusat-pusat");
        // Under the baseline (an underline), over a letter (struck out) or
        // with nothing to its right, a bar stays a rule.
        for (bar, right) in [
            (h(502.0, 127.0, 132.0), 133.0),
            (h(497.0, 127.0, 132.0), 128.0),
            (h(497.0, 127.0, 132.0), 160.0),
        ] {
            let mut glyphs = glyph_run("75,00", 100.0, 500.0, 5.0);
            glyphs.extend(glyph_run("89,99", right, 500.0, 5.0));
            let mut rules = vec![bar];
            drawn_dashes(&mut glyphs, &mut rules);
            assert_eq!((rules.len(), glyphs.len()), (1, 10), "{bar:?}");
        }
    }

    fn v(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            horizontal: false,
            at,
            from,
            to,
        }
    }

    #[test]
    fn breaks_beside_drawn_columns_imply_nothing() {
        // Two columns of three drawn: the break left without a rule is a
        // border left out on purpose ("Rp" beside its amount).
        let mut drawn = cell_by_cell(&[700.0, 650.0, 600.0, 550.0]);
        drawn.extend([100.0, 250.0, 400.0].map(|x| v(x, 550.0, 700.0)));
        assert!(implied_columns(&drawn, &[]).is_empty());
    }

    #[test]
    fn rows_ruled_without_a_frame_imply_their_columns_and_frame() {
        let rows = cell_by_cell(&[700.0, 650.0, 600.0, 550.0]);
        let mut xs: Vec<f32> = implied_columns(&rows, &[]).iter().map(|r| r.at).collect();
        xs.sort_by(f32::total_cmp);
        assert_eq!(xs.len(), 4, "{xs:?}");
        assert!(
            (xs[0] - 100.0).abs() < 0.1 && (xs[3] - 400.0).abs() < 0.1,
            "{xs:?}"
        );
        assert!(
            (xs[1] - 200.45).abs() < 0.1 && (xs[2] - 300.5).abs() < 0.1,
            "{xs:?}"
        );
    }

    #[test]
    fn a_side_drawn_along_the_header_only_still_gets_a_frame_along_the_rows() {
        // Word's header box draws its left side down the header row only;
        // the body rows have no side, and their first column must still be
        // a cell of the table.
        let mut rules = cell_by_cell(&[700.0, 650.0, 600.0, 550.0, 500.0]);
        rules.push(v(100.0, 650.0, 700.0));
        let frame: Vec<Rule> = implied_columns(&rules, &[])
            .into_iter()
            .filter(|r| (r.at - 100.0).abs() < 0.1)
            .collect();
        assert_eq!(frame.len(), 1, "{frame:?}");
        assert!(frame[0].from <= 500.0 && frame[0].to >= 700.0, "{frame:?}");
    }

    #[test]
    fn one_column_rule_and_ticks_in_cells_leave_the_columns_to_the_breaks() {
        // Six cells a row, a frame, one column rule after the first cell and
        // a tick a few points long inside a cell: four columns are left out
        // of five, the rest of the table is aligned text.
        let edges = [100.0, 150.0, 200.0, 250.0, 300.0, 350.0, 400.0];
        let mut rules: Vec<Rule> = [700.0, 650.0, 600.0, 550.0]
            .iter()
            .flat_map(|&y| edges.windows(2).map(move |w| h(y, w[0] + 0.5, w[1])))
            .collect();
        rules.extend([100.0, 150.0, 400.0].map(|x| v(x, 550.0, 700.0)));
        rules.push(v(275.0, 640.0, 650.0));
        let mut xs: Vec<f32> = implied_columns(&rules, &[]).iter().map(|r| r.at).collect();
        xs.sort_by(f32::total_cmp);
        assert_eq!(xs.len(), 4, "{xs:?}");
        assert!(
            (xs[0] - 200.25).abs() < 0.1 && (xs[3] - 350.25).abs() < 0.1,
            "{xs:?}"
        );
        // With a second column rule drawn, half the breaks have rules: none implied.
        rules.push(v(250.0, 550.0, 700.0));
        assert!(implied_columns(&rules, &[]).is_empty());
    }

    #[test]
    fn a_dashed_rule_breaks_into_no_cells() {
        let mut rules: Vec<Rule> = [700.0, 650.0, 600.0, 550.0]
            .iter()
            .flat_map(|&y| {
                (0..75).map(move |i| h(y, 100.0 + i as f32 * 4.0, 103.0 + i as f32 * 4.0))
            })
            .collect();
        rules.extend([100.0, 400.0].map(|x| v(x, 550.0, 700.0)));
        assert!(implied_columns(&rules, &[]).is_empty());
    }

    #[test]
    fn a_break_the_text_runs_over_in_most_rows_is_no_column() {
        let mut rules = cell_by_cell(&[700.0, 650.0, 600.0, 550.0]);
        rules.extend([100.0, 400.0].map(|x| v(x, 550.0, 700.0)));
        // Words over x = 200 in two rows of three; 300 stays a gutter.
        let words = [(150.0, 250.0, 625.0), (160.0, 240.0, 675.0)];
        let xs: Vec<f32> = implied_columns(&rules, &words)
            .iter()
            .map(|r| r.at)
            .collect();
        assert_eq!(xs.len(), 1, "{xs:?}");
        assert!((xs[0] - 300.5).abs() < 0.1, "{xs:?}");
    }

    #[test]
    fn a_word_over_an_implied_edge_merges_the_cells_of_its_band() {
        let implied = [v(200.0, 550.0, 700.0)];
        let words = [(150.0, 250.0, 575.0), (250.0, 350.0, 575.0)];
        let seps = vec![100.0, 200.0, 300.0, 400.0];
        // The word over 200 merges the cells beside it; 300 is drawn: kept.
        assert_eq!(
            unless_run_over(seps.clone(), (550.0, 600.0), &implied, &words),
            [100.0, 300.0, 400.0]
        );
        // A band without words over the edge keeps it.
        assert_eq!(
            unless_run_over(seps.clone(), (600.0, 650.0), &implied, &words),
            seps
        );
    }

    #[test]
    fn whole_rules_or_a_break_on_two_rows_imply_nothing() {
        let whole: Vec<Rule> = [700.0, 650.0, 600.0, 550.0, 500.0, 450.0]
            .iter()
            .map(|&y| h(y, 100.0, 400.0))
            .collect();
        assert!(implied_columns(&whole, &[]).is_empty());
        // Two rules drawn in two pieces among six whole ones: not a column.
        let mut some = whole.clone();
        some.extend([h(425.0, 100.0, 250.0), h(425.0, 250.5, 400.0)]);
        some.extend([h(400.0, 100.0, 250.0), h(400.0, 250.5, 400.0)]);
        assert!(implied_columns(&some, &[]).is_empty());
    }

    #[test]
    fn a_row_rule_starting_at_a_break_does_not_run_over_it() {
        // A frame 100–400; the rules above and below break at 200 and 300,
        // the four rows between are ruled only right of 200 (the cells left
        // of it merged downwards): their rules start at 200, never cross it.
        let segmented = |y: f32| [h(y, 100.0, 200.0), h(y, 200.2, 300.0), h(y, 300.2, 400.0)];
        let frame = [100.0, 400.0].map(|x| Rule {
            horizontal: false,
            at: x,
            from: 500.0,
            to: 620.0,
        });
        let mut rules: Vec<Rule> = [500.0, 520.0, 620.0]
            .into_iter()
            .flat_map(segmented)
            .collect();
        rules.extend(frame);
        let mut started = rules.clone();
        for y in [540.0, 560.0, 580.0, 600.0] {
            started.extend([h(y, 199.8, 300.0), h(y, 300.2, 400.0)]);
        }
        let xs: Vec<f32> = implied_columns(&started, &[])
            .iter()
            .map(|r| r.at)
            .collect();
        assert_eq!(xs.len(), 2, "{xs:?}");
        assert!((xs[0] - 200.1).abs() < 0.2, "{xs:?}");
        // Rows ruled across the whole table outvote the three breaks.
        let mut crossed = rules;
        for y in [540.0, 560.0, 580.0, 600.0] {
            crossed.push(h(y, 100.0, 400.0));
        }
        assert!(implied_columns(&crossed, &[]).is_empty());
    }

    #[test]
    fn a_box_inside_a_cell_makes_no_column() {
        // Columns at 100, 200, 300; in the band 400–500 a framed box from
        // 150 to 250 stands in its lower half only (a formula under its text).
        let v = |at: f32, from: f32, to: f32| Rule {
            horizontal: false,
            at,
            from,
            to,
        };
        let grid = Lattice {
            ys: vec![400.0, 500.0],
            verticals: vec![
                v(100.0, 400.0, 500.0),
                v(200.0, 400.0, 500.0),
                v(300.0, 400.0, 500.0),
                v(150.0, 450.0, 499.0),
                v(250.0, 450.0, 499.0),
            ],
            x0: 100.0,
            x1: 300.0,
        };
        assert_eq!(separators(&grid, 400.0, 500.0), [100.0, 200.0, 300.0]);
        // Column rules drawn a little short of the band's rules are its edges.
        let grid = Lattice {
            verticals: vec![
                v(100.0, 401.5, 498.5),
                v(200.0, 401.5, 498.5),
                v(300.0, 401.0, 499.0),
            ],
            ..grid
        };
        assert_eq!(separators(&grid, 400.0, 500.0), [100.0, 200.0, 300.0]);
        // A column rule drawn in two pieces, the lower one a point off, is one edge.
        let grid = Lattice {
            verticals: vec![
                v(100.0, 300.0, 600.0),
                v(200.8, 300.0, 450.0),
                v(200.0, 450.0, 600.0),
                v(300.0, 300.0, 600.0),
            ],
            ..grid
        };
        assert_eq!(separators(&grid, 400.0, 500.0), [100.0, 200.0, 300.0]);
    }

    #[test]
    fn a_label_over_the_figure_its_band_row_starts_at_is_one_cell() {
        // A header band: "Target*" over "2016" in two columns, the figures
        // "2016" starting the band's row: one cell each, never two cells in
        // one place (the label lost).
        let cell = |x: f32, label: &str| {
            let mut g = glyph_run(label, x + 5.0, 100.0, 5.0);
            g.extend(glyph_run("2016", x + 5.0, 110.0, 5.0));
            g
        };
        let seps = [100.0, 200.0, 300.0];
        let band = split_band(
            vec![cell(100.0, "Target*"), cell(200.0, "Realisasi")],
            &seps,
        );
        assert_eq!(band.rows, 1);
        for slot in &band.slots {
            match slot {
                Slot::Items(items) => assert_eq!(items.len(), 1),
                Slot::Whole(_) => {}
            }
        }
        // Figures on two baselines in both columns are still two rows.
        let cell = |x: f32| {
            let mut g = glyph_run("10", x + 5.0, 100.0, 5.0);
            g.extend(glyph_run("20", x + 5.0, 110.0, 5.0));
            g
        };
        let band = split_band(vec![cell(100.0), cell(200.0)], &seps);
        assert_eq!(band.rows, 2);
    }

    /// A cell's glyphs: each line of text at its baseline, from `x`.
    fn lines_at(x: f32, lines: &[(&str, f32)]) -> Vec<Glyph> {
        lines
            .iter()
            .flat_map(|(text, y)| glyph_run(text, x + 2.0, *y, 5.0))
            .collect()
    }

    /// The band's text row by row, cell by cell (a whole cell in its first
    /// row), spaces left out.
    fn band_text(band: &BandRows) -> Vec<Vec<String>> {
        let text = |g: &[Glyph]| {
            g.iter()
                .map(|g| g.text.to_string())
                .collect::<String>()
                .replace(' ', "")
        };
        let mut out = vec![vec![String::new(); band.slots.len()]; band.rows];
        for (k, slot) in band.slots.iter().enumerate() {
            match slot {
                Slot::Whole(g) => out[0][k] = text(g),
                Slot::Items(items) => {
                    for item in items {
                        out[item.first][k] = text(&item.glyphs);
                    }
                }
            }
        }
        out
    }

    /// A figure set flush against its cell's right edge `right` on baseline y.
    fn flush_right(text: &str, right: f32, y: f32) -> Vec<Glyph> {
        glyph_run(
            text,
            right - 2.0 - 5.0 * text.chars().count() as f32,
            y,
            5.0,
        )
    }

    #[test]
    fn a_column_of_item_numbers_keeps_one_number_a_row() {
        // "1." "2." "3." fill a narrow No column to its edge, beside names
        // and two columns of figures in a band no rule divides.
        let seps = [0.0, 14.0, 100.0, 160.0, 220.0];
        let numbers = lines_at(0.0, &[("1.", 100.0), ("2.", 110.0), ("3.", 120.0)]);
        let names = lines_at(
            14.0,
            &[
                ("Sapi Perah", 100.0),
                ("Sapi Potong", 110.0),
                ("Kerbau", 120.0),
            ],
        );
        let figures = |right: f32, v: [&str; 3]| -> Vec<Glyph> {
            [100.0, 110.0, 120.0]
                .iter()
                .zip(v)
                .flat_map(|(y, t)| flush_right(t, right, *y))
                .collect()
        };
        let band = split_band(
            vec![
                numbers,
                names,
                figures(160.0, ["103.832", "382.949", "108.303"]),
                figures(220.0, ["109.024", "401.024", "109.386"]),
            ],
            &seps,
        );
        assert_eq!(
            band_text(&band),
            [
                ["1.", "SapiPerah", "103.832", "109.024"],
                ["2.", "SapiPotong", "382.949", "401.024"],
                ["3.", "Kerbau", "108.303", "109.386"],
            ]
        );
    }

    #[test]
    fn figures_stacked_in_a_cell_stay_two_values() {
        // "35.317." (a stray dot) over "25.006.794", each flush right at
        // its row: no broken figure, two rows' values.
        let seps = [0.0, 60.0, 120.0, 180.0];
        let names = lines_at(0.0, &[("Kerbau", 100.0), ("Kuda", 110.0), ("Ayam", 120.0)]);
        let column = |v: [&str; 3]| -> Vec<Glyph> {
            [100.0, 110.0, 120.0]
                .iter()
                .zip(v)
                .flat_map(|(y, t)| flush_right(t, 120.0, *y))
                .collect()
        };
        let other: Vec<Glyph> = [100.0, 110.0, 120.0]
            .iter()
            .zip(["2.689.572", "35.317", "24.536.354"])
            .flat_map(|(y, t)| flush_right(t, 180.0, *y))
            .collect();
        let band = split_band(
            vec![names, column(["2.602.515", "35.317.", "25.006.794"]), other],
            &seps,
        );
        assert_eq!(
            band_text(&band),
            [
                ["Kerbau", "2.602.515", "2.689.572"],
                ["Kuda", "35.317.", "35.317"],
                ["Ayam", "25.006.794", "24.536.354"],
            ]
        );
    }

    #[test]
    fn names_listed_one_a_row_under_a_heading_take_a_row_each() {
        // "I. Populasi Ternak :" heads items numbered "1.", "2." whose
        // names carry no marker; "II." opens the next group in the other
        // number column, on a row of its own.
        let seps = [0.0, 14.0, 100.0, 140.0, 200.0, 214.0, 300.0, 360.0];
        let numbers = lines_at(0.0, &[("I.", 91.0), ("1.", 100.0), ("2.", 110.0)]);
        let names = lines_at(
            14.0,
            &[
                ("Populasi Ternak :", 91.0),
                ("Sapi Potong", 100.0),
                ("Sapi Perah", 110.0),
            ],
        );
        let units = lines_at(100.0, &[("Ekor", 100.0), ("Ekor", 110.0)]);
        let left = lines_at(140.0, &[("466.272", 100.0), ("143.774", 110.0)]);
        let numbers2 = lines_at(200.0, &[("1.", 100.0), ("II.", 110.0), ("1.", 120.0)]);
        let names2 = lines_at(
            214.0,
            &[("- Itik", 100.0), ("Telur", 110.0), ("- Ayam Buras", 120.0)],
        );
        let right = lines_at(
            300.0,
            &[("6.512", 100.0), ("217.235", 110.0), ("19.664", 120.0)],
        );
        let band = split_band(
            vec![numbers, names, units, left, numbers2, names2, right],
            &seps,
        );
        assert_eq!(
            band_text(&band),
            [
                ["I.", "PopulasiTernak:", "", "", "", "", ""],
                [
                    "1.",
                    "SapiPotong",
                    "Ekor",
                    "466.272",
                    "1.",
                    "-Itik",
                    "6.512"
                ],
                [
                    "2.",
                    "SapiPerah",
                    "Ekor",
                    "143.774",
                    "II.",
                    "Telur",
                    "217.235"
                ],
                ["", "", "", "", "1.", "-AyamBuras", "19.664"],
            ]
        );
    }

    #[test]
    fn numbered_rows_take_their_names_with_the_wrapped_lines() {
        // Each program's name wraps a line below its number and amounts,
        // the next program following at the same pitch: the rows counted
        // 1, 2, 3 by the No column start at the names' first lines.
        let seps = [0.0, 20.0, 120.0, 200.0, 280.0];
        let numbers = lines_at(0.0, &[("1", 100.0), ("2", 121.0), ("3", 142.0)]);
        let names = lines_at(
            20.0,
            &[
                ("Program Pengendalian", 100.0),
                ("Lingkungan Hidup", 110.5),
                ("Program Perencanaan", 121.0),
                ("Daerah", 131.5),
                ("Program Pelayanan", 142.0),
            ],
        );
        let amounts = |x: f32| {
            lines_at(
                x,
                &[
                    ("129.000.000", 100.0),
                    ("450.000.000", 121.0),
                    ("5.238.360.500", 142.0),
                ],
            )
        };
        let band = split_band(vec![numbers, names, amounts(120.0), amounts(200.0)], &seps);
        assert_eq!(
            band_text(&band),
            [
                [
                    "1",
                    "ProgramPengendalianLingkunganHidup",
                    "129.000.000",
                    "129.000.000"
                ],
                [
                    "2",
                    "ProgramPerencanaanDaerah",
                    "450.000.000",
                    "450.000.000"
                ],
                ["3", "ProgramPelayanan", "5.238.360.500", "5.238.360.500"],
            ]
        );
    }

    #[test]
    fn a_row_numbering_the_columns_stands_apart_in_its_band() {
        // A shaded numbering row with no rule under it: the header's last
        // line above it and the first body row below it are rows apart.
        let seps = [0.0, 20.0, 120.0, 200.0, 280.0];
        let band = split_band(
            vec![
                lines_at(0.0, &[("(1)", 110.0), ("1", 120.0)]),
                lines_at(20.0, &[("(2)", 110.0), ("BELANJA LANGSUNG", 120.0)]),
                lines_at(120.0, &[("(3)", 110.0)]),
                lines_at(200.0, &[("(%)", 100.0), ("(4)", 110.0)]),
            ],
            &seps,
        );
        assert_eq!(
            band_text(&band),
            [
                ["", "", "", "(%)"],
                ["(1)", "(2)", "(3)", "(4)"],
                ["1", "BELANJALANGSUNG", "", ""],
            ]
        );
    }

    #[test]
    fn items_take_the_rows_of_figures_in_order_where_their_lines_drift() {
        // "b. Belanja :" over two "-" items; the second item's figures stand
        // on the first item's wrapped line, a line above its own marker.
        let seps = [0.0, 150.0, 250.0, 350.0];
        let label = lines_at(
            0.0,
            &[
                ("b. Belanja :", 100.0),
                ("- Belanja Tidak", 124.0),
                ("Langsung", 136.0),
                ("- Belanja Langsung", 148.0),
            ],
        );
        let figures = |x: f32| lines_at(x, &[("98,81", 124.0), ("91,30", 136.0)]);
        let band = split_band(vec![label, figures(150.0), figures(250.0)], &seps);
        assert_eq!(
            band_text(&band),
            [
                ["b.Belanja:", "", ""],
                ["-BelanjaTidakLangsung", "98,81", "98,81"],
                ["-BelanjaLangsung", "91,30", "91,30"],
            ]
        );
        // Left alone: an item without figures over an item standing at its
        // figures and an unmarked row of figures under it (the figures
        // never go to an item above the one they stand beside).
        let label = lines_at(
            0.0,
            &[
                ("a. Pegawai", 100.0),
                ("b. Barang", 112.0),
                ("Jumlah", 124.0),
            ],
        );
        let figures = |x: f32| lines_at(x, &[("10", 112.0), ("30", 124.0)]);
        let band = split_band(vec![label, figures(150.0), figures(250.0)], &seps);
        let rows = band_text(&band);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][1], "10");
    }

    #[test]
    fn one_column_of_figures_splits_beside_listed_or_spaced_items() {
        let seps = [0.0, 200.0, 260.0];
        // "a." and "b." with "-" sub-lists, each figure centred beside its item.
        let label = lines_at(
            0.0,
            &[
                ("a. Jumlah kesepakatan", 100.0),
                ("- Pemerintahan", 112.0),
                ("- Pembangunan", 124.0),
                ("b. Jumlah rekomendasi", 148.0),
                ("- Pemerintahan", 160.0),
                ("- Pembangunan", 172.0),
            ],
        );
        let figures = lines_at(200.0, &[("4", 112.0), ("30", 160.0)]);
        let band = split_band(vec![label, figures], &seps);
        assert_eq!(band.rows, 2);
        assert_eq!(band_text(&band)[1][1], "30");
        // Indicators without markers, some wrapped, set apart by blank lines,
        // each with its target.
        let label = lines_at(
            0.0,
            &[
                ("Waktu tanggap", 100.0),
                ("gawat darurat", 112.0),
                ("Nett Death Rate", 136.0),
                ("Angka Infeksi", 160.0),
            ],
        );
        let figures = lines_at(
            200.0,
            &[("100.00", 100.0), ("90.00", 136.0), ("80.00", 160.0)],
        );
        let band = split_band(vec![label, figures], &seps);
        assert_eq!(band.rows, 3);
        // Left alone: two figures beside a label wrapped once, no gap.
        let label = lines_at(
            0.0,
            &[("Persentase dokumen", 100.0), ("yang disusun", 112.0)],
        );
        let figures = lines_at(200.0, &[("100", 100.0), ("2016", 112.0)]);
        assert_eq!(split_band(vec![label, figures], &seps).rows, 1);
        // A scale, its steps one a line beside one-line categories with no
        // blank lines between: a row each.
        let steps = lines_at(
            0.0,
            &[
                ("> 100 %", 100.0),
                ("80 – 100 %", 112.0),
                ("50 - 80 %", 124.0),
                ("< 50 %", 136.0),
            ],
        );
        let label = lines_at(
            200.0,
            &[
                ("Sangat Baik", 100.0),
                ("Baik", 112.0),
                ("Sedang", 124.0),
                ("Kurang", 136.0),
            ],
        );
        let band = split_band(vec![steps, label], &seps);
        assert_eq!(band.rows, 4);
        assert_eq!(band_text(&band)[1], ["80–100%", "Baik"]);
        // A column of "-" (nil) beside the figures lists no items: the
        // labels do.
        let seps = [0.0, 200.0, 260.0, 320.0, 360.0];
        let label = lines_at(
            0.0,
            &[
                ("a. Persentase", 100.0),
                ("dokumen", 112.0),
                ("b. Opini", 136.0),
            ],
        );
        let figures = |x: f32| lines_at(x, &[("100%", 100.0), ("90%", 124.0)]);
        let nil = lines_at(320.0, &[("-", 100.0), ("-", 124.0)]);
        let band = split_band(vec![label, figures(200.0), figures(260.0), nil], &seps);
        assert_eq!(band_text(&band)[1], ["b.Opini", "90%", "90%", "-"]);
    }

    #[test]
    fn a_dash_set_off_its_item_line_starts_that_item() {
        // "- Susu": the dash 5 points under its word; the figures stand on
        // the word's baseline. Three items, three rows.
        let seps = [0.0, 150.0, 250.0, 350.0];
        let mut label = lines_at(0.0, &[("- Daging", 100.0), ("- Telur", 132.0)]);
        label.extend(glyph_run("Susu", 12.0, 116.0, 5.0));
        label.extend(glyph_run("-", 2.0, 121.0, 5.0));
        label.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let figures = |x: f32| lines_at(x, &[("60", 100.0), ("62", 116.0), ("50", 132.0)]);
        let band = split_band(vec![label, figures(150.0), figures(250.0)], &seps);
        let rows = band_text(&band);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][..2], ["-Susu".to_string(), "62".to_string()]);
        // Left alone: a "-" (nil) under a figure, a line apart.
        let nil = lines_at(150.0, &[("60", 100.0), ("-", 112.0)]);
        assert_eq!(CellLines::of(&nil, 250.0, 9.0).lines.len(), 2);
    }

    #[test]
    fn an_item_number_alone_on_its_line_is_no_figure() {
        // "3.10.5" on a line of its own, its words under it: an item, the
        // figures beside it (set a line higher) its row.
        let seps = [0.0, 150.0, 250.0, 350.0];
        let label = lines_at(
            0.0,
            &[
                ("3.10.4 RTH", 100.0),
                ("rata-rata", 112.0),
                ("3.10.5", 136.0),
                ("Sampah", 148.0),
            ],
        );
        let figures = |x: f32| lines_at(x, &[("0.820", 100.0), ("5", 124.0)]);
        let band = split_band(vec![label, figures(150.0), figures(250.0)], &seps);
        assert_eq!(band.rows, 2);
        assert_eq!(band_text(&band)[1][0], "3.10.5Sampah");
        assert_eq!(band_text(&band)[1][1], "5");
    }

    #[test]
    fn a_table_ruled_only_between_rows_reads_as_a_grid() {
        let mut rules = cell_by_cell(&[700.0, 650.0, 600.0, 550.0]);
        for x in [100.0, 400.0] {
            rules.push(Rule {
                horizontal: false,
                at: x,
                from: 550.0,
                to: 700.0,
            });
        }
        assert!(grids(&rules).iter().all(|g| g.verticals.len() == 2));
        rules.extend(implied_columns(&rules, &[]));
        let lattices = grids(&rules);
        assert_eq!(lattices.len(), 1);
        assert_eq!(separators(&lattices[0], 600.0, 650.0).len(), 4);
    }

    #[test]
    fn amounts_broken_beside_a_currency_mark_are_one_row() {
        // Two amount cells (100–200, 200–300), each "1.506.190.00" / "Rp" /
        // "0": one amount a cell, not two rows.
        let cell = |x: f32| {
            let mut g = glyph_run("1.506.190.00", x + 38.0, 100.0, 5.0);
            g.extend(glyph_run("Rp", x + 2.0, 106.5, 5.0));
            g.extend(glyph_run("0", x + 93.0, 113.0, 5.0));
            g
        };
        let band = split_band(vec![cell(100.0), cell(200.0)], &[100.0, 200.0, 300.0]);
        assert_eq!(band.rows, 1);
        // Whole amounts stacked in both cells are two rows.
        let cell = |x: f32| {
            let mut g = glyph_run("100.000", x + 63.0, 100.0, 5.0);
            g.extend(glyph_run("Rp", x + 2.0, 106.5, 5.0));
            g.extend(glyph_run("200.000", x + 63.0, 113.0, 5.0));
            g
        };
        let band = split_band(vec![cell(100.0), cell(200.0)], &[100.0, 200.0, 300.0]);
        assert_eq!(band.rows, 2);
    }

    /// A box from `x0`,`top` to `x1`,`bottom`: four rules.
    fn boxed(x0: f32, top: f32, x1: f32, bottom: f32) -> Vec<Rule> {
        let v = |at: f32| Rule {
            horizontal: false,
            at,
            from: top,
            to: bottom,
        };
        vec![h(top, x0, x1), h(bottom, x0, x1), v(x0), v(x1)]
    }

    /// Word's shaded cells of a table without borders: each cell's box and,
    /// inside it, a piece behind each line of its text.
    fn shaded_cells(columns: &[f32], rows: &[f32]) -> Vec<[f32; 4]> {
        let mut fills = Vec::new();
        for r in rows.windows(2) {
            for c in columns.windows(2) {
                fills.push([c[0], r[0], c[1] + 0.3, r[1] + 0.3]);
                fills.push([c[0] + 4.6, r[0], c[1] - 4.6, r[0] + 11.0]);
            }
        }
        fills
    }

    #[test]
    fn boxes_tiling_two_rows_and_two_columns_are_cells() {
        let fills = shaded_cells(&[100.0, 200.0, 300.0], &[100.0, 130.0, 160.0]);
        let mut cells = cell_boxes(&fills);
        cells.sort_by(|a, b| a[1].total_cmp(&b[1]).then(a[0].total_cmp(&b[0])));
        // The four cells; the pieces behind the lines are inside them.
        let corners: Vec<(f32, f32)> = cells.iter().map(|b| (b[0], b[1])).collect();
        assert_eq!(
            corners,
            [
                (100.0, 100.0),
                (200.0, 100.0),
                (100.0, 130.0),
                (200.0, 130.0)
            ]
        );
        // One row of boxes side by side (a banner), a paragraph shaded line by
        // line, and padding strips beside a text's box tile no table.
        let banner = [[100.0, 10.0, 150.0, 30.0], [150.0, 10.0, 400.0, 30.0]];
        assert!(cell_boxes(&banner).is_empty());
        let paragraph = [[100.0, 10.0, 400.0, 22.0], [100.0, 22.0, 400.0, 34.0]];
        assert!(cell_boxes(&paragraph).is_empty());
        let mut padded = Vec::new();
        for top in [100.0, 114.0] {
            for x in [100.0, 200.0] {
                padded.push([x, top, x + 5.4, top + 14.0]);
                padded.push([x + 5.4, top, x + 94.6, top + 14.0]);
                padded.push([x + 94.6, top, x + 100.0, top + 14.0]);
            }
        }
        assert!(cell_boxes(&padded).is_empty());
    }

    #[test]
    fn a_table_shown_only_by_its_shaded_cells_reads_as_a_grid() {
        // Two rules over the header only (the table starts at a page's foot):
        // the cells' boxes give the columns and the body row.
        let rules = vec![h(100.0, 100.0, 300.0), h(130.0, 100.0, 300.0)];
        let fills = shaded_cells(&[100.0, 200.0, 300.0], &[100.0, 130.0, 160.0]);
        let mut glyphs = glyph_run("Sasaran", 105.0, 115.0, 4.0);
        glyphs.extend(glyph_run("Target", 205.0, 115.0, 4.0));
        glyphs.extend(glyph_run("Meningkatnya", 105.0, 145.0, 4.0));
        glyphs.extend(glyph_run("1 Dokumen", 205.0, 145.0, 4.0));
        let tables = ruled_tables(&mut glyphs.clone(), &rules, &cell_boxes(&fills), 0);
        assert_eq!(tables.len(), 1);
        let texts: Vec<String> = tables[0].lines.iter().map(TextLine::text).collect();
        assert_eq!(texts, ["Sasaran\tTarget", "Meningkatnya\t1 Dokumen"]);
        // Where stroked rules draw the table, its shading adds no edge: a
        // box drawn over two ruled columns does not split them.
        let mut ruled = Vec::new();
        for (top, bottom) in [(100.0, 130.0), (130.0, 160.0)] {
            ruled.extend(boxed(100.0, top, 200.0, bottom));
            ruled.extend(boxed(200.0, top, 300.0, bottom));
        }
        let odd = shaded_cells(&[100.0, 150.0, 300.0], &[100.0, 130.0, 160.0]);
        let tables = ruled_tables(&mut glyphs, &ruled, &cell_boxes(&odd), 0);
        let texts: Vec<String> = tables[0].lines.iter().map(TextLine::text).collect();
        assert_eq!(texts, ["Sasaran\tTarget", "Meningkatnya\t1 Dokumen"]);
    }

    #[test]
    fn a_shaded_cell_ending_beside_a_merged_one_ends_its_row() {
        // Rules round the header and the body only; in the body one sasaran
        // (merged down) beside two indicators, the first's cells shaded,
        // the second's left white.
        let mut rules = Vec::new();
        for (top, bottom) in [(100.0, 130.0), (130.0, 200.0)] {
            for x in [100.0, 200.0, 300.0] {
                rules.extend(boxed(x, top, x + 100.0, bottom));
            }
        }
        let mut fills = shaded_cells(&[100.0, 200.0, 300.0, 400.0], &[100.0, 130.0]);
        fills.push([100.0, 130.0, 200.3, 200.0]);
        fills.push([200.0, 130.0, 300.3, 165.0]);
        fills.push([300.0, 130.0, 400.0, 165.0]);
        let mut glyphs = Vec::new();
        for (text, x, y) in [
            ("Sasaran", 105.0, 118.0),
            ("Indikator", 205.0, 118.0),
            ("Target", 305.0, 118.0),
            ("Meningkatnya", 105.0, 145.0),
            ("Jumlah", 205.0, 145.0),
            ("1 Dokumen", 305.0, 145.0),
            ("Cakupan", 205.0, 185.0),
            ("3 Dokumen", 305.0, 185.0),
        ] {
            glyphs.extend(glyph_run(text, x, y, 4.0));
        }
        let tables = ruled_tables(&mut glyphs.clone(), &rules, &cell_boxes(&fills), 0);
        let texts: Vec<String> = tables[0].lines.iter().map(TextLine::text).collect();
        assert_eq!(
            texts,
            [
                "Sasaran\tIndikator\tTarget",
                "Meningkatnya\tJumlah\t1 Dokumen",
                "\tCakupan\t3 Dokumen"
            ]
        );
        // The second indicator shaded too (a box under the first): no row
        // is told from the shading, as in a header's title over its label.
        fills.push([200.0, 165.0, 300.3, 200.0]);
        fills.push([300.0, 165.0, 400.0, 200.0]);
        let tables = ruled_tables(&mut glyphs, &rules, &cell_boxes(&fills), 0);
        assert_eq!(tables[0].lines.len(), 2);
    }

    #[test]
    fn cells_drawn_apart_by_cell_spacing_are_one_grid() {
        // Word's cell spacing: every cell its own box, 2.2 points from the
        // next, row and column alike. One table of two rows and two columns.
        let spaced = |gap: f32| {
            let mut rules = Vec::new();
            for (top, bottom) in [(100.0, 120.0), (120.0 + gap, 140.0 + gap)] {
                rules.extend(boxed(100.0, top, 200.0, bottom));
                rules.extend(boxed(200.0 + gap, top, 300.0 + gap, bottom));
            }
            rules
        };
        let mut glyphs = glyph_run("Jumlah", 105.0, 115.0, 4.0);
        glyphs.extend(glyph_run("Target", 210.0, 115.0, 4.0));
        glyphs.extend(glyph_run("Total", 105.0, 137.0, 4.0));
        glyphs.extend(glyph_run("469.325", 210.0, 137.0, 4.0));
        let tables = ruled_tables(&mut glyphs.clone(), &spaced(2.2), &[], 0);
        assert_eq!(tables.len(), 1);
        let texts: Vec<String> = tables[0].lines.iter().map(TextLine::text).collect();
        assert_eq!(texts, ["Jumlah\tTarget", "Total\t469.325"]);
        // Boxes set further apart are boxes of their own, never one grid.
        let tables = ruled_tables(&mut glyphs, &spaced(8.0), &[], 0);
        assert!(tables.iter().all(|t| t.lines.len() == 1));
    }

    #[test]
    fn a_column_rule_drawn_off_in_some_rows_is_one_edge() {
        let band = |top: f32, xs: &[f32]| (top, top + 20.0, xs.to_vec());
        // Header rows rule at 368.7, body rows at 375.7: one edge.
        let bands = vec![
            band(100.0, &[127.0, 248.0, 368.7, 446.7]),
            band(120.0, &[127.0, 248.0, 368.7, 446.7]),
            band(140.0, &[127.0, 248.0, 375.7, 446.7]),
        ];
        let xs = column_edges(&bands, &[0, 1, 2]);
        assert_eq!(xs.len(), 4);
        assert_eq!(column_at(&xs, 375.7), 2);
        assert_eq!(column_at(&xs, 446.7), 3);
        // Two rules in one row are two edges, however close.
        let bands = vec![
            band(100.0, &[127.0, 368.7, 446.7]),
            band(120.0, &[127.0, 368.7, 375.7, 446.7]),
        ];
        assert_eq!(column_edges(&bands, &[0, 1]).len(), 4);
    }

    #[test]
    fn a_title_over_labels_a_header_leaves_unruled_heads_each_column() {
        // A shaded header: the rule at x = 300 runs under it only. "Realisasi"
        // is centred over it, "Keuangan" and "Fisik" each stand in a column.
        let mut rules: Vec<Rule> = [100.0, 140.0, 160.0]
            .iter()
            .map(|&y| h(y, 100.0, 400.0))
            .collect();
        rules.extend([100.0, 200.0, 400.0].map(|x| v(x, 100.0, 160.0)));
        rules.push(v(300.0, 140.0, 160.0));
        let table = |lower: &[(&str, f32)]| {
            let mut glyphs = glyph_run("Anggaran", 105.0, 125.0, 4.0);
            glyphs.extend(glyph_run("Realisasi", 282.0, 115.0, 4.0));
            for (text, x) in lower {
                glyphs.extend(glyph_run(text, *x, 135.0, 4.0));
            }
            glyphs.extend(glyph_run("100.000", 105.0, 155.0, 4.0));
            glyphs.extend(glyph_run("90.000", 210.0, 155.0, 4.0));
            glyphs.extend(glyph_run("90%", 310.0, 155.0, 4.0));
            ruled_tables(&mut glyphs, &rules, &[], 0)
        };
        let tables = table(&[("Keuangan", 215.0), ("Fisik", 335.0)]);
        let grid = &tables[0].grid;
        assert_eq!((grid.rows, grid.cols), (3, 3));
        let cells: Vec<(Range<usize>, Range<usize>, &str)> = grid
            .cells
            .iter()
            .map(|c| (c.rows.clone(), c.cols.clone(), c.text.as_str()))
            .collect();
        assert_eq!(
            cells[..4],
            [
                (0..2, 0..1, "Anggaran"),
                (0..1, 1..3, "Realisasi"),
                (1..2, 1..2, "Keuangan"),
                (1..2, 2..3, "Fisik"),
            ]
        );
        let texts: Vec<String> = tables[0].lines.iter().map(TextLine::text).collect();
        assert_eq!(
            texts,
            [
                "Anggaran\tRealisasi",
                "Keuangan\tFisik",
                "100.000\t90.000\t90%"
            ]
        );
        // A title's wrapped words a word space apart stay the title's.
        let tables = table(&[("Anggaran", 262.0), ("Kas", 302.0)]);
        assert_eq!(tables[0].grid.rows, 2);
        assert_eq!(tables[0].grid.cells[1].text, "Realisasi Anggaran Kas");
    }

    #[test]
    fn a_word_a_rule_runs_through_goes_whole_to_one_cell() {
        // Two rows of two cells; the figure of the second row runs over the
        // column rule at x = 200: it is read whole, in the cell of its middle.
        let mut rules = vec![
            h(100.0, 100.0, 300.0),
            h(120.0, 100.0, 300.0),
            h(140.0, 100.0, 300.0),
        ];
        for x in [100.0, 200.0, 300.0] {
            rules.push(Rule {
                horizontal: false,
                at: x,
                from: 100.0,
                to: 140.0,
            });
        }
        let mut glyphs = glyph_run("Jumlah", 105.0, 115.0, 4.0);
        glyphs.extend(glyph_run("Target", 205.0, 115.0, 4.0));
        glyphs.extend(glyph_run("Total", 105.0, 135.0, 4.0));
        glyphs.extend(glyph_run("469.325", 190.0, 135.0, 4.0));
        let tables = ruled_tables(&mut glyphs, &rules, &[], 0);
        assert_eq!(tables.len(), 1);
        let texts: Vec<String> = tables[0].lines.iter().map(TextLine::text).collect();
        assert_eq!(texts, ["Jumlah\tTarget", "Total\t469.325"]);
    }
}
