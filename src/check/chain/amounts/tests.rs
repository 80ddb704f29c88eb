//! Unit tests of the amount checks: each ceiling at the precision its figures were
//! written in, and figures that are unknown.

use rust_decimal::Decimal;

use super::check;
use crate::attributes::Status;
use crate::check::test_support::{Archive, allocation, contract, figures, of, payment, wan, yuan};
use crate::finding::{Code, Finding};
use crate::ledger::records::Payment;

/// A payment of `amount` yuan for contract `number`.
fn paid(number: Option<&str>, amount: &str, at: &str) -> Payment {
    Payment {
        contract_no: number.map(str::to_string),
        amount: Some(yuan(amount)),
        ..payment(at)
    }
}

fn pair(amount: &str, limit: &str) -> (Option<String>, Option<String>) {
    (Some(amount.to_string()), Some(limit.to_string()))
}

/// An in-progress project with contract HT-1 of 580.50 万元 (5,805,000 ± 50 yuan), paid
/// 5,000,000 and then `second` yuan.
fn contract_paid(second: &str) -> Vec<Finding> {
    let mut archive = Archive::new("fixed-asset", Some(Status::InProgress));
    archive
        .contract(crate::ledger::records::Contract {
            amount: Some(wan("580.50")),
            ..contract("HT-1", "合同.xlsx!S!2")
        })
        .payment(paid(Some("HT-1"), "5000000", "拨付.xlsx!S!2"))
        .payment(paid(Some("HT-1"), second, "拨付.xlsx!S!3"));
    archive.chain_findings(check)
}

#[test]
fn a_contract_paid_over_its_amount_by_exactly_the_rounding_of_wan_is_not_overpaid() {
    assert!(of(&contract_paid("805050"), Code::ContractOverpaid).is_empty());
    let findings = contract_paid("805050.01");
    let overpaid = of(&findings, Code::ContractOverpaid);
    assert_eq!(overpaid.len(), 1);
    assert_eq!(overpaid[0].contract.as_deref(), Some("HT-1"));
    assert_eq!(overpaid[0].paths, ["合同.xlsx!S!2"]);
    assert_eq!(figures(overpaid[0]), pair("5805050.01", "5805000"));
}

#[test]
fn only_the_payments_of_a_contract_count_against_it_and_an_unknown_amount_is_no_ceiling() {
    let mut archive = Archive::new("fixed-asset", Some(Status::InProgress));
    archive
        .contract(crate::ledger::records::Contract {
            amount: Some(yuan("100")),
            ..contract("HT-1", "合同.xlsx!S!2")
        })
        .contract(contract("HT-2", "合同.xlsx!S!3"))
        .payment(paid(Some("HT-1"), "100", "拨付.xlsx!S!2"))
        .payment(paid(None, "900", "拨付.xlsx!S!3"))
        .payment(paid(Some("HT-3"), "900", "拨付.xlsx!S!4"))
        .payment(paid(Some("HT-2"), "900000000", "拨付.xlsx!S!5"));
    assert!(of(&archive.chain_findings(check), Code::ContractOverpaid).is_empty());
    // A row whose amount could not be read adds nothing, and hides nothing already known.
    archive
        .payment(payment("拨付.xlsx!S!6"))
        .payment(paid(Some("HT-1"), "0.01", "拨付.xlsx!S!7"));
    assert_eq!(
        of(&archive.chain_findings(check), Code::ContractOverpaid).len(),
        1
    );
}

/// An in-progress project with aid funds of 600.00 万元 (6,000,000 ± 50 yuan).
fn aid_funds_of_600_wan() -> Archive {
    let mut archive = Archive::new("fixed-asset", Some(Status::InProgress));
    archive.project().aid_funds = Some(wan("600.00"));
    archive
}

#[test]
fn payments_or_allocations_above_the_aid_funds_beyond_rounding() {
    let mut archive = aid_funds_of_600_wan();
    // Over by 50 yuan: the payments by the aid funds' rounding alone, the allocations by
    // less than both sides' rounding together (50 + 50).
    archive
        .payment(paid(None, "6000000", "拨付.xlsx!S!2"))
        .payment(paid(None, "50", "拨付.xlsx!S!3"))
        .allocation(allocation(Some(wan("600.00")), "下达.xlsx!S!2"))
        .allocation(allocation(Some(yuan("50")), "下达.xlsx!S!3"));
    assert!(of(&archive.chain_findings(check), Code::AllocationExceeded).is_empty());

    archive
        .payment(paid(None, "0.01", "拨付.xlsx!S!4"))
        .allocation(allocation(Some(yuan("50.01")), "下达.xlsx!S!4"));
    let findings = archive.chain_findings(check);
    let exceeded = of(&findings, Code::AllocationExceeded);
    let seen: Vec<(&[String], _)> = exceeded
        .iter()
        .map(|f| (f.paths.as_slice(), figures(f)))
        .collect();
    assert_eq!(
        seen,
        [
            (
                &["拨付.xlsx!S!2".to_string()][..],
                pair("6000050.01", "6000000")
            ),
            (
                &["下达.xlsx!S!2".to_string()][..],
                pair("6000100.01", "6000000")
            ),
        ]
    );
}

