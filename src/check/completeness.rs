//! Completeness: which required documents each project has, which are missing, which sit
//! in the wrong stage's folder, and the share of required documents present.

use std::collections::{BTreeMap, HashMap};
use std::num::NonZeroU32;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::Context;
use crate::attributes::Status;
use crate::classify::FileClass;
use crate::finding::{Code, Finding};
use crate::lang::Lang;
use crate::ruleset::condition::{Facts, UnknownFact};
use crate::ruleset::{Applicability, Category, Document};

/// Whether a document is required of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// Required.
    Required,
    /// Not required.
    NotRequired,
    /// Depends on facts that are not known.
    Undetermined,
}

/// One document of one project: whether it is required and the files that evidence it.
#[derive(Debug, Clone)]
pub struct DocumentState {
    /// Document id.
    pub id: Arc<str>,
    /// Document name in the report's language.
    pub name: Arc<str>,
    /// Whether it is required.
    pub requirement: Requirement,
    /// Evidence, relative to the archive root (shared with the scan's file list).
    pub files: Box<[crate::scan::RelPath]>,
    /// Pages of each file, index for index with `files` (`None` where not counted), or
    /// empty when none was counted. Serialised as a map from path to pages: a map per
    /// document would cost hundreds of bytes at a million files.
    pub pages: Box<[Option<NonZeroU32>]>,
    /// Whether it counts as present (at least `min` files).
    pub present: bool,
}

impl Serialize for DocumentState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The pages of the files that have a count, keyed by path.
        struct Pages<'a>(&'a DocumentState);

        impl Serialize for Pages<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                for (file, pages) in self.0.files.iter().zip(&self.0.pages) {
                    if let Some(pages) = pages {
                        map.serialize_entry(file, pages)?;
                    }
                }
                map.end()
            }
        }

        #[derive(Serialize)]
        struct View<'a> {
            id: &'a str,
            name: &'a str,
            requirement: Requirement,
            files: &'a [crate::scan::RelPath],
            #[serde(skip_serializing_if = "Option::is_none")]
            pages: Option<Pages<'a>>,
            present: bool,
        }

        View {
            id: &self.id,
            name: &self.name,
            requirement: self.requirement,
            files: &self.files,
            pages: self
                .pages
                .iter()
                .any(Option::is_some)
                .then_some(Pages(self)),
            present: self.present,
        }
        .serialize(serializer)
    }
}

/// One stage of one project.
#[derive(Debug, Clone, Serialize)]
pub struct StageScore {
    /// Stage id.
    #[serde(skip)]
    pub stage: Arc<str>,
    /// Stage name in the report's language.
    pub name: Arc<str>,
    /// Required documents.
    pub required: usize,
    /// Required documents present.
    pub present: usize,
    /// Every document of the stage.
    pub documents: Vec<DocumentState>,
}

/// A document whose requirement could not be decided.
#[derive(Debug, Clone, Serialize)]
pub struct Undetermined {
    /// Document id (shared: thousands of projects repeat the same few).
    pub document: Arc<str>,
    /// Stage id.
    pub stage: Arc<str>,
    /// The facts that were missing.
    pub facts: Vec<UnknownFact>,
    /// Why, for a person.
    pub reason: Arc<str>,
}

/// The completeness of one project.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectScore {
    /// Index of the project.
    #[serde(skip)]
    pub project: usize,
    /// Required documents.
    pub required: usize,
    /// Required documents present.
    pub present: usize,
    /// Per stage, in lifecycle order.
    pub stages: Vec<StageScore>,
    /// Documents whose requirement is undetermined.
    pub undetermined: Vec<Undetermined>,
    /// Whether the status was unknown and assumed to be in progress.
    pub status_assumed: bool,
}

