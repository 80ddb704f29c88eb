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
