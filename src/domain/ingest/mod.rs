//! Import: bytes of a user's export in, a [`Dataset`] plus every problem out.
//!
//! Two steps, as BurntSushi's csv does it: [`open`] sniffs the kind,
//! decodes the text, finds the header row and proposes a [`ColumnMapping`];
//! an [`Importer`] then turns raw records into typed rows in bounded steps
//! (so the browser can show progress between them). Import never fails on a
//! bad row: the row is left out and reported with its line, column and
//! reason; only a file that cannot be read at all is a [`FileError`].

pub mod decode;
pub mod error;
pub mod limits;
pub mod mapping;
pub mod parts;
mod records;
mod sheet;
pub mod value;

use crate::domain::export::text_cell;
use crate::domain::model::{Dataset, DatasetBuilder, OptionalColumns, VisitRow};
use crate::domain::money::Fen;
use calamine::{Data, Reader};
use chrono::NaiveDate;
use decode::{FileKind, TextEncoding};
pub use error::{FileError, NotTable, RowError, RowErrorKind};
pub use limits::Limits;
pub use mapping::{ColumnMapping, Field};
use records::{Record, Records};
use serde::{Deserialize, Serialize};
use sheet::SheetRows;
use std::borrow::Cow;
use std::io::Cursor;
use std::sync::Arc;
use value::DateProblem;

/// How many leading records are searched for the header row.
const HEADER_SEARCH_RECORDS: usize = 30;
/// How many data rows the mapping panel previews.
const PREVIEW_ROWS: usize = 5;

/// Where the rows come from, as shown in the validation report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceFormat {
    Delimited {
        encoding: TextEncoding,
        delimiter: u8,
    },
    Workbook {
        sheet: String,
        sheets: Vec<String>,
    },
    /// The demo generator (DOMAIN §6 stories), with its seed.
    Generated {
        seed: u64,
    },
}

/// A file that was read and understood up to the header row. Cloning it is
/// cheap (the decoded body is shared), so another mapping can be imported
/// from the same text without reading the file again.
#[derive(Debug, Clone)]
pub struct OpenedFile {
    pub name: String,
    pub format: SourceFormat,
    /// 1-based line (sheet row) of the header.
    pub header_line: u64,
    pub headers: Vec<String>,
    /// The mapping found from the header names; the user may change it.
    pub mapping: ColumnMapping,
    /// The first data rows, as text, for the mapping panel.
    pub preview: Vec<Vec<String>>,
    body: Body,
}

#[derive(Debug, Clone)]
enum Body {
    /// Decoded text; `skip` records (title rows and the header) precede the data.
    Text {
        text: Arc<String>,
        delimiter: u8,
        skip: usize,
    },
    /// Sheet rows after the header, each with its 1-based sheet row number.
    Sheet { rows: Arc<Vec<(u64, Vec<Cell>)>> },
    /// A large text file read in parts (see [`parts`]): only its head has
    /// been read; `skip` records of the first part precede the data.
    Parts {
        plan: parts::PartPlan,
        encoding: TextEncoding,
        delimiter: u8,
        skip: usize,
    },
}

/// How a file opened from its head is read: in parts, with these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartsSpec {
    pub plan: parts::PartPlan,
    pub encoding: TextEncoding,
    pub delimiter: u8,
    pub skip: usize,
}

/// A spreadsheet cell reduced to what import needs.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    fn from_calamine(d: &Data) -> Cell {
        match d {
            Data::Empty | Data::Error(_) => Cell::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                if s.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.clone())
                }
            }
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::Bool(b) => Cell::Text(b.to_string()),
            Data::DateTime(dt) => match dt.as_datetime() {
                Some(t) => Cell::Date(t.date()),
                None => Cell::Number(dt.as_f64()),
            },
        }
    }

    /// As [`Cell::from_calamine`], moving the text.
    fn from_data(d: Data) -> Cell {
        match d {
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                if s.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s)
                }
            }
            other => Cell::from_calamine(&other),
        }
    }

    fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// Reads the file up to its header row and proposes a column mapping.
/// `sheet` picks a workbook sheet by name (default: the first with data).
pub fn open(bytes: Vec<u8>, name: &str, sheet: Option<&str>) -> Result<OpenedFile, FileError> {
    open_with_limits(bytes, name, sheet, &Limits::DEFAULT)
}

