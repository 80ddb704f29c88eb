//! The portfolio (`PORTFOLIO.md`): timelines from every date form, the four chronology
//! checks each triggered and not, unknown dates, every reserve grade, indicators to the
//! 万元, contact persons and recurring problems, on minimal archives built here.

use std::path::Path;

use serde_json::Value;

use crate::support::{check_json, doc, guicang, write};

/// A fixed-asset project folder with a manifest stating `extra` lines.
fn project(root: &Path, folder: &str, code: &str, extra: &str) {
    write(
        &root.join(folder).join("project.toml"),
        format!(
            "code = \"{code}\"\ncategory = \"fixed-asset\"\nstatus = \"completed\"\nconstruction = \"new\"\n{extra}"
        ),
    );
}

/// The findings of `code` in `report`, as `(project, message)`.
fn of_code(report: &Value, code: &str) -> Vec<(String, String)> {
    crate::support::registered(code);
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            (
                f["project"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The project of `key`.
fn project_of<'r>(report: &'r Value, key: &str) -> &'r Value {
    report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == key)
        .unwrap_or_else(|| panic!("no project {key}"))
}

/// The milestone `id` of project `key`.
fn milestone<'r>(report: &'r Value, key: &str, id: &str) -> &'r Value {
    project_of(report, key)["timeline"]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("{key} has no milestone {id}"))
}

#[test]
fn milestones_are_dated_from_every_date_form_in_names() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let folder = "GT-2023-001 学校";
    project(root, folder, "GT-2023-001", "");
    for name in [
        "可研批复（2023年3月1日）.pdf",
        "施工许可证 2023.4.2.pdf",
        "中标通知书(2023-03-20).pdf",
        "开工令_20230410.pdf",
        "竣工验收报告 2024/3/1.pdf",
        "结算审核报告.pdf",
    ] {
        doc(root, &format!("{folder}/{}", name.replace('/', "／")));
    }
    // Pages in a folder named after the document, the date in the folder's name.
    doc(
        root,
        &format!("{folder}/竣工财务决算报告 2024-06-15/001.pdf"),
    );
    let (report, _) = check_json(root, &[]);
    let date = |id: &str| milestone(&report, "GT-2023-001", id)["date"].clone();
    assert_eq!(date("approval"), "2023-03-01");
    assert_eq!(date("permit"), "2023-04-02");
    assert_eq!(date("award"), "2023-03-20");
    assert_eq!(date("commencement"), "2023-04-10");
    assert_eq!(date("completion"), "2024-03-01");
    assert_eq!(date("final-accounts"), "2024-06-15");
    // Present but undated: unknown, and says why; never guessed.
    let settlement = milestone(&report, "GT-2023-001", "settlement");
    assert!(settlement["date"].is_null());
    assert_eq!(settlement["unknown"], "undated");
    assert!(
        settlement["source"]
            .as_str()
            .unwrap()
            .ends_with("结算审核报告.pdf")
    );
    let permit = milestone(&report, "GT-2023-001", "permit");
    assert!(permit["source"].as_str().unwrap().contains("施工许可证"));
    // No ledger read: the ledger milestones are unknown for that reason.
    assert_eq!(
        milestone(&report, "GT-2023-001", "first-payment")["unknown"],
        "no-ledger"
    );
    let timeline = &project_of(&report, "GT-2023-001")["timeline"];
    assert!(timeline["planned_finish"].is_null());
    assert_eq!(timeline["unknown"]["planned_finish"], "not-recorded");
}

#[test]
fn the_earliest_file_dates_a_milestone_and_a_manifest_fact_wins() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(
        root,
        "GT-2023-002 医院",
        "GT-2023-002",
        "actual_start = 2023-05-02\nplanned_start = \"2023年5月1日\"\nplanned_finish = 2023-12-31\n",
    );
    doc(root, "GT-2023-002 医院/开工令 2023-05-20.pdf");
    doc(root, "GT-2023-002 医院/施工许可证 2023-04-30.pdf");
    doc(root, "GT-2023-002 医院/施工许可证(副本) 2023-04-10.pdf");
    let (report, _) = check_json(root, &[]);
    assert_eq!(
        milestone(&report, "GT-2023-002", "permit")["date"],
        "2023-04-10"
    );
    let start = milestone(&report, "GT-2023-002", "commencement");
    assert_eq!(start["date"], "2023-05-02");
    assert!(start["source"].as_str().unwrap().ends_with("project.toml"));
    let timeline = &project_of(&report, "GT-2023-002")["timeline"];
    assert_eq!(timeline["planned_start"], "2023-05-01");
    assert_eq!(timeline["planned_finish"], "2023-12-31");
}

