//! The inspection cache: a second sweep of an unchanged tree opens no file.
//!
//! Results are keyed by the file's path, size and modification time, and stored outside
//! the archive (the user's cache folder, or `--cache DIR`), one file per archive root and
//! inspection limits. The format is one tab-separated line per file, read in one pass; a
//! damaged or foreign cache file is ignored, never trusted.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::magic::Format;
use super::{Detail, InspectOptions, Inspection, Problem};
use crate::scan::FileEntry;

const HEADER: &str = "guicang-inspection-cache 2";

/// Cached inspections of one archive.
#[derive(Debug, Default)]
pub struct Cache {
    /// The whole file as read; entries point into it.
    text: String,
    /// Path → its entry.
    index: HashMap<Box<str>, Entry>,
}

/// One cached file: what it was, and where its encoded inspection lies in the text.
#[derive(Debug, Clone, Copy)]
struct Entry {
    size: u64,
    mtime: i128,
    start: usize,
    end: usize,
}

/// The cache file for an archive root and inspection limits.
pub fn cache_file(dir: &Path, root: &Path, options: &InspectOptions) -> PathBuf {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut hasher = DefaultHasher::new();
    root.hash(&mut hasher);
    (
        options.max_file_bytes,
        options.pdf_full_load_bytes,
        options.timeout,
    )
        .hash(&mut hasher);
    dir.join(format!("inspect-{:016x}.tsv", hasher.finish()))
}

/// The default cache folder: `$XDG_CACHE_HOME/guicang`, else `~/.cache/guicang`.
pub fn default_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map(|d| d.join("guicang"))
}

impl Cache {
    /// Reads a cache file; an absent, damaged or foreign file gives an empty cache.
    pub fn load(path: &Path) -> Cache {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Cache::default();
        };
        if !text.starts_with(HEADER) {
            return Cache::default();
        }
        let mut cache = Cache {
            text,
            ..Cache::default()
        };
        let mut offset = 0;
        let mut index = HashMap::new();
        for line in cache.text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let mut fields = line.trim_end_matches('\n').splitn(4, '\t');
            let (Some(path), Some(size), Some(mtime), Some(rest)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let (Ok(size), Ok(mtime)) = (size.parse::<u64>(), mtime.parse::<i128>()) else {
                continue;
            };
            let rest_start = start + line.trim_end_matches('\n').len() - rest.len();
            let end = rest_start + rest.len();
            index.insert(
                Box::from(path),
                Entry {
                    size,
                    mtime,
                    start: rest_start,
                    end,
                },
            );
        }
        cache.index = index;
        cache
    }

    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The cached inspection of `file`, if its size and modification time are unchanged.
    pub fn get(&self, file: &FileEntry) -> Option<Inspection> {
        let mtime = nanos(file.mtime?)?;
        let entry = self.index.get(&*file.rel_path)?;
        (entry.size == file.size && entry.mtime == mtime)
            .then(|| decode(&self.text[entry.start..entry.end]))
            .flatten()
    }
}

/// Writes the inspections of this sweep (atomically: a temporary file renamed into place).
pub fn save(path: &Path, files: &[FileEntry], inspections: &[Inspection]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&temporary)?);
    writeln!(out, "{HEADER}")?;
    for (file, inspection) in files.iter().zip(inspections) {
        let Some(mtime) = file.mtime.and_then(nanos) else {
            continue;
        };
        if file.rel_path.contains(['\t', '\n'])
            || matches!(inspection.problem, Some(Problem::Timeout))
        {
            continue; // not representable, or worth another try next time
        }
        writeln!(
            out,
            "{}\t{}\t{mtime}\t{}",
            file.rel_path,
            file.size,
            encode(inspection)
        )?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&temporary, path)
}

fn nanos(time: SystemTime) -> Option<i128> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => Some(d.as_nanos() as i128),
        Err(e) => Some(-(e.duration().as_nanos() as i128)),
    }
}

/// `format \t pages \t problem-kind \t detail-zh \t detail-en \t number \t fingerprint`
fn encode(inspection: &Inspection) -> String {
    let format = inspection
        .format
        .map_or(String::new(), |f| f.name().to_string());
    let pages = inspection.pages.map_or(String::new(), |p| p.to_string());
    let clean = |s: &str| s.replace(['\t', '\n'], " ");
    let (kind, zh, en, number) = match &inspection.problem {
        None => ("", String::new(), String::new(), String::new()),
        Some(Problem::Empty) => ("empty", String::new(), String::new(), String::new()),
        Some(Problem::Unreadable(m)) => ("unreadable", clean(m), String::new(), String::new()),
        Some(Problem::Mismatch { actual }) => (
            "mismatch",
            actual.name().to_string(),
            String::new(),
            String::new(),
        ),
        Some(Problem::CorruptPdf(d)) => ("corrupt-pdf", clean(&d.zh), clean(&d.en), String::new()),
        Some(Problem::EncryptedPdf { pages }) => (
            "encrypted-pdf",
            String::new(),
            String::new(),
            pages.map_or(String::new(), |p| p.to_string()),
        ),
        Some(Problem::CorruptImage(d)) => {
            ("corrupt-image", clean(&d.zh), clean(&d.en), String::new())
        }
        Some(Problem::CorruptContainer(d)) => (
            "corrupt-container",
            clean(&d.zh),
            clean(&d.en),
            String::new(),
        ),
        Some(Problem::EncryptedOffice) => (
            "encrypted-office",
            String::new(),
            String::new(),
            String::new(),
        ),
        Some(Problem::TooLarge(size)) => {
            ("too-large", String::new(), String::new(), size.to_string())
        }
        Some(Problem::Timeout) => ("timeout", String::new(), String::new(), String::new()),
    };
    let fingerprint = inspection
        .fingerprint
        .map_or(String::new(), |f| format!("{f:x}"));
    format!("{format}\t{pages}\t{kind}\t{zh}\t{en}\t{number}\t{fingerprint}")
}

