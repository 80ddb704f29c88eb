//! Hostile input that must neither stall, crash nor mislead a sweep (issue 12): FIFOs
//! where files are expected, files too large to read, absurd thread counts, and outputs
//! through links into the archive.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use crate::support::{check_json, doc, guicang, write};

/// A named pipe at `path`: opening it for reading blocks until a writer comes.
fn fifo(path: &Path) {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .expect("mkfifo");
}

/// A small archive with one project folder.
fn archive(root: &Path) {
    doc(root, "RZ-2023-001 学校/可行性研究报告.pdf");
}

#[test]
fn a_fifo_given_as_configuration_baseline_or_rule_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let pipe = dir.path().join("pipe.toml");
    fifo(&pipe);
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    fifo(&rules.join("extra.toml"));
    for flag in ["--config", "--baseline", "--rules"] {
        let target = if flag == "--rules" { &rules } else { &pipe };
        let output = guicang()
            .arg("check")
            .arg(&root)
            .arg(flag)
            .arg(target)
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{flag}: {stderr}");
        assert!(stderr.contains("FIFO"), "{flag}: {stderr}");
    }
}

#[test]
fn a_configuration_file_of_a_gibibyte_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let config = root.join("guicang.toml");
    // Sparse: a GiB in size, no GiB on disk.
    std::fs::File::create(&config)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let output = guicang()
        .arg("check")
        .arg(&root)
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("guicang.toml") && stderr.contains("1073741824"),
        "{stderr}"
    );
}

#[test]
fn an_absurd_thread_count_is_capped_and_the_sweep_finishes() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    let output = guicang()
        .arg("check")
        .arg(dir.path())
        .args(["-j", "100000", "--format", "json"])
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["projects"], 1);
}

#[test]
fn a_report_through_a_dangling_link_into_the_archive_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    for flag in ["-o", "--write-baseline"] {
        let link = dir.path().join(format!("report{flag}.json"));
        let target = root.join(format!("new{flag}.json"));
        symlink(&target, &link).unwrap();
        let output = guicang()
            .arg("check")
            .arg(&root)
            .arg(flag)
            .arg(&link)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{flag}: {stderr}");
        assert!(stderr.contains("inside the archive"), "{flag}: {stderr}");
        assert!(!target.exists(), "{flag} wrote into the archive");
    }
}

#[test]
fn a_report_through_a_dangling_link_outside_the_archive_lands_at_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let link = dir.path().join("report.json");
    let target = dir.path().join("reports/new.json");
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    symlink(&target, &link).unwrap();
    let output = guicang()
        .arg("check")
        .arg(&root)
        .arg("-o")
        .arg(&link)
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(written["summary"]["projects"], 1);
}

#[test]
fn an_empty_rules_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    write(&rules.join("README.md"), "no rules here");
    let output = guicang()
        .arg("check")
        .arg(&root)
        .arg("--rules")
        .arg(&rules)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no rule file"), "{stderr}");
}

#[test]
fn fifos_and_sockets_in_the_archive_are_reported_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    fifo(&dir.path().join("RZ-2023-001 学校/施工许可证.pdf"));
    let socket = dir.path().join("RZ-2023-001 学校/sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let (report, code) = check_json(dir.path(), &[]);
    assert!(matches!(code, 0 | 1));
    assert_eq!(report["summary"]["by_code"]["special-file-skipped"], 2);
    let skipped: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "special-file-skipped")
        .map(|f| f["paths"][0].as_str().unwrap())
        .collect();
    assert_eq!(
        skipped,
        ["RZ-2023-001 学校/sock", "RZ-2023-001 学校/施工许可证.pdf"]
    );
}

/// Sweeps an archive of one project holding `file` from `fixtures/hostile/` at `rel`,
/// and returns the findings that name it.
fn sweep_with_hostile(file: &str, rel: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/hostile")
        .join(file);
    let to = dir.path().join(rel);
    std::fs::copy(&from, &to).unwrap();
    let output = guicang()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json", "--no-cache"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{file}: {:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let shown = rel.rsplit('/').next().unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["paths"].to_string().contains(shown))
        .cloned()
        .collect()
}

#[test]
fn ledgers_that_declare_far_more_than_they_hold_are_unreadable_not_fatal() {
    // Each of these once aborted the sweep (exit 134) or took gigabytes. Why is a fact of
    // its own, said in the report's language (Chinese here).
    for (file, reason, words) in [
        ("拨付台账-dimensions.xls", "stopped", "内存超过 384 MB"),
        ("拨付台账-corner.xls", "stopped", "内存超过 384 MB"),
        ("拨付台账-sst.xlsx", "stopped", "内存超过 384 MB"),
        ("拨付台账-padded.xlsx", "too-many-cells", "的单元格超过"),
        ("拨付台账-shared.xlsx", "too-much-text", "的文字超过"),
        // calamine refuses this one itself; its message is quoted as written.
        (
            "拨付台账-repeated.ods",
            "corrupt",
            "电子表格已损坏（Cell limit exceeded",
        ),
    ] {
        let found = sweep_with_hostile(file, file);
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        assert_eq!(found[0]["code"], "ledger-unreadable", "{file}");
        let error = &found[0]["facts"]["error"];
        assert_eq!(error["reason"], reason, "{file}: {error}");
        if reason == "stopped" {
            assert_eq!(error["detail"]["stop"], "out-of-memory", "{file}: {error}");
            assert_eq!(error["detail"]["budget_mb"], 384, "{file}: {error}");
        }
        let message = found[0]["message"].as_str().unwrap();
        assert!(message.contains(words), "{file}: {message}");
        if reason != "corrupt" {
            assert!(
                !message.contains("memory") && !message.contains("cells"),
                "no English of ours in a Chinese report: {message}"
            );
        }
    }
}

