//! `mission_capaian`: the capaian of a misi the narrative states ("Misi
//! Pertama … mempunyai kinerja SANGAT BAIK (132,15%)", "pencapaian Misi 3 …
//! sebesar 158,20%") against the report's performance table: the value the
//! table prints on that misi's row, or, when the row prints none, the mean of
//! the capaian under it — but only by a way of averaging (the mean of its
//! sasaran's means, or of its indicators) that another misi the report states
//! bears out, so the check never imposes a formula of its own.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::{Context, agrees_range, figures, like, pct};
use super::narrative::{YEAR, mean, spread};
use super::{Check, Draft, Sink, Why};
use crate::facts::figures::{Figure, FigureKind};
use crate::findings::Localized;
use crate::structure::roles::{Role, TableKind};
use crate::structure::sections::parse_roman;
use crate::structure::{Row, Table};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionParams {}

#[derive(Debug)]
pub struct MissionCapaian {
    _p: MissionParams,
}

impl MissionCapaian {
    pub fn new(p: MissionParams) -> Result<Self, String> {
        Ok(MissionCapaian { _p: p })
    }
}

const NO_ROW: Why = Why {
    en: "no performance table has a row for the misi",
    id: "tidak ada tabel pengukuran kinerja dengan baris misi itu",
};
const UNREAD: Why = Why {
    en: "the misi's row prints no capaian and the rows under it cannot be averaged (a capaian that is not a number, or several capaian columns)",
    id: "baris misi tidak mencantumkan capaian dan baris di bawahnya tidak dapat dirata-ratakan (capaian bukan angka, atau beberapa kolom capaian)",
};
const UNCONFIRMED: Why = Why {
    en: "no other misi the report states agrees with a mean of its table rows: the report's way of averaging is unknown",
    id: "tidak ada misi lain yang capaiannya sama dengan rata-rata baris tabelnya: cara laporan merata-ratakan tidak diketahui",
};
const TABLES_DIFFER: Why = Why {
    en: "the tables give the misi different capaian",
    id: "tabel-tabel memberi capaian misi itu berbeda",
};

/// "Misi 3", "misi ke-2", "Misi Pertama", "MISI IV".
static MISI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bmisi\s+(?:ke\s*-?\s*)?(?P<ord>\d{1,2}|[ivx]{1,4}|pertama|kesatu|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|kesepuluh)\b",
    )
    .expect("valid regex")
});

/// A misi row's label: "Misi 1 :", "II Misi 2 : …", "MISI III : …".
static MISI_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:[ivx]{1,4}\.?\s+|\d{1,2}\.?\s+)?misi\s*(?:ke\s*-?\s*)?(?P<ord>\d{1,2}|[ivx]{1,4}|pertama|kesatu|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|kesepuluh)\b",
    )
    .expect("valid regex")
});

/// A row that ends a misi's rows: the visi's, a total or an average.
static END_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:visi\b|jumlah\s*$|total\b|rata[\s-]*rata\b|rerata\b)")
        .expect("valid regex")
});

/// What may stand between the misi and its capaian: words of another measure
/// (an indicator's, a sasaran's, the budget's) make the figure not the misi's.
static OTHER_MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)indikator|sasaran|tujuan|program|kegiatan|anggaran|keuangan|belanja|\brp\.?\b|fisik|target|realisasi|serapan|penyerapan|efisiensi|sebelumnya|tahun\s+lalu",
    )
    .expect("valid regex")
});

/// A change rather than a level, right before the figure ("peningkatan
/// sebesar 5%"); a misi's name may hold these words further back
/// ("Memfasilitasi Peningkatan Produktivitas …").
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:kenaikan|penurunan|peningkatan|selisih|naik|turun)\W+(?:\w+\W+){0,2}$")
        .expect("valid regex")
});

/// The words right before a misi's capaian.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bsebesar|\bmencapai|\badalah|\byaitu|\bnilai|\bdengan|\bcapaian|:|\()\s*$")
        .expect("valid regex")
});

/// A misi's ordinal as a number.
fn ordinal(text: &str) -> Option<u32> {
    let t = text.to_lowercase();
    if let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let words = [
        "kesatu",
        "kedua",
        "ketiga",
        "keempat",
        "kelima",
        "keenam",
        "ketujuh",
        "kedelapan",
        "kesembilan",
        "kesepuluh",
    ];
    if t == "pertama" {
        return Some(1);
    }
    if let Some(i) = words.iter().position(|w| *w == t) {
        return Some(i as u32 + 1);
    }
    parse_roman(&t)
}

