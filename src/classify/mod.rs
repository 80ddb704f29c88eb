//! Classification: which document each file is evidence of.
//!
//! A file is evidence of at most one document: the one its own name matches most
//! specifically; failing that, the document named by the nearest enclosing folder
//! (page scans in `关于…的批复/`, photos in `施工前照片/`). Stage folders are not document
//! folders; they give the stage hint that breaks ties and reveals misfiling. A folder
//! whose whole name is a document (`招标文件/`) is a document folder even though its
//! words also name a stage (`招标文件` is 招标 and a suffix, `采购合同` two stage words),
//! unless the name, numbering aside, is one single stage word (`06 决算`, `竣工验收`).
//!
//! Nothing is done twice: each distinct folder name is folded and recognised once, and
//! the folders of a run of files in the same directory are resolved once for the run.

pub mod stage_folder;

#[cfg(test)]
mod catalogue_tests;
#[cfg(test)]
mod layout_tests {
    /// One classification per file: its size is what a million files cost.
    #[test]
    fn a_classification_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<super::Classified>(), 16);
    }
}
#[cfg(test)]
mod real_names_tests;

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;

use crate::names::fields::{NameFields, name_fields};
use crate::names::normalize::{judged_extension, normalize, split_extension};
use crate::names::numbering::strip_numbering;
use crate::project::Project;
use crate::project::discover::{CONFIG, MANIFEST};
use crate::ruleset::matcher::Judgement;
use crate::ruleset::{Category, RuleSet};
use crate::scan::{FileEntry, RelPath};
use stage_folder::StageFolders;

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileClass {
    /// Evidence of a document (index into the project category's documents).
    Evidence {
        /// The document's index in its category (`u16`, as the rules allow at most
        /// [`crate::ruleset::MAX_DOCUMENTS`]: one of these per file).
        document: u16,
        /// Whether the enclosing folder's name, not the file's, made the match.
        by_folder: bool,
    },
    /// A lock file or system file.
    Temporary,
    /// A manifest, ledger or configuration file: part of the archive's bookkeeping.
    Bookkeeping,
    /// Matches no document of the project's category (or the category is unknown).
    Unmatched,
}

/// The classification of one file (16 bytes: there is one per file).
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    /// What the file is.
    pub class: FileClass,
    /// The nearest enclosing stage folder, if any.
    pub stage_folder: Option<StageFolder>,
    /// What the file's name says for the funding chain (date, 文号, voucher, contract,
    /// amount); boxed, and absent when the name says nothing, to keep a million files small.
    fields: Option<Box<NameFields>>,
}

/// A stage folder above a file: the stage it names and how deep it lies (2 bytes, as there
/// is one per file; a stage folder past the 255th stage or folder level is not recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageFolder {
    /// Index of the stage in the rules' stage list.
    stage: u8,
    /// How many of the file's folders lead down to and include the stage folder.
    depth: u8,
}

impl StageFolder {
    /// The id of the stage the folder names.
    pub fn stage<'r>(&self, rules: &'r RuleSet) -> &'r str {
        &rules.stages[usize::from(self.stage)].id
    }

    /// How many of the file's folders lead down to and include the stage folder.
    pub fn depth(&self) -> usize {
        usize::from(self.depth)
    }
}

impl Classified {
    /// What the file's name says for the funding chain.
    pub fn fields(&self) -> &NameFields {
        static NOTHING: std::sync::LazyLock<NameFields> =
            std::sync::LazyLock::new(NameFields::default);
        self.fields.as_deref().unwrap_or(&NOTHING)
    }
}

/// Classifies every file (in the order given) against its project's category.
/// `is_ledger(rel_path, name)` tells which files are ledgers (named 台账, or configured).
pub fn classify(
    files: &[FileEntry],
    projects: &[Project],
    rules: &RuleSet,
    is_ledger: &(dyn Fn(&RelPath, &str) -> bool + Sync),
) -> Vec<Classified> {
    let stage_folders = StageFolders::new(&rules.stages);
    let folders = FolderNames::build(files, &stage_folders);
    let contexts: Vec<ProjectContext<'_>> = projects
        .iter()
        .map(|p| ProjectContext::new(p, rules))
        .collect();
    files
        .par_chunk_by(|a, b| a.project() == b.project() && a.dirs_text() == b.dirs_text())
        .flat_map_iter(|run| {
            let context = &contexts[run[0].project()];
            let dirs: Vec<&str> = run[0].dirs().collect();
            let place = Place::resolve(&dirs, context, &folders, rules);
            run.iter()
                .map(move |file| classify_file(file, context, &place, is_ledger))
        })
        .collect()
}

/// Per project: its category and the words to remove from names before matching.
struct ProjectContext<'r> {
    category: Option<&'r Category>,
    /// Normalised project name and code: a file named after its project says nothing by that.
    own_words: Vec<String>,
}

impl<'r> ProjectContext<'r> {
    fn new(project: &Project, rules: &'r RuleSet) -> ProjectContext<'r> {
        let category = project.category.as_deref().and_then(|c| rules.category(c));
        let own_words = [project.name.as_deref(), project.code.as_deref()]
            .into_iter()
            .flatten()
            .map(normalize)
            .filter(|w| w.chars().count() >= 4)
            .collect();
        ProjectContext {
            category,
            own_words,
        }
    }

    /// The name with the project's own name and code taken out.
    fn strip_own<'n>(&self, name: &'n str) -> Cow<'n, str> {
        let mut name = Cow::Borrowed(name);
        for word in &self.own_words {
            if name.contains(word.as_str()) {
                name = Cow::Owned(name.replace(word.as_str(), " ").trim().to_string());
            }
        }
        name
    }
}

