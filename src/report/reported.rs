//! A finding as a report shows it: the finding's facts with the sentence the report's
//! language makes of them. The words are made once, when the report is built, and every
//! renderer reads them; the JSON report keeps both, `message` for people and `facts` for
//! machines (and for `guicang merge`, which reads the report back).

use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::finding::{Code, Figures, Finding, Said, Severity};

/// A finding and its message in the report's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    /// The finding as the checks made it.
    pub finding: Finding,
    /// What it says, in the report's language.
    pub message: String,
}

impl std::borrow::Borrow<Finding> for Reported {
    fn borrow(&self) -> &Finding {
        &self.finding
    }
}

impl Deref for Reported {
    type Target = Finding;

    fn deref(&self) -> &Finding {
        &self.finding
    }
}

/// The JSON shape of a reported finding, borrowed for writing: the fields in the order
/// reports have always had, the message after the evidence, the facts last.
#[derive(Serialize)]
struct Shown<'a> {
    code: Code,
    severity: Severity,
    project: Option<&'a str>,
    stage: Option<&'a str>,
    document: Option<&'a str>,
    paths: &'a [String],
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    contract: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    voucher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    figures: Option<&'a Figures>,
    facts: &'a Said,
}

/// The JSON shape of a reported finding, owned for reading back.
#[derive(Deserialize)]
struct Read {
    code: Code,
    severity: Severity,
    project: Option<String>,
    stage: Option<String>,
    document: Option<String>,
    paths: Vec<String>,
    message: String,
    #[serde(default)]
    contract: Option<String>,
    #[serde(default)]
    voucher: Option<String>,
    #[serde(default)]
    figures: Option<Box<Figures>>,
    facts: Said,
}

impl Serialize for Reported {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let f = &self.finding;
        Shown {
            code: f.code,
            severity: f.severity,
            project: f.project.as_deref(),
            stage: f.stage.as_deref(),
            document: f.document.as_deref(),
            paths: &f.paths,
            message: &self.message,
            contract: f.contract.as_deref(),
            voucher: f.voucher.as_deref(),
            figures: f.figures.as_deref(),
            facts: &f.said,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Reported {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Reported, D::Error> {
        let read = Read::deserialize(deserializer)?;
        let said = read.facts;
        Ok(Reported {
            finding: Finding {
                code: read.code,
                severity: read.severity,
                project: read.project,
                stage: read.stage,
                document: read.document,
                paths: read.paths,
                said,
                contract: read.contract,
                voucher: read.voucher,
                figures: read.figures,
            },
            message: read.message,
        })
    }
}

#[cfg(test)]
impl Finding {
    /// This finding with its words as given (tests of renderers, which read messages only).
    pub(crate) fn reported(self) -> Reported {
        let message = match &self.said {
            Said::Text { text } => text.clone(),
            _ => String::new(),
        };
        Reported {
            finding: self,
            message,
        }
    }
}
