//! Structure: what an LKjIP is made of — chapters, paragraphs, tables, and the
//! report's metadata (office, report year n, place and date of signing).

pub mod charts;
pub mod metadata;
pub mod roles;
pub mod sections;
pub mod tables;
pub mod view;

pub use charts::Chart;
pub use metadata::Metadata;
pub use sections::Chapter;
pub use tables::{Cell, Row, RowKind, Table};

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::{CellMode, Document, Line};
use crate::location::Location;

/// A line with its page and chapter.
#[derive(Debug, Clone, Copy)]
pub struct LineRef<'d> {
    pub page: u32,
    pub line: &'d Line,
    pub chapter: Chapter,
    /// Position in the report's line list.
    pub index: usize,
}

impl LineRef<'_> {
    /// Running text, not a row of table cells: what sentence-level checks read.
    pub fn is_prose(&self) -> bool {
        self.line.cells == CellMode::Flow
    }
}

/// Running text joined over wrapped lines, with a map back to the lines.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    /// (byte offset in `text`, index of the line in the report's line list).
    pub pieces: Vec<(usize, usize)>,
    pub chapter: Chapter,
}

impl Paragraph {
    /// The line (index into the report's lines) holding byte `offset` of the text.
    pub fn line_at(&self, offset: usize) -> usize {
        // Pieces are in increasing offset: a binary search keeps a long paragraph linear.
        let after = self.pieces.partition_point(|(start, _)| *start <= offset);
        self.pieces
            .get(after.saturating_sub(1))
            .map(|(_, i)| *i)
            .unwrap_or(0)
    }

    /// Byte offset in the paragraph where line `line_index` starts.
    pub fn line_start(&self, line_index: usize) -> usize {
        // Pieces are in increasing line index too.
        let at = self.pieces.partition_point(|(_, i)| *i < line_index);
        match self.pieces.get(at) {
            Some((o, i)) if *i == line_index => *o,
            _ => 0,
        }
    }
}

/// A document with its structure found.
#[derive(Debug)]
pub struct Report<'d> {
    pub doc: &'d Document,
    pub lines: Vec<LineRef<'d>>,
    pub paragraphs: Vec<Paragraph>,
    pub tables: Vec<Table>,
    /// Charts whose data are in the text layer, each in one of `tables`.
    pub charts: Vec<Chart>,
    pub metadata: Metadata,
}

/// A document's running lines the reader left out, each with its page.
fn running_lines(doc: &Document) -> impl Iterator<Item = (u32, &str)> {
    doc.dropped
        .iter()
        .filter(|d| d.reason == crate::extract::DropReason::Running)
        .map(|d| (d.page, d.text.as_str()))
}

impl<'d> Report<'d> {
    /// The running headers, footers and page numbers the reader left out,
    /// each with its page.
    pub fn running_lines(&self) -> impl Iterator<Item = (u32, &str)> {
        running_lines(self.doc)
    }

    /// True when the text reads like a performance report rather than any document.
    pub fn looks_like_lkjip(&self) -> bool {
        let chapters: std::collections::BTreeSet<Chapter> =
            self.lines.iter().map(|l| l.chapter).collect();
        let babs = chapters
            .iter()
            .filter(|c| matches!(c, Chapter::Bab(_)))
            .count();
        let title = self.paragraphs.iter().any(|p| {
            let t = p.text.to_lowercase();
            t.contains("laporan kinerja")
                || t.contains("lakip")
                || t.contains("lkjip")
                || t.contains("akuntabilitas kinerja")
        });
        let capaian = self
            .lines
            .iter()
            .any(|l| l.line.text.to_lowercase().contains("capaian"));
        (babs >= 2 && (title || capaian)) || (title && capaian)
    }

    /// Where line `index` is; a report with no lines (an empty export) places
    /// document-level findings at line 0.
    pub fn location(&self, file: &str, index: usize) -> Location {
        let last = self.lines.len().saturating_sub(1);
        match self.lines.get(index.min(last)) {
            Some(l) => Location {
                file: file.to_string(),
                page: self.doc.paged.then_some(l.page),
                line: l.line.number,
            },
            None => Location {
                file: file.to_string(),
                page: None,
                line: 0,
            },
        }
    }