/// How the mean of a misi's rows is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Way {
    /// The mean of its sasaran's means (each the mean of its indicators).
    OfSasaran,
    /// The mean of all its indicators.
    OfIndicators,
}

/// A mean of a misi's rows: how it was taken, its value, its slack (the
/// rounding of the values averaged) and its computation.
#[derive(Debug, Clone)]
struct Mean {
    way: Way,
    value: Decimal,
    slack: Decimal,
    computation: String,
}

impl Mean {
    fn agrees(&self, stated: &Figure, tolerance: Decimal) -> bool {
        agrees_range(
            stated,
            self.value - self.slack,
            self.value + self.slack,
            tolerance,
        )
    }
}

/// What one table says of one misi.
#[derive(Debug, Clone)]
struct TableMisi {
    table: usize,
    /// The capaian printed on the misi's row.
    printed: Option<Figure>,
    /// The means of the rows under it.
    means: Vec<Mean>,
    /// The line of the misi's row.
    line: usize,
}

/// The one figure of a cell ("131,83 (SB)" → 131,83), if a percentage or a
/// bare number.
fn capaian_of(text: &str) -> Option<Figure> {
    let figs = figures(text);
    match &figs[..] {
        [f] if matches!(f.kind, FigureKind::Percent | FigureKind::Plain) => Some(f.clone()),
        _ => None,
    }
}

/// The misi ordinal a row names in its first cells.
fn misi_row(row: &Row) -> Option<u32> {
    let lead: Vec<&str> = row
        .cells
        .iter()
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .take(2)
        .collect();
    let joined = lead.join(" ");
    let c = MISI_ROW.captures(&joined)?;
    ordinal(&c["ord"])
}

/// The misi of one performance table, by ordinal.
fn table_misi(ctx: &Context<'_, '_>, index: usize, t: &Table) -> Vec<(u32, TableMisi)> {
    if t.kind != TableKind::Performance {
        return Vec::new();
    }
    let year = ctx.year();
    let capaian: Vec<usize> = t
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.role == Role::Capaian && !r.money && (r.year.is_none() || r.year == year)
        })
        .map(|(i, _)| i)
        .collect();
    if capaian.is_empty() {
        return Vec::new();
    }
    let number = t.roles.iter().position(|r| r.role == Role::Number);
    let mut out = Vec::new();
    let starts: Vec<(usize, u32)> = t
        .rows
        .iter()
        .enumerate()
        .filter_map(|(k, r)| misi_row(r).map(|n| (k, n)))
        .collect();
    for (s, &(k, n)) in starts.iter().enumerate() {
        let row = &t.rows[k];
        let printed: Vec<Figure> = capaian
            .iter()
            .filter_map(|&c| row.cell(c).and_then(|c| capaian_of(&c.text)))
            .collect();
        let printed = match &printed[..] {
            [] => None,
            [f, rest @ ..] if rest.iter().all(|g| g.value == f.value) => Some(f.clone()),
            _ => continue,
        };
        let end = starts.get(s + 1).map(|(e, _)| *e).unwrap_or(t.rows.len());
        let rows: Vec<&Row> = t.rows[k + 1..end]
            .iter()
            .take_while(|r| {
                !END_ROW.is_match(r.label())
                    && !r.cells.iter().take(2).any(|c| END_ROW.is_match(&c.text))
            })
            .collect();
        let means = if printed.is_some() {
            Vec::new()
        } else {
            means_of(&rows, &capaian, number)
        };
        out.push((
            n,
            TableMisi {
                table: index,
                printed,
                means,
                line: ctx.row_line(row.page, row.line),
            },
        ));
    }
    out
}

