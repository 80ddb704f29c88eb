//! The reserve library as renderers show it (项目储备库, `PORTFOLIO.md` §4): the planned
//! projects in the library's one order, by importance as recorded, then maturity, so that
//! the text, markdown, xlsx and html views list them alike.

use std::cmp::Ordering;

use super::{ProjectReport, Report};
use crate::check::maturity::Maturity;

/// The reserve library of `report`: every graded (planned) project with its grade, most
/// important first, then highest grade first, then in report order.
pub fn library(report: &Report) -> Vec<(&ProjectReport, &Maturity)> {
    let mut entries: Vec<(&ProjectReport, &Maturity)> = report
        .projects
        .iter()
        .filter_map(|p| p.reserve.as_ref().map(|m| (p, m)))
        .collect();
    // A stable sort: equals keep the report's order.
    entries.sort_by(|(a, an), (b, bn)| {
        by_importance(a.importance.as_deref(), b.importance.as_deref()).then(bn.rank.cmp(&an.rank))
    });
    entries
}

/// Importance as written, most important first: the usual words (重点 before 一般
/// before 次要), a priority number (优先级 1 first), other text in text order, none last.
fn by_importance(a: Option<&str>, b: Option<&str>) -> Ordering {
    let key = |s: Option<&str>| match s.map(str::trim) {
        None | Some("") => (u64::MAX, String::new()),
        Some(text) => (importance_level(text), text.to_string()),
    };
    key(a).cmp(&key(b))
}

/// The level of an importance: 0 for the highest words (and priority 1), then upward;
/// a phrase containing a level word has that level; text that names no level comes
/// after every level.
fn importance_level(text: &str) -> u64 {
    const HIGH: [&str; 9] = [
        "重点",
        "特别重要",
        "非常重要",
        "重要",
        "高",
        "紧急",
        "一级",
        "a",
        "high",
    ];
    const MEDIUM: [&str; 7] = ["一般", "中", "普通", "二级", "b", "medium", "normal"];
    // Negations first read as low: 不重要 is not 重要, 非重点 not 重点.
    const LOW: [&str; 10] = [
        "次要",
        "低",
        "三级",
        "不重要",
        "非重点",
        "不紧急",
        "c",
        "low",
        "minor",
        "not important",
    ];
    let lower = text.to_lowercase();
    if let Ok(n) = lower.parse::<u64>() {
        return n.saturating_sub(1);
    }
    let levels = [&HIGH[..], &MEDIUM[..], &LOW[..]];
    let exact = levels
        .iter()
        .position(|words| words.contains(&lower.as_str()));
    // A longer phrase (重点项目, 一般项目) ranks by the level word it contains; the
    // lower levels are tried first so that 次要 is not read as 重要.
    let within = || {
        levels
            .iter()
            .enumerate()
            .rev()
            .find(|(_, words)| words.iter().any(|w| !w.is_ascii() && lower.contains(w)))
            .map(|(level, _)| level)
    };
    exact
        .or_else(within)
        .map_or(u64::MAX - 1, |level| level as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn importance_orders_words_then_numbers_then_text_then_none() {
        let mut written = vec![
            None,
            Some("一般"),
            Some("自定"),
            Some("重点"),
            Some("3"),
            Some("次要"),
            Some("1"),
            Some("不重要"),
        ];
        written.sort_by(|a, b| by_importance(*a, *b));
        assert_eq!(
            written,
            [
                Some("1"),
                Some("重点"),
                Some("一般"),
                Some("3"),
                Some("不重要"),
                Some("次要"),
                Some("自定"),
                None
            ]
        );
    }
}
