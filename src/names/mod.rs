//! Names as clerks write them: the vocabulary every step of the pipeline shares.
//!
//! Rules, discovery, classification and ledgers all compare names folded the same way
//! ([`normalize`]), skip the same numbering in front of folder names ([`numbering`]),
//! ignore the same temporary files ([`temporary`]) and read the same fields out of a
//! name: dates, amounts, voucher and contract numbers ([`fields`]), and see past the marks a
//! copy carries at a name's end ([`file_marks`]). Names that thousands
//! of projects repeat are made once and shared ([`shared`]). Living below the steps, these
//! never import a step.

pub mod fields;
pub mod file_marks;
pub mod normalize;
pub mod numbering;
pub mod shared;
pub mod temporary;
pub mod traditional;
