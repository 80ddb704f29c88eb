//! What a finding says, as facts: the names, figures, dates and counts its sentence is
//! made of, never the sentence itself.
//!
//! Checks state facts; the report puts them into words in the language asked for
//! (`report::words`, the one message table), as ruff's violations and cargo-deny's
//! diagnostics do. So adding a language touches the renderers and that table, nothing
//! else, and machines read the facts as values (`facts` in the JSON report).

use serde::{Deserialize, Serialize};

use super::file::Problem;

/// The facts of one finding's message, one variant per kind of sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "said", rename_all = "kebab-case")]
pub enum Said {
    /// Words made where the finding was made (being moved into the message table).
    Legacy {
        /// The sentence.
        text: String,
    },

    // Files and folders.
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
        /// The system's error.
        error: String,
    },
}

impl From<String> for Said {
    fn from(text: String) -> Said {
        Said::Legacy { text }
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Said {
        Said::Legacy { text: text.into() }
    }
}

#[cfg(test)]
impl super::Finding {
    /// The sentence of a finding whose words were made where it was made.
    pub(crate) fn legacy_text(&self) -> &str {
        match &self.said {
            Said::Legacy { text } => text,
            _ => "",
        }
    }
}