/// [`open`] held to other limits (tests lower them).
pub fn open_with_limits(
    bytes: Vec<u8>,
    name: &str,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<OpenedFile, FileError> {
    limits::check_file_size(bytes.len(), limits)?;
    match decode::sniff_kind(&bytes)? {
        FileKind::Workbook => open_workbook(bytes, name, sheet, limits),
        FileKind::Text => open_text(bytes, name),
    }
}

/// Opens a large text file from its first bytes (`head`, at most
/// [`parts::HEAD_BYTES`] of a file of `len` bytes), to be read in parts.
/// `Ok(None)` when the file must be read whole: a workbook, UTF-16, a file
/// too small to be worth cutting, or a head too short to hold the header
/// search and the preview.
pub fn open_head(head: &[u8], len: usize, name: &str) -> Result<Option<OpenedFile>, FileError> {
    limits::check_file_size(len, &Limits::DEFAULT)?;
    if len < parts::PARTS_FROM || head.len() >= len {
        return Ok(None);
    }
    open_head_planned(head, name, parts::PartPlan::new(len))
}

/// [`open_head`] with the parts `plan` gives (tests cut small files).
pub fn open_head_planned(
    head: &[u8],
    name: &str,
    plan: parts::PartPlan,
) -> Result<Option<OpenedFile>, FileError> {
    if decode::sniff_kind(head)? == FileKind::Workbook
        || head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || decode::utf16_without_bom(head).is_some()
    {
        return Ok(None);
    }
    // The head up to its last line feed: whole characters in any of the
    // encodings read in parts.
    let cut = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let head = &head[..cut];
    let (text, encoding) = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        let (cow, _) = encoding_rs::UTF_8.decode_without_bom_handling(&head[3..]);
        (cow.into_owned(), TextEncoding::Utf8Bom)
    } else if decode::is_utf8(head) {
        // UTF-8 so far; a later part that is not falls back to the whole file.
        (
            String::from_utf8_lossy(head).into_owned(),
            TextEncoding::Utf8,
        )
    } else {
        (decode::decode_gbk(head), TextEncoding::Gb18030)
    };
    if decode::looks_binary(&text) {
        return Err(FileError::NotText);
    }
    let delimiter = decode::sniff_delimiter(&text);
    let mut records = Records::new(delimiter);
    let mut head_rows: Vec<(u64, Vec<String>)> = Vec::new();
    // One record more than needed: the last one may be cut by the head's end.
    while head_rows.len() <= HEADER_SEARCH_RECORDS + PREVIEW_ROWS {
        match records.next(&text) {
            Some(r) => head_rows.push((r.line, r.fields().map(|s| s.trim().to_owned()).collect())),
            None => return Ok(None),
        }
    }
    head_rows.pop();
    let (idx, line, headers, mapping) = header_of(&head_rows)?;
    let preview = preview_after(&head_rows, idx);
    Ok(Some(OpenedFile {
        name: name.to_owned(),
        format: SourceFormat::Delimited {
            encoding,
            delimiter,
        },
        header_line: line,
        headers,
        mapping,
        preview,
        body: Body::Parts {
            plan,
            encoding,
            delimiter,
            skip: idx + 1,
        },
    }))
}

impl OpenedFile {
    /// How to read the file in parts, if it was opened from its head.
    pub fn parts(&self) -> Option<PartsSpec> {
        match &self.body {
            Body::Parts {
                plan,
                encoding,
                delimiter,
                skip,
            } => Some(PartsSpec {
                plan: plan.clone(),
                encoding: *encoding,
                delimiter: *delimiter,
                skip: *skip,
            }),
            _ => None,
        }
    }
}

fn open_text(bytes: Vec<u8>, name: &str) -> Result<OpenedFile, FileError> {
    let (text, encoding) = decode::decode(bytes)?;
    let delimiter = decode::sniff_delimiter(&text);
    let mut records = Records::new(delimiter);
    let mut head: Vec<(u64, Vec<String>)> = Vec::new();
    while head.len() < HEADER_SEARCH_RECORDS + PREVIEW_ROWS {
        match records.next(&text) {
            Some(r) => head.push((r.line, r.fields().map(|s| s.trim().to_owned()).collect())),
            None => break,
        }
    }
    let (idx, line, headers, mapping) = header_of(&head)?;
    let preview = preview_after(&head, idx);
    Ok(OpenedFile {
        name: name.to_owned(),
        format: SourceFormat::Delimited {
            encoding,
            delimiter,
        },
        header_line: line,
        headers,
        mapping,
        preview,
        body: Body::Text {
            text: Arc::new(text),
            delimiter,
            skip: idx + 1,
        },
    })
}

