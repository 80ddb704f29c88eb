//! Every kind of sentence, said in both languages and read back from its facts.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::date;
use rust_decimal::Decimal;

use super::{ProjectCategories, Words};
use crate::attributes::{ContractKind, ProcurementMethod};
use crate::finding::file::{Damage, Format, PageTreeFault, Problem, ReadError, SheetError, Stop};
use crate::finding::said::{
    CellProblem, ChainSaid, ChronologySaid, Field, FileSaid, LedgerSaid, Mistake, PaymentRef,
    ProjectSaid, Sum, WaiverSaid,
};
use crate::finding::stop::Ending;
use crate::finding::{Code, Finding, Said};
use crate::lang::Lang;
use crate::ruleset::RuleSet;

/// One sample of every kind of sentence the checks state.
fn samples() -> Vec<Said> {
    let text = |s: &str| s.to_string();
    let yuan = |n: i64| Decimal::from(n);
    let day = date(2023, 8, 1);
    let payment = PaymentRef {
        voucher: Some(text("记-0041")),
        date: Some(day),
        amount: Some(yuan(2_400_000)),
    };
    let mut said: Vec<Said> = vec![
        ProjectSaid::CategoryUnknown.into(),
        ProjectSaid::StatusUnknown.into(),
        ProjectSaid::MissingDocument {
            found: 1,
            needed: 2,
            unusable: vec![text("P/a.pdf")],
        }
        .into(),
        ProjectSaid::MisfiledDocument {
            filed_under: text("payment"),
        }
        .into(),
        ProjectSaid::ProjectFolderMissing {
            name: text("卫生院"),
        }
        .into(),
        ProjectSaid::DuplicateProject {
            folders: 2,
            code: text("MGT-1"),
        }
        .into(),
        ProjectSaid::ManifestUnreadable {
            error: ReadError::NotUtf8 { byte: 3 },
        }
        .into(),
        FileSaid::StrayFile { temporary: true }.into(),
        FileSaid::StrayFile { temporary: false }.into(),
        FileSaid::DuplicateFile {
            original: text("P/a.pdf"),
        }
        .into(),
        FileSaid::SymlinkSkipped.into(),
        FileSaid::SpecialFile { kind: text("FIFO") }.into(),
        FileSaid::TemporaryFile { name_guessed: true }.into(),
        FileSaid::UnmatchedFile {
            name_guessed: false,
        }
        .into(),
        FileSaid::NestedProject {
            inner: text("MGT-2"),
            outer: text("MGT-1"),
        }
        .into(),
        FileSaid::UnreadableFolder {
            error: ReadError::PermissionDenied,
        }
        .into(),
        LedgerSaid::RowProjectUnknown {
            named: text("MGT-9"),
            shared: false,
        }
        .into(),
        LedgerSaid::RowProjectUnknown {
            named: text("卫生院"),
            shared: true,
        }
        .into(),
        LedgerSaid::RowProjectUnknown {
            named: String::new(),
            shared: false,
        }
        .into(),
        LedgerSaid::DuplicateColumn {
            kept: (text("B"), text("金额")),
            ignored: (text("F"), text("金额")),
        }
        .into(),
        LedgerSaid::LedgerUnreadable {
            error: SheetError::Io(ReadError::Other {
                message: text("设备忙"),
            }),
        }
        .into(),
        LedgerSaid::LedgerUnreadable {
            error: SheetError::TooLarge {
                size: 70_000_000,
                limit: 67_108_864,
            },
        }
        .into(),
        LedgerSaid::LedgerUnreadable {
            error: SheetError::Encrypted,
        }
        .into(),
        LedgerSaid::LedgerUnreadable {
            error: SheetError::Corrupt(text("bad CRC")),
        }
        .into(),
        LedgerSaid::ConfiguredLedgerMissing {
            config: text("guicang.toml"),
        }
        .into(),
        LedgerSaid::LedgerUnrecognised.into(),
        ChainSaid::PaymentWithoutContract {
            payment: payment.clone(),
            contract: text("HT-1"),
        }
        .into(),
        ChainSaid::PaymentBeforeContract {
            paid_on: day,
            contract: text("HT-1"),
            signed: date(2023, 9, 1),
        }
        .into(),
        ChainSaid::PaymentWithoutVoucher {
            payment: PaymentRef::default(),
        }
        .into(),
        ChainSaid::PaymentWithoutInvoice { payment }.into(),
        ChainSaid::VoucherNotInLedger {
            voucher: text("记-0099"),
        }
        .into(),
        ChainSaid::DuplicateVoucher {
            voucher: text("记-0041"),
        }
        .into(),
        ChainSaid::ContractWithoutProcurement {
            contract: text("HT-1"),
            amount: yuan(5_000_000),
            threshold: yuan(4_000_000),
            method: ProcurementMethod::SingleSource,
        }
        .into(),
        ChainSaid::PossibleSplitting {
            kind: ContractKind::Construction,
            threshold: yuan(4_000_000),
            total: yuan(4_500_000),
            contracts: vec![text("HT-1"), text("HT-2")],
        }
        .into(),
        ChainSaid::ContractOverpaid {
            contract: text("HT-1"),
            amount: yuan(100),
            paid: yuan(120),
        }
        .into(),
        ChainSaid::SettlementExceeded {
            contract: None,
            settlement: yuan(100),
            paid: yuan(120),
        }
        .into(),
        ChainSaid::RetentionExcessive {
            contract: Some(text("HT-1")),
            settlement: yuan(100),
            held: yuan(10),
            share: yuan(10),
            limit: yuan(3),
        }
        .into(),
        ChainSaid::CumulativeMismatch {
            stated: yuan(5),
            recomputed: yuan(4),
        }
        .into(),
        ChainSaid::RatioMismatch {
            stated: Decimal::new(5, 1),
            recomputed: Decimal::new(25, 2),
        }
        .into(),
        ChronologySaid::StartedBeforePermit {
            start: day,
            permit: date(2023, 9, 1),
            days: 31,
        }
        .into(),
        ChronologySaid::ContractBeforeAward {
            contract: text("HT-1"),
            signed: day,
            award: date(2023, 9, 1),
            days: 31,
        }
        .into(),
        ChronologySaid::CompletedLate {
            done: date(2024, 9, 1),
            planned: day,
            days: 397,
        }
        .into(),
        ChronologySaid::FundsIdle {
            allocated: day,
            until: date(2024, 9, 1),
            paid: false,
            days: 397,
        }
        .into(),
        WaiverSaid::WaiverExpired {
            origin: text("guicang.toml:12"),
            scope: text("MGT-1"),
            expired: Some(day),
            reason: text("补办中"),
        }
        .into(),
        WaiverSaid::WaiverUnused {
            origin: text("guicang.toml:12"),
            scope: text("MGT-1"),
        }
        .into(),
    ];
    for sum in [Sum::Payments, Sum::Allocations, Sum::Contracts] {
        said.push(ChainSaid::SumOverflow { sum }.into());
        said.push(
            ChainSaid::AidFundsExceeded {
                sum,
                total: yuan(2),
                aid_funds: yuan(1),
            }
            .into(),
        );
    }
    let mistakes = [
        Mistake::Syntax { detail: text("x") },
        Mistake::NotSingleValue { key: text("name") },
        Mistake::UnknownCategory {
            raw: text("食堂")
        },
        Mistake::UnknownStatus {
            raw: text("快好了"),
        },
        Mistake::UnknownConstruction {
            raw: text("拆除")
        },
        Mistake::NotADate {
            raw: text("明年")
        },
        Mistake::NotAYear { raw: text("23") },
        Mistake::NotAnAmount {
            raw: text("很多")
        },
        Mistake::ContactNotAName,
        Mistake::ContactsNotAList,
    ];
    for mistake in mistakes {
        said.push(
            ProjectSaid::ManifestMistake {
                line: 2,
                column: 10,
                mistake,
            }
            .into(),
        );
    }
    let problems = [
        CellProblem::Unrecognised,
        CellProblem::NotAnAmount,
        CellProblem::NegativeAmount,
        CellProblem::EmptyAmount,
        CellProblem::NotADate,
        CellProblem::ImplausibleDate,
        CellProblem::NotAShare,
    ];
    for problem in problems {
        said.push(
            LedgerSaid::BadCell {
                field: Field::PaymentAmount,
                problem,
                raw: text("-5"),
            }
            .into(),
        );
    }
    said.extend(
        sheet_errors()
            .into_iter()
            .map(|error| LedgerSaid::LedgerUnreadable { error }.into()),
    );
    let damages = [
        Damage::NoPdfHeader,
        Damage::NoStartxref,
        Damage::StartxrefBeyondEnd { offset: 9 },
        Damage::NoEof,
        Damage::XrefRebuilt,
        Damage::NoPages,
        Damage::JpegTruncated,
        Damage::PngTruncated,
        Damage::NotValidAs {
            extension: text("docx"),
            format: Format::Text,
        },
    ];
    let mut file_problems: Vec<Problem> = damages.into_iter().map(Problem::CorruptPdf).collect();
    file_problems.extend([
        Problem::Empty,
        Problem::Unreadable(ReadError::Other {
            message: text("设备忙"),
        }),
        Problem::Mismatch {
            actual: Format::Jpeg,
        },
        Problem::CorruptImage(Damage::JpegTruncated),
        Problem::CorruptContainer(Damage::parser("bad zip")),
        Problem::EncryptedPdf { pages: Some(3) },
        Problem::EncryptedOffice,
        Problem::TooLarge(9),
        Problem::Timeout,
    ]);
    file_problems.extend(stops().into_iter().map(Problem::NotChecked));
    file_problems.extend(our_damages().into_iter().map(Problem::CorruptContainer));
    for problem in file_problems {
        said.push(
            FileSaid::FileProblem {
                problem,
                extension: text("pdf"),
                name_guessed: false,
            }
            .into(),
        );
    }
    said
}

