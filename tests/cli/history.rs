//! The history of sweeps, against real databases: SQLite files in temporary folders and a
//! PostgreSQL server the tests start themselves ([`crate::pg`]). An archive is swept,
//! changed as a clerk changes it, and swept again; `guicang history` must name exactly
//! what was resolved and what is new. `--split-by` is here too: each person their list.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::pg::PgServer;
use crate::support::{doc, guicang, write};

/// Two projects with units and contact persons; one non-fixed project with most of its
/// documents, one planned equipment project with its plan only.
pub(crate) fn archive(root: &Path) {
    write(
        &root.join("NF-2024-001 培训/project.toml"),
        "code = \"NF-2024-001\"\ncategory = \"non-fixed\"\nstatus = \"in-progress\"\n\
         implementing_unit = \"县教育局\"\ncontacts = [\"张伟\", \"李娜\"]\n",
    );
    for name in [
        "立项批复.pdf",
        "培训实施方案.pdf",
        "经费预算.pdf",
        "培训通知.pdf",
        "签到表.pdf",
    ] {
        doc(root, &format!("NF-2024-001 培训/{name}"));
    }
    write(
        &root.join("EQ-2024-002 设备/project.toml"),
        "code = \"EQ-2024-002\"\ncategory = \"equipment\"\nstatus = \"planned\"\n\
         implementing_unit = \"县卫健委\"\ncontacts = [\"李娜\"]\n",
    );
    doc(root, "EQ-2024-002 设备/设备购置实施方案.pdf");
}

/// What the clerk does between the two sweeps: files the invoice, loses the sign-in sheets,
/// and the plan is approved.
pub(crate) fn change(root: &Path) {
    doc(root, "NF-2024-001 培训/增值税发票.pdf");
    std::fs::remove_file(root.join("NF-2024-001 培训/签到表.pdf")).unwrap();
    doc(root, "EQ-2024-002 设备/立项批复.pdf");
}

/// Of the changes `guicang history` shows after [`change`]: the invoice is the one missing
/// document resolved, the sign-in sheets the one new.
pub(crate) fn assert_invoice_resolved_sign_in_new(changes: &Value) {
    let pair = |p: &str, d: &str| (p.to_string(), d.to_string());
    assert_eq!(
        missing(&changes["resolved"]),
        BTreeSet::from([pair("NF-2024-001", "invoice")])
    );
    assert_eq!(
        missing(&changes["new"]),
        BTreeSet::from([pair("NF-2024-001", "sign-in-sheets")])
    );
}

/// `guicang check ROOT --record DB` at time `at`; returns the exit code.
pub(crate) fn record(root: &Path, db: &str, at: &str) -> i32 {
    let output = guicang()
        .args([
            "check",
            root.to_str().unwrap(),
            "--record",
            db,
            "-q",
            "--format",
            "json",
        ])
        .env("GUICANG_NOW", at)
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    assert!(code < 2, "{}", String::from_utf8_lossy(&output.stderr));
    code
}

