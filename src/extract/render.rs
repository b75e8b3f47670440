//! The extracted text as an auditor can read it (`lkjip-audit extract`): page by
//! page, pages separated by a form feed like `pdftotext`. With `layout`, spans
//! are placed at the columns their x positions imply, so that table columns stay
//! aligned; without it, each line is its text (cells joined by tabs).

use super::{Document, InputKind, Line};

/// Points per character column when placing PDF spans: a 10–11 pt body font is
/// about 5–6 pt per average glyph, which is what `pdftotext -layout` assumes too.
const POINTS_PER_COLUMN: f32 = 5.5;

/// Renders the document's text, page by page.
pub fn render_text(doc: &Document, layout: bool) -> String {
    let mut out = String::new();
    for (index, page) in doc.pages.iter().enumerate() {
        if index > 0 {
            out.push('\x0c');
        }
        for line in &page.lines {
            if layout {
                out.push_str(&layout_line(line, doc.kind));
            } else {
                out.push_str(&line.text);
            }
            out.push('\n');
        }
    }
    out
}

/// What the reader left out (`lkjip-audit extract --show-dropped`): one line
/// per piece of text, `page N: reason: text`, in page order.
pub fn render_dropped(doc: &Document) -> String {
    let mut out = String::new();
    for d in &doc.dropped {
        out.push_str(&format!(
            "page {}: {}: {}\n",
            d.page,
            d.reason.label(),
            d.text
        ));
    }
    out
}

/// One line with each span starting at its column (never overlapping the previous one).
fn layout_line(line: &Line, kind: InputKind) -> String {
    if line.spans.is_empty() {
        return line.text.clone();
    }
    let mut out = String::new();
    let mut width = 0usize; // characters written so far
    for span in &line.spans {
        let column = match kind {
            InputKind::Pdf => (span.x.max(0.0) / POINTS_PER_COLUMN).round() as usize,
            InputKind::Text => span.x.max(0.0).round() as usize,
        };
        let gap = if width == 0 {
            column
        } else {
            column.saturating_sub(width).max(1)
        };
        out.extend(std::iter::repeat_n(' ', gap));
        width += gap;
        out.push_str(&span.text);
        width += span.text.chars().count();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{CellMode, Page, Span};
    use std::path::PathBuf;

    fn doc(kind: InputKind, pages: Vec<Vec<Line>>) -> Document {
        Document {
            path: PathBuf::from("x"),
            kind,
            pages: pages
                .into_iter()
                .enumerate()
                .map(|(i, lines)| Page {
                    number: i as u32 + 1,
                    lines,
                    tables: Vec::new(),
                })
                .collect(),
            paged: true,
            notes: Vec::new(),
            lost: None,
            dropped: Vec::new(),
            ocr_pages: Vec::new(),
        }
    }

    fn row(spans: &[(&str, f32)]) -> Line {
        Line {
            number: 1,
            text: spans.iter().map(|s| s.0).collect::<Vec<_>>().join("\t"),
            spans: spans
                .iter()
                .map(|(t, x)| Span::new(*t, *x, t.len() as f32))
                .collect(),
            cells: CellMode::Aligned,
            heading: None,
            table: None,
        }
    }

    #[test]
    fn pages_are_separated_by_form_feeds() {
        let d = doc(
            InputKind::Text,
            vec![vec![row(&[("BAB I", 0.0)])], vec![row(&[("BAB II", 0.0)])]],
        );
        assert_eq!(render_text(&d, false), "BAB I\n\x0cBAB II\n");
    }

    #[test]
    fn layout_keeps_columns_and_never_glues_spans() {
        let d = doc(
            InputKind::Pdf,
            vec![vec![
                row(&[("Target", 55.0), ("85 %", 110.0)]),
                row(&[("Realisasi yang panjang sekali", 55.0), ("71,20 %", 110.0)]),
            ]],
        );
        let text = render_text(&d, true);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "          Target    85 %");
        assert!(lines[1].ends_with("sekali 71,20 %"), "{}", lines[1]);
        assert_eq!(
            render_text(&d, false),
            "Target\t85 %\nRealisasi yang panjang sekali\t71,20 %\n"
        );
    }
}
