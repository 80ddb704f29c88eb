//! Unit tests of the inspection: the outcome for each kind of file, from small real files
//! written in a temporary folder.

use std::io::Write;
use std::path::Path;

use super::*;

/// Inspects `bytes` written as `name` in `dir`, with default limits.
fn inspect_bytes(dir: &Path, name: &str, bytes: &[u8]) -> Inspection {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    inspect_file(&path, name, &InspectOptions::default())
}

fn problem(inspection: &Inspection) -> Option<&Problem> {
    inspection.problem.as_deref()
}

/// A one-page PDF with a correct cross-reference table.
fn one_page_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        write!(pdf, "{} 0 obj\n{object}\nendobj\n", i + 1).unwrap();
    }
    let xref = pdf.len();
    write!(pdf, "xref\n0 4\n0000000000 65535 f \n").unwrap();
    for offset in offsets {
        writeln!(pdf, "{offset:010} 00000 n ").unwrap();
    }
    write!(
        pdf,
        "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    )
    .unwrap();
    pdf
}

#[test]
fn a_sound_pdf_has_its_format_pages_and_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let inspection = inspect_bytes(dir.path(), "批复.pdf", &one_page_pdf());
    assert_eq!(problem(&inspection), None);
    assert_eq!(inspection.format, Some(Format::Pdf));
    assert_eq!(inspection.pages, NonZeroU32::new(1));
    assert!(inspection.fingerprint.is_some());
}

#[test]
fn a_pdf_cut_short_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let whole = one_page_pdf();
    let cut = inspect_bytes(dir.path(), "批复.pdf", &whole[..whole.len() - 20]);
    assert!(
        matches!(problem(&cut), Some(Problem::CorruptPdf(_))),
        "{cut:?}"
    );
}

#[test]
fn an_empty_file_is_empty_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["批复.pdf", "说明.txt", "凭证.jpg"] {
        let inspection = inspect_bytes(dir.path(), name, b"");
        assert_eq!(problem(&inspection), Some(&Problem::Empty), "{name}");
        assert_eq!(inspection.format, None);
    }
}

#[test]
fn content_of_another_format_is_misnamed_and_of_none_is_damage() {
    let dir = tempfile::tempdir().unwrap();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\0IEND\xAE\x42\x60\x82";
    let photo = inspect_bytes(dir.path(), "批复.pdf", png);
    assert_eq!(
        problem(&photo),
        Some(&Problem::Mismatch {
            actual: Format::Png
        })
    );
    let text = "项目编号,金额\n1,2\n".as_bytes();
    let not_pdf = inspect_bytes(dir.path(), "批复.pdf", text);
    assert!(matches!(problem(&not_pdf), Some(Problem::CorruptPdf(_))));
    let not_docx = inspect_bytes(dir.path(), "方案.docx", text);
    assert!(matches!(
        problem(&not_docx),
        Some(Problem::CorruptContainer(_))
    ));
    let csv = inspect_bytes(dir.path(), "台账.csv", text);
    assert_eq!((problem(&csv), csv.format), (None, Some(Format::Text)));
    let dat = inspect_bytes(dir.path(), "数据.dat", png);
    assert_eq!((problem(&dat), dat.format), (None, Some(Format::Png)));
}

#[test]
fn images_without_their_end_marker_are_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\0\x01\x01";
    let cut = inspect_bytes(dir.path(), "照片.jpg", jpeg);
    assert!(matches!(problem(&cut), Some(Problem::CorruptImage(_))));
    let whole = inspect_bytes(dir.path(), "照片.jpg", &[&jpeg[..], b"\xFF\xD9"].concat());
    assert_eq!(problem(&whole), None);
}

#[test]
fn password_protected_office_files_are_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    // An OLE container holding an EncryptedPackage stream: a protected xlsx.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(512, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let xlsx = inspect_bytes(dir.path(), "台账.xlsx", &ole);
    assert_eq!(problem(&xlsx), Some(&Problem::EncryptedOffice));
    // An OpenDocument file whose manifest declares encryption data.
    let odt = dir.path().join("方案.odt");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&odt).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(b"<manifest:encryption-data/>").unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(b"x").unwrap();
    zip.finish().unwrap();
    let inspection = inspect_file(&odt, "方案.odt", &InspectOptions::default());
    assert_eq!(inspection.format, None);
    assert_eq!(problem(&inspection), Some(&Problem::EncryptedOffice));
}

#[test]
fn a_zip_that_does_not_open_is_a_corrupt_container() {
    let dir = tempfile::tempdir().unwrap();
    let inspection = inspect_bytes(dir.path(), "台账.xlsx", b"PK\x03\x04 not really a zip");
    assert!(matches!(
        problem(&inspection),
        Some(Problem::CorruptContainer(_))
    ));
}

#[test]
fn a_file_above_the_size_limit_is_not_inspected_and_one_at_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("说明.txt");
    std::fs::write(&path, b"0123456789").unwrap();
    let limit = |max_file_bytes| InspectOptions {
        max_file_bytes,
        ..InspectOptions::default()
    };
    let over = inspect_file(&path, "说明.txt", &limit(9));
    assert_eq!(problem(&over), Some(&Problem::TooLarge(10)));
    let at = inspect_file(&path, "说明.txt", &limit(10));
    assert_eq!((problem(&at), at.format), (None, Some(Format::Text)));
}

#[cfg(unix)]
#[test]
fn a_fifo_a_link_or_a_vanished_file_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let unreadable =
        |name: &str| match inspect_file(&dir.path().join(name), name, &InspectOptions::default())
            .problem
            .as_deref()
        {
            Some(Problem::Unreadable(why)) => why.clone(),
            other => panic!("{name}: {other:?}"),
        };
    rustix::fs::mknodat(
        rustix::fs::CWD,
        dir.path().join("管道.pdf"),
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .expect("mkfifo");
    assert_eq!(
        unreadable("管道.pdf"),
        ReadError::NotRegular {
            kind: "FIFO".into()
        }
    );
    std::fs::write(dir.path().join("批复.pdf"), one_page_pdf()).unwrap();
    std::os::unix::fs::symlink(dir.path().join("批复.pdf"), dir.path().join("链接.pdf")).unwrap();
    assert_eq!(unreadable("链接.pdf"), ReadError::Symlink);
    assert_eq!(unreadable("不存在.pdf"), ReadError::Vanished);
}

#[test]
fn a_temporary_file_is_not_inspected() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let folder = root.join("MGT-2023-001");
    std::fs::create_dir(&folder).unwrap();
    let names = ["~$方案.docx", "批复.pdf"];
    for name in names {
        std::fs::write(folder.join(name), b"").unwrap();
    }
    let files: Vec<FileEntry> = names
        .iter()
        .map(|name| FileEntry::new(0, root, &folder.join(name), 1, 0, None))
        .collect();
    let project = crate::project::Project {
        code: Some("MGT-2023-001".into()),
        category: Some("equipment".into()),
        ..Default::default()
    };
    let rules =
        crate::ruleset::RuleSet::load(&[] as &[std::path::PathBuf], &Default::default()).unwrap();
    let classes = crate::classify::classify(&files, &[project], &rules, &|_, _| false);
    assert_eq!(classes[0].class, FileClass::Temporary);
    let (inspections, _) = inspect_all(
        root,
        &files,
        &classes,
        &InspectOptions::default(),
        None,
        None,
    );
    assert_eq!(inspections[0], Inspection::default());
    assert_eq!(problem(&inspections[1]), Some(&Problem::Empty));
    assert_eq!(inspections.len(), 2);
}
