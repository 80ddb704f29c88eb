//! Rows of a recognised ledger table as typed records; cells that cannot be read become
//! `ledger-bad-cell` findings naming the cell and its raw text, and the row is kept with
//! that value unknown. A value is bad when it cannot be parsed, and also when it parses but
//! cannot be right: a negative amount, an empty amount on a row that is nothing but its
//! amount, a date outside [`PLAUSIBLE_DATES`]. Two columns headed with one field are
//! `ledger-duplicate-column`.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::header::{Header, LedgerKind};
use super::records::{Allocation, Contract, Coverage, Invoice, Payment, ProjectRef, Records};
use super::total_row::is_total_row;
use super::{cell_text, column_letter};
use crate::attributes::{ContractKind, ProcurementMethod};
use crate::finding::said::LedgerSaid;
use crate::finding::said::{CellProblem, Field};
use crate::finding::{Code, Finding};
use crate::money::amount::Amount;
use crate::money::{self, Unit};
use crate::names::fields::{VoucherNo, normalize_contract_no};
use crate::sheet::{Cell, Row, Table};

/// Reads the cells of one table, reporting the ones that cannot be understood.
pub struct CellReader<'a> {
    rel: &'a str,
    table: &'a Table,
    header: &'a Header,
    findings: &'a mut Vec<Finding>,
}

impl<'a> CellReader<'a> {
    /// A reader of `table`, a ledger of file `rel` with `header`.
    pub fn new(
        rel: &'a str,
        table: &'a Table,
        header: &'a Header,
        findings: &'a mut Vec<Finding>,
    ) -> CellReader<'a> {
        CellReader {
            rel,
            table,
            header,
            findings,
        }
    }

    /// The rows below the header that are records: not blank, not totals, not notes. A
    /// note fills one column; a record fills two, or at least its amount (a payment whose
    /// date and voucher were never written is still money paid).
    pub fn record_rows(&self) -> impl Iterator<Item = &'a Row> + 'a {
        let header = self.header;
        let amount = header.columns.get("amount").copied();
        self.table.rows[header.data_start.min(self.table.rows.len())..]
            .iter()
            .filter(move |row| {
                let filled = |c: usize| row.cells.get(c).is_some_and(|v| !v.is_blank());
                !is_total_row(&row.cells)
                    && (header.columns.values().filter(|&&c| filled(c)).count() >= 2
                        || amount.is_some_and(filled))
            })
    }

    /// `file!sheet!row` of a row.
    pub fn at(&self, row: &Row) -> String {
        format!("{}!{}!{}", self.rel, self.table.sheet, row.number)
    }

    /// `file!sheet!A12` of a cell.
    pub fn cell_at(&self, row: &Row, column: usize) -> String {
        format!(
            "{}!{}!{}{}",
            self.rel,
            self.table.sheet,
            column_letter(column),
            row.number
        )
    }

    /// The text of column `key`.
    pub fn text(&self, row: &Row, key: &str) -> Option<String> {
        cell_text(&row.cells, self.header.columns.get(key).copied())
    }

    /// The amount of column `key`, in yuan with its precision; a blank cell is unknown.
    pub fn money(&mut self, row: &Row, key: &str, field: Field) -> Option<Amount> {
        self.amount(row, key, field, false)
    }

    /// The amount of column `key` on a row that records nothing but that amount (a payment,
    /// an allocation, an invoice): a blank cell is a finding too.
    pub fn required_money(&mut self, row: &Row, key: &str, field: Field) -> Option<Amount> {
        self.amount(row, key, field, true)
    }

    fn amount(&mut self, row: &Row, key: &str, field: Field, required: bool) -> Option<Amount> {
        let column = *self.header.columns.get(key)?;
        let unit = self.header.unit_of(column);
        let cell = row.cells.get(column).unwrap_or(&Cell::Empty);
        let parsed = match cell {
            Cell::Empty => None,
            Cell::Text(t) if matches!(t.trim(), "" | "-" | "/" | "—" | "无") => None,
            Cell::Number(n) => Some(
                money::from_cell_number(*n, unit)
                    .map(|y| Amount::written(y, &format!("{n}"), unit)),
            ),
            Cell::Text(t) => Some(
                money::parse_amount_in(t, unit)
                    .ok()
                    .map(|(y, written_in)| Amount::written(y, t, written_in)),
            ),
            Cell::Date(..) => Some(None),
        };
        let problem = match parsed {
            None if required => CellProblem::EmptyAmount,
            None => return None,
            Some(None) => CellProblem::NotAnAmount,
            Some(Some(a)) if a.yuan.is_sign_negative() && !a.yuan.is_zero() => {
                CellProblem::NegativeAmount
            }
            Some(Some(a)) => return Some(a),
        };
        self.bad(row, column, field, problem);
        None
    }

    /// The date of column `key`: a date cell, an Excel serial number, or text in any usual
    /// form, within [`PLAUSIBLE_DATES`].
    pub fn date(&mut self, row: &Row, key: &str, field: Field) -> Option<Date> {
        let column = *self.header.columns.get(key)?;
        let cell = row.cells.get(column)?;
        let parsed = match cell {
            Cell::Empty => return None,
            Cell::Date(y, m, d) => Date::new(*y as i16, *m as i8, *d as i8).ok(),
            Cell::Number(n) => number_date(*n),
            Cell::Text(t) if t.trim().is_empty() => return None,
            Cell::Text(t) => crate::dates::parse_date(t),
        };
        match parsed {
            Some(date) if PLAUSIBLE_DATES.contains(&date) => Some(date),
            Some(_) => {
                self.bad(row, column, field, CellProblem::ImplausibleDate);
                None
            }
            None => {
                self.bad(row, column, field, CellProblem::NotADate);
                None
            }
        }
    }

    /// A share written as `85%`, `0.85` or `85`, as a fraction.
    pub fn ratio(&mut self, row: &Row, key: &str) -> Option<Decimal> {
        let column = *self.header.columns.get(key)?;
        let parsed = match row.cells.get(column)? {
            Cell::Empty => return None,
            Cell::Number(n) => money::from_cell_number(*n, Unit::Yuan).map(as_fraction),
            Cell::Text(t) => {
                let t = t.trim();
                match t.strip_suffix(['%', '％']) {
                    Some(p) => p
                        .trim()
                        .parse::<Decimal>()
                        .ok()
                        .map(|v| v / Decimal::from(100)),
                    None => t.parse::<Decimal>().ok().map(as_fraction),
                }
            }
            Cell::Date(..) => None,
        };
        if parsed.is_none() {
            self.bad(row, column, Field::PaymentRatio, CellProblem::NotAShare);
        }
        parsed
    }

    /// `file!sheet!D3` of a header cell, by its row index into the table and its column,
    /// with the header text as written.
    fn header_cell(&self, (row_index, column): (usize, usize)) -> (String, String) {
        let row = self.table.rows.get(row_index);
        let number = row.map_or(row_index + 1, |r| r.number as usize);
        let text = row
            .and_then(|r| r.cells.get(column))
            .map(Cell::text)
            .unwrap_or_default();
        let at = format!(
            "{}!{}!{}{number}",
            self.rel,
            self.table.sheet,
            column_letter(column)
        );
        (at, text)
    }

    /// Reports every field headed on two columns: the first is read, the second ignored.
    pub fn duplicate_columns(&mut self) {
        for duplicate in &self.header.duplicates {
            let (kept, kept_text) = self.header_cell(duplicate.kept);
            let (ignored, ignored_text) = self.header_cell(duplicate.ignored);
            let (k, i) = (
                column_letter(duplicate.kept.1),
                column_letter(duplicate.ignored.1),
            );
            let said = LedgerSaid::DuplicateColumn {
                kept: (k, kept_text),
                ignored: (i, ignored_text),
            };
            self.findings.push(
                Finding::new(Code::LedgerDuplicateColumn, said)
                    .path(kept)
                    .path(ignored),
            );
        }
    }

    fn bad(&mut self, row: &Row, column: usize, field: Field, problem: CellProblem) {
        let raw = row
            .cells
            .get(column)
            .map(Cell::text)
            .unwrap_or_default()
            .to_string();
        let cell = self.cell_at(row, column);
        let said = LedgerSaid::BadCell {
            field,
            problem,
            raw,
        };
        self.findings
            .push(Finding::new(Code::LedgerBadCell, said).path(cell));
    }
}

