//! Name fields: what a file name says about the funding chain.
//!
//! Allocation notices, contracts, vouchers and payment scans are named after what they
//! record (`20230615 拨付凭证 记-0032 1200000.00`, `施工合同 合同编号mgt2023-sg-01
//! 4500000元`), and the chain checks match those fields against ledger rows. Fields are
//! taken from the most specific form to the least: 文号, contract number, voucher number,
//! date. Each claims the text it was read from, so the digits left over are the only
//! ones that can be read as an amount and `ht-2023-015` never becomes 2023 yuan.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::{Captures, Regex};
use rust_decimal::Decimal;

use crate::dates::dates_in;
use crate::money::{UNIT_SUFFIXES, Unit, parse_amount};
use crate::names::normalize::is_han;

/// A voucher number (凭证号): `记-0032`, `记0032`, `凭证号0032`, `付-12`, `记字第32号`.
///
/// Vouchers tie a payment row to its scan; ledgers often write the number without the
/// kind, so two numbers are compared with [`VoucherNo::matches`], not `==`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VoucherNo {
    /// The voucher kind (凭证字) in Simplified form: 记 (general), 付 (payment), 收 (receipt),
    /// 转 (transfer) or 银 (bank); `None` when only the number is written.
    pub kind: Option<char>,
    /// The number within the kind, without leading zeros.
    pub number: u32,
}

impl VoucherNo {
    /// Parses a ledger cell or a bare voucher number (`记-32`, `0032`, `记字第32号`, `付-12`,
    /// `凭证号0032`). White space and full-width forms are accepted; the whole cell must be
    /// the number.
    pub fn parse(text: &str) -> Option<VoucherNo> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(crate::names::normalize::fold_full_width)
            .collect();
        let (voucher, length) = voucher_prefix(&compact, Within::Cell)?;
        (length == compact.len()).then_some(voucher)
    }

    /// Whether two numbers name the same voucher: the numbers are equal, and the kinds are
    /// equal or one of them is unknown (a ledger's `32` is the scan's `记-0032`).
    pub fn matches(&self, other: &VoucherNo) -> bool {
        self.number == other.number
            && (self.kind == other.kind || self.kind.is_none() || other.kind.is_none())
    }
}

/// Normalises a contract number (合同编号) so a ledger cell and a file name compare equal:
/// upper case, no white space, full-width folded, every dash-like character made `-`, and a
/// leading `合同编号`/`合同号`/`编号` label with its `:` removed.
pub fn normalize_contract_no(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match crate::names::normalize::fold_full_width(c) {
            c if is_dash(c) => '-',
            c => c,
        })
        .collect();
    let unlabelled = CONTRACT_LABELS
        .iter()
        .find_map(|label| folded.strip_prefix(label))
        .unwrap_or(&folded);
    unlabelled.trim_start_matches(':').to_uppercase()
}

/// What a file name says about the funding chain.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameFields {
    /// The first date in the name (see [`crate::dates::find_date`]).
    pub date: Option<Date>,
    /// Official document number 文号, e.g. `麦发改投资[2023]12号`, as found in the
    /// normalised name.
    pub document_no: Option<String>,
    /// The voucher number.
    pub voucher: Option<VoucherNo>,
    /// Contract number, normalised with [`normalize_contract_no`]: `HT-2023-015`,
    /// `MGT2023-SG-01`.
    pub contract_no: Option<String>,
    /// An amount in yuan: `1200000.00`, `1,200,000元`, `120万元`, `¥1200000`.
    pub amount: Option<Decimal>,
}

/// Parses the metadata from a normalised file stem (no extension; see
/// [`super::normalize::normalize`]).
///
/// Each field is the first of its kind in the name. A bare integer is never an amount:
/// an amount has decimals (exactly two, as money is written), thousands separators, a
/// `¥`, or a `元`/`万元`/`万` after it.
pub fn name_fields(stem: &str) -> NameFields {
    // A 文号, a voucher, a date and an amount all hold a digit, and many names hold none
    // (施工日志): only a contract's code, which may be letters and dashes, is sought in them.
    if !stem.chars().any(char::is_numeric) {
        return NameFields {
            contract_no: find_contract_no(stem, &[]).map(|(no, _)| no),
            ..NameFields::default()
        };
    }
    let mut claimed = Vec::new();
    let document_no = find_document_no(stem).map(|(no, span)| {
        claimed.push(span);
        no
    });
    let contract_no = find_contract_no(stem, &claimed).map(|(no, span)| {
        claimed.push(span);
        no
    });
    let voucher = find_voucher(stem, &claimed).map(|(voucher, span)| {
        claimed.push(span);
        voucher
    });
    let date = dates_in(stem)
        .find(|(_, span)| !overlaps(&claimed, span))
        .map(|(date, span)| {
            claimed.push(span);
            date
        });
    let amount = find_amount(stem, &claimed);
    NameFields {
        date,
        document_no,
        voucher,
        contract_no,
        amount,
    }
}