/// The means of a misi's rows: its indicators' capaian (in the one capaian
/// column they fill), grouped by sasaran where a numbered row starts one.
/// Empty when a capaian cell is not a number or the values are in more than
/// one column.
fn means_of(rows: &[&Row], capaian: &[usize], number: Option<usize>) -> Vec<Mean> {
    let filled: Vec<usize> = capaian
        .iter()
        .copied()
        .filter(|&c| {
            rows.iter()
                .any(|r| r.cell(c).is_some_and(|c| !c.text.trim().is_empty()))
        })
        .collect();
    let [col] = filled[..] else {
        return Vec::new();
    };
    let mut groups: Vec<Vec<Figure>> = Vec::new();
    for r in rows {
        let text = r.cell(col).map(|c| c.text.trim()).unwrap_or("");
        let starts = number
            .and_then(|c| r.cell(c))
            .is_some_and(|c| !c.text.trim().is_empty());
        if text.is_empty() {
            // A heading inside the misi (a sasaran named over its indicators).
            if starts {
                groups.push(Vec::new());
            }
            continue;
        }
        let Some(f) = capaian_of(text) else {
            return Vec::new();
        };
        if starts || groups.is_empty() {
            groups.push(Vec::new());
        }
        if let Some(g) = groups.last_mut() {
            g.push(f);
        }
    }
    groups.retain(|g| !g.is_empty());
    let items: Vec<&Figure> = groups.iter().flatten().collect();
    if items.is_empty() {
        return Vec::new();
    }
    let slack = items.iter().map(|f| spread(f)).max().unwrap_or_default();
    let values: Vec<Decimal> = items.iter().map(|f| f.value).collect();
    let mut out = Vec::new();
    let group_means: Vec<Decimal> = groups
        .iter()
        .filter_map(|g| mean(&g.iter().map(|f| f.value).collect::<Vec<_>>()))
        .collect();
    if let Some(m) = mean(&group_means) {
        let parts: Vec<String> = groups
            .iter()
            .map(|g| {
                let shown: Vec<String> = g.iter().map(|f| f.text.trim().to_string()).collect();
                if g.len() == 1 {
                    shown.join("")
                } else {
                    format!("({})/{}", shown.join(" + "), g.len())
                }
            })
            .collect();
        out.push(Mean {
            way: Way::OfSasaran,
            value: m,
            slack,
            computation: format!("({}) / {} = {}", parts.join(" + "), groups.len(), pct(m)),
        });
    }
    if groups.iter().any(|g| g.len() > 1)
        && let Some(m) = mean(&values)
    {
        let shown: Vec<String> = items.iter().map(|f| f.text.trim().to_string()).collect();
        out.push(Mean {
            way: Way::OfIndicators,
            value: m,
            slack,
            computation: format!("({}) / {} = {}", shown.join(" + "), items.len(), pct(m)),
        });
    }
    out
}

/// A misi's capaian stated in a paragraph.
struct Mention {
    misi: u32,
    figure: Figure,
    line: usize,
    highlight: (usize, usize),
}

/// The misi capaian the report's paragraphs state.
fn mentions(ctx: &Context<'_, '_>) -> Vec<Mention> {
    let year = ctx.year();
    let mut out = Vec::new();
    for p in &ctx.report.paragraphs {
        let text = &p.text;
        let found: Vec<regex::Captures> = MISI.captures_iter(text).collect();
        for (k, c) in found.iter().enumerate() {
            let (Some(all), Some(ord)) = (c.get(0), c.name("ord")) else {
                continue;
            };
            let Some(misi) = ordinal(ord.as_str()) else {
                continue;
            };
            // The clause after the misi: to the next misi, the sentence's end
            // or 250 characters.
            let mut end = found
                .get(k + 1)
                .and_then(|n| n.get(0))
                .map(|m| m.start())
                .unwrap_or(text.len());
            let rest = &text[all.end()..end];
            if let Some(i) = sentence_end(rest) {
                end = all.end() + i;
            }
            let mut cut = (all.end() + 250).min(end);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let window = &text[all.end()..cut];
            let Some(f) = figures(window)
                .into_iter()
                .find(|f| !(f.kind == FigureKind::Plain && f.text.trim().len() == 4))
            else {
                continue;
            };
            if f.kind != FigureKind::Percent {
                continue;
            }
            let before = &window[..f.start];
            if OTHER_MEASURE.is_match(before) || CHANGE.is_match(before) || !LINK.is_match(before) {
                continue;
            }
            if YEAR
                .find_iter(before)
                .any(|y| y.as_str().parse::<i32>().ok() != year)
            {
                continue;
            }
            // A figure followed by another percentage ("… 95% dari 100%") is
            // not a capaian alone.
            let after = &window[f.end..];
            if after.trim_start().starts_with("dari") {
                continue;
            }
            let at = all.end() + f.start;
            let (line, col) = ctx.locate(p, at);
            let mut figure = f;
            figure.start += all.end();
            figure.end += all.end();
            out.push(Mention {
                misi,
                highlight: (col, col + figure.end - figure.start),
                figure,
                line,
            });
        }
    }
    out
}

/// Where a sentence ends in `text`: ". " before a capital, or ";".
fn sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        if ch == ';' {
            return Some(i);
        }
        if ch == '.'
            && bytes.get(i + 1) == Some(&b' ')
            && text[i + 2..].chars().next().is_some_and(char::is_uppercase)
        {
            return Some(i);
        }
    }
    None
}

