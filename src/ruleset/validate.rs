//! Turns raw rule files into a [`RuleSet`], collecting every mistake with its place.
//!
//! Like a compiler, validation does not stop at the first error: a user fixing a rule
//! file sees all of its problems at once, each with file, line, column and a caret.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

use rust_decimal::Decimal;
use toml::Spanned;

use super::raw::{RawAmount, RawCategoryFile, RawCondition, RawDocument, RawStagesFile};
use super::{Category, Condition, Document, Matcher, RuleErrors, RuleSet, Stage, Threshold, terms};
use crate::attributes::{Construction, ContractKind, ProcurementMethod, Status};
use crate::diagnostic::SourceDiagnostic;
use crate::finding::Severity;
use crate::names::normalize::normalize;

/// Collects diagnostics for one file.
struct FileErrors<'a> {
    path: &'a str,
    source: Arc<str>,
    out: &'a mut Vec<SourceDiagnostic>,
}

impl FileErrors<'_> {
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
}

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
    let mut thresholds = BTreeMap::new();
    for (id, t) in raw.thresholds {
        let (value, percent) = match (&t.amount, &t.percent) {
            (Some(a), None) => (amount_value(a, None, errors), false),
            (None, Some(p)) => (amount_value(p, None, errors), true),
            _ => {
                let span = t
                    .amount
                    .as_ref()
                    .or(t.percent.as_ref())
                    .map_or(0..0, |s| s.span());
                errors.at(
                    span,
                    format!("threshold `{id}` needs exactly one of `amount` or `percent`"),
                    "here",
                    None,
                );
                (None, false)
            }
        };
        let value = overrides.get(&id).copied().or(value).unwrap_or_default();
        thresholds.insert(
            id.clone(),
            Threshold {
                id,
                value,
                percent,
                name: t.name,
                source: t.source,
            },
        );
    }
    let mut form_words = BTreeMap::new();
    for (id, words) in raw.form_words {
        for word in &words {
            if let Err(terms::TermProblem::NotFolded(folded)) = terms::check_word(word.get_ref()) {
                term_not_folded(word, &folded, errors);
            }
        }
        form_words.insert(id, words.into_iter().map(Spanned::into_inner).collect());
    }
    for pattern in &raw.not_evidence {
        check_pattern(pattern, errors);
    }
    Shared {
        stages,
        formats,
        thresholds,
        form_words,
        not_evidence: raw
            .not_evidence
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
    }
}

