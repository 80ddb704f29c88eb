//! `project.toml`: a project's own statement of its facts. It wins over the project ledger.
//!
//! Values may be English ids or the Chinese words clerks use (`固投类`, `已完工`, `新建`,
//! `1250.5万元`). Unknown keys are kept as attributes. Every mistake is reported with its
//! line and column, and the facts that could be read are still used. The result is a
//! [`Project`] holding only what the manifest states.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::Project;
use jiff::civil::Date;

use crate::attributes::{Construction, Status};
use crate::dates::parse_date;
use crate::diagnostic::line_col;
use crate::finding::said::Mistake;
use crate::money::amount::Amount;
use crate::money::{Unit, parse_amount};
use crate::ruleset::RuleSet;

/// One mistake in a manifest, at a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub mistake: Mistake,
}

/// Parses a manifest; returns what it could read and every mistake.
pub fn parse_manifest(text: &str, rules: &RuleSet) -> (Project, Vec<ManifestError>) {
    let mut manifest = Project::default();
    let mut mistakes = Mistakes {
        text,
        errors: Vec::new(),
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let detail = e.message().trim().to_string();
            mistakes.at(span, Mistake::Syntax { detail });
            return (manifest, mistakes.errors);
        }
    };
    for (key, value) in &table {
        let span = value.span();
        let key = key.get_ref().as_ref();
        if key == "contacts" {
            manifest.contacts = contacts(value.get_ref(), span, &mut mistakes);
            continue;
        }
        match scalar_text(value.get_ref()) {
            Some(raw) => {
                let field = Field { key, raw, span };
                read_field(&mut manifest, field, rules, &mut mistakes);
            }
            None if SINGLE_VALUED.contains(&key) => {
                let key = key.to_string();
                mistakes.at(span, Mistake::NotSingleValue { key });
            }
            None => {}
        }
    }
    (manifest, mistakes.errors)
}

/// The keys whose value must be a single value (a table or array there is a mistake).
const SINGLE_VALUED: [&str; 15] = [
    "code",
    "name",
    "category",
    "status",
    "year",
    "construction",
    "total_investment",
    "aid_funds",
    "settlement",
    "implementing_unit",
    "planned_start",
    "planned_finish",
    "actual_start",
    "actual_finish",
    "importance",
];

/// The mistakes of one manifest, placed by line and column.
struct Mistakes<'t> {
    /// The manifest's text, to turn spans into lines and columns.
    text: &'t str,
    /// The mistakes so far.
    errors: Vec<ManifestError>,
}

impl Mistakes<'_> {
    /// Records a mistake at `span`.
    fn at(&mut self, span: Range<usize>, mistake: Mistake) {
        let (line, column) = line_col(self.text, span.start);
        self.errors.push(ManifestError {
            line,
            column,
            mistake,
        });
    }
}

/// One scalar key of a manifest: its name, its value as text and where the value is.
struct Field<'k> {
    /// The key.
    key: &'k str,
    /// The value as written.
    raw: String,
    /// Where the value is.
    span: Range<usize>,
}

/// Takes one scalar fact into `manifest`; a value that cannot be read is a mistake, an
/// unknown key an attribute.
fn read_field(manifest: &mut Project, field: Field<'_>, rules: &RuleSet, mistakes: &mut Mistakes) {
    let Field { key, raw, span } = field;
    match key {
        "code" => manifest.code = Some(raw),
        "name" => manifest.name = Some(raw),
        "implementing_unit" => manifest.implementing_unit = Some(raw),
        "importance" => manifest.importance = Some(raw),
        "planned_start" | "planned_finish" | "actual_start" | "actual_finish" => {
            let date = date(&raw, span, mistakes);
            let schedule = &mut manifest.schedule;
            let slot = match key {
                "planned_start" => &mut schedule.planned_start,
                "planned_finish" => &mut schedule.planned_finish,
                "actual_start" => &mut schedule.actual_start,
                _ => &mut schedule.actual_finish,
            };
            *slot = date;
        }
        "category" => manifest.category = category(&raw, span, rules, mistakes),
        "status" => manifest.status = status(&raw, span, mistakes),
        "construction" => manifest.construction = construction(&raw, span, mistakes),
        "year" => manifest.year = year(&raw, span, mistakes),
        "total_investment" | "aid_funds" | "settlement" => {
            let Some(v) = amount(&raw, span, mistakes) else {
                return;
            };
            match key {
                "aid_funds" => manifest.aid_funds = Some(v),
                "settlement" => manifest.settlement = Some(v),
                _ => manifest.total_investment = Some(v),
            }
        }
        _ => {
            manifest.attributes.insert(key.to_string(), raw);
        }
    }
}