fn header_of(
    head: &[(u64, Vec<String>)],
) -> Result<(usize, u64, Vec<String>, ColumnMapping), FileError> {
    let search: Vec<Vec<String>> = head
        .iter()
        .take(HEADER_SEARCH_RECORDS)
        .map(|(_, r)| r.clone())
        .collect();
    match mapping::find_header_row(&search) {
        Some((i, m)) => Ok((i, head[i].0, head[i].1.clone(), m)),
        None => {
            let first_line: String = head
                .iter()
                .map(|(_, r)| r.join(", "))
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default()
                .chars()
                .take(80)
                .collect();
            if first_line.is_empty() {
                Err(FileError::Empty)
            } else {
                Err(FileError::NoRecognisableColumns { first_line })
            }
        }
    }
}

/// The first non-blank records after the header at `idx`, for the mapping panel.
fn preview_after(head: &[(u64, Vec<String>)], idx: usize) -> Vec<Vec<String>> {
    head[idx + 1..]
        .iter()
        .map(|(_, r)| r.clone())
        .filter(|r| !is_blank(r.iter().map(String::as_str)))
        .take(PREVIEW_ROWS)
        .collect()
}

fn open_workbook(
    bytes: Vec<u8>,
    name: &str,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<OpenedFile, FileError> {
    // calamine inflates the parts it reads (the shared strings when it
    // opens the file): a zip bomb must be refused before.
    if bytes.starts_with(b"PK") {
        limits::check_inflated_size(&bytes, limits.workbook_inflated_bytes)?;
    }
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        FileError::UnreadableWorkbook {
            reason: e.to_string(),
        }
    })?;
    let sheets = wb.sheet_names();
    if sheets.is_empty() {
        return Err(FileError::NoSheets);
    }
    let mut candidates: Vec<String> = match sheet {
        Some(s) => vec![s.to_owned()],
        None => sheets.clone(),
    };
    // Without a choice, take the first sheet that has a recognisable header.
    let mut first_error = None;
    for sheet_name in candidates.drain(..) {
        let rows: SheetRows = match sheet::read_sheet(&mut wb, &sheet_name, limits) {
            Ok(r) => r,
            // Past a limit: no other sheet is read instead.
            Err(
                e @ (FileError::TooManyRows { .. }
                | FileError::TooManyCells { .. }
                | FileError::WorkbookTooLarge { .. }),
            ) => return Err(e),
            Err(e) => {
                first_error.get_or_insert(e);
                continue;
            }
        };
        let head: Vec<(u64, Vec<String>)> = rows
            .iter()
            .take(HEADER_SEARCH_RECORDS + PREVIEW_ROWS)
            .map(|(l, r)| (*l, r.iter().map(Cell::to_text).collect()))
            .collect();
        match header_of(&head) {
            Ok((idx, line, headers, mapping)) => {
                let preview = preview_after(&head, idx);
                let mut rows = rows;
                rows.drain(..=idx);
                return Ok(OpenedFile {
                    name: name.to_owned(),
                    format: SourceFormat::Workbook {
                        sheet: sheet_name,
                        sheets,
                    },
                    header_line: line,
                    headers,
                    mapping,
                    preview,
                    body: Body::Sheet {
                        rows: Arc::new(rows),
                    },
                });
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or(FileError::NoSheets))
}

impl OpenedFile {
    /// Calls `f` with each record after the header and its line (sheet
    /// row), trimmed, blank ones included: for files that are not visit
    /// lines (a customer summary).
    pub fn for_each_row(&self, mut f: impl FnMut(u64, &[&str])) {
        match &self.body {
            Body::Text {
                text,
                delimiter,
                skip,
            } => {
                let mut records = Records::new(*delimiter);
                for _ in 0..*skip {
                    if records.next(text).is_none() {
                        return;
                    }
                }
                while let Some(r) = records.next(text) {
                    let cells: Vec<&str> = r.fields().map(str::trim).collect();
                    f(r.line, &cells);
                }
            }
            // A summary is never opened in parts (the engine reads it whole).
            Body::Parts { .. } => {}
            Body::Sheet { rows } => {
                for (line, row) in rows.iter() {
                    let texts: Vec<String> = row.iter().map(Cell::to_text).collect();
                    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                    f(*line, &refs);
                }
            }
        }
    }
}

/// Everything import learnt: the data set and every problem, by line.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub file_name: String,
    pub format: SourceFormat,
    pub dataset: Dataset,
    /// Non-blank data rows seen (accepted + rejected).
    pub rows_read: u64,
    pub rejected: Vec<RowError>,
    pub blank_lines: u64,
    /// Rows identical to an earlier row in every mapped field (kept: they
    /// are line items of one visit unless the export repeated itself).
    pub duplicate_rows: u64,
    /// Optional cells (NPS, delivery date, …) that could not be read and
    /// were left empty, by field; the rows themselves were kept.
    pub unreadable_optional: Vec<(Field, u64)>,
}

