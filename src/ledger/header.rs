//! Recognising a ledger by its header row, on any sheet, below any title rows.
//!
//! Each ledger kind has columns known by several names (`ARCHIVE-CONVENTIONS.md`). A header
//! cell is cleaned (folded, white space and line breaks removed, a unit in brackets taken
//! out) and matched to a column; the row that best fits one kind is the header. Columns a
//! ledger derives from others (`累计拨付`, `拨付比例`) are never mistaken for their source.

use std::collections::BTreeMap;

use crate::money::Unit;
use crate::names::normalize::{normalize, outside_brackets};
use crate::sheet::{Cell, Table};

/// The kinds of ledger guicang reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LedgerKind {
    /// 项目台账: one row per project.
    Projects,
    /// 资金下达: allocations of aid funds.
    Allocations,
    /// 合同台账: contracts.
    Contracts,
    /// 资金拨付台账: payments.
    Payments,
    /// 发票台账: invoices.
    Invoices,
}

/// Column synonyms of one kind: `(column key, names)`, and the keys that must all be present.
struct KindColumns {
    kind: LedgerKind,
    columns: &'static [(&'static str, &'static [&'static str])],
    required: &'static [&'static str],
    /// Of these, at least one must be present too.
    any_of: &'static [&'static str],
}

const PROJECT: (&str, &[&str]) = (
    "project",
    &["项目编号", "项目代码", "项目名称", "项目识别码"],
);

const KINDS: &[KindColumns] = &[
    KindColumns {
        kind: LedgerKind::Projects,
        columns: &[
            ("code", &["项目编号", "项目代码", "编号", "项目识别码"]),
            ("name", &["项目名称"]),
            ("category", &["项目类别", "项目类型", "类别", "项目分类"]),
            (
                "status",
                &["项目状态", "实施状态", "进展情况", "建设状态", "状态"],
            ),
            ("year", &["年度", "批次", "计划年度"]),
            ("construction", &["建设性质"]),
            (
                "total_investment",
                &["总投资", "概算总投资", "项目总投资", "项目总投资额"],
            ),
            ("aid_funds", &["援疆资金", "援疆资金额度", "计划下达资金"]),
            ("implementing_unit", &["实施单位", "建设单位", "项目单位"]),
            ("settlement", &["结算金额", "审定金额", "结算审定金额"]),
            (
                "planned_start",
                &["计划开工时间", "计划开工日期", "计划开工", "计划开始时间"],
            ),
            (
                "planned_finish",
                &[
                    "计划竣工时间",
                    "计划完工时间",
                    "计划完成时间",
                    "计划竣工日期",
                    "计划完工日期",
                    "计划竣工",
                    "计划完工",
                ],
            ),
            (
                "actual_start",
                &[
                    "实际开工时间",
                    "实际开工日期",
                    "实际开工",
                    "开工日期",
                    "开工时间",
                ],
            ),
            (
                "actual_finish",
                &[
                    "实际竣工时间",
                    "实际完工时间",
                    "实际竣工日期",
                    "实际完工日期",
                    "实际竣工",
                    "实际完工",
                    "竣工日期",
                    "完工日期",
                ],
            ),
            ("importance", &["重要性", "优先级", "重要程度", "项目等级"]),
            (
                "contacts",
                &[
                    "包联人",
                    "包联责任人",
                    "联系人",
                    "责任人",
                    "包联领导",
                    "双包联责任人",
                ],
            ),
        ],
        required: &["name"],
        any_of: &[
            "category",
            "status",
            "total_investment",
            "aid_funds",
            "construction",
        ],
    },
    KindColumns {
        kind: LedgerKind::Allocations,
        columns: &[
            PROJECT,
            ("document_no", &["文号", "下达文号", "计划下达文号"]),
            ("date", &["下达日期", "日期"]),
            ("amount", &["下达金额", "金额", "下达资金"]),
        ],
        required: &["amount"],
        any_of: &["document_no"],
    },
    KindColumns {
        kind: LedgerKind::Contracts,
        columns: &[
            PROJECT,
            ("contract_no", &["合同编号", "合同号"]),
            ("title", &["合同名称"]),
            ("kind", &["合同类型", "合同类别"]),
            ("date", &["签订日期", "签约日期"]),
            (
                "amount",
                &["合同金额", "合同价款", "合同价", "合同值", "中标价"],
            ),
            ("counterparty", &["乙方", "供应商", "承包单位", "中标单位"]),
            ("procurement", &["采购方式", "招标方式"]),
            (
                "settlement",
                &["结算金额", "审定金额", "结算审定金额", "结算价"],
            ),
        ],
        required: &["contract_no", "amount"],
        any_of: &[],
    },
    KindColumns {
        kind: LedgerKind::Payments,
        columns: &[
            PROJECT,
            ("contract_no", &["合同编号", "合同号"]),
            ("date", &["拨付日期", "支付日期", "付款日期", "日期"]),
            (
                "amount",
                &["拨付金额", "支付金额", "本次拨付", "本次支付", "付款金额"],
            ),
            (
                "voucher_no",
                &["凭证号", "凭证编号", "记账凭证号", "支付凭证号"],
            ),
            ("payee", &["收款单位", "收款人"]),
            ("kind", &["款项性质", "支付类型"]),
            ("invoice_no", &["发票号", "发票号码"]),
            (
                "cumulative",
                &[
                    "累计拨付",
                    "累计拨付金额",
                    "累计支付",
                    "累计支付金额",
                    "累计已付金额",
                ],
            ),
            (
                "ratio",
                &[
                    "拨付比例",
                    "支付比例",
                    "拨付率",
                    "累计拨付比例",
                    "累计支付比例",
                ],
            ),
        ],
        required: &["amount"],
        any_of: &["date", "voucher_no"],
    },
    KindColumns {
        kind: LedgerKind::Invoices,
        columns: &[
            PROJECT,
            ("contract_no", &["合同编号", "合同号"]),
            ("invoice_no", &["发票号", "发票号码"]),
            ("date", &["开票日期"]),
            ("amount", &["发票金额", "价税合计"]),
        ],
        required: &["invoice_no", "amount"],
        any_of: &[],
    },
];

