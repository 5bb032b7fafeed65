//! A customer summary gives the figures the visits give (issue 15): the
//! summaries in tests/data/summary_*.csv are `sql/customer_summary.sql`'s
//! output on DuckDB for the visit fixtures beside them (scripts/test.sh
//! checks that DuckDB still writes them byte for byte). Here the app reads
//! each one and every per-customer figure, the KPIs, the segments, the
//! planner's inputs and the value model equal those from the visits.

use panorama::domain::customer::CustomerStats;
use panorama::domain::ingest::{import_bytes, open, RowErrorKind};
use panorama::domain::kpi::dashboard;
use panorama::domain::lifecycle::StageSettings;
use panorama::domain::model::Dataset;
use panorama::domain::planner::cells::data_inputs;
use panorama::domain::segmentation::{segment, SegmentSettings};
use panorama::domain::summary::{read_summary_file, summarise, CustomerSource, CustomerSummary};
use panorama::domain::value::score::{checked_report, ScoreOptions};
use panorama::domain::value::validate::ModelChoice;
use std::collections::HashMap;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn visits(name: &str) -> Dataset {
    import_bytes(data(name), name).expect("import").dataset
}

fn summary(name: &str) -> CustomerSummary {
    let file = open(data(name), name, None).expect("opens");
    let read = read_summary_file(&file).expect("reads");
    assert!(read.rejected.is_empty(), "{:?}", read.rejected);
    read.summary
}

/// Both sides keyed by customer id (the indices differ: first seen in the
/// visits, file order in the summary).
fn by_id<T: Clone>(d: &(impl CustomerSource + ?Sized), rows: &[(u32, T)]) -> HashMap<String, T> {
    rows.iter()
        .map(|(c, v)| (d.customer_ids()[*c as usize].clone(), v.clone()))
        .collect()
}

fn stats_by_id(
    d: &(impl CustomerSource + ?Sized),
    s: Vec<CustomerStats>,
) -> HashMap<String, CustomerStats> {
    let rows: Vec<(u32, CustomerStats)> = s
        .into_iter()
        .map(|mut s| {
            let c = s.customer;
            s.customer = 0;
            (c, s)
        })
        .collect();
    by_id(d, &rows)
}

const FIXTURES: [&str; 3] = ["panorama_small", "segments_small", "value_regular"];

#[test]
fn summaries_read_back_equal_the_visits_summarised() {
    for f in FIXTURES {
        let v = visits(&format!("{f}.csv"));
        let s = summary(&format!("summary_{f}.csv"));
        let as_of = s.as_of.expect("as-of");
        let mine = summarise(&v, as_of);
        assert_eq!(mine.rows.len(), s.rows.len(), "{f}");
        let theirs: HashMap<&str, _> = s
            .customer_ids
            .iter()
            .map(String::as_str)
            .zip(&s.rows)
            .collect();
        for (id, row) in mine.customer_ids.iter().zip(&mine.rows) {
            let other = theirs[id.as_str()];
            let strip = |s: &CustomerStats| CustomerStats {
                customer: 0,
                ..s.clone()
            };
            assert_eq!(strip(&row.stats), strip(&other.stats), "{f} {id}");
            assert_eq!(row.facts, other.facts, "{f} {id}");
            assert_eq!(row.repeat_spend, other.repeat_spend, "{f} {id}");
            // The SQL writes the log sums to 6 decimals.
            assert!((row.litt - other.litt).abs() <= 5e-7, "{f} {id}");
            assert!(
                (row.litt_before_12m - other.litt_before_12m).abs() <= 5e-7,
                "{f} {id}"
            );
        }
    }
}

#[test]
fn a_summary_gives_the_figures_the_visits_give() {
    for f in FIXTURES {
        let v = visits(&format!("{f}.csv"));
        let s = summary(&format!("summary_{f}.csv"));
        let as_of = s.as_of.expect("as-of");
        let stages = StageSettings::default();
        assert_eq!(
            dashboard(&v, as_of, &stages),
            dashboard(&s, as_of, &stages),
            "{f}"
        );
        assert_eq!(
            data_inputs(&v, as_of, &stages),
            data_inputs(&s, as_of, &stages),
            "{f}"
        );
        assert_eq!(
            stats_by_id(&v, v.customer_stats(as_of)),
            stats_by_id(&s, s.customer_stats(as_of)),
            "{f}"
        );
        let settings = SegmentSettings::default();
        let (a, b) = (segment(&v, as_of, &settings), segment(&s, as_of, &settings));
        assert_eq!((a.total, a.rf), (b.total, b.rf), "{f}");
        assert_eq!(a.by_segment, b.by_segment, "{f}");
        assert_eq!(
            (&a.by_stage, &a.by_light, &a.by_tier),
            (&b.by_stage, &b.by_light, &b.by_tier),
            "{f}"
        );
        let classes = |d: &dyn CustomerSource,
                       seg: &panorama::domain::segmentation::Segmentation| {
            let rows: Vec<(u32, _)> = seg
                .customers
                .iter()
                .map(|c| {
                    (
                        c.stats.customer,
                        (c.scores, c.segment, c.placement, c.stage, c.light, c.tier),
                    )
                })
                .collect();
            by_id(d, &rows)
        };
        assert_eq!(classes(&v, &a), classes(&s, &b), "{f}");
    }
}