impl ImportReport {
    /// A report for rows that needed no parsing (the demo data).
    pub fn generated(dataset: Dataset, seed: u64) -> ImportReport {
        ImportReport {
            file_name: String::new(),
            format: SourceFormat::Generated { seed },
            rows_read: dataset.len() as u64,
            duplicate_rows: count_duplicates(&dataset),
            dataset,
            rejected: Vec::new(),
            blank_lines: 0,
            unreadable_optional: Vec::new(),
        }
    }

    pub fn rows_accepted(&self) -> usize {
        self.dataset.len()
    }

    /// The rejected rows as CSV (UTF-8 with BOM so Excel shows Chinese),
    /// with reasons rendered by `describe` in the user's language.
    pub fn rejected_csv(
        &self,
        header: [&str; 3],
        describe: impl Fn(&RowErrorKind) -> String,
    ) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut out = String::from("\u{feff}");
        let _ = w.write_record(header.map(|h| text_cell(h).into_owned()));
        for e in &self.rejected {
            let line = e.line.to_string();
            let _ = w.write_record([
                line.as_str(),
                &*text_cell(e.column.as_deref().unwrap_or("")),
                &*text_cell(&describe(&e.kind)),
            ]);
        }
        if let Ok(bytes) = w.into_inner() {
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
        out
    }
}

/// Turns an opened file into typed rows, a bounded number per [`step`](Importer::step).
/// It shares the opened file's body, so several imports of one file (one
/// per mapping tried) hold one copy of its text.
pub struct Importer {
    file_name: String,
    format: SourceFormat,
    headers: Vec<String>,
    mapping: ColumnMapping,
    source: Source,
    tally: Tally,
    done: bool,
    /// Reading consecutive parts of one file: the lines of the parts before
    /// the current one, and whether each of those ended between records.
    line_offset: u64,
    parts_clean: bool,
    /// What [`Importer::drain_part`] handed out so far.
    drained: Drained,
    /// Joined by rows from later parts: the lines so far, and whether the
    /// piece joined last ended between records.
    joined: Option<(u64, bool)>,
}

/// Counts at the last drain.
#[derive(Debug, Default, Clone, Copy)]
struct Drained {
    names: [usize; 3],
    rows_read: u64,
    blank_lines: u64,
    unreadable: [u64; 8],
    newlines: u64,
}

/// What has been read so far.
struct Tally {
    builder: DatasetBuilder,
    rows_read: u64,
    rejected: Vec<RowError>,
    blank_lines: u64,
    unreadable_optional: [u64; 8],
    date_memo: DateMemo,
}

/// The last visit date text read and what it gave: an export sorted by
/// date repeats one date text for many rows, which need not be parsed again.
#[derive(Default)]
struct DateMemo {
    text: [u8; 16],
    len: usize,
    date: Option<Result<NaiveDate, DateProblem>>,
}

impl DateMemo {
    /// `cell.date()`, remembered for the next row.
    fn date(&mut self, cell: RawCell) -> Result<NaiveDate, DateProblem> {
        let RawCell::Text(s) = cell else {
            return cell.date();
        };
        let b = s.as_bytes();
        match self.date {
            Some(date) if self.text.get(..self.len) == Some(b) => date,
            _ => {
                let date = cell.date();
                if b.len() <= self.text.len() {
                    self.text[..b.len()].copy_from_slice(b);
                    self.len = b.len();
                    self.date = Some(date);
                }
                date
            }
        }
    }
}

impl Tally {
    fn take<'a>(
        &mut self,
        line: u64,
        cells: &impl RawRow<'a>,
        mapping: &ColumnMapping,
        headers: &[String],
    ) {
        if cells.is_blank() {
            self.blank_lines += 1;
            return;
        }
        self.rows_read += 1;
        let (unreadable, memo) = (&mut self.unreadable_optional, &mut self.date_memo);
        match typed_row(line, cells, mapping, headers, unreadable, memo) {
            Ok(row) => self.builder.push(row),
            Err(e) => self.rejected.push(e),
        }
    }
}

enum Source {
    Text {
        text: Arc<String>,
        /// Boxed: the parser's tables are large next to a sheet cursor.
        records: Box<Records>,
    },
    Sheet {
        rows: Arc<Vec<(u64, Vec<Cell>)>>,
        next: usize,
    },
}

