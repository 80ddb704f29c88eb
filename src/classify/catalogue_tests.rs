//! The confusions of `CATALOGUE.md`, and names as clerks write them, against the built-in
//! rules: each file name must be evidence of exactly the document listed (or of none).

use std::collections::BTreeMap;

use crate::names::normalize::{normalize, split_extension};
use crate::ruleset::RuleSet;

fn rules() -> RuleSet {
    RuleSet::load(&[] as &[&str], &BTreeMap::new()).expect("built-in rules are valid")
}

/// `(category, file name, stage folder, expected document)`.
const CASES: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    (
        "fixed-asset",
        "关于麦盖提县XX学校可行性研究报告的批复（麦发改投资〔2023〕12号）.pdf",
        None,
        Some("feasibility-approval"),
    ),
    (
        "fixed-asset",
        "關於XX項目可行性研究報告的批復.pdf",
        None,
        Some("feasibility-approval"),
    ),
    (
        "fixed-asset",
        "A1-2 可研报告（报批稿）.pdf",
        None,
        Some("feasibility-report"),
    ),
    (
        "fixed-asset",
        "可行性研究报告.PDF",
        Some("approval"),
        Some("feasibility-report"),
    ),
    ("fixed-asset", "可研报告专家评审意见.pdf", None, None),
    (
        "fixed-asset",
        "施工中标通知书.jpg",
        Some("media"),
        Some("award-notice"),
    ),
    (
        "fixed-asset",
        "施工中标通知书.pdf",
        None,
        Some("award-notice"),
    ),
    ("fixed-asset", "IMG_施工中.jpg", None, Some("photos-during")),
    (
        "fixed-asset",
        "建设工程消防验收备案凭证.pdf",
        None,
        Some("fire-acceptance"),
    ),
    (
        "fixed-asset",
        "工程竣工验收备案表.pdf",
        Some("acceptance"),
        Some("acceptance-filing"),
    ),
    (
        "fixed-asset",
        "竣工验收报告.pdf",
        None,
        Some("acceptance-report"),
    ),
    (
        "fixed-asset",
        "施工单位工程竣工报告.pdf",
        None,
        Some("completion-report"),
    ),
    (
        "fixed-asset",
        "竣工财务决算报告.pdf",
        Some("acceptance"),
        Some("final-accounts"),
    ),
    (
        "fixed-asset",
        "施工监理合同.pdf",
        None,
        Some("supervision-contract"),
    ),
    ("fixed-asset", "施工图设计合同.pdf", None, None),
    (
        "fixed-asset",
        "EPC总承包合同.pdf",
        None,
        Some("construction-contract"),
    ),
    ("fixed-asset", "监理招标文件.pdf", None, None),
    (
        "fixed-asset",
        "设计施工总承包招标文件.pdf",
        None,
        Some("tender-documents"),
    ),
    (
        "fixed-asset",
        "关于下达2023年援疆资金计划的通知.pdf",
        None,
        Some("fund-allocation"),
    ),
    (
        "fixed-asset",
        "关于下达2023年援疆项目计划的通知.pdf",
        None,
        Some("aid-plan"),
    ),
    (
        "fixed-asset",
        "20230615 拨付凭证 记-0032 1200000.00.pdf",
        None,
        Some("payment-voucher"),
    ),
    ("fixed-asset", "城市建设档案移交书.pdf", None, None),
    (
        "fixed-asset",
        "固定资产投资项目节能审查意见.pdf",
        None,
        None,
    ),
    (
        "fixed-asset",
        "项目绩效目标自评表.xlsx",
        None,
        Some("performance-self-evaluation"),
    ),
    ("fixed-asset", "竣工图片01.jpg", None, Some("photos-after")),
    ("fixed-asset", "竣工图.dwg", None, Some("as-built-drawings")),
    ("fixed-asset", "防雷装置竣工验收合格证.pdf", None, None),
    (
        "equipment",
        "关于下达2023年政府采购计划的通知.pdf",
        None,
        Some("procurement-plan"),
    ),
    (
        "equipment",
        "到货验收单.pdf",
        None,
        Some("delivery-receipt"),
    ),
    (
        "equipment",
        "设备移交签收单.pdf",
        None,
        Some("handover-record"),
    ),
    (
        "equipment",
        "关于XX实施方案的批复.pdf",
        None,
        Some("project-approval"),
    ),
    ("equipment", "政府采购合同公告.pdf", None, None),
    ("equipment", "到货照片.jpg", None, Some("equipment-photos")),
    (
        "non-fixed",
        "关于举办2023年麦盖提县教师培训班的通知.pdf",
        None,
        Some("activity-notice"),
    ),
    (
        "non-fixed",
        "關於舉辦培訓班的通知.pdf",
        None,
        Some("activity-notice"),
    ),
    (
        "non-fixed",
        "关于下达2023年援疆资金的通知.pdf",
        None,
        Some("fund-allocation"),
    ),
    ("non-fixed", "中标通知书.pdf", None, None),
    ("non-fixed", "成交通知书.pdf", None, None),
    ("non-fixed", "关于开展绩效自评工作的通知.pdf", None, None),
    (
        "non-fixed",
        "签到表照片.jpg",
        Some("media"),
        Some("sign-in-sheets"),
    ),
    ("non-fixed", "培训课件.pptx", None, Some("materials")),
    ("non-fixed", "经费预算明细表.xlsx", None, Some("budget")),
    ("non-fixed", "设计变更通知单.pdf", None, None),
    // Synonyms of real practice (issue 11) and the neighbours they must not take.
    ("fixed-asset", "2023年援疆计划.pdf", None, Some("aid-plan")),
    (
        "fixed-asset",
        "XX县XX学校项目可研.pdf",
        None,
        Some("feasibility-report"),
    ),
    (
        "fixed-asset",
        "XX县XX学校项目可研(报批稿).pdf",
        None,
        Some("feasibility-report"),
    ),
    (
        "fixed-asset",
        "关于XX项目可行性研究报告的请示.pdf",
        None,
        None,
    ),
    (
        "fixed-asset",
        "XX学校教学楼竣工验收证书.pdf",
        None,
        Some("acceptance-report"),
    ),
    (
        "fixed-asset",
        "XX学校教学楼竣工验收.pdf",
        None,
        Some("acceptance-report"),
    ),
    ("fixed-asset", "(五)竣工验收文件.pdf", None, None),
    (
        "fixed-asset",
        "建设工程竣工验收备案表填写样例.pdf",
        None,
        None,
    ),
    (
        "fixed-asset",
        "XX项目决算审核报告.pdf",
        None,
        Some("final-accounts"),
    ),
    (
        "fixed-asset",
        "绩效自我评价报告.pdf",
        None,
        Some("performance-self-evaluation"),
    ),
    (
        "fixed-asset",
        "工程款支付申请表(第3期).pdf",
        None,
        Some("payment-request"),
    ),
    (
        "fixed-asset",
        "预付款报审表.pdf",
        None,
        Some("payment-request"),
    ),
    ("fixed-asset", "付款审批流程表.pdf", None, None),
    (
        "fixed-asset",
        "资金划拨凭证.pdf",
        None,
        Some("payment-voucher"),
    ),
    ("fixed-asset", "审图费发票.pdf", None, Some("invoice")),
    ("fixed-asset", "发票查验证明.pdf", None, None),
    ("fixed-asset", "建筑节能施工图审查意见书.pdf", None, None),
    ("fixed-asset", "劳务分包合同.pdf", None, None),
    ("equipment", "分项工程质量验收记录.pdf", None, None),
    ("equipment", "采购需求公告.pdf", None, None),
    (
        "equipment",
        "XX设备采购项目合同书.pdf",
        None,
        Some("procurement-contract"),
    ),
    ("equipment", "政府采购合同补充协议.pdf", None, None),
    (
        "non-fixed",
        "参训人员签名表.pdf",
        None,
        Some("sign-in-sheets"),
    ),
    ("non-fixed", "开标现场签到表.pdf", None, None),
    ("non-fixed", "评审专家签到表.pdf", None, None),
    ("non-fixed", "讲课费签字发放表.pdf", None, None),
    ("non-fixed", "有关进度控制的监理通知.pdf", None, None),
    (
        "non-fixed",
        "关于召开项目推进会的通知.pdf",
        None,
        Some("activity-notice"),
    ),
    ("non-fixed", "监理工作总结.pdf", None, None),
    ("fixed-asset", "建设工程规划许可证申请表.pdf", None, None),
    ("fixed-asset", "人民防空工程竣工验收备案表.pdf", None, None),
    ("fixed-asset", "农民工工资支付凭证.pdf", None, None),
    ("equipment", "财政投资评审报告.pdf", None, None),
    ("non-fixed", "设计服务合同.pdf", None, None),
    ("fixed-asset", "工程质量监督报告.pdf", None, None),
    ("fixed-asset", "绩效目标管理办法.pdf", None, None),
    (
        "fixed-asset",
        "转账支票存根.pdf",
        None,
        Some("payment-voucher"),
    ),
    ("equipment", "文件签收单.pdf", None, None),
    (
        "equipment",
        "货物签收单.pdf",
        None,
        Some("delivery-receipt"),
    ),
    (
        "non-fixed",
        "政府采购合同.pdf",
        None,
        Some("service-contract"),
    ),
    ("non-fixed", "政府采购合同公告.pdf", None, None),
    // Parts of a document that explain how it was made are the document, not a guide.
    (
        "fixed-asset",
        "竣工财务决算编制说明.pdf",
        None,
        Some("final-accounts"),
    ),
    ("non-fixed", "项目预算编制说明.pdf", None, Some("budget")),
    // A technical specification is part of the purchase, a standard is not.
    (
        "equipment",
        "设备采购需求及技术规范书.pdf",
        None,
        Some("procurement-requirements"),
    ),
    (
        "equipment",
        "全向信标设备安装调试及验收技术规范.pdf",
        None,
        None,
    ),
    // 范文 as a person's name, and a question mark lost between encodings.
    (
        "non-fixed",
        "培训讲义(主讲范文俊).pdf",
        None,
        Some("materials"),
    ),
    (
        "fixed-asset",
        "XX学校?竣工验收报告.pdf",
        None,
        Some("acceptance-report"),
    ),
    ("non-fixed", "服务合作协议书范文锦集(33篇).pdf", None, None),
    ("fixed-asset", "中标通知书多少天签合同?.pdf", None, None),
    // 交验 of a work step is an inspection; of assets, a handover.
    (
        "fixed-asset",
        "资产交验清单.pdf",
        None,
        Some("handover-record"),
    ),
    ("fixed-asset", "工序交验单.pdf", None, None),
    ("fixed-asset", "分项工程交验单.pdf", None, None),
    // An ex-ante evaluation is made before approval; a rule for dividing funds allocates none.
    (
        "fixed-asset",
        "实施项目绩效评估报告.pdf",
        None,
        Some("performance-evaluation-report"),
    ),
    ("fixed-asset", "事前绩效评估报告.pdf", None, None),
    (
        "fixed-asset",
        "资金分配文件.pdf",
        None,
        Some("fund-allocation"),
    ),
    ("fixed-asset", "专项资金分配办法.pdf", None, None),
    ("fixed-asset", "资金分配结果公示.pdf", None, None),
    // A part of the works is no completion acceptance.
    (
        "fixed-asset",
        "工程质量验收报告.pdf",
        None,
        Some("acceptance-report"),
    ),
    ("fixed-asset", "主体结构工程质量验收报告.pdf", None, None),
    ("fixed-asset", "地基与基础工程质量验收报告.pdf", None, None),
    (
        "fixed-asset",
        "原消防土建审核、验收意见.pdf",
        None,
        Some("fire-acceptance"),
    ),
];

