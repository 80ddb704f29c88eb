//! Linking ledger records to projects: a record names its project by code or name, or
//! lies in the project's own folder. Rows that name no known project are reported.

use std::collections::HashMap;

use crate::finding::{Code, Finding};
use crate::lang::Lang;
use crate::ledger::header::LedgerKind;
use crate::ledger::records::{
    Allocation, Contract, Coverage, Invoice, Payment, ProjectRef, Records,
};
use crate::names::normalize::normalize;
use crate::project::Project;
use crate::ruleset::condition::ContractFacts;

/// The ledger records of one project.
#[derive(Debug, Default)]
pub struct ProjectLedgers<'r> {
    /// Allocations (资金下达).
    pub allocations: Vec<&'r Allocation>,
    /// Contracts.
    pub contracts: Vec<&'r Contract>,
    /// Payments, in ledger order.
    pub payments: Vec<&'r Payment>,
    /// Invoices.
    pub invoices: Vec<&'r Invoice>,
    /// Whether a contract ledger covers the project (so its contract list is complete).
    pub contracts_known: bool,
    /// The ledger tables that cover the project (its folder's and the archive's).
    pub coverage: Vec<&'r Coverage>,
}

impl<'r> ProjectLedgers<'r> {
    /// The files of the ledgers of `kind` that cover the project, each once, in order.
    pub fn files_of(&self, kind: LedgerKind) -> Vec<&'r str> {
        let mut files: Vec<&'r str> = Vec::new();
        for c in self.coverage.iter().filter(|c| c.kind == kind) {
            if !files.contains(&c.file.as_str()) {
                files.push(&c.file);
            }
        }
        files
    }
}

impl ProjectLedgers<'_> {
    /// The contracts as conditions need them; `None` when no contract ledger covers the project.
    pub fn contract_facts(&self) -> Option<Vec<ContractFacts>> {
        self.contracts_known.then(|| {
            self.contracts
                .iter()
                .map(|c| ContractFacts {
                    kind: c.kind,
                    amount: c.amount.map(|a| a.yuan),
                    procurement: c.procurement,
                })
                .collect()
        })
    }

    /// Whether any ledger row concerns the project.
    pub fn is_empty(&self) -> bool {
        self.allocations.is_empty()
            && self.contracts.is_empty()
            && self.payments.is_empty()
            && self.invoices.is_empty()
    }
}

/// Resolves every record to its project; one [`ProjectLedgers`] per project, index for index.
pub fn link<'r>(
    records: &'r Records,
    projects: &[Project],
    lang: Lang,
    out: &mut Vec<Finding>,
) -> Vec<ProjectLedgers<'r>> {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (index, p) in projects.iter().enumerate() {
        for key in [p.code.as_deref(), p.name.as_deref()].into_iter().flatten() {
            by_name.entry(normalize(key)).or_insert(index);
        }
    }
    let mut linked: Vec<ProjectLedgers<'r>> =
        projects.iter().map(|_| ProjectLedgers::default()).collect();
    for (index, l) in linked.iter_mut().enumerate() {
        l.coverage = records
            .coverage
            .iter()
            .filter(|c| c.covers(index))
            .collect();
        l.contracts_known = l.coverage.iter().any(|c| c.kind == LedgerKind::Contracts);
    }
    let mut resolve = |project: &Option<ProjectRef>, at: &str| -> Option<usize> {
        let found = match project {
            Some(ProjectRef::Folder(index)) => Some(*index),
            Some(ProjectRef::Named(name)) => by_name.get(&normalize(name)).copied(),
            None => None,
        };
        if found.is_none() {
            let named = match project {
                Some(ProjectRef::Named(name)) => name.as_str(),
                _ => "",
            };
            out.push(
                Finding::new(
                    Code::LedgerUnknownProject,
                    match (lang, named.is_empty()) {
                        (Lang::Zh, false) => format!("台账行所写的项目“{named}”在档案中不存在"),
                        (Lang::En, false) => format!(
                            "the row names project \"{named}\", which the archive does not have"
                        ),
                        (Lang::Zh, true) => {
                            "台账行没有项目编号，且台账不在任何项目文件夹中".to_string()
                        }
                        (Lang::En, true) => {
                            "the row has no project code and the ledger is in no project folder"
                                .to_string()
                        }
                    },
                )
                .path(at),
            );
        }
        found
    };
    for a in &records.allocations {
        if let Some(i) = resolve(&a.project, &a.at) {
            linked[i].allocations.push(a);
        }
    }
    for c in &records.contracts {
        if let Some(i) = resolve(&c.project, &c.at) {
            linked[i].contracts.push(c);
        }
    }
    for p in &records.payments {
        if let Some(i) = resolve(&p.project, &p.at) {
            linked[i].payments.push(p);
        }
    }
    for v in &records.invoices {
        if let Some(i) = resolve(&v.project, &v.at) {
            linked[i].invoices.push(v);
        }
    }
    linked
}
