//! Waivers, baselines, configured outputs, `init-config`, completions and the man page:
//! waivers and baselines change exit codes exactly as described, waived findings are
//! listed apart with their reason in every report, a baseline is stable against
//! reordering, and the starter configuration parses and changes nothing.

use std::path::Path;

use serde_json::Value;

use crate::support::{copy_tree, guicang, write};

const DEMO: &str = "fixtures/demo-archive";
const TODAY: &str = "2025-06-30";

/// Runs `guicang check ROOT --format json ARGS…` on a fixed day; returns the report, the
/// exit code and stderr.
fn check_on(today: &str, root: &Path, args: &[&str]) -> (Value, i32, String) {
    let output = guicang()
        .env("GUICANG_TODAY", today)
        .arg("check")
        .arg(root)
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("run guicang");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let code = output.status.code().expect("exit code");
    let report = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); exit {code}; stderr: {stderr}"));
    (report, code, stderr)
}

/// An archive whose only finding is one error: a project folder of unknown category.
fn one_error_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::support::doc(dir.path(), "MGT-2023-009 某项目/方案.pdf");
    dir
}

fn codes(report: &Value, key: &str) -> Vec<String> {
    report[key]
        .as_array()
        .expect("list")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

const WAIVER: &str = r#"
[[waiver]]
project = "MGT-2023-009"
code = "unknown-project"
reason = "类别待发改委确定"
approved_by = "县援疆办"
expires = 2025-12-31
"#;

#[test]
fn without_a_waiver_the_error_fails_the_run() {
    let dir = one_error_archive();
    let (report, code, _) = check_on(TODAY, dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&report, "findings"), ["unknown-project"]);
    assert_eq!(report["waived"], serde_json::json!([]));
}

