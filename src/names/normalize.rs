//! Name normalisation: the one form in which file and folder names are matched.
//!
//! Clerks type names with full-width brackets and digits, in Traditional or Simplified
//! characters, in any case. Every name is folded once, before any pattern sees it:
//! Unicode NFC, full-width → half-width, Traditional → Simplified, lower case, runs of
//! white space → one space, and no space between two Han characters (`招 标 文 件`,
//! `…工作的 通知`), and a few variant spellings (帐 → 账, 纪录 → 记录). Rule patterns are written
//! in the same folded form.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Folds `name` into the form that patterns match.
pub fn normalize(name: &str) -> String {
    // Nearly every name is already in NFC, which a quick check says without composing.
    let width_folded: String = match is_nfc_quick(name.chars()) {
        IsNormalized::Yes => name.chars().map(fold_width).collect(),
        IsNormalized::No | IsNormalized::Maybe => name.nfc().map(fold_width).collect(),
    };
    let simplified = super::traditional::to_simplified(&width_folded);
    let mut out = String::with_capacity(simplified.len());
    // A run of white space is written as one space when the next character comes, and
    // not at all at either end or between two Han characters.
    let mut space_pending = false;
    let mut last: Option<char> = None;
    let mut push = |c: char| {
        let c = fold_variant(c);
        if c.is_whitespace() {
            space_pending = last.is_some();
            return;
        }
        if space_pending && !closes_up(&out, last, c) {
            out.push(' ');
        }
        space_pending = false;
        out.push(c);
        last = Some(c);
    };
    for c in simplified.chars() {
        // A Han character has no case: only the others are looked up.
        if is_han(c) {
            push(c);
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
    fold_record_word(out)
}

/// Folds 纪录 to 记录: Taiwan writes a record 紀錄 (驗收紀錄, 會議紀錄), which the script folds to
/// 纪录, and clerks on the mainland often type it so too, while a record in the sense of a
/// best result (世界纪录) names no document. Rule patterns spell 记录. A documentary (纪录片)
/// keeps its word, and a name without 纪录 is returned as it is.
fn fold_record_word(name: String) -> String {
    if !name.contains("纪录") {
        return name;
    }
    let mut out = String::with_capacity(name.len());
    let mut rest = name.as_str();
    while let Some(at) = rest.find("纪录") {
        let after = &rest[at + "纪录".len()..];
        out.push_str(&rest[..at]);
        let word = if after.starts_with('片') {
            "纪录"
        } else {
            "记录"
        };
        out.push_str(word);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether a space between `last`, the last character of `before`, and `next` goes: Chinese
/// writes no spaces between words, so a space between two Han characters is a title copied
/// from a PDF's lines (`…绩效自评工作的 通知`), a cover page's letter spacing (`招 标 文 件`) or
/// a clerk's pause (`某县发改委 关于…`). It stays after a leading numbering in Chinese
/// numerals (`三 施工资料`), which numbering is read by, and beside digits, Latin letters and
/// brackets (`附件 1 验收单`).
fn closes_up(before: &str, last: Option<char>, next: char) -> bool {
    last.is_some_and(is_han)
        && is_han(next)
        && !before
            .chars()
            .all(|c| "一二三四五六七八九十百零〇".contains(c))
}

/// Whether `c` is a Han character (CJK unified ideographs and their extensions).
pub(crate) fn is_han(c: char) -> bool {
    matches!(
        c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}'
    )
}

/// Folds one full-width character to its half-width form; others pass unchanged.
///
/// Besides the full-width ASCII block, the brackets clerks use around years in document
/// numbers (`〔2023〕`, `【2023】`) fold to `[` `]`, and the ideographic full stop stays as it is.
/// One look-alike typo folds too: 釆 (U+91C6, a radical no document name uses) typed for 采
/// (U+91C7), as in 单一来源釆购文件 of a published filing list.
fn fold_width(c: char) -> char {
    match c {
        '〔' | '【' | '〖' => '[',
        '〕' | '】' | '〗' => ']',
        '釆' => '采',
        _ => fold_full_width(c),
    }
}

/// Folds the older form 帐 of 账 (入帐凭证, 帐户, 台帐), which clerks still write and rules
/// spell 账; after the script is simplified, because Traditional 帳 simplifies to 帐. 帐篷
/// is no document. Folds 峻 to 竣 too: a slip of the same sound and shape (配电网工程峻工报告,
/// as a scanned title was typed), while 峻 itself (严峻, 险峻) names no document. Folds 羣,
/// the variant of 群 that OpenCC's s2t writes (專業羣) and `fast2s` leaves.
fn fold_variant(c: char) -> char {
    match c {
        '羣' => '群',
        '帐' => '账',
        '峻' => '竣',
        _ => c,
    }
}

/// Folds the full-width ASCII block and the ideographic space to their half-width forms;
/// others pass unchanged. For text that is matched as written (codes in folder names,
/// ledger cells), where [`normalize`] would do too much.
pub fn fold_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Splits a file name into stem and lower-case extension (`"a.b.PDF"` → `("a.b", "pdf")`).
/// A leading dot is part of the stem: `.DS_Store` has no extension.
pub fn split_extension(name: &str) -> (&str, String) {
    match name.rfind('.') {
        Some(dot) if dot > 0 && dot + 1 < name.len() => {
            (&name[..dot], name[dot + 1..].to_ascii_lowercase())
        }
        _ => (name, String::new()),
    }
}

/// The formats a name with `extension` (from [`split_extension`]) is judged against: its
/// own, or every format for a name without one. A scanner's `立项批复` saved without `.pdf`
/// is still what its words say; a sweep, `guicang classify` and the tests all read it so.
pub fn judged_extension(extension: &str) -> Option<&str> {
    (!extension.is_empty()).then_some(extension)
}

/// `text` without what its brackets hold, the brackets included: `opens[i]` closes with
/// any of `closes`, nesting counts, and a closer without its opener is dropped too. For the
/// asides of a folded name (`(盖章)`, `[2023]`) and the units of a header cell (`金额(万元)`).
pub fn outside_brackets(text: &str, opens: &[char], closes: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        if opens.contains(&c) {
            depth += 1;
        } else if closes.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            out.push(c);
        }
    }
    out
}

/// `name` without its asides in round or square brackets (`(代项目建议书)`, `[2023]`), or
/// `None` when it has none. Book-title marks 《》 hold the title itself and stay.
pub fn without_asides(name: &str) -> Option<String> {
    if !name.contains(['(', '[']) {
        return None;
    }
    let mut plain = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    (!plain.is_empty() && plain != name).then_some(plain)
}

/// `name` without the book-title marks that quote it whole (`《…工程合同》` → `…工程合同`), as
/// filing lists quote a paper's title; `name` itself when they quote only a part of it
/// (`关于《…》的批复`) or it holds another pair.
pub fn without_title_marks(name: &str) -> &str {
    match name.strip_prefix('《').and_then(|n| n.strip_suffix('》')) {
        Some(title) if !title.contains(['《', '》']) && !title.trim().is_empty() => title.trim(),
        _ => name,
    }
}

/// Whether a folder name starts like a project code (`MGT-2023-001 学校`, full-width
/// digits and dashes folded): how discovery finds project folders and the scan notices one
/// nested in another. An ASCII name is matched as it is, without a copy.
pub fn starts_like_code(name: &str, code_pattern: &regex::Regex) -> bool {
    if name.is_ascii() {
        return code_pattern.is_match(name);
    }
    let folded: String = name.chars().map(fold_full_width).collect();
    code_pattern.is_match(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Marks that quote a whole name go; those that quote a part, or two titles, stay.
    #[test]
    fn title_marks_quoting_the_whole_name_go() {
        assert_eq!(
            without_title_marks("《联网监控系统工程合同》"),
            "联网监控系统工程合同"
        );
        assert_eq!(
            without_title_marks("关于《实施方案》的批复"),
            "关于《实施方案》的批复"
        );
        assert_eq!(
            without_title_marks("《合同》与《协议》"),
            "《合同》与《协议》"
        );
        assert_eq!(without_title_marks("《》"), "《》");
    }

    #[test]
    fn folds_width_script_case_and_space() {
        let cases = [
            ("可行性研究報告（批復）", "可行性研究报告(批复)"),
            ("ＭＧＴ－２０２３－００１", "mgt-2023-001"),
            ("麦发改投资〔2023〕12号", "麦发改投资[2023]12号"),
            ("驗收　報告  v2", "验收报告 v2"),
            ("  竣工決算  ", "竣工决算"),
            ("IMG_1234", "img_1234"),
            ("資金撥付憑證", "资金拨付凭证"),
            ("单一来源釆购文件", "单一来源采购文件"),
            ("工程款银行入帐凭证", "工程款银行入账凭证"),
            ("配电网工程峻工报告", "配电网工程竣工报告"),
            ("驗收紀錄", "验收记录"),
            ("软件安装调试纪录", "软件安装调试记录"),
            ("会议纪要", "会议纪要"),
            ("宣传纪录片与会议纪录", "宣传纪录片与会议记录"),
            ("政府采购 招 标 文 件", "政府采购招标文件"),
            ("竣 工 验 收 报 告", "竣工验收报告"),
            ("招 标 文 件(盖章) 2023", "招标文件(盖章) 2023"),
            ("竣 工 验 收 报告", "竣工验收报告"),
            ("某县发改委 关于 下达 计划", "某县发改委关于下达计划"),
            ("三 施工资料", "三 施工资料"),
            (
                "开展 2022 年绩效自评工作的 通知",
                "开展 2022 年绩效自评工作的通知",
            ),
            ("附件 1 验收单", "附件 1 验收单"),
            ("a b c 表", "a b c 表"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "normalize({input:?})");
        }
    }

    #[test]
    fn composes_decomposed_unicode() {
        // "é" written as e + combining acute accent composes to one char.
        assert_eq!(normalize("Re\u{301}sume\u{301}"), "résumé");
        // A compatibility ideograph is no NFC (the quick check sends it to be composed), and
        // capitals beside Han characters still fold.
        assert_eq!(normalize("\u{F900}"), normalize("\u{8C48}"));
        assert_eq!(normalize("ＰＰＰ项目ＡＢＣ合同"), "ppp项目abc合同");
    }

    #[test]
    fn splits_extensions() {
        assert_eq!(
            split_extension("施工合同.PDF"),
            ("施工合同", "pdf".to_string())
        );
        assert_eq!(split_extension("a.b.docx"), ("a.b", "docx".to_string()));
        assert_eq!(split_extension(".DS_Store"), (".DS_Store", String::new()));
        assert_eq!(split_extension("README"), ("README", String::new()));
        assert_eq!(split_extension("trailing."), ("trailing.", String::new()));
    }
}
