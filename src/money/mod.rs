//! Money: amounts in yuan as exact decimals, parsed from the forms clerks write.
//!
//! Ledgers and manifests write `12000000`, `1,200,000.00`, `¥1200000`, `1250.5万元`,
//! `120 万`, and on contracts and vouchers in capitals (大写金额, `壹佰贰拾万元整`). Every
//! amount is converted to yuan as a [`Decimal`]; a float never holds money.

pub mod amount;
mod capital;

use rust_decimal::Decimal;

use capital::marks_capitals;
pub use capital::parse_capital_amount;

/// The unit an amount is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 元.
    Yuan,
    /// 万元 (10,000 yuan).
    TenThousandYuan,
    /// 千元 (1,000 yuan).
    ThousandYuan,
    /// 百万元 (1,000,000 yuan).
    MillionYuan,
    /// 亿元 (100,000,000 yuan).
    HundredMillionYuan,
}

impl Unit {
    /// How many yuan one unit is.
    pub fn factor(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::TenThousandYuan => Decimal::from(10_000),
            Unit::ThousandYuan => Decimal::from(1_000),
            Unit::MillionYuan => Decimal::from(1_000_000),
            Unit::HundredMillionYuan => Decimal::from(100_000_000),
        }
    }

    /// Finds a unit named in a header or unit row: `金额(万元)`, `单位：万元`, `(元)`,
    /// `单位：千元`, `（亿元）`. The longer names first: 百万元 is not 万元.
    pub fn named_in(text: &str) -> Option<Unit> {
        let has = |names: &[&str]| names.iter().any(|n| text.contains(n));
        if has(&["亿元", "億元"]) {
            Some(Unit::HundredMillionYuan)
        } else if has(&["百万元", "百萬元"]) {
            Some(Unit::MillionYuan)
        } else if has(&["万元", "萬元"]) {
            Some(Unit::TenThousandYuan)
        } else if has(&["千元"]) {
            Some(Unit::ThousandYuan)
        } else if text.contains('元') {
            Some(Unit::Yuan)
        } else {
            None
        }
    }
}

/// Why an amount could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an amount of money: {text:?}")]
pub struct MoneyError {
    /// The text as written.
    pub text: String,
}

/// The units a figure written as text may end with, longest first (百万元 is not 万元, 元整
/// not 元), as headers name them ([`Unit::named_in`]), Traditional forms included. Amounts
/// in file names read the same list (`names::fields`).
pub const UNIT_SUFFIXES: [(&str, Unit); 15] = [
    ("百万元", Unit::MillionYuan),
    ("百萬元", Unit::MillionYuan),
    ("百万", Unit::MillionYuan),
    ("百萬", Unit::MillionYuan),
    ("亿元", Unit::HundredMillionYuan),
    ("億元", Unit::HundredMillionYuan),
    ("亿", Unit::HundredMillionYuan),
    ("億", Unit::HundredMillionYuan),
    ("万元", Unit::TenThousandYuan),
    ("萬元", Unit::TenThousandYuan),
    ("万", Unit::TenThousandYuan),
    ("萬", Unit::TenThousandYuan),
    ("千元", Unit::ThousandYuan),
    ("元整", Unit::Yuan),
    ("元", Unit::Yuan),
];

/// Parses an amount written as text, in `default_unit` unless the text names its own unit.
///
/// Accepts thousands separators at three-digit groups (`1,234,567.89`; `1,2,3` is not a
/// number), `¥`/`￥`, a trailing unit ([`UNIT_SUFFIXES`]: `元`, `万元`, `亿`, `千元` …),
/// `(1,234.00)` and `-1234` for negatives, and surrounding white space. An amount in
/// capitals (no digit, and a capital digit or unit other than the 万/元/整 that figures
/// share) is read by [`parse_capital_amount`] and is in yuan whatever `default_unit` says,
/// since capitals always name their unit.
///
/// An amount the decimal type cannot hold exactly (more than 28 decimals, or beyond
/// ±79,228,162,514,264,337,593,543,950,335 yuan) is an error, never rounded or clamped.
pub fn parse_amount(text: &str, default_unit: Unit) -> Result<Decimal, MoneyError> {
    parse_amount_in(text, default_unit).map(|(yuan, _)| yuan)
}

