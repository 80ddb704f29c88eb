//! Exit codes, decided in one place: 0 clean, 1 findings at or above `--fail-on`,
//! 2 usage, configuration or rule errors (nothing checked).

use std::process::ExitCode;

use crate::finding::Severity;

/// No finding at or above the threshold.
pub const CLEAN: u8 = 0;
/// Findings at or above the threshold.
pub const FINDINGS: u8 = 1;
/// Usage, configuration or rule errors.
pub const ERROR: u8 = 2;

/// The exit code for a report whose worst finding is `worst`.
pub fn for_findings(worst: Option<Severity>, fail_on: Option<Severity>) -> ExitCode {
    match (worst, fail_on) {
        (Some(worst), Some(threshold)) if worst >= threshold => ExitCode::from(FINDINGS),
        _ => ExitCode::from(CLEAN),
    }
}
