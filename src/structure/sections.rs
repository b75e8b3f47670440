//! Chapters of an LKjIP: Kata Pengantar, Daftar Isi, Ikhtisar Eksekutif,
//! Bab I–IV, Lampiran. Entries of the table of contents are not chapters.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::extract::{CellMode, Line};

/// Where a line sits in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Chapter {
    /// Before the first recognised chapter (the cover).
    Cover,
    KataPengantar,
    DaftarIsi,
    Ikhtisar,
    /// Bab I (Pendahuluan) … Bab V.
    Bab(u8),
    Lampiran,
}

impl Chapter {
    pub fn name(self) -> String {
        match self {
            Chapter::Cover => "SAMPUL".into(),
            Chapter::KataPengantar => "KATA PENGANTAR".into(),
            Chapter::DaftarIsi => "DAFTAR ISI".into(),
            Chapter::Ikhtisar => "IKHTISAR EKSEKUTIF".into(),
            Chapter::Bab(n) => format!("BAB {}", roman(n as u32)),
            Chapter::Lampiran => "LAMPIRAN".into(),
        }
    }

    /// Parses a chapter name as written in rule files: "ikhtisar", "bab3", "penutup" (= Bab IV), "lampiran".
    pub fn from_rule_name(name: &str) -> Option<Chapter> {
        let n = name
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '_', '-'], "");
        Some(match n.as_str() {
            "cover" | "sampul" => Chapter::Cover,
            "katapengantar" | "pengantar" => Chapter::KataPengantar,
            "daftarisi" | "toc" => Chapter::DaftarIsi,
            "ikhtisar" | "ikhtisareksekutif" | "ringkasan" => Chapter::Ikhtisar,
            "bab1" | "babi" | "pendahuluan" => Chapter::Bab(1),
            "bab2" | "babii" => Chapter::Bab(2),
            "bab3" | "babiii" => Chapter::Bab(3),
            "bab4" | "babiv" | "penutup" => Chapter::Bab(4),
            "bab5" | "babv" => Chapter::Bab(5),
            "lampiran" => Chapter::Lampiran,
            _ => return None,
        })
    }
}

pub fn roman(n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
        (0, ""),
        (0, ""),
        (0, ""),
        (0, ""),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, text) in TABLE {
        while value > 0 && n >= value {
            out.push_str(text);
            n -= value;
        }
    }
    out
}

pub fn parse_roman(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches('.').to_ascii_uppercase();
    if s.is_empty() || !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return None;
    }
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        _ => 10,
    };
    let chars: Vec<char> = s.chars().collect();
    let mut total = 0i32;
    for (i, &c) in chars.iter().enumerate() {
        let v = value(c);
        if chars.get(i + 1).is_some_and(|&n| value(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    (total > 0).then_some(total as u32)
}

static BAB: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^BAB\s+([IVX]+|[1-5])\b\.?\s*(.*)$").expect("valid regex")
});
static TOC_LEADER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"\.{3,}|…|\t").expect("valid regex"));

/// Lines after a heading in the table of contents looked at for page numbers.
const TOC_LOOKAHEAD: usize = 6;

/// A table of contents' page number alone on its line: "iv", "12" (bare:
/// a running line's "Halaman 4" or "- 3 -" is `extract::running`'s).
fn is_bare_page_number(text: &str) -> bool {
    let t = text.trim();
    (1..=3).contains(&t.len())
        && (t.chars().all(|c| c.is_ascii_digit())
            || t.chars()
                .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X')))
}

/// The chapter a line opens, if it is a chapter heading.
pub fn chapter_heading(line: &Line) -> Option<Chapter> {
    if line.cells == CellMode::Delimited
        && line.spans.iter().filter(|s| !s.text.is_empty()).count() > 1
    {
        return None;
    }
    let text = line.text.trim().trim_end_matches(['.', ':']).trim();
    if text.is_empty() || text.chars().count() > 90 || TOC_LEADER.is_match(text) {
        return None;
    }
    let upper = text.to_uppercase();
    if upper == "KATA PENGANTAR" {
        return Some(Chapter::KataPengantar);
    }
    if upper == "DAFTAR ISI" {
        return Some(Chapter::DaftarIsi);
    }
    if upper == "IKHTISAR EKSEKUTIF"
        || upper == "RINGKASAN EKSEKUTIF"
        || upper == "EXECUTIVE SUMMARY"
    {
        return Some(Chapter::Ikhtisar);
    }
    if let Some(c) = BAB.captures(text) {
        let rest = c.get(2).map(|m| m.as_str()).unwrap_or("");
        // "BAB III menyajikan …" in prose is not a heading: the title is in capitals.
        if rest.chars().any(|ch| ch.is_lowercase()) && rest.len() > 3 {
            return None;
        }
        let n = c[1].parse::<u32>().ok().or_else(|| parse_roman(&c[1]))?;
        return (1..=5).contains(&n).then_some(Chapter::Bab(n as u8));
    }
    if let Some(rest) = upper.strip_prefix("LAMPIRAN") {
        let rest = rest.trim();
        if rest.is_empty()
            || rest
                .chars()
                .all(|c| c.is_ascii_digit() || c == ' ' || c == '.')
        {
            return Some(Chapter::Lampiran);
        }
    }
    None
}

static SIGNATURE_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^(.{2,40},\s*(\d{1,2}\s+)?[A-Za-z]+\.?\s+\d{4}|nip\b|pembina|penata|camat|plt|kepala|bupati|walikota|sekretaris|pihak|\S+(\s+\S+){0,6})$")
        .expect("valid regex")
});

