//! The Excel workbook, for supervision teams who filter, annotate and send reports on.
//!
//! Sheets (Chinese names and headers, English with `--lang en`):
//! 汇总 per project (category, status, completeness %, errors, warnings, money along the
//! funding chain); 缺失清单 one row per missing document; 资金链 funding-chain and ledger
//! findings with their ledger cells; 文件问题 every other finding (file health, stray or
//! misfiled files, project facts); 全部问题 every finding; 代码说明 the finding-code
//! registry as a legend; when they have rows, 豁免 (waived findings with their reasons)
//! and 基线 (findings in the `--baseline`) before the legend. The portfolio sheets come
//! between 全部问题 and the legend: 时间线 (planned dates and dated milestones, one row per
//! project and milestone), 绩效佐证 (performance-evaluation indicators with their
//! evidence), 储备库 (the reserve library of planned projects) and 多发问题 (recurring
//! problems, in titled sections). Each sheet has a frozen header row, an autofilter, and
//! column widths fitted to the content (CJK characters count double), and print A4
//! landscape, one page wide; a sheet of sections has neither header row nor filter. Worksheets are written in constant-memory mode, row by row, through a
//! temporary file.

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::Report;
use super::Reported;
use super::view::{Kind, Names};
use crate::lang::Lang;

/// One cell before it is written.
enum Cell {
    Text(String),
    /// Text that wraps in a column of at most [`LONG_WIDTH`] characters.
    Long(String),
    Count(usize),
    /// A whole number that may be negative (days early or late).
    Days(i64),
    Percent(Option<f64>),
    Money(Option<f64>),
    /// A figure nobody could establish: an empty cell with a note saying why (never 0).
    Unknown(String),
    /// A calendar date, as a date cell.
    Date(jiff::civil::Date),
    /// A severity, in its colour.
    Severity(crate::finding::Severity, &'static str),
    /// Evidence paths, one a line, the cell linking to the first one's file.
    Evidence(String, Option<String>),
    /// The bold title of a section of a sheet of sections.
    Title(String),
    /// A column header inside a section, styled as the header row.
    Head(&'static str),
    /// A remark under a section's rows, in grey, spanning the columns to its right.
    Remark(String),
}

/// The widest a column of wrapping text gets, in characters.
const LONG_WIDTH: usize = 50;

/// One worksheet before it is written.
struct Sheet {
    name: &'static str,
    /// The header row; empty for a sheet of sections, whose rows carry their own titles
    /// and headers.
    headers: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
    /// A column that gets a data bar (the summary's completeness).
    data_bar: Option<usize>,
}

mod apart;
mod portfolio;
mod recurring;
mod sheets;

use apart::{about_sheet, baselined_sheet, codes_sheet, waived_sheet};
use portfolio::{indicators_sheet, reserve_sheet, timeline_sheet};
use sheets::{all_sheet, chain_sheet, file_sheet, missing_sheet, summary_sheet};

/// Renders the report as an `.xlsx` workbook.
pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let lang = report.lang;
    let names = Names::new(report);
    let of_kind = |kind: Kind| -> Vec<&Reported> {
        report
            .findings
            .iter()
            .filter(|f| Kind::of(f.code) == kind)
            .collect()
    };
    let mut sheets = vec![
        summary_sheet(report, lang),
        missing_sheet(&of_kind(Kind::Missing), report, &names),
        chain_sheet(&of_kind(Kind::Chain), report, &names),
        file_sheet(&of_kind(Kind::File), report, &names),
        all_sheet(report, &names, lang),
        timeline_sheet(report),
        indicators_sheet(report),
        reserve_sheet(report),
        recurring::recurring_sheet(report),
    ];
    if !report.waived.is_empty() {
        sheets.push(waived_sheet(report, &names, lang));
    }
    if !report.baselined.is_empty() {
        sheets.push(baselined_sheet(report, &names, lang));
    }
    sheets.push(codes_sheet(lang));
    sheets.push(about_sheet(report, lang));
    let mut workbook = Workbook::new();
    for sheet in &sheets {
        write_sheet(&mut workbook, sheet)?;
    }
    workbook.save_to_buffer()
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn long(s: &str) -> Cell {
    Cell::Long(s.to_string())
}

fn pick_all(lang: Lang, pairs: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    pairs.iter().map(|&(zh, en)| lang.pick(zh, en)).collect()
}

/// The cell formats of a sheet, made once.
struct Formats {
    header: Format,
    percent: Format,
    money: Format,
    wrap: Format,
    top: Format,
    date: Format,
    title: Format,
    remark: Format,
}

impl Formats {
    fn new() -> Formats {
        let top = rust_xlsxwriter::FormatAlign::Top;
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDD_EB_F7))
                .set_border_bottom(FormatBorder::Thin),
            percent: Format::new().set_num_format("0.0%").set_align(top),
            money: Format::new().set_num_format("#,##0.00").set_align(top),
            wrap: Format::new().set_text_wrap().set_align(top),
            top: Format::new().set_align(top),
            date: Format::new().set_num_format("yyyy-mm-dd").set_align(top),
            title: Format::new().set_bold().set_font_size(12),
            remark: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x66_66_66)),
        }
    }
}

