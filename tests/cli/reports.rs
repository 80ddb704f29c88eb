//! Report files: one sweep of the demo archive writes every format, and each is valid for
//! its consumers: SARIF against the official schema, JUnit by structure (and against the
//! Jenkins schema in `ci_reports`), xlsx read back
//! with calamine, HTML self-contained with every finding, markdown with the totals. Also
//! the refusals of `-o`: inside the archive, an unknown extension, a file named twice.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use serde_json::Value;

use crate::support::guicang;

pub(crate) const DEMO: &str = "fixtures/demo-archive";

/// Every report of one sweep of the demo archive, in a temporary folder.
pub(crate) struct Reports {
    dir: tempfile::TempDir,
    pub(crate) json: Value,
}

impl Reports {
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(crate) fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).expect("report written")
    }

    pub(crate) fn findings(&self) -> &Vec<Value> {
        self.json["findings"].as_array().expect("findings")
    }
}

/// Runs one sweep of the demo archive writing every format (with `args` added).
pub(crate) fn sweep_all(args: &[&str]) -> Reports {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = [
        "r.json", "r.sarif", "r.xml", "r.xlsx", "r.html", "r.md", "r.txt",
    ];
    let mut cmd = guicang();
    cmd.args(["check", DEMO]).args(args);
    for name in names {
        cmd.arg("-o").arg(dir.path().join(name));
    }
    let output = cmd.output().expect("run guicang");
    assert_eq!(
        output.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stdout.is_empty(),
        "with -o and no --format stdout stays empty"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    for name in names {
        assert!(stderr.contains(name), "{name} not announced: {stderr}");
    }
    let json = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("r.json")).expect("json written"),
    )
    .expect("JSON report");
    Reports { dir, json }
}

/// The key findings use for a project.
pub(crate) fn project_key(p: &Value) -> String {
    ["code", "folder", "name"]
        .iter()
        .find_map(|k| p[*k].as_str())
        .unwrap_or_default()
        .to_string()
}

/// The sheet a finding code belongs to in the workbook: its family in the registry.
fn sheet_kind(code: &str) -> &'static str {
    use guicang::finding::{Code, Family};
    let code = Code::from_id(code).expect("a registered code");
    match code.family() {
        _ if code == Code::MissingDocument => "missing",
        Family::Ledger | Family::Chain | Family::Portfolio => "chain",
        _ => "file",
    }
}

/// The official SARIF 2.1.0 schema, compiled, and its index.
pub(crate) fn sarif_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/schemas/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).expect("schema"))
            .expect("schema is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let location = schema_path.to_string_lossy().to_string();
    compiler
        .add_resource(&location, schema)
        .expect("schema resource");
    let index = compiler
        .compile(&location, &mut schemas)
        .expect("schema compiles");
    (schemas, index)
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let reports = sweep_all(&[]);
    let sarif: Value = serde_json::from_str(&reports.read("r.sarif")).expect("SARIF is JSON");
    let (schemas, index) = sarif_schema();
    if let Err(e) = schemas.validate(&sarif, index) {
        panic!("SARIF does not match the schema: {e:#}");
    }
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(
        schemas.validate(&broken, index).is_err(),
        "the validator rejects an invalid log"
    );

    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["tool"]["driver"]["name"], "guicang");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let codes = guicang::finding::Code::ALL;
    for (rule, code) in rules.iter().zip(codes) {
        assert_eq!(rule["id"], code.id());
    }
    for rule in rules {
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(
                !rule[field]["text"].as_str().unwrap_or_default().is_empty(),
                "{rule}"
            );
        }
        let markdown = rule["help"]["markdown"].as_str().expect("help.markdown");
        assert!(markdown.contains("### 为什么重要") && markdown.contains("### 如何处理"));
        assert!(rule["properties"]["why"].is_string());
    }
    let results = run["results"].as_array().expect("results");
    let findings = reports.findings();
    assert_eq!(results.len(), findings.len());
    let in_work_tree = run["originalUriBaseIds"].get("%SRCROOT%").is_some();
    for (result, finding) in results.iter().zip(findings) {
        let code = finding["code"].as_str().expect("code");
        let rule_id = result["ruleId"].as_str().expect("rule id");
        if code == "missing-document" {
            let document = finding["document"].as_str().expect("document");
            assert_eq!(rule_id, format!("missing-document/{document}"));
        } else {
            assert_eq!(rule_id, code);
        }
        let message = finding["message"].as_str().expect("message");
        let text = result["message"]["text"].as_str().expect("message text");
        assert!(text.starts_with(message), "{text}");
        let index = result["ruleIndex"].as_u64().expect("rule index") as usize;
        assert_eq!(rules[index]["id"], rule_id);
        let level = match finding["severity"].as_str() {
            Some("info") => "note",
            other => other.expect("severity"),
        };
        assert_eq!(result["level"], level);
        let locations = result["locations"].as_array().expect("a location");
        assert_eq!(
            locations.len(),
            finding["paths"].as_array().map_or(0, Vec::len)
        );
        for (location, path) in locations
            .iter()
            .zip(finding["paths"].as_array().into_iter().flatten())
        {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            let base = if in_work_tree {
                "%SRCROOT%"
            } else {
                "ARCHIVE_ROOT"
            };
            assert_eq!(artifact["uriBaseId"], base);
            let path = path.as_str().expect("path");
            if path.matches('!').count() == 2 {
                let logical = &location["logicalLocations"][0];
                assert_eq!(logical["fullyQualifiedName"], path);
                assert!(logical["properties"]["sheet"].is_string());
                assert!(
                    text.contains(path),
                    "the ledger cell is in the message: {text}"
                );
            }
        }
    }
    let root = run["originalUriBaseIds"]["ARCHIVE_ROOT"]["uri"]
        .as_str()
        .expect("root uri");
    assert!(
        root.starts_with("file:///") && root.ends_with("/demo-archive/"),
        "{root}"
    );
}

