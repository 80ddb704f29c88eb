//! Chronology: works begun before the permit, contracts signed before the award,
//! completion later than planned, funds allocated and not put to work.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// What a finding says about the order of a project's dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "said", rename_all = "kebab-case")]
pub enum ChronologySaid {
    /// Commencement before the construction permit.
    StartedBeforePermit {
        /// Commencement.
        start: Date,
        /// The permit.
        permit: Date,
        /// How many days early.
        days: i64,
    },
    /// A construction or goods contract signed before the award notice.
    ContractBeforeAward {
        /// The contract's number (empty when it has none).
        contract: String,
        /// When it was signed.
        signed: Date,
        /// The award notice.
        award: Date,
        /// How many days early.
        days: i64,
    },
    /// Completion later than the planned finish.
    CompletedLate {
        /// Completion.
        done: Date,
        /// The planned finish.
        planned: Date,
        /// How many days late.
        days: i64,
    },
    /// Funds allocated long before their first payment, or still unpaid.
    FundsIdle {
        /// The first allocation.
        allocated: Date,
        /// The first payment, or today when nothing is paid.
        until: Date,
        /// Whether anything was paid.
        paid: bool,
        /// Days between.
        days: i64,
    },
}

impl From<ChronologySaid> for super::Said {
    fn from(said: ChronologySaid) -> super::Said {
        super::Said::Chronology(said)
    }
}
