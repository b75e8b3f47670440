//! Checks on a report's table of contents.
//!
//! `toc_page_order`: the page numbers of a table of contents (Daftar Isi,
//! Daftar Tabel, Daftar Gambar …) run forward. A list copied from last
//! year's report and only partly updated shows an entry whose page comes
//! before the page of the entry above it ("BAB IV PENUTUP …… 57",
//! "LAMPIRAN …… 51").
//!
//! Only entries with a leader ("……", "....") before their page are read, so
//! that a wrapped title ending in a year is never taken for a page. Roman
//! page numbers (the front matter) are left out, and a list whose numbering
//! starts again at 1 (an appendix numbered on its own) is not judged past
//! that point. Of a decrease, the entry out of line is reported: a page
//! lower than both neighbours' (a dip), else a page higher than both (a
//! spike), else the second entry of the pair.
//!
//! `toc_heading_number`: a section the table of contents lists as "1.4
//! Organisasi" has that number where its heading stands in the text; a
//! heading renumbered by a copy ("1.2 Organisasi" after "1.2 Landasan
//! Hukum") is found against the table of contents. Titles are matched by
//! their first words; a title the table of contents lists twice is not
//! judged.

use serde::Deserialize;

use super::common::{Context, Pattern};
use super::{Check, Draft, Sink, Why};
use crate::findings::Localized;

/// How a table of contents is read: `[rule.params.toc]` of the rules on it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TocReading {
    /// The heading a list starts with ("DAFTAR ISI", "DAFTAR TABEL").
    list: Pattern,
    /// An entry: its `title`, a leader, then its `page` (digits, or a
    /// chapter-prefixed "III-14").
    entry: Pattern,
    /// An entry of a list of tables, figures or appendices ("Tabel 2. 1 …",
    /// "Gambar I. 1 …"): its first group names the list. Such entries run
    /// in their own order, apart from the chapters' and the other lists'.
    caption: Pattern,
    /// Lines without an entry after which a list has ended.
    #[serde(default = "six")]
    max_gap: usize,
}

fn six() -> usize {
    6
}

