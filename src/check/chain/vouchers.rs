//! Voucher numbers used twice: two payment rows of one project that carry the same voucher
//! number (凭证号) in the same month, or for the same amount.
//!
//! Accounting vouchers are numbered by month (记-0001 starts again each month), so the same
//! number in two different months is normal; in one month it is a payment recorded twice
//! or a number copied wrongly, and so is the same number for the same amount (a row copied
//! and its date changed). A row without a date is compared with every row.

use std::collections::HashMap;

use jiff::civil::Date;

use super::ProjectChain;
use crate::finding::said::ChainSaid;
use crate::finding::{Code, Finding};
use crate::ledger::records::Payment;

/// Reports each pair of payment rows that share a voucher number within a month or for
/// one amount, once per later row (against the first such row).
pub fn check(chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    // Rows by voucher number, so that a project of many payments is not compared pairwise.
    let mut by_number: HashMap<VoucherKey<'_>, Vec<&Payment>> = HashMap::new();
    for later in chain.ledgers.payments.iter().copied() {
        let key = match (later.voucher, later.voucher_text.as_deref()) {
            (Some(v), _) => VoucherKey::Number(v.number),
            (None, Some(text)) => VoucherKey::Text(text),
            (None, None) => continue,
        };
        let earlier = by_number.entry(key).or_default();
        if let Some(first) = earlier.iter().find(|e| same_voucher(e, later)) {
            out.push(duplicate(chain, first, later));
        }
        earlier.push(later);
    }
}

/// What rows are grouped by: the parsed number, else the text as written.
#[derive(Debug, PartialEq, Eq, Hash)]
enum VoucherKey<'a> {
    Number(u32),
    Text(&'a str),
}

fn duplicate(chain: &ProjectChain<'_>, first: &Payment, later: &Payment) -> Finding {
    let voucher = later.voucher_text.clone().unwrap_or_default();
    let message = ChainSaid::DuplicateVoucher { voucher };
    let cell = |p: &Payment| p.voucher_cell.clone().unwrap_or_else(|| p.at.clone());
    let finding = Finding::new(Code::DuplicateVoucher, message)
        .project(chain.key.clone())
        .stage("payment")
        .path(cell(first))
        .path(cell(later));
    super::about_payment(finding, later)
}

/// Whether two rows carry the same voucher number in the same month (or a date is
/// missing), or for the same amount.
fn same_voucher(a: &Payment, b: &Payment) -> bool {
    let numbers = match (a.voucher, b.voucher) {
        (Some(x), Some(y)) => x.matches(&y),
        _ => match (&a.voucher_text, &b.voucher_text) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    };
    let same_amount = matches!((a.amount, b.amount), (Some(x), Some(y)) if x.yuan == y.yuan);
    numbers && (same_month(a.date, b.date) || same_amount)
}

fn same_month(a: Option<Date>, b: Option<Date>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a.year(), a.month()) == (b.year(), b.month()),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributes::Status;
    use crate::check::test_support::{Archive, day, payment, yuan};
    use crate::names::fields::VoucherNo;

    /// A payment row `n` with voucher `text`, `date` and `amount`.
    fn row(n: usize, text: &str, date: Option<&str>, amount: &str) -> Payment {
        Payment {
            voucher: VoucherNo::parse(text),
            voucher_text: Some(text.to_string()),
            voucher_cell: Some(format!("拨付.xlsx!S!E{n}")),
            date: date.map(day),
            amount: Some(yuan(amount)),
            ..payment(&format!("拨付.xlsx!S!{n}"))
        }
    }

    fn duplicates(rows: Vec<Payment>) -> Vec<Vec<String>> {
        let mut archive = Archive::new("equipment", Some(Status::InProgress));
        for r in rows {
            archive.payment(r);
        }
        let findings = archive.chain_findings(|_, chain, out| check(chain, out));
        assert!(findings.iter().all(|f| f.code == Code::DuplicateVoucher));
        findings.into_iter().map(|f| f.paths).collect()
    }

    #[test]
    fn one_voucher_number_twice_in_a_month_or_for_one_amount() {
        let cells =
            |a: usize, b: usize| vec![format!("拨付.xlsx!S!E{a}"), format!("拨付.xlsx!S!E{b}")];
        // Numbers start again each month.
        let next_month = vec![
            row(2, "记-0041", Some("2023-08-31"), "100"),
            row(3, "记-0041", Some("2023-09-01"), "200"),
        ];
        assert!(duplicates(next_month).is_empty());
        let next_year = vec![
            row(2, "记-0041", Some("2023-08-01"), "100"),
            row(3, "记-0041", Some("2024-08-01"), "200"),
        ];
        assert!(duplicates(next_year).is_empty());
        let same_month = vec![
            row(2, "记-0041", Some("2023-08-01"), "100"),
            row(3, "41", Some("2023-08-31"), "200"),
        ];
        assert_eq!(
            duplicates(same_month),
            [cells(2, 3)],
            "a kind left out is any kind"
        );
        let same_amount = vec![
            row(2, "记-0041", Some("2023-08-01"), "100"),
            row(3, "记-0041", Some("2024-03-01"), "100.00"),
        ];
        assert_eq!(duplicates(same_amount), [cells(2, 3)]);
        let undated = vec![
            row(2, "记-0041", Some("2023-08-01"), "100"),
            row(3, "记-0041", None, "200"),
        ];
        assert_eq!(duplicates(undated), [cells(2, 3)]);
        let other_kind = vec![
            row(2, "记-0041", Some("2023-08-01"), "100"),
            row(3, "付-0041", Some("2023-08-01"), "100"),
        ];
        assert!(duplicates(other_kind).is_empty());
    }

    #[test]
    fn a_number_that_does_not_parse_is_compared_as_written_and_each_later_row_once() {
        let rows = vec![
            row(2, "X-7", Some("2023-08-01"), "100"),
            row(3, "x-7", Some("2023-08-02"), "200"),
            row(4, "X-7", Some("2023-08-03"), "300"),
            row(5, "X-7", Some("2023-08-04"), "400"),
        ];
        assert!(VoucherNo::parse("X-7").is_none());
        let cells =
            |a: usize, b: usize| vec![format!("拨付.xlsx!S!E{a}"), format!("拨付.xlsx!S!E{b}")];
        assert_eq!(duplicates(rows), [cells(2, 4), cells(2, 5)]);
    }
}
