//! Where an output file really lands, so that guicang never writes into the archive.
//!
//! A report path can be a symbolic link, even a dangling one whose target does not exist
//! yet: writing through it creates the target. So the final target is resolved by
//! following every link by hand (at most [`MAX_LINKS`]), the folders canonicalised, and
//! the file is then written at that resolved place, refusing to follow a link that
//! appeared there since ([`write_new`]).

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links are followed before giving up (as the kernel does).
pub const MAX_LINKS: usize = 40;

/// Why an output path cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// It names no file (`/`, `..`).
    #[error("it does not name a file")]
    NoFileName,
    /// Its folder does not exist or cannot be resolved.
    #[error("the folder {folder} cannot be used ({source})")]
    Folder {
        /// The folder.
        folder: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// It is a folder.
    #[error("it is a folder; name a file")]
    IsFolder,
    /// Links point to links more than [`MAX_LINKS`] times.
    #[error("it goes through more than {MAX_LINKS} symbolic links")]
    TooManyLinks,
}

/// The place `path` would be written: its folder canonicalised and every symbolic link
/// of the file itself followed, existing or dangling.
pub fn resolve_target(path: &Path) -> Result<PathBuf, TargetError> {
    let mut current = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        let name = current
            .file_name()
            .ok_or(TargetError::NoFileName)?
            .to_owned();
        let folder = match current.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let folder = folder
            .canonicalize()
            .map_err(|source| TargetError::Folder { folder, source })?;
        let full = folder.join(&name);
        match std::fs::symlink_metadata(&full) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&full).map_err(|source| TargetError::Folder {
                    folder: folder.clone(),
                    source,
                })?;
                current = folder.join(target);
            }
            Ok(m) if m.is_dir() => return Err(TargetError::IsFolder),
            _ => return Ok(full),
        }
    }
    Err(TargetError::TooManyLinks)
}

/// Writes `bytes` to `resolved` (a path from [`resolve_target`]), replacing a regular
/// file there, refusing to follow a link that was put there after it was resolved.
pub fn write_new(resolved: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let mut file = options.open(resolved)?;
    file.write_all(bytes)?;
    file.flush()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_dangling_link_resolves_to_where_it_would_create_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("archive")).unwrap();
        let link = root.join("report.json");
        symlink(root.join("archive/new.json"), &link).unwrap();
        assert_eq!(
            resolve_target(&link).unwrap(),
            root.join("archive/new.json")
        );
    }

    #[test]
    fn chains_of_relative_links_are_followed_and_loops_stop() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        symlink("sub/b", root.join("a")).unwrap();
        symlink("../c.txt", root.join("sub/b")).unwrap();
        assert_eq!(resolve_target(&root.join("a")).unwrap(), root.join("c.txt"));
        symlink("loop2", root.join("loop1")).unwrap();
        symlink("loop1", root.join("loop2")).unwrap();
        assert!(matches!(
            resolve_target(&root.join("loop1")),
            Err(TargetError::TooManyLinks)
        ));
    }

    #[test]
    fn writing_refuses_a_link_put_in_place_after_resolution() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let resolved = root.join("out.json");
        symlink(root.join("elsewhere.json"), &resolved).unwrap();
        assert!(write_new(&resolved, b"{}").is_err());
        assert!(!root.join("elsewhere.json").exists());
        std::fs::remove_file(&resolved).unwrap();
        write_new(&resolved, b"{}").unwrap();
        assert_eq!(std::fs::read(&resolved).unwrap(), b"{}");
    }
}
