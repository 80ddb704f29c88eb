//! Dates: the calendar dates clerks write in ledger cells and file names.
//!
//! Ledgers and scans write one date many ways: `2023-06-15`, `2023/6/15`, `2023.6.15`,
//! `20230615`, `2023年6月15日`, with full-width digits, or as a timestamp whose time means
//! nothing (`2023-06-15 00:00:00`). Each form is read by one small hand-written scanner, so
//! that a cell and a file name agree on what a date is. Years outside 1900–2099 are not
//! dates here: in these archives such digits are amounts or serial numbers.

use std::ops::{Range, RangeInclusive};

use jiff::civil::Date;

/// The years a date in an archive can have.
const YEARS: RangeInclusive<i16> = 1900..=2099;

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    i64::from(to.since(from).map_or(0, |span| span.get_days()))
}

/// Parses a whole cell as a date: `2023-06-15`, `2023/6/15`, `2023.6.15`, `20230615`,
/// `2023年6月15日`, optionally followed by a time (`2023-06-15 00:00:00`,
/// `2023-06-15T10:00:00`), which is dropped.
///
/// Full-width digits and separators are accepted. Returns `None` for anything else,
/// including dates not on the calendar (`2023-02-30`).
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let (date, length) = date_prefix(text)?;
    let rest = &text[length..];
    (rest.is_empty() || is_time_suffix(rest)).then_some(date)
}

/// Finds the first date in a file name, in any form [`parse_date`] reads.
///
/// A date counts only at a word boundary: not inside a longer run of digits
/// (`IMG20230615123456`, `1200000.00`), and not continuing a code
/// (`HT-2023-06-15`), so that numbers which merely look like dates are left alone.
pub fn find_date(name: &str) -> Option<Date> {
    dates_in(name).next().map(|(date, _)| date)
}

/// Every date in a name at a word boundary, with its byte range, left to right.
///
/// [`crate::names::fields`] needs the ranges to keep the digits of a date from
/// being read as an amount.
pub(crate) fn dates_in(name: &str) -> impl Iterator<Item = (Date, Range<usize>)> + '_ {
    name.char_indices().filter_map(move |(start, c)| {
        if !fold(c).is_ascii_digit() || !starts_word(&name[..start]) {
            return None;
        }
        let (date, length) = date_prefix(&name[start..])?;
        let end = start + length;
        ends_word(&name[end..]).then_some((date, start..end))
    })
}

/// Reads a date at the start of `text`; returns it with the number of bytes it took.
fn date_prefix(text: &str) -> Option<(Date, usize)> {
    let mut cursor = Cursor { text, at: 0 };
    let year = cursor.digits(4, 4)?;
    let (month, day) = match cursor.peek()? {
        separator @ ('-' | '/' | '.') => {
            cursor.bump();
            let month = cursor.digits(1, 2)?;
            cursor.eat(separator).then_some(())?;
            (month, cursor.digits(1, 2)?)
        }
        '0'..='9' => (cursor.digits(2, 2)?, cursor.digits(2, 2)?),
        _ => {
            cursor.label('年').then_some(())?;
            cursor.skip_spaces();
            let month = cursor.digits(1, 2)?;
            cursor.label('月').then_some(())?;
            cursor.skip_spaces();
            let day = cursor.digits(1, 2)?;
            (cursor.label('日') || cursor.eat('号')).then_some(())?;
            (month, day)
        }
    };
    let year = i16::try_from(year).ok().filter(|y| YEARS.contains(y))?;
    let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
    Some((date, cursor.at))
}

/// Whether `rest` (what follows a date in a cell) is a time of day: ` 10:00`,
/// `T10:00:00`, ` 00:00:00.000`, optionally with `Z` or an offset.
fn is_time_suffix(rest: &str) -> bool {
    let Some(time) = rest.strip_prefix(['T', 't', 'Ｔ']).or_else(|| {
        rest.starts_with(char::is_whitespace)
            .then(|| rest.trim_start())
    }) else {
        return false;
    };
    let mut cursor = Cursor { text: time, at: 0 };
    let Some(hour) = cursor.digits(1, 2) else {
        return false;
    };
    let mut fields_ok = hour < 24 && cursor.eat(':') && cursor.digits(2, 2).is_some_and(|m| m < 60);
    if fields_ok && cursor.eat(':') {
        fields_ok = cursor.digits(2, 2).is_some_and(|s| s <= 60);
        if fields_ok && cursor.eat('.') {
            fields_ok = cursor.digits(1, 9).is_some();
        }
    }
    if !fields_ok {
        return false;
    }
    let zone = time[cursor.at..].trim_end();
    zone.is_empty()
        || zone == "Z"
        || zone.strip_prefix(['+', '-']).is_some_and(|offset| {
            let digits: String = offset.chars().filter(|c| *c != ':').collect();
            matches!(digits.len(), 2 | 4) && digits.chars().all(|c| c.is_ascii_digit())
        })
}