#[test]
fn a_waived_error_no_longer_fails_and_is_listed_with_its_reason() {
    let dir = one_error_archive();
    write(&dir.path().join("guicang.toml"), WAIVER);
    let (report, code, _) = check_on(TODAY, dir.path(), &[]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(codes(&report, "findings"), Vec::<String>::new());
    let waived = &report["waived"][0];
    assert_eq!(waived["code"], "unknown-project");
    assert_eq!(waived["project"], "MGT-2023-009");
    assert_eq!(waived["reason"], "类别待发改委确定");
    assert_eq!(waived["approved_by"], "县援疆办");
    assert_eq!(waived["expires"], "2025-12-31");
    assert_eq!(waived["waiver"], "guicang.toml:2");
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["waived"], 1);
    assert_eq!(report["projects"][0]["errors"], 0);

    let output = guicang()
        .env("GUICANG_TODAY", TODAY)
        .args(["check", "--lang", "en"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "Waived (1)",
        "reason: 类别待发改委确定",
        "approved by: 县援疆办",
        "until 2025-12-31",
        "not counted: 1 waived",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
}

#[test]
fn a_waiver_holds_on_its_last_day_and_not_after() {
    let dir = one_error_archive();
    write(&dir.path().join("guicang.toml"), WAIVER);
    assert_eq!(check_on("2025-12-31", dir.path(), &[]).1, 0);
    let (report, code, _) = check_on("2026-01-01", dir.path(), &[]);
    assert_eq!(code, 1, "an expired waiver covers nothing");
    assert_eq!(
        codes(&report, "findings"),
        ["unknown-project", "waiver-expired"]
    );
    let expired = &report["findings"][1];
    assert_eq!(expired["severity"], "warning");
    assert_eq!(expired["project"], "MGT-2023-009");
    assert_eq!(expired["paths"][0], "guicang.toml");
    let message = expired["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("guicang.toml:2") && message.contains("2025-12-31"),
        "{message}"
    );
    assert_eq!(report["waived"], serde_json::json!([]));
}

#[test]
fn a_waiver_that_covers_nothing_is_reported_unused() {
    let dir = one_error_archive();
    let config = format!(
        "{WAIVER}\n[[waiver]]\ndocument = \"fire-acceptance\"\nreason = \"r\"\napproved_by = \"a\"\n"
    );
    write(&dir.path().join("guicang.toml"), config);
    let (report, code, _) = check_on(TODAY, dir.path(), &[]);
    assert_eq!(code, 0, "waiver-unused is only info");
    let unused = &report["findings"][0];
    assert_eq!(unused["code"], "waiver-unused");
    assert_eq!(unused["severity"], "info");
    assert_eq!(unused["document"], "fire-acceptance");
    assert!(
        unused["message"]
            .as_str()
            .unwrap_or_default()
            .contains("guicang.toml:9"),
        "{unused}"
    );
    let (_, code, _) = check_on(TODAY, dir.path(), &["--fail-on", "info"]);
    assert_eq!(code, 1);
}

#[test]
fn a_waiver_matches_only_when_every_field_it_gives_matches() {
    let dir = one_error_archive();
    let config = WAIVER.replace("unknown-project", "status-unknown");
    write(&dir.path().join("guicang.toml"), config);
    let (report, code, _) = check_on(TODAY, dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        codes(&report, "findings"),
        ["unknown-project", "waiver-unused"]
    );
    let by_path = "[[waiver]]\npath = \"MGT-2023-*\"\nreason = \"r\"\napproved_by = \"a\"\n";
    write(&dir.path().join("guicang.toml"), by_path);
    let (report, code, _) = check_on(TODAY, dir.path(), &[]);
    assert_eq!(
        (code, codes(&report, "waived")),
        (0, vec!["unknown-project".into()])
    );
}

#[test]
fn waived_findings_are_listed_apart_in_every_report() {
    let dir = one_error_archive();
    write(&dir.path().join("guicang.toml"), WAIVER);
    let out = tempfile::tempdir().expect("temp dir");
    let mut cmd = guicang();
    cmd.env("GUICANG_TODAY", TODAY).arg("check").arg(dir.path());
    for name in ["r.md", "r.sarif", "r.xml", "r.html", "r.xlsx"] {
        cmd.arg("-o").arg(out.path().join(name));
    }
    let output = cmd.output().expect("run");
    assert_eq!(output.status.code(), Some(0));
    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).expect("written");

    let md = read("r.md");
    assert!(
        md.contains("已豁免 (1)") && md.contains("类别待发改委确定"),
        "{md}"
    );

    let sarif: Value = serde_json::from_str(&read("r.sarif")).expect("SARIF");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "unknown-project");
    let suppression = &result["suppressions"][0];
    assert_eq!(suppression["kind"], "external");
    assert_eq!(suppression["justification"], "类别待发改委确定");
    assert_valid_sarif(&sarif);

    let junit = read("r.xml");
    assert!(
        junit.contains(
            "<skipped message=\"豁免：类别待发改委确定（县援疆办，有效期至 2025-12-31）\"/>"
        ),
        "{junit}"
    );
    assert!(!junit.contains("<failure"), "{junit}");

    let html = read("r.html");
    assert!(html.contains("id=\"waived\"") && html.contains("类别待发改委确定"));

    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(out.path().join("r.xlsx")).expect("xlsx opens");
    let names = workbook.sheet_names();
    let at = |name: &str| names.iter().position(|n| n == name);
    assert_eq!(at("豁免").map(|i| i + 1), at("代码说明"), "{names:?}");
    let sheet = workbook.worksheet_range("豁免").expect("sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[1].contains(&"类别待发改委确定".to_string()),
        "{rows:?}"
    );
    let all = workbook.worksheet_range("全部问题").expect("sheet");
    assert_eq!(
        all.height(),
        1,
        "waived findings are not among the findings"
    );
}