/// One `<testsuite>` as read back.
#[derive(Debug, Default)]
pub(crate) struct Suite {
    pub(crate) name: String,
    pub(crate) tests: usize,
    pub(crate) failures: usize,
    pub(crate) skipped: usize,
    pub(crate) cases: usize,
    pub(crate) failed_cases: Vec<String>,
    pub(crate) skipped_cases: usize,
    pub(crate) case_names: Vec<String>,
}

pub(crate) fn parse_junit(xml: &str) -> (BTreeMap<String, usize>, Vec<Suite>) {
    use quick_xml::events::{BytesStart, Event};
    let attr = |e: &BytesStart<'_>, name: &str| -> String {
        e.try_get_attribute(name)
            .expect("attribute")
            .map(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .expect("value")
                    .into_owned()
            })
            .unwrap_or_default()
    };
    let number = |e: &BytesStart<'_>, name: &str| attr(e, name).parse::<usize>().expect(name);
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut totals = BTreeMap::new();
    let mut suites: Vec<Suite> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "testsuites" => {
                    for k in ["tests", "failures", "errors"] {
                        totals.insert(k.to_string(), number(&e, k));
                    }
                }
                "testsuite" => suites.push(Suite {
                    name: attr(&e, "name"),
                    tests: number(&e, "tests"),
                    failures: number(&e, "failures"),
                    skipped: number(&e, "skipped"),
                    ..Suite::default()
                }),
                "testcase" => {
                    let suite = suites.last_mut().expect("suite");
                    suite.cases += 1;
                    suite.case_names.push(attr(&e, "name"));
                }
                "failure" => {
                    let suite = suites.last_mut().expect("suite");
                    suite.failed_cases.push(attr(&e, "message"));
                    assert!(["error", "warning"].contains(&attr(&e, "type").as_str()));
                }
                "skipped" => suites.last_mut().expect("suite").skipped_cases += 1,
                _ => {}
            },
            _ => {}
        }
    }
    (totals, suites)
}