/// Labels written before a contract number, longest first.
const CONTRACT_LABELS: [&str; 7] = [
    "合同编号",
    "合同編號",
    "合同编码",
    "合同号",
    "合同號",
    "编号",
    "編號",
];

/// Labels written before a voucher number, longest first.
const VOUCHER_LABELS: [&str; 6] = [
    "记账凭证编号",
    "记账凭证号",
    "记账凭证",
    "凭证编号",
    "凭证号",
    "凭证",
];

/// Words that end a document's title, so that the 文号 issuer after them is not run
/// together with the title (`…的通知麦发改投资[2023]12号`).
const TITLE_ENDINGS: [&str; 10] = [
    "关于", "的", "通知", "批复", "决定", "意见", "请示", "报告", "公告", "文件",
];

/// The longest issuer abbreviation a 文号 is taken to have (`麦发改投资` has five).
const LONGEST_ISSUER: usize = 10;

/// The most digits a voucher number in a file name has; longer runs are something else.
const LONGEST_VOUCHER_IN_NAME: usize = 6;

/// The most digits a voucher number in a ledger cell has (any such number fits a `u32`).
const LONGEST_VOUCHER_IN_CELL: usize = 9;

/// 文号: an issuer abbreviation, the year in brackets, the number and 号.
static DOCUMENT_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han}+)[\[(](?:19|20)\d{2}[\])]第?\d{1,5}号").expect("文号 pattern compiles")
});

/// A contract number after a 合同 label, or one of the `HT-…` form.
static CONTRACT_NO: LazyLock<Regex> = LazyLock::new(|| {
    let dash = r"[\-\x{2010}-\x{2015}\x{2212}\x{FE58}\x{FE63}\x{FF0D}]";
    Regex::new(&format!(
        r"(?i)合同(?:编号|编码|号)\s*:?\s*(?P<labelled>[a-z0-9]+(?:{dash}[a-z0-9]+)*)|(?P<ht>ht{dash}?[0-9][a-z0-9]*(?:{dash}[a-z0-9]+)*)"
    ))
    .expect("contract number pattern compiles")
});

/// A number that may be an amount, with its `¥` and unit (one of the units ledger cells
/// know, [`UNIT_SUFFIXES`], longest first).
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    let units: Vec<String> = UNIT_SUFFIXES
        .iter()
        .map(|(unit, _)| regex::escape(unit))
        .collect();
    Regex::new(&format!(
        r"(?P<yen>[¥￥]\s*)?(?P<integer>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<decimals>\d+))?(?:\s*(?P<unit>{}))?",
        units.join("|")
    ))
    .expect("amount pattern compiles")
});

fn find_document_no(stem: &str) -> Option<(String, Range<usize>)> {
    let found = DOCUMENT_NO.captures(stem)?;
    let whole = found.get(0)?;
    let han_run = found.get(1)?;
    let after_title = TITLE_ENDINGS
        .iter()
        .filter_map(|word| han_run.as_str().rfind(word).map(|at| at + word.len()))
        .max()
        .unwrap_or(0);
    let issuer = &han_run.as_str()[after_title..];
    let skip = issuer.chars().count().saturating_sub(LONGEST_ISSUER);
    let (issuer_offset, _) = issuer.char_indices().nth(skip)?;
    let start = han_run.start() + after_title + issuer_offset;
    Some((stem[start..whole.end()].to_string(), whole.range()))
}

fn find_contract_no(stem: &str, claimed: &[Range<usize>]) -> Option<(String, Range<usize>)> {
    CONTRACT_NO.captures_iter(stem).find_map(|found| {
        let whole = found.get(0)?;
        let code = found.name("labelled").or_else(|| found.name("ht"))?;
        let joined = found.name("ht").is_some() && !starts_word(&stem[..whole.start()]);
        let has_letter = code.as_str().chars().any(|c| c.is_ascii_alphabetic());
        let has_dash_or_digit = code
            .as_str()
            .chars()
            .any(|c| c.is_ascii_digit() || is_dash(c));
        let usable = !joined && has_letter && has_dash_or_digit;
        (usable && !overlaps(claimed, &whole.range()))
            .then(|| (normalize_contract_no(code.as_str()), whole.range()))
    })
}

