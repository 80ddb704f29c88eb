//! The funding chain: every chain code is triggered by the one gap it names and stays
//! silent on a clean archive, with the contract and voucher numbers in the JSON report.

use serde_json::Value;

use crate::support::{check_json, doc, write};

const PROJECT: &str = "MGT-2023-001 教学楼";

/// A clean archive: one completed project, one tendered contract, two payments with
/// vouchers and invoices, retention at exactly 3% of the settlement.
struct Archive {
    aid_funds: &'static str,
    contracts: Vec<&'static str>,
    payments: Vec<&'static str>,
    vouchers: Vec<&'static str>,
    /// Lines above the payment ledger's header (a title and a unit line, as Excel saves a
    /// sheet with a merged title row).
    payments_title: &'static str,
    /// Whether the payment ledger is GBK (Excel's CSV on Chinese Windows), else UTF-8.
    payments_gbk: bool,
}

impl Archive {
    fn clean() -> Archive {
        Archive {
            aid_funds: "6000000",
            contracts: vec![
                "MGT-2023-001,HT-1,施工合同,施工,2023-05-01,5000000.00,公开招标,5000000.00",
            ],
            payments: vec![
                "MGT-2023-001,HT-1,2023-06-01,1000000.00,记-1,FP001",
                "MGT-2023-001,HT-1,2023-07-01,3850000.00,记-2,FP002",
            ],
            vouchers: vec!["20230601 拨付凭证 记-1.pdf", "20230701 拨付凭证 记-2.pdf"],
            payments_title: "",
            payments_gbk: false,
        }
    }

    fn run(&self) -> Value {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            &root.join(PROJECT).join("project.toml"),
            format!(
                "category = \"fixed-asset\"\nstatus = \"completed\"\nconstruction = \"new\"\naid_funds = {}\n",
                self.aid_funds
            ),
        );
        let mut contracts =
            "项目编号,合同编号,合同名称,合同类型,签订日期,合同金额,采购方式,结算金额\n".to_string();
        contracts.push_str(&self.contracts.join("\n"));
        write(&root.join("合同台账.csv"), contracts);
        let mut payments = self.payments_title.to_string();
        payments.push_str("项目编号,合同编号,拨付日期,拨付金额,凭证号,发票号\n");
        payments.push_str(&self.payments.join("\n"));
        let payments = if self.payments_gbk {
            encoding_rs::GBK.encode(&payments).0.into_owned()
        } else {
            payments.into_bytes()
        };
        write(&root.join("资金拨付台账.csv"), payments);
        for v in &self.vouchers {
            doc(root, &format!("{PROJECT}/06 资金拨付/{v}"));
        }
        check_json(root, &[]).0
    }
}

const CHAIN_CODES: &[&str] = &[
    "payment-without-voucher",
    "voucher-not-in-ledger",
    "payment-without-contract",
    "contract-overpaid",
    "allocation-exceeded",
    "payment-out-of-order",
    "contract-without-procurement",
    "payment-without-invoice",
    "settlement-exceeded",
    "retention-excessive",
    "possible-contract-splitting",
    "ledger-derived-mismatch",
    "ledger-bad-cell",
    "ledger-unknown-project",
];

fn chain_findings(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| CHAIN_CODES.contains(&f["code"].as_str().unwrap()))
        .collect()
}

/// Runs the archive and asserts that exactly one chain finding, of `code`, is reported.
fn only(archive: Archive, code: &str) -> Value {
    let report = archive.run();
    let found = chain_findings(&report);
    let codes: Vec<&str> = found.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec![code], "{found:#?}");
    assert_eq!(found[0]["project"], "MGT-2023-001");
    found[0].clone()
}

#[test]
fn a_clean_chain_has_no_finding() {
    let report = Archive::clean().run();
    assert_eq!(chain_findings(&report), Vec::<&Value>::new());
    let chain = &report["projects"][0]["chain"];
    assert_eq!(chain["paid"], "4850000");
    assert_eq!(chain["contracted"], "5000000");
    assert_eq!(chain["execution_rate"], 0.8083);
}

/// Issue 11: a payment ledger saved by Excel as CSV with a title and a unit line above the
/// header was unrecognised, and every chain check of its projects said nothing.
#[test]
fn a_csv_payment_ledger_with_title_lines_feeds_the_chain() {
    for gbk in [false, true] {
        let mut a = Archive::clean();
        a.payments_title = "麦盖提县援疆项目资金拨付台账\r\n单位：元\r\n";
        a.payments_gbk = gbk;
        assert_eq!(chain_findings(&a.run()), Vec::<&Value>::new(), "gbk: {gbk}");
        a.vouchers.pop();
        let f = only(a, "payment-without-voucher");
        assert_eq!(f["voucher"], "记-2", "gbk: {gbk}");
    }
}

