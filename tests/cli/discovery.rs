//! Project discovery and classification on archives built here: ledgers written by a real
//! xlsx writer and in GBK csv, manifests, folder names, stage folders and document folders.

use std::path::Path;

use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::support::{check_json, doc, findings, write};

fn project<'r>(report: &'r Value, code: &str) -> &'r Value {
    report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("no project {code}: {report}"))
}

fn missing_of(report: &Value, code: &str) -> Vec<String> {
    findings(report, &["missing-document"])
        .into_iter()
        .filter(|(_, p, _)| p == code)
        .map(|(_, _, d)| d)
        .collect()
}

/// A project ledger on the second sheet, below a title and a unit row, with a total row.
fn write_xlsx_ledger(path: &Path, rows: &[[&str; 6]]) {
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write(0, 0, "本台账由项目办维护")
        .unwrap();
    let sheet = book.add_worksheet().set_name("台账").unwrap();
    sheet.write(0, 0, "2023年援疆项目台账").unwrap();
    sheet.write(1, 5, "单位:万元").unwrap();
    for (c, h) in [
        "项目编号",
        "项目名称",
        "项目类别",
        "实施状态",
        "建设性质",
        "总投资",
    ]
    .iter()
    .enumerate()
    {
        sheet.write(2, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let r = 3 + r as u32;
            match v.parse::<f64>() {
                Ok(n) if c == 5 => sheet.write(r, c as u16, n).unwrap(),
                _ => sheet.write(r, c as u16, *v).unwrap(),
            };
        }
    }
    sheet.write(3 + rows.len() as u32, 0, "合计").unwrap();
    book.save(path).unwrap();
}

#[test]
fn the_project_ledger_gives_category_status_and_investment_in_its_unit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_xlsx_ledger(
        &root.join("项目台账.xlsx"),
        &[
            ["XJ-2023-01", "小型维修项目", "固投类", "在建", "维修", "25"],
            [
                "XJ-2023-02",
                "门诊楼改造项目",
                "固投类",
                "在建",
                "改建",
                "30",
            ],
            [
                "XJ-2023-03",
                "学校设备项目",
                "设备类",
                "已完工",
                "无",
                "100",
            ],
        ],
    );
    for code in [
        "XJ-2023-01 小型维修项目",
        "XJ-2023-02 门诊楼改造项目",
        "XJ-2023-03 学校设备项目",
    ] {
        doc(root, &format!("{code}/可研报告.pdf"));
    }
    let (report, _) = check_json(root, &[]);
    let small = project(&report, "XJ-2023-01");
    assert_eq!(small["category"], "fixed-asset");
    assert_eq!(small["status"], "in-progress");
    assert_eq!(small["construction"], "renovation");
    assert_eq!(
        small["total_investment"], "250000",
        "25 万元 is 250,000 yuan"
    );
    assert_eq!(small["sources"][0], "项目台账.xlsx!台账!4");
    assert!(
        !missing_of(&report, "XJ-2023-01").contains(&"construction-permit".to_string()),
        "below 300,000 no permit is needed"
    );
    assert!(
        missing_of(&report, "XJ-2023-02").contains(&"construction-permit".to_string()),
        "at 300,000 a permit is needed"
    );
    assert_eq!(project(&report, "XJ-2023-03")["category"], "equipment");
    assert_eq!(
        report["projects"].as_array().unwrap().len(),
        3,
        "the total row is not a project"
    );
}

#[test]
fn a_gbk_csv_ledger_and_a_manifest_that_wins_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (gbk, _, _) = encoding_rs::GBK
        .encode("项目编号,项目名称,项目类别,项目状态\r\nXJ-2023-07,培训项目,非固投类,实施中\r\n");
    write(&root.join("项目台账.csv"), &gbk);
    write(
        &root.join("XJ-2023-07 培训项目/project.toml"),
        "status = \"已完工\"\n",
    );
    let (report, _) = check_json(root, &[]);
    let p = project(&report, "XJ-2023-07");
    assert_eq!(p["category"], "non-fixed", "category from the GBK ledger");
    assert_eq!(
        p["status"], "completed",
        "the manifest wins over the ledger"
    );
}

