//! Shards and `guicang merge`: the demo archive swept whole and swept as N shards then
//! merged give the same report, byte for byte, in JSON and in the formats rendered from it;
//! each shard sweeps its own projects only; parts that do not fit are refused (exit 2)
//! naming the files.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{copy_tree, guicang, write};

/// Waivers of every kind: one of a project, one of a code anywhere (its findings fall in
/// several shards), one that covers nothing (only the merge can tell), one expired.
const CONFIG: &str = r#"
[[waiver]]
project = "MGT-2023-002"
code = "missing-document"
reason = "图纸在住建局存档"
approved_by = "县援疆办"

[[waiver]]
code = "temporary-file"
reason = "临时文件由档案员统一清理"
approved_by = "县援疆办"

[[waiver]]
project = "MGT-2023-009"
code = "unknown-project"
reason = "已撤销的项目"
approved_by = "县援疆办"

[[waiver]]
code = "corrupt-image"
reason = "旧扫描件"
approved_by = "县援疆办"
expires = 2025-01-31
"#;

/// The demo archive with the configuration above, in a temporary folder.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(Path::new("fixtures/demo-archive"), dir.path());
    write(&dir.path().join("guicang.toml"), CONFIG);
    dir
}

/// Runs `guicang ARGS…` and returns exit code, stdout and stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    let output = guicang().args(args).output().expect("run guicang");
    (
        output.status.code().expect("exit code"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Sweeps `root` (as shard `shard` when given) into `out`, `--no-cache`.
fn sweep(root: &Path, shard: Option<&str>, out: &Path) {
    let mut args = vec![
        "check",
        root.to_str().expect("utf-8"),
        "--no-cache",
        "-q",
        "-o",
        out.to_str().expect("utf-8"),
    ];
    if let Some(shard) = shard {
        args.extend(["--shard", shard]);
    }
    let (code, _, stderr) = run(&args);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
}

/// The shard reports `s1.json`… of `root` split in `n`, in `dir`.
fn shard_reports(root: &Path, n: u32, dir: &Path) -> Vec<PathBuf> {
    (1..=n)
        .map(|k| {
            let out = dir.join(format!("s{k}-of-{n}.json"));
            sweep(root, Some(&format!("{k}/{n}")), &out);
            out
        })
        .collect()
}

/// `guicang merge PARTS… -o OUT…`, asserting it ran; returns stderr.
fn merge(parts: &[PathBuf], outs: &[PathBuf]) -> String {
    let mut args: Vec<String> = vec!["merge".into()];
    args.extend(parts.iter().map(|p| p.display().to_string()));
    for out in outs {
        args.extend(["-o".to_string(), out.display().to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, stderr) = run(&args);
    assert!(code == 0 || code == 1, "merge exit {code}: {stderr}");
    stderr
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).expect("JSON report")
}

fn keys(report: &Value) -> Vec<String> {
    report["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .map(|p| p["key"].as_str().expect("key").to_string())
        .collect()
}

#[test]
fn shards_merged_give_the_report_of_one_sweep() {
    let archive = archive();
    let out = tempfile::tempdir().expect("temp dir");
    let whole = out.path().join("whole.json");
    sweep(archive.path(), None, &whole);
    let whole_report = json(&whole);
    // The waivers did their work in the whole sweep: something waived, one unused.
    let codes: Vec<&str> = whole_report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"waiver-unused"), "{codes:?}");
    assert!(codes.contains(&"waiver-expired"), "{codes:?}");
    assert!(whole_report["waived"].as_array().expect("waived").len() >= 2);
    for n in [1, 3, 5] {
        let dir = out.path().join(format!("n{n}"));
        std::fs::create_dir(&dir).expect("mkdir");
        let parts = shard_reports(archive.path(), n, &dir);
        // Each project in exactly one shard; the archive's own findings in the first only.
        let mut seen: Vec<String> = Vec::new();
        for (k, part) in parts.iter().enumerate() {
            let report = json(part);
            assert_eq!(report["run"]["shard"]["index"], k + 1);
            assert_eq!(report["run"]["shard"]["count"], n);
            seen.extend(keys(&report));
            let archive_findings = report["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .filter(|f| f["project"].is_null())
                .count();
            if k > 0 {
                assert_eq!(archive_findings, 0, "shard {}/{n}", k + 1);
            }
            assert!(
                !read(part).contains("waiver-unused"),
                "a shard cannot tell a waiver unused"
            );
        }
        let mut all = keys(&whole_report);
        all.sort();
        seen.sort();
        assert_eq!(seen, all, "{n} shards");
        // Reversed order on the command line: the merge sorts by shard.
        let reversed: Vec<PathBuf> = parts.iter().rev().cloned().collect();
        let merged = dir.join("merged.json");
        merge(&reversed, std::slice::from_ref(&merged));
        assert_eq!(read(&merged), read(&whole), "{n} shards merged");
    }
}

#[test]
fn a_merge_writes_every_format_as_the_sweep_does() {
    let archive = archive();
    let out = tempfile::tempdir().expect("temp dir");
    let formats = ["md", "html", "sarif", "xml", "txt"];
    let whole: Vec<PathBuf> = formats
        .iter()
        .map(|ext| out.path().join(format!("whole.{ext}")))
        .collect();
    let mut args = vec![
        "check",
        archive.path().to_str().expect("utf-8"),
        "--no-cache",
        "-q",
    ];
    for path in &whole {
        args.extend(["-o", path.to_str().expect("utf-8")]);
    }
    let (code, _, stderr) = run(&args);
    assert_eq!(code, 1, "{stderr}");
    let parts = shard_reports(archive.path(), 3, out.path());
    let merged: Vec<PathBuf> = formats
        .iter()
        .map(|ext| out.path().join(format!("merged.{ext}")))
        .collect();
    merge(&parts, &merged);
    for (a, b) in whole.iter().zip(&merged) {
        assert_eq!(read(a), read(b), "{}", b.display());
    }
    // The workbook: the same sheets and cells.
    let (xa, xb) = (
        out.path().join("whole.xlsx"),
        out.path().join("merged.xlsx"),
    );
    sweep(archive.path(), None, &xa);
    merge(&parts, std::slice::from_ref(&xb));
    assert_eq!(sheets(&xa), sheets(&xb));
    // And the exit code is the sweep's: the demo archive has errors.
    let mut args: Vec<&str> = vec!["merge", "--format", "json"];
    args.extend(parts.iter().map(|p| p.to_str().expect("utf-8")));
    assert_eq!(run(&args).0, 1);
}

/// Every sheet of a workbook as rows of cell texts.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(path).expect("xlsx");
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).expect("sheet");
            let rows = range
                .rows()
                .map(|r| r.iter().map(ToString::to_string).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn parts_that_do_not_fit_are_refused_naming_the_files() {
    let archive = archive();
    let out = tempfile::tempdir().expect("temp dir");
    let parts = shard_reports(archive.path(), 3, out.path());
    let p = |i: usize| parts[i].to_str().expect("utf-8").to_string();
    let refused = |args: &[&str], needles: &[&str]| {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "{args:?}: {needle} not in {stderr}"
            );
        }
    };
    // A shard twice, and a shard of another split.
    refused(&["merge", &p(0), &p(1), &p(1)], &["overlap", "shard 2/3"]);
    let other = out.path().join("other.json");
    sweep(archive.path(), Some("1/2"), &other);
    refused(
        &["merge", &p(0), &p(1), &p(2), other.to_str().unwrap()],
        &["different splits", "1/2"],
    );
    // A shard of another archive (a copy, under the same rules and configuration).
    let copy = tempfile::tempdir().expect("temp dir");
    copy_tree(archive.path(), copy.path());
    let elsewhere = out.path().join("elsewhere.json");
    sweep(copy.path(), Some("3/3"), &elsewhere);
    refused(
        &["merge", &p(0), &p(1), elsewhere.to_str().unwrap()],
        &["different archive roots", "elsewhere.json"],
    );
    // A shard whose report was edited to a shard out of bounds.
    let edited = out.path().join("edited.json");
    write(
        &edited,
        read(&parts[2]).replacen("\"index\": 3", "\"index\": 4", 1),
    );
    refused(
        &["merge", &p(0), &p(1), edited.to_str().unwrap()],
        &["edited.json", "not a shard"],
    );
    // A shard missing.
    refused(&["merge", &p(0), &p(2)], &["shard 2/3 missing"]);
    // Different rules: one shard swept with a threshold changed.
    let changed = tempfile::tempdir().expect("temp dir");
    copy_tree(archive.path(), changed.path());
    write(
        &changed.path().join("guicang.toml"),
        format!("{CONFIG}\n[thresholds]\nidle_funds_days = 200\n"),
    );
    let odd = out.path().join("odd.json");
    sweep(changed.path(), Some("3/3"), &odd);
    refused(
        &["merge", &p(0), &p(1), odd.to_str().unwrap()],
        &["different rules", "odd.json"],
    );
    // Merge's own rules must be the sweeps': the same reports, another configuration.
    let config = out.path().join("other.toml");
    write(&config, "[thresholds]\nidle_funds_days = 200\n");
    refused(
        &[
            "merge",
            &p(0),
            &p(1),
            &p(2),
            "--config",
            config.to_str().unwrap(),
        ],
        &["--rules and --config"],
    );
    // Not a report, and a report of another shape version: a later one, or one of
    // version 1, whose findings carry no facts, of version 2, whose unreadable ledgers give
    // their reason as a sentence, of version 3, whose stopped parsers say why in English, or
    // of version 4, whose unreadable files say why in English, or of version 5, whose
    // unreadable folders and manifests say why in English.
    let junk = out.path().join("junk.json");
    write(&junk, "{\"hello\": 1}");
    refused(
        &["merge", junk.to_str().unwrap()],
        &["junk.json", "not a JSON report"],
    );
    // A finding whose sentence no guicang says (edited by hand): named, with the file.
    let unknown = out.path().join("unknown-said.json");
    let original = read(&parts[0]);
    let edited = original.replacen(
        "\"said\": \"missing-document\"",
        "\"said\": \"missing-widget\"",
        1,
    );
    assert_ne!(edited, original, "the shard has a missing document to edit");
    write(&unknown, edited);
    refused(
        &["merge", unknown.to_str().unwrap()],
        &[
            "unknown-said.json",
            "no kind of finding says \"missing-widget\"",
        ],
    );
    for version in [9, 1, 2, 3, 4, 5] {
        let name = format!("version-{version}.json");
        let other = out.path().join(&name);
        write(
            &other,
            read(&parts[0]).replacen("\"version\": 6", &format!("\"version\": {version}"), 1),
        );
        refused(
            &["merge", other.to_str().unwrap()],
            &[name.as_str(), &format!("version {version}")],
        );
    }
    // Nothing is written when refused.
    let report = out.path().join("never.json");
    refused(
        &["merge", &p(0), &p(2), "-o", report.to_str().unwrap()],
        &["missing"],
    );
    assert!(!report.exists());
}

#[test]
fn a_shard_value_is_checked() {
    let archive = archive();
    for bad in ["0/3", "4/3", "three"] {
        let (code, _, stderr) = run(&["check", archive.path().to_str().unwrap(), "--shard", bad]);
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stderr.contains("K/N"), "{stderr}");
    }
}