/// `guicang history --db DB --format json`.
pub(crate) fn history(db: &str, args: &[&str]) -> Value {
    let output = guicang()
        .args(["history", "--db", db, "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// `(project, document)` of the missing-document findings of a list.
fn missing(list: &Value) -> BTreeSet<(String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "missing-document")
        .map(|f| {
            (
                f["project"].as_str().unwrap().to_string(),
                f["document"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Sweeps, files one missing document and loses a present one, sweeps again, and checks
/// what the history says; `db` is a SQLite file or a PostgreSQL URL.
fn sweep_change_sweep(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    record(&root, db, "2026-11-02T08:00:00Z");
    change(&root);
    record(&root, db, "2026-11-30T08:00:00Z");

    let view = history(db, &[]);
    assert_eq!(view["sweeps"].as_array().unwrap().len(), 2);
    let resolved = root.canonicalize().unwrap();
    assert_eq!(view["sweeps"][1]["root"], resolved.to_str().unwrap());
    let changes = &view["changes"];
    assert_eq!(
        (changes["from"].as_i64(), changes["to"].as_i64()),
        (Some(1), Some(2))
    );
    assert_invoice_resolved_sign_in_new(changes);
    let persisting = changes["persisting"].as_array().unwrap();
    assert!(!persisting.is_empty());
    for f in persisting {
        assert_eq!(f["first_seen"], "2026-11-02T08:00:00Z");
        assert_eq!(f["days_open"], 28);
    }
    let unit = view["by_unit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "县教育局")
        .expect("the unit");
    assert_eq!(unit["resolved"], 1);
    assert_eq!(unit["new"], 1);
    let li_na = view["by_contact"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["contact"] == "李娜")
        .expect("a contact of both projects");
    assert_eq!(li_na["resolved"], 1);
    let changed = &view["maturity_changes"][0];
    assert_eq!(changed["project"], "EQ-2024-002");
    assert_eq!(
        (changed["from"].as_str(), changed["to"].as_str()),
        (Some("preparing"), Some("ready"))
    );
    // Every format renders; the page draws the completeness chart inline.
    for format in ["text", "markdown", "html"] {
        let output = guicang()
            .args(["history", "--db", db, "--format", format, "--lang", "en"])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.contains("sign-in-sheets") || text.contains("签到"),
            "{format}: {text}"
        );
        if format == "html" {
            assert!(
                text.contains("<svg") && text.contains("<polyline"),
                "{text}"
            );
        }
    }
}

#[test]
fn sqlite_history_names_what_was_resolved_and_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    sweep_change_sweep(dir.path().join("history.db").to_str().unwrap());
}

#[test]
fn postgres_history_names_what_was_resolved_and_what_is_new() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = server.database("history");
    sweep_change_sweep(&url);
    // A column another tool changed is an error naming the database, not a crash.
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client
        .batch_execute(
            "DROP VIEW latest_findings; DROP VIEW latest_sweeps; \
             ALTER TABLE sweeps ALTER COLUMN shard TYPE integer USING NULL",
        )
        .unwrap();
    let output = guicang().args(["history", "--db", &url]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("127.0.0.1"), "{stderr}");
}

#[test]
fn a_postgres_database_of_another_program_is_refused_and_left_alone() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let url = server.database("erp");
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client
        .batch_execute("CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (7);")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let output = guicang()
        .args(["check", root.to_str().unwrap(), "--record", &url, "-q"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not a guicang history") && stderr.contains("invoices"),
        "{stderr}"
    );
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        tables, 1,
        "nothing created beside the other program's table"
    );
}

#[test]
fn sweeps_recording_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let sqlite = dir.path().join("h.db").display().to_string();
    let server = PgServer::start();
    let mut targets = vec![sqlite];
    if let Some(server) = &server {
        targets.push(server.database("together"));
    }
    for db in &targets {
        let children: Vec<_> = (0..3)
            .map(|_| {
                std::process::Command::new(assert_cmd::cargo::cargo_bin("guicang"))
                    .args([
                        "check",
                        root.to_str().unwrap(),
                        "--record",
                        db,
                        "-q",
                        "--format",
                        "json",
                    ])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.code().unwrap() < 2,
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert_eq!(
            history(db, &[])["sweeps"].as_array().unwrap().len(),
            3,
            "{db}"
        );
    }
}

#[test]
fn a_database_guicang_cannot_use_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let run = |db: &str| {
        guicang()
            .args(["check", root.to_str().unwrap(), "--record", db, "-q"])
            .output()
            .unwrap()
    };
    // Another program's SQLite database.
    let other = dir.path().join("other.db");
    let connection = rusqlite::Connection::open(&other).unwrap();
    connection
        .execute_batch("CREATE TABLE invoices (id INTEGER)")
        .unwrap();
    drop(connection);
    let before = std::fs::read(&other).unwrap();
    let output = run(other.to_str().unwrap());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not a guicang history") && stderr.contains("invoices"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&other).unwrap(), before, "nothing written");
    // A history of a newer schema.
    let newer = dir.path().join("newer.db");
    let connection = rusqlite::Connection::open(&newer).unwrap();
    connection
        .execute_batch(
            "CREATE TABLE guicang_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO guicang_meta VALUES ('schema_version', '99');",
        )
        .unwrap();
    drop(connection);
    let output = run(newer.to_str().unwrap());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("version 99"));
    // Not a database at all.
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "会议纪要\n".repeat(200)).unwrap();
    let output = run(text.to_str().unwrap());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "会议纪要\n".repeat(200)
    );
    // Inside the archive.
    let inside = root.join("history.db");
    let output = run(inside.to_str().unwrap());
    assert_eq!(output.status.code(), Some(2));
    assert!(!inside.exists());
    // A server that cannot be reached: named, its password masked.
    let output = run("postgres://guicang:s3cret@127.0.0.1:1/history");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("postgres://guicang:***@127.0.0.1:1/history"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
    // Reading a history that does not exist.
    let output = guicang()
        .args([
            "history",
            "--db",
            dir.path().join("none.db").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("none.db").exists());
}

/// `guicang check ROOT --split-by BY --out-dir DIR ARGS…`.
fn split(root: &Path, by: &str, dir: &Path, args: &[&str]) -> std::process::Output {
    guicang()
        .arg("check")
        .arg(root)
        .args(["--split-by", by, "--out-dir"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn split_by_contact_gives_each_person_exactly_their_projects() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    doc(&root, "XX-2024-003 无人/实施方案.pdf");
    let out = dir.path().join("lists");
    let output = split(&root, "contact", &out, &["--format", "json", "-q"]);
    assert!(
        output.status.code().unwrap() < 2,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let projects = |file: &str| -> BTreeSet<String> {
        let report: Value =
            serde_json::from_slice(&std::fs::read(out.join(file)).unwrap()).unwrap();
        for f in report["findings"].as_array().unwrap() {
            assert!(f["project"].is_string(), "only the person's projects: {f}");
        }
        report["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["key"].as_str().unwrap().to_string())
            .collect()
    };
    let set = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(projects("张伟.json"), set(&["NF-2024-001"]));
    assert_eq!(projects("李娜.json"), set(&["NF-2024-001", "EQ-2024-002"]));
    assert_eq!(projects("未填写包联人.json"), set(&["XX-2024-003"]));
    let files = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(files, 3);
    // By unit, in the default format (xlsx).
    let by_unit = dir.path().join("units");
    let output = split(&root, "unit", &by_unit, &["-q"]);
    assert!(output.status.code().unwrap() < 2);
    assert!(by_unit.join("县教育局.xlsx").is_file());
    assert!(by_unit.join("县卫健委.xlsx").is_file());
    // Never into the archive.
    let output = split(&root, "unit", &root.join("lists"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !root.join("lists").exists(),
        "no folder made in the archive"
    );
    // Nor by going up from a folder not yet made: new/../ARCHIVE/lists.
    let archive_name = root.file_name().unwrap();
    let sneaky = dir
        .path()
        .join("new")
        .join("..")
        .join(archive_name)
        .join("lists");
    let output = split(&root, "unit", &sneaky, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !root.join("lists").exists(),
        "no folder made in the archive"
    );
    assert!(!dir.path().join("new").exists());
}

#[test]
fn the_history_markdown_escapes_what_the_archive_names() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    archive(&root);
    let db = dir.path().join("h.db");
    let db = db.to_str().unwrap();
    record(&root, db, "2026-11-02T08:00:00Z");
    doc(
        &root,
        "NF-2024-001 培训/<img src=x>[click](https://evil)|.pdf",
    );
    record(&root, db, "2026-11-30T08:00:00Z");
    let output = guicang()
        .args(["history", "--db", db, "--format", "markdown"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(markdown.contains("&lt;img src=x&gt;"), "{markdown}");
    assert!(!markdown.contains("<img"), "{markdown}");
    assert!(!markdown.contains("[click](https"), "{markdown}");
}
