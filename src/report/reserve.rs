//! The reserve library as renderers show it (项目储备库, `PORTFOLIO.md` §4): the names of a
//! planned project's grade, of the next grade and of the documents it still needs, in the
//! report's language; and the library's order, by importance, then maturity.
//!
//! Grade and document names live in the rule files, which renderers never see; they are
//! looked up here once, when the report is built.

use std::cmp::Ordering;

use super::{ProjectReport, Report};
use crate::check::maturity::{IDEA, Maturity};
use crate::lang::Lang;
use crate::ruleset::{Category, RuleSet};

/// A planned project's place in the reserve library, named for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReserveNames {
    /// How high its grade stands: 0 for `idea` (谋划储备), then one per grade of its category.
    pub rank: usize,
    /// The grade's name (谋划储备, 前期推进, 可立即实施).
    pub grade: String,
    /// The next grade's name, when there is one above.
    pub next: Option<String>,
    /// The names of the documents still needed to reach the next grade.
    pub needs: Vec<String>,
}

/// The names of a planned project's grade, next grade and needed documents in `lang`;
/// `None` for a project without a grade.
pub fn names(p: &ProjectReport, rules: &RuleSet, lang: Lang) -> Option<ReserveNames> {
    let category = p.category.as_deref().and_then(|c| rules.category(c));
    p.reserve.as_ref().map(|m| grade_names(m, category, lang))
}

/// The names of `maturity`, a grade of a project of `category`, in `lang`.
fn grade_names(maturity: &Maturity, category: Option<&Category>, lang: Lang) -> ReserveNames {
    let grade_name = |id: &str| -> (usize, String) {
        if id == IDEA {
            return (0, lang.pick("谋划储备", "Idea").to_string());
        }
        let found = category.and_then(|c| c.maturity.iter().enumerate().find(|(_, g)| g.id == id));
        match found {
            Some((i, g)) => (i + 1, g.name.get(lang).to_string()),
            None => (0, id.to_string()),
        }
    };
    let document_name = |id: &String| {
        category
            .and_then(|c| c.documents.iter().find(|d| &d.id == id))
            .map_or_else(|| id.clone(), |d| d.name.get(lang).to_string())
    };
    let (rank, grade) = grade_name(&maturity.grade);
    ReserveNames {
        rank,
        grade,
        next: maturity.next.as_deref().map(|n| grade_name(n).1),
        needs: maturity.needs.iter().map(document_name).collect(),
    }
}

/// The reserve library of `report`: every graded (planned) project with its names, most
/// important first, then highest grade first, then in report order.
pub fn library(report: &Report) -> Vec<(&ProjectReport, &ReserveNames)> {
    let mut entries: Vec<(&ProjectReport, &ReserveNames)> = report
        .projects
        .iter()
        .filter_map(|p| p.reserve_names.as_ref().map(|n| (p, n)))
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
/// text that names no level comes after every level.
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
    const LOW: [&str; 6] = ["次要", "低", "三级", "c", "low", "minor"];
    let lower = text.to_lowercase();
    if let Ok(n) = lower.parse::<u64>() {
        return n.saturating_sub(1);
    }
    [&HIGH[..], &MEDIUM[..], &LOW[..]]
        .iter()
        .position(|words| words.contains(&lower.as_str()))
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
        ];
        written.sort_by(|a, b| by_importance(*a, *b));
        assert_eq!(
            written,
            [
                Some("1"),
                Some("重点"),
                Some("一般"),
                Some("3"),
                Some("次要"),
                Some("自定"),
                None
            ]
        );
    }
}
