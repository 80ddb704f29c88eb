//! The surface of an archive: the walk over the grouping levels (years, counties,
//! categories) down to the project folders, and what lies there outside every project.

use std::path::{Path, PathBuf};

use regex::Regex;

use super::{CONFIG, DiscoverOptions, MANIFEST, unreadable_folder};
use crate::finding::{Code, Finding};
use crate::lang::Lang;
use crate::ledger::load::LedgerSource;
use crate::names::normalize::{normalize, starts_like_code};
use crate::names::temporary::is_temporary;
use crate::paths::{decode_name, decoded, relative_display};
use crate::project::ledger_rows::ProjectRow;

/// What the walk above the project folders saw.
#[derive(Default)]
pub(super) struct Surface {
    /// Folders that are clearly projects: a manifest, or a name that starts with a code.
    pub(super) project_folders: Vec<PathBuf>,
    /// Every other folder above the project folders.
    pub(super) grouping_folders: Vec<PathBuf>,
    /// Files above the project folders (ledgers among them).
    pub(super) files: Vec<PathBuf>,
}

/// Walks the grouping levels of the archive, stopping at folders that are clearly projects.
pub(super) fn walk_surface(
    root: &Path,
    code_pattern: &Regex,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Surface {
    let mut surface = Surface::default();
    // Given one project's folder as the root (CI on the wrong path, or a clerk checking
    // one project), the root is that project, not an archive of none.
    if is_project_folder(root, code_pattern) {
        surface.project_folders.push(root.to_path_buf());
        return surface;
    }
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
            if is_project_folder(path, code_pattern) {
                surface.project_folders.push(path.to_path_buf());
                walk.skip_current_dir();
            } else {
                surface.grouping_folders.push(path.to_path_buf());
            }
        } else if entry.file_type().is_file() {
            surface.files.push(path.to_path_buf());
        } else if entry.file_type().is_symlink() {
            // A linked project folder or ledger above the projects is not followed either,
            // and says so (inside project folders the scan reports links).
            findings.push(
                Finding::new(
                    Code::SymlinkSkipped,
                    lang.pick(
                        "符号链接未被跟随，其内容未检查",
                        "a symbolic link, not followed; its target was not checked",
                    ),
                )
                .path(relative_display(path, root)),
            );
        }
    }
    surface
}

/// Whether a folder is clearly a project: it holds a manifest, or its name starts like a
/// code (even when the code runs on past the pattern, `MGT-2023-12559`: its row is found
/// by the whole word).
fn is_project_folder(folder: &Path, code_pattern: &Regex) -> bool {
    if folder.join(MANIFEST).is_file() {
        return true;
    }
    match folder.file_name() {
        Some(name) => starts_like_code(&decoded(name), code_pattern),
        // `.` or `..` as the root: its real name.
        None => folder.canonicalize().is_ok_and(|full| {
            full.file_name()
                .is_some_and(|n| starts_like_code(&decoded(n), code_pattern))
        }),
    }
}

/// The ledgers among the surface's `files`: named like a ledger, or configured as one.
pub(super) fn ledger_sources<'f>(
    root: &Path,
    files: &'f [PathBuf],
    options: &DiscoverOptions<'_>,
) -> Vec<LedgerSource<'f>> {
    files
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
        .collect()
}

/// Grouping folders named after a ledger project (its code, or a name of four characters or
/// more, equal to or inside the folder name) that the code pattern did not catch.
pub(super) fn folders_named_in_rows(
    grouping_folders: &[PathBuf],
    rows: &[ProjectRow],
) -> Vec<PathBuf> {
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
    grouping_folders
        .iter()
        .filter(|folder| {
            let name = normalize(&decode_name(folder.file_name().unwrap_or_default()).0);
            needles
                .iter()
                .any(|n| name == *n || name.contains(n.as_str()))
        })
        .cloned()
        .collect()
}

/// The project folders that lie in no other project folder, sorted: folders inside a
/// project are never projects themselves.
pub(super) fn outermost(mut project_folders: Vec<PathBuf>) -> Vec<PathBuf> {
    project_folders.sort();
    // Sorted component-wise, a folder's descendants follow it directly: comparing with the
    // last kept folder is enough to drop nested ones.
    let mut outermost: Vec<PathBuf> = Vec::new();
    for folder in project_folders {
        if !outermost
            .last()
            .is_some_and(|last| folder.starts_with(last))
        {
            outermost.push(folder);
        }
    }
    outermost
}

/// Reports the surface's files that lie in no project folder: temporary files, and files
/// that are neither ledgers, the configuration nor guicang's own.
pub(super) fn report_loose_files(
    root: &Path,
    files: &[PathBuf],
    project_folders: &[PathBuf],
    options: &DiscoverOptions<'_>,
    findings: &mut Vec<Finding>,
) {
    let lang = options.lang;
    for file in files {
        if inside_any(project_folders, file) {
            continue;
        }
        let name = decode_name(file.file_name().unwrap_or_default()).0;
        let rel = relative_display(file, root);
        if is_temporary(&name) {
            findings.push(
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
            findings.push(
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
}

/// Whether `path` lies in one of `sorted` (sorted, none inside another).
fn inside_any(sorted: &[PathBuf], path: &Path) -> bool {
    let after = sorted.partition_point(|p| p.as_path() <= path);
    after > 0 && path.starts_with(&sorted[after - 1])
}
