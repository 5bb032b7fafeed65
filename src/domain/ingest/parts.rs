//! Import in parts: a large text file is cut at line starts into parts
//! that are read, decoded and parsed independently (in the browser by two
//! workers at once, each reading its next part while it parses one), then
//! merged into exactly the report one sequential import gives: the same
//! rows, names numbered in the same order, every rejected row on the same
//! line.
//!
//! A part may start only where nothing can differ from a sequential read:
//! after the line end of a non-empty line and before a byte that starts a
//! line with something on it (not a line end, not a byte order mark). Both
//! neighbours find that place from the same bytes (a window after the
//! nominal cut). Whether the cut fell inside a quoted field is known only
//! after parsing the part before it: it must end between two records
//! ([`Part::clean_end`]), or the parts are not used and the file is read
//! in one piece.

use super::decode::{self, TextEncoding};
use super::error::{FileError, RowError};
use super::{ColumnMapping, ImportReport, Importer, OpenedFile};
use crate::domain::model::{Dataset, OptionalColumns};
use crate::domain::money::Fen;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// Nominal bytes of one part.
pub const PART_BYTES: usize = 4 << 20;
/// Text files at least this large are read in parts.
pub const PARTS_FROM: usize = 2 * PART_BYTES;
/// Bytes after a nominal cut searched for the place a part may start.
pub const WINDOW: usize = 64 << 10;
/// Bytes read first to find the header, the mapping and the preview.
pub const HEAD_BYTES: usize = 1 << 20;

/// Where the parts of a file of `len` bytes nominally start, and how far
/// after a nominal cut a part's start is searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartPlan {
    pub len: usize,
    pub starts: Vec<usize>,
    pub window: usize,
}

impl PartPlan {
    pub fn new(len: usize) -> PartPlan {
        PartPlan::with_sizes(len, PART_BYTES, WINDOW)
    }

    /// A plan with parts of `part` bytes and a search `window` (tests use
    /// small ones). A part is at least twice the window, so its start and
    /// end windows never overlap.
    pub fn with_sizes(len: usize, part: usize, window: usize) -> PartPlan {
        let window = window.max(4);
        let part = part.max(2 * window);
        // The last part takes the rest: from one to two parts' bytes.
        let n = (len / part).max(1);
        PartPlan {
            len,
            starts: (0..n).map(|k| k * part).collect(),
            window,
        }
    }

    pub fn parts(&self) -> usize {
        self.starts.len()
    }

    /// The bytes to read for part `k`: from its nominal start to the end
    /// of the window after the next one.
    pub fn read_range(&self, k: usize) -> Range<usize> {
        let end = self
            .starts
            .get(k + 1)
            .map_or(self.len, |&s| (s + self.window).min(self.len));
        self.starts[k]..end
    }

    /// The first place in `bytes` (from a nominal cut on) a part may start.
    pub fn boundary(&self, bytes: &[u8]) -> Option<usize> {
        boundary(&bytes[..bytes.len().min(self.window)])
    }
}

/// Why the parts cannot be used; the file is then read in one piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartProblem {
    /// No place a part may start near a cut (a line longer than the window).
    NoBoundary,
    /// The file looked like UTF-8 at its start but is not.
    NotUtf8,
    /// A cut fell inside a quoted field.
    CutInsideField,
    /// An encoding that is not read in parts (UTF-16).
    Unsupported,
}

/// The first place in `window` (bytes from a nominal cut on) a part may
/// start: after LF, which ends a non-empty line, and before a byte that
/// is not LF, CR or the first byte of a byte order mark.
pub fn boundary(w: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = w[from..].iter().position(|&b| b == b'\n') {
        let p = from + i + 1;
        from = p;
        if p < 3 || p >= w.len() {
            continue;
        }
        let (b3, b2, next) = (w[p - 3], w[p - 2], w[p]);
        let line_has_text = match b2 {
            b'\n' => false,
            b'\r' => !matches!(b3, b'\n' | b'\r'),
            _ => true,
        };
        if line_has_text && !matches!(next, b'\n' | b'\r' | 0xEF) {
            return Some(p);
        }
    }
    None
}

