//! Writes the demo archive of `fixtures/demo-archive/`: a dozen aid projects across the
//! three categories and statuses, with a project ledger and a handful of known gaps.
//!
//! The archive is committed; run this only to regenerate it after changing it here:
//! `cargo run --example demo_archive -- fixtures/demo-archive`.

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use common::{minimal_pdf, tiny_jpeg};
use rust_xlsxwriter::{Format, FormatAlign, Workbook};

/// Every file of a project, relative to its folder. Gaps are marked in comments.
const PROJECTS: &[(&str, &[&str], Option<&str>)] = &[
    (
        "2023/固投类/MGT-2023-001 麦盖提县第三小学教学楼建设项目",
        &[
            "01 可研立项/关于下达2023年日照市援疆项目计划的通知.pdf",
            "01 可研立项/麦盖提县第三小学教学楼建设项目可行性研究报告.pdf",
            "01 可研立项/关于麦盖提县第三小学教学楼建设项目可行性研究报告的批复/001.jpg",
            "01 可研立项/关于麦盖提县第三小学教学楼建设项目可行性研究报告的批复/002.jpg",
            "01 可研立项/初步设计及概算批复（麦发改投资〔2023〕21号）.pdf",
            "01 可研立项/环境影响登记表.pdf",
            "02 用地规划/建设项目用地预审与选址意见书.pdf",
            "02 用地规划/建设用地规划许可证.pdf",
            "02 用地规划/不动产权证书.pdf",
            "02 用地规划/建设工程规划许可证.pdf",
            "03 施工许可/施工图设计文件审查合格书.pdf",
            "03 施工许可/建筑工程施工许可证(2023-05-10).pdf",
            "03 施工许可/工程质量安全监督登记表.pdf",
            "04 招投标/招标文件.pdf",
            "04 招投标/评标报告.pdf",
            "04 招投标/中标通知书 2023.5.8.pdf",
            "04 招投标/监理合同.pdf",
            // gap: the construction contract is filed under the payment stage (misfiled).
            "05 施工和监理/开工报告（2023年5月28日）.pdf",
            "05 施工和监理/施工组织设计.pdf",
            "05 施工和监理/监理规划.pdf",
            "05 施工和监理/监理月报/2023年7月监理月报.pdf",
            "05 施工和监理/隐蔽工程验收记录.pdf",
            "06 资金拨付/施工合同.pdf",
            "06 资金拨付/关于下达2023年援疆资金的通知.pdf",
            "06 资金拨付/用款申请表.pdf",
            "06 资金拨付/20230615 拨付凭证 记-0032 1200000.00.pdf",
            // gap: no voucher file for 记-0041 (payment-without-voucher).
            "06 资金拨付/20231020 拨付凭证 记-0077.pdf",
            "06 资金拨付/20240110 拨付凭证 记-0102.pdf",
            // gap: a voucher that no payment row has (voucher-not-in-ledger).
            "06 资金拨付/记-0099 拨付凭证.pdf",
            "06 资金拨付/增值税发票.pdf",
            "06 资金拨付/~$用款申请表.docx",
            "07 竣工验收/工程竣工报告.pdf",
            "07 竣工验收/监理质量评估报告.pdf",
            // gap: completed 61 days after the planned finish (completed-late).
            "07 竣工验收/竣工验收报告_20240301.pdf",
            "07 竣工验收/竣工验收备案表.pdf",
            // gap: no fire-safety acceptance (消防验收).
            "07 竣工验收/竣工图.pdf",
            "08 结算决算/工程结算审核报告 2024-04-20.pdf",
            "08 结算决算/竣工财务决算报告 2024-06-15.pdf",
            "09 移交使用/交付使用资产清单.pdf",
            "09 移交使用/固定资产入账凭证.pdf",
            "10 绩效评价/绩效目标申报表.pdf",
            "10 绩效评价/绩效自评报告.pdf",
            "10 绩效评价/绩效评价报告.pdf",
            "11 影像资料/施工前照片/IMG_0001.jpg",
            "11 影像资料/施工过程照片/IMG_0101.jpg",
            "11 影像资料/竣工后照片/IMG_0201.jpg",
            "11 影像资料/援疆标识牌.jpg",
            "11 影像资料/Thumbs.db",
        ],
        Some(
            "code = \"MGT-2023-001\"\nname = \"麦盖提县第三小学教学楼建设项目\"\ncategory = \"固投类\"\nstatus = \"已完工\"\nyear = 2023\nconstruction = \"新建\"\ntotal_investment = \"1250.5万元\"\naid_funds = 12000000\nimplementing_unit = \"麦盖提县教育局\"\n",
        ),
    ),
    (
        "2023/固投类/MGT-2023-002 麦盖提县人民医院门诊楼维修改造项目",
        &[
            "一、前期手续/关于下达2023年日照市援疆项目计划的通知.pdf",
            "一、前期手续/可研报告.pdf",
            "一、前期手续/可研批复 2023.3.1.pdf",
            "二、施工许可/施工图审查合格书.pdf",
            // gap: the works began before the permit (started-before-permit).
            "二、施工许可/施工许可证 2023-07-20.pdf",
            "二、施工许可/质量监督登记.pdf",
            "三、招投标及合同/施工合同.pdf",
            "三、招投标及合同/监理服务合同.pdf",
            "四、施工和监理/开工令(2023-07-05).pdf",
            "四、施工和监理/施工方案.pdf",
            "四、施工和监理/监理实施细则.pdf",
            // gap: no supervision log or monthly report (监理日志).
            "四、施工和监理/隐蔽工程验收记录.pdf",
            "五、资金拨付/资金下达文件.pdf",
            "五、资金拨付/付款申请.pdf",
            "五、资金拨付/记账凭证 记-0107.pdf",
            "五、资金拨付/记账凭证 记-0115.pdf",
            "五、资金拨付/发票.pdf",
            "六、绩效/绩效目标表.pdf",
            "七、影像/施工前/IMG_2001.jpg",
            "七、影像/施工中/IMG_2101.jpg",
        ],
        None,
    ),
    (
        "2023/设备类/MGT-2023-003 麦盖提县人民医院医疗设备采购项目",
        &[
            "01立项/2023年援疆项目年度计划.pdf",
            "01立项/医疗设备采购实施方案.pdf",
            "01立项/关于同意实施医疗设备采购项目的批复（2023年4月6日）.pdf",
            "02采购/政府采购计划备案表.pdf",
            "02采购/采购需求及技术参数.pdf",
            "02采购/公开招标文件.pdf",
            "02采购/评审报告.pdf",
            // gap: the contract was signed before this award (contract-before-award).
            "02采购/中标通知书 2023-08-20.pdf",
            "02采购/政府采购合同.pdf",
            "03资金/资金下达文件.pdf",
            "03资金/用款申请.pdf",
            "03资金/支付凭证 付-12.pdf",
            "03资金/发票.pdf",
            "04验收/到货签收单.pdf",
            "04验收/安装调试报告.pdf",
            // gap: no acceptance report (验收报告).
            "05决算/项目资金决算.pdf",
            "06移交/固定资产登记表.pdf",
            "06移交/设备移交清单.pdf",
            "07绩效/绩效目标申报表.pdf",
            "07绩效/绩效自评表.pdf",
            "08影像/设备照片/DSC_0001.jpg",
            "08影像/援疆标识照片.jpg",
        ],
        None,
    ),
    (
        "2023/非固投类/MGT-2023-004 麦盖提县农村教师能力提升培训项目",
        &[
            "立项/关于下达2023年援疆项目计划的通知.pdf",
            "立项/培训实施方案.pdf",
            "立项/立项批复.pdf",
            "立项/经费预算表.xlsx",
            "实施/关于举办麦盖提县农村教师能力提升培训班的通知.pdf",
            "实施/签到表/第1天.jpg",
            "实施/签到表/第2天.jpg",
            "实施/课程安排.pdf",
            "实施/培训课件.pdf",
            "资金/资金下达.pdf",
            "资金/拨款申请.pdf",
            "资金/付款凭证.pdf",
            "资金/发票.pdf",
            "验收/项目实施总结.pdf",
            "验收/验收意见 20231115.pdf",
            "决算/费用明细表.pdf",
            "绩效/绩效目标.pdf",
            "绩效/绩效自评报告.pdf",
            "影像/培训照片/IMG_3001.jpg",
        ],
        None,
    ),
    (
        "2023/设备类/MGT-2023-005 麦盖提县第二中学实验室设备采购项目",
        &[
            "援疆项目计划下达文件.pdf",
            "实验室设备采购工作方案.pdf",
            "项目立项批复.pdf",
            "采购/采购意向公开.pdf",
            "采购/采购需求.pdf",
            "采购/竞争性磋商文件.pdf",
            "采购/评审报告.pdf",
            "采购/成交通知书.pdf",
            "采购/供货合同.pdf",
            "资金/资金指标文件.pdf",
            "资金/用款申请.pdf",
            "资金/支付凭证.pdf",
            "资金/发票.pdf",
            "绩效/绩效目标申报表.pdf",
        ],
        Some("code = \"MGT-2023-005\"\ncategory = \"equipment\"\nstatus = \"in-progress\"\n"),
    ),
    (
        "2023/非固投类/MGT-2023-006 麥蓋提縣維吾爾醫藥人才交流項目",
        &[
            "01 立項/關於下達2023年援疆項目計劃的通知.pdf",
            "01 立項/交流活動實施方案.pdf",
            "01 立項/項目立項批復.pdf",
            "01 立項/經費預算明細.pdf",
            "02 組織實施/關於開展醫藥人才交流活動的通知.pdf",
            "02 組織實施/簽到表.pdf",
            "02 組織實施/活動日程.pdf",
            "03 資金撥付/資金下達文件.pdf",
            "03 資金撥付/用款申請.pdf",
            "03 資金撥付/撥付憑證.pdf",
            // gap: no invoice (发票).
            "04 績效/績效目標申報表.pdf",
            "05 影像/活動照片/IMG_4001.jpg",
        ],
        Some("category = \"非固投类\"\nstatus = \"实施中\"\n"),
    ),
    (
        "2024/MGT-2024-001 麦盖提县城北片区道路建设项目",
        &["前期/项目建议书.pdf"],
        Some(
            "code = \"MGT-2024-001\"\ncategory = \"fixed-asset\"\nstatus = \"谋划\"\nconstruction = \"new\"\n",
        ),
    ),
    (
        "2024/麦盖提县城乡供水管网改造项目",
        &[
            "可研立项/年度计划.pdf",
            "可研立项/可行性研究报告.pdf",
            "可研立项/可研批复.pdf",
            "施工许可/施工许可证.pdf",
            "施工许可/施工图审查.pdf",
            "招投标/施工合同.pdf",
            "招投标/监理合同.pdf",
            "施工和监理/开工报告.pdf",
            "施工和监理/监理日志.pdf",
            "资金拨付/资金下达.pdf",
            "资金拨付/用款申请.pdf",
            "资金拨付/拨付凭证.pdf",
            "资金拨付/发票.pdf",
            "绩效评价/绩效目标.pdf",
            "影像资料/开工前原貌.jpg",
            "影像资料/施工过程/IMG_5001.jpg",
            "扫描001.pdf",
        ],
        None,
    ),
    // Reserve projects at each grade: MGT-2024-001 above is an idea (a proposal only).
    (
        "2024/MGT-2024-006 麦盖提县老年活动中心改造项目",
        &["前期/老年活动中心改造项目可行性研究报告.pdf"],
        Some(
            "code = \"MGT-2024-006\"\ncategory = \"fixed-asset\"\nstatus = \"planned\"\nconstruction = \"renovation\"\nimportance = \"一般\"\ncontacts = [\"刘洋\", \"买买提·吐尔逊\"]\n",
        ),
    ),
    (
        "2024/MGT-2024-007 麦盖提县中医院康复设备购置项目",
        &[
            "康复设备购置实施方案.pdf",
            "关于同意购置康复设备的立项批复.pdf",
        ],
        Some(
            "code = \"MGT-2024-007\"\ncategory = \"设备类\"\nstatus = \"储备\"\nimportance = \"重点\"\ncontacts = [\"陈静\"]\n",
        ),
    ),
    (
        "2024/MGT-2024-003 某乡镇道路硬化项目",
        &["可研报告.pdf"],
        None,
    ),
    (
        "2024/MGT-2024-004 麦盖提县职业技术学校实训设备项目",
        &["实施方案.pdf"],
        Some("code = \"MGT-2024-004\"\ncategory = \"设备类\"\nstatus = \"半完工\"\n"),
    ),
];

