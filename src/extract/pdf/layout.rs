//! Glyphs → lines → spans: lines by baseline, spans split at real gaps, word
//! spaces inferred from gaps when the PDF has none.

use super::content::Glyph;
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
    let mut rows: Vec<(f32, f32, Vec<Glyph>)> = Vec::new(); // (baseline, size, glyphs)
    for g in glyphs {
        let size = g.size.max(1.0);
        match rows.last_mut() {
            Some((y, s, row)) if (g.y - *y).abs() <= 0.4 * s.max(size).min(2.0 * s.min(size)) => {
                row.push(g);
                if size > *s {
                    *s = size;
                }
            }
            _ => rows.push((g.y, size, vec![g])),
        }
    }
    rows.into_iter()
        .map(|(y, _, mut row)| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            dedupe(&mut row);
            (y, row)
        })
        .collect()
}

/// Fake bold prints a glyph twice at nearly the same place; keep one.
fn dedupe(row: &mut Vec<Glyph>) {
    let mut out: Vec<Glyph> = Vec::with_capacity(row.len());
    for g in row.drain(..) {
        if let Some(prev) = out.last()
            && prev.text == g.text
            && (prev.x - g.x).abs() < 0.3 * g.size.max(1.0) * 0.5
            && (prev.y - g.y).abs() < 1.0
        {
            continue;
        }
        out.push(g);
    }
    *row = out;
}

fn gap(prev: &Glyph, g: &Glyph) -> f32 {
    g.x - (prev.x + prev.width)
}

/// Splits a row of glyphs into spans: a new span where the gap is wider than
/// both an em and well over this line's word gaps (so justified prose stays one span).
pub fn spans(row: &[Glyph]) -> Vec<Span> {
    let Some(first) = row.first() else {
        return Vec::new();
    };
    let em = row.iter().map(|g| g.size).fold(0.0f32, f32::max).max(1.0);
    let mut word_gaps: Vec<f32> = row
        .windows(2)
        .map(|w| gap(&w[0], &w[1]))
        .filter(|&d| d > 0.15 * em)
        .collect();
    word_gaps.sort_by(f32::total_cmp);
    let median = word_gaps
        .get(word_gaps.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0.25 * em);
    let split_at = (1.0 * em).max(1.8 * median).min(2.5 * em);
    let mut out: Vec<Span> = Vec::new();
    let mut current = start_span(first);
    let mut bold_count = usize::from(first.bold);
    let mut count = 1usize;
    for w in row.windows(2) {
        let (prev, g) = (&w[0], &w[1]);
        let d = gap(prev, g);
        let size = prev.size.max(g.size).max(1.0);
        if d > split_at {
            current.bold = bold_count * 2 > count;
            out.push(std::mem::replace(&mut current, start_span(g)));
            bold_count = usize::from(g.bold);
            count = 1;
            continue;
        }
        if ((g.space_before && d > -0.1 * size) || d > 0.2 * size) && !current.text.ends_with(' ') {
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

fn start_span(g: &Glyph) -> Span {
    Span {
        text: g.text.clone(),
        x: g.x,
        width: g.width,
        font_size: g.size,
        bold: g.bold,
    }
}

/// Lines of free text (not in a ruled table).
pub fn lines(glyphs: Vec<Glyph>) -> Vec<TextLine> {
    rows(glyphs)
        .into_iter()
        .filter_map(|(y, row)| {
            let spans = spans(&row);
            if spans.is_empty() {
                return None;
            }
            let cells = if spans.len() > 1 {
                CellMode::Aligned
            } else {
                CellMode::Flow
            };
            Some(TextLine {
                y,
                spans,
                cells,
                table: None,
            })
        })
        .collect()
}

/// Text of glyphs inside one table cell: its rows joined by spaces.
pub fn cell_text(glyphs: Vec<Glyph>) -> (String, f32, bool) {
    let mut text = String::new();
    let mut size = 0.0f32;
    let mut bold = 0usize;
    let mut count = 0usize;
    for (_, row) in rows(glyphs) {
        for s in spans(&row) {
            if !text.is_empty() {
                // Producers without hyphenation break after a real hyphen ("2016-2021").
                if !text.ends_with('-') || text.ends_with(" -") {
                    text.push(' ');
                }
            }
            text.push_str(&s.text);
            size = size.max(s.font_size);
            bold += usize::from(s.bold);
            count += 1;
        }
    }
    (text, size, count > 0 && bold * 2 > count)
}
