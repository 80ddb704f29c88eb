//! Numbering in front of folder names (`01 `, `(二)`, `十、`, `第三部分`, `A1-2`), and what
//! stands in front of a file's paper: a clerk's order number (`07_`), an attachment's label
//! (`附件2:`).
//!
//! Clerks number their folders in every style; discovery (category folders) and
//! classification (stage folders) both read a folder's words after the numbering.

use std::sync::LazyLock;

use regex::Regex;

static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:第\s*[0-9一二三四五六七八九十]+\s*(?:部分|章|节|阶段|卷)?|\(\s*[0-9一二三四五六七八九十]+\s*\)|[0-9]+(?:\.[0-9]+)*|[一二三四五六七八九十]+[、.\s]|[a-z][0-9]+(?:[.\-][0-9]+)*)[\s.、_\-:)]*",
    )
    .expect("numbering pattern compiles")
});

/// Removes leading numbering from a normalised folder name (`01 可研` → `可研`).
pub fn strip_numbering(name: &str) -> String {
    NUMBERING.replace(name, "").trim().to_string()
}

/// `name` (normalised) without a clerk's order number in front: the file's place in its
/// folder (`07_预算`, `3-合同`, `(2)验收报告`, `01 施工许可证`), not the paper's words. Only
/// one to three digits followed by a separator count, so a year (`2023年…`), a quantity
/// (`3.5万元…`), a building (`2#楼…`) or a section (`1-2…`) stays; Chinese numerals stay too, as
/// they number a filing list's headings (`(五)竣工验收文件`), which rules read as headings.
pub fn without_order_number(name: &str) -> &str {
    let (digits, rest) = match name.strip_prefix('(') {
        Some(inner) => {
            let digits = leading_digits(inner);
            match inner[digits..].strip_prefix(')') {
                Some(rest) => (digits, rest),
                None => return name,
            }
        }
        None => {
            let digits = leading_digits(name);
            let rest = name[digits..].trim_start_matches(is_order_separator);
            if rest.len() == name.len() - digits {
                return name; // no separator: a year, a quantity, a code
            }
            (digits, rest)
        }
    };
    let rest = rest.trim_start_matches(is_order_separator);
    let starts_a_word = rest.chars().next().is_some_and(|c| !c.is_ascii_digit());
    if (1..=3).contains(&digits) && starts_a_word {
        rest
    } else {
        name
    }
}

/// `name` (normalised) without an attachment's label in front (`附件2:技术要求`,
/// `附件三-绩效目标表`, `附件:发票`): which attachment of a notice or a contract the file was,
/// not the paper's words. The label counts only with a separator after it, so a name whose
/// paper is the attachments themselves (`附件清单`, `附件1合同`) stays as it is.
pub fn without_attachment_label(name: &str) -> &str {
    let Some(rest) = name.strip_prefix("附件") else {
        return name;
    };
    let label = rest.trim_start_matches(' ');
    let after_number = label
        .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    let paper = after_number.trim_start_matches(is_attachment_separator);
    if paper.len() == after_number.len() || paper.is_empty() {
        name // no separator after the label, or nothing after it
    } else {
        paper
    }
}

/// A separator after an attachment's label: `附件2:`, `附件三-`, `附件1 `, `附件4、`.
fn is_attachment_separator(c: char) -> bool {
    matches!(c, ':' | '-' | '_' | '.' | '、' | ',' | ' ')
}

/// How many ASCII digits `text` starts with.
fn leading_digits(text: &str) -> usize {
    text.bytes().take_while(u8::is_ascii_digit).count()
}

/// A separator between an order number and a name: `07_`, `3-`, `1.`, `2、`, `01 `.
fn is_order_separator(c: char) -> bool {
    matches!(c, '_' | '-' | '.' | '、' | ' ' | ')')
}

#[cfg(test)]
mod tests {
    use super::{strip_numbering, without_attachment_label, without_order_number};

    #[test]
    fn numbering_of_every_style_is_removed() {
        assert_eq!(strip_numbering("01 固投类"), "固投类");
        assert_eq!(strip_numbering("(二)设备类"), "设备类");
        assert_eq!(strip_numbering("十、绩效"), "绩效");
        assert_eq!(strip_numbering("十堰项目"), "十堰项目");
    }

    /// A file's order number goes; a year, a quantity, a building's number, a section and a
    /// heading's Chinese numeral stay.
    #[test]
    fn a_files_order_number_is_not_its_paper() {
        for (name, paper) in [
            ("07_预算", "预算"),
            ("3-合同", "合同"),
            ("01 施工许可证", "施工许可证"),
            ("2、竣工验收报告", "竣工验收报告"),
            ("(2)验收报告", "验收报告"),
            ("12.监理规划", "监理规划"),
            ("2023年援疆计划", "2023年援疆计划"),
            ("2023_预算", "2023_预算"),
            ("3.5万元付款凭证", "3.5万元付款凭证"),
            ("2#楼竣工图", "2#楼竣工图"),
            ("1-2段施工合同", "1-2段施工合同"),
            ("(五)竣工验收文件", "(五)竣工验收文件"),
            ("10kv线路", "10kv线路"),
            ("07_", "07_"),
        ] {
            assert_eq!(without_order_number(name), paper, "{name}");
        }
    }

    /// An attachment's label goes when a separator follows it; a name about the attachments
    /// keeps its words.
    #[test]
    fn an_attachments_label_is_not_its_paper() {
        for (name, paper) in [
            ("附件2:技术要求", "技术要求"),
            ("附件1: 发票", "发票"),
            ("附件三-绩效目标表", "绩效目标表"),
            ("附件 2 实施方案", "实施方案"),
            ("附件:合同", "合同"),
            ("附件11 在职培训总结表", "在职培训总结表"),
            ("附件清单", "附件清单"),
            ("附件1合同", "附件1合同"),
            ("附件2:", "附件2:"),
            ("附件", "附件"),
        ] {
            assert_eq!(without_attachment_label(name), paper, "{name}");
        }
    }
}
