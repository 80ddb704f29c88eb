//! Validation of a category's `[[maturity]]` grades: ids unique and kebab-case, every
//! document a document of the category, conditions checked as a document's `when` is.

use toml::Spanned;

use super::condition::condition;
use super::{FileErrors, Shared, check_id};
use crate::ruleset::raw::RawGrade;
use crate::ruleset::{Condition, Document, Grade};

/// The grades as written, lowest first; mistakes are reported and the rest kept.
pub(super) fn grades(
    raw: Vec<RawGrade>,
    documents: &[Document],
    shared: &Shared,
    errors: &mut FileErrors<'_>,
) -> Vec<Grade> {
    let mut grades: Vec<Grade> = Vec::new();
    for grade in raw {
        check_id(&grade.id, errors);
        if grade.id.get_ref() == "idea" || grades.iter().any(|g| g.id == *grade.id.get_ref()) {
            errors.at(
                grade.id.span(),
                format!("duplicate maturity grade `{}`", grade.id.get_ref()),
                "`idea` is the grade below all others; each other grade is defined once",
                None,
            );
            continue;
        }
        let mut listed: Vec<(String, Condition)> = Vec::new();
        let always = known(&grade.documents, documents, errors);
        listed.extend(always.into_iter().map(|d| (d, Condition::default())));
        for conditional in grade.conditional {
            let when = condition(conditional.when, shared, errors);
            let ids = known(&conditional.documents, documents, errors);
            listed.extend(ids.into_iter().map(|d| (d, when.clone())));
        }
        grades.push(Grade {
            id: grade.id.into_inner(),
            name: grade.name,
            documents: listed,
        });
    }
    grades
}

/// The ids of `ids` that name documents of the category; the others are reported.
fn known(
    ids: &[Spanned<String>],
    documents: &[Document],
    errors: &mut FileErrors<'_>,
) -> Vec<String> {
    ids.iter()
        .filter(|id| {
            let found = documents.iter().any(|d| d.id == *id.get_ref());
            if !found {
                errors.at(
                    id.span(),
                    format!("unknown document `{}` in a maturity grade", id.get_ref()),
                    "not a document of this category",
                    Some("`guicang rules` lists the documents of each category".into()),
                );
            }
            found
        })
        .map(|id| id.get_ref().clone())
        .collect()
}
