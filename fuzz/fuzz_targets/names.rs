//! File names: folding and the fields read out of a name (dates, amounts, voucher and
//! contract numbers) must never panic, whatever the name.
#![no_main]

use guicang::names::fields::{name_fields, normalize_contract_no};
use guicang::names::normalize::normalize;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|name: &str| {
    let folded = normalize(name);
    let _ = name_fields(&folded);
    let _ = normalize_contract_no(name);
});
