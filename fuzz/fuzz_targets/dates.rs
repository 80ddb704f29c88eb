//! Dates in every form clerks write them: parsing must never panic, and a date it gives
//! is a real calendar date.
#![no_main]

use guicang::dates::parse_date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(date) = parse_date(text) {
        assert!((1..=12).contains(&date.month()));
    }
});
