//! What changed between two recorded sweeps: findings resolved, new and persisting (with
//! when each was first seen and for how many days it has been open), the same per
//! implementing unit and per contact person, maturity changes of planned projects, and
//! completeness over time per unit.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::record::{FindingRecord, ProjectRecord};
use super::{HistoryError, Store, StoredSweep};

/// The history as `guicang history` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    /// Every sweep recorded, oldest first.
    pub sweeps: Vec<SweepView>,
    /// The changes between the two sweeps compared; `null` with a single sweep.
    pub changes: Option<Changes>,
    /// Per implementing unit.
    pub by_unit: Vec<UnitChange>,
    /// Per contact person (a project with two is counted for both).
    pub by_contact: Vec<ContactChange>,
    /// Planned projects whose reserve grade changed.
    pub maturity_changes: Vec<MaturityChange>,
    /// Completeness per unit in every sweep of the archive up to the later one.
    pub completeness: Vec<UnitSeries>,
}

/// One sweep in the list.
#[derive(Debug, Clone, Serialize)]
pub struct SweepView {
    /// Its id.
    pub id: i64,
    /// When it ran.
    pub at: String,
    /// The archive root.
    pub root: String,
    /// `K/N` of a shard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// The report's summary.
    pub summary: Value,
}

/// The findings that changed between two sweeps, as the check report has them.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// The earlier sweep.
    pub from: i64,
    /// The later sweep.
    pub to: i64,
    /// In the earlier sweep, not in the later.
    pub resolved: Vec<Value>,
    /// In the later sweep, not in the earlier.
    pub new: Vec<Value>,
    /// In both, each with `first_seen` (when the run of sweeps holding it began) and
    /// `days_open`.
    pub persisting: Vec<Value>,
}

/// Counts of one unit or contact person.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Findings open in the later sweep.
    pub open: usize,
    /// Of those, new.
    pub new: usize,
    /// Findings of the earlier sweep resolved since.
    pub resolved: usize,
    /// Resolved ÷ findings of the earlier sweep, 4 decimals (`null` when it had none).
    pub share_resolved: Option<f64>,
}

/// One implementing unit's changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitChange {
    /// The unit; `null` for projects without one and the archive as a whole.
    pub unit: Option<String>,
    /// Its counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// One contact person's changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactChange {
    /// The contact person.
    pub contact: String,
    /// Their counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// A planned project whose grade changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaturityChange {
    /// Project key.
    pub project: String,
    /// Project name.
    pub name: Option<String>,
    /// Grade in the earlier sweep (`null`: not planned, or not in it).
    pub from: Option<String>,
    /// Grade in the later sweep.
    pub to: Option<String>,
}

/// One unit's completeness over the sweeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitSeries {
    /// The unit.
    pub unit: Option<String>,
    /// One point per sweep.
    pub points: Vec<Point>,
}

/// A unit's completeness in one sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The sweep.
    pub sweep: i64,
    /// When it ran.
    pub at: String,
    /// Present ÷ required over the unit's projects (`null` when none requires any).
    pub completeness: Option<f64>,
}

/// Reads the history and compares sweep `from` with sweep `to` (default: the last sweep,
/// and the one of the same archive before it).
pub fn view(
    store: &mut Store,
    target: &str,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<HistoryView, HistoryError> {
    let sweeps = store.sweeps()?;
    let Some(last) = sweeps.last() else {
        return Err(HistoryError::Empty {
            target: target.to_string(),
        });
    };
    let find = |id: i64| {
        sweeps
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| HistoryError::NoSweep {
                target: target.to_string(),
                id,
            })
    };
    let later = match to {
        Some(id) => find(id)?,
        None => last,
    };
    let earlier = match from {
        Some(id) if id >= later.id => {
            return Err(HistoryError::NotBefore {
                from: id,
                to: later.id,
            });
        }
        Some(id) => Some(find(id)?),
        None => sweeps
            .iter()
            .rev()
            .find(|s| s.id < later.id && same_archive(s, later)),
    };
    let series: Vec<&StoredSweep> = sweeps
        .iter()
        .filter(|s| s.id <= later.id && same_archive(s, later))
        .collect();
    let mut view = HistoryView {
        sweeps: sweeps.iter().map(sweep_view).collect(),
        changes: None,
        by_unit: Vec::new(),
        by_contact: Vec::new(),
        maturity_changes: Vec::new(),
        completeness: completeness(store, &series)?,
    };
    if let Some(earlier) = earlier {
        compare(store, earlier, later, &series, &mut view)?;
    }
    Ok(view)
}

/// Whether two sweeps are of the same archive (and the same shard).
fn same_archive(a: &StoredSweep, b: &StoredSweep) -> bool {
    a.root == b.root && a.shard == b.shard
}

