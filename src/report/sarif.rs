//! The SARIF 2.1.0 report, for code-scanning dashboards and CI annotations.
//!
//! One run. `tool.driver.rules` is the finding-code registry (the same text `guicang
//! explain` prints): short description = title, full description = what it means, help =
//! how to fix, `properties.why` = why it matters. Every finding is a result with one
//! location per piece of evidence: a path relative to the archive root (uriBaseId
//! `ARCHIVE_ROOT`, given in `originalUriBaseIds`), or for a ledger cell `file!sheet!row`
//! the ledger file with a logical location naming the sheet and row. Missing documents
//! point at the project or stage folder where the document was expected. Waived findings
//! are results too, each with an external suppression whose justification is the reason.
//! With a `--baseline`, findings it records are results too: every result then carries
//! `baselineState`, `unchanged` for those, `new` for the others (waived ones included: a
//! baseline never records a waived finding).

use serde::Serialize;
use serde_json::{Value, json};

use super::{Report, WaivedFinding};
use crate::finding::{Code, Finding, Severity};

/// The `uriBaseId` every location is relative to.
pub const ROOT_ID: &str = "ARCHIVE_ROOT";

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'a str,
    version: &'a str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    original_uri_base_ids: Value,
    results: Vec<SarifResult>,
    column_kind: &'a str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: Value,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    properties: Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

/// Renders the report as a SARIF 2.1.0 log, pretty-printed, followed by a newline.
pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let rules = Code::ALL
        .iter()
        .map(|&code| {
            let doc = code.doc();
            let pick = |pair: [&'static str; 2]| lang.pick(pair[0], pair[1]).to_string();
            Rule {
                id: code.id(),
                short_description: Text {
                    text: code.title(lang),
                },
                full_description: Text {
                    text: pick(doc.what),
                },
                help: Text {
                    text: pick(doc.fix),
                },
                default_configuration: Configuration {
                    level: level(doc.severity),
                },
                properties: json!({ "why": pick(doc.why), "example": pick(doc.example) }),
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "guicang",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            original_uri_base_ids: json!({
                ROOT_ID: {
                    "uri": root_uri(&report.root),
                    "description": { "text": format!("archive root: {}", report.root) },
                }
            }),
            results: report
                .findings
                .iter()
                .map(|f| against_baseline(result(f), report, "new"))
                .chain(
                    report
                        .waived
                        .iter()
                        .map(|w| against_baseline(waived(w), report, "new")),
                )
                .chain(
                    report
                        .baselined
                        .iter()
                        .map(|f| against_baseline(result(f), report, "unchanged")),
                )
                .collect(),
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut text =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

fn result(f: &Finding) -> SarifResult {
    let mut properties = serde_json::Map::new();
    let facts = [
        ("project", &f.project),
        ("stage", &f.stage),
        ("document", &f.document),
        ("contract", &f.contract),
        ("voucher", &f.voucher),
    ];
    for (key, value) in facts {
        if let Some(v) = value {
            properties.insert(key.into(), Value::String(v.clone()));
        }
    }
    properties.insert("severity".into(), Value::String(f.severity.id().into()));
    SarifResult {
        rule_id: f.code.id(),
        rule_index: Code::ALL.iter().position(|&c| c == f.code).unwrap_or(0),
        level: level(f.severity),
        message: Text {
            text: f.message.clone(),
        },
        locations: f.paths.iter().map(|p| location(p)).collect(),
        suppressions: Vec::new(),
        baseline_state: None,
        properties: Value::Object(properties),
    }
}

/// A result with its state against the baseline, when one was applied.
fn against_baseline(mut r: SarifResult, report: &Report, state: &'static str) -> SarifResult {
    r.baseline_state = report.baseline_applied.then_some(state);
    r
}

/// A waived finding: its result, suppressed externally (by `guicang.toml`) with the
/// waiver's reason as the justification.
fn waived(w: &WaivedFinding) -> SarifResult {
    let mut r = result(&w.finding);
    let mut properties = serde_json::Map::new();
    properties.insert("approvedBy".into(), Value::String(w.approved_by.clone()));
    if let Some(expires) = &w.expires {
        properties.insert("expires".into(), Value::String(expires.clone()));
    }
    properties.insert("waiver".into(), Value::String(w.waiver.clone()));
    r.suppressions = vec![json!({
        "kind": "external",
        "status": "accepted",
        "justification": w.reason,
        "properties": properties,
    })];
    r
}

/// A location of one piece of evidence: a path, or a ledger cell `file!sheet!row`.
fn location(evidence: &str) -> Location {
    let mut parts = evidence.splitn(3, '!');
    let file = parts.next().unwrap_or(evidence);
    let logical_locations = match (parts.next(), parts.next()) {
        (Some(sheet), Some(cell)) => {
            let mut properties = serde_json::Map::new();
            properties.insert("sheet".into(), Value::String(sheet.into()));
            match cell.parse::<u64>() {
                Ok(row) => properties.insert("row".into(), Value::from(row)),
                Err(_) => properties.insert("cell".into(), Value::String(cell.into())),
            };
            vec![json!({
                "name": format!("{sheet}!{cell}"),
                "fullyQualifiedName": evidence,
                "kind": "element",
                "properties": properties,
            })]
        }
        _ => Vec::new(),
    };
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: encode_path(file),
                uri_base_id: ROOT_ID,
            },
        },
        logical_locations,
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The archive root as a URI ending in `/`: a `file:` URI when the path can be made
/// absolute, else the path as given.
fn root_uri(root: &str) -> String {
    let path = std::path::absolute(root).map_or_else(
        |_| root.replace('\\', "/"),
        |p| p.to_string_lossy().replace('\\', "/"),
    );
    let drive = path
        .get(..2)
        .filter(|d| d.ends_with(':') && d.starts_with(|c: char| c.is_ascii_alphabetic()));
    let mut uri = match drive {
        Some(d) => format!("file:///{d}{}", encode_path(&path[2..])),
        None if path.starts_with('/') => format!("file://{}", encode_path(&path)),
        None => encode_path(&path),
    };
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encodes a `/`-separated path into a URI reference (UTF-8, RFC 3986): letters,
/// digits, `-._~` and the separators stay, everything else is `%XX`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded_utf8() {
        assert_eq!(
            encode_path("2023/固投类/a b.pdf"),
            "2023/%E5%9B%BA%E6%8A%95%E7%B1%BB/a%20b.pdf"
        );
        assert_eq!(encode_path("~$x#1.docx"), "~%24x%231.docx");
    }

    #[test]
    fn ledger_cells_become_a_file_and_a_logical_location() {
        let loc = location("资金拨付台账.xlsx!Sheet1!4");
        assert_eq!(
            loc.physical_location.artifact_location.uri,
            encode_path("资金拨付台账.xlsx")
        );
        let logical = &loc.logical_locations[0];
        assert_eq!(logical["name"], "Sheet1!4");
        assert_eq!(logical["properties"]["row"], 4);
        let cell = location("台账.xlsx!Sheet1!H5");
        assert_eq!(cell.logical_locations[0]["properties"]["cell"], "H5");
        assert!(location("a/b.pdf").logical_locations.is_empty());
    }

    #[test]
    fn absolute_roots_are_file_uris() {
        assert_eq!(root_uri("/srv/档案"), "file:///srv/%E6%A1%A3%E6%A1%88/");
    }
}
