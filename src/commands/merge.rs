//! `guicang merge`: the JSON reports of the shards of one archive (`check --shard K/N`)
//! put together into the report one sweep of the whole archive gives, written as `check`
//! writes it (stdout, `-o` files in any format, `--record`), with `check`'s exit code.
//!
//! Parts that do not fit are refused (exit 2) before anything is written: a report of
//! another shape version, reports made under different rules, a shard given twice or
//! shards of different splits, a shard missing, different languages; and rules or waivers
//! here that are not those of the sweeps (the recurring problems and the unused waivers
//! are worked out here, from them).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Format, MergeArgs};
use crate::error::AppError;
use crate::exit;
use crate::guard::limits::REPORT_BYTES;
use crate::guard::open::{Links, read_text_capped};
use crate::report::{MergePolicy, REPORT_VERSION, Report};
use crate::settings::{Settings, resolve};
use crate::shard::Shard;

use super::output::{Destinations, Rendering, output_files, print_report, render};

/// Runs the merge, writes the reports, and returns the exit code.
pub fn run(args: &MergeArgs) -> Result<ExitCode, AppError> {
    let parts = read_parts(&args.reports)?;
    let root = PathBuf::from(&parts[0].1.root);
    let settings = resolve(&args.common, &root, args.fail_on)?;
    let mut parts = check_parts(parts, &settings, args)?;
    let mut destinations = Destinations::near(&root);
    let outputs = output_files(&mut destinations, &args.outputs, "-o")?;
    let history = match &args.record {
        Some(target) => {
            if !crate::history::is_postgres(target) {
                destinations.claim(Path::new(target), "--record")?;
            }
            Some((
                crate::history::Store::open(target)?,
                crate::history::masked(target),
            ))
        }
        None => None,
    };
    let first = parts.remove(0);
    let policy = MergePolicy {
        rules: &settings.rules,
        waivers: &settings.waivers,
        today: settings.today,
    };
    let report = Report::merge(first, parts, &policy);
    let rendering = Rendering::of(&args.text, args.sarif_root.as_deref());
    for (path, format) in &outputs {
        let bytes = render(&report, *format, &rendering, false)?;
        destinations.write(path, &bytes, "report")?;
    }
    if let Some((mut store, target)) = history {
        let id = store.record(&crate::history::record::SweepRecord::of(&report, None))?;
        eprintln!("guicang: recorded sweep #{id} in {target}");
    }
    let on_stdout = match (args.format.or(settings.format), outputs.is_empty()) {
        (Some(format), _) => Some(format),
        (None, true) => Some(Format::Text),
        (None, false) => None,
    };
    if let Some(format) = on_stdout {
        print_report(&report, format, &rendering)?;
    }
    Ok(exit::for_findings(report.worst(), settings.fail_on))
}

/// Each report read back, with the file it came from; a file that cannot be read or is no
/// report of this guicang is a usage error naming it.
fn read_parts(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Report)>, AppError> {
    paths
        .iter()
        .map(|path| {
            let shown = path.display();
            let text = read_text_capped(path, Links::Follow, REPORT_BYTES)
                .map_err(|e| AppError::Usage(format!("cannot read the report {shown}: {e}")))?;
            // The shape version first (the rest is skipped, not built), so that a report
            // of another version is named as such rather than as a field it lacks.
            #[derive(serde::Deserialize)]
            struct Shape {
                version: Option<u64>,
            }
            let version = serde_json::from_str::<Shape>(&text)
                .ok()
                .and_then(|shape| shape.version);
            if let Some(v) = version.filter(|&v| v != u64::from(REPORT_VERSION)) {
                return Err(AppError::Usage(format!(
                    "{shown} is a report of shape version {v}; this guicang reads version \
                     {REPORT_VERSION}: merge reports of the guicang that wrote them"
                )));
            }
            let report = Report::read_back(&text).map_err(|e| {
                AppError::Usage(format!(
                    "{shown} is not a JSON report of guicang check ({e}); give the files \
                     written by `check --shard K/N --format json`"
                ))
            })?;
            Ok((path.clone(), report))
        })
        .collect()
}

/// The parts in shard order, once each is known to fit with the others and with the rules
/// and waivers loaded here.
fn check_parts(
    mut parts: Vec<(PathBuf, Report)>,
    settings: &Settings,
    args: &MergeArgs,
) -> Result<Vec<Report>, AppError> {
    let shard_of = |r: &Report| r.run.shard.unwrap_or(Shard { index: 1, count: 1 });
    parts.sort_by_key(|(_, r)| shard_of(r).index);
    let (first_path, first) = &parts[0];
    let count = shard_of(first).count;
    for pair in parts.windows(2) {
        let ((path_a, a), (path_b, b)) = (&pair[0], &pair[1]);
        if a.run.rules != b.run.rules {
            return Err(AppError::Usage(format!(
                "{} and {} were swept under different rules ({} and {}): sweep every shard \
                 with the same rules and configuration, then merge",
                path_a.display(),
                path_b.display(),
                a.run.rules,
                b.run.rules
            )));
        }
        if shard_of(a).count != shard_of(b).count || shard_of(a).index == shard_of(b).index {
            return Err(AppError::Usage(format!(
                "{} (shard {}) and {} (shard {}) overlap: give each shard of one split once",
                path_a.display(),
                shard_of(a),
                path_b.display(),
                shard_of(b)
            )));
        }
        if a.lang != b.lang {
            return Err(AppError::Usage(format!(
                "{} and {} are in different languages: sweep every shard with the same --lang",
                path_a.display(),
                path_b.display()
            )));
        }
    }
    let missing: Vec<String> = (1..=count)
        .filter(|k| !parts.iter().any(|(_, r)| shard_of(r).index == *k))
        .map(|k| format!("{k}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Usage(format!(
            "shard {} missing: merge needs the report of every shard of the split",
            missing.join(", ")
        )));
    }
    if settings.rules.fingerprint != first.run.rules {
        return Err(AppError::Usage(format!(
            "{} was swept under rules {}, and the rules loaded here are {}: give merge the \
             same --rules and --config as the sweeps",
            first_path.display(),
            first.run.rules,
            settings.rules.fingerprint
        )));
    }
    if settings.waivers.len() != first.run.waivers {
        return Err(AppError::Usage(format!(
            "{} was swept with {} waivers, and the configuration here has {}: give merge the \
             same --config as the sweeps",
            first_path.display(),
            first.run.waivers,
            settings.waivers.len()
        )));
    }
    if let Some(lang) = args.common.lang.filter(|l| *l != first.lang) {
        return Err(AppError::Usage(format!(
            "the reports' messages are in {}, not {}: merge writes them as the sweeps wrote \
             them; drop --lang or sweep again with it",
            first.lang.pick("zh", "en"),
            lang.pick("zh", "en")
        )));
    }
    Ok(parts.into_iter().map(|(_, r)| r).collect())
}
