//! Sums that must not exceed their ceilings (contract amount, aid funds, settlement), the
//! retention held after settlement, and ledger columns derived from the payment rows.
//! Every comparison allows for the precision the ledgers were written in; a total too
//! large for the decimal type is unknown, and the comparisons that need it are skipped
//! (the total itself is reported by [`super::totals`]).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::ProjectChain;
use crate::attributes::Status;
use crate::check::Context;
use crate::finding::said::{ChainSaid, Sum};
use crate::finding::{Code, Finding};
use crate::ledger::records::Payment;
use crate::money::amount::Amount;

/// Runs the amount checks of one project.
pub fn check(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    contracts_overpaid_or_beyond_settlement(ctx, chain, out);
    aid_funds_exceeded(ctx, chain, out);
    project_settlement(ctx, chain, out);
    derived_columns(ctx, chain, out);
}

/// What was paid: the sum of the amounts that could be read, and whether every amount
/// could be (else the sum only bounds the payments from below: enough to show an excess,
/// never what is still unpaid).
#[derive(Clone, Copy)]
struct Paid {
    known: Amount,
    complete: bool,
}

impl Paid {
    /// `self` and one more payment row; `None` when the sum is beyond the decimal type.
    fn plus(self, amount: Option<Amount>) -> Option<Paid> {
        match amount {
            Some(a) => Some(Paid {
                known: self.known.checked_plus(&a)?,
                ..self
            }),
            None => Some(Paid {
                complete: false,
                ..self
            }),
        }
    }
}

/// Payments per contract number, in ledger order; `None` when a contract's total is
/// beyond the decimal type.
fn paid_by_contract<'p>(payments: &[&'p Payment]) -> BTreeMap<&'p str, Option<Paid>> {
    let nothing = Paid {
        known: Amount::default(),
        complete: true,
    };
    let mut paid: BTreeMap<&str, Option<Paid>> = BTreeMap::new();
    for p in payments {
        if let Some(contract) = p.contract_no.as_deref() {
            let total = paid.entry(contract).or_insert(Some(nothing));
            *total = total.and_then(|t| t.plus(p.amount));
        }
    }
    paid
}

fn contracts_overpaid_or_beyond_settlement(
    ctx: &Context<'_>,
    chain: &ProjectChain<'_>,
    out: &mut Vec<Finding>,
) {
    let paid = paid_by_contract(&chain.ledgers.payments);
    let completed = ctx.projects[chain.index].status == Some(Status::Completed);
    for contract in &chain.ledgers.contracts {
        let Some(number) = contract.contract_no.as_deref() else {
            continue;
        };
        let Some(Some(paid)) = paid.get(number) else {
            continue;
        };
        if let Some(amount) = contract.amount
            && paid.known.exceeds(&amount)
        {
            out.push(
                Finding::new(
                    Code::ContractOverpaid,
                    ChainSaid::ContractOverpaid {
                        contract: number.to_string(),
                        amount: amount.yuan,
                        paid: paid.known.yuan,
                    },
                )
                .project(chain.key.clone())
                .stage("payment")
                .contract(number)
                .amount(paid.known.yuan)
                .limit(amount.yuan)
                .path(contract.at.clone()),
            );
        }
        if let (true, Some(settlement)) = (completed, contract.settlement) {
            settlement_findings(
                ctx,
                chain,
                Some(number),
                &settlement,
                paid,
                &contract.at,
                out,
            );
        }
    }
}

/// Payments, or allocations, above the project's aid funds.
fn aid_funds_exceeded(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    let Some(aid) = ctx.projects[chain.index].aid_funds else {
        return;
    };
    let sums = [
        (
            Amount::sum(
                chain
                    .ledgers
                    .payments
                    .iter()
                    .filter_map(|p| p.amount.as_ref()),
            ),
            Sum::Payments,
            chain.ledgers.payments.first().map(|p| p.at.clone()),
        ),
        (
            Amount::sum(
                chain
                    .ledgers
                    .allocations
                    .iter()
                    .filter_map(|a| a.amount.as_ref()),
            ),
            Sum::Allocations,
            chain.ledgers.allocations.first().map(|a| a.at.clone()),
        ),
    ];
    for (total, sum, at) in sums {
        let Some(total) = total else {
            continue;
        };
        if total.exceeds(&aid) {
            let said = ChainSaid::AidFundsExceeded {
                sum,
                total: total.yuan,
                aid_funds: aid.yuan,
            };
            let mut finding = Finding::new(Code::AllocationExceeded, said)
                .project(chain.key.clone())
                .stage("payment")
                .amount(total.yuan)
                .limit(aid.yuan);
            finding.paths.extend(at);
            out.push(finding);
        }
    }
}

