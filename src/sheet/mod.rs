//! Reading a spreadsheet into plain tables of cells, whatever its format.
//!
//! The format is taken from the bytes, never from the extension (an xlsx saved as `.xls`
//! is common). Ledgers are untrusted input: xlsx sheets are read cell by cell with the
//! sheet bounds of Excel enforced, files above a size cap are refused, and a parser
//! panic becomes an error for that file instead of ending the sweep.

pub mod csv;

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Reader};

use crate::guard::isolate;
use crate::guard::limits::{
    CONTAINER_PART_BYTES, CONTAINER_TOTAL_BYTES, LEDGER_BYTES, SHEET_CELLS, SHEET_TEXT_BYTES,
    SHEET_TIMEOUT,
};
use crate::guard::open::{Links, OpenError, read_capped};

/// Excel's own sheet bounds: a cell beyond them is a hostile or broken file.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// One cell's value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text as written.
    Text(String),
    /// A number (money columns are converted to decimals by their reader).
    Number(f64),
    /// A date cell: year, month, day (Excel's 1900 and 1904 systems both resolved).
    Date(u16, u8, u8),
}

impl Cell {
    /// The cell as text: numbers in their shortest form, empty as "".
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        }
    }

    /// Whether the cell holds nothing visible.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row, with its 1-based number as a spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// 1-based row number.
    pub number: u32,
    /// Cells from column A on.
    pub cells: Vec<Cell>,
}

/// One sheet: its name and its non-empty rows in order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// Sheet name (the file name for csv).
    pub sheet: String,
    /// Rows that have at least one cell, in order.
    pub rows: Vec<Row>,
}

pub use crate::finding::file::SheetError;
use crate::finding::file::{Format, ReadError, Stop};

/// The container a file's bytes show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Zip,
    Ole,
    Text,
}

/// The job name under which a worker process reads a spreadsheet.
pub const SHEET_JOB: &str = "sheet";

/// Reads every sheet of the spreadsheet at `path`: in a worker process when isolation is
/// on (a hostile file then costs that worker, never the sweep), else here.
pub fn read_tables(path: &Path) -> Result<Vec<Table>, SheetError> {
    // Only zip and OLE containers go to calamine; text is read by this crate's own
    // bounded CSV reader, with nothing to isolate. Decided by the bytes, not the name.
    if !isolate::enabled() || !is_container(path) {
        return read_tables_here(path);
    }
    match isolate::run(&isolate::job(SHEET_JOB, path), SHEET_TIMEOUT) {
        Ok(answer) => serde_json::from_str(&answer).unwrap_or_else(|e| {
            Err(SheetError::Stopped(Stop::GarbledAnswer {
                detail: e.to_string(),
            }))
        }),
        Err(failure) => Err(SheetError::Stopped(failure.into())),
    }
}

/// Whether the file at `path` starts like a zip or OLE container (what calamine parses).
fn is_container(path: &Path) -> bool {
    use std::io::Read;
    let Ok((file, _)) = crate::guard::open::open_regular(path, Links::Refuse) else {
        // Let the reader say why it cannot be read.
        return false;
    };
    let mut magic = [0u8; 4];
    file.take(4).read_exact(&mut magic).is_ok() && binary_container(&magic).is_some()
}

/// The container a spreadsheet's first bytes show: a zip (xlsx, ods) or an OLE file (xls).
fn binary_container(bytes: &[u8]) -> Option<Container> {
    match bytes.get(..4)? {
        [0x50, 0x4B, 0x03, 0x04] => Some(Container::Zip),
        [0xD0, 0xCF, 0x11, 0xE0] => Some(Container::Ole),
        _ => None,
    }
}

/// Reads every sheet of the spreadsheet at `path` in this process.
pub fn read_tables_here(path: &Path) -> Result<Vec<Table>, SheetError> {
    let bytes = match read_capped(path, Links::Refuse, LEDGER_BYTES) {
        Ok(bytes) => bytes,
        Err(OpenError::Refused(ReadError::TooLarge { size, cap })) => {
            return Err(SheetError::TooLarge { size, limit: cap });
        }
        Err(e) => return Err(SheetError::Io(e.read_error())),
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let container = match binary_container(&bytes) {
        Some(container) => container,
        None if matches!(extension.as_str(), "csv" | "txt" | "tsv") => Container::Text,
        None if bytes.is_empty() => return Err(SheetError::Empty),
        None => {
            let found = match bytes.starts_with(b"%PDF") {
                true => Format::Pdf,
                false => Format::Unknown,
            };
            return Err(SheetError::NotASpreadsheet { found });
        }
    };
    std::panic::catch_unwind(|| match container {
        Container::Text => Ok(vec![csv::read_csv(&bytes, &file_name)]),
        Container::Zip => read_zip(bytes),
        Container::Ole => read_ole(bytes),
    })
    .unwrap_or(Err(SheetError::Stopped(Stop::PANICKED)))
}

/// Checks the sizes a zip container declares for its parts, before anything is inflated.
pub fn check_zip_parts(bytes: &[u8]) -> Result<(), SheetError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| SheetError::Corrupt(e.to_string()))?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        let part = archive
            .by_index_raw(index)
            .map_err(|e| SheetError::DamagedPart {
                index,
                detail: e.to_string(),
            })?;
        let size = part.size();
        total = total.saturating_add(size);
        if size > CONTAINER_PART_BYTES || total > CONTAINER_TOTAL_BYTES {
            return Err(SheetError::Bomb {
                part: part.name().map(|n| n.into_owned()).unwrap_or_default(),
                size,
            });
        }
    }
    Ok(())
}

