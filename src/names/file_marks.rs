//! What a file's copy says about the copy, at the end of its name: `(盖章)`, `-扫描件`,
//! `(1)`, `_20230512`, `v2`, `【已签章】`, a second extension (`…的批复.pdf.pdf`).
//!
//! Clerks and scanners add these to any document's name; they never change what the paper
//! is. A rule that reads a name's end (a procedure `…流程`, a list `…内容`, an application
//! `…的申请`) must see the paper's own last word, so names are judged without them.

/// `name` (normalised) without the marks of its copy at its end; `name` itself when it has
/// none. What is left is never empty: a name that is all marks is returned as it is.
pub fn without_file_marks(name: &str) -> &str {
    let mut rest = name;
    while let Some(shorter) = strip_one(rest) {
        if shorter.trim().is_empty() {
            break;
        }
        rest = shorter;
    }
    rest
}

/// Words that say what a copy is: signed, scanned, final, a draft for review.
const MARKS: [&str; 32] = [
    "盖章版",
    "签章版",
    "签字版",
    "签字盖章版",
    "签字盖章",
    "已盖章",
    "已签章",
    "已签字",
    "盖章",
    "签章",
    "扫描件",
    "扫描版",
    "扫描",
    "复印件",
    "影印件",
    "副本",
    "原件",
    "定稿",
    "终稿",
    "最终稿",
    "最终版",
    "修订稿",
    "修改稿",
    "修改版",
    "送审稿",
    "报批稿",
    "正式版",
    "电子版",
    "打印版",
    "pdf版",
    "word版",
    "新版",
];

/// Extensions a name can carry inside it when a file was saved twice (`.pdf.pdf`).
const INNER_EXTENSIONS: [&str; 12] = [
    ".pdf", ".ofd", ".docx", ".doc", ".wps", ".xlsx", ".xls", ".jpeg", ".jpg", ".png", ".tif",
    ".tiff",
];

/// Separators between a name and a mark: `-扫描件`, `_20230512`, ` - 副本`.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | '_' | ' ' | '.' | '~' | '—')
}

/// One mark off the end of `name`, with the separators before it, if it ends in one.
fn strip_one(name: &str) -> Option<&str> {
    let trimmed = name.trim_end_matches(is_separator);
    if trimmed.len() < name.len() {
        return Some(trimmed);
    }
    if let Some(shorter) = INNER_EXTENSIONS.iter().find_map(|e| name.strip_suffix(e)) {
        return Some(shorter);
    }
    if let Some(shorter) = MARKS.iter().find_map(|m| name.strip_suffix(m)) {
        return Some(shorter);
    }
    if let Some(shorter) = strip_bracketed_mark(name) {
        return Some(shorter);
    }
    strip_date_or_version(name)
}

/// A bracket at the end that holds only a mark, a copy number or a year: `(盖章)`, `(1)`,
/// `[已签章]`, `(2023年)`, `(定稿)`.
fn strip_bracketed_mark(name: &str) -> Option<&str> {
    let close = name.chars().next_back()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let inside_start = name[..name.len() - close.len_utf8()].rfind(open)?;
    let inside = &name[inside_start + open.len_utf8()..name.len() - close.len_utf8()];
    let is_mark = MARKS.contains(&inside)
        || (!inside.is_empty() && inside.len() <= 2 && inside.bytes().all(|b| b.is_ascii_digit()))
        || is_year(inside);
    is_mark.then(|| &name[..inside_start])
}

/// `2023`, `2023年`, `2023年度`.
fn is_year(text: &str) -> bool {
    let digits = text.trim_end_matches('度').trim_end_matches('年');
    digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && digits.starts_with('2')
}

/// A date stamp (`20230512`, `2023-05-12` after a separator is gone) or a version (`v2`,
/// `v1.3`) at the end, after a separator or a character that is no digit or letter.
fn strip_date_or_version(name: &str) -> Option<&str> {
    let digits_start = name
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let (head, tail) = name.split_at(digits_start);
    if let Some(version) = head.strip_suffix('v')
        && tail.starts_with(|c: char| c.is_ascii_digit())
        && !version.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Some(version);
    }
    let is_date = tail.len() == 8
        && tail.bytes().all(|b| b.is_ascii_digit())
        && tail.starts_with('2')
        && !head.ends_with(|c: char| c.is_ascii_alphanumeric());
    is_date.then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_of_the_copy_come_off_the_end() {
        for (name, paper) in [
            ("竣工验收报告(盖章)", "竣工验收报告"),
            ("竣工验收报告-扫描件", "竣工验收报告"),
            ("竣工验收报告 - 副本", "竣工验收报告"),
            ("竣工验收报告(1)", "竣工验收报告"),
            ("竣工验收报告_20230512", "竣工验收报告"),
            ("竣工验收报告v2", "竣工验收报告"),
            ("竣工验收报告-v1.3", "竣工验收报告"),
            ("竣工验收报告[已签章]", "竣工验收报告"),
            ("竣工验收报告(定稿)(1)", "竣工验收报告"),
            ("可行性研究报告的批复.pdf", "可行性研究报告的批复"),
            ("施工合同(2023年)", "施工合同"),
            ("施工合同盖章版", "施工合同"),
        ] {
            assert_eq!(without_file_marks(name), paper, "{name}");
        }
    }

    #[test]
    fn what_the_paper_says_stays() {
        for name in [
            "可行性研究报告(代项目建议书)",
            "工程款支付申请表(表b.0.11)",
            "建筑工程施工质量验收统一标准gb50300-2013",
            "监理月报(第12期)",
            "资金拨付凭证1号",
            "关于下达2023年援疆项目计划的通知",
            "(盖章)",
            "施工许可证",
            "会议纪要v",
            "凭证20230512号",
        ] {
            assert_eq!(without_file_marks(name), name, "{name}");
        }
    }
}
