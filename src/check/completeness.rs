//! Completeness: which required documents each project has, which are missing, which sit
//! in the wrong stage's folder, and the share of required documents present.

mod scores;

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::sync::Arc;

use rayon::prelude::*;

use super::Context;
use crate::attributes::Status;
use crate::classify::FileClass;
use crate::finding::said::ProjectSaid;
use crate::finding::{Code, Finding};
use crate::names::shared::SharedStrings;
use crate::ruleset::condition::Facts;
use crate::ruleset::{Applicability, Category, Document};
pub use scores::{
    DocumentState, ProjectScore, Requirement, SharedLabels, StageScore, Undetermined,
};

/// Scores every project with a known category and reports what is missing or misfiled.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Vec<ProjectScore> {
    // What is gathered from a project's files lives only while that project is scored.
    let runs = ctx.project_runs();
    // Projects are scored in parallel, each with its own findings, joined in project order
    // (which also spreads the scores' memory over the threads that freed the scan's).
    let scored: Vec<(Option<ProjectScore>, Vec<Finding>)> = (0..ctx.projects.len())
        .into_par_iter()
        .map_init(Labels::default, |labels, index| {
            let mut found = Vec::new();
            let score = score_one(ctx, index, runs[index].clone(), labels, &mut found);
            (score, found)
        })
        .collect();
    let mut scores = Vec::with_capacity(scored.len());
    // Exactly what is added: a doubled buffer of findings would be held to the report.
    out.reserve_exact(scored.iter().map(|(_, found)| found.len()).sum());
    for (score, found) in scored {
        out.extend(found);
        scores.extend(score);
    }
    scores
}

/// Scores project `index`, whose files are `run`; `None` when it has no folder or no
/// known category (reported).
fn score_one(
    ctx: &Context<'_>,
    index: usize,
    run: std::ops::Range<usize>,
    labels: &Labels,
    out: &mut Vec<Finding>,
) -> Option<ProjectScore> {
    let project = &ctx.projects[index];
    let key = project.key();
    // A project without a folder is reported as project-folder-missing by discovery.
    project.folder.as_ref()?;
    let Some(category) = ctx.category_of(index) else {
        out.push(
            Finding::new(Code::UnknownProject, ProjectSaid::CategoryUnknown)
                .project(key)
                .path(project.folder_rel.clone().unwrap_or_default()),
        );
        return None;
    };
    let status_assumed = project.status.is_none();
    if status_assumed {
        out.push(
            Finding::new(Code::StatusUnknown, ProjectSaid::StatusUnknown)
                .project(key.clone())
                .path(project.folder_rel.clone().unwrap_or_default()),
        );
    }
    let contracts = ctx.ledgers.get(index).and_then(|l| l.contract_facts());
    let facts = Facts {
        status: project.status.unwrap_or(Status::InProgress),
        construction: project.construction,
        total_investment: project.total_investment.map(|a| a.yuan),
        contracts: contracts.as_deref(),
        attributes: Some(&project.attributes),
    };
    let (evidence, stage_folders) = gather(ctx, run);
    let places = Places {
        ctx,
        folder: project.folder_rel.as_deref().unwrap_or_default(),
        stages: &stage_folders,
    };
    let inputs = Inputs {
        category,
        facts: &facts,
        evidence: &evidence,
        places: &places,
        status_assumed,
    };
    Some(score_project(ctx, index, &inputs, labels, out))
}

/// What scoring one project reads.
struct Inputs<'a> {
    /// The project's category, whose documents are scored.
    category: &'a Category,
    /// The facts conditions are evaluated on.
    facts: &'a Facts<'a>,
    /// `(document, file)` pairs of the project.
    evidence: &'a [(usize, usize)],
    /// Where missing documents belong.
    places: &'a Places<'a>,
    /// Whether the status was unknown and assumed to be in progress.
    status_assumed: bool,
}