#[test]
fn junit_has_a_suite_per_project_and_a_failure_per_error() {
    let reports = sweep_all(&[]);
    let (totals, suites) = parse_junit(&reports.read("r.xml"));
    let projects = reports.json["projects"].as_array().expect("projects");
    let keys: Vec<String> = projects.iter().map(project_key).collect();
    let archive_level: Vec<&Value> = reports
        .findings()
        .iter()
        .filter(|f| {
            !f["project"]
                .as_str()
                .is_some_and(|k| keys.iter().any(|p| p == k))
        })
        .collect();
    assert_eq!(
        suites.len(),
        projects.len() + usize::from(!archive_level.is_empty())
    );

    for (p, suite) in projects.iter().zip(&suites) {
        let key = project_key(p);
        assert!(
            suite.name.contains(&key) || p["name"].as_str().is_some_and(|n| suite.name.contains(n))
        );
        let documents: Vec<&Value> = p["stages"]
            .as_object()
            .into_iter()
            .flat_map(|stages| stages.values())
            .flat_map(|s| s["documents"].as_array().into_iter().flatten())
            .collect();
        let required = documents.iter().filter(|d| d["requirement"] == "required");
        let undetermined = documents
            .iter()
            .filter(|d| d["requirement"] == "undetermined")
            .count();
        let others: Vec<&Value> = reports
            .findings()
            .iter()
            .filter(|f| f["project"] == key.as_str() && f["code"] != "missing-document")
            .collect();
        // The default --fail-on is error: warnings and infos pass, with the finding in
        // system-out.
        let errors = reports
            .findings()
            .iter()
            .filter(|f| f["project"] == key.as_str() && f["severity"] == "error")
            .count();

        let expected_tests = required.count() + undetermined + others.len();
        assert_eq!(suite.tests, expected_tests, "{key}");
        assert_eq!(suite.cases, expected_tests, "{key}");
        assert_eq!(suite.failures, errors, "{key}");
        assert_eq!(suite.failed_cases.len(), suite.failures, "{key}");
        assert_eq!(suite.skipped, undetermined, "{key}");
        assert_eq!(suite.skipped_cases, undetermined, "{key}");
        for f in reports
            .findings()
            .iter()
            .filter(|f| f["project"] == key.as_str() && f["severity"] == "error")
        {
            let message = f["message"].as_str().expect("message");
            assert!(
                suite.failed_cases.iter().any(|m| m == message),
                "{key}: {message}"
            );
        }
    }
    let all_cases: usize = suites.iter().map(|s| s.cases).sum();
    let all_failures: usize = suites.iter().map(|s| s.failures).sum();
    assert_eq!(totals["tests"], all_cases);
    assert_eq!(totals["failures"], all_failures);
    assert_eq!(totals["errors"], 0);
    assert!(all_failures > 0);
}

pub(crate) fn read_sheets(path: &Path) -> BTreeMap<String, Vec<Vec<Data>>> {
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(path).expect("xlsx opens");
    let names = workbook.sheet_names();
    names
        .iter()
        .map(|name| {
            let range = workbook.worksheet_range(name).expect("sheet reads");
            (name.clone(), range.rows().map(<[Data]>::to_vec).collect())
        })
        .collect()
}

pub(crate) fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(ToString::to_string).collect()
}

#[test]
fn xlsx_round_trips_through_calamine() {
    let reports = sweep_all(&[]);
    let workbook: calamine::Xlsx<_> =
        calamine::open_workbook(reports.path("r.xlsx")).expect("xlsx opens");
    assert_eq!(
        workbook.sheet_names(),
        [
            "汇总",
            "缺失清单",
            "资金链",
            "文件问题",
            "全部问题",
            "时间线",
            "绩效佐证",
            "储备库",
            "多发问题",
            "代码说明",
            "说明"
        ]
    );
    let sheets = read_sheets(&reports.path("r.xlsx"));
    let findings = reports.findings();
    let count = |kind: &str| {
        findings
            .iter()
            .filter(|f| sheet_kind(f["code"].as_str().unwrap_or_default()) == kind)
            .count()
    };
    let projects = reports.json["projects"].as_array().expect("projects");
    let rows = |name: &str| sheets[name].len() - 1;
    // Projects, then the archive as a whole, then the totals.
    assert_eq!(rows("汇总"), projects.len() + 2);
    let summary_json = &reports.json["summary"];
    let footer = &sheets["汇总"][projects.len() + 1..];
    assert_eq!(
        footer[0][7],
        Data::Float(summary_json["archive_errors"].as_f64().unwrap())
    );
    assert_eq!(footer[1][1].to_string(), "合计");
    assert_eq!(
        footer[1][7],
        Data::Float(summary_json["errors"].as_f64().unwrap())
    );
    assert_eq!(
        footer[1][8],
        Data::Float(summary_json["warnings"].as_f64().unwrap())
    );
    let about: Vec<String> = sheets["说明"][1..]
        .iter()
        .map(|r| r[1].to_string())
        .collect();
    assert!(about.contains(&reports.json["run"]["at"].as_str().unwrap().to_string()));
    assert_eq!(rows("缺失清单"), count("missing"));
    assert_eq!(rows("资金链"), count("chain"));
    assert_eq!(rows("文件问题"), count("file"));
    assert_eq!(rows("全部问题"), findings.len());
    assert_eq!(rows("代码说明"), guicang::finding::Code::ALL.len());
    assert!(count("missing") > 0 && count("chain") > 0 && count("file") > 0);

    let summary = header(&sheets["汇总"]);
    assert_eq!(
        summary[..5],
        ["项目编号", "项目名称", "类别", "状态", "完整度"]
    );
    assert!(summary.contains(&"已拨付（元）".to_string()));
    assert_eq!(
        header(&sheets["缺失清单"])[..4],
        ["项目编号", "项目名称", "阶段", "文件"]
    );
    assert!(header(&sheets["资金链"]).contains(&"台账位置".to_string()));
    // Completeness is a number (formatted as a percentage), equal to the JSON's.
    for (row, p) in sheets["汇总"][1..].iter().zip(projects) {
        match (&row[4], p["completeness"].as_f64()) {
            (Data::Float(x), Some(c)) => assert!((x - c).abs() < 1e-9),
            (Data::Empty, None) => {}
            (cell, c) => panic!("completeness {cell:?} vs {c:?}"),
        }
    }
    // Every finding message appears in 全部问题, in order.
    for (row, f) in sheets["全部问题"][1..].iter().zip(findings) {
        assert_eq!(
            row[6].to_string(),
            f["message"].as_str().unwrap_or_default()
        );
    }
}

