//! The sheets of the workbook, each built as plain rows of cells before anything is
//! written: 汇总 (summary), 缺失清单 (missing documents), 资金链 (funding chain), 文件问题
//! (file problems), 全部问题 (all findings), 豁免 and 基线 (set apart), 代码说明 (codes)
//! and 说明 (about the run).

use crate::report::words::reasons::figure_unknown;
use std::path::Path;

use rust_decimal::prelude::ToPrimitive;

use super::{Cell, Sheet, pick_all, text};
use crate::check::chain::ChainSummary;
use crate::lang::Lang;
use crate::money::amount::Amount;
use crate::report::Report;
use crate::report::Reported;
use crate::report::portfolio::{aid_funds_unknown, completeness_unknown};
use crate::report::view::{Kind, Names, status_label};

pub(super) fn summary_sheet(report: &Report, lang: Lang) -> Sheet {
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
                match p.completeness {
                    Some(share) => Cell::Percent(Some(share)),
                    None => Cell::Unknown(completeness_unknown(lang).into()),
                },
                Cell::Count(p.required),
                Cell::Count(p.present),
                Cell::Count(p.errors),
                Cell::Count(p.warnings),
                match p.aid_funds.as_ref() {
                    Some(funds) => yuan(Some(funds)),
                    None => Cell::Unknown(aid_funds_unknown(lang).into()),
                },
                figure(chain, "allocated", |c| c.allocated.as_ref(), lang),
                figure(chain, "contracted", |c| c.contracted.as_ref(), lang),
                figure(chain, "paid", |c| c.paid.as_ref(), lang),
                execution_rate(chain, lang),
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
        data_bar: Some(4),
    }
}

/// A finding's evidence, one path a line, linking to the first one's file (a ledger cell
/// `file!sheet!row` to its file) under the archive root; the text stays relative.
fn evidence(f: &Reported, root: Option<&Path>) -> Cell {
    evidence_cell(&f.paths, root)
}

/// Evidence paths relative to the archive root (files, folders, ledger cells), one a
/// line, linking to the first one's file under `root`.
pub(super) fn evidence_cell(paths: &[String], root: Option<&Path>) -> Cell {
    let link = paths.first().and_then(|first| file_link(first, root));
    Cell::Evidence(paths.join("\n"), link)
}

/// A `file://` link to the file of an evidence path relative to the archive `root` (a
/// ledger cell `file!sheet!row` to its file). `%`, `#` and `?` in names are
/// percent-encoded: `合同#2.pdf` is a file, not an anchor in `合同`.
pub(super) fn file_link(path: &str, root: Option<&Path>) -> Option<String> {
    let file = crate::paths::evidence_file(path);
    root.map(|root| {
        let full = root.join(file).display().to_string();
        let mut link = String::from("file:///");
        for c in full.trim_start_matches('/').chars() {
            match c {
                '%' => link.push_str("%25"),
                '#' => link.push_str("%23"),
                '?' => link.push_str("%3F"),
                c => link.push(c),
            }
        }
        link
    })
}

/// The execution rate, or an empty cell whose note says why it is unknown.
fn execution_rate(chain: Option<&ChainSummary>, lang: Lang) -> Cell {
    match chain {
        Some(c) if c.execution_rate.is_some() => Cell::Percent(c.execution_rate),
        Some(c) => Cell::Unknown(
            c.unknown
                .get("execution_rate")
                .map_or("—", |why| figure_unknown(*why, "execution_rate", lang))
                .to_string(),
        ),
        None => Cell::Unknown(lang.pick("未读到任何台账", "no ledger was read").into()),
    }
}

/// A figure of the funding chain: the amount, or an empty cell whose note says why it is
/// unknown (and which ledgers were looked for).
fn figure(
    chain: Option<&ChainSummary>,
    name: &str,
    amount: impl Fn(&ChainSummary) -> Option<&Amount>,
    lang: Lang,
) -> Cell {
    let Some(chain) = chain else {
        return Cell::Unknown(lang.pick("未读到任何台账", "no ledger was read").into());
    };
    match amount(chain) {
        Some(a) => Cell::Money(a.yuan.to_f64()),
        None => Cell::Unknown(
            chain
                .unknown
                .get(name)
                .map_or("—", |why| figure_unknown(*why, name, lang))
                .to_string(),
        ),
    }
}

