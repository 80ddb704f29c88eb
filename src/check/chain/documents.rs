//! The documents behind each payment: a voucher file per payment row, no voucher file
//! outside the ledger, and an invoice for each payment.

use super::{ProjectChain, about_payment, payment_ref};
use crate::check::Context;
use crate::classify::FileClass;
use crate::finding::said::ChainSaid;
use crate::finding::{Code, Finding};
use crate::ledger::records::Payment;
use crate::money::amount::Amount;
use crate::names::fields::NameFields;

/// A file of the project and what its name says.
struct NamedFile<'a> {
    rel: &'a crate::scan::RelPath,
    fields: &'a NameFields,
}

/// Reports payments without voucher or invoice, and voucher files missing from the ledger.
pub fn check(ctx: &Context<'_>, chain: &ProjectChain<'_>, out: &mut Vec<Finding>) {
    if chain.ledgers.payments.is_empty() {
        return;
    }
    let (vouchers, invoices) = payment_files(ctx, chain);
    for payment in &chain.ledgers.payments {
        if !vouchers
            .iter()
            .any(|f| evidences_voucher(f.fields, payment))
        {
            out.push(finding(Code::PaymentWithoutVoucher, chain, payment));
        }
        if !has_invoice(chain, payment, &invoices) {
            out.push(finding(Code::PaymentWithoutInvoice, chain, payment));
        }
    }
    for file in &vouchers {
        let Some(number) = file.fields.voucher else {
            continue;
        };
        if !chain
            .ledgers
            .payments
            .iter()
            .any(|p| p.voucher.is_some_and(|v| v.matches(&number)))
        {
            let voucher = voucher_label(&number);
            out.push(
                Finding::new(
                    Code::VoucherNotInLedger,
                    ChainSaid::VoucherNotInLedger {
                        voucher: voucher.clone(),
                    },
                )
                .project(chain.key.clone())
                .stage("payment")
                .document("payment-voucher")
                .voucher(voucher)
                .path(file.rel.joined()),
            );
        }
    }
}

/// The project's voucher files and invoice files.
fn payment_files<'a>(
    ctx: &'a Context<'_>,
    chain: &ProjectChain<'_>,
) -> (Vec<NamedFile<'a>>, Vec<NamedFile<'a>>) {
    let category = ctx.category_of(chain.index);
    let doc_id = |class: FileClass| match (class, category) {
        (FileClass::Evidence { document, .. }, Some(c)) => {
            Some(c.documents[document as usize].id.as_str())
        }
        _ => None,
    };
    let mut vouchers = Vec::new();
    let mut invoices = Vec::new();
    for index in chain.files.clone() {
        let class = ctx.classes[index].class;
        if matches!(class, FileClass::Temporary | FileClass::Bookkeeping) {
            continue;
        }
        let named = NamedFile {
            rel: ctx.files[index].rel_path(),
            fields: ctx.classes[index].fields(),
        };
        match doc_id(class) {
            Some("payment-voucher") => vouchers.push(named),
            Some("invoice") => invoices.push(named),
            None if named.fields.voucher.is_some() => vouchers.push(named),
            _ => {}
        }
    }
    (vouchers, invoices)
}

/// A voucher file evidences a payment by its number, else by date and amount.
fn evidences_voucher(fields: &NameFields, payment: &Payment) -> bool {
    match (fields.voucher, payment.voucher) {
        (Some(file), Some(row)) => file.matches(&row),
        _ => same_date_and_amount(fields, payment),
    }
}

fn same_date_and_amount(fields: &NameFields, payment: &Payment) -> bool {
    let dated = matches!((fields.date, payment.date), (Some(a), Some(b)) if a == b);
    let amount = match (fields.amount, payment.amount) {
        (Some(a), Some(b)) => Amount::exact(a).agrees(&b),
        _ => false,
    };
    dated && amount
}

/// An invoice number in the row, an invoice ledger row for the same contract and amount
/// (or date and amount), or an invoice file naming the payment's amount or date.
fn has_invoice(chain: &ProjectChain<'_>, payment: &Payment, files: &[NamedFile<'_>]) -> bool {
    if payment.invoice_no.is_some() {
        return true;
    }
    let agrees = |amount: Option<Amount>| matches!((amount, payment.amount), (Some(a), Some(b)) if a.agrees(&b));
    let in_ledger = chain.ledgers.invoices.iter().any(|invoice| {
        let same_contract =
            invoice.contract_no.is_some() && invoice.contract_no == payment.contract_no;
        let same_date = invoice.date.is_some() && invoice.date == payment.date;
        agrees(invoice.amount) && (same_contract || same_date)
    });
    in_ledger
        || files.iter().any(|f| {
            agrees(f.fields.amount.map(Amount::exact))
                || (f.fields.date.is_some() && f.fields.date == payment.date)
        })
}

fn voucher_label(number: &crate::names::fields::VoucherNo) -> String {
    match number.kind {
        Some(kind) => format!("{kind}-{:04}", number.number),
        None => format!("{:04}", number.number),
    }
}

