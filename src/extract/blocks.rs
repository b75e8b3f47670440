//! Tables among lines: readers that know a grid (ruled PDF tables, HTML)
//! build it themselves; the rest leave lines whose spans are cells — tab and
//! pipe rows (`Delimited`), positioned text (`Aligned`) — and this pass groups
//! consecutive such lines into grids. A table running over a page break
//! becomes one grid per page, the later ones marked as continuing.

use crate::fasthash::IntMap;
use std::sync::LazyLock;

use regex::Regex;

use super::grid::{Grid, GridSource, TableRow};
use super::{CellMode, Document, Line, Span};

/// A line's place in the document: (page index, line index).
type At = (usize, usize);

/// The line at a position (page, line) of the document.
fn line_at(doc: &Document, (p, l): At) -> &Line {
    &doc.pages[p].lines[l]
}

/// Consecutive cell lines of one mode that no reader put in a grid.
struct CellRun {
    mode: CellMode,
    lines: Vec<At>,
}

/// Groups the cell lines no reader put in a grid into grids, and marks which
/// grids continue a table from the previous page.
pub fn assemble(doc: &mut Document) {
    // Out of time: the file is reported as not fully audited.
    let Some(runs) = cell_runs(doc) else {
        return;
    };
    for run in runs {
        if crate::limits::out_of_time() {
            return;
        }
        for (lines, rows) in run_parts(doc, &run) {
            // Running text set with tab indents or wide justified gaps: its lines
            // stay text, read as one sentence.
            let cells = rows
                .iter()
                .map(|r| r.cells.iter().map(|(t, _)| t.as_str()).collect());
            if run.mode == CellMode::Aligned
                && (is_prose(cells)
                    || holed_prose(doc, &lines)
                    || justified_line(doc, &lines)
                    || justified_words(doc, &lines))
            {
                to_flow(doc, &lines);
                continue;
            }
            let source = match run.mode {
                CellMode::Aligned => GridSource::Aligned,
                _ => GridSource::Markup,
            };
            place(doc, source, rows);
        }
    }
    super::continued::join_over_pages(doc);
}

/// The rows of `lines` (blank ones left out), None when they are not cells
/// of two columns or more.
fn columned_rows(doc: &Document, mode: CellMode, lines: &[At]) -> Option<Vec<BlockRow>> {
    let block: Vec<(At, Line)> = lines
        .iter()
        .map(|&at| (at, line_at(doc, at).clone()))
        .filter(|(_, l)| !l.is_blank())
        .collect();
    // A text export sets a year over its sub-columns centred to the
    // character, and a full column's figure one space from the next; a
    // PDF's reader finds merged cells by their boxes and rulings (measured:
    // centring there misread a generated table's years) and its spans keep
    // no position per character.
    let text_export = doc.kind == crate::extract::InputKind::Text;
    let rows = block_rows(mode, &block, text_export);
    (columns(&rows) >= 2).then_some(rows)
}

/// The number of columns of a block's rows.
fn columns(rows: &[BlockRow]) -> usize {
    rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
}

/// The most blank-separated parts a run without common columns is cut into.
const MAX_PARTS: usize = 64;

/// A run's tables, each with its lines and rows: the whole run when its lines
/// share columns. Aligned lines whose columns run into each other's (a
/// "SKPD : …" list over a table, a blank line between) may leave no column
/// common to all: the run is then cut at its blank lines, and a part joins
/// the one above when together they keep the columns of each.
fn run_parts(doc: &Document, run: &CellRun) -> Vec<(Vec<At>, Vec<BlockRow>)> {
    let whole = columned_rows(doc, run.mode, &run.lines);
    if run.mode != CellMode::Aligned {
        if let Some(parts) = fields_over_table(doc, run) {
            return parts;
        }
        return whole.map_or_else(Vec::new, |rows| vec![(run.lines.clone(), rows)]);
    }
    let blank = |&at: &At| line_at(doc, at).is_blank();
    let mut pieces: Vec<Vec<At>> = vec![Vec::new()];
    for &at in &run.lines {
        if blank(&at) && pieces.last().is_some_and(|p| !p.is_empty()) {
            pieces.push(Vec::new());
        }
        if let Some(piece) = pieces.last_mut() {
            piece.push(at);
        }
    }
    if let Some(rows) = whole {
        return list_over_table(doc, &pieces, columns(&rows))
            .unwrap_or_else(|| vec![(run.lines.clone(), rows)]);
    }
    // Each join reads the part so far again: a bound keeps that linear.
    if pieces.len() < 2 || pieces.len() > MAX_PARTS {
        return Vec::new();
    }
    let mut out: Vec<(Vec<At>, Vec<BlockRow>)> = Vec::new();
    let mut current: Vec<At> = Vec::new();
    let width = |lines: &[At]| columned_rows(doc, run.mode, lines).map_or(0, |rows| columns(&rows));
    for piece in pieces {
        let joined: Vec<At> = current.iter().chain(&piece).copied().collect();
        if current.is_empty() || width(&joined) >= width(&current).max(width(&piece)).max(2) {
            current = joined;
            continue;
        }
        out.extend(columned_rows(doc, run.mode, &current).map(|rows| (current, rows)));
        current = piece;
    }
    out.extend(columned_rows(doc, run.mode, &current).map(|rows| (current, rows)));
    // A part's leading blank line is no line of its table.
    for (lines, _) in &mut out {
        while lines.first().is_some_and(blank) {
            lines.remove(0);
        }
    }
    out
}

/// A run whose first part (up to its first blank line) has cells running
/// across the columns of the rest ("SKPD : Dinas …" over the table's
/// "Sasaran | Indikator"): that part and the rest, each a table of its own,
/// when each has columns. None when the first part keeps to the rest's columns
/// (a header over its rows), when the whole run (`whole`: its columns) has as
/// many columns as either part (a figure or header centred over a column may
/// start a little left of where the cells below start: the parts still share
/// their columns), and for a first part of one line (a header over
/// sub-columns: "Anggaran" over "Rp | 42.085.425.000").
fn list_over_table(
    doc: &Document,
    pieces: &[Vec<At>],
    whole: usize,
) -> Option<Vec<(Vec<At>, Vec<BlockRow>)>> {
    let (first, rest) = pieces.split_first()?;
    let line = |&at: &At| line_at(doc, at);
    if first.iter().filter(|at| !line(at).is_blank()).count() < 2 {
        return None;
    }
    let rest: Vec<At> = rest
        .iter()
        .flatten()
        .copied()
        .skip_while(|at| line(at).is_blank())
        .collect();
    let bounds = column_bounds(rest.iter().flat_map(|at| &line(at).spans));
    let crosses = first.iter().flat_map(|at| &line(at).spans).any(|s| {
        bounds
            .iter()
            .any(|&b| s.x < b - CELL_START && s.x + s.width > b + CELL_START)
    });
    if !crosses {
        return None;
    }
    let above = columned_rows(doc, CellMode::Aligned, first)?;
    let below = columned_rows(doc, CellMode::Aligned, &rest)?;
    if whole >= columns(&above).max(columns(&below)) {
        return None;
    }
    Some(vec![(first.clone(), above), (rest, below)])
}

/// A run of delimited lines opening with a form's fields ("SKPD\t: Dinas …")
/// and, after a blank line, the form's table: the fields and the table, each
/// a table of its own, so the fields are not read as the table's header.
fn fields_over_table(doc: &Document, run: &CellRun) -> Option<Vec<(Vec<At>, Vec<BlockRow>)>> {
    let line = |&at: &At| line_at(doc, at);
    let cut = run.lines.iter().position(|at| line(at).is_blank())?;
    let (fields, rest) = run.lines.split_at(cut);
    if fields.is_empty() || !fields.iter().all(|at| line(at).is_form_field()) {
        return None;
    }
    let rest: Vec<At> = rest
        .iter()
        .copied()
        .skip_while(|at| line(at).is_blank())
        .collect();
    let above = columned_rows(doc, run.mode, fields)?;
    let below = columned_rows(doc, run.mode, &rest)?;
    (columns(&below) > 2).then(|| vec![(fields.to_vec(), above), (rest, below)])
}

/// The runs of free cell lines in reading order (table-of-contents rows
/// never start one); None when out of time.
fn cell_runs(doc: &Document) -> Option<Vec<CellRun>> {
    let order: Vec<At> = doc
        .pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| (0..page.lines.len()).map(move |l| (p, l)))
        .collect();
    let lines: Vec<&Line> = order.iter().map(|&at| line_at(doc, at)).collect();
    let text_export = doc.kind == crate::extract::InputKind::Text;
    let mut runs = Vec::new();
    let mut i = 0;
    // Where the last run ended: a run never takes lines of the one before.
    let mut taken = 0;
    while i < lines.len() {
        if crate::limits::out_of_time() {
            return None;
        }
        let first = lines[i];
        if !is_free_cell_line(first) || is_toc_row(first) {
            i += 1;
            continue;
        }
        let end = run_end(&lines, i, text_export);
        let mut start = i;
        // A header label's first line above the run (see `heads_run`), for
        // a run of rows with figures: a justified line of prose alone
        // stays a run of its own, to be read as text.
        if text_export && end - i >= 2 && lines[i..end].iter().any(|l| has_figure(l)) {
            while start > taken && heads_run(&order, &lines, start - 1, first) {
                start -= 1;
            }
        }
        // In a text export, one grid per page: each page is laid out on
        // its own, its columns maybe elsewhere than the last page's
        // (`continued` joins the parts). A part of fewer than two lines of
        // figures stays with its neighbour: a header alone at a page's foot
        // with the rows after it, a total alone at a page's head with the
        // rows before it. A PDF's pages share their coordinates.
        let whole = order[start..end].to_vec();
        if !text_export {
            runs.push(CellRun {
                mode: first.cells,
                lines: whole,
            });
            i = end;
            taken = end;
            continue;
        }
        let mut parts: Vec<Vec<At>> = Vec::new();
        let mut carried: Vec<At> = Vec::new();
        for part in whole.chunk_by(|a, b| a.0 == b.0) {
            carried.extend_from_slice(part);
            match figure_lines(doc, part) {
                0 => {}
                1 if !parts.is_empty() => {
                    if let Some(last) = parts.last_mut() {
                        last.append(&mut carried);
                    }
                }
                _ => parts.push(std::mem::take(&mut carried)),
            }
        }
        match parts.last_mut() {
            Some(last) => last.append(&mut carried),
            None => parts.push(carried),
        }
        runs.extend(parts.into_iter().map(|lines| CellRun {
            mode: first.cells,
            lines,
        }));
        i = end;
        taken = end;
    }
    if text_export {
        runs = headers_over_rows(doc, runs);
    }
    Some(runs)
}

/// How many of `lines` hold a figure.
fn figure_lines(doc: &Document, lines: &[At]) -> usize {
    lines
        .iter()
        .filter(|&&at| has_figure(line_at(doc, at)))
        .count()
}

/// The most lines between a table's header and its first row of figures
/// (a text export's group rows: "Visi : …", a mission's wrapped label).
const MAX_HEADED_GAP: usize = 12;

/// In a text export, a header that ends in its column-numbering row ("1 2 3
/// … 9") with no row of figures of its own heads the rows of figures that
/// follow it on the page: the lines between (a "Visi : …" line spanning the
/// columns, a mission's label wrapped over several lines, their rows of
/// averages) are the table's group rows, which broke the run. A caption
/// between them starts another table.
fn headers_over_rows(doc: &Document, runs: Vec<CellRun>) -> Vec<CellRun> {
    let line = |&at: &At| line_at(doc, at);
    let is_numbering = |l: &Line| numbers_columns(l.spans.iter().map(|s| s.text.as_str()));
    let heads = |run: &CellRun| {
        run.mode == CellMode::Aligned
            && run
                .lines
                .iter()
                .rev()
                .map(line)
                .find(|l| !l.is_blank())
                .is_some_and(is_numbering)
            && run
                .lines
                .iter()
                .map(line)
                .all(|l| is_numbering(l) || !has_figure(l))
    };
    let mut out: Vec<CellRun> = Vec::with_capacity(runs.len());
    let mut runs = runs.into_iter().peekable();
    while let Some(mut run) = runs.next() {
        if heads(&run)
            && let Some(&(page, last)) = run.lines.last()
        {
            // The runs within reach on the page, up to the first with rows
            // of figures.
            let mut taken = Vec::new();
            while let Some(next) = runs.peek() {
                let Some(&(p, first)) = next.lines.first() else {
                    break;
                };
                if p != page || first > last + MAX_HEADED_GAP || next.mode != run.mode {
                    break;
                }
                let rows = figure_lines(doc, &next.lines) >= 2;
                taken.extend(runs.next());
                if rows {
                    break;
                }
            }
            let body = taken
                .last()
                .is_some_and(|r| figure_lines(doc, &r.lines) >= 2);
            let between_ok =
                taken
                    .last()
                    .and_then(|r| r.lines.first())
                    .is_some_and(|&(_, first)| {
                        (last + 1..first).all(|l| {
                            let text = &doc.pages[page].lines[l].text;
                            !super::running::is_caption(text.trim())
                        })
                    });
            if body && between_ok {
                // The lines between the runs join too: they are the group rows.
                for r in taken {
                    if let (Some(&(p, after)), Some(&(q, first))) =
                        (run.lines.last(), r.lines.first())
                        && p == q
                    {
                        run.lines.extend((after + 1..first).map(|l| (p, l)));
                    }
                    run.lines.extend(r.lines);
                }
                out.push(run);
            } else {
                out.push(run);
                out.extend(taken);
            }
            continue;
        }
        out.push(run);
    }
    out
}

/// Whether line `k` of a text export, right above the first line of a
/// run of cells (`first`, a header of three short labels or more, no
/// figure), is the first line of a header label of it: a word or three
/// alone, no caption, figure or sentence's end, set over one label of the
/// first line right of its first column and short of the next
/// ("Anggaran" over "Setelah" over "Perubahan"), on the same page with no
/// blank line between.
fn heads_run(order: &[At], lines: &[&Line], k: usize, first: &Line) -> bool {
    let (Some(&(page, at)), Some(&(first_page, first_at))) = (order.get(k), order.get(k + 1))
    else {
        return false;
    };
    let Some(line) = lines.get(k) else {
        return false;
    };
    let [span] = line.spans.as_slice() else {
        return false;
    };
    // The first line's span it stands over, from the second on, and where
    // the next one starts: the label keeps within that column.
    let over = first
        .spans
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, s)| s.x <= span.x + span.width && span.x <= s.x + s.width)
        .map(|(j, _)| j)
        .collect::<Vec<_>>();
    let within = match over.as_slice() {
        [j] => first
            .spans
            .get(j + 1)
            .is_none_or(|next| span.x + span.width < next.x),
        _ => false,
    };
    page == first_page
        && at + 1 == first_at
        && line.table.is_none()
        && span.text.split_whitespace().count() <= 3
        && !super::running::is_caption(&span.text)
        && !span.text.ends_with(['.', ',', ';', ':', ')'])
        && first.spans.len() >= 3
        && first
            .spans
            .iter()
            .all(|s| s.text.split_whitespace().count() <= 4)
        && !is_figure_text(&span.text)
        && !has_figure(first)
        && within
}

/// Where the run of free cell lines starting at `start` ends: lines of the
/// first's mode, with a wrapped cell's fragment or one blank line between
/// (`text_export`: the lines of a `pdftotext -layout` export, whose tall
/// rows' pieces may stack deeper and stand between blank lines).
fn run_end(lines: &[&Line], start: usize, text_export: bool) -> usize {
    let mode = lines[start].cells;
    let get = |k: usize| -> Option<&Line> { lines.get(k).copied() };
    let mut end = start + 1;
    loop {
        if let Some(l) = get(end)
            && is_free_cell_line(l)
            && l.cells == mode
        {
            end += 1;
            continue;
        }
        // In layout text a wrapped cell is a lone indented fragment between
        // rows; a blank line may follow it (Word's paragraph spacing) when it
        // keeps inside a cell of the row above.
        if mode == CellMode::Aligned
            && let Some(fragment) = get(end)
            && fragment.cells == CellMode::Flow
            && fragment.table.is_none()
            && fragment.spans.first().is_some_and(|s| s.x >= 4.0)
        {
            let gap = usize::from(
                get(end + 1).is_some_and(Line::is_blank)
                    && get(end - 1).is_some_and(|row| wraps_in_cell(row, fragment)),
            );
            if let Some(next) = get(end + 1 + gap)
                && next.cells == CellMode::Aligned
                && next.table.is_none()
            {
                end += 1 + gap;
                continue;
            }
        }
        // A tall row's pieces on lines of their own: its label's first or
        // last words in the first column, a figure centred apart from the
        // row's others. Each keeps inside one cell of the row above, and a
        // row of cells follows them.
        if mode == CellMode::Aligned
            && let Some(pieces) = in_cell_pieces(lines, end, text_export)
        {
            end += pieces;
            continue;
        }
        // One blank line inside a table is common (converters insert them),
        // before a row or a tall row's first pieces.
        if let (Some(blank), Some(next)) = (get(end), get(end + 1))
            && blank.is_blank()
            && get(start).is_none_or(|f| f.text != next.text)
        {
            if is_free_cell_line(next) && next.cells == mode {
                end += 2;
                continue;
            }
            if mode == CellMode::Aligned
                && let Some(pieces) = in_cell_pieces(lines, end + 1, text_export)
            {
                end += 1 + pieces;
                continue;
            }
        }
        // The last row's wrapped cell ends on a line of its own under it,
        // maybe after a blank line (Word's 1.5 spacing). A lone justified
        // line of prose read as cells is no table to end.
        let gap = usize::from(get(end).is_some_and(Line::is_blank));
        let rows = lines[start..end]
            .iter()
            .filter(|l| l.cells == mode && !l.is_blank())
            .count();
        if mode == CellMode::Aligned
            && rows >= 2
            && let (Some(row), Some(fragment)) = (get(end - 1), get(end + gap))
            && wraps_in_cell(row, fragment)
            && let Some(x) = fragment.spans.first().map(|s| s.x)
            // A line under it starting there too is a paragraph or a list.
            && get(end + gap + 1).is_none_or(|n| {
                n.is_blank() || n.spans.first().is_none_or(|s| (s.x - x).abs() > CELL_START)
            })
        {
            return end + gap + 1;
        }
        return end;
    }
}

/// The most lines of a tall row's pieces between two rows of cells.
const MAX_PIECES: usize = 3;

/// The most lines of one cell's wrapped text under a row of cells in a
/// text export (each starting where that cell does, right of the table's
/// first column).
const MAX_STACKED_PIECES: usize = 6;

/// How many rows above a tall row's pieces tell where the table's first
/// column starts.
const STACK_LOOKBACK: usize = 20;

/// The most blank lines among a tall row's pieces in a text export.
const MAX_BLANKS_AMONG_PIECES: usize = 2;

