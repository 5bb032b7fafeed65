//! Bytes to text: file-kind sniffing and encoding detection.
//!
//! Exports from Chinese DMS/CRM systems arrive as UTF-8 (with or without a
//! BOM), GBK/GB18030, or UTF-16 (Excel's "Unicode text"). Detection order:
//! a BOM wins; then UTF-16 by the pattern of zero bytes; then valid UTF-8;
//! anything else is read as GB18030, the superset of GBK and GB2312.

use super::error::{FileError, NotTable};
use serde::{Deserialize, Serialize};

/// The text encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Gb18030 => "GBK / GB18030",
        }
    }
}

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// XLSX, XLSM, XLSB, ODS (zip) or legacy XLS (OLE).
    Workbook,
    Text,
}

/// Sniffs the file kind from magic bytes; refuses obvious non-tables.
pub fn sniff_kind(bytes: &[u8]) -> Result<FileKind, FileError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Empty);
    }
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let not_a_table = |kind: NotTable| Err(FileError::NotATable { kind });
    if starts(b"PK\x03\x04") || starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(FileKind::Workbook);
    }
    if starts(b"\x89PNG") {
        return not_a_table(NotTable::Png);
    }
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return not_a_table(NotTable::Jpeg);
    }
    if starts(b"GIF8") {
        return not_a_table(NotTable::Gif);
    }
    if starts(b"%PDF") {
        return not_a_table(NotTable::Pdf);
    }
    if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return not_a_table(NotTable::WebP);
    }
    if starts(&[0x1F, 0x8B]) || starts(b"7z\xBC\xAF") || starts(b"Rar!") {
        return not_a_table(NotTable::Archive);
    }
    Ok(FileKind::Text)
}

/// Decodes text bytes, consuming them (UTF-8 input is not copied).
pub fn decode(bytes: Vec<u8>) -> Result<(String, TextEncoding), FileError> {
    let (text, enc) = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        let (cow, _) = encoding_rs::UTF_8.decode_without_bom_handling(&bytes[3..]);
        (cow.into_owned(), TextEncoding::Utf8Bom)
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        let (cow, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(&bytes[2..]);
        (cow.into_owned(), TextEncoding::Utf16Le)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        let (cow, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(&bytes[2..]);
        (cow.into_owned(), TextEncoding::Utf16Be)
    } else if let Some(enc) = utf16_without_bom(&bytes) {
        let (cow, _) = enc.0.decode_without_bom_handling(&bytes);
        (cow.into_owned(), enc.1)
    } else {
        match String::from_utf8(bytes) {
            Ok(s) => (s, TextEncoding::Utf8),
            Err(e) => (decode_gbk(&e.into_bytes()), TextEncoding::Gb18030),
        }
    };
    if looks_binary(&text) {
        return Err(FileError::NotText);
    }
    Ok((text, enc))
}

/// First bytes of GBK's two-byte characters and the range of second bytes.
const GBK_LEADS: std::ops::RangeInclusive<u8> = 0x81..=0xFE;
const GBK_TRAILS: std::ops::RangeInclusive<u8> = 0x40..=0xFE;

/// GB18030 text made only of ASCII and two-byte (GBK) characters, decoded
/// as `encoding_rs` decodes it but faster: ASCII runs are copied whole and
/// each pair is one table look-up. `None` for anything else (four-byte
/// sequences, bytes that are no character), which `encoding_rs` decodes.
fn decode_gbk_pairs(bytes: &[u8]) -> Option<String> {
    let table = gbk_pairs();
    let trails = GBK_TRAILS.len();
    // Room for the worst case (every pair three bytes in UTF-8), given back
    // at the end: one allocation, never copied while decoding.
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut at = 0;
    while at < bytes.len() {
        let ascii = encoding_rs::Encoding::ascii_valid_up_to(&bytes[at..]);
        text.push_str(std::str::from_utf8(&bytes[at..at + ascii]).ok()?);
        at += ascii;
        while let Some(&lead) = bytes.get(at).filter(|b| !b.is_ascii()) {
            let trail = *bytes.get(at + 1)?;
            if !GBK_LEADS.contains(&lead) || !GBK_TRAILS.contains(&trail) {
                return None;
            }
            let c = table[usize::from(lead - GBK_LEADS.start()) * trails
                + usize::from(trail - GBK_TRAILS.start())]?;
            text.push(c);
            at += 2;
        }
    }
    text.shrink_to_fit();
    Some(text)
}

/// [`gbk_table`], built once: building it decodes 24,000 pairs (about
/// 6 ms), which a small GBK file would otherwise pay each time (found by
/// fuzzing the import, where it was 97% of the time).
fn gbk_pairs() -> &'static [Option<char>] {
    static TABLE: std::sync::OnceLock<Vec<Option<char>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(gbk_table)
}

