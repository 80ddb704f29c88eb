//! Names nobody here wrote (`fixtures/real-names/train.tsv`: file names from real archives,
//! titles from published filing lists) against the built-in rules. A labelled name must be
//! recognised as its document in a project of a category that has the document; a name
//! labelled `none` must be taken for no document in any category.
//!
//! `fixtures/real-names/heldout.tsv` … `heldout9.tsv` are further sets gathered from other
//! public pages (see `HELDOUT.md`) that the rules were not written from: they measure how far
//! the rules generalise, and their tests hold the level reached so that it cannot fall back.
//! `vocabulary.tsv` holds the titles of the standards' and rules' filing lists, and
//! `learning.tsv` names of practice, both learnt from.

use std::collections::BTreeMap;

use crate::names::normalize::{normalize, split_extension};
use crate::names::numbering::strip_numbering;
use crate::ruleset::{Category, RuleSet};

const TRAIN: &str = include_str!("../../fixtures/real-names/train.tsv");
const HELDOUT: &str = include_str!("../../fixtures/real-names/heldout.tsv");
const HELDOUT2: &str = include_str!("../../fixtures/real-names/heldout2.tsv");
const HELDOUT3: &str = include_str!("../../fixtures/real-names/heldout3.tsv");
const HELDOUT4: &str = include_str!("../../fixtures/real-names/heldout4.tsv");
const HELDOUT5: &str = include_str!("../../fixtures/real-names/heldout5.tsv");
const HELDOUT6: &str = include_str!("../../fixtures/real-names/heldout6.tsv");
const HELDOUT7: &str = include_str!("../../fixtures/real-names/heldout7.tsv");
const HELDOUT8: &str = include_str!("../../fixtures/real-names/heldout8.tsv");
const HELDOUT9: &str = include_str!("../../fixtures/real-names/heldout9.tsv");
const HELDOUT10: &str = include_str!("../../fixtures/real-names/heldout10.tsv");
const HELDOUT11: &str = include_str!("../../fixtures/real-names/heldout11.tsv");
const HELDOUT12: &str = include_str!("../../fixtures/real-names/heldout12.tsv");
const HELDOUT13: &str = include_str!("../../fixtures/real-names/heldout13.tsv");
const HELDOUT14: &str = include_str!("../../fixtures/real-names/heldout14.tsv");
const HELDOUT15: &str = include_str!("../../fixtures/real-names/heldout15.tsv");
const HELDOUT16: &str = include_str!("../../fixtures/real-names/heldout16.tsv");
const HELDOUT17: &str = include_str!("../../fixtures/real-names/heldout17.tsv");
const HELDOUT18: &str = include_str!("../../fixtures/real-names/heldout18.tsv");
const LEARNING: &str = include_str!("../../fixtures/real-names/learning.tsv");
const VOCABULARY: &str = include_str!("../../fixtures/real-names/vocabulary.tsv");

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
/// a file by its stem and extension, a list title as `TITLE.pdf`, a folder by its name
/// (numbering removed) for files of any format.
fn recognise<'c>(category: &'c Category, row: &Labelled<'_>) -> Option<&'c str> {
    let found = match row.kind {
        "file" => {
            let (stem, extension) = split_extension(row.name);
            category.best_match(&normalize(stem), Some(&extension), None)
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
    /// The counts, then every name misread, one a line.
    fn summary(&self) -> String {
        format!(
            "recognised {}/{} catalogue names, took {}/{} other names for a document\n{}",
            self.recognised,
            self.labelled,
            self.taken,
            self.none,
            self.failures.join("\n")
        )
    }
}

/// The document a file named `name` is evidence of in `category`, as a sweep reads a file
/// by its stem and extension (a name without one is read as a PDF).
fn document_of_file<'c>(category: &'c Category, name: &str) -> Option<&'c str> {
    let (stem, extension) = split_extension(name);
    let extension = if extension.is_empty() {
        "pdf".to_string()
    } else {
        extension
    };
    category
        .best_match(&normalize(stem), Some(&extension), None)
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

/// Holds a held-out set at the level reached: at least `recognised` of its catalogue names
/// recognised and at most `taken` of its other names taken for a document, the set read
/// whole (at least `rows` = (catalogue names, other names)).
fn hold(
    set: &str,
    text: &str,
    (recognised_at_least, taken_at_most): (usize, usize),
    rows: (usize, usize),
) {
    let rules = built_in();
    let score = score(&rules, text);
    println!("{set}: {}", score.summary());
    assert!(
        score.labelled >= rows.0 && score.none >= rows.1,
        "the whole set was read"
    );
    assert!(
        score.recognised >= recognised_at_least && score.taken <= taken_at_most,
        "{set} recognition fell: {}/{} recognised (at least {recognised_at_least}), {}/{} taken (at most {taken_at_most})\n{}",
        score.recognised,
        score.labelled,
        score.taken,
        score.none,
        score.failures.join("\n")
    );
}

/// Recall and false positives on the held-out sets may only get better: raise the floors
/// when the rules improve. The names that still fail, and why, are listed in `HELDOUT.md`.
#[test]
fn heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (86, 0);
    hold("held-out", HELDOUT, REACHED, (80, 140));
}