fn sweep_view(s: &StoredSweep) -> SweepView {
    SweepView {
        id: s.id,
        at: s.at.clone(),
        root: s.root.clone(),
        shard: s.shard.clone(),
        summary: serde_json::from_str(&s.summary).unwrap_or(Value::Null),
    }
}

/// The finding as the check report has it, from its recorded detail.
fn finding_json(f: &FindingRecord) -> Value {
    serde_json::from_str(&f.detail).unwrap_or_else(|_| {
        serde_json::json!({ "code": f.code, "severity": f.severity, "project": f.project,
            "stage": f.stage, "document": f.document, "paths": f.path.iter().collect::<Vec<_>>(),
            "message": f.message })
    })
}

/// Fills the changes, the groups and the maturity changes of `earlier` → `later`.
fn compare(
    store: &mut Store,
    earlier: &StoredSweep,
    later: &StoredSweep,
    series: &[&StoredSweep],
    view: &mut HistoryView,
) -> Result<(), HistoryError> {
    let before = store.findings(earlier.id)?;
    let after = store.findings(later.id)?;
    let before_projects = store.projects(earlier.id)?;
    let after_projects = store.projects(later.id)?;
    let before_ids: HashSet<&str> = before.iter().map(|f| f.identity.as_str()).collect();
    let after_ids: HashSet<&str> = after.iter().map(|f| f.identity.as_str()).collect();
    let resolved: Vec<&FindingRecord> = before
        .iter()
        .filter(|f| !after_ids.contains(f.identity.as_str()))
        .collect();
    let (persisting, new): (Vec<&FindingRecord>, Vec<&FindingRecord>) = after
        .iter()
        .partition(|f| before_ids.contains(f.identity.as_str()));
    let first_seen = first_seen(store, series, earlier, &persisting)?;
    let today = date_of(&later.at);
    let persisting_json = persisting
        .iter()
        .map(|f| {
            let mut json = finding_json(f);
            let seen = first_seen
                .get(f.identity.as_str())
                .cloned()
                .unwrap_or_else(|| earlier.at.clone());
            let days = match (date_of(&seen), today) {
                (Some(a), Some(b)) => Some(crate::dates::days_between(a, b)),
                _ => None,
            };
            json["first_seen"] = Value::String(seen);
            json["days_open"] = days.map_or(Value::Null, Value::from);
            json
        })
        .collect();
    let groups = Groups::new(&before_projects, &after_projects);
    view.by_unit = groups.units(&resolved, &persisting, &new);
    view.by_contact = groups.contacts(&resolved, &persisting, &new);
    view.maturity_changes = maturity_changes(&before_projects, &after_projects);
    view.changes = Some(Changes {
        from: earlier.id,
        to: later.id,
        resolved: resolved.iter().map(|f| finding_json(f)).collect(),
        new: new.iter().map(|f| finding_json(f)).collect(),
        persisting: persisting_json,
    });
    Ok(())
}

/// The date of an RFC 3339 time.
fn date_of(at: &str) -> Option<jiff::civil::Date> {
    at.get(..10).and_then(crate::dates::parse_date)
}

/// When each persisting finding was first seen: the earliest sweep of the unbroken run of
/// sweeps (of the same archive, up to `earlier`) that all hold it.
fn first_seen(
    store: &mut Store,
    series: &[&StoredSweep],
    earlier: &StoredSweep,
    persisting: &[&FindingRecord],
) -> Result<HashMap<String, String>, HistoryError> {
    let mut open: HashSet<&str> = persisting.iter().map(|f| f.identity.as_str()).collect();
    let mut seen: HashMap<String, String> = open
        .iter()
        .map(|id| (id.to_string(), earlier.at.clone()))
        .collect();
    for sweep in series.iter().rev().filter(|s| s.id < earlier.id) {
        if open.is_empty() {
            break;
        }
        let held: HashSet<String> = store.identities(sweep.id)?.into_iter().collect();
        open.retain(|id| {
            let still = held.contains(*id);
            if still {
                seen.insert(id.to_string(), sweep.at.clone());
            }
            still
        });
    }
    Ok(seen)
}

/// Who each project belongs to, in either sweep.
struct Groups<'a> {
    /// Project key → implementing unit.
    units: HashMap<&'a str, Option<&'a str>>,
    /// Project key → contact persons.
    contacts: HashMap<&'a str, &'a [String]>,
}

