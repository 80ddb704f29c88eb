//! Topic terms × form words: the readable way to write most document names.
//!
//! Clerks name a document by its topic followed by the kind of paper it is: 竣工验收 +
//! 报告 / 证书 / 意见书 / 会议纪要, 工程款 + 支付申请表, 参训人员 + 签名表. A rule file lists
//! the topics and the form words of a document instead of one regex per combination:
//!
//! ```toml
//! topics = ["竣工验收", "工程竣工验收"]
//! forms = ["opinion", "certificate", "纪要"]   # a group of `[form_words]`, or a word
//! ```
//!
//! A name matches when a topic is directly followed by a form word, optionally joined by
//! 的 or a space: 竣工验收证书 and 竣工验收的意见 match, a list heading 竣工验收文件 and a
//! neighbour 竣工验收备案表 do not. Both lists are literal text in folded form (Simplified,
//! half-width, lower case), never regexes; the expansion is one regex added to the
//! document's patterns, so the matched text (topic to form word) competes for the longest
//! match like any other pattern.

use std::collections::BTreeMap;

/// What is wrong with one entry of `topics` or `forms`.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum TermProblem {
    /// An ASCII id that names no group of `[form_words]`.
    UnknownGroup,
    /// Empty, or not in folded form (so it could never match).
    NotFolded(String),
}

/// The form words an entry of `forms` stands for: a group of `[form_words]` by its id, or
/// the entry itself.
pub(super) fn expand_form<'a>(
    entry: &'a str,
    groups: &'a BTreeMap<String, Vec<String>>,
) -> Result<Vec<&'a str>, TermProblem> {
    if let Some(words) = groups.get(entry) {
        return Ok(words.iter().map(String::as_str).collect());
    }
    if is_group_id(entry) {
        return Err(TermProblem::UnknownGroup);
    }
    check_word(entry)?;
    Ok(vec![entry])
}

/// Whether a literal topic or form word is usable: not empty and already folded.
pub(super) fn check_word(word: &str) -> Result<(), TermProblem> {
    let folded = crate::names::normalize::normalize(word);
    if word.is_empty() || folded != word {
        return Err(TermProblem::NotFolded(folded));
    }
    Ok(())
}

/// Whether `entry` is written like the id of a group (`opinion`, `sign-form`) rather than a word.
fn is_group_id(entry: &str) -> bool {
    !entry.is_empty()
        && entry
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The regex matching any topic directly followed by any form word (of `的` or a space
/// between them). Alternatives are tried longest first, so the match is the longest.
pub(super) fn pattern(topics: &[&str], forms: &[&str]) -> String {
    format!(
        "(?:{})(?:的| )?(?:{})",
        alternation(topics),
        alternation(forms)
    )
}

fn alternation(words: &[&str]) -> String {
    let mut words: Vec<&str> = words.to_vec();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::matcher::compile;

    fn groups() -> BTreeMap<String, Vec<String>> {
        BTreeMap::from([(
            "opinion".to_string(),
            vec!["意见".to_string(), "意见书".to_string()],
        )])
    }

    #[test]
    fn a_topic_followed_by_a_form_word_matches_and_nothing_else() {
        let re = compile(&pattern(
            &["竣工验收", "验收"],
            &["报告", "证书", "意见书", "意见"],
        ))
        .unwrap();
        let found = |name: &str| re.find(name).map(|m| m.as_str().to_string());
        assert_eq!(
            found("xx工程竣工验收证书(盖章)").as_deref(),
            Some("竣工验收证书")
        );
        assert_eq!(
            found("竣工验收的意见书").as_deref(),
            Some("竣工验收的意见书")
        );
        assert_eq!(found("(五)竣工验收文件"), None);
        assert_eq!(found("竣工验收备案表"), None);
        assert_eq!(found("报告竣工验收"), None);
    }

    #[test]
    fn a_form_entry_is_a_group_or_a_folded_word() {
        let groups = groups();
        assert_eq!(expand_form("opinion", &groups), Ok(vec!["意见", "意见书"]));
        assert_eq!(expand_form("鉴定书", &groups), Ok(vec!["鉴定书"]));
        assert_eq!(
            expand_form("certificate", &groups),
            Err(TermProblem::UnknownGroup)
        );
        assert_eq!(
            expand_form("報告", &groups),
            Err(TermProblem::NotFolded("报告".to_string()))
        );
        assert_eq!(check_word(""), Err(TermProblem::NotFolded(String::new())));
    }

    #[test]
    fn regex_characters_in_words_are_literal() {
        let re = compile(&pattern(&["(a)"], &["表"])).unwrap();
        assert!(re.is_match("x(a)表"));
        assert!(!re.is_match("a表"));
    }
}