#[test]
fn file_names_are_evidence_of_the_right_document() {
    let rules = rules();
    let mut failures = Vec::new();
    for &(category, name, stage, expected) in CASES {
        let category = rules.category(category).expect("category exists");
        let (stem, extension) = split_extension(name);
        let found = category
            .best_match(&normalize(stem), Some(&extension), stage)
            .map(|m| category.documents[m.document].id.as_str());
        if found != expected {
            failures.push(format!(
                "{name} ({}): expected {expected:?}, found {found:?}",
                category.id
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "misclassified:\n{}",
        failures.join("\n")
    );
}

/// `stage/id` of every document of `CATALOGUE.md`, per category, in catalogue order.
const CATALOGUE: &[(&str, &str)] = &[
    (
        "fixed-asset",
        "approval/aid-plan approval/feasibility-report approval/feasibility-approval approval/preliminary-design-approval approval/environmental-approval land/site-selection land/land-planning-permit land/land-title land/works-planning-permit permit/drawing-review permit/construction-permit permit/quality-safety-registration procurement/tender-documents procurement/bid-evaluation-report procurement/award-notice procurement/procurement-approval procurement/construction-contract procurement/supervision-contract construction/commencement-order construction/construction-plan construction/supervision-plan construction/supervision-log construction/concealed-works-record payment/fund-allocation payment/payment-request payment/payment-voucher payment/invoice acceptance/completion-report acceptance/quality-assessment acceptance/acceptance-report acceptance/acceptance-filing acceptance/fire-acceptance acceptance/as-built-drawings settlement/settlement-audit settlement/final-accounts handover/handover-record handover/asset-registration evaluation/performance-targets evaluation/performance-self-evaluation evaluation/performance-evaluation-report media/photos-before media/photos-during media/photos-after media/aid-signage-photo",
    ),
    (
        "equipment",
        "approval/aid-plan approval/implementation-plan approval/project-approval procurement/procurement-plan procurement/procurement-requirements procurement/tender-documents procurement/bid-evaluation-report procurement/award-notice procurement/single-source-approval procurement/procurement-contract payment/fund-allocation payment/payment-request payment/payment-voucher payment/invoice acceptance/delivery-receipt acceptance/installation-report acceptance/acceptance-report settlement/final-accounts handover/asset-registration handover/handover-record evaluation/performance-targets evaluation/performance-self-evaluation evaluation/performance-evaluation-report media/equipment-photos media/aid-signage-photo",
    ),
    (
        "non-fixed",
        "approval/aid-plan approval/implementation-plan approval/project-approval approval/budget procurement/service-contract procurement/procurement-approval implementation/activity-notice implementation/sign-in-sheets implementation/agenda implementation/materials payment/fund-allocation payment/payment-request payment/payment-voucher payment/invoice acceptance/summary-report acceptance/acceptance-opinion settlement/expense-statement evaluation/performance-targets evaluation/performance-self-evaluation media/activity-photos",
    ),
];

#[test]
fn every_catalogue_document_is_in_the_rules_in_order() {
    let rules = rules();
    for (category, documents) in CATALOGUE {
        let category = rules.category(category).expect("category exists");
        let found: Vec<String> = category
            .documents
            .iter()
            .map(|d| format!("{}/{}", d.stage, d.id))
            .collect();
        let expected: Vec<&str> = documents.split(' ').collect();
        assert_eq!(found, expected, "documents of {}", category.id);
    }
}

/// `single-source-approval` is required only when some contract was procured from a single
/// source (CATALOGUE.md, corrected by issue 11): not for other below-threshold methods.
#[test]
fn single_source_approval_is_required_only_for_a_single_source_contract() {
    use crate::attributes::{ProcurementMethod, Status};
    use crate::ruleset::condition::{Applicability, ContractFacts, Facts, UnknownFact};

    let rules = rules();
    let equipment = rules.category("equipment").expect("category exists");
    let document = equipment
        .documents
        .iter()
        .find(|d| d.id == "single-source-approval")
        .expect("document exists");
    let procured = |method: ProcurementMethod| ContractFacts {
        kind: None,
        amount: None,
        procurement: Some(method),
    };
    let answer = |contracts: Option<&[ContractFacts]>| {
        document.when.evaluate(&Facts {
            status: Status::Completed,
            construction: None,
            total_investment: None,
            contracts,
            attributes: None,
        })
    };
    for method in ProcurementMethod::ALL {
        let contracts = [procured(ProcurementMethod::PublicTender), procured(method)];
        let expected = if method == ProcurementMethod::SingleSource {
            Applicability::Required
        } else {
            Applicability::NotRequired
        };
        assert_eq!(answer(Some(&contracts)), expected, "{}", method.id());
    }
    assert_eq!(
        answer(None),
        Applicability::Undetermined(vec![UnknownFact::Contracts]),
        "no contract ledger: undetermined, never missing"
    );
}