impl TocReading {
    fn validate(&self) -> Result<(), String> {
        for group in ["title", "page"] {
            if !self.entry.0.capture_names().any(|n| n == Some(group)) {
                return Err(format!("entry needs a group named {group}"));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TocPageOrderParams {
    toc: TocReading,
}

#[derive(Debug)]
pub struct TocPageOrder {
    toc: TocReading,
}

impl TocPageOrder {
    pub fn new(p: TocPageOrderParams) -> Result<Self, String> {
        p.toc.validate()?;
        Ok(TocPageOrder { toc: p.toc })
    }
}

const WHY_RESTARTS: Why = Why {
    en: "the list's page numbering starts again at 1 (numbered on its own)",
    id: "penomoran halaman daftar mulai lagi dari 1 (dinomori tersendiri)",
};

/// One entry of a list: its line, title and page as a sortable key
/// (chapter, page); the chapter is 0 for plain page numbers.
#[derive(Debug, Clone)]
struct Entry {
    /// The list it belongs to: "" for chapters and sections, else the
    /// caption word ("tabel", "gambar").
    kind: String,
    line: usize,
    title: String,
    shown: String,
    page: (u32, u32),
}

/// A page number as printed: "57", or "III-14" (chapter III, its page 14).
/// Roman front-matter pages ("iv") are None.
fn page_key(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    if let Some((chapter, page)) = text.split_once(['-', '–']) {
        let chapter = crate::structure::sections::parse_roman(chapter.trim())
            .or_else(|| chapter.trim().parse().ok())?;
        return Some((chapter, page.trim().parse().ok()?));
    }
    Some((0, text.parse().ok()?))
}

/// For each decrease in `pages`, the entry out of line and the neighbour it
/// is measured against.
fn out_of_order(pages: &[(u32, u32)]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 1;
    while i < pages.len() {
        if pages[i] >= pages[i - 1] {
            i += 1;
            continue;
        }
        let before = i.checked_sub(2).map(|k| pages[k]);
        let after = pages.get(i + 1).copied();
        let spike = before.is_none_or(|b| b <= pages[i]) && after.is_some_and(|a| a >= pages[i]);
        let dip = after.is_some_and(|a| a >= pages[i - 1]);
        if spike && !dip {
            found.push((i - 1, i));
        } else {
            found.push((i, i - 1));
        }
        i += 1;
    }
    found
}

impl TocReading {
    /// The caption word an entry's text starts with, if it is one.
    fn caption_kind(&self, text: &str) -> Option<String> {
        let c = self.caption.0.captures(text)?;
        Some(c.get(1)?.as_str().to_lowercase())
    }

    /// The lists of entries the report's tables of contents hold, each in
    /// order: per heading ("DAFTAR ISI"), its chapters' entries and each
    /// kind of caption's entries apart.
    fn lists(&self, ctx: &Context<'_, '_>) -> Vec<Vec<Entry>> {
        let mut headed: Vec<Vec<Entry>> = Vec::new();
        // Lines since the list's heading or its last entry; None: no list open.
        let mut gap: Option<usize> = None;
        // The caption a title wrapped onto the entry's line starts with.
        let mut pending: Option<String> = None;
        for l in &ctx.report.lines {
            let text = l.line.text.as_str();
            // Outside a list only its heading matters (most of a report).
            if gap.is_none() {
                if self.list.0.is_match(text) {
                    headed.push(Vec::new());
                    gap = Some(0);
                    pending = None;
                }
                continue;
            }
            if let Some(c) = self.entry.0.captures(text) {
                let (Some(title), Some(page)) = (c.name("title"), c.name("page")) else {
                    continue;
                };
                gap = Some(0);
                let kind = self
                    .caption_kind(text)
                    .or_else(|| pending.take())
                    .unwrap_or_default();
                pending = None;
                let Some(key) = page_key(page.as_str()) else {
                    continue;
                };
                if let Some(list) = headed.last_mut() {
                    list.push(Entry {
                        kind,
                        line: l.index,
                        title: title
                            .as_str()
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        shown: page.as_str().trim().to_string(),
                        page: key,
                    });
                }
                continue;
            }
            if self.list.0.is_match(text) {
                headed.push(Vec::new());
                gap = Some(0);
                pending = None;
                continue;
            }
            if let Some(g) = gap.as_mut()
                && !text.trim().is_empty()
            {
                pending = self.caption_kind(text).or(pending);
                *g += 1;
                if *g > self.max_gap {
                    gap = None;
                }
            }
        }
        // Pages numbered by chapter ("III-14") and plain ones ("58") are two
        // numberings: each runs in its own order.
        let group = |e: &Entry| (e.kind.clone(), e.page.0 > 0);
        let mut lists = Vec::new();
        for entries in headed {
            let mut groups: Vec<(String, bool)> = entries.iter().map(group).collect();
            groups.sort();
            groups.dedup();
            for g in groups {
                lists.push(entries.iter().filter(|e| group(e) == g).cloned().collect());
            }
        }
        lists
    }
}

impl Check for TocPageOrder {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for mut list in self.toc.lists(ctx) {
            // An appendix numbered on its own: judged up to where it restarts.
            if let Some(at) = (1..list.len()).find(|&i| {
                list[i].page.1 == 1 && list[i].page.0 == 0 && list[i - 1].page > list[i].page
            }) {
                out.skip(WHY_RESTARTS);
                list.truncate(at);
            }
            let pages: Vec<(u32, u32)> = list.iter().map(|e| e.page).collect();
            let found = out_of_order(&pages);
            for _ in 0..list.len().saturating_sub(1 + found.len()) {
                out.agree();
            }
            for (at, other) in found {
                let (e, o) = (&list[at], &list[other]);
                let later = at > other;
                let expected = if later {
                    format!("≥ {}", o.shown)
                } else {
                    format!("≤ {}", o.shown)
                };
                let highlight = ctx.report.lines.get(e.line).and_then(|l| {
                    l.line
                        .text
                        .rfind(e.shown.as_str())
                        .map(|a| (a, a + e.shown.len()))
                });
                let (id_order, en_order) = if later {
                    ("sesudah", "after")
                } else {
                    ("sebelum", "before")
                };
                out.push(Draft {
                    line: e.line,
                    stated: format!("{} … {}", e.title, e.shown),
                    expected,
                    computation: Localized::new(
                        format!(
                            "entri ini tercantum {id_order} \"{} … {}\", jadi halamannya {} {}",
                            o.title,
                            o.shown,
                            if later {
                                "tidak kurang dari"
                            } else {
                                "tidak lebih dari"
                            },
                            o.shown
                        ),
                        format!(
                            "the entry is listed {en_order} \"{} … {}\", so its page is {} {}",
                            o.title,
                            o.shown,
                            if later { "not below" } else { "not above" },
                            o.shown
                        ),
                    ),
                    related: vec![o.line],
                    highlight,
                    ..Default::default()
                });
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TocHeadingParams {
    toc: TocReading,
    /// A numbered entry's title: its `number` and its `title`.
    numbered: Pattern,
    /// A numbered heading alone on its line in the text: its `number` and
    /// `title`.
    heading: Pattern,
    /// How many of a title's first words identify it.
    #[serde(default = "four")]
    title_words: usize,
}

fn four() -> usize {
    4
}

#[derive(Debug)]
pub struct TocHeadingNumber {
    p: TocHeadingParams,
}

impl TocHeadingNumber {
    pub fn new(p: TocHeadingParams) -> Result<Self, String> {
        p.toc.validate()?;
        for pattern in [&p.numbered, &p.heading] {
            for group in ["number", "title"] {
                if !pattern.0.capture_names().any(|n| n == Some(group)) {
                    return Err(format!("numbered and heading need a group named {group}"));
                }
            }
        }
        Ok(TocHeadingNumber { p })
    }

    /// A title's first words, lower case, letters and digits only.
    fn title_key(&self, title: &str) -> String {
        title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(self.p.title_words)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }
}

const WHY_LISTED_TWICE: Why = Why {
    en: "the table of contents lists two sections of this title",
    id: "daftar isi memuat dua bagian berjudul ini",
};

impl Check for TocHeadingNumber {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let lists = self.p.toc.lists(ctx);
        let Some(toc_end) = lists.iter().flatten().map(|e| e.line).max() else {
            return;
        };
        // Title key → the numbers listed for it, with the entry's line.
        let mut listed: std::collections::HashMap<String, Vec<(String, usize)>> =
            Default::default();
        for e in lists.iter().flatten().filter(|e| e.kind.is_empty()) {
            let Some(c) = self.p.numbered.0.captures(&e.title) else {
                continue;
            };
            let (Some(number), Some(title)) = (c.name("number"), c.name("title")) else {
                continue;
            };
            let key = self.title_key(title.as_str());
            // A one-word title is known by a word of some length ("Organisasi").
            if key.contains(' ') || key.chars().count() >= 6 {
                listed
                    .entry(key)
                    .or_default()
                    .push((number.as_str().to_string(), e.line));
            }
        }
        // (title key, number) of the headings judged: a repeated heading once.
        let mut judged: std::collections::HashSet<(String, String)> = Default::default();
        for l in ctx.report.lines.iter().filter(|l| l.index > toc_end) {
            let text = l.line.text.as_str();
            let Some(c) = self.p.heading.0.captures(text) else {
                continue;
            };
            if self.p.toc.entry.0.is_match(text) {
                continue;
            }
            let (Some(number), Some(title)) = (c.name("number"), c.name("title")) else {
                continue;
            };
            let key = self.title_key(title.as_str());
            let Some(entries) = listed.get(&key) else {
                continue;
            };
            if !judged.insert((key, number.as_str().to_string())) {
                continue;
            }
            let [(listed_number, entry_line)] = entries.as_slice() else {
                out.skip(WHY_LISTED_TWICE);
                continue;
            };
            let number = number.as_str();
            if number == listed_number {
                out.agree();
                continue;
            }
            let title = title
                .as_str()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Draft {
                line: l.index,
                stated: format!("{number} {title}"),
                expected: format!("{listed_number} {title}"),
                computation: Localized::new(
                    format!(
                        "daftar isi mencantumkan bagian ini sebagai \"{listed_number} {title}\""
                    ),
                    format!(
                        "the table of contents lists this section as \"{listed_number} {title}\""
                    ),
                ),
                related: vec![*entry_line],
                highlight: text.find(number).map(|a| (a, a + number.len())),
                ..Default::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::checks::testing::{findings, run_default};

    #[test]
    fn a_dip_a_spike_and_a_last_entry_out_of_line() {
        let p = |v: &[u32]| v.iter().map(|&n| (0, n)).collect::<Vec<_>>();
        assert_eq!(out_of_order(&p(&[8, 16, 22, 57, 51])), vec![(4, 3)]);
        assert_eq!(out_of_order(&p(&[10, 12, 3, 14, 15])), vec![(2, 1)]);
        assert_eq!(out_of_order(&p(&[10, 50, 12, 14])), vec![(1, 2)]);
        assert_eq!(out_of_order(&p(&[1, 2, 2, 5, 9])), vec![]);
        assert_eq!(page_key("III-14"), Some((3, 14)));
        assert_eq!(page_key("iv"), None);
    }

    const TOC: &str = "\
DAFTAR ISI
                                                              Halaman
KATA PENGANTAR ................................................ ii
DAFTAR ISI .................................................... iv
RINGKASAN EKSEKUTIF ........................................... 6
BAB I PENDAHULUAN ............................................. 8
BAB II PERENCANAAN KINERJA .................................... 16
3.2 Perbandingan Target dan Realisasi Kinerja Tahun 2020 sampai dengan Tahun
2024 .......................................................... 24
BAB III AKUNTABILITAS KINERJA ................................. 25
BAB IV PENUTUP ................................................ 57
LAMPIRAN ...................................................... 51

BAB I
PENDAHULUAN
Laporan Kinerja Tahun 2024 disusun sesuai ketentuan.
";

    #[test]
    fn an_entry_whose_page_comes_before_the_page_above_it_is_found() {
        let found = findings("toc-page-order", TOC);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].stated, "LAMPIRAN … 51");
        assert_eq!(found[0].expected, "≥ 57");
        let fixed = TOC.replace(
            "LAMPIRAN ...................................................... 51",
            "LAMPIRAN ...................................................... 61",
        );
        assert!(findings("toc-page-order", &fixed).is_empty());
    }

    /// "Tabel I.1 … 10" after "4.3 … 32": the list of tables runs in its own
    /// order, also when its title wraps onto the entry's line.
    #[test]
    fn lists_of_tables_and_figures_run_apart_from_the_chapters() {
        let text = TOC.replace(
            "LAMPIRAN ...................................................... 51",
            "LAMPIRAN ...................................................... 58\n\
             Tabel I.1 Data PNSD pada Biro Administrasi Pembangunan\n\
             Berdasarkan Jenis Kelamin ..................................... 10\n\
             Tabel II.1 Rencana Kinerja .................................... 17\n\
             Gambar I. 1 Struktur Organisasi ............................... I-3\n\
             Gambar III. 2 Capaian ........................................ III-25",
        );
        let found = findings("toc-page-order", &text);
        assert!(found.is_empty(), "{found:?}");
        let text = text.replace("17\n", "7\n");
        let found = findings("toc-page-order", &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].stated, "Tabel II.1 Rencana Kinerja … 7");
    }

    const NUMBERED: &str = "\
DAFTAR ISI
BAB I PENDAHULUAN
1.1 Latar Belakang ............................................ 1
1.2 Landasan Hukum ............................................ 2
1.3 Tujuan Pedoman ............................................ 4
1.4 Organisasi ................................................ 6
3.2 Pengukuran Kinerja ........................................ 18
3.4 Pengukuran Kinerja ........................................ 21

BAB I
PENDAHULUAN
1.1 Latar Belakang
Laporan ini disusun sesuai ketentuan.
1.2 Landasan Hukum
Peraturan yang berlaku.
1.3 Tujuan Pedoman
Tujuan laporan.
1.2 Organisasi
Susunan organisasi dinas.
3.2 Pengukuran Kinerja
Pengukuran.
";

    #[test]
    fn a_heading_numbered_otherwise_than_in_the_table_of_contents_is_found() {
        let (found, coverage) = run_default("toc-heading-number", NUMBERED);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].stated, "1.2 Organisasi");
        assert_eq!(found[0].expected, "1.4 Organisasi");
        // Three headings agree; "Pengukuran Kinerja" is listed twice.
        assert_eq!(coverage.agree, 3);
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
        let fixed = NUMBERED.replace("1.2 Organisasi\n", "1.4 Organisasi\n");
        assert!(findings("toc-heading-number", &fixed).is_empty());
    }

    /// "LAMPIRAN … 58" after "BAB IV … IV-1": another numbering, not a page
    /// before chapter IV's.
    #[test]
    fn pages_numbered_by_chapter_and_plain_pages_run_apart() {
        let text = "\
DAFTAR ISI
BAB I PENDAHULUAN ............................................. I-1
1.1 Latar Belakang ............................................ I-2
BAB III AKUNTABILITAS KINERJA ................................. III-1
3.1 Capaian Kinerja ........................................... III-14
BAB IV PENUTUP ................................................ IV-1
LAMPIRAN ...................................................... 58
";
        assert!(findings("toc-page-order", text).is_empty());
        let text = text.replace("III-14", "II-14");
        let found = findings("toc-page-order", &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].stated, "3.1 Capaian Kinerja … II-14");
    }

    #[test]
    fn an_appendix_numbered_on_its_own_is_not_judged() {
        let text = TOC.replace(
            "LAMPIRAN ...................................................... 51",
            "LAMPIRAN ...................................................... 1\nLampiran 2 .................................................... 3",
        );
        assert!(findings("toc-page-order", &text).is_empty());
    }
}
