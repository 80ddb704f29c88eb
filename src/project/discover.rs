//! Discovery: finding the project folders of an archive and learning each project's facts.
//!
//! A project folder holds a `project.toml`, or its name starts with a project code, or it
//! equals or contains a code or name from the project ledger. Grouping folders above
//! projects (years, counties) may nest to any depth; folders inside a project are never
//! projects themselves. Facts are merged field by field: manifest, then ledger row, then
//! what the folder name says.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use regex::Regex;

use super::Project;
use super::ledger_rows::{ProjectRow, project_rows};
use super::manifest::parse_manifest;
use crate::attributes::{Construction, Status};
use crate::finding::{Code, Finding};
use crate::lang::Lang;
use crate::ledger::load::{LedgerFile, LedgerSource, open_ledgers};
use crate::names::normalize::{fold_full_width, normalize};
use crate::names::temporary::is_temporary;
use crate::paths::{decode_name, relative_display};
use crate::ruleset::RuleSet;

/// The manifest file name.
pub const MANIFEST: &str = "project.toml";
/// The configuration file name, which is never an unassigned file.
pub const CONFIG: &str = "guicang.toml";

/// What discovery needs to know.
pub struct DiscoverOptions<'a> {
    /// Pattern of project codes, matched at the start of folder names.
    pub code_pattern: &'a Regex,
    /// Language of messages.
    pub lang: Lang,
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

/// What the walk above the project folders saw.
#[derive(Default)]
struct Surface {
    project_folders: Vec<PathBuf>,
    grouping_folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

/// Finds the projects under `root`.
pub fn discover(root: &Path, rules: &RuleSet, options: &DiscoverOptions<'_>) -> Discovery {
    let lang = options.lang;
    let mut discovery = Discovery::default();
    let mut surface = walk_surface(root, options.code_pattern, lang, &mut discovery.findings);

    let sources: Vec<LedgerSource<'_>> = surface
        .files
        .iter()
        .map(|f| (f, relative_display(f, root)))
        .filter(|(f, rel)| {
            (options.is_ledger)(rel, &decode_name(f.file_name().unwrap_or_default()).0)
        })
        .map(|(path, rel)| LedgerSource {
            path,
            rel,
            owner: None,
        })
        .collect();
    let (ledgers, ledger_findings) = open_ledgers(&sources, lang);
    discovery.findings.extend(ledger_findings);
    let rows: Vec<ProjectRow> = project_rows(&ledgers, lang, &mut discovery.findings);
    discovery.ledgers = ledgers;

    // Folders named after a ledger project that the code pattern did not catch.
    let needles: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            [
                r.code.as_deref(),
                r.name.as_deref().filter(|n| n.chars().count() >= 4),
            ]
        })
        .flatten()
        .map(normalize)
        .collect();
    for folder in &surface.grouping_folders {
        let name = normalize(&decode_name(folder.file_name().unwrap_or_default()).0);
        if needles
            .iter()
            .any(|n| name == *n || name.contains(n.as_str()))
        {
            surface.project_folders.push(folder.clone());
        }
    }
    surface.project_folders.sort();
    // Sorted component-wise, a folder's descendants follow it directly: comparing with the
    // last kept folder is enough to drop nested ones.
    let mut outermost: Vec<PathBuf> = Vec::new();
    for folder in surface.project_folders {
        if !outermost
            .last()
            .is_some_and(|last| folder.starts_with(last))
        {
            outermost.push(folder);
        }
    }

    for file in &surface.files {
        if inside_any(&outermost, file) {
            continue;
        }
        let name = decode_name(file.file_name().unwrap_or_default()).0;
        let rel = relative_display(file, root);
        if is_temporary(&name) {
            discovery.findings.push(
                Finding::new(
                    Code::TemporaryFile,
                    lang.pick("临时文件或系统文件", "temporary or system file"),
                )
                .path(rel),
            );
        } else if !(options.is_ledger)(&rel, &name)
            && name != CONFIG
            && !options.own_files.contains(&rel)
        {
            discovery.findings.push(
                Finding::new(
                    Code::UnassignedFile,
                    lang.pick(
                        "文件不在任何项目文件夹中",
                        "file is outside every project folder",
                    ),
                )
                .path(rel),
            );
        }
    }

    let row_index = RowIndex::new(&rows);
    let mut used_rows = HashSet::new();
    for folder in &outermost {
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
    for (index, row) in rows.iter().enumerate() {
        if used_rows.contains(&index) {
            continue;
        }
        let mut project = Project::default();
        apply_row(&mut project, row, rules, lang, &mut discovery.findings);
        if project.status == Some(Status::Planned) {
            continue; // a reserve project has no archive yet
        }
        discovery.findings.push(
            Finding::new(
                Code::ProjectFolderMissing,
                match lang {
                    Lang::Zh => format!(
                        "项目台账中的项目“{}”在档案中没有文件夹",
                        project.name.clone().unwrap_or_else(|| project.key())
                    ),
                    Lang::En => format!(
                        "project \"{}\" of the project ledger has no folder in the archive",
                        project.name.clone().unwrap_or_else(|| project.key())
                    ),
                },
            )
            .project(project.key())
            .path(row.provenance.clone()),
        );
        discovery.projects.push(project);
    }
    report_duplicates(&discovery.projects, lang, &mut discovery.findings);
    // Kept for the whole sweep: no room for more (a project record is a few hundred bytes).
    discovery.projects.shrink_to_fit();
    discovery
}

