//! PDF health: header, trailer, encryption and the page tree.
//!
//! The cheap checks come first and read only the first and last few KB: a PDF must start
//! with a `%PDF-x.y` header and end with `startxref <offset>` and `%%EOF`; a file cut off
//! in transfer fails here even where a lenient reader could recover a page or two. Files
//! that pass are loaded with lopdf to learn encryption and count pages by walking the
//! page tree (a tree that loops back on itself is damage lopdf does not report). A file
//! whose cross-reference data could not be read and was rebuilt by scanning for objects is
//! damaged too: objects may be missing or come from an older revision. A mere offset that
//! lopdf corrected is not reported. A file
//! whose cross-reference data could not be read and was rebuilt by scanning for objects is
//! damaged too: objects may be missing or come from an older revision. A mere offset that
//! lopdf corrected is not reported.
//!
//! lopdf reads the whole file into memory for every load, even `load_metadata`. Above
//! `full_load_limit` bytes the file is not loaded: its structure is judged from the head
//! and tail alone, encryption from the trailer, and the page count stays unknown. That
//! bounds the cost of a 300 MB scanned PDF to two small reads.

use std::collections::HashSet;
use std::sync::mpsc;
use std::time::Duration;

use lopdf::{Document, Object, ObjectId};

use super::magic::{find, find_last};
use super::{Damage, Problem};
use crate::finding::file::{PageTreeFault, ReadError, Stop};
use crate::guard::isolate;
use crate::guard::open::{Links, read_capped};

/// What a healthy (or merely encrypted) PDF revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfFacts {
    /// Pages, when they could be counted.
    pub pages: Option<u32>,
}

/// Limits of the PDF check.
#[derive(Debug, Clone, Copy)]
pub struct PdfLimits {
    /// Largest file loaded whole (bytes).
    pub full_load_limit: u64,
    /// How long one load may take.
    pub timeout: Duration,
}

/// Checks the PDF at `path` whose first and last bytes are `head` and `tail`; `load`
/// reads the whole file from the handle already opened.
pub fn check(
    path: &std::path::Path,
    size: u64,
    head: &[u8],
    tail: &[u8],
    load: impl FnOnce() -> std::io::Result<Vec<u8>>,
    limits: PdfLimits,
) -> Result<PdfFacts, Problem> {
    check_frame(size, head, tail)?;
    let declares_encryption = find(tail, b"/Encrypt").is_some();
    if size > limits.full_load_limit {
        return if declares_encryption {
            Err(Problem::EncryptedPdf { pages: None })
        } else {
            Ok(PdfFacts { pages: None })
        };
    }
    // Object streams inflate while the document loads, and a few KB can inflate to
    // gigabytes: such a PDF, or a large one, is loaded in a worker process that can be
    // stopped. A cross-reference stream (`/XRef` near the end) says so before the file is
    // read; a broken file whose objects the parser finds by scanning may hold one anywhere.
    // A small PDF without them is bounded by its own size and loads here, in microseconds.
    let isolated = || judge(load_isolated(path, limits.timeout), declares_encryption);
    let large_or_streamed = find(tail, b"/XRef").is_some() || size > INLINE_LIMIT as u64;
    if large_or_streamed && isolate::enabled() {
        return isolated();
    }
    let bytes = load().map_err(|e| Problem::Unreadable(ReadError::from(&e)))?;
    if isolate::enabled() && may_inflate(&bytes) {
        return isolated();
    }
    judge(
        load_with_timeout(bytes, limits.timeout),
        declares_encryption,
    )
}

/// Whether loading `bytes` may inflate them: they hold an object stream or a cross-reference
/// stream, which the parser decompresses while it loads. Without a worker process (a fuzz
/// target, say) such a PDF is loaded in process, unbounded; a sweep sends it to a worker.
pub fn may_inflate(bytes: &[u8]) -> bool {
    find(bytes, b"/ObjStm").is_some() || find(bytes, b"/XRef").is_some()
}