impl Importer {
    /// Starts an import with the given mapping (the proposed one or the
    /// user's). Fails only when a required field has no column.
    pub fn new(file: OpenedFile, mapping: ColumnMapping) -> Result<Importer, FileError> {
        let missing = mapping.missing_required();
        if !missing.is_empty() {
            return Err(FileError::MissingColumns { fields: missing });
        }
        let columns = OptionalColumns {
            campaign: mapping.get(Field::Campaign).is_some(),
            store: mapping.get(Field::Store).is_some(),
            delivery: mapping.get(Field::Delivery).is_some(),
            nps: mapping.get(Field::Nps).is_some(),
            complaint: mapping.get(Field::Complaint).is_some(),
        };
        let source = match file.body {
            Body::Text {
                text,
                delimiter,
                skip,
            } => {
                let mut records = Box::new(Records::new(delimiter));
                // Blank lines above the header are not the data's business:
                // only those after the header's last record are counted.
                for _ in 0..skip {
                    if records.next(&text).is_none() {
                        break;
                    }
                }
                Source::Text { text, records }
            }
            Body::Sheet { rows } => Source::Sheet { rows, next: 0 },
            // Read part by part (`Importer::over_part`); nothing here to read.
            Body::Parts { .. } => Source::Sheet {
                rows: Arc::default(),
                next: 0,
            },
        };
        Ok(Importer {
            file_name: file.name,
            format: file.format,
            headers: file.headers,
            mapping,
            source,
            tally: Tally {
                builder: DatasetBuilder::new(columns),
                rows_read: 0,
                rejected: Vec::new(),
                blank_lines: 0,
                unreadable_optional: [0; 8],
                date_memo: DateMemo::default(),
            },
            done: false,
            line_offset: 0,
            parts_clean: true,
            drained: Drained::default(),
            joined: None,
        })
    }

    /// Starts importing one part of a large text file (see [`parts`]):
    /// `text` is the part, `skip` the records before the data (the header
    /// and title rows, in the first part only). Lines are the part's own,
    /// counted from 1; [`parts::merge`] moves them to the file's.
    pub fn over_part(
        text: Arc<String>,
        delimiter: u8,
        skip: usize,
        mapping: ColumnMapping,
        headers: Vec<String>,
    ) -> Result<Importer, FileError> {
        let file = OpenedFile {
            name: String::new(),
            format: SourceFormat::Delimited {
                encoding: TextEncoding::Utf8,
                delimiter,
            },
            header_line: 0,
            headers,
            mapping: mapping.clone(),
            preview: Vec::new(),
            body: Body::Text {
                text,
                delimiter,
                skip,
            },
        };
        Importer::new(file, mapping)
    }

    /// Bytes of the text read so far (0 for a sheet).
    pub fn bytes_read(&self) -> usize {
        match &self.source {
            Source::Text { records, .. } => records.position(),
            Source::Sheet { .. } => 0,
        }
    }

    /// Goes on with the next part of the same file (read to the end of
    /// the current one first): one data set for consecutive parts, lines
    /// counted on from the parts before.
    pub fn next_part(&mut self, text: Arc<String>) {
        while !self.step(usize::MAX) {}
        if let Source::Text { text: old, records } = &mut self.source {
            self.line_offset += newlines(old);
            self.parts_clean &= records.ended_between_records();
            let delimiter = records.delimiter();
            **records = Records::new(delimiter);
            *old = text;
            self.done = false;
        }
    }

    /// Joins rows read elsewhere from the parts after this chain's (in
    /// order; `map` follows the numbering of the chain `part` comes from
    /// across its deltas): they join this data set, their lines follow.
    pub fn absorb(&mut self, part: parts::Part, map: &mut crate::domain::model::Renumbering) {
        let joined = match self.joined {
            Some(j) => {
                // The piece before this one must have ended between records.
                self.parts_clean &= j.1;
                j.0
            }
            None => {
                while !self.step(usize::MAX) {}
                let Source::Text { text, records } = &self.source else {
                    self.parts_clean = false;
                    return;
                };
                self.parts_clean &= records.ended_between_records();
                self.line_offset + newlines(text)
            }
        };
        self.parts_clean &= part.clean_inside;
        let t = &mut self.tally;
        t.rows_read += part.rows_read;
        t.blank_lines += part.blank_lines;
        t.rejected.extend(part.rejected.into_iter().map(|mut e| {
            e.line += joined;
            e
        }));
        for (total, n) in t
            .unreadable_optional
            .iter_mut()
            .zip(part.unreadable_optional)
        {
            *total += n;
        }
        t.builder.absorb(part.dataset, map);
        self.joined = Some((joined + part.newlines, part.clean_end));
    }

