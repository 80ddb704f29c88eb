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
pub mod magic;
pub mod pdf;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::num::{NonZeroU32, NonZeroU64};
use std::time::Duration;

use rayon::prelude::*;

use crate::classify::{Classified, FileClass};
use crate::finding::{Code, Severity};
use crate::guard::isolate;
use crate::guard::limits::CONTAINER_DECLARED_BYTES;
use crate::guard::open::{Links, OpenError, open_regular};
use crate::lang::Lang;
use crate::names::normalize::split_extension;
use crate::scan::FileEntry;
use magic::{Format, expected_formats, identify};

/// How much of the start and the end of a file is read.
const HEAD_BYTES: usize = 8 * 1024;
const TAIL_BYTES: u64 = 8 * 1024;
/// How far into an OLE container the encrypted-package marker is looked for, at each end.
const OLE_SCAN_BYTES: u64 = 256 * 1024;

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

/// Why a file is damaged, in both languages (a parser's own message is the same in both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Detail {
    /// A reason written in both languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Detail {
        Detail {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A parser's message, which exists in one language only.
    pub fn parser(message: impl Into<String>) -> Detail {
        let message = message.into();
        Detail {
            zh: message.clone(),
            en: message,
        }
    }

    fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// What is wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// 0 bytes.
    Empty,
    /// Cannot be opened or read.
    Unreadable(String),
    /// The content is another format than the extension says.
    Mismatch {
        /// What the bytes are.
        actual: Format,
    },
    /// A PDF that is damaged or truncated.
    CorruptPdf(Detail),
    /// A PDF that is encrypted.
    EncryptedPdf {
        /// Pages, when they could still be counted.
        pages: Option<u32>,
    },
    /// A JPEG or PNG cut short.
    CorruptImage(Detail),
    /// A zip or OLE container that does not open.
    CorruptContainer(Detail),
    /// A password-protected Office file.
    EncryptedOffice,
    /// Larger than the inspection limit.
    TooLarge(u64),
    /// A parser took longer than the time budget.
    Timeout,
    /// The file could not be checked at all (no worker process to parse it): unknown,
    /// never taken for healthy.
    NotChecked(String),
}

impl Problem {
    /// The finding code of the problem, for a file with `extension`.
    pub fn code(&self, extension: &str) -> Code {
        match self {
            Problem::Empty => Code::EmptyFile,
            Problem::Unreadable(_) => Code::UnreadableFile,
            Problem::Mismatch { .. } => Code::FormatMismatch,
            Problem::CorruptPdf(_) => Code::CorruptPdf,
            Problem::EncryptedPdf { .. } => Code::EncryptedPdf,
            Problem::CorruptImage(_) => Code::CorruptImage,
            Problem::CorruptContainer(_) if Format::is_spreadsheet_extension(extension) => {
                Code::CorruptSpreadsheet
            }
            Problem::CorruptContainer(_) => Code::CorruptOffice,
            Problem::EncryptedOffice => Code::EncryptedOffice,
            Problem::TooLarge(_) => Code::FileSkippedTooLarge,
            Problem::Timeout | Problem::NotChecked(_) => Code::FileCheckTimeout,
        }
    }

    /// Whether a file with this problem cannot count as evidence of a document.
    pub fn is_unusable(&self) -> bool {
        matches!(
            self,
            Problem::Empty
                | Problem::Unreadable(_)
                | Problem::CorruptPdf(_)
                | Problem::CorruptImage(_)
                | Problem::CorruptContainer(_)
        )
    }

    /// The severity of the finding, given whether the file is the only evidence of its document.
    pub fn severity(&self, extension: &str, only_evidence: bool) -> Severity {
        match self {
            Problem::Empty if only_evidence => Severity::Error,
            _ => self.code(extension).doc().severity,
        }
    }

