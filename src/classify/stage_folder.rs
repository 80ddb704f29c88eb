//! Stage folders: `01 可研立项`, `二、招投标及合同`, `(三)施工资料`, `07影像`.
//!
//! After numbering and suffixes (资料, 手续, 文件 …) are stripped, a folder is a stage folder
//! when what is left is made only of stage words (from `rules/stages.toml`) and connectors.
//! Words are taken longest first, so `施工许可` is the permit stage although `施工` is
//! construction, and `竣工决算` is settlement although `竣工` is acceptance.

use crate::names::numbering::strip_numbering;
use crate::ruleset::Stage;

const SUFFIXES: [&str; 14] = [
    "工作",
    "情况",
    "文件夹",
    "资料",
    "手续",
    "文件",
    "材料",
    "阶段",
    "档案",
    "归档",
    "部分",
    "相关",
    "类",
    "卷",
];
const PREFIXES: [&str; 2] = ["项目", "工程"];
const CONNECTORS: [char; 12] = [
    '和', '及', '与', '、', '&', '+', ',', '/', '-', '_', ' ', '暨',
];

/// Recognises stage folders by their words.
#[derive(Debug, Clone)]
pub struct StageFolders {
    /// `(word, stage index)`, longest words first.
    words: Vec<(String, usize)>,
}

impl StageFolders {
    /// Collects the folder words of `stages`.
    pub fn new(stages: &[Stage]) -> StageFolders {
        let mut words: Vec<(String, usize)> = stages
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.folder_words.iter().map(move |w| (w.clone(), i)))
            .filter(|(w, _)| !w.is_empty())
            .collect();
        words.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.1.cmp(&b.1))
        });
        StageFolders { words }
    }

    /// The index of the stage a normalised folder name stands for, if it is a stage folder,
    /// and whether the name (numbering aside) is one
    /// single stage word with nothing else: `06 竣工验收` is, `招标文件` (a word and a
    /// suffix) and `采购合同` (two words) are not.
    pub fn recognise_words(&self, normalised: &str) -> Option<(usize, bool)> {
        let numbering_stripped = strip_numbering(normalised);
        let mut rest = numbering_stripped.clone();
        loop {
            let before = rest.len();
            for suffix in SUFFIXES {
                if let Some(s) = rest.strip_suffix(suffix).filter(|s| !s.is_empty()) {
                    rest = s.trim_end().to_string();
                }
            }
            for prefix in PREFIXES {
                if let Some(s) = rest.strip_prefix(prefix).filter(|s| !s.is_empty()) {
                    rest = s.trim_start().to_string();
                }
            }
            if rest.len() == before {
                break;
            }
        }
        let mut first = None;
        let mut words = 0;
        let mut i = 0;
        while i < rest.len() {
            let tail = &rest[i..];
            if let Some(c) = tail.chars().next().filter(|c| CONNECTORS.contains(c)) {
                i += c.len_utf8();
                continue;
            }
            let (word, stage) = self
                .words
                .iter()
                .find(|(w, _)| tail.starts_with(w.as_str()))?;
            if *first.get_or_insert(*stage) != *stage {
                return None; // words of two stages (施工合同, 竣工照片) name a document, not a stage
            }
            i += word.len();
            words += 1;
        }
        first.map(|stage| (stage, words == 1 && rest == numbering_stripped))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Bilingual;
    use crate::names::normalize::normalize;

    fn stages() -> Vec<Stage> {
        let def = |id: &str, words: &[&str]| Stage {
            id: id.into(),
            name: Bilingual {
                zh: id.into(),
                en: id.into(),
            },
            folder_words: words.iter().map(|w| w.to_string()).collect(),
        };
        vec![
            def("approval", &["可研立项", "可研", "立项", "前期"]),
            def("permit", &["施工许可", "许可"]),
            def("procurement", &["招投标", "招标", "合同"]),
            def("construction", &["施工", "监理"]),
            def("acceptance", &["竣工验收", "验收", "竣工"]),
            def("settlement", &["竣工决算", "结算", "决算"]),
            def("media", &["影像", "照片"]),
        ]
    }

    #[test]
    fn recognises_numbered_and_suffixed_stage_folders() {
        let folders = StageFolders::new(&stages());
        let id = |name: &str| {
            folders
                .recognise_words(&normalize(name))
                .map(|(stage, _)| stage)
                .map(|i| stages()[i].id.clone())
        };
        let cases = [
            ("01 可研立项", Some("approval")),
            ("1.可研立项资料", Some("approval")),
            ("一、前期手续", Some("approval")),
            ("（一）立项", Some("approval")),
            ("第二部分 招投标及合同", Some("procurement")),
            ("03施工许可", Some("permit")),
            ("04 施工和监理资料", Some("construction")),
            ("三 施工资料", Some("construction")),
            ("05 竣工验收", Some("acceptance")),
            ("06 竣工决算", Some("settlement")),
            ("07影像", Some("media")),
            ("A1 项目前期文件", Some("approval")),
            ("施工前照片", None),
            ("施工合同", None),
            ("竣工照片", None),
            ("施工和监理", Some("construction")),
            ("一、前期工作手续", Some("approval")),
            ("关于可研报告的批复", None),
            ("2023", None),
            ("扫描件", None),
        ];
        for (name, expected) in cases {
            assert_eq!(id(name).as_deref(), expected, "{name}");
        }
    }

    #[test]
    fn tells_single_stage_words_from_longer_names() {
        let folders = StageFolders::new(&stages());
        let single = |name: &str| {
            folders
                .recognise_words(&normalize(name))
                .map(|(_, single)| single)
        };
        assert_eq!(single("竣工验收"), Some(true));
        assert_eq!(single("05 竣工验收"), Some(true));
        assert_eq!(single("招标文件"), Some(false), "a word and a suffix");
        assert_eq!(single("招投标及合同"), Some(false), "two words");
        assert_eq!(single("20231226_招标文件"), Some(false));
    }
}
