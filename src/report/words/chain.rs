//! The words of funding-chain findings: payments and their documents, contracts and their
//! procurement, sums above their ceilings, stated figures that do not add up.

use rust_decimal::Decimal;

use super::Words;
use crate::attributes::{ContractKind, ProcurementMethod};
use crate::finding::said::{ChainSaid, PaymentRef, Sum};
use crate::lang::Lang;
use crate::money::format_yuan;

impl Words<'_> {
    /// What a finding about the funding chain says.
    pub(super) fn chain(&self, said: &ChainSaid) -> String {
        match said {
            ChainSaid::PaymentWithoutContract { payment, contract } => {
                self.unknown_contract(payment, contract)
            }
            ChainSaid::PaymentBeforeContract {
                paid_on,
                contract,
                signed,
            } => match self.lang {
                Lang::Zh => format!("拨付日期 {paid_on} 早于合同 {contract} 的签订日期 {signed}"),
                Lang::En => {
                    format!("paid on {paid_on}, before contract {contract} was signed on {signed}")
                }
            },
            ChainSaid::PaymentWithoutVoucher { payment } => {
                self.payment_lacks(payment, ["没有对应的拨付凭证文件", "has no voucher file"])
            }
            ChainSaid::PaymentWithoutInvoice { payment } => self.payment_lacks(
                payment,
                [
                    "没有发票号、发票台账记录或发票文件",
                    "has no invoice number, invoice ledger row or invoice file",
                ],
            ),
            ChainSaid::VoucherNotInLedger { voucher } => match self.lang {
                Lang::Zh => format!("凭证 {voucher} 在拨付台账中没有对应的行"),
                Lang::En => format!("voucher {voucher} is in no row of the payment ledger"),
            },
            ChainSaid::DuplicateVoucher { voucher } => match self.lang {
                Lang::Zh => format!("凭证号 {voucher} 出现在两行拨付记录中（同一月份或同一金额）"),
                Lang::En => format!(
                    "voucher {voucher} is on two payment rows of the same month or the same amount"
                ),
            },
            ChainSaid::ContractWithoutProcurement {
                contract,
                amount,
                threshold,
                method,
            } => self.not_tendered(contract, *amount, *threshold, *method),
            ChainSaid::PossibleSplitting {
                kind,
                threshold,
                total,
                contracts,
            } => self.splitting(*kind, *threshold, *total, contracts),
            ChainSaid::ContractOverpaid {
                contract,
                amount,
                paid,
            } => self.overpaid(contract, *amount, *paid),
            ChainSaid::AidFundsExceeded {
                sum,
                total,
                aid_funds,
            } => self.above_aid_funds(*sum, *total, *aid_funds),
            ChainSaid::SettlementExceeded {
                contract,
                settlement,
                paid,
            } => self.above_settlement(contract.as_deref(), *settlement, *paid),
            ChainSaid::RetentionExcessive {
                contract,
                settlement,
                held,
                share,
                limit,
            } => self.retention(contract.as_deref(), *settlement, *held, [*share, *limit]),
            ChainSaid::CumulativeMismatch { stated, recomputed } => {
                self.cumulative(*stated, *recomputed)
            }
            ChainSaid::RatioMismatch { stated, recomputed } => self.ratio(*stated, *recomputed),
            ChainSaid::SumOverflow { sum } => self.overflow(*sum),
        }
    }

    fn unknown_contract(&self, payment: &PaymentRef, contract: &str) -> String {
        let label = self.payment(payment);
        match self.lang {
            Lang::Zh => format!("拨付 {label} 所写的合同 {contract} 不在合同台账中"),
            Lang::En => format!(
                "payment {label} names contract {contract}, which no contract ledger row has"
            ),
        }
    }

    fn not_tendered(
        &self,
        contract: &str,
        amount: Decimal,
        threshold: Decimal,
        method: ProcurementMethod,
    ) -> String {
        let (amount, threshold) = (format_yuan(amount), format_yuan(threshold));
        match self.lang {
            Lang::Zh => format!(
                "合同 {contract} 金额 {amount}，达到招标限额 {threshold}，采购方式却是“{}”",
                method.zh()
            ),
            Lang::En => format!(
                "contract {contract} of {amount} reaches the tender threshold of {threshold} but was procured by {}",
                method.id()
            ),
        }
    }

    fn splitting(
        &self,
        kind: ContractKind,
        threshold: Decimal,
        total: Decimal,
        contracts: &[String],
    ) -> String {
        let (n, threshold, total) = (contracts.len(), format_yuan(threshold), format_yuan(total));
        match self.lang {
            Lang::Zh => format!(
                "{n} 份{}合同各自低于招标限额 {threshold}，合计 {total}：{}",
                kind.zh(),
                contracts.join("、")
            ),
            Lang::En => format!(
                "{n} {} contracts, each below the tender threshold of {threshold}, add up to {total}: {}",
                kind.id(),
                contracts.join(", ")
            ),
        }
    }

    fn overpaid(&self, contract: &str, amount: Decimal, paid: Decimal) -> String {
        let (amount, paid) = (format_yuan(amount), format_yuan(paid));
        match self.lang {
            Lang::Zh => format!("合同 {contract} 金额 {amount}，已拨付 {paid}"),
            Lang::En => format!("contract {contract} is for {amount} but {paid} was paid"),
        }
    }

    fn above_aid_funds(&self, sum: Sum, total: Decimal, aid_funds: Decimal) -> String {
        let (total, aid) = (format_yuan(total), format_yuan(aid_funds));
        let what = match sum {
            Sum::Allocations => ["资金下达合计", "allocations add up to"],
            Sum::Payments => ["拨付合计", "payments add up to"],
            Sum::Contracts => ["合同金额合计", "contract amounts add up to"],
        };
        match self.lang {
            Lang::Zh => format!("{} {total}，超过援疆资金 {aid}", what[0]),
            Lang::En => format!("{} {total}, more than the aid funds of {aid}", what[1]),
        }
    }

    fn above_settlement(
        &self,
        contract: Option<&str>,
        settlement: Decimal,
        paid: Decimal,
    ) -> String {
        let subject = self.settled(contract);
        let (settlement, paid) = (format_yuan(settlement), format_yuan(paid));
        match self.lang {
            Lang::Zh => format!("{subject}结算金额 {settlement}，已拨付 {paid}"),
            Lang::En => format!("{subject}settled at {settlement} but {paid} was paid"),
        }
    }

    /// `[share, limit]` in percent.
    fn retention(
        &self,
        contract: Option<&str>,
        settlement: Decimal,
        held: Decimal,
        [share, limit]: [Decimal; 2],
    ) -> String {
        let subject = self.settled(contract);
        let (settlement, held) = (format_yuan(settlement), format_yuan(held));
        match self.lang {
            Lang::Zh => format!(
                "{subject}结算金额 {settlement}，未付 {held}（{share}%），超过质量保证金上限 {limit}%"
            ),
            Lang::En => format!(
                "{subject}settled at {settlement}, {held} unpaid ({share}%), above the {limit}% retention limit"
            ),
        }
    }

    fn cumulative(&self, stated: Decimal, recomputed: Decimal) -> String {
        let (stated, recomputed) = (format_yuan(stated), format_yuan(recomputed));
        match self.lang {
            Lang::Zh => format!("累计拨付写为 {stated}，按各行拨付重新计算为 {recomputed}"),
            Lang::En => format!(
                "cumulative payments are stated as {stated}, the rows add up to {recomputed}"
            ),
        }
    }

    fn ratio(&self, stated: Decimal, recomputed: Decimal) -> String {
        let (stated, recomputed) = (percent(stated), percent(recomputed));
        match self.lang {
            Lang::Zh => format!("拨付比例写为 {stated}%，重新计算为 {recomputed}%"),
            Lang::En => {
                format!("the payment ratio is stated as {stated}%, recomputed as {recomputed}%")
            }
        }
    }

    fn overflow(&self, sum: Sum) -> String {
        let what = match sum {
            Sum::Payments => ["拨付合计", "the payments"],
            Sum::Allocations => ["资金下达合计", "the allocations"],
            Sum::Contracts => ["合同金额合计", "the contract amounts"],
        };
        match self.lang {
            Lang::Zh => format!(
                "{}在此行超出可精确计算的范围，合计未知，依赖它的检查已跳过；请核对此行及以上各行的金额",
                what[0]
            ),
            Lang::En => format!(
                "{} add up beyond what can be computed exactly at this row; the total is unknown and the checks that need it are skipped: check the amounts of this row and those above",
                what[1]
            ),
        }
    }

    /// `拨付 {payment} {lacks}`: a payment and what it lacks.
    fn payment_lacks(&self, payment: &PaymentRef, lacks: [&str; 2]) -> String {
        let label = self.payment(payment);
        match self.lang {
            Lang::Zh => format!("拨付 {label} {}", lacks[0]),
            Lang::En => format!("payment {label} {}", lacks[1]),
        }
    }

    /// A payment as people name it: voucher, date and amount (`记-0041 2023-08-01
    /// 2,400,000.00`), each when the row has it; `拨付`/`payment` when it has none.
    fn payment(&self, payment: &PaymentRef) -> String {
        let mut described = Vec::new();
        if let Some(v) = &payment.voucher {
            described.push(v.clone());
        }
        if let Some(d) = payment.date {
            described.push(d.to_string());
        }
        if let Some(a) = payment.amount {
            described.push(format_yuan(a));
        }
        if described.is_empty() {
            self.lang.pick("拨付", "payment").to_string()
        } else {
            described.join(" ")
        }
    }

    /// Whose settlement a finding is about: a contract's, or the project's.
    fn settled(&self, contract: Option<&str>) -> String {
        match (self.lang, contract) {
            (Lang::Zh, Some(c)) => format!("合同 {c} "),
            (Lang::En, Some(c)) => format!("contract {c}: "),
            (Lang::Zh, None) => "项目".to_string(),
            (Lang::En, None) => "project: ".to_string(),
        }
    }
}

/// A fraction in percent, to two places (`0.4` → `40.00`).
fn percent(x: Decimal) -> String {
    x.checked_mul(Decimal::from(100))
        .map_or_else(|| format!("{x}×100"), |p| p.round_dp(2).to_string())
}