/// How many lines from `at` are pieces of a tall row (see `run_end`): lone
/// fragments, each inside one cell of the row of cells above them (crossing
/// none of its cells' starts), followed by a row of cells; None when they
/// are not.
fn in_cell_pieces(lines: &[&Line], at: usize, text_export: bool) -> Option<usize> {
    // The row of cells above; past a blank line, not the last row's own
    // pieces set in two cells ("kelola pemerintahan | Belanja Bandar Udara").
    let above: Vec<&&Line> = lines[..at]
        .iter()
        .rev()
        .filter(|l| l.cells == CellMode::Aligned && !l.is_blank())
        .take(MAX_PIECES + 1)
        .collect();
    let after_blank = at > 0 && lines[at - 1].is_blank();
    let row: &Line = above
        .iter()
        .find(|l| !after_blank || l.spans.len() >= 3)
        .or(above.first())
        .map(|l| **l)?;
    // Under a text export's header (labels centred over their columns, no
    // figure), after a blank line: the first row's label lines above its
    // figures keep inside the cells of that row, below them.
    let row: &Line = if text_export && after_blank && !has_figure(row) {
        lines[at..]
            .iter()
            .take(MAX_PIECES + MAX_BLANKS_AMONG_PIECES + 1)
            .find(|l| l.cells == CellMode::Aligned && !l.is_blank())
            .map_or(row, |below| *below)
    } else {
        row
    };
    // The row's cell starts. In a row of figures: the first, a figure's, or
    // one another row above shares (a justified cell's words set apart
    // start nowhere else).
    let figures = row.spans.iter().filter(|s| is_figure_text(&s.text)).count();
    let starts: Vec<f32> = row
        .spans
        .iter()
        .enumerate()
        .filter(|&(i, s)| {
            figures < 2
                || i == 0
                || is_figure_text(&s.text)
                || above.iter().any(|other| {
                    !std::ptr::eq(**other, row)
                        && other.spans.iter().any(|o| (o.x - s.x).abs() <= CELL_START)
                })
        })
        .map(|(_, s)| s.x)
        .collect();
    let row_width = row.spans.last()?.x + row.spans.last()?.width - starts.first()?;
    let (mut n, mut pieces, mut blanks) = (0, 0, 0);
    // Where the pieces so far all start, when that is one of the row's
    // cells right of the table's first column (one cell's wrapped lines,
    // stacked; the first column's start is also a paragraph's).
    let mut stacked: Option<f32> = None;
    let leftmost = if text_export {
        lines[..at]
            .iter()
            .rev()
            .filter(|l| l.cells == CellMode::Aligned && !l.is_blank())
            .take(STACK_LOOKBACK)
            .filter_map(|l| l.spans.first().map(|s| s.x))
            .fold(f32::INFINITY, f32::min)
    } else {
        f32::INFINITY
    };
    while let Some(line) = lines.get(at + n) {
        if line.cells == CellMode::Aligned && line.table.is_none() && !line.is_blank() {
            return (pieces > 0).then_some(n);
        }
        // Word's spacing after a cell's last line: blank lines between a
        // row's last pieces and the next row's first (its label's lines
        // above its figures, centred in a tall row).
        if line.is_blank() {
            blanks += 1;
            if !text_export || pieces == 0 || blanks > MAX_BLANKS_AMONG_PIECES {
                return None;
            }
            n += 1;
            continue;
        }
        let [piece] = line.spans.as_slice() else {
            return None;
        };
        // A short piece may cross a start: a text export joins two cells'
        // words one space apart ("Meningkatnya Keselamatan dan Udara", a
        // sasaran's line and its indicator's). A line of prose is wider
        // than a quarter of the row.
        let crosses = starts
            .iter()
            .any(|&x| x > piece.x + CELL_START && x < piece.x + piece.width)
            && piece.width * 4.0 > row_width;
        let in_stack = text_export
            && (pieces == 0 || stacked.is_some())
            && piece.x > leftmost + CELL_START
            && starts.iter().any(|&x| (x - piece.x).abs() <= CELL_START)
            && stacked.is_none_or(|x| (x - piece.x).abs() <= CELL_START);
        stacked = in_stack.then_some(piece.x);
        let most = if in_stack {
            MAX_STACKED_PIECES
        } else {
            MAX_PIECES
        };
        if pieces == most
            || line.cells != CellMode::Flow
            || line.table.is_some()
            || line.heading.is_some()
            || crosses
            || piece.x + piece.width > row.spans.last()?.x + row.spans.last()?.width + CELL_START
        {
            return None;
        }
        n += 1;
        pieces += 1;
    }
    None
}

/// How far (points, or characters in a text export) a wrapped cell's next
/// line may start from the cell's first.
const CELL_START: f32 = 2.0;

/// Whether `fragment` is the next line of one of `row`'s cells, not its
/// first: a lone piece of text, no figure, starting where that cell starts
/// and ending before the next cell does.
fn wraps_in_cell(row: &Line, fragment: &Line) -> bool {
    let [piece] = fragment.spans.as_slice() else {
        return false;
    };
    row.cells == CellMode::Aligned
        && fragment.cells == CellMode::Flow
        && fragment.table.is_none()
        && !is_figure_text(&piece.text)
        && row
            .spans
            .windows(2)
            .skip(1)
            .any(|w| (w[0].x - piece.x).abs() <= CELL_START && piece.x + piece.width < w[1].x)
}

/// A block's rows: aligned lines by their columns, delimited ones a row each.
fn block_rows(mode: CellMode, block: &[(At, Line)], text_export: bool) -> Vec<BlockRow> {
    match mode {
        CellMode::Aligned => aligned_rows(block, text_export),
        _ => block
            .iter()
            .map(|(at, l)| BlockRow {
                cells: l.spans.iter().map(|s| (s.text.clone(), s.bold)).collect(),
                lines: vec![*at],
            })
            .collect(),
    }
}

/// Lines that stay running text: flow, their cells joined by spaces.
fn to_flow(doc: &mut Document, run: &[At]) {
    for &(p, l) in run {
        let line = &mut doc.pages[p].lines[l];
        line.cells = CellMode::Flow;
        line.text = line
            .text
            .split('\t')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
}

/// A row of a block before it becomes grid cells: its cell texts and the lines it spans.
struct BlockRow {
    cells: Vec<(String, bool)>,
    lines: Vec<At>,
}

/// Puts a block's rows into grids, one per page it runs over.
fn place(doc: &mut Document, source: GridSource, rows: Vec<BlockRow>) {
    let mut by_page: Vec<(usize, Vec<BlockRow>)> = Vec::new();
    for row in rows {
        let Some(&(page, _)) = row.lines.first() else {
            continue;
        };
        match by_page.last_mut() {
            Some((p, rows)) if *p == page => rows.push(row),
            _ => by_page.push((page, vec![row])),
        }
    }
    for (k, (page, rows)) in by_page.into_iter().enumerate() {
        let texts: Vec<Vec<(String, bool)>> = rows.iter().map(|r| r.cells.clone()).collect();
        let mut grid = Grid::from_rows(source, &texts);
        let lines = &mut doc.pages[page].lines;
        grid.row_lines = rows
            .iter()
            .map(|r| {
                r.lines
                    .first()
                    .and_then(|&(_, l)| lines.get(l))
                    .map_or(0, |l| l.number)
            })
            .collect();
        grid.continues = k > 0;
        let table = doc.pages[page].tables.len();
        let lines = &mut doc.pages[page].lines;
        for (r, row) in rows.iter().enumerate() {
            // A wrapped cell's last lines may be at the top of the next page:
            // they stay in the row's text, and are not this page's lines.
            for &(p, l) in &row.lines {
                if p == page
                    && let Some(line) = lines.get_mut(l)
                {
                    line.table = Some(TableRow { table, row: r });
                }
            }
        }
        // Blank lines between a grid's rows belong to its block. Its first and
        // last lines come from the rows: searching the page for them made a
        // one-page text export quadratic in its number of tables.
        let mine = |x: &Line| x.table.is_some_and(|t| t.table == table);
        let on_page = || {
            rows.iter()
                .flat_map(|r| &r.lines)
                .filter(|(p, _)| *p == page)
                .map(|(_, l)| *l)
        };
        if let (Some(first), Some(last)) = (on_page().min(), on_page().max())
            && last < lines.len()
        {
            let mut above = None;
            for line in &mut lines[first..=last] {
                if line.table.is_none() && line.is_blank() {
                    line.table = above;
                } else if mine(line) {
                    above = line.table;
                }
            }
        }
        grid.normalise();
        doc.pages[page].tables.push(grid);
    }
}

fn is_free_cell_line(line: &Line) -> bool {
    line.table.is_none() && matches!(line.cells, CellMode::Delimited | CellMode::Aligned)
}

/// Table-of-contents rows ("BAB I PENDAHULUAN …\t1") do not open a table.
fn is_toc_row(line: &Line) -> bool {
    line.text.contains(".....")
}

static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^[(\-–+]?\s*(rp\.?\s*)?[(\-–]?\d[\d.,]*\s*(%|‰|,-|\.-)?\s*\)?$")
        .expect("valid regex")
});
static YEARISH: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^((capaian|target|realisasi)\s+)?((th\.?|tahun)\s*)?(19|20)\d\d(\s*\(n[+-]?\d?\))?$",
    )
    .expect("valid regex")
});
/// A unit set in brackets under a header's title: "(%)", "(Rp)".
static UNIT_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\(\s*(?:%|rp\.?|Rp\.?|unit|jiwa)\s*\)$").expect("valid regex")
});
static COLUMN_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^\(?\d{1,2}\)?$").expect("valid regex"));

/// A list item's marker alone in its cell: "a)", "1.", "(2)", "iv.", "-", "•".
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^(?:\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|[-•*➤▪])$")
        .expect("valid regex")
});

/// Words running text has at least: a list item's beside its marker, a
/// sentence's over its cells (a table's cell of names has fewer).
const PROSE_WORDS: usize = 8;

/// Rows that are running text, not a table: each row a list item's marker
/// and a long text ("a) | Dinas … mempunyai kinerja SANGAT BAIK (114,50%), …"),
/// maybe a word or two set apart after it,
/// or text whose cells read on as one sentence ("Apresiasi | kinerja
/// Kelembagaan | untuk semua eselon …": each gap between a word and a word in
/// lower case), and no cell a figure alone.
pub(crate) fn is_prose<'a>(rows: impl IntoIterator<Item = Vec<&'a str>>) -> bool {
    let words = |t: &str| t.split_whitespace().count();
    let reads_on = |a: &str, b: &str| {
        a.chars()
            .last()
            .is_some_and(|c| c.is_alphabetic() || c == ',')
            && b.chars().next().is_some_and(char::is_lowercase)
    };
    let mut total = 0;
    for row in rows {
        let texts: Vec<&str> = row
            .into_iter()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        // A list number ("8.") reads as a figure: its item is no value.
        if texts
            .iter()
            .any(|t| is_figure_text(t) && !LIST_MARKER.is_match(t))
        {
            return false;
        }
        // A justified item's last word may stand apart at the right margin
        // ("… realisasi anggaran sebesar   Rp."): a word or two after the
        // item's text is still the item's.
        let marked = matches!(texts.as_slice(), [m, text, tail @ ..]
            if LIST_MARKER.is_match(m)
                && words(text) >= PROSE_WORDS
                && tail.iter().all(|t| words(t) <= 2));
        let run_on = texts.len() >= 2
            && texts.windows(2).all(|w| reads_on(w[0], w[1]))
            && texts.iter().map(|t| words(t)).sum::<usize>() >= PROSE_WORDS;
        if !marked && !run_on {
            return false;
        }
        total += texts.iter().map(|t| words(t)).sum::<usize>();
    }
    total >= PROSE_WORDS
}

/// Words a line of running text has at least, beside a justified hole.
const HOLED_WORDS: usize = 4;

/// One line of a justified paragraph whose gaps are as wide as a table's
/// gutters ("Terselenggaranya   good   governance   merupakan …", a
/// paragraph's first line): words in two cells or more, no figure alone in
/// one, its sentence going on in lower case on the next line of prose, which
/// it starts at or is indented from and reaches to the end of (a text
/// export's justified line runs past the lines set with single spaces). A
/// table of one line of words has nothing to check.
fn justified_line(doc: &Document, run: &[At]) -> bool {
    let Some((lines, at)) = lone_line(doc, run) else {
        return false;
    };
    // The lines of text next to it, past one blank line (a double-spaced
    // export sets one between a paragraph's lines).
    let near = |k: Option<usize>, step: fn(usize) -> Option<usize>| {
        let k = k?;
        match lines.get(k) {
            Some(l) if l.is_blank() => step(k).and_then(|k| lines.get(k)),
            other => other,
        }
    };
    let (Some(line), Some(below)) = (lines.get(at), near(Some(at + 1), |k| k.checked_add(1)))
    else {
        return false;
    };
    let above = near(at.checked_sub(1), |k| k.checked_sub(1));
    let prose = |l: &Line| {
        l.cells == CellMode::Flow
            && l.table.is_none()
            && l.text.split_whitespace().count() >= HOLED_WORDS
    };
    // Its sentence goes on below in lower case, or began above and goes on
    // in it (a word in lower case: a header in capitals under a title is
    // no sentence).
    let inside_sentence = below.text.chars().next().is_some_and(char::is_lowercase)
        || (above.is_some_and(|a| prose(a) && !a.text.trim_end().ends_with(super::SENTENCE_END))
            && line
                .text
                .split_whitespace()
                .any(|w| w.chars().next().is_some_and(char::is_lowercase)));
    let words: Vec<&str> = line.text.split_whitespace().collect();
    let lettered = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    prose(below)
        && inside_sentence
        && line.spans.len() >= 2
        && !has_figure(line)
        && words.len() > HOLED_WORDS
        && lettered * 4 >= words.len() * 3
        && edges(line).zip(edges(below)).is_some_and(
            |((left, right), (below_left, below_right))| {
                left >= below_left - 3.0 && right >= below_right - 4.0
            },
        )
}

/// The page's lines and the index of a run's one line; None for a run of
/// more lines.
fn lone_line<'d>(doc: &'d Document, run: &[At]) -> Option<(&'d [Line], usize)> {
    let [(page, at)] = run else {
        return None;
    };
    Some((&doc.pages.get(*page)?.lines, *at))
}

/// Where a line's text starts and where it ends.
fn edges(l: &Line) -> Option<(f32, f32)> {
    let left = l.spans.first()?.x;
    let right = l
        .spans
        .iter()
        .map(|s| s.x + s.width)
        .fold(f32::MIN, f32::max);
    Some((left, right))
}

/// One line of a justified paragraph set so loose that each word stands
/// apart ("anggaran    sebesar    Rp    450.000.000,00     yang …    Rp"):
/// six words or more, each alone in its cell, mostly letters (an amount
/// among them), under a line of the paragraph that starts where it does.
/// A table's row has cells of several words, or figures for most cells.
fn justified_words(doc: &Document, run: &[At]) -> bool {
    let Some((lines, at)) = lone_line(doc, run) else {
        return false;
    };
    let (Some(line), Some(above)) = (lines.get(at), at.checked_sub(1).and_then(|a| lines.get(a)))
    else {
        return false;
    };
    let lettered = line
        .spans
        .iter()
        .filter(|s| s.text.chars().any(char::is_alphabetic))
        .count();
    line.spans.len() >= 6
        && line
            .spans
            .iter()
            .all(|s| s.text.split_whitespace().count() == 1)
        && lettered * 4 >= line.spans.len() * 3
        && above.cells == CellMode::Flow
        && above.table.is_none()
        && above.text.split_whitespace().count() >= HOLED_WORDS
        && edges(line)
            .zip(edges(above))
            .is_some_and(|((a, _), (b, _))| (a - b).abs() <= 3.0)
}

/// One or two justified lines of running text with a wide hole in each
/// (words the viewer shows but the text layer lacks, as a watermarked PDF
/// whose light-grey phrases use an unreadable font): two cells that start
/// and end where the prose lines just above and below do, words mostly
/// letters. A table's row between two paragraphs rarely fills the text
/// block's width from edge to edge with words.
fn holed_prose(doc: &Document, run: &[At]) -> bool {
    let (Some(&(page, first)), Some(&(last_page, last))) = (run.first(), run.last()) else {
        return false;
    };
    let Some(lines) = doc.pages.get(page).map(|p| &p.lines) else {
        return false;
    };
    if last_page != page || run.iter().any(|&(p, _)| p != page) {
        return false;
    }
    let block: Vec<&Line> = run
        .iter()
        .filter_map(|&(_, l)| lines.get(l))
        .filter(|l| !l.is_blank())
        .collect();
    if block.is_empty() || block.len() > 2 {
        return false;
    }
    let prose = |l: &&Line| {
        l.cells == CellMode::Flow && l.table.is_none() && l.text.split_whitespace().count() >= 5
    };
    let above = lines
        .get(..first)
        .unwrap_or_default()
        .iter()
        .rev()
        .take(3)
        .find(|l| !l.is_blank())
        .filter(prose)
        .and_then(&edges);
    let below = lines
        .get(last + 1..)
        .unwrap_or_default()
        .iter()
        .take(3)
        .find(|l| !l.is_blank())
        .filter(prose)
        .and_then(&edges);
    let (Some(above), Some(below)) = (above, below) else {
        return false;
    };
    let right = above.1.max(below.1);
    block.iter().all(|l| {
        let words: Vec<&str> = l.text.split_whitespace().collect();
        let lettered = words
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        l.spans.len() == 2
            && words.len() >= HOLED_WORDS
            && lettered * 2 >= words.len()
            && edges(l).is_some_and(|(left, end)| {
                ((left - above.0).abs() <= 3.0 || (left - below.0).abs() <= 3.0)
                    && (end - right).abs() <= 4.0
            })
    })
}

/// Is this cell a value (a figure, not a year, a column number or text)?
pub fn is_value_text(text: &str) -> bool {
    let t = text.trim();
    is_figure_text(t) && !YEARISH.is_match(t) && !COLUMN_NUMBER.is_match(t)
}

/// Whether a line has a span that is one figure alone.
fn has_figure(line: &Line) -> bool {
    line.spans.iter().any(|s| is_figure_text(&s.text))
}

/// Is this text one figure alone (an amount, a percentage, a count)?
pub fn is_figure_text(text: &str) -> bool {
    VALUE.is_match(text.trim())
}

/// How many of a row's cells after the first hold a value.
fn value_count(cells: &[(String, bool)]) -> usize {
    cells
        .iter()
        .skip(1)
        .filter(|(t, _)| is_value_text(t))
        .count()
}

/// Whether `next`, a cell's next line, goes on with the label `label`: it
/// opens with a word in lower case ("mampu yang dapat terlayani"), or
/// closes a bracket the label left open ("( Gross Death" / "Rate)").
fn continues_label(label: &str, next: &str) -> bool {
    let open = label.matches('(').count() > label.matches(')').count();
    opens_in_lower_case(next) || (open && next.contains(')'))
}

/// Whether a cell's text opens with a word in lower case: a word of two
/// letters or more, not a list's marker ("b)").
fn opens_in_lower_case(text: &str) -> bool {
    text.split_whitespace().next().is_some_and(|w| {
        w.chars().count() >= 2 && w.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
    })
}

/// One word of letters, as a label's words are ("cakupan", "(Lembaran").
fn is_word(text: &str) -> bool {
    let word = text.trim().trim_matches(|c: char| c.is_ascii_punctuation());
    !word.is_empty() && word.chars().all(char::is_alphabetic)
}

/// A row numbering the columns, "1 2 3 4 5" or "(1) (2) (3)": three numbers
/// or more, one a cell, counting up by one from 1 or 2. Nothing under it
/// continues it.
fn numbers_columns<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    // Two numbers may share a cell ("2 3" where the header merged two
    // columns the numbers stand under).
    let numbers: Option<Vec<u32>> = texts
        .into_iter()
        .flat_map(str::split_whitespace)
        .map(|t| {
            let inner = t.strip_prefix('(').unwrap_or(t);
            let inner = inner.strip_suffix(')').unwrap_or(inner);
            (inner.len() <= 2)
                .then(|| inner.parse::<u32>().ok())
                .flatten()
        })
        .collect();
    numbers.is_some_and(|n| n.len() >= 3 && n[0] <= 2 && n.windows(2).all(|w| w[1] == w[0] + 1))
}

