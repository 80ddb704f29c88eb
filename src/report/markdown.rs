//! The markdown summary: short enough for a CI job summary or a merge-request comment.
//!
//! Totals, a table of projects (completeness, errors, warnings), the errors one per line,
//! and the warnings folded into a `<details>` block. Info findings are only counted. Long
//! lists are cut at [`MAX_LISTED`] lines with a note, because comment boxes have limits
//! (GitHub: 65,536 characters per comment, 1 MiB per job summary).

mod portfolio;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

use super::Report;
use super::Reported;
use super::view::{
    Names, baselined_note, escape_control, percent, project_title, run_facts, status_label,
};
use crate::finding::{Code, Severity};
use crate::lang::Lang;

/// At most this many findings are listed per severity.
pub const MAX_LISTED: usize = 100;

/// Renders the summary as GitHub-flavoured markdown.
pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let names = Names::new(report);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## {}\n",
        lang.pick("归仓 档案检查", "guicang archive check")
    );
    let facts: Vec<String> = run_facts(report, lang)
        .into_iter()
        .map(|(label, value)| format!("{label} {}", escape(&value)))
        .collect();
    let _ = writeln!(out, "_{}_\n", facts.join(" · "));
    totals(&mut out, report, lang);
    projects(&mut out, report, lang);

    let of = |severity: Severity| -> Vec<&Reported> {
        report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect()
    };
    let errors = of(Severity::Error);
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "### {} ({})\n",
            Severity::Error.label(lang),
            errors.len()
        );
        list(&mut out, &errors, &names, lang);
    }
    let warnings = of(Severity::Warning);
    if !warnings.is_empty() {
        let _ = writeln!(
            out,
            "<details>\n<summary>{} ({})</summary>\n",
            Severity::Warning.label(lang),
            warnings.len()
        );
        list(&mut out, &warnings, &names, lang);
        out.push_str("</details>\n\n");
    }
    let infos = of(Severity::Info);
    if !infos.is_empty() {
        let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &infos {
            *by_code.entry(f.code.id()).or_default() += 1;
        }
        let counts: Vec<String> = by_code
            .iter()
            .map(|(code, n)| format!("`{code}` {n}"))
            .collect();
        let _ = writeln!(
            out,
            "{} {}: {}\n",
            Severity::Info.label(lang),
            infos.len(),
            counts.join(", ")
        );
    }
    waived(&mut out, report, lang);
    if let Some(note) = baselined_note(report, lang, "`--baseline`") {
        let _ = writeln!(out, "{note}\n");
    }
    portfolio::sections(&mut out, report, lang);
    out
}

/// The waived findings in a folded table, with their reasons.
fn waived(out: &mut String, report: &Report, lang: Lang) {
    if report.waived.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<details>\n<summary>{} ({})</summary>\n\n| {} | {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- | --- |",
        lang.pick("已豁免", "Waived"),
        report.waived.len(),
        lang.pick("项目", "Project"),
        lang.pick("问题", "Finding"),
        lang.pick("代码", "Code"),
        lang.pick("理由", "Reason"),
        lang.pick("批准", "Approved by"),
        lang.pick("有效期至", "Expires"),
    );
    for w in report.waived.iter().take(MAX_LISTED) {
        let f = &w.finding;
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | {} | {} |",
            escape(f.project.as_deref().unwrap_or("—")),
            escape(&f.message),
            f.code.id(),
            escape(&w.reason),
            escape(&w.approved_by),
            escape(w.expires.as_deref().unwrap_or("—")),
        );
    }
    if report.waived.len() > MAX_LISTED {
        let _ = writeln!(out, "\n… {}", report.waived.len() - MAX_LISTED);
    }
    out.push_str("\n</details>\n\n");
}

fn totals(out: &mut String, report: &Report, lang: Lang) {
    let s = &report.summary;
    let completeness = s.completeness.map_or_else(|| "—".into(), percent);
    let line = match lang {
        Lang::Zh => format!(
            "{} 个项目 · {} 个文件 · 完整度 **{completeness}**（{}/{}）· 错误 **{}** · 警告 **{}** · 提示 {}",
            s.projects, s.files, s.present, s.required, s.errors, s.warnings, s.infos
        ),
        Lang::En => format!(
            "{} projects · {} files · **{completeness}** complete ({}/{}) · **{}** errors · **{}** warnings · {} info",
            s.projects, s.files, s.present, s.required, s.errors, s.warnings, s.infos
        ),
    };
    let not_counted = match lang {
        Lang::Zh if s.waived + s.baselined > 0 => {
            format!(" · 已豁免 {} · 基线 {}", s.waived, s.baselined)
        }
        Lang::En if s.waived + s.baselined > 0 => {
            format!(" · {} waived · {} in the baseline", s.waived, s.baselined)
        }
        _ => String::new(),
    };
    let _ = writeln!(out, "{line}{not_counted}\n");
}

