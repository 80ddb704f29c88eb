//! The registry of finding codes as users and tools see it: ids never renamed by accident,
//! every code in a family, and the README's list generated from the registry.

use guicang::finding::{Code, Family};
use guicang::lang::Lang;

#[test]
fn code_ids_and_families_are_stable() {
    // A renamed code breaks baselines, waivers and every CI that filters on it.
    let listing: Vec<String> = Code::ALL
        .iter()
        .map(|c| format!("{:30} {:?}", c.id(), c.family()))
        .collect();
    insta::assert_snapshot!("code_ids", listing.join("\n"));
}

/// The README's paragraph of codes, as the registry gives it.
fn readme_codes() -> String {
    let mut out = String::new();
    for family in Family::ALL {
        let ids: Vec<String> = Code::ALL
            .iter()
            .filter(|c| c.family() == family)
            .map(|c| format!("`{}`", c.id()))
            .collect();
        out.push_str(&format!(
            "- {}: {}\n",
            family.name(Lang::En),
            ids.join(", ")
        ));
    }
    out
}

#[test]
fn the_readme_lists_every_code_by_its_family() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = "<!-- codes: generated from the registry; tests/cli/registry.rs checks it -->\n";
    let end = "<!-- end of codes -->";
    let from = readme.find(start).expect("the README's codes block") + start.len();
    let to = from + readme[from..].find(end).expect("end of the codes block");
    let expected = readme_codes();
    assert_eq!(
        &readme[from..to],
        expected,
        "README.md's list of codes is out of date; replace it with:\n{expected}"
    );
}

#[test]
fn src_keeps_its_layering() {
    // No import cycle between top-level modules, no function over 80 lines, no file over
    // 500 (the code registry, a table, excepted): the structure issue 10 set up.
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let checker = manifest.join("../shared/tools/layering.py");
    if !checker.is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI has shared/ beside the clone: {} is missing",
            checker.display()
        );
        eprintln!("skipped: {} is not here", checker.display());
        return;
    }
    let output = std::process::Command::new("python3")
        .arg(&checker)
        .arg(manifest.join("src"))
        .args(["--exempt", "finding/code.rs"])
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