/// The plans of the project ledger, row for row with [`LEDGER`]: planned start, planned
/// finish, importance, contact persons (as clerks type them, separators mixed),
/// implementing unit.
const PLANS: &[[&str; 5]] = &[
    [
        "2023-05-01",
        "2023-12-31",
        "重点",
        "张伟、阿卜杜拉·艾则孜",
        "麦盖提县教育局",
    ],
    [
        "2023-07-01",
        "2024-06-30",
        "一般",
        "李娜/艾尔肯·买买提",
        "麦盖提县卫生健康委员会",
    ],
    [
        "2023-05-01",
        "2023-10-31",
        "重点",
        "王强",
        "麦盖提县卫生健康委员会",
    ],
    [
        "2023-09-01",
        "2023-11-30",
        "一般",
        "赵敏 热依拉·阿不都",
        "麦盖提县教育局",
    ],
    [
        "2023-06-01",
        "2024-06-30",
        "一般",
        "王强，古丽米热·艾买提",
        "麦盖提县教育局",
    ],
    [
        "2023-08-01",
        "2024-08-31",
        "",
        "赵敏",
        "麦盖提县卫生健康委员会",
    ],
    ["", "", "重点", "刘洋", "麦盖提县交通运输局"],
    [
        "2024-04-01",
        "2025-10-31",
        "重点",
        "张伟",
        "麦盖提县卫生健康委员会",
    ],
    ["2024-03-01", "2025-06-30", "一般", "李娜", "麦盖提县水利局"],
    ["", "", "一般", "陈静、阿依古丽·吐尔洪", "麦盖提县教育局"],
];

