//! The registry of finding codes: one entry per code, declared once.
//!
//! Checks name codes through [`Code`], never as string literals. `guicang explain`,
//! the JSON report and (later) SARIF rule lists all read the same [`CodeDoc`], and the
//! exhaustive `match` in [`Code::doc`] makes an undocumented code a compile error.
//! Codes are kebab-case names of the problem and are never renamed.

use serde::{Serialize, Serializer};

use super::Severity;
use crate::lang::Lang;

/// Documentation of one code, in both languages.
pub struct CodeDoc {
    /// Severity a finding of this code has unless a rule sets it (missing documents take the rule's).
    pub severity: Severity,
    /// What it means, `[zh, en]`.
    pub what: [&'static str; 2],
    /// Why it matters to an archive clerk or auditor, `[zh, en]`.
    pub why: [&'static str; 2],
    /// How to fix it, `[zh, en]`.
    pub fix: [&'static str; 2],
    /// An example, `[zh, en]`.
    pub example: [&'static str; 2],
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $id:literal,)*) => {
        /// A stable finding code. See [`Code::doc`] for the meaning of each.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case id printed in reports and accepted by `guicang explain`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Code::$variant => $id,)*
                }
            }
        }
    };
}

codes! {
    /// A required document has no evidence in the project folder.
    MissingDocument = "missing-document",
    /// A document was found in the folder of another stage.
    MisfiledDocument = "misfiled-document",
    /// A file in a project folder matches no document of its category.
    UnmatchedFile = "unmatched-file",
    /// An Office lock file, a thumbnail cache or another system file.
    TemporaryFile = "temporary-file",
    /// A file outside every project folder.
    UnassignedFile = "unassigned-file",
    /// A project folder whose category cannot be learned.
    UnknownProject = "unknown-project",
    /// A project whose status is not known; it is checked as in progress.
    StatusUnknown = "status-unknown",
    /// Two project folders claim the same project code.
    DuplicateProject = "duplicate-project",
    /// A project of the project ledger that has no folder in the archive.
    ProjectFolderMissing = "project-folder-missing",
    /// A `project.toml` that cannot be read or holds invalid values.
    InvalidManifest = "invalid-manifest",
    /// A ledger file that cannot be opened.
    LedgerUnreadable = "ledger-unreadable",
    /// A file named like a ledger in which no known header row was found.
    LedgerUnrecognised = "ledger-unrecognised",
    /// A cell of a ledger whose value cannot be understood.
    LedgerBadCell = "ledger-bad-cell",
    /// A folder that cannot be listed.
    UnreadableFolder = "unreadable-folder",
}

