//! Checked patterns, compiled patterns and pattern sets, memoised for the process.
//!
//! Loading the rules checks every pattern ([`check`]: it parses and its automaton fits),
//! without building the engines that search with it; a matcher compiles a document's
//! pattern or exclude only when a name's scan of the category's set first needs it
//! ([`OnDemand`]), since most of the rules' two thousand patterns never match a given
//! archive's names and compiling all of them was most of what a sweep's start cost. The
//! three category files repeat what they share: the documents every category has (the aid
//! plan, the funding chain, performance) with their excludes, and the `not_evidence`
//! patterns that veto a name in every category. A `Regex` and a `RegexSet` are handles to
//! shared automata, so each distinct pattern or set is built once and cloned.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::convert::Infallible;
use std::hash::Hash;
use std::sync::{LazyLock, Mutex, OnceLock};

use regex::{Regex, RegexSet};
use regex_automata::nfa::thompson::{self, pikevm::PikeVM};

/// The most bytes the automaton of one rule pattern may take ([`check`]).
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// No limit on the automata a compiled pattern builds: [`check`] has bounded its forward
/// automaton, and the engines the regex crate builds from it (a reverse automaton among them,
/// which can be larger than the forward one) are not bounded again, so that a checked
/// pattern always compiles.
const ENGINE_SIZE_LIMIT: usize = usize::MAX;

/// Every distinct pattern compiled so far in this process (see [`compile`]).
static COMPILED: LazyLock<Mutex<HashMap<String, Regex>>> = LazyLock::new(Mutex::default);

/// What tells one compiled set from another: its size limit and its patterns in order.
type SetKey = (usize, Vec<String>);

/// Every distinct set compiled so far (see [`compile_set`]).
static COMPILED_SETS: LazyLock<Mutex<HashMap<SetKey, RegexSet>>> = LazyLock::new(Mutex::default);

/// What [`check`] found of every distinct pattern checked so far in this process.
static CHECKED: LazyLock<Mutex<HashMap<String, Result<bool, String>>>> =
    LazyLock::new(Mutex::default);

thread_local! {
    /// The automaton compiler [`check`] uses on this thread: kept, as it keeps large
    /// buffers that building them anew for each of two thousand patterns would cost.
    static NFA_COMPILER: thompson::Compiler = {
        let mut compiler = thompson::Compiler::new();
        compiler.configure(thompson::Config::new().nfa_size_limit(Some(PATTERN_SIZE_LIMIT)));
        compiler
    };
}

/// Checks a rule pattern as the matcher will use it (unanchored, case-insensitive): it
/// must parse, and its automaton fit in a mebibyte. Says whether it matches the empty
/// text. On error, says what is wrong in the words of the regex crate (the last line of its
/// message, as [`regex_error_detail`](super::regex_error_detail) gives it).
///
/// Only the pattern's automaton is built, not the engines that search with it (lazy DFA,
/// prefilters, reverse automaton), and each distinct pattern once per process (the three
/// category files share hundreds).
pub fn check(pattern: &str) -> Result<bool, String> {
    // A pattern that does not parse is remembered too: its error is what is checked.
    let Ok(found) = memoised(&CHECKED, pattern, || {
        Ok::<_, Infallible>(check_anew(pattern))
    });
    found
}

/// The longest plain word [`check`] passes without building its automaton: far below what
/// would reach [`PATTERN_SIZE_LIMIT`] (tens of bytes of automaton per character).
const PLAIN_WORD_MAX_BYTES: usize = 1024;

/// Whether `pattern` matches exactly its own text: no character of it has a meaning in a
/// regex. What [`check`] passes without an automaton, and what the matcher finds without a
/// regex set.
pub(super) fn is_literal(pattern: &str) -> bool {
    !pattern.chars().any(regex_syntax::is_meta_character)
}

/// [`check`] without the memo.
fn check_anew(pattern: &str) -> Result<bool, String> {
    // Most rule patterns are plain words (施工照片): one always parses, its automaton is a
    // chain of its characters, and it matches the empty text only when it is empty. Building
    // the automaton of each was a tenth of a sweep's start.
    if pattern.len() <= PLAIN_WORD_MAX_BYTES && is_literal(pattern) {
        return Ok(pattern.is_empty());
    }
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .map_err(|e| last_line(&e.to_string()))?;
    let nfa = NFA_COMPILER.with(|compiler| {
        compiler
            .build_from_hir(&hir)
            .map_err(|e| match e.size_limit() {
                Some(limit) => format!("Compiled regex exceeds size limit of {limit} bytes."),
                None => last_line(&e.to_string()),
            })
    })?;
    let vm = PikeVM::new_from_nfa(nfa).map_err(|e| last_line(&e.to_string()))?;
    Ok(vm.is_match(&mut vm.create_cache(), ""))
}

/// The last line of an error message: what is wrong, without the pattern echoed above it.
pub(super) fn last_line(message: &str) -> String {
    message
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Compiles a rule pattern: unanchored and case-insensitive.
///
/// Each distinct pattern is compiled once per process and shared. A pattern that parses
/// always compiles (there is no size limit here: [`check`] bounds a rule pattern), and so
/// does every pattern of loaded rules: rule files' patterns were checked one by one, and the
/// `topics` × `forms` expansions are escaped words that the category's set compiled.
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    memoised(&COMPILED, pattern, || {
        regex::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .size_limit(ENGINE_SIZE_LIMIT)
            .build()
    })
}

/// Compiles `patterns` into one case-insensitive set whose automaton may take up to
/// `size_limit` bytes, once per process for each distinct list: the `not_evidence` set is
/// the same in every category, and so are the excludes of the documents categories share.
pub(super) fn compile_set(
    patterns: &[String],
    size_limit: usize,
) -> Result<RegexSet, regex::Error> {
    memoised(&COMPILED_SETS, &(size_limit, patterns.to_vec()), || {
        regex::RegexSetBuilder::new(patterns)
            .case_insensitive(true)
            .size_limit(size_limit)
            .build()
    })
}

