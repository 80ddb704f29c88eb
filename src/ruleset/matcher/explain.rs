//! Why a name is or is not evidence of each document whose pattern matches it: what
//! [`Matcher::best`] decides, shown one candidate at a time for `guicang classify`.

use super::{Hit, Judgement, Matcher};
use crate::ruleset::Document;

/// Why one candidate document did or did not win a name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum Outcome {
    /// It is the document the name is evidence of.
    Won,
    /// Another document matched a longer text.
    Shorter,
    /// As long as the winner's, but the winner is in the stage of the folder, or comes
    /// first in the rule file.
    Tie,
    /// Its formats do not accept the file's extension.
    Format,
    /// One of its `exclude` patterns matches the name.
    Excluded {
        /// The excluding pattern, shown as `by` so that it does not repeat the candidate's
        /// own `pattern` key in JSON.
        #[serde(rename = "by")]
        pattern: String,
    },
    /// The name ends, after the match, in another kind of paper (`other_kinds`).
    OtherKind {
        /// The kind of paper it ends in.
        word: String,
    },
    /// A `not_evidence` pattern of the rules makes the name evidence of nothing.
    NotEvidence {
        /// The pattern, shown as `by` (as an excluding one is).
        #[serde(rename = "by")]
        pattern: String,
    },
}

/// One document a pattern of which matched the name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    /// Index of the document in its category.
    #[serde(skip)]
    pub document: usize,
    /// The pattern that matched.
    pub pattern: String,
    /// The text it matched.
    pub matched: String,
    /// Why it won or lost.
    #[serde(flatten)]
    pub outcome: Outcome,
}

impl Matcher {
    /// Every document a pattern of which matches `name`, with why it won or lost, winner
    /// first: what [`Matcher::best`] decides, shown (`guicang classify`).
    pub fn explain(
        &self,
        name: &str,
        extension: Option<&str>,
        stage_hint: Option<&str>,
        documents: &[Document],
    ) -> Vec<Candidate> {
        let (text, judged) = self.judged_text(name, extension, stage_hint, documents);
        let name = text.as_ref();
        let winner = match judged {
            Judgement::Evidence(found) => Some(found),
            Judgement::Vetoed | Judgement::Nothing => None,
        };
        let vetoed = self.not_evidence_pattern(name);
        let matches = self.finder.find(name);
        let mut list = None;
        let mut hits: Vec<(usize, Hit)> = matches
            .into_iter()
            .map(|p| (p, self.hit(name, p, &mut list)))
            .collect();
        // A document is shown by a pattern that found it, when one did.
        hits.sort_by_key(|(_, hit)| !matches!(hit, Hit::Found(_)));
        let last_end = |doc: usize| {
            hits.iter()
                .filter(|(p, _)| self.patterns[*p].0 == doc)
                .filter_map(|(_, hit)| match hit {
                    Hit::Found(found) => Some(found.end),
                    _ => None,
                })
                .max()
                .unwrap_or(name.len())
        };
        let mut seen = std::collections::BTreeSet::new();
        let mut candidates = Vec::new();
        for (pattern_index, hit) in &hits {
            let (doc_index, pattern) = &self.patterns[*pattern_index];
            let found = match hit {
                Hit::Found(found) => &name[found.clone()],
                _ => match pattern.regex().and_then(|re| re.find(name)) {
                    Some(found) => found.as_str(),
                    None => continue,
                },
            };
            if !seen.insert(*doc_index) {
                continue;
            }
            let doc = &documents[*doc_index];
            let outcome = if let Some(vetoing) = vetoed {
                Outcome::NotEvidence {
                    pattern: vetoing.to_string(),
                }
            } else if extension.is_some_and(|e| !doc.accepts(e)) {
                Outcome::Format
            } else if let Hit::Excluded(exclude) = hit {
                Outcome::Excluded {
                    pattern: self.excludes[*doc_index].each[*exclude]
                        .as_str()
                        .to_string(),
                }
            } else if let Some(word) = self.other_kind_after(name, last_end(*doc_index)) {
                Outcome::OtherKind { word }
            } else {
                match winner {
                    Some(w) if w.document == *doc_index => Outcome::Won,
                    Some(w) if w.length > found.chars().count() => Outcome::Shorter,
                    _ => Outcome::Tie,
                }
            };
            candidates.push(Candidate {
                document: *doc_index,
                pattern: pattern.as_str().to_string(),
                matched: found.to_string(),
                outcome,
            });
        }
        candidates.sort_by_key(|c| c.outcome != Outcome::Won);
        candidates
    }
}
