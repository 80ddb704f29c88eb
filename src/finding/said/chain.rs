//! The funding chain: payments without their documents or contract, sums above their
//! ceilings, contracts not tendered or split, stated figures that do not add up, and
//! voucher numbers used twice.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::attributes::{ContractKind, ProcurementMethod};

/// A payment row as people name it: its voucher, date and amount, each when the row has it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRef {
    /// The voucher number as written.
    pub voucher: Option<String>,
    /// The date paid.
    pub date: Option<Date>,
    /// The amount paid, in yuan.
    pub amount: Option<Decimal>,
}

/// A sum of ledger rows that a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sum {
    /// The payments (拨付合计).
    Payments,
    /// The allocations (资金下达合计).
    Allocations,
    /// The contract amounts (合同金额合计).
    Contracts,
}

/// What a finding says about the funding chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "said", rename_all = "kebab-case")]
pub enum ChainSaid {
    /// A payment naming a contract no contract ledger has.
    PaymentWithoutContract {
        /// The payment.
        payment: PaymentRef,
        /// The contract it names.
        contract: String,
    },
    /// A payment dated before its contract was signed.
    PaymentBeforeContract {
        /// When it was paid.
        paid_on: Date,
        /// The contract.
        contract: String,
        /// When the contract was signed.
        signed: Date,
    },
    /// A payment with no voucher file.
    PaymentWithoutVoucher {
        /// The payment.
        payment: PaymentRef,
    },
    /// A payment with no invoice number, invoice ledger row or invoice file.
    PaymentWithoutInvoice {
        /// The payment.
        payment: PaymentRef,
    },
    /// A voucher file no payment row has.
    VoucherNotInLedger {
        /// The voucher number.
        voucher: String,
    },
    /// A voucher number on two payment rows.
    DuplicateVoucher {
        /// The voucher number as written.
        voucher: String,
    },
    /// A contract at or above its tender threshold, procured otherwise.
    ContractWithoutProcurement {
        /// The contract.
        contract: String,
        /// Its amount, in yuan.
        amount: Decimal,
        /// The tender threshold, in yuan.
        threshold: Decimal,
        /// How it was procured.
        method: ProcurementMethod,
    },
    /// Contracts of one kind, each below the tender threshold, that together reach it.
    PossibleSplitting {
        /// Their kind.
        kind: ContractKind,
        /// The tender threshold, in yuan.
        threshold: Decimal,
        /// Their total, in yuan.
        total: Decimal,
        /// Their numbers (`?` for a contract without one).
        contracts: Vec<String>,
    },
    /// More paid on a contract than its amount.
    ContractOverpaid {
        /// The contract.
        contract: String,
        /// Its amount, in yuan.
        amount: Decimal,
        /// What was paid, in yuan.
        paid: Decimal,
    },
    /// Payments or allocations above the project's aid funds.
    AidFundsExceeded {
        /// Which sum.
        sum: Sum,
        /// The sum, in yuan.
        total: Decimal,
        /// The aid funds, in yuan.
        aid_funds: Decimal,
    },
    /// More paid than settled, on a contract or on the whole project.
    SettlementExceeded {
        /// The contract; `None` for the project's settlement.
        contract: Option<String>,
        /// The settled amount, in yuan.
        settlement: Decimal,
        /// What was paid, in yuan.
        paid: Decimal,
    },
    /// More of the settlement unpaid than the retention limit allows.
    RetentionExcessive {
        /// The contract; `None` for the project's settlement.
        contract: Option<String>,
        /// The settled amount, in yuan.
        settlement: Decimal,
        /// What is unpaid, in yuan.
        held: Decimal,
        /// What is unpaid, in percent of the settlement.
        share: Decimal,
        /// The retention limit, in percent.
        limit: Decimal,
    },
    /// A stated 累计拨付 that the rows above do not add up to.
    CumulativeMismatch {
        /// As stated, in yuan.
        stated: Decimal,
        /// As the rows add up, in yuan.
        recomputed: Decimal,
    },
    /// A stated 拨付比例 that no running total over its base gives.
    RatioMismatch {
        /// As stated (a fraction).
        stated: Decimal,
        /// As recomputed (a fraction).
        recomputed: Decimal,
    },
    /// A sum that overflows at a row: the total is unknown.
    SumOverflow {
        /// Which sum.
        sum: Sum,
    },
}

impl From<ChainSaid> for super::Said {
    fn from(said: ChainSaid) -> super::Said {
        super::Said::Chain(said)
    }
}
