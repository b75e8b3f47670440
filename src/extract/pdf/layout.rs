//! Glyphs → lines → spans: lines by baseline, spans split at real gaps, word
//! spaces inferred from gaps when the PDF has none.

use super::content::Glyph;
use crate::extract::blocks::is_figure_text;
use crate::extract::{CellMode, Span};

/// A line of a page before numbering, with its vertical position.
#[derive(Debug, Clone)]
pub struct TextLine {
    /// Baseline (page space, y down).
    pub y: f32,
    pub spans: Vec<Span>,
    pub cells: CellMode,
    /// Index of the ruled table a row came from (rows of one table stay together).
    pub table: Option<usize>,
    /// The row of that table's grid this line shows.
    pub row: usize,
    /// The glyphs of a free-text line, kept to re-split it at columns found later.
    pub raw: Vec<Glyph>,
}

impl TextLine {
    pub fn text(&self) -> String {
        let sep = if self.cells == CellMode::Flow {
            " "
        } else {
            "\t"
        };
        self.spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(sep)
    }

    pub fn size(&self) -> f32 {
        self.spans.iter().map(|s| s.font_size).fold(0.0, f32::max)
    }
}

/// Groups glyphs (of one direction) into baseline rows, each sorted left to right.
pub fn rows(mut glyphs: Vec<Glyph>) -> Vec<(f32, Vec<Glyph>)> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Each row is a run of the sorted glyphs: its baseline and where it starts.
    let mut starts: Vec<(f32, usize)> = Vec::new();
    let mut current: Option<(f32, f32)> = None; // (baseline, size)
    for (i, g) in glyphs.iter().enumerate() {
        let size = g.size.max(1.0);
        match current.as_mut() {
            Some((y, s)) if (g.y - *y).abs() <= 0.4 * s.max(size).min(2.0 * s.min(size)) => {
                if size > *s {
                    *s = size;
                }
            }
            _ => {
                current = Some((g.y, size));
                starts.push((g.y, i));
            }
        }
    }
    let total = glyphs.len();
    let mut rest = glyphs.into_iter();
    let mut out = Vec::with_capacity(starts.len());
    let mut split = false;
    for (k, &(y, start)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(total, |next| next.1);
        let mut row: Vec<Glyph> = rest.by_ref().take(end - start).collect();
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        dedupe(&mut row);
        if let Some((text_y, number_y, number)) = margin_number(&mut row) {
            out.push((text_y, row));
            out.push((number_y, number));
            split = true;
            continue;
        }
        out.push((y, row));
    }
    // A margin number's own baseline may stand above its line's.
    if split {
        out.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    join_raised(&mut out);
    out
}

/// How far (in ems of the row's type) a page number stands from a line's
/// text for it to be a number in the margin, not a cell of that line.
const MARGIN_APART: f32 = 10.0;

