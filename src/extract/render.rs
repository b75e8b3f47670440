//! The extracted text as an auditor reads it: page by page (form feeds between
//! pages, like pdftotext), optionally with spans placed at columns from their x.

use super::{CellMode, Document, InputKind, Line};

/// Renders a document's text. With `layout`, spans of a PDF are placed at
/// character columns derived from their x position (like `pdftotext -layout`).
pub fn render_text(doc: &Document, layout: bool) -> String {
    let char_width = average_char_width(doc);
    let mut out = String::new();
    for (i, page) in doc.pages.iter().enumerate() {
        if i > 0 {
            out.push('\u{c}');
        }
        for line in &page.lines {
            if layout {
                out.push_str(&layout_line(line, doc.kind, char_width));
            } else {
                out.push_str(&line.text);
            }
            out.push('\n');
        }
    }
    out
}

/// Points per character column: the document's text width over its characters.
fn average_char_width(doc: &Document) -> f32 {
    let (mut width, mut chars) = (0.0f32, 0usize);
    for (_, line) in doc.lines() {
        if line.cells == CellMode::Flow {
            for s in &line.spans {
                width += s.width;
                chars += s.text.chars().count();
            }
        }
    }
    if chars == 0 || width <= 0.0 {
        5.0
    } else {
        (width / chars as f32).max(1.0)
    }
}

fn layout_line(line: &Line, kind: InputKind, char_width: f32) -> String {
    let mut out = String::new();
    let mut col = 0usize;
    for (i, span) in line.spans.iter().enumerate() {
        let target = match kind {
            InputKind::Pdf => (span.x / char_width).round().max(0.0) as usize,
            InputKind::Text => span.x.max(0.0) as usize,
        }
        .min(2000);
        let min_gap = if i == 0 { 0 } else { 2 };
        let pad = target.saturating_sub(col).max(min_gap);
        out.extend(std::iter::repeat_n(' ', pad));
        col += pad;
        out.push_str(&span.text);
        col += span.text.chars().count();
    }
    if line.spans.is_empty() {
        out.push_str(&line.text);
    }
    out
}
