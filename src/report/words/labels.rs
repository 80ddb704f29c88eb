//! The names a report gives what the checks identify by id: stages, documents, reserve
//! grades, and the reasons a requirement could not be decided. Names are shared between
//! projects (thousands of projects repeat the same few dozen).

use std::sync::Arc;

use super::Words;
use super::reasons::fact_unknown;
use crate::check::completeness::{StageScore, Undetermined};
use crate::check::maturity::{IDEA, Maturity};
use crate::ruleset::Category;

impl Words<'_> {
    /// Names the stages and documents of a project of `category` and says why each
    /// undetermined requirement is undetermined.
    pub fn name_scores(
        &self,
        category: Option<&Category>,
        stages: &mut [StageScore],
        undetermined: &mut [Undetermined],
    ) {
        for stage in stages {
            stage.name = self.shared(self.stage(&stage.stage));
            for doc in &mut stage.documents {
                let id = doc.id();
                let name = self.document_in(category, id).unwrap_or(id);
                doc.label = self.labels.get(id, name);
            }
        }
        for u in undetermined {
            let reasons: Vec<&str> = u
                .facts
                .iter()
                .map(|f| fact_unknown(*f, self.lang))
                .collect();
            u.reason = self.shared(&reasons.join("; "));
        }
    }

    /// Names the grade a planned project of `category` reached, the next grade and the
    /// documents it still needs.
    pub fn name_maturity(&self, category: Option<&Category>, m: &mut Maturity) {
        m.grade_name = self.grade(category, &m.grade);
        m.next_name = m.next.as_deref().map(|id| self.grade(category, id));
        m.needs_names = m
            .needs
            .iter()
            .map(|id| self.document_in(category, id).unwrap_or(id).to_string())
            .collect();
    }

    /// The name of reserve grade `id` of `category`, in the report's language.
    fn grade(&self, category: Option<&Category>, id: &str) -> String {
        if id == IDEA {
            return self.lang.pick("谋划储备", "Idea").to_string();
        }
        category
            .and_then(|c| c.maturity.iter().find(|g| g.id == id))
            .map_or(id, |g| g.name.get(self.lang))
            .to_string()
    }

    /// The name of document `id` of `category`, in the report's language.
    pub(super) fn document_in<'c>(
        &self,
        category: Option<&'c Category>,
        id: &str,
    ) -> Option<&'c str> {
        let doc = category?.documents.iter().find(|d| d.id == id)?;
        Some(doc.name.get(self.lang))
    }

    /// `name`, shared with every other label of the same text.
    fn shared(&self, name: &str) -> Arc<str> {
        self.names.get(name)
    }
}
