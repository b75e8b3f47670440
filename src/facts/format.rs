//! Printing decimals the way an Indonesian report prints them.

use rust_decimal::{Decimal, RoundingStrategy};

/// Formats `value` with `decimals` decimals in Indonesian style:
/// `.` between thousands, `,` before decimals (1505651826 → "1.505.651.826",
/// 83.7647 with 2 → "83,76").
pub fn format_id(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = rounded.abs().to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (text.clone(), String::new()),
    };
    let mut frac = frac_part;
    while (frac.len() as u32) < decimals {
        frac.push('0');
    }
    let grouped = group_thousands(&int_part, '.');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if decimals > 0 {
        out.push(',');
        out.push_str(&frac[..decimals as usize]);
    }
    out
}

fn group_thousands(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// Formats a percentage with `decimals` decimals and a `%` sign ("83,76%").
pub fn format_percent(value: Decimal, decimals: u32) -> String {
    format!("{}%", format_id(value, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn groups_thousands_and_uses_comma_decimals() {
        assert_eq!(format_id(d("1505651826"), 0), "1.505.651.826");
        assert_eq!(format_id(d("83.76470588"), 2), "83,76");
        assert_eq!(format_id(d("1729782597.1"), 2), "1.729.782.597,10");
        assert_eq!(format_id(d("999"), 0), "999");
        assert_eq!(format_id(d("1000"), 0), "1.000");
        assert_eq!(format_id(d("0.5"), 0), "1");
        assert_eq!(format_id(d("-20772"), 0), "-20.772");
    }

    #[test]
    fn percent_has_sign() {
        assert_eq!(format_percent(d("119.2875"), 2), "119,29%");
    }
}
