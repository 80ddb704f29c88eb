//! The course of each project: planned dates and the dated milestones the archive
//! evidences (`PORTFOLIO.md` §1).
//!
//! A milestone is dated by the first evidence that states its date: a manifest or ledger
//! fact (`actual_start`, `actual_finish`), a ledger cell (contracts, allocations,
//! payments), else the date written in the name of the milestone's document (or of the
//! folder that holds its pages). Several files of one milestone give its earliest date. A
//! milestone whose evidence carries no date has an unknown date and says why; nothing is
//! guessed.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Context;
use crate::attributes::ContractKind;
use crate::classify::FileClass;
use crate::ledger::header::LedgerKind;
use crate::paths::RelPath;

/// The milestones of a project's course, in lifecycle order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneId {
    /// 立项/可研批复: `feasibility-approval`, else `project-approval`.
    Approval,
    /// 施工许可: `construction-permit`.
    Permit,
    /// 中标: `award-notice`.
    Award,
    /// 合同签订: the earliest construction or goods contract of the contract ledger.
    Contract,
    /// 开工: `actual_start`, else `commencement-order`.
    Commencement,
    /// 竣工: `actual_finish`, else `acceptance-report` (non-fixed: `acceptance-opinion`).
    Completion,
    /// 结算审核: `settlement-audit`.
    Settlement,
    /// 竣工决算: `final-accounts`.
    FinalAccounts,
    /// 首次资金下达 (allocation ledger).
    FirstAllocation,
    /// 首次拨付 (payment ledger).
    FirstPayment,
    /// 末次拨付 (payment ledger).
    LastPayment,
}

impl MilestoneId {
    /// Every milestone, in the order timelines list them.
    pub const ALL: [MilestoneId; 11] = [
        MilestoneId::Approval,
        MilestoneId::Permit,
        MilestoneId::Award,
        MilestoneId::Contract,
        MilestoneId::FirstAllocation,
        MilestoneId::Commencement,
        MilestoneId::FirstPayment,
        MilestoneId::Completion,
        MilestoneId::Settlement,
        MilestoneId::FinalAccounts,
        MilestoneId::LastPayment,
    ];

    /// The id reports and JSON use.
    pub fn id(self) -> &'static str {
        match self {
            MilestoneId::Approval => "approval",
            MilestoneId::Permit => "permit",
            MilestoneId::Award => "award",
            MilestoneId::Contract => "contract",
            MilestoneId::Commencement => "commencement",
            MilestoneId::Completion => "completion",
            MilestoneId::Settlement => "settlement",
            MilestoneId::FinalAccounts => "final-accounts",
            MilestoneId::FirstAllocation => "first-allocation",
            MilestoneId::FirstPayment => "first-payment",
            MilestoneId::LastPayment => "last-payment",
        }
    }

    /// The milestone's name, `[zh, en]`.
    pub fn name(self) -> [&'static str; 2] {
        match self {
            MilestoneId::Approval => ["立项批复", "approval"],
            MilestoneId::Permit => ["施工许可", "construction permit"],
            MilestoneId::Award => ["中标通知", "award"],
            MilestoneId::Contract => ["合同签订", "contract signed"],
            MilestoneId::Commencement => ["开工", "commencement"],
            MilestoneId::Completion => ["竣工验收", "completion"],
            MilestoneId::Settlement => ["结算审核", "settlement audit"],
            MilestoneId::FinalAccounts => ["竣工决算", "final accounts"],
            MilestoneId::FirstAllocation => ["首次资金下达", "first allocation"],
            MilestoneId::FirstPayment => ["首次拨付", "first payment"],
            MilestoneId::LastPayment => ["末次拨付", "last payment"],
        }
    }

    /// The documents that evidence the milestone, in order of preference.
    fn documents(self) -> &'static [&'static str] {
        match self {
            MilestoneId::Approval => &["feasibility-approval", "project-approval"],
            MilestoneId::Permit => &["construction-permit"],
            MilestoneId::Award => &["award-notice"],
            MilestoneId::Commencement => &["commencement-order"],
            MilestoneId::Completion => &["acceptance-report", "acceptance-opinion"],
            MilestoneId::Settlement => &["settlement-audit"],
            MilestoneId::FinalAccounts => &["final-accounts"],
            MilestoneId::Contract
            | MilestoneId::FirstAllocation
            | MilestoneId::FirstPayment
            | MilestoneId::LastPayment => &[],
        }
    }
}