fn projects(out: &mut String, report: &Report, lang: Lang) {
    if report.projects.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n| --- | --- | --- | ---: | ---: | ---: |",
        lang.pick("项目", "Project"),
        lang.pick("类别", "Category"),
        lang.pick("状态", "Status"),
        lang.pick("完整度", "Complete"),
        lang.pick("错误", "Errors"),
        lang.pick("警告", "Warnings"),
    );
    for p in &report.projects {
        let completeness = p.completeness.map_or_else(
            || "—".to_string(),
            |c| format!("{} ({}/{})", percent(c), p.present, p.required),
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {completeness} | {} | {} |",
            escape(&project_title(p)),
            escape(p.category_name.as_deref().unwrap_or("?")),
            escape(&status_label(p, lang)),
            p.errors,
            p.warnings
        );
    }
    // The archive as a whole and the totals: the columns add up to the headline.
    let s = &report.summary;
    let _ = writeln!(
        out,
        "| {} |  |  |  | {} | {} |\n| **{}** |  |  | {} | **{}** | **{}** |",
        lang.pick("（档案整体）", "(archive)"),
        s.archive_errors,
        s.archive_warnings,
        lang.pick("合计", "Total"),
        s.completeness.map_or_else(|| "—".to_string(), percent),
        s.errors,
        s.warnings,
    );
    out.push('\n');
}

fn list(out: &mut String, findings: &[&Reported], names: &Names<'_>, lang: Lang) {
    for f in findings.iter().take(MAX_LISTED) {
        let mut line = String::from("- ");
        if let Some(project) = &f.project {
            let _ = write!(line, "**{}** · ", escape(project));
        }
        // A missing document's message names its stage already.
        if let Some(stage) = f.stage.as_ref().filter(|_| f.code != Code::MissingDocument) {
            let _ = write!(line, "{} · ", escape(names.stage(stage)));
        }
        let _ = write!(line, "{} `{}`", escape(&f.message), f.code.id());
        if f.code != Code::MissingDocument {
            if let Some(first) = f.paths.first() {
                let _ = write!(line, " — `{}`", escape_control(&first.replace('`', "'")));
                if f.paths.len() > 1 {
                    let _ = write!(line, " +{}", f.paths.len() - 1);
                }
            }
        }
        let _ = writeln!(out, "{line}");
    }
    if findings.len() > MAX_LISTED {
        let rest = findings.len() - MAX_LISTED;
        let _ = writeln!(
            out,
            "- … {}",
            match lang {
                Lang::Zh => format!("另有 {rest} 条，见完整报告"),
                Lang::En => format!("{rest} more in the full report"),
            }
        );
    }
    out.push('\n');
}

/// Escapes text for a markdown table cell or list item: markup characters, HTML, pipes,
/// and control characters, shown as escapes (`\n`, `\u{1b}`) so that a name with a line
/// break cannot start a heading, a list item or a table row of its own.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => match escape_control(c.encode_utf8(&mut [0; 4])) {
                // The escape's backslash is itself escaped, so that markdown shows it.
                Cow::Owned(escaped) => {
                    out.push('\\');
                    out.push_str(&escaped);
                }
                Cow::Borrowed(_) => out.push(c),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markdown_escapes_markup_and_pipes() {
        assert_eq!(escape("a|b*c_d<e>&"), "a\\|b\\*c\\_d&lt;e&gt;&amp;");
        assert_eq!(escape("施工合同.pdf"), "施工合同.pdf");
    }

    #[test]
    fn markdown_shows_control_characters_escaped() {
        assert_eq!(
            escape("a\n## b\r\t\u{1b}[2J"),
            "a\\\\n\\#\\# b\\\\r\\\\t\\\\u{1b}\\[2J"
        );
    }
}