#[test]
fn without_aid_funds_nothing_is_exceeded() {
    let mut archive = Archive::new("fixed-asset", Some(Status::InProgress));
    archive.payment(paid(None, "900000000", "拨付.xlsx!S!2"));
    assert!(of(&archive.chain_findings(check), Code::AllocationExceeded).is_empty());
}

/// A project with `status` settled at 1,000,000 yuan and paid `amount`.
fn settled_project(status: Status, amount: &str) -> Vec<Finding> {
    let mut archive = Archive::new("fixed-asset", Some(status));
    archive.project().settlement = Some(yuan("1000000"));
    archive.project().sources = vec!["项目台账.xlsx!S!5".to_string()];
    archive.payment(paid(None, amount, "拨付.xlsx!S!2"));
    archive.chain_findings(check)
}

#[test]
fn a_completed_project_paid_beyond_its_settlement() {
    assert!(settled_project(Status::Completed, "1000000").is_empty());
    let findings = settled_project(Status::Completed, "1000000.01");
    let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        [Code::SettlementExceeded],
        "and no retention finding"
    );
    assert_eq!(findings[0].paths, ["项目台账.xlsx!S!5"]);
    assert_eq!(figures(&findings[0]), pair("1000000.01", "1000000"));
    assert!(settled_project(Status::InProgress, "2000000").is_empty());
}

#[test]
fn retention_above_the_limit_of_the_settlement() {
    // 3 % of 1,000,000 may be held: 30,000.
    assert!(settled_project(Status::Completed, "970000").is_empty());
    let findings = settled_project(Status::Completed, "969999.99");
    let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::RetentionExcessive]);
    assert_eq!(figures(&findings[0]), pair("30000.01", "30000"));
    assert!(settled_project(Status::InProgress, "0").is_empty());
}

#[test]
fn the_retention_limit_is_the_rules_threshold() {
    let mut archive = Archive::new("fixed-asset", Some(Status::Completed));
    archive.project().settlement = Some(yuan("1000000"));
    archive
        .payment(paid(None, "950000", "拨付.xlsx!S!2"))
        .threshold("retention-max-percent", Decimal::from(5));
    assert!(archive.chain_findings(check).is_empty());
    archive.threshold("retention-max-percent", Decimal::new(49, 1));
    assert_eq!(
        of(&archive.chain_findings(check), Code::RetentionExcessive).len(),
        1
    );
}

#[test]
fn a_contracts_settlement_is_checked_once_the_project_is_completed() {
    let findings = |status: Status, amount: &str| {
        let mut archive = Archive::new("fixed-asset", Some(status));
        archive
            .contract(crate::ledger::records::Contract {
                amount: Some(yuan("2000000")),
                settlement: Some(yuan("1000000")),
                ..contract("HT-1", "合同.xlsx!S!2")
            })
            .payment(paid(Some("HT-1"), amount, "拨付.xlsx!S!2"));
        archive.chain_findings(check)
    };
    let exceeded = findings(Status::Completed, "1000000.01");
    assert_eq!(exceeded.len(), 1);
    assert_eq!(exceeded[0].code, Code::SettlementExceeded);
    assert_eq!(exceeded[0].contract.as_deref(), Some("HT-1"));
    assert_eq!(exceeded[0].paths, ["合同.xlsx!S!2"]);
    let held = findings(Status::Completed, "900000");
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].code, Code::RetentionExcessive);
    assert_eq!(figures(&held[0]), pair("100000", "30000"));
    assert!(findings(Status::Completed, "1000000").is_empty());
    assert!(findings(Status::InProgress, "1500000").is_empty());
}

/// Payment rows of table 0 with stated cumulative figures (and ratio cells).
fn row(n: usize, number: Option<&str>, amount: &str, cumulative: &str) -> Payment {
    Payment {
        cumulative: Some(yuan(cumulative)),
        cumulative_cell: Some(format!("拨付.xlsx!S!F{n}")),
        ratio_cell: Some(format!("拨付.xlsx!S!G{n}")),
        sequence: (0, n),
        ..paid(number, amount, &format!("拨付.xlsx!S!{n}"))
    }
}

fn derived(rows: Vec<Payment>) -> Vec<Finding> {
    let mut archive = Archive::new("fixed-asset", Some(Status::InProgress));
    archive.project().aid_funds = Some(yuan("1000"));
    archive.contract(crate::ledger::records::Contract {
        amount: Some(yuan("400")),
        ..contract("HT-1", "合同.xlsx!S!2")
    });
    for row in rows {
        archive.payment(row);
    }
    of(&archive.chain_findings(check), Code::LedgerDerivedMismatch)
        .into_iter()
        .cloned()
        .collect()
}