fn read_zip(bytes: Vec<u8>) -> Result<Vec<Table>, SheetError> {
    check_zip_parts(&bytes)?;
    let is_ods = bytes
        .windows(39)
        .take(200)
        .any(|w| w == b"mimetypeapplication/vnd.oasis.opendocum");
    if is_ods {
        let mut book =
            calamine::Ods::new(Cursor::new(bytes)).map_err(|e| classify_error(e.to_string()))?;
        return read_ranges(&mut book);
    }
    let is_xlsb = bytes.windows(15).any(|w| w == b"xl/workbook.bin");
    // xlsx and xlsb have cell readers of different types but the same shape: one loop each.
    macro_rules! stream_sheets {
        ($book:expr) => {{
            let mut book = $book.map_err(|e| classify_error(e.to_string()))?;
            let mut sink = CellSink::default();
            let mut tables = Vec::new();
            for name in worksheet_names(&book) {
                let mut reader = book
                    .worksheet_cells_reader(&name)
                    .map_err(|e| classify_error(e.to_string()))?;
                while let Some(cell) = reader
                    .next_cell()
                    .map_err(|e| classify_error(e.to_string()))?
                {
                    sink.add(&name, cell)?;
                }
                tables.push(sink.table(name));
            }
            tables
        }};
    }
    let tables = if is_xlsb {
        stream_sheets!(calamine::Xlsb::new(Cursor::new(bytes)))
    } else {
        stream_sheets!(calamine::Xlsx::new(Cursor::new(bytes)))
    };
    Ok(tables)
}

/// Names of the sheets that hold cells (chart and dialog sheets have none).
fn worksheet_names<R: std::io::Read + std::io::Seek, W: Reader<R>>(book: &W) -> Vec<String> {
    book.sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// Collects streamed cells of one sheet at a time, enforcing Excel's bounds and the cell cap.
#[derive(Default)]
struct CellSink {
    rows: Vec<Row>,
    /// Row number → index in `rows`, for rows that arrive out of order.
    index: HashMap<u32, usize>,
    cells_read: usize,
    /// Cells held, empty ones in front of the last cell of each row included.
    cells_held: usize,
    /// Bytes of text held.
    text_bytes: usize,
}

impl CellSink {
    fn add(&mut self, sheet: &str, cell: calamine::Cell<DataRef<'_>>) -> Result<(), SheetError> {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(SheetError::BeyondExcel {
                sheet: sheet.to_string(),
                row: u64::from(row) + 1,
                column: u64::from(column) + 1,
            });
        }
        self.cells_read += 1;
        if self.cells_read > SHEET_CELLS {
            return Err(SheetError::TooManyCells {
                sheet: None,
                limit: SHEET_CELLS,
            });
        }
        let value = cell_from_ref(cell.get_value());
        if value.is_blank() {
            return Ok(());
        }
        if let Cell::Text(text) = &value {
            // One long shared string placed in every cell is copied into each.
            self.text_bytes += text.len();
            if self.text_bytes > SHEET_TEXT_BYTES {
                return Err(SheetError::TooMuchText {
                    sheet: sheet.to_string(),
                    limit: SHEET_TEXT_BYTES,
                });
            }
        }
        let number = row + 1;
        let at = match self.rows.last() {
            Some(last) if last.number == number => self.rows.len() - 1,
            _ => *self.index.entry(number).or_insert_with(|| {
                self.rows.push(Row {
                    number,
                    cells: Vec::new(),
                });
                self.rows.len() - 1
            }),
        };
        let cells = &mut self.rows[at].cells;
        let column = column as usize;
        if cells.len() <= column {
            // A row padded to its last column holds every cell in front of it.
            self.cells_held += column + 1 - cells.len();
            if self.cells_held > SHEET_CELLS {
                return Err(SheetError::TooManyCells {
                    sheet: Some(sheet.to_string()),
                    limit: SHEET_CELLS,
                });
            }
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = value;
        Ok(())
    }

    /// The rows collected so far, as the table `sheet`; the sink is ready for the next sheet.
    fn table(&mut self, sheet: String) -> Table {
        let mut rows = std::mem::take(&mut self.rows);
        self.index.clear();
        rows.sort_by_key(|r| r.number);
        Table { sheet, rows }
    }
}

