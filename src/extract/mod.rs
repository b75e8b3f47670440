//! Extraction: any input (PDF or text export) becomes the same representation,
//! pages of lines, each line a list of spans. Nothing after this module knows
//! which kind of file the report came from.

pub mod blocks;
pub mod continued;
pub mod grid;
pub mod ocr;
pub mod ocr_image;
pub mod pdf;
pub mod render;
mod running;
pub mod text;

use std::path::{Path, PathBuf};

pub use grid::{CellLine, Grid, GridCell, GridSource, TableRow};

/// Decided by `discover`, which comes first; re-exported for the readers.
pub use crate::discover::InputKind;

/// How the spans of a line relate to table columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellMode {
    /// Running text: spans are pieces of one sentence.
    #[default]
    Flow,
    /// The source delimits cells (tabs, `|` pipes, HTML `<td>`): each span is exactly one cell.
    Delimited,
    /// Spans are positioned (PDF glyph runs, `pdftotext -layout` runs of spaces);
    /// columns are inferred from their x positions.
    Aligned,
}

/// A run of text with its position. For text exports `x` and `width` are in
/// character columns; for PDFs in points. `font_size` is 0 when unknown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    pub text: String,
    pub x: f32,
    pub width: f32,
    pub font_size: f32,
    pub bold: bool,
}

impl Span {
    pub fn new(text: impl Into<String>, x: f32, width: f32) -> Self {
        Span {
            text: text.into(),
            x,
            width,
            font_size: 0.0,
            bold: false,
        }
    }
}

/// One line of a page.
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// 1-based. In a text export the line of the file; in a PDF the line on its page.
    pub number: u32,
    /// The line as an auditor would read it (markup removed, cells joined by tabs).
    pub text: String,
    pub spans: Vec<Span>,
    pub cells: CellMode,
    /// Heading level when the source marks one (Markdown `#`); None otherwise.
    pub heading: Option<u8>,
    /// The table row this line shows, when it is one (see [`Page::tables`]).
    pub table: Option<TableRow>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// "SKPD | : Dinas …", "Tahun Anggaran | : 2015": a form's field, set in
    /// two cells over the form's table (a Perjanjian Kinerja's, an RKT's).
    pub fn is_form_field(&self) -> bool {
        let mut cells = self.spans.iter().filter(|s| !s.text.trim().is_empty());
        self.cells != CellMode::Flow
            && cells.next().is_some()
            && cells
                .next()
                .is_some_and(|s| s.text.trim_start().starts_with(':'))
            && cells.next().is_none()
    }
}

/// One page. Text exports without form feeds are a single page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub lines: Vec<Line>,
    /// The tables on this page, in reading order; their rows are lines too.
    pub tables: Vec<Grid>,
}

/// A page read as blocks: running text, and tables.
#[derive(Debug, Clone, Copy)]
pub enum Block<'p> {
    /// Consecutive lines that are not table rows.
    Text(&'p [Line]),
    /// A table, with the lines that show its rows.
    Table(&'p Grid, &'p [Line]),
}

impl Page {
    /// The page as blocks in reading order: runs of text lines between tables.
    pub fn blocks(&self) -> Vec<Block<'_>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.lines.len() {
            let current = self.lines[i].table.map(|t| t.table);
            let mut j = i + 1;
            while j < self.lines.len() && self.lines[j].table.map(|t| t.table) == current {
                j += 1;
            }
            let lines = &self.lines[i..j];
            match current.and_then(|t| self.tables.get(t)) {
                Some(grid) => out.push(Block::Table(grid, lines)),
                None => out.push(Block::Text(lines)),
            }
            i = j;
        }
        out
    }
}

/// Why the reader left some text of a page out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DropReason {
    /// A header, footer or page number repeated on the pages (or marked as one).
    Running,
    /// A table's header rows repeated at the top of the page it continues on.
    RepeatedHeader,
    /// Drawn invisibly (text render mode 3 or 7) and not over an image (an OCR layer).
    Invisible,
    /// Entirely outside the clipping path or the page's crop box.
    Clipped,
    /// Painted over by a later opaque filled shape.
    Covered,
    /// Painted over by later text at the same place.
    Overdrawn,
    /// The same glyph drawn again at the same place (fake bold, layered copies).
    Duplicate,
    /// A watermark or stamp: marked as one, or oblique text repeated on most pages.
    Watermark,
    /// A figure OCR read with low confidence: kept in the text marked `ʔ`, not used as a figure.
    LowConfidence,
}

