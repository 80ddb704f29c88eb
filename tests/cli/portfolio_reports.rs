//! The portfolio views (`PORTFOLIO.md`) of the rich reports, read back from one sweep of
//! the demo archive: the workbook's 时间线, 绩效佐证, 储备库 and 多发问题 sheets with
//! calamine, and the HTML page's sections and inline SVG charts. Every figure shown is the
//! JSON report's; an unknown figure is an empty cell or a dash with its reason, never 0.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use calamine::Data;
use serde_json::Value;

use crate::reports::{Reports, header, read_sheets, sweep_all};

/// The rows of a sheet (header left out) as maps from header to cell.
fn records(rows: &[Vec<Data>]) -> Vec<BTreeMap<String, Data>> {
    let head = header(rows);
    rows[1..]
        .iter()
        .map(|row| head.iter().cloned().zip(row.iter().cloned()).collect())
        .collect()
}

fn project<'a>(reports: &'a Reports, key: &str) -> &'a Value {
    reports.json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .find(|p| crate::reports::project_key(p) == key)
        .unwrap_or_else(|| panic!("no project {key}"))
}

/// Every note (comment) text of the workbook.
fn notes(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("xlsx")).expect("zip");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        if file.name().expect("name").starts_with("xl/comments") {
            file.read_to_string(&mut all).expect("xml");
        }
    }
    all
}

