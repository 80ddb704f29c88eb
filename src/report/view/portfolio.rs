//! The portfolio facts of a project as short phrases every text-like view shares (the
//! terminal and Markdown): its timeline, its indicators, its reserve grade, and the order
//! of the reserve library. Unknown is a dash with its reason, never a zero.

use super::percent;
use crate::check::maturity::Maturity;
use crate::check::timeline::{DateUnknown, MilestoneId};
use crate::lang::Lang;
use crate::report::ProjectReport;

/// A short word for why a date is unknown, for one-line views.
pub fn unknown_word(why: DateUnknown, lang: Lang) -> &'static str {
    match why {
        DateUnknown::NotRecorded => lang.pick("未填写", "not recorded"),
        DateUnknown::NoDocument => lang.pick("无文件", "no document"),
        DateUnknown::Undated => lang.pick("文件名无日期", "undated"),
        DateUnknown::NoLedger => lang.pick("无台账", "no ledger"),
        DateUnknown::NoRecord => lang.pick("台账无记录", "no ledger row"),
        DateUnknown::UnreadableDate => lang.pick("日期无法读取", "unreadable date"),
    }
}

/// The name of a milestone in `lang`.
pub fn milestone_name(id: MilestoneId, lang: Lang) -> &'static str {
    let [zh, en] = id.name();
    lang.pick(zh, en)
}

/// The timeline as phrases: the plan (`计划 2023-05-01 → 2023-12-31`), each dated
/// milestone (`施工许可 2023-05-10`), in date order; and the unknown milestones with a
/// short reason (`立项批复（文件名无日期）`).
pub fn timeline_parts(p: &ProjectReport, lang: Lang) -> (Vec<String>, Vec<String>) {
    let t = &p.timeline;
    let mut known = Vec::new();
    if t.planned_start.is_some() || t.planned_finish.is_some() {
        let day =
            |d: Option<jiff::civil::Date>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
        known.push(format!(
            "{} {} → {}",
            lang.pick("计划", "planned"),
            day(t.planned_start),
            day(t.planned_finish)
        ));
    }
    let mut dated: Vec<_> = t.milestones.iter().filter(|m| m.date.is_some()).collect();
    dated.sort_by_key(|m| m.date);
    known.extend(dated.iter().map(|m| {
        let date = m.date.map(|d| d.to_string()).unwrap_or_default();
        format!("{} {date}", milestone_name(m.id, lang))
    }));
    let unknown = t
        .milestones
        .iter()
        .filter_map(|m| {
            let why = m.unknown?;
            Some(match lang {
                Lang::Zh => format!(
                    "{}（{}）",
                    milestone_name(m.id, lang),
                    unknown_word(why, lang)
                ),
                Lang::En => format!(
                    "{} ({})",
                    milestone_name(m.id, lang),
                    unknown_word(why, lang)
                ),
            })
        })
        .collect();
    (known, unknown)
}

/// The labels of the indicators, in the order views list them.
pub const INDICATORS: [(&str, [&str; 2]); 6] = [
    ("execution_rate", ["预算执行率", "execution rate"]),
    ("funds_in_place_rate", ["资金到位率", "funds in place"]),
    ("delay_days", ["完成及时性(天)", "delay (days)"]),
    ("cost_saving_rate", ["成本节约率", "cost saving"]),
    ("archive_completeness", ["档案完整度", "archive complete"]),
    ("chain_clean", ["资金链无错误", "chain clean"]),
];

/// Each indicator of `p` as `(label, value)`: a percentage, days, 是/否, or `—` followed
/// by the reason it is unknown. `None` for a project without indicators (planned).
pub fn indicator_values(p: &ProjectReport, lang: Lang) -> Option<Vec<(&'static str, String)>> {
    let x = p.indicators.as_ref()?;
    let values = INDICATORS
        .iter()
        .map(|(key, [zh, en])| {
            let value = match *key {
                "execution_rate" => x.execution_rate.map(percent),
                "funds_in_place_rate" => x.funds_in_place_rate.map(percent),
                "delay_days" => x.delay_days.map(|d| d.to_string()),
                "cost_saving_rate" => x.cost_saving_rate.map(percent),
                "archive_completeness" => x.archive_completeness.map(percent),
                _ => x.chain_clean.map(|c| {
                    lang.pick(if c { "是" } else { "否" }, if c { "yes" } else { "no" })
                        .to_string()
                }),
            };
            let value = value.unwrap_or_else(|| match p.indicators_unknown.get(key) {
                Some(why) => format!("— ({why})"),
                None => "—".to_string(),
            });
            (lang.pick(zh, en), value)
        })
        .collect();
    Some(values)
}

/// A planned project's grade as a phrase: `前期推进 → 可立即实施：尚缺 可研批复`.
pub fn grade_phrase(m: &Maturity, lang: Lang) -> String {
    match &m.next_name {
        Some(next) => match lang {
            Lang::Zh => format!(
                "{} → {next}：尚缺 {}",
                m.grade_name,
                m.needs_names.join("、")
            ),
            Lang::En => format!(
                "{} → {next}: needs {}",
                m.grade_name,
                m.needs_names.join(", ")
            ),
        },
        None => m.grade_name.clone(),
    }
}
