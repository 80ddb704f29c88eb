//! The registry of finding codes: one entry per code, declared once.
//!
//! Checks name codes through [`Code`], never as string literals. `guicang explain`,
//! the JSON report and (later) SARIF rule lists all read the same [`CodeDoc`], and the
//! exhaustive `match` in [`Code::doc`] makes an undocumented code a compile error.
//! Codes are kebab-case names of the problem and are never renamed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// The families of finding codes: what part of the sweep makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Documents and projects: what is missing, misfiled or unknown.
    Core,
    /// Reading ledgers (台账): unreadable files, bad cells, rows of unknown projects.
    Ledger,
    /// The funding chain: payments, vouchers, contracts, invoices, allocations.
    Chain,
    /// The health of each file: empty, damaged, encrypted, misnamed, skipped.
    Health,
    /// The course of projects: steps out of lawful order, late completion, idle funds.
    Portfolio,
    /// Waivers and the baseline: exceptions that expired or covered nothing.
    Triage,
}

impl Family {
    /// Every family, in the order the README and `guicang explain` list them.
    pub const ALL: [Family; 6] = [
        Family::Core,
        Family::Ledger,
        Family::Chain,
        Family::Health,
        Family::Portfolio,
        Family::Triage,
    ];

    /// The family's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Family::Core => lang.pick("文件与项目", "documents and projects"),
            Family::Ledger => lang.pick("台账读取", "ledgers"),
            Family::Chain => lang.pick("资金链", "funding chain"),
            Family::Health => lang.pick("文件健康", "file health"),
            Family::Portfolio => lang.pick("进度与时序", "schedule and chronology"),
            Family::Triage => lang.pick("豁免与基线", "waivers and baseline"),
        }
    }
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
    /// A ledger row naming a project the archive does not have.
    LedgerUnknownProject = "ledger-unknown-project",
    /// A derived ledger column (累计拨付, 拨付比例) that disagrees with the rows it derives from.
    LedgerDerivedMismatch = "ledger-derived-mismatch",
    /// Two columns of one ledger table are headed with the same field (two 拨付金额).
    LedgerDuplicateColumn = "ledger-duplicate-column",
    /// Amounts of a ledger add up to more than the decimal type holds; the total is unknown.
    LedgerSumOverflow = "ledger-sum-overflow",
    /// One voucher number on two payment rows of a project in the same month or for one amount.
    DuplicateVoucher = "duplicate-voucher",
    /// A payment row with no voucher file.
    PaymentWithoutVoucher = "payment-without-voucher",
    /// A voucher file whose number is in no payment row.
    VoucherNotInLedger = "voucher-not-in-ledger",
    /// A payment naming a contract that no contract ledger has.
    PaymentWithoutContract = "payment-without-contract",
    /// Payments on a contract add up to more than its amount.
    ContractOverpaid = "contract-overpaid",
    /// Payments or allocations of a project add up to more than its aid funds.
    AllocationExceeded = "allocation-exceeded",
    /// A payment dated before its contract was signed.
    PaymentOutOfOrder = "payment-out-of-order",
    /// A contract at or above a tender threshold that was not tendered.
    ContractWithoutProcurement = "contract-without-procurement",
    /// A payment with no invoice.
    PaymentWithoutInvoice = "payment-without-invoice",
    /// Payments above the settled amount.
    SettlementExceeded = "settlement-exceeded",
    /// Retention money held above the allowed share of the settlement.
    RetentionExcessive = "retention-excessive",
    /// Contracts of one kind, each below a tender threshold, that together reach it.
    PossibleContractSplitting = "possible-contract-splitting",
    /// A file of 0 bytes.
    EmptyFile = "empty-file",
    /// A file that cannot be read.
    UnreadableFile = "unreadable-file",
    /// Content and extension disagree.
    FormatMismatch = "format-mismatch",
    /// A damaged or truncated PDF.
    CorruptPdf = "corrupt-pdf",
    /// An encrypted PDF.
    EncryptedPdf = "encrypted-pdf",
    /// A damaged or truncated image.
    CorruptImage = "corrupt-image",
    /// A spreadsheet that does not open.
    CorruptSpreadsheet = "corrupt-spreadsheet",
    /// An Office or OFD file that does not open.
    CorruptOffice = "corrupt-office",
    /// A password-protected Office file.
    EncryptedOffice = "encrypted-office",
    /// A file above the inspection size limit.
    FileSkippedTooLarge = "file-skipped-too-large",
    /// A file whose check ran out of time.
    FileCheckTimeout = "file-check-timeout",
    /// The same content in two places of one project.
    DuplicateFile = "duplicate-file",
    /// A symbolic link that was not followed.
    SymlinkSkipped = "symlink-skipped",
    /// A FIFO, socket or device in a project folder, which is never opened.
    SpecialFileSkipped = "special-file-skipped",
    /// A project's folder inside another project's folder.
    NestedProjectFolder = "nested-project-folder",
    /// Works began before the construction permit (未批先建).
    StartedBeforePermit = "started-before-permit",
    /// A construction or goods contract signed before the bidder was chosen.
    ContractBeforeAward = "contract-before-award",
    /// Completion later than the planned finish.
    CompletedLate = "completed-late",
    /// Allocated funds not put to work (资金沉淀).
    FundsIdle = "funds-idle",
    /// A `[[waiver]]` of the configuration whose `expires` date has passed.
    WaiverExpired = "waiver-expired",
    /// A `[[waiver]]` of the configuration that covered no finding.
    WaiverUnused = "waiver-unused",
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
                    "两个项目文件夹使用了同一个项目编号；各自单独检查，按文件夹顺序第二个起以“编号 @ 文件夹”为项目键。",
                    "Two project folders claim the same project code; each is checked on its own, and the second and later (in folder order) are keyed `CODE @ FOLDER`.",
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
                    "台账中的金额或日期单元格无法解析，或不可能正确：不是数字、千分位逗号位置不对（“1,2,3”）、小数位或位数超出可精确表示的范围、金额为负数、拨付/下达/发票行的金额为空、日期不在 1990 年至 2100 年之间（如 Excel 序号 0）。",
                    "A money or date cell of a ledger cannot be parsed, or cannot be right: not a number, thousands separators out of place (\"1,2,3\"), more decimals or digits than can be held exactly, a negative amount, an empty amount on a payment, allocation or invoice row, or a date outside 1990–2100 (such as Excel serial 0).",
                ],
                [
                    "该值不参与检查，相关结论可能不完整。",
                    "The value takes no part in the checks, so their result may be incomplete.",
                ],
                [
                    "按提示的单元格改正数值（如“1,200,000.00”“120万元”“2023-06-15”）；退款或冲销按实际发生另行登记。",
                    "Correct the cell shown (e.g. \"1,200,000.00\", \"120万元\", \"2023-06-15\"); record a refund or reversal as what it is.",
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
            Code::LedgerUnknownProject => (
                Warning,
                [
                    "台账中的行所写的项目编号或名称在档案中找不到对应项目，该行未参与检查。",
                    "A ledger row names a project code or name the archive does not have; the row takes no part in the checks.",
                ],
                [
                    "资金去向无法对应到项目档案，审计时即为线索。",
                    "Money that cannot be tied to a project's records is a lead for auditors.",
                ],
                [
                    "改正台账中的项目编号，或补建该项目的档案文件夹。",
                    "Correct the project code in the ledger, or create the project's folder.",
                ],
                [
                    "资金拨付台账.xlsx!Sheet1!7: MGT-2023-099",
                    "资金拨付台账.xlsx!Sheet1!7: MGT-2023-099",
                ],
            ),
            Code::LedgerDerivedMismatch => (
                Warning,
                [
                    "台账中由其他数据计算得出的列（累计拨付、拨付比例）与重新计算的结果不一致。",
                    "A derived ledger column (累计拨付 cumulative payments, 拨付比例 payment ratio) disagrees with guicang's recomputation.",
                ],
                [
                    "汇总列常被手工修改或公式断链，依据它上报的支出进度会出错。",
                    "Derived columns are often typed over or lose their formula; an execution rate reported from them is wrong.",
                ],
                [
                    "用公式重新计算该列（累计 = 上一行累计 + 本次拨付）。",
                    "Recompute the column with a formula (cumulative = previous cumulative + this payment).",
                ],
                [
                    "资金拨付台账.xlsx!台账!J7: 台账写 5,410,000.50，应为 5,400,000.50",
                    "资金拨付台账.xlsx!台账!J7: ledger says 5,410,000.50, rows add up to 5,400,000.50",
                ],
            ),
            Code::LedgerDuplicateColumn => (
                Warning,
                [
                    "台账的同一张表中有两列表头指向同一字段（如两列“拨付金额”）；只读取第一列，第二列被忽略。",
                    "Two columns of one ledger table are headed with the same field (such as two 拨付金额 columns); only the first is read, the second is ignored.",
                ],
                [
                    "检查可能读错列：若正确的金额或日期在第二列，所有依据它的结论都会出错。",
                    "The checks may read the wrong column: if the right amount or date is in the second one, every result built on it is wrong.",
                ],
                [
                    "删除或重命名多余的列，使每个字段只有一列（如“拨付金额”和“其中：援疆资金”）。",
                    "Delete or rename the extra column so that each field has one column (e.g. 拨付金额 and 其中：援疆资金).",
                ],
                [
                    "资金拨付台账.xlsx!台账!D3 与 F3 都是“拨付金额”",
                    "资金拨付台账.xlsx!台账!D3 and F3 are both headed 拨付金额",
                ],
            ),
            Code::LedgerSumOverflow => (
                Warning,
                [
                    "台账金额相加超出可精确计算的范围（超过 79,228,162,514,264,337,593,543,950,335 元），该合计未知。",
                    "Amounts of a ledger add up to more than can be computed exactly (above 79,228,162,514,264,337,593,543,950,335 yuan); the total is unknown.",
                ],
                [
                    "依赖该合计的检查（超付、超援疆资金、结算、累计拨付）被跳过；如此巨大的金额几乎总是录入错误。",
                    "The checks that need the total (overpayment, aid funds, settlement, cumulative payments) are skipped; an amount this large is almost always a typing error.",
                ],
                [
                    "核对提示行及其以上各行的金额，改正多打的数字或错误的单位。",
                    "Check the amounts of the row shown and the rows above it; correct extra digits or a wrong unit.",
                ],
                [
                    "资金拨付台账.xlsx!台账!9: 拨付合计超出可计算范围",
                    "资金拨付台账.xlsx!台账!9: the payments add up beyond what can be computed",
                ],
            ),
            Code::DuplicateVoucher => (
                Warning,
                [
                    "同一项目的两行拨付记录使用了同一个凭证号，且在同一月份或金额相同（凭证按月编号，不同月份、不同金额的相同编号不算重复）。",
                    "Two payment rows of one project carry the same voucher number in the same month or for the same amount (vouchers are numbered by month, so the same number in different months for different amounts is not a duplicate).",
                ],
                [
                    "一笔支出可能被登记了两次，或凭证号抄错，使凭证与台账无法一一对应。",
                    "A payment may be recorded twice, or a voucher number was copied wrongly, so vouchers and ledger rows no longer correspond one to one.",
                ],
                [
                    "对照记账凭证核实两行：删除重复登记的行，或改正凭证号。",
                    "Check both rows against the vouchers: delete the row recorded twice, or correct the voucher number.",
                ],
                [
                    "资金拨付台账.xlsx!台账!E5 与 E9 都是 记-0032",
                    "资金拨付台账.xlsx!台账!E5 and E9 both carry 记-0032",
                ],
            ),
            Code::PaymentWithoutVoucher => (
                Error,
                [
                    "拨付台账中的一笔拨付找不到对应的拨付凭证文件（按凭证号匹配文件名，否则按日期和金额）。",
                    "A payment of the payment ledger has no voucher file (matched by voucher number in the file name, else by date and amount).",
                ],
                [
                    "没有凭证的支付无法证明资金确已按规定拨付，是审计重点。",
                    "A payment without its voucher cannot be shown to have been made as booked; auditors look for exactly this.",
                ],
                [
                    "扫描记账凭证归档，文件名写明凭证号，如“20230615 拨付凭证 记-0032.pdf”。",
                    "Scan the voucher and file it with its number in the name, e.g. \"20230615 拨付凭证 记-0032.pdf\".",
                ],
                [
                    "资金拨付台账.xlsx!Sheet1!5 记-0041: 没有凭证文件",
                    "资金拨付台账.xlsx!Sheet1!5 记-0041: no voucher file",
                ],
            ),
            Code::VoucherNotInLedger => (
                Warning,
                [
                    "凭证文件的凭证号在拨付台账中没有对应的行。",
                    "A voucher file carries a number that no payment row has.",
                ],
                [
                    "台账漏记的支付，或归错项目的凭证，都会使资金链对不上。",
                    "A payment missing from the ledger, or a voucher filed under the wrong project, breaks the chain.",
                ],
                [
                    "在拨付台账中补记该笔支付，或把凭证移到所属项目。",
                    "Add the payment to the ledger, or move the voucher to its project.",
                ],
                [
                    "06 资金拨付/记-0099 拨付凭证.pdf",
                    "06 资金拨付/记-0099 拨付凭证.pdf",
                ],
            ),
            Code::PaymentWithoutContract => (
                Error,
                [
                    "拨付所写的合同编号在合同台账中不存在。",
                    "A payment names a contract number that no contract ledger row has.",
                ],
                [
                    "无合同支付或合同编号错误，都使支付失去依据。",
                    "A payment without a contract, or with a wrong contract number, has no basis.",
                ],
                [
                    "在合同台账中登记该合同，或改正拨付台账中的合同编号。",
                    "Register the contract in the contract ledger, or correct the number in the payment ledger.",
                ],
                [
                    "资金拨付台账.xlsx!Sheet1!6 HT-2023-099",
                    "资金拨付台账.xlsx!Sheet1!6 HT-2023-099",
                ],
            ),
            Code::ContractOverpaid => (
                Error,
                [
                    "同一合同的拨付合计超过合同金额（已考虑台账金额的精度）。",
                    "Payments on one contract add up to more than its amount (allowing for the precision of the ledgers).",
                ],
                [
                    "超合同付款须有补充协议或变更审批，否则为违规支付。",
                    "Paying beyond a contract needs a supplementary agreement or an approved change; otherwise it is an irregular payment.",
                ],
                [
                    "归档补充协议并在合同台账中更新金额，或核对拨付记录。",
                    "File the supplementary agreement and update the contract ledger, or check the payment rows.",
                ],
                [
                    "HT-2023-015: 合同 5,805,000.00，已付 5,900,000.00",
                    "HT-2023-015: contract 5,805,000.00, paid 5,900,000.00",
                ],
            ),
            Code::AllocationExceeded => (
                Error,
                [
                    "项目的拨付合计或下达合计超过其援疆资金额度。",
                    "A project's payments, or its allocations, add up to more than its aid funds (援疆资金).",
                ],
                [
                    "超额使用援疆资金须有调整批复。",
                    "Spending aid funds beyond the approved amount needs an approved adjustment.",
                ],
                [
                    "归档资金调整批复并更新项目台账，或核对拨付记录。",
                    "File the approved adjustment and update the project ledger, or check the payment rows.",
                ],
                [
                    "MGT-2023-001: 援疆资金 12,000,000.00，拨付 12,600,000.00",
                    "MGT-2023-001: aid funds 12,000,000.00, paid 12,600,000.00",
                ],
            ),
            Code::PaymentOutOfOrder => (
                Error,
                [
                    "拨付日期早于合同签订日期。",
                    "A payment is dated before its contract was signed.",
                ],
                [
                    "先付款后签合同是常见的审计问题。",
                    "Paying before the contract is signed is a common audit finding.",
                ],
                [
                    "核对日期；确有预付时归档说明或审批。",
                    "Check the dates; if it was an approved advance, file the approval.",
                ],
                [
                    "记-0032 2023-05-01，合同 HT-2023-015 签订于 2023-05-20",
                    "记-0032 on 2023-05-01, contract HT-2023-015 signed 2023-05-20",
                ],
            ),
            Code::ContractWithoutProcurement => (
                Error,
                [
                    "合同金额达到必须招标的限额，合同台账记载的采购方式却不是公开或邀请招标。",
                    "A contract at or above a tender threshold was, by the contract ledger, not procured by public or invited tender.",
                ],
                [
                    "达到限额的项目必须招标（必须招标的工程项目规定第5条）；规避招标是违法行为。",
                    "Contracts at or above the thresholds must be tendered (必须招标的工程项目规定 art. 5); avoiding the tender is unlawful.",
                ],
                [
                    "核对合同金额与采购方式；如有依法可不招标的批准文件，请归档。",
                    "Check the amount and the method; if an exemption was approved, file the approval.",
                ],
                [
                    "HT-2023-020 施工 4,500,000.00 询价",
                    "HT-2023-020 construction 4,500,000.00 by inquiry",
                ],
            ),
            Code::PaymentWithoutInvoice => (
                Error,
                [
                    "一笔拨付既没有发票号，也没有发票台账行或发票文件与之对应。",
                    "A payment has neither an invoice number in its row, nor an invoice ledger row, nor an invoice file.",
                ],
                [
                    "没有发票的支付不能入账核销。",
                    "A payment without an invoice cannot be booked.",
                ],
                [
                    "归档发票并在拨付台账中填写发票号。",
                    "File the invoice and write its number in the payment ledger.",
                ],
                [
                    "资金拨付台账.xlsx!Sheet1!8 记-0102",
                    "资金拨付台账.xlsx!Sheet1!8 记-0102",
                ],
            ),
            Code::SettlementExceeded => (
                Error,
                [
                    "已完工项目（或合同）的拨付合计超过结算金额。",
                    "Payments on a completed project (or contract) exceed its settled amount.",
                ],
                [
                    "超结算付款即多付，须追回。",
                    "Paying beyond the settlement is an overpayment to be recovered.",
                ],
                [
                    "核对结算审核报告与拨付记录。",
                    "Check the settlement audit report against the payment rows.",
                ],
                [
                    "HT-2023-015: 结算 5,600,000.00，已付 5,700,000.00",
                    "HT-2023-015: settled 5,600,000.00, paid 5,700,000.00",
                ],
            ),
            Code::RetentionExcessive => (
                Warning,
                [
                    "已完工项目结算后仍未支付的金额（质量保证金）超过结算金额的规定比例（默认 3%）。",
                    "After settlement of a completed project, the amount still unpaid (retention money) is above the allowed share of the settlement (3% by default).",
                ],
                [
                    "质量保证金不得高于结算总额的 3%（建设工程质量保证金管理办法第7条）；多扣即拖欠工程款。",
                    "Retention may not exceed 3% of the settlement (建设工程质量保证金管理办法 art. 7); holding more is withholding payment.",
                ],
                [
                    "支付超出部分，或归档说明未付原因的文件。",
                    "Pay the excess, or file the document that explains why it is held.",
                ],
                [
                    "HT-2023-015: 结算 5,600,000.00，未付 400,000.00 (7.1%)",
                    "HT-2023-015: settled 5,600,000.00, unpaid 400,000.00 (7.1%)",
                ],
            ),
            Code::PossibleContractSplitting => (
                Warning,
                [
                    "同一项目中同类合同各自低于招标限额，合计却达到限额。",
                    "Contracts of one kind in one project are each below a tender threshold but together reach it.",
                ],
                [
                    "把应招标的项目拆分为若干小合同以规避招标是被禁止的（必须招标的工程项目规定第5条）。",
                    "Splitting a contract to stay below the tender threshold is forbidden (必须招标的工程项目规定 art. 5).",
                ],
                [
                    "核对这些合同是否属于同一标的；确属不同标的时归档说明。",
                    "Check whether the contracts are one piece of work; if they are not, file an explanation.",
                ],
                [
                    "HT-2023-021 + HT-2023-022: 施工，合计 4,100,000.00",
                    "HT-2023-021 + HT-2023-022: construction, together 4,100,000.00",
                ],
            ),
            Code::EmptyFile => (
                Warning,
                [
                    "文件为空（0 字节）。作为某项文件的唯一依据时为错误，该文件同时报告为缺失。",
                    "The file is empty (0 bytes). When it is the only evidence of a document it is an error, and the document is reported missing too.",
                ],
                [
                    "空文件通常是扫描或复制中断的结果，不能作为档案。",
                    "An empty file is usually an interrupted scan or copy; it is not a record.",
                ],
                [
                    "重新扫描或从原位置重新复制该文件。",
                    "Scan the document again, or copy it again from where it came from.",
                ],
                [
                    "01 可研立项/可研批复.pdf（0 字节）",
                    "01 可研立项/可研批复.pdf (0 bytes)",
                ],
            ),
            Code::UnreadableFile => (
                Error,
                [
                    "文件无法读取（权限不足、I/O 错误，或在检查过程中被删除）。",
                    "The file cannot be read (permission denied, I/O error, or deleted during the sweep).",
                ],
                [
                    "无法读取的文件无法证明任何事项，且不计为依据。",
                    "A file that cannot be read proves nothing and does not count as evidence.",
                ],
                [
                    "检查文件权限和存储介质后重新运行。",
                    "Check the file's permissions and the storage, then run again.",
                ],
                [
                    "06 资金拨付/拨付凭证.pdf: 权限不足",
                    "06 资金拨付/拨付凭证.pdf: permission denied",
                ],
            ),
            Code::FormatMismatch => (
                Warning,
                [
                    "文件内容的格式与扩展名不符（例如把 JPEG 图片命名为 .pdf）。",
                    "The content is another format than the extension says (a JPEG saved as .pdf).",
                ],
                [
                    "按扩展名打开时会失败；档案系统和移交检测按格式处理文件。",
                    "Opening it by its extension fails; archive systems and handover checks go by format.",
                ],
                [
                    "改正扩展名，或用正确的程序转换格式。",
                    "Correct the extension, or convert the file properly.",
                ],
                [
                    "施工许可证.pdf: 文件内容是 JPEG",
                    "施工许可证.pdf: the content is JPEG",
                ],
            ),
            Code::CorruptPdf => (
                Error,
                [
                    "PDF 已损坏：没有有效的文件头、交叉引用或文件尾，被截断，或没有页面。",
                    "The PDF is damaged: no valid header, cross-reference or trailer, truncated, or without pages.",
                ],
                [
                    "损坏的 PDF 可能缺页或无法打开，不能作为依据（四性检测中的可用性）。",
                    "A damaged PDF may miss pages or not open at all; it is not usable evidence (the usability test of DA/T 70).",
                ],
                [
                    "从原件重新扫描或重新导出 PDF。",
                    "Scan or export the PDF again from the original.",
                ],
                [
                    "竣工验收报告.pdf: 文件被截断",
                    "竣工验收报告.pdf: the file is truncated",
                ],
            ),
            Code::EncryptedPdf => (
                Warning,
                [
                    "PDF 已加密：需要密码才能打开，或设有权限限制，无法核验和检索。",
                    "The PDF is encrypted: it needs a password to open, or carries restrictions; it cannot be verified or indexed.",
                ],
                [
                    "加密文件移交后可能无人能打开；电子档案不得加密（DA/T 70 安全性、可用性）。",
                    "After handover nobody may be able to open it; electronic records should not be encrypted (DA/T 70).",
                ],
                ["去除密码后重新保存。", "Save it again without a password."],
                [
                    "中标通知书.pdf: 需要打开密码",
                    "中标通知书.pdf: a password is needed to open it",
                ],
            ),
            Code::CorruptImage => (
                Error,
                [
                    "图片文件已损坏或被截断（JPEG 没有结束标记、PNG 没有 IEND）。",
                    "An image is damaged or cut short (a JPEG without its end marker, a PNG without IEND).",
                ],
                [
                    "截断的照片只显示一部分或无法打开，不能作为影像依据。",
                    "A truncated photo shows only part of the picture or none; it is not usable evidence.",
                ],
                [
                    "从相机或原始存储重新复制照片。",
                    "Copy the photo again from the camera or its original storage.",
                ],
                [
                    "影像资料/施工前照片/IMG_0001.jpg: 缺少结束标记",
                    "影像资料/施工前照片/IMG_0001.jpg: no end-of-image marker",
                ],
            ),
            Code::CorruptSpreadsheet => (
                Error,
                [
                    "表格文件已损坏，无法打开。",
                    "A spreadsheet is damaged and does not open.",
                ],
                [
                    "无法打开的表格不能作为依据。",
                    "A spreadsheet that does not open is not usable evidence.",
                ],
                [
                    "用 Excel 或 WPS 修复后另存，或从原始来源重新获取。",
                    "Repair and save it again in Excel or WPS, or get it again from its source.",
                ],
                [
                    "经费预算表.xlsx: zip 容器无法打开",
                    "经费预算表.xlsx: the zip container does not open",
                ],
            ),
            Code::CorruptOffice => (
                Error,
                [
                    "Office 或 OFD 文件已损坏，无法打开。",
                    "An Office or OFD file is damaged and does not open.",
                ],
                [
                    "无法打开的文件不能作为依据。",
                    "A file that does not open is not usable evidence.",
                ],
                [
                    "修复后另存，或从原始来源重新获取。",
                    "Repair and save it again, or get it again from its source.",
                ],
                [
                    "实施方案.docx: zip 容器无法打开",
                    "实施方案.docx: the zip container does not open",
                ],
            ),
            Code::EncryptedOffice => (
                Warning,
                [
                    "Office 文件设有打开密码，无法核验。",
                    "An Office file is password-protected and cannot be verified.",
                ],
                [
                    "加密文件移交后可能无人能打开。",
                    "After handover nobody may be able to open it.",
                ],
                ["去除密码后重新保存。", "Save it again without a password."],
                [
                    "合同台账.xlsx: 需要密码",
                    "合同台账.xlsx: a password is needed",
                ],
            ),
            Code::FileSkippedTooLarge => (
                Info,
                [
                    "文件超过检查的大小上限，未检查其内容。",
                    "The file is larger than the inspection limit; its content was not checked.",
                ],
                [
                    "未检查的文件处于“无法检查”状态。",
                    "An unchecked file could not be checked, which is not the same as healthy.",
                ],
                [
                    "在 guicang.toml 的 [inspect] 中调高 max_file_mb。",
                    "Raise max_file_mb under [inspect] in guicang.toml.",
                ],
                ["影像资料/航拍.mp4（5 GB）", "影像资料/航拍.mp4 (5 GB)"],
            ),
            Code::FileCheckTimeout => (
                Info,
                [
                    "检查该文件超过时间上限，已放弃。",
                    "Checking the file took longer than the time budget and was given up.",
                ],
                [
                    "异常复杂或恶意构造的文件可能拖慢检查；该文件未能判断。",
                    "An unusually complex or hostile file can stall a parser; this one could not be judged.",
                ],
                [
                    "在其他软件中打开确认；或在 [inspect] 中调高 timeout_seconds。",
                    "Open it in another program to confirm; or raise timeout_seconds under [inspect].",
                ],
                [
                    "竣工图.pdf: 超过 20 秒",
                    "竣工图.pdf: longer than 20 seconds",
                ],
            ),
            Code::DuplicateFile => (
                Info,
                [
                    "同一项目中两处存放着内容完全相同的文件。",
                    "Two places in one project hold files with exactly the same content.",
                ],
                [
                    "重复文件使档案臃肿，且常是归错位置的信号。",
                    "Duplicates bloat the archive and often signal a file put in the wrong place.",
                ],
                [
                    "保留应在的那一份，删除另一份。",
                    "Keep the copy where it belongs and remove the other.",
                ],
                [
                    "01 可研立项/可研批复.pdf 与 06 资金拨付/可研批复(1).pdf",
                    "01 可研立项/可研批复.pdf and 06 资金拨付/可研批复(1).pdf",
                ],
            ),
            Code::SymlinkSkipped => (
                Info,
                [
                    "符号链接（快捷方式）未被跟随，其指向的内容未检查。",
                    "A symbolic link was not followed; what it points to was not checked.",
                ],
                [
                    "链接可能指向档案外部或形成循环；档案中的文件应是实体文件。",
                    "Links may point outside the archive or form loops; the archive should hold the files themselves.",
                ],
                [
                    "用实际文件替换链接。",
                    "Replace the link with the file itself.",
                ],
                [
                    "06 资金拨付/凭证 -> /mnt/finance/2023",
                    "06 资金拨付/凭证 -> /mnt/finance/2023",
                ],
            ),
            Code::SpecialFileSkipped => (
                Warning,
                [
                    "项目文件夹中有命名管道（FIFO）、套接字或设备文件：它不是文件，不会被打开或检查。",
                    "A project folder holds a FIFO (named pipe), a socket or a device: it is no document and is never opened or checked.",
                ],
                [
                    "档案中不应有这类系统对象；打开命名管道会一直等待，因此 guicang 跳过它并在此说明，不让任何东西悄悄漏掉。",
                    "An archive should hold none of these; opening a FIFO waits forever, so guicang skips it and says so here, letting nothing go unmentioned.",
                ],
                [
                    "删除它，或把它应有的文件内容另存为普通文件。",
                    "Remove it, or save what it should hold as an ordinary file.",
                ],
                [
                    "02 施工许可/施工许可证.pdf（FIFO）",
                    "02 施工许可/施工许可证.pdf (FIFO)",
                ],
            ),
            Code::NestedProjectFolder => (
                Warning,
                [
                    "一个项目的文件夹放在另一个项目的文件夹中：其中的文件都被算作外层项目的文件。",
                    "A project's folder lies inside another project's folder: the files in it are counted as the outer project's.",
                ],
                [
                    "内层项目的文件不会计入它自己的完整度，外层项目则可能显得多出文件或放错位置。",
                    "The inner project's documents do not count toward its own completeness, and the outer project seems to hold stray or misfiled files.",
                ],
                [
                    "把内层项目的文件夹移到与其他项目并列的位置。",
                    "Move the inner project's folder out, beside the other projects.",
                ],
                [
                    "MGT-2023-001 学校/MGT-2023-007 食堂/",
                    "MGT-2023-001 学校/MGT-2023-007 食堂/",
                ],
            ),
            Code::StartedBeforePermit => (
                Error,
                [
                    "开工日期早于施工许可证日期：工程在取得施工许可前已经开工（未批先建）。",
                    "The works began before the construction permit was issued (未批先建).",
                ],
                [
                    "未取得施工许可即开工是审计和巡察的常见问题，须责令停工、补办手续，并可能处以罚款。",
                    "Building without a permit is a finding of every audit; the works must stop until the permit is obtained, and a fine may follow.",
                ],
                [
                    "核对开工令和施工许可证上的日期；日期录错的更正文件名或台账，确属先开工的，归档补办手续和整改说明。",
                    "Check the dates on the commencement order and the permit. Correct a wrong date in the file name or ledger; where the works did start first, file the late permit and the rectification note.",
                ],
                [
                    "开工日期 2023-03-01 早于施工许可 2023-04-15（早 45 天）",
                    "commencement 2023-03-01 is before the construction permit of 2023-04-15 (45 days early)",
                ],
            ),
            Code::ContractBeforeAward => (
                Error,
                [
                    "施工或货物合同的签订日期早于中标通知书日期：合同在确定中标人之前已签订。",
                    "A construction or goods contract was signed before the award notice: before the bidder was chosen.",
                ],
                [
                    "先签合同后走招标程序，说明招标流于形式（明招暗定），是审计重点。",
                    "A contract signed before the award means the tender was a formality with the winner fixed in advance; auditors look for exactly this.",
                ],
                [
                    "核对合同台账的签订日期和中标通知书日期；日期录错的更正，确属先签后招的，说明原因并归档整改材料。",
                    "Check the signing date in the contract ledger against the award notice. Correct a wrong date; where the contract was signed first, explain why and file the rectification.",
                ],
                [
                    "合同 HT-2023-015 签订于 2023-04-01，早于中标通知书 2023-04-20",
                    "contract HT-2023-015 was signed on 2023-04-01, before the award notice of 2023-04-20",
                ],
            ),
            Code::CompletedLate => (
                Warning,
                [
                    "竣工（验收）日期晚于计划竣工日期，超过允许的天数（completion_grace_days）。",
                    "Completion (acceptance) came later than the planned finish by more than the days allowed (completion_grace_days).",
                ],
                [
                    "完成及时性是绩效评价的产出指标；逾期须有延期审批或说明。",
                    "Timeliness is an output indicator of every performance evaluation; a delay needs an approved extension or an explanation.",
                ],
                [
                    "归档工期延期的审批或情况说明；计划竣工日期填写有误的，更正项目台账或 project.toml。",
                    "File the approved extension or the explanation of the delay; if the planned finish is wrong, correct the project ledger or project.toml.",
                ],
                [
                    "竣工 2024-03-01，计划竣工 2023-12-31，逾期 61 天",
                    "completed 2024-03-01, planned 2023-12-31: 61 days late",
                ],
            ),
            Code::FundsIdle => (
                Warning,
                [
                    "资金下达后超过 idle_funds_days 天才首次拨付，或至今仍未拨付（资金沉淀）。",
                    "The first payment came more than idle_funds_days days after the first allocation, or nothing has been paid since (idle funds, 资金沉淀).",
                ],
                [
                    "援疆资金下达后长期未使用，是审计指出的“资金沉淀”问题，影响资金效益并可能被收回。",
                    "Aid funds left unused after allocation are a standing audit finding: they earn nothing and may be taken back.",
                ],
                [
                    "加快项目实施和支付；确因客观原因滞后的，归档情况说明；台账漏记拨付的，补录拨付台账。",
                    "Move the project and its payments on; file the reasons for a delay beyond the project's control; if payments were left out of the ledger, record them.",
                ],
                [
                    "资金于 2023-03-10 下达，至 2023-11-30 仍未拨付（265 天）",
                    "funds allocated on 2023-03-10, nothing paid by 2023-11-30 (265 days)",
                ],
            ),
            Code::WaiverExpired => (
                Warning,
                [
                    "豁免已过期：guicang.toml 中的豁免（[[waiver]]）已过有效期（expires），不再豁免任何问题，原先豁免的问题重新计入。",
                    "A waiver has expired. Its expires date in guicang.toml ([[waiver]]) has passed, so it covers nothing any more and the findings it covered count again.",
                ],
                [
                    "豁免是有期限的例外；到期意味着需要重新审查：问题是否已解决，例外是否仍然成立。",
                    "A waiver is an exception granted for a time; when it runs out, someone must look again: is the problem solved, does the exception still hold?",
                ],
                [
                    "解决被豁免的问题后删除该豁免；例外仍成立时，经审批后更新 expires 和 approved_by。",
                    "Solve the waived problem and delete the waiver; if the exception still holds, have it approved again and update expires and approved_by.",
                ],
                [
                    "guicang.toml:12 的豁免（MGT-2023-002 · land-title）已于 2024-12-31 到期",
                    "the waiver at guicang.toml:12 (MGT-2023-002 · land-title) expired on 2024-12-31",
                ],
            ),
            Code::WaiverUnused => (
                Info,
                [
                    "豁免未使用：guicang.toml 中的豁免（[[waiver]]）没有涵盖本次检查的任何问题。",
                    "A waiver covered nothing. No finding of this sweep matched this [[waiver]] of guicang.toml.",
                ],
                [
                    "问题可能已经解决，或豁免写错了（项目编号、文件编号、代码或路径有误）；留着无用的豁免会在问题重现时悄悄将其掩盖。",
                    "The problem may be solved, or the waiver is mistyped (project, document, code or path); a stale waiver silently hides the problem if it comes back.",
                ],
                [
                    "问题已解决时删除该豁免；否则改正其字段，使之与报告中的问题一致。",
                    "Delete the waiver if the problem is solved; otherwise correct its fields to match the finding in the report.",
                ],
                [
                    "guicang.toml:20 的豁免（MGT-2023-001 · fire-acceptance）没有涵盖任何问题",
                    "the waiver at guicang.toml:20 (MGT-2023-001 · fire-acceptance) covered no finding",
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

    /// The family the code belongs to. Views group by it, the README lists codes by it;
    /// the exhaustive `match` makes a new code declare its family.
    pub fn family(self) -> Family {
        use Code::*;
        match self {
            MissingDocument | MisfiledDocument | UnmatchedFile | TemporaryFile | UnassignedFile
            | UnknownProject | StatusUnknown | DuplicateProject | ProjectFolderMissing
            | InvalidManifest | UnreadableFolder => Family::Core,
            LedgerUnreadable
            | LedgerUnrecognised
            | LedgerBadCell
            | LedgerUnknownProject
            | LedgerDerivedMismatch
            | LedgerDuplicateColumn
            | LedgerSumOverflow => Family::Ledger,
            DuplicateVoucher
            | PaymentWithoutVoucher
            | VoucherNotInLedger
            | PaymentWithoutContract
            | ContractOverpaid
            | AllocationExceeded
            | PaymentOutOfOrder
            | ContractWithoutProcurement
            | PaymentWithoutInvoice
            | SettlementExceeded
            | RetentionExcessive
            | PossibleContractSplitting => Family::Chain,
            EmptyFile | UnreadableFile | FormatMismatch | CorruptPdf | EncryptedPdf
            | CorruptImage | CorruptSpreadsheet | CorruptOffice | EncryptedOffice
            | FileSkippedTooLarge | FileCheckTimeout | DuplicateFile | SymlinkSkipped
            | SpecialFileSkipped => Family::Health,
            NestedProjectFolder => Family::Core,
            StartedBeforePermit | ContractBeforeAward | CompletedLate | FundsIdle => {
                Family::Portfolio
            }
            WaiverExpired | WaiverUnused => Family::Triage,
        }
    }

    /// The law, regulation or definition the code rests on, where one rule stands behind
    /// it (`guicang explain` prints it).
    pub fn rule(self) -> Option<&'static str> {
        match self {
            Code::StartedBeforePermit => Some(
                "《中华人民共和国建筑法》第七条：建筑工程开工前，建设单位应当申请领取施工许可证；《建筑工程施工许可管理办法》(住建部令第18号) 第三条",
            ),
            Code::ContractBeforeAward => Some(
                "《中华人民共和国招标投标法》第四十六条：招标人和中标人应当自中标通知书发出之日起三十日内订立书面合同；《政府采购法》第四十六条",
            ),
            Code::CompletedLate => Some(
                "《项目支出绩效评价管理办法》(财预〔2020〕10号) 附件：产出时效（完成及时性）指标；PORTFOLIO.md §2 completion_grace_days",
            ),
            Code::FundsIdle => Some(
                "《国务院关于进一步加强财政支出管理的通知》(国发〔2014〕45号)、盘活财政存量资金要求；PORTFOLIO.md §2 idle_funds_days",
            ),
            _ => None,
        }
    }

    /// The threshold of the rules (days) that decides when the code is raised, for the
    /// codes one threshold governs.
    pub fn threshold(self) -> Option<&'static str> {
        match self {
            Code::CompletedLate => Some("completion_grace_days"),
            Code::FundsIdle => Some("idle_funds_days"),
            _ => None,
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

/// A code is read back from its id (a JSON report given to `guicang merge`); an id this
/// version does not know is an error, never another code.
impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let id = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Code::from_id(&id)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown finding code `{id}`")))
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
