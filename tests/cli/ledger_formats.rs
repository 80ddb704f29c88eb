//! Ledgers written by real spreadsheet writers, one per format (`fixtures/ledgers/`, made by
//! `scripts/make_ledger_fixtures.py` with xlwt and odfpy; xlsx by rust_xlsxwriter in the
//! demo archive): each is recognised, and its amounts, dates and numbers read exactly.

use std::path::Path;

use guicang::finding::Finding;
use guicang::ledger::load::{LedgerSource, collect_records, open_ledgers};
use guicang::ledger::records::{ProjectRef, Records};

fn read(file: &str) -> (Records, Vec<Finding>) {
    let path = Path::new("fixtures/ledgers").join(file);
    let sources = [LedgerSource {
        path: &path,
        rel: file.to_string(),
        owner: None,
    }];
    let (files, mut findings) = open_ledgers(&sources);
    assert_eq!(files.len(), 1, "{file} is recognised: {findings:?}");
    let (records, cell_findings) = collect_records(&files);
    findings.extend(cell_findings);
    (records, findings)
}

fn yuan(records: &[Option<guicang::money::amount::Amount>]) -> Vec<String> {
    records
        .iter()
        .map(|a| a.map_or("-".into(), |a| a.yuan.normalize().to_string()))
        .collect()
}

#[test]
fn xls_payments_with_date_cells_title_unit_total_and_note_rows() {
    let (records, findings) = read("payments.xls");
    assert!(findings.is_empty(), "{findings:?}");
    let p = &records.payments;
    assert_eq!(p.len(), 4, "total, blank and note rows are not payments");
    assert_eq!(
        yuan(&p.iter().map(|p| p.amount).collect::<Vec<_>>()),
        ["1200000", "2400000", "1800000.5", "360000"]
    );
    let dates: Vec<String> = p.iter().map(|p| p.date.unwrap().to_string()).collect();
    assert_eq!(
        dates,
        ["2023-06-15", "2023-08-01", "2023-10-20", "2024-01-10"]
    );
    let vouchers: Vec<String> = p.iter().map(|p| p.voucher_text.clone().unwrap()).collect();
    assert_eq!(vouchers, ["记-0032", "记-0041", "记-0077", "记-0102"]);
    assert_eq!(p[0].invoice_no.as_deref(), Some("04512345"));
    assert_eq!(p[3].invoice_no, None);
    assert_eq!(
        p[2].cumulative.unwrap().yuan.normalize().to_string(),
        "5410000.5",
        "read as written; checked later"
    );
    assert_eq!(p[2].at, "payments.xls!资金拨付台账!6");
    assert_eq!(p[0].project, Some(ProjectRef::Named("MGT-2023-001".into())));
}

#[test]
fn ods_contracts_in_ten_thousand_yuan_with_date_cells() {
    let (records, findings) = read("contracts.ods");
    assert!(findings.is_empty(), "{findings:?}");
    let c = &records.contracts;
    assert_eq!(c.len(), 2);
    assert_eq!(
        yuan(&c.iter().map(|c| c.amount).collect::<Vec<_>>()),
        ["5805000", "180000"]
    );
    assert_eq!(c[0].date.unwrap().to_string(), "2023-05-20");
    assert_eq!(c[0].contract_no.as_deref(), Some("HT-2023-015"));
    assert_eq!(c[1].procurement.map(|m| m.id()), Some("inquiry"));
    assert_eq!(c[0].kind.map(|k| k.id()), Some("construction"));
    assert_eq!(
        c[0].amount.unwrap().tolerance.normalize().to_string(),
        "50",
        "two decimals of 万元"
    );
    // A ledger above every project folder covers the whole archive.
    assert!(records.coverage.iter().any(|c| {
        c.kind == guicang::ledger::header::LedgerKind::Contracts && c.owner.is_none()
    }));
}

