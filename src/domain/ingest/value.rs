//! Typed values from raw cells: dates, amounts, scores and flags as dealer
//! exports really write them.

use crate::domain::money::Fen;
use chrono::{Days, NaiveDate};

/// Why a date cell was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a date in any form we read.
    Unreadable,
    /// Looks like a date but the day does not exist (1997-02-30, month 13).
    Impossible,
    /// A real date, but outside 1950–2100: almost surely a typo.
    OutOfRange,
}

/// Earliest and latest years accepted for a visit or delivery date.
pub const YEAR_RANGE: (i32, i32) = (1950, 2100);

/// `str::trim`, without decoding characters when neither end byte can
/// belong to white space (nearly every cell): then there is nothing to
/// trim. It runs several times per cell, so it is inlined even in the
/// size-optimised build.
#[inline(always)]
pub fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if plain_start(*first) && plain_end(*last) => s,
        [only] if plain_start(*only) => s,
        _ => s.trim(),
    }
}

/// A first byte that starts no white space character. The non-ASCII white
/// space (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000) starts with 0xC2, 0xE1, 0xE2 or 0xE3 in UTF-8.
#[inline(always)]
fn plain_start(b: u8) -> bool {
    !matches!(b, b' ' | 0x09..=0x0d | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// A last byte that ends no white space character (the same characters
/// end with one of 0x80–0x8A, 0x9F, 0xA0, 0xA8, 0xA9, 0xAF), so most
/// Chinese text ends plain too.
#[inline(always)]
fn plain_end(b: u8) -> bool {
    !matches!(b, b' ' | 0x09..=0x0d | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF)
}

/// Parses the date forms seen in DMS exports: `2024-01-05`, `2024/1/5`,
/// `2024.1.5`, `20240105`, `2024年1月5日`, each optionally followed by a time
/// (`10:30`, `T10:30:00`, `10:30:00.000`), which is ignored. Year first only:
/// `05/01/2024` is ambiguous between countries and is refused.
pub fn parse_date(raw: &str) -> Result<NaiveDate, DateProblem> {
    match iso_ymd(raw.as_bytes()) {
        Some((y, m, d)) => make_date(y, m, d),
        None => parse_date_general(raw),
    }
}

/// The common forms `2024-01-05` and `2024/1/5` (any of `-` `/` `.`), read
/// straight from the bytes; `None` sends anything else to the general path,
/// which reads these forms to the same year, month and day.
fn iso_ymd(b: &[u8]) -> Option<(i32, u32, u32)> {
    if !(8..=10).contains(&b.len()) {
        return None;
    }
    let digit = |i: usize| {
        let d = b.get(i)?.wrapping_sub(b'0');
        (d < 10).then_some(u32::from(d))
    };
    let sep = |i: usize| matches!(b.get(i), Some(b'-' | b'/' | b'.'));
    let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
    if !sep(4) {
        return None;
    }
    // Month and day have one or two digits each.
    let (month, at) = match (digit(5)?, digit(6)) {
        (m, Some(m2)) => (m * 10 + m2, 7),
        (m, None) => (m, 6),
    };
    if !sep(at) {
        return None;
    }
    let day = match (b.len() - at - 1, digit(at + 1)?) {
        (1, d) => d,
        (2, d) => d * 10 + digit(at + 2)?,
        _ => return None,
    };
    Some((year as i32, month, day))
}

fn parse_date_general(raw: &str) -> Result<NaiveDate, DateProblem> {
    let s = raw.trim();
    let (date_part, time_part) = split_time(s);
    if !time_part
        .chars()
        .all(|c| c.is_ascii_digit() || ":.+-Z ".contains(c))
    {
        return Err(DateProblem::Unreadable);
    }
    let (y, m, d) = split_ymd(date_part).ok_or(DateProblem::Unreadable)?;
    make_date(y, m, d)
}

fn make_date(y: i32, m: u32, d: u32) -> Result<NaiveDate, DateProblem> {
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or(DateProblem::Impossible)?;
    if y < YEAR_RANGE.0 || y > YEAR_RANGE.1 {
        return Err(DateProblem::OutOfRange);
    }
    Ok(date)
}

/// Splits `2024-01-05 10:30` / `2024-01-05T10:30` into date and time parts.
fn split_time(s: &str) -> (&str, &str) {
    if let Some(i) = s.find([' ', 'T', '\u{3000}']) {
        (&s[..i], s[i..].trim_start_matches(['T', ' ', '\u{3000}']))
    } else {
        (s, "")
    }
}

/// Year, month, day from `2024-1-5`, `2024/01/05`, `2024.1.5`, `2024年1月5日`
/// or `20240105`, without allocating (this runs once per row).
fn split_ymd(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        let num =
            |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        return Some((num(0..4) as i32, num(4..6), num(6..8)));
    }
    let s = s.strip_suffix('日').unwrap_or(s);
    let mut parts = [0u32; 3];
    let mut lens = [0usize; 3];
    let mut idx = 0;
    for c in s.chars() {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            if lens[idx] >= 4 {
                return None;
            }
            parts[idx] = parts[idx] * 10 + d;
            lens[idx] += 1;
        } else if matches!(c, '年' | '月' | '/' | '.' | '-') && lens[idx] > 0 && idx < 2 {
            idx += 1;
        } else {
            return None;
        }
    }
    let ok = idx == 2 && lens[0] == 4 && (1..=2).contains(&lens[1]) && (1..=2).contains(&lens[2]);
    ok.then_some((parts[0] as i32, parts[1], parts[2]))
}

