//! Figures as printed in LKjIP reports, parsed with nom into exact decimals.
//! (API stub: implementation in progress.)

use rust_decimal::Decimal;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// Money: `Rp 1.329.782.597,10`, `400.000.000,-`, `1,5 miliar`.
    Rupiah,
    /// `96,14 %`, `90.%`.
    Percent,
    /// A number with a unit word: `12.000 Pelayanan`, `4 kali`.
    Count,
    /// A bare number.
    Plain,
}

/// Which decimal convention the printed number follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `.` groups thousands, `,` marks decimals.
    Indonesian,
    /// `,` groups thousands, `.` marks decimals.
    English,
    /// Readable either way with the same value (no separators at all).
    Plain,
}

/// A parsed figure that keeps the text as printed and its precision.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The value in base units (rupiah, percent points, items); a `(dalam ribuan)`
    /// or `juta` scale is already applied.
    pub value: Decimal,
    /// The figure as printed, e.g. `Rp. 400.000.000,00`.
    pub text: String,
    /// How many decimals were printed (`97,49` → 2, `90.%` → 0, `,00` → 2).
    pub decimals: u32,
    pub kind: FigureKind,
    pub style: NumberStyle,
    /// Unit word for counts (`Pelayanan`, `kali`, `bulan`).
    pub unit: Option<String>,
    /// Multiplier applied to the printed number (1, 1000, 1_000_000, 1_000_000_000).
    pub scale: Decimal,
    /// Byte range of `text` in the scanned string.
    pub start: usize,
    pub end: usize,
}

/// A token that looks like a figure but is neither Indonesian nor English style,
/// e.g. `1.414.,972450'00`.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    pub text: String,
    pub reason: String,
    pub start: usize,
    pub end: usize,
}

/// What scanning running text yields.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Figure(Figure),
    Malformed(Malformed),
}

/// A hint from context (column header, surrounding words) about what a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    #[default]
    None,
    Percent,
    Rupiah,
}

/// Parses a whole table cell or short string as one figure.
pub fn parse_figure(_text: &str, _hint: Hint) -> Option<Figure> {
    None
}

/// Scans running text for figures and malformed figures, left to right.
pub fn scan_figures(_text: &str) -> Vec<Token> {
    Vec::new()
}
