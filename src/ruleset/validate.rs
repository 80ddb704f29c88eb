//! Turns raw rule files into a [`RuleSet`], collecting every mistake with its place.
//!
//! Like a compiler, validation does not stop at the first error: a user fixing a rule
//! file sees all of its problems at once, each with file, line, column and a caret.

mod condition;
mod document;
mod grades;
mod words;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use rust_decimal::Decimal;
use toml::Spanned;

use super::raw::{RawAmount, RawCategory, RawCategoryFile, RawDocument, RawStagesFile};
use super::{Category, Document, Matcher, RuleErrors, RuleSet, Stage, Threshold, ThresholdUnit};
use crate::diagnostic::SourceDiagnostic;
use crate::names::normalize::normalize;
use document::document;

/// Collects diagnostics for one file.
struct FileErrors<'a> {
    path: &'a str,
    source: Arc<str>,
    out: &'a mut Vec<SourceDiagnostic>,
}

impl FileErrors<'_> {
    /// Reports a mistake at `span` of this file.
    fn at(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) {
        self.out.push(SourceDiagnostic {
            path: self.path.to_string(),
            source: self.source.clone(),
            span,
            message: message.into(),
            label: label.to_string(),
            help,
        });
    }

    /// Reports a TOML syntax or schema error of this file.
    fn toml(&mut self, error: toml::de::Error) {
        let span = error.span().unwrap_or(0..0);
        self.at(span, error.message().trim().to_string(), "here", None);
    }
}

/// Builds the rule set from `sources`: the stages file first, then category files.
pub(super) fn build(
    sources: &[(String, String)],
    threshold_overrides: &BTreeMap<String, Decimal>,
) -> Result<RuleSet, RuleErrors> {
    let mut diagnostics = Vec::new();
    let Some(((stages_path, stages_text), category_sources)) = sources.split_first() else {
        return Err(RuleErrors::Invalid(diagnostics));
    };
    let mut errors = FileErrors {
        path: stages_path,
        source: Arc::from(stages_text.as_str()),
        out: &mut diagnostics,
    };
    let shared = match toml::from_str::<RawStagesFile>(stages_text) {
        Ok(raw) => shared_definitions(raw, threshold_overrides, &mut errors),
        Err(e) => {
            errors.toml(e);
            return Err(RuleErrors::Invalid(diagnostics));
        }
    };

    let mut categories: Vec<Category> = Vec::new();
    for (path, text) in category_sources {
        let mut errors = FileErrors {
            path,
            source: Arc::from(text.as_str()),
            out: &mut diagnostics,
        };
        match toml::from_str::<RawCategoryFile>(text) {
            Ok(raw) => merge_category_file(raw, &shared, &mut categories, &mut errors),
            Err(e) => errors.toml(e),
        }
    }
    if !diagnostics.is_empty() {
        return Err(RuleErrors::Invalid(diagnostics));
    }
    Ok(RuleSet {
        stages: shared.stages,
        categories,
        thresholds: shared.thresholds,
        fingerprint: super::fingerprint(sources, threshold_overrides),
    })
}

/// What the stages file defines for all categories.
struct Shared {
    stages: Vec<Stage>,
    formats: BTreeMap<String, Vec<String>>,
    thresholds: BTreeMap<String, Threshold>,
    /// Groups of form words by id ([`super::terms`]).
    form_words: BTreeMap<String, Vec<String>>,
    /// Patterns that veto every document.
    not_evidence: Vec<String>,
    /// Kinds of paper that, ending a name after a match, veto it.
    other_kinds: Vec<String>,
}

/// Reads the stages file: its stages (ids checked, duplicates reported), format groups and
/// thresholds (overridden by the configuration's values).
fn shared_definitions(
    raw: RawStagesFile,
    overrides: &BTreeMap<String, Decimal>,
    errors: &mut FileErrors<'_>,
) -> Shared {
    let mut stages: Vec<Stage> = Vec::new();
    for stage in raw.stage {
        check_id(&stage.id, errors);
        if stages.iter().any(|s| s.id == *stage.id.get_ref()) {
            errors.at(
                stage.id.span(),
                format!("duplicate stage id `{}`", stage.id.get_ref()),
                "defined twice",
                None,
            );
        }
        let folder_words = stage
            .folder_words
            .iter()
            .map(|w| normalize(w.get_ref()))
            .collect();
        stages.push(Stage {
            id: stage.id.into_inner(),
            name: stage.name,
            folder_words,
        });
    }
    let formats = raw
        .formats
        .into_iter()
        .map(|(name, exts)| {
            (
                name,
                exts.into_iter()
                    .map(|e| e.into_inner().to_ascii_lowercase())
                    .collect(),
            )
        })
        .collect();
    let thresholds = thresholds(raw.thresholds, overrides, errors);
    let words = words::shared_words(raw.form_words, raw.not_evidence, raw.other_kinds, errors);
    Shared {
        stages,
        formats,
        thresholds,
        form_words: words.form_words,
        not_evidence: words.not_evidence,
        other_kinds: words.other_kinds,
    }
}

