//! Command-line interface. The doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;

/// 归仓 guicang: checks that aid-project archives are complete and their money traceable.
#[derive(Debug, Parser)]
#[command(name = "guicang", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sweep an archive and report missing, misfiled and unusable documents.
    Check(CheckArgs),
    /// List the documents the rules require, or explain one.
    Rules(RulesArgs),
    /// Explain a finding code: what it means, why it matters, how to fix it.
    Explain(ExplainArgs),
    /// Say which document each file name is evidence of, which rule matched, and why the
    /// other candidates lost.
    Classify(ClassifyArgs),
    /// Put the JSON reports of shards (check --shard K/N) together into the report one
    /// sweep of the whole archive gives.
    Merge(MergeArgs),
    /// Show the sweeps recorded with --record and what changed between two of them.
    History(HistoryArgs),
    /// Print a commented starter guicang.toml, or write it to PATH.
    InitConfig(InitConfigArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man(ManArgs),
    /// The worker process that parses untrusted files for a sweep (not for people).
    #[command(name = "__worker", hide = true)]
    Worker(WorkerArgs),
}

/// Arguments of the hidden `guicang __worker`.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// The worker's address-space budget, in bytes.
    pub memory: u64,
}

/// Arguments of `guicang init-config`.
#[derive(Debug, Args)]
pub struct InitConfigArgs {
    /// Write the file here instead of printing it; an existing file is never overwritten.
    pub path: Option<PathBuf>,
}

/// Arguments of `guicang completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell, e.g. `guicang completions bash > /etc/bash_completion.d/guicang`.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `guicang man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand's page instead of the main one, e.g. `guicang man check`.
    pub command: Option<String>,
}

/// Arguments of `guicang check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The archive root.
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Format of the report on stdout [default: `[output] format` of guicang.toml, else
    /// text]. With -o and neither, stdout stays empty and only the files are written.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Also write the report to FILE, in the format its extension names: .txt, .json, .md,
    /// .sarif, .xml (JUnit), .xlsx, .html or .htm. Repeatable: one sweep writes every
    /// file. Never inside the archive being checked (guicang does not write there).
    /// Without -o, the files of `[output] outputs` in guicang.toml are written.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Fail only on findings not recorded in FILE (written by --write-baseline); the others
    /// are counted as baselined.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record this sweep's findings (after waivers) in FILE, to pass to --baseline later.
    /// Never inside the archive being checked.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub text: TextArgs,
    /// Worker threads for the walk, the file checks and classification [default: the
    /// number of cores; on a network share, 4 per core; at most 32 per core].
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Names only: skip the file health checks (no file is opened; fastest sweep).
    #[arg(long)]
    pub no_inspect: bool,
    /// Folder of the inspection cache, keyed by path, size and modification time [default:
    /// the user's cache folder]. Never inside the archive.
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache: Option<PathBuf>,
    /// Inspect every file again; neither read nor write the cache.
    #[arg(long)]
    pub no_cache: bool,
    /// SARIF report: URIs relative to DIR (the repository root) [default: the git work tree
    /// holding the archive, else the archive root].
    #[arg(long, value_name = "DIR")]
    pub sarif_root: Option<PathBuf>,
    /// No progress bar on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Record this sweep in the history DB: a SQLite file (created if missing; never inside
    /// the archive) or a postgres:// URL [default: `[history] db` of guicang.toml].
    #[arg(long, value_name = "DB")]
    pub record: Option<String>,
    /// Also write one report per implementing unit or per contact person into --out-dir
    /// (a project with two contact persons is in both), in --format [default: xlsx].
    #[arg(long, value_enum, requires = "out_dir")]
    pub split_by: Option<SplitBy>,
    /// The folder of the --split-by reports (created if missing; never inside the archive).
    #[arg(long, value_name = "DIR", requires = "split_by")]
    pub out_dir: Option<PathBuf>,
    /// Sweep only shard K of N: the projects whose key falls in it (ledgers are read whole;
    /// the archive's own findings go to shard 1). `guicang merge` puts the JSON reports of
    /// all N together.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::shard::Shard>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// How the terminal report is laid out (`check` and `merge`).
#[derive(Debug, Args)]
pub struct TextArgs {
    /// Show info findings one by one in the terminal report.
    #[arg(short, long)]
    pub verbose: bool,
    /// Terminal report: only the summary table and the totals, no findings (long archives).
    #[arg(long)]
    pub summary: bool,
    /// Terminal report: the order of the projects.
    #[arg(long, value_enum, default_value_t = SortBy::Folder)]
    pub sort: SortBy,
    /// Terminal report: only findings of this severity or worse.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub only: Option<Only>,
}

/// Arguments of `guicang merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The JSON reports of the shards (`check --shard K/N --format json`), every shard of
    /// one split once, all made under the same rules.
    #[arg(required = true, value_name = "REPORT.json")]
    pub reports: Vec<PathBuf>,
    /// Format of the report on stdout [default: text; none with -o].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Also write the merged report to FILE, in the format its extension names, as with
    /// check -o (repeatable; never inside the archive the reports are of).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    #[command(flatten)]
    pub text: TextArgs,
    /// SARIF report: URIs relative to DIR [default: the git work tree holding the archive,
    /// else the archive root].
    #[arg(long, value_name = "DIR")]
    pub sarif_root: Option<PathBuf>,
    /// Record the merged sweep in the history DB (a SQLite file or a postgres:// URL), as
    /// one sweep of the whole archive.
    #[arg(long, value_name = "DB")]
    pub record: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// How `--split-by` groups projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitBy {
    /// One report per implementing unit (实施单位).
    Unit,
    /// One report per contact person (包联人).
    Contact,
}