/// Every way a parser is stopped, with Chinese text where outside text goes.
fn stops() -> Vec<Stop> {
    vec![
        Stop::Timeout { seconds: 30 },
        Stop::OutOfMemory {
            budget_mb: 384,
            requested: Some(1_717_986_918_000),
        },
        Stop::OutOfMemory {
            budget_mb: 384,
            requested: None,
        },
        Stop::PANICKED,
        Stop::Crashed {
            ended: None,
            detail: Some("管道已断开".into()),
        },
        Stop::Crashed {
            ended: Some(Ending::Signal { signal: 9 }),
            detail: Some("线程崩溃".into()),
        },
        Stop::Crashed {
            ended: Some(Ending::Signal { signal: 64 }),
            detail: None,
        },
        Stop::Crashed {
            ended: Some(Ending::Code { code: 101 }),
            detail: None,
        },
        Stop::NoWorker {
            detail: "资源暂时不可用".into(),
        },
        Stop::GarbledAnswer {
            detail: "第 1 列".into(),
        },
    ]
}

/// Every reason a file cannot be read that is our own account.
fn read_errors() -> Vec<ReadError> {
    let mut errors = vec![
        ReadError::Vanished,
        ReadError::PermissionDenied,
        ReadError::Symlink,
        ReadError::NotAFolder,
        ReadError::TooLarge {
            size: 2_000_000,
            cap: 1_048_576,
        },
        ReadError::NotUtf8 { byte: 17 },
    ];
    errors.extend(
        [
            "FIFO",
            "socket",
            "device",
            "folder",
            "symbolic link",
            "special file",
        ]
        .map(|kind| ReadError::NotRegular {
            kind: kind.to_string(),
        }),
    );
    errors
}