#[test]
fn second_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (81, 2);
    hold("second held-out", HELDOUT2, REACHED, (80, 140));
}

#[test]
fn third_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (75, 4);
    hold("third held-out", HELDOUT3, REACHED, (70, 150));
}

#[test]
fn fourth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (89, 2);
    hold("fourth held-out", HELDOUT4, REACHED, (90, 130));
}

#[test]
fn fifth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (82, 3);
    hold("fifth held-out", HELDOUT5, REACHED, (85, 125));
}

#[test]
fn sixth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (82, 4);
    hold("sixth held-out", HELDOUT6, REACHED, (85, 125));
}

#[test]
fn seventh_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (63, 2);
    hold("seventh held-out", HELDOUT7, REACHED, (60, 95));
}

#[test]
fn eighth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (45, 1);
    hold("eighth held-out", HELDOUT8, REACHED, (45, 75));
}

#[test]
fn ninth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (36, 1);
    hold("ninth held-out", HELDOUT9, REACHED, (40, 60));
}

#[test]
fn tenth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (31, 0);
    hold("tenth held-out", HELDOUT10, REACHED, (34, 50));
}

#[test]
fn eleventh_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (31, 2);
    hold("eleventh held-out", HELDOUT11, REACHED, (40, 60));
}

#[test]
fn twelfth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (33, 5);
    hold("twelfth held-out", HELDOUT12, REACHED, (38, 57));
}

#[test]
fn thirteenth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (27, 3);
    hold("thirteenth held-out", HELDOUT13, REACHED, (31, 46));
}

#[test]
fn fourteenth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (36, 2);
    hold("fourteenth held-out", HELDOUT14, REACHED, (40, 59));
}

#[test]
fn fifteenth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (42, 2);
    hold("fifteenth held-out", HELDOUT15, REACHED, (46, 69));
}

#[test]
fn sixteenth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (39, 4);
    hold("sixteenth held-out", HELDOUT16, REACHED, (42, 59));
}

#[test]
fn seventeenth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (31, 1);
    hold("seventeenth held-out", HELDOUT17, REACHED, (33, 39));
}

#[test]
fn eighteenth_heldout_names_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (35, 4);
    hold("eighteenth held-out", HELDOUT18, REACHED, (38, 58));
}

/// The titles of the filing lists the catalogue cites (`vocabulary.tsv`, see `VOCABULARY.md`):
/// learnt from, and held at the level reached.
#[test]
fn standards_vocabulary_keeps_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (250, 19);
    hold("standards vocabulary", VOCABULARY, REACHED, (250, 430));
}

/// Names of practice gathered to be learnt from (`learning.tsv`, see `LEARNING.md`), held at
/// the level reached.
#[test]
fn names_of_practice_keep_the_recognition_reached() {
    // (recognised at least, taken at most), the figures reached.
    const REACHED: (usize, usize) = (256, 32);
    hold("names of practice", LEARNING, REACHED, (265, 500));
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
    let sets = [
        TRAIN, HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, HELDOUT5, HELDOUT6, HELDOUT7, HELDOUT8,
        HELDOUT9, HELDOUT10, HELDOUT11, HELDOUT12, HELDOUT13, HELDOUT14, HELDOUT15, HELDOUT16,
        HELDOUT17, HELDOUT18, LEARNING, VOCABULARY,
    ];
    let mut names = 0;
    let mut differ = Vec::new();
    for row in sets.iter().flat_map(|text| rows(text)) {
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
