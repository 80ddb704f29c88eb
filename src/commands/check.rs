//! `guicang check`: sweep an archive once, write every report asked for, decide the exit
//! code.
//!
//! Reports go to stdout (`--format`, else `[output] format`, else text) and to files (`-o
//! FILE`, else `[output] outputs`; format from the extension). With `-o` and no format,
//! stdout stays empty. Waivers, then the baseline, set findings apart before the report is
//! built (`triage`). Every file to write (reports, `--write-baseline`) is checked
//! before the sweep starts: a file inside the archive root, in a folder that does not
//! exist, or named twice is a usage error (exit 2), so a long sweep never ends in a
//! refusal, and guicang never writes into the archive it checks. So is a `--baseline`
//! that cannot be read.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{CheckArgs, Format};
use crate::error::AppError;
use crate::exit;
use crate::guard::isolate;
use crate::guard::limits::THREADS_PER_CORE;
use crate::inspect::cache::default_dir;
use crate::paths::relative_display;
use crate::scan::share::is_network_filesystem;
use crate::settings::resolve;
use crate::sweep::{SweepOptions, sweep};

use super::output::{Destinations, Rendering, output_files, print_report, printed_format, render};
use crate::triage::baseline::Baseline;

/// Runs the check, writes the reports, and returns the exit code.
pub fn run(args: &CheckArgs) -> Result<ExitCode, AppError> {
    if !args.root.is_dir() {
        return Err(AppError::Usage(format!(
            "{} is not a folder; give the archive root",
            args.root.display()
        )));
    }
    let settings = resolve(&args.common, &args.root, args.fail_on)?;
    // Untrusted files are parsed in worker processes started from this executable.
    if let Ok(exe) = std::env::current_exe() {
        isolate::configure(exe, settings.worker_memory);
    }
    let mut destinations = Destinations::new(&args.root)?;
    let outputs = if args.outputs.is_empty() {
        let origin = format!("[output] outputs of {}", settings.config_path);
        let paths: Vec<PathBuf> = settings.outputs.iter().map(|(p, _)| p.clone()).collect();
        output_files(&mut destinations, &paths, &origin)?
    } else {
        output_files(&mut destinations, &args.outputs, "-o")?
    };
    if let Some(path) = &args.write_baseline {
        destinations.claim(path, "--write-baseline")?;
    }
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::read(path).map_err(|e| AppError::Usage(e.to_string()))?),
        None => None,
    };
    let split = match (&args.split_by, &args.out_dir) {
        (Some(by), Some(dir)) => {
            let root = destinations
                .root
                .clone()
                .unwrap_or_else(|| args.root.clone());
            Some((*by, super::split::prepare(dir, &root)?))
        }
        _ => None,
    };
    let mut history = open_history(args, &settings, &mut destinations)?;
    let on_stdout = stdout_format(args, &settings, split.is_some())?;
    let report = sweep(&args.root, &settings, &sweep_options(args, baseline)?);
    if let Some(path) = &args.write_baseline {
        // Every finding no waiver covers: those that count and those already recorded.
        let keys = Baseline::of(report.findings.iter().chain(&report.baselined));
        destinations.write(path, keys.to_json().as_bytes(), "baseline")?;
    }
    let rendering = Rendering::of(&args.text, args.sarif_root.as_deref());
    for (path, format) in &outputs {
        let bytes = render(&report, *format, &rendering, false)?;
        destinations.write(path, &bytes, "report")?;
    }
    if let Some((by, dir)) = &split {
        let format = args.format.unwrap_or(Format::Xlsx);
        let files = super::split::write(&report, &settings.rules, *by, dir, format, |part| {
            render(part, format, &rendering, false)
        })?;
        eprintln!(
            "guicang: wrote {} reports into {}",
            files.len(),
            dir.display()
        );
    }
    // The report first: a history that fails to record (a server gone) loses no report.
    if let Some(format) = on_stdout {
        print_report(&report, format, &rendering)?;
    }
    if let Some((store, target)) = &mut history {
        let shard = report.run.shard.map(|s| s.to_string());
        let id = store.record(&crate::history::record::SweepRecord::of(&report, shard))?;
        eprintln!("guicang: recorded sweep #{id} in {target}");
    }
    Ok(exit::for_findings(report.worst(), settings.fail_on))
}

/// The format of the report on stdout, if one is printed: `--format`, else `[output]
/// format`, else text when no file is written. With `--split-by`, `--format` names the
/// format of the split reports instead.
fn stdout_format(
    args: &CheckArgs,
    settings: &crate::settings::Settings,
    split: bool,
) -> Result<Option<Format>, AppError> {
    let asked = if split {
        settings.format
    } else {
        args.format.or(settings.format)
    };
    printed_format(asked, args.outputs.is_empty() && !split)
}

/// The history to record the sweep in (`--record`, else `[history] db`), opened and
/// checked before the sweep: a file inside the archive, a database of another program or
/// of a newer schema, an unreachable server are refused before anything is checked.
fn open_history(
    args: &CheckArgs,
    settings: &crate::settings::Settings,
    destinations: &mut Destinations,
) -> Result<Option<(crate::history::Store, String)>, AppError> {
    let Some(target) = args.record.clone().or_else(|| settings.history_db.clone()) else {
        return Ok(None);
    };
    if !crate::history::is_postgres(&target) {
        destinations.claim(Path::new(&target), "--record")?;
    }
    let store = crate::history::Store::open(&target)?;
    Ok(Some((store, crate::history::masked(&target))))
}

/// How the sweep runs: threads (4 per core on a network share, where threads wait on the
/// network), inspection, the cache folder (never inside the archive) and the progress bar.
fn sweep_options(args: &CheckArgs, baseline: Option<Baseline>) -> Result<SweepOptions, AppError> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let threads = args
        .threads
        .unwrap_or_else(|| {
            if is_network_filesystem(&args.root) {
                cores * 4
            } else {
                cores
            }
        })
        .clamp(1, cores * THREADS_PER_CORE);
    let root = args
        .root
        .canonicalize()
        .unwrap_or_else(|_| args.root.clone());
    let inside_archive = |dir: &Path| {
        let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        absolute
            .canonicalize()
            .unwrap_or(absolute)
            .starts_with(&root)
    };
    let cache_dir = match (&args.cache, args.no_cache || args.no_inspect) {
        (_, true) => None,
        (Some(dir), false) if inside_archive(dir) => {
            return Err(AppError::Usage(format!(
                "the cache folder {} is inside the archive being checked; guicang never writes there",
                dir.display()
            )));
        }
        (Some(dir), false) => Some(dir.clone()),
        // The default cache is silently skipped when the archive holds it (an archive in $HOME).
        (None, false) => default_dir().filter(|dir| !inside_archive(dir)),
    };
    // A baseline committed with an archive kept in git is guicang's own file there.
    let own_files = args
        .baseline
        .iter()
        .filter_map(|path| {
            let path = path.canonicalize().ok()?;
            Some(relative_display(
                path.strip_prefix(&root).ok()?,
                Path::new(""),
            ))
        })
        .collect();
    Ok(SweepOptions {
        threads,
        inspect: !args.no_inspect,
        cache_dir,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        own_files,
        baseline,
        baseline_file: args.baseline.as_ref().map(|p| p.display().to_string()),
        shard: args.shard,
    })
}