#[test]
fn gbk_csv_allocations_with_mixed_dates_and_a_capital_amount() {
    let (records, findings) = read("allocations-gbk.csv");
    assert!(findings.is_empty(), "{findings:?}");
    let a = &records.allocations;
    assert_eq!(
        yuan(&a.iter().map(|a| a.amount).collect::<Vec<_>>()),
        ["6000000", "6000000", "6000000"]
    );
    let dates: Vec<String> = a.iter().map(|a| a.date.unwrap().to_string()).collect();
    assert_eq!(dates, ["2023-03-01", "2023-06-01", "2023-09-01"]);
    assert_eq!(a[0].document_no.as_deref(), Some("麦发改投资〔2023〕12号"));
}

#[test]
fn utf8_bom_csv_invoices_keep_leading_zeros_and_yen_signs() {
    let (records, findings) = read("invoices-bom.csv");
    assert!(findings.is_empty(), "{findings:?}");
    let v = &records.invoices;
    assert_eq!(
        v.iter()
            .map(|v| v.invoice_no.clone().unwrap())
            .collect::<Vec<_>>(),
        ["04512345", "04512346", "04512347"]
    );
    assert_eq!(
        yuan(&v.iter().map(|v| v.amount).collect::<Vec<_>>()),
        ["1200000", "2400000", "1800000.5"]
    );
    assert_eq!(v[0].date.unwrap().to_string(), "2023-06-14");
}

/// Excel's "save as CSV" of a payment sheet with a merged title row and a unit row (issue
/// 11): as GBK with a title record of one field, and as UTF-8 with BOM with the title padded
/// to the sheet's width. A 备注 cell with a line break, rows shorter than the header, a total
/// and a note: the four payments are read, and each names its physical line.
#[test]
fn csv_payments_with_title_unit_total_and_note_lines() {
    for file in ["payments-title-gbk.csv", "payments-title-bom.csv"] {
        let (records, findings) = read(file);
        assert!(findings.is_empty(), "{file}: {findings:?}");
        let p = &records.payments;
        assert_eq!(
            p.len(),
            4,
            "{file}: title, unit, total and note lines are not payments"
        );
        assert_eq!(
            yuan(&p.iter().map(|p| p.amount).collect::<Vec<_>>()),
            ["1200000", "2400000", "1800000.5", "360000"],
            "{file}"
        );
        let dates: Vec<String> = p.iter().map(|p| p.date.unwrap().to_string()).collect();
        assert_eq!(
            dates,
            ["2023-06-15", "2023-08-01", "2023-10-20", "2024-01-10"],
            "{file}"
        );
        let vouchers: Vec<String> = p.iter().map(|p| p.voucher_text.clone().unwrap()).collect();
        assert_eq!(
            vouchers,
            ["记-0032", "记-0041", "记-0077", "记-0102"],
            "{file}"
        );
        assert_eq!(p[3].invoice_no, None, "{file}");
        assert_eq!(
            p[3].cumulative.unwrap().yuan.normalize().to_string(),
            "5760000.5",
            "{file}"
        );
        assert_eq!(p[0].project, Some(ProjectRef::Named("MGT-2023-001".into())));
        let at: Vec<&str> = p.iter().map(|p| p.at.as_str()).collect();
        assert_eq!(
            at,
            [4, 5, 7, 8].map(|line| format!("{file}!{file}!{line}")),
            "the payment after the two-line 备注 starts on line 7"
        );
    }
}

#[test]
fn xls_project_ledger_with_a_line_break_in_a_header() {
    let path = Path::new("fixtures/ledgers/projects.xls");
    let sources = [LedgerSource {
        path,
        rel: "projects.xls".into(),
        owner: None,
    }];
    let (files, findings) = open_ledgers(&sources);
    assert!(findings.is_empty());
    let mut cell_findings = Vec::new();
    let rows = guicang::project::ledger_rows::project_rows(&files, &mut cell_findings);
    assert_eq!(rows.len(), 3, "the total row is not a project");
    assert_eq!(
        rows[1].aid_funds.unwrap().yuan.normalize().to_string(),
        "6000000",
        "援疆资金\\n（万元）"
    );
    assert_eq!(
        rows[1]
            .total_investment
            .unwrap()
            .yuan
            .normalize()
            .to_string(),
        "6505000"
    );
    assert_eq!(rows[2].category.as_deref(), Some("非固投类"));
}
