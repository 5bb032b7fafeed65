//! Delimited records over decoded text, each with the physical line it
//! starts on, read with `csv-core` into buffers reused from row to row; a
//! plain line (no quote, no CR) is split at its delimiters directly.
//!
//! Lines count `\n` bytes, as spreadsheets and editors number them: a quoted
//! field with a line break makes its record span two lines, and empty lines
//! (which the CSV parser skips) are counted so the caller can report them.

use csv_core::ReadRecordResult;

/// A cursor over the records of one text. The text is passed to each call
/// (the cursor only remembers where it is), so the text can be shared.
pub(super) struct Records {
    core: csv_core::Reader,
    delimiter: u8,
    /// The bytes a plain line stops at: the delimiter, LF, CR and `"`.
    special: [bool; 256],
    /// Next unread byte of the text.
    pos: usize,
    /// Field bytes of the current record, unquoted, and where each field ends.
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Line on which the previous record's last field ended.
    prev_end_line: Option<u64>,
    /// Whether the latest record ended on its terminator (not at the end
    /// of the text, inside a quoted field or after its last byte).
    last_terminated: bool,
    done: bool,
}

/// One record: the line it starts on and its fields.
pub(super) struct Record<'a> {
    /// 1-based line of the record's first byte.
    pub line: u64,
    /// Empty lines between the previous record and this one.
    pub blank_before: u64,
    /// The fields, either a slice of the text (no quotes: fields are
    /// separated by one delimiter byte) or the unquoted bytes (no gap).
    base: &'a str,
    ends: &'a [usize],
    gap: usize,
}

