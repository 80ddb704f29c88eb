//! Evaluation: findings and scores from everything the earlier steps produced.
//!
//! Every check has the same shape and is listed once in [`run`]. Checks read the
//! [`Context`] and append findings; none reaches back into the scan or the rules.

pub mod chain;
pub mod chronology;
pub mod completeness;
pub mod duplicates;
pub mod files;
pub mod known_keys;
pub mod maturity;
#[cfg(test)]
pub(crate) mod test_support;
pub mod timeline;

use crate::classify::Classified;
use crate::finding::Finding;
use crate::inspect::Inspection;
use crate::project::Project;
use crate::ruleset::RuleSet;
use crate::scan::{FileEntry, WalkError};

/// Everything the checks read.
pub struct Context<'a> {
    /// The archive root, to open files by.
    pub root: &'a std::path::Path,
    /// The rules.
    pub rules: &'a RuleSet,
    /// The projects, in discovery order (file entries index into it).
    pub projects: &'a [Project],
    /// Every scanned file.
    pub files: &'a [FileEntry],
    /// The classification of each file, index for index.
    pub classes: &'a [Classified],
    /// Folders the scan could not read.
    pub walk_errors: &'a [WalkError],
    /// Symbolic links the scan did not follow: `(project, path)`.
    pub symlinks: &'a [(usize, String)],
    /// FIFOs, sockets and devices in project folders, never opened.
    pub special_files: &'a [crate::scan::SpecialFile],
    /// Folders inside a project folder named like a project: `(project, path)`.
    pub nested_projects: &'a [(usize, String)],
    /// The health of each file, index for index (empty when inspection is off).
    pub inspections: &'a [Inspection],
    /// Ledger records of each project, index for index with `projects`.
    pub ledgers: &'a [chain::link::ProjectLedgers<'a>],
    /// The day of the sweep, against which what has not happened yet is judged.
    pub today: jiff::civil::Date,
}

impl Context<'_> {
    /// The category of a project, when known.
    pub fn category_of(&self, project: usize) -> Option<&crate::ruleset::Category> {
        self.projects[project]
            .category
            .as_deref()
            .and_then(|c| self.rules.category(c))
    }

    /// The files of each project, index for index with `projects`, as a range of `files`
    /// (empty for a project without files): the scan sorts files by project, so each
    /// project's files lie together.
    pub fn project_runs(&self) -> Vec<std::ops::Range<usize>> {
        let mut runs = vec![0..0; self.projects.len()];
        let mut start = 0;
        for run in self.files.chunk_by(|a, b| a.project() == b.project()) {
            runs[run[0].project()] = start..start + run.len();
            start += run.len();
        }
        runs
    }

    /// Whether file `index` can count as evidence: it was not found unusable.
    pub fn is_usable(&self, index: usize) -> bool {
        self.inspections
            .get(index)
            .and_then(|i| i.problem.as_deref())
            .is_none_or(|p| !p.is_unusable())
    }
}

/// What the checks found of each project besides findings, index for index with the
/// projects where a list is per project.
pub struct Outcome {
    /// Completeness of each checked project (in project order, checked projects only).
    pub scores: Vec<completeness::ProjectScore>,
    /// The course of every project.
    pub timelines: Vec<timeline::Timeline>,
    /// The reserve-library grade of every planned project.
    pub maturity: Vec<Option<maturity::Maturity>>,
}

/// Runs every check; returns the findings, the per-project completeness, timelines and
/// maturity. Findings of no project whose evidence lies in a project folder are then
/// given that project.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Outcome {
    files::check(ctx, out);
    duplicates::check(ctx, out);
    chain::check(ctx, out);
    let timelines = timeline::timelines(ctx);
    chronology::check(ctx, &timelines, out);
    let scores = completeness::check(ctx, out);
    let maturity = maturity::grade_all(ctx, &scores);
    attribute_to_folders(ctx.projects, out);
    Outcome {
        scores,
        timelines,
        maturity,
    }
}

/// A finding belongs to the project whose folder holds its evidence: an unreadable ledger
/// in a project's folder (made where ledgers are opened, before projects are linked) is
/// that project's finding, counted and filtered with it, not the archive's.
pub fn attribute_to_folders(projects: &[Project], findings: &mut [Finding]) {
    let folders: std::collections::HashMap<&str, usize> = projects
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.folder_rel.as_deref()?, i)))
        .collect();
    if folders.is_empty() {
        return;
    }
    for finding in findings.iter_mut().filter(|f| f.project.is_none()) {
        let Some(path) = finding.paths.first() else {
            continue;
        };
        // A ledger cell `file!sheet!row` lies where its file lies.
        let file = crate::paths::evidence_file(path);
        let owner = std::iter::successors(Some(file), |p| p.rsplit_once('/').map(|(dir, _)| dir))
            .skip(1)
            .find_map(|dir| folders.get(dir));
        if let Some(&index) = owner {
            finding.project = Some(projects[index].key());
        }
    }
}