impl DropReason {
    pub fn label(self) -> &'static str {
        match self {
            DropReason::Running => "running header/footer/page number",
            DropReason::RepeatedHeader => "repeated table header",
            DropReason::Invisible => "invisible",
            DropReason::Clipped => "clipped",
            DropReason::Covered => "covered",
            DropReason::Overdrawn => "overdrawn",
            DropReason::Duplicate => "duplicate",
            DropReason::Watermark => "watermark",
            DropReason::LowConfidence => {
                "OCR low confidence or a ruling glued on, not used as a figure"
            }
        }
    }
}

/// Text of a page the reader left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct DroppedText {
    /// 1-based page.
    pub page: u32,
    pub reason: DropReason,
    pub text: String,
}

/// An extracted input file.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub kind: InputKind,
    pub pages: Vec<Page>,
    /// True when the source has real pages (a PDF, or a text export with form feeds).
    pub paged: bool,
    /// Things worth telling the auditor about the extraction itself
    /// (e.g. "no text on pages 12–14: needs OCR", "decoded as Windows-1252").
    pub notes: Vec<crate::lang::Localized>,
    /// What of the file could not be read because it is damaged ("pages 3–9
    /// damaged: text lost or garbled"); None when nothing was lost.
    pub lost: Option<crate::lang::Localized>,
    /// Text left out on purpose (PDFs), in page order: see [`DropReason`].
    pub dropped: Vec<DroppedText>,
    /// Pages whose text was read by OCR (1-based), in order.
    pub ocr_pages: Vec<u32>,
}

impl Document {
    pub fn lines(&self) -> impl Iterator<Item = (&Page, &Line)> {
        self.pages
            .iter()
            .flat_map(|p| p.lines.iter().map(move |l| (p, l)))
    }

    pub fn has_text(&self) -> bool {
        self.lines().any(|(_, l)| !l.is_blank())
    }
}

/// Why a file could not be turned into a document.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("not a PDF: {0}")]
    NotPdf(String),
    #[error("encrypted PDF: {0}")]
    Encrypted(String),
    #[error("damaged PDF: {0}")]
    Damaged(String),
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// The run's time or memory budget ran out.
    #[error("limit exceeded: {0}")]
    Budget(crate::limits::LimitExceeded),
    #[error("no text layer: {}", .0.en)]
    NoText(crate::lang::Localized),
}

impl ExtractError {
    /// The error in both output languages; details that come from the
    /// system or a library (an I/O error, a parser's message) stay as they
    /// are written.
    pub fn localized(&self) -> crate::lang::Localized {
        use crate::lang::Localized;
        let (id, detail) = match self {
            ExtractError::Io { path, source } => {
                let id = format!("tidak dapat membaca {}: {source}", path.display());
                return Localized::new(id, self.to_string());
            }
            ExtractError::NotPdf(d) => ("bukan PDF", d.as_str()),
            ExtractError::Encrypted(d) if d == "password required" => {
                return Localized::new("PDF terenkripsi: perlu kata sandi", self.to_string());
            }
            ExtractError::Encrypted(d) => ("PDF terenkripsi", d.as_str()),
            ExtractError::Damaged(d) => ("PDF rusak", d.as_str()),
            ExtractError::Limit(d) => ("batas terlampaui", d.as_str()),
            ExtractError::Budget(e) => {
                let id = format!("batas terlampaui: {}", e.localized().id);
                return Localized::new(id, self.to_string());
            }
            ExtractError::NoText(d) => {
                return Localized::new(
                    format!("tidak ada lapisan teks: {}", d.id),
                    self.to_string(),
                );
            }
        };
        Localized::new(format!("{id}: {detail}"), self.to_string())
    }
}

