//! The fixed order of a report: projects by folder, findings by project, stage, document,
//! path and code, whatever the thread schedule was.

use std::collections::HashMap;

use super::words::ProjectCategories;
use super::{ProjectReport, Reported};
use crate::finding::Finding;
use crate::project::Project;
use crate::ruleset::RuleSet;

/// The order of projects in a report: by folder, projects without a folder last, then
/// key. [`project_order`] and `guicang merge` both sort by it.
pub(super) fn project_rank(folder: Option<&str>, key: String) -> (bool, Option<String>, String) {
    (folder.is_none(), folder.map(str::to_string), key)
}

/// Indices of `projects` in report order: by folder, projects without a folder last.
pub(super) fn project_order(projects: &[Project]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..projects.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |p: &Project| project_rank(p.folder_rel.as_deref(), p.key());
        key(&projects[a]).cmp(&key(&projects[b]))
    });
    order
}

/// The fixed order of findings, whatever the thread schedule was: archive-level findings
/// first, then project by project in report order, each by stage and document in
/// lifecycle order, then path, code and message.
pub(super) struct FindingOrder<'a> {
    rules: &'a RuleSet,
    /// Project key → 1 + its place in the report.
    rank: HashMap<String, usize>,
    /// Project key → its category.
    categories: &'a ProjectCategories<'a>,
}

impl<'a> FindingOrder<'a> {
    pub(super) fn new(
        rules: &'a RuleSet,
        projects: &[Project],
        order: &[usize],
        categories: &'a ProjectCategories<'a>,
    ) -> FindingOrder<'a> {
        let rank = order
            .iter()
            .enumerate()
            .map(|(r, &i)| (projects[i].key(), r + 1))
            .collect();
        FindingOrder {
            rules,
            rank,
            categories,
        }
    }

    /// The order of a report's findings from its projects, already in report order (a
    /// report put together from shards, which has no [`Project`]s).
    pub(super) fn of_reports(
        rules: &'a RuleSet,
        projects: &[ProjectReport],
        categories: &'a ProjectCategories<'a>,
    ) -> FindingOrder<'a> {
        let rank = projects
            .iter()
            .enumerate()
            .map(|(r, p)| (p.key.clone(), r + 1))
            .collect();
        FindingOrder {
            rules,
            rank,
            categories,
        }
    }

    /// Project rank, then stage and document rank in the project's category.
    fn key(&self, f: &Finding) -> (usize, usize, usize) {
        let project = f
            .project
            .as_ref()
            .map_or(0, |k| self.rank.get(k).copied().unwrap_or(usize::MAX));
        let category = self.categories.of(f.project.as_deref());
        let stage = match (category, f.stage.as_deref()) {
            (Some(c), Some(s)) => c.stage_order(s),
            (None, Some(s)) => self
                .rules
                .stages
                .iter()
                .position(|x| x.id == s)
                .unwrap_or(usize::MAX - 1),
            (_, None) => usize::MAX,
        };
        let document = match (category, f.document.as_deref()) {
            (Some(c), Some(d)) => c
                .documents
                .iter()
                .position(|x| x.id == d)
                .unwrap_or(usize::MAX - 1),
            _ => usize::MAX,
        };
        (project, stage, document)
    }

    /// Sorts `items` by the finding each holds. Keys are computed once; paths and messages
    /// are compared in place, never cloned, and the items are moved into order where they
    /// lie (a million-file archive has hundreds of thousands of findings).
    pub(super) fn sort<T>(&self, items: &mut [T], finding: impl Fn(&T) -> &Reported) {
        let keys: Vec<_> = items.iter().map(|item| self.key(finding(item))).collect();
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| {
            let (fa, fb) = (finding(&items[a]), finding(&items[b]));
            keys[a]
                .cmp(&keys[b])
                .then_with(|| fa.paths.cmp(&fb.paths))
                .then_with(|| fa.code.cmp(&fb.code))
                .then_with(|| fa.message.cmp(&fb.message))
        });
        drop(keys);
        permute(items, order);
    }
}

/// Puts `items` in `order` (`order[k]` is the index of the item that goes to place `k`)
/// with at most one swap per item, without a second vector of items.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        // Follow the cycle through `start`, marking each visited place as done.
        let mut place = start;
        while order[place] != start {
            let from = order[place];
            items.swap(place, from);
            order[place] = place;
            place = from;
        }
        order[place] = place;
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_moves_each_item_to_its_place() {
        let orders: [&[usize]; 4] = [
            &[0, 1, 2, 3],
            &[3, 2, 1, 0],
            &[1, 2, 3, 0],
            &[2, 0, 1, 4, 3],
        ];
        for order in orders {
            let mut items: Vec<char> = "abcde"[..order.len()].chars().collect();
            let expected: Vec<char> = order.iter().map(|&i| items[i]).collect();
            permute(&mut items, order.to_vec());
            assert_eq!(items, expected, "{order:?}");
        }
    }
}
