//! Baselines: the findings an archive already had when it adopted CI, so that only new
//! ones fail the run and a legacy archive can improve over time.
//!
//! `--write-baseline FILE` records the key of every finding of a sweep; `--baseline FILE`
//! sets apart the findings whose key is recorded (`baselined` in the report). A key is the finding's
//! code, project, document and first piece of evidence; messages, severities and order
//! take no part, so a reworded message or a reordered file changes nothing. The file is
//! JSON, its keys sorted and unique, so that it diffs well under version control.

use std::borrow::Borrow;
use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::guard::limits::BASELINE_BYTES;
use crate::guard::open::{Links, read_text_capped};

/// Version of the baseline file's shape.
pub const BASELINE_VERSION: u32 = 1;

/// What identifies a finding across sweeps.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    /// Finding code (kept as text: a file from another version may name other codes).
    pub code: String,
    /// Project key.
    #[serde(default)]
    pub project: Option<String>,
    /// Document id.
    #[serde(default)]
    pub document: Option<String>,
    /// The first piece of evidence: a path relative to the archive root or a ledger cell.
    #[serde(default)]
    pub path: Option<String>,
}

impl Key {
    /// The key of a finding.
    pub fn of(f: &Finding) -> Key {
        Key {
            code: f.code.id().to_string(),
            project: f.project.clone(),
            document: f.document.clone(),
            path: f.paths.first().cloned(),
        }
    }
}

/// The baseline file as written.
#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Key>,
}

/// The keys of a baseline, ready to match.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    keys: BTreeSet<Key>,
}

/// Why a baseline file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// It cannot be read.
    #[error("cannot read the baseline {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// It is not a baseline guicang wrote.
    #[error("{path} is not a guicang baseline: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl Baseline {
    /// The keys of these findings.
    pub fn of<'a, F: Borrow<Finding> + 'a>(findings: impl IntoIterator<Item = &'a F>) -> Baseline {
        Baseline {
            keys: findings.into_iter().map(|f| Key::of(f.borrow())).collect(),
        }
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = path.display().to_string();
        let text = read_text_capped(path, Links::Follow, BASELINE_BYTES).map_err(|e| {
            BaselineError::Io {
                path: shown.clone(),
                source: e.into(),
            }
        })?;
        Baseline::parse(&text).map_err(|message| BaselineError::Invalid {
            path: shown,
            message,
        })
    }

    /// Parses the text of a baseline file.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.version != BASELINE_VERSION {
            return Err(format!(
                "version {} (this guicang reads version {BASELINE_VERSION})",
                file.version
            ));
        }
        Ok(Baseline {
            keys: file.findings.into_iter().collect(),
        })
    }

    /// The baseline file: pretty JSON, keys sorted and unique, ending in a newline.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: BASELINE_VERSION,
            findings: self.keys.iter().cloned().collect(),
        };
        let mut text = serde_json::to_string_pretty(&file)
            .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
        text.push('\n');
        text
    }

    /// Whether a finding is recorded.
    pub fn contains(&self, f: &Finding) -> bool {
        self.keys.contains(&Key::of(f))
    }
}

/// Moves the findings the baseline records out of `findings` into `baselined`.
pub fn apply<F: std::borrow::Borrow<Finding>>(
    findings: &mut Vec<F>,
    baselined: &mut Vec<F>,
    baseline: &Baseline,
) {
    let (old, new): (Vec<F>, Vec<F>) = std::mem::take(findings)
        .into_iter()
        .partition(|f| baseline.contains(f.borrow()));
    *findings = new;
    baselined.extend(old);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    fn findings() -> Vec<Finding> {
        vec![
            Finding::new(Code::MissingDocument, "缺少 A")
                .project("P-1")
                .document("a")
                .path("P-1/01"),
            Finding::new(Code::EmptyFile, "empty").path("x.pdf"),
        ]
    }

    #[test]
    fn keys_ignore_messages_and_severity() {
        let baseline = Baseline::of(&findings());
        let reworded = Finding::new(Code::MissingDocument, "missing A")
            .project("P-1")
            .document("a")
            .path("P-1/01")
            .severity(crate::finding::Severity::Warning);
        assert!(baseline.contains(&reworded));
        let elsewhere = Finding::new(Code::EmptyFile, "empty").path("y.pdf");
        assert!(!baseline.contains(&elsewhere));
    }

    #[test]
    fn the_file_round_trips_sorted_and_unique() {
        let mut twice = findings();
        twice.extend(findings());
        let text = Baseline::of(&twice).to_json();
        let back = Baseline::parse(&text).unwrap();
        assert_eq!(back.keys.len(), 2);
        assert_eq!(back.to_json(), text);
        assert!(text.find("empty-file") < text.find("missing-document"));
        assert!(!text.contains("缺少"), "no messages: {text}");
    }

    #[test]
    fn other_versions_and_other_json_are_refused() {
        assert!(Baseline::parse("{\"version\":2,\"findings\":[]}").is_err());
        assert!(Baseline::parse("[]").is_err());
        assert!(Baseline::parse("not json").is_err());
    }
}
