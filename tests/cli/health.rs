//! File health in a sweep: what makes a file unusable evidence, one finding per file, and
//! the limits that keep a pathological file from stalling the run.

use std::path::Path;

use serde_json::Value;

use crate::support::{check_json, check_json_unprivileged, doc, minimal_pdf, write};

const PROJECT: &str = "MGT-2023-001 教学楼";

fn project(root: &Path) {
    write(
        &root.join(PROJECT).join("project.toml"),
        "category = \"fixed-asset\"\nstatus = \"in-progress\"\nconstruction = \"new\"\n",
    );
}

fn with_code<'r>(report: &'r Value, code: &str) -> Vec<&'r Value> {
    // A misspelt code would make every assertion on it vacuous.
    assert!(
        guicang::finding::Code::from_id(code).is_some(),
        "{code} is no finding code"
    );
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

fn missing(report: &Value, document: &str) -> Option<Value> {
    with_code(report, "missing-document")
        .into_iter()
        .find(|f| f["document"] == document)
        .cloned()
}

#[test]
fn an_empty_file_is_an_error_when_it_is_the_only_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    write(
        &root.join(PROJECT).join("01 可研立项/可行性研究报告.pdf"),
        b"",
    );
    write(&root.join(PROJECT).join("01 可研立项/可研批复.pdf"), b"");
    doc(
        root,
        &format!("{PROJECT}/01 可研立项/可研批复（盖章版）.pdf"),
    );
    let (report, _) = check_json(root, &[]);
    let empty = with_code(&report, "empty-file");
    let severity = |name: &str| {
        empty
            .iter()
            .find(|f| f["paths"][0].as_str().unwrap().ends_with(name))
            .map(|f| f["severity"].clone())
    };
    assert_eq!(
        severity("可行性研究报告.pdf"),
        Some("error".into()),
        "the only evidence"
    );
    assert_eq!(
        severity("可研批复.pdf"),
        Some("warning".into()),
        "another copy is sound"
    );
    let gone = missing(&report, "feasibility-report").expect("an empty file is no evidence");
    assert!(
        gone["message"]
            .as_str()
            .unwrap()
            .contains("可行性研究报告.pdf"),
        "{gone}"
    );
    assert!(missing(&report, "feasibility-approval").is_none());
}

#[test]
fn a_photo_saved_as_pdf_is_misnamed_but_still_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    write(
        &root.join(PROJECT).join("施工许可证.pdf"),
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\xFF\xD9",
    );
    let (report, _) = check_json(root, &[]);
    let f = with_code(&report, "format-mismatch");
    assert_eq!(f.len(), 1);
    assert!(
        f[0]["message"].as_str().unwrap().contains("JPEG"),
        "{}",
        f[0]
    );
    assert!(
        with_code(&report, "corrupt-pdf").is_empty(),
        "one finding per file"
    );
    assert!(
        missing(&report, "construction-permit").is_none(),
        "the content is there"
    );
}

#[test]
fn truncated_pdfs_and_photos_are_unusable() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    let pdf = minimal_pdf("开工报告");
    write(
        &root.join(PROJECT).join("开工报告.pdf"),
        &pdf[..pdf.len() / 2],
    );
    write(
        &root.join(PROJECT).join("施工前照片/IMG_1.jpg"),
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x02",
    );
    let (report, _) = check_json(root, &[]);
    assert_eq!(with_code(&report, "corrupt-pdf").len(), 1);
    assert_eq!(with_code(&report, "corrupt-image").len(), 1);
    assert!(missing(&report, "commencement-order").is_some());
    assert!(missing(&report, "photos-before").is_some());
}

#[test]
fn duplicates_are_found_only_within_a_project_and_confirmed_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    let same = minimal_pdf("同一份");
    write(&root.join(PROJECT).join("01 可研立项/可研批复.pdf"), &same);
    write(
        &root.join(PROJECT).join("06 资金拨付/可研批复(1).pdf"),
        &same,
    );
    let mut other = same.clone();
    let last = other.len() - 8;
    other[last] ^= 1; // same size, different content
    write(&root.join(PROJECT).join("可研报告.pdf"), &other);
    write(
        &root.join("MGT-2023-002 其他/project.toml"),
        "category = \"fixed-asset\"\nstatus = \"in-progress\"\n",
    );
    write(&root.join("MGT-2023-002 其他/可研批复.pdf"), &same);
    let (report, _) = check_json(root, &[]);
    let dups = with_code(&report, "duplicate-file");
    assert_eq!(dups.len(), 1, "{dups:#?}");
    assert_eq!(
        dups[0]["paths"][0],
        format!("{PROJECT}/06 资金拨付/可研批复(1).pdf")
    );
    assert_eq!(
        dups[0]["paths"][1],
        format!("{PROJECT}/01 可研立项/可研批复.pdf")
    );
}

