//! The pipeline of `guicang check`, from an archive root to a [`Report`], in the steps of
//! `DESIGN.md`: discover → scan → classify → inspect → ledgers → evaluate → triage →
//! report. Each step is a function of its own module with its own inputs and outputs;
//! this file only hands plain data from one to the next.

use std::path::{Path, PathBuf};

use crate::check::chain::ChainSummary;
use crate::check::chain::link::link;
use crate::check::{self, Context};
use crate::classify::{Classified, FileClass, classify};
use crate::finding::Finding;
use crate::inspect::cache::{cache_file, lookup, save};
use crate::inspect::{InspectOptions, Inspection, inspect_all};
use crate::ledger::load::{LedgerSource, collect_records, open_ledgers};
use crate::ledger::records::Records;
use crate::paths::RelPath;
use crate::project::discover::{DiscoverOptions, Discovery, discover};
use crate::report::run::RunInfo;
use crate::report::{Evaluation, Report};
use crate::scan::{FileEntry, ScanOutput, scan};
use crate::settings::Settings;
use crate::shard::Shard;
use crate::triage::baseline::Baseline;
use crate::triage::{TriagePolicy, triage};

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
    /// The findings recorded by `--baseline`, set apart from those that count.
    pub baseline: Option<Baseline>,
    /// The `--baseline` file as given, for the report's account of the run.
    pub baseline_file: Option<String>,
    /// The shard swept (`--shard K/N`); `None` for the whole archive.
    pub shard: Option<Shard>,
}

/// Sweeps the archive at `root` and returns the report.
pub fn sweep(root: &Path, settings: &Settings, options: &SweepOptions) -> Report {
    pool(options.threads).install(|| sweep_in_pool(root, settings, options))
}

fn sweep_in_pool(given_root: &Path, settings: &Settings, options: &SweepOptions) -> Report {
    let run = run_info(given_root, settings, options);
    // Every path of the sweep starts at the canonical root, which holds no link, so that
    // files in the archive can be opened through no link at all (`guard::open`).
    let canonical = given_root
        .canonicalize()
        .unwrap_or_else(|_| given_root.to_path_buf());
    let root = canonical.as_path();
    let lang = settings.lang;
    let progress = options.progress.then(|| progress::spinner(lang));
    let mut discovery = discover_projects(root, settings, options);
    let mut scanned = scan_projects(root, &discovery, settings, options);
    let is_ledger_file = |rel: &RelPath, name: &str| settings.is_ledger_file(rel, name);
    let mut classes = classify(
        &scanned.files,
        &discovery.projects,
        &settings.rules,
        &is_ledger_file,
    );
    let files = match options.shard {
        Some(shard) => keep_shard(shard, &discovery, &mut scanned, &mut classes, settings),
        None => scanned.files.len(),
    };
    let inspections = match settings.inspect.as_ref().filter(|_| options.inspect) {
        Some(limits) => {
            if let Some(bar) = &progress {
                progress::files(bar, scanned.files.len() as u64, lang);
            }
            inspect_files(
                root,
                &scanned.files,
                &classes,
                limits,
                options,
                progress.as_ref(),
            )
        }
        None => Vec::new(),
    };
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let mut findings = std::mem::take(&mut discovery.findings);
    let records = read_ledgers(
        root,
        &scanned.files,
        &classes,
        settings,
        &mut discovery,
        &mut findings,
    );
    let sources = Sources {
        scanned,
        classes,
        inspections,
        records,
    };
    let (outcome, chains) = evaluate(root, settings, &discovery, sources, &mut findings);
    let policy = TriagePolicy {
        waivers: &settings.waivers,
        today: settings.today,
        baseline: options.baseline.as_ref(),
        report_unused_waivers: options.shard.is_none(),
    };
    let evaluation = Evaluation {
        outcome,
        chains,
        triaged: triage(findings, &policy),
        files,
    };
    let report = Report::build(run, lang, &settings.rules, &discovery.projects, evaluation);
    match options.shard {
        Some(shard) => report.shard_part(shard, &settings.rules),
        None => report,
    }
}