#[test]
fn a_summary_gives_the_customer_values_the_visits_give() {
    let v = visits("value_regular.csv");
    let s = summary("summary_value_regular.csv");
    let as_of = s.as_of.expect("as-of");
    let opts = ScoreOptions::default();
    let a = checked_report(&v, as_of, ModelChoice::Auto, None, &opts).expect("fits on the visits");
    let b = checked_report(&s, as_of, ModelChoice::Auto, None, &opts).expect("fits on the summary");
    assert_eq!(a.visits.kind, b.visits.kind);
    assert_eq!(a.visits.params.k, b.visits.params.k);
    let (va, vb) = (
        a.validation.as_ref().expect("validated"),
        b.validation.as_ref().expect("validated"),
    );
    assert_eq!(va.auto, vb.auto);
    for (x, y) in va.models.iter().zip(&vb.models) {
        assert_eq!((x.kind, x.total.actual), (y.kind, y.total.actual));
        assert!((x.total.predicted - y.total.predicted).abs() < 1e-6 * x.total.predicted.max(1.0));
        assert!((x.error - y.error).abs() < 1e-9);
        assert_eq!(x.by_frequency.len(), y.by_frequency.len());
        // The tracking curve needs the day of each held-out visit.
        assert!(!x.curve.is_empty());
        assert!(y.curve.is_empty());
    }
    let values = |d: &dyn CustomerSource, r: &panorama::domain::value::score::ValueReport| {
        let rows: Vec<(u32, (f64, Option<f64>))> = r
            .customers
            .iter()
            .map(|c| (c.customer, (c.p_alive, c.clv_365d.ok())))
            .collect();
        by_id(d, &rows)
    };
    let (ma, mb) = (values(&v, &a), values(&s, &b));
    assert_eq!(ma.len(), 400);
    for (id, (p, clv)) in &ma {
        let (q, clv2) = mb[id];
        assert!((p - q).abs() < 1e-9, "{id} P(alive) {p} vs {q}");
        match (clv, clv2) {
            (Some(x), Some(y)) => assert!(
                (x - y).abs() < 1e-6 * x.abs().max(1.0),
                "{id} CLV {x} vs {y}"
            ),
            (x, y) => assert_eq!(*x, y, "{id}"),
        }
    }
}

#[test]
fn bad_summary_rows_are_reported_by_line_and_the_rest_kept() {
    let mut text = String::from_utf8(data("summary_segments_small.csv")).expect("utf-8");
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let header = &lines[0];
    let broken = |line: &str, col: &str, value: &str| -> String {
        let i = header.split(',').position(|h| h == col).expect("column");
        let mut cells: Vec<&str> = line.split(',').collect();
        cells[i] = value;
        cells.join(",")
    };
    text = [
        header.clone(),
        lines[1].clone(),
        broken(&lines[2], "frequency", "many"),
        broken(&lines[3], "as_of", "2020-01-01"),
        lines[1].clone(),
        broken(&lines[4], "last_visit", "1999-01-01"),
        lines[5].clone(),
    ]
    .join("\n");
    let file = open(text.into_bytes(), "bad.csv", None).expect("opens");
    let read = read_summary_file(&file).expect("reads");
    assert_eq!(read.summary.rows.len(), 2);
    assert_eq!(read.rows_read, 6);
    let found: Vec<(u64, Option<&str>, &RowErrorKind)> = read
        .rejected
        .iter()
        .map(|e| (e.line, e.column.as_deref(), &e.kind))
        .collect();
    assert_eq!(found.len(), 4);
    assert_eq!((found[0].0, found[0].1), (3, Some("frequency")));
    assert!(matches!(found[0].2, RowErrorKind::BadNumber { .. }));
    assert_eq!((found[1].0, found[1].1), (4, Some("as_of")));
    assert!(matches!(found[1].2, RowErrorKind::AsOfDiffers { .. }));
    assert_eq!((found[2].0, found[2].1), (5, Some("customer_id")));
    assert!(matches!(found[2].2, RowErrorKind::DuplicateCustomer { .. }));
    assert_eq!((found[3].0, found[3].1), (6, Some("last_visit")));
    assert!(matches!(found[3].2, RowErrorKind::ImpossibleSummary { .. }));
}

#[test]
fn a_summary_without_a_required_column_is_refused_with_the_names() {
    let text = "customer_id,as_of,frequency,monetary\nA,2025-01-01,2,100.00\n";
    let file = open(text.as_bytes().to_vec(), "thin.csv", None).expect("opens");
    assert!(panorama::domain::summary::is_summary(&file.headers));
    match read_summary_file(&file) {
        Err(panorama::domain::ingest::FileError::SummaryColumnsMissing { columns }) => {
            assert!(columns.contains(&"first_visit".to_owned()));
            assert!(columns.contains(&"litt".to_owned()));
            assert!(!columns.contains(&"frequency".to_owned()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_summary_with_the_chinese_headers_of_sql_readme_reads_the_same() {
    // The header names in sql/README.md's output table, English → Chinese.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sql/README.md"))
        .expect("readme");
    let names: HashMap<String, String> = readme
        .lines()
        .skip_while(|l| !l.starts_with("## Output"))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let en = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((en.to_owned(), (*cells.get(2)?).to_owned()))
        })
        .collect();
    let text = String::from_utf8(data("summary_value_regular.csv")).expect("utf-8");
    let (header, body) = text.split_once('\n').expect("header");
    let zh: Vec<&str> = header.split(',').map(|h| names[h].as_str()).collect();
    assert_eq!(zh[0], "客户编号");
    let chinese = format!("{}\n{body}", zh.join(","));
    let file = open(chinese.into_bytes(), "汇总.csv", None).expect("opens");
    assert!(panorama::domain::summary::is_summary(&file.headers));
    let read = read_summary_file(&file).expect("reads");
    assert!(read.rejected.is_empty());
    assert_eq!(read.summary, summary("summary_value_regular.csv"));
}
