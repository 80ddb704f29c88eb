//! Projects: what a project is, and how the archive tells us (manifest, ledger, folder name).

pub mod discover;
pub mod ledger_rows;
pub mod manifest;

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::attributes::{Construction, Status};
use crate::money::amount::Amount;

/// One aid project and its facts, merged from manifest, ledger row and folder name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Project {
    /// Project code (`MGT-2023-001`).
    pub code: Option<String>,
    /// Project name.
    pub name: Option<String>,
    /// Category id, when it could be learned.
    pub category: Option<String>,
    /// Status as stated; `None` when nothing says.
    pub status: Option<Status>,
    /// Year (年度).
    pub year: Option<i64>,
    /// Construction type (建设性质).
    pub construction: Option<Construction>,
    /// Total investment.
    pub total_investment: Option<Amount>,
    /// Aid funds (援疆资金).
    pub aid_funds: Option<Amount>,
    /// Implementing unit (实施单位).
    pub implementing_unit: Option<String>,
    /// Other manifest keys.
    pub attributes: BTreeMap<String, String>,
    /// The project folder, when the archive has one.
    pub folder: Option<PathBuf>,
    /// The project folder relative to the archive root, `/`-separated.
    pub folder_rel: Option<String>,
    /// Where the facts came from: the manifest path, ledger rows `file!sheet!row`, the folder name.
    pub sources: Vec<String>,
    /// Settled amount of the whole project (结算金额), when a ledger or the configuration says.
    pub settlement: Option<Amount>,
    /// Planned, and stated actual, start and finish (计划开工/计划竣工, 实际开工/实际竣工).
    pub schedule: Schedule,
    /// Importance as recorded (重要性, 优先级), in the words the headquarters uses.
    pub importance: Option<String>,
    /// Contact persons (包联人), in the order written, each once.
    pub contacts: Vec<String>,
    /// For the second and later folders that claim one code (`duplicate-project`), the
    /// folder, which keeps their keys apart: each is checked on its own, and the report,
    /// the history and the shards need one key per project.
    pub twin_folder: Option<String>,
}

/// The dates a manifest or the project ledger states of a project's course; each `None`
/// when nothing states it. Milestones evidenced by documents are dated in
/// [`crate::check::timeline`], not here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Schedule {
    /// 计划开工.
    pub planned_start: Option<Date>,
    /// 计划竣工.
    pub planned_finish: Option<Date>,
    /// 实际开工, as stated.
    pub actual_start: Option<Date>,
    /// 实际竣工, as stated.
    pub actual_finish: Option<Date>,
}

impl Schedule {
    /// Each date `other` states replaces this one's (the manifest wins over the ledger).
    pub fn overlay(&mut self, other: Schedule) {
        let pairs = [
            (&mut self.planned_start, other.planned_start),
            (&mut self.planned_finish, other.planned_finish),
            (&mut self.actual_start, other.actual_start),
            (&mut self.actual_finish, other.actual_finish),
        ];
        for (mine, theirs) in pairs {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
    }
}

/// Splits the contact persons of one cell or manifest value: names separated by `、` `/`
/// `，` `,` `;` `；` or spaces (a name may hold `·`, as Uyghur names written in Chinese do).
pub fn split_contacts(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in text.split(|c: char| {
        matches!(c, '、' | '/' | '，' | ',' | ';' | '；' | '\\' | '|') || c.is_whitespace()
    }) {
        let name = name.trim();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

impl Project {
    /// The key findings use for the project: its code, else its folder, else its name. A
    /// second folder claiming a code is keyed `CODE @ FOLDER`, so that no two projects
    /// share a key.
    pub fn key(&self) -> String {
        match (&self.code, &self.twin_folder) {
            (Some(code), Some(folder)) => format!("{code} @ {folder}"),
            _ => self
                .code
                .clone()
                .or_else(|| self.folder_rel.clone())
                .or_else(|| self.name.clone())
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_split_on_every_separator_clerks_use() {
        assert_eq!(
            split_contacts("张伟、阿卜杜拉·艾则孜/李娜，王强, 赵敏;刘洋 陈静"),
            [
                "张伟",
                "阿卜杜拉·艾则孜",
                "李娜",
                "王强",
                "赵敏",
                "刘洋",
                "陈静"
            ]
        );
        assert_eq!(split_contacts(" 张伟 、张伟 "), ["张伟"]);
        assert!(split_contacts(" 、 ").is_empty());
    }

    #[test]
    fn the_manifest_schedule_wins_date_by_date() {
        let day = |d: &str| Some(d.parse::<Date>().unwrap());
        let mut ledger = Schedule {
            planned_start: day("2023-03-01"),
            planned_finish: day("2023-10-31"),
            ..Schedule::default()
        };
        ledger.overlay(Schedule {
            planned_finish: day("2023-12-31"),
            actual_start: day("2023-04-02"),
            ..Schedule::default()
        });
        assert_eq!(ledger.planned_start, day("2023-03-01"));
        assert_eq!(ledger.planned_finish, day("2023-12-31"));
        assert_eq!(ledger.actual_start, day("2023-04-02"));
        assert_eq!(ledger.actual_finish, None);
    }
}