    /// Finishes the import this chain and what it absorbed make.
    pub fn finish_joined(
        mut self,
        file_name: String,
        format: SourceFormat,
    ) -> Result<Result<ImportReport, FileError>, parts::PartProblem> {
        while !self.step(usize::MAX) {}
        if !self.parts_clean {
            return Err(parts::PartProblem::CutInsideField);
        }
        self.file_name = file_name;
        self.format = format;
        Ok(self.finish())
    }

    /// Finishes a chain of parts (from the first part of the file) with
    /// whole chains read elsewhere after it, in order, as one import.
    pub fn finish_chains(
        mut self,
        later: Vec<parts::Part>,
        file_name: String,
        format: SourceFormat,
    ) -> Result<Result<ImportReport, FileError>, parts::PartProblem> {
        for p in later {
            self.absorb(p, &mut crate::domain::model::Renumbering::default());
        }
        self.finish_joined(file_name, format)
    }

    /// The rows and problems read since the last drain (the chain's text
    /// read to its end first), as a delta for [`Importer::absorb`]
    /// elsewhere: names first seen since then, lines counted from the
    /// delta's first line.
    pub fn drain_part(&mut self) -> parts::Part {
        while !self.step(usize::MAX) {}
        let (total, clean_end) = match &self.source {
            Source::Text { text, records } => (
                self.line_offset + newlines(text),
                records.ended_between_records(),
            ),
            Source::Sheet { .. } => (0, true),
        };
        let d = &mut self.drained;
        let t = &mut self.tally;
        let mut unreadable = t.unreadable_optional;
        for (u, before) in unreadable.iter_mut().zip(d.unreadable) {
            *u -= before;
        }
        let part = parts::Part {
            dataset: t.builder.drain(&mut d.names),
            rows_read: t.rows_read - d.rows_read,
            // Lines from the delta's own first line.
            rejected: std::mem::take(&mut t.rejected)
                .into_iter()
                .map(|mut e| {
                    e.line -= d.newlines;
                    e
                })
                .collect(),
            blank_lines: t.blank_lines - d.blank_lines,
            unreadable_optional: unreadable,
            newlines: total - d.newlines,
            clean_end,
            clean_inside: self.parts_clean,
        };
        *d = Drained {
            names: d.names,
            rows_read: t.rows_read,
            blank_lines: t.blank_lines,
            unreadable: t.unreadable_optional,
            newlines: total,
        };
        part
    }

    /// Finishes the parts read by [`Importer::over_part`] and
    /// [`Importer::next_part`].
    pub fn finish_part(mut self) -> parts::Part {
        self.drain_part()
    }

    /// Reads up to `max_records` records. Returns true when the file is done.
    pub fn step(&mut self, max_records: usize) -> bool {
        for _ in 0..max_records {
            if self.done {
                break;
            }
            match &mut self.source {
                Source::Text { text, records } => match records.next(text) {
                    Some(record) => {
                        self.tally.blank_lines += record.blank_before;
                        self.tally.take(
                            record.line + self.line_offset,
                            &record,
                            &self.mapping,
                            &self.headers,
                        );
                    }
                    None => self.done = true,
                },
                Source::Sheet { rows, next } => match rows.get(*next) {
                    Some((line, cells)) => {
                        *next += 1;
                        self.tally
                            .take(*line, &cells.as_slice(), &self.mapping, &self.headers);
                    }
                    None => self.done = true,
                },
            }
        }
        self.done
    }

    /// Share of the file read so far, 0.0–1.0.
    pub fn progress(&self) -> f64 {
        if self.done {
            return 1.0;
        }
        match &self.source {
            Source::Text { text, records } => records.position() as f64 / text.len().max(1) as f64,
            Source::Sheet { rows, next } => *next as f64 / rows.len().max(1) as f64,
        }
    }

    /// Rows accepted so far.
    pub fn rows_accepted(&self) -> u64 {
        self.tally.rows_read - self.tally.rejected.len() as u64
    }

    /// Finishes the import (reading whatever is left).
    pub fn finish(mut self) -> Result<ImportReport, FileError> {
        while !self.step(usize::MAX) {}
        let t = self.tally;
        if t.rows_read == 0 {
            return Err(FileError::NoDataRows);
        }
        Ok(report(
            self.file_name,
            self.format,
            t.builder.finish(),
            (t.rows_read, t.rejected, t.blank_lines),
            t.unreadable_optional,
        ))
    }
}

/// Line feeds in a text.
fn newlines(text: &str) -> u64 {
    text.bytes().filter(|&b| b == b'\n').count() as u64
}

