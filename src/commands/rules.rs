//! `guicang rules`: what the rules require, as a table; `guicang rules explain ID`: one document.

use std::fmt::Write as _;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use crate::report::table::aligned_lines;

use crate::cli::{RulesArgs, RulesCommand};
use crate::error::AppError;
use crate::lang::Lang;
use crate::ruleset::{Category, Document, RuleSet};
use crate::settings::resolve;

/// Prints the rules table or one document's explanation.
pub fn run(args: &RulesArgs) -> Result<ExitCode, AppError> {
    let settings = resolve(&args.common, std::path::Path::new("."), None)?;
    let rules = &settings.rules;
    let lang = settings.lang;
    let categories: Vec<&Category> = match &args.category {
        Some(name) => vec![rules.category_named(name).ok_or_else(|| {
            let known: Vec<&str> = rules.categories.iter().map(|c| c.id.as_str()).collect();
            AppError::Usage(format!(
                "unknown category `{name}`; use one of: {}",
                known.join(", ")
            ))
        })?],
        None => rules.categories.iter().collect(),
    };
    let text = match &args.command {
        None => table(rules, &categories, lang),
        Some(RulesCommand::Explain { id }) => explain(rules, &categories, id, lang)?,
    };
    super::print(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn table(rules: &RuleSet, categories: &[&Category], lang: Lang) -> String {
    let mut out = String::new();
    for category in categories {
        let _ = writeln!(
            out,
            "{} {} ({} {})",
            category.name.get(lang),
            category.id,
            category.documents.len(),
            lang.pick("项文件", "documents")
        );
        let headers = [
            lang.pick("阶段", "stage"),
            "id",
            lang.pick("文件", "document"),
            lang.pick("要求条件", "required when"),
            lang.pick("级别", "severity"),
        ];
        let rows: Vec<Vec<String>> = category
            .documents
            .iter()
            .map(|d| {
                let stage = rules
                    .stage(&d.stage)
                    .map_or(d.stage.clone(), |s| s.name.get(lang).to_string());
                vec![
                    stage,
                    d.id.clone(),
                    d.name.get(lang).to_string(),
                    d.when.describe(),
                    d.severity.id().to_string(),
                ]
            })
            .collect();
        for line in aligned_lines(&headers, &rows) {
            let _ = writeln!(out, "  {line}");
        }
        maturity(&mut out, category, lang);
        out.push('\n');
    }
    out
}

/// The category's maturity grades of planned projects (储备库), lowest first: each grade
/// with the documents it adds, conditional ones with their condition.
fn maturity(out: &mut String, category: &Category, lang: Lang) {
    if category.maturity.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n  {}",
        lang.pick(
            "储备库成熟度（谋划项目；每一等级含以下各级文件）",
            "maturity of planned projects (each grade includes the documents of those below)"
        )
    );
    let headers = [
        lang.pick("等级", "grade"),
        "id",
        lang.pick("需增加的文件", "adds documents"),
    ];
    let mut rows = vec![vec![
        lang.pick("谋划储备", "Idea").to_string(),
        crate::check::maturity::IDEA.to_string(),
        lang.pick("（无）", "(none)").to_string(),
    ]];
    for grade in &category.maturity {
        let documents: Vec<String> = grade
            .documents
            .iter()
            .map(|(id, when)| match when.describe() {
                d if d.is_empty() || d == "always" => id.clone(),
                d => format!("{id} [{d}]"),
            })
            .collect();
        rows.push(vec![
            grade.name.get(lang).to_string(),
            grade.id.clone(),
            documents.join(", "),
        ]);
    }
    for line in aligned_lines(&headers, &rows) {
        let _ = writeln!(out, "  {line}");
    }
}

/// One document of `categories` explained: why it is required, when, its patterns and
/// source; an error when no category has it.
pub(super) fn explain(
    rules: &RuleSet,
    categories: &[&Category],
    id: &str,
    lang: Lang,
) -> Result<String, AppError> {
    let found: Vec<(&Category, &Document)> = categories
        .iter()
        .flat_map(|c| {
            c.documents
                .iter()
                .filter(|d| d.id == id)
                .map(move |d| (*c, d))
        })
        .collect();
    if found.is_empty() {
        return Err(AppError::Usage(format!(
            "no document `{id}` in the rules; `guicang rules` lists them"
        )));
    }
    let mut out = String::new();
    for (category, doc) in found {
        let stage = rules.stage(&doc.stage).map_or(doc.stage.clone(), |s| {
            format!("{} ({})", s.name.get(lang), s.id)
        });
        let _ = writeln!(out, "{} — {} / {}", doc.id, doc.name.zh, doc.name.en);
        let rows = [
            (
                lang.pick("类别", "category"),
                format!("{} ({})", category.name.get(lang), category.id),
            ),
            (lang.pick("阶段", "stage"), stage),
            (lang.pick("级别", "severity"), doc.severity.id().to_string()),
            (lang.pick("要求条件", "required when"), doc.when.describe()),
            (
                lang.pick("文件名匹配", "patterns"),
                doc.patterns.join("  |  "),
            ),
            (
                lang.pick("排除", "exclude"),
                if doc.exclude.is_empty() {
                    "—".into()
                } else {
                    doc.exclude.join("  |  ")
                },
            ),
            (lang.pick("格式", "formats"), doc.formats.join(", ")),
            (lang.pick("最少份数", "minimum"), doc.min.to_string()),
            (
                lang.pick("依据", "source"),
                doc.source.clone().unwrap_or_else(|| "—".into()),
            ),
            (
                lang.pick("为何需要", "why"),
                doc.why
                    .as_ref()
                    .map_or_else(|| "—".into(), |w| w.get(lang).to_string()),
            ),
            (lang.pick("规则文件", "rule file"), doc.origin.clone()),
        ];
        let width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
        for (key, value) in rows {
            let _ = writeln!(out, "  {key}{}  {value}", " ".repeat(width - key.width()));
        }
        out.push('\n');
    }
    Ok(out)
}
