//! Triage: which findings count toward the exit code and the totals.
//!
//! Between the checks and the report, findings a documented exception covers
//! ([`waivers`]) and findings the archive already had when it adopted CI ([`baseline`])
//! are set apart. The report is then built once from the three lists and never edited
//! afterwards, so that every renderer reads totals counted in one place.

pub mod baseline;
pub mod waivers;

use jiff::civil::Date;

use crate::finding::Finding;
use baseline::Baseline;
use waivers::{WaivedFinding, Waiver};

/// What triage is given: the validated waivers, the day they expire against, and the
/// baseline of `--baseline` if any.
#[derive(Debug, Clone, Copy)]
pub struct TriagePolicy<'a> {
    /// Documented exceptions (`[[waiver]]`).
    pub waivers: &'a [Waiver],
    /// The day waivers expire against.
    pub today: Date,
    /// The findings already recorded, when a baseline is applied.
    pub baseline: Option<&'a Baseline>,
    /// Whether a waiver that covered nothing is reported (`waiver-unused`): not in a
    /// shard, which sees only some projects; `guicang merge` reports them instead.
    pub report_unused_waivers: bool,
}

/// The sweep's findings, sorted into those that count and those set apart.
#[derive(Debug, Clone, Default)]
pub struct Triaged {
    /// Findings that count toward the exit code and the totals.
    pub findings: Vec<Finding>,
    /// Findings a waiver covers, with its reason.
    pub waived: Vec<WaivedFinding>,
    /// Findings already recorded in the baseline.
    pub baselined: Vec<Finding>,
    /// Whether a baseline was applied: then every finding is new or already recorded.
    pub baseline_applied: bool,
}

/// Applies waivers, then the baseline, to `findings` (in any order; the report sorts).
pub fn triage(findings: Vec<Finding>, policy: &TriagePolicy<'_>) -> Triaged {
    let mut triaged = Triaged {
        findings,
        ..Triaged::default()
    };
    waivers::apply(
        &mut triaged.findings,
        &mut triaged.waived,
        policy.waivers,
        policy.today,
        policy.report_unused_waivers,
    );
    if let Some(baseline) = policy.baseline {
        baseline::apply(&mut triaged.findings, &mut triaged.baselined, baseline);
        triaged.baseline_applied = true;
    }
    triaged
}