/// Allocations (资金下达): project, document number, date, amount (yuan).
const ALLOCATIONS: &[[&str; 4]] = &[
    [
        "MGT-2023-001",
        "日援指〔2023〕5号",
        "2023-03-10",
        "6000000.00",
    ],
    [
        "MGT-2023-001",
        "日援指〔2023〕18号",
        "2023-07-15",
        "6000000.00",
    ],
    // gap: first paid 184 days after the allocation (funds-idle).
    [
        "MGT-2023-002",
        "日援指〔2023〕5号",
        "2023-03-10",
        "3500000.00",
    ],
    [
        "MGT-2023-003",
        "日援指〔2023〕9号",
        "2023-04-01",
        "4600000.00",
    ],
    [
        "MGT-2023-004",
        "日援指〔2023〕9号",
        "2023-04-01",
        "450000.00",
    ],
    // gap: allocated, never paid (funds-idle until the day of the sweep).
    [
        "MGT-2023-005",
        "日援指〔2023〕12号",
        "2023-05-10",
        "1800000.00",
    ],
    [
        "MGT-2023-006",
        "日援指〔2023〕12号",
        "2023-05-10",
        "300000.00",
    ],
    [
        "MGT-2024-002",
        "日援指〔2024〕3号",
        "2024-03-20",
        "4000000.00",
    ],
];