/// A page number in the margin (a numbered box beside the page's last lines)
/// whose baseline is a few points off a line's is grouped with that line:
/// taken out of `row` when it is a few digits at an end of the row, far from
/// the rest of its glyphs and on a baseline of its own, and returned as a
/// row of its own (the baselines of the row and of the number with it), so
/// it is read as the page number it is, not as a cell of a table's last row.
fn margin_number(row: &mut Vec<Glyph>) -> Option<(f32, f32, Vec<Glyph>)> {
    let em = largest_size(row.iter());
    let ink = |g: &Glyph| !g.is_blank();
    let inked: Vec<usize> = (0..row.len()).filter(|&i| ink(&row[i])).collect();
    let (&first, &last) = (inked.first()?, inked.last()?);
    // The widest gap between inked glyphs, and the side beyond it.
    let (cut, gap) = inked
        .windows(2)
        .map(|w| (w[1], row[w[1]].x - (row[w[0]].x + row[w[0]].width)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    if gap < MARGIN_APART * em {
        return None;
    }
    let (left, right) = row.split_at(cut);
    let digits = |side: &[Glyph]| {
        let text: String = side.iter().map(|g| g.text.trim()).collect();
        (1..=3).contains(&text.chars().count()) && text.chars().all(|c| c.is_ascii_digit())
    };
    let baseline = |side: &[Glyph]| {
        let inked: Vec<f32> = side.iter().filter(|g| ink(g)).map(|g| g.y).collect();
        let lo = inked.iter().copied().fold(f32::INFINITY, f32::min);
        let hi = inked.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        ((hi - lo) <= 0.5).then_some(lo)
    };
    let number_right = digits(right) && !digits(left);
    let number_left = digits(left) && !digits(right);
    if !number_right && !number_left {
        return None;
    }
    let (a, b) = (baseline(left)?, baseline(right)?);
    // One baseline (cells of one row) is no margin number.
    let size = row[first].size.min(row[last].size).max(1.0);
    if (a - b).abs() <= (0.15 * size).max(1.0) {
        return None;
    }
    let number: Vec<Glyph> = if number_right {
        row.split_off(cut)
    } else {
        let rest = row.split_off(cut);
        std::mem::replace(row, rest)
    };
    Some(if number_right {
        (a, b, number)
    } else {
        (b, a, number)
    })
}

/// A row of superscripts ("m³" set as a raised small "3") joins the line it
/// is raised from, so that line's sentence is not cut: every glyph of the row
/// is smaller than that line's type, at most 0.6 of its size above its
/// baseline, starts where one of its glyphs ends and stands over none of them. A raised digit right
/// after a digit stays a word of its own (a footnote mark is no digit of a figure).
fn join_raised(rows: &mut Vec<(f32, Vec<Glyph>)>) {
    let mut i = 0;
    while i + 1 < rows.len() {
        let (y, base_y) = (rows[i].0, rows[i + 1].0);
        let base_size = largest_size(&rows[i + 1].1);
        let raised = &rows[i].1;
        // Right after the end of a glyph of the line, over no glyph of it.
        let attached = |g: &Glyph| {
            let base = &rows[i + 1].1;
            let tolerance = 0.1 * base_size;
            base.iter()
                .any(|b| (g.x - (b.x + b.width)).abs() <= 0.25 * base_size)
                && !base
                    .iter()
                    .any(|b| b.x < g.x + g.width - tolerance && b.x + b.width > g.x + tolerance)
        };
        let superscript = |g: &Glyph| g.size <= 0.8 * base_size && attached(g);
        let close = base_y > y && base_y - y <= 0.6 * base_size && !raised.is_empty();
        let joins = close && raised.iter().all(superscript);
        // A superscript sharing its row with something far from it (a page
        // number in the margin, "m³ ... 22"): the superscript alone joins.
        let apart = |g: &Glyph| {
            raised
                .iter()
                .filter(|o| !superscript(o))
                .all(|o| o.x > g.x + g.width + base_size || o.x + o.width < g.x - base_size)
        };
        let some_join = close
            && !joins
            && raised.iter().any(superscript)
            && raised.iter().filter(|g| superscript(g)).all(apart);
        if !joins && !some_join {
            i += 1;
            continue;
        }
        let raised = if joins {
            rows.remove(i).1
        } else {
            let (up, stay): (Vec<Glyph>, Vec<Glyph>) =
                rows[i].1.iter().cloned().partition(|g| superscript(g));
            rows[i].1 = stay;
            i += 1;
            up
        };
        let base = &mut rows[i].1;
        for mut g in raised {
            let after_digit = base
                .iter()
                .filter(|b| b.x < g.x)
                .max_by(|a, b| a.x.total_cmp(&b.x))
                .is_some_and(|b| b.text.chars().all(|c| c.is_ascii_digit()));
            if after_digit && g.text.chars().all(|c| c.is_ascii_digit()) {
                g.space_before = true;
            }
            base.push(g);
        }
        base.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
}

/// Fake bold prints a glyph twice at nearly the same place; keep one.
fn dedupe(row: &mut Vec<Glyph>) {
    row.dedup_by(|g, prev| {
        prev.text == g.text
            && (prev.x - g.x).abs() < 0.3 * g.size.max(1.0) * 0.5
            && (prev.y - g.y).abs() < 1.0
    });
}

fn gap(prev: &Glyph, g: &Glyph) -> f32 {
    g.x - (prev.x + prev.width)
}

/// The gap between two glyphs over which a word space is read: half the
/// font's space, between a tenth and a fifth of the font size (poppler breaks
/// words at a tenth; a fifth when the font's space is not known).
fn word_break(prev: &Glyph, g: &Glyph) -> f32 {
    let size = prev.size.max(g.size).max(1.0);
    let space = prev.space.max(g.space);
    if space > 0.0 {
        (0.5 * space).clamp(0.1 * size, 0.2 * size)
    } else {
        0.2 * size
    }
}

/// Splits a row of glyphs into spans: a new span where the gap is wider than
/// both an em and well over this line's word gaps (so justified prose stays one span).
pub fn spans(row: &[Glyph]) -> Vec<Span> {
    spans_cut(row, &[], &[])
}

/// Like [`spans`], and also splits where a glyph starts at one of `cuts` (a
/// column start seen on neighbouring lines) after any word gap, and where a
/// gap wider than a word space holds one of the block's `gutters` (see
/// [`word_gutters`]).
fn spans_cut(row: &[Glyph], cuts: &[f32], gutters: &[(f32, f32)]) -> Vec<Span> {
    let Some(first) = row.first() else {
        return Vec::new();
    };
    let em = largest_size(row);
    let mut word_gaps: Vec<f32> = row
        .windows(2)
        .map(|w| gap(&w[0], &w[1]))
        .filter(|&d| d > 0.15 * em)
        .collect();
    let median = lower_median(&mut word_gaps).unwrap_or(0.25 * em);
    let split_at = (1.0 * em).max(1.8 * median).min(2.5 * em);
    // A producer that writes its word spaces as space glyphs positions some
    // glyphs apart within words as well (a substituted font narrower than
    // the one the text was set in): on such a line a gap with no space glyph
    // is a word space only when nearly as wide as the line's own spaces.
    let mut spaced_gaps: Vec<f32> = row
        .windows(2)
        .filter(|w| w[1].space_before)
        .map(|w| gap(&w[0], &w[1]))
        .filter(|&d| d > 0.0)
        .collect();
    let spaced_gap = lower_median(&mut spaced_gaps);
    let mut out: Vec<Span> = Vec::new();
    let mut current = start_span(first);
    let mut bold_count = usize::from(first.bold);
    let mut count = 1usize;
    // The right edge of the last glyph with ink: a space glyph may reach
    // into the gap after a word.
    let mut ink_right = first.x + first.width;
    for w in row.windows(2) {
        let (prev, g) = (&w[0], &w[1]);
        let d = gap(prev, g);
        let size = prev.size.max(g.size).max(1.0);
        let at_cut = d > 0.1 * size && at_one_of(g.x, cuts);
        let at_gutter = g.x - ink_right > 0.4 * size
            && gutters
                .iter()
                .any(|&(a, b)| ink_right <= a + 0.5 && g.x >= b - 0.5);
        if !g.is_blank() {
            ink_right = g.x + g.width;
        }
        if d > split_at || at_cut || at_gutter {
            current.bold = bold_count * 2 > count;
            out.push(std::mem::replace(&mut current, start_span(g)));
            bold_count = usize::from(g.bold);
            count = 1;
            continue;
        }
        let threshold = match spaced_gap {
            Some(spaced) => word_break(prev, g).max(
                (0.62 * prev.space.max(g.space))
                    .min(0.85 * spaced)
                    .min(0.3 * size),
            ),
            None => word_break(prev, g),
        };
        let gap_space = d > threshold && !(g.glue && d < 0.8 * size);
        if ((g.space_before && d > -0.1 * size) || gap_space) && !current.text.ends_with(' ') {
            current.text.push(' ');
        }
        current.text.push_str(&g.text);
        current.width = (g.x + g.width - current.x).max(current.width);
        current.font_size = current.font_size.max(g.size);
        bold_count += usize::from(g.bold);
        count += 1;
    }
    current.bold = bold_count * 2 > count;
    out.push(current);
    for s in &mut out {
        let t = s.text.trim();
        if t.len() != s.text.len() {
            s.text = t.to_string();
        }
    }
    out.retain(|s| !s.text.is_empty());
    out
}

/// The middle value, the lower of the two middle ones of an even count.
fn lower_median(values: &mut [f32]) -> Option<f32> {
    values.sort_by(f32::total_cmp);
    values.get(values.len().saturating_sub(1) / 2).copied()
}

fn start_span(g: &Glyph) -> Span {
    Span {
        text: g.text.to_string(),
        x: g.x,
        width: g.width,
        font_size: g.size,
        bold: g.bold,
    }
}

/// How close (points) a glyph must start to a column start to be cut there.
const CUT_TOLERANCE: f32 = 2.5;

/// Whether `x` is at one of the positions `xs` (within [`CUT_TOLERANCE`]).
fn at_one_of(x: f32, xs: &[f32]) -> bool {
    xs.iter().any(|c| (x - c).abs() <= CUT_TOLERANCE)
}

/// The largest font size among glyphs, at least 1 (distances are compared
/// with multiples of it).
fn largest_size<'a>(glyphs: impl IntoIterator<Item = &'a Glyph>) -> f32 {
    glyphs.into_iter().map(|g| g.size).fold(1.0f32, f32::max)
}

/// An unruled table that runs to the bottom of a page: its column starts, and
/// whether its lines were read as whole rows.
#[derive(Debug, Default)]
pub struct Carried {
    pub starts: Vec<f32>,
    pub as_rows: bool,
    /// The pitch of its wrapped cells' lines, when known.
    pub leading: Option<f32>,
}

/// Lines of free text (not in a ruled table). Runs of lines that look like an
/// unruled table (several lines with wide gaps) are re-split at the column
/// starts they share, and all their lines become `Aligned` so that wrapped
/// cells stay with their table. `carry` holds the table that ran to the bottom
/// of the previous page, and on return the one that runs to the bottom of this one.
pub fn lines(glyphs: Vec<Glyph>, carry: &mut Carried, top: &mut Vec<f32>) -> Vec<TextLine> {
    let rows: Vec<(f32, Vec<Glyph>)> = rows(glyphs);
    let mut out = flow_lines(&rows);
    let carried = std::mem::take(carry);
    let mut replacements: Vec<Replacement> = Vec::new();
    // Whether the last block was read as whole rows, and its wrapped lines' pitch.
    let mut last_read: Option<Option<f32>> = None;
    // The end of the last block once grown: a block found inside it is
    // part of that table, already cut at its columns.
    let mut covered = 0;
    for (start, end) in aligned_blocks(&out, !carried.starts.is_empty()) {
        if end <= covered {
            continue;
        }
        let Some(block_rows) = rows.get(start..end) else {
            continue;
        };
        let columns = block_columns(block_rows, start <= 2, &carried, top);
        let (start, grown) = grow_block(&rows, &out, &columns.starts, start, end);
        let end = bridge_gaps(&rows, &out, start, grown, &columns.starts);
        covered = end;
        let gutters = word_gutters(rows.get(start..end).unwrap_or_default());
        for i in start..end {
            if let (Some(line), Some((_, row))) = (out.get_mut(i), rows.get(i)) {
                line.spans = spans_cut(row, &columns.starts, &gutters);
                line.cells = CellMode::Aligned;
            }
        }
        let read_as_rows = read_whole_rows(
            &rows,
            (start, end, grown),
            &columns,
            &carried,
            &mut replacements,
            last_read,
        );
        last_read = read_as_rows;
        // A page number or footer may follow the table's last row.
        if end + 2 >= out.len() {
            *carry = Carried {
                starts: columns.starts,
                as_rows: read_as_rows.is_some(),
                leading: read_as_rows.flatten(),
            };
        }
    }
    settle_lines(out, replacements)
}

/// Each baseline row as one line of flowing text, its glyphs kept.
fn flow_lines(rows: &[(f32, Vec<Glyph>)]) -> Vec<TextLine> {
    rows.iter()
        .map(|(y, row)| TextLine {
            y: *y,
            spans: spans(row),
            cells: CellMode::Flow,
            table: None,
            row: 0,
            raw: row.clone(),
        })
        .collect()
}

/// The columns an aligned block is cut at.
struct BlockColumns {
    /// Column starts, those of a table it continues from the previous page included.
    starts: Vec<f32>,
    /// Whether it goes on a table read as whole rows on the previous page.
    as_rows: bool,
}

/// The columns of an aligned block (`at_top`: among the page's first lines,
/// where it may continue the table `carried` over from the previous page;
/// `top` then gets its own column starts).
fn block_columns(
    block_rows: &[(f32, Vec<Glyph>)],
    at_top: bool,
    carried: &Carried,
    top: &mut Vec<f32>,
) -> BlockColumns {
    let mut starts = column_starts(block_rows);
    let continues = continues_columns(&starts, &carried.starts);
    // The rest of a table read as whole rows is read as whole rows too,
    // so that the table goes on in one mode — when every gap in its lines
    // is at one of that table's columns.
    let as_rows = at_top
        && continues
        && carried.as_rows
        && block_rows.iter().all(|(_, row)| {
            medium_cuts(row)
                .iter()
                .all(|x| at_one_of(*x, &carried.starts))
        });
    if at_top {
        top.clone_from(&starts);
        if continues {
            merge_starts(&mut starts, &carried.starts);
        }
    }
    BlockColumns { starts, as_rows }
}

/// Whether a block with column starts `starts` continues the table with
/// columns `carried`: a new table with columns of its own (most of them
/// elsewhere) does not. The first start is the margin, which every table
/// shares: it does not vote.
fn continues_columns(starts: &[f32], carried: &[f32]) -> bool {
    !carried.is_empty()
        && starts
            .iter()
            .skip(1)
            .filter(|x| at_one_of(**x, carried))
            .count()
            * 2
            >= starts.len().saturating_sub(1)
}

/// `starts` with the `carried` table's column starts added, in order, one of
/// each pair within [`CUT_TOLERANCE`] kept.
fn merge_starts(starts: &mut Vec<f32>, carried: &[f32]) {
    starts.extend(carried.iter().copied());
    starts.sort_by(f32::total_cmp);
    starts.dedup_by(|a, b| (*a - *b).abs() <= CUT_TOLERANCE);
}

/// The block `start..end` grown by the column headers and last wrapped lines
/// just outside it that share its columns.
fn grow_block(
    rows: &[(f32, Vec<Glyph>)],
    lines: &[TextLine],
    starts: &[f32],
    mut start: usize,
    mut end: usize,
) -> (usize, usize) {
    // A caption above the table is its title, never a row of it.
    let shares = |i: usize| {
        rows.get(i)
            .is_some_and(|(_, row)| cuts_share_columns(&medium_cuts(row), starts))
            && !lines.get(i).is_some_and(opens_with_caption)
    };
    let near = |a: usize, b: usize| -> bool {
        match (lines.get(a), lines.get(b)) {
            (Some(x), Some(y)) => (y.y - x.y).abs() <= 2.5 * x.size().max(y.size()).max(1.0),
            _ => false,
        }
    };
    while start > 0 && near(start - 1, start) && shares(start - 1) {
        start -= 1;
    }
    while end < lines.len() && near(end - 1, end) && shares(end) {
        end += 1;
    }
    (start, end)
}

/// How far below a table's last line (in lines of its type) the next row
/// may stand and still be read as the table's when it keeps to its columns.
const BRIDGE_LINES: f32 = 6.0;

/// The end of the block `start..end` (column `starts`) grown past a gap wider
/// than its rows stand apart, by the lines below it that keep to its columns:
/// a row under a cell merged down over empty lines (a sasaran beside the
/// last of its indicators, set further down). The first line after the gap
/// starts where a column does and has a word at another column's start; each
/// line, that one and those close under it, stays within the block's width
/// and puts no word across a gutter (an x range no word of the block covers,
/// between its columns). Justified cells leave gaps between words as wide as
/// the gutters, so such a line is read at the block's columns, not its own
/// widest gaps.
fn bridge_gaps(
    rows: &[(f32, Vec<Glyph>)],
    lines: &[TextLine],
    start: usize,
    mut end: usize,
    starts: &[f32],
) -> usize {
    let Some(block) = rows.get(start..end) else {
        return end;
    };
    let gutters = word_gutters(block);
    if gutters.len() < 2 {
        return end;
    }
    let em = block
        .iter()
        .map(|(_, row)| largest_size(row))
        .fold(1.0f32, f32::max);
    let inked = || {
        block
            .iter()
            .flat_map(|(_, row)| row)
            .filter(|g| !g.is_blank())
    };
    let left = inked().map(|g| g.x).fold(f32::INFINITY, f32::min);
    let right = inked()
        .map(|g| g.x + g.width)
        .fold(f32::NEG_INFINITY, f32::max);
    // The band (between two gutters) a word is in; None when it runs over
    // a gutter or out of the block.
    let band = |a: f32, b: f32| -> Option<usize> {
        if a < left - em || b > right + em {
            return None;
        }
        if gutters.iter().any(|&(g0, g1)| a < g1 - 0.5 && b > g0 + 0.5) {
            return None;
        }
        Some(gutters.iter().filter(|&&(_, g1)| g1 <= a + 0.5).count())
    };
    let bands_of = |words: &[(String, f32, f32)]| -> Option<Vec<usize>> {
        let bands: Option<Vec<usize>> = words.iter().map(|&(_, a, b)| band(a, b)).collect();
        bands.filter(|b| !b.is_empty())
    };
    let column_start = |x: f32| {
        (x - left).abs() <= CUT_TOLERANCE
            || at_one_of(x, starts)
            || gutters
                .iter()
                .any(|&(_, g1)| (x - g1).abs() <= CUT_TOLERANCE)
    };
    let near = |a: usize, b: usize, lines_apart: f32| -> bool {
        match (lines.get(a), lines.get(b)) {
            (Some(x), Some(y)) => {
                (y.y - x.y).abs() <= lines_apart * x.size().max(y.size()).max(1.0)
            }
            _ => false,
        }
    };
    loop {
        let Some((_, first)) = rows.get(end) else {
            return end;
        };
        // Cells start where columns do: two words of the line at column
        // starts, in two columns, the first its first word (a note under
        // the table whose words happen to miss the gutters has one).
        let first_words = words(first);
        let opens = bands_of(&first_words).is_some_and(|bands| {
            let mut at_starts: Vec<usize> = first_words
                .iter()
                .zip(&bands)
                .filter(|((_, a, _), _)| column_start(*a))
                .map(|(_, &band)| band)
                .collect();
            at_starts.dedup();
            at_starts.len() >= 2
        }) && first_words.first().is_some_and(|w| column_start(w.1));
        if end == 0 || !near(end - 1, end, BRIDGE_LINES) || !opens {
            return end;
        }
        let mut k = end + 1;
        while k < lines.len()
            && near(k - 1, k, 2.5)
            && rows
                .get(k)
                .is_some_and(|(_, row)| bands_of(&words(row)).is_some())
        {
            k += 1;
        }
        end = k;
    }
}

/// Whether a line with wide gaps at `cuts` shares the columns `starts`: a
/// wide gap at one of them, or starting at a column other than the first (a
/// line at the margin is prose).
fn cuts_share_columns(cuts: &[f32], starts: &[f32]) -> bool {
    let first_column = starts.first().copied().unwrap_or(0.0);
    let at_column = |x: &f32| at_one_of(*x, starts);
    cuts.iter().skip(1).any(at_column)
        || cuts
            .first()
            .is_some_and(|x| at_column(x) && (x - first_column).abs() > CUT_TOLERANCE)
}

/// An aligned block read as whole rows: its lines `start..end` give way to `grid`.
struct Replacement {
    start: usize,
    end: usize,
    grid: Vec<TextLine>,
}

/// Reads the block `start..end` as whole rows when its cells are centred
/// (or it goes on a table read so), queuing the rows in `replacements`.
/// Whether they are centred is told from its lines before `judged` (the
/// lines past a gap it was bridged over stand further apart than padding).
/// Returns Some (with the pitch of its wrapped lines, when known) when the
/// block is read as whole rows.
fn read_whole_rows(
    rows: &[(f32, Vec<Glyph>)],
    (start, end, judged): (usize, usize, usize),
    columns: &BlockColumns,
    carried: &Carried,
    replacements: &mut Vec<Replacement>,
    last_read: Option<Option<f32>>,
) -> Option<Option<f32>> {
    // A block grown into the lines of one already read as whole rows is
    // part of that table: its lines are in that grid, and replacing them
    // twice would drop the lines between. A block inside the last one read
    // as whole rows was read with it.
    if replacements.last().is_some_and(|r| start < r.end) {
        return last_read;
    }
    let block = rows.get(start..end)?;
    let inherited = carried.leading.filter(|_| columns.as_rows);
    let judged = judged.clamp(start, end) - start;
    let (grid, leading) = centred_rows(block, judged, &columns.starts, columns.as_rows, inherited)?;
    // List items of running text ("a) | Dinas … (114,50%), …"): no table.
    if crate::extract::blocks::is_prose(
        grid.iter()
            .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect()),
    ) {
        return None;
    }
    replacements.push(Replacement { start, end, grid });
    Some(leading)
}

/// The page's lines once blocks read as whole rows replace theirs: captions
/// joined into one span, lines of several spans `Aligned`, empty lines gone.
fn settle_lines(mut out: Vec<TextLine>, replacements: Vec<Replacement>) -> Vec<TextLine> {
    // Last first, so indices hold.
    for Replacement { start, end, grid } in replacements.into_iter().rev() {
        if start <= end && end <= out.len() {
            out.splice(start..end, grid);
        }
    }
    for line in &mut out {
        if line.table.is_none() && is_caption_line(&line.spans) {
            join_caption(line);
        } else if line.cells == CellMode::Flow && line.spans.len() > 1 {
            line.cells = CellMode::Aligned;
        }
    }
    out.retain(|l| !l.spans.is_empty());
    out
}

/// "Tabel 13." (or "Gambar 2.1:") alone in a line's first span, its title set
/// apart by a wide gap: a caption, not a row of a table of two columns.
static CAPTION_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^(tabel|table|gambar|grafik|diagram|figure)\s*([0-9]+|[ivx]+)([.\-]\s?[0-9]+)*\s*[.:]?$",
    )
    .expect("valid regex")
});