/// Extracts a file of the given kind.
pub fn extract(path: &Path, kind: InputKind) -> Result<Document, ExtractError> {
    // Regular files only, and no more bytes than the memory budget has left:
    // a FIFO or a link to /dev/zero named like a report is refused, not read.
    let cap = crate::limits::remaining_memory();
    let bytes = crate::files::read_capped(path, cap).map_err(|e| match e {
        crate::files::ReadError::Io(source) => ExtractError::Io {
            path: path.to_path_buf(),
            source,
        },
        crate::files::ReadError::TooLarge(_) => {
            // Counted, so that the message names the limit the file ran over.
            let over = crate::limits::charge(cap.saturating_add(1)).err();
            ExtractError::Limit(over.map_or_else(
                || "the file is too large".to_string(),
                |e| format!("{e}: the file is larger"),
            ))
        }
    })?;
    match kind {
        InputKind::Text => {
            // A text export's decoded size is about its file size.
            crate::limits::charge(bytes.len() as u64).map_err(ExtractError::Budget)?;
            Ok(text::read_text_export(path, &bytes))
        }
        InputKind::Pdf => pdf::read_pdf(path, &bytes),
    }
}

/// What a sentence ends with, or a lead-in before a list: a line ending so
/// is not a sentence going on onto the next.
pub const SENTENCE_END: [char; 5] = ['.', ':', ';', '!', '?'];

/// A character as the page shows it, where producers write it otherwise:
/// a Symbol or Wingdings list bullet that Word maps to the private use area
/// (U+F000 + its code: shown as a box, matched by no pattern) is "•"; a
/// mathematical letter or digit (a Word equation's "𝑃") is the plain one.
/// One character for one, so a text export's columns stay where they are.
pub fn plain_symbol(c: char) -> char {
    match c {
        // Symbol's bullet, Wingdings' square, arrowhead, diamond, check,
        // filled square and circle, shadowed square.
        '\u{f0b7}' | '\u{f0a7}' | '\u{f0d8}' | '\u{f076}' | '\u{f0fc}' | '\u{f06e}'
        | '\u{f06c}' | '\u{f071}' => '•',
        c => plain_math_letter(c).unwrap_or(c),
    }
}