/// Whether these bytes of an OLE container name an `EncryptedPackage` stream (UTF-16 in
/// the directory): a password-protected xlsx or docx is an OLE file holding one. The one
/// test of it, for the sheet reader and for inspection.
pub fn holds_encrypted_package(bytes: &[u8]) -> bool {
    const MARKER: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    bytes.windows(MARKER.len()).any(|w| w == MARKER)
}

fn read_ole(bytes: Vec<u8>) -> Result<Vec<Table>, SheetError> {
    if holds_encrypted_package(&bytes) {
        return Err(SheetError::Encrypted);
    }
    let mut book =
        calamine::Xls::new(Cursor::new(bytes)).map_err(|e| classify_error(e.to_string()))?;
    read_ranges(&mut book)
}

fn read_ranges<R: Reader<Cursor<Vec<u8>>>>(book: &mut R) -> Result<Vec<Table>, SheetError>
where
    R::Error: std::fmt::Display,
{
    let mut tables = Vec::new();
    for name in worksheet_names(book) {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| classify_error(e.to_string()))?;
        let (start_row, start_col) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (offset, cells) in range.rows().enumerate() {
            let number = start_row + offset as u32 + 1;
            for (c, data) in cells.iter().enumerate() {
                let value = cell_from_data(data);
                if !value.is_blank() {
                    put(&mut rows, number, start_col as usize + c, value);
                }
            }
        }
        tables.push(Table { sheet: name, rows });
    }
    Ok(tables)
}

/// Puts a value into the row `number` (rows arrive in order, or nearly).
///
/// Cells arrive row by row, so the row is nearly always the last one or a new one after
/// it; anything else is found by binary search (the rows stay sorted), never by a scan
/// that would make a 100,000-row ledger quadratic.
fn put(rows: &mut Vec<Row>, number: u32, column: usize, value: Cell) {
    let index = match rows.last() {
        Some(last) if last.number == number => rows.len() - 1,
        Some(last) if last.number > number => {
            match rows.binary_search_by_key(&number, |r| r.number) {
                Ok(i) => i,
                Err(i) => {
                    rows.insert(
                        i,
                        Row {
                            number,
                            cells: Vec::new(),
                        },
                    );
                    i
                }
            }
        }
        _ => {
            rows.push(Row {
                number,
                cells: Vec::new(),
            });
            rows.len() - 1
        }
    };
    let cells = &mut rows[index].cells;
    if cells.len() <= column {
        cells.resize(column + 1, Cell::Empty);
    }
    cells[column] = value;
}

/// A number cell; `inf` and `NaN` (which calamine reads from `<v>inf</v>`) stay text, so
/// that the cell is reported as not an amount rather than breaking the ledger's transfer.
fn number(value: f64) -> Cell {
    if value.is_finite() {
        Cell::Number(value)
    } else {
        Cell::Text(value.to_string())
    }
}

fn cell_from_ref(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(d) => date_cell(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(_) | DataRef::Empty => Cell::Empty,
    }
}

fn cell_from_data(data: &Data) -> Cell {
    match data {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) => date_cell(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(_) | Data::Empty => Cell::Empty,
    }
}

/// An Excel date as its calendar day (calamine knows the workbook's date system).
fn date_cell(d: &calamine::ExcelDateTime) -> Cell {
    let (year, month, day, ..) = d.to_ymd_hms_milli();
    Cell::Date(year, month, day)
}

/// Whether a calamine error message means the workbook is password-protected. calamine
/// reports an XOR-obfuscated xls as "Codepage D7CC not found" (see CRATES.md).
pub fn is_encryption_message(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    lower.contains("password") || lower.contains("encrypt") || lower.contains("codepage d7cc")
}