#[test]
fn a_pdf_whose_object_stream_inflates_to_a_huge_array_is_reported_damaged() {
    let rel = "RZ-2023-001 学校/可行性研究报告-objstm.pdf";
    let found = sweep_with_hostile("可行性研究报告-objstm.pdf", rel);
    let codes: Vec<&str> = found.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"corrupt-pdf"), "{found:?}");
}

#[test]
fn an_object_stream_the_parser_finds_by_scanning_is_loaded_in_a_worker() {
    // The end of this file names no cross-reference stream; the parser finds the object
    // stream by scanning and inflates it. It was loaded in the sweep's own process (1.2 GB,
    // found by the pdf fuzz target); now the worker's memory limit stops it.
    let rel = "RZ-2023-001 学校/可行性研究报告.pdf";
    let found = sweep_with_hostile("可行性研究报告-objstm-noxref.pdf", rel);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "corrupt-pdf", "{found:?}");
    let damage = &found[0]["facts"]["problem"]["detail"];
    assert_eq!(damage["damage"], "stopped", "{damage}");
    assert_eq!(damage["stop"], "out-of-memory", "{damage}");
}

#[test]
fn an_xls_that_declares_four_billion_rows_is_damaged_evidence_not_an_abort() {
    // Inspection opens every .xls, ledger or not.
    let rel = "RZ-2023-001 学校/预算表.xls";
    let found = sweep_with_hostile("拨付台账-dimensions.xls", rel);
    let codes: Vec<&str> = found.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"corrupt-spreadsheet"), "{found:?}");
}

#[test]
fn a_listing_that_cannot_be_written_fails_the_command() {
    // `guicang explain > /dev/full` once exited 0 with nothing written.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    for args in [
        &["explain"][..],
        &["explain", "missing-document"],
        &["rules"],
        &["init-config"],
    ] {
        let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("guicang"))
            .args(args)
            .stdout(full.try_clone().unwrap())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn names_that_are_not_utf8_are_shown_readably_and_stay_distinct() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let dir = tempfile::tempdir().unwrap();
    let gbk = |text: &str| encoding_rs::GBK.encode(text).0.into_owned();
    // A share mounted with the wrong charset: folder and file names in GBK.
    let mut folder = b"RZ-2023-001 ".to_vec();
    // (GBK bytes that happen to be valid UTF-8, as those of 学校 are, cannot be told apart.)
    folder.extend(gbk("麦盖提学校"));
    let folder = dir.path().join(OsStr::from_bytes(&folder));
    std::fs::create_dir(&folder).unwrap();
    let mut name = gbk("可行性研究报告");
    name.extend(b".pdf");
    std::fs::write(
        folder.join(OsStr::from_bytes(&name)),
        crate::support::minimal_pdf("gbk"),
    )
    .unwrap();
    // Two names that are neither UTF-8 nor GBK, differing in one byte.
    for last in [0x80u8, 0xFF] {
        std::fs::write(
            folder.join(OsStr::from_bytes(&[
                b'x', 0xFF, last, b'.', b't', b'x', b't',
            ])),
            b"x",
        )
        .unwrap();
    }
    let (report, _) = check_json(dir.path(), &[]);
    let text = report.to_string();
    assert!(
        !text.contains('\u{FFFD}'),
        "nothing shown as a replacement character"
    );
    assert_eq!(report["projects"][0]["folder"], "RZ-2023-001 麦盖提学校");
    let paths: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["paths"].as_array().unwrap().iter())
        .filter_map(|p| p.as_str().map(str::to_string))
        .filter(|p| p.contains("\\x"))
        .collect();
    assert!(
        paths.contains(&"RZ-2023-001 麦盖提学校/x\\xFF\\x80.txt".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"RZ-2023-001 麦盖提学校/x\\xFF\\xFF.txt".to_string()),
        "{paths:?}"
    );
}

#[test]
fn a_linked_project_manifest_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let outside = dir.path().join("outside.toml");
    write(
        &outside,
        "category = \"fixed-asset\"\nstatus = \"completed\"\n",
    );
    symlink(&outside, root.join("RZ-2023-001 学校/project.toml")).unwrap();
    let (report, _) = check_json(&root, &[]);
    let manifest = manifest_finding(&report);
    assert_eq!(manifest["facts"]["error"]["cause"], "symlink", "{manifest}");
    assert!(
        manifest["message"]
            .as_str()
            .unwrap()
            .contains("project.toml：它或其路径上的文件夹是符号链接"),
        "said in the report's language: {manifest}"
    );
    assert!(
        report["projects"][0]["category"].is_null(),
        "nothing read from outside"
    );
}

