//! Helpers shared by the CLI tests: running the binary, building archives in temp dirs.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use serde_json::Value;

/// The guicang binary, run from the crate root, with colour off.
pub fn guicang() -> Command {
    let mut cmd = Command::cargo_bin("guicang").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("GUICANG_NOW", "2026-11-30T08:00:00Z");
    cmd
}

/// Runs `guicang check ROOT --format json ARGS…`; returns the report and the exit code.
pub fn check_json(root: &Path, args: &[&str]) -> (Value, i32) {
    let output = guicang()
        .arg("check")
        .arg(root)
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("run guicang");
    let code = output.status.code().expect("exit code");
    let text = String::from_utf8(output.stdout).expect("utf-8 report");
    let report = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {text}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (report, code)
}

/// Writes `bytes` at `path`, creating folders.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folders");
    std::fs::write(path, bytes).expect("write file");
}

/// Writes a stand-in document at `root/rel`: a valid one-page PDF titled with its path, so
/// that no two are the same.
pub fn doc(root: &Path, rel: &str) {
    write(&root.join(rel), minimal_pdf(rel));
}

#[path = "../../examples/common/mod.rs"]
mod common;

pub use common::minimal_pdf;

/// Findings of the report as `(code, project, document)` triples, for codes in `codes`.
pub fn findings(report: &Value, codes: &[&str]) -> Vec<(String, String, String)> {
    codes.iter().for_each(|c| registered(c));
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| codes.contains(&f["code"].as_str().unwrap_or_default()))
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("project"), s("document"))
        })
        .collect()
}

/// Panics when `code` is no registered finding code: an assertion about a code that does
/// not exist could never fail.
pub fn registered(code: &str) {
    assert!(
        guicang::finding::Code::from_id(code).is_some(),
        "{code} is no finding code"
    );
}

/// The first finding of `code`, if any.
pub fn finding<'r>(report: &'r Value, code: &str) -> Option<&'r Value> {
    registered(code);
    report["findings"]
        .as_array()?
        .iter()
        .find(|f| f["code"] == code)
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target: PathBuf = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Runs `guicang check ROOT --format json` as an ordinary account would: when the tests run
/// as root, which reads any file whatever its permission bits, the capabilities that allow
/// that are dropped (`setpriv`), so that permission tests mean the same for everyone.
pub fn check_json_unprivileged(root: &Path) -> std::process::Output {
    let mut command = if is_root() {
        let mut c = StdCommand::new("setpriv");
        c.args(["--bounding-set=-dac_override,-dac_read_search", "--"])
            .arg(assert_cmd::cargo::cargo_bin("guicang"));
        c
    } else {
        StdCommand::new(assert_cmd::cargo::cargo_bin("guicang"))
    };
    command
        .arg("check")
        .arg(root)
        .args(["--format", "json"])
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        );
    command.output().expect("run guicang")
}

/// Whether the tests run as root (root reads folders without permission bits).
pub fn is_root() -> bool {
    StdCommand::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
