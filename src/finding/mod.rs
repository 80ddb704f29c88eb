//! Findings: what a sweep reports, one value per problem.
//!
//! A finding carries a stable [`Code`], a [`Severity`], where it applies (project, stage,
//! document) and its evidence (paths relative to the archive root, ledger cells as
//! `file!sheet!row`) and what it says as facts ([`Said`](crate::finding::Said)), never as words: the report
//! puts them into the language asked for. Findings are plain data; renderers only read them.

pub mod code;
pub mod file;
pub mod said;
pub mod stop;

pub use code::{Code, Family};
pub use said::Said;
use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Expected by good practice; worth a look.
    Warning,
    /// Required by the rules; fails the run by default.
    Error,
}

impl Severity {
    /// The id used in reports and rule files.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The label shown in the terminal report.
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Severity::Info => lang.pick("提示", "info"),
            Severity::Warning => lang.pick("警告", "warning"),
            Severity::Error => lang.pick("错误", "error"),
        }
    }
}

/// One problem found by a sweep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of problem it is.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// The project code (or, without one, the project folder) it concerns.
    pub project: Option<String>,
    /// The stage id it concerns.
    pub stage: Option<String>,
    /// The document id it concerns.
    pub document: Option<String>,
    /// Evidence: paths relative to the archive root with `/` separators, or ledger cells `file!sheet!row`.
    pub paths: Vec<String>,
    /// What it says, as facts: the report puts them into words.
    pub said: Said,
    /// The contract number a funding-chain finding concerns.
    pub contract: Option<String>,
    /// The voucher number a funding-chain finding concerns.
    pub voucher: Option<String>,
    /// The money and date a funding-chain finding is about, as values (boxed: most
    /// findings have none).
    pub figures: Option<Box<Figures>>,
}

/// The money and date a funding-chain finding is about, as values, so that the workbook
/// has number and date cells and machines need not read them out of the message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// The amount in question, in yuan: a payment, a total paid, a stated figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<rust_decimal::Decimal>,
    /// What it is measured against, in yuan: the contract amount, the aid funds, the
    /// settlement, the tender threshold, the recomputed figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<rust_decimal::Decimal>,
    /// The date in question (`YYYY-MM-DD`): of the payment, of the contract.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_date"
    )]
    pub date: Option<jiff::civil::Date>,
    /// Days between the two dates a chronology finding compares (how early, how late, how
    /// long idle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

fn serialize_date<S: serde::Serializer>(
    date: &Option<jiff::civil::Date>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.collect_str(d),
        None => serializer.serialize_none(),
    }
}

impl Finding {
    /// A finding of `code` at the code's default severity, concerning nothing in particular yet.
    pub fn new(code: Code, said: impl Into<Said>) -> Finding {
        Finding {
            code,
            severity: code.doc().severity,
            project: None,
            stage: None,
            document: None,
            paths: Vec::new(),
            said: said.into(),
            contract: None,
            voucher: None,
            figures: None,
        }
    }

    /// Sets the amount in question (yuan).
    pub fn amount(mut self, amount: rust_decimal::Decimal) -> Finding {
        self.figures.get_or_insert_default().amount = Some(amount);
        self
    }

    /// Sets what the amount is measured against (yuan).
    pub fn limit(mut self, limit: rust_decimal::Decimal) -> Finding {
        self.figures.get_or_insert_default().limit = Some(limit);
        self
    }

    /// Sets the date in question.
    pub fn date(mut self, date: jiff::civil::Date) -> Finding {
        self.figures.get_or_insert_default().date = Some(date);
        self
    }

    /// Sets the days between the dates a chronology finding compares.
    pub fn days(mut self, days: i64) -> Finding {
        self.figures.get_or_insert_default().days = Some(days);
        self
    }

    /// Sets the project.
    pub fn project(mut self, project: impl Into<String>) -> Finding {
        self.project = Some(project.into());
        self
    }

    /// Sets the stage.
    pub fn stage(mut self, stage: impl Into<String>) -> Finding {
        self.stage = Some(stage.into());
        self
    }

    /// Sets the document.
    pub fn document(mut self, document: impl Into<String>) -> Finding {
        self.document = Some(document.into());
        self
    }

    /// Adds a piece of evidence.
    pub fn path(mut self, path: impl Into<String>) -> Finding {
        // Most findings name one path: no room for four (a million-file archive can have
        // hundreds of thousands of findings).
        self.paths.reserve_exact(1);
        self.paths.push(path.into());
        self
    }

    /// Sets the contract number.
    pub fn contract(mut self, contract: impl Into<String>) -> Finding {
        self.contract = Some(contract.into());
        self
    }

    /// Sets the voucher number.
    pub fn voucher(mut self, voucher: impl Into<String>) -> Finding {
        self.voucher = Some(voucher.into());
        self
    }

    /// Overrides the severity (missing documents take the severity of their rule).
    pub fn severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }
}