/// Walks the grouping levels of the archive, stopping at folders that are clearly projects.
fn walk_surface(
    root: &Path,
    code_pattern: &Regex,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Surface {
    let mut surface = Surface::default();
    let mut walk = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                findings.push(unreadable_folder(
                    relative_display(&path, root),
                    &error.to_string(),
                    lang,
                ));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() {
            let name = decode_name(entry.file_name()).0;
            let folded: String = name.chars().map(fold_full_width).collect();
            // A name that starts like a code marks a project folder, even when the code
            // runs on past the pattern (`MGT-2023-12559`): its row is found by the whole word.
            if path.join(MANIFEST).is_file() || code_pattern.is_match(&folded) {
                surface.project_folders.push(path.to_path_buf());
                walk.skip_current_dir();
            } else {
                surface.grouping_folders.push(path.to_path_buf());
            }
        } else if entry.file_type().is_file() {
            surface.files.push(path.to_path_buf());
        }
    }
    surface
}

/// A finding for a place the walk could not read (`rel`, relative to the root): by the
/// discovery's walk over the archive, or by the scan's walk over a project folder.
pub fn unreadable_folder(rel: String, error: &str, lang: Lang) -> Finding {
    Finding::new(
        Code::UnreadableFolder,
        match lang {
            Lang::Zh => format!("无法读取，其中的文件未检查：{error}"),
            Lang::En => format!("cannot be read, its files were not checked: {error}"),
        },
    )
    .path(rel)
}

/// Builds the project of one folder from its manifest, its ledger row and its name.
fn folder_project(
    root: &Path,
    folder: &Path,
    rows: &RowIndex<'_>,
    used_rows: &mut HashSet<usize>,
    rules: &RuleSet,
    options: &DiscoverOptions<'_>,
    findings: &mut Vec<Finding>,
) -> Project {
    let lang = options.lang;
    let folder_rel = relative_display(folder, root);
    let folder_name = decode_name(folder.file_name().unwrap_or_default()).0;
    let folded: String = folder_name.chars().map(fold_full_width).collect();
    let (name_code, name_rest) = match leading_code(options.code_pattern, &folded) {
        Some(m) => (
            Some(m.as_str().to_uppercase()),
            folded[m.end()..]
                .trim_matches([' ', '-', '_', '.', '、'])
                .to_string(),
        ),
        None => (None, folded.trim().to_string()),
    };
    let mut project = Project {
        folder: Some(folder.to_path_buf()),
        folder_rel: Some(folder_rel.clone()),
        ..Project::default()
    };

    let manifest_path = folder.join(MANIFEST);
    let mut manifest = Project::default();
    if manifest_path.is_file() {
        let manifest_rel = relative_display(&manifest_path, root);
        match std::fs::read_to_string(&manifest_path) {
            Ok(text) => {
                let (parsed, errors) = parse_manifest(&text, rules, lang);
                for e in errors {
                    findings.push(
                        Finding::new(
                            Code::InvalidManifest,
                            format!("{manifest_rel}:{}:{}: {}", e.line, e.column, e.message),
                        )
                        .project(
                            parsed
                                .code
                                .clone()
                                .or(name_code.clone())
                                .unwrap_or_else(|| folder_rel.clone()),
                        )
                        .path(manifest_rel.clone()),
                    );
                }
                manifest = parsed;
            }
            Err(error) => findings.push(
                Finding::new(
                    Code::InvalidManifest,
                    match lang {
                        Lang::Zh => format!("无法读取 project.toml：{error}"),
                        Lang::En => format!("cannot read project.toml: {error}"),
                    },
                )
                .project(name_code.clone().unwrap_or_else(|| folder_rel.clone()))
                .path(manifest_rel.clone()),
            ),
        }
        project.sources.push(manifest_rel);
    }

    let code = manifest.code.clone().or(name_code);
    let row_index = rows.find(code.as_deref(), &folder_name);
    if let Some(index) = row_index {
        used_rows.insert(index);
        apply_row(&mut project, &rows.rows[index], rules, lang, findings);
    }
    apply_manifest(&mut project, manifest);
    if project.code.is_none() {
        project.code = code;
    }
    if project.name.is_none() && !name_rest.is_empty() {
        project.name = Some(name_rest);
    }
    if project.category.is_none() {
        project.category = category_from_ancestors(root, folder, rules);
    }
    project.sources.push(folder_rel);
    project
}