/// Words that mark a derived or summary column, never a source column.
const DERIVED_MARKERS: [&str; 7] = ["累计", "比例", "率", "未拨付", "未付", "剩余", "余额"];

/// How many rows from the top of a sheet are searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// A recognised header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The kind of ledger.
    pub kind: LedgerKind,
    /// Index into the table's rows of the header row (the upper one of a two-row header).
    pub row_index: usize,
    /// Index into the table's rows of the first row below the header.
    pub data_start: usize,
    /// Column key → 0-based column index.
    pub columns: BTreeMap<&'static str, usize>,
    /// Column index → unit named in its header cell.
    pub units: BTreeMap<usize, Unit>,
    /// The unit a unit row above the header names (`单位：万元`), if any.
    pub table_unit: Option<Unit>,
    /// Fields headed on more than one column: only the first column is read.
    pub duplicates: Vec<DuplicateColumn>,
}

/// A field headed on a second column (two 拨付金额): the first is read, this one ignored.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateColumn {
    /// The column key.
    pub key: &'static str,
    /// The header text of the ignored column, cleaned.
    pub text: String,
    /// Row index (into the table's rows) and column of the header cell that is read.
    pub kept: (usize, usize),
    /// Row index and column of the header cell that is ignored.
    pub ignored: (usize, usize),
}

impl Header {
    /// The unit of money in `column`: the header's, else the unit row's, else yuan.
    pub fn unit_of(&self, column: usize) -> Unit {
        self.units
            .get(&column)
            .copied()
            .or(self.table_unit)
            .unwrap_or(Unit::Yuan)
    }
}

