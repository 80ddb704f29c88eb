//! Matching one normalised name against the documents of one category.
//!
//! All patterns of a category are compiled once into one [`PatternFinder`] (plain words in
//! one automaton, the rest in one set), so a name is scanned once or twice to learn which
//! patterns hit; only those are run again to measure the matched text. The most specific
//! document wins: the longest matched text, then the document of the stage folder the file
//! sits in, then the order of the rule file. A name matching a `not_evidence` pattern (a
//! filled-in sample) is evidence of no document, and a match followed by another kind of
//! paper at the end of the name (`other_kinds`: 固定资产购置申请表, 技术参数对比表) is not
//! evidence of the matched document: a Chinese title is the paper its last word names. A
//! document's `exclude` in a later item of a list than a match does not veto it
//! ([`list_items`](super::list_items)): 可行性研究报告及评审文件 still lists the report.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use regex::{Regex, RegexSet};

use super::Document;
use super::list_items::{before_excluded_items, excluded_items, list_items};
use crate::names::file_marks::{paper_words, without_file_marks};
use crate::names::normalize::{outside_brackets, without_asides, without_title_marks};

mod asides;
mod candidates;
mod compiled;
mod explain;
use asides::{before_last_aside, names_a_paper, names_papers, split_last_aside};
use candidates::PatternFinder;
use compiled::{OnDemand, compile_set};
pub use compiled::{check, compile};
pub use explain::{Candidate, Outcome};

/// A match of a name to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocMatch {
    /// Index of the document in its category.
    pub document: usize,
    /// Length of the matched text, in characters.
    pub length: usize,
}

/// What the rules of one category make of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// It is evidence of this document.
    Evidence(DocMatch),
    /// A document's pattern matched, but the name is not that document: an `exclude`, an
    /// `other_kinds` ending or a `not_evidence` pattern vetoed it. Such a file is no
    /// evidence even inside a folder named after the document.
    Vetoed,
    /// No document's pattern matched (or none that accepts the file's format).
    Nothing,
}

/// The compiled patterns of one category.
#[derive(Debug, Clone)]
pub struct Matcher {
    finder: PatternFinder,
    /// For each pattern of `finder`: the document it belongs to and the pattern itself,
    /// compiled when the set first finds it in a name.
    patterns: Vec<(usize, OnDemand)>,
    /// Per document: the patterns that veto a match.
    excludes: Vec<Excludes>,
    /// Patterns that make a name evidence of no document (`not_evidence` of the rules).
    not_evidence: Option<RegexSet>,
    /// The kinds of paper that, ending what follows a match, veto it (`other_kinds`),
    /// anchored at the end.
    other_kind: Option<Regex>,
}

impl Matcher {
    /// Builds the matcher of `documents`, the `not_evidence` patterns that veto every
    /// document and the `other_kinds` that veto a match they end (all already checked one by
    /// one): the set of all document patterns, the `not_evidence` set and the `other_kinds`
    /// pattern now; each document pattern and each document's excludes when a name first
    /// needs them.
    pub fn new(
        documents: &[Document],
        not_evidence: &[String],
        other_kinds: &[String],
    ) -> Result<Matcher, regex::Error> {
        let mut patterns = Vec::new();
        let mut excludes = Vec::with_capacity(documents.len());
        for (index, doc) in documents.iter().enumerate() {
            for pattern in &doc.patterns {
                patterns.push((index, OnDemand::new(pattern)));
            }
            excludes.push(Excludes::new(&doc.exclude));
        }
        let finder = PatternFinder::new(patterns.iter().map(|(_, pattern)| pattern.as_str()))?;
        let not_evidence = match not_evidence {
            [] => None,
            some => Some(compile_set(some, 10 * (1 << 20))?),
        };
        let other_kind = match other_kinds {
            [] => None,
            some => Some(compile(&format!("(?:{})$", some.join("|")))?),
        };
        Ok(Matcher {
            finder,
            patterns,
            excludes,
            not_evidence,
            other_kind,
        })
    }

