//! The portfolio figures of a report (`PORTFOLIO.md` §3 and §6): each active project's
//! performance-evaluation indicators with their evidence, and the recurring problems
//! across the projects of the sweep. Computed once, from the built report, after the
//! findings are counted; renderers only show them.

use super::words::reasons::{date_unknown, figure_unknown};
use crate::check::chain::Unknown;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::{ProjectReport, Report};
use crate::attributes::Status;
use crate::check::chronology::COMPLETION_GRACE;
use crate::check::completeness::Requirement;
use crate::check::timeline::MilestoneId;
use crate::finding::{Code, Family, Severity};
use crate::lang::Lang;
use crate::ruleset::RuleSet;

/// A completed project with at least this many errors is a problem project (default 3).
pub const PROBLEM_ERRORS: &str = "problem_project_errors";
/// A completed project late by more than this many days is a problem project (default 90).
pub const PROBLEM_LATE_DAYS: &str = "problem_project_late_days";

/// The performance-evaluation indicators an archive can evidence (财预〔2020〕10号's 过程
/// and 产出 indicators); each `None` when an input is unknown, with the reason beside it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Indicators {
    /// 预算执行率: paid ÷ aid funds, 4 decimals.
    pub execution_rate: Option<f64>,
    /// 资金到位率: allocated ÷ aid funds, 4 decimals.
    pub funds_in_place_rate: Option<f64>,
    /// 完成及时性: completion − planned finish in days (negative: early); completed only.
    pub delay_days: Option<i64>,
    /// 成本节约率: (aid funds − settled amount) ÷ aid funds, 4 decimals.
    pub cost_saving_rate: Option<f64>,
    /// The project's completeness.
    pub archive_completeness: Option<f64>,
    /// Whether no funding-chain finding of the project is an error.
    pub chain_clean: Option<bool>,
}

/// The indicators of one project, why those that are `None` are unknown, and the evidence
/// of those that are known.
pub struct ProjectIndicators {
    /// The figures.
    pub indicators: Indicators,
    /// Why each unknown indicator is unknown, by indicator.
    pub unknown: BTreeMap<&'static str, String>,
    /// The ledger files, cells and documents each known indicator rests on.
    pub evidence: BTreeMap<&'static str, Vec<String>>,
}

/// A ratio of two amounts rounded to 4 decimals; `None` when the divisor is zero or the
/// quotient does not fit.
fn ratio(numerator: Decimal, denominator: Decimal) -> Option<f64> {
    numerator
        .checked_div(denominator)
        .map(|q| q.round_dp(4))
        .and_then(|q| q.to_f64())
}

/// Why a project's aid funds are unknown, wherever a report says so.
pub fn aid_funds_unknown(lang: Lang) -> &'static str {
    lang.pick(
        "援疆资金未记录（project.toml 或项目台账）",
        "the aid funds are not recorded (project.toml or the project ledger)",
    )
}

/// Why a project's completeness is unknown, wherever a report says so.
pub fn completeness_unknown(lang: Lang) -> &'static str {
    lang.pick(
        "项目未检查或无必需文件",
        "the project was not checked or requires no document",
    )
}