#[cfg(unix)]
#[test]
fn links_are_not_followed_and_unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    doc(root, &format!("{PROJECT}/开工报告.pdf"));
    std::os::unix::fs::symlink(root.join(PROJECT), root.join(PROJECT).join("循环")).unwrap();
    std::os::unix::fs::symlink(
        "/no/such/file.pdf",
        root.join(PROJECT).join("施工许可证.pdf"),
    )
    .unwrap();
    let locked = root.join(PROJECT).join("监理日志.pdf");
    write(&locked, minimal_pdf("监理日志"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let output = check_json_unprivileged(root);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let links: Vec<String> = with_code(&report, "symlink-skipped")
        .iter()
        .map(|f| f["paths"][0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        vec![
            format!("{PROJECT}/循环"),
            format!("{PROJECT}/施工许可证.pdf")
        ]
    );
    let unreadable = with_code(&report, "unreadable-file");
    assert_eq!(unreadable.len(), 1, "{report}");
    // Why, as a value, and said in the report's language (Chinese by default).
    assert_eq!(
        unreadable[0]["facts"]["problem"]["detail"]["cause"], "permission-denied",
        "{report}"
    );
    assert!(
        unreadable[0]["message"]
            .as_str()
            .unwrap()
            .contains("没有读取权限"),
        "{report}"
    );
    assert!(
        missing(&report, "supervision-log").is_some(),
        "an unreadable file is no evidence"
    );
}

#[test]
fn limits_and_switching_inspection_off_come_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    write(
        &root.join(PROJECT).join("开工报告.pdf"),
        b"not a pdf at all",
    );
    write(&root.join("guicang.toml"), "[inspect]\nmax_file_mb = 0\n");
    let (report, _) = check_json(root, &[]);
    assert_eq!(with_code(&report, "file-skipped-too-large").len(), 1);
    assert!(with_code(&report, "corrupt-pdf").is_empty());
    assert!(
        missing(&report, "commencement-order").is_none(),
        "a file not checked still counts: could not check is not unusable"
    );
    write(&root.join("guicang.toml"), "[inspect]\nenabled = false\n");
    let (report, _) = check_json(root, &[]);
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "corrupt-pdf" && f["code"] != "file-skipped-too-large")
    );
}

#[cfg(unix)]
#[test]
fn gbk_names_long_names_and_deep_folders_are_handled() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    // A name written by an old Windows share in GBK: not UTF-8, decoded for matching.
    let (gbk, _, _) = encoding_rs::GBK.encode("施工许可证.pdf");
    let gbk_path = root.join(PROJECT).join(std::ffi::OsStr::from_bytes(&gbk));
    std::fs::write(&gbk_path, minimal_pdf("gbk")).unwrap();
    // A 255-byte name (85 three-byte characters less the extension).
    let long = format!("{}.pdf", "监".repeat(83));
    assert!(long.len() <= 255);
    write(&root.join(PROJECT).join(&long), minimal_pdf("long"));
    // 200 levels of folders.
    let mut deep = root.join(PROJECT).join("施工和监理");
    for level in 0..200 {
        deep = deep.join(format!("{level}"));
    }
    write(&deep.join("监理日志.pdf"), minimal_pdf("deep"));
    let (report, _) = check_json(root, &[]);
    assert!(
        missing(&report, "construction-permit").is_none(),
        "the GBK name is read as 施工许可证"
    );
    assert!(
        missing(&report, "supervision-log").is_none(),
        "found 200 folders down"
    );
    let files = report["summary"]["files"].as_u64().unwrap();
    assert_eq!(files, 4, "manifest, GBK, long and deep files");
    assert!(with_code(&report, "unreadable-folder").is_empty());
}

