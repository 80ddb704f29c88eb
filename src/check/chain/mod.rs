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

use crate::check::known_keys::FigureMap;

use serde::{Deserialize, Serialize};

use super::Context;
use crate::finding::Finding;
use crate::finding::said::PaymentRef;
use crate::ledger::header::LedgerKind;
use crate::ledger::records::Payment;
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

/// A finding about one payment row carries the row's voucher and contract numbers, its
/// amount and its date, so that JSON and the workbook name the payment without reading
/// the message.
pub(crate) fn about_payment(mut finding: Finding, payment: &Payment) -> Finding {
    if let Some(v) = &payment.voucher_text {
        finding = finding.voucher(v.clone());
    }
    if let Some(c) = &payment.contract_no {
        finding = finding.contract(c.clone());
    }
    if let Some(a) = payment.amount {
        finding = finding.amount(a.yuan);
    }
    if let Some(d) = payment.date {
        finding = finding.date(d);
    }
    finding
}

/// A payment as a finding names it: its voucher, date and amount, each when the row has it.
pub(crate) fn payment_ref(payment: &Payment) -> PaymentRef {
    PaymentRef {
        voucher: payment.voucher_text.clone(),
        date: payment.date,
        amount: payment.amount.map(|a| a.yuan),
    }
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
        totals::check(&chain, out);
        documents::check(ctx, &chain, out);
        vouchers::check(&chain, out);
        amounts::check(ctx, &chain, out);
        contracts::check(ctx, &chain, out);
    }
}

/// The money of one project along the chain, for reports. A figure no ledger of its kind
/// covers, or that sums rows whose amount could not be read, is unknown (`None`), never
/// zero, and `unknown` says why; `sources` names the ledger files each figure sums.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// Why each unknown figure is unknown, by figure (`allocated`, `contracted`, `paid`,
    /// `execution_rate`).
    #[serde(default, skip_serializing_if = "FigureMap::is_empty")]
    pub unknown: FigureMap<Unknown>,
    /// The ledger files each known figure is summed from, by figure.
    #[serde(default, skip_serializing_if = "FigureMap::is_empty")]
    pub sources: FigureMap<Vec<std::sync::Arc<str>>>,
}

/// Why a figure of the funding chain is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unknown {
    /// No ledger of the figure's kind covers the project.
    NoLedger,
    /// Some rows of the project have no readable amount (reported as `ledger-bad-cell`).
    UnreadableAmounts,
    /// The total goes past what a decimal holds (reported as `ledger-sum-overflow`).
    Overflow,
    /// The aid funds are not recorded, so no rate can be computed.
    NoAidFunds,
}

/// The chain summary of a project, when a ledger covers it or a ledger row concerns it.
pub fn summary(ctx: &Context<'_>, index: usize) -> Option<ChainSummary> {
    let ledgers = ctx.ledgers.get(index)?;
    if ledgers.is_empty() && ledgers.coverage.is_empty() {
        return None;
    }
    let aid_funds = ctx.projects[index].aid_funds;
    let mut summary = ChainSummary {
        aid_funds,
        allocated: None,
        contracted: None,
        paid: None,
        execution_rate: None,
        payments: ledgers.payments.len(),
        unknown: FigureMap::new(),
        sources: FigureMap::new(),
    };
    let allocations = ledgers.allocations.iter().map(|a| a.amount.as_ref());
    summary.allocated = summary.figure("allocated", ledgers, LedgerKind::Allocations, allocations);
    let contracts = ledgers.contracts.iter().map(|c| c.amount.as_ref());
    summary.contracted = summary.figure("contracted", ledgers, LedgerKind::Contracts, contracts);
    let payments = ledgers.payments.iter().map(|p| p.amount.as_ref());
    summary.paid = summary.figure("paid", ledgers, LedgerKind::Payments, payments);
    match (summary.paid, aid_funds) {
        (Some(paid), Some(aid)) => summary.execution_rate = execution_rate(&paid, &aid),
        (_, None) => {
            summary
                .unknown
                .insert("execution_rate", Unknown::NoAidFunds);
        }
        (None, _) => {
            let why = summary
                .unknown
                .get("paid")
                .copied()
                .unwrap_or(Unknown::NoLedger);
            summary.unknown.insert("execution_rate", why);
        }
    }
    Some(summary)
}

impl ChainSummary {
    /// The sum of one figure's `amounts` from the ledgers of `kind`, or why it is unknown.
    fn figure<'a>(
        &mut self,
        name: &'static str,
        ledgers: &ProjectLedgers<'_>,
        kind: LedgerKind,
        mut amounts: impl Iterator<Item = Option<&'a Amount>>,
    ) -> Option<Amount> {
        let files = ledgers.files_of(kind);
        let outcome = if files.is_empty() {
            Err(Unknown::NoLedger)
        } else {
            let readable: Option<Vec<&Amount>> = amounts.by_ref().collect();
            match readable {
                None => Err(Unknown::UnreadableAmounts),
                Some(list) => Amount::sum(list).ok_or(Unknown::Overflow),
            }
        };
        match outcome {
            Ok(total) => {
                self.sources
                    .insert(name, files.into_iter().cloned().collect());
                Some(total)
            }
            Err(why) => {
                self.unknown.insert(name, why);
                None
            }
        }
    }
}

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
