//! The Excel workbook, for supervision teams who filter, annotate and send reports on.
//!
//! Sheets (Chinese names and headers, English with `--lang en`):
//! 汇总 per project (category, status, completeness %, errors, warnings, money along the
//! funding chain); 缺失清单 one row per missing document; 资金链 funding-chain and ledger
//! findings with their ledger cells; 文件问题 every other finding (file health, stray or
//! misfiled files, project facts); 全部问题 every finding; 代码说明 the finding-code
//! registry as a legend; when they have rows, 豁免 (waived findings with their reasons)
//! and 基线 (findings in the `--baseline`) before the legend. Each sheet has a frozen header row, an autofilter, and column
//! widths fitted to the content (CJK characters count double), and print A4 landscape, one
//! page wide. Worksheets are written in constant-memory mode, row by row, through a
//! temporary file.

use std::collections::HashMap;

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::view::{Kind, Names, project_key, status_label};
use super::{ProjectReport, Report};
use crate::finding::{Code, Finding};
use crate::lang::Lang;
use crate::money::amount::Amount;

/// One cell before it is written.
enum Cell {
    Text(String),
    /// Text that wraps in a column of at most [`LONG_WIDTH`] characters.
    Long(String),
    Count(usize),
    Percent(Option<f64>),
    Money(Option<f64>),
}

/// The widest a column of wrapping text gets, in characters.
const LONG_WIDTH: usize = 50;

/// One worksheet before it is written.
struct Sheet {
    name: &'static str,
    headers: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
}

/// Renders the report as an `.xlsx` workbook.
pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let lang = report.lang;
    let names = Names::new(report);
    let projects: HashMap<String, &ProjectReport> = report
        .projects
        .iter()
        .map(|p| (project_key(p), p))
        .collect();
    let of_kind = |kind: Kind| -> Vec<&Finding> {
        report
            .findings
            .iter()
            .filter(|f| Kind::of(f.code) == kind)
            .collect()
    };
    let mut sheets = vec![
        summary_sheet(report, lang),
        missing_sheet(&of_kind(Kind::Missing), &projects, &names, lang),
        chain_sheet(&of_kind(Kind::Chain), &names, lang),
        file_sheet(&of_kind(Kind::File), &names, lang),
        all_sheet(report, &names, lang),
    ];
    if !report.waived.is_empty() {
        sheets.push(waived_sheet(report, &names, lang));
    }
    if !report.baselined.is_empty() {
        sheets.push(baselined_sheet(report, &names, lang));
    }
    sheets.push(codes_sheet(lang));
    sheets.push(about_sheet(report, lang));
    let mut workbook = Workbook::new();
    for sheet in &sheets {
        write_sheet(&mut workbook, sheet)?;
    }
    workbook.save_to_buffer()
}

fn summary_sheet(report: &Report, lang: Lang) -> Sheet {
    let yuan = |a: Option<&Amount>| Cell::Money(a.and_then(|a| a.yuan.to_f64()));
    let mut rows: Vec<Vec<Cell>> = report
        .projects
        .iter()
        .map(|p| {
            let chain = p.chain.as_ref();
            vec![
                text(p.code.as_deref().unwrap_or_default()),
                text(p.name.as_deref().unwrap_or_default()),
                text(p.category_name.as_deref().unwrap_or_default()),
                Cell::Text(status_label(p, lang)),
                Cell::Percent(p.completeness),
                Cell::Count(p.required),
                Cell::Count(p.present),
                Cell::Count(p.errors),
                Cell::Count(p.warnings),
                yuan(p.aid_funds.as_ref()),
                yuan(chain.and_then(|c| c.allocated.as_ref())),
                yuan(chain.and_then(|c| c.contracted.as_ref())),
                yuan(chain.and_then(|c| c.paid.as_ref())),
                Cell::Percent(chain.and_then(|c| c.execution_rate)),
                text(p.folder.as_deref().unwrap_or_default()),
            ]
        })
        .collect();
    rows.extend(summary_footer(report, lang));
    Sheet {
        name: lang.pick("汇总", "Summary"),
        headers: pick_all(
            lang,
            &[
                ("项目编号", "Code"),
                ("项目名称", "Name"),
                ("类别", "Category"),
                ("状态", "Status"),
                ("完整度", "Completeness"),
                ("应有文件", "Required"),
                ("已有文件", "Present"),
                ("错误", "Errors"),
                ("警告", "Warnings"),
                ("援疆资金（元）", "Aid funds (yuan)"),
                ("已下达（元）", "Allocated (yuan)"),
                ("合同金额（元）", "Contracted (yuan)"),
                ("已拨付（元）", "Paid (yuan)"),
                ("支出进度", "Execution rate"),
                ("文件夹", "Folder"),
            ],
        ),
        rows,
    }
}