/// Scores one project (index `index`) stage by stage, reporting missing and misfiled
/// documents to `out`.
fn score_project(
    ctx: &Context<'_>,
    index: usize,
    inputs: &Inputs<'_>,
    labels: &Labels,
    out: &mut Vec<Finding>,
) -> ProjectScore {
    let scoring = Scoring {
        ctx,
        inputs,
        key: ctx.projects[index].key(),
        labels,
    };
    let mut score = ProjectScore {
        project: index,
        required: 0,
        present: 0,
        stages: Vec::with_capacity(inputs.category.stages.len()),
        undetermined: Vec::new(),
        status_assumed: inputs.status_assumed,
    };
    for stage in &inputs.category.stages {
        let stage_score = scoring.stage(stage, &mut score.undetermined, out);
        score.required += stage_score.required;
        score.present += stage_score.present;
        score.stages.push(stage_score);
    }
    score
}

/// One project being scored: what every stage and document of it reads.
struct Scoring<'a> {
    /// Everything the checks read.
    ctx: &'a Context<'a>,
    /// The project's category, facts, evidence and places.
    inputs: &'a Inputs<'a>,
    /// The project's key, for its findings.
    key: String,
    /// Labels shared with the other projects scored on this thread.
    labels: &'a Labels,
}

impl Scoring<'_> {
    /// Scores the documents of one stage of the category, in rule-file order.
    fn stage(
        &self,
        stage: &str,
        undetermined: &mut Vec<Undetermined>,
        out: &mut Vec<Finding>,
    ) -> StageScore {
        let mut stage_score = StageScore {
            stage: self.labels.intern(stage),
            name: self.labels.unnamed(),
            required: 0,
            present: 0,
            documents: Vec::new(),
        };
        for (doc_index, doc) in self
            .inputs
            .category
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.stage == stage)
        {
            let Some(state) = self.document(doc_index, doc, undetermined, out) else {
                continue;
            };
            if state.requirement == Requirement::Required {
                stage_score.required += 1;
                stage_score.present += usize::from(state.present);
            }
            stage_score.documents.push(state);
        }
        // Kept until the report is written: no spare capacity (a million-file archive has
        // hundreds of thousands of these).
        stage_score.documents.shrink_to_fit();
        stage_score
    }

    /// The state of one document: its evidence (misfiled files reported), whether it is
    /// required (a missing required one reported) and present. `None` for a document that
    /// is not required and has no file: it says nothing about the project.
    fn document(
        &self,
        doc_index: usize,
        doc: &Document,
        undetermined: &mut Vec<Undetermined>,
        out: &mut Vec<Finding>,
    ) -> Option<DocumentState> {
        let ctx = self.ctx;
        let files: Vec<usize> = self
            .inputs
            .evidence
            .iter()
            .filter(|(d, _)| *d == doc_index)
            .map(|(_, f)| *f)
            .collect();
        for &file in &files {
            report_misfiled(ctx, file, doc, &self.key, out);
        }
        let usable = files.iter().filter(|&&f| ctx.is_usable(f)).count();
        let present = usable >= doc.min as usize;
        let requirement = self.requirement(doc, undetermined);
        if requirement == Requirement::Required && !present {
            out.push(self.missing(doc, &files, usable));
        }
        if requirement == Requirement::NotRequired && files.is_empty() {
            return None;
        }
        Some(DocumentState {
            label: self.labels.documents.get(&doc.id, ""),
            requirement,
            files: files
                .iter()
                .map(|&f| ctx.files[f].rel_path().clone())
                .collect(),
            pages: page_counts(ctx, &files),
            present,
        })
    }

    /// Whether `doc` is required of the project; when the facts to decide are unknown, the
    /// document is recorded in `undetermined` with the reason.
    fn requirement(&self, doc: &Document, undetermined: &mut Vec<Undetermined>) -> Requirement {
        match doc.when.evaluate(self.inputs.facts) {
            Applicability::Required => Requirement::Required,
            Applicability::NotRequired => Requirement::NotRequired,
            Applicability::Undetermined(unknown) => {
                undetermined.push(Undetermined {
                    document: self.labels.intern(&doc.id),
                    stage: self.labels.intern(&doc.stage),
                    facts: unknown,
                    reason: self.labels.unnamed(),
                });
                Requirement::Undetermined
            }
        }
    }

    /// The missing-document finding of a required document with too few usable `files`
    /// (`usable` of them), naming the unusable ones.
    fn missing(&self, doc: &Document, files: &[usize], usable: usize) -> Finding {
        let ctx = self.ctx;
        let unusable: Vec<String> = files
            .iter()
            .filter(|&&f| !ctx.is_usable(f))
            .map(|&f| ctx.files[f].rel_path().joined())
            .collect();
        let place = self.inputs.places.of(&doc.stage);
        missing(doc, usable, &unusable, &self.key, place)
    }
}

