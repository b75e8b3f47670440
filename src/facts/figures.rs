//! Figures as printed in LKjIP reports, parsed with nom into exact decimals.
//!
//! Indonesian style (`1.329.782.597,10`) is the default; English style
//! (`74.61`, `1,234,567.89`) is recognised when the separators say so. A token
//! that tries to be a number but fits neither (`1.414.,972450'00`) is
//! reported as malformed. Dotted codes (`1.20.1.20.19.01`) are neither.

use std::str::FromStr;
use std::sync::LazyLock;

use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, digit1};
use nom::combinator::{all_consuming, opt, recognize};
use nom::multi::many1;
use nom::sequence::preceded;
use nom::{IResult, Parser};
use regex::Regex;
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
    /// The value in base units (rupiah, percent points, items); a `juta` or
    /// `miliar` scale is already applied.
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

impl Figure {
    /// A bare number of one to three digits ("10", "54"): a row number, a page
    /// number or a note mark more often than an amount.
    pub fn is_bare_small(&self) -> bool {
        self.value.abs() < Decimal::from(1000) && !self.text.contains(['.', ','])
    }
}

/// A token that looks like a figure but is neither Indonesian nor English style,
/// e.g. `1.414.,972450'00`. `text` is the number itself, without `Rp`.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Hint {
    #[default]
    None,
    Percent,
    Rupiah,
}

/// The numeric core of a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Number {
    value: Decimal,
    decimals: u32,
    style: NumberStyle,
}

fn three_digits(i: &str) -> IResult<&str, &str> {
    take_while_m_n(3, 3, |c: char| c.is_ascii_digit()).parse(i)
}

fn lead_group(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 3, |c: char| c.is_ascii_digit()).parse(i)
}

/// `1.329.782.597,10`
fn indonesian_grouped(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    (
        recognize((lead_group, many1(preceded(char('.'), three_digits)))),
        opt(preceded(char(','), digit1)),
    )
        .parse(i)
}

/// `1,234,567.89`
fn english_grouped(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    (
        recognize((lead_group, many1(preceded(char(','), three_digits)))),
        opt(preceded(char('.'), digit1)),
    )
        .parse(i)
}

/// `96,14`
fn decimal_comma(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    (digit1, preceded(char(','), digit1).map(Some)).parse(i)
}

/// `74.61`
fn decimal_dot(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    (digit1, preceded(char('.'), digit1).map(Some)).parse(i)
}

fn integer(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    digit1.map(|d| (d, None)).parse(i)
}

fn to_number(
    int_part: &str,
    frac: Option<&str>,
    separator: char,
    style: NumberStyle,
) -> Option<Number> {
    let digits: String = int_part.chars().filter(|c| *c != separator).collect();
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    let value = Decimal::from_str(&text).ok()?;
    Some(Number {
        value,
        decimals: frac.map(|f| f.len() as u32).unwrap_or(0),
        style,
    })
}

/// Parses the digits-and-separators core of a figure.
fn parse_number(core: &str, hint: Hint) -> Option<Number> {
    if let Ok((_, (i, f))) = all_consuming(integer).parse(core) {
        return to_number(i, f, '.', NumberStyle::Plain);
    }
    if let Ok((_, (i, f))) = all_consuming(indonesian_grouped).parse(core) {
        return to_number(i, f, '.', NumberStyle::Indonesian);
    }
    // `97,003` is a decimal comma in a percentage column, and by default too:
    // Indonesian reports write decimals with commas.
    if let Ok((_, (i, f))) = all_consuming(decimal_comma).parse(core) {
        let english_thousands = hint == Hint::Rupiah && f.is_some_and(|f| f.len() == 3);
        if !english_thousands {
            return to_number(i, f, '.', NumberStyle::Indonesian);
        }
    }
    if let Ok((_, (i, f))) = all_consuming(english_grouped).parse(core) {
        return to_number(i, f, ',', NumberStyle::English);
    }
    if let Ok((_, (i, f))) = all_consuming(decimal_dot).parse(core) {
        return to_number(i, f, ',', NumberStyle::English);
    }
    None
}

