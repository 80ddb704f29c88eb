//! The words of file and folder findings: health problems, temporary and unmatched
//! files, links and special files, folders that could not be read.

use super::Words;
use crate::finding::Finding;
use crate::finding::file::{Damage, Format, PageTreeFault, Problem, ReadError, Stop};
use crate::finding::said::FileSaid;
use crate::finding::stop::{Ending, crash_said};
use crate::lang::Lang;

impl Words<'_> {
    /// What a finding about a file or folder says.
    pub(super) fn file(&self, f: &Finding, said: &FileSaid) -> String {
        let lang = self.lang;
        match said {
            FileSaid::StrayFile { temporary: true } => lang
                .pick("临时文件或系统文件", "temporary or system file")
                .into(),
            FileSaid::StrayFile { temporary: false } => lang
                .pick(
                    "文件不在任何项目文件夹中",
                    "file is outside every project folder",
                )
                .into(),
            FileSaid::DuplicateFile { original } => match lang {
                Lang::Zh => format!("与 {original} 内容完全相同"),
                Lang::En => format!("the same content as {original}"),
            },
            FileSaid::SymlinkSkipped => lang
                .pick(
                    "符号链接未被跟随，其内容未检查",
                    "a symbolic link, not followed; its target was not checked",
                )
                .into(),
            FileSaid::SpecialFile { kind } => self.special_file(kind),
            FileSaid::TemporaryFile { name_guessed } => self.plain_file(true, *name_guessed),
            FileSaid::UnmatchedFile { name_guessed } => self.plain_file(false, *name_guessed),
            FileSaid::FileProblem {
                problem,
                extension,
                name_guessed,
            } => self.file_problem(f, problem, extension, *name_guessed),
            FileSaid::NestedProject { inner, outer } => self.nested_project(inner, outer),
            FileSaid::UnreadableFolder { error } => {
                let error = self.read_error(error);
                match lang {
                    Lang::Zh => format!("无法读取，其中的文件未检查：{error}"),
                    Lang::En => format!("cannot be read, its files were not checked: {error}"),
                }
            }
        }
    }

    /// A special file: what it is.
    pub(super) fn special_file(&self, kind: &str) -> String {
        match self.lang {
            Lang::Zh => format!("这是{}，不是文件，未打开检查", special_kind_zh(kind)),
            Lang::En => format!("a {kind}, not a file; it was not opened"),
        }
    }

    /// A temporary file or an unmatched one, with the note on a guessed name.
    pub(super) fn plain_file(&self, temporary: bool, name_guessed: bool) -> String {
        let said = match temporary {
            true => self.lang.pick(
                "临时文件或系统文件，不计为归档文件",
                "temporary or system file, not counted as a document",
            ),
            false => self.lang.pick(
                "文件名与本类别的任何文件要求都不对应",
                "the name matches no document of this category",
            ),
        };
        self.guessed(said.to_string(), name_guessed)
    }

    /// A file's health problem, the document it then does not count for, and the note on
    /// a guessed name.
    pub(super) fn file_problem(
        &self,
        f: &Finding,
        problem: &Problem,
        extension: &str,
        name_guessed: bool,
    ) -> String {
        let mut said = self.problem(problem, extension);
        if problem.is_unusable()
            && let Some(name) = self.document_of(f)
        {
            said.push_str(&match self.lang {
                Lang::Zh => format!("，不能作为“{name}”的依据"),
                Lang::En => format!("; it does not count as {name}"),
            });
        }
        self.guessed(said, name_guessed)
    }

    /// What is wrong with a file.
    fn problem(&self, problem: &Problem, extension: &str) -> String {
        let lang = self.lang;
        match (problem, lang) {
            (Problem::Empty, Lang::Zh) => "文件为空（0 字节）".into(),
            (Problem::Empty, Lang::En) => "the file is empty (0 bytes)".into(),
            (Problem::Unreadable(e), Lang::Zh) => format!("无法读取文件：{}", self.read_error(e)),
            (Problem::Unreadable(e), Lang::En) => format!("cannot read the file: {e}"),
            (Problem::Mismatch { actual }, Lang::Zh) => format!(
                "文件内容是 {}，与扩展名 .{extension} 不符",
                format_name(*actual, lang)
            ),
            (Problem::Mismatch { actual }, Lang::En) => {
                format!("the content is {actual}, not what the extension .{extension} says")
            }
            (Problem::CorruptPdf(e), Lang::Zh) => format!("PDF 已损坏：{}", self.damage(e)),
            (Problem::CorruptPdf(e), Lang::En) => format!("damaged PDF: {}", self.damage(e)),
            (Problem::EncryptedPdf { pages }, Lang::Zh) => format!(
                "PDF 已加密，无法核验或检索{}",
                pages.map_or(String::new(), |n| format!("（{n} 页）"))
            ),
            (Problem::EncryptedPdf { pages }, Lang::En) => format!(
                "encrypted PDF: it cannot be verified or indexed{}",
                pages.map_or(String::new(), |n| format!(" ({n} pages)"))
            ),
            (Problem::CorruptImage(e), Lang::Zh) => format!("图片已损坏：{}", self.damage(e)),
            (Problem::CorruptImage(e), Lang::En) => format!("damaged image: {}", self.damage(e)),
            (Problem::CorruptContainer(e), Lang::Zh) => {
                format!("文件已损坏，无法打开：{}", self.damage(e))
            }
            (Problem::CorruptContainer(e), Lang::En) => {
                format!("the file is damaged and does not open: {}", self.damage(e))
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
            (Problem::NotChecked(why), Lang::Zh) => format!("未能检查：{}", self.stop(why)),
            (Problem::NotChecked(why), Lang::En) => {
                format!("the file could not be checked: {}", self.stop(why))
            }
        }
    }

    /// How a file is damaged.
    fn damage(&self, damage: &Damage) -> String {
        let lang = self.lang;
        match damage {
            Damage::NoPdfHeader => lang.pick("没有有效的 %PDF-x.y 文件头", "no valid %PDF-x.y header").into(),
            Damage::NoStartxref => lang
                .pick(
                    "文件被截断或损坏：文件末尾没有 startxref",
                    "truncated or damaged: no startxref offset at the end of the file",
                )
                .into(),
            Damage::StartxrefBeyondEnd { offset } => match lang {
                Lang::Zh => format!("startxref 指向第 {offset} 字节，超出文件末尾"),
                Lang::En => {
                    format!("damaged: startxref points to byte {offset}, beyond the end of the file")
                }
            },
            Damage::NoEof => lang
                .pick(
                    "文件被截断：末尾没有 %%EOF",
                    "truncated: no %%EOF marker at the end of the file",
                )
                .into(),
            Damage::XrefRebuilt => lang
                .pick(
                    "交叉引用表无法读取，只能扫描重建：可能缺少页面或内容",
                    "the cross-reference data cannot be read and had to be rebuilt by scanning: pages or content may be missing",
                )
                .into(),
            Damage::NoPages => lang.pick("文档没有页面", "the document has no pages").into(),
            Damage::JpegTruncated => lang
                .pick(
                    "文件被截断，缺少 JPEG 结束标记",
                    "truncated: no JPEG end-of-image marker",
                )
                .into(),
            Damage::PngTruncated => lang
                .pick(
                    "文件被截断，缺少 PNG 结束块 IEND",
                    "truncated: no PNG IEND chunk",
                )
                .into(),
            Damage::NotValidAs { extension, format } => match lang {
                Lang::Zh => format!(
                    "内容不是有效的 .{extension} 文件（{}）",
                    format_name(*format, lang)
                ),
                Lang::En => format!("the content is not a valid .{extension} file ({format})"),
            },
            Damage::BrokenPageTree(fault) => self.page_tree(fault),
            Damage::DecompressionBomb { limit } => match lang {
                Lang::Zh => format!("各部件声明的解压大小超过 {limit} 字节：是解压炸弹"),
                Lang::En => {
                    format!("declared sizes inflate beyond {limit} bytes: a decompression bomb")
                }
            },
            Damage::Parser { message } => message.clone(),
            Damage::Stopped(stop) => self.stop(stop),
        }
    }

    /// What is wrong with a PDF's page tree.
    fn page_tree(&self, fault: &PageTreeFault) -> String {
        let lang = self.lang;
        match fault {
            PageTreeFault::Missing { detail } => match lang {
                Lang::Zh => format!("找不到页面树（{detail}）"),
                Lang::En => format!("no page tree ({detail})"),
            },
            PageTreeFault::Loop { object, generation } => match lang {
                Lang::Zh => format!("页面树循环回到对象 {object} {generation}"),
                Lang::En => format!("the page tree loops back to object {object} {generation}"),
            },
            PageTreeFault::BadNode {
                object,
                generation,
                detail,
            } => match lang {
                Lang::Zh => format!("页面树节点 {object} {generation} 无法读取（{detail}）"),
                Lang::En => {
                    format!("page tree node {object} {generation} cannot be read ({detail})")
                }
            },
            PageTreeFault::TooLarge => lang
                .pick("页面树过大，无法遍历", "the page tree is too large to walk")
                .into(),
        }
    }

    /// Why a file could not be read from disk; the system's own words are quoted.
    pub(super) fn read_error(&self, error: &ReadError) -> String {
        match (error, self.lang) {
            (ReadError::Vanished, Lang::Zh) => "在检查过程中消失了".into(),
            (ReadError::NotAFolder, Lang::Zh) => "已不再是文件夹".into(),
            (ReadError::TooLarge { size, cap }, Lang::Zh) => {
                format!("大小为 {size} 字节，超过允许的 {cap} 字节")
            }
            (ReadError::NotUtf8 { byte }, Lang::Zh) => {
                format!("不是 UTF-8 文本（第 {byte} 个字节起），请另存为 UTF-8")
            }
            (ReadError::PermissionDenied, Lang::Zh) => "没有读取权限".into(),
            (ReadError::Symlink, Lang::Zh) => "它或其路径上的文件夹是符号链接，不被跟随".into(),
            (ReadError::NotRegular { kind }, Lang::Zh) => {
                format!("这是{}，不是普通文件", special_kind_zh(kind))
            }
            (ReadError::Other { message }, _) => message.clone(),
            (error, Lang::En) => error.to_string(),
        }
    }

    /// Why a parser was stopped or never ran; the system's and the worker's own text is
    /// quoted as written.
    pub(super) fn stop(&self, stop: &Stop) -> String {
        let quoted = |detail: &Option<String>, open: &str, close: &str| {
            detail
                .as_ref()
                .map_or(String::new(), |d| format!("{open}{d}{close}"))
        };
        match (stop, self.lang) {
            (Stop::Timeout { seconds }, Lang::Zh) => {
                format!("解析超过 {seconds} 秒的时限，已中止")
            }
            (
                Stop::OutOfMemory {
                    budget_mb,
                    requested,
                },
                Lang::Zh,
            ) => format!(
                "解析所需内存超过 {budget_mb} MB 的上限，已中止{}：文件声明的内容远多于它实际含有的内容",
                requested.map_or(String::new(), |n| format!("（一次申请 {n} 字节）"))
            ),
            (Stop::Crashed { ended, detail }, Lang::Zh) => {
                let said = crash_said(ended, detail, ending_zh, "；");
                format!("解析程序在此文件上崩溃{}", quoted(&said, "（", "）"))
            }
            (Stop::NoWorker { detail }, Lang::Zh) => {
                format!("无法启动解析进程（{detail}）")
            }
            (Stop::GarbledAnswer { detail }, Lang::Zh) => {
                format!("解析进程的回答无法读取（{detail}）")
            }
            (stop, Lang::En) => stop.to_string(),
        }
    }

    /// `said`, followed by the note that the file's name was read as GBK when it was.
    fn guessed(&self, mut said: String, name_guessed: bool) -> String {
        if name_guessed {
            said.push_str(self.lang.pick(
                "（文件名不是 UTF-8，已按 GBK 解读）",
                " (the name is not UTF-8 and was read as GBK)",
            ));
        }
        said
    }

    /// A project's folder inside another's.
    pub(super) fn nested_project(&self, inner: &str, outer: &str) -> String {
        match self.lang {
            Lang::Zh => {
                format!("项目 {inner} 的文件夹放在项目 {outer} 的文件夹中，其文件被计入 {outer}")
            }
            Lang::En => format!(
                "the folder of project {inner} lies inside project {outer}'s folder; its files count as {outer}'s"
            ),
        }
    }
}

