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

#[test]
fn a_folder_swapped_for_a_link_during_sweeps_is_never_followed() {
    let archive = tempfile::tempdir().expect("temp dir");
    let outside = tempfile::tempdir().expect("temp dir");
    let project = archive.path().join("MGT-2023-001 教学楼建设项目");
    crate::support::write(
        &project.join("project.toml"),
        "code = \"MGT-2023-001\"\ncategory = \"fixed-asset\"\nstatus = \"in-progress\"\n",
    );
    for stage in ["01 可研立项", "04 招投标", "06 资金拨付"] {
        for i in 0..40 {
            doc(&project, &format!("{stage}/文件{i}.pdf"));
        }
    }
    for i in 0..200 {
        doc(outside.path(), &format!("sub/OUTSIDE-{i}.pdf"));
        doc(outside.path(), &format!("OUTSIDE-{i}.pdf"));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let swaps = Arc::new(AtomicUsize::new(0));
    let swapper = {
        let (folder, target) = (project.join("04 招投标"), outside.path().to_path_buf());
        let (stop, swaps) = (Arc::clone(&stop), Arc::clone(&swaps));
        std::thread::spawn(move || swap_until(&folder, &target, &stop, &swaps))
    };
    let (mut listed_inside, mut listed_aside) = (0, 0);
    for _ in 0..30 {
        let output = guicang()
            .arg("check")
            .arg(archive.path())
            .args(["--no-inspect", "--format", "json", "-q", "-j", "4"])
            .output()
            .expect("run guicang");
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(
            !report.contains("OUTSIDE-"),
            "a file outside the archive was listed:\n{report}"
        );
        assert!(matches!(output.status.code(), Some(0 | 1)), "{report}");
        listed_inside += usize::from(report.contains("04 招投标/文件"));
        listed_aside += usize::from(report.contains("04 招投标.aside/文件"));
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().expect("swapper");
    // The race was run: the folder was swapped many times, and sweeps saw it in place, set
    // aside, or as the link.
    assert!(swaps.load(Ordering::Relaxed) > 30, "{swaps:?}");
    assert!(listed_inside + listed_aside > 0, "{listed_inside} {listed_aside}");
}