/// Cleans a header cell: folded, without white space or `*`, the unit in brackets removed.
pub fn clean_header(text: &str) -> (String, Option<Unit>) {
    let folded: String = normalize(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect();
    let unit = Unit::named_in(&folded);
    let out = outside_brackets(&folded, &['(', '['], &[')', ']']);
    let out = out
        .trim_end_matches("万元")
        .trim_end_matches('元')
        .trim_end_matches(['/', ':'])
        .to_string();
    (out, unit)
}

/// Matches a cleaned header text to a column key of `kind`.
fn column_key(kind: &KindColumns, text: &str) -> Option<&'static str> {
    if text.is_empty() {
        return None;
    }
    if let Some((key, _)) = kind.columns.iter().find(|(_, names)| names.contains(&text)) {
        return Some(key);
    }
    if DERIVED_MARKERS.iter().any(|m| text.contains(m)) {
        return None;
    }
    kind.columns
        .iter()
        .flat_map(|(key, names)| names.iter().map(move |n| (*key, *n)))
        .filter(|(_, name)| name.chars().count() >= 3 && text.contains(name))
        .max_by_key(|(_, name)| name.len())
        .map(|(key, _)| key)
}

/// Finds the header of `table`: the row among the first rows that best fits one kind.
pub fn detect(table: &Table) -> Option<Header> {
    let cleaned: Vec<Vec<(String, Option<Unit>)>> = table
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS + 1)
        .map(|row| row.cells.iter().map(clean_cell).collect())
        .collect();
    let mut best: Option<(usize, Header)> = None;
    for row_index in 0..cleaned.len().min(HEADER_SEARCH_ROWS) {
        let below = cleaned
            .get(row_index + 1)
            .filter(|_| could_continue_header(&table.rows[row_index + 1].cells));
        for kind in KINDS {
            let (mut columns, mut units, same_row) =
                map_columns(kind, &cleaned[row_index], &BTreeMap::new());
            let mut duplicates = located(same_row, row_index, row_index);
            let mut data_start = row_index + 1;
            // A two-row header: group titles above (`投资情况(万元)`), column names below.
            if let Some(below) = below.filter(|_| !columns.is_empty()) {
                let (more, more_units, below_duplicates) = map_columns(kind, below, &columns);
                if !more.is_empty() {
                    duplicates.extend(located(below_duplicates, row_index, row_index + 1));
                    for (key, column) in more {
                        columns.insert(key, column);
                        let group_unit = cleaned[row_index]
                            [..=column.min(cleaned[row_index].len().saturating_sub(1))]
                            .iter()
                            .rev()
                            .find(|(text, _)| !text.is_empty())
                            .and_then(|(_, unit)| *unit);
                        if let Some(unit) = more_units.get(&column).copied().or(group_unit) {
                            units.insert(column, unit);
                        }
                    }
                    data_start = row_index + 2;
                }
            }
            let fits = kind.required.iter().all(|k| columns.contains_key(k))
                && (kind.any_of.is_empty() || kind.any_of.iter().any(|k| columns.contains_key(k)));
            let score = columns.len();
            if fits && best.as_ref().is_none_or(|(s, _)| score > *s) {
                let table_unit = unit_row_above(table, row_index);
                best = Some((
                    score,
                    Header {
                        kind: kind.kind,
                        row_index,
                        data_start,
                        columns,
                        units,
                        table_unit,
                        duplicates,
                    },
                ));
            }
        }
    }
    best.map(|(_, header)| header)
}

fn clean_cell(cell: &Cell) -> (String, Option<Unit>) {
    match cell {
        Cell::Text(t) => clean_header(t),
        _ => (String::new(), None),
    }
}

/// Whether a row holds only text (a header row, not data).
/// Whether a row could be the second row of a header: text only, something written, and
/// no cell that reads as a date or an amount (a CSV ledger's first record is all text too,
/// and a note in it may name a column: `合同编号见附件`).
fn could_continue_header(cells: &[Cell]) -> bool {
    let is_value = |c: &Cell| match c {
        Cell::Text(t) => {
            let t = t.trim();
            crate::dates::parse_date(t).is_some()
                || (t.chars().any(|c| c.is_ascii_digit())
                    && crate::money::parse_amount(t, Unit::Yuan).is_ok())
        }
        _ => false,
    };
    cells
        .iter()
        .all(|c| matches!(c, Cell::Text(_) | Cell::Empty))
        && cells.iter().any(|c| !c.is_blank())
        && !cells.iter().any(is_value)
}

