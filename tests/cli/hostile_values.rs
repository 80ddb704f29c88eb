//! Hostile values in ledgers, manifests and names (issue 12): each class that once
//! panicked, was accepted silently or forged report lines, swept from real files. Every run
//! must end with a report (exit 0 or 1) and name the cell that is wrong.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

use crate::support::{check_json, guicang, write};

const PROJECT: &str = "MGT-2023-001 教学楼";

/// An archive with one project whose `project.toml` says `aid_funds`, and `ledgers`
/// written by the caller.
fn archive(aid_funds: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(PROJECT).join("project.toml"),
        format!(
            "category = \"fixed-asset\"\nstatus = \"completed\"\nconstruction = \"new\"\naid_funds = {aid_funds}\n"
        ),
    );
    dir
}

/// A payment ledger as CSV, one string per row below the header.
fn payments_csv(root: &Path, rows: &[&str]) {
    let mut text = "项目编号,合同编号,拨付日期,拨付金额,凭证号,发票号\n".to_string();
    text.push_str(&rows.join("\n"));
    write(&root.join("资金拨付台账.csv"), text);
}

/// Runs the sweep; the run must end with a report, whatever the values.
fn sweep(root: &Path) -> Value {
    let (report, code) = check_json(root, &[]);
    assert!(code == 0 || code == 1, "exit {code}");
    report
}

/// The findings of `code`, as `(first path, message)`.
fn of(report: &Value, code: &str) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            (
                f["paths"][0].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn paths_of(report: &Value, code: &str) -> Vec<String> {
    of(report, code).into_iter().map(|(p, _)| p).collect()
}

const CSV: &str = "资金拨付台账.csv!资金拨付台账.csv!";

#[test]
fn amounts_with_more_than_28_decimals_are_bad_cells_not_panics() {
    let many = format!("0.{}1", "0".repeat(30));
    let dir = archive(&format!("\"{many}\""));
    let root = dir.path();
    payments_csv(
        root,
        &[
            &format!("MGT-2023-001,HT-1,2023-06-01,{many},记-1,FP1"),
            "MGT-2023-001,HT-1,2023-06-02,100.00,记-2,FP2",
        ],
    );
    // A spreadsheet number prints with all its decimals: 1e-300 has 300.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("台账").unwrap();
    for (c, h) in ["项目编号", "合同编号", "合同金额", "签订日期"]
        .iter()
        .enumerate()
    {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 0, "MGT-2023-001").unwrap();
    sheet.write(1, 1, "HT-1").unwrap();
    sheet.write(1, 2, 1e-300).unwrap();
    sheet.write(1, 3, "2023-05-01").unwrap();
    book.save(root.join("合同台账.xlsx")).unwrap();

    let report = sweep(root);
    let mut bad = paths_of(&report, "ledger-bad-cell");
    bad.sort();
    assert_eq!(
        bad,
        ["合同台账.xlsx!台账!C2".to_string(), format!("{CSV}D2")]
    );
    assert_eq!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "invalid-manifest")
            .count(),
        1,
        "aid_funds with 31 decimals"
    );
}

#[test]
fn sums_near_the_decimal_maximum_are_unknown_not_panics() {
    let max = "79228162514264337593543950335";
    let dir = archive("\"0.0000000000000000000000000001\"");
    let root = dir.path();
    payments_csv(
        root,
        &[
            &format!("MGT-2023-001,HT-1,2023-06-01,{max},记-1,FP1"),
            &format!("MGT-2023-001,HT-1,2023-07-01,{max},记-2,FP2"),
        ],
    );
    write(
        &root.join("合同台账.csv"),
        format!(
            "项目编号,合同编号,合同类型,合同金额,结算金额\nMGT-2023-001,HT-1,施工,{max},{max}\nMGT-2023-001,HT-2,施工,{max},1\n"
        ),
    );
    let report = sweep(root);
    let mut overflows = paths_of(&report, "ledger-sum-overflow");
    overflows.sort();
    assert_eq!(
        overflows,
        ["合同台账.csv!合同台账.csv!3".to_string(), format!("{CSV}3")],
        "the rows where the totals overflow"
    );
    let chain = &report["projects"][0]["chain"];
    assert_eq!(chain["paid"], Value::Null, "unknown, not a wrong figure");
    assert_eq!(chain["contracted"], Value::Null);
    assert_eq!(chain["execution_rate"], Value::Null);
    // Every other format renders the unknown totals too.
    for format in ["text", "markdown", "html", "sarif", "junit"] {
        let output = guicang()
            .arg("check")
            .arg(root)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{format}: {output:?}"
        );
    }
    let text = guicang()
        .arg("check")
        .arg(root)
        .args(["--format", "text", "--lang", "en"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("paid — (the total is out of range)"),
        "{text}"
    );
}

