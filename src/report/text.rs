//! The terminal report: grouped project → stage, then a summary table.
//!
//! Written with ANSI styles; the caller's output stream strips them when stdout is not
//! a terminal (or `NO_COLOR` is set), so pipes and CI logs stay plain. Every text that comes
//! from the archive or the configuration (names, paths, messages, reasons) is shown with
//! its control characters escaped ([`esc`]), so that it cannot forge lines or styles.

mod portfolio;

use std::collections::HashMap;
use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::Reported;
use super::table::{aligned_lines, pad};
use super::view::{
    baselined_note, chain_parts, escape_control as esc, project_key, run_facts, status_label,
    worst_first,
};
use super::{ProjectReport, Report};
use crate::check::chain::ChainSummary;
use crate::finding::Severity;
use crate::lang::Lang;

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default();
const CYAN: Style = AnsiColor::Cyan.on_default();

/// The order of projects in the terminal report (`--sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// As the archive lays them out.
    Folder,
    /// Most errors first, then least complete.
    Worst,
    /// By code, then name.
    Name,
}

/// Options of the terminal report.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    /// Show info findings one by one instead of counting them.
    pub verbose: bool,
    /// Only the summary table and the totals (`--summary`).
    pub summary_only: bool,
    /// The order of the projects (`--sort`).
    pub sort: SortBy,
    /// Only findings of this severity or worse (`--only`).
    pub least: Option<Severity>,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            verbose: false,
            summary_only: false,
            sort: SortBy::Folder,
            least: None,
        }
    }
}

/// Renders the report for a person.
pub fn render(report: &Report, options: TextOptions) -> String {
    let lang = report.lang;
    let mut out = String::new();
    if !options.summary_only {
        render_findings_by_project(&mut out, report, options);
        render_waived(&mut out, report, lang);
    }
    render_summary(&mut out, report, lang);
    if !options.summary_only {
        portfolio::sections(&mut out, report, lang);
    }
    let facts: Vec<String> = run_facts(report, lang)
        .into_iter()
        .map(|(label, value)| format!("{label} {}", esc(&value)))
        .collect();
    let _ = writeln!(out, "{DIM}{}{DIM:#}", facts.join(" · "));
    out
}

/// The projects in the order asked for, each with its findings (those at or above
/// `--only`), then the findings of no project.
fn render_findings_by_project(out: &mut String, report: &Report, options: TextOptions) {
    let lang = report.lang;
    let mut by_project: HashMap<&str, Vec<&Reported>> = HashMap::new();
    let mut orphans: Vec<&Reported> = Vec::new();
    let shown = report
        .findings
        .iter()
        .filter(|f| options.least.is_none_or(|least| f.severity >= least));
    for f in shown {
        match f.project.as_deref() {
            Some(key) => by_project.entry(key).or_default().push(f),
            None => orphans.push(f),
        }
    }
    for project in project_order(report, options.sort) {
        let findings = by_project
            .remove(project_key(project).as_str())
            .unwrap_or_default();
        render_project(out, project, &findings, lang, options);
    }
    let mut unknown: Vec<&Reported> = by_project.into_values().flatten().collect();
    unknown.sort_by_key(|f| (f.project.clone(), f.paths.clone()));
    orphans.splice(0..0, unknown);
    if !orphans.is_empty() {
        let _ = writeln!(
            out,
            "{BOLD}{}{BOLD:#}",
            lang.pick("档案级问题", "Archive-level findings")
        );
        render_findings(out, &orphans, lang, options, "  ");
        out.push('\n');
    }
}

/// The projects of the report in the order `sort` asks for.
fn project_order(report: &Report, sort: SortBy) -> Vec<&ProjectReport> {
    let mut projects: Vec<&ProjectReport> = report.projects.iter().collect();
    match sort {
        SortBy::Folder => {}
        SortBy::Worst => projects.sort_by(|a, b| worst_first(a, b)),
        SortBy::Name => projects.sort_by(|a, b| (&a.code, &a.name).cmp(&(&b.code, &b.name))),
    }
    projects
}

/// The findings waivers cover, each with its project, reason, approver and expiry; and
/// the number already in the baseline.
fn render_waived(out: &mut String, report: &Report, lang: Lang) {
    if !report.waived.is_empty() {
        let _ = writeln!(
            out,
            "{BOLD}{} ({}){BOLD:#}",
            lang.pick("已豁免", "Waived"),
            report.waived.len()
        );
        for w in &report.waived {
            let f = &w.finding;
            let mut line = format!("  {DIM}{}{DIM:#} ", pad(f.severity.label(lang), 4));
            if let Some(project) = &f.project {
                let _ = write!(line, "{} ", esc(project));
            }
            let _ = write!(line, "{}", esc(&f.message));
            if let Some(doc) = &f.document {
                let _ = write!(line, " {DIM}[{}]{DIM:#}", esc(doc));
            }
            let expires = w.expires.as_deref().map_or_else(String::new, |d| {
                format!(" · {} {}", lang.pick("有效期至", "until"), esc(d))
            });
            let (reason, approved_by) = (esc(&w.reason), esc(&w.approved_by));
            let why = match lang {
                Lang::Zh => format!("理由：{reason} · 批准：{approved_by}"),
                Lang::En => format!("reason: {reason} · approved by: {approved_by}"),
            };
            let _ = writeln!(
                out,
                "{line}\n       {DIM}{why}{expires} · {}{DIM:#}",
                esc(&w.waiver)
            );
        }
        out.push('\n');
    }
    if let Some(note) = baselined_note(report, lang, "--baseline") {
        let _ = writeln!(out, "{DIM}{note}{DIM:#}\n");
    }
}