/// A format's name in `lang`: most are proper names (PDF, DOCX) in both.
pub(super) fn format_name(format: Format, lang: Lang) -> &'static str {
    match (format, lang) {
        (Format::Ole, Lang::Zh) => "OLE2 复合文件（DOC/XLS/WPS）",
        (Format::EncryptedOoxml, Lang::Zh) => "加密的 Office 文件",
        (Format::LegacyXls, Lang::Zh) => "Excel 2-4 工作表（BIFF）",
        (Format::Text, Lang::Zh) => "纯文本",
        (Format::Unknown, Lang::Zh) => "无法识别的内容",
        (format, _) => format.name(),
    }
}

/// A special file's kind in Chinese.
fn special_kind_zh(kind: &str) -> &'static str {
    match kind {
        "FIFO" => "命名管道（FIFO）",
        "socket" => "套接字",
        "device" => "设备文件",
        "folder" => "文件夹",
        "symbolic link" => "符号链接",
        _ => "特殊文件",
    }
}

/// How a worker process ended, in Chinese: "进程退出码 101", "进程被信号 9（SIGKILL）终止".
fn ending_zh(ended: &Ending) -> String {
    match *ended {
        Ending::Code { code } => format!("进程退出码 {code}"),
        Ending::Signal { signal } => match Ending::signal_name(signal) {
            Some(name) => format!("进程被信号 {signal}（{name}）终止"),
            None => format!("进程被信号 {signal} 终止"),
        },
    }
}
