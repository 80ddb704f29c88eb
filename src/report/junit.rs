//! The JUnit XML report, for the test-report views of CI systems (GitLab, Jenkins, Azure,
//! GitHub actions that read JUnit). It validates against the Jenkins JUnit schema
//! (`fixtures/schemas/junit-10.xsd`).
//!
//! One `<testsuite>` per project, in report order, and one for archive-level findings
//! when there are any. In a project's suite:
//! - one testcase per required document: it passes when the document is present and
//!   fails with the `missing-document` finding's message when it is not;
//! - one testcase per document whose requirement could not be decided, marked
//!   `<skipped>` with the reason (could not check is neither ok nor a problem);
//! - one testcase per other finding (funding chain, files, project facts);
//! - one testcase per waived finding (`<skipped>` with the waiver's reason) and per
//!   finding in the baseline (`<skipped>`), since neither fails the run; a waived or
//!   baselined missing document is its document's testcase, skipped.
//!
//! A finding is a failure only when it would fail the run: at or above the `--fail-on`
//! threshold. Below it the case passes with the finding in `<system-out>`, so that a run
//! that exits 0 shows no red test. The failure `type` is the finding's severity.
//!
//! Test names are the finding code plus the document id, or else the evidence (a path
//! relative to the project folder, or a ledger cell): never the message, so a reworded
//! message keeps each test's history. Written by hand: the format is small and a library
//! would bring a second XML writer and a date-time crate for nothing.

use std::collections::HashSet;
use std::fmt::Write;

use super::Reported;
use super::view::{ByProject, escape_attribute, escape_markup, project_key, project_title};
use super::{ProjectReport, Report};
use crate::check::completeness::Requirement;
use crate::finding::{Code, Severity};
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

/// Renders the report as JUnit XML, failing the cases at or above the run's `--fail-on`.
pub fn render(report: &Report) -> String {
    render_failing_at(report, report.run.fails_on())
}

/// The run's facts as `(name, value)` JUnit properties.
fn run_properties(report: &Report) -> Vec<(&'static str, String)> {
    let run = &report.run;
    vec![
        ("guicang.at", run.at.clone()),
        ("guicang.version", run.guicang.clone()),
        ("guicang.root", run.root.clone()),
        ("guicang.fail_on", run.fail_on.clone()),
        ("guicang.config", run.config.clone().unwrap_or_default()),
        ("guicang.waivers", run.waivers.to_string()),
        ("guicang.baseline", run.baseline.clone().unwrap_or_default()),
    ]
}

