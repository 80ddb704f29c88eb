//! The HTML report: one self-contained page (inline CSS and script, no network) that
//! opens offline in any browser and prints cleanly.
//!
//! Totals at the top; per project a completeness bar for each stage with the documents
//! still missing and its timeline; then every finding in one table that sorts by clicking
//! a header and filters by a text box and a severity list; then the portfolio views
//! (绩效佐证, 储备库, 多发问题 with inline SVG charts); then the waived findings with
//! their reasons. All report text is HTML-escaped.

use std::fmt::Write;

use super::Reported;
use super::view::{
    ByProject, Names, baselined_note, chain_parts, escape_markup as esc, percent, project_title,
    status_label,
};
use super::{ProjectReport, Report};
use crate::check::completeness::{Requirement, StageScore};
use crate::finding::{Code, Severity};
use crate::lang::Lang;

mod chart;
mod overview;
mod portfolio;
mod recurring;

const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/script.js");

/// Renders the report as one HTML document.
pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let title = lang.pick("归仓 档案检查", "guicang archive check");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} — {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        lang.pick("zh-CN", "en"),
        esc(&report.root)
    );
    let _ = writeln!(
        out,
        "<header>\n<h1>{title}</h1>\n<p class=\"root\">{}</p>",
        esc(&report.root)
    );
    overview::run_line(&mut out, report, lang);
    totals(&mut out, report, lang);
    out.push_str("</header>\n<main>\n");
    // A reader (and a printer) gets the overview and the findings before the details.
    overview::overview(&mut out, report, lang);
    findings(&mut out, report, lang);
    projects(&mut out, report, lang);
    portfolio::indicators(&mut out, report, lang);
    portfolio::reserve(&mut out, report, lang);
    recurring::recurring(&mut out, report, lang);
    waived(&mut out, report, lang);
    overview::legend(&mut out, report, lang);
    let _ = write!(
        out,
        "</main>\n<footer>guicang {}</footer>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn totals(out: &mut String, report: &Report, lang: Lang) {
    let s = &report.summary;
    let completeness = s.completeness.map_or_else(|| "—".into(), percent);
    let cards = [
        ("", lang.pick("项目", "projects"), s.projects.to_string()),
        ("", lang.pick("文件", "files"), s.files.to_string()),
        (
            "",
            lang.pick("完整度", "complete"),
            format!(
                "{completeness} <small>({}/{})</small>",
                s.present, s.required
            ),
        ),
        ("error", Severity::Error.label(lang), s.errors.to_string()),
        (
            "warning",
            Severity::Warning.label(lang),
            s.warnings.to_string(),
        ),
        ("info", Severity::Info.label(lang), s.infos.to_string()),
    ];
    let not_counted = [
        (lang.pick("已豁免", "waived"), s.waived),
        (lang.pick("基线", "in the baseline"), s.baselined),
    ];
    let not_counted = not_counted
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| ("", label, n.to_string()));
    out.push_str("<div class=\"cards\">\n");
    for (class, label, value) in cards.into_iter().chain(not_counted) {
        let _ = writeln!(
            out,
            "<div class=\"card {class}\"><b>{value}</b><span>{label}</span></div>"
        );
    }
    out.push_str("</div>\n");
}

fn projects(out: &mut String, report: &Report, lang: Lang) {
    let groups = ByProject::new(report);
    let _ = writeln!(
        out,
        "<section id=\"projects\">\n<h2>{} ({})</h2>",
        lang.pick("项目", "Projects"),
        report.projects.len()
    );
    // With many projects the cards start folded: the overview table leads to each.
    let open = report.projects.len() <= 12;
    for (i, (p, findings)) in groups.projects.iter().enumerate() {
        project(out, i, p, findings, open, lang);
    }
    out.push_str("</section>\n");
}

