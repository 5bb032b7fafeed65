//! A workbook sheet's rows, laid out as calamine's `Range` lays them out
//! (the table from the first to the last value, every row as wide as the
//! table), read within the row and cell limits.
//!
//! XLSX and XLSB sheets are streamed cell by cell, so a sheet past a limit
//! is refused before its table is built: two values far apart (A1 and
//! XFD1048576) would otherwise ask for 17 billion cells. XLS and ODS sheets
//! come whole from calamine (XLS cannot exceed 65,536 × 256 cells).

use super::error::FileError;
use super::limits::Limits;
use super::Cell;
use calamine::{Data, DataRef, Reader, Sheets};
use std::io::{Read, Seek};

/// One sheet's rows, each with its 1-based sheet row number.
pub(super) type SheetRows = Vec<(u64, Vec<Cell>)>;

/// Why a workbook cannot be read. A part that inflates past its declared
/// size or fails its checksum (the zip crate's words) is damaged, and said
/// so in the user's language; other reasons are quoted.
fn workbook_error(reason: String) -> FileError {
    if reason.contains("larger than its declared") || reason.contains("Invalid checksum") {
        FileError::DamagedWorkbook
    } else {
        FileError::UnreadableWorkbook { reason }
    }
}

/// Reads the sheet `name` of `wb` within `limits`.
pub(super) fn read_sheet<RS: Read + Seek>(
    wb: &mut Sheets<RS>,
    name: &str,
    limits: &Limits,
) -> Result<SheetRows, FileError> {
    match wb {
        Sheets::Xlsx(x) => match x.worksheet_cells_reader(name) {
            Ok(mut cells) => collect(|| cells.next_cell(), name, limits),
            // A chart sheet has no cells: an empty sheet, as calamine reads it.
            Err(calamine::XlsxError::NotAWorksheet(_)) => Ok(Vec::new()),
            Err(e) => Err(workbook_error(e.to_string())),
        },
        Sheets::Xlsb(x) => match x.worksheet_cells_reader(name) {
            Ok(mut cells) => collect(|| cells.next_cell(), name, limits),
            Err(e) => Err(workbook_error(e.to_string())),
        },
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = wb
                .worksheet_range(name)
                .map_err(|e| workbook_error(e.to_string()))?;
            let (height, width) = range.get_size();
            let first_row = u64::from(range.start().map_or(0, |(r, _)| r));
            check_rows(first_row + height as u64, name, limits)?;
            check_cells(height as u64 * width as u64, name, limits)?;
            Ok(range
                .rows()
                .enumerate()
                .map(|(i, r)| {
                    (
                        first_row + i as u64 + 1,
                        r.iter().map(Cell::from_calamine).collect(),
                    )
                })
                .collect())
        }
    }
}

fn check_rows(rows: u64, sheet: &str, limits: &Limits) -> Result<(), FileError> {
    if rows > limits.sheet_rows {
        return Err(FileError::TooManyRows {
            sheet: sheet.to_owned(),
            limit: limits.sheet_rows,
        });
    }
    Ok(())
}

fn check_cells(cells: u64, sheet: &str, limits: &Limits) -> Result<(), FileError> {
    if cells > limits.sheet_cells {
        return Err(FileError::TooManyCells {
            sheet: sheet.to_owned(),
            limit: limits.sheet_cells,
        });
    }
    Ok(())
}

/// One row's values so far: the column of the first and the cells from it.
struct Row {
    start: u32,
    cells: Vec<Cell>,
}

/// The sheet's rows from its stream of cells. Empty cells are skipped, as
/// calamine skips them; the table's extent is checked after every value, so
/// memory stays within the cell limit (twice it for a row written right to
/// left).
fn collect<'a, E: std::fmt::Display>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, E>,
    sheet: &str,
    limits: &Limits,
) -> Result<SheetRows, FileError> {
    let mut rows: Vec<Option<Row>> = Vec::new();
    // (first row, last row, first column, last column) of the values.
    let mut extent: Option<(u32, u32, u32, u32)> = None;
    let mut values = 0u64;
    loop {
        let cell = match next() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return Err(workbook_error(e.to_string())),
        };
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        check_rows(u64::from(r) + 1, sheet, limits)?;
        let (r0, r1, c0, c1) = extent.map_or((r, r, c, c), |(r0, r1, c0, c1)| {
            (r0.min(r), r1.max(r), c0.min(c), c1.max(c))
        });
        extent = Some((r0, r1, c0, c1));
        // Repeated positions add values but not extent: count both.
        values += 1;
        let span = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
        check_cells(span.max(values), sheet, limits)?;

        let value = from_data_ref(cell.get_value().clone());
        let at = r as usize;
        if rows.len() <= at {
            rows.resize_with(at + 1, || None);
        }
        let row = rows[at].get_or_insert_with(|| Row {
            start: c,
            cells: Vec::new(),
        });
        if c < row.start {
            // Grow leftwards by at least the row's length, so cells that
            // arrive right to left cost amortised O(1), not a shift each.
            let len = row.cells.len() as u32;
            let start = c.min(row.start.saturating_sub(len));
            let gap = (row.start - start) as usize;
            row.cells
                .splice(0..0, std::iter::repeat_n(Cell::Empty, gap));
            row.start = start;
        }
        let i = (c - row.start) as usize;
        if row.cells.len() <= i {
            row.cells.resize(i + 1, Cell::Empty);
        }
        row.cells[i] = value;
    }
    let Some((r0, r1, c0, c1)) = extent else {
        return Ok(Vec::new());
    };
    let width = (c1 - c0 + 1) as usize;
    Ok((r0..=r1)
        .map(|r| {
            let mut out = vec![Cell::Empty; width];
            if let Some(Some(row)) = rows.get_mut(r as usize).map(Option::take) {
                for (col, v) in (row.start..).zip(row.cells) {
                    if let Some(slot) = col.checked_sub(c0).and_then(|i| out.get_mut(i as usize)) {
                        *slot = v;
                    }
                }
            }
            (u64::from(r) + 1, out)
        })
        .collect())
}

/// A streamed cell as a [`Cell`].
fn from_data_ref(d: DataRef<'_>) -> Cell {
    Cell::from_data(Data::from(d))
}