/// "Tabel 3. Sasaran …" at the start of a line.
static CAPTION_START: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^(tabel|table|gambar|grafik|diagram|figure)\s*([0-9]+|[ivx]+)([.\-]\s?[0-9]+)*\s*[.:]?(\s|$)",
    )
    .expect("valid regex")
});

/// Whether a line opens with a caption label ("Tabel 3. Sasaran …").
fn opens_with_caption(line: &TextLine) -> bool {
    line.spans
        .first()
        .is_some_and(|s| CAPTION_START.is_match(s.text.trim()))
}

fn is_caption_line(spans: &[Span]) -> bool {
    spans.len() > 1
        && spans
            .first()
            .is_some_and(|s| CAPTION_LABEL.is_match(s.text.trim()))
        && spans[1..]
            .iter()
            .any(|s| s.text.chars().any(char::is_alphabetic))
}

/// A caption line as one span of flowing text, so that it stays out of the
/// table below it and is read as that table's caption.
fn join_caption(line: &mut TextLine) {
    let (Some(first), Some(last)) = (line.spans.first(), line.spans.last()) else {
        return;
    };
    let text = line
        .spans
        .iter()
        .map(|s| s.text.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let span = Span {
        text,
        x: first.x,
        width: last.x + last.width - first.x,
        font_size: first.font_size,
        bold: first.bold,
    };
    line.spans = vec![span];
    line.cells = CellMode::Flow;
}

/// Rows of an unruled table whose cells are centred vertically (Writer's
/// default for HTML tables): a cell's first lines come before the row's other
/// cells, so lines cannot be read as rows. Rows are then told apart by the
/// wider vertical gap between them, and each becomes one `Delimited` line.
/// None when the table is top-aligned (the Aligned lines read fine).
/// `force`: read them as rows even when not centred (the rest of a table
/// that was).
/// `inherited`: the pitch of wrapped lines in the table this block continues,
/// for a block too short to show its own. Returns the rows and that pitch.
fn centred_rows(
    block: &[(f32, Vec<Glyph>)],
    judged: usize,
    starts: &[f32],
    force: bool,
    inherited: Option<f32>,
) -> Option<(Vec<TextLine>, Option<f32>)> {
    let second = *starts.get(1)?;
    let filled = |row: &[Glyph]| filled_columns(row, starts);
    let leading = cell_leading(block, &filled).or(inherited);
    // Whether the block is centred is told by the padding alone; rows of
    // figures a line apart are then told apart within it.
    let padded = segments(block.get(..judged).unwrap_or(block), leading, &[]);
    if !force && (!is_centred(&padded, second, starts) || padded.len() < 2) {
        return None;
    }
    let segments = segments(block, leading, starts);
    let out = segments
        .iter()
        .map(|seg| segment_line(seg, starts))
        .collect();
    Some((out, leading))
}

/// The column (index into `starts`) that position `x` is in.
fn column_of(starts: &[f32], x: f32) -> usize {
    starts
        .iter()
        .rposition(|&c| c <= x + CUT_TOLERANCE)
        .unwrap_or(0)
}

/// The columns a row's glyphs (by their middles) are in, left to right,
/// each once per run.
fn filled_columns(row: &[Glyph], starts: &[f32]) -> Vec<usize> {
    let mut cols: Vec<usize> = row
        .iter()
        .map(|g| column_of(starts, g.x + g.width / 2.0))
        .collect();
    cols.dedup();
    cols
}

/// Runs of lines separated by more than the pitch of a wrapped cell's lines
/// (`leading`, or a line and a quarter when unknown). A line with figures in
/// two or more of the columns where a line of the run has figures too starts
/// a run of its own: rows of figures set a line apart (no padding between
/// them) are rows, never one cell wrapped over their lines.
fn segments<'a>(
    block: &'a [(f32, Vec<Glyph>)],
    leading: Option<f32>,
    starts: &[f32],
) -> Vec<Vec<&'a (f32, Vec<Glyph>)>> {
    let mut segments: Vec<Vec<&(f32, Vec<Glyph>)>> = Vec::new();
    // The figure columns of each line of the run being built.
    let mut figures: Vec<Vec<usize>> = Vec::new();
    let mut prev: Option<&(f32, Vec<Glyph>)> = None;
    for line in block {
        let size = largest_size(
            line.1
                .iter()
                .chain(prev.map(|p| p.1.iter()).into_iter().flatten()),
        );
        let within = leading.map_or(1.25 * size, |l| l + 0.25 * size);
        let mine = figure_columns(&line.1, starts);
        let clashes = figures
            .iter()
            .any(|other| mine.iter().filter(|c| other.contains(c)).count() >= 2);
        match (prev, segments.last_mut()) {
            (Some(p), Some(seg)) if line.0 - p.0 <= within && !clashes => {
                seg.push(line);
                figures.push(mine);
            }
            _ => {
                segments.push(vec![line]);
                figures = vec![mine];
            }
        }
        prev = Some(line);
    }
    segments
}

/// The columns (indexes into `starts`) whose text on this line is one figure
/// ("129.000.000", "3,64", "2016"), each word placed by its middle.
fn figure_columns(row: &[Glyph], starts: &[f32]) -> Vec<usize> {
    if starts.len() < 2 {
        return Vec::new();
    }
    let mut cells: Vec<(usize, String)> = Vec::new();
    for (text, left, right) in words(row) {
        let column = column_of(starts, (left + right) / 2.0);
        match cells.last_mut() {
            Some((c, cell)) if *c == column => {
                cell.push(' ');
                cell.push_str(&text);
            }
            _ => cells.push((column, text)),
        }
    }
    cells
        .into_iter()
        .filter(|(_, text)| is_figure_text(text))
        .map(|(c, _)| c)
        .collect()
}

/// Whether the rows' cells are centred: some row starts with lines of other
/// cells before its first-column line (left of `second`, the second column's
/// start). Or a row whose lines come closer than a line's height (cells
/// centred against each other) and whose first line lacks a cell a later one has.
fn is_centred(segments: &[Vec<&(f32, Vec<Glyph>)>], second: f32, starts: &[f32]) -> bool {
    let first_filled = |row: &[Glyph]| row.iter().any(|g| g.x + g.width / 2.0 < second);
    let has_half_pitch = |seg: &[&(f32, Vec<Glyph>)]| {
        seg.windows(2)
            .any(|w| half_pitch_apart(w[1].0 - w[0].0, largest_size(w[0].1.iter().chain(&w[1].1))))
    };
    segments.iter().any(|seg| {
        seg.len() >= 2
            && ((seg.first().is_some_and(|l| !first_filled(&l.1))
                && seg.iter().skip(1).any(|l| first_filled(&l.1)))
                || (has_half_pitch(seg)
                    && seg.first().is_some_and(|first| {
                        let opening = filled_columns(&first.1, starts);
                        seg.iter().skip(1).any(|l| {
                            filled_columns(&l.1, starts)
                                .iter()
                                .any(|c| !opening.contains(c))
                        })
                    })))
    })
}

/// A row's lines as one `Delimited` line, a cell per column.
fn segment_line(seg: &[&(f32, Vec<Glyph>)], starts: &[f32]) -> TextLine {
    let mut cells: Vec<Vec<Glyph>> = vec![Vec::new(); starts.len()];
    // A word goes whole to the column its middle is in: a figure set
    // flush right in a row whose cells sit off the columns of the rows
    // above starts left of its column start, and must not be cut there.
    for (_, row) in seg {
        for run in word_runs(row) {
            let (Some(first), Some(last)) = (run.first(), run.last()) else {
                continue;
            };
            let middle = (first.x + last.x + last.width) / 2.0;
            if let Some(cell) = cells.get_mut(column_of(starts, middle)) {
                cell.extend(run.iter().cloned());
            }
        }
    }
    cells_line(seg.first().map_or(0.0, |l| l.0), cells, starts)
}

/// A `Delimited` line of one cell per column from each column's glyphs.
fn cells_line(y: f32, cells: Vec<Vec<Glyph>>, starts: &[f32]) -> TextLine {
    let spans = cells
        .into_iter()
        .zip(starts)
        .map(|(glyphs, &x)| {
            let (text, size, bold) = cell_text(glyphs, None);
            Span {
                text,
                x,
                width: 0.0,
                font_size: size,
                bold,
            }
        })
        .collect();
    TextLine {
        y,
        spans,
        cells: CellMode::Delimited,
        table: None,
        row: 0,
        raw: Vec::new(),
    }
}