#[test]
fn started_before_permit_when_and_only_when_both_dates_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Began before the permit: the finding, with both files as evidence.
    project(root, "GT-2023-011 早开工", "GT-2023-011", "");
    doc(root, "GT-2023-011 早开工/开工令 2023-07-05.pdf");
    doc(root, "GT-2023-011 早开工/施工许可证 2023-07-20.pdf");
    // Began after it.
    project(root, "GT-2023-012 按序", "GT-2023-012", "");
    doc(root, "GT-2023-012 按序/开工令 2023-07-25.pdf");
    doc(root, "GT-2023-012 按序/施工许可证 2023-07-20.pdf");
    // The same day.
    project(root, "GT-2023-013 同日", "GT-2023-013", "");
    doc(root, "GT-2023-013 同日/开工令 2023-07-20.pdf");
    doc(root, "GT-2023-013 同日/施工许可证 2023-07-20.pdf");
    // The permit is there but undated: nothing is said.
    project(root, "GT-2023-014 无日期", "GT-2023-014", "");
    doc(root, "GT-2023-014 无日期/开工令 2023-07-05.pdf");
    doc(root, "GT-2023-014 无日期/施工许可证.pdf");
    // The permit's file is empty: no evidence, of the document or of its date.
    project(root, "GT-2023-015 空文件", "GT-2023-015", "");
    doc(root, "GT-2023-015 空文件/开工令 2023-07-05.pdf");
    write(
        &root.join("GT-2023-015 空文件/施工许可证 2023-07-20.pdf"),
        "",
    );
    let (report, _) = check_json(root, &[]);
    assert_eq!(
        milestone(&report, "GT-2023-015", "permit")["date"],
        serde_json::Value::Null
    );
    let found = of_code(&report, "started-before-permit");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "GT-2023-011");
    assert!(found[0].1.contains("15"), "{}", found[0].1);
    let f = crate::support::finding(&report, "started-before-permit").unwrap();
    assert_eq!(f["severity"], "error");
    assert_eq!(f["paths"].as_array().unwrap().len(), 2);
    assert_eq!(f["figures"]["days"], 15);
    assert_eq!(
        milestone(&report, "GT-2023-014", "permit")["unknown"],
        "undated"
    );
}

