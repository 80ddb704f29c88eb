//! Writing the reports of a run (`check`, `merge`): rendering each format, stdout, and the
//! files named with `-o`, each checked before the run and written outside the archive.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{Format, TextArgs};
use crate::error::AppError;
use crate::guard::output::{resolve_target, write_new};
use crate::report::{Report, html, json, junit, markdown, sarif, text, xlsx};

/// What shapes the rendering of a report besides the report: the terminal report's options
/// and the folder SARIF URIs are relative to.
pub(super) struct Rendering<'a> {
    text: text::TextOptions,
    sarif_root: Option<&'a Path>,
}

impl Rendering<'_> {
    /// The rendering the command line asks for: the terminal report's layout, and the
    /// folder SARIF URIs are relative to.
    pub(super) fn of<'a>(args: &TextArgs, sarif_root: Option<&'a Path>) -> Rendering<'a> {
        let text = text::TextOptions {
            verbose: args.verbose,
            summary_only: args.summary,
            sort: match args.sort {
                crate::cli::SortBy::Folder => text::SortBy::Folder,
                crate::cli::SortBy::Worst => text::SortBy::Worst,
                crate::cli::SortBy::Name => text::SortBy::Name,
            },
            least: args.only.map(|only| match only {
                crate::cli::Only::Errors => crate::finding::Severity::Error,
                crate::cli::Only::Warnings => crate::finding::Severity::Warning,
            }),
        };
        Rendering { text, sarif_root }
    }
}

/// Writes the report to stdout: JSON streamed (at a million files it is hundreds of MB),
/// text with its styles where the terminal takes them. A closed pipe is no error.
pub(super) fn print_report(
    report: &Report,
    format: Format,
    rendering: &Rendering<'_>,
) -> Result<(), AppError> {
    let written = if format == Format::Json {
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        json::write(report, &mut stdout).and_then(|()| stdout.flush())
    } else if format == Format::Text {
        let bytes = render(report, format, rendering, true)?;
        let mut stdout = anstream::stdout().lock();
        stdout.write_all(&bytes).and_then(|()| stdout.flush())
    } else {
        let bytes = render(report, format, rendering, true)?;
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&bytes).and_then(|()| stdout.flush())
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(AppError::Usage(format!("cannot write the report: {e}")))
        }
        _ => Ok(()),
    }
}

/// Renders one report. Terminal text keeps its styles for stdout (the stream strips them
/// when it is not a terminal); a text file never has them.
pub(super) fn render(
    report: &Report,
    format: Format,
    options: &Rendering<'_>,
    to_stdout: bool,
) -> Result<Vec<u8>, AppError> {
    Ok(match format {
        Format::Text => {
            let styled = text::render(report, options.text);
            if to_stdout {
                styled.into_bytes()
            } else {
                anstream::adapter::strip_str(&styled)
                    .to_string()
                    .into_bytes()
            }
        }
        Format::Json => json::render(report).into_bytes(),
        Format::Markdown => markdown::render(report).into_bytes(),
        Format::Sarif => match options.sarif_root {
            Some(dir) => sarif::render_with(report, &sarif::Base::under(&report.root, dir)),
            None => sarif::render(report),
        }
        .into_bytes(),
        Format::Junit => junit::render(report).into_bytes(),
        Format::Html => html::render(report).into_bytes(),
        Format::Xlsx => xlsx::render(report)
            .map_err(|e| AppError::Usage(format!("cannot build the xlsx report: {e}")))?,
    })
}

/// The report files with their formats, each checked: a known extension, and a place
/// [`Destinations`] accepts. `origin` says where they were named (`-o`, the configuration).
pub(super) fn output_files(
    destinations: &mut Destinations,
    outputs: &[PathBuf],
    origin: &str,
) -> Result<Vec<(PathBuf, Format)>, AppError> {
    let mut files = Vec::new();
    for path in outputs {
        let format = Format::from_extension(path).ok_or_else(|| {
            AppError::Usage(format!(
                "cannot tell the format of {} ({origin}) from its extension; use .txt, .json, \
                 .md, .sarif, .xml (JUnit), .xlsx, .html or .htm",
                path.display()
            ))
        })?;
        destinations.claim(path, origin)?;
        files.push((path.clone(), format));
    }
    Ok(files)
}

