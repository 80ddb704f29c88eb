//! Amounts as a ledger wrote them: exact yuan, and the precision they were written in.
//!
//! A figure in 万元 with two decimals is exact only to ±50 yuan; comparing it with a
//! voucher in yuan must not raise a finding from rounding alone. Every amount read from a
//! ledger carries that tolerance, and comparisons add the tolerances of both sides.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

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
    pub fn written(yuan: Decimal, written: &str, unit: Unit) -> Amount {
        let decimals = written.split_once('.').map_or(0, |(_, f)| {
            f.chars().take_while(char::is_ascii_digit).count()
        });
        let decimals = decimals.max(2) as u32;
        let half_unit = Decimal::new(5, decimals + 1); // 0.5 × 10^-decimals
        Amount {
            yuan,
            tolerance: half_unit * unit.factor(),
        }
    }

    /// Whether this is more than `other` by more than rounding can explain.
    pub fn exceeds(&self, other: &Amount) -> bool {
        self.yuan - other.yuan > self.tolerance + other.tolerance
    }

    /// Whether the two agree within rounding.
    pub fn agrees(&self, other: &Amount) -> bool {
        !self.exceeds(other) && !other.exceeds(self)
    }

    /// The sum, with tolerances added.
    pub fn plus(&self, other: &Amount) -> Amount {
        Amount {
            yuan: self.yuan + other.yuan,
            tolerance: self.tolerance + other.tolerance,
        }
    }

    /// Sums amounts (zero for none).
    pub fn sum<'a>(amounts: impl IntoIterator<Item = &'a Amount>) -> Amount {
        amounts
            .into_iter()
            .fold(Amount::default(), |total, a| total.plus(a))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.yuan.normalize().to_string())
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
    fn rounding_alone_is_not_a_difference() {
        let ledger = Amount::written(d("5805000"), "580.50", Unit::TenThousandYuan);
        assert!(!Amount::exact(d("5805030")).exceeds(&ledger));
        assert!(Amount::exact(d("5805051")).exceeds(&ledger));
        assert!(ledger.agrees(&Amount::exact(d("5804960"))));
    }
}
