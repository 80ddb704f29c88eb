//! What can be wrong with a file: the format its bytes show and the problem inspection
//! found, the finding code of each and whether the file still counts as evidence, and why
//! a ledger could not be read ([`SheetError`]). Shared by inspection and ledger reading,
//! which find them, the checks, which report them, and the report, which puts them into
//! words.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use super::stop::Stop;
use super::{Code, Severity};

/// A file format as its content shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Format {
    /// PDF.
    Pdf,
    /// OFD (China's fixed-layout format): a zip holding `OFD.xml`.
    Ofd,
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
    /// TIFF image.
    Tiff,
    /// HEIC/HEIF image.
    Heic,
    /// BMP image.
    Bmp,
    /// MP4 or QuickTime MOV video (ISO base media).
    IsoMedia,
    /// AVI video.
    Avi,
    /// OLE2 compound file: DOC, XLS, PPT, WPS, ET.
    Ole,
    /// An OLE2 compound file holding an encrypted OOXML package (a password-protected docx/xlsx).
    EncryptedOoxml,
    /// Word OOXML (docx).
    Docx,
    /// Excel OOXML (xlsx, xlsm).
    Xlsx,
    /// Excel binary workbook (xlsb).
    Xlsb,
    /// PowerPoint OOXML (pptx).
    Pptx,
    /// OpenDocument (ods, odt, odp).
    OpenDocument,
    /// Any other zip archive.
    Zip,
    /// AutoCAD drawing.
    Dwg,
    /// Old Excel 2–4 worksheet (BIFF2–4, not an OLE container).
    LegacyXls,
    /// Plain text (csv, txt).
    Text,
    /// Nothing recognisable.
    Unknown,
}

impl Format {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Ofd => "OFD",
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Tiff => "TIFF",
            Format::Heic => "HEIC",
            Format::Bmp => "BMP",
            Format::IsoMedia => "MP4/MOV",
            Format::Avi => "AVI",
            Format::Ole => "OLE2 (DOC/XLS/WPS)",
            Format::EncryptedOoxml => "encrypted Office",
            Format::Docx => "DOCX",
            Format::Xlsx => "XLSX",
            Format::Xlsb => "XLSB",
            Format::Pptx => "PPTX",
            Format::OpenDocument => "OpenDocument",
            Format::Zip => "ZIP",
            Format::Dwg => "DWG",
            Format::LegacyXls => "Excel 2-4 (BIFF)",
            Format::Text => "text",
            Format::Unknown => "unknown",
        }
    }

    /// Every format.
    pub const ALL: [Format; 21] = [
        Format::Pdf,
        Format::Ofd,
        Format::Jpeg,
        Format::Png,
        Format::Tiff,
        Format::Heic,
        Format::Bmp,
        Format::IsoMedia,
        Format::Avi,
        Format::Ole,
        Format::EncryptedOoxml,
        Format::Docx,
        Format::Xlsx,
        Format::Xlsb,
        Format::Pptx,
        Format::OpenDocument,
        Format::Zip,
        Format::Dwg,
        Format::LegacyXls,
        Format::Text,
        Format::Unknown,
    ];

    /// The format named by [`Format::name`].
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether the format is a container of parts (zip or OLE), whose absence under its
    /// extension means damage rather than another format.
    pub fn is_binary_container(self) -> bool {
        !matches!(self, Format::Text | Format::Unknown)
    }

    /// Whether the format is a spreadsheet (its damage is `corrupt-spreadsheet`).
    pub fn is_spreadsheet_extension(extension: &str) -> bool {
        matches!(
            extension,
            "xls" | "xlsx" | "xlsm" | "xlsb" | "ods" | "et" | "csv"
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<Format> for &'static str {
    fn from(format: Format) -> &'static str {
        format.name()
    }
}

impl TryFrom<String> for Format {
    type Error = String;

    fn try_from(name: String) -> Result<Format, String> {
        Format::from_name(&name).ok_or_else(|| format!("unknown format {name:?}"))
    }
}

