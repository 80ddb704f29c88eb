//! Bad input: broken rule files and configuration stop the run with exit 2 and a message
//! naming file, line and column; a bad ledger or an unreadable folder is a finding and the
//! rest of the archive is still checked.

use std::path::Path;

use crate::support::{check_json, check_json_unprivileged, doc, finding, guicang, write};

fn stderr_of_rules(case: &str) -> String {
    let output = guicang()
        .args([
            "check",
            "fixtures/demo-archive",
            "--rules",
            &format!("fixtures/rules-invalid/{case}"),
        ])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2), "{case} exits 2");
    assert!(
        output.stdout.is_empty(),
        "{case}: nothing is checked, nothing printed on stdout"
    );
    String::from_utf8(output.stderr).expect("utf-8")
}

#[test]
fn broken_rule_files_name_file_line_and_column() {
    let cases = [
        (
            "bad-toml",
            "extra.toml:9:1: missing comma between array elements",
        ),
        ("unknown-key", "extra.toml:11:1: unknown field `requried`"),
        ("bad-regex", "extra.toml:8:13: invalid regular expression"),
        (
            "duplicate-id",
            "extra.toml:13:6: duplicate document id `warranty`",
        ),
        (
            "unknown-stage",
            "extra.toml:6:9: unknown stage `land` for this category",
        ),
        (
            "bad-condition",
            "extra.toml:11:20: unknown status `finished`",
        ),
        (
            "bad-terms",
            "extra.toml:10:10: unknown form-word group `guarantee`",
        ),
    ];
    for (case, expected) in cases {
        let stderr = stderr_of_rules(case);
        assert!(
            stderr.contains(&format!("fixtures/rules-invalid/{case}/{expected}")),
            "{case}:\n{stderr}"
        );
        insta::assert_snapshot!(format!("rules_invalid_{case}"), stderr);
    }
}

#[test]
fn a_bad_condition_reports_every_mistake_at_once() {
    let stderr = stderr_of_rules("bad-condition");
    for expected in [
        "unknown status `finished`",
        "unknown contract kind `training`",
        "`big-contract` is neither an amount nor a known threshold",
    ] {
        assert!(stderr.contains(expected), "{expected}:\n{stderr}");
    }
    assert!(
        stderr.contains("3 rule file error(s); nothing was checked"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_configuration_key_is_an_error_with_its_place() {
    let output = guicang()
        .args([
            "check",
            "fixtures/demo-archive",
            "--config",
            "fixtures/config-invalid/guicang.toml",
        ])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(
        stderr.contains(
            "fixtures/config-invalid/guicang.toml:5:1: unknown field `fail-on`, expected `fail_on`"
        ),
        "{stderr}"
    );
}

#[test]
fn a_missing_root_is_a_usage_error() {
    let output = guicang()
        .args(["check", "no/such/archive"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no/such/archive is not a folder"));
}

#[test]
fn an_unreadable_ledger_is_a_finding_and_the_sweep_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        &root.join("项目台账.xlsx"),
        b"PK\x03\x04 this is not really a zip file",
    );
    write(
        &root.join("资金拨付台账.xlsx"),
        b"%PDF-1.4 a pdf saved as xlsx",
    );
    let project = "MGT-2023-001 教学楼";
    write(
        &root.join(project).join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"in-progress\"\n",
    );
    doc(root, &format!("{project}/可研报告.pdf"));
    let (report, code) = check_json(root, &[]);
    assert_eq!(code, 1);
    let ledger = |path: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "ledger-unreadable" && f["paths"][0] == path)
            .cloned()
    };
    // Said in Chinese, the parser's own words quoted; the reason a value among the facts.
    let zip = ledger("项目台账.xlsx").expect("broken zip reported");
    assert!(
        zip["message"].as_str().unwrap().contains("电子表格已损坏"),
        "{zip}"
    );
    assert_eq!(zip["facts"]["error"]["reason"], "corrupt", "{zip}");
    let pdf = ledger("资金拨付台账.xlsx").expect("pdf named xlsx reported");
    assert!(
        pdf["message"].as_str().unwrap().contains("不是电子表格"),
        "{pdf}"
    );
    assert!(pdf["message"].as_str().unwrap().contains("PDF"), "{pdf}");
    assert_eq!(
        pdf["facts"]["error"]["reason"], "not-a-spreadsheet",
        "{pdf}"
    );
    assert_eq!(
        report["projects"][0]["code"], "MGT-2023-001",
        "the project is still checked"
    );
    assert!(report["projects"][0]["present"].as_u64().unwrap() >= 1);
}

#[test]
fn a_ledger_without_a_known_header_is_unrecognised() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        &dir.path().join("会议台账.csv"),
        "日期,议题\n2023-06-01,开工协调\n",
    );
    let (report, _) = check_json(dir.path(), &[]);
    let f = finding(&report, "ledger-unrecognised").expect("unrecognised ledger");
    assert_eq!(f["paths"][0], "会议台账.csv");
}

#[test]
fn an_unreadable_folder_is_a_finding_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let project = "MGT-2023-001 教学楼";
    write(
        &root.join(project).join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"in-progress\"\n",
    );
    doc(root, &format!("{project}/01 可研立项/可研报告.pdf"));
    doc(root, &format!("{project}/05 验收/竣工验收报告.pdf"));
    let locked = root.join(project).join("05 验收");
    set_mode(&locked, 0o000);
    // Root reads any folder; drop the capabilities that allow it, as an ordinary clerk's account.
    let output = check_json_unprivileged(root);
    set_mode(&locked, 0o755);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let f = finding(&report, "unreadable-folder").expect("unreadable folder reported");
    assert_eq!(f["paths"][0], format!("{project}/05 验收"));
    assert_eq!(f["project"], "MGT-2023-001");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["facts"]["error"]["cause"], "permission-denied", "{f}");
    assert!(
        f["message"].as_str().unwrap().ends_with("：没有读取权限"),
        "said in the report's language: {f}"
    );
    assert_eq!(
        report["summary"]["files"], 2,
        "the readable files were checked: {report}"
    );
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}
