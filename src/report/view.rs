//! Read-only views of a [`Report`] shared by the file renderers (markdown, SARIF, JUnit,
//! xlsx, HTML): which project a finding belongs to, which kind of problem a code is,
//! names of stages and documents, percentages, and escaping for markup.
//!
//! Nothing here recomputes a result; it only looks things up in the report.

pub mod portfolio;

use std::borrow::Cow;
use std::collections::HashMap;

use super::Reported;
use super::{ProjectReport, Report};
use crate::check::chain::ChainSummary;
use crate::finding::{Code, Family};
use crate::lang::Lang;
use crate::money::amount::Amount;
use crate::money::format_yuan;

/// The three kinds of problem the spreadsheet and JUnit reports sort findings into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A required document is missing (`missing-document`).
    Missing,
    /// A problem along the funding chain or in a ledger.
    Chain,
    /// Everything else: file health, stray and misfiled files, project facts.
    File,
}

impl Kind {
    /// The kind of a finding code, from its family in the registry.
    pub fn of(code: Code) -> Kind {
        match code.family() {
            _ if code == Code::MissingDocument => Kind::Missing,
            Family::Ledger | Family::Chain | Family::Portfolio => Kind::Chain,
            Family::Core | Family::Health | Family::Triage => Kind::File,
        }
    }
}

/// The key findings use to name a project ([`ProjectReport::key`]).
pub fn project_key(p: &ProjectReport) -> String {
    p.key.clone()
}

/// Projects worst first: most errors, then least complete (unknown completeness last),
/// then most warnings. The HTML overview and `--sort worst` both use it.
pub fn worst_first(a: &ProjectReport, b: &ProjectReport) -> std::cmp::Ordering {
    b.errors
        .cmp(&a.errors)
        .then(
            a.completeness
                .unwrap_or(2.0)
                .total_cmp(&b.completeness.unwrap_or(2.0)),
        )
        .then(b.warnings.cmp(&a.warnings))
}

/// A project's title for people: code and name, or its folder.
pub fn project_title(p: &ProjectReport) -> String {
    let parts: Vec<&str> = [p.code.as_deref(), p.name.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        project_key(p)
    } else {
        parts.join(" ")
    }
}

/// Findings grouped by project, in report order, plus those that belong to no listed
/// project (archive-level findings, or a project key the report does not list).
pub struct ByProject<'r> {
    /// Each project with its findings.
    pub projects: Vec<(&'r ProjectReport, Vec<&'r Reported>)>,
    /// Findings of no listed project.
    pub archive: Vec<&'r Reported>,
}

impl<'r> ByProject<'r> {
    /// Groups the findings of `report`.
    pub fn new(report: &'r Report) -> ByProject<'r> {
        let mut projects: Vec<(&ProjectReport, Vec<&Reported>)> =
            report.projects.iter().map(|p| (p, Vec::new())).collect();
        let mut archive = Vec::new();
        for f in &report.findings {
            match report.project_of(f) {
                Some(i) => projects[i].1.push(f),
                None => archive.push(f),
            }
        }
        ByProject { projects, archive }
    }
}

/// Names of stages and documents, looked up in the projects' scores.
#[derive(Default)]
pub struct Names<'r> {
    stages: HashMap<&'r str, &'r str>,
    documents: HashMap<&'r str, &'r str>,
}