/// Every unreadable ledger whose reason is our own account, not outside text.
fn sheet_errors() -> Vec<SheetError> {
    let mut errors = vec![
        SheetError::Empty,
        SheetError::NotASpreadsheet { found: Format::Pdf },
        SheetError::NotASpreadsheet {
            found: Format::Unknown,
        },
        SheetError::DamagedPart {
            index: 3,
            detail: "校验和错误".into(),
        },
        SheetError::Bomb {
            part: "xl/sharedStrings.xml".into(),
            size: 3_000_000_000,
        },
        SheetError::BeyondExcel {
            sheet: "拨付".into(),
            row: 1_048_577,
            column: 1,
        },
        SheetError::TooManyCells {
            sheet: None,
            limit: 5_000_000,
        },
        SheetError::TooManyCells {
            sheet: Some("拨付".into()),
            limit: 5_000_000,
        },
        SheetError::TooMuchText {
            sheet: "拨付".into(),
            limit: 64_000_000,
        },
    ];
    errors.extend(stops().into_iter().map(SheetError::Stopped));
    errors.extend(read_errors().into_iter().map(SheetError::Io));
    errors
}

/// Every damage whose words are our own account.
fn our_damages() -> Vec<Damage> {
    let mut damages = vec![
        Damage::DecompressionBomb { limit: 1 << 30 },
        Damage::BrokenPageTree(PageTreeFault::Missing {
            detail: "缺少对象".into(),
        }),
        Damage::BrokenPageTree(PageTreeFault::Loop {
            object: 4,
            generation: 0,
        }),
        Damage::BrokenPageTree(PageTreeFault::BadNode {
            object: 7,
            generation: 0,
            detail: "缺少对象".into(),
        }),
        Damage::BrokenPageTree(PageTreeFault::TooLarge),
    ];
    damages.extend(stops().into_iter().map(Damage::Stopped));
    damages
}