#[test]
fn bad_waivers_name_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("guicang.toml");
    write(
        &config,
        "[check]\nfail_on = \"error\"\n\n[[waiver]]\nproject = \"MGT-2023-001\"\ncode = \"missing-doc\"\nreason = \"\"\nexpires = \"2025-02-30\"\n\n[[waiver]]\nreason = \"r\"\napproved_by = \"a\"\nexpiry = 2025-01-01\n",
    );
    let output = guicang()
        .args(["check", DEMO, "--config"])
        .arg(&config)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "nothing is checked");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let shown = config.display();
    let expected = format!("{shown}:13:1: unknown field `expiry`");
    assert!(stderr.contains(&expected), "{expected}:\n{stderr}");
    // With the unknown key gone, every mistake of the values is reported at once.
    let text = std::fs::read_to_string(&config).expect("read");
    write(&config, text.replace("expiry = 2025-01-01\n", ""));
    let output = guicang()
        .args(["check", DEMO, "--config"])
        .arg(&config)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        format!("{shown}:4:1: a waiver needs an approver"),
        format!("{shown}:6:8: unknown finding code `missing-doc`"),
        format!("{shown}:7:10: a waiver needs a reason"),
        format!("{shown}:8:11: expected a date YYYY-MM-DD, found `2025-02-30`"),
        format!("{shown}:10:1: a waiver must say what it covers"),
        "5 configuration error(s); nothing was checked".to_string(),
    ] {
        assert!(stderr.contains(&expected), "{expected}:\n{stderr}");
    }
}

#[test]
fn an_unknown_document_in_a_waiver_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("guicang.toml");
    write(
        &config,
        "[[waiver]]\ndocument = \"fire-aceptance\"\nreason = \"r\"\napproved_by = \"a\"\n",
    );
    let output = guicang()
        .args(["check", DEMO, "--config"])
        .arg(&config)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:2:12: unknown document id `fire-aceptance`",
            config.display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let dir = one_error_archive();
    let output = guicang()
        .env("GUICANG_TODAY", "tomorrow")
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("GUICANG_TODAY=tomorrow"));
}

/// The demo archive copied to a temporary folder, with a folder beside it for files.
fn demo_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("archive");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DEMO), &archive);
    (dir, archive)
}

#[test]
fn a_baseline_fails_only_on_new_findings() {
    let (dir, archive) = demo_copy();
    let baseline = dir.path().join("baseline.json");
    let baseline_arg = baseline.to_str().expect("utf-8 path");

    // Run 1 records today's findings; it still fails on them.
    let (first, code, stderr) = check_on(TODAY, &archive, &["--write-baseline", baseline_arg]);
    assert_eq!(code, 1);
    assert!(stderr.contains("baseline.json"), "{stderr}");
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).expect("written")).expect("JSON");
    assert_eq!(recorded["version"], 1);
    let keys = recorded["findings"].as_array().expect("keys");
    assert!(!keys.is_empty());
    for key in keys {
        let mut fields: Vec<&str> = key
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        assert_eq!(fields, ["code", "document", "path", "project"], "{key}");
    }
    let key_codes: Vec<&str> = keys.iter().filter_map(|k| k["code"].as_str()).collect();
    assert!(key_codes.is_sorted(), "sorted by code: {key_codes:?}");
    assert!(
        !std::fs::read_to_string(&baseline)
            .expect("read")
            .contains("message"),
        "no messages in a baseline"
    );

    // Run 2, nothing changed: everything is in the baseline.
    let (second, code, _) = check_on(TODAY, &archive, &["--baseline", baseline_arg]);
    assert_eq!(code, 0, "{}", second["findings"]);
    assert_eq!(second["findings"], serde_json::json!([]));
    assert_eq!(
        second["summary"]["baselined"],
        first["findings"].as_array().expect("findings").len()
    );
    assert_eq!(second["summary"]["errors"], 0);

    // One new gap fails the run, alone.
    std::fs::remove_file(
        archive
            .join("2023/设备类/MGT-2023-005 麦盖提县第二中学实验室设备采购项目/项目立项批复.pdf"),
    )
    .expect("remove a document");
    let (third, code, _) = check_on(TODAY, &archive, &["--baseline", baseline_arg]);
    assert_eq!(code, 1);
    let new = third["findings"].as_array().expect("findings");
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0]["code"], "missing-document");
    assert_eq!(new[0]["project"], "MGT-2023-005");
    assert_eq!(new[0]["document"], "project-approval");

    // Reordering (and reformatting) the baseline changes nothing.
    let mut reordered = recorded.clone();
    reordered["findings"]
        .as_array_mut()
        .expect("keys")
        .reverse();
    std::fs::write(&baseline, reordered.to_string()).expect("rewrite");
    let (fourth, code, _) = check_on(TODAY, &archive, &["--baseline", baseline_arg]);
    assert_eq!(code, 1);
    assert_eq!(fourth["findings"], third["findings"]);
    assert_eq!(fourth["baselined"], third["baselined"]);

    // The text report says how many findings the baseline holds back.
    let output = guicang()
        .env("GUICANG_TODAY", TODAY)
        .args(["check", "--lang", "en", "--baseline", baseline_arg])
        .arg(&archive)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("findings already in the baseline are not counted"),
        "{text}"
    );
}

