//! The SARIF 2.1.0 report, for code-scanning dashboards and CI annotations.
//!
//! One run. `tool.driver.rules` is the finding-code registry (the same text `guicang
//! explain` prints): short description = title, full description = what it means, help =
//! how to fix (`help.markdown` has what, why, fix and example), `properties.why` = why it
//! matters. A missing document has a rule of its own, `missing-document/<document id>`,
//! whose title names the document, so that code scanning does not show every missing
//! document under one title.
//!
//! Every finding is a result with one location per piece of evidence. When the archive
//! root is inside a git work tree (a `.git` found upward from the root), a location is a
//! path relative to that work tree (uriBaseId `%SRCROOT%`), which is what code scanning
//! resolves against the repository; otherwise relative to the archive root (uriBaseId
//! `ARCHIVE_ROOT`). Both bases are given in `originalUriBaseIds`. A ledger cell
//! `file!sheet!row` is the ledger file with a logical location naming the sheet and row,
//! and the cell is also written in the message (code scanning shows no logical
//! location). Missing documents point at the project or stage folder where the document
//! was expected. Every result has `partialFingerprints` derived from its baseline key
//! (code, project, document, first evidence), so that an alert stays put across sweeps
//! and a dismissal sticks.
//!
//! Waived findings are results too, each with an external suppression whose justification
//! is the reason. With a `--baseline`, findings it records are results too: every result
//! then carries `baselineState`, `unchanged` for those, `new` for the others (waived ones
//! included: a baseline never records a waived finding).

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use serde_json::{Value, json};

mod location;

pub use location::Base;
use location::{Location, location};

use super::Reported;
use super::{Report, WaivedFinding};
use crate::finding::{Code, Severity};
use crate::lang::Lang;
use crate::triage::baseline::Key;

/// The `uriBaseId` of the archive root.
pub const ROOT_ID: &str = "ARCHIVE_ROOT";

/// The `uriBaseId` of the git work tree holding the archive, the name code scanning knows.
pub const WORK_TREE_ID: &str = "%SRCROOT%";

/// The name of the fingerprint in `partialFingerprints`; `v1` changes if the key does.
pub const FINGERPRINT: &str = "guicangKey/v1";

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
    automation_details: Value,
    invocations: Vec<Value>,
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
    id: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: Value,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    partial_fingerprints: Value,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    properties: Value,
}

/// Renders the report as a SARIF 2.1.0 log, pretty-printed, followed by a newline, its
/// locations relative to the git work tree holding the archive when there is one.
pub fn render(report: &Report) -> String {
    render_with(report, &Base::find(&report.root))
}

