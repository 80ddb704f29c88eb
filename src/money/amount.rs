//! Amounts as a ledger wrote them: exact yuan, and the precision they were written in.
//!
//! A figure in 万元 with two decimals is exact only to ±50 yuan; comparing it with a
//! voucher in yuan must not raise a finding from rounding alone. Every amount read from a
//! ledger carries that tolerance, and comparisons add the tolerances of both sides.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::Unit;

/// An amount in yuan and how far it may be from the true figure because of rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Amount {
    /// Yuan.
    pub yuan: Decimal,
    /// Half a unit of the last digit written, in yuan.
    pub tolerance: Decimal,
}

impl Amount {
    /// An exact amount (a threshold or a figure in whole fen).
    pub fn exact(yuan: Decimal) -> Amount {
        Amount {
            yuan,
            tolerance: Decimal::ZERO,
        }
    }

    /// An amount written as `written` (its digits as they stand) in `unit`.
    ///
    /// The precision is the digits written, but never coarser than two decimals of the
    /// unit: a clerk who types `580.5` in 万元 means 5,805,000.00 give or take 50 yuan.
    /// Never finer than the decimal type holds: beyond 27 decimals the tolerance stays at
    /// half the 28th.
    pub fn written(yuan: Decimal, written: &str, unit: Unit) -> Amount {
        let decimals = written.split_once('.').map_or(0, |(_, f)| {
            f.chars().take_while(char::is_ascii_digit).count()
        });
        let decimals = decimals.clamp(2, MAX_DECIMALS) as u32;
        let half_unit = Decimal::new(5, decimals + 1); // 0.5 × 10^-decimals
        Amount {
            yuan,
            tolerance: half_unit.checked_mul(unit.factor()).unwrap_or(half_unit),
        }
    }

    /// Whether this is more than `other` by more than rounding can explain.
    ///
    /// Never overflows: a difference too large for the decimal type is larger than any
    /// tolerance.
    pub fn exceeds(&self, other: &Amount) -> bool {
        let tolerance = self
            .tolerance
            .checked_add(other.tolerance)
            .unwrap_or(Decimal::MAX);
        match self.yuan.checked_sub(other.yuan) {
            Some(difference) => difference > tolerance,
            None => self.yuan > other.yuan,
        }
    }

    /// Whether the two agree within rounding.
    pub fn agrees(&self, other: &Amount) -> bool {
        !self.exceeds(other) && !other.exceeds(self)
    }

    /// The sum, with tolerances added; `None` when it is beyond the decimal type.
    pub fn checked_plus(&self, other: &Amount) -> Option<Amount> {
        Some(Amount {
            yuan: self.yuan.checked_add(other.yuan)?,
            tolerance: self.tolerance.checked_add(other.tolerance)?,
        })
    }

    /// Sums amounts (zero for none); `None` when the sum is beyond the decimal type, so
    /// that an overflow is an unknown total, never a wrong one.
    pub fn sum<'a>(amounts: impl IntoIterator<Item = &'a Amount>) -> Option<Amount> {
        amounts
            .into_iter()
            .try_fold(Amount::default(), |total, a| total.checked_plus(a))
    }
}

/// The most decimals a tolerance is computed for: half a unit of the 27th decimal is the
/// finest step the decimal type (28 decimals) holds.
const MAX_DECIMALS: usize = 27;

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.yuan.normalize().to_string())
    }
}

/// An amount read back from a report (its exact decimal string): the precision it was
/// written with is not in the report, so it is exact; reports never show the tolerance.
impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        text.parse::<Decimal>()
            .map(Amount::exact)
            .map_err(|e| serde::de::Error::custom(format!("amount `{text}`: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn precision_follows_the_unit_and_digits() {
        assert_eq!(
            Amount::written(d("5805000"), "580.5", Unit::TenThousandYuan).tolerance,
            d("50")
        );
        assert_eq!(
            Amount::written(d("5805000"), "580.5000", Unit::TenThousandYuan).tolerance,
            d("0.5")
        );
        assert_eq!(
            Amount::written(d("1200000"), "1200000.00", Unit::Yuan).tolerance,
            d("0.005")
        );
    }

    #[test]
    fn more_decimals_than_the_type_holds_do_not_panic() {
        let written = format!("0.{}5", "0".repeat(40));
        let a = Amount::written(Decimal::ZERO, &written, Unit::TenThousandYuan);
        assert_eq!(a.tolerance, Decimal::new(5, 28) * Decimal::from(10_000));
        let float_text = format!("{}", 1e-300_f64);
        Amount::written(Decimal::ZERO, &float_text, Unit::Yuan);
    }

    #[test]
    fn sums_near_the_decimal_maximum_are_unknown_not_wrong() {
        let max = Amount::exact(Decimal::MAX);
        assert_eq!(Amount::sum([&max, &max]), None);
        assert_eq!(Amount::sum([&max]), Some(max));
        assert_eq!(Amount::sum([]), Some(Amount::default()));
        let min = Amount::exact(Decimal::MIN);
        assert!(
            max.exceeds(&min),
            "the difference overflows, the order does not"
        );
        assert!(!min.exceeds(&max));
        assert!(!max.agrees(&min));
    }

    #[test]
    fn rounding_alone_is_not_a_difference() {
        let ledger = Amount::written(d("5805000"), "580.50", Unit::TenThousandYuan);
        assert!(!Amount::exact(d("5805030")).exceeds(&ledger));
        assert!(Amount::exact(d("5805051")).exceeds(&ledger));
        assert!(ledger.agrees(&Amount::exact(d("5804960"))));
    }
}