/// One project's card: heading with score and counts, stage bars, funding chain, and the
/// documents whose requirement could not be decided.
fn project(
    out: &mut String,
    index: usize,
    p: &ProjectReport,
    findings: &[&Reported],
    open: bool,
    lang: Lang,
) {
    let _ = write!(
        out,
        "<details class=\"project\" id=\"p-{index}\"{}><summary>",
        if open { " open" } else { "" }
    );
    project_heading(out, p, lang);
    out.push_str("</summary>\n");
    if p.stages.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>",
            lang.pick(
                "没有检查文件（类别未知或无要求）",
                "No documents checked (category unknown or nothing required)"
            )
        );
    } else {
        stage_bars(out, &p.stages, findings, lang);
    }
    if let Some(chain) = &p.chain {
        let _ = writeln!(
            out,
            "<p class=\"chain\"><b>{}</b> {}</p>",
            lang.pick("资金链", "Funding chain"),
            esc(&chain_parts(chain, lang, false).join(" · "))
        );
    }
    portfolio::reserve_line(out, p, lang);
    portfolio::timeline(out, p, lang);
    if !p.undetermined.is_empty() {
        let list: Vec<String> = p
            .undetermined
            .iter()
            .map(|u| format!("{} ({})", esc(&u.document), esc(&u.reason)))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}: {}</p>",
            lang.pick("未判定", "Undetermined"),
            list.join("; ")
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"muted\"><a href=\"#findings?project={}\">{}</a></p>",
        overview::url_component(&p.key),
        lang.pick("查看本项目的全部问题", "All findings of this project"),
    );
    out.push_str("</details>\n");
}

/// The card's heading: title, category and status, completeness, errors and warnings.
fn project_heading(out: &mut String, p: &ProjectReport, lang: Lang) {
    let mut tags: Vec<String> = Vec::new();
    if let Some(c) = &p.category_name {
        tags.push(esc(c));
    }
    let status = status_label(p, lang);
    if !status.is_empty() {
        tags.push(esc(&status));
    }
    let score = p.completeness.map_or_else(
        || "—".into(),
        |c| format!("{} ({}/{})", percent(c), p.present, p.required),
    );
    let _ = write!(
        out,
        "<h3>{} <span class=\"tags\">{}</span></h3>\
         <p class=\"score\"><span class=\"{}\">{score}</span> · {} {} · {} {}</p>",
        esc(&project_title(p)),
        tags.join(" · "),
        score_class(p.completeness),
        Severity::Error.label(lang),
        p.errors,
        Severity::Warning.label(lang),
        p.warnings,
    );
}

/// One bar per stage: the share of its required documents present, the errors of the
/// stage (a stage with every document but unusable files or chain gaps is not green), and
/// the documents missing.
fn stage_bars(out: &mut String, stages: &[StageScore], findings: &[&Reported], lang: Lang) {
    out.push_str("<table class=\"stages\">\n");
    for stage in stages {
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error && f.stage.as_deref() == Some(&*stage.stage))
            .count();
        let errors = if errors == 0 {
            String::new()
        } else {
            format!(
                "<span class=\"sev error\">{errors} {}</span>",
                Severity::Error.label(lang)
            )
        };
        let share = (stage.required > 0).then(|| stage.present as f64 / stage.required as f64);
        let missing: Vec<String> = stage
            .documents
            .iter()
            .filter(|d| d.requirement == Requirement::Required && !d.present)
            .map(|d| esc(d.name()))
            .collect();
        let _ = writeln!(
            out,
            "<tr class=\"{}\"><th>{}</th><td class=\"bar\"><div class=\"track\"><div class=\"fill {}\" style=\"width:{:.1}%\"></div></div></td>\
             <td class=\"num\">{}/{}</td><td class=\"missing\">{errors} {}</td></tr>",
            if stage.required == 0 { "empty" } else { "" },
            esc(&stage.name),
            score_class(share),
            share.map_or(0.0, |s| s * 100.0),
            stage.present,
            stage.required,
            missing.join("、"),
        );
    }
    out.push_str("</table>\n");
}

