//! The scan: a parallel walk over the project folders that lists every file once.
//!
//! The walk is behind [`scan`] alone, so that it can be tuned without touching its users.
//! It uses the `ignore` crate's parallel walker with every filter off (no .gitignore,
//! hidden files included; an archive has no files to skip), keeps results per thread and
//! merges them once, then sorts them so that the output never depends on thread timing.
//! Symbolic links are not followed. A folder that cannot be listed is reported, never
//! skipped in silence.

pub mod entry;
pub mod share;

use regex::Regex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::{ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};
use rayon::slice::ParallelSliceMut;

use crate::paths::{folder_display, relative_display};
pub use entry::{FileEntry, RelPath};

/// A place the walk could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// Index of the project whose folder it is in; none (past the last project) for a
    /// place above every project folder.
    pub project: usize,
    /// The folder or file, relative to the archive root.
    pub rel_path: String,
    /// What went wrong.
    pub message: String,
}

/// What the scan found.
#[derive(Debug, Default)]
pub struct ScanOutput {
    /// Every file, sorted by project then path.
    pub files: Vec<FileEntry>,
    /// Every place that could not be read, sorted.
    pub errors: Vec<WalkError>,
    /// Symbolic links, which are not followed: `(project, path relative to the root)`, sorted.
    pub symlinks: Vec<(usize, String)>,
    /// FIFOs, sockets and devices, which are never opened, sorted.
    pub special_files: Vec<SpecialFile>,
    /// Folders inside a project folder named like a project: `(project, path)`, sorted.
    pub nested_projects: Vec<(usize, String)>,
}

/// A FIFO, socket or device in a project folder: not a document, never opened (a FIFO
/// would block the reader), reported so that nothing in the archive goes unmentioned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpecialFile {
    /// Index of the project whose folder holds it.
    pub project: usize,
    /// Its path relative to the archive root.
    pub rel_path: String,
    /// What it is, in words: `FIFO`, `socket`, `device`.
    pub kind: &'static str,
}

/// Lists the files of `project_folders` (absolute or root-relative paths under `root`).
/// With `metadata` off, no file is stat-ed: sizes are 0 and times unknown (a names-only
/// sweep needs neither, and the stat per file dominates a walk).
pub fn scan(
    root: &Path,
    project_folders: &[PathBuf],
    threads: usize,
    metadata: bool,
    code_pattern: &Regex,
) -> ScanOutput {
    let Some((first, rest)) = project_folders.split_first() else {
        return ScanOutput::default();
    };
    let mut builder = WalkBuilder::new(first);
    for folder in rest {
        builder.add(folder);
    }
    builder
        .standard_filters(false)
        .follow_links(false)
        .threads(threads);
    let index: HashMap<&Path, usize> = project_folders
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_path(), i))
        .collect();
    let results = Mutex::new(Vec::new());
    let mut visitors = Visitors {
        root,
        index: &index,
        results: &results,
        metadata,
        code_pattern,
    };
    builder.build_parallel().visit(&mut visitors);
    let parts: Vec<ScanOutput> = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // Joined at their exact total: a vector grown by extending it thread after thread can
    // end up with room for 40% more files than there are, kept for the whole sweep.
    let mut out = ScanOutput {
        files: Vec::with_capacity(parts.iter().map(|p| p.files.len()).sum()),
        ..ScanOutput::default()
    };
    for part in parts {
        out.files.extend(part.files);
        out.errors.extend(part.errors);
        out.symlinks.extend(part.symlinks);
        out.special_files.extend(part.special_files);
        out.nested_projects.extend(part.nested_projects);
    }
    // A total order (two names that read the same differ in their raw bytes), so the
    // order never depends on thread timing.
    out.files.par_sort_unstable_by(|a, b| {
        (a.project(), a.rel_path())
            .cmp(&(b.project(), b.rel_path()))
            .then_with(|| a.raw_path().cmp(&b.raw_path()))
    });
    out.errors.sort_by(|a, b| {
        (a.project, &a.rel_path, &a.message).cmp(&(b.project, &b.rel_path, &b.message))
    });
    out.errors.dedup();
    out.symlinks.sort();
    out.special_files.sort();
    out.nested_projects.sort();
    out
}

struct Visitors<'s> {
    metadata: bool,
    root: &'s Path,
    index: &'s HashMap<&'s Path, usize>,
    results: &'s Mutex<Vec<ScanOutput>>,
    code_pattern: &'s Regex,
}

impl<'s> ParallelVisitorBuilder<'s> for Visitors<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Visitor {
            metadata: self.metadata,
            root: self.root,
            index: self.index,
            results: self.results,
            local: ScanOutput::default(),
            folder: None,
            code_pattern: self.code_pattern,
        })
    }
}

