//! Discovery: finding the project folders of an archive and learning each project's facts.
//!
//! A project folder holds a `project.toml`, or its name starts with a project code, or it
//! equals or contains a code or name from the project ledger. Grouping folders above
//! projects (years, counties) may nest to any depth; folders inside a project are never
//! projects themselves. Facts are merged field by field: manifest, then ledger row, then
//! what the folder name says.
//!
//! The steps live in submodules: [`surface`] walks the grouping levels, [`folder`] builds
//! the project of one folder, [`rows`] matches ledger rows to folders.

mod folder;
mod rows;
mod surface;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use regex::Regex;

use crate::finding::file::ReadError;
use crate::finding::said::{FileSaid, ProjectSaid};
use crate::finding::{Code, Finding};
use crate::ledger::load::{LedgerFile, open_ledgers};
use crate::project::Project;
use crate::project::ledger_rows::project_rows;
use crate::ruleset::RuleSet;
use folder::folder_project;
use rows::{RowIndex, ledger_only_projects};
use surface::{folders_named_in_rows, ledger_sources, outermost, report_loose_files, walk_surface};

/// The manifest file name.
pub const MANIFEST: &str = "project.toml";
/// The configuration file name, which is never an unassigned file.
pub const CONFIG: &str = "guicang.toml";

/// What discovery needs to know.
pub struct DiscoverOptions<'a> {
    /// Pattern of project codes, matched at the start of folder names.
    pub code_pattern: &'a Regex,
    /// Whether a file (relative path, name) is a ledger: named like one or configured.
    pub is_ledger: &'a (dyn Fn(&str, &str) -> bool + Sync),
    /// guicang's own files kept in the archive (the `--baseline` it reads), relative to the
    /// root: bookkeeping, never unassigned files.
    pub own_files: &'a [String],
}

/// The projects of an archive and what discovery found wrong.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Projects sorted by key; those with a folder first have `folder` set.
    pub projects: Vec<Project>,
    /// Findings of discovery: invalid manifests, unknown projects, unreadable ledgers, …
    pub findings: Vec<Finding>,
    /// Ledger files outside project folders, opened.
    pub ledgers: Vec<LedgerFile>,
}

/// Finds the projects under `root`.
pub fn discover(root: &Path, rules: &RuleSet, options: &DiscoverOptions<'_>) -> Discovery {
    let mut discovery = Discovery::default();
    let mut surface = walk_surface(root, options.code_pattern, &mut discovery.findings);
    let (ledgers, ledger_findings) = open_ledgers(&ledger_sources(root, &surface.files, options));
    discovery.findings.extend(ledger_findings);
    let rows = project_rows(&ledgers, &mut discovery.findings);
    discovery.ledgers = ledgers;

    let named = folders_named_in_rows(&surface.grouping_folders, &rows);
    surface.project_folders.extend(named);
    let project_folders = outermost(surface.project_folders);
    report_loose_files(
        root,
        &surface.files,
        &project_folders,
        options,
        &mut discovery.findings,
    );

    let row_index = RowIndex::new(&rows);
    let mut used_rows = HashSet::new();
    for folder in &project_folders {
        let project = folder_project(
            root,
            folder,
            &row_index,
            &mut used_rows,
            rules,
            options,
            &mut discovery.findings,
        );
        discovery.projects.push(project);
    }
    ledger_only_projects(&rows, &used_rows, rules, &mut discovery);
    report_duplicates(&mut discovery.projects, &mut discovery.findings);
    // Kept for the whole sweep: no room for more (a project record is a few hundred bytes).
    discovery.projects.shrink_to_fit();
    discovery
}

/// A finding for a place the walk could not read (`rel`, relative to the root): by the
/// discovery's walk over the archive, or by the scan's walk over a project folder.
pub fn unreadable_folder(rel: String, error: ReadError) -> Finding {
    let said = FileSaid::UnreadableFolder { error };
    Finding::new(Code::UnreadableFolder, said).path(rel)
}

