//! `guicang.toml`: the archive's own configuration, found at its root or given by `--config`.
//!
//! Unknown keys are errors with line and column, like rule files: a misspelt key that is
//! silently ignored is a check silently not made.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::cli::{FailOn, Format};
use crate::diagnostic::SourceDiagnostic;
use crate::guard::limits::CONFIG_BYTES;
use crate::guard::open::{Links, read_text_capped};
use crate::lang::Lang;

/// The configuration as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Rule settings.
    #[serde(default)]
    pub rules: RulesSection,
    /// Project discovery settings.
    #[serde(default)]
    pub projects: ProjectsSection,
    /// Threshold overrides: id → yuan (integer or text like "400万元").
    #[serde(default)]
    pub thresholds: BTreeMap<String, Spanned<ThresholdValue>>,
    /// Check settings.
    #[serde(default)]
    pub check: CheckSection,
    /// Output settings.
    #[serde(default)]
    pub output: OutputSection,
    /// Ledger settings.
    #[serde(default)]
    pub ledgers: LedgersSection,
    /// File inspection settings.
    #[serde(default)]
    pub inspect: InspectSection,
    /// Settled amounts of whole projects: project code → yuan (integer or text like "1180万元").
    #[serde(default)]
    pub settlements: BTreeMap<String, Spanned<ThresholdValue>>,
    /// Documented exceptions (`[[waiver]]`): findings they match do not fail the run.
    #[serde(default, rename = "waiver")]
    pub waivers: Vec<Spanned<WaiverEntry>>,
    /// The history of sweeps.
    #[serde(default)]
    pub history: HistorySection,
}

/// `[history]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistorySection {
    /// Where every sweep is recorded unless `--record` says otherwise: a SQLite file
    /// (relative to the configuration file's folder) or a `postgres://` URL.
    pub db: Option<String>,
}

/// One `[[waiver]]` entry as written. Every field is optional here so that all mistakes
/// of all entries are reported at once, with their places, by the validation in
/// [`crate::triage::waivers`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiverEntry {
    /// Project code (or folder, for a project without a code) the waived findings concern.
    pub project: Option<Spanned<String>>,
    /// Document id the waived findings concern.
    pub document: Option<Spanned<String>>,
    /// Finding code waived.
    pub code: Option<Spanned<String>>,
    /// Evidence path, exact or a glob, relative to the archive root.
    pub path: Option<Spanned<String>>,
    /// Why the exception is acceptable (required).
    pub reason: Option<Spanned<String>>,
    /// Who approved it (required).
    pub approved_by: Option<Spanned<String>>,
    /// Last day the waiver holds: a TOML date or a `YYYY-MM-DD` string.
    pub expires: Option<Spanned<toml::Value>>,
}

/// `[inspect]`: limits of the file health checks.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectSection {
    /// Whether file health is checked at all (default true).
    pub enabled: Option<bool>,
    /// Files above this many MB are not inspected (`file-skipped-too-large`).
    pub max_file_mb: Option<u64>,
    /// PDFs above this many MB are judged from their head and tail only.
    pub pdf_full_load_mb: Option<u64>,
    /// Seconds one parser call may take (`file-check-timeout`).
    pub timeout_seconds: Option<u64>,
    /// MB of address space a parser worker process may use: a file that needs more is
    /// reported, never a crash of the sweep.
    pub worker_memory_mb: Option<u64>,
}

/// `[ledgers]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgersSection {
    /// Ledger files whose names do not say 台账, relative to the archive root.
    #[serde(default)]
    pub paths: Vec<String>,
}

/// `[rules]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSection {
    /// Folders of rule files, relative to the configuration file.
    #[serde(default)]
    pub dirs: Vec<String>,
}

/// `[projects]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectsSection {
    /// Pattern of project codes at the start of folder names.
    pub code_pattern: Option<Spanned<String>>,
}

/// `[check]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSection {
    /// Severity at which the run fails.
    pub fail_on: Option<FailOn>,
}

/// `[output]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSection {
    /// Language of messages.
    pub lang: Option<Lang>,
    /// Format of the report on stdout when `--format` is not given.
    pub format: Option<Format>,
    /// Report files written on every run unless `-o` is given, relative to the
    /// configuration file's folder; the format comes from the extension, as with `-o`.
    #[serde(default)]
    pub outputs: Vec<Spanned<String>>,
}

/// A threshold value: yuan as an integer, or money text.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ThresholdValue {
    /// Yuan.
    Integer(i64),
    /// Money text ("400万元").
    Text(String),
}

/// A loaded configuration with the text it came from (for error positions).
#[derive(Debug)]
pub struct Config {
    /// The parsed file (default when there is none).
    pub file: ConfigFile,
    /// Its path, if there was one.
    pub path: Option<PathBuf>,
    /// Its text.
    pub source: Arc<str>,
}

impl Config {
    /// An error at `span` of the configuration file.
    pub fn error(
        &self,
        span: std::ops::Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> SourceDiagnostic {
        SourceDiagnostic {
            path: self.display_path(),
            source: self.source.clone(),
            span,
            message,
            label: label.into(),
            help,
        }
    }

    /// Folders named in `[rules] dirs`, resolved against the configuration file's folder.
    pub fn rule_dirs(&self) -> Vec<PathBuf> {
        let base = self.folder();
        self.file.rules.dirs.iter().map(|d| base.join(d)).collect()
    }

    /// The folder relative paths of the file are resolved against (empty, meaning the
    /// current folder, without a file or for a bare file name).
    pub fn folder(&self) -> &Path {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .unwrap_or(Path::new(""))
    }

    /// The file as the user should see it in messages.
    pub fn display_path(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "guicang.toml".into(), |p| p.display().to_string())
    }

    /// 1-based line of byte `offset` in the file.
    pub fn line_of(&self, offset: usize) -> usize {
        crate::diagnostic::line_col(&self.source, offset).0
    }
}

/// Why the configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named by `--config` cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// The file is not valid.
    #[error("invalid configuration")]
    Invalid(Box<SourceDiagnostic>),
}

/// Loads `explicit`, else `guicang.toml` at `root` if it exists, else the defaults.
pub fn load(explicit: Option<&Path>, root: &Path) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => Some(root.join("guicang.toml")).filter(|p| p.is_file()),
    };
    let Some(path) = path else {
        return Ok(Config {
            file: ConfigFile::default(),
            path: None,
            source: Arc::from(""),
        });
    };
    let text =
        read_text_capped(&path, Links::Follow, CONFIG_BYTES).map_err(|e| ConfigError::Io {
            path: path.display().to_string(),
            source: e.into(),
        })?;
    let source: Arc<str> = Arc::from(text.as_str());
    match toml::from_str::<ConfigFile>(&text) {
        Ok(file) => Ok(Config {
            file,
            path: Some(path),
            source,
        }),
        Err(e) => Err(ConfigError::Invalid(Box::new(SourceDiagnostic {
            path: path.display().to_string(),
            source,
            span: e.span().unwrap_or(0..0),
            message: e.message().trim().to_string(),
            label: "here".into(),
            help: None,
        }))),
    }
}