/// Step 2½ of a shard: the files of its own projects, and the ledgers of every project
/// (a ledger in another shard's folder may hold rows of this shard's projects); the files
/// of other shards are neither opened nor checked. Returns how many files are this
/// shard's, the count its report gives.
fn keep_shard(
    shard: Shard,
    discovery: &Discovery,
    scanned: &mut ScanOutput,
    classes: &mut Vec<Classified>,
    settings: &Settings,
) -> usize {
    let mine: Vec<bool> = discovery
        .projects
        .iter()
        .map(|p| shard.holds(&p.key()))
        .collect();
    let keep: Vec<bool> = scanned
        .files
        .iter()
        .zip(classes.iter())
        .map(|(f, c)| {
            mine[f.project()]
                || (c.class == FileClass::Bookkeeping
                    && settings.is_ledger_file(f.rel_path(), f.name()))
        })
        .collect();
    let own = scanned.files.iter().filter(|f| mine[f.project()]).count();
    let mut flags = keep.iter();
    scanned.files.retain(|_| *flags.next().unwrap_or(&false));
    let mut flags = keep.iter();
    classes.retain(|_| *flags.next().unwrap_or(&false));
    own
}

/// What the checks read, besides the projects: dropped as soon as they have run.
struct Sources {
    scanned: ScanOutput,
    classes: Vec<Classified>,
    inspections: Vec<Inspection>,
    records: Records,
}

/// Step 6: the ledgers' records linked to projects, then every check; returns the
/// projects' scores and their money along the funding chain. The per-file data is freed
/// on return, before the report is built: at a million files it is most of the memory,
/// and the report keeps only the paths it names (shared, not copied).
fn evaluate(
    root: &Path,
    settings: &Settings,
    discovery: &Discovery,
    sources: Sources,
    findings: &mut Vec<Finding>,
) -> (check::Outcome, Vec<Option<ChainSummary>>) {
    let linked = link(&sources.records, &discovery.projects, findings);
    let ctx = Context {
        root,
        rules: &settings.rules,
        projects: &discovery.projects,
        files: &sources.scanned.files,
        classes: &sources.classes,
        walk_errors: &sources.scanned.errors,
        symlinks: &sources.scanned.symlinks,
        special_files: &sources.scanned.special_files,
        nested_projects: &sources.scanned.nested_projects,
        inspections: &sources.inspections,
        ledgers: &linked,
        today: settings.today,
    };
    let outcome = check::run(&ctx, findings);
    let chains = (0..discovery.projects.len())
        .map(|i| check::chain::summary(&ctx, i))
        .collect();
    (outcome, chains)
}

/// The facts of this sweep that every report states, taken when it starts.
fn run_info(root: &Path, settings: &Settings, options: &SweepOptions) -> RunInfo {
    RunInfo {
        at: crate::report::run::now(),
        guicang: env!("CARGO_PKG_VERSION").to_string(),
        rules: settings.rules.fingerprint.clone(),
        root: root.display().to_string(),
        fail_on: settings.fail_on.map_or("never", |s| s.id()).to_string(),
        config: settings.config_file.clone(),
        waivers: settings.waivers.len(),
        baseline: options.baseline_file.clone(),
        lang: settings.lang,
        shard: options.shard,
        swept_root: options
            .shard
            .and_then(|_| root.canonicalize().ok())
            .map(|path| path.display().to_string()),
        root_path: root.canonicalize().ok(),
    }
}

/// Step 1: the projects under `root`, with the settlement amounts the configuration gives.
fn discover_projects(root: &Path, settings: &Settings, options: &SweepOptions) -> Discovery {
    let is_ledger = |rel: &str, name: &str| settings.is_ledger(rel, name);
    let discover_options = DiscoverOptions {
        code_pattern: &settings.code_pattern,
        is_ledger: &is_ledger,
        own_files: &options.own_files,
    };
    let mut discovery = discover(root, &settings.rules, &discover_options);
    missing_configured_ledgers(root, settings, &mut discovery.findings);
    for project in &mut discovery.projects {
        if let Some(amount) = project
            .code
            .as_ref()
            .and_then(|c| settings.settlements.get(c))
        {
            project.settlement = Some(*amount);
        }
    }
    discovery
}

/// A ledger `[ledgers] paths` names that is not there is a finding, not silence: the
/// checks of the funding chain would otherwise say nothing about the money it holds.
fn missing_configured_ledgers(root: &Path, settings: &Settings, findings: &mut Vec<Finding>) {
    for rel in &settings.ledger_paths {
        if !root.join(rel).is_file() {
            let said = crate::finding::said::LedgerSaid::ConfiguredLedgerMissing {
                config: settings.config_path.to_string(),
            };
            findings
                .push(Finding::new(crate::finding::Code::LedgerUnreadable, said).path(rel.clone()));
        }
    }
}

