//! One report from the reports of shards (`guicang merge`): the report one sweep of the
//! whole archive would have given. Each project was swept by exactly one shard and the
//! archive's own findings by the first, so the parts are put side by side, sorted in the
//! one report order, and every count is made again. Whether the parts fit together (same
//! rules, every shard once) is the caller's to check, where the files have names.

use std::collections::HashMap;

use super::order::{FindingOrder, project_rank};
use super::words::{ProjectCategories, Words};
use super::{ProjectReport, Report};
use crate::ruleset::RuleSet;
use crate::triage::baseline::{Baseline, apply};
use crate::triage::waivers::{Waiver, unused_in};

/// What a merge needs besides the parts: the rules they were swept under, the waivers of
/// the configuration, to say which covered nothing in any shard, and the sweeps' baseline,
/// which sets those findings apart as a sweep of the whole archive would.
pub struct MergePolicy<'a> {
    /// The rules of the sweeps (same fingerprint).
    pub rules: &'a RuleSet,
    /// The configuration's waivers.
    pub waivers: &'a [Waiver],
    /// The day waivers expire against.
    pub today: jiff::civil::Date,
    /// The baseline the sweeps applied, if any.
    pub baseline: Option<&'a Baseline>,
}

impl Report {
    /// The report of the whole archive from the reports of its shards: `first` (whose run
    /// the merged report keeps, without a shard) and the `rest`.
    pub fn merge(first: Report, rest: Vec<Report>, policy: &MergePolicy<'_>) -> Report {
        let files = first.summary.files + rest.iter().map(|p| p.summary.files).sum::<usize>();
        let mut merged = first;
        for part in rest {
            merged.projects.extend(part.projects);
            merged.findings.extend(part.findings);
            merged.waived.extend(part.waived);
            merged.baselined.extend(part.baselined);
            merged.baseline_applied |= part.baseline_applied;
        }
        merged.run.shard = None;
        merged.run.swept_root = None;
        merged.run.root_path = std::path::Path::new(&merged.root).canonicalize().ok();
        merged
            .projects
            .sort_by_cached_key(|p| project_rank(p.folder.as_deref(), p.key.clone()));
        merged.project_index = index(&merged.projects);
        let categories = ProjectCategories::new(
            policy.rules,
            merged
                .projects
                .iter()
                .map(|p| (p.key.clone(), p.category.as_deref())),
        );
        if merged.run.waivers > 0 {
            let words = Words::new(policy.rules, merged.lang, &categories);
            let mut unused: Vec<_> = unused_in(policy.waivers, &merged.waived, policy.today)
                .into_iter()
                .map(|f| words.report(f))
                .collect();
            if let Some(baseline) = policy.baseline {
                apply(&mut unused, &mut merged.baselined, baseline);
            }
            merged.findings.extend(unused);
        }
        let order = FindingOrder::of_reports(policy.rules, &merged.projects, &categories);
        order.sort(&mut merged.findings, |f| f);
        order.sort(&mut merged.waived, |w| &w.finding);
        order.sort(&mut merged.baselined, |f| f);
        merged.count_again(files, policy.rules);
        merged
    }

    /// A report read back from its JSON, for [`Report::merge`]: what the JSON leaves out
    /// made again (the language from `run.lang`, whether a baseline was applied, the
    /// project index), except the recurring problems, which are empty until the merge
    /// counts them under the rules.
    pub fn read_back(json: &str) -> Result<Report, serde_json::Error> {
        let mut report: Report = serde_json::from_str(json)?;
        report.lang = report.run.lang;
        report.baseline_applied = report.run.baseline.is_some();
        report.project_index = index(&report.projects);
        Ok(report)
    }
}

/// Project key → index in `projects`.
fn index(projects: &[ProjectReport]) -> HashMap<String, usize> {
    projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.clone(), i))
        .collect()
}