/// The frame every PDF has, read from its first and last bytes alone: a `%PDF-x.y`
/// header, a `startxref` offset inside the file, and an `%%EOF` marker.
fn check_frame(size: u64, head: &[u8], tail: &[u8]) -> Result<(), Problem> {
    let header = find(&head[..head.len().min(1024)], b"%PDF-")
        .and_then(|at| head.get(at + 5..at + 8))
        .is_some_and(|v| v[0].is_ascii_digit() && v[1] == b'.' && v[2].is_ascii_digit());
    if !header {
        return Err(Problem::CorruptPdf(Damage::NoPdfHeader));
    }
    let startxref = find_last(tail, b"startxref").and_then(|at| {
        let digits: String = tail[at + 9..]
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take_while(|b| b.is_ascii_digit())
            .map(|&b| b as char)
            .collect();
        digits.parse::<u64>().ok()
    });
    match startxref {
        None => {
            return Err(Problem::CorruptPdf(Damage::NoStartxref));
        }
        Some(offset) if offset >= size => {
            return Err(Problem::CorruptPdf(Damage::StartxrefBeyondEnd { offset }));
        }
        Some(_) => {}
    }
    if find_last(tail, b"%%EOF").is_none() {
        return Err(Problem::CorruptPdf(Damage::NoEof));
    }
    Ok(())
}

/// What a full load says about the document: its pages, encryption, or damage.
fn judge(outcome: LoadOutcome, declares_encryption: bool) -> Result<PdfFacts, Problem> {
    match outcome {
        LoadOutcome::TimedOut => Err(Problem::Timeout),
        LoadOutcome::Stopped(stop) => Err(Problem::CorruptPdf(Damage::Stopped(stop))),
        LoadOutcome::NotChecked(stop) => Err(Problem::NotChecked(stop)),
        LoadOutcome::Unreadable(error) => Err(Problem::Unreadable(error)),
        LoadOutcome::Failed(message) => Err(Problem::CorruptPdf(Damage::parser(message))),
        LoadOutcome::Loaded {
            reconstructed: true,
            encrypted: false,
            ..
        } if !declares_encryption => Err(Problem::CorruptPdf(Damage::XrefRebuilt)),
        LoadOutcome::Loaded {
            encrypted, pages, ..
        } => match (encrypted || declares_encryption, pages) {
            (true, Ok(n)) => Err(Problem::EncryptedPdf {
                pages: (n > 0).then_some(n),
            }),
            (true, Err(_)) => Err(Problem::EncryptedPdf { pages: None }),
            (false, Ok(0)) => Err(Problem::CorruptPdf(Damage::NoPages)),
            (false, Ok(n)) => Ok(PdfFacts { pages: Some(n) }),
            (false, Err(damage)) => Err(Problem::CorruptPdf(damage)),
        },
    }
}

/// What loading a PDF in full gave (in a worker process, or here).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum LoadOutcome {
    /// It loaded.
    Loaded {
        /// Whether it is (or was) encrypted.
        encrypted: bool,
        /// Its page count, or why the page tree cannot be walked.
        pages: Result<u32, Damage>,
        /// Whether the cross-reference data had to be rebuilt by scanning.
        reconstructed: bool,
    },
    /// The parser rejected it: the parser's message.
    Failed(String),
    /// The file could not be read.
    Unreadable(ReadError),
    /// It ran past its time budget.
    TimedOut,
    /// The parser was stopped: its worker died (memory budget, crash) or it panicked.
    Stopped(Stop),
    /// No worker could be started: the file was not checked.
    NotChecked(Stop),
}

/// The job name under which a worker process loads a PDF.
pub const PDF_JOB: &str = "pdf";

/// Loads the PDF at `path` in this process (a worker's side of [`PDF_JOB`]).
pub fn load_here(path: &std::path::Path) -> LoadOutcome {
    match read_capped(path, Links::Refuse, u64::MAX) {
        Ok(bytes) => load(&bytes),
        Err(e) => LoadOutcome::Unreadable(e.read_error()),
    }
}