fn find_voucher(stem: &str, claimed: &[Range<usize>]) -> Option<(VoucherNo, Range<usize>)> {
    let mut before = None;
    for (start, c) in stem.char_indices() {
        if let Some((voucher, length)) = voucher_prefix(&stem[start..], Within::Name { before }) {
            let span = start..start + length;
            if !overlaps(claimed, &span) {
                return Some((voucher, span));
            }
        }
        before = Some(c);
    }
    None
}

fn find_amount(stem: &str, claimed: &[Range<usize>]) -> Option<Decimal> {
    AMOUNT.captures_iter(stem).find_map(|found| {
        let whole = found.get(0)?;
        // After a `¥` the number is money whatever precedes it (`付-12¥350,000`).
        let starts = found.name("yen").is_some() || starts_word(&stem[..whole.start()]);
        let bounded = starts && ends_number(&stem[whole.end()..]);
        if !bounded || overlaps(claimed, &whole.range()) || !is_written_as_money(&found) {
            return None;
        }
        parse_amount(whole.as_str(), Unit::Yuan).ok()
    })
}

/// Whether a number is written the way money is, rather than a count, code or year:
/// with `¥`, a unit, thousands separators, or two decimals that are not a month
/// (`2023.06` is June 2023).
fn is_written_as_money(found: &Captures<'_>) -> bool {
    if found.name("yen").is_some() || found.name("unit").is_some() {
        return true;
    }
    let integer = found.name("integer").map_or("", |m| m.as_str());
    if integer.contains(',') {
        return true;
    }
    let Some(decimals) = found.name("decimals").map(|m| m.as_str()) else {
        return false;
    };
    let year_month = integer
        .parse::<u32>()
        .is_ok_and(|y| (1900..=2099).contains(&y))
        && decimals.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    decimals.len() == 2 && !year_month
}

/// Where a voucher number is being read.
#[derive(Debug, Clone, Copy)]
enum Within {
    /// A whole ledger cell: a bare number is a voucher number.
    Cell,
    /// A file name: a kind or a label is needed, and a kind must not continue a word
    /// (`登记0032`, `支付12`); `before` is the character before the candidate.
    Name { before: Option<char> },
}

