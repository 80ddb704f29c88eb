//! The report: the one value every renderer reads.
//!
//! [`Report::build`] gathers projects, scores and findings, sorts findings into a fixed
//! order (project, stage, document, path, code) whatever the thread schedule was, and
//! computes the summary. Renderers never recompute anything.

pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod run;
pub mod sarif;
pub mod table;
pub mod text;
pub mod view;
pub mod xlsx;

use std::collections::{BTreeMap, HashMap};

use crate::money::amount::Amount;
use serde::{Serialize, Serializer};

use crate::attributes::{Construction, Status};
use crate::check::chain::ChainSummary;
use crate::check::completeness::{ProjectScore, StageScore};
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::project::Project;
use crate::ruleset::{Category, RuleSet};
use crate::triage::Triaged;
pub use crate::triage::waivers::WaivedFinding;

/// Version of the JSON report's shape.
pub const REPORT_VERSION: u32 = 1;

/// The result of a sweep.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Shape version of the JSON document.
    pub version: u32,
    /// The archive root as given.
    pub root: String,
    /// When and how the sweep ran.
    pub run: run::RunInfo,
    /// Language of the messages.
    #[serde(skip)]
    pub lang: Lang,
    /// Projects, sorted by folder (projects without a folder last).
    pub projects: Vec<ProjectReport>,
    /// Findings, sorted: those that count toward the exit code.
    pub findings: Vec<Finding>,
    /// Findings a `[[waiver]]` of the configuration covers, in report order, with its reason.
    pub waived: Vec<WaivedFinding>,
    /// Findings already recorded in the `--baseline` file, in report order.
    pub baselined: Vec<Finding>,
    /// Whether a `--baseline` was applied: then every finding is new or already recorded
    /// (SARIF says which in `baselineState`).
    #[serde(skip)]
    pub baseline_applied: bool,
    /// Totals.
    pub summary: Summary,
    /// Project key → index in `projects`, made once for every renderer.
    #[serde(skip)]
    pub project_index: HashMap<String, usize>,
}

/// One project in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectReport {
    /// The stable key every format names the project by (findings' `project`): its code,
    /// else its folder, else its name.
    pub key: String,
    /// Project code.
    pub code: Option<String>,
    /// Project name.
    pub name: Option<String>,
    /// Category id.
    pub category: Option<String>,
    /// Category name in the report's language.
    pub category_name: Option<String>,
    /// Status id.
    pub status: Option<Status>,
    /// Whether the status was unknown and assumed to be in progress.
    pub status_assumed: bool,
    /// Construction type.
    pub construction: Option<Construction>,
    /// Year.
    pub year: Option<i64>,
    /// Total investment in yuan (exact decimal, as a string).
    pub total_investment: Option<Amount>,
    /// Aid funds in yuan (exact decimal, as a string).
    pub aid_funds: Option<Amount>,
    /// Implementing unit.
    pub implementing_unit: Option<String>,
    /// Folder relative to the archive root.
    pub folder: Option<String>,
    /// Where the facts came from.
    pub sources: Vec<String>,
    /// Share of required documents present (`null` when none is required or the project was not checked).
    pub completeness: Option<f64>,
    /// Required documents.
    pub required: usize,
    /// Required documents present.
    pub present: usize,
    /// Per stage, in lifecycle order, keyed by stage id.
    #[serde(serialize_with = "stages_map")]
    pub stages: Vec<StageScore>,
    /// Documents whose requirement could not be decided.
    pub undetermined: Vec<crate::check::completeness::Undetermined>,
    /// Errors among the findings of this project.
    pub errors: usize,
    /// Warnings among the findings of this project.
    pub warnings: usize,
    /// Money along the funding chain, when ledgers concern the project.
    pub chain: Option<ChainSummary>,
}

/// What the checks produced, for [`Report::build`].
pub struct Evaluation {
    /// Completeness of each checked project.
    pub scores: Vec<ProjectScore>,
    /// Funding-chain money of each project, index for index with the projects.
    pub chains: Vec<Option<ChainSummary>>,
    /// Every finding, in any order, triaged into those that count and those set apart.
    pub triaged: Triaged,
    /// How many files were scanned.
    pub files: usize,
}

/// Totals of a sweep.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Projects in the report.
    pub projects: usize,
    /// Files scanned in project folders.
    pub files: usize,
    /// Required documents over all checked projects.
    pub required: usize,
    /// Of those, present.
    pub present: usize,
    /// `present / required` over all projects.
    pub completeness: Option<f64>,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Of the errors, those of no project (the archive as a whole).
    pub archive_errors: usize,
    /// Of the warnings, those of no project.
    pub archive_warnings: usize,
    /// Findings per code.
    pub by_code: BTreeMap<String, usize>,
    /// Findings covered by waivers (not counted above).
    pub waived: usize,
    /// Findings already in the baseline (not counted above).
    pub baselined: usize,
}