#[test]
fn folders_found_by_manifest_ledger_name_and_configured_code_pattern() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("guicang.toml"),
        "[projects]\ncode_pattern = 'RZ\\d{4}-\\d{3}'\n",
    );
    write(
        &root.join("项目台账.csv"),
        "项目名称,项目类别,项目状态\n麦盖提县供水管网改造项目,固投类,在建\n",
    );
    doc(root, "2023/日照援疆/麦盖提县供水管网改造项目/可研报告.pdf");
    doc(root, "2023/设备类/RZ2023-001 医院设备/实施方案.pdf");
    write(
        &root.join("其他/未编号的项目/project.toml"),
        "code = \"RZ2023-009\"\ncategory = \"equipment\"\nstatus = \"in-progress\"\n",
    );
    let (report, _) = check_json(root, &[]);
    let folders: Vec<(&str, &str)> = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["folder"].as_str().unwrap_or("-"),
                p["category"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        folders,
        vec![
            ("2023/日照援疆/麦盖提县供水管网改造项目", "fixed-asset"),
            ("2023/设备类/RZ2023-001 医院设备", "equipment"),
            ("其他/未编号的项目", "equipment"),
        ]
    );
    assert_eq!(project(&report, "RZ2023-001")["status_assumed"], true);
}

#[test]
fn a_code_longer_than_the_pattern_is_never_read_as_a_shorter_one() {
    // The default pattern allows 2-4 digits: `MGT-2023-12559` must not be taken for
    // `MGT-2023-1255`, and the two clinics of the same name must not be confused.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("项目台账.csv"),
        "项目编号,项目名称,项目类别,项目状态\n\
         MGT-2023-1255,央塔克乡医疗设备采购项目,设备类,实施中\n\
         MGT-2021-0057,克孜勒阿瓦提乡卫生院门诊楼建设项目,固投类,实施中\n\
         MGT-2023-12559,克孜勒阿瓦提乡卫生院门诊楼建设项目,固投类,谋划\n\
         MGT-2023-12560,央塔克乡卫生院门诊楼建设项目,固投类,已完工\n\
         MGT-2023-12561,巴扎结米乡卫生院门诊楼建设项目,固投类,实施中\n",
    );
    doc(
        root,
        "2023/MGT-2023-12559 克孜勒阿瓦提乡卫生院门诊楼建设项目/可研报告.pdf",
    );
    // No space between the code and the name; an underscore between them.
    doc(
        root,
        "2023/MGT-2023-12560央塔克乡卫生院门诊楼建设项目/可研报告.pdf",
    );
    doc(root, "2023/MGT-2023-12561_卫生院门诊楼/可研报告.pdf");
    let (report, _) = check_json(root, &[]);
    let folders: Vec<(&str, &str, &str)> = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap_or("-"),
                p["folder"].as_str().unwrap_or("-"),
                p["status"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        folders,
        vec![
            (
                "MGT-2023-12559",
                "2023/MGT-2023-12559 克孜勒阿瓦提乡卫生院门诊楼建设项目",
                "planned"
            ),
            (
                "MGT-2023-12560",
                "2023/MGT-2023-12560央塔克乡卫生院门诊楼建设项目",
                "completed"
            ),
            (
                "MGT-2023-12561",
                "2023/MGT-2023-12561_卫生院门诊楼",
                "in-progress"
            ),
            ("MGT-2021-0057", "-", "in-progress"),
            ("MGT-2023-1255", "-", "in-progress"),
        ]
    );
}

