//! Import in parts (`domain::ingest::parts`) gives exactly what one
//! sequential import of the whole file gives: the same header, mapping and
//! preview from the head, the same rows, names in the same order, every
//! rejected row on the same line; or it says why the file must be read
//! whole, and never anything else. Parts also survive the trip between
//! workers byte for byte.

use panorama::domain::demo::{self, DemoConfig};
use panorama::domain::ingest::parts::{import_in_parts, read_part, Part, PartPlan, PartProblem};
use panorama::domain::ingest::{open, open_head_planned, ImportReport, Importer, OpenedFile};
use proptest::prelude::*;

fn sequential(bytes: &[u8]) -> (OpenedFile, Result<ImportReport, String>) {
    let file = open(bytes.to_vec(), "visits.csv", None).expect("open");
    let mapping = file.mapping.clone();
    let report = Importer::new(file.clone(), mapping)
        .and_then(Importer::finish)
        .map_err(|e| e.to_string());
    (file, report)
}

/// The parts' answer against the sequential one; `Ok(false)` when the
/// parts said the file must be read whole.
fn agree(bytes: &[u8], head: usize, plan: PartPlan) -> Result<bool, TestCaseError> {
    let (whole, expected) = sequential(bytes);
    let Some(file) = open_head_planned(&bytes[..head.min(bytes.len())], "visits.csv", plan)
        .expect("the head opens as the whole file does")
    else {
        return Ok(false);
    };
    prop_assert_eq!(&file.headers, &whole.headers);
    prop_assert_eq!(&file.mapping, &whole.mapping);
    prop_assert_eq!(file.header_line, whole.header_line);
    prop_assert_eq!(&file.preview, &whole.preview);
    let got = match import_in_parts(&file, bytes, &file.mapping) {
        Err(_) => return Ok(false),
        Ok(r) => r.map_err(|e| e.to_string()),
    };
    match (got, expected) {
        (Ok(g), Ok(e)) => {
            prop_assert_eq!(&g.format, &e.format);
            prop_assert_eq!(g.rows_read, e.rows_read);
            prop_assert_eq!(&g.rejected, &e.rejected);
            prop_assert_eq!(g.blank_lines, e.blank_lines);
            prop_assert_eq!(g.duplicate_rows, e.duplicate_rows);
            prop_assert_eq!(&g.unreadable_optional, &e.unreadable_optional);
            prop_assert!(g.dataset == e.dataset, "the data sets differ");
        }
        (g, e) => prop_assert_eq!(g.err(), e.err()),
    }
    Ok(true)
}

/// One field of a row: plain, quoted (with a comma, a quote or a line
/// break inside), empty, Chinese, or not what its column wants.
fn field(breaks: bool) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-D][0-9]{1,2}",
        2 => Just("2024-01-05".to_owned()),
        2 => Just("2024/3/9".to_owned()),
        2 => "[0-9]{1,4}(\\.[0-9]{2})?",
        1 => Just("\"x,y\"".to_owned()),
        1 => Just("\"say \"\"hi\"\"\"".to_owned()),
        1 => Just(if breaks { "\"two\nlines\"" } else { "\"two lines\"" }.to_owned()),
        1 => Just(if breaks { "\"a\r\nb\"" } else { "\"a b\"" }.to_owned()),
        1 => Just(String::new()),
        1 => Just("首保免费".to_owned()),
        1 => Just("not a date".to_owned()),
        1 => Just("\u{feff}B1".to_owned()),
    ]
}

fn row(breaks: bool) -> impl Strategy<Value = String> {
    (
        "[A-F][0-9]{0,2}",
        prop_oneof![
            Just("2024-01-05"),
            Just("2024-02-29"),
            Just("2023/7/1"),
            Just("2024-13-01"),
            Just("")
        ],
        prop_oneof![
            Just("120.00"),
            Just("-35"),
            Just("1,200"),
            Just("x"),
            Just("88")
        ],
        proptest::collection::vec(field(breaks), 0..3),
    )
        .prop_map(|(c, d, a, rest)| {
            let mut cells = vec![c, d.to_owned(), a.to_owned()];
            cells.extend(rest);
            cells.join(",")
        })
}

/// A file of 40–160 rows; `breaks` weighs quoted fields with line breaks
/// (a cut inside one is refused) and lone CRs (no line feed to cut at).
fn text(breaks: bool) -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(
            (
                row(breaks),
                prop_oneof![6 => Just("\n"), 2 => Just("\r\n"), 1 => Just("\n\n"), 1 => Just("\r\n\r\n"), 1 => Just(if breaks { "\r" } else { "\n" })],
            ),
            40..160,
        ),
        any::<bool>(),
    )
        .prop_map(|(rows, bom)| {
            let mut t = String::from(if bom { "\u{feff}" } else { "" });
            t.push_str("客户ID,到店日期,金额,活动,门店\n");
            for (r, end) in rows {
                t.push_str(&r);
                t.push_str(end);
            }
            t
        })
}

