//! What can be wrong with a file, and how it is said: the finding code, whether the file
//! still counts as evidence, and a sentence in either language.

use super::magic::Format;
use crate::finding::{Code, Severity};
use crate::lang::Lang;

/// Why a file is damaged, in both languages (a parser's own message is the same in both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Detail {
    /// A reason written in both languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Detail {
        Detail {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A parser's message, which exists in one language only.
    pub fn parser(message: impl Into<String>) -> Detail {
        let message = message.into();
        Detail {
            zh: message.clone(),
            en: message,
        }
    }

    fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// What is wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// 0 bytes.
    Empty,
    /// Cannot be opened or read.
    Unreadable(String),
    /// The content is another format than the extension says.
    Mismatch {
        /// What the bytes are.
        actual: Format,
    },
    /// A PDF that is damaged or truncated.
    CorruptPdf(Detail),
    /// A PDF that is encrypted.
    EncryptedPdf {
        /// Pages, when they could still be counted.
        pages: Option<u32>,
    },
    /// A JPEG or PNG cut short.
    CorruptImage(Detail),
    /// A zip or OLE container that does not open.
    CorruptContainer(Detail),
    /// A password-protected Office file.
    EncryptedOffice,
    /// Larger than the inspection limit.
    TooLarge(u64),
    /// A parser took longer than the time budget.
    Timeout,
    /// The file could not be checked at all (no worker process to parse it): unknown,
    /// never taken for healthy.
    NotChecked(String),
}

impl Problem {
    /// The finding code of the problem, for a file with `extension`.
    pub fn code(&self, extension: &str) -> Code {
        match self {
            Problem::Empty => Code::EmptyFile,
            Problem::Unreadable(_) => Code::UnreadableFile,
            Problem::Mismatch { .. } => Code::FormatMismatch,
            Problem::CorruptPdf(_) => Code::CorruptPdf,
            Problem::EncryptedPdf { .. } => Code::EncryptedPdf,
            Problem::CorruptImage(_) => Code::CorruptImage,
            Problem::CorruptContainer(_) if Format::is_spreadsheet_extension(extension) => {
                Code::CorruptSpreadsheet
            }
            Problem::CorruptContainer(_) => Code::CorruptOffice,
            Problem::EncryptedOffice => Code::EncryptedOffice,
            Problem::TooLarge(_) => Code::FileSkippedTooLarge,
            Problem::Timeout | Problem::NotChecked(_) => Code::FileCheckTimeout,
        }
    }

    /// Whether a file with this problem cannot count as evidence of a document.
    pub fn is_unusable(&self) -> bool {
        matches!(
            self,
            Problem::Empty
                | Problem::Unreadable(_)
                | Problem::CorruptPdf(_)
                | Problem::CorruptImage(_)
                | Problem::CorruptContainer(_)
        )
    }

    /// The severity of the finding, given whether the file is the only evidence of its document.
    pub fn severity(&self, extension: &str, only_evidence: bool) -> Severity {
        match self {
            Problem::Empty if only_evidence => Severity::Error,
            _ => self.code(extension).doc().severity,
        }
    }

    /// What is wrong, for a person.
    pub fn describe(&self, lang: Lang, extension: &str) -> String {
        match (self, lang) {
            (Problem::Empty, Lang::Zh) => "文件为空（0 字节）".into(),
            (Problem::Empty, Lang::En) => "the file is empty (0 bytes)".into(),
            (Problem::Unreadable(e), Lang::Zh) => format!("无法读取文件：{e}"),
            (Problem::Unreadable(e), Lang::En) => format!("cannot read the file: {e}"),
            (Problem::Mismatch { actual }, Lang::Zh) => {
                format!("文件内容是 {actual}，与扩展名 .{extension} 不符")
            }
            (Problem::Mismatch { actual }, Lang::En) => {
                format!("the content is {actual}, not what the extension .{extension} says")
            }
            (Problem::CorruptPdf(e), Lang::Zh) => format!("PDF 已损坏：{}", e.get(lang)),
            (Problem::CorruptPdf(e), Lang::En) => format!("damaged PDF: {}", e.get(lang)),
            (Problem::EncryptedPdf { pages }, Lang::Zh) => {
                format!(
                    "PDF 已加密，无法核验或检索{}",
                    pages.map_or(String::new(), |n| format!("（{n} 页）"))
                )
            }
            (Problem::EncryptedPdf { pages }, Lang::En) => {
                format!(
                    "encrypted PDF: it cannot be verified or indexed{}",
                    pages.map_or(String::new(), |n| format!(" ({n} pages)"))
                )
            }
            (Problem::CorruptImage(e), Lang::Zh) => format!("图片已损坏：{}", e.get(lang)),
            (Problem::CorruptImage(e), Lang::En) => format!("damaged image: {}", e.get(lang)),
            (Problem::CorruptContainer(e), Lang::Zh) => {
                format!("文件已损坏，无法打开：{}", e.get(lang))
            }
            (Problem::CorruptContainer(e), Lang::En) => {
                format!("the file is damaged and does not open: {}", e.get(lang))
            }
            (Problem::EncryptedOffice, Lang::Zh) => "文件设有打开密码，无法核验".into(),
            (Problem::EncryptedOffice, Lang::En) => {
                "the file is password-protected and cannot be verified".into()
            }
            (Problem::TooLarge(size), Lang::Zh) => format!("文件过大（{size} 字节），未检查"),
            (Problem::TooLarge(size), Lang::En) => {
                format!("the file is too large to inspect ({size} bytes)")
            }
            (Problem::Timeout, Lang::Zh) => "检查超时，未能判断".into(),
            (Problem::Timeout, Lang::En) => "the check took too long and was given up".into(),
            (Problem::NotChecked(why), Lang::Zh) => format!("未能检查：{why}"),
            (Problem::NotChecked(why), Lang::En) => format!("the file could not be checked: {why}"),
        }
    }
}
