//! `guicang __worker MEMORY`: the worker process of [`crate::guard::isolate`].
//!
//! Not for people (hidden from `--help`): a sweep starts one per thread and hands it the
//! parsing of untrusted files, one JSON job a line, so that a file that exhausts the
//! worker's memory or time ends that worker, not the sweep.

use std::process::ExitCode;

use crate::finding::file::{Damage, Stop};
use crate::guard::isolate::{Job, serve};
use crate::inspect::pdf::{LoadOutcome, PDF_JOB, load_here};
use crate::inspect::{XLS_JOB, open_xls_here};
use crate::sheet::{SHEET_JOB, SheetError, read_tables_here};

/// Answers jobs until stdin closes; `memory` is the address-space budget in bytes.
pub fn run(memory: u64) -> ExitCode {
    // A panic inside a parser is caught and answered; its message is not for stderr.
    std::panic::set_hook(Box::new(|_| {}));
    match serve(memory, answer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guicang worker: {e}");
            ExitCode::from(crate::exit::ERROR)
        }
    }
}

/// The answer line of one job: what the parser gave, or, when it panicked, the failure
/// in the job's own answer type.
fn answer(job: &Job) -> String {
    let path = job.path.as_path();
    let json = match job.kind.as_str() {
        SHEET_JOB => serde_json::to_string(&guarded(
            || read_tables_here(path),
            Err(SheetError::Stopped(Stop::PANICKED)),
        )),
        XLS_JOB => serde_json::to_string(&guarded(
            || open_xls_here(path),
            Err(Damage::Stopped(Stop::PANICKED)),
        )),
        PDF_JOB => serde_json::to_string(&guarded(
            || load_here(path),
            LoadOutcome::Stopped(Stop::PANICKED),
        )),
        other => serde_json::to_string(&Err::<(), String>(format!("unknown job {other}"))),
    };
    json.unwrap_or_else(|e| format!("{{\"Err\":\"the answer could not be written: {e}\"}}"))
}

/// Runs `parse`, answering `crashed` when it panics.
fn guarded<T>(parse: impl FnOnce() -> T, crashed: T) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse)).unwrap_or(crashed)
}
