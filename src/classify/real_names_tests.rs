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
const HELDOUT19: &str = include_str!("../../fixtures/real-names/heldout19.tsv");
const HELDOUT20: &str = include_str!("../../fixtures/real-names/heldout20.tsv");
const HELDOUT21: &str = include_str!("../../fixtures/real-names/heldout21.tsv");
const HELDOUT22: &str = include_str!("../../fixtures/real-names/heldout22.tsv");
const HELDOUT23: &str = include_str!("../../fixtures/real-names/heldout23.tsv");
const HELDOUT24: &str = include_str!("../../fixtures/real-names/heldout24.tsv");
const HELDOUT25: &str = include_str!("../../fixtures/real-names/heldout25.tsv");
const HELDOUT26: &str = include_str!("../../fixtures/real-names/heldout26.tsv");
const HELDOUT27: &str = include_str!("../../fixtures/real-names/heldout27.tsv");
const HELDOUT28: &str = include_str!("../../fixtures/real-names/heldout28.tsv");
const HELDOUT29: &str = include_str!("../../fixtures/real-names/heldout29.tsv");
const HELDOUT30: &str = include_str!("../../fixtures/real-names/heldout30.tsv");
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

/// A test that holds a set's recognition at the figures reached, `(recognised at least,
/// taken at most)`; `rows` are the least counts of labelled and `none` names that show the
/// whole set was read.
macro_rules! hold_reached {
    ($test:ident, $set:literal, $text:expr, reached: $reached:expr, rows: $rows:expr) => {
        #[test]
        fn $test() {
            hold($set, $text, $reached, $rows);
        }
    };
}

// Recall and false positives on the held-out sets may only get better: raise the floors
// when the rules improve. The names that still fail, and why, are listed in `HELDOUT.md`.
hold_reached!(heldout_names_keep_the_recognition_reached, "held-out",
    HELDOUT, reached: (86, 0), rows: (80, 140));
hold_reached!(second_heldout_names_keep_the_recognition_reached, "second held-out",
    HELDOUT2, reached: (81, 2), rows: (80, 140));
hold_reached!(third_heldout_names_keep_the_recognition_reached, "third held-out",
    HELDOUT3, reached: (75, 3), rows: (70, 150));
hold_reached!(fourth_heldout_names_keep_the_recognition_reached, "fourth held-out",
    HELDOUT4, reached: (89, 2), rows: (90, 130));
hold_reached!(fifth_heldout_names_keep_the_recognition_reached, "fifth held-out",
    HELDOUT5, reached: (82, 3), rows: (85, 125));
hold_reached!(sixth_heldout_names_keep_the_recognition_reached, "sixth held-out",
    HELDOUT6, reached: (82, 4), rows: (85, 125));
hold_reached!(seventh_heldout_names_keep_the_recognition_reached, "seventh held-out",
    HELDOUT7, reached: (63, 2), rows: (60, 95));
hold_reached!(eighth_heldout_names_keep_the_recognition_reached, "eighth held-out",
    HELDOUT8, reached: (45, 1), rows: (45, 75));
hold_reached!(ninth_heldout_names_keep_the_recognition_reached, "ninth held-out",
    HELDOUT9, reached: (36, 1), rows: (40, 60));
hold_reached!(tenth_heldout_names_keep_the_recognition_reached, "tenth held-out",
    HELDOUT10, reached: (31, 0), rows: (34, 50));
hold_reached!(eleventh_heldout_names_keep_the_recognition_reached, "eleventh held-out",
    HELDOUT11, reached: (31, 2), rows: (40, 60));
hold_reached!(twelfth_heldout_names_keep_the_recognition_reached, "twelfth held-out",
    HELDOUT12, reached: (33, 5), rows: (38, 57));
hold_reached!(thirteenth_heldout_names_keep_the_recognition_reached, "thirteenth held-out",
    HELDOUT13, reached: (27, 3), rows: (31, 46));
