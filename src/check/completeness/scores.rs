//! What completeness scoring produces, kept until the report is written: per project, per
//! stage and per document, whether it is required and the files that evidence it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::names::shared::SharedStrings;
use crate::ruleset::condition::UnknownFact;

/// Whether a document is required of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// Required.
    Required,
    /// Not required.
    NotRequired,
    /// Depends on facts that are not known.
    Undetermined,
}

/// A document's id and its name in the report's language, one pair shared by every
/// project that scores the document: a score holds one pointer to it, not two strings
/// (there are hundreds of thousands of document states at a million files).
#[derive(Debug, PartialEq, Eq)]
pub struct DocumentLabel {
    /// Document id.
    pub id: Arc<str>,
    /// Document name in the report's language: empty until the report names it
    /// (`report::words`), since the checks speak no language.
    pub name: Arc<str>,
}

/// A document id and a name, each shared.
type IdAndName = (Arc<str>, Arc<str>);

/// Hands out one shared [`DocumentLabel`] per id and name. Not `Sync`: one per thread.
#[derive(Debug, Default)]
pub struct SharedLabels {
    strings: SharedStrings,
    made: RefCell<HashMap<IdAndName, Arc<DocumentLabel>>>,
}

impl SharedLabels {
    /// The label of document `id` named `name`, shared with every earlier request for the
    /// same pair.
    pub fn get(&self, id: &str, name: &str) -> Arc<DocumentLabel> {
        let key = (self.strings.get(id), self.strings.get(name));
        self.made
            .borrow_mut()
            .entry(key)
            .or_insert_with_key(|(id, name)| {
                Arc::new(DocumentLabel {
                    id: Arc::clone(id),
                    name: Arc::clone(name),
                })
            })
            .clone()
    }
}

/// One document of one project: whether it is required and the files that evidence it.
#[derive(Debug, Clone)]
pub struct DocumentState {
    /// Its id and name (shared).
    pub label: Arc<DocumentLabel>,
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

impl DocumentState {
    /// Document id.
    pub fn id(&self) -> &str {
        &self.label.id
    }

    /// Document name in the report's language (empty until the report names it).
    pub fn name(&self) -> &str {
        &self.label.name
    }
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
            id: self.id(),
            name: self.name(),
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

/// A document read back from a report (`guicang merge`): the same fields, the pages map
/// spread back over the files.
impl<'de> Deserialize<'de> for DocumentState {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct View {
            id: Arc<str>,
            name: Arc<str>,
            requirement: Requirement,
            files: Vec<crate::scan::RelPath>,
            #[serde(default)]
            pages: std::collections::HashMap<String, NonZeroU32>,
            present: bool,
        }
        let view = View::deserialize(deserializer)?;
        let pages = if view.pages.is_empty() {
            Box::default()
        } else {
            view.files
                .iter()
                .map(|f| view.pages.get(&f.joined()).copied())
                .collect()
        };
        Ok(DocumentState {
            label: Arc::new(DocumentLabel {
                id: view.id,
                name: view.name,
            }),
            requirement: view.requirement,
            files: view.files.into_boxed_slice(),
            pages,
            present: view.present,
        })
    }
}

/// The id a stage read back has until its map key is set.
fn empty_id() -> Arc<str> {
    Arc::from("")
}

/// One stage of one project.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StageScore {
    /// Stage id (the key of the report's map of stages).
    #[serde(skip_serializing, default = "empty_id")]
    pub stage: Arc<str>,
    /// Stage name in the report's language: empty until the report names it.
    pub name: Arc<str>,
    /// Required documents.
    pub required: usize,
    /// Required documents present.
    pub present: usize,
    /// Every document of the stage.
    pub documents: Vec<DocumentState>,
}

/// A document whose requirement could not be decided.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Undetermined {
    /// Document id (shared: thousands of projects repeat the same few).
    pub document: Arc<str>,
    /// Stage id.
    pub stage: Arc<str>,
    /// The facts that were missing.
    pub facts: Vec<UnknownFact>,
    /// Why, for a person, in the report's language: empty until the report says it.
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