    /// The other kind of paper that the text of `name` after a match ending at `end` ends
    /// in, if any. Asides in brackets (`(盖章)`, `《…》`), trailing numbers and a copy's
    /// marks (扫描件, 副本 …, as [`without_file_marks`] reads them) do not count; a tail that
    /// starts with a conjunction (及, 或, 附, 、 …) lists papers beside the matched one and
    /// names none, and a tail that only repeats the match's last word (…实施方案方案) is a
    /// slip of the keyboard.
    fn other_kind_after(&self, name: &str, end: usize) -> Option<String> {
        let other_kind = self.other_kind.as_ref()?;
        let tail = &name[end..];
        if tail.trim().is_empty() {
            return None;
        }
        const OPENS: [char; 4] = ['(', '[', '《', '<'];
        const CLOSES: [char; 4] = [')', ']', '》', '>'];
        let plain: Cow<'_, str> = if tail.contains(OPENS) || tail.contains(CLOSES) {
            Cow::Owned(outside_brackets(tail, &OPENS, &CLOSES))
        } else {
            Cow::Borrowed(tail)
        };
        let plain = plain.trim_start();
        if CONJUNCTIONS.iter().any(|c| plain.starts_with(c)) {
            return None;
        }
        let mut plain = plain;
        loop {
            let trimmed = plain.trim_end_matches(|c: char| {
                c.is_ascii_digit() || c.is_whitespace() || "-_.、,;:".contains(c)
            });
            match Some(without_file_marks(trimmed)).filter(|s| s.len() < trimmed.len()) {
                Some(shorter) => plain = shorter,
                None => {
                    plain = trimmed;
                    break;
                }
            }
        }
        // A notice that issues or forwards a paper (关于印发…移交工作实施方案的通知) is that
        // paper: its 的通知 does not hide the kind before it.
        let plain = plain.strip_suffix("的通知").unwrap_or(plain);
        let found = other_kind.find(plain)?.as_str();
        let repeated = found == plain.trim() && name[..end].ends_with(found);
        (!repeated).then(|| found.to_string())
    }

    /// The document `name` (normalised, without extension) is evidence of, if any.
    ///
    /// Only documents whose formats accept `extension` are candidates (any document when it
    /// is `None`); `stage_hint` is the stage of the folder the file sits in and breaks ties
    /// between equally long matches.
    pub fn best(
        &self,
        name: &str,
        extension: Option<&str>,
        stage_hint: Option<&str>,
        documents: &[Document],
    ) -> Option<DocMatch> {
        match self.judge(name, extension, stage_hint, documents) {
            Judgement::Evidence(found) => Some(found),
            Judgement::Vetoed | Judgement::Nothing => None,
        }
    }

    /// Whether `name` matches a `not_evidence` pattern: a sample, a procedure, a question.
    /// The marks of a copy at the name's end (`(盖章)`, `v2`) are not read, and a pattern
    /// may match the name with or without an aside at its end: …内容(由建设单位提供) is
    /// about contents.
    pub fn is_not_evidence(&self, name: &str) -> bool {
        let name = paper_words(name);
        let Some(not_evidence) = &self.not_evidence else {
            return false;
        };
        not_evidence.is_match(name)
            || before_last_aside(name).is_some_and(|before| not_evidence.is_match(before))
    }

    /// The first `not_evidence` pattern that makes `name` evidence of nothing, read as
    /// [`Matcher::is_not_evidence`] reads it: what `guicang classify` shows.
    pub fn not_evidence_pattern(&self, name: &str) -> Option<&str> {
        let name = paper_words(name);
        let not_evidence = self.not_evidence.as_ref()?;
        let first = |text: &str| {
            not_evidence
                .matches(text)
                .iter()
                .next()
                .map(|i| not_evidence.patterns()[i].as_str())
        };
        first(name).or_else(|| before_last_aside(name).and_then(first))
    }

    /// What `name` is: evidence of a document (as [`Matcher::best`]), vetoed, or nothing.
    /// The name is read without a copy's marks and without title marks that quote it whole
    /// ([`paper_words`]). A name with asides in brackets is read first without them, then as
    /// written when its own words are evidence of nothing: 可行性研究报告(代项目建议书)的批复
    /// is 可行性研究报告的批复, 中标(中选)通知书 is 中标通知书, and 附件3(竣工验收报告) is the
    /// report its aside names; but a last aside that names no paper, after words that name
    /// one, is a list's note and not read (施工单位送审的工程结算书(结算审核)).
    pub fn judge(
        &self,
        name: &str,
        extension: Option<&str>,
        stage_hint: Option<&str>,
        documents: &[Document],
    ) -> Judgement {
        self.judged_text(name, extension, stage_hint, documents).1
    }

    /// The text a name is judged by (its paper's words, without its asides, or without its
    /// last aside) and what it is, as [`Matcher::judge`] reads it.
    fn judged_text<'n>(
        &self,
        name: &'n str,
        extension: Option<&str>,
        stage_hint: Option<&str>,
        documents: &[Document],
    ) -> (Cow<'n, str>, Judgement) {
        // A copy's marks (`(盖章)`, `-扫描件`, `.pdf` of a file saved twice) say nothing of
        // the paper, and rules that read a name's end must see the paper's last word; a
        // title quoted whole in a filing list (《…工程合同》) is the title.
        let name = paper_words(name);
        // A name's own words come before its asides: in 选址意见书(仅指以划拨方式提供国有土地
        // 使用权的项目) the note names another paper. An aside is read only when the words
        // outside brackets are evidence of nothing (附件3(竣工验收报告)). What an
        // aside says can make a name no evidence (…(模板), (一)…文件): such a name is never
        // read without it. Asked only of a name that has asides, which most do not.
        if let Some(plain) = without_asides(name)
            && !self.is_not_evidence(name)
        {
            let words = without_title_marks(&plain);
            let judged = self.judge_text(words, extension, stage_hint, documents);
            if matches!(judged, Judgement::Evidence(_)) {
                return (Cow::Owned(words.to_string()), judged);
            }
        }
        // A last aside that names no paper, after words that name one, notes where a list
        // files the paper (施工单位送审的工程结算书(结算审核) is the contractor's statement,
        // not the audit); one that names a paper says what the paper is
        // (建设项目任务书(可行性研究报告)), and what an aside vetoes ((空白)) stays vetoed.
        let as_written = self.judge_text(name, extension, stage_hint, documents);
        if matches!(as_written, Judgement::Evidence(_))
            && let Some((before, aside)) = split_last_aside(name)
            && names_a_paper(before)
            && !names_papers(aside)
        {
            let before = without_title_marks(before);
            let judged = self.judge_text(before, extension, stage_hint, documents);
            return (Cow::Borrowed(before), judged);
        }
        (Cow::Borrowed(name), as_written)
    }

    /// What `name`, read as written, is.
    fn judge_text(
        &self,
        name: &str,
        extension: Option<&str>,
        stage_hint: Option<&str>,
        documents: &[Document],
    ) -> Judgement {
        let mut best: Option<(usize, bool, usize)> = None; // (length, in hinted stage, doc)
        let matches = self.finder.find(name);
        if matches.is_empty() {
            return Judgement::Nothing;
        }
        if self.is_not_evidence(name) {
            return Judgement::Vetoed;
        }
        let mut vetoed = false;
        let mut list = None;
        // Per document: its longest match, and where its last match ends.
        let mut found_by_doc: Vec<(usize, usize, usize)> = Vec::new();
        for pattern_index in matches {
            let doc_index = self.patterns[pattern_index].0;
            if extension.is_some_and(|e| !documents[doc_index].accepts(e)) {
                continue;
            }
            let found = match self.hit(name, pattern_index, &mut list) {
                Hit::Found(found) => found,
                Hit::Excluded(_) => {
                    vetoed = true;
                    continue;
                }
                Hit::Missed => continue,
            };
            let length = name[found.clone()].chars().count();
            match found_by_doc.iter_mut().find(|(d, ..)| *d == doc_index) {
                Some((_, longest, end)) => {
                    *longest = (*longest).max(length);
                    *end = (*end).max(found.end);
                }
                None => found_by_doc.push((doc_index, length, found.end)),
            }
        }
        for (doc_index, length, end) in found_by_doc {
            // The paper a name is ends where the document's last match ends: 用地预审与选址
            // 意见书申请报告 is an application, though 用地预审 is followed by 与.
            if self.other_kind_after(name, end).is_some() {
                vetoed = true;
                continue;
            }
            let in_stage = stage_hint == Some(documents[doc_index].stage.as_str());
            let better = match best {
                None => true,
                Some((best_len, best_in_stage, best_doc)) => {
                    (length, in_stage) > (best_len, best_in_stage)
                        || ((length, in_stage) == (best_len, best_in_stage) && doc_index < best_doc)
                }
            };
            if better {
                best = Some((length, in_stage, doc_index));
            }
        }
        match best {
            Some((length, _, document)) => Judgement::Evidence(DocMatch { document, length }),
            None if vetoed => Judgement::Vetoed,
            None => Judgement::Nothing,
        }
    }
}

