//! Inspection: is each file usable evidence? Format by content, PDF structure, images cut
//! short, containers that do not open, encrypted files, empty files, files that cannot be
//! read.
//!
//! Every file is inspected once, in parallel, reading no more than the check needs: the
//! first and last few KB for most formats, the zip central directory for containers, the
//! whole file only for PDFs below a size limit (see [`pdf`]). Every third-party parser
//! call is isolated: an error or a panic becomes a [`Problem`] of that file, never the
//! end of the sweep. Temporary files and the archive's bookkeeping (manifests, ledgers)
//! are not inspected.

pub mod cache;
mod container;
pub mod magic;
pub mod pdf;

pub use crate::finding::file::{Damage, Problem};
pub use container::{XLS_JOB, open_xls_here};
use container::{check_xls, ole_holds_encrypted_package, open_document_is_encrypted, zip_names};

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::num::{NonZeroU32, NonZeroU64};
use std::time::Duration;

use rayon::prelude::*;

use crate::classify::{Classified, FileClass};
use crate::finding::file::ReadError;
use crate::guard::open::{Links, open_regular};
use crate::names::normalize::split_extension;
use crate::scan::FileEntry;
use magic::{Format, expected_formats, identify};

/// How much of the start and the end of a file is read.
const HEAD_BYTES: usize = 8 * 1024;
const TAIL_BYTES: u64 = 8 * 1024;

/// Limits of the inspection, configurable in `guicang.toml` (`[inspect]`).
#[derive(Debug, Clone, Copy)]
pub struct InspectOptions {
    /// Files larger than this are not inspected (`file-skipped-too-large`).
    pub max_file_bytes: u64,
    /// PDFs larger than this are judged from head and tail only.
    pub pdf_full_load_bytes: u64,
    /// How long one parser call may take (`file-check-timeout`).
    pub timeout: Duration,
}

impl Default for InspectOptions {
    fn default() -> InspectOptions {
        InspectOptions {
            max_file_bytes: 2 * 1024 * 1024 * 1024,
            pdf_full_load_bytes: 128 * 1024 * 1024,
            timeout: Duration::from_secs(20),
        }
    }
}

/// The health of one file: 24 bytes, as there is one per file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inspection {
    /// What the bytes are, when they were read.
    pub format: Option<Format>,
    /// Pages of a PDF, when counted (a PDF without pages is reported damaged).
    pub pages: Option<NonZeroU32>,
    /// What is wrong, if anything (boxed: most files have nothing wrong, and there is one
    /// inspection per file).
    pub problem: Option<Box<Problem>>,
    /// A hash of the first and last few KB, read anyway: files that differ there are not
    /// duplicates, so only files that share size and fingerprint are hashed whole. (A hash
    /// of 0 is stored as 1: it only picks candidates, which are compared byte for byte.)
    pub fingerprint: Option<NonZeroU64>,
}

