//! The 多发问题 section of the HTML report (recurring problems, `PORTFOLIO.md` §6): the
//! documents most often missing (a chart of the ten worst rates, then the table), the
//! findings per code, the implementing units (a chart of their completeness, then the
//! table), and the model and problem projects, each linked to its card.

use std::collections::HashMap;
use std::fmt::Write;

use super::chart::{Bar, bar_chart};
use super::{esc, score_class};
use crate::lang::Lang;
use crate::report::Report;
use crate::report::portfolio::DocumentRate;
use crate::report::view::{percent, project_title};

/// How many documents the chart of missing rates shows.
const CHART_DOCUMENTS: usize = 10;

/// The whole section.
pub(super) fn recurring(out: &mut String, report: &Report, lang: Lang) {
    let _ = writeln!(
        out,
        "<section id=\"recurring\">\n<h2>{}</h2>",
        lang.pick("多发问题", "Recurring problems")
    );
    documents(out, report, lang);
    codes(out, report, lang);
    units(out, report, lang);
    lessons(out, report, lang);
    out.push_str("</section>\n");
}

/// A category's name, from the projects of that category.
fn category_names(report: &Report) -> HashMap<&str, &str> {
    report
        .projects
        .iter()
        .filter_map(|p| Some((p.category.as_deref()?, p.category_name.as_deref()?)))
        .collect()
}

/// `50.0% (1/2)`: a missing rate with its counts.
fn rate_text(d: &DocumentRate) -> String {
    format!("{} ({}/{})", percent(d.rate), d.missing, d.required)
}

/// The documents missing at least once: the ten worst as a chart, all as a table.
fn documents(out: &mut String, report: &Report, lang: Lang) {
    let categories = category_names(report);
    let missing: Vec<(&str, &DocumentRate)> = report
        .recurring
        .documents
        .iter()
        .filter(|d| d.missing > 0)
        .map(|d| {
            let category = categories.get(d.category.as_str()).copied();
            (category.unwrap_or(&d.category), d)
        })
        .collect();
    let _ = writeln!(
        out,
        "<h3>{}</h3>",
        lang.pick("文件缺失率", "How often documents are missing")
    );
    if missing.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>",
            lang.pick("没有缺失的必需文件", "No required document is missing")
        );
        return;
    }
    let bars: Vec<Bar> = missing
        .iter()
        .take(CHART_DOCUMENTS)
        .map(|&(category, d)| document_bar(category, d, lang))
        .collect();
    bar_chart(
        out,
        lang.pick("缺失率最高的文件", "The documents most often missing"),
        &bars,
    );
    let _ = write!(
        out,
        "<div class=\"scroll\"><table id=\"missing-rates\" class=\"findings sortable\">\n<thead><tr>\
         <th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        lang.pick("类别", "Category"),
        lang.pick("文件", "Document"),
        lang.pick("应有项目", "Required in"),
        lang.pick("缺失项目", "Missing in"),
        lang.pick("缺失率", "Missing rate"),
    );
    for (i, (category, d)) in missing.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr data-i=\"{i}\"><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\" data-key=\"{:.4}\">{}</td></tr>",
            esc(category),
            esc(&d.name),
            d.required,
            d.missing,
            d.rate,
            percent(d.rate),
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
    let complete = report.recurring.documents.len() - missing.len();
    if complete > 0 {
        let line = match lang {
            Lang::Zh => format!("另有 {complete} 项文件在应有的项目中均已齐全。"),
            Lang::En => format!("{complete} more documents are present wherever required."),
        };
        let _ = writeln!(out, "<p class=\"muted\">{line}</p>");
    }
}

/// A document's bar: its missing rate, labelled with its category.
fn document_bar(category: &str, d: &DocumentRate, lang: Lang) -> Bar {
    let (label, tip) = match lang {
        Lang::Zh => (
            format!("{}（{category}）", d.name),
            format!(
                "{}（{category}）：{} 个应有项目中 {} 个缺失",
                d.name, d.required, d.missing
            ),
        ),
        Lang::En => (
            format!("{} ({category})", d.name),
            format!(
                "{} ({category}): missing in {} of {} projects requiring it",
                d.name, d.missing, d.required
            ),
        ),
    };
    Bar {
        label,
        share: Some(d.rate),
        figure: rate_text(d),
        class: "miss",
        tip,
    }
}

