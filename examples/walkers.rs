//! The walker candidates of issue 5, each listing every file of a tree (names only, no
//! stat), for `scripts/bench.sh` to time against each other on the same warm tree:
//!
//!     cargo run --release --example walkers -- ignore /tmp/guicang-bench/archive-1e6 2
//!
//! Modes: `walkdir` (serial), `walkdir-par-bridge` (walkdir fed to rayon), `ignore`
//! (the `ignore` crate's `WalkParallel` with every filter off, guicang's scan until it had
//! to open each folder from its parent's handle), `guicang` (the scan itself: `openat`
//! folder by folder, rayon tasks, the root taken as one project folder).
//! Each prints the number of files, so that a candidate that skips some is caught.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(root)) = (args.first(), args.get(1)) else {
        eprintln!("usage: walkers walkdir|walkdir-par-bridge|ignore|guicang ROOT [THREADS]");
        return ExitCode::from(2);
    };
    let threads = args.get(2).and_then(|t| t.parse().ok()).unwrap_or(2);
    let root = Path::new(root);
    let files = match mode.as_str() {
        "walkdir" => walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count(),
        "walkdir-par-bridge" => rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
            .install(|| {
                walkdir::WalkDir::new(root)
                    .into_iter()
                    .par_bridge()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .count()
            }),
        "ignore" => {
            let count = AtomicUsize::new(0);
            ignore::WalkBuilder::new(root)
                .standard_filters(false)
                .follow_links(false)
                .threads(threads)
                .build_parallel()
                .run(|| {
                    Box::new(|entry| {
                        if entry.is_ok_and(|e| e.file_type().is_some_and(|t| t.is_file())) {
                            count.fetch_add(1, Ordering::Relaxed);
                        }
                        ignore::WalkState::Continue
                    })
                });
            count.into_inner()
        }
        "guicang" => {
            let pattern = regex::Regex::new("^$").expect("pattern");
            let folders = [root.to_path_buf()];
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool")
                .install(|| guicang::scan::scan(root, &folders, false, &pattern))
                .files
                .len()
        }
        other => {
            eprintln!("unknown mode {other}: walkdir, walkdir-par-bridge, ignore or guicang");
            return ExitCode::from(2);
        }
    };
    println!("{files} files");
    ExitCode::SUCCESS
}
