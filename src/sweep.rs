//! The pipeline of `guicang check`, from an archive root to a [`Report`]:
//! discover → scan → classify → evaluate → report. Each step hands plain data to the next.

use std::path::Path;

use crate::check::{self, Context};
use crate::classify::classify;
use crate::project::discover::{DiscoverOptions, discover};
use crate::report::Report;
use crate::scan::scan;
use crate::settings::Settings;

/// Sweeps the archive at `root` with `threads` workers and returns the report.
pub fn sweep(root: &Path, settings: &Settings, threads: usize) -> Report {
    let options = DiscoverOptions {
        code_pattern: &settings.code_pattern,
        lang: settings.lang,
    };
    let discovery = discover(root, &settings.rules, &options);
    let folders: Vec<_> = discovery
        .projects
        .iter()
        .filter_map(|p| p.folder.clone())
        .collect();
    let scanned = scan(root, &folders, threads);
    // Scan indexes projects with folders; map them back to discovery's list.
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
    let mut walk_errors = scanned.errors;
    for error in &mut walk_errors {
        error.project = with_folder
            .get(error.project)
            .copied()
            .unwrap_or(error.project);
    }
    let classes = pool(threads).install(|| classify(&files, &discovery.projects, &settings.rules));
    let mut findings = discovery.findings;
    let ctx = Context {
        rules: &settings.rules,
        projects: &discovery.projects,
        files: &files,
        classes: &classes,
        walk_errors: &walk_errors,
        lang: settings.lang,
    };
    let scores = check::run(&ctx, &mut findings);
    Report::build(
        root.display().to_string(),
        settings.lang,
        &settings.rules,
        &discovery.projects,
        scores,
        findings,
        files.len(),
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
