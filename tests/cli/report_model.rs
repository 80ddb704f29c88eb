//! What every format is rendered from: project keys, counts that add up, findings owned by
//! the project whose folder holds their evidence, and the facts of the run (issue 13).

use std::path::Path;

use crate::support::{check_json, copy_tree, doc, write};

const DEMO: &str = "fixtures/demo-archive";

#[test]
fn project_counts_plus_archive_counts_equal_the_headline() {
    let (report, _) = check_json(Path::new(DEMO), &[]);
    let summary = &report["summary"];
    let sum = |field: &str| -> u64 {
        report["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p[field].as_u64().unwrap())
            .sum()
    };
    let archive_errors = summary["archive_errors"].as_u64().unwrap();
    let archive_warnings = summary["archive_warnings"].as_u64().unwrap();
    assert_eq!(
        sum("errors") + archive_errors,
        summary["errors"].as_u64().unwrap()
    );
    assert_eq!(
        sum("warnings") + archive_warnings,
        summary["warnings"].as_u64().unwrap()
    );
    // And the archive counts are exactly the findings of no listed project.
    let keys: Vec<&str> = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    let of_no_project = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .filter(|f| !f["project"].as_str().is_some_and(|k| keys.contains(&k)))
        .count() as u64;
    assert_eq!(of_no_project, archive_errors);
}

#[test]
fn every_project_has_a_key_and_findings_name_projects_by_it() {
    let dir = tempfile::tempdir().unwrap();
    // One project with a code, one folder without any.
    doc(dir.path(), "RZ-2023-001 学校/可行性研究报告.pdf");
    doc(dir.path(), "无编号项目/可行性研究报告.pdf");
    let (report, _) = check_json(dir.path(), &[]);
    let keys: Vec<&str> = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"RZ-2023-001"), "{keys:?}");
    for f in report["findings"].as_array().unwrap() {
        if let Some(project) = f["project"].as_str() {
            assert!(
                keys.contains(&project),
                "{project} is no project key: {keys:?}"
            );
        }
    }
}

#[test]
fn an_unreadable_ledger_in_a_project_folder_is_that_projects_finding() {
    let dir = tempfile::tempdir().unwrap();
    doc(dir.path(), "RZ-2023-001 学校/可行性研究报告.pdf");
    write(
        &dir.path().join("RZ-2023-001 学校/资金拨付台账.xlsx"),
        b"not a workbook",
    );
    write(
        &dir.path().join("资金拨付台账.xlsx"),
        b"not a workbook either",
    );
    let (report, _) = check_json(dir.path(), &[]);
    let unreadable: Vec<(&str, Option<&str>)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "ledger-unreadable")
        .map(|f| (f["paths"][0].as_str().unwrap(), f["project"].as_str()))
        .collect();
    assert!(
        unreadable.contains(&("RZ-2023-001 学校/资金拨付台账.xlsx", Some("RZ-2023-001"))),
        "{unreadable:?}"
    );
    assert!(
        unreadable.contains(&("资金拨付台账.xlsx", None)),
        "{unreadable:?}"
    );
}

