//! Amounts in capitals (大写金额, `壹佰贰拾万元整`), as contracts, invoices and vouchers
//! state them beside the figures.

use rust_decimal::Decimal;

/// Parses an amount written in Chinese capitals (大写金额): `人民币壹仟零肆元伍角` → 1004.5.
///
/// Contracts, invoices and payment vouchers state each amount twice, in figures and in
/// capitals, and the two must agree; this reads the capitals so they can be compared.
/// Accepts the capital digits 零壹贰叁肆伍陆柒捌玖 (also 〇, the ordinary 一…九, and the
/// Traditional 貳 叄 參 陸 with 参, which 參 becomes when a name is simplified), the units
/// 拾佰仟 (or 十百千) 万萬 亿億, 元圆圓 角 分, a closing 整 or 正, an optional 人民币/人民幣
/// or ¥ prefix, and white space anywhere. 零 may be written or left out wherever leaving it
/// out cannot change the value; a leading 拾 means 壹拾 (`拾万元`). Without 元 the amount
/// is whole yuan (`壹佰贰拾万`) or only 角 and 分 (`伍角`).
///
/// Returns `None` for anything malformed: an unknown character, units out of order, two
/// digits in a row, a 零 that stands for no zero place, or a bare trailing digit that a
/// reader could take either way (`壹仟伍` needs a 零 to be 1005, and is 1500 in speech).
pub fn parse_capital_amount(text: &str) -> Option<Decimal> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let body = compact.trim_start_matches(['¥', '￥']);
    let body = ["人民币", "人民幣"]
        .iter()
        .find_map(|prefix| body.strip_prefix(prefix))
        .unwrap_or(body);
    let mut symbols: Vec<Capital> = body.chars().map(capital_symbol).collect::<Option<_>>()?;
    if symbols.last() == Some(&Capital::Whole) {
        symbols.pop();
    }
    let (integer, fraction) = match symbols.iter().position(|s| *s == Capital::Yuan) {
        Some(0) => return None,
        Some(at) => (&symbols[..at], &symbols[at + 1..]),
        None if symbols
            .iter()
            .any(|s| matches!(s, Capital::Jiao | Capital::Fen)) =>
        {
            (&[][..], &symbols[..])
        }
        None => (&symbols[..], &[][..]),
    };
    if integer.is_empty() && fraction.is_empty() {
        return None;
    }
    let yuan = match integer {
        [] => 0,
        [Capital::Zero] => 0,
        _ => places(integer, &BIG_UNITS, Lead::Amount, false)?,
    };
    let cents = i64::try_from(yuan)
        .ok()?
        .checked_mul(100)?
        .checked_add(cents(fraction)?)?;
    Some(Decimal::new(cents, 2))
}

/// Whether a character shows that an amount is written in capitals. 万, 元 and 整 are left
/// out: figures use them too (`120万元`, `300000元整`).
pub(super) fn marks_capitals(c: char) -> bool {
    matches!(
        capital_symbol(c),
        Some(
            Capital::Digit(_)
                | Capital::Zero
                | Capital::Place(_)
                | Capital::Yi
                | Capital::Jiao
                | Capital::Fen
        )
    )
}

/// One symbol of an amount in capitals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capital {
    /// A digit from 1 to 9.
    Digit(u64),
    /// 零: one or more zero places.
    Zero,
    /// 拾 佰 仟: a place within a group of four.
    Place(u64),
    /// 万: ten thousand.
    Wan,
    /// 亿: a hundred million.
    Yi,
    /// 元: ends the whole yuan.
    Yuan,
    /// 角: tenths of a yuan.
    Jiao,
    /// 分: hundredths of a yuan.
    Fen,
    /// 整: nothing follows.
    Whole,
}

/// The units that split an amount into groups of places, largest first, with their size.
const BIG_UNITS: [(Capital, u64); 2] = [(Capital::Yi, 100_000_000), (Capital::Wan, 10_000)];

fn capital_symbol(c: char) -> Option<Capital> {
    use Capital::{Digit, Fen, Jiao, Place, Wan, Whole, Yi, Yuan, Zero};
    Some(match c {
        '零' | '〇' => Zero,
        '壹' | '一' => Digit(1),
        '贰' | '貳' | '二' => Digit(2),
        '叁' | '叄' | '參' | '参' | '三' => Digit(3),
        '肆' | '四' => Digit(4),
        '伍' | '五' => Digit(5),
        '陆' | '陸' | '六' => Digit(6),
        '柒' | '七' => Digit(7),
        '捌' | '八' => Digit(8),
        '玖' | '九' => Digit(9),
        '拾' | '十' => Place(10),
        '佰' | '百' => Place(100),
        '仟' | '千' => Place(1000),
        '万' | '萬' => Wan,
        '亿' | '億' => Yi,
        '元' | '圆' | '圓' => Yuan,
        '角' => Jiao,
        '分' => Fen,
        '整' | '正' => Whole,
        _ => return None,
    })
}

