//! 归仓 guicang: checks that the archives of publicly funded aid projects are complete and
//! that their money can be traced.
//!
//! The pipeline (`DESIGN.md`): rules and configuration are loaded and validated
//! ([`ruleset`], [`settings`]); projects are discovered ([`project`]); their folders are
//! scanned in parallel ([`scan`]); each file is classified as evidence of a document
//! ([`classify`]); checks turn all of it into findings and scores ([`check`]); and one
//! [`report::Report`] value is rendered for people and machines ([`report`]).

pub mod check;
pub mod classify;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod error;
pub mod exit;
pub mod finding;
pub mod inspect;
pub mod lang;
pub mod ledger;
pub mod money;
pub mod project;
pub mod report;
pub mod ruleset;
pub mod scan;
pub mod settings;
pub mod sweep;
