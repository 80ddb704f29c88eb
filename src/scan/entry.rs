//! One file found by the scan, and how its name is read.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::SystemTime;

/// A file inside a project folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// Index of its project in the discovered project list.
    pub project: usize,
    /// The path to open it by (raw bytes, never re-encoded).
    pub path: PathBuf,
    /// Path relative to the archive root with `/` separators, for reports.
    pub rel_path: String,
    /// The folders between the project folder and the file, decoded for matching.
    pub dirs: Vec<String>,
    /// The file name, decoded for matching.
    pub name: String,
    /// Whether the name was not UTF-8 and was decoded as GBK (a guess).
    pub name_guessed: bool,
    /// Size in bytes.
    pub size: u64,
    /// Last modification time, when the file system gives one.
    pub mtime: Option<SystemTime>,
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
pub fn relative_display(path: &std::path::Path, base: &std::path::Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
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
    }

    #[test]
    fn relative_paths_use_forward_slashes() {
        let base = std::path::Path::new("/a/b");
        assert_eq!(
            relative_display(&base.join("c").join("d.pdf"), base),
            "c/d.pdf"
        );
        assert_eq!(relative_display(base, base), ".");
    }
}
