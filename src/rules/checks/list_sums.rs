//! A numbered list of "label : value" lines and the total stated for it: the
//! "JUMLAH : 92.685 M2" line that closes the list, or the sentence right
//! before it ("… sumber daya manusia yaitu sebanyak 377" / "a) Jabatan
//! struktural : 17" …).

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::figures::{Figure, Hint, parse_figure};
use crate::findings::Localized;
use crate::structure::{LineRef, Paragraph};

use super::common::{Context, Pattern, difference, like, sum_agrees, sum_text};
use super::{Check, Draft, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSumParams {
    /// A list line: groups `mark` (optional), `label`, `value`, `unit` (optional).
    item: Pattern,
    /// The line closing the list with its total: groups `value`, `unit` (optional).
    total_line: Pattern,
    /// The end of the sentence introducing the list with its total: group `value`.
    total_before: Pattern,
}

#[derive(Debug)]
pub struct ListSum {
    p: ListSumParams,
}

impl ListSum {
    pub fn new(p: ListSumParams) -> Result<Self, String> {
        for g in ["label", "value"] {
            if !p.item.0.capture_names().any(|n| n == Some(g)) {
                return Err(format!("`item` needs a (?P<{g}>…) group"));
            }
        }
        if !p.total_line.0.capture_names().any(|n| n == Some("value")) {
            return Err("`total_line` needs a (?P<value>…) group".into());
        }
        if !p.total_before.0.capture_names().any(|n| n == Some("value")) {
            return Err("`total_before` needs a (?P<value>…) group".into());
        }
        Ok(ListSum { p })
    }
}

#[derive(Debug)]
struct Item {
    line: usize,
    mark: Option<u32>,
    letter: bool,
    value: Figure,
    unit: Option<String>,
}

/// The position a marker gives its item ("3." → 3, "c)" → 3), and whether
/// it is a letter.
fn ordinal(mark: &str) -> Option<(u32, bool)> {
    let letter = !mark
        .trim_start_matches('(')
        .starts_with(|c: char| c.is_ascii_digit());
    super::counts::ordinal(mark).map(|n| (n, letter))
}

static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?$").expect("valid regex")
});

fn number(text: &str) -> Option<Figure> {
    let t = text.trim();
    if !WHOLE.is_match(t) {
        return None;
    }
    parse_figure(t, Hint::None)
}

impl ListSum {
    fn item(&self, text: &str, line: usize) -> Option<Item> {
        let c = self.p.item.0.captures(text)?;
        let value = number(c.name("value")?.as_str())?;
        let (mark, letter) = match c.name("mark").and_then(|m| ordinal(m.as_str())) {
            Some((n, l)) => (Some(n), l),
            None => (None, false),
        };
        Some(Item {
            line,
            mark,
            letter,
            value,
            unit: c.name("unit").map(|u| u.as_str().to_lowercase()),
        })
    }

    fn compare(
        &self,
        ctx: &Context<'_, '_>,
        out: &mut Sink,
        items: &[Item],
        total: &Figure,
        line: usize,
        highlight: Option<(usize, usize)>,
    ) {
        let values: Vec<Decimal> = items.iter().map(|i| i.value.value).collect();
        let figures: Vec<&Figure> = items.iter().map(|i| &i.value).collect();
        let computed: Decimal = values.iter().copied().sum();
        if sum_agrees(total, &figures, computed, ctx.tolerance) {
            out.agree();
            return;
        }
        out.push(
            Draft {
                line,
                stated: total.text.clone(),
                expected: like(total, computed),
                computation: Localized::same(sum_text(&values, computed)),
                related: items.iter().map(|i| i.line).collect(),
                highlight,
                ..Default::default()
            }
            .var("count", Localized::same(items.len().to_string()))
            .var("difference", difference(total.value, computed)),
        );
    }
}

/// A run of list items: the items, the first line after them that is no
/// item (None at the report's end) and where to look on from.
struct ListRun {
    items: Vec<Item>,
    end: Option<usize>,
    next: usize,
}

/// A whole list: numbered 1, 2, 3 … (or a, b, c …) from the first, with one
/// unit (or none) for every item. Its unit.
fn whole_list(items: &[Item]) -> Option<Option<&str>> {
    let first = items.first()?;
    let numbered = items
        .iter()
        .enumerate()
        .all(|(k, it)| it.mark == Some(k as u32 + 1) && it.letter == first.letter);
    let unit = first.unit.as_deref();
    (numbered && items.iter().all(|it| it.unit.as_deref() == unit)).then_some(unit)
}

