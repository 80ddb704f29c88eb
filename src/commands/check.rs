//! `guicang check`: sweep an archive, print the report, decide the exit code.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{CheckArgs, Format};
use crate::error::AppError;
use crate::exit;
use crate::report::{json, text};
use crate::settings::resolve;
use crate::sweep::sweep;

/// Runs the check and prints the report on stdout.
pub fn run(args: &CheckArgs) -> Result<ExitCode, AppError> {
    if !args.root.is_dir() {
        return Err(AppError::Usage(format!(
            "{} is not a folder; give the archive root",
            args.root.display()
        )));
    }
    let settings = resolve(&args.common, &args.root, args.fail_on)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let report = sweep(&args.root, &settings, threads);
    let rendered = match args.format {
        Format::Text => text::render(
            &report,
            text::TextOptions {
                verbose: args.verbose,
            },
        ),
        Format::Json => json::render(&report),
    };
    let mut stdout = anstream::stdout().lock();
    if let Err(e) = stdout
        .write_all(rendered.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(AppError::Usage(format!("cannot write the report: {e}")));
        }
    }
    Ok(exit::for_findings(report.worst(), settings.fail_on))
}
