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
    #[error("the parser crashed on this file{}", crash_detail(ended, detail))]
    Crashed {
        /// How the worker process ended (its exit code or the signal that ended it);
        /// `None` for a panic caught in process, or when the system could not say.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ended: Option<Ending>,
        /// The system's error that showed the worker had died and the worker's last words,
        /// quoted as written; `None` when there were none.
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
    pub const PANICKED: Stop = Stop::Crashed {
        ended: None,
        detail: None,
    };

    /// Whether this is a worker process that died, rather than the file's own doing (a
    /// panic caught in process, a memory budget passed): the system may have killed it under
    /// load, so the next sweep checks the file again.
    pub fn is_worker_death(&self) -> bool {
        match self {
            Stop::Crashed { ended, detail } => ended.is_some() || detail.is_some(),
            Stop::GarbledAnswer { .. } | Stop::NoWorker { .. } => true,
            Stop::Timeout { .. } | Stop::OutOfMemory { .. } => false,
        }
    }
}

/// How a worker process ended, as facts, so that a report says it in its own language
/// (Rust's `ExitStatus` prints English: "signal: 9 (SIGKILL)").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "kebab-case")]
pub enum Ending {
    /// It exited with this code.
    Code {
        /// The exit code.
        code: i32,
    },
    /// A signal ended it (Unix): 9 is the kernel's out-of-memory killer or `kill -9`.
    Signal {
        /// The signal's number.
        signal: i32,
    },
}

impl Ending {
    /// How `status` ended, when the system says: an exit code, or a signal on Unix.
    pub fn of(status: std::process::ExitStatus) -> Option<Ending> {
        if let Some(code) = status.code() {
            return Some(Ending::Code { code });
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if let Some(signal) = status.signal() {
                return Some(Ending::Signal { signal });
            }
        }
        None
    }

    /// The usual name of a signal (`SIGKILL`), for the signals a crashed parser meets;
    /// `None` for others, which are said by number alone.
    pub fn signal_name(signal: i32) -> Option<&'static str> {
        Some(match signal {
            1 => "SIGHUP",
            2 => "SIGINT",
            4 => "SIGILL",
            6 => "SIGABRT",
            7 => "SIGBUS",
            8 => "SIGFPE",
            9 => "SIGKILL",
            11 => "SIGSEGV",
            13 => "SIGPIPE",
            15 => "SIGTERM",
            24 => "SIGXCPU",
            25 => "SIGXFSZ",
            _ => return None,
        })
    }
}

impl std::fmt::Display for Ending {
    /// English: "exit code 101", "ended by signal 9 (SIGKILL)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Ending::Code { code } => write!(f, "exit code {code}"),
            Ending::Signal { signal } => match Ending::signal_name(signal) {
                Some(name) => write!(f, "ended by signal {signal} ({name})"),
                None => write!(f, "ended by signal {signal}"),
            },
        }
    }
}

/// ` (it asked for N bytes at once)` when the size is known.
fn asked(requested: &Option<u64>) -> String {
    requested.map_or(String::new(), |n| {
        format!(" (it asked for {n} bytes at once)")
    })
}

/// ` (ending; detail)` with what is known of a crash.
fn crash_detail(ended: &Option<Ending>, detail: &Option<String>) -> String {
    crash_said(ended, detail, Ending::to_string, "; ")
        .map_or(String::new(), |said| format!(" ({said})"))
}

/// What is known of a crash in one language: how the worker ended, as `say` puts it, then
/// its quoted words, joined by `separator`; `None` when nothing is known (a caught panic).
pub fn crash_said(
    ended: &Option<Ending>,
    detail: &Option<String>,
    say: impl Fn(&Ending) -> String,
    separator: &str,
) -> Option<String> {
    let parts: Vec<String> = ended
        .iter()
        .map(say)
        .chain(detail.iter().cloned())
        .collect();
    (!parts.is_empty()).then(|| parts.join(separator))
}
