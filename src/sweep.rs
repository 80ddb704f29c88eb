//! The pipeline of `guicang check`, from an archive root to a [`Report`]:
//! discover → scan → classify → ledgers → evaluate → report. Each step hands plain data
//! to the next.

use std::path::{Path, PathBuf};

use crate::check::chain::link::link;
use crate::check::{self, Context};
use crate::classify::{FileClass, classify};
use crate::inspect::cache::{cache_file, lookup, save};
use crate::inspect::inspect_all;
use crate::ledger::load::{LedgerSource, collect_records, open_ledgers};
use crate::project::discover::{DiscoverOptions, discover};
use crate::report::{Evaluation, Report};
use crate::scan::{RelPath, scan};
use crate::settings::Settings;

/// How a sweep runs (as opposed to what it checks, which [`Settings`] says).
#[derive(Debug, Clone)]
pub struct SweepOptions {
    /// Worker threads.
    pub threads: usize,
    /// Whether files are opened for health checks (`--no-inspect` turns it off).
    pub inspect: bool,
    /// Folder of the inspection cache; `None` for no cache.
    pub cache_dir: Option<PathBuf>,
    /// Whether a progress bar is drawn on stderr.
    pub progress: bool,
    /// guicang's own files kept in the archive (the baseline it reads), relative to the
    /// root with `/`: not reported as files outside every project.
    pub own_files: Vec<String>,
}

impl SweepOptions {
    /// Plain options: `threads` workers, inspection on, no cache, no progress bar.
    pub fn new(threads: usize) -> SweepOptions {
        SweepOptions {
            threads,
            inspect: true,
            cache_dir: None,
            progress: false,
            own_files: Vec::new(),
        }
    }
}

/// Sweeps the archive at `root` and returns the report.
pub fn sweep(root: &Path, settings: &Settings, options: &SweepOptions) -> Report {
    pool(options.threads).install(|| sweep_in_pool(root, settings, options))
}

