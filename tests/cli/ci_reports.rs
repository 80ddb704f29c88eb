//! The CI formats as CI systems consume them: JUnit that validates against the Jenkins
//! schema, fails only what fails the run and names tests without message text.

use std::path::Path;
use std::process::Command;

use crate::reports::{parse_junit, sweep_all};

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
