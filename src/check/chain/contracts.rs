//! Contracts: payments that name a contract nobody registered, payments before signing,
//! contracts at or above a tender threshold that were not tendered, and contracts split
//! below a threshold.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{ProjectChain, about_payment, payment_ref};
use crate::attributes::{ContractKind, ProcurementMethod};
use crate::check::Context;
use crate::finding::said::ChainSaid;
use crate::finding::{Code, Finding};
use crate::ledger::records::Contract;
use crate::money::amount::Amount;

/// Runs the contract checks of one project.
pub fn check(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    payments_against_contracts(chain, out);
    procurement(ctx, chain, out);
}

fn payments_against_contracts(chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
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
                let said = ChainSaid::PaymentWithoutContract {
                    payment: payment_ref(payment),
                    contract: number.to_string(),
                };
                out.push(about_payment(
                    Finding::new(Code::PaymentWithoutContract, said)
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
                    let said = ChainSaid::PaymentBeforeContract {
                        paid_on,
                        contract: number.to_string(),
                        signed,
                    };
                    let mut finding = Finding::new(Code::PaymentOutOfOrder, said)
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
    let contract = numbers.join(" + ");
    let said = ChainSaid::PossibleSplitting {
        kind,
        threshold,
        total: total.yuan,
        contracts: numbers,
    };
    let mut finding = Finding::new(Code::PossibleContractSplitting, said)
        .project(chain.key.clone())
        .stage("procurement")
        .contract(contract)
        .amount(total.yuan)
        .limit(threshold);
    finding.paths = contracts.iter().map(|c| c.at.clone()).collect();
    Some(finding)
}

fn procurement(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
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
                ChainSaid::ContractWithoutProcurement {
                    contract: number.clone(),
                    amount: amount.yuan,
                    threshold,
                    method,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributes::Status;
    use crate::check::test_support::{Archive, contract, day, figures, of, payment, yuan};
    use crate::ledger::records::Payment;

    fn paid_on(date: &str, number: &str) -> Payment {
        Payment {
            contract_no: Some(number.to_string()),
            date: Some(day(date)),
            ..payment("拨付.xlsx!S!2")
        }
    }

    fn signed(number: &str, date: Option<&str>) -> Contract {
        Contract {
            date: date.map(day),
            amount: Some(yuan("100")),
            ..contract(number, "合同.xlsx!S!2")
        }
    }

    #[test]
    fn a_payment_before_signing_is_out_of_order_and_on_the_day_of_signing_is_not() {
        let findings = |paid: &str, signed_on: Option<&str>| {
            let mut archive = Archive::new("equipment", Some(Status::InProgress));
            archive
                .contract(signed("HT-1", signed_on))
                .payment(paid_on(paid, "HT-1"));
            archive.chain_findings(check)
        };
        assert!(findings("2023-08-01", Some("2023-08-01")).is_empty());
        assert!(findings("2023-07-31", None).is_empty(), "no signing date");
        let early = findings("2023-07-31", Some("2023-08-01"));
        assert_eq!(early.len(), 1);
        assert_eq!(early[0].code, Code::PaymentOutOfOrder);
        assert_eq!(early[0].paths, ["拨付.xlsx!S!2", "合同.xlsx!S!2"]);
        assert_eq!(figures(&early[0]).1.as_deref(), Some("100"));
    }

    #[test]
    fn a_payment_names_an_unregistered_contract_only_when_a_contract_ledger_covers_the_project() {
        let mut archive = Archive::new("equipment", Some(Status::InProgress));
        archive.payment(paid_on("2023-08-01", "HT-9"));
        assert!(
            archive.chain_findings(check).is_empty(),
            "no contract ledger"
        );
        archive.contract(signed("HT-1", None));
        let findings = archive.chain_findings(check);
        assert_eq!(of(&findings, Code::PaymentWithoutContract).len(), 1);
        assert_eq!(findings[0].contract.as_deref(), Some("HT-9"));
    }

    /// The procurement findings of contracts `(number, kind, amount, method)` in a project
    /// of `category`.
    fn procured(
        category: &str,
        contracts: &[(&str, ContractKind, &str, Option<ProcurementMethod>)],
    ) -> Vec<Finding> {
        let mut archive = Archive::new(category, Some(Status::InProgress));
        for (i, (number, kind, amount, method)) in contracts.iter().enumerate() {
            archive.contract(Contract {
                kind: Some(*kind),
                amount: Some(yuan(amount)),
                procurement: *method,
                ..contract(number, &format!("合同.xlsx!S!{}", i + 2))
            });
        }
        archive.chain_findings(check)
    }

    #[test]
    fn a_contract_reaching_its_tender_threshold_must_have_been_tendered() {
        use ContractKind::*;
        use ProcurementMethod::*;
        let cases = [
            (
                "fixed-asset",
                Construction,
                "4000000",
                Some(SingleSource),
                true,
            ),
            (
                "fixed-asset",
                Construction,
                "3999999.99",
                Some(SingleSource),
                false,
            ),
            (
                "fixed-asset",
                Construction,
                "9000000",
                Some(PublicTender),
                false,
            ),
            (
                "fixed-asset",
                Construction,
                "9000000",
                Some(InvitedTender),
                false,
            ),
            ("fixed-asset", Construction, "9000000", None, false),
            ("fixed-asset", Supervision, "1000000", Some(Direct), true),
            ("fixed-asset", Design, "999999", Some(Direct), false),
            ("fixed-asset", Goods, "2000000", Some(Inquiry), true),
            ("equipment", Goods, "2000000", Some(Inquiry), true),
            ("equipment", Service, "1999999", Some(Inquiry), false),
        ];
        for (category, kind, amount, method, reported) in cases {
            let findings = procured(category, &[("HT-1", kind, amount, method)]);
            let found = of(&findings, Code::ContractWithoutProcurement);
            assert_eq!(
                found.len(),
                usize::from(reported),
                "{category} {kind:?} {amount}"
            );
        }
    }

    #[test]
    fn contracts_of_one_kind_each_below_the_threshold_that_together_reach_it() {
        use ContractKind::*;
        let split = procured(
            "fixed-asset",
            &[
                ("HT-1", Supervision, "600000", None),
                ("HT-2", Supervision, "400000", None),
                ("HT-3", Design, "900000", None),
            ],
        );
        assert_eq!(split.len(), 1);
        assert_eq!(split[0].code, Code::PossibleContractSplitting);
        assert_eq!(split[0].contract.as_deref(), Some("HT-1 + HT-2"));
        assert_eq!(split[0].paths, ["合同.xlsx!S!2", "合同.xlsx!S!3"]);
        assert_eq!(
            figures(&split[0]),
            (Some("1000000".into()), Some("1000000".into()))
        );
        let short = procured(
            "fixed-asset",
            &[
                ("HT-1", Supervision, "600000", None),
                ("HT-2", Supervision, "399999.99", None),
            ],
        );
        assert!(short.is_empty());
        assert!(procured("fixed-asset", &[("HT-1", Supervision, "999999", None)]).is_empty());
    }
}
