//! The portfolio views of the HTML report (`PORTFOLIO.md`): in each project's card its
//! timeline (planned dates, then each milestone's date and evidence, or why it is
//! unknown) and, for a planned project, its reserve grade; then the sections 绩效佐证 (the
//! performance-evaluation indicators of active projects) and 储备库 (the planned projects
//! by importance, then grade). An unknown figure is a dash with its reason, never 0.

use std::fmt::Write;

use super::esc;
use crate::check::maturity::Maturity;
use crate::check::timeline::DateUnknown;
use crate::lang::Lang;
use crate::report::view::{percent, project_title, status_label};
use crate::report::{ProjectReport, Report, reserve};

/// `未知：reason` (`unknown: reason`).
fn unknown(why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("未知：{why}"),
        Lang::En => format!("unknown: {why}"),
    }
}

/// The last part of an evidence path (a file's name, or a ledger cell `file!sheet!row`).
fn short_path(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A project's timeline in its card: planned start and finish, then each milestone with a
/// date or with evidence (a document present without a date); the milestones of which the
/// archive holds nothing are named in one line per reason.
pub(super) fn timeline(out: &mut String, p: &ProjectReport, lang: Lang) {
    let t = &p.timeline;
    let planned = [
        (
            "planned_start",
            lang.pick("计划开工", "planned start"),
            t.planned_start,
        ),
        (
            "planned_finish",
            lang.pick("计划竣工", "planned finish"),
            t.planned_finish,
        ),
    ];
    let _ = write!(
        out,
        "<details class=\"timeline\" open><summary>{}</summary>\n<table class=\"timeline\">\n",
        lang.pick("时间线", "Timeline")
    );
    for (field, label, date) in planned {
        let date = match date {
            Some(d) => d.to_string(),
            None => unknown_date(t.unknown.get(field).copied(), lang),
        };
        let _ = writeln!(
            out,
            "<tr class=\"planned\"><th>{label}</th><td class=\"date\">{date}</td><td></td></tr>"
        );
    }
    let delay = p.indicators.as_ref().and_then(|x| x.delay_days);
    let mut silent: Vec<(DateUnknown, Vec<&str>)> = Vec::new();
    for m in &t.milestones {
        let [zh, en] = m.id.name();
        let name = lang.pick(zh, en);
        let Some(source) = m.source.as_ref().map(|s| s.joined()) else {
            let why = m.unknown.unwrap_or(DateUnknown::NoDocument);
            match silent.iter_mut().find(|(w, _)| *w == why) {
                Some((_, names)) => names.push(name),
                None => silent.push((why, vec![name])),
            }
            continue;
        };
        let date = match m.date {
            Some(d) if m.id == crate::check::timeline::MilestoneId::Completion => {
                format!("{d}{}", delay.map_or_else(String::new, |n| late(n, lang)))
            }
            Some(d) => d.to_string(),
            None => unknown_date(m.unknown, lang),
        };
        let _ = writeln!(
            out,
            "<tr><th>{name}</th><td class=\"date\">{date}</td><td class=\"src\" title=\"{}\">{}</td></tr>",
            esc(&source),
            esc(short_path(&source)),
        );
    }
    out.push_str("</table>\n");
    for (why, names) in silent {
        let names = names.join(lang.pick("、", ", "));
        let line = match lang {
            Lang::Zh => format!(
                "日期未知（{}）：{names}",
                crate::report::words::reasons::date_unknown(why, lang)
            ),
            Lang::En => format!(
                "dates unknown ({}): {names}",
                crate::report::words::reasons::date_unknown(why, lang)
            ),
        };
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(&line));
    }
    out.push_str("</details>\n");
}

/// An unknown date with its reason, as shown in the timeline.
fn unknown_date(why: Option<DateUnknown>, lang: Lang) -> String {
    let why = why.map_or(lang.pick("日期未知", "the date is unknown"), |w| {
        crate::report::words::reasons::date_unknown(w, lang)
    });
    format!(
        "<span class=\"unknown\">{}</span>",
        esc(&unknown(why, lang))
    )
}

/// Days late (or early) after a completion date: ` 晚 61 天`.
fn late(days: i64, lang: Lang) -> String {
    let (class, text) = match (days.signum(), lang) {
        (1, Lang::Zh) => ("late", format!("晚 {days} 天")),
        (1, Lang::En) => ("late", format!("{days} days late")),
        (-1, Lang::Zh) => ("early", format!("早 {} 天", -days)),
        (-1, Lang::En) => ("early", format!("{} days early", -days)),
        (_, Lang::Zh) => ("early", "按期".to_string()),
        (_, Lang::En) => ("early", "on time".to_string()),
    };
    format!(" <span class=\"{class}\">{text}</span>")
}

