//! The rule files as written: serde types that keep the position of every value, so that
//! validation can point at the exact place of a mistake. Nothing here is checked beyond
//! TOML syntax and known keys; [`super::validate`] turns these into a [`super::RuleSet`].

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::lang::Bilingual;

/// `rules/stages.toml`: stage definitions, format groups and thresholds shared by all categories.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStagesFile {
    /// Named groups of file extensions (`document`, `image`).
    #[serde(default)]
    pub formats: BTreeMap<String, Vec<Spanned<String>>>,
    /// Stages in lifecycle order.
    #[serde(default)]
    pub stage: Vec<RawStage>,
    /// Named amounts that conditions refer to.
    #[serde(default)]
    pub thresholds: BTreeMap<String, RawThreshold>,
    /// Named groups of form words (报告, 证书, 意见书 …) that documents' `forms` refer to.
    #[serde(default)]
    pub form_words: BTreeMap<String, Vec<Spanned<String>>>,
    /// Patterns that make a name evidence of no document at all (a filled-in sample).
    #[serde(default)]
    pub not_evidence: Vec<Spanned<String>>,
    /// Kinds of paper (申请表, 方案, 公示 …) that, ending a name after a document's match,
    /// make the name that other kind of paper instead.
    #[serde(default)]
    pub other_kinds: Vec<Spanned<String>>,
}

/// One `[[stage]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    pub id: Spanned<String>,
    pub name: Bilingual,
    #[serde(default)]
    pub folder_words: Vec<Spanned<String>>,
}

/// One `[thresholds.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawThreshold {
    pub amount: Option<Spanned<RawAmount>>,
    pub percent: Option<Spanned<RawAmount>>,
    pub days: Option<Spanned<RawAmount>>,
    pub name: Option<Bilingual>,
    pub source: Option<String>,
}

/// A number as a rule file may write it: an integer, or a string (`"400万元"`, a threshold id).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawAmount {
    Integer(i64),
    Text(String),
}

/// A category rule file, or a file of overrides for a category.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategoryFile {
    pub category: RawCategory,
    #[serde(default)]
    pub document: Vec<RawDocument>,
    /// Maturity grades of planned projects, lowest first (`[[maturity]]`).
    #[serde(default)]
    pub maturity: Vec<RawGrade>,
}

/// One `[[maturity]]` grade: the documents it adds to the grades below it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGrade {
    pub id: Spanned<String>,
    pub name: Bilingual,
    /// Documents every project at this grade has.
    #[serde(default)]
    pub documents: Vec<Spanned<String>>,
    /// Documents a project has at this grade when their condition holds.
    #[serde(default)]
    pub conditional: Vec<RawConditionalDocuments>,
}

/// `{ when = { construction = ["new"] }, documents = ["…"] }` of a grade.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConditionalDocuments {
    pub when: RawCondition,
    pub documents: Vec<Spanned<String>>,
}

/// The `[category]` table. Only `id` is needed in a file that overrides a known category.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    pub id: Spanned<String>,
    pub name: Option<Bilingual>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub stages: Option<Vec<Spanned<String>>>,
}

/// One `[[document]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub id: Spanned<String>,
    pub stage: Spanned<String>,
    pub name: Bilingual,
    pub patterns: Spanned<Vec<Spanned<String>>>,
    /// Topic terms that, directly followed by one of `forms`, name the document.
    #[serde(default)]
    pub topics: Vec<Spanned<String>>,
    /// Form words (or groups of `[form_words]`) that follow a topic.
    #[serde(default)]
    pub forms: Vec<Spanned<String>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    pub formats: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub when: Option<RawCondition>,
    pub severity: Spanned<String>,
    pub min: Option<Spanned<i64>>,
    pub source: Option<String>,
    pub why: Option<Bilingual>,
}

/// The `when` table of a document: every clause given must hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    pub status: Option<Vec<Spanned<String>>>,
    pub construction: Option<Vec<Spanned<String>>>,
    pub total_investment_gte: Option<Spanned<RawAmount>>,
    pub contract: Option<RawContractCondition>,
    pub procurement: Option<Vec<Spanned<String>>>,
    /// Other project attributes (unknown manifest keys): key → accepted values.
    #[serde(default)]
    pub attributes: BTreeMap<String, Vec<String>>,
}

/// `contract = { kind = "construction", amount_gte = "construction-tender" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContractCondition {
    pub kind: Spanned<String>,
    pub amount_gte: Spanned<RawAmount>,
}
