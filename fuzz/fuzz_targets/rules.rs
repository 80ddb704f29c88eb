//! The rule loader: any text given as a rule file ends in rules or diagnostics with their
//! place, never a panic.
#![no_main]

use std::collections::BTreeMap;

use guicang::ruleset::RuleSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = RuleSet::from_sources(&[("fuzz.toml".to_string(), text.to_string())], &BTreeMap::new());
});
