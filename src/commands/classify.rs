//! `guicang classify NAME…`: which document each file name is evidence of, the rule and
//! pattern that matched (rule file and line), and why the other candidates lost.
//!
//! How a clerk learns why a file was not recognised, and how a rule author tests an
//! override (`--rules DIR`) before a sweep. The names are matched exactly as a sweep
//! matches them: folded, the extension against each document's formats, the stage folder
//! (`--folder`) breaking ties.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::attributes::{Construction, Status};
use crate::classify::stage_folder::StageFolders;
use crate::cli::{ClassifyArgs, ClassifyFormat};
use crate::error::AppError;
use crate::lang::Lang;
use crate::names::file_marks::paper_words;
use crate::names::normalize::{judged_extension, normalize, split_extension};
use crate::ruleset::condition::{Applicability, Facts};
use crate::ruleset::{Candidate, Category, Outcome, RuleSet};
use crate::settings::resolve;

/// What one name is, in one category.
#[derive(Debug, Serialize)]
struct InCategory<'r> {
    category: &'r str,
    /// The document it is evidence of, if any.
    document: Option<&'r str>,
    /// Whether that document is required of a project of the given status and type.
    required: Option<&'static str>,
    /// Every document a pattern of which matched, winner first.
    candidates: Vec<Explained<'r>>,
}

/// One candidate with where its rule is written.
#[derive(Debug, Serialize)]
struct Explained<'r> {
    document: &'r str,
    name: &'r str,
    /// `rule-file:line` of the document.
    rule: String,
    #[serde(flatten)]
    candidate: Candidate,
}

/// One name and what it is in each category.
#[derive(Debug, Serialize)]
struct Classified<'r> {
    name: String,
    /// The name as matched: folded (simplified script, half-width, lower case), without
    /// its extension, the marks of its copy at its end (`(盖章)`, `-扫描件`, `v2`) and title
    /// marks that quote it whole (`《…》`).
    folded: String,
    categories: Vec<InCategory<'r>>,
}

/// Classifies every name and prints the result.
pub fn run(args: &ClassifyArgs) -> Result<ExitCode, AppError> {
    let settings = resolve(&args.common, Path::new("."), None)?;
    let rules = &settings.rules;
    let categories = categories(rules, args.category.as_deref())?;
    let status = match &args.status {
        Some(text) => Some(Status::parse(text).ok_or_else(|| {
            AppError::Usage(format!(
                "unknown status `{text}`; e.g. planned, in-progress, completed"
            ))
        })?),
        None => None,
    };
    let construction = match &args.construction {
        Some(text) => Some(Construction::parse(text).ok_or_else(|| {
            AppError::Usage(format!(
                "unknown construction type `{text}`; e.g. new, renovation"
            ))
        })?),
        None => None,
    };
    let facts = Facts {
        status: status.unwrap_or(Status::InProgress),
        construction,
        total_investment: None,
        contracts: None,
        attributes: None,
    };
    let stage_hint = args.folder.as_deref().and_then(|folder| {
        StageFolders::new(&rules.stages)
            .recognise_words(&normalize(folder))
            .map(|(index, _)| rules.stages[index].id.as_str())
    });
    let results: Vec<Classified<'_>> = args
        .names
        .iter()
        .map(|name| classify(name, &categories, stage_hint, &facts))
        .collect();
    let text = match args.format {
        ClassifyFormat::Json => {
            let mut json = serde_json::to_string_pretty(&results)
                .map_err(|e| AppError::Usage(format!("cannot write JSON: {e}")))?;
            json.push('\n');
            json
        }
        ClassifyFormat::Text => render(&results, settings.lang),
    };
    super::print(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The categories asked for: one by id or name, else all.
fn categories<'r>(rules: &'r RuleSet, asked: Option<&str>) -> Result<Vec<&'r Category>, AppError> {
    match asked {
        Some(name) => Ok(vec![rules.category_named(name).ok_or_else(|| {
            let known: Vec<&str> = rules.categories.iter().map(|c| c.id.as_str()).collect();
            AppError::Usage(format!(
                "unknown category `{name}`; use one of: {}",
                known.join(", ")
            ))
        })?]),
        None => Ok(rules.categories.iter().collect()),
    }
}