/// The rows under the projects: findings of no project (the archive as a whole), then
/// the totals, so that the column of errors adds up to the headline.
fn summary_footer(report: &Report, lang: Lang) -> [Vec<Cell>; 2] {
    let summary = &report.summary;
    let blank = || Cell::Text(String::new());
    let archive = vec![
        blank(),
        text(lang.pick(
            "（档案整体，不属任何项目）",
            "(the archive as a whole, no project)",
        )),
        blank(),
        blank(),
        Cell::Percent(None),
        blank(),
        blank(),
        Cell::Count(summary.archive_errors),
        Cell::Count(summary.archive_warnings),
        Cell::Money(None),
        Cell::Money(None),
        Cell::Money(None),
        Cell::Money(None),
        Cell::Percent(None),
        blank(),
    ];
    let total = vec![
        blank(),
        text(lang.pick("合计", "Total")),
        blank(),
        blank(),
        Cell::Percent(summary.completeness),
        Cell::Count(summary.required),
        Cell::Count(summary.present),
        Cell::Count(summary.errors),
        Cell::Count(summary.warnings),
        Cell::Money(None),
        Cell::Money(None),
        Cell::Money(None),
        Cell::Money(None),
        Cell::Percent(None),
        blank(),
    ];
    [archive, total]
}

/// How the report was made: time, versions, root, threshold, configuration, waivers,
/// baseline (an audit working paper says "as of when").
fn about_sheet(report: &Report, lang: Lang) -> Sheet {
    let run = &report.run;
    let none = || lang.pick("无", "none").to_string();
    let rows = [
        (
            lang.pick("检查时间（UTC）", "Swept at (UTC)"),
            run.at.clone(),
        ),
        (
            lang.pick("guicang 版本", "guicang version"),
            run.guicang.clone(),
        ),
        (lang.pick("档案根目录", "Archive root"), run.root.clone()),
        (
            lang.pick("失败阈值（--fail-on）", "Fails on (--fail-on)"),
            run.fail_on.clone(),
        ),
        (
            lang.pick("配置文件", "Configuration"),
            run.config.clone().unwrap_or_else(none),
        ),
        (lang.pick("豁免条数", "Waivers"), run.waivers.to_string()),
        (
            lang.pick("基线文件", "Baseline"),
            run.baseline.clone().unwrap_or_else(none),
        ),
    ]
    .into_iter()
    .map(|(what, value)| vec![text(what), Cell::Text(value)])
    .collect();
    Sheet {
        name: lang.pick("说明", "About"),
        headers: pick_all(lang, &[("项目", "Item"), ("内容", "Value")]),
        rows,
    }
}