/// Where one pattern matches a name, its document's excludes considered.
enum Hit {
    /// The longest match that no exclude of the document vetoes.
    Found(Range<usize>),
    /// An exclude vetoes every match; the first that matches the name (its index).
    Excluded(usize),
    /// The pattern does not match.
    Missed,
}

impl Matcher {
    /// Where pattern `pattern_index` matches `name`. An exclude of its document in a later
    /// list item than a match does not veto it (`list_items`; `list` keeps the name's items
    /// once asked): 招标文件、招标答疑纪要 is still the tender documents.
    fn hit(&self, name: &str, pattern_index: usize, list: &mut Option<Vec<Range<usize>>>) -> Hit {
        let (doc_index, pattern) = &self.patterns[pattern_index];
        let Some(regex) = pattern.regex() else {
            return Hit::Missed;
        };
        let excludes = &self.excludes[*doc_index];
        let Some(first) = excludes.first_match(name) else {
            return regex
                .find(name)
                .map_or(Hit::Missed, |m| Hit::Found(m.range()));
        };
        let items = list.get_or_insert_with(|| list_items(name));
        if items.len() > 1 {
            let excluded = excluded_items(
                name,
                items,
                excludes.each.iter().filter_map(OnDemand::regex),
            );
            let clean = regex
                .find_iter(name)
                .filter(|m| before_excluded_items(&m.range(), items, &excluded))
                .max_by_key(|m| m.len());
            if let Some(found) = clean {
                return Hit::Found(found.range());
            }
        }
        Hit::Excluded(first)
    }
}

