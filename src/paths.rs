//! Paths as every step shows them: relative to the archive root, `/` separators, names
//! that are not UTF-8 decoded as GBK where that fits.
//!
//! A path is kept as its folder, one string shared by every file in that folder, and its
//! name, one string shared by the files of that name the walk meets ([`RelPath`]); at a
//! million files most of the bytes of a path are its folders, and most names repeat.

use std::cmp::Ordering;
use std::ffi::OsStr;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A path relative to the archive root with `/` separators (names that are not UTF-8
/// decoded, see [`decode_name`]): its folder, shared, and its name. Compares, displays and serialises as the
/// whole path string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RelPath {
    /// The folder, relative to the root (empty for a file at the root).
    dir: Arc<str>,
    /// The file name.
    name: Arc<str>,
}

impl RelPath {
    /// The file `name` in the folder `dir` (relative to the root; empty for the root).
    pub fn new(dir: Arc<str>, name: &str) -> RelPath {
        RelPath {
            dir,
            name: Arc::from(name),
        }
    }

    /// The file `name`, already shared with other files of that name, in the folder `dir`.
    pub fn with_shared_name(dir: Arc<str>, name: Arc<str>) -> RelPath {
        RelPath { dir, name }
    }

    /// The folder, relative to the root (empty for a file at the root).
    pub fn dir(&self) -> &str {
        &self.dir
    }

    /// The file name (decoded where it is not UTF-8).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this is the path `path`, compared without building the whole string.
    pub fn is(&self, path: &str) -> bool {
        self.cmp_str(path) == Ordering::Equal
    }

    /// The whole path as one string, allocated once at its exact length.
    pub fn joined(&self) -> String {
        let mut out = String::with_capacity(self.dir.len() + 1 + self.name.len());
        if !self.dir.is_empty() {
            out.push_str(&self.dir);
            out.push('/');
        }
        out.push_str(&self.name);
        out
    }

    /// Whether the path contains any of `chars`.
    pub fn contains(&self, chars: [char; 2]) -> bool {
        self.dir.contains(chars) || self.name.contains(chars)
    }

    /// The path as three byte slices: folder, separator, name.
    fn parts(&self) -> [&[u8]; 3] {
        let separator: &[u8] = if self.dir.is_empty() { b"" } else { b"/" };
        [self.dir.as_bytes(), separator, self.name.as_bytes()]
    }

    /// Compares with a whole path string, byte by byte.
    pub fn cmp_str(&self, path: &str) -> Ordering {
        compare_parts(self.parts(), [path.as_bytes(), b"", b""])
    }
}

/// Compares two byte strings each given in pieces, as if the pieces were joined.
fn compare_parts(a: [&[u8]; 3], b: [&[u8]; 3]) -> Ordering {
    let (mut ai, mut bi) = (0, 0);
    let (mut a_rest, mut b_rest) = (a[0], b[0]);
    loop {
        while a_rest.is_empty() && ai < 2 {
            ai += 1;
            a_rest = a[ai];
        }
        while b_rest.is_empty() && bi < 2 {
            bi += 1;
            b_rest = b[bi];
        }
        if a_rest.is_empty() || b_rest.is_empty() {
            return a_rest.len().cmp(&b_rest.len());
        }
        let n = a_rest.len().min(b_rest.len());
        match a_rest[..n].cmp(&b_rest[..n]) {
            Ordering::Equal => {
                a_rest = &a_rest[n..];
                b_rest = &b_rest[n..];
            }
            unequal => return unequal,
        }
    }
}

impl Ord for RelPath {
    fn cmp(&self, other: &RelPath) -> Ordering {
        if Arc::ptr_eq(&self.dir, &other.dir) {
            return self.name.cmp(&other.name);
        }
        compare_parts(self.parts(), other.parts())
    }
}

impl PartialOrd for RelPath {
    fn partial_cmp(&self, other: &RelPath) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for RelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.dir.is_empty() {
            f.write_str(&self.dir)?;
            f.write_str("/")?;
        }
        f.write_str(&self.name)
    }
}

impl serde::Serialize for RelPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A path read back from a report: folder before the last `/`, name after it.
impl<'de> serde::Deserialize<'de> for RelPath {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RelPath, D::Error> {
        let path = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(RelPath::from(path.as_ref()))
    }
}

