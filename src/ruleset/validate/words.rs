//! Rule vocabulary beyond regexes: the groups of form words shared by every category, the
//! names that are evidence of nothing, and a document's `topics` × `forms`.

use std::collections::BTreeMap;

use toml::Spanned;

use super::FileErrors;
use super::document::check_pattern;
use crate::ruleset::raw::RawDocument;
use crate::ruleset::terms::{self, TermProblem};

/// The stages file's words that every category shares, checked where they are written.
pub(super) struct SharedWords {
    /// Groups of form words by id.
    pub form_words: BTreeMap<String, Vec<String>>,
    /// Patterns that make a name evidence of no document.
    pub not_evidence: Vec<String>,
    /// Patterns of the kinds of paper that, ending a name, make it another paper.
    pub other_kinds: Vec<String>,
}

/// The stages file's `[form_words]` groups, `not_evidence` and `other_kinds` patterns, each
/// word and pattern checked where it is written.
pub(super) fn shared_words(
    form_words: BTreeMap<String, Vec<Spanned<String>>>,
    not_evidence: Vec<Spanned<String>>,
    other_kinds: Vec<Spanned<String>>,
    errors: &mut FileErrors<'_>,
) -> SharedWords {
    let mut groups = BTreeMap::new();
    for (id, words) in form_words {
        for word in &words {
            if let Err(TermProblem::NotFolded(folded)) = terms::check_word(word.get_ref()) {
                term_not_folded(word, &folded, errors);
            }
        }
        groups.insert(id, words.into_iter().map(Spanned::into_inner).collect());
    }
    for pattern in not_evidence.iter().chain(&other_kinds) {
        check_pattern(pattern, errors);
    }
    SharedWords {
        form_words: groups,
        not_evidence: not_evidence.into_iter().map(Spanned::into_inner).collect(),
        other_kinds: other_kinds.into_iter().map(Spanned::into_inner).collect(),
    }
}

/// The pattern that a document's `topics` × `forms` stand for, if it has them; a list
/// without its counterpart, an unknown group or a word not in folded form is reported.
pub(super) fn topics_and_forms(
    raw: &RawDocument,
    form_words: &BTreeMap<String, Vec<String>>,
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
        if let Err(TermProblem::NotFolded(folded)) = terms::check_word(topic.get_ref()) {
            term_not_folded(topic, &folded, errors);
        }
    }
    let mut forms = Vec::new();
    for entry in &raw.forms {
        match terms::expand_form(entry.get_ref(), form_words) {
            Ok(words) => forms.extend(words),
            Err(TermProblem::UnknownGroup) => {
                let groups: Vec<&str> = form_words.keys().map(String::as_str).collect();
                errors.at(
                    entry.span(),
                    format!("unknown form-word group `{}`", entry.get_ref()),
                    "not a group of [form_words]",
                    Some(format!("known groups: {}", groups.join(", "))),
                );
            }
            Err(TermProblem::NotFolded(folded)) => term_not_folded(entry, &folded, errors),
        }
    }
    let topics: Vec<&str> = raw.topics.iter().map(|t| t.get_ref().as_str()).collect();
    (!topics.is_empty() && !forms.is_empty()).then(|| terms::pattern(&topics, &forms))
}

/// A topic or form word that folding would change can never match: say what to write.
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
