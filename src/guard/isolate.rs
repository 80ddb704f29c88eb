//! Parsers of untrusted bytes run in worker processes that can be stopped.
//!
//! A spreadsheet or PDF parser handed a hostile file can ask for terabytes (an allocation
//! failure aborts the whole process: no panic to catch), loop, or inflate a few kilobytes
//! into gigabytes. A thread cannot be stopped from outside, and a thread left running
//! keeps its memory. So each worker thread of a sweep keeps one worker process (guicang
//! itself, `guicang __worker`), whose address space is capped with `RLIMIT_AS`; a job is
//! one line of JSON in and one line out. A worker that overruns its time is killed, one
//! that dies (its memory budget exhausted) is reported, and the next job gets a new one.
//!
//! Which jobs exist and what they return is the business of the caller
//! (`commands::worker` runs them); this module only carries lines. Without
//! [`configure`] (a library user, a unit test) jobs are not isolated: [`enabled`] says so
//! and callers parse in-process.

use std::cell::RefCell;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::finding::file::Stop;
use crate::finding::stop::Ending;

/// The hidden subcommand a worker process runs.
pub const WORKER_COMMAND: &str = "__worker";

/// How workers are started.
#[derive(Debug, Clone)]
struct WorkerSetup {
    /// The guicang executable.
    exe: PathBuf,
    /// The address-space budget of a worker, in bytes.
    memory: u64,
}

static SETUP: OnceLock<WorkerSetup> = OnceLock::new();

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// Turns isolation on for this process: jobs run in workers started from `exe` with an
/// address space of `memory` bytes. Called once by `main`; later calls change nothing.
pub fn configure(exe: PathBuf, memory: u64) {
    let _ = SETUP.set(WorkerSetup { exe, memory });
}

/// Whether jobs run in worker processes.
pub fn enabled() -> bool {
    SETUP.get().is_some()
}

/// One job for a worker: what to do, and to which file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    /// The kind of job (`sheet`, `xls`, `pdf` …), as the worker's dispatcher knows it.
    pub kind: String,
    /// The file.
    pub path: PathBuf,
}

/// Why a job gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// It ran past its time and the worker was stopped.
    #[error("the check ran past its {0:?} time budget and was stopped")]
    Timeout(Duration),
    /// The parser asked for more memory than the worker's budget: the file declares far
    /// more than it holds (a sheet of 2^32 rows, a string table of a trillion entries).
    #[error("the parser needed more than its {budget_mb} MB memory budget and was stopped")]
    OutOfMemory {
        /// The budget, in MB.
        budget_mb: u64,
        /// The size of the allocation that failed, in bytes, when the worker said it.
        requested: Option<u64>,
    },
    /// The worker died otherwise: the parser crashed.
    #[error("{}", Stop::Crashed { ended: *ended, detail: detail.clone() })]
    Crashed {
        /// How the process ended, when the system could say.
        ended: Option<Ending>,
        /// The system's error that showed it had died and the worker's last words, when
        /// there were any.
        detail: Option<String>,
    },
    /// No worker could be started or spoken to: the file was not checked.
    #[error("the file could not be checked: no worker process ({0})")]
    NoWorker(String),
}

/// Runs `job` in this thread's worker, waiting at most `timeout` for its answer line.
pub fn run(job: &Job, timeout: Duration) -> Result<String, Failure> {
    let setup = SETUP
        .get()
        .ok_or_else(|| Failure::NoWorker("isolation is not configured".into()))?;
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Worker::start(setup).map_err(|e| Failure::NoWorker(e.to_string()))?);
        }
        let worker = slot.as_mut().expect("a worker was just started");
        let outcome = worker.ask(job, timeout, setup.memory);
        if outcome.is_err() {
            // A worker that timed out, died or garbled its answer is not used again.
            if let Some(mut dead) = slot.take() {
                dead.stop();
            }
        }
        outcome
    })
}

/// A running worker process and its pipes.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    stderr: ChildStderr,
}

