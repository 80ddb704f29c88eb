//! The words of ledger findings: files that do not open or have no header row, cells that
//! cannot be read as their field, fields headed twice.

use super::Words;
use super::files::format_name;
use crate::finding::file::SheetError;
use crate::finding::said::LedgerSaid;
use crate::finding::said::{CellProblem, Field};
use crate::lang::Lang;

impl Words<'_> {
    /// What a finding about a ledger says.
    pub(super) fn ledger(&self, said: &LedgerSaid) -> String {
        let lang = self.lang;
        match said {
            LedgerSaid::RowProjectUnknown { named, shared } => self.row_project(named, *shared),
            LedgerSaid::BadCell {
                field,
                problem,
                raw,
            } => self.bad_cell(*field, *problem, raw),
            LedgerSaid::DuplicateColumn { kept, ignored } => self.duplicate_column(kept, ignored),
            LedgerSaid::LedgerUnreadable { error } => match lang {
                Lang::Zh => format!("无法打开台账：{}", self.sheet_error(error)),
                Lang::En => format!("cannot open the ledger: {}", self.sheet_error(error)),
            },
            LedgerSaid::ConfiguredLedgerMissing { config } => match lang {
                Lang::Zh => format!("{config} 的 [ledgers] paths 列出的台账不存在"),
                Lang::En => format!("the ledger listed in [ledgers] paths of {config} does not exist"),
            },
            LedgerSaid::LedgerUnrecognised => lang
                .pick(
                    "在任何工作表中都找不到可识别的表头行（如“项目编号、项目名称”“合同编号、合同金额”“拨付日期、拨付金额、凭证号”）",
                    "no sheet has a recognisable header row (such as 项目编号/项目名称, 合同编号/合同金额, 拨付日期/拨付金额/凭证号)",
                )
                .into(),
        }
    }

    /// A ledger cell that cannot be read as `field`: what is wrong and what to do.
    pub(super) fn bad_cell(&self, field: Field, problem: CellProblem, raw: &str) -> String {
        let (zh, en) = field_label(field);
        match (self.lang, problem) {
            (Lang::Zh, CellProblem::Unrecognised) => format!("无法识别的{zh}：\"{raw}\""),
            (Lang::En, CellProblem::Unrecognised) => format!("unrecognised {en}: \"{raw}\""),
            (Lang::Zh, CellProblem::NotAnAmount) => format!("{zh}不是有效的金额：\"{raw}\""),
            (Lang::En, CellProblem::NotAnAmount) => {
                format!("{en} is not a valid amount: \"{raw}\"")
            }
            (Lang::Zh, CellProblem::NegativeAmount) => {
                format!("{zh}为负数：\"{raw}\"（退回或冲销请按实际发生另行登记；该值不参与检查）")
            }
            (Lang::En, CellProblem::NegativeAmount) => format!(
                "{en} is negative: \"{raw}\" (record a refund or reversal as what it is; the value takes no part in the checks)"
            ),
            (Lang::Zh, CellProblem::EmptyAmount) => format!("{zh}为空：请填写金额，或删除该行"),
            (Lang::En, CellProblem::EmptyAmount) => {
                format!("{en} is empty: fill in the amount, or delete the row")
            }
            (Lang::Zh, CellProblem::NotADate) => format!("{zh}不是有效的日期：\"{raw}\""),
            (Lang::En, CellProblem::NotADate) => format!("{en} is not a valid date: \"{raw}\""),
            (Lang::Zh, CellProblem::ImplausibleDate) => {
                format!("{zh}不是可信的日期：\"{raw}\"（应在 1990 年至 2100 年之间）")
            }
            (Lang::En, CellProblem::ImplausibleDate) => {
                format!("{en} is not a plausible date: \"{raw}\" (expected between 1990 and 2100)")
            }
            (Lang::Zh, CellProblem::NotAShare) => format!("{zh}不是有效的比例：\"{raw}\""),
            (Lang::En, CellProblem::NotAShare) => format!("{en} is not a valid share: \"{raw}\""),
        }
    }

    /// A field headed on two columns.
    pub(super) fn duplicate_column(
        &self,
        kept: &(String, String),
        ignored: &(String, String),
    ) -> String {
        let ((k, kept_text), (i, ignored_text)) = (kept, ignored);
        match self.lang {
            Lang::Zh => format!(
                "{k} 列“{kept_text}”与 {i} 列“{ignored_text}”是同一字段：读取 {k} 列，忽略 {i} 列"
            ),
            Lang::En => format!(
                "column {k} \"{kept_text}\" and column {i} \"{ignored_text}\" are the same field: {k} is read, {i} is ignored"
            ),
        }
    }

    /// A ledger row naming `named` (empty when it names none), linked to no project.
    fn row_project(&self, named: &str, shared: bool) -> String {
        match (shared, self.lang, named.is_empty()) {
            (true, Lang::Zh, _) => format!(
                "台账行所写的项目“{named}”对应档案中多个项目（编号或名称重复），未归入任何项目"
            ),
            (true, Lang::En, _) => format!(
                "the row names \"{named}\", which several projects of the archive share (a code or name used twice): it is linked to none"
            ),
            (false, Lang::Zh, false) => format!("台账行所写的项目“{named}”在档案中不存在"),
            (false, Lang::En, false) => {
                format!("the row names project \"{named}\", which the archive does not have")
            }
            (false, Lang::Zh, true) => "台账行没有项目编号，且台账不在任何项目文件夹中".to_string(),
            (false, Lang::En, true) => {
                "the row has no project code and the ledger is in no project folder".to_string()
            }
        }
    }
}

