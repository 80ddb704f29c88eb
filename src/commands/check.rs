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

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{CheckArgs, Format};
use crate::error::AppError;
use crate::exit;
use crate::guard::isolate;
use crate::guard::limits::THREADS_PER_CORE;
use crate::guard::output::{resolve_target, write_new};
use crate::inspect::cache::default_dir;
use crate::paths::relative_display;
use crate::report::{Report, html, json, junit, markdown, sarif, text, xlsx};
use crate::scan::share::is_network_filesystem;
use crate::settings::resolve;
use crate::sweep::{SweepOptions, sweep};
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
        (Some(by), Some(dir)) => Some((*by, super::split::prepare(dir, &destinations.root)?)),
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
    let rendering = Rendering::of(args);
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
    if let Some((store, target)) = &mut history {
        let id = store.record(&crate::history::record::SweepRecord::of(&report, None))?;
        eprintln!("guicang: recorded sweep #{id} in {target}");
    }
    if let Some(format) = on_stdout {
        print_report(&report, format, &rendering)?;
    }
    Ok(exit::for_findings(report.worst(), settings.fail_on))
}

/// The format of the report on stdout, if one is printed: `--format`, else `[output]
/// format`, else text when no file is written. With `--split-by`, `--format` names the
/// format of the split reports instead. An xlsx report is not printed to a terminal.
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
    let on_stdout = match (asked, args.outputs.is_empty() && !split) {
        (Some(format), _) => Some(format),
        (None, true) => Some(Format::Text),
        (None, false) => None,
    };
    if on_stdout == Some(Format::Xlsx) && std::io::stdout().is_terminal() {
        return Err(AppError::Usage(
            "the xlsx report is binary and stdout is a terminal; write it to a file with \
             -o report.xlsx, or redirect stdout"
                .into(),
        ));
    }
    Ok(on_stdout)
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

/// What shapes the rendering of a report besides the report: the terminal report's options
/// and the folder SARIF URIs are relative to.
struct Rendering<'a> {
    text: text::TextOptions,
    sarif_root: Option<&'a Path>,
}

impl Rendering<'_> {
    /// The rendering the command line asks for.
    fn of(args: &CheckArgs) -> Rendering<'_> {
        let text = text::TextOptions {
            verbose: args.verbose,
            summary_only: args.summary,
            sort: match args.sort {
                crate::cli::SortBy::Folder => text::SortBy::Folder,
                crate::cli::SortBy::Worst => text::SortBy::Worst,
                crate::cli::SortBy::Name => text::SortBy::Name,
            },
            least: args.only.map(|only| match only {
                crate::cli::Only::Errors => crate::finding::Severity::Error,
                crate::cli::Only::Warnings => crate::finding::Severity::Warning,
            }),
        };
        Rendering {
            text,
            sarif_root: args.sarif_root.as_deref(),
        }
    }
}

/// Writes the report to stdout: JSON streamed (at a million files it is hundreds of MB),
/// text with its styles where the terminal takes them. A closed pipe is no error.
fn print_report(
    report: &Report,
    format: Format,
    rendering: &Rendering<'_>,
) -> Result<(), AppError> {
    let written = if format == Format::Json {
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        json::write(report, &mut stdout).and_then(|()| stdout.flush())
    } else if format == Format::Text {
        let bytes = render(report, format, rendering, true)?;
        let mut stdout = anstream::stdout().lock();
        stdout.write_all(&bytes).and_then(|()| stdout.flush())
    } else {
        let bytes = render(report, format, rendering, true)?;
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&bytes).and_then(|()| stdout.flush())
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(AppError::Usage(format!("cannot write the report: {e}")))
        }
        _ => Ok(()),
    }
}