#[test]
fn project_toml_amounts_beyond_the_decimal_type_are_invalid_not_panics() {
    // A TOML float keeps its digits as written: 35 decimals.
    let dir = archive(&format!("0.{}1", "0".repeat(34)));
    write(
        &dir.path().join("MGT-2023-002 食堂").join("project.toml"),
        "category = \"fixed-asset\"\ntotal_investment = \"79228162514264337593543950335万元\"\n",
    );
    let report = sweep(dir.path());
    assert_eq!(of(&report, "invalid-manifest").len(), 2);
}

#[test]
fn thousands_separators_out_of_place_are_bad_cells() {
    let dir = archive("6000000");
    payments_csv(
        dir.path(),
        &[
            "MGT-2023-001,HT-1,2023-06-01,\"1,2,3\",记-1,FP1",
            "MGT-2023-001,HT-1,2023-06-02,\"1,234,567.89\",记-2,FP2",
        ],
    );
    let report = sweep(dir.path());
    assert_eq!(paths_of(&report, "ledger-bad-cell"), [format!("{CSV}D2")]);
    // One row's amount is unreadable: the total paid is unknown, never a partial sum.
    let chain = &report["projects"][0]["chain"];
    assert!(chain["paid"].is_null(), "{chain}");
    assert_eq!(chain["unknown"]["paid"], "unreadable-amounts");
}

#[test]
fn negative_and_empty_payment_amounts_are_bad_cells() {
    let dir = archive("6000000");
    payments_csv(
        dir.path(),
        &[
            "MGT-2023-001,HT-1,2023-06-01,-500.00,记-1,FP1",
            "MGT-2023-001,HT-1,2023-06-02,,记-2,FP2",
            "MGT-2023-001,HT-1,2023-06-03,\"(1,000.00)\",记-3,FP3",
            "MGT-2023-001,HT-1,2023-06-04,100.00,记-4,FP4",
        ],
    );
    let report = sweep(dir.path());
    let bad = of(&report, "ledger-bad-cell");
    assert_eq!(
        bad.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>(),
        [format!("{CSV}D2"), format!("{CSV}D3"), format!("{CSV}D4")]
    );
    assert!(bad[0].1.contains("-500.00"), "{bad:?}");
    let chain = &report["projects"][0]["chain"];
    assert!(chain["paid"].is_null(), "{chain}");
    assert_eq!(chain["unknown"]["paid"], "unreadable-amounts");
}

#[test]
fn the_same_voucher_in_a_month_or_for_one_amount_is_a_duplicate_voucher() {
    let dir = archive("6000000");
    payments_csv(
        dir.path(),
        &[
            "MGT-2023-001,HT-1,2023-06-01,100.00,记-0032,FP1",
            "MGT-2023-001,HT-1,2023-06-20,200.00,记-32,FP2",
            // Vouchers are numbered by month: 记-32 again in July is another voucher.
            "MGT-2023-001,HT-1,2023-07-03,300.00,记-32,FP3",
            "MGT-2023-001,HT-1,2023-07-04,300.00,记-33,FP4",
            // …unless it is the same payment copied with another date.
            "MGT-2023-001,HT-1,2023-08-04,300.00,记-33,FP5",
        ],
    );
    let report = sweep(dir.path());
    let duplicates: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "duplicate-voucher")
        .collect();
    assert_eq!(duplicates.len(), 2, "{duplicates:#?}");
    assert_eq!(
        duplicates[0]["paths"],
        serde_json::json!([format!("{CSV}E2"), format!("{CSV}E3")])
    );
    assert_eq!(
        duplicates[1]["paths"],
        serde_json::json!([format!("{CSV}E5"), format!("{CSV}E6")])
    );
    assert_eq!(duplicates[0]["severity"], "warning");
    assert_eq!(duplicates[0]["project"], "MGT-2023-001");
}

