//! Linking ledger records to projects: a record names its project by code or name, or
//! lies in the project's own folder. Rows that name no known project are reported.

use std::collections::HashMap;
use std::sync::Arc;

use crate::finding::said::LedgerSaid;
use crate::finding::{Code, Finding};
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
    pub fn files_of(&self, kind: LedgerKind) -> Vec<&'r Arc<str>> {
        let mut files: Vec<&'r Arc<str>> = Vec::new();
        for c in self.coverage.iter().filter(|c| c.kind == kind) {
            if !files.contains(&&c.file) {
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

/// The projects by normalised code and name; a code or name two projects share is kept
/// as shared, so that a row naming it is linked to neither rather than to the first.
struct Names(HashMap<String, Option<usize>>);

/// Why a ledger row could not be linked to a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unresolved {
    /// The name is no project's (or the row names none, outside every project folder).
    Unknown,
    /// Several projects have the name.
    Shared,
}

impl Names {
    fn of(projects: &[Project]) -> Names {
        let mut names: HashMap<String, Option<usize>> = HashMap::new();
        for (index, p) in projects.iter().enumerate() {
            for key in [p.code.as_deref(), p.name.as_deref()].into_iter().flatten() {
                let entry = names.entry(normalize(key)).or_insert(Some(index));
                if *entry != Some(index) {
                    *entry = None;
                }
            }
        }
        Names(names)
    }

    fn find(&self, name: &str) -> Result<usize, Unresolved> {
        match self.0.get(&normalize(name)) {
            Some(Some(index)) => Ok(*index),
            Some(None) => Err(Unresolved::Shared),
            None => Err(Unresolved::Unknown),
        }
    }
}

/// Resolves every record to its project; one [`ProjectLedgers`] per project, index for index.
pub fn link<'r>(
    records: &'r Records,
    projects: &[Project],
    out: &mut Vec<Finding>,
) -> Vec<ProjectLedgers<'r>> {
    let names = Names::of(projects);
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
        let (found, named) = match project {
            Some(ProjectRef::Folder(index)) => (Ok(*index), ""),
            Some(ProjectRef::Named(name)) => (names.find(name), name.as_str()),
            // In a project's own ledger a name the archive does not have, or several of
            // its projects share, is the folder's project.
            Some(ProjectRef::NamedInFolder(name, folder)) => {
                (Ok(names.find(name).unwrap_or(*folder)), name.as_str())
            }
            None => (Err(Unresolved::Unknown), ""),
        };
        match found {
            Ok(index) => Some(index),
            Err(why) => {
                let said = LedgerSaid::RowProjectUnknown {
                    named: named.to_string(),
                    shared: why == Unresolved::Shared,
                };
                out.push(Finding::new(Code::LedgerUnknownProject, said).path(at));
                None
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::{contract, payment};
    use crate::finding::Said;

    fn named(name: &str, at: &str) -> Payment {
        Payment {
            project: Some(ProjectRef::Named(name.to_string())),
            ..payment(at)
        }
    }

    fn projects() -> Vec<Project> {
        let project = |code: &str, name: &str| Project {
            code: Some(code.to_string()),
            name: Some(name.to_string()),
            ..Project::default()
        };
        vec![
            project("MGT-2023-001", "麦盖提县人民医院设备购置"),
            project("MGT-2023-002", "乡村道路硬化"),
        ]
    }

    #[test]
    fn a_name_two_projects_share_links_a_row_to_neither() {
        let mut twins = projects();
        twins[1].name = twins[0].name.clone();
        let records = Records {
            payments: vec![
                named("麦盖提县人民医院设备购置", "a!S!2"),
                named("MGT-2023-002", "a!S!3"),
                Payment {
                    project: Some(ProjectRef::NamedInFolder(
                        "麦盖提县人民医院设备购置".into(),
                        1,
                    )),
                    ..payment("b!S!2")
                },
            ],
            ..Records::default()
        };
        let mut out = Vec::new();
        let linked = link(&records, &twins, &mut out);
        let rows =
            |i: usize| -> Vec<&str> { linked[i].payments.iter().map(|p| p.at.as_str()).collect() };
        assert!(rows(0).is_empty(), "not to the first of the two");
        assert_eq!(
            rows(1),
            ["a!S!3", "b!S!2"],
            "by code, and by the folder's own ledger"
        );
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].said,
            Said::Ledger(LedgerSaid::RowProjectUnknown {
                named: "麦盖提县人民医院设备购置".into(),
                shared: true
            })
        );
        assert_eq!(out[0].paths, ["a!S!2"]);
    }

    #[test]
    fn a_row_names_its_project_by_code_or_name_or_lies_in_its_folder() {
        let records = Records {
            payments: vec![
                named("ＭＧＴ-2023-002", "a!S!2"),
                named("麦盖提县人民医院设备购置", "a!S!3"),
                Payment {
                    project: Some(ProjectRef::Folder(1)),
                    ..payment("b!S!2")
                },
                named("MGT-2023-999", "a!S!4"),
                Payment {
                    project: None,
                    ..payment("a!S!5")
                },
                // In project 1's folder: a name the archive does not have is the folder's
                // own project written shorter; a name it has is that project.
                Payment {
                    project: Some(ProjectRef::NamedInFolder("道路硬化".into(), 1)),
                    ..payment("c!S!2")
                },
                Payment {
                    project: Some(ProjectRef::NamedInFolder("MGT-2023-001".into(), 1)),
                    ..payment("c!S!3")
                },
            ],
            ..Records::default()
        };
        let mut out = Vec::new();
        let linked = link(&records, &projects(), &mut out);
        let rows =
            |i: usize| -> Vec<&str> { linked[i].payments.iter().map(|p| p.at.as_str()).collect() };
        assert_eq!(rows(0), ["a!S!3", "c!S!3"]);
        assert_eq!(rows(1), ["a!S!2", "b!S!2", "c!S!2"]);
        let unknown: Vec<(Code, &[String])> =
            out.iter().map(|f| (f.code, f.paths.as_slice())).collect();
        assert_eq!(
            unknown,
            [
                (Code::LedgerUnknownProject, &["a!S!4".to_string()][..]),
                (Code::LedgerUnknownProject, &["a!S!5".to_string()][..]),
            ]
        );
        let unknown = |named: &str| {
            Said::Ledger(LedgerSaid::RowProjectUnknown {
                named: named.into(),
                shared: false,
            })
        };
        assert_eq!(out[0].said, unknown("MGT-2023-999"));
        assert_eq!(out[1].said, unknown(""));
    }

    #[test]
    fn a_ledger_covers_the_archive_or_its_own_folders_project() {
        let coverage = |kind: LedgerKind, file: &str, owner: Option<usize>| Coverage {
            kind,
            file: file.into(),
            owner,
        };
        let records = Records {
            contracts: vec![contract("HT-1", "c!S!2")],
            coverage: vec![
                coverage(LedgerKind::Payments, "all.xlsx", None),
                coverage(LedgerKind::Payments, "all.xlsx", None),
                coverage(LedgerKind::Contracts, "p1/合同.xlsx", Some(1)),
                coverage(LedgerKind::Payments, "p1/拨付.xlsx", Some(1)),
            ],
            ..Records::default()
        };
        let linked = link(&records, &projects(), &mut Vec::new());
        let files = |i: usize| -> Vec<String> {
            linked[i]
                .files_of(LedgerKind::Payments)
                .iter()
                .map(|f| f.to_string())
                .collect()
        };
        assert_eq!(files(0), ["all.xlsx"]);
        assert_eq!(files(1), ["all.xlsx", "p1/拨付.xlsx"]);
        // Project 0 has a contract row, but no contract ledger covers it: its contract
        // list is not known to be complete. Project 1's is known, and empty.
        assert_eq!(linked[0].contracts.len(), 1);
        assert!(!linked[0].contracts_known && linked[0].contract_facts().is_none());
        assert!(linked[1].contracts_known);
        assert_eq!(linked[1].contract_facts().map(|f| f.len()), Some(0));
        assert!(!linked[0].is_empty() && linked[1].is_empty());
    }
}
