//! End-to-end tests of the `guicang` binary: one test binary keeps link time low.

mod chain;
mod ci_reports;
mod commands;
mod corpus_health;
mod corpus_sheets;
mod demo;
mod discovery;
mod errors;
mod health;
mod history;
mod history_schema;
mod hostile;
mod hostile_values;
mod independent_archive;
mod ledger_formats;
mod pg;
mod portfolio;
mod portfolio_reports;
mod races;
mod read_only;
mod registry;
mod report_model;
mod reports;
mod shards;
mod support;
mod waivers;
