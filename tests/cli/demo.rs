//! The demo archive: its known gaps are reported exactly, and nothing else.

use std::path::Path;

use crate::support::{check_json, findings, guicang};

const DEMO: &str = "fixtures/demo-archive";

#[test]
fn reports_exactly_the_known_gaps() {
    let (report, code) = check_json(Path::new(DEMO), &[]);
    assert_eq!(code, 1, "errors fail the run");
    let missing: Vec<(String, String)> = findings(&report, &["missing-document"])
        .into_iter()
        .filter(|(_, p, _)| p.starts_with("MGT-2023"))
        .map(|(_, p, d)| (p, d))
        .collect();
    let expected = [
        ("MGT-2023-001", "procurement-approval"),
        ("MGT-2023-001", "fire-acceptance"),
        ("MGT-2023-002", "procurement-approval"),
        ("MGT-2023-002", "supervision-log"),
        ("MGT-2023-003", "acceptance-report"),
        ("MGT-2023-003", "performance-evaluation-report"),
        ("MGT-2023-006", "materials"),
        ("MGT-2023-006", "invoice"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, d)| (p.to_string(), d.to_string()))
        .collect();
    assert_eq!(missing, expected);
    let misfiled =
        crate::support::finding(&report, "misfiled-document").expect("misfiled contract");
    assert_eq!(misfiled["document"], "construction-contract");
    assert_eq!(
        misfiled["paths"][0],
        "2023/固投类/MGT-2023-001 麦盖提县第三小学教学楼建设项目/06 资金拨付/施工合同.pdf"
    );
}

#[test]
fn reports_exactly_the_known_chain_and_file_gaps() {
    let (report, _) = check_json(Path::new(DEMO), &[]);
    let chain: Vec<(String, String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["code"] != "missing-document"
                && f["project"]
                    .as_str()
                    .is_some_and(|p| p.starts_with("MGT-2023"))
        })
        .filter(|f| {
            !matches!(f["severity"].as_str(), Some("info")) && f["code"] != "misfiled-document"
        })
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("-").to_string();
            (s("project"), s("code"), s("contract"), s("voucher"))
        })
        .collect();
    let expected = [
        ("MGT-2023-001", "voucher-not-in-ledger", "-", "记-0099"),
        (
            "MGT-2023-001",
            "payment-without-voucher",
            "HT-2023-015",
            "记-0041",
        ),
        (
            "MGT-2023-001",
            "payment-without-invoice",
            "HT-2023-015",
            "记-0102",
        ),
        ("MGT-2023-001", "ledger-derived-mismatch", "-", "-"),
        (
            "MGT-2023-002",
            "possible-contract-splitting",
            "HT-2023-031 + HT-2023-032",
            "-",
        ),
        (
            "MGT-2023-002",
            "payment-without-contract",
            "HT-2023-099",
            "记-0115",
        ),
        (
            "MGT-2023-003",
            "contract-without-procurement",
            "CG-2023-003",
            "-",
        ),
        (
            "MGT-2023-003",
            "payment-without-voucher",
            "CG-2023-003",
            "付-13",
        ),
        ("MGT-2023-003", "contract-overpaid", "CG-2023-003", "-"),
        (
            "MGT-2023-003",
            "payment-out-of-order",
            "CG-2023-003",
            "付-13",
        ),
        ("MGT-2023-003", "allocation-exceeded", "-", "-"),
        ("MGT-2023-001", "corrupt-pdf", "-", "-"),
        ("MGT-2023-004", "corrupt-image", "-", "-"),
        ("MGT-2023-005", "format-mismatch", "-", "-"),
        // Chronology: late completion, works before the permit, a contract before its
        // award, and allocations left unpaid (the last four until the day of the sweep).
        ("MGT-2023-001", "completed-late", "-", "-"),
        ("MGT-2023-002", "started-before-permit", "-", "-"),
        ("MGT-2023-002", "funds-idle", "-", "-"),
        ("MGT-2023-003", "contract-before-award", "CG-2023-003", "-"),
        ("MGT-2023-004", "funds-idle", "-", "-"),
        ("MGT-2023-005", "funds-idle", "-", "-"),
        ("MGT-2023-006", "funds-idle", "-", "-"),
    ];
    let mut expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    let mut chain_sorted = chain.clone();
    chain_sorted.sort();
    expected.sort();
    assert_eq!(chain_sorted, expected, "{chain:#?}");
}