/// Step 2: the files of every project folder, numbered by discovery's project index.
fn scan_projects(
    root: &Path,
    discovery: &Discovery,
    settings: &Settings,
    options: &SweepOptions,
) -> ScanOutput {
    let with_folder: Vec<usize> = discovery
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| p.folder.is_some())
        .map(|(i, _)| i)
        .collect();
    let folders: Vec<PathBuf> = with_folder
        .iter()
        .filter_map(|&i| discovery.projects[i].folder.clone())
        .collect();
    let metadata = settings.inspect.is_some() && options.inspect;
    let mut scanned = scan(root, &folders, metadata, &settings.code_pattern);
    // The scan numbers projects among those with a folder; map them back to discovery's list.
    for file in &mut scanned.files {
        file.set_project(with_folder[file.project()]);
    }
    for (project, _) in &mut scanned.symlinks {
        *project = with_folder[*project];
    }
    for special in &mut scanned.special_files {
        special.project = with_folder[special.project];
    }
    for (project, _) in &mut scanned.nested_projects {
        *project = with_folder[*project];
    }
    for error in &mut scanned.errors {
        // Under no project folder: the archive's (no project has this index).
        error.project = with_folder
            .get(error.project)
            .copied()
            .unwrap_or(usize::MAX);
    }
    scanned
}

/// Step 4: each file opened and checked, through the inspection cache when there is one.
/// The cache is rewritten only when something changed (a file inspected afresh, or one
/// gone); a cache that cannot be written costs the next sweep time, never a result.
fn inspect_files(
    root: &Path,
    files: &[FileEntry],
    classes: &[Classified],
    limits: &InspectOptions,
    options: &SweepOptions,
    progress: Option<&indicatif::ProgressBar>,
) -> Vec<Inspection> {
    // A shard keeps its own cache: shards on one machine would otherwise each rewrite the
    // cache with their files only.
    let cache_file = options.cache_dir.as_ref().map(|dir| {
        let file = cache_file(dir, root, limits);
        match options.shard {
            Some(s) => file.with_extension(format!("shard-{}-of-{}.tsv", s.index, s.count)),
            None => file,
        }
    });
    let cached = cache_file.as_ref().map(|path| lookup(path, files));
    // Lines of the cache no file took: files removed, or changed.
    let unused = cached.as_ref().map(|c| {
        c.entries
            .saturating_sub(c.hit.iter().filter(|&&hit| hit).count())
    });
    let (inspections, fresh) = inspect_all(root, files, classes, limits, cached, progress);
    let unchanged = fresh == 0 && unused == Some(0);
    if let (Some(path), false) = (&cache_file, unchanged) {
        let _ = save(path, files, &inspections);
    }
    inspections
}

/// Step 5: every ledger (in project folders, and those discovery opened above them) read
/// into records; unreadable ledgers and cells become findings.
fn read_ledgers(
    root: &Path,
    files: &[FileEntry],
    classes: &[Classified],
    settings: &Settings,
    discovery: &mut Discovery,
    findings: &mut Vec<Finding>,
) -> Records {
    let ledger_files: Vec<(PathBuf, &FileEntry)> = files
        .iter()
        .zip(classes)
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
    let (mut ledgers, opened) = open_ledgers(&sources);
    findings.extend(opened);
    ledgers.splice(0..0, std::mem::take(&mut discovery.ledgers));
    // The records own what they read: the ledgers' cells (tens of MB for a ledger of tens
    // of thousands of rows) are dropped on return.
    let (records, cell_findings) = collect_records(&ledgers);
    findings.extend(cell_findings);
    records
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

    /// Turns the spinner into a bar over `total` files. The time left is shown, labelled,
    /// only once it means something: after 3 seconds and 2% of the files.
    pub fn files(bar: &ProgressBar, total: u64, lang: Lang) {
        bar.disable_steady_tick();
        bar.set_length(total);
        bar.set_position(0);
        let label = lang.pick("剩余约", "about");
        let left = lang.pick("", " left");
        let style = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} {left}").map(|s| {
            s.with_key(
                "left",
                move |state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write| {
                    let meaningful = state.elapsed().as_secs() >= 3
                        && state.len().is_some_and(|len| state.pos() * 50 >= len);
                    if meaningful {
                        let secs = state.eta().as_secs();
                        let _ = write!(out, "({label} {}:{:02}{left})", secs / 60, secs % 60);
                    }
                },
            )
        });
        if let Ok(style) = style {
            bar.set_style(style);
        }
        bar.set_message(lang.pick("检查文件", "checking files"));
    }
}