/// Rows of aligned lines (`pdftotext -layout` or PDF lines): the gutters (x
/// ranges no span covers) separate columns, and each span goes to the column
/// holding its middle. A line with nothing in the first column and no value in
/// the others continues the row above (a cell that wraps).
fn aligned_rows(block: &[(At, Line)], text_export: bool) -> Vec<BlockRow> {
    let unglued;
    let block = match text_export.then(|| split_glued_values(block)).flatten() {
        Some(split) => {
            unglued = split;
            &unglued[..]
        }
        None => block,
    };
    let (bounds, placed) = match text_export.then(|| crossed_gutters(block)).flatten() {
        Some(found) => found,
        None => (
            column_bounds(block.iter().flat_map(|(_, l)| &l.spans)),
            IntMap::default(),
        ),
    };
    let found_column = |s: &Span| -> usize {
        if let Some(&c) = placed.get(&(std::ptr::from_ref(s) as usize)) {
            return c;
        }
        column_at(&bounds, s)
    };
    let merged = if text_export {
        interleaved_columns(block, bounds.len(), &found_column)
    } else {
        (0..bounds.len()).collect()
    };
    let column_of = |s: &Span| -> usize {
        let c = found_column(s);
        merged.get(c).copied().unwrap_or(c)
    };
    let width = merged.last().map_or(1, |&c| c + 1);
    // How far right the first column's text reaches, for telling its
    // wrapped lines from new rows.
    let first_right = block
        .iter()
        .flat_map(|(_, l)| &l.spans)
        .filter(|s| column_of(s) == 0)
        .map(|s| s.x + s.width)
        .fold(f32::NEG_INFINITY, f32::max);
    let header = text_export.then(|| HeaderGeometry::of(block, width, &column_of));
    let line_cells: Vec<Vec<(String, bool)>> = block
        .iter()
        .enumerate()
        .map(|(k, (_, l))| {
            let mut cells = vec![(String::new(), false); width];
            for (i, s) in l.spans.iter().enumerate() {
                let c = column_of(s).min(width - 1);
                // A year over several columns heads each: the header's lines
                // join into one row, where a span would be lost.
                let columns = header
                    .as_ref()
                    .and_then(|h| h.centred_over(c, k, i))
                    .unwrap_or(c..=c);
                for c in columns {
                    if !cells[c].0.is_empty() {
                        cells[c].0.push(' ');
                    }
                    cells[c].0.push_str(&s.text);
                    cells[c].1 |= s.bold;
                }
            }
            cells
        })
        .collect();
    // Each line's marker (in the first column) and value (in another); a
    // line with either starts a row by itself, its anchor.
    let markers: Vec<bool> = line_cells.iter().map(|c| !c[0].0.is_empty()).collect();
    let values: Vec<bool> = line_cells
        .iter()
        .map(|c| c.iter().skip(1).any(|(t, _)| is_value_text(t)))
        .collect();
    let anchors: Vec<bool> = markers.iter().zip(&values).map(|(m, v)| m | v).collect();
    // Whether line k is the one right under line k - 1 (no blank line between).
    let follows = |k: usize| -> bool {
        k > 0 && {
            let (a, b) = (block[k - 1].0, block[k].0);
            a.0 == b.0 && a.1 + 1 == b.1
        }
    };
    let leads = if text_export {
        lead_starts(&anchors, &values, &follows, &line_cells)
    } else {
        Vec::new()
    };
    let split_rows = if text_export {
        split_figure_rows(&line_cells, &follows)
    } else {
        Vec::new()
    };
    let completing: Vec<bool> = (0..block.len())
        .map(|k| text_export && k > 0 && completes(&line_cells, &follows, k - 1, k))
        .collect();
    let figures_only: Vec<bool> = line_cells
        .iter()
        .zip(&values)
        .map(|(cells, &v)| v && cells.iter().all(|(t, _)| t.is_empty() || is_value_text(t)))
        .collect();
    let mut rows: Vec<BlockRow> = Vec::new();
    // The row begun by a tall row's leading lines, waiting for its anchor.
    let mut leading: Option<usize> = None;
    for (k, ((at, l), cells)) in block.iter().zip(line_cells).enumerate() {
        let (has_marker, has_value) = (markers[k], values[k]);
        if text_export && anchors[k] {
            // The anchor of a row whose label began on the lines above it.
            if let Some(row) = leading
                .take()
                .filter(|&r| r + 1 == rows.len())
                .and_then(|r| rows.get_mut(r))
            {
                append_cells(row, cells, *at);
                continue;
            }
        }
        // A row whose figures the table sets over two lines (see
        // `split_figure_rows`): the second line goes on with it.
        if split_rows.get(k).copied().unwrap_or(false)
            && let Some(prev) = rows.last_mut()
            && prev.lines == [block[k - 1].0]
        {
            append_cells(prev, cells, *at);
            continue;
        }
        // The marked line under a row's figures set a line above it, that
        // row begun by its label lines (see `completes`).
        if completing[k]
            && let Some(prev) = rows.last_mut()
            && prev.lines.last() == Some(&block[k - 1].0)
            && prev.cells[0].0.is_empty()
        {
            append_cells(prev, cells, *at);
            continue;
        }
        // In a text export, label lines right above a row's anchor may be
        // that row's (see `lead_starts`).
        if leads.get(k).copied().unwrap_or(false) {
            leading = Some(rows.len());
            rows.push(BlockRow {
                cells,
                lines: vec![*at],
            });
            continue;
        }
        let only_first = cells.iter().skip(1).all(|(t, _)| t.is_empty());
        let wrapped = only_first
            && follows(k)
            && wraps_first_cell(&block[k - 1].1, l, first_right, &column_of);
        // In a text export a tall row's cells wrap line by line, the first
        // column's with them: a line of no value whose first cell goes on
        // in lower case ("beban pencemaran" under "Terkendalinya") is that
        // row's, not a new one.
        let goes_on = text_export && !has_value && follows(k) && opens_in_lower_case(&cells[0].0);
        // Nor does a line of no value that writes only where the row
        // above, one of values, wrote nothing ("Jumlah dokumen Sistem"
        // under "Rata-rata Capaian Sasaran | 100,00"): it starts the next
        // row, whose values come on a later line.
        let starts_next = text_export
            && !has_value
            && rows.last().is_some_and(|prev| {
                prev.cells.iter().any(|(t, _)| is_value_text(t)) && apart(&cells, &prev.cells)
            });
        // In a text export a row's cells sit on different lines when Word
        // aligns its columns differently (one centred, the others at the
        // top): a line of figures alone, right under a row whose
        // columns it fills where that row has none, goes on with it when
        // one of the two holds a single figure ("70,89%" beside a label,
        // the row's other figures on the next line).
        let stray = text_export
            && figures_only[k]
            && follows(k)
            && rows.last().is_some_and(|prev| {
                prev.lines.last() == Some(&block[k - 1].0)
                    && !prev.cells[0].0.is_empty()
                    && apart(&cells, &prev.cells)
                    && (value_count(&cells) <= 1 || value_count(&prev.cells) <= 1)
            });
        if stray && let Some(prev) = rows.last_mut() {
            append_cells(prev, cells, *at);
            continue;
        }
        // The label's last line under such a stray figure, with the row's
        // other figures ("Tidak adanya GDR ( Gross Death" / "100,00" /
        // "Rate)  100%  0‰  100%  100%"): the same row when its label goes
        // on (in lower case, or closing a bracket the label opened) and its
        // figures fill columns the row has none in.
        let closes = text_export
            && has_marker
            && has_value
            && follows(k)
            && k >= 2
            && figures_only[k - 1]
            && rows.last().is_some_and(|prev| {
                let label = &prev.cells[0].0;
                prev.lines.last() == Some(&block[k - 1].0)
                    && prev.lines.len() >= 2
                    && !label.is_empty()
                    && value_count(&prev.cells) <= 1
                    && apart(&cells[1..], &prev.cells[1..])
                    && continues_label(label, &cells[0].0)
            });
        if closes && let Some(prev) = rows.last_mut() {
            append_cells(prev, cells, *at);
            continue;
        }
        let restates = rows.last().is_some_and(|prev| {
            restates_cells(&prev.cells, &cells)
                || numbers_columns(prev.cells.iter().map(|(t, _)| t.as_str()))
        });
        match rows.last_mut() {
            Some(prev)
                if ((!has_marker && !has_value) || wrapped || goes_on)
                    && !restates
                    && !starts_next =>
            {
                append_cells(prev, cells, *at);
            }
            _ => rows.push(BlockRow {
                cells,
                lines: vec![*at],
            }),
        }
    }
    join_bullet_columns(&mut rows);
    rows
}

/// Each column's new index once a column that is part of the one before it
/// joins that column. Two such columns are found in a text export:
/// - one figure alone, set one character right of the figures of the
///   column before it and not on a line with them: a lone short figure
///   ("0") a character off the column's right edge ("6,48");
/// - the last words of a label's justified lines: Word stretches a cell's
///   full lines to its right edge, so on each such line the label's words
///   stand apart ("Persentase      peningkatan        cakupan") and its
///   last word ends where the other justified lines' last words end, right
///   of all the label's other text. A column of single words, each on a
///   line whose column before it holds two words or more set apart, all
///   ending within three characters of each other (pdftotext rounds the
///   stretched gaps to whole characters), two lines or more, is such.
fn interleaved_columns(
    block: &[(At, Line)],
    columns: usize,
    column_of: &dyn Fn(&Span) -> usize,
) -> Vec<usize> {
    // Per column: its left edge, its figures' right edge, whether only
    // figures, and the lines it has text on (a header's label over the
    // column is no figure); whether only single words, each on a line with
    // two spans or more in the column before it, and its text's right
    // edges.
    let mut left = vec![f32::INFINITY; columns];
    let mut right = vec![f32::NEG_INFINITY; columns];
    let mut figures = vec![true; columns];
    let mut lines: Vec<Vec<usize>> = vec![Vec::new(); columns];
    let mut line_ends = vec![true; columns];
    let mut text_right = vec![(f32::INFINITY, f32::NEG_INFINITY); columns];
    for (k, (_, l)) in block.iter().enumerate() {
        let cols: Vec<usize> = l
            .spans
            .iter()
            .map(|s| column_of(s).min(columns.saturating_sub(1)))
            .collect();
        let mut per_column = vec![0usize; columns];
        for &c in &cols {
            if let Some(n) = per_column.get_mut(c) {
                *n += 1;
            }
        }
        for (s, &c) in l.spans.iter().zip(&cols) {
            let Some(at) = left.get_mut(c) else { continue };
            *at = at.min(s.x);
            let figure = is_figure_text(&s.text);
            if figure {
                right[c] = right[c].max(s.x + s.width);
            }
            figures[c] &= figure;
            let end = s.x + s.width;
            text_right[c] = (text_right[c].0.min(end), text_right[c].1.max(end));
            line_ends[c] &=
                c > 0 && per_column[c] == 1 && per_column[c - 1] >= 2 && is_word(&s.text);
            if lines[c].last() != Some(&k) {
                lines[c].push(k);
            }
        }
    }
    let mut out: Vec<usize> = Vec::with_capacity(columns);
    for c in 0..columns {
        let lone_figure = c > 1
            && figures[c]
            && lines[c].len() == 1
            && (0.0..=1.0 + f32::EPSILON).contains(&(left[c] - right[c - 1]))
            && !lines[c]
                .iter()
                .any(|k| lines[c - 1].binary_search(k).is_ok());
        let justified = c > 0
            && line_ends[c]
            && lines[c].len() >= 2
            && text_right[c].1 - text_right[c].0 <= 3.0 + f32::EPSILON
            && text_right[c - 1].1 < text_right[c].0;
        let joins = lone_figure || justified;
        let previous = out.last().copied().unwrap_or(0);
        out.push(if c == 0 {
            0
        } else if joins {
            previous
        } else {
            previous + 1
        });
    }
    out
}

/// The lines of a text export's block that carry the second half of a
/// row's figures: Word tops one column's cell and centres the others, so
/// each row prints its "%" beside its label's first line and its amounts
/// on the next ("Kegiatan Penguatan Peran | | | 99,99%" over "Dewan Riset
/// Daerah dalam | 450.000.000,00 | 449.973.884,00 |"). A line is one when
/// it follows a line whose label column it goes on in, their figures in
/// different columns; and only when the whole block keeps to it: three
/// such pairs or more, and no line of the block holding figures both in
/// the columns the pairs' first lines use and in those their second use
/// (a table that prints a row's figures on one line is left alone).
fn split_figure_rows(cells: &[Vec<(String, bool)>], follows: &dyn Fn(usize) -> bool) -> Vec<bool> {
    let n = cells.len();
    let columns = |k: usize, values: bool| -> Vec<usize> {
        cells[k]
            .iter()
            .enumerate()
            .filter(|(_, (t, _))| !t.is_empty() && is_value_text(t) == values)
            .map(|(c, _)| c)
            .filter(|&c| !values || c > 0)
            .collect()
    };
    let pairs: Vec<usize> = (1..n)
        .filter(|&k| {
            let (above, below) = (columns(k - 1, true), columns(k, true));
            let labels = columns(k - 1, false);
            follows(k)
                && !above.is_empty()
                && !below.is_empty()
                && above.iter().all(|c| !below.contains(c))
                && columns(k, false).iter().any(|c| labels.contains(c))
        })
        .collect();
    let mut marks = vec![false; n];
    if pairs.len() < 3 {
        return marks;
    }
    let first: Vec<usize> = pairs.iter().flat_map(|&k| columns(k - 1, true)).collect();
    let second: Vec<usize> = pairs.iter().flat_map(|&k| columns(k, true)).collect();
    let mixed = (0..n).any(|k| {
        let values = columns(k, true);
        values.iter().any(|c| first.contains(c)) && values.iter().any(|c| second.contains(c))
    });
    if !mixed {
        for k in pairs {
            marks[k] = true;
        }
    }
    marks
}

/// Whether line `marked` (a marker and figures) completes the row whose
/// figures stand alone on the line right above it (`figures`): Word sets
/// one column's figure a line above the others when their cells are
/// aligned differently ("935.278.000" over "22 | Prasarana Kantor | |
/// 875.004.321 | 91,63%"); the two lines never write in the same column.
fn completes(
    cells: &[Vec<(String, bool)>],
    follows: &dyn Fn(usize) -> bool,
    figures: usize,
    marked: usize,
) -> bool {
    let (Some(top), Some(line)) = (cells.get(figures), cells.get(marked)) else {
        return false;
    };
    let value = |(t, _): &(String, bool)| is_value_text(t);
    follows(marked)
        && top.first().is_some_and(|(t, _)| t.is_empty())
        && top.iter().any(value)
        && top.iter().all(|c| c.0.is_empty() || value(c))
        && line.first().is_some_and(|(t, _)| !t.is_empty())
        && line.iter().skip(1).any(value)
        && apart(line, top)
}

/// Whether two lines' (or rows') cells never write in the same column.
fn apart(a: &[(String, bool)], b: &[(String, bool)]) -> bool {
    a.iter()
        .zip(b)
        .all(|((x, _), (y, _))| x.is_empty() || y.is_empty())
}

/// The lines of a text export's block that start the label of the row
/// whose anchor (a line with a marker or a value) comes below them, not the
/// row above's wrapped text: label lines after a blank line and right above
/// an anchor, writing only in columns the anchor's row writes in. A tall
/// row centred in Word sets its label's lines around its figures, and Word
/// leaves a blank line between rows, none inside a cell of single spacing;
/// the tail of a row carried over a page break, under the repeated header,
/// writes in columns the next row leaves empty.
fn lead_starts(
    anchors: &[bool],
    values: &[bool],
    follows: &dyn Fn(usize) -> bool,
    cells: &[Vec<(String, bool)>],
) -> Vec<bool> {
    let n = anchors.len();
    let filled = |k: usize| -> Vec<usize> {
        cells[k]
            .iter()
            .enumerate()
            .filter(|(_, (t, _))| !t.is_empty())
            .map(|(c, _)| c)
            .collect()
    };
    // Whether lines k.. above `anchor` write only where its row writes (its
    // line and the label lines right under it).
    let fits = |k: usize, anchor: usize| -> bool {
        // An anchor of figures alone may be the row's figures set a line
        // above its marked line (see `aligned_rows`): that line is the row's.
        let completed = completes(cells, follows, anchor, anchor + 1);
        let first_after = if completed { anchor + 2 } else { anchor + 1 };
        let row_lines = std::iter::once(anchor)
            .chain(completed.then_some(anchor + 1))
            .chain((first_after..n).take_while(|&j| follows(j) && !anchors[j]));
        let row_columns: Vec<usize> = row_lines.flat_map(filled).collect();
        (k..anchor).all(|i| !anchors[i] && filled(i).iter().all(|c| row_columns.contains(c)))
    };
    let mut leads: Vec<bool> = (0..n)
        .map(|k| {
            if k == 0 || anchors[k] || follows(k) {
                return false;
            }
            (k + 1..n.min(k + 1 + MAX_PIECES))
                .take_while(|&j| follows(j))
                .find(|&j| anchors[j])
                .is_some_and(|anchor| fits(k, anchor))
        })
        .collect();
    if let Some((at, ups)) = centred_rows(anchors, values, follows, &leads, cells) {
        for (anchor, up) in at.into_iter().zip(ups) {
            if up > 0 && fits(anchor - up, anchor) {
                leads[anchor - up] = true;
            }
        }
    }
    leads
}

/// The most label lines above a centred row's anchor.
const MAX_CENTRED_ABOVE: usize = 4;