/// Why a numeric-looking token is malformed, or None when it is just not a
/// figure (a dotted code such as `1.20.1.20.19.01`).
fn malformed_reason(core: &str, suffix: &str) -> Option<String> {
    if suffix.starts_with(",,") {
        return Some("double comma `,,`".into());
    }
    if core.contains('\'') {
        return Some("apostrophe `'` inside the number".into());
    }
    if core.contains(".,") {
        return Some("separator `.` directly followed by `,`".into());
    }
    if core.contains(",.") {
        return Some("separator `,` directly followed by `.`".into());
    }
    if core.contains(",,") {
        return Some("double comma `,,`".into());
    }
    if core.contains("..") {
        return Some("double dot `..`".into());
    }
    if core.contains('.') && core.contains(',') {
        return Some("thousand groups that are not three digits".into());
    }
    None
}

static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?xi)
        (?P<rp>\b(?:Rp|IDR)\.?\s*)?
        (?P<num>\d[\d.,']*\d|\d)
        (?P<suffix>
            ,,-
          | ,-
          | \s*\.?\s*%
          | \s+(?:juta|miliar|milyar|triliun)\b
        )?",
    )
    .expect("valid regex")
});

static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\s+(?P<unit>kali|bulan|orang|pelayanan|titik|kegiatan|dokumen|desa|kelurahan|unit|paket|hari|laporan|keag\.?|buah|lokasi|jiwa|km|m2|ha)\b")
        .expect("valid regex")
});

fn scale_of(suffix: &str) -> Decimal {
    let s = suffix.trim().to_lowercase();
    match s.as_str() {
        "juta" => Decimal::from(1_000_000u64),
        "miliar" | "milyar" => Decimal::from(1_000_000_000u64),
        "triliun" => Decimal::from(1_000_000_000_000u64),
        _ => Decimal::ONE,
    }
}

/// Scans running text for figures and malformed figures, left to right.
pub fn scan_figures(text: &str) -> Vec<Token> {
    scan_with(text, Hint::None)
}

fn scan_with(text: &str, hint: Hint) -> Vec<Token> {
    let mut out = Vec::new();
    for c in CANDIDATE.captures_iter(text) {
        let Some(num) = c.name("num") else { continue };
        // Digits glued to letters on the left belong to a word or code ("H2", "B3").
        if c.name("rp").is_none()
            && text[..num.start()]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphabetic())
        {
            continue;
        }
        let suffix = c.name("suffix").map(|m| m.as_str()).unwrap_or("");
        let core = num.as_str();
        let whole = c
            .get(0)
            .map(|m| (m.start(), m.end()))
            .unwrap_or((num.start(), num.end()));
        let parsed = parse_number(core, Hint::None);
        let reason = if suffix.starts_with(",,") || parsed.is_none() {
            malformed_reason(core, suffix)
        } else {
            None
        };
        if let Some(reason) = reason {
            let end = if suffix.starts_with(",,") {
                num.end() + suffix.len()
            } else {
                num.end()
            };
            out.push(Token::Malformed(Malformed {
                text: text[num.start()..end].to_string(),
                reason,
                start: num.start(),
                end,
            }));
            continue;
        }
        let percent = suffix.contains('%');
        let rupiah = c.name("rp").is_some() || suffix == ",-" || (!suffix.is_empty() && !percent);
        let local_hint = if percent {
            Hint::Percent
        } else if rupiah {
            Hint::Rupiah
        } else {
            hint
        };
        let Some(n) = parse_number(core, local_hint) else {
            continue;
        };
        let scale = if rupiah && !suffix.is_empty() && suffix != ",-" {
            scale_of(suffix)
        } else {
            Decimal::ONE
        };
        let mut end = whole.1;
        let mut kind = if percent {
            FigureKind::Percent
        } else if rupiah {
            FigureKind::Rupiah
        } else {
            match hint {
                Hint::Percent => FigureKind::Percent,
                Hint::Rupiah => FigureKind::Rupiah,
                Hint::None => FigureKind::Plain,
            }
        };
        let mut unit = None;
        if kind == FigureKind::Plain
            && let Some(u) = UNIT.captures(&text[end..])
        {
            let m = u.name("unit").expect("group");
            unit = Some(m.as_str().to_string());
            end += m.end();
            kind = FigureKind::Count;
        }
        out.push(Token::Figure(Figure {
            value: n.value * scale,
            text: text[whole.0..end].to_string(),
            decimals: n.decimals,
            kind,
            style: n.style,
            unit,
            scale,
            start: whole.0,
            end,
        }));
    }
    out
}

