//! Indonesian dates: `10 Februari 2021`, `Pebruari 2021`, `31 Desember 2020`,
//! with the misspellings reports carry.

use std::sync::LazyLock;

use regex::Regex;

/// A date as printed; the day may be missing ("Januari 2020").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndoDate {
    pub day: Option<u8>,
    pub month: u8,
    pub year: i32,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Month number of an Indonesian (or English) month name or abbreviation.
pub fn month_from_name(name: &str) -> Option<u8> {
    let n = name.trim().trim_end_matches('.').to_lowercase();
    let m = match n.as_str() {
        "januari" | "january" | "jan" => 1,
        "februari" | "pebruari" | "febuari" | "pebuari" | "february" | "feb" | "peb" => 2,
        "maret" | "march" | "mar" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "agustus" | "agustos" | "august" | "agu" | "agt" | "ags" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nopember" | "nov" | "nop" => 11,
        "desember" | "december" | "des" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)(?:\b(?P<day>\d{1,2})\s+)?\b(?P<month>[a-z]{3,9}\.?)\s+(?P<year>(?:19|20)\d\d)\b",
    )
    .expect("valid regex")
});

/// Finds Indonesian dates in running text.
pub fn find_dates(text: &str) -> Vec<IndoDate> {
    DATE.captures_iter(text)
        .filter_map(|c| {
            let month = month_from_name(c.name("month")?.as_str())?;
            let year = c.name("year")?.as_str().parse().ok()?;
            let day = c
                .name("day")
                .and_then(|d| d.as_str().parse::<u8>().ok())
                .filter(|d| (1..=31).contains(d));
            let start = if day.is_some() {
                c.name("day")?.start()
            } else {
                c.name("month")?.start()
            };
            let end = c.get(0)?.end();
            Some(IndoDate {
                day,
                month,
                year,
                text: text[start..end].to_string(),
                start,
                end,
            })
        })
        .collect()
}

/// Parses a string that is just a date.
pub fn parse_date(text: &str) -> Option<IndoDate> {
    let t = text.trim();
    find_dates(t)
        .into_iter()
        .find(|d| d.start == 0 && d.end == t.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_and_without_days() {
        let d = find_dates("Ledokombo, 10 Februari 2021");
        assert_eq!((d[0].day, d[0].month, d[0].year), (Some(10), 2, 2021));
        assert_eq!(d[0].text, "10 Februari 2021");
        let d = find_dates("Rambipuji, Pebruari 2020");
        assert_eq!((d[0].day, d[0].month, d[0].year), (None, 2, 2020));
        assert_eq!(d[0].text, "Pebruari 2020");
        assert_eq!(find_dates("sampai dengan 31 Desember 2020")[0].month, 12);
        assert_eq!(parse_date("2 Januari 2020").unwrap().day, Some(2));
        assert_eq!(parse_date("Nopember 2019").unwrap().month, 11);
        assert_eq!(parse_date("Des. 2019").unwrap().month, 12);
    }

    #[test]
    fn not_dates() {
        assert!(find_dates("Tahun 2020").is_empty());
        assert!(find_dates("Nomor 53 Tahun 2014").is_empty());
        assert!(find_dates("Pemeliharaan 2020").is_empty());
        assert!(parse_date("10 Februari 2021 di Jember").is_none());
    }
}
