//! A report narrowed to some of its projects: what `--split-by` sends to one implementing
//! unit or one contact person. The findings of those projects are kept (and the waived and
//! baselined ones), the archive's own findings are not theirs to fix, and every count is
//! made again.

use std::collections::HashSet;

use super::Report;

impl Report {
    /// The report of the projects whose keys are in `keys`, counted afresh under `rules`
    /// (the summary's file count stays the sweep's: files are not counted per project).
    pub fn subset(&self, keys: &HashSet<&str>, rules: &crate::ruleset::RuleSet) -> Report {
        let mine = |project: &Option<String>| project.as_deref().is_some_and(|k| keys.contains(k));
        let projects: Vec<_> = self
            .projects
            .iter()
            .filter(|p| keys.contains(p.key.as_str()))
            .cloned()
            .collect();
        let mut report = Report {
            version: self.version,
            root: self.root.clone(),
            run: self.run.clone(),
            lang: self.lang,
            findings: self
                .findings
                .iter()
                .filter(|f| mine(&f.project))
                .cloned()
                .collect(),
            waived: self
                .waived
                .iter()
                .filter(|w| mine(&w.finding.project))
                .cloned()
                .collect(),
            baselined: self
                .baselined
                .iter()
                .filter(|f| mine(&f.project))
                .cloned()
                .collect(),
            baseline_applied: self.baseline_applied,
            summary: super::Summary::default(),
            recurring: super::portfolio::Recurring::default(),
            project_index: projects
                .iter()
                .enumerate()
                .map(|(i, p)| (p.key.clone(), i))
                .collect(),
            projects,
        };
        report.summary.projects = report.projects.len();
        report.summary.required = report.projects.iter().map(|p| p.required).sum();
        report.summary.present = report.projects.iter().map(|p| p.present).sum();
        report.summary.completeness = (report.summary.required > 0).then(|| {
            let share = report.summary.present as f64 / report.summary.required as f64;
            (share * 10_000.0).round() / 10_000.0
        });
        report.summary.files = self.summary.files;
        report.recount();
        report.recurring = super::portfolio::recurring(&report, rules);
        report
    }
}
