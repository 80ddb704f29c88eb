//! `guicang history` as a workbook: the sweeps, the resolved, new and still open findings
//! (a rectification ledger with days open), per unit, per contact person, maturity changes.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{finding_line, share};
use crate::history::changes::{Counts, HistoryView};
use crate::lang::Lang;

/// Renders the view as an `.xlsx` workbook.
pub fn xlsx(view: &HistoryView, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    sweeps_sheet(&mut book, view, lang)?;
    change_sheets(&mut book, view, lang)?;
    let pick = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let units: Vec<(String, &Counts)> = view
        .by_unit
        .iter()
        .map(|u| {
            (
                u.unit
                    .clone()
                    .unwrap_or_else(|| pick("（未填写）", "(none)").to_string()),
                &u.counts,
            )
        })
        .collect();
    groups(
        &mut book,
        pick("按单位", "By unit"),
        pick("实施单位", "unit"),
        &units,
        lang,
    )?;
    let contacts: Vec<(String, &Counts)> = view
        .by_contact
        .iter()
        .map(|c| (c.contact.clone(), &c.counts))
        .collect();
    groups(
        &mut book,
        pick("按包联人", "By contact"),
        pick("包联人", "contact"),
        &contacts,
        lang,
    )?;
    maturity_sheet(&mut book, view, lang)?;
    book.save_to_buffer()
}

/// The sweeps recorded.
fn sweeps_sheet(book: &mut Workbook, view: &HistoryView, lang: Lang) -> Result<(), XlsxError> {
    let pick = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name(pick("检查记录", "Sweeps"))?;
    let headers = [
        "#",
        pick("时间", "at"),
        pick("档案", "root"),
        pick("错误", "errors"),
        pick("警告", "warnings"),
    ];
    sheet.write_row_with_format(0, 0, headers, &bold)?;
    for (r, s) in view.sweeps.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_number(r, 0, s.id as f64)?;
        sheet.write_string(r, 1, &s.at)?;
        sheet.write_string(r, 2, &s.root)?;
        // A count the stored summary lacks is left empty, never written as 0.
        for (column, key) in [(3, "errors"), (4, "warnings")] {
            if let Some(n) = s.summary[key].as_f64() {
                sheet.write_number(r, column, n)?;
            }
        }
    }
    sheet.autofit();
    Ok(())
}

/// Resolved, new and still open findings, each a rectification ledger.
fn change_sheets(book: &mut Workbook, view: &HistoryView, lang: Lang) -> Result<(), XlsxError> {
    let Some(changes) = &view.changes else {
        return Ok(());
    };
    let pick = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let bold = Format::new().set_bold();
    let lists = [
        (pick("已整改", "Resolved"), &changes.resolved),
        (pick("新增", "New"), &changes.new),
        (pick("仍未整改", "Still open"), &changes.persisting),
    ];
    for (name, list) in lists {
        let sheet = book.add_worksheet().set_name(name)?;
        let headers = [
            pick("项目", "project"),
            pick("代码", "code"),
            pick("文件", "document"),
            pick("问题", "finding"),
            pick("首次发现", "first seen"),
            pick("已持续(天)", "days open"),
            pick("整改责任人", "responsible"),
            pick("整改情况", "rectification"),
        ];
        sheet.write_row_with_format(0, 0, headers, &bold)?;
        for (r, f) in list.iter().enumerate() {
            let r = r as u32 + 1;
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            sheet.write_string(r, 0, text("project"))?;
            sheet.write_string(r, 1, text("code"))?;
            sheet.write_string(r, 2, text("document"))?;
            sheet.write_string(r, 3, finding_line(f))?;
            sheet.write_string(r, 4, text("first_seen"))?;
            if let Some(days) = f["days_open"].as_f64() {
                sheet.write_number(r, 5, days)?;
            }
        }
        sheet.autofilter(0, 0, list.len() as u32, 7)?;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
    }
    Ok(())
}

/// Planned projects whose grade changed.
fn maturity_sheet(book: &mut Workbook, view: &HistoryView, lang: Lang) -> Result<(), XlsxError> {
    let pick = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let bold = Format::new().set_bold();
    let sheet = book
        .add_worksheet()
        .set_name(pick("成熟度变化", "Maturity"))?;
    let headers = [
        pick("项目", "project"),
        pick("名称", "name"),
        pick("原等级", "from"),
        pick("现等级", "to"),
    ];
    sheet.write_row_with_format(0, 0, headers, &bold)?;
    for (r, m) in view.maturity_changes.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, &m.project)?;
        sheet.write_string(r, 1, m.name.as_deref().unwrap_or(""))?;
        sheet.write_string(r, 2, m.from.as_deref().unwrap_or("—"))?;
        sheet.write_string(r, 3, m.to.as_deref().unwrap_or("—"))?;
    }
    sheet.autofit();
    Ok(())
}

/// One sheet of counts per group.
fn groups(
    book: &mut Workbook,
    name: &str,
    label: &str,
    rows: &[(String, &Counts)],
    lang: Lang,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name(name)?;
    let headers = [
        label,
        lang.pick("未整改", "open"),
        lang.pick("新增", "new"),
        lang.pick("已整改", "resolved"),
        lang.pick("整改率", "share resolved"),
    ];
    sheet.write_row_with_format(0, 0, headers, &bold)?;
    let percent = Format::new().set_num_format("0.0%");
    for (r, (group, c)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, group)?;
        sheet.write_number(r, 1, c.open as f64)?;
        sheet.write_number(r, 2, c.new as f64)?;
        sheet.write_number(r, 3, c.resolved as f64)?;
        match c.share_resolved {
            Some(s) => sheet.write_number_with_format(r, 4, s, &percent)?,
            None => sheet.write_string(r, 4, share(c))?,
        };
    }
    sheet.autofit();
    Ok(())
}