/// Assigns a chapter to every line. `lines` are in reading order.
pub fn assign_chapters(lines: &[&Line]) -> Vec<Chapter> {
    let mut current = Chapter::Cover;
    let mut out = Vec::with_capacity(lines.len());
    // After the closing "Demikian …" of Bab IV, a signature may follow; whatever
    // comes after it belongs to the attachments even without a LAMPIRAN heading.
    let mut closing_seen = false;
    // The closing sentence itself may wrap over several lines (a PDF); it ends at a blank line.
    let mut closing_paragraph = false;
    let mut signature_lines = 0;
    for (k, line) in lines.iter().enumerate() {
        // Out of time: the rest stays in the current chapter; the file is
        // reported as not fully audited.
        if crate::limits::out_of_time() {
            out.resize(lines.len(), current);
            break;
        }
        if let Some(chapter) = chapter_heading(line) {
            let allowed = match current {
                // Inside the table of contents only the start of the body ends
                // it; an entry whose page numbers a text export set on lines
                // of their own ("KATA PENGANTAR" / "i", "BAB I PENDAHULUAN" /
                // "1.1 Latar Belakang" / "1") does not.
                Chapter::DaftarIsi => {
                    matches!(
                        chapter,
                        Chapter::Ikhtisar | Chapter::Bab(1) | Chapter::KataPengantar
                    ) && lines[k + 1..]
                        .iter()
                        .filter(|l| !l.is_blank())
                        .take(TOC_LOOKAHEAD)
                        .filter(|l| is_bare_page_number(&l.text))
                        .count()
                        < 2
                }
                _ => true,
            };
            if allowed {
                current = chapter;
                closing_seen = false;
                closing_paragraph = false;
                signature_lines = 0;
            }
        } else if current == Chapter::Bab(4) || current == Chapter::Bab(5) {
            let text = line.text.trim();
            if text.to_lowercase().starts_with("demikian") {
                closing_seen = true;
                closing_paragraph = true;
            } else if text.is_empty() {
                closing_paragraph = false;
            } else if closing_paragraph && line.cells == CellMode::Flow {
                // Still the closing sentence.
            } else if closing_seen {
                let signature = line.cells != CellMode::Delimited
                    && text.chars().count() <= 60
                    && SIGNATURE_LIKE.is_match(text)
                    && signature_lines < 8
                    && !text.to_lowercase().starts_with("tabel");
                if signature {
                    signature_lines += 1;
                } else {
                    current = Chapter::Lampiran;
                }
            }
        }
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::parse_line;

    fn chapter_of(s: &str) -> Option<Chapter> {
        chapter_heading(&parse_line(1, s).unwrap())
    }

    #[test]
    fn headings_in_their_usual_shapes() {
        assert_eq!(
            chapter_of("## KATA PENGANTAR"),
            Some(Chapter::KataPengantar)
        );
        assert_eq!(chapter_of("# BAB I"), Some(Chapter::Bab(1)));
        assert_eq!(chapter_of("## **BAB IV**"), Some(Chapter::Bab(4)));
        assert_eq!(chapter_of("BAB IV PENUTUP"), Some(Chapter::Bab(4)));
        assert_eq!(chapter_of("### BAB III"), Some(Chapter::Bab(3)));
        assert_eq!(chapter_of("LAMPIRAN 1"), Some(Chapter::Lampiran));
        assert_eq!(chapter_of("IKHTISAR EKSEKUTIF"), Some(Chapter::Ikhtisar));
    }

    #[test]
    fn toc_entries_and_prose_are_not_headings() {
        assert_eq!(chapter_of("BAB II. PERENCANAAN KINERJA.....\t5"), None);
        assert_eq!(chapter_of("IKHTISAR EKSEKUTIF.....\tiii"), None);
        assert_eq!(
            chapter_of("BAB III menyajikan capaian kinerja organisasi"),
            None
        );
        assert_eq!(chapter_of("Lampiran 1. Matriks Rencana Strategis"), None);
    }

    #[test]
    fn a_table_of_contents_with_its_page_numbers_on_lines_of_their_own_goes_on() {
        // Cianjur 2015 p5 as `mutool draw -F txt` writes it: each entry and
        // its page number on lines of their own. The body starts at the BAB I
        // with no page numbers under it.
        let text = [
            "DAFTAR ISI ",
            "KATA PENGANTAR ",
            "i ",
            "IKHTISAR EKSEKUTIF  ",
            "iii ",
            "BAB I PENDAHULUAN ",
            "1.1 Latar Belakang  ",
            "1 ",
            "1.2 Landasan Hukum ",
            "2 ",
            "BAB II PERENCAAN KINERJA ",
            "2.1 Rencana Strategi  ",
            "15 ",
            "",
            "BAB I ",
            "PENDAHULUAN ",
            "1.1 Latar Belakang ",
            "Dinas Kebersihan dan Pertamanan Kabupaten Cianjur dibentuk berdasarkan",
        ];
        let lines: Vec<Line> = text
            .iter()
            .enumerate()
            .filter_map(|(k, t)| parse_line(k as u32 + 1, t))
            .collect();
        let refs: Vec<&Line> = lines.iter().collect();
        let chapters = assign_chapters(&refs);
        let of = |t: &str| {
            let k = text.iter().rposition(|l| *l == t).expect("line");
            chapters[k]
        };
        assert_eq!(of("1.2 Landasan Hukum "), Chapter::DaftarIsi);
        assert_eq!(of("2.1 Rencana Strategi  "), Chapter::DaftarIsi);
        assert_eq!(of("PENDAHULUAN "), Chapter::Bab(1));
        assert_eq!(
            of("Dinas Kebersihan dan Pertamanan Kabupaten Cianjur dibentuk berdasarkan"),
            Chapter::Bab(1)
        );
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(parse_roman("IV"), Some(4));
        assert_eq!(parse_roman("iii."), Some(3));
        assert_eq!(parse_roman("B"), None);
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
    }
}