/// Part `k`'s text from the bytes of its [`PartPlan::read_range`].
pub fn part_text(
    plan: &PartPlan,
    k: usize,
    bytes: &[u8],
    encoding: TextEncoding,
) -> Result<String, PartProblem> {
    let start = if k == 0 {
        0
    } else {
        plan.boundary(bytes).ok_or(PartProblem::NoBoundary)?
    };
    let end = match plan.starts.get(k + 1) {
        None => bytes.len(),
        Some(&next) => {
            let at = next - plan.starts[k];
            let tail = bytes.get(at..).unwrap_or_default();
            at + plan.boundary(tail).ok_or(PartProblem::NoBoundary)?
        }
    };
    let raw = bytes.get(start..end).ok_or(PartProblem::NoBoundary)?;
    match encoding {
        TextEncoding::Utf8 => simdutf8::basic::from_utf8(raw)
            .map(str::to_owned)
            .map_err(|_| PartProblem::NotUtf8),
        TextEncoding::Utf8Bom => {
            let raw = if k == 0 {
                raw.get(3..).unwrap_or_default()
            } else {
                raw
            };
            let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(raw);
            Ok(text.into_owned())
        }
        TextEncoding::Gb18030 => Ok(decode::decode_gbk(raw)),
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => Err(PartProblem::Unsupported),
    }
}

/// One part read: its rows and problems, lines counted from the part's
/// first line.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub dataset: Dataset,
    pub rows_read: u64,
    pub rejected: Vec<RowError>,
    pub blank_lines: u64,
    pub unreadable_optional: [u64; 8],
    /// Line feeds in the part's text: the lines a later part starts after.
    pub newlines: u64,
    /// The text ended between two records (not inside a quoted field).
    pub clean_end: bool,
    /// A chain of parts: every cut inside it was between two records.
    pub clean_inside: bool,
}

/// What travels with a part besides its columns.
#[derive(Serialize, Deserialize)]
struct PartMeta {
    customer_ids: Vec<String>,
    campaign_names: Vec<String>,
    store_names: Vec<String>,
    columns: OptionalColumns,
    rows: usize,
    delivery: Vec<Option<i32>>,
    nps: Vec<Option<f32>>,
    complaint: Vec<Option<bool>>,
    rows_read: u64,
    rejected: Vec<RowError>,
    blank_lines: u64,
    unreadable_optional: [u64; 8],
    newlines: u64,
    clean_end: bool,
    clean_inside: bool,
}

impl Part {
    /// The part as bytes, for another worker: the names and problems in
    /// postcard, the large columns as little-endian words.
    pub fn to_bytes(&self) -> Vec<u8> {
        let d = &self.dataset;
        let meta = PartMeta {
            customer_ids: d.customer_ids.clone(),
            campaign_names: d.campaign_names.clone(),
            store_names: d.store_names.clone(),
            columns: d.columns,
            rows: d.len(),
            delivery: d
                .delivery
                .iter()
                .map(|o| o.map(|x| x.num_days_from_ce()))
                .collect(),
            nps: d.nps.clone(),
            complaint: d.complaint.clone(),
            rows_read: self.rows_read,
            rejected: self.rejected.clone(),
            blank_lines: self.blank_lines,
            unreadable_optional: self.unreadable_optional,
            newlines: self.newlines,
            clean_end: self.clean_end,
            clean_inside: self.clean_inside,
        };
        let meta = postcard::to_allocvec(&meta).unwrap_or_default();
        let n = d.len();
        let mut out = Vec::with_capacity(8 + meta.len() + n * 24);
        out.extend_from_slice(&(meta.len() as u64).to_le_bytes());
        out.extend_from_slice(&meta);
        out.extend(d.customer.iter().flat_map(|c| c.to_le_bytes()));
        out.extend(
            d.date
                .iter()
                .flat_map(|x| x.num_days_from_ce().to_le_bytes()),
        );
        out.extend(d.amount.iter().flat_map(|a| a.0.to_le_bytes()));
        out.extend(d.campaign.iter().flat_map(|c| c.to_le_bytes()));
        out.extend(d.store.iter().flat_map(|c| c.to_le_bytes()));
        out
    }