/// What `encoding_rs` decodes each two-byte GB18030 sequence to (`None`
/// where it decodes to a replacement character). All pairs are decoded in
/// one call, each followed by a line feed, which no second byte can be.
fn gbk_table() -> Vec<Option<char>> {
    let mut pairs = Vec::with_capacity(GBK_LEADS.len() * GBK_TRAILS.len() * 3);
    for lead in GBK_LEADS {
        for trail in GBK_TRAILS {
            pairs.extend_from_slice(&[lead, trail, b'\n']);
        }
    }
    let (decoded, _) = encoding_rs::GB18030.decode_without_bom_handling(&pairs);
    decoded
        .split('\n')
        .take(GBK_LEADS.len() * GBK_TRAILS.len())
        .map(|one| {
            let mut chars = one.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c != '\u{fffd}' => Some(c),
                _ => None,
            }
        })
        .collect()
}

/// UTF-16 without a BOM: in ASCII-heavy text every other byte is zero.
pub(super) fn utf16_without_bom(
    bytes: &[u8],
) -> Option<(&'static encoding_rs::Encoding, TextEncoding)> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |offset: usize| {
        head.iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 > pairs * 3 && even * 10 < pairs {
        Some((encoding_rs::UTF_16LE, TextEncoding::Utf16Le))
    } else if even * 10 > pairs * 3 && odd * 10 < pairs {
        Some((encoding_rs::UTF_16BE, TextEncoding::Utf16Be))
    } else {
        None
    }
}

/// GBK/GB18030 bytes as text: by the pair table when every character is
/// ASCII or a GBK pair, else by `encoding_rs`'s GB18030 decoder (both give
/// the same characters; a file cut after a line feed decodes part by part
/// as it does whole, since no GB18030 sequence holds that byte).
pub fn decode_gbk(bytes: &[u8]) -> String {
    decode_gbk_pairs(bytes).unwrap_or_else(|| {
        let (cow, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        cow.into_owned()
    })
}

/// Whether `bytes` are UTF-8 (fast: vectorised).
pub fn is_utf8(bytes: &[u8]) -> bool {
    simdutf8::basic::from_utf8(bytes).is_ok()
}

/// Text full of control characters or replacement marks is not a table.
pub(super) fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    if sample.is_empty() {
        return false;
    }
    let bad = sample
        .iter()
        .filter(|&&c| {
            c == '\u{fffd}'
                || c == '\0'
                || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        })
        .count();
    bad * 20 > sample.len()
}

