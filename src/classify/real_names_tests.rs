//! Names nobody here wrote (`fixtures/real-names/train.tsv`: file names from real archives,
//! titles from published filing lists) against the built-in rules. A labelled name must be
//! recognised as its document in a project of a category that has the document; a name
//! labelled `none` must be taken for no document in any category.
//!
//! `fixtures/real-names/heldout.tsv`, `heldout2.tsv` … are further sets gathered from other
//! public pages and public code (see `HELDOUT.md`) that the rules were not written from: they
//! measure how far the rules generalise, and their tests hold the level reached so that it
//! cannot fall back. A new set is one line of `held_sets!`.
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

/// Holds a held-out set at the level reached: at least `recognised` of its catalogue names
/// recognised and at most `taken` of its other names taken for a document, the set read
/// whole (at least `rows` = (catalogue names, other names)).
fn hold(
    set: &str,
    text: &str,
    (recognised_at_least, taken_at_most): (usize, usize),
    rows: (usize, usize),
) {
    assert!(
        recognised_at_least <= rows.0 && taken_at_most <= rows.1,
        "{set}: the floors (recognised, taken) must fit within the rows (labelled, none)"
    );
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

/// The labelled sets held at the level reached, each named once: a test per set that holds
/// its recognition at the figures reached, `(recognised at least, taken at most)` (`rows` are
/// the least counts of labelled and `none` names that show the whole set was read, and the
/// floors must fit within them, so that a floor written in the wrong place fails), and
/// `HELD_SETS`, every set's name and text, for the tests that read every name.
macro_rules! held_sets {
    ($($test:ident: $set:literal, $file:literal, reached: $reached:expr, rows: $rows:expr;)*) => {
        /// Every held set: its name and its text.
        const HELD_SETS: &[(&str, &str)] = &[
            $(($set, include_str!(concat!("../../fixtures/real-names/", $file)))),*
        ];
        $(
            #[test]
            fn $test() {
                let text = include_str!(concat!("../../fixtures/real-names/", $file));
                hold($set, text, $reached, $rows);
            }
        )*
    };
}

held_sets! {
    // Recall and false positives on the held-out sets may only get better: raise the floors
    // when the rules improve. The names that still fail, and why, are listed in `HELDOUT.md`.
    heldout_names_keep_the_recognition_reached:
        "held-out", "heldout.tsv", reached: (86, 0), rows: (86, 149);
    second_heldout_names_keep_the_recognition_reached:
        "second held-out", "heldout2.tsv", reached: (81, 2), rows: (83, 147);
    third_heldout_names_keep_the_recognition_reached:
        "third held-out", "heldout3.tsv", reached: (75, 3), rows: (76, 154);
    fourth_heldout_names_keep_the_recognition_reached:
        "fourth held-out", "heldout4.tsv", reached: (89, 2), rows: (90, 130);
    fifth_heldout_names_keep_the_recognition_reached:
        "fifth held-out", "heldout5.tsv", reached: (83, 3), rows: (85, 125);
    sixth_heldout_names_keep_the_recognition_reached:
        "sixth held-out", "heldout6.tsv", reached: (82, 4), rows: (85, 125);
    seventh_heldout_names_keep_the_recognition_reached:
        "seventh held-out", "heldout7.tsv", reached: (63, 2), rows: (66, 99);
    eighth_heldout_names_keep_the_recognition_reached:
        "eighth held-out", "heldout8.tsv", reached: (45, 1), rows: (45, 75);
    ninth_heldout_names_keep_the_recognition_reached:
        "ninth held-out", "heldout9.tsv", reached: (36, 0), rows: (40, 60);
    tenth_heldout_names_keep_the_recognition_reached:
        "tenth held-out", "heldout10.tsv", reached: (31, 0), rows: (34, 50);
    eleventh_heldout_names_keep_the_recognition_reached:
        "eleventh held-out", "heldout11.tsv", reached: (31, 2), rows: (40, 60);
    twelfth_heldout_names_keep_the_recognition_reached:
        "twelfth held-out", "heldout12.tsv", reached: (33, 5), rows: (38, 57);
    thirteenth_heldout_names_keep_the_recognition_reached:
        "thirteenth held-out", "heldout13.tsv", reached: (28, 3), rows: (31, 46);
    fourteenth_heldout_names_keep_the_recognition_reached:
        "fourteenth held-out", "heldout14.tsv", reached: (37, 1), rows: (40, 59);
    fifteenth_heldout_names_keep_the_recognition_reached:
        "fifteenth held-out", "heldout15.tsv", reached: (42, 2), rows: (46, 69);
    sixteenth_heldout_names_keep_the_recognition_reached:
        "sixteenth held-out", "heldout16.tsv", reached: (40, 4), rows: (42, 59);
    seventeenth_heldout_names_keep_the_recognition_reached:
        "seventeenth held-out", "heldout17.tsv", reached: (31, 1), rows: (33, 39);
    eighteenth_heldout_names_keep_the_recognition_reached:
        "eighteenth held-out", "heldout18.tsv", reached: (35, 4), rows: (38, 58);
    // Takes one more since the 260th set's classes: a letter asking for a subsidy's rest to be
    // paid (关于申请拨付…补助资金的函), `none` here and `payment-request` in two other sets.
    nineteenth_heldout_names_keep_the_recognition_reached:
        "nineteenth held-out", "heldout19.tsv", reached: (25, 2), rows: (26, 38);
    twentieth_heldout_names_keep_the_recognition_reached:
        "twentieth held-out", "heldout20.tsv", reached: (36, 2), rows: (40, 60);
    twenty_first_heldout_names_keep_the_recognition_reached:
        "twenty-first held-out", "heldout21.tsv", reached: (16, 2), rows: (18, 27);
    twenty_second_heldout_names_keep_the_recognition_reached:
        "twenty-second held-out", "heldout22.tsv", reached: (19, 2), rows: (19, 28);
    twenty_third_heldout_names_keep_the_recognition_reached:
        "twenty-third held-out", "heldout23.tsv", reached: (95, 7), rows: (99, 140);
    twenty_fourth_heldout_names_keep_the_recognition_reached:
        "twenty-fourth held-out", "heldout24.tsv", reached: (70, 6), rows: (73, 110);
    twenty_fifth_heldout_names_keep_the_recognition_reached:
        "twenty-fifth held-out", "heldout25.tsv", reached: (66, 2), rows: (74, 91);
    twenty_sixth_heldout_names_keep_the_recognition_reached:
        "twenty-sixth held-out", "heldout26.tsv", reached: (67, 4), rows: (69, 89);
    twenty_seventh_heldout_names_keep_the_recognition_reached:
        "twenty-seventh held-out", "heldout27.tsv", reached: (58, 5), rows: (61, 74);
    twenty_eighth_heldout_names_keep_the_recognition_reached:
        "twenty-eighth held-out", "heldout28.tsv", reached: (59, 7), rows: (62, 93);
    twenty_ninth_heldout_names_keep_the_recognition_reached:
        "twenty-ninth held-out", "heldout29.tsv", reached: (40, 3), rows: (45, 68);
    thirtieth_heldout_names_keep_the_recognition_reached:
        "thirtieth held-out", "heldout30.tsv", reached: (65, 1), rows: (67, 76);
    thirty_first_heldout_names_keep_the_recognition_reached:
        "thirty-first held-out", "heldout31.tsv", reached: (35, 4), rows: (39, 51);
    thirty_second_heldout_names_keep_the_recognition_reached:
        "thirty-second held-out", "heldout32.tsv", reached: (43, 6), rows: (45, 68);
    thirty_third_heldout_names_keep_the_recognition_reached:
        "thirty-third held-out", "heldout33.tsv", reached: (48, 3), rows: (51, 76);
    thirty_fourth_heldout_names_keep_the_recognition_reached:
        "thirty-fourth held-out", "heldout34.tsv", reached: (23, 5), rows: (39, 58);
    thirty_fifth_heldout_names_keep_the_recognition_reached:
        "thirty-fifth held-out", "heldout35.tsv", reached: (52, 3), rows: (57, 71);
    thirty_sixth_heldout_names_keep_the_recognition_reached:
        "thirty-sixth held-out", "heldout36.tsv", reached: (40, 1), rows: (40, 60);
    thirty_seventh_heldout_names_keep_the_recognition_reached:
        "thirty-seventh held-out", "heldout37.tsv", reached: (28, 2), rows: (32, 42);
    thirty_eighth_heldout_names_keep_the_recognition_reached:
        "thirty-eighth held-out", "heldout38.tsv", reached: (17, 4), rows: (17, 26);
    thirty_ninth_heldout_names_keep_the_recognition_reached:
        "thirty-ninth held-out", "heldout39.tsv", reached: (93, 4), rows: (97, 119);
    fortieth_heldout_names_keep_the_recognition_reached:
        "fortieth held-out", "heldout40.tsv", reached: (49, 10), rows: (50, 75);
    forty_first_heldout_names_keep_the_recognition_reached:
        "forty-first held-out", "heldout41.tsv", reached: (46, 4), rows: (55, 82);
    forty_second_heldout_names_keep_the_recognition_reached:
        "forty-second held-out", "heldout42.tsv", reached: (46, 11), rows: (54, 79);
    forty_third_heldout_names_keep_the_recognition_reached:
        "forty-third held-out", "heldout43.tsv", reached: (28, 0), rows: (31, 46);
    forty_fourth_heldout_names_keep_the_recognition_reached:
        "forty-fourth held-out", "heldout44.tsv", reached: (26, 1), rows: (28, 42);
    forty_fifth_heldout_names_keep_the_recognition_reached:
        "forty-fifth held-out", "heldout45.tsv", reached: (36, 2), rows: (41, 58);
    forty_sixth_heldout_names_keep_the_recognition_reached:
        "forty-sixth held-out", "heldout46.tsv", reached: (34, 5), rows: (37, 56);
    forty_seventh_heldout_names_keep_the_recognition_reached:
        "forty-seventh held-out", "heldout47.tsv", reached: (28, 5), rows: (30, 45);
    forty_eighth_heldout_names_keep_the_recognition_reached:
        "forty-eighth held-out", "heldout48.tsv", reached: (31, 0), rows: (31, 46);
    forty_ninth_heldout_names_keep_the_recognition_reached:
        "forty-ninth held-out", "heldout49.tsv", reached: (13, 0), rows: (14, 21);
    fiftieth_heldout_names_keep_the_recognition_reached:
        "fiftieth held-out", "heldout50.tsv", reached: (13, 1), rows: (14, 21);
    fifty_first_heldout_names_keep_the_recognition_reached:
        "fifty-first held-out", "heldout51.tsv", reached: (35, 2), rows: (35, 60);
    fifty_second_heldout_names_keep_the_recognition_reached:
        "fifty-second held-out", "heldout52.tsv", reached: (41, 3), rows: (43, 67);
    fifty_third_heldout_names_keep_the_recognition_reached:
        "fifty-third held-out", "heldout53.tsv", reached: (20, 5), rows: (26, 40);
    fifty_fourth_heldout_names_keep_the_recognition_reached:
        "fifty-fourth held-out", "heldout54.tsv", reached: (22, 0), rows: (26, 40);
    fifty_fifth_heldout_names_keep_the_recognition_reached:
        "fifty-fifth held-out", "heldout55.tsv", reached: (25, 3), rows: (26, 40);
    fifty_sixth_heldout_names_keep_the_recognition_reached:
        "fifty-sixth held-out", "heldout56.tsv", reached: (20, 2), rows: (22, 34);
    fifty_seventh_heldout_names_keep_the_recognition_reached:
        "fifty-seventh held-out", "heldout57.tsv", reached: (36, 4), rows: (39, 59);
    fifty_eighth_heldout_names_keep_the_recognition_reached:
        "fifty-eighth held-out", "heldout58.tsv", reached: (30, 2), rows: (32, 50);
    fifty_ninth_heldout_names_keep_the_recognition_reached:
        "fifty-ninth held-out", "heldout59.tsv", reached: (17, 0), rows: (18, 28);
    sixtieth_heldout_names_keep_the_recognition_reached:
        "sixtieth held-out", "heldout60.tsv", reached: (31, 1), rows: (34, 53);
    sixty_first_heldout_names_keep_the_recognition_reached:
        "sixty-first held-out", "heldout61.tsv", reached: (0, 1), rows: (3, 27);
    sixty_second_heldout_names_keep_the_recognition_reached:
        "sixty-second held-out", "heldout62.tsv", reached: (14, 6), rows: (18, 49);
    sixty_third_heldout_names_keep_the_recognition_reached:
        "sixty-third held-out", "heldout63.tsv", reached: (2, 3), rows: (2, 25);
    sixty_fourth_heldout_names_keep_the_recognition_reached:
        "sixty-fourth held-out", "heldout64.tsv", reached: (10, 0), rows: (13, 20);
    sixty_fifth_heldout_names_keep_the_recognition_reached:
        "sixty-fifth held-out", "heldout65.tsv", reached: (21, 1), rows: (24, 37);
    sixty_sixth_heldout_names_keep_the_recognition_reached:
        "sixty-sixth held-out", "heldout66.tsv", reached: (25, 3), rows: (33, 51);
    sixty_seventh_heldout_names_keep_the_recognition_reached:
        "sixty-seventh held-out", "heldout67.tsv", reached: (32, 5), rows: (35, 54);
    sixty_eighth_heldout_names_keep_the_recognition_reached:
        "sixty-eighth held-out", "heldout68.tsv", reached: (33, 7), rows: (35, 54);
    sixty_ninth_heldout_names_keep_the_recognition_reached:
        "sixty-ninth held-out", "heldout69.tsv", reached: (5, 0), rows: (5, 15);
    seventieth_heldout_names_keep_the_recognition_reached:
        "seventieth held-out", "heldout70.tsv", reached: (30, 4), rows: (30, 46);
    seventy_first_heldout_names_keep_the_recognition_reached:
        "seventy-first held-out", "heldout71.tsv", reached: (8, 0), rows: (8, 12);
    seventy_second_heldout_names_keep_the_recognition_reached:
        "seventy-second held-out", "heldout72.tsv", reached: (18, 2), rows: (19, 29);
    seventy_third_heldout_names_keep_the_recognition_reached:
        "seventy-third held-out", "heldout73.tsv", reached: (21, 2), rows: (23, 35);
    seventy_fourth_heldout_names_keep_the_recognition_reached:
        "seventy-fourth held-out", "heldout74.tsv", reached: (9, 2), rows: (10, 15);
    seventy_fifth_heldout_names_keep_the_recognition_reached:
        "seventy-fifth held-out", "heldout75.tsv", reached: (11, 0), rows: (11, 17);
    seventy_sixth_heldout_names_keep_the_recognition_reached:
        "seventy-sixth held-out", "heldout76.tsv", reached: (14, 1), rows: (15, 25);
    seventy_seventh_heldout_names_keep_the_recognition_reached:
        "seventy-seventh held-out", "heldout77.tsv", reached: (18, 3), rows: (19, 29);
    seventy_eighth_heldout_names_keep_the_recognition_reached:
        "seventy-eighth held-out", "heldout78.tsv", reached: (13, 1), rows: (15, 26);
    seventy_ninth_heldout_names_keep_the_recognition_reached:
        "seventy-ninth held-out", "heldout79.tsv", reached: (22, 0), rows: (22, 34);
    eightieth_heldout_names_keep_the_recognition_reached:
        "eightieth held-out", "heldout80.tsv", reached: (17, 4), rows: (30, 63);
    eighty_first_heldout_names_keep_the_recognition_reached:
        "eighty-first held-out", "heldout81.tsv", reached: (11, 0), rows: (11, 17);
    eighty_second_heldout_names_keep_the_recognition_reached:
        "eighty-second held-out", "heldout82.tsv", reached: (22, 2), rows: (23, 35);
    eighty_third_heldout_names_keep_the_recognition_reached:
        "eighty-third held-out", "heldout83.tsv", reached: (16, 1), rows: (19, 29);
    eighty_fourth_heldout_names_keep_the_recognition_reached:
        "eighty-fourth held-out", "heldout84.tsv", reached: (16, 0), rows: (16, 24);
    eighty_fifth_heldout_names_keep_the_recognition_reached:
        "eighty-fifth held-out", "heldout85.tsv", reached: (35, 2), rows: (37, 57);
    eighty_sixth_heldout_names_keep_the_recognition_reached:
        "eighty-sixth held-out", "heldout86.tsv", reached: (6, 0), rows: (6, 9);
    eighty_seventh_heldout_names_keep_the_recognition_reached:
        "eighty-seventh held-out", "heldout87.tsv", reached: (20, 0), rows: (25, 39);
    eighty_eighth_heldout_names_keep_the_recognition_reached:
        "eighty-eighth held-out", "heldout88.tsv", reached: (13, 1), rows: (14, 21);
    eighty_ninth_heldout_names_keep_the_recognition_reached:
        "eighty-ninth held-out", "heldout89.tsv", reached: (28, 1), rows: (28, 48);
    ninetieth_heldout_names_keep_the_recognition_reached:
        "ninetieth held-out", "heldout90.tsv", reached: (24, 3), rows: (29, 46);
    ninety_first_heldout_names_keep_the_recognition_reached:
        "ninety-first held-out", "heldout91.tsv", reached: (30, 3), rows: (33, 51);
    ninety_second_heldout_names_keep_the_recognition_reached:
        "ninety-second held-out", "heldout92.tsv", reached: (30, 5), rows: (33, 51);
    ninety_third_heldout_names_keep_the_recognition_reached:
        "ninety-third held-out", "heldout93.tsv", reached: (4, 0), rows: (4, 6);
    ninety_fourth_heldout_names_keep_the_recognition_reached:
        "ninety-fourth held-out", "heldout94.tsv", reached: (9, 0), rows: (10, 19);
    ninety_fifth_heldout_names_keep_the_recognition_reached:
        "ninety-fifth held-out", "heldout95.tsv", reached: (4, 0), rows: (4, 6);
    ninety_sixth_heldout_names_keep_the_recognition_reached:
        "ninety-sixth held-out", "heldout96.tsv", reached: (21, 1), rows: (21, 32);
    ninety_seventh_heldout_names_keep_the_recognition_reached:
        "ninety-seventh held-out", "heldout97.tsv", reached: (14, 2), rows: (17, 26);
    ninety_eighth_heldout_names_keep_the_recognition_reached:
        "ninety-eighth held-out", "heldout98.tsv", reached: (3, 4), rows: (3, 62);
    ninety_ninth_heldout_names_keep_the_recognition_reached:
        "ninety-ninth held-out", "heldout99.tsv", reached: (38, 2), rows: (47, 73);
    hundredth_heldout_names_keep_the_recognition_reached:
        "hundredth held-out", "heldout100.tsv", reached: (15, 3), rows: (16, 25);
    hundred_and_first_heldout_names_keep_the_recognition_reached:
        "hundred-and-first held-out", "heldout101.tsv", reached: (25, 2), rows: (28, 43);
    hundred_and_second_heldout_names_keep_the_recognition_reached:
        "hundred-and-second held-out", "heldout102.tsv", reached: (11, 0), rows: (12, 18);
    hundred_and_third_heldout_names_keep_the_recognition_reached:
        "hundred-and-third held-out", "heldout103.tsv", reached: (29, 0), rows: (34, 53);
    hundred_and_fourth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fourth held-out", "heldout104.tsv", reached: (36, 4), rows: (46, 71);
    hundred_and_fifth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifth held-out", "heldout105.tsv", reached: (19, 0), rows: (19, 29);
    hundred_and_sixth_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixth held-out", "heldout106.tsv", reached: (15, 0), rows: (17, 26);
    hundred_and_seventh_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventh held-out", "heldout107.tsv", reached: (20, 4), rows: (25, 68);
    hundred_and_eighth_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighth held-out", "heldout108.tsv", reached: (27, 2), rows: (32, 50);
    // The 109th to 111th sets found no names before the search budget ran out (`HELDOUT.md`).
    hundred_and_twelfth_heldout_names_keep_the_recognition_reached:
        "hundred-and-twelfth held-out", "heldout112.tsv", reached: (3, 0), rows: (3, 4);
    hundred_and_thirteenth_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirteenth held-out", "heldout113.tsv", reached: (9, 0), rows: (9, 14);
    hundred_and_fourteenth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fourteenth held-out", "heldout114.tsv", reached: (18, 0), rows: (18, 28);
    hundred_and_fifteenth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifteenth held-out", "heldout115.tsv", reached: (20, 0), rows: (28, 43);
    hundred_and_sixteenth_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixteenth held-out", "heldout116.tsv", reached: (5, 1), rows: (5, 30);
    hundred_and_seventeenth_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventeenth held-out", "heldout117.tsv", reached: (11, 1), rows: (12, 18);
    hundred_and_eighteenth_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighteenth held-out", "heldout118.tsv", reached: (9, 1), rows: (9, 14);
    hundred_and_nineteenth_heldout_names_keep_the_recognition_reached:
        "hundred-and-nineteenth held-out", "heldout119.tsv", reached: (32, 2), rows: (34, 53);
    hundred_and_twentieth_heldout_names_keep_the_recognition_reached:
        "hundred-and-twentieth held-out", "heldout120.tsv", reached: (21, 1), rows: (22, 34);
    hundred_and_twenty_first_heldout_names_keep_the_recognition_reached:
        "hundred-and-twenty-first held-out", "heldout121.tsv", reached: (35, 3), rows: (42, 65);
    hundred_and_twenty_second_heldout_names_keep_the_recognition_reached:
        "hundred-and-twenty-second held-out", "heldout122.tsv", reached: (22, 0), rows: (23, 35);
    hundred_and_twenty_third_heldout_names_keep_the_recognition_reached:
        "hundred-and-twenty-third held-out", "heldout123.tsv", reached: (16, 2), rows: (20, 31);
    hundred_and_twenty_fourth_heldout_names_keep_the_recognition_reached:
        "hundred-and-twenty-fourth held-out", "heldout124.tsv", reached: (3, 1), rows: (4, 21);
    hundred_and_twenty_fifth_heldout_names_keep_the_recognition_reached:
        "hundred-and-twenty-fifth held-out", "heldout125.tsv", reached: (24, 1), rows: (26, 40);
    hundred_and_twenty_sixth_heldout_names_keep_the_recognition_reached:
        "hundred-and-twenty-sixth held-out", "heldout126.tsv", reached: (11, 1), rows: (11, 17);
    // The 127th set found no names before the search budget ran out (`HELDOUT.md`).
    hundred_and_twenty_eighth_heldout_names_keep_the_recognition_reached:
        "hundred-and-twenty-eighth held-out", "heldout128.tsv", reached: (6, 0), rows: (11, 17);
    hundred_and_twenty_ninth_heldout_names_keep_the_recognition_reached:
        "hundred-and-twenty-ninth held-out", "heldout129.tsv", reached: (24, 0), rows: (25, 39);
    hundred_and_thirtieth_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirtieth held-out", "heldout130.tsv", reached: (29, 4), rows: (29, 45);
    hundred_and_thirty_first_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirty-first held-out", "heldout131.tsv", reached: (14, 0), rows: (16, 33);
    hundred_and_thirty_second_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirty-second held-out", "heldout132.tsv", reached: (13, 3), rows: (17, 26);
    hundred_and_thirty_third_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirty-third held-out", "heldout133.tsv", reached: (19, 0), rows: (20, 31);
    hundred_and_thirty_fourth_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirty-fourth held-out", "heldout134.tsv", reached: (25, 6), rows: (35, 54);
    hundred_and_thirty_fifth_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirty-fifth held-out", "heldout135.tsv", reached: (19, 2), rows: (24, 37);
    hundred_and_thirty_sixth_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirty-sixth held-out", "heldout136.tsv", reached: (10, 0), rows: (13, 20);
    hundred_and_thirty_seventh_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirty-seventh held-out", "heldout137.tsv", reached: (33, 9), rows: (43, 83);
    hundred_and_thirty_eighth_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirty-eighth held-out", "heldout138.tsv", reached: (11, 0), rows: (12, 18);
    hundred_and_thirty_ninth_heldout_names_keep_the_recognition_reached:
        "hundred-and-thirty-ninth held-out", "heldout139.tsv", reached: (13, 1), rows: (13, 20);
    hundred_and_fortieth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fortieth held-out", "heldout140.tsv", reached: (28, 2), rows: (29, 45);
    hundred_and_forty_first_heldout_names_keep_the_recognition_reached:
        "hundred-and-forty-first held-out", "heldout141.tsv", reached: (13, 0), rows: (13, 20);
    hundred_and_forty_second_heldout_names_keep_the_recognition_reached:
        "hundred-and-forty-second held-out", "heldout142.tsv", reached: (5, 1), rows: (5, 7);
    hundred_and_forty_third_heldout_names_keep_the_recognition_reached:
        "hundred-and-forty-third held-out", "heldout143.tsv", reached: (4, 0), rows: (4, 8);
    hundred_and_forty_fourth_heldout_names_keep_the_recognition_reached:
        "hundred-and-forty-fourth held-out", "heldout144.tsv", reached: (8, 2), rows: (11, 17);
    hundred_and_forty_fifth_heldout_names_keep_the_recognition_reached:
        "hundred-and-forty-fifth held-out", "heldout145.tsv", reached: (11, 1), rows: (11, 17);
    hundred_and_forty_sixth_heldout_names_keep_the_recognition_reached:
        "hundred-and-forty-sixth held-out", "heldout146.tsv", reached: (14, 0), rows: (15, 23);
    hundred_and_forty_seventh_heldout_names_keep_the_recognition_reached:
        "hundred-and-forty-seventh held-out", "heldout147.tsv", reached: (13, 0), rows: (15, 23);
    hundred_and_forty_eighth_heldout_names_keep_the_recognition_reached:
        "hundred-and-forty-eighth held-out", "heldout148.tsv", reached: (15, 0), rows: (19, 29);
    hundred_and_forty_ninth_heldout_names_keep_the_recognition_reached:
        "hundred-and-forty-ninth held-out", "heldout149.tsv", reached: (29, 1), rows: (32, 50);
    hundred_and_fiftieth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fiftieth held-out", "heldout150.tsv", reached: (24, 1), rows: (25, 39);
    hundred_and_fifty_first_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifty-first held-out", "heldout151.tsv", reached: (21, 2), rows: (21, 32);
    hundred_and_fifty_second_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifty-second held-out", "heldout152.tsv", reached: (19, 6), rows: (24, 37);
    hundred_and_fifty_third_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifty-third held-out", "heldout153.tsv", reached: (20, 1), rows: (23, 35);
    hundred_and_fifty_fourth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifty-fourth held-out", "heldout154.tsv", reached: (13, 1), rows: (15, 23);
    hundred_and_fifty_fifth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifty-fifth held-out", "heldout155.tsv", reached: (16, 1), rows: (19, 29);
    hundred_and_fifty_sixth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifty-sixth held-out", "heldout156.tsv", reached: (27, 4), rows: (33, 51);
    hundred_and_fifty_seventh_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifty-seventh held-out", "heldout157.tsv", reached: (16, 2), rows: (16, 24);
    hundred_and_fifty_eighth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifty-eighth held-out", "heldout158.tsv", reached: (10, 0), rows: (10, 15);
    hundred_and_fifty_ninth_heldout_names_keep_the_recognition_reached:
        "hundred-and-fifty-ninth held-out", "heldout159.tsv", reached: (6, 1), rows: (9, 14);
    hundred_and_sixtieth_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixtieth held-out", "heldout160.tsv", reached: (7, 0), rows: (8, 12);
    hundred_and_sixty_first_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixty-first held-out", "heldout161.tsv", reached: (19, 0), rows: (19, 29);
    hundred_and_sixty_second_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixty-second held-out", "heldout162.tsv", reached: (25, 0), rows: (26, 40);
    hundred_and_sixty_third_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixty-third held-out", "heldout163.tsv", reached: (22, 0), rows: (23, 35);
    hundred_and_sixty_fourth_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixty-fourth held-out", "heldout164.tsv", reached: (30, 4), rows: (36, 56);
    hundred_and_sixty_fifth_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixty-fifth held-out", "heldout165.tsv", reached: (7, 1), rows: (9, 14);
    hundred_and_sixty_sixth_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixty-sixth held-out", "heldout166.tsv", reached: (9, 0), rows: (13, 20);
    hundred_and_sixty_seventh_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixty-seventh held-out", "heldout167.tsv", reached: (24, 2), rows: (26, 40);
    hundred_and_sixty_eighth_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixty-eighth held-out", "heldout168.tsv", reached: (10, 1), rows: (14, 21);
    hundred_and_sixty_ninth_heldout_names_keep_the_recognition_reached:
        "hundred-and-sixty-ninth held-out", "heldout169.tsv", reached: (18, 2), rows: (22, 34);
    hundred_and_seventieth_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventieth held-out", "heldout170.tsv", reached: (19, 2), rows: (20, 57);
    hundred_and_seventy_first_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventy-first held-out", "heldout171.tsv", reached: (9, 0), rows: (13, 20);
    hundred_and_seventy_second_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventy-second held-out", "heldout172.tsv", reached: (19, 1), rows: (27, 42);
    hundred_and_seventy_third_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventy-third held-out", "heldout173.tsv", reached: (8, 0), rows: (8, 12);
    hundred_and_seventy_fourth_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventy-fourth held-out", "heldout174.tsv", reached: (4, 1), rows: (6, 9);
    hundred_and_seventy_fifth_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventy-fifth held-out", "heldout175.tsv", reached: (13, 2), rows: (15, 23);
    hundred_and_seventy_sixth_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventy-sixth held-out", "heldout176.tsv", reached: (11, 0), rows: (15, 23);
    hundred_and_seventy_seventh_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventy-seventh held-out", "heldout177.tsv", reached: (17, 0), rows: (24, 37);
    hundred_and_seventy_eighth_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventy-eighth held-out", "heldout178.tsv", reached: (5, 0), rows: (6, 9);
    hundred_and_seventy_ninth_heldout_names_keep_the_recognition_reached:
        "hundred-and-seventy-ninth held-out", "heldout179.tsv", reached: (16, 0), rows: (18, 28);
    hundred_and_eightieth_heldout_names_keep_the_recognition_reached:
        "hundred-and-eightieth held-out", "heldout180.tsv", reached: (15, 3), rows: (17, 26);
    hundred_and_eighty_first_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighty-first held-out", "heldout181.tsv", reached: (20, 0), rows: (25, 39);
    hundred_and_eighty_second_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighty-second held-out", "heldout182.tsv", reached: (26, 1), rows: (37, 57);
    hundred_and_eighty_third_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighty-third held-out", "heldout183.tsv", reached: (6, 1), rows: (6, 18);
    hundred_and_eighty_fourth_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighty-fourth held-out", "heldout184.tsv", reached: (16, 0), rows: (16, 25);
    hundred_and_eighty_fifth_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighty-fifth held-out", "heldout185.tsv", reached: (7, 0), rows: (8, 12);
    hundred_and_eighty_sixth_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighty-sixth held-out", "heldout186.tsv", reached: (4, 0), rows: (5, 7);
    hundred_and_eighty_seventh_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighty-seventh held-out", "heldout187.tsv", reached: (12, 0), rows: (12, 18);
    hundred_and_eighty_eighth_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighty-eighth held-out", "heldout188.tsv", reached: (17, 1), rows: (20, 31);
    hundred_and_eighty_ninth_heldout_names_keep_the_recognition_reached:
        "hundred-and-eighty-ninth held-out", "heldout189.tsv", reached: (19, 0), rows: (21, 32);
    hundred_and_ninetieth_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninetieth held-out", "heldout190.tsv", reached: (20, 0), rows: (23, 35);
    hundred_and_ninety_first_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninety-first held-out", "heldout191.tsv", reached: (17, 0), rows: (20, 33);
    hundred_and_ninety_second_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninety-second held-out", "heldout192.tsv", reached: (18, 2), rows: (24, 52);
    hundred_and_ninety_third_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninety-third held-out", "heldout193.tsv", reached: (7, 0), rows: (7, 11);
    hundred_and_ninety_fourth_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninety-fourth held-out", "heldout194.tsv", reached: (17, 1), rows: (18, 28);
    hundred_and_ninety_fifth_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninety-fifth held-out", "heldout195.tsv", reached: (8, 0), rows: (8, 12);
    hundred_and_ninety_sixth_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninety-sixth held-out", "heldout196.tsv", reached: (12, 2), rows: (13, 20);
    hundred_and_ninety_seventh_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninety-seventh held-out", "heldout197.tsv", reached: (13, 0), rows: (16, 25);
    hundred_and_ninety_eighth_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninety-eighth held-out", "heldout198.tsv", reached: (35, 3), rows: (40, 62);
    hundred_and_ninety_ninth_heldout_names_keep_the_recognition_reached:
        "hundred-and-ninety-ninth held-out", "heldout199.tsv", reached: (23, 1), rows: (23, 35);
    two_hundredth_heldout_names_keep_the_recognition_reached:
        "two-hundredth held-out", "heldout200.tsv", reached: (8, 0), rows: (9, 14);
    two_hundred_and_first_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-first held-out", "heldout201.tsv", reached: (9, 2), rows: (9, 14);
    two_hundred_and_second_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-second held-out", "heldout202.tsv", reached: (10, 1), rows: (12, 18);
    two_hundred_and_third_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-third held-out", "heldout203.tsv", reached: (11, 0), rows: (13, 20);
    two_hundred_and_fourth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fourth held-out", "heldout204.tsv", reached: (10, 0), rows: (14, 21);
    two_hundred_and_fifth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifth held-out", "heldout205.tsv", reached: (11, 0), rows: (14, 21);
    two_hundred_and_sixth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixth held-out", "heldout206.tsv", reached: (6, 0), rows: (9, 14);
    two_hundred_and_seventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventh held-out", "heldout207.tsv", reached: (8, 1), rows: (10, 15);
    two_hundred_and_eighth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighth held-out", "heldout208.tsv", reached: (9, 4), rows: (14, 21);
    two_hundred_and_ninth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninth held-out", "heldout209.tsv", reached: (6, 0), rows: (9, 14);
    two_hundred_and_tenth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-tenth held-out", "heldout210.tsv", reached: (22, 1), rows: (24, 37);
    two_hundred_and_eleventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eleventh held-out", "heldout211.tsv", reached: (22, 1), rows: (24, 37);
    two_hundred_and_twelfth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twelfth held-out", "heldout212.tsv", reached: (10, 0), rows: (13, 20);
    two_hundred_and_thirteenth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirteenth held-out", "heldout213.tsv", reached: (19, 1), rows: (23, 35);
    two_hundred_and_fourteenth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fourteenth held-out", "heldout214.tsv", reached: (16, 0), rows: (18, 28);
    two_hundred_and_fifteenth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifteenth held-out", "heldout215.tsv", reached: (21, 0), rows: (22, 34);
    two_hundred_and_sixteenth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixteenth held-out", "heldout216.tsv", reached: (20, 0), rows: (22, 34);
    two_hundred_and_seventeenth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventeenth held-out", "heldout217.tsv", reached: (14, 2), rows: (15, 23);
    two_hundred_and_eighteenth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighteenth held-out", "heldout218.tsv", reached: (13, 3), rows: (18, 27);
    two_hundred_and_nineteenth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-nineteenth held-out", "heldout219.tsv", reached: (11, 0), rows: (12, 23);
    two_hundred_and_twentieth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twentieth held-out", "heldout220.tsv", reached: (14, 2), rows: (18, 28);
    two_hundred_and_twenty_first_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twenty-first held-out", "heldout221.tsv", reached: (6, 0), rows: (6, 9);
    two_hundred_and_twenty_second_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twenty-second held-out", "heldout222.tsv", reached: (2, 0), rows: (2, 3);
    two_hundred_and_twenty_third_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twenty-third held-out", "heldout223.tsv", reached: (17, 0), rows: (20, 31);
    two_hundred_and_twenty_fourth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twenty-fourth held-out", "heldout224.tsv", reached: (8, 1), rows: (8, 12);
    two_hundred_and_twenty_fifth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twenty-fifth held-out", "heldout225.tsv", reached: (1, 0), rows: (1, 2);
    two_hundred_and_twenty_sixth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twenty-sixth held-out", "heldout226.tsv", reached: (2, 0), rows: (3, 7);
    two_hundred_and_twenty_seventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twenty-seventh held-out", "heldout227.tsv", reached: (0, 0), rows: (1, 1);
    two_hundred_and_twenty_ninth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-twenty-ninth held-out", "heldout229.tsv", reached: (11, 0), rows: (14, 21);
    // The 230th set kept one name, a `none` (`HELDOUT.md`), and is not added.
    two_hundred_and_thirty_first_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirty-first held-out", "heldout231.tsv", reached: (17, 0), rows: (19, 29);
    two_hundred_and_thirty_second_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirty-second held-out", "heldout232.tsv", reached: (5, 0), rows: (8, 12);
    two_hundred_and_thirty_third_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirty-third held-out", "heldout233.tsv", reached: (13, 0), rows: (13, 20);
    two_hundred_and_thirty_fourth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirty-fourth held-out", "heldout234.tsv", reached: (2, 0), rows: (2, 3);
    two_hundred_and_thirty_fifth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirty-fifth held-out", "heldout235.tsv", reached: (9, 0), rows: (9, 14);
    two_hundred_and_thirty_sixth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirty-sixth held-out", "heldout236.tsv", reached: (15, 2), rows: (15, 23);
    two_hundred_and_thirty_seventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirty-seventh held-out", "heldout237.tsv",
            reached: (24, 2), rows: (26, 40);
    two_hundred_and_thirty_eighth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirty-eighth held-out", "heldout238.tsv",
            reached: (21, 1), rows: (27, 42);
    two_hundred_and_thirty_ninth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-thirty-ninth held-out", "heldout239.tsv", reached: (14, 1), rows: (14, 21);
    two_hundred_and_fortieth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fortieth held-out", "heldout240.tsv", reached: (18, 1), rows: (18, 28);
    two_hundred_and_forty_first_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-forty-first held-out", "heldout241.tsv", reached: (13, 2), rows: (15, 23);
    two_hundred_and_forty_second_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-forty-second held-out", "heldout242.tsv", reached: (4, 0), rows: (6, 9);
    two_hundred_and_forty_third_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-forty-third held-out", "heldout243.tsv", reached: (4, 1), rows: (4, 21);
    two_hundred_and_forty_fourth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-forty-fourth held-out", "heldout244.tsv", reached: (17, 1), rows: (17, 26);
    two_hundred_and_forty_fifth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-forty-fifth held-out", "heldout245.tsv", reached: (17, 1), rows: (20, 31);
    two_hundred_and_forty_sixth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-forty-sixth held-out", "heldout246.tsv", reached: (17, 0), rows: (17, 26);
    two_hundred_and_forty_seventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-forty-seventh held-out", "heldout247.tsv",
            reached: (14, 0), rows: (16, 25);
    two_hundred_and_forty_eighth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-forty-eighth held-out", "heldout248.tsv", reached: (1, 0), rows: (1, 12);
    two_hundred_and_forty_ninth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-forty-ninth held-out", "heldout249.tsv", reached: (8, 0), rows: (10, 25);
    two_hundred_and_fiftieth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fiftieth held-out", "heldout250.tsv", reached: (14, 3), rows: (17, 26);
    two_hundred_and_fifty_first_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifty-first held-out", "heldout251.tsv", reached: (10, 0), rows: (11, 17);
    two_hundred_and_fifty_second_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifty-second held-out", "heldout252.tsv", reached: (13, 1), rows: (15, 23);
    two_hundred_and_fifty_third_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifty-third held-out", "heldout253.tsv", reached: (2, 0), rows: (2, 16);
    two_hundred_and_fifty_fourth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifty-fourth held-out", "heldout254.tsv", reached: (1, 1), rows: (2, 3);
    two_hundred_and_fifty_fifth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifty-fifth held-out", "heldout255.tsv", reached: (13, 0), rows: (16, 25);
    two_hundred_and_fifty_sixth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifty-sixth held-out", "heldout256.tsv", reached: (8, 2), rows: (12, 18);
    two_hundred_and_fifty_seventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifty-seventh held-out", "heldout257.tsv",
            reached: (22, 4), rows: (28, 43);
    two_hundred_and_fifty_eighth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifty-eighth held-out", "heldout258.tsv", reached: (12, 1), rows: (14, 21);
    two_hundred_and_fifty_ninth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-fifty-ninth held-out", "heldout259.tsv", reached: (14, 1), rows: (15, 23);
    two_hundred_and_sixtieth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixtieth held-out", "heldout260.tsv", reached: (17, 0), rows: (23, 35);
    two_hundred_and_sixty_first_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixty-first held-out", "heldout261.tsv", reached: (11, 0), rows: (12, 18);
    two_hundred_and_sixty_second_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixty-second held-out", "heldout262.tsv", reached: (4, 0), rows: (5, 9);
    two_hundred_and_sixty_third_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixty-third held-out", "heldout263.tsv", reached: (8, 2), rows: (8, 12);
    two_hundred_and_sixty_fourth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixty-fourth held-out", "heldout264.tsv", reached: (5, 0), rows: (7, 10);
    two_hundred_and_sixty_fifth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixty-fifth held-out", "heldout265.tsv", reached: (5, 0), rows: (6, 5);
    two_hundred_and_sixty_sixth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixty-sixth held-out", "heldout266.tsv", reached: (8, 0), rows: (9, 14);
    two_hundred_and_sixty_seventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixty-seventh held-out", "heldout267.tsv", reached: (6, 0), rows: (6, 9);
    two_hundred_and_sixty_eighth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixty-eighth held-out", "heldout268.tsv", reached: (10, 2), rows: (12, 18);
    two_hundred_and_sixty_ninth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-sixty-ninth held-out", "heldout269.tsv", reached: (6, 1), rows: (6, 9);
    two_hundred_and_seventieth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventieth held-out", "heldout270.tsv", reached: (11, 0), rows: (15, 23);
    two_hundred_and_seventy_first_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventy-first held-out", "heldout271.tsv",
            reached: (10, 1), rows: (10, 15);
    two_hundred_and_seventy_second_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventy-second held-out", "heldout272.tsv",
            reached: (13, 0), rows: (15, 22);
    two_hundred_and_seventy_third_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventy-third held-out", "heldout273.tsv", reached: (7, 0), rows: (7, 10);
    two_hundred_and_seventy_fourth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventy-fourth held-out", "heldout274.tsv", reached: (2, 0), rows: (2, 3);
    two_hundred_and_seventy_fifth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventy-fifth held-out", "heldout275.tsv", reached: (2, 0), rows: (3, 4);
    two_hundred_and_seventy_sixth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventy-sixth held-out", "heldout276.tsv", reached: (4, 0), rows: (4, 6);
    two_hundred_and_seventy_seventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventy-seventh held-out", "heldout277.tsv",
            reached: (17, 0), rows: (17, 26);
    two_hundred_and_seventy_eighth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventy-eighth held-out", "heldout278.tsv", reached: (2, 0), rows: (3, 7);
    two_hundred_and_seventy_ninth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-seventy-ninth held-out", "heldout279.tsv",
            reached: (17, 1), rows: (18, 28);
    two_hundred_and_eightieth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eightieth held-out", "heldout280.tsv", reached: (7, 0), rows: (9, 14);
    two_hundred_and_eighty_first_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighty-first held-out", "heldout281.tsv", reached: (11, 0), rows: (12, 18);
    two_hundred_and_eighty_second_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighty-second held-out", "heldout282.tsv", reached: (1, 0), rows: (1, 1);
    two_hundred_and_eighty_third_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighty-third held-out", "heldout283.tsv", reached: (6, 1), rows: (6, 9);
    two_hundred_and_eighty_fourth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighty-fourth held-out", "heldout284.tsv", reached: (4, 0), rows: (5, 7);
    two_hundred_and_eighty_fifth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighty-fifth held-out", "heldout285.tsv", reached: (6, 0), rows: (6, 9);
    two_hundred_and_eighty_sixth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighty-sixth held-out", "heldout286.tsv", reached: (20, 0), rows: (26, 40);
    two_hundred_and_eighty_seventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighty-seventh held-out", "heldout287.tsv", reached: (4, 0), rows: (7, 10);
    two_hundred_and_eighty_eighth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-eighty-eighth held-out", "heldout288.tsv", reached: (4, 1), rows: (4, 6);
    two_hundred_and_ninetieth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninetieth held-out", "heldout290.tsv", reached: (5, 3), rows: (8, 12);
    two_hundred_and_ninety_first_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninety-first held-out", "heldout291.tsv", reached: (2, 0), rows: (2, 3);
    two_hundred_and_ninety_second_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninety-second held-out", "heldout292.tsv",
            reached: (12, 0), rows: (14, 21);
    two_hundred_and_ninety_third_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninety-third held-out", "heldout293.tsv", reached: (9, 0), rows: (10, 15);
    two_hundred_and_ninety_fourth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninety-fourth held-out", "heldout294.tsv",
            reached: (15, 2), rows: (20, 31);
    two_hundred_and_ninety_fifth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninety-fifth held-out", "heldout295.tsv", reached: (8, 0), rows: (11, 17);
    two_hundred_and_ninety_seventh_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninety-seventh held-out", "heldout297.tsv", reached: (7, 2), rows: (7, 10);
    two_hundred_and_ninety_eighth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninety-eighth held-out", "heldout298.tsv", reached: (2, 0), rows: (2, 3);
    two_hundred_and_ninety_ninth_heldout_names_keep_the_recognition_reached:
        "two-hundred-and-ninety-ninth held-out", "heldout299.tsv", reached: (6, 1), rows: (6, 9);
    three_hundredth_heldout_names_keep_the_recognition_reached:
        "three-hundredth held-out", "heldout300.tsv", reached: (5, 0), rows: (6, 9);
    three_hundred_and_first_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-first held-out", "heldout301.tsv", reached: (4, 0), rows: (7, 10);
    three_hundred_and_second_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-second held-out", "heldout302.tsv", reached: (9, 0), rows: (9, 14);
    three_hundred_and_third_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-third held-out", "heldout303.tsv", reached: (4, 0), rows: (5, 7);
    three_hundred_and_fourth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-fourth held-out", "heldout304.tsv", reached: (4, 0), rows: (4, 6);
    three_hundred_and_fifth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-fifth held-out", "heldout305.tsv", reached: (9, 0), rows: (9, 14);
    three_hundred_and_sixth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-sixth held-out", "heldout306.tsv", reached: (9, 1), rows: (9, 14);
    three_hundred_and_seventh_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-seventh held-out", "heldout307.tsv", reached: (13, 0), rows: (15, 23);
    three_hundred_and_eighth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-eighth held-out", "heldout308.tsv", reached: (7, 0), rows: (8, 12);
    three_hundred_and_ninth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-ninth held-out", "heldout309.tsv", reached: (11, 1), rows: (11, 17);
    three_hundred_and_tenth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-tenth held-out", "heldout310.tsv", reached: (17, 1), rows: (17, 26);
    three_hundred_and_eleventh_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-eleventh held-out", "heldout311.tsv", reached: (12, 0), rows: (13, 20);
    three_hundred_and_twelfth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twelfth held-out", "heldout312.tsv", reached: (15, 1), rows: (22, 34);
    three_hundred_and_thirteenth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-thirteenth held-out", "heldout313.tsv", reached: (12, 0), rows: (12, 18);
    three_hundred_and_fourteenth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-fourteenth held-out", "heldout314.tsv", reached: (4, 0), rows: (4, 6);
    three_hundred_and_fifteenth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-fifteenth held-out", "heldout315.tsv", reached: (12, 1), rows: (12, 18);
    three_hundred_and_sixteenth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-sixteenth held-out", "heldout316.tsv", reached: (5, 1), rows: (8, 12);
    three_hundred_and_seventeenth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-seventeenth held-out", "heldout317.tsv",
            reached: (11, 0), rows: (12, 18);
    three_hundred_and_eighteenth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-eighteenth held-out", "heldout318.tsv", reached: (6, 0), rows: (6, 9);
    three_hundred_and_nineteenth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-nineteenth held-out", "heldout319.tsv", reached: (10, 0), rows: (11, 17);
    three_hundred_and_twentieth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twentieth held-out", "heldout320.tsv", reached: (4, 0), rows: (4, 6);
    three_hundred_and_twenty_first_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twenty-first held-out", "heldout321.tsv",
            reached: (13, 0), rows: (16, 25);
    three_hundred_and_twenty_second_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twenty-second held-out", "heldout322.tsv",
            reached: (1, 0), rows: (1, 11);
    three_hundred_and_twenty_third_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twenty-third held-out", "heldout323.tsv", reached: (2, 0), rows: (2, 3);
    three_hundred_and_twenty_fourth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twenty-fourth held-out", "heldout324.tsv",
            reached: (0, 0), rows: (0, 10);
    three_hundred_and_twenty_fifth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twenty-fifth held-out", "heldout325.tsv", reached: (4, 0), rows: (4, 6);
    three_hundred_and_twenty_sixth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twenty-sixth held-out", "heldout326.tsv", reached: (3, 0), rows: (3, 4);
    three_hundred_and_twenty_seventh_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twenty-seventh held-out", "heldout327.tsv",
            reached: (1, 0), rows: (1, 1);
    three_hundred_and_twenty_eighth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twenty-eighth held-out", "heldout328.tsv",
            reached: (7, 0), rows: (9, 14);
    three_hundred_and_twenty_ninth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-twenty-ninth held-out", "heldout329.tsv", reached: (6, 0), rows: (6, 9);
    three_hundred_and_thirtieth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-thirtieth held-out", "heldout330.tsv", reached: (0, 0), rows: (0, 1);
    three_hundred_and_thirty_first_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-thirty-first held-out", "heldout331.tsv", reached: (4, 0), rows: (4, 6);
    three_hundred_and_thirty_second_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-thirty-second held-out", "heldout332.tsv", reached: (4, 0), rows: (4, 6);
    three_hundred_and_thirty_third_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-thirty-third held-out", "heldout333.tsv", reached: (4, 0), rows: (4, 6);
    three_hundred_and_thirty_fourth_heldout_names_keep_the_recognition_reached:
        "three-hundred-and-thirty-fourth held-out", "heldout334.tsv", reached: (1, 0), rows: (1, 1);
    // The rows the 81st to 334th sets' trimming cut (`trimmed.tsv`, see `TRIMMED.md`): first
    // run once, learnt from, and held at the level reached.
    trimmed_rows_keep_the_recognition_reached:
        "trimmed rows", "trimmed.tsv", reached: (616, 380), rows: (748, 8984);
    // The titles of the filing lists the catalogue cites (`vocabulary.tsv`, see
    // `VOCABULARY.md`): learnt from, and held at the level reached.
    standards_vocabulary_keeps_the_recognition_reached:
        "standards vocabulary", "vocabulary.tsv", reached: (250, 13), rows: (250, 430);
    // Names of practice gathered to be learnt from (`learning.tsv`, see `LEARNING.md`), held
    // at the level reached.
    names_of_practice_keep_the_recognition_reached:
        "names of practice", "learning.tsv", reached: (256, 27), rows: (265, 500);
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
    let sets = std::iter::once(TRAIN).chain(HELD_SETS.iter().map(|(_, text)| *text));
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