#[test]
fn baseline_files_are_checked_before_the_sweep() {
    let (dir, archive) = demo_copy();
    let missing = dir.path().join("no-such-baseline.json");
    let output = guicang()
        .arg("check")
        .arg(&archive)
        .arg("--baseline")
        .arg(&missing)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read the baseline"));

    let garbage = dir.path().join("garbage.json");
    write(&garbage, "{\"version\": 7, \"findings\": []}");
    let output = guicang()
        .arg("check")
        .arg(&archive)
        .arg("--baseline")
        .arg(&garbage)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));

    let inside = archive.join("baseline.json");
    let output = guicang()
        .arg("check")
        .arg(&archive)
        .arg("--write-baseline")
        .arg(&inside)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("inside the archive"));
    assert!(!inside.exists());
}

#[test]
fn configured_outputs_are_written_like_dash_o() {
    let (dir, archive) = demo_copy();
    std::fs::create_dir(dir.path().join("reports")).expect("mkdir");
    write(
        &archive.join("guicang.toml"),
        "[output]\nformat = \"markdown\"\noutputs = [\"../reports/r.json\", \"../reports/r.html\"]\n",
    );
    let output = guicang().arg("check").arg(&archive).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stdout).starts_with("## "),
        "markdown on stdout"
    );
    for name in ["r.json", "r.html"] {
        assert!(dir.path().join("reports").join(name).is_file(), "{name}");
    }

    // -o replaces the configured files.
    let other = dir.path().join("other.json");
    std::fs::remove_dir_all(dir.path().join("reports")).expect("rm");
    let output = guicang()
        .arg("check")
        .arg(&archive)
        .arg("-o")
        .arg(&other)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(other.is_file() && !dir.path().join("reports").exists());

    // A configured file inside the archive is refused before the sweep.
    write(
        &archive.join("guicang.toml"),
        "[output]\noutputs = [\"r.json\"]\n",
    );
    let output = guicang().arg("check").arg(&archive).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("[output] outputs") && stderr.contains("inside the archive"),
        "{stderr}"
    );
    assert!(!archive.join("r.json").exists());

    // An unknown extension is a configuration error with its place.
    write(
        &archive.join("guicang.toml"),
        "[output]\noutputs = [\"../r.pdf\"]\n",
    );
    let output = guicang().arg("check").arg(&archive).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("guicang.toml:2:12: cannot tell the format"),
        "{stderr}"
    );
}

