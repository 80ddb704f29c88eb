//! Settings: command-line arguments and `guicang.toml` resolved once into what a run uses,
//! with the rules loaded and every pattern compiled.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use regex::Regex;
use rust_decimal::Decimal;

use crate::cli::{CommonArgs, FailOn, Format};
use crate::config::{self, Config, ThresholdValue};
use crate::error::AppError;
use crate::finding::Severity;
use crate::inspect::InspectOptions;
use crate::lang::Lang;
use crate::money::amount::Amount;
use crate::money::{Unit, parse_amount};
use crate::ruleset::RuleSet;
use crate::scan::RelPath;
use crate::triage::waivers::{self, Waiver};

/// The default pattern of project codes: `MGT-2023-001`.
pub const DEFAULT_CODE_PATTERN: &str = r"[A-Z]{2,8}-\d{4}-\d{2,4}";

/// Everything a command needs, resolved and validated.
pub struct Settings {
    /// The validated rules.
    pub rules: RuleSet,
    /// Pattern of project codes, anchored at the start of folder names, case-insensitive.
    pub code_pattern: Regex,
    /// Language of messages.
    pub lang: Lang,
    /// Severity at which the run fails; `None` never fails.
    pub fail_on: Option<Severity>,
    /// Ledger files named in the configuration, relative to the archive root with `/`.
    pub ledger_paths: Vec<String>,
    /// Settled amounts of projects, by project code.
    pub settlements: BTreeMap<String, Amount>,
    /// Limits of the file health checks; `None` when inspection is off.
    pub inspect: Option<InspectOptions>,
    /// Documented exceptions (`[[waiver]]`), validated.
    pub waivers: Vec<Waiver>,
    /// The day waivers expire against: today, or `GUICANG_TODAY` (`YYYY-MM-DD`).
    pub today: Date,
    /// Format of the report on stdout when `--format` is not given (`[output] format`).
    pub format: Option<Format>,
    /// Report files of `[output] outputs`, resolved against the configuration file's
    /// folder, each with its format; written when `-o` is not given.
    pub outputs: Vec<(PathBuf, Format)>,
    /// The configuration file as the user should see it, for messages.
    pub config_path: String,
    /// The configuration file read, `None` when there was none.
    pub config_file: Option<String>,
    /// Address space of a parser worker process, in bytes (`[inspect] worker_memory_mb`).
    pub worker_memory: u64,
    /// The history every sweep is recorded in (`[history] db`): a SQLite file, resolved
    /// against the configuration file's folder, or a `postgres://` URL.
    pub history_db: Option<String>,
}

/// The environment variable that sets the day waivers expire against (`YYYY-MM-DD`), so
/// that tests and a clerk planning ahead can ask "what fails on that day?".
pub const TODAY_VAR: &str = "GUICANG_TODAY";

impl Settings {
    /// Whether a file is a ledger: named like one (台账) or listed in the configuration.
    pub fn is_ledger(&self, rel_path: &str, name: &str) -> bool {
        crate::ledger::is_ledger_name(name) || self.ledger_paths.iter().any(|p| p == rel_path)
    }

    /// [`Settings::is_ledger`] for a scanned file's path, without building the whole string.
    pub fn is_ledger_file(&self, rel_path: &RelPath, name: &str) -> bool {
        crate::ledger::is_ledger_name(name) || self.ledger_paths.iter().any(|p| rel_path.is(p))
    }
}

/// Loads configuration and rules for `root`.
pub fn resolve(
    common: &CommonArgs,
    root: &Path,
    fail_on: Option<FailOn>,
) -> Result<Settings, AppError> {
    let config = config::load(common.config.as_deref(), root)?;
    let mut errors = Vec::new();
    let overrides = amounts(&config, &config.file.thresholds, &mut errors);
    let settlements = amounts(&config, &config.file.settlements, &mut errors)
        .into_iter()
        .map(|(code, yuan)| (code, Amount::exact(yuan)))
        .collect();
    let code_pattern = code_pattern(&config, &mut errors);
    let outputs = outputs(&config, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::ConfigValues(errors));
    }
    let mut dirs: Vec<PathBuf> = config.rule_dirs();
    dirs.extend(common.rule_dirs.iter().cloned());
    let rules = RuleSet::load(&dirs, &overrides)?;
    unknown_thresholds(&config, &rules, &mut errors);
    let waivers = waivers::validate(&config, &rules, root, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::ConfigValues(errors));
    }
    let today = today()?;
    let fail_on = match fail_on
        .or(config.file.check.fail_on)
        .unwrap_or(FailOn::Error)
    {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let lang = common.lang.or(config.file.output.lang).unwrap_or_default();
    let ledger_paths = config
        .file
        .ledgers
        .paths
        .iter()
        .map(|p| p.replace('\\', "/").trim_start_matches("./").to_string())
        .collect();
    let inspect = inspect_options(&config.file.inspect);
    Ok(Settings {
        rules,
        code_pattern,
        lang,
        fail_on,
        ledger_paths,
        settlements,
        inspect,
        waivers,
        today,
        format: config.file.output.format,
        outputs,
        config_path: config.display_path(),
        config_file: config.path.as_ref().map(|p| p.display().to_string()),
        history_db: config.file.history.db.as_ref().map(|db| {
            if crate::history::is_postgres(db) {
                db.clone()
            } else {
                config.folder().join(db).display().to_string()
            }
        }),
        worker_memory: config
            .file
            .inspect
            .worker_memory_mb
            .map_or(crate::guard::limits::WORKER_MEMORY_BYTES, |mb| {
                mb.clamp(64, 64 * 1024).saturating_mul(1024 * 1024)
            }),
    })
}

