//! Import benchmark: a demo export of about 1,000,000 rows (≈ 60 MB CSV),
//! in UTF-8 and in GBK, opened and imported natively. Prints the figures and
//! leaves the UTF-8 file at target/bench-data/visits_1m.csv for the browser
//! benchmark (scripts/bench.sh). Run: `cargo bench --bench import`.

use panorama::domain::demo::{self, DemoConfig};
use panorama::domain::ingest::parts::{part_text, Part, HEAD_BYTES};
use panorama::domain::ingest::{open, open_head, Importer};
use panorama::domain::model::Renumbering;
use std::sync::Arc;
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

    for (label, bytes) in [("UTF-8", &csv), ("GBK", &gbk)] {
        two_workers(label, bytes);
    }

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

/// The import as the browser runs it on a large file: opened from its first
/// megabyte, the first half of the parts read by one thread (the engine
/// worker), the second half by another (the helper worker), whose parts
/// cross as bytes (`Part::to_bytes`, as a worker message carries them) and
/// are absorbed as they arrive. Checked equal to the whole-file import.
fn two_workers(label: &str, bytes: &[u8]) {
    let mb = bytes.len() as f64 / 1e6;
    let mut best = f64::MAX;
    let mut rows = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let file = open_head(&bytes[..HEAD_BYTES], bytes.len(), "visits_1m.csv")
            .expect("open")
            .expect("a file in parts");
        let spec = file.parts().expect("parts");
        let n = spec.plan.parts();
        let split = n.div_ceil(2);
        let text = |k: usize| {
            Arc::new(
                part_text(
                    &spec.plan,
                    k,
                    &bytes[spec.plan.read_range(k)],
                    spec.encoding,
                )
                .expect("part"),
            )
        };
        let mapping = file.mapping.clone();
        let report = std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::channel::<Vec<u8>>();
            let helper_mapping = mapping.clone();
            let headers = file.headers.clone();
            let text = &text;
            let spec = &spec;
            scope.spawn(move || {
                let mut chain =
                    Importer::over_part(text(split), spec.delimiter, 0, helper_mapping, headers)
                        .expect("mapping");
                for k in split + 1..n {
                    chain.next_part(text(k));
                    send.send(chain.drain_part().to_bytes()).expect("send");
                }
                send.send(chain.drain_part().to_bytes()).expect("send");
            });
            let mut first = Importer::over_part(
                text(0),
                spec.delimiter,
                spec.skip,
                mapping.clone(),
                file.headers.clone(),
            )
            .expect("mapping");
            for k in 1..split {
                first.next_part(text(k));
            }
            let mut map = Renumbering::default();
            for part in receive {
                first.absorb(Part::from_bytes(&part).expect("part"), &mut map);
            }
            first
                .finish_joined(file.name.clone(), file.format.clone())
                .expect("clean parts")
                .expect("rows")
        });
        best = best.min(t.elapsed().as_secs_f64());
        rows = report.rows_accepted();
    }
    let whole = open(bytes.to_vec(), "visits_1m.csv", None).expect("open");
    let mapping = whole.mapping.clone();
    let reference = Importer::new(whole, mapping)
        .expect("mapping")
        .finish()
        .expect("rows");
    assert_eq!(
        rows,
        reference.rows_accepted(),
        "parts and whole file differ"
    );
    println!(
        "{label} in parts over two threads (as the browser's two workers): {rows} rows in {:.0} ms ({:.0} MB/s)",
        best * 1e3,
        mb / best
    );
}