fn merge_category_file(
    raw: RawCategoryFile,
    shared: &Shared,
    categories: &mut Vec<Category>,
    errors: &mut FileErrors<'_>,
) {
    let id = raw.category.id.get_ref().clone();
    let existing = categories.iter().position(|c| c.id == id);
    if existing.is_none() {
        check_id(&raw.category.id, errors);
    }
    let stage_ids: Vec<String> = match (&raw.category.stages, existing) {
        (Some(stages), _) => stages.iter().map(|s| s.get_ref().clone()).collect(),
        (None, Some(i)) => categories[i].stages.clone(),
        (None, None) => {
            errors.at(
                raw.category.id.span(),
                format!("new category `{id}` needs `stages`"),
                "declared here",
                None,
            );
            Vec::new()
        }
    };
    for stage in raw.category.stages.iter().flatten() {
        if !shared.stages.iter().any(|s| s.id == *stage.get_ref()) {
            errors.at(
                stage.span(),
                format!("unknown stage `{}`", stage.get_ref()),
                "not a stage",
                Some(stage_help(shared)),
            );
        }
    }
    let name = match (raw.category.name, existing) {
        (Some(name), _) => name,
        (None, Some(i)) => categories[i].name.clone(),
        (None, None) => {
            errors.at(
                raw.category.id.span(),
                format!("new category `{id}` needs `name`"),
                "declared here",
                None,
            );
            crate::lang::Bilingual {
                zh: id.clone(),
                en: id.clone(),
            }
        }
    };

    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    let mut documents: Vec<Document> = existing
        .map(|i| categories[i].documents.clone())
        .unwrap_or_default();
    for raw_doc in raw.document {
        let doc_id = raw_doc.id.get_ref().clone();
        if let Some(first) = seen.get(&doc_id) {
            let message = format!("duplicate document id `{doc_id}` in category `{id}`");
            errors.at(first.clone(), message.clone(), "first defined here", None);
            errors.at(raw_doc.id.span(), message, "defined again here", None);
            continue;
        }
        seen.insert(doc_id.clone(), raw_doc.id.span());
        if let Some(doc) = document(raw_doc, &stage_ids, shared, errors) {
            match documents.iter_mut().find(|d| d.id == doc.id) {
                Some(old) => *old = doc,
                None => documents.push(doc),
            }
        }
    }

    let mut aliases: Vec<String> = existing
        .map(|i| categories[i].aliases.clone())
        .unwrap_or_default();
    aliases.extend(raw.category.aliases.iter().map(|a| normalize(a.get_ref())));
    let matcher = match Matcher::new(&documents, &shared.not_evidence) {
        Ok(m) => m,
        Err(e) => {
            errors.at(
                raw.category.id.span(),
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
        matcher,
    };
    match existing {
        Some(i) => categories[i] = category,
        None => categories.push(category),
    }
}

fn document(
    raw: RawDocument,
    category_stages: &[String],
    shared: &Shared,
    errors: &mut FileErrors<'_>,
) -> Option<Document> {
    let before = errors.out.len();
    check_id(&raw.id, errors);
    if !category_stages.contains(raw.stage.get_ref()) {
        let help = format!("this category's stages are: {}", category_stages.join(", "));
        errors.at(
            raw.stage.span(),
            format!("unknown stage `{}` for this category", raw.stage.get_ref()),
            "not a stage of this category",
            Some(help),
        );
    }
    if raw.patterns.get_ref().is_empty() && raw.topics.is_empty() {
        errors.at(
            raw.patterns.span(),
            "a document needs at least one pattern",
            "empty",
            Some("give a regex, or `topics` and `forms`".into()),
        );
    }
    for pattern in raw.patterns.get_ref().iter().chain(&raw.exclude) {
        check_pattern(pattern, errors);
    }
    let topics_and_forms = topics_and_forms(&raw, shared, errors);
    let mut extensions = BTreeSet::new();
    for format in raw.formats.get_ref() {
        let f = format.get_ref();
        if let Some(group) = shared.formats.get(f) {
            extensions.extend(group.iter().cloned());
        } else if (1..=5).contains(&f.len())
            && f.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            extensions.insert(f.clone());
        } else {
            let groups: Vec<&str> = shared.formats.keys().map(String::as_str).collect();
            let help = format!(
                "use a format group ({}) or a lower-case file extension such as \"pdf\"",
                groups.join(", ")
            );
            errors.at(
                format.span(),
                format!("unknown format `{f}`"),
                "not a format",
                Some(help),
            );
        }
    }
    if raw.formats.get_ref().is_empty() {
        errors.at(
            raw.formats.span(),
            "a document needs at least one format",
            "empty",
            None,
        );
    }
    let severity = match raw.severity.get_ref().as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        other => {
            errors.at(
                raw.severity.span(),
                format!("unknown severity `{other}`"),
                "expected error, warning or info",
                None,
            );
            Severity::Error
        }
    };
    let min = match &raw.min {
        Some(m) if *m.get_ref() < 1 || *m.get_ref() > 10_000 => {
            errors.at(
                m.span(),
                "`min` must be between 1 and 10000",
                "out of range",
                None,
            );
            1
        }
        Some(m) => *m.get_ref() as u32,
        None => 1,
    };
    let when = condition(raw.when.unwrap_or_default(), shared, errors);
    if errors.out.len() > before {
        return None;
    }
    Some(Document {
        id: raw.id.into_inner(),
        stage: raw.stage.into_inner(),
        name: raw.name,
        patterns: raw
            .patterns
            .into_inner()
            .into_iter()
            .map(Spanned::into_inner)
            .chain(topics_and_forms)
            .collect(),
        exclude: raw.exclude.into_iter().map(Spanned::into_inner).collect(),
        formats: raw
            .formats
            .into_inner()
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        extensions,
        when,
        severity,
        min,
        source: raw.source,
        why: raw.why,
        origin: errors.path.to_string(),
    })
}

/// The pattern that `topics` × `forms` stand for, if the document has them.
fn topics_and_forms(
    raw: &RawDocument,
    shared: &Shared,
    errors: &mut FileErrors<'_>,
) -> Option<String> {
    if raw.topics.is_empty() != raw.forms.is_empty() {
        let (given, span) = match raw.topics.first() {
            Some(t) => ("topics", t.span()),
            None => ("forms", raw.forms[0].span()),
        };
        errors.at(
            span,
            format!(
                "`{given}` without `{}`",
                if given == "topics" { "forms" } else { "topics" }
            ),
            "needs its counterpart",
            Some(
                "a topic names the document only when a form word follows it: give both lists"
                    .into(),
            ),
        );
        return None;
    }
    for topic in &raw.topics {
        if let Err(terms::TermProblem::NotFolded(folded)) = terms::check_word(topic.get_ref()) {
            term_not_folded(topic, &folded, errors);
        }
    }
    let mut forms = Vec::new();
    for entry in &raw.forms {
        match terms::expand_form(entry.get_ref(), &shared.form_words) {
            Ok(words) => forms.extend(words),
            Err(terms::TermProblem::UnknownGroup) => {
                let groups: Vec<&str> = shared.form_words.keys().map(String::as_str).collect();
                errors.at(
                    entry.span(),
                    format!("unknown form-word group `{}`", entry.get_ref()),
                    "not a group of [form_words]",
                    Some(format!("known groups: {}", groups.join(", "))),
                );
            }
            Err(terms::TermProblem::NotFolded(folded)) => term_not_folded(entry, &folded, errors),
        }
    }
    let topics: Vec<&str> = raw.topics.iter().map(|t| t.get_ref().as_str()).collect();
    (!topics.is_empty() && !forms.is_empty()).then(|| terms::pattern(&topics, &forms))
}