#[test]
fn excel_serials_0_and_1e15_are_implausible_dates() {
    let dir = archive("6000000");
    let root = dir.path();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("台账").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["项目编号", "合同编号", "拨付日期", "拨付金额", "凭证号"]
        .iter()
        .enumerate()
    {
        sheet.write(0, c as u16, *h).unwrap();
    }
    for (r, serial) in [0.0, 1e15, 45078.0, 1.0, 1e15].into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write(r, 0, "MGT-2023-001").unwrap();
        sheet.write(r, 1, "HT-1").unwrap();
        if r <= 3 {
            sheet.write_number_with_format(r, 2, serial, &date).unwrap();
        } else {
            sheet.write(r, 2, serial).unwrap(); // a plain number in a date column
        }
        sheet.write(r, 3, 100.0).unwrap();
        sheet.write(r, 4, format!("记-{r}")).unwrap();
    }
    book.save(root.join("资金拨付台账.xlsx")).unwrap();
    let report = sweep(root);
    assert_eq!(
        paths_of(&report, "ledger-bad-cell"),
        [
            "资金拨付台账.xlsx!台账!C2",
            "资金拨付台账.xlsx!台账!C3",
            "资金拨付台账.xlsx!台账!C5",
            "资金拨付台账.xlsx!台账!C6"
        ],
        "45078 is 2023-06-01"
    );
}

#[test]
fn two_columns_headed_the_same_field_are_reported() {
    let dir = archive("6000000");
    write(
        &dir.path().join("资金拨付台账.csv"),
        "项目编号,项目名称,拨付日期,拨付金额,凭证号,拨付金额（元）\n\
         MGT-2023-001,教学楼,2023-06-01,100.00,记-1,999.00\n",
    );
    let report = sweep(dir.path());
    let found: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "ledger-duplicate-column")
        .collect();
    assert_eq!(found.len(), 1, "项目编号 beside 项目名称 is no duplicate");
    assert_eq!(
        found[0]["paths"],
        serde_json::json!([format!("{CSV}D1"), format!("{CSV}F1")])
    );
    assert_eq!(
        found[0]["message"],
        "D 列“拨付金额”与 F 列“拨付金额（元）”是同一字段：读取 D 列，忽略 F 列"
    );
    assert_eq!(report["projects"][0]["chain"]["paid"], "100");
}

#[test]
fn control_characters_in_file_names_do_not_forge_report_lines() {
    let dir = archive("6000000");
    let root = dir.path();
    let name = "资金拨付台账\n## 伪造标题\n错误 forged\u{1b}[2J.csv";
    write(
        &root.join(name),
        "项目编号,拨付日期,拨付金额,凭证号\nMGT-2023-001,2023-06-01,\"约一万\n## 伪造\",记-1\n",
    );
    for (format, escaped) in [
        ("text", "\\n## 伪造标题\\n"),
        ("markdown", "\\n## 伪造标题\\n"),
    ] {
        let output = guicang()
            .arg("check")
            .arg(root)
            .args(["--format", format])
            .output()
            .unwrap();
        let out = String::from_utf8(output.stdout).unwrap();
        assert!(
            out.contains(escaped),
            "{format}: the name is shown escaped\n{out}"
        );
        assert!(
            !out.contains('\u{1b}'),
            "{format}: no escape sequence from a name"
        );
        for line in out.lines() {
            let line = line.trim_start();
            assert!(
                !line.starts_with("## 伪造") && !line.starts_with("错误 forged"),
                "{format}: a forged line: {line:?}\n{out}"
            );
        }
    }
}
