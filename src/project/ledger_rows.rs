//! Rows of the project ledger (项目台账) as project facts.

use rust_decimal::Decimal;

use crate::finding::{Code, Finding};
use crate::lang::Lang;
use crate::ledger::header::{Header, is_total_row};
use crate::ledger::sheet::Table;
use crate::ledger::{cell_money, cell_text, column_letter};

/// One project as the project ledger lists it; values as written, money in yuan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectRow {
    /// `file!sheet!row`.
    pub provenance: String,
    /// 项目编号.
    pub code: Option<String>,
    /// 项目名称.
    pub name: Option<String>,
    /// 项目类别, as written.
    pub category: Option<String>,
    /// 项目状态, as written.
    pub status: Option<String>,
    /// 年度.
    pub year: Option<i64>,
    /// 建设性质, as written.
    pub construction: Option<String>,
    /// 总投资, yuan.
    pub total_investment: Option<Decimal>,
    /// 援疆资金, yuan.
    pub aid_funds: Option<Decimal>,
    /// 实施单位.
    pub implementing_unit: Option<String>,
}

/// Reads the records below a project-ledger header; unreadable money cells become findings.
pub fn project_rows(
    rel_path: &str,
    table: &Table,
    header: &Header,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Vec<ProjectRow> {
    let col = |key: &str| header.columns.get(key).copied();
    let mut rows = Vec::new();
    for row in &table.rows[header.row_index + 1..] {
        let cells = &row.cells;
        if is_total_row(cells) {
            continue;
        }
        let code = cell_text(cells, col("code"));
        let name = cell_text(cells, col("name"));
        if code.is_none() && name.is_none() {
            continue; // a note, a blank or a spacer row
        }
        let provenance = format!("{rel_path}!{}!{}", table.sheet, row.number);
        let mut money = |key: &str, label: [&str; 2]| {
            let column = col(key)?;
            match cell_money(cells, Some(column), header.unit_of(column)) {
                Ok(value) => value,
                Err(raw) => {
                    let cell = format!(
                        "{rel_path}!{}!{}{}",
                        table.sheet,
                        column_letter(column),
                        row.number
                    );
                    findings.push(
                        Finding::new(
                            Code::LedgerBadCell,
                            match lang {
                                Lang::Zh => format!("{}不是有效金额：\"{raw}\"", label[0]),
                                Lang::En => format!("{} is not an amount: \"{raw}\"", label[1]),
                            },
                        )
                        .path(cell),
                    );
                    None
                }
            }
        };
        let total_investment = money("total_investment", ["总投资", "total investment"]);
        let aid_funds = money("aid_funds", ["援疆资金", "aid funds"]);
        let year = cell_text(cells, col("year")).and_then(|y| {
            let digits: String = y.chars().filter(char::is_ascii_digit).take(4).collect();
            digits.parse().ok().filter(|y| (1990..=2100).contains(y))
        });
        rows.push(ProjectRow {
            provenance,
            code,
            name,
            category: cell_text(cells, col("category")),
            status: cell_text(cells, col("status")),
            year,
            construction: cell_text(cells, col("construction")),
            total_investment,
            aid_funds,
            implementing_unit: cell_text(cells, col("implementing_unit")),
        });
    }
    rows
}
