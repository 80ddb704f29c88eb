//! The 多发问题 sheet (recurring problems, `PORTFOLIO.md` §6): one sheet of titled
//! sections, each a bold title row, a header row and its rows, separated by a blank row:
//! the documents missing at least once, per category (worst first), the findings per code, the
//! implementing units, then the model projects to learn from and the problem projects.

use std::collections::HashMap;

use super::portfolio::{unknown_indicator, yes_no};
use super::{Cell, Sheet, text};
use crate::lang::Lang;
use crate::report::{ProjectReport, Report};

/// One section: its title, its column headers and its rows.
struct Section {
    title: String,
    headers: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
}

/// The recurring problems of the sweep, one section after another.
pub(super) fn recurring_sheet(report: &Report) -> Sheet {
    let lang = report.lang;
    let sections = [
        documents(report),
        codes(report),
        units(report),
        lessons(report, true),
        lessons(report, false),
    ];
    let mut rows = Vec::new();
    for section in sections {
        if !rows.is_empty() {
            rows.push(Vec::new());
        }
        rows.push(vec![Cell::Title(section.title)]);
        rows.push(section.headers.into_iter().map(Cell::Head).collect());
        if section.rows.is_empty() {
            rows.push(vec![Cell::Remark(
                lang.pick("（无）", "(none)").to_string(),
            )]);
        }
        rows.extend(section.rows);
    }
    Sheet {
        name: lang.pick("多发问题", "Recurring problems"),
        headers: Vec::new(),
        rows,
        data_bar: None,
    }
}

fn pick(lang: Lang, pairs: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    super::pick_all(lang, pairs)
}

/// Category × document, how often required and how often missing, worst first.
fn documents(report: &Report) -> Section {
    let lang = report.lang;
    let categories: HashMap<&str, &str> = report
        .projects
        .iter()
        .filter_map(|p| Some((p.category.as_deref()?, p.category_name.as_deref()?)))
        .collect();
    let all = &report.recurring.documents;
    let mut rows: Vec<Vec<Cell>> = all
        .iter()
        .filter(|d| d.missing > 0)
        .map(|d| {
            vec![
                text(
                    categories
                        .get(d.category.as_str())
                        .copied()
                        .unwrap_or(&d.category),
                ),
                text(&d.name),
                text(&d.document),
                Cell::Count(d.required),
                Cell::Count(d.missing),
                Cell::Percent(Some(d.rate)),
            ]
        })
        .collect();
    let complete = all.len() - rows.len();
    if complete > 0 {
        rows.push(vec![Cell::Remark(match lang {
            Lang::Zh => format!("另有 {complete} 项文件在应有的项目中均已齐全，不列出"),
            Lang::En => {
                format!("{complete} more documents are present wherever required (not listed)")
            }
        })]);
    }
    Section {
        title: lang
            .pick(
                "文件缺失率（按类别，缺失率从高到低）",
                "How often each document is missing (per category, worst first)",
            )
            .to_string(),
        headers: pick(
            lang,
            &[
                ("类别", "Category"),
                ("文件", "Document"),
                ("文件编号", "Document id"),
                ("应有项目数", "Projects requiring it"),
                ("缺失项目数", "Projects missing it"),
                ("缺失率", "Missing rate"),
            ],
        ),
        rows,
    }
}

/// Findings and projects per code, most findings first.
fn codes(report: &Report) -> Section {
    let lang = report.lang;
    let rows = report
        .recurring
        .codes
        .iter()
        .map(|c| {
            vec![
                text(c.code.id()),
                Cell::Text(c.code.title(lang)),
                Cell::Count(c.findings),
                Cell::Count(c.projects),
            ]
        })
        .collect();
    Section {
        title: lang.pick("问题代码", "Findings per code").to_string(),
        headers: pick(
            lang,
            &[
                ("问题代码", "Code"),
                ("含义", "Meaning"),
                ("问题数", "Findings"),
                ("涉及项目数", "Projects"),
            ],
        ),
        rows,
    }
}

/// Per implementing unit: projects, errors, warnings and completeness.
fn units(report: &Report) -> Section {
    let lang = report.lang;
    let rows = report
        .recurring
        .units
        .iter()
        .map(|u| {
            vec![
                text(
                    u.unit
                        .as_deref()
                        .unwrap_or(lang.pick("（未记录实施单位）", "(no unit recorded)")),
                ),
                Cell::Count(u.projects),
                Cell::Count(u.errors),
                Cell::Count(u.warnings),
                u.completeness.map_or_else(
                    || {
                        Cell::Unknown(
                            lang.pick(
                                "其项目均未检查或无必需文件",
                                "none of its projects was checked or requires a document",
                            )
                            .to_string(),
                        )
                    },
                    |c| Cell::Percent(Some(c)),
                ),
            ]
        })
        .collect();
    Section {
        title: lang.pick("实施单位", "Implementing units").to_string(),
        headers: pick(
            lang,
            &[
                ("实施单位", "Implementing unit"),
                ("项目数", "Projects"),
                ("错误", "Errors"),
                ("警告", "Warnings"),
                ("完整度", "Completeness"),
            ],
        ),
        rows,
    }
}

/// The model projects (`model`) or the problem projects, with the figures that make them so.
fn lessons(report: &Report, model: bool) -> Section {
    let lang = report.lang;
    let keys = if model {
        &report.recurring.model_projects
    } else {
        &report.recurring.problem_projects
    };
    let rows = keys
        .iter()
        .filter_map(|k| report.project_index.get(k).map(|&i| &report.projects[i]))
        .map(|p| lesson_row(p, lang))
        .collect();
    let title = if model {
        lang.pick(
            "经验类项目（已完工、档案齐全、无错误、未延期）",
            "Model projects (completed, complete archive, no error, not late)",
        )
    } else {
        lang.pick(
            "问题类项目（已完工，错误多、资金链有错误或严重延期）",
            "Problem projects (completed, with many errors, a funding-chain error or long delay)",
        )
    };
    Section {
        title: title.to_string(),
        headers: pick(
            lang,
            &[
                ("项目编号", "Project"),
                ("项目名称", "Name"),
                ("实施单位", "Implementing unit"),
                ("完整度", "Completeness"),
                ("错误", "Errors"),
                ("资金链无错误", "Funding chain clean"),
                ("完成及时性（天）", "Delay (days)"),
            ],
        ),
        rows,
    }
}

/// A model or problem project's row: who, how complete, errors, chain, delay.
fn lesson_row(p: &ProjectReport, lang: Lang) -> Vec<Cell> {
    let indicators = p.indicators.as_ref();
    vec![
        text(&p.key),
        text(p.name.as_deref().unwrap_or_default()),
        text(p.implementing_unit.as_deref().unwrap_or_default()),
        Cell::Percent(p.completeness),
        Cell::Count(p.errors),
        match indicators.and_then(|x| x.chain_clean) {
            Some(clean) => text(yes_no(clean, lang)),
            None => unknown_indicator(p, "chain_clean", lang),
        },
        match indicators.and_then(|x| x.delay_days) {
            Some(days) => Cell::Days(days),
            None => unknown_indicator(p, "delay_days", lang),
        },
    ]
}
