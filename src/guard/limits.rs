//! The one table of limits on untrusted input: how large a file of each kind may be, how
//! far a container may inflate, how many cells a sheet may hold.
//!
//! Each limit is far above what a real archive needs and far below what would stall or
//! exhaust the machine; a file past one gets a finding naming the limit, never a crash.

/// `guicang.toml`, `project.toml` and rule files: real ones are a few KB.
pub const CONFIG_BYTES: u64 = 16 * 1024 * 1024;
/// A `--baseline` file: a key is about 150 bytes, so this holds over a million findings.
pub const BASELINE_BYTES: u64 = 256 * 1024 * 1024;
/// A JSON report given to `guicang merge`: a sweep of a million files writes a few hundred
/// MB.
pub const REPORT_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// A ledger (台账) file: real ledgers are well below it.
pub const LEDGER_BYTES: u64 = 64 * 1024 * 1024;
/// One part of a zip container (xlsx, ods) once inflated, when its content is parsed.
pub const CONTAINER_PART_BYTES: u64 = 256 * 1024 * 1024;
/// All parts of a zip container inflated, when its content is parsed (ledgers).
pub const CONTAINER_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// All parts of a zip container as declared, when only its part names are read
/// (inspection of any office file): nothing is inflated, so a large presentation full of
/// video passes, while a declared size beyond this is a decompression bomb.
pub const CONTAINER_DECLARED_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Cells read from one workbook, and cells held (the empty ones in front of a row's last
/// cell included): a 500,000-row ledger of 10 columns holds 5 million.
pub const SHEET_CELLS: usize = 8_000_000;
/// Bytes of cell text held from one workbook (a shared string is copied into each cell
/// that uses it).
pub const SHEET_TEXT_BYTES: usize = 256 * 1024 * 1024;
/// How long reading one ledger may take (a 100,000-row xlsx takes well under a second).
pub const SHEET_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// The address space of a worker process that parses untrusted files (default of
/// `[inspect] worker_memory_mb`, which is kept between 64 MB and 64 GB).
pub const WORKER_MEMORY_BYTES: u64 = 384 * 1024 * 1024;
/// Fields of one CSV record: Excel's column count.
pub const CSV_FIELDS: usize = 16_384;
/// Worker threads per core at most (`-j`): a network share gains from waiting threads,
/// thousands only cost memory and start-up time.
pub const THREADS_PER_CORE: usize = 32;