/// A ledger field's heading in Chinese and its name in English.
fn field_label(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::Category => ("项目类别", "category"),
        Field::Status => ("项目状态", "status"),
        Field::Construction => ("建设性质", "construction type"),
        Field::TotalInvestment => ("总投资", "total investment"),
        Field::AidFunds => ("援疆资金", "aid funds"),
        Field::PlannedStart => ("计划开工时间", "planned start"),
        Field::PlannedFinish => ("计划竣工时间", "planned finish"),
        Field::ActualStart => ("实际开工时间", "actual start"),
        Field::ActualFinish => ("实际竣工时间", "actual finish"),
        Field::AllocationDate => ("下达日期", "allocation date"),
        Field::AllocatedAmount => ("下达金额", "allocated amount"),
        Field::InvoiceDate => ("开票日期", "invoice date"),
        Field::InvoiceAmount => ("发票金额", "invoice amount"),
        Field::SigningDate => ("签订日期", "signing date"),
        Field::ContractAmount => ("合同金额", "contract amount"),
        Field::SettlementAmount => ("结算金额", "settlement amount"),
        Field::PaymentDate => ("拨付日期", "payment date"),
        Field::PaymentAmount => ("拨付金额", "payment amount"),
        Field::CumulativePayments => ("累计拨付", "cumulative payments"),
        Field::PaymentRatio => ("拨付比例", "payment ratio"),
    }
}

impl Words<'_> {
    /// Why a spreadsheet could not be read; the parser's and the system's own text is quoted
    /// as written.
    fn sheet_error(&self, error: &SheetError) -> String {
        let lang = self.lang;
        match (error, lang) {
            (SheetError::Io(error), Lang::Zh) => format!("读盘出错：{}", self.read_error(error)),
            (SheetError::TooLarge { size, limit }, Lang::Zh) => {
                format!("文件有 {size} 字节，超过台账 {limit} 字节的上限")
            }
            (SheetError::Encrypted, Lang::Zh) => {
                "文件已加密（设有密码），请去掉密码另存后再检查".into()
            }
            (SheetError::Empty, Lang::Zh) => "文件为空（0 字节）".into(),
            (SheetError::NotASpreadsheet { found }, Lang::Zh) => {
                format!("不是电子表格（内容是{}）", format_name(*found, lang))
            }
            (SheetError::Corrupt(why), Lang::Zh) => format!("电子表格已损坏（{why}）"),
            (SheetError::DamagedPart { index, detail }, Lang::Zh) => {
                format!(
                    "电子表格已损坏：压缩包的第 {} 个部件无法读取（{detail}）",
                    index + 1
                )
            }
            (SheetError::Bomb { part, size }, Lang::Zh) => format!(
                "电子表格已损坏：{}解压后有 {size} 字节，是解压炸弹，不是台账",
                match part.is_empty() {
                    true => "一个无名部件".to_string(),
                    false => format!("部件“{part}”"),
                }
            ),
            (SheetError::BeyondExcel { sheet, row, column }, Lang::Zh) => format!(
                "电子表格已损坏：工作表“{sheet}”第 {row} 行第 {column} 列有单元格，超出 Excel 的行列上限"
            ),
            (SheetError::TooManyCells { sheet, limit }, Lang::Zh) => format!(
                "电子表格已损坏：{}的单元格超过 {limit} 个",
                sheet
                    .as_ref()
                    .map_or_else(|| "工作簿".to_string(), |s| format!("工作表“{s}”"))
            ),
            (SheetError::TooMuchText { sheet, limit }, Lang::Zh) => {
                format!("电子表格已损坏：工作表“{sheet}”的文字超过 {limit} 字节")
            }
            (SheetError::Stopped(stop), Lang::Zh) => format!("未能读取：{}", self.stop(stop)),
            (error, Lang::En) => error.to_string(),
        }
    }
}