/// The pitch of a wrapped cell's lines: the smallest distance from a line to
/// the next one with text in the same column. Trusted only when some lines
/// stand further apart (rows separated by the cells' padding); otherwise the
/// smallest distance may be that between rows, and None is returned.
fn cell_leading(
    block: &[(f32, Vec<Glyph>)],
    filled: &dyn Fn(&[Glyph]) -> Vec<usize>,
) -> Option<f32> {
    let columns: Vec<Vec<usize>> = block.iter().map(|(_, row)| filled(row)).collect();
    let leading = block
        .iter()
        .zip(&columns)
        .enumerate()
        .filter_map(|(i, ((y, row), cols))| {
            let (below, _) = block
                .iter()
                .zip(&columns)
                .skip(i + 1)
                .take(12)
                .find(|(_, other)| other.iter().any(|c| cols.contains(c)))?;
            let pitch = below.0 - y;
            let size = largest_size(row.iter().chain(&below.1));
            (pitch >= 0.8 * size && pitch <= 1.8 * size).then_some(pitch)
        })
        .min_by(f32::total_cmp)?;
    let apart = block.windows(2).any(|w| w[1].0 - w[0].0 > 1.15 * leading);
    apart.then_some(leading)
}

/// A lone line at the bottom of a page (a table's header row) that shares the
/// columns of the table at the top of the next page is re-split at them.
pub fn refit(line: &mut TextLine, starts: &[f32]) -> bool {
    if line.table.is_some() || line.cells != CellMode::Flow || starts.len() < 2 {
        return false;
    }
    let columns = starts.get(1..).unwrap_or_default();
    if !medium_cuts(&line.raw)
        .iter()
        .skip(1)
        .any(|x| at_one_of(*x, columns))
    {
        return false;
    }
    line.spans = spans_cut(&line.raw, starts, &[]);
    line.cells = CellMode::Aligned;
    true
}

/// Ranges of lines that form an unruled table: at least two lines with more
/// than one span, close together, with at most two single-span lines (wrapped
/// cells) in between that start right of the block's first column.
fn aligned_blocks(lines: &[TextLine], top_continues: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A table may open with a row whose cells are centred: lines closer
        // than a line apart, each cell on its own.
        let opening = centred_row_end(lines, i);
        if opening.is_none() && lines.get(i).is_none_or(|l| l.spans.len() < 2) {
            i += 1;
            continue;
        }
        let start = i;
        let left = block_left(lines, start, opening);
        let mut end = opening.unwrap_or(i + 1);
        let mut multi = 1;
        loop {
            match next_part(lines, start, end, left) {
                NextPart::Row(k) => {
                    multi += 1;
                    end = k + 1;
                }
                NextPart::Wrapped(k) => {
                    end = k;
                    break;
                }
                NextPart::End => break,
            }
        }
        let end = centred_tail_end(lines, end);
        // A table continued from the previous page may show one row here; a
        // running header may come before it (a block of its own when its
        // parts stand apart: "LKIP … | 2016").
        let continued = top_continues && start <= 2 && out.iter().all(|&(s, _)| s <= 2);
        if multi >= 2 || continued {
            out.push((start, end));
        }
        i = end;
    }
    out
}

/// The left edge of a block starting at line `start`: that of its first line,
/// or the leftmost of the lines of the centred row it opens with (ending at `opening`).
fn block_left(lines: &[TextLine], start: usize, opening: Option<usize>) -> f32 {
    match opening {
        Some(row_end) => lines
            .get(start..row_end)
            .into_iter()
            .flatten()
            .filter_map(|l| l.spans.first().map(|s| s.x))
            .fold(f32::INFINITY, f32::min),
        None => lines
            .get(start)
            .and_then(|l| l.spans.first())
            .map_or(0.0, |s| s.x),
    }
}

/// What follows the lines of an unruled table read so far.
#[derive(Debug, PartialEq)]
enum NextPart {
    /// Another row, at this index, after any wrapped lines: the table goes on.
    Row(usize),
    /// Only wrapped lines of the last row: the table ends before this index.
    Wrapped(usize),
    /// Nothing of the table.
    End,
}

/// What follows the table of lines `start..end` (`left`: its left edge).
fn next_part(lines: &[TextLine], start: usize, end: usize, left: f32) -> NextPart {
    let Some(prev) = end.checked_sub(1).and_then(|i| lines.get(i)) else {
        return NextPart::End;
    };
    let size = prev.size().max(1.0);
    // Single-span lines that continue a wrapped cell, then a multi-span line.
    let k = single_span_run_end(lines, end);
    let next = lines.get(k);
    // Column starts of the rows on either side; a line running across one is prose.
    let cols = inner_starts(lines.get(start..end).into_iter().flatten().chain(next));
    let between = || lines.get(end..k).into_iter().flatten();
    // The column's extent from every line up to the next row (the rows read
    // so far may all be shorter than the column), short of text standing
    // further off than the table's rows do (prose after it).
    let reach = (end..=k)
        .find(
            |&j| match (j.checked_sub(1).and_then(|i| lines.get(i)), lines.get(j)) {
                (Some(a), Some(b)) => b.y - a.y > 2.2 * size,
                _ => true,
            },
        )
        .unwrap_or(k + 1);
    let first = FirstColumn::of(lines.iter().take(reach).skip(start), &cols);
    let wraps = |j: usize| first.is_some_and(|f| f.wraps(lines, j));
    // The first column's text wrapped under the last row, before whatever
    // stands further off (a note, prose, the page number).
    let wrapped_tail = || {
        let mut m = end;
        while m < k && m - end < 3 && wraps(m) && close_pair(lines, m - 1, size, left, wraps(m - 1))
        {
            m += 1;
        }
        if m > end {
            NextPart::Wrapped(m)
        } else {
            NextPart::End
        }
    };
    // More than a few lines between two rows must be a centred cell's lines;
    // a line cut mid-word by a column start is prose between two tables
    // (under the last row, its first column's wrapped text may come first).
    let crosses = between().any(|l| runs_across(l, &cols));
    let mid_word = between().any(|l| cols.iter().any(|&c| crosses_mid_word(&l.raw, c)));
    if (k - end > 3 && crosses) || mid_word {
        return wrapped_tail();
    }
    let chain_close = (end - 1..k).all(|j| close_pair(lines, j, size, left, wraps(j)));
    if next.is_some_and(|n| n.spans.len() >= 2) && chain_close {
        return NextPart::Row(k);
    }
    // Between two rows a single-span line may be a row whose cells run together;
    // after the last row only an indented one (a wrapped cell) belongs, or
    // the first column's text wrapped at the table's left edge.
    let indented = (end..k).all(|j| {
        lines
            .get(j)
            .and_then(|l| l.spans.first())
            .is_some_and(|s| s.x > left + CUT_TOLERANCE)
            || wraps(j)
    });
    if k > end && chain_close && indented && k - end <= 3 {
        return NextPart::Wrapped(k);
    }
    wrapped_tail()
}

/// The end of the run of single-span lines from `from` (at most 12).
fn single_span_run_end(lines: &[TextLine], from: usize) -> usize {
    let mut k = from;
    while k < from + 12 && lines.get(k).is_some_and(|l| l.spans.len() == 1) {
        k += 1;
    }
    k
}

/// The column starts (all spans' but the first) of the lines with several spans.
fn inner_starts<'a>(lines: impl Iterator<Item = &'a TextLine>) -> Vec<f32> {
    lines
        .filter(|l| l.spans.len() >= 2)
        .flat_map(|l| l.spans.iter().skip(1).map(|s| s.x))
        .collect()
}

/// Whether a line's first span runs across one of the column starts `cols`.
/// A gap wider than a word space at the column start (a row number beside
/// its cell) is not running across it.
fn runs_across(line: &TextLine, cols: &[f32]) -> bool {
    let gaps = medium_cuts(&line.raw);
    line.spans.first().is_some_and(|s| {
        cols.iter().any(|&c| {
            c > s.x + CUT_TOLERANCE && c < s.x + s.width - CUT_TOLERANCE && !at_one_of(c, &gaps)
        })
    })
}

/// The first column of an unruled table: its left edge, the start of the
/// second column, and where the first column's text ends furthest right.
#[derive(Debug, Clone, Copy)]
struct FirstColumn {
    left: f32,
    second: f32,
    right: f32,
}

impl FirstColumn {
    /// The first column of the table of `lines` (inner column starts
    /// `cols`); None without a second column. Its left edge is that of the
    /// leftmost line: a running header over a table continued from the
    /// previous page may stand right of it.
    fn of<'a>(lines: impl Iterator<Item = &'a TextLine> + Clone, cols: &[f32]) -> Option<Self> {
        let left = lines
            .clone()
            .filter_map(|l| l.spans.first())
            .map(|s| s.x)
            .fold(f32::INFINITY, f32::min);
        let second = cols
            .iter()
            .copied()
            .filter(|&c| c > left + CUT_TOLERANCE)
            .fold(f32::INFINITY, f32::min);
        if !second.is_finite() {
            return None;
        }
        let right = lines
            .filter_map(|l| l.spans.first())
            .filter(|s| (s.x - left).abs() <= CUT_TOLERANCE)
            .map(|s| s.x + s.width)
            .filter(|&end| end < second - CUT_TOLERANCE)
            .fold(f32::NEG_INFINITY, f32::max);
        right.is_finite().then_some(FirstColumn {
            left,
            second,
            right,
        })
    }

    /// Whether line `j` is the first column's text of the line above wrapped
    /// at the table's left edge: one span there, ending before the second
    /// column, and its first word too wide to have ended the line above
    /// within the column (a word processor wraps a cell's text only so; a
    /// note under the table, or a row naming a group, would have fitted).
    fn wraps(&self, lines: &[TextLine], j: usize) -> bool {
        let (Some(above), Some(line)) = (j.checked_sub(1).and_then(|i| lines.get(i)), lines.get(j))
        else {
            return false;
        };
        let at_left = |s: &Span| (s.x - self.left).abs() <= CUT_TOLERANCE;
        let (Some(prev), [span]) = (above.spans.first(), line.spans.as_slice()) else {
            return false;
        };
        let prev_end = prev.x + prev.width;
        if !at_left(prev) || !at_left(span) || span.x + span.width >= self.second - CUT_TOLERANCE {
            return false;
        }
        // Figures stacked at the left (a chart's axis) are no wrapped text.
        let figure = |s: &Span| is_figure_text(&s.text);
        if prev_end >= self.second - CUT_TOLERANCE
            || prev.bold != span.bold
            || figure(prev)
            || figure(span)
        {
            return false;
        }
        let size = line.size().max(above.size()).max(1.0);
        prev_end + 0.25 * size + first_word_width(line) > self.right
    }
}

/// The width of a line's first word: from its glyphs, else a share of its
/// first span by characters.
fn first_word_width(line: &TextLine) -> f32 {
    let word = word_runs(&line.raw)
        .into_iter()
        .find(|run| run.iter().all(|g| !g.is_blank()));
    if let Some((first, last)) = word.and_then(|w| Some((w.first()?, w.last()?))) {
        return last.x + last.width - first.x;
    }
    line.spans.first().map_or(0.0, |s| {
        let chars = s.text.chars().count().max(1) as f32;
        let word = s
            .text
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        s.width * word as f32 / chars
    })
}

