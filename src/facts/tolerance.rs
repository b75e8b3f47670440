//! When a printed figure "matches" a computed value.
//!
//! A figure printed with `d` decimals stands for every value that rounds to it,
//! and — because many reports truncate instead of rounding — every value that
//! truncates to it: 97,49 accepts [97,485 .. 97,50). Nothing looser: a total
//! off by more than the shown precision is an error, however small.

use rust_decimal::{Decimal, RoundingStrategy};

/// How a stated value compares with the computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Equal to the computed value rounded half-up to the shown decimals.
    Rounded,
    /// Equal to the computed value truncated to the shown decimals.
    Truncated,
    /// Neither.
    Differs,
}

/// Compares `stated` (printed with `decimals` decimals) with `computed`.
/// `extra` widens the window by an absolute amount (from a rule's tolerance; 0 by default).
pub fn agreement(stated: Decimal, decimals: u32, computed: Decimal, extra: Decimal) -> Agreement {
    let rounded = computed.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    if (rounded - stated).abs() <= extra {
        return Agreement::Rounded;
    }
    let truncated = computed.round_dp_with_strategy(decimals, RoundingStrategy::ToZero);
    if (truncated - stated).abs() <= extra {
        return Agreement::Truncated;
    }
    Agreement::Differs
}

/// True when the stated figure agrees with the computed value by rounding or truncation.
pub fn matches(stated: Decimal, decimals: u32, computed: Decimal, extra: Decimal) -> bool {
    agreement(stated, decimals, computed, extra) != Agreement::Differs
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounding_and_truncation_are_accepted() {
        // 98.770.000 / 137.795.000 × 100 = 71,6789…: 71,68 rounded, 71,67 truncated.
        let c = d("71.67894335788671");
        assert_eq!(
            agreement(d("71.68"), 2, c, Decimal::ZERO),
            Agreement::Rounded
        );
        assert_eq!(
            agreement(d("71.67"), 2, c, Decimal::ZERO),
            Agreement::Truncated
        );
        assert_eq!(
            agreement(d("71.66"), 2, c, Decimal::ZERO),
            Agreement::Differs
        );
    }

    #[test]
    fn precision_follows_printed_decimals() {
        // 72,1 / 80 × 100 = 90,125 printed as "90.%" (no decimals).
        assert!(matches(d("90"), 0, d("90.125"), Decimal::ZERO));
        assert!(matches(d("90.13"), 2, d("90.125"), Decimal::ZERO));
        assert!(matches(d("90.12"), 2, d("90.125"), Decimal::ZERO));
        assert!(!matches(d("90.11"), 2, d("90.125"), Decimal::ZERO));
        assert!(!matches(d("83.76"), 2, d("71.2"), Decimal::ZERO));
    }

    #[test]
    fn exact_money_must_match_exactly() {
        assert!(matches(d("400000000"), 0, d("400000000"), Decimal::ZERO));
        assert!(!matches(d("1567096"), 0, d("1505651826"), Decimal::ZERO));
    }

    #[test]
    fn extra_tolerance_widens() {
        assert!(matches(d("100"), 0, d("101"), d("1")));
        assert!(!matches(d("100"), 0, d("102"), d("1")));
    }
}