    /// What is wrong, for a person.
    pub fn describe(&self, lang: Lang, extension: &str) -> String {
        match (self, lang) {
            (Problem::Empty, Lang::Zh) => "文件为空（0 字节）".into(),
            (Problem::Empty, Lang::En) => "the file is empty (0 bytes)".into(),
            (Problem::Unreadable(e), Lang::Zh) => format!("无法读取文件：{e}"),
            (Problem::Unreadable(e), Lang::En) => format!("cannot read the file: {e}"),
            (Problem::Mismatch { actual }, Lang::Zh) => {
                format!("文件内容是 {actual}，与扩展名 .{extension} 不符")
            }
            (Problem::Mismatch { actual }, Lang::En) => {
                format!("the content is {actual}, not what the extension .{extension} says")
            }
            (Problem::CorruptPdf(e), Lang::Zh) => format!("PDF 已损坏：{}", e.get(lang)),
            (Problem::CorruptPdf(e), Lang::En) => format!("damaged PDF: {}", e.get(lang)),
            (Problem::EncryptedPdf { pages }, Lang::Zh) => {
                format!(
                    "PDF 已加密，无法核验或检索{}",
                    pages.map_or(String::new(), |n| format!("（{n} 页）"))
                )
            }
            (Problem::EncryptedPdf { pages }, Lang::En) => {
                format!(
                    "encrypted PDF: it cannot be verified or indexed{}",
                    pages.map_or(String::new(), |n| format!(" ({n} pages)"))
                )
            }
            (Problem::CorruptImage(e), Lang::Zh) => format!("图片已损坏：{}", e.get(lang)),
            (Problem::CorruptImage(e), Lang::En) => format!("damaged image: {}", e.get(lang)),
            (Problem::CorruptContainer(e), Lang::Zh) => {
                format!("文件已损坏，无法打开：{}", e.get(lang))
            }
            (Problem::CorruptContainer(e), Lang::En) => {
                format!("the file is damaged and does not open: {}", e.get(lang))
            }
            (Problem::EncryptedOffice, Lang::Zh) => "文件设有打开密码，无法核验".into(),
            (Problem::EncryptedOffice, Lang::En) => {
                "the file is password-protected and cannot be verified".into()
            }
            (Problem::TooLarge(size), Lang::Zh) => format!("文件过大（{size} 字节），未检查"),
            (Problem::TooLarge(size), Lang::En) => {
                format!("the file is too large to inspect ({size} bytes)")
            }
            (Problem::Timeout, Lang::Zh) => "检查超时，未能判断".into(),
            (Problem::Timeout, Lang::En) => "the check took too long and was given up".into(),
            (Problem::NotChecked(why), Lang::Zh) => format!("未能检查：{why}"),
            (Problem::NotChecked(why), Lang::En) => format!("the file could not be checked: {why}"),
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
    let (mut handle, size) = open_regular(path, Links::Refuse).map_err(|e| match e {
        OpenError::Io(e) => Problem::Unreadable(io_message(&e)),
        other => Problem::Unreadable(other.to_string()),
    })?;
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
    if let Some(Err(message)) = &zip_names {
        return Err(Problem::CorruptContainer(Detail::parser(message.clone())));
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
                let detail = Detail::new(
                    format!("内容不是有效的 .{extension} 文件（{}）", format.name()),
                    format!(
                        "the content is not a valid .{extension} file ({})",
                        format.name()
                    ),
                );
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
            return Err(Problem::CorruptImage(Detail::new(
                "文件被截断，缺少 JPEG 结束标记",
                "truncated: no JPEG end-of-image marker",
            )));
        }
        Format::Png if magic::find(&file.tail, b"IEND").is_none() => {
            return Err(Problem::CorruptImage(Detail::new(
                "文件被截断，缺少 PNG 结束块 IEND",
                "truncated: no PNG IEND chunk",
            )));
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

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "the file disappeared during the sweep".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

fn read_head(handle: &mut File) -> Result<Vec<u8>, Problem> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    handle
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| Problem::Unreadable(io_message(&e)))?;
    Ok(head)
}

fn read_tail(handle: &mut File, size: u64) -> Result<Vec<u8>, Problem> {
    let start = size.saturating_sub(TAIL_BYTES);
    handle
        .seek(SeekFrom::Start(start))
        .map_err(|e| Problem::Unreadable(io_message(&e)))?;
    let mut tail = Vec::with_capacity(TAIL_BYTES as usize);
    handle
        .take(TAIL_BYTES)
        .read_to_end(&mut tail)
        .map_err(|e| Problem::Unreadable(io_message(&e)))?;
    Ok(tail)
}

/// The part names of a zip container (its central directory, read from the end), or why it
/// does not open. Declared part sizes are checked too: a decompression bomb is damage.
fn zip_names(handle: &mut File, size: u64) -> Result<Vec<String>, String> {
    let _ = size;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(
        || -> Result<Vec<String>, String> {
            handle.seek(SeekFrom::Start(0)).map_err(|e| e.to_string())?;
            let mut archive = zip::ZipArchive::new(&mut *handle).map_err(|e| e.to_string())?;
            let mut total = 0u64;
            let mut names = Vec::with_capacity(archive.len());
            for index in 0..archive.len() {
                let part = archive.by_index_raw(index).map_err(|e| e.to_string())?;
                total = total.saturating_add(part.size());
                if total > CONTAINER_DECLARED_BYTES {
                    return Err(format!(
                        "declared sizes inflate beyond {CONTAINER_DECLARED_BYTES} bytes: a decompression bomb"
                    ));
                }
                names.push(part.name().map(|n| n.into_owned()).unwrap_or_default());
            }
            Ok(names)
        },
    ));
    result.unwrap_or_else(|_| Err("the zip reader crashed on this file".into()))
}

/// Whether an OpenDocument file is password-protected: its manifest declares encryption data.
fn open_document_is_encrypted(handle: &mut File) -> bool {
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> Option<bool> {
        handle.seek(SeekFrom::Start(0)).ok()?;
        let mut archive = zip::ZipArchive::new(&mut *handle).ok()?;
        let manifest = archive.by_name("META-INF/manifest.xml").ok()?;
        let mut text = Vec::new();
        manifest.take(1024 * 1024).read_to_end(&mut text).ok()?;
        Some(magic::find(&text, b"encryption-data").is_some())
    }));
    matches!(read, Ok(Some(true)))
}

