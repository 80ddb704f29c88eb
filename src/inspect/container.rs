//! Office containers: the part names of a zip (xlsx, docx, ods), password protection of
//! OpenDocument and OLE files, and whether an xls workbook opens.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

use super::{Damage, InspectOptions, Problem, magic};
use crate::finding::file::Stop;
use crate::guard::isolate;
use crate::guard::limits::CONTAINER_DECLARED_BYTES;

/// How far into an OLE container the encrypted-package marker is looked for, at each end.
const OLE_SCAN_BYTES: u64 = 256 * 1024;

/// The part names of a zip container (its central directory, read from the end), or why it
/// does not open. Declared part sizes are checked too: a decompression bomb is damage.
pub(super) fn zip_names(handle: &mut File, size: u64) -> Result<Vec<String>, Damage> {
    let _ = size;
    let zip_said = |e: zip::result::ZipError| Damage::parser(e.to_string());
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(
        || -> Result<Vec<String>, Damage> {
            handle
                .seek(SeekFrom::Start(0))
                .map_err(|e| Damage::parser(e.to_string()))?;
            let mut archive = zip::ZipArchive::new(&mut *handle).map_err(zip_said)?;
            let mut total = 0u64;
            let mut names = Vec::with_capacity(archive.len());
            for index in 0..archive.len() {
                let part = archive.by_index_raw(index).map_err(zip_said)?;
                total = total.saturating_add(part.size());
                if total > CONTAINER_DECLARED_BYTES {
                    return Err(Damage::DecompressionBomb {
                        limit: CONTAINER_DECLARED_BYTES,
                    });
                }
                names.push(part.name().map(|n| n.into_owned()).unwrap_or_default());
            }
            Ok(names)
        },
    ));
    result.unwrap_or(Err(Damage::Stopped(Stop::PANICKED)))
}

/// Whether an OpenDocument file is password-protected: its manifest declares encryption data.
pub(super) fn open_document_is_encrypted(handle: &mut File) -> bool {
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
pub(super) fn ole_holds_encrypted_package(handle: &mut File, size: u64) -> bool {
    let mut scan = |start: u64| -> bool {
        let mut buffer = Vec::new();
        handle.seek(SeekFrom::Start(start)).is_ok()
            && handle
                .by_ref()
                .take(OLE_SCAN_BYTES)
                .read_to_end(&mut buffer)
                .is_ok()
            && crate::sheet::holds_encrypted_package(&buffer)
    };
    scan(0) || (size > OLE_SCAN_BYTES && scan(size - OLE_SCAN_BYTES))
}

/// The job name under which a worker process opens an xls workbook.
pub const XLS_JOB: &str = "xls";

/// Opens an OLE workbook with calamine to tell a sound workbook from a damaged or
/// password-protected one: in a worker process when isolation is on (calamine reads
/// every sheet of an xls at once, sized by what the file declares), else here.
pub(super) fn check_xls(path: &std::path::Path, options: &InspectOptions) -> Result<(), Problem> {
    let outcome = if isolate::enabled() {
        match isolate::run(&isolate::job(XLS_JOB, path), options.timeout) {
            Ok(answer) => serde_json::from_str::<Result<(), Damage>>(&answer).unwrap_or_else(|e| {
                Err(Damage::Stopped(Stop::GarbledAnswer {
                    detail: e.to_string(),
                }))
            }),
            Err(isolate::Failure::Timeout(_)) => return Err(Problem::Timeout),
            Err(
                failure @ (isolate::Failure::OutOfMemory { .. } | isolate::Failure::Crashed { .. }),
            ) => Err(Damage::Stopped(failure.into())),
            Err(failure @ isolate::Failure::NoWorker(_)) => {
                return Err(Problem::NotChecked(failure.into()));
            }
        }
    } else {
        open_xls_here(path)
    };
    match outcome {
        Ok(()) => Ok(()),
        Err(Damage::Parser { message }) if crate::sheet::is_encryption_message(&message) => {
            Err(Problem::EncryptedOffice)
        }
        Err(damage) => Err(Problem::CorruptContainer(damage)),
    }
}

/// Opens the xls workbook at `path` in this process (a worker's side of [`XLS_JOB`]):
/// calamine's refusal as its message, a panic as a stopped parser.
pub fn open_xls_here(path: &std::path::Path) -> Result<(), Damage> {
    std::panic::catch_unwind(|| {
        calamine::open_workbook::<calamine::Xls<_>, _>(path)
            .map(|_| ())
            .map_err(|e| Damage::parser(e.to_string()))
    })
    .unwrap_or(Err(Damage::Stopped(Stop::PANICKED)))
}