/// What precedes a group of places; it decides which abbreviations are unambiguous.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// The start of the amount: `拾` may stand for `壹拾`, a lone digit is units.
    Amount,
    /// A 零 standing for the zero places before the group.
    AfterZero,
    /// A larger unit with no 零 between.
    Unit,
}

/// Reads whole yuan split by the `big` units (亿, then 万, then groups of four places).
/// `before_unit` says a larger unit follows, so a lone digit cannot be misread.
fn places(
    symbols: &[Capital],
    big: &[(Capital, u64)],
    lead: Lead,
    before_unit: bool,
) -> Option<u64> {
    let Some(((unit, size), smaller)) = big.split_first() else {
        return group_of_four(symbols, lead, before_unit);
    };
    let Some(at) = symbols.iter().position(|s| s == unit) else {
        return places(symbols, smaller, lead, before_unit);
    };
    let high = places(&symbols[..at], smaller, lead, true)?;
    let low = match &symbols[at + 1..] {
        [] => 0,
        // The 零 must stand for the highest place below the unit (亿零伍万, not 亿零伍仟万).
        [Capital::Zero, rest @ ..] => {
            let low = places(rest, smaller, Lead::AfterZero, before_unit)?;
            (low * 10 < *size).then_some(low)?
        }
        rest => places(rest, smaller, Lead::Unit, before_unit)?,
    };
    high.checked_mul(*size)?.checked_add(low)
}

/// Reads up to four places (仟佰拾 and units), such as `壹仟零肆` or `伍拾`.
fn group_of_four(symbols: &[Capital], lead: Lead, before_unit: bool) -> Option<u64> {
    // A place fits if it is below the last one written, and below it by two or more if a
    // 零 stands between (the 零 must stand for at least one zero place).
    let fits = |place: u64, last: u64, zero: bool| {
        if zero {
            place * 10 < last
        } else {
            place < last
        }
    };
    let mut value = 0;
    let mut last_place = 10_000;
    let mut zero = false;
    let mut digit = None;
    for (i, symbol) in symbols.iter().enumerate() {
        match *symbol {
            Capital::Digit(d) if digit.is_none() => digit = Some(d),
            Capital::Zero if digit.is_none() && !zero && i > 0 => zero = true,
            Capital::Place(place) => {
                let d = match digit.take() {
                    Some(d) => d,
                    None if place == 10 && i == 0 && lead == Lead::Amount => 1,
                    None => return None,
                };
                if !fits(place, last_place, zero) {
                    return None;
                }
                value += d * place;
                last_place = place;
                zero = false;
            }
            _ => return None,
        }
    }
    match digit {
        Some(d) => {
            let alone = symbols.len() == 1 && (lead != Lead::Unit || before_unit);
            let unambiguous = zero || last_place == 10 || alone;
            (unambiguous && fits(1, last_place, zero)).then_some(value + d)
        }
        None if zero || symbols.is_empty() => None,
        None => Some(value),
    }
}