/// The page counts of `files`, index for index, or empty when none was counted.
fn page_counts(ctx: &Context<'_>, files: &[usize]) -> Box<[Option<NonZeroU32>]> {
    let pages: Box<[Option<NonZeroU32>]> = files
        .iter()
        .map(|&f| ctx.inspections.get(f).and_then(|i| i.pages))
        .collect();
    if pages.iter().all(Option::is_none) {
        Box::default()
    } else {
        pages
    }
}

/// A missing-document finding, pointing at the stage folder when the project has one.
/// `unusable` are the files that would have been evidence but failed a health check.
fn missing(doc: &Document, found: usize, unusable: &[String], key: &str, place: String) -> Finding {
    let said = ProjectSaid::MissingDocument {
        found,
        needed: doc.min,
        unusable: unusable.to_vec(),
    };
    Finding::new(Code::MissingDocument, said)
        .severity(doc.severity)
        .project(key)
        .stage(doc.stage.clone())
        .document(doc.id.clone())
        .path(place)
}

/// Stage id → a file under that stage's folder and how many folders lead down to it.
type StageFolders<'a> = BTreeMap<&'a str, (usize, usize)>;

/// Where the documents of a project belong: its folder and its stage folders.
struct Places<'a> {
    ctx: &'a Context<'a>,
    folder: &'a str,
    stages: &'a StageFolders<'a>,
}

impl Places<'_> {
    /// The stage folder of `stage` if the project has one, else the project folder.
    fn of(&self, stage: &str) -> String {
        match self.stages.get(stage) {
            Some(&(file, depth)) => {
                let dirs: Vec<&str> = self.ctx.files[file].dirs().take(depth).collect();
                // A project folder that is the archive root is `.`: no `./` before paths.
                match self.folder {
                    "." | "" => dirs.join("/"),
                    folder => format!("{folder}/{}", dirs.join("/")),
                }
            }
            None => self.folder.to_string(),
        }
    }
}

/// Of one project's files (`run`): its `(document, file)` evidence pairs, and for each
/// stage with a folder, a file in it and the folder's depth.
fn gather<'c>(
    ctx: &'c Context<'_>,
    run: std::ops::Range<usize>,
) -> (Vec<(usize, usize)>, StageFolders<'c>) {
    let mut evidence = Vec::new();
    let mut stage_folders = BTreeMap::new();
    for file in run {
        let classified = &ctx.classes[file];
        if let FileClass::Evidence { document, .. } = classified.class {
            evidence.push((document as usize, file));
        }
        if let Some(at) = classified.stage_folder {
            let (stage, depth) = (at.stage(ctx.rules), at.depth());
            stage_folders.entry(stage).or_insert((file, depth));
        }
    }
    (evidence, stage_folders)
}

/// Reports evidence filed under another stage's folder.
fn report_misfiled(
    ctx: &Context<'_>,
    file: usize,
    doc: &Document,
    key: &str,
    out: &mut Vec<Finding>,
) {
    let Some(found_in) = ctx.classes[file].stage_folder.map(|at| at.stage(ctx.rules)) else {
        return;
    };
    if found_in == doc.stage {
        return;
    }
    let said = ProjectSaid::MisfiledDocument {
        filed_under: found_in.to_string(),
    };
    out.push(
        Finding::new(Code::MisfiledDocument, said)
            .project(key)
            .stage(doc.stage.clone())
            .document(doc.id.clone())
            .path(ctx.files[file].rel_path().joined()),
    );
}

/// Ids of stages and labels of documents, made once and shared by every project's scores
/// (thousands of projects repeat the same few dozen ids).
#[derive(Default)]
struct Labels {
    /// Stage ids, and the empty name a score has until the report names it.
    strings: SharedStrings,
    /// Document labels, unnamed.
    documents: SharedLabels,
}

impl Labels {
    fn intern(&self, text: &str) -> Arc<str> {
        self.strings.get(text)
    }

