//! Opening ledger files: read each workbook once, recognise the header of every sheet, and
//! report files that cannot be opened or hold no ledger.

use std::path::Path;

use rayon::prelude::*;

use super::header::{Header, detect};
use super::read::{CellReader, read_records};
use super::records::Records;
use crate::finding::said::LedgerSaid;
use crate::finding::{Code, Finding};
use crate::sheet::{Table, read_tables};

/// A ledger file that was opened: its recognised tables.
#[derive(Debug, Clone)]
pub struct LedgerFile {
    /// Path relative to the archive root.
    pub rel: String,
    /// The project whose folder holds it, if any.
    pub owner: Option<usize>,
    /// Every sheet with a recognised header.
    pub tables: Vec<(Table, Header)>,
}

/// A ledger file to open.
#[derive(Debug, Clone)]
pub struct LedgerSource<'a> {
    /// Where to read it.
    pub path: &'a Path,
    /// Path relative to the archive root, for reports.
    pub rel: String,
    /// The project whose folder holds it, if any.
    pub owner: Option<usize>,
}

/// Opens every source in parallel; returns the files with at least one recognised table
/// (in the order given) and the findings of the others.
pub fn open_ledgers(sources: &[LedgerSource<'_>]) -> (Vec<LedgerFile>, Vec<Finding>) {
    let opened: Vec<Result<LedgerFile, Box<Finding>>> =
        sources.par_iter().map(open_ledger).collect();
    let mut files = Vec::new();
    let mut findings = Vec::new();
    for result in opened {
        match result {
            Ok(file) => files.push(file),
            Err(finding) => findings.push(*finding),
        }
    }
    (files, findings)
}

fn open_ledger(source: &LedgerSource<'_>) -> Result<LedgerFile, Box<Finding>> {
    let tables = read_tables(source.path).map_err(|error| {
        Box::new(
            Finding::new(
                Code::LedgerUnreadable,
                LedgerSaid::LedgerUnreadable { error },
            )
            .path(source.rel.clone()),
        )
    })?;
    let tables: Vec<(Table, Header)> = tables
        .into_iter()
        .filter_map(|t| detect(&t).map(|h| (t, h)))
        .collect();
    if tables.is_empty() {
        return Err(Box::new(
            Finding::new(Code::LedgerUnrecognised, LedgerSaid::LedgerUnrecognised)
                .path(source.rel.clone()),
        ));
    }
    Ok(LedgerFile {
        rel: source.rel.clone(),
        owner: source.owner,
        tables,
    })
}

/// The records of every ledger file, and the findings about their cells.
pub fn collect_records(files: &[LedgerFile]) -> (Records, Vec<Finding>) {
    let mut records = Records::default();
    let mut findings = Vec::new();
    // Every table of every file numbered once, in order: running totals are per table.
    let tables = files
        .iter()
        .flat_map(|file| file.tables.iter().map(move |table| (file, table)));
    for (table_number, (file, (table, header))) in tables.enumerate() {
        let mut reader = CellReader::new(&file.rel, table, header, &mut findings);
        records.extend(read_records(&mut reader, file.owner, table_number));
    }
    (records, findings)
}