fn missing_sheet(
    findings: &[&Finding],
    projects: &HashMap<String, &ProjectReport>,
    names: &Names<'_>,
    lang: Lang,
) -> Sheet {
    let rows = findings
        .iter()
        .map(|f| {
            let project = f.project.as_deref().unwrap_or_default();
            let name = projects
                .get(project)
                .and_then(|p| p.name.as_deref())
                .unwrap_or_default();
            let stage = f.stage.as_deref().unwrap_or_default();
            let document = f.document.as_deref().unwrap_or_default();
            vec![
                text(project),
                text(name),
                text(names.stage(stage)),
                text(names.document(document)),
                text(document),
                text(f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                Cell::Long(f.paths.join("\n")),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("缺失清单", "Missing documents"),
        headers: pick_all(
            lang,
            &[
                ("项目编号", "Project"),
                ("项目名称", "Name"),
                ("阶段", "Stage"),
                ("文件", "Document"),
                ("文件编号", "Document id"),
                ("严重程度", "Severity"),
                ("说明", "Message"),
                ("应放位置", "Expected in"),
            ],
        ),
        rows,
    }
}

fn chain_sheet(findings: &[&Finding], names: &Names<'_>, lang: Lang) -> Sheet {
    let rows = findings
        .iter()
        .map(|f| {
            vec![
                text(f.project.as_deref().unwrap_or_default()),
                text(f.stage.as_deref().map_or("", |s| names.stage(s))),
                text(f.code.id()),
                text(f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                text(f.contract.as_deref().unwrap_or_default()),
                text(f.voucher.as_deref().unwrap_or_default()),
                Cell::Long(f.paths.join("\n")),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("资金链", "Funding chain"),
        headers: pick_all(
            lang,
            &[
                ("项目编号", "Project"),
                ("阶段", "Stage"),
                ("问题代码", "Code"),
                ("严重程度", "Severity"),
                ("说明", "Message"),
                ("合同编号", "Contract"),
                ("凭证号", "Voucher"),
                ("台账位置", "Ledger cells"),
            ],
        ),
        rows,
    }
}

fn file_sheet(findings: &[&Finding], names: &Names<'_>, lang: Lang) -> Sheet {
    let rows = findings
        .iter()
        .map(|f| {
            vec![
                text(f.project.as_deref().unwrap_or_default()),
                text(f.stage.as_deref().map_or("", |s| names.stage(s))),
                text(f.code.id()),
                text(f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                Cell::Long(f.paths.join("\n")),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("文件问题", "File problems"),
        headers: pick_all(
            lang,
            &[
                ("项目编号", "Project"),
                ("阶段", "Stage"),
                ("问题代码", "Code"),
                ("严重程度", "Severity"),
                ("说明", "Message"),
                ("文件", "Files"),
            ],
        ),
        rows,
    }
}

fn all_sheet(report: &Report, names: &Names<'_>, lang: Lang) -> Sheet {
    let rows = report
        .findings
        .iter()
        .map(|f| {
            let kind = match Kind::of(f.code) {
                Kind::Missing => lang.pick("缺失", "missing"),
                Kind::Chain => lang.pick("资金链", "funding chain"),
                Kind::File => lang.pick("文件", "file"),
            };
            vec![
                text(f.project.as_deref().unwrap_or_default()),
                text(f.stage.as_deref().map_or("", |s| names.stage(s))),
                text(f.document.as_deref().map_or("", |d| names.document(d))),
                text(kind),
                text(f.code.id()),
                text(f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                Cell::Long(f.paths.join("\n")),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("全部问题", "All findings"),
        headers: pick_all(
            lang,
            &[
                ("项目编号", "Project"),
                ("阶段", "Stage"),
                ("文件", "Document"),
                ("类型", "Kind"),
                ("问题代码", "Code"),
                ("严重程度", "Severity"),
                ("说明", "Message"),
                ("证据", "Evidence"),
            ],
        ),
        rows,
    }
}

/// Findings covered by waivers, with the reason, the approver and the expiry.
fn waived_sheet(report: &Report, names: &Names<'_>, lang: Lang) -> Sheet {
    let rows = report
        .waived
        .iter()
        .map(|w| {
            let f = &w.finding;
            vec![
                text(f.project.as_deref().unwrap_or_default()),
                text(f.stage.as_deref().map_or("", |s| names.stage(s))),
                text(f.document.as_deref().map_or("", |d| names.document(d))),
                text(f.code.id()),
                text(f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                Cell::Long(f.paths.join("\n")),
                Cell::Long(w.reason.clone()),
                text(&w.approved_by),
                text(w.expires.as_deref().unwrap_or_default()),
                text(&w.waiver),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("豁免", "Waived"),
        headers: pick_all(
            lang,
            &[
                ("项目编号", "Project"),
                ("阶段", "Stage"),
                ("文件", "Document"),
                ("问题代码", "Code"),
                ("严重程度", "Severity"),
                ("说明", "Message"),
                ("证据", "Evidence"),
                ("豁免理由", "Reason"),
                ("批准", "Approved by"),
                ("有效期至", "Expires"),
                ("豁免位置", "Waiver"),
            ],
        ),
        rows,
    }
}

/// Findings already recorded in the `--baseline` file.
fn baselined_sheet(report: &Report, names: &Names<'_>, lang: Lang) -> Sheet {
    let rows = report
        .baselined
        .iter()
        .map(|f| {
            vec![
                text(f.project.as_deref().unwrap_or_default()),
                text(f.stage.as_deref().map_or("", |s| names.stage(s))),
                text(f.document.as_deref().map_or("", |d| names.document(d))),
                text(f.code.id()),
                text(f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                Cell::Long(f.paths.join("\n")),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("基线", "Baseline"),
        headers: pick_all(
            lang,
            &[
                ("项目编号", "Project"),
                ("阶段", "Stage"),
                ("文件", "Document"),
                ("问题代码", "Code"),
                ("严重程度", "Severity"),
                ("说明", "Message"),
                ("证据", "Evidence"),
            ],
        ),
        rows,
    }
}

fn codes_sheet(lang: Lang) -> Sheet {
    let rows = Code::ALL
        .iter()
        .map(|&code| {
            let doc = code.doc();
            vec![
                text(code.id()),
                text(doc.severity.label(lang)),
                Cell::Text(code.title(lang)),
                long(lang.pick(doc.why[0], doc.why[1])),
                long(lang.pick(doc.fix[0], doc.fix[1])),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("代码说明", "Codes"),
        headers: pick_all(
            lang,
            &[
                ("问题代码", "Code"),
                ("默认严重程度", "Default severity"),
                ("含义", "Meaning"),
                ("为何重要", "Why it matters"),
                ("如何处理", "How to fix"),
            ],
        ),
        rows,
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn long(s: &str) -> Cell {
    Cell::Long(s.to_string())
}

fn pick_all(lang: Lang, pairs: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    pairs.iter().map(|&(zh, en)| lang.pick(zh, en)).collect()
}

/// Writes one sheet: widths first (constant-memory mode writes rows in order), then the
/// header, the rows, the frozen header and the autofilter.
fn write_sheet(workbook: &mut Workbook, sheet: &Sheet) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDD_EB_F7))
        .set_border_bottom(FormatBorder::Thin);
    let percent = Format::new().set_num_format("0.0%");
    let money = Format::new().set_num_format("#,##0.00");
    let wrap = Format::new().set_text_wrap();
    let worksheet = workbook.add_worksheet_with_constant_memory()?;
    worksheet.set_name(sheet.name)?;
    for (col, width) in column_widths(sheet).into_iter().enumerate() {
        worksheet.set_column_width(col_num(col), width)?;
    }
    for (col, name) in sheet.headers.iter().enumerate() {
        worksheet.write_string_with_format(0, col_num(col), *name, &header)?;
    }
    for (index, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for (col, cell) in row.iter().enumerate() {
            let c = col_num(col);
            match cell {
                Cell::Text(s) | Cell::Long(s) if s.is_empty() => {}
                Cell::Long(s) => {
                    worksheet.write_string_with_format(r, c, s, &wrap)?;
                }
                Cell::Text(s) => {
                    worksheet.write_string(r, c, s)?;
                }
                Cell::Count(n) => {
                    worksheet.write_number(r, c, *n as f64)?;
                }
                Cell::Percent(Some(v)) => {
                    worksheet.write_number_with_format(r, c, *v, &percent)?;
                }
                Cell::Money(Some(v)) => {
                    worksheet.write_number_with_format(r, c, *v, &money)?;
                }
                Cell::Percent(None) | Cell::Money(None) => {}
            }
        }
    }
    let last_col = col_num(sheet.headers.len().saturating_sub(1));
    let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    worksheet.set_freeze_panes(1, 0)?;
    worksheet.autofilter(0, 0, last_row, last_col)?;
    // Printed: landscape, one page wide, the header on every page.
    worksheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_print_gridlines(true)
        .set_repeat_rows(0, 0)?;
    Ok(())
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// Widths in characters: the widest header or cell plus room for the filter button,
/// between 8 and 60, and at most [`LONG_WIDTH`] for wrapping text.
fn column_widths(sheet: &Sheet) -> Vec<f64> {
    let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.width() + 3).collect();
    for row in &sheet.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            let shown = match cell {
                Cell::Text(s) => s.width(),
                Cell::Long(s) => s.lines().map(str::width).max().unwrap_or(0).min(LONG_WIDTH),
                Cell::Count(n) => n.to_string().len(),
                Cell::Percent(_) => 6,
                Cell::Money(v) => v.map_or(0, |v| format!("{v:.2}").len() * 4 / 3),
            };
            *w = (*w).max(shown + 1);
        }
    }
    widths.into_iter().map(|w| w.clamp(8, 60) as f64).collect()
}
