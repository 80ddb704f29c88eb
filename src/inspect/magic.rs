//! Identifying a file by its bytes, as format registries (PRONOM, siegfried, libmagic) do,
//! and the formats each extension promises.

pub use crate::finding::file::Format;

/// The formats a file with `extension` may hold; `None` for extensions guicang does not judge.
pub fn expected_formats(extension: &str) -> Option<&'static [Format]> {
    use Format::*;
    Some(match extension {
        "pdf" => &[Pdf],
        "ofd" => &[Ofd],
        "jpg" | "jpeg" | "jpe" => &[Jpeg],
        "png" => &[Png],
        "tif" | "tiff" => &[Tiff],
        "heic" | "heif" => &[Heic],
        "bmp" => &[Bmp],
        "mp4" | "mov" | "m4v" => &[IsoMedia],
        "avi" => &[Avi],
        "doc" | "ppt" => &[Ole],
        "xls" => &[Ole, LegacyXls],
        "wps" | "et" | "dps" => &[Ole, Docx, Xlsx, Pptx],
        "docx" => &[Docx, EncryptedOoxml],
        "xlsx" | "xlsm" => &[Xlsx, EncryptedOoxml],
        "xlsb" => &[Xlsb, EncryptedOoxml],
        "pptx" => &[Pptx, EncryptedOoxml],
        "ods" | "odt" | "odp" => &[OpenDocument],
        "zip" => &[Zip, Docx, Xlsx, Pptx, OpenDocument, Ofd],
        "dwg" => &[Dwg],
        "csv" | "txt" => &[Text],
        _ => return None,
    })
}

/// Identifies the format from the first bytes of a file (`head`, up to a few KB) and, for
/// zip containers, the names of its parts.
pub fn identify(head: &[u8], zip_names: Option<&[String]>) -> Format {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return identify_zip(zip_names.unwrap_or_default());
    }
    if find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    let at = |offset: usize, magic: &[u8]| head.get(offset..offset + magic.len()) == Some(magic);
    if at(0, b"\xFF\xD8\xFF") {
        Format::Jpeg
    } else if at(0, b"\x89PNG\r\n\x1a\n") {
        Format::Png
    } else if at(0, b"II*\0") || at(0, b"MM\0*") {
        Format::Tiff
    } else if at(0, b"BM") && head.len() >= 14 {
        Format::Bmp
    } else if at(4, b"ftyp") {
        let brand = head.get(8..12).unwrap_or_default();
        if [
            &b"heic"[..],
            b"heix",
            b"mif1",
            b"msf1",
            b"hevc",
            b"heim",
            b"heis",
        ]
        .contains(&brand)
        {
            Format::Heic
        } else {
            Format::IsoMedia
        }
    } else if at(4, b"moov") || at(4, b"mdat") || at(4, b"wide") || at(4, b"free") {
        Format::IsoMedia
    } else if at(0, b"RIFF") && at(8, b"AVI ") {
        Format::Avi
    } else if at(0, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Format::Ole
    } else if at(0, b"AC10") {
        Format::Dwg
    } else if matches!(head, [0x09, 0x00 | 0x02 | 0x04, 0x04 | 0x06, 0x00, ..]) {
        Format::LegacyXls
    } else if looks_like_text(head) {
        Format::Text
    } else {
        Format::Unknown
    }
}

fn identify_zip(names: &[String]) -> Format {
    // Writers other than Excel use any case and even backslashes in part names.
    let names: Vec<String> = names
        .iter()
        .map(|n| n.replace('\\', "/").to_ascii_lowercase())
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    let has_prefix = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    if has("ofd.xml") {
        Format::Ofd
    } else if has("mimetype") && (has("content.xml") || has("meta-inf/manifest.xml")) {
        Format::OpenDocument
    } else if has("xl/workbook.bin") {
        Format::Xlsb
    } else if has_prefix("xl/") {
        Format::Xlsx
    } else if has_prefix("word/") {
        Format::Docx
    } else if has_prefix("ppt/") {
        Format::Pptx
    } else {
        Format::Zip
    }
}

/// Text: no NUL byte, and UTF-8 (a cut multi-byte character at the end allowed) or GBK.
fn looks_like_text(head: &[u8]) -> bool {
    if head.is_empty() || head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) if e.error_len().is_none() => true,
        Err(_) => {
            let (_, _, had_errors) = encoding_rs::GBK.decode(head);
            !had_errors || head.iter().all(|&b| b >= 0x20 || b"\t\r\n".contains(&b))
        }
    }
}

/// Position of `needle` in `haystack` (the first).
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// Position of the last `needle` in `haystack`.
pub fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_by_bytes() {
        let cases: &[(&[u8], Format)] = &[
            (b"%PDF-1.7\n", Format::Pdf),
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", Format::Jpeg),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Format::Png),
            (b"II*\0\x08\0\0\0", Format::Tiff),
            (b"MM\0*\0\0\0\x08", Format::Tiff),
            (b"\0\0\0\x18ftypheic\0\0\0\0", Format::Heic),
            (b"\0\0\0\x18ftypisom\0\0\0\0", Format::IsoMedia),
            (b"\0\0\0\x14ftypqt  \0\0\0\0", Format::IsoMedia),
            (b"RIFF\0\0\0\0AVI LIST", Format::Avi),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", Format::Ole),
            (b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0", Format::Bmp),
            (b"AC1027\0\0", Format::Dwg),
            ("项目编号,金额\n1,2\n".as_bytes(), Format::Text),
            (b"\x01\x02\x00\x03", Format::Unknown),
        ];
        for (bytes, expected) in cases {
            assert_eq!(identify(bytes, None), *expected, "{bytes:?}");
        }
    }

    #[test]
    fn zips_are_told_apart_by_their_parts() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let zip = b"PK\x03\x04";
        assert_eq!(
            identify(zip, Some(&names(&["OFD.xml", "Doc_0/Document.xml"]))),
            Format::Ofd
        );
        assert_eq!(
            identify(
                zip,
                Some(&names(&["[Content_Types].xml", "xl/workbook.xml"]))
            ),
            Format::Xlsx
        );
        assert_eq!(
            identify(zip, Some(&names(&["word/document.xml"]))),
            Format::Docx
        );
        assert_eq!(
            identify(zip, Some(&names(&["mimetype", "content.xml"]))),
            Format::OpenDocument
        );
        assert_eq!(identify(zip, Some(&names(&["a.txt"]))), Format::Zip);
    }

    #[test]
    fn gbk_text_is_text() {
        let (gbk, _, _) = encoding_rs::GBK.encode("项目编号,项目名称\r\n");
        assert_eq!(identify(&gbk, None), Format::Text);
    }

    #[test]
    fn extensions_promise_formats() {
        assert_eq!(
            expected_formats("PDF".to_ascii_lowercase().as_str()),
            Some(&[Format::Pdf][..])
        );
        assert!(
            expected_formats("xlsx")
                .unwrap()
                .contains(&Format::EncryptedOoxml)
        );
        assert_eq!(expected_formats("dat"), None);
    }
}
