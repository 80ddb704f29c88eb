//! The message table: every sentence a finding says, in every language, made from the
//! facts the checks stated ([`Said`]). The checks never write words; the report calls
//! [`Words::say`] once per finding when it is built. Adding a language touches this table,
//! the renderers' headings and the bilingual data (rule files' names, the code registry's
//! explanations), nothing in the pipeline.
//!
//! [`Words::say`] dispatches on the family of findings; each family's sentences are in a
//! file of their own, one `match` arm per kind of sentence and language. The names the
//! report gives ids (stages, documents, grades) and the reasons an unknown stays unknown
//! are here too ([`labels`](self), [`reasons`]).

mod chain;
mod chronology;
mod files;
mod labels;
mod ledgers;
mod projects;
pub mod reasons;

use std::collections::HashMap;

use crate::check::completeness::SharedLabels;
use crate::finding::{Finding, Said};
use crate::lang::Lang;
use crate::names::shared::SharedStrings;
use crate::ruleset::{Category, RuleSet};

use super::reported::Reported;
use crate::triage::Triaged;
use crate::triage::waivers::WaivedFinding;

/// The findings that count, the waived and the baselined, with their messages.
type ReportedLists = (Vec<Reported>, Vec<WaivedFinding<Reported>>, Vec<Reported>);

/// Each project's category by project key: which of the rules' documents and stages a
/// finding's ids are, for its words and for its place in the report's order.
pub struct ProjectCategories<'a>(HashMap<String, &'a Category>);

impl<'a> ProjectCategories<'a> {
    /// The categories under `rules` of projects given as `(key, category id)`; a project of
    /// no known category is left out.
    pub fn new<'p>(
        rules: &'a RuleSet,
        projects: impl IntoIterator<Item = (String, Option<&'p str>)>,
    ) -> ProjectCategories<'a> {
        let categories = projects
            .into_iter()
            .filter_map(|(key, category)| Some((key, rules.category(category?)?)))
            .collect();
        ProjectCategories(categories)
    }

    /// The category of the project keyed `key`.
    pub fn of(&self, key: Option<&str>) -> Option<&'a Category> {
        self.0.get(key?).copied()
    }
}

/// Puts findings into words: the rules name stages, documents and categories in both
/// languages, each project's category says which of its documents an id is, and the
/// language says which words.
pub struct Words<'a> {
    rules: &'a RuleSet,
    lang: Lang,
    categories: &'a ProjectCategories<'a>,
    /// Names shared between projects ([`Words::name_scores`]).
    names: SharedStrings,
    /// Document labels shared between projects ([`Words::name_scores`]).
    labels: SharedLabels,
}

impl<'a> Words<'a> {
    /// The words of a report in `lang` under `rules`, for projects of `categories`.
    pub fn new(rules: &'a RuleSet, lang: Lang, categories: &'a ProjectCategories<'a>) -> Words<'a> {
        Words {
            rules,
            lang,
            categories,
            names: SharedStrings::default(),
            labels: SharedLabels::default(),
        }
    }

    /// The rules the words name things by.
    pub fn rules(&self) -> &'a RuleSet {
        self.rules
    }

    /// The language of the words.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// `finding` with its message.
    pub fn report(&self, finding: Finding) -> Reported {
        let message = self.say(&finding);
        Reported { finding, message }
    }

    /// The three lists of triage, each finding with its message.
    pub fn report_all(&self, triaged: Triaged) -> ReportedLists {
        let Triaged {
            findings,
            waived,
            baselined,
            ..
        } = triaged;
        let each = |list: Vec<Finding>| list.into_iter().map(|f| self.report(f)).collect();
        let waived = waived
            .into_iter()
            .map(|w| w.map(|f| self.report(f)))
            .collect();
        (each(findings), waived, each(baselined))
    }

    /// What `f` says, in the report's language.
    pub fn say(&self, f: &Finding) -> String {
        match &f.said {
            #[cfg(test)]
            Said::Text { text } => text.clone(),
            Said::Project(said) => self.project(f, said),
            Said::File(said) => self.file(f, said),
            Said::Ledger(said) => self.ledger(said),
            Said::Chain(said) => self.chain(said),
            Said::Chronology(said) => self.chronology(said),
            Said::Waiver(said) => self.waiver(said),
        }
    }

    /// The name of the document `f` concerns, in the report's language, as its project's
    /// category names it; `None` when it names none or its project has no known category
    /// (categories name one id differently: 竣工验收报告, 验收报告).
    fn document_of(&self, f: &Finding) -> Option<&'a str> {
        let category = self.categories.of(f.project.as_deref());
        self.document_in(category, f.document.as_deref()?)
    }

    /// The name of the document `f` concerns, or its id when the rules lack it.
    fn document_or_id<'f>(&self, f: &'f Finding) -> &'f str
    where
        'a: 'f,
    {
        self.document_of(f)
            .unwrap_or_else(|| f.document.as_deref().unwrap_or_default())
    }

    /// The name of stage `id` in the report's language (the id when the rules lack it).
    fn stage<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.rules.stage(id).map_or(id, |s| s.name.get(self.lang))
    }
}

#[cfg(test)]
mod tests;
