//! Which of a category's patterns occur in a name: the first step of matching, before each
//! pattern found is run alone to measure its match and ask its document's excludes.
//!
//! Most rule patterns (six in ten) are plain words (施工照片, 竣工验收报告). One set of all the
//! patterns answered this in one scan of the name, but what the regex crate's set answers is a
//! flag per pattern, and reading which of two thousand flags are up cost a names-only sweep
//! as much as the scan itself (with allocating the flags for each name, some 7% of its
//! instructions). So the plain words go into one Aho–Corasick automaton, as the regex crate's
//! own literal searches do, which reports the words it finds and nothing else; only the other
//! patterns stay in a regex set. Both read a pattern as the one set did: literally and
//! case-sensitively.

use aho_corasick::AhoCorasick;
use regex::RegexSet;

/// A category's patterns, split for finding which occur in a name.
#[derive(Debug, Clone)]
pub(super) struct PatternFinder {
    /// The plain words, and for each its index among all the patterns; `None` when there
    /// are none.
    words: Option<(AhoCorasick, Vec<usize>)>,
    /// The other patterns, and for each its index among all the patterns.
    others: (RegexSet, Vec<usize>),
}

impl PatternFinder {
    /// Builds the finder of `patterns` (each already checked by
    /// [`check`](super::compiled::check)).
    pub(super) fn new<'p>(
        patterns: impl IntoIterator<Item = &'p str>,
    ) -> Result<PatternFinder, regex::Error> {
        let patterns: Vec<&str> = patterns.into_iter().collect();
        let (plain, other): (Vec<usize>, Vec<usize>) =
            (0..patterns.len()).partition(|&i| is_plain_word(patterns[i]));
        // Fails only past the automaton's size limits, which a rule file's words (some
        // thousands of a few characters each) are far below; the set then takes them all.
        let words = match plain.is_empty() {
            true => None,
            false => AhoCorasick::new(plain.iter().map(|&i| patterns[i]))
                .ok()
                .map(|automaton| (automaton, plain)),
        };
        let other = match words {
            Some(_) => other,
            None => (0..patterns.len()).collect(),
        };
        let set = RegexSet::new(other.iter().map(|&i| patterns[i]))?;
        Ok(PatternFinder {
            words,
            others: (set, other),
        })
    }

    /// The indices of the patterns that occur in `name`, ascending, each once.
    pub(super) fn find(&self, name: &str) -> Vec<usize> {
        let mut found = Vec::new();
        if let Some((automaton, index)) = &self.words {
            found.extend(
                automaton
                    .find_overlapping_iter(name)
                    .map(|m| index[m.pattern().as_usize()]),
            );
        }
        let (set, index) = &self.others;
        // Most names match none of the other patterns: asking first spares them the set's
        // flags (without it a names-only sweep counts some 5% more instructions).
        if set.is_match(name) {
            found.extend(set.matches(name).iter().map(|i| index[i]));
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Whether `pattern` is a word the automaton finds as the set would: not empty (the empty
/// pattern matches everywhere, which the set reports once), and literal.
fn is_plain_word(pattern: &str) -> bool {
    !pattern.is_empty() && super::compiled::is_literal(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The finder answers as one regex set of all the patterns does, whichever way each
    /// pattern goes.
    #[test]
    fn the_patterns_found_are_those_one_set_finds() {
        let patterns = [
            "竣工验收报告",
            "验收(报告|意见)",
            "验收",
            "GB 50300",
            "^可研",
            "报告$",
            "a.b",
            "验收",
            "结算",
        ];
        let finder = PatternFinder::new(patterns).unwrap();
        let set = RegexSet::new(patterns).unwrap();
        for name in [
            "竣工验收报告",
            "可研报告",
            "验收意见及结算书",
            "gb 50300 验收",
            "GB 50300",
            "axb验收验收",
            "照片",
            "",
        ] {
            let expected: Vec<usize> = set.matches(name).iter().collect();
            assert_eq!(finder.find(name), expected, "{name}");
        }
    }

    #[test]
    fn plain_words_have_no_regex_meaning() {
        assert!(is_plain_word("施工照片"));
        assert!(is_plain_word("GB 50300 验收"));
        assert!(!is_plain_word(""));
        assert!(!is_plain_word("方案?"));
        assert!(!is_plain_word("a-b"));
        assert!(!is_plain_word("x#"));
    }

    /// With no plain word, or nothing but plain words, every pattern is still found.
    #[test]
    fn a_finder_of_one_kind_of_pattern_finds_them_all() {
        let regexes = PatternFinder::new(["验收(报告|意见)", "^可研"]).unwrap();
        assert_eq!(regexes.find("可研验收报告"), vec![0, 1]);
        let words = PatternFinder::new(["验收", "报告"]).unwrap();
        assert_eq!(words.find("验收报告"), vec![0, 1]);
        assert_eq!(words.find("照片"), Vec::<usize>::new());
        let none = PatternFinder::new([]).unwrap();
        assert!(none.find("验收").is_empty());
    }
}
