//! `duplicate-file`: the same content in two places of one project.
//!
//! Candidates must share size and the fingerprint inspection took of their first and last
//! KB anyway; only those are read whole, and a shared hash is confirmed byte for byte, so a
//! report of a duplicate is never a hash accident.

use std::hash::{DefaultHasher, Hasher};
use std::io::{BufReader, Read};

use rayon::prelude::*;

use super::Context;
use crate::classify::FileClass;
use crate::finding::said::FileSaid;
use crate::finding::{Code, Finding};
use crate::guard::open::{Links, open_regular};

/// Reports files of a project that have the same content as an earlier one.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.inspections.is_empty() {
        return; // inspection is off: no file is read
    }
    // Candidates are grouped by sorting each project's (size, fingerprint, index), a few
    // bytes per file, never a map of all.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut keys: Vec<(u64, u64, usize)> = Vec::new();
    for run in ctx.project_runs() {
        keys.clear();
        for index in run {
            let (file, inspection) = (&ctx.files[index], &ctx.inspections[index]);
            let candidate = !matches!(
                ctx.classes[index].class,
                FileClass::Temporary | FileClass::Bookkeeping
            ) && file.size > 0
                && inspection.problem.is_none();
            if let (true, Some(fingerprint)) = (candidate, inspection.fingerprint) {
                keys.push((file.size, fingerprint.get(), index));
            }
        }
        keys.sort_unstable();
        for same in keys.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            if same.len() > 1 {
                groups.push(same.iter().map(|&(_, _, index)| index).collect());
            }
        }
    }
    groups.sort();
    let hashed: Vec<Vec<(usize, u64)>> = groups
        .par_iter()
        .map(|group| {
            group
                .iter()
                .filter_map(|&i| content_hash(&ctx.files[i].path(ctx.root)).map(|h| (i, h)))
                .collect()
        })
        .collect();
    for group in hashed {
        let mut seen: Vec<(u64, usize)> = Vec::new();
        for (index, hash) in group {
            let original = seen.iter().find(|(h, first)| {
                *h == hash
                    && same_content(
                        &ctx.files[*first].path(ctx.root),
                        &ctx.files[index].path(ctx.root),
                    )
            });
            match original {
                Some(&(_, first)) => out.push(duplicate(ctx, first, index)),
                None => seen.push((hash, index)),
            }
        }
    }
}

fn duplicate(ctx: &Context<'_>, first: usize, copy: usize) -> Finding {
    let (a, b) = (&ctx.files[first], &ctx.files[copy]);
    let said = FileSaid::DuplicateFile {
        original: a.rel_path().to_string(),
    };
    Finding::new(Code::DuplicateFile, said)
        .project(ctx.projects[b.project()].key())
        .path(b.rel_path().joined())
        .path(a.rel_path().joined())
}

fn content_hash(path: &std::path::Path) -> Option<u64> {
    let (file, size) = open_regular(path, Links::Refuse).ok()?;
    let mut reader = BufReader::with_capacity(8 * 1024, file);
    let mut hasher = DefaultHasher::new();
    let mut buffer = vec![0u8; size.clamp(1, 256 * 1024) as usize];
    loop {
        let n = reader.read(&mut buffer).ok()?;
        if n == 0 {
            return Some(hasher.finish());
        }
        hasher.write(&buffer[..n]);
    }
}

fn same_content(a: &std::path::Path, b: &std::path::Path) -> bool {
    let (Ok((fa, size)), Ok((fb, _))) = (
        open_regular(a, Links::Refuse),
        open_regular(b, Links::Refuse),
    ) else {
        return false;
    };
    let size = size.clamp(1, 64 * 1024) as usize;
    let (mut ra, mut rb) = (
        BufReader::with_capacity(8 * 1024, fa),
        BufReader::with_capacity(8 * 1024, fb),
    );
    let (mut ba, mut bb) = (vec![0u8; size], vec![0u8; size]);
    loop {
        let (Ok(na), Ok(nb)) = (read_full(&mut ra, &mut ba), read_full(&mut rb, &mut bb)) else {
            return false;
        };
        if na != nb || ba[..na] != bb[..nb] {
            return false;
        }
        if na == 0 {
            return true;
        }
    }
}

/// Reads until the buffer is full or the file ends.
fn read_full(reader: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}
