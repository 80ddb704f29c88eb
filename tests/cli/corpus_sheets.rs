//! Every spreadsheet of the real-world corpus (`fixtures/corpus/sheets`, copied from
//! `shared/corpus` with its MANIFEST as attribution): valid files are read, encrypted files
//! are reported as encrypted, damaged and hostile files as unreadable — and none of them
//! panics, aborts or exhausts memory.

use std::path::Path;

use guicang::sheet::{SheetError, read_tables};

/// `(file, expected outcome)` from `MANIFEST.tsv`'s `expected` column.
fn manifest() -> Vec<(String, String)> {
    let text = std::fs::read_to_string("fixtures/corpus/MANIFEST.tsv").expect("manifest");
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.len() >= 7 && cols[0].starts_with("sheets/"))
                .then(|| (cols[0].to_string(), cols[6].to_string()))
        })
        .collect()
}

#[test]
fn every_corpus_spreadsheet_gets_the_outcome_its_manifest_expects() {
    let entries = manifest();
    assert!(entries.len() >= 40, "the manifest lists the sheets");
    let mut failures = Vec::new();
    for (file, expected) in &entries {
        let path = Path::new("fixtures/corpus").join(file);
        let result = read_tables(&path);
        let ok = match result {
            Ok(ref tables) => {
                expected.starts_with("valid")
                    || expected.starts_with("csv")
                    || expected.starts_with("non-standard but readable")
                    || expected.starts_with("damaged")
                    || (expected.starts_with("empty file")
                        && tables.iter().all(|t| t.rows.is_empty()))
            }
            Err(SheetError::Encrypted) => expected.starts_with("encrypted"),
            Err(SheetError::Empty) => expected.starts_with("empty file"),
            Err(
                SheetError::Corrupt(_)
                | SheetError::NotASpreadsheet { .. }
                | SheetError::DamagedPart { .. }
                | SheetError::Bomb { .. }
                | SheetError::BeyondExcel { .. }
                | SheetError::TooManyCells { .. }
                | SheetError::TooMuchText { .. },
            ) => {
                expected.starts_with("corrupt")
                    || expected.starts_with("hostile")
                    || expected.starts_with("old format")
            }
            Err(_) => false,
        };
        if !ok {
            failures.push(format!(
                "{file}: expected {expected:?}, got {result:?}",
                result = result.map(|t| t.len())
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