fn sweep_in_pool(root: &Path, settings: &Settings, options: &SweepOptions) -> Report {
    let threads = options.threads;
    let inspect = settings.inspect.filter(|_| options.inspect);
    let progress = options.progress.then(|| progress::spinner(settings.lang));
    let lang = settings.lang;
    let is_ledger = |rel: &str, name: &str| settings.is_ledger(rel, name);
    let discover_options = DiscoverOptions {
        code_pattern: &settings.code_pattern,
        lang,
        is_ledger: &is_ledger,
        own_files: &options.own_files,
    };
    let mut discovery = discover(root, &settings.rules, &discover_options);
    for project in &mut discovery.projects {
        if let Some(amount) = project
            .code
            .as_ref()
            .and_then(|c| settings.settlements.get(c))
        {
            project.settlement = Some(*amount);
        }
    }

    let folders: Vec<_> = discovery
        .projects
        .iter()
        .filter_map(|p| p.folder.clone())
        .collect();
    let scanned = scan(root, &folders, threads, inspect.is_some());
    // The scan numbers projects among those with a folder; map them back to discovery's list.
    let with_folder: Vec<usize> = discovery
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| p.folder.is_some())
        .map(|(i, _)| i)
        .collect();
    let mut files = scanned.files;
    for file in &mut files {
        file.set_project(with_folder[file.project()]);
    }
    let symlinks: Vec<(usize, String)> = scanned
        .symlinks
        .into_iter()
        .map(|(p, path)| (with_folder[p], path))
        .collect();
    let mut walk_errors = scanned.errors;
    for error in &mut walk_errors {
        error.project = with_folder
            .get(error.project)
            .copied()
            .unwrap_or(error.project);
    }
    let is_ledger_file = |rel: &RelPath, name: &str| settings.is_ledger_file(rel, name);
    let classes = classify(
        &files,
        &discovery.projects,
        &settings.rules,
        &is_ledger_file,
    );
    let inspections = match &inspect {
        Some(limits) => {
            let cache_file = options
                .cache_dir
                .as_ref()
                .map(|dir| cache_file(dir, root, limits));
            let cached = cache_file.as_ref().map(|path| lookup(path, &files));
            // Lines of the cache no file took: files removed, or changed.
            let unused = cached.as_ref().map(|c| {
                c.entries
                    .saturating_sub(c.hit.iter().filter(|&&hit| hit).count())
            });
            if let Some(bar) = &progress {
                progress::files(bar, files.len() as u64, lang);
            }
            let (inspections, fresh) =
                inspect_all(root, &files, &classes, limits, cached, progress.as_ref());
            // Rewritten only when something changed (a file inspected afresh, or one gone).
            // A cache that cannot be written costs the next sweep time, never a result.
            let unchanged = fresh == 0 && unused == Some(0);
            if let (Some(path), false) = (&cache_file, unchanged) {
                let _ = save(path, &files, &inspections);
            }
            inspections
        }
        None => Vec::new(),
    };
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }

    let ledger_files: Vec<(std::path::PathBuf, &crate::scan::FileEntry)> = files
        .iter()
        .zip(&classes)
        .filter(|(f, c)| {
            c.class == FileClass::Bookkeeping && settings.is_ledger_file(f.rel_path(), f.name())
        })
        .map(|(f, _)| (f.path(root), f))
        .collect();
    let sources: Vec<LedgerSource<'_>> = ledger_files
        .iter()
        .map(|(path, f)| LedgerSource {
            path,
            rel: f.rel_path().joined(),
            owner: Some(f.project()),
        })
        .collect();
    let (mut ledgers, mut findings) = open_ledgers(&sources, lang);
    ledgers.splice(0..0, std::mem::take(&mut discovery.ledgers));
    let (records, cell_findings) = collect_records(&ledgers, lang);
    // The records own what they read: the ledgers' cells (tens of MB for a ledger of
    // tens of thousands of rows) are not needed any more.
    drop(ledgers);
    findings.extend(cell_findings);
    findings.extend(discovery.findings);
    let linked = link(&records, &discovery.projects, lang, &mut findings);

    let ctx = Context {
        root,
        rules: &settings.rules,
        projects: &discovery.projects,
        files: &files,
        classes: &classes,
        walk_errors: &walk_errors,
        symlinks: &symlinks,
        inspections: &inspections,
        ledgers: &linked,
        lang,
    };
    let scores = check::run(&ctx, &mut findings);
    let chains = (0..discovery.projects.len())
        .map(|i| check::chain::summary(&ctx, i))
        .collect();
    // Free the per-file data before the report is built: at a million files it is most of
    // the memory, and the report keeps only the paths it names (shared, not copied).
    let file_count = files.len();
    drop(linked);
    drop(records);
    drop(inspections);
    drop(classes);
    drop(files);
    let evaluation = Evaluation {
        scores,
        chains,
        findings,
        files: file_count,
    };
    Report::build(
        root.display().to_string(),
        lang,
        &settings.rules,
        &discovery.projects,
        evaluation,
    )
}

/// A rayon pool of `threads` workers (the global pool when it cannot be built).
fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|_| {
            rayon::ThreadPoolBuilder::new()
                .build()
                .expect("a default thread pool")
        })
}

/// The progress bar on stderr: a spinner while folders are walked, a bar while files are checked.
mod progress {
    use indicatif::{ProgressBar, ProgressStyle};

    use crate::lang::Lang;

    /// A spinner drawn on stderr (indicatif draws nothing when stderr is not a terminal).
    pub fn spinner(lang: Lang) -> ProgressBar {
        let bar = ProgressBar::new_spinner();
        bar.set_message(lang.pick("正在扫描档案…", "scanning the archive…"));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }

    /// Turns the spinner into a bar over `total` files.
    pub fn files(bar: &ProgressBar, total: u64, lang: Lang) {
        bar.disable_steady_tick();
        bar.set_length(total);
        bar.set_position(0);
        if let Ok(style) = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta})") {
            bar.set_style(style);
        }
        bar.set_message(lang.pick("检查文件", "checking files"));
    }
}