impl Check for ListSum {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let lines = &ctx.report.lines;
        let mut i = 0;
        while i < lines.len() {
            let Some(first) = self.item(&lines[i].line.text, i) else {
                i += 1;
                continue;
            };
            let run = self.run(lines, i, first);
            i = run.next.max(i + 1);
            if run.items.len() < 2 {
                continue;
            }
            let Some(unit) = whole_list(&run.items) else {
                continue;
            };
            self.total_after(ctx, &run, unit, out);
            self.total_before(ctx, &run.items, out);
        }
    }
}

impl ListSum {
    /// The run of items from `first` at line `i`, blank lines (and dropped
    /// page furniture) between them allowed.
    fn run(&self, lines: &[LineRef<'_>], i: usize, first: Item) -> ListRun {
        let mut items = vec![first];
        let mut j = i + 1;
        let mut end = None;
        while j < lines.len() {
            let l = &lines[j];
            if l.line.is_blank() {
                j += 1;
                continue;
            }
            if let Some(item) = self.item(&l.line.text, j) {
                items.push(item);
                j += 1;
                continue;
            }
            if let Some(k) = self.resumes(lines, j, &items) {
                j = k;
                continue;
            }
            end = Some(j);
            break;
        }
        ListRun {
            items,
            end,
            next: j,
        }
    }

    /// A page break inside the list at line `j`: the page number and running
    /// header left in, then the next item, numbered on, on the next page.
    fn resumes(&self, lines: &[LineRef<'_>], j: usize, items: &[Item]) -> Option<usize> {
        let last = items.last().map(|it| (it.line, it.mark));
        (j..lines.len().min(j + 6))
            .filter(|&k| !lines[k].line.is_blank())
            .take(4)
            .find_map(|k| {
                let it = self.item(&lines[k].line.text, k)?;
                let (last_line, last_mark) = last?;
                (lines[k].page != lines[last_line].page
                    && it.mark.is_some()
                    && it.mark == last_mark.map(|m| m + 1)
                    && (j..k).all(|x| lines[x].line.text.trim().chars().count() <= 60))
                .then_some(k)
            })
    }

    /// "JUMLAH : 92.685 M2" right after the list.
    fn total_after(
        &self,
        ctx: &Context<'_, '_>,
        run: &ListRun,
        unit: Option<&str>,
        out: &mut Sink,
    ) {
        let lines = &ctx.report.lines;
        if let Some(e) = run.end
            && run.items.len() >= 3
            && let Some(c) = self.p.total_line.0.captures(&lines[e].line.text)
            && let Some(v) = c.name("value")
            && let Some(total) = number(v.as_str())
            && c.name("unit")
                .map(|u| u.as_str().to_lowercase())
                .is_none_or(|u| unit.is_none_or(|x| x == u))
        {
            let at = v.start();
            self.compare(
                ctx,
                out,
                &run.items,
                &total,
                e,
                Some((at, at + v.as_str().len())),
            );
        }
    }

    /// "… sebanyak 377" ending the paragraph right before the list.
    fn total_before(&self, ctx: &Context<'_, '_>, items: &[Item], out: &mut Sink) {
        let lines = &ctx.report.lines;
        let first_line = items[0].line;
        if let Some(para) = ctx.report.paragraphs.iter().find(|p| {
            p.pieces.last().is_some_and(|(_, l)| {
                *l < first_line && lines[*l + 1..first_line].iter().all(|x| x.line.is_blank())
            })
        }) && let Some(c) = self.p.total_before.0.captures(&para.text)
            && let Some(v) = c.name("value")
            && let Some(total) = number(v.as_str())
        {
            let (line, at) = ctx.locate(para, v.start());
            self.compare(
                ctx,
                out,
                items,
                &total,
                line,
                Some((at, at + v.as_str().len())),
            );
        }
    }
}

/// "… sebanyak 6.493 ekor terdiri dari ayam buras 2.699 ekor dan itik/entog
/// sebanyak 3.789 ekor.": a total in a sentence and its parts listed in the
/// same sentence, each a count of the total's unit, the last after "dan".
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InlineSumParams {
    /// The total, its unit and the words opening its parts: groups `total`, `unit`.
    claim: Pattern,
    /// Words saying the parts are only some of the whole ("antara lain").
    partial: Pattern,
    /// Words that are no unit ("yang", "tahun").
    #[serde(default)]
    not_units: Vec<String>,
}

#[derive(Debug)]
pub struct InlineSum {
    p: InlineSumParams,
}

impl InlineSum {
    pub fn new(p: InlineSumParams) -> Result<Self, String> {
        for g in ["total", "unit"] {
            if !p.claim.0.capture_names().any(|n| n == Some(g)) {
                return Err(format!("`claim` needs a (?P<{g}>…) group"));
            }
        }
        Ok(InlineSum { p })
    }
}

/// A figure in running text: "6.493", "2,5".
static FIGURE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"\d[\d.]*(?:,\d+)?").expect("valid regex"));
/// Where the sentence listing the parts ends: a full stop not inside a figure, ";", ":".
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"\.(?:\s|$)|;|:").expect("valid regex"));
/// The words joining the last part to the others.
static LAST_JOIN: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)\b(?:dan|serta)\b").expect("valid regex"));

