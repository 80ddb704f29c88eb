//! A name's last aside, and whether a text names a paper: how a list's note in brackets
//! (`…结算书(结算审核)`, `…内容(由建设单位提供)`) is told from the paper's own words.

/// `name` before the aside in round or square brackets that ends it (`…内容(由建设单位提供)`
/// → `…内容`), or `None` when it ends in none or is all aside.
pub(super) fn before_last_aside(name: &str) -> Option<&str> {
    let open = match name.chars().next_back()? {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let before = name[..name.rfind(open)?].trim_end();
    (!before.is_empty()).then_some(before)
}

/// The text of the aside in round or square brackets that ends `name` (`…结算书(结算审核)`
/// → `结算审核`), if it ends in one.
pub(super) fn last_aside(name: &str) -> Option<&str> {
    let open = match name.chars().next_back()? {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let start = name.rfind(open)? + open.len_utf8();
    name.get(start..name.len() - 1)
}

/// Words that say what kind of paper a text is: …结算书, …明细单, …的通知.
const FORM_WORDS: [&str; 22] = [
    "书", "表", "单", "报告", "证", "证明", "函", "意见", "记录", "清单", "合同", "协议", "批复",
    "通知", "纪要", "方案", "计划", "凭证", "发票", "请示", "册", "簿",
];

/// Whether `text` ends in a form word, so that it names a paper of its own rather than
/// labelling one (附件3).
pub(super) fn names_a_paper(text: &str) -> bool {
    let text = text.trim_end();
    FORM_WORDS.iter().any(|w| text.ends_with(w))
}

/// Whether `text` holds a form word anywhere: an aside that lists what a paper holds
/// (含…确定文件、…通知书等) still names papers; one that says how a list files it
/// (结算审核, 结算编审) names none.
pub(super) fn mentions_a_paper(text: &str) -> bool {
    FORM_WORDS.iter().any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name's last aside and the words before it; a note that files a paper mentions no
    /// paper, words that end in a form word name one.
    #[test]
    fn a_last_aside_is_told_from_the_paper() {
        let name = "施工单位送审的工程结算书(结算审核)";
        assert_eq!(before_last_aside(name), Some("施工单位送审的工程结算书"));
        assert_eq!(last_aside(name), Some("结算审核"));
        assert_eq!(last_aside("附件[竣工验收报告]"), Some("竣工验收报告"));
        assert_eq!(last_aside("竣工验收报告"), None);
        assert!(names_a_paper("施工单位送审的工程结算书"));
        assert!(!names_a_paper("附件3"));
        assert!(!mentions_a_paper("结算、决算编制"));
        assert!(mentions_a_paper("含采购结果通知书等"));
    }
}
