//! One module per subcommand; each returns the process exit code or an error.

pub mod check;
pub mod completions;
pub mod explain;
pub mod init_config;
pub mod rules;
pub mod worker;