fn term_not_folded(word: &Spanned<String>, folded: &str, errors: &mut FileErrors<'_>) {
    errors.at(
        word.span(),
        "word is empty or not in folded form, so it can never match",
        "not folded",
        Some(format!(
            "names are matched after folding (simplified script, half-width, lower case): write `{folded}`"
        )),
    );
}

fn condition(raw: RawCondition, shared: &Shared, errors: &mut FileErrors<'_>) -> Condition {
    let status = raw.status.map(|values| {
        let mut set = BTreeSet::new();
        for v in values {
            match v.get_ref().as_str() {
                "active" => set.extend([Status::InProgress, Status::Completed]),
                id => match Status::ALL.into_iter().find(|s| s.id() == id) {
                    Some(s) => {
                        set.insert(s);
                    }
                    None => errors.at(
                        v.span(),
                        format!("unknown status `{id}`"),
                        "not a status",
                        Some("use active, planned, in-progress or completed".into()),
                    ),
                },
            }
        }
        set
    });
    let construction = raw.construction.map(|values| {
        values
            .iter()
            .filter_map(|v| {
                let found = Construction::ALL
                    .into_iter()
                    .find(|c| c.id() == v.get_ref());
                if found.is_none() {
                    errors.at(
                        v.span(),
                        format!("unknown construction type `{}`", v.get_ref()),
                        "not a construction type",
                        Some("use new, expansion, renovation or none".into()),
                    );
                }
                found
            })
            .collect()
    });
    let total_investment_gte = raw
        .total_investment_gte
        .as_ref()
        .and_then(|a| amount_value(a, Some(shared), errors));
    let contract = raw.contract.and_then(|c| {
        let kind = ContractKind::ALL
            .into_iter()
            .find(|k| k.id() == c.kind.get_ref());
        if kind.is_none() {
            let help = ContractKind::ALL.map(|k| k.id()).join(", ");
            errors.at(
                c.kind.span(),
                format!("unknown contract kind `{}`", c.kind.get_ref()),
                "not a contract kind",
                Some(format!("use one of: {help}")),
            );
        }
        let amount = amount_value(&c.amount_gte, Some(shared), errors);
        Some((kind?, amount?))
    });
    let procurement = raw.procurement.map(|values| {
        let mut set = BTreeSet::new();
        for v in values {
            match v.get_ref().as_str() {
                "below-threshold" => set.extend(ProcurementMethod::BELOW_THRESHOLD),
                id => match ProcurementMethod::ALL.into_iter().find(|m| m.id() == id) {
                    Some(m) => {
                        set.insert(m);
                    }
                    None => {
                        let help = ProcurementMethod::ALL.map(|m| m.id()).join(", ");
                        errors.at(
                            v.span(),
                            format!("unknown procurement method `{id}`"),
                            "not a procurement method",
                            Some(format!("use below-threshold or one of: {help}")),
                        );
                    }
                },
            }
        }
        set
    });
    let attributes = raw
        .attributes
        .into_iter()
        .map(|(key, values)| (key, values.iter().map(|v| normalize(v)).collect()))
        .collect();
    Condition {
        status,
        construction,
        total_investment_gte,
        contract,
        procurement,
        attributes,
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

fn check_pattern(pattern: &Spanned<String>, errors: &mut FileErrors<'_>) {
    let p = pattern.get_ref();
    if let Err(e) = super::matcher::compile(p) {
        let detail = crate::ruleset::matcher::regex_error_detail(&e);
        errors.at(
            pattern.span(),
            format!("invalid regular expression: {detail}"),
            "does not compile",
            None,
        );
        return;
    }
    let folded = normalize(p);
    if folded != p.to_lowercase().trim() {
        let help = format!(
            "names are matched after folding (simplified script, half-width, lower case): write `{folded}`; a literal bracket is `\\(`"
        );
        errors.at(
            pattern.span(),
            "pattern is not in folded form, so it can never match",
            "not folded",
            Some(help),
        );
    }
}

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
