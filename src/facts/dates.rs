//! Indonesian dates: `10 Februari 2021`, `Pebruari 2021`, `31 Desember 2020`.
//! (API stub: implementation in progress.)

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

/// Finds Indonesian dates in running text.
pub fn find_dates(_text: &str) -> Vec<IndoDate> {
    Vec::new()
}