/// The project ledger: code, name, category, status, construction, total investment (万元), aid funds (万元).
const LEDGER: &[[&str; 7]] = &[
    [
        "MGT-2023-001",
        "麦盖提县第三小学教学楼建设项目",
        "固投类",
        "已完工",
        "新建",
        "1250.5",
        "1200",
    ],
    [
        "MGT-2023-002",
        "麦盖提县人民医院门诊楼维修改造项目",
        "固投类",
        "实施中",
        "改建",
        "380",
        "350",
    ],
    [
        "MGT-2023-003",
        "麦盖提县人民医院医疗设备采购项目",
        "设备类",
        "已完工",
        "无",
        "460",
        "460",
    ],
    [
        "MGT-2023-004",
        "麦盖提县农村教师能力提升培训项目",
        "非固投类",
        "已完工",
        "无",
        "45",
        "45",
    ],
    [
        "MGT-2023-005",
        "麦盖提县第二中学实验室设备采购项目",
        "设备类",
        "实施中",
        "无",
        "180",
        "180",
    ],
    [
        "MGT-2023-006",
        "麦盖提县维吾尔医药人才交流项目",
        "非固投类",
        "实施中",
        "无",
        "30",
        "30",
    ],
    [
        "MGT-2024-001",
        "麦盖提县城北片区道路建设项目",
        "固投类",
        "谋划",
        "新建",
        "2600",
        "2000",
    ],
    [
        "MGT-2024-002",
        "麦盖提县库木库萨尔乡卫生院建设项目",
        "固投类",
        "实施中",
        "新建",
        "900",
        "800",
    ],
    [
        "",
        "麦盖提县城乡供水管网改造项目",
        "固投类",
        "在建",
        "扩建",
        "1500",
        "1200",
    ],
    [
        "MGT-2024-005",
        "麦盖提县双语幼儿园教师交流项目",
        "非固投类",
        "谋划",
        "无",
        "20",
        "20",
    ],
];

