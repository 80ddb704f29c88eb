//! The CI formats as CI systems consume them: SARIF results that keep their identity across
//! sweeps (fingerprints from the baseline key), locations relative to the git work tree
//! holding the archive, titles that name the missing document; JUnit that validates
//! against the Jenkins schema, fails only what fails the run and names tests without
//! message text.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::reports::{DEMO, parse_junit, sarif_schema, sweep_all};
use crate::support::{copy_tree, guicang};

/// The SARIF log of one sweep of `archive`.
fn sarif_of(archive: &Path) -> Value {
    let output = guicang()
        .arg("check")
        .arg(archive)
        .args(["--format", "sarif"])
        .output()
        .expect("run guicang");
    assert_eq!(output.status.code(), Some(1));
    serde_json::from_slice(&output.stdout).expect("SARIF is JSON")
}

fn results(sarif: &Value) -> &Vec<Value> {
    sarif["runs"][0]["results"].as_array().expect("results")
}

fn fingerprints(sarif: &Value) -> Vec<String> {
    results(sarif)
        .iter()
        .map(|r| {
            r["partialFingerprints"]["guicangKey/v1"]
                .as_str()
                .unwrap_or_else(|| panic!("a result without a fingerprint: {r:#}"))
                .to_string()
        })
        .collect()
}

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(DEMO)
}

#[test]
fn sarif_fingerprints_are_the_same_across_sweeps_and_follow_the_baseline_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (here, there) = (dir.path().join("a/档案"), dir.path().join("b/档案"));
    copy_tree(&demo(), &here);
    copy_tree(&demo(), &there);
    let first = sarif_of(&here);
    let again = sarif_of(&here);
    let moved = sarif_of(&there);
    let prints = fingerprints(&first);
    assert!(!prints.is_empty());
    assert_eq!(
        prints,
        fingerprints(&again),
        "a second sweep, the same alerts"
    );
    assert_eq!(
        prints,
        fingerprints(&moved),
        "a moved archive, the same alerts"
    );
    assert!(prints.iter().all(|p| p.len() == 32));

    // Equal fingerprints exactly when the baseline keys are equal.
    let json = guicang()
        .arg("check")
        .arg(&here)
        .args(["--format", "json"])
        .output()
        .expect("run guicang");
    let json: Value = serde_json::from_slice(&json.stdout).expect("JSON report");
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), prints.len());
    let mut by_key: BTreeMap<String, &str> = BTreeMap::new();
    for (f, print) in findings.iter().zip(&prints) {
        let key = format!(
            "{}|{}|{}|{}",
            f["code"], f["project"], f["document"], f["paths"][0]
        );
        assert_eq!(*by_key.entry(key).or_insert(print), print.as_str());
    }
    let distinct: std::collections::BTreeSet<&String> = prints.iter().collect();
    assert_eq!(distinct.len(), by_key.len());
}

#[test]
fn sarif_in_a_git_work_tree_is_relative_to_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).expect("a .git folder");
    let archive = repo.join("档案/demo");
    copy_tree(&demo(), &archive);
    let sarif = sarif_of(&archive);
    let (schemas, index) = sarif_schema();
    if let Err(e) = schemas.validate(&sarif, index) {
        panic!("SARIF does not match the schema: {e:#}");
    }
    let run = &sarif["runs"][0];
    let tree = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("the work tree");
    assert!(
        tree.starts_with("file:///") && tree.ends_with("/repo/"),
        "{tree}"
    );
    assert_eq!(run["automationDetails"]["id"], "guicang/check/demo/");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let prefix = "%E6%A1%A3%E6%A1%88/demo/"; // 档案/demo/
    let mut located = 0;
    for result in results(&sarif) {
        for location in result["locations"].as_array().into_iter().flatten() {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
            let uri = artifact["uri"].as_str().expect("uri");
            assert!(uri.starts_with(prefix), "{uri}");
            located += 1;
        }
    }
    assert!(located > 0);

    // Outside any work tree, locations stay relative to the archive root.
    let alone = dir.path().join("alone");
    copy_tree(&demo(), &alone);
    let sarif = sarif_of(&alone);
    let run = &sarif["runs"][0];
    assert!(run["originalUriBaseIds"].get("%SRCROOT%").is_none());
    for result in results(&sarif) {
        for location in result["locations"].as_array().into_iter().flatten() {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "ARCHIVE_ROOT");
            assert!(
                artifact["uri"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("20") || !u.contains('/'))
            );
        }
    }
}