/// Payments of a completed project against the settled amount of the whole project.
fn project_settlement(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    let project = &ctx.projects[chain.index];
    let (Some(Status::Completed), Some(settlement)) = (project.status, project.settlement) else {
        return;
    };
    let payments = &chain.ledgers.payments;
    let Some(known) = Amount::sum(payments.iter().filter_map(|p| p.amount.as_ref())) else {
        return;
    };
    let paid = Paid {
        known,
        complete: payments.iter().all(|p| p.amount.is_some()),
    };
    let at = project.sources.first().cloned().unwrap_or_default();
    settlement_findings(ctx, chain, None, &settlement, &paid, &at, out);
}

/// `settlement-exceeded` when more was paid than settled; `retention-excessive` when more
/// than the allowed share of the settlement is still unpaid, which is known only when
/// every payment's amount could be read.
fn settlement_findings(
    ctx: &Context<'_>,
    chain: &ProjectChain<'_>,
    contract: Option<&str>,
    settlement: &Amount,
    paid: &Paid,
    at: &str,
    out: &mut Vec<Finding>,
) {
    let with_contract = |f: Finding| match contract {
        Some(c) => f.contract(c),
        None => f,
    };
    if paid.known.exceeds(settlement) {
        let said = ChainSaid::SettlementExceeded {
            contract: contract.map(str::to_string),
            settlement: settlement.yuan,
            paid: paid.known.yuan,
        };
        out.push(with_contract(
            Finding::new(Code::SettlementExceeded, said)
                .project(chain.key.clone())
                .stage("settlement")
                .amount(paid.known.yuan)
                .limit(settlement.yuan)
                .path(at),
        ));
        return;
    }
    if !paid.complete {
        return;
    }
    let Some(limit) = ctx
        .rules
        .thresholds
        .get("retention-max-percent")
        .map(|t| t.value)
    else {
        return;
    };
    let Some((held, allowed, share)) = retention(settlement, &paid.known, limit) else {
        return;
    };
    if Amount::exact(held).exceeds(&allowed) {
        let said = ChainSaid::RetentionExcessive {
            contract: contract.map(str::to_string),
            settlement: settlement.yuan,
            held,
            share,
            limit,
        };
        out.push(with_contract(
            Finding::new(Code::RetentionExcessive, said)
                .project(chain.key.clone())
                .stage("settlement")
                .amount(held)
                .limit(allowed.yuan)
                .path(at),
        ));
    }
}

/// The retention held (settled minus paid), the most that may be held (`limit` percent of
/// the settlement) and the share held in percent; `None` for a zero settlement or figures
/// beyond the decimal type.
fn retention(
    settlement: &Amount,
    paid: &Amount,
    limit: Decimal,
) -> Option<(Decimal, Amount, Decimal)> {
    let hundred = Decimal::from(100);
    let held = settlement.yuan.checked_sub(paid.yuan)?;
    let allowed = Amount {
        yuan: settlement.yuan.checked_mul(limit)?.checked_div(hundred)?,
        tolerance: settlement.tolerance.checked_add(paid.tolerance)?,
    };
    let share = held.checked_mul(hundred)?.checked_div(settlement.yuan)?;
    Some((held, allowed, share.round_dp(1)))
}

