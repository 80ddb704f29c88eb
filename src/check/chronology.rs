//! Chronology checks, the audit classics (`PORTFOLIO.md` §2): works begun before the
//! permit, a contract signed before the award, completion later than planned, funds
//! allocated and not put to work. Each needs both of its dates; with one unknown it says
//! nothing (the project's timeline shows which date is missing). Thresholds are days of
//! the rules (`completion_grace_days`, `idle_funds_days`), overridable in `[thresholds]`.

use jiff::civil::Date;

use super::Context;
use super::timeline::{DateUnknown, MilestoneId, Timeline, is_main_contract};
use crate::dates::days_between;
use crate::finding::said::ChronologySaid;
use crate::finding::{Code, Finding};

/// Days of grace after the planned finish (default 0).
pub const COMPLETION_GRACE: &str = "completion_grace_days";
/// Days allocated funds may wait for their first payment (default 180).
pub const IDLE_FUNDS: &str = "idle_funds_days";

/// Runs the four checks on every project with a timeline.
pub fn check(ctx: &Context<'_>, timelines: &[Timeline], out: &mut Vec<Finding>) {
    let grace = ctx.rules.whole_threshold(COMPLETION_GRACE, 0);
    let idle = ctx.rules.whole_threshold(IDLE_FUNDS, 180);
    for (index, timeline) in timelines.iter().enumerate() {
        let key = ctx.projects[index].key();
        started_before_permit(&key, timeline, out);
        contract_before_award(ctx, index, &key, timeline, out);
        completed_late(&key, timeline, grace, out);
        funds_idle(ctx, &key, timeline, idle, out);
    }
}

/// The evidence a milestone's date came from, as a finding path.
fn source(timeline: &Timeline, id: MilestoneId) -> Option<String> {
    timeline
        .milestone(id)
        .and_then(|m| m.source.as_ref().map(|s| s.joined()))
}

/// `started-before-permit`: commencement earlier than the permit.
fn started_before_permit(key: &str, timeline: &Timeline, out: &mut Vec<Finding>) {
    let (Some(start), Some(permit)) = (
        timeline.date(MilestoneId::Commencement),
        timeline.date(MilestoneId::Permit),
    ) else {
        return;
    };
    if start >= permit {
        return;
    }
    let days = days_between(start, permit);
    let said = ChronologySaid::StartedBeforePermit {
        start,
        permit,
        days,
    };
    let mut finding = Finding::new(Code::StartedBeforePermit, said)
        .project(key)
        .stage("permit")
        .document("construction-permit")
        .date(start)
        .days(days);
    for id in [MilestoneId::Commencement, MilestoneId::Permit] {
        if let Some(path) = source(timeline, id) {
            finding = finding.path(path);
        }
    }
    out.push(finding);
}

/// `contract-before-award`: each construction or goods contract signed before the award.
/// A contract of a kind neither its ledger's kind column nor its title states is not
/// judged: design and supervision contracts are often rightly signed before the works are
/// awarded.
fn contract_before_award(
    ctx: &Context<'_>,
    index: usize,
    key: &str,
    timeline: &Timeline,
    out: &mut Vec<Finding>,
) {
    let Some(award) = timeline.date(MilestoneId::Award) else {
        return;
    };
    let Some(ledgers) = ctx.ledgers.get(index) else {
        return;
    };
    for contract in ledgers
        .contracts
        .iter()
        .filter(|c| c.kind.is_some() && is_main_contract(c.kind))
    {
        let Some(signed) = contract.date.filter(|d| *d < award) else {
            continue;
        };
        let days = days_between(signed, award);
        let said = ChronologySaid::ContractBeforeAward {
            contract: contract.contract_no.clone().unwrap_or_default(),
            signed,
            award,
            days,
        };
        let mut finding = Finding::new(Code::ContractBeforeAward, said)
            .project(key)
            .stage("procurement")
            .document("award-notice")
            .path(contract.at.clone())
            .date(signed)
            .days(days);
        if let Some(no) = &contract.contract_no {
            finding = finding.contract(no.clone());
        }
        if let Some(path) = source(timeline, MilestoneId::Award) {
            finding = finding.path(path);
        }
        out.push(finding);
    }
}

/// `completed-late`: completion later than the planned finish by more than `grace` days.
fn completed_late(key: &str, timeline: &Timeline, grace: i64, out: &mut Vec<Finding>) {
    let (Some(done), Some(planned)) = (
        timeline.date(MilestoneId::Completion),
        timeline.planned_finish,
    ) else {
        return;
    };
    let days = days_between(planned, done);
    if days <= grace {
        return;
    }
    let said = ChronologySaid::CompletedLate {
        done,
        planned,
        days,
    };
    let mut finding = Finding::new(Code::CompletedLate, said)
        .project(key)
        .stage("acceptance")
        .date(done)
        .days(days);
    if let Some(path) = source(timeline, MilestoneId::Completion) {
        finding = finding.path(path);
    }
    out.push(finding);
}

/// `funds-idle`: the first allocation more than `idle` days before the first payment, or
/// before today when the payment ledger has no payment of the project.
fn funds_idle(
    ctx: &Context<'_>,
    key: &str,
    timeline: &Timeline,
    idle: i64,
    out: &mut Vec<Finding>,
) {
    let Some(allocated) = timeline.date(MilestoneId::FirstAllocation) else {
        return;
    };
    let first_payment = timeline.milestone(MilestoneId::FirstPayment);
    let (until, paid): (Date, bool) = match first_payment {
        Some(m) if m.date.is_some() => (m.date.unwrap_or(ctx.today), true),
        Some(m) if m.unknown == Some(DateUnknown::NoRecord) => (ctx.today, false),
        _ => return,
    };
    let days = days_between(allocated, until);
    if days <= idle {
        return;
    }
    let said = ChronologySaid::FundsIdle {
        allocated,
        until,
        paid,
        days,
    };
    let mut finding = Finding::new(Code::FundsIdle, said)
        .project(key)
        .stage("payment")
        .date(allocated)
        .days(days);
    for id in [MilestoneId::FirstAllocation, MilestoneId::FirstPayment] {
        if let Some(path) = source(timeline, id) {
            finding = finding.path(path);
        }
    }
    out.push(finding);
}
