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
