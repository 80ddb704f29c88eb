//! Total and subtotal lines in ledgers (`合计`, `本页合计`, `合计（元）`): rows that sum
//! others and are no record of their own, so that no payment is counted twice.

use crate::names::normalize::normalize;
use crate::sheet::Cell;

/// Whether a data row is a total or subtotal line (`合计`, `小计`, `总计`, `本页合计`,
/// `合计（元）`, `共计:`), not a record. A unit in brackets and a closing colon are dropped
/// before the words are compared; a word that only starts like one (`合计划`) is not one.
pub fn is_total_row(cells: &[Cell]) -> bool {
    const TOTALS: [&str; 12] = [
        "合计",
        "小计",
        "总计",
        "总合计",
        "累计",
        "共计",
        "本页合计",
        "本页小计",
        "本期合计",
        "本月合计",
        "本年合计",
        "累计合计",
    ];
    cells.iter().any(|c| {
        let t: String = normalize(&c.text())
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let bare = match t.find('(') {
            Some(open) if t.ends_with(')') => &t[..open],
            _ => t.as_str(),
        };
        let bare = bare.trim_end_matches(':');
        TOTALS.contains(&bare)
            || TOTALS
                .iter()
                .any(|w| t.strip_prefix(w).is_some_and(|rest| rest.starts_with(':')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_rows_are_not_records() {
        assert!(is_total_row(&[
            Cell::Text("合 计".into()),
            Cell::Number(1.0)
        ]));
        assert!(!is_total_row(&[Cell::Text("合计划".into())]));
        for total in [
            "合计（元）",
            "本页合计",
            "共计：",
            "总计:",
            "合计:壹佰万元",
            "小计(万元)",
        ] {
            assert!(is_total_row(&[Cell::Text(total.into())]), "{total}");
        }
        for record in ["合计划拨付", "累计拨付进度款", "共计三期"] {
            assert!(!is_total_row(&[Cell::Text(record.into())]), "{record}");
        }
    }
}
