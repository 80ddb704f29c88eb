//! Opening a file that someone else controls, without being stalled or misled by it.
//!
//! An archive drive (and even a configuration folder) can hold a FIFO, a socket, a device
//! or a symbolic link where a file was expected; a blocking `open()` of a FIFO waits
//! forever for a writer, and a link inside the archive points outside it. Every file
//! guicang reads goes through [`open_regular`]: opened without blocking, the opened handle
//! checked to be a regular file (`fstat`, so a file swapped after the walk listed it is
//! judged as it is now), a link refused where [`Links::Refuse`] says so, and its size
//! checked against a cap before anything is read.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::finding::file::ReadError;

/// Whether symbolic links on the way to a file are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Follow them: a file the user named on the command line or in the configuration.
    Follow,
    /// Refuse them: a file inside the archive, where a link may point anywhere. On Linux
    /// no link anywhere on the path is followed (the sweep's paths start at the canonical
    /// root); elsewhere, a link as the file itself.
    Refuse,
}

/// Why a file could not be read: the system's error, or guicang's own refusal (a link, not
/// a regular file, past its cap, not UTF-8), said as the finding vocabulary says it.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The operating system refused (missing, permission, …).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// guicang refused it.
    #[error(transparent)]
    Refused(ReadError),
}

impl OpenError {
    /// The error as the finding vocabulary states it, so that a report says it in its own
    /// language.
    pub fn read_error(&self) -> ReadError {
        match self {
            OpenError::Io(e) => ReadError::from(e),
            OpenError::Refused(error) => error.clone(),
        }
    }
}

impl From<OpenError> for io::Error {
    /// The error as an I/O error, for callers whose errors carry one: the words stay.
    fn from(error: OpenError) -> io::Error {
        match error {
            OpenError::Io(e) => e,
            other => io::Error::new(io::ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

/// Opens `path` for reading: never blocks, refuses what is not a regular file, and with
/// [`Links::Refuse`] refuses a symbolic link. Returns the handle and the file's size.
pub fn open_regular(path: &Path, links: Links) -> Result<(File, u64), OpenError> {
    let file = open_nonblocking(path, links)?;
    let metadata = file.metadata()?;
    let kind = metadata.file_type();
    if !kind.is_file() {
        return Err(OpenError::Refused(ReadError::NotRegular {
            kind: describe(&kind).to_string(),
        }));
    }
    Ok((file, metadata.len()))
}

/// Reads the whole of `path` when it is a regular file of at most `cap` bytes.
pub fn read_capped(path: &Path, links: Links, cap: u64) -> Result<Vec<u8>, OpenError> {
    let (file, size) = open_regular(path, links)?;
    if size > cap {
        return Err(OpenError::Refused(ReadError::TooLarge { size, cap }));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow between fstat and read: read at most one byte past the cap.
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(OpenError::Refused(ReadError::TooLarge {
            size: bytes.len() as u64,
            cap,
        }));
    }
    Ok(bytes)
}

/// [`read_capped`] for a text file, which must be UTF-8 (a byte-order mark is dropped).
pub fn read_text_capped(path: &Path, links: Links, cap: u64) -> Result<String, OpenError> {
    let mut bytes = read_capped(path, links, cap)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        OpenError::Refused(ReadError::NotUtf8 {
            byte: e.utf8_error().valid_up_to() + 1,
        })
    })
}

#[cfg(unix)]
fn open_nonblocking(path: &Path, links: Links) -> Result<File, OpenError> {
    use std::os::unix::fs::OpenOptionsExt;

    #[cfg(target_os = "linux")]
    if links == Links::Refuse {
        if let Some(opened) = no_links::open(path) {
            return opened;
        }
    }
    let mut flags = rustix::fs::OFlags::NONBLOCK.bits() as i32;
    if links == Links::Refuse {
        flags |= rustix::fs::OFlags::NOFOLLOW.bits() as i32;
    }
    match OpenOptions::new().read(true).custom_flags(flags).open(path) {
        Ok(file) => Ok(file),
        // O_NOFOLLOW on a link fails with ELOOP.
        Err(e)
            if links == Links::Refuse
                && e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) =>
        {
            Err(OpenError::Refused(ReadError::Symlink))
        }
        Err(e) => Err(OpenError::Io(e)),
    }
}

/// Opening with no link anywhere on the path (`openat2` with `RESOLVE_NO_SYMLINKS`, Linux
/// 5.6 and later): a folder of the archive swapped for a link after the walk listed a file
/// in it cannot lead the read outside. The sweep gives paths under the canonical root, which
/// holds no link itself. Where the call is missing (older kernels, some sandboxes), the
/// last component alone is checked (`O_NOFOLLOW`).
#[cfg(target_os = "linux")]
mod no_links {
    use std::fs::File;
    use std::path::Path;
    use std::sync::OnceLock;