/// One project: its heading, its funding chain, its findings stage by stage, and the
/// documents whose requirement could not be decided.
fn render_project(
    out: &mut String,
    p: &ProjectReport,
    findings: &[&Reported],
    lang: Lang,
    options: TextOptions,
) {
    render_project_heading(out, p, lang);
    portfolio::project_lines(out, p, lang);
    if let Some(chain) = &p.chain {
        render_chain(out, chain, lang);
    }
    render_stages(out, p, findings, lang, options);
    if !p.undetermined.is_empty() {
        let names: Vec<&str> = p.undetermined.iter().map(|u| &*u.document).collect();
        let _ = writeln!(
            out,
            "  {DIM}{} {}: {} — {}{DIM:#}",
            lang.pick("未判定", "undetermined"),
            p.undetermined.len(),
            esc(&names.join(", ")),
            esc(&p.undetermined[0].reason)
        );
    }
    out.push('\n');
}

/// The project's title, its category and status, and its completeness.
fn render_project_heading(out: &mut String, p: &ProjectReport, lang: Lang) {
    let title = [p.code.as_deref(), p.name.as_deref()]
        .into_iter()
        .flatten()
        .map(esc)
        .collect::<Vec<_>>()
        .join(" ");
    let mut facts = Vec::new();
    if let Some(c) = &p.category_name {
        facts.push(esc(c).into_owned());
    }
    let status = status_label(p, lang);
    if !status.is_empty() {
        facts.push(status);
    }
    let score = match p.completeness {
        Some(c) => format!(
            "{} {}{}{:#} ({}/{})",
            lang.pick("完整度", "complete"),
            score_style(c),
            super::view::percent_places(c, 0),
            score_style(c),
            p.present,
            p.required
        ),
        None => String::new(),
    };
    let facts = if facts.is_empty() {
        String::new()
    } else {
        format!("  {DIM}[{}]{DIM:#}", facts.join(" · "))
    };
    let _ = writeln!(out, "{BOLD}{title}{BOLD:#}{facts}  {score}");
}

/// The project's findings under the stage they belong to; a complete stage with nothing
/// but hidden notes is not listed, and findings of no listed stage come last.
fn render_stages(
    out: &mut String,
    p: &ProjectReport,
    findings: &[&Reported],
    lang: Lang,
    options: TextOptions,
) {
    let mut rest: Vec<&Reported> = findings
        .iter()
        .copied()
        .filter(|f| f.stage.is_none())
        .collect();
    for stage in &p.stages {
        let in_stage: Vec<&Reported> = findings
            .iter()
            .copied()
            .filter(|f| f.stage.as_deref() == Some(&*stage.stage))
            .collect();
        if in_stage
            .iter()
            .all(|f| f.severity == Severity::Info && !options.verbose)
            && stage.present == stage.required
        {
            rest.extend(in_stage);
            continue;
        }
        let _ = writeln!(
            out,
            "  {CYAN}{}{CYAN:#} {DIM}{}/{}{DIM:#}",
            esc(&stage.name),
            stage.present,
            stage.required
        );
        render_findings(out, &in_stage, lang, options, "    ");
    }
    let stray = findings.iter().copied().filter(|f| {
        f.stage
            .as_ref()
            .is_some_and(|s| !p.stages.iter().any(|st| *st.stage == **s))
    });
    rest.extend(stray);
    if !rest.is_empty() {
        render_findings(out, &rest, lang, options, "  ");
    }
}

/// One line of money along the funding chain.
fn render_chain(out: &mut String, chain: &ChainSummary, lang: Lang) {
    let _ = writeln!(
        out,
        "  {CYAN}{}{CYAN:#} {}",
        lang.pick("资金链", "Funding chain"),
        chain_parts(chain, lang, true).join(" · ")
    );
}