/// Whether `path` lies in one of `sorted` (sorted, none inside another).
fn inside_any(sorted: &[PathBuf], path: &Path) -> bool {
    let after = sorted.partition_point(|p| p.as_path() <= path);
    after > 0 && path.starts_with(&sorted[after - 1])
}

/// The project ledger's rows, folded once for matching folders to rows.
struct RowIndex<'r> {
    rows: &'r [ProjectRow],
    by_code: HashMap<String, usize>,
    /// Folded name → the first row of that name.
    by_name: HashMap<String, usize>,
    /// Folded `(name, code)` of each row.
    folded: Vec<(Option<String>, Option<String>)>,
}

impl<'r> RowIndex<'r> {
    fn new(rows: &'r [ProjectRow]) -> RowIndex<'r> {
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
    fn find(&self, code: Option<&str>, folder_name: &str) -> Option<usize> {
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

/// Takes the facts of a ledger row; values it cannot read become findings.
fn apply_row(
    project: &mut Project,
    row: &ProjectRow,
    rules: &RuleSet,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    project.code = row.code.clone();
    project.name = row.name.clone();
    project.year = row.year;
    project.total_investment = row.total_investment;
    project.aid_funds = row.aid_funds;
    project.settlement = row.settlement;
    project.implementing_unit = row.implementing_unit.clone();
    project.sources.push(row.provenance.clone());
    let mut bad = |what: [&str; 2], raw: &str| {
        findings.push(
            Finding::new(
                Code::LedgerBadCell,
                match lang {
                    Lang::Zh => format!("无法识别的{}：\"{raw}\"", what[0]),
                    Lang::En => format!("unrecognised {}: \"{raw}\"", what[1]),
                },
            )
            .project(row.code.clone().or(row.name.clone()).unwrap_or_default())
            .path(row.provenance.clone()),
        );
    };
    if let Some(raw) = &row.category {
        match rules.category_named(raw) {
            Some(c) => project.category = Some(c.id.clone()),
            None => bad(["项目类别", "category"], raw),
        }
    }
    if let Some(raw) = &row.status {
        match Status::parse(raw) {
            Some(s) => project.status = Some(s),
            None => bad(["项目状态", "status"], raw),
        }
    }
    if let Some(raw) = &row.construction {
        match Construction::parse(raw) {
            Some(c) => project.construction = Some(c),
            None => bad(["建设性质", "construction type"], raw),
        }
    }
}

/// Overrides project facts with every fact the manifest states.
fn apply_manifest(project: &mut Project, m: Project) {
    fn set<T>(target: &mut Option<T>, value: Option<T>) {
        if value.is_some() {
            *target = value;
        }
    }
    set(&mut project.code, m.code);
    set(&mut project.name, m.name);
    set(&mut project.category, m.category);
    set(&mut project.status, m.status);
    set(&mut project.year, m.year);
    set(&mut project.construction, m.construction);
    set(&mut project.total_investment, m.total_investment);
    set(&mut project.aid_funds, m.aid_funds);
    set(&mut project.implementing_unit, m.implementing_unit);
    project.attributes.extend(m.attributes);
}

/// A category named by a grouping folder above the project (`2023/固投类/MGT-…`).
fn category_from_ancestors(root: &Path, folder: &Path, rules: &RuleSet) -> Option<String> {
    folder
        .ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(root) && *a != root)
        .find_map(|a| {
            let name = decode_name(a.file_name()?).0;
            let stripped = crate::names::numbering::strip_numbering(&normalize(&name));
            rules.category_named(&stripped).map(|c| c.id.clone())
        })
}

/// Reports project codes claimed by more than one folder.
fn report_duplicates(projects: &[Project], lang: Lang, findings: &mut Vec<Finding>) {
    let mut by_code: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in projects {
        if let (Some(code), Some(folder)) = (p.code.as_deref(), p.folder_rel.as_deref()) {
            by_code.entry(code).or_default().push(folder);
        }
    }
    for (code, folders) in by_code.into_iter().filter(|(_, f)| f.len() > 1) {
        let mut finding = Finding::new(
            Code::DuplicateProject,
            match lang {
                Lang::Zh => format!(
                    "{} 个文件夹使用同一项目编号 {code}，各自单独检查",
                    folders.len()
                ),
                Lang::En => format!(
                    "{} folders claim project code {code}; each is checked on its own",
                    folders.len()
                ),
            },
        )
        .project(code);
        finding.paths = folders.iter().map(|f| f.to_string()).collect();
        findings.push(finding);
    }
}

/// The project code a folder name starts with (the pattern is anchored at the start): the
/// pattern's match, unless it is only the start of a longer run of letters or digits
/// (`MGT-2023-1255` is not the code of `MGT-2023-12559 卫生院`, whatever the ledger says of
/// project 1255).
fn leading_code<'n>(pattern: &Regex, name: &'n str) -> Option<regex::Match<'n>> {
    let found = pattern.find(name)?;
    let next = name[found.end()..].chars().next();
    (!next.is_some_and(|c| c.is_ascii_alphanumeric())).then_some(found)
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
