//! End-to-end tests of the `guicang` binary: one test binary keeps link time low.

mod commands;
mod demo;
mod discovery;
mod errors;
mod read_only;
mod support;