/// The rows' anchors and how many label lines above each are its row's when the block's
/// rows are centred: its first row's label begins on lines of their own
/// after a blank line (`leads`), and every row has as many label lines
/// under its anchor as above it, a blank line between two rows where they
/// part and none inside one. None when that does not hold everywhere.
fn centred_rows(
    anchors: &[bool],
    values: &[bool],
    follows: &dyn Fn(usize) -> bool,
    leads: &[bool],
    cells: &[Vec<(String, bool)>],
) -> Option<(Vec<usize>, Vec<usize>)> {
    let n = anchors.len();
    // The rows' anchors: from the first line with a value (a header's
    // "No" is no row); a marker alone after it leaves the rows unclear.
    let start = values.iter().position(|&v| v)?;
    let at: Vec<usize> = (start..n).filter(|&k| anchors[k]).collect();
    if at.iter().any(|&k| !values[k]) {
        return None;
    }
    let (&first, &last) = (at.first()?, at.last()?);
    if at.len() < 3 {
        return None;
    }
    let first_up = (1..=first.min(MAX_CENTRED_ABOVE)).find(|&u| leads[first - u])?;
    // A label's first line starts with a capital; a cell's next one may not.
    let starts_label = |k: usize| -> bool {
        let filled: Vec<&str> = cells[k]
            .iter()
            .map(|(t, _)| t.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        match filled.as_slice() {
            [one] => one.chars().next().is_none_or(|c| !c.is_lowercase()),
            _ => true,
        }
    };
    let mut ups = vec![first_up];
    for w in at.windows(2) {
        let (a, b) = (w[0], w[1]);
        let down = ups.last().copied().unwrap_or(0);
        let up = (b - a - 1).checked_sub(down)?;
        let cuts: Vec<usize> = (a + 1..=b).filter(|&k| !follows(k)).collect();
        let parts_at_cut = match cuts.as_slice() {
            [] => true,
            [cut] => b - cut == up,
            _ => false,
        };
        if !parts_at_cut || up > MAX_CENTRED_ABOVE || (up > 0 && !starts_label(b - up)) {
            return None;
        }
        ups.push(up);
    }
    let below_last = (last + 1..n)
        .take_while(|&k| follows(k) && !anchors[k])
        .count();
    (ups.last() == Some(&below_last)).then_some((at, ups))
}

/// Appends a line's cells to a row's, a space between the texts.
fn append_cells(row: &mut BlockRow, cells: Vec<(String, bool)>, at: At) {
    for (i, (t, _)) in cells.into_iter().enumerate() {
        if t.is_empty() {
            continue;
        }
        if let Some((target, _)) = row.cells.get_mut(i) {
            if !target.is_empty() {
                target.push(' ');
            }
            target.push_str(&t);
        }
    }
    row.lines.push(at);
}

/// A text export's block with each span that runs a value into its
/// neighbour one space apart ("Rupiah 56.926.983.738 52.124.470.230", where
/// a column's widest figure left one space) cut there: such a span crosses
/// the columns the block's other spans leave between them, and read whole
/// it would merge those columns for every row. A span is cut only at a
/// single space beside a value (no year, no column number), and only where
/// it crosses a column's start; a label over several columns stays whole.
/// None when no span is cut.
fn split_glued_values(block: &[(At, Line)]) -> Option<Vec<(At, Line)>> {
    // Char offsets of the single spaces beside a value, for a span whose
    // text is the export's own characters (one a column each).
    let cuts_of = |s: &Span| -> Vec<usize> {
        let chars: Vec<char> = s.text.chars().collect();
        if chars.len() != s.width as usize || !s.text.contains(' ') {
            return Vec::new();
        }
        let words: Vec<(usize, usize)> = word_ranges(&chars);
        words
            .windows(2)
            .filter(|w| w[0].1 + 1 == w[1].0)
            .filter(|w| {
                let word = |(a, b): (usize, usize)| chars[a..b].iter().collect::<String>();
                let left = word(w[0]);
                // "Rp 10.043.553.000" is one value with its currency.
                is_value_text(&left)
                    || (is_value_text(&word(w[1])) && !UNIT_LABEL.is_match(left.trim()))
            })
            .map(|w| w[0].1)
            .collect()
    };
    let candidates: Vec<Vec<Vec<usize>>> = block
        .iter()
        .map(|(_, l)| l.spans.iter().map(cuts_of).collect())
        .collect();
    if candidates.iter().flatten().all(Vec::is_empty) {
        return None;
    }
    let bounds = column_bounds(
        block
            .iter()
            .zip(&candidates)
            .flat_map(|((_, l), c)| l.spans.iter().zip(c))
            .filter(|(_, c)| c.is_empty())
            .map(|(s, _)| s),
    );
    let mut changed = false;
    let mut out = block.to_vec();
    for ((_, line), cuts) in out.iter_mut().zip(&candidates) {
        let mut spans = Vec::with_capacity(line.spans.len());
        for (span, cuts) in line.spans.iter().zip(cuts) {
            let mut chosen: Vec<usize> = Vec::new();
            for &b in bounds
                .iter()
                .filter(|&&b| b > span.x + 0.5 && b < span.x + span.width)
            {
                let floor = chosen.last().copied();
                if let Some(&cut) = cuts
                    .iter()
                    .rev()
                    .find(|&&c| span.x + c as f32 + 1.0 <= b && floor.is_none_or(|f| c > f))
                {
                    chosen.push(cut);
                }
            }
            if chosen.is_empty() {
                spans.push(span.clone());
                continue;
            }
            changed = true;
            let chars: Vec<char> = span.text.chars().collect();
            let mut start = 0;
            for end in chosen.into_iter().chain([chars.len()]) {
                let text: String = chars[start..end].iter().collect();
                spans.push(Span {
                    text,
                    x: span.x + start as f32,
                    width: (end - start) as f32,
                    ..span.clone()
                });
                start = end + 1;
            }
        }
        line.spans = spans;
    }
    changed.then_some(out)
}

/// A header line's unit alone: "(%)", "%", "(Rp)", "Rp.".
static UNIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\(?\s*(?:%|rp\.?)\s*\)?$").expect("valid regex")
});

/// Fewest lines a block needs before a gutter a few of its spans cross is
/// told from a column they fill.
const CROSSED_MIN_LINES: usize = 6;

/// How far (characters) from a thinly covered position a column's dense
/// text must stand on each side for the position to be a gutter.
const GUTTER_REACH: usize = 8;

/// A text export's columns where a few spans cross the gutter between two
/// of them: pdftotext shifts a line's text to keep it apart ("Bukan
/// Persentase" running from the label into the unit column, a wide figure
/// right-aligned into the gutter, a header label over its right-aligned
/// figures), and a gutter no line may cross would merge both columns for
/// every row. A position few lines cover (a tenth), with text most lines
/// cover (a fifth) within reach on both sides, is a gutter; the spans over
/// one that reach into dense text are left out when the bounds are found,
/// and each is then placed in the column its text overlaps most. A column
/// few rows fill keeps its gutters: its spans reach no dense text. Returns
/// the bounds and the placed spans' columns (keyed by the span's address),
/// or None when no span crosses a gutter.
fn crossed_gutters(block: &[(At, Line)]) -> Option<(Vec<f32>, IntMap<usize, usize>)> {
    // The body's lines say where the columns are: a header's labels span
    // theirs, or sit between them.
    let header_lines = header_line_count(block);
    let body = &block[header_lines..];
    if body.len() < CROSSED_MIN_LINES {
        return None;
    }
    let end = block
        .iter()
        .flat_map(|(_, l)| &l.spans)
        .map(|s| covered_range(s).1)
        .max()?
        .min(100_000);
    let coverage = coverage(body.iter().flat_map(|(_, l)| &l.spans), end);
    let thin = (body.len() / 10).max(1);
    let dense = (body.len() / 5).max(3);
    let densest = |a: usize, b: usize| coverage[a.min(end)..b.min(end)].iter().copied().max();
    let gutter: Vec<bool> = (0..end)
        .map(|x| {
            coverage[x] <= thin
                && densest(x.saturating_sub(GUTTER_REACH), x).is_some_and(|c| c >= dense)
                && densest(x + 1, x + 1 + GUTTER_REACH).is_some_and(|c| c >= dense)
        })
        .collect();
    // A header label wholly inside a gutter, over no body text (a year set a
    // little left of its sub-column's right-aligned figures), may be no
    // column of its own either.
    let inside_gutter = |s: &Span| {
        let (a, b) = covered_range(s);
        let b = b.min(end);
        a < b
            && coverage[a..b].iter().all(|&c| c == 0)
            && (densest(a.saturating_sub(GUTTER_REACH), a).is_some_and(|c| c >= dense)
                || densest(b, b + GUTTER_REACH).is_some_and(|c| c >= dense))
    };
    // A unit set in a header's gutter ("(%)" between "Target" and
    // "Realisasi", under the label over both) is no column of its own
    // either; a column left empty keeps its label.
    let crosses = |s: &Span, in_header: bool| {
        let (a, b) = covered_range(s);
        let b = b.min(end);
        a < b
            && gutter[a..b].iter().any(|&g| g)
            && (densest(a, b).is_some_and(|c| c >= dense)
                || (in_header && UNIT_LABEL.is_match(s.text.trim())))
    };
    let mut crossing: Vec<&Span> = Vec::new();
    let mut in_gutter: Vec<&Span> = Vec::new();
    let mut kept: Vec<&Span> = Vec::new();
    let mut header_kept: Vec<&Span> = Vec::new();
    for (k, (_, l)) in block.iter().enumerate() {
        for s in &l.spans {
            if crosses(s, k < header_lines) {
                crossing.push(s);
            } else if k < header_lines && inside_gutter(s) {
                in_gutter.push(s);
            } else {
                kept.push(s);
                if k < header_lines {
                    header_kept.push(s);
                }
            }
        }
    }
    // A label in a gutter belongs to the column its text nearly touches
    // (not one twice as far) when no other label of the header stands over
    // that column; otherwise (an empty column's "Ket") it is a column's own.
    let (bounds, extents) = column_extents(&kept);
    let labelled: Vec<usize> = header_kept.iter().map(|s| column_at(&bounds, s)).collect();
    let (beside, own): (Vec<&Span>, Vec<&Span>) = in_gutter.into_iter().partition(|s| {
        let nearest = nearest_columns(s, &extents);
        match nearest.as_slice() {
            [(c, d0), (_, d1), ..] => 2.0 * -d0 <= -d1 && !labelled.contains(c),
            [(c, _)] => !labelled.contains(c),
            [] => false,
        }
    });
    if crossing.is_empty() && beside.is_empty() {
        return None;
    }
    let (bounds, extents) = if own.is_empty() {
        (bounds, extents)
    } else {
        kept.extend(own);
        column_extents(&kept)
    };
    let column = |s: &Span| column_at(&bounds, s);
    let mut placed = IntMap::default();
    for s in beside {
        let c = nearest_columns(s, &extents)
            .first()
            .map_or_else(|| column(s), |&(c, _)| c);
        placed.insert(std::ptr::from_ref(s) as usize, c);
    }
    for s in crossing {
        // A label over little of any column's text stands over the gutter
        // between two (a merged cell's): it goes by its middle, as in a PDF,
        // but a unit goes to the nearest column's text.
        let best = nearest_columns(s, &extents)
            .first()
            .filter(|&&(_, o)| 2.0 * o >= s.width || UNIT_LABEL.is_match(s.text.trim()))
            .map_or_else(|| column(s), |&(c, _)| c);
        placed.insert(std::ptr::from_ref(s) as usize, best);
    }
    Some((bounds, placed))
}

/// The columns (of their text's `extents`) by how much `s` overlaps each,
/// most first; minus the distance between the two where it does not.
fn nearest_columns(s: &Span, extents: &[(f32, f32)]) -> Vec<(usize, f32)> {
    let mut out: Vec<(usize, f32)> = extents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.0 <= e.1)
        .map(|(c, &(left, right))| (c, (s.x + s.width).min(right) - s.x.max(left)))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// The column bounds of `spans` and each column's left and right text edges.
fn column_extents(spans: &[&Span]) -> (Vec<f32>, Vec<(f32, f32)>) {
    let bounds = column_bounds(spans.iter().copied());
    let width = bounds.len().max(1);
    let extents = text_extents(
        spans
            .iter()
            .map(|s| (*s, column_at(&bounds, s).min(width - 1))),
        width,
    );
    (bounds, extents)
}

/// Per column of `width`, the left and right edges of the text of the
/// spans placed in it (infinite and empty where none is).
fn text_extents<'a>(
    placed: impl Iterator<Item = (&'a Span, usize)>,
    width: usize,
) -> Vec<(f32, f32)> {
    let mut extents = vec![(f32::INFINITY, f32::NEG_INFINITY); width];
    for (s, c) in placed {
        if let Some(e) = extents.get_mut(c) {
            *e = (e.0.min(s.x), e.1.max(s.x + s.width));
        }
    }
    extents
}

/// How many lines of a block come before its first with a figure (a year
/// is none): its header's.
fn header_line_count(block: &[(At, Line)]) -> usize {
    block
        .iter()
        .position(|(_, l)| {
            l.spans
                .iter()
                .any(|s| is_figure_text(&s.text) && !YEARISH.is_match(s.text.trim()))
        })
        .unwrap_or(0)
}

/// The start and end (exclusive) of each run of non-space characters.
fn word_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in chars.iter().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(a)) => {
                words.push((a, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        words.push((a, chars.len()));
    }
    words
}

/// The spans of a line (given by the column of each) that write in column
/// `own`.
fn spans_in(cols: &[usize], own: usize) -> Vec<usize> {
    (0..cols.len()).filter(|&i| cols[i] == own).collect()
}

/// The columns a header's title heads, and its spans, (line, span) each.
type TitleOver = (std::ops::RangeInclusive<usize>, Vec<(usize, usize)>);

/// Where a text export's aligned block writes, for telling a year centred
/// over its sub-columns (see `centred_over`).
struct HeaderGeometry {
    /// Per line, the column of each span.
    filled: Vec<Vec<usize>>,
    /// Per line, whether it numbers the columns.
    numbering: Vec<bool>,
    /// Per column, the left and right edges of its text.
    extents: Vec<(f32, f32)>,
    /// The header: the lines before the first holding a value (a year is none).
    header_lines: usize,
    /// Per header line, each span's width per character.
    char_widths: Vec<Vec<f32>>,
    /// Per header line, whether each span is a year ("2016", "Tahun 2016").
    years: Vec<Vec<bool>>,
    /// Per header line, whether each span is a unit in brackets ("(%)").
    notes: Vec<Vec<bool>>,
    /// Per line, each span's left and right edges.
    spans: Vec<Vec<(f32, f32)>>,
}

impl HeaderGeometry {
    fn of(block: &[(At, Line)], width: usize, column_of: &impl Fn(&Span) -> usize) -> Self {
        let filled: Vec<Vec<usize>> = block
            .iter()
            .map(|(_, l)| {
                l.spans
                    .iter()
                    .map(|s| column_of(s).min(width - 1))
                    .collect()
            })
            .collect();
        let extents = text_extents(
            block
                .iter()
                .flat_map(|(_, l)| &l.spans)
                .zip(filled.iter().flatten().copied()),
            width,
        );
        let numbering = block
            .iter()
            .map(|(_, l)| numbers_columns(l.spans.iter().map(|s| s.text.as_str())))
            .collect();
        let header_lines = header_line_count(block);
        let header = || block.iter().take(header_lines).map(|(_, l)| &l.spans);
        let char_widths = header()
            .map(|spans| {
                spans
                    .iter()
                    .map(|s| s.width / s.text.chars().count().max(1) as f32)
                    .collect()
            })
            .collect();
        // Per header line, which spans a pattern matches.
        let matching = |re: &Regex| -> Vec<Vec<bool>> {
            header()
                .map(|spans| spans.iter().map(|s| re.is_match(s.text.trim())).collect())
                .collect()
        };
        let years = matching(&YEARISH);
        let notes = matching(&UNIT_NOTE);
        let spans = block
            .iter()
            .map(|(_, l)| l.spans.iter().map(|s| (s.x, s.x + s.width)).collect())
            .collect();
        HeaderGeometry {
            filled,
            numbering,
            extents,
            header_lines,
            char_widths,
            years,
            notes,
            spans,
        }
    }

    /// The columns a year in the header is centred over ("2024" over
    /// "Target PK | Realisasi | %", set in the middle one's place), each of
    /// which it heads: the columns around its own (`own`) that nothing else
    /// on its line (`line`, the span `index`) fills, whose text together is
    /// centred on it within a character and a half, each nearer it than any
    /// other label of its line, and which the next line writing in any of
    /// them fills each (their sub-labels, not a row numbering every column).
    /// A year under a label already heading its column is that label's
    /// last line, unless the two are one title centred over the columns
    /// ("Capaian" over "Tahun 2015" over "Target | Capaian"): then the
    /// title's lines, taken together, are centred as the year alone would
    /// be, and each of its lines heads the columns.
    fn centred_over(
        &self,
        own: usize,
        line: usize,
        index: usize,
    ) -> Option<std::ops::RangeInclusive<usize>> {
        if line >= self.header_lines {
            return None;
        }
        if *self.years.get(line)?.get(index)? {
            return self.year_over(own, line, index);
        }
        // A title's unit under its year ("(%)"): heads what the year heads
        // when the year's title takes it in.
        if *self.notes.get(line)?.get(index)? {
            for above in (0..line).rev() {
                let Some(i) = self.filled[above].iter().position(|&c| c == own) else {
                    continue;
                };
                if !*self.years.get(above)?.get(i)? {
                    continue;
                }
                let (range, title) = self.year_title_over(own, above, i)?;
                return title.contains(&(line, index)).then_some(range);
            }
            return None;
        }
        // A title's line above its year: heads what the year heads.
        let mut below = line + 1;
        while below < self.header_lines {
            let i = self.filled.get(below)?.iter().position(|&c| c == own)?;
            if *self.years.get(below)?.get(i)? {
                let range = self.year_over(own, below, i)?;
                return (*range.start() < *range.end()).then_some(range);
            }
            below += 1;
        }
        None
    }

    /// `centred_over` for a year: the span `index` of header line `line`.
    fn year_over(
        &self,
        own: usize,
        line: usize,
        index: usize,
    ) -> Option<std::ops::RangeInclusive<usize>> {
        self.year_title_over(own, line, index)
            .map(|(range, _)| range)
    }

    /// The columns a year heads and its title's spans, (line, span) each.
    fn year_title_over(&self, own: usize, line: usize, index: usize) -> Option<TitleOver> {
        const MOST: usize = 6;
        let (filled, extents) = (&self.filled, &self.extents);
        // The title's lines: the year's and the lines right above it that
        // write in its column, each once (a label's own lines).
        let mut title = vec![(line, index)];
        let mut above = line;
        while above > 0 {
            match spans_in(&filled[above - 1], own)[..] {
                [i] => title.push((above - 1, i)),
                [] => break,
                _ => return None,
            }
            above -= 1;
        }
        // A label above the title in the year's column, on a line not
        // right above it, makes the year that label's last line.
        if filled.iter().take(above).any(|cols| cols.contains(&own)) {
            return None;
        }
        // The title's unit set under it, alone in its column ("(%)"), past
        // lines that write nothing there.
        let mut last_line = line;
        for (next, cols) in filled
            .iter()
            .enumerate()
            .take(self.header_lines)
            .skip(line + 1)
        {
            match spans_in(cols, own)[..] {
                [] => continue,
                [i] if self.notes[next][i] => {
                    title.push((next, i));
                    last_line = next;
                }
                _ => break,
            }
        }
        let edge = |(l, i): (usize, usize)| self.spans[l][i];
        let left = title
            .iter()
            .map(|&t| edge(t).0)
            .fold(f32::INFINITY, f32::min);
        let right = title
            .iter()
            .map(|&t| edge(t).1)
            .fold(f32::NEG_INFINITY, f32::max);
        let slack = 1.5 * self.char_widths[line][index];
        let mid = (left + right) / 2.0;
        let (title_left, title_right) = (left, right);
        // Each column of the range must be free on every line of the title
        // (but for the title's own span), and nearer the title than any
        // other label of those lines.
        let others: Vec<usize> = title
            .iter()
            .flat_map(|&(l, own_span)| {
                filled[l]
                    .iter()
                    .enumerate()
                    .filter(move |&(i, _)| i != own_span)
                    .map(|(_, &c)| c)
            })
            .collect();
        let others_mid: Vec<f32> = title
            .iter()
            .flat_map(|&(l, own_span)| {
                self.spans[l]
                    .iter()
                    .enumerate()
                    .filter(move |&(i, _)| i != own_span)
                    .map(|(_, &(a, b))| (a + b) / 2.0)
            })
            .collect();
        for wide in (2..=MOST).rev() {
            for first in own.saturating_sub(wide - 1)..=own {
                let last = first + wide - 1;
                if last >= extents.len() || (first..=last).any(|c| others.contains(&c)) {
                    continue;
                }
                // The columns' text but the title's own.
                let (left, right) = self
                    .spans
                    .iter()
                    .enumerate()
                    .flat_map(|(l, edges)| edges.iter().enumerate().map(move |(i, e)| (l, i, e)))
                    .filter(|&(l, i, _)| {
                        filled[l].get(i).is_some_and(|c| (first..=last).contains(c))
                            && !title.contains(&(l, i))
                    })
                    .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), (_, _, e)| {
                        (a.min(e.0), b.max(e.1))
                    });
                // pdftotext sets a long title to whole characters in
                // another font than the sub-labels': it may stand a fifth
                // of its width off their centre, while it reaches over
                // each of the columns.
                let over_each = (first..=last).all(|c| {
                    extents
                        .get(c)
                        .is_some_and(|&(a, b)| title_left < b && title_right > a)
                });
                let allowed = if over_each {
                    slack.max(0.2 * (title_right - title_left))
                } else {
                    slack
                };
                if left > right || (mid - (left + right) / 2.0).abs() > allowed {
                    continue;
                }
                let nearest = (first..=last).all(|c| {
                    let centre = (extents[c].0 + extents[c].1) / 2.0;
                    others_mid
                        .iter()
                        .all(|m| (centre - mid).abs() <= (centre - m).abs())
                });
                let below = filled
                    .iter()
                    .zip(&self.numbering)
                    .skip(last_line + 1)
                    .find(|(cols, _)| cols.iter().any(|c| (first..=last).contains(c)));
                let sub_labels = below.is_some_and(|(cols, &numbers)| {
                    !numbers && (first..=last).all(|c| cols.contains(&c))
                });
                if nearest && sub_labels {
                    return Some((first..=last, title));
                }
            }
        }
        None
    }
}