#[test]
fn learns_every_project_with_category_and_status() {
    let (report, _) = check_json(Path::new(DEMO), &[]);
    let projects: Vec<(String, String, String)> = report["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("-").to_string();
            (s("code"), s("category"), s("status"))
        })
        .collect();
    let expected = [
        ("MGT-2023-001", "fixed-asset", "completed"),
        ("MGT-2023-002", "fixed-asset", "in-progress"),
        ("MGT-2023-003", "equipment", "completed"),
        ("MGT-2023-005", "equipment", "in-progress"),
        ("MGT-2023-004", "non-fixed", "completed"),
        ("MGT-2023-006", "non-fixed", "in-progress"),
        ("MGT-2024-001", "fixed-asset", "planned"),
        ("MGT-2024-003", "-", "-"),
        ("MGT-2024-004", "equipment", "-"),
        ("MGT-2024-006", "fixed-asset", "planned"),
        ("MGT-2024-007", "equipment", "planned"),
        ("-", "fixed-asset", "in-progress"),
        ("MGT-2024-002", "fixed-asset", "in-progress"),
        // A reserve project of the project ledger with no folder yet: in the reserve library.
        ("MGT-2024-005", "non-fixed", "planned"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(projects, expected);
    let planned = &report["projects"][6];
    assert_eq!(planned["required"], 0, "planned projects require nothing");
    assert_eq!(planned["completeness"], serde_json::Value::Null);
}

#[test]
fn reports_discovery_problems_naming_their_files() {
    let (report, _) = check_json(Path::new(DEMO), &[]);
    let by_code =
        |code: &str| crate::support::finding(&report, code).unwrap_or_else(|| panic!("no {code}"));
    assert_eq!(by_code("unknown-project")["project"], "MGT-2024-003");
    let manifest = by_code("invalid-manifest");
    assert_eq!(
        manifest["paths"][0],
        "2024/MGT-2024-004 麦盖提县职业技术学校实训设备项目/project.toml"
    );
    assert!(
        manifest["message"]
            .as_str()
            .unwrap()
            .contains("project.toml:3:10"),
        "{manifest}"
    );
    let folder = by_code("project-folder-missing");
    assert_eq!(folder["project"], "MGT-2024-002");
    assert_eq!(
        folder["paths"][0], "项目台账.xlsx!2023-2024年援疆项目!11",
        "ledger cell provenance"
    );
    assert_eq!(by_code("unassigned-file")["paths"][0], "2023/会议纪要.pdf");
}

#[test]
fn json_report_snapshot() {
    let output = guicang()
        .args(["check", DEMO, "--format", "json"])
        .output()
        .expect("run");
    insta::assert_snapshot!(
        "demo_json",
        String::from_utf8(output.stdout).expect("utf-8")
    );
}

#[test]
fn terminal_report_snapshots_in_both_languages() {
    for lang in ["zh", "en"] {
        let output = guicang()
            .args(["check", DEMO, "--lang", lang])
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(1));
        let text = String::from_utf8(output.stdout).expect("utf-8");
        assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
        insta::assert_snapshot!(format!("demo_text_{lang}"), text);
    }
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(check_json(Path::new(DEMO), &["--fail-on", "never"]).1, 0);
    assert_eq!(check_json(Path::new(DEMO), &["--fail-on", "error"]).1, 1);
    assert_eq!(check_json(Path::new(DEMO), &["--fail-on", "info"]).1, 1);
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let run = |threads: &str| {
        guicang()
            .args(["check", DEMO, "--format", "json", "-j", threads])
            .output()
            .expect("run")
            .stdout
    };
    let one = run("1");
    assert_eq!(one, run("8"));
    assert_eq!(one, run("3"));
}