/// The id of the category `raw` names (by id, Chinese name or alias); else a mistake that
/// lists the categories.
fn category(
    raw: &str,
    span: Range<usize>,
    rules: &RuleSet,
    mistakes: &mut Mistakes,
) -> Option<String> {
    if let Some(c) = rules.category_named(raw) {
        return Some(c.id.clone());
    }
    let raw = raw.to_string();
    mistakes.at(span, Mistake::UnknownCategory { raw });
    None
}

/// The status `raw` names, in English or Chinese; else a mistake.
fn status(raw: &str, span: Range<usize>, mistakes: &mut Mistakes) -> Option<Status> {
    let status = Status::parse(raw);
    if status.is_none() {
        let raw = raw.to_string();
        mistakes.at(span, Mistake::UnknownStatus { raw });
    }
    status
}

/// The construction type `raw` names, in English or Chinese; else a mistake.
fn construction(raw: &str, span: Range<usize>, mistakes: &mut Mistakes) -> Option<Construction> {
    let construction = Construction::parse(raw);
    if construction.is_none() {
        let raw = raw.to_string();
        mistakes.at(span, Mistake::UnknownConstruction { raw });
    }
    construction
}

/// A date: a TOML date (`2023-05-12`) or a date string in any form clerks write
/// (`"2023年5月12日"`, `"2023.5.12"`); else a mistake.
fn date(raw: &str, span: Range<usize>, mistakes: &mut Mistakes) -> Option<Date> {
    let date = parse_date(raw);
    if date.is_none() {
        let raw = raw.to_string();
        mistakes.at(span, Mistake::NotADate { raw });
    }
    date
}

/// Contact persons: an array of names, or one string of names separated as in a ledger
/// cell ([`super::split_contacts`]); anything else is a mistake.
fn contacts(value: &DeValue<'_>, span: Range<usize>, mistakes: &mut Mistakes) -> Vec<String> {
    let mut names = Vec::new();
    let mut add = |text: &str| {
        for name in super::split_contacts(text) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    };
    match value {
        DeValue::String(s) => add(s),
        DeValue::Array(items) => {
            for item in items {
                match item.get_ref() {
                    DeValue::String(s) => add(s),
                    _ => mistakes.at(item.span(), Mistake::ContactNotAName),
                }
            }
        }
        _ => mistakes.at(span, Mistake::ContactsNotAList),
    }
    names
}

/// A year between 1990 and 2100; else a mistake.
fn year(raw: &str, span: Range<usize>, mistakes: &mut Mistakes) -> Option<i64> {
    match raw.parse::<i64>() {
        Ok(y) if (1990..=2100).contains(&y) => Some(y),
        _ => {
            let raw = raw.to_string();
            mistakes.at(span, Mistake::NotAYear { raw });
            None
        }
    }
}

/// An amount in yuan (`12000000`) or with its unit (`"1250.5万元"`), kept as written; else
/// a mistake.
fn amount(raw: &str, span: Range<usize>, mistakes: &mut Mistakes) -> Option<Amount> {
    match parse_amount(raw, Unit::Yuan) {
        Ok(v) => Some(Amount::written(
            v,
            raw,
            Unit::named_in(raw).unwrap_or(Unit::Yuan),
        )),
        Err(_) => {
            let raw = raw.to_string();
            mistakes.at(span, Mistake::NotAnAmount { raw });
            None
        }
    }
}