#[test]
fn stage_folders_document_folders_photos_and_misfiling() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let p = "MGT-2023-001 教学楼";
    write(
        &root.join(p).join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"completed\"\nconstruction = \"renovation\"\ntotal_investment = 200000\n",
    );
    for rel in [
        "(一)立项/關於教學樓可行性研究報告的批復/001.jpg",
        "(一)立项/關於教學樓可行性研究報告的批復/002.jpg",
        "(一)立项/可行性研究报告（报批稿）.PDF",
        "招标文件/001.jpg",
        "7.影像资料/施工前照片/IMG_0001.JPG",
        "7.影像资料/施工中标通知书.pdf",
        "5 验收/竣工决算报告.pdf",
        "5 验收/扫描001.pdf",
        "5 验收/~$竣工验收报告.docx",
    ] {
        doc(root, &format!("{p}/{rel}"));
    }
    let (report, _) = check_json(root, &[]);
    let project = &report["projects"][0];
    let files = |stage: &str, id: &str| -> Vec<String> {
        project["stages"][stage]["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .map(|d| {
                d["files"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap().rsplit('/').next().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        files("approval", "feasibility-approval"),
        vec!["001.jpg", "002.jpg"],
        "the folder is the document"
    );
    assert_eq!(
        files("approval", "feasibility-report"),
        vec!["可行性研究报告（报批稿）.PDF"]
    );
    assert_eq!(
        files("procurement", "tender-documents"),
        vec!["001.jpg"],
        "招标文件/ is a document folder, not a stage folder"
    );
    assert_eq!(files("media", "photos-before"), vec!["IMG_0001.JPG"]);
    assert_eq!(
        files("procurement", "award-notice"),
        vec!["施工中标通知书.pdf"],
        "a notice of award is not a photo"
    );
    assert_eq!(
        files("settlement", "final-accounts"),
        vec!["竣工决算报告.pdf"]
    );
    let misfiled: Vec<String> = findings(&report, &["misfiled-document"])
        .into_iter()
        .map(|(_, _, d)| d)
        .collect();
    assert_eq!(misfiled, vec!["award-notice", "final-accounts"]);
    let info: Vec<String> = findings(&report, &["unmatched-file", "temporary-file"])
        .into_iter()
        .map(|(c, _, _)| c)
        .collect();
    assert_eq!(
        info,
        vec!["temporary-file", "unmatched-file"],
        "sorted by path"
    );
    assert!(
        !missing_of(&report, "MGT-2023-001").contains(&"construction-permit".to_string()),
        "200,000 is below the permit threshold"
    );
}

#[test]
fn a_name_the_rules_veto_is_no_evidence_even_in_the_documents_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let p = "MGT-2023-002 校舍";
    write(
        &root.join(p).join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"completed\"\nconstruction = \"renovation\"\n",
    );
    for rel in [
        "招标文件/001.jpg",
        "招标文件/招标文件澄清.pdf",
        "招标文件/招标文件编制方案.pdf",
        "招标文件/办理流程.pdf",
        "招标文件/《项目资料归档》.pdf",
    ] {
        doc(root, &format!("{p}/{rel}"));
    }
    let (report, _) = check_json(root, &[]);
    let tender: Vec<&str> = report["projects"][0]["stages"]["procurement"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "tender-documents")
        .map(|d| {
            d["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().rsplit('/').next().unwrap())
                .collect()
        })
        .unwrap_or_default();
    // A clarification (an exclude), a plan for the documents (another kind of paper), a
    // procedure and a filing note quoted as a title (not_evidence, read without the title
    // marks) are not the tender documents the folder holds.
    assert_eq!(tender, vec!["001.jpg"]);
    let unmatched: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unmatched-file")
        .map(|f| {
            f["paths"][0]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        unmatched,
        vec![
            "《项目资料归档》.pdf",
            "办理流程.pdf",
            "招标文件澄清.pdf",
            "招标文件编制方案.pdf"
        ]
    );
}

#[test]
fn rule_folders_override_documents_by_id() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("fire.toml"),
        r#"[category]
id = "fixed-asset"

[[document]]
id = "fire-acceptance"
stage = "acceptance"
name = { zh = "消防验收意见或备案", en = "Fire safety acceptance or filing" }
patterns = ["消防验收", "消防备案"]
formats = ["document"]
when = { status = ["completed"], construction = ["new", "expansion"] }
severity = "warning"
"#,
    );
    let (report, _) = check_json(
        Path::new("fixtures/demo-archive"),
        &["--rules", dir.path().to_str().unwrap()],
    );
    let fire = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["document"] == "fire-acceptance")
        .expect("still reported");
    assert_eq!(fire["severity"], "warning");
}