hold_reached!(fourteenth_heldout_names_keep_the_recognition_reached, "fourteenth held-out",
    HELDOUT14, reached: (36, 2), rows: (40, 59));
hold_reached!(fifteenth_heldout_names_keep_the_recognition_reached, "fifteenth held-out",
    HELDOUT15, reached: (42, 2), rows: (46, 69));
hold_reached!(sixteenth_heldout_names_keep_the_recognition_reached, "sixteenth held-out",
    HELDOUT16, reached: (39, 4), rows: (42, 59));
hold_reached!(seventeenth_heldout_names_keep_the_recognition_reached, "seventeenth held-out",
    HELDOUT17, reached: (31, 1), rows: (33, 39));
hold_reached!(eighteenth_heldout_names_keep_the_recognition_reached, "eighteenth held-out",
    HELDOUT18, reached: (35, 4), rows: (38, 58));
hold_reached!(nineteenth_heldout_names_keep_the_recognition_reached, "nineteenth held-out",
    HELDOUT19, reached: (24, 1), rows: (26, 38));
hold_reached!(twentieth_heldout_names_keep_the_recognition_reached, "twentieth held-out",
    HELDOUT20, reached: (36, 3), rows: (40, 60));
hold_reached!(twenty_first_heldout_names_keep_the_recognition_reached, "twenty-first held-out",
    HELDOUT21, reached: (16, 2), rows: (18, 27));
hold_reached!(twenty_second_heldout_names_keep_the_recognition_reached, "twenty-second held-out",
    HELDOUT22, reached: (18, 2), rows: (19, 28));
hold_reached!(twenty_third_heldout_names_keep_the_recognition_reached, "twenty-third held-out",
    HELDOUT23, reached: (94, 7), rows: (99, 140));
hold_reached!(twenty_fourth_heldout_names_keep_the_recognition_reached, "twenty-fourth held-out",
    HELDOUT24, reached: (70, 7), rows: (73, 110));
hold_reached!(twenty_fifth_heldout_names_keep_the_recognition_reached, "twenty-fifth held-out",
    HELDOUT25, reached: (65, 4), rows: (74, 91));
hold_reached!(twenty_sixth_heldout_names_keep_the_recognition_reached, "twenty-sixth held-out",
    HELDOUT26, reached: (66, 4), rows: (69, 89));
hold_reached!(twenty_seventh_heldout_names_keep_the_recognition_reached, "twenty-seventh held-out",
    HELDOUT27, reached: (58, 5), rows: (61, 74));
hold_reached!(twenty_eighth_heldout_names_keep_the_recognition_reached, "twenty-eighth held-out",
    HELDOUT28, reached: (58, 7), rows: (62, 93));
hold_reached!(twenty_ninth_heldout_names_keep_the_recognition_reached, "twenty-ninth held-out",
    HELDOUT29, reached: (40, 4), rows: (45, 68));
hold_reached!(thirtieth_heldout_names_keep_the_recognition_reached, "thirtieth held-out",
    HELDOUT30, reached: (65, 1), rows: (67, 76));

// The titles of the filing lists the catalogue cites (`vocabulary.tsv`, see `VOCABULARY.md`):
// learnt from, and held at the level reached.
hold_reached!(standards_vocabulary_keeps_the_recognition_reached, "standards vocabulary",
    VOCABULARY, reached: (250, 16), rows: (250, 430));

// Names of practice gathered to be learnt from (`learning.tsv`, see `LEARNING.md`), held at
// the level reached.
hold_reached!(names_of_practice_keep_the_recognition_reached, "names of practice",
    LEARNING, reached: (256, 30), rows: (265, 500));

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
        HELDOUT17, HELDOUT18, HELDOUT19, HELDOUT20, HELDOUT21, HELDOUT22, HELDOUT23, HELDOUT24,
        HELDOUT25, HELDOUT26, HELDOUT27, HELDOUT28, HELDOUT29, HELDOUT30, LEARNING, VOCABULARY,
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