/// What `memo` holds for `key`, or what `build` makes of it, remembered when it is `Ok`
/// (an error is built again each time it is asked for): how each memo of this module is read
/// and filled. A poisoned lock costs only the memo, never the answer.
fn memoised<K, Q, V, E>(
    memo: &Mutex<HashMap<K, V>>,
    key: &Q,
    build: impl FnOnce() -> Result<V, E>,
) -> Result<V, E>
where
    K: Borrow<Q> + Hash + Eq,
    Q: ToOwned<Owned = K> + Hash + Eq + ?Sized,
    V: Clone,
{
    if let Some(found) = memo.lock().ok().and_then(|m| m.get(key).cloned()) {
        return Ok(found);
    }
    let built = build()?;
    if let Ok(mut remembered) = memo.lock() {
        remembered.insert(key.to_owned(), built.clone());
    }
    Ok(built)
}

/// A checked rule pattern, compiled ([`compile`]) the first time a name needs it and then
/// kept: a document's pattern once the category's set says it matches a name, an exclude
/// once its document's set says it vetoes one.
#[derive(Debug, Clone)]
pub(super) struct OnDemand {
    /// The pattern, as the rule file (or a `topics` × `forms` expansion) wrote it.
    pattern: String,
    /// The compiled pattern, once asked for; `None` only if it did not parse, which loading
    /// the rules rules out (see [`compile`]).
    regex: OnceLock<Option<Regex>>,
}

impl OnDemand {
    /// A pattern to compile when first needed.
    pub(super) fn new(pattern: &str) -> OnDemand {
        OnDemand {
            pattern: pattern.to_string(),
            regex: OnceLock::new(),
        }
    }

    /// The pattern's text.
    pub(super) fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The compiled pattern (compiled now if this is the first time).
    pub(super) fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| compile(&self.pattern).ok())
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A check says what compiling would say, and whether the pattern matches the empty
    /// text, as the compiled pattern would.
    #[test]
    fn a_check_agrees_with_compiling() {
        for pattern in [
            "竣工验收(报告|意见)",
            "方案?",
            "^$",
            r"\b",
            "(?:x)*报告",
            "竣工(",
            "[z-a]",
            "施工照片",
            "",
            "GB 50300 验收",
        ] {
            let compiled = compile(pattern);
            match check(pattern) {
                Ok(empty) => assert_eq!(Some(empty), compiled.ok().map(|re| re.is_match(""))),
                Err(detail) => {
                    let expected = super::super::regex_error_detail(&compiled.unwrap_err());
                    assert_eq!(detail, expected);
                }
            }
        }
        assert_eq!(check("(方案)?"), Ok(true));
        assert_eq!(check(""), Ok(true));
        assert_eq!(check("施工照片 GB"), Ok(false));
        // A plain word too long for the shortcut is checked by its automaton, and passes.
        assert_eq!(check(&"验收".repeat(200)), Ok(false));
        assert_eq!(check("方案"), Ok(false));
        let huge = check(r"\w{1000}\w{1000}").unwrap_err();
        assert_eq!(huge, "Compiled regex exceeds size limit of 1048576 bytes.");
    }

    /// A pattern on demand is compiled when first asked for, and kept.
    #[test]
    fn a_pattern_on_demand_is_compiled_when_asked() {
        let pattern = "施工图审查(合格)?书$";
        let on_demand = OnDemand::new(pattern);
        assert!(on_demand.regex.get().is_none());
        assert!(on_demand.regex().unwrap().is_match("施工图审查合格书"));
        assert!(on_demand.regex.get().is_some());
        assert_eq!(on_demand.as_str(), pattern);
    }

    /// A pattern is compiled once and then taken from the memo; one that does not compile
    /// is not remembered, so it fails each time it is asked for.
    #[test]
    fn a_pattern_is_compiled_once() {
        let remembered = |p: &str| COMPILED.lock().unwrap().contains_key(p);
        let pattern = "竣工验收(报告|意见)(书)?$";
        let first = compile(pattern).unwrap();
        assert!(remembered(pattern));
        let second = compile(pattern).unwrap();
        assert!(first.is_match("竣工验收报告") && second.is_match("竣工验收意见书"));
        assert!(compile("竣工(").is_err());
        assert!(!remembered("竣工("));
        assert!(compile("竣工(").is_err());
    }

    /// A set is built once for each list of patterns and size limit; another order or limit
    /// is another set, and a set that does not compile is not remembered.
    #[test]
    fn a_set_is_compiled_once_for_each_list() {
        let remembered = |patterns: &[String], limit: usize| {
            COMPILED_SETS
                .lock()
                .unwrap()
                .contains_key(&(limit, patterns.to_vec()))
        };
        let patterns = vec!["样例$".to_string(), "^关于印发".to_string()];
        let first = compile_set(&patterns, 1 << 22).unwrap();
        assert!(remembered(&patterns, 1 << 22));
        assert!(!remembered(&patterns, 1 << 21));
        let second = compile_set(&patterns, 1 << 22).unwrap();
        assert_eq!(
            first
                .matches("关于印发填写样例")
                .into_iter()
                .collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert!(second.is_match("填写样例"));
        let reversed: Vec<String> = patterns.iter().rev().cloned().collect();
        assert!(!remembered(&reversed, 1 << 22));
        let broken = vec!["竣工(".to_string()];
        assert!(compile_set(&broken, 1 << 22).is_err());
        assert!(!remembered(&broken, 1 << 22));
    }
}
