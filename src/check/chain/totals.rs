//! Totals beyond the decimal type: amounts that add up to more than
//! 79,228,162,514,264,337,593,543,950,335 yuan cannot be summed exactly.
//!
//! Such a total is unknown, never a wrong figure: the summary shows it as unknown, the
//! comparisons that need it are skipped ([`super::amounts`]), and this check says why,
//! naming the row at which the running total left the type. Amounts are never negative
//! here (a negative amount is a bad cell), so a total that fits bounds every total of a
//! subset of its rows (per contract, per table).

use super::ProjectChain;
use crate::finding::said::{ChainSaid, Sum};
use crate::finding::{Code, Finding};
use crate::money::amount::Amount;

/// Reports each of the project's payment, allocation and contract totals that overflows.
pub fn check(chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    let ledgers = chain.ledgers;
    let totals = [
        (
            first_overflow(ledgers.payments.iter().map(|p| (p.amount, p.at.as_str()))),
            Sum::Payments,
            "payment",
        ),
        (
            first_overflow(
                ledgers
                    .allocations
                    .iter()
                    .map(|a| (a.amount, a.at.as_str())),
            ),
            Sum::Allocations,
            "payment",
        ),
        (
            first_overflow(ledgers.contracts.iter().map(|c| (c.amount, c.at.as_str()))),
            Sum::Contracts,
            "procurement",
        ),
    ];
    for (at, sum, stage) in totals {
        let Some(at) = at else {
            continue;
        };
        out.push(
            Finding::new(Code::LedgerSumOverflow, ChainSaid::SumOverflow { sum })
                .project(chain.key.clone())
                .stage(stage)
                .path(at),
        );
    }
}

/// The row at which the running total of `rows` (amount, `file!sheet!row`) overflows.
fn first_overflow<'a>(rows: impl Iterator<Item = (Option<Amount>, &'a str)>) -> Option<&'a str> {
    let mut total = Amount::default();
    for (amount, at) in rows {
        let Some(amount) = amount else {
            continue;
        };
        total = match total.checked_plus(&amount) {
            Some(sum) => sum,
            None => return Some(at),
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;

    #[test]
    fn names_the_row_where_the_total_overflows() {
        let max = Some(Amount::exact(Decimal::MAX));
        let one = Some(Amount::exact(Decimal::ONE));
        let rows = [
            (one, "a!s!2"),
            (None, "a!s!3"),
            (max, "a!s!4"),
            (one, "a!s!5"),
        ];
        assert_eq!(first_overflow(rows.into_iter()), Some("a!s!4"));
        assert_eq!(first_overflow([(max, "a!s!2")].into_iter()), None);
    }

    #[test]
    fn each_total_that_overflows_is_reported_at_its_row_and_stage() {
        use crate::attributes::Status;
        use crate::check::test_support::{Archive, allocation, contract, payment};

        let max = Some(Amount::exact(Decimal::MAX));
        let mut archive = Archive::new("equipment", Some(Status::InProgress));
        archive
            .payment(crate::ledger::records::Payment {
                amount: max,
                ..payment("拨付.xlsx!S!2")
            })
            .allocation(allocation(max, "下达.xlsx!S!2"))
            .contract(crate::ledger::records::Contract {
                amount: max,
                ..contract("HT-1", "合同.xlsx!S!2")
            });
        assert!(
            archive
                .chain_findings(|_, chain, out| check(chain, out))
                .is_empty()
        );
        archive
            .allocation(allocation(
                Some(Amount::exact(Decimal::ONE)),
                "下达.xlsx!S!3",
            ))
            .contract(crate::ledger::records::Contract {
                amount: Some(Amount::exact(Decimal::ONE)),
                ..contract("HT-2", "合同.xlsx!S!3")
            });
        let found: Vec<(Code, Option<String>, Vec<String>)> = archive
            .chain_findings(|_, chain, out| check(chain, out))
            .into_iter()
            .map(|f| (f.code, f.stage, f.paths))
            .collect();
        let row = |stage: &str, at: &str| {
            (
                Code::LedgerSumOverflow,
                Some(stage.to_string()),
                vec![at.to_string()],
            )
        };
        assert_eq!(
            found,
            [
                row("payment", "下达.xlsx!S!3"),
                row("procurement", "合同.xlsx!S!3")
            ]
        );
    }
}
