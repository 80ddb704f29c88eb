//! The pipeline of `guicang check`, from an archive root to a [`Report`]:
//! discover → scan → classify → ledgers → evaluate → report. Each step hands plain data
//! to the next.

use std::path::Path;

use crate::check::chain::link::link;
use crate::check::{self, Context};
use crate::classify::{FileClass, classify};
use crate::inspect::inspect_all;
use crate::ledger::load::{LedgerSource, collect_records, open_ledgers};
use crate::project::discover::{DiscoverOptions, discover};
use crate::report::{Evaluation, Report};
use crate::scan::scan;
use crate::settings::Settings;

/// Sweeps the archive at `root` with `threads` workers and returns the report.
pub fn sweep(root: &Path, settings: &Settings, threads: usize) -> Report {
    pool(threads).install(|| sweep_in_pool(root, settings, threads))
}

fn sweep_in_pool(root: &Path, settings: &Settings, threads: usize) -> Report {
    let lang = settings.lang;
    let is_ledger = |rel: &str, name: &str| settings.is_ledger(rel, name);
    let options = DiscoverOptions {
        code_pattern: &settings.code_pattern,
        lang,
        is_ledger: &is_ledger,
    };
    let mut discovery = discover(root, &settings.rules, &options);
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
    let scanned = scan(root, &folders, threads);
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
        file.project = with_folder[file.project];
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
    let classes = classify(&files, &discovery.projects, &settings.rules, &is_ledger);
    let inspections = match &settings.inspect {
        Some(options) => inspect_all(&files, &classes, options),
        None => Vec::new(),
    };

    let sources: Vec<LedgerSource<'_>> = files
        .iter()
        .zip(&classes)
        .filter(|(f, c)| {
            c.class == FileClass::Bookkeeping && settings.is_ledger(&f.rel_path, &f.name)
        })
        .map(|(f, _)| LedgerSource {
            path: &f.path,
            rel: f.rel_path.clone(),
            owner: Some(f.project),
        })
        .collect();
    let (mut ledgers, mut findings) = open_ledgers(&sources, lang);
    ledgers.splice(0..0, std::mem::take(&mut discovery.ledgers));
    let (records, cell_findings) = collect_records(&ledgers, lang);
    findings.extend(cell_findings);
    findings.extend(discovery.findings);
    let linked = link(&records, &discovery.projects, lang, &mut findings);

    let ctx = Context {
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
    let evaluation = Evaluation {
        scores,
        chains,
        findings,
        files: files.len(),
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
