//! One file found by the scan, and how its name is read.
//!
//! A file's path is kept as its folder, one string shared by every file in that folder,
//! and its name, shared by the files of that name ([`RelPath`]); the folders below its
//! project folder are a slice of the folder string. Only a name that is not UTF-8 costs
//! more: its GBK decoding for matching
//! and its raw path for opening. At a million files this layout is the difference between
//! a sweep that fits in memory and one that does not: most of the bytes of a path are its
//! folders, and a folder holds tens of files.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

pub use crate::paths::RelPath;
use crate::paths::{decode_name, decoded, folder_display};

/// A file inside a project folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// Path relative to the archive root.
    path: RelPath,
    /// Index of its project in the discovered project list (`u32`, packed with `below_at`:
    /// there is one entry per file).
    project: u32,
    /// Where the folders below the project folder start in the folder string.
    below_at: u32,
    /// Names decoded for matching and the raw path, when a name on the way is not UTF-8.
    not_utf8: Option<Box<NotUtf8>>,
    /// Size in bytes (0 when the scan did not look).
    pub size: u64,
    /// Last modification time in nanoseconds since the Unix epoch, [`NO_TIME`] when the
    /// scan did not look or the file system gives none (8 bytes, not 16: one per file).
    mtime_ns: i64,
}

/// `mtime_ns` of a file whose modification time is not known.
const NO_TIME: i64 = i64::MIN;

/// What a file whose path is not UTF-8 needs besides its shown path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NotUtf8 {
    /// The folders below the project folder, decoded (GBK when it decodes), joined by `/`.
    dirs: Box<str>,
    /// The file name, decoded.
    name: Box<str>,
    /// The path to open the file by (raw bytes, never re-encoded).
    raw: Box<Path>,
}

impl FileEntry {
    /// A file at `path`, `depth` components below its project folder, which is `project`.
    pub fn new(
        project: usize,
        root: &Path,
        path: &Path,
        depth: usize,
        size: u64,
        mtime: Option<SystemTime>,
    ) -> FileEntry {
        let folder = Arc::from(folder_display(path.parent().unwrap_or(root), root));
        FileEntry::in_folder(
            project,
            root,
            (&folder, |name: &str| Arc::from(name)),
            path,
            depth,
            size,
            mtime,
        )
    }

    /// Like [`FileEntry::new`], with the folder's path relative to the root already made
    /// (`folder`, empty for the root), so that the files of one folder share it, and the
    /// file's name (as shown) made by `share_name`, so that files of one name can share it
    /// (the walk's `SharedStrings`).
    pub fn in_folder(
        project: usize,
        root: &Path,
        (folder, share_name): (&Arc<str>, impl FnOnce(&str) -> Arc<str>),
        path: &Path,
        depth: usize,
        size: u64,
        mtime: Option<SystemTime>,
    ) -> FileEntry {
        let file_name = path.file_name().unwrap_or_default();
        let below_dirs: Vec<&OsStr> = path
            .components()
            .rev()
            .skip(1)
            .take(depth.saturating_sub(1))
            .map(|c| c.as_os_str())
            .collect();
        let below_len: usize = below_dirs.iter().map(|c| decoded(c).len()).sum::<usize>()
            + below_dirs.len().saturating_sub(1);
        let below_at = folder.len().saturating_sub(below_len) as u32;
        let lossless = path.strip_prefix(root).unwrap_or(path).to_str().is_some();
        let not_utf8 = (!lossless).then(|| {
            let dirs: Vec<String> = below_dirs.iter().rev().map(|c| decode_name(c).0).collect();
            Box::new(NotUtf8 {
                dirs: dirs.join("/").into_boxed_str(),
                name: decode_name(file_name).0.into_boxed_str(),
                raw: path.to_path_buf().into_boxed_path(),
            })
        });
        FileEntry {
            project: u32::try_from(project).expect("fewer than 4 billion projects"),
            // Shown as decoded for matching (GBK, else escaped bytes), never lossily.
            path: RelPath::with_shared_name(Arc::clone(folder), share_name(&decoded(file_name))),
            below_at,
            not_utf8,
            size,
            mtime_ns: mtime.map_or(NO_TIME, nanos_since_epoch),
        }
    }

    /// Last modification time in nanoseconds since the Unix epoch (negative before it),
    /// when the scan looked and the file system gives one.
    pub fn mtime_ns(&self) -> Option<i64> {
        (self.mtime_ns != NO_TIME).then_some(self.mtime_ns)
    }

    /// Index of its project in the discovered project list.
    pub fn project(&self) -> usize {
        self.project as usize
    }

    /// Moves the file to project `project` (an index into another list of the same projects).
    pub fn set_project(&mut self, project: usize) {
        self.project = u32::try_from(project).expect("fewer than 4 billion projects");
    }

    /// Path relative to the archive root, for reports (a name that is not UTF-8 decoded as
    /// GBK where it fits, else with escaped bytes).
    pub fn rel_path(&self) -> &RelPath {
        &self.path
    }

    /// The file name, decoded for matching.
    pub fn name(&self) -> &str {
        match &self.not_utf8 {
            Some(n) => &n.name,
            None => self.path.name(),
        }
    }

    /// The folders between the project folder and the file, joined by `/` (empty when the
    /// file lies in the project folder itself), decoded for matching.
    pub fn dirs_text(&self) -> &str {
        match &self.not_utf8 {
            Some(n) => &n.dirs,
            None => &self.path.dir()[self.below_at as usize..],
        }
    }

    /// The folders between the project folder and the file, outermost first.
    pub fn dirs(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.dirs_text().split('/').filter(|d| !d.is_empty())
    }

