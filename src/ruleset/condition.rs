//! Conditions (`when`) that decide whether a document is required for a project.
//!
//! A condition is a conjunction of clauses over project facts. Its answer has three
//! states: required, not required, or undetermined because a fact it needs is unknown
//! (the construction type is not recorded, no contract ledger was read). An undetermined
//! document is never reported missing; the JSON report lists it with the reason.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::attributes::{Construction, ContractKind, ProcurementMethod, Status};

/// A validated condition; an empty one always holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Condition {
    /// The project's status must be one of these.
    pub status: Option<BTreeSet<Status>>,
    /// The construction type must be one of these.
    pub construction: Option<BTreeSet<Construction>>,
    /// Total investment must be at least this many yuan.
    pub total_investment_gte: Option<Decimal>,
    /// Some contract of this kind must reach this amount.
    pub contract: Option<(ContractKind, Decimal)>,
    /// Some contract must have been procured by one of these methods.
    pub procurement: Option<BTreeSet<ProcurementMethod>>,
    /// Other project attributes (from `project.toml`): key → accepted values, normalised.
    pub attributes: BTreeMap<String, BTreeSet<String>>,
}

/// One contract as far as conditions need it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractFacts {
    /// The contract's kind, if the ledger says.
    pub kind: Option<ContractKind>,
    /// The contract amount in yuan, if known.
    pub amount: Option<Decimal>,
    /// How it was procured, if the ledger says.
    pub procurement: Option<ProcurementMethod>,
}

/// The facts of one project that conditions read.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// Status (an unknown status is checked as in progress by the caller).
    pub status: Status,
    /// Construction type, if known.
    pub construction: Option<Construction>,
    /// Total investment in yuan, if known.
    pub total_investment: Option<Decimal>,
    /// The project's contracts, or `None` when no contract ledger was read.
    pub contracts: Option<&'a [ContractFacts]>,
    /// Other attributes of the project (unknown `project.toml` keys), values as written.
    pub attributes: Option<&'a BTreeMap<String, String>>,
}

/// A fact a condition needed and did not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownFact {
    /// The construction type is not recorded.
    Construction,
    /// The total investment is not recorded.
    TotalInvestment,
    /// No contract ledger lists the project's contracts.
    Contracts,
    /// A project attribute the condition reads is not set.
    Attribute,
}

/// Whether a document applies to a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applicability {
    /// The document is required.
    Required,
    /// The document is not required.
    NotRequired,
    /// Whether it is required depends on facts that are not known.
    Undetermined(Vec<UnknownFact>),
}

impl Condition {
    /// Evaluates the condition: any clause false → not required; else any unknown → undetermined.
    pub fn evaluate(&self, facts: &Facts<'_>) -> Applicability {
        let mut unknown = Vec::new();
        let mut holds = self
            .status
            .as_ref()
            .is_none_or(|statuses| statuses.contains(&facts.status));
        {
            let mut clause = |answer: Option<bool>, fact: UnknownFact| match answer {
                Some(value) => holds &= value,
                None => unknown.push(fact),
            };
            if let Some(types) = &self.construction {
                clause(
                    facts.construction.map(|c| types.contains(&c)),
                    UnknownFact::Construction,
                );
            }
            if let Some(min) = self.total_investment_gte {
                clause(
                    facts.total_investment.map(|t| t >= min),
                    UnknownFact::TotalInvestment,
                );
            }
            if let Some((kind, min)) = self.contract {
                let answer = facts.contracts.map(|contracts| {
                    contracts
                        .iter()
                        .any(|c| c.kind == Some(kind) && c.amount.is_some_and(|a| a >= min))
                });
                clause(answer, UnknownFact::Contracts);
            }
            if let Some(methods) = &self.procurement {
                let answer = facts.contracts.map(|contracts| {
                    contracts
                        .iter()
                        .any(|c| c.procurement.is_some_and(|m| methods.contains(&m)))
                });
                clause(answer, UnknownFact::Contracts);
            }
            for (key, accepted) in &self.attributes {
                let value = facts.attributes.and_then(|a| a.get(key));
                let answer =
                    value.map(|v| accepted.contains(&crate::names::normalize::normalize(v)));
                clause(answer, UnknownFact::Attribute);
            }
        }
        if !holds {
            Applicability::NotRequired
        } else if unknown.is_empty() {
            Applicability::Required
        } else {
            unknown.sort();
            unknown.dedup();
            Applicability::Undetermined(unknown)
        }
    }

