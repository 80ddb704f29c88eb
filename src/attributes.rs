//! Project attributes that rule conditions read: status, construction type, and their
//! spellings in manifests and ledgers (English ids or the Chinese words clerks use).

use serde::{Deserialize, Serialize};

/// Where a project is in its life (项目状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// 谋划/储备: in the reserve library; no documents are required yet.
    Planned,
    /// 实施中/在建: approved and under way.
    InProgress,
    /// 已完工/竣工: finished; acceptance, accounts and handover documents are due.
    Completed,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 3] = [Status::Planned, Status::InProgress, Status::Completed];

    /// The English id used in reports and rule files.
    pub fn id(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in-progress",
            Status::Completed => "completed",
        }
    }

    /// The Chinese name shown in reports.
    pub fn zh(self) -> &'static str {
        match self {
            Status::Planned => "谋划",
            Status::InProgress => "实施中",
            Status::Completed => "已完工",
        }
    }

    /// Reads a status as manifests and ledgers write it (already normalised or not).
    pub fn parse(text: &str) -> Option<Status> {
        let t = crate::names::normalize::normalize(text);
        let t = t.as_str();
        match t {
            "planned" | "谋划" | "储备" | "谋划中" | "储备库" | "拟建" | "前期" | "未开工"
            | "计划" => Some(Status::Planned),
            "in-progress" | "in progress" | "inprogress" | "实施中" | "在建" | "在建中"
            | "实施" | "建设中" | "进行中" | "施工中" | "已开工" | "正在实施" => {
                Some(Status::InProgress)
            }
            "completed" | "complete" | "已完工" | "竣工" | "已竣工" | "完工" | "已完成"
            | "完成" | "已验收" | "已结算" | "已决算" | "已移交" => {
                Some(Status::Completed)
            }
            _ => None,
        }
    }
}

/// Construction type (建设性质) of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Construction {
    /// 新建.
    New,
    /// 扩建.
    Expansion,
    /// 改建/维修: renovation or repair of what exists.
    Renovation,
    /// 无: no construction (equipment, training).
    None,
}

impl Construction {
    /// Every construction type.
    pub const ALL: [Construction; 4] = [
        Construction::New,
        Construction::Expansion,
        Construction::Renovation,
        Construction::None,
    ];

