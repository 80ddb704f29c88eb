//! Contracts: payments that name a contract nobody registered, payments before signing,
//! contracts at or above a tender threshold that were not tendered, and contracts split
//! below a threshold.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{ProjectChain, about_payment, payment_label};
use crate::attributes::{ContractKind, ProcurementMethod};
use crate::check::Context;
use crate::finding::{Code, Finding};
use crate::lang::Lang;
use crate::ledger::records::Contract;
use crate::money::amount::Amount;
use crate::money::format_yuan;

/// Runs the contract checks of one project.
pub fn check(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    payments_against_contracts(ctx, chain, out);
    procurement(ctx, chain, out);
}

fn payments_against_contracts(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    let lang = ctx.lang;
    for payment in &chain.ledgers.payments {
        let Some(number) = payment.contract_no.as_deref() else {
            continue;
        };
        let contract = chain
            .ledgers
            .contracts
            .iter()
            .find(|c| c.contract_no.as_deref() == Some(number));
        match contract {
            None if chain.ledgers.contracts_known => {
                let label = payment_label(payment, lang);
                out.push(about_payment(
                    Finding::new(
                        Code::PaymentWithoutContract,
                        match lang {
                            Lang::Zh => {
                                format!("拨付 {label} 所写的合同 {number} 不在合同台账中")
                            }
                            Lang::En => format!(
                                "payment {label} names contract {number}, which no contract ledger row has"
                            ),
                        },
                    )
                    .project(chain.key.clone())
                    .stage("payment")
                    .path(payment.at.clone()),
                    payment,
                ));
            }
            Some(contract) => {
                if let (Some(paid_on), Some(signed)) = (payment.date, contract.date)
                    && paid_on < signed
                {
                    let mut finding = Finding::new(
                        Code::PaymentOutOfOrder,
                        match lang {
                            Lang::Zh => {
                                format!("拨付日期 {paid_on} 早于合同 {number} 的签订日期 {signed}")
                            }
                            Lang::En => format!(
                                "paid on {paid_on}, before contract {number} was signed on {signed}"
                            ),
                        },
                    )
                    .project(chain.key.clone())
                    .stage("payment")
                    .contract(number)
                    .path(payment.at.clone())
                    .path(contract.at.clone());
                    if let Some(amount) = contract.amount {
                        finding = finding.limit(amount.yuan);
                    }
                    out.push(about_payment(finding, payment));
                }
            }
            None => {}
        }
    }
}

/// The tender threshold for a contract of `kind` in a project of `category`: works and the
/// goods and services of works follow the tendering law; other goods and services follow
/// government procurement.
fn tender_threshold(
    ctx: &Context<'_>,
    category: Option<&str>,
    kind: ContractKind,
) -> Option<Decimal> {
    let id = match (kind, category) {
        (ContractKind::Construction, _) => "construction-tender",
        (ContractKind::Supervision | ContractKind::Design | ContractKind::Survey, _) => {
            "works-services-tender"
        }
        (ContractKind::Goods, Some("fixed-asset")) => "works-goods-tender",
        (ContractKind::Goods | ContractKind::Service, _) => "gov-procurement-tender",
    };
    ctx.rules.thresholds.get(id).map(|t| t.value)
}

/// Contracts of one kind each below the tender threshold that together reach it: a sign
/// of a purchase split to avoid tendering (化整为零).
fn possible_splitting(
    ctx: &Context<'_>,
    chain: &ProjectChain<'_>,
    category: Option<&str>,
    kind: ContractKind,
    contracts: &[&Contract],
) -> Option<Finding> {
    let lang = ctx.lang;
    let threshold = tender_threshold(ctx, category, kind)?;
    // A total beyond the decimal type is unknown (reported by `ledger-sum-overflow`).
    let total = Amount::sum(contracts.iter().filter_map(|c| c.amount.as_ref()))?;
    if contracts.len() < 2 || total.yuan < threshold {
        return None;
    }
    let numbers: Vec<String> = contracts
        .iter()
        .map(|c| c.contract_no.clone().unwrap_or_else(|| "?".into()))
        .collect();
    let mut finding = Finding::new(
        Code::PossibleContractSplitting,
        match lang {
            Lang::Zh => format!(
                "{} 份{}合同各自低于招标限额 {}，合计 {}：{}",
                contracts.len(),
                kind.zh(),
                format_yuan(threshold),
                format_yuan(total.yuan),
                numbers.join("、")
            ),
            Lang::En => format!(
                "{} {} contracts, each below the tender threshold of {}, add up to {}: {}",
                contracts.len(),
                kind.id(),
                format_yuan(threshold),
                format_yuan(total.yuan),
                numbers.join(", ")
            ),
        },
    )
    .project(chain.key.clone())
    .stage("procurement")
    .contract(numbers.join(" + "))
    .amount(total.yuan)
    .limit(threshold);
    finding.paths = contracts.iter().map(|c| c.at.clone()).collect();
    Some(finding)
}

fn procurement(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    let lang = ctx.lang;
    let category = ctx.projects[chain.index].category.as_deref();
    let tendered = |m: ProcurementMethod| {
        matches!(
            m,
            ProcurementMethod::PublicTender | ProcurementMethod::InvitedTender
        )
    };
    let mut below: BTreeMap<ContractKind, Vec<&Contract>> = BTreeMap::new();
    for contract in &chain.ledgers.contracts {
        let (Some(kind), Some(amount)) = (contract.kind, contract.amount) else {
            continue;
        };
        let Some(threshold) = tender_threshold(ctx, category, kind) else {
            continue;
        };
        if amount.yuan < threshold {
            below.entry(kind).or_default().push(contract);
            continue;
        }
        let Some(method) = contract.procurement.filter(|m| !tendered(*m)) else {
            continue;
        };
        let number = contract.contract_no.clone().unwrap_or_default();
        out.push(
            Finding::new(
                Code::ContractWithoutProcurement,
                match lang {
                    Lang::Zh => format!("合同 {number} 金额 {}，达到招标限额 {}，采购方式却是“{}”", format_yuan(amount.yuan), format_yuan(threshold), method.zh()),
                    Lang::En => format!("contract {number} of {} reaches the tender threshold of {} but was procured by {}", format_yuan(amount.yuan), format_yuan(threshold), method.id()),
                },
            )
            .project(chain.key.clone())
            .stage("procurement")
            .contract(number)
            .amount(amount.yuan)
            .limit(threshold)
            .path(contract.at.clone()),
        );
    }
    for (kind, contracts) in below {
        out.extend(possible_splitting(ctx, chain, category, kind, &contracts));
    }
}