    use rustix::fs::{CWD, Mode, OFlags, ResolveFlags};
    use rustix::io::Errno;

    use super::{OpenError, ReadError};

    /// Whether this system has a working `openat2`, tried once on `/`: a kernel without it
    /// says ENOSYS, a sandbox that forbids it (seccomp) EPERM. Asked once, so that an EPERM
    /// of one file (an access control, a network share) is that file's error and does not
    /// turn the guard off for the rest of the sweep.
    fn available() -> bool {
        static AVAILABLE: OnceLock<bool> = OnceLock::new();
        *AVAILABLE.get_or_init(|| {
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            !matches!(
                rustix::fs::openat2(CWD, "/", flags, Mode::empty(), ResolveFlags::NO_SYMLINKS),
                Err(Errno::NOSYS | Errno::PERM)
            )
        })
    }

    /// Opens `path` for reading without blocking and through no link; `None` when the
    /// system has no `openat2`.
    pub(super) fn open(path: &Path) -> Option<Result<File, OpenError>> {
        if !available() {
            return None;
        }
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOFOLLOW;
        match rustix::fs::openat2(CWD, path, flags, Mode::empty(), ResolveFlags::NO_SYMLINKS) {
            Ok(fd) => Some(Ok(File::from(fd))),
            Err(Errno::LOOP) => Some(Err(OpenError::Refused(ReadError::Symlink))),
            Err(errno) => Some(Err(OpenError::Io(errno.into()))),
        }
    }
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path, links: Links) -> Result<File, OpenError> {
    if links == Links::Refuse && std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(OpenError::Refused(ReadError::Symlink));
    }
    Ok(OpenOptions::new().read(true).open(path)?)
}

/// What a file that is not regular is, in words: `FIFO`, `socket`, `device`, `folder`,
/// `symbolic link`, or `special file`.
pub fn describe(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "FIFO";
        }
        if kind.is_socket() {
            return "socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "device";
        }
    }
    if kind.is_dir() {
        "folder"
    } else if kind.is_symlink() {
        "symbolic link"
    } else {
        "special file"
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn fifo(path: &Path) {
        rustix::fs::mknodat(
            rustix::fs::CWD,
            path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o644),
            0,
        )
        .expect("mkfifo");
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("guicang.toml");
        fifo(&path);
        for links in [Links::Follow, Links::Refuse] {
            let error = read_capped(&path, links, 1024).unwrap_err();
            assert!(
                matches!(error, OpenError::Refused(ReadError::NotRegular { ref kind }) if kind.contains("FIFO")),
                "{error}"
            );
        }
    }

    #[test]
    fn a_link_is_refused_only_where_links_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("outside.toml");
        std::fs::write(&target, "a = 1").unwrap();
        let link = dir.path().join("project.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            read_capped(&link, Links::Refuse, 1024),
            Err(OpenError::Refused(ReadError::Symlink))
        ));
        assert_eq!(read_capped(&link, Links::Follow, 1024).unwrap(), b"a = 1");
    }

    #[test]
    fn a_file_over_its_cap_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        std::fs::write(&path, vec![b'#'; 2048]).unwrap();
        assert!(matches!(
            read_capped(&path, Links::Follow, 1024),
            Err(OpenError::Refused(ReadError::TooLarge {
                size: 2048,
                cap: 1024
            }))
        ));
        assert_eq!(read_capped(&path, Links::Follow, 4096).unwrap().len(), 2048);
    }

    #[test]
    fn text_drops_a_byte_order_mark_and_rejects_other_encodings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, b"\xEF\xBB\xBFa = 1").unwrap();
        assert_eq!(read_text_capped(&path, Links::Follow, 64).unwrap(), "a = 1");
        std::fs::write(&path, b"a = \xB0\xA1").unwrap();
        assert!(read_text_capped(&path, Links::Follow, 64).is_err());
    }
}
