//! Horizontal bar charts drawn as inline SVG (no script, no external resource): one bar
//! per item, its label above it and its figure at the right of a common track, so that the
//! chart stays legible when the page shrinks to a phone's width and prints as drawn.

use std::fmt::Write;

use super::esc;

/// One bar of a chart.
pub(super) struct Bar {
    /// What the bar is (shortened in the chart when long; whole in the tooltip).
    pub(super) label: String,
    /// Its length as a share of the track, `None` when unknown (no bar is drawn).
    pub(super) share: Option<f64>,
    /// The figure written at the right (`100.0% (2/2)`, `—`).
    pub(super) figure: String,
    /// The colour class of the bar (`poor`, `fair`, `good`, `miss`).
    pub(super) class: &'static str,
    /// The tooltip: the label in full and what the figure means.
    pub(super) tip: String,
}

/// Width of the drawing, in its own units (it scales to the page).
const WIDTH: usize = 420;
/// Width of the track every bar is drawn on.
const TRACK: f64 = 320.0;
/// Height of one item: the label line and the bar under it.
const ROW: usize = 34;
/// The longest label drawn, in characters.
const LABEL_CHARS: usize = 30;

/// Writes a chart of `bars` titled `title` (the title is its accessible name).
pub(super) fn bar_chart(out: &mut String, title: &str, bars: &[Bar]) {
    let height = ROW * bars.len() + 4;
    let _ = writeln!(
        out,
        "<figure class=\"chart\"><figcaption>{title}</figcaption>\n\
         <svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{title}\">",
        title = esc(title),
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW;
        let label: String = if bar.label.chars().count() > LABEL_CHARS {
            let mut short: String = bar.label.chars().take(LABEL_CHARS - 1).collect();
            short.push('…');
            short
        } else {
            bar.label.clone()
        };
        let length = bar
            .share
            .map_or(0.0, |s| (s.clamp(0.0, 1.0) * TRACK).max(1.0));
        let _ = write!(
            out,
            "<g><title>{}</title><text x=\"0\" y=\"{}\">{}</text>\
             <rect class=\"track\" x=\"0\" y=\"{}\" width=\"{TRACK}\" height=\"10\" rx=\"3\"/>",
            esc(&bar.tip),
            y + 13,
            esc(&label),
            y + 18,
        );
        if bar.share.is_some() {
            let _ = write!(
                out,
                "<rect class=\"bar {}\" x=\"0\" y=\"{}\" width=\"{length:.1}\" height=\"10\" rx=\"3\"/>",
                bar.class,
                y + 18,
            );
        }
        let _ = writeln!(
            out,
            "<text class=\"figure\" x=\"{}\" y=\"{}\">{}</text></g>",
            TRACK as usize + 6,
            y + 27,
            esc(&bar.figure),
        );
    }
    out.push_str("</svg></figure>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_drawn_to_scale_and_escaped() {
        let mut out = String::new();
        let bars = [
            Bar {
                label: "<施工许可>".into(),
                share: Some(0.5),
                figure: "50.0%".into(),
                class: "miss",
                tip: "a & b".into(),
            },
            Bar {
                label: "未知".into(),
                share: None,
                figure: "—".into(),
                class: "none",
                tip: String::new(),
            },
        ];
        bar_chart(&mut out, "T", &bars);
        assert!(out.contains("viewBox=\"0 0 420 72\""), "{out}");
        assert!(out.contains("width=\"160.0\""), "{out}");
        assert!(out.contains("&lt;施工许可&gt;") && out.contains("a &amp; b"));
        assert_eq!(out.matches("class=\"bar ").count(), 1, "no bar for unknown");
    }
}
