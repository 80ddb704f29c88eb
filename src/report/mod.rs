//! The report: the one value every renderer reads.
//!
//! [`Report::build`] gathers projects, scores and findings, sorts findings into a fixed
//! order (project, stage, document, path, code) whatever the thread schedule was, and
//! computes the summary. Renderers never recompute anything.

pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
mod merge;
mod order;
pub mod portfolio;
pub mod reported;
pub mod reserve;
pub mod run;
pub mod sarif;
mod subset;
pub mod table;
pub mod text;
pub mod view;
pub(crate) mod words;
pub mod xlsx;

use std::collections::{BTreeMap, HashMap};

use crate::money::amount::Amount;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::attributes::{Construction, Status};
use crate::check::chain::ChainSummary;
use crate::check::completeness::{ProjectScore, StageScore};
use crate::check::maturity::Maturity;
use crate::check::timeline::Timeline;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::project::Project;
use crate::ruleset::RuleSet;
use crate::triage::Triaged;
pub use crate::triage::waivers::WaivedFinding;
pub use merge::MergePolicy;
use order::{FindingOrder, project_order};
use portfolio::{Indicators, Recurring};
pub use reported::Reported;
use words::{ProjectCategories, Words};

/// Version of the JSON report's shape: 2 since findings carry their `facts` (a report of
/// version 1 has only messages, and `guicang merge` cannot read its findings back); 3 since
/// an unreadable ledger's facts say why as a value, not as an English sentence; 4 since a
/// stopped parser, a decompression bomb, a ledger past its limits and a broken page tree
/// are facts of their own (`Stop`, `Damage`, `SheetError` variants), not English details;
/// 5 since a file that cannot be read says why as a value (`ReadError`: vanished, permission
/// denied, a link, not a regular file), not as a sentence; 6 since an unreadable folder or
/// `project.toml` does too (and a manifest that is not UTF-8 or too large says so as a value).
pub const REPORT_VERSION: u32 = 6;

/// The result of a sweep. It is read back from its JSON by `guicang merge`: what the JSON
/// leaves out is made again there (the language from `run`, the project index, the
/// recurring problems from the rules).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// Shape version of the JSON document.
    pub version: u32,
    /// The archive root as given.
    pub root: String,
    /// When and how the sweep ran.
    pub run: run::RunInfo,
    /// Language of the messages (`run.lang` in the JSON).
    #[serde(skip)]
    pub lang: Lang,
    /// Projects, sorted by folder (projects without a folder last).
    pub projects: Vec<ProjectReport>,
    /// Findings, sorted: those that count toward the exit code.
    pub findings: Vec<Reported>,
    /// Findings a `[[waiver]]` of the configuration covers, in report order, with its reason.
    pub waived: Vec<WaivedFinding<Reported>>,
    /// Findings already recorded in the `--baseline` file, in report order.
    pub baselined: Vec<Reported>,
    /// Whether a `--baseline` was applied: then every finding is new or already recorded
    /// (SARIF says which in `baselineState`).
    #[serde(skip)]
    pub baseline_applied: bool,
    /// Totals.
    pub summary: Summary,
    /// Recurring problems across the projects (多发问题); made again when read back.
    #[serde(skip_deserializing)]
    pub recurring: Recurring,
    /// Project key → index in `projects`, made once for every renderer.
    #[serde(skip)]
    pub project_index: HashMap<String, usize>,
}

/// One project in the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    #[serde(serialize_with = "stages_map", deserialize_with = "stages_from_map")]
    pub stages: Vec<StageScore>,
    /// Documents whose requirement could not be decided.
    pub undetermined: Vec<crate::check::completeness::Undetermined>,
    /// Errors among the findings of this project.
    pub errors: usize,
    /// Warnings among the findings of this project.
    pub warnings: usize,
    /// Money along the funding chain, when ledgers concern the project.
    pub chain: Option<ChainSummary>,
    /// Settled amount of the whole project (结算金额), when recorded.
    pub settlement: Option<Amount>,
    /// Importance as recorded (重要性, 优先级).
    pub importance: Option<String>,
    /// Contact persons (包联人).
    pub contacts: Vec<String>,
    /// Reserve-library grade of a planned project (`idea`, `preparing`, `ready`); `null`
    /// for other projects and projects of unknown category.
    pub maturity: Option<String>,
    /// The next grade of a planned project and the documents it still needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserve: Option<Maturity>,
    /// Planned dates and dated milestones.
    pub timeline: Timeline,
    /// Performance-evaluation indicators of a project in progress or completed.
    pub indicators: Option<Indicators>,
    /// Why each unknown indicator is unknown.
    #[serde(deserialize_with = "crate::check::known_keys::map")]
    pub indicators_unknown: BTreeMap<&'static str, String>,
    /// What each known indicator rests on: ledger files and cells, documents, manifests.
    #[serde(deserialize_with = "crate::check::known_keys::map")]
    pub indicators_evidence: BTreeMap<&'static str, Vec<String>>,
}

