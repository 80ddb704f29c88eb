//! Test-only scaffolding for the checks: an archive built by hand (projects, file names,
//! ledger records) and the [`Context`] over it, so that a check's unit tests state only
//! the facts they are about.
//!
//! Files exist by name only (nothing is opened): they are classified by the built-in
//! rules as a sweep classifies them. Ledger records are linked to their projects by
//! [`link`], as in a sweep; every record made here names project 0 by its folder.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::Context;
use super::chain::ProjectChain;
use super::chain::link::link;
use crate::attributes::Status;
use crate::classify::classify;
use crate::finding::{Code, Finding};
use crate::ledger::header::LedgerKind;
use crate::ledger::records::{
    Allocation, Contract, Coverage, Invoice, Payment, ProjectRef, Records,
};
use crate::money::Unit;
use crate::money::amount::Amount;
use crate::project::Project;
use crate::ruleset::RuleSet;
use crate::scan::FileEntry;

/// The built-in rules, loaded once for every test.
static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    RuleSet::load(&[] as &[PathBuf], &Default::default()).expect("built-in rules")
});

/// Where the hand-built archive pretends to lie; nothing there is opened.
const ROOT: &str = "/archive";

/// The code (and folder) of project 0.
pub(crate) const CODE: &str = "MGT-2023-001";

/// Exact yuan: `yuan("1200000.00")`.
pub(crate) fn yuan(text: &str) -> Amount {
    Amount::exact(text.parse().expect("a decimal"))
}

/// An amount as a ledger cell in 万元 wrote it (`wan("580.50")` is 5,805,000 ± 50 yuan).
pub(crate) fn wan(text: &str) -> Amount {
    let figure: Decimal = text.parse().expect("a decimal");
    Amount::written(figure * Decimal::from(10_000), text, Unit::TenThousandYuan)
}

/// A date written `2023-08-01`.
pub(crate) fn day(text: &str) -> Date {
    text.parse().expect("a date")
}

/// A payment row of project 0 at `at` (`file!sheet!row`) with nothing filled in.
pub(crate) fn payment(at: &str) -> Payment {
    Payment {
        project: Some(ProjectRef::Folder(0)),
        contract_no: None,
        date: None,
        amount: None,
        voucher: None,
        voucher_text: None,
        voucher_cell: None,
        kind: None,
        invoice_no: None,
        cumulative: None,
        ratio: None,
        cumulative_cell: None,
        ratio_cell: None,
        at: at.to_string(),
        sequence: (0, 0),
    }
}

/// A contract row of project 0 numbered `number` at `at`, with nothing else filled in.
pub(crate) fn contract(number: &str, at: &str) -> Contract {
    Contract {
        project: Some(ProjectRef::Folder(0)),
        contract_no: Some(number.to_string()),
        title: None,
        kind: None,
        date: None,
        amount: None,
        procurement: None,
        settlement: None,
        at: at.to_string(),
    }
}

/// An allocation row of project 0 of `amount` at `at`.
pub(crate) fn allocation(amount: Option<Amount>, at: &str) -> Allocation {
    Allocation {
        project: Some(ProjectRef::Folder(0)),
        document_no: None,
        date: None,
        amount,
        at: at.to_string(),
    }
}

/// An invoice row of project 0 at `at`, with nothing filled in.
pub(crate) fn invoice(at: &str) -> Invoice {
    Invoice {
        project: Some(ProjectRef::Folder(0)),
        contract_no: None,
        invoice_no: None,
        date: None,
        amount: None,
        at: at.to_string(),
    }
}

/// A hand-built archive: project 0 (`MGT-2023-001`, in its own folder), the names of its
/// files, and ledger records.
pub(crate) struct Archive {
    /// The projects; project 0 is the one the builders fill.
    pub projects: Vec<Project>,
    /// Paths of project 0's files below its folder (`04 拨付/记-0041 拨付凭证.pdf`).
    pub files: Vec<String>,
    /// The ledger records.
    pub records: Records,
    /// Rules with other thresholds than the built-in ones.
    pub rules: Option<RuleSet>,
}

impl Archive {
    /// A project of `category` with `status` and no file, ledger or amount.
    pub(crate) fn new(category: &str, status: Option<Status>) -> Archive {
        let project = Project {
            code: Some(CODE.to_string()),
            category: Some(category.to_string()),
            status,
            folder: Some(Path::new(ROOT).join(CODE)),
            folder_rel: Some(CODE.to_string()),
            ..Project::default()
        };
        Archive {
            projects: vec![project],
            files: Vec::new(),
            records: Records::default(),
            rules: None,
        }
    }