/// The thresholds of the stages file, each overridden by the configuration's value.
fn thresholds(
    raw: BTreeMap<String, super::raw::RawThreshold>,
    overrides: &BTreeMap<String, Decimal>,
    errors: &mut FileErrors<'_>,
) -> BTreeMap<String, Threshold> {
    let mut thresholds = BTreeMap::new();
    for (id, t) in raw {
        let (value, unit) = match (&t.amount, &t.percent, &t.days) {
            (Some(a), None, None) => (amount_value(a, None, errors), ThresholdUnit::Yuan),
            (None, Some(p), None) => (amount_value(p, None, errors), ThresholdUnit::Percent),
            (None, None, Some(d)) => (amount_value(d, None, errors), ThresholdUnit::Days),
            _ => {
                let span = [&t.amount, &t.percent, &t.days]
                    .into_iter()
                    .flatten()
                    .next()
                    .map_or(0..0, |s| s.span());
                errors.at(
                    span,
                    format!("threshold `{id}` needs exactly one of `amount`, `percent` or `days`"),
                    "here",
                    None,
                );
                (None, ThresholdUnit::Yuan)
            }
        };
        let value = overrides.get(&id).copied().or(value).unwrap_or_default();
        thresholds.insert(
            id.clone(),
            Threshold {
                id,
                value,
                unit,
                name: t.name,
                source: t.source,
            },
        );
    }
    thresholds
}

/// Merges one category file into `categories`: a new category, or documents added to (or
/// replacing by id) those of a category defined by an earlier file.
fn merge_category_file(
    raw: RawCategoryFile,
    shared: &Shared,
    categories: &mut Vec<Category>,
    errors: &mut FileErrors<'_>,
) {
    let RawCategoryFile {
        category,
        document,
        maturity,
    } = raw;
    let id = category.id.get_ref().clone();
    let existing = categories.iter().position(|c| c.id == id);
    if existing.is_none() {
        check_id(&category.id, errors);
    }
    let known = existing.map(|i| &categories[i]);
    let stage_ids = category_stages(&category, known, shared, errors);
    let name = category_name(category.name, &category.id, known, errors);
    let mut documents = known.map(|c| c.documents.clone()).unwrap_or_default();
    merge_documents(document, &id, &stage_ids, shared, &mut documents, errors);
    let maturity = if maturity.is_empty() {
        known.map(|c| c.maturity.clone()).unwrap_or_default()
    } else {
        grades::grades(maturity, &documents, shared, errors)
    };
    let mut aliases = known.map(|c| c.aliases.clone()).unwrap_or_default();
    aliases.extend(category.aliases.iter().map(|a| normalize(a.get_ref())));
    let matcher = match Matcher::new(&documents, &shared.not_evidence, &shared.other_kinds) {
        Ok(m) => m,
        Err(e) => {
            errors.at(
                category.id.span(),
                format!("patterns of `{id}` cannot be compiled together: {e}"),
                "category",
                None,
            );
            return;
        }
    };
    let category = Category {
        id,
        name,
        aliases,
        stages: stage_ids,
        documents,
        maturity,
        matcher,
    };
    match existing {
        Some(i) => categories[i] = category,
        None => categories.push(category),
    }
}

/// A category's stages: as the file lists them, else those of the category it overrides;
/// a new category without `stages`, and a stage the stages file does not define, are
/// reported.
fn category_stages(
    raw: &RawCategory,
    known: Option<&Category>,
    shared: &Shared,
    errors: &mut FileErrors<'_>,
) -> Vec<String> {
    let stage_ids: Vec<String> = match (&raw.stages, known) {
        (Some(stages), _) => stages.iter().map(|s| s.get_ref().clone()).collect(),
        (None, Some(known)) => known.stages.clone(),
        (None, None) => {
            errors.at(
                raw.id.span(),
                format!("new category `{}` needs `stages`", raw.id.get_ref()),
                "declared here",
                None,
            );
            Vec::new()
        }
    };
    for stage in raw.stages.iter().flatten() {
        if !shared.stages.iter().any(|s| s.id == *stage.get_ref()) {
            errors.at(
                stage.span(),
                format!("unknown stage `{}`", stage.get_ref()),
                "not a stage",
                Some(stage_help(shared)),
            );
        }
    }
    stage_ids
}

