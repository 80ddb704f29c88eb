//! The rule set: stages, categories and the documents each stage of a category requires.
//!
//! Built-in rule files (`rules/*.toml`) are embedded in the binary; rule folders named by
//! `--rules` or `guicang.toml` add documents or override them by id. Everything is
//! validated at load time, all errors at once, before a single file is scanned.

pub mod condition;
mod list_items;
pub mod matcher;
mod raw;
mod terms;
mod validate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::guard::limits::CONFIG_BYTES;
use crate::guard::open::{Links, read_text_capped};

use rust_decimal::Decimal;

pub use condition::{Applicability, Condition};
use matcher::Matcher;
pub use matcher::{Candidate, DocMatch, Outcome};

use crate::diagnostic::SourceDiagnostic;
use crate::finding::Severity;
use crate::lang::Bilingual;

/// How many documents one category may hold: a file's classification names its document by
/// a 16-bit index, to keep a million files small.
pub const MAX_DOCUMENTS: usize = 1 << 16;

/// The built-in rule files, in load order: shared stages first, then one file per category.
pub const BUILTIN: [(&str, &str); 4] = [
    ("rules/stages.toml", include_str!("../../rules/stages.toml")),
    (
        "rules/fixed-asset.toml",
        include_str!("../../rules/fixed-asset.toml"),
    ),
    (
        "rules/equipment.toml",
        include_str!("../../rules/equipment.toml"),
    ),
    (
        "rules/non-fixed.toml",
        include_str!("../../rules/non-fixed.toml"),
    ),
];

/// A lifecycle stage (可研立项, 招投标, …) shared by the categories.
#[derive(Debug, Clone)]
pub struct Stage {
    /// Stable id (`approval`, `procurement`, …).
    pub id: String,
    /// Chinese and English names.
    pub name: Bilingual,
    /// Words clerks use in the names of this stage's folders, normalised.
    pub folder_words: Vec<String>,
}

/// A named amount (a tender threshold) or percentage that conditions and checks refer to.
#[derive(Debug, Clone)]
pub struct Threshold {
    /// Stable id (`construction-tender`).
    pub id: String,
    /// The value, in `unit`.
    pub value: Decimal,
    /// What the value counts.
    pub unit: ThresholdUnit,
    /// What it is.
    pub name: Option<Bilingual>,
    /// The regulation it comes from.
    pub source: Option<String>,
}

/// What a threshold's value counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThresholdUnit {
    /// Yuan (`amount = …`).
    Yuan,
    /// A percentage (`percent = …`).
    Percent,
    /// Days, or a plain count (`days = …`).
    Days,
}

impl Threshold {
    /// The value as a whole number of days or a count (fractions dropped, out of range
    /// saturated): what the chronology checks compare against.
    pub fn whole(&self) -> i64 {
        use rust_decimal::prelude::ToPrimitive;
        self.value
            .trunc()
            .to_i64()
            .unwrap_or(if self.value.is_sign_negative() {
                i64::MIN
            } else {
                i64::MAX
            })
    }
}

/// A maturity grade of planned projects (前期推进, 可立即实施): the documents a project must
/// have, with those of every lower grade, to stand at it (`PORTFOLIO.md` §4).
#[derive(Debug, Clone)]
pub struct Grade {
    /// Stable id (`preparing`, `ready`).
    pub id: String,
    /// Chinese and English names.
    pub name: Bilingual,
    /// Documents this grade adds, each with the condition under which it is needed
    /// (always, or for some construction types).
    pub documents: Vec<(String, Condition)>,
}

/// One project category (固投类, 设备类, 非固投类) and its checklist.
#[derive(Debug, Clone)]
pub struct Category {
    /// Stable id (`fixed-asset`).
    pub id: String,
    /// Chinese and English names.
    pub name: Bilingual,
    /// Other names manifests and ledgers use for it, normalised.
    pub aliases: Vec<String>,
    /// Its stages, in lifecycle order.
    pub stages: Vec<String>,
    /// Its documents, in rule-file order.
    pub documents: Vec<Document>,
    /// Maturity grades of its planned projects, lowest first (below them all: `idea`).
    pub maturity: Vec<Grade>,
    matcher: Matcher,
}