/// Reads a voucher number at the start of `text`; returns it with the bytes it took.
fn voucher_prefix(text: &str, within: Within) -> Option<(VoucherNo, usize)> {
    let in_name = matches!(within, Within::Name { .. });
    let mut rest = text;
    let label = VOUCHER_LABELS
        .iter()
        .find_map(|label| rest.strip_prefix(label).map(|after| (*label, after)));
    if let Some((label, after)) = label {
        rest = after;
        let colon = rest.strip_prefix(':');
        rest = colon.unwrap_or(rest);
        if colon.is_some() || label.ends_with('号') {
            rest = rest.trim_start_matches(' ');
        }
    }
    let first = rest.chars().next();
    let kind = first.and_then(voucher_kind);
    let kind_may_start = match within {
        Within::Name { before } => {
            label.is_some() || !before.is_some_and(|c| is_han(c) || c.is_ascii_alphanumeric())
        }
        Within::Cell => true,
    };
    match (first, kind) {
        (Some(c), Some(_)) if kind_may_start => {
            rest = &rest[c.len_utf8()..];
            rest = rest.strip_prefix('字').unwrap_or(rest);
        }
        (_, Some(_)) => return None,
        (_, None) if in_name && label.is_none() => return None,
        (_, None) => {}
    }
    rest = rest.strip_prefix('第').unwrap_or(rest);
    if kind.is_some() || label.is_some() {
        rest = rest.strip_prefix(is_dash).unwrap_or(rest);
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let longest = if in_name {
        LONGEST_VOUCHER_IN_NAME
    } else {
        LONGEST_VOUCHER_IN_CELL
    };
    if digits == 0 || digits > longest {
        return None;
    }
    let number: u32 = rest[..digits].parse().ok().filter(|n| *n > 0)?;
    rest = &rest[digits..];
    if in_name && !ends_number(rest) {
        return None;
    }
    rest = rest.strip_prefix('号').unwrap_or(rest);
    Some((VoucherNo { kind, number }, text.len() - rest.len()))
}

/// The voucher kind a character names, in Simplified form.
fn voucher_kind(c: char) -> Option<char> {
    match c {
        '记' | '記' => Some('记'),
        '付' => Some('付'),
        '收' => Some('收'),
        '转' | '轉' => Some('转'),
        '银' | '銀' => Some('银'),
        _ => None,
    }
}

/// Whether a code or number may start after `before`: not after a letter, digit or
/// decimal point, nor after a dash that joins it to a code (`ht-2023`).
fn starts_word(before: &str) -> bool {
    let mut chars = before.chars().rev();
    match chars.next() {
        None => true,
        Some(c) if c.is_ascii_alphanumeric() || c == '.' || c == ',' => false,
        Some(c) if is_dash(c) || c == '/' => {
            !chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        }
        Some(_) => true,
    }
}

/// Whether a number ends before `after`: not before a letter, digit, `%`, a unit of
/// money (or the start of one the pattern did not take, `3百元`: no amount rather than a
/// wrong one), or a decimal point or separator that continues it.
fn ends_number(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        None => true,
        Some(c)
            if c.is_ascii_alphanumeric()
                || c == '%'
                || UNIT_SUFFIXES.iter().any(|(unit, _)| unit.starts_with(c)) =>
        {
            false
        }
        Some('.' | ',') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

fn overlaps(claimed: &[Range<usize>], span: &Range<usize>) -> bool {
    claimed
        .iter()
        .any(|c| c.start < span.end && span.start < c.end)
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real-looking stems and what they say: `stem => key=value …`, keys `date`, `doc`,
    /// `voucher` (as a ledger writes it), `contract`, `amount`; a missing key means none.
    const NAMES: &[&str] = &[
        "20230615 拨付凭证 记-0032 1200000.00 => date=2023-06-15 voucher=记-32 amount=1200000",
        "2023.6.15付款凭证(付-12)¥350,000 => date=2023-06-15 voucher=付-12 amount=350000",
        "施工合同 合同编号mgt2023-sg-01 4500000元 => contract=MGT2023-SG-01 amount=4500000",
        "关于下达资金的通知 麦发改投资[2023]12号 => doc=麦发改投资[2023]12号",
        "进度款 ht-2023-015 120万元 20230901 => date=2023-09-01 contract=HT-2023-015 amount=1200000",
        "凭证号0032 => voucher=32",
        "img_1234 =>",
        "2023年度绩效自评报告 =>",
        "第2期进度款支付凭证 记字第105号 2023年9月1日 => date=2023-09-01 voucher=记-105",
        "记0032 => voucher=记-32",
        "记字0032号 付款 => voucher=记-32",
        "凭证0032 => voucher=32",
        "凭证号 0032 => voucher=32",
        "凭证号:0032 => voucher=32",
        "收-3 收款收据 => voucher=收-3",
        "转-5 转账凭证 => voucher=转-5",
        "银-7 银行回单 2023-07-01 => date=2023-07-01 voucher=银-7",
        "合同号:sg-2023-07 监理合同 => contract=SG-2023-07",
        "监理合同 合同号: sg-2023-07 => contract=SG-2023-07",
        "合同编号ht-2023-015 => contract=HT-2023-015",
        "ht2023015 施工合同 => contract=HT2023015",
        "ht-2023-015-补充协议 80万元 => contract=HT-2023-015 amount=800000",
        "合同编号:2023015 =>",
        "合同编号:mgt-sg 施工合同 => contract=MGT-SG",
        "施工日志 元 号 =>",
        "施工合同v2 =>",
        "麦发改投资(2023)12号 关于下达2023年援疆资金计划的通知 => doc=麦发改投资(2023)12号",
        "关于下达资金的通知麦发改投资[2023]12号 => doc=麦发改投资[2023]12号",
        "喀地财建[2023]105号 => doc=喀地财建[2023]105号",
        "麦财预[2023]8号 下达资金1200万元 => doc=麦财预[2023]8号 amount=12000000",
        "关于xx的批复 新发改投资[2022]305号 => doc=新发改投资[2022]305号",
        "[2023]12号 =>",
        "1,200,000元 进度款 => amount=1200000",
        "¥1200000 付款申请 => amount=1200000",
        "￥1,200,000.50 => amount=1200000.50",
        "预付款 1250.5万元 => amount=12505000",
        "结算款 120 万 => amount=1200000",
        "决算审计报告 审定金额3,456,789.12元 => amount=3456789.12",
        "1200000.00 => amount=1200000",
        "支付凭证 1200000.00 => amount=1200000",
        "2023.06 工程进度月报 =>",
        "施工图设计v2.0 =>",
        "付款比例85% =>",
        "完成率12.50% =>",
        "2023年第3季度 付12万元 => amount=120000",
        "付12万元 => amount=120000",
        "付款1,200千元 => amount=1200000",
        "拨付1.50亿元 => amount=150000000",
        "概算3.2百万元 => amount=3200000",
        "3百元 =>",
        "登记表0032 =>",
        "支付12 =>",
        "会议纪要 第12期 =>",
        "照片 img_20230615_123456 => date=2023-06-15",
        "img20230615123456 =>",
        "监理日志 2023-06-15至2023-09-01 => date=2023-06-15",
        "中标通知书 20230512 => date=2023-05-12",
        "20230615 => date=2023-06-15",
        "记-0032 20230230 => voucher=记-32",
        "支付凭证 记-32 ht-2023-015 ¥350,000.00 2023/9/1 => date=2023-09-01 voucher=记-32 contract=HT-2023-015 amount=350000",
        "付-0012 2023年6月15日 ¥350,000 => date=2023-06-15 voucher=付-12 amount=350000",
        "付-12¥350,000 => voucher=付-12 amount=350000",
        "合同编号mgt2023-sg-01 附件2 => contract=MGT2023-SG-01",
        "2023-06-15 00:00:00 扫描 => date=2023-06-15",
        "¥350,000 记-12 v1.5 => voucher=记-12 amount=350000",
        "记-1234567 =>",
    ];

    /// Splits a row of [`NAMES`] into its stem and the fields it expects.
    fn expected(row: &str) -> (&str, NameFields) {
        let (stem, fields) = row.split_once(" =>").unwrap();
        let mut expected = NameFields::default();
        for field in fields.split_whitespace() {
            match field.split_once('=').unwrap() {
                ("date", d) => expected.date = Some(d.parse().unwrap()),
                ("doc", d) => expected.document_no = Some(d.to_string()),
                ("voucher", v) => expected.voucher = Some(VoucherNo::parse(v).unwrap()),
                ("contract", c) => expected.contract_no = Some(c.to_string()),
                ("amount", a) => expected.amount = Some(a.parse().unwrap()),
                (key, _) => panic!("unknown key {key} in {row:?}"),
            }
        }
        (stem, expected)
    }

    #[test]
    fn reads_fields_from_names() {
        for row in NAMES {
            let (stem, expected) = expected(row);
            assert_eq!(name_fields(stem), expected, "name_fields({stem:?})");
        }
    }

    #[test]
    fn parses_voucher_cells() {
        let voucher = |kind, number| Some(VoucherNo { kind, number });
        let cases = [
            ("记-32", voucher(Some('记'), 32)),
            ("记-0032", voucher(Some('记'), 32)),
            ("0032", voucher(None, 32)),
            ("32", voucher(None, 32)),
            ("记字第32号", voucher(Some('记'), 32)),
            ("付-12", voucher(Some('付'), 12)),
            ("收3", voucher(Some('收'), 3)),
            ("記-32", voucher(Some('记'), 32)),
            ("轉－１２", voucher(Some('转'), 12)),
            (" 记 - 32 ", voucher(Some('记'), 32)),
            ("凭证号0032", voucher(None, 32)),
            ("记账凭证第32号", voucher(None, 32)),
            ("凭证号:记-5", voucher(Some('记'), 5)),
            ("", None),
            ("记", None),
            ("记-32a", None),
            ("32.5", None),
            ("0", None),
            ("记-0000", None),
            ("-32", None),
            ("发-32", None),
            ("12345678901", None),
        ];
        for (text, expected) in cases {
            assert_eq!(
                VoucherNo::parse(text),
                expected,
                "VoucherNo::parse({text:?})"
            );
        }
    }

    #[test]
    fn vouchers_match_when_a_kind_is_unknown() {
        let ji32 = VoucherNo {
            kind: Some('记'),
            number: 32,
        };
        let fu32 = VoucherNo {
            kind: Some('付'),
            number: 32,
        };
        let bare32 = VoucherNo {
            kind: None,
            number: 32,
        };
        let ji33 = VoucherNo {
            kind: Some('记'),
            number: 33,
        };
        assert!(ji32.matches(&ji32));
        assert!(ji32.matches(&bare32));
        assert!(bare32.matches(&fu32));
        assert!(!ji32.matches(&fu32));
        assert!(!ji32.matches(&ji33));
    }

    #[test]
    fn normalizes_contract_numbers() {
        let cases = [
            ("合同编号:ht－2023－015", "HT-2023-015"),
            ("合同编号：ＨＴ－２０２３－０１５", "HT-2023-015"),
            ("mgt2023-sg-01", "MGT2023-SG-01"),
            (" HT 2023 015 ", "HT2023015"),
            ("合同号:SG—2023–07", "SG-2023-07"),
            ("编号: ht-1", "HT-1"),
            ("合同編號 ht-2", "HT-2"),
        ];
        for (text, expected) in cases {
            assert_eq!(normalize_contract_no(text), expected, "{text:?}");
        }
    }
}