/// The report of a finished import: the counts as read, duplicates counted
/// over the whole data set.
fn report(
    file_name: String,
    format: SourceFormat,
    dataset: Dataset,
    (rows_read, rejected, blank_lines): (u64, Vec<RowError>, u64),
    unreadable: [u64; 8],
) -> ImportReport {
    let duplicate_rows = count_duplicates(&dataset);
    let unreadable_optional = Field::ALL
        .into_iter()
        .filter(|f| unreadable[*f as usize] > 0)
        .map(|f| (f, unreadable[f as usize]))
        .collect();
    ImportReport {
        file_name,
        format,
        dataset,
        rows_read,
        rejected,
        blank_lines,
        duplicate_rows,
        unreadable_optional,
    }
}

/// A raw cell of either source kind, borrowed.
#[derive(Debug, Clone, Copy)]
enum RawCell<'a> {
    Text(&'a str),
    Number(f64),
    Date(NaiveDate),
}

impl<'a> RawCell<'a> {
    fn from_cell(c: &'a Cell) -> RawCell<'a> {
        match c {
            Cell::Empty => RawCell::Text(""),
            Cell::Text(s) => RawCell::Text(s),
            Cell::Number(n) => RawCell::Number(*n),
            Cell::Date(d) => RawCell::Date(*d),
        }
    }

    #[inline(always)]
    fn is_empty(&self) -> bool {
        matches!(self, RawCell::Text(s) if value::trim(s).is_empty())
    }

    #[inline(always)]
    fn text(&self) -> Cow<'a, str> {
        match self {
            RawCell::Text(s) => Cow::Borrowed(value::trim(s)),
            RawCell::Number(n) => Cow::Owned(Cell::Number(*n).to_text()),
            RawCell::Date(d) => Cow::Owned(d.to_string()),
        }
    }

    fn date(&self) -> Result<NaiveDate, DateProblem> {
        match self {
            RawCell::Text(s) => value::parse_date(s),
            RawCell::Number(n) => value::excel_serial_date(*n),
            RawCell::Date(d) => {
                let y = chrono::Datelike::year(d);
                if (value::YEAR_RANGE.0..=value::YEAR_RANGE.1).contains(&y) {
                    Ok(*d)
                } else {
                    Err(DateProblem::OutOfRange)
                }
            }
        }
    }

    fn amount(&self) -> Option<Fen> {
        match self {
            RawCell::Text(s) => value::parse_amount(s),
            RawCell::Number(n) => Fen::from_yuan_f64(*n),
            RawCell::Date(_) => None,
        }
    }
}

fn is_blank<'a>(mut cells: impl Iterator<Item = &'a str>) -> bool {
    cells.all(|c| value::trim(c).is_empty())
}

/// The cells of one raw row, from either kind of source, read in place.
trait RawRow<'a> {
    fn len(&self) -> usize;
    fn cell(&self, i: usize) -> Option<RawCell<'a>>;

    fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.cell(i).is_none_or(|c| c.is_empty()))
    }
}

impl<'a> RawRow<'a> for Record<'a> {
    #[inline(always)]
    fn len(&self) -> usize {
        Record::len(self)
    }

    #[inline(always)]
    fn cell(&self, i: usize) -> Option<RawCell<'a>> {
        self.field(i).map(RawCell::Text)
    }

    fn is_blank(&self) -> bool {
        is_blank(self.fields())
    }
}

impl<'a> RawRow<'a> for &'a [Cell] {
    fn len(&self) -> usize {
        <[Cell]>::len(self)
    }

    fn cell(&self, i: usize) -> Option<RawCell<'a>> {
        self.get(i).map(RawCell::from_cell)
    }
}