impl From<&str> for RelPath {
    /// The path `path` (relative, `/` separators): folder before the last `/`, name after.
    fn from(path: &str) -> RelPath {
        match path.rsplit_once('/') {
            Some((dir, name)) => RelPath::new(Arc::from(dir), name),
            None => RelPath::new(Arc::from(""), path),
        }
    }
}

/// Decodes a file or folder name: UTF-8 if it is, else GBK (old Windows shares) when that
/// decodes without error, else its valid runs with every other byte as `\xNN`. The flag
/// says whether the result is a guess.
pub fn decode_name(name: &OsStr) -> (String, bool) {
    if let Some(s) = name.to_str() {
        return (s.to_string(), false);
    }
    let bytes = name.as_encoded_bytes();
    let (decoded, _, had_errors) = encoding_rs::GBK.decode(bytes);
    if had_errors {
        (escape_invalid(bytes), true)
    } else {
        (decoded.into_owned(), true)
    }
}

/// A name as [`decode_name`] reads it, borrowed when it is UTF-8 (nearly always): for
/// callers that only look at the text, on paths taken once per file or folder.
pub fn decoded(name: &OsStr) -> std::borrow::Cow<'_, str> {
    match name.to_str() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(decode_name(name).0),
    }
}

/// Bytes that are neither UTF-8 nor GBK, shown without loss: valid UTF-8 runs as they are,
/// every other byte as `\xNN`, so that two different names never read the same.
fn escape_invalid(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// A folder relative to the root as [`RelPath`] keeps it: `/` separators, empty for the root.
pub fn folder_display(folder: &Path, root: &Path) -> String {
    if folder == root {
        String::new()
    } else {
        relative_display(folder, root)
    }
}

/// A path relative to `base` with `/` separators; names that are not UTF-8 are decoded as
/// [`decode_name`] does (GBK where it fits, else escaped bytes), never lossily.
pub fn relative_display(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let mut out = String::with_capacity(rel.as_os_str().len());
    for (index, component) in rel.components().enumerate() {
        if index > 0 {
            out.push('/');
        }
        // Decoded as names are for matching (GBK where it fits), never lossily.
        out.push_str(&decoded(component.as_os_str()));
    }
    if out.is_empty() { ".".to_string() } else { out }
}

/// A ledger cell as evidence, `file!sheet!row` or `file!sheet!A12`, split into its file,
/// sheet and row or cell; `None` for a path. File and sheet names may hold `!` themselves
/// (`合同!补充.pdf` is a file, not a cell): the row or cell is the part after the last `!`,
/// and the file ends at the first `!` that follows a spreadsheet extension.
pub fn ledger_cell(evidence: &str) -> Option<(&str, &str, &str)> {
    const LEDGER_EXTENSIONS: [&str; 6] = [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv"];
    let (head, cell) = evidence.rsplit_once('!')?;
    let digits = cell.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    head.match_indices('!').find_map(|(at, _)| {
        let file = &head[..at];
        let lower = file.to_ascii_lowercase();
        LEDGER_EXTENSIONS
            .iter()
            .any(|e| lower.ends_with(e))
            .then(|| (file, &head[at + 1..], cell))
    })
}

/// The file a piece of evidence lies in: a ledger cell's file, else the path itself.
pub fn evidence_file(evidence: &str) -> &str {
    ledger_cell(evidence).map_or(evidence, |(file, _, _)| file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledger_cells_are_told_from_paths_that_hold_a_bang() {
        assert_eq!(
            ledger_cell("台账/拨付.xlsx!Sheet1!12"),
            Some(("台账/拨付.xlsx", "Sheet1", "12"))
        );
        assert_eq!(
            ledger_cell("台账!2023.xlsx!汇总!表!C7"),
            Some(("台账!2023.xlsx", "汇总!表", "C7"))
        );
        assert_eq!(ledger_cell("2023/合同!补充.pdf"), None);
        assert_eq!(ledger_cell("a!b!c.pdf"), None);
        assert_eq!(evidence_file("拨付.csv!拨付.csv!4"), "拨付.csv");
        assert_eq!(evidence_file("2023/合同!补充.pdf"), "2023/合同!补充.pdf");
    }
}