/// One thread's visitor: collects locally, hands its results over once when dropped.
struct Visitor<'s> {
    metadata: bool,
    root: &'s Path,
    index: &'s HashMap<&'s Path, usize>,
    results: &'s Mutex<Vec<ScanOutput>>,
    local: ScanOutput,
    /// The folder of the last file seen and its path relative to the root: the files of a
    /// folder come one after another, and share that string.
    folder: Option<(PathBuf, Arc<str>)>,
    /// The pattern of project codes, to notice a project folder inside another.
    code_pattern: &'s Regex,
}

impl Visitor<'_> {
    /// The project whose folder holds `path`, and that folder.
    /// The project whose folder holds `path`; a path under no project folder (the walk
    /// only starts at project folders, so an error above them) is given the index one past
    /// the last project, which callers treat as the archive's, never as project 0.
    fn project_of<'p>(&self, path: &'p Path) -> (usize, &'p Path) {
        path.ancestors()
            .find_map(|a| self.index.get(a).map(|&i| (i, a)))
            .unwrap_or((self.index.len(), path))
    }

    /// A folder named like a project (reported when it is another project's), or a FIFO,
    /// socket or device (never opened).
    fn not_a_file(&mut self, entry: &ignore::DirEntry, file_type: &std::fs::FileType) {
        if file_type.is_dir() && entry.depth() > 0 {
            let name = crate::paths::decoded(entry.file_name());
            if crate::names::normalize::starts_like_code(&name, self.code_pattern) {
                let (project, _) = self.project_of(entry.path());
                self.local
                    .nested_projects
                    .push((project, relative_display(entry.path(), self.root)));
            }
        } else if !file_type.is_dir() {
            let (project, _) = self.project_of(entry.path());
            self.local.special_files.push(SpecialFile {
                project,
                rel_path: relative_display(entry.path(), self.root),
                kind: crate::guard::open::describe(file_type),
            });
        }
    }

    fn error(&mut self, error: &ignore::Error, fallback: Option<&Path>) {
        let path = error_path(error)
            .or(fallback)
            .unwrap_or(self.root)
            .to_path_buf();
        let (project, _) = self.project_of(&path);
        self.local.errors.push(WalkError {
            project,
            rel_path: relative_display(&path, self.root),
            message: error_message(error),
        });
    }
}

impl ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<ignore::DirEntry, ignore::Error>) -> WalkState {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                self.error(&error, None);
                return WalkState::Continue;
            }
        };
        if let Some(error) = entry.error() {
            self.error(error, Some(entry.path()));
        }
        let Some(file_type) = entry.file_type() else {
            return WalkState::Continue;
        };
        if file_type.is_symlink() {
            let (project, _) = self.project_of(entry.path());
            self.local
                .symlinks
                .push((project, relative_display(entry.path(), self.root)));
            return WalkState::Continue;
        }
        if !file_type.is_file() {
            self.not_a_file(&entry, &file_type);
            return WalkState::Continue;
        }
        // Each walk starts at a project folder: the project is the ancestor at the entry's depth.
        let project = entry
            .path()
            .ancestors()
            .nth(entry.depth())
            .and_then(|folder| self.index.get(folder).copied())
            .unwrap_or_else(|| self.project_of(entry.path()).0);
        let metadata = if !self.metadata {
            None
        } else {
            match entry.metadata() {
                Ok(m) => Some(m),
                Err(error) => {
                    self.error(&error, Some(entry.path()));
                    None
                }
            }
        };
        let parent = entry.path().parent().unwrap_or(self.root);
        let folder = match &self.folder {
            Some((path, folder)) if path == parent => Arc::clone(folder),
            _ => {
                let folder: Arc<str> = Arc::from(folder_display(parent, self.root));
                self.folder = Some((parent.to_path_buf(), Arc::clone(&folder)));
                folder
            }
        };
        self.local.files.push(FileEntry::in_folder(
            project,
            self.root,
            &folder,
            entry.path(),
            entry.depth(),
            metadata.as_ref().map_or(0, |m| m.len()),
            metadata.and_then(|m| m.modified().ok()),
        ));
        WalkState::Continue
    }
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        let local = std::mem::take(&mut self.local);
        self.results
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(local);
    }
}

/// The path an error of the walker is about, if it names one.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errors) => errors.iter().find_map(error_path),
        _ => None,
    }
}

/// The error without the path (the finding names the path already).
fn error_message(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_message(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}", ancestor.display())
        }
        ignore::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}
