//! How much data one import takes, and the check that a workbook stays
//! within it while it is inflated (a zip bomb is refused before calamine
//! reads it).
//!
//! The engine runs in a Web Worker whose wasm memory ends at 4 GB, shared
//! by the file's bytes, its decoded text or sheet cells, and the data set.
//! The limits keep the largest file we accept well inside that; more data
//! belongs in the customer summary (README, "More data than a browser
//! holds"). Sizes are decimal (1 MB = 1,000,000 bytes), as a file manager
//! shows them.

use super::error::FileError;
use std::io::{Cursor, Read};

/// The largest file imported (text or workbook), checked before reading:
/// 400 MB. A text file is held twice while it is decoded (its bytes, then
/// GBK text grows by up to half as UTF-8), about 1 GB at this size, leaving
/// room for the data set: roughly four million rows of a typical export.
pub const MAX_FILE_BYTES: u64 = 400_000_000;

/// The most a workbook's parts may inflate to, all parts together: 1 GB,
/// about a million rows of 20 columns of sheet XML. Checked against the
/// sizes the zip declares, then counted while inflating.
pub const MAX_WORKBOOK_INFLATED_BYTES: u64 = 1_000_000_000;

/// The most rows a sheet may have (the last row with a value): 1,048,576,
/// Excel's own maximum, so any sheet Excel writes is read.
pub const MAX_SHEET_ROWS: u64 = 1_048_576;

/// The most cells a sheet's table may span (rows × columns, from its first
/// to its last value): 20,000,000, a million rows of 20 columns. The table
/// is held whole while importing, so this bounds its memory (about 320 MB
/// in the worker) whatever the columns.
pub const MAX_SHEET_CELLS: u64 = 20_000_000;

/// The limits one import is held to: [`Limits::DEFAULT`] in the app; tests
/// lower them to build small files that cross them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub file_bytes: u64,
    pub workbook_inflated_bytes: u64,
    pub sheet_rows: u64,
    pub sheet_cells: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        file_bytes: MAX_FILE_BYTES,
        workbook_inflated_bytes: MAX_WORKBOOK_INFLATED_BYTES,
        sheet_rows: MAX_SHEET_ROWS,
        sheet_cells: MAX_SHEET_CELLS,
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// Refuses a file larger than `limits.file_bytes`.
pub fn check_file_size(len: usize, limits: &Limits) -> Result<(), FileError> {
    let bytes = len as u64;
    if bytes > limits.file_bytes {
        return Err(FileError::TooLarge {
            bytes,
            limit: limits.file_bytes,
        });
    }
    Ok(())
}

/// Refuses a zip-based workbook (XLSX, XLSB, ODS) whose parts inflate past
/// `limit` bytes in total: first by the sizes its directory declares, then
/// by inflating every part through a counter that stops at the limit, so a
/// bomb costs at most `limit` bytes of inflating and one 64 KB buffer.
/// Anything else wrong with the zip is left to calamine to report.
pub fn check_inflated_size(bytes: &[u8], limit: u64) -> Result<(), FileError> {
    let too_large = || FileError::WorkbookTooLarge { limit };
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        if let Ok(part) = zip.by_index_raw(i) {
            declared = declared.saturating_add(part.size());
        }
        if declared > limit {
            return Err(too_large());
        }
    }
    let mut budget = limit;
    let mut buffer = vec![0; 64 * 1024];
    for i in 0..zip.len() {
        // A part that cannot be inflated (unsupported, encrypted, damaged)
        // is calamine's to report if it needs it.
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        match inflate_within(&mut part, &mut buffer, budget) {
            Some(n) => budget -= n,
            None => return Err(too_large()),
        }
    }
    Ok(())
}

/// Reads `r` to its end or its first error into `buffer` (overwritten,
/// never grown): the bytes read, or `None` past `budget`.
pub fn inflate_within(r: &mut impl Read, buffer: &mut [u8], budget: u64) -> Option<u64> {
    let mut read = 0u64;
    loop {
        match r.read(buffer) {
            Ok(0) | Err(_) => return Some(read),
            Ok(n) => {
                read += n as u64;
                if read > budget {
                    return None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_stops_at_the_budget_without_reading_on() {
        let mut buffer = [0u8; 1000];
        let mut endless = std::io::repeat(b'x');
        assert_eq!(inflate_within(&mut endless, &mut buffer, 10_000), None);
        let mut short = std::io::repeat(b'x').take(10_000);
        assert_eq!(
            inflate_within(&mut short, &mut buffer, 10_000),
            Some(10_000)
        );
        let mut long = std::io::repeat(b'x').take(10_001);
        assert_eq!(inflate_within(&mut long, &mut buffer, 10_000), None);
    }

    #[test]
    fn file_size_is_checked_against_the_limit() {
        let limits = Limits {
            file_bytes: 10,
            ..Limits::DEFAULT
        };
        assert_eq!(check_file_size(10, &limits), Ok(()));
        assert_eq!(
            check_file_size(11, &limits),
            Err(FileError::TooLarge {
                bytes: 11,
                limit: 10
            })
        );
    }
}
