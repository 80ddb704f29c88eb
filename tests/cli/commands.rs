//! `guicang rules`, `guicang rules explain`, `guicang explain` and `--help`.

use crate::support::guicang;

fn stdout(args: &[&str]) -> (String, i32) {
    let output = guicang().args(args).output().expect("run");
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        output.status.code().expect("code"),
    )
}

#[test]
fn rules_lists_every_document_of_every_category() {
    let (text, code) = stdout(&["rules", "--lang", "en"]);
    assert_eq!(code, 0);
    for header in [
        "fixed-asset (44 documents)",
        "equipment (25 documents)",
        "non-fixed (20 documents)",
    ] {
        assert!(text.contains(header), "{header}");
    }
    assert!(text.contains("construction-permit"));
    assert!(text.contains("status=in-progress|completed & construction=new|expansion|renovation & total_investment≥300,000.00"));
    let (one, _) = stdout(&["rules", "--category", "设备类"]);
    assert!(one.contains("single-source-approval") && !one.contains("fire-acceptance"));
}

#[test]
fn rules_explain_shows_patterns_condition_and_source() {
    let (text, code) = stdout(&["rules", "explain", "construction-permit", "--lang", "en"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("rules_explain_construction_permit", text);
    let (_, code) = stdout(&["rules", "explain", "no-such-document"]);
    assert_eq!(code, 2);
}

#[test]
fn explain_prints_the_registry_entry() {
    let (text, code) = stdout(&["explain", "missing-document", "--lang", "en"]);
    assert_eq!(code, 0);
    for heading in [
        "What it means",
        "Why it matters",
        "How to fix it",
        "Example",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    let (list, _) = stdout(&["explain"]);
    assert!(list.contains("unreadable-folder") && list.contains("misfiled-document"));
    assert_eq!(stdout(&["explain", "no-such-code"]).1, 2);
}

#[test]
fn help_snapshot() {
    let (text, code) = stdout(&["check", "--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("check_help", text);
}

#[test]
fn every_subcommands_help_is_snapshotted() {
    for command in [
        &["--help"][..],
        &["rules", "--help"],
        &["rules", "explain", "--help"],
        &["explain", "--help"],
        &["classify", "--help"],
        &["merge", "--help"],
        &["history", "--help"],
        &["init-config", "--help"],
        &["completions", "--help"],
        &["man", "--help"],
    ] {
        let (text, code) = stdout(command);
        assert_eq!(code, 0, "{command:?}");
        let name = format!("help_{}", command[..command.len() - 1].join("_"));
        insta::assert_snapshot!(if name == "help_" { "help".into() } else { name }, text);
    }
}

/// `guicang classify NAMES… --category fixed-asset --format json`, parsed; the run must
/// succeed.
fn classify_fixed_asset(names: &[&str]) -> serde_json::Value {
    let mut args = vec!["classify"];
    args.extend_from_slice(names);
    args.extend_from_slice(&["--category", "fixed-asset", "--format", "json"]);
    let (text, code) = stdout(&args);
    assert_eq!(code, 0, "{text}");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn classify_says_which_document_a_name_is_and_why_the_others_lost() {
    let results = classify_fixed_asset(&[
        "關於XX項目可行性研究報告的批覆.pdf",
        "可研报告专家评审意见.pdf",
    ]);
    // Traditional script folded, the approval wins, the report it approves is excluded.
    let approval = &results[0]["categories"][0];
    assert_eq!(approval["document"], "feasibility-approval");
    let candidates = approval["candidates"].as_array().unwrap();
    assert_eq!(candidates[0]["outcome"], "won");
    assert!(
        candidates[0]["rule"]
            .as_str()
            .unwrap()
            .starts_with("rules/fixed-asset.toml:")
    );
    let report = candidates
        .iter()
        .find(|c| c["document"] == "feasibility-report")
        .expect("the report was a candidate");
    assert_eq!(report["outcome"], "excluded");
    // The pattern that matched and the one that excluded it are two keys, not one key twice.
    assert_eq!(report["pattern"], "可行性研究报告", "{report}");
    assert_eq!(report["by"], "批复", "{report}");
    // A review opinion is not the report it reviews: evidence of nothing, and why.
    let review = &results[1]["categories"][0];
    assert!(review["document"].is_null());
    assert_eq!(review["candidates"][0]["outcome"], "excluded");
}

#[test]
fn classify_says_when_a_name_ends_in_another_kind_of_paper() {
    let results = classify_fixed_asset(&["竣工验收备案请示.pdf", "竣工验收备案表(请示附后).pdf"]);
    // A request about the filing is a request, not the filing.
    let request = &results[0]["categories"][0];
    assert!(request["document"].is_null(), "{request}");
    let filing = &request["candidates"][0];
    assert_eq!(filing["document"], "acceptance-filing");
    assert_eq!(filing["outcome"], "other-kind");
    assert_eq!(filing["word"], "请示");
    // An aside in brackets does not change what the paper is.
    assert_eq!(results[1]["categories"][0]["document"], "acceptance-filing");
    let (text, _) = stdout(&[
        "classify",
        "竣工验收备案请示.pdf",
        "--category",
        "fixed-asset",
    ]);
    assert!(text.contains("落选：名称以另一种文书“请示”结尾"), "{text}");
}

#[test]
fn classify_names_the_pattern_that_makes_a_name_no_evidence_and_reads_past_a_copys_marks() {
    let results = classify_fixed_asset(&[
        "竣工验收报告模板.docx",
        "竣工验收报告(盖章)-扫描件_20230512.pdf",
    ]);
    // A template of the report is no report, and the pattern that says so (模板, or 模版 as
    // many write it) is named.
    let template = &results[0]["categories"][0];
    assert!(template["document"].is_null(), "{template}");
    let report = &template["candidates"][0];
    assert_eq!(report["document"], "acceptance-report");
    assert_eq!(report["outcome"], "not-evidence");
    assert!(
        report["by"].as_str().unwrap().contains("模[板版]"),
        "{report}"
    );
    assert_eq!(report["matched"], "竣工验收报告", "{report}");
    // The marks of a scanned, signed copy are not part of what the paper is.
    assert_eq!(results[1]["folded"], "竣工验收报告");
    assert_eq!(results[1]["categories"][0]["document"], "acceptance-report");
    let (text, _) = stdout(&[
        "classify",
        "竣工验收报告模板.docx",
        "--category",
        "fixed-asset",
        "--lang",
        "en",
    ]);
    assert!(text.contains("not_evidence `"), "{text}");
}

#[test]
fn classify_takes_status_and_stage_folder_into_account() {
    let (text, _) = stdout(&[
        "classify",
        "施工许可证.pdf",
        "--category",
        "fixed-asset",
        "--status",
        "planned",
        "--format",
        "json",
    ]);
    let results: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        results[0]["categories"][0]["document"],
        "construction-permit"
    );
    assert_eq!(results[0]["categories"][0]["required"], "not-required");
    let (_, code) = stdout(&["classify", "a.pdf", "--status", "nonsense"]);
    assert_eq!(code, 2);
}
