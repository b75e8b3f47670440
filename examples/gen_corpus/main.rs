//! Generates a corpus of realistic LKjIP text exports with errors injected at
//! known places, and an answer key, for measuring recall and false findings.
//!
//! cargo run --release --example gen_corpus -- --n 200 --out target/corpus [--seed 7] [--clean-ratio 0.3]
//!
//! Every report is internally consistent (totals add up, percentages round
//! right, years fit the report year) except for the one injected error of a
//! dirty report, recorded in `answer-key.json` as {file, page, line, rule,
//! stated, expected}. Clean reports have no entry.

use std::fmt::Write as _;
use std::path::PathBuf;

use rust_decimal::Decimal;
use rust_decimal::prelude::*;

mod series;

/// splitmix64: small, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const KINDS: [&str; 25] = [
    "year-mentions",
    "signature-year",
    "same-realisasi-belanja-langsung",
    "digits-words",
    "capaian-formula",
    "average-claim",
    "predicate-scale",
    "list-count",
    "table-column-sum",
    "table-percentage",
    "malformed-number",
    "citation-year",
    "template-text",
    "duplicate-table-number",
    "evaluated-count",
    "same-anggaran-belanja-langsung",
    "parts-sum",
    "share-of-total",
    "activity-figures",
    "table-progress",
    "empty-required-cell",
    "table-row-sum",
    "predicate-counts",
    "required-chapters",
    "predicate-recomputed",
];

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

fn words(n: usize) -> String {
    lkjip_audit::facts::words::number_to_words(n as u64)
}

/// 1234567 → "1.234.567" (Indonesian thousands).
fn rupiah(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A decimal with two decimals and a comma: 83.7647 → "83,76".
fn pct(v: Decimal) -> String {
    let r = v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    format!("{r:.2}").replace('.', ",")
}

#[derive(serde::Serialize)]
struct KeyEntry {
    file: String,
    page: Option<u32>,
    line: usize,
    rule: &'static str,
    stated: String,
    expected: String,
    /// A second finding the injected error rightly causes (the ikhtisar no
    /// longer agrees with a wrong TOTAL, say); not counted in recall.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    consequence: bool,
    /// For an error across reports, the other report's file.
    #[serde(skip_serializing_if = "Option::is_none")]
    related: Option<String>,
}

/// A report being written, and its answer key.
struct Doc<'a> {
    lines: Vec<String>,
    file: &'a str,
    /// The error this report gets, if any.
    inject: Option<&'static str>,
    key: Vec<KeyEntry>,
    consequences: Vec<KeyEntry>,
}

impl Doc<'_> {
    /// Adds a line and returns its 1-based number.
    fn push(&mut self, line: impl Into<String>) -> usize {
        self.lines.push(line.into());
        self.lines.len()
    }
    fn blank(&mut self) {
        self.lines.push(String::new());
    }
    /// Whether this report gets the error `kind`.
    fn on(&self, kind: &str) -> bool {
        self.inject == Some(kind)
    }
    fn entry(&self, line: usize, rule: &'static str, stated: String, expected: String) -> KeyEntry {
        KeyEntry {
            file: self.file.to_string(),
            page: None,
            line,
            rule,
            stated,
            expected,
            consequence: false,
            related: None,
        }
    }
    /// Records an injected error at `line`.
    fn note(&mut self, line: usize, rule: &'static str, stated: String, expected: String) {
        let entry = self.entry(line, rule, stated, expected);
        self.key.push(entry);
    }
    /// Records a finding the injected error rightly causes at `line`.
    fn also(&mut self, line: usize, rule: &'static str) {
        let entry = KeyEntry {
            consequence: true,
            ..self.entry(line, rule, String::new(), String::new())
        };
        self.consequences.push(entry);
    }
    /// Adds a line that states a figure, recording it when `kind` is this
    /// report's error (the line then states it wrong).
    fn claim(
        &mut self,
        kind: &'static str,
        text: impl Into<String>,
        stated: String,
        expected: String,
    ) -> usize {
        let line = self.push(text);
        if self.on(kind) {
            self.note(line, kind, stated, expected);
        }
        line
    }
}

struct Indicator {
    name: String,
    negative: bool,
    target: u64,
    realisasi: u64,
}

impl Indicator {
    fn capaian(&self) -> Decimal {
        let t = Decimal::from(self.target);
        let r = Decimal::from(self.realisasi);
        if self.negative {
            (t - (r - t)) / t * Decimal::from(100)
        } else {
            r / t * Decimal::from(100)
        }
    }
}

/// One band of an ordinal scale as a report states it: integer bounds
/// (inclusive), the range as printed, and the label.
struct Band {
    min: Option<i64>,
    max: Option<i64>,
    range: &'static str,
    label: &'static str,
}

const fn band(
    min: Option<i64>,
    max: Option<i64>,
    range: &'static str,
    label: &'static str,
) -> Band {
    Band {
        min,
        max,
        range,
        label,
    }
}

/// The scales reports use; each report states one of them in its Lampiran.
const SCALES: [&[Band]; 3] = [
    &[
        band(Some(101), None, "Lebih dari 100 %", "Sangat Baik"),
        band(Some(76), Some(100), "76 % s/d 100 %", "Baik"),
        band(Some(55), Some(75), "55 % s/d 75 %", "Cukup"),
        band(None, Some(54), "Kurang dari 55 %", "Kurang"),
    ],
    &[
        band(Some(91), Some(100), "91 % s/d 100 %", "Sangat Baik"),
        band(Some(76), Some(90), "76 % s/d 90 %", "Baik"),
        band(Some(66), Some(75), "66 % s/d 75 %", "Cukup"),
        band(Some(51), Some(65), "51 % s/d 65 %", "Kurang"),
        band(Some(0), Some(50), "0 % s/d 50 %", "Sangat Kurang"),
    ],
    &[
        band(Some(101), None, "Lebih dari 100 %", "Sangat Baik"),
        band(Some(85), Some(100), "85 % s/d 100 %", "Baik"),
        band(Some(70), Some(84), "70 % s/d 84 %", "Cukup"),
        band(None, Some(69), "Kurang dari 70 %", "Kurang"),
    ],
];

