//! Races with the archive: a folder swapped for a link while sweeps run is never followed,
//! so nothing outside the archive is ever listed as part of it.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::support::{doc, guicang};

/// Swaps `folder` for a link to `target` and back, as fast as it can, until `stop`.
fn swap_until(folder: &Path, target: &Path, stop: &AtomicBool, swaps: &AtomicUsize) {
    let aside = folder.with_extension("aside");
    while !stop.load(Ordering::Relaxed) {
        if std::fs::rename(folder, &aside).is_ok() {
            let _ = std::os::unix::fs::symlink(target, folder);
            std::thread::yield_now();
            let _ = std::fs::remove_file(folder);
            let _ = std::fs::rename(&aside, folder);
            swaps.fetch_add(1, Ordering::Relaxed);
            // In place for a moment, so that sweeps see it as a folder too.
            std::thread::sleep(std::time::Duration::from_micros(500));
        }
    }
}

/// An archive of one project of three stage folders (40 files each) under `2023/`, and
/// a folder outside it full of `OUTSIDE-…` files and folders.
fn archive_and_outside() -> (tempfile::TempDir, tempfile::TempDir) {
    let archive = tempfile::tempdir().expect("temp dir");
    let outside = tempfile::tempdir().expect("temp dir");
    let project = archive.path().join("2023/MGT-2023-001 教学楼建设项目");
    crate::support::write(
        &project.join("project.toml"),
        "code = \"MGT-2023-001\"\ncategory = \"fixed-asset\"\nstatus = \"in-progress\"\n",
    );
    for stage in ["01 可研立项", "04 招投标", "06 资金拨付"] {
        for i in 0..40 {
            doc(&project, &format!("{stage}/文件{i}.pdf"));
        }
    }
    doc(archive.path(), "2023/会议纪要.pdf");
    for i in 0..200 {
        doc(outside.path(), &format!("sub/OUTSIDE-{i}.pdf"));
        doc(outside.path(), &format!("OUTSIDE-{i}.pdf"));
    }
    doc(outside.path(), "MGT-2023-099 OUTSIDE项目/OUTSIDE.pdf");
    (archive, outside)
}

/// Sweeps `archive` 30 times while `swapped` (a folder in it) is swapped for a link to
/// `outside` and back; asserts that no sweep lists anything outside, and that the race
/// ran (the folder was swapped often, and seen as a folder or set aside by some sweeps).
fn sweeps_never_leave(archive: &Path, swapped: &Path, outside: &Path, seen: &str) {
    let stop = Arc::new(AtomicBool::new(false));
    let swaps = Arc::new(AtomicUsize::new(0));
    let swapper = {
        let (folder, target) = (swapped.to_path_buf(), outside.to_path_buf());
        let (stop, swaps) = (Arc::clone(&stop), Arc::clone(&swaps));
        std::thread::spawn(move || swap_until(&folder, &target, &stop, &swaps))
    };
    let mut saw_it = 0;
    for _ in 0..30 {
        let output = guicang()
            .arg("check")
            .arg(archive)
            .args(["--no-inspect", "--format", "json", "-q", "-j", "4"])
            .output()
            .expect("run guicang");
        let report = String::from_utf8_lossy(&output.stdout);
        let outside_listed = report.contains("OUTSIDE");
        stop.store(outside_listed, Ordering::Relaxed);
        assert!(
            !outside_listed,
            "a file outside the archive was listed:\n{report}"
        );
        assert!(matches!(output.status.code(), Some(0 | 1)), "{report}");
        saw_it += usize::from(report.contains(seen));
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().expect("swapper");
    assert!(swaps.load(Ordering::Relaxed) > 30, "{swaps:?}");
    assert!(saw_it > 0, "no sweep saw {seen}");
}

#[test]
fn a_folder_swapped_for_a_link_inside_a_project_is_never_followed() {
    let (archive, outside) = archive_and_outside();
    let stage = archive
        .path()
        .join("2023/MGT-2023-001 教学楼建设项目/04 招投标");
    sweeps_never_leave(archive.path(), &stage, outside.path(), "/文件");
}

#[test]
fn a_grouping_folder_swapped_for_a_link_is_never_followed() {
    let (archive, outside) = archive_and_outside();
    let year = archive.path().join("2023");
    sweeps_never_leave(archive.path(), &year, outside.path(), "MGT-2023-001");
}

#[test]
fn a_folder_swapped_after_the_walk_never_leads_a_read_outside() {
    // Outside, files of the same names as the project's, all damaged: a read led there
    // would report a damaged PDF in the project.
    let (archive, outside) = archive_and_outside();
    for i in 0..40 {
        crate::support::write(
            &outside.path().join(format!("文件{i}.pdf")),
            b"%PDF-1.4 broken",
        );
    }
    let stage = archive
        .path()
        .join("2023/MGT-2023-001 教学楼建设项目/04 招投标");
    let stop = Arc::new(AtomicBool::new(false));
    let swaps = Arc::new(AtomicUsize::new(0));
    let swapper = {
        let (folder, target) = (stage.clone(), outside.path().to_path_buf());
        let (stop, swaps) = (Arc::clone(&stop), Arc::clone(&swaps));
        std::thread::spawn(move || swap_until(&folder, &target, &stop, &swaps))
    };
    for _ in 0..20 {
        let output = guicang()
            .arg("check")
            .arg(archive.path())
            .args(["--no-cache", "--format", "json", "-q", "-j", "4"])
            .output()
            .expect("run guicang");
        let report = String::from_utf8_lossy(&output.stdout);
        let damaged = report.contains("\"corrupt-pdf\"");
        stop.store(damaged, Ordering::Relaxed);
        assert!(!damaged, "a read went through a link:\n{report}");
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().expect("swapper");
    assert!(swaps.load(Ordering::Relaxed) > 20, "{swaps:?}");
}

#[test]
fn an_archive_root_reached_through_a_link_is_read_whole() {
    let (archive, _outside) = archive_and_outside();
    let links = tempfile::tempdir().expect("temp dir");
    let linked = links.path().join("archive");
    std::os::unix::fs::symlink(archive.path(), &linked).expect("symlink");
    let direct = crate::support::check_json(archive.path(), &["--no-cache"]).0;
    let through = crate::support::check_json(&linked, &["--no-cache"]).0;
    assert_eq!(direct["findings"], through["findings"]);
    assert_eq!(direct["summary"], through["summary"]);
    assert!(!direct["findings"].to_string().contains("symlink-skipped"));
}