/// Reads what follows 元: `伍角`, `零伍分`, `伍角陆分`, or nothing.
fn cents(symbols: &[Capital]) -> Option<i64> {
    use Capital::{Digit, Fen, Jiao, Zero};
    let tenths_and_hundredths = |symbols: &[Capital]| match *symbols {
        [Digit(jiao), Jiao] => Some(10 * jiao),
        [Digit(jiao), Jiao, Digit(fen), Fen] => Some(10 * jiao + fen),
        [Digit(fen), Fen] | [Zero, Jiao, Digit(fen), Fen] => Some(fen),
        _ => None,
    };
    if symbols.is_empty() {
        return Some(0);
    }
    // 零 after 元 stands for a zero units place (or a zero 角); it may be left out.
    let value = tenths_and_hundredths(symbols).or_else(|| match symbols {
        [Zero, rest @ ..] if rest.first() != Some(&Zero) => tenths_and_hundredths(rest),
        _ => None,
    })?;
    i64::try_from(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{Unit, parse_amount};

    fn yuan(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn parses_capitals_as_written() {
        let cases = [
            ("壹佰贰拾万元整", "1200000"),
            (
                "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元零壹分",
                "123456789.01",
            ),
            ("壹仟零肆元伍角", "1004.5"),
            ("壹万贰仟叁佰肆拾伍元陆角整", "12345.6"),
            ("拾万元", "100000"),
            ("壹拾万元整", "100000"),
            ("贰亿零伍万元", "200050000"),
            ("贰亿伍万元", "200050000"),
            ("壹万零伍佰元整", "10500"),
            ("捌亿零陆仟柒佰捌拾元整", "800006780"),
            ("壹亿零伍佰万元", "105000000"),
            ("壹万伍佰元整", "10500"),
            ("壹拾元零伍角", "10.5"),
            ("壹拾元伍角", "10.5"),
            ("壹佰元零伍分", "100.05"),
            ("壹佰元零角伍分", "100.05"),
            ("壹佰元伍分", "100.05"),
            ("伍角", "0.5"),
            ("伍角陆分", "0.56"),
            ("零元整", "0"),
            ("伍元正", "5"),
            ("拾伍元", "15"),
            ("壹万亿元", "1000000000000"),
            ("壹佰贰拾万", "1200000"),
            ("人民幣貳拾萬圓整", "200000"),
            ("叄佰陸拾圓", "360"),
            ("參仟元", "3000"),
            ("一万二千元", "12000"),
            ("一万二仟零五元", "12005"),
            ("〇元整", "0"),
            ("¥ 壹佰 贰拾万元整 ", "1200000"),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_capital_amount(text), Some(yuan(expected)), "{text}");
        }
    }

    #[test]
    fn rejects_malformed_capitals() {
        let cases = [
            "",
            "整",
            "元",
            "人民币",
            "元整",
            "伍伍元",
            "壹佰壹仟元",
            "壹拾拾元",
            "壹仟肆元",
            "壹万伍",
            "贰佰伍万元",
            "零伍元",
            "壹佰零元",
            "壹仟零伍佰元",
            "壹万零伍仟元",
            "壹亿零伍仟万元",
            "壹佰零零伍元",
            "壹元整伍角",
            "壹佰元伍角陆分柒",
            "壹佰元元",
            "伍角壹佰元",
            "壹佰伍角",
            "约壹佰元",
            "壹亿亿元",
            "万元",
            "壹亿拾万元",
            "壹佰元零",
            "壹佰元伍",
            "伍角伍角",
        ];
        for text in cases {
            assert_eq!(parse_capital_amount(text), None, "{text:?} parsed");
        }
    }

    #[test]
    fn parse_amount_reads_capitals_in_yuan() {
        assert_eq!(
            parse_amount("壹佰贰拾万元整", Unit::TenThousandYuan),
            Ok(yuan("1200000"))
        );
        assert_eq!(
            parse_amount("人民币壹仟零肆元伍角", Unit::Yuan),
            Ok(yuan("1004.5"))
        );
        assert!(parse_amount("壹仟肆", Unit::Yuan).is_err());
        assert_eq!(parse_amount("300000元整", Unit::Yuan), Ok(yuan("300000")));
    }

    const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

    /// Writes cents in capitals by the book; `zero_before_jiao` chooses whether the optional
    /// 零 after a 元 whose units place is zero is written.
    fn capitals(cents: u64, zero_before_jiao: bool) -> String {
        let (whole, jiao, fen) = (cents / 100, cents / 10 % 10, cents % 10);
        let mut out = String::new();
        if whole > 0 {
            out += &grouped(whole, &[(100_000_000, '亿'), (10_000, '万')]);
            out.push('元');
        }
        if jiao == 0 && fen == 0 {
            if whole == 0 {
                out.push_str("零元");
            }
            out.push('整');
            return out;
        }
        if jiao > 0 {
            if whole > 0 && whole % 10 == 0 && zero_before_jiao {
                out.push('零');
            }
            out.push(DIGITS[jiao as usize]);
            out.push('角');
        } else if whole > 0 {
            out.push('零');
        }
        if fen > 0 {
            out.push(DIGITS[fen as usize]);
            out.push('分');
        } else {
            out.push('整');
        }
        out
    }

    fn grouped(n: u64, big: &[(u64, char)]) -> String {
        let Some(((size, name), smaller)) = big.split_first() else {
            return four_places(n);
        };
        if n < *size {
            return grouped(n, smaller);
        }
        let mut out = grouped(n / size, smaller);
        out.push(*name);
        let low = n % size;
        if low > 0 {
            if low < size / 10 {
                out.push('零');
            }
            out += &grouped(low, smaller);
        }
        out
    }

    fn four_places(n: u64) -> String {
        let mut out = String::new();
        let mut pending_zero = false;
        for (place, name) in [(1000, "仟"), (100, "佰"), (10, "拾"), (1, "")] {
            let digit = n / place % 10;
            if digit == 0 {
                pending_zero |= !out.is_empty();
                continue;
            }
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            out.push(DIGITS[digit as usize]);
            out.push_str(name);
        }
        out
    }

    /// Zeroes some decimal digits of `n`, chosen by the bits of `mask`, so that runs of
    /// zeros (and the 零 they need) are common.
    fn sprinkle_zeros(n: u64, mask: u64) -> u64 {
        let (mut out, mut place, mut rest) = (0, 1, n);
        for bit in 0..18 {
            if mask >> bit & 1 == 0 {
                out += rest % 10 * place;
            }
            rest /= 10;
            place *= 10;
        }
        out
    }

    #[test]
    fn capitals_round_trip() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..5000u64 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let magnitude = 10u64.pow((i % 17) as u32 + 1);
            let mut cents = (state >> 7) % magnitude;
            if i % 2 == 0 {
                cents = sprinkle_zeros(cents, state.rotate_left(29));
            }
            let written = capitals(cents, i % 3 == 0);
            let expected = Decimal::new(cents as i64, 2);
            assert_eq!(parse_capital_amount(&written), Some(expected), "{written}");
        }
    }
}
