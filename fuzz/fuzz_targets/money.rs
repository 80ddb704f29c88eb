//! Money as clerks write it: parsing (digits, separators, 万元, capitals), then the sums
//! and comparisons the chain checks make, must never panic.
#![no_main]

use guicang::money::amount::Amount;
use guicang::money::{Unit, format_yuan, parse_amount};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for unit in [Unit::Yuan, Unit::TenThousandYuan] {
        if let Ok(value) = parse_amount(text, unit) {
            let amount = Amount::exact(value);
            let _ = format_yuan(value);
            let _ = Amount::sum([&amount, &amount, &amount]);
            let _ = amount.exceeds(&amount);
            let _ = amount.agrees(&Amount::exact(value));
        }
    }
});