impl Check for MissionCapaian {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let said = mentions(ctx);
        if said.is_empty() {
            return;
        }
        let mut misi: BTreeMap<u32, Vec<TableMisi>> = BTreeMap::new();
        for (i, t) in ctx.report.tables.iter().enumerate() {
            for (n, m) in table_misi(ctx, i, t) {
                misi.entry(n).or_default().push(m);
            }
        }
        // The ways of averaging other misi bear out: per way, the misi whose
        // stated capaian it gives.
        let agrees_with = |m: &Mention, way: Way| {
            misi.get(&m.misi).is_some_and(|ts| {
                ts.iter().any(|t| {
                    t.means
                        .iter()
                        .any(|w| w.way == way && w.agrees(&m.figure, ctx.tolerance))
                })
            })
        };
        // Per way of averaging, how many mentions of each misi it bears out
        // (counted once, not per mention).
        let mut borne_by: BTreeMap<Way, BTreeMap<u32, usize>> = BTreeMap::new();
        for way in [Way::OfSasaran, Way::OfIndicators] {
            for o in said.iter().filter(|o| agrees_with(o, way)) {
                *borne_by.entry(way).or_default().entry(o.misi).or_default() += 1;
            }
        }
        for m in &said {
            let Some(tables) = misi.get(&m.misi) else {
                out.skip(NO_ROW);
                continue;
            };
            let printed: Vec<(&TableMisi, &Figure)> = tables
                .iter()
                .filter_map(|t| t.printed.as_ref().map(|f| (t, f)))
                .collect();
            if let Some((t, f)) = printed.first() {
                if printed.iter().any(|(_, g)| g.value != f.value) {
                    out.skip(TABLES_DIFFER);
                    continue;
                }
                // Either figure may show fewer decimals than the other.
                let slack = spread(f);
                if agrees_range(&m.figure, f.value - slack, f.value + slack, ctx.tolerance) {
                    out.agree();
                    continue;
                }
                let table = &ctx.report.tables[t.table];
                out.push(finding(
                    m,
                    like(&m.figure, f.value),
                    Localized::new(
                        format!(
                            "{} mencantumkan capaian Misi {} sebesar {}",
                            table_name(table).id,
                            m.misi,
                            f.text.trim()
                        ),
                        format!(
                            "{} prints the capaian of Misi {} as {}",
                            table_name(table).en,
                            m.misi,
                            f.text.trim()
                        ),
                    ),
                    t.line,
                    table,
                ));
                continue;
            }
            let computed: Vec<(&TableMisi, &Mean)> = tables
                .iter()
                .flat_map(|t| t.means.iter().map(move |w| (t, w)))
                .collect();
            if computed.is_empty() {
                out.skip(UNREAD);
                continue;
            }
            if computed
                .iter()
                .any(|(_, w)| w.agrees(&m.figure, ctx.tolerance))
            {
                out.agree();
                continue;
            }
            // A way of averaging another misi the report states bears out.
            let borne = |way: Way| {
                let all = borne_by.get(&way).map(|b| b.values().sum()).unwrap_or(0);
                let own = borne_by
                    .get(&way)
                    .and_then(|b| b.get(&m.misi))
                    .copied()
                    .unwrap_or(0);
                all - own
            };
            let best = computed
                .iter()
                .map(|(t, w)| (borne(w.way), *t, *w))
                .filter(|(n, _, _)| *n > 0)
                .max_by_key(|(n, _, w)| (*n, std::cmp::Reverse(w.way)));
            let Some((
                _,
                t,
                Mean {
                    value, computation, ..
                },
            )) = best
            else {
                out.skip(UNCONFIRMED);
                continue;
            };
            let table = &ctx.report.tables[t.table];
            out.push(finding(
                m,
                like(&m.figure, *value),
                Localized::new(
                    format!(
                        "rata-rata capaian di bawah Misi {} pada {}: {} (cara yang sama memberi capaian misi lain yang disebut laporan)",
                        m.misi,
                        table_name(table).id,
                        computation
                    ),
                    format!(
                        "mean of the capaian under Misi {} in {}: {} (the same way gives the other misi capaian the report states)",
                        m.misi,
                        table_name(table).en,
                        computation
                    ),
                ),
                t.line,
                table,
            ));
        }
    }
}

fn finding(
    m: &Mention,
    expected: String,
    computation: Localized,
    row: usize,
    table: &Table,
) -> Draft {
    Draft {
        line: m.line,
        stated: m.figure.text.trim().to_string(),
        expected,
        computation,
        related: vec![row],
        highlight: Some(m.highlight),
        ..Default::default()
    }
    .var("misi", Localized::same(m.misi.to_string()))
    .var("table", table_name(table))
}

#[cfg(test)]
mod tests {
    use super::ordinal;
    use crate::rules::checks::testing::{findings, run_default};

