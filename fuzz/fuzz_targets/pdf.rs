//! The PDF check: the frame read from the first and last bytes, then a full load by
//! lopdf, must end in facts or a problem, never a panic. A PDF that may inflate (object
//! streams) is loaded by a sweep in a worker process under a memory limit, which a fuzz
//! process cannot start: such inputs are left to that limit, and the target checks what is
//! parsed in process.
#![no_main]

use std::path::Path;
use std::time::Duration;

use guicang::inspect::pdf::{PdfLimits, check, may_inflate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if may_inflate(bytes) {
        return;
    }
    let head = &bytes[..bytes.len().min(8 * 1024)];
    let tail = &bytes[bytes.len().saturating_sub(8 * 1024)..];
    let limits = PdfLimits {
        full_load_limit: 64 * 1024,
        timeout: Duration::from_secs(5),
    };
    let _ = check(
        Path::new("fuzz.pdf"),
        bytes.len() as u64,
        head,
        tail,
        || Ok(bytes.to_vec()),
        limits,
    );
});