impl Report {
    /// Builds the report from the sweep's results: projects in folder order, the three
    /// lists of findings sorted, every count made once.
    pub fn build(
        run: run::RunInfo,
        lang: Lang,
        rules: &RuleSet,
        projects: &[Project],
        evaluation: Evaluation,
    ) -> Report {
        let Evaluation {
            scores,
            chains,
            triaged,
            files,
        } = evaluation;
        let order = project_order(projects);
        let findings_order = FindingOrder::new(rules, projects, &order);
        let Triaged {
            mut findings,
            mut waived,
            mut baselined,
            baseline_applied,
        } = triaged;
        findings_order.sort(&mut findings, |f| f);
        findings_order.sort(&mut waived, |w| &w.finding);
        findings_order.sort(&mut baselined, |f| f);

        let mut summary = Summary {
            projects: projects.len(),
            files,
            ..Summary::default()
        };
        let mut scores: HashMap<usize, ProjectScore> =
            scores.into_iter().map(|s| (s.project, s)).collect();
        let project_reports: Vec<ProjectReport> = order
            .iter()
            .map(|&i| {
                let score = scores.remove(&i);
                if let Some(s) = &score {
                    summary.required += s.required;
                    summary.present += s.present;
                }
                let chain = chains.get(i).cloned().flatten();
                project_report(&projects[i], score, chain, rules, lang)
            })
            .collect();
        summary.completeness = (summary.required > 0)
            .then(|| round4(summary.present as f64 / summary.required as f64));
        let project_index = project_reports
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key.clone(), i))
            .collect();
        let mut report = Report {
            version: REPORT_VERSION,
            root: run.root.clone(),
            run,
            lang,
            projects: project_reports,
            findings,
            waived,
            baselined,
            baseline_applied,
            summary,
            project_index,
        };
        report.recount();
        report
    }

    /// The index in `projects` of the project a finding belongs to; `None` for a finding
    /// of the archive as a whole.
    pub fn project_of(&self, f: &Finding) -> Option<usize> {
        f.project
            .as_deref()
            .and_then(|k| self.project_index.get(k).copied())
    }

    /// The most severe finding, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// Counts the findings: the summary's errors, warnings, infos, counts per code, waived
    /// and baselined, and each project's errors and warnings. Renderers read these counts;
    /// they never count.
    fn recount(&mut self) {
        let mut summary = Summary {
            by_code: BTreeMap::new(),
            ..self.summary.clone()
        };
        (summary.errors, summary.warnings, summary.infos) = (0, 0, 0);
        (summary.archive_errors, summary.archive_warnings) = (0, 0);
        let mut counts = vec![(0usize, 0usize); self.projects.len()];
        for f in &self.findings {
            match f.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            *summary.by_code.entry(f.code.id().to_string()).or_default() += 1;
            let (errors, warnings) = match self.project_of(f) {
                Some(i) => {
                    let entry = &mut counts[i];
                    (&mut entry.0, &mut entry.1)
                }
                None => (&mut summary.archive_errors, &mut summary.archive_warnings),
            };
            match f.severity {
                Severity::Error => *errors += 1,
                Severity::Warning => *warnings += 1,
                Severity::Info => {}
            }
        }
        summary.waived = self.waived.len();
        summary.baselined = self.baselined.len();
        for (p, (errors, warnings)) in self.projects.iter_mut().zip(counts) {
            p.errors = errors;
            p.warnings = warnings;
        }
        self.summary = summary;
    }
}

/// Indices of `projects` in report order: by folder, projects without a folder last.
fn project_order(projects: &[Project]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..projects.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |p: &Project| (p.folder_rel.is_none(), p.folder_rel.clone(), p.key());
        key(&projects[a]).cmp(&key(&projects[b]))
    });
    order
}

/// The fixed order of findings, whatever the thread schedule was: archive-level findings
/// first, then project by project in report order, each by stage and document in
/// lifecycle order, then path, code and message.
struct FindingOrder<'a> {
    rules: &'a RuleSet,
    /// Project key → 1 + its place in the report.
    rank: HashMap<String, usize>,
    /// Project key → its category.
    categories: HashMap<String, &'a Category>,
}

