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
use crate::check::Context;
use crate::finding::{Code, Finding};
use crate::lang::Lang;
use crate::ledger::records::Payment;

/// Reports each pair of payment rows that share a voucher number within a month or for
/// one amount, once per later row (against the first such row).
pub fn check(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
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
            out.push(duplicate(ctx.lang, chain, first, later));
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

fn duplicate(lang: Lang, chain: &ProjectChain<'_>, first: &Payment, later: &Payment) -> Finding {
    let voucher = later.voucher_text.clone().unwrap_or_default();
    let message = match lang {
        Lang::Zh => format!("凭证号 {voucher} 出现在两行拨付记录中（同一月份或同一金额）"),
        Lang::En => {
            format!("voucher {voucher} is on two payment rows of the same month or the same amount")
        }
    };
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