/// Whether an OLE container holds an `EncryptedPackage` stream (a password-protected
/// docx/xlsx). The directory is searched for near either end of the file, within bounds.
fn ole_holds_encrypted_package(handle: &mut File, size: u64) -> bool {
    let marker: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut scan = |start: u64| -> bool {
        let mut buffer = Vec::new();
        handle.seek(SeekFrom::Start(start)).is_ok()
            && handle
                .by_ref()
                .take(OLE_SCAN_BYTES)
                .read_to_end(&mut buffer)
                .is_ok()
            && magic::find(&buffer, &marker).is_some()
    };
    scan(0) || (size > OLE_SCAN_BYTES && scan(size - OLE_SCAN_BYTES))
}

/// The job name under which a worker process opens an xls workbook.
pub const XLS_JOB: &str = "xls";

/// Opens an OLE workbook with calamine to tell a sound workbook from a damaged or
/// password-protected one: in a worker process when isolation is on (calamine reads
/// every sheet of an xls at once, sized by what the file declares), else here.
fn check_xls(path: &std::path::Path, options: &InspectOptions) -> Result<(), Problem> {
    let outcome = if isolate::enabled() {
        match isolate::run(&isolate::job(XLS_JOB, path), options.timeout) {
            Ok(answer) => serde_json::from_str::<Result<(), String>>(&answer)
                .unwrap_or_else(|e| Err(format!("the worker's answer could not be read: {e}"))),
            Err(isolate::Failure::Timeout(_)) => return Err(Problem::Timeout),
            Err(
                failure @ (isolate::Failure::OutOfMemory { .. } | isolate::Failure::Crashed(_)),
            ) => Err(failure.to_string()),
            Err(failure @ isolate::Failure::NoWorker(_)) => {
                return Err(Problem::NotChecked(failure.to_string()));
            }
        }
    } else {
        open_xls_here(path)
    };
    match outcome {
        Ok(()) => Ok(()),
        Err(message) if crate::sheet::is_encryption_message(&message) => {
            Err(Problem::EncryptedOffice)
        }
        Err(message) => Err(Problem::CorruptContainer(Detail::parser(message))),
    }
}

/// Opens the xls workbook at `path` in this process (a worker's side of [`XLS_JOB`]).
pub fn open_xls_here(path: &std::path::Path) -> Result<(), String> {
    std::panic::catch_unwind(|| {
        calamine::open_workbook::<calamine::Xls<_>, _>(path)
            .map(|_| ())
            .map_err(|e| e.to_string())
    })
    .unwrap_or_else(|_| Err("the spreadsheet parser crashed on this file".into()))
}