/// One name against each category.
fn classify<'r>(
    name: &str,
    categories: &[&'r Category],
    stage_hint: Option<&str>,
    facts: &Facts<'_>,
) -> Classified<'r> {
    let (stem, extension) = split_extension(name);
    let folded = normalize(stem);
    let extension = judged_extension(&extension);
    let categories = categories
        .iter()
        .map(|category| {
            let candidates: Vec<Explained<'r>> = category
                .explain_match(&folded, extension, stage_hint)
                .into_iter()
                .map(|candidate| {
                    let doc = &category.documents[candidate.document];
                    let rule = match doc.line() {
                        Some(line) => format!("{}:{line}", doc.origin),
                        None => doc.origin.clone(),
                    };
                    Explained {
                        document: doc.id.as_str(),
                        name: doc.name.zh.as_str(),
                        rule,
                        candidate,
                    }
                })
                .collect();
            let won = candidates
                .iter()
                .find(|c| c.candidate.outcome == Outcome::Won);
            let required = won.map(|c| {
                let doc = &category.documents[c.candidate.document];
                match doc.when.evaluate(facts) {
                    Applicability::Required => "required",
                    Applicability::NotRequired => "not-required",
                    Applicability::Undetermined(_) => "undetermined",
                }
            });
            InCategory {
                category: category.id.as_str(),
                document: won.map(|c| c.document),
                required,
                candidates,
            }
        })
        .collect();
    Classified {
        name: name.to_string(),
        folded: paper_words(&folded).to_string(),
        categories,
    }
}

/// The results for a person.
fn render(results: &[Classified<'_>], lang: Lang) -> String {
    let mut out = String::new();
    for result in results {
        let _ = writeln!(
            out,
            "{}  ({} {})",
            result.name,
            lang.pick("按", "as"),
            result.folded
        );
        for c in &result.categories {
            match c.document {
                Some(doc) => {
                    let required = c.required.unwrap_or_default();
                    let _ = writeln!(out, "  {}: {doc} ({required})", c.category);
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  {}: {}",
                        c.category,
                        lang.pick("不是任何文件的依据", "evidence of no document")
                    );
                }
            }
            for e in &c.candidates {
                let why = match &e.candidate.outcome {
                    Outcome::Won => lang.pick("匹配", "matched").to_string(),
                    Outcome::Shorter => lang
                        .pick("落选：匹配较短", "lost: a shorter match")
                        .to_string(),
                    Outcome::Tie => lang
                        .pick(
                            "落选：同长，按阶段文件夹或规则顺序",
                            "lost: a tie, decided by stage folder or rule order",
                        )
                        .to_string(),
                    Outcome::Format => lang
                        .pick("落选：格式不符", "lost: format not accepted")
                        .to_string(),
                    Outcome::Excluded { pattern } => match lang {
                        Lang::Zh => format!("落选：被排除模式 `{pattern}` 排除"),
                        Lang::En => format!("lost: excluded by `{pattern}`"),
                    },
                    Outcome::OtherKind { word } => match lang {
                        Lang::Zh => format!("落选：名称以另一种文书“{word}”结尾"),
                        Lang::En => format!("lost: the name ends in another kind of paper, {word}"),
                    },
                    Outcome::NotEvidence { pattern } => match lang {
                        Lang::Zh => format!(
                            "落选：名称属于“不作为依据”（如填写样例、办法、问答），模式 `{pattern}`"
                        ),
                        Lang::En => format!(
                            "lost: the name is evidence of nothing (a sample, a rule, a question): not_evidence `{pattern}`"
                        ),
                    },
                };
                let _ = writeln!(
                    out,
                    "    {} {} — {why}: `{}` {} \"{}\" ({})",
                    e.document,
                    e.name,
                    e.candidate.pattern,
                    lang.pick("匹配", "matched"),
                    e.candidate.matched,
                    e.rule
                );
            }
        }
    }
    out
}
