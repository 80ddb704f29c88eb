//! The parts of the HTML report a reader needs before any detail: how the sweep ran, one
//! sortable table of the projects (worst first), and, at the end, what each code seen in
//! the report means.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::{esc, score_class};
use crate::finding::{Code, Severity};
use crate::lang::Lang;
use crate::report::Report;
use crate::report::view::{percent, project_title, status_label, worst_first};

/// One line saying when and how the report was made.
pub(super) fn run_line(out: &mut String, report: &Report, lang: Lang) {
    let run = &report.run;
    let none = lang.pick("无", "none");
    let _ = writeln!(
        out,
        "<p class=\"run\">{} {} · guicang {} · {} <code>{}</code> · {} {} · {} {} · {} {}</p>",
        lang.pick("检查时间", "Swept at"),
        esc(&run.at),
        esc(&run.guicang),
        lang.pick("失败阈值", "fails on"),
        esc(&run.fail_on),
        lang.pick("配置", "configuration"),
        esc(run.config.as_deref().unwrap_or(none)),
        lang.pick("豁免", "waivers"),
        run.waivers,
        lang.pick("基线", "baseline"),
        esc(run.baseline.as_deref().unwrap_or(none)),
    );
}

/// The projects as one table, worst first (most errors, then least complete): each row
/// links to its card and to its findings; the archive as a whole and the totals close it.
pub(super) fn overview(out: &mut String, report: &Report, lang: Lang) {
    let _ = writeln!(
        out,
        "<section id=\"overview\">\n<h2>{}</h2>\n<div class=\"scroll\">\
         <table id=\"overview-table\" class=\"findings sortable\">\n<thead><tr>",
        lang.pick("项目一览", "Overview"),
    );
    for h in [
        lang.pick("项目", "Project"),
        lang.pick("类别", "Category"),
        lang.pick("状态", "Status"),
        lang.pick("完整度", "Complete"),
        Severity::Error.label(lang),
        Severity::Warning.label(lang),
        lang.pick("问题", "Findings"),
    ] {
        let _ = write!(out, "<th>{h}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let mut order: Vec<usize> = (0..report.projects.len()).collect();
    // A stable sort: projects equally bad keep the report's order.
    order.sort_by(|&a, &b| worst_first(&report.projects[a], &report.projects[b]));
    for (rank, &i) in order.iter().enumerate() {
        overview_row(out, report, i, rank, lang);
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "</tbody>\n<tfoot><tr><td>{}</td><td></td><td></td><td></td><td class=\"num\">{}</td>\
         <td class=\"num\">{}</td><td><a href=\"#findings?project=-\">{}</a></td></tr>\n\
         <tr class=\"total\"><td>{}</td><td></td><td></td><td class=\"num\">{}</td>\
         <td class=\"num\">{}</td><td class=\"num\">{}</td><td></td></tr></tfoot>\n</table></div>\n</section>",
        lang.pick(
            "档案整体（不属任何项目）",
            "The archive as a whole (no project)"
        ),
        s.archive_errors,
        s.archive_warnings,
        lang.pick("查看", "show"),
        lang.pick("合计", "Total"),
        s.completeness.map_or_else(|| "—".into(), percent),
        s.errors,
        s.warnings,
    );
}

/// One project's row of the overview.
fn overview_row(out: &mut String, report: &Report, i: usize, rank: usize, lang: Lang) {
    let p = &report.projects[i];
    let completeness = p.completeness.map_or_else(
        || "—".into(),
        |c| format!("{} ({}/{})", percent(c), p.present, p.required),
    );
    let key = p.completeness.map_or(2.0, |c| c);
    let _ = writeln!(
        out,
        "<tr data-i=\"{rank}\"><td><a href=\"#p-{i}\">{}</a></td><td>{}</td><td>{}</td>\
         <td data-key=\"{key:.4}\"><span class=\"{}\">{completeness}</span></td>\
         <td class=\"num\">{}</td><td class=\"num\">{}</td>\
         <td><a href=\"#findings?project={}\">{}</a></td></tr>",
        esc(&project_title(p)),
        esc(p.category_name.as_deref().unwrap_or("—")),
        esc(&status_label(p, lang)),
        score_class(p.completeness),
        p.errors,
        p.warnings,
        url_component(&p.key),
        lang.pick("查看", "show"),
    );
}

/// What each code found in this report means, with how to fix it (`guicang explain`).
pub(super) fn legend(out: &mut String, report: &Report, lang: Lang) {
    let seen: BTreeSet<Code> = report
        .findings
        .iter()
        .chain(report.waived.iter().map(|w| &w.finding))
        .map(|f| f.code)
        .collect();
    if seen.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section id=\"codes\">\n<h2>{}</h2>",
        lang.pick("问题代码说明", "What the codes mean")
    );
    for code in seen {
        let doc = code.doc();
        let pick = |pair: [&'static str; 2]| lang.pick(pair[0], pair[1]);
        let _ = writeln!(
            out,
            "<details id=\"code-{id}\"><summary><code>{id}</code> {}</summary>\
             <p>{}</p><p><b>{}</b> {}</p><p><b>{}</b> {}</p></details>",
            esc(&code.title(lang)),
            esc(pick(doc.what)),
            lang.pick("为何重要：", "Why it matters:"),
            esc(pick(doc.why)),
            lang.pick("如何处理：", "How to fix:"),
            esc(pick(doc.fix)),
            id = code.id(),
        );
    }
    out.push_str("</section>\n");
}

/// Text for a URL fragment parameter: everything but unreserved ASCII percent-encoded.
pub(super) fn url_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}