#[test]
fn the_inspection_cache_gives_the_same_report_and_lives_outside_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    doc(root, &format!("{PROJECT}/开工报告.pdf"));
    write(&root.join(PROJECT).join("施工许可证.pdf"), b"");
    let cache_arg = cache.path().to_str().unwrap();
    let (first, _) = check_json(root, &["--cache", cache_arg]);
    let files: Vec<_> = std::fs::read_dir(cache.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "one cache file for the archive");
    let (second, _) = check_json(root, &["--cache", cache_arg]);
    assert_eq!(first, second, "a cached sweep reports the same");
    // A changed file is inspected again.
    write(
        &root.join(PROJECT).join("施工许可证.pdf"),
        minimal_pdf("施工许可证"),
    );
    let (third, _) = check_json(root, &["--cache", cache_arg]);
    assert!(with_code(&third, "empty-file").is_empty());
    let (_, code) = check_json(root, &["--no-inspect"]);
    assert_eq!(code, 1);
    let inside = root.join("cache");
    let output = crate::support::guicang()
        .arg("check")
        .arg(root)
        .arg("--cache")
        .arg(&inside)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "a cache inside the archive is refused"
    );
    assert!(!inside.exists());
}

#[test]
fn names_only_sweeps_open_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    write(&root.join(PROJECT).join("开工报告.pdf"), b"");
    let (report, _) = check_json(root, &["--no-inspect"]);
    assert!(
        with_code(&report, "empty-file").is_empty(),
        "no health checks"
    );
    assert!(
        missing(&report, "commencement-order").is_none(),
        "names alone count"
    );
}

#[test]
fn a_cached_sweep_opens_no_unchanged_file_in_any_project() {
    // Projects whose discovery order (a grouping folder first) differs from the path order
    // of their files, so the cache's sorted lines are merged with files in another order.
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path();
    let projects = [
        "MGT-2023-010 校舍",
        "2022/MGT-2022-002 道路",
        "MGT-2023-009 水渠",
    ];
    for folder in projects {
        write(
            &root.join(folder).join("project.toml"),
            "category = \"fixed-asset\"\nstatus = \"in-progress\"\nconstruction = \"new\"\n",
        );
        doc(root, &format!("{folder}/03 施工许可/施工许可证.pdf"));
        doc(root, &format!("{folder}/开工报告.pdf"));
    }
    let cache_arg = cache.path().to_str().unwrap();
    let (first, _) = check_json(root, &["--cache", cache_arg]);
    assert!(with_code(&first, "corrupt-pdf").is_empty());

    // Damage every file behind the cache's back: same size, same modification time.
    let mut damaged = 0;
    for folder in projects {
        for rel in ["03 施工许可/施工许可证.pdf", "开工报告.pdf"] {
            let path = root.join(folder).join(rel);
            let before = std::fs::metadata(&path).unwrap();
            let garbage = vec![b'x'; before.len() as usize];
            std::fs::write(&path, garbage).unwrap();
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(before.modified().unwrap())
                .unwrap();
            damaged += 1;
        }
    }
    let (cached, _) = check_json(root, &["--cache", cache_arg]);
    assert_eq!(cached, first, "every file came from the cache");
    let (fresh, _) = check_json(root, &["--no-cache"]);
    assert_eq!(
        with_code(&fresh, "format-mismatch").len() + with_code(&fresh, "corrupt-pdf").len(),
        damaged,
        "opened afresh, every file is found damaged: {fresh}"
    );
}

#[cfg(unix)]
#[test]
fn the_cache_file_is_rewritten_only_when_something_changed() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    doc(root, &format!("{PROJECT}/开工报告.pdf"));
    doc(root, &format!("{PROJECT}/施工许可证.pdf"));
    let cache_arg = cache.path().to_str().unwrap();
    let cache_file = || {
        let entry = std::fs::read_dir(cache.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        (entry.path(), entry.metadata().unwrap().ino())
    };
    check_json(root, &["--cache", cache_arg]);
    let (path, first) = cache_file();
    check_json(root, &["--cache", cache_arg]);
    assert_eq!(
        cache_file().1,
        first,
        "nothing changed: the file is left as it is"
    );

    std::fs::remove_file(root.join(PROJECT).join("开工报告.pdf")).unwrap();
    check_json(root, &["--cache", cache_arg]);
    assert_ne!(cache_file().1, first, "a file is gone: its line goes too");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(!text.contains("开工报告.pdf"), "{text}");
    assert!(text.contains("施工许可证.pdf"), "{text}");
}