fn main() {
    let root: PathBuf = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixtures/demo-archive".into())
        .into();
    if root.exists() {
        fs::remove_dir_all(&root).expect("remove the old demo archive");
    }
    for (folder, files, manifest) in PROJECTS {
        let folder = root.join(folder);
        fs::create_dir_all(&folder).expect("create project folder");
        if let Some(text) = manifest {
            fs::write(folder.join("project.toml"), text).expect("write manifest");
        }
        for file in *files {
            write_file(&folder.join(file));
        }
    }
    // Unusable or misnamed files (file health):
    let training = root.join("2023/非固投类/MGT-2023-004 麦盖提县农村教师能力提升培训项目");
    let truncated = tiny_jpeg("IMG_3002.jpg");
    fs::write(
        training.join("影像/培训照片/IMG_3002.jpg"),
        &truncated[..truncated.len() - 20],
    )
    .expect("truncated photo");
    let lab = root.join("2023/设备类/MGT-2023-005 麦盖提县第二中学实验室设备采购项目");
    fs::write(lab.join("资金/发票.pdf"), tiny_jpeg("发票.pdf")).expect("a photo saved as .pdf");
    let mut cut = minimal_pdf("竣工财务决算报告");
    cut.truncate(cut.len() / 2);
    let school = root.join("2023/固投类/MGT-2023-001 麦盖提县第三小学教学楼建设项目");
    fs::write(
        school.join("08 结算决算/竣工财务决算报告（扫描不全）.pdf"),
        cut,
    )
    .expect("a truncated scan");
    write_file(&root.join("2023/会议纪要.pdf"));
    write_ledger(&root.join("项目台账.xlsx"));
    write_contracts(&root.join("合同台账.xlsx"));
    write_payments(&root.join("资金拨付台账.xlsx"));
    write_allocations(&root.join("资金下达台账.xlsx"));
    println!("wrote {}", root.display());
}

/// Writes a small file whose bytes match its extension.
fn write_file(path: &Path) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let extension = name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let bytes: Vec<u8> = match extension.as_str() {
        "pdf" => minimal_pdf(name),
        "jpg" | "jpeg" => tiny_jpeg(name),
        "xlsx" => {
            let mut book = Workbook::new();
            book.add_worksheet().write(0, 0, name).expect("write cell");
            book.save_to_buffer().expect("save xlsx")
        }
        _ => b"demo\n".to_vec(),
    };
    fs::write(path, bytes).expect("write file");
}