fn decode(text: &str) -> Option<Inspection> {
    let fields: Vec<&str> = text.split('\t').collect();
    let [format, pages, kind, zh, en, number, fingerprint] = fields[..] else {
        return None;
    };
    let format = if format.is_empty() {
        None
    } else {
        Some(Format::from_name(format)?)
    };
    let pages = if pages.is_empty() {
        None
    } else {
        Some(pages.parse().ok()?)
    };
    let detail = || Detail::new(zh, en);
    let problem = match kind {
        "" => None,
        "empty" => Some(Problem::Empty),
        "unreadable" => Some(Problem::Unreadable(zh.to_string())),
        "mismatch" => Some(Problem::Mismatch {
            actual: Format::from_name(zh)?,
        }),
        "corrupt-pdf" => Some(Problem::CorruptPdf(detail())),
        "encrypted-pdf" => Some(Problem::EncryptedPdf {
            pages: number.parse().ok(),
        }),
        "corrupt-image" => Some(Problem::CorruptImage(detail())),
        "corrupt-container" => Some(Problem::CorruptContainer(detail())),
        "encrypted-office" => Some(Problem::EncryptedOffice),
        "too-large" => Some(Problem::TooLarge(number.parse().ok()?)),
        "timeout" => Some(Problem::Timeout),
        _ => return None,
    };
    let fingerprint = if fingerprint.is_empty() {
        None
    } else {
        Some(u64::from_str_radix(fingerprint, 16).ok()?)
    };
    Some(Inspection {
        fingerprint,
        format,
        pages,
        problem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inspections_round_trip() {
        let cases = [
            Inspection::default(),
            Inspection {
                fingerprint: Some(0xabc),
                format: Some(Format::Pdf),
                pages: Some(117),
                problem: None,
            },
            Inspection {
                fingerprint: Some(0xabc),
                format: Some(Format::Jpeg),
                pages: None,
                problem: Some(Problem::Mismatch {
                    actual: Format::Jpeg,
                }),
            },
            Inspection {
                fingerprint: Some(0xabc),
                format: Some(Format::Pdf),
                pages: None,
                problem: Some(Problem::CorruptPdf(Detail::new("截断", "truncated"))),
            },
            Inspection {
                fingerprint: Some(0xabc),
                format: Some(Format::Pdf),
                pages: None,
                problem: Some(Problem::EncryptedPdf { pages: Some(3) }),
            },
            Inspection {
                fingerprint: Some(0xabc),
                format: None,
                pages: None,
                problem: Some(Problem::TooLarge(5_000_000_000)),
            },
            Inspection {
                fingerprint: Some(0xabc),
                format: None,
                pages: None,
                problem: Some(Problem::Empty),
            },
        ];
        for case in cases {
            assert_eq!(decode(&encode(&case)), Some(case.clone()), "{case:?}");
        }
    }

    #[test]
    fn a_changed_file_misses_the_cache() {
        let dir = std::env::temp_dir().join(format!("guicang-cache-{}", std::process::id()));
        let path = dir.join("c.tsv");
        let file = FileEntry::new(
            0,
            Path::new("/x"),
            Path::new("/x/p/a.pdf"),
            1,
            10,
            Some(UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000)),
        );
        let inspection = Inspection {
            fingerprint: Some(0xabc),
            format: Some(Format::Pdf),
            pages: Some(2),
            problem: None,
        };
        save(
            &path,
            std::slice::from_ref(&file),
            std::slice::from_ref(&inspection),
        )
        .unwrap();
        let cache = Cache::load(&path);
        assert_eq!(cache.get(&file), Some(inspection));
        let mut grown = file.clone();
        grown.size = 11;
        assert_eq!(cache.get(&grown), None);
        let mut touched = file;
        touched.mtime = Some(UNIX_EPOCH);
        assert_eq!(cache.get(&touched), None);
        std::fs::write(&path, "not a cache\n").unwrap();
        assert!(Cache::load(&path).index.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
