//! Names nobody here wrote (`fixtures/real-names/train.tsv`: file names from real archives,
//! titles from published filing lists) against the built-in rules. A labelled name must be
//! recognised as its document in a project of a category that has the document; a name
//! labelled `none` must be taken for no document in any category.
//!
//! `fixtures/real-names/heldout.tsv`, `heldout2.tsv` … are further sets gathered from other
//! public pages and public code (see `HELDOUT.md`) that the rules were not written from: they
//! measure how far the rules generalise, and their tests hold the level reached so that it
//! cannot fall back. A new set is one line of `held-sets.tsv`.
//! `vocabulary.tsv` holds the titles of the standards' and rules' filing lists, and
//! `learning.tsv` names of practice, both learnt from.

use std::collections::BTreeMap;

use crate::names::normalize::{judged_extension, normalize, split_extension};
use crate::names::numbering::strip_numbering;
use crate::ruleset::{Category, RuleSet};

const TRAIN: &str = include_str!("../../fixtures/real-names/train.tsv");

/// One row of the set: the name as written, its label, and how it was found.
struct Labelled<'t> {
    name: &'t str,
    /// Document ids (`+` joins two when one title covers both); empty for `none`.
    ids: Vec<&'t str>,
    kind: &'t str,
}

/// The rows of a set; columns after the third (the held-out set's `source`) are not read.
fn rows(text: &str) -> Vec<Labelled<'_>> {
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut cells = line.split('\t');
            let (Some(name), Some(label), Some(kind)) = (cells.next(), cells.next(), cells.next())
            else {
                panic!("row without three cells: {line:?}");
            };
            let ids = match label {
                "none" => Vec::new(),
                ids => ids.split('+').collect(),
            };
            Labelled { name, ids, kind }
        })
        .collect()
}

/// The document `row` is evidence of in `category`, read the way classification reads it:
/// a file by its stem and extension (a file without one for files of any format), a list
/// title as `TITLE.pdf`, a folder by its name (numbering removed) for files of any format.
fn recognise<'c>(category: &'c Category, row: &Labelled<'_>) -> Option<&'c str> {
    let found = match row.kind {
        "file" => {
            let (stem, extension) = split_extension(row.name);
            category.best_match(&normalize(stem), judged_extension(&extension), None)
        }
        "title-in-list" => category.best_match(&normalize(row.name), Some("pdf"), None),
        "folder" => category.best_match(&strip_numbering(&normalize(row.name)), None, None),
        other => panic!("unknown kind {other:?} of {:?}", row.name),
    };
    found.map(|m| category.documents[m.document].id.as_str())
}

/// What the rules make of a set: the misses, the false positives, and the counts.
#[derive(Default)]
struct Score {
    labelled: usize,
    recognised: usize,
    none: usize,
    taken: usize,
    failures: Vec<String>,
}

impl Score {
    /// The counts alone, on one line.
    fn counts(&self) -> String {
        format!(
            "recognised {}/{} catalogue names, took {}/{} other names for a document",
            self.recognised, self.labelled, self.taken, self.none
        )
    }

    /// The counts, then every name misread, one a line.
    fn summary(&self) -> String {
        format!("{}\n{}", self.counts(), self.failures.join("\n"))
    }
}

/// The document a file named `name` is evidence of in `category`, as a sweep reads a file
/// by its stem and extension (a name without one for files of any format).
fn document_of_file<'c>(category: &'c Category, name: &str) -> Option<&'c str> {
    let (stem, extension) = split_extension(name);
    category
        .best_match(&normalize(stem), judged_extension(&extension), None)
        .map(|m| category.documents[m.document].id.as_str())
}

/// The rules guicang ships.
fn built_in() -> RuleSet {
    RuleSet::load(&[] as &[&str], &BTreeMap::new()).expect("built-in rules are valid")
}

fn score(rules: &RuleSet, text: &str) -> Score {
    let mut score = Score::default();
    for row in rows(text) {
        if row.ids.is_empty() {
            score.none += 1;
            let taken: Vec<String> = rules
                .categories
                .iter()
                .filter_map(|c| recognise(c, &row).map(|id| format!("{}: {id}", c.id)))
                .collect();
            if !taken.is_empty() {
                score.taken += 1;
                score
                    .failures
                    .push(format!("none   {} → {}", row.name, taken.join(", ")));
            }
            continue;
        }
        score.labelled += 1;
        let homes: Vec<&Category> = rules
            .categories
            .iter()
            .filter(|c| c.documents.iter().any(|d| row.ids.contains(&d.id.as_str())))
            .collect();
        assert!(!homes.is_empty(), "no category has {:?}", row.ids);
        let found: Vec<String> = homes
            .iter()
            .map(|c| format!("{}: {:?}", c.id, recognise(c, &row)))
            .collect();
        if homes
            .iter()
            .any(|c| recognise(c, &row).is_some_and(|id| row.ids.contains(&id)))
        {
            score.recognised += 1;
        } else {
            score.failures.push(format!(
                "missed {} ({}) → {}",
                row.name,
                row.ids.join("+"),
                found.join(", ")
            ));
        }
    }
    score
}