/// A scalar value as text, exactly as written (floats keep their digits: money stays exact).
fn scalar_text(value: &DeValue<'_>) -> Option<String> {
    match value {
        DeValue::String(s) => Some(s.trim().to_string()),
        DeValue::Integer(i) if i.radix() == 10 => Some(i.as_str().replace('_', "")),
        DeValue::Float(f) => Some(f.as_str().replace('_', "")),
        DeValue::Boolean(b) => Some(b.to_string()),
        DeValue::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::*;

    fn rules() -> RuleSet {
        RuleSet::load(&[] as &[PathBuf], &BTreeMap::new()).expect("built-in rules")
    }

    #[test]
    fn facts_are_read_in_english_ids_or_the_words_clerks_use() {
        let text = "code = \"MGT-2023-001\"\nname = \"卫生院\"\ncategory = \"固投类\"\n\
            status = \"已完工\"\nyear = 2023\nconstruction = \"新建\"\n\
            total_investment = \"1250.5万元\"\naid_funds = 12000000\nsettlement = 9.5\n\
            implementing_unit = \"卫健委\"\nfunded_by = \"上海\"\n";
        let (project, errors) = parse_manifest(text, &rules());
        assert_eq!(errors, []);
        assert_eq!(project.code.as_deref(), Some("MGT-2023-001"));
        assert_eq!(project.name.as_deref(), Some("卫生院"));
        assert_eq!(project.category.as_deref(), Some("fixed-asset"));
        assert_eq!(project.status, Some(Status::Completed));
        assert_eq!(project.year, Some(2023));
        assert_eq!(project.construction, Some(Construction::New));
        let yuan = |a: Option<Amount>| a.map(|a| a.yuan.to_string());
        assert_eq!(yuan(project.total_investment), Some("12505000.0".into()));
        assert_eq!(yuan(project.aid_funds), Some("12000000".into()));
        assert_eq!(yuan(project.settlement), Some("9.5".into()));
        assert_eq!(project.implementing_unit.as_deref(), Some("卫健委"));
        assert_eq!(project.attributes["funded_by"], "上海");
    }

    #[test]
    fn each_mistake_is_reported_at_its_line_and_column_and_the_rest_is_read() {
        let raw = |s: &str| s.to_string();
        let cases = [
            (
                "category = \"食堂类\"",
                "1:12",
                Mistake::UnknownCategory {
                    raw: raw("食堂类")
                },
            ),
            (
                "status = \"快好了\"",
                "1:10",
                Mistake::UnknownStatus {
                    raw: raw("快好了")
                },
            ),
            (
                "construction = \"拆除\"",
                "1:16",
                Mistake::UnknownConstruction { raw: raw("拆除") },
            ),
            ("year = 23", "1:8", Mistake::NotAYear { raw: raw("23") }),
            (
                "aid_funds = \"很多\"",
                "1:13",
                Mistake::NotAnAmount { raw: raw("很多") },
            ),
            (
                "name = [\"a\", \"b\"]",
                "1:8",
                Mistake::NotSingleValue { key: raw("name") },
            ),
        ];
        for (line, at, mistake) in cases {
            let text = format!("{line}\nimplementing_unit = \"卫健委\"\n");
            let (project, errors) = parse_manifest(&text, &rules());
            assert_eq!(errors.len(), 1, "{line}: {errors:?}");
            let e = &errors[0];
            assert_eq!(format!("{}:{}", e.line, e.column), at, "{line}");
            assert_eq!(e.mistake, mistake, "{line}");
            assert_eq!(project.implementing_unit.as_deref(), Some("卫健委"));
        }
        let (_, errors) = parse_manifest("code = \"MGT\n", &rules());
        assert_eq!((errors[0].line, errors[0].column), (1, 12));
        assert!(
            matches!(&errors[0].mistake, Mistake::Syntax { detail } if !detail.is_empty()),
            "{errors:?}"
        );
    }

    #[test]
    fn schedule_importance_and_contacts_are_read() {
        let text = "planned_start = 2023-03-01\nplanned_finish = \"2023年10月31日\"\n\
            actual_start = \"2023.4.2\"\nimportance = \"重点\"\n\
            contacts = [\"张伟\", \"阿卜杜拉·艾则孜、李娜\"]\n";
        let (project, errors) = parse_manifest(text, &rules());
        assert_eq!(errors, []);
        let day = |d: &str| Some(d.parse::<Date>().unwrap());
        assert_eq!(project.schedule.planned_start, day("2023-03-01"));
        assert_eq!(project.schedule.planned_finish, day("2023-10-31"));
        assert_eq!(project.schedule.actual_start, day("2023-04-02"));
        assert_eq!(project.schedule.actual_finish, None);
        assert_eq!(project.importance.as_deref(), Some("重点"));
        assert_eq!(project.contacts, ["张伟", "阿卜杜拉·艾则孜", "李娜"]);
        let (_, errors) = parse_manifest("planned_finish = \"明年\"\ncontacts = 3\n", &rules());
        let mut at: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{}", e.line, e.column))
            .collect();
        at.sort();
        assert_eq!(at, ["1:18", "2:12"], "{errors:?}");
    }
}