#[test]
fn init_config_prints_a_starter_that_parses_and_changes_nothing() {
    let output = guicang().arg("init-config").output().expect("run");
    assert_eq!(output.status.code(), Some(0));
    let starter = String::from_utf8(output.stdout).expect("utf-8");
    let parsed: Result<guicang::config::ConfigFile, _> = toml::from_str(&starter);
    assert!(parsed.is_ok(), "{parsed:?}");
    for comment in ["# 豁免", "# Waivers", "[inspect]", "fail_on = \"error\""] {
        assert!(starter.contains(comment), "{comment}");
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("guicang.toml");
    let output = guicang()
        .arg("init-config")
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).expect("written"), starter);

    // Never over an existing file.
    write(&path, "# mine\n");
    let output = guicang()
        .arg("init-config")
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("exists already"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "# mine\n");

    // Through `check --config`, the defaults change nothing.
    let fresh = dir.path().join("fresh.toml");
    std::fs::write(&fresh, &starter).expect("write");
    let fresh_arg = fresh.to_str().expect("utf-8 path");
    let demo = Path::new(DEMO);
    let (with, code_with, stderr) = check_on(TODAY, demo, &["--config", fresh_arg]);
    assert!(stderr.is_empty() || !stderr.contains("error"), "{stderr}");
    let (without, code_without, _) = check_on(TODAY, demo, &[]);
    assert_eq!(code_with, code_without);
    assert_eq!(with["findings"], without["findings"]);
    assert_eq!(with["summary"], without["summary"]);

    // Its commented waiver example is a valid waiver once uncommented.
    let example: Vec<&str> = starter
        .lines()
        .skip_while(|l| *l != "# [[waiver]]")
        .map(|l| l.trim_start_matches("# "))
        .collect();
    let uncommented = format!("{starter}\n{}\n", example.join("\n"));
    std::fs::write(&fresh, uncommented).expect("write");
    let (report, _, stderr) = check_on(TODAY, demo, &["--config", fresh_arg]);
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(report["findings"].is_array());
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let output = guicang()
        .args(["completions", "bash"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    let script = String::from_utf8_lossy(&output.stdout);
    assert!(script.contains("guicang") && script.contains("--write-baseline"));

    let output = guicang()
        .args(["completions", "fish"])
        .output()
        .expect("run");
    assert!(!output.stdout.is_empty());

    let output = guicang().arg("man").output().expect("run");
    assert_eq!(output.status.code(), Some(0));
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(page.contains(".TH guicang 1"), "{page}");
    let output = guicang().args(["man", "check"]).output().expect("run");
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(
        page.contains("guicang\\-check") && page.contains("baseline"),
        "{page}"
    );
    assert_eq!(
        guicang()
            .args(["man", "nope"])
            .output()
            .expect("run")
            .status
            .code(),
        Some(2)
    );
}

/// Validates a SARIF log against the official 2.1.0 schema.
fn assert_valid_sarif(sarif: &Value) {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/schemas/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).expect("schema"))
            .expect("schema is JSON");
    let location = schema_path.to_string_lossy().to_string();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource(&location, schema)
        .expect("schema resource");
    let index = compiler
        .compile(&location, &mut schemas)
        .expect("schema compiles");
    if let Err(e) = schemas.validate(sarif, index) {
        panic!("SARIF does not match the schema: {e:#}");
    }
}

#[test]
fn a_baseline_kept_in_the_archive_is_not_a_stray_file() {
    let dir = one_error_archive();
    let outside = tempfile::tempdir().expect("temp dir");
    let written = outside.path().join("b.json");
    check_on(
        TODAY,
        dir.path(),
        &["--write-baseline", written.to_str().expect("utf-8 path")],
    );
    std::fs::copy(&written, dir.path().join("guicang-baseline.json")).expect("copy");
    let stray = |report: &Value| {
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["code"] == "unassigned-file" && f["paths"][0] == "guicang-baseline.json")
    };

    // As CI runs it from the root of an archive kept in git: relative paths.
    let output = guicang()
        .current_dir(dir.path())
        .env("GUICANG_TODAY", TODAY)
        .args([
            "check",
            ".",
            "--format",
            "json",
            "--baseline",
            "guicang-baseline.json",
        ])
        .output()
        .expect("run guicang");
    assert_eq!(
        output.status.code(),
        Some(0),
        "the only error is in the baseline"
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(
        !stray(&report),
        "the baseline it reads is guicang's own file"
    );

    // Not read as the baseline, the same file is a file outside every project.
    let (plain, _, _) = check_on(TODAY, dir.path(), &[]);
    assert!(stray(&plain), "{plain}");
}