/// Findings and projects per code, most findings first.
fn codes(out: &mut String, report: &Report, lang: Lang) {
    let _ = write!(
        out,
        "<h3>{}</h3>\n<div class=\"scroll\"><table id=\"code-counts\" class=\"findings sortable\">\n<thead><tr>\
         <th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        lang.pick("问题代码", "Findings per code"),
        lang.pick("代码", "Code"),
        lang.pick("含义", "Meaning"),
        lang.pick("问题数", "Findings"),
        lang.pick("涉及项目", "Projects"),
    );
    for (i, c) in report.recurring.codes.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr data-i=\"{i}\"><td><a href=\"#code-{id}\"><code>{id}</code></a></td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&c.code.title(lang)),
            c.findings,
            c.projects,
            id = c.code.id(),
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// The implementing units: their completeness as a chart, then their counts.
fn units(out: &mut String, report: &Report, lang: Lang) {
    let units = &report.recurring.units;
    let _ = writeln!(
        out,
        "<h3>{}</h3>",
        lang.pick("实施单位", "Implementing units")
    );
    let no_unit = lang.pick("（未记录实施单位）", "(no unit recorded)");
    let no_figure = lang.pick(
        "其项目均未检查或无必需文件",
        "none of its projects was checked or requires a document",
    );
    let bars: Vec<Bar> = units
        .iter()
        .map(|u| {
            let name = u.unit.as_deref().unwrap_or(no_unit);
            Bar {
                label: name.to_string(),
                share: u.completeness,
                figure: u.completeness.map_or_else(|| "—".to_string(), percent),
                class: score_class(u.completeness),
                tip: format!(
                    "{name}: {}",
                    u.completeness
                        .map_or_else(|| no_figure.to_string(), percent)
                ),
            }
        })
        .collect();
    if !bars.is_empty() {
        bar_chart(
            out,
            lang.pick("各实施单位档案完整度", "Archive completeness per unit"),
            &bars,
        );
    }
    let _ = write!(
        out,
        "<div class=\"scroll\"><table id=\"unit-table\" class=\"findings sortable\">\n<thead><tr>\
         <th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        lang.pick("实施单位", "Implementing unit"),
        lang.pick("项目", "Projects"),
        lang.pick("错误", "Errors"),
        lang.pick("警告", "Warnings"),
        lang.pick("完整度", "Completeness"),
    );
    for (i, u) in units.iter().enumerate() {
        let completeness = u.completeness.map_or_else(
            || {
                format!(
                    "<span class=\"unknown\" title=\"{}\">—</span>",
                    esc(no_figure)
                )
            },
            percent,
        );
        let _ = writeln!(
            out,
            "<tr data-i=\"{i}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\" data-key=\"{:.4}\">{completeness}</td></tr>",
            esc(u.unit.as_deref().unwrap_or(no_unit)),
            u.projects,
            u.errors,
            u.warnings,
            u.completeness.unwrap_or(2.0),
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// The model projects to learn from and the problem projects, linked to their cards.
fn lessons(out: &mut String, report: &Report, lang: Lang) {
    let lists = [
        (
            lang.pick("经验类项目", "Model projects"),
            lang.pick(
                "已完工、档案齐全、无错误、未延期",
                "completed, complete archive, no error, not late",
            ),
            &report.recurring.model_projects,
        ),
        (
            lang.pick("问题类项目", "Problem projects"),
            lang.pick(
                "已完工，错误多、资金链有错误或严重延期",
                "completed, with many errors, a funding-chain error or a long delay",
            ),
            &report.recurring.problem_projects,
        ),
    ];
    for (title, rule, keys) in lists {
        let _ = writeln!(
            out,
            "<h3>{title} ({})</h3>\n<p class=\"muted\">{rule}</p>",
            keys.len()
        );
        if keys.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", lang.pick("（无）", "(none)"));
            continue;
        }
        out.push_str("<ul class=\"lessons\">\n");
        for key in keys {
            let Some(&i) = report.project_index.get(key) else {
                continue;
            };
            let p = &report.projects[i];
            let delay = p.indicators.as_ref().and_then(|x| x.delay_days);
            let facts = match (lang, delay) {
                (Lang::Zh, Some(d)) => format!("错误 {} · 完成及时性 {d} 天", p.errors),
                (Lang::Zh, None) => format!("错误 {}", p.errors),
                (Lang::En, Some(d)) => format!("{} errors · delay {d} days", p.errors),
                (Lang::En, None) => format!("{} errors", p.errors),
            };
            let _ = writeln!(
                out,
                "<li><a href=\"#p-{i}\">{}</a> <small>{facts}</small></li>",
                esc(&project_title(p))
            );
        }
        out.push_str("</ul>\n");
    }
}
