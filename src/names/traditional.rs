//! Traditional → Simplified, phrase-aware, for names.
//!
//! `fast2s` folds characters with a look at their neighbours (乾隆 stays, 乾燥 → 干燥), and
//! on every fixture name converted by OpenCC's s2t, s2tw and s2hk it folds back exactly as
//! OpenCC's own t2s does — except for a few words where one Traditional character stands
//! for two Simplified ones. Neither folds 覆 in 批覆 (OpenCC's s2t writes 批复 that way, and
//! so does Taiwan usage) nor 著 in 隨著, so `關於…可行性研究報告的批覆.pdf` would match no
//! pattern. [`PHRASES`] finishes those words after `fast2s`; everything else about the
//! character (覆盖, 颠覆, 显著, 著名) is left alone.
//!
//! `ferrous-opencc` 0.4 (Apache-2.0, pure Rust, OpenCC's dictionaries embedded) was
//! measured as the alternative: on 10^6 names (one thread, release) its t2s took 1.7 s
//! where `fast2s` took 0.15 s, it adds some 25 crates (rkyv, fst, phf …), and it leaves 批覆
//! and 覆核 unfolded too; the only words it folds better on the fixtures (答覆, 回覆, 反覆,
//! 諮詢, 傢俱) are in [`PHRASES`]. Pure-ASCII names (IMG_1234) skip the conversion, which
//! pays for the scan for [`TRIGGERS`] (about 40 ns a name).

/// Simplified-script words that `fast2s` leaves in their Traditional spelling, and their
/// Simplified form. Each is written as `fast2s` leaves it (the other characters already
/// folded), and has as many characters as its replacement.
const PHRASES: &[(&str, &str)] = &[
    // 覆 → 复 where it means "reply, again" (批复, 复核), never "cover" (覆盖, 覆土).
    ("批覆", "批复"),
    ("答覆", "答复"),
    ("回覆", "回复"),
    ("反覆", "反复"),
    ("覆核", "复核"),
    ("覆查", "复查"),
    ("覆审", "复审"),
    ("覆议", "复议"),
    ("覆验", "复验"),
    ("覆检", "复检"),
    ("覆试", "复试"),
    ("覆函", "复函"),
    // 著 → 着 as a verb ending or in 着手 (Taiwan usage), never in 显著, 著名, 著作.
    ("随著", "随着"),
    ("接著", "接着"),
    ("沿著", "沿着"),
    ("意味著", "意味着"),
    ("著手", "着手"),
    ("著力", "着力"),
    ("著重", "着重"),
    ("著眼", "着眼"),
    // Variants OpenCC's t2s folds and `fast2s` does not.
    ("谘询", "咨询"),
    ("家俱", "家具"),
];

/// Every word of [`PHRASES`] has one of these: a name without any of them (almost every
/// name) is returned as `fast2s` made it.
const TRIGGERS: [char; 4] = ['覆', '著', '谘', '俱'];

/// Folds `text` from Traditional (or mixed) to Simplified script.
pub fn to_simplified(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut simplified = fast2s::convert(text);
    if simplified.contains(TRIGGERS) {
        for (traditional, simple) in PHRASES {
            if simplified.contains(traditional) {
                simplified = simplified.replace(traditional, simple);
            }
        }
    }
    simplified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_many_characters_fold_by_the_word_they_are_in() {
        let cases = [
            // 覆: 批复, 复核 … but 覆盖 and 颠覆 keep it.
            (
                "關於XX項目可行性研究報告的批覆",
                "关于XX项目可行性研究报告的批复",
            ),
            ("工程質量覆核意見", "工程质量复核意见"),
            ("複核", "复核"),
            ("答覆函", "答复函"),
            ("覆蓋層、覆土及顛覆", "覆盖层、覆土及颠覆"),
            // 乾: 干 except in 乾隆, 乾坤.
            ("乾燥", "干燥"),
            ("乾隆", "乾隆"),
            ("幹部培訓", "干部培训"),
            // 著: 着 after 随, in 着手; 显著 and 著名 keep it.
            ("隨著項目推進", "随着项目推进"),
            ("著手整改", "着手整改"),
            ("成效顯著", "成效显著"),
            ("著名", "著名"),
            // 徵: 征 (征收, 征求, 征地).
            ("徵地拆遷補償", "征地拆迁补偿"),
            ("徵求意見稿", "征求意见稿"),
            // 於: 于.
            ("關於下達資金的通知", "关于下达资金的通知"),
            ("於2023年", "于2023年"),
            // Variants of OpenCC's t2s.
            ("諮詢服務合同", "咨询服务合同"),
            ("傢俱採購", "家具采购"),
        ];
        for (traditional, simplified) in cases {
            assert_eq!(to_simplified(traditional), simplified, "{traditional}");
        }
    }

    #[test]
    fn simplified_and_ascii_names_pass_unchanged() {
        for name in [
            "IMG_1234",
            "施工合同(盖章版)",
            "竣工验收报告",
            "覆盖层检测",
            "",
        ] {
            assert_eq!(to_simplified(name), name);
        }
    }

    #[test]
    fn every_phrase_keeps_its_length_and_is_triggered() {
        for (traditional, simple) in PHRASES {
            assert_eq!(traditional.chars().count(), simple.chars().count());
            assert!(traditional.contains(TRIGGERS), "{traditional}");
            assert_eq!(
                fast2s::convert(traditional),
                *traditional,
                "as fast2s leaves it"
            );
        }
    }
}