    /// Project 0, to set its amounts and dates.
    pub(crate) fn project(&mut self) -> &mut Project {
        &mut self.projects[0]
    }

    /// A file of project 0 at `rel` below its folder.
    pub(crate) fn file(&mut self, rel: &str) -> &mut Archive {
        self.files.push(rel.to_string());
        self
    }

    /// A payment row, read from a payment ledger of the archive.
    pub(crate) fn payment(&mut self, row: Payment) -> &mut Archive {
        self.covered_by(LedgerKind::Payments);
        self.records.payments.push(row);
        self
    }

    /// A contract row, read from a contract ledger of the archive (so the project's
    /// contract list is complete).
    pub(crate) fn contract(&mut self, row: Contract) -> &mut Archive {
        self.covered_by(LedgerKind::Contracts);
        self.records.contracts.push(row);
        self
    }

    /// An allocation row, read from an allocation ledger of the archive.
    pub(crate) fn allocation(&mut self, row: Allocation) -> &mut Archive {
        self.covered_by(LedgerKind::Allocations);
        self.records.allocations.push(row);
        self
    }

    /// An invoice row, read from an invoice ledger of the archive.
    pub(crate) fn invoice(&mut self, row: Invoice) -> &mut Archive {
        self.covered_by(LedgerKind::Invoices);
        self.records.invoices.push(row);
        self
    }

    /// A ledger of `kind` of the whole archive (`<kind>.xlsx`), once.
    pub(crate) fn covered_by(&mut self, kind: LedgerKind) -> &mut Archive {
        let coverage = Coverage {
            kind,
            file: format!("{kind:?}.xlsx").into(),
            owner: None,
        };
        if !self.records.coverage.contains(&coverage) {
            self.records.coverage.push(coverage);
        }
        self
    }

    /// The built-in rules with `threshold` set to `value`.
    pub(crate) fn threshold(&mut self, threshold: &str, value: Decimal) -> &mut Archive {
        let overrides = [(threshold.to_string(), value)].into_iter().collect();
        self.rules =
            Some(RuleSet::load(&[] as &[PathBuf], &overrides).expect("a threshold override"));
        self
    }

    /// Calls `with` on the context of the archive (English messages, today 2026-11-30),
    /// after linking the ledgers (whose findings come first in `out`).
    pub(crate) fn with_context<R>(
        &self,
        out: &mut Vec<Finding>,
        with: impl FnOnce(&Context<'_>, &mut Vec<Finding>) -> R,
    ) -> R {
        let root = Path::new(ROOT);
        let rules = self.rules.as_ref().unwrap_or(&RULES);
        let files: Vec<FileEntry> = self
            .files
            .iter()
            .map(|rel| {
                let depth = rel.split('/').count();
                let path = root.join(CODE).join(rel);
                FileEntry::new(0, root, &path, depth, 1, None)
            })
            .collect();
        let is_ledger = |_: &crate::scan::RelPath, name: &str| crate::ledger::is_ledger_name(name);
        let classes = classify(&files, &self.projects, rules, &is_ledger);
        let ledgers = link(&self.records, &self.projects, out);
        let ctx = Context {
            root,
            rules,
            projects: &self.projects,
            files: &files,
            classes: &classes,
            walk_errors: &[],
            symlinks: &[],
            special_files: &[],
            nested_projects: &[],
            inspections: &[],
            ledgers: &ledgers,
            today: jiff::civil::date(2026, 11, 30),
        };
        with(&ctx, out)
    }

    /// The findings of one family of chain checks (`check`) on project 0, as
    /// [`super::chain::check`] calls it.
    pub(crate) fn chain_findings(
        &self,
        check: fn(&Context<'_>, &ProjectChain<'_>, &mut Vec<Finding>),
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        self.with_context(&mut out, |ctx, out| {
            let chain = ProjectChain {
                index: 0,
                key: ctx.projects[0].key(),
                ledgers: &ctx.ledgers[0],
                files: 0..ctx.files.len(),
            };
            check(ctx, &chain, out);
        });
        out
    }
}

/// The findings of `code`.
pub(crate) fn of(findings: &[Finding], code: Code) -> Vec<&Finding> {
    findings.iter().filter(|f| f.code == code).collect()
}

/// The amount and limit a finding states, as written (`"5805050.01"`), for comparing.
pub(crate) fn figures(finding: &Finding) -> (Option<String>, Option<String>) {
    let figures = finding.figures.as_deref();
    (
        figures
            .and_then(|f| f.amount)
            .map(|a| a.normalize().to_string()),
        figures
            .and_then(|f| f.limit)
            .map(|l| l.normalize().to_string()),
    )
}
