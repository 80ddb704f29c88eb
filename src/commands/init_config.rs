//! `guicang init-config [PATH]`: a commented starter `guicang.toml`, every section and key
//! with its default and a one-line explanation in Chinese and English.
//!
//! Printed to stdout unless a PATH is given; guicang writes no configuration anywhere
//! unasked, and never over an existing file.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::InitConfigArgs;
use crate::error::AppError;

/// The starter file. A test keeps it parsing, with every key at its default.
pub const STARTER: &str = include_str!("starter.toml");

/// Prints the starter file, or writes it to the path given (refusing an existing file).
pub fn run(args: &InitConfigArgs) -> Result<ExitCode, AppError> {
    let Some(path) = &args.path else {
        super::print(STARTER.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let written = file.and_then(|mut f| f.write_all(STARTER.as_bytes()));
    match written {
        Ok(()) => {
            eprintln!("guicang: wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(AppError::Usage(format!(
            "{} exists already; guicang does not overwrite it",
            path.display()
        ))),
        Err(e) => Err(AppError::Usage(format!(
            "cannot write {}: {e}",
            path.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::STARTER;
    use crate::config::ConfigFile;

    #[test]
    fn the_starter_parses_with_every_section_and_default() {
        let file: ConfigFile = toml::from_str(STARTER).expect("the starter parses");
        assert_eq!(file.check.fail_on, Some(crate::cli::FailOn::Error));
        assert_eq!(file.output.lang, Some(crate::lang::Lang::Zh));
        assert!(file.output.outputs.is_empty() && file.waivers.is_empty());
        let defaults = crate::inspect::InspectOptions::default();
        assert_eq!(
            file.inspect.max_file_mb.map(|mb| mb * 1024 * 1024),
            Some(defaults.max_file_bytes)
        );
        assert_eq!(
            file.inspect.pdf_full_load_mb.map(|mb| mb * 1024 * 1024),
            Some(defaults.pdf_full_load_bytes)
        );
        assert_eq!(
            file.inspect.timeout_seconds,
            Some(defaults.timeout.as_secs())
        );
        assert_eq!(
            file.projects
                .code_pattern
                .map(|p| p.into_inner())
                .as_deref(),
            Some(crate::settings::DEFAULT_CODE_PATTERN)
        );
        for section in [
            "[rules]",
            "[projects]",
            "[thresholds]",
            "[check]",
            "[output]",
            "[ledgers]",
            "[settlements]",
            "[inspect]",
            "[[waiver]]",
        ] {
            assert!(STARTER.contains(section), "{section}");
        }
    }

    #[test]
    fn the_commented_waiver_example_is_a_valid_waiver() {
        let example: String = STARTER
            .lines()
            .skip_while(|l| *l != "# [[waiver]]")
            .map(|l| l.trim_start_matches("# "))
            .collect::<Vec<_>>()
            .join("\n");
        let file: ConfigFile = toml::from_str(&example).expect("the example parses");
        let waiver = file.waivers[0].get_ref();
        assert!(waiver.reason.is_some() && waiver.approved_by.is_some());
        assert!(waiver.expires.is_some() && waiver.path.is_some());
    }
}
