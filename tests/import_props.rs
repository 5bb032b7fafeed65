//! Properties of import that must hold for all input: nothing panics,
//! every non-blank row is either accepted or rejected (never lost), and
//! well-formed rows are all accepted with sums equal to a direct count.

use panorama::domain::ingest::{import_bytes, FileError};
use panorama::domain::money::Fen;
use proptest::prelude::*;
use std::collections::HashSet;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = import_bytes(bytes, "random.bin");
    }

    #[test]
    fn messy_text_rows_are_accepted_or_rejected_never_lost(
        rows in proptest::collection::vec(
            (
                prop_oneof![Just(String::new()), "[A-C][0-9]{1,2}"],
                prop_oneof![Just("2024-01-05".to_string()), Just("2024/2/30".to_string()), Just("x".to_string()), "20[0-9]{2}-[01][0-9]-[0-3][0-9]"],
                prop_oneof![Just("¥1,234.00".to_string()), Just("abc".to_string()), Just(String::new()), "-?[0-9]{1,5}(\\.[0-9]{1,3})?"],
            ),
            1..60,
        )
    ) {
        let mut text = String::from("客户ID,日期,金额\n");
        let mut blank = 0u64;
        for (c, d, a) in &rows {
            if c.is_empty() && d.is_empty() && a.is_empty() {
                blank += 1;
            }
            text.push_str(&format!("{c},{d},{a}\n"));
        }
        match import_bytes(text.into_bytes(), "messy.csv") {
            Ok(report) => {
                prop_assert_eq!(report.rows_read + report.blank_lines, rows.len() as u64);
                prop_assert_eq!(report.blank_lines, blank);
                prop_assert_eq!(report.rows_accepted() as u64 + report.rejected.len() as u64, report.rows_read);
                let mut lines = HashSet::new();
                for e in &report.rejected {
                    prop_assert!(e.line >= 2 && e.line <= rows.len() as u64 + 1);
                    prop_assert!(lines.insert(e.line), "one error per rejected line");
                }
            }
            Err(e) => prop_assert_eq!(e, FileError::NoDataRows),
        }
    }

    #[test]
    fn well_formed_rows_all_arrive_with_exact_sums(
        rows in proptest::collection::vec((0u32..30, 0i64..400, -100_000i64..10_000_000), 1..200)
    ) {
        let mut text = String::from("customer_id,visit_date,amount\n");
        let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let mut visits = HashSet::new();
        let mut customers = HashSet::new();
        let mut total = 0i64;
        for (c, day, fen) in &rows {
            let d = base + chrono::Days::new(*day as u64);
            visits.insert((*c, d));
            customers.insert(*c);
            total += fen;
            text.push_str(&format!("K{c},{},{}\n", d.format("%Y/%-m/%-d"), Fen(*fen)));
        }
        let report = import_bytes(text.into_bytes(), "ok.csv").unwrap();
        prop_assert!(report.rejected.is_empty());
        let s = report.dataset.summary();
        prop_assert_eq!(s.rows, rows.len());
        prop_assert_eq!(s.customers, customers.len());
        prop_assert_eq!(s.visits, visits.len());
        prop_assert_eq!(s.revenue, Fen(total));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A damaged workbook (truncated, bytes flipped) is refused, never a panic.
    #[test]
    fn damaged_workbooks_never_panic(cut in 0usize..6000, flips in proptest::collection::vec((0usize..6000, any::<u8>()), 0..8)) {
        let mut bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/visits.xlsx")).unwrap();
        for (at, b) in flips {
            if let Some(x) = bytes.get_mut(at) {
                *x ^= b;
            }
        }
        bytes.truncate(cut.max(4));
        let _ = import_bytes(bytes, "damaged.xlsx");
    }
}