/// An Excel serial date (days since 1899-12-30, fraction = time of day).
pub fn excel_serial_date(serial: f64) -> Result<NaiveDate, DateProblem> {
    if !serial.is_finite() || serial < 1.0 {
        return Err(DateProblem::Unreadable);
    }
    // 8-digit numbers in a date column are yyyymmdd typed as numbers.
    if (19_000_101.0..=21_001_231.0).contains(&serial) && serial.fract() == 0.0 {
        return parse_date(&format!("{}", serial as u64));
    }
    if serial > 2_958_465.0 {
        return Err(DateProblem::Unreadable);
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or(DateProblem::Unreadable)?;
    let date = epoch
        .checked_add_days(Days::new(serial.floor() as u64))
        .ok_or(DateProblem::Unreadable)?;
    if !(YEAR_RANGE.0..=YEAR_RANGE.1).contains(&chrono::Datelike::year(&date)) {
        return Err(DateProblem::OutOfRange);
    }
    Ok(date)
}

/// Parses an amount in yuan to exact fen: `1234.5`, `1,234.50`, `￥1,234.00`,
/// `¥1234`, `1234元`, `RMB 1234`, `-120` and `(120)` for refunds. Thousands
/// separators must group by three; more than two decimals round half up.
pub fn parse_amount(raw: &str) -> Option<Fen> {
    plain_amount(raw.as_bytes()).or_else(|| parse_amount_general(raw))
}

/// The common form `1234.50` / `-120` / `12.5`: an optional minus, 1–13
/// digits, an optional point and at most two decimals. `None` sends anything
/// else (including what is not an amount) to the general path.
fn plain_amount(b: &[u8]) -> Option<Fen> {
    let (negative, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let int_len = b
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(b.len());
    if !(1..=13).contains(&int_len) {
        return None;
    }
    let frac = match &b[int_len..] {
        [] => &[][..],
        [b'.', frac @ ..] if frac.len() <= 2 && frac.iter().all(u8::is_ascii_digit) => frac,
        _ => return None,
    };
    let value = |digits: &[u8]| {
        digits
            .iter()
            .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'))
    };
    let cents = match frac {
        [d] => value(&[*d]) * 10,
        _ => value(frac),
    };
    let fen = value(&b[..int_len]) * 100 + cents;
    Some(Fen(if negative { -fen } else { fen }))
}

fn parse_amount_general(raw: &str) -> Option<Fen> {
    let mut s = raw.trim();
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    if let Some(rest) = s.strip_prefix(['-', '−', '－']) {
        negative = !negative;
        s = rest.trim_start();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.trim_start();
    }
    for prefix in ["￥", "¥", "RMB", "rmb", "CNY", "cny"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
            break;
        }
    }
    // Sign may also come after the currency symbol: ¥-120.
    if !negative {
        if let Some(rest) = s.strip_prefix('-') {
            negative = true;
            s = rest;
        }
    }
    for suffix in ["元", "RMB", "CNY"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end();
            break;
        }
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    let int_digits = strip_thousands(int_part)?;
    let int_digits = int_digits.as_ref();
    if int_digits.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) || int_digits.len() > 13 {
        return None;
    }
    let mut fen: i64 = if int_digits.is_empty() {
        0
    } else {
        int_digits.parse::<i64>().ok()? * 100
    };
    let frac = frac_part.as_bytes();
    let digit = |i: usize| frac.get(i).map_or(0, |b| i64::from(b - b'0'));
    fen += digit(0) * 10 + digit(1);
    if digit(2) >= 5 {
        fen += 1;
    }
    Some(Fen(if negative { -fen } else { fen }))
}