/// The band index of a capaian: the band holding it ("Lebih dari 100" holds
/// 100,37), or (between integer bands, above the top, below the bottom) the
/// nearest one below it.
fn band_of(scale: &[Band], c: Decimal) -> usize {
    if let [only] = labels_read(scale, c).as_slice() {
        return *only;
    }
    let floor = c.floor().to_i64().unwrap_or(0);
    scale
        .iter()
        .position(|b| b.min.is_none_or(|m| floor >= m) && b.max.is_none_or(|m| floor <= m))
        .unwrap_or(if floor > scale[0].min.unwrap_or(0) {
            0
        } else {
            scale.len() - 1
        })
}

/// The labels the rules read for a capaian: the bands holding it ("Lebih dari
/// 100" is > 100, "Kurang dari 55" is < 55, "76 s/d 100" is 76..=100), or,
/// between integer bands, each neighbour less than 1 away.
fn labels_read(scale: &[Band], c: Decimal) -> Vec<usize> {
    let bounds = |b: &Band| {
        let low = b.min.map(|m| {
            if b.range.starts_with("Lebih") {
                (Decimal::from(m - 1), false)
            } else {
                (Decimal::from(m), true)
            }
        });
        let high = b.max.map(|m| {
            if b.range.starts_with("Kurang") {
                (Decimal::from(m + 1), false)
            } else {
                (Decimal::from(m), true)
            }
        });
        (low, high)
    };
    let inside: Vec<usize> = (0..scale.len())
        .filter(|&i| {
            let (low, high) = bounds(&scale[i]);
            low.is_none_or(|(m, incl)| if incl { c >= m } else { c > m })
                && high.is_none_or(|(m, incl)| if incl { c <= m } else { c < m })
        })
        .collect();
    if !inside.is_empty() {
        return inside;
    }
    let distance = |i: usize| {
        let (low, high) = bounds(&scale[i]);
        low.map(|(m, _)| (m - c).max(Decimal::ZERO))
            .unwrap_or_default()
            + high
                .map(|(m, _)| (c - m).max(Decimal::ZERO))
                .unwrap_or_default()
    };
    let best = (0..scale.len()).map(distance).min().unwrap_or_default();
    (0..scale.len())
        .filter(|&i| distance(i) == best || distance(i) < Decimal::ONE)
        .collect()
}

/// A capaian well inside band `i` of a scale.
fn inside_band(b: &Band) -> Decimal {
    match (b.min, b.max) {
        (Some(lo), Some(hi)) => Decimal::from(lo + hi) / Decimal::from(2) + Decimal::new(13, 2),
        (Some(lo), None) => Decimal::from(lo + 9) + Decimal::new(41, 2),
        (None, Some(hi)) => Decimal::from(hi - 12) + Decimal::new(27, 2),
        (None, None) => Decimal::from(80),
    }
}

