//! The project ledger's rows as projects: finding the row of a project folder, taking a
//! row's facts, and the rows whose project has no folder in the archive.

use std::collections::{HashMap, HashSet};

use super::Discovery;
use crate::attributes::{Construction, Status};
use crate::finding::said::{CellProblem, Field};
use crate::finding::said::{LedgerSaid, ProjectSaid};
use crate::finding::{Code, Finding};
use crate::names::normalize::normalize;
use crate::project::Project;
use crate::project::ledger_rows::ProjectRow;
use crate::ruleset::RuleSet;

/// The project ledger's rows, folded once for matching folders to rows.
pub(super) struct RowIndex<'r> {
    /// The rows, in ledger order.
    pub(super) rows: &'r [ProjectRow],
    /// Folded code → the first row of that code.
    by_code: HashMap<String, usize>,
    /// Folded name → the first row of that name.
    by_name: HashMap<String, usize>,
    /// Folded `(name, code)` of each row.
    folded: Vec<(Option<String>, Option<String>)>,
}

impl<'r> RowIndex<'r> {
    /// Folds the names and codes of `rows` once.
    pub(super) fn new(rows: &'r [ProjectRow]) -> RowIndex<'r> {
        let folded: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.name.as_deref().map(normalize),
                    r.code.as_deref().map(normalize),
                )
            })
            .collect();
        let mut by_code = HashMap::new();
        let mut by_name = HashMap::new();
        for (index, (name, code)) in folded.iter().enumerate() {
            if let Some(code) = code {
                by_code.entry(code.clone()).or_insert(index);
            }
            if let Some(name) = name {
                by_name.entry(name.clone()).or_insert(index);
            }
        }
        RowIndex {
            rows,
            by_code,
            by_name,
            folded,
        }
    }

    /// The row of a folder: by the code its name starts with, else by a code written in it
    /// as a word of its own, else by name (equal to the folder name), else by a name or code
    /// contained in it. Codes come first: names repeat (two villages' clinics), codes do not.
    pub(super) fn find(&self, code: Option<&str>, folder_name: &str) -> Option<usize> {
        if let Some(&index) = code.and_then(|c| self.by_code.get(&normalize(c))) {
            return Some(index);
        }
        let folder = normalize(folder_name);
        // Codes are ASCII: a Chinese name written straight after one ends it too.
        let words = folder.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')));
        if let Some(index) = words
            .map(|w| w.trim_matches(['-', '_']))
            .filter(|w| !w.is_empty())
            .find_map(|w| self.by_code.get(w).copied())
        {
            return Some(index);
        }
        if let Some(&index) = self.by_name.get(&folder) {
            return Some(index);
        }
        self.folded.iter().position(|(name, code)| {
            name.as_deref()
                .is_some_and(|n| n == folder || (n.chars().count() >= 4 && folder.contains(n)))
                || code.as_deref().is_some_and(|c| contains_word(&folder, c))
        })
    }
}

/// Adds a project for each ledger row no folder took, reporting that its folder is
/// missing; a planned (reserve) project may have no archive yet and is added silently.
pub(super) fn ledger_only_projects(
    rows: &[ProjectRow],
    used_rows: &HashSet<usize>,
    rules: &RuleSet,
    discovery: &mut Discovery,
) {
    for (index, row) in rows.iter().enumerate() {
        if used_rows.contains(&index) {
            continue;
        }
        let mut project = Project::default();
        apply_row(&mut project, row, rules, &mut discovery.findings);
        if project.status == Some(Status::Planned) {
            // A reserve project may have no archive yet: it is in the reserve library
            // (graded `idea` until documents arrive), and no folder is missing.
            discovery.projects.push(project);
            continue;
        }
        discovery.findings.push(
            Finding::new(
                Code::ProjectFolderMissing,
                ProjectSaid::ProjectFolderMissing {
                    name: project.name.clone().unwrap_or_else(|| project.key()),
                },
            )
            .project(project.key())
            .path(row.provenance.clone()),
        );
        discovery.projects.push(project);
    }
}

/// Takes the facts of a ledger row; values it cannot read become findings.
pub(super) fn apply_row(
    project: &mut Project,
    row: &ProjectRow,
    rules: &RuleSet,
    findings: &mut Vec<Finding>,
) {
    project.code = row.code.clone();
    project.name = row.name.clone();
    project.year = row.year;
    project.total_investment = row.total_investment;
    project.aid_funds = row.aid_funds;
    project.settlement = row.settlement;
    project.implementing_unit = row.implementing_unit.clone();
    project.schedule = row.schedule;
    project.importance = row.importance.clone();
    project.contacts = row.contacts.clone();
    project.sources.push(row.provenance.clone());
    let mut bad = |field: Field, raw: &str| {
        let said = LedgerSaid::BadCell {
            field,
            problem: CellProblem::Unrecognised,
            raw: raw.to_string(),
        };
        findings.push(
            Finding::new(Code::LedgerBadCell, said)
                .project(row.code.clone().or(row.name.clone()).unwrap_or_default())
                .path(row.provenance.clone()),
        );
    };
    if let Some(raw) = &row.category {
        match rules.category_named(raw) {
            Some(c) => project.category = Some(c.id.clone()),
            None => bad(Field::Category, raw),
        }
    }
    if let Some(raw) = &row.status {
        match Status::parse(raw) {
            Some(s) => project.status = Some(s),
            None => bad(Field::Status, raw),
        }
    }
    if let Some(raw) = &row.construction {
        match Construction::parse(raw) {
            Some(c) => project.construction = Some(c),
            None => bad(Field::Construction, raw),
        }
    }
}

/// Whether `text` contains `code` not followed by a letter or digit (`mgt-2023-1255` is
/// not in `mgt-2023-12559_卫生院`).
fn contains_word(text: &str, code: &str) -> bool {
    text.match_indices(code).any(|(at, _)| {
        !text[at + code.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    })
}
