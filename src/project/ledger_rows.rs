//! Rows of the project ledger (项目台账) as project facts.

use crate::finding::Finding;
use crate::finding::said::Field;
use crate::ledger::header::LedgerKind;
use crate::ledger::load::LedgerFile;
use crate::ledger::read::CellReader;
use crate::money::amount::Amount;

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
    /// 总投资.
    pub total_investment: Option<Amount>,
    /// 援疆资金.
    pub aid_funds: Option<Amount>,
    /// 结算金额 of the whole project.
    pub settlement: Option<Amount>,
    /// 实施单位.
    pub implementing_unit: Option<String>,
    /// 计划开工/计划竣工, 实际开工/实际竣工.
    pub schedule: crate::project::Schedule,
    /// 重要性 or 优先级, as written.
    pub importance: Option<String>,
    /// 包联人, split into names.
    pub contacts: Vec<String>,
}

/// The project rows of every project-ledger table of `files`; unreadable cells become findings.
pub fn project_rows(files: &[LedgerFile], findings: &mut Vec<Finding>) -> Vec<ProjectRow> {
    let mut rows = Vec::new();
    for file in files {
        for (table, header) in file
            .tables
            .iter()
            .filter(|(_, h)| h.kind == LedgerKind::Projects)
        {
            let mut reader = CellReader::new(&file.rel, table, header, findings);
            let records: Vec<_> = reader.record_rows().collect();
            for row in records {
                let (code, name) = (reader.text(row, "code"), reader.text(row, "name"));
                if code.is_none() && name.is_none() {
                    continue; // a note or a spacer row
                }
                let year = reader.text(row, "year").and_then(|y| {
                    let digits: String = y.chars().filter(char::is_ascii_digit).take(4).collect();
                    digits.parse().ok().filter(|y| (1990..=2100).contains(y))
                });
                rows.push(ProjectRow {
                    provenance: reader.at(row),
                    code,
                    name,
                    category: reader.text(row, "category"),
                    status: reader.text(row, "status"),
                    year,
                    construction: reader.text(row, "construction"),
                    total_investment: reader.money(row, "total_investment", Field::TotalInvestment),
                    aid_funds: reader.money(row, "aid_funds", Field::AidFunds),
                    settlement: reader.money(row, "settlement", Field::SettlementAmount),
                    implementing_unit: reader.text(row, "implementing_unit"),
                    schedule: schedule(&mut reader, row),
                    importance: reader.text(row, "importance"),
                    contacts: reader
                        .text(row, "contacts")
                        .map_or_else(Vec::new, |t| crate::project::split_contacts(&t)),
                });
            }
        }
    }
    rows
}

/// The planned and actual dates of one row; a cell that is no date is a finding.
fn schedule(reader: &mut CellReader<'_>, row: &crate::sheet::Row) -> crate::project::Schedule {
    crate::project::Schedule {
        planned_start: reader.date(row, "planned_start", Field::PlannedStart),
        planned_finish: reader.date(row, "planned_finish", Field::PlannedFinish),
        actual_start: reader.date(row, "actual_start", Field::ActualStart),
        actual_finish: reader.date(row, "actual_finish", Field::ActualFinish),
    }
}
