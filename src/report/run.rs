//! When and how a report was made: an audit working paper says "as of when".

use serde::{Deserialize, Serialize};

use crate::finding::Severity;
use crate::lang::Lang;
use crate::shard::Shard;

/// The facts of one sweep that every format states: its time, the versions, the root and
/// what shaped the result (threshold, configuration, waivers, baseline).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunInfo {
    /// When the sweep ran (RFC 3339, UTC); `GUICANG_NOW` fixes it for reproducible reports.
    pub at: String,
    /// guicang's version.
    pub guicang: String,
    /// The rules' fingerprint ([`crate::ruleset::RuleSet::fingerprint`]).
    pub rules: String,
    /// The archive root as given.
    pub root: String,
    /// The language of the messages.
    pub lang: Lang,
    /// The shard swept (`--shard K/N`); absent for a sweep of the whole archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<Shard>,
    /// The least severity that fails the run (`--fail-on`), `never` when none does.
    pub fail_on: String,
    /// The configuration file read, if any.
    pub config: Option<String>,
    /// How many waivers the configuration holds.
    pub waivers: usize,
    /// The baseline file applied, if any.
    pub baseline: Option<String>,
    /// The root as an absolute path, written by a shard (`--shard K/N`) only: `guicang
    /// merge` reads the configuration at the archive the shards swept, and keeps its
    /// reports out of it, wherever it runs from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swept_root: Option<String>,
    /// The root as an absolute path, for links to evidence files (the workbook's); `None`
    /// when it could not be resolved.
    #[serde(skip)]
    pub root_path: Option<std::path::PathBuf>,
}

impl RunInfo {
    /// The least severity that fails the run, `None` for `never`.
    pub fn fails_on(&self) -> Option<Severity> {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| s.id() == self.fail_on)
    }
}

/// The environment variable that fixes the time a report states (RFC 3339), so that two
/// runs on the same archive give byte-identical reports (snapshot tests, diffs in CI).
pub const NOW_VAR: &str = "GUICANG_NOW";

/// The time of the sweep: `GUICANG_NOW` when it holds a valid timestamp, else now.
pub fn now() -> String {
    let fixed = std::env::var(NOW_VAR)
        .ok()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok());
    let at = fixed.unwrap_or_else(jiff::Timestamp::now);
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