/// Renders the report as a SARIF 2.1.0 log with locations relative to `base`.
pub fn render_with(report: &Report, base: &Base) -> String {
    let lang = report.lang;
    let documents = MissingDocuments::new(report);
    let mut rules: Vec<Rule> = Code::ALL
        .iter()
        .map(|&code| code_rule(code, lang))
        .collect();
    rules.extend(documents.rules(lang));
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
            automation_details: json!({ "id": base.automation_id() }),
            invocations: vec![json!({
                "executionSuccessful": true,
                "startTimeUtc": report.run.at,
                "properties": {
                    "guicangVersion": report.run.guicang,
                    "failOn": report.run.fail_on,
                    "configuration": report.run.config,
                    "waivers": report.run.waivers,
                    "baseline": report.run.baseline,
                },
            })],
            original_uri_base_ids: base.original_uri_base_ids(lang),
            results: results(report, &documents, base),
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut text =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

/// Every result: the findings that count, the waived ones, then the baselined ones.
fn results(report: &Report, documents: &MissingDocuments<'_>, base: &Base) -> Vec<SarifResult> {
    let lang = report.lang;
    let counted = report
        .findings
        .iter()
        .map(|f| against_baseline(result(f, documents, base, lang), report, "new"));
    let waived = report
        .waived
        .iter()
        .map(|w| against_baseline(waived(w, documents, base, lang), report, "new"));
    let baselined = report
        .baselined
        .iter()
        .map(|f| against_baseline(result(f, documents, base, lang), report, "unchanged"));
    counted.chain(waived).chain(baselined).collect()
}

/// The rule of a finding code, from the code registry.
fn code_rule(code: Code, lang: Lang) -> Rule {
    let doc = code.doc();
    let pick = |pair: [&'static str; 2]| lang.pick(pair[0], pair[1]).to_string();
    Rule {
        id: code.id().to_string(),
        short_description: Text {
            text: code.title(lang),
        },
        full_description: Text {
            text: pick(doc.what),
        },
        help: Help {
            text: pick(doc.fix),
            markdown: help_markdown(code, &code.title(lang), lang),
        },
        default_configuration: Configuration {
            level: level(doc.severity),
        },
        properties: json!({ "why": pick(doc.why), "example": pick(doc.example) }),
    }
}

/// A rule's help in markdown: title, what it means, why it matters, how to fix it, an
/// example, and what locations are relative to.
fn help_markdown(code: Code, title: &str, lang: Lang) -> String {
    let doc = code.doc();
    let pick = |pair: [&'static str; 2]| lang.pick(pair[0], pair[1]);
    let heading = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    format!(
        "**{title}** (`{id}`)\n\n{what}\n\n### {why_h}\n\n{why}\n\n### {fix_h}\n\n{fix}\n\n### {example_h}\n\n{example}\n\n---\n\n{note}\n",
        id = code.id(),
        what = pick(doc.what),
        why_h = heading("为什么重要", "Why it matters"),
        why = pick(doc.why),
        fix_h = heading("如何处理", "How to fix"),
        fix = pick(doc.fix),
        example_h = heading("示例", "Example"),
        example = pick(doc.example),
        note = heading(
            "位置相对于包含档案的 git 工作树（从档案根目录向上找到的第一个 `.git` 所在的文件夹），档案不在 git 工作树中时相对于档案根目录。台账的行写在消息里（`文件!工作表!行`）。",
            "Locations are relative to the git work tree holding the archive (the first folder upward from the archive root that has a `.git`), or to the archive root when it is in no work tree. Ledger rows are written in the message (`file!sheet!row`).",
        ),
    )
}

/// The documents missing in this report, each with a rule of its own whose title names
/// it: `missing-document/<document id>`, after the rules of the codes.
struct MissingDocuments<'r> {
    /// Each missing document's id and name, in id order (searched by id).
    names: Vec<(&'r str, &'r str)>,
}

impl<'r> MissingDocuments<'r> {
    fn new(report: &'r Report) -> MissingDocuments<'r> {
        let names: HashMap<&str, &str> = report
            .projects
            .iter()
            .flat_map(|p| &p.stages)
            .flat_map(|s| &s.documents)
            .map(|d| (d.id(), d.name()))
            .collect();
        let ids: BTreeSet<&str> = report
            .findings
            .iter()
            .chain(report.waived.iter().map(|w| &w.finding))
            .chain(&report.baselined)
            .filter(|f| f.code == Code::MissingDocument)
            .filter_map(|f| f.document.as_deref())
            .collect();
        MissingDocuments {
            names: ids
                .into_iter()
                .map(|id| (id, names.get(id).copied().unwrap_or(id)))
                .collect(),
        }
    }

    /// The rule id and index of a finding's rule.
    fn rule_of(&self, f: &Reported) -> (String, usize) {
        let code_index = Code::ALL.iter().position(|&c| c == f.code).unwrap_or(0);
        let document = f
            .document
            .as_deref()
            .filter(|_| f.code == Code::MissingDocument);
        let found = document.and_then(|d| self.names.binary_search_by(|(id, _)| id.cmp(&d)).ok());
        match found {
            Some(i) => (
                format!("{}/{}", f.code.id(), self.names[i].0),
                Code::ALL.len() + i,
            ),
            None => (f.code.id().to_string(), code_index),
        }
    }

    /// One rule per missing document: the text of `missing-document`, titled with the
    /// document's name.
    fn rules(&self, lang: Lang) -> impl Iterator<Item = Rule> + '_ {
        self.names.iter().map(move |&(id, name)| {
            let mut rule = code_rule(Code::MissingDocument, lang);
            let title = format!("{}{name}", lang.pick("缺少文件：", "Missing document: "));
            rule.id = format!("{}/{id}", Code::MissingDocument.id());
            rule.help.markdown = help_markdown(Code::MissingDocument, &title, lang);
            rule.short_description.text = title;
            rule.properties["code"] = Value::from(Code::MissingDocument.id());
            rule.properties["document"] = Value::from(id);
            rule
        })
    }
}

fn result(f: &Reported, documents: &MissingDocuments<'_>, base: &Base, lang: Lang) -> SarifResult {
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
    let (rule_id, rule_index) = documents.rule_of(f);
    SarifResult {
        rule_id,
        rule_index,
        level: level(f.severity),
        message: Text {
            text: message(f, lang),
        },
        locations: f.paths.iter().map(|p| location(p, base)).collect(),
        partial_fingerprints: json!({ FINGERPRINT: fingerprint(&Key::of(f)) }),
        suppressions: Vec::new(),
        baseline_state: None,
        properties: Value::Object(properties),
    }
}

/// The finding's message, followed by the ledger cells among its evidence that it does
/// not already name: code scanning shows the message, never a logical location.
fn message(f: &Reported, lang: Lang) -> String {
    let cells: Vec<&str> = f
        .paths
        .iter()
        .map(String::as_str)
        .filter(|p| crate::paths::ledger_cell(p).is_some() && !f.message.contains(p))
        .collect();
    if cells.is_empty() {
        return f.message.clone();
    }
    match lang {
        Lang::Zh => format!("{}（台账位置：{}）", f.message, cells.join("、")),
        Lang::En => format!("{} (ledger cell: {})", f.message, cells.join(", ")),
    }
}

/// A finding's identity across sweeps, as 32 hex digits: a 128-bit FNV-1a hash of its
/// baseline key (code, project, document, first evidence). Stable across platforms and
/// Rust versions, unlike the standard library's hasher; an absent field and an empty one
/// hash differently.
fn fingerprint(key: &Key) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u128::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    let fields = [
        Some(key.code.as_str()),
        key.project.as_deref(),
        key.document.as_deref(),
        key.path.as_deref(),
    ];
    for field in fields {
        match field {
            Some(text) => {
                feed(&[1]);
                feed(&(text.len() as u64).to_le_bytes());
                feed(text.as_bytes());
            }
            None => feed(&[0]),
        }
    }
    format!("{hash:032x}")
}

/// A result with its state against the baseline, when one was applied.
fn against_baseline(mut r: SarifResult, report: &Report, state: &'static str) -> SarifResult {
    r.baseline_state = report.baseline_applied.then_some(state);
    r
}

/// A waived finding: its result, suppressed externally (by `guicang.toml`) with the
/// waiver's reason as the justification.
fn waived(
    w: &WaivedFinding<Reported>,
    documents: &MissingDocuments<'_>,
    base: &Base,
    lang: Lang,
) -> SarifResult {
    let mut r = result(&w.finding, documents, base, lang);
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

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::location::{encode_path, root_uri};
    use super::*;
    use crate::finding::Finding;

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
        let base = Base::archive("/srv/a");
        let loc = location("资金拨付台账.xlsx!Sheet1!4", &base);
        assert_eq!(
            loc.physical_location.artifact_location.uri,
            encode_path("资金拨付台账.xlsx")
        );
        let logical = &loc.logical_locations[0];
        assert_eq!(logical["name"], "Sheet1!4");
        assert_eq!(logical["properties"]["row"], 4);
        let cell = location("台账.xlsx!Sheet1!H5", &base);
        assert_eq!(cell.logical_locations[0]["properties"]["cell"], "H5");
        assert!(location("a/b.pdf", &base).logical_locations.is_empty());
    }

    #[test]
    fn ledger_cells_are_written_in_the_message_once() {
        let f = Finding::new(Code::PaymentWithoutVoucher, "拨付 记-1 没有凭证")
            .path("台账.xlsx!Sheet1!4");
        assert_eq!(
            message(&f.clone().reported(), Lang::Zh),
            "拨付 记-1 没有凭证（台账位置：台账.xlsx!Sheet1!4）"
        );
        assert_eq!(
            message(&f.clone().reported(), Lang::En),
            "拨付 记-1 没有凭证 (ledger cell: 台账.xlsx!Sheet1!4)"
        );
        let named = Finding::new(Code::PaymentWithoutVoucher, "see 台账.xlsx!Sheet1!4")
            .path("台账.xlsx!Sheet1!4");
        assert_eq!(
            message(&named.clone().reported(), Lang::Zh),
            "see 台账.xlsx!Sheet1!4"
        );
        let file = Finding::new(Code::EmptyFile, "empty").path("a/b.pdf");
        assert_eq!(message(&file.clone().reported(), Lang::Zh), "empty");
    }

    #[test]
    fn fingerprints_follow_the_baseline_key_only() {
        let f = Finding::new(Code::MissingDocument, "缺少 A")
            .project("P-1")
            .document("a")
            .path("P-1/01");
        let reworded = Finding::new(Code::MissingDocument, "missing A")
            .project("P-1")
            .document("a")
            .path("P-1/01")
            .severity(Severity::Warning);
        let print = |f: &Finding| fingerprint(&Key::of(f));
        assert_eq!(print(&f), print(&reworded));
        assert_eq!(print(&f).len(), 32);
        let other = f.clone().document("b");
        assert_ne!(print(&f), print(&other));
        // Fields do not run into each other, and absent differs from empty.
        let a = Finding::new(Code::EmptyFile, "").project("ab").path("c");
        let b = Finding::new(Code::EmptyFile, "").project("a").path("bc");
        assert_ne!(print(&a), print(&b));
        let empty = Finding::new(Code::EmptyFile, "").project("");
        assert_ne!(print(&empty), print(&Finding::new(Code::EmptyFile, "")));
        // Pinned: a change here re-creates every alert in code scanning.
        assert_eq!(
            print(&Finding::new(Code::EmptyFile, "x").path("a.pdf")),
            "26696cc07977b9b16c1005a1402d4c05"
        );
    }

    #[test]
    fn in_a_work_tree_locations_are_relative_to_it() {
        let dir = std::env::temp_dir().join(format!("guicang-sarif-{}", std::process::id()));
        let archive = dir.join("docs/档案");
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        std::fs::create_dir_all(&archive).unwrap();
        let base = Base::find(archive.to_str().unwrap());
        assert_eq!(base.id(), WORK_TREE_ID);
        assert_eq!(base.relative("2023/a.pdf"), "docs/档案/2023/a.pdf");
        assert_eq!(base.automation_id(), "guicang/check/档案/");
        let ids = base.original_uri_base_ids(Lang::En);
        assert!(ids[WORK_TREE_ID]["uri"].as_str().unwrap().ends_with('/'));
        std::fs::remove_dir_all(&dir).unwrap();
        let alone = Base::archive("/srv/a");
        assert_eq!(alone.id(), ROOT_ID);
        assert_eq!(alone.relative("2023/a.pdf"), "2023/a.pdf");
    }

    #[test]
    fn absolute_roots_are_file_uris() {
        assert_eq!(
            root_uri(Path::new("/srv/档案")),
            "file:///srv/%E6%A1%A3%E6%A1%88/"
        );
    }
}