/// A row whose only filled column is the amount is money paid, not a note: it is read
/// (here it names no project, so it says so), never dropped in silence.
#[test]
fn a_row_with_only_an_amount_is_read() {
    let mut a = Archive::clean();
    a.payments.push(",,,150000.00,,");
    let report = a.run();
    let found = chain_findings(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "ledger-unknown-project");
    assert_eq!(found[0]["project"], Value::Null, "a row of no project");
    assert_eq!(found[0]["paths"][0], "资金拨付台账.csv!资金拨付台账.csv!4");
}

#[test]
fn payment_without_voucher() {
    let mut a = Archive::clean();
    a.vouchers.pop();
    let f = only(a, "payment-without-voucher");
    assert_eq!(f["voucher"], "记-2");
    assert_eq!(f["contract"], "HT-1");
    assert_eq!(f["paths"][0], "资金拨付台账.csv!资金拨付台账.csv!3");
}

#[test]
fn a_voucher_is_matched_by_date_and_amount_when_the_row_has_no_number() {
    let mut a = Archive::clean();
    a.payments[0] = "MGT-2023-001,HT-1,2023-06-01,1000000.00,,FP001";
    a.vouchers[0] = "2023.6.1 付款凭证 ¥1,000,000.00.pdf";
    assert_eq!(chain_findings(&a.run()), Vec::<&Value>::new());
}

#[test]
fn voucher_not_in_ledger() {
    let mut a = Archive::clean();
    a.vouchers.push("记-9 拨付凭证.pdf");
    let f = only(a, "voucher-not-in-ledger");
    assert_eq!(f["voucher"], "记-0009");
    assert_eq!(
        f["paths"][0],
        format!("{PROJECT}/06 资金拨付/记-9 拨付凭证.pdf")
    );
}

#[test]
fn payment_without_contract() {
    let mut a = Archive::clean();
    a.payments
        .push("MGT-2023-001,HT-9,2023-08-01,10000.00,记-3,FP003");
    a.vouchers.push("记-3.pdf");
    let f = only(a, "payment-without-contract");
    assert_eq!(f["contract"], "HT-9");
}

#[test]
fn contract_overpaid_allows_for_the_precision_of_the_ledger() {
    // 485万元 is exact only to ±50 yuan: paying 40 yuan more is rounding, 60 yuan more is not.
    let with_second_payment = |amount: &'static str| {
        let mut a = Archive::clean();
        a.contracts = vec!["MGT-2023-001,HT-1,施工合同,施工,2023-05-01,485万元,公开招标,"];
        a.payments[1] = amount;
        a
    };
    let rounding = with_second_payment("MGT-2023-001,HT-1,2023-07-01,3850040.00,记-2,FP002");
    assert_eq!(chain_findings(&rounding.run()), Vec::<&Value>::new());
    let f = only(
        with_second_payment("MGT-2023-001,HT-1,2023-07-01,3850060.00,记-2,FP002"),
        "contract-overpaid",
    );
    assert_eq!(f["contract"], "HT-1");
}

#[test]
fn allocation_exceeded() {
    let mut a = Archive::clean();
    a.aid_funds = "4000000";
    only(a, "allocation-exceeded");
}

#[test]
fn payment_out_of_order() {
    let mut a = Archive::clean();
    a.payments[0] = "MGT-2023-001,HT-1,2023-04-01,1000000.00,记-1,FP001";
    a.vouchers[0] = "20230401 拨付凭证 记-1.pdf";
    let f = only(a, "payment-out-of-order");
    assert_eq!(f["voucher"], "记-1");
}

#[test]
fn contract_without_procurement() {
    let mut a = Archive::clean();
    a.contracts = vec!["MGT-2023-001,HT-1,施工合同,施工,2023-05-01,5000000.00,询价,5000000.00"];
    let f = only(a, "contract-without-procurement");
    assert_eq!(f["contract"], "HT-1");
}

#[test]
fn payment_without_invoice() {
    let mut a = Archive::clean();
    a.payments[1] = "MGT-2023-001,HT-1,2023-07-01,3850000.00,记-2,";
    only(a, "payment-without-invoice");
}

#[test]
fn settlement_exceeded() {
    let mut a = Archive::clean();
    a.contracts = vec!["MGT-2023-001,HT-1,施工合同,施工,2023-05-01,5000000.00,公开招标,4800000.00"];
    only(a, "settlement-exceeded");
}

#[test]
fn retention_excessive() {
    let mut a = Archive::clean();
    a.payments[1] = "MGT-2023-001,HT-1,2023-07-01,3700000.00,记-2,FP002";
    let f = only(a, "retention-excessive");
    assert!(f["message"].as_str().unwrap().contains("6%"), "{f}");
}

