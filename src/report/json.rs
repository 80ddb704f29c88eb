//! The JSON report: exactly one document, for machines.

use super::Report;

/// Renders the report as pretty-printed JSON followed by a newline.
pub fn render(report: &Report) -> String {
    let mut text =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}