/// Arguments of `guicang history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The history: a SQLite file or a postgres:// URL, as given to `check --record`.
    #[arg(long, value_name = "DB")]
    pub db: String,
    /// The earlier sweep to compare [default: the sweep of the same archive before --to].
    #[arg(long, value_name = "SWEEP")]
    pub from: Option<i64>,
    /// The later sweep to compare [default: the last one].
    #[arg(long, value_name = "SWEEP")]
    pub to: Option<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Text)]
    pub format: HistoryFormat,
    /// Write to FILE instead of stdout (xlsx needs a file or a pipe).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of the headings.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,
}

/// Formats of `guicang history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// For a person at a terminal.
    Text,
    /// One JSON document.
    Json,
    /// Markdown, for CI summaries and comments.
    Markdown,
    /// An Excel workbook.
    Xlsx,
    /// One self-contained HTML page with a chart.
    Html,
}

/// The order of projects in the terminal report (`--sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// As the archive lays them out.
    Folder,
    /// Most errors first, then least complete.
    Worst,
    /// By code, then name.
    Name,
}

/// The least severity the terminal report shows (`--only errors`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    /// Errors only.
    Errors,
    /// Errors and warnings.
    Warnings,
}

/// Arguments shared by the commands that load rules.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Language of messages.
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    /// A folder of rule files that add or override documents by id (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// The configuration file [default: guicang.toml at the archive root, if present].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
}

/// Arguments of `guicang rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Only this category (fixed-asset, equipment, non-fixed, or its Chinese name).
    #[arg(long)]
    pub category: Option<String>,
    /// Explain one document instead of listing all.
    #[command(subcommand)]
    pub command: Option<RulesCommand>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Subcommands of `guicang rules`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Show one document: why it is required, when, its patterns and its source.
    Explain {
        /// Document id, e.g. feasibility-approval.
        id: String,
    },
}

/// Arguments of `guicang classify`.
#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// File names, as they are in the archive (`关于XX项目可研的批复.pdf`).
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Only this category (fixed-asset, equipment, non-fixed, or its Chinese name)
    /// [default: every category].
    #[arg(long)]
    pub category: Option<String>,
    /// The project's status, for whether the document is required [default: in-progress].
    #[arg(long)]
    pub status: Option<String>,
    /// The project's construction type, for whether the document is required.
    #[arg(long)]
    pub construction: Option<String>,
    /// The stage folder the file sits in (`05 竣工验收`): it breaks ties between documents.
    #[arg(long, value_name = "STAGE-FOLDER")]
    pub folder: Option<String>,
    /// text for people, json for machines.
    #[arg(long, value_enum, default_value_t = ClassifyFormat::Text)]
    pub format: ClassifyFormat,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Output of `guicang classify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassifyFormat {
    /// For people.
    Text,
    /// For machines.
    Json,
}

/// Arguments of `guicang explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Finding code, e.g. missing-document. Without one, lists every code.
    pub code: Option<String>,
    /// Language of the explanation.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// For a person at a terminal.
    Text,
    /// One JSON document, for machines.
    Json,
    /// A short summary for CI job summaries and merge-request comments.
    Markdown,
    /// SARIF 2.1.0, for code-scanning dashboards and CI annotations.
    Sarif,
    /// JUnit XML, for the test views of CI systems.
    Junit,
    /// An Excel workbook (binary: to a file with -o, or to a pipe).
    Xlsx,
    /// One self-contained HTML page, to open offline or print.
    Html,
}

impl Format {
    /// The format a file name's extension names, if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" => Format::Text,
            "json" => Format::Json,
            "md" | "markdown" => Format::Markdown,
            "sarif" => Format::Sarif,
            "xml" => Format::Junit,
            "xlsx" => Format::Xlsx,
            "html" | "htm" => Format::Html,
            _ => return None,
        })
    }
}

/// The severity at which a run fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors (default).
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