impl<'a> Groups<'a> {
    fn new(before: &'a [ProjectRecord], after: &'a [ProjectRecord]) -> Groups<'a> {
        let mut groups = Groups {
            units: HashMap::new(),
            contacts: HashMap::new(),
        };
        // The later sweep says who is responsible now; the earlier one fills in projects gone since.
        for p in before.iter().chain(after) {
            groups.units.insert(&p.key, p.unit.as_deref());
            groups.contacts.insert(&p.key, &p.contacts);
        }
        groups
    }

    /// Counts per unit.
    fn units(
        &self,
        resolved: &[&FindingRecord],
        persisting: &[&FindingRecord],
        new: &[&FindingRecord],
    ) -> Vec<UnitChange> {
        let mut counts: BTreeMap<(bool, Option<String>), Tally> = BTreeMap::new();
        let unit = |f: &FindingRecord| {
            f.project
                .as_deref()
                .and_then(|k| self.units.get(k).copied().flatten())
                .map(str::to_string)
        };
        tally(
            resolved,
            persisting,
            new,
            |f| vec![unit(f)],
            &mut counts,
            |u| (u.is_none(), u),
        );
        counts
            .into_iter()
            .map(|((_, unit), t)| UnitChange {
                unit,
                counts: t.counts(),
            })
            .collect()
    }

    /// Counts per contact person.
    fn contacts(
        &self,
        resolved: &[&FindingRecord],
        persisting: &[&FindingRecord],
        new: &[&FindingRecord],
    ) -> Vec<ContactChange> {
        let mut counts: BTreeMap<String, Tally> = BTreeMap::new();
        let contacts = |f: &FindingRecord| {
            f.project
                .as_deref()
                .and_then(|k| self.contacts.get(k))
                .map_or_else(Vec::new, |c| c.to_vec())
        };
        tally(resolved, persisting, new, contacts, &mut counts, |c| c);
        counts
            .into_iter()
            .map(|(contact, t)| ContactChange {
                contact,
                counts: t.counts(),
            })
            .collect()
    }
}

/// Resolved, persisting and new findings of one group.
#[derive(Default)]
struct Tally {
    resolved: usize,
    persisting: usize,
    new: usize,
}

impl Tally {
    fn counts(&self) -> Counts {
        let before = self.resolved + self.persisting;
        Counts {
            open: self.persisting + self.new,
            new: self.new,
            resolved: self.resolved,
            share_resolved: (before > 0)
                .then(|| (self.resolved as f64 / before as f64 * 10_000.0).round() / 10_000.0),
        }
    }
}

/// Adds each finding to the tally of every group `groups_of` gives it.
fn tally<G, K: Ord>(
    resolved: &[&FindingRecord],
    persisting: &[&FindingRecord],
    new: &[&FindingRecord],
    groups_of: impl Fn(&FindingRecord) -> Vec<G>,
    counts: &mut BTreeMap<K, Tally>,
    key: impl Fn(G) -> K,
) {
    for (which, list) in [resolved, persisting, new].into_iter().enumerate() {
        for f in list {
            for group in groups_of(f) {
                let t = counts.entry(key(group)).or_default();
                match which {
                    0 => t.resolved += 1,
                    1 => t.persisting += 1,
                    _ => t.new += 1,
                }
            }
        }
    }
}

/// Projects whose grade differs between the two sweeps (planned in at least one).
fn maturity_changes(before: &[ProjectRecord], after: &[ProjectRecord]) -> Vec<MaturityChange> {
    let earlier: HashMap<&str, &ProjectRecord> =
        before.iter().map(|p| (p.key.as_str(), p)).collect();
    after
        .iter()
        .filter_map(|p| {
            let was = earlier.get(p.key.as_str()).and_then(|e| e.maturity.clone());
            (was != p.maturity && (was.is_some() || p.maturity.is_some())).then(|| MaturityChange {
                project: p.key.clone(),
                name: p.name.clone(),
                from: was,
                to: p.maturity.clone(),
            })
        })
        .collect()
}

/// Completeness per unit in each sweep of `series`.
fn completeness(
    store: &mut Store,
    series: &[&StoredSweep],
) -> Result<Vec<UnitSeries>, HistoryError> {
    let mut by_unit: BTreeMap<(bool, Option<String>), Vec<Point>> = BTreeMap::new();
    for sweep in series {
        let mut sums: BTreeMap<(bool, Option<String>), (i64, i64)> = BTreeMap::new();
        for p in store.projects(sweep.id)? {
            let entry = sums.entry((p.unit.is_none(), p.unit.clone())).or_default();
            entry.0 += p.present;
            entry.1 += p.required;
        }
        for (unit, (present, required)) in sums {
            by_unit.entry(unit).or_default().push(Point {
                sweep: sweep.id,
                at: sweep.at.clone(),
                completeness: (required > 0)
                    .then(|| (present as f64 / required as f64 * 10_000.0).round() / 10_000.0),
            });
        }
    }
    Ok(by_unit
        .into_iter()
        .map(|((_, unit), points)| UnitSeries { unit, points })
        .collect())
}