impl<'a> FindingOrder<'a> {
    fn new(rules: &'a RuleSet, projects: &[Project], order: &[usize]) -> FindingOrder<'a> {
        let rank = order
            .iter()
            .enumerate()
            .map(|(r, &i)| (projects[i].key(), r + 1))
            .collect();
        let categories = projects
            .iter()
            .filter_map(|p| Some((p.key(), rules.category(p.category.as_deref()?)?)))
            .collect();
        FindingOrder {
            rules,
            rank,
            categories,
        }
    }

    /// Project rank, then stage and document rank in the project's category.
    fn key(&self, f: &Finding) -> (usize, usize, usize) {
        let project = f
            .project
            .as_ref()
            .map_or(0, |k| self.rank.get(k).copied().unwrap_or(usize::MAX));
        let category = f
            .project
            .as_ref()
            .and_then(|k| self.categories.get(k).copied());
        let stage = match (category, f.stage.as_deref()) {
            (Some(c), Some(s)) => c.stage_order(s),
            (None, Some(s)) => self
                .rules
                .stages
                .iter()
                .position(|x| x.id == s)
                .unwrap_or(usize::MAX - 1),
            (_, None) => usize::MAX,
        };
        let document = match (category, f.document.as_deref()) {
            (Some(c), Some(d)) => c
                .documents
                .iter()
                .position(|x| x.id == d)
                .unwrap_or(usize::MAX - 1),
            _ => usize::MAX,
        };
        (project, stage, document)
    }

    /// Sorts `items` by the finding each holds. Keys are computed once; paths and messages
    /// are compared in place, never cloned, and the items are moved into order where they
    /// lie (a million-file archive has hundreds of thousands of findings).
    fn sort<T>(&self, items: &mut [T], finding: impl Fn(&T) -> &Finding) {
        let keys: Vec<_> = items.iter().map(|item| self.key(finding(item))).collect();
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| {
            let (fa, fb) = (finding(&items[a]), finding(&items[b]));
            keys[a]
                .cmp(&keys[b])
                .then_with(|| fa.paths.cmp(&fb.paths))
                .then_with(|| fa.code.cmp(&fb.code))
                .then_with(|| fa.message.cmp(&fb.message))
        });
        drop(keys);
        permute(items, order);
    }
}

/// One project's entry: its facts, its score and its money along the funding chain.
fn project_report(
    p: &Project,
    mut score: Option<ProjectScore>,
    chain: Option<ChainSummary>,
    rules: &RuleSet,
    lang: Lang,
) -> ProjectReport {
    let completeness = score.as_ref().and_then(|s| s.completeness()).map(round4);
    ProjectReport {
        key: p.key(),
        code: p.code.clone(),
        name: p.name.clone(),
        category: p.category.clone(),
        category_name: p
            .category
            .as_deref()
            .and_then(|c| rules.category(c))
            .map(|c| c.name.get(lang).to_string()),
        status: p.status,
        status_assumed: score.as_ref().is_some_and(|s| s.status_assumed),
        construction: p.construction,
        year: p.year,
        total_investment: p.total_investment,
        aid_funds: p.aid_funds,
        implementing_unit: p.implementing_unit.clone(),
        folder: p.folder_rel.clone(),
        sources: p.sources.clone(),
        completeness,
        required: score.as_ref().map_or(0, |s| s.required),
        present: score.as_ref().map_or(0, |s| s.present),
        stages: score
            .as_mut()
            .map_or_else(Vec::new, |s| std::mem::take(&mut s.stages)),
        undetermined: score.map_or_else(Vec::new, |s| s.undetermined),
        errors: 0,
        warnings: 0,
        chain,
    }
}

/// Puts `items` in `order` (`order[k]` is the index of the item that goes to place `k`)
/// with at most one swap per item, without a second vector of items.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        // Follow the cycle through `start`, marking each visited place as done.
        let mut place = start;
        while order[place] != start {
            let from = order[place];
            items.swap(place, from);
            order[place] = place;
            place = from;
        }
        order[place] = place;
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Serialises stages as an object keyed by stage id, in lifecycle order.
fn stages_map<S: Serializer>(stages: &[StageScore], serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;

    #[derive(Serialize)]
    struct StageView<'a> {
        name: &'a str,
        required: usize,
        present: usize,
        completeness: Option<f64>,
        documents: &'a [crate::check::completeness::DocumentState],
    }
    let mut map = serializer.serialize_map(Some(stages.len()))?;
    for s in stages {
        let completeness = (s.required > 0).then(|| round4(s.present as f64 / s.required as f64));
        map.serialize_entry(
            &s.stage,
            &StageView {
                name: &s.name,
                required: s.required,
                present: s.present,
                completeness,
                documents: &s.documents,
            },
        )?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_moves_each_item_to_its_place() {
        let orders: [&[usize]; 4] = [
            &[0, 1, 2, 3],
            &[3, 2, 1, 0],
            &[1, 2, 3, 0],
            &[2, 0, 1, 4, 3],
        ];
        for order in orders {
            let mut items: Vec<char> = "abcde"[..order.len()].chars().collect();
            let expected: Vec<char> = order.iter().map(|&i| items[i]).collect();
            permute(&mut items, order.to_vec());
            assert_eq!(items, expected, "{order:?}");
        }
    }
}
