//! The spreadsheet guard: what a zip container declares is checked before anything is
//! inflated, and the encrypted-package test, on any bytes, never panic.
#![no_main]

use guicang::sheet::{check_zip_parts, holds_encrypted_package};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = check_zip_parts(bytes);
    let _ = holds_encrypted_package(bytes);
});
