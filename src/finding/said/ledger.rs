//! Ledgers: files that do not open or have no header, cells and columns that cannot be read.

use serde::{Deserialize, Serialize};

use super::{CellProblem, Field};

/// What a finding says about ledgers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "said", rename_all = "kebab-case")]
pub enum LedgerSaid {
    /// A ledger row linked to no project: the project it names is no project's or
    /// several projects', or it names none outside every project folder.
    RowProjectUnknown {
        /// The project the row names (empty when it names none).
        named: String,
        /// Whether several projects share the name.
        shared: bool,
    },
    /// A ledger cell whose value cannot be read as its field.
    BadCell {
        /// The field.
        field: Field,
        /// What is wrong with it.
        problem: CellProblem,
        /// The value as written.
        raw: String,
    },
    /// A field headed on two columns of a ledger: the first is read.
    DuplicateColumn {
        /// The column read (letter) and its heading.
        kept: (String, String),
        /// The column ignored (letter) and its heading.
        ignored: (String, String),
    },
    /// A ledger that cannot be opened.
    LedgerUnreadable {
        /// Why the reader could not read it.
        error: crate::finding::file::SheetError,
    },
    /// A ledger `[ledgers] paths` of the configuration lists that does not exist.
    ConfiguredLedgerMissing {
        /// The configuration file.
        config: String,
    },
    /// A ledger with no recognisable header row.
    LedgerUnrecognised,
}

impl From<LedgerSaid> for super::Said {
    fn from(said: LedgerSaid) -> super::Said {
        super::Said::Ledger(said)
    }
}
