//! The words of chronology and waiver findings.

use super::Words;
use crate::finding::said::{ChronologySaid, WaiverSaid};
use crate::lang::Lang;

impl Words<'_> {
    /// What a finding about the order of a project's dates says.
    pub(super) fn chronology(&self, said: &ChronologySaid) -> String {
        match said {
            ChronologySaid::StartedBeforePermit {
                start,
                permit,
                days,
            } => match self.lang {
                Lang::Zh => {
                    format!("开工日期 {start} 早于施工许可 {permit}（早 {days} 天）：未批先建")
                }
                Lang::En => format!(
                    "commencement {start} is before the construction permit of {permit} ({days} days early)"
                ),
            },
            ChronologySaid::ContractBeforeAward {
                contract,
                signed,
                award,
                days,
            } => match self.lang {
                Lang::Zh => {
                    format!(
                        "合同 {contract} 签订于 {signed}，早于中标通知书 {award}（早 {days} 天）"
                    )
                }
                Lang::En => format!(
                    "contract {contract} was signed on {signed}, before the award notice of {award} ({days} days early)"
                ),
            },
            ChronologySaid::CompletedLate {
                done,
                planned,
                days,
            } => match self.lang {
                Lang::Zh => format!("竣工 {done}，计划竣工 {planned}，逾期 {days} 天"),
                Lang::En => format!("completed {done}, planned {planned}: {days} days late"),
            },
            ChronologySaid::FundsIdle {
                allocated,
                until,
                paid,
                days,
            } => match (self.lang, paid) {
                (Lang::Zh, true) => {
                    format!(
                        "资金于 {allocated} 下达，{until} 才首次拨付（相隔 {days} 天）：资金沉淀"
                    )
                }
                (Lang::Zh, false) => {
                    format!("资金于 {allocated} 下达，至 {until} 仍未拨付（{days} 天）：资金沉淀")
                }
                (Lang::En, true) => format!(
                    "funds allocated on {allocated} were first paid out on {until}, {days} days later"
                ),
                (Lang::En, false) => {
                    format!("funds allocated on {allocated}, nothing paid by {until} ({days} days)")
                }
            },
        }
    }

    /// What a finding about a waiver says.
    pub(super) fn waiver(&self, said: &WaiverSaid) -> String {
        match (said, self.lang) {
            (
                WaiverSaid::WaiverExpired {
                    origin,
                    scope,
                    expired,
                    reason,
                },
                lang,
            ) => {
                let date = expired.map(|d| d.to_string()).unwrap_or_default();
                match lang {
                    Lang::Zh => format!(
                        "{origin} 的豁免（{scope}）已于 {date} 到期，其涵盖的问题重新计入：{reason}"
                    ),
                    Lang::En => format!(
                        "the waiver at {origin} ({scope}) expired on {date}; the findings it covered count again: {reason}"
                    ),
                }
            }
            (WaiverSaid::WaiverUnused { origin, scope }, Lang::Zh) => {
                format!("{origin} 的豁免（{scope}）没有涵盖任何问题；问题已解决时可删除")
            }
            (WaiverSaid::WaiverUnused { origin, scope }, Lang::En) => format!(
                "the waiver at {origin} ({scope}) covered no finding; remove it if the problem is solved"
            ),
        }
    }
}
