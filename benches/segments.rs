//! Segmentation benchmark: about 1,000,000 visits (≈ 210,000 customers of
//! the demo generator) scored, segmented and summarised natively. Leaves the
//! rows at target/bench-data/visits_1m_visits.csv for the browser benchmark.
//! Run: `cargo bench --bench segments`.

use panorama::domain::demo::{self, DemoConfig};
use panorama::domain::rfm::ScoringMode;
use panorama::domain::segmentation::{segment, SegmentSettings};
use std::time::Instant;

const CUSTOMERS: usize = 210_000;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let rows = demo::generate(&DemoConfig {
        customers: CUSTOMERS,
        ..DemoConfig::default()
    });
    let mut csv = Vec::new();
    demo::write_csv(&rows, &mut csv).expect("csv");
    std::fs::write(dir.join("visits_1m_visits.csv"), &csv).expect("write");
    let d = demo::to_dataset(rows);
    let s = d.summary();
    std::fs::write(
        dir.join("visits_1m_visits.customers"),
        s.customers.to_string(),
    )
    .expect("write");
    let as_of = s.last_date.expect("dates");
    println!(
        "{} rows, {} visits, {} customers ({:.1} MB CSV)",
        s.rows,
        s.visits,
        s.customers,
        csv.len() as f64 / 1e6
    );
    for (label, settings) in [
        ("quantile", SegmentSettings::default()),
        (
            "business",
            SegmentSettings {
                scoring: ScoringMode::Business(Default::default()),
                ..SegmentSettings::default()
            },
        ),
    ] {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let seg = segment(&d, as_of, &settings);
            std::hint::black_box(&seg);
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!("segment ({label}): best of 5 {:.0} ms", best * 1e3);
    }
}
