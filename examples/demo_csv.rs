//! Writes the app's default demo export (the "load demo" data, 20,000
//! customers, seed 2024) as a UTF-8 CSV, so tools outside the browser (the
//! warehouse SQL check) see the very rows the app loads.
//!
//!   cargo run --example demo_csv -- target/demo/visits_demo.csv

use panorama::domain::demo::{generate, write_csv, DemoConfig};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/demo/visits_demo.csv".to_owned());
    let path = std::path::Path::new(&path);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create the output folder");
    }
    let rows = generate(&DemoConfig::default());
    let file = std::fs::File::create(path).expect("create the CSV");
    write_csv(&rows, std::io::BufWriter::new(file)).expect("write the CSV");
    println!("{}: {} rows", path.display(), rows.len());
}
