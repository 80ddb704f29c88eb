//! Errors in files the user wrote (rule files, `guicang.toml`, `project.toml`), shown the
//! way cargo and ruff show them: file, line and column, the offending line and a caret.

use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

/// One error at one place of a text file the user wrote.
#[derive(Debug, Clone)]
pub struct SourceDiagnostic {
    /// The file, as the user should see it.
    pub path: String,
    /// The whole text of the file (shared between the diagnostics of one file).
    pub source: Arc<str>,
    /// Byte range of the offending text.
    pub span: Range<usize>,
    /// What is wrong, one line.
    pub message: String,
    /// A short label under the caret.
    pub label: String,
    /// What to do about it, if there is more to say.
    pub help: Option<String>,
}

impl SourceDiagnostic {
    /// 1-based line and column (in characters) of the start of the span.
    pub fn line_col(&self) -> (usize, usize) {
        line_col(&self.source, self.span.start)
    }

    /// Renders the diagnostic with its snippet; colour only when `color` is set.
    pub fn render(&self, color: bool) -> String {
        let (line, col) = self.line_col();
        let title = format!("{}:{line}:{col}: {}", self.path, self.message);
        let span = clamp_span(&self.source, self.span.clone());
        let mut group = Level::ERROR.primary_title(title).element(
            Snippet::source(&*self.source)
                .path(self.path.as_str())
                .annotation(
                    AnnotationKind::Primary
                        .span(span)
                        .label(self.label.as_str()),
                ),
        );
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

/// 1-based line and column (counted in characters) of byte `offset` in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Keeps a span inside the text and on character boundaries, so that rendering never panics.
fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let mut end = span.end.clamp(start, source.len());
    while end < source.len() && !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = "a = 1\n名称 = \"x\"\n";
        assert_eq!(line_col(src, 0), (1, 1));
        let offset = src.find('=').unwrap();
        assert_eq!(line_col(src, offset), (1, 3));
        let second = src.rfind('=').unwrap();
        assert_eq!(line_col(src, second), (2, 4));
    }

    #[test]
    fn renders_file_line_column_and_caret() {
        let src: Arc<str> = Arc::from("id = \"x\"\nstage = \"nowhere\"\n");
        let start = src.find("\"nowhere\"").unwrap();
        let d = SourceDiagnostic {
            path: "rules/x.toml".into(),
            source: src.clone(),
            span: start..start + 9,
            message: "unknown stage".into(),
            label: "not a stage".into(),
            help: Some("use one of: approval".into()),
        };
        let text = d.render(false);
        assert!(text.contains("rules/x.toml:2:9: unknown stage"), "{text}");
        assert!(text.contains("stage = \"nowhere\""), "{text}");
        assert!(text.contains("^^^^^^^^^ not a stage"), "{text}");
        assert!(text.contains("use one of: approval"), "{text}");
    }

    #[test]
    fn out_of_range_spans_do_not_panic() {
        let d = SourceDiagnostic {
            path: "x".into(),
            source: Arc::from("名"),
            span: 1..99,
            message: "m".into(),
            label: "l".into(),
            help: None,
        };
        assert!(d.render(false).contains("x:1:1: m"));
    }
}