/// The note texts of one sheet of the workbook, found through the package's relationships
/// (workbook → worksheet → its comments part).
fn sheet_notes(path: &Path, sheet: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("xlsx")).expect("zip");
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut text)
            .expect("xml");
        text
    };
    let capture = |text: &str, pattern: &str| {
        regex::Regex::new(pattern)
            .expect("pattern")
            .captures(text)
            .unwrap_or_else(|| panic!("{pattern} not found"))[1]
            .to_string()
    };
    let id = capture(
        &part("xl/workbook.xml"),
        &format!(r#"<sheet name="{sheet}"[^>]*r:id="(rId\d+)""#),
    );
    let relationships = part("xl/_rels/workbook.xml.rels");
    let worksheet = capture(
        &relationships,
        &format!(r#"<Relationship Id="{id}"[^>]*Target="worksheets/([^"]+)""#),
    );
    let comments = capture(
        &part(&format!("xl/worksheets/_rels/{worksheet}.rels")),
        r#"Target="\.\./(comments\d+\.xml)""#,
    );
    part(&format!("xl/{comments}"))
}

#[test]
fn the_timeline_sheet_has_a_date_cell_per_known_milestone_and_a_note_for_the_others() {
    let reports = sweep_all(&[]);
    let sheets = read_sheets(&reports.path("r.xlsx"));
    let rows = records(&sheets["时间线"]);
    let projects = reports.json["projects"].as_array().expect("projects");
    // The planned start and finish, then one row per milestone, for every project.
    let expected: usize = projects
        .iter()
        .map(|p| {
            2 + p["timeline"]["milestones"]
                .as_array()
                .expect("milestones")
                .len()
        })
        .sum();
    assert_eq!(rows.len(), expected);
    let row = |key: &str, milestone: &str| {
        rows.iter()
            .find(|r| r["项目编号"] == key && r["里程碑"] == milestone)
            .unwrap_or_else(|| panic!("no row {key} {milestone}"))
    };
    let date = |cell: &Data| match cell {
        Data::DateTime(d) => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        other => panic!("not a date cell: {other:?}"),
    };
    let completion = row("MGT-2023-001", "竣工验收");
    assert_eq!(date(&completion["日期"]), "2024-03-01");
    assert!(
        completion["依据"]
            .to_string()
            .ends_with("竣工验收报告_20240301.pdf")
    );
    assert_eq!(date(&row("MGT-2023-001", "计划竣工")["日期"]), "2023-12-31");
    // A document without a date in its name: an empty date, the document as evidence,
    // and a note saying why.
    let approval = row("MGT-2023-001", "立项批复");
    assert_eq!(approval["日期"], Data::Empty);
    assert!(approval["依据"].to_string().ends_with("001.jpg"));
    assert!(notes(&reports.path("r.xlsx")).contains("文件在档，但文件名未写日期"));
    // 序号 counts the rows.
    assert_eq!(
        rows.last().expect("rows")["序号"],
        Data::Float(expected as f64)
    );
}

#[test]
fn the_indicator_sheet_shows_the_json_figures_and_never_a_zero_for_an_unknown() {
    let reports = sweep_all(&[]);
    let sheets = read_sheets(&reports.path("r.xlsx"));
    let rows = records(&sheets["绩效佐证"]);
    let active: Vec<&Value> = reports.json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter(|p| !p["indicators"].is_null())
        .collect();
    assert_eq!(rows.len(), active.len());
    let columns = [
        ("execution_rate", "预算执行率"),
        ("funds_in_place_rate", "资金到位率"),
        ("delay_days", "完成及时性（天）"),
        ("cost_saving_rate", "成本节约率"),
        ("archive_completeness", "档案完整度"),
    ];
    for (row, p) in rows.iter().zip(&active) {
        assert_eq!(row["项目编号"].to_string(), crate::reports::project_key(p));
        for (name, column) in columns {
            match (&row[column], p["indicators"][name].as_f64()) {
                (Data::Float(x), Some(v)) => assert!((x - v).abs() < 1e-9, "{name}"),
                (Data::Int(x), Some(v)) => assert_eq!(*x as f64, v, "{name}"),
                (Data::Empty, None) => {
                    assert!(
                        p["indicators_unknown"][name].is_string(),
                        "{name}: no reason"
                    )
                }
                (cell, v) => panic!("{name}: {cell:?} vs {v:?}"),
            }
        }
        let clean = row["资金链无错误"].to_string();
        match p["indicators"]["chain_clean"].as_bool() {
            Some(true) => assert_eq!(clean, "是"),
            Some(false) => assert_eq!(clean, "否"),
            None => assert_eq!(clean, ""),
        }
    }
    let first = rows
        .iter()
        .find(|r| r["项目编号"] == "MGT-2023-001")
        .expect("MGT-2023-001");
    assert_eq!(first["资金到位率"], Data::Float(1.0));
    assert_eq!(first["完成及时性（天）"], Data::Float(61.0));
    assert_eq!(first["成本节约率"], Data::Empty);
    assert!(
        first["佐证"]
            .to_string()
            .contains("资金下达台账.xlsx（资金到位率")
    );
    let reason = project(&reports, "MGT-2023-001")["indicators_unknown"]["cost_saving_rate"]
        .as_str()
        .expect("reason");
    assert!(notes(&reports.path("r.xlsx")).contains(&reason.replace('&', "&amp;")));
}

#[test]
fn the_reserve_sheet_lists_planned_projects_by_importance_then_grade() {
    let reports = sweep_all(&[]);
    let sheets = read_sheets(&reports.path("r.xlsx"));
    let rows = records(&sheets["储备库"]);
    let planned = reports.json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter(|p| !p["maturity"].is_null())
        .count();
    assert_eq!(rows.len(), planned);
    let keys: Vec<String> = rows.iter().map(|r| r["项目编号"].to_string()).collect();
    // 重点 before 一般; within 重点 可立即实施 before 谋划储备.
    assert_eq!(
        keys,
        [
            "MGT-2024-007",
            "MGT-2024-001",
            "MGT-2024-006",
            "MGT-2024-005"
        ]
    );
    let ready = &rows[0];
    assert_eq!(ready["成熟度"].to_string(), "可立即实施");
    assert_eq!(ready["重要性"].to_string(), "重点");
    assert_eq!(ready["包联人"].to_string(), "陈静");
    let preparing = &rows[2];
    assert_eq!(preparing["成熟度"].to_string(), "前期推进");
    assert_eq!(preparing["下一等级"].to_string(), "可立即实施");
    assert_eq!(preparing["尚缺文件"].to_string(), "可行性研究报告批复");
    assert_eq!(rows[1]["尚缺文件"].to_string(), "可行性研究报告");
}

#[test]
fn the_recurring_sheet_has_a_titled_section_per_list() {
    let reports = sweep_all(&[]);
    let sheets = read_sheets(&reports.path("r.xlsx"));
    let rows = &sheets["多发问题"];
    let first_cells: Vec<String> = rows
        .iter()
        .map(|r| r.first().map(ToString::to_string).unwrap_or_default())
        .collect();
    let at = |title: &str| {
        first_cells
            .iter()
            .position(|c| c.starts_with(title))
            .unwrap_or_else(|| panic!("no section {title}: {first_cells:?}"))
    };
    let sections = [
        at("文件缺失率"),
        at("问题代码"),
        at("实施单位"),
        at("经验类项目"),
        at("问题类项目"),
    ];
    assert!(sections.windows(2).all(|w| w[0] < w[1]), "{sections:?}");
    // Each section after the first follows a blank row.
    for &s in &sections[1..] {
        assert!(rows[s - 1].iter().all(|c| *c == Data::Empty), "row {s}");
    }
    let recurring = &reports.json["recurring"];
    // The worst document first, with its rate as a number.
    let worst = &recurring["documents"][0];
    let row = &rows[sections[0] + 2];
    assert_eq!(row[1].to_string(), worst["name"].as_str().expect("name"));
    assert_eq!(row[5], Data::Float(worst["rate"].as_f64().expect("rate")));
    // Every code with its counts.
    let codes = recurring["codes"].as_array().expect("codes");
    for (row, code) in rows[sections[1] + 2..].iter().zip(codes) {
        assert_eq!(row[0].to_string(), code["code"].as_str().expect("code"));
        assert_eq!(row[2], Data::Float(code["findings"].as_f64().expect("n")));
    }
    // Every unit; the model and problem projects, or a line saying there are none.
    let units = recurring["units"].as_array().expect("units").len();
    assert_eq!(sections[3] - sections[2] - 3, units);
    let problems = recurring["problem_projects"].as_array().expect("problems");
    assert!(!problems.is_empty());
    for (section, list) in [
        (sections[3], "model_projects"),
        (sections[4], "problem_projects"),
    ] {
        let keys = recurring[list].as_array().expect("list");
        if keys.is_empty() {
            assert_eq!(first_cells[section + 2], "（无）");
        }
        for (row, key) in rows[section + 2..].iter().zip(keys) {
            assert_eq!(row[0].to_string(), key.as_str().expect("key"));
        }
    }
}

/// The HTML of the `<section id="{id}">` of a page.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no section {id}"));
    let end = html[start..].find("</section>").expect("section closes");
    &html[start..start + end]
}

