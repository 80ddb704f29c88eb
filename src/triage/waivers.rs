//! Waivers (豁免): documented exceptions written as `[[waiver]]` in `guicang.toml`.
//!
//! A real archive has exceptions that must not fail CI forever: a renovation with no new
//! land, a project approved before a rule existed. A waiver names what it covers (project,
//! document, finding code, evidence path; every field it gives must match) and says why
//! and who approved it. [`validate`] turns the entries as written into [`Waiver`]s,
//! collecting every mistake with its place; [`apply`] runs on the sweep's findings before
//! the report is built: covered findings are set apart and no longer count, an expired waiver
//! covers nothing and is reported (`waiver-expired`), and one that covered nothing is
//! reported too (`waiver-unused`), like an allow-list entry that never matched.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use globset::{GlobBuilder, GlobMatcher};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::config::{Config, WaiverEntry};
use crate::diagnostic::SourceDiagnostic;
use crate::finding::said::WaiverSaid;
use crate::finding::{Code, Finding};
use crate::ruleset::RuleSet;

/// One validated waiver.
#[derive(Debug, Clone)]
pub struct Waiver {
    /// The project key findings must have.
    pub project: Option<String>,
    /// The document id findings must have.
    pub document: Option<String>,
    /// The finding code findings must have.
    pub code: Option<Code>,
    /// A pattern one of the findings' evidence paths must match.
    pub path: Option<PathPattern>,
    /// Why the exception is acceptable.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// Last day it holds.
    pub expires: Option<Date>,
    /// The configuration file, as evidence: relative to the archive root when inside it.
    pub file: String,
    /// Line of the `[[waiver]]` entry in that file.
    pub line: usize,
}

/// An evidence path of a waiver: matched exactly, or as a glob (`*` within one folder,
/// `**` across folders). A ledger cell `file!sheet!row` also matches by its file.
#[derive(Debug, Clone)]
pub struct PathPattern {
    text: String,
    glob: Option<GlobMatcher>,
}

impl PathPattern {
    /// A pattern from the text of a waiver (`\` read as `/`, a leading `./` dropped). Text
    /// that is not a valid glob is matched exactly.
    pub fn new(text: &str) -> PathPattern {
        let text = text.replace('\\', "/");
        let text = text.trim_start_matches("./").to_string();
        let glob = GlobBuilder::new(&text)
            .literal_separator(true)
            .build()
            .ok()
            .map(|g| g.compile_matcher());
        PathPattern { text, glob }
    }

    /// Whether one piece of evidence matches.
    pub fn matches(&self, evidence: &str) -> bool {
        let file = crate::paths::evidence_file(evidence);
        [evidence, file].iter().any(|candidate| {
            *candidate == self.text || self.glob.as_ref().is_some_and(|g| g.is_match(candidate))
        })
    }
}

impl Waiver {
    /// Whether the waiver covers a finding: every field it gives matches.
    pub fn matches(&self, f: &Finding) -> bool {
        let same = |want: &Option<String>, have: &Option<String>| {
            want.as_ref().is_none_or(|w| have.as_ref() == Some(w))
        };
        same(&self.project, &f.project)
            && same(&self.document, &f.document)
            && self.code.is_none_or(|c| c == f.code)
            && self
                .path
                .as_ref()
                .is_none_or(|p| f.paths.iter().any(|e| p.matches(e)))
    }

    /// Whether the waiver has expired by `today` (it still holds on its last day).
    pub fn is_expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|last| last < today)
    }

    /// Where the waiver is written: `file:line`.
    pub fn origin(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// What the waiver covers, for messages: its fields joined by ` · `.
    pub fn scope(&self) -> String {
        let parts: Vec<&str> = [
            self.project.as_deref(),
            self.document.as_deref(),
            self.code.map(Code::id),
            self.path.as_ref().map(|p| p.text.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(" · ")
    }
}

/// Validates the `[[waiver]]` entries of `config`, pushing every mistake to `errors`:
/// a missing reason or approver, a waiver that names nothing to match, an unknown finding
/// code or document id, a date that is not `YYYY-MM-DD`.
pub fn validate(
    config: &Config,
    rules: &RuleSet,
    root: &Path,
    errors: &mut Vec<SourceDiagnostic>,
) -> Vec<Waiver> {
    let file = evidence_path(config, root);
    let documents: HashSet<&str> = rules
        .categories
        .iter()
        .flat_map(|c| &c.documents)
        .map(|d| d.id.as_str())
        .collect();
    let mut mistakes = Mistakes { config, errors };
    config
        .file
        .waivers
        .iter()
        .filter_map(|entry| waiver(entry, &documents, &file, &mut mistakes))
        .collect()
}

/// The mistakes of the configuration's waivers, as diagnostics of the configuration file.
struct Mistakes<'a> {
    /// The configuration, which places and renders a span.
    config: &'a Config,
    /// Every diagnostic so far.
    errors: &'a mut Vec<SourceDiagnostic>,
}

impl Mistakes<'_> {
    /// Reports a mistake at `span`, with a label and a hint on how to fix it.
    fn at(&mut self, span: Range<usize>, message: String, label: &str, help: &str) {
        let diagnostic = self
            .config
            .error(span, message, label, Some(help.to_string()));
        self.errors.push(diagnostic);
    }
}

