//! Errors that stop a run before anything is checked (exit code 2), rendered once at the top.

use crate::config::ConfigError;
use crate::diagnostic::SourceDiagnostic;
use crate::ruleset::RuleErrors;

/// Why guicang could not run.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A bad argument.
    #[error("{0}")]
    Usage(String),
    /// `guicang.toml` cannot be read or parsed.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Values in `guicang.toml` that are not valid.
    #[error("invalid configuration")]
    ConfigValues(Vec<SourceDiagnostic>),
    /// Rule files cannot be read or are invalid.
    #[error(transparent)]
    Rules(#[from] RuleErrors),
    /// The history database cannot be used.
    #[error(transparent)]
    History(#[from] crate::history::HistoryError),
}

impl AppError {
    /// The whole error for a person: every diagnostic with its snippet.
    pub fn render(&self, color: bool) -> String {
        let diagnostics: Vec<&SourceDiagnostic> = match self {
            AppError::Config(ConfigError::Invalid(d)) => vec![d.as_ref()],
            AppError::ConfigValues(list) | AppError::Rules(RuleErrors::Invalid(list)) => {
                list.iter().collect()
            }
            other => return format!("error: {other}\n"),
        };
        let mut out = String::new();
        for d in &diagnostics {
            out.push_str(&d.render(color));
            out.push_str("\n\n");
        }
        let what = match self {
            AppError::Rules(_) => "rule file",
            _ => "configuration",
        };
        out.push_str(&format!(
            "error: {} {what} error(s); nothing was checked\n",
            diagnostics.len()
        ));
        out
    }
}
