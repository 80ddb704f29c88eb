//! CSV ledgers: UTF-8 with or without BOM, or GBK (Excel on Chinese Windows saves GBK).

use super::{Cell, Row, Table};
use crate::guard::limits::CSV_FIELDS;

/// Reads CSV bytes into one table named after the file.
///
/// The encoding is UTF-8 when the bytes are valid UTF-8, else GBK. The delimiter is the
/// one of `,` `;` tab that a line near the top holds most of (see [`delimiter`]). Quoted
/// fields may span lines; rows may have fewer or more fields than the header.
pub fn read_csv(bytes: &[u8], file_name: &str) -> Table {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => encoding_rs::GBK.decode(bytes).0,
    };
    let delimiter = delimiter(&text);
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

/// How many lines near the top [`delimiter`] looks at: enough to pass a title, a unit line
/// and a note above the header.
const DELIMITER_LINES: usize = 20;

/// The delimiter of `text`: the one of `,` `;` tab that some line among the first
/// [`DELIMITER_LINES`] holds most of, `,` on a tie. Not the first line alone: a sheet with a
/// merged title row saved as CSV starts with a record of one field (the title), and only
/// the header below it shows the delimiter.
fn delimiter(text: &str) -> u8 {
    let most = |d: u8| {
        text.lines()
            .take(DELIMITER_LINES)
            .map(|line| line.bytes().filter(|&b| b == d).count())
            .max()
            .unwrap_or(0)
    };
    let mut best = (b',', most(b','));
    for d in [b';', b'\t'] {
        let count = most(d);
        if count > best.1 {
            best = (d, count);
        }
    }
    best.0
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
    fn finds_the_delimiter_below_a_title_record_of_one_field() {
        let table = read_csv(
            "资金拨付台账\n单位：元\n项目编号;拨付金额;备注\nMGT-1;\"1,200.00\";\"第一期\n预付款\"\nMGT-1;300.00\n".as_bytes(),
            "a.csv",
        );
        assert_eq!(
            texts(&table),
            vec![
                vec!["资金拨付台账"],
                vec!["单位：元"],
                vec!["项目编号", "拨付金额", "备注"],
                vec!["MGT-1", "1,200.00", "第一期\n预付款"],
                vec!["MGT-1", "300.00"],
            ]
        );
        assert_eq!(
            table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 6],
            "a quoted line break moves the next record's line"
        );
        assert_eq!(delimiter("标题\na\tb\tc\n"), b'\t');
        assert_eq!(delimiter("只有一列\n"), b',');
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
