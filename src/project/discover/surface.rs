//! The surface of an archive: the walk over the grouping levels (years, counties,
//! categories) down to the project folders, and what lies there outside every project.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use regex::Regex;

use super::{CONFIG, DiscoverOptions, MANIFEST, unreadable_folder};
use crate::finding::file::ReadError;
use crate::finding::said::FileSaid;
use crate::finding::{Code, Finding};
use crate::guard::dir::{DirHandle, Kind, OpenDirError};
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
    findings: &mut Vec<Finding>,
) -> Surface {
    let mut surface = Surface::default();
    // Given one project's folder as the root (CI on the wrong path, or a clerk checking
    // one project), the root is that project, not an archive of none.
    if is_project_folder(root, code_pattern) {
        surface.project_folders.push(root.to_path_buf());
        return surface;
    }
    match DirHandle::root(root) {
        Ok(mut handle) => {
            let mut level = Level {
                root,
                code_pattern,
                surface: &mut surface,
                findings,
            };
            level.walk(&mut handle, root);
        }
        Err(error) => findings.push(unreadable_folder(String::new(), ReadError::from(&error))),
    }
    surface
}

/// The walk over the grouping levels: each folder opened from its parent's handle, never
/// through a link (a folder swapped for one while the sweep runs is reported, not followed).
struct Level<'w> {
    root: &'w Path,
    code_pattern: &'w Regex,
    surface: &'w mut Surface,
    findings: &'w mut Vec<Finding>,
}

impl Level<'_> {
    /// Walks the folder at `path`, in name order, depth first, stopping at project folders.
    fn walk(&mut self, handle: &mut DirHandle, path: &Path) {
        let mut entries = match handle.entries() {
            Ok(entries) => entries,
            Err(error) => return self.unreadable(path, ReadError::from(&error)),
        };
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in entries {
            let child = path.join(&name);
            match kind {
                Kind::Dir => match handle.child(&name) {
                    Ok(mut folder) => {
                        if is_project_folder_at(&folder, &name, self.code_pattern) {
                            self.surface.project_folders.push(child);
                        } else {
                            self.surface.grouping_folders.push(child.clone());
                            self.walk(&mut folder, &child);
                        }
                    }
                    Err(OpenDirError::Symlink) => self.symlink(&child),
                    // Replaced by a file since it was listed: seen next sweep.
                    Err(OpenDirError::NotADir) => {}
                    Err(OpenDirError::Io(error)) => {
                        self.unreadable(&child, ReadError::from(&error))
                    }
                },
                Kind::File => self.surface.files.push(child),
                Kind::Symlink => self.symlink(&child),
                Kind::Special(_) => {}
            }
        }
    }

    fn unreadable(&mut self, path: &Path, error: ReadError) {
        let rel = relative_display(path, self.root);
        self.findings.push(unreadable_folder(rel, error));
    }

    /// A linked project folder or ledger above the projects is not followed either, and
    /// says so (inside project folders the scan reports links).
    fn symlink(&mut self, path: &Path) {
        self.findings.push(
            Finding::new(Code::SymlinkSkipped, FileSaid::SymlinkSkipped)
                .path(relative_display(path, self.root)),
        );
    }
}

/// Whether the folder open as `folder`, named `name`, is clearly a project: its name
/// starts like a code, or it holds a manifest (a link named so counts: it is reported,
/// not read).
fn is_project_folder_at(folder: &DirHandle, name: &OsStr, code_pattern: &Regex) -> bool {
    starts_like_code(&decoded(name), code_pattern)
        || folder
            .stat(OsStr::new(MANIFEST))
            .is_ok_and(|s| matches!(s.kind, Kind::File | Kind::Symlink))
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
    for file in files {
        if inside_any(project_folders, file) {
            continue;
        }
        let name = decode_name(file.file_name().unwrap_or_default()).0;
        let rel = relative_display(file, root);
        if is_temporary(&name) {
            findings.push(
                Finding::new(Code::TemporaryFile, FileSaid::StrayFile { temporary: true })
                    .path(rel),
            );
        } else if !(options.is_ledger)(&rel, &name)
            && name != CONFIG
            && !options.own_files.contains(&rel)
        {
            findings.push(
                Finding::new(
                    Code::UnassignedFile,
                    FileSaid::StrayFile { temporary: false },
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
