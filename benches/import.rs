//! Import benchmark: a demo export of about 1,000,000 rows (≈ 60 MB CSV),
//! in UTF-8 and in GBK, opened and imported natively. Prints the figures and
//! leaves the UTF-8 file at target/bench-data/visits_1m.csv for the browser
//! benchmark (scripts/bench.sh). Run: `cargo bench --bench import`.

use panorama::domain::demo::{self, DemoConfig};
use panorama::domain::ingest::{open, Importer};
use std::time::Instant;

/// Customers that give about a million rows (≈ 6.5 rows each).
const CUSTOMERS: usize = 154_000;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join("visits_1m.csv");

    let t = Instant::now();
    let rows = demo::generate(&DemoConfig {
        customers: CUSTOMERS,
        ..DemoConfig::default()
    });
    let mut csv = Vec::new();
    demo::write_csv(&rows, &mut csv).expect("csv");
    println!(
        "generated {} rows, {:.1} MB CSV in {:.2} s",
        rows.len(),
        csv.len() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    std::fs::write(&path, &csv).expect("write");
    std::fs::write(dir.join("visits_1m.rows"), rows.len().to_string()).expect("write");
    drop(rows);

    let text = String::from_utf8(csv.clone()).expect("utf-8");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let gbk = gbk.into_owned();
    drop(text);

    // For comparison: the csv crate alone, reading the records and nothing else.
    let mut best = f64::MAX;
    let mut records = 0u64;
    for _ in 0..3 {
        let t = Instant::now();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.as_slice());
        let mut record = csv::ByteRecord::new();
        records = 0;
        while reader.read_byte_record(&mut record).expect("csv") {
            records += 1;
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = csv.len() as f64 / 1e6;
    println!(
        "csv crate parse only: {records} records in {:.0} ms ({:.0} MB/s)",
        best * 1e3,
        mb / best
    );

    for (label, bytes) in [("UTF-8", csv), ("GBK", gbk)] {
        let mb = bytes.len() as f64 / 1e6;
        let mut best = f64::MAX;
        let mut result = None;
        for _ in 0..3 {
            let t = Instant::now();
            let file = open(bytes.clone(), "visits_1m.csv", None).expect("open");
            let opened = t.elapsed().as_secs_f64();
            let mapping = file.mapping.clone();
            let report = Importer::new(file, mapping)
                .expect("mapping")
                .finish()
                .expect("rows");
            let summary = report.dataset.summary();
            let total = t.elapsed().as_secs_f64();
            if total < best {
                best = total;
                result = Some((
                    opened,
                    report.rows_accepted(),
                    report.rejected.len(),
                    summary,
                ));
            }
        }
        if let Some((opened, accepted, rejected, s)) = result {
            println!(
                "{label}: {mb:.1} MB → {accepted} rows ({rejected} rejected), {} customers, {} visits; \
                 open+decode {:.0} ms, total {:.0} ms ({:.0} MB/s, {:.2} M rows/s)",
                s.customers,
                s.visits,
                opened * 1e3,
                best * 1e3,
                mb / best,
                accepted as f64 / best / 1e6
            );
        }
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
            println!(
                "peak resident memory (whole bench): {}",
                line.trim_start_matches("VmHWM:").trim()
            );
        }
    }
}