/// Every finding in one table, filtered by text, severity, project, stage, code and
/// category (the filter kept in the URL, so a link shows the same rows), sorted by any
/// column.
fn findings(out: &mut String, report: &Report, lang: Lang) {
    let names = Names::new(report);
    let _ = writeln!(
        out,
        "<section id=\"findings\">\n<h2>{} ({})</h2>",
        lang.pick("问题", "Findings"),
        report.findings.len()
    );
    let _ = write!(
        out,
        "<div class=\"controls\"><input id=\"q\" type=\"search\" placeholder=\"{}\" aria-label=\"{0}\">\
         <select id=\"sev\" data-filter=\"sev\" aria-label=\"{}\"><option value=\"\">{}</option>\
         <option value=\"error\">{}</option><option value=\"warning\">{}</option><option value=\"info\">{}</option></select>",
        lang.pick("筛选：项目、文件、说明…", "Filter: project, file, message…"),
        lang.pick("严重程度", "Severity"),
        lang.pick("全部严重程度", "All severities"),
        Severity::Error.label(lang),
        Severity::Warning.label(lang),
        Severity::Info.label(lang),
    );
    let options = FilterOptions::of(report, &names);
    filter_select(
        out,
        "project",
        lang.pick("全部项目", "All projects"),
        &options.projects,
    );
    filter_select(
        out,
        "stage",
        lang.pick("全部阶段", "All stages"),
        &options.stages,
    );
    filter_select(
        out,
        "code",
        lang.pick("全部代码", "All codes"),
        &options.codes,
    );
    filter_select(
        out,
        "category",
        lang.pick("全部类别", "All categories"),
        &options.categories,
    );
    let _ = writeln!(
        out,
        "<span id=\"shown\"></span> <span class=\"hint\">{}</span></div>",
        lang.pick("点击表头排序", "Click a header to sort"),
    );
    let headers = [
        lang.pick("严重程度", "Severity"),
        lang.pick("项目", "Project"),
        lang.pick("阶段", "Stage"),
        lang.pick("文件", "Document"),
        lang.pick("代码", "Code"),
        lang.pick("说明", "Message"),
        lang.pick("证据", "Evidence"),
    ];
    out.push_str("<div class=\"scroll\"><table id=\"findings-table\" class=\"findings sortable\">\n<thead><tr>");
    for h in headers {
        let _ = write!(out, "<th>{h}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (index, f) in report.findings.iter().enumerate() {
        let category = report
            .project_of(f)
            .and_then(|i| report.projects[i].category.as_deref());
        finding_row(out, index, f, category, &names, lang);
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// The values each filter offers: `(value, label)`, in report order.
struct FilterOptions {
    projects: Vec<(String, String)>,
    stages: Vec<(String, String)>,
    codes: Vec<(String, String)>,
    categories: Vec<(String, String)>,
}

impl FilterOptions {
    fn of(report: &Report, names: &Names<'_>) -> FilterOptions {
        let mut projects: Vec<(String, String)> = report
            .projects
            .iter()
            .map(|p| (p.key.clone(), project_title(p)))
            .collect();
        projects.push((
            "-".into(),
            report.lang.pick("（档案整体）", "(archive)").into(),
        ));
        let mut seen = std::collections::BTreeSet::new();
        let mut stages = Vec::new();
        let mut codes = std::collections::BTreeSet::new();
        for f in &report.findings {
            if let Some(stage) = f.stage.as_deref()
                && seen.insert(stage)
            {
                stages.push((stage.to_string(), names.stage(stage).to_string()));
            }
            codes.insert(f.code.id());
        }
        let codes = codes
            .into_iter()
            .map(|c| (c.to_string(), c.to_string()))
            .collect();
        let mut categories: Vec<(String, String)> = Vec::new();
        for p in &report.projects {
            if let (Some(id), Some(name)) = (&p.category, &p.category_name)
                && !categories.iter().any(|(c, _)| c == id)
            {
                categories.push((id.clone(), name.clone()));
            }
        }
        FilterOptions {
            projects,
            stages,
            codes,
            categories,
        }
    }
}

/// A `<select>` filtering the findings on one attribute of their rows.
fn filter_select(out: &mut String, name: &str, all: &str, values: &[(String, String)]) {
    let _ = write!(
        out,
        "<select id=\"f-{name}\" data-filter=\"{name}\" aria-label=\"{}\"><option value=\"\">{}</option>",
        esc(all),
        esc(all)
    );
    for (value, label) in values {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            esc(value),
            esc(label)
        );
    }
    out.push_str("</select>");
}

/// The findings waivers cover, with their reasons; and how many the baseline holds.
fn waived(out: &mut String, report: &Report, lang: Lang) {
    if !report.waived.is_empty() {
        let names = Names::new(report);
        let _ = writeln!(
            out,
            "<section id=\"waived\">\n<h2>{} ({})</h2>\n<table class=\"findings\">\n<thead><tr>",
            lang.pick("已豁免", "Waived"),
            report.waived.len()
        );
        for h in [
            lang.pick("严重程度", "Severity"),
            lang.pick("项目", "Project"),
            lang.pick("文件", "Document"),
            lang.pick("代码", "Code"),
            lang.pick("说明", "Message"),
            lang.pick("豁免理由", "Reason"),
            lang.pick("批准", "Approved by"),
            lang.pick("有效期至", "Expires"),
        ] {
            let _ = write!(out, "<th>{h}</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for w in &report.waived {
            let f = &w.finding;
            let _ = writeln!(
                out,
                "<tr><td><span class=\"sev {}\">{}</span></td><td>{}</td><td>{}</td><td><code>{}</code></td>\
                 <td>{}</td><td>{}</td><td>{}</td><td class=\"nowrap\">{}</td></tr>",
                f.severity.id(),
                f.severity.label(lang),
                esc(f.project.as_deref().unwrap_or("—")),
                esc(f.document.as_deref().map_or("", |d| names.document(d))),
                f.code.id(),
                esc(&f.message),
                esc(&w.reason),
                esc(&w.approved_by),
                esc(w.expires.as_deref().unwrap_or("—")),
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    if let Some(note) = baselined_note(report, lang, "--baseline") {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(&note));
    }
}

fn finding_row(
    out: &mut String,
    index: usize,
    f: &Reported,
    category: Option<&str>,
    names: &Names<'_>,
    lang: Lang,
) {
    let rank = match f.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    };
    let evidence: Vec<String> = if f.code == Code::MissingDocument {
        f.paths.iter().map(|p| format!("→ {}", esc(p))).collect()
    } else {
        f.paths.iter().map(|p| esc(p)).collect()
    };
    let _ = writeln!(
        out,
        "<tr data-sev=\"{sev}\" data-i=\"{index}\" data-project=\"{}\" data-stage=\"{}\" data-code=\"{code}\" data-category=\"{}\">\
         <td data-key=\"{rank}\"><span class=\"sev {sev}\">{}</span></td>\
         <td>{}</td><td class=\"nowrap\">{}</td><td>{}</td><td><a href=\"#code-{code}\"><code>{code}</code></a></td><td>{}</td><td class=\"paths\">{}</td></tr>",
        esc(f.project.as_deref().unwrap_or("-")),
        esc(f.stage.as_deref().unwrap_or("")),
        esc(category.unwrap_or("")),
        f.severity.label(lang),
        esc(f.project.as_deref().unwrap_or("—")),
        esc(f.stage.as_deref().map_or("", |s| names.stage(s))),
        esc(f.document.as_deref().map_or("", |d| names.document(d))),
        esc(&f.message),
        evidence.join("<br>"),
        sev = f.severity.id(),
        code = f.code.id(),
    );
}

/// The colour class of a share of documents present.
pub(super) fn score_class(share: Option<f64>) -> &'static str {
    match share {
        None => "none",
        Some(s) if s >= 1.0 => "good",
        Some(s) if s >= 0.8 => "fair",
        Some(_) => "poor",
    }
}
