//! `guicang history` as one self-contained HTML page: the sweeps, the changes, per unit and
//! per contact person, and completeness over time per unit as an inline SVG line chart (no
//! external script).

use std::fmt::Write;

use super::{finding_line, share};
use crate::history::changes::{HistoryView, UnitSeries};
use crate::lang::Lang;
use crate::report::view::escape_markup as esc;

/// Chart size in user units.
const WIDTH: f64 = 640.0;
/// Chart height.
const HEIGHT: f64 = 240.0;
/// Margin around the plot.
const MARGIN: f64 = 36.0;
/// Line colours, one per unit (cycled).
const COLOURS: [&str; 6] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
];

/// Renders the view as an HTML page.
pub fn html(view: &HistoryView, lang: Lang) -> String {
    let pick = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>body{{font-family:sans-serif;margin:1rem;max-width:60rem}}\
         table{{border-collapse:collapse;margin:.5rem 0;width:100%}}td,th{{border:1px solid #ccc;\
         padding:.2rem .4rem;text-align:left;vertical-align:top}}svg{{max-width:100%;height:auto}}\
         .legend span{{margin-right:1rem}}</style></head><body>\n<h1>{}</h1>\n",
        pick("zh-CN", "en"),
        pick("归仓 整改进展", "guicang history"),
        pick("归仓 整改进展", "guicang: progress between sweeps"),
    );
    sweeps(&mut out, view, lang);
    changes(&mut out, view, lang);
    let _ = writeln!(
        out,
        "<h2>{}</h2>",
        pick("各单位档案完整度变化", "Completeness over time per unit")
    );
    chart(&mut out, &view.completeness, lang);
    out.push_str("</body></html>\n");
    out
}

/// The table of sweeps.
fn sweeps(out: &mut String, view: &HistoryView, lang: Lang) {
    let pick = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(
        out,
        "<h2>{}</h2><table><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        pick("检查记录", "Sweeps"),
        pick("时间", "At"),
        pick("档案", "Root"),
        pick("错误", "Errors"),
        pick("警告", "Warnings")
    );
    for s in &view.sweeps {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            s.id,
            esc(&s.at),
            esc(&s.root),
            s.summary["errors"],
            s.summary["warnings"]
        );
    }
    out.push_str("</table>\n");
}

/// The changes between the two sweeps, and the groups.
fn changes(out: &mut String, view: &HistoryView, lang: Lang) {
    let pick = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    if let Some(changes) = &view.changes {
        let _ = writeln!(out, "<h2>#{} → #{}</h2>", changes.from, changes.to);
        for (title, list) in [
            (pick("已整改", "Resolved"), &changes.resolved),
            (pick("新增", "New"), &changes.new),
            (pick("仍未整改", "Still open"), &changes.persisting),
        ] {
            let _ = writeln!(
                out,
                "<details open><summary>{title} ({})</summary><ul>",
                list.len()
            );
            for f in list {
                let days = f["days_open"]
                    .as_i64()
                    .map_or_else(String::new, |d| format!(" · {d} {}", pick("天", "days")));
                let _ = writeln!(out, "<li>{}{days}</li>", esc(&finding_line(f)));
            }
            out.push_str("</ul></details>\n");
        }
        let _ = writeln!(
            out,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            pick("按单位与包联人", "By unit and contact person"),
            pick("单位 / 包联人", "Unit / contact"),
            pick("未整改", "Open"),
            pick("新增", "New"),
            pick("已整改", "Resolved"),
            pick("整改率", "Share resolved")
        );
        let none = pick("（未填写）", "(none)");
        let rows = view
            .by_unit
            .iter()
            .map(|u| (u.unit.as_deref().unwrap_or(none), &u.counts))
            .chain(
                view.by_contact
                    .iter()
                    .map(|c| (c.contact.as_str(), &c.counts)),
            );
        for (name, c) in rows {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(name),
                c.open,
                c.new,
                c.resolved,
                share(c)
            );
        }
        out.push_str("</table>\n");
    }
}

/// The completeness of each unit over the sweeps, one polyline each, 0–100% on the y axis.
fn chart(out: &mut String, series: &[UnitSeries], lang: Lang) {
    let sweeps: Vec<i64> = {
        let mut ids: Vec<i64> = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.sweep))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let x = |sweep: i64| {
        let i = sweeps.iter().position(|&s| s == sweep).unwrap_or(0) as f64;
        let span = (sweeps.len().max(2) - 1) as f64;
        MARGIN + i * (WIDTH - 2.0 * MARGIN) / span
    };
    let y = |share: f64| HEIGHT - MARGIN - share * (HEIGHT - 2.0 * MARGIN);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        lang.pick("完整度折线图", "completeness chart")
    );
    for tick in [0.0, 0.5, 1.0] {
        let y0 = y(tick);
        let _ = write!(
            out,
            "<line x1=\"{MARGIN}\" x2=\"{}\" y1=\"{y0}\" y2=\"{y0}\" stroke=\"#ddd\"/><text x=\"4\" y=\"{}\" font-size=\"10\">{:.0}%</text>",
            WIDTH - MARGIN,
            y0 + 3.0,
            tick * 100.0,
        );
    }
    for (i, s) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let points: Vec<String> = s
            .points
            .iter()
            .filter_map(|p| Some(format!("{:.1},{:.1}", x(p.sweep), y(p.completeness?))))
            .collect();
        let _ = write!(
            out,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
            points.join(" ")
        );
        for p in &s.points {
            if let Some(c) = p.completeness {
                let _ = write!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"><title>#{} {:.1}%</title></circle>",
                    x(p.sweep),
                    y(c),
                    p.sweep,
                    c * 100.0
                );
            }
        }
    }
    out.push_str("</svg>\n<p class=\"legend\">");
    for (i, s) in series.iter().enumerate() {
        let name = s
            .unit
            .as_deref()
            .unwrap_or(lang.pick("（未填写）", "(none)"));
        let _ = write!(
            out,
            "<span style=\"color:{}\">■ {}</span>",
            COLOURS[i % COLOURS.len()],
            esc(name)
        );
    }
    out.push_str("</p>\n");
}