/// The dates a ledger of aid projects can hold; anything else is a typing error or a
/// number read as a date (Excel serial 0 is 1900-01-00, 1e15 is clamped to 9999-12-31).
pub const PLAUSIBLE_DATES: std::ops::RangeInclusive<Date> =
    jiff::civil::date(1990, 1, 1)..=jiff::civil::date(2100, 12, 31);

/// `85` means 85%; `0.85` means 85% too.
fn as_fraction(value: Decimal) -> Decimal {
    if value > Decimal::new(15, 1) {
        value / Decimal::from(100)
    } else {
        value
    }
}

/// An Excel 1900-system serial day number as a date (a number cell in a date column).
/// A date typed as a number: `20230615` (a whole number of eight digits from 1900 to 2099,
/// as clerks type dates without separators and Excel keeps them), else an Excel serial.
fn number_date(n: f64) -> Option<Date> {
    if n.fract() == 0.0 && (19_000_101.0..=20_991_231.0).contains(&n) {
        let whole = n as i64;
        let (year, month, day) = (whole / 10_000, whole / 100 % 100, whole % 100);
        return Date::new(year as i16, month as i8, day as i8).ok();
    }
    excel_serial_date(n)
}

fn excel_serial_date(serial: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = Date::new(1899, 12, 30).ok()?;
    epoch
        .checked_add(jiff::Span::new().days(serial.floor() as i64))
        .ok()
}

