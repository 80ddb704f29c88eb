//! The funding chain: allocation → contract → payment → voucher → invoice → settlement.
//!
//! Ledger records are linked to projects ([`link`]); then each family of checks walks one
//! project's records and files: the documents behind each payment ([`documents`]), the
//! sums that must not exceed their ceilings ([`amounts`]) and the contracts' procurement
//! and dates ([`contracts`]), voucher numbers used twice ([`vouchers`]), and totals too
//! large to compute ([`totals`]). Every finding names its ledger row `file!sheet!row` and,
//! where it applies, its contract and voucher numbers.

pub mod amounts;
pub mod contracts;
pub mod documents;
pub mod link;
pub mod totals;
pub mod vouchers;

use serde::Serialize;

use super::Context;
use crate::finding::Finding;
use crate::money::amount::Amount;
use link::ProjectLedgers;

/// What one project's check needs: the project, its ledgers and its files.
pub struct ProjectChain<'a> {
    /// Index of the project.
    pub index: usize,
    /// The project's key for findings.
    pub key: String,
    /// Its ledger records.
    pub ledgers: &'a ProjectLedgers<'a>,
    /// Indexes into `ctx.files` of its files.
    pub files: std::ops::Range<usize>,
}

/// Runs every chain check on every project that has ledger records.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let runs = ctx.project_runs();
    for (index, ledgers) in ctx.ledgers.iter().enumerate() {
        if ledgers.is_empty() {
            continue;
        }
        let chain = ProjectChain {
            index,
            key: ctx.projects[index].key(),
            ledgers,
            files: runs[index].clone(),
        };
        totals::check(ctx, &chain, out);
        documents::check(ctx, &chain, out);
        vouchers::check(ctx, &chain, out);
        amounts::check(ctx, &chain, out);
        contracts::check(ctx, &chain, out);
    }
}

/// The money of one project along the chain, for reports. A sum too large for the decimal
/// type is `None` (unknown, reported as `ledger-sum-overflow`), never a wrong figure.
#[derive(Debug, Clone, Serialize)]
pub struct ChainSummary {
    /// 援疆资金.
    pub aid_funds: Option<Amount>,
    /// Sum of allocations (资金下达).
    pub allocated: Option<Amount>,
    /// Sum of contract amounts.
    pub contracted: Option<Amount>,
    /// Sum of payments.
    pub paid: Option<Amount>,
    /// Execution rate 支出进度 = paid / aid funds, when both are known.
    pub execution_rate: Option<f64>,
    /// Number of payment rows.
    pub payments: usize,
}

/// The chain summary of a project, when any ledger row concerns it.
pub fn summary(ctx: &Context<'_>, index: usize) -> Option<ChainSummary> {
    let ledgers = ctx.ledgers.get(index)?;
    if ledgers.is_empty() {
        return None;
    }
    let aid_funds = ctx.projects[index].aid_funds;
    let paid = Amount::sum(ledgers.payments.iter().filter_map(|p| p.amount.as_ref()));
    Some(ChainSummary {
        aid_funds,
        allocated: Amount::sum(ledgers.allocations.iter().filter_map(|a| a.amount.as_ref())),
        contracted: Amount::sum(ledgers.contracts.iter().filter_map(|c| c.amount.as_ref())),
        paid,
        execution_rate: paid
            .zip(aid_funds)
            .and_then(|(p, a)| execution_rate(&p, &a)),
        payments: ledgers.payments.len(),
    })
}

/// Paid over aid funds, to four decimals; `None` for zero aid funds or a quotient beyond
/// the decimal type.
fn execution_rate(paid: &Amount, aid_funds: &Amount) -> Option<f64> {
    use rust_decimal::prelude::ToPrimitive;
    let rate = paid.yuan.checked_div(aid_funds.yuan)?;
    let basis_points = rate
        .checked_mul(rust_decimal::Decimal::from(10_000))?
        .round();
    Some(basis_points.to_f64()? / 10_000.0)
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;

    #[test]
    fn execution_rate_is_unknown_when_it_cannot_be_computed() {
        let amount = |s: &str| Amount::exact(s.parse().unwrap());
        assert_eq!(
            execution_rate(&amount("4850000"), &amount("6000000")),
            Some(0.8083)
        );
        assert_eq!(execution_rate(&amount("1"), &amount("0")), None);
        let tiny = Amount::exact(Decimal::new(1, 28));
        assert_eq!(execution_rate(&Amount::exact(Decimal::MAX), &tiny), None);
    }
}