/// Where the facts hold our own account, the Chinese sentence has no English in it: only
/// proper names (PDF, Excel, MB) and outside text, here written in Chinese.
#[test]
fn our_own_account_of_a_stopped_parser_or_a_refused_ledger_is_chinese_in_chinese() {
    let rules = RuleSet::load(&[] as &[PathBuf], &BTreeMap::new()).expect("built-in rules");
    let categories = ProjectCategories::new(&rules, [(String::from("MGT-1"), Some("fixed-asset"))]);
    let zh = Words::new(&rules, Lang::Zh, &categories);
    let english = regex::Regex::new("(?-u:\\b)[a-z]{3,}").unwrap();
    let mut said: Vec<Said> = sheet_errors()
        .into_iter()
        .map(|error| LedgerSaid::LedgerUnreadable { error }.into())
        .collect();
    let problems = stops()
        .into_iter()
        .map(Problem::NotChecked)
        .chain(our_damages().into_iter().map(Problem::CorruptContainer))
        .chain(read_errors().into_iter().map(Problem::Unreadable))
        .chain([Problem::Mismatch {
            actual: Format::Text,
        }]);
    said.extend(problems.map(|problem| {
        FileSaid::FileProblem {
            problem,
            extension: "xls".into(),
            name_guessed: false,
        }
        .into()
    }));
    for said in said {
        let finding = Finding::new(Code::LedgerUnreadable, said.clone()).path("MGT-1/台账.xlsx");
        let chinese = zh.say(&finding);
        let allowed = chinese
            .replace("xl/sharedStrings.xml", "")
            .replace(".xls", "");
        assert!(!english.is_match(&allowed), "{said:?}: {chinese}");
    }
}

#[test]
fn every_sentence_is_said_in_both_languages_and_read_back_from_its_facts() {
    let rules = RuleSet::load(&[] as &[PathBuf], &BTreeMap::new()).expect("built-in rules");
    let categories = ProjectCategories::new(&rules, [(String::from("MGT-1"), Some("fixed-asset"))]);
    let zh = Words::new(&rules, Lang::Zh, &categories);
    let en = Words::new(&rules, Lang::En, &categories);
    for said in samples() {
        let finding = Finding::new(Code::MissingDocument, said.clone())
            .project("MGT-1")
            .stage("permit")
            .document("construction-permit")
            .path("MGT-1/project.toml");
        let (chinese, english) = (zh.say(&finding), en.say(&finding));
        assert!(!chinese.is_empty() && !english.is_empty(), "{said:?}");
        assert_ne!(chinese, english, "{said:?}");
        assert!(
            chinese
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{chinese}"
        );
        let json = serde_json::to_string(&said).unwrap();
        let back: Said = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(back, said, "{json}");
    }
}

#[test]
fn documents_are_named_by_their_projects_category() {
    let rules = RuleSet::load(&[] as &[PathBuf], &BTreeMap::new()).expect("built-in rules");
    let categories = ProjectCategories::new(
        &rules,
        [
            (String::from("MGT-1"), Some("fixed-asset")),
            (String::from("MGT-2"), Some("equipment")),
        ],
    );
    let missing = |project: &str| {
        let said = ProjectSaid::MissingDocument {
            found: 0,
            needed: 1,
            unusable: Vec::new(),
        };
        Finding::new(Code::MissingDocument, said)
            .project(project)
            .stage("acceptance")
            .document("acceptance-report")
    };
    let zh = Words::new(&rules, Lang::Zh, &categories);
    assert_eq!(zh.say(&missing("MGT-1")), "缺少 竣工验收报告（竣工验收）");
    assert_eq!(zh.say(&missing("MGT-2")), "缺少 验收报告（竣工验收）");
    let en = Words::new(&rules, Lang::En, &categories).say(&missing("MGT-1"));
    assert!(en.starts_with("missing: "), "{en}");
    assert!(!en.contains("acceptance-report"), "named, not an id: {en}");
}