/// Every distinct folder name, folded, with the stage its words name.
struct FolderNames<'f> {
    names: HashMap<&'f str, FolderName>,
}

struct FolderName {
    /// Folded, numbering removed.
    stripped: String,
    /// The stage its words name, if they all name one stage.
    stage: Option<usize>,
    /// Whether the name, numbering aside, is one single stage word (`06 竣工验收`).
    single_word: bool,
}

impl<'f> FolderNames<'f> {
    fn build(files: &'f [FileEntry], stage_folders: &StageFolders) -> FolderNames<'f> {
        let mut unique: Vec<&str> = files.iter().flat_map(|f| f.dirs()).collect();
        unique.par_sort_unstable();
        unique.dedup();
        let names = unique
            .into_par_iter()
            .map(|raw| {
                let normalised = normalize(raw);
                let (stage, single_word) = stage_folders
                    .recognise_words(&normalised)
                    .map_or((None, false), |(s, p)| (Some(s), p));
                (
                    raw,
                    FolderName {
                        stripped: strip_numbering(&normalised),
                        stage,
                        single_word,
                    },
                )
            })
            .collect();
        FolderNames { names }
    }
}

/// What the folders of one directory say, resolved once for all its files.
struct Place<'r> {
    /// Nearest stage folder: its stage id (the hint for matching) and where it is.
    stage: Option<(&'r str, StageFolder)>,
    /// Names of the enclosing document-folder candidates, nearest first, with the project's
    /// own words removed.
    document_folders: Vec<String>,
}

impl<'r> Place<'r> {
    fn resolve(
        dirs: &[&str],
        context: &ProjectContext<'_>,
        folders: &FolderNames<'_>,
        rules: &'r RuleSet,
    ) -> Place<'r> {
        let mut stage = None;
        let mut document_folders = Vec::new();
        for (index, dir) in dirs.iter().enumerate().rev() {
            let Some(folder) = folders.names.get(dir) else {
                continue;
            };
            let name = context.strip_own(&folder.stripped).into_owned();
            let is_stage =
                folder.stage.is_some() && (folder.single_word || !names_a_document(&name, context));
            if is_stage {
                if stage.is_none() {
                    stage = folder.stage.and_then(|s| {
                        let at = StageFolder {
                            stage: u8::try_from(s).ok()?,
                            depth: u8::try_from(index + 1).ok()?,
                        };
                        Some((rules.stages[s].id.as_str(), at))
                    });
                }
            } else if !name.is_empty() {
                document_folders.push(name);
            }
        }
        Place {
            stage,
            document_folders,
        }
    }
}

/// Whether a whole folder name is a document's name (its match covers all of it).
fn names_a_document(name: &str, context: &ProjectContext<'_>) -> bool {
    context
        .category
        .and_then(|c| c.best_match(name, None, None))
        .is_some_and(|m| m.length == name.chars().count())
}

fn classify_file(
    file: &FileEntry,
    context: &ProjectContext<'_>,
    place: &Place<'_>,
    is_ledger: &(dyn Fn(&RelPath, &str) -> bool + Sync),
) -> Classified {
    let stage_hint = place.stage.map(|(id, _)| id);
    let mut fields = None;
    let class = if crate::names::temporary::is_temporary(file.name()) {
        FileClass::Temporary
    } else if (file.dirs_text().is_empty() && file.name() == MANIFEST)
        || file.name() == CONFIG
        || is_ledger(file.rel_path(), file.name())
    {
        FileClass::Bookkeeping
    } else {
        let (stem, extension) = split_extension(file.name());
        let name = normalize(stem);
        fields = Some(name_fields(&name))
            .filter(|f| *f != NameFields::default())
            .map(Box::new);
        match context.category {
            Some(category) => evidence(&name, &extension, context, category, place, stage_hint),
            None => FileClass::Unmatched,
        }
    };
    Classified {
        class,
        stage_folder: place.stage.as_ref().map(|(_, at)| *at),
        fields,
    }
}

/// Evidence of document `document` of the category (always within `u16`: the rules hold
/// at most [`crate::ruleset::MAX_DOCUMENTS`] a category).
fn evidence_of(document: usize, by_folder: bool) -> FileClass {
    u16::try_from(document).map_or(FileClass::Unmatched, |document| FileClass::Evidence {
        document,
        by_folder,
    })
}

/// The document a file is evidence of: by its own (normalised) name, else by the nearest
/// document folder around it. A name the rules veto (施工许可证申请表, 可研报告评审意见, a
/// procedure or a sample) is no evidence even inside a folder named after the document.
fn evidence(
    name: &str,
    extension: &str,
    context: &ProjectContext<'_>,
    category: &Category,
    place: &Place<'_>,
    stage_hint: Option<&str>,
) -> FileClass {
    let own = context.strip_own(name);
    let extension = judged_extension(extension);
    match category.judge(&own, extension, stage_hint) {
        Judgement::Evidence(m) => return evidence_of(m.document, false),
        Judgement::Vetoed => return FileClass::Unmatched,
        Judgement::Nothing if place.document_folders.is_empty() => return FileClass::Unmatched,
        Judgement::Nothing if category.is_not_evidence(&own) => return FileClass::Unmatched,
        Judgement::Nothing => {}
    }
    place
        .document_folders
        .iter()
        .find_map(|folder| category.best_match(folder, extension, stage_hint))
        .map_or(FileClass::Unmatched, |m| evidence_of(m.document, true))
}