/// Recomputes 累计拨付 and 拨付比例 from the rows of each payment table, in order.
///
/// Clerks keep running totals per contract or per table; a stated value that matches
/// neither is a mismatch. So with ratios: the ratio of a row of a contract may be its
/// contract's total over the contract amount or its table's total over the project's aid
/// funds (not judged at all while the contract amount is unknown); of another row, its
/// table's total over the aid funds.
fn derived_columns(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    let contract_amount = |number: Option<&str>| {
        chain
            .ledgers
            .contracts
            .iter()
            .find(|c| c.contract_no.as_deref() == number && number.is_some())
            .and_then(|c| c.amount)
    };
    let mut by_table: BTreeMap<usize, Option<Amount>> = BTreeMap::new();
    let mut by_contract: BTreeMap<(usize, Option<&str>), Option<Amount>> = BTreeMap::new();
    let mut payments = chain.ledgers.payments.clone();
    payments.sort_by_key(|p| p.sequence);
    for p in payments {
        let table_total = by_table
            .entry(p.sequence.0)
            .or_insert(Some(Amount::default()));
        *table_total = table_total
            .zip(p.amount)
            .and_then(|(t, a)| t.checked_plus(&a));
        let contract_total = by_contract
            .entry((p.sequence.0, p.contract_no.as_deref()))
            .or_insert(Some(Amount::default()));
        *contract_total = contract_total
            .zip(p.amount)
            .and_then(|(t, a)| t.checked_plus(&a));
        // Once a running total sums an amount that could not be read (a bad cell, reported
        // as such) or is beyond the decimal type, the rest of the table is unknown.
        let (Some(table), Some(contract)) = (*table_total, *contract_total) else {
            continue;
        };
        let totals = Totals { table, contract };
        out.extend(cumulative_mismatch(p, totals).map(|f| f.project(chain.key.clone())));
        let aid_funds = ctx.projects[chain.index].aid_funds;
        let bases = match p.contract_no.as_deref() {
            // Unknown when the ledger has no amount for the contract: then nothing is judged.
            Some(number) => match contract_amount(Some(number)) {
                Some(amount) => vec![(totals.contract, Some(amount)), (totals.table, aid_funds)],
                None => Vec::new(),
            },
            None => vec![(totals.table, aid_funds)],
        };
        out.extend(ratio_mismatch(p, &bases).map(|f| f.project(chain.key.clone())));
    }
}

/// Running totals of payments up to and including one row: of its table, and of its
/// contract within the table.
#[derive(Clone, Copy)]
struct Totals {
    table: Amount,
    contract: Amount,
}

impl Totals {
    /// The total a row's stated figures are compared with: its contract's when it names
    /// one, else its table's.
    fn of(self, p: &Payment) -> Amount {
        if p.contract_no.is_some() {
            self.contract
        } else {
            self.table
        }
    }
}

/// A stated 累计拨付 that matches neither running total.
fn cumulative_mismatch(p: &Payment, totals: Totals) -> Option<Finding> {
    let stated = p.cumulative?;
    if stated.agrees(&totals.table) || stated.agrees(&totals.contract) {
        return None;
    }
    let expected = totals.of(p);
    let said = ChainSaid::CumulativeMismatch {
        stated: stated.yuan,
        recomputed: expected.yuan,
    };
    let cell = p.cumulative_cell.clone().unwrap_or_else(|| p.at.clone());
    Some(
        Finding::new(Code::LedgerDerivedMismatch, said)
            .stage("payment")
            .amount(stated.yuan)
            .limit(expected.yuan)
            .path(cell),
    )
}

/// A stated 拨付比例 off every pairing of a running total over its base (a total and its
/// base as [`derived_columns`] pairs them) by more than half a percent plus what the
/// amounts' precision allows. The figure shown as recomputed is the first pairing's.
fn ratio_mismatch(p: &Payment, pairings: &[(Amount, Option<Amount>)]) -> Option<Finding> {
    let stated = p.ratio?;
    let recomputed: Vec<(Decimal, Decimal)> = pairings
        .iter()
        .filter_map(|(total, base)| {
            let base = base.filter(|b| !b.yuan.is_zero())?;
            let actual = total.yuan.checked_div(base.yuan)?;
            let slack = total
                .tolerance
                .checked_add(base.tolerance)?
                .checked_div(base.yuan)?
                .checked_add(Decimal::new(5, 3))?;
            Some((actual, slack))
        })
        .collect();
    let &(actual, _) = recomputed.first()?;
    let agrees = |(actual, slack): &(Decimal, Decimal)| {
        actual
            .checked_sub(stated)
            .is_some_and(|off| off.abs() <= *slack)
    };
    if recomputed.iter().any(agrees) {
        return None;
    }
    let said = ChainSaid::RatioMismatch {
        stated,
        recomputed: actual,
    };
    let cell = p.ratio_cell.clone().unwrap_or_else(|| p.at.clone());
    Some(
        Finding::new(Code::LedgerDerivedMismatch, said)
            .stage("payment")
            .path(cell),
    )
}

#[cfg(test)]
mod tests;