/// [`parse_amount`], with the unit the figure was written in: the text's own (`123.46万`
/// is in 万元 whatever the column says), else `default_unit`; capitals are in yuan, to the
/// fen. The precision an amount is exact to follows from it ([`amount::Amount::written`]).
pub fn parse_amount_in(text: &str, default_unit: Unit) -> Result<(Decimal, Unit), MoneyError> {
    let error = || MoneyError {
        text: text.to_string(),
    };
    // Capitals are written without a digit; `1.5亿元` is a figure with its unit.
    let has_digit = text
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if !has_digit && text.chars().any(marks_capitals) {
        return parse_capital_amount(text)
            .map(|yuan| (yuan, Unit::Yuan))
            .ok_or_else(error);
    }
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            '－' => '-',
            '，' => ',',
            _ => c,
        })
        .collect();
    let negative_parens = s.starts_with('(') && s.ends_with(')') && s.len() >= 2;
    if negative_parens {
        s = s[1..s.len() - 1].to_string();
    }
    let s = s
        .trim_start_matches(['¥', '￥'])
        .trim_start_matches("人民币");
    let (number, unit) = UNIT_SUFFIXES
        .iter()
        .find_map(|(suffix, unit)| s.strip_suffix(suffix).map(|n| (n, *unit)))
        .unwrap_or((s, default_unit));
    let number = ungrouped(number.trim_start_matches(['¥', '￥'])).ok_or_else(error)?;
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Err(error());
    }
    let value = Decimal::from_str_exact(&number).map_err(|_| error())?;
    let yuan = value.checked_mul(unit.factor()).ok_or_else(error)?;
    Ok((if negative_parens { -yuan } else { yuan }, unit))
}

/// The number without its thousands separators, when they stand at three-digit groups of
/// the whole part: `1,234,567.89` → `1234567.89`; `1,2,3`, `12,34` and `1.234,5` → `None`.
fn ungrouped(number: &str) -> Option<String> {
    if !number.contains(',') {
        return Some(number.to_string());
    }
    let unsigned = number.strip_prefix('-').unwrap_or(number);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let digits = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    let well_grouped = (1..=3).contains(&first.len())
        && digits(first)
        && groups.all(|g| g.len() == 3 && digits(g))
        && !fraction.contains(',');
    well_grouped.then(|| number.replace(',', ""))
}

/// Converts a number read from a spreadsheet cell, in `unit`, to yuan.
///
/// Spreadsheet numbers arrive as `f64`; they are converted through their shortest decimal
/// representation (so `1250.5` stays exactly `1250.5`), never by float arithmetic. A number
/// the decimal type cannot hold exactly (`1e30`, `1e-30`) is `None`.
pub fn from_cell_number(value: f64, unit: Unit) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    let exact = Decimal::from_str_exact(&format!("{value}")).ok()?;
    exact.checked_mul(unit.factor())
}

