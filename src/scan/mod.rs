//! The scan: a parallel walk over the project folders that lists every file once.
//!
//! The walk is behind [`scan`] alone, so that it can be tuned without touching its users.
//! It opens each folder from its parent's handle ([`walk`]), never by path, so that no
//! link is followed, not even one swapped in while the sweep runs; every file is listed,
//! hidden ones too (an archive has no files to skip). Results are kept per thread, merged
//! once, then sorted so that the output never depends on thread timing. A folder that
//! cannot be listed is reported, never skipped in silence.

pub mod entry;
mod per_thread;
pub mod share;
mod walk;

use regex::Regex;
use std::path::{Path, PathBuf};

use rayon::slice::ParallelSliceMut;

use crate::finding::file::ReadError;

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
    pub error: ReadError,
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
    metadata: bool,
    code_pattern: &Regex,
) -> ScanOutput {
    let parts = walk::walk(root, project_folders, metadata, code_pattern);
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
        (a.project, &a.rel_path, &a.error).cmp(&(b.project, &b.rel_path, &b.error))
    });
    out.errors.dedup();
    out.symlinks.sort();
    out.special_files.sort();
    out.nested_projects.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files of one name in different folders and projects hold one string between them,
    /// and each still shows its own path.
    #[test]
    fn files_of_one_name_share_it() {
        let archive = tempfile::tempdir().unwrap();
        let root = archive.path();
        for folder in ["A-2023-001/合同", "A-2023-002"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
            std::fs::write(root.join(folder).join("合同.pdf"), b"%PDF-1.4").unwrap();
        }
        let folders = [root.join("A-2023-001"), root.join("A-2023-002")];
        let pattern = Regex::new("^A-").unwrap();
        // One worker thread: the names of one thread are shared.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let out = pool.install(|| scan(root, &folders, false, &pattern));
        let [first, second] = &out.files[..] else {
            panic!("two files: {:?}", out.files);
        };
        assert_eq!(first.rel_path().to_string(), "A-2023-001/合同/合同.pdf");
        assert_eq!(second.rel_path().to_string(), "A-2023-002/合同.pdf");
        assert_eq!(first.name().as_ptr(), second.name().as_ptr());
    }
}