/// The `exclude` patterns of one document, compiled when a match of the document first
/// asks whether they veto it (most documents' patterns match none of an archive's names).
#[derive(Debug, Clone)]
struct Excludes {
    /// Each pattern, in the rule file's order: which one vetoes, and where it matches
    /// (compiled when first asked where).
    each: Vec<OnDemand>,
    /// All of them in one set, so that the common case, a name no exclude matches, is one
    /// scan of the name rather than one per pattern (a document has up to dozens). Built
    /// when first asked, for two patterns or more; `None` inside when it could not be built,
    /// and then each pattern is asked in turn.
    any: OnceLock<Option<RegexSet>>,
}

impl Excludes {
    /// A document's excludes (already checked one by one), to compile when first needed.
    fn new(patterns: &[String]) -> Excludes {
        Excludes {
            each: patterns.iter().map(|p| OnDemand::new(p)).collect(),
            any: OnceLock::new(),
        }
    }

    /// The set of all the excludes, built now if this is the first time; `None` for fewer
    /// than two.
    fn set(&self) -> Option<&RegexSet> {
        self.any
            .get_or_init(|| {
                let patterns: Vec<String> = self.each.iter().map(|p| p.as_str().into()).collect();
                (patterns.len() > 1)
                    .then(|| compile_set(&patterns, 1 << 22).ok())
                    .flatten()
            })
            .as_ref()
    }

    /// The index of the first exclude that matches `name`, if any.
    fn first_match(&self, name: &str) -> Option<usize> {
        if self.each.is_empty() {
            return None;
        }
        match self.set() {
            Some(set) if !set.is_match(name) => None,
            Some(set) => set.matches(name).iter().next(),
            None => self
                .each
                .iter()
                .position(|p| p.regex().is_some_and(|re| re.is_match(name))),
        }
    }
}

/// Words that, starting what follows a match, list other papers beside the matched one
/// (竣工验收报告及整改方案, 验收报告附整改方案): the name is still the matched paper.
const CONJUNCTIONS: [&str; 15] = [
    "以及", "及", "和", "与", "或", "暨", "并", "附", "含", "、", ",", ";", "/", "+", "&",
];

/// The last line of a regex error: what is wrong, without the pattern echoed above it.
pub fn regex_error_detail(error: &regex::Error) -> String {
    compiled::last_line(&error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The set of a document's excludes answers as trying them one by one does: the first in
    /// the rule file's order that matches, or none.
    #[test]
    fn the_first_exclude_that_matches_is_found_through_the_set() {
        let patterns = ["评审", "意见$", "(申请|请示)"].map(String::from);
        let excludes = Excludes::new(&patterns);
        assert!(excludes.any.get().is_none());
        assert!(excludes.set().is_some());
        assert_eq!(excludes.first_match("可研报告评审意见"), Some(0));
        assert_eq!(excludes.first_match("关于可研报告的请示"), Some(2));
        assert_eq!(excludes.first_match("可行性研究报告"), None);
        let one = Excludes::new(&["评审".to_string()]);
        assert_eq!(one.first_match("评审报告"), Some(0));
        assert_eq!(one.first_match("报告"), None);
    }
}
