//! The JUnit XML report, for the test-report views of CI systems (GitLab, Jenkins, Azure,
//! GitHub actions that read JUnit).
//!
//! One `<testsuite>` per project, in report order, and one for archive-level findings
//! when there are any. In a project's suite:
//! - one testcase per required document: it passes when the document is present and
//!   fails with the `missing-document` finding's message when it is not;
//! - one testcase per document whose requirement could not be decided, marked
//!   `<skipped>` with the reason (could not check is neither ok nor a problem);
//! - one testcase per other finding (funding chain, files, project facts): a failure when
//!   its severity is error or warning, a passing case with the message in `<system-out>`
//!   when it is only info.
//!
//! The failure `type` is the finding's severity. Written by hand: the format is small and
//! a library would bring a second XML writer and a date-time crate for nothing.

use std::collections::HashSet;
use std::fmt::Write;

use super::view::{ByProject, escape_markup, project_key, project_title};
use super::{ProjectReport, Report};
use crate::check::completeness::Requirement;
use crate::finding::{Code, Finding, Severity};

/// One testcase before it is written.
struct Case {
    classname: String,
    name: String,
    outcome: Outcome,
}

enum Outcome {
    Pass,
    Note(String),
    Skipped(String),
    Failure {
        kind: &'static str,
        message: String,
        detail: String,
    },
}

/// Renders the report as JUnit XML.
pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let groups = ByProject::new(report);
    let mut suites: Vec<(String, Vec<Case>)> = groups
        .projects
        .iter()
        .map(|(p, findings)| (project_title(p), project_cases(p, findings)))
        .collect();
    if !groups.archive.is_empty() {
        let cases = groups
            .archive
            .iter()
            .map(|f| finding_case(f.project.as_deref().unwrap_or("archive"), f))
            .collect();
        suites.push((
            lang.pick("档案级问题", "Archive-level findings").into(),
            cases,
        ));
    }

    let count = |cases: &[Case], pick: fn(&Outcome) -> bool| {
        cases.iter().filter(|c| pick(&c.outcome)).count()
    };
    let is_failure = |o: &Outcome| matches!(o, Outcome::Failure { .. });
    let is_skipped = |o: &Outcome| matches!(o, Outcome::Skipped(_));
    let all: Vec<&Case> = suites.iter().flat_map(|(_, c)| c).collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"guicang\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\">",
        all.len(),
        all.iter().filter(|c| is_failure(&c.outcome)).count(),
        all.iter().filter(|c| is_skipped(&c.outcome)).count(),
    );
    for (name, cases) in &suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\">",
            escape_markup(name),
            cases.len(),
            count(cases, is_failure),
            count(cases, is_skipped),
        );
        for case in cases {
            write_case(&mut out, case);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// The testcases of one project: its documents, then its other findings.
fn project_cases(p: &ProjectReport, findings: &[&Finding]) -> Vec<Case> {
    let key = project_key(p);
    let mut used: HashSet<*const Finding> = HashSet::new();
    let mut cases = Vec::new();
    for stage in &p.stages {
        let classname = format!("{key}.{}", stage.stage);
        for d in &stage.documents {
            let outcome = match d.requirement {
                Requirement::NotRequired => continue,
                Requirement::Undetermined => Outcome::Skipped(
                    p.undetermined
                        .iter()
                        .find(|u| u.document == d.id)
                        .map_or_else(String::new, |u| u.reason.clone()),
                ),
                Requirement::Required if d.present => Outcome::Pass,
                Requirement::Required => {
                    let missing = findings.iter().copied().find(|f| {
                        f.code == Code::MissingDocument
                            && f.document.as_deref() == Some(d.id.as_str())
                    });
                    match missing {
                        Some(f) => {
                            used.insert(f);
                            failure(f)
                        }
                        None => Outcome::Failure {
                            kind: Severity::Error.id(),
                            message: d.name.clone(),
                            detail: String::new(),
                        },
                    }
                }
            };
            cases.push(Case {
                classname: classname.clone(),
                name: format!("{} {}", d.id, d.name),
                outcome,
            });
        }
    }
    for f in findings {
        if !used.contains(&std::ptr::from_ref(*f)) {
            cases.push(finding_case(&key, f));
        }
    }
    cases
}

/// A testcase for a finding that is not a document's.
fn finding_case(key: &str, f: &Finding) -> Case {
    let classname = match &f.stage {
        Some(stage) => format!("{key}.{stage}"),
        None => key.to_string(),
    };
    let outcome = match f.severity {
        Severity::Info => Outcome::Note(detail(f)),
        Severity::Warning | Severity::Error => failure(f),
    };
    Case {
        classname,
        name: format!("{}: {}", f.code.id(), f.message),
        outcome,
    }
}

fn failure(f: &Finding) -> Outcome {
    Outcome::Failure {
        kind: f.severity.id(),
        message: f.message.clone(),
        detail: detail(f),
    }
}

/// The message, the code and the evidence, one per line.
fn detail(f: &Finding) -> String {
    let mut text = format!("{}\n[{}]", f.message, f.code.id());
    for path in &f.paths {
        text.push('\n');
        text.push_str(path);
    }
    text
}

fn write_case(out: &mut String, case: &Case) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\" time=\"0\"",
        escape_markup(&case.classname),
        escape_markup(&case.name)
    );
    match &case.outcome {
        Outcome::Pass => out.push_str("/>\n"),
        Outcome::Note(text) => {
            let _ = writeln!(
                out,
                ">\n      <system-out>{}</system-out>\n    </testcase>",
                escape_markup(text)
            );
        }
        Outcome::Skipped(reason) => {
            let _ = writeln!(
                out,
                ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                escape_markup(reason)
            );
        }
        Outcome::Failure {
            kind,
            message,
            detail,
        } => {
            let _ = writeln!(
                out,
                ">\n      <failure type=\"{kind}\" message=\"{}\">{}</failure>\n    </testcase>",
                escape_markup(message),
                escape_markup(detail)
            );
        }
    }
}
