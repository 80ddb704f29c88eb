//! The sheets beside the findings: those set apart (豁免, 基线), what each code means
//! (代码说明) and how the sweep ran (说明).

use super::{Cell, Sheet, long, pick_all, text};
use crate::finding::Code;
use crate::lang::Lang;
use crate::report::Report;
use crate::report::view::Names;

/// How the report was made: time, versions, root, threshold, configuration, waivers,
/// baseline (an audit working paper says "as of when").
pub(super) fn about_sheet(report: &Report, lang: Lang) -> Sheet {
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
        data_bar: None,
    }
}

/// Findings covered by waivers, with the reason, the approver and the expiry.
pub(super) fn waived_sheet(report: &Report, names: &Names<'_>, lang: Lang) -> Sheet {
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
                Cell::Severity(f.severity, f.severity.label(lang)),
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
        data_bar: None,
    }
}

/// Findings already recorded in the `--baseline` file.
pub(super) fn baselined_sheet(report: &Report, names: &Names<'_>, lang: Lang) -> Sheet {
    let rows = report
        .baselined
        .iter()
        .map(|f| {
            vec![
                text(f.project.as_deref().unwrap_or_default()),
                text(f.stage.as_deref().map_or("", |s| names.stage(s))),
                text(f.document.as_deref().map_or("", |d| names.document(d))),
                text(f.code.id()),
                Cell::Severity(f.severity, f.severity.label(lang)),
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
        data_bar: None,
    }
}

pub(super) fn codes_sheet(lang: Lang) -> Sheet {
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
        data_bar: None,
    }
}
