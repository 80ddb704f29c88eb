//! Why a figure, a date or a requirement is unknown: the reasons reports give wherever a
//! value nobody recorded would otherwise be blank.

use crate::check::chain::Unknown;
use crate::check::timeline::DateUnknown;
use crate::lang::Lang;
use crate::ruleset::condition::UnknownFact;

/// Why a milestone's date is unknown.
pub fn date_unknown(why: DateUnknown, lang: Lang) -> &'static str {
    match why {
        DateUnknown::NotRecorded => lang.pick(
            "project.toml 和项目台账均未填写",
            "neither project.toml nor the project ledger states it",
        ),
        DateUnknown::NoDocument => lang.pick("档案中没有相应文件", "no document evidences it"),
        DateUnknown::Undated => lang.pick(
            "文件在档，但文件名未写日期",
            "the document is there, but its name carries no date",
        ),
        DateUnknown::NoLedger => lang.pick("未读到相应台账", "no ledger of its kind was read"),
        DateUnknown::NoRecord => lang.pick(
            "台账中没有该项目的记录",
            "the ledger has no row of the project",
        ),
        DateUnknown::UnreadableDate => {
            lang.pick("台账日期无法读取", "the ledger's dates cannot be read")
        }
    }
}

/// Why `figure` of the funding chain (`allocated`, `contracted`, `paid`,
/// `execution_rate`) is unknown.
pub fn figure_unknown(why: Unknown, figure: &str, lang: Lang) -> &'static str {
    match (why, figure) {
        (Unknown::NoLedger, "allocated") => {
            lang.pick("未读到资金下达台账", "no allocation ledger was read")
        }
        (Unknown::NoLedger, "contracted") => {
            lang.pick("未读到合同台账", "no contract ledger was read")
        }
        (Unknown::NoLedger, _) => lang.pick("未读到资金拨付台账", "no payment ledger was read"),
        (Unknown::UnreadableAmounts, _) => {
            lang.pick("部分行金额无法读取", "some rows have no readable amount")
        }
        (Unknown::Overflow, _) => lang.pick("合计超出可表示范围", "the total is out of range"),
        (Unknown::NoAidFunds, _) => lang.pick("援疆资金未记录", "the aid funds are not recorded"),
    }
}

/// Why a document's requirement cannot be decided: the fact it depends on is unknown.
pub fn fact_unknown(fact: UnknownFact, lang: Lang) -> &'static str {
    match fact {
        UnknownFact::Construction => lang.pick(
            "建设性质未知（在 project.toml 或项目台账中填写 construction / 建设性质）",
            "construction type unknown (set construction in project.toml or 建设性质 in the project ledger)",
        ),
        UnknownFact::TotalInvestment => lang.pick(
            "总投资未知（在 project.toml 或项目台账中填写 total_investment / 总投资）",
            "total investment unknown (set total_investment in project.toml or 总投资 in the project ledger)",
        ),
        UnknownFact::Attribute => lang.pick(
            "条件所需的项目属性未填写（在 project.toml 中补充）",
            "a project attribute the condition reads is not set (add it to project.toml)",
        ),
        UnknownFact::Contracts => lang.pick(
            "取决于合同金额或采购方式，尚未读取合同台账",
            "depends on contract amounts or procurement methods, and no contract ledger was read",
        ),
    }
}