    /// The English id used in reports and rule files.
    pub fn id(self) -> &'static str {
        match self {
            Construction::New => "new",
            Construction::Expansion => "expansion",
            Construction::Renovation => "renovation",
            Construction::None => "none",
        }
    }

    /// Reads a construction type as manifests and ledgers write it.
    pub fn parse(text: &str) -> Option<Construction> {
        let t = crate::names::normalize::normalize(text);
        match t.as_str() {
            "new" | "新建" => Some(Construction::New),
            "expansion" | "扩建" | "改扩建" | "新建及扩建" => {
                Some(Construction::Expansion)
            }
            "renovation" | "改建" | "维修" | "维修改造" | "改造" | "提升改造" | "修缮" | "装修"
            | "装修改造" => Some(Construction::Renovation),
            "none" | "无" | "不涉及" | "-" | "/" => Some(Construction::None),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contract_title_names_its_kind() {
        let cases = [
            ("教学楼施工监理合同", Some(ContractKind::Supervision)),
            ("设计施工总承包合同", Some(ContractKind::Construction)),
            ("教学楼建设工程施工合同", Some(ContractKind::Construction)),
            ("初步设计合同", Some(ContractKind::Design)),
            ("岩土工程勘察合同", Some(ContractKind::Survey)),
            ("医疗设备采购合同", Some(ContractKind::Goods)),
            ("造价咨询服务合同", Some(ContractKind::Service)),
            ("道路硬化工程合同", Some(ContractKind::Construction)),
            ("合同一", None),
        ];
        for (title, kind) in cases {
            assert_eq!(ContractKind::from_title(title), kind, "{title}");
        }
    }

    #[test]
    fn statuses_read_in_both_languages() {
        assert_eq!(Status::parse("completed"), Some(Status::Completed));
        assert_eq!(Status::parse("已完工"), Some(Status::Completed));
        assert_eq!(Status::parse("竣工"), Some(Status::Completed));
        assert_eq!(Status::parse("在建"), Some(Status::InProgress));
        assert_eq!(Status::parse("實施中"), Some(Status::InProgress));
        assert_eq!(Status::parse(" In-Progress "), Some(Status::InProgress));
        assert_eq!(Status::parse("储备"), Some(Status::Planned));
        assert_eq!(Status::parse("谋划"), Some(Status::Planned));
        assert_eq!(Status::parse("半完工"), None);
        for status in Status::ALL {
            assert_eq!(Status::parse(status.id()), Some(status));
            assert_eq!(Status::parse(status.zh()), Some(status));
        }
    }

    #[test]
    fn construction_types_read_in_both_languages() {
        assert_eq!(Construction::parse("新建"), Some(Construction::New));
        assert_eq!(Construction::parse("扩建"), Some(Construction::Expansion));
        assert_eq!(Construction::parse("改建"), Some(Construction::Renovation));
        assert_eq!(Construction::parse("维修"), Some(Construction::Renovation));
        assert_eq!(Construction::parse("无"), Some(Construction::None));
        for c in Construction::ALL {
            assert_eq!(Construction::parse(c.id()), Some(c));
        }
        assert_eq!(Construction::parse("拆除"), None);
    }
}

/// Kind of a contract (合同类型), as contract ledgers name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContractKind {
    /// 施工.
    Construction,
    /// 监理.
    Supervision,
    /// 设计.
    Design,
    /// 勘察.
    Survey,
    /// 采购/货物.
    Goods,
    /// 服务.
    Service,
}

impl ContractKind {
    /// Every kind.
    pub const ALL: [ContractKind; 6] = [
        ContractKind::Construction,
        ContractKind::Supervision,
        ContractKind::Design,
        ContractKind::Survey,
        ContractKind::Goods,
        ContractKind::Service,
    ];

    /// The English id used in rule files and reports.
    pub fn id(self) -> &'static str {
        match self {
            ContractKind::Construction => "construction",
            ContractKind::Supervision => "supervision",
            ContractKind::Design => "design",
            ContractKind::Survey => "survey",
            ContractKind::Goods => "goods",
            ContractKind::Service => "service",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            ContractKind::Construction => "施工",
            ContractKind::Supervision => "监理",
            ContractKind::Design => "设计",
            ContractKind::Survey => "勘察",
            ContractKind::Goods => "货物",
            ContractKind::Service => "服务",
        }
    }

    /// Reads a kind by id or Chinese name.
    pub fn parse(text: &str) -> Option<ContractKind> {
        let t = crate::names::normalize::normalize(text);
        ContractKind::ALL
            .into_iter()
            .find(|k| k.id() == t)
            .or(match t.as_str() {
                "施工" | "工程" | "施工合同" => Some(ContractKind::Construction),
                "监理" | "监理合同" => Some(ContractKind::Supervision),
                "设计" => Some(ContractKind::Design),
                "勘察" | "勘查" => Some(ContractKind::Survey),
                "采购" | "货物" | "设备" | "采购合同" => Some(ContractKind::Goods),
                "服务" | "服务合同" => Some(ContractKind::Service),
                _ => None,
            })
    }

    /// The kind a contract's title names (`…工程监理合同`, `…设备采购合同`), for a ledger
    /// without a kind column: supervision before construction (a 施工监理 contract is
    /// supervision), construction before design (a 设计施工总承包 is construction), a bare
    /// 工程 last. `None` when the title names no kind.
    pub fn from_title(title: &str) -> Option<ContractKind> {
        let t = crate::names::normalize::normalize(title);
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["监理"]) {
            Some(ContractKind::Supervision)
        } else if has(&["施工", "总承包", "epc"]) {
            Some(ContractKind::Construction)
        } else if has(&["设计"]) {
            Some(ContractKind::Design)
        } else if has(&["勘察", "勘查"]) {
            Some(ContractKind::Survey)
        } else if has(&["采购", "货物", "设备", "供货", "购销", "供销"]) {
            Some(ContractKind::Goods)
        } else if has(&["服务", "咨询", "培训", "审计", "造价"]) {
            Some(ContractKind::Service)
        } else if has(&["工程"]) {
            Some(ContractKind::Construction)
        } else {
            None
        }
    }
}

