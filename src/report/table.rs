//! Plain-text tables aligned by display width (a CJK character is two columns wide).

use unicode_width::UnicodeWidthStr;

/// Aligns `headers` and `rows` into lines, columns two spaces apart, trailing space trimmed.
/// The first line is the header line.
pub fn aligned_lines<S: AsRef<str>>(headers: &[&str], rows: &[Vec<S>]) -> Vec<String> {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.as_ref().width());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        padded.join("  ").trim_end().to_string()
    };
    std::iter::once(line(headers.to_vec()))
        .chain(
            rows.iter()
                .map(|row| line(row.iter().map(AsRef::as_ref).collect())),
        )
        .collect()
}

/// Pads `text` with spaces to `width` display columns.
pub fn pad(text: &str, width: usize) -> String {
    let gap = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(gap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_wide_characters() {
        let lines = aligned_lines(
            &["项目", "n"],
            &[
                vec!["MGT-1".to_string(), "1".to_string()],
                vec!["教学楼".to_string(), "22".to_string()],
            ],
        );
        assert_eq!(lines, vec!["项目    n", "MGT-1   1", "教学楼  22"]);
    }
}
