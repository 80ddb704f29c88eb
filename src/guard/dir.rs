//! Folders opened relative to their parent's handle (`openat`), never by path: a folder
//! swapped for a symbolic link while the walk runs is refused (`O_NOFOLLOW`), not followed,
//! so nothing outside the archive is ever listed as part of it.
//!
//! On other systems than Unix the same calls work by path, checking each folder for a link
//! before it is read (a window remains there, which Unix closes).

use std::io;

use crate::finding::file::ReadError;

/// What a folder entry is, as the walk needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A folder.
    Dir,
    /// A symbolic link (never followed).
    Symlink,
    /// A FIFO, socket or device: its description (`FIFO`, `socket`, `device`).
    Special(&'static str),
}

/// A file's size and modification time (nanoseconds since the epoch).
#[derive(Debug, Clone, Copy)]
pub struct Stat {
    /// What it is now (it may have changed since the folder was read).
    pub kind: Kind,
    /// Size in bytes.
    pub size: u64,
    /// Last modification, nanoseconds since the Unix epoch, when known.
    pub mtime: Option<std::time::SystemTime>,
}

/// Why a folder could not be opened.
#[derive(Debug)]
pub enum OpenDirError {
    /// It is (now) a symbolic link: not followed.
    Symlink,
    /// It is (now) not a folder.
    NotADir,
    /// The system refused.
    Io(io::Error),
}

#[cfg(unix)]
mod imp {
    use std::ffi::{OsStr, OsString};
    use std::io;
    use std::os::fd::{BorrowedFd, OwnedFd};
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    use std::path::{Component, Path};

    use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags};
    use rustix::io::Errno;

    use super::{Kind, OpenDirError, Stat};

    /// An open folder: its listing stream, whose descriptor the children are opened from.
    pub struct DirHandle(rustix::fs::Dir);

    const DIR_FLAGS: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::NOFOLLOW)
        .union(OFlags::CLOEXEC);

    fn kind_of(file_type: FileType) -> Option<Kind> {
        Some(match file_type {
            FileType::RegularFile => Kind::File,
            FileType::Directory => Kind::Dir,
            FileType::Symlink => Kind::Symlink,
            FileType::Fifo => Kind::Special("FIFO"),
            FileType::Socket => Kind::Special("socket"),
            FileType::CharacterDevice | FileType::BlockDevice => Kind::Special("device"),
            FileType::Unknown => return None,
        })
    }

    fn open_error(errno: Errno) -> OpenDirError {
        match errno {
            Errno::LOOP => OpenDirError::Symlink,
            Errno::NOTDIR => OpenDirError::NotADir,
            other => OpenDirError::Io(other.into()),
        }
    }

    impl DirHandle {
        fn of(fd: OwnedFd) -> io::Result<DirHandle> {
            Ok(DirHandle(rustix::fs::Dir::new(fd)?))
        }

        fn fd(&self) -> io::Result<BorrowedFd<'_>> {
            Ok(self.0.fd()?)
        }

        /// Opens the archive root as given (links in it followed: the user named it).
        pub fn root(path: &Path) -> io::Result<DirHandle> {
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            DirHandle::of(rustix::fs::openat(CWD, path, flags, Mode::empty())?)
        }

        /// Opens the folder `rel` below this one, one name at a time, refusing a link at
        /// every step.
        pub fn beneath(&self, rel: &Path) -> Result<DirHandle, OpenDirError> {
            let fd = self.fd().map_err(OpenDirError::Io)?;
            let dot = rustix::fs::openat(fd, ".", DIR_FLAGS, Mode::empty()).map_err(open_error)?;
            let mut current = DirHandle::of(dot).map_err(OpenDirError::Io)?;
            for component in rel.components() {
                match component {
                    Component::Normal(name) => current = current.child(name)?,
                    Component::CurDir => {}
                    _ => return Err(OpenDirError::Io(io::ErrorKind::InvalidInput.into())),
                }
            }
            Ok(current)
        }

        /// Opens the folder `name` in this one; a link there is refused.
        pub fn child(&self, name: &OsStr) -> Result<DirHandle, OpenDirError> {
            let fd = self.fd().map_err(OpenDirError::Io)?;
            match rustix::fs::openat(fd, name.as_bytes(), DIR_FLAGS, Mode::empty()) {
                Ok(child) => DirHandle::of(child).map_err(OpenDirError::Io),
                // With O_DIRECTORY, Linux says "not a folder" of a link too: look again.
                Err(Errno::NOTDIR) => match self.stat(name) {
                    Ok(stat) if stat.kind == Kind::Symlink => Err(OpenDirError::Symlink),
                    _ => Err(OpenDirError::NotADir),
                },
                Err(errno) => Err(open_error(errno)),
            }
        }

        /// The entries of this folder (`.` and `..` left out), each with its kind: from the
        /// listing when the file system gives it, else looked up without following links.
        pub fn entries(&mut self) -> io::Result<Vec<(OsString, Kind)>> {
            let mut out = Vec::new();
            let mut unknown = Vec::new();
            while let Some(entry) = self.0.read() {
                let entry = entry?;
                let bytes = entry.file_name().to_bytes();
                if bytes == b"." || bytes == b".." {
                    continue;
                }
                let name = OsString::from_vec(bytes.to_vec());
                match kind_of(entry.file_type()) {
                    Some(kind) => out.push((name, kind)),
                    None => unknown.push(name),
                }
            }
            for name in unknown {
                let kind = self.stat(&name)?.kind;
                out.push((name, kind));
            }
            Ok(out)
        }

        /// What the entry `name` of this folder is now, its size and time; a link is
        /// described, not followed.
        pub fn stat(&self, name: &OsStr) -> io::Result<Stat> {
            let st = rustix::fs::statat(self.fd()?, name.as_bytes(), AtFlags::SYMLINK_NOFOLLOW)?;
            let kind = kind_of(FileType::from_raw_mode(st.st_mode)).unwrap_or(Kind::Special("?"));
            let mtime = u64::try_from(st.st_mtime).ok().map(|secs| {
                std::time::UNIX_EPOCH + std::time::Duration::new(secs, st.st_mtime_nsec as u32)
            });
            Ok(Stat {
                kind,
                size: u64::try_from(st.st_size).unwrap_or(0),
                mtime,
            })
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use std::ffi::{OsStr, OsString};
    use std::io;
    use std::path::{Path, PathBuf};

    use super::{Kind, OpenDirError, Stat};

    /// A folder, by path (no directory handles here).
    pub struct DirHandle(PathBuf);

    fn kind_of(file_type: std::fs::FileType) -> Kind {
        if file_type.is_symlink() {
            Kind::Symlink
        } else if file_type.is_dir() {
            Kind::Dir
        } else if file_type.is_file() {
            Kind::File
        } else {
            Kind::Special("device")
        }
    }

    impl DirHandle {
        /// The archive root as given.
        pub fn root(path: &Path) -> io::Result<DirHandle> {
            std::fs::read_dir(path)?;
            Ok(DirHandle(path.to_path_buf()))
        }

        /// The folder `rel` below this one, refusing a link at every step.
        pub fn beneath(&self, rel: &Path) -> Result<DirHandle, OpenDirError> {
            let mut current = DirHandle(self.0.clone());
            for name in rel.iter() {
                current = current.child(name)?;
            }
            Ok(current)
        }

        /// The folder `name` in this one; a link there is refused.
        pub fn child(&self, name: &OsStr) -> Result<DirHandle, OpenDirError> {
            let path = self.0.join(name);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => Err(OpenDirError::Symlink),
                Ok(m) if !m.is_dir() => Err(OpenDirError::NotADir),
                Ok(_) => Ok(DirHandle(path)),
                Err(e) => Err(OpenDirError::Io(e)),
            }
        }

        /// The entries of this folder, each with its kind.
        pub fn entries(&mut self) -> io::Result<Vec<(OsString, Kind)>> {
            std::fs::read_dir(&self.0)?
                .map(|e| {
                    let e = e?;
                    Ok((e.file_name(), kind_of(e.file_type()?)))
                })
                .collect()
        }

        /// What the entry `name` is now, its size and time; a link is not followed.
        pub fn stat(&self, name: &OsStr) -> io::Result<Stat> {
            let m = std::fs::symlink_metadata(self.0.join(name))?;
            Ok(Stat {
                kind: kind_of(m.file_type()),
                size: m.len(),
                mtime: m.modified().ok(),
            })
        }
    }
}

