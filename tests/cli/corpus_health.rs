//! Every real-world corpus file (`fixtures/corpus`, with `MANIFEST.tsv` saying what each is)
//! copied into a project folder and swept: each gets the health finding its manifest
//! expects, and nothing panics.

use std::collections::HashMap;

use serde_json::Value;

use crate::support::{check_json, write};

const HEALTH: &[&str] = &[
    "empty-file",
    "unreadable-file",
    "format-mismatch",
    "corrupt-pdf",
    "encrypted-pdf",
    "corrupt-image",
    "corrupt-spreadsheet",
    "corrupt-office",
    "encrypted-office",
    "file-skipped-too-large",
    "file-check-timeout",
];

/// The health codes a file may get, by the first words of its manifest's `expected`.
fn accepted(file: &str, expected: &str) -> &'static [&'static str] {
    let pdf = file.ends_with(".pdf");
    match expected {
        e if e.starts_with("valid")
            || e.starts_with("csv")
            || e.starts_with("non-standard but readable") =>
        {
            &[]
        }
        e if e.starts_with("old format") => &[],
        e if e.starts_with("encrypted") && pdf => &["encrypted-pdf"],
        e if e.starts_with("encrypted") => &["encrypted-office"],
        // Damage a reader can work around: reported as damage, or not at all.
        e if e.starts_with("damaged") && pdf => &["", "corrupt-pdf"],
        e if e.starts_with("damaged") => &["", "corrupt-spreadsheet"],
        e if (e.starts_with("corrupt") || e.starts_with("not a pdf")) && pdf => &["corrupt-pdf"],
        e if e.starts_with("corrupt") => &["corrupt-spreadsheet"],
        // Hostile content inside a sound container: a document check need not parse it.
        e if e.starts_with("hostile") => &["", "corrupt-spreadsheet"],
        e if e.starts_with("empty file") => &["empty-file"],
        _ => &["?"],
    }
}

#[test]
fn every_corpus_file_gets_the_health_finding_its_manifest_expects() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("MGT-2023-001 语料");
    write(
        &project.join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"in-progress\"\n",
    );
    let manifest = std::fs::read_to_string("fixtures/corpus/MANIFEST.tsv").unwrap();
    let entries: Vec<(String, String)> = manifest
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.len() >= 7).then(|| (cols[0].to_string(), cols[6].to_string()))
        })
        .collect();
    assert!(entries.len() >= 80, "the manifest lists the corpus");
    for (file, _) in &entries {
        let name = file.rsplit('/').next().unwrap();
        std::fs::copy(format!("fixtures/corpus/{file}"), project.join(name)).unwrap();
    }
    // A copy named as a document, so that its page count is kept with its evidence.
    std::fs::copy(
        "fixtures/corpus/pdf/GeoTopo-komprimiert.pdf",
        project.join("可行性研究报告.pdf"),
    )
    .unwrap();
    let (report, _) = check_json(dir.path(), &[]);
    let mut found: HashMap<String, Vec<String>> = HashMap::new();
    for f in report["findings"].as_array().unwrap() {
        if HEALTH.contains(&f["code"].as_str().unwrap()) {
            let name = f["paths"][0]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            found
                .entry(name)
                .or_default()
                .push(f["code"].as_str().unwrap().to_string());
        }
    }
    let mut failures = Vec::new();
    for (file, expected) in &entries {
        let name = file.rsplit('/').next().unwrap();
        let codes: Vec<String> = found.get(name).cloned().unwrap_or_default();
        assert!(
            codes.len() <= 1,
            "{name}: one finding per file, got {codes:?}"
        );
        let got = codes.first().map_or("", String::as_str);
        let ok = accepted(file, expected);
        if !(ok.contains(&got) || ok.is_empty() && got.is_empty()) {
            failures.push(format!(
                "{file}: expected one of {ok:?} for {expected:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let pages = pages_of(&report, "可行性研究报告.pdf");
    assert_eq!(pages, Some(117), "page counts are kept for the report");
}

fn pages_of(report: &Value, name: &str) -> Option<u64> {
    for project in report["projects"].as_array()? {
        for stage in project["stages"].as_object()?.values() {
            for doc in stage["documents"].as_array()? {
                if let Some(pages) = doc.get("pages").and_then(Value::as_object) {
                    for (path, n) in pages {
                        if path.ends_with(name) {
                            return n.as_u64();
                        }
                    }
                }
            }
        }
    }
    None
}