/// Sniffs the field delimiter among `,` `\t` `;` `|` from the first lines:
/// the one that splits most lines into the same number of fields.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for delim in [b',', b'\t', b';', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, delim))
            .collect();
        let mut mode = (0usize, 0usize);
        for &c in counts.iter().filter(|&&c| c > 0) {
            let n = counts.iter().filter(|&&x| x == c).count();
            if n > mode.1 || (n == mode.1 && c > mode.0) {
                mode = (c, n);
            }
        }
        if mode.1 > best.2 || (mode.1 == best.2 && mode.0 > best.1) {
            best = (delim, mode.0, mode.1);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delim: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == delim && !quoted
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "客户ID,日期,金额\nC1,2024-01-05,100\n";
        let (s, e) = decode(text.as_bytes().to_vec()).unwrap();
        assert_eq!((s.as_str(), e), (text, TextEncoding::Utf8));

        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(
            decode(bom).unwrap(),
            (text.to_owned(), TextEncoding::Utf8Bom)
        );

        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(
            decode(gbk.into_owned()).unwrap(),
            (text.to_owned(), TextEncoding::Gb18030)
        );

        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend_from_slice(&le);
        assert_eq!(
            decode(le_bom).unwrap(),
            (text.to_owned(), TextEncoding::Utf16Le)
        );
        assert_eq!(
            decode(le).unwrap(),
            (text.to_owned(), TextEncoding::Utf16Le)
        );

        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(be).unwrap(),
            (text.to_owned(), TextEncoding::Utf16Be)
        );
    }

    #[test]
    fn gbk_pairs_decode_as_encoding_rs_does() {
        let table = gbk_table();
        assert_eq!(table.len(), GBK_LEADS.len() * GBK_TRAILS.len());
        assert!(table.iter().flatten().count() > 20_000);
        // Every two-byte character GB18030 has, between ASCII, in one text.
        let mut all = Vec::new();
        let pairs = GBK_LEADS.flat_map(|lead| GBK_TRAILS.map(move |trail| [lead, trail]));
        for (pair, c) in pairs.zip(&table) {
            if c.is_some() {
                all.extend_from_slice(&pair);
                all.push(b',');
            }
        }
        let expected = encoding_rs::GB18030.decode_without_bom_handling(&all).0;
        assert_eq!(decode_gbk_pairs(&all).as_deref(), Some(&*expected));
        let text = "客户ID,日期,金额\n张三,2024-01-05,100\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode_gbk_pairs(&gbk).as_deref(), Some(text));
        // A four-byte sequence, a lone lead byte or 0x80 is left to encoding_rs.
        assert_eq!(decode_gbk_pairs(b"a\x81\x30\x81\x30"), None);
        assert_eq!(decode_gbk_pairs(b"a\xC4"), None);
        assert_eq!(decode_gbk_pairs(b"\x80"), None);
    }

    proptest::proptest! {
        /// Whatever the bytes, the fast decoder agrees with encoding_rs or
        /// leaves them to it.
        #[test]
        fn gbk_fast_path_equals_encoding_rs(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![0x20u8..0x7F, 0x80u8..=0xFF, 0x30u8..0x3A, proptest::prelude::Just(b'\n')],
                0..64,
            )
        ) {
            if let Some(fast) = decode_gbk_pairs(&bytes) {
                let slow = encoding_rs::GB18030.decode_without_bom_handling(&bytes).0;
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }

    #[test]
    fn refuses_images_and_empty_files() {
        assert_eq!(sniff_kind(b""), Err(FileError::Empty));
        assert_eq!(sniff_kind(b" \n\r\n"), Err(FileError::Empty));
        assert!(matches!(
            sniff_kind(b"\x89PNG\r\n\x1a\n...."),
            Err(FileError::NotATable { .. })
        ));
        assert!(matches!(
            sniff_kind(b"%PDF-1.7"),
            Err(FileError::NotATable { .. })
        ));
        assert_eq!(sniff_kind(b"PK\x03\x04rest"), Ok(FileKind::Workbook));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode(noise).is_err());
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a;b;c\n1;\"2;x\";3\n1;2,0;3\n"), b';');
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), b'|');
        assert_eq!(sniff_delimiter("single\ncolumn\n"), b',');
        // Amounts with thousands commas inside quotes do not fool it.
        assert_eq!(
            sniff_delimiter("id,amount\nC1,\"1,234.00\"\nC2,\"2,000\"\n"),
            b','
        );
    }
}
