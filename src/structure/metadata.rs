//! The report's metadata: office, report year n, place and date of signing.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::facts::dates::{IndoDate, find_dates};

use super::sections::Chapter;
use super::{LineRef, Paragraph};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Metadata {
    /// The office, e.g. "Kecamatan Ledokombo".
    pub office: Option<String>,
    /// The report year n, by majority of the report's own title mentions.
    pub year: Option<i32>,
    /// Where the report was signed.
    pub place: Option<String>,
    /// When the report was signed, as printed.
    pub signed: Option<String>,
    /// Line index (in the report's lines) of each signature date of the report
    /// itself (Kata Pengantar, Penutup), with the date.
    #[serde(skip)]
    pub signatures: Vec<(usize, IndoDate)>,
}

static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:laporan\s+kinerja|LAKIP|LKjIP|LKIP|LKj)\b[^.;:]{0,90}?\btahun\s+(?:anggaran\s+)?((?:19|20)\d\d)\b")
        .expect("valid regex")
});
static BUDGET_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\btahun\s+anggaran\s+((?:19|20)\d\d)\b").expect("valid regex")
});
/// A regulation cited by its number ("Nomor 13 Tahun 2012 tentang …") or
/// its gazette ("(Lembaran Daerah …", "Berita Daerah …").
static CITED_REGULATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\bnomor\s*:?\s*[0-9][0-9a-z./-]*\s+tahun\s+(?:19|20)\d\d\s+tentang\b|\b(?:lembaran|berita)\s+daerah\b")
        .expect("valid regex")
});
/// Without a title, the year the report measures: "Perjanjian Kinerja Tahun
/// 2016", "Pengukuran Kinerja 2016", "capaian kinerja … tahun 2016".
static MEASURED_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:perjanjian|pengukuran|penetapan|capaian|realisasi)\s+kinerja\b[^.;:]{0,60}?\b(?:tahun\s+)?((?:19|20)\d\d)\b(?:\s*[-–]\s*(?:19|20)\d\d)?")
        .expect("valid regex")
});
/// "Laporan Kinerja Instansi Pemerintah (LKIP) Dinas …", "LAKIP Biro …",
/// "LKIP Tahun 2016 Badan …": the report's name, then the office's.
static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)(?:\blaporan\s+(?:akuntabilitas\s+)?kinerja\s+(?:instansi\s+pemerintah\s+)?|\b(?:LAKIP|LKIP|LKjIP)\s+)(?:\((?:LAKIP|LKIP|LKjIP|LKj)\)\s+)?(?:tahun\s+(?:anggaran\s+)?(?:19|20)\d\d\s+)?(?:kantor\s+)?((?:kecamatan|kelurahan|dinas|badan|biro|balai|kabupaten|kota|provinsi|sekretariat|inspektorat|satuan|rumah\s+sakit|rsud|rsj|bappeda|kantor|unit\s+penyelenggara|upt)\b[^.;:()]{2,80}?)\s+(?:tahun|ini|disusun|berfungsi|merupakan|dimaksudkan|yang|adalah|\d{4})\b")
        .expect("valid regex")
});
/// "Laporan Kinerja BKPP Wilayah I Provinsi Jawa Barat Tahun 2016", "LKIP
/// BP3IPTEK PROVINSI JAWA BARAT": an office named by its acronym (case kept).
static OFFICE_ACRONYM: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"\b(?:LAKIP|LKIP|LKjIP|Laporan\s+Kinerja|LAPORAN\s+KINERJA)\s+([A-Z][A-Z0-9]{2,}(?:\s+[A-Z][A-Za-z0-9]*){0,3}\s+(?:Provinsi|PROVINSI|Prov\.?|PROV\.?|Kabupaten|KABUPATEN|Kab\.|KAB\.|Kota|KOTA)\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?)\s+(?:Tahun|TAHUN|(?:19|20)\d\d)\b")
        .expect("valid regex")
});
static SIGNATURE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\s*([A-Z][A-Za-z .'-]{1,40}?)\s*,\s*(.+)$").expect("valid regex")
});

/// A running header's page number at its end ("… Jawa Barat 9"), and the
/// abbreviations headers use for the region.
static RUNNING_PAGE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"\s+\d{1,3}\s*$").expect("valid regex"));
/// "TA 2016", "T.A. 2016": tahun anggaran.
static BUDGET_YEAR_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"\bT\.?\s?A\.?\s+((?:19|20)\d\d)\b").expect("valid regex")
});
static REGION_ABBREVIATION: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"\b(?i:(prov)|(kab))\.\s*").expect("valid regex"));