/// The rows under the projects: findings of no project (the archive as a whole), then
/// the totals, so that the column of errors adds up to the headline.
pub(super) fn summary_footer(report: &Report, lang: Lang) -> [Vec<Cell>; 2] {
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

pub(super) fn missing_sheet(findings: &[&Reported], report: &Report, names: &Names<'_>) -> Sheet {
    let (lang, root) = (report.lang, report.run.root_path.as_deref());
    let rows = findings
        .iter()
        .map(|f| {
            let project = f.project.as_deref().unwrap_or_default();
            let name = report
                .project_of(f)
                .and_then(|i| report.projects[i].name.as_deref())
                .unwrap_or_default();
            let stage = f.stage.as_deref().unwrap_or_default();
            let document = f.document.as_deref().unwrap_or_default();
            vec![
                text(project),
                text(name),
                text(names.stage(stage)),
                text(names.document(document)),
                text(document),
                Cell::Severity(f.severity, f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                evidence(f, root),
            ]
            .into_iter()
            .chain(rectification())
            .collect()
        })
        .collect();
    let mut headers = pick_all(
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
    );
    headers.extend(rectification_headers(lang));
    Sheet {
        name: lang.pick("缺失清单", "Missing documents"),
        headers,
        rows,
        data_bar: None,
    }
}

/// The funding-chain findings as an audit works with them: numbered, with the project's
/// name, year and implementing unit, the amount, date, the amount it is measured against
/// and the difference as number and date cells, and empty columns for the rectification
/// (整改台账) that follows.
pub(super) fn chain_sheet(findings: &[&Reported], report: &Report, names: &Names<'_>) -> Sheet {
    let (lang, root) = (report.lang, report.run.root_path.as_deref());
    let rows = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let project = report.project_of(f).map(|i| &report.projects[i]);
            let figures = f.figures.as_deref();
            let amount = figures.and_then(|x| x.amount);
            let limit = figures.and_then(|x| x.limit);
            let difference = amount.zip(limit).and_then(|(a, l)| a.checked_sub(l));
            let mut row = vec![
                Cell::Count(i + 1),
                text(f.project.as_deref().unwrap_or_default()),
                text(project.and_then(|p| p.name.as_deref()).unwrap_or_default()),
                project
                    .and_then(|p| p.year)
                    .and_then(|y| usize::try_from(y).ok())
                    .map_or_else(|| text(""), Cell::Count),
                text(
                    project
                        .and_then(|p| p.implementing_unit.as_deref())
                        .unwrap_or_default(),
                ),
                text(f.stage.as_deref().map_or("", |s| names.stage(s))),
                text(f.code.id()),
                Cell::Severity(f.severity, f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                text(f.contract.as_deref().unwrap_or_default()),
                text(f.voucher.as_deref().unwrap_or_default()),
                Cell::Money(amount.and_then(|a| a.to_f64())),
                figures
                    .and_then(|x| x.date)
                    .map_or_else(|| text(""), Cell::Date),
                Cell::Money(limit.and_then(|l| l.to_f64())),
                Cell::Money(difference.and_then(|d| d.to_f64())),
                evidence(f, root),
            ];
            row.extend(rectification());
            row
        })
        .collect();
    let mut headers = pick_all(
        lang,
        &[
            ("序号", "No."),
            ("项目编号", "Project"),
            ("项目名称", "Name"),
            ("年度", "Year"),
            ("实施单位", "Implementing unit"),
            ("阶段", "Stage"),
            ("问题代码", "Code"),
            ("严重程度", "Severity"),
            ("说明", "Message"),
            ("合同编号", "Contract"),
            ("凭证号", "Voucher"),
            ("金额（元）", "Amount (yuan)"),
            ("日期", "Date"),
            ("对照金额（元）", "Measured against (yuan)"),
            ("差额（元）", "Difference (yuan)"),
            ("台账位置", "Ledger cells"),
        ],
    );
    headers.extend(rectification_headers(lang));
    Sheet {
        name: lang.pick("资金链", "Funding chain"),
        headers,
        rows,
        data_bar: None,
    }
}

/// The empty columns a rectification ledger (整改台账) fills in: who, by when, what was done.
fn rectification_headers(lang: Lang) -> Vec<&'static str> {
    pick_all(
        lang,
        &[
            ("整改责任人", "Responsible"),
            ("整改时限", "Due"),
            ("整改情况", "Rectification"),
        ],
    )
}

/// The three empty cells of [`rectification_headers`].
fn rectification() -> [Cell; 3] {
    [text(""), text(""), text("")]
}

pub(super) fn file_sheet(findings: &[&Reported], report: &Report, names: &Names<'_>) -> Sheet {
    let (lang, root) = (report.lang, report.run.root_path.as_deref());
    let rows = findings
        .iter()
        .map(|f| {
            vec![
                text(f.project.as_deref().unwrap_or_default()),
                text(f.stage.as_deref().map_or("", |s| names.stage(s))),
                text(f.code.id()),
                Cell::Severity(f.severity, f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                evidence(f, root),
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
        data_bar: None,
    }
}

pub(super) fn all_sheet(report: &Report, names: &Names<'_>, lang: Lang) -> Sheet {
    let root = report.run.root_path.as_deref();
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
                Cell::Severity(f.severity, f.severity.label(lang)),
                Cell::Long(f.message.clone()),
                evidence(f, root),
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
        data_bar: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_go_to_the_file_whatever_its_name_holds() {
        let root = Path::new("/mnt/档案");
        assert_eq!(
            file_link("MGT-1/合同#2.pdf", Some(root)).as_deref(),
            Some("file:///mnt/档案/MGT-1/合同%232.pdf")
        );
        assert_eq!(
            file_link("台账.xlsx!拨付!12", Some(root)).as_deref(),
            Some("file:///mnt/档案/台账.xlsx")
        );
        assert_eq!(
            file_link("2023/合同!补充.pdf", Some(root)).as_deref(),
            Some("file:///mnt/档案/2023/合同!补充.pdf")
        );
        assert_eq!(file_link("a.pdf", None), None);
    }
}