/// Formats yuan for a person: `1,250,000.5` → `1,250,000.50`.
pub fn format_yuan(amount: Decimal) -> String {
    let rounded =
        amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{rounded:.2}");
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_in_the_unit_its_text_names() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let cases = [
            ("123.46万", Unit::Yuan, d("1234600"), Unit::TenThousandYuan),
            ("1,200元", Unit::TenThousandYuan, d("1200"), Unit::Yuan),
            (
                "1200",
                Unit::TenThousandYuan,
                d("12000000"),
                Unit::TenThousandYuan,
            ),
            (
                "壹佰贰拾万元整",
                Unit::TenThousandYuan,
                d("1200000"),
                Unit::Yuan,
            ),
            // Every unit a header can name, written after the figure instead.
            (
                "1.5亿元",
                Unit::Yuan,
                d("150000000"),
                Unit::HundredMillionYuan,
            ),
            (
                "1.5億",
                Unit::Yuan,
                d("150000000"),
                Unit::HundredMillionYuan,
            ),
            ("3.2百万元", Unit::Yuan, d("3200000"), Unit::MillionYuan),
            (
                "3.2百萬",
                Unit::TenThousandYuan,
                d("3200000"),
                Unit::MillionYuan,
            ),
            ("850千元", Unit::Yuan, d("850000"), Unit::ThousandYuan),
            ("12萬元", Unit::Yuan, d("120000"), Unit::TenThousandYuan),
            ("300000元整", Unit::TenThousandYuan, d("300000"), Unit::Yuan),
            (
                "1,200",
                Unit::ThousandYuan,
                d("1200000"),
                Unit::ThousandYuan,
            ),
        ];
        for (text, column, yuan, unit) in cases {
            assert_eq!(parse_amount_in(text, column), Ok((yuan, unit)), "{text}");
        }
        // And so the precision: 123.46万 is exact to ±50 yuan, capitals to the fen.
        let (yuan, unit) = parse_amount_in("123.46万", Unit::Yuan).unwrap();
        assert_eq!(
            amount::Amount::written(yuan, "123.46万", unit).tolerance,
            d("50")
        );
    }

    #[test]
    fn units_are_named_longest_first() {
        let cases = [
            ("金额(万元)", Some(Unit::TenThousandYuan)),
            ("单位：千元", Some(Unit::ThousandYuan)),
            ("单位：百万元", Some(Unit::MillionYuan)),
            ("（亿元）", Some(Unit::HundredMillionYuan)),
            ("(元)", Some(Unit::Yuan)),
            ("拨付日期", None),
        ];
        for (text, unit) in cases {
            assert_eq!(Unit::named_in(text), unit, "{text}");
        }
        assert_eq!(
            from_cell_number(1.5, Unit::ThousandYuan),
            from_cell_number(1500.0, Unit::Yuan)
        );
    }

    fn yuan(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn parses_the_forms_clerks_write() {
        let cases = [
            ("12000000", Unit::Yuan, "12000000"),
            ("1,200,000.00", Unit::Yuan, "1200000.00"),
            ("¥1200000", Unit::Yuan, "1200000"),
            ("￥ 1 200 000 元", Unit::Yuan, "1200000"),
            ("1250.5万元", Unit::Yuan, "12505000"),
            ("120万", Unit::Yuan, "1200000"),
            ("1250.5", Unit::TenThousandYuan, "12505000"),
            ("(1,234.00)", Unit::Yuan, "-1234"),
            ("-50", Unit::Yuan, "-50"),
            ("１２０万元", Unit::Yuan, "1200000"),
            ("300000元整", Unit::Yuan, "300000"),
        ];
        for (text, unit, expected) in cases {
            assert_eq!(parse_amount(text, unit), Ok(yuan(expected)), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_money() {
        for text in ["", "约一千万", "12a", "万元", "1.2.3", "()", "(", "-"] {
            assert!(parse_amount(text, Unit::Yuan).is_err(), "{text:?} parsed");
        }
    }

    #[test]
    fn thousands_separators_only_at_three_digit_groups() {
        for (text, expected) in [
            ("1,234,567.89", "1234567.89"),
            ("-1,234", "-1234"),
            ("123,456", "123456"),
            ("１，２３４", "1234"),
            ("(1,234.00)", "-1234"),
        ] {
            assert_eq!(parse_amount(text, Unit::Yuan), Ok(yuan(expected)), "{text}");
        }
        for text in [
            "1,2,3",
            "12,34",
            "1234,567",
            ",123",
            "1,234.5,6",
            "1,,234",
            "1,234,",
        ] {
            assert!(parse_amount(text, Unit::Yuan).is_err(), "{text:?} parsed");
        }
    }

    #[test]
    fn amounts_beyond_the_decimal_type_are_errors_not_panics() {
        let many_decimals = format!("0.{}1", "0".repeat(30));
        let too_large = "9".repeat(30);
        for text in [
            many_decimals.as_str(),
            too_large.as_str(),
            "79228162514264337593543950335万元",
        ] {
            assert!(parse_amount(text, Unit::Yuan).is_err(), "{text:?} parsed");
        }
        assert!(parse_amount("79228162514264337593543950335", Unit::Yuan).is_ok());
        assert_eq!(from_cell_number(1e-30, Unit::Yuan), None);
        assert_eq!(from_cell_number(1e30, Unit::Yuan), None);
        assert_eq!(from_cell_number(1e300, Unit::TenThousandYuan), None);
    }

    #[test]
    fn no_text_or_cell_number_panics() {
        use crate::money::amount::Amount;
        const ALPHABET: [char; 12] = [
            '1', '9', '0', ',', '.', '-', '(', ')', '万', '元', '¥', '壹',
        ];
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| ALPHABET.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts.extend([
            "9".repeat(29),
            "9".repeat(40),
            format!("0.{}", "9".repeat(40)),
        ]);
        texts.push(format!("{}.{}万元", "9".repeat(25), "9".repeat(10)));
        let max = Amount::exact(Decimal::MAX);
        for text in &texts {
            for unit in [Unit::Yuan, Unit::TenThousandYuan] {
                if let Ok(yuan) = parse_amount(text, unit) {
                    let amount = Amount::written(yuan, text, unit);
                    let _ = Amount::sum([&amount, &max, &amount]);
                    let _ = amount.agrees(&max);
                    let _ = format_yuan(yuan);
                }
            }
        }
        for n in [
            0.0,
            -0.0,
            1e-320,
            5e-324,
            1e-29,
            1e28,
            7.9e28,
            8e28,
            f64::MAX,
            f64::MIN,
        ] {
            for unit in [Unit::Yuan, Unit::TenThousandYuan] {
                if let Some(yuan) = from_cell_number(n, unit) {
                    let _ = Amount::written(yuan, &format!("{n}"), unit);
                }
            }
        }
    }

    #[test]
    fn cell_numbers_stay_exact() {
        assert_eq!(
            from_cell_number(1250.5, Unit::TenThousandYuan),
            Some(yuan("12505000"))
        );
        assert_eq!(
            from_cell_number(0.1, Unit::TenThousandYuan),
            Some(yuan("1000"))
        );
        assert_eq!(from_cell_number(f64::NAN, Unit::Yuan), None);
    }

    #[test]
    fn formats_with_grouping() {
        assert_eq!(format_yuan(yuan("1250000.5")), "1,250,000.50");
        assert_eq!(format_yuan(yuan("-1234")), "-1,234.00");
        assert_eq!(format_yuan(yuan("999")), "999.00");
    }
}