impl<'r> Names<'r> {
    /// Collects the names every project's stages and documents carry.
    pub fn new(report: &'r Report) -> Names<'r> {
        let mut names = Names::default();
        for stage in report.projects.iter().flat_map(|p| &p.stages) {
            names.stages.insert(&stage.stage, &stage.name);
            for d in &stage.documents {
                names.documents.insert(d.id(), d.name());
            }
        }
        names
    }

    /// A stage's name, or its id when no project names it.
    pub fn stage<'a>(&'a self, id: &'a str) -> &'a str {
        self.stages.get(id).copied().unwrap_or(id)
    }

    /// A document's name, or its id when no project names it.
    pub fn document<'a>(&'a self, id: &'a str) -> &'a str {
        self.documents.get(id).copied().unwrap_or(id)
    }
}

/// The sentence under the findings when a baseline held some back, with the option
/// written as the format writes code (`flag`); `None` when it held none back.
pub fn baselined_note(report: &Report, lang: Lang, flag: &str) -> Option<String> {
    let n = report.baselined.len();
    (n > 0).then(|| match lang {
        Lang::Zh => format!("基线中已有的 {n} 条问题不计入（{flag}）"),
        Lang::En => format!("{n} findings already in the baseline are not counted ({flag})"),
    })
}

/// The money of a project along the funding chain, as `label amount` parts in chain
/// order (aid funds, allocated, contracted, paid, execution rate); with `payments`, the
/// paid part says how many payment rows it sums. Text and HTML join the parts.
pub fn chain_parts(chain: &ChainSummary, lang: Lang, payments: bool) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(aid) = &chain.aid_funds {
        parts.push(format!(
            "{} {}",
            lang.pick("援疆资金", "aid funds"),
            format_yuan(aid.yuan)
        ));
    }
    // An unknown figure is a dash with its reason, never a zero.
    let total = |name: &str, amount: &Option<Amount>| match amount {
        Some(a) => format_yuan(a.yuan),
        None => unknown(chain, name, lang),
    };
    parts.push(format!(
        "{} {}",
        lang.pick("下达", "allocated"),
        total("allocated", &chain.allocated)
    ));
    parts.push(format!(
        "{} {}",
        lang.pick("合同", "contracted"),
        total("contracted", &chain.contracted)
    ));
    let paid = format!(
        "{} {}",
        lang.pick("拨付", "paid"),
        total("paid", &chain.paid)
    );
    parts.push(if payments {
        format!(
            "{paid} ({} {})",
            chain.payments,
            lang.pick("笔", "payments")
        )
    } else {
        paid
    });
    let rate = chain
        .execution_rate
        .map_or_else(|| unknown(chain, "execution_rate", lang), percent);
    parts.push(format!("{} {rate}", lang.pick("支出进度", "execution")));
    parts
}

/// An unknown figure of the chain: `—` and why (`—（未读到该类台账）`).
fn unknown(chain: &ChainSummary, name: &str, lang: Lang) -> String {
    match chain.unknown.get(name) {
        Some(why) => match lang {
            Lang::Zh => format!(
                "—（{}）",
                super::words::reasons::figure_unknown(*why, name, lang)
            ),
            Lang::En => format!(
                "— ({})",
                super::words::reasons::figure_unknown(*why, name, lang)
            ),
        },
        None => "—".into(),
    }
}

/// When and how the report was made, as `(label, value)` pairs in `lang`: time of the
/// sweep, guicang's version, fail-on, configuration, waivers and baseline. Every format
/// states them (an audit working paper says "as of when").
pub fn run_facts(report: &Report, lang: Lang) -> Vec<(&'static str, String)> {
    let run = &report.run;
    let none = || lang.pick("无", "none").to_string();
    vec![
        (lang.pick("检查时间", "swept at"), run.at.clone()),
        ("guicang", run.guicang.clone()),
        (lang.pick("失败阈值", "fails on"), run.fail_on.clone()),
        (
            lang.pick("配置", "configuration"),
            run.config.clone().unwrap_or_else(none),
        ),
        (lang.pick("豁免", "waivers"), run.waivers.to_string()),
        (
            lang.pick("基线", "baseline"),
            run.baseline.clone().unwrap_or_else(none),
        ),
    ]
}

/// A share as a percentage with one decimal: `0.8182` → `81.8%`.
pub fn percent(share: f64) -> String {
    percent_places(share, 1)
}

/// A share as a percentage with `places` decimals, rounded half away from zero on its
/// decimal value (shares are exact to four decimals: `0.4815` → `48.2%`, never the
/// float's `48.1%`); a share short of 1 never shows as 100 (`0.9996` → `99.9%`, not a
/// complete archive).
pub fn percent_places(share: f64, places: u32) -> String {
    use rust_decimal::prelude::{FromPrimitive, RoundingStrategy};
    let Some(exact) = rust_decimal::Decimal::from_f64(share)
        .and_then(|d| d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED))
    else {
        return format!("{:.*}%", places as usize, share * 100.0);
    };
    let mut shown = exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    if share < 1.0 && shown >= rust_decimal::Decimal::ONE_HUNDRED {
        shown = exact.round_dp_with_strategy(places, RoundingStrategy::ToZero);
    }
    format!("{:.*}%", places as usize, shown)
}

