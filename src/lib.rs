//! 归仓 guicang: checks that the archives of publicly funded aid projects are complete and
//! that their money can be traced.
//!
//! The entry point is [`sweep::sweep`]: an archive root and resolved [`settings::Settings`]
//! in, one [`report::Report`] out. `main.rs` parses the command line ([`cli`]), resolves
//! it ([`settings`]), runs one of the [`commands`] and turns the outcome into an exit code
//! ([`exit`]). Modules are listed in the order data flows; a module imports only modules
//! listed above it (see `DESIGN.md`). The inner steps are private to the crate
//! (`pub(crate)`), so that the compiler points at what nothing uses; public are the entry
//! point with its inputs and outputs, the commands, and the vocabulary the examples, fuzz
//! targets and tests reach for.

// Vocabulary every step shares (leaves: they import no pipeline step).

/// Messages in Chinese or English.
pub mod lang;

/// Dates as clerks write them, parsed into calendar dates.
pub mod dates;

/// Money: exact decimal amounts in yuan, units and Chinese capital numerals.
pub mod money;

/// Name folding, numbering, temporary files and fields read out of names.
pub mod names;

/// Project attributes: status, construction type, contract kind, procurement method.
pub(crate) mod attributes;

/// Finding codes (the registry), the finding value and the facts it states (no words).
pub mod finding;

/// Source positions and compiler-style diagnostics for user-written files.
pub(crate) mod diagnostic;

/// Spreadsheet reading (xlsx, xls, ods, csv) into plain tables of cells.
pub mod sheet;

/// Paths relative to the archive root, and names decoded for display.
pub(crate) mod paths;

/// Shards: which projects one of several machines sweeps (`--shard K/N`).
pub(crate) mod shard;

/// Reading untrusted files safely and writing only outside the archive: one policy.
pub(crate) mod guard;

// Rules, then the pipeline in the order data flows.

/// Rule files: categories, stages, documents and their conditions.
pub mod ruleset;

/// Step 1: projects found under the root, with their manifests and ledger rows.
pub mod project;

/// Step 2: the parallel walk of project folders.
pub mod scan;

/// Step 3: which document each file is evidence of.
pub(crate) mod classify;

/// Step 4: whether each file can be opened and used.
pub mod inspect;

/// Step 5: ledgers read into funding-chain records.
pub mod ledger;

/// Step 6: checks that turn it all into findings and scores, stated as facts.
pub(crate) mod check;

/// Step 7: waivers and the baseline set findings apart before the report counts them.
pub(crate) mod triage;

/// Step 8: the report, which puts the facts into words in the language asked for
/// (`report::words`, the one message table), and its renderers for people and machines.
pub mod report;

/// After the report: sweeps recorded over time (SQLite or PostgreSQL) and what changed.
pub mod history;

// Configuration and the command line, which see every step.

/// Command-line arguments (clap).
pub mod cli;

/// `guicang.toml`, as written.
pub mod config;

/// Errors of loading configuration and rules.
pub mod error;

/// The command line and configuration, resolved and validated once.
pub mod settings;

/// The driver running steps 1 to 8.
pub mod sweep;

/// One function per subcommand.
pub mod commands;

/// Exit codes, decided in one place.
pub mod exit;