/// A field found on a second column of a row, before the header row is known:
/// `(key, text, kept column, whether the kept column is in the row above, ignored column)`.
type RowDuplicate = (&'static str, String, usize, bool, usize);

/// Maps the cleaned cells of one row to column keys of `kind`, skipping keys in `taken`
/// (the row above); also returns the fields found on a second column.
///
/// `项目编号` beside `项目名称` both name the project and are not a duplicate (the code is
/// read); any other field on two columns is, as is the project heading repeated word for
/// word.
fn map_columns(
    kind: &KindColumns,
    row: &[(String, Option<Unit>)],
    taken: &BTreeMap<&'static str, usize>,
) -> (
    BTreeMap<&'static str, usize>,
    BTreeMap<usize, Unit>,
    Vec<RowDuplicate>,
) {
    let mut columns: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut units = BTreeMap::new();
    let mut duplicates = Vec::new();
    for (index, (text, unit)) in row.iter().enumerate() {
        if taken.values().any(|&c| c == index) {
            continue;
        }
        let Some(key) = column_key(kind, text) else {
            continue;
        };
        if let Some(&above) = taken.get(key) {
            duplicates.push((key, text.clone(), above, true, index));
            continue;
        }
        match columns.get(key) {
            Some(&first) if key != PROJECT.0 || row[first].0 == *text => {
                duplicates.push((key, text.clone(), first, false, index));
            }
            // 项目编号 beside 项目名称: the code is read, whichever comes first (a name
            // is often written shorter than the archive has it; a code is exact).
            Some(&first) if row[first].0.contains("名称") && !text.contains("名称") => {
                columns.insert(key, index);
            }
            Some(_) => {}
            None => {
                columns.insert(key, index);
                if let Some(unit) = unit {
                    units.insert(index, *unit);
                }
            }
        }
    }
    (columns, units, duplicates)
}

/// The duplicates of one row with the rows they lie in: `row` for the ignored cell,
/// `above` for a kept cell in the row above.
fn located(duplicates: Vec<RowDuplicate>, above: usize, row: usize) -> Vec<DuplicateColumn> {
    duplicates
        .into_iter()
        .map(|(key, text, kept, in_row_above, ignored)| DuplicateColumn {
            key,
            text,
            kept: (if in_row_above { above } else { row }, kept),
            ignored: (row, ignored),
        })
        .collect()
}

/// The unit a row above the header names (`单位：万元`).
fn unit_row_above(table: &Table, header_index: usize) -> Option<Unit> {
    table.rows[..header_index].iter().rev().find_map(|row| {
        row.cells.iter().find_map(|c| {
            let text = normalize(&c.text());
            if text.contains("单位") {
                Unit::named_in(&text)
            } else {
                None
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::Row;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            sheet: "Sheet1".into(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i as u32 + 1,
                    cells: cells
                        .iter()
                        .map(|t| {
                            if t.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(t.to_string())
                            }
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn cleans_units_brackets_and_line_breaks() {
        assert_eq!(
            clean_header("总投资\n（万元）"),
            ("总投资".to_string(), Some(Unit::TenThousandYuan))
        );
        assert_eq!(clean_header(" 项目 名称 *"), ("项目名称".to_string(), None));
        assert_eq!(
            clean_header("金额(元)"),
            ("金额".to_string(), Some(Unit::Yuan))
        );
    }

    #[test]
    fn finds_a_project_header_below_title_and_unit_rows() {
        let t = table(&[
            &["麦盖提县2023年援疆项目台账"],
            &["", "", "", "单位：万元"],
            &[
                "序号",
                "项目编号",
                "项目名称",
                "项目类别",
                "项目状态",
                "总投资",
                "援疆资金\n(万元)",
                "累计拨付",
            ],
            &[
                "1",
                "MGT-2023-001",
                "教学楼",
                "固投类",
                "已完工",
                "1250.5",
                "1200",
                "800",
            ],
        ]);
        let h = detect(&t).expect("header");
        assert_eq!(h.kind, LedgerKind::Projects);
        assert_eq!(h.row_index, 2);
        assert_eq!(h.columns["code"], 1);
        assert_eq!(h.columns["aid_funds"], 6);
        assert_eq!(h.unit_of(5), Unit::TenThousandYuan);
        assert!(!h.columns.values().any(|&c| c == 7), "累计拨付 is derived");
    }

    #[test]
    fn tells_payment_ledgers_from_project_ledgers() {
        let t = table(&[&[
            "项目编号",
            "合同编号",
            "拨付日期",
            "拨付金额(元)",
            "凭证号",
            "累计拨付",
        ]]);
        let h = detect(&t).expect("header");
        assert_eq!(h.kind, LedgerKind::Payments);
        assert_eq!(h.columns["amount"], 3);
        assert_eq!(h.columns.get("contract_no"), Some(&1));
    }

    #[test]
    fn the_project_code_is_read_beside_the_name_whichever_comes_first() {
        for head in [
            ["项目名称", "项目编号", "拨付日期", "拨付金额"],
            ["项目编号", "项目名称", "拨付日期", "拨付金额"],
        ] {
            let h = detect(&table(&[&head])).expect("header");
            let code = head.iter().position(|h| *h == "项目编号");
            assert_eq!(h.columns.get("project").copied(), code, "{head:?}");
            assert!(h.duplicates.is_empty(), "{head:?}");
        }
    }

    #[test]
    fn a_first_record_of_text_is_no_second_header_row() {
        // A CSV ledger is all text; the note of the first record names a column.
        let t = table(&[
            &["项目编号", "拨付日期", "拨付金额", "凭证号", "备注"],
            &[
                "MGT-2023-001",
                "2023-06-15",
                "1200000.00",
                "记-0032",
                "合同编号见附件",
            ],
        ]);
        let h = detect(&t).expect("header");
        assert_eq!(h.kind, LedgerKind::Payments);
        assert_eq!(h.row_index, 0);
        assert_eq!(h.data_start, 1, "the record is read");
        assert_eq!(h.columns.get("contract_no"), None);
    }

    #[test]
    fn reads_two_row_headers_with_group_units() {
        let t = table(&[
            &["麦盖提县援疆项目台账"],
            &[
                "项目代码",
                "项目名称",
                "项目类别",
                "项目状态",
                "投资情况\n（万元）",
                "",
            ],
            &["", "", "", "", "总投资", "援疆资金"],
            &["MGT-1", "学校", "固投类", "在建", "120", "100"],
        ]);
        let h = detect(&t).expect("header");
        assert_eq!(h.kind, LedgerKind::Projects);
        assert_eq!((h.row_index, h.data_start), (1, 3));
        assert_eq!(h.columns["total_investment"], 4);
        assert_eq!(h.columns["aid_funds"], 5);
        assert_eq!(
            h.unit_of(4),
            Unit::TenThousandYuan,
            "the group title's unit applies below it"
        );
        assert_eq!(h.unit_of(5), Unit::TenThousandYuan);
    }

    #[test]
    fn a_field_on_two_columns_is_a_duplicate() {
        let t = table(&[
            &["标题"],
            &[
                "项目编号",
                "项目名称",
                "拨付日期",
                "拨付金额",
                "凭证号",
                "拨付金额（元）",
            ],
        ]);
        let h = detect(&t).expect("header");
        assert_eq!(h.columns["amount"], 3, "the first is read");
        assert_eq!(
            h.duplicates,
            vec![DuplicateColumn {
                key: "amount",
                text: "拨付金额".into(),
                kept: (1, 3),
                ignored: (1, 5),
            }],
            "项目编号 beside 项目名称 is no duplicate"
        );
        let twice = table(&[&["项目编号", "拨付金额", "凭证号", "项目编号"]]);
        assert_eq!(detect(&twice).expect("header").duplicates.len(), 1);
    }

    #[test]
    fn no_header_in_free_text() {
        assert_eq!(detect(&table(&[&["说明"], &["这是一份会议纪要"]])), None);
    }
}