/// A project's status in `lang`, marked `?` when it was assumed; empty when unknown.
pub fn status_label(p: &ProjectReport, lang: Lang) -> String {
    match p.status {
        Some(s) => {
            let text = lang.pick(s.zh(), s.id());
            if p.status_assumed {
                format!("{text}?")
            } else {
                text.to_string()
            }
        }
        None => String::new(),
    }
}

/// Shows the characters that could forge a report's layout as escapes: control characters
/// (`\n`, `\t`, `\r`, `\u{1b}` …), the line and paragraph separators (`\u{2028}`,
/// `\u{2029}`) and the marks that reorder text (bidi overrides and isolates). A file name
/// or a cell with a line break then stays on its line in the text and markdown reports, and
/// an escape sequence cannot recolour or rewrite the terminal.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(forges_layout) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if forges_layout(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether a character changes lines, moves the cursor or reorders text when printed.
fn forges_layout(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Escapes text for XML and HTML content and attribute values, dropping characters XML 1.0
/// forbids (control characters other than tab, newline and carriage return).
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// [`escape_markup`] for an attribute value: tabs and line breaks as character
/// references too, which XML readers would otherwise turn into spaces.
pub fn escape_attribute(text: &str) -> String {
    escape_markup(text)
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_keep_their_line_breaks() {
        assert_eq!(
            escape_attribute("a\n<b>\t\"c\""),
            "a&#10;&lt;b&gt;&#9;&quot;c&quot;"
        );
    }

    #[test]
    fn kinds_of_codes() {
        let cases = [
            (Code::MissingDocument, Kind::Missing),
            (Code::PaymentWithoutVoucher, Kind::Chain),
            (Code::VoucherNotInLedger, Kind::Chain),
            (Code::ContractWithoutProcurement, Kind::Chain),
            (Code::AllocationExceeded, Kind::Chain),
            (Code::SettlementExceeded, Kind::Chain),
            (Code::RetentionExcessive, Kind::Chain),
            (Code::PossibleContractSplitting, Kind::Chain),
            (Code::LedgerBadCell, Kind::Chain),
            (Code::LedgerDuplicateColumn, Kind::Chain),
            (Code::LedgerSumOverflow, Kind::Chain),
            (Code::DuplicateVoucher, Kind::Chain),
            (Code::TemporaryFile, Kind::File),
            (Code::UnmatchedFile, Kind::File),
            (Code::UnassignedFile, Kind::File),
            (Code::MisfiledDocument, Kind::File),
        ];
        for (code, kind) in cases {
            assert_eq!(Kind::of(code), kind, "{}", code.id());
        }
    }

    #[test]
    fn markup_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape_markup("a<b>&\"c\"'d'\u{1b}[31m\ne"),
            "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;[31m\ne"
        );
        assert_eq!(escape_markup("缺少 可研批复"), "缺少 可研批复");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(
            escape_control("a\nb\tc\r\u{1b}[31md\u{0}\u{7f}\u{85}"),
            "a\\nb\\tc\\r\\u{1b}[31md\\0\\u{7f}\\u{85}"
        );
        assert_eq!(
            escape_control("x\u{2028}y\u{202e}z\u{2066}"),
            "x\\u{2028}y\\u{202e}z\\u{2066}"
        );
        assert!(matches!(
            escape_control("施工合同 \"A\".pdf"),
            Cow::Borrowed("施工合同 \"A\".pdf")
        ));
    }

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent(0.8182), "81.8%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(
            percent(0.4815),
            "48.2%",
            "half away from zero, on the decimal"
        );
        assert_eq!(percent(0.9996), "99.9%", "short of complete is never 100");
        assert_eq!(percent_places(0.996, 0), "99%");
        assert_eq!(percent_places(0.995, 0), "99%");
        assert_eq!(percent_places(0.5, 0), "50%");
        assert_eq!(percent(1.0217), "102.2%");
    }
}