/// A planned project's grade in its card: where it stands and what it still needs.
pub(super) fn reserve_line(out: &mut String, p: &ProjectReport, lang: Lang) {
    let Some(names) = &p.reserve else {
        return;
    };
    let _ = write!(
        out,
        "<p class=\"chain\"><b>{}</b> {}",
        lang.pick("储备库", "Reserve library"),
        grade_badge(names),
    );
    if let Some(next) = &names.next_name {
        let _ = write!(
            out,
            " · {} {}：{}",
            lang.pick("升至", "to reach"),
            esc(next),
            esc(&names.needs_names.join(lang.pick("、", ", ")))
        );
    }
    out.push_str("</p>\n");
}

/// A grade as a coloured badge (谋划储备 grey, then warmer as it rises).
fn grade_badge(names: &Maturity) -> String {
    format!(
        "<span class=\"grade g{}\">{}</span>",
        names.rank.min(2),
        esc(&names.grade_name)
    )
}

/// The indicators, `(JSON name, zh, en)`, in the order of the table's columns.
const INDICATORS: [(&str, &str, &str); 6] = [
    ("execution_rate", "预算执行率", "Execution rate"),
    ("funds_in_place_rate", "资金到位率", "Funds in place"),
    ("delay_days", "完成及时性（天）", "Delay (days)"),
    ("cost_saving_rate", "成本节约率", "Cost saving"),
    ("archive_completeness", "档案完整度", "Archive completeness"),
    ("chain_clean", "资金链无错误", "Funding chain clean"),
];

/// The reasons of the unknown figures of a table, numbered once each, as footnotes.
#[derive(Default)]
struct Footnotes(Vec<String>);

impl Footnotes {
    /// A dash for an unknown figure, with its reason as tooltip and as a footnote number.
    fn dash(&mut self, why: &str) -> String {
        let n = match self.0.iter().position(|w| w == why) {
            Some(i) => i + 1,
            None => {
                self.0.push(why.to_string());
                self.0.len()
            }
        };
        format!(
            "<span class=\"unknown\" title=\"{}\">—<sup><a href=\"#why-{n}\">{n}</a></sup></span>",
            esc(why)
        )
    }

    fn write(&self, out: &mut String) {
        if self.0.is_empty() {
            return;
        }
        out.push_str("<ol class=\"notes\">\n");
        for (i, why) in self.0.iter().enumerate() {
            let _ = writeln!(out, "<li id=\"why-{}\">{}</li>", i + 1, esc(why));
        }
        out.push_str("</ol>\n");
    }
}

/// 绩效佐证: one row per project in progress or completed, each indicator as the JSON
/// report gives it, an unknown one as a dash whose footnote gives the reason, and the
/// evidence each known one rests on.
pub(super) fn indicators(out: &mut String, report: &Report, lang: Lang) {
    let rows: Vec<(usize, &ProjectReport)> = report
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| p.indicators.is_some())
        .collect();
    let _ = writeln!(
        out,
        "<section id=\"indicators\">\n<h2>{} ({})</h2>\n<p class=\"muted\">{}</p>\n\
         <div class=\"scroll\"><table id=\"indicators-table\" class=\"findings sortable\">\n<thead><tr><th>{}</th>",
        lang.pick("绩效佐证", "Performance evidence"),
        rows.len(),
        lang.pick(
            "实施中和已完工项目可由档案佐证的过程、产出指标；— 为未知，脚注说明原因。",
            "Process and output indicators the archive evidences for projects in progress or completed; — is unknown, the footnote says why."
        ),
        lang.pick("项目", "Project"),
    );
    for (_, zh, en) in INDICATORS {
        let _ = write!(out, "<th>{}</th>", lang.pick(zh, en));
    }
    let _ = writeln!(
        out,
        "<th>{}</th></tr></thead>\n<tbody>",
        lang.pick("佐证", "Evidence")
    );
    let mut notes = Footnotes::default();
    for (rank, (i, p)) in rows.into_iter().enumerate() {
        indicator_row(out, rank, i, p, &mut notes, lang);
    }
    out.push_str("</tbody>\n</table></div>\n");
    notes.write(out);
    out.push_str("</section>\n");
}