#[test]
fn two_folders_claiming_one_code_are_reported_and_each_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("项目台账.csv"),
        "项目编号,项目名称,项目类别,项目状态\nMGT-2023-005,卫生院,设备类,实施中\n",
    );
    doc(root, "2023/MGT-2023-005 卫生院/实施方案.pdf");
    doc(root, "2024/MGT-2023-005 卫生院二期/实施方案.pdf");
    let (report, _) = check_json(root, &[]);
    let duplicate = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "duplicate-project")
        .unwrap_or_else(|| panic!("no duplicate-project: {report}"));
    assert_eq!(duplicate["project"], "MGT-2023-005");
    assert_eq!(
        duplicate["paths"],
        serde_json::json!(["2023/MGT-2023-005 卫生院", "2024/MGT-2023-005 卫生院二期"])
    );
    let folders: Vec<&str> = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "MGT-2023-005")
        .map(|p| p["folder"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        folders,
        ["2023/MGT-2023-005 卫生院", "2024/MGT-2023-005 卫生院二期"]
    );
    // One key per project: the first folder keeps the code, the second is keyed by its folder.
    let keys: Vec<&str> = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "MGT-2023-005")
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "MGT-2023-005",
            "MGT-2023-005 @ 2024/MGT-2023-005 卫生院二期"
        ]
    );
    // And so the sweep can be recorded in the history.
    let out = tempfile::tempdir().unwrap();
    let db = out.path().join("history.db");
    let output = crate::support::guicang()
        .args([
            "check",
            root.to_str().unwrap(),
            "-q",
            "--no-cache",
            "--format",
            "json",
        ])
        .args(["--record", db.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("recorded sweep #1"), "{stderr}");
}

/// The manifest of a non-fixed project in progress, in folder `folder` of `root`.
fn non_fixed_in_progress(root: &Path, folder: &str, code: &str) {
    write(
        &root.join(folder).join("project.toml"),
        format!("code = \"{code}\"\ncategory = \"non-fixed\"\nstatus = \"in-progress\"\n"),
    );
}

#[test]
fn a_file_without_an_extension_is_evidence_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let p = "NF-2024-009 培训";
    non_fixed_in_progress(root, p, "NF-2024-009");
    // A scanner that saved the approval without `.pdf`: the name still says what it is.
    doc(root, &format!("{p}/立项批复"));
    doc(root, &format!("{p}/培训实施方案.pdf"));
    let (report, _) = check_json(root, &[]);
    let missing = missing_of(&report, "NF-2024-009");
    assert!(
        !missing.iter().any(|d| d == "project-approval"),
        "{missing:?}"
    );
    assert!(missing.iter().any(|d| d == "budget"), "{missing:?}");
}

#[test]
fn a_phones_picture_name_is_evidence_by_the_folder_it_lies_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let p = "NF-2024-010 交流";
    non_fixed_in_progress(root, p, "NF-2024-010");
    // 微信图片_… says nothing of what it shows: in 活动照片/ it is the activity's photo, loose
    // in the project folder it is no evidence.
    write(
        &root.join(p).join("活动照片/微信图片_20260430161538.jpg"),
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\xFF\xD9",
    );
    write(
        &root.join(p).join("微信图片_20260501093000.jpg"),
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\xFF\xD9",
    );
    let (report, _) = check_json(root, &[]);
    let missing = missing_of(&report, "NF-2024-010");
    assert!(
        !missing.iter().any(|d| d == "activity-photos"),
        "{missing:?}"
    );
    let unmatched: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unmatched-file")
        .filter_map(|f| f["paths"][0].as_str())
        .collect();
    assert!(
        unmatched
            .iter()
            .any(|p| p.ends_with("微信图片_20260501093000.jpg")),
        "{unmatched:?}"
    );
}
