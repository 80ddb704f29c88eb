//! `guicang merge`: the JSON reports of the shards of one archive (`check --shard K/N`)
//! put together into the report one sweep of the whole archive gives, written as `check`
//! writes it (stdout, `-o` files in any format, `--record`), with `check`'s exit code.
//!
//! Parts that do not fit are refused (exit 2) before anything is written: a report of
//! another shape version, reports of different archives, rules, configurations, baselines
//! or languages, a shard given twice or shards of different splits, a shard missing; and
//! rules or waivers here that are not those of the sweeps (the recurring problems and the
//! unused waivers are worked out here, from them). A shard writes its archive's absolute
//! root, so merge reads the configuration there from any working folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::MergeArgs;
use crate::error::AppError;
use crate::exit;
use crate::guard::limits::REPORT_BYTES;
use crate::guard::open::{Links, read_text_capped};
use crate::report::{MergePolicy, REPORT_VERSION, Report};
use crate::settings::{Settings, resolve};
use crate::shard::Shard;

use crate::triage::baseline::Baseline;

use super::output::{Destinations, Rendering, output_files, print_report, printed_format, render};

/// Runs the merge, writes the reports, and returns the exit code.
pub fn run(args: &MergeArgs) -> Result<ExitCode, AppError> {
    let parts = read_parts(&args.reports)?;
    let root = archive_of(&parts[0].1);
    let settings = resolve(&args.common, &root, args.fail_on)?;
    let mut parts = check_parts(parts, &settings, args)?;
    let baseline = sweeps_baseline(&parts[0])?;
    let mut destinations = Destinations::near(&root);
    let outputs = output_files(&mut destinations, &args.outputs, "-o")?;
    let on_stdout = printed_format(args.format.or(settings.format), outputs.is_empty())?;
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
        baseline: baseline.as_ref(),
    };
    let report = Report::merge(first, parts, &policy);
    let rendering = Rendering::of(&args.text, args.sarif_root.as_deref());
    for (path, format) in &outputs {
        let bytes = render(&report, *format, &rendering, false)?;
        destinations.write(path, &bytes, "report")?;
    }
    if let Some(format) = on_stdout {
        print_report(&report, format, &rendering)?;
    }
    if let Some((mut store, target)) = history {
        let id = store.record(&crate::history::record::SweepRecord::of(&report, None))?;
        eprintln!("guicang: recorded sweep #{id} in {target}");
    }
    Ok(exit::for_findings(report.worst(), settings.fail_on))
}

/// The archive the shards swept: the absolute root they wrote when it is a folder here (so
/// that merge finds the configuration and guards the archive from any working folder),
/// else the root as given.
fn archive_of(part: &Report) -> PathBuf {
    part.run
        .swept_root
        .as_ref()
        .map(PathBuf::from)
        .filter(|path| path.is_dir())
        .unwrap_or_else(|| PathBuf::from(&part.root))
}

/// The baseline the sweeps applied, read again when the merge may make findings it covers
/// (the unused waivers); a baseline that cannot be read here is refused rather than left
/// out, which would count findings the sweeps set apart.
fn sweeps_baseline(first: &Report) -> Result<Option<Baseline>, AppError> {
    let Some(path) = first
        .run
        .baseline
        .as_ref()
        .filter(|_| first.run.waivers > 0)
    else {
        return Ok(None);
    };
    Baseline::read(Path::new(path)).map(Some).map_err(|e| {
        AppError::Usage(format!(
            "the sweeps applied the baseline {path}, and it cannot be read here ({e}): run \
             merge from the folder the sweeps ran in"
        ))
    })
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
    parts.sort_by_key(|(_, r)| shard_of(r).index);
    for pair in parts.windows(2) {
        fit_together(&pair[0], &pair[1])?;
    }
    let count = shard_of(&parts[0].1).count;
    let mut present = vec![false; count as usize];
    for (_, r) in &parts {
        present[shard_of(r).index as usize - 1] = true;
    }
    let missing: Vec<String> = (1..=count)
        .filter(|k| !present[*k as usize - 1])
        .map(|k| format!("{k}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Usage(format!(
            "shard {} missing: merge needs the report of every shard of the split",
            missing.join(", ")
        )));
    }
    fit_here(&parts, settings, args)?;
    Ok(parts.into_iter().map(|(_, r)| r).collect())
}

