//! One module per subcommand; each returns the process exit code or an error.

pub mod check;
pub mod classify;
pub mod completions;
pub mod explain;
pub mod history;
pub mod init_config;
pub mod merge;
mod output;
pub mod rules;
pub mod split;
pub mod worker;

/// Writes `text` to stdout (styles kept only where stdout takes them). A closed pipe
/// (`| head`) is no error; any other failure, a full disk say (`> /dev/full`), is one, so
/// that a script never takes a lost listing for a written one.
pub(crate) fn print(text: &[u8]) -> Result<(), crate::error::AppError> {
    use std::io::Write;

    let mut stdout = anstream::stdout().lock();
    match stdout.write_all(text).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(crate::error::AppError::Usage(
            format!("cannot write to standard output: {e}"),
        )),
        _ => Ok(()),
    }
}
