//! The portfolio in the terminal report: under each project its contact persons, its
//! timeline, its indicators (绩效佐证) or its reserve grade; after the summary the reserve
//! library (储备库) and the recurring problems (多发问题).

use std::fmt::Write;

use super::{BOLD, CYAN, DIM, esc};
use crate::lang::Lang;
use crate::report::table::aligned_lines;
use crate::report::view::percent;
use crate::report::view::portfolio::{grade_phrase, indicator_values, timeline_parts};
use crate::report::{ProjectReport, Report};

/// How many of the most-missed documents the terminal lists.
const TOP_DOCUMENTS: usize = 10;

/// The portfolio lines of one project.
pub(super) fn project_lines(out: &mut String, p: &ProjectReport, lang: Lang) {
    let mut who = Vec::new();
    if !p.contacts.is_empty() {
        let names: Vec<String> = p.contacts.iter().map(|c| esc(c).into_owned()).collect();
        who.push(format!(
            "{} {}",
            lang.pick("包联人", "contacts"),
            names.join(lang.pick("、", ", "))
        ));
    }
    if let Some(importance) = &p.importance {
        who.push(format!(
            "{} {}",
            lang.pick("重要性", "importance"),
            esc(importance)
        ));
    }
    if let Some(unit) = &p.implementing_unit {
        who.push(format!("{} {}", lang.pick("实施单位", "unit"), esc(unit)));
    }
    if !who.is_empty() {
        let _ = writeln!(out, "  {DIM}{}{DIM:#}", who.join(" · "));
    }
    if let Some(m) = &p.reserve {
        let _ = writeln!(
            out,
            "  {CYAN}{}{CYAN:#} {}",
            lang.pick("储备库", "Reserve"),
            esc(&grade_phrase(m, lang))
        );
        return;
    }
    let (known, unknown) = timeline_parts(p, lang);
    if !known.is_empty() || !unknown.is_empty() {
        // Escaped before styling: the styles are ours, the names and reasons are not.
        let mut line = esc(&known.join(" · ")).into_owned();
        if !unknown.is_empty() {
            let label = lang.pick("未知", "unknown");
            let sep = if line.is_empty() { "" } else { " · " };
            let list = esc(&unknown.join(lang.pick("、", ", "))).into_owned();
            let _ = write!(line, "{sep}{DIM}{label} {list}{DIM:#}");
        }
        let _ = writeln!(
            out,
            "  {CYAN}{}{CYAN:#} {line}",
            lang.pick("时间线", "Timeline")
        );
    }
    if let Some(values) = indicator_values(p, lang) {
        let parts: Vec<String> = values
            .iter()
            .map(|(label, value)| format!("{label} {}", esc(value)))
            .collect();
        let _ = writeln!(
            out,
            "  {CYAN}{}{CYAN:#} {}",
            lang.pick("绩效佐证", "Performance"),
            parts.join(" · ")
        );
    }
}

/// The reserve library and the recurring problems, after the summary table.
pub(super) fn sections(out: &mut String, report: &Report, lang: Lang) {
    reserve(out, report, lang);
    recurring(out, report, lang);
}

/// 储备库: planned projects by importance, then maturity, with what each needs next.
fn reserve(out: &mut String, report: &Report, lang: Lang) {
    let planned: Vec<&crate::report::ProjectReport> = crate::report::reserve::library(report)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    if planned.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{BOLD}{} ({}){BOLD:#}",
        lang.pick("储备库", "Reserve library"),
        planned.len()
    );
    let headers = [
        lang.pick("项目", "project"),
        lang.pick("重要性", "importance"),
        lang.pick("成熟度", "maturity"),
        lang.pick("下一等级尚缺", "needed for the next grade"),
    ];
    let rows: Vec<Vec<String>> = planned
        .iter()
        .map(|p| {
            let m = p.reserve.as_ref();
            let needs = m.map_or_else(String::new, |m| match &m.next_name {
                Some(next) => format!("{next}: {}", m.needs_names.join(lang.pick("、", ", "))),
                None => "—".to_string(),
            });
            vec![
                esc(&crate::report::view::project_title(p)).into_owned(),
                esc(p.importance.as_deref().unwrap_or("—")).into_owned(),
                m.map_or_else(String::new, |m| m.grade_name.clone()),
                esc(&needs).into_owned(),
            ]
        })
        .collect();
    for line in aligned_lines(&headers, &rows) {
        let _ = writeln!(out, "  {line}");
    }
    out.push('\n');
}

/// 多发问题: the most-missed documents, the units, model and problem projects.
fn recurring(out: &mut String, report: &Report, lang: Lang) {
    let r = &report.recurring;
    if r.documents.iter().all(|d| d.missing == 0) && r.units.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{BOLD}{}{BOLD:#}",
        lang.pick("多发问题", "Recurring problems")
    );
    let headers = [
        lang.pick("类别", "category"),
        lang.pick("文件", "document"),
        lang.pick("缺失/应有", "missing/required"),
        lang.pick("缺失率", "rate"),
    ];
    let rows: Vec<Vec<String>> = r
        .documents
        .iter()
        .filter(|d| d.missing > 0)
        .take(TOP_DOCUMENTS)
        .map(|d| {
            vec![
                esc(&d.category_name).into_owned(),
                esc(&d.name).into_owned(),
                format!("{}/{}", d.missing, d.required),
                percent(d.rate),
            ]
        })
        .collect();
    for line in aligned_lines(&headers, &rows) {
        let _ = writeln!(out, "  {line}");
    }
    let headers = [
        lang.pick("实施单位", "unit"),
        lang.pick("项目", "projects"),
        lang.pick("错误", "errors"),
        lang.pick("警告", "warnings"),
        lang.pick("完整度", "complete"),
    ];
    let rows: Vec<Vec<String>> = r
        .units
        .iter()
        .map(|u| {
            vec![
                esc(u
                    .unit
                    .as_deref()
                    .unwrap_or(lang.pick("（未填写）", "(none)")))
                .into_owned(),
                u.projects.to_string(),
                u.errors.to_string(),
                u.warnings.to_string(),
                u.completeness.map_or_else(|| "—".to_string(), percent),
            ]
        })
        .collect();
    out.push('\n');
    for line in aligned_lines(&headers, &rows) {
        let _ = writeln!(out, "  {line}");
    }
    for (label, keys) in [
        (lang.pick("经验类项目", "Model projects"), &r.model_projects),
        (
            lang.pick("问题类项目", "Problem projects"),
            &r.problem_projects,
        ),
    ] {
        let list = if keys.is_empty() {
            "—".to_string()
        } else {
            keys.iter()
                .map(|k| esc(k).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(out, "  {label}: {list}");
    }
    out.push('\n');
}