/// The indicators of project `p` (`chain_errors`: its funding-chain errors).
pub fn indicators(p: &ProjectReport, chain_errors: usize, lang: Lang) -> ProjectIndicators {
    let mut out = ProjectIndicators {
        indicators: Indicators::default(),
        unknown: BTreeMap::new(),
        evidence: BTreeMap::new(),
    };
    let aid = p.aid_funds.map(|a| a.yuan);
    let no_aid = aid_funds_unknown(lang);
    let zero_aid = lang.pick("援疆资金为 0", "the aid funds are zero");
    let chain = p.chain.as_ref();
    let rate = |name: &'static str, figure: &'static str, out: &mut ProjectIndicators| {
        let amount = match chain {
            Some(c) => match figure {
                "paid" => c.paid,
                _ => c.allocated,
            },
            None => None,
        };
        let why_amount = || match chain.and_then(|c| c.unknown.get(figure)) {
            Some(why) => figure_unknown(*why, figure, lang).to_string(),
            None => figure_unknown(Unknown::NoLedger, figure, lang).to_string(),
        };
        let value = match (amount, aid) {
            (Some(a), Some(aid)) => ratio(a.yuan, aid).ok_or_else(|| zero_aid.to_string()),
            (_, None) => Err(no_aid.to_string()),
            (None, _) => Err(why_amount()),
        };
        match value {
            Ok(v) => {
                let sources = chain
                    .and_then(|c| c.sources.get(figure))
                    .map(|files| files.iter().map(|f| f.to_string()).collect())
                    .unwrap_or_default();
                out.evidence.insert(name, with_facts(sources, p));
                Some(v)
            }
            Err(why) => {
                out.unknown.insert(name, why);
                None
            }
        }
    };
    out.indicators.execution_rate = rate("execution_rate", "paid", &mut out);
    out.indicators.funds_in_place_rate = rate("funds_in_place_rate", "allocated", &mut out);
    delay(p, lang, &mut out);
    cost_saving(p, aid, lang, &mut out);
    completeness_and_chain(p, chain_errors, lang, &mut out);
    out
}

/// `archive_completeness` and `chain_clean`.
fn completeness_and_chain(
    p: &ProjectReport,
    chain_errors: usize,
    lang: Lang,
    out: &mut ProjectIndicators,
) {
    match p.completeness {
        Some(c) => {
            out.indicators.archive_completeness = Some(c);
            if let Some(folder) = &p.folder {
                out.evidence
                    .insert("archive_completeness", vec![folder.clone()]);
            }
        }
        None => {
            let why = completeness_unknown(lang);
            out.unknown.insert("archive_completeness", why.to_string());
        }
    }
    match p.chain.as_ref() {
        Some(c) => {
            out.indicators.chain_clean = Some(chain_errors == 0);
            let files: BTreeSet<String> = c
                .sources
                .values()
                .flatten()
                .map(|f| f.to_string())
                .collect();
            out.evidence
                .insert("chain_clean", files.into_iter().collect());
        }
        None => {
            let why = lang.pick("没有台账涉及该项目", "no ledger concerns the project");
            out.unknown.insert("chain_clean", why.to_string());
        }
    }
}

/// The evidence of a rate: the ledger files summed, and where the aid funds are stated.
fn with_facts(mut sources: Vec<String>, p: &ProjectReport) -> Vec<String> {
    sources.extend(p.sources.iter().cloned());
    sources
}

/// `delay_days`: completion − planned finish, completed projects only.
fn delay(p: &ProjectReport, lang: Lang, out: &mut ProjectIndicators) {
    if p.status != Some(Status::Completed) {
        let why = lang.pick("项目未完工", "the project is not completed");
        out.unknown.insert("delay_days", why.to_string());
        return;
    }
    let completion = p.timeline.milestone(MilestoneId::Completion);
    match (completion.and_then(|m| m.date), p.timeline.planned_finish) {
        (Some(done), Some(planned)) => {
            out.indicators.delay_days = Some(crate::dates::days_between(planned, done));
            let mut evidence: Vec<String> = completion
                .and_then(|m| m.source.as_ref().map(|s| s.joined()))
                .into_iter()
                .collect();
            evidence.extend(p.sources.iter().cloned());
            out.evidence.insert("delay_days", evidence);
        }
        (None, _) => {
            let why = completion.and_then(|m| m.unknown).map_or(
                lang.pick("竣工日期未知", "the completion date is unknown"),
                |u| date_unknown(u, lang),
            );
            let label = lang.pick("竣工日期未知：", "completion date unknown: ");
            out.unknown.insert("delay_days", format!("{label}{why}"));
        }
        (_, None) => {
            let why = lang.pick("计划竣工日期未记录", "the planned finish is not recorded");
            out.unknown.insert("delay_days", why.to_string());
        }
    }
}