/// Whether a line's `cells` fill again, each with one word, two or more of
/// the cells the row so far (`row`) holds one word in, a figure under a
/// figure among them ("% | 5" under "% | 0.820"): the next row of a table
/// whose first column spans several rows (its cell empty here), never that
/// row's wrapped text (a wrapped cell goes on in words, not in another unit
/// and figure). Small whole numbers count ("5", "18"): they are no column
/// numbers beside a unit.
fn restates_cells(row: &[(String, bool)], cells: &[(String, bool)]) -> bool {
    let one_word = |t: &str| !t.is_empty() && !t.contains(char::is_whitespace);
    let pairs: Vec<(&str, &str)> = row
        .iter()
        .zip(cells)
        .skip(1)
        .map(|((a, _), (b, _))| (a.as_str(), b.as_str()))
        .filter(|(a, b)| one_word(a) && one_word(b))
        .collect();
    pairs.len() >= 2
        && pairs
            .iter()
            .any(|(a, b)| is_figure_text(a) && is_figure_text(b))
}

/// The whole positions a span covers, its edges rounded outwards.
fn covered_range(s: &Span) -> (usize, usize) {
    let a = s.x.floor().max(0.0) as usize;
    (a, (s.x + s.width).ceil().max(0.0) as usize)
}

/// How many of `spans` cover each of the first `len` positions.
fn coverage<'a>(spans: impl Iterator<Item = &'a Span>, len: usize) -> Vec<usize> {
    let mut coverage = vec![0usize; len];
    for s in spans {
        let (a, b) = covered_range(s);
        for c in coverage.iter_mut().take(b.min(len)).skip(a) {
            *c += 1;
        }
    }
    coverage
}

/// The column of `bounds` (ascending) holding a span's middle: a binary
/// search, as a line may have thousands of them.
fn column_at(bounds: &[f32], s: &Span) -> usize {
    let mid = s.x + s.width / 2.0;
    bounds.partition_point(|&b| b <= mid).saturating_sub(1)
}

/// Column boundaries of aligned spans: the starts of the x ranges they
/// cover after a gutter (a range no span covers).
fn column_bounds<'a>(spans: impl Iterator<Item = &'a Span> + Clone) -> Vec<f32> {
    let max_x = spans.clone().map(|s| s.x + s.width).fold(0.0f32, f32::max);
    let cells = (max_x.ceil().max(0.0) as usize + 2).min(100_000);
    let coverage = coverage(spans, cells);
    let mut bounds = Vec::new();
    let mut in_gap = true;
    for (i, &c) in coverage.iter().enumerate() {
        if c > 0 && in_gap {
            bounds.push(i as f32);
        }
        in_gap = c == 0;
    }
    bounds
}

/// Whether `line`, of one span in the first column, is the first column's
/// text of the line `above` wrapped at the column's left edge: the first word
/// too wide to have ended `above` within the column (its text reaching
/// `first_right` at most). A word processor wraps a cell's text only so; a
/// row naming a group, or a note under the table, would have fitted.
fn wraps_first_cell(
    above: &Line,
    line: &Line,
    first_right: f32,
    column_of: &dyn Fn(&Span) -> usize,
) -> bool {
    let ([span], Some(prev)) = (line.spans.as_slice(), above.spans.first()) else {
        return false;
    };
    // Figures stacked at the left (a chart's axis) are no wrapped text.
    if column_of(prev) != 0
        || column_of(span) != 0
        || prev.bold != span.bold
        || is_figure_text(&prev.text)
        || is_figure_text(&span.text)
    {
        return false;
    }
    // Widths by characters: a text export's are exact, a PDF's near enough.
    let chars = span.text.chars().count().max(1) as f32;
    let char_width = span.width / chars;
    let word = span
        .text
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count()) as f32;
    let same_start = (span.x - prev.x).abs() <= char_width.max(2.5);
    same_start && prev.x + prev.width + char_width * (1.0 + word) > first_right
}

/// A list's bullet: "-", "–", "•".
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^[-–•▪➤*]$").expect("valid regex"));

/// The most columns a block may have for its bullet columns to be joined.
const MAX_BULLET_SCAN: usize = 64;

/// An item's number written as a list's ("1.", "a)", "(2)"), not a bare
/// row number.
static ITEM_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]$|^\(\d{1,2}\)$")
        .expect("valid regex")
});

