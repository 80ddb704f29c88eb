//! File-level findings of the sweep: temporary files, files that match nothing, folders
//! that could not be read.

use super::Context;
use crate::classify::FileClass;
use crate::finding::{Code, Finding};
use crate::lang::Lang;

/// Reports temporary files, unmatched files and unreadable folders.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let lang = ctx.lang;
    for (file, classified) in ctx.files.iter().zip(ctx.classes) {
        let project = ctx.projects[file.project].key();
        let finding = match classified.class {
            FileClass::Temporary => Finding::new(
                Code::TemporaryFile,
                lang.pick(
                    "临时文件或系统文件，不计为归档文件",
                    "temporary or system file, not counted as a document",
                ),
            ),
            FileClass::Unmatched if ctx.projects[file.project].category.is_some() => Finding::new(
                Code::UnmatchedFile,
                lang.pick(
                    "文件名与本类别的任何文件要求都不对应",
                    "the name matches no document of this category",
                ),
            ),
            _ => continue,
        };
        let mut finding = finding.project(project).path(file.rel_path.clone());
        if let Some(stage) = &classified.stage_folder {
            finding = finding.stage(stage.clone());
        }
        if file.name_guessed {
            finding.message.push_str(lang.pick(
                "（文件名不是 UTF-8，已按 GBK 解读）",
                " (the name is not UTF-8 and was read as GBK)",
            ));
        }
        out.push(finding);
    }
    for error in ctx.walk_errors {
        let project = ctx.projects.get(error.project).map(|p| p.key());
        let mut finding = Finding::new(
            Code::UnreadableFolder,
            match lang {
                Lang::Zh => format!("无法读取，其中的文件未检查：{}", error.message),
                Lang::En => format!(
                    "cannot be read, its files were not checked: {}",
                    error.message
                ),
            },
        )
        .path(error.rel_path.clone());
        finding.project = project;
        out.push(finding);
    }
}
