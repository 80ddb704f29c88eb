//! The project of one folder: its facts merged field by field from its manifest, its
//! ledger row and what the folder's name (and the grouping folders above it) say.

use std::collections::HashSet;
use std::path::Path;

use regex::Regex;

use super::rows::{RowIndex, apply_row};
use super::{DiscoverOptions, MANIFEST};
use crate::finding::said::ProjectSaid;
use crate::finding::{Code, Finding};
use crate::guard::limits::CONFIG_BYTES;
use crate::guard::open::{Links, read_text_capped};
use crate::names::normalize::{fold_full_width, normalize};
use crate::paths::{decode_name, relative_display};
use crate::project::Project;
use crate::project::manifest::parse_manifest;
use crate::ruleset::RuleSet;

/// Builds the project of one folder from its manifest, its ledger row and its name.
pub(super) fn folder_project(
    root: &Path,
    folder: &Path,
    rows: &RowIndex<'_>,
    used_rows: &mut HashSet<usize>,
    rules: &RuleSet,
    options: &DiscoverOptions<'_>,
    findings: &mut Vec<Finding>,
) -> Project {
    let folder_rel = relative_display(folder, root);
    let folder_name = decode_name(folder.file_name().unwrap_or_default()).0;
    let (name_code, name_rest) = split_folder_name(options.code_pattern, &folder_name);
    let mut project = Project {
        folder: Some(folder.to_path_buf()),
        folder_rel: Some(folder_rel.clone()),
        ..Project::default()
    };

    let manifest_path = folder.join(MANIFEST);
    let mut manifest = Project::default();
    if manifest_path.is_file() {
        let manifest_rel = relative_display(&manifest_path, root);
        let key = name_code.clone().unwrap_or_else(|| folder_rel.clone());
        let place = ManifestPlace {
            path: &manifest_path,
            rel: &manifest_rel,
            key: &key,
        };
        manifest = read_manifest(&place, rules, findings);
        project.sources.push(manifest_rel);
    }

    let code = manifest.code.clone().or(name_code);
    let row_index = rows.find(code.as_deref(), &folder_name);
    if let Some(index) = row_index {
        used_rows.insert(index);
        apply_row(&mut project, &rows.rows[index], rules, findings);
    }
    apply_manifest(&mut project, manifest);
    if project.code.is_none() {
        project.code = code;
    }
    if project.name.is_none() && !name_rest.is_empty() {
        project.name = Some(name_rest);
    }
    if project.category.is_none() {
        project.category = category_from_ancestors(root, folder, rules);
    }
    project.sources.push(folder_rel);
    project
}

/// What a folder name says: the project code it starts with (upper case), and the rest of
/// the name (the project's name, separators trimmed), both after full-width folding.
pub(super) fn split_folder_name(
    code_pattern: &Regex,
    folder_name: &str,
) -> (Option<String>, String) {
    let folded: String = folder_name.chars().map(fold_full_width).collect();
    match leading_code(code_pattern, &folded) {
        Some(m) => (
            Some(m.as_str().to_uppercase()),
            folded[m.end()..]
                .trim_matches([' ', '-', '_', '.', '、'])
                .to_string(),
        ),
        None => (None, folded.trim().to_string()),
    }
}

/// Where a project's manifest is, for reading it and for its findings.
struct ManifestPlace<'a> {
    /// The manifest file.
    path: &'a Path,
    /// The manifest relative to the archive root, as evidence.
    rel: &'a str,
    /// The project key of its findings when the manifest gives no code.
    key: &'a str,
}

/// Reads and parses a project's manifest; every mistake, and a file that cannot be read,
/// becomes an `invalid-manifest` finding. Returns only the facts the manifest states.
fn read_manifest(
    place: &ManifestPlace<'_>,
    rules: &RuleSet,
    findings: &mut Vec<Finding>,
) -> Project {
    // Never blocking, never through a link (a linked manifest would be read from outside
    // the archive), never a file of a gigabyte.
    match read_text_capped(place.path, Links::Refuse, CONFIG_BYTES) {
        Ok(text) => {
            let (parsed, errors) = parse_manifest(&text, rules);
            for e in errors {
                let said = ProjectSaid::ManifestMistake {
                    line: e.line,
                    column: e.column,
                    mistake: e.mistake,
                };
                findings.push(
                    Finding::new(Code::InvalidManifest, said)
                        .project(parsed.code.clone().unwrap_or_else(|| place.key.to_string()))
                        .path(place.rel.to_string()),
                );
            }
            parsed
        }
        Err(error) => {
            findings.push(
                Finding::new(
                    Code::InvalidManifest,
                    ProjectSaid::ManifestUnreadable {
                        error: error.read_error(),
                    },
                )
                .project(place.key.to_string())
                .path(place.rel.to_string()),
            );
            Project::default()
        }
    }
}

/// Overrides project facts with every fact the manifest states.
fn apply_manifest(project: &mut Project, m: Project) {
    fn set<T>(target: &mut Option<T>, value: Option<T>) {
        if value.is_some() {
            *target = value;
        }
    }
    set(&mut project.code, m.code);
    set(&mut project.name, m.name);
    set(&mut project.category, m.category);
    set(&mut project.status, m.status);
    set(&mut project.year, m.year);
    set(&mut project.construction, m.construction);
    set(&mut project.total_investment, m.total_investment);
    set(&mut project.aid_funds, m.aid_funds);
    // The settled amount a manifest states was read and then dropped.
    set(&mut project.settlement, m.settlement);
    set(&mut project.implementing_unit, m.implementing_unit);
    set(&mut project.importance, m.importance);
    project.schedule.overlay(m.schedule);
    if !m.contacts.is_empty() {
        project.contacts = m.contacts;
    }
    project.attributes.extend(m.attributes);
}

/// A category named by a grouping folder above the project (`2023/固投类/MGT-…`).
fn category_from_ancestors(root: &Path, folder: &Path, rules: &RuleSet) -> Option<String> {
    folder
        .ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(root) && *a != root)
        .find_map(|a| {
            let name = decode_name(a.file_name()?).0;
            let stripped = crate::names::numbering::strip_numbering(&normalize(&name));
            rules.category_named(&stripped).map(|c| c.id.clone())
        })
}

/// The project code a folder name starts with (the pattern is anchored at the start): the
/// pattern's match, unless it is only the start of a longer run of letters or digits
/// (`MGT-2023-1255` is not the code of `MGT-2023-12559 卫生院`, whatever the ledger says of
/// project 1255).
fn leading_code<'n>(pattern: &Regex, name: &'n str) -> Option<regex::Match<'n>> {
    let found = pattern.find(name)?;
    let next = name[found.end()..].chars().next();
    (!next.is_some_and(|c| c.is_ascii_alphanumeric())).then_some(found)
}
