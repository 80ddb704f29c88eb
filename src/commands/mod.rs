//! One module per subcommand; each returns the process exit code or an error.

pub mod check;
pub mod explain;
pub mod rules;