impl Worker {
    fn start(setup: &WorkerSetup) -> io::Result<Worker> {
        let mut child = Command::new(&setup.exe)
            .arg(WORKER_COMMAND)
            .arg(setup.memory.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("the worker's pipes could not be opened"));
        };
        Ok(Worker {
            child,
            stdin,
            stdout: BufReader::new(stdout),
            stderr,
        })
    }

    /// Sends `job` and reads its answer line within `timeout`.
    fn ask(&mut self, job: &Job, timeout: Duration, memory: u64) -> Result<String, Failure> {
        let mut line = serde_json::to_string(job).map_err(|e| Failure::NoWorker(e.to_string()))?;
        line.push('\n');
        if let Err(e) = self
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.flush())
        {
            return Err(self.died(memory, Some(&e.to_string())));
        }
        if !wait_readable(&self.stdout, timeout) {
            return Err(Failure::Timeout(timeout));
        }
        let mut answer = String::new();
        match self.stdout.read_line(&mut answer) {
            Ok(0) => Err(self.died(memory, None)),
            Ok(_) if answer.ends_with('\n') => {
                answer.pop();
                Ok(answer)
            }
            Ok(_) => Err(self.died(memory, None)),
            Err(e) => Err(self.died(memory, Some(&e.to_string()))),
        }
    }

    /// The failure of a worker that stopped answering, from how it ended and its last
    /// words: Rust prints `memory allocation of N bytes failed` before it aborts. `error` is
    /// the system's error that showed it had died, if one did.
    fn died(&mut self, memory: u64, error: Option<&str>) -> Failure {
        let _ = self.child.kill();
        let (ended, wait_error) = match self.child.wait() {
            Ok(status) => (Ending::of(status), String::new()),
            Err(e) => (None, e.to_string()),
        };
        let mut last_words = String::new();
        let _ = (&mut self.stderr)
            .take(4096)
            .read_to_string(&mut last_words);
        if let Some(line) = last_words
            .lines()
            .find(|l| l.starts_with("memory allocation"))
        {
            return Failure::OutOfMemory {
                budget_mb: memory / (1024 * 1024),
                requested: requested_bytes(line),
            };
        }
        let first = last_words.lines().next().unwrap_or_default().trim();
        let detail = [error.unwrap_or_default(), &wait_error, first]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        Failure::Crashed {
            ended,
            detail: (!detail.is_empty()).then_some(detail),
        }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The size Rust's `memory allocation of N bytes failed` names.
fn requested_bytes(line: &str) -> Option<u64> {
    line.trim()
        .strip_prefix("memory allocation of ")?
        .strip_suffix(" bytes failed")?
        .parse()
        .ok()
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Whether `stdout` has a line (or end of file) to read within `timeout`.
fn wait_readable(stdout: &BufReader<ChildStdout>, timeout: Duration) -> bool {
    if !stdout.buffer().is_empty() {
        return true;
    }
    poll_readable(stdout.get_ref(), timeout)
}

#[cfg(unix)]
fn poll_readable(pipe: &ChildStdout, timeout: Duration) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};

    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let mut fds = [PollFd::new(pipe, PollFlags::IN)];
        let spec = Timespec {
            tv_sec: left.as_secs() as i64,
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        match poll(&mut fds, Some(&spec)) {
            Ok(0) => return false,
            Ok(_) => return true,
            Err(rustix::io::Errno::INTR) if Instant::now() < deadline => continue,
            Err(_) => return true,
        }
    }
}

#[cfg(not(unix))]
fn poll_readable(_pipe: &ChildStdout, _timeout: Duration) -> bool {
    true
}

/// The worker's side: caps its own address space at `memory` bytes, then answers each
/// job line from stdin with the line `handle` makes, until stdin closes.
pub fn serve(memory: u64, handle: impl Fn(&Job) -> String) -> io::Result<()> {
    limit_memory(memory)?;
    let stdin = io::stdin().lock();
    let mut stdout = io::stdout().lock();
    for line in stdin.lines() {
        let line = line?;
        let answer = match serde_json::from_str::<Job>(&line) {
            Ok(job) => handle(&job),
            Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
        };
        debug_assert!(!answer.contains('\n'), "one answer, one line");
        stdout.write_all(answer.as_bytes())?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
    }
    Ok(())
}