    /// The empty name a score has until the report names it in its language.
    fn unnamed(&self) -> Arc<str> {
        self.strings.get("")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use rust_decimal::Decimal;

    use super::*;
    use crate::attributes::Construction;
    use crate::check::chain::link::ProjectLedgers;
    use crate::classify::classify;
    use crate::money::amount::Amount;
    use crate::project::Project;
    use crate::ruleset::RuleSet;
    use crate::scan::scan;

    /// A project in folder `code` of the archive root.
    fn project(root: &Path, code: &str, category: Option<&str>, status: Option<Status>) -> Project {
        Project {
            code: Some(code.to_string()),
            category: category.map(str::to_string),
            status,
            folder: Some(root.join(code)),
            folder_rel: Some(code.to_string()),
            ..Project::default()
        }
    }

    /// Scores `projects` over the real files of `root` (scanned and classified as a sweep
    /// does, no inspection, no ledgers), with English messages.
    fn score(root: &Path, projects: &[Project]) -> (Vec<ProjectScore>, Vec<Finding>) {
        let rules = RuleSet::load(&[] as &[PathBuf], &BTreeMap::new()).expect("built-in rules");
        for folder in projects.iter().filter_map(|p| p.folder.as_ref()) {
            std::fs::create_dir_all(folder).unwrap();
        }
        let folders: Vec<PathBuf> = projects.iter().filter_map(|p| p.folder.clone()).collect();
        let code_pattern = regex::Regex::new(crate::settings::DEFAULT_CODE_PATTERN).unwrap();
        let scanned = scan(root, &folders, false, &code_pattern);
        let is_ledger = |_: &crate::scan::RelPath, name: &str| crate::ledger::is_ledger_name(name);
        let classes = classify(&scanned.files, projects, &rules, &is_ledger);
        let ledgers: Vec<ProjectLedgers<'_>> =
            projects.iter().map(|_| ProjectLedgers::default()).collect();
        let ctx = Context {
            root,
            rules: &rules,
            projects,
            files: &scanned.files,
            classes: &classes,
            walk_errors: &scanned.errors,
            symlinks: &scanned.symlinks,
            special_files: &scanned.special_files,
            nested_projects: &scanned.nested_projects,
            inspections: &[],
            ledgers: &ledgers,
            today: jiff::civil::date(2026, 11, 30),
        };
        let mut findings = Vec::new();
        let scores = check(&ctx, &mut findings);
        (scores, findings)
    }

    /// The state of document `id` in a score; `None` when it is not listed (not required,
    /// no file).
    fn state<'s>(score: &'s ProjectScore, id: &str) -> Option<&'s DocumentState> {
        score
            .stages
            .iter()
            .flat_map(|s| &s.documents)
            .find(|d| d.id() == id)
    }

    fn write(root: &Path, rel: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x").unwrap();
    }

    #[test]
    fn a_condition_makes_a_document_required_not_required_or_undetermined() {
        use Requirement::{Required, Undetermined};
        let yuan = |n: i64| Some(Amount::exact(Decimal::from(n)));
        let active = Some(Status::InProgress);
        // The construction permit: active, built or rebuilt, investment ≥ 300,000 yuan.
        let cases = [
            (
                active,
                Some(Construction::New),
                yuan(500_000),
                Some(Required),
            ),
            (
                active,
                Some(Construction::Renovation),
                yuan(300_000),
                Some(Required),
            ),
            (active, Some(Construction::New), yuan(299_999), None),
            (active, Some(Construction::None), yuan(500_000), None),
            (
                Some(Status::Planned),
                Some(Construction::New),
                yuan(500_000),
                None,
            ),
            (active, Some(Construction::New), None, Some(Undetermined)),
            (active, None, yuan(500_000), Some(Undetermined)),
            (None, Some(Construction::New), yuan(500_000), Some(Required)),
        ];
        let dir = tempfile::tempdir().unwrap();
        let projects: Vec<Project> = cases
            .iter()
            .enumerate()
            .map(|(i, (status, construction, investment, _))| Project {
                construction: *construction,
                total_investment: *investment,
                ..project(
                    dir.path(),
                    &format!("MGT-2023-{i:03}"),
                    Some("fixed-asset"),
                    *status,
                )
            })
            .collect();
        let (scores, findings) = score(dir.path(), &projects);
        assert_eq!(scores.len(), cases.len());
        for (case, score) in cases.iter().zip(&scores) {
            let found = state(score, "construction-permit").map(|d| d.requirement);
            assert_eq!(found, case.3, "{case:?}");
            let undetermined = score
                .undetermined
                .iter()
                .any(|u| &*u.document == "construction-permit" && !u.facts.is_empty());
            assert_eq!(undetermined, case.3 == Some(Undetermined), "{case:?}");
            assert_eq!(score.status_assumed, case.0.is_none(), "{case:?}");
        }
        let status_unknown: Vec<&str> = findings
            .iter()
            .filter(|f| f.code == Code::StatusUnknown)
            .filter_map(|f| f.project.as_deref())
            .collect();
        assert_eq!(status_unknown, ["MGT-2023-007"]);
    }

    #[test]
    fn present_missing_and_misfiled_documents_of_a_project() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "MGT-2023-101/01 立项/立项批复.pdf");
        write(root, "MGT-2023-101/02 采购/援疆项目计划.pdf");
        write(root, "MGT-2023-101/02 采购/援疆项目计划.txt");
        write(root, "MGT-2023-101/说明.docx");
        let projects = [project(
            root,
            "MGT-2023-101",
            Some("equipment"),
            Some(Status::InProgress),
        )];
        let (scores, findings) = score(root, &projects);
        let score = &scores[0];

        let approval = state(score, "project-approval").expect("listed");
        assert_eq!(approval.requirement, Requirement::Required);
        assert!(approval.present);
        assert_eq!(approval.files.len(), 1);
        let plan = state(score, "aid-plan").expect("listed");
        assert!(plan.present, "misfiled evidence still counts");
        assert_eq!(plan.files.len(), 1, "a .txt is not an accepted format");
        let missing = state(score, "implementation-plan").expect("listed");
        assert_eq!(missing.requirement, Requirement::Required);
        assert!(!missing.present && missing.files.is_empty());
        assert!(
            state(score, "delivery-receipt").is_none(),
            "only once completed"
        );
        assert_eq!(
            state(score, "single-source-approval").map(|d| d.requirement),
            Some(Requirement::Undetermined),
            "no contract ledger: the procurement method is unknown"
        );
        assert_eq!(score.undetermined.len(), 1);
        assert_eq!(&*score.undetermined[0].stage, "procurement");

        // Every document of the category required while active, but the one undetermined.
        assert_eq!((score.required, score.present), (14, 2));
        let per_stage: usize = score.stages.iter().map(|s| s.required).sum();
        assert_eq!(per_stage, score.required);
        assert_eq!(score.completeness(), Some(2.0 / 14.0));

        let of = |code: Code| -> Vec<(Option<&str>, &[String])> {
            findings
                .iter()
                .filter(|f| f.code == code)
                .map(|f| (f.document.as_deref(), f.paths.as_slice()))
                .collect()
        };
        assert_eq!(
            of(Code::MisfiledDocument),
            [(
                Some("aid-plan"),
                &["MGT-2023-101/02 采购/援疆项目计划.pdf".to_string()][..]
            )]
        );
        let missing = of(Code::MissingDocument);
        assert_eq!(missing.len(), 12);
        assert!(missing.contains(&(
            Some("implementation-plan"),
            &["MGT-2023-101/01 立项".to_string()][..]
        )));
        assert!(missing.contains(&(Some("fund-allocation"), &["MGT-2023-101".to_string()][..])));
        assert!(
            findings
                .iter()
                .all(|f| f.project.as_deref() == Some("MGT-2023-101"))
        );
    }

    #[test]
    fn a_project_without_a_known_category_or_folder_is_not_scored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut no_folder = project(root, "MGT-2023-201", Some("equipment"), None);
        no_folder.folder = None;
        no_folder.folder_rel = None;
        let projects = [
            project(root, "MGT-2023-200", None, Some(Status::InProgress)),
            project(root, "MGT-2023-202", Some("no-such-category"), None),
        ];
        let (scores, findings) = score(root, &projects);
        assert!(scores.is_empty());
        let unknown: Vec<(&str, &[String])> = findings
            .iter()
            .map(|f| (f.code.id(), f.paths.as_slice()))
            .collect();
        assert_eq!(
            unknown,
            [
                ("unknown-project", &["MGT-2023-200".to_string()][..]),
                ("unknown-project", &["MGT-2023-202".to_string()][..]),
            ]
        );
        let (scores, findings) = score(root, &[no_folder]);
        assert!(scores.is_empty() && findings.is_empty());
    }
}