/// A category's name: as the file gives it, else that of the category it overrides; a new
/// category without `name` is reported (and named by its id meanwhile).
fn category_name(
    name: Option<crate::lang::Bilingual>,
    id: &Spanned<String>,
    known: Option<&Category>,
    errors: &mut FileErrors<'_>,
) -> crate::lang::Bilingual {
    match (name, known) {
        (Some(name), _) => name,
        (None, Some(known)) => known.name.clone(),
        (None, None) => {
            errors.at(
                id.span(),
                format!("new category `{}` needs `name`", id.get_ref()),
                "declared here",
                None,
            );
            crate::lang::Bilingual {
                zh: id.get_ref().clone(),
                en: id.get_ref().clone(),
            }
        }
    }
}

/// Validates the documents of one file and merges them into `documents`, replacing those
/// of the same id; an id given twice in the file is reported at both places.
fn merge_documents(
    raw_documents: Vec<RawDocument>,
    category: &str,
    stage_ids: &[String],
    shared: &Shared,
    documents: &mut Vec<Document>,
    errors: &mut FileErrors<'_>,
) {
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    for raw_doc in raw_documents {
        let doc_id = raw_doc.id.get_ref().clone();
        if let Some(first) = seen.get(&doc_id) {
            let message = format!("duplicate document id `{doc_id}` in category `{category}`");
            errors.at(first.clone(), message.clone(), "first defined here", None);
            errors.at(raw_doc.id.span(), message, "defined again here", None);
            continue;
        }
        let span = raw_doc.id.span();
        seen.insert(doc_id.clone(), span.clone());
        if let Some(doc) = document(raw_doc, stage_ids, shared, errors) {
            let full = documents.len() >= super::MAX_DOCUMENTS;
            match documents.iter_mut().find(|d| d.id == doc.id) {
                Some(old) => *old = doc,
                None if full => {
                    let message = format!(
                        "category `{category}` already holds {} documents, as many as a sweep can tell apart",
                        super::MAX_DOCUMENTS
                    );
                    errors.at(span, message, "one too many", None);
                }
                None => documents.push(doc),
            }
        }
    }
}

/// An amount: an integer of yuan, a threshold id (when `shared` is given), or money text.
fn amount_value(
    raw: &Spanned<RawAmount>,
    shared: Option<&Shared>,
    errors: &mut FileErrors<'_>,
) -> Option<Decimal> {
    match raw.get_ref() {
        RawAmount::Integer(n) => Some(Decimal::from(*n)),
        RawAmount::Text(text) => {
            if let Some(t) = shared.and_then(|s| s.thresholds.get(text)) {
                return Some(t.value);
            }
            match crate::money::parse_amount(text, crate::money::Unit::Yuan) {
                Ok(v) => Some(v),
                Err(_) => {
                    let help = shared.map(|s| {
                        format!(
                            "known thresholds: {}",
                            s.thresholds.keys().cloned().collect::<Vec<_>>().join(", ")
                        )
                    });
                    errors.at(
                        raw.span(),
                        format!("`{text}` is neither an amount nor a known threshold"),
                        "not an amount",
                        help,
                    );
                    None
                }
            }
        }
    }
}

/// Reports an id that is not kebab-case: ids are stable names users type in waivers.
fn check_id(id: &Spanned<String>, errors: &mut FileErrors<'_>) {
    let s = id.get_ref();
    let kebab = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    if !kebab {
        errors.at(
            id.span(),
            format!("id `{s}` is not kebab-case"),
            "expected lower-case words joined by `-`",
            None,
        );
    }
}

