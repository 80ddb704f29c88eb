//! Validation of a document's `when` table: statuses, construction types, an investment
//! threshold, a contract clause, procurement methods and free project attributes. Every
//! unknown word is reported with its place and the words that are accepted.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use toml::Spanned;

use super::{FileErrors, Shared, amount_value};
use crate::attributes::{Construction, ContractKind, ProcurementMethod, Status};
use crate::names::normalize::normalize;
use crate::ruleset::Condition;
use crate::ruleset::raw::{RawCondition, RawContractCondition};

/// Validates a `when` table; clauses with mistakes are reported and left out.
pub(super) fn condition(
    raw: RawCondition,
    shared: &Shared,
    errors: &mut FileErrors<'_>,
) -> Condition {
    let status = raw.status.map(|values| statuses(&values, errors));
    let construction = raw
        .construction
        .map(|values| constructions(&values, errors));
    let total_investment_gte = raw
        .total_investment_gte
        .as_ref()
        .and_then(|a| amount_value(a, Some(shared), errors));
    let contract = raw.contract.and_then(|c| contract(&c, shared, errors));
    let procurement = raw.procurement.map(|values| procurements(&values, errors));
    let attributes = raw
        .attributes
        .into_iter()
        .map(|(key, values)| (key, values.iter().map(|v| normalize(v)).collect()))
        .collect();
    Condition {
        status,
        construction,
        total_investment_gte,
        contract,
        procurement,
        attributes,
    }
}

/// The statuses of a `status` clause; `active` stands for in progress and completed.
fn statuses(values: &[Spanned<String>], errors: &mut FileErrors<'_>) -> BTreeSet<Status> {
    let mut set = BTreeSet::new();
    for v in values {
        match v.get_ref().as_str() {
            "active" => set.extend([Status::InProgress, Status::Completed]),
            id => match Status::ALL.into_iter().find(|s| s.id() == id) {
                Some(s) => {
                    set.insert(s);
                }
                None => errors.at(
                    v.span(),
                    format!("unknown status `{id}`"),
                    "not a status",
                    Some("use active, planned, in-progress or completed".into()),
                ),
            },
        }
    }
    set
}

/// The construction types of a `construction` clause.
fn constructions(
    values: &[Spanned<String>],
    errors: &mut FileErrors<'_>,
) -> BTreeSet<Construction> {
    values
        .iter()
        .filter_map(|v| {
            let found = Construction::ALL
                .into_iter()
                .find(|c| c.id() == v.get_ref());
            if found.is_none() {
                errors.at(
                    v.span(),
                    format!("unknown construction type `{}`", v.get_ref()),
                    "not a construction type",
                    Some("use new, expansion, renovation or none".into()),
                );
            }
            found
        })
        .collect()
}

/// A `contract` clause: a contract kind and the amount (yuan or threshold id) it must
/// reach; `None` when either is wrong (both are reported).
fn contract(
    raw: &RawContractCondition,
    shared: &Shared,
    errors: &mut FileErrors<'_>,
) -> Option<(ContractKind, Decimal)> {
    let kind = ContractKind::ALL
        .into_iter()
        .find(|k| k.id() == raw.kind.get_ref());
    if kind.is_none() {
        let help = ContractKind::ALL.map(|k| k.id()).join(", ");
        errors.at(
            raw.kind.span(),
            format!("unknown contract kind `{}`", raw.kind.get_ref()),
            "not a contract kind",
            Some(format!("use one of: {help}")),
        );
    }
    let amount = amount_value(&raw.amount_gte, Some(shared), errors);
    Some((kind?, amount?))
}

/// The methods of a `procurement` clause; `below-threshold` stands for every method used
/// below the tender thresholds.
fn procurements(
    values: &[Spanned<String>],
    errors: &mut FileErrors<'_>,
) -> BTreeSet<ProcurementMethod> {
    let mut set = BTreeSet::new();
    for v in values {
        match v.get_ref().as_str() {
            "below-threshold" => set.extend(ProcurementMethod::BELOW_THRESHOLD),
            id => match ProcurementMethod::ALL.into_iter().find(|m| m.id() == id) {
                Some(m) => {
                    set.insert(m);
                }
                None => {
                    let help = ProcurementMethod::ALL.map(|m| m.id()).join(", ");
                    errors.at(
                        v.span(),
                        format!("unknown procurement method `{id}`"),
                        "not a procurement method",
                        Some(format!("use below-threshold or one of: {help}")),
                    );
                }
            },
        }
    }
    set
}
