//! `guicang history` for people and machines: text, markdown and JSON here; the workbook
//! and the HTML page (with an inline SVG chart of completeness over time) in submodules.

mod html;
mod xlsx;

pub use html::html;
pub use xlsx::xlsx;

use std::fmt::Write;

use serde_json::Value;

use super::changes::{Counts, HistoryView};
use crate::lang::Lang;

/// How many findings of each list the text and markdown views show.
const MAX_LISTED: usize = 200;

/// The view as JSON (the shape of the README).
pub fn json(view: &HistoryView) -> String {
    serde_json::to_string_pretty(view).unwrap_or_default() + "\n"
}

/// One finding of the view as a line: project, code, document or evidence, message.
pub(crate) fn finding_line(f: &Value) -> String {
    let text = |k: &str| f[k].as_str().unwrap_or_default();
    let detail = if f["document"].is_string() {
        text("document").to_string()
    } else {
        f["paths"][0].as_str().unwrap_or_default().to_string()
    };
    let mut line = format!("{} [{}] {}", text("project"), text("code"), text("message"));
    if !detail.is_empty() {
        let _ = write!(line, " ({detail})");
    }
    line
}

/// A share as a percentage, or a dash.
pub(crate) fn share(counts: &Counts) -> String {
    counts
        .share_resolved
        .map_or_else(|| "—".to_string(), crate::report::view::percent)
}

/// The view for a terminal.
pub fn text(view: &HistoryView, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", lang.pick("检查记录", "Sweeps recorded"));
    for s in &view.sweeps {
        let summary = &s.summary;
        let _ = writeln!(
            out,
            "  #{:<4} {}  {}{}  {} {} · {} {}",
            s.id,
            s.at,
            crate::report::view::escape_control(&s.root),
            s.shard
                .as_deref()
                .map_or_else(String::new, |k| format!(" [{k}]")),
            lang.pick("错误", "errors"),
            summary["errors"],
            lang.pick("警告", "warnings"),
            summary["warnings"],
        );
    }
    let Some(changes) = &view.changes else {
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick(
                "只有一次检查，无可比较。",
                "One sweep only: nothing to compare."
            )
        );
        return out;
    };
    let _ = writeln!(out, "\n#{} → #{}", changes.from, changes.to);
    let lists = [
        (lang.pick("已整改", "Resolved"), &changes.resolved),
        (lang.pick("新增", "New"), &changes.new),
        (lang.pick("仍未整改", "Still open"), &changes.persisting),
    ];
    for (title, list) in lists {
        let _ = writeln!(out, "{title} ({})", list.len());
        for f in list.iter().take(MAX_LISTED) {
            let mut line = crate::report::view::escape_control(&finding_line(f)).into_owned();
            if let Some(days) = f["days_open"].as_i64() {
                let _ = write!(
                    line,
                    " · {} {days} {}",
                    lang.pick("已持续", "open"),
                    lang.pick("天", "days")
                );
            }
            let _ = writeln!(out, "  {line}");
        }
        if list.len() > MAX_LISTED {
            let _ = writeln!(out, "  … {}", list.len() - MAX_LISTED);
        }
    }
    groups_text(&mut out, view, lang);
    out
}

/// Per unit, per contact person, and maturity changes, as aligned tables.
fn groups_text(out: &mut String, view: &HistoryView, lang: Lang) {
    let headers = [
        lang.pick("实施单位", "unit"),
        lang.pick("未整改", "open"),
        lang.pick("新增", "new"),
        lang.pick("已整改", "resolved"),
        lang.pick("整改率", "share resolved"),
    ];
    let none = lang.pick("（未填写）", "(none)");
    let rows: Vec<Vec<String>> = view
        .by_unit
        .iter()
        .map(|u| row(u.unit.as_deref().unwrap_or(none), &u.counts))
        .collect();
    out.push('\n');
    for line in crate::report::table::aligned_lines(&headers, &rows) {
        let _ = writeln!(out, "  {line}");
    }
    let mut headers = headers;
    headers[0] = lang.pick("包联人", "contact");
    let rows: Vec<Vec<String>> = view
        .by_contact
        .iter()
        .map(|c| row(&c.contact, &c.counts))
        .collect();
    if !rows.is_empty() {
        out.push('\n');
        for line in crate::report::table::aligned_lines(&headers, &rows) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !view.maturity_changes.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick("储备项目成熟度变化", "Maturity changes")
        );
        for m in &view.maturity_changes {
            let _ = writeln!(
                out,
                "  {} {}: {} → {}",
                crate::report::view::escape_control(&m.project),
                crate::report::view::escape_control(m.name.as_deref().unwrap_or("")),
                m.from.as_deref().unwrap_or("—"),
                m.to.as_deref().unwrap_or("—")
            );
        }
    }
}

/// One table row of a group's counts, its name escaped.
fn row(name: &str, counts: &Counts) -> Vec<String> {
    vec![
        crate::report::view::escape_control(name).into_owned(),
        counts.open.to_string(),
        counts.new.to_string(),
        counts.resolved.to_string(),
        share(counts),
    ]
}

/// The view as GitHub-flavoured markdown.
pub fn markdown(view: &HistoryView, lang: Lang) -> String {
    let mut out = format!(
        "## {}\n\n",
        lang.pick("归仓 整改进展", "guicang: progress between sweeps")
    );
    // Names, paths and messages come from the archive: escaped as the check report's are.
    let cell = crate::report::markdown::escape;
    let _ = writeln!(
        out,
        "| # | {} | {} | {} | {} |\n|---|---|---|---|---|",
        lang.pick("时间", "At"),
        lang.pick("档案", "Root"),
        lang.pick("错误", "Errors"),
        lang.pick("警告", "Warnings")
    );
    for s in &view.sweeps {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            s.id,
            cell(&s.at),
            cell(&s.root),
            s.summary["errors"],
            s.summary["warnings"]
        );
    }
    if let Some(changes) = &view.changes {
        let lists = [
            (lang.pick("已整改", "Resolved"), &changes.resolved),
            (lang.pick("新增", "New"), &changes.new),
            (lang.pick("仍未整改", "Still open"), &changes.persisting),
        ];
        let _ = writeln!(out, "\n### #{} → #{}\n", changes.from, changes.to);
        for (title, list) in lists {
            let _ = writeln!(
                out,
                "<details>\n<summary>{title} ({})</summary>\n",
                list.len()
            );
            for f in list.iter().take(MAX_LISTED) {
                let _ = writeln!(out, "- {}", cell(&finding_line(f)));
            }
            out.push_str("\n</details>\n\n");
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
            lang.pick("实施单位", "Unit"),
            lang.pick("未整改", "Open"),
            lang.pick("新增", "New"),
            lang.pick("已整改", "Resolved"),
            lang.pick("整改率", "Share resolved")
        );
        for u in &view.by_unit {
            let c = &u.counts;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(u.unit.as_deref().unwrap_or("—")),
                c.open,
                c.new,
                c.resolved,
                share(c)
            );
        }
    }
    out
}
