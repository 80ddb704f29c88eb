//! Files and folders: health problems, temporary, unmatched, duplicate and stray files, links, special files and folders.

use serde::{Deserialize, Serialize};

use crate::finding::file::{Problem, ReadError};

/// What a finding says about files and folders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "said", rename_all = "kebab-case")]
pub enum FileSaid {
    /// A file outside every project folder (or a temporary one there).
    StrayFile {
        /// Whether it is a temporary or system file.
        temporary: bool,
    },
    /// A file with the same content as another (the finding's second path).
    DuplicateFile {
        /// The other file.
        original: String,
    },
    /// A symbolic link, not followed.
    SymlinkSkipped,
    /// A FIFO, socket or device file, not opened.
    SpecialFile {
        /// What it is, as the walk names it: `FIFO`, `socket`, `device`.
        kind: String,
    },
    /// A temporary or system file.
    TemporaryFile {
        /// Whether the name is not UTF-8 and was read as GBK.
        name_guessed: bool,
    },
    /// A file whose name matches no document of its project's category.
    UnmatchedFile {
        /// Whether the name is not UTF-8 and was read as GBK.
        name_guessed: bool,
    },
    /// A file with a health problem; when it would have been evidence, the finding names
    /// the document it does not count for.
    FileProblem {
        /// What is wrong.
        problem: Problem,
        /// The file's extension (what it promised).
        extension: String,
        /// Whether the name is not UTF-8 and was read as GBK.
        name_guessed: bool,
    },
    /// A project's folder inside another project's folder.
    NestedProject {
        /// The project whose folder lies inside.
        inner: String,
        /// The project whose folder holds it.
        outer: String,
    },
    /// A folder that could not be read.
    UnreadableFolder {
        /// Why.
        error: ReadError,
    },
}

impl From<FileSaid> for super::Said {
    fn from(said: FileSaid) -> super::Said {
        super::Said::File(said)
    }
}