impl ProjectScore {
    /// Share of required documents present, or `None` when nothing is required.
    pub fn completeness(&self) -> Option<f64> {
        (self.required > 0).then(|| self.present as f64 / self.required as f64)
    }
}

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
            Finding::new(
                Code::UnknownProject,
                ctx.lang.pick(
                    "无法确定项目类别：请在 project.toml 中写 category，或在项目台账中填写“项目类别”",
                    "the category cannot be learned: set category in project.toml or 项目类别 in the project ledger",
                ),
            )
            .project(key)
            .path(project.folder_rel.clone().unwrap_or_default()),
        );
        return None;
    };
    let status_assumed = project.status.is_none();
    if status_assumed {
        out.push(
            Finding::new(
                Code::StatusUnknown,
                ctx.lang.pick(
                    "项目状态未知，按“实施中”检查",
                    "the status is unknown; checked as in progress",
                ),
            )
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
    category: &'a Category,
    facts: &'a Facts<'a>,
    /// `(document, file)` pairs of the project.
    evidence: &'a [(usize, usize)],
    places: &'a Places<'a>,
    status_assumed: bool,
}

fn score_project(
    ctx: &Context<'_>,
    index: usize,
    inputs: &Inputs<'_>,
    labels: &Labels,
    out: &mut Vec<Finding>,
) -> ProjectScore {
    let Inputs {
        category,
        facts,
        evidence,
        places,
        status_assumed,
    } = *inputs;
    let project = &ctx.projects[index];
    let key = project.key();
    let mut score = ProjectScore {
        project: index,
        required: 0,
        present: 0,
        stages: Vec::with_capacity(category.stages.len()),
        undetermined: Vec::new(),
        status_assumed,
    };
    for stage in &category.stages {
        let (stage_id, stage_name) = labels.stage(ctx, stage);
        let mut stage_score = StageScore {
            stage: stage_id,
            name: stage_name,
            required: 0,
            present: 0,
            documents: Vec::new(),
        };
        for (doc_index, doc) in category
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| &d.stage == stage)
        {
            let files: Vec<usize> = evidence
                .iter()
                .filter(|(d, _)| *d == doc_index)
                .map(|(_, f)| *f)
                .collect();
            for &file in &files {
                report_misfiled(ctx, file, doc, &key, out);
            }
            let usable: Vec<usize> = files
                .iter()
                .copied()
                .filter(|&f| ctx.is_usable(f))
                .collect();
            let present = usable.len() >= doc.min as usize;
            let requirement = match doc.when.evaluate(facts) {
                Applicability::Required => Requirement::Required,
                Applicability::NotRequired => Requirement::NotRequired,
                Applicability::Undetermined(unknown) => {
                    let reason = unknown
                        .iter()
                        .map(|u| u.reason(ctx.lang))
                        .collect::<Vec<_>>()
                        .join("; ");
                    score.undetermined.push(Undetermined {
                        document: labels.intern(&doc.id),
                        stage: labels.intern(stage),
                        facts: unknown,
                        reason: labels.intern(&reason),
                    });
                    Requirement::Undetermined
                }
            };
            if requirement == Requirement::Required {
                stage_score.required += 1;
                if present {
                    stage_score.present += 1;
                } else {
                    let unusable: Vec<String> = files
                        .iter()
                        .filter(|&&f| !ctx.is_usable(f))
                        .map(|&f| ctx.files[f].rel_path().joined())
                        .collect();
                    out.push(missing(
                        ctx,
                        doc,
                        usable.len(),
                        &unusable,
                        &key,
                        places.of(stage),
                    ));
                }
            }
            let paths = files
                .iter()
                .map(|&f| ctx.files[f].rel_path().clone())
                .collect();
            let mut pages: Box<[Option<NonZeroU32>]> = files
                .iter()
                .map(|&f| ctx.inspections.get(f).and_then(|i| i.pages))
                .collect();
            if pages.iter().all(Option::is_none) {
                pages = Box::default();
            }
            // A document that is not required and has no file says nothing about the project.
            if requirement != Requirement::NotRequired || !files.is_empty() {
                let (id, name) = labels.document(doc, ctx.lang);
                stage_score.documents.push(DocumentState {
                    id,
                    name,
                    requirement,
                    files: paths,
                    pages,
                    present,
                });
            }
        }
        score.required += stage_score.required;
        score.present += stage_score.present;
        // Kept until the report is written: no spare capacity (a million-file archive has
        // hundreds of thousands of these).
        stage_score.documents.shrink_to_fit();
        score.stages.push(stage_score);
    }
    score
}

/// A missing-document finding, pointing at the stage folder when the project has one.
/// `unusable` are the files that would have been evidence but failed a health check.
fn missing(
    ctx: &Context<'_>,
    doc: &Document,
    found: usize,
    unusable: &[String],
    key: &str,
    place: String,
) -> Finding {
    let lang = ctx.lang;
    let stage = ctx
        .rules
        .stage(&doc.stage)
        .map_or(doc.stage.as_str(), |s| s.name.get(lang));
    let message = match (lang, found) {
        (Lang::Zh, 0) => format!("缺少 {}（{}）", doc.name.zh, stage),
        (Lang::En, 0) => format!("missing: {} ({})", doc.name.en, stage),
        (Lang::Zh, n) => format!(
            "{} 需要至少 {} 份，只找到 {n} 份（{}）",
            doc.name.zh, doc.min, stage
        ),
        (Lang::En, n) => format!(
            "{}: at least {} needed, {n} found ({})",
            doc.name.en, doc.min, stage
        ),
    };
    let mut message = message;
    if !unusable.is_empty() {
        message.push_str(&match lang {
            Lang::Zh => format!("：现有文件无法使用（{}）", unusable.join("、")),
            Lang::En => format!(": the files there are unusable ({})", unusable.join(", ")),
        });
    }
    Finding::new(Code::MissingDocument, message)
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
                format!("{}/{}", self.folder, dirs.join("/"))
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
    let lang = ctx.lang;
    let name = |id: &str| {
        ctx.rules
            .stage(id)
            .map_or(id.to_string(), |s| s.name.get(lang).to_string())
    };
    let message = match lang {
        Lang::Zh => format!(
            "{} 属于“{}”，却放在“{}”文件夹中",
            doc.name.zh,
            name(&doc.stage),
            name(found_in)
        ),
        Lang::En => format!(
            "{} belongs to \"{}\" but is filed under \"{}\"",
            doc.name.en,
            name(&doc.stage),
            name(found_in)
        ),
    };
    out.push(
        Finding::new(Code::MisfiledDocument, message)
            .project(key)
            .stage(doc.stage.clone())
            .document(doc.id.clone())
            .path(ctx.files[file].rel_path().joined()),
    );
}

/// Ids and names of stages and documents, made once and shared by every project's scores
/// (thousands of projects repeat the same few dozen labels).
#[derive(Default)]
struct Labels {
    shared: std::cell::RefCell<HashMap<String, Arc<str>>>,
}

impl Labels {
    fn intern(&self, text: &str) -> Arc<str> {
        let mut shared = self.shared.borrow_mut();
        if let Some(label) = shared.get(text) {
            return label.clone();
        }
        let label: Arc<str> = Arc::from(text);
        shared.insert(text.to_string(), label.clone());
        label
    }

    fn document(&self, doc: &Document, lang: Lang) -> (Arc<str>, Arc<str>) {
        (self.intern(&doc.id), self.intern(doc.name.get(lang)))
    }

    fn stage(&self, ctx: &Context<'_>, stage: &str) -> (Arc<str>, Arc<str>) {
        let name = ctx
            .rules
            .stage(stage)
            .map_or(stage, |s| s.name.get(ctx.lang));
        (self.intern(stage), self.intern(name))
    }
}