/// How a file is damaged: what inspection found, or the parser's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "damage", rename_all = "kebab-case")]
pub enum Damage {
    /// A PDF without a valid `%PDF-x.y` header.
    NoPdfHeader,
    /// A PDF with no `startxref` at its end (truncated or damaged).
    NoStartxref,
    /// A PDF whose `startxref` points past its end.
    StartxrefBeyondEnd {
        /// The byte it points to.
        offset: u64,
    },
    /// A PDF with no `%%EOF` at its end (truncated).
    NoEof,
    /// A PDF whose cross-reference data had to be rebuilt by scanning.
    XrefRebuilt,
    /// A PDF without pages.
    NoPages,
    /// A zip container whose parts declare more bytes, inflated, than any archive document.
    DecompressionBomb {
        /// The limit their sizes passed, in bytes.
        limit: u64,
    },
    /// A PDF whose pages cannot be counted: its page tree is missing or broken.
    BrokenPageTree(PageTreeFault),
    /// A JPEG without its end-of-image marker.
    JpegTruncated,
    /// A PNG without its `IEND` chunk.
    PngTruncated,
    /// Content that is no valid file of its extension, nor of any other format.
    NotValidAs {
        /// The extension.
        extension: String,
        /// What the bytes look like.
        format: Format,
    },
    /// A parser's message, which exists in one language only.
    Parser {
        /// The message.
        message: String,
    },
    /// The parser was stopped (past its memory budget, crashed): it gave no verdict, and a
    /// file that stops its parser is no evidence.
    Stopped(Stop),
}

/// What is wrong with a PDF's page tree, which pages are counted by walking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fault", rename_all = "kebab-case")]
pub enum PageTreeFault {
    /// The catalogue names no page tree.
    Missing {
        /// lopdf's message.
        detail: String,
    },
    /// The tree loops back to a node already walked.
    Loop {
        /// The object number of the node.
        object: u32,
        /// Its generation.
        generation: u16,
    },
    /// The tree names a node that cannot be read.
    BadNode {
        /// The object number of the node.
        object: u32,
        /// Its generation.
        generation: u16,
        /// lopdf's message.
        detail: String,
    },
    /// More nodes than any real document has (ten million).
    TooLarge,
}

impl Damage {
    /// A parser's message.
    pub fn parser(message: impl Into<String>) -> Damage {
        Damage::Parser {
            message: message.into(),
        }
    }
}

/// Why a file could not be read from disk: our own account where there is one, the
/// operating system's words otherwise.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error, Serialize, Deserialize,
)]
#[serde(tag = "cause", rename_all = "kebab-case")]
pub enum ReadError {
    /// It was there when the archive was walked and gone when it was opened.
    #[error("it disappeared during the sweep")]
    Vanished,
    /// The system refused to open it.
    #[error("permission denied")]
    PermissionDenied,
    /// It, or a folder on its way inside the archive, is a symbolic link, which is not
    /// followed.
    #[error("it or a folder on its way is a symbolic link, which is not followed")]
    Symlink,
    /// It is something other than a regular file.
    #[error("it is a {kind}, not a regular file")]
    NotRegular {
        /// What it is: `FIFO`, `socket`, `device`, `folder`, `symbolic link` or `special file`.
        kind: String,
    },
    /// A folder the walk listed is a folder no longer (swapped for a file while the sweep
    /// ran).
    #[error("it is no longer a folder")]
    NotAFolder,
    /// It is larger than guicang reads for its kind (a `project.toml` of a gigabyte).
    #[error("it is {size} bytes, more than the {cap} bytes allowed for it")]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The most guicang reads of it.
        cap: u64,
    },
    /// A text file that is not UTF-8 (a manifest saved as GBK, say).
    #[error("it is not UTF-8 text (byte {byte} is not); save it as UTF-8")]
    NotUtf8 {
        /// 1-based position of the first byte that is not UTF-8.
        byte: usize,
    },
    /// Any other error: the system's message.
    #[error("{message}")]
    Other {
        /// The system's message.
        message: String,
    },
}

impl From<&std::io::Error> for ReadError {
    fn from(error: &std::io::Error) -> ReadError {
        match error.kind() {
            std::io::ErrorKind::NotFound => ReadError::Vanished,
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            _ => ReadError::Other {
                message: error.to_string(),
            },
        }
    }
}

/// What is wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", content = "detail", rename_all = "kebab-case")]
pub enum Problem {
    /// 0 bytes.
    Empty,
    /// Cannot be opened or read.
    Unreadable(ReadError),
    /// The content is another format than the extension says.
    Mismatch {
        /// What the bytes are.
        actual: Format,
    },
    /// A PDF that is damaged or truncated.
    CorruptPdf(Damage),
    /// A PDF that is encrypted.
    EncryptedPdf {
        /// Pages, when they could still be counted.
        pages: Option<u32>,
    },
    /// A JPEG or PNG cut short.
    CorruptImage(Damage),
    /// A zip or OLE container that does not open.
    CorruptContainer(Damage),
    /// A password-protected Office file.
    EncryptedOffice,
    /// Larger than the inspection limit.
    TooLarge(u64),
    /// A parser took longer than the time budget.
    Timeout,
    /// The file could not be checked at all (no worker process to parse it): unknown,
    /// never taken for healthy.
    NotChecked(Stop),
}

