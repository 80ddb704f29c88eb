//! A report narrowed to some of its projects: what `--split-by` sends to one implementing
//! unit or one contact person, and what one shard of `--shard K/N` reports. The findings of
//! those projects are kept (and the waived and baselined ones), the archive's own findings
//! only where asked (a person's list leaves them out, the first shard keeps them), and
//! every count is made again.

use std::collections::HashSet;

use super::Report;
use crate::ruleset::RuleSet;
use crate::shard::Shard;

impl Report {
    /// The report of the projects whose keys are in `keys`, counted afresh under `rules`
    /// (the summary's file count stays the sweep's: files are not counted per project).
    pub fn subset(&self, keys: &HashSet<&str>, rules: &RuleSet) -> Report {
        self.narrowed(&|k| keys.contains(k), false, rules)
    }

    /// The part of a sweep that shard `shard` reports: its projects and, in the first
    /// shard, the archive's own findings. The file count is the sweep's, which counted
    /// this shard's files only.
    pub fn shard_part(&self, shard: Shard, rules: &RuleSet) -> Report {
        self.narrowed(&|k| shard.holds(k), shard.holds_archive(), rules)
    }

    /// The report of the projects whose key `holds`, with the archive's findings when
    /// `archive`.
    fn narrowed(&self, holds: &dyn Fn(&str) -> bool, archive: bool, rules: &RuleSet) -> Report {
        let mine = |project: &Option<String>| match project.as_deref() {
            Some(k) => holds(k),
            None => archive,
        };
        let projects: Vec<_> = self
            .projects
            .iter()
            .filter(|p| holds(p.key.as_str()))
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
        report.count_again(self.summary.files, rules);
        report
    }

    /// Makes every count of the report again from its projects and findings: the summary
    /// (with `files`, which projects do not record), each project's errors and warnings,
    /// and the recurring problems under `rules`.
    pub(super) fn count_again(&mut self, files: usize, rules: &RuleSet) {
        self.summary = super::Summary {
            projects: self.projects.len(),
            files,
            required: self.projects.iter().map(|p| p.required).sum(),
            present: self.projects.iter().map(|p| p.present).sum(),
            ..super::Summary::default()
        };
        self.summary.completeness = (self.summary.required > 0).then(|| {
            let share = self.summary.present as f64 / self.summary.required as f64;
            (share * 10_000.0).round() / 10_000.0
        });
        self.recount();
        self.recurring = super::portfolio::recurring(self, rules);
    }
}
