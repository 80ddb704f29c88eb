//! Where a SARIF result points: URIs relative to the git work tree holding the archive
//! (so that code scanning shows them in the repository), else to the archive root.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Value, json};

use super::{ROOT_ID, WORK_TREE_ID};
use crate::lang::Lang;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Location {
    pub(super) physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) logical_locations: Vec<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PhysicalLocation {
    pub(super) artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ArtifactLocation {
    pub(super) uri: String,
    pub(super) uri_base_id: &'static str,
}

/// What locations are relative to: the git work tree holding the archive, or the archive.
pub struct Base {
    /// The archive root, absolute where it can be made so.
    root: PathBuf,
    /// The work tree, and the archive root's path inside it (`""` or ending in `/`).
    work_tree: Option<(PathBuf, String)>,
}

impl Base {
    /// Finds the git work tree holding `root`: the nearest folder upward with a `.git`
    /// (a folder, or a file in a linked work tree or submodule).
    pub fn find(root: &str) -> Base {
        let root = std::fs::canonicalize(root)
            .or_else(|_| std::path::absolute(root))
            .unwrap_or_else(|_| PathBuf::from(root));
        let work_tree = root
            .ancestors()
            .find(|dir| dir.join(".git").symlink_metadata().is_ok())
            .map(|tree| (tree.to_path_buf(), inside(tree, &root)));
        Base { root, work_tree }
    }

    /// Locations relative to `dir` (`--sarif-root`: the repository root when the archive is
    /// a subfolder of one that is not a git work tree here); the archive alone when the
    /// root does not lie inside `dir`.
    pub fn under(root: &str, dir: &Path) -> Base {
        let absolute = |p: &Path| {
            std::fs::canonicalize(p)
                .or_else(|_| std::path::absolute(p))
                .unwrap_or_else(|_| p.to_path_buf())
        };
        let root = absolute(Path::new(root));
        let dir = absolute(dir);
        let work_tree = root
            .starts_with(&dir)
            .then(|| (dir.clone(), inside(&dir, &root)));
        Base { root, work_tree }
    }

    /// The archive alone, in no work tree.
    #[cfg(test)]
    pub fn archive(root: &str) -> Base {
        Base {
            root: std::path::absolute(root).unwrap_or_else(|_| PathBuf::from(root)),
            work_tree: None,
        }
    }

    /// The `uriBaseId` of every location.
    pub(super) fn id(&self) -> &'static str {
        if self.work_tree.is_some() {
            WORK_TREE_ID
        } else {
            ROOT_ID
        }
    }

    /// The path of a piece of evidence (relative to the archive root) relative to the base.
    pub(super) fn relative(&self, path: &str) -> String {
        match &self.work_tree {
            Some((_, prefix)) => format!("{prefix}{path}"),
            None => path.to_string(),
        }
    }

    /// `originalUriBaseIds`: the archive root, and the work tree when there is one.
    pub(super) fn original_uri_base_ids(&self, lang: Lang) -> Value {
        let base = |folder: &Path, zh: &str, en: &str| {
            json!({
                "uri": root_uri(folder),
                "description": { "text": format!("{}{}", lang.pick(zh, en), folder.display()) },
            })
        };
        let mut ids = serde_json::Map::new();
        ids.insert(
            ROOT_ID.into(),
            base(&self.root, "档案根目录：", "archive root: "),
        );
        if let Some((tree, _)) = &self.work_tree {
            let description = (
                "包含档案的 git 工作树：",
                "git work tree holding the archive: ",
            );
            ids.insert(
                WORK_TREE_ID.into(),
                base(tree, description.0, description.1),
            );
        }
        Value::Object(ids)
    }

    /// `automationDetails.id`: `guicang/check/<root folder name>/`, the category under
    /// which code scanning keeps this archive's alerts apart from other analyses.
    pub(super) fn automation_id(&self) -> String {
        let name = self
            .root
            .file_name()
            .map_or_else(|| "archive".into(), |n| n.to_string_lossy().into_owned());
        format!("guicang/check/{name}/")
    }
}

/// The path of `root` inside `tree`, `/`-separated, ending in `/` unless empty.
pub(super) fn inside(tree: &Path, root: &Path) -> String {
    let rest = root.strip_prefix(tree).unwrap_or(Path::new(""));
    rest.components()
        .map(|c| format!("{}/", c.as_os_str().to_string_lossy()))
        .collect()
}

/// A location of one piece of evidence: a path, or a ledger cell `file!sheet!row`.
pub(super) fn location(evidence: &str, base: &Base) -> Location {
    let (file, cell) = match crate::paths::ledger_cell(evidence) {
        Some((file, sheet, cell)) => (file, Some((sheet, cell))),
        None => (evidence, None),
    };
    let logical_locations = match cell {
        Some((sheet, cell)) => {
            let mut properties = serde_json::Map::new();
            properties.insert("sheet".into(), Value::String(sheet.into()));
            match cell.parse::<u64>() {
                Ok(row) => properties.insert("row".into(), Value::from(row)),
                Err(_) => properties.insert("cell".into(), Value::String(cell.into())),
            };
            vec![json!({
                "name": format!("{sheet}!{cell}"),
                "fullyQualifiedName": evidence,
                "kind": "element",
                "properties": properties,
            })]
        }
        _ => Vec::new(),
    };
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: encode_path(&base.relative(file)),
                uri_base_id: base.id(),
            },
        },
        logical_locations,
    }
}

/// A folder as a URI ending in `/`: a `file:` URI when the path is absolute, else the
/// path as given.
pub(super) fn root_uri(root: &Path) -> String {
    let path = root.to_string_lossy().replace('\\', "/");
    // A canonical Windows path is verbatim (`\\?\C:\...`): the URI wants the drive.
    let path = path.strip_prefix("//?/").unwrap_or(&path);
    let drive = path
        .get(..2)
        .filter(|d| d.ends_with(':') && d.starts_with(|c: char| c.is_ascii_alphabetic()));
    let mut uri = match drive {
        Some(d) => format!("file:///{d}{}", encode_path(&path[2..])),
        None if path.starts_with('/') => format!("file://{}", encode_path(path)),
        None => encode_path(path),
    };
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encodes a `/`-separated path into a URI reference (UTF-8, RFC 3986): letters,
/// digits, `-._~` and the separators stay, everything else is `%XX`.
pub(super) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
