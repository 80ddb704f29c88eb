//! The portfolio sheets of the workbook (`PORTFOLIO.md`): 时间线 (each project's planned
//! dates and dated milestones with their evidence), 绩效佐证 (the performance-evaluation
//! indicators of projects in progress or completed) and 储备库 (the reserve library of
//! planned projects). A date or figure nobody could establish is an empty cell whose note
//! says why, never 0.

use super::sheets::{evidence_cell, file_link};
use super::{Cell, Sheet, pick_all, text};
use crate::check::timeline::DateUnknown;
use crate::lang::Lang;
use crate::report::view::status_label;
use crate::report::{ProjectReport, Report, reserve};

/// One row per project and milestone, the planned start and finish first: the date as a
/// date cell, or an empty cell whose note says why it is unknown, and the evidence.
pub(super) fn timeline_sheet(report: &Report) -> Sheet {
    let lang = report.lang;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for p in &report.projects {
        for [what, date, source] in timeline_rows(p, report) {
            rows.push(vec![
                Cell::Count(rows.len() + 1),
                text(&p.key),
                text(p.name.as_deref().unwrap_or_default()),
                what,
                date,
                source,
            ]);
        }
    }
    Sheet {
        name: lang.pick("时间线", "Timeline"),
        headers: pick_all(
            lang,
            &[
                ("序号", "No."),
                ("项目编号", "Project"),
                ("项目名称", "Name"),
                ("里程碑", "Milestone"),
                ("日期", "Date"),
                ("依据", "Evidence"),
            ],
        ),
        rows,
        data_bar: None,
    }
}

/// A project's planned start and finish (evidenced by where its facts come from), then
/// each milestone: name, date (or why it is unknown) and evidence.
fn timeline_rows(p: &ProjectReport, report: &Report) -> Vec<[Cell; 3]> {
    let (lang, root) = (report.lang, report.run.root_path.as_deref());
    let timeline = &p.timeline;
    let planned = [
        (
            "planned_start",
            lang.pick("计划开工", "Planned start"),
            timeline.planned_start,
        ),
        (
            "planned_finish",
            lang.pick("计划竣工", "Planned finish"),
            timeline.planned_finish,
        ),
    ];
    let planned = planned.into_iter().map(|(field, label, date)| match date {
        Some(d) => [text(label), Cell::Date(d), evidence_cell(&p.sources, root)],
        None => [
            text(label),
            unknown_date(timeline.unknown.get(field).copied(), lang),
            text(""),
        ],
    });
    let milestones = timeline.milestones.iter().map(|m| {
        let [zh, en] = m.id.name();
        let date = m
            .date
            .map_or_else(|| unknown_date(m.unknown, lang), Cell::Date);
        let source = m
            .source
            .as_ref()
            .map_or_else(|| text(""), |s| evidence_cell(&[s.joined()], root));
        [text(lang.pick(zh, en)), date, source]
    });
    planned.chain(milestones).collect()
}

/// An unknown date: an empty cell whose note says why.
fn unknown_date(why: Option<DateUnknown>, lang: Lang) -> Cell {
    Cell::Unknown(why.map_or_else(
        || lang.pick("日期未知", "the date is unknown").to_string(),
        |w| crate::report::words::reasons::date_unknown(w, lang).to_string(),
    ))
}

/// The indicators, `(JSON name, zh, en)`, in the order of the sheet's columns.
const INDICATORS: [(&str, &str, &str); 6] = [
    ("execution_rate", "预算执行率", "Execution rate"),
    ("funds_in_place_rate", "资金到位率", "Funds in place"),
    ("delay_days", "完成及时性（天）", "Delay (days)"),
    ("cost_saving_rate", "成本节约率", "Cost saving"),
    ("archive_completeness", "档案完整度", "Archive completeness"),
    ("chain_clean", "资金链无错误", "Funding chain clean"),
];

