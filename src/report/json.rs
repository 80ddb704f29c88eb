//! The JSON report: exactly one document, for machines.

use std::io::Write;

use super::Report;

/// Writes the report as pretty-printed JSON followed by a newline, streamed to `out`.
pub fn write(report: &Report, out: &mut impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Renders the report as pretty-printed JSON followed by a newline.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    match write(report, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\":\"{e}\"}}\n"),
    }
}
