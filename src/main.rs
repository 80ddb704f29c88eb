//! The `guicang` binary: parse → run the subcommand → print errors once → exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use guicang::cli::{Cli, ColorWhen, Command};
use guicang::{commands, exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = color_choice(&cli.command);
    color.write_global();
    let result = match &cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Rules(args) => commands::rules::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Classify(args) => commands::classify::run(args),
        Command::Merge(args) => commands::merge::run(args),
        Command::History(args) => commands::history::run(args),
        Command::InitConfig(args) => commands::init_config::run(args),
        Command::Completions(args) => commands::completions::completions(args),
        Command::Man(args) => commands::completions::man(args),
        Command::Worker(args) => return commands::worker::run(args.memory),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            let styled = match color {
                anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi => true,
                anstream::ColorChoice::Never => false,
                anstream::ColorChoice::Auto => {
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            eprint!("{}", error.render(styled));
            ExitCode::from(exit::ERROR)
        }
    }
}

fn color_choice(command: &Command) -> anstream::ColorChoice {
    let when = match command {
        Command::Check(args) => args.common.color,
        Command::Rules(args) => args.common.color,
        Command::Classify(args) => args.common.color,
        Command::Merge(args) => args.common.color,
        Command::Explain(_)
        | Command::History(_)
        | Command::InitConfig(_)
        | Command::Completions(_)
        | Command::Man(_)
        | Command::Worker(_) => ColorWhen::Auto,
    };
    match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    }
}
