//! Times recording one sweep of N findings (default 10^5) into the history: a SQLite file
//! in a temporary folder, and a PostgreSQL database when a URL is given. Prints a
//! markdown table (README "Speed"; run by `scripts/bench.sh`).
//!
//! `cargo run --release --example history_record -- [N] [postgres://…]`

use std::time::Instant;

use guicang::history::Store;
use guicang::history::record::{FindingRecord, ProjectRecord, SweepRecord};

/// A sweep of `findings` findings over `findings / 20` projects, with real-sized rows.
fn sweep(findings: usize) -> SweepRecord {
    let projects = (findings / 20).max(1);
    let key = |p: usize| format!("MGT-2023-{p:05}");
    SweepRecord {
        at: "2026-11-30T08:00:00Z".into(),
        root: "/srv/援疆档案".into(),
        shard: None,
        guicang_version: env!("CARGO_PKG_VERSION").into(),
        rules_version: "0123456789abcdef".into(),
        summary: r#"{"projects":1,"files":1,"required":1,"present":1,"errors":1,"warnings":0,"infos":0}"#.into(),
        projects: (0..projects)
            .map(|p| ProjectRecord {
                key: key(p),
                code: Some(key(p)),
                name: Some(format!("麦盖提县第{p}小学教学楼建设项目")),
                category: Some("fixed-asset".into()),
                status: Some("in-progress".into()),
                unit: Some(format!("麦盖提县第{}局", p % 12)),
                importance: Some("重点".into()),
                maturity: None,
                completeness: Some(0.9),
                required: 44,
                present: 40,
                errors: 4,
                warnings: 16,
                contacts: vec!["张伟".into(), "阿卜杜拉·艾则孜".into()],
            })
            .collect(),
        findings: (0..findings)
            .map(|i| {
                let project = key(i % projects);
                let path = format!("2023/固投类/{project} 项目/03 施工许可/文件{i}.pdf");
                FindingRecord {
                    identity: format!(r#"["missing-document","{project}","doc-{i}",null]"#),
                    code: "missing-document".into(),
                    severity: "error".into(),
                    project: Some(project.clone()),
                    stage: Some("permit".into()),
                    document: Some(format!("doc-{i}")),
                    path: Some(path.clone()),
                    message: "缺少 建筑工程施工许可证（施工许可）".into(),
                    detail: format!(
                        r#"{{"code":"missing-document","severity":"error","project":"{project}","stage":"permit","document":"doc-{i}","paths":["{path}"],"message":"缺少 建筑工程施工许可证（施工许可）"}}"#
                    ),
                }
            })
            .collect(),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let findings: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let postgres = args.next();
    let record = sweep(findings);
    let dir = tempfile_dir();
    let sqlite = format!("{dir}/history.db");
    let mut targets = vec![("SQLite", sqlite)];
    if let Some(url) = postgres {
        targets.push(("PostgreSQL", url));
    }
    println!("| database | findings | first sweep (schema created) | second sweep |");
    println!("|---|---|---|---|");
    for (name, target) in targets {
        let mut times = Vec::new();
        for _ in 0..2 {
            let start = Instant::now();
            let mut store = Store::open(&target).expect("open the history");
            store.record(&record).expect("record");
            times.push(start.elapsed().as_secs_f64());
        }
        println!(
            "| {name} | {findings} | {:.2} s | {:.2} s |",
            times[0], times[1]
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fresh temporary folder (no dev-dependency needed in an example).
fn tempfile_dir() -> String {
    let dir = std::env::temp_dir().join(format!("guicang-history-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir.display().to_string()
}
