//! guicang never writes into the archive it checks: content and modification times of every
//! file, and the list of files, are the same before and after a sweep.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::support::{check_json, copy_tree};

fn snapshot(root: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.expect("walk"))
        .map(|e| {
            let meta = e.metadata().expect("metadata");
            let content = if e.file_type().is_file() {
                std::fs::read(e.path()).expect("read")
            } else {
                Vec::new()
            };
            (
                e.path().display().to_string(),
                (content, meta.modified().expect("mtime")),
            )
        })
        .collect()
}

#[test]
fn a_sweep_leaves_the_archive_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(Path::new("fixtures/demo-archive"), dir.path());
    let before = snapshot(dir.path());
    let (report, _) = check_json(dir.path(), &[]);
    assert!(report["summary"]["files"].as_u64().unwrap() > 100);
    assert_eq!(snapshot(dir.path()), before);
}

/// The sweep also runs on an archive it has no right to write to (a read-only share): with
/// every write bit removed and, as root, the capability to override them dropped.
#[cfg(unix)]
#[test]
fn a_sweep_runs_on_a_tree_without_write_permission() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(Path::new("fixtures/demo-archive"), dir.path());
    let set_modes = |file_mode: u32, dir_mode: u32| {
        for entry in walkdir::WalkDir::new(dir.path()).contents_first(true) {
            let entry = entry.expect("walk");
            let mode = if entry.file_type().is_dir() {
                dir_mode
            } else {
                file_mode
            };
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))
                .expect("chmod");
        }
    };
    set_modes(0o444, 0o555);
    let before = snapshot(dir.path());
    let output = crate::support::check_json_unprivileged(dir.path());
    let after = snapshot(dir.path());
    set_modes(0o644, 0o755);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(report["summary"]["files"].as_u64().unwrap() > 100);
    assert!(
        !report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "unreadable-file" || f["code"] == "unreadable-folder")
    );
    assert_eq!(after, before);
}
