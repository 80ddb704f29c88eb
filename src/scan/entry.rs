//! One file found by the scan, and how its name is read.
//!
//! A file is kept as one string, its path relative to the archive root, plus offsets: the
//! folders below its project folder and its name are slices of it. Only a name that is not
//! UTF-8 costs more: its GBK decoding for matching and its raw path for opening. At a
//! million files this layout is the difference between a sweep that fits in memory and
//! one that does not.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// A file inside a project folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// Index of its project in the discovered project list.
    pub project: usize,
    /// Path relative to the archive root with `/` separators, for reports (lossy where a
    /// name is not UTF-8).
    pub rel_path: Arc<str>,
    /// Where the part below the project folder starts in `rel_path`.
    below_at: u32,
    /// The part below the project folder decoded for matching, when a name is not UTF-8.
    decoded: Option<Box<str>>,
    /// The path to open the file by, when a name is not UTF-8 (raw bytes, never re-encoded).
    raw: Option<Box<Path>>,
    /// Size in bytes (0 when the scan did not look).
    pub size: u64,
    /// Last modification time, when the scan looked and the file system gives one.
    pub mtime: Option<SystemTime>,
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
        let rel_path = relative_display(path, root);
        let below: Vec<&OsStr> = path
            .components()
            .rev()
            .take(depth)
            .map(|c| c.as_os_str())
            .collect();
        let lossless = below.iter().all(|c| c.to_str().is_some());
        let below_len: usize = below
            .iter()
            .map(|c| c.to_string_lossy().len())
            .sum::<usize>()
            + depth.saturating_sub(1);
        let below_at = rel_path.len().saturating_sub(below_len) as u32;
        let (decoded, raw) = if lossless {
            (None, None)
        } else {
            let parts: Vec<String> = below.iter().rev().map(|c| decode_name(c).0).collect();
            (
                Some(parts.join("/").into_boxed_str()),
                Some(path.to_path_buf().into_boxed_path()),
            )
        };
        FileEntry {
            project,
            rel_path: Arc::from(rel_path),
            below_at,
            decoded,
            raw,
            size,
            mtime,
        }
    }

    /// The path below the project folder, decoded for matching (`01 可研立项/批复.pdf`).
    fn below(&self) -> &str {
        self.decoded
            .as_deref()
            .unwrap_or(&self.rel_path[self.below_at as usize..])
    }

    /// The file name, decoded for matching.
    pub fn name(&self) -> &str {
        let below = self.below();
        below.rfind('/').map_or(below, |slash| &below[slash + 1..])
    }

    /// The folders between the project folder and the file, joined by `/` (empty when the
    /// file lies in the project folder itself).
    pub fn dirs_text(&self) -> &str {
        let below = self.below();
        below.rfind('/').map_or("", |slash| &below[..slash])
    }

    /// The folders between the project folder and the file, outermost first.
    pub fn dirs(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.dirs_text().split('/').filter(|d| !d.is_empty())
    }

    /// Whether a name on the way was not UTF-8 and was decoded as GBK (a guess).
    pub fn name_guessed(&self) -> bool {
        self.decoded.is_some()
    }

    /// The path to open the file by.
    pub fn path(&self, root: &Path) -> PathBuf {
        match &self.raw {
            Some(raw) => raw.to_path_buf(),
            None => root.join(&*self.rel_path),
        }
    }
}

/// Decodes a file or folder name: UTF-8 if it is, else GBK (old Windows shares) when that
/// decodes without error, else UTF-8 with replacement characters. The flag says whether
/// the result is a guess.
pub fn decode_name(name: &OsStr) -> (String, bool) {
    if let Some(s) = name.to_str() {
        return (s.to_string(), false);
    }
    let bytes = name.as_encoded_bytes();
    let (decoded, _, had_errors) = encoding_rs::GBK.decode(bytes);
    if had_errors {
        (String::from_utf8_lossy(bytes).into_owned(), true)
    } else {
        (decoded.into_owned(), true)
    }
}

/// A path relative to `base` with `/` separators, lossy where it is not UTF-8.
pub fn relative_display(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let mut out = String::with_capacity(rel.as_os_str().len());
    for (index, component) in rel.components().enumerate() {
        if index > 0 {
            out.push('/');
        }
        out.push_str(&component.as_os_str().to_string_lossy());
    }
    if out.is_empty() { ".".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(&*file.rel_path, "2023/P-1 学校/01 立项/批复/001.jpg");
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
    fn relative_paths_use_forward_slashes() {
        let base = Path::new("/a/b");
        assert_eq!(
            relative_display(&base.join("c").join("d.pdf"), base),
            "c/d.pdf"
        );
        assert_eq!(relative_display(base, base), ".");
    }
}