/// Loads the PDF at `path` in a worker process, within `timeout`.
fn load_isolated(path: &std::path::Path, timeout: Duration) -> LoadOutcome {
    match isolate::run(&isolate::job(PDF_JOB, path), timeout) {
        Ok(answer) => serde_json::from_str(&answer).unwrap_or_else(|e| {
            LoadOutcome::Stopped(Stop::GarbledAnswer {
                detail: e.to_string(),
            })
        }),
        Err(isolate::Failure::Timeout(_)) => LoadOutcome::TimedOut,
        Err(
            failure @ (isolate::Failure::OutOfMemory { .. } | isolate::Failure::Crashed { .. }),
        ) => LoadOutcome::Stopped(failure.into()),
        Err(failure @ isolate::Failure::NoWorker(_)) => LoadOutcome::NotChecked(failure.into()),
    }
}

/// Below this size a PDF is parsed on the calling thread: lopdf reads a few hundred KB in
/// milliseconds, and a thread per file would cost more than the parse.
const INLINE_LIMIT: usize = 4 * 1024 * 1024;

/// Loads the document, catching a panic inside lopdf. Larger files are loaded on a worker
/// thread so that a pathological file cannot stall the sweep: after `timeout` the check gives
/// up (the worker finishes or dies on its own; it holds only its copy of the bytes).
fn load_with_timeout(bytes: Vec<u8>, timeout: Duration) -> LoadOutcome {
    if bytes.len() <= INLINE_LIMIT {
        return load(&bytes);
    }
    let (sender, receiver) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("guicang-pdf".into())
        .spawn(move || {
            let _ = sender.send(load(&bytes));
        });
    if let Err(e) = spawned {
        // Could not check is unknown, never damage (nor health).
        return LoadOutcome::NotChecked(Stop::NoWorker {
            detail: e.to_string(),
        });
    }
    receiver
        .recv_timeout(timeout)
        .unwrap_or(LoadOutcome::TimedOut)
}

fn load(bytes: &[u8]) -> LoadOutcome {
    std::panic::catch_unwind(|| match Document::load_mem(bytes) {
        Ok(doc) => LoadOutcome::Loaded {
            encrypted: doc.is_encrypted() || doc.was_encrypted(),
            pages: count_pages(&doc),
            reconstructed: matches!(
                doc.xref_recovery,
                Some(lopdf::xref::XrefRecovery::Reconstructed)
            ),
        },
        Err(e) => LoadOutcome::Failed(format!("lopdf: {e}")),
    })
    .unwrap_or(LoadOutcome::Stopped(Stop::PANICKED))
}

/// Counts the leaves of the page tree, refusing loops and missing nodes.
fn count_pages(doc: &Document) -> Result<u32, Damage> {
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|e| {
            Damage::BrokenPageTree(PageTreeFault::Missing {
                detail: e.to_string(),
            })
        })?;
    let mut visited: HashSet<ObjectId> = HashSet::new();
    let mut stack = vec![root];
    let mut pages = 0u32;
    while let Some(id) = stack.pop() {
        if !visited.insert(id) {
            return Err(Damage::BrokenPageTree(PageTreeFault::Loop {
                object: id.0,
                generation: id.1,
            }));
        }
        let node = doc.get_dictionary(id).map_err(|e| {
            Damage::BrokenPageTree(PageTreeFault::BadNode {
                object: id.0,
                generation: id.1,
                detail: e.to_string(),
            })
        })?;
        match node.get(b"Kids").and_then(Object::as_array) {
            Ok(kids) => stack.extend(kids.iter().filter_map(|k| k.as_reference().ok())),
            Err(_) => pages += 1,
        }
        if visited.len() > 10_000_000 {
            return Err(Damage::BrokenPageTree(PageTreeFault::TooLarge));
        }
    }
    Ok(pages)
}
