//! What a sweep leaves in the history: its facts, its projects with their contact persons,
//! and every finding with its identity, as plain rows both databases store alike.

use crate::finding::{Code, Finding};
use crate::report::Report;
use crate::triage::baseline::Key;

/// One sweep, ready to be recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepRecord {
    /// When it ran (RFC 3339).
    pub at: String,
    /// The archive root, resolved (absolute, no link) when it could be, so that `check .`
    /// and `check /mnt/档案` of one archive are one archive in the history, and two
    /// archives both swept as `.` are two.
    pub root: String,
    /// `K/N` of a shard, `None` for a whole sweep.
    pub shard: Option<String>,
    /// guicang's version.
    pub guicang_version: String,
    /// The rules' fingerprint.
    pub rules_version: String,
    /// The summary of the report, as its JSON.
    pub summary: String,
    /// Its projects.
    pub projects: Vec<ProjectRecord>,
    /// Its findings that are still open: those that count and those a baseline set apart
    /// (a baseline quiets CI; the finding is not resolved). Waived ones are left out.
    pub findings: Vec<FindingRecord>,
}

/// One project of one sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectRecord {
    /// The project's key.
    pub key: String,
    /// Code.
    pub code: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Category id.
    pub category: Option<String>,
    /// Status id.
    pub status: Option<String>,
    /// Implementing unit.
    pub unit: Option<String>,
    /// Importance as recorded.
    pub importance: Option<String>,
    /// Reserve grade of a planned project.
    pub maturity: Option<String>,
    /// Completeness (share of required documents present).
    pub completeness: Option<f64>,
    /// Required documents.
    pub required: i64,
    /// Of those, present.
    pub present: i64,
    /// Errors.
    pub errors: i64,
    /// Warnings.
    pub warnings: i64,
    /// Contact persons.
    pub contacts: Vec<String>,
}

/// One finding of one sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRecord {
    /// What identifies it across sweeps ([`identity`]).
    pub identity: String,
    /// Code id.
    pub code: String,
    /// Severity id.
    pub severity: String,
    /// Project key.
    pub project: Option<String>,
    /// Stage id.
    pub stage: Option<String>,
    /// Document id.
    pub document: Option<String>,
    /// First piece of evidence.
    pub path: Option<String>,
    /// The message, in the language of the sweep.
    pub message: String,
    /// The whole finding as the JSON report has it.
    pub detail: String,
}

/// What identifies a finding across sweeps: the baseline key ([`Key`]: code, project,
/// document, first evidence), except that a missing document is the same gap wherever the
/// report points to file it (a stage folder made since moves that place). Written as a
/// JSON array, so that no separator can collide with a name.
pub fn identity(f: &Finding) -> String {
    let mut key = Key::of(f);
    if f.code == Code::MissingDocument {
        key.path = None;
    }
    serde_json::to_string(&[&Some(key.code), &key.project, &key.document, &key.path])
        .unwrap_or_default()
}

impl SweepRecord {
    /// The record of `report` (a sweep of shard `shard`, or of the whole archive).
    pub fn of(report: &Report, shard: Option<String>) -> SweepRecord {
        let projects = report
            .projects
            .iter()
            .map(|p| ProjectRecord {
                key: p.key.clone(),
                code: p.code.clone(),
                name: p.name.clone(),
                category: p.category.clone(),
                status: p.status.map(|s| s.id().to_string()),
                unit: p.implementing_unit.clone(),
                importance: p.importance.clone(),
                maturity: p.maturity.clone(),
                completeness: p.completeness,
                required: count(p.required),
                present: count(p.present),
                errors: count(p.errors),
                warnings: count(p.warnings),
                contacts: p.contacts.clone(),
            })
            .collect();
        let findings = report
            .findings
            .iter()
            .chain(&report.baselined)
            .map(|f| FindingRecord {
                identity: identity(f),
                code: f.code.id().to_string(),
                severity: f.severity.id().to_string(),
                project: f.project.clone(),
                stage: f.stage.clone(),
                document: f.document.clone(),
                path: f.paths.first().cloned(),
                message: f.message.clone(),
                detail: serde_json::to_string(f).unwrap_or_default(),
            })
            .collect();
        SweepRecord {
            at: report.run.at.clone(),
            root: report
                .run
                .root_path
                .as_ref()
                .map_or_else(|| report.root.clone(), |p| p.display().to_string()),
            shard,
            guicang_version: report.run.guicang.clone(),
            rules_version: report.run.rules.clone(),
            summary: serde_json::to_string(&report.summary).unwrap_or_default(),
            projects,
            findings,
        }
    }
}

/// A count as the databases store it.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_document_keeps_its_identity_wherever_it_should_be_filed() {
        let at = |place: &str| {
            Finding::new(Code::MissingDocument, "缺少 施工许可证")
                .project("P-1")
                .document("construction-permit")
                .path(place)
        };
        assert_eq!(identity(&at("P-1")), identity(&at("P-1/03 施工许可")));
        let empty = |path: &str| {
            Finding::new(Code::EmptyFile, "空文件")
                .project("P-1")
                .path(path)
        };
        assert_ne!(identity(&empty("P-1/a.pdf")), identity(&empty("P-1/b.pdf")));
        assert_eq!(
            identity(&at("x")),
            r#"["missing-document","P-1","construction-permit",null]"#
        );
    }
}