/// Inspects every file that can be evidence (in the order given, in parallel), except those
/// the cache already has (`cached`); `progress` advances by one for each file. Also returns
/// how many files were inspected afresh with a result the cache keeps (when none was, the
/// cache file need not be written again).
pub fn inspect_all(
    root: &std::path::Path,
    files: &[FileEntry],
    classes: &[Classified],
    options: &InspectOptions,
    cached: Option<cache::CacheHits>,
    progress: Option<&indicatif::ProgressBar>,
) -> (Vec<Inspection>, usize) {
    let fresh = std::sync::atomic::AtomicUsize::new(0);
    let (mut inspections, hit) = match cached {
        Some(cached) => (cached.inspections, cached.hit),
        None => (
            vec![Inspection::default(); files.len()],
            vec![false; files.len()],
        ),
    };
    // Filled in place: a second vector of a million inspections would double the memory.
    inspections
        .par_iter_mut()
        .zip(files)
        .zip(classes)
        .zip(&hit)
        .for_each(|(((inspection, file), class), &hit)| {
            match class.class {
                FileClass::Temporary | FileClass::Bookkeeping => {
                    *inspection = Inspection::default();
                }
                _ if hit => {}
                _ => {
                    *inspection = inspect_file(&file.path(root), file.name(), options);
                    if cache::cacheable(file, inspection) {
                        fresh.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            }
            if let Some(progress) = progress {
                progress.inc(1);
            }
        });
    (inspections, fresh.into_inner())
}

/// Inspects the file at `path`, named `name`.
pub fn inspect_file(path: &std::path::Path, name: &str, options: &InspectOptions) -> Inspection {
    let extension = split_extension(name).1;
    match inspect(path, &extension, options) {
        Ok(inspection) => inspection,
        Err(problem) => Inspection {
            problem: Some(Box::new(problem)),
            ..Inspection::default()
        },
    }
}

fn inspect(
    path: &std::path::Path,
    extension: &str,
    options: &InspectOptions,
) -> Result<Inspection, Problem> {
    let (mut handle, size) =
        open_regular(path, Links::Refuse).map_err(|e| Problem::Unreadable(e.read_error()))?;
    if size == 0 {
        return Err(Problem::Empty);
    }
    if size > options.max_file_bytes {
        return Err(Problem::TooLarge(size));
    }
    let head = read_head(&mut handle)?;
    let tail = read_tail(&mut handle, size)?;
    let mut file = Opened {
        path,
        handle,
        size,
        head,
        tail,
    };
    let format = identify_opened(&mut file)?;
    expect_format(format, extension)?;
    Ok(Inspection {
        fingerprint: Some(fingerprint(&file.head, &file.tail)),
        format: Some(format),
        pages: check_content(format, &mut file, extension, options)?,
        ..Inspection::default()
    })
}

/// A file being inspected: its handle, size, and first and last bytes.
struct Opened<'a> {
    path: &'a std::path::Path,
    handle: File,
    size: u64,
    head: Vec<u8>,
    tail: Vec<u8>,
}

/// The format of the content, from its magic bytes and, for containers, the names of
/// their parts (a zip's entries, an OLE file's encrypted package).
fn identify_opened(file: &mut Opened<'_>) -> Result<Format, Problem> {
    let zip_names = if file.head.starts_with(b"PK") {
        Some(zip_names(&mut file.handle, file.size))
    } else {
        None
    };
    let names = zip_names
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(Vec::as_slice);
    let mut format = identify(&file.head, names);
    if format == Format::Ole && ole_holds_encrypted_package(&mut file.handle, file.size) {
        format = Format::EncryptedOoxml;
    }
    if let Some(Err(damage)) = zip_names {
        return Err(Problem::CorruptContainer(damage));
    }
    Ok(format)
}

/// The file's content against what its extension promises: a different known format is
/// misnamed; none at all where a binary container was promised is damage.
fn expect_format(format: Format, extension: &str) -> Result<(), Problem> {
    if let Some(expected) = expected_formats(extension)
        && !expected.contains(&format)
    {
        let binary_expected = expected.iter().any(|f| f.is_binary_container());
        return Err(
            if binary_expected && matches!(format, Format::Text | Format::Unknown) {
                // Neither the promised format nor any other: the file is damaged, not misnamed.
                let detail = Damage::NotValidAs {
                    extension: extension.to_string(),
                    format,
                };
                if *expected == [Format::Pdf] {
                    Problem::CorruptPdf(detail)
                } else {
                    Problem::CorruptContainer(detail)
                }
            } else {
                Problem::Mismatch { actual: format }
            },
        );
    }
    Ok(())
}

/// A fingerprint of the first and last bytes, for finding duplicate files cheaply.
fn fingerprint(head: &[u8], tail: &[u8]) -> NonZeroU64 {
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hasher::write(&mut hasher, head);
    std::hash::Hasher::write(&mut hasher, tail);
    NonZeroU64::new(std::hash::Hasher::finish(&hasher)).unwrap_or(NonZeroU64::MIN)
}

/// The checks of each format's content: a PDF's structure (and its page count), an image's
/// end marker, encryption of office files, an xls workbook's readability.
fn check_content(
    format: Format,
    file: &mut Opened<'_>,
    extension: &str,
    options: &InspectOptions,
) -> Result<Option<NonZeroU32>, Problem> {
    let path = file.path;
    match format {
        Format::Pdf => {
            let limits = pdf::PdfLimits {
                full_load_limit: options.pdf_full_load_bytes,
                timeout: options.timeout,
            };
            let facts = pdf::check(
                path,
                file.size,
                &file.head,
                &file.tail,
                || {
                    // The handle already checked to be a regular file, not the path again.
                    let mut bytes = Vec::with_capacity(file.size as usize);
                    file.handle.seek(SeekFrom::Start(0))?;
                    (&mut file.handle).take(file.size).read_to_end(&mut bytes)?;
                    Ok(bytes)
                },
                limits,
            )?;
            return Ok(facts.pages.and_then(NonZeroU32::new));
        }
        Format::Jpeg if magic::find(&file.tail, b"\xFF\xD9").is_none() => {
            return Err(Problem::CorruptImage(Damage::JpegTruncated));
        }
        Format::Png if magic::find(&file.tail, b"IEND").is_none() => {
            return Err(Problem::CorruptImage(Damage::PngTruncated));
        }
        Format::OpenDocument if open_document_is_encrypted(&mut file.handle) => {
            return Err(Problem::EncryptedOffice);
        }
        Format::EncryptedOoxml => return Err(Problem::EncryptedOffice),
        Format::Ole if matches!(extension, "xls" | "et") => check_xls(path, options)?,
        _ => {}
    }
    Ok(None)
}

fn read_head(handle: &mut File) -> Result<Vec<u8>, Problem> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    handle
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| Problem::Unreadable(ReadError::from(&e)))?;
    Ok(head)
}

fn read_tail(handle: &mut File, size: u64) -> Result<Vec<u8>, Problem> {
    let start = size.saturating_sub(TAIL_BYTES);
    handle
        .seek(SeekFrom::Start(start))
        .map_err(|e| Problem::Unreadable(ReadError::from(&e)))?;
    let mut tail = Vec::with_capacity(TAIL_BYTES as usize);
    handle
        .take(TAIL_BYTES)
        .read_to_end(&mut tail)
        .map_err(|e| Problem::Unreadable(ReadError::from(&e)))?;
    Ok(tail)
}

#[cfg(test)]
mod tests;