    /// [`Part::to_bytes`] read back; `None` for bytes it did not write.
    pub fn from_bytes(bytes: &[u8]) -> Option<Part> {
        let meta_len =
            usize::try_from(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)).ok()?;
        let meta: PartMeta = postcard::from_bytes(bytes.get(8..8 + meta_len)?).ok()?;
        let mut rest = bytes.get(8 + meta_len..)?;
        let n = meta.rows;
        let mut take = |width: usize, count: usize| -> Option<&[u8]> {
            let (head, tail) = rest.split_at_checked(width.checked_mul(count)?)?;
            rest = tail;
            Some(head)
        };
        let word = |c: &[u8]| [c[0], c[1], c[2], c[3]];
        let customer = take(4, n)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(word(c)))
            .collect();
        let date = take(4, n)?
            .chunks_exact(4)
            .map(|c| NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(word(c))))
            .collect::<Option<Vec<_>>>()?;
        let amount = take(8, n)?
            .chunks_exact(8)
            .map(|c| {
                Fen(i64::from_le_bytes([
                    c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
                ]))
            })
            .collect();
        let mut optional = |present: bool| -> Option<Vec<u32>> {
            let count = if present { n } else { 0 };
            Some(
                take(4, count)?
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes(word(c)))
                    .collect(),
            )
        };
        let campaign = optional(meta.columns.campaign)?;
        let store = optional(meta.columns.store)?;
        let delivery = meta
            .delivery
            .iter()
            .map(|o| match o {
                None => Some(None),
                Some(x) => NaiveDate::from_num_days_from_ce_opt(*x).map(Some),
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Part {
            dataset: Dataset {
                customer_ids: meta.customer_ids,
                campaign_names: meta.campaign_names,
                store_names: meta.store_names,
                customer,
                date,
                amount,
                campaign,
                store,
                delivery,
                nps: meta.nps,
                complaint: meta.complaint,
                columns: meta.columns,
            },
            rows_read: meta.rows_read,
            rejected: meta.rejected,
            blank_lines: meta.blank_lines,
            unreadable_optional: meta.unreadable_optional,
            newlines: meta.newlines,
            clean_end: meta.clean_end,
            clean_inside: meta.clean_inside,
        })
    }
}

/// Reads consecutive parts of `file` (opened by [`super::open_head`]) as
/// one chain, one data set: each `(k, bytes)` gives a part's number and
/// the bytes of its [`PartPlan::read_range`].
pub fn read_chain<'a>(
    file: &OpenedFile,
    mapping: &ColumnMapping,
    parts: impl IntoIterator<Item = (usize, &'a [u8])>,
) -> Result<Result<Part, FileError>, PartProblem> {
    let spec = file.parts().ok_or(PartProblem::Unsupported)?;
    let mut chain: Option<Importer> = None;
    for (k, bytes) in parts {
        let text = Arc::new(part_text(&spec.plan, k, bytes, spec.encoding)?);
        match &mut chain {
            Some(c) => c.next_part(text),
            None => {
                let skip = if k == 0 { spec.skip } else { 0 };
                let started = Importer::over_part(
                    text,
                    spec.delimiter,
                    skip,
                    mapping.clone(),
                    file.headers.clone(),
                );
                match started {
                    Ok(c) => chain = Some(c),
                    Err(e) => return Ok(Err(e)),
                }
            }
        }
    }
    chain
        .map(|c| Ok(c.finish_part()))
        .ok_or(PartProblem::Unsupported)
}

/// Reads part `k` of `file` alone.
pub fn read_part(
    file: &OpenedFile,
    mapping: &ColumnMapping,
    k: usize,
    bytes: &[u8],
) -> Result<Result<Part, FileError>, PartProblem> {
    read_chain(file, mapping, [(k, bytes)])
}

/// The whole file read as the browser's two workers read it, here in one
/// thread: the first half of the parts as one chain, the second as
/// another that joins the first part by part.
pub fn import_in_parts(
    file: &OpenedFile,
    bytes: &[u8],
    mapping: &ColumnMapping,
) -> Result<Result<ImportReport, FileError>, PartProblem> {
    let spec = file.parts().ok_or(PartProblem::Unsupported)?;
    let n = spec.plan.parts();
    let split = n.div_ceil(2);
    let text = |k: usize| {
        part_text(
            &spec.plan,
            k,
            &bytes[spec.plan.read_range(k)],
            spec.encoding,
        )
    };
    let mut first = match Importer::over_part(
        Arc::new(text(0)?),
        spec.delimiter,
        spec.skip,
        mapping.clone(),
        file.headers.clone(),
    ) {
        Ok(i) => i,
        Err(e) => return Ok(Err(e)),
    };
    for k in 1..split {
        first.next_part(Arc::new(text(k)?));
    }
    // The second chain joins part by part, as the helper sends it.
    if split < n {
        let mut map = crate::domain::model::Renumbering::default();
        let mut second = match Importer::over_part(
            Arc::new(text(split)?),
            spec.delimiter,
            0,
            mapping.clone(),
            file.headers.clone(),
        ) {
            Ok(i) => i,
            Err(e) => return Ok(Err(e)),
        };
        for k in split + 1..n {
            first.absorb(second.drain_part(), &mut map);
            second.next_part(Arc::new(text(k)?));
        }
        first.absorb(second.drain_part(), &mut map);
    }
    first.finish_joined(file.name.clone(), file.format.clone())
}