#[test]
fn the_report_says_when_and_how_it_was_made() {
    let dir = tempfile::tempdir().unwrap();
    doc(dir.path(), "RZ-2023-001 学校/可行性研究报告.pdf");
    write(
        &dir.path().join("guicang.toml"),
        "[check]\nfail_on = \"warning\"\n",
    );
    let (report, _) = check_json(dir.path(), &[]);
    let run = &report["run"];
    assert_eq!(
        run["at"], "2026-11-30T08:00:00Z",
        "GUICANG_NOW fixes the time"
    );
    assert_eq!(run["guicang"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["fail_on"], "warning");
    assert!(run["config"].as_str().unwrap().ends_with("guicang.toml"));
    assert_eq!(run["waivers"], 0);
    assert!(run["baseline"].is_null());
}

#[test]
fn figures_no_ledger_covers_are_null_with_a_reason_never_zero() {
    // The demo archive without its allocation ledger: contract and payment ledgers only.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(DEMO), dir.path());
    std::fs::remove_file(dir.path().join("资金下达台账.xlsx")).unwrap();
    let (report, _) = check_json(dir.path(), &[]);
    for p in report["projects"].as_array().unwrap() {
        let chain = &p["chain"];
        if chain.is_null() {
            continue;
        }
        assert!(chain["allocated"].is_null(), "{}: {chain}", p["key"]);
        assert_eq!(chain["unknown"]["allocated"], "no-ledger");
        assert!(!chain["paid"].is_null(), "{}: {chain}", p["key"]);
        assert_eq!(chain["sources"]["paid"][0], "资金拨付台账.xlsx");
        if !p["indicators"].is_null() && !p["aid_funds"].is_null() {
            assert!(p["indicators"]["funds_in_place_rate"].is_null());
            let why = p["indicators_unknown"]["funds_in_place_rate"]
                .as_str()
                .unwrap();
            assert_eq!(why, "未读到资金下达台账", "{}", p["key"]);
        }
    }
    let text = crate::support::guicang()
        .args(["check", dir.path().to_str().unwrap(), "--lang", "en"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("allocated — (no allocation ledger was read)"));
    assert!(!text.contains("allocated 0.00"));
}

#[test]
fn a_payment_ledger_that_cannot_be_read_leaves_paid_unknown() {
    let dir = tempfile::tempdir().unwrap();
    doc(dir.path(), "RZ-2023-001 学校/可行性研究报告.pdf");
    write(
        &dir.path().join("合同台账.csv"),
        "项目编号,合同编号,合同名称,合同金额\nRZ-2023-001,HT-1,施工合同,100\n",
    );
    write(
        &dir.path().join("RZ-2023-001 学校/资金拨付台账.xlsx"),
        b"damaged",
    );
    let (report, _) = check_json(dir.path(), &[]);
    let chain = &report["projects"][0]["chain"];
    assert_eq!(chain["contracted"], "100", "{chain}");
    assert!(chain["paid"].is_null(), "{chain}");
    assert_eq!(chain["unknown"]["paid"], "no-ledger");
    assert!(chain["execution_rate"].is_null());
}

/// The terminal report of the demo archive with `args`, in English.
fn demo_text(args: &[&str]) -> String {
    let output = crate::support::guicang()
        .args(["check", DEMO, "--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_text_report_shows_the_code_and_document_that_explain_takes() {
    let text = demo_text(&[]);
    assert!(text.contains("[missing-document "), "{text}");
    // `guicang explain` takes a code, and a document id as well.
    for id in ["missing-document", "feasibility-approval"] {
        crate::support::guicang()
            .args(["explain", id])
            .assert()
            .success();
    }
    crate::support::guicang()
        .args(["explain", "no-such-thing"])
        .assert()
        .code(2);
}

#[test]
fn summary_only_and_sort_shape_the_terminal_report() {
    let full = demo_text(&[]);
    let summary = demo_text(&["--summary"]);
    assert!(summary.len() < full.len() / 2);
    assert!(summary.contains("Summary") && !summary.contains("[missing-document"));
    let errors_only = demo_text(&["--only", "errors"]);
    assert!(!errors_only.contains("\n    warning ") && errors_only.contains(" error "));
    // Worst first: the project with most errors leads.
    let worst = demo_text(&["--sort", "worst"]);
    let first = worst.lines().next().unwrap();
    assert!(first.starts_with("MGT-2024-004"), "{first}");
}

#[test]
fn sarif_root_makes_uris_relative_to_the_given_folder() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("repo/archives/2023");
    doc(&archive, "RZ-2023-001 学校/可行性研究报告.pdf");
    let output = crate::support::guicang()
        .arg("check")
        .arg(&archive)
        .args(["--format", "sarif", "--sarif-root"])
        .arg(dir.path().join("repo"))
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let uri = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .expect("a result with a location")
        .to_string();
    assert!(uri.starts_with("archives/2023/"), "{uri}");
}

#[test]
fn every_format_closes_its_summary_with_the_archive_and_total_rows() {
    let (report, _) = check_json(Path::new(DEMO), &[]);
    let s = &report["summary"];
    let (errors, warnings) = (
        s["errors"].as_u64().unwrap(),
        s["warnings"].as_u64().unwrap(),
    );
    let rendered = |format: &str| {
        let output = crate::support::guicang()
            .args(["check", DEMO, "--lang", "en", "--format", format])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    // Text: the total row of the summary table holds the headline counts.
    let text = rendered("text");
    let total = text
        .lines()
        .find(|l| l.starts_with("Total"))
        .expect("a total row");
    let last: Vec<&str> = total.split_whitespace().rev().take(2).collect();
    assert_eq!(last, [warnings.to_string(), errors.to_string()], "{total}");
    assert!(text.lines().any(|l| l.starts_with("(archive)")));
    // Markdown: a row for the archive and a total row in bold.
    let markdown = rendered("markdown");
    assert!(
        markdown.contains(&format!("| **{errors}** | **{warnings}** |")),
        "{markdown}"
    );
    assert!(markdown.contains("| (archive) |"));
    // HTML: the overview's footer.
    let html = rendered("html");
    assert!(html.contains(&format!(
        "<td class=\"num\">{errors}</td><td class=\"num\">{warnings}</td><td></td></tr></tfoot>"
    )));
    // JUnit: each suite states when the sweep ran.
    let junit = rendered("junit");
    assert!(junit.contains("timestamp=\"2026-11-30T08:00:00Z\""));
    assert!(junit.contains("<property name=\"guicang.fail_on\" value=\"error\"/>"));
}