    /// The condition as a short readable expression, for `guicang rules`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let list = |items: Vec<&str>| items.join("|");
        if let Some(s) = &self.status {
            parts.push(format!(
                "status={}",
                list(s.iter().map(|s| s.id()).collect())
            ));
        }
        if let Some(c) = &self.construction {
            parts.push(format!(
                "construction={}",
                list(c.iter().map(|c| c.id()).collect())
            ));
        }
        if let Some(t) = self.total_investment_gte {
            parts.push(format!("total_investment≥{}", crate::money::format_yuan(t)));
        }
        if let Some((kind, min)) = self.contract {
            parts.push(format!(
                "contract({})≥{}",
                kind.id(),
                crate::money::format_yuan(min)
            ));
        }
        if let Some(m) = &self.procurement {
            parts.push(format!(
                "procurement={}",
                list(m.iter().map(|m| m.id()).collect())
            ));
        }
        for (key, values) in &self.attributes {
            parts.push(format!(
                "{key}={}",
                list(values.iter().map(String::as_str).collect())
            ));
        }
        if parts.is_empty() {
            "always".to_string()
        } else {
            parts.join(" & ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: Status) -> Facts<'static> {
        Facts {
            status,
            construction: None,
            total_investment: None,
            contracts: None,
            attributes: None,
        }
    }

    fn active() -> Option<BTreeSet<Status>> {
        Some([Status::InProgress, Status::Completed].into())
    }

    #[test]
    fn empty_condition_always_holds() {
        assert_eq!(
            Condition::default().evaluate(&facts(Status::Planned)),
            Applicability::Required
        );
    }

    #[test]
    fn status_decides_alone() {
        let c = Condition {
            status: active(),
            ..Condition::default()
        };
        assert_eq!(
            c.evaluate(&facts(Status::Completed)),
            Applicability::Required
        );
        assert_eq!(
            c.evaluate(&facts(Status::Planned)),
            Applicability::NotRequired
        );
    }

    #[test]
    fn unknown_facts_make_it_undetermined_unless_another_clause_fails() {
        let c = Condition {
            status: Some([Status::Completed].into()),
            construction: Some([Construction::New].into()),
            ..Condition::default()
        };
        assert_eq!(
            c.evaluate(&facts(Status::Completed)),
            Applicability::Undetermined(vec![UnknownFact::Construction])
        );
        assert_eq!(
            c.evaluate(&facts(Status::InProgress)),
            Applicability::NotRequired
        );
        let known = Facts {
            construction: Some(Construction::Renovation),
            ..facts(Status::Completed)
        };
        assert_eq!(c.evaluate(&known), Applicability::NotRequired);
    }

    #[test]
    fn investment_threshold_is_inclusive() {
        let c = Condition {
            total_investment_gte: Some(Decimal::from(300_000)),
            ..Condition::default()
        };
        let at = Facts {
            total_investment: Some(Decimal::from(300_000)),
            ..facts(Status::InProgress)
        };
        let below = Facts {
            total_investment: Some(Decimal::from(299_999)),
            ..facts(Status::InProgress)
        };
        assert_eq!(c.evaluate(&at), Applicability::Required);
        assert_eq!(c.evaluate(&below), Applicability::NotRequired);
        assert_eq!(
            c.evaluate(&facts(Status::InProgress)),
            Applicability::Undetermined(vec![UnknownFact::TotalInvestment])
        );
    }

    #[test]
    fn contract_clauses_need_a_contract_ledger() {
        let c = Condition {
            contract: Some((ContractKind::Construction, Decimal::from(4_000_000))),
            ..Condition::default()
        };
        assert_eq!(
            c.evaluate(&facts(Status::InProgress)),
            Applicability::Undetermined(vec![UnknownFact::Contracts])
        );
        let big = [ContractFacts {
            kind: Some(ContractKind::Construction),
            amount: Some(Decimal::from(4_000_000)),
            procurement: Some(ProcurementMethod::PublicTender),
        }];
        let small = [ContractFacts {
            amount: Some(Decimal::from(3_999_999)),
            ..big[0].clone()
        }];
        let with = |contracts: &'static [ContractFacts]| Facts {
            contracts: Some(contracts),
            ..facts(Status::InProgress)
        };
        assert_eq!(
            c.evaluate(&with(Box::leak(Box::new(big)))),
            Applicability::Required
        );
        assert_eq!(
            c.evaluate(&with(Box::leak(Box::new(small)))),
            Applicability::NotRequired
        );
        assert_eq!(c.evaluate(&with(&[])), Applicability::NotRequired);
    }

    #[test]
    fn attribute_clauses_read_manifest_keys() {
        let c = Condition {
            attributes: [(
                "needs_new_land".to_string(),
                ["true".to_string(), "是".to_string()].into(),
            )]
            .into(),
            ..Condition::default()
        };
        let yes: BTreeMap<String, String> =
            [("needs_new_land".to_string(), "是".to_string())].into();
        let no: BTreeMap<String, String> =
            [("needs_new_land".to_string(), "否".to_string())].into();
        let with = |a| Facts {
            attributes: Some(a),
            ..facts(Status::InProgress)
        };
        assert_eq!(c.evaluate(&with(&yes)), Applicability::Required);
        assert_eq!(c.evaluate(&with(&no)), Applicability::NotRequired);
        assert_eq!(
            c.evaluate(&facts(Status::InProgress)),
            Applicability::Undetermined(vec![UnknownFact::Attribute])
        );
    }

    #[test]
    fn procurement_clause_matches_any_contract() {
        let c = Condition {
            procurement: Some(ProcurementMethod::BELOW_THRESHOLD.into_iter().collect()),
            ..Condition::default()
        };
        let contracts = [
            ContractFacts {
                kind: None,
                amount: None,
                procurement: Some(ProcurementMethod::PublicTender),
            },
            ContractFacts {
                kind: None,
                amount: None,
                procurement: Some(ProcurementMethod::Inquiry),
            },
        ];
        let f = Facts {
            contracts: Some(&contracts),
            ..facts(Status::Completed)
        };
        assert_eq!(c.evaluate(&f), Applicability::Required);
        let f = Facts {
            contracts: Some(&contracts[..1]),
            ..facts(Status::Completed)
        };
        assert_eq!(c.evaluate(&f), Applicability::NotRequired);
    }
}