#[test]
fn contract_before_award_names_each_early_contract() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root, "GT-2023-021 学校", "GT-2023-021", "");
    doc(root, "GT-2023-021 学校/中标通知书 2023-04-20.pdf");
    project(root, "GT-2023-022 医院", "GT-2023-022", "");
    doc(root, "GT-2023-022 医院/中标通知书 2023-04-20.pdf");
    project(root, "GT-2023-023 无中标日期", "GT-2023-023", "");
    doc(root, "GT-2023-023 无中标日期/中标通知书.pdf");
    write(
        &root.join("合同台账.csv"),
        "项目编号,合同编号,合同名称,合同类型,签订日期,合同金额\n\
         GT-2023-021,HT-1,施工合同,施工,2023-04-01,100\n\
         GT-2023-021,HT-2,监理合同,监理,2023-04-02,10\n\
         GT-2023-021,HT-3,设备采购合同,采购,2023-04-25,10\n\
         GT-2023-022,HT-4,施工合同,施工,2023-04-20,100\n\
         GT-2023-023,HT-5,施工合同,施工,2023-01-01,100\n\
         GT-2023-021,HT-6,教学楼施工监理合同,,2023-04-03,10\n\
         GT-2023-021,HT-7,补充协议,,2023-04-04,10\n\
         GT-2023-021,HT-8,教学楼建设工程施工合同,,2023-04-05,100\n",
    );
    let (report, _) = check_json(root, &[]);
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "contract-before-award")
        .map(|f| {
            (
                f["project"].as_str().unwrap().to_string(),
                f["contract"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // A supervision contract is not the one the award chose; a same-day signing is in order.
    // Without a kind column the title says the kind (HT-6 supervision, HT-8 construction);
    // a contract whose kind nothing says (HT-7) is not judged.
    let early = |no: &str| ("GT-2023-021".to_string(), no.to_string());
    assert_eq!(found, [early("HT-1"), early("HT-8")]);
    assert_eq!(
        milestone(&report, "GT-2023-021", "contract")["date"],
        "2023-04-01"
    );
}

#[test]
fn completed_late_counts_days_past_the_plan_and_its_grace() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(
        root,
        "GT-2023-031 逾期",
        "GT-2023-031",
        "planned_finish = 2023-12-31\n",
    );
    doc(root, "GT-2023-031 逾期/竣工验收报告_20240301.pdf");
    project(
        root,
        "GT-2023-032 提前",
        "GT-2023-032",
        "planned_finish = 2023-12-31\n",
    );
    doc(root, "GT-2023-032 提前/竣工验收报告_20231215.pdf");
    project(root, "GT-2023-033 无计划", "GT-2023-033", "");
    doc(root, "GT-2023-033 无计划/竣工验收报告_20240301.pdf");
    let (report, _) = check_json(root, &[]);
    let found = of_code(&report, "completed-late");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "GT-2023-031");
    assert!(found[0].1.contains("61"), "{}", found[0].1);
    let delay = |key: &str| project_of(&report, key)["indicators"]["delay_days"].clone();
    assert_eq!(delay("GT-2023-031"), 61);
    assert_eq!(delay("GT-2023-032"), -16);
    assert!(delay("GT-2023-033").is_null());
    let why = &project_of(&report, "GT-2023-033")["indicators_unknown"]["delay_days"];
    assert!(why.as_str().unwrap().contains("计划竣工"), "{why}");

    // Grace set in guicang.toml: 61 days late are allowed with 61 days of grace, not with 60.
    write(
        &root.join("guicang.toml"),
        "[thresholds]\ncompletion_grace_days = 61\n",
    );
    let (report, _) = check_json(root, &[]);
    assert!(of_code(&report, "completed-late").is_empty());
    write(
        &root.join("guicang.toml"),
        "[thresholds]\ncompletion_grace_days = 60\n",
    );
    let (report, _) = check_json(root, &[]);
    assert_eq!(of_code(&report, "completed-late").len(), 1);
}

/// An archive of three projects with allocations, and payments for two of them.
fn idle_funds_archive(root: &Path) {
    for (folder, code) in [
        ("GT-2023-041 迟付", "GT-2023-041"),
        ("GT-2023-042 及时", "GT-2023-042"),
        ("GT-2023-043 未付", "GT-2023-043"),
    ] {
        project(root, folder, code, "aid_funds = \"300万元\"\n");
    }
    write(
        &root.join("资金下达台账.csv"),
        "项目编号,下达文号,下达日期,下达金额(万元)\n\
         GT-2023-041,日援指〔2023〕5号,2023-03-10,100\n\
         GT-2023-041,日援指〔2023〕9号,2023-06-01,125.00005\n\
         GT-2023-042,日援指〔2023〕5号,2023-03-10,300\n\
         GT-2023-043,日援指〔2023〕5号,2023-03-10,300\n",
    );
    write(
        &root.join("资金拨付台账.csv"),
        "项目编号,拨付日期,拨付金额,凭证号\n\
         GT-2023-041,2023-09-10,1000000.00,记-1\n\
         GT-2023-042,2023-04-10,2999999.99,记-2\n",
    );
}

#[test]
fn funds_idle_until_the_first_payment_or_the_day_of_the_sweep() {
    let dir = tempfile::tempdir().unwrap();
    idle_funds_archive(dir.path());
    let run = |today: &str| {
        let output = guicang()
            .args(["check", dir.path().to_str().unwrap(), "--format", "json"])
            .env("GUICANG_TODAY", today)
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    let report = run("2023-08-01");
    // 041: paid 184 days after its first allocation; 043: nothing paid by the day of the
    // sweep, 144 days on: not yet idle. 042: paid within a month.
    let found = of_code(&report, "funds-idle");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "GT-2023-041");
    assert!(found[0].1.contains("184"), "{}", found[0].1);
    let report = run("2023-09-07");
    let found = of_code(&report, "funds-idle");
    let keys: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["GT-2023-041", "GT-2023-043"], "{found:?}");
    assert!(found[1].1.contains("181"), "{}", found[1].1);

    // Without a payment ledger nothing is known to be unpaid: no finding.
    std::fs::remove_file(dir.path().join("资金拨付台账.csv")).unwrap();
    let report = run("2026-11-30");
    assert!(of_code(&report, "funds-idle").is_empty());
    assert_eq!(
        milestone(&report, "GT-2023-043", "first-payment")["unknown"],
        "no-ledger"
    );
}

