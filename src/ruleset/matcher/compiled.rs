//! Compiled patterns and pattern sets, memoised for the process.
//!
//! Loading the rules compiles every pattern to validate it, the matcher needs the same
//! pattern again, and the three category files repeat what they share: the documents every
//! category has (the aid plan, the funding chain, performance) with their excludes, and the
//! `not_evidence` patterns that veto a name in every category. A `Regex` and a `RegexSet`
//! are handles to shared automata, so each distinct pattern or set is built once and cloned.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use regex::{Regex, RegexSet};

/// Every distinct pattern compiled so far in this process (see [`compile`]).
static COMPILED: LazyLock<Mutex<HashMap<String, Regex>>> = LazyLock::new(Mutex::default);

/// What tells one compiled set from another: its size limit and its patterns in order.
type SetKey = (usize, Vec<String>);

/// Every distinct set compiled so far (see [`compile_set`]).
static COMPILED_SETS: LazyLock<Mutex<HashMap<SetKey, RegexSet>>> = LazyLock::new(Mutex::default);

/// Compiles a rule pattern: unanchored and case-insensitive.
///
/// Each distinct pattern is compiled once per process and shared. Compiling thousands of
/// patterns is most of what a sweep of a small archive costs.
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    if let Some(regex) = COMPILED.lock().ok().and_then(|m| m.get(pattern).cloned()) {
        return Ok(regex);
    }
    let regex = regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 20)
        .build()?;
    if let Ok(mut compiled) = COMPILED.lock() {
        compiled.insert(pattern.to_string(), regex.clone());
    }
    Ok(regex)
}

/// Compiles `patterns` into one case-insensitive set whose automaton may take up to
/// `size_limit` bytes, once per process for each distinct list: the `not_evidence` set is
/// the same in every category, and so are the excludes of the documents categories share.
pub(super) fn compile_set(
    patterns: &[String],
    size_limit: usize,
) -> Result<RegexSet, regex::Error> {
    let key = (size_limit, patterns.to_vec());
    if let Some(set) = COMPILED_SETS.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(set);
    }
    let set = regex::RegexSetBuilder::new(patterns)
        .case_insensitive(true)
        .size_limit(size_limit)
        .build()?;
    if let Ok(mut compiled) = COMPILED_SETS.lock() {
        compiled.insert(key, set.clone());
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

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
