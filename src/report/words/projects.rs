//! The words of project and document findings: unknown category and status, missing and
//! misfiled documents, projects without a folder or with two, mistakes in manifests.

use super::Words;
use crate::finding::Finding;
use crate::finding::said::{Mistake, ProjectSaid};
use crate::lang::Lang;

impl Words<'_> {
    /// What a finding about a project or its documents says.
    pub(super) fn project(&self, f: &Finding, said: &ProjectSaid) -> String {
        let lang = self.lang;
        match said {
            ProjectSaid::CategoryUnknown => lang
                .pick(
                    "无法确定项目类别：请在 project.toml 中写 category，或在项目台账中填写“项目类别”",
                    "the category cannot be learned: set category in project.toml or 项目类别 in the project ledger",
                )
                .into(),
            ProjectSaid::StatusUnknown => lang
                .pick(
                    "项目状态未知，按“实施中”检查",
                    "the status is unknown; checked as in progress",
                )
                .into(),
            ProjectSaid::MissingDocument {
                found,
                needed,
                unusable,
            } => self.missing_document(f, *found, *needed, unusable),
            ProjectSaid::MisfiledDocument { filed_under } => self.misfiled_document(f, filed_under),
            ProjectSaid::ProjectFolderMissing { name } => match lang {
                Lang::Zh => format!("项目台账中的项目“{name}”在档案中没有文件夹"),
                Lang::En => {
                    format!("project \"{name}\" of the project ledger has no folder in the archive")
                }
            },
            ProjectSaid::DuplicateProject { folders, code } => match lang {
                Lang::Zh => format!("{folders} 个文件夹使用同一项目编号 {code}，各自单独检查"),
                Lang::En => {
                    format!("{folders} folders claim project code {code}; each is checked on its own")
                }
            },
            ProjectSaid::ManifestMistake {
                line,
                column,
                mistake,
            } => {
                let rel = f.paths.first().map_or("project.toml", String::as_str);
                self.manifest_mistake(rel, *line, *column, mistake)
            }
            ProjectSaid::ManifestUnreadable { error } => {
                let error = self.read_error(error);
                match lang {
                    Lang::Zh => format!("无法读取 project.toml：{error}"),
                    Lang::En => format!("cannot read project.toml: {error}"),
                }
            }
        }
    }

    /// A required document with too few usable files, and the unusable ones.
    pub(super) fn missing_document(
        &self,
        f: &Finding,
        found: usize,
        needed: u32,
        unusable: &[String],
    ) -> String {
        let name = self.document_or_id(f);
        let stage = self.stage_of(f);
        let mut said = match (self.lang, found) {
            (Lang::Zh, 0) => format!("缺少 {name}（{stage}）"),
            (Lang::En, 0) => format!("missing: {name} ({stage})"),
            (Lang::Zh, n) => format!("{name} 需要至少 {needed} 份，只找到 {n} 份（{stage}）"),
            (Lang::En, n) => format!("{name}: at least {needed} needed, {n} found ({stage})"),
        };
        if !unusable.is_empty() {
            said.push_str(&match self.lang {
                Lang::Zh => format!("：现有文件无法使用（{}）", unusable.join("、")),
                Lang::En => format!(": the files there are unusable ({})", unusable.join(", ")),
            });
        }
        said
    }

    /// A document filed under the folder of stage `filed_under`.
    pub(super) fn misfiled_document(&self, f: &Finding, filed_under: &str) -> String {
        let name = self.document_or_id(f);
        let (own, there) = (self.stage_of(f), self.stage(filed_under));
        match self.lang {
            Lang::Zh => format!("{name} 属于“{own}”，却放在“{there}”文件夹中"),
            Lang::En => format!("{name} belongs to \"{own}\" but is filed under \"{there}\""),
        }
    }

    /// The name of the stage `f` concerns (its id when the rules lack it; empty without one).
    fn stage_of<'f>(&self, f: &'f Finding) -> &'f str
    where
        Self: 'f,
    {
        f.stage.as_deref().map_or("", |id| self.stage(id))
    }

    /// A mistake in a manifest at `rel:line:column`.
    pub(super) fn manifest_mistake(
        &self,
        rel: &str,
        line: usize,
        column: usize,
        mistake: &Mistake,
    ) -> String {
        format!("{rel}:{line}:{column}: {}", self.mistake(mistake))
    }

    fn mistake(&self, mistake: &Mistake) -> String {
        let lang = self.lang;
        match (mistake, lang) {
            (Mistake::Syntax { detail }, Lang::Zh) => format!("TOML 语法错误：{detail}"),
            (Mistake::Syntax { detail }, Lang::En) => format!("TOML syntax error: {detail}"),
            (Mistake::NotSingleValue { key }, Lang::Zh) => format!("`{key}` 应为单个值"),
            (Mistake::NotSingleValue { key }, Lang::En) => format!("`{key}` must be a single value"),
            (Mistake::UnknownCategory { raw }, lang) => {
                let known: Vec<String> = self
                    .rules
                    .categories
                    .iter()
                    .map(|c| format!("{} ({})", c.id, c.name.zh))
                    .collect();
                match lang {
                    Lang::Zh => format!("未知的项目类别 \"{raw}\"，可用：{}", known.join("、")),
                    Lang::En => format!(
                        "unknown category \"{raw}\"; use one of: {}",
                        known.join(", ")
                    ),
                }
            }
            (Mistake::UnknownStatus { raw }, Lang::Zh) => format!(
                "未知的项目状态 \"{raw}\"（可用 planned/谋划、in-progress/实施中、completed/已完工）"
            ),
            (Mistake::UnknownStatus { raw }, Lang::En) => {
                format!("unknown status \"{raw}\" (use planned, in-progress or completed)")
            }
            (Mistake::UnknownConstruction { raw }, Lang::Zh) => format!(
                "未知的建设性质 \"{raw}\"（可用 new/新建、expansion/扩建、renovation/改建、none/无）"
            ),
            (Mistake::UnknownConstruction { raw }, Lang::En) => format!(
                "unknown construction type \"{raw}\" (use new, expansion, renovation or none)"
            ),
            (Mistake::NotADate { raw }, Lang::Zh) => {
                format!("\"{raw}\" 不是有效日期（例：2023-05-12、\"2023年5月12日\"）")
            }
            (Mistake::NotADate { raw }, Lang::En) => {
                format!("\"{raw}\" is not a date (e.g. 2023-05-12 or \"2023年5月12日\")")
            }
            (Mistake::NotAYear { raw }, Lang::Zh) => format!("年度应为四位数字，而不是 \"{raw}\""),
            (Mistake::NotAYear { raw }, Lang::En) => format!("year must be four digits, not \"{raw}\""),
            (Mistake::NotAnAmount { raw }, Lang::Zh) => {
                format!("\"{raw}\" 不是有效金额（例：12000000、\"1250.5万元\"）")
            }
            (Mistake::NotAnAmount { raw }, Lang::En) => {
                format!("\"{raw}\" is not an amount (e.g. 12000000 or \"1250.5万元\")")
            }
            (Mistake::ContactNotAName, lang) => lang
                .pick(
                    "`contacts` 的每一项应为姓名字符串",
                    "each item of `contacts` must be a name in quotes",
                )
                .into(),
            (Mistake::ContactsNotAList, lang) => lang
                .pick(
                    "`contacts` 应为姓名列表，例：contacts = [\"张伟\", \"阿卜杜拉·艾则孜\"]",
                    "`contacts` must be a list of names, e.g. contacts = [\"张伟\", \"阿卜杜拉·艾则孜\"]",
                )
                .into(),
        }
    }
}