const OTHER_FIGURE: Why = Why {
    en: "a figure of another unit stands among the parts",
    id: "ada angka bersatuan lain di antara rinciannya",
};
const OPEN_LIST: Why = Why {
    en: "the parts are not given as a closed list (\"… dan …\") or only some are named",
    id: "rinciannya bukan daftar tertutup (\"… dan …\") atau hanya sebagian yang disebut",
};

impl InlineSum {
    /// The parts after the claim: each figure followed by the unit, up to the sentence's end.
    fn parts<'t>(&self, rest: &'t str, unit: &str) -> Result<Vec<(usize, &'t str)>, Why> {
        let end = SENTENCE_END.find(rest).map_or(rest.len(), |m| m.start());
        let rest = &rest[..end];
        if self.p.partial.is_match(rest) {
            return Err(OPEN_LIST);
        }
        let mut parts = Vec::new();
        for m in FIGURE.find_iter(rest) {
            let after = rest[m.end()..].trim_start();
            let of_unit = after
                .get(..unit.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(unit))
                && !after[unit.len()..].starts_with(|c: char| c.is_alphanumeric());
            if !of_unit {
                return Err(OTHER_FIGURE);
            }
            parts.push((m.start(), m.as_str()));
        }
        let closed = parts.len() >= 2
            && parts
                .windows(2)
                .last()
                .is_some_and(|w| LAST_JOIN.is_match(&rest[w[0].0..w[1].0]));
        if !closed {
            return Err(OPEN_LIST);
        }
        Ok(parts)
    }
}