/// Whether line `j` and the next stand close enough to be in one table
/// (`size`: the type size of the table's last line, `left`: its left edge;
/// `wrapped`: line `j` is the first column's text wrapped at that edge).
/// Centred cells leave a wider gap, but only next to a line inside the
/// table's columns (or its first column's wrapped text, after which rows
/// are padded), or after a row whose lines stand closer than a line, or
/// before one.
fn close_pair(lines: &[TextLine], j: usize, size: f32, left: f32, wrapped: bool) -> bool {
    let (Some(a), Some(b)) = (lines.get(j), lines.get(j + 1)) else {
        return false;
    };
    let inner = |l: &TextLine| {
        l.spans.len() == 1 && l.spans.first().is_some_and(|s| s.x > left + CUT_TOLERANCE)
    };
    let half_pitch_at = |j: usize| {
        j > 0 && matches!((lines.get(j - 1), lines.get(j)), (Some(a), Some(b)) if half_pitch(a, b))
    };
    let gap = b.y - a.y;
    gap <= 1.6 * size
        || (gap <= 2.2 * size
            && (inner(a) || wrapped || inner(b) || half_pitch_at(j) || half_pitch_at(j + 2)))
}

/// The end of a block ending at `end` grown by the lines closer than a
/// line's height to the one above: the last row's centred cells.
fn centred_tail_end(lines: &[TextLine], mut end: usize) -> usize {
    while let (Some(a), Some(b)) = (
        end.checked_sub(1).and_then(|i| lines.get(i)),
        lines.get(end),
    ) && b.spans.len() == 1
        && half_pitch(a, b)
    {
        end += 1;
    }
    end
}

/// End of a row of centred cells starting at line `i`, when the lines there
/// are single cells closer together than a line's height (prose never is),
/// in at least two columns, each starting where the multi-cell line right
/// after them has a column, the first at its left edge.
fn centred_row_end(lines: &[TextLine], i: usize) -> Option<usize> {
    let mut end = i + 1;
    while let (Some(a), Some(b)) = (lines.get(end - 1), lines.get(end)) {
        if b.spans.len() != 1 || a.spans.len() != 1 || !half_pitch(a, b) {
            break;
        }
        end += 1;
    }
    let row = lines.get(i..end).filter(|row| row.len() >= 2)?;
    let next = lines.get(end).filter(|n| n.spans.len() >= 2)?;
    let last = row.last()?;
    if next.y - last.y > 2.2 * last.size().max(next.size()).max(1.0) {
        return None;
    }
    let columns = medium_cuts(&next.raw);
    let starts: Vec<f32> = row
        .iter()
        .filter_map(|l| l.spans.first().map(|s| s.x))
        .collect();
    let at_column = |x: &f32| at_one_of(*x, &columns);
    let distinct = starts
        .iter()
        .any(|x| starts.iter().any(|y| (x - y).abs() > CUT_TOLERANCE));
    // The row's first cell is at the table's left edge (a header row with an
    // empty first cell is left to the rows below it).
    let left = starts.iter().copied().fold(f32::INFINITY, f32::min);
    let same_left = columns
        .first()
        .is_some_and(|c| (left - c).abs() <= CUT_TOLERANCE);
    (distinct && same_left && starts.iter().all(at_column)).then_some(end)
}

/// Lines closer than this part of their font size stand in one row of a table
/// whose cells are centred against each other (half a line apart); prose never does.
const HALF_PITCH: f32 = 0.75;

/// Two lines closer than HALF_PITCH of their height: lines of cells centred against
/// each other, not lines of one text.
fn half_pitch(a: &TextLine, b: &TextLine) -> bool {
    half_pitch_apart(b.y - a.y, a.size().max(b.size()).max(1.0))
}

/// A line `dy` below another, both of font size up to `size`, is closer than HALF_PITCH.
fn half_pitch_apart(dy: f32, size: f32) -> bool {
    dy > 0.0 && dy < HALF_PITCH * size
}

/// Whether a line runs across column start `c` in the middle of a word, as
/// prose does; a table row whose cells run together breaks between words there.
fn crosses_mid_word(row: &[Glyph], c: f32) -> bool {
    let (Some(first), Some(last)) = (row.first(), row.last()) else {
        return false;
    };
    if c <= first.x + CUT_TOLERANCE || c >= last.x + last.width - CUT_TOLERANCE {
        return false;
    }
    !row.windows(2).any(|w| {
        (w[1].x - c).abs() <= CUT_TOLERANCE
            && (w[1].space_before
                || w[0].is_blank()
                || gap(&w[0], &w[1]) > 0.15 * w[1].size.max(1.0))
    })
}

/// Where a glyph follows a gap wider than a word space (a possible column start).
fn medium_cuts(row: &[Glyph]) -> Vec<f32> {
    let mut out: Vec<f32> = row.first().map(|g| g.x).into_iter().collect();
    out.extend(
        row.windows(2)
            .filter(|w| gap(&w[0], &w[1]) > 0.4 * w[0].size.max(w[1].size).max(1.0))
            .map(|w| w[1].x),
    );
    out
}

/// The words of a row of glyphs: text, left and right edge; a word ends at a
/// space or a gap a word space would fill (a figure inside a span of prose
/// is a word of its own).
fn words(row: &[Glyph]) -> Vec<(String, f32, f32)> {
    word_runs(row)
        .into_iter()
        .filter(|run| run.iter().all(|g| !g.is_blank()))
        .filter_map(|run| {
            let (first, last) = (run.first()?, run.last()?);
            let text: String = run.iter().map(|g| &*g.text).collect();
            Some((text, first.x, last.x + last.width))
        })
        .collect()
}

/// A row of glyphs cut into runs: each word (glyphs closer than a word space,
/// none blank) and each blank glyph on its own.
pub fn word_runs(row: &[Glyph]) -> Vec<&[Glyph]> {
    let mut out: Vec<&[Glyph]> = Vec::new();
    let mut start = 0;
    for (i, w) in row.windows(2).enumerate() {
        let (prev, g) = (&w[0], &w[1]);
        let blank = |g: &Glyph| g.is_blank();
        if blank(prev) || blank(g) || g.space_before || gap(prev, g) > word_break(prev, g) {
            out.extend(row.get(start..=i));
            start = i + 1;
        }
    }
    out.extend(row.get(start..).filter(|run| !run.is_empty()));
    out
}

/// Column starts of a block: positions after wide gaps that two lines or more share.
fn column_starts(block: &[(f32, Vec<Glyph>)]) -> Vec<f32> {
    let mut xs: Vec<f32> = block.iter().flat_map(|(_, row)| medium_cuts(row)).collect();
    xs.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for x in xs {
        match out.last_mut() {
            Some((c, n)) if x - *c <= CUT_TOLERANCE => *n += 1,
            _ => out.push((x, 1)),
        }
    }
    let mut starts: Vec<f32> = out
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(x, _)| x)
        .collect();
    // A column boundary never cuts a figure. Figures set flush right start
    // further left the longer they are: a shorter one's start inside a longer
    // one is no column, and the column starts at its longest figure.
    // Figures standing as cells of their own: spans, and figures a wide gap
    // sets apart inside a span (a figure and the next one set closer than
    // a span break, "92.428.462 4,63") …
    let mut figures: Vec<(f32, f32)> = block
        .iter()
        .flat_map(|(_, row)| cell_figures(row))
        .collect();
    figures.sort_by(|a, b| a.1.total_cmp(&b.1));
    // … and any figure a word space sets apart, also inside a span of text.
    let figure_words: Vec<(f32, f32)> = block
        .iter()
        .flat_map(|(_, row)| words(row))
        .filter(|(text, _, _)| is_figure_text(text))
        .map(|(_, a, b)| (a, b))
        .collect();
    let inside = |x: f32| {
        figures
            .iter()
            .chain(&figure_words)
            .any(|&(a, b)| x > a + CUT_TOLERANCE && x < b - CUT_TOLERANCE)
    };
    starts.retain(|&x| !inside(x));
    let mut k = 0;
    while k < figures.len() {
        let right = figures[k].1;
        let group: Vec<(f32, f32)> = figures[k..]
            .iter()
            .take_while(|f| f.1 - right <= CUT_TOLERANCE)
            .copied()
            .collect();
        k += group.len().max(1);
        let left = group.iter().map(|f| f.0).fold(f32::INFINITY, f32::min);
        if group.len() >= 2 && !inside(left) && !at_one_of(left, &starts) {
            starts.push(left);
        }
    }
    starts.sort_by(f32::total_cmp);
    join_offset_starts(block, starts)
}

/// The x ranges of a block no word of any of its lines covers, wider than a
/// word space, between two bands of words each on two lines or more. Two
/// words a gap apart over two such bands are two cells, as a viewer shows
/// them, even where neither band shares a start (centred cells: a header
/// "Satuan Target" over "%" and "0.820"), and even where the gap is no
/// wider than the line's other gaps.
fn word_gutters(block: &[(f32, Vec<Glyph>)]) -> Vec<(f32, f32)> {
    let em = block
        .iter()
        .map(|(_, row)| largest_size(row))
        .fold(1.0f32, f32::max);
    let mut all: Vec<(f32, f32, usize)> = block
        .iter()
        .enumerate()
        .flat_map(|(i, (_, row))| words(row).into_iter().map(move |(_, a, b)| (a, b, i)))
        .collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    // Covered runs, each with the lines that have words in it.
    let mut bands: Vec<(f32, f32, Vec<usize>)> = Vec::new();
    for (a, b, i) in all {
        match bands.last_mut() {
            Some(band) if a <= band.1 => {
                band.1 = band.1.max(b);
                if !band.2.contains(&i) {
                    band.2.push(i);
                }
            }
            _ => bands.push((a, b, vec![i])),
        }
    }
    bands
        .windows(2)
        .filter(|w| w[0].2.len() >= 2 && w[1].2.len() >= 2 && w[1].0 - w[0].1 > 0.4 * em)
        .map(|w| (w[0].1, w[1].0))
        .collect()
}

/// Two starts closer than the type is high, never both filled on one line,
/// are one column whose cells sit a little off (a group row's "I" left of
/// its items' "1", "2", centred under a "No"): one start, the first.
fn join_offset_starts(block: &[(f32, Vec<Glyph>)], mut starts: Vec<f32>) -> Vec<f32> {
    let em = block
        .iter()
        .map(|(_, row)| largest_size(row))
        .fold(1.0f32, f32::max);
    let mut k = 0;
    while k + 1 < starts.len() {
        let (a, b) = (starts[k], starts[k + 1]);
        let both = block.iter().any(|(_, row)| {
            let cols = filled_columns(row, &starts);
            cols.contains(&k) && cols.contains(&(k + 1))
        });
        if b - a < em && !both {
            starts.remove(k + 1);
        } else {
            k += 1;
        }
    }
    starts
}

/// The figures of a row that stand as cells: its spans that are figures, and
/// figure words starting after a wide gap inside a longer span.
fn cell_figures(row: &[Glyph]) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = spans(row)
        .iter()
        .filter(|s| is_figure_text(&s.text))
        .map(|s| (s.x, s.x + s.width))
        .collect();
    let cuts = medium_cuts(row);
    for (text, a, b) in words(row) {
        let known = out.iter().any(|f| a >= f.0 - 0.5 && b <= f.1 + 0.5);
        if !known && is_figure_text(&text) && at_one_of(a, &cuts) {
            out.push((a, b));
        }
    }
    out
}

/// Text of glyphs inside one table cell: its rows joined by spaces.
/// `right` is the cell's right edge when known: a figure is rejoined only where
/// the line before it ran up to that edge.
pub fn cell_text(glyphs: Vec<Glyph>, right: Option<f32>) -> (String, f32, bool) {
    text_of_lines(&cell_lines(glyphs), right)
}

/// A cell's glyphs as lines: each line's baseline, glyphs and spans.
pub fn cell_lines(glyphs: Vec<Glyph>) -> Vec<(f32, Vec<Glyph>, Vec<Span>)> {
    rows(glyphs)
        .into_iter()
        .map(|(y, row)| {
            let row_spans = spans(&row);
            (y, row, row_spans)
        })
        .collect()
}

