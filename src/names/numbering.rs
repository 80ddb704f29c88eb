//! Numbering in front of folder names: `01 `, `(二)`, `十、`, `第三部分`, `A1-2`.
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

#[cfg(test)]
mod tests {
    use super::strip_numbering;

    #[test]
    fn numbering_of_every_style_is_removed() {
        assert_eq!(strip_numbering("01 固投类"), "固投类");
        assert_eq!(strip_numbering("(二)设备类"), "设备类");
        assert_eq!(strip_numbering("十、绩效"), "绩效");
        assert_eq!(strip_numbering("十堰项目"), "十堰项目");
    }
}
