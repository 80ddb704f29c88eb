//! The items of a name that lists several papers: 招标文件、招标答疑纪要、招标补遗 names the
//! tender documents, the minutes of the bidders' questions and the addenda; 可行性研究报告及
//! 评审文件 names the report and its review.
//!
//! A document's `exclude` words say what a name about the document is when it is not the
//! document (评审 makes 可行性研究报告评审意见 a review). In a list they may belong to a later
//! item only: the report is still in the list. So an exclude in a later item than a match
//! does not veto it ([`Matcher`](super::matcher::Matcher) asks); one in an earlier item still
//! does, as it qualifies the whole list (民防地下室建设意见征询单及初步设计审查意见书). A
//! name whose list is followed by 的 or 等 (可行性研究报告及初步设计的批复, 装箱单、合格证
//! 等文件) is one paper about the listed things, or a heading, and is read whole.

use std::ops::Range;

/// Words and marks that separate the items of a list. Fewer than what may follow a match
/// (`matcher`'s conjunctions): 附 and 含 start parts of one paper (附件, 含税), and 与, 和 and
/// 或 join the words of one title (用地预审与选址意见书, 用地预审和选址意见书申请材料,
/// 中标或成交通知书).
const SEPARATORS: [&str; 6] = ["以及", "及", "、", ",", ";", "/"];

/// The byte ranges of the items of `name`, in order; one range, the whole name, when it
/// lists nothing, or when a 的 or 等 after its first separator makes it one paper about
/// the listed things (…及初步设计的批复, 装箱单、合格证、使用说明书等文件).
pub fn list_items(name: &str) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < name.len() {
        let rest = &name[at..];
        match SEPARATORS.iter().find(|s| rest.starts_with(*s)) {
            Some(separator) => {
                if items.is_empty() && name[at..].contains(['的', '等']) {
                    return std::iter::once(0..name.len()).collect();
                }
                items.push(start..at);
                at += separator.len();
                start = at;
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    items.push(start..name.len());
    items
}

/// Whether two byte ranges share a byte.
fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether no item up to the last one the byte range `found` touches is `excluded`
/// (parallel to `items`): an exclude in an earlier item (民防…及初步设计审查意见书,
/// 发包人供应材料及设备签收单) qualifies the whole list, one in a later item names another
/// paper of it.
pub fn before_excluded_items(
    found: &Range<usize>,
    items: &[Range<usize>],
    excluded: &[bool],
) -> bool {
    items
        .iter()
        .zip(excluded)
        .take_while(|(item, _)| item.start < found.end)
        .all(|(_, excluded)| !excluded)
}

/// For each of `items`, whether a match of any of `excludes` in `name` touches it.
pub fn excluded_items<'r>(
    name: &str,
    items: &[Range<usize>],
    excludes: impl IntoIterator<Item = &'r regex::Regex>,
) -> Vec<bool> {
    let mut excluded = vec![false; items.len()];
    for found in excludes.into_iter().flat_map(|re| re.find_iter(name)) {
        for (item, flag) in items.iter().zip(excluded.iter_mut()) {
            *flag |= overlap(item, &found.range());
        }
    }
    excluded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(name: &str) -> Vec<&str> {
        list_items(name).into_iter().map(|r| &name[r]).collect()
    }

    #[test]
    fn a_list_is_split_into_its_items() {
        assert_eq!(
            texts("招标文件、招标图纸、招标答疑纪要、招标补遗"),
            ["招标文件", "招标图纸", "招标答疑纪要", "招标补遗"]
        );
        assert_eq!(
            texts("项目可行性研究报告及评审文件"),
            ["项目可行性研究报告", "评审文件"]
        );
        assert_eq!(texts("竣工验收报告"), ["竣工验收报告"]);
    }

    #[test]
    fn a_list_followed_by_de_is_one_paper() {
        assert_eq!(
            texts("关于可行性研究报告及初步设计的批复"),
            ["关于可行性研究报告及初步设计的批复"]
        );
        assert_eq!(
            texts("装箱单、合格证、使用说明书等文件"),
            ["装箱单、合格证、使用说明书等文件"]
        );
        // A 的 before the list does not join it.
        assert_eq!(
            texts("监理单位的监理规划及监理细则"),
            ["监理单位的监理规划", "监理细则"]
        );
    }

    #[test]
    fn an_exclude_touches_only_its_items() {
        let name = "项目可行性研究报告及评审文件";
        let items = list_items(name);
        let excludes = [regex::Regex::new("评审").unwrap()];
        let excluded = excluded_items(name, &items, &excludes);
        assert_eq!(excluded, [false, true]);
        let report = name.find("可行性研究报告").unwrap();
        assert!(before_excluded_items(
            &(report..report + "可行性研究报告".len()),
            &items,
            &excluded
        ));
        let review = name.find("评审").unwrap();
        assert!(!before_excluded_items(
            &(review..review + "评审".len()),
            &items,
            &excluded
        ));
        // An exclude in an earlier item qualifies the whole list.
        let name = "民防地下室建设意见征询单及初步设计审查意见书";
        let items = list_items(name);
        let excluded = excluded_items(name, &items, &[regex::Regex::new("民防").unwrap()]);
        let design = name.find("初步设计").unwrap();
        assert!(!before_excluded_items(
            &(design..name.len()),
            &items,
            &excluded
        ));
    }
}