/// Contracts: project, number, title, kind, signed, amount (yuan), counterparty, method, settled.
const CONTRACTS: &[[&str; 9]] = &[
    [
        "MGT-2023-001",
        "HT-2023-015",
        "教学楼施工合同",
        "施工",
        "2023-05-20",
        "5805000.00",
        "新疆某建筑公司",
        "公开招标",
        "5760000.00",
    ],
    // below-threshold method: the procurement-method approval becomes required (and is missing).
    [
        "MGT-2023-001",
        "HT-2023-016",
        "监理服务合同",
        "监理",
        "2023-05-25",
        "180000.00",
        "某监理公司",
        "询价",
        "",
    ],
    // gap: two construction contracts below the threshold that together reach it.
    [
        "MGT-2023-002",
        "HT-2023-031",
        "门诊楼改造施工合同（一标段）",
        "施工",
        "2023-07-01",
        "3000000.00",
        "某建设公司",
        "询价",
        "",
    ],
    [
        "MGT-2023-002",
        "HT-2023-032",
        "门诊楼改造施工合同（二标段）",
        "施工",
        "2023-07-03",
        "1500000.00",
        "某建设公司",
        "询价",
        "",
    ],
    // gap: goods above the government-procurement tender threshold, not tendered.
    [
        "MGT-2023-003",
        "CG-2023-003",
        "医疗设备采购合同",
        "采购",
        "2023-08-15",
        "4600000.00",
        "某医疗器械公司",
        "竞争性磋商",
        "",
    ],
];

/// Payments: project, contract, date, amount (yuan), voucher, kind, invoice, cumulative (as the clerk typed it).
const PAYMENTS: &[[&str; 8]] = &[
    [
        "MGT-2023-001",
        "HT-2023-015",
        "2023-06-15",
        "1200000.00",
        "记-0032",
        "预付款",
        "04512345",
        "1200000.00",
    ],
    [
        "MGT-2023-001",
        "HT-2023-015",
        "2023-08-01",
        "2400000.00",
        "记-0041",
        "进度款",
        "04512346",
        "3600000.00",
    ],
    // gap: the cumulative column is typed over (ledger-derived-mismatch).
    [
        "MGT-2023-001",
        "HT-2023-015",
        "2023-10-20",
        "1800000.50",
        "记-0077",
        "进度款",
        "04512347",
        "5410000.50",
    ],
    // gap: no invoice number, no invoice (payment-without-invoice).
    [
        "MGT-2023-001",
        "HT-2023-015",
        "2024-01-10",
        "359999.50",
        "记-0102",
        "结算款",
        "",
        "5760000.00",
    ],
    [
        "MGT-2023-002",
        "HT-2023-031",
        "2023-09-10",
        "900000.00",
        "记-0107",
        "进度款",
        "04519001",
        "",
    ],
    // gap: a contract number the contract ledger does not have (payment-without-contract).
    [
        "MGT-2023-002",
        "HT-2023-099",
        "2023-10-10",
        "200000.00",
        "记-0115",
        "进度款",
        "04519002",
        "",
    ],
    [
        "MGT-2023-003",
        "CG-2023-003",
        "2023-09-01",
        "4600000.00",
        "付-12",
        "货款",
        "04523001",
        "",
    ],
    // gap: paid before the contract was signed, no voucher file, and beyond contract and aid funds.
    [
        "MGT-2023-003",
        "CG-2023-003",
        "2023-07-01",
        "100000.00",
        "付-13",
        "预付款",
        "04523002",
        "",
    ],
];

/// A ledger sheet: a title row merged over the columns, then the headers, then the rows.
/// Amounts are written as numbers and dates as date cells, as Excel users type them.
fn write_sheet(
    path: &Path,
    title: &str,
    headers: &[&str],
    rows: &[Vec<&str>],
    money: &[usize],
    dates: &[usize],
) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .merge_range(0, 0, 0, headers.len() as u16 - 1, title, &bold)
        .expect("title");
    for (c, h) in headers.iter().enumerate() {
        sheet.write(1, c as u16, *h).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        let r = 2 + r as u32;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            if value.is_empty() {
                continue;
            }
            if money.contains(&(c as usize)) {
                sheet
                    .write(r, c, value.parse::<f64>().expect("amount"))
                    .expect("money");
            } else if dates.contains(&(c as usize)) {
                let date = rust_xlsxwriter::ExcelDateTime::parse_from_str(value).expect("date");
                sheet
                    .write_datetime_with_format(r, c, &date, &date_format)
                    .expect("date");
            } else {
                sheet.write(r, c, *value).expect("cell");
            }
        }
    }
    book.save(path).expect("save ledger");
}