/// One project's row of the indicator table.
fn indicator_row(
    out: &mut String,
    rank: usize,
    index: usize,
    p: &ProjectReport,
    notes: &mut Footnotes,
    lang: Lang,
) {
    let Some(x) = &p.indicators else {
        return;
    };
    let _ = write!(
        out,
        "<tr data-i=\"{rank}\"><td><a href=\"#p-{index}\">{}</a> <small>{}</small></td>",
        esc(&project_title(p)),
        esc(&status_label(p, lang)),
    );
    let yes_no = |b: bool| {
        let (class, text) = if b {
            ("good", lang.pick("是", "yes"))
        } else {
            ("poor", lang.pick("否", "no"))
        };
        format!("<span class=\"{class}\">{text}</span>")
    };
    let figures = [
        x.execution_rate.map(|v| (format!("{v:.4}"), percent(v))),
        x.funds_in_place_rate
            .map(|v| (format!("{v:.4}"), percent(v))),
        x.delay_days.map(|d| {
            let class = if d > 0 { "late" } else { "early" };
            (d.to_string(), format!("<span class=\"{class}\">{d}</span>"))
        }),
        x.cost_saving_rate.map(|v| (format!("{v:.4}"), percent(v))),
        x.archive_completeness
            .map(|v| (format!("{v:.4}"), percent(v))),
        x.chain_clean.map(|b| (u8::from(b).to_string(), yes_no(b))),
    ];
    for ((name, ..), figure) in INDICATORS.iter().zip(figures) {
        match figure {
            Some((key, shown)) => {
                let _ = write!(out, "<td class=\"num\" data-key=\"{key}\">{shown}</td>");
            }
            None => {
                let why = p
                    .indicators_unknown
                    .get(name)
                    .map_or(lang.pick("未知", "unknown"), String::as_str);
                let _ = write!(
                    out,
                    "<td class=\"num\" data-key=\"\">{}</td>",
                    notes.dash(why)
                );
            }
        }
    }
    evidence_cell(out, p, lang);
    out.push_str("</tr>\n");
}

/// The evidence of a project's indicators: each file, folder or ledger cell once with the
/// indicators it supports, folded under a count.
fn evidence_cell(out: &mut String, p: &ProjectReport, lang: Lang) {
    let mut paths: Vec<(&str, Vec<&str>)> = Vec::new();
    for &(name, zh, en) in &INDICATORS {
        for path in p.indicators_evidence.get(name).into_iter().flatten() {
            let label = lang.pick(zh, en);
            match paths.iter_mut().find(|(p, _)| p == path) {
                Some((_, labels)) => labels.push(label),
                None => paths.push((path, vec![label])),
            }
        }
    }
    if paths.is_empty() {
        out.push_str("<td></td>");
        return;
    }
    let _ = write!(
        out,
        "<td class=\"paths\"><details><summary>{} {}</summary><ul>",
        paths.len(),
        lang.pick("项", "items")
    );
    for (path, labels) in paths {
        let _ = write!(
            out,
            "<li>{} <small>({})</small></li>",
            esc(path),
            labels.join(lang.pick("、", ", "))
        );
    }
    out.push_str("</ul></details></td>");
}

/// 储备库: the planned projects by importance, then grade, with the next grade, the
/// documents it needs and the contact persons to ask.
pub(super) fn reserve(out: &mut String, report: &Report, lang: Lang) {
    let library = reserve::library(report);
    let _ = writeln!(
        out,
        "<section id=\"reserve\">\n<h2>{} ({})</h2>\n<div class=\"scroll\"><table id=\"reserve-table\" class=\"findings sortable\">\n<thead><tr>",
        lang.pick("储备库", "Reserve library"),
        library.len(),
    );
    for h in [
        lang.pick("项目", "Project"),
        lang.pick("类别", "Category"),
        lang.pick("重要性", "Importance"),
        lang.pick("成熟度", "Maturity"),
        lang.pick("下一等级", "Next grade"),
        lang.pick("尚缺文件", "Documents still needed"),
        lang.pick("包联人", "Contact persons"),
    ] {
        let _ = write!(out, "<th>{h}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let separator = lang.pick("、", ", ");
    let empty = library.is_empty();
    for (order, (p, names)) in library.into_iter().enumerate() {
        let index = report.project_index.get(&p.key).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "<tr data-i=\"{order}\"><td><a href=\"#p-{index}\">{}</a></td><td>{}</td><td data-key=\"{order:04}\">{}</td>\
             <td data-key=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&project_title(p)),
            esc(p.category_name.as_deref().unwrap_or("—")),
            esc(p.importance.as_deref().unwrap_or("—")),
            9 - names.rank.min(9),
            grade_badge(names),
            esc(names
                .next_name
                .as_deref()
                .unwrap_or(lang.pick("（已是最高等级）", "(highest grade)"))),
            esc(&names.needs_names.join(separator)),
            esc(&p.contacts.join(separator)),
        );
    }
    if empty {
        let _ = writeln!(
            out,
            "<tr><td colspan=\"7\" class=\"muted\">{}</td></tr>",
            lang.pick("没有谋划中项目", "No planned project")
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}