/// The one `invalid-manifest` finding of `report`.
fn manifest_finding(report: &serde_json::Value) -> &serde_json::Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "invalid-manifest")
        .expect("an invalid-manifest finding")
}

#[test]
fn a_manifest_saved_as_gbk_says_so_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    // 类别 = "固投类" in GBK: the third byte is the first that is no UTF-8.
    let (gbk, _, unmappable) = encoding_rs::GBK.encode("类别 = \"固投类\"\n");
    assert!(!unmappable);
    std::fs::write(root.join("RZ-2023-001 学校/project.toml"), &gbk).unwrap();
    for (lang, words) in [
        (
            "zh",
            "无法读取 project.toml：不是 UTF-8 文本（第 1 个字节起），请另存为 UTF-8",
        ),
        (
            "en",
            "cannot read project.toml: it is not UTF-8 text (byte 1 is not); save it as UTF-8",
        ),
    ] {
        let (report, _) = check_json(&root, &["--lang", lang]);
        let manifest = manifest_finding(&report);
        assert_eq!(
            manifest["facts"]["error"]["cause"], "not-utf8",
            "{manifest}"
        );
        assert_eq!(manifest["facts"]["error"]["byte"], 1, "{manifest}");
        assert_eq!(manifest["paths"][0], "RZ-2023-001 学校/project.toml");
        assert!(
            manifest["message"].as_str().unwrap().contains(words),
            "{manifest}"
        );
    }
}

#[test]
fn a_project_folder_given_as_the_root_is_that_project() {
    // Once: zero projects and exit 0, so CI on the wrong path was green.
    let project = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/demo-archive/2023/固投类/MGT-2023-001 麦盖提县第三小学教学楼建设项目");
    let (report, code) = check_json(&project, &[]);
    assert_eq!(code, 1, "its missing document fails the run");
    assert_eq!(report["summary"]["projects"], 1);
    let p = &report["projects"][0];
    assert_eq!(p["key"], "MGT-2023-001");
    assert_eq!(p["category"], "fixed-asset");
    let missing = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "missing-document")
        .expect("the demo project misses a document");
    assert_eq!(missing["paths"][0], "07 竣工验收");
}

#[test]
fn a_ledger_named_in_the_configuration_but_missing_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    write(
        &dir.path().join("guicang.toml"),
        "[ledgers]\npaths = [\"财务/拨付明细.xlsx\"]\n",
    );
    let (report, _) = check_json(dir.path(), &[]);
    let missing: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "ledger-unreadable")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0]["paths"][0], "财务/拨付明细.xlsx");
}

#[test]
fn a_linked_project_folder_is_reported_and_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let outside = dir.path().join("elsewhere");
    doc(&outside, "可行性研究报告.pdf");
    symlink(&outside, root.join("RZ-2023-002 食堂")).unwrap();
    let (report, _) = check_json(&root, &[]);
    assert_eq!(report["summary"]["projects"], 1, "the link is no project");
    let linked = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "symlink-skipped")
        .expect("a symlink-skipped finding");
    assert_eq!(linked["paths"][0], "RZ-2023-002 食堂");
}

#[test]
fn a_project_folder_inside_another_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("项目台账.csv"),
        "项目编号,项目名称,项目类别,项目状态\n\
         RZ-2023-001,学校,固投类,实施中\n\
         RZ-2023-002,食堂,固投类,实施中\n",
    );
    doc(dir.path(), "RZ-2023-001 学校/可行性研究报告.pdf");
    doc(
        dir.path(),
        "RZ-2023-001 学校/RZ-2023-002 食堂/可行性研究报告.pdf",
    );
    // A contract folder named by its number is no project: nothing to say.
    doc(
        dir.path(),
        "RZ-2023-001 学校/HT-2023-015 施工合同/施工合同.pdf",
    );
    let (report, _) = check_json(dir.path(), &[]);
    let nested: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "nested-project-folder")
        .map(|f| {
            (
                f["project"].as_str().unwrap(),
                f["paths"][0].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        nested,
        [("RZ-2023-001", "RZ-2023-001 学校/RZ-2023-002 食堂")]
    );
}

#[test]
fn the_worker_memory_budget_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    write(
        &dir.path().join("guicang.toml"),
        "[inspect]\nworker_memory_mb = 96\n",
    );
    let from =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile/拨付台账-dimensions.xls");
    std::fs::copy(from, dir.path().join("拨付台账.xls")).unwrap();
    let (report, code) = check_json(dir.path(), &["--no-cache", "--lang", "en"]);
    assert!(matches!(code, 0 | 1));
    let unreadable = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "ledger-unreadable")
        .expect("the hostile ledger is reported");
    assert_eq!(
        unreadable["facts"]["error"]["detail"]["budget_mb"], 96,
        "{unreadable}"
    );
    assert!(
        unreadable["message"]
            .as_str()
            .unwrap()
            .contains("96 MB memory budget"),
        "{unreadable}"
    );
}