#[cfg(unix)]
fn limit_memory(memory: u64) -> io::Result<()> {
    use rustix::process::{Resource, Rlimit, setrlimit};
    setrlimit(
        Resource::As,
        Rlimit {
            current: Some(memory),
            maximum: Some(memory),
        },
    )
    .map_err(io::Error::from)
}

#[cfg(not(unix))]
fn limit_memory(_memory: u64) -> io::Result<()> {
    Ok(())
}

/// A job for `path`.
pub fn job(kind: &str, path: &Path) -> Job {
    Job {
        kind: kind.to_string(),
        path: path.to_path_buf(),
    }
}

/// A failure as the finding vocabulary states it.
impl From<Failure> for Stop {
    fn from(failure: Failure) -> Stop {
        match failure {
            Failure::Timeout(budget) => Stop::Timeout {
                seconds: budget.as_secs(),
            },
            Failure::OutOfMemory {
                budget_mb,
                requested,
            } => Stop::OutOfMemory {
                budget_mb,
                requested,
            },
            Failure::Crashed { ended, detail } => Stop::Crashed { ended, detail },
            Failure::NoWorker(detail) => Stop::NoWorker { detail },
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// The failure of a real worker process that reads its job and then does what `script`
    /// says, started and asked as a sweep starts and asks one.
    fn dying_worker(script: &str) -> Failure {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let exe = dir.path().join("worker.sh");
        std::fs::write(&exe, format!("#!/bin/sh\nread job\n{script}\n")).expect("the script");
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755))
            .expect("made executable");
        let setup = WorkerSetup {
            exe,
            memory: 1 << 30,
        };
        // Another test's fork may briefly hold the script open for writing (ETXTBSY).
        let mut worker = (0..50)
            .find_map(|_| match Worker::start(&setup) {
                Err(e) if e.raw_os_error() == Some(26) => {
                    std::thread::sleep(Duration::from_millis(20));
                    None
                }
                started => Some(started),
            })
            .expect("the script is released")
            .expect("the worker starts");
        let asked = job("pdf", Path::new("a.pdf"));
        worker
            .ask(&asked, Duration::from_secs(20), setup.memory)
            .expect_err("the worker dies without answering")
    }

    #[test]
    fn a_worker_ended_by_a_signal_is_said_by_the_signal_and_its_last_words() {
        let failure = dying_worker("echo 'parser gave up' >&2; kill -9 $$");
        let Failure::Crashed { ended, detail } = &failure else {
            panic!("{failure:?}");
        };
        assert_eq!(*ended, Some(Ending::Signal { signal: 9 }));
        assert_eq!(detail.as_deref(), Some("parser gave up"));
        let stop = Stop::from(failure.clone());
        assert!(stop.is_worker_death());
        assert_eq!(
            stop.to_string(),
            "the parser crashed on this file (ended by signal 9 (SIGKILL); parser gave up)"
        );
        assert_eq!(failure.to_string(), stop.to_string());
    }

    #[test]
    fn a_worker_that_exits_is_said_by_its_exit_code() {
        let failure = dying_worker("exit 3");
        assert_eq!(
            failure,
            Failure::Crashed {
                ended: Some(Ending::Code { code: 3 }),
                detail: None,
            }
        );
        let stop = Stop::from(failure);
        assert_eq!(
            stop,
            Stop::Crashed {
                ended: Some(Ending::Code { code: 3 }),
                detail: None,
            }
        );
        assert!(
            stop.is_worker_death(),
            "the next sweep checks the file again"
        );
        assert!(
            !Stop::PANICKED.is_worker_death(),
            "a panic is the file's doing"
        );
    }
}