/// Raw record to typed row: the second parsing step.
fn typed_row<'a>(
    line: u64,
    cells: &impl RawRow<'a>,
    mapping: &ColumnMapping,
    headers: &[String],
    unreadable: &mut [u64; 8],
    date_memo: &mut DateMemo,
) -> Result<VisitRow<Cow<'a, str>>, RowError> {
    let error = |field: Option<Field>, kind: RowErrorKind| RowError {
        line,
        column: field
            .and_then(|f| mapping.get(f))
            .and_then(|c| headers.get(c).cloned()),
        field,
        kind,
    };
    // Rows may end early on optional columns (trailing empties trimmed by
    // some exports); a row too short to hold a required field is refused.
    let needed = Field::REQUIRED
        .iter()
        .filter_map(|f| mapping.get(*f))
        .max()
        .map_or(0, |c| c + 1);
    if cells.len() < needed {
        return Err(error(
            None,
            RowErrorKind::TooFewFields {
                found: cells.len(),
                expected: headers.len().max(needed),
            },
        ));
    }
    let cell = |f: Field| {
        mapping
            .get(f)
            .and_then(|c| cells.cell(c))
            .filter(|c| !c.is_empty())
    };

    let customer = cell(Field::Customer)
        .map(|c| c.text())
        .ok_or_else(|| error(Some(Field::Customer), RowErrorKind::MissingCustomer))?;
    let date_cell =
        cell(Field::Date).ok_or_else(|| error(Some(Field::Date), RowErrorKind::MissingDate))?;
    let date = date_memo.date(date_cell).map_err(|p| {
        let value = date_cell.text().into_owned();
        let kind = match p {
            DateProblem::Unreadable => RowErrorKind::UnreadableDate { value },
            DateProblem::Impossible => RowErrorKind::ImpossibleDate { value },
            DateProblem::OutOfRange => RowErrorKind::DateOutOfRange { value },
        };
        error(Some(Field::Date), kind)
    })?;
    let amount_cell = cell(Field::Amount)
        .ok_or_else(|| error(Some(Field::Amount), RowErrorKind::MissingAmount))?;
    let amount = amount_cell.amount().ok_or_else(|| {
        error(
            Some(Field::Amount),
            RowErrorKind::BadAmount {
                value: amount_cell.text().into_owned(),
            },
        )
    })?;

    let mut optional = |f: Field, ok: bool| {
        if !ok {
            unreadable[f as usize] += 1;
        }
    };
    let delivery = cell(Field::Delivery).and_then(|c| {
        let d = c.date().ok();
        optional(Field::Delivery, d.is_some());
        d
    });
    let nps = cell(Field::Nps).and_then(|c| {
        let v = match c {
            RawCell::Number(n) if (0.0..=100.0).contains(&n) => Some(n as f32),
            other => value::parse_score(&other.text()),
        };
        optional(Field::Nps, v.is_some());
        v
    });
    Ok(VisitRow {
        customer,
        date,
        amount,
        campaign: cell(Field::Campaign).map(|c| c.text()),
        store: cell(Field::Store).map(|c| c.text()),
        delivery,
        nps,
        complaint: cell(Field::Complaint).and_then(|c| value::parse_complaint(&c.text())),
    })
}

/// Rows equal to an earlier row in customer, date, amount, campaign, store.
fn count_duplicates(d: &Dataset) -> u64 {
    d.duplicate_rows()
}

/// Opens and imports a whole file in one call, with the proposed mapping.
pub fn import_bytes(bytes: Vec<u8>, name: &str) -> Result<ImportReport, FileError> {
    let file = open(bytes, name, None)?;
    let mapping = file.mapping.clone();
    Importer::new(file, mapping)?.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(file: &OpenedFile) -> Option<&Arc<String>> {
        match &file.body {
            Body::Text { text, .. } => Some(text),
            Body::Sheet { .. } | Body::Parts { .. } => None,
        }
    }

    #[test]
    fn a_remembered_date_is_the_date_parsed_again() {
        let mut memo = DateMemo::default();
        let long = "2024-01-05 10:30:00.000";
        for s in [
            "2024/1/5", "2024/1/5", "2024/1/6", "x", "x", long, long, "2024/1/5", "",
        ] {
            let cell = RawCell::Text(s);
            assert_eq!(memo.date(cell), cell.date(), "{s}");
        }
        let number = RawCell::Number(45296.0);
        assert_eq!(memo.date(number), number.date());
        assert_eq!(
            memo.date(RawCell::Text("2024/1/6")),
            RawCell::Text("2024/1/6").date()
        );
    }

    #[test]
    fn another_mapping_imports_from_the_same_decoded_text() {
        let bytes = "客户ID,日期,金额,门店\nA,2024-01-01,10,S1\nB,2024-01-02,20,S2\n";
        let file = open(bytes.as_bytes().to_vec(), "x.csv", None).expect("readable");
        let again = file.clone();
        assert!(Arc::ptr_eq(
            text_of(&file).expect("text"),
            text_of(&again).expect("text")
        ));
        let first = Importer::new(file.clone(), file.mapping.clone())
            .and_then(Importer::finish)
            .expect("rows");
        let mut mapping = again.mapping.clone();
        mapping.set(Field::Store, None);
        let second = Importer::new(again, mapping)
            .and_then(Importer::finish)
            .expect("rows");
        assert_eq!(first.dataset.store_names, vec!["S1", "S2"]);
        assert!(second.dataset.store_names.is_empty());
        assert_eq!(
            first.dataset.summary().revenue,
            second.dataset.summary().revenue
        );
    }
}