/// The files a run will write, checked before the sweep: each in an existing folder,
/// outside the archive root, and named once.
pub(super) struct Destinations {
    /// The archive root, resolved; `None` when it is not on this machine (a merge of
    /// reports swept elsewhere): then there is no archive to keep out of.
    pub(super) root: Option<PathBuf>,
    seen: Vec<PathBuf>,
}

impl Destinations {
    /// The files a run on the archive at `root` writes.
    pub(super) fn new(root: &Path) -> Result<Destinations, AppError> {
        let root = root.canonicalize().map_err(|e| {
            AppError::Usage(format!(
                "cannot resolve the archive root {}: {e}",
                root.display()
            ))
        })?;
        Ok(Destinations {
            root: Some(root),
            seen: Vec::new(),
        })
    }

    /// The files a run writes about the archive at `root`, which may not be on this
    /// machine.
    pub(super) fn near(root: &Path) -> Destinations {
        Destinations {
            root: root.canonicalize().ok(),
            seen: Vec::new(),
        }
    }

    /// Whether `resolved` lies inside the archive.
    fn inside(&self, resolved: &Path) -> bool {
        self.root
            .as_ref()
            .is_some_and(|root| resolved.starts_with(root))
    }

    /// The archive root for messages.
    fn root_shown(&self) -> String {
        self.root
            .as_ref()
            .map_or_else(String::new, |r| r.display().to_string())
    }

    /// Accepts `path` as a file to write, or says why not; `origin` names where it was
    /// given.
    pub(super) fn claim(&mut self, path: &Path, origin: &str) -> Result<(), AppError> {
        let resolved = resolve_output(path)?;
        if self.inside(&resolved) {
            return Err(AppError::Usage(format!(
                "{} ({origin}) is inside the archive being checked ({}); guicang never writes \
                 into the archive: write it somewhere else",
                path.display(),
                self.root_shown()
            )));
        }
        if self.seen.contains(&resolved) {
            return Err(AppError::Usage(format!(
                "{} is named twice ({origin})",
                path.display()
            )));
        }
        self.seen.push(resolved);
        Ok(())
    }

    /// Writes one file of the run (a report or the baseline) and names it on stderr. Its
    /// target is resolved again and checked again: a link changed during the sweep must
    /// not lead into the archive either.
    pub(super) fn write(&self, path: &Path, bytes: &[u8], what: &str) -> Result<(), AppError> {
        let target = resolve_output(path)?;
        if self.inside(&target) {
            return Err(AppError::Usage(format!(
                "{} now leads into the archive being checked ({}); guicang never writes there",
                path.display(),
                self.root_shown()
            )));
        }
        write_new(&target, bytes).map_err(|e| {
            AppError::Usage(format!("cannot write the {what} {}: {e}", path.display()))
        })?;
        eprintln!("guicang: wrote {}", path.display());
        Ok(())
    }
}

/// Where an output file really lands ([`resolve_target`]: every link followed, even a
/// dangling one), as a usage error when it cannot be used.
fn resolve_output(path: &Path) -> Result<PathBuf, AppError> {
    resolve_target(path)
        .map_err(|e| AppError::Usage(format!("cannot write {}: {e}", path.display())))
}

/// The format of the report printed on stdout: the one `asked`, else text when nothing
/// else is written (`prints_by_default`), else none. An xlsx report is not printed to a
/// terminal: it is binary.
pub fn printed_format(
    asked: Option<Format>,
    prints_by_default: bool,
) -> Result<Option<Format>, AppError> {
    let on_stdout = match (asked, prints_by_default) {
        (Some(format), _) => Some(format),
        (None, true) => Some(Format::Text),
        (None, false) => None,
    };
    if on_stdout == Some(Format::Xlsx) && std::io::stdout().is_terminal() {
        return Err(AppError::Usage(
            "the xlsx report is binary and stdout is a terminal; write it to a file with \
             -o report.xlsx, or redirect stdout"
                .into(),
        ));
    }
    Ok(on_stdout)
}
