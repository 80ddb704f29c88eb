//! The inspection cache: a second sweep of an unchanged tree opens no file.
//!
//! Results are keyed by the file's path, size and modification time, and stored outside
//! the archive (the user's cache folder, or `--cache DIR`), one file per archive root and
//! inspection limits. The format is one tab-separated line per file, sorted by path (byte
//! order). Reading it is a merge of two sorted lists, the cache's lines streamed from disk
//! and the sweep's files, so a million-file cache costs neither a hash table nor its text
//! in memory. A damaged or foreign cache file is ignored, never trusted: a line counts
//! only for the file of the same path, size and time.

use std::cmp::Ordering;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, Write};
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

use super::magic::Format;
use super::{Damage, InspectOptions, Inspection, Problem};
use crate::scan::FileEntry;

/// The cache's shape. 5 since a stopped parser, a decompression bomb and a broken page tree
/// are damages of their own: a cache of 4 holds them as English text, and is not read.
const HEADER: &str = "guicang-inspection-cache 5";

/// What the cache knew of this sweep's files.
#[derive(Debug, Default)]
pub struct CacheHits {
    /// Index for index with the files: the cached inspection (default where there is none).
    pub inspections: Vec<Inspection>,
    /// Index for index with the files: whether the cache had the file, unchanged.
    pub hit: Vec<bool>,
    /// How many files the cache holds (more than the sweep found: some were removed).
    pub entries: usize,
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

/// Reads the cache file at `path` against `files`; an absent, damaged or foreign file
/// gives no hits.
pub fn lookup(path: &Path, files: &[FileEntry]) -> CacheHits {
    let mut hits = CacheHits {
        inspections: vec![Inspection::default(); files.len()],
        hit: vec![false; files.len()],
        entries: 0,
    };
    let Ok(file) = std::fs::File::open(path) else {
        return hits;
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.trim_end() != HEADER {
        return hits;
    }
    let order = path_order(files);
    let mut next = 0;
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let Some(entry) = Entry::parse(line.trim_end_matches('\n')) else {
            continue;
        };
        hits.entries += 1;
        // Files before this line's path have no line; the file at it may have one.
        while next < order.len()
            && files[order[next]].rel_path().cmp_str(entry.path) == Ordering::Less
        {
            next += 1;
        }
        let Some(&index) = order.get(next) else {
            continue;
        };
        let file = &files[index];
        if !file.rel_path().is(entry.path) {
            continue;
        }
        next += 1;
        if file.raw_path().is_some() {
            continue; // its path is lossy: the line may be another file's
        }
        let fresh = file.mtime_ns() == Some(entry.mtime) && file.size == entry.size;
        if let (true, Some(inspection)) = (fresh, decode(entry.rest)) {
            hits.inspections[index] = inspection;
            hits.hit[index] = true;
        }
    }
    hits
}

/// One line of the cache file, borrowed.
struct Entry<'a> {
    path: &'a str,
    size: u64,
    mtime: i64,
    rest: &'a str,
}

impl<'a> Entry<'a> {
    /// `path \t size \t mtime \t inspection`, or nothing when the line is not one.
    fn parse(line: &'a str) -> Option<Entry<'a>> {
        let mut fields = line.splitn(4, '\t');
        let (path, size, mtime, rest) = (
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
        );
        Some(Entry {
            path,
            size: size.parse().ok()?,
            mtime: mtime.parse().ok()?,
            rest,
        })
    }
}

/// The indices of `files` in path order (byte order of the whole path). The scan's order
/// (project, then path) often is that already; when a project folder sorts differently
/// as bytes (`2023/x` before `2023 补充/y` by folder, after it by bytes), it is sorted.
fn path_order(files: &[FileEntry]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    if !files.is_sorted_by(|a, b| a.rel_path() <= b.rel_path()) {
        order.sort_by(|&a, &b| files[a].rel_path().cmp(files[b].rel_path()));
    }
    order
}

/// Whether a file's inspection is kept in the cache: one that was inspected (a file not
/// inspected, a ledger say, may be evidence under another configuration) and whose path
/// is its own (two names that are not UTF-8 can read the same, lossily).
pub fn cacheable(file: &FileEntry, inspection: &Inspection) -> bool {
    *inspection != Inspection::default()
        && file.raw_path().is_none()
        && !file.rel_path().contains(['\t', '\n'])
        && !matches!(
            inspection.problem.as_deref(),
            Some(Problem::Timeout | Problem::NotChecked(_))
        )
        && !inspection.problem.as_deref().is_some_and(stopped_by_chance)
}

/// Whether a problem may not happen again: a worker that died (the system may have killed
/// it under load) or garbled its answer. The next sweep checks such a file again; a caught
/// panic or a memory budget passed is the file's own doing and is kept.
fn stopped_by_chance(problem: &Problem) -> bool {
    let damage = match problem {
        Problem::CorruptPdf(damage) | Problem::CorruptContainer(damage) => damage,
        _ => return false,
    };
    matches!(damage, Damage::Stopped(stop) if stop.is_worker_death())
}

/// Writes the inspections of this sweep, sorted by path (atomically: a temporary file
/// renamed into place).
pub fn save(path: &Path, files: &[FileEntry], inspections: &[Inspection]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(&temporary)?);
    writeln!(out, "{HEADER}")?;
    for index in path_order(files) {
        let (file, inspection) = (&files[index], &inspections[index]);
        let Some(mtime) = file.mtime_ns() else {
            continue;
        };
        if !cacheable(file, inspection) {
            continue; // not representable, not inspected, or worth another try next time
        }
        writeln!(
            out,
            "{}\t{}\t{mtime}\t{}",
            file.rel_path(),
            file.size,
            encode(inspection)
        )?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&temporary, path)
}