#[test]
fn a_stated_cumulative_figure_agrees_with_the_running_total_of_its_table_or_contract() {
    // Ledger order is not table order: rows are taken by their position in the table.
    let rows = vec![
        row(3, None, "50", "150"),
        row(2, Some("HT-1"), "100", "100"),
        row(4, Some("HT-1"), "100", "200"),
    ];
    assert!(derived(rows).is_empty());
    let findings = derived(vec![
        row(2, Some("HT-1"), "100", "100"),
        row(3, Some("HT-1"), "100", "210"),
    ]);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].paths, ["拨付.xlsx!S!F3"]);
    assert_eq!(figures(&findings[0]), pair("210", "200"));
}

#[test]
fn a_stated_ratio_is_allowed_half_a_percent() {
    let with_ratio = |number: Option<&str>, ratio: &str| Payment {
        ratio: Some(ratio.parse().unwrap()),
        cumulative: None,
        ..row(2, number, "100", "0")
    };
    // 100 of contract HT-1's 400 is 25 %; without a contract, of the aid funds' 1,000, 10 %.
    assert!(derived(vec![with_ratio(Some("HT-1"), "0.245")]).is_empty());
    assert!(derived(vec![with_ratio(Some("HT-1"), "0.255")]).is_empty());
    assert!(derived(vec![with_ratio(None, "0.105")]).is_empty());
    let off = derived(vec![with_ratio(Some("HT-1"), "0.2449")]);
    assert_eq!(off.len(), 1);
    assert_eq!(off[0].paths, ["拨付.xlsx!S!G2"]);
    assert_eq!(derived(vec![with_ratio(None, "0.0949")]).len(), 1);
    // A ledger keeping one ratio per table over the aid funds, contract numbers filled in:
    // 100 of the aid funds' 1,000 is 10 % whatever the contract.
    assert!(derived(vec![with_ratio(Some("HT-1"), "0.1")]).is_empty());
    // Neither pairing: shown recomputed over the contract.
    let neither = derived(vec![with_ratio(Some("HT-1"), "0.5")]);
    assert_eq!(neither.len(), 1);
    let recomputed = match &neither[0].said {
        crate::finding::Said::Chain(crate::finding::said::ChainSaid::RatioMismatch {
            recomputed,
            ..
        }) => recomputed.to_string(),
        said => panic!("{said:?}"),
    };
    assert_eq!(recomputed, "0.25");
    // A row of a contract the ledger has no amount for: its ratio may be over that unknown
    // amount, so it is not judged (over the aid funds, 100 of 1,000 would be 10 %).
    assert!(derived(vec![with_ratio(Some("HT-9"), "0.25")]).is_empty());
}

#[test]
fn a_row_whose_amount_is_unreadable_leaves_the_running_total_of_the_rest_of_its_table_unknown() {
    // The clerk's figures are right; row 3's amount (200) could not be read (a bad cell,
    // reported as such). Its total and those after it are unknown, not short by 200.
    let unreadable = Payment {
        amount: None,
        ..row(3, None, "0", "300")
    };
    let other_table = Payment {
        sequence: (1, 2),
        cumulative_cell: Some("拨付.xlsx!T!F2".to_string()),
        ..row(2, None, "10", "11")
    };
    let findings = derived(vec![
        row(2, None, "100", "100"),
        unreadable,
        row(4, None, "100", "400"),
        other_table,
    ]);
    let cells: Vec<&[String]> = findings.iter().map(|f| f.paths.as_slice()).collect();
    assert_eq!(
        cells,
        [&["拨付.xlsx!T!F2".to_string()][..]],
        "{findings:#?}"
    );
}

#[test]
fn retention_is_unknown_while_a_payment_amount_is_unreadable_but_an_excess_is_not() {
    // Settled at 1,000,000; a row whose amount could not be read may be the missing
    // 500,000, so nothing is known to be held back. What is known to be paid already
    // exceeds a settlement, whatever the unread row says.
    let findings = |amount: &str| {
        let mut archive = Archive::new("fixed-asset", Some(Status::Completed));
        archive.project().settlement = Some(yuan("1000000"));
        archive
            .contract(crate::ledger::records::Contract {
                settlement: Some(yuan("1000000")),
                ..contract("HT-1", "合同.xlsx!S!2")
            })
            .payment(paid(Some("HT-1"), amount, "拨付.xlsx!S!2"))
            .payment(Payment {
                contract_no: Some("HT-1".to_string()),
                ..payment("拨付.xlsx!S!3")
            });
        archive.chain_findings(check)
    };
    assert!(findings("500000").is_empty(), "{:#?}", findings("500000"));
    let exceeded: Vec<(Code, Option<String>)> = findings("1000000.01")
        .into_iter()
        .map(|f| (f.code, f.contract))
        .collect();
    assert_eq!(
        exceeded,
        [
            (Code::SettlementExceeded, Some("HT-1".to_string())),
            (Code::SettlementExceeded, None)
        ]
    );
}
