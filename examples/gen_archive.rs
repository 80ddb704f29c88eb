//! Writes a synthetic archive for benchmarks and scale tests, deterministic from a seed.
//!
//! `cargo run --release --example gen_archive -- OUT --projects 20000 --photos 30 --seed 1`
//! gives about 1,000,000 files: projects over the three categories and statuses, with
//! Chinese names, numbered stage folders, documents named the way clerks name them, a
//! share of gaps, photo folders, voucher files, a project ledger and a payment ledger.
//! Nothing large is committed; benchmarks generate what they need.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use common::{minimal_pdf, tiny_jpeg};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "麦盖提县",
    "央塔克乡",
    "希依提墩乡",
    "克孜勒阿瓦提乡",
    "库木库萨尔乡",
    "巴扎结米乡",
    "昂格特勒克乡",
];
const FIXED: &[&str] = &[
    "第三小学教学楼建设项目",
    "卫生院门诊楼建设项目",
    "农村道路硬化项目",
    "供水管网改造项目",
    "便民服务中心维修项目",
];
const EQUIPMENT: &[&str] = &[
    "医疗设备采购项目",
    "实验室设备采购项目",
    "教学设备购置项目",
    "农机设备采购项目",
];
const NON_FIXED: &[&str] = &[
    "教师培训项目",
    "医疗人才交流项目",
    "干部能力提升培训项目",
    "职业技能培训项目",
];

/// `(stage folder, documents)` per category, named as clerks name them.
const FIXED_STAGES: &[(&str, &[&str])] = &[
    (
        "01 可研立项",
        &[
            "关于下达援疆项目计划的通知",
            "可行性研究报告",
            "关于可行性研究报告的批复",
            "初步设计及概算批复",
            "环境影响登记表",
        ],
    ),
    (
        "02 用地规划",
        &[
            "用地预审与选址意见书",
            "建设用地规划许可证",
            "不动产权证书",
            "建设工程规划许可证",
        ],
    ),
    (
        "03 施工许可",
        &["施工图审查合格书", "建筑工程施工许可证", "质量安全监督登记"],
    ),
    (
        "04 招投标",
        &["招标文件", "评标报告", "中标通知书", "施工合同", "监理合同"],
    ),
    (
        "05 施工和监理",
        &[
            "开工报告",
            "施工组织设计",
            "监理规划",
            "监理月报",
            "隐蔽工程验收记录",
        ],
    ),
    ("06 资金拨付", &["资金下达文件", "用款申请", "增值税发票"]),
    (
        "07 竣工验收",
        &[
            "工程竣工报告",
            "监理质量评估报告",
            "竣工验收报告",
            "竣工验收备案表",
            "消防验收意见",
            "竣工图",
        ],
    ),
    ("08 结算决算", &["工程结算审核报告", "竣工财务决算报告"]),
    ("09 移交使用", &["交付使用资产清单", "固定资产登记表"]),
    (
        "10 绩效评价",
        &["绩效目标申报表", "绩效自评报告", "绩效评价报告"],
    ),
];
const EQUIPMENT_STAGES: &[(&str, &[&str])] = &[
    (
        "01 立项",
        &["援疆项目年度计划", "项目实施方案", "项目立项批复"],
    ),
    (
        "02 采购",
        &[
            "政府采购计划备案表",
            "采购需求",
            "招标文件",
            "评审报告",
            "中标通知书",
            "政府采购合同",
        ],
    ),
    ("03 资金", &["资金下达文件", "用款申请", "发票"]),
    ("04 验收", &["到货签收单", "安装调试报告", "验收报告"]),
    ("05 决算", &["项目资金决算"]),
    ("06 移交", &["固定资产登记表", "设备移交清单"]),
    ("07 绩效", &["绩效目标申报表", "绩效自评表"]),
];
const NON_FIXED_STAGES: &[(&str, &[&str])] = &[
    (
        "01 立项",
        &[
            "援疆项目计划下达文件",
            "培训实施方案",
            "项目立项批复",
            "经费预算表",
        ],
    ),
    (
        "02 组织实施",
        &["关于举办培训班的通知", "签到表", "课程安排", "培训课件"],
    ),
    ("03 资金拨付", &["资金下达", "拨款申请", "发票"]),
    ("04 验收", &["项目实施总结", "验收意见"]),
    ("05 决算", &["费用明细表"]),
    ("06 绩效", &["绩效目标", "绩效自评报告"]),
];

