//! Typed ledger records (allocations, contracts, payments, invoices) with provenance.
//!
//! Every record keeps `at`, the cell row it came from as `file!sheet!row` (1-based row as
//! a spreadsheet shows it), so that a finding can point a clerk at the exact line.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::attributes::{ContractKind, ProcurementMethod};
use crate::money::amount::Amount;
use crate::names::fields::VoucherNo;

/// The project a record names: by code or by name, or the project whose folder holds the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectRef {
    /// The `项目编号`/`项目名称` cell, as written.
    Named(String),
    /// The ledger lies inside this project's folder and has no project column.
    Folder(usize),
    /// The ledger lies inside this project's folder and the row names a project: the one
    /// named when the archive has it (a project's ledger may list another's rows), else
    /// the folder's (its own ledger writing its name shorter than the folder does).
    NamedInFolder(String, usize),
}

/// 资金下达: aid funds allocated to a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    /// The project.
    pub project: Option<ProjectRef>,
    /// 下达文号.
    pub document_no: Option<String>,
    /// 下达日期.
    pub date: Option<Date>,
    /// 下达金额.
    pub amount: Option<Amount>,
    /// `file!sheet!row`.
    pub at: String,
}

/// 合同: one contract of a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    /// The project.
    pub project: Option<ProjectRef>,
    /// 合同编号, normalised for comparison.
    pub contract_no: Option<String>,
    /// 合同名称.
    pub title: Option<String>,
    /// 合同类型.
    pub kind: Option<ContractKind>,
    /// 签订日期.
    pub date: Option<Date>,
    /// 合同金额.
    pub amount: Option<Amount>,
    /// 采购方式.
    pub procurement: Option<ProcurementMethod>,
    /// 结算金额 (settled amount), when the ledger has it.
    pub settlement: Option<Amount>,
    /// `file!sheet!row`.
    pub at: String,
}

/// 拨付: one payment.
#[derive(Debug, Clone, PartialEq)]
pub struct Payment {
    /// The project.
    pub project: Option<ProjectRef>,
    /// 合同编号, normalised.
    pub contract_no: Option<String>,
    /// 拨付日期.
    pub date: Option<Date>,
    /// 拨付金额.
    pub amount: Option<Amount>,
    /// 凭证号, parsed.
    pub voucher: Option<VoucherNo>,
    /// 凭证号 as written.
    pub voucher_text: Option<String>,
    /// Cell of 凭证号 (`file!sheet!E5`), when the row has one.
    pub voucher_cell: Option<String>,
    /// 款项性质 as written (预付款, 进度款, 结算款, 质保金).
    pub kind: Option<String>,
    /// 发票号.
    pub invoice_no: Option<String>,
    /// 累计拨付 as the ledger states it (derived; recomputed by the checks).
    pub cumulative: Option<Amount>,
    /// 拨付比例 as the ledger states it, as a fraction (0.85 for 85%).
    pub ratio: Option<Decimal>,
    /// Column of 累计拨付, for pointing at the cell.
    pub cumulative_cell: Option<String>,
    /// Column of 拨付比例, for pointing at the cell.
    pub ratio_cell: Option<String>,
    /// `file!sheet!row`.
    pub at: String,
    /// Position of the row in its table, for running totals.
    pub sequence: (usize, usize),
}

/// 发票: one invoice.
#[derive(Debug, Clone, PartialEq)]
pub struct Invoice {
    /// The project.
    pub project: Option<ProjectRef>,
    /// 合同编号, normalised.
    pub contract_no: Option<String>,
    /// 发票号码.
    pub invoice_no: Option<String>,
    /// 开票日期.
    pub date: Option<Date>,
    /// 价税合计.
    pub amount: Option<Amount>,
    /// `file!sheet!row`.
    pub at: String,
}

/// Every record of every ledger read.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Allocations.
    pub allocations: Vec<Allocation>,
    /// Contracts.
    pub contracts: Vec<Contract>,
    /// Payments.
    pub payments: Vec<Payment>,
    /// Invoices.
    pub invoices: Vec<Invoice>,
    /// Every table read, with its kind and whom it covers: a figure of a project is known
    /// (an empty list included, so zero) only when a ledger of its kind covers it.
    pub coverage: Vec<Coverage>,
}

/// One ledger table read: its kind, its file, and whom it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// What the table lists.
    pub kind: crate::ledger::header::LedgerKind,
    /// The file, relative to the root (shared by every project's chain summary that names it).
    pub file: std::sync::Arc<str>,
    /// The project whose folder holds it; `None` for a ledger of the whole archive.
    pub owner: Option<usize>,
}

impl Coverage {
    /// Whether the table covers project `index`: it is the archive's, or in its folder.
    pub fn covers(&self, index: usize) -> bool {
        self.owner.is_none_or(|owner| owner == index)
    }
}

impl Records {
    /// Adds the records of another ledger.
    pub fn extend(&mut self, other: Records) {
        self.allocations.extend(other.allocations);
        self.contracts.extend(other.contracts);
        self.payments.extend(other.payments);
        self.invoices.extend(other.invoices);
        self.coverage.extend(other.coverage);
    }
}