    /// Whether a name on the way was not UTF-8 and was decoded as GBK (a guess).
    pub fn name_guessed(&self) -> bool {
        self.not_utf8.is_some()
    }

    /// The path as the file system spells it, when a name on the way is not UTF-8.
    pub fn raw_path(&self) -> Option<&Path> {
        self.not_utf8.as_ref().map(|n| &*n.raw)
    }

    /// The path to open the file by.
    pub fn path(&self, root: &Path) -> PathBuf {
        match &self.not_utf8 {
            Some(n) => n.raw.to_path_buf(),
            None => root.join(self.path.dir()).join(self.path.name()),
        }
    }
}

/// Nanoseconds between the Unix epoch and `time` (negative before it), saturating in the
/// year 1677 and 2262, and never [`NO_TIME`].
fn nanos_since_epoch(time: SystemTime) -> i64 {
    let nanos = match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_nanos()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_nanos()).map_or(i64::MIN, |n| -n),
    };
    nanos.max(NO_TIME + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::relative_display;

    /// Splits a whole relative path at its last `/`.
    fn parse(path: &str) -> RelPath {
        match path.rfind('/') {
            Some(slash) => RelPath::new(Arc::from(&path[..slash]), &path[slash + 1..]),
            None => RelPath::new(Arc::from(""), path),
        }
    }

    #[test]
    fn utf8_names_are_not_guesses() {
        assert_eq!(
            decode_name(OsStr::new("施工合同.pdf")),
            ("施工合同.pdf".to_string(), false)
        );
    }

    #[cfg(unix)]
    #[test]
    fn gbk_names_are_decoded_as_a_guess() {
        use std::os::unix::ffi::OsStrExt;
        let (gbk, _, _) = encoding_rs::GBK.encode("施工合同.pdf");
        let (name, guessed) = decode_name(OsStr::from_bytes(&gbk));
        assert_eq!(name, "施工合同.pdf");
        assert!(guessed);
        let root = Path::new("/a");
        let path = Path::new("/a/P-1 学校/01 立项").join(OsStr::from_bytes(&gbk));
        let file = FileEntry::new(0, root, &path, 2, 0, None);
        assert_eq!(file.name(), "施工合同.pdf");
        assert_eq!(file.dirs().collect::<Vec<_>>(), vec!["01 立项"]);
        assert!(file.name_guessed());
        assert_eq!(file.path(root), path);

        // A project folder whose name is not UTF-8: the file opens by its raw path.
        let folder = Path::new("/a").join(OsStr::from_bytes(&gbk));
        let inside = FileEntry::new(0, root, &folder.join("批复.pdf"), 1, 0, None);
        assert_eq!(inside.name(), "批复.pdf");
        assert_eq!(inside.path(root), folder.join("批复.pdf"));
    }

    #[test]
    fn names_and_folders_are_slices_of_the_relative_path() {
        let root = Path::new("/archive");
        let file = FileEntry::new(
            3,
            root,
            Path::new("/archive/2023/P-1 学校/01 立项/批复/001.jpg"),
            3,
            5,
            None,
        );
        assert!(file.rel_path().is("2023/P-1 学校/01 立项/批复/001.jpg"));
        assert_eq!(
            file.rel_path().joined(),
            "2023/P-1 学校/01 立项/批复/001.jpg"
        );
        assert_eq!(file.name(), "001.jpg");
        assert_eq!(file.dirs_text(), "01 立项/批复");
        assert_eq!(
            file.dirs().rev().collect::<Vec<_>>(),
            vec!["批复", "01 立项"]
        );
        assert_eq!(
            file.path(root),
            Path::new("/archive/2023/P-1 学校/01 立项/批复/001.jpg")
        );
        let top = FileEntry::new(
            3,
            root,
            Path::new("/archive/2023/P-1 学校/可研.pdf"),
            1,
            5,
            None,
        );
        assert_eq!((top.name(), top.dirs_text()), ("可研.pdf", ""));
    }

    #[test]
    fn relative_paths_compare_as_whole_strings() {
        let paths = [
            "a.pdf",
            "b/c.pdf",
            "b/c/d.pdf",
            "b.pdf",
            "b-c/a.pdf",
            "b/c-d.pdf",
            "学校/01 立项/批复.pdf",
            "学校/01 立项.pdf",
        ];
        for a in paths {
            for b in paths {
                let (pa, pb) = (parse(a), parse(b));
                assert_eq!(pa.cmp(&pb), a.cmp(b), "{a} vs {b}");
                assert_eq!(pa.cmp_str(b), a.cmp(b), "{a} vs {b}");
                assert_eq!(pa.is(b), a == b);
            }
            assert_eq!(parse(a).to_string(), a);
        }
        let shared: Arc<str> = Arc::from("p");
        let (x, y) = (RelPath::new(shared.clone(), "x"), RelPath::new(shared, "y"));
        assert!(x < y);
    }

    #[test]
    fn a_file_at_the_root_has_an_empty_folder() {
        let root = Path::new("/archive");
        let file = FileEntry::new(0, root, Path::new("/archive/.hidden.pdf"), 1, 0, None);
        assert_eq!(file.rel_path().dir(), "");
        assert_eq!(file.rel_path().joined(), ".hidden.pdf");
        let nested = FileEntry::new(0, root, Path::new("/archive/.git/x"), 1, 0, None);
        assert_eq!(nested.rel_path().dir(), ".git");
    }

    #[test]
    fn relative_paths_use_forward_slashes() {
        let base = Path::new("/a/b");
        assert_eq!(
            relative_display(&base.join("c").join("d.pdf"), base),
            "c/d.pdf"
        );
        assert_eq!(relative_display(base, base), ".");
    }
}
