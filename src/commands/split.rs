//! `guicang check --split-by unit|contact --out-dir DIR`: one report per implementing unit
//! or per contact person, so that the list of what to fix reaches the person who must fix
//! it. A project with two contact persons is in both lists; projects that name none are
//! in a list of their own, so that nothing is lost.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::cli::{Format, SplitBy};
use crate::error::AppError;
use crate::report::{ProjectReport, Report};
use crate::ruleset::RuleSet;

/// The groups of `report`'s projects: name → project keys, in name order (the group of
/// projects naming no one last).
pub fn groups(report: &Report, by: SplitBy) -> Vec<(String, Vec<&str>)> {
    let none = match (by, report.lang) {
        (SplitBy::Unit, crate::lang::Lang::Zh) => "未填写实施单位",
        (SplitBy::Unit, crate::lang::Lang::En) => "no implementing unit",
        (SplitBy::Contact, crate::lang::Lang::Zh) => "未填写包联人",
        (SplitBy::Contact, crate::lang::Lang::En) => "no contact person",
    };
    let mut named: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut nobody: Vec<&str> = Vec::new();
    for p in &report.projects {
        let names = names_of(p, by);
        if names.is_empty() {
            nobody.push(&p.key);
        }
        for name in names {
            named.entry(name).or_default().push(&p.key);
        }
    }
    let mut groups: Vec<(String, Vec<&str>)> = named.into_iter().collect();
    if !nobody.is_empty() {
        groups.push((none.to_string(), nobody));
    }
    groups
}

/// The unit or the contact persons of one project.
fn names_of(p: &ProjectReport, by: SplitBy) -> Vec<String> {
    match by {
        SplitBy::Unit => p
            .implementing_unit
            .iter()
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .collect(),
        SplitBy::Contact => p.contacts.clone(),
    }
}

/// The longest stem of a split report's file name, in bytes.
const MAX_STEM_BYTES: usize = 200;

/// A file name for a group: characters no file system takes, and control characters,
/// become `_`; a name past [`MAX_STEM_BYTES`] is cut; a name used already gets `-2`,
/// `-3` …
fn file_name(group: &str, extension: &str, used: &mut HashSet<String>) -> String {
    let clean: String = group
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let clean = clean.trim_matches(['.', ' ']);
    // File names are limited to 255 bytes: a long cell is cut on a character boundary,
    // leaving room for the `-N` and the extension.
    let mut end = clean.len().min(MAX_STEM_BYTES);
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    let clean = clean[..end].to_string();
    let stem = if clean.is_empty() {
        "_".to_string()
    } else {
        clean
    };
    let mut name = format!("{stem}.{extension}");
    let mut n = 2;
    while !used.insert(name.to_lowercase()) {
        name = format!("{stem}-{n}.{extension}");
        n += 1;
    }
    name
}

/// The extension of a format's files.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Text => "txt",
        Format::Json => "json",
        Format::Markdown => "md",
        Format::Sarif => "sarif",
        Format::Junit => "xml",
        Format::Xlsx => "xlsx",
        Format::Html => "html",
    }
}

/// Checks the folder of the split reports before the sweep: never inside the archive
/// `root` (canonical), then created if missing. The check comes first: a folder inside
/// the archive is never made.
pub fn prepare(dir: &Path, root: &Path) -> Result<PathBuf, AppError> {
    let absolute = std::path::absolute(dir).map_err(|e| {
        AppError::Usage(format!("cannot resolve the folder {}: {e}", dir.display()))
    })?;
    // The nearest folder that exists, resolved, with the rest of the path after it.
    let existing = absolute
        .ancestors()
        .find(|a| a.exists())
        .unwrap_or(Path::new("/"));
    let rest = absolute.strip_prefix(existing).unwrap_or(Path::new(""));
    // `..` after a folder not yet made cannot be resolved before it is made: refused.
    if rest
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(AppError::Usage(format!(
            "--out-dir {} goes up (`..`) from a folder that does not exist yet; give the \
             folder without `..`",
            dir.display()
        )));
    }
    let resolved = existing
        .canonicalize()
        .map_err(|e| AppError::Usage(format!("cannot resolve the folder {}: {e}", dir.display())))?
        .join(rest);
    if resolved.starts_with(root) {
        return Err(AppError::Usage(format!(
            "--out-dir {} is inside the archive being checked; guicang never writes into the \
             archive: write it somewhere else",
            dir.display()
        )));
    }
    std::fs::create_dir_all(&resolved)
        .map_err(|e| AppError::Usage(format!("cannot create the folder {}: {e}", dir.display())))?;
    Ok(resolved)
}

/// Writes one report per group into `dir`, each rendered by `render`; returns the files.
pub fn write(
    report: &Report,
    rules: &RuleSet,
    by: SplitBy,
    dir: &Path,
    format: Format,
    render: impl Fn(&Report) -> Result<Vec<u8>, AppError>,
) -> Result<Vec<PathBuf>, AppError> {
    let mut used = HashSet::new();
    let mut written = Vec::new();
    for (group, keys) in groups(report, by) {
        let keys: HashSet<&str> = keys.into_iter().collect();
        let part = report.subset(&keys, rules);
        let path = dir.join(file_name(&group, extension(format), &mut used));
        let bytes = render(&part)?;
        crate::guard::output::write_new(&path, &bytes)
            .map_err(|e| AppError::Usage(format!("cannot write {}: {e}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_become_safe_distinct_file_names() {
        let mut used = HashSet::new();
        assert_eq!(
            file_name("麦盖提县教育局", "xlsx", &mut used),
            "麦盖提县教育局.xlsx"
        );
        assert_eq!(file_name("a/b:c", "xlsx", &mut used), "a_b_c.xlsx");
        assert_eq!(file_name("a_b_c", "xlsx", &mut used), "a_b_c-2.xlsx");
        assert_eq!(file_name("..", "md", &mut used), "_.md");
        assert_eq!(file_name("x\ny", "md", &mut used), "x_y.md");
        // A long cell: cut on a character boundary (3-byte characters), within 255 bytes.
        let long = "教".repeat(120);
        let first = file_name(&long, "xlsx", &mut used);
        let second = file_name(&long, "xlsx", &mut used);
        assert_eq!(first, format!("{}.xlsx", "教".repeat(66)));
        assert_eq!(second, format!("{}-2.xlsx", "教".repeat(66)));
        assert!(second.len() <= 255);
    }
}