impl Problem {
    /// The finding code of the problem, for a file with `extension`.
    pub fn code(&self, extension: &str) -> Code {
        match self {
            Problem::Empty => Code::EmptyFile,
            Problem::Unreadable(_) => Code::UnreadableFile,
            Problem::Mismatch { .. } => Code::FormatMismatch,
            Problem::CorruptPdf(_) => Code::CorruptPdf,
            Problem::EncryptedPdf { .. } => Code::EncryptedPdf,
            Problem::CorruptImage(_) => Code::CorruptImage,
            Problem::CorruptContainer(_) if Format::is_spreadsheet_extension(extension) => {
                Code::CorruptSpreadsheet
            }
            Problem::CorruptContainer(_) => Code::CorruptOffice,
            Problem::EncryptedOffice => Code::EncryptedOffice,
            Problem::TooLarge(_) => Code::FileSkippedTooLarge,
            Problem::Timeout | Problem::NotChecked(_) => Code::FileCheckTimeout,
        }
    }

    /// Whether a file with this problem cannot count as evidence of a document.
    pub fn is_unusable(&self) -> bool {
        matches!(
            self,
            Problem::Empty
                | Problem::Unreadable(_)
                | Problem::CorruptPdf(_)
                | Problem::CorruptImage(_)
                | Problem::CorruptContainer(_)
        )
    }

    /// The severity of the finding, given whether the file is the only evidence of its document.
    pub fn severity(&self, extension: &str, only_evidence: bool) -> Severity {
        match self {
            Problem::Empty if only_evidence => Severity::Error,
            _ => self.code(extension).doc().severity,
        }
    }
}

/// Why a spreadsheet (a ledger) could not be read: facts the report puts into words. Only
/// `Corrupt` and the details of `Io`, `DamagedPart` and `Stopped` quote outside text (the
/// operating system's or the parser's), as written; the rest is our own account.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "reason", content = "detail", rename_all = "kebab-case")]
pub enum SheetError {
    /// The file could not be read from disk.
    #[error("cannot read the file: {0}")]
    Io(ReadError),
    /// Larger than the ledgers' size limit.
    #[error("the file is {size} bytes, larger than the {limit}-byte limit for ledgers")]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Protected by a password.
    #[error("the file is encrypted (password-protected); save it again without a password")]
    Encrypted,
    /// 0 bytes.
    #[error("the file is empty (0 bytes)")]
    Empty,
    /// Not a spreadsheet at all: what the bytes are instead.
    #[error("not a spreadsheet (the content is {found})")]
    NotASpreadsheet {
        /// What the bytes look like.
        found: Format,
    },
    /// A spreadsheet the parser rejects: the parser's message.
    #[error("the spreadsheet is damaged: {0}")]
    Corrupt(String),
    /// A part of the zip container cannot be read.
    #[error(
        "the spreadsheet is damaged: part {} of its zip container cannot be read ({detail})",
        .index + 1
    )]
    DamagedPart {
        /// The part's index in the container, from 0.
        index: usize,
        /// The zip reader's message.
        detail: String,
    },
    /// A part of the zip container declares a size no ledger has: a decompression bomb.
    #[error(
        "the spreadsheet is damaged: part {part:?} inflates to {size} bytes: a decompression bomb, not a ledger"
    )]
    Bomb {
        /// The part's name.
        part: String,
        /// The size it declares, in bytes.
        size: u64,
    },
    /// A cell beyond Excel's 1,048,576 rows or 16,384 columns.
    #[error(
        "the spreadsheet is damaged: sheet {sheet:?} has a cell at row {row}, column {column}, beyond Excel's limits"
    )]
    BeyondExcel {
        /// The sheet.
        sheet: String,
        /// The cell's row, from 1.
        row: u64,
        /// The cell's column, from 1.
        column: u64,
    },
    /// More cells than a ledger is read with: read, or held when rows are padded to their
    /// last column.
    #[error(
        "the spreadsheet is damaged: {} spreads over more than {limit} cells",
        sheet_named(sheet)
    )]
    TooManyCells {
        /// The sheet, when one sheet alone passed the limit.
        sheet: Option<String>,
        /// The limit.
        limit: usize,
    },
    /// More text than a ledger is read with (one long string repeated in every cell).
    #[error("the spreadsheet is damaged: sheet {sheet:?} holds more than {limit} bytes of text")]
    TooMuchText {
        /// The sheet.
        sheet: String,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The parser was stopped, or could not be run.
    #[error("{0}")]
    Stopped(Stop),
}

/// `sheet "…"`, or `the workbook` when no one sheet is meant.
fn sheet_named(sheet: &Option<String>) -> String {
    sheet
        .as_ref()
        .map_or_else(|| "the workbook".to_string(), |s| format!("sheet {s:?}"))
}