impl<'a> Record<'a> {
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`, untrimmed; `None` past the last field. Inlined: it runs
    /// for every cell read.
    #[inline(always)]
    pub fn field(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.base
            .get(start + i * self.gap..end + i * self.gap)
            .or(Some(""))
    }

    pub fn fields(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).filter_map(|i| self.field(i))
    }
}

impl Records {
    pub fn new(delimiter: u8) -> Records {
        Records {
            // The csv crate's defaults: `"` quotes, `""` escapes, CR, LF or
            // CRLF end a record, no comments.
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            delimiter,
            special: std::array::from_fn(|b| [delimiter, b'\n', b'\r', b'"'].contains(&(b as u8))),
            pos: 0,
            out: vec![0; 1024],
            ends: vec![0; 32],
            prev_end_line: None,
            last_terminated: true,
            done: false,
        }
    }

    /// Whether the text ended between two records: every record seen ended
    /// on its line end. A part of a file cut at a line start is read exactly
    /// as in the whole file only then (the cut was not inside a quoted field).
    pub fn ended_between_records(&self) -> bool {
        self.last_terminated
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Bytes of the text read so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The next record of `text` (the same text on every call), or `None`
    /// at the end.
    pub fn next<'a>(&'a mut self, text: &'a str) -> Option<Record<'a>> {
        if self.done {
            return None;
        }
        let bytes = text.as_bytes();
        let first_read = self.pos == 0;
        // After the first record (the parser drops a byte order mark there)
        // a plain line is split here, without the parser.
        if !first_read {
            if let Some((start, end, nend, lead)) = self.plain_line(bytes) {
                let line = self.core.line() + lead;
                let terminated = end < bytes.len();
                self.last_terminated = terminated;
                self.pos = end + usize::from(terminated);
                self.core.set_line(line + u64::from(terminated));
                let blank_before = self
                    .prev_end_line
                    .map_or(0, |prev| line.saturating_sub(prev + 1));
                self.prev_end_line = Some(line);
                return Some(Record {
                    line,
                    blank_before,
                    base: text.get(start..end).unwrap_or(""),
                    ends: &self.ends[..nend],
                    gap: 1,
                });
            }
        }
        let line_before = self.core.line();
        // The parser skips line ends before a record; the record starts after them.
        let newlines_to = |from: usize| {
            let mut at = from;
            let mut newlines = 0;
            while let Some(&b) = bytes.get(at) {
                match b {
                    b'\n' => newlines += 1,
                    b'\r' => {}
                    _ => break,
                }
                at += 1;
            }
            (at, newlines)
        };
        let (_, lead) = newlines_to(self.pos);
        // The parser drops a UTF-8 byte order mark at the very start; the
        // line is still counted from the mark, as it always was.
        let bom = if first_read && bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let (start, lead_content) = newlines_to(self.pos + bom);
        let line = line_before + lead;

        let (mut nout, mut nend) = (0, 0);
        let terminated = loop {
            let input = &bytes[self.pos.min(bytes.len())..];
            let (res, nin, o, e) =
                self.core
                    .read_record(input, &mut self.out[nout..], &mut self.ends[nend..]);
            self.pos += nin;
            nout += o;
            nend += e;
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let len = self.out.len();
                    self.out.resize(len * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len();
                    self.ends.resize(len * 2, 0);
                }
                // A record ends on its terminator byte, or at the end of the text.
                ReadRecordResult::Record => break nin > 0,
                ReadRecordResult::End => {
                    self.done = true;
                    return None;
                }
            }
        };
        self.last_terminated = terminated;
        let last_newline = u64::from(terminated && bytes.get(self.pos - 1) == Some(&b'\n'));
        let content_end = if terminated { self.pos - 1 } else { self.pos };
        // Line breaks inside the record are those in its quoted fields.
        let embedded = (self.core.line() - line_before).saturating_sub(lead_content + last_newline);
        let blank_before = self
            .prev_end_line
            .map_or(0, |prev| line.saturating_sub(prev + 1));
        self.prev_end_line = Some(line + embedded);

        let ends = &self.ends[..nend];
        // Without quotes the fields are the text between delimiters, which
        // saves checking the copied bytes are UTF-8 again.
        let unquoted = content_end.saturating_sub(start) + 1 == nout + nend;
        let (base, gap) = match text.get(start..content_end) {
            Some(content) if unquoted => (content, 1),
            _ => (std::str::from_utf8(&self.out[..nout]).unwrap_or(""), 0),
        };
        Some(Record {
            line,
            blank_before,
            base,
            ends,
            gap,
        })
    }

    /// The next record when it is a plain line: empty lines (LF only) before
    /// it, then no quote and no CR up to its LF or the end of the text. Such
    /// a record is its bytes split at each delimiter, exactly as the parser
    /// would split it, and the parser is left as it was between records.
    /// Returns the record's start and end (before the LF), how many fields
    /// it has (their ends, as the parser writes them, are in `ends`) and
    /// how many empty lines came before it.
    fn plain_line(&mut self, bytes: &[u8]) -> Option<(usize, usize, usize, u64)> {
        let mut start = self.pos;
        while bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        if start >= bytes.len() {
            return None;
        }
        let mut nend = 0;
        let mut at = start;
        loop {
            // One table look-up per ordinary byte.
            while at < bytes.len() && !self.special[usize::from(bytes[at])] {
                at += 1;
            }
            match bytes.get(at) {
                None | Some(b'\n') => break,
                Some(b'"' | b'\r') => return None,
                Some(_) => {
                    self.push_end(nend, at - start - nend);
                    nend += 1;
                    at += 1;
                }
            }
        }
        self.push_end(nend, at - start - nend);
        Some((start, at, nend + 1, (start - self.pos) as u64))
    }

    #[inline(always)]
    fn push_end(&mut self, i: usize, end: usize) {
        match self.ends.get_mut(i) {
            Some(e) => *e = end,
            None => self.ends.push(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The way lines were counted before this reader: the csv crate's
    /// records, with lines found by scanning the text from each record's
    /// position. Kept as the reference the reader must agree with.
    fn reference(text: &str, delimiter: u8) -> Vec<(u64, u64, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let bytes = text.as_bytes();
        let (mut byte, mut line, mut prev_end_line) = (0usize, 1u64, None::<u64>);
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while let Ok(true) = reader.read_record(&mut record) {
            let mut start = record
                .position()
                .map_or(byte, |p| p.byte() as usize)
                .min(bytes.len());
            while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                start += 1;
            }
            let from = byte.min(start);
            line += bytes[from..start].iter().filter(|&&b| b == b'\n').count() as u64;
            byte = start;
            let skipped = prev_end_line.map_or(0, |prev| line.saturating_sub(prev + 1));
            let embedded: usize = record
                .iter()
                .map(|f| f.bytes().filter(|&b| b == b'\n').count())
                .sum();
            prev_end_line = Some(line + embedded as u64);
            out.push((line, skipped, record.iter().map(str::to_owned).collect()));
        }
        out
    }

    fn read_all(text: &str, delimiter: u8) -> Vec<(u64, u64, Vec<String>)> {
        let mut records = Records::new(delimiter);
        let mut out = Vec::new();
        while let Some(r) = records.next(text) {
            out.push((
                r.line,
                r.blank_before,
                r.fields().map(str::to_owned).collect(),
            ));
        }
        out
    }

    #[test]
    fn lines_count_crlf_blank_lines_and_quoted_newlines() {
        let text = "h1,h2\r\n\r\na,\"x\r\ny\"\r\n\r\n\r\nb,\"q\"\"q\"\rc\n\nd";
        let got = read_all(text, b',');
        let fields = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            vec![
                (1, 0, fields(&["h1", "h2"])),
                (3, 1, fields(&["a", "x\r\ny"])),
                (7, 2, fields(&["b", "q\"q"])),
                // A lone CR ends a record but is not a line break.
                (7, 0, fields(&["c"])),
                (9, 1, fields(&["d"])),
            ]
        );
        assert_eq!(got, reference(text, b','));
    }

    #[test]
    fn a_byte_order_mark_is_dropped_but_lines_count_from_it() {
        let text = "\u{feff}\n\nh1,h2\nA,1\n";
        assert_eq!(read_all(text, b','), reference(text, b','));
        assert_eq!(read_all(text, b',')[0].2, vec!["h1", "h2"]);
    }

    #[test]
    fn long_records_grow_the_buffers() {
        let row: Vec<String> = (0..300).map(|i| format!("\"field {i}\n{i}\"")).collect();
        let text = format!("{}\nnext\n", row.join(";"));
        let got = read_all(&text, b';');
        assert_eq!(got, reference(&text, b';'));
        assert_eq!(got[1].0, 302);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Lines, blank lines and fields agree with the reference on any
        /// mix of delimiters, quotes, CR, LF, spaces, text and a BOM.
        #[test]
        fn agrees_with_the_csv_crate_and_a_rescan(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just(","), Just(";"), Just("\""), Just("\"\""), Just("\r"), Just("\n"),
                    Just("\r\n"), Just(" "), Just("a"), Just("客"), Just("12"), Just("\u{feff}"),
                ],
                0..80,
            ),
            delimiter in prop_oneof![Just(b','), Just(b';')],
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(read_all(&text, delimiter), reference(&text, delimiter));
        }
    }
}