impl Code {
    /// Looks a code up by its id.
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.id() == id)
    }

    /// The code's documentation.
    pub fn doc(self) -> CodeDoc {
        use Severity::*;
        let (severity, what, why, fix, example) = match self {
            Code::MissingDocument => (
                Error,
                [
                    "项目档案缺少规则要求的文件：在项目文件夹中没有任何文件或文件夹名称能对应该文件。",
                    "A document the rules require for this project has no evidence: no file or folder name in the project folder matches it.",
                ],
                [
                    "审计和检查时，缺失的文件即为问题；资金拨付和验收都以这些文件为依据。",
                    "Auditors treat a missing document as a finding in itself; disbursement and acceptance rest on these documents.",
                ],
                [
                    "找到原件并扫描归档，文件名写明文件名称（如“可行性研究报告批复.pdf”）；确不需要时，检查项目属性（状态、建设性质）是否填写正确。",
                    "Find the original, scan it and file it under a name that says what it is (e.g. \"可行性研究报告批复.pdf\"). If it is truly not needed, check the project's status and construction type.",
                ],
                [
                    "缺少 可行性研究报告批复 (feasibility-approval)",
                    "missing: Approval of the feasibility study (feasibility-approval)",
                ],
            ),
            Code::MisfiledDocument => (
                Warning,
                [
                    "文件存在，但放在了其他阶段的文件夹中。文件仍计为已归档。",
                    "The document exists but sits in another stage's folder. It still counts as present.",
                ],
                [
                    "按阶段整理的档案便于检查和移交；放错位置的文件在人工检查时常被认为缺失。",
                    "Archives are inspected and handed over stage by stage; a misplaced document is often reported missing by a human reviewer.",
                ],
                [
                    "把文件移到所属阶段的文件夹。",
                    "Move the file into the folder of the stage it belongs to.",
                ],
                [
                    "06 资金拨付/施工合同.pdf 应归入 招投标",
                    "06 资金拨付/施工合同.pdf belongs to Tendering and procurement",
                ],
            ),
            Code::UnmatchedFile => (
                Info,
                [
                    "项目文件夹中的文件与本类别的任何文件要求都不对应。",
                    "A file in a project folder matches no document of the project's category.",
                ],
                [
                    "可能是命名不清的必需文件（此时该文件会被报告为缺失），也可能是无关文件。",
                    "It may be a required document with an unclear name (then that document is also reported missing), or an unrelated file.",
                ],
                [
                    "按文件内容重新命名（如“扫描001.pdf”改为“施工许可证.pdf”），或在规则中增加匹配模式。",
                    "Rename it after its content (\"扫描001.pdf\" → \"施工许可证.pdf\"), or add a pattern to the rules.",
                ],
                ["01 可研立项/扫描001.pdf", "01 可研立项/scan001.pdf"],
            ),
            Code::TemporaryFile => (
                Info,
                [
                    "Office 锁定文件、缩略图缓存等系统临时文件，不作为归档文件。",
                    "An Office lock file, thumbnail cache or other system file; never counted as a document.",
                ],
                [
                    "临时文件不是档案，移交时应清理；“~$”开头的文件说明有人正打开该文档或上次未正常关闭。",
                    "Temporary files are not records and should be cleaned before handover; a \"~$\" file means the document is open or was not closed cleanly.",
                ],
                [
                    "关闭相关文档后删除这些文件。",
                    "Close the document, then delete these files.",
                ],
                ["~$施工合同.docx, Thumbs.db", "~$施工合同.docx, Thumbs.db"],
            ),
            Code::UnassignedFile => (
                Info,
                [
                    "档案根目录下、不属于任何项目文件夹的文件（台账和 guicang.toml 除外）。",
                    "A file outside every project folder (ledgers and guicang.toml excepted).",
                ],
                [
                    "不在项目文件夹中的文件不会计入任何项目的档案。",
                    "A file outside a project folder counts for no project.",
                ],
                [
                    "移入所属项目的文件夹。",
                    "Move it into the folder of its project.",
                ],
                ["2023/可研批复.pdf", "2023/可研批复.pdf"],
            ),
            Code::UnknownProject => (
                Error,
                [
                    "无法确定项目类别（固投类、设备类、非固投类），因此无法检查该项目。",
                    "The project's category (fixed-asset, equipment, non-fixed) cannot be learned, so the project cannot be checked.",
                ],
                [
                    "不同类别要求的文件不同；类别未知的项目处于“无法检查”状态，不能视为合格。",
                    "Each category requires different documents; a project of unknown category could not be checked, which is not the same as passing.",
                ],
                [
                    "在项目文件夹中添加 project.toml（category = \"fixed-asset\"），或在项目台账中填写“项目类别”。",
                    "Add a project.toml with category = \"fixed-asset\" (or equipment, non-fixed) to the folder, or fill in 项目类别 in the project ledger.",
                ],
                [
                    "MGT-2023-009 某某项目/ 没有 project.toml，台账中也没有该项目",
                    "MGT-2023-009 某某项目/ has no project.toml and no ledger row",
                ],
            ),
            Code::StatusUnknown => (
                Warning,
                [
                    "项目状态（谋划、实施中、已完工）未知，按“实施中”检查；竣工后才需要的文件未检查。",
                    "The project's status (planned, in progress, completed) is not known; it was checked as in progress, so documents due at completion were not checked.",
                ],
                [
                    "已完工项目需要验收、决算、移交等文件；状态未知时这些要求无法判断。",
                    "Completed projects need acceptance, final accounts and handover documents; without a status these cannot be judged.",
                ],
                [
                    "在 project.toml 中写 status = \"completed\" 等，或在项目台账中填写“项目状态”。",
                    "Set status = \"completed\" (or planned, in-progress) in project.toml, or fill in 项目状态 in the project ledger.",
                ],
                ["project.toml 中没有 status", "project.toml has no status"],
            ),
            Code::DuplicateProject => (
                Warning,
                [
                    "两个项目文件夹使用了同一个项目编号；只检查第一个，第二个的文件不计入。",
                    "Two project folders claim the same project code; the first is checked, the second's files count for nothing.",
                ],
                [
                    "同一项目的档案分散在两处，检查和移交都会出错。",
                    "One project's records split over two places mislead both checks and handover.",
                ],
                [
                    "合并两个文件夹，或改正其中一个的编号。",
                    "Merge the folders or correct one of the codes.",
                ],
                [
                    "2023/MGT-2023-001 …/ 与 补充/MGT-2023-001 …/",
                    "2023/MGT-2023-001 …/ and extra/MGT-2023-001 …/",
                ],
            ),
            Code::ProjectFolderMissing => (
                Error,
                [
                    "项目台账中的项目（谋划中项目除外）在档案中没有对应的文件夹。",
                    "A project of the project ledger (other than a planned one) has no folder in the archive.",
                ],
                [
                    "台账列出的项目都应有档案；没有文件夹意味着整个项目的档案缺失或放错了位置。",
                    "Every project the ledger lists must have records; no folder means the whole archive of the project is missing or misplaced.",
                ],
                [
                    "建立以项目编号开头的文件夹（如“MGT-2023-001 项目名称”），或在文件夹中放 project.toml 写明编号。",
                    "Create a folder named after the code (\"MGT-2023-001 name\"), or put a project.toml with the code into the existing folder.",
                ],
                [
                    "项目台账.xlsx!Sheet1!5: MGT-2023-012 没有文件夹",
                    "项目台账.xlsx!Sheet1!5: MGT-2023-012 has no folder",
                ],
            ),
            Code::InvalidManifest => (
                Error,
                [
                    "project.toml 无法解析，或其中的值无效（如未知类别、金额格式错误）。",
                    "A project.toml cannot be parsed or holds invalid values (an unknown category, a malformed amount).",
                ],
                [
                    "项目属性决定需要哪些文件；清单有误时，检查结果不可靠。",
                    "Project attributes decide which documents are required; with a broken manifest the result cannot be trusted.",
                ],
                [
                    "按提示的行和列改正 project.toml。",
                    "Correct project.toml at the line and column shown.",
                ],
                [
                    "project.toml:3:12 未知的项目类别 \"固投\"",
                    "project.toml:3:12 unknown category \"固投\"",
                ],
            ),
            Code::LedgerUnreadable => (
                Error,
                [
                    "台账文件无法打开：文件损坏、加密，或并非表格文件。",
                    "A ledger file cannot be opened: it is corrupt, encrypted, or not a spreadsheet.",
                ],
                [
                    "台账中的项目和资金信息无法使用，相关检查处于“无法检查”状态。",
                    "The projects and payments it lists cannot be used; the checks that need them could not be made.",
                ],
                [
                    "用 Excel 或 WPS 打开并另存为 .xlsx（去掉密码）。",
                    "Open it in Excel or WPS and save it again as .xlsx, without a password.",
                ],
                [
                    "项目台账.xlsx: 文件已加密",
                    "项目台账.xlsx: the file is encrypted",
                ],
            ),
            Code::LedgerUnrecognised => (
                Warning,
                [
                    "文件名像台账，但在任何工作表中都找不到可识别的表头行。",
                    "A file named like a ledger, in which no sheet has a header row guicang recognises.",
                ],
                [
                    "台账没有被读取，其中的项目或资金信息不参与检查。",
                    "The ledger was not read; nothing in it takes part in the checks.",
                ],
                [
                    "表头使用常见列名（如“项目编号”“项目名称”“项目类别”），或在 guicang.toml 中配置。",
                    "Use the usual column names (项目编号, 项目名称, 项目类别 …) in the header row, or configure the ledger in guicang.toml.",
                ],
                [
                    "项目台账.xlsx: 没有找到表头",
                    "项目台账.xlsx: no header row found",
                ],
            ),
            Code::LedgerBadCell => (
                Warning,
                [
                    "台账中的金额或日期单元格无法解析。",
                    "A money or date cell of a ledger cannot be parsed.",
                ],
                [
                    "该值不参与检查，相关结论可能不完整。",
                    "The value takes no part in the checks, so their result may be incomplete.",
                ],
                [
                    "按提示的单元格改正数值（如“1,200,000.00”“120万元”“2023-06-15”）。",
                    "Correct the cell shown (e.g. \"1,200,000.00\", \"120万元\", \"2023-06-15\").",
                ],
                [
                    "项目台账.xlsx!Sheet1!7 总投资: \"约一千万\"",
                    "项目台账.xlsx!Sheet1!7 total investment: \"about ten million\"",
                ],
            ),
            Code::UnreadableFolder => (
                Error,
                [
                    "一个文件夹无法列出（权限不足、网络中断等），其中的文件没有检查。",
                    "A folder could not be listed (permission denied, share dropped); its files were not checked.",
                ],
                [
                    "未检查的内容不能视为齐全；缺失的报告可能是误报，也可能漏报。",
                    "Unchecked content is not complete content; missing documents reported for it may be false, and real ones may hide there.",
                ],
                [
                    "检查文件夹权限或网络连接后重新运行。",
                    "Fix the folder's permissions or the connection and run again.",
                ],
                [
                    "2023/MGT-2023-004 …/05 验收: 权限不足",
                    "2023/MGT-2023-004 …/05 验收: permission denied",
                ],
            ),
        };
        CodeDoc {
            severity,
            what,
            why,
            fix,
            example,
        }
    }

    /// A short title of the code in `lang`: the first sentence of `what`.
    pub fn title(self, lang: Lang) -> String {
        let doc = self.doc();
        let what = lang.pick(doc.what[0], doc.what[1]);
        let end = what
            .find(['。', '：', ':'])
            .or_else(|| what.find(". "))
            .unwrap_or(what.len());
        what[..end].trim_end_matches('.').to_string()
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = HashSet::new();
        for &code in Code::ALL {
            let id = code.id();
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id} is not kebab-case"
            );
            assert_eq!(Code::from_id(id), Some(code));
        }
    }

    #[test]
    fn every_code_is_documented_in_both_languages() {
        for &code in Code::ALL {
            let doc = code.doc();
            for text in [doc.what, doc.why, doc.fix, doc.example].iter().flatten() {
                assert!(
                    !text.trim().is_empty(),
                    "{} has an empty doc field",
                    code.id()
                );
            }
            assert!(!code.title(Lang::En).is_empty());
        }
    }
}