/// One report: a random office and year with the error `inject`, or, for a
/// series (see series.rs), the office, year, indicators and cross-year tables
/// that `series` gives (the report is then clean on its own).
fn generate(
    rng: &mut Rng,
    file: &str,
    inject: Option<&'static str>,
    series: Option<&series::Year>,
) -> (String, Vec<KeyEntry>) {
    let (kind, names): (&str, &[&str]) = *rng.pick(&[
        (
            "Kecamatan",
            &[
                "Sukamaju",
                "Tanjungsari",
                "Kaliwates",
                "Sumbersari",
                "Patrang",
                "Arjasa",
            ][..],
        ),
        (
            "Dinas",
            &[
                "Kesehatan",
                "Pendidikan",
                "Pekerjaan Umum",
                "Sosial",
                "Perhubungan",
            ][..],
        ),
        (
            "Badan",
            &[
                "Kepegawaian Daerah",
                "Pendapatan Daerah",
                "Perencanaan Pembangunan",
            ][..],
        ),
    ]);
    let office = format!("{kind} {}", rng.pick(names));
    let place = rng
        .pick(&["Jember", "Bondowoso", "Lumajang", "Situbondo"])
        .to_string();
    let year = rng.range(2019, 2024);
    // A series draws the same numbers as a lone report, then uses its own.
    let (office, place, year) = match series {
        Some(s) => (s.office.clone(), s.place.clone(), s.year),
        None => (office, place, year),
    };
    let scale = SCALES[rng.below(SCALES.len() as u64) as usize];
    let mut d = Doc {
        lines: Vec::new(),
        file,
        inject,
        key: Vec::new(),
        consequences: Vec::new(),
    };

    // Kata pengantar: the title twice, so that the report year is clear.
    d.push("KATA PENGANTAR");
    d.blank();
    let permen_year = if d.on("citation-year") { 2015 } else { 2014 };
    d.claim(
        "citation-year",
        format!(
            "Laporan Kinerja {office} Tahun {year} disusun berdasarkan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun {permen_year}."
        ),
        "2015".to_string(),
        "2014".to_string(),
    );
    d.blank();
    let sign_day = rng.range(1, 28);
    let sign_month = *rng.pick(&MONTHS[..3]);
    let sign_year = if d.on("signature-year") {
        year
    } else {
        year + 1
    };
    d.claim(
        "signature-year",
        format!("{place}, {sign_day} {sign_month} {sign_year}"),
        format!("{sign_month} {sign_year}"),
        (year + 1).to_string(),
    );
    d.blank();

    // Budget table figures, needed by the Ikhtisar.
    // 5 to 60 rows: programs (group rows) over their activities.
    let groups = rng.range(1, 4) as usize;
    let mut programs = Vec::new();
    // Activities are numbered through the report, so no two share a name.
    let mut numbered = 0;
    for _ in 0..groups {
        let children = rng.range(if groups == 1 { 4 } else { 1 }, 14) as usize;
        let mut items = Vec::new();
        for c in 0..children {
            let anggaran = rng.range(20, 900) * 500_000;
            let share = rng.range(70, 100);
            let realisasi = anggaran / 100 * share - rng.range(0, 9) * 25_000;
            items.push((
                format!(
                    "Kegiatan {} {}",
                    rng.pick(&[
                        "Penyusunan",
                        "Pembinaan",
                        "Fasilitasi",
                        "Koordinasi",
                        "Penyediaan",
                        "Pemeliharaan"
                    ]),
                    rng.pick(&[
                        "Dokumen Perencanaan",
                        "Sarana Kantor",
                        "Pelayanan Publik",
                        "Administrasi Desa",
                        "Data Kinerja",
                        "Rapat Kerja"
                    ])
                ) + &format!(" {}", numbered + c + 1),
                anggaran,
                realisasi,
            ));
        }
        numbered += children;
        programs.push((
            format!(
                "Program {}",
                rng.pick(&[
                    "Pelayanan Administrasi Perkantoran",
                    "Peningkatan Kapasitas Aparatur",
                    "Penataan Pemerintahan Desa",
                    "Pemberdayaan Masyarakat"
                ])
            ),
            items,
        ));
    }
    let total_anggaran: u64 = programs.iter().flat_map(|p| p.1.iter().map(|i| i.1)).sum();
    let total_realisasi: u64 = programs.iter().flat_map(|p| p.1.iter().map(|i| i.2)).sum();
    let total_pct =
        Decimal::from(total_realisasi) / Decimal::from(total_anggaran) * Decimal::from(100);

    d.push("IKHTISAR EKSEKUTIF");
    d.blank();
    let stated_year = if d.on("year-mentions") {
        year - 2
    } else {
        year
    };
    d.claim(
        "year-mentions",
        format!(
            "Laporan Kinerja {office} Tahun {stated_year} memuat capaian kinerja atas sasaran strategis yang ditetapkan dalam Perjanjian Kinerja."
        ),
        stated_year.to_string(),
        year.to_string(),
    );
    d.blank();
    let ikhtisar_realisasi = if d.on("same-realisasi-belanja-langsung") {
        total_realisasi - rng.range(1, 40) * 125_000
    } else {
        total_realisasi
    };
    let realisasi_line = d.claim(
        "same-realisasi-belanja-langsung",
        format!(
            "Sedangkan realisasi belanja langsung sampai dengan 31 Desember {year} sebesar Rp {},- atau {} % dari pagu anggaran.",
            rupiah(ikhtisar_realisasi),
            pct(Decimal::from(ikhtisar_realisasi) / Decimal::from(total_anggaran) * Decimal::from(100))
        ),
        rupiah(ikhtisar_realisasi),
        rupiah(total_realisasi),
    );
    d.blank();
    let ikhtisar_anggaran = if d.on("same-anggaran-belanja-langsung") {
        total_anggaran - rng.range(1, 40) * 250_000
    } else {
        total_anggaran
    };
    let anggaran_line = d.claim(
        "same-anggaran-belanja-langsung",
        format!(
            "Untuk mendukung pencapaian kinerja tahun {year} dilaksanakan berbagai Program dan Kegiatan dengan mengalokasikan dana dalam APBD Tahun Anggaran {year} untuk Belanja Langsung sebesar Rp {},-.",
            rupiah(ikhtisar_anggaran)
        ),
        format!("Rp {}", rupiah(ikhtisar_anggaran)),
        rupiah(total_anggaran),
    );
    d.blank();
    let btl = rng.range(200, 2000) * 1_000_000 + rng.range(0, 99) * 1000;
    let btl_text = if d.on("malformed-number") {
        let t = rupiah(btl);
        format!("{},{}'00", &t[..t.len() - 4], &t[t.len() - 3..])
    } else {
        format!("{},00", rupiah(btl))
    };
    let line = d.push(format!("Belanja tidak langsung tahun {year} sebesar Rp {btl_text} untuk gaji dan tunjangan pegawai."));
    if d.on("malformed-number") {
        d.note(line, "malformed-number", btl_text.clone(), String::new());
    }
    d.blank();

    d.push("BAB I");
    d.push("PENDAHULUAN");
    d.blank();
    let bidang = rng.range(2, 6) as usize;
    let bidang_words = if d.on("digits-words") {
        words(bidang + 1)
    } else {
        words(bidang)
    };
    d.claim(
        "digits-words",
        format!(
            "{office} dipimpin oleh seorang kepala dan memiliki {bidang} ({bidang_words}) bidang yang melaksanakan tugas teknis."
        ),
        format!("{bidang} ({bidang_words})"),
        format!("{bidang} ({})", words(bidang)),
    );
    d.blank();
    if d.on("required-chapters") {
        // The chapter's text is there, its heading is not.
        d.note(1, "required-chapters", String::new(), "BAB II".to_string());
    } else {
        d.push("BAB II");
        d.push("PERENCANAAN KINERJA");
        d.blank();
    }
    d.push(format!("Perjanjian Kinerja tahun {year} memuat sasaran strategis, indikator kinerja dan target yang akan dicapai."));
    d.blank();
    if let Some(s) = series {
        series::plan_table(&mut d, s);
    }
    let number = if d.on("template-text") {
        "...".to_string()
    } else {
        rng.range(2, 60).to_string()
    };
    d.claim(
        "template-text",
        format!(
            "Rencana Strategis ditetapkan dengan Peraturan Bupati Nomor {number} Tahun {} tentang Rencana Strategis Perangkat Daerah.",
            year - 1
        ),
        format!("Nomor {number} Tahun"),
        String::new(),
    );
    d.blank();

    // Bab III: measurement table.
    d.push("BAB III");
    d.push("AKUNTABILITAS KINERJA");
    d.blank();
    d.push("Capaian Kinerja = Realisasi / Target x 100");
    d.blank();
    d.push("Capaian Kinerja = (Target - (Realisasi - Target)) / Target x 100");
    d.blank();
    let n_ind = rng.range(2, 8) as usize;
    let mut indicators = Vec::new();
    for i in 0..n_ind {
        let negative = rng.chance(0.25);
        let target = rng.range(20, 100);
        // Around the target, on either side: lower is better for negative indicators.
        let realisasi = if negative {
            target - rng.range(0, target / 3) + rng.range(0, target / 4)
        } else {
            target - rng.range(0, target / 3) + rng.range(0, target / 8)
        };
        let name = if negative {
            format!(
                "{} (negatif) {}",
                rng.pick(&[
                    "Angka kematian ibu",
                    "Prevalensi stunting",
                    "Jumlah kasus pelanggaran perda"
                ]),
                i + 1
            )
        } else {
            format!(
                "Persentase {} {}",
                rng.pick(&[
                    "desa yang menyusun dokumen perencanaan tepat waktu",
                    "pelayanan administrasi yang selesai tepat waktu",
                    "rekomendasi hasil koordinasi yang ditindaklanjuti",
                    "kepuasan masyarakat terhadap layanan"
                ]),
                i + 1
            )
        };
        indicators.push(Indicator {
            name,
            negative,
            target,
            realisasi,
        });
    }
    if let Some(s) = series {
        indicators = s
            .indicators
            .iter()
            .map(series::Indicator::of_year)
            .collect();
    }
    let n_ind = indicators.len();
    d.push("Tabel 3.1");
    match series {
        // The year in the caption: the table is the report's own of its year.
        Some(_) => d.push(format!("Pengukuran Kinerja Tahun {year}")),
        None => d.push("Pengukuran Kinerja"),
    };
    d.push("NO\tINDIKATOR\tTARGET\tREALISASI\tCAPAIAN");
    let mut measured_lines = Vec::new();
    let wrong_capaian = rng.below(n_ind as u64) as usize;
    let mut printed = Vec::new();
    for (i, ind) in indicators.iter().enumerate() {
        let right = ind.capaian();
        let shown = if d.on("capaian-formula") && i == wrong_capaian {
            // The realisation copied into the capaian column, as Ledokombo did.
            Decimal::from(ind.realisasi) + Decimal::new(37, 2)
        } else if d.on("predicate-recomputed") && i == wrong_capaian {
            // A capaian two bands away; the predicate below follows it.
            let at = band_of(scale, right);
            inside_band(&scale[if at >= 2 { at - 2 } else { at + 2 }])
        } else {
            right
        };
        let shown_text = pct(shown);
        printed.push(
            shown_text
                .replace(',', ".")
                .parse::<Decimal>()
                .unwrap_or_default(),
        );
        let line = d.push(format!(
            "{}\t{}\t{}\t{}\t{}",
            i + 1,
            ind.name,
            ind.target,
            ind.realisasi,
            shown_text
        ));
        measured_lines.push(line);
        if (d.on("capaian-formula") || d.on("predicate-recomputed")) && i == wrong_capaian {
            d.note(line, "capaian-formula", shown_text, pct(right));
        }
    }
    d.blank();
    if let Some(s) = series {
        series::note_measured(&mut d, s, &measured_lines);
    }
    let evaluated = if d.on("evaluated-count") {
        n_ind + 1
    } else {
        n_ind
    };
    d.claim(
        "evaluated-count",
        format!(
            "Pada tahun {year} dilakukan evaluasi dan analisis capaian terhadap {evaluated} ({}) indikator kinerja.",
            words(evaluated)
        ),
        format!("{evaluated} indikator"),
        format!("{n_ind} indikator"),
    );
    d.blank();
    let avg = printed.iter().copied().sum::<Decimal>() / Decimal::from(printed.len());
    let stated_avg = if d.on("average-claim") {
        avg + Decimal::from(rng.range(2, 9))
    } else {
        avg
    };
    d.claim(
        "average-claim",
        format!(
            "Dari tabel diatas rata-rata capaian sasaran sebesar {} %.",
            pct(stated_avg)
        ),
        format!("{} %", pct(stated_avg)),
        pct(avg),
    );
    d.blank();
    let wrong_predicate = rng.below(n_ind as u64) as usize;
    for (i, ind) in indicators.iter().enumerate() {
        let at = band_of(scale, printed[i]);
        let right = scale[at].label;
        // Two bands away: wrong on any reading of the scale.
        let label = if d.on("predicate-scale") && i == wrong_predicate {
            scale[if at >= 2 { at - 2 } else { at + 2 }].label
        } else {
            right
        };
        let line = d.push(format!(
            "Sasaran {} : {} mendapat predikat nilai {label}.",
            i + 1,
            ind.name
        ));
        if d.on("predicate-scale") && i == wrong_predicate {
            d.note(
                line,
                "predicate-scale",
                label.to_string(),
                right.to_uppercase(),
            );
        }
        // A predicate that follows a wrong label or a wrong capaian is also
        // wrong for the capaian recomputed from target and realisation.
        let misjudged = !labels_read(scale, ind.capaian()).contains(&band_of(scale, printed[i]));
        if (d.on("predicate-scale") && i == wrong_predicate)
            || (d.on("capaian-formula") && i == wrong_capaian && misjudged)
        {
            d.also(line, "predicate-recomputed");
        }
        if d.on("predicate-recomputed") && i == wrong_capaian {
            let recomputed = band_of(scale, ind.capaian());
            d.note(
                line,
                "predicate-recomputed",
                label.to_string(),
                scale[recomputed].label.to_uppercase(),
            );
        }
        d.blank();
    }
    let activities: Vec<&String> = programs
        .iter()
        .flat_map(|p| p.1.iter().map(|i| &i.0))
        .collect();
    let claimed = if d.on("list-count") {
        activities.len() + 1
    } else {
        activities.len()
    };
    d.claim(
            "list-count",
            format!(
            "Kegiatan yang dilaksanakan selama tahun {year} sebanyak {claimed} ({}) kegiatan yaitu :",
            words(claimed)
        ),
        format!("{claimed} kegiatan"),
        format!("{} kegiatan", activities.len()),
    );
    for (i, a) in activities.iter().enumerate() {
        d.push(format!("{}. {a};", i + 1));
    }
    d.blank();

    d.claim(
        "duplicate-table-number",
        if d.on("duplicate-table-number") {
            "Tabel 3.1"
        } else {
            "Tabel 3.2"
        },
        "Tabel 3.1".to_string(),
        String::new(),
    );
    d.push("Realisasi Anggaran");
    d.push("No\tPROGRAM / KEGIATAN\tANGGARAN (Rp)\tREALISASI (Rp)\tCAPAIAN (%)");
    let romans = ["I", "II", "III", "IV"];
    let all_rows: usize = programs.iter().map(|p| p.1.len()).sum();
    let wrong_pct_row = rng.below(all_rows as u64) as usize;
    let mut row_index = 0;
    for (g, (program, items)) in programs.iter().enumerate() {
        let a: u64 = items.iter().map(|i| i.1).sum();
        let r: u64 = items.iter().map(|i| i.2).sum();
        d.push(format!(
            "{}\t{program}\t{}\t{}\t{}",
            romans[g],
            rupiah(a),
            rupiah(r),
            pct(Decimal::from(r) / Decimal::from(a) * Decimal::from(100))
        ));
        for (c, (name, a, r)) in items.iter().enumerate() {
            let right = Decimal::from(*r) / Decimal::from(*a) * Decimal::from(100);
            let shown = if d.on("table-percentage") && row_index == wrong_pct_row {
                right + Decimal::from(3)
            } else {
                right
            };
            let line = d.push(format!(
                "{}\t{name}\t{}\t{}\t{}",
                c + 1,
                rupiah(*a),
                rupiah(*r),
                pct(shown)
            ));
            if d.on("table-percentage") && row_index == wrong_pct_row {
                d.note(line, "table-percentage", pct(shown), pct(right));
            }
            row_index += 1;
        }
    }
    let shown_total = if d.on("table-column-sum") {
        total_anggaran + rng.range(1, 9) * 1_000_000
    } else {
        total_anggaran
    };
    let line = d.push(format!(
        "\tTOTAL\t{}\t{}\t{}",
        rupiah(shown_total),
        rupiah(total_realisasi),
        pct(Decimal::from(total_realisasi) / Decimal::from(shown_total) * Decimal::from(100))
    ));
    if d.on("table-column-sum") {
        d.note(
            line,
            "table-column-sum",
            rupiah(shown_total),
            rupiah(total_anggaran),
        );
        // The ikhtisar states the true budget, so it no longer matches the TOTAL.
        d.also(anggaran_line, "same-anggaran-belanja-langsung");
        d.also(realisasi_line, "same-realisasi-belanja-langsung");
    }
    let _ = total_pct;
    d.blank();

    // The budget's composition: the whole, its two parts, their shares.
    d.push("Alokasi Anggaran");
    d.blank();
    let whole = btl + total_anggaran;
    let stated_whole = if d.on("parts-sum") {
        whole + rng.range(1, 30) * 1_000_000
    } else {
        whole
    };
    d.claim(
        "parts-sum",
        format!(
            "Keseluruhan anggaran {office} tahun {year} adalah sebesar Rp {} yang terdiri dari:",
            rupiah(stated_whole)
        ),
        format!("Rp {}", rupiah(stated_whole)),
        rupiah(whole),
    );
    d.blank();
    d.push(format!("a. Belanja Tidak Langsung\tRp. {}", rupiah(btl)));
    d.push(format!(
        "b. Belanja Langsung\tRp. {}",
        rupiah(total_anggaran)
    ));
    d.blank();
    let share = |part: u64| Decimal::from(part) / Decimal::from(whole) * Decimal::from(100);
    let bl_share = share(total_anggaran);
    let stated_bl_share = if d.on("share-of-total") {
        bl_share + Decimal::from(rng.range(4, 12))
    } else {
        bl_share
    };
    d.claim(
            "share-of-total",
            format!(
            "Proporsi Anggaran pada tahun {year}, Belanja Langsung sebesar {}% dan Belanja Tidak Langsung sebesar {}%.",
            pct(stated_bl_share),
            pct(share(btl))
        ),
        format!("{}%", pct(stated_bl_share)),
        pct(bl_share),
    );
    d.blank();

    // Activity details: budget absorbed as a percentage or in rupiah, which
    // must be the budget table's own figures.
    d.push("Uraian pelaksanaan kegiatan:");
    d.blank();
    let items: Vec<&(String, u64, u64)> = programs.iter().flat_map(|p| p.1.iter()).collect();
    let detailed = rng.range(1, 3.min(items.len() as u64)) as usize;
    let first = rng.below((items.len() - detailed + 1) as u64) as usize;
    let wrong_detail = rng.below(detailed as u64) as usize;
    for (k, (name, a, r)) in items
        .iter()
        .enumerate()
        .skip(first)
        .take(detailed)
        .map(|(i, item)| (i - first, item))
    {
        let row_was_wrong = d.on("table-percentage") && k + first == wrong_pct_row;
        let marker = (b'a' + k as u8) as char;
        d.push(format!("{marker}. {name}"));
        d.blank();
        let wrong = d.on("activity-figures") && k == wrong_detail;
        if rng.chance(0.5) {
            let right = Decimal::from(*r) / Decimal::from(*a) * Decimal::from(100);
            let shown = if wrong {
                right - Decimal::from(rng.range(3, 9))
            } else {
                right
            };
            d.push("\t\tTarget\tRealisasi");
            let line = d.push(format!(
                "Input/ Masukan : Jumlah Dana\t:\t100 %\t{} %",
                pct(shown)
            ));
            if wrong {
                d.note(
                    line,
                    "activity-figures",
                    format!("{} %", pct(shown)),
                    pct(right),
                );
            }
            if row_was_wrong {
                // The detail gives the right percentage, the table a wrong one.
                d.also(line, "activity-figures");
            }
        } else {
            let shown = if wrong {
                r - rng.range(1, 20) * 50_000
            } else {
                *r
            };
            d.push("\t\tTarget\tRealisasi");
            let line = d.push(format!(
                "Input/ Masukan : Jumlah Dana\t:\tRp {}\tRp {}",
                rupiah(*a),
                rupiah(shown)
            ));
            if wrong {
                d.note(
                    line,
                    "activity-figures",
                    format!("Rp {}", rupiah(shown)),
                    rupiah(*r),
                );
            }
        }
        d.push("Output/Keluaran : Terlaksananya kegiatan sesuai rencana");
        d.blank();
    }

    // Progress against the end-of-Renstra targets.
    d.push("Tabel 3.3");
    d.push("Perbandingan Realisasi Kinerja s.d. Akhir Periode Renstra");
    d.push(format!(
        "NO\tINDIKATOR SASARAN\tTARGET AKHIR RENSTRA\tREALISASI Th. {year}\tTINGKAT KEMAJUAN"
    ));
    let wrong_progress = rng.below(n_ind as u64) as usize;
    for (i, ind) in indicators.iter().enumerate() {
        let end_target = ind.target + rng.range(0, 15);
        // A series' end target is its plan's, as this report gives the plan.
        let end_target = series.map_or(end_target, |s| series::end_target(s, i));
        let right = Decimal::from(ind.realisasi) / Decimal::from(end_target) * Decimal::from(100);
        let wrong = i == wrong_progress;
        let cell = if d.on("table-progress") && wrong {
            format!("{} %", pct(right + Decimal::from(rng.range(3, 20))))
        } else if d.on("empty-required-cell") && wrong {
            String::new()
        } else {
            format!("{} %", pct(right))
        };
        let line = d.push(format!(
            "{}\t{}\t{end_target}\t{}\t{cell}",
            i + 1,
            ind.name,
            ind.realisasi
        ));
        if let Some(s) = series {
            series::note_end_target(&mut d, s, i, line);
        }
        if wrong && d.on("table-progress") {
            d.note(
                line,
                "table-progress",
                cell.clone(),
                format!("{}%", pct(right)),
            );
        }
        if wrong && d.on("empty-required-cell") {
            d.note(
                line,
                "empty-required-cell",
                String::new(),
                "TINGKAT KEMAJUAN".to_string(),
            );
        }
    }
    d.blank();

    // Renstra funding per year and at the end of the period (in thousands).
    d.push("Tabel 3.4");
    d.push("Rencana Program dan Pendanaan Renstra (dalam ribuan rupiah)");
    let years: Vec<u64> = (year - 4..=year).collect();
    let mut header = String::from("No\tPROGRAM");
    for y in &years {
        let _ = write!(header, "\t{y} Rp");
    }
    header.push_str("\tKondisi Akhir Periode Rp");
    d.push(header);
    let wrong_funding = rng.below(programs.len() as u64) as usize;
    for (g, (program, _)) in programs.iter().enumerate() {
        let amounts: Vec<u64> = years.iter().map(|_| rng.range(10_000, 900_000)).collect();
        let sum: u64 = amounts.iter().sum();
        let shown = if d.on("table-row-sum") && g == wrong_funding {
            sum + rng.range(1, 50) * 1000
        } else {
            sum
        };
        let mut row = format!("{}\t{program}", g + 1);
        for a in &amounts {
            let _ = write!(row, "\t{}", rupiah(*a));
        }
        let _ = write!(row, "\t{}", rupiah(shown));
        let line = d.push(row);
        if d.on("table-row-sum") && g == wrong_funding {
            d.note(line, "table-row-sum", rupiah(shown), rupiah(sum));
        }
    }
    d.blank();

    if let Some(s) = series {
        series::comparison_table(&mut d, s);
    }

    d.push("BAB IV");
    d.push("PENUTUP");
    d.blank();
    d.push(format!(
        "Laporan Kinerja {office} Tahun {year} disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas."
    ));
    d.blank();
    // How many indicators fall in each category, as the rules read the scale.
    let mut per_label: Vec<(usize, usize)> = Vec::new();
    let mut ambiguous = 0;
    for c in &printed {
        let labels = labels_read(scale, *c);
        ambiguous += usize::from(labels.len() > 1);
        let first = labels.first().copied().unwrap_or(0);
        match per_label.iter_mut().find(|(l, _)| *l == first) {
            Some((_, n)) => *n += 1,
            None => per_label.push((first, 1)),
        }
    }
    per_label.sort();
    // "Sangat Kurang" is not a category the sentence rule reads; the error goes
    // on a count it does read, and beyond every reading of values between bands.
    let wrong_count = per_label
        .iter()
        .position(|(l, _)| scale[*l].label != "Sangat Kurang");
    let mut parts = Vec::new();
    let mut count_noted = None;
    for (k, (l, n)) in per_label.iter().enumerate() {
        let label = scale[*l].label.to_lowercase();
        let shown = if d.on("predicate-counts") && Some(k) == wrong_count {
            count_noted = Some((
                format!("{} {label}", n + 1 + ambiguous),
                format!("{n} {label}"),
            ));
            n + 1 + ambiguous
        } else {
            *n
        };
        parts.push(format!(
            "{shown} ({}) indikator dalam kategori {label}",
            words(shown)
        ));
    }
    let line = d.push(format!(
        "Dari hasil evaluasi terhadap kinerja {office} dapat disimpulkan bahwa dari {n_ind} ({}) indikator sasaran pencapaiannya sebanyak {}.",
        words(n_ind),
        parts.join(", dan ")
    ));
    if let Some((stated, expected)) = count_noted {
        d.note(line, "predicate-counts", stated, expected);
    }
    d.blank();
    d.push(format!(
        "Demikian Laporan Kinerja ini disusun sebagai bahan penyusunan rencana kegiatan tahun {}.",
        year + 1
    ));
    d.blank();
    d.push(format!("{place}, {sign_day} {sign_month} {}", year + 1));
    d.blank();
    d.push("LAMPIRAN 1");
    d.blank();
    d.push("Skala penilaian:");
    d.blank();
    d.push("No\tCAPAIAN KINERJA\tKETERANGAN");
    for (k, b) in scale.iter().enumerate() {
        d.push(format!(
            "{}.\t{}\t{}",
            k + 1,
            b.range,
            b.label.to_uppercase()
        ));
    }
    let mut text = String::new();
    for l in &d.lines {
        let _ = writeln!(text, "{l}");
    }
    let mut key = d.key;
    key.append(&mut d.consequences);
    (text, key)
}

