//! The confusions of `CATALOGUE.md`, and names as clerks write them, against the built-in
//! rules: each file name must be evidence of exactly the document listed (or of none).

use std::collections::BTreeMap;

use crate::names::normalize::{judged_extension, normalize, split_extension};
use crate::ruleset::RuleSet;

fn rules() -> RuleSet {
    RuleSet::load(&[] as &[&str], &BTreeMap::new()).expect("built-in rules are valid")
}

/// `(category, file name, stage folder, expected document)` of every row of
/// `fixtures/catalogue-cases.tsv`, where the groups of cases say why they are there.
fn cases() -> Vec<(
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
)> {
    include_str!("../../fixtures/catalogue-cases.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let [category, name, stage, expected] = cells[..] else {
                panic!("catalogue case without four cells: {line:?}");
            };
            let stage = (stage != "-").then_some(stage);
            let expected = (expected != "none").then_some(expected);
            (category, name, stage, expected)
        })
        .collect()
}

#[test]
fn file_names_are_evidence_of_the_right_document() {
    let rules = rules();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 100, "the whole table was read");
    for (category, name, stage, expected) in cases {
        let category = rules.category(category).expect("category exists");
        let (stem, extension) = split_extension(name);
        let found = category
            .best_match(&normalize(stem), judged_extension(&extension), stage)
            .map(|m| category.documents[m.document].id.as_str());
        if found != expected {
            failures.push(format!(
                "{name} ({}): expected {expected:?}, found {found:?}",
                category.id
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "misclassified:\n{}",
        failures.join("\n")
    );
}

/// `stage/id` of every document of `CATALOGUE.md`, per category, in catalogue order.
const CATALOGUE: &[(&str, &str)] = &[
    (
        "fixed-asset",
        "approval/aid-plan approval/feasibility-report approval/feasibility-approval approval/preliminary-design-approval approval/environmental-approval land/site-selection land/land-planning-permit land/land-title land/works-planning-permit permit/drawing-review permit/construction-permit permit/quality-safety-registration procurement/tender-documents procurement/bid-evaluation-report procurement/award-notice procurement/procurement-approval procurement/construction-contract procurement/supervision-contract construction/commencement-order construction/construction-plan construction/supervision-plan construction/supervision-log construction/concealed-works-record payment/fund-allocation payment/payment-request payment/payment-voucher payment/invoice acceptance/completion-report acceptance/quality-assessment acceptance/acceptance-report acceptance/acceptance-filing acceptance/fire-acceptance acceptance/as-built-drawings settlement/settlement-audit settlement/final-accounts handover/handover-record handover/asset-registration evaluation/performance-targets evaluation/performance-self-evaluation evaluation/performance-evaluation-report media/photos-before media/photos-during media/photos-after media/aid-signage-photo",
    ),
    (
        "equipment",
        "approval/aid-plan approval/implementation-plan approval/project-approval procurement/procurement-plan procurement/procurement-requirements procurement/tender-documents procurement/bid-evaluation-report procurement/award-notice procurement/single-source-approval procurement/procurement-contract payment/fund-allocation payment/payment-request payment/payment-voucher payment/invoice acceptance/delivery-receipt acceptance/installation-report acceptance/acceptance-report settlement/final-accounts handover/asset-registration handover/handover-record evaluation/performance-targets evaluation/performance-self-evaluation evaluation/performance-evaluation-report media/equipment-photos media/aid-signage-photo",
    ),
    (
        "non-fixed",
        "approval/aid-plan approval/implementation-plan approval/project-approval approval/budget procurement/service-contract procurement/procurement-approval implementation/activity-notice implementation/sign-in-sheets implementation/agenda implementation/materials payment/fund-allocation payment/payment-request payment/payment-voucher payment/invoice acceptance/summary-report acceptance/acceptance-opinion settlement/expense-statement evaluation/performance-targets evaluation/performance-self-evaluation media/activity-photos",
    ),
];

#[test]
fn every_catalogue_document_is_in_the_rules_in_order() {
    let rules = rules();
    for (category, documents) in CATALOGUE {
        let category = rules.category(category).expect("category exists");
        let found: Vec<String> = category
            .documents
            .iter()
            .map(|d| format!("{}/{}", d.stage, d.id))
            .collect();
        let expected: Vec<&str> = documents.split(' ').collect();
        assert_eq!(found, expected, "documents of {}", category.id);
    }
}

/// `single-source-approval` is required only when some contract was procured from a single
/// source (CATALOGUE.md, corrected by issue 11): not for other below-threshold methods.
#[test]
fn single_source_approval_is_required_only_for_a_single_source_contract() {
    use crate::attributes::{ProcurementMethod, Status};
    use crate::ruleset::condition::{Applicability, ContractFacts, Facts, UnknownFact};

    let rules = rules();
    let equipment = rules.category("equipment").expect("category exists");
    let document = equipment
        .documents
        .iter()
        .find(|d| d.id == "single-source-approval")
        .expect("document exists");
    let procured = |method: ProcurementMethod| ContractFacts {
        kind: None,
        amount: None,
        procurement: Some(method),
    };
    let answer = |contracts: Option<&[ContractFacts]>| {
        document.when.evaluate(&Facts {
            status: Status::Completed,
            construction: None,
            total_investment: None,
            contracts,
            attributes: None,
        })
    };
    for method in ProcurementMethod::ALL {
        let contracts = [procured(ProcurementMethod::PublicTender), procured(method)];
        let expected = if method == ProcurementMethod::SingleSource {
            Applicability::Required
        } else {
            Applicability::NotRequired
        };
        assert_eq!(answer(Some(&contracts)), expected, "{}", method.id());
    }
    assert_eq!(
        answer(None),
        Applicability::Undetermined(vec![UnknownFact::Contracts]),
        "no contract ledger: undetermined, never missing"
    );
}

/// Documents whose words differ by category on purpose, and why. Every other document that two
/// category files define must be recognised alike in both.
const WORDED_BY_CATEGORY: &[(&str, &str)] = &[
    (
        "acceptance-report",
        "a works' 竣工验收 against a purchase's 履约验收 and 验收单",
    ),
    (
        "bid-evaluation-report",
        "equipment buys by 询价 and calls any 评审报告 its own",
    ),
    (
        "final-accounts",
        "a works' 竣工财务决算 against a purchase's 结算报告",
    ),
    (
        "implementation-plan",
        "a training's 培训方案 and 申报书 are its plan",
    ),
    (
        "procurement-approval",
        "works choose a method or 直接发包; services choose a 定点 provider",
    ),
    (
        "project-approval",
        "a meeting's or training's 审批表 is its approval",
    ),
    (
        "tender-documents",
        "works have 招标控制价; purchases have 磋商, 询价 and 谈判 documents",
    ),
];

/// The documents several categories share (the aid plan, the funding chain, performance) are
/// written into each category file; an edit made to one copy and not the others would make the
/// same file evidence in one category and nothing in another.
#[test]
fn a_shared_document_is_recognised_alike_in_every_category() {
    let rules = rules();
    let mut by_id: BTreeMap<&str, Vec<(&str, &crate::ruleset::Document)>> = BTreeMap::new();
    for (category, _) in CATALOGUE {
        let category = rules.category(category).expect("category exists");
        for document in &category.documents {
            by_id
                .entry(document.id.as_str())
                .or_default()
                .push((category.id.as_str(), document));
        }
    }
    let mut shared = 0;
    let mut differing = Vec::new();
    for (id, copies) in by_id.iter().filter(|(_, copies)| copies.len() > 1) {
        shared += 1;
        // The distinct wordings among the copies, with the categories of each.
        let mut wordings: Vec<(_, Vec<&str>)> = Vec::new();
        for (category, copy) in copies {
            let wording = (&copy.patterns, &copy.exclude, &copy.formats, &copy.stage);
            match wordings.iter_mut().find(|(seen, _)| *seen == wording) {
                Some((_, categories)) => categories.push(category),
                None => wordings.push((wording, vec![category])),
            }
        }
        let worded_apart = WORDED_BY_CATEGORY.iter().any(|(listed, _)| listed == id);
        let groups: Vec<String> = wordings.iter().map(|(_, c)| c.join("+")).collect();
        if wordings.len() > 1 && !worded_apart {
            differing.push(format!("{id}: worded apart in {}", groups.join(" / ")));
        }
        if wordings.len() == 1 && worded_apart {
            differing.push(format!(
                "{id}: listed as worded by category, yet {} agree",
                groups[0]
            ));
        }
    }
    assert!(shared >= 15, "the shared documents were found ({shared})");
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}
