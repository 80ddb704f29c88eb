//! CSV ledgers: UTF-8 with or without BOM, or GBK (Excel on Chinese Windows saves GBK).

use super::{Cell, Row, Table};
use crate::guard::limits::CSV_FIELDS;

/// Reads CSV bytes into one table named after the file.
///
/// The encoding is UTF-8 when the bytes are valid UTF-8, else GBK. The delimiter is the
/// one of `,` `;` tab that the first line holds most of. Quoted fields may span lines.
pub fn read_csv(bytes: &[u8], file_name: &str) -> Table {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => encoding_rs::GBK.decode(bytes).0,
    };
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    for record in reader.records() {
        let Ok(record) = record else { continue };
        let number = record.position().map_or(lines.line, |p| {
            lines.line_at(text.as_bytes(), p.byte() as usize)
        });
        // Excel keeps 16,384 columns: a record of millions of empty fields holds no more.
        let used = record
            .iter()
            .take(CSV_FIELDS)
            .enumerate()
            .filter(|(_, field)| !field.trim().is_empty())
            .last()
            .map_or(0, |(last, _)| last + 1);
        let cells: Vec<Cell> = record
            .iter()
            .take(used)
            .map(|field| {
                if field.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(field.to_string())
                }
            })
            .collect();
        if cells.iter().any(|c| !c.is_blank()) {
            rows.push(Row { number, cells });
        }
    }
    Table {
        sheet: file_name.to_string(),
        rows,
    }
}

/// Counts lines up to a byte offset, moving forward only (CR, LF and CRLF all end a line).
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u32,
}

impl LineCounter {
    /// The line of the record starting at `offset`; the csv reader reports the offset
    /// before the blank lines it skipped, so those are stepped over first.
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> u32 {
        let mut end = offset.min(bytes.len());
        while matches!(bytes.get(end), Some(b'\n' | b'\r')) {
            end += 1;
        }
        for i in self.offset..end {
            match bytes[i] {
                b'\n' => self.line += 1,
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.offset = self.offset.max(end);
        self.line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_of_millions_of_empty_fields_keeps_only_its_used_fields() {
        let text = format!(
            "项目名称,拨付金额{}\n学校,100{}\n",
            ",".repeat(3_000_000),
            ",".repeat(10)
        );
        let table = read_csv(text.as_bytes(), "拨付台账.csv");
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cells.len(), 2);
        assert_eq!(table.rows[1].cells.len(), 2);
    }

    fn texts(table: &Table) -> Vec<Vec<String>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(Cell::text).collect())
            .collect()
    }

    #[test]
    fn reads_utf8_with_bom_and_keeps_row_numbers() {
        let table = read_csv(
            "\u{FEFF}项目编号,项目名称\n\nMGT-1,\"学校,教学楼\"\n".as_bytes(),
            "a.csv",
        );
        assert_eq!(
            texts(&table),
            vec![vec!["项目编号", "项目名称"], vec!["MGT-1", "学校,教学楼"]]
        );
        assert_eq!(table.rows[1].number, 3);
    }

    #[test]
    fn counts_cr_only_line_ends() {
        let table = read_csv(b"a,b\r\r1,2\r", "a.csv");
        assert_eq!(
            table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            vec![1, 3]
        );
    }

    #[test]
    fn reads_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("项目编号;项目名称\r\nMGT-1;教学楼\r\n");
        let table = read_csv(&gbk, "a.csv");
        assert_eq!(
            texts(&table),
            vec![vec!["项目编号", "项目名称"], vec!["MGT-1", "教学楼"]]
        );
    }
}
