//! `guicang history --db DB`: the sweeps recorded, and between two of them (default the
//! last two of one archive) the findings resolved, new and still open, per unit and per
//! contact person, maturity changes and completeness over time.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{HistoryArgs, HistoryFormat};
use crate::error::AppError;
use crate::guard::output::{resolve_target, write_new};
use crate::history::{Store, changes, masked, render};

/// Prints or writes the history view.
pub fn run(args: &HistoryArgs) -> Result<ExitCode, AppError> {
    if args.format == HistoryFormat::Xlsx
        && args.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(AppError::Usage(
            "the xlsx history is binary and stdout is a terminal; write it with -o history.xlsx"
                .into(),
        ));
    }
    let target = masked(&args.db);
    let mut store = Store::open_existing(&args.db)?;
    let view = changes::view(&mut store, &target, args.from, args.to)?;
    let bytes = match args.format {
        HistoryFormat::Text => render::text(&view, args.lang).into_bytes(),
        HistoryFormat::Json => render::json(&view).into_bytes(),
        HistoryFormat::Markdown => render::markdown(&view, args.lang).into_bytes(),
        HistoryFormat::Html => render::html(&view, args.lang).into_bytes(),
        HistoryFormat::Xlsx => render::xlsx(&view, args.lang)
            .map_err(|e| AppError::Usage(format!("cannot build the workbook: {e}")))?,
    };
    match &args.output {
        Some(path) => {
            let resolved = resolve_target(path)
                .map_err(|e| AppError::Usage(format!("cannot write {}: {e}", path.display())))?;
            write_new(&resolved, &bytes)
                .map_err(|e| AppError::Usage(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("guicang: wrote {}", path.display());
        }
        None => super::print(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}