    const RULE: &str = "misi-capaian";

    #[test]
    fn ordinals_in_words_digits_and_roman() {
        assert_eq!(ordinal("Pertama"), Some(1));
        assert_eq!(ordinal("ketiga"), Some(3));
        assert_eq!(ordinal("IV"), Some(4));
        assert_eq!(ordinal("2"), Some(2));
        assert_eq!(ordinal("ix"), Some(9));
        assert_eq!(ordinal("ini"), None);
    }

    const PRINTED: &str = "Tabel 6. Pengukuran Capaian Misi Tahun 2016\n\n\
| No | Misi/Sasaran | Indikator Kinerja | Target | Realisasi | Capaian (%) |\n\
|---|---|---|---|---|---|\n\
| I | Misi 1 : Memfasilitasi produktivitas ternak | | | | 131,83 |\n\
| 1 | | Jumlah produksi daging | 768 | 992 | 129,17 |\n\
| 2 | | Jumlah populasi sapi | 466 | 627 | 134,55 |\n\
| II | Misi 2 : Memfasilitasi usaha peternakan | | | | 100,00 |\n\
| 3 | | Kawasan usaha | 5 | 5 | 100,00 |\n\n";

    #[test]
    fn a_misi_capaian_other_than_its_row_prints_is_flagged() {
        let text = format!(
            "{PRINTED}Laporan Kinerja Tahun 2016.\n\nRata-rata capaian untuk Misi Pertama (memfasilitasi produktivitas ternak) mempunyai kinerja SANGAT BAIK (132,15%), Misi Kedua mempunyai kinerja BAIK (100,00%).\n"
        );
        let (found, coverage) = run_default(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "132,15%");
        assert_eq!(found[0].expected, "131,83%");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    #[test]
    fn the_capaian_as_printed_agrees() {
        let text = format!(
            "{PRINTED}Laporan Kinerja Tahun 2016.\n\nMisi Pertama memfasilitasi produktivitas ternak mempunyai kinerja SANGAT BAIK dengan nilai 131,83%.\n"
        );
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    #[test]
    fn an_indicator_figure_after_the_misi_is_not_its_capaian() {
        let text = format!(
            "{PRINTED}Laporan Kinerja Tahun 2016.\n\nPada misi kedua, dengan indikator kinerja kawasan usaha telah dicapai dengan capaian 90%. Capaian Misi Kedua mengalami peningkatan sebesar 20%.\n"
        );
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree + coverage.disagree, 0, "{coverage:#?}");
    }

    const UNPRINTED: &str = "Tabel III.2 Pengukuran Capaian Indikator Kinerja Tahun 2016\n\n\
| No | Sasaran | Indikator Kinerja | Target 2016 | Realisasi 2016 | Capaian 2016 |\n\
|---|---|---|---|---|---|\n\
| Misi 1 : Penataan Ruang | | | | | |\n\
| 1 | Ketersediaan rencana | Kajian RTR | 1 | 1 | 100,00% |\n\
| | | Kajian RDTR | 3 | 2 | 66,67% |\n\
| 2 | Pemanfaatan ruang | Kesesuaian ruang | 70 | 67 | 95,71% |\n\
| Misi 2 : Jasa Konstruksi | | | | | |\n\
| 3 | SDM bersertifikat | SDM Jasa Konstruksi | 31 | 50,25 | 162,10% |\n\
| 4 | Uji mutu | Contoh uji | 1.320 | 3.875 | 293,56% |\n\
| 5 | Bangunan negara | Kepuasan instansi | 80 | 80 | 100,00% |\n\n";

    #[test]
    fn a_misi_mean_the_other_misi_bear_out_is_checked() {
        let text = |second: &str| {
            format!(
                "{UNPRINTED}Laporan Kinerja Tahun 2016.\n\nHasil pencapaian Misi 1 pada tahun 2016 adalah sebesar 89,52% atau terkategori baik, pencapaian Misi 2 pada tahun 2016 adalah sebesar {second} atau terkategori sangat baik.\n"
            )
        };
        let (found, coverage) = run_default(RULE, &text("185,22%"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
        let found = findings(RULE, &text("158,20%"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "158,20%");
        assert_eq!(found[0].expected, "185,22%");
    }

    #[test]
    fn a_mean_no_other_misi_bears_out_is_not_judged() {
        let text = format!(
            "{UNPRINTED}Laporan Kinerja Tahun 2016.\n\nPencapaian Misi 2 pada tahun 2016 adalah sebesar 158,20%.\n"
        );
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.len(), 1, "{coverage:#?}");
    }
}