fn write_contracts(path: &Path) {
    let headers = [
        "项目编号",
        "合同编号",
        "合同名称",
        "合同类型",
        "签订日期",
        "合同金额(元)",
        "乙方",
        "采购方式",
        "结算金额(元)",
    ];
    let rows: Vec<Vec<&str>> = CONTRACTS.iter().map(|r| r.to_vec()).collect();
    write_sheet(
        path,
        "麦盖提县援疆项目合同台账",
        &headers,
        &rows,
        &[5, 8],
        &[4],
    );
}

fn write_payments(path: &Path) {
    let headers = [
        "项目编号",
        "合同编号",
        "拨付日期",
        "拨付金额(元)",
        "凭证号",
        "款项性质",
        "发票号",
        "累计拨付(元)",
    ];
    let rows: Vec<Vec<&str>> = PAYMENTS.iter().map(|r| r.to_vec()).collect();
    write_sheet(
        path,
        "麦盖提县援疆项目资金拨付台账",
        &headers,
        &rows,
        &[3, 7],
        &[2],
    );
}

fn write_allocations(path: &Path) {
    let headers = ["项目编号", "下达文号", "下达日期", "下达金额(元)"];
    let rows: Vec<Vec<&str>> = ALLOCATIONS.iter().map(|r| r.to_vec()).collect();
    write_sheet(
        path,
        "麦盖提县援疆资金下达台账",
        &headers,
        &rows,
        &[3],
        &[2],
    );
}

/// The project ledger as supervision teams keep it: a merged title, a unit row, headers
/// with units and line breaks, and a total row.
fn write_ledger(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2023-2024年援疆项目").expect("sheet name");
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    sheet
        .merge_range(0, 0, 0, 12, "麦盖提县2023—2024年日照市援疆项目台账", &title)
        .expect("title");
    sheet.write(1, 12, "单位：万元").expect("unit row");
    let headers = [
        "序号",
        "项目编号",
        "项目名称",
        "项目类别",
        "项目状态",
        "建设性质",
        "总投资\n(万元)",
        "援疆资金\n（万元）",
        "计划开工时间",
        "计划竣工时间",
        "重要性",
        "包联人",
        "实施单位",
    ];
    for (column, header) in headers.iter().enumerate() {
        sheet.write(2, column as u16, *header).expect("header");
    }
    let mut total_investment = 0.0;
    for (i, row) in LEDGER.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write(r, 0, (i + 1) as f64).expect("number");
        for (c, value) in row[..5].iter().enumerate() {
            if !value.is_empty() {
                sheet.write(r, 1 + c as u16, *value).expect("cell");
            }
        }
        for (c, value) in row[5..].iter().enumerate() {
            let number: f64 = value.parse().expect("a number");
            if c == 0 {
                total_investment += number;
            }
            sheet.write(r, 6 + c as u16, number).expect("money");
        }
        write_plans(sheet, r, &PLANS[i]);
    }
    let total_row = 3 + LEDGER.len() as u32;
    sheet.write(total_row, 0, "合计").expect("total");
    sheet.write(total_row, 6, total_investment).expect("total");
    sheet
        .write(
            total_row + 1,
            0,
            "注：本表由项目办填写，数据截至2024年6月。",
        )
        .expect("note");
    book.save(path).expect("save the ledger");
}

/// The plan columns of one project-ledger row: dates as date cells, the rest as text.
fn write_plans(sheet: &mut rust_xlsxwriter::Worksheet, row: u32, plan: &[&str; 5]) {
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (c, value) in plan.iter().enumerate() {
        let column = 8 + c as u16;
        if value.is_empty() {
            continue;
        }
        if c < 2 {
            let date = rust_xlsxwriter::ExcelDateTime::parse_from_str(value).expect("date");
            sheet
                .write_datetime_with_format(row, column, &date, &date_format)
                .expect("date");
        } else {
            sheet.write(row, column, *value).expect("cell");
        }
    }
}