/// A `[thresholds]` entry naming no threshold of the rules is an error at its place.
fn unknown_thresholds(
    config: &Config,
    rules: &RuleSet,
    errors: &mut Vec<crate::diagnostic::SourceDiagnostic>,
) {
    for (id, value) in &config.file.thresholds {
        if !rules.thresholds.contains_key(id) {
            let known = rules
                .thresholds
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            errors.push(config.error(
                value.span(),
                format!("unknown threshold `{id}`"),
                "not a threshold",
                Some(format!("known thresholds: {known}")),
            ));
        }
    }
}

/// The limits of file inspection from `[inspect]`, each defaulting to
/// [`InspectOptions::default`]; `None` when inspection is turned off.
fn inspect_options(section: &config::InspectSection) -> Option<InspectOptions> {
    let defaults = InspectOptions::default();
    let megabytes =
        |mb: Option<u64>, default: u64| mb.map_or(default, |mb| mb.saturating_mul(1024 * 1024));
    section.enabled.unwrap_or(true).then(|| InspectOptions {
        max_file_bytes: megabytes(section.max_file_mb, defaults.max_file_bytes),
        pdf_full_load_bytes: megabytes(section.pdf_full_load_mb, defaults.pdf_full_load_bytes),
        timeout: section
            .timeout_seconds
            .map_or(defaults.timeout, std::time::Duration::from_secs),
    })
}

/// Today's date: the one `GUICANG_TODAY` gives, else the day of `GUICANG_NOW` (the fixed
/// time of a reproducible report, so that its "nothing paid by today" does not change
/// overnight), else today in local time.
pub fn today() -> Result<Date, AppError> {
    match std::env::var(TODAY_VAR) {
        Ok(text) => text
            .trim()
            .parse::<Date>()
            .map_err(|_| AppError::Usage(format!("{TODAY_VAR}={text} is not a date YYYY-MM-DD"))),
        Err(_) => {
            let fixed = std::env::var(crate::report::run::NOW_VAR)
                .ok()
                .and_then(|t| t.parse::<jiff::Timestamp>().ok())
                .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date());
            Ok(fixed.unwrap_or_else(|| jiff::ZonedDateTime::now().date()))
        }
    }
}

/// The report files of `[output] outputs` with their formats, taken from the extensions.
fn outputs(
    config: &Config,
    errors: &mut Vec<crate::diagnostic::SourceDiagnostic>,
) -> Vec<(PathBuf, Format)> {
    let mut out = Vec::new();
    for name in &config.file.output.outputs {
        let path = config.folder().join(name.get_ref());
        match Format::from_extension(&path) {
            Some(format) => out.push((path, format)),
            None => errors.push(config.error(
                name.span(),
                format!(
                    "cannot tell the format of `{}` from its extension",
                    name.get_ref()
                ),
                "unknown extension",
                Some("use .txt, .json, .md, .sarif, .xml (JUnit), .xlsx, .html or .htm".into()),
            )),
        }
    }
    out
}

/// Amounts of a `key = amount` table of the configuration (thresholds, settlements).
fn amounts(
    config: &Config,
    table: &BTreeMap<String, toml::Spanned<ThresholdValue>>,
    errors: &mut Vec<crate::diagnostic::SourceDiagnostic>,
) -> BTreeMap<String, Decimal> {
    let mut out = BTreeMap::new();
    for (id, value) in table {
        let amount = match value.get_ref() {
            ThresholdValue::Integer(n) => Ok(Decimal::from(*n)),
            ThresholdValue::Text(t) => parse_amount(t, Unit::Yuan),
        };
        match amount {
            Ok(v) => {
                out.insert(id.clone(), v);
            }
            Err(e) => errors.push(config.error(
                value.span(),
                e.to_string(),
                "not an amount",
                Some("write yuan as an integer, or text such as \"400万元\"".into()),
            )),
        }
    }
    out
}

fn code_pattern(config: &Config, errors: &mut Vec<crate::diagnostic::SourceDiagnostic>) -> Regex {
    let default =
        || build_code_pattern(DEFAULT_CODE_PATTERN).expect("default code pattern compiles");
    match &config.file.projects.code_pattern {
        None => default(),
        Some(p) => build_code_pattern(p.get_ref()).unwrap_or_else(|e| {
            let detail = crate::ruleset::matcher::regex_error_detail(&e);
            errors.push(config.error(
                p.span(),
                format!("invalid code pattern: {detail}"),
                "does not compile",
                None,
            ));
            default()
        }),
    }
}

/// Anchors a code pattern at the start of a name, case-insensitively.
pub fn build_code_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(&format!("^(?:{pattern})"))
        .case_insensitive(true)
        .build()
}