#[test]
fn xlsx_speaks_english_with_lang_en() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("en.xlsx");
    guicang()
        .args(["check", DEMO, "--lang", "en", "-o"])
        .arg(&path)
        .assert()
        .code(1);
    let sheets = read_sheets(&path);
    let names: Vec<&str> = sheets.keys().map(String::as_str).collect();
    for expected in [
        "Summary",
        "Missing documents",
        "Funding chain",
        "File problems",
        "All findings",
        "Timeline",
        "Performance evidence",
        "Reserve library",
        "Recurring problems",
        "Codes",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    assert_eq!(header(&sheets["Summary"])[0], "Code");
    assert_eq!(header(&sheets["Timeline"])[3], "Milestone");
    assert_eq!(header(&sheets["Performance evidence"])[4], "Funds in place");
}

#[test]
fn html_is_self_contained_and_lists_every_finding() {
    let reports = sweep_all(&[]);
    let html = reports.read("r.html");
    assert!(html.starts_with("<!doctype html>"));
    assert!(
        !html.contains("http"),
        "the page must not reach the network"
    );
    for tag in ["<link", "<img", "src=", "@import", "url("] {
        assert!(!html.contains(tag), "external resource: {tag}");
    }
    for f in reports.findings() {
        let message = f["message"].as_str().expect("message");
        let escaped = message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        assert!(html.contains(&escaped), "missing: {message}");
    }
    let rows = html.matches("<tr data-sev=").count();
    assert_eq!(rows, reports.findings().len());
    assert!(html.contains("@media print"));
}

#[test]
fn markdown_has_the_totals_and_the_projects() {
    let reports = sweep_all(&[]);
    let md = reports.read("r.md");
    let s = &reports.json["summary"];
    let totals = format!(
        "{} 个项目 · {} 个文件 · 完整度 **{:.1}%**（{}/{}）· 错误 **{}** · 警告 **{}** · 提示 {}",
        s["projects"],
        s["files"],
        s["completeness"].as_f64().expect("completeness") * 100.0,
        s["present"],
        s["required"],
        s["errors"],
        s["warnings"],
        s["infos"],
    );
    assert!(md.contains(&totals), "{md}");
    for p in reports.json["projects"].as_array().expect("projects") {
        let name = p["name"]
            .as_str()
            .unwrap_or_else(|| p["folder"].as_str().unwrap_or_default());
        assert!(md.contains(name), "{name}");
    }
    let errors = s["errors"].as_u64().expect("errors") as usize;
    assert!(md.contains(&format!("### 错误 ({errors})")));
    assert!(md.contains("<details>") && md.contains("</details>"));
    let text = reports.read("r.txt");
    assert!(
        !text.contains('\u{1b}'),
        "a text file carries no terminal styles"
    );
}

