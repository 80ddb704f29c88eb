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
//! - one testcase per waived finding (`<skipped>` with the waiver's reason) and per
//!   finding in the baseline (`<skipped>`), since neither fails the run; a waived or
//!   baselined missing document is its document's testcase, skipped.
//!
//! The failure `type` is the finding's severity. Written by hand: the format is small and
//! a library would bring a second XML writer and a date-time crate for nothing.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::view::{ByProject, escape_markup, project_key, project_title};
use super::{ProjectReport, Report};
use crate::check::completeness::Requirement;
use crate::finding::{Code, Finding, Severity};
use crate::lang::Lang;

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
    let (mut skips, archive_skips) = skips_by_project(report);
    let mut suites: Vec<(String, Vec<Case>)> = groups
        .projects
        .iter()
        .zip(skips.iter_mut())
        .map(|((p, findings), skips)| (project_title(p), project_cases(p, findings, skips)))
        .collect();
    if !groups.archive.is_empty() || !archive_skips.is_empty() {
        let key = |f: &Finding| f.project.clone().unwrap_or_else(|| "archive".into());
        let cases = groups
            .archive
            .iter()
            .map(|f| finding_case(&key(f), f))
            .chain(
                archive_skips
                    .into_iter()
                    .map(|s| skipped_case(&key(s.finding), s)),
            )
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

/// A finding that does not count: waived (with the waiver's reason) or in the baseline.
struct Skip<'r> {
    finding: &'r Finding,
    reason: String,
}

/// The waived and baselined findings of each project, index for index with the report's
/// projects, and those of no listed project.
fn skips_by_project(report: &Report) -> (Vec<Vec<Skip<'_>>>, Vec<Skip<'_>>) {
    let lang = report.lang;
    let index: HashMap<String, usize> = report
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| (project_key(p), i))
        .collect();
    let waived = report.waived.iter().map(|w| {
        let until = w.expires.as_deref().map_or_else(String::new, |d| {
            format!("{}{d}", lang.pick("，有效期至 ", ", until "))
        });
        let reason = match lang {
            Lang::Zh => format!("豁免：{}（{}{until}）", w.reason, w.approved_by),
            Lang::En => format!(
                "waived: {} (approved by {}{until})",
                w.reason, w.approved_by
            ),
        };
        Skip {
            finding: &w.finding,
            reason,
        }
    });
    let baselined = report.baselined.iter().map(|f| Skip {
        finding: f,
        reason: lang
            .pick("基线中已有（--baseline）", "in the baseline (--baseline)")
            .into(),
    });
    let mut projects: Vec<Vec<Skip<'_>>> = report.projects.iter().map(|_| Vec::new()).collect();
    let mut archive = Vec::new();
    for skip in waived.chain(baselined) {
        match skip.finding.project.as_ref().and_then(|k| index.get(k)) {
            Some(&i) => projects[i].push(skip),
            None => archive.push(skip),
        }
    }
    (projects, archive)
}

/// The testcases of one project: its documents, then its other findings, then the ones
/// that do not count.
fn project_cases(p: &ProjectReport, findings: &[&Finding], skips: &mut Vec<Skip<'_>>) -> Vec<Case> {
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
                        .find(|u| *u.document == *d.id)
                        .map_or_else(String::new, |u| u.reason.to_string()),
                ),
                Requirement::Required if d.present => Outcome::Pass,
                Requirement::Required => {
                    let missing = findings.iter().copied().find(|f| {
                        f.code == Code::MissingDocument && f.document.as_deref() == Some(&*d.id)
                    });
                    let skipped = skips.iter().position(|s| {
                        s.finding.code == Code::MissingDocument
                            && s.finding.document.as_deref() == Some(&*d.id)
                    });
                    match (missing, skipped) {
                        (Some(f), _) => {
                            used.insert(f);
                            failure(f)
                        }
                        (None, Some(i)) => Outcome::Skipped(skips.remove(i).reason),
                        (None, None) => Outcome::Failure {
                            kind: Severity::Error.id(),
                            message: d.name.to_string(),
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
    cases.extend(skips.drain(..).map(|s| skipped_case(&key, s)));
    cases
}

/// A testcase for a finding that does not count, skipped with why.
fn skipped_case(key: &str, skip: Skip<'_>) -> Case {
    let f = skip.finding;
    let classname = match &f.stage {
        Some(stage) => format!("{key}.{stage}"),
        None => key.to_string(),
    };
    Case {
        classname,
        name: format!("{}: {}", f.code.id(), f.message),
        outcome: Outcome::Skipped(skip.reason),
    }
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