/// Writes one sheet: widths first (constant-memory mode writes rows in order), then the
/// header, the rows, the frozen header and the autofilter (a sheet of sections has no
/// header row, so neither).
fn write_sheet(workbook: &mut Workbook, sheet: &Sheet) -> Result<(), XlsxError> {
    let formats = Formats::new();
    let worksheet = workbook.add_worksheet_with_constant_memory()?;
    worksheet.set_name(sheet.name)?;
    let widths = column_widths(sheet);
    for (col, width) in widths.iter().enumerate() {
        worksheet.set_column_width(col_num(col), *width)?;
    }
    for (col, name) in sheet.headers.iter().enumerate() {
        worksheet.write_string_with_format(0, col_num(col), *name, &formats.header)?;
    }
    let first = u32::from(!sheet.headers.is_empty());
    for (index, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(index)
            .unwrap_or(u32::MAX)
            .saturating_add(first);
        // Wrapped text needs its height written: LibreOffice shows one line otherwise.
        let lines = row_lines(row, &widths);
        if lines > 1 {
            worksheet.set_row_height(r, 15.0 * lines as f64)?;
        }
        for (col, cell) in row.iter().enumerate() {
            write_cell(worksheet, r, col_num(col), cell, &formats)?;
        }
    }
    let last_col = col_num(sheet.headers.len().saturating_sub(1));
    let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    if let (Some(col), true) = (sheet.data_bar, last_row > 0) {
        let bar = rust_xlsxwriter::ConditionalFormatDataBar::new();
        worksheet.add_conditional_format(1, col_num(col), last_row, col_num(col), &bar)?;
    }
    // Printed: landscape, one page wide, the header on every page.
    worksheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_print_gridlines(true);
    if first == 1 {
        worksheet.set_freeze_panes(1, 0)?;
        worksheet.autofilter(0, 0, last_row, last_col)?;
        worksheet.set_repeat_rows(0, 0)?;
    }
    Ok(())
}

/// Writes one cell in its format: numbers and dates as values, an unknown figure as an
/// empty cell with a note, evidence as a link to its first file.
fn write_cell(
    worksheet: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) | Cell::Long(s) if s.is_empty() => {}
        Cell::Long(s) => {
            worksheet.write_string_with_format(r, c, fit(s, CELL_UNITS), &formats.wrap)?;
        }
        Cell::Text(s) => {
            worksheet.write_string_with_format(r, c, fit(s, CELL_UNITS), &formats.top)?;
        }
        Cell::Severity(severity, label) => {
            let colour = match severity {
                crate::finding::Severity::Error => 0xC6_28_28,
                crate::finding::Severity::Warning => 0xB2_6A_00,
                crate::finding::Severity::Info => 0x60_7D_8B,
            };
            let format = formats
                .top
                .clone()
                .set_font_color(Color::RGB(colour))
                .set_bold();
            worksheet.write_string_with_format(r, c, *label, &format)?;
        }
        Cell::Evidence(paths, link) => match link.as_ref().filter(|u| u.len() < URL_BYTES) {
            Some(url) => {
                let url = rust_xlsxwriter::Url::new(url.as_str()).set_text(fit(paths, CELL_UNITS));
                worksheet.write_url_with_format(r, c, url, &formats.wrap)?;
            }
            // No link past Excel's limit: the paths are still there, as text.
            None => {
                worksheet.write_string_with_format(r, c, fit(paths, CELL_UNITS), &formats.wrap)?;
            }
        },
        Cell::Date(d) => {
            let day = rust_xlsxwriter::ExcelDateTime::from_ymd(
                u16::try_from(d.year()).unwrap_or(1900),
                d.month() as u8,
                d.day() as u8,
            )?;
            worksheet.write_datetime_with_format(r, c, &day, &formats.date)?;
        }
        Cell::Unknown(why) => {
            let note = rust_xlsxwriter::Note::new(fit(why, NOTE_UNITS)).set_author("guicang");
            worksheet.insert_note(r, c, &note)?;
        }
        Cell::Count(n) => {
            worksheet.write_number_with_format(r, c, *n as f64, &formats.top)?;
        }
        Cell::Days(n) => {
            worksheet.write_number_with_format(r, c, *n as f64, &formats.top)?;
        }
        Cell::Title(s) => {
            worksheet.write_string_with_format(r, c, fit(s, CELL_UNITS), &formats.title)?;
        }
        Cell::Head(s) => {
            worksheet.write_string_with_format(r, c, *s, &formats.header)?;
        }
        Cell::Remark(s) => {
            worksheet.write_string_with_format(r, c, fit(s, CELL_UNITS), &formats.remark)?;
        }
        Cell::Percent(Some(v)) => {
            worksheet.write_number_with_format(r, c, *v, &formats.percent)?;
        }
        Cell::Money(Some(v)) => {
            worksheet.write_number_with_format(r, c, *v, &formats.money)?;
        }
        Cell::Percent(None) | Cell::Money(None) => {}
    }
    Ok(())
}