/// `format \t pages \t problem-kind \t first \t second \t number \t fingerprint`, where the
/// two free fields hold a damage's id and detail, an error's text or a format's name.
fn encode(inspection: &Inspection) -> String {
    let format = inspection
        .format
        .map_or(String::new(), |f| f.name().to_string());
    let pages = inspection.pages.map_or(String::new(), |p| p.to_string());
    let clean = |s: &str| s.replace(['\t', '\n'], " ");
    let (kind, first, second, number) = match inspection.problem.as_deref() {
        None => ("", String::new(), String::new(), String::new()),
        Some(Problem::Empty) => ("empty", String::new(), String::new(), String::new()),
        Some(Problem::Unreadable(error)) => (
            "unreadable",
            serde_json::to_string(error).expect("a read error serialises"),
            String::new(),
            String::new(),
        ),
        Some(Problem::Mismatch { actual }) => (
            "mismatch",
            actual.name().to_string(),
            String::new(),
            String::new(),
        ),
        Some(Problem::CorruptPdf(d)) => {
            let (id, detail) = encode_damage(d);
            ("corrupt-pdf", id, clean(&detail), String::new())
        }
        Some(Problem::EncryptedPdf { pages }) => (
            "encrypted-pdf",
            String::new(),
            String::new(),
            pages.map_or(String::new(), |p| p.to_string()),
        ),
        Some(Problem::CorruptImage(d)) => {
            let (id, detail) = encode_damage(d);
            ("corrupt-image", id, clean(&detail), String::new())
        }
        Some(Problem::CorruptContainer(d)) => {
            let (id, detail) = encode_damage(d);
            ("corrupt-container", id, clean(&detail), String::new())
        }
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
        // Never kept (see above): the next sweep checks the file again.
        Some(Problem::NotChecked(stop)) => (
            "timeout",
            clean(&stop.to_string()),
            String::new(),
            String::new(),
        ),
    };
    let fingerprint = inspection
        .fingerprint
        .map_or(String::new(), |f| format!("{f:x}"));
    format!("{format}\t{pages}\t{kind}\t{first}\t{second}\t{number}\t{fingerprint}")
}

/// A damage as two cache fields: its id, and its detail (an offset, a message, or the
/// extension and format of content that is no valid file of its extension). Damages with
/// several fields (a page tree's faults, a stopped parser) are kept whole as JSON, which
/// escapes tabs and line breaks.
fn encode_damage(damage: &Damage) -> (String, String) {
    let (id, detail) = match damage {
        Damage::NoPdfHeader => ("no-pdf-header", String::new()),
        Damage::NoStartxref => ("no-startxref", String::new()),
        Damage::StartxrefBeyondEnd { offset } => ("startxref-beyond-end", offset.to_string()),
        Damage::NoEof => ("no-eof", String::new()),
        Damage::XrefRebuilt => ("xref-rebuilt", String::new()),
        Damage::NoPages => ("no-pages", String::new()),
        Damage::JpegTruncated => ("jpeg-truncated", String::new()),
        Damage::PngTruncated => ("png-truncated", String::new()),
        Damage::NotValidAs { extension, format } => {
            ("not-valid-as", format!("{extension}|{}", format.name()))
        }
        Damage::Parser { message } => ("parser", message.clone()),
        Damage::BrokenPageTree(_) | Damage::DecompressionBomb { .. } | Damage::Stopped(_) => (
            "json",
            serde_json::to_string(damage).expect("a damage serialises"),
        ),
    };
    (id.to_string(), detail)
}