#[test]
fn possible_contract_splitting() {
    let mut a = Archive::clean();
    a.contracts = vec![
        "MGT-2023-001,HT-1,施工合同一标段,施工,2023-05-01,2500000.00,询价,",
        "MGT-2023-001,HT-2,施工合同二标段,施工,2023-05-02,2400000.00,询价,",
    ];
    a.payments[1] = "MGT-2023-001,HT-2,2023-07-01,2400000.00,记-2,FP002";
    let f = only(a, "possible-contract-splitting");
    assert_eq!(f["contract"], "HT-1 + HT-2");
}

#[test]
fn tender_documents_are_required_exactly_when_the_contract_ledger_says_so() {
    let missing = |report: &Value, id: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "missing-document" && f["document"] == id)
    };
    let undetermined = |report: &Value, id: &str| {
        report["projects"][0]["undetermined"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["document"] == id)
    };
    let report = Archive::clean().run();
    assert!(
        missing(&report, "tender-documents"),
        "a 5,000,000 construction contract must be tendered"
    );
    assert!(
        !missing(&report, "procurement-approval") && !undetermined(&report, "procurement-approval")
    );
    let mut a = Archive::clean();
    a.contracts = vec!["MGT-2023-001,HT-1,施工合同,施工,2023-05-01,3999999.99,询价,"];
    let report = a.run();
    assert!(
        !missing(&report, "tender-documents"),
        "below the threshold no tender"
    );
    assert!(
        missing(&report, "procurement-approval"),
        "an inquiry needs the method approved"
    );
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(PROJECT).join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"completed\"\nconstruction = \"new\"\n",
    );
    let report = check_json(dir.path(), &[]).0;
    assert!(
        undetermined(&report, "tender-documents") && !missing(&report, "tender-documents"),
        "no contract ledger: undetermined"
    );
}

#[test]
fn thresholds_are_configurable() {
    // With the tender threshold raised above the contract, the inquiry is lawful.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("guicang.toml"),
        "[thresholds]\nconstruction-tender = \"600万元\"\n",
    );
    write(
        &root.join(PROJECT).join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"completed\"\nconstruction = \"new\"\n",
    );
    let contracts = "项目编号,合同编号,合同名称,合同类型,签订日期,合同金额,采购方式\nMGT-2023-001,HT-1,施工合同,施工,2023-05-01,5000000.00,询价\n";
    write(&root.join("合同台账.csv"), contracts);
    let report = check_json(root, &[]).0;
    assert!(
        !report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "contract-without-procurement")
    );
}

#[test]
fn unknown_projects_and_bad_cells_name_the_row_and_cell() {
    let mut a = Archive::clean();
    a.payments
        .push("MGT-2023-099,HT-1,2023-08-01,10.00,记-4,FP4");
    a.payments
        .push("MGT-2023-001,HT-1,二〇二三年,约一万,记-5,FP5");
    let report = a.run();
    let find = |code: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == code)
            .cloned()
            .collect::<Vec<_>>()
    };
    let unknown = find("ledger-unknown-project");
    assert_eq!(unknown.len(), 1);
    assert_eq!(
        unknown[0]["paths"][0],
        "资金拨付台账.csv!资金拨付台账.csv!4"
    );
    let cells: Vec<String> = find("ledger-bad-cell")
        .iter()
        .map(|f| f["paths"][0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        cells,
        vec![
            "资金拨付台账.csv!资金拨付台账.csv!C5",
            "资金拨付台账.csv!资金拨付台账.csv!D5"
        ]
    );
}

#[test]
fn ledgers_inside_a_project_folder_belong_to_that_project() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join(PROJECT).join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"in-progress\"\naid_funds = \"100万元\"\n",
    );
    write(
        &root.join(PROJECT).join("06 资金拨付/拨付台账.csv"),
        "拨付日期,拨付金额,凭证号,发票号\n2023-06-01,1200000,记-1,FP1\n",
    );
    doc(root, &format!("{PROJECT}/06 资金拨付/记-1.pdf"));
    let report = check_json(root, &[]).0;
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "allocation-exceeded")
        .expect("over the aid funds");
    assert_eq!(
        f["paths"][0],
        format!("{PROJECT}/06 资金拨付/拨付台账.csv!拨付台账.csv!2")
    );
}

#[test]
fn configured_ledger_paths_and_project_settlements() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("guicang.toml"),
        "[ledgers]\npaths = [\"财务/拨付明细.csv\"]\n\n[settlements]\n\"MGT-2023-001\" = \"90万元\"\n",
    );
    write(
        &root.join(PROJECT).join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"completed\"\n",
    );
    write(
        &root.join("财务/拨付明细.csv"),
        "项目编号,拨付日期,拨付金额,凭证号,发票号\nMGT-2023-001,2023-06-01,1000000,记-1,FP1\n",
    );
    doc(root, &format!("{PROJECT}/记-1.pdf"));
    let report = check_json(root, &[]).0;
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "settlement-exceeded")
        .expect("paid above the configured settlement");
    assert_eq!(f["project"], "MGT-2023-001");
    assert!(
        !report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "unassigned-file"),
        "a configured ledger is not an unassigned file"
    );
}