/// How a contract was procured (采购方式/招标方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProcurementMethod {
    /// 公开招标.
    PublicTender,
    /// 邀请招标.
    InvitedTender,
    /// 竞争性谈判.
    CompetitiveNegotiation,
    /// 竞争性磋商.
    CompetitiveConsultation,
    /// 询价.
    Inquiry,
    /// 单一来源.
    SingleSource,
    /// 直接委托.
    Direct,
}

impl ProcurementMethod {
    /// Every method.
    pub const ALL: [ProcurementMethod; 7] = [
        ProcurementMethod::PublicTender,
        ProcurementMethod::InvitedTender,
        ProcurementMethod::CompetitiveNegotiation,
        ProcurementMethod::CompetitiveConsultation,
        ProcurementMethod::Inquiry,
        ProcurementMethod::SingleSource,
        ProcurementMethod::Direct,
    ];

    /// The methods below the tender thresholds (`procurement ∈ below-threshold` in the catalogue).
    pub const BELOW_THRESHOLD: [ProcurementMethod; 5] = [
        ProcurementMethod::Direct,
        ProcurementMethod::Inquiry,
        ProcurementMethod::CompetitiveNegotiation,
        ProcurementMethod::CompetitiveConsultation,
        ProcurementMethod::SingleSource,
    ];

    /// The English id used in rule files and reports.
    pub fn id(self) -> &'static str {
        match self {
            ProcurementMethod::PublicTender => "public-tender",
            ProcurementMethod::InvitedTender => "invited-tender",
            ProcurementMethod::CompetitiveNegotiation => "competitive-negotiation",
            ProcurementMethod::CompetitiveConsultation => "competitive-consultation",
            ProcurementMethod::Inquiry => "inquiry",
            ProcurementMethod::SingleSource => "single-source",
            ProcurementMethod::Direct => "direct",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            ProcurementMethod::PublicTender => "公开招标",
            ProcurementMethod::InvitedTender => "邀请招标",
            ProcurementMethod::CompetitiveNegotiation => "竞争性谈判",
            ProcurementMethod::CompetitiveConsultation => "竞争性磋商",
            ProcurementMethod::Inquiry => "询价",
            ProcurementMethod::SingleSource => "单一来源",
            ProcurementMethod::Direct => "直接委托",
        }
    }

    /// Reads a method by id or Chinese name.
    pub fn parse(text: &str) -> Option<ProcurementMethod> {
        let t = crate::names::normalize::normalize(text);
        ProcurementMethod::ALL
            .into_iter()
            .find(|m| m.id() == t)
            .or(match t.as_str() {
                "公开招标" => Some(ProcurementMethod::PublicTender),
                "邀请招标" => Some(ProcurementMethod::InvitedTender),
                "竞争性谈判" => Some(ProcurementMethod::CompetitiveNegotiation),
                "竞争性磋商" => Some(ProcurementMethod::CompetitiveConsultation),
                "询价" => Some(ProcurementMethod::Inquiry),
                "单一来源" => Some(ProcurementMethod::SingleSource),
                "直接委托" | "直接发包" => Some(ProcurementMethod::Direct),
                _ => None,
            })
    }
}