/// `cell_text` of a cell's lines already read (`cell_lines`).
pub fn text_of_lines(
    lines: &[(f32, Vec<Glyph>, Vec<Span>)],
    right: Option<f32>,
) -> (String, f32, bool) {
    let mut text = String::new();
    let mut size = 0.0f32;
    let mut bold = 0usize;
    let mut count = 0usize;
    let mut filled = false;
    // A currency mark set on its own baseline between the two lines of a
    // broken amount ("1.506.190.00" / "Rp" / "0", the mark centred beside
    // it): held until the next line shows whether the amount goes on.
    let mut held: Option<String> = None;
    for (_, row, row_spans) in lines {
        let em = largest_size(row);
        let end = row.iter().map(|g| g.x + g.width).fold(f32::MIN, f32::max);
        let line: Vec<&str> = row_spans.iter().map(|s| s.text.as_str()).collect();
        if held.is_none()
            && filled
            && is_currency_mark(&line.join(" "))
            && ends_broken_figure(&text)
        {
            held = Some(line.join(" "));
            for s in row_spans {
                size = size.max(s.font_size);
                bold += usize::from(s.bold);
                count += 1;
            }
            continue;
        }
        for (k, s) in row_spans.iter().enumerate() {
            if k == 0
                && let Some(mark) = held.take()
            {
                if joins_without_space(&text, &s.text, filled) {
                    // The mark goes before the amount it stands beside.
                    let at = text.rfind(' ').map_or(0, |i| i + 1);
                    text.insert_str(at, &format!("{mark} "));
                    text.push_str(&s.text);
                    size = size.max(s.font_size);
                    bold += usize::from(s.bold);
                    count += 1;
                    continue;
                }
                text.push(' ');
                text.push_str(&mark);
            }
            if !text.is_empty() && !joins_without_space(&text, &s.text, k == 0 && filled) {
                text.push(' ');
            }
            text.push_str(&s.text);
            size = size.max(s.font_size);
            bold += usize::from(s.bold);
            count += 1;
        }
        // The next line continues a broken figure only if this one reached the edge.
        // (Within a character and the cell's padding.)
        filled = right.is_some_and(|r| end >= r - em - 3.0);
    }
    if let Some(mark) = held {
        text.push(' ');
        text.push_str(&mark);
    }
    (text, size, count > 0 && bold * 2 > count)
}

/// A currency mark alone: "Rp", "Rp.", "IDR".
pub fn is_currency_mark(text: &str) -> bool {
    matches!(text.trim(), "Rp" | "Rp." | "IDR")
}

/// Whether text ends with the first part of a figure broken at a cell's
/// edge: digits, dots or commas that do not make a complete figure.
pub fn ends_broken_figure(text: &str) -> bool {
    let last = text.rsplit(' ').next().unwrap_or("");
    last.starts_with(|c: char| c.is_ascii_digit())
        && last.ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        && !is_complete_figure(last)
}

/// Whether the next line of a cell continues the text so far without a
/// space: a word broken after a real hyphen ("2016-" / "2021"), or a figure
/// too long for a narrow cell ("1.000.0" / "00") when the line before
/// `reached_edge`. A complete figure is not broken: stacked figures
/// ("715.901" over "204.344", "16.000.000,-" over "15.200.000,-") stay apart;
/// nor are two pieces that make no figure together: item numbers ("1." over
/// "2."), a figure printed with a stray dot over the next one ("35.317." over
/// "25.006.794").
pub fn joins_without_space(before: &str, next: &str, reached_edge: bool) -> bool {
    let mut tail = before.chars().rev();
    let hyphen = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphanumeric);
    let last = before.rsplit(' ').next().unwrap_or("");
    let figure = reached_edge
        && last.ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        && next.starts_with(|c: char| c.is_ascii_digit())
        && !is_complete_figure(last)
        && {
            let piece: String = next
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'))
                .collect();
            is_figure_or_start(&format!("{last}{piece}"))
        };
    hyphen || figure
}

/// A figure as printed in full, or the first part of one that the next
/// line ends: "1.506.190.00", "1.234.", "98,".
fn is_figure_or_start(token: &str) -> bool {
    static START: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::compile(
            r"^\(?[-+]?(?:\d{1,3}(?:\.\d{3})*(?:\.\d{0,2}|,\d*)?|\d{1,3}(?:,\d{3})*(?:,\d{0,2}|\.\d*)?|\d+(?:[.,]\d*)?)$",
        )
        .expect("valid regex")
    });
    is_complete_figure(token) || START.is_match(token)
}

/// A figure as printed in full: Indonesian (1.234.567,89) or English
/// (1,234,567.89) grouping, or plain digits with decimals.
fn is_complete_figure(token: &str) -> bool {
    static COMPLETE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::compile(r"^\(?[-+]?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)%?\)?$")
            .expect("valid regex")
    });
    COMPLETE.is_match(token)
}

