//! File-level findings: health problems of each file (one finding per file, the most
//! specific), temporary files, files that match nothing, links not followed and folders
//! that could not be read.

use std::collections::HashMap;

use super::Context;
use crate::classify::FileClass;
use crate::finding::said::FileSaid;
use crate::finding::{Code, Finding};
use crate::inspect::Problem;
use crate::names::normalize::split_extension;
use crate::project::discover::unreadable_folder;

/// Reports every file-level problem.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let usable = usable_evidence_counts(ctx);
    for index in 0..ctx.files.len() {
        if let Some(finding) = file_finding(ctx, index, &usable) {
            out.push(finding);
        }
    }
    for (project, path) in ctx.symlinks {
        out.push(
            Finding::new(Code::SymlinkSkipped, FileSaid::SymlinkSkipped)
                .project(ctx.projects[*project].key())
                .path(path.clone()),
        );
    }
    for special in ctx.special_files {
        let said = FileSaid::SpecialFile {
            kind: special.kind.to_string(),
        };
        out.push(
            Finding::new(Code::SpecialFileSkipped, said)
                .project(ctx.projects[special.project].key())
                .path(special.rel_path.clone()),
        );
    }
    nested_projects(ctx, out);
    for error in ctx.walk_errors {
        let mut finding = unreadable_folder(error.rel_path.clone(), error.error.clone());
        finding.project = ctx.projects.get(error.project).map(|p| p.key());
        out.push(finding);
    }
}

/// The one finding of file `index`, if it has one: temporary, unhealthy, or matching no
/// document of its project's category.
fn file_finding(
    ctx: &Context<'_>,
    index: usize,
    usable: &HashMap<(usize, usize), usize>,
) -> Option<Finding> {
    let (file, classified) = (&ctx.files[index], &ctx.classes[index]);
    let name_guessed = file.name_guessed();
    let problem = ctx
        .inspections
        .get(index)
        .and_then(|i| i.problem.as_deref());
    let mut finding = match (classified.class, problem) {
        (FileClass::Temporary, _) => Finding::new(
            Code::TemporaryFile,
            FileSaid::TemporaryFile { name_guessed },
        ),
        (class, Some(problem)) => health_finding(ctx, index, class, problem, usable),
        (FileClass::Unmatched, None) if ctx.projects[file.project()].category.is_some() => {
            Finding::new(
                Code::UnmatchedFile,
                FileSaid::UnmatchedFile { name_guessed },
            )
        }
        _ => return None,
    };
    finding = finding
        .project(ctx.projects[file.project()].key())
        .path(file.rel_path().joined());
    if let Some(at) = classified.stage_folder {
        finding = finding.stage(at.stage(ctx.rules));
    }
    Some(finding)
}

/// The finding of a file with a health problem; an error when it is the only evidence
/// of its document, and naming the document it then does not count for.
fn health_finding(
    ctx: &Context<'_>,
    index: usize,
    class: FileClass,
    problem: &Problem,
    usable: &HashMap<(usize, usize), usize>,
) -> Finding {
    let file = &ctx.files[index];
    let extension = split_extension(file.name()).1;
    let only = match class {
        FileClass::Evidence { document, .. } => {
            usable
                .get(&(file.project(), document as usize))
                .copied()
                .unwrap_or(0)
                == 0
        }
        _ => false,
    };
    let severity = problem.severity(&extension, only);
    let said = FileSaid::FileProblem {
        problem: problem.clone(),
        extension: extension.to_string(),
        name_guessed: file.name_guessed(),
    };
    let mut finding = Finding::new(problem.code(&extension), said).severity(severity);
    if let (FileClass::Evidence { document, .. }, Some(category)) =
        (class, ctx.category_of(file.project()))
    {
        let doc = &category.documents[document as usize];
        finding = finding.document(doc.id.clone());
    }
    finding
}

/// A folder inside one project's folder whose name starts with another known project's
/// code: that project's documents are counted as the outer one's. (A folder named by an
/// unknown code is most often a contract number, `HT-2023-015 施工合同/`, and says nothing.)
fn nested_projects(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let codes: HashMap<String, usize> = ctx
        .projects
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.code.as_deref()?.to_uppercase(), i)))
        .collect();
    for (outer, path) in ctx.nested_projects {
        let name = path.rsplit('/').next().unwrap_or(path);
        let token = name
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .next()
            .unwrap_or_default()
            .to_uppercase();
        let Some(&inner) = codes.get(&token) else {
            continue;
        };
        if inner == *outer {
            continue;
        }
        let (outer_key, inner_key) = (ctx.projects[*outer].key(), ctx.projects[inner].key());
        let said = FileSaid::NestedProject {
            inner: inner_key,
            outer: outer_key.clone(),
        };
        out.push(
            Finding::new(Code::NestedProjectFolder, said)
                .project(outer_key)
                .path(path.clone()),
        );
    }
}

/// How many usable evidence files each `(project, document)` has.
pub fn usable_evidence_counts(ctx: &Context<'_>) -> HashMap<(usize, usize), usize> {
    let mut counts = HashMap::new();
    for (index, (file, classified)) in ctx.files.iter().zip(ctx.classes).enumerate() {
        if let FileClass::Evidence { document, .. } = classified.class
            && ctx.is_usable(index)
        {
            *counts
                .entry((file.project(), document as usize))
                .or_default() += 1;
        }
    }
    counts
}