/// The table row of a section that names a project.
fn row_of<'a>(section: &'a str, key: &str) -> &'a str {
    section
        .split("<tr")
        .find(|row| row.contains(&format!("{key} ")))
        .unwrap_or_else(|| panic!("no row of {key}"))
}

#[test]
fn html_shows_indicators_and_the_reserve_with_real_values() {
    let reports = sweep_all(&[]);
    let html = reports.read("r.html");
    let indicators = section(&html, "indicators");
    let first = row_of(indicators, "MGT-2023-001");
    assert!(first.contains("data-key=\"61\""), "{first}");
    assert!(first.contains(">61</span>"), "{first}");
    assert!(
        first.contains("100.0%") && first.contains("48.0%"),
        "{first}"
    );
    // The unknown cost saving is a dash whose tooltip and footnote give the reason.
    let reason = project(&reports, "MGT-2023-001")["indicators_unknown"]["cost_saving_rate"]
        .as_str()
        .expect("reason");
    assert!(first.contains(&format!("title=\"{reason}\">—")), "{first}");
    assert!(indicators.contains(&format!("\">{reason}</li>")));
    // One row per active project.
    let active = reports.json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter(|p| !p["indicators"].is_null())
        .count();
    assert_eq!(indicators.matches("<tr data-i=").count(), active);

    let reserve = section(&html, "reserve");
    let rows: Vec<&str> = reserve.split("<tr data-i=").skip(1).collect();
    assert_eq!(rows.len(), 4);
    assert!(rows[0].contains("MGT-2024-007 "), "{}", rows[0]);
    assert!(rows[0].contains("可立即实施"), "{}", rows[0]);
    let preparing = row_of(reserve, "MGT-2024-006");
    assert!(preparing.contains("前期推进") && preparing.contains("可行性研究报告批复"));
}

