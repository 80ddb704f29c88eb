//! The reserve library (项目储备库, `PORTFOLIO.md` §4): a planned project is graded by the
//! documents it already has instead of being checked for missing ones. Its grade is the
//! highest of its category's `[[maturity]]` grades whose documents, with those of every
//! grade below, are all present and usable; below them all is `idea` (谋划储备). A
//! document needed only for some construction types is needed when the project's type
//! is unknown: a grade is never given on a guess.

use serde::{Deserialize, Serialize};

use super::Context;
use super::completeness::ProjectScore;
use crate::attributes::Status;
use crate::ruleset::condition::Facts;
use crate::ruleset::{Applicability, Category};

/// The grade below every grade a rule file defines.
pub const IDEA: &str = "idea";

/// Where a planned project stands in the reserve library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Maturity {
    /// The grade reached (`idea`, `preparing`, `ready`).
    pub grade: String,
    /// Its name in the report's language (谋划储备, 前期推进, 可立即实施): empty until the
    /// report names it.
    pub grade_name: String,
    /// How high the grade is: 0 for `idea`, then 1, 2 … up the category's grades.
    pub rank: usize,
    /// The next grade, when there is one above.
    pub next: Option<String>,
    /// Its name in the report's language (named by the report).
    pub next_name: Option<String>,
    /// The documents still needed to reach the next grade (ids, in rule-file order).
    pub needs: Vec<String>,
    /// Their names in the report's language, index for index (named by the report).
    pub needs_names: Vec<String>,
}

/// The maturity of every planned project with a known category, index for index with
/// `ctx.projects` (`None` for the others). `scores` are the completeness scores.
pub fn grade_all(ctx: &Context<'_>, scores: &[ProjectScore]) -> Vec<Option<Maturity>> {
    // Which score is whose: the present documents are listed only for a planned project,
    // one at a time (a list for every project would be held, at a million files, beside
    // every score at the sweep's peak).
    let mut score_of: Vec<Option<&ProjectScore>> = vec![None; ctx.projects.len()];
    for score in scores {
        score_of[score.project] = Some(score);
    }
    ctx.projects
        .iter()
        .enumerate()
        .map(|(index, project)| {
            if project.status != Some(Status::Planned) {
                return None;
            }
            let category = ctx.category_of(index)?;
            let facts = Facts {
                status: Status::Planned,
                construction: project.construction,
                total_investment: project.total_investment.map(|a| a.yuan),
                contracts: None,
                attributes: Some(&project.attributes),
            };
            let present: Vec<&str> = score_of[index]
                .into_iter()
                .flat_map(|score| &score.stages)
                .flat_map(|s| &s.documents)
                .filter(|d| d.present)
                .map(|d| d.id())
                .collect();
            Some(grade(category, &facts, &present))
        })
        .collect()
}

/// The grade of a project of `category` with `facts` whose present documents are `present`.
pub fn grade(category: &Category, facts: &Facts<'_>, present: &[&str]) -> Maturity {
    let mut reached = Maturity {
        grade: IDEA.to_string(),
        grade_name: String::new(),
        rank: 0,
        next: None,
        next_name: None,
        needs: Vec::new(),
        needs_names: Vec::new(),
    };
    for (rank, grade) in category.maturity.iter().enumerate() {
        let needs: Vec<String> = grade
            .documents
            .iter()
            .filter(|(_, when)| !matches!(when.evaluate(facts), Applicability::NotRequired))
            .map(|(doc, _)| doc)
            .filter(|doc| !present.contains(&doc.as_str()))
            .cloned()
            .collect();
        if !needs.is_empty() {
            reached.next = Some(grade.id.clone());
            reached.needs = needs;
            return reached;
        }
        reached.grade = grade.id.clone();
        reached.rank = rank + 1;
    }
    reached
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::*;
    use crate::attributes::Construction;
    use crate::ruleset::RuleSet;

    fn rules() -> RuleSet {
        RuleSet::load(&[] as &[PathBuf], &BTreeMap::new()).expect("built-in rules")
    }

    fn facts(construction: Option<Construction>) -> Facts<'static> {
        Facts {
            status: Status::Planned,
            construction,
            total_investment: None,
            contracts: None,
            attributes: None,
        }
    }

    /// Category, construction type, documents present, the grade expected, what it needs next.
    type Case = (
        &'static str,
        Option<Construction>,
        &'static [&'static str],
        &'static str,
        &'static [&'static str],
    );

    #[test]
    fn every_grade_of_every_category() {
        let rules = rules();
        let cases: [Case; 9] = [
            (
                "fixed-asset",
                Some(Construction::New),
                &[],
                "idea",
                &["feasibility-report"],
            ),
            (
                "fixed-asset",
                Some(Construction::New),
                &["feasibility-report", "feasibility-approval"],
                "preparing",
                &[
                    "environmental-approval",
                    "site-selection",
                    "preliminary-design-approval",
                ],
            ),
            (
                "fixed-asset",
                Some(Construction::Renovation),
                &["feasibility-report", "feasibility-approval"],
                "ready",
                &[],
            ),
            (
                "fixed-asset",
                None,
                &["feasibility-report", "feasibility-approval"],
                "preparing",
                &[
                    "environmental-approval",
                    "site-selection",
                    "preliminary-design-approval",
                ],
            ),
            (
                "fixed-asset",
                Some(Construction::Expansion),
                &[
                    "feasibility-report",
                    "feasibility-approval",
                    "environmental-approval",
                    "site-selection",
                    "preliminary-design-approval",
                ],
                "ready",
                &[],
            ),
            // A higher grade's documents without the lower grade's do not count.
            (
                "equipment",
                None,
                &["project-approval"],
                "idea",
                &["implementation-plan"],
            ),
            (
                "equipment",
                None,
                &["implementation-plan", "project-approval"],
                "ready",
                &[],
            ),
            (
                "non-fixed",
                None,
                &["implementation-plan", "project-approval"],
                "preparing",
                &["budget"],
            ),
            (
                "non-fixed",
                None,
                &["implementation-plan", "project-approval", "budget"],
                "ready",
                &[],
            ),
        ];
        for (category, construction, present, expected, needs) in cases {
            let category = rules.category(category).unwrap();
            let m = grade(category, &facts(construction), present);
            assert_eq!(m.grade, expected, "{} {present:?}", category.id);
            assert_eq!(m.needs, needs, "{} {present:?}", category.id);
        }
    }
}
