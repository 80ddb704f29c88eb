//! Times reading a payment ledger: `ledger_read FILE` prints rows and seconds;
//! `ledger_read --write FILE N` first writes an xlsx payment ledger of N rows (real dates,
//! numbers and voucher numbers, as Excel writes them). Used by `scripts/bench.sh`.

use std::path::Path;
use std::time::Instant;

use guicang::ledger::load::{LedgerSource, collect_records, open_ledgers};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--write") {
        let rows: u32 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(100_000);
        write(Path::new(&args[1]), rows);
        println!("wrote {rows} rows to {}", args[1]);
        return;
    }
    let path = Path::new(args.first().expect("a ledger file"));
    let start = Instant::now();
    let sources = [LedgerSource {
        path,
        rel: path.display().to_string(),
        owner: None,
    }];
    let (files, findings) = open_ledgers(&sources);
    let (records, cell_findings) = collect_records(&files);
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "payment ledger of {} rows ({} problems) read in {elapsed:.2} s",
        records.payments.len(),
        findings.len() + cell_findings.len()
    );
}

fn write(path: &Path, rows: u32) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in [
        "项目编号",
        "合同编号",
        "拨付日期",
        "拨付金额(元)",
        "凭证号",
        "发票号",
    ]
    .iter()
    .enumerate()
    {
        sheet.write(0, c as u16, *h).expect("header");
    }
    for r in 1..=rows {
        let day =
            ExcelDateTime::from_ymd(2023, (r % 12 + 1) as u8, (r % 28 + 1) as u8).expect("date");
        sheet
            .write(r, 0, format!("MGT-2023-{:04}", r % 5000))
            .expect("cell");
        sheet
            .write(r, 1, format!("HT-2023-{:04}", r % 9000))
            .expect("cell");
        sheet
            .write_datetime_with_format(r, 2, &day, &date)
            .expect("date");
        sheet.write(r, 3, f64::from(r) * 100.5).expect("amount");
        sheet.write(r, 4, format!("记-{r:05}")).expect("cell");
        sheet.write(r, 5, format!("FP{r:08}")).expect("cell");
    }
    book.save(path).expect("save");
}