    /// Index in `lines` of the line at (page, line number).
    pub fn index_of(&self, page: u32, line: u32) -> Option<usize> {
        // Lines are in (page, line number) order, so a binary search finds the
        // first one; checks call this per table row, and a scan per call made
        // them quadratic in the report's length. The scan stays as a fallback.
        let at = self
            .lines
            .partition_point(|l| (l.page, l.line.number) < (page, line));
        match self.lines.get(at) {
            Some(l) if l.page == page && l.line.number == line => Some(at),
            _ => self
                .lines
                .iter()
                .position(|l| l.page == page && l.line.number == line),
        }
    }

    pub fn chapter_present(&self, chapter: Chapter) -> bool {
        self.lines.iter().any(|l| l.chapter == chapter)
    }
}

/// Finds chapters, paragraphs, tables and metadata.
pub fn analyse(doc: &Document) -> Report<'_> {
    let flat: Vec<(u32, &Line)> = doc
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().map(move |l| (p.number, l)))
        .collect();
    let just_lines: Vec<&Line> = flat.iter().map(|(_, l)| *l).collect();
    let chapters = sections::assign_chapters(&just_lines);
    let lines: Vec<LineRef<'_>> = flat
        .iter()
        .zip(chapters)
        .enumerate()
        .map(|(index, ((page, line), chapter))| LineRef {
            page: *page,
            line,
            chapter,
            index,
        })
        .collect();
    let paragraphs = join_split_sentences(build_paragraphs(&lines), &lines);
    let mut tables = tables::find_tables(doc, &lines);
    let charts = charts::find_charts(&tables, &lines);
    for chart in &charts {
        // A chart's data read as a grid is no table of figures the table checks know.
        if let Some(t) = tables.get_mut(chart.table)
            && t.kind == roles::TableKind::Other
        {
            t.kind = roles::TableKind::Chart;
        }
    }
    let running: Vec<&str> = running_lines(doc).map(|(_, text)| text).collect();
    let metadata = metadata::find_metadata(&lines, &paragraphs, &running);
    Report {
        doc,
        lines,
        paragraphs,
        tables,
        charts,
        metadata,
    }
}

/// A paragraph that starts like a heading, caption or numbered item.
static HEADING_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^\s*(?:tabel\s|gambar\s|grafik\s|bab\s|\d+(?:\.\d+)*[.)]?\s|[a-z][.)]\s|[ivx]+\.\s)",
    )
    .expect("valid regex")
});

/// Joins again the paragraphs a blank line split mid-sentence: a PDF set with
/// wide line spacing (Word's 1.5 lines) reads as one paragraph per line, and a
/// sentence over two lines would be two. Two paragraphs are joined when only
/// one or two blank lines separate them, they are in the same chapter, the
/// first does not end a sentence and ends in a line as long as wrapped prose
/// (or the second starts in lower case), and the second does not start like a heading.
fn join_split_sentences(paragraphs: Vec<Paragraph>, lines: &[LineRef<'_>]) -> Vec<Paragraph> {
    // A wrapped line of running text is about as long as the report's usual
    // prose line; a short one not ending a sentence is rather a label or a
    // source note ("Sumber Data: Renstra 2016 - 2021") and runs on only into
    // words that cannot start a sentence.
    let mut lengths: Vec<usize> = lines
        .iter()
        .filter(|l| l.is_prose() && !l.line.is_blank())
        .map(|l| l.line.text.trim().chars().count())
        .collect();
    lengths.sort_unstable();
    let usual = lengths.get(lengths.len() * 3 / 4).copied().unwrap_or(0);
    let mut out: Vec<Paragraph> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        let first_line = p.pieces.first().map_or(0, |(_, i)| *i);
        if let Some(prev) = out.last_mut() {
            let last_line = prev.pieces.last().map_or(0, |(_, i)| *i);
            let only_blank_between = first_line > last_line
                && lines
                    .get(last_line + 1..first_line)
                    .is_some_and(|between| between.iter().all(|l| l.line.is_blank()));
            let open = !prev.text.trim_end().ends_with(crate::extract::SENTENCE_END)
                || ends_with_abbreviation(&prev.text);
            let wrapped = lines
                .get(last_line)
                .is_some_and(|l| l.line.text.trim().chars().count() * 10 >= usual * 7);
            let runs_on = p
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
                || p.text.starts_with("Rp");
            if prev.chapter == p.chapter
                && (wrapped || runs_on)
                && only_blank_between
                && open
                && (!HEADING_START.is_match(&p.text) || figure_runs_on(&prev.text, &p.text))
                && first_line - last_line <= 3
            {
                prev.text.push(' ');
                let base = prev.text.len();
                prev.pieces
                    .extend(p.pieces.iter().map(|(o, i)| (o + base, *i)));
                prev.text.push_str(&p.text);
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// "… yang terealisasi sebanyak" + "1 dokumen dari target …": a line
/// starting with a number and its unit in lower case, after a word that
/// introduces a figure, is the figure the sentence goes on with, not a
/// numbered item (those have a marker or a capitalised title). So is a year
/// after "tahun" ("… misi IV pada Tahun" + "2016 mencapai 127,13% …").
fn figure_runs_on(prev: &str, next: &str) -> bool {
    static INTRODUCES: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(
            r"(?i)\b(?:sebanyak|sebesar|senilai|mencapai|target|realisasi|terealisasi)$",
        )
        .expect("valid regex")
    });
    static TAHUN: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"(?i)\btahun$").expect("valid regex"));
    static YEAR_RUNS_ON: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"^(?:19|20)\d\d\s+\p{Ll}").expect("valid regex"));
    if TAHUN.is_match(prev.trim_end()) && YEAR_RUNS_ON.is_match(next) {
        return true;
    }
    static FIGURE_AND_UNIT: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"^\d+(?:[.,]\d+)*\s+\p{Ll}").expect("valid regex")
    });
    INTRODUCES.is_match(prev.trim_end()) && FIGURE_AND_UNIT.is_match(next)
}

