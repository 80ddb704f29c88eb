//! Projects: what a project is, and how the archive tells us (manifest, ledger, folder name).

pub mod discover;
pub mod ledger_rows;
pub mod manifest;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::attributes::{Construction, Status};
use crate::money::amount::Amount;

/// One aid project and its facts, merged from manifest, ledger row and folder name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Project {
    /// Project code (`MGT-2023-001`).
    pub code: Option<String>,
    /// Project name.
    pub name: Option<String>,
    /// Category id, when it could be learned.
    pub category: Option<String>,
    /// Status as stated; `None` when nothing says.
    pub status: Option<Status>,
    /// Year (年度).
    pub year: Option<i64>,
    /// Construction type (建设性质).
    pub construction: Option<Construction>,
    /// Total investment.
    pub total_investment: Option<Amount>,
    /// Aid funds (援疆资金).
    pub aid_funds: Option<Amount>,
    /// Implementing unit (实施单位).
    pub implementing_unit: Option<String>,
    /// Other manifest keys.
    pub attributes: BTreeMap<String, String>,
    /// The project folder, when the archive has one.
    pub folder: Option<PathBuf>,
    /// The project folder relative to the archive root, `/`-separated.
    pub folder_rel: Option<String>,
    /// Where the facts came from: the manifest path, ledger rows `file!sheet!row`, the folder name.
    pub sources: Vec<String>,
    /// Settled amount of the whole project (结算金额), when a ledger or the configuration says.
    pub settlement: Option<Amount>,
}

impl Project {
    /// The key findings use for the project: its code, else its folder, else its name.
    pub fn key(&self) -> String {
        self.code
            .clone()
            .or_else(|| self.folder_rel.clone())
            .or_else(|| self.name.clone())
            .unwrap_or_default()
    }
}