/// Why a date is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateUnknown {
    /// Neither the manifest nor the project ledger states it.
    NotRecorded,
    /// The archive holds no document that evidences it.
    NoDocument,
    /// Its document is there, but no file or folder name carries a date.
    Undated,
    /// No ledger of its kind covers the project.
    NoLedger,
    /// The ledger covers the project and has no row of it (nothing signed, allocated or paid).
    NoRecord,
    /// The project's rows have no readable date (reported as `ledger-bad-cell`).
    UnreadableDate,
}

/// One milestone of a project: its date and the evidence it comes from, or why it is
/// unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// Which milestone.
    pub id: MilestoneId,
    /// Its date, when the evidence states one.
    pub date: Option<Date>,
    /// The evidence: a file, a ledger cell `file!sheet!row`, or the manifest or ledger row
    /// (a file's path shared with the scan's, not copied: a million-file archive has tens
    /// of thousands of projects, each with a dozen milestones).
    pub source: Option<RelPath>,
    /// Why the date is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<DateUnknown>,
}

/// A project's course: planned dates and milestones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// 计划开工.
    pub planned_start: Option<Date>,
    /// 计划竣工.
    pub planned_finish: Option<Date>,
    /// The milestones that apply to the project's category, in lifecycle order.
    pub milestones: Vec<Milestone>,
    /// Why a planned date is unknown, by field (`planned_start`, `planned_finish`).
    #[serde(
        default,
        skip_serializing_if = "crate::check::known_keys::FigureMap::is_empty"
    )]
    pub unknown: crate::check::known_keys::FigureMap<DateUnknown>,
}

impl Timeline {
    /// The date of a milestone, when known.
    pub fn date(&self, id: MilestoneId) -> Option<Date> {
        self.milestone(id).and_then(|m| m.date)
    }

    /// A milestone, when it applies to the project.
    pub fn milestone(&self, id: MilestoneId) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id)
    }
}

/// The timeline of every project, index for index with `ctx.projects`.
pub fn timelines(ctx: &Context<'_>) -> Vec<Timeline> {
    let runs = ctx.project_runs();
    (0..ctx.projects.len())
        .map(|index| timeline(ctx, index, runs[index].clone()))
        .collect()
}

/// The timeline of project `index`, whose files are `run`.
fn timeline(ctx: &Context<'_>, index: usize, run: std::ops::Range<usize>) -> Timeline {
    let project = &ctx.projects[index];
    let schedule = project.schedule;
    let mut timeline = Timeline {
        planned_start: schedule.planned_start,
        planned_finish: schedule.planned_finish,
        // Room for every milestone at once: grown by doubling, a dozen would take sixteen
        // places (tens of thousands of projects at a million files).
        milestones: Vec::with_capacity(MilestoneId::ALL.len()),
        ..Timeline::default()
    };
    for (field, date) in [
        ("planned_start", schedule.planned_start),
        ("planned_finish", schedule.planned_finish),
    ] {
        if date.is_none() {
            timeline.unknown.insert(field, DateUnknown::NotRecorded);
        }
    }
    let evidence = DatedEvidence::gather(ctx, index, run);
    let stated = project.sources.first().map(|s| RelPath::from(s.as_str()));
    for id in MilestoneId::ALL {
        let milestone = match id {
            MilestoneId::Contract
            | MilestoneId::FirstAllocation
            | MilestoneId::FirstPayment
            | MilestoneId::LastPayment => from_ledgers(ctx, index, id),
            MilestoneId::Commencement | MilestoneId::Completion => {
                let fact = if id == MilestoneId::Commencement {
                    schedule.actual_start
                } else {
                    schedule.actual_finish
                };
                match fact {
                    Some(date) => Some(Milestone {
                        id,
                        date: Some(date),
                        source: stated.clone(),
                        unknown: None,
                    }),
                    None => evidence.milestone(id),
                }
            }
            _ => evidence.milestone(id),
        };
        timeline.milestones.extend(milestone);
    }
    timeline
}

/// The files of one project that evidence a milestone document, with the date their
/// names carry.
struct DatedEvidence<'a> {
    /// `(document id, file path, date)` of every evidence file of a milestone document.
    files: Vec<(&'a str, RelPath, Option<Date>)>,
    /// The documents of the project's category that evidence some milestone.
    in_rules: Vec<&'a str>,
}