/// What the checks produced, for [`Report::build`].
pub struct Evaluation {
    /// Completeness of each checked project, each project's timeline and maturity.
    pub outcome: crate::check::Outcome,
    /// Funding-chain money of each project, index for index with the projects.
    pub chains: Vec<Option<ChainSummary>>,
    /// Every finding, in any order, triaged into those that count and those set apart.
    pub triaged: Triaged,
    /// How many files were scanned.
    pub files: usize,
}

/// Totals of a sweep.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
            outcome,
            chains,
            triaged,
            files,
        } = evaluation;
        let crate::check::Outcome {
            scores,
            mut timelines,
            mut maturity,
        } = outcome;
        let order = project_order(projects);
        let categories = ProjectCategories::new(
            rules,
            projects.iter().map(|p| (p.key(), p.category.as_deref())),
        );
        let findings_order = FindingOrder::new(rules, projects, &order, &categories);
        let baseline_applied = triaged.baseline_applied;
        let words = Words::new(rules, lang, &categories);
        let (mut findings, mut waived, mut baselined) = words.report_all(triaged);
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
                let reserve = maturity.get_mut(i).and_then(Option::take);
                let mut report = project_report(&projects[i], score, chain, reserve, &words);
                report.timeline = timelines.get_mut(i).map(std::mem::take).unwrap_or_default();
                report
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
            recurring: Recurring::default(),
            project_index,
        };
        report.recount();
        report.add_indicators();
        report.recurring = portfolio::recurring(&report, rules);
        report
    }

    /// The performance-evaluation indicators of every project in progress or completed
    /// (a project of unknown status is checked as in progress, and so gets them too).
    fn add_indicators(&mut self) {
        let chain_errors = portfolio::chain_errors(self);
        let lang = self.lang;
        for (p, errors) in self.projects.iter_mut().zip(chain_errors) {
            if p.status == Some(Status::Planned) {
                continue;
            }
            let computed = portfolio::indicators(p, errors, lang);
            p.indicators = Some(computed.indicators);
            p.indicators_unknown = computed.unknown;
            p.indicators_evidence = computed.evidence;
        }
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

/// One project's entry: the report of project `p` with its completeness `score`, its `chain` money and its
/// `reserve` grade, named in the words' language.
fn project_report(
    p: &Project,
    mut score: Option<ProjectScore>,
    chain: Option<ChainSummary>,
    mut reserve: Option<Maturity>,
    words: &Words<'_>,
) -> ProjectReport {
    let (rules, lang) = (words.rules(), words.lang());
    let completeness = score.as_ref().and_then(|s| s.completeness()).map(round4);
    let category = p.category.as_deref().and_then(|c| rules.category(c));
    let mut stages = score
        .as_mut()
        .map_or_else(Vec::new, |s| std::mem::take(&mut s.stages));
    let mut undetermined = score
        .as_mut()
        .map_or_else(Vec::new, |s| std::mem::take(&mut s.undetermined));
    words.name_scores(category, &mut stages, &mut undetermined);
    if let Some(reserve) = &mut reserve {
        words.name_maturity(category, reserve);
    }
    ProjectReport {
        key: p.key(),
        code: p.code.clone(),
        name: p.name.clone(),
        category: p.category.clone(),
        category_name: category.map(|c| c.name.get(lang).to_string()),
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
        stages,
        undetermined,
        errors: 0,
        warnings: 0,
        chain,
        settlement: p.settlement,
        importance: p.importance.clone(),
        contacts: p.contacts.clone(),
        maturity: reserve.as_ref().map(|m| m.grade.clone()),
        reserve,
        timeline: Timeline::default(),
        indicators: None,
        indicators_unknown: BTreeMap::new(),
        indicators_evidence: BTreeMap::new(),
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

/// Reads the object of stages keyed by stage id back into stages, in the object's order
/// (lifecycle order, as written); each stage's completeness is recomputed, not read.
fn stages_from_map<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<StageScore>, D::Error> {
    struct Stages;

    impl<'de> serde::de::Visitor<'de> for Stages {
        type Value = Vec<StageScore>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object of stages keyed by stage id")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut stages = Vec::new();
            while let Some((id, mut stage)) = map.next_entry::<String, StageScore>()? {
                stage.stage = std::sync::Arc::from(id);
                stages.push(stage);
            }
            Ok(stages)
        }
    }

    deserializer.deserialize_map(Stages)
}