/// One required (or expected) document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable id (`feasibility-approval`).
    pub id: String,
    /// The stage it belongs to.
    pub stage: String,
    /// Chinese and English names.
    pub name: Bilingual,
    /// Patterns matched against normalised names.
    pub patterns: Vec<String>,
    /// Patterns that veto a match.
    pub exclude: Vec<String>,
    /// Accepted formats as the rule file writes them (`document`, `image`, `pdf`).
    pub formats: Vec<String>,
    /// Accepted file extensions, lower case.
    pub extensions: BTreeSet<String>,
    /// When the document is required.
    pub when: Condition,
    /// Severity of its absence.
    pub severity: Severity,
    /// How many files at least.
    pub min: u32,
    /// The standard or regulation that requires it.
    pub source: Option<String>,
    /// Why an auditor needs it.
    pub why: Option<Bilingual>,
    /// The rule file it was defined in.
    pub origin: String,
}

impl Document {
    /// Whether a file with this (lower-case) extension can be evidence of the document.
    pub fn accepts(&self, extension: &str) -> bool {
        self.extensions.contains(extension)
    }
}

impl Category {
    /// The document a normalised name (without extension) is evidence of, if any; with
    /// `extension` `None`, documents of every format are candidates.
    pub fn best_match(
        &self,
        name: &str,
        extension: Option<&str>,
        stage_hint: Option<&str>,
    ) -> Option<DocMatch> {
        self.matcher
            .best(name, extension, stage_hint, &self.documents)
    }

    /// What a normalised name is in this category: evidence of a document, vetoed (a
    /// document's pattern matched but an exclude, another kind of paper at its end or a
    /// `not_evidence` pattern says it is not that document), or nothing.
    pub fn judge(
        &self,
        name: &str,
        extension: Option<&str>,
        stage_hint: Option<&str>,
    ) -> matcher::Judgement {
        self.matcher
            .judge(name, extension, stage_hint, &self.documents)
    }

    /// Whether a normalised name is evidence of nothing, whatever it matches or where it
    /// lies (`not_evidence`: a sample, a procedure, a question).
    pub fn is_not_evidence(&self, name: &str) -> bool {
        self.matcher.is_not_evidence(name)
    }

    /// Every document of this category a pattern of which matches `name`, with why it won
    /// or lost, winner first (`guicang classify`).
    pub fn explain_match(
        &self,
        name: &str,
        extension: Option<&str>,
        stage_hint: Option<&str>,
    ) -> Vec<matcher::Candidate> {
        self.matcher
            .explain(name, extension, stage_hint, &self.documents)
    }

    /// Position of a stage in this category's lifecycle; stages of other categories sort last.
    pub fn stage_order(&self, stage: &str) -> usize {
        self.stages
            .iter()
            .position(|s| s == stage)
            .unwrap_or(self.stages.len())
    }
}

/// The validated rules.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// All stages, in lifecycle order.
    pub stages: Vec<Stage>,
    /// All categories.
    pub categories: Vec<Category>,
    /// Named amounts and percentages.
    pub thresholds: BTreeMap<String, Threshold>,
    /// What the rules are, as 16 hex digits of a hash of every rule file and threshold
    /// override: two sweeps under the same rules have the same fingerprint (the history
    /// records it; `guicang merge` refuses reports of different rules).
    pub fingerprint: String,
}