/// Removes `,` thousands separators when they group digits by three.
fn strip_thousands(int_part: &str) -> Option<std::borrow::Cow<'_, str>> {
    if int_part.bytes().all(|b| b.is_ascii_digit()) {
        return Some(std::borrow::Cow::Borrowed(int_part));
    }
    let normalised = int_part.replace(['，', ' '], ",");
    let groups: Vec<&str> = normalised.split(',').collect();
    let ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && (groups.len() == 1
            || (!groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3)));
    ok.then(|| std::borrow::Cow::Owned(groups.concat()))
}

/// A score from an NPS / satisfaction / rating column: a finite number.
pub fn parse_score(raw: &str) -> Option<f32> {
    // One to three plain digits (nearly every score) need no float parser.
    let b = raw.as_bytes();
    if (1..=3).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
        let v = b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        return (v <= 100).then_some(v as f32);
    }
    parse_score_general(raw)
}

fn parse_score_general(raw: &str) -> Option<f32> {
    let s = raw.trim().trim_end_matches(['分', '%']);
    let v: f32 = s.parse().ok()?;
    (v.is_finite() && (0.0..=100.0).contains(&v)).then_some(v)
}

/// A complaint flag: yes/no words in Chinese or English, 1/0, or any other
/// text (the complaint itself) which counts as yes. Empty means "no value".
pub fn parse_complaint(raw: &str) -> Option<bool> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    let no = ["否", "无", "没有", "n", "no", "false", "0", "-", "/"];
    Some(!no.iter().any(|w| s.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        /// The fast date path reads exactly what the general one reads.
        #[test]
        fn fast_dates_equal_general_dates(
            s in prop_oneof![
                "[0-9]{0,5}[-/.]?[0-9]{0,3}[-/.]?[0-9]{0,3}",
                "(19|20|21)[0-9]{2}[-/.][01]?[0-9][-/.][0-3]?[0-9]",
                "[0-9 ./T:年月日-]{0,12}",
                any::<String>(),
            ]
        ) {
            prop_assert_eq!(parse_date(&s), parse_date_general(&s));
        }

        /// The fast amount path reads exactly what the general one reads.
        #[test]
        fn fast_amounts_equal_general_amounts(
            s in prop_oneof![
                "-?[0-9]{0,15}(\\.[0-9]{0,4})?",
                "[-+ (]?[0-9]{1,4}[.,]?[0-9]{0,3}[) 元]?",
                "[0-9.,-]{0,8}",
                any::<String>(),
            ]
        ) {
            prop_assert_eq!(parse_amount(&s), parse_amount_general(&s));
        }

        /// The fast score path reads exactly what the general one reads.
        #[test]
        fn fast_scores_equal_general_scores(
            s in prop_oneof!["[0-9]{0,4}", "[0-9. 分%+-]{0,5}", any::<String>()]
        ) {
            prop_assert_eq!(parse_score(&s), parse_score_general(&s));
        }

        #[test]
        fn trim_is_str_trim(s in prop_oneof![
            "[ \t\r\n\u{b}\u{c}a-c\u{3000}\u{a0}\u{85}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}客广店¥\u{1c}\u{1f}]{0,6}",
            "[\u{80}-\u{3100}]{0,3}",
            any::<String>(),
        ]) {
            prop_assert_eq!(trim(&s), s.trim());
        }
    }

    #[test]
    fn trim_agrees_on_every_character_at_either_end() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("{c}a"),
                format!("{c}x{c}"),
            ] {
                assert_eq!(trim(&s), s.trim(), "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn fast_paths_take_the_common_forms() {
        assert_eq!(iso_ymd(b"2024-01-05"), Some((2024, 1, 5)));
        assert_eq!(iso_ymd(b"2024/1/5"), Some((2024, 1, 5)));
        assert_eq!(iso_ymd(b"2024/12/31"), Some((2024, 12, 31)));
        assert_eq!(iso_ymd(b"20240105"), None);
        assert_eq!(iso_ymd(b"2024-01-05 10:30"), None);
        assert_eq!(plain_amount(b"1234.50"), Some(Fen(123450)));
        assert_eq!(plain_amount(b"-120"), Some(Fen(-12000)));
        assert_eq!(plain_amount(b"12.5"), Some(Fen(1250)));
        assert_eq!(plain_amount(b"1,234.50"), None);
        assert_eq!(plain_amount(b"12.345"), None);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_every_export_date_form() {
        for s in [
            "2024-01-05",
            "2024/1/5",
            "2024.1.5",
            "20240105",
            "2024年1月5日",
            "2024-01-05 10:30",
            "2024/1/5 10:30:00",
            "2024-01-05T10:30:00",
            "2024-01-05T10:30:00.000Z",
            " 2024-1-05 ",
            "2024年01月05日 08:00",
        ] {
            assert_eq!(parse_date(s), Ok(d(2024, 1, 5)), "{s}");
        }
    }

    #[test]
    fn says_why_a_date_is_refused() {
        assert_eq!(parse_date("1997-02-30"), Err(DateProblem::Impossible));
        assert_eq!(parse_date("2023-02-29"), Err(DateProblem::Impossible));
        assert_eq!(parse_date("2024-13-01"), Err(DateProblem::Impossible));
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
        assert_eq!(parse_date("1024-02-01"), Err(DateProblem::OutOfRange));
        for s in [
            "",
            "yesterday",
            "05/01/2024",
            "2024-01",
            "2024-01-05abc",
            "2024--05",
            "45296",
        ] {
            assert_eq!(parse_date(s), Err(DateProblem::Unreadable), "{s}");
        }
    }

    #[test]
    fn reads_excel_serial_dates() {
        assert_eq!(excel_serial_date(45296.0), Ok(d(2024, 1, 5)));
        assert_eq!(excel_serial_date(45296.75), Ok(d(2024, 1, 5)));
        assert_eq!(excel_serial_date(20240105.0), Ok(d(2024, 1, 5)));
        assert_eq!(excel_serial_date(-3.0), Err(DateProblem::Unreadable));
        assert_eq!(excel_serial_date(100.0), Err(DateProblem::OutOfRange));
    }

    #[test]
    fn reads_every_export_amount_form() {
        let cases = [
            ("1234.5", 123450),
            ("1,234.50", 123450),
            ("￥1,234.00", 123400),
            ("¥1234", 123400),
            ("1234元", 123400),
            ("RMB 1,234,567.89", 123456789),
            ("-120", -12000),
            ("(120.00)", -12000),
            ("¥-120", -12000),
            ("0.005", 1),
            (".5", 50),
            ("12.344", 1234),
            ("0", 0),
        ];
        for (s, fen) in cases {
            assert_eq!(parse_amount(s), Some(Fen(fen)), "{s}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for s in [
            "", "abc", "12,5", "1,23,456", "1.2.3", "NaN", "inf", "1e5", "--5", "¥", "12 34",
        ] {
            assert_eq!(parse_amount(s), None, "{s}");
        }
    }

    #[test]
    fn reads_scores_and_complaints() {
        assert_eq!(parse_score("9"), Some(9.0));
        assert_eq!(parse_score("85分"), Some(85.0));
        assert_eq!(parse_score("NaN"), None);
        assert_eq!(parse_score("-1"), None);
        assert_eq!(parse_complaint("是"), Some(true));
        assert_eq!(parse_complaint("无"), Some(false));
        assert_eq!(parse_complaint("N"), Some(false));
        assert_eq!(parse_complaint("等待时间太长"), Some(true));
        assert_eq!(parse_complaint(" "), None);
    }
}
