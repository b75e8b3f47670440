//! Indonesian number words: `empat`, `dua puluh lima`, `seratus`, and the
//! "5 (lima)" pairs reports use to state counts twice.

use std::sync::LazyLock;

use regex::Regex;

const UNITS: [&str; 10] = [
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
];

fn unit(word: &str) -> Option<u64> {
    UNITS.iter().position(|u| *u == word).map(|p| p as u64)
}

/// Parses Indonesian number words (case-insensitive, extra spaces and
/// surrounding parentheses allowed). Returns None for anything else.
pub fn parse_number_words(text: &str) -> Option<u64> {
    let cleaned = text
        .trim()
        .trim_matches(|c| c == '(' || c == ')')
        .trim()
        .to_lowercase();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let mut total: u64 = 0; // completed millions/thousands
    let mut current: u64 = 0; // below a thousand
    let mut pending: Option<u64> = None; // a unit waiting for puluh/belas/ratus
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        match w {
            "sepuluh" => current += 10,
            "sebelas" => current += 11,
            "seratus" => current += 100,
            "seribu" => total += 1000,
            "puluh" => current += pending.take()? * 10,
            "belas" => current += pending.take()? + 10,
            "ratus" => current += pending.take()? * 100,
            "ribu" | "juta" | "miliar" | "milyar" => {
                let multiplier = match w {
                    "ribu" => 1_000,
                    "juta" => 1_000_000,
                    _ => 1_000_000_000,
                };
                let group = current + pending.take().unwrap_or(0);
                if group == 0 {
                    return None;
                }
                total += group * multiplier;
                current = 0;
            }
            _ => {
                let u = unit(w)?;
                if let Some(p) = pending.replace(u) {
                    // Two units in a row ("dua tiga") is not a number.
                    let _ = p;
                    return None;
                }
            }
        }
        i += 1;
    }
    Some(total + current + pending.unwrap_or(0))
}

fn below_thousand(n: u64) -> Vec<String> {
    let mut out = Vec::new();
    let hundreds = n / 100;
    let rest = n % 100;
    match hundreds {
        0 => {}
        1 => out.push("seratus".to_string()),
        h => out.push(format!("{} ratus", UNITS[h as usize])),
    }
    match rest {
        0 => {}
        10 => out.push("sepuluh".into()),
        11 => out.push("sebelas".into()),
        12..=19 => out.push(format!("{} belas", UNITS[(rest - 10) as usize])),
        1..=9 => out.push(UNITS[rest as usize].to_string()),
        _ => {
            out.push(format!("{} puluh", UNITS[(rest / 10) as usize]));
            if !rest.is_multiple_of(10) {
                out.push(UNITS[(rest % 10) as usize].to_string());
            }
        }
    }
    out
}

/// Writes a number in Indonesian words, e.g. 25 → "dua puluh lima".
pub fn number_to_words(n: u64) -> String {
    if n == 0 {
        return "nol".into();
    }
    let mut parts = Vec::new();
    let groups = [
        (1_000_000_000, "miliar"),
        (1_000_000, "juta"),
        (1_000, "ribu"),
    ];
    let mut rest = n;
    for (size, name) in groups {
        let g = rest / size;
        rest %= size;
        if g == 0 {
            continue;
        }
        if g == 1 && size == 1_000 {
            parts.push("seribu".to_string());
        } else {
            parts.extend(below_thousand(g));
            parts.push(name.to_string());
        }
    }
    parts.extend(below_thousand(rest));
    parts.join(" ")
}

/// `5 ( lima )`: digits followed by number words in parentheses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitWordPair {
    pub digits: u64,
    pub digits_text: String,
    pub words: String,
    pub words_value: Option<u64>,
    pub start: usize,
    pub end: usize,
}

static PAIR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\b(?P<digits>\d{1,4})\s*\.{0,2}\s*\(\s*(?P<words>[a-z]+(?:\s+[a-z]+){0,5})\s*\)",
    )
    .expect("valid regex")
});

/// Finds digit–word pairs in running text ("2 (dua)", "5 ( lima )", "2..(dua)").
/// Pairs whose parenthesis holds no number words get `words_value: None`.
pub fn find_digit_word_pairs(text: &str) -> Vec<DigitWordPair> {
    PAIR.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let digits_text = c.name("digits")?.as_str().to_string();
            let digits = digits_text.parse().ok()?;
            let words = c.name("words")?.as_str().to_string();
            let words_value = parse_number_words(&words);
            Some(DigitWordPair {
                digits,
                digits_text,
                words,
                words_value,
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_to_numbers() {
        for (text, n) in [
            ("lima", 5),
            ("dua puluh lima", 25),
            ("seratus", 100),
            ("sebelas", 11),
            ("dua belas", 12),
            ("seribu", 1000),
            ("tiga ratus dua puluh", 320),
            ("satu", 1),
            ("nol", 0),
            ("Empat", 4),
            ("( lima )", 5),
            ("sepuluh", 10),
            ("dua ribu dua puluh", 2020),
            ("satu juta", 1_000_000),
        ] {
            assert_eq!(parse_number_words(text), Some(n), "{text}");
        }
        assert_eq!(parse_number_words("lima kegiatan"), None);
        assert_eq!(parse_number_words("dua tiga"), None);
        assert_eq!(parse_number_words(""), None);
    }

    #[test]
    fn numbers_to_words_round_trip() {
        assert_eq!(number_to_words(25), "dua puluh lima");
        assert_eq!(number_to_words(6), "enam");
        assert_eq!(number_to_words(112), "seratus dua belas");
        assert_eq!(number_to_words(2020), "dua ribu dua puluh");
        for n in [
            0, 1, 9, 10, 11, 19, 20, 99, 100, 101, 999, 1000, 1001, 12_345, 999_999, 1_000_000,
            7_654_321,
        ] {
            assert_eq!(parse_number_words(&number_to_words(n)), Some(n), "{n}");
        }
    }

    #[test]
    fn digit_word_pairs() {
        let pairs = find_digit_word_pairs(
            "sebanyak 5 ( lima ) kegiatan dari 2..(dua) sasaran dan 4 (Empat)",
        );
        let got: Vec<(u64, Option<u64>)> =
            pairs.iter().map(|p| (p.digits, p.words_value)).collect();
        assert_eq!(got, vec![(5, Some(5)), (2, Some(2)), (4, Some(4))]);
        let pairs = find_digit_word_pairs("sebanyak 5 (enam) kegiatan; Pasal 3 (tiga puluh)");
        assert_eq!(pairs[0].words_value, Some(6));
        assert_eq!(pairs[1].words_value, Some(30));
        assert_eq!(
            find_digit_word_pairs("Tabel 4.1 (Tujuan)")[0].words_value,
            None
        );
    }
}