/// `cost_saving_rate`: (aid funds − settled amount) ÷ aid funds.
fn cost_saving(p: &ProjectReport, aid: Option<Decimal>, lang: Lang, out: &mut ProjectIndicators) {
    let value = match (p.settlement.map(|s| s.yuan), aid) {
        (Some(settled), Some(aid)) => aid
            .checked_sub(settled)
            .and_then(|saved| ratio(saved, aid))
            .ok_or(lang.pick("援疆资金为 0", "the aid funds are zero")),
        (None, _) => Err(lang.pick(
            "结算金额未记录（project.toml、项目台账或 [settlements]）",
            "the settled amount is not recorded (project.toml, the project ledger or [settlements])",
        )),
        (_, None) => Err(aid_funds_unknown(lang)),
    };
    match value {
        Ok(v) => {
            out.indicators.cost_saving_rate = Some(v);
            out.evidence.insert("cost_saving_rate", p.sources.clone());
        }
        Err(why) => {
            out.unknown.insert("cost_saving_rate", why.to_string());
        }
    }
}

/// Recurring problems across the projects of the sweep (`PORTFOLIO.md` §6).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Recurring {
    /// Per category and document: how often a required document is missing, most often first.
    pub documents: Vec<DocumentRate>,
    /// Per finding code: findings and projects, most findings first.
    pub codes: Vec<CodeCount>,
    /// Per implementing unit: projects, errors, warnings and completeness.
    pub units: Vec<UnitSummary>,
    /// Completed projects to learn from (经验类): complete, no error, not late.
    pub model_projects: Vec<String>,
    /// Completed projects that went wrong (问题类).
    pub problem_projects: Vec<String>,
}

/// How often one document of one category is missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRate {
    /// Category id.
    pub category: String,
    /// Category name in the report's language.
    pub category_name: String,
    /// Document id.
    pub document: String,
    /// Document name in the report's language.
    pub name: String,
    /// Projects where the document is required (and the requirement determined).
    pub required: usize,
    /// Of those, projects where it is missing.
    pub missing: usize,
    /// `missing ÷ required`, 4 decimals.
    pub rate: f64,
}

/// Findings of one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    /// The code.
    pub code: Code,
    /// Findings of it.
    pub findings: usize,
    /// Projects with at least one.
    pub projects: usize,
}

/// One implementing unit's projects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitSummary {
    /// The unit (实施单位); `null` for projects that record none.
    pub unit: Option<String>,
    /// Its projects.
    pub projects: usize,
    /// Errors of its projects.
    pub errors: usize,
    /// Warnings of its projects.
    pub warnings: usize,
    /// Required documents present ÷ required, over its checked projects; `null` when none
    /// requires any.
    pub completeness: Option<f64>,
}

/// The recurring problems of `report` (its projects, findings and indicators).
pub fn recurring(report: &Report, rules: &RuleSet) -> Recurring {
    Recurring {
        documents: document_rates(report),
        codes: code_counts(report),
        units: units(report),
        model_projects: lessons(report, rules, true),
        problem_projects: lessons(report, rules, false),
    }
}

/// Missing rates per category × document, over checked projects. A document is missing
/// where its `missing-document` finding is (counted or set apart by a baseline); one a
/// waiver covers (kept elsewhere, as its reason says) is not.
fn document_rates(report: &Report) -> Vec<DocumentRate> {
    let mut counts: BTreeMap<(String, String), (String, usize, usize)> = BTreeMap::new();
    let mut category_names: HashMap<&str, &str> = HashMap::new();
    let waived: HashSet<(&str, &str)> = report
        .waived
        .iter()
        .map(|w| &w.finding)
        .filter(|f| f.code == Code::MissingDocument)
        .filter_map(|f| Some((f.project.as_deref()?, f.document.as_deref()?)))
        .collect();
    for p in &report.projects {
        let Some(category) = &p.category else {
            continue;
        };
        let name = p.category_name.as_deref().unwrap_or(category);
        category_names.insert(category, name);
        for doc in p.stages.iter().flat_map(|s| &s.documents) {
            if doc.requirement != Requirement::Required {
                continue;
            }
            let entry = counts
                .entry((category.clone(), doc.id().to_string()))
                .or_insert_with(|| (doc.name().to_string(), 0, 0));
            entry.1 += 1;
            entry.2 += usize::from(!doc.present && !waived.contains(&(p.key.as_str(), doc.id())));
        }
    }
    let mut rates: Vec<DocumentRate> = counts
        .into_iter()
        .map(
            |((category, document), (name, required, missing))| DocumentRate {
                category_name: category_names
                    .get(category.as_str())
                    .map_or_else(|| category.clone(), |n| n.to_string()),
                category,
                document,
                name,
                required,
                missing,
                rate: ratio(Decimal::from(missing), Decimal::from(required)).unwrap_or(0.0),
            },
        )
        .collect();
    rates.sort_by(|a, b| {
        b.rate
            .total_cmp(&a.rate)
            .then(b.missing.cmp(&a.missing))
            .then_with(|| (&a.category, &a.document).cmp(&(&b.category, &b.document)))
    });
    rates
}

