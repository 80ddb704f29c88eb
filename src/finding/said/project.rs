//! Projects and their documents: categories and statuses, missing and misfiled documents, folders and manifests.

use serde::{Deserialize, Serialize};

use super::Mistake;
use crate::finding::file::ReadError;

/// What a finding says about projects and their documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "said", rename_all = "kebab-case")]
pub enum ProjectSaid {
    /// A project whose category cannot be learned.
    CategoryUnknown,
    /// A project whose status is unknown, checked as in progress.
    StatusUnknown,
    /// A required document with fewer usable files than it needs (the finding names the
    /// document and its stage).
    MissingDocument {
        /// Usable files found.
        found: usize,
        /// Files needed.
        needed: u32,
        /// Files that would have counted but are unusable (paths).
        unusable: Vec<String>,
    },
    /// A document filed under another stage's folder than its own (the finding names the
    /// document and its stage).
    MisfiledDocument {
        /// The stage id of the folder it is in.
        filed_under: String,
    },
    /// A project of the project ledger with no folder in the archive.
    ProjectFolderMissing {
        /// The project's name (else its key).
        name: String,
    },
    /// Several folders claim one project code.
    DuplicateProject {
        /// How many folders.
        folders: usize,
        /// The code they claim.
        code: String,
    },
    /// A mistake in a `project.toml` (the finding's path is the manifest).
    ManifestMistake {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        mistake: Mistake,
    },
    /// A `project.toml` that cannot be read.
    ManifestUnreadable {
        /// Why.
        error: ReadError,
    },
}

impl From<ProjectSaid> for super::Said {
    fn from(said: ProjectSaid) -> super::Said {
        super::Said::Project(said)
    }
}