/// Renders one report. Terminal text keeps its styles for stdout (the stream strips them
/// when it is not a terminal); a text file never has them.
fn render(
    report: &Report,
    format: Format,
    options: &Rendering<'_>,
    to_stdout: bool,
) -> Result<Vec<u8>, AppError> {
    Ok(match format {
        Format::Text => {
            let styled = text::render(report, options.text);
            if to_stdout {
                styled.into_bytes()
            } else {
                anstream::adapter::strip_str(&styled)
                    .to_string()
                    .into_bytes()
            }
        }
        Format::Json => json::render(report).into_bytes(),
        Format::Markdown => markdown::render(report).into_bytes(),
        Format::Sarif => match options.sarif_root {
            Some(dir) => sarif::render_with(report, &sarif::Base::under(&report.root, dir)),
            None => sarif::render(report),
        }
        .into_bytes(),
        Format::Junit => junit::render(report).into_bytes(),
        Format::Html => html::render(report).into_bytes(),
        Format::Xlsx => xlsx::render(report)
            .map_err(|e| AppError::Usage(format!("cannot build the xlsx report: {e}")))?,
    })
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
    })
}

/// The report files with their formats, each checked: a known extension, and a place
/// [`Destinations`] accepts. `origin` says where they were named (`-o`, the configuration).
fn output_files(
    destinations: &mut Destinations,
    outputs: &[PathBuf],
    origin: &str,
) -> Result<Vec<(PathBuf, Format)>, AppError> {
    let mut files = Vec::new();
    for path in outputs {
        let format = Format::from_extension(path).ok_or_else(|| {
            AppError::Usage(format!(
                "cannot tell the format of {} ({origin}) from its extension; use .txt, .json, \
                 .md, .sarif, .xml (JUnit), .xlsx, .html or .htm",
                path.display()
            ))
        })?;
        destinations.claim(path, origin)?;
        files.push((path.clone(), format));
    }
    Ok(files)
}

/// The files a run will write, checked before the sweep: each in an existing folder,
/// outside the archive root, and named once.
struct Destinations {
    root: PathBuf,
    seen: Vec<PathBuf>,
}

impl Destinations {
    fn new(root: &Path) -> Result<Destinations, AppError> {
        let root = root.canonicalize().map_err(|e| {
            AppError::Usage(format!(
                "cannot resolve the archive root {}: {e}",
                root.display()
            ))
        })?;
        Ok(Destinations {
            root,
            seen: Vec::new(),
        })
    }

    /// Accepts `path` as a file to write, or says why not; `origin` names where it was
    /// given.
    fn claim(&mut self, path: &Path, origin: &str) -> Result<(), AppError> {
        let resolved = resolve_output(path)?;
        if resolved.starts_with(&self.root) {
            return Err(AppError::Usage(format!(
                "{} ({origin}) is inside the archive being checked ({}); guicang never writes \
                 into the archive: write it somewhere else",
                path.display(),
                self.root.display()
            )));
        }
        if self.seen.contains(&resolved) {
            return Err(AppError::Usage(format!(
                "{} is named twice ({origin})",
                path.display()
            )));
        }
        self.seen.push(resolved);
        Ok(())
    }

    /// Writes one file of the run (a report or the baseline) and names it on stderr. Its
    /// target is resolved again and checked again: a link changed during the sweep must
    /// not lead into the archive either.
    fn write(&self, path: &Path, bytes: &[u8], what: &str) -> Result<(), AppError> {
        let target = resolve_output(path)?;
        if target.starts_with(&self.root) {
            return Err(AppError::Usage(format!(
                "{} now leads into the archive being checked ({}); guicang never writes there",
                path.display(),
                self.root.display()
            )));
        }
        write_new(&target, bytes).map_err(|e| {
            AppError::Usage(format!("cannot write the {what} {}: {e}", path.display()))
        })?;
        eprintln!("guicang: wrote {}", path.display());
        Ok(())
    }
}

/// Where an output file really lands ([`resolve_target`]: every link followed, even a
/// dangling one), as a usage error when it cannot be used.
fn resolve_output(path: &Path) -> Result<PathBuf, AppError> {
    resolve_target(path)
        .map_err(|e| AppError::Usage(format!("cannot write {}: {e}", path.display())))
}
