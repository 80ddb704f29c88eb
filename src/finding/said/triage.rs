//! Waivers: exceptions that expired or cover nothing.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// What a finding says about a waiver of the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "said", rename_all = "kebab-case")]
pub enum WaiverSaid {
    /// A waiver past its last day: what it covered counts again.
    WaiverExpired {
        /// Where it is written: `file:line`.
        origin: String,
        /// What it covers, as written.
        scope: String,
        /// Its last day.
        expired: Option<Date>,
        /// Why it was granted.
        reason: String,
    },
    /// A waiver in force that covered no finding.
    WaiverUnused {
        /// Where it is written: `file:line`.
        origin: String,
        /// What it covers, as written.
        scope: String,
    },
}

impl From<WaiverSaid> for super::Said {
    fn from(said: WaiverSaid) -> super::Said {
        super::Said::Waiver(said)
    }
}
