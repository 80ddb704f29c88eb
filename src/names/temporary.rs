//! Temporary and system files: never documents (`temporary-file`).

/// Whether a file name is an Office lock file, a thumbnail cache or other system litter.
pub fn is_temporary(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with("~$")
        || name.starts_with(".~lock.")
        || name.starts_with("._")
        || matches!(
            lower.as_str(),
            "thumbs.db" | "ehthumbs.db" | "desktop.ini" | ".ds_store" | ".localized"
        )
        || lower.ends_with(".tmp")
        || lower.ends_with(".crdownload")
        || lower.ends_with(".part")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_litter_and_only_litter() {
        for name in [
            "~$施工合同.docx",
            "Thumbs.db",
            "desktop.ini",
            ".DS_Store",
            "~WRL0001.tmp",
            ".~lock.台账.xlsx#",
            "._IMG_1.jpg",
        ] {
            assert!(is_temporary(name), "{name}");
        }
        for name in [
            "施工合同.docx",
            "db.pdf",
            "临时用地批复.pdf",
            "IMG_1.jpg",
            ".hidden.pdf",
        ] {
            assert!(!is_temporary(name), "{name}");
        }
    }
}
