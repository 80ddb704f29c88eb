//! A name's last aside, and whether a text names a paper: how a list's note in brackets
//! (`…结算书(结算审核)`, `…内容(由建设单位提供)`) is told from the paper's own words.

/// `name` split at the aside in round or square brackets that ends it: the words before it
/// (trimmed, never empty) and the aside's text (`…结算书(结算审核)` → `…结算书`, `结算审核`);
/// `None` when it ends in none or is all aside. Brackets inside the aside are matched:
/// `结算书(含附表(结算审核))` splits at its first `(`.
pub(super) fn split_last_aside(name: &str) -> Option<(&str, &str)> {
    let close = name.chars().next_back()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, c) in name.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth -= 1;
            if depth == 0 {
                let before = name[..i].trim_end();
                let aside = &name[i + open.len_utf8()..name.len() - close.len_utf8()];
                return (!before.is_empty()).then_some((before, aside));
            }
        }
    }
    None
}

/// `name` before the aside in round or square brackets that ends it (`…内容(由建设单位提供)`
/// → `…内容`), or `None` when it ends in none or is all aside.
pub(super) fn before_last_aside(name: &str) -> Option<&str> {
    split_last_aside(name).map(|(before, _)| before)
}

/// Words that say what kind of paper a text is: …结算书, …明细单, …的通知. Kept here, not
/// in the rule files: they say how a name's shape is read (as the conjunctions that list
/// papers do), not what any document is called.
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

/// Whether an aside names papers: one of the items it lists (split at 、 , ; / 及 和, a
/// closing 等 dropped) ends in a form word or in 文件. An aside that lists what a paper holds
/// (含…确定文件、…通知书等) names papers; one that says how a list files it (结算审核,
/// 结算编审) or who hands it in (施工单位, 由建设单位提供) names none.
pub(super) fn names_papers(aside: &str) -> bool {
    aside
        .split(['、', ',', ';', '/', '及', '和'])
        .map(|item| item.trim().trim_end_matches('等'))
        .any(|item| names_a_paper(item) || item.ends_with("文件"))
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
        assert_eq!(
            split_last_aside(name),
            Some(("施工单位送审的工程结算书", "结算审核"))
        );
        assert_eq!(
            split_last_aside("附件[竣工验收报告]"),
            Some(("附件", "竣工验收报告"))
        );
        assert_eq!(
            split_last_aside("结算书(含附表(结算审核))"),
            Some(("结算书", "含附表(结算审核)"))
        );
        for none in ["竣工验收报告", "(结算审核)", ")", "()", "报告(a))"] {
            assert_eq!(split_last_aside(none), None, "{none}");
        }
        assert!(names_a_paper("施工单位送审的工程结算书"));
        assert!(!names_a_paper("附件3"));
        assert!(!names_papers("结算、决算编制"));
        assert!(!names_papers("施工单位"));
        assert!(!names_papers("由建设单位提供"));
        assert!(names_papers(
            "含采购人对采购结果的确定文件、采购结果通知书等"
        ));
        assert!(names_papers("可行性研究报告"));
    }
}
