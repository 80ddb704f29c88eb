//! `project.toml`: a project's own statement of its facts. It wins over the project ledger.
//!
//! Values may be English ids or the Chinese words clerks use (`固投类`, `已完工`, `新建`,
//! `1250.5万元`). Unknown keys are kept as attributes. Every mistake is reported with its
//! line and column, and the facts that could be read are still used. The result is a
//! [`Project`] holding only what the manifest states.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::Project;
use crate::attributes::{Construction, Status};
use crate::diagnostic::line_col;
use crate::lang::Lang;
use crate::money::amount::Amount;
use crate::money::{Unit, parse_amount};
use crate::ruleset::RuleSet;

/// One mistake in a manifest: `line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, in the report's language.
    pub message: String,
}

/// Parses a manifest; returns what it could read and every mistake.
pub fn parse_manifest(text: &str, rules: &RuleSet, lang: Lang) -> (Project, Vec<ManifestError>) {
    let mut manifest = Project::default();
    let mut errors = Vec::new();
    let mut error = |span: Range<usize>, zh: String, en: String| {
        let (line, column) = line_col(text, span.start);
        errors.push(ManifestError {
            line,
            column,
            message: lang.pick(&zh, &en).to_string(),
        });
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            error(
                span,
                format!("TOML 语法错误：{}", e.message().trim()),
                format!("TOML syntax error: {}", e.message().trim()),
            );
            return (manifest, errors);
        }
    };
    for (key, value) in &table {
        let span = value.span();
        let text_value = scalar_text(value.get_ref());
        let key = key.get_ref().as_ref();
        let Some(raw) = text_value else {
            if matches!(
                key,
                "code"
                    | "name"
                    | "category"
                    | "status"
                    | "year"
                    | "construction"
                    | "total_investment"
                    | "aid_funds"
                    | "implementing_unit"
            ) {
                error(
                    span,
                    format!("`{key}` 应为单个值"),
                    format!("`{key}` must be a single value"),
                );
            }
            continue;
        };
        match key {
            "code" => manifest.code = Some(raw),
            "name" => manifest.name = Some(raw),
            "implementing_unit" => manifest.implementing_unit = Some(raw),
            "category" => match rules.category_named(&raw) {
                Some(c) => manifest.category = Some(c.id.clone()),
                None => {
                    let known: Vec<String> = rules
                        .categories
                        .iter()
                        .map(|c| format!("{} ({})", c.id, c.name.zh))
                        .collect();
                    error(
                        span,
                        format!("未知的项目类别 \"{raw}\"，可用：{}", known.join("、")),
                        format!(
                            "unknown category \"{raw}\"; use one of: {}",
                            known.join(", ")
                        ),
                    );
                }
            },
            "status" => match Status::parse(&raw) {
                Some(s) => manifest.status = Some(s),
                None => error(
                    span,
                    format!(
                        "未知的项目状态 \"{raw}\"（可用 planned/谋划、in-progress/实施中、completed/已完工）"
                    ),
                    format!("unknown status \"{raw}\" (use planned, in-progress or completed)"),
                ),
            },
            "construction" => match Construction::parse(&raw) {
                Some(c) => manifest.construction = Some(c),
                None => error(
                    span,
                    format!(
                        "未知的建设性质 \"{raw}\"（可用 new/新建、expansion/扩建、renovation/改建、none/无）"
                    ),
                    format!(
                        "unknown construction type \"{raw}\" (use new, expansion, renovation or none)"
                    ),
                ),
            },
            "year" => match raw.parse::<i64>() {
                Ok(y) if (1990..=2100).contains(&y) => manifest.year = Some(y),
                _ => error(
                    span,
                    format!("年度应为四位数字，而不是 \"{raw}\""),
                    format!("year must be four digits, not \"{raw}\""),
                ),
            },
            "total_investment" | "aid_funds" | "settlement" => match parse_amount(&raw, Unit::Yuan)
            {
                Ok(v) => {
                    let v = Amount::written(v, &raw, Unit::named_in(&raw).unwrap_or(Unit::Yuan));
                    match key {
                        "aid_funds" => manifest.aid_funds = Some(v),
                        "settlement" => manifest.settlement = Some(v),
                        _ => manifest.total_investment = Some(v),
                    }
                }
                Err(_) => error(
                    span,
                    format!("\"{raw}\" 不是有效金额（例：12000000、\"1250.5万元\"）"),
                    format!("\"{raw}\" is not an amount (e.g. 12000000 or \"1250.5万元\")"),
                ),
            },
            _ => {
                manifest.attributes.insert(key.to_string(), raw);
            }
        }
    }
    (manifest, errors)
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
