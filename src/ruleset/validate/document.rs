//! Validation of one `[[document]]` of a category file: its id, stage, patterns, formats,
//! severity, minimum count and `when` condition, every mistake reported with its place.

use std::collections::BTreeSet;

use toml::Spanned;

use super::condition::condition;
use super::{FileErrors, Shared, check_id};
use crate::finding::Severity;
use crate::names::normalize::normalize;
use crate::ruleset::Document;
use crate::ruleset::raw::RawDocument;

/// Validates one document of a category whose stages are `category_stages`; `None` when
/// it has any mistake (all of them reported), so that a broken rule never runs.
pub(super) fn document(
    raw: RawDocument,
    category_stages: &[String],
    shared: &Shared,
    errors: &mut FileErrors<'_>,
) -> Option<Document> {
    let before = errors.out.len();
    check_id(&raw.id, errors);
    check_stage(&raw.stage, category_stages, errors);
    check_patterns(&raw, errors);
    let topics_and_forms = super::words::topics_and_forms(&raw, &shared.form_words, errors);
    let extensions = extensions(&raw.formats, shared, errors);
    let severity = severity(&raw.severity, errors);
    let min = min_files(raw.min.as_ref(), errors);
    let when = condition(raw.when.unwrap_or_default(), shared, errors);
    if errors.out.len() > before {
        return None;
    }
    Some(Document {
        id: raw.id.into_inner(),
        stage: raw.stage.into_inner(),
        name: raw.name,
        patterns: plain(raw.patterns.into_inner())
            .into_iter()
            .chain(topics_and_forms)
            .collect(),
        exclude: plain(raw.exclude),
        formats: plain(raw.formats.into_inner()),
        extensions,
        when,
        severity,
        min,
        source: raw.source,
        why: raw.why,
        origin: errors.path.to_string(),
    })
}

/// The values of a list without their positions, once validation no longer needs them.
fn plain(values: Vec<Spanned<String>>) -> Vec<String> {
    values.into_iter().map(Spanned::into_inner).collect()
}

/// Reports a document stage that is not one of its category's stages.
fn check_stage(stage: &Spanned<String>, category_stages: &[String], errors: &mut FileErrors<'_>) {
    if !category_stages.contains(stage.get_ref()) {
        let help = format!("this category's stages are: {}", category_stages.join(", "));
        errors.at(
            stage.span(),
            format!("unknown stage `{}` for this category", stage.get_ref()),
            "not a stage of this category",
            Some(help),
        );
    }
}

/// Reports an empty pattern list, and every pattern or exclusion that cannot match.
fn check_patterns(raw: &RawDocument, errors: &mut FileErrors<'_>) {
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
}

/// Reports a pattern that does not compile, that matches the empty text (and so every
/// name), or that is not in folded form: names are folded before matching, so such a
/// pattern would silently never match.
pub(super) fn check_pattern(pattern: &Spanned<String>, errors: &mut FileErrors<'_>) {
    let p = pattern.get_ref();
    match crate::ruleset::matcher::check(p) {
        Err(detail) => {
            errors.at(
                pattern.span(),
                format!("invalid regular expression: {detail}"),
                "does not compile",
                None,
            );
            return;
        }
        Ok(true) => {
            errors.at(
                pattern.span(),
                "pattern matches the empty text, so it matches every name",
                "matches everything",
                Some("make every part of it required: `方案?` matches nothing at all".into()),
            );
            return;
        }
        Ok(false) => {}
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

/// The file extensions a document accepts: its format groups expanded and its plain
/// extensions kept; an unknown format or an empty list is reported.
fn extensions(
    formats: &Spanned<Vec<Spanned<String>>>,
    shared: &Shared,
    errors: &mut FileErrors<'_>,
) -> BTreeSet<String> {
    let mut extensions = BTreeSet::new();
    for format in formats.get_ref() {
        let f = format.get_ref();
        if let Some(group) = shared.formats.get(f) {
            extensions.extend(group.iter().cloned());
        } else if is_extension(f) {
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
    if formats.get_ref().is_empty() {
        errors.at(
            formats.span(),
            "a document needs at least one format",
            "empty",
            None,
        );
    }
    extensions
}

/// Whether a format is written as a file extension: 1 to 5 lower-case letters or digits.
fn is_extension(format: &str) -> bool {
    (1..=5).contains(&format.len())
        && format
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// The severity of a document's absence; an unknown word is reported and read as error.
fn severity(raw: &Spanned<String>, errors: &mut FileErrors<'_>) -> Severity {
    match raw.get_ref().as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        other => {
            errors.at(
                raw.span(),
                format!("unknown severity `{other}`"),
                "expected error, warning or info",
                None,
            );
            Severity::Error
        }
    }
}

/// How many files a document needs at least (1 when not given); out of range is reported.
fn min_files(raw: Option<&Spanned<i64>>, errors: &mut FileErrors<'_>) -> u32 {
    match raw {
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
    }
}