/// Reports project codes claimed by more than one folder, and keys the second and later
/// of them by their folder ([`Project::key`]): the first in folder order keeps the code.
fn report_duplicates(projects: &mut [Project], findings: &mut Vec<Finding>) {
    let mut by_code: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, p) in projects.iter().enumerate() {
        if let (Some(code), Some(_)) = (&p.code, &p.folder_rel) {
            by_code.entry(code.clone()).or_default().push(index);
        }
    }
    for (code, mut twins) in by_code.into_iter().filter(|(_, f)| f.len() > 1) {
        twins.sort_by(|&a, &b| projects[a].folder_rel.cmp(&projects[b].folder_rel));
        let folders: Vec<String> = twins
            .iter()
            .filter_map(|&i| projects[i].folder_rel.clone())
            .collect();
        for &index in &twins[1..] {
            projects[index].twin_folder = projects[index].folder_rel.clone();
        }
        let said = ProjectSaid::DuplicateProject {
            folders: folders.len(),
            code: code.clone(),
        };
        let mut finding = Finding::new(Code::DuplicateProject, said).project(code);
        finding.paths = folders;
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::attributes::Status;
    use crate::finding::Said;

    /// Writes `files` (relative path, contents) under a new temporary folder.
    fn archive(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        dir
    }

    /// Discovers `root` with the built-in rules, the default code pattern, English
    /// messages and ledgers recognised by name.
    fn discover_in(root: &Path) -> Discovery {
        let rules = RuleSet::load(&[] as &[PathBuf], &BTreeMap::new()).expect("built-in rules");
        let code_pattern = regex::RegexBuilder::new(r"^(?:[A-Z]{2,8}-\d{4}-\d{2,4})")
            .case_insensitive(true)
            .build()
            .unwrap();
        let is_ledger = |_: &str, name: &str| crate::ledger::is_ledger_name(name);
        let options = DiscoverOptions {
            code_pattern: &code_pattern,
            is_ledger: &is_ledger,
            own_files: &["baseline.json".to_string()],
        };
        discover(root, &rules, &options)
    }

    /// A project as `(folder, code, name, category, status)`.
    type Summary = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<Status>,
    );

    fn summary(p: &Project) -> Summary {
        (
            p.folder_rel.clone(),
            p.code.clone(),
            p.name.clone(),
            p.category.clone(),
            p.status,
        )
    }

    /// Findings as `(code, project, paths)`, sorted.
    fn found(d: &Discovery) -> Vec<(&'static str, String, Vec<String>)> {
        let mut found: Vec<_> = d
            .findings
            .iter()
            .map(|f| {
                let project = f.project.clone().unwrap_or_default();
                (f.code.id(), project, f.paths.clone())
            })
            .collect();
        found.sort();
        found
    }

    fn s(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    const LEDGER: &str = "项目编号,项目名称,项目类别,实施状态\n\
        MGT-2023-001,卫生院,固投类,实施中\n\
        MGT-2023-002,幸福村小学,设备类,已完工\n\
        MGT-2023-007,村级道路,固投类,实施中\n\
        MGT-2025-001,储备项目,固投类,谋划\n";

    #[test]
    fn an_archive_of_category_grouping_and_manifest_folders() {
        let dir = archive(&[
            ("项目台账.csv", LEDGER),
            ("guicang.toml", ""),
            ("baseline.json", "{}"),
            ("说明.docx", "x"),
            ("~$说明.docx", "x"),
            // A category folder inside a year folder; a code folder inside the project.
            ("2023/固投类/MGT-2023-001 卫生院/01 立项/批复.pdf", "x"),
            (
                "2023/固投类/MGT-2023-001 卫生院/附件 MGT-2023-009/a.pdf",
                "x",
            ),
            // A code the ledger does not know: facts from the name and the folders above.
            ("2023/固投类/MGT-2023-003 文化站/a.pdf", "x"),
            // Named after a ledger project; the coded folder inside is part of it.
            ("2023/幸福村小学/MGT-2023-099 教学楼/a.pdf", "x"),
            // A manifest makes a folder a project; it wins over everything else.
            (
                "其他/图书室/project.toml",
                "code = \"MGT-2023-004\"\ncategory = \"设备类\"\nstatus = \"已完工\"\n",
            ),
            ("其他/图书室/a.pdf", "x"),
            (
                "其他/坏清单/project.toml",
                "name = \"坏\"\nstatus = \"快好了\"\n",
            ),
        ]);
        let d = discover_in(dir.path());
        let projects: Vec<Summary> = d.projects.iter().map(summary).collect();
        let expected: Vec<Summary> = vec![
            (
                s("2023/固投类/MGT-2023-001 卫生院"),
                s("MGT-2023-001"),
                s("卫生院"),
                s("fixed-asset"),
                Some(Status::InProgress),
            ),
            (
                s("2023/固投类/MGT-2023-003 文化站"),
                s("MGT-2023-003"),
                s("文化站"),
                s("fixed-asset"),
                None,
            ),
            (
                s("2023/幸福村小学"),
                s("MGT-2023-002"),
                s("幸福村小学"),
                s("equipment"),
                Some(Status::Completed),
            ),
            (
                s("其他/图书室"),
                s("MGT-2023-004"),
                s("图书室"),
                s("equipment"),
                Some(Status::Completed),
            ),
            (s("其他/坏清单"), None, s("坏"), None, None),
            (
                None,
                s("MGT-2023-007"),
                s("村级道路"),
                s("fixed-asset"),
                Some(Status::InProgress),
            ),
            // A reserve project of the ledger is in the report (graded `idea`), folder or not.
            (
                None,
                s("MGT-2025-001"),
                s("储备项目"),
                s("fixed-asset"),
                Some(Status::Planned),
            ),
        ];
        assert_eq!(projects, expected);
        assert_eq!(
            d.projects[3].sources,
            ["其他/图书室/project.toml", "其他/图书室"]
        );
        assert_eq!(
            d.projects[0].sources,
            [
                "项目台账.csv!项目台账.csv!2",
                "2023/固投类/MGT-2023-001 卫生院"
            ]
        );
        let paths = |p: &str| vec![p.to_string()];
        assert_eq!(
            found(&d),
            [
                (
                    "invalid-manifest",
                    "其他/坏清单".to_string(),
                    paths("其他/坏清单/project.toml")
                ),
                (
                    "project-folder-missing",
                    "MGT-2023-007".to_string(),
                    paths("项目台账.csv!项目台账.csv!4")
                ),
                ("temporary-file", String::new(), paths("~$说明.docx")),
                ("unassigned-file", String::new(), paths("说明.docx")),
            ]
        );
        let invalid = d
            .findings
            .iter()
            .find(|f| f.code == Code::InvalidManifest)
            .unwrap();
        assert_eq!(invalid.paths, ["其他/坏清单/project.toml"]);
        let unknown_status = crate::finding::said::Mistake::UnknownStatus {
            raw: "快好了".into(),
        };
        assert_eq!(
            invalid.said,
            Said::Project(ProjectSaid::ManifestMistake {
                line: 2,
                column: 10,
                mistake: unknown_status
            })
        );
        assert_eq!(d.ledgers.len(), 1);
    }

    #[test]
    fn two_folders_with_one_code_are_a_duplicate_project() {
        let dir = archive(&[
            ("2023/MGT-2023-005 卫生院/a.pdf", "x"),
            ("2024/MGT-2023-005 卫生院二期/a.pdf", "x"),
            ("2024/MGT-2023-006 小学/a.pdf", "x"),
        ]);
        let d = discover_in(dir.path());
        assert_eq!(d.projects.len(), 3);
        assert_eq!(
            found(&d),
            [(
                "duplicate-project",
                "MGT-2023-005".to_string(),
                vec![
                    "2023/MGT-2023-005 卫生院".to_string(),
                    "2024/MGT-2023-005 卫生院二期".to_string()
                ]
            )]
        );
    }

    #[test]
    fn a_folder_name_splits_into_code_and_name() {
        let pattern = regex::Regex::new(r"^(?:[A-Z]{2,8}-\d{4}-\d{2,4})").unwrap();
        let cases = [
            ("MGT-2023-001 卫生院", Some("MGT-2023-001"), "卫生院"),
            ("MGT-2023-001、卫生院", Some("MGT-2023-001"), "卫生院"),
            (
                "ＭＧＴ－２０２３－００１_卫生院",
                Some("MGT-2023-001"),
                "卫生院",
            ),
            ("MGT-2023-12559 卫生院", None, "MGT-2023-12559 卫生院"),
            (" 幸福村小学 ", None, "幸福村小学"),
        ];
        for (name, code, rest) in cases {
            let (found_code, found_rest) = folder::split_folder_name(&pattern, name);
            assert_eq!(
                (found_code.as_deref(), found_rest.as_str()),
                (code, rest),
                "{name}"
            );
        }
    }
}