/// Checks one `[[waiver]]` entry: the waiver it makes when it has no mistake; otherwise its
/// mistakes are reported in the order they appear in the file, and `None`.
fn waiver(
    entry: &Spanned<WaiverEntry>,
    documents: &HashSet<&str>,
    file: &str,
    mistakes: &mut Mistakes<'_>,
) -> Option<Waiver> {
    let before = mistakes.errors.len();
    let span = entry.span();
    let w = entry.get_ref();
    let (reason, approved_by) = accountability(w, &span, mistakes);
    check_scope(w, &span, mistakes);
    let code = known_code(w, mistakes);
    check_document(w, documents, mistakes);
    let expires = expiry(w, mistakes);
    if mistakes.errors.len() > before {
        mistakes.errors[before..].sort_by_key(|d| d.span.start);
        return None;
    }
    let text = |v: &Option<Spanned<String>>| v.as_ref().map(|s| s.get_ref().trim().to_string());
    Some(Waiver {
        project: text(&w.project),
        document: text(&w.document),
        code,
        path: w
            .path
            .as_ref()
            .map(|p| PathPattern::new(p.get_ref().trim())),
        reason: reason.unwrap_or_default(),
        approved_by: approved_by.unwrap_or_default(),
        expires,
        file: file.to_string(),
        line: mistakes.config.line_of(span.start),
    })
}

/// The reason and the approver an exception must state; each missing one is reported.
fn accountability(
    w: &WaiverEntry,
    entry: &Range<usize>,
    mistakes: &mut Mistakes<'_>,
) -> (Option<String>, Option<String>) {
    let reason = required_text(&w.reason);
    if reason.is_none() {
        mistakes.at(
            field_span(&w.reason, entry),
            "a waiver needs a reason".into(),
            "no reason",
            "say why the exception is acceptable: reason = \"…\"",
        );
    }
    let approved_by = required_text(&w.approved_by);
    if approved_by.is_none() {
        mistakes.at(
            field_span(&w.approved_by, entry),
            "a waiver needs an approver".into(),
            "no approved_by",
            "name who approved the exception: approved_by = \"…\"",
        );
    }
    (reason, approved_by)
}

/// Reports a waiver that names nothing to match (it would cover every finding), and an
/// empty project or path.
fn check_scope(w: &WaiverEntry, entry: &Range<usize>, mistakes: &mut Mistakes<'_>) {
    if [&w.project, &w.document, &w.code, &w.path]
        .iter()
        .all(|f| f.is_none())
    {
        mistakes.at(
            entry.clone(),
            "a waiver must say what it covers".into(),
            "covers everything",
            "give at least one of project, document, code or path",
        );
    }
    for (field, name) in [(&w.project, "project"), (&w.path, "path")] {
        if let Some(v) = field.as_ref().filter(|v| v.get_ref().trim().is_empty()) {
            mistakes.at(
                v.span(),
                format!("empty {name}"),
                "empty",
                "remove the key, or give a value",
            );
        }
    }
}

/// The finding code a waiver names; an unknown one is reported.
fn known_code(w: &WaiverEntry, mistakes: &mut Mistakes<'_>) -> Option<Code> {
    let c = w.code.as_ref()?;
    let found = Code::from_id(c.get_ref().trim());
    if found.is_none() {
        mistakes.at(
            c.span(),
            format!("unknown finding code `{}`", c.get_ref()),
            "not a finding code",
            "`guicang explain` lists every code",
        );
    }
    found
}

/// Reports a document id that no category of the rules defines.
fn check_document(w: &WaiverEntry, documents: &HashSet<&str>, mistakes: &mut Mistakes<'_>) {
    if let Some(d) = &w.document {
        if !documents.contains(d.get_ref().trim()) {
            mistakes.at(
                d.span(),
                format!("unknown document id `{}`", d.get_ref()),
                "not a document of the rules",
                "`guicang rules` lists every document id",
            );
        }
    }
}