/// Runs `cases` files through both imports; returns in how many the parts
/// were used.
fn run(
    cases: u32,
    breaks: bool,
    window: std::ops::Range<usize>,
    head: std::ops::Range<usize>,
) -> u32 {
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    let used = std::cell::Cell::new(0u32);
    let strategy = (text(breaks), 40usize..400, window, head, any::<bool>());
    runner
        .run(&strategy, |(text, part, window, head, gbk)| {
            let bytes = if gbk {
                encoding_rs::GBK.encode(&text).0.into_owned()
            } else {
                text.into_bytes()
            };
            let plan = PartPlan::with_sizes(bytes.len(), part, window);
            if agree(&bytes, head, plan)? {
                used.set(used.get() + 1);
            }
            Ok(())
        })
        .expect("parts agree with the whole file");
    used.get()
}

/// Any cut of any such file, quoted line breaks, lone CRs and short heads
/// included: the same report as the sequential import, or a reason to read
/// it whole.
#[test]
fn parts_add_up_to_the_whole_file() {
    run(500, true, 8..64, 600..4000);
}

/// On files without quoted line breaks nearly every cut is used, so the
/// test above is not passed by falling back every time.
#[test]
fn ordinary_files_are_read_in_parts() {
    let used = run(300, false, 100..200, 4000..8000);
    assert!(used > 270, "parts used in {used} of 300 files");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A part read back from its bytes is the part.
    #[test]
    fn parts_travel_byte_for_byte(text in text(true), part in 100usize..400) {
        let bytes = text.into_bytes();
        let plan = PartPlan::with_sizes(bytes.len(), part, 32);
        if let Ok(Some(file)) = open_head_planned(&bytes, "visits.csv", plan.clone()) {
            for k in 0..plan.parts() {
                if let Ok(Ok(p)) = read_part(&file, &file.mapping, k, &bytes[plan.read_range(k)]) {
                    prop_assert_eq!(Part::from_bytes(&p.to_bytes()), Some(p));
                }
            }
        }
    }
}

/// The demo export (campaigns, stores, Chinese names) cut into 40 parts,
/// in UTF-8 and GBK: the parts are used (not a fallback) and add up.
#[test]
fn the_demo_export_in_forty_parts() {
    let rows = demo::generate(&DemoConfig {
        customers: 600,
        ..DemoConfig::default()
    });
    let mut csv = Vec::new();
    demo::write_csv(&rows, &mut csv).expect("csv");
    let gbk = encoding_rs::GBK
        .encode(std::str::from_utf8(&csv).expect("utf-8"))
        .0
        .into_owned();
    for bytes in [csv, gbk] {
        let plan = PartPlan::with_sizes(bytes.len(), bytes.len() / 40, 2048);
        assert_eq!(plan.parts(), 40);
        let used = agree(&bytes, 64 << 10, plan).expect("agree");
        assert!(used, "the parts were not used");
    }
}

/// A file that is UTF-8 in its head but not after it cannot be read in
/// parts as UTF-8: the parts say so, and the whole file is read as GB18030.
#[test]
fn a_file_not_utf8_after_its_head_is_read_whole() {
    let mut text = String::from("customer,date,amount\n");
    for i in 0..200 {
        text.push_str(&format!("C{i},2024-01-05,100\n"));
    }
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"C9,2024-01-05,100\n\xC9\xCF\xBA\xA3,2024-01-06,50\n");
    let plan = PartPlan::with_sizes(bytes.len(), 600, 64);
    let file = open_head_planned(&bytes[..1200], "visits.csv", plan)
        .expect("open")
        .expect("parts");
    assert_eq!(
        import_in_parts(&file, &bytes, &file.mapping).err(),
        Some(PartProblem::NotUtf8)
    );
}

/// A quoted field with a line break across a cut: the part before it does
/// not end between records, so the parts are refused (never a wrong row).
#[test]
fn a_cut_inside_a_quoted_field_is_refused() {
    let mut text = String::from("customer,date,amount,note\n");
    for i in 0..60 {
        text.push_str(&format!("C{i},2024-01-05,100,plain\n"));
    }
    let cut = text.len();
    text.push_str("C61,2024-01-05,100,\"");
    for i in 0..40 {
        text.push_str(&format!("note line {i}\n"));
    }
    text.push_str("end\"\nC62,2024-01-06,50,plain\n");
    let bytes = text.into_bytes();
    // Three parts read as two chains ([0], [1, 2]): the cut inside the
    // quoted note is inside the second chain.
    let plan = PartPlan {
        len: bytes.len(),
        starts: vec![0, cut / 2, cut + 100],
        window: 64,
    };
    let file = open_head_planned(&bytes, "visits.csv", plan)
        .expect("open")
        .expect("parts");
    assert_eq!(
        import_in_parts(&file, &bytes, &file.mapping).err(),
        Some(PartProblem::CutInsideField)
    );
}