/// A column holding only bullets ("-", "•") is the bullets of the list in the
/// column to its right, not a column of the table: each joins its item. So is
/// a column of list numbers ("1.", "2.") under no header of its own where
/// the first row heads the column to its right ("Program"): a numbered list
/// in a cell hangs its numbers left of its items, under the cell's header.
fn join_bullet_columns(rows: &mut [BlockRow]) {
    let mut width = rows.iter().map(|r| r.cells.len()).min().unwrap_or(0);
    // Each join moves every row's cells: no table has that many columns.
    if width > MAX_BULLET_SCAN {
        return;
    }
    let mut k = 0;
    while k + 1 < width {
        let bullets = rows.iter().filter(|r| !r.cells[k].0.is_empty()).count();
        let marks = |r: &BlockRow, mark: &Regex| {
            let (cell, next) = (&r.cells[k].0, &r.cells[k + 1].0);
            cell.is_empty() || (mark.is_match(cell) && !next.is_empty())
        };
        let only_bullets = bullets > 0 && rows.iter().all(|r| marks(r, &BULLET));
        let numbered_under_header = bullets >= 2
            && rows.split_first().is_some_and(|(head, body)| {
                head.cells[k].0.is_empty()
                    && !head.cells[k + 1].0.is_empty()
                    && head.cells.iter().all(|(t, _)| !is_figure_text(t))
                    && body.iter().all(|r| marks(r, &ITEM_NUMBER))
            });
        if !only_bullets && !numbered_under_header {
            k += 1;
            continue;
        }
        for r in rows.iter_mut() {
            let (bullet, _) = r.cells.remove(k);
            if !bullet.is_empty() {
                let item = &mut r.cells[k].0;
                *item = format!("{bullet} {item}");
            }
        }
        width -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::read_lines;
    use std::path::PathBuf;

    fn doc(text: &str) -> Document {
        let mut d = Document {
            path: PathBuf::from("x.txt"),
            kind: crate::extract::InputKind::Text,
            pages: read_lines(text),
            paged: true,
            notes: Vec::new(),
            lost: None,
            dropped: Vec::new(),
            ocr_pages: Vec::new(),
        };
        assemble(&mut d);
        d
    }

    /// Rows of upbu 2024's Tabel 3.2 (pdftotext -layout, cut after 2020):
    /// tall rows, a blank line before a tall row's first pieces, a full
    /// column's figures one space apart, a unit run into its label.
    const UPBU_TABEL_3_2: &str = concat!(
        "No          SasaranKegiatan              Indikator Kinerja Kegiatan     Satuan\n",
        "                                                                                  Target PK    Realisasi       %\n",
        "                                         Jumlah Penumpang yang\n",
        "                                     1                                   Orang     21000         8247        39,27\n",
        "                                         dilayani\n",
        "                                       2 Jumlah Kargo Yang dilayani       Kg       21000         3428        16,32\n",
        "      Meningkatnya kinerja pelayanan\n",
        "1                                         Jumlah Pergerakan Pesawat\n",
        "      Prasarana Bandar Udara           3                                 Angka      1250         1070        85,60\n",
        "                                          yang dilayani\n",
        "                                          Indeks Kepuasaan Pengguna\n",
        "                                       4                                 Nilai       81           81         100,0\n",
        "                                          Jasa Layanan Bandar Udara\n",
        "                              Rata-rata Capaian Sasaran                                        60,30\n",
        "                                   Persentase Pemenuhan\n",
        "                                1 Standart Keselamatan Bandar             %       IKK BARU     IKK BARU     IKK BA\n",
        "  Meningkatnya Keselamatan dan     Udara\n",
        "2\n",
        "  Keamanan Bandar Udara            Persentase Pemenuhan\n",
        "                                2 Standart Keamanan Bandar                %       IKK BARU     IKK BARU     IKK BA\n",
        "                                   Udara\n",
        "                       Rata-rata Capaian Sasaran                                              IKK BARU\n",
        "                                       Jumlah dokumen Sistem\n",
        "                                     1 Akuntabilitas Kinerja Instansi   Dokumen      6             6          100\n",
        "                                       Pemerintah (SAKIP)\n",
        "                                     2 Jumlah Dokumen SPIP              Dokumen      3             3          100\n",
        "\n",
        "      Meningkatnya Kualitas Tata      Persentase Realisasi Anggaran\n",
        "3                                   3                               Persentase      95,01        96,88       101,9\n",
        "      kelola pemerintahan yang Baik   Belanja Bandar Udara\n",
        "\n",
        "                                        Nilai aset bandar udara yang\n",
        "                                     4                               Rupiah 56.926.983.738 52.124.470.230    91,56\n",
        "                                        berhasil diinventarisasi\n",
        "                                        Persentase Pencapaian target\n",
        "                                     5 Penerimaan Negara Bukan Persentase        100            20,21        20,21\n",
        "                                        Pajak (PNBP)\n",
        "                            Rata-rata Capaian Sasaran                                         82,75\n",
        "     CAPAIAN RATA-RATA KINERJA KANTOR UPBU KELAS III TARDMAU SABU                              71,52\n",
    );

    /// The grid of the first table on the page of `text`.
    fn first_grid(text: &str) -> Grid {
        let d = doc(text);
        let tables = &d.pages[0].tables;
        assert!(!tables.is_empty(), "no table");
        tables[0].clone()
    }

    /// The cells of the grid's row whose text holds `key`.
    fn row_with(g: &Grid, key: &str) -> Vec<String> {
        (0..g.rows)
            .map(|r| g.row_texts(r))
            .find(|cells| cells.iter().any(|c| c.contains(key)))
            .unwrap_or_else(|| panic!("no row with {key}"))
    }

    #[test]
    fn a_tall_row_after_a_blank_line_goes_on_with_the_table() {
        let d = doc(UPBU_TABEL_3_2);
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:?}");
        // The rows after "Jumlah Dokumen SPIP"'s blank line, and those after
        // the blank line before "Nilai aset bandar udara yang", are its own.
        let g = &tables[0];
        assert!(row_with(g, "95,01").iter().any(|c| c == "Persentase"));
        assert!(row_with(g, "20,21").iter().any(|c| c == "100"));
    }

    #[test]
    fn figures_one_space_apart_are_cut_into_their_columns() {
        let g = first_grid(UPBU_TABEL_3_2);
        assert_eq!(g.cols, 5, "label, Satuan, Target PK, Realisasi, %");
        let row = row_with(&g, "Rupiah");
        assert_eq!(
            row[1..],
            ["Rupiah", "56.926.983.738", "52.124.470.230", "91,56"]
        );
        // "Rp 10.043.553.000" is one value with its currency.
        let g = first_grid(concat!(
            "      Uraian              Pagu Awal            Pagu Akhir
",
            "    Data Awal          Rp 10.043.553.000    Rp 10.043.553.000
",
            "      Revisi I         Rp 10.043.553.000    Rp 10.043.553.000
",
            "      Revisi II        Rp 10.043.553.000    Rp 10.043.553.000
",
            "     Revisi III        Rp 10.043.553.000    Rp 10.043.553.000
",
            "     Revisi IV         Rp 10.043.553.000    Rp 10.043.553.000
",
            "     Revisi V          Rp 10.043.553.000    Rp 11.604.931.000
",
            "     Revisi VI         Rp 11.604.931.000    Rp 11.604.931.000
",
            "     Revisi VII        Rp 11.604.931.000    Rp. 11.686.946.000
",
        ));
        assert_eq!(g.cols, 3);
        assert_eq!(
            g.row_texts(2),
            vec!["Revisi I", "Rp 10.043.553.000", "Rp 10.043.553.000"]
        );
        // Also where a row without the currency starts the column further right.
        let g = first_grid(concat!(
            "      Uraian              Pagu Awal            Pagu Akhir
",
            "    Data Awal          Rp 10.043.553.000    Rp 10.043.553.000
",
            "     Revisi V          Rp 10.043.553.000    Rp 11.604.931.000
",
            "     Revisi VI         Rp 11.604.931.000    Rp 11.604.931.000
",
            "     Revisi VII        Rp 11.604.931.000    Rp. 11.686.946.000
",
            "     Revisi VIII       Rp. 11.686.946.000   Rp. 11.979.946.000
",
            "     Revisi IX            11.979.946.000       11.979.946.000
",
        ));
        assert_eq!(g.cols, 3);
        assert_eq!(
            g.row_texts(1),
            vec!["Data Awal", "Rp 10.043.553.000", "Rp 10.043.553.000"]
        );
    }

    #[test]
    fn a_label_crossing_a_gutter_leaves_both_columns() {
        // "5 Penerimaan Negara Bukan Persentase" runs from the label into
        // the unit column: read whole, it merged the two for every row.
        let g = first_grid(UPBU_TABEL_3_2);
        assert_eq!(row_with(&g, "Kargo")[1..], ["Kg", "21000", "3428", "16,32"]);
        // A header over two columns ("Capaian Tahun 2015") and a unit between
        // them ("(%)") leave the target and the realisasi apart. The title,
        // set in another font, stands three characters left of the
        // sub-labels' centre while reaching over both: it and its unit
        // head both (RSUD Al Ihsan Tabel 6, p19).
        let g = first_grid(concat!(
            "             INDIKATOR KINERJA                   Capaian Tahun 2015       Capaian Tahun2016          %\n",
            "                                                                                                   Capaian\n",
            "                                                           (%)                      (%)\n",
            "                                                                                                   Kinerja\n",
            "                                                  Target     Realisasi     Target     Realisasi\n",
            "                          (1)                      (2)           (3)        (4)           (5)        (6)\n",
            "      Waktu tanggap pelayanan gawat                100.00        113,33    100.00         100.00    100.00\n",
            "      darurat\n",
            "      Nett Death Rate (NDR)                         90.00        138,06     90.00          99.17    110.19\n",
            "      Gross Date Rate (GDR)                         90.00        123,57     90.00          86.68     96.31\n",
            "      Angka Infeksi Rumah Sakit                    100.00        167,33    100.00          26.67     26.67\n",
            "      Indeks Kepuasan Masyarakat                    80.00         88,41     80.00          93.63    117.04\n",
            "      Bed Occupancy Rate (BOR)                      95.00        100,15     95.00         104.12     109.6\n",
            "      Turn Over Interval (TOI)                     100.00        100,00    100.00         100.00    100.00\n",
            "      Average Length Of Stay (ALOS)                100.00        125,00    100.00         100.00    100.00\n",
            "      Bed Turn Over (BTO)                           95.00        131,94     95.00          76.29     80.31\n",
            "      Tingkat Absensi Pegawai                       90.00        146,67     90.00         120.00    133.33\n",
            "      Tingkat Labour Turn Over                      90.00        185,00     90.00         100.00    111.11\n",
            "      SDM terlatih minimal 20                       90.00        146,58     80.00          75.00     93.75\n",
            "      jam/tahun\n",
            "      Standarisasi fasilitas kesehatan              80.00         93,75     85.00          94.12    110.73\n",
            "      Jumlah kerjasama dengan mitra                 90.00        100,00     95.00         118.18     124.4\n",
        ));
        assert_eq!(g.cols, 6, "{g:?}");
        assert_eq!(
            g.row_texts(0)[1..5],
            [
                "Capaian Tahun 2015 (%) Target",
                "Capaian Tahun 2015 (%) Realisasi",
                "Capaian Tahun2016 (%) Target",
                "Capaian Tahun2016 (%) Realisasi"
            ]
        );
        assert_eq!(
            row_with(&g, "(GDR)"),
            [
                "Gross Date Rate (GDR)",
                "90.00",
                "123,57",
                "90.00",
                "86.68",
                "96.31"
            ]
        );
    }

    #[test]
    fn a_unit_over_no_columns_text_heads_the_nearest() {
        // rs-jiwa's Tabel 11: "%" under "REALISASI" stands left of the
        // figures under it, in the gutter before them.
        let d = doc(concat!(
            "       PROGRAM/               ANGGARAN          ANGGARAN          REALISASI        REALISASI\n",
            "       KEGIATAN                SEBELUM           SESUDAH          ANGGARAN            %\n",
            "\n",
            "                             PERUBAHAN         PERUBAHAN\n",
            "Program Promosi\n",
            "Kesehatan                      518.309.200,-     518.309.200,-     494.541.600,-       95,41\n",
            "Peningkatan\n",
            "Penyebarluasan Informasi       518.309.200,-     518.309.200,-     494.541.600,-       95,41\n",
            "Kesehatan Jiwa dan\n",
            "Napza Pada Masyarakat\n",
            "Program Pengembangan         1.275.000.000,-   1.399.735.000,-   1.399.735.000,-       89,66\n",
            "Lingkungan Sehat\n",
            "Penyelenggaraan              1.275.000.000,-   1.399.735.000,-   1.399.735.000,-       89,66\n",
            "Kesehatan dan\n",
        ));
        let g = &d.pages[0].tables[0];
        assert_eq!(g.cols, 5);
        assert_eq!(g.row_texts(1)[3..], ["ANGGARAN", "%"], "{g:?}");
    }

    #[test]
    fn a_lower_case_line_goes_on_with_its_tall_row() {
        let g = first_grid(concat!(
            "                  SASARAN                         TINGKAT CAPAIAN             Persentase           Ket\n",
            "         Uraian                Indikator       Target 2016  Realisasi          Capaian\n",
            "\n",
            "  Terkendalinya         Pencapaian Status            42,5%        56,12 %       132,5%         IKU\n",
            "  beban pencemaran      Mutu Sungai                                                         GUBERNUR\n",
            "  air sungai utama      Utama dan Waduk\n",
            "                        Besar dengan\n",
            "  dan          udara\n",
            "                        Tingkat Cemar\n",
            "  perkotaan             Sedang\n",
            "\n",
            "                        Indeks Kualitas               60           66,24       110,40%\n",
            "                        Udara\n",
            "  Meningkatnya aksi     Jumlah lokasi                 61            61           100%\n",
            "  mitigasi dan          Program kampung\n",
            "  adaptasi              Iklim (PROKLIM)\n",
            "  perubahan iklim       Tingkat penurunan            5-6%         11,45%       190,83%         IKU\n",
            "                        emisi Gas Rumah                                                     GUBERNUR\n",
        ));
        let sasaran: Vec<String> = (0..g.rows).map(|r| g.row_texts(r)[0].clone()).collect();
        assert!(
            sasaran.contains(
                &"Terkendalinya beban pencemaran air sungai utama dan udara perkotaan".to_string()
            ),
            "{sasaran:?}"
        );
        // "SASARAN", over the gutter between "Uraian" and "Indikator",
        // heads the first as a PDF's reader has it.
        assert_eq!(g.row_texts(0)[0], "SASARAN");
    }

    #[test]
    fn a_line_under_a_row_of_values_writing_elsewhere_starts_the_next_row() {
        // "Jumlah dokumen Sistem" under "Rata-rata Capaian Sasaran | 100,00"
        // is the next indicator's name, not more of the average's row.
        let g = first_grid(concat!(
            "                         1 Jumlah Penumpang yang dilayani     Orang           11235                2597        2969          3010           2659           11235           100\n",
            "  Meningkatnya kinerja 2 Jumlah Kargo Yang dilayani            Kg              200                 200          0              0              0             200            100\n",
            "  pelayanan              Jumlah Pergerakan Pesawat yang\n",
            "1                      3                                      Angka            1444                358         362            362            362           1444            100\n",
            "  Prasarana Bandar       dilayani\n",
            "  Udara                  Indeks Kepuasaan Pengguna Jasa\n",
            "                       4                                       Nilai            90                 96,11      96,79          95,31          96,54          96,54         107,27\n",
            "                         Layanan Bandar Udara\n",
            "                                                                       Rata-rata Capaian Sasaran                                                                         101,82\n",
            "  Meningkatnya             Persentase Pemenuhan Standart\n",
            "                         1                                      %              100                 100         100            100            100            100            100\n",
            "  Keselamatan dan          Keselamatan Bandar Udara\n",
            "2\n",
            "  Keamanan Bandar          Persentase Pemenuhan Standart\n",
            "                         2                                      %              100                 100         100            100            100            100            100\n",
            "  Udara                    Keamanan Bandar Udara\n",
            "                                                                       Rata-rata Capaian Sasaran                                                                         100,00\n",
            "                           Jumlah dokumen Sistem\n",
            "                         1 Akuntabilitas Kinerja Instansi   Dokumen             6                   4           0              0              2              6             100\n",
            "                           Pemerintah (SAKIP)\n",
            "                         2 Jumlah Dokumen SPIP              Dokumen             3                   1           2              0              0              3             100\n",
        ));
        let average = row_with(&g, "100,00");
        assert!(
            average.iter().any(|c| c == "Rata-rata Capaian Sasaran"),
            "{average:?}"
        );
        assert!(
            !average.iter().any(|c| c.contains("Jumlah dokumen")),
            "{average:?}"
        );
    }

    #[test]
    fn a_tall_rows_short_piece_may_cross_a_column_start() {
        // upbu 2024 Tabel 3.3: "Meningkatnya Keselamatan dan Udara" joins a
        // sasaran's line and its indicator's one space apart, across the
        // indicator column's start; the row after it is the table's.
        let pages = read_lines(concat!(
            "                                   Persentase Pemenuhan\n",
            "                                 1 Standart Keselamatan Bandar           %         IKK BARU          IKK BARU       IKK BARU        100              100          100          100              100          100          100              100          100          100              100          100\n",
            "  Meningkatnya Keselamatan dan Udara\n",
            "2\n",
            "  Keamanan Bandar Udara            Persentase Pemenuhan\n",
            "                                 2 Standart Keamanan Bandar              %         IKK BARU          IKK BARU       IKK BARU        100              100          100          100              100          100          100              100          100          100              100          100\n",
            "                                   Udara\n",
        ));
        let lines: Vec<&Line> = pages.iter().flat_map(|p| &p.lines).collect();
        assert!(
            lines[2].text.starts_with("Meningkatnya"),
            "{:?}",
            lines[2].text
        );
        // Through the "2 Standart Keamanan Bandar" row; "Udara" under it,
        // no row following, is left to the rows' own reading.
        assert!(lines[5].text.starts_with("2"), "{:?}", lines[5].text);
        assert_eq!(run_end(&lines, 1, true), 6);
    }

    #[test]
    fn a_run_of_cell_lines_spans_one_blank_line_but_not_prose() {
        let pages = read_lines("a\tb\nc\td\n\ne\tf\nsome prose here\ng\th\n");
        let lines: Vec<&Line> = pages.iter().flat_map(|p| &p.lines).collect();
        // a|b, c|d, blank, e|f; then the prose line ends it.
        assert_eq!(run_end(&lines, 0, true), 4);
        assert_eq!(run_end(&lines, 5, true), 6);
    }

    #[test]
    fn values_and_non_values() {
        for v in [
            "1.234.567",
            "71,20%",
            "Rp. 1.000",
            "(0,23)",
            "-5",
            "16.000.000.000,-",
            "0‰",
        ] {
            assert!(is_value_text(v), "{v}");
        }
        for t in ["2020", "Th. 2019 (n-1)", "3", "(4)", "Baik", "1 orang", ""] {
            assert!(!is_value_text(t), "{t}");
        }
    }

    #[test]
    fn tab_rows_with_a_blank_line_are_one_grid() {
        let d = doc("intro\nNo\tUraian\tTarget\n1\tA\t5\n\n2\tB\t6\nafter");
        let page = &d.pages[0];
        assert_eq!(page.tables.len(), 1);
        let g = &page.tables[0];
        assert_eq!((g.rows, g.cols), (3, 3));
        assert_eq!(g.row_lines, vec![2, 3, 5]);
        assert_eq!(g.row_texts(2), vec!["2", "B", "6"]);
        assert!(
            page.lines[3].table.is_some(),
            "the blank line is inside the table"
        );
        assert!(page.lines[5].table.is_none());
    }

    #[test]
    fn a_list_over_a_table_with_no_column_in_common_is_its_own_table() {
        // "Tahun Anggaran" covers the gutter after "No", the value after the
        // colon those after the sasaran and the indikator: together the lines
        // share no column, apart each part is a table.
        let d = doc(concat!(
            "  SKPD              : Dinas Kebersihan Dan Pertamanan Kabupaten Cianjur\n",
            "  Tahun Anggaran    : 2015\n",
            "\n",
            "  No   Sasaran Strategis    Indikator Kinerja        Target\n",
            "  1.   Terwujudnya ruang    RTH per satuan wilayah   20%\n",
            "  2.   Berkembangnya        Penataan makam           5%\n",
        ));
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 2, "{tables:?}");
        assert_eq!((tables[0].rows, tables[0].cols), (2, 2));
        assert_eq!(tables[0].row_texts(1), vec!["Tahun Anggaran", ": 2015"]);
        assert_eq!((tables[1].rows, tables[1].cols), (3, 4));
        assert_eq!(
            tables[1].row_texts(2),
            vec!["2.", "Berkembangnya", "Penataan makam", "5%"]
        );
        assert_eq!(tables[1].row_lines, vec![4, 5, 6]);
    }

    #[test]
    fn a_figure_centred_over_a_column_keeps_the_rows_under_a_blank_line() {
        // "Target" and "0.820%" start three characters left of where "0 Ha"
        // does under the blank line: the whole run still has the four
        // columns of each part, so it is one table, not a list over one.
        let d = doc(concat!(
            "  No   Sasaran              Indikator          Target\n",
            "  1.   Terwujudnya ruang    RTH per satuan     0.820%\n",
            "\n",
            "  2.   Berkembangnya        Penataan makam        0 Ha\n",
        ));
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:?}");
        assert_eq!((tables[0].rows, tables[0].cols), (3, 4));
        assert_eq!(
            tables[0].row_texts(2),
            vec!["2.", "Berkembangnya", "Penataan makam", "0 Ha"]
        );
    }

    #[test]
    fn nothing_continues_a_row_numbering_the_columns() {
        // The first item's name wraps onto a line of its own under the
        // numbering row: it opens the body, never joins "2".
        let d = doc(concat!(
            "   NO.     URAIAN                Target        Realisasi      %\n",
            "    1         2                    3               4          5\n",
            "            PENDAPATAN ASLI\n",
            "            DAERAH             16.000.000      17.996.756    112,47\n",
            "            Pendapatan Badan   16.000.000      17.996.756    112,47\n",
        ));
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:?}");
        assert_eq!(tables[0].row_texts(1), vec!["1", "2", "3", "4", "5"]);
        assert_eq!(tables[0].row_lines[..3], [1, 2, 3]);
    }

    #[test]
    fn a_year_centred_over_its_sub_columns_heads_each() {
        // pdftotext -layout sets "2024" in the middle of "Target |
        // Realisasi | %": it heads the three, not the middle one only.
        let text = concat!(
            "                              2024                      2025\n",
            " No  Indikator      Target   Realisasi   %    Target   Realisasi   %\n",
            "  1  Penumpang      11235    11235      100   9000     10625      118\n",
            "  2  Kargo          200      200        100   75       36          48\n",
        );
        let d = doc(text);
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:?}");
        let years = ["", "", "2024", "2024", "2024", "2025", "2025", "2025"];
        assert_eq!(tables[0].row_texts(0), years);
        // Moved off centre, it heads only the column it stands in.
        let off = text.replacen(
            "                              2024",
            "                                2024",
            1,
        );
        let d = doc(&off);
        assert_eq!(d.pages[0].tables[0].row_texts(0)[2..5], ["", "2024", ""]);
    }

    #[test]
    fn a_numbering_row_with_two_numbers_in_one_column_is_still_one() {
        // The header runs "Sasaran Indikator" together, so "2" and "3"
        // share its column: the row still numbers the columns, and the
        // label wrapped under it opens the body.
        let d = doc(concat!(
            " No  Sasaran Indikator        Target      Realisasi
",
            " 1    2       3                 4             5
",
            "      Jumlah Penumpang
",
            "      yang dilayani            11.235        11.235
",
            "      Jumlah Kargo               200           200
",
        ));
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:?}");
        assert_eq!(tables[0].row_texts(1), vec!["1", "2 3", "4", "5"]);
        assert_eq!(tables[0].row_lines[..3], [1, 2, 3]);
    }

    #[test]
    fn a_tall_rows_pieces_on_lines_of_their_own_keep_the_table_whole() {
        // A row whose label wraps over two lines has its figures centred
        // apart: one on a line of its own, the rest beside the label's last
        // words. Neither line ends the table.
        let d = doc(concat!(
            "INDIKATOR SASARAN                 Target   Capaian   Target   Capaian\n",
            "BOR (Bed Occupancy Rate)           78 %     70,89     80%      88,61%\n",
            "Tidak adanya GDR ( Gross Death\n",
            "                                            100,00\n",
            "Rate)                              100%               0%       100%\n",
            "Persentase Pasien Relaps           70%      100%      60%      100%\n",
        ));
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:?}");
        assert_eq!(tables[0].cols, 5, "{tables:?}");
        assert_eq!(
            tables[0].row_texts(tables[0].rows - 1),
            vec!["Persentase Pasien Relaps", "70%", "100%", "60%", "100%"]
        );
        // A paragraph's line crosses the cells' starts: it ends the table.
        let d = doc(concat!(
            "INDIKATOR SASARAN                 Target   Capaian   Target   Capaian\n",
            "BOR (Bed Occupancy Rate)           78 %     70,89     80%      88,61%\n",
            "Capaian tersebut menunjukkan bahwa kinerja rumah sakit meningkat.\n",
            "Persentase Pasien Relaps           70%      100%      60%      100%\n",
        ));
        assert_eq!(d.pages[0].tables.len(), 2, "{:?}", d.pages[0].tables);
    }

    /// The page holds one table, whose last row has a cell `text`.
    fn assert_one_table_ending_with(d: &Document, text: &str) {
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:?}");
        let last = tables[0].row_texts(tables[0].rows - 1);
        assert!(last.iter().any(|c| c == text), "{last:?}");
    }

    #[test]
    fn a_year_set_left_of_its_figures_heads_their_column() {
        // Peternakan 2016 Tabel 7 (pdftotext -layout): "2016" stands in the
        // gutter left of its right-aligned figures; it is their column's
        // label, not an empty column of its own.
        let d = doc(concat!(
            "                                                                                               Realisasi (%)              %\n",
            "No     Sasaran Stratejik                 Indikator Kinerja                Satuan                                        Pening\n",
            "                                                                                         2015             2016          katan\n",
            "1             2                                   3                           4            6                   7          8\n",
            "\n",
            "1    Meningkatnya                                                                         114,48               132,15    20,67\n",
            "     Produksi          dan\n",
            "     populasi ternak\n",
            "                              1.1    Jumlah produksi yang                                    95,70             125,69    29,99\n",
            "                                     dihasilkan :\n",
            "                                     - Daging                                 Ton              91,80           129,18     37,38\n",
            "                                     -    Telur                               Ton              99,80           116,79     16,99\n",
        ));
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:?}");
        let t = &tables[0];
        let row = (0..t.rows)
            .map(|r| t.row_texts(r))
            .find(|r| r.iter().any(|c| c == "91,80"))
            .expect("the Daging row");
        let at = row.iter().position(|c| c == "91,80").expect("2015");
        assert_eq!(row[at + 1..], ["129,18", "37,38"], "{row:?}");
        let header = (0..t.rows)
            .map(|r| t.row_texts(r))
            .find(|r| r.iter().any(|c| c.contains("2015")))
            .expect("the years' row");
        assert_eq!(header[at..], ["2015", "2016", "Pening katan"], "{header:?}");
        // A label over a column no row fills, beside another column's
        // label, stays the empty column's ("Ket", biro-adm 2016 p11).
        let d = doc(concat!(
            "              Strata\n",
            "  NO                          Laki-Laki      Perempuan         Jumlah   Ket\n",
            "            Pendidikan\n",
            "   1           S3                 -               -              -\n",
            "   2           S2                16               4              20\n",
            "   3           S1                15               4              19\n",
            "   4           D3                1                -              1\n",
            "   3          SMU                12               3              16\n",
            "   4          SMP                 -                   -          -\n",
            "   5           SD                     1           -              1\n",
            "             JUMLAH                   45                  11     56\n",
        ));
        let t = &d.pages[0].tables[0];
        let header = (0..t.rows)
            .map(|r| t.row_texts(r))
            .find(|r| r.iter().any(|c| c.contains("Ket")))
            .expect("the header");
        assert_eq!(header[t.cols - 2..], ["Jumlah", "Ket"], "{header:?}");
    }

    #[test]
    fn a_wrapped_cells_last_line_with_a_blank_line_under_it_keeps_the_table() {
        // Peternakan 2016 p27: "peternakan yang sesuai SNI :" ends 2.1's
        // indicator, and Word's paragraph spacing sets a blank line under it
        // and under each row after.
        let d = doc(concat!(
            "2    Meningkatnya                                                              120,47              122,44        1,97\n",
            "     kualitas        dan\n",
            "     keamanan     produk\n",
            "     hewan\n",
            "                             2.1   Prosentase produk                           137,23              133,33        -3,90\n",
            "                                   peternakan yang sesuai SNI :\n",
            "\n",
            "                                   -    Daging                        %        114,50              133,85        19,35\n",
            "\n",
            "                                   -    Telur                         %        140,30              127,69       -12,61\n",
        ));
        assert_one_table_ending_with(&d, "140,30");
        // Under a paragraph's line, a short last line and a blank line end
        // the text; the next justified line is no row of it.
        let d = doc(concat!(
            "   31%.                              Terwujudnya pelayanan uji mutu konstruksi\n",
            "   dan lingkungan yang optimal                                       293,56%, yang\n",
            "                                     sertifikat dari target\n",
            "\n",
            "   merupakan hasil pengukuran         dari capaian indikator kinerja jumlah contoh uji\n",
        ));
        assert!(
            d.pages[0].tables.iter().all(|t| t.rows < 3),
            "{:?}",
            d.pages[0].tables
        );
    }

    #[test]
    fn a_justified_cells_words_set_apart_start_no_cell() {
        // Peternakan 2016 p27: "Jumlah     unit usaha yang" is one cell
        // justified; the indicator's next lines run under both words.
        let d = doc(concat!(
            "                             2.1   Prosentase produk                           137,23              133,33        -3,90\n",
            "                             2.2   Jumlah     unit usaha yang        Unit      103,70              111,54           7,84\n",
            "                                   mendapat\n",
            "                                   sertifikat/rekomendasi teknis\n",
            "                                   sistem jaminan mutu :\n",
            "3    Meningkatnya                                                               130,00             200,00        70,00\n",
            "     aksesibilitas   pasar\n",
            "     hasil peternakan\n",
            "                             3.1   Jumlah unit pelaku usaha yang     Unit      100,00                   300         200\n",
        ));
        assert_one_table_ending_with(&d, "300");
    }

    #[test]
    fn a_list_items_last_word_set_apart_at_the_margin_is_the_items() {
        // Kesbangpol 2016 p28: the item's justified line ends with "Rp."
        // alone at the right margin, the amount on the next line.
        let d = doc(concat!(
            "3.    Kegiatan Peningkatan Pendidikan Politik bagi Pelajar dan Mahasiswa di\n",
            "      Jawa Barat. Jumlah anggaran yang dialokasikan untuk pelaksanaan kegiatan ini\n",
            "      sebesar    Rp.   668.200.000,00,        dan   realisasi   anggaran    sebesar    Rp.\n",
            "      584.890.803,00 dengan output Kegiatan adalah meningkatnya etika budaya dan\n",
            "      etika politik terhadap pelajar dan mahasiswa melalui 7 kali sosialisasi pendidikan\n",
            "      etika dan budaya politik. Outcome Kegiatan adalah terwujudnya karakter etika\n",
        ));
        assert_text_line(&d, "sebesar Rp. 668.200.000,00");
    }

    #[test]
    fn a_justified_line_whose_sentence_goes_on_below_is_prose() {
        let d = doc(concat!(
            "1.1 Latar belakang\n",
            "           Terselenggaranya       good    governance    merupakan     prasyarat    bagi   setiap\n",
            "   pemerintahan untuk mewujudkan aspirasi masyarakat dan mencapai tujuan serta cita-cita\n",
            "   bangsa bernegara. Dalam rangka itu diperlukan pengembangan dan penerapan sistem.\n",
        ));
        assert!(d.pages[0].tables.is_empty(), "{:?}", d.pages[0].tables);
        assert!(
            d.pages[0].lines[1]
                .text
                .starts_with("Terselenggaranya good governance")
        );
        // Under a row of labels a new sentence begins: the row stays cells.
        let d = doc(concat!(
            "   Nama Pejabat        Jabatan Struktural        Unit Kerja Dinas\n",
            "   Pemerintahan ini mewujudkan aspirasi masyarakat dan mencapai tujuan serta cita-cita\n",
        ));
        assert_eq!(d.pages[0].tables.len(), 1, "{:?}", d.pages[0].tables);
    }

    #[test]
    fn a_list_running_across_a_tables_columns_over_it_is_its_own_table() {
        // Together the lines keep the last two columns, which the list does
        // not reach: the list's cells still run across the table's first
        // ones, so the list and the table are two tables.
        let d = doc(concat!(
            "  SKPD              : Dinas Kebersihan Dan Pertamanan\n",
            "  Tahun Anggaran    : 2015\n",
            "\n",
            "  No   Sasaran Strategis    Indikator Kinerja           Satuan   Target\n",
            "  1.   Terwujudnya ruang    RTH per satuan wilayah      %        20\n",
            "  2.   Berkembangnya        Penataan makam              Ha       5\n",
        ));
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 2, "{tables:?}");
        assert_eq!((tables[0].rows, tables[0].cols), (2, 2));
        assert_eq!((tables[1].rows, tables[1].cols), (3, 5));
        assert_eq!(
            tables[1].row_texts(0),
            vec![
                "No",
                "Sasaran Strategis",
                "Indikator Kinerja",
                "Satuan",
                "Target"
            ]
        );
        // A header of one line over its rows stays with them.
        let d = doc(concat!(
            "        Program              Anggaran\n",
            "\n",
            "  1.    Pendidikan Politik   Rp 4.223.770.000\n",
            "  2.    Pemeliharaan         Rp 4.395.084.000\n",
        ));
        assert_eq!(d.pages[0].tables.len(), 1, "{:?}", d.pages[0].tables);
    }

    #[test]
    fn a_unit_and_figure_under_the_rows_are_the_next_row_wrapped_words_are_not() {
        // The sasaran spans two indicator rows: the second has no number,
        // and "5" is no value on its own, but it fills the unit and target
        // cells again.
        let d = doc(concat!(
            "  No   Sasaran              Indikator          Satuan   Target\n",
            "  1.   Terwujudnya ruang    RTH per satuan     %        0.820\n",
            "       yang berhasil        wilayah\n",
            "       Lingkungan           Persentase         %        5\n",
            "  2.   Berkembangnya        Penataan makam     Ha       0\n",
        ));
        let g = &d.pages[0].tables[0];
        assert_eq!((g.rows, g.cols), (4, 5), "{g:?}");
        assert_eq!(
            g.row_texts(1),
            vec![
                "1.",
                "Terwujudnya ruang yang berhasil",
                "RTH per satuan wilayah",
                "%",
                "0.820"
            ]
        );
        assert_eq!(
            g.row_texts(2),
            vec!["", "Lingkungan", "Persentase", "%", "5"]
        );
    }

    #[test]
    fn a_column_of_bullets_joins_its_items() {
        let d = doc(concat!(
            "  No        Indikator                Target\n",
            "  1    -    RTH per satuan           20%\n",
            "  2    -    Penanganan sampah        5%\n",
        ));
        let g = &d.pages[0].tables[0];
        assert_eq!(g.cols, 3);
        assert_eq!(g.row_texts(1), vec!["1", "- RTH per satuan", "20%"]);
        // A dash standing for nothing among figures stays in its column.
        let d = doc(concat!(
            "  No   Uraian     2015    2016\n",
            "  1    Sapi       -       12\n",
            "  2    Kambing    5       -\n",
        ));
        let g = &d.pages[0].tables[0];
        assert_eq!(g.cols, 4);
        assert_eq!(g.row_texts(1), vec!["1", "Sapi", "-", "12"]);
    }

    #[test]
    fn list_numbers_under_no_header_join_the_items_of_the_column_headed() {
        let d = doc(concat!(
            "        Program                     Anggaran\n",
            "  1.    Pendidikan Politik          Rp. 4.223.770.000,00\n",
            "  2.    Pemeliharaan Ketertiban     Rp. 4.395.084.000,00\n",
        ));
        let g = &d.pages[0].tables[0];
        assert_eq!((g.rows, g.cols), (3, 2));
        assert_eq!(g.row_texts(0), vec!["Program", "Anggaran"]);
        assert_eq!(
            g.row_texts(1),
            vec!["1. Pendidikan Politik", "Rp. 4.223.770.000,00"]
        );
        // Bare row numbers, or numbers under a header of their own, are a column.
        for text in [
            concat!(
                "        Program                     Anggaran\n",
                "  1     Pendidikan Politik          Rp. 4.223.770.000,00\n",
                "  2     Pemeliharaan Ketertiban     Rp. 4.395.084.000,00\n",
            ),
            concat!(
                "  No.   Program                     Anggaran\n",
                "  1.    Pendidikan Politik          Rp. 4.223.770.000,00\n",
                "  2.    Pemeliharaan Ketertiban     Rp. 4.395.084.000,00\n",
            ),
        ] {
            let d = doc(text);
            assert_eq!(d.pages[0].tables[0].cols, 3, "{text}");
        }
    }

    #[test]
    fn layout_rows_join_wrapped_cells() {
        let d = doc(concat!(
            "  1   Kegiatan Koordinasi            28.115.000   26.640.000   94,75%\n",
            "      Pelayanan Umum\n",
            "  2   Kegiatan Lain                  10.000.000    5.000.000   50,00%\n",
        ));
        let g = &d.pages[0].tables[0];
        assert_eq!(g.source, GridSource::Aligned);
        assert_eq!(g.rows, 2);
        assert_eq!(g.row_texts(0)[1], "Kegiatan Koordinasi Pelayanan Umum");
        assert_eq!(g.row_lines, vec![1, 3]);
    }

    #[test]
    fn the_last_rows_wrapped_cell_under_a_blank_line_is_the_rows() {
        let d = doc(concat!(
            "        Program                     Anggaran\n",
            "  1.    Pendidikan Politik          Rp. 4.223.770.000,00\n",
            "\n",
            "  2.    Pemeliharaan Ketertiban     Rp. 4.395.084.000,00\n",
            "\n",
            "        Ketenteraman Masyarakat\n",
            "\n",
            "Untuk mencapai sasaran strategis yang telah ditetapkan dalam Perencanaan\n",
        ));
        let g = &d.pages[0].tables[0];
        assert_eq!(g.rows, 3);
        assert_eq!(
            g.row_texts(2)[0],
            "2. Pemeliharaan Ketertiban Ketenteraman Masyarakat"
        );
        // A paragraph indented like the cell, two lines or more, is no part of it.
        let d = doc(concat!(
            "  1.    Pendidikan Politik          Rp. 4.223.770.000,00\n",
            "  2.    Pemeliharaan Ketertiban     Rp. 4.395.084.000,00\n",
            "        Dari tabel tersebut\n",
            "        dapat terlihat bahwa\n",
        ));
        let g = &d.pages[0].tables[0];
        assert_eq!(g.row_texts(1)[1], "Pemeliharaan Ketertiban");
    }

    #[test]
    fn a_first_column_wrapped_at_the_table_edge_joins_its_row() {
        let d = doc(concat!(
            "    Program                                 Anggaran              Keterangan\n",
            "    Program Pengendalian Pencemaran dan     Rp 42.085.425.000     APBD\n",
            "    Perusakan Lingkungan Hidup\n",
            "    Program Mitigasi                        Rp 1.157.655.000      APBD\n",
            "    Urusan Pilihan\n",
            "    Program Pengelolaan Kawasan             Rp 250.000.000        APBD\n",
        ));
        let g = &d.pages[0].tables[0];
        assert_eq!(g.rows, 5);
        // "Perusakan" did not fit after "dan": the name wrapped.
        assert_eq!(
            g.row_texts(1)[0],
            "Program Pengendalian Pencemaran dan Perusakan Lingkungan Hidup"
        );
        // "Urusan" would have fitted after "Mitigasi": a row naming a group.
        assert_eq!(g.row_texts(3)[0], "Urusan Pilihan");
        assert_eq!(g.row_lines, vec![1, 2, 4, 5, 6]);
    }

    #[test]
    fn a_justified_line_with_a_hole_between_prose_lines_is_text() {
        // The watermarked PDF's light phrases are not in its text layer: a
        // wide hole in a line of running text.
        let d = doc(concat!(
            "Ketercapaian misi III pada Tahun 2016 mencapai 158,20% atau terkategori\n",
            "sangat baik.                             Meningkatnya kemampuan dan\n",
            "ketertiban penyelenggaraan jasa konstruksi baik penyedia jasa maupun\n",
        ));
        let page = &d.pages[0];
        assert!(page.tables.is_empty(), "{:?}", page.tables);
        assert_eq!(
            page.lines[1].text,
            "sangat baik. Meningkatnya kemampuan dan"
        );
        // A two-column row not reaching the prose's right edge stays a table.
        let d = doc(concat!(
            "Ketercapaian misi III pada Tahun 2016 mencapai 158,20% atau terkategori\n",
            "Jumlah anggaran            Rp 1.000.000\n",
            "Realisasi anggaran         Rp 900.000\n",
            "ketertiban penyelenggaraan jasa konstruksi baik penyedia jasa maupun\n",
        ));
        assert_eq!(d.pages[0].tables.len(), 1);
    }

    #[test]
    fn prose_with_tab_indents_is_no_table() {
        // A list item's marker set apart from its text, and justified gaps.
        let d = doc(concat!(
            "     a)   Dinas Peternakan dalam mewujudkan    Visinya melalui 3 Misi, 7 sasaran\n",
            "          strategis dan 10 indikator    kinerja mempunyai kinerja SANGAT BAIK\n",
            "          (114,50%), yang diperoleh    dari rata-rata capaian 3 Misi.\n",
            "     b)   Misi Pertama mempunyai nilai SANGAT BAIK, capaian tersebut diperoleh dari 4\n",
            "          Sasaran Strategiknya dengan    rata-rata capaian kinerja yang BAIK.\n",
        ));
        let page = &d.pages[0];
        assert!(page.tables.is_empty(), "{:?}", page.tables);
        assert!(page.lines.iter().all(|l| l.cells == CellMode::Flow));
        assert!(page.lines[0].text.starts_with("a) Dinas Peternakan dalam"));
        assert!(!page.lines[0].text.contains('\t'));
        // A numbered column beside short labels and figures stays a table.
        let d = doc(concat!(
            "  1   Kegiatan Koordinasi            28.115.000   26.640.000   94,75%\n",
            "  2   Kegiatan Lain                  10.000.000    5.000.000   50,00%\n",
        ));
        assert_eq!(d.pages[0].tables.len(), 1);
        // Items of a few words each: a table of names, not prose.
        assert!(!is_prose(vec![
            vec!["a)", "Meningkatnya kapasitas organisasi"],
            vec!["b)", "Meningkatnya kualitas pelayanan publik"],
        ]));
        // A figure alone in a cell: a table.
        assert!(!is_prose(vec![vec![
            "1.",
            "Meningkatnya kualitas pelayanan publik di seluruh wilayah kerja",
            "94,75%"
        ]]));
        // Two names side by side (a sasaran, its indicator): no sentence.
        assert!(!is_prose(vec![vec![
            "Meningkatnya kapasitas organisasi perangkat daerah",
            "Jumlah rekomendasi yang ditindaklanjuti",
        ]]));
        // A list item numbered "8." (a number, but no value) beside a
        // paragraph with its sub-list.
        assert!(is_prose(vec![vec![
            "8.",
            "Program Peningkatan Kesejahteraan Sumber Daya Aparatur Yang terdiri dari 4 (empat) kegiatan",
        ]]));
        // A justified line cut at its wide gaps reads on.
        assert!(is_prose(vec![vec![
            "Apresiasi",
            "kinerja Kelembagaan",
            "untuk semua eselon I dilingkup Kementrian",
        ]]));
    }

    #[test]
    fn a_table_over_a_page_break_continues() {
        let d = doc("No\tUraian\n1\tA\n\u{c}2\tB\n3\tC\nprose");
        assert!(!d.pages[0].tables[0].continues);
        assert!(d.pages[1].tables[0].continues);
        assert_eq!(d.pages[1].tables[0].rows, 2);
    }
    const PETERNAKAN_P27: &str = concat!(
        "                             3.2   Jumlah sarana pemasaran           Unit      160,00                   100          -60\n",
        "                                   peternakan di kab/kota yang\n",
        "                                   memenuhi standar minimal\n",
        "                                   dan SOP\n",
        "4    Meningkatnya kinerja                                                      100,00              100,00             0\n",
        "     kelembagan\n",
        "     peternakan\n",
        "                             4.1   Jumlah kelompok yang            Kelompok    100,00                   100           0\n",
        "                                   meningkatkan usahanya\n",
        "\n",
        "\n",
        "5    Meningkatnya usaha                                                        100,00              100,00             0\n",
        "     peternakan yang\n",
        "     ekonomis\n",
        "                             5.1   Presentase pelaku usaha yang      %               100                100           0\n",
    );

    const PETERNAKAN_P47: &str = concat!(
        "2    Meningkatnya kualitas       Prosentase       produk\n",
        "     dan keamanan produk         peternakan yang sesuai\n",
        "     hewan                       SNI\n",
        "                                     Daging                  133,85             92,67           7,33\n",
        "                                     Telur                   127,69               sda            sda\n",
        "                                     Susu                    138,46               sda            sda\n",
        "                                 Jumlah unit usaha yang       111,54             95,73           4,27\n",
        "                                 mendapat\n",
        "                                 sertifikat/rekomendasi\n",
        "                                 teknis sistem jaminan\n",
        "                                 mutu\n",
        "3    Meningkatnya                Jumlah Pelaku usaha            300             100,00                0\n",
        "     aksesibilitas pasar hasil   yang mengakses pasar\n",
        "     peternakan                  regional dan nasional\n",
        "                                 Jumlah           sarana        200              93,52           6,48\n",
        "                                 pemasaran peternakan\n",
        "                                 di     Kab/Kota    yang\n",
        "                                 mematuhi        standar\n",
        "                                 minimal dan SOP\n",
    );

    /// Kesbangpol 2016 Tabel 3.7 (p26): a header, then each label centred
    /// on its row's figures, blank lines between rows 7 to 15 only.
    const KESBANGPOL_TABEL_3_7: &str = concat!(
        "\n",
        "                Kegiatan                  Anggaran       Realisasi\n",
        "No                                                                         %\n",
        "                                            (Rp.)          (Rp.)\n",
        "\n",
        "     Penguatan Peran dan Fungsi\n",
        "1    Forum-Forum Mitra Strategis           369.200.000    356.060.000    96,44%\n",
        "     Bakesbangpol Jabar\n",
        "     Rapat Kerja Bidang\n",
        "2                                          518.230.000    494.663.970    95,45%\n",
        "     Kesbangpol\n",
        "     Peningkatan Pendidikan Politik\n",
        "3    bagi Pelajar dan Mahasiswa di         668.220.000    584.890.803    87,53%\n",
        "     Jawa Barat\n",
        "     Pelayanan/Kemudahan\n",
        "4    Anggota Masyarakat Difabel            588.575.000    535.568.200    90,99%\n",
        "     dalam Pemilukada\n",
        "     Peningkatan Kualitas\n",
        "5    Pendidikan Politik bagi               735.600.000    674.829.561    91,74%\n",
        "     Masyarakat di Jawa Barat\n",
        "     Peningkatan Tata Nilai dan\n",
        "     Etika Kehidupan\n",
        "6    Bermasyarakat Berbangsa dan           376.800.000    371.125.000    98,49%\n",
        "     Bernegara Bagi Generasi\n",
        "     Muda\n",
        "     Penguatan Wawasan\n",
        "7    Kebangsaan Melalui Kohesi             731.980.000    715.445.000    97,74%\n",
        "     Budaya Lokal Jawa Barat\n",
        "\n",
        "     Pendidikan Bela Negara Bagi\n",
        "8                                          702.655.000    653.124.800    92,95%\n",
        "     Generasi Muda\n",
        "\n",
        "\n",
        "9    Pemantapan Ideologi Bangsa            419.940.000    416.940.000    99,29%\n",
        "\n",
        "     Kegiatan Pencegahan\n",
        "10   Penyalahgunaan Narkotika di           739.950.000    705.845.000    95,39%\n",
        "     Jawa Barat Tahun 2016\n",
        "\n",
        "     Pengawasan Orang Asing dan\n",
        "11                                         644.580.000    490.022.000    76,02%\n",
        "     Imigran Gelap di Jawa Barat\n",
        "\n",
        "     Rencana Aksi Penanganan\n",
        "12                                         447.499.000    284.023.500    63,47%\n",
        "     Konflik Sosial di Jawa Barat\n",
        "\n",
        "     Pemberdayaan ormas di Jawa\n",
        "13                                         443.350.000    430.851.000    97,18%\n",
        "     Barat\n",
        "\n",
        "\n",
        "     Komunikasi dan Kerjasama\n",
        "14                                         430.400.000    422.810.000    98,24%\n",
        "     Antar umat Beragama\n",
        "\n",
        "     Penguatan Pemahaman\n",
        "15   Kearifan Lokal bagi Pelaku            367.225.000    365.153.450    99,44%\n",
        "     Budaya di Jawa Barat\n",
        "\n",
        "\n",
    );

    /// The lines of `text` from the one starting with `first` to the one
    /// starting with `last`.
    fn lines_from(text: &str, first: &str, last: &str) -> String {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let from = lines
            .iter()
            .position(|l| l.starts_with(first))
            .expect("first line");
        let to = lines
            .iter()
            .position(|l| l.starts_with(last))
            .expect("last line");
        lines[from..=to].concat()
    }

    const BIRO_ORGANISASI_P10: &str = concat!(
        "           SASARAN              INDIKATOR                        KONDISI                                 KONDISI\n",
        "No                                                  SATUAN                           TARGET\n",
        "          STRATEGIS              KINERJA                          AWAL                                    AKHIR\n",
        "\n",
        "       Provinsi Jawa        Pemerintah\n",
        "       Barat                (SAKIP) Provinsi\n",
        "                            Jawa Barat\n",
        "                            Persentase OPD           persen          90    90   90     95     98   100     100\n",
        "                            yang memperoleh\n",
        "                            nilai CC ke atas\n",
    );

    /// Rows of a table's grid, each row's cells joined by " | ".
    fn grid_rows(t: &Grid) -> Vec<String> {
        (0..t.rows).map(|r| t.row_texts(r).join(" | ")).collect()
    }

    /// The one table of a one-page export, as rows of " | "-joined cells.
    /// That `rows` hold this row.
    fn assert_row(rows: &[String], row: &str) {
        assert!(rows.iter().any(|r| r == row), "{row}: {rows:#?}");
    }

    /// The document read as text, no table, one of its lines holding `text`.
    fn assert_text_line(d: &Document, text: &str) {
        assert!(d.pages[0].tables.is_empty(), "{:?}", d.pages[0].tables);
        assert!(
            d.pages[0].lines.iter().any(|l| l.text.contains(text)),
            "{text}: {:#?}",
            d.pages[0].lines
        );
    }

    fn assert_rows(rows: &[String], expected: &[&str]) {
        for row in expected {
            assert_row(rows, row);
        }
    }

    /// That one of `rows` starts so.
    fn assert_row_starting(rows: &[String], start: &str) {
        assert!(
            rows.iter().any(|r| r.starts_with(start)),
            "{start}: {rows:#?}"
        );
    }

    fn only_table_rows(text: &str) -> Vec<String> {
        let d = doc(text);
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:?}");
        grid_rows(&tables[0])
    }

    #[test]
    fn a_tall_rows_last_lines_may_have_blank_lines_under_them() {
        // Peternakan 2016 Tabel 7 (pdftotext -layout): two blank lines
        // between row 4.1's last label line and row 5; the table goes on.
        let rows = only_table_rows(PETERNAKAN_P27);
        assert_row(
            &rows,
            " |  | 4.1 | Jumlah kelompok yang meningkatkan usahanya | Kelompok | 100,00 | 100 | 0",
        );
        assert_row_starting(&rows, "5 | Meningkatnya usaha peternakan yang ekonomis");
    }

    #[test]
    fn one_cells_wrapped_lines_stacked_under_a_row_keep_the_table_whole() {
        // Peternakan 2016 Tabel 14: four lines of one indicator's name
        // under its row, each where that cell starts.
        let rows = only_table_rows(PETERNAKAN_P47);
        assert_row(
            &rows,
            " |  | Jumlah unit usaha yang mendapat sertifikat/rekomendasi teknis sistem jaminan mutu | 111,54 | 95,73 | 4,27",
        );
        // The lone "0" a character right of its column's figures is in it.
        assert_row(
            &rows,
            "3 | Meningkatnya aksesibilitas pasar hasil peternakan | Jumlah Pelaku usaha yang mengakses pasar regional dan nasional | 300 | 100,00 | 0",
        );
    }

    #[test]
    fn label_lines_after_a_blank_line_above_a_rows_figures_are_that_rows() {
        // Kesbangpol 2016 Tabel 3.7, rows 7 to 12 alone: each label centred
        // on its row's figures, a blank line between rows parts them.
        let rows = only_table_rows(&lines_from(
            KESBANGPOL_TABEL_3_7,
            "     Penguatan Wawasan",
            "     Konflik Sosial",
        ));
        assert_rows(
            &rows,
            &[
                "8 | Pendidikan Bela Negara Bagi Generasi Muda | 702.655.000 | 653.124.800 | 92,95%",
                "9 | Pemantapan Ideologi Bangsa | 419.940.000 | 416.940.000 | 99,29%",
                "10 | Kegiatan Pencegahan Penyalahgunaan Narkotika di Jawa Barat Tahun 2016 | 739.950.000 | 705.845.000 | 95,39%",
            ],
        );
        assert_row_starting(
            &rows,
            "11 | Pengawasan Orang Asing dan Imigran Gelap di Jawa Barat",
        );
    }

    #[test]
    fn the_first_rows_label_line_under_a_header_and_a_blank_line_keeps_the_table_whole() {
        // Kesbangpol 2016 Tabel 3.7: the header's labels centred over their
        // columns, a blank line, then row 1's first label line above its
        // figures. That line starts left of "Kegiatan" and keeps inside
        // row 1's cell: header and rows are one table.
        let rows = only_table_rows(KESBANGPOL_TABEL_3_7);
        assert_eq!(
            rows[0], " | Kegiatan | Anggaran | Realisasi | ",
            "{rows:#?}"
        );
        assert!(
            rows.iter().any(
                |r| r.starts_with("1 | Penguatan Peran dan Fungsi Forum-Forum Mitra Strategis")
            ),
            "{rows:#?}"
        );
    }

    #[test]
    fn rows_centred_on_their_figures_take_as_many_label_lines_above_as_below() {
        // Kesbangpol 2016 Tabel 3.7 (p26): each label centred on its row's
        // figures, no blank line between rows 1 to 7; the first row's
        // label begins after a blank line, rows 7 to 15 part at blank lines
        // and the last has as many lines under its figures as above.
        let rows = only_table_rows(KESBANGPOL_TABEL_3_7);
        assert_rows(
            &rows,
            &[
                "1 | Penguatan Peran dan Fungsi Forum-Forum Mitra Strategis Bakesbangpol Jabar | 369.200.000 | 356.060.000 | 96,44%",
                "2 | Rapat Kerja Bidang Kesbangpol | 518.230.000 | 494.663.970 | 95,45%",
                "3 | Peningkatan Pendidikan Politik bagi Pelajar dan Mahasiswa di Jawa Barat | 668.220.000 | 584.890.803 | 87,53%",
                "6 | Peningkatan Tata Nilai dan Etika Kehidupan Bermasyarakat Berbangsa dan Bernegara Bagi Generasi Muda | 376.800.000 | 371.125.000 | 98,49%",
                "7 | Penguatan Wawasan Kebangsaan Melalui Kohesi Budaya Lokal Jawa Barat | 731.980.000 | 715.445.000 | 97,74%",
                "11 | Pengawasan Orang Asing dan Imigran Gelap di Jawa Barat | 644.580.000 | 490.022.000 | 76,02%",
            ],
        );
    }

    #[test]
    fn a_line_of_figures_alone_fills_the_row_above_where_it_has_none() {
        // RS Jiwa 2016 Tabel 6 (p16): the 2015 capaian is centred in its
        // cell, the other figures are not, so a row's figures come on two
        // lines; the line of figures alone writes only where the row above
        // has nothing, and the label's last line under it, with the row's
        // other figures, is that row's too ("Rate)", "mampu ..."). Word
        // stretches a label's full lines to the cell's edge, so their last
        // words ("cakupan", "mencapai") stand apart, ending together: they
        // are the label's, not a column. "Capaian" over "Tahun 2015" is one
        // title centred over "Target | Capaian"; each of its lines heads
        // both.
        let rows = only_table_rows(concat!(
            "                                                 Tabel 6\n",
            "                               Perbandingan target dan realisasi indikator\n",
            "                                                      Capaian              Capaian       % Capaian\n",
            "          INDIKATOR SASARAN                       Tahun 2015           tahun 2016         kinerja\n",
            "                                                Target     Capaian   Target    Capaian\n",
            "Persentase      peningkatan        cakupan                 70,89%\n",
            "                                                10 %                 10 %       100%      22,9%\n",
            "pelayanan\n",
            "Persentase Pasien Relaps                         70%        100%      60%       100%       100%\n",
            "Indek Kepuasan Masyarakat                        ≥ 75       100%      ≥ 80      102%      109,4%\n",
            "Persentase LOS (Length of Stay) <               75 %        100%     80 %       120%      33,3%\n",
            "30 hari\n",
            "BOR (Bed Occupancy Rate)                        78 %        70,89     80%       88,61%    70,89%\n",
            "Tidak adanya NDR (Net Death Rate)               100%        100,00    0‰        100%       100%\n",
            "Tidak adanya GDR ( Gross Death\n",
            "                                                            100,00\n",
            "Rate)                                           100%                  0‰        100%       100%\n",
            "Persentase pasien dari keluarga tidak\n",
            "                                                            100,00\n",
            "mampu yang dapat terlayani                      95 %                 100 %      100%       100%\n",
            "\n",
            "Persentase     SPM       yang     mencapai      75 %                 80 %       70,30     80,22%\n",
            "                                                            53,00\n",
            "target\n",
            "Tidak adanya Insiden keselamatan                100%                  0%        100%       100%\n",
            "                                                            100,00\n",
            "pasien\n",
            "Tidak     adanya       Angka    Kecelakaan      100%                   0        100%      0.003%\n",
            "                                                            100,00\n",
            "Kerja\n",
        ));
        assert_rows(
            &rows,
            &[
                " | Capaian | Capaian | Capaian | Capaian | % Capaian",
                "INDIKATOR SASARAN | Tahun 2015 Target | Tahun 2015 Capaian \
                 | tahun 2016 Target | tahun 2016 Capaian | kinerja",
                "Persentase peningkatan cakupan pelayanan | 10 % | 70,89% | 10 % | 100% | 22,9%",
                "Tidak adanya GDR ( Gross Death Rate) | 100% | 100,00 | 0‰ | 100% | 100%",
                "Persentase pasien dari keluarga tidak mampu yang dapat terlayani \
                 | 95 % | 100,00 | 100 % | 100% | 100%",
                "Persentase SPM yang mencapai target | 75 % | 53,00 | 80 % | 70,30 | 80,22%",
                "Tidak adanya Insiden keselamatan pasien | 100% | 100,00 | 0% | 100% | 100%",
            ],
        );
    }

    #[test]
    fn a_header_ending_in_its_column_numbers_heads_the_rows_under_its_group_rows() {
        // Peternakan 2016 Tabel 6 (p19): the header ends in "1 2 … 9"; a
        // "Visi : …" line spanning the columns, its average, and a mission's
        // label wrapped over seven lines stand between it and the first
        // indicator's row. They are the table's group rows, not its end.
        let d = doc(concat!(
            "                    Tabel 6. Pengukuran Capaian Misi, Sasaran Stratejik, dan Indikator Kinerja Tahun\n",
            "                             2016.\n",
            "                                                                                                             Cap     Rata-\n",
            "        Misi/Sasaran\n",
            "No                               Indikator Kinerja       Satuan       Target        Realisasi        %       aian    Rata\n",
            "          Stratejik\n",
            "                                                                                                                    Capaian\n",
            "1             2                         3                  4             5              6            7        8          9\n",
            "Visi : Menjadi Akselerator Peningkatan Produksi Peternakan yang Berdaya saing dan Aman\n",
            "                                                                                                   114,40    SB\n",
            "       Dikonsumsi Masyarakat Tahun 2018\n",
            " I     Misi 1 :\n",
            "       Memfasilitasi\n",
            "       Peningkatan\n",
            "       Produktivitas                                                                                                 131,83\n",
            "       ternak dan daya                                                                                                (SB)\n",
            "       saing produk\n",
            "       peternakan di Jawa\n",
            "       Barat\n",
            " 1     Sasaran Stratejik :                                                                                           104,90\n",
            "       Meningkatnya                                                                                                   (SB)\n",
            "       Produksi dan\n",
            "       populasi ternak\n",
            "                             1.1   Jumlah produksi yang                                                              125,69\n",
            "                                   dihasilkan :                                                                       (SB)\n",
            "                                   - Daging                 Ton           768.495      992.770 *    129,18   SB\n",
            "\n",
            "                                   -   Telur              Ton           217.235        253.712 *    116,79   SB\n",
            "\n",
            "                                   -   Susu               Ton           268.797        352,390*     131,10   SB\n",
        ));
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 1, "{tables:#?}");
        let rows = grid_rows(&tables[0]);
        assert_row_starting(&rows, "No | ");
        for row in [
            "Indikator Kinerja | Satuan | Target | Realisasi | %",
            "- Daging | Ton | 768.495 | 992.770 | 129,18 | SB",
            "- Susu | Ton | 268.797 | 352,390 | 131,10 | SB",
        ] {
            assert!(rows.iter().any(|r| r.contains(row)), "{row}: {rows:#?}");
        }
    }

    #[test]
    fn a_header_of_column_numbers_alone_heads_no_rows_past_a_caption() {
        // A header, then a caption: the rows under the caption are another
        // table's (a "Visi : …" line there instead joins them).
        let d = doc(concat!(
            "No          Indikator Kinerja       Satuan       Target        Realisasi        %\n",
            "1                    2                  3             4              5            6\n",
            "\n",
            "                 Tabel 7 Capaian Misi dan Sasaran Tahun 2016\n",
            "\n",
            "1           Daging                  Ton           768.495      992.770      129,18\n",
            "2           Telur                   Ton           217.235      253.712      116,79\n",
            "3           Susu                    Ton           268.797      352.390      131,10\n",
        ));
        let tables = &d.pages[0].tables;
        assert_eq!(tables.len(), 2, "{tables:#?}");
    }

    #[test]
    fn a_rows_figure_set_a_line_above_its_marked_line_is_that_rows() {
        // Kesbangpol 2016 Tabel 3.7 (p27): row 22's budget stands alone
        // between its first label line and the line with its number and
        // other figures; the two lines never write in the same column.
        let rows = only_table_rows(concat!(
            "\n",
            "     Pelayanan Administrasi\n",
            "19                                         2.289.196.000       2.211.630.152        96,61%\n",
            "     Perkantoran Bakesbangpol\n",
            "\n",
            "\n",
            "     Pengadaan Sarana dan\n",
            "20                                          545.000.000             518.608.250     95,16%\n",
            "     Prasarana Bakesbangpol\n",
            "\n",
            "\n",
            "     Pembangunan Gedung Kantor\n",
            "21                                          372.500.000             267.374.000     71,78%\n",
            "     Bakesbangpol Jawa Barat\n",
            "\n",
            "     Pemeliharaan Sarana dan\n",
            "                                            935.278.000\n",
            "22   Prasarana Kantor                                               875.004.321     91,63%\n",
            "     Bakesbangpol\n",
            "\n",
            "     Penatausahaan Keuangan\n",
            "23                                          100.000.000              96.583.600     96,58%\n",
            "     Bakesbangpol\n",
            "\n",
            "     Perencanaan Evaluasi dan\n",
            "24   Pelaporan Internal                     101.327.000              95.879.300     94,62%\n",
            "     Bakesbangpol\n",
            "\n",
            "               Jumlah                     14.513.515.000      13.167.445.057        90,73%\n",
        ));
        assert_row(
            &rows,
            "21 | Pembangunan Gedung Kantor Bakesbangpol Jawa Barat | 372.500.000 | 267.374.000 | 71,78%",
        );
        assert_row(
            &rows,
            "22 | Pemeliharaan Sarana dan Prasarana Kantor Bakesbangpol | 935.278.000 | 875.004.321 | 91,63%",
        );
    }

    #[test]
    fn a_header_labels_first_line_alone_above_the_header_heads_its_column() {
        // BKPP Wilayah I 2016 p28: "Anggaran" alone on the line above the
        // header's first line of several labels, over "Setelah" /
        // "Perubahan": it is the table's, in the budget column.
        let rows = only_table_rows(concat!(
            "\n",
            "                                                                          Anggaran\n",
            " No.                               URAIAN                                  Setelah             Realisasi\n",
            "                                                                          Perubahan\n",
            "  1                               2                                           3                    4\n",
            "  1        PENDAPATAN DAERAH\n",
            "           PENDAPATAN ASLI\n",
            " 1.1       DAERAH                                                          30,000,000.00       35,000,000.00\n",
            "1.1.1      Pendapatan Pajak Daerah\n",
            "1.1.2      Pendapatan Retribusi Daerah                                     30,000,000.00       35,000,000.00\n",
            "           Pendapatan Hasil Pengelolaan Kekayaan Daerah\n",
            "1.1.3      yang Dipisahkan\n",
            "1.1.4      Lain-lain PAD Yang Sah\n",
            "\n",
            "                                                          JUMLAH           30,000,000.00       35,000,000.00\n",
        ));
        assert_eq!(rows[0], " |  |  | Anggaran | ", "{rows:#?}");
        assert_eq!(
            rows[1], "No. | URAIAN |  | Setelah Perubahan | Realisasi",
            "{rows:#?}"
        );
    }

    #[test]
    fn a_table_printing_each_rows_figures_over_two_lines_reads_them_as_one_row() {
        // BP3IPTEK 2016 Tabel 3.2 (p53): every row prints its "%" beside
        // its label's first line and its amounts on the next line.
        let rows = only_table_rows(concat!(
            "No.           Sasaran                    Indikator                   Kinerja                      Program/Kegiatan                                      Keuangan\n",
            "                                                            Target   Realisasi      %                                                  Pagu                   Realisasi          %\n",
            "                                                                                 Realisasi                                                                                    Realisasi\n",
            "1                2                          3                 4         5           6                      7                              8                       9              10\n",
            "1     Meningkatnya Kajian dan    Prosentase Rekomendasi      80         77       96,25%      Program Penelitian, Studi                                                        100,00%\n",
            "      Analisis untuk Kebijakan   Kebijakan Daerah yang                                       dan Survei                          3.583.050.000,00          3.583.039.598,00\n",
            "      Pembangunan Jawa Barat     ditindaklanjuti\n",
            "\n",
            "                                                                                             Kegiatan Analisis Iptek untuk                                                    100,00%\n",
            "                                                                                             Kebijakan Pembangunan Jawa          1.950.000.000,00       1.949.999.865,00\n",
            "                                                                                             Barat\n",
            "                                                                                             Kegiatan Inventarisasi dan                                                       100,00%\n",
            "                                                                                             Rekomendasi Iptek melalui Tim         183.050.000,00       183.048.783,00\n",
            "                                                                                             Advisori\n",
            "                                                                                             Kegiatan Kajian Komprehensif                                                     100,00%\n",
            "                                                                                             Kegiatan Monumental Jawa            1.450.000.000,00       1.449.990.950,00\n",
            "                                                                                             Barat\n",
        ));
        assert_rows(
            &rows,
            &[
                "1 | Meningkatnya Kajian dan Analisis untuk Kebijakan Pembangunan Jawa Barat | Prosentase Rekomendasi Kebijakan Daerah yang ditindaklanjuti | 80 | 77 | 96,25% | Program Penelitian, Studi dan Survei | 3.583.050.000,00 | 3.583.039.598,00 | 100,00%",
                " |  |  |  |  |  | Kegiatan Analisis Iptek untuk Kebijakan Pembangunan Jawa Barat | 1.950.000.000,00 | 1.949.999.865,00 | 100,00%",
            ],
        );
    }

    #[test]
    fn a_loose_justified_line_of_single_words_and_an_amount_is_text() {
        // BP3IPTEK 2016 p46: the paragraph's line is set so loose that
        // each word stands apart, an amount among them.
        let d = doc(concat!(
            "Daerah, Budaya Riset dan Intermediasi Teknologi dengan jumlah anggaran\n",
            "sebesar Rp 917.000.000,00 yang terealisasi sebesar Rp 714.524.189,00 atau\n",
            "77,92% (realisasi anggaran baik); Selanjutnya Kegiatan Penguatan Peran Dewan\n",
            "Riset Daerah dalam Mendukung Arah dan Kebijakan Riset dengan jumlah\n",
            "anggaran    sebesar    Rp    450.000.000,00     yang     terealisasi       sebesar       Rp\n",
            "360.431.884,00 atau 80.10% (realisasi anggaran sangat baik).\n",
        ));
        assert_text_line(&d, "sebesar Rp 450.000.000,00 yang terealisasi");
    }

    #[test]
    fn a_rows_tail_carried_under_the_repeated_header_is_not_the_next_rows_label() {
        // Biro Organisasi 2016, p10: "Provinsi Jawa Barat | Pemerintah
        // (SAKIP) …" ends the last row of p9 and writes where the next row
        // writes nothing; "Persentase OPD" stays that row's label.
        let rows = only_table_rows(BIRO_ORGANISASI_P10);
        assert_row_starting(&rows, " |  | Persentase OPD | persen | 90");
    }

    #[test]
    fn each_page_of_a_text_export_has_its_own_columns() {
        // The second page laid out further right: its "Anggaran" over where
        // the first page's "%" stands. Read as one block, the columns of the
        // two pages would run into each other.
        let d = doc(concat!(
            "No   Kegiatan                 Anggaran        %\n",
            "1    Rapat Kerja              518.230.000     95,45%\n",
            "2    Pemantapan Ideologi      419.940.000     99,29%\n",
            "3    Pendidikan Politik       668.220.000     87,53%\n",
            "\u{c}No   Kegiatan                              Anggaran            %\n",
            "4    Penguatan Komunikasi                  736.200.000         97,88%\n",
            "5    Penguatan Kewaspadaan                 585.880.000         92,09%\n",
        ));
        let pages: Vec<Vec<String>> = d
            .pages
            .iter()
            .map(|p| p.tables.iter().flat_map(grid_rows).collect())
            .collect();
        assert_eq!(
            pages,
            [
                vec![
                    "No | Kegiatan | Anggaran | %",
                    "1 | Rapat Kerja | 518.230.000 | 95,45%",
                    "2 | Pemantapan Ideologi | 419.940.000 | 99,29%",
                    "3 | Pendidikan Politik | 668.220.000 | 87,53%",
                ],
                // Its repeated header is left out as such.
                vec![
                    "4 | Penguatan Komunikasi | 736.200.000 | 97,88%",
                    "5 | Penguatan Kewaspadaan | 585.880.000 | 92,09%",
                ],
            ]
        );
        assert!(d.pages[1].tables[0].continues);
    }
}