impl<'a> DatedEvidence<'a> {
    /// Gathers the milestone documents' files of project `index` (`run`).
    fn gather(ctx: &'a Context<'_>, index: usize, run: std::ops::Range<usize>) -> Self {
        let Some(category) = ctx.category_of(index) else {
            return DatedEvidence {
                files: Vec::new(),
                in_rules: Vec::new(),
            };
        };
        let milestone_docs: Vec<&str> = MilestoneId::ALL
            .iter()
            .flat_map(|m| m.documents().iter().copied())
            .collect();
        let in_rules = category
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .filter(|id| milestone_docs.contains(id))
            .collect();
        let mut files = Vec::new();
        for f in run {
            let FileClass::Evidence {
                document,
                by_folder,
            } = ctx.classes[f].class
            else {
                continue;
            };
            let doc = category.documents[document as usize].id.as_str();
            // An unusable file (empty, corrupt, encrypted) is no evidence of its document,
            // nor of the date its name carries.
            if !milestone_docs.contains(&doc) || !ctx.is_usable(f) {
                continue;
            }
            let entry = &ctx.files[f];
            let date = ctx.classes[f].fields().date.or_else(|| {
                // Pages scanned into a folder named after the document (`开工令 2023.5.12/001.jpg`).
                by_folder
                    .then(|| folder_date(entry.rel_path().joined().as_str()))
                    .flatten()
            });
            files.push((doc, entry.rel_path().clone(), date));
        }
        DatedEvidence { files, in_rules }
    }

    /// The milestone as its documents date it; `None` when the category has none of them.
    fn milestone(&self, id: MilestoneId) -> Option<Milestone> {
        let documents: Vec<&str> = id
            .documents()
            .iter()
            .copied()
            .filter(|d| self.in_rules.contains(d))
            .collect();
        if documents.is_empty() {
            return None;
        }
        let mut undated: Option<&RelPath> = None;
        for doc in documents {
            let earliest = self
                .files
                .iter()
                .filter(|(d, _, _)| *d == doc)
                .filter_map(|(_, path, date)| date.map(|date| (date, path)))
                .min();
            if let Some((date, path)) = earliest {
                return Some(Milestone {
                    id,
                    date: Some(date),
                    source: Some(path.clone()),
                    unknown: None,
                });
            }
            undated = undated.or_else(|| {
                self.files
                    .iter()
                    .find(|(d, _, _)| *d == doc)
                    .map(|(_, path, _)| path)
            });
        }
        Some(Milestone {
            id,
            date: None,
            source: undated.cloned(),
            unknown: Some(if undated.is_some() {
                DateUnknown::Undated
            } else {
                DateUnknown::NoDocument
            }),
        })
    }
}

/// The date in the name of the folder that holds a file (`a/开工令 2023.5.12/001.jpg`).
fn folder_date(path: &str) -> Option<Date> {
    let folder = path.rsplit_once('/')?.0;
    let name = folder.rsplit('/').next()?;
    crate::dates::find_date(&crate::names::normalize::normalize(name))
}

/// A milestone the ledgers date: the earliest construction or goods contract, the first
/// allocation, the first and last payment.
fn from_ledgers(ctx: &Context<'_>, index: usize, id: MilestoneId) -> Option<Milestone> {
    let ledgers = ctx.ledgers.get(index)?;
    let (kind, rows): (LedgerKind, Vec<(Option<Date>, &str)>) = match id {
        MilestoneId::Contract => (
            LedgerKind::Contracts,
            ledgers
                .contracts
                .iter()
                .filter(|c| is_main_contract(c.kind))
                .map(|c| (c.date, c.at.as_str()))
                .collect(),
        ),
        MilestoneId::FirstAllocation => (
            LedgerKind::Allocations,
            ledgers
                .allocations
                .iter()
                .map(|a| (a.date, a.at.as_str()))
                .collect(),
        ),
        _ => (
            LedgerKind::Payments,
            ledgers
                .payments
                .iter()
                .map(|p| (p.date, p.at.as_str()))
                .collect(),
        ),
    };
    let dated = rows.iter().filter_map(|(d, at)| d.map(|d| (d, *at)));
    let found = if id == MilestoneId::LastPayment {
        dated.max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
    } else {
        dated.min()
    };
    let unknown = if found.is_some() {
        None
    } else if ledgers.files_of(kind).is_empty() && rows.is_empty() {
        Some(DateUnknown::NoLedger)
    } else if rows.is_empty() {
        Some(DateUnknown::NoRecord)
    } else {
        Some(DateUnknown::UnreadableDate)
    };
    Some(Milestone {
        id,
        date: found.map(|(d, _)| d),
        source: found.map(|(_, at)| RelPath::from(at)),
        unknown,
    })
}

/// Whether a contract is one whose signing the `contract` milestone and the
/// `contract-before-award` check concern: construction or goods, or of a kind not stated.
pub fn is_main_contract(kind: Option<ContractKind>) -> bool {
    matches!(
        kind,
        None | Some(ContractKind::Construction) | Some(ContractKind::Goods)
    )
}