#[test]
fn shards_record_into_one_history_and_the_merge_as_one_sweep() {
    let archive = archive();
    let out = tempfile::tempdir().expect("temp dir");
    let db = out.path().join("history.db");
    let db = db.to_str().unwrap();
    let root = archive.path().to_str().unwrap();
    let mut parts = Vec::new();
    for k in 1..=3 {
        let part = out.path().join(format!("s{k}.json"));
        let shard = format!("{k}/3");
        let (code, _, stderr) = run(&[
            "check",
            root,
            "--no-cache",
            "-q",
            "--shard",
            &shard,
            "--record",
            db,
            "-o",
            part.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{stderr}");
        parts.push(part);
    }
    let mut args = vec!["merge", "--record", db, "--format", "json"];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    assert_eq!(run(&args).0, 1);
    let (code, stdout, stderr) = run(&["history", "--db", db, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let history: Value = serde_json::from_str(&stdout).expect("JSON");
    let shards: Vec<Value> = history["sweeps"]
        .as_array()
        .expect("sweeps")
        .iter()
        .map(|s| s["shard"].clone())
        .collect();
    assert_eq!(
        shards,
        [
            Value::from("1/3"),
            Value::from("2/3"),
            Value::from("3/3"),
            Value::Null
        ]
    );
}

/// Runs `guicang ARGS…` in folder `dir` and returns exit code and stderr.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = guicang()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run guicang");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().expect("exit code"), stderr)
}

#[test]
fn shards_of_a_relative_root_merge_from_any_folder() {
    let archive = archive();
    let out = tempfile::tempdir().expect("temp dir");
    let whole = out.path().join("whole.json");
    let whole_arg = whole.to_str().unwrap();
    let (code, stderr) = run_in(
        archive.path(),
        &["check", ".", "--no-cache", "-q", "-o", whole_arg],
    );
    assert_eq!(code, 1, "{stderr}");
    let mut parts = Vec::new();
    for k in 1..=3 {
        let part = out.path().join(format!("s{k}.json"));
        let shard = format!("{k}/3");
        let part_arg = part.to_str().unwrap();
        let args = [
            "check",
            ".",
            "--no-cache",
            "-q",
            "--shard",
            &shard,
            "-o",
            part_arg,
        ];
        let (code, stderr) = run_in(archive.path(), &args);
        assert!(code == 0 || code == 1, "{stderr}");
        parts.push(part);
    }
    // Merged in another folder: the configuration (and its waivers) is the archive's.
    let merged = out.path().join("merged.json");
    let mut args = vec!["merge", "-o", merged.to_str().unwrap()];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    let (code, stderr) = run_in(out.path(), &args);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(read(&whole), read(&merged));
    assert!(read(&merged).contains("waiver-unused"));
    assert!(!read(&merged).contains("swept_root"));
}

#[test]
fn the_sweeps_baseline_sets_apart_what_the_merge_finds() {
    let archive = archive();
    let out = tempfile::tempdir().expect("temp dir");
    let root = archive.path().to_str().unwrap();
    let baseline = out.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let (code, _, stderr) = run(&[
        "check",
        root,
        "--no-cache",
        "-q",
        "--write-baseline",
        baseline,
    ]);
    assert_eq!(code, 1, "{stderr}");
    let whole = out.path().join("whole.json");
    let mut args = vec!["check", root, "--no-cache", "-q", "--baseline", baseline];
    args.extend(["-o", whole.to_str().unwrap()]);
    let (code, _, stderr) = run(&args);
    assert_eq!(code, 0, "everything is in the baseline: {stderr}");
    let mut parts = Vec::new();
    for k in 1..=2 {
        let part = out.path().join(format!("s{k}.json"));
        let shard = format!("{k}/2");
        let mut args = vec!["check", root, "--no-cache", "-q", "--baseline", baseline];
        args.extend(["--shard", &shard, "-o", part.to_str().unwrap()]);
        let (code, _, stderr) = run(&args);
        assert_eq!(code, 0, "{stderr}");
        parts.push(part);
    }
    let merged = out.path().join("merged.json");
    let mut args = vec!["merge", "-o", merged.to_str().unwrap()];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    let (code, _, stderr) = run(&args);
    // The unused waiver's finding, made by the merge, is in the baseline as in the sweep.
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(read(&whole), read(&merged));
    // A baseline that cannot be read where merge runs is refused, not left out.
    std::fs::remove_file(baseline).expect("remove");
    let (code, _, stderr) = run(&args);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("baseline"), "{stderr}");
}