fn render_findings(
    out: &mut String,
    findings: &[&Reported],
    lang: Lang,
    options: TextOptions,
    indent: &str,
) {
    let mut hidden: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for f in findings {
        if f.severity == Severity::Info && !options.verbose {
            *hidden.entry(f.code.id()).or_default() += 1;
            continue;
        }
        let style = severity_style(f.severity);
        let mut line = format!(
            "{indent}{style}{}{style:#} {}",
            pad(f.severity.label(lang), 4),
            esc(&f.message)
        );
        // The code (and document) in brackets: both are what `guicang explain` takes.
        match &f.document {
            Some(doc) => {
                let _ = write!(line, " {DIM}[{} {}]{DIM:#}", f.code.id(), esc(doc));
            }
            None => {
                let _ = write!(line, " {DIM}[{}]{DIM:#}", f.code.id());
            }
        }
        if f.code != crate::finding::Code::MissingDocument {
            for path in &f.paths {
                let _ = write!(line, "\n{indent}     {DIM}{}{DIM:#}", esc(path));
            }
        }
        let _ = writeln!(out, "{line}");
    }
    if !hidden.is_empty() {
        let counts: Vec<String> = hidden
            .iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        let total: usize = hidden.values().sum();
        let _ = writeln!(
            out,
            "{indent}{DIM}{} {total} ({}){}{DIM:#}",
            lang.pick("提示", "info"),
            counts.join(", "),
            lang.pick("，用 --verbose 查看", "; see them with --verbose"),
        );
    }
}

/// The summary: one line per project, the archive as a whole, the totals; then the
/// headline counts.
fn render_summary(out: &mut String, report: &Report, lang: Lang) {
    render_summary_table(out, report, lang);
    render_totals(out, report, lang);
}

/// The table of projects, closed by a row for findings of no project and a total row, so
/// that the columns add up to the headline.
fn render_summary_table(out: &mut String, report: &Report, lang: Lang) {
    let headers = [
        lang.pick("项目", "Project"),
        lang.pick("类别", "Category"),
        lang.pick("状态", "Status"),
        lang.pick("完整度", "Complete"),
        lang.pick("错误", "Errors"),
        lang.pick("警告", "Warnings"),
    ];
    let mut rows: Vec<Vec<String>> = report
        .projects
        .iter()
        .map(|p| {
            vec![
                esc(&project_key(p)).into_owned(),
                p.category_name
                    .as_deref()
                    .map_or_else(|| "?".into(), |c| esc(c).into_owned()),
                p.status
                    .map_or_else(|| "?".into(), |s| lang.pick(s.zh(), s.id()).to_string()),
                p.completeness
                    .map_or_else(|| "—".into(), |c| super::view::percent_places(c, 0)),
                p.errors.to_string(),
                p.warnings.to_string(),
            ]
        })
        .collect();
    let s = &report.summary;
    let percent =
        |c: Option<f64>| c.map_or_else(|| "—".into(), |c| super::view::percent_places(c, 0));
    rows.push(vec![
        lang.pick("（档案整体）", "(archive)").into(),
        String::new(),
        String::new(),
        String::new(),
        s.archive_errors.to_string(),
        s.archive_warnings.to_string(),
    ]);
    rows.push(vec![
        lang.pick("合计", "Total").into(),
        String::new(),
        String::new(),
        percent(s.completeness),
        s.errors.to_string(),
        s.warnings.to_string(),
    ]);
    let _ = writeln!(out, "{BOLD}{}{BOLD:#}", lang.pick("汇总", "Summary"));
    for (index, line) in aligned_lines(&headers, &rows).into_iter().enumerate() {
        if index == 0 {
            let _ = writeln!(out, "{BOLD}{line}{BOLD:#}");
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
}

/// The headline: projects, files, completeness and the counts of each severity.
fn render_totals(out: &mut String, report: &Report, lang: Lang) {
    let s = &report.summary;
    let completeness = s
        .completeness
        .map_or_else(|| "—".into(), |c| super::view::percent_places(c, 0));
    let _ = writeln!(
        out,
        "\n{} {RED}{}{RED:#} · {YELLOW}{}{YELLOW:#} · {}",
        match lang {
            Lang::Zh => format!(
                "共 {} 个项目，{} 个文件，完整度 {completeness}（{}/{}）·",
                s.projects, s.files, s.present, s.required
            ),
            Lang::En => format!(
                "{} projects, {} files, {completeness} complete ({}/{}) ·",
                s.projects, s.files, s.present, s.required
            ),
        },
        match lang {
            Lang::Zh => format!("错误 {}", s.errors),
            Lang::En => format!("{} errors", s.errors),
        },
        match lang {
            Lang::Zh => format!("警告 {}", s.warnings),
            Lang::En => format!("{} warnings", s.warnings),
        },
        match lang {
            Lang::Zh => format!("提示 {}", s.infos),
            Lang::En => format!("{} info", s.infos),
        },
    );
    if s.waived > 0 || s.baselined > 0 {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => format!(
                    "另有已豁免 {} · 基线中已有 {}，均不计入",
                    s.waived, s.baselined
                ),
                Lang::En => format!(
                    "not counted: {} waived · {} in the baseline",
                    s.waived, s.baselined
                ),
            }
        );
    }
}

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => DIM,
    }
}

fn score_style(completeness: f64) -> Style {
    if completeness >= 0.999 {
        GREEN
    } else if completeness >= 0.8 {
        YELLOW
    } else {
        RED
    }
}