/// The help that lists the stages the stages file defines.
fn stage_help(shared: &Shared) -> String {
    format!(
        "known stages: {}",
        shared
            .stages
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::BUILTIN;

    /// A valid category file; each case below replaces one of its lines.
    const CATEGORY: &str = r#"[category]
id = "test-cat"
name = { zh = "测试类", en = "Test" }
stages = ["approval"]

[[document]]
id = "doc-one"
stage = "approval"
name = { zh = "批复", en = "Approval" }
patterns = ["批复"]
formats = ["pdf"]
severity = "error"
"#;

    const FILE: &str = "extra/test.toml";

    /// `CATEGORY` with the line starting with `prefix` replaced by `line` (which may be
    /// several lines, or none).
    fn category_with(prefix: &str, line: &str) -> String {
        let mut replaced = false;
        let lines: Vec<&str> = CATEGORY
            .lines()
            .map(|l| {
                if !replaced && l.starts_with(prefix) {
                    replaced = true;
                    line
                } else {
                    l
                }
            })
            .collect();
        assert!(replaced, "no line starts with {prefix}");
        lines.join("\n") + "\n"
    }

    /// Builds the built-in stages file and then `files`.
    fn build_with(files: &[(&str, &str)], stages: &str) -> Result<RuleSet, RuleErrors> {
        let mut sources = vec![(BUILTIN[0].0.to_string(), stages.to_string())];
        sources.extend(files.iter().map(|(p, t)| (p.to_string(), t.to_string())));
        build(&sources, &BTreeMap::new())
    }

    /// Every diagnostic as `file:line:col: message`.
    fn diagnostics(result: Result<RuleSet, RuleErrors>) -> Vec<String> {
        match result {
            Ok(_) => Vec::new(),
            Err(RuleErrors::Invalid(found)) => found
                .iter()
                .map(|d| {
                    let (line, col) = d.line_col();
                    format!("{}:{line}:{col}: {}", d.path, d.message)
                })
                .collect(),
            Err(e) => panic!("unexpected error {e}"),
        }
    }

    #[test]
    fn the_template_category_is_valid() {
        let rules = build_with(&[(FILE, CATEGORY)], BUILTIN[0].1).expect("valid");
        let category = rules.category("test-cat").expect("category");
        assert_eq!(category.documents.len(), 1);
        assert_eq!(category.documents[0].origin, FILE);
        assert!(category.documents[0].accepts("pdf"));
    }

    #[test]
    fn each_mistake_in_a_category_file_is_reported_at_its_place() {
        let when = |clause: &str| format!("severity = \"error\"\nwhen = {{ {clause} }}");
        let cases: Vec<(&str, String, Vec<&str>)> = vec![
            (
                "id = \"test-cat\"",
                "id = \"TestCat\"".into(),
                vec!["2:6: id `TestCat` is not kebab-case"],
            ),
            (
                "name = { zh = \"测试类\"",
                String::new(),
                vec!["2:6: new category `test-cat` needs `name`"],
            ),
            (
                "stages",
                String::new(),
                vec![
                    "2:6: new category `test-cat` needs `stages`",
                    "8:9: unknown stage `approval` for this category",
                ],
            ),
            (
                "stages",
                "stages = [\"approval\", \"demolition\"]".into(),
                vec!["4:23: unknown stage `demolition`"],
            ),
            (
                "id = \"doc-one\"",
                "id = \"doc_one\"".into(),
                vec!["7:6: id `doc_one` is not kebab-case"],
            ),
            (
                "stage = ",
                "stage = \"payment\"".into(),
                vec!["8:9: unknown stage `payment` for this category"],
            ),
            (
                "patterns",
                "patterns = []".into(),
                vec!["10:12: a document needs at least one pattern"],
            ),
            (
                "patterns",
                "patterns = [\"(批复\"]".into(),
                vec!["10:13: invalid regular expression"],
            ),
            (
                "patterns",
                "patterns = [\"（批复）\"]".into(),
                vec!["10:13: pattern is not in folded form, so it can never match"],
            ),
            (
                "severity",
                "severity = \"error\"\nexclude = [\"[\"]".into(),
                vec!["13:12: invalid regular expression"],
            ),
            (
                "formats",
                "formats = [\"Portable Document\"]".into(),
                vec!["11:12: unknown format `Portable Document`"],
            ),
            (
                "formats",
                "formats = []".into(),
                vec!["11:11: a document needs at least one format"],
            ),
            (
                "severity",
                "severity = \"fatal\"".into(),
                vec!["12:12: unknown severity `fatal`"],
            ),
            (
                "severity",
                "severity = \"error\"\nmin = 0".into(),
                vec!["13:7: `min` must be between 1 and 10000"],
            ),
            (
                "severity",
                when("status = [\"done\"]"),
                vec!["13:20: unknown status `done`"],
            ),
            (
                "severity",
                when("construction = [\"rebuild\"]"),
                vec!["13:26: unknown construction type `rebuild`"],
            ),
            (
                "severity",
                when("total_investment_gte = \"lots\""),
                vec!["13:33: `lots` is neither an amount nor a known threshold"],
            ),
            (
                "severity",
                when("contract = { kind = \"catering\", amount_gte = 1 }"),
                vec!["13:30: unknown contract kind `catering`"],
            ),
            (
                "severity",
                when("procurement = [\"lottery\"]"),
                vec!["13:25: unknown procurement method `lottery`"],
            ),
            (
                "severity",
                "severity = \"error\"\ncolour = \"red\"".into(),
                vec!["13:1: unknown field `colour`"],
            ),
        ];
        for (prefix, line, expected) in cases {
            let text = category_with(prefix, &line);
            let found = diagnostics(build_with(&[(FILE, &text)], BUILTIN[0].1));
            assert_eq!(found.len(), expected.len(), "{line}: {found:#?}");
            for (found, expected) in found.iter().zip(&expected) {
                let want = format!("{FILE}:{expected}");
                assert!(found.starts_with(&want), "{line}:\n{found}\nwanted {want}");
            }
        }
    }

    #[test]
    fn a_document_id_given_twice_is_reported_at_both_places() {
        let text = format!(
            "{CATEGORY}\n{}",
            &CATEGORY[CATEGORY.find("[[document]]").unwrap()..]
        );
        let found = diagnostics(build_with(&[(FILE, &text)], BUILTIN[0].1));
        let message = "duplicate document id `doc-one` in category `test-cat`";
        assert_eq!(
            found,
            [
                format!("{FILE}:7:6: {message}"),
                format!("{FILE}:15:6: {message}")
            ]
        );
    }

    #[test]
    fn mistakes_of_several_files_are_all_reported() {
        let first = category_with("severity", "severity = \"fatal\"");
        let second = category_with("id = \"test-cat\"", "id = \"other-cat\"")
            .replace("patterns = [\"批复\"]", "patterns = [\"(\"]");
        let found = diagnostics(build_with(
            &[("a.toml", &first), ("b.toml", &second)],
            BUILTIN[0].1,
        ));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].starts_with("a.toml:12:12: unknown severity"));
        assert!(found[1].starts_with("b.toml:10:13: invalid regular expression"));
    }

    #[test]
    fn each_mistake_in_the_stages_file_is_reported_at_its_place() {
        let stage = |id: &str| {
            format!("[[stage]]\nid = \"{id}\"\nname = {{ zh = \"阶段\", en = \"Stage\" }}\n")
        };
        let cases: Vec<(String, &str)> = vec![
            (
                format!("{}{}", stage("approval"), stage("approval")),
                "rules/stages.toml:5:6: duplicate stage id `approval`",
            ),
            (
                stage("Approval"),
                "rules/stages.toml:2:6: id `Approval` is not kebab-case",
            ),
            (
                "[thresholds.tender]\namount = 1\npercent = 2\n".into(),
                "rules/stages.toml:2:10: threshold `tender` needs exactly one of `amount`, `percent` or `days`",
            ),
            (
                "[thresholds.tender]\namount = \"many\"\n".into(),
                "rules/stages.toml:2:10: `many` is neither an amount nor a known threshold",
            ),
            (
                "[[stage]]\nid = \"x\"\n".into(),
                "rules/stages.toml:1:1: missing field `name`",
            ),
        ];
        for (stages, expected) in cases {
            let found = diagnostics(build_with(&[], &stages));
            assert_eq!(found, [expected], "{stages}");
        }
    }

    #[test]
    fn an_override_file_replaces_documents_by_id_and_keeps_the_others() {
        let builtin: Vec<(&str, &str)> = BUILTIN[1..].to_vec();
        let before = build_with(&builtin, BUILTIN[0].1).expect("built-in rules");
        let count = before.category("equipment").unwrap().documents.len();
        let text = r#"[category]
id = "equipment"

[[document]]
id = "aid-plan"
stage = "approval"
name = { zh = "计划", en = "Plan" }
patterns = ["援疆计划"]
formats = ["pdf"]
severity = "warning"
"#;
        let mut files = builtin.clone();
        files.push((FILE, text));
        let after = build_with(&files, BUILTIN[0].1).expect("override is valid");
        let equipment = after.category("equipment").unwrap();
        assert_eq!(equipment.documents.len(), count);
        let plan = equipment
            .documents
            .iter()
            .find(|d| d.id == "aid-plan")
            .unwrap();
        assert_eq!(plan.patterns, ["援疆计划"]);
        assert_eq!(plan.severity, crate::finding::Severity::Warning);
        assert_eq!(plan.origin, FILE);
        assert_eq!(equipment.name.zh, "设备类");
    }
}