/// A small PDF writer of our own: Helvetica (standard 14, WinAnsi), one PDF
/// line per non-blank text line, table cells (tab-separated) placed at column
/// positions shared by the rows of their block, A4 pages of at most
/// `LINES_PER_PAGE` lines; a table is not split over two pages. Returns the PDF
/// and, for every text line (1-based), its (page, line on page).
mod pdf {
    const LINES_PER_PAGE: usize = 84;
    const FONT_SIZE: f32 = 6.5;
    /// Helvetica's average advance at this size, in points per character.
    const CHAR: f32 = 3.4;
    const LEFT: f32 = 36.0;
    const TOP: f32 = 800.0;
    const LEADING: f32 = 9.0;
    /// The space a blank line leaves by default, as a fraction of a line.
    pub const PARAGRAPH_GAP: f32 = 0.8;

    fn escape(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in text.chars() {
            let b = match c {
                '(' | ')' | '\\' => {
                    out.push(b'\\');
                    c as u8
                }
                c if (c as u32) < 128 => c as u8,
                'é' => 0xe9,
                '×' => 0xd7,
                '–' => 0x96,
                _ => b'?',
            };
            out.push(b);
        }
        out
    }

    /// The space between two table rows whose cells wrap (cell padding), in lines.
    const ROW_GAP: f32 = 0.4;

