//! What can go wrong on import: a whole file that cannot be read, or one
//! row that cannot be used. Each says where and why in a full sentence.

use super::mapping::Field;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why one row was rejected (the row is left out; every other row is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowErrorKind {
    MissingCustomer,
    MissingDate,
    UnreadableDate { value: String },
    ImpossibleDate { value: String },
    DateOutOfRange { value: String },
    MissingAmount,
    BadAmount { value: String },
    TooFewFields { found: usize, expected: usize },
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

impl fmt::Display for RowErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowErrorKind::MissingCustomer => write!(f, "the customer id is empty"),
            RowErrorKind::MissingDate => write!(f, "the date is empty"),
            RowErrorKind::UnreadableDate { value } => {
                write!(
                    f,
                    "\"{value}\" is not a date we can read (write it like 2024-01-05)"
                )
            }
            RowErrorKind::ImpossibleDate { value } => {
                write!(f, "\"{value}\" is not a real calendar day")
            }
            RowErrorKind::DateOutOfRange { value } => {
                write!(f, "\"{value}\" is outside the years 1950–2100")
            }
            RowErrorKind::MissingAmount => write!(f, "the amount is empty"),
            RowErrorKind::BadAmount { value } => write!(f, "\"{value}\" is not an amount of money"),
            RowErrorKind::TooFewFields { found, expected } => {
                write!(
                    f,
                    "the row has {found} fields where the header has {expected}"
                )
            }
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Line {}", self.line)?;
        if let Some(c) = &self.column {
            write!(f, ", column \"{c}\"")?;
        }
        write!(f, ": {}.", self.kind)
    }
}

/// Why a whole file could not be used. The previous data set stays loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileError {
    Empty,
    /// Recognisably not a table: an image, a PDF, an archive.
    NotATable {
        kind: String,
    },
    /// A spreadsheet that calamine could not open.
    UnreadableWorkbook {
        reason: String,
    },
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
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Empty => write!(f, "The file is empty."),
            FileError::NotATable { kind } => write!(
                f,
                "This is a {kind}, not a table of service visits: export CSV, TSV or XLSX from your DMS."
            ),
            FileError::UnreadableWorkbook { reason } => {
                write!(f, "The spreadsheet could not be opened ({reason}).")
            }
            FileError::NoSheets => write!(f, "The workbook has no sheet with data."),
            FileError::NotText => write!(f, "The file is neither text nor a spreadsheet."),
            FileError::NoRecognisableColumns { first_line } => write!(
                f,
                "No column header was recognised (the first line reads \"{first_line}\"): the file needs a customer, a date and an amount column."
            ),
            FileError::MissingColumns { fields } => {
                let names: Vec<&str> = fields.iter().map(|f| f.id()).collect();
                write!(f, "Choose a column for: {}.", names.join(", "))
            }
            FileError::NoDataRows => write!(f, "The file has a header but no data rows."),
        }
    }
}

impl std::error::Error for FileError {}