/// Renders the report as JUnit XML: a finding at or above `fail_on` is a failed case, one
/// below it (or any, when `fail_on` is `None`, `--fail-on never`) a passing case with the
/// finding in `<system-out>`.
pub fn render_failing_at(report: &Report, fail_on: Option<Severity>) -> String {
    let lang = report.lang;
    let groups = ByProject::new(report);
    let (mut skips, archive_skips) = skips_by_project(report);
    let mut suites: Vec<(String, Vec<Case>)> = groups
        .projects
        .iter()
        .zip(skips.iter_mut())
        .map(|((p, findings), skips)| {
            (project_title(p), project_cases(p, findings, skips, fail_on))
        })
        .collect();
    if !groups.archive.is_empty() || !archive_skips.is_empty() {
        let key = |f: &Reported| f.project.clone().unwrap_or_else(|| "archive".into());
        let cases = groups
            .archive
            .iter()
            .map(|f| finding_case(&key(f), None, f, fail_on))
            .chain(
                archive_skips
                    .into_iter()
                    .map(|s| skipped_case(&key(s.finding), None, s)),
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
    // The Jenkins schema has no `skipped` on `<testsuites>`: each suite counts its own.
    let _ = writeln!(
        out,
        "<testsuites name=\"guicang\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">",
        all.len(),
        all.iter().filter(|c| is_failure(&c.outcome)).count(),
    );
    // When and how the sweep ran, on every suite (CI views show a suite's properties).
    let properties: String = run_properties(report)
        .iter()
        .map(|(name, value)| {
            format!(
                "      <property name=\"{name}\" value=\"{}\"/>\n",
                escape_attribute(value)
            )
        })
        .collect();
    for (name, cases) in &suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\" timestamp=\"{}\">\n    <properties>\n{properties}    </properties>",
            escape_attribute(name),
            cases.len(),
            count(cases, is_failure),
            count(cases, is_skipped),
            escape_attribute(&report.run.at),
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
    finding: &'r Reported,
    reason: String,
}

/// The waived and baselined findings of each project, index for index with the report's
/// projects, and those of no listed project.
fn skips_by_project(report: &Report) -> (Vec<Vec<Skip<'_>>>, Vec<Skip<'_>>) {
    let lang = report.lang;
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
        match report.project_of(skip.finding) {
            Some(i) => projects[i].push(skip),
            None => archive.push(skip),
        }
    }
    (projects, archive)
}

/// The testcases of one project: its documents, then its other findings, then the ones
/// that do not count.
fn project_cases(
    p: &ProjectReport,
    findings: &[&Reported],
    skips: &mut Vec<Skip<'_>>,
    fail_on: Option<Severity>,
) -> Vec<Case> {
    let key = project_key(p);
    let folder = p.folder.as_deref();
    let mut used: HashSet<*const Reported> = HashSet::new();
    let mut cases = Vec::new();
    for stage in &p.stages {
        let classname = format!("{key}.{}", stage.stage);
        for d in &stage.documents {
            let outcome = match d.requirement {
                Requirement::NotRequired => continue,
                Requirement::Undetermined => Outcome::Skipped(
                    p.undetermined
                        .iter()
                        .find(|u| *u.document == *d.id())
                        .map_or_else(String::new, |u| u.reason.to_string()),
                ),
                Requirement::Required if d.present => Outcome::Pass,
                Requirement::Required => {
                    let missing = findings.iter().copied().find(|f| {
                        f.code == Code::MissingDocument && f.document.as_deref() == Some(d.id())
                    });
                    let skipped = skips.iter().position(|s| {
                        s.finding.code == Code::MissingDocument
                            && s.finding.document.as_deref() == Some(d.id())
                    });
                    match (missing, skipped) {
                        (Some(f), _) => {
                            used.insert(f);
                            outcome(f, fail_on)
                        }
                        (None, Some(i)) => Outcome::Skipped(skips.remove(i).reason),
                        (None, None) if fail_on.is_some() => Outcome::Failure {
                            kind: Severity::Error.id(),
                            message: d.name().to_string(),
                            detail: String::new(),
                        },
                        (None, None) => Outcome::Note(d.name().to_string()),
                    }
                }
            };
            cases.push(Case {
                classname: classname.clone(),
                name: format!("{} {}", Code::MissingDocument.id(), d.id()),
                outcome,
            });
        }
    }
    for f in findings {
        if !used.contains(&std::ptr::from_ref(*f)) {
            cases.push(finding_case(&key, folder, f, fail_on));
        }
    }
    cases.extend(skips.drain(..).map(|s| skipped_case(&key, folder, s)));
    cases
}

/// A testcase for a finding that does not count, skipped with why.
fn skipped_case(key: &str, folder: Option<&str>, skip: Skip<'_>) -> Case {
    let f = skip.finding;
    Case {
        classname: classname(key, f),
        name: case_name(f, folder),
        outcome: Outcome::Skipped(skip.reason),
    }
}

/// A testcase for a finding that is not a document's.
fn finding_case(key: &str, folder: Option<&str>, f: &Reported, fail_on: Option<Severity>) -> Case {
    Case {
        classname: classname(key, f),
        name: case_name(f, folder),
        outcome: outcome(f, fail_on),
    }
}

/// The project key, and the stage when the finding has one.
fn classname(key: &str, f: &Reported) -> String {
    match &f.stage {
        Some(stage) => format!("{key}.{stage}"),
        None => key.to_string(),
    }
}

/// The name of a finding's testcase: its code and its document id, or else its first
/// piece of evidence relative to the project folder (the file name, or the ledger cell
/// `file!sheet!row`), or else its contract or voucher number. Never the message.
fn case_name(f: &Reported, folder: Option<&str>) -> String {
    let evidence = f.paths.first().map(|path| {
        folder
            .and_then(|dir| path.strip_prefix(dir))
            .and_then(|rest| rest.strip_prefix('/'))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(path)
    });
    let what = f
        .document
        .as_deref()
        .or(evidence)
        .or(f.contract.as_deref())
        .or(f.voucher.as_deref());
    match what {
        Some(what) => format!("{} {what}", f.code.id()),
        None => f.code.id().to_string(),
    }
}

/// A failure when the finding is at or above the threshold, else a pass that says what
/// was found.
fn outcome(f: &Reported, fail_on: Option<Severity>) -> Outcome {
    if fail_on.is_some_and(|threshold| f.severity >= threshold) {
        Outcome::Failure {
            kind: f.severity.id(),
            message: f.message.clone(),
            detail: detail(f),
        }
    } else {
        Outcome::Note(format!("{}: {}", f.severity.id(), detail(f)))
    }
}

/// The message, the code and the evidence, one per line.
fn detail(f: &Reported) -> String {
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
        escape_attribute(&case.classname),
        escape_attribute(&case.name)
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
                escape_attribute(reason)
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
                escape_attribute(message),
                escape_markup(detail)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;
    use crate::report::{REPORT_VERSION, Summary};

    fn report(findings: Vec<Finding>) -> Report {
        let findings = findings.into_iter().map(Finding::reported).collect();
        Report {
            version: REPORT_VERSION,
            root: "archive".into(),
            lang: Lang::En,
            projects: Vec::new(),
            findings,
            waived: Vec::new(),
            baselined: Vec::new(),
            baseline_applied: false,
            summary: Summary::default(),
            recurring: Default::default(),
            run: crate::report::run::RunInfo {
                at: "2026-11-30T08:00:00Z".into(),
                guicang: "0".into(),
                rules: "0".into(),
                root: "archive".into(),
                lang: Lang::Zh,
                shard: None,
                fail_on: "error".into(),
                config: None,
                waivers: 0,
                baseline: None,
                swept_root: None,
                root_path: None,
            },
            project_index: Default::default(),
        }
    }

    #[test]
    fn only_findings_at_or_above_the_threshold_fail() {
        let report = report(vec![
            Finding::new(Code::EmptyFile, "empty")
                .path("a.pdf")
                .severity(Severity::Error),
            Finding::new(Code::EmptyFile, "empty")
                .path("b.pdf")
                .severity(Severity::Warning),
            Finding::new(Code::EmptyFile, "empty")
                .path("c.pdf")
                .severity(Severity::Info),
        ]);
        let failures = |fail_on| {
            render_failing_at(&report, fail_on)
                .matches("<failure")
                .count()
        };
        let notes = |fail_on| {
            render_failing_at(&report, fail_on)
                .matches("<system-out>")
                .count()
        };
        assert_eq!(failures(Some(Severity::Error)), 1);
        assert_eq!(notes(Some(Severity::Error)), 2);
        assert_eq!(failures(Some(Severity::Warning)), 2);
        assert_eq!(failures(Some(Severity::Info)), 3);
        assert_eq!((failures(None), notes(None)), (0, 3));
        assert_eq!(
            render(&report),
            render_failing_at(&report, Some(Severity::Error))
        );
    }

    #[test]
    fn names_are_the_code_and_the_document_or_evidence_never_the_message() {
        let folder = Some("2023/P-1 school");
        let document = Finding::new(Code::MissingDocument, "missing the permit")
            .document("construction-permit")
            .path("2023/P-1 school/03 permit");
        assert_eq!(
            case_name(&document.clone().reported(), folder),
            "missing-document construction-permit"
        );
        let file = Finding::new(Code::EmptyFile, "empty").path("2023/P-1 school/01/a.pdf");
        assert_eq!(
            case_name(&file.clone().reported(), folder),
            "empty-file 01/a.pdf"
        );
        let cell =
            Finding::new(Code::PaymentWithoutVoucher, "no voucher").path("台账.xlsx!Sheet1!4");
        assert_eq!(
            case_name(&cell.clone().reported(), folder),
            "payment-without-voucher 台账.xlsx!Sheet1!4"
        );
        let bare = Finding::new(Code::EmptyFile, "x");
        assert_eq!(case_name(&bare.clone().reported(), None), "empty-file");
    }
}
