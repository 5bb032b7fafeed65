//! What can go wrong on import: a whole file that cannot be read, or one
//! row that cannot be used. Each says where and why in a full sentence.

use super::mapping::Field;
use serde::{Deserialize, Serialize};

/// Why one row was rejected (the row is left out; every other row is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowErrorKind {
    MissingCustomer,
    MissingDate,
    UnreadableDate {
        value: String,
    },
    ImpossibleDate {
        value: String,
    },
    DateOutOfRange {
        value: String,
    },
    MissingAmount,
    BadAmount {
        value: String,
    },
    TooFewFields {
        found: usize,
        expected: usize,
    },
    /// A customer summary: a count or number that does not read.
    BadNumber {
        value: String,
    },
    /// A customer summary: a yes/no cell that does not read.
    BadFlag {
        value: String,
    },
    /// A customer summary: an as-of date other than the first row's.
    AsOfDiffers {
        value: String,
    },
    /// A customer summary: a figure no visit history can have (a last
    /// visit before the first, more visits in 12 months than in all).
    ImpossibleSummary {
        value: String,
    },
    /// A customer summary: a customer listed a second time.
    DuplicateCustomer {
        value: String,
    },
}

/// One rejected row: its line in the file (sheet row for XLSX, 1-based,
/// the header being a line too), the column header and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u64,
    pub column: Option<String>,
    pub field: Option<Field>,
    pub kind: RowErrorKind,
}

/// What a file that is plainly not a table is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotTable {
    Png,
    Jpeg,
    Gif,
    WebP,
    Pdf,
    Archive,
}

/// Why a whole file could not be used. The previous data set stays loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileError {
    Empty,
    /// Recognisably not a table: an image, a PDF, an archive.
    NotATable {
        kind: NotTable,
    },
    /// A spreadsheet that calamine could not open.
    UnreadableWorkbook {
        reason: String,
    },
    /// A workbook part that inflates past the size it declares, or fails
    /// its checksum: damaged, or built to look small (a zip bomb). The
    /// inflating stopped at the declared size.
    DamagedWorkbook,
    NoSheets,
    /// Bytes that decode to no text lines at all, or binary noise.
    NotText,
    /// No header row names any column we know.
    NoRecognisableColumns {
        first_line: String,
    },
    /// The mapping lacks columns every row needs.
    MissingColumns {
        fields: Vec<Field>,
    },
    /// A header and nothing under it.
    NoDataRows,
    /// A customer summary (its header names one) without columns every
    /// row needs, by their English headers.
    SummaryColumnsMissing {
        columns: Vec<String>,
    },
    /// A file larger than a browser imports (`limits::MAX_FILE_BYTES`),
    /// refused before it is read.
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// A workbook whose parts inflate past `limit` bytes
    /// (`limits::MAX_WORKBOOK_INFLATED_BYTES`): refused while inflating.
    WorkbookTooLarge {
        limit: u64,
    },
    /// A sheet with a value below row `limit` (`limits::MAX_SHEET_ROWS`).
    TooManyRows {
        sheet: String,
        limit: u64,
    },
    /// A sheet whose table spans more than `limit` cells, rows × columns
    /// (`limits::MAX_SHEET_CELLS`).
    TooManyCells {
        sheet: String,
        limit: u64,
    },
}

impl std::error::Error for FileError {}