/// Test glyphs: `text` from x, each glyph `advance` wide, on baseline y (size 9).
#[cfg(test)]
pub(super) fn glyph_run(text: &str, x: f32, y: f32, advance: f32) -> Vec<Glyph> {
    text.chars()
        .enumerate()
        .map(|(i, c)| Glyph {
            text: c.to_string().into(),
            x: x + i as f32 * advance,
            y,
            width: advance,
            size: 9.0,
            bold: false,
            space_before: false,
            glue: false,
            dir: 0,
            space: 2.5,
            group: 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_currency_mark_beside_a_broken_amount_goes_before_it() {
        // "1.506.190.00" runs to the cell's edge (x 100), "0" ends it a line
        // lower, and "Rp" sits centred between them at the cell's left.
        let mut glyphs = glyph_run("1.506.190.00", 38.0, 100.0, 5.0);
        glyphs.extend(glyph_run("Rp", 2.0, 106.5, 5.0));
        glyphs.extend(glyph_run("0", 93.0, 113.0, 5.0));
        assert_eq!(cell_text(glyphs, Some(100.0)).0, "Rp 1.506.190.000");
        // Two complete amounts with a mark between stay three texts.
        let mut glyphs = glyph_run("100.000", 63.0, 100.0, 5.0);
        glyphs.extend(glyph_run("Rp", 2.0, 106.5, 5.0));
        glyphs.extend(glyph_run("200.000", 63.0, 113.0, 5.0));
        assert_eq!(cell_text(glyphs, Some(100.0)).0, "100.000 Rp 200.000");
        // A broken amount that does not go on keeps its mark after it.
        let mut glyphs = glyph_run("1.506.190.00", 38.0, 100.0, 5.0);
        glyphs.extend(glyph_run("Rp", 2.0, 106.5, 5.0));
        assert_eq!(cell_text(glyphs, Some(100.0)).0, "1.506.190.00 Rp");
    }

    #[test]
    fn a_gap_without_a_space_glyph_is_measured_against_the_lines_spaces() {
        // "Peraturan Daerah" with its space written as a glyph (space 2.5
        // wide, the gap 3 wide), and a 1.5 gap after "P" (a substituted
        // glyph narrower than the one the line was set in): one word.
        let spaced = |text: &str, gap_after_p: f32, space_gap: f32| -> Vec<Glyph> {
            let mut x = 0.0;
            let mut out = Vec::new();
            let mut space_before = false;
            for (i, c) in text.chars().enumerate() {
                if c == ' ' {
                    x += space_gap;
                    space_before = true;
                    continue;
                }
                let mut g = glyph_run(&c.to_string(), x, 100.0, 5.0).remove(0);
                g.space_before = std::mem::take(&mut space_before);
                out.push(g);
                x += 5.0 + if i == 0 { gap_after_p } else { 0.0 };
            }
            out
        };
        let texts = |row: &[Glyph]| spans(row).into_iter().map(|s| s.text).collect::<Vec<_>>();
        assert_eq!(
            texts(&spaced("Peraturan Daerah", 1.5, 3.0)),
            ["Peraturan Daerah"]
        );
        // Without space glyphs on the line the same gap is a word space.
        let mut unspaced = spaced("Peraturan Daerah", 1.5, 3.0);
        unspaced.iter_mut().for_each(|g| g.space_before = false);
        assert_eq!(texts(&unspaced), ["P eraturan Daerah"]);
        // A line set tight (Word's justified text: spaces 1.6 wide) keeps a
        // gap nearly as wide as its spaces, with no glyph, as a word space.
        assert_eq!(
            texts(&spaced("Peraturan Daerah", 1.45, 1.6)),
            ["P eraturan Daerah"]
        );
    }

    #[test]
    fn broken_words_and_figures_join_stacked_figures_do_not() {
        assert!(joins_without_space("Renstra 2016-", "2021", false));
        assert!(joins_without_space("1.000.0", "00", true));
        assert!(
            !joins_without_space("1.000.0", "00", false),
            "the line did not reach the edge"
        );
        assert!(!joins_without_space("715.901", "204.344", true));
        assert!(!joins_without_space(
            "16.000.000.000,-",
            "15.200.000.000,-",
            true
        ));
        assert!(!joins_without_space("100,00", "100,00", true));
        // Pieces that make no figure together stay apart.
        assert!(!joins_without_space("1.", "2.", true));
        assert!(!joins_without_space("9.", "10.", true));
        assert!(!joins_without_space("35.317.", "25.006.794", true));
        assert!(joins_without_space("1.506.190.00", "0", true));
        assert!(joins_without_space("1.234.", "567,89", true));
        assert!(joins_without_space("98,", "5%", true));
        assert!(!joins_without_space("Sasaran -", "Daging", false));
    }

    #[test]
    fn a_block_continues_the_carried_table_when_most_of_its_columns_are_there() {
        let carried = [10.0, 100.0, 200.0, 300.0];
        // The margin does not vote: two of three other starts are carried ones.
        assert!(continues_columns(&[50.0, 101.0, 199.0, 250.0], &carried));
        assert!(continues_columns(&[10.0], &carried));
        // Columns of its own: a new table.
        assert!(!continues_columns(&[10.0, 150.0, 250.0, 300.0], &carried));
        // Nothing carried: nothing to continue.
        assert!(!continues_columns(&[10.0, 100.0], &[]));
    }

    #[test]
    fn carried_starts_merge_in_order_without_near_duplicates() {
        let mut starts = vec![10.0, 150.0];
        merge_starts(&mut starts, &[11.0, 100.0, 300.0]);
        assert_eq!(starts, [10.0, 100.0, 150.0, 300.0]);
    }

    #[test]
    fn a_line_shares_columns_by_a_gap_at_one_or_by_starting_at_an_inner_one() {
        let starts = [10.0, 100.0, 200.0];
        // A wide gap at the second column.
        assert!(cuts_share_columns(&[10.0, 101.0], &starts));
        // Starting at an inner column (a wrapped cell's line).
        assert!(cuts_share_columns(&[199.0], &starts));
        // At the margin with gaps elsewhere: prose.
        assert!(!cuts_share_columns(&[10.0, 150.0], &starts));
        assert!(!cuts_share_columns(&[10.0], &starts));
        assert!(!cuts_share_columns(&[], &starts));
    }

    /// A line at `y` of spans (x, width) of 9-point type, no glyphs kept.
    fn spans_line(y: f32, spans: &[(f32, f32)]) -> TextLine {
        let spans: Vec<(&str, f32, f32)> = spans.iter().map(|&(x, w)| ("x", x, w)).collect();
        text_line(y, &spans)
    }

    #[test]
    fn the_lines_between_two_rows_are_a_run_of_single_span_lines() {
        let lines = vec![
            spans_line(10.0, &[(10.0, 20.0), (100.0, 20.0)]),
            spans_line(20.0, &[(100.0, 20.0)]),
            spans_line(30.0, &[(100.0, 20.0)]),
            spans_line(40.0, &[(10.0, 20.0), (100.0, 20.0)]),
        ];
        assert_eq!(single_span_run_end(&lines, 1), 3);
        assert_eq!(single_span_run_end(&lines, 3), 3);
        assert_eq!(single_span_run_end(&lines, 9), 9);
        // Only lines of several spans give column starts, their first span not.
        assert_eq!(inner_starts(lines.iter()), [100.0, 100.0]);
        assert_eq!(block_left(&lines, 1, None), 100.0);
        assert_eq!(block_left(&lines, 0, Some(3)), 10.0);
    }

    #[test]
    fn a_line_runs_across_a_column_only_inside_its_first_span() {
        let line = spans_line(10.0, &[(10.0, 150.0)]);
        assert!(runs_across(&line, &[100.0]));
        // Within the tolerance of its ends, or beyond them: not across.
        assert!(!runs_across(&line, &[11.0, 159.0, 200.0]));
        assert!(!runs_across(&line, &[]));
    }

    #[test]
    fn lines_closer_than_a_line_apart_under_the_last_row_join_it() {
        let lines = vec![
            spans_line(10.0, &[(10.0, 20.0), (100.0, 20.0)]),
            spans_line(14.0, &[(100.0, 20.0)]),
            spans_line(40.0, &[(100.0, 20.0)]),
        ];
        assert_eq!(centred_tail_end(&lines, 1), 2);
        assert_eq!(centred_tail_end(&lines, 3), 3);
        // Two lines 16 points apart in 9-point type are one table; 30 apart not.
        assert!(close_pair(&lines, 0, 9.0, 10.0, false));
        assert!(!close_pair(&lines, 1, 9.0, 10.0, false));
        assert!(!close_pair(&lines, 2, 9.0, 10.0, false));
    }

    /// A line at `y` of spans (text, x, width) of 9-point type, no glyphs kept.
    fn text_line(y: f32, spans: &[(&str, f32, f32)]) -> TextLine {
        TextLine {
            y,
            spans: spans
                .iter()
                .map(|&(text, x, width)| Span {
                    font_size: 9.0,
                    ..Span::new(text, x, width)
                })
                .collect(),
            cells: CellMode::Flow,
            table: None,
            row: 0,
            raw: Vec::new(),
        }
    }

    #[test]
    fn a_first_column_wrapped_at_the_left_edge_is_told_by_its_first_word() {
        let row = |y: f32, name: &str, width: f32| {
            text_line(y, &[(name, 10.0, width), ("Rp 1.000", 200.0, 40.0)])
        };
        let lines = vec![
            row(10.0, "Program Pengendalian Pencemaran dan", 150.0),
            // "Perusakan" (about 54 points) did not fit after "dan" within
            // the column, whose text reaches 160 at most.
            text_line(20.0, &[("Perusakan Lingkungan Hidup", 10.0, 130.0)]),
            row(38.0, "Program Mitigasi", 60.0),
            // "Urusan" would have fitted after "Mitigasi": a row of its own.
            text_line(48.0, &[("Urusan Wajib", 10.0, 60.0)]),
            // Figures stacked at the left, a line running into the second
            // column: never the first column's wrapped text.
            text_line(58.0, &[("25.000.000.000.000.000", 10.0, 140.0)]),
            text_line(
                68.0,
                &[("Program Lanjutan yang panjang sekali", 10.0, 250.0)],
            ),
        ];
        let first = FirstColumn::of(lines.iter(), &[200.0]).expect("two columns");
        assert_eq!(
            (first.left, first.second, first.right),
            (10.0, 200.0, 160.0)
        );
        assert!(first.wraps(&lines, 1));
        assert!(!first.wraps(&lines, 0), "a row of two cells");
        assert!(!first.wraps(&lines, 3));
        assert!(!first.wraps(&lines, 4));
        assert!(!first.wraps(&lines, 5));
        // The rows padded apart (18 points in 9-point type) stay one table
        // over the wrapped line, not over a line that would have fitted.
        assert_eq!(next_part(&lines, 0, 1, 10.0), NextPart::Row(2));
        let unwrapped = [
            lines[2].clone(),
            lines[3].clone(),
            row(66.0, "Program Pengelolaan Kawasan Lindung", 150.0),
        ];
        assert_eq!(next_part(&unwrapped, 0, 1, 10.0), NextPart::End);
        // Under the last row, the wrapped line joins it; prose further off does not.
        let tail = [
            lines[0].clone(),
            lines[1].clone(),
            text_line(60.0, &[("Adapun sasaran yang ingin dicapai", 10.0, 400.0)]),
        ];
        assert_eq!(next_part(&tail, 0, 1, 10.0), NextPart::Wrapped(2));
    }

    #[test]
    fn positions_go_to_the_column_they_are_in() {
        let starts = [10.0, 100.0, 200.0];
        assert_eq!(column_of(&starts, 5.0), 0);
        assert_eq!(column_of(&starts, 98.0), 1, "within the tolerance");
        assert_eq!(column_of(&starts, 150.0), 1);
        assert_eq!(column_of(&starts, 250.0), 2);
        let mut row = glyph_run("ab", 10.0, 10.0, 4.0);
        row.extend(glyph_run("cd", 200.0, 10.0, 4.0));
        assert_eq!(filled_columns(&row, &starts), [0, 2]);
    }

    #[test]
    fn lines_further_apart_than_a_wrapped_cell_are_separate_rows() {
        let block = vec![
            (10.0, glyph_run("a", 10.0, 10.0, 4.0)),
            (20.0, glyph_run("b", 10.0, 20.0, 4.0)),
            (40.0, glyph_run("c", 10.0, 40.0, 4.0)),
        ];
        // 9-point type: within 1.25 lines without a known pitch.
        let sizes: Vec<usize> = segments(&block, None, &[]).iter().map(Vec::len).collect();
        assert_eq!(sizes, [2, 1]);
        // A known pitch of 6 points: each line its own row.
        assert_eq!(segments(&block, Some(6.0), &[]).len(), 3);
        // A row whose second-column line comes first is centred.
        let rows = vec![
            (10.0, glyph_run("x", 100.0, 10.0, 4.0)),
            (20.0, glyph_run("a", 10.0, 20.0, 4.0)),
        ];
        let starts = [10.0, 100.0];
        assert!(is_centred(&segments(&rows, None, &starts), 100.0, &starts));
        assert!(!is_centred(
            &segments(&block, None, &starts),
            100.0,
            &starts
        ));
    }

    /// One line of cells at height `y`: each cell's text from its x.
    fn row(cells: &[(&str, f32)], y: f32) -> (f32, Vec<Glyph>) {
        let glyphs: Vec<Glyph> = cells
            .iter()
            .flat_map(|(t, x)| glyph_run(t, *x, y, 4.0))
            .collect();
        (y, glyphs)
    }

    #[test]
    fn rows_of_figures_a_line_apart_are_rows_a_wrapped_label_is_not() {
        let starts = [10.0, 100.0, 200.0, 300.0];
        // Three rows of figures at the pitch of a wrapped line: three rows.
        let block = vec![
            row(
                &[
                    ("1", 10.0),
                    ("Daging", 100.0),
                    ("692.191", 200.0),
                    ("3,64", 300.0),
                ],
                10.0,
            ),
            row(
                &[
                    ("2", 10.0),
                    ("Telur", 100.0),
                    ("198.854", 200.0),
                    ("3,24", 300.0),
                ],
                20.0,
            ),
            row(
                &[
                    ("3", 10.0),
                    ("Susu", 100.0),
                    ("242.929", 200.0),
                    ("3,15", 300.0),
                ],
                30.0,
            ),
        ];
        assert_eq!(segments(&block, Some(10.0), &starts).len(), 3);
        // A label wrapped over three lines, its figures centred on the
        // middle one: one row (the wrapped lines have no figures).
        let block = vec![
            row(&[("Program", 100.0)], 10.0),
            row(
                &[
                    ("1", 10.0),
                    ("Pengendalian", 100.0),
                    ("129.000", 200.0),
                    ("129.000", 300.0),
                ],
                20.0,
            ),
            row(&[("Lingkungan", 100.0)], 30.0),
        ];
        assert_eq!(segments(&block, Some(10.0), &starts).len(), 1);
        // One figure column shared (a value wrapped under its own) is no row.
        let block = vec![
            row(&[("1", 10.0), ("Program", 100.0), ("129.000", 200.0)], 10.0),
            row(&[("Hidup", 100.0), ("(85 %)", 200.0)], 20.0),
        ];
        assert_eq!(segments(&block, Some(10.0), &starts).len(), 1);
    }

    #[test]
    fn two_words_a_gap_apart_over_two_bands_of_cells_are_two_cells() {
        // "Satuan" and "Target" 8 points apart (no wider than the header's
        // gaps make a span break), over centred "%" and figures that share
        // no start: the gap between the two bands is a gutter.
        let block = vec![
            row(&[("No", 10.0), ("Satuan", 100.0), ("Target", 132.0)], 10.0),
            row(&[("1", 10.0), ("%", 110.0), ("0.820", 136.0)], 20.0),
            row(&[("2", 10.0), ("%", 110.0), ("5", 143.0)], 30.0),
        ];
        let texts = |spans: Vec<Span>| spans.into_iter().map(|s| s.text).collect::<Vec<_>>();
        assert_eq!(
            texts(spans_cut(&block[0].1, &[], &[])),
            ["No", "Satuan Target"]
        );
        let gutters = word_gutters(&block);
        assert_eq!(
            texts(spans_cut(&block[0].1, &[], &gutters)),
            ["No", "Satuan", "Target"]
        );
        assert_eq!(texts(spans_cut(&block[1].1, &[], &[])), ["1", "% 0.820"]);
        assert_eq!(
            texts(spans_cut(&block[1].1, &[], &gutters)),
            ["1", "%", "0.820"]
        );
        // Over one band (the figures under "Satuan" only) the words stay one cell.
        let block = vec![
            row(&[("No", 10.0), ("Satuan", 100.0), ("Target", 132.0)], 10.0),
            row(&[("1", 10.0), ("0.820", 108.0)], 20.0),
            row(&[("2", 10.0), ("5", 112.0)], 30.0),
        ];
        assert_eq!(
            texts(spans_cut(&block[0].1, &[], &word_gutters(&block))),
            ["No", "Satuan Target"]
        );
    }

    #[test]
    fn a_word_goes_whole_to_the_column_of_its_middle() {
        // The last row's figure starts 8 points left of the column the rows
        // above start it at: it is that column's figure, not two cells' text.
        let row = |label: &str, figure: &str, figure_x: f32, y: f32| {
            let mut glyphs = glyph_run(label, 10.0, y, 4.0);
            glyphs.extend(glyph_run(figure, figure_x, y, 4.0));
            (y, glyphs)
        };
        let block = vec![
            row("Program A", "3.546.948", 100.0, 10.0),
            row("Program B", "1.546.948", 100.0, 30.0),
            row("Jumlah", "469.325.000", 92.0, 50.0),
        ];
        let (lines, _) =
            centred_rows(&block, block.len(), &[10.0, 100.0], true, None).expect("rows");
        let cells: Vec<Vec<String>> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.text.clone()).collect())
            .collect();
        assert_eq!(cells[2], ["Jumlah", "469.325.000"]);
        assert_eq!(cells[0], ["Program A", "3.546.948"]);
    }

    #[test]
    fn a_raised_small_glyph_joins_its_line_a_line_of_small_type_does_not() {
        let sized = |mut glyphs: Vec<Glyph>, size: f32| {
            glyphs.iter_mut().for_each(|g| g.size = size);
            glyphs
        };
        // "78.912 m³ sedangkan", the "3" set 5 points up in 8 point type.
        let mut glyphs = sized(glyph_run("78.912 m", 10.0, 100.0, 5.0), 12.0);
        glyphs.extend(sized(glyph_run("3", 50.0, 95.0, 3.0), 8.0));
        glyphs.extend(sized(glyph_run(" sedangkan", 53.0, 100.0, 5.0), 12.0));
        // A footnote mark after a figure: raised, but no digit of the figure.
        glyphs.extend(sized(glyph_run("992.770", 10.0, 130.0, 5.0), 12.0));
        glyphs.extend(sized(glyph_run("1", 45.0, 125.0, 3.0), 8.0));
        // A caption in small type close above a line, not touching its glyphs' ends.
        glyphs.extend(sized(glyph_run("Sumber", 12.0, 155.0, 3.0), 8.0));
        glyphs.extend(sized(glyph_run("Tabel", 10.0, 160.0, 5.0), 12.0));
        let rows = rows(glyphs);
        let texts: Vec<String> = rows.iter().map(|(_, r)| spans(r)[0].text.clone()).collect();
        assert_eq!(
            texts,
            ["78.912 m3 sedangkan", "992.770 1", "Sumber", "Tabel"]
        );
    }

    #[test]
    fn a_superscript_sharing_its_row_with_a_margin_number_joins_its_line() {
        let sized = |mut glyphs: Vec<Glyph>, size: f32| {
            glyphs.iter_mut().for_each(|g| g.size = size);
            glyphs
        };
        // "1.733.980 M³." with the page number "22" in the right margin at the
        // height of the raised "3".
        let mut glyphs = sized(glyph_run("1.733.980 M", 10.0, 100.0, 5.0), 12.0);
        glyphs.extend(sized(glyph_run("3", 65.0, 95.0, 3.0), 8.0));
        glyphs.extend(sized(glyph_run(".", 68.0, 100.0, 3.0), 12.0));
        glyphs.extend(sized(glyph_run("22", 400.0, 95.0, 5.0), 11.0));
        let rows = rows(glyphs);
        let texts: Vec<String> = rows
            .iter()
            .map(|(_, r)| {
                spans(r)
                    .iter()
                    .map(|s| s.text.clone())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(texts, ["22", "1.733.980 M3."]);
    }

    #[test]
    fn a_page_number_beside_a_line_on_a_baseline_of_its_own_is_a_line_of_its_own() {
        let sized = |mut glyphs: Vec<Glyph>, size: f32| {
            glyphs.iter_mut().for_each(|g| g.size = size);
            glyphs
        };
        // A table's last line and, far right in a numbered box, the page
        // number 3.6 points higher in larger type: two lines.
        let mut glyphs = sized(glyph_run("yang handal", 230.0, 462.6, 6.0), 12.0);
        glyphs.extend(sized(glyph_run("20", 760.0, 459.0, 4.0), 14.0));
        let texts = |rows: &[(f32, Vec<Glyph>)]| -> Vec<Vec<String>> {
            rows.iter()
                .map(|(_, r)| spans(r).into_iter().map(|s| s.text).collect())
                .collect()
        };
        assert_eq!(texts(&rows(glyphs)), [vec!["20"], vec!["yang handal"]]);
        // On the line's own baseline the figure is a cell of that line.
        let mut glyphs = sized(glyph_run("Jumlah", 230.0, 462.6, 6.0), 12.0);
        glyphs.extend(sized(glyph_run("20", 760.0, 462.6, 6.0), 12.0));
        assert_eq!(texts(&rows(glyphs)), [vec!["Jumlah", "20"]]);
    }

    #[test]
    fn a_row_set_below_a_gap_in_the_tables_columns_is_cut_at_them() {
        // Three columns (label, indicator, target); the last row stands
        // four lines under the others (a merged cell's empty lines), its
        // justified words as far apart as the gutter before its figure.
        let mut glyphs = Vec::new();
        let mut put = |cells: &[(&str, f32)], y: f32| {
            for (text, x) in cells {
                glyphs.extend(glyph_run(text, *x, y, 5.0));
            }
        };
        put(
            &[("No", 10.0), ("Indikator", 100.0), ("Target", 250.0)],
            100.0,
        );
        put(
            &[
                ("1.", 10.0),
                ("Sampah", 100.0),
                ("terangkut habis", 140.0),
                ("80%", 250.0),
            ],
            112.0,
        );
        put(
            &[
                ("2.", 10.0),
                ("Taman", 100.0),
                ("tertata baik", 170.0),
                ("75%", 250.0),
            ],
            124.0,
        );
        put(
            &[
                ("Tempat", 100.0),
                ("pembuangan", 150.0),
                ("umum", 210.0),
                ("18%", 250.0),
            ],
            170.0,
        );
        put(&[("sampah", 100.0)], 182.0);
        // A numbered row right under it: the bridged lines are no centred
        // row (they stand further apart than padding), each line stays a line.
        put(&[("3.", 10.0), ("Jalan", 100.0), ("60%", 250.0)], 194.0);
        let out = lines(glyphs, &mut Carried::default(), &mut Vec::new());
        let cells = |y: f32| -> Vec<String> {
            out.iter()
                .find(|l| (l.y - y).abs() < 0.5)
                .map(|l| l.spans.iter().map(|s| s.text.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(cells(170.0), ["Tempat pembuangan umum", "18%"]);
        assert_eq!(cells(194.0), ["3.", "Jalan", "60%"]);
        assert!(out.iter().all(|l| l.cells == CellMode::Aligned));
        // Prose under the table runs over its gutters: it stays text.
        let mut glyphs = Vec::new();
        let mut put = |cells: &[(&str, f32)], y: f32| {
            for (text, x) in cells {
                glyphs.extend(glyph_run(text, *x, y, 5.0));
            }
        };
        put(
            &[("No", 10.0), ("Indikator", 100.0), ("Target", 250.0)],
            100.0,
        );
        put(
            &[
                ("1.", 10.0),
                ("Sampah", 100.0),
                ("terangkut habis", 140.0),
                ("80%", 250.0),
            ],
            112.0,
        );
        put(
            &[
                ("2.", 10.0),
                ("Taman", 100.0),
                ("tertata baik", 170.0),
                ("75%", 250.0),
            ],
            124.0,
        );
        put(
            &[("Capaian rata-rata indikator di atas adalah 77,5 %", 100.0)],
            170.0,
        );
        let out = lines(glyphs, &mut Carried::default(), &mut Vec::new());
        assert_eq!(out.last().map(|l| l.cells), Some(CellMode::Flow));
    }

    #[test]
    fn a_block_found_inside_one_grown_over_it_is_not_cut_again() {
        // The RKT form's rows (word by word as printed, justified cells):
        // the table's block ends at the justified "berdayaguna serta mampu"
        // and is grown over the lines after it, where another block is
        // found. That block is part of the first, cut at its columns: the
        // bullet at the gutter's end stays a cell of its own, as above.
        // Each word: its text, where it starts and its glyphs' advance.
        type Words<'a> = &'a [(&'a str, f32, f32)];
        let rows: &[(f32, Words)] = &[
            (
                205.9,
                &[
                    ("No", 203.2, 8.30),
                    ("Sasaran", 272.7, 5.86),
                    ("Strategis", 316.6, 5.10),
                    ("Indikator", 457.7, 5.52),
                    ("Kinerja", 510.5, 5.50),
                    ("Target", 603.2, 5.73),
                ],
            ),
            (
                223.9,
                &[
                    ("1", 208.4, 6.00),
                    ("2", 314.7, 6.00),
                    ("3", 500.3, 6.00),
                    ("4", 617.3, 6.00),
                ],
            ),
            (
                238.7,
                &[
                    ("1.", 203.2, 4.50),
                    ("Terwujudnya", 230.6, 6.56),
                    ("pemanfaatan", 335.2, 6.33),
                    ("-", 415.5, 4.00),
                    ("3.10.4", 425.3, 5.00),
                    ("RTH", 484.1, 8.43),
                    ("Per", 523.9, 5.87),
                    ("satuan", 556.0, 5.87),
                    ("0.820%", 601.8, 6.18),
                ],
            ),
            (
                253.7,
                &[
                    ("ruang", 230.6, 6.34),
                    ("yang", 271.0, 6.58),
                    ("berhasilguna", 306.2, 5.74),
                    ("dan", 384.0, 6.77),
                    ("Wilayah", 425.3, 6.34),
                    ("Perkotaan", 472.7, 6.00),
                ],
            ),
            (
                268.5,
                &[
                    ("berdayaguna", 230.6, 6.36),
                    ("serta", 319.0, 5.12),
                    ("mampu", 363.0, 8.32),
                ],
            ),
            (
                283.5,
                &[("mendukung", 230.6, 7.28), ("pengelolaan", 339.6, 5.89)],
            ),
            (
                298.5,
                &[
                    ("Lingkungan", 230.6, 6.48),
                    ("Hidup", 319.2, 7.04),
                    ("yang", 378.2, 6.58),
                    ("-", 415.5, 4.00),
                    ("3.10.5", 425.3, 5.00),
                    ("Persentase", 462.3, 5.62),
                    ("Penanganan", 525.6, 6.56),
                    ("5%", 612.3, 8.05),
                ],
            ),
            (313.3, &[("handal.", 230.6, 5.69), ("Sampah", 425.3, 7.17)]),
        ];
        let mut glyphs = Vec::new();
        for (y, words) in rows {
            for (text, x, advance) in *words {
                let mut run = glyph_run(text, *x, *y, *advance);
                for (i, g) in run.iter_mut().enumerate() {
                    g.size = 12.0;
                    g.space = 3.0;
                    g.space_before = i == 0;
                }
                glyphs.extend(run);
            }
        }
        let out = lines(glyphs, &mut Carried::default(), &mut Vec::new());
        let cells = |y: f32| -> Vec<String> {
            out.iter()
                .find(|l| (l.y - y).abs() < 0.5)
                .map(|l| l.spans.iter().map(|s| s.text.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(cells(238.7)[3], "-");
        assert_eq!(cells(298.5)[2..4], ["yang", "-"]);
    }

    #[test]
    fn a_caption_with_its_title_set_apart_is_one_line_of_text() {
        // "Tabel 13.      Anggaran Pendapatan ..." over a two-line title whose
        // second line starts under the first's title, then the table.
        let mut glyphs = glyph_run("Tabel 13.", 10.0, 100.0, 5.0);
        glyphs.extend(glyph_run("Anggaran Belanja Negara", 100.0, 100.0, 5.0));
        glyphs.extend(glyph_run("dan Kesehatan Hewan", 100.0, 112.0, 5.0));
        glyphs.extend(glyph_run("No", 10.0, 140.0, 5.0));
        glyphs.extend(glyph_run("Kewenangan", 60.0, 140.0, 5.0));
        glyphs.extend(glyph_run("2012", 200.0, 140.0, 5.0));
        glyphs.extend(glyph_run("1", 10.0, 152.0, 5.0));
        glyphs.extend(glyph_run("Dekonsentrasi", 60.0, 152.0, 5.0));
        glyphs.extend(glyph_run("11.985.347", 200.0, 152.0, 5.0));
        let out = lines(glyphs, &mut Carried::default(), &mut Vec::new());
        assert_eq!(out[0].cells, CellMode::Flow);
        assert_eq!(out[0].text(), "Tabel 13. Anggaran Belanja Negara");
        assert_eq!(out.last().map(|l| l.cells), Some(CellMode::Aligned));
        // A first cell that only looks like a caption label is not one.
        assert!(!is_caption_line(&[
            Span::new("Tabel 3.1", 10.0, 40.0),
            Span::new("12,5", 100.0, 20.0)
        ]));
    }
}