#[test]
fn real_names_are_recognised_and_none_is_taken_for_a_document() {
    let rules = built_in();
    let score = score(&rules, TRAIN);
    println!("{}", score.summary());
    assert!(
        score.labelled >= 40 && score.none >= 50,
        "the whole set was read"
    );
    assert!(
        score.failures.is_empty(),
        "{} of {} names misread:\n{}",
        score.failures.len(),
        score.labelled + score.none,
        score.failures.join("\n")
    );
}

/// A labelled set held at the level reached: a line of `fixtures/real-names/held-sets.tsv`.
struct HeldSet {
    /// The set's file in `fixtures/real-names`, which names it in every message.
    file: String,
    /// At least this many catalogue names recognised, at most this many others taken.
    floors: (usize, usize),
    /// At least this many (catalogue names, other names) in the set: fewer means it was not
    /// read whole.
    rows: (usize, usize),
}

impl HeldSet {
    /// The set's rows, read from its file.
    fn text(&self) -> String {
        std::fs::read_to_string(format!("{REAL_NAMES}/{}", self.file))
            .unwrap_or_else(|error| panic!("held-sets.tsv names {}: {error}", self.file))
    }
}

/// The folder of the labelled sets.
const REAL_NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/real-names");

/// Every line of `held-sets.tsv`, in the table's order. A table of numbers rather than a
/// test per set: a new set is one line of data, and the rules are built once.
fn held_sets() -> Vec<HeldSet> {
    let table = std::fs::read_to_string(format!("{REAL_NAMES}/held-sets.tsv"))
        .expect("fixtures/real-names/held-sets.tsv is readable");
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let [file, figures @ ..] = &cells[..] else {
                unreachable!("split yields at least one cell")
            };
            let numbers: Vec<usize> = figures
                .iter()
                .map(|cell| cell.parse().unwrap_or_else(|_| panic!("{file}: {cell:?}")))
                .collect();
            let [recognised, taken, catalogue, other] = numbers[..] else {
                panic!("held-sets.tsv: {file} wants four figures, has {line:?}");
            };
            HeldSet {
                file: (*file).to_owned(),
                floors: (recognised, taken),
                rows: (catalogue, other),
            }
        })
        .collect()
}

/// Why `set` falls short of its line of the table, if it does: its floors do not fit within
/// its rows, it was not read whole, fewer names are recognised or more are taken.
fn shortfall(set: &HeldSet, score: &Score) -> Option<String> {
    let (recognised_at_least, taken_at_most) = set.floors;
    let file = &set.file;
    if recognised_at_least > set.rows.0 || taken_at_most > set.rows.1 {
        return Some(format!(
            "{file}: the floors (recognised, taken) must fit within the rows (labelled, none)"
        ));
    }
    if score.labelled < set.rows.0 || score.none < set.rows.1 {
        return Some(format!(
            "{file} was not read whole: {} catalogue and {} other names, not at least {:?}",
            score.labelled, score.none, set.rows
        ));
    }
    (score.recognised < recognised_at_least || score.taken > taken_at_most).then(|| {
        format!(
            "{file} recognition fell: {}/{} recognised (at least {recognised_at_least}), \
             {}/{} taken (at most {taken_at_most})\n{}",
            score.recognised,
            score.labelled,
            score.taken,
            score.none,
            score.failures.join("\n")
        )
    })
}

/// Recall and false positives on every held set may only get better: each set keeps the
/// floors of its line in `held-sets.tsv`. Every set's figures are printed, one a line, and
/// every set that fell is named with the names it misread. The names that still fail, and
/// why, are listed in `HELDOUT.md`.
#[test]
fn held_sets_keep_the_recognition_reached() {
    use rayon::prelude::*;
    let rules = built_in();
    let sets = held_sets();
    assert!(sets.len() >= 300, "the whole table was read");
    let scores: Vec<Score> = sets
        .par_iter()
        .map(|set| score(&rules, &set.text()))
        .collect();
    let mut fell = Vec::new();
    for (set, score) in sets.iter().zip(&scores) {
        println!("{}: {}", set.file, score.counts());
        fell.extend(shortfall(set, score));
    }
    assert!(fell.is_empty(), "{}", fell.join("\n\n"));
}

