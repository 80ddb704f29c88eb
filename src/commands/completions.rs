//! `guicang completions SHELL` and `guicang man [COMMAND]`: shell completions and the man
//! page, generated from the clap definition in [`crate::cli`], so they never drift from
//! `--help`.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::AppError;

/// Prints the completion script of one shell.
pub fn completions(args: &CompletionsArgs) -> Result<ExitCode, AppError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "guicang", &mut script);
    print(&script)
}

/// Prints the man page of guicang, or of one of its subcommands (`guicang-check(1)`).
pub fn man(args: &ManArgs) -> Result<ExitCode, AppError> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => {
            let sub = command
                .find_subcommand(name)
                .cloned()
                .ok_or_else(|| AppError::Usage(format!("no subcommand `{name}`")))?;
            let title = format!("guicang-{}", sub.get_name());
            sub.name(title)
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut roff)
        .map_err(|e| AppError::Usage(format!("cannot render the man page: {e}")))?;
    print(&roff)
}

fn print(bytes: &[u8]) -> Result<ExitCode, AppError> {
    super::print(bytes)?;
    Ok(ExitCode::SUCCESS)
}
