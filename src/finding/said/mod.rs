//! What a finding says, as facts: the names, figures, dates and counts its sentence is
//! made of, never the sentence itself.
//!
//! Checks state facts; the report puts them into words in the language asked for
//! (`report::words`, the one message table), as ruff's violations and cargo-deny's
//! diagnostics do. So adding a language touches the renderers and that table (with the
//! rule files' names and the code registry's explanations, which are bilingual data), and
//! machines read the facts as values (`facts` in the JSON report). Text that comes from
//! outside is carried as it is, in the one language it exists in: an operating system's
//! or a parser's error message, a value as a clerk wrote it.

use serde::{Deserialize, Serialize};

mod chain;
mod chronology;
mod decode;
mod file;
mod ledger;
mod project;
mod triage;

pub use chain::{ChainSaid, PaymentRef, Sum};
pub use chronology::ChronologySaid;
pub use file::FileSaid;
pub use ledger::LedgerSaid;
pub use project::ProjectSaid;
pub use triage::WaiverSaid;

/// The facts of one finding's message: one enum per family of findings, one variant per
/// kind of sentence. In JSON the family is not written: `said` names the sentence, and
/// reading finds the family from it (`decode`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Said {
    /// Projects and their documents.
    Project(ProjectSaid),
    /// Files and folders.
    File(FileSaid),
    /// Ledgers.
    Ledger(LedgerSaid),
    /// The funding chain.
    Chain(ChainSaid),
    /// The order of a project's dates.
    Chronology(ChronologySaid),
    /// Waivers.
    Waiver(WaiverSaid),
    /// A sentence given as it is, for tests of renderers, which read messages only.
    #[cfg(test)]
    Text {
        /// The sentence.
        text: String,
    },
}

#[cfg(test)]
impl From<&str> for Said {
    fn from(text: &str) -> Said {
        Said::Text { text: text.into() }
    }
}

/// What is wrong in a `project.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mistake", rename_all = "kebab-case")]
pub enum Mistake {
    /// Not TOML.
    Syntax {
        /// The TOML reader's words.
        detail: String,
    },
    /// A table or array where one value belongs.
    NotSingleValue {
        /// The key.
        key: String,
    },
    /// A category the rules do not have.
    UnknownCategory {
        /// The value as written.
        raw: String,
    },
    /// A status that is none of planned, in progress, completed.
    UnknownStatus {
        /// The value as written.
        raw: String,
    },
    /// A construction type that is none of new, expansion, renovation, none.
    UnknownConstruction {
        /// The value as written.
        raw: String,
    },
    /// Not a date.
    NotADate {
        /// The value as written.
        raw: String,
    },
    /// A year that is not four digits between 1990 and 2100.
    NotAYear {
        /// The value as written.
        raw: String,
    },
    /// Not an amount.
    NotAnAmount {
        /// The value as written.
        raw: String,
    },
    /// An item of `contacts` that is not a name.
    ContactNotAName,
    /// A `contacts` that is not a list of names.
    ContactsNotAList,
}

/// A field of a ledger whose cells are read as values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// 项目类别.
    Category,
    /// 项目状态.
    Status,
    /// 建设性质.
    Construction,
    /// 总投资.
    TotalInvestment,
    /// 援疆资金.
    AidFunds,
    /// 计划开工时间.
    PlannedStart,
    /// 计划竣工时间.
    PlannedFinish,
    /// 实际开工时间.
    ActualStart,
    /// 实际竣工时间.
    ActualFinish,
    /// 下达日期.
    AllocationDate,
    /// 下达金额.
    AllocatedAmount,
    /// 开票日期.
    InvoiceDate,
    /// 发票金额.
    InvoiceAmount,
    /// 签订日期.
    SigningDate,
    /// 合同金额.
    ContractAmount,
    /// 结算金额.
    SettlementAmount,
    /// 拨付日期.
    PaymentDate,
    /// 拨付金额.
    PaymentAmount,
    /// 累计拨付.
    CumulativePayments,
    /// 拨付比例.
    PaymentRatio,
}

/// Why a ledger cell cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CellProblem {
    /// Not a value the field takes (a category, status or construction type).
    Unrecognised,
    /// Not an amount.
    NotAnAmount,
    /// A negative amount.
    NegativeAmount,
    /// An amount left empty where one is required.
    EmptyAmount,
    /// Not a date.
    NotADate,
    /// A date outside 1990–2100.
    ImplausibleDate,
    /// Not a share.
    NotAShare,
}
