//! File-level findings: health problems of each file (one finding per file, the most
//! specific), temporary files, files that match nothing, links not followed and folders
//! that could not be read.

use std::collections::HashMap;

use super::Context;
use crate::classify::FileClass;
use crate::finding::{Code, Finding};
use crate::inspect::Problem;
use crate::lang::Lang;
use crate::names::normalize::split_extension;
use crate::project::discover::unreadable_folder;

/// Reports every file-level problem.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let usable = usable_evidence_counts(ctx);
    let lang = ctx.lang;
    for index in 0..ctx.files.len() {
        if let Some(finding) = file_finding(ctx, index, &usable) {
            out.push(finding);
        }
    }
    for (project, path) in ctx.symlinks {
        out.push(
            Finding::new(
                Code::SymlinkSkipped,
                lang.pick(
                    "符号链接未被跟随，其内容未检查",
                    "a symbolic link, not followed; its target was not checked",
                ),
            )
            .project(ctx.projects[*project].key())
            .path(path.clone()),
        );
    }
    for special in ctx.special_files {
        let message = match lang {
            Lang::Zh => format!(
                "这是{}，不是文件，未打开检查",
                special_kind_zh(special.kind)
            ),
            Lang::En => format!("a {}, not a file; it was not opened", special.kind),
        };
        out.push(
            Finding::new(Code::SpecialFileSkipped, message)
                .project(ctx.projects[special.project].key())
                .path(special.rel_path.clone()),
        );
    }
    nested_projects(ctx, out);
    for error in ctx.walk_errors {
        let mut finding = unreadable_folder(error.rel_path.clone(), &error.message, lang);
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
    let lang = ctx.lang;
    let (file, classified) = (&ctx.files[index], &ctx.classes[index]);
    let problem = ctx
        .inspections
        .get(index)
        .and_then(|i| i.problem.as_deref());
    let mut finding = match (classified.class, problem) {
        (FileClass::Temporary, _) => Finding::new(
            Code::TemporaryFile,
            lang.pick(
                "临时文件或系统文件，不计为归档文件",
                "temporary or system file, not counted as a document",
            ),
        ),
        (class, Some(problem)) => health_finding(ctx, index, class, problem, usable),
        (FileClass::Unmatched, None) if ctx.projects[file.project()].category.is_some() => {
            Finding::new(
                Code::UnmatchedFile,
                lang.pick(
                    "文件名与本类别的任何文件要求都不对应",
                    "the name matches no document of this category",
                ),
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
    if file.name_guessed() {
        finding.message.push_str(lang.pick(
            "（文件名不是 UTF-8，已按 GBK 解读）",
            " (the name is not UTF-8 and was read as GBK)",
        ));
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
    let lang = ctx.lang;
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
    let mut finding = Finding::new(problem.code(&extension), problem.describe(lang, &extension))
        .severity(problem.severity(&extension, only));
    if let (FileClass::Evidence { document, .. }, Some(category)) =
        (class, ctx.category_of(file.project()))
    {
        let doc = &category.documents[document as usize];
        finding = finding.document(doc.id.clone());
        if problem.is_unusable() {
            finding.message.push_str(&match lang {
                Lang::Zh => format!("，不能作为“{}”的依据", doc.name.zh),
                Lang::En => format!("; it does not count as {}", doc.name.en),
            });
        }
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
        let message = match ctx.lang {
            Lang::Zh => format!(
                "项目 {inner_key} 的文件夹放在项目 {outer_key} 的文件夹中，其文件被计入 {outer_key}"
            ),
            Lang::En => format!(
                "the folder of project {inner_key} lies inside project {outer_key}'s folder; its files count as {outer_key}'s"
            ),
        };
        out.push(
            Finding::new(Code::NestedProjectFolder, message)
                .project(outer_key)
                .path(path.clone()),
        );
    }
}

/// A special file's kind in Chinese.
fn special_kind_zh(kind: &str) -> &'static str {
    match kind {
        "FIFO" => "命名管道（FIFO）",
        "socket" => "套接字",
        "device" => "设备文件",
        _ => "特殊文件",
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