/// The last day a waiver holds; a value that is not a date is reported.
fn expiry(w: &WaiverEntry, mistakes: &mut Mistakes<'_>) -> Option<Date> {
    let e = w.expires.as_ref()?;
    match parse_date(e.get_ref()) {
        Ok(date) => Some(date),
        Err(message) => {
            mistakes.at(
                e.span(),
                message,
                "not a date",
                "write the last day the waiver holds: expires = 2025-12-31",
            );
            None
        }
    }
}

/// The trimmed text of a required field, `None` when it is absent or blank.
fn required_text(field: &Option<Spanned<String>>) -> Option<String> {
    field
        .as_ref()
        .map(|v| v.get_ref().trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The span of a field when present, else of its whole entry.
fn field_span(
    field: &Option<Spanned<String>>,
    entry: &std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    field.as_ref().map_or_else(|| entry.clone(), Spanned::span)
}

/// A date written as a TOML local date (`2025-12-31`) or a string (`"2025-12-31"`).
fn parse_date(value: &toml::Value) -> Result<Date, String> {
    let text = match value {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        other => return Err(format!("expected a date YYYY-MM-DD, found `{other}`")),
    };
    text.parse::<Date>()
        .map_err(|_| format!("expected a date YYYY-MM-DD, found `{text}`"))
}

/// The configuration file as evidence: relative to the archive root with `/` when it lies
/// inside it, else as given.
fn evidence_path(config: &Config, root: &Path) -> String {
    let shown = config.display_path();
    let (Some(path), Ok(root)) = (config.path.as_ref(), root.canonicalize()) else {
        return shown;
    };
    path.canonicalize()
        .ok()
        .and_then(|p| {
            p.strip_prefix(&root)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .unwrap_or(shown)
}

/// A finding a waiver (豁免) covers: listed in every report with the waiver's reason, never
/// counted toward the exit code or the totals of errors and warnings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WaivedFinding<F = Finding> {
    /// The finding as the sweep made it (in a report, with its message).
    #[serde(flatten)]
    pub finding: F,
    /// Why the exception is acceptable.
    pub reason: String,
    /// Who approved the exception.
    pub approved_by: String,
    /// Last day the waiver holds (`YYYY-MM-DD`), if it has one.
    pub expires: Option<String>,
    /// Where the waiver is written: `file:line`.
    pub waiver: String,
}

impl<F> WaivedFinding<F> {
    /// The same waived finding with `finding` made into something else (its report form).
    pub fn map<G>(self, made: impl FnOnce(F) -> G) -> WaivedFinding<G> {
        WaivedFinding {
            finding: made(self.finding),
            reason: self.reason,
            approved_by: self.approved_by,
            expires: self.expires,
            waiver: self.waiver,
        }
    }
}

/// Applies the waivers to the sweep's findings: covered findings move to `waived`; an
/// expired waiver covers nothing and adds `waiver-expired`; a waiver that covered nothing
/// adds `waiver-unused`.
pub fn apply(
    findings: &mut Vec<Finding>,
    waived: &mut Vec<WaivedFinding>,
    waivers: &[Waiver],
    today: Date,
    report_unused: bool,
) {
    if waivers.is_empty() {
        return;
    }
    let mut used = vec![false; waivers.len()];
    let mut kept = Vec::with_capacity(findings.len());
    for finding in std::mem::take(findings) {
        let covering = waivers
            .iter()
            .enumerate()
            .find(|(_, w)| !w.is_expired(today) && w.matches(&finding));
        match covering {
            Some((i, w)) => {
                used[i] = true;
                waived.push(WaivedFinding {
                    finding,
                    reason: w.reason.clone(),
                    approved_by: w.approved_by.clone(),
                    expires: w.expires.map(|d| d.to_string()),
                    waiver: w.origin(),
                });
            }
            None => kept.push(finding),
        }
    }
    *findings = kept;
    findings.extend(waivers.iter().zip(&used).filter_map(|(w, &used)| {
        if w.is_expired(today) {
            Some(expired(w))
        } else {
            (!used && report_unused).then(|| unused(w))
        }
    }));
}

/// The `waiver-unused` findings of a whole archive put together from shards (each shard
/// sees only its projects, so none can tell a waiver unused): the waivers in force that
/// cover none of `waived`.
pub fn unused_in<F>(waivers: &[Waiver], waived: &[WaivedFinding<F>], today: Date) -> Vec<Finding> {
    let used: HashSet<&str> = waived.iter().map(|w| w.waiver.as_str()).collect();
    waivers
        .iter()
        .filter(|w| !w.is_expired(today) && !used.contains(w.origin().as_str()))
        .map(unused)
        .collect()
}

/// The `waiver-expired` finding of a waiver.
fn expired(w: &Waiver) -> Finding {
    let said = WaiverSaid::WaiverExpired {
        origin: w.origin(),
        scope: w.scope(),
        expired: w.expires,
        reason: w.reason.clone(),
    };
    located(Finding::new(Code::WaiverExpired, said), w)
}

/// The `waiver-unused` finding of a waiver.
fn unused(w: &Waiver) -> Finding {
    let said = WaiverSaid::WaiverUnused {
        origin: w.origin(),
        scope: w.scope(),
    };
    located(Finding::new(Code::WaiverUnused, said), w)
}

/// Places a waiver's finding at its project and document, with the configuration file as
/// evidence.
fn located(mut f: Finding, w: &Waiver) -> Finding {
    f.project.clone_from(&w.project);
    f.document.clone_from(&w.document);
    f.paths.push(w.file.clone());
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiver() -> Waiver {
        Waiver {
            project: None,
            document: None,
            code: None,
            path: None,
            reason: "r".into(),
            approved_by: "a".into(),
            expires: None,
            file: "guicang.toml".into(),
            line: 1,
        }
    }

    fn finding() -> Finding {
        Finding::new(Code::MissingDocument, "m")
            .project("MGT-2023-001")
            .document("fire-acceptance")
            .path("2023/MGT-2023-001 x/05 验收")
    }

    #[test]
    fn every_given_field_must_match() {
        let f = finding();
        let cases = [
            (Some("MGT-2023-001"), None, None, None, true),
            (Some("MGT-2023-002"), None, None, None, false),
            (
                Some("MGT-2023-001"),
                Some("fire-acceptance"),
                Some(Code::MissingDocument),
                None,
                true,
            ),
            (
                Some("MGT-2023-001"),
                Some("fire-acceptance"),
                Some(Code::EmptyFile),
                None,
                false,
            ),
            (None, Some("supervision-log"), None, None, false),
            (None, None, None, Some("2023/*/05 验收"), true),
            (None, None, None, Some("2023/*"), false),
            (None, None, None, Some("2023/**"), true),
            (None, None, None, Some("2023/MGT-2023-001 x/05 验收"), true),
        ];
        for (project, document, code, path, expected) in cases {
            let w = Waiver {
                project: project.map(Into::into),
                document: document.map(Into::into),
                code,
                path: path.map(PathPattern::new),
                ..waiver()
            };
            assert_eq!(w.matches(&f), expected, "{:?}", w.scope());
        }
    }

    #[test]
    fn paths_match_exactly_when_not_a_glob_and_ledger_cells_by_file() {
        let exact = PathPattern::new("./a/[b.pdf");
        assert!(exact.matches("a/[b.pdf"));
        assert!(!exact.matches("a/b.pdf"));
        let ledger = PathPattern::new("资金拨付台账.xlsx");
        assert!(ledger.matches("资金拨付台账.xlsx!Sheet1!5"));
    }

    #[test]
    fn a_waiver_holds_on_its_last_day() {
        let w = Waiver {
            expires: Some(jiff::civil::date(2025, 6, 30)),
            ..waiver()
        };
        assert!(!w.is_expired(jiff::civil::date(2025, 6, 30)));
        assert!(w.is_expired(jiff::civil::date(2025, 7, 1)));
        assert!(!waiver().is_expired(jiff::civil::date(2999, 1, 1)));
    }

    #[test]
    fn dates_are_toml_dates_or_strings() {
        let value = |text: &str| -> toml::Value {
            toml::from_str::<toml::Table>(&format!("d = {text}")).unwrap()["d"].clone()
        };
        assert_eq!(
            parse_date(&value("2025-12-31")),
            Ok(jiff::civil::date(2025, 12, 31))
        );
        assert_eq!(
            parse_date(&value("\"2025-12-31\"")),
            Ok(jiff::civil::date(2025, 12, 31))
        );
        for bad in [
            "\"2025-13-01\"",
            "\"next year\"",
            "2025-12-31T10:00:00",
            "20251231",
        ] {
            assert!(parse_date(&value(bad)).is_err(), "{bad}");
        }
    }
}