struct Options {
    out: PathBuf,
    projects: usize,
    photos: usize,
    seed: u64,
}

fn parse_args() -> Options {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        out: PathBuf::from("target/bench-archive"),
        projects: 200,
        photos: 10,
        seed: 1,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the flag");
        match arg.as_str() {
            "--projects" => options.projects = value().parse().expect("a number of projects"),
            "--photos" => options.photos = value().parse().expect("a number of photos"),
            "--seed" => options.seed = value().parse().expect("a seed"),
            other => options.out = PathBuf::from(other),
        }
    }
    options
}

fn main() {
    let options = parse_args();
    if options.out.exists() {
        fs::remove_dir_all(&options.out).expect("remove the old archive");
    }
    let mut rng = Rng(options.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut ledger =
        String::from("项目编号,项目名称,项目类别,项目状态,建设性质,总投资(万元),援疆资金(万元)\n");
    let mut payments = String::from("项目编号,拨付日期,拨付金额(元),凭证号,发票号\n");
    let mut files = 0usize;
    for index in 0..options.projects {
        let year = 2021 + index % 4;
        let code = format!("MGT-{year}-{:04}", index + 1);
        let (category, names, stages) = match rng.below(10) {
            0..=4 => ("固投类", FIXED, FIXED_STAGES),
            5..=7 => ("设备类", EQUIPMENT, EQUIPMENT_STAGES),
            _ => ("非固投类", NON_FIXED, NON_FIXED_STAGES),
        };
        let name = format!("{}{}", rng.pick(PLACES), rng.pick(names));
        let status = match rng.below(10) {
            0 => "谋划",
            1..=4 => "实施中",
            _ => "已完工",
        };
        let construction = if category == "固投类" {
            rng.pick(&["新建", "扩建", "改建"])
        } else {
            "无"
        };
        let aid = 50 + rng.below(3000);
        let _ = writeln!(
            ledger,
            "{code},{name},{category},{status},{construction},{},{aid}",
            aid + rng.below(200)
        );
        let folder = options
            .out
            .join(format!("{year}"))
            .join(format!("{code} {name}"));
        for (stage, documents) in stages {
            for document in *documents {
                if rng.chance(4) {
                    continue; // a gap
                }
                write(
                    &folder.join(stage).join(format!("{document}.pdf")),
                    &minimal_pdf(&format!("{code}{document}")),
                );
                files += 1;
            }
        }
        for (v, amount) in [(1, aid * 4000), (2, aid * 3000)] {
            let voucher = format!("记-{:04}", index * 2 + v);
            let date = format!("{year}-0{}-15", 3 + v * 2);
            let _ = writeln!(payments, "{code},{date},{amount}.00,{voucher},FP{index}{v}");
            if !rng.chance(3) {
                let file = format!(
                    "{} 拨付凭证 {voucher} {amount}.00.pdf",
                    date.replace('-', "")
                );
                write(
                    &folder.join("凭证").join(file),
                    &minimal_pdf(&format!("{code}{voucher}")),
                );
                files += 1;
            }
        }
        // Photo folders as each category names them (equipment is photographed on arrival,
        // installed and in use; training and exchanges at the event).
        let photo_kinds = match category {
            "固投类" => ["施工前照片", "施工过程照片", "竣工后照片"],
            "设备类" => ["到货照片", "安装照片", "使用照片"],
            _ => ["活动照片", "培训照片", "现场照片"],
        };
        for kind in photo_kinds {
            for photo in 0..options.photos / 3 {
                write(
                    &folder
                        .join("影像资料")
                        .join(kind)
                        .join(format!("IMG_{photo:04}.jpg")),
                    &tiny_jpeg(&format!("{code}{kind}{photo}")),
                );
                files += 1;
            }
        }
        if rng.chance(2) {
            write(&folder.join("~$用款申请.docx"), b"lock");
            files += 1;
        }
    }
    write(&options.out.join("项目台账.csv"), ledger.as_bytes());
    write(&options.out.join("资金拨付台账.csv"), payments.as_bytes());
    println!(
        "{} files in {} projects under {}",
        files + 2,
        options.projects,
        options.out.display()
    );
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folders");
    }
    fs::write(path, bytes).expect("write file");
}
