//! What a file's copy says about the copy, at the end of its name: `(盖章)`, `-扫描件`,
//! `(1)`, `_20230512`, `v2`, `【已签章】`, a second extension (`…的批复.pdf.pdf`).
//!
//! Clerks and scanners add these to any document's name; they never change what the paper
//! is. A rule that reads a name's end (a procedure `…流程`, a list `…内容`, an application
//! `…的申请`) must see the paper's own last word, so names are judged without them.

/// The words of `name` (normalised) that say what the paper is: without the marks of its
/// copy at its end ([`without_file_marks`]), without a clerk's order number in front
/// ([`without_order_number`](super::numbering::without_order_number)) or an attachment's
/// label ([`without_attachment_label`](super::numbering::without_attachment_label)), and
/// without book-title marks that quote it whole
/// ([`without_title_marks`](super::normalize::without_title_marks)).
/// Every reading of a name's paper starts from them.
pub fn paper_words(name: &str) -> &str {
    use super::numbering::{without_attachment_label, without_order_number};
    let words = without_attachment_label(without_order_number(without_file_marks(name)));
    super::normalize::without_title_marks(words)
}

/// `name` (normalised) without the marks of its copy at its end; `name` itself when it has
/// none. What is left is never empty: a name that is all marks is returned as it is.
pub fn without_file_marks(name: &str) -> &str {
    // Most names end in a word of the paper (…报告, …批复): one look at the last character
    // settles them, as every mark ends in a bracket, a digit, a letter, a separator or one of
    // a few characters.
    if !name.chars().next_back().is_some_and(may_end_a_mark) {
        return name;
    }
    let mut rest = name;
    while let Some(shorter) = strip_one(rest) {
        if shorter.trim().is_empty() {
            break;
        }
        rest = shorter;
    }
    rest
}

/// Whether `c` can be the last character of a mark: a bracket, an ASCII character (digits,
/// separators, `v2`, `.pdf`), `—`, or the last character of a word of [`MARKS`] or of a
/// copy count (…份).
fn may_end_a_mark(c: char) -> bool {
    c.is_ascii()
        || matches!(
            c,
            '—' | '份' | '版' | '章' | '字' | '件' | '描' | '本' | '稿'
        )
}

/// Words that say what a copy is: signed, scanned, final, a draft for review. A list that
/// asks for both the original and a copy (…原件及复印件) names them together; those come
/// before 复印件 alone, which ends them.
const MARKS: [&str; 38] = [
    "原件及复印件",
    "原件和复印件",
    "原件或复印件",
    "原件、复印件",
    "原件,复印件",
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
    "终版",
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

/// One mark off the end of `name`, with the separators before it, if it ends in one. The
/// last character says which kind of mark it can be, so each name pays for one check.
fn strip_one(name: &str) -> Option<&str> {
    let last = name.chars().next_back()?;
    match last {
        _ if is_separator(last) => Some(name.trim_end_matches(is_separator)),
        ')' | ']' => strip_bracketed_mark(name),
        '份' => strip_copy_count(name),
        '0'..='9' => strip_date_or_version(name),
        'a'..='z' => INNER_EXTENSIONS.iter().find_map(|e| name.strip_suffix(e)),
        _ => MARKS.iter().find_map(|m| name.strip_suffix(m)),
    }
}

/// How many copies a list wants, at the end: `一份`, `各一份`, `2份`, `一式三份`.
fn strip_copy_count(name: &str) -> Option<&str> {
    let head = name.strip_suffix('份')?;
    let count = head.trim_end_matches(|c: char| c.is_ascii_digit() || "一两二三四五六".contains(c));
    if count.len() == head.len() {
        return None;
    }
    let count = count
        .strip_suffix("一式")
        .or_else(|| count.strip_suffix('各'))
        .unwrap_or(count);
    Some(count)
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
        || is_year(inside)
        || is_copy_note(inside);
    is_mark.then(|| &name[..inside_start])
}

/// Words of a filing list's note on the copies it wants: `(原件及复印件)`, `(加盖公章)`,
/// `(如有)`, `(见附件)`, `(一式三份)`, `(纸质版、电子版各一份)`.
const NOTE_WORDS: [&str; 30] = [
    "单位公章",
    "加盖",
    "公章",
    "盖章",
    "签字",
    "签章",
    "原件",
    "复印件",
    "影印件",
    "扫描件",
    "副本",
    "正本",
    "纸质版",
    "电子版",
    "电子文档",
    "pdf",
    "格式",
    "如有",
    "如需",
    "若有",
    "见附件",
    "附件",
    "一式",
    "核验",
    "查验",
    "备查",
    "提供",
    "需",
    "各",
    "份",
];

/// Whether the text of a bracket is only a note on the copies a list wants (see
/// [`NOTE_WORDS`]), joined by 及, 和, 、 and counted in digits or Chinese numerals.
fn is_copy_note(inside: &str) -> bool {
    let mut rest = inside;
    let mut words = 0;
    while !rest.is_empty() {
        if let Some(after) = NOTE_WORDS.iter().find_map(|w| rest.strip_prefix(w)) {
            rest = after;
            words += 1;
        } else {
            let mut chars = rest.chars();
            let joiner = chars.next().is_some_and(|c| {
                c.is_ascii_digit() || "及和与、,/ 一二两三四五六七八九十".contains(c)
            });
            if !joiner {
                return false;
            }
            rest = chars.as_str();
        }
    }
    words > 0
}

/// `2023`, `2023年`, `2023年度`.
fn is_year(text: &str) -> bool {
    let digits = text.trim_end_matches('度').trim_end_matches('年');
    digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && digits.starts_with('2')
}

/// A date stamp (`20230512`, `2023-05-12` after a separator is gone) after a separator or a
/// character that is no digit or letter, or a version (`v2`, `v1.3`) at the end after
/// anything but an ASCII letter (`…方案3v2`: the copy's version after a name's own number).
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
        && !version.ends_with(|c: char| c.is_ascii_alphabetic())
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
            ("实施细则方案3v2", "实施细则方案3"),
            ("竣工验收报告[已签章]", "竣工验收报告"),
            ("竣工验收报告(定稿)(1)", "竣工验收报告"),
            ("可行性研究报告的批复.pdf", "可行性研究报告的批复"),
            ("施工合同(2023年)", "施工合同"),
            ("施工合同盖章版", "施工合同"),
            ("中标通知书(原件及复印件各一份)", "中标通知书"),
            ("建设工程规划许可证(复印件加盖公章)", "建设工程规划许可证"),
            ("发票查验证明(如需)", "发票查验证明"),
            ("竣工验收报告一式三份", "竣工验收报告"),
            ("钢结构制作方案 终版 终版", "钢结构制作方案"),
            ("施工合同复印件1份", "施工合同"),
            ("监理规划(纸质版、电子版各一份)", "监理规划"),
            ("建设工程规划许可证原件或复印件", "建设工程规划许可证"),
            ("购机发票原件及复印件", "购机发票"),
            ("发票原件、复印件", "发票"),
        ] {
            assert_eq!(without_file_marks(name), paper, "{name}");
        }
    }

    #[test]
    fn the_fast_path_lets_every_mark_through() {
        for mark in MARKS {
            let last = mark.chars().next_back().unwrap();
            assert!(may_end_a_mark(last), "{mark}");
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
            "施工进度报表(5月份)",
            "某建设股份",
            "工程款支付申请表(表b.0.11)",
            "会议纪要v",
            "凭证20230512号",
        ] {
            assert_eq!(without_file_marks(name), name, "{name}");
        }
    }
}