#[test]
fn format_and_output_together_write_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("summary.md");
    let output = guicang()
        .args(["check", DEMO, "--format", "sarif", "-o"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("SARIF on stdout");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(path.is_file());
}

#[test]
fn xlsx_goes_to_a_pipe() {
    let output = guicang()
        .args(["check", DEMO, "--format", "xlsx"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.starts_with(b"PK\x03\x04"), "a zip container");
}

#[test]
fn refuses_to_write_inside_the_archive() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("archive");
    crate::support::copy_tree(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(DEMO).as_path(),
        &archive,
    );
    let inside = archive.join("2023/report.html");
    let outside = dir.path().join("report.sarif");
    let output = guicang()
        .arg("check")
        .arg(&archive)
        .arg("-o")
        .arg(&outside)
        .arg("-o")
        .arg(&inside)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("inside the archive"), "{stderr}");
    assert!(!inside.exists() && !outside.exists(), "nothing is written");

    // Through a relative path from inside the archive, too.
    let output = guicang()
        .current_dir(archive.join("2023"))
        .args(["check", "..", "-o", "r.json"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(!archive.join("2023/r.json").exists());
}

#[test]
fn bad_outputs_are_usage_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(Vec<PathBuf>, &str); 3] = [
        (vec![dir.path().join("report.pdf")], "extension"),
        (vec![dir.path().join("none/report.json")], "cannot be used"),
        (
            vec![dir.path().join("a.json"), dir.path().join("a.json")],
            "twice",
        ),
    ];
    for (paths, expected) in cases {
        let mut cmd = guicang();
        cmd.args(["check", DEMO]);
        for p in &paths {
            cmd.arg("-o").arg(p);
        }
        let output = cmd.output().expect("run");
        assert_eq!(output.status.code(), Some(2), "{paths:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{paths:?}: {stderr}");
    }
}

#[test]
fn with_a_baseline_sarif_says_which_results_are_new() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("archive");
    crate::support::copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DEMO), &archive);
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().expect("a UTF-8 temporary path");
    // One sweep of the copy, its report on stdout parsed.
    let sweep = |args: &[&str]| -> Value {
        let output = guicang()
            .arg("check")
            .arg(&archive)
            .args(args)
            .output()
            .expect("run");
        serde_json::from_slice(&output.stdout).expect("a JSON document")
    };
    let recorded = sweep(&["--format", "json", "--write-baseline", baseline]);
    let before = recorded["findings"].as_array().expect("findings").len();
    // One new problem: an empty file in a project folder.
    let project = archive.join("2024/MGT-2024-003 某乡镇道路硬化项目");
    assert!(project.is_dir(), "the demo archive has this project");
    std::fs::write(project.join("空白.pdf"), b"").expect("write");

    let sarif = sweep(&["--format", "sarif", "--baseline", baseline]);
    let (schemas, index) = sarif_schema();
    if let Err(e) = schemas.validate(&sarif, index) {
        panic!("SARIF does not match the schema: {e:#}");
    }
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let state = |s: &str| results.iter().filter(|r| r["baselineState"] == s).count();
    assert_eq!(
        state("unchanged"),
        before,
        "every recorded finding is a result"
    );
    assert_eq!(state("new"), 1, "{results:#?}");
    let new = results
        .iter()
        .find(|r| r["baselineState"] == "new")
        .expect("new");
    assert_eq!(new["ruleId"], "empty-file");

    // Without a baseline no result says anything about one.
    let plain = sweep(&["--format", "sarif"]);
    assert!(
        plain["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .all(|r| r.get("baselineState").is_none())
    );
}

#[test]
fn the_chain_sheet_has_number_and_date_cells_and_wrapped_rows_have_heights() {
    let reports = sweep_all(&[]);
    let sheets = read_sheets(&reports.path("r.xlsx"));
    let chain = &sheets["资金链"];
    let head = header(chain);
    let column = |name: &str| head.iter().position(|h| h == name).expect(name);
    let (amount, date, limit, difference) = (
        column("金额（元）"),
        column("日期"),
        column("对照金额（元）"),
        column("差额（元）"),
    );
    for name in [
        "序号",
        "项目名称",
        "年度",
        "实施单位",
        "整改责任人",
        "整改时限",
        "整改情况",
    ] {
        column(name);
    }
    let rows = &chain[1..];
    assert!(rows.iter().any(|r| matches!(r[amount], Data::Float(_))));
    assert!(rows.iter().any(|r| matches!(r[date], Data::DateTime(_))));
    // Where both figures are known, the difference is theirs.
    let both: Vec<&Vec<Data>> = rows
        .iter()
        .filter(|r| matches!((&r[amount], &r[limit]), (Data::Float(_), Data::Float(_))))
        .collect();
    assert!(!both.is_empty());
    for r in both {
        let (Data::Float(a), Data::Float(l), Data::Float(d)) =
            (&r[amount], &r[limit], &r[difference])
        else {
            panic!("difference missing: {r:?}");
        };
        assert!((a - l - d).abs() < 0.005, "{r:?}");
    }
    // Rows with wrapped text carry their height (LibreOffice shows one line otherwise).
    let file = std::fs::File::open(reports.path("r.xlsx")).expect("workbook");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet3.xml").expect("资金链"),
        &mut xml,
    )
    .expect("xml");
    assert!(xml.contains("customHeight=\"1\""), "no row heights written");
}