/// Reads the records of one recognised table. `owner` is the project whose folder holds
/// the ledger, for rows without a project column.
pub fn read_records(
    reader: &mut CellReader<'_>,
    owner: Option<usize>,
    table_index: usize,
) -> Records {
    let mut records = Records::default();
    let kind = reader.header.kind;
    records.coverage.push(Coverage {
        kind,
        file: reader.rel.into(),
        owner,
    });
    reader.duplicate_columns();
    let rows: Vec<&Row> = reader.record_rows().collect();
    for (sequence, row) in rows.into_iter().enumerate() {
        let project = match (reader.text(row, "project"), owner) {
            (Some(name), Some(folder)) => Some(ProjectRef::NamedInFolder(name, folder)),
            (Some(name), None) => Some(ProjectRef::Named(name)),
            (None, folder) => folder.map(ProjectRef::Folder),
        };
        let at = reader.at(row);
        let contract_no = reader
            .text(row, "contract_no")
            .map(|c| normalize_contract_no(&c));
        match kind {
            LedgerKind::Projects => {}
            LedgerKind::Allocations => records.allocations.push(Allocation {
                project,
                document_no: reader.text(row, "document_no"),
                date: reader.date(row, "date", Field::AllocationDate),
                amount: reader.required_money(row, "amount", Field::AllocatedAmount),
                at,
            }),
            LedgerKind::Contracts => {
                records
                    .contracts
                    .push(contract(reader, row, project, contract_no, at))
            }
            LedgerKind::Payments => records.payments.push(payment(
                reader,
                row,
                RowPlace {
                    project,
                    contract_no,
                    at,
                    sequence: (table_index, sequence),
                },
            )),
            LedgerKind::Invoices => records.invoices.push(Invoice {
                project,
                contract_no,
                invoice_no: reader.text(row, "invoice_no"),
                date: reader.date(row, "date", Field::InvoiceDate),
                amount: reader.required_money(row, "amount", Field::InvoiceAmount),
                at,
            }),
        }
    }
    records
}

/// Where a payment row is and what it belongs to, read before its own columns.
struct RowPlace {
    project: Option<ProjectRef>,
    contract_no: Option<String>,
    at: String,
    sequence: (usize, usize),
}

/// One row of a contract ledger (合同台账).
fn contract(
    reader: &mut CellReader<'_>,
    row: &Row,
    project: Option<ProjectRef>,
    contract_no: Option<String>,
    at: String,
) -> Contract {
    let title = reader.text(row, "title");
    // The kind column, else the kind the title names.
    let kind = reader
        .text(row, "kind")
        .and_then(|k| ContractKind::parse(&k))
        .or_else(|| title.as_deref().and_then(ContractKind::from_title));
    Contract {
        project,
        contract_no,
        title,
        kind,
        date: reader.date(row, "date", Field::SigningDate),
        amount: reader.money(row, "amount", Field::ContractAmount),
        procurement: reader
            .text(row, "procurement")
            .and_then(|m| ProcurementMethod::parse(&m)),
        settlement: reader.money(row, "settlement", Field::SettlementAmount),
        at,
    }
}

/// One row of a payment ledger (拨付台账), with the cells of its cumulative and ratio
/// columns kept for the checks that recompute them.
fn payment(reader: &mut CellReader<'_>, row: &Row, place: RowPlace) -> Payment {
    let voucher_text = reader.text(row, "voucher_no");
    let column = |key: &str| {
        reader
            .header
            .columns
            .get(key)
            .map(|&c| reader.cell_at(row, c))
    };
    let (cumulative_cell, ratio_cell) = (column("cumulative"), column("ratio"));
    let voucher_cell = voucher_text.as_ref().and(column("voucher_no"));
    Payment {
        project: place.project,
        contract_no: place.contract_no,
        date: reader.date(row, "date", Field::PaymentDate),
        amount: reader.required_money(row, "amount", Field::PaymentAmount),
        voucher: voucher_text.as_deref().and_then(VoucherNo::parse),
        voucher_text,
        voucher_cell,
        kind: reader.text(row, "kind"),
        invoice_no: reader.text(row, "invoice_no"),
        cumulative: reader.money(row, "cumulative", Field::CumulativePayments),
        ratio: reader.ratio(row, "ratio"),
        cumulative_cell,
        ratio_cell,
        at: place.at,
        sequence: place.sequence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_typed_as_a_number_is_eight_digits_or_an_excel_serial() {
        let june15 = Date::new(2023, 6, 15).ok();
        assert_eq!(number_date(20_230_615.0), june15);
        assert_eq!(number_date(45_092.0), june15);
        assert_eq!(number_date(45_092.75), june15, "a time of day is dropped");
        assert_eq!(number_date(20_231_315.0), None, "no 13th month");
        assert_eq!(number_date(0.0), None);
        assert_eq!(number_date(1e15), None);
    }
}