/// Findings and projects per code.
fn code_counts(report: &Report) -> Vec<CodeCount> {
    let mut counts: HashMap<Code, (usize, BTreeSet<&str>)> = HashMap::new();
    for f in &report.findings {
        let entry = counts.entry(f.code).or_default();
        entry.0 += 1;
        if let Some(p) = &f.project {
            entry.1.insert(p);
        }
    }
    let mut codes: Vec<CodeCount> = counts
        .into_iter()
        .map(|(code, (findings, projects))| CodeCount {
            code,
            findings,
            projects: projects.len(),
        })
        .collect();
    codes.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.code.cmp(&b.code)));
    codes
}

/// Per implementing unit, units in name order (projects without one last).
fn units(report: &Report) -> Vec<UnitSummary> {
    // Per unit: projects, errors, warnings, required, present.
    let mut by_unit: BTreeMap<(bool, Option<&str>), [usize; 5]> = BTreeMap::new();
    for p in &report.projects {
        let unit = p.implementing_unit.as_deref();
        let sums = by_unit.entry((unit.is_none(), unit)).or_default();
        let add = [1, p.errors, p.warnings, p.required, p.present];
        for (sum, n) in sums.iter_mut().zip(add) {
            *sum += n;
        }
    }
    by_unit
        .into_iter()
        .map(
            |((_, unit), [projects, errors, warnings, required, present])| UnitSummary {
                unit: unit.map(str::to_string),
                projects,
                errors,
                warnings,
                completeness: ratio(Decimal::from(present), Decimal::from(required)),
            },
        )
        .collect()
}

/// Model projects (`model`) or problem projects, by key in report order.
fn lessons(report: &Report, rules: &RuleSet, model: bool) -> Vec<String> {
    let grace = rules.whole_threshold(COMPLETION_GRACE, 0);
    let max_errors = rules.whole_threshold(PROBLEM_ERRORS, 3);
    let late_days = rules.whole_threshold(PROBLEM_LATE_DAYS, 90);
    let chain_errors = chain_errors(report);
    report
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| p.status == Some(Status::Completed))
        .filter(|(i, p)| {
            let delay = p.indicators.as_ref().and_then(|x| x.delay_days);
            if model {
                p.completeness == Some(1.0) && p.errors == 0 && delay.is_some_and(|d| d <= grace)
            } else {
                i64::try_from(p.errors).unwrap_or(i64::MAX) >= max_errors
                    || chain_errors[*i] > 0
                    || delay.is_some_and(|d| d > late_days)
            }
        })
        .map(|(_, p)| p.key.clone())
        .collect()
}

/// Funding-chain errors of each project, index for index with `report.projects`: those
/// that count and those a baseline set apart (a baseline quiets CI; it does not clean the
/// chain, so an indicator does not change with a command-line flag).
pub fn chain_errors(report: &Report) -> Vec<usize> {
    let mut counts = vec![0; report.projects.len()];
    for f in report.findings.iter().chain(&report.baselined) {
        if f.severity == Severity::Error && f.code.family() == Family::Chain {
            if let Some(i) = report.project_of(f) {
                counts[i] += 1;
            }
        }
    }
    counts
}
