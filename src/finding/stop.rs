//! Why a parser gave no verdict on a file: the guard that runs untrusted parsers stopped it,
//! or nothing could run it. Our own account, kept as facts so that the report says it in
//! its language; only the `detail` fields quote outside text (the system's, the parser's or
//! the worker's last words) as written.

use serde::{Deserialize, Serialize};

/// Why a parser was stopped, or never ran.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "stop", rename_all = "kebab-case")]
pub enum Stop {
    /// It ran past its time budget and was stopped.
    #[error("the check ran past its {seconds} s time budget and was stopped")]
    Timeout {
        /// The budget, in seconds.
        seconds: u64,
    },
    /// It asked for more memory than its budget: the file declares far more content than it
    /// holds (a sheet of 2^32 rows, a string table of a trillion entries).
    #[error(
        "the parser needed more than its {budget_mb} MB memory budget and was stopped{}; \
         the file declares far more content than it holds",
        asked(requested)
    )]
    OutOfMemory {
        /// The budget, in MB.
        budget_mb: u64,
        /// The size of the allocation that failed, in bytes, when the worker said it.
        requested: Option<u64>,
    },
    /// The parser crashed: a panic caught here, or a worker that died.
    #[error("the parser crashed on this file{}", parenthesised(detail))]
    Crashed {
        /// How the worker ended and its last words; `None` for a panic caught in process.
        detail: Option<String>,
    },
    /// No worker process or thread could be started to parse it: the file was not checked.
    #[error("no worker could be started to parse it ({detail})")]
    NoWorker {
        /// The system's reason.
        detail: String,
    },
    /// The worker answered something that could not be read.
    #[error("the worker's answer could not be read ({detail})")]
    GarbledAnswer {
        /// What could not be read in it.
        detail: String,
    },
}

impl Stop {
    /// A parser that panicked, caught in this process.
    pub const PANICKED: Stop = Stop::Crashed { detail: None };
}

/// ` (it asked for N bytes at once)` when the size is known.
fn asked(requested: &Option<u64>) -> String {
    requested.map_or(String::new(), |n| {
        format!(" (it asked for {n} bytes at once)")
    })
}

/// ` (detail)` when there is one.
fn parenthesised(detail: &Option<String>) -> String {
    detail.as_ref().map_or(String::new(), |d| format!(" ({d})"))
}