/// The damage [`encode_damage`] wrote; `None` for fields it did not write.
fn decode_damage(id: &str, detail: &str) -> Option<Damage> {
    Some(match id {
        "no-pdf-header" => Damage::NoPdfHeader,
        "no-startxref" => Damage::NoStartxref,
        "startxref-beyond-end" => Damage::StartxrefBeyondEnd {
            offset: detail.parse().ok()?,
        },
        "no-eof" => Damage::NoEof,
        "xref-rebuilt" => Damage::XrefRebuilt,
        "no-pages" => Damage::NoPages,
        "jpeg-truncated" => Damage::JpegTruncated,
        "png-truncated" => Damage::PngTruncated,
        "not-valid-as" => {
            let (extension, format) = detail.rsplit_once('|')?;
            Damage::NotValidAs {
                extension: extension.to_string(),
                format: Format::from_name(format)?,
            }
        }
        "parser" => Damage::parser(detail),
        "json" => serde_json::from_str(detail).ok()?,
        _ => return None,
    })
}

fn decode(text: &str) -> Option<Inspection> {
    let mut fields = text.split('\t');
    let mut field = || fields.next();
    let (format, pages, kind, first, second, number, fingerprint) = (
        field()?,
        field()?,
        field()?,
        field()?,
        field()?,
        field()?,
        field()?,
    );
    if fields.next().is_some() {
        return None;
    }
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
    let detail = || decode_damage(first, second);
    let problem = match kind {
        "" => None,
        "empty" => Some(Problem::Empty),
        "unreadable" => Some(Problem::Unreadable(serde_json::from_str(first).ok()?)),
        "mismatch" => Some(Problem::Mismatch {
            actual: Format::from_name(first)?,
        }),
        "corrupt-pdf" => Some(Problem::CorruptPdf(detail()?)),
        "encrypted-pdf" => Some(Problem::EncryptedPdf {
            pages: number.parse().ok(),
        }),
        "corrupt-image" => Some(Problem::CorruptImage(detail()?)),
        "corrupt-container" => Some(Problem::CorruptContainer(detail()?)),
        "encrypted-office" => Some(Problem::EncryptedOffice),
        "too-large" => Some(Problem::TooLarge(number.parse().ok()?)),
        "timeout" => Some(Problem::Timeout),
        _ => return None,
    };
    let fingerprint = if fingerprint.is_empty() {
        None
    } else {
        let hash = u64::from_str_radix(fingerprint, 16).ok()?;
        Some(NonZeroU64::new(hash).unwrap_or(NonZeroU64::MIN))
    };
    Some(Inspection {
        fingerprint,
        format,
        pages,
        problem: problem.map(Box::new),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::num::NonZeroU32;
    use std::time::UNIX_EPOCH;

    use crate::finding::file::{PageTreeFault, Stop};

    #[test]
    fn inspections_round_trip() {
        let cases = [
            Inspection::default(),
            Inspection {
                fingerprint: NonZeroU64::new(0xabc),
                format: Some(Format::Pdf),
                pages: NonZeroU32::new(117),
                problem: None,
            },
            Inspection {
                fingerprint: NonZeroU64::new(0xabc),
                format: Some(Format::Jpeg),
                pages: None,
                problem: Some(Box::new(Problem::Mismatch {
                    actual: Format::Jpeg,
                })),
            },
            Inspection {
                fingerprint: NonZeroU64::new(0xabc),
                format: Some(Format::Pdf),
                pages: None,
                problem: Some(Box::new(Problem::CorruptPdf(Damage::StartxrefBeyondEnd {
                    offset: 1234,
                }))),
            },
            Inspection {
                fingerprint: NonZeroU64::new(0xabc),
                format: Some(Format::Pdf),
                pages: None,
                problem: Some(Box::new(Problem::CorruptPdf(Damage::parser(
                    "invalid file trailer",
                )))),
            },
            Inspection {
                fingerprint: None,
                format: Some(Format::Text),
                pages: None,
                problem: Some(Box::new(Problem::CorruptContainer(Damage::NotValidAs {
                    extension: "docx".into(),
                    format: Format::Ole,
                }))),
            },
            Inspection {
                fingerprint: NonZeroU64::new(0xabc),
                format: Some(Format::Pdf),
                pages: None,
                problem: Some(Box::new(Problem::EncryptedPdf { pages: Some(3) })),
            },
            Inspection {
                fingerprint: NonZeroU64::new(0xabc),
                format: None,
                pages: None,
                problem: Some(Box::new(Problem::TooLarge(5_000_000_000))),
            },
            Inspection {
                fingerprint: NonZeroU64::new(0xabc),
                format: None,
                pages: None,
                problem: Some(Box::new(Problem::Empty)),
            },
        ];
        let whole = [
            Damage::BrokenPageTree(PageTreeFault::Missing {
                detail: "missing\tobject\n".into(),
            }),
            Damage::BrokenPageTree(PageTreeFault::TooLarge),
            Damage::DecompressionBomb { limit: 1 << 30 },
            Damage::Stopped(Stop::PANICKED),
            Damage::Stopped(Stop::OutOfMemory {
                budget_mb: 384,
                requested: Some(8),
            }),
        ]
        .into_iter()
        .map(|damage| Inspection {
            fingerprint: NonZeroU64::new(0xabc),
            format: Some(Format::Pdf),
            pages: None,
            problem: Some(Box::new(Problem::CorruptPdf(damage))),
        });
        for case in cases.into_iter().chain(whole) {
            assert_eq!(decode(&encode(&case)), Some(case.clone()), "{case:?}");
        }
    }

    fn file(path: &str, size: u64, secs: u64) -> FileEntry {
        FileEntry::new(
            0,
            Path::new("/x"),
            &Path::new("/x").join(path),
            1,
            size,
            Some(UNIX_EPOCH + std::time::Duration::from_secs(secs)),
        )
    }

    fn pdf(pages: u32) -> Inspection {
        Inspection {
            fingerprint: NonZeroU64::new(0xabc),
            format: Some(Format::Pdf),
            pages: NonZeroU32::new(pages),
            problem: None,
        }
    }

    #[test]
    fn unchanged_files_hit_and_changed_ones_miss() {
        let dir = std::env::temp_dir().join(format!("guicang-cache-{}", std::process::id()));
        let path = dir.join("c.tsv");
        // Saved out of path order: the file is written sorted, the lookup merges in order.
        let files = [
            file("p/b.pdf", 10, 1_700_000_000),
            file("p/a.pdf", 10, 1_700_000_000),
            file("p-2/c.pdf", 10, 1_700_000_000),
            file("p/gone.pdf", 10, 1_700_000_000),
        ];
        let inspections = [pdf(1), pdf(2), pdf(3), pdf(4)];
        save(&path, &files, &inspections).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let listed: Vec<&str> = text
            .lines()
            .skip(1)
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert_eq!(listed, ["p-2/c.pdf", "p/a.pdf", "p/b.pdf", "p/gone.pdf"]);

        let now = [
            file("p/a.pdf", 10, 1_700_000_000),   // unchanged
            file("p/b.pdf", 11, 1_700_000_000),   // grew
            file("p-2/c.pdf", 10, 1),             // touched
            file("p/new.pdf", 10, 1_700_000_000), // added
        ];
        let hits = lookup(&path, &now);
        assert_eq!(hits.hit, [true, false, false, false]);
        assert_eq!(hits.inspections[0], pdf(2));
        assert_eq!(hits.inspections[1], Inspection::default());
        assert_eq!(hits.entries, 4);

        let same = lookup(&path, &files);
        assert_eq!(same.hit, [true; 4]);
        assert_eq!(same.inspections, inspections);

        // A file that was not inspected (a ledger, say) leaves no line: under another
        // configuration it may be evidence, and must then be inspected.
        let ledger = file("p/台账.xlsx", 10, 1_700_000_000);
        save(
            &path,
            std::slice::from_ref(&ledger),
            &[Inspection::default()],
        )
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");

        std::fs::write(&path, "not a cache\n").unwrap();
        let foreign = lookup(&path, &files);
        assert_eq!((foreign.hit, foreign.entries), (vec![false; 4], 0));
        let missing = lookup(&dir.join("absent.tsv"), &files);
        assert_eq!(missing.hit, [false; 4]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