/// A set added to the folder is held too: every `heldoutN.tsv` has its line in the table.
#[test]
fn every_held_out_set_has_its_line_in_the_table() {
    let listed: Vec<String> = held_sets().into_iter().map(|set| set.file).collect();
    let mut unlisted = Vec::new();
    for entry in std::fs::read_dir(REAL_NAMES).expect("fixtures/real-names is readable") {
        let file = entry.expect("a readable entry").file_name();
        let file = file.to_string_lossy();
        if file.starts_with("heldout")
            && file.ends_with(".tsv")
            && !listed.contains(&file.to_string())
        {
            unlisted.push(file.into_owned());
        }
    }
    unlisted.sort();
    assert!(unlisted.is_empty(), "not in held-sets.tsv: {unlisted:?}");
}

/// The marks a scanner or a clerk adds to a copy's name (`(盖章)`, `-扫描件`, `(1)`,
/// `_20230512`, `v2`, a second `.pdf`) and a list's note on the copies it wants
/// (`(原件及复印件各一份)`) change nothing: every name of every set, as a file
/// with one of them at its end, is evidence of the same document in every category as
/// without it.
#[test]
fn a_copys_marks_change_no_recognition() {
    const MARKS: [&str; 12] = [
        "(盖章)",
        "（原件及复印件各一份）",
        "（加盖公章）",
        "复印件1份",
        "（盖章版）",
        "-扫描件",
        "（1）",
        "_20230512",
        "v2",
        ".pdf",
        "【已签章】",
        " - 副本",
    ];
    let rules = built_in();
    let held: Vec<String> = held_sets().iter().map(HeldSet::text).collect();
    let sets = std::iter::once(TRAIN).chain(held.iter().map(String::as_str));
    let mut names = 0;
    let mut differ = Vec::new();
    for row in sets.flat_map(rows) {
        let stem = match row.kind {
            "folder" => continue,
            "file" => split_extension(row.name).0,
            _ => row.name,
        };
        names += 1;
        for category in &rules.categories {
            let plain = document_of_file(category, &format!("{stem}.pdf"));
            for mark in MARKS {
                let marked = document_of_file(category, &format!("{stem}{mark}.pdf"));
                if marked != plain {
                    differ.push(format!(
                        "{stem}{mark}.pdf in {}: {marked:?}, not {plain:?}",
                        category.id
                    ));
                }
            }
        }
    }
    assert!(names >= 2400, "every set was read");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// A rule author's measure of a labelled set of their own, in the columns of `train.tsv`:
/// `GUICANG_NAMES=path/to/set.tsv cargo test --lib score_a_names_file -- --ignored --nocapture`
/// prints its recall, its false positives and every name misread. A new held-out set is
/// run this way once, before anything is learnt from it.
#[test]
#[ignore = "reads the set named by GUICANG_NAMES"]
fn score_a_names_file() {
    let path = std::env::var("GUICANG_NAMES").expect("GUICANG_NAMES names a .tsv file");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 .tsv file");
    let rules = built_in();
    let score = score(&rules, &text);
    println!("{path}: {}", score.summary());
}

/// Every Simplified name of the fixtures (this set, the catalogue cases, the demo archive),
/// converted to Traditional script by OpenCC (s2t, s2tw, s2hk), is evidence of the same
/// document in every category as the name it was converted from.
#[test]
fn traditional_script_names_are_recognised_as_their_simplified_originals() {
    let rules = built_in();
    let mut differ = Vec::new();
    let mut rows = 0;
    for line in include_str!("../../fixtures/real-names/traditional.tsv")
        .lines()
        .skip(1)
    {
        let cells: Vec<&str> = line.split('\t').collect();
        let [simplified, conversion, traditional] = cells[..] else {
            panic!("row without three cells: {line:?}");
        };
        rows += 1;
        for category in &rules.categories {
            let expected = document_of_file(category, simplified);
            let found = document_of_file(category, traditional);
            if found != expected {
                differ.push(format!(
                    "{traditional} ({conversion} of {simplified}) in {}: {found:?}, not {expected:?}",
                    category.id
                ));
            }
        }
    }
    assert!(rows >= 300, "the whole set was read");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