/// The letter or digit a mathematical alphanumeric symbol is a style of
/// ("𝑃" italic P, "𝟐" bold 2; "ℎ" is the italic h). A Word equation's
/// letters are mapped to these by some producers and to plain letters by
/// others; the page shows the same word either way.
fn plain_math_letter(c: char) -> Option<char> {
    let code = c as u32;
    let offset = match code {
        0x210E => return Some('h'),
        0x1D400..=0x1D6A3 => (code - 0x1D400) % 52,
        0x1D7CE..=0x1D7FF => return char::from_digit((code - 0x1D7CE) % 10, 10),
        _ => return None,
    };
    let base = if offset < 26 { b'A' } else { b'a' - 26 };
    Some(char::from(base + offset as u8))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A file of its own under the temp dir, removed when dropped.
    struct TempFile(PathBuf);

    impl TempFile {
        fn new(name: &str, bytes: &[u8]) -> TempFile {
            static N: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "lkjip-extract-{}-{}-{name}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            std::fs::write(&path, bytes).expect("write temp file");
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    /// A one-page PDF drawing `text` in Helvetica.
    fn one_page_pdf(text: &str) -> Vec<u8> {
        let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
        let objs = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
                .to_string(),
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.lines().map(|(_, l)| l.text.clone()).collect()
    }

    #[test]
    fn a_text_export_is_read_as_text() {
        let file = TempFile::new("a.txt", b"BAB I PENDAHULUAN\n\nLatar belakang.\n");
        let doc = extract(&file.0, InputKind::Text).expect("a text export reads");
        assert_eq!(doc.kind, InputKind::Text);
        assert!(!doc.paged);
        assert_eq!(doc.pages.len(), 1);
        assert!(doc.has_text());
        assert_eq!(
            texts(&doc)
                .iter()
                .filter(|t| !t.trim().is_empty())
                .collect::<Vec<_>>(),
            ["BAB I PENDAHULUAN", "Latar belakang."]
        );
    }

    #[test]
    fn a_pdf_is_read_by_the_pdf_reader() {
        let file = TempFile::new("a.pdf", &one_page_pdf("Capaian Kinerja 2020"));
        let doc = extract(&file.0, InputKind::Pdf).expect("the PDF reads");
        assert_eq!(doc.kind, InputKind::Pdf);
        assert!(doc.paged);
        assert_eq!(doc.pages.len(), 1);
        assert_eq!(doc.pages[0].number, 1);
        assert!(
            texts(&doc)
                .iter()
                .any(|t| t.contains("Capaian Kinerja 2020")),
            "{:?}",
            texts(&doc)
        );
    }

    #[test]
    fn text_given_as_a_pdf_is_refused_clearly() {
        let file = TempFile::new("fake.pdf", b"BAB I PENDAHULUAN\n");
        let err = extract(&file.0, InputKind::Pdf).expect_err("not a PDF");
        assert!(matches!(err, ExtractError::NotPdf(_)), "{err:?}");
        assert_eq!(err.to_string(), "not a PDF: no %PDF- header");
    }

    #[test]
    fn a_pdf_header_over_garbage_is_an_error_not_a_panic() {
        let file = TempFile::new("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog");
        let err = extract(&file.0, InputKind::Pdf).expect_err("nothing to read");
        assert!(
            matches!(err, ExtractError::Damaged(_) | ExtractError::NoText(_)),
            "{err:?}"
        );
        // Truncated mid-file: still an error of its own, never a panic.
        let whole = one_page_pdf("Tabel 3.1");
        let cut = TempFile::new("cut.pdf", &whole[..whole.len() / 3]);
        let _ = extract(&cut.0, InputKind::Pdf);
    }

    #[test]
    fn a_missing_file_names_its_path() {
        let path = std::env::temp_dir().join("lkjip-extract-no-such-file.txt");
        let err = extract(&path, InputKind::Text).expect_err("missing");
        assert!(matches!(err, ExtractError::Io { .. }), "{err:?}");
        assert!(
            err.to_string()
                .starts_with(&format!("cannot read {}: ", path.display())),
            "{err}"
        );
    }

    #[test]
    fn a_file_over_the_memory_budget_is_not_read() {
        let file = TempFile::new("big.txt", &[b'a'; 4096]);
        let _limits = crate::limits::enter(crate::limits::Limits {
            time: None,
            memory: Some(1000),
        });
        let err = extract(&file.0, InputKind::Text).expect_err("over budget");
        assert!(matches!(err, ExtractError::Limit(_)), "{err:?}");
        assert!(err.to_string().contains("1000"), "{err}");
    }

    #[test]
    fn a_page_reads_as_text_and_table_blocks_in_order() {
        let text =
            "Pengantar.\n\n| No | Uraian |\n|---|---|\n| 1 | Satu |\n| 2 | Dua |\n\nPenutup.\n";
        let doc = text::read_text_export(Path::new("t.md"), text.as_bytes());
        let blocks = doc.pages[0].blocks();
        let shape: Vec<String> = blocks
            .iter()
            .map(|b| match b {
                Block::Text(lines) => format!("text {}", lines.len()),
                Block::Table(grid, lines) => {
                    format!("table {}x{} {}", grid.rows, grid.cols, lines.len())
                }
            })
            .collect();
        let tables = shape.iter().filter(|s| s.starts_with("table")).count();
        assert_eq!(tables, 1, "{shape:?}");
        assert!(
            shape.first().is_some_and(|s| s.starts_with("text")),
            "{shape:?}"
        );
        assert!(
            shape.last().is_some_and(|s| s.starts_with("text")),
            "{shape:?}"
        );
        // Every line is in exactly one block.
        let lines: usize = blocks
            .iter()
            .map(|b| match b {
                Block::Text(l) | Block::Table(_, l) => l.len(),
            })
            .sum();
        assert_eq!(lines, doc.pages[0].lines.len());
    }

    #[test]
    fn blank_lines_are_no_text() {
        let doc = text::read_text_export(Path::new("t.txt"), b"\n   \n\t\n");
        assert!(!doc.has_text());
        let doc = text::read_text_export(Path::new("t.txt"), b"\n x\n");
        assert!(doc.has_text());
    }

    #[test]
    fn every_drop_reason_has_its_own_label() {
        let all = [
            DropReason::Running,
            DropReason::RepeatedHeader,
            DropReason::Invisible,
            DropReason::Clipped,
            DropReason::Covered,
            DropReason::Overdrawn,
            DropReason::Duplicate,
            DropReason::Watermark,
            DropReason::LowConfidence,
        ];
        let labels: std::collections::BTreeSet<&str> = all.iter().map(|r| r.label()).collect();
        assert_eq!(labels.len(), all.len());
    }
}