/// Abbreviations whose full stop ends no sentence: "sebesar Rp." at the end
/// of a line goes on with its figure on the next.
const ABBREVIATIONS: [&str; 11] = [
    "rp", "no", "kab", "kec", "prov", "jl", "hal", "dr", "drs", "ir", "hj",
];

/// The run of letters `text` ends with ("sebesar Rp" → "Rp"; "" after a
/// space or a figure).
pub fn trailing_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

fn ends_with_abbreviation(text: &str) -> bool {
    let Some(before_stop) = text.trim_end().strip_suffix('.') else {
        return false;
    };
    let word = trailing_word(before_stop);
    let preceded_by_letter_or_dot = before_stop[..before_stop.len() - word.len()]
        .chars()
        .next_back()
        .is_some_and(|c| c == '.' || c.is_alphanumeric());
    !preceded_by_letter_or_dot && ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

fn starts_list_item(text: &str) -> bool {
    let t = text.trim_start_matches(['-', '*', '•', '➤', '>', ' ']);
    let mut chars = t.chars();
    let first = chars.next();
    match first {
        Some(c) if c.is_ascii_digit() || c.is_ascii_lowercase() || c == '(' => {
            let head: String = t.chars().take(5).collect();
            // "1.567.096 yang …" (a wrapped line starting with a figure) is no list item.
            let after_mark = t
                .find(['.', ')'])
                .filter(|&i| i < head.len())
                .and_then(|i| t.get(i + 1..))
                .and_then(|rest| rest.chars().next());
            (head.contains('.') || head.contains(')'))
                && !after_mark.is_some_and(|c| c.is_ascii_digit())
        }
        _ => text.trim_start().starts_with(['-', '•', '➤']),
    }
}

/// Joins wrapped lines into paragraphs: a paragraph ends at a blank line, a
/// heading, a table row, a list item or a table caption.
fn build_paragraphs(lines: &[LineRef<'_>]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    for l in lines {
        // Out of time: stop here; the file is reported as not fully audited.
        if crate::limits::out_of_time() {
            break;
        }
        let flow = l.line.cells == CellMode::Flow && !l.line.is_blank();
        let breaks_before = l.line.heading.is_some()
            || starts_list_item(&l.line.text)
            || l.line
                .text
                .trim_start()
                .to_lowercase()
                .starts_with("tabel ")
            || sections::chapter_heading(l.line).is_some();
        if (!flow || breaks_before)
            && let Some(p) = current.take()
        {
            out.push(p);
        }
        if !flow {
            continue;
        }
        let text = l.line.text.trim();
        match current.as_mut() {
            Some(p) if p.chapter == l.chapter => {
                // A hyphen at the end of a wrapped line joins the word.
                if p.text.ends_with('-') && !p.text.ends_with(" -") {
                    p.text.pop();
                } else {
                    p.text.push(' ');
                }
                p.pieces.push((p.text.len(), l.index));
                p.text.push_str(text);
            }
            _ => {
                if let Some(p) = current.take() {
                    out.push(p);
                }
                current = Some(Paragraph {
                    text: text.to_string(),
                    pieces: vec![(0, l.index)],
                    chapter: l.chapter,
                });
            }
        }
        if (l.line.heading.is_some() || sections::chapter_heading(l.line).is_some())
            && let Some(p) = current.take()
        {
            out.push(p);
        }
    }
    if let Some(p) = current {
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn paragraphs(text: &str) -> Vec<String> {
        let doc = crate::extract::text::read_text_export(Path::new("t.txt"), text.as_bytes());
        super::analyse(&doc)
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    /// RSUD Al Ihsan 2016 p1 as `mutool draw -F txt` writes it: a blank
    /// line between every two lines, joined again where no sentence ends
    /// (`join_split_sentences`); a justified line among them is text
    /// (`extract::blocks`' `justified_line`).
    const DOUBLE_SPACED: &str = "Dalam  rangka  mendukung pemerintahan yang good governance maka Rumah Sakit \n\n\
        Umum Daerah Al Ihsan Provinsi Jawa Barat membuat suatu Laporan Kinerja Instansi \n\n\
        Pemerintah (LKIP) sesuai dengan perkembangan  tugas dan fungsi  Rumah Sakit Umum \n\n\
        Daerah Al Ihsan  dalam melaksanakan pelayanan kesehatan kepada masyarakat. Rumah \n\n\
        Sakit Umum Daerah  Al Ihsan ditetapkan melalui PERDA No.17 tahun 2014 Tentang Struktur \n\n\
        Organisasi dan Tata Kerja Rumah Sakit Daerah Provinsi Jawa Barat. Selanjutnya dalam \n\n\
        upaya meningkatkan pelayanan kesehatan yang didasarkan kepada prinsip efisiensi dan \n\n\
        produktifitas maka terhadap Rumah Sakit Umum Daerah Al  Ihsan Pemerintah Provinsi Jawa \n\n\
        Barat melalui Keputusan Gubernur Jawa Barat Nomor : 900/Kep.921-Keu/2009 menetapkan \n\n\
        Pola Pengelolaan Keuangan Badan Layanan Umum Daerah.                                      \n\n\
        Rumah Sakit Umum Daerah  Al Ihsan diselenggarakan dengan tujuan utama \n\n\
        memberikan pelayanan kesehatan dalam bentuk asuhan keperawatan, tindakan medis dan \n\n\
        diagnostik serta upaya preventif, kuratif, rehabilitatif, promotif serta penelitian dan \n\n\
        untuk memenuhi kebutuhan pasien dengan memperhatikan norma-norma agama Islam. \n\n\
        Direktur Rumah Sakit Umum Daerah Al Ihsan  Provinsi Jawa Barat sebagai Pengguna \n\n\
        Anggaran dari setiap Program dan Kegiatan yang diusulkan merupakan strategi untuk \n\n\
        mempertanggung jawabkan yang tepat, jelas dan nyata sehingga setiap dana yang \n\n\
        dikeluarkan diperlukan Laporan yang menyangkut masalah sasaran yang dicapai sesuai \n\n\
        dengan yang tertera dalam Rencana Kerja  (Renja). \n\n\
        Laporan Kinerja Instansi Pemerintah (LKIP) merupakan salah satu cara yang terbaik \n\n\
        untuk mengukur sejauh mana kinerja Rumah Sakit Umum Daerah Al Ihsan Provinsi Jawa \n\n\
        Barat dalam menyelenggarakan kegiatannya, sehingga Visi dan Misi yang ditetapkan bisa \n";

    #[test]
    fn a_double_spaced_exports_lines_join_into_paragraphs_ended_by_sentences() {
        let paragraphs = paragraphs(DOUBLE_SPACED);
        let starting = |start: &str| {
            paragraphs
                .iter()
                .find(|p| p.starts_with(start))
                .unwrap_or_else(|| panic!("{start}: {paragraphs:#?}"))
        };
        // Its third line, justified with wide gaps ("perkembangan  tugas"),
        // is the paragraph's too, not a row of cells.
        let first = starting("Dalam rangka mendukung");
        assert!(first.contains("Rumah Sakit Umum Daerah Al Ihsan Provinsi Jawa Barat membuat"));
        assert!(first.contains("(LKIP) sesuai dengan perkembangan tugas dan fungsi Rumah Sakit"));
        assert!(first.ends_with("Badan Layanan Umum Daerah."));
        assert!(
            starting("Rumah Sakit Umum Daerah Al Ihsan diselenggarakan")
                .ends_with("norma-norma agama Islam.")
        );
        assert!(
            starting("Laporan Kinerja Instansi Pemerintah (LKIP) merupakan")
                .contains("sejauh mana kinerja Rumah Sakit")
        );
    }

    const LONG: &str =
        "Anggaran 2016 sebesar 79,98 persen. Realisasi Pendapatan-LRA tersebut belum";

    #[test]
    fn a_sentence_wrapped_over_double_spaced_lines_is_one_paragraph() {
        let text = format!(
            "{LONG}\n\nmencapai 100 persen dari target penerimaan, hal ini disebabkan karena tunggakan.\n\nParagraf berikutnya dimulai di sini dan cukup panjang untuk baris penuh.\n"
        );
        let found = paragraphs(&text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].contains("belum mencapai 100 persen"), "{found:#?}");
    }

    #[test]
    fn a_line_ending_in_rp_runs_on_into_its_figure() {
        let found = paragraphs(
            "Pada awal tahun 2025, kantor ini mendapatkan alokasi anggaran sebesar Rp.\n\n10.043.553.000,- namun selama tahun 2025 berjalan terdapat 11 kali revisi.\n\nParagraf berikutnya dimulai di sini dan cukup panjang untuk baris penuh.\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].contains("sebesar Rp. 10.043.553.000,-"),
            "{found:#?}"
        );
        assert!(super::ends_with_abbreviation("sebesar Rp."));
        assert!(!super::ends_with_abbreviation("nilai ini sangat baik."));
        assert!(!super::ends_with_abbreviation("sebesar 100 %."));
        // "a.n." and "s.d." are no "n." or "d.".
        assert!(!super::ends_with_abbreviation("hal. 3 s.d."));
    }

    #[test]
    fn a_short_label_does_not_run_into_the_next_sentence() {
        let text = format!(
            "{LONG} mencapai.\n\nSumber Data: Renstra Tahun 2016 - 2021\n\nDari tabel diatas rata-rata capaian sasaran sebesar 74,61 %, sehingga berhasil.\n"
        );
        let found = paragraphs(&text);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[2].starts_with("Dari tabel"), "{found:#?}");
    }

    #[test]
    fn a_heading_after_an_open_line_starts_its_own_paragraph() {
        let text = format!(
            "{LONG}\n\n3.2 Realisasi Anggaran dan capaian kinerja tahun 2016 yang panjang\n"
        );
        assert_eq!(paragraphs(&text).len(), 2);
    }

    #[test]
    fn a_figure_and_its_unit_after_sebanyak_run_on() {
        let text = "Ketercapaian sasaran strategis tersebut merupakan hasil pengukuran dari capaian indikator kinerja jumlah kajian yang terealiasi sebanyak\n\n1 dokumen dari target sebanyak 1 dokumen. Selain itu terukur dari indikator lain.\n";
        let found = paragraphs(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        // A numbered item after an open line still starts its own paragraph.
        let list =
            format!("{LONG}\n\n1 Pendahuluan yang cukup panjang untuk baris penuh di sini\n");
        assert_eq!(paragraphs(&list).len(), 2);
        assert!(!super::figure_runs_on("dengan hasil sebagai", "1 dokumen"));
        assert!(!super::figure_runs_on("sebanyak", "1. dokumen"));
        // A year after "tahun" goes on with the sentence.
        let year = "Misi IV : Meningkatkan Kinerja Penyelenggaraan Pemerintahan berdasarkan Prinsip Good Governance. Ketercapaian misi IV pada Tahun\n\n2016 mencapai 127,13% atau terkategori sangat baik.\n";
        assert_eq!(paragraphs(year).len(), 1);
        assert!(!super::figure_runs_on("pada tahun", "2016 Pendahuluan"));
        assert!(!super::figure_runs_on("pada tahun", "12 bulan"));
    }
}