#[test]
fn indicators_are_exact_to_the_wan_yuan_and_unknown_is_null_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    idle_funds_archive(dir.path());
    let (report, _) = check_json(dir.path(), &[]);
    let indicators = |key: &str| project_of(&report, key)["indicators"].clone();
    // 041: allocated 100万 + 125.00005万 = 2,250,000.50 of 3,000,000 → 0.75000017 → 0.75;
    // paid 1,000,000 → 0.3333.
    assert_eq!(indicators("GT-2023-041")["funds_in_place_rate"], 0.75);
    assert_eq!(indicators("GT-2023-041")["execution_rate"], 0.3333);
    // 042: 2,999,999.99 of 3,000,000 rounds to 1.0, not above it.
    assert_eq!(indicators("GT-2023-042")["execution_rate"], 1.0);
    // 043: the payment ledger covers it and has no row: paid is a known zero.
    assert_eq!(indicators("GT-2023-043")["execution_rate"], 0.0);
    let p = project_of(&report, "GT-2023-041");
    assert!(p["indicators"]["cost_saving_rate"].is_null());
    assert!(
        p["indicators_unknown"]["cost_saving_rate"]
            .as_str()
            .unwrap()
            .contains("结算金额")
    );
    let evidence = p["indicators_evidence"]["funds_in_place_rate"]
        .as_array()
        .unwrap();
    assert!(
        evidence.iter().any(|e| e == "资金下达台账.csv"),
        "{evidence:?}"
    );

    // A settled amount gives the cost saving: (300万 − 2,850,000) ÷ 300万 = 0.05.
    write(
        &dir.path().join("GT-2023-042 及时/project.toml"),
        "code = \"GT-2023-042\"\ncategory = \"fixed-asset\"\nstatus = \"completed\"\n\
         construction = \"new\"\naid_funds = \"300万元\"\nsettlement = \"285万元\"\n",
    );
    let (report, _) = check_json(dir.path(), &[]);
    assert_eq!(
        project_of(&report, "GT-2023-042")["indicators"]["cost_saving_rate"],
        0.05
    );
}

#[test]
fn every_reserve_grade_importance_and_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let planned = |folder: &str, code: &str, category: &str, extra: &str| {
        write(
            &root.join(folder).join("project.toml"),
            format!("code = \"{code}\"\ncategory = \"{category}\"\nstatus = \"谋划\"\n{extra}"),
        );
    };
    planned(
        "CB-2025-001 道路",
        "CB-2025-001",
        "固投类",
        "construction = \"新建\"\n",
    );
    doc(root, "CB-2025-001 道路/项目建议书.pdf");
    planned(
        "CB-2025-002 学校",
        "CB-2025-002",
        "固投类",
        "construction = \"新建\"\nimportance = \"重点\"\ncontacts = \"张伟、阿卜杜拉·艾则孜\"\n",
    );
    doc(root, "CB-2025-002 学校/可行性研究报告.pdf");
    doc(root, "CB-2025-002 学校/可研批复.pdf");
    planned(
        "CB-2025-003 改造",
        "CB-2025-003",
        "固投类",
        "construction = \"改建\"\n",
    );
    doc(root, "CB-2025-003 改造/可行性研究报告.pdf");
    doc(root, "CB-2025-003 改造/可研批复.pdf");
    planned("CB-2025-004 设备", "CB-2025-004", "设备类", "");
    doc(root, "CB-2025-004 设备/设备购置实施方案.pdf");
    doc(root, "CB-2025-004 设备/立项批复.pdf");
    planned("CB-2025-005 培训", "CB-2025-005", "非固投类", "");
    doc(root, "CB-2025-005 培训/培训实施方案.pdf");
    doc(root, "CB-2025-005 培训/立项批复.pdf");
    // A reserve project only the project ledger knows, with its importance and contacts.
    write(
        &root.join("项目台账.csv"),
        "项目编号,项目名称,项目类别,项目状态,重要性,包联人\n\
         CB-2025-006,村级卫生室,固投类,储备,一般,李娜/买买提·吐尔逊\n",
    );
    let (report, _) = check_json(root, &[]);
    let grade = |key: &str| project_of(&report, key)["maturity"].clone();
    assert_eq!(grade("CB-2025-001"), "idea");
    // New works need the environmental, site and preliminary-design approvals to be ready.
    assert_eq!(grade("CB-2025-002"), "preparing");
    assert_eq!(grade("CB-2025-003"), "ready");
    assert_eq!(grade("CB-2025-004"), "ready");
    assert_eq!(grade("CB-2025-005"), "preparing");
    assert_eq!(grade("CB-2025-006"), "idea");
    let needs = &project_of(&report, "CB-2025-005")["reserve"]["needs"];
    assert_eq!(needs, &serde_json::json!(["budget"]));
    let school = project_of(&report, "CB-2025-002");
    assert_eq!(school["importance"], "重点");
    assert_eq!(
        school["contacts"],
        serde_json::json!(["张伟", "阿卜杜拉·艾则孜"])
    );
    let clinic = project_of(&report, "CB-2025-006");
    assert_eq!(clinic["importance"], "一般");
    assert_eq!(
        clinic["contacts"],
        serde_json::json!(["李娜", "买买提·吐尔逊"])
    );
    assert!(
        school["indicators"].is_null(),
        "planned projects have no indicators"
    );
    // No missing-document finding for a planned project, and none for a folder it lacks.
    let missing =
        crate::support::findings(&report, &["missing-document", "project-folder-missing"]);
    assert!(missing.is_empty(), "{missing:?}");

    let text = guicang()
        .args(["check", root.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let reserve = text.split("储备库 (6)").nth(1).expect("a reserve section");
    let first = reserve.lines().nth(2).unwrap();
    assert!(
        first.contains("CB-2025-002") && first.contains("前期推进"),
        "{reserve}"
    );
}

#[test]
fn recurring_problems_rate_documents_and_name_model_and_problem_projects() {
    let (report, _) = check_json(Path::new("fixtures/demo-archive"), &[]);
    let r = &report["recurring"];
    let rate = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["category"] == "fixed-asset" && d["document"] == "procurement-approval")
        .expect("procurement-approval is rated");
    assert_eq!(rate["required"], 2);
    assert_eq!(rate["missing"], 2);
    assert_eq!(rate["rate"], 1.0);
    let total_missing: u64 = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["missing"].as_u64().unwrap())
        .sum();
    assert_eq!(
        total_missing,
        report["summary"]["by_code"]["missing-document"]
            .as_u64()
            .unwrap()
    );
    // Completed with a funding-chain error, or three errors: problem projects.
    assert_eq!(
        r["problem_projects"],
        serde_json::json!(["MGT-2023-001", "MGT-2023-003"])
    );
    let units = r["units"].as_array().unwrap();
    let education = units
        .iter()
        .find(|u| u["unit"] == "麦盖提县教育局")
        .unwrap();
    assert_eq!(education["projects"], 4);
}

