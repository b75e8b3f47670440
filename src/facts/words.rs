//! Indonesian number words: `empat`, `dua puluh lima`, `seratus`.
//! (API stub: implementation in progress.)

/// Parses Indonesian number words (case-insensitive, extra spaces allowed).
pub fn parse_number_words(_text: &str) -> Option<u64> {
    None
}

/// Writes a number in Indonesian words, e.g. 25 → "dua puluh lima".
pub fn number_to_words(_n: u64) -> String {
    String::new()
}