/// Parses a whole table cell or short string as one figure. Markdown emphasis
/// and a trailing unit word are allowed; anything else makes it not a figure.
pub fn parse_figure(text: &str, hint: Hint) -> Option<Figure> {
    // A report's cells are parsed again and again (when tables are typed,
    // when rules read them), each time by the whole scanner: the last
    // answers are kept, a few thousand at most.
    thread_local! {
        static PARSED: std::cell::RefCell<std::collections::HashMap<(String, Hint), Option<Figure>>> =
            std::cell::RefCell::default();
    }
    const KEPT: usize = 4096;
    let key = (text.to_string(), hint);
    if let Some(known) = PARSED.with(|m| m.borrow().get(&key).cloned()) {
        return known;
    }
    let parsed = parse_figure_whole(text, hint);
    PARSED.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= KEPT {
            m.clear();
        }
        m.insert(key, parsed.clone());
    });
    parsed
}

fn parse_figure_whole(text: &str, hint: Hint) -> Option<Figure> {
    let trimmed = text.trim().trim_matches('*').trim();
    if trimmed.is_empty() {
        return None;
    }
    let tokens = scan_with(trimmed, hint);
    let [Token::Figure(f)] = tokens.as_slice() else {
        return None;
    };
    let before = trimmed[..f.start].trim();
    let after = trimmed[f.end..].trim();
    let after_ok = after.is_empty()
        || (after.split_whitespace().count() == 1
            && after.chars().all(|c| c.is_alphabetic() || c == '.')
            && f.kind != FigureKind::Percent);
    if !before.is_empty() || !after_ok {
        return None;
    }
    let mut f = f.clone();
    if !after.is_empty() && f.unit.is_none() {
        f.unit = Some(after.to_string());
        f.kind = FigureKind::Count;
        f.end = trimmed.len();
        f.text = trimmed[f.start..].to_string();
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn fig(s: &str) -> Figure {
        parse_figure(s, Hint::None).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn rupiah_forms() {
        let f = fig("Rp 1.329.782.597,10");
        assert_eq!(
            (f.value, f.decimals, f.kind),
            (d("1329782597.10"), 2, FigureKind::Rupiah)
        );
        assert_eq!(f.style, NumberStyle::Indonesian);
        assert_eq!(fig("Rp. 400.000.000,00").decimals, 2);
        assert_eq!(fig("Rp.157.455.000").value, d("157455000"));
        let f = fig("400.000.000,-");
        assert_eq!(
            (f.value, f.decimals, f.kind),
            (d("400000000"), 0, FigureKind::Rupiah)
        );
        let f = fig("Rp 1,5 miliar");
        assert_eq!((f.value, f.kind), (d("1500000000"), FigureKind::Rupiah));
        assert_eq!(fig("Rp 250 juta").value, d("250000000"));
        assert_eq!(fig("157.455.000").value, d("157455000"));
    }

    #[test]
    fn percentages_and_precision() {
        let f = fig("96,14 %");
        assert_eq!(
            (f.value, f.decimals, f.kind),
            (d("96.14"), 2, FigureKind::Percent)
        );
        let f = fig("90.%");
        assert_eq!((f.value, f.decimals), (d("90"), 0));
        let f = fig("74.61 %");
        assert_eq!((f.value, f.style), (d("74.61"), NumberStyle::English));
        let f = fig("97,21.%");
        assert_eq!((f.value, f.decimals), (d("97.21"), 2));
        assert_eq!(fig("4,00%").decimals, 2);
        let f = parse_figure("97,003", Hint::Percent).unwrap();
        assert_eq!(
            (f.value, f.decimals, f.kind),
            (d("97.003"), 3, FigureKind::Percent)
        );
        assert_eq!(
            parse_figure("100", Hint::Percent).unwrap().kind,
            FigureKind::Percent
        );
    }

    #[test]
    fn counts_with_units() {
        let f = fig("12.000 Pelayanan");
        assert_eq!(
            (f.value, f.kind, f.unit.as_deref()),
            (d("12000"), FigureKind::Count, Some("Pelayanan"))
        );
        assert_eq!(fig("4 kali").unit.as_deref(), Some("kali"));
        assert_eq!(fig("3 Titik").value, d("3"));
        assert!(parse_figure("Baik", Hint::None).is_none());
        assert!(parse_figure("-", Hint::None).is_none());
        assert!(parse_figure("B (80)", Hint::None).is_none());
        assert!(parse_figure("Kasi PMD", Hint::None).is_none());
    }

    #[test]
    fn english_styles() {
        let f = fig("1,234,567.89");
        assert_eq!((f.value, f.style), (d("1234567.89"), NumberStyle::English));
        assert_eq!(fig("1,5").value, d("1.5"));
        assert_eq!(fig("1.000").value, d("1000"));
    }

    fn malformed(s: &str) -> Vec<String> {
        scan_figures(s)
            .into_iter()
            .filter_map(|t| match t {
                Token::Malformed(m) => Some(m.text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn malformed_figures_are_caught() {
        assert_eq!(
            malformed("sebesar Rp 1.414.,972450'00 (97,21.%)"),
            vec!["1.414.,972450'00"]
        );
        assert_eq!(
            malformed("sebesar Rp. 1.071.696.950,,-"),
            vec!["1.071.696.950,,-"]
        );
        assert_eq!(malformed("Rp 1.41.972,00"), vec!["1.41.972,00"]);
    }

    #[test]
    fn ordinary_text_is_not_malformed() {
        for s in [
            "sebesar 96,14 %.",
            "Rp. 400.000.000,-.",
            "tahun 2020.",
            "(97,76%)",
            "dari 2..(dua) sasaran",
            "1. Kegiatan : Koordinasi",
            "Tabel 3.1",
            "31 Desember 2020",
            "Renstra 2016-2021 dan 2016 -2021",
            "NIP. 19700402 199002 1 001",
            "Kode Rekening : 1.20.1.20.19.01",
            "Nomor : 065/09 /1.31/2020",
            "Nomor PER/9/M.PAN/5/2007",
            "☎ (0331) 591955",
        ] {
            assert!(malformed(s).is_empty(), "{s}: {:?}", malformed(s));
        }
    }

    fn values(s: &str) -> Vec<(Decimal, FigureKind)> {
        scan_figures(s)
            .into_iter()
            .filter_map(|t| match t {
                Token::Figure(f) => Some((f.value, f.kind)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn real_lines() {
        let line = "Sedangkan realisasi Penyerapan Anggaran sebesar Rp 1.414.,972450'00 (97,21.%) meliputi belanja tidak langsung sebesar Rp 1.071.696.950 (96,93%) dan Belanja langsung sebesar Rp. 343.275.500 (98,08%),";
        assert_eq!(
            values(line),
            vec![
                (d("97.21"), FigureKind::Percent),
                (d("1071696950"), FigureKind::Rupiah),
                (d("96.93"), FigureKind::Percent),
                (d("343275500"), FigureKind::Rupiah),
                (d("98.08"), FigureKind::Percent),
            ]
        );
        assert_eq!(malformed(line), vec!["1.414.,972450'00"]);
        let line = "Keseluruhan anggaran Kecamatan Rambipuji tahun 2020 adalah sebesar Rp. 1.729.782.597,10 yang terdiri dari :";
        assert_eq!(
            values(line),
            vec![
                (d("2020"), FigureKind::Plain),
                (d("1729782597.10"), FigureKind::Rupiah)
            ]
        );
        let line = "Dari tabel diatas rata-rata capaian sasaran sebesar 74.61 %, sehingga";
        assert_eq!(values(line), vec![(d("74.61"), FigureKind::Percent)]);
        assert_eq!(
            values("KINERJATAHUN 2018"),
            vec![(d("2018"), FigureKind::Plain)]
        );
    }

    #[test]
    fn offsets_point_at_the_printed_text() {
        let s = "anggaran Rp. 400.000.000,- dan 96,14 %";
        for t in scan_figures(s) {
            if let Token::Figure(f) = t {
                assert_eq!(&s[f.start..f.end], f.text);
            }
        }
    }
}