pub use imp::DirHandle;

impl From<&OpenDirError> for ReadError {
    /// The error as the finding vocabulary states it, for a report in its own language.
    fn from(error: &OpenDirError) -> ReadError {
        match error {
            OpenDirError::Symlink => ReadError::Symlink,
            OpenDirError::NotADir => ReadError::NotAFolder,
            OpenDirError::Io(e) => ReadError::from(e),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::{OsStr, OsString};
    use std::path::Path;

    #[test]
    fn a_link_is_listed_as_a_link_and_never_opened_as_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::fs::write(dir.path().join("real/a.pdf"), b"x").unwrap();
        std::os::unix::fs::symlink("/etc", dir.path().join("link")).unwrap();
        let mut root = DirHandle::root(dir.path()).unwrap();
        let mut entries = root.entries().unwrap();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            entries,
            [
                (OsString::from("link"), Kind::Symlink),
                (OsString::from("real"), Kind::Dir)
            ]
        );
        assert!(matches!(
            root.child(OsStr::new("link")),
            Err(OpenDirError::Symlink)
        ));
        assert!(matches!(
            root.beneath(Path::new("link/ssl")),
            Err(OpenDirError::Symlink)
        ));
        let mut real = root.beneath(Path::new("real")).unwrap();
        assert_eq!(
            real.entries().unwrap(),
            [(OsString::from("a.pdf"), Kind::File)]
        );
        let stat = real.stat(OsStr::new("a.pdf")).unwrap();
        assert_eq!((stat.kind, stat.size), (Kind::File, 1));
        assert!(stat.mtime.is_some());
        assert!(matches!(
            real.child(OsStr::new("a.pdf")),
            Err(OpenDirError::NotADir)
        ));
    }
}
