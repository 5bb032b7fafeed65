//! Text bytes through the whole import: `ingest::open`, then an `Importer`
//! stepped in small slices to the end, then the rejected rows' file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use panorama::domain::ingest::decode::{sniff_kind, FileKind};
use panorama::domain::ingest::{open, Importer};
use panorama::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    // Workbooks have a target of their own.
    if !matches!(sniff_kind(data), Ok(FileKind::Text)) {
        return;
    }
    let Ok(file) = open(data.to_vec(), "fuzz.csv", None) else {
        return;
    };
    let mapping = file.mapping.clone();
    let Ok(mut importer) = Importer::new(file, mapping) else {
        return;
    };
    while !importer.step(7) {
        let p = importer.progress();
        assert!((0.0..=1.0).contains(&p), "progress {p}");
    }
    let Ok(report) = importer.finish() else {
        return;
    };
    assert_eq!(
        report.rows_read,
        report.rows_accepted() as u64 + report.rejected.len() as u64
    );
    for lang in [Lang::Zh, Lang::En] {
        for e in &report.rejected {
            let _ = e.message(lang);
        }
        let _ = report.rejected_csv(["line", "column", "reason"], |k| k.message(lang));
    }
});