/// The most UTF-16 units Excel keeps in a cell.
const CELL_UNITS: usize = 32_767;
/// The most in a note: a cell's, less the author line the library adds.
const NOTE_UNITS: usize = 32_767 - 64;
/// Links at or past this length are refused by Excel (2,080 characters with the text).
const URL_BYTES: usize = 2_079;

/// `text` cut to `max` UTF-16 units on a character boundary, ending in `…` when cut: a
/// cell from the archive (a ledger cell quoted in a message, thousands of joined paths)
/// may exceed what Excel keeps, and one such cell must not stop the workbook.
fn fit(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    // Never more UTF-16 units than bytes: most texts need no count.
    if text.len() <= max || text.encode_utf16().count() <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut units = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > max - 1
        })
        .map_or(text.len(), |(at, _)| at);
    std::borrow::Cow::Owned(format!("{}…", &text[..end]))
}

/// How many lines the tallest wrapped cell of `row` takes in its column.
fn row_lines(row: &[Cell], widths: &[f64]) -> usize {
    row.iter()
        .zip(widths)
        .filter_map(|(cell, width)| match cell {
            Cell::Long(s) | Cell::Evidence(s, _) => Some(
                s.lines()
                    .map(|line| (line.width() as f64 / width.max(1.0)).ceil().max(1.0) as usize)
                    .sum::<usize>(),
            ),
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .min(40)
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// Widths in characters: the widest header or cell plus room for the filter button,
/// between 8 and 60, and at most [`LONG_WIDTH`] for wrapping text.
fn column_widths(sheet: &Sheet) -> Vec<f64> {
    let columns = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns.max(sheet.headers.len())];
    for (w, h) in widths.iter_mut().zip(&sheet.headers) {
        *w = h.width() + 3;
    }
    for row in &sheet.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            let shown = match cell {
                Cell::Text(s) => s.width(),
                Cell::Long(s) => s.lines().map(str::width).max().unwrap_or(0).min(LONG_WIDTH),
                Cell::Count(n) => n.to_string().len(),
                Cell::Days(n) => n.to_string().len(),
                // A title or remark spans the columns to its right: it sets no width.
                Cell::Title(_) | Cell::Remark(_) => 0,
                Cell::Head(s) => s.width() + 1,
                Cell::Percent(_) => 6,
                Cell::Money(v) => v.map_or(0, |v| format!("{v:.2}").len() * 4 / 3),
                Cell::Unknown(_) => 0,
                Cell::Date(_) => 11,
                Cell::Severity(_, label) => label.width(),
                Cell::Evidence(s, _) => {
                    s.lines().map(str::width).max().unwrap_or(0).min(LONG_WIDTH)
                }
            };
            *w = (*w).max(shown + 1);
        }
    }
    widths.into_iter().map(|w| w.clamp(8, 60) as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_is_cut_on_a_character_boundary() {
        assert_eq!(fit("短文本", 10), "短文本");
        let long = "教".repeat(40_000);
        let cut = fit(&long, CELL_UNITS);
        assert_eq!(cut.encode_utf16().count(), CELL_UNITS);
        assert!(cut.ends_with("教…"));
        // A character outside the BMP is two units and is never split.
        let wide = "𠀀".repeat(20_000);
        let cut = fit(&wide, CELL_UNITS);
        assert!(cut.encode_utf16().count() <= CELL_UNITS);
        assert!(cut.ends_with("𠀀…"));
    }

    #[test]
    fn a_workbook_with_a_huge_cell_is_still_written() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let worksheet = workbook.add_worksheet();
        let formats = Formats::new();
        let huge = Cell::Long("坏".repeat(50_000));
        write_cell(worksheet, 0, 0, &huge, &formats).expect("written, cut");
        let note = Cell::Unknown("原因".repeat(20_000));
        write_cell(worksheet, 1, 0, &note, &formats).expect("a note too");
        let link = Cell::Evidence(
            "a.pdf".into(),
            Some(format!("file:///{}", "a".repeat(3000))),
        );
        write_cell(worksheet, 2, 0, &link, &formats).expect("no link past Excel's limit");
        assert!(workbook.save_to_buffer().is_ok());
    }
}
