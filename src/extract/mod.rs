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
    pub notes: Vec<String>,
    /// What of the file could not be read because it is damaged ("pages 3–9
    /// damaged: text lost or garbled"); None when nothing was lost.
    pub lost: Option<String>,
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
    #[error("no text layer: {0}")]
    NoText(String),
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
            crate::limits::charge(bytes.len() as u64)
                .map_err(|e| ExtractError::Limit(e.to_string()))?;
            Ok(text::read_text_export(path, &bytes))
        }
        InputKind::Pdf => pdf::read_pdf(path, &bytes),
    }
}