/// The fingerprint of rule files `(name, text)` and threshold overrides: FNV-1a, 64 bits,
/// stable across platforms and Rust versions (unlike the standard library's hasher).
fn fingerprint(sources: &[(String, String)], overrides: &BTreeMap<String, Decimal>) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes.iter().chain(&[0xff]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
        }
    };
    for (name, text) in sources {
        feed(name.as_bytes());
        feed(text.as_bytes());
    }
    for (id, value) in overrides {
        feed(id.as_bytes());
        feed(value.normalize().to_string().as_bytes());
    }
    format!("{hash:016x}")
}

impl RuleSet {
    /// Loads the built-in rules, then each extra rule folder in order, applying threshold overrides.
    pub fn load(
        extra_dirs: &[impl AsRef<Path>],
        threshold_overrides: &BTreeMap<String, Decimal>,
    ) -> Result<RuleSet, RuleErrors> {
        let mut sources: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        for dir in extra_dirs {
            sources.extend(read_rule_dir(dir.as_ref())?);
        }
        validate::build(&sources, threshold_overrides)
    }

    /// Loads the built-in rules followed by rule files given as `(name, text)`: what
    /// [`RuleSet::load`] does with the files of a folder (and what the rule-loader fuzz
    /// target feeds).
    pub fn from_sources(
        extra: &[(String, String)],
        threshold_overrides: &BTreeMap<String, Decimal>,
    ) -> Result<RuleSet, RuleErrors> {
        let mut sources: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        sources.extend(extra.iter().cloned());
        validate::build(&sources, threshold_overrides)
    }

    /// A threshold's whole value (days, a count), or `default` when no rule file defines it.
    pub fn whole_threshold(&self, id: &str, default: i64) -> i64 {
        self.thresholds.get(id).map_or(default, Threshold::whole)
    }

    /// A category by id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The category a manifest or ledger names, by id, Chinese name or alias.
    pub fn category_named(&self, text: &str) -> Option<&Category> {
        let t = crate::names::normalize::normalize(text);
        self.categories.iter().find(|c| {
            c.id == t
                || crate::names::normalize::normalize(&c.name.zh) == t
                || c.aliases.contains(&t)
        })
    }

    /// A stage by id.
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }
}

impl Document {
    /// The line of the rule file where this document is declared (`id = "…"`), for people
    /// asking why a name matched: the built-in files are embedded, others are read again.
    pub fn line(&self) -> Option<usize> {
        let text = match BUILTIN.iter().find(|(name, _)| *name == self.origin) {
            Some((_, text)) => std::borrow::Cow::Borrowed(*text),
            None => std::borrow::Cow::Owned(
                read_text_capped(Path::new(&self.origin), Links::Follow, CONFIG_BYTES).ok()?,
            ),
        };
        let quoted = [format!("\"{}\"", self.id), format!("'{}'", self.id)];
        text.lines()
            .position(|line| {
                let line = line.trim_start();
                line.starts_with("id") && quoted.iter().any(|q| line.ends_with(q.as_str()))
            })
            .map(|index| index + 1)
    }
}

/// Everything wrong with the rule files: each error with its place.
#[derive(Debug, thiserror::Error)]
pub enum RuleErrors {
    /// A rule folder or file that cannot be read.
    #[error("cannot read rules from {path}: {source}")]
    Io {
        /// The folder or file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Mistakes inside rule files.
    #[error("{} error(s) in rule files", .0.len())]
    Invalid(Vec<SourceDiagnostic>),
}

/// Reads every `*.toml` file of a rule folder, sorted by name so that load order is stable.
fn read_rule_dir(dir: &Path) -> Result<Vec<(String, String)>, RuleErrors> {
    let io = |source| RuleErrors::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(RuleErrors::Io {
            path: dir.display().to_string(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the folder holds no rule file (*.toml); give a folder of rule files",
            ),
        });
    }
    paths
        .into_iter()
        .map(|path| {
            read_text_capped(&path, Links::Follow, CONFIG_BYTES)
                .map(|text| (path.display().to_string(), text))
                .map_err(|e| RuleErrors::Io {
                    path: path.display().to_string(),
                    source: e.into(),
                })
        })
        .collect()
}