impl Check for InlineSum {
    fn paragraph(&self, para: &Paragraph, ctx: &Context<'_, '_>, out: &mut Sink) {
        let text = &para.text;
        for c in self.p.claim.0.captures_iter(text) {
            let (Some(t), Some(u), Some(whole)) = (c.name("total"), c.name("unit"), c.get(0))
            else {
                continue;
            };
            let unit = u.as_str();
            if self
                .p
                .not_units
                .iter()
                .any(|w| w.eq_ignore_ascii_case(unit))
            {
                continue;
            }
            let Some(total) = number(t.as_str()) else {
                continue;
            };
            let rest = &text[whole.end()..];
            let parts = match self.parts(rest, unit) {
                Ok(p) => p,
                Err(why) => {
                    out.skip(why);
                    continue;
                }
            };
            let Some(figures) = parts
                .iter()
                .map(|(_, p)| number(p))
                .collect::<Option<Vec<Figure>>>()
            else {
                continue;
            };
            let values: Vec<Decimal> = figures.iter().map(|f| f.value).collect();
            let computed: Decimal = values.iter().copied().sum();
            let refs: Vec<&Figure> = figures.iter().collect();
            if sum_agrees(&total, &refs, computed, ctx.tolerance) {
                out.agree();
                continue;
            }
            let (line, at) = ctx.locate(para, t.start());
            let related = parts
                .iter()
                .map(|(at, _)| ctx.locate(para, whole.end() + at).0)
                .filter(|l| *l != line)
                .collect();
            out.push(
                Draft {
                    line,
                    stated: total.text.clone(),
                    expected: like(&total, computed),
                    computation: Localized::same(sum_text(&values, computed)),
                    related,
                    highlight: Some((at, at + t.as_str().len())),
                    ..Default::default()
                }
                .var("count", Localized::same(parts.len().to_string()))
                .var("difference", difference(total.value, computed)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Item, number, whole_list};

    const HEAD: &str = "BAB III AKUNTABILITAS KINERJA\n\n";

    #[test]
    fn a_total_its_sentence_breaks_down_is_summed() {
        let text = format!(
            "{HEAD}Kasus positif AI ditemukan sebanyak 76 kasus dengan jumlah kematian unggas sebanyak 6.493 ekor terdiri dari ayam buras 2.699\nekor dan itik/entog sebanyak 3.789 ekor. Tahun 2013 kasus turun.\n"
        );
        let found = findings("inline-parts-sum", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].stated.as_str(), found[0].expected.as_str()),
            ("6.493", "6.488")
        );
    }

    #[test]
    fn sums_that_hold_and_open_or_mixed_lists_are_not_found() {
        let text = format!(
            "{HEAD}Realisasi 30 kelompok, yang terdiri dari Bidang Usaha sebanyak 16 kelompok dan bidang sarana sebanyak 14 kelompok.\n\nPegawai 45 orang terdiri dari antara lain 20 orang PNS dan 10 orang honorer.\n\nPegawai 45 orang terdiri dari 20 orang PNS berusia 40 tahun dan 10 orang honorer.\n\nPegawai 45 orang terdiri dari 20 orang PNS, 10 orang honorer.\n"
        );
        let (found, coverage) = run_default("inline-parts-sum", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 3, "{coverage:#?}");
    }

    fn item(line: usize, mark: Option<u32>, letter: bool, unit: Option<&str>) -> Item {
        Item {
            line,
            mark,
            letter,
            value: number("20.000").expect("a number"),
            unit: unit.map(str::to_string),
        }
    }

    #[test]
    fn a_whole_list_is_numbered_from_one_in_one_style_and_unit() {
        let m2 = Some("m2");
        let list = [item(1, Some(1), false, m2), item(2, Some(2), false, m2)];
        assert_eq!(whole_list(&list), Some(m2));
        let letters = [item(1, Some(1), true, None), item(2, Some(2), true, None)];
        assert_eq!(whole_list(&letters), Some(None));
        // Not from one, a letter among numbers, another unit.
        assert_eq!(
            whole_list(&[item(1, Some(2), false, m2), item(2, Some(3), false, m2)]),
            None
        );
        assert_eq!(
            whole_list(&[item(1, Some(1), false, m2), item(2, Some(2), true, m2)]),
            None
        );
        assert_eq!(
            whole_list(&[item(1, Some(1), false, m2), item(2, Some(2), false, None)]),
            None
        );
        assert_eq!(whole_list(&[]), None);
    }

    use crate::rules::checks::testing::{findings, run_default};

    const GARDENS: &str = "Luas taman dan tugu yang dikelola adalah sebagai berikut :\n\n1. Hutan Kota\t: 20.000\n\n2. Alun-alun Kota\t: 6.000\n\n3. Lapangan Prawatasari\t: 20.526\n\n4. Taman Joglo\t: 4.725\n\nJUMLAH\t: {total} M2\n\nDan capaian tempat pembuangan sampah persatuan penduduk 61% dari target.\n";

    #[test]
    fn a_list_total_that_is_not_its_sum_is_found() {
        let found = findings("list-sum", &GARDENS.replace("{total}", "52.251"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "52.251");
        assert_eq!(found[0].expected, "51.251");
        let (found, coverage) = run_default("list-sum", &GARDENS.replace("{total}", "51.251"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }

    #[test]
    fn a_total_in_the_sentence_before_the_list_is_checked() {
        let text = "Pelaksanaan tugas didukung dengan sumber daya manusia yaitu sebanyak {total}\n\na) Jabatan struktural\t: 17\n\nb) PNS/Staf\t: 131\n\nc) Honorer/TKS\t: 246\n\nBerikut struktur organisasi dinas.\n";
        let found = findings("list-sum", &text.replace("{total}", "377"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "394");
        assert!(findings("list-sum", &text.replace("{total}", "394")).is_empty());
    }

    /// A list that does not start at 1 may be the rest of a longer one.
    #[test]
    fn a_list_not_numbered_from_one_is_not_summed() {
        let text = GARDENS
            .replace("{total}", "99.999")
            .replace("1. Hutan", "5. Hutan")
            .replace("2. Alun", "6. Alun")
            .replace("3. Lap", "7. Lap")
            .replace("4. Taman", "8. Taman");
        assert!(findings("list-sum", &text).is_empty());
    }

    /// A list broken by a page: the page number and header between its items.
    #[test]
    fn a_list_over_a_page_break_is_one_list() {
        let text = GARDENS.replace("{total}", "52.251").replace(
            "\n\n3. Lapangan",
            "\n\n23\n\nDinas Kebersihan dan Pertamanan\n\u{c}3. Lapangan",
        );
        let found = findings("list-sum", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "51.251");
    }
}