/// The office a running header names ("LKIP Tahun 2016 Badan Kesbangpol
/// Prov. Jawa Barat 9", "Laporan Kinerja BKPP Wilayah I Provinsi Jawa Barat
/// Tahun 2016"): the header alone is the report's name and office, so its
/// end closes the office's name.
fn running_office(text: &str) -> Option<String> {
    let text = text.replace('\t', " ");
    let text = RUNNING_PAGE.replace(text.trim(), "");
    let text = BUDGET_YEAR_SHORT.replace_all(&text, "Tahun $1");
    let text = REGION_ABBREVIATION.replace_all(&text, |c: &regex::Captures<'_>| {
        if c.get(1).is_some() {
            "Provinsi ".to_string()
        } else {
            "Kabupaten ".to_string()
        }
    });
    let closed = format!("{} ini", text.trim());
    let titled = format!("{} Tahun", text.trim());
    OFFICE
        .captures(&closed)
        .or_else(|| OFFICE_ACRONYM.captures(&titled))
        .map(|c| title_case(c[1].trim().trim_end_matches(',')))
}

/// The report's metadata from its lines and paragraphs; `running` are the
/// running headers and footers the reader left out, read for the office
/// only when the text itself does not name it.
pub fn find_metadata(
    lines: &[LineRef<'_>],
    paragraphs: &[Paragraph],
    running: &[&str],
) -> Metadata {
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    let mut measured: BTreeMap<i32, usize> = BTreeMap::new();
    let mut offices: BTreeMap<String, usize> = BTreeMap::new();
    for p in paragraphs {
        if crate::limits::out_of_time() {
            break;
        }
        if p.chapter == Chapter::Lampiran {
            continue;
        }
        for c in TITLE_YEAR.captures_iter(&p.text) {
            if let Ok(y) = c[1].parse::<i32>() {
                *years.entry(y).or_default() += 2;
            }
        }
        // A regulation's own budget year ("Peraturan Daerah Nomor 13 Tahun
        // 2012 tentang APBD Tahun Anggaran 2012") is not the report's: the
        // legal basis cites many.
        if !CITED_REGULATION.is_match(&p.text) {
            for c in BUDGET_YEAR.captures_iter(&p.text) {
                if let Ok(y) = c[1].parse::<i32>() {
                    *years.entry(y).or_default() += 1;
                }
            }
        }
        for c in MEASURED_YEAR.captures_iter(&p.text) {
            // "Tahun 2013 – 2018" names a period, not the year measured.
            if c[0].contains(['-', '–']) {
                continue;
            }
            if let Ok(y) = c[1].parse::<i32>() {
                *measured.entry(y).or_default() += 1;
            }
        }
        for c in OFFICE
            .captures_iter(&p.text)
            .chain(OFFICE_ACRONYM.captures_iter(&p.text))
        {
            let name = title_case(c[1].trim().trim_end_matches(','));
            *offices.entry(name).or_default() += 1;
        }
    }
    // A report without a title (one that starts at BAB I) still says which
    // year it measures; that is its year n only when nothing names it better.
    if years.is_empty() {
        years = measured;
    }
    // Ties go to the later year: a report is written after its year ends.
    let year = years
        .iter()
        .max_by_key(|(y, n)| (**n, **y))
        .map(|(y, _)| *y);
    if offices.is_empty() {
        for text in running {
            if let Some(name) = running_office(text) {
                *offices.entry(name).or_default() += 1;
            }
        }
    }
    let office = offices
        .iter()
        .max_by_key(|(name, n)| (**n, std::cmp::Reverse(name.len())))
        .map(|(name, _)| name.clone());
    let signatures = signature_dates(lines);
    let (place, signed) = signatures
        .iter()
        .find(|(i, _)| lines[*i].chapter == Chapter::Bab(4))
        .or(signatures.first())
        .map(|(i, d)| {
            let text = lines[*i].line.text.trim();
            let place = SIGNATURE_DATE
                .captures(text)
                .map(|c| c[1].trim().to_string());
            (place, Some(d.text.clone()))
        })
        .unwrap_or((None, None));
    Metadata {
        office,
        year,
        place,
        signed,
        signatures,
    }
}

/// The report's own signature dates: "Place, [day] Month Year" lines at the end
/// of the Kata Pengantar and of the Penutup (Bab IV), not the dates of the
/// documents attached in the Lampiran.
fn signature_dates(lines: &[LineRef<'_>]) -> Vec<(usize, IndoDate)> {
    let mut out = Vec::new();
    for l in lines {
        if crate::limits::out_of_time() {
            break;
        }
        if !matches!(
            l.chapter,
            Chapter::KataPengantar | Chapter::Bab(4) | Chapter::Bab(5)
        ) {
            continue;
        }
        let text = l.line.text.trim();
        if text.chars().count() > 60 {
            continue;
        }
        let Some(c) = SIGNATURE_DATE.captures(text) else {
            continue;
        };
        let rest = c.get(2).map(|m| m.as_str()).unwrap_or("");
        let dates = find_dates(rest);
        if let Some(mut d) = dates.into_iter().next() {
            // Only a line that is just "Place, date" (the date ends the line).
            if rest[d.end..].trim().is_empty() {
                let offset = c.get(2).map(|m| m.start()).unwrap_or(0)
                    + (l.line.text.len() - l.line.text.trim_start().len());
                d.start += offset;
                d.end += offset;
                out.push((l.index, d));
            }
        }
    }
    out
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(f) => f.to_uppercase().collect::<String>() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::running_office;
    use std::path::Path;

    fn year_of(text: &str) -> Option<i32> {
        let doc = crate::extract::text::read_text_export(Path::new("t.md"), text.as_bytes());
        crate::structure::analyse(&doc).metadata.year
    }

    #[test]
    fn a_report_without_a_title_takes_the_year_it_measures() {
        let text = "# BAB I\n\nPeraturan Daerah Nomor 25 Tahun 2013 tentang RPJMD Tahun 2013 – 2018.\n\n\
                    # BAB II\n\n2.6 Perjanjian Kinerja Tahun 2016\n\n\
                    # BAB III\n\nTabel 3.2 Pengukuran Kinerja 2016\n\n\
                    Secara keseluruhan tingkat capaian kinerja Biro tahun 2016 baik.\n";
        assert_eq!(year_of(text), Some(2016));
    }

    #[test]
    fn the_budget_years_of_cited_regulations_are_not_the_reports() {
        // RSUD Al Ihsan 2016, exported by `mutool draw -F txt`: its title is
        // only in the running header, and its legal basis cites the 2012
        // budget's regulations, each naming "Tahun Anggaran 2012".
        let mut text = String::from(
            "Tujuan disususnnya Laporan Kinerja Instansi Pemerintah (LKIP) Tahun 2016 ini\n\n",
        );
        for n in [23, 13, 14, 1, 46] {
            text.push_str(&format!(
                "{n}.   Peraturan Daerah Provinsi Jawa Barat Nomor {n} Tahun 2011 tentang Anggaran \n\n\
                 Pendapatan dan Belanja Daerah Tahun Anggaran 2012 (Lembaran Daerah Provinsi \n\n\
                 Jawa Barat Tahun 2011 Nomor {n} Seri A);  \n\n"
            ));
        }
        text.push_str("Program dan Kegiatan Tahun Anggaran 2016\n");
        assert_eq!(year_of(&text), Some(2016));
    }

    #[test]
    fn the_title_outweighs_the_years_measured() {
        let text = "# LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2016\n\n\
                    # BAB II\n\nPerjanjian Kinerja Tahun 2017 terlampir.\n\n\
                    Perjanjian Kinerja Tahun 2017 ditandatangani.\n";
        assert_eq!(year_of(text), Some(2016));
    }

    fn office_of(text: &str) -> Option<String> {
        let doc = crate::extract::text::read_text_export(Path::new("t.md"), text.as_bytes());
        crate::structure::analyse(&doc).metadata.office
    }

    #[test]
    fn the_office_after_the_reports_name_in_its_usual_shapes() {
        for (text, office) in [
            (
                "Laporan Kinerja Instansi Pemerintah (LKIP) Dinas Permukiman dan Perumahan Provinsi Jawa Barat Tahun 2016 disusun.",
                "Dinas Permukiman Dan Perumahan Provinsi Jawa Barat",
            ),
            (
                "Laporan Akuntabilitas Kinerja Instansi Pemerintah (LAKIP) Biro Humas, Protokol dan Umum Tahun 2016.",
                "Biro Humas, Protokol Dan Umum",
            ),
            (
                "LKIP Tahun 2016 Badan Kesbangpol Provinsi Jawa Barat ini disusun.",
                "Badan Kesbangpol Provinsi Jawa Barat",
            ),
            (
                "Laporan Kinerja BKPP Wilayah I Provinsi Jawa Barat Tahun 2016 memuat capaian.",
                "Bkpp Wilayah I Provinsi Jawa Barat",
            ),
        ] {
            assert_eq!(office_of(text).as_deref(), Some(office), "{text}");
        }
        assert_eq!(
            office_of("Laporan kinerja disusun sebagai pertanggungjawaban."),
            None
        );
    }

    #[test]
    fn the_office_of_a_running_header() {
        for (header, office) in [
            (
                "LKIP Tahun 2016 Badan\tKesbangpol Prov. Jawa Barat\t9",
                Some("Badan Kesbangpol Provinsi Jawa Barat"),
            ),
            (
                "Laporan Kinerja BKPP Wilayah I Provinsi Jawa Barat Tahun 2016",
                Some("Bkpp Wilayah I Provinsi Jawa Barat"),
            ),
            (
                "LKIP BPLHD Provinsi Jawa Barat\t2016",
                Some("Bplhd Provinsi Jawa Barat"),
            ),
            (
                "LKIP RSUD Al Ihsan Provinsi Jawa Barat TA 2016\t9",
                Some("Rsud Al Ihsan Provinsi Jawa Barat"),
            ),
            ("Page 9", None),
            ("L K I P R S J P r o v J A B A R", None),
            ("Laporan Kinerja Instansi Pemerintah Tahun 2016", None),
        ] {
            assert_eq!(running_office(header).as_deref(), office, "{header}");
        }
    }

    #[test]
    fn a_period_is_not_a_year_measured() {
        let text = "# BAB II\n\nPengukuran kinerja Tahun 2013 – 2018 mengacu pada RPJMD.\n";
        assert_eq!(year_of(text), None);
    }
}