/// Whether a date may start right after `before`: not after a digit, and not after a
/// separator that joins it to a code (`HT-2023…`, `v1.2023…`).
fn starts_word(before: &str) -> bool {
    let mut chars = before.chars().rev().map(fold);
    match chars.next() {
        None => true,
        Some(c) if c.is_ascii_digit() => false,
        Some('-' | '.' | '/') => !chars.next().is_some_and(|c| c.is_ascii_alphanumeric()),
        Some(_) => true,
    }
}

/// Whether a date may end right before `after`: not before a digit, and not before a
/// decimal point that would make it part of a longer number.
fn ends_word(after: &str) -> bool {
    let mut chars = after.chars().map(fold);
    match chars.next() {
        None => true,
        Some(c) if c.is_ascii_digit() => false,
        Some('.') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// Folds a full-width character (digit, separator, letter) to its half-width form.
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Reads `text` from byte `at`, folding full-width characters as it goes, so that byte
/// positions stay those of the original text.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next().map(fold)
    }

    fn bump(&mut self) {
        if let Some(c) = self.text[self.at..].chars().next() {
            self.at += c.len_utf8();
        }
    }

    fn eat(&mut self, wanted: char) -> bool {
        let found = self.peek() == Some(wanted);
        if found {
            self.bump();
        }
        found
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.bump();
        }
    }

    /// Consumes `label`, which may follow a space (`2023 年 6 月 15 日`).
    fn label(&mut self, label: char) -> bool {
        self.skip_spaces();
        self.eat(label)
    }

    /// Reads between `min` and `max` digits (as many as there are, up to `max`).
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let mut value: u32 = 0;
        let mut count = 0;
        while count < max {
            let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) else {
                break;
            };
            value = value.checked_mul(10)?.checked_add(digit)?;
            count += 1;
            self.bump();
        }
        (count >= min).then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Option<Date> {
        Some(Date::new(y, m, d).unwrap())
    }

    #[test]
    fn parses_whole_cells() {
        let june15 = date(2023, 6, 15);
        let cases = [
            ("2023-06-15", june15),
            ("2023/6/15", june15),
            ("2023.6.15", june15),
            ("20230615", june15),
            ("2023年6月15日", june15),
            ("2023 年 6 月 15 日", june15),
            ("2023年06月15号", june15),
            ("2023-06-15 00:00:00", june15),
            ("2023-06-15T10:00:00", june15),
            ("2023-06-15T10:00:00.123+08:00", june15),
            ("2023-06-15T10:00:00Z", june15),
            ("2023/6/15 9:30", june15),
            ("  2023-06-15  ", june15),
            ("２０２３－０６－１５", june15),
            ("２０２３年６月１５日", june15),
            ("２０２３０６１５", june15),
            ("2024-02-29", date(2024, 2, 29)),
            ("2023-1-5", date(2023, 1, 5)),
            ("2023-02-30", None),
            ("2023-02-29", None),
            ("2023-13-01", None),
            ("2023-00-10", None),
            ("20231301", None),
            ("2023-06", None),
            ("2023年6月", None),
            ("2023年度", None),
            ("2023-06/15", None),
            ("2023-06-15x", None),
            ("2023-06-15 25:00", None),
            ("2023-06-15 10", None),
            ("2023-06-150", None),
            ("202306150", None),
            ("1200000", None),
            ("12000000", None),
            ("1899-12-31", None),
            ("", None),
            ("六月十五日", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_date(text), expected, "parse_date({text:?})");
        }
    }

    #[test]
    fn finds_dates_in_names() {
        let june15 = date(2023, 6, 15);
        let cases = [
            ("20230615 拨付凭证", june15),
            ("拨付凭证20230615", june15),
            ("2023.6.15付款凭证(付-12)¥350,000", june15),
            (
                "第2期进度款支付凭证 记字第105号 2023年9月1日",
                date(2023, 9, 1),
            ),
            ("进度款 ht-2023-015 120万元 20230901", date(2023, 9, 1)),
            ("img_20230615_123456", june15),
            ("img20230615", june15),
            ("验收照片2023-06-15-1", june15),
            ("2023-06-15至2023-09-01 监理日志", june15),
            ("会议纪要(2023.06.15)", june15),
            ("２０２３年６月１５日 会议纪要", june15),
            ("20230230 凭证 20230615", june15),
            ("ht-2023-015", None),
            ("ht-2023-06-15", None),
            ("1200000.00", None),
            ("记-0032", None),
            ("img20230615123456", None),
            ("20230615.5", None),
            ("2023年度绩效自评报告", None),
            ("麦发改投资[2023]12号", None),
            ("2023年6月 月报", None),
            ("img_1234", None),
        ];
        for (name, expected) in cases {
            assert_eq!(find_date(name), expected, "find_date({name:?})");
        }
    }

    #[test]
    fn reports_where_a_date_is() {
        let name = "凭证 2023-06-15 记-1";
        let found: Vec<_> = dates_in(name).collect();
        assert_eq!(found, vec![(Date::new(2023, 6, 15).unwrap(), 7..17)]);
        assert_eq!(&name[7..17], "2023-06-15");
    }
}