#[test]
fn a_waived_gap_is_no_recurring_problem_and_a_baselined_one_still_is() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_tree(Path::new("fixtures/demo-archive"), dir.path());
    write(
        &dir.path().join("guicang.toml"),
        "[[waiver]]\ncode = \"missing-document\"\ndocument = \"procurement-approval\"\n\
         reason = \"批复由县发改委统一存档\"\napproved_by = \"县援疆办\"\n",
    );
    let rate = |report: &Value| {
        report["recurring"]["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["category"] == "fixed-asset" && d["document"] == "procurement-approval")
            .map(|d| (d["required"].clone(), d["missing"].clone()))
            .expect("procurement-approval is rated")
    };
    let (report, _) = check_json(dir.path(), &[]);
    assert_eq!(
        rate(&report),
        (2.into(), 0.into()),
        "waived: kept elsewhere"
    );
    std::fs::remove_file(dir.path().join("guicang.toml")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let baseline = out.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let (_, _) = check_json(dir.path(), &["--write-baseline", baseline]);
    let (report, _) = check_json(dir.path(), &["--baseline", baseline]);
    assert_eq!(
        rate(&report),
        (2.into(), 2.into()),
        "baselined: still missing"
    );
}

/// A model project is completed, complete, without errors and known not to be late: the
/// demo's MGT-2023-004 with its one error taken out of its report, merged (which counts the
/// recurring problems again), is no model while its delay is unknown, and is one when it
/// is known to have finished early.
#[test]
fn a_model_project_is_known_not_to_be_late() {
    let (mut report, _) = check_json(Path::new("fixtures/demo-archive"), &[]);
    let key = "MGT-2023-004";
    report["findings"]
        .as_array_mut()
        .unwrap()
        .retain(|f| !(f["project"] == key && f["severity"] == "error"));
    let index = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["key"] == key)
        .unwrap();
    let project = &mut report["projects"][index];
    assert_eq!(project["completeness"], 1.0);
    assert_eq!(project["indicators"]["delay_days"], -15, "finished early");
    project["indicators"]["delay_days"] = Value::Null;
    let dir = tempfile::tempdir().unwrap();
    let models = |report: &Value, name: &str| {
        let part = dir.path().join(name);
        write(&part, serde_json::to_string(report).unwrap());
        let output = guicang()
            .args(["merge", "--format", "json", part.to_str().unwrap()])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let merged: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
        merged["recurring"]["model_projects"].clone()
    };
    assert_eq!(models(&report, "unknown.json"), serde_json::json!([]));
    report["projects"][index]["indicators"]["delay_days"] = (-15).into();
    assert_eq!(models(&report, "on-time.json"), serde_json::json!([key]));
}