#[test]
fn html_cards_show_each_projects_timeline_with_reasons_for_unknown_dates() {
    let reports = sweep_all(&[]);
    let html = reports.read("r.html");
    let projects = section(&html, "projects");
    let card = projects
        .split("<details class=\"project\"")
        .find(|c| c.contains("MGT-2023-001 "))
        .expect("card");
    assert!(card.contains("<details class=\"timeline\""));
    assert!(
        card.contains("2024-03-01 <span class=\"late\">晚 61 天</span>"),
        "{card}"
    );
    assert!(card.contains("竣工验收报告_20240301.pdf"));
    assert!(card.contains("未知：文件在档，但文件名未写日期"));
    let planned = projects
        .split("<details class=\"project\"")
        .find(|c| c.contains("MGT-2024-007 "))
        .expect("card");
    assert!(planned.contains("<span class=\"grade g2\">可立即实施</span>"));
    assert!(planned.contains("未知：project.toml 和项目台账均未填写"));
    assert!(planned.contains("日期未知（档案中没有相应文件）："));
}

#[test]
fn html_charts_recurring_problems_as_inline_svg() {
    let reports = sweep_all(&[]);
    let html = reports.read("r.html");
    let recurring = section(&html, "recurring");
    let charts: Vec<&str> = recurring
        .split("<svg")
        .skip(1)
        .map(|s| &s[..s.find("</svg>").expect("svg closes")])
        .collect();
    assert_eq!(charts.len(), 2, "a chart of documents and one of units");
    assert_eq!(html.matches("<svg").count(), 2);
    // The ten documents most often missing, worst first, with their rates.
    let documents = reports.json["recurring"]["documents"]
        .as_array()
        .expect("documents");
    assert_eq!(charts[0].matches("<g>").count(), 10);
    let worst = &documents[0];
    let figure = format!(
        "{:.1}% ({}/{})",
        worst["rate"].as_f64().expect("rate") * 100.0,
        worst["missing"],
        worst["required"]
    );
    assert!(charts[0].contains(&figure), "{figure}");
    assert!(charts[0].contains(worst["name"].as_str().expect("name")));
    // Every unit with its completeness (a dash when unknown, never 0).
    let units = reports.json["recurring"]["units"]
        .as_array()
        .expect("units");
    assert_eq!(charts[1].matches("<g>").count(), units.len());
    for u in units {
        if let Some(name) = u["unit"].as_str() {
            assert!(charts[1].contains(name), "{name}");
        }
        match u["completeness"].as_f64() {
            Some(c) => assert!(charts[1].contains(&format!("{:.1}%", c * 100.0))),
            None => assert!(charts[1].contains(">—</text>")),
        }
    }
    for code in reports.json["recurring"]["codes"]
        .as_array()
        .expect("codes")
    {
        let id = code["code"].as_str().expect("code");
        assert!(recurring.contains(&format!("<code>{id}</code>")), "{id}");
    }
    let lessons: Vec<&str> = recurring.split("<li>").skip(1).collect();
    let problems = reports.json["recurring"]["problem_projects"]
        .as_array()
        .expect("problems");
    assert!(!problems.is_empty());
    for key in problems {
        let key = format!("{} ", key.as_str().expect("key"));
        assert!(
            lessons
                .iter()
                .any(|l| l.contains(&key) && l.contains("错误")),
            "{key}"
        );
    }
}

/// The 汇总 sheet: a figure nobody recorded is an empty cell with a note saying why, for
/// the aid funds, the completeness and the execution rate as for the chain's amounts.
#[test]
fn the_summary_sheet_notes_why_each_unknown_figure_is_unknown() {
    let reports = sweep_all(&[]);
    let projects = reports.json["projects"].as_array().expect("projects");
    let unknown =
        |field: &dyn Fn(&Value) -> &Value| projects.iter().filter(|p| field(p).is_null()).count();
    assert!(
        unknown(&|p| &p["aid_funds"]) > 0,
        "the demo has projects without aid funds"
    );
    assert!(unknown(&|p| &p["completeness"]) > 0);
    assert!(unknown(&|p| &p["chain"]["execution_rate"]) > 0);
    let notes = sheet_notes(&reports.path("r.xlsx"), "汇总");
    for reason in [
        "援疆资金未记录（project.toml 或项目台账）",
        "项目未检查或无必需文件",
        "援疆资金未记录",
    ] {
        assert!(notes.contains(reason), "no note {reason} in 汇总");
    }
    let sheets = read_sheets(&reports.path("r.xlsx"));
    let rows = records(&sheets["汇总"]);
    let planned = rows
        .iter()
        .find(|r| r.get("项目编号") == Some(&Data::String("MGT-2024-003".into())))
        .expect("MGT-2024-003 in 汇总");
    assert_eq!(planned.get("援疆资金（元）"), Some(&Data::Empty));
}
