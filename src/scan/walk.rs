//! The parallel walk of the project folders, folder handle by folder handle.
//!
//! Each project folder is opened from the archive root one name at a time and each folder
//! below from its parent's handle ([`DirHandle`]), never by path and never through a link:
//! a folder swapped for a link while the sweep runs is reported as a link, and nothing
//! outside the archive is listed. Folders are rayon tasks of the sweep's pool; a task
//! keeps its parent's handle only until it has opened its own, so the open handles stay
//! few however wide a folder is. Each worker thread collects into its own buffer.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;

use super::per_thread::PerThread;
use super::{FileEntry, ScanOutput, SpecialFile, WalkError};
use crate::finding::file::ReadError;
use crate::guard::dir::{DirHandle, Kind, OpenDirError};
use crate::names::shared::SharedStrings;
use crate::paths::{decoded, folder_display, relative_display};

/// What every folder task reads.
struct Walk<'a> {
    root: &'a Path,
    metadata: bool,
    code_pattern: &'a Regex,
    /// One buffer per worker thread (and one for callers outside the pool).
    buffers: PerThread<ScanOutput>,
    /// The file names each thread has met, shared by the files that bear them: archives
    /// repeat names from folder to folder (a camera's `IMG_0001.jpg`, every project's
    /// `合同.pdf`), and at a million files a string of its own per file costs its bytes, its
    /// reference counts and the allocator's header. Per thread, so that no thread waits on
    /// another (a name met on several threads is kept once per thread); dropped with the
    /// walk, as the names live on in the files.
    names: PerThread<SharedStrings>,
}

/// Lists the files of `project_folders` (paths under `root`); returns one part per worker
/// thread, unsorted.
pub(super) fn walk(
    root: &Path,
    project_folders: &[PathBuf],
    metadata: bool,
    code_pattern: &Regex,
) -> Vec<ScanOutput> {
    let walk = Walk {
        root,
        metadata,
        code_pattern,
        buffers: PerThread::new(),
        names: PerThread::new(),
    };
    match DirHandle::root(root) {
        Ok(root_handle) => {
            let (walk, root_handle) = (&walk, &root_handle);
            rayon::scope(|s| {
                for (project, folder) in project_folders.iter().enumerate() {
                    s.spawn(move |s| walk.project(s, root_handle, project, folder));
                }
            });
        }
        Err(error) => walk.push(|out| {
            out.errors.push(WalkError {
                project: project_folders.len(),
                rel_path: String::new(),
                error: ReadError::from(&error),
            });
        }),
    }
    walk.buffers.into_inner()
}

impl<'a> Walk<'a> {
    /// Adds to the calling thread's buffer.
    fn push(&self, add: impl FnOnce(&mut ScanOutput)) {
        self.buffers.with(add);
    }

    /// Opens project folder `project` (`folder`) from the root and walks it.
    fn project<'s>(
        &'s self,
        s: &rayon::Scope<'s>,
        root: &DirHandle,
        project: usize,
        folder: &Path,
    ) {
        let rel = folder.strip_prefix(self.root).unwrap_or(folder);
        match root.beneath(rel) {
            Ok(handle) => self.folder(s, project, handle, folder.to_path_buf(), 0),
            Err(error) => self.refused(project, folder, &error),
        }
    }

    /// A folder that could not be opened: a link (not followed), or an error.
    fn refused(&self, project: usize, path: &Path, error: &OpenDirError) {
        let rel_path = relative_display(path, self.root);
        self.push(|out| match error {
            OpenDirError::Symlink => out.symlinks.push((project, rel_path)),
            other => out.errors.push(WalkError {
                project,
                rel_path,
                error: ReadError::from(other),
            }),
        });
    }

    /// Lists the folder at `path` (`depth` below its project folder), records its files
    /// and links, and spawns a task for each folder in it.
    fn folder<'s>(
        &'s self,
        s: &rayon::Scope<'s>,
        project: usize,
        mut handle: DirHandle,
        path: PathBuf,
        depth: usize,
    ) {
        let entries = match handle.entries() {
            Ok(entries) => entries,
            Err(error) => {
                return self.refused(project, &path, &OpenDirError::Io(error));
            }
        };
        let folder: Arc<str> = Arc::from(folder_display(&path, self.root));
        let handle = Arc::new(handle);
        let mut local = ScanOutput::default();
        for (name, kind) in entries {
            let child = path.join(&name);
            match kind {
                Kind::Dir => {
                    if crate::names::normalize::starts_like_code(&decoded(&name), self.code_pattern)
                    {
                        let rel = relative_display(&child, self.root);
                        local.nested_projects.push((project, rel));
                    }
                    let parent = Arc::clone(&handle);
                    s.spawn(move |s| self.subfolder(s, project, &parent, name, child, depth + 1));
                }
                Kind::File => self.file(&mut local, &handle, project, (&folder, &child), depth + 1),
                Kind::Symlink => local
                    .symlinks
                    .push((project, relative_display(&child, self.root))),
                Kind::Special(kind) => local.special_files.push(SpecialFile {
                    project,
                    rel_path: relative_display(&child, self.root),
                    kind,
                }),
            }
        }
        self.push(|out| {
            out.files.append(&mut local.files);
            out.symlinks.append(&mut local.symlinks);
            out.special_files.append(&mut local.special_files);
            out.nested_projects.append(&mut local.nested_projects);
            out.errors.append(&mut local.errors);
        });
    }

    /// Opens the folder `name` of `parent` (refusing a link put there since the listing)
    /// and walks it.
    fn subfolder<'s>(
        &'s self,
        s: &rayon::Scope<'s>,
        project: usize,
        parent: &DirHandle,
        name: OsString,
        path: PathBuf,
        depth: usize,
    ) {
        match parent.child(&name) {
            Ok(handle) => self.folder(s, project, handle, path, depth),
            // Replaced by a file since it was listed: the file is not this walk's to list.
            Err(OpenDirError::NotADir) => {}
            Err(error) => self.refused(project, &path, &error),
        }
    }

    /// Records the file at `path` (in the folder shown as `folder`), with its size and time
    /// when the sweep opens files; what it has become since the listing is what counts.
    fn file(
        &self,
        out: &mut ScanOutput,
        parent: &DirHandle,
        project: usize,
        (folder, path): (&Arc<str>, &Path),
        depth: usize,
    ) {
        let (size, mtime) = if self.metadata {
            let name = path.file_name().unwrap_or_default();
            match parent.stat(name) {
                Ok(stat) if stat.kind == Kind::File => (stat.size, stat.mtime),
                Ok(stat) => {
                    let rel_path = relative_display(path, self.root);
                    match stat.kind {
                        Kind::Symlink => out.symlinks.push((project, rel_path)),
                        Kind::Special(kind) => out.special_files.push(SpecialFile {
                            project,
                            rel_path,
                            kind,
                        }),
                        // Became a folder since it was listed: listed next sweep.
                        Kind::Dir | Kind::File => {}
                    }
                    return;
                }
                // Listed, but its size cannot be read (gone since, or refused): listed as
                // it was, with the error beside it.
                Err(error) => {
                    out.errors.push(WalkError {
                        project,
                        rel_path: relative_display(path, self.root),
                        error: ReadError::from(&error),
                    });
                    (0, None)
                }
            }
        } else {
            (0, None)
        };
        let share_name = |name: &str| self.names.with(|names| names.get(name));
        out.files.push(FileEntry::in_folder(
            project,
            self.root,
            (folder, share_name),
            path,
            depth,
            size,
            mtime,
        ));
    }
}
