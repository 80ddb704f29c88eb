//! CSV ledgers as Excel and clerks save them (UTF-8, GBK, BOM, title lines, ragged rows,
//! quoted line breaks): reading never panics, and no row holds more than Excel's columns.
#![no_main]

use guicang::sheet::csv::read_csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let table = read_csv(bytes, "拨付台账.csv");
    for row in &table.rows {
        assert!(row.cells.len() <= 16_384);
    }
});