/// The finding that payment row `payment` lacks its voucher file
/// (`payment-without-voucher`) or its invoice (`payment-without-invoice`), naming its
/// voucher, contract, date and amount.
fn finding(code: Code, chain: &ProjectChain<'_>, payment: &Payment) -> Finding {
    let named = payment_ref(payment);
    let (said, document) = if code == Code::PaymentWithoutVoucher {
        let said = ChainSaid::PaymentWithoutVoucher { payment: named };
        (said, "payment-voucher")
    } else {
        let said = ChainSaid::PaymentWithoutInvoice { payment: named };
        (said, "invoice")
    };
    let finding = Finding::new(code, said)
        .project(chain.key.clone())
        .stage("payment")
        .document(document)
        .path(payment.at.clone());
    about_payment(finding, payment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributes::Status;
    use crate::check::test_support::{Archive, day, invoice, of, payment, wan, yuan};
    use crate::ledger::records::Invoice;
    use crate::names::fields::VoucherNo;

    /// A payment of 240.00 万元 (2,400,000 ± 50 yuan) on 2023-08-01 with voucher `voucher`.
    fn row(voucher: Option<&str>) -> Payment {
        Payment {
            voucher: voucher.and_then(VoucherNo::parse),
            voucher_text: voucher.map(str::to_string),
            date: Some(day("2023-08-01")),
            amount: Some(wan("240.00")),
            contract_no: Some("HT-1".to_string()),
            ..payment("拨付.xlsx!S!2")
        }
    }

    /// The codes found for `row` among files `names` (in 04 拨付/).
    fn found(row: Payment, names: &[&str], code: Code) -> Vec<Finding> {
        let mut archive = Archive::new("equipment", Some(Status::InProgress));
        archive.payment(row);
        for name in names {
            archive.file(&format!("04 拨付/{name}"));
        }
        of(&archive.chain_findings(check), code)
            .into_iter()
            .cloned()
            .collect()
    }

    #[test]
    fn a_voucher_file_is_matched_by_its_number() {
        let file = ["记-0041 拨付凭证.pdf"];
        assert!(found(row(Some("41")), &file, Code::PaymentWithoutVoucher).is_empty());
        assert!(found(row(Some("41")), &file, Code::VoucherNotInLedger).is_empty());
        let missing = found(row(Some("42")), &file, Code::PaymentWithoutVoucher);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].paths, ["拨付.xlsx!S!2"]);
        let stray = found(row(Some("42")), &file, Code::VoucherNotInLedger);
        assert_eq!(stray.len(), 1);
        assert_eq!(stray[0].voucher.as_deref(), Some("记-0041"));
        assert_eq!(
            stray[0].paths,
            [format!(
                "{}/04 拨付/记-0041 拨付凭证.pdf",
                crate::check::test_support::CODE
            )]
        );
        // Numbers that differ are not made up for by a matching date and amount.
        let dated = ["记-0042 拨付凭证 20230801 2400000.00元.pdf"];
        assert_eq!(
            found(row(Some("41")), &dated, Code::PaymentWithoutVoucher).len(),
            1
        );
    }

    #[test]
    fn without_a_number_a_voucher_file_is_matched_by_date_and_amount_within_rounding() {
        let without = |name: &str| found(row(None), &[name], Code::PaymentWithoutVoucher).len();
        assert_eq!(without("拨付凭证 20230801 2400050.00元.pdf"), 0);
        assert_eq!(without("拨付凭证 20230801 2399950.00元.pdf"), 0);
        assert_eq!(without("拨付凭证 20230801 2400050.01元.pdf"), 1);
        assert_eq!(without("拨付凭证 20230802 2400000.00元.pdf"), 1);
        assert_eq!(without("拨付凭证 20230801.pdf"), 1, "no amount");
        let unreadable = Payment {
            amount: None,
            ..row(None)
        };
        assert_eq!(
            found(
                unreadable,
                &["拨付凭证 20230801 2400000.00元.pdf"],
                Code::PaymentWithoutVoucher
            )
            .len(),
            1
        );
    }

    fn invoiced(row: Payment, ledger: Option<Invoice>, names: &[&str]) -> usize {
        let mut archive = Archive::new("equipment", Some(Status::InProgress));
        archive.payment(row);
        if let Some(invoice) = ledger {
            archive.invoice(invoice);
        }
        for name in names {
            archive.file(&format!("04 拨付/{name}"));
        }
        of(&archive.chain_findings(check), Code::PaymentWithoutInvoice).len()
    }

    #[test]
    fn an_invoice_is_a_number_in_the_row_a_ledger_row_or_a_file() {
        assert_eq!(invoiced(row(None), None, &[]), 1);
        let numbered = Payment {
            invoice_no: Some("No.0012".into()),
            ..row(None)
        };
        assert_eq!(invoiced(numbered, None, &[]), 0);
        let ledger = |contract: Option<&str>, date: Option<&str>, amount: &str| Invoice {
            contract_no: contract.map(str::to_string),
            date: date.map(day),
            amount: Some(yuan(amount)),
            ..invoice("发票.xlsx!S!2")
        };
        assert_eq!(
            invoiced(row(None), Some(ledger(Some("HT-1"), None, "2400050")), &[]),
            0
        );
        assert_eq!(
            invoiced(
                row(None),
                Some(ledger(None, Some("2023-08-01"), "2400000")),
                &[]
            ),
            0
        );
        assert_eq!(
            invoiced(
                row(None),
                Some(ledger(Some("HT-2"), Some("2023-08-02"), "2400000")),
                &[]
            ),
            1
        );
        assert_eq!(
            invoiced(
                row(None),
                Some(ledger(Some("HT-1"), None, "2400050.01")),
                &[]
            ),
            1
        );
        assert_eq!(invoiced(row(None), None, &["发票 2400000.00元.pdf"]), 0);
        assert_eq!(invoiced(row(None), None, &["发票 20230801.pdf"]), 0);
        assert_eq!(
            invoiced(row(None), None, &["发票 20230802 100.00元.pdf"]),
            1
        );
    }
}