/// One row per project in progress or completed: each indicator as a percentage, a
/// number of days or 是/否, an unknown one as an empty cell whose note gives the reason,
/// and the evidence each known one rests on.
pub(super) fn indicators_sheet(report: &Report) -> Sheet {
    let lang = report.lang;
    let rows = report
        .projects
        .iter()
        .filter_map(|p| p.indicators.as_ref().map(|x| (p, x)))
        .map(|(p, x)| {
            let unknown = |name: &str| unknown_indicator(p, name, lang);
            let rate = |name: &str, v: Option<f64>| {
                v.map_or_else(|| unknown(name), |v| Cell::Percent(Some(v)))
            };
            vec![
                text(&p.key),
                text(p.name.as_deref().unwrap_or_default()),
                Cell::Text(status_label(p, lang)),
                rate("execution_rate", x.execution_rate),
                rate("funds_in_place_rate", x.funds_in_place_rate),
                x.delay_days
                    .map_or_else(|| unknown("delay_days"), Cell::Days),
                rate("cost_saving_rate", x.cost_saving_rate),
                rate("archive_completeness", x.archive_completeness),
                x.chain_clean
                    .map_or_else(|| unknown("chain_clean"), |clean| text(yes_no(clean, lang))),
                indicator_evidence(p, report),
            ]
        })
        .collect();
    let mut headers = pick_all(
        lang,
        &[
            ("项目编号", "Project"),
            ("项目名称", "Name"),
            ("状态", "Status"),
        ],
    );
    headers.extend(INDICATORS.iter().map(|&(_, zh, en)| lang.pick(zh, en)));
    headers.push(lang.pick("佐证", "Evidence"));
    Sheet {
        name: lang.pick("绩效佐证", "Performance evidence"),
        headers,
        rows,
        data_bar: None,
    }
}

/// An indicator nobody could establish: an empty cell whose note gives the reason the
/// report records.
pub(super) fn unknown_indicator(p: &ProjectReport, name: &str, lang: Lang) -> Cell {
    Cell::Unknown(
        p.indicators_unknown
            .get(name)
            .cloned()
            .unwrap_or_else(|| lang.pick("未知", "unknown").to_string()),
    )
}

/// 是 or 否.
pub(super) fn yes_no(yes: bool, lang: Lang) -> &'static str {
    if yes {
        lang.pick("是", "yes")
    } else {
        lang.pick("否", "no")
    }
}

/// The evidence of a project's indicators, each file, folder or ledger cell once with the
/// indicators it supports: `资金拨付台账.xlsx（预算执行率）`; the cell links to the first.
fn indicator_evidence(p: &ProjectReport, report: &Report) -> Cell {
    let lang = report.lang;
    let mut paths: Vec<(&str, Vec<&str>)> = Vec::new();
    for &(name, zh, en) in &INDICATORS {
        let label = lang.pick(zh, en);
        for path in p.indicators_evidence.get(name).into_iter().flatten() {
            match paths.iter_mut().find(|(p, _)| p == path) {
                Some((_, labels)) => labels.push(label),
                None => paths.push((path, vec![label])),
            }
        }
    }
    let lines: Vec<String> = paths
        .iter()
        .map(|(path, labels)| match lang {
            Lang::Zh => format!("{path}（{}）", labels.join("、")),
            Lang::En => format!("{path} ({})", labels.join(", ")),
        })
        .collect();
    let link = paths
        .first()
        .and_then(|(first, _)| file_link(first, report.run.root_path.as_deref()));
    Cell::Evidence(lines.join("\n"), link)
}

/// The planned projects by importance, then maturity: grade, next grade and the
/// documents still needed to reach it, and the contact persons to ask.
pub(super) fn reserve_sheet(report: &Report) -> Sheet {
    let lang = report.lang;
    let list = |items: &[String]| Cell::Long(items.join(lang.pick("、", ", ")));
    let rows = reserve::library(report)
        .into_iter()
        .map(|(p, names)| {
            vec![
                text(&p.key),
                text(p.name.as_deref().unwrap_or_default()),
                text(p.category_name.as_deref().unwrap_or_default()),
                text(p.importance.as_deref().unwrap_or_default()),
                text(&names.grade_name),
                text(
                    names
                        .next_name
                        .as_deref()
                        .unwrap_or(lang.pick("（已是最高等级）", "(highest grade)")),
                ),
                list(&names.needs_names),
                list(&p.contacts),
                text(p.implementing_unit.as_deref().unwrap_or_default()),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("储备库", "Reserve library"),
        headers: pick_all(
            lang,
            &[
                ("项目编号", "Project"),
                ("项目名称", "Name"),
                ("类别", "Category"),
                ("重要性", "Importance"),
                ("成熟度", "Maturity"),
                ("下一等级", "Next grade"),
                ("尚缺文件", "Documents still needed"),
                ("包联人", "Contact persons"),
                ("实施单位", "Implementing unit"),
            ],
        ),
        rows,
        data_bar: None,
    }
}