    /// How a report is set.
    pub struct Layout {
        /// The space a blank line leaves, in lines (0: none, as in a document
        /// set without paragraph spacing).
        pub paragraph_gap: f32,
        /// Table cells wrap at this many characters (narrow columns), each row
        /// then taking as many lines as its longest cell.
        pub wrap: Option<usize>,
        /// Wrapped cells are centred vertically in their row (Writer's default
        /// for HTML tables), not set at its top.
        pub centred: bool,
    }

    /// A cell's text in lines of at most `width` characters, broken between words.
    fn wrap_cell(text: &str, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            out.push(line);
        }
        out
    }

    /// A table line's cells, each as the lines it is set in.
    fn cell_lines(line: &str, wrap: Option<usize>) -> Vec<Vec<String>> {
        line.split('\t')
            .map(|cell| match wrap {
                Some(width) => wrap_cell(cell, width),
                None if cell.trim().is_empty() => Vec::new(),
                None => vec![cell.trim().to_string()],
            })
            .collect()
    }

    fn show(content: &mut Vec<u8>, x: f32, y: f32, text: &str) {
        content.extend_from_slice(format!("BT /F1 {FONT_SIZE} Tf {x:.1} {y:.1} Td (").as_bytes());
        content.extend(escape(text));
        content.extend_from_slice(b") Tj ET\n");
    }

    pub fn render(text: &str, layout: &Layout) -> (Vec<u8>, Vec<Option<(u32, u32)>>) {
        let paragraph_gap = layout.paragraph_gap;
        let lines: Vec<&str> = text.lines().collect();
        // Each table line's cells as the lines they are set in (wrapped once).
        let cells: Vec<Vec<Vec<String>>> = lines
            .iter()
            .map(|l| {
                if l.contains('\t') {
                    cell_lines(l, layout.wrap)
                } else {
                    Vec::new()
                }
            })
            .collect();
        let lines_in_row = |j: usize| cells[j].iter().map(Vec::len).max().unwrap_or(1).max(1);
        // The vertical room line j takes, in lines.
        let height = |j: usize| {
            if layout.wrap.is_some() && !cells[j].is_empty() {
                lines_in_row(j) as f32 + ROW_GAP
            } else {
                1.0
            }
        };
        // Blocks: runs of tab lines share column starts.
        let mut columns: Vec<Vec<f32>> = vec![Vec::new(); lines.len()];
        let mut i = 0;
        while i < lines.len() {
            if !lines[i].contains('\t') {
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && lines[i].contains('\t') {
                i += 1;
            }
            let mut widths: Vec<usize> = Vec::new();
            for row in &cells[start..i] {
                for (k, cell) in row.iter().enumerate() {
                    if widths.len() <= k {
                        widths.push(0);
                    }
                    let width = cell.iter().map(|t| t.chars().count()).max().unwrap_or(0);
                    widths[k] = widths[k].max(width);
                }
            }
            let mut x = LEFT;
            let starts: Vec<f32> = widths
                .iter()
                .map(|w| {
                    let here = x;
                    x += (*w as f32 + 8.0) * CHAR;
                    here
                })
                .collect();
            for c in columns.iter_mut().take(i).skip(start) {
                *c = starts.clone();
            }
        }
        let mut pages: Vec<Vec<u8>> = vec![Vec::new()];
        let mut on_page = 0usize;
        // Vertical room used on the page, in lines: a blank line is paragraph
        // spacing, as Word leaves between paragraphs and around tables.
        let mut used = 0f32;
        let mut gap_before = false;
        let mut places = vec![None; lines.len() + 1];
        let mut k = 0;
        while k < lines.len() {
            // A table block moves whole to the next page when it does not fit.
            let block_end = if lines[k].contains('\t') {
                (k..lines.len())
                    .find(|&j| !lines[j].contains('\t'))
                    .unwrap_or(lines.len())
            } else {
                k + 1
            };
            let block_lines: f32 = (k..block_end)
                .filter(|&j| !lines[j].trim().is_empty())
                .map(height)
                .sum();
            // A table taller than a page breaks between its rows instead.
            if on_page > 0
                && used + block_lines > LINES_PER_PAGE as f32
                && block_lines <= LINES_PER_PAGE as f32
            {
                pages.push(Vec::new());
                on_page = 0;
                used = 0.0;
                gap_before = false;
            }
            for (j, line) in lines.iter().enumerate().take(block_end).skip(k) {
                if line.trim().is_empty() {
                    if on_page > 0 && !gap_before && paragraph_gap > 0.0 {
                        used += paragraph_gap;
                        gap_before = true;
                    }
                    continue;
                }
                if on_page > 0 && used + height(j) > LINES_PER_PAGE as f32 {
                    pages.push(Vec::new());
                    on_page = 0;
                    used = 0.0;
                    gap_before = false;
                }
                // A reader numbers a paragraph gap as one blank line.
                if gap_before {
                    on_page += 1;
                    gap_before = false;
                }
                let y = TOP - used * LEADING;
                on_page += 1;
                places[j + 1] = Some((pages.len() as u32, on_page as u32));
                let content = pages.last_mut().expect("a page");
                if line.contains('\t') {
                    let lines_in_row = lines_in_row(j);
                    for (c, cell) in cells[j].iter().enumerate() {
                        let x = columns[j].get(c).copied().unwrap_or(LEFT);
                        let offset = if layout.centred {
                            (lines_in_row - cell.len()) as f32 / 2.0
                        } else {
                            0.0
                        };
                        for (i, text) in cell.iter().enumerate() {
                            show(content, x, y - (offset + i as f32) * LEADING, text);
                        }
                    }
                    // Only the row's first line is numbered exactly; the
                    // scorer matches wrapped reports by file and rule (--loose).
                    on_page += lines_in_row - 1;
                } else {
                    show(content, LEFT, y, line);
                }
                used += height(j);
            }
            k = block_end;
        }
        // Objects: 1 catalog, 2 pages, 3 font, then (page, content) pairs.
        let mut objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            Vec::new(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_vec(),
        ];
        let mut kids = Vec::new();
        for content in &pages {
            let page_id = objects.len() + 1;
            kids.push(format!("{page_id} 0 R"));
            objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>", page_id + 1).into_bytes());
            let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
            stream.extend_from_slice(content);
            stream.extend_from_slice(b"\nendstream");
            objects.push(stream);
        }
        objects[1] = format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes();
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (n, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        (out, places)
    }
}

fn main() {
    let mut n = 200usize;
    let mut out = PathBuf::from("target/corpus");
    let mut seed = 7u64;
    let mut clean_ratio = 0.3f64;
    let mut as_pdf = false;
    let mut series_mode = false;
    let mut layout = pdf::Layout {
        paragraph_gap: pdf::PARAGRAPH_GAP,
        wrap: None,
        centred: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--tight" {
            layout.paragraph_gap = 0.0;
            continue;
        }
        if a == "--centred" {
            layout.centred = true;
            continue;
        }
        if a == "--pdf" {
            as_pdf = true;
            continue;
        }
        if a == "--series" {
            series_mode = true;
            continue;
        }
        let value = args.next().unwrap_or_default();
        match a.as_str() {
            "--n" => n = value.parse().unwrap_or(n),
            "--out" => out = PathBuf::from(value),
            "--seed" => seed = value.parse().unwrap_or(seed),
            "--clean-ratio" => clean_ratio = value.parse().unwrap_or(clean_ratio),
            "--wrap" => layout.wrap = value.parse().ok(),
            other => {
                eprintln!("gen_corpus: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("gen_corpus: {}: {e}", out.display());
        std::process::exit(2);
    }
    let mut rng = Rng(seed);
    let mut key = Vec::new();
    let ext = if as_pdf { "pdf" } else { "txt" };
    // Writes one report and appends its key entries, placed on the PDF's
    // pages when it is one.
    let mut write = |generated: (String, Vec<KeyEntry>), path: PathBuf| {
        let (text, mut entries) = generated;
        let bytes = if as_pdf {
            let (bytes, places) = pdf::render(&text, &layout);
            for e in &mut entries {
                if let Some(Some((page, line))) = places.get(e.line) {
                    e.page = Some(*page);
                    e.line = *line as usize;
                }
            }
            bytes
        } else {
            text.into_bytes()
        };
        for e in &mut entries {
            e.related = e.related.take().map(|r| format!("{r}.{ext}"));
        }
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("gen_corpus: {}: {e}", path.display());
            std::process::exit(2);
        }
        key.append(&mut entries);
    };
    let mut dirty = 0;
    let mut reports = 0;
    if series_mode {
        let all = match series::plan(&mut rng, n, clean_ratio) {
            Ok(all) => all,
            Err(e) => {
                eprintln!("gen_corpus: --series: {e}");
                std::process::exit(2);
            }
        };
        for one in &all {
            dirty += usize::from(one.iter().any(|(stem, _)| stem.ends_with("dirty")));
            for (stem, year) in one {
                let path = out.join(format!("{stem}.{ext}"));
                let generated = generate(&mut rng, &path.to_string_lossy(), None, Some(year));
                write(generated, path);
                reports += 1;
            }
        }
    } else {
        for i in 0..n {
            let inject = (!rng.chance(clean_ratio)).then(|| {
                dirty += 1;
                KINDS[(dirty - 1) % KINDS.len()]
            });
            let state = if inject.is_some() { "dirty" } else { "clean" };
            let stem = format!("lkjip-{i:05}-{state}");
            let path = out.join(format!("{stem}.{ext}"));
            let generated = generate(&mut rng, &path.to_string_lossy(), inject, None);
            write(generated, path);
            reports += 1;
        }
    }
    let key_path = out.join("answer-key.json");
    let json = serde_json::to_string_pretty(&key).unwrap_or_default();
    if let Err(e) = std::fs::write(&key_path, json) {
        eprintln!("gen_corpus: {}: {e}", key_path.display());
        std::process::exit(2);
    }
    let what = if series_mode { "series" } else { "reports" };
    eprintln!(
        "{reports} reports ({n} {what}, {dirty} with an injected error) and {} in {}",
        key_path.display(),
        out.display()
    );
}
