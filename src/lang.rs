//! Language of messages: Chinese by default, English with `--lang en`.
//!
//! The pipeline speaks no language: checks state facts, and the report puts them into
//! words (`report::words`, one table with both languages side by side, so that neither
//! drifts out of step). Renderers' headings and the code registry's explanations pick
//! their language with [`Lang::pick`](crate::lang::Lang::pick) where they are written.

use serde::{Deserialize, Serialize};

/// The language of a report's messages and headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文 (default): the language of the archives and of their readers.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A name given in both languages, as rule files write it: `{ zh = "…", en = "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    /// Chinese text.
    pub zh: String,
    /// English text.
    pub en: String,
}

impl Bilingual {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}