/// Maps a parser message to the error a clerk understands.
fn classify_error(message: String) -> SheetError {
    if is_encryption_message(&message) {
        SheetError::Encrypted
    } else {
        SheetError::Corrupt(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infinite_and_nan_numbers_stay_text() {
        assert_eq!(number(1.5), Cell::Number(1.5));
        assert_eq!(number(f64::INFINITY), Cell::Text("inf".into()));
        assert_eq!(number(f64::NAN), Cell::Text("NaN".into()));
    }

    fn number_at(row: u32, column: u32) -> calamine::Cell<DataRef<'static>> {
        calamine::Cell::new((row, column), DataRef::Float(f64::from(row)))
    }

    #[test]
    fn rows_that_arrive_in_descending_order_are_kept_in_sheet_order() {
        // Inserting each at the front was quadratic: 200,000 such rows took seconds.
        let mut sink = CellSink::default();
        for row in (0..200_000).rev() {
            sink.add("拨付", number_at(row, 0)).unwrap();
            sink.add("拨付", number_at(row, 1)).unwrap();
        }
        let table = sink.table("拨付".into());
        assert_eq!(table.rows.len(), 200_000);
        assert!(
            table
                .rows
                .windows(2)
                .all(|w| w[0].number + 1 == w[1].number)
        );
        assert_eq!(table.rows[7].cells, [Cell::Number(7.0), Cell::Number(7.0)]);
    }

    #[test]
    fn rows_padded_to_their_last_column_are_refused_past_the_cell_budget() {
        let mut sink = CellSink::default();
        let rows = (SHEET_CELLS / 16_384) as u32 + 1;
        let refused = (0..rows).find_map(|row| sink.add("拨付", number_at(row, 16_383)).err());
        assert!(
            matches!(&refused, Some(SheetError::TooManyCells { sheet: Some(s), limit }) if s == "拨付" && *limit == SHEET_CELLS),
            "{refused:?}"
        );
    }

    #[test]
    fn one_long_string_in_every_cell_is_refused_past_the_text_budget() {
        let long = "拨".repeat(30_000);
        let mut sink = CellSink::default();
        let refused = (0..20_000u32).find_map(|row| {
            let cell = calamine::Cell::new((row, 0), DataRef::String(long.clone()));
            sink.add("拨付", cell).err()
        });
        assert!(
            matches!(&refused, Some(SheetError::TooMuchText { limit, .. }) if *limit == SHEET_TEXT_BYTES),
            "{refused:?}"
        );
    }

    /// A one-entry stored zip whose central directory declares `declared` uncompressed bytes.
    fn zip_declaring(declared: u32) -> Vec<u8> {
        let name = b"xl/sharedStrings.xml";
        let data = b"<sst/>";
        let mut out = Vec::new();
        let u16le = |v: u16| v.to_le_bytes();
        let u32le = |v: u32| v.to_le_bytes();
        out.extend(u32le(0x0403_4b50));
        out.extend(u16le(20));
        out.extend([0, 0, 0, 0, 0, 0, 0, 0]); // flags, method (stored), time, date
        out.extend(u32le(0)); // crc
        out.extend(u32le(data.len() as u32));
        out.extend(u32le(declared));
        out.extend(u16le(name.len() as u16));
        out.extend(u16le(0));
        out.extend(name);
        out.extend(data);
        let central = out.len() as u32;
        out.extend(u32le(0x0201_4b50));
        out.extend(u16le(20));
        out.extend(u16le(20));
        out.extend([0, 0, 0, 0, 0, 0, 0, 0]); // flags, method, time, date
        out.extend(u32le(0));
        out.extend(u32le(data.len() as u32));
        out.extend(u32le(declared));
        out.extend(u16le(name.len() as u16));
        out.extend([0, 0, 0, 0, 0, 0, 0, 0]); // extra, comment, disk, internal attributes
        out.extend(u32le(0)); // external attributes
        out.extend(u32le(0)); // local header offset
        out.extend(name);
        let central_size = out.len() as u32 - central;
        out.extend(u32le(0x0605_4b50));
        out.extend([0, 0, 0, 0]);
        out.extend(u16le(1));
        out.extend(u16le(1));
        out.extend(u32le(central_size));
        out.extend(u32le(central));
        out.extend(u16le(0));
        out
    }

    #[test]
    fn a_zip_part_that_inflates_to_gigabytes_is_refused_before_parsing() {
        let error = check_zip_parts(&zip_declaring(3_000_000_000)).unwrap_err();
        assert!(
            matches!(&error, SheetError::Bomb { part, size: 3_000_000_000 } if part == "xl/sharedStrings.xml"),
            "{error:?}"
        );
        assert_eq!(check_zip_parts(&zip_declaring(6)), Ok(()));
    }

    #[test]
    fn format_comes_from_the_bytes_not_the_extension() {
        let dir = std::env::temp_dir().join(format!("guicang-sheet-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pdf = dir.join("台账.xlsx");
        std::fs::write(&pdf, b"%PDF-1.4\n").unwrap();
        assert_eq!(
            read_tables(&pdf),
            Err(SheetError::NotASpreadsheet { found: Format::Pdf })
        );
        let empty = dir.join("空台账.xlsx");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(read_tables(&empty), Err(SheetError::Empty));
        let csv = dir.join("台账.csv");
        std::fs::write(&csv, "项目编号,项目名称\nA-1,学校\n").unwrap();
        assert_eq!(read_tables(&csv).unwrap()[0].rows.len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
