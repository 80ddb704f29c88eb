//! `guicang explain CODE`: what a finding means, why it matters, how to fix it. Given a
//! document id instead (the one a report shows beside a missing document), it explains that
//! document as `guicang rules explain` does.

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::cli::ExplainArgs;
use crate::error::AppError;
use crate::finding::Code;
use crate::lang::Lang;

/// Prints the registry entry of one code, or the list of all codes.
pub fn run(args: &ExplainArgs) -> Result<ExitCode, AppError> {
    let text = match &args.code {
        None => list(args.lang),
        Some(id) => match Code::from_id(id) {
            Some(code) => entry(code, args.lang),
            None => document(id, args.lang)?,
        },
    };
    super::print(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// A document of the built-in rules, explained; an id that is neither a code nor a
/// document is a usage error naming both lists.
fn document(id: &str, lang: Lang) -> Result<String, AppError> {
    let rules = crate::ruleset::RuleSet::load(&[] as &[&str], &std::collections::BTreeMap::new())?;
    let categories: Vec<&crate::ruleset::Category> = rules.categories.iter().collect();
    super::rules::explain(&rules, &categories, id, lang).map_err(|_| {
        AppError::Usage(format!(
            "`{id}` is neither a finding code nor a document id; `guicang explain` lists the \
             codes, `guicang rules` the documents"
        ))
    })
}

fn list(lang: Lang) -> String {
    let width = Code::ALL.iter().map(|c| c.id().len()).max().unwrap_or(0);
    let mut out = String::new();
    for &code in Code::ALL {
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {}",
            code.id(),
            code.doc().severity.id(),
            code.title(lang)
        );
    }
    out
}

fn entry(code: Code, lang: Lang) -> String {
    let doc = code.doc();
    let pick = |pair: [&'static str; 2]| lang.pick(pair[0], pair[1]);
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})\n", code.id(), doc.severity.id());
    for (heading, text) in [
        (lang.pick("含义", "What it means"), pick(doc.what)),
        (lang.pick("为何重要", "Why it matters"), pick(doc.why)),
        (lang.pick("如何处理", "How to fix it"), pick(doc.fix)),
        (lang.pick("示例", "Example"), pick(doc.example)),
    ] {
        let _ = writeln!(out, "{heading}\n  {text}\n");
    }
    if let Some(rule) = code.rule() {
        let _ = writeln!(
            out,
            "{}\n  {rule}\n",
            lang.pick("依据", "The rule it rests on")
        );
    }
    if let Some(threshold) = code.threshold() {
        let _ = writeln!(
            out,
            "{}\n  [thresholds] {threshold} ({})\n",
            lang.pick("阈值", "Threshold"),
            lang.pick("可在 guicang.toml 中设置", "set it in guicang.toml")
        );
    }
    out
}
