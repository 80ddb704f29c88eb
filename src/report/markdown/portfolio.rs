//! The portfolio in the markdown summary, each section folded in a `<details>` block so
//! that a merge-request comment stays short: 时间线, 绩效佐证, 储备库, 多发问题.

use std::fmt::Write;

use super::escape;
use crate::lang::Lang;
use crate::report::Report;
use crate::report::view::portfolio::{INDICATORS, grade_phrase, indicator_values, timeline_parts};
use crate::report::view::{percent, project_title};

/// How many of the most-missed documents are listed.
const TOP_DOCUMENTS: usize = 10;

/// Every portfolio section that has something to show.
pub(super) fn sections(out: &mut String, report: &Report, lang: Lang) {
    timelines(out, report, lang);
    indicators(out, report, lang);
    reserve(out, report, lang);
    recurring(out, report, lang);
}

/// Opens a folded section.
fn open(out: &mut String, title: &str, count: usize) {
    let _ = writeln!(out, "<details>\n<summary>{title} ({count})</summary>\n");
}

/// A table row of escaped cells.
fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

/// A header row and its rule.
fn header(out: &mut String, cells: &[&str]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(cells.len()));
}

/// 时间线: each project that is not planned, its dated milestones and its unknown ones.
fn timelines(out: &mut String, report: &Report, lang: Lang) {
    let projects: Vec<_> = report
        .projects
        .iter()
        .filter(|p| p.reserve.is_none())
        .collect();
    if projects.is_empty() {
        return;
    }
    open(out, lang.pick("时间线", "Timelines"), projects.len());
    header(
        out,
        &[
            lang.pick("项目", "Project"),
            lang.pick("已知日期", "Dated"),
            lang.pick("未知", "Unknown"),
        ],
    );
    for p in projects {
        let (known, unknown) = timeline_parts(p, lang);
        row(
            out,
            &[
                escape(&project_title(p)),
                escape(&known.join(" · ")),
                escape(&unknown.join(lang.pick("、", ", "))),
            ],
        );
    }
    out.push_str("\n</details>\n\n");
}

/// 绩效佐证: the indicators of every project in progress or completed.
fn indicators(out: &mut String, report: &Report, lang: Lang) {
    let rows: Vec<_> = report
        .projects
        .iter()
        .filter_map(|p| Some((p, indicator_values(p, lang)?)))
        .collect();
    if rows.is_empty() {
        return;
    }
    open(
        out,
        lang.pick("绩效佐证", "Performance evidence"),
        rows.len(),
    );
    let mut headers = vec![lang.pick("项目", "Project")];
    headers.extend(INDICATORS.iter().map(|(_, [zh, en])| lang.pick(zh, en)));
    header(out, &headers);
    for (p, values) in rows {
        let mut cells = vec![escape(&project_title(p))];
        cells.extend(values.iter().map(|(_, v)| escape(v)));
        row(out, &cells);
    }
    out.push_str("\n</details>\n\n");
}

/// 储备库: planned projects by importance, then maturity.
fn reserve(out: &mut String, report: &Report, lang: Lang) {
    let planned: Vec<&crate::report::ProjectReport> = crate::report::reserve::library(report)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    if planned.is_empty() {
        return;
    }
    open(out, lang.pick("储备库", "Reserve library"), planned.len());
    header(
        out,
        &[
            lang.pick("项目", "Project"),
            lang.pick("重要性", "Importance"),
            lang.pick("成熟度", "Maturity"),
            lang.pick("包联人", "Contacts"),
        ],
    );
    for p in planned {
        let grade = p
            .reserve
            .as_ref()
            .map(|m| grade_phrase(m, lang))
            .unwrap_or_default();
        row(
            out,
            &[
                escape(&project_title(p)),
                escape(p.importance.as_deref().unwrap_or("—")),
                escape(&grade),
                escape(&p.contacts.join(lang.pick("、", ", "))),
            ],
        );
    }
    out.push_str("\n</details>\n\n");
}

/// 多发问题: the most-missed documents, the units, model and problem projects.
fn recurring(out: &mut String, report: &Report, lang: Lang) {
    let r = &report.recurring;
    let missed: Vec<_> = r
        .documents
        .iter()
        .filter(|d| d.missing > 0)
        .take(TOP_DOCUMENTS)
        .collect();
    if missed.is_empty() && r.units.is_empty() {
        return;
    }
    open(
        out,
        lang.pick("多发问题", "Recurring problems"),
        missed.len(),
    );
    header(
        out,
        &[
            lang.pick("类别", "Category"),
            lang.pick("文件", "Document"),
            lang.pick("缺失/应有", "Missing/required"),
            lang.pick("缺失率", "Rate"),
        ],
    );
    for d in missed {
        row(
            out,
            &[
                escape(&d.category_name),
                escape(&d.name),
                format!("{}/{}", d.missing, d.required),
                percent(d.rate),
            ],
        );
    }
    out.push('\n');
    header(
        out,
        &[
            lang.pick("实施单位", "Unit"),
            lang.pick("项目", "Projects"),
            lang.pick("错误", "Errors"),
            lang.pick("警告", "Warnings"),
            lang.pick("完整度", "Complete"),
        ],
    );
    for u in &r.units {
        row(
            out,
            &[
                escape(
                    u.unit
                        .as_deref()
                        .unwrap_or(lang.pick("（未填写）", "(none)")),
                ),
                u.projects.to_string(),
                u.errors.to_string(),
                u.warnings.to_string(),
                u.completeness.map_or_else(|| "—".to_string(), percent),
            ],
        );
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
            escape(&keys.join(", "))
        };
        let _ = writeln!(out, "\n{label}: {list}");
    }
    out.push_str("\n</details>\n\n");
}