#[test]
fn sarif_missing_document_titles_name_the_document() {
    let reports = sweep_all(&[]);
    let sarif: Value = serde_json::from_str(&reports.read("r.sarif")).expect("SARIF");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let names: BTreeMap<&str, &str> = reports.json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter_map(|p| p["stages"].as_object())
        .flat_map(|stages| stages.values())
        .flat_map(|s| s["documents"].as_array().into_iter().flatten())
        .filter_map(|d| Some((d["id"].as_str()?, d["name"].as_str()?)))
        .collect();
    let missing: Vec<&Value> = reports
        .findings()
        .iter()
        .filter(|f| f["code"] == "missing-document")
        .collect();
    assert!(missing.len() > 1);
    let mut titles = std::collections::BTreeSet::new();
    for f in missing {
        let document = f["document"].as_str().expect("document");
        let rule = rules
            .iter()
            .find(|r| r["id"] == format!("missing-document/{document}"))
            .expect("a rule per missing document");
        let title = rule["shortDescription"]["text"].as_str().expect("title");
        assert!(title.contains(names[document]), "{title}");
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .is_some_and(|m| m.contains(title))
        );
        titles.insert(title);
    }
    assert!(titles.len() > 1, "not one title for every missing document");
}

/// Validates `xml` against the Jenkins JUnit schema with xmllint, or says why it cannot.
fn validate_junit(xml: &Path) -> Option<Result<(), String>> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/schemas/junit-10.xsd");
    let output = match Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(xml)
        .output()
    {
        Ok(output) => output,
        // In CI (`.ci/run` installs it) the validation is mandatory.
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("xmllint cannot be run in CI ({e}): .ci/run installs libxml2-utils")
        }
        Err(e) => {
            eprintln!(
                "skipped: xmllint cannot be run ({e}); install libxml2-utils to validate JUnit \
                 against the Jenkins schema"
            );
            return None;
        }
    };
    Some(if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    })
}

#[test]
fn junit_validates_against_the_jenkins_schema() {
    let reports = sweep_all(&[]);
    let Some(valid) = validate_junit(&reports.path("r.xml")) else {
        return;
    };
    if let Err(e) = valid {
        panic!("JUnit does not match the Jenkins schema: {e}");
    }
    // The validator rejects what the schema forbids: a count on <testsuites> it lacks.
    let broken = reports.path("broken.xml");
    let xml = reports
        .read("r.xml")
        .replacen("<testsuites ", "<testsuites skipped=\"0\" ", 1);
    std::fs::write(&broken, xml).expect("write");
    assert!(validate_junit(&broken).is_some_and(|v| v.is_err()));
}

#[test]
fn junit_fails_only_findings_at_or_above_fail_on_and_names_tests_without_messages() {
    let reports = sweep_all(&[]);
    let xml = reports.read("r.xml");
    let (totals, suites) = parse_junit(&xml);
    let findings = reports.findings();
    let severity = |s: &str| findings.iter().filter(|f| f["severity"] == s).count();
    // The default --fail-on is error.
    assert_eq!(totals["failures"], severity("error"));
    assert!(severity("warning") > 0 && severity("info") > 0);
    assert_eq!(
        xml.matches("<system-out>").count(),
        severity("warning") + severity("info"),
        "every finding below the threshold is in a passing case's system-out"
    );
    let codes: Vec<&str> = guicang::finding::Code::ALL.iter().map(|c| c.id()).collect();
    for suite in &suites {
        for name in &suite.case_names {
            let code = name.split(' ').next().unwrap_or_default();
            assert!(codes.contains(&code), "{name}");
            for f in findings {
                let message = f["message"].as_str().expect("message");
                assert!(!name.contains(message), "{name} carries message text");
            }
        }
    }
}

#[test]
fn junit_follows_fail_on_warning() {
    let reports = sweep_all(&["--fail-on", "warning"]);
    let (totals, _) = parse_junit(&reports.read("r.xml"));
    let expected = reports
        .findings()
        .iter()
        .filter(|f| f["severity"] != "info")
        .count();
    assert_eq!(totals["failures"], expected);
}