/// The shard a report swept; a report of the whole archive is shard 1/1.
fn shard_of(report: &Report) -> Shard {
    report.run.shard.unwrap_or(Shard { index: 1, count: 1 })
}

/// Two parts (in shard order) are shards of one sweep: the same archive, rules,
/// configuration, waivers, baseline and language, and different shards of one split.
fn fit_together(
    (path_a, a): &(PathBuf, Report),
    (path_b, b): &(PathBuf, Report),
) -> Result<(), AppError> {
    let (shown_a, shown_b) = (path_a.display(), path_b.display());
    let differ = |what: &str, left: &dyn std::fmt::Display, right: &dyn std::fmt::Display| {
        AppError::Usage(format!(
            "{shown_a} and {shown_b} were swept with different {what} ({left} and {right}): \
             sweep every shard of one archive with the same rules, configuration and \
             baseline, then merge"
        ))
    };
    if a.run.rules != b.run.rules {
        return Err(differ("rules", &a.run.rules, &b.run.rules));
    }
    let archive = |r: &Report| r.run.swept_root.clone().unwrap_or_else(|| r.root.clone());
    if archive(a) != archive(b) {
        return Err(differ("archive roots", &archive(a), &archive(b)));
    }
    let shown = |text: &Option<String>| text.clone().unwrap_or_else(|| "none".into());
    if a.run.config != b.run.config || a.run.waivers != b.run.waivers {
        let config = |r: &Report| format!("{}, {} waivers", shown(&r.run.config), r.run.waivers);
        return Err(differ("configurations", &config(a), &config(b)));
    }
    if a.run.baseline != b.run.baseline {
        return Err(differ(
            "baselines",
            &shown(&a.run.baseline),
            &shown(&b.run.baseline),
        ));
    }
    if a.lang != b.lang {
        return Err(AppError::Usage(format!(
            "{shown_a} and {shown_b} are in different languages: sweep every shard with the \
             same --lang"
        )));
    }
    let (shard_a, shard_b) = (shard_of(a), shard_of(b));
    if shard_a.count != shard_b.count {
        return Err(AppError::Usage(format!(
            "{shown_a} (shard {shard_a}) and {shown_b} (shard {shard_b}) are shards of \
             different splits: give the shards of one split"
        )));
    }
    if shard_a.index == shard_b.index {
        return Err(AppError::Usage(format!(
            "{shown_a} and {shown_b} are the same shard {shard_a} (they overlap): give each \
             shard of one split once"
        )));
    }
    Ok(())
}

/// The parts fit the rules and configuration loaded here: the same rules, the same
/// waivers (every waiver the shards applied is one of those here, so that the unused ones
/// are told right), the same language.
fn fit_here(
    parts: &[(PathBuf, Report)],
    settings: &Settings,
    args: &MergeArgs,
) -> Result<(), AppError> {
    let (first_path, first) = &parts[0];
    let again = "give merge the same --rules and --config as the sweeps";
    if settings.rules.fingerprint != first.run.rules {
        return Err(AppError::Usage(format!(
            "{} was swept under rules {}, and the rules loaded here are {}: {again}",
            first_path.display(),
            first.run.rules,
            settings.rules.fingerprint
        )));
    }
    if settings.waivers.len() != first.run.waivers {
        return Err(AppError::Usage(format!(
            "{} was swept with {} waivers, and the configuration here has {}: {again}",
            first_path.display(),
            first.run.waivers,
            settings.waivers.len()
        )));
    }
    let here: HashSet<String> = settings.waivers.iter().map(|w| w.origin()).collect();
    let applied = parts
        .iter()
        .flat_map(|(path, r)| r.waived.iter().map(move |w| (path, &w.waiver)));
    for (path, waiver) in applied {
        if !here.contains(waiver) {
            return Err(AppError::Usage(format!(
                "{} applied the waiver at {waiver}, which the configuration here does not \
                 hold: {again}, given as the sweeps gave them",
                path.display()
            )));
        }
    }
    if let Some(lang) = args.common.lang.filter(|l| *l != first.lang) {
        return Err(AppError::Usage(format!(
            "the reports' messages are in {}, not {}: merge writes them as the sweeps wrote \
             them; drop --lang or sweep again with it",
            first.lang.pick("zh", "en"),
            lang.pick("zh", "en")
        )));
    }
    Ok(())
}
