//! Ledgers (台账): spreadsheets that list projects, allocations, contracts, payments and
//! invoices. This module finds them by name, reads them into tables and recognises their
//! kind by the header row; the readers of each kind turn rows into typed records that keep
//! their provenance `file!sheet!row`.

pub mod header;
pub mod load;
pub mod read;
pub mod records;
pub mod total_row;

use rust_decimal::Decimal;

use crate::money::{self, Unit};
use crate::names::normalize::{normalize, split_extension};
use crate::sheet::Cell;

/// File extensions a ledger may have.
pub const LEDGER_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xls", "ods", "csv", "et"];

/// Whether a file name looks like a ledger: it says 台账 and is a spreadsheet.
pub fn is_ledger_name(name: &str) -> bool {
    let (stem, extension) = split_extension(name);
    LEDGER_EXTENSIONS.contains(&extension.as_str())
        && normalize(stem).contains("台账")
        && !stem.starts_with("~$")
}

/// The text of a cell, trimmed; `None` when blank.
pub fn cell_text(cells: &[Cell], column: Option<usize>) -> Option<String> {
    let text = cells.get(column?)?.text();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The amount in a money cell, in yuan; `Err(raw text)` when the cell cannot be read as money.
pub fn cell_money(
    cells: &[Cell],
    column: Option<usize>,
    unit: Unit,
) -> Result<Option<Decimal>, String> {
    let Some(cell) = column.and_then(|c| cells.get(c)) else {
        return Ok(None);
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => money::from_cell_number(*n, unit)
            .map(Some)
            .ok_or_else(|| cell.text()),
        Cell::Text(t) if t.trim().is_empty() || matches!(t.trim(), "-" | "/" | "—") => Ok(None),
        Cell::Text(t) => money::parse_amount(t, unit)
            .map(Some)
            .map_err(|_| t.clone()),
        Cell::Date(..) => Err(cell.text()),
    }
}

/// A spreadsheet column letter for a 0-based index (`0` → `A`, `27` → `AB`).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledger_names() {
        assert!(is_ledger_name("项目台账.xlsx"));
        assert!(is_ledger_name("2023年资金拨付台账.CSV"));
        assert!(is_ledger_name("項目臺賬.xls"));
        assert!(!is_ledger_name("项目台账.pdf"));
        assert!(!is_ledger_name("~$项目台账.xlsx"));
        assert!(!is_ledger_name("合同.xlsx"));
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn money_cells() {
        let cells = [
            Cell::Number(1250.5),
            Cell::Text("1,200,000.00".into()),
            Cell::Text("约一千万".into()),
            Cell::Empty,
        ];
        assert_eq!(
            cell_money(&cells, Some(0), Unit::TenThousandYuan),
            Ok(Some("12505000".parse().unwrap()))
        );
        assert_eq!(
            cell_money(&cells, Some(1), Unit::Yuan),
            Ok(Some("1200000.00".parse().unwrap()))
        );
        assert_eq!(
            cell_money(&cells, Some(2), Unit::Yuan),
            Err("约一千万".to_string())
        );
        assert_eq!(cell_money(&cells, Some(3), Unit::Yuan), Ok(None));
        assert_eq!(cell_money(&cells, None, Unit::Yuan), Ok(None));
    }
}
